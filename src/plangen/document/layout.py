"""Plan → the context a Word template receives (the documented template interface).

This is where the decree's layout rules become data: numbering labels, upper-casing of headings,
the draft blanks, the "./." end mark, the recipients' punctuation, the signature lines. The
template only places what it gets here; see `docs/template.md` for the variables.

Over 500 lines on purpose: every layout rule of the decree is here, in the order of the page, so that
a reader checking the document against ND30 finds them in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from plangen import vietnamese as vn
from plangen.document.measure import mm, text_width_twips
from plangen.document.tables import CENTER, JUSTIFY, LEFT, RIGHT, Cell, Column, TableXml, spread
from plangen.plan import models, wording
from plangen.plan.markup import FootnoteSink, Runs, plain
from plangen.plan.tasks import section_label, task_facts, task_rows

# ND30 Phụ lục I (page): A4 with left 30 mm and right 15 mm margins → 165 mm of text width.
TEXT_WIDTH = mm(210 - 30 - 15)
LANDSCAPE_TEXT_WIDTH = mm(297 - 30 - 15)  # a landscape appendix keeps the same margins
# ND30 Mẫu 1.4: header columns of about 67.5 mm + 100 mm (kept within the text width).
HEADER_LEFT = mm(65)
HEADER_RIGHT = mm(100)
MOTTO = "Độc lập - Tự do - Hạnh phúc"
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TYPE_NAME = "KẾ HOẠCH"

BLOCK_KINDS = ("heading", "item_title", "item", "point", "bullet", "paragraph", "preamble",
               "closing", "table", "caption", "signoff")
"""Kinds of body blocks a template must place (each with its own paragraph style; tables,
captions and signature places come as XML of their own)."""

ALIGN = {models.Align.left: LEFT, models.Align.center: CENTER, models.Align.right: RIGHT,
         models.Align.justify: JUSTIFY}
BASIS_OPENINGS = ("Căn cứ", "Thực hiện", "Theo", "Xét", "Triển khai")
"""Words a legal basis written out in full opens with (then `Căn cứ` is not added)."""


@dataclass
class Block:
    """One paragraph (or table) of the body, as the template sees it."""

    kind: str
    runs: Runs = field(default_factory=Runs)
    table: TableXml | None = None
    origin: tuple = ()  # path of the plan value it comes from, to locate findings
    xml: object = None  # a caption or signature place: its own XML, placed with {{p b.xml }}

    def __getitem__(self, key: str) -> Any:  # so templates may write b['kind'] too
        return getattr(self, key)


def _bullet_mark(depth: int) -> str:
    """`-` for bullets, `+` for bullets inside bullets (common practice in plans)."""
    return "-" if depth == 0 else "+"


def _heading_text(plan: models.Plan, text: str) -> str:
    return vn.upper(text) if plan.heading_case == models.HeadingCase.upper else text


class _Layout:
    def __init__(self, plan: models.Plan, notes: FootnoteSink, text_width: int = TEXT_WIDTH):
        self.plan = plan
        self.notes = notes
        self.text_width = text_width
        self.width = text_width  # of tables; wider in a landscape appendix
        self.has_task_table = any(
            isinstance(b, models.TaskTable) for a in plan.appendices for b in a.content) or any(
            isinstance(b, models.TaskTable) for s in plan.sections for b in s.content)

    def runs(self, text: str, bold: bool = False, italic: bool = False) -> Runs:
        return Runs().add_markup(text, bold=bold, italic=italic, notes=self.notes)

    # --- blocks ---------------------------------------------------------------------------

    def blocks(self, content: list, prefix: str, bullet_depth: int = 0, path: tuple = ()) -> list[Block]:
        out: list[Block] = []
        number = 0
        point = 0
        heading = 0
        for j, block in enumerate(content):
            start = len(out)
            if isinstance(block, models.Heading):
                heading += block.numbered
                out += self.heading(block, heading, (*path, j))
                number = point = 0
            else:
                self._block(block, out, prefix, bullet_depth, (*path, j), number, point)
            if isinstance(block, models.Item | models.Assignment):
                number += 1
            elif isinstance(block, models.Point):
                point += 1
            for b in out[start:]:
                b.origin = b.origin or (*path, j)
        return out

    def _block(self, block: object, out: list[Block], prefix: str, bullet_depth: int, here: tuple,
               number: int, point: int) -> None:
        content_path = (*here, "content")
        if isinstance(block, models.Item | models.Assignment):
            label = f"{prefix}{number + 1}."
            if isinstance(block, models.Item):
                out += self.item(block, label, content_path)
            else:
                out += self.assignment(block, label, here)
        elif isinstance(block, models.Point):
            letter = block.label or vn.point_letter(point)
            out.append(Block("point", Runs().add(f"{letter}) ").add_markup(block.point, notes=self.notes)))
            out += self.blocks(block.content, f"{prefix}", bullet_depth, content_path)
        elif isinstance(block, models.Bullet):
            mark = _bullet_mark(bullet_depth)
            out.append(Block("bullet", Runs().add(f"{mark} ").add_markup(block.bullet, notes=self.notes)))
            out += self.blocks(block.content, prefix, bullet_depth + 1, content_path)
        elif isinstance(block, models.TaskAgency):  # a bullet of its own: "- Cơ quan chủ trì: Bộ X."
            runs = Runs().add(f"{_bullet_mark(bullet_depth)} ").add_markup(
                f"{block.role}: {block.agency}{block.end}", notes=self.notes)
            out.append(Block("bullet", runs))
        elif isinstance(block, models.Paragraph):
            out.append(Block("paragraph", self.runs(block.text)))
        elif isinstance(block, models.Table):
            out.append(self.table(block.table))
        elif isinstance(block, models.Budget):
            out += self.budget(block.budget)
        elif isinstance(block, models.TaskTable):
            out.append(self.task_table(block.task_table))
        elif isinstance(block, models.Caption):
            runs = self.runs(block.caption, bold=block.bold, italic=block.italic)
            out.append(Block("caption", runs, xml=Caption(runs, ALIGN[block.align])))
        elif isinstance(block, models.Signoff):
            out.append(Block("signoff", Runs().add("\n".join(block.signoff)),
                             xml=Signoff(block.left, block.signoff, self.width)))

    def heading(self, block: models.Heading, number: int, here: tuple) -> list[Block]:
        """A heading inside content (an appendix's own sections), numbered like the plan's."""
        label = ""
        if block.numbered:
            mark = "-" if self.plan.label_mark == models.LabelMark.hyphen else "."
            label = (vn.roman(number) if self.plan.numbering == models.Numbering.roman else str(number)) + f"{mark} "
        out = [Block("heading", self.runs(label + _heading_text(self.plan, block.heading)), origin=here)]
        prefix = f"{number}." if block.numbered and self.plan.numbering == models.Numbering.decimal else ""
        out += self.blocks(block.content, prefix, 0, (*here, "content"))
        return out

    def shown(self, label: str) -> str:
        """An item's label as printed: "1-" for "1." in the Party's older style (`label_mark: "-"`);
        sub-items (1.1.) and decimal numbering keep their dots."""
        if self.plan.label_mark == models.LabelMark.hyphen and re.fullmatch(r"\d+\.", label):
            return label[:-1] + "-"
        return label

    def item(self, item: models.Item, label: str, content_path: tuple) -> list[Block]:
        out: list[Block] = []
        shown = self.shown(label)
        end = self.plan.item_title_end if item.title_end is None else item.title_end
        if item.title and item.item:
            runs = Runs().add(f"{shown} ", bold=True).add_markup(item.title + (end or ":"), bold=True,
                                                                   notes=self.notes)
            runs.add(" ").add_markup(item.item, notes=self.notes)
            out.append(Block("item", runs))
        elif item.title:
            out.append(Block("item_title", Runs().add(f"{shown} ").add_markup(
                item.title + end, notes=self.notes)))
        else:
            out.append(Block("item", Runs().add(f"{shown} ").add_markup(item.item or "", notes=self.notes)))
        out += self.blocks(item.content, label, 0, content_path)
        return out

    def agency_label(self, a: models.Assignment, label: str) -> str:
        name = ("Đề nghị " if a.request else "") + a.agency
        if a.note:
            name += f" ({a.note})"
        return f"{self.shown(label)} {name}"

    def task_text(self, task: models.Task) -> Runs:
        runs = self.runs(task.text)
        if task.has_tracking and not self.has_task_table:
            # Nothing the author wrote is dropped: without a task table, facts follow the task.
            runs.add(" (").add_markup(task_facts(task), italic=True, notes=self.notes).add(")")
        return runs

    def assignment(self, a: models.Assignment, label: str, here: tuple) -> list[Block]:
        head = self.agency_label(a, label)
        if a.layout == models.TaskLayout.inline:
            runs = Runs().add_markup(head, bold=True, notes=self.notes).add(a.separator)
            task = a.tasks[0]
            inner = self.task_text(task)
            runs.xml += inner.xml
            out = [Block("item", runs, origin=(*here, "tasks", 0))]
            out += self.blocks(task.content, label, 0, (*here, "tasks", 0, "content"))
            return out
        end = self.plan.item_title_end if a.title_end is None else a.title_end
        out = [Block("item_title", Runs().add_markup(head + end, notes=self.notes))]
        for k, task in enumerate(a.tasks):
            inner = self.task_text(task)
            task_path = (*here, "tasks", k)
            if a.layout == models.TaskLayout.bullets:
                out.append(Block("bullet", Runs(Runs().add("- ").xml + inner.xml), origin=task_path))
                out += self.blocks(task.content, label, 1, (*task_path, "content"))
            elif a.layout == models.TaskLayout.points:
                letter = task.label or vn.point_letter(k)
                out.append(Block("point", Runs(Runs().add(f"{letter}) ").xml + inner.xml), origin=task_path))
                out += self.blocks(task.content, label, 0, (*task_path, "content"))
            else:
                out.append(Block("paragraph", inner, origin=task_path))
                out += self.blocks(task.content, label, 0, (*task_path, "content"))
        return out

    # --- tables ---------------------------------------------------------------------------

    def table(self, spec: models.TableSpec) -> Block:
        weights = spec.widths or [1.0] * len(spec.columns)
        widths = spread(self.width, weights) if spec.widths is None else [mm(w * 10) for w in weights]
        aligns = [ALIGN[a] for a in spec.align] if spec.align else [LEFT] * len(spec.columns)
        cols = [Column(h, w, a) for h, w, a in zip(spec.columns, widths, aligns, strict=True)]
        rows: list[list[str | Cell]] = [[_cell(c) for c in r] for r in spec.rows_as_lists()]
        header = [[_cell(c) for c in r] for r in spec.header] if spec.header else None
        if spec.numbered:
            rows = _numbered(rows, len(cols))
            if header:  # the TT heading stands over every heading row
                header[0].insert(0, Cell(spec.number_heading, rowspan=len(header)))
            tt = mm(10)
            if spec.widths is None:  # the TT column takes its room from the others
                cols = [Column(c.heading, w, c.align) for c, w in zip(
                    cols, spread(self.width - tt, [1.0] * len(cols)), strict=True)]
            cols = [Column(spec.number_heading, tt, CENTER), *cols]
        return Block("table", table=TableXml(cols, rows, notes=self.notes, font_size=spec.font_size,
                                             repeat_header=spec.repeat_header, header_rows=header))

    def budget(self, spec: models.BudgetSpec) -> list[Block]:
        with_source = any(line.source for line in spec.items)
        headings = ["TT", "Nội dung", "Kinh phí (đồng)"] + (["Nguồn kinh phí"] if with_source else [])
        weights = [0.9, 5, 2.4] + ([2.6] if with_source else [])
        aligns = [CENTER, JUSTIFY, RIGHT] + ([LEFT] if with_source else [])
        cols = [Column(h, w, a) for h, w, a in zip(headings, spread(self.width, weights), aligns, strict=True)]
        rows = []
        for i, line in enumerate(spec.items, start=1):
            row = [str(i), line.name, vn.money(line.amount)]
            if with_source:
                row.append(line.source or "")
            rows.append(row)
        total = sum(line.amount for line in spec.items)
        rows.append(["", "Tổng cộng", vn.money(total)] + ([""] if with_source else []))
        out = [Block("table", table=TableXml(cols, rows, bold_rows={len(rows) - 1}, notes=self.notes))]
        if spec.total_in_words:
            out.append(Block("paragraph", Runs().add(
                f"Tổng kinh phí: {vn.money(total)} đồng (", bold=False).add(
                f"Bằng chữ: {vn.money_words(total)}", italic=True).add(")")))
        return out

    def task_table(self, spec: models.TaskTableSpec) -> Block:
        rows = [r for r in task_rows(self.plan, matrices=False)  # the plan's own tasks: a matrix prints itself
                if spec.sections is None or r.section_index in spec.sections]
        headings = ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện", "Ghi chú"]
        weights = [0.9, 5.0, 2.4, 2.4, 2.1, 1.8]
        aligns = [CENTER, LEFT, LEFT, LEFT, CENTER, LEFT]
        cols = [Column(h, w, a) for h, w, a in zip(headings, spread(self.width, weights), aligns, strict=True)]
        body = []
        for i, r in enumerate(rows, start=1):
            notes = "; ".join(x for x in (f"Sản phẩm: {r.output}" if r.output else "", r.note) if x)
            body.append([str(i), r.task, r.lead, r.cooperating, r.deadline, notes])
        return Block("table", table=TableXml(cols, body, notes=self.notes))

    # --- whole document -------------------------------------------------------------------

    def preamble(self) -> list[Block]:
        plan = self.plan
        out = []
        joined = " ".join(plan.preamble)
        bases_in_preamble = bool(plan.legal_bases) and all(
            plain(b) in plain(joined) for b in plan.legal_bases)
        if plan.legal_bases and not bases_in_preamble:
            as_written = plan.legal_bases_end == models.BasisEnd.as_written
            for i, basis in enumerate(plan.legal_bases):
                last = i == len(plan.legal_bases) - 1
                end = ";" if not last or plan.preamble else "."
                text = basis.strip() if as_written else basis
                if as_written and not last and text[-1:] in (".", ";"):
                    end = text[-1]
                opening = "" if as_written and text.startswith(BASIS_OPENINGS) else "Căn cứ "
                out.append(Block("preamble", self.runs(f"{opening}{text.rstrip(';.')}{end}"),
                                 origin=("legal_bases", i)))
        out += [Block("preamble", self.runs(p), origin=("preamble", i)) for i, p in enumerate(plan.preamble)]
        return out

    def body(self) -> list[Block]:
        plan = self.plan
        out = self.preamble()
        for index, section in enumerate(plan.sections, start=1):
            label = section_label(plan, index)
            mark = "-" if plan.label_mark == models.LabelMark.hyphen else "."
            out.append(Block("heading", Runs().add_markup(
                f"{label}{mark} {_heading_text(plan, section.title)}", notes=self.notes),
                origin=("sections", index - 1)))
            prefix = f"{label}." if plan.numbering == models.Numbering.decimal else ""
            out += self.blocks(section.content, prefix, 0, ("sections", index - 1, "content"))
        out += [Block("closing", self.runs(p), origin=("closing", i)) for i, p in enumerate(plan.closing)]
        _end_mark(out)
        return out



def _cell(value: str | models.Cell) -> str | Cell:
    if isinstance(value, str):
        return value
    return Cell(value.text, value.rowspan, value.colspan, ALIGN[value.align] if value.align else None,
                value.bold)


def _numbered(rows: list[list[str | Cell]], columns: int) -> list[list[str | Cell]]:
    """Rows with a first `TT` cell numbered 1, 2, 3…; a row whose one cell spans the whole table
    (a group heading) is not numbered: its cell spans the `TT` column too."""
    out: list[list[str | Cell]] = []
    number = 0
    for row in rows:
        if len(row) == 1 and isinstance(row[0], Cell) and row[0].colspan == columns:
            first = row[0]
            out.append([Cell(first.text, first.rowspan, columns + 1, first.align, first.bold)])
            continue
        number += 1
        out.append([str(number), *row])
    return out


def _paragraph(runs: str, align: str, style: str = "PlanBody", keep_next: bool = False) -> str:
    keep = "<w:keepNext/>" if keep_next else ""
    return (f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{keep}<w:ind w:firstLine="0"/>'
            f'<w:jc w:val="{align}"/></w:pPr>{runs}</w:p>')


@dataclass
class Caption:
    """A line set apart (`Biểu 01`, a form's own title): the body style, no indent, aligned as
    written, kept with what follows."""

    runs: Runs
    align: str

    def __str__(self) -> str:
        return _paragraph(self.runs.xml, self.align, keep_next=True)

    __html__ = __str__


@dataclass
class Signoff:
    """A form's signature place (`LÃNH ĐẠO ĐƠN VỊ` / `(Ký tên, đóng dấu)`) in the right half,
    with optional lines level with it in the left half; a line in brackets is italic."""

    left: list[str]
    right: list[str]
    width: int

    @staticmethod
    def _lines(lines: list[str]) -> str:
        out = []
        for line in lines:
            bracketed = line.strip().startswith("(")
            props = "<w:b w:val=\"0\"/><w:bCs w:val=\"0\"/><w:i/><w:iCs/>" if bracketed else ""
            runs = Runs().add_markup(line).xml.replace("<w:r><w:t", f"<w:r><w:rPr>{props}</w:rPr><w:t") \
                if props else Runs().add_markup(line).xml
            out.append(_paragraph(runs, CENTER, style="PlanSignatureAuthority"))
        return "".join(out) or _paragraph("", CENTER, style="PlanSignatureAuthority")

    def __str__(self) -> str:
        half = self.width // 2
        nil = "".join(f'<w:{side} w:val="nil"/>' for side in
                      ("top", "left", "bottom", "right", "insideH", "insideV"))
        cells = "".join(f'<w:tc><w:tcPr><w:tcW w:w="{half}" w:type="dxa"/></w:tcPr>{self._lines(lines)}</w:tc>'
                        for lines in (self.left, self.right))
        # an empty paragraph on each side: a table next to another would merge with it
        return (f'{_paragraph("", LEFT)}<w:tbl><w:tblPr><w:tblW w:w="{2 * half}" w:type="dxa"/>'
                f'<w:jc w:val="center"/><w:tblBorders>{nil}</w:tblBorders><w:tblLayout w:type="fixed"/>'
                '</w:tblPr>'
                f'<w:tblGrid><w:gridCol w:w="{half}"/><w:gridCol w:w="{half}"/></w:tblGrid>'
                f'<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr></w:tbl>'
                '<w:p><w:pPr><w:pStyle w:val="PlanBody"/></w:pPr></w:p>')

    __html__ = __str__


def _end_mark(blocks: list[Block]) -> None:
    """ND30: the content ends with "./." — appended to the last paragraph unless already there."""
    for block in reversed(blocks):
        if block.kind in ("table", "signoff"):
            blocks.append(Block("paragraph", Runs().add(vn.END_MARK)))
            return
        if not block.runs.empty:
            text = block.runs.text
            if not text.rstrip().endswith(vn.END_MARK):
                stripped = text.rstrip()
                # "… như sau." + "/." reads as "./."; any other ending gets the full mark.
                block.runs.add("/." if stripped.endswith(".") else vn.END_MARK)
            return



@dataclass
class Rule:
    """A short horizontal rule: an empty paragraph with a bottom border, centred by its indents.

    ND30 Phụ lục I: under the issuing body 1/3–1/2 of its length, under the Tiêu ngữ as long as
    the text, under the summary 1/3–1/2. Inserted with `{{p header.issuer_rule }}`.
    """

    indent: int  # twips on each side
    space_after: int = 0  # twips of room below the rule

    def __str__(self) -> str:
        return ('<w:p><w:pPr><w:pStyle w:val="PlanRule"/><w:pBdr><w:bottom w:val="single" w:sz="6" '
                f'w:space="1" w:color="000000"/></w:pBdr><w:spacing w:before="0" w:after="{self.space_after}" '
                f'w:line="60" w:lineRule="exact"/><w:ind w:left="{self.indent}" w:right="{self.indent}" '
                'w:firstLine="0"/></w:pPr></w:p>')

    __html__ = __str__


def _rule(column: int, text_width: int, share: float, space_after: int = 0) -> Rule:
    """A rule of `share` × the text's width, centred in a column of `column` twips."""
    length = min(column, round(text_width * share))
    return Rule(max(0, (column - length) // 2), space_after)


@dataclass
class SectionBreak:
    """Paragraph that ends the previous section, so that an appendix starts a new page numbered
    from 1 (ND30 Phụ lục I). `sectpr` (the template's own section properties) is filled in by
    the renderer; `landscape` describes the section that ends here."""

    landscape: bool
    sectpr: str = ""

    def __str__(self) -> str:
        return f"<w:p><w:pPr>{self.sectpr}</w:pPr></w:p>"

    __html__ = __str__


def _appendix_blocks(layout: _Layout, appendix: models.Appendix, index: int) -> list[Block]:
    layout.width = layout.text_width + (LANDSCAPE_TEXT_WIDTH - TEXT_WIDTH if appendix.landscape else 0)
    try:
        return layout.blocks(appendix.content, "", 0, ("appendices", index, "content"))
    finally:
        layout.width = layout.text_width


def house_style(plan: models.Plan, office: models.HouseStyle | None = None) -> models.HouseStyle | None:
    """The style a plan is built in: its own `style:` over its office's `[style]`; None when
    neither sets anything (the template is then used as it is, byte for byte)."""
    style = plan.style.merged_over(office) if plan.style else office
    return None if style is None or style.empty else style


def _when(plan: models.Plan, year: int) -> str:
    """`ngày 05 tháng 02 năm 2026`, or a draft's blanks (`ngày      tháng 4 năm 2026`)."""
    return wording.long_date(plan.date, plan.draft_month, year)


def _appendix(layout: _Layout, plan: models.Plan, appendix: models.Appendix, index: int, count: int,
              reference: str) -> dict[str, Any]:
    if appendix.label is not None:
        label = appendix.label
    else:
        label = f"Phụ lục {vn.roman(index + 1)}" if count > 1 else "Phụ lục"
    line = ""
    if isinstance(appendix.reference, str):
        line = appendix.reference.strip()
        line = line if line.startswith("(") else f"({line})"
    elif appendix.reference:
        line = reference_line(plan, reference, appendix.number_label)
    return {
        "label": label,
        "title": layout.runs(vn.upper(appendix.title)) if appendix.title else "",
        "subtitle": [layout.runs(x) for x in appendix.subtitle],
        "reference": line,
        "body": _appendix_blocks(layout, appendix, index),
        "landscape": appendix.landscape,
    }


def reference_line(plan: models.Plan, reference: str, number_label: str = "số") -> str:
    """An appendix's generated line: `(Kèm theo Kế hoạch số 05/KH-UBND ngày … của …)`."""
    return wording.appendix_line(reference, plan.issuer.full_name, number_label)


def plan_reference(plan: models.Plan) -> str:
    """`số 05/KH-UBND ngày 05 tháng 02 năm 2026` (or a draft's blanks): how the plan is cited.
    A plan issued with a decision has no number of its own: the decision's is not the plan's."""
    own = plan.issued_with is None or plan.issued_with.own_number
    return wording.plan_citation(plan.number if own else None, plan.issuer.code, plan.issuer.unit,
                                 plan.date if own else None, plan.draft_month, plan.issue_year, plan.year,
                                 party=plan.issuer.format == models.DocumentFormat.party)


def reference_of(plan: models.Plan, number_label: str = "số") -> str:
    """The appendix line a plan generates (import compares the source's line with it)."""
    return reference_line(plan, plan_reference(plan), number_label)


def _issuer_header(issuer: models.Issuer) -> dict[str, Any]:
    lines = [vn.upper(x) for x in issuer.name]
    width = max(text_width_twips(x, 13, bold=True) for x in lines)
    return {"governing_body": [vn.upper(x) for x in issuer.governing_body], "issuer": lines,
            "issuer_rule": _rule(HEADER_LEFT, width, 0.4)}


def _signature(sig: models.Signature | None) -> dict[str, Any] | None:
    if sig is None:
        return None
    return {"lines": sig.lines, "name": sig.name or "", "after_name": list(sig.after_name)}


def text_width(style: models.HouseStyle | None) -> int:
    """The width between the margins (twips): the decree's 30 + 15 mm unless the style says."""
    if style is None:
        return TEXT_WIDTH
    return mm(210 - (style.margin_left or 30) - (style.margin_right or 15))


def build_context(plan: models.Plan, office_style: models.HouseStyle | None = None
                  ) -> tuple[dict[str, Any], FootnoteSink]:
    """The template context of a plan, and the footnotes met while laid out; `office_style` is
    the `[style]` of the office's plangen.toml (the plan's own `style:` wins)."""
    notes = FootnoteSink()
    style = house_style(plan, office_style)
    width = text_width(style)
    layout = _Layout(plan, notes, width)
    lead = _issuer_header(plan.issuer)
    partners = [_issuer_header(p.issuer) for p in plan.partners]
    for above in [lead, *partners][:-1]:  # a joint plan: room between one body and the next
        above["issuer_rule"].space_after = 120
    motto_width = text_width_twips(MOTTO, 14, bold=True)
    summary_lines = plan.summary.split("\n")
    summary_width = max(text_width_twips(plain(x), 14, bold=True) for x in summary_lines)
    year = plan.year_of_issue
    reference = plan_reference(plan)

    own_number = plan.issued_with is None or plan.issued_with.own_number
    # a plan issued with a document has no number of its own (`decision_line`); one that has its
    # own number and implements a document prints the same kind of line (`implements_line`)
    decision_line = plan.issued_with.text if plan.issued_with and not own_number else None
    implements_line = plan.issued_with.text if plan.issued_with and own_number else None

    recipients = [f"- {r.strip().removeprefix('- ').rstrip(';,. ')};" for r in plan.recipients]
    has_recipients = bool(plan.recipients) or own_number
    if has_recipients:
        recipients.append(f"- Lưu: {plan.archive.strip().rstrip('.')}.")

    appendices = []
    previous_landscape = False
    for i, appendix in enumerate(plan.appendices):
        laid = _appendix(layout, plan, appendix, i, len(plan.appendices), reference)
        laid["section_break"] = SectionBreak(previous_landscape)
        appendices.append(laid)
        previous_landscape = appendix.landscape

    signature = _signature(plan.signature)
    joint = [sig for sig in (_signature(p.signature) for p in plan.partners) if sig]
    if joint and signature:
        # the lead body signs on the right; `signature` stays the lead's, for the checks
        joint.append(signature)
    date_line = f"{plan.issuer.place}, {_when(plan, year)}"
    summary_share = style.title_rule if style and style.title_rule else 0.35
    summary_space = round(style.title_space_after * 20) if style and style.title_space_after is not None \
        else 240

    context: dict[str, Any] = {
        "header": {
            **lead,
            "national_title": NATIONAL_TITLE,
            "motto": MOTTO,
            "motto_rule": _rule(HEADER_RIGHT, motto_width, 1.0),
            "show_number": own_number,
            "number_line": vn.number_line(plan.number, plan.issuer.code, plan.issuer.unit),
            "date_line": date_line,
            "partners": partners,
            "partner_number_lines": [vn.number_line(p.number, p.issuer.code, p.issuer.unit)
                                     for p in plan.partners],
        },
        "type_name": TYPE_NAME,
        "summary": Runs().add_markup(plan.summary, notes=notes),
        "summary_rule": _rule(width, min(summary_width, width), summary_share, space_after=summary_space),
        "decision_line": decision_line,
        "implements_line": implements_line,
        "body": layout.body(),
        "has_ending": bool(has_recipients or signature or joint),
        "recipients": recipients if has_recipients else [],
        "signature": signature or {"lines": [], "name": "", "after_name": []},
        "joint_signatures": joint,
        "appendices": appendices,
        "last_landscape": previous_landscape,
        "year": plan.year,
        "style": style,
    }
    if plan.issuer.format == models.DocumentFormat.party:  # the Party's header and ending
        from plangen.document.party import party_context

        party_context(context, plan, _rule)
    return context, notes
