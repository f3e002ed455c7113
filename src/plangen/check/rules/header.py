"""header: the header and title are present and well formed.

Quốc hiệu "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and Tiêu ngữ "Độc lập - Tự do - Hạnh phúc",
spelled right; the issuing body; the symbol `Số: 92/KH-UBND` (or the draft blank
`Số:      /KH-UBND`) with a leading zero below 10; the date line `Hà Nội, ngày 05 tháng 02 năm
2026` with a comma after the place and the leading zeros of days below 10 and months 1 and 2 (or
the draft blanks); the type name KẾ HOẠCH and a summary. A plan issued with a decision
("Kèm theo Quyết định …") has no number and no date line of its own; in a file that holds the
decision and then the plan, the "Số: …/QĐ-…" and the date at its top are the decision's. A Word file in which the
type name is not found gets a note: its header cannot be told from its body.

Good:
    Số: 05/KH-UBND            Hà Nội, ngày 05 tháng 02 năm 2026
Bad:
    Số: 5/KH-UBND             Hà Nội ngày 5 tháng 2 năm 2026

Source: Nghị định 30/2020/NĐ-CP, Phụ lục I (Quốc hiệu, Tiêu ngữ, số và ký hiệu, địa danh và thời gian).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from plangen.check.finding import NOTE, Finding, finding
from plangen.check.view import MOTTO, NATIONAL_TITLE, PlanView, Where, fold
from plangen.i18n import _

ID = "header"
SEVERITY = "error"
SOURCES = ("yaml", "docx")
FORMATS = ("state",)  # a Party document has "ĐẢNG CỘNG SẢN VIỆT NAM" and "Số 12-KH/ĐU" (no colon)

BLANK = r"[\s\u00a0._…]*"
NUMBER_LINE = re.compile(rf"^Số\s*:\s*(?P<num>\d+|{BLANK})/(?P<sym>[A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-ZĐ][A-ZĐ0-9/.]*)+)$")
DATE_LINE = re.compile(
    rf"^(?P<place>[^,]+?)(?P<comma>,?)\s*ngày\s*(?P<d>\d+|{BLANK})\s*tháng\s*(?P<m>\d+|{BLANK})\s*năm\s*(?P<y>\d{{4}})$")


def _normal(text: str) -> str:
    return " ".join(text.replace("\u2013", "-").replace("\u2014", "-").split())


def check(view: PlanView, config) -> Iterator[Finding]:
    top = Where(1, 1) if view.source == "yaml" else Where(paragraph=1)
    type_name = view.header.get("type_name")
    if type_name is None and view.source == "docx":  # no plan's title: the header cannot be told from the body
        yield finding(_("the type name KẾ HOẠCH was not found, so the header was not checked"), top, NOTE)
        return
    nt = view.header.get("national_title")
    if nt is None:
        yield finding(_("the Quốc hiệu “{text}” is missing").format(text=NATIONAL_TITLE), top)
    elif fold(_normal(nt.text)).replace("HOÀ", "HÒA") != NATIONAL_TITLE:
        yield finding(_("the Quốc hiệu should read “{text}”").format(text=NATIONAL_TITLE), nt.where)
    motto = view.header.get("motto")
    if motto is None:
        yield finding(_("the Tiêu ngữ “{text}” is missing").format(text=MOTTO), top)
    elif _normal(motto.text) != MOTTO:
        yield finding(_("the Tiêu ngữ should read “{text}”").format(text=MOTTO), motto.where)
    if not view.issuer_lines:
        yield finding(_("the issuing body is missing from the header"), top)
    if type_name is None:
        yield finding(_("the type name KẾ HOẠCH is missing"), top)
        return
    if not view.summary:
        yield finding(_("the summary (trích yếu) under KẾ HOẠCH is missing"), type_name.where)
    if view.issued_with_decision:
        for key in ("number", "date"):
            if view.header.get(key) is not None:
                yield finding(_("a plan issued with a decision has no number or date line of its own"),
                              view.header[key].where)
        return
    yield from _number(view.header.get("number"), type_name.where)
    yield from _date(view.header.get("date"), type_name.where)


def symbol_line(line, pattern: re.Pattern[str]) -> tuple[str, re.Match[str] | None]:
    """The number line's text, spaces made plain, and its match against a format's pattern
    (a space typed before the slash aside)."""
    text = _normal(line.text)
    return text, pattern.match(text.replace(" /", "/"))


def one_digit(m: re.Match[str]) -> str | None:
    """The number of a symbol written with one digit (`5`, where offices write `05`), else None."""
    num = m.group("num").strip()
    return num if num.isdigit() and len(num) == 1 else None


def _number(line, fallback: Where) -> Iterator[Finding]:
    if line is None:
        yield finding(_("the number line `Số: …/KH-…` is missing"), fallback)
        return
    text, m = symbol_line(line, NUMBER_LINE)
    if not m:
        yield finding(_("the number line should read like `Số: 05/KH-UBND` (found “{text}”)").format(text=text),
                      line.where)
        return
    if num := one_digit(m):
        yield finding(_("numbers below 10 take a leading zero: `Số: 0{n}/…`").format(n=num), line.where)
    if not m.group("sym").startswith("KH-"):
        yield finding(_("the symbol of a plan starts with KH- (found {sym})").format(sym=m.group("sym")), line.where)


def _date(line, fallback: Where) -> Iterator[Finding]:
    if line is None:
        yield finding(_("the place and date line is missing"), fallback)
        return
    text = _normal(line.text)
    m = DATE_LINE.match(text)
    if not m:
        yield finding(_("the date line should read like `Hà Nội, ngày 05 tháng 02 năm 2026` (found “{text}”)"
                        ).format(text=text), line.where)
        return
    if not m.group("comma"):
        yield finding(_("a comma follows the place name: “{place}, ngày …”").format(place=m.group("place")),
                      line.where)
    day, month = m.group("d").strip(), m.group("m").strip()
    if day.isdigit() and len(day) == 1:
        yield finding(_("days below 10 take a leading zero: `ngày 0{d}`").format(d=day), line.where)
    if month.isdigit() and int(month) in (1, 2) and len(month) == 1:
        yield finding(_("the months 1 and 2 take a leading zero: `tháng 0{m}`").format(m=month), line.where)
    if day.isdigit() and month.isdigit():
        import datetime as dt

        try:
            dt.date(int(m.group("y")), int(month), int(day))
        except ValueError:
            yield finding(_("the date line is not a real date"), line.where)


DOC_VI = """header: phần đầu và tên văn bản đầy đủ, đúng thể thức.

Có Quốc hiệu "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" và Tiêu ngữ "Độc lập - Tự do - Hạnh phúc" (đúng
chữ hoa, chữ thường), tên cơ quan ban hành, dòng "Số: 05/KH-…" (số dưới 10 có số 0 ở trước), dòng
địa danh và ngày tháng, tên loại "KẾ HOẠCH" và trích yếu. Kế hoạch ban hành kèm theo quyết định
không có số và ngày riêng; tệp có quyết định rồi đến kế hoạch thì dòng "Số: …/QĐ-…" và ngày ở đầu
tệp là của quyết định. Tệp Word không tìm thấy tên loại thì chỉ ghi chú: không phân biệt được
phần đầu với nội dung.

Đúng:
    Số: 05/KH-UBND / Hà Nội, ngày 05 tháng 02 năm 2026 / KẾ HOẠCH / Phòng, chống …
Sai:
    Số: 5/KH-UBND; "Độc lập - Tự do - Hạnh Phúc"; Hà Nội ngày 5/2/2026

Căn cứ: Nghị định 30/2020/NĐ-CP, Phụ lục I (Quốc hiệu, Tiêu ngữ, số và ký hiệu, địa danh và thời gian).
"""
"""The rule's documentation in Vietnamese (`plangen check --explain`, the default language)."""
