"""`plangen import`: a plan an office already has (Word, PDF, text) → plan data and YAML.

The document is read as displayed (`plangen.sources`), its parts recognised by the recogniser
that `plangen check` uses (`plangen.recognise`), and each part mapped onto the plan schema:
labels are dropped (plangen computes them), the plan year and the plan's own dates become
`{{ year }}` and variables where that is unambiguous, inline bold and italic become markup.
Whatever is taken by a guess is listed for review; text that fits no field is kept as a paragraph
and listed too: nothing of the source is dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plangen import models
from plangen import vietnamese as vn
from plangen.errors import PlanInputError, Problem
from plangen.i18n import _
from plangen.recognise import (
    YEAR,
    Appendix,
    Node,
    Recognised,
    Section,
    SignatureBlock,
    fold,
    inline_agency,
    is_agency_heading,
    is_upper,
    names_an_agency,
    plan_year,
    recognise,
)
from plangen.sources import Source, read_source
from plangen.wordfile import Para

KIND_ORDER = [k.value for k in models.SectionKind]


@dataclass
class ReviewNote:
    """Something imported by a guess, to confirm: where it lands in the plan, and why."""

    path: tuple  # path of the value in the plan data
    message: str
    source: str = ""  # where in the source file: "line 12", "paragraph 40"
    line: int = 0  # line in the written YAML (set when written)


@dataclass
class Imported:
    data: dict[str, Any]
    review: list[ReviewNote] = field(default_factory=list)
    source: Source | None = None


# --- inline formatting -----------------------------------------------------------------------

_MARKUP_CHARS = re.compile(r"([\\*\[\]^])")


def escape(text: str) -> str:
    """Plain text as a plan text: markup characters and Jinja delimiters kept literal."""
    text = _MARKUP_CHARS.sub(r"\\\1", text) if re.search(r"[\\*^]|\^\[", text) else text
    return _escape_jinja(text)


def literal(text: str) -> str:
    """Plain text for a field printed without markup (header, recipients, signature): only the
    `{{ … }}` delimiters are kept literal, as every text of a plan is a template."""
    return _escape_jinja(text)


def _escape_jinja(text: str) -> str:
    if "{" not in text:
        return text
    return re.sub(r"\{[{%#]", lambda m: "{{ '" + m.group(0) + "' }}", text)


def markup(p: Para | None, text: str, base_bold: bool | None = None) -> str:
    """`text`, a part of the paragraph's text (its end, after the label, or a title before the
    plan's title end), with its bold and italic spans and its footnotes as markup."""
    if p is None or not p.runs or not text.strip():
        return escape(text)
    joined = "".join(r.text for r in p.runs)
    shown = joined.rstrip()
    if shown.endswith(text):
        start = len(shown) - len(text)
    else:
        start = joined.find(text)
        if start < 0:
            return escape(text)
    stop = start + len(text)
    bold_base = _all_bold(p) if base_bold is None else base_bold
    italic_base = all(run.italic for run in p.runs if run.text.strip())
    pieces: list[tuple[str, bool, bool, str | None]] = []
    pos = 0
    for run in p.runs:
        end = pos + len(run.text)
        if run.note is not None:
            if start <= pos <= stop:
                pieces.append(("", False, False, run.note))
            continue
        if end > start and pos < stop:
            piece = run.text[max(0, start - pos):stop - pos]
            pieces.append((piece, run.bold and not bold_base, run.italic and not italic_base, None))
        pos = end
    out: list[str] = []
    for piece, bold, italic, note in _merge(pieces):
        if note is not None:
            out.append("^[" + escape(note).replace("]", "\\]") + "]")
            continue
        lead = piece[:len(piece) - len(piece.lstrip())]
        trail = piece[len(piece.rstrip()):]
        core = piece.strip()
        mark = ("**" if bold else "") + ("*" if italic else "")
        if core and mark:
            out.append(f"{lead}{mark}{escape(core)}{mark[::-1]}{trail}")
        else:
            out.append(escape(piece))
    return "".join(out)


def _merge(pieces: list[tuple[str, bool, bool, str | None]]) -> list[tuple[str, bool, bool, str | None]]:
    out: list[tuple[str, bool, bool, str | None]] = []
    for piece in pieces:
        if out and piece[3] is None and out[-1][3] is None and out[-1][1:3] == piece[1:3]:
            out[-1] = (out[-1][0] + piece[0], *piece[1:])
        elif piece[0] or piece[3] is not None:
            out.append(piece)
    return out


# --- the importer ------------------------------------------------------------------------------

_SYMBOL = re.compile(r"^\s*Số\s*:?\s*(\d{1,5})?\s*/\s*([A-ZĐa-zđ]{1,6})-([A-ZĐ0-9]{1,12})(?:-([A-ZĐ0-9]{1,12}))?",
                     re.IGNORECASE)
_LONG_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_DECISION = re.compile(
    r"^\(\s*Kèm theo\s+Quyết định\s+số\s*:?\s*(\d{1,6}/[\wĐđ/-]{1,40})\s+ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})"
    r"\s+năm\s+(\d{4})\s+của\s+([^)]{1,300})\)\s*$")
_EVENT_YEAR = re.compile(r"(năm)\s+(\d{4})(?![\d/])")
_FACTS = re.compile(r"\s\((?:Chủ trì|phối hợp|thời gian|sản phẩm|ghi chú): [^()]{1,2000}\)$")


class _Importer:
    def __init__(self, r: Recognised, source: Source):
        self.r = r
        self.source = source
        self.review: list[ReviewNote] = []
        self.year = 0
        self.variables: dict[str, str] = {}
        self.date_names: dict[str, str] = {}  # date as written → variable name
        self.title_end = _title_end(r)
        self.task_tables: list[tuple[Node, tuple]] = []
        self.marks_noted: set[str] = set()

    def note(self, path: tuple, message: str, p: Para | None = None) -> None:
        self.review.append(ReviewNote(path, message, self.where(p)))

    def where(self, p: Para | None) -> str:
        if p is None:
            return ""
        return (_("line {n}") if self.source.kind in ("text", "pdf") else _("paragraph {n}")).format(n=p.index)

    # --- header ----------------------------------------------------------------------------

    def issuer(self) -> dict[str, Any]:
        r = self.r
        out: dict[str, Any] = {}
        if r.governing:
            out["governing_body"] = [literal(p.text.strip()) for p in r.governing]
        names = [line.strip() for p in r.issuer for line in p.text.split("\n") if line.strip()]
        code = unit = None
        if r.number:
            m = _SYMBOL.match(r.number.text)
            if m:
                code, unit = m.group(3).upper(), (m.group(4) or "").upper() or None
        if not names:
            names = [self._issuer_from_text()]
            self.note(("issuer", "name"), _("the header was not found: issuer taken from the text; confirm"))
        out["name"] = [literal(x) for x in names]
        full = self._full_name()
        if full:
            out["full_name"] = literal(full)
        if not code:
            code = _initials(names[0])
            self.note(("issuer", "code"), _("symbol code guessed from the issuer's name: {code}; confirm").format(
                code=code))
        out["code"] = code
        if unit:
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

    def _issuer_from_text(self) -> str:
        sig = [t for t, _p in self.r.signature if t.startswith("TM.")]
        return sig[0][3:].strip() if sig else "[TÊN CƠ QUAN BAN HÀNH]"

    def _full_name(self) -> str | None:
        for appendix in self.r.appendices:
            if appendix.reference is not None:
                m = re.search(r"\bcủa\s+([^)]{2,200})\)", appendix.reference.text)
                if m:
                    return m.group(1).strip()
        return None

    def dates(self, data: dict[str, Any]) -> None:
        r = self.r
        if r.number:
            m = _SYMBOL.match(r.number.text)
            if m and m.group(1):
                data["number"] = int(m.group(1))
        issue_year = None
        if r.date:
            m = _LONG_DATE.search(r.date.text)
            if m:
                try:
                    data["date"] = vn.date_numeric(dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))))
                except ValueError:
                    self.note(("date",), _("the date line holds an impossible date: “{text}”").format(
                        text=r.date.text.strip()), r.date)
            else:
                y = re.search(r"năm\s+(\d{4})", r.date.text)
                issue_year = int(y.group(1)) if y else None
                month = re.search(r"tháng\s+(\d{1,2})\s+năm", r.date.text)
                if month and 1 <= int(month.group(1)) <= 12:
                    data["draft_month"] = int(month.group(1))  # "ngày … tháng 4 năm 2026"
        summary = " ".join(p.text for p in r.summary)
        known = plan_year(summary, int(data["date"][-4:]) if "date" in data else issue_year)
        if known:
            self.year = known
        else:
            found = YEAR.findall(" ".join(p.text for p in r.body[:40]))
            self.year = max(set(found), key=found.count) if found else dt.date.today().year
            self.year = int(self.year)
            self.note(("year",), _("the plan year was guessed: {year}; confirm").format(year=self.year))
        if issue_year and issue_year != self.year:
            data["issue_year"] = issue_year

    # --- texts -----------------------------------------------------------------------------

    def text(self, p: Para | None, text: str, path: tuple, base_bold: bool | None = None,
             own_year: bool = False) -> str:
        """A text of the plan: markup, the plan's dates as variables, the plan year as {{ year }}
        (always in the summary, `own_year`; elsewhere where the wording makes it the plan's)."""
        out = markup(p, text, base_bold)
        out = self._dates_to_variables(out)
        out = _EVENT_YEAR.sub(lambda m: self._year(m, out, own_year), out)
        outside = re.sub(r"\{\{.*?\}\}", "", out)
        if re.search(rf"(?<![\d/]){self.year}(?![\d/])", outside):
            self.note(path, _("this text writes {year} literally: is it the plan's year (then use "
                              "{{{{ year }}}}) or another document's?").format(year=self.year), p)
        return out

    def _year(self, m: re.Match, text: str, own_year: bool) -> str:
        """"năm 2025" of the plan's own year after an event's name or in "trong năm", else kept."""
        if int(m.group(2)) != self.year:
            return m.group(0)
        before = text[max(0, m.start() - 12):m.start()]
        if own_year or re.search(r"(”|\"|trong|của|cả|kế hoạch|Kế hoạch)\s*$", before):
            return f"{m.group(1)} {{{{ year }}}}"
        return m.group(0)

    def _dates_to_variables(self, text: str) -> str:
        from plangen.check.view import deadlines_in

        found = [(day, written, at) for day, written, at in deadlines_in(text)
                 if day is not None and written == vn.date_numeric(day)]
        for day, written, at in reversed(found):
            before = text[max(0, at - 40):at]
            if "{{" in before and "}}" not in before:
                continue
            name = self.date_names.get(written)
            if name is None:
                base = "han_bao_cao" if "báo cáo" in text[max(0, at - 200):at] else (
                    "tu_ngay" if re.search(r"từ\s*(ngày\s*)?$", before) else (
                        "den_ngay" if re.search(r"(đến|-|–)\s*(ngày\s*)?$", before) else "han"))
                name = base
                n = 2
                while name in self.variables:
                    name = f"{base}_{n}"
                    n += 1
                self.variables[name] = vn.date_numeric(day)
                self.date_names[written] = name
            text = f"{text[:at]}{{{{ {name} | dmy }}}}{text[at + len(written):]}"
        return text

    # --- body ------------------------------------------------------------------------------

    def preamble(self, data: dict[str, Any]) -> None:
        bases, paras = [], []
        for p in self.r.header_other:
            paras.append(p)
        leading = True
        for p in self.r.preamble:
            text = p.text.strip()
            if leading and text.startswith("Căn cứ ") and not paras:
                bases.append(p)
            else:
                leading = False
                paras.append(p)
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
            for i, p in enumerate(paras):
                if p in self.r.header_other:
                    self.note(("preamble", i), _("text found in the header, kept as a preamble paragraph: "
                                                 "move or remove it"), p)

    def sections(self) -> list[dict[str, Any]]:
        out = []
        for i, section in enumerate(self.r.sections):
            out.append(self.section(section, ("sections", i)))
        return out

    def section(self, section: Section, path: tuple) -> dict[str, Any]:
        kinds = [k for k in KIND_ORDER if k in section.kinds] or ["other"]
        item: dict[str, Any] = {"kind": kinds if len(kinds) > 1 else kinds[0]}
        default = ", ".join(models.DEFAULT_HEADINGS[models.SectionKind(k)] for k in kinds if k != "other")
        title = section.title.strip()
        if fold(title) != fold(default) or "other" in kinds or not is_upper(title):
            item["heading"] = escape(title)
        if kinds == ["other"]:
            self.note((*path, "kind"), _("the heading “{title}” names none of a plan's usual parts: kept as "
                                         "`other`; give its kind if it is one").format(title=title[:60]),
                      section.heading)
        elif not section.from_wording:
            self.note((*path, "kind"), _("kind of section “{title}” recognised from its content, not its "
                                         "heading: confirm").format(title=title[:60]), section.heading)
        assignments = "assignments" in section.kinds
        content = self.blocks(section.nodes, (*path, "content"), assignments)
        if not content:
            content = ["[Nội dung]"]
            self.note((*path, "content"), _("this section has no content in the source"), section.heading)
        item["content"] = content
        return item

    def blocks(self, nodes: list[Node], path: tuple, assignments: bool = False) -> list[Any]:
        out: list[Any] = []
        i = 0
        while i < len(nodes):
            node = nodes[i]
            here = (*path, len(out))
            i += 1
            if node.kind == "item" and not node.text.strip():  # a number with no text: nothing to keep
                self.note(here, _("a numbered line with no text was left out (the numbers after it move up)"),
                          node.para)
                out += self.blocks(node.children, path, assignments)
                continue
            if node.kind == "item" and assignments:
                block, rest = self.assignment(node, here)
                if block is not None:
                    out.append(block)
                    out += self.blocks(rest, path)  # paragraphs after the tasks: the section's own
                    continue
            if node.kind == "table":
                words = nodes[i] if i < len(nodes) and nodes[i].kind == "paragraph" else None
                budget = self.budget(node, words)
                if budget is not None:
                    out.append(budget)
                    i += budget["budget"].get("total_in_words", True) is not False and words is not None
                    continue
                if _is_task_table(node):
                    self.task_tables.append((node, here))
                    out.append({"task_table": {}})
                    continue
            out.append(self.block(node, here))
        return out

    def block(self, node: Node, path: tuple) -> Any:
        p = node.para
        if node.kind == "paragraph":
            caption = self.caption(node, path)
            return caption if caption is not None else self.text(p, node.text, path)
        if node.kind == "heading":
            block: dict[str, Any] = {"heading": self.text(p, node.text, (*path, "heading"))}
            if node.children:
                block["content"] = self.blocks(node.children, (*path, "content"))
            return block
        if node.kind == "table":
            signoff = _signoff(node)
            return signoff if signoff is not None else self.table(node, path)
        children = self.blocks(node.children, (*path, "content"))
        if node.kind == "item":
            block = self.item(node, path)
        elif node.kind == "point":
            block = {"point": self.text(p, node.text, (*path, "point"))}
        else:
            block = {"bullet": self.text(p, node.text, (*path, "bullet"))}
            if node.label not in ("-", "+") and node.label not in self.marks_noted:
                self.marks_noted.add(node.label)  # said once: every such bullet changes alike
                self.note(path, _("bullets marked “{mark}” in the source are printed with “-”").format(
                    mark=node.label), p)
        if children:
            block["content"] = children
        return block

    def item(self, node: Node, path: tuple) -> dict[str, Any]:
        p = node.para
        text = node.text.strip()
        split = _bold_title(p, text)
        if split is not None:
            title, rest = split
            return {"title": self.text(None, title, (*path, "title")),
                    "item": self.text(p, rest, (*path, "item"))}
        whole_bold = p is not None and p.formatted and _all_bold(p)
        body = self._strip_end(text)
        looks_title = (whole_bold or (node.children and not p.formatted)) and len(text) < 200 and \
            not body.endswith((";", ":")) and not re.search(r"[.;]\s", body) and (
                whole_bold or not body.endswith("."))
        if looks_title and (node.children or whole_bold) and body.strip():
            return {"title": self.text(p, self._strip_end(text), (*path, "title"), base_bold=True)}
        return {"item": self.text(p, text, (*path, "item"))}

    def assignment(self, node: Node, path: tuple) -> tuple[dict[str, Any] | None, list[Node]]:
        """An agency heading with its tasks, or an inline "2. Sở Y tế: Chủ trì …"; and the blocks
        after its tasks that are not tasks (kept after it)."""
        p = node.para
        text = node.text.strip()
        if is_agency_heading(node) and node.children[0].kind in ("bullet", "paragraph"):
            kind = node.children[0].kind
            n = 0
            while n < len(node.children) and node.children[n].kind == kind:
                n += 1
            name = self._strip_end(text)
            own_end = name.rstrip()[-1:] if name.rstrip()[-1:] in (":", ".") else ""
            block = self._agency(name.rstrip()[:-1] if own_end else name, path)
            if own_end:
                block["title_end"] = own_end  # this heading alone ends so, as the author wrote
            if kind == "paragraph":
                block["layout"] = "paragraphs"
            block["tasks"] = [self.task(c, (*path, "tasks", k)) for k, c in enumerate(node.children[:n])]
            return block, node.children[n:]
        colon = inline_agency(node)
        bold_head = _bold_prefix(p, text)
        rest = text[len(bold_head):] if bold_head else ""
        sep = rest[:len(rest) - len(rest.lstrip(": "))] or " "
        if bold_head and names_an_agency(bold_head) and rest[len(sep):].strip():
            block = self._agency(bold_head.strip(), path)
            block["layout"] = "inline"
            if sep != ": ":
                block["separator"] = sep
            block["tasks"] = [self._task_text(p, rest[len(sep):], (*path, "tasks", 0), node.children)]
            return block, []
        if colon is not None and (not p or not p.formatted or not p.runs) and text[colon + 1:].strip():
            block = self._agency(text[:colon].strip(), path)
            block["layout"] = "inline"
            block["tasks"] = [self._task_text(p, text[colon + 1:].lstrip(), (*path, "tasks", 0), node.children)]
            return block, []
        return None, []  # "Giao Sở … chủ trì …": an item that assigns in a sentence, kept as written

    def _strip_end(self, title: str) -> str:
        """A stand-alone title without the plan's `item_title_end` (printed after every title)."""
        return title[: -len(self.title_end)] if self.title_end and title.endswith(self.title_end) else title

    def _agency(self, name: str, path: tuple) -> dict[str, Any]:
        block: dict[str, Any] = {}
        request = False
        if name.startswith("Đề nghị "):
            request, name = True, name[len("Đề nghị "):].strip()
        m = re.match(r"^(.{2,300}?)\s*\(([^()]{2,300})\)$", name)
        if m:
            name, note = m.group(1).strip(), m.group(2).strip()
            block["agency"] = escape(name)
            block["note"] = escape(note)
        else:
            block["agency"] = escape(name)
        if request:
            block["request"] = True
        return block

    def task(self, node: Node, path: tuple) -> Any:
        return self._task_text(node.para, node.text, path, node.children)

    def _task_text(self, p: Para | None, text: str, path: tuple, children: list[Node]) -> Any:
        value = self.text(p, text.strip(), path)
        if _FACTS.search(text):
            self.note(path, _("the task ends with its facts in brackets (lead, cooperating, time): they "
                              "could be fields of the task"), p)
        if children:
            return {"text": value, "content": self.blocks(children, (*path, "content"))}
        return value

    def caption(self, node: Node, path: tuple) -> dict[str, Any] | None:
        """A short line set apart (centred or flush right, or a bold line flush left): "Biểu 01",
        a form's own title, a unit line. Known only in a Word file."""
        p = node.para
        if p is None or not p.formatted or len(node.text) > 200 or node.children:
            return None
        if p.align not in ("center", "right") and not (p.align == "left" and _all_bold(p) and len(node.text) < 100):
            return None
        block: dict[str, Any] = {"caption": self.text(p, node.text, (*path, "caption"), base_bold=True)}
        if p.align != "center":
            block["align"] = p.align
        if not _all_bold(p):
            block["bold"] = False
        if p.runs and all(run.italic for run in p.runs if run.text.strip()):
            block["italic"] = True
        return block

    def table(self, node: Node, path: tuple) -> dict[str, Any]:
        """A table as written: merged cells, heading rows, a numbered TT column, alignment per
        column and the table's own size, when the Word file says so."""
        grid = _grid(node)
        if not grid:
            return {"table": {"columns": [""], "rows": []}}
        width = max(sum(c["colspan"] for c in row) + _covered(grid, r) for r, row in enumerate(grid))
        heads = 1
        while heads < len(grid) and any(c["rowspan"] > heads for c in grid[0]) and heads < 3:
            heads += 1
        spec: dict[str, Any] = {}
        body = grid[heads:]
        numbered = _numbered_column(grid, heads, width)
        if numbered:
            first = grid[0][0]["text"]
            if first != "TT":
                spec["number_heading"] = escape(first)
            # the TT cell opens the first heading row (merged over the others) and every body row
            grid = [row[1:] if r == 0 or (r >= heads and not _group_row(row, width)) else row
                    for r, row in enumerate(grid)]
            for row in grid[heads:]:
                if _group_row(row, width):  # a group row spans the columns after TT
                    row[0] = {**row[0], "colspan": row[0]["colspan"] - 1}
            body = [row for row in grid[heads:]]
            width -= 1
        header = grid[:heads]
        simple_head = heads == 1 and all(c["colspan"] == 1 and c["rowspan"] == 1 for c in header[0])
        spec["columns"] = [escape(c["text"]) for c in header[0]] if simple_head else _column_titles(header, width)
        if not simple_head:
            spec["header"] = [[_cell_value(c) for c in row] for row in header]
        if numbered:
            spec["numbered"] = True
        aligns = _column_aligns(body, width)
        if aligns and any(a != "left" for a in aligns):
            spec["align"] = aligns
        sizes = {c["size"] for row in grid for c in row if c["size"] and c["text"]}
        if len(sizes) == 1 and sizes != {13.0}:
            size = sizes.pop()
            spec["font_size"] = int(size) if size == int(size) else size
        spec["rows"] = [[_cell_value(c, bold=True) for c in row] for row in body]
        try:
            models.TableSpec.model_validate(spec)
        except ValueError:
            rows = [[escape(c) for c in row] for row in node.rows]
            most = max(len(row) for row in rows)
            self.note(path, _("a table with merged cells: cells were split, check the table"), node.para)
            rows = [row + [""] * (most - len(row)) for row in rows]
            return {"table": {"columns": rows[0], "rows": rows[1:]}}
        return {"table": spec}

    def budget(self, node: Node, words: Node | None) -> dict[str, Any] | None:
        """The itemised budget plangen prints (TT | Nội dung | Kinh phí (đồng) [| Nguồn]) read back."""
        rows = node.rows
        head = [fold(c) for c in rows[0]] if rows else []
        if head[:3] != ["TT", "NỘI DUNG", "KINH PHÍ (ĐỒNG)"] or len(head) not in (3, 4) or len(rows) < 3:
            return None
        with_source = len(head) == 4 and head[3] == "NGUỒN KINH PHÍ"
        if len(head) == 4 and not with_source:
            return None
        items = []
        for n, row in enumerate(rows[1:-1], start=1):
            amount = _amount(row[2]) if len(row) > 2 else None
            if len(row) != len(head) or row[0].strip() != str(n) or amount is None or not row[1].strip():
                return None
            line: dict[str, Any] = {"name": escape(row[1].strip()), "amount": amount}
            if with_source and row[3].strip():
                line["source"] = escape(row[3].strip())
            items.append(line)
        total = rows[-1]
        if len(total) != len(head) or fold(total[1]) != "TỔNG CỘNG" or _amount(total[2]) != sum(
                x["amount"] for x in items):
            return None
        spec: dict[str, Any] = {"items": items}
        expected = f"Tổng kinh phí: {vn.money(sum(x['amount'] for x in items))} đồng (Bằng chữ: "
        if words is None or not words.text.startswith(expected):
            spec["total_in_words"] = False
        return {"budget": spec}

    def shown(self, text: str) -> str:
        """A text of the plan as printed: markup off, the date variables this import made put back."""
        def value(m: re.Match) -> str:
            return self.variables.get(m.group(1), m.group(0)) if m.group(2) == "dmy" else (
                str(self.year) if m.group(1) == "year" else m.group(0))

        return _plain(re.sub(r"\{\{ (\w+)(?: \| (\w+))? \}\}", value, text))

    def fill_from_task_tables(self, data: dict[str, Any]) -> None:
        """A task table made from the plan's tasks: its lead, cooperating, time and notes become
        the tasks' own fields; a table that does not match the tasks stays a table."""
        if not self.task_tables:
            return
        tasks = list(_tasks_of(data))
        for node, path in self.task_tables:
            rows = node.rows[1:]
            matched = len(rows) == len(tasks) and all(
                self.shown(_task_text(t)) == " ".join(row[1].split()) for (t, _a, _h, _k), row in zip(
                    tasks, rows, strict=True))
            if not matched:
                holder, key = _resolve(data, path)
                holder[key] = self.table(node, path)
                self.note(path, _("a task table that does not list the plan's tasks: kept as a table"), node.para)
                continue
            for (task, agency, holder, key), row in zip(tasks, rows, strict=True):
                fields = _task_fields(row, agency)
                if fields:
                    value = {"text": task} if isinstance(task, str) else dict(task)
                    value.update(fields)
                    holder[key] = _task_ordered(value)

    # --- ending and appendices -----------------------------------------------------------

    def closing(self, data: dict[str, Any]) -> None:
        closing = [self.text(p, p.text.strip(), ("closing", i)) for i, p in enumerate(self.r.closing)]
        for p in self.r.ending_other:
            closing.append(self.text(p, p.text.strip(), ("closing", len(closing))))
            self.note(("closing", len(closing) - 1), _("text found among the recipients and the signature, "
                                                      "kept as a closing paragraph: move or remove it"), p)
        if closing:
            data["closing"] = closing

    def ending(self, data: dict[str, Any]) -> None:
        r = self.r
        recipients = []
        archive = None
        for text, _p in r.recipients:
            value = text.strip().lstrip("-–+• ").strip()
            if value.startswith("Lưu"):
                archive = value.split(":", 1)[1].strip().rstrip(".;") if ":" in value else value[3:].strip()
                continue
            cleaned = value.rstrip(";,. ").strip()
            if cleaned:
                recipients.append(literal(cleaned))
        if recipients:
            data["recipients"] = recipients
        if archive:
            data["archive"] = literal(archive)
        elif r.recipients_heading is not None:
            self.note(("archive",), _("no “- Lưu: …” line in the source: VT is printed"), r.recipients_heading)
        if r.signature:
            data["signature"] = self.signature()

    def signature(self, block: SignatureBlock | None = None, path: tuple = ("signature",)) -> dict[str, Any]:
        """A signature block: `TM. ỦY BAN NHÂN DÂN` / `KT. CHỦ TỊCH` / `PHÓ CHỦ TỊCH`, the name,
        the lines under it."""
        block = block or SignatureBlock(self.r.signature, self.r.signer, self.r.after_name)
        lines = [re.sub(r"^(TM|KT|TL|TUQ|Q)\.\s*", r"\1. ", t.strip()) for t, _p in block.lines]
        first_p = block.lines[0][1]
        out: dict[str, Any] = {}
        if lines[0].startswith("T/M."):
            lines[0] = "TM. " + lines[0][4:].strip()
            self.note((*path, "authority"), _("“T/M.” in the source is written “TM.”"), first_p)
        m = re.match(r"^(TM|KT|TL|TUQ|Q)\. (.+)$", lines[0])
        rest = lines[1:]
        if m and m.group(1) == "TM":
            out["authority"] = "TM."
            out["collective"] = literal(m.group(2))
            if rest and rest[0].startswith("KT. "):
                out["head"] = literal(rest.pop(0)[4:])
        elif m:
            out["authority"] = m.group(1) + "."
            out["head"] = literal(m.group(2))
        else:
            out["authority"] = "none"
            rest = lines
        if rest:
            out["position"] = literal(rest.pop(0))
        elif out["authority"] != "Q.":
            out["position"] = out.get("head", "[CHỨC VỤ]")
            self.note((*path, "position"), _("the signer's position was not found"), first_p)
        if rest:
            out["position"] = " ".join([out["position"], *(literal(x) for x in rest)])
            self.note((*path, "position"), _("several lines under the authority were joined: {lines}").format(
                lines=" / ".join(lines)), first_p)
        out["name"] = literal(block.signer[0]) if block.signer else ""
        if block.after_name:
            out["after_name"] = [literal(t) for t, _p in block.after_name]
        return out

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
            issuer["code"] = m.group(3).upper() if m else _initials(issuer["name"][0])
            if m and m.group(4):
                issuer["unit"] = m.group(4).upper()
            issuer["place"] = data["issuer"]["place"]
            if m and m.group(1):
                partner["number"] = int(m.group(1))
            if k < len(r.partner_signatures):
                partner["signature"] = self.signature(r.partner_signatures[k], ("partners", k, "signature"))
            out.append(partner)
        data["partners"] = out

    def appendices(self, data: dict[str, Any]) -> None:
        out = []
        for i, appendix in enumerate(self.r.appendices):
            out.append(self.appendix(appendix, ("appendices", i), i, len(self.r.appendices), data))
        if out:
            data["appendices"] = out
            if "full_name" not in data["issuer"]:
                data["issuer"]["full_name"] = " ".join(data["issuer"]["name"]).title()
                self.note(("issuer", "full_name"), _("the issuer's name in running text was guessed for the "
                                                     "appendix line: confirm"))

    def appendix(self, appendix: Appendix, path: tuple, index: int, count: int, data: dict[str, Any]) -> dict[str, Any]:
        """An appendix as a small document: its label as written, title, subtitle lines, its
        "(Kèm theo Kế hoạch …)" line as written (or none), and its content."""
        out: dict[str, Any] = {}
        label = appendix.label.text.strip() if appendix.label is not None else ""
        titles = [p.text.strip() for p in appendix.titles if p is not appendix.label]
        if appendix.label is not None and appendix.label in appendix.titles:  # "PHỤ LỤC I: DANH MỤC …"
            m = re.match(r"^(\S+\s+\S+(?:\s+(?:số|SỐ)\s*)?(?:\s*[\dIVXLC]+)?)\s*[:.\-–]\s*(.+)$", label)
            if m:
                label, titles = m.group(1).strip(), [m.group(2).strip(), *titles]
        default_label = f"Phụ lục {vn.roman(index + 1)}" if count > 1 else "Phụ lục"
        if label != default_label:
            out["label"] = escape(label)
        upper = [t for t in titles if is_upper(t)]
        if titles and upper and titles[0] == upper[0]:
            out["title"] = escape(titles[0])
            rest = titles[1:]
        else:
            rest = titles
        if rest:
            out["subtitle"] = [escape(t) for t in rest]
        if "title" not in out and not rest:
            self.note((*path,), _("the appendix has no title in the source"), appendix.label)
        self._appendix_reference(appendix, out, data, path)
        if appendix.landscape:
            out["landscape"] = True
        content = self.blocks(appendix.nodes, (*path, "content"))
        if not content:
            content = ["[Nội dung phụ lục]"]
            self.note((*path, "content"), _("the appendix has no content in the source"), appendix.label)
        out["content"] = content
        return out

    def _appendix_reference(self, appendix: Appendix, out: dict[str, Any], data: dict[str, Any],
                            path: tuple) -> None:
        """The generated "(Kèm theo Kế hoạch số … của …)" when it reads as the source's, else the
        source's line as written, or none."""
        if appendix.reference is None:
            out["reference"] = False
            return
        written = " ".join(appendix.reference.text.split())
        m = re.search(r"\bcủa\s+([^()]{2,200})\)$", written)
        if m and "full_name" not in data["issuer"]:
            data["issuer"]["full_name"] = literal(m.group(1).strip())
        for label in ("số", "số:"):
            if _same_line(written, self._reference_line(data, label)):
                if label != "số":
                    out["number_label"] = label
                return
        out["reference"] = escape(written)

    def _reference_line(self, data: dict[str, Any], label: str) -> str:
        plan = {k: v for k, v in data.items() if k in ("issuer", "number", "date", "issue_year", "year",
                                                       "draft_month")}
        try:
            checked = models.Plan.model_validate({**plan, "summary": "x", "sections": [
                {"kind": "other", "heading": "x", "content": ["x"]}]})
        except ValueError:
            return ""
        from plangen.layout import reference_of

        return reference_of(checked, label)

    # --- whole plan ------------------------------------------------------------------------

    def plan(self) -> dict[str, Any]:
        r = self.r
        data: dict[str, Any] = {"issuer": self.issuer()}
        self.partners(data)
        self.dates(data)
        data["year"] = self.year
        summary_lines = [line.strip() for p in r.summary for line in p.text.split("\n") if line.strip()]
        if summary_lines:
            data["summary"] = "\n".join(self.text(None, line, ("summary",), own_year=True)
                                        for line in summary_lines)
        else:
            data["summary"] = "[Trích yếu nội dung kế hoạch]"
            self.note(("summary",), _("the summary (trích yếu) under “KẾ HOẠCH” was not found"), r.type_name)
        if r.decision_line is not None:
            decision = self.decision(r.decision_line)
            if decision and r.number is not None:
                decision["own_number"] = True  # a plan implementing the document, with its own number
            if decision:
                data["issued_with"] = decision
            else:  # kept, as the first paragraph of the preamble
                r.header_other.append(r.decision_line)
            if decision and not decision.get("own_number"):
                data.pop("number", None)
                data.pop("date", None)
                data.pop("draft_month", None)
        if r.numbering == "decimal":
            data["numbering"] = "decimal"
        elif r.numbering == "letter":
            self.note(("sections",), _("the parts are lettered {labels} in the source; the decree numbers a plan's "
                                       "sections I, II, III…: numbered so").format(
                labels=", ".join(s.label for s in r.sections[:4])), r.sections[0].heading)
        if r.sections and not all(is_upper(s.title) for s in r.sections):
            data["heading_case"] = "as_written"
        self.preamble(data)
        if self.title_end:
            data["item_title_end"] = self.title_end
        data["sections"] = self.sections()
        self.closing(data)
        self.ending(data)
        self.appendices(data)
        self.fill_from_task_tables(data)
        if self.variables:
            ordered: dict[str, Any] = {}
            for key, value in data.items():
                ordered[key] = value
                if key in ("summary", "issued_with") and "variables" not in ordered:
                    ordered["variables"] = dict(self.variables)
            if "variables" not in ordered:
                ordered["variables"] = dict(self.variables)
            data = ordered
        _strip_end_mark(data)
        return _ordered(data)

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
        wording = m.group("wording").strip()
        if wording != "Kèm theo":
            out["wording"] = wording
        reference = models.DocumentReference(**{k: v for k, v in out.items() if k != "by"}, by=m.group("by"))
        if reference.type_name != m.group("kind"):
            out["kind"] = m.group("kind")
            reference = models.DocumentReference(**{**out, "by": m.group("by")})
        if " ".join(reference.text.split()) != line:
            out["line"] = literal(line)
        return out


_DOCUMENT = re.compile(
    r"^\(\s*(?P<wording>[^()]{1,60}?)\s+(?P<kind>Quyết định|Nghị quyết|Kế hoạch|Chỉ thị|Chương trình|Kết luận|"
    r"Hướng dẫn|Thông báo|Nghị định|Thông tư|Công văn|Đề án|Quy chế)\s+số\s*:?\s*(?P<number>\d[\w/.-]{0,60})"
    r"(?:\s+ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4}))?"
    r"\s+của\s+(?P<by>[^()]{1,300})\)$")


_KEY_ORDER = ["issuer", "number", "date", "issue_year", "year", "draft_month", "summary", "issued_with", "partners",
              "theme", "variables", "legal_bases_end", "legal_bases", "preamble", "numbering", "heading_case",
              "item_title_end", "sections", "closing", "recipients", "archive", "signature", "appendices"]


def _ordered(data: dict[str, Any]) -> dict[str, Any]:
    return {k: data[k] for k in _KEY_ORDER if k in data} | {k: v for k, v in data.items() if k not in _KEY_ORDER}


def _strip_end_mark(data: dict[str, Any]) -> None:
    """plangen prints "./." after the content itself: the source's own is taken off."""
    holder, key = _last_text(data)
    if holder is None:
        return
    text = holder[key]
    for mark in ("./.", "/."):
        if text.rstrip().endswith(mark) and text.rstrip()[: -len(mark)].strip():  # never leave it empty
            cut = text.rstrip()[: -len(mark)]
            holder[key] = cut + ("." if mark == "./." and not cut.endswith(".") else "")
            return


def _last_text(data: dict[str, Any]) -> tuple[Any, Any]:
    if data.get("closing"):
        return data["closing"], len(data["closing"]) - 1
    holder: Any = None
    key: Any = None

    def walk(blocks: list) -> None:
        nonlocal holder, key
        for i, block in enumerate(blocks):
            if isinstance(block, str):
                holder, key = blocks, i
                continue
            for field_ in ("title", "item", "point", "bullet", "text"):
                if isinstance(block.get(field_), str):
                    holder, key = block, field_
            if "tasks" in block:
                tasks = block["tasks"]
                last = tasks[-1]
                if isinstance(last, str):
                    holder, key = tasks, len(tasks) - 1
                else:
                    holder, key = last, "text"
                    walk(last.get("content", []))
            walk(block.get("content", []))
            if "table" in block:
                holder, key = None, None

    if data.get("sections"):
        walk(data["sections"][-1]["content"])
    return holder, key


def _title_end(r: Recognised) -> str:
    """The mark every stand-alone item title and agency name ends with ("." or ":"), if one; a
    title followed by its text on the same line ("**Title:** text") takes that mark too."""
    ends = set()
    split = False  # some title has its text on the same line: the mark there is ":"
    for section in r.sections:
        for node in section.walk():
            if node.kind != "item" or node.para is None:
                continue
            if _bold_title(node.para, node.text) is not None:
                split = True
            elif node.children and len(node.text) < 200 and (
                    not node.para.formatted or _all_bold(node.para) or is_agency_heading(node)):
                ends.add(node.text.rstrip()[-1:] if node.text.rstrip()[-1:] in ".:" else "")
    end = ends.pop() if len(ends) == 1 else ""
    return end if not split or end == ":" else ""


def _bold_prefix(p: Para | None, text: str) -> str | None:
    """The bold words at the start of a paragraph that is not bold as a whole."""
    if p is None or not p.formatted or not p.runs or _all_bold(p):
        return None
    joined = "".join(r.text for r in p.runs)
    start = joined.find(text[:40])
    if start < 0:
        return None
    bold = []
    pos = 0
    for run in p.runs:
        end = pos + len(run.text)
        if end <= start or not run.text:
            pos = end
            continue
        piece = run.text[max(0, start - pos):]
        if not run.bold:
            break
        bold.append(piece)
        pos = end
    head = "".join(bold)
    return head if head.strip() and len(head) < len(text) else None


def _all_bold(p: Para) -> bool:
    """Every visible character bold (a title), not only most of them (an agency and a short task)."""
    if not p.runs:
        return p.bold
    return all(run.bold for run in p.runs if run.text.strip())


def _bold_title(p: Para | None, text: str) -> tuple[str, str] | None:
    """"**Title:** text": a bold title ending with ":" followed by regular text."""
    head = _bold_prefix(p, text)
    if not head:
        return None
    stripped = head.rstrip()
    if not stripped.endswith(":") or names_an_agency(stripped):
        return None
    rest = text[len(head):].lstrip()
    title = stripped[:-1].strip()
    return (title, rest) if rest and title else None


def _grid(node: Node) -> list[list[dict[str, Any]]]:
    """The table's cells row by row: text (paragraphs joined by line breaks), spans, look."""
    rows: dict[int, dict[int, list[Para]]] = {}
    for p in node.cells:
        rows.setdefault(p.row, {}).setdefault(p.column, []).append(p)
    grid: list[list[dict[str, Any]]] = []
    for _r, cells in sorted(rows.items()):
        row = []
        for _c, paras in sorted(cells.items()):
            first = paras[0]
            text = "\n".join(x.text.strip() for x in paras if x.text.strip())
            row.append({"text": text, "colspan": first.colspan, "vmerge": first.vmerge, "rowspan": 1,
                        "align": first.align, "bold": bool(text) and all(x.bold for x in paras if x.text.strip()),
                        "size": first.size if text else None})
        grid.append(row)
    # a vertically merged cell spans the rows whose cell in the same grid column continues it
    positions = [_positions(row) for row in grid]
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell["vmerge"] != "restart":
                continue
            at = positions[r][c]
            below = r + 1
            while below < len(grid) and any(positions[below][k] == at and cell_below["vmerge"] == "continue"
                                            for k, cell_below in enumerate(grid[below])):
                below += 1
            cell["rowspan"] = below - r
    return [[c for c in row if c["vmerge"] != "continue"] for row in grid]


def _positions(row: list[dict[str, Any]]) -> list[int]:
    out, at = [], 0
    for cell in row:
        out.append(at)
        at += cell["colspan"]
    return out


def _covered(grid: list[list[dict[str, Any]]], r: int) -> int:
    """Grid columns of row `r` taken by cells merged down from rows above."""
    return sum(c["colspan"] for above in range(r) for c in grid[above] if above + c["rowspan"] > r)


def _cell_value(cell: dict[str, Any], bold: bool = False) -> Any:
    """A cell as written in the plan; `bold`: say so when the cell is bold (a body cell)."""
    text = escape(cell["text"])
    bold = bold and cell["bold"]
    if cell["rowspan"] == 1 and cell["colspan"] == 1 and not bold:
        return text
    out: dict[str, Any] = {"text": text}
    if bold:
        out["bold"] = True
    if cell["rowspan"] > 1:
        out["rowspan"] = cell["rowspan"]
    if cell["colspan"] > 1:
        out["colspan"] = cell["colspan"]
    return out


def _group_row(row: list[dict[str, Any]], width: int) -> bool:
    return len(row) == 1 and row[0]["colspan"] >= width


def _numbered_column(grid: list[list[dict[str, Any]]], heads: int, width: int) -> bool:
    """A first column "TT"/"STT" whose cells count 1, 2, 3… (group rows spanning the table aside)."""
    if not grid or fold(grid[0][0]["text"]) not in ("TT", "STT") or grid[0][0]["colspan"] != 1:
        return False
    n = 0
    for row in grid[heads:]:
        if _group_row(row, width):
            continue
        n += 1
        if row[0]["text"].strip() != str(n) or row[0]["rowspan"] != 1:
            return False
    return n > 0


def _column_titles(header: list[list[dict[str, Any]]], width: int) -> list[str]:
    """One title per grid column, from the lowest heading row that has a cell there."""
    titles = [""] * width
    for r, row in enumerate(header):
        at = 0
        covered = {k for above in range(r) for k, c in enumerate(header[above])
                   if above + c["rowspan"] > r for k in [_positions(header[above])[k]]}
        for cell in row:
            while at in covered:
                at += 1
            for k in range(at, min(width, at + cell["colspan"])):
                titles[k] = escape(cell["text"])
            at += cell["colspan"]
    return titles


_ALIGN_NAMES = {"center": "center", "right": "right", "both": "justify", "left": "left", None: "left"}


def _column_aligns(body: list[list[dict[str, Any]]], width: int) -> list[str] | None:
    """Each column's alignment, when its filled cells agree (the first such cell otherwise)."""
    found: list[str | None] = [None] * width
    for row in body:
        if len(row) != width:
            continue
        for k, cell in enumerate(row):
            if cell["text"] and found[k] is None:
                found[k] = _ALIGN_NAMES.get(cell["align"], "left")
    return [a or "left" for a in found] if any(found) else None


def _signoff(node: Node) -> dict[str, Any] | None:
    """A form's signature place: a table of one row whose right cell reads "LÃNH ĐẠO ĐƠN VỊ",
    "(Ký tên, đóng dấu)"."""
    if len(node.rows) != 1 or len(node.rows[0]) != 2:
        return None
    left, right = ([x for x in cell.split("\n") if x.strip()] for cell in node.rows[0])
    if not right or not is_upper(right[0]) or not any(x.startswith(("(Ký", "(ký")) for x in right):
        return None
    block: dict[str, Any] = {"signoff": [escape(x) for x in right]}
    if left:
        block["left"] = [escape(x) for x in left]
    return block


TASK_TABLE_HEAD = ["TT", "NHIỆM VỤ", "CƠ QUAN CHỦ TRÌ", "CƠ QUAN PHỐI HỢP", "THỜI GIAN THỰC HIỆN", "GHI CHÚ"]


def _is_task_table(node: Node) -> bool:
    return bool(node.rows) and [fold(c) for c in node.rows[0]] == TASK_TABLE_HEAD and all(
        len(row) == 6 and row[0].strip() == str(n) for n, row in enumerate(node.rows[1:], start=1))


def _amount(text: str) -> int | None:
    digits = text.strip()
    if not re.fullmatch(r"\d{1,3}(?:\.\d{3})*", digits):
        return None
    return int(digits.replace(".", ""))


def _plain(text: str) -> str:
    from plangen.markup import plain

    return " ".join(plain(text).split())


def _task_text(task: Any) -> str:
    return task if isinstance(task, str) else task["text"]


def _tasks_of(data: dict[str, Any]):
    """(task, agency, holder, key) of every task, in document order."""
    def walk(blocks: list):
        for block in blocks:
            if isinstance(block, dict):
                if "agency" in block:
                    for k in range(len(block["tasks"])):
                        yield block["tasks"][k], block["agency"], block["tasks"], k
                yield from walk(block.get("content", []))

    for section in data.get("sections", []):
        yield from walk(section["content"])


def _resolve(data: Any, path: tuple) -> tuple[Any, Any]:
    holder = data
    for key in path[:-1]:
        holder = holder[key]
    return holder, path[-1]


_RANGE = re.compile(r"^(\d{1,2}/\d{1,2}/\d{4})\s*[-–]\s*(\d{1,2}/\d{1,2}/\d{4})$")
_ONE_DATE = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$")


def _task_fields(row: list[str], agency: str) -> dict[str, Any]:
    """A task table row (TT, task, lead, cooperating, time, notes) → the task's own fields."""
    out: dict[str, Any] = {}
    lead, cooperating, when, notes = (" ".join(c.split()) for c in row[2:6])
    if lead and lead != _plain(agency):
        out["lead"] = escape(lead)
    if cooperating:
        names: list[str] = []
        for part in (x.strip() for x in cooperating.split(", ") if x.strip()):
            if names and part[:1].islower():  # "Vụ Truyền thông và Thi đua, khen thưởng": one body
                names[-1] += ", " + part
            else:
                names.append(part)
        out["cooperating"] = [escape(x) for x in names]
    for part in [x.strip() for x in when.split("; ") if x.strip()]:
        m = _RANGE.match(part.replace("\u00a0", " "))
        if m and "period" not in out:
            out["period"] = {"start": m.group(1), "end": m.group(2)}
        elif _ONE_DATE.match(part) and "deadline" not in out:
            out["deadline"] = part
        elif "period" not in out:
            out["period"] = escape(part)
        else:
            out["note"] = escape(part)
    if notes:
        first, _sep, rest = notes.partition("; ")
        if first.startswith("Sản phẩm: "):
            out["output"] = escape(first[len("Sản phẩm: "):])
            if rest:
                out["note"] = escape(rest)
        else:
            out["note"] = escape(notes)
    return out


def _task_ordered(task: dict[str, Any]) -> dict[str, Any]:
    order = ["text", "lead", "cooperating", "deadline", "period", "output", "note", "content"]
    return {k: task[k] for k in order if k in task}


def _same_line(a: str, b: str) -> bool:
    return " ".join(a.replace("\u00a0", " ").split()) == " ".join(b.replace("\u00a0", " ").split())


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


# --- entry points ------------------------------------------------------------------------------

def not_a_plan(source: Source, r: Recognised) -> PlanInputError | None:
    """A located refusal when the file is not a plan (a letter, a decision, an empty file)."""
    if r.sections:
        return None
    texts = [fold(p.text[:40]) for p in source.paragraphs[:200] if p.text.strip()]
    kind = next((t for t in texts if t in ("QUYẾT ĐỊNH", "CÔNG VĂN", "THÔNG BÁO", "BÁO CÁO", "TỜ TRÌNH",
                                           "CHỈ THỊ", "NGHỊ QUYẾT", "HƯỚNG DẪN", "CHƯƠNG TRÌNH")), None)
    if kind:
        message = _("this is not a plan (Kế hoạch) but a “{kind}”: plangen imports plans only").format(
            kind=kind.capitalize())
    elif any(t.startswith("V/V") for t in texts):
        message = _("this is not a plan (Kế hoạch) but a letter (công văn): plangen imports plans only")
    elif not texts:
        message = _("the file holds no text")
    else:
        message = _("no plan was recognised: a plan has the title “KẾ HOẠCH” and numbered sections "
                    "(I., II. … or 1., 2. …)")
    return PlanInputError(Problem(source.path, None, None, message))


def import_source(source: Source) -> Imported:
    r = recognise(source.paragraphs)
    refusal = not_a_plan(source, r)
    if refusal:
        raise refusal
    if source.word is not None:
        for appendix in r.appendices:
            sections = source.word.sections
            first = appendix.paras[0] if appendix.paras else appendix.label
            if first is not None and first.page_section < len(sections):
                page = sections[first.page_section]
                appendix.landscape = page.width_mm > page.height_mm
    importer = _Importer(r, source)
    data = importer.plan()
    return Imported(data, importer.review, source)


def import_file(path: str | Path) -> Imported:
    return import_source(read_source(path))


def import_plan(path: str | Path) -> tuple[models.Plan, list[ReviewNote]]:
    """Library use: the plan in a Word, PDF or text file, and what to review."""
    from plangen.load import load_plan_text

    text, review = import_to_yaml(path)
    return load_plan_text(text, str(path)).plan, review


def import_to_yaml(path: str | Path, review_header: bool = True) -> tuple[str, list[ReviewNote]]:
    """The YAML text of the plan in a Word, PDF or text file, and what to review (with lines)."""
    from plangen.yamlwrite import plan_yaml

    imported = import_file(path)
    header = [_("Imported from {name} by `plangen import`: check every REVIEW point, then build.").format(
        name=Path(path).name)]
    return plan_yaml(imported, header, review_header)


def next_year_draft(path: str | Path, year: int | None = None) -> tuple[str, list]:
    """`plangen new --from last-year.docx`: import, then roll to next year as for a YAML plan."""
    import tempfile

    from plangen.draft import roll_forward

    text, _review = import_to_yaml(path, review_header=False)
    with tempfile.TemporaryDirectory(prefix="plangen-import-") as tmp:
        staged = Path(tmp, Path(path).stem + ".yaml")
        staged.write_text(text, encoding="utf-8")
        return roll_forward(staged, year)
