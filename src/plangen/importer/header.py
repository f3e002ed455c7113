"""The header of a plan: issuing body and its governing body, number and symbol, place and date, the
partners of a joint plan, the document it is issued with, and the opening paragraphs.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from plangen import vietnamese as vn
from plangen.i18n import _
from plangen.importer.base import Context, literal
from plangen.plan import wording
from plangen.plan.vocabulary import DOCUMENT_NUMBERS, in_years, is_issuer_code, is_unit_code
from plangen.word import party
from plangen.word.recognise import (
    YEAR,
    fold,
    plan_year,
)
from plangen.word.wordfile import Para

_SYMBOL = re.compile(r"^\s*Số\s*:?\s*(\d{1,5})?\s*/\s*([A-ZĐa-zđ]{1,6})-([A-ZĐ0-9]{1,12})(?:-([A-ZĐ0-9]{1,12}))?",
                     re.IGNORECASE)


def number_as_written(digits: str) -> int | str | None:
    """The plan's number: a number, or its digits as text when the source writes zeros that the
    number would not print (`0204`; `05` is how 5 prints anyway); None for none a document can have
    (`0`, more than five digits)."""
    value = int(digits)
    if not DOCUMENT_NUMBERS[0] <= value <= DOCUMENT_NUMBERS[1]:
        return None
    return digits if vn.document_number(value) != digits and digits.startswith("0") else value


_LONG_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")


_DECISION = re.compile(
    r"^\(\s*Kèm theo\s+Quyết định\s+số\s*:?\s*(\d{1,6}/[\wĐđ/-]{1,40})\s+ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})"
    r"\s+năm\s+(\d{4})\s+của\s+([^)]{1,300})\)\s*$")


def _initials(name: str) -> str:
    """"ỦY BAN NHÂN DÂN" → UBND, "SỞ Y TẾ" → SYT: the usual symbol code of a body."""
    import unicodedata

    letters = []
    for word in fold(name).split():
        first = word[0]
        if first == "Đ":
            letters.append("Đ")
            continue
        base = unicodedata.normalize("NFD", first)[0]
        if base.isalpha():
            letters.append(base.upper())
    code = "".join(letters) or "UBND"
    return code if code[0].isalpha() else "UBND"


def _place_from(names: list[str]) -> str | None:
    for line in reversed(names):
        m = re.match(r"^(?:TỈNH|THÀNH PHỐ|XÃ|PHƯỜNG|HUYỆN|QUẬN|THỊ XÃ|ĐẶC KHU)\s+(.+)$", fold(line))
        if m:
            return " ".join(w.capitalize() for w in m.group(1).lower().split())
    return None


_DOCUMENT = re.compile(
    r"^\(\s*(?P<wording>[^()]{1,60}?)\s+(?P<kind>Quyết định|Nghị quyết|Kế hoạch|Chỉ thị|Chương trình|Kết luận|"
    r"Hướng dẫn|Thông báo|Nghị định|Thông tư|Công văn|Đề án|Quy chế)\s+số\s*:?\s*(?P<number>\d[\w/.-]{0,60})"
    r"(?:\s+ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4}))?"
    r"\s+của\s+(?P<by>[^()]{1,300})\)$")


class HeaderPart(Context):
    """The header of a plan: issuing body and its governing body, number and symbol, place and date, the"""

    def issuer(self) -> dict[str, Any]:
        r = self.r
        out: dict[str, Any] = {}
        if r.format == "party":  # said, never guessed silently: the header is a Party document's
            out["format"] = "party"
        if r.governing:
            out["governing_body"] = [literal(p.text.strip()) for p in r.governing]
        names = [line.strip() for p in r.issuer for line in p.text.split("\n") if line.strip()]
        code = unit = None
        if r.number:
            m = _SYMBOL.match(r.number.text)
            if m:
                code, unit = m.group(3).upper(), (m.group(4) or "").upper() or None
                if not is_issuer_code(code) or (unit and not is_unit_code(unit)):
                    self.note(("issuer", "code"), _("the symbol “{line}” has no issuer's abbreviation a symbol can "
                                                    "have (capital letters, then letters or digits)").format(
                        line=" ".join(r.number.text.split())), r.number)
                    code, unit = (code if is_issuer_code(code) else None), None
        if not names:
            names = [self._issuer_from_text()]
            self.note(("issuer", "name"), _("the header was not found: issuer taken from the text; confirm"))
        out["name"] = [literal(x) for x in names]
        if r.format == "party":
            code = code or self._party_code(names)
        full = self._full_name()
        if full:
            out["full_name"] = literal(full)
        if not code:
            code = _initials(names[0])
            self.note(("issuer", "code"), _("symbol code guessed from the issuer's name: {code}; confirm").format(
                code=code))
        out["code"] = code
        if unit and r.format == "party":  # 36-HD/VPTW, 1.3: `Số 12-KH/ĐU`, no drafting unit
            self.note(("issuer", "code"), _("the number line “{line}” names a drafting unit, {unit}, which a Party "
                                            "symbol has not: left out").format(
                line=" ".join(r.number.text.split()), unit=unit), r.number)
        elif unit:
            out["unit"] = unit
        place = None
        if r.date:
            place = r.date.text.split(",", 1)[0].strip() if "," in r.date.text else None
        if not place:
            place = _place_from(names) or "[Địa danh]"
            self.note(("issuer", "place"), _("place of the date line not found: {place}; confirm").format(
                place=place))
        out["place"] = literal(place)
        return out

    def _party_code(self, names: list[str]) -> str | None:
        """The issuing body of a Party symbol (`Số 12-KH/ĐU` → ĐU); without one, the usual symbol of
        the body's kind (ĐẢNG UỶ → ĐU, TỈNH UỶ → TU, CHI BỘ → CB), said for review."""
        m = party.number(self.r.number.text) if self.r.number else None
        if m:
            return m.group("code")
        code = party.usual_code(names[-1]) if names else None
        if code:
            self.note(("issuer", "code"), _("no symbol line: the usual symbol of a {body} is {code}; confirm").format(
                body=names[-1], code=code))
        return code

    def _party_number(self, data: dict[str, Any]) -> None:
        """A Party symbol's number; when the document leaves it blank (numbered at registration), the
        number of a portal record's "Số hiệu" row, for review."""
        m = party.number(self.r.number.text) if self.r.number else None
        if not m:
            return
        if m.group("num"):
            self._number(data, m.group("num"))
            return
        for p in [*self.r.record, *self.r.header_other]:
            row = party.record_number(p.text, m.group("code"))
            if row is not None:
                data["number"] = row
                self.number_line_unprinted = self.r.number
                self.note(("number",), _("the document leaves its number blank (“{line}”); the record's "
                                         "“Số hiệu” row gives {n}: confirm").format(
                    line=" ".join(self.r.number.text.split()), n=row), p)
                return

    def _number(self, data: dict[str, Any], digits: str) -> None:
        """The plan's number as the number line writes it; one no document has (`0`) is left blank."""
        number = number_as_written(digits)
        if number is None:
            self.note(("number",), _("the number line “{line}” writes {digits}, which no document is numbered: left "
                                     "blank (a draft's number)").format(
                line=" ".join(self.r.number.text.split()), digits=digits), self.r.number)
        else:
            data["number"] = number

    def _issuer_from_text(self) -> str:
        sig = [t for t, _p in self.r.signature if t.startswith("TM.")]
        return sig[0][3:].strip() if sig else "[TÊN CƠ QUAN BAN HÀNH]"

    def _full_name(self) -> str | None:
        for appendix in self.r.appendices:
            if appendix.reference is not None:
                m = re.search(r"\bcủa\s+([^)]{2,200})\)", " ".join(p.text for p in appendix.reference_lines))
                if m:
                    return m.group(1).strip()
        return None

    def dates(self, data: dict[str, Any]) -> None:
        r = self.r
        if r.number:
            m = _SYMBOL.match(r.number.text)
            if m and m.group(1):
                self._number(data, m.group(1))
        if r.format == "party":
            self._party_number(data)
        issue_year = None
        if r.date:
            m = _LONG_DATE.search(r.date.text)
            if m:
                try:
                    day = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
                    if not in_years(day.year):  # "năm 0999", "năm 2300": a slip of the keyboard, not a date to keep
                        raise ValueError(day)
                    data["date"] = vn.date_numeric(day)
                except ValueError:
                    self.note(("date",), _("the date line holds an impossible date: “{text}”").format(
                        text=r.date.text.strip()), r.date)
            else:
                y = re.search(r"năm\s+(\d{4})", r.date.text)
                issue_year = int(y.group(1)) if y and in_years(int(y.group(1))) else None
                month = re.search(r"tháng\s+(\d{1,2})\s+năm", r.date.text)
                if month and 1 <= int(month.group(1)) <= 12:
                    data["draft_month"] = int(month.group(1))  # "ngày … tháng 4 năm 2026"
        summary = " ".join(p.text for p in r.summary)
        known = plan_year(summary, int(data["date"][-4:]) if "date" in data else issue_year)
        if known and in_years(known):
            self.year = known
        else:
            found = [int(y) for y in YEAR.findall(" ".join(p.text for p in r.body[:40])) if in_years(int(y))]
            self.year = max(set(found), key=found.count) if found else dt.date.today().year
            self.note(("year",), _("the plan year was guessed: {year}; confirm").format(year=self.year))
        if issue_year and issue_year != self.year:
            data["issue_year"] = issue_year

    def preamble(self, data: dict[str, Any]) -> None:
        bases, paras = [], []
        for p in self.r.header_other:
            if self.r.format == "party" and party.is_mark(p.text):
                continue  # a rule typed in a Party header (under the title): the layout prints it
            paras.append(p)
        ahead = self._above_bases()
        leading = True
        for p in self.r.preamble:
            text = p.text.strip()
            if p in ahead:
                continue
            if leading and text.startswith("Căn cứ ") and not paras:
                bases.append(p)
            else:
                leading = False
                paras.append(p)
        paras = [*self.r.decision, *ahead, *paras]
        if bases:
            texts = [p.text.strip() for p in bases]
            uniform = all(t.endswith(";") for t in texts[:-1]) and (
                texts[-1].endswith(";" if paras else "."))
            if not uniform:
                data["legal_bases_end"] = "as_written"  # each basis ends as its author wrote
            data["legal_bases"] = []
            for i, (p, text) in enumerate(zip(bases, texts, strict=True)):
                text = text[len("Căn cứ "):]
                if uniform or i == len(texts) - 1:
                    text = text.rstrip(";.")
                data["legal_bases"].append(self.text(p, text, ("legal_bases", i)))
        if paras:
            data["preamble"] = [self.text(p, p.text.strip(), ("preamble", i)) for i, p in enumerate(paras)]
            if self.r.decision:
                self.note(("preamble", 0), _("paragraphs 1 to {n} of the preamble are the decision that issues the "
                                             "plan (its articles, recipients and signature), kept so that nothing "
                                             "is lost: plangen prints the plan, the decision is recorded in "
                                             "issued_with; remove them").format(n=len(self.r.decision)),
                          self.r.decision[0])
            for i, p in enumerate(paras):
                if p in self.r.header_other:
                    self.note(("preamble", i), _("text found in the header, kept as a preamble paragraph: "
                                                 "move or remove it"), p)
                elif p in ahead:
                    self.note(("preamble", i), _("this line stands above the legal bases in the source; plangen "
                                                 "prints the bases first: check its place"), p)

    def source_record(self, data: dict[str, Any]) -> None:
        """The text above the header (a portal's record of the document: its number, date, field,
        summary; a converter's note): not part of the plan, so neither its preamble nor silently
        dropped. Kept as written, for review; `build` prints it above the header, highlighted. The
        document's own number line joins it when the plan prints another number (one left blank,
        given by the record)."""
        kept = [literal(p.text.strip()) for p in self.r.record]
        if self.r.record:
            first, last = self.r.record[0], self.r.record[-1]
            self.note(("source_record", 0), _(
                "{n} paragraphs stand above the document's header ({first} to {last}: a portal's record of "
                "the document or a converter's note); they are not part of the plan: kept as written in "
                "source_record, printed highlighted above the header; delete them before issuing").format(
                n=len(self.r.record), first=self.where(first), last=self.where(last)), first)
        line = self.number_line_unprinted
        if line is not None:  # the plan prints the number the record gives: the line as the document has it
            kept.append(literal(" ".join(line.text.split())))
            self.note(("source_record", len(kept) - 1), _(
                "the number line as the document prints it (“{line}”) is kept with the record: the plan "
                "prints the number the record gives; delete it before issuing").format(
                line=" ".join(line.text.split())), line)
        if kept:
            data["source_record"] = kept

    def _above_bases(self) -> list[Para]:
        """Short lines before the "Căn cứ …" bases (an addressee's "Kính gửi: …"): kept as
        preamble paragraphs, so that the bases after them are still read as bases."""
        ahead: list[Para] = []
        if self.r.header_other:
            return ahead
        for p in self.r.preamble[:3]:
            text = p.text.strip()
            if text.startswith("Căn cứ "):
                return ahead
            if len(text) > 200 or text.endswith((".", ";")):
                break
            ahead.append(p)
        return []

    def partners(self, data: dict[str, Any]) -> None:
        """A joint plan's other bodies: header lines, own number, signature block."""
        r = self.r
        if not r.partner_issuers:
            return
        out = []
        for k, (governing, names) in enumerate(r.partner_issuers):
            issuer: dict[str, Any] = {}
            if governing:
                issuer["governing_body"] = [literal(p.text.strip()) for p in governing]
            issuer["name"] = [literal(p.text.strip()) for p in names]
            partner: dict[str, Any] = {"issuer": issuer}
            number_line = r.numbers[k + 1] if k + 1 < len(r.numbers) else None
            m = _SYMBOL.match(number_line.text) if number_line is not None else None
            issuer["code"] = m.group(3).upper() if m and is_issuer_code(m.group(3).upper()) else \
                _initials(issuer["name"][0])
            if m and m.group(4) and is_unit_code(m.group(4).upper()):
                issuer["unit"] = m.group(4).upper()
            issuer["place"] = data["issuer"]["place"]
            if m and m.group(1) and DOCUMENT_NUMBERS[0] <= int(m.group(1)) <= DOCUMENT_NUMBERS[1]:
                partner["number"] = int(m.group(1))
            if k < len(r.partner_signatures):
                partner["signature"] = self.signature(r.partner_signatures[k], ("partners", k, "signature"))
            out.append(partner)
        data["partners"] = out

    def issuing_decision(self) -> dict[str, Any]:
        """The decision published before the plan, whose header is the plan's: its number and
        date, who issued it (from the plan's "(Kèm theo Quyết định … của …)" line, else the
        header), and that line as written when plangen would print another (a number left blank)."""
        r = self.r
        written = re.sub(r"\s*([/-])\s*", r"\1", r.number.text.split(":", 1)[-1]) if r.number else ""  # "2623 /QĐ"
        number = re.search(r"\d[\w/.-]{0,60}", written)
        out: dict[str, Any] = {"number": number.group(0).rstrip(".") if number else "1/QĐ"}
        if number is None:
            self.note(("issued_with", "number"), _("the number of the decision was not found: give it"), r.number)
        elif not re.match(wording.DOCUMENT_SYMBOL, out["number"]):  # "Số: 2623": digits, no symbol
            out["number"] = re.sub(r"^(\d+).*$", r"\1/QĐ", out["number"])
            self.note(("issued_with", "number"), _("the decision's number line “{line}” has no symbol: written "
                                                   "{number}; give the symbol").format(
                line=" ".join(r.number.text.split()), number=out["number"]), r.number)
        m = _LONG_DATE.search(r.date.text) if r.date else None
        if m:
            try:
                out["date"] = vn.date_numeric(dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))))
            except ValueError:
                self.note(("issued_with", "date"), _("the date line holds an impossible date: “{text}”").format(
                    text=r.date.text.strip()), r.date)
        line = " ".join(r.decision_line.text.split()) if r.decision_line is not None else ""
        by = re.search(r"\bcủa\s+([^()]{2,300})\)$", line)
        names = " ".join(p.text.strip() for p in r.issuer)
        out["by"] = literal(by.group(1).strip() if by else (names.capitalize() or "[Cơ quan ban hành]"))
        if line:
            printed = " ".join(_printed_reference(out).split())
            if printed != line:
                out["line"] = literal(line)
                self.note(("issued_with", "line"), _("the line under the summary is kept as written, “{line}”; the "
                                                     "decision's header gives {number}").format(
                    line=line, number=out["number"]), r.decision_line)
        return out

    def decision(self, p: Para) -> dict[str, Any] | None:
        """The bracketed line under the summary: the document the plan is issued with or implements."""
        line = " ".join(p.text.split())
        m = _DOCUMENT.match(line)
        if not m:
            self.note(("issued_with",), _("the line “{text}” was not understood: write issued_with by hand").format(
                text=line[:80]), p)
            return None
        out: dict[str, Any] = {"number": m.group("number")}
        if m.group("d"):
            try:
                out["date"] = vn.date_numeric(dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d"))))
            except ValueError:
                return None
        out["by"] = literal(m.group("by").strip())
        words = m.group("wording").strip()
        if words != "Kèm theo":
            out["wording"] = words
        if wording.document_type_name(out["number"]) != m.group("kind"):
            out["kind"] = m.group("kind")
        if " ".join(_printed_reference({**out, "by": m.group("by")}).split()) != line:
            out["line"] = literal(line)
        return out


def _printed_reference(out: dict[str, Any]) -> str:
    """The line plangen prints for the document `out` describes (`issued_with`); "" when the plan
    would not take it (a number that is no document symbol, an impossible date, no issuer)."""
    if not re.match(wording.DOCUMENT_SYMBOL, out["number"]) or not out.get("by"):
        return ""
    try:
        day = vn.parse_date(out["date"]) if out.get("date") else None
    except ValueError:
        return ""
    return wording.document_line(out["number"], out["by"], day, out.get("kind"), out.get("wording", "Kèm theo"),
                                 out.get("line"))
