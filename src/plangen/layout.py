"""Plan → the context a Word template receives (the documented template interface).

This is where the decree's layout rules become data: numbering labels, upper-casing of headings,
the draft blanks, the "./." end mark, the recipients' punctuation, the signature lines. The
template only places what it gets here; see `docs/template.md` for the variables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from plangen import models
from plangen import vietnamese as vn
from plangen.markup import FootnoteSink, Runs, plain
from plangen.measure import mm, text_width_twips
from plangen.tables import CENTER, JUSTIFY, LEFT, RIGHT, Column, TableXml, spread
from plangen.tasks import format_when, section_label, task_rows

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
               "closing", "table")
"""Kinds of body blocks a template must place (each with its own paragraph style)."""


@dataclass
class Block:
    """One paragraph (or table) of the body, as the template sees it."""

    kind: str
    runs: Runs = field(default_factory=Runs)
    table: TableXml | None = None
    origin: tuple = ()  # path of the plan value it comes from, to locate findings

    def __getitem__(self, key: str) -> Any:  # so templates may write b['kind'] too
        return getattr(self, key)


def _bullet_mark(depth: int) -> str:
    """`-` for bullets, `+` for bullets inside bullets (common practice in plans)."""
    return "-" if depth == 0 else "+"


class _Layout:
    def __init__(self, plan: models.Plan, notes: FootnoteSink):
        self.plan = plan
        self.notes = notes
        self.width = TEXT_WIDTH  # of tables; wider in a landscape appendix
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
        for j, block in enumerate(content):
            start = len(out)
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
            letter = vn.point_letter(point)
            out.append(Block("point", Runs().add(f"{letter}) ").add_markup(block.point, notes=self.notes)))
            out += self.blocks(block.content, f"{prefix}", bullet_depth, content_path)
        elif isinstance(block, models.Bullet):
            mark = _bullet_mark(bullet_depth)
            out.append(Block("bullet", Runs().add(f"{mark} ").add_markup(block.bullet, notes=self.notes)))
            out += self.blocks(block.content, prefix, bullet_depth + 1, content_path)
        elif isinstance(block, models.Paragraph):
            out.append(Block("paragraph", self.runs(block.text)))
        elif isinstance(block, models.Table):
            out.append(self.table(block.table))
        elif isinstance(block, models.Budget):
            out += self.budget(block.budget)
        elif isinstance(block, models.TaskTable):
            out.append(self.task_table(block.task_table))

    def item(self, item: models.Item, label: str, content_path: tuple) -> list[Block]:
        out: list[Block] = []
        end = self.plan.item_title_end
        if item.title and item.item:
            runs = Runs().add(f"{label} ", bold=True).add_markup(item.title + (end or ":"), bold=True,
                                                                   notes=self.notes)
            runs.add(" ").add_markup(item.item, notes=self.notes)
            out.append(Block("item", runs))
        elif item.title:
            out.append(Block("item_title", Runs().add(f"{label} ").add_markup(
                item.title + end, notes=self.notes)))
        else:
            out.append(Block("item", Runs().add(f"{label} ").add_markup(item.item or "", notes=self.notes)))
        out += self.blocks(item.content, label, 0, content_path)
        return out

    def agency_label(self, a: models.Assignment, label: str) -> str:
        name = ("Đề nghị " if a.request else "") + a.agency
        if a.note:
            name += f" ({a.note})"
        return f"{label} {name}"

    def task_text(self, task: models.Task) -> Runs:
        runs = self.runs(task.text)
        if task.has_tracking and not self.has_task_table:
            # Nothing the author wrote is dropped: without a task table, facts follow the task.
            facts = []
            if task.lead:
                facts.append(f"Chủ trì: {task.lead}")
            if task.cooperating:
                facts.append("phối hợp: " + ", ".join(task.cooperating))
            when = format_when(task)
            if when:
                facts.append(f"thời gian: {when}")
            if task.output:
                facts.append(f"sản phẩm: {task.output}")
            if task.note:
                facts.append(f"ghi chú: {task.note}")
            runs.add(" (").add_markup("; ".join(facts), italic=True, notes=self.notes).add(")")
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
        out = [Block("item_title", Runs().add_markup(head + self.plan.item_title_end, notes=self.notes))]
        for k, task in enumerate(a.tasks):
            inner = self.task_text(task)
            task_path = (*here, "tasks", k)
            if a.layout == models.TaskLayout.bullets:
                out.append(Block("bullet", Runs(Runs().add("- ").xml + inner.xml), origin=task_path))
                out += self.blocks(task.content, label, 1, (*task_path, "content"))
            else:
                out.append(Block("paragraph", inner, origin=task_path))
                out += self.blocks(task.content, label, 0, (*task_path, "content"))
        return out

    # --- tables ---------------------------------------------------------------------------

    def table(self, spec: models.TableSpec) -> Block:
        weights = spec.widths or [1.0] * len(spec.columns)
        widths = spread(self.width, weights) if spec.widths is None else [mm(w * 10) for w in weights]
        cols = [Column(h, w, LEFT) for h, w in zip(spec.columns, widths, strict=True)]
        return Block("table", table=TableXml(cols, [list(r) for r in spec.rows], notes=self.notes))

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
        rows = [r for r in task_rows(self.plan)
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
            for i, basis in enumerate(plan.legal_bases):
                end = ";" if i < len(plan.legal_bases) - 1 or plan.preamble else "."
                out.append(Block("preamble", self.runs(f"Căn cứ {basis.rstrip(';.')}{end}"),
                                 origin=("legal_bases", i)))
        out += [Block("preamble", self.runs(p), origin=("preamble", i)) for i, p in enumerate(plan.preamble)]
        return out

    def body(self) -> list[Block]:
        plan = self.plan
        out = self.preamble()
        for index, section in enumerate(plan.sections, start=1):
            label = section_label(plan, index)
            out.append(Block("heading", Runs().add_markup(
                f"{label}. {vn.upper(section.title)}", notes=self.notes), origin=("sections", index - 1)))
            prefix = f"{label}." if plan.numbering == models.Numbering.decimal else ""
            out += self.blocks(section.content, prefix, 0, ("sections", index - 1, "content"))
        out += [Block("closing", self.runs(p), origin=("closing", i)) for i, p in enumerate(plan.closing)]
        _end_mark(out)
        return out



def _end_mark(blocks: list[Block]) -> None:
    """ND30: the content ends with "./." — appended to the last paragraph unless already there."""
    for block in reversed(blocks):
        if block.kind == "table":
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
    layout.width = LANDSCAPE_TEXT_WIDTH if appendix.landscape else TEXT_WIDTH
    try:
        return layout.blocks(appendix.content, "", 0, ("appendices", index, "content"))
    finally:
        layout.width = TEXT_WIDTH


def build_context(plan: models.Plan) -> tuple[dict[str, Any], FootnoteSink]:
    """The template context of a plan, and the footnotes met while laying it out."""
    notes = FootnoteSink()
    layout = _Layout(plan, notes)
    issuer_lines = [vn.upper(x) for x in plan.issuer.name]
    governing = [vn.upper(x) for x in plan.issuer.governing_body]
    issuer_width = max(text_width_twips(x, 13, bold=True) for x in issuer_lines)
    motto_width = text_width_twips(MOTTO, 14, bold=True)
    summary_lines = plan.summary.split("\n")
    summary_width = max(text_width_twips(plain(x), 14, bold=True) for x in summary_lines)
    year = plan.year_of_issue
    reference = vn.document_reference(plan.number, plan.issuer.code, plan.issuer.unit, plan.date, year)

    decision_line = None
    if plan.issued_with:
        d = plan.issued_with
        decision_line = f"(Kèm theo Quyết định số {d.number} {vn.date_words(d.date)} của {d.by})"

    recipients = [f"- {r.strip().removeprefix('- ').rstrip(';,. ')};" for r in plan.recipients]
    has_recipients = bool(plan.recipients) or (plan.issued_with is None)
    if has_recipients:
        recipients.append(f"- Lưu: {plan.archive.strip().rstrip('.')}.")

    appendices = []
    multiple = len(plan.appendices) > 1
    previous_landscape = False
    for i, appendix in enumerate(plan.appendices, start=1):
        label = f"Phụ lục {vn.roman(i)}" if multiple else "Phụ lục"
        of = f"của {plan.issuer.full_name}" if plan.issuer.full_name else ""
        appendices.append({
            "label": label,
            "title": layout.runs(vn.upper(appendix.title)),
            "reference": f"(Kèm theo Kế hoạch {reference} {of})".replace(" )", ")"),
            "body": _appendix_blocks(layout, appendix, i - 1),
            "landscape": appendix.landscape,
            "section_break": SectionBreak(previous_landscape),
        })
        previous_landscape = appendix.landscape

    signature = None
    if plan.signature:
        signature = {"lines": plan.signature.lines, "name": plan.signature.name or ""}

    context: dict[str, Any] = {
        "header": {
            "governing_body": governing,
            "issuer": issuer_lines,
            "issuer_rule": _rule(HEADER_LEFT, issuer_width, 0.4),
            "national_title": NATIONAL_TITLE,
            "motto": MOTTO,
            "motto_rule": _rule(HEADER_RIGHT, motto_width, 1.0),
            "show_number": plan.issued_with is None,
            "number_line": vn.number_line(plan.number, plan.issuer.code, plan.issuer.unit),
            "date_line": vn.date_line(plan.issuer.place, plan.date, year),
        },
        "type_name": TYPE_NAME,
        "summary": Runs().add_markup(plan.summary, notes=notes),
        "summary_rule": _rule(TEXT_WIDTH, min(summary_width, TEXT_WIDTH), 0.35, space_after=240),
        "decision_line": decision_line,
        "body": layout.body(),
        "has_ending": bool(has_recipients or signature),
        "recipients": recipients if has_recipients else [],
        "signature": signature or {"lines": [], "name": ""},
        "appendices": appendices,
        "last_landscape": previous_landscape,
        "year": plan.year,
    }
    return context, notes
