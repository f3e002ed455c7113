"""Build a `PlanView` from a validated YAML plan or from any Word file."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from plangen import vietnamese as vn
from plangen.check.view import (
    FUNDING_MENTION,
    Line,
    Numbered,
    PlanView,
    SectionView,
    Where,
    classify,
    deadlines_in,
    kinds_of_heading,
    names_an_agency,
    period_end,
)

if TYPE_CHECKING:  # .docx reading is imported only when a Word file is checked, YAML's for a plan
    from plangen.plan import models
    from plangen.plan.load import LoadedPlan
    from plangen.plan.yamlsource import SourceMap
    from plangen.word.recognise import Recognised
    from plangen.word.wordfile import Para, WordDocument


_HEADING = re.compile(rf"^\s*({vn.ROMAN_LABEL}|\d{{1,3}})\s*\.\s*(.*)$", re.DOTALL)


def _sections_from_blocks(view: PlanView, blocks: list, lines: list[Line], declared: dict[int, set[str]]) -> None:
    """Split the laid-out body into preamble and sections (the heading blocks, Roman or decimal),
    and number-parse every line."""
    current: SectionView | None = None
    for block, line in zip(blocks, lines, strict=True):
        if block.kind == "heading":
            m = _HEADING.match(line.text)
            label, title = (m.group(1), m.group(2).strip()) if m else ("", line.text)
            index = len(view.sections)
            kinds = declared.get(index) or kinds_of_heading(title)
            current = SectionView(line, label, title, set(kinds), declared=index in declared)
            view.sections.append(current)
            continue
        if current is None:
            view.preamble.append(line)
            continue
        current.lines.append(line)
        parsed = classify(line.text)
        if parsed and parsed[0] != "section":
            current.numbered.append(Numbered(parsed[0], parsed[1], line))


def _collect_dates(view: PlanView, known: dict[int, set] | None = None) -> None:
    """Deadlines written in the text; `known` maps id(line) → dates already read from the plan's
    structured fields for that line (a task's deadline, also printed after its text). The
    appendices' dates count too (a schedule in an appendix cannot start before the plan)."""
    lines = [line for section in view.sections for line in section.lines] + view.appendix_lines
    for line in lines:
        for day, written, _offset in deadlines_in(line.text):
            if known and day in known.get(id(line), set()):
                continue
            view.dates.append((day, line, written))  # day is None when impossible


# --- from YAML ---------------------------------------------------------------------------

def from_plan(loaded: LoadedPlan, laid_out: tuple | None = None) -> PlanView:
    """The view of a plan; `laid_out` is `build_context(plan)` when the caller has it already."""
    from plangen.document.layout import build_context

    plan, source = loaded.plan, loaded.source
    context, _notes = laid_out or build_context(plan)
    view = PlanView(file=source.file, source="yaml", year=plan.year, issue_date=plan.date, text=source.text)

    def at(path: tuple) -> Where:
        mark = source.locate(path)
        return Where(mark.line, mark.column, path=path) if mark else Where(path=path)

    header = context["header"]
    view.issuer_lines = [Line(x, at(("issuer", "governing_body"))) for x in header["governing_body"]]
    view.issuer_lines += [Line(x, at(("issuer", "name"))) for x in header["issuer"]]
    view.superior_count = len(header["governing_body"])
    view.format = plan.issuer.format.value
    if plan.issuer.province:
        view.province = Line(plan.issuer.province, at(("issuer", "province")))
    party = view.format == "party"
    view.header = {
        "national_title": None if party else Line(header["national_title"], at(())),
        "motto": None if party else Line(header["motto"], at(())),
        "party_title": Line(header["party_title"], at(())) if party else None,
        "star": Line(header["star"], at(("issuer", "name"))) if party else None,
        "number": Line(header["number_line"], at(("number",) if plan.number else ("issuer", "code")))
        if header["show_number"] else None,
        "date": Line(header["date_line"], at(("date",) if plan.date else ("issuer", "place")))
        if header["show_number"] else None,
        "type_name": Line(context["type_name"], at(("summary",))),
    }
    view.sections_where = at(("sections",))
    view.summary = [Line(x, at(("summary",))) for x in plan.summary.split("\n")]
    view.record = [Line(x, at(("source_record", i))) for i, x in enumerate(plan.source_record)]
    if context["decision_line"]:
        view.decision_line = Line(context["decision_line"], at(("issued_with",)))
    blocks = [b for b in context["body"] if b.kind != "table"]
    lines = [Line(b.runs.text, at(b.origin)) for b in blocks]
    declared = {i: {k.value for k in s.kind} for i, s in enumerate(plan.sections)}
    _sections_from_blocks(view, blocks, lines, declared)
    if lines:
        view.last_content = lines[-1]
    if context["has_ending"]:
        view.recipients_heading = Line("Nơi nhận:", at(("recipients",))) if context["recipients"] else None
        view.recipients = [Line(r, at(("recipients", i) if i < len(plan.recipients) else ("archive",)))
                           for i, r in enumerate(context["recipients"])]
        view.signature = [Line(x, at(("signature",))) for x in context["signature"]["lines"]]
        view.signer_name = plan.signature.name or "" if plan.signature else None
    for k, appendix in enumerate(context["appendices"]):
        view.appendix_lines += [Line(b.runs.text, at(b.origin or ("appendices", k))) for b in appendix["body"]
                                if b.kind != "table" and hasattr(b, "runs")]
    view.period_end = period_end(plan.summary, plan.year)
    view.matrix_agencies = _matrix_agencies(plan, at)
    task_dates = _task_dates(view, plan, source)
    known = {id(line): task_dates.get(b.origin, set()) for b, line in zip(blocks, lines, strict=True)}
    _collect_dates(view, known)
    return view


def _matrix_agencies(plan: models.Plan, at) -> list[Line]:
    """The bodies the task matrices give their rows to, each where its row is written."""
    from plangen.plan.tasks import matrices, matrix_tasks

    out = []
    for path, table in matrices(plan):
        for i, fields in matrix_tasks(table):
            row = table.rows[i]
            key = ("agency",) if isinstance(row, dict) and "agency" in row else ()
            if fields.get("agency"):
                out.append(Line(fields["agency"], at((*path, "rows", i, *key))))
    return out


def _task_dates(view: PlanView, plan: models.Plan, source: SourceMap) -> dict[tuple, set]:
    """Add the tasks' deadlines and periods to the view; return them by task path."""
    from plangen.plan import models  # only a YAML plan's view needs the models: a Word file's does not

    by_task: dict[tuple, set] = {}

    def walk(blocks: list, path: tuple) -> None:
        for j, block in enumerate(blocks):
            here = (*path, j)
            if isinstance(block, models.Assignment):
                for k, task in enumerate(block.tasks):
                    tpath = (*here, "tasks", k)
                    by_task[tpath] = {task.deadline} if task.deadline else set()
                    if isinstance(task.period, models.DateRange):
                        by_task[tpath] |= {task.period.start, task.period.end}
                    if task.deadline:
                        mark = source.locate((*tpath, "deadline"))
                        view.dates.append((task.deadline, Line(task.text, Where(mark.line, mark.column)
                                                               if mark else Where()), "deadline"))
                    if isinstance(task.period, models.DateRange):
                        for end in ("start", "end"):
                            mark = source.locate((*tpath, "period", end))
                            view.dates.append((getattr(task.period, end), Line(
                                task.text, Where(mark.line, mark.column) if mark else Where()), "period"))
            for child_key in ("content",):
                child = getattr(block, child_key, None)
                if child:
                    walk(child, (*here, child_key))

    for i, section in enumerate(plan.sections):
        walk(section.content, ("sections", i, "content"))
    return by_task


# --- from Word -----------------------------------------------------------------------------

def _line(p: Para, text: str | None = None) -> Line:
    return Line((p.text if text is None else text).strip(), Where(paragraph=p.index, words=p.words), p)


def from_word(doc: WordDocument) -> PlanView:
    """The view of any Word file, through the recogniser that `plangen import` uses too."""
    from plangen.word.recognise import recognise

    return from_recognised(recognise(doc.paragraphs), doc.path, doc)


def from_recognised(r: Recognised, file: str, doc: WordDocument | None = None) -> PlanView:
    from plangen.word.recognise import matrix_agencies, plan_year

    view = PlanView(file=file, source="docx", word=doc, format=r.format)
    view.header = {
        "national_title": _line(r.national_title) if r.national_title else None,
        "motto": _line(r.motto) if r.motto else None,
        "party_title": _line(r.party_title) if r.party_title else None,
        "star": _line(r.star) if r.star else None,
        # a plan published after the decision that issues it: the header read is the decision's
        "number": _line(r.number) if r.number and not r.decision else None,
        "date": _line(r.date) if r.date and not r.decision else None,
        "type_name": _line(r.type_name) if r.type_name else None,
    }
    view.issuer_lines = [_line(p) for p in r.governing + r.issuer]
    view.superior_count = len(r.governing)
    view.summary = [_line(p) for p in r.summary]
    # with its own "Số:" line the plan implements the document named under its summary; without
    # one it is issued with it (ND30: no number, date, recipients or signature of its own)
    view.decision_line = _line(r.decision_line) if r.decision_line and (r.number is None or r.decision) else None
    view.preamble = [_line(p) for p in r.preamble]
    view.record = [_line(p) for p in r.record]
    for section in r.sections:
        lines = {id(p): _line(p) for p in section.paras}
        current = SectionView(_line(section.heading), section.label, section.title, set(section.kinds),
                              declared=False, lines=list(lines.values()))
        for node in section.walk():
            if node.label and node.para is not None and id(node.para) in lines:
                current.numbered.append(Numbered(node.kind, node.label, lines[id(node.para)]))
        view.sections.append(current)
    body = r.body
    view.body_paragraphs = body
    if body:
        view.last_content = _line(body[-1])
    view.recipients_heading = _line(r.recipients_heading) if r.recipients_heading else None
    view.recipients = [_line(p, text) for text, p in r.recipients]
    seen: set[int] = set()
    for _text, p in r.recipients:
        if id(p) not in seen and p is not r.recipients_heading:
            seen.add(id(p))
            view.recipient_paragraphs.append(p)
    view.signature = [_line(p, text) for text, p in r.signature]
    view.signer_name = (r.signer[0] if r.signer else "") if r.signature else None
    for appendix in r.appendices:
        lines = [_line(p) for p in (([appendix.label] if appendix.label else []) + appendix.titles
                                    + appendix.reference_lines + appendix.paras)
                 if p.text.strip()]
        view.appendix_lines += lines
        view.appendix_heads += lines[:1]
    for cells in r.tables.values():
        view.matrix_agencies += [_line(p, text) for text, p in matrix_agencies(cells)]
    date_line = _line(r.date) if r.date else None  # the decision's date dates a plan issued with it
    year = re.search(r"năm (\d{4})", date_line.text) if date_line else None
    view.year = plan_year(" ".join(x.text for x in view.summary), int(year.group(1)) if year else None)
    view.period_end = period_end(" ".join(x.text for x in view.summary), view.year)
    if date_line:
        m = re.search(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", date_line.text)
        if m:
            try:
                view.issue_date = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except ValueError:
                view.issue_date = None
    _collect_dates(view)
    return view


def funding_mentions(view: PlanView) -> list[tuple[SectionView, Line]]:
    """Lines that speak of funding ("Kinh phí …") inside sections that are not funding sections."""
    out = []
    for section in view.sections:
        if "funding" in section.kinds:
            continue
        for line in section.lines:
            if FUNDING_MENTION.match(line.text):
                out.append((section, line))
    return out


_TASK_VERBS = re.compile(
    r"\b(?:chủ trì|phối hợp|tham mưu|thực hiện|triển khai|xây dựng|tổ chức|theo dõi|hướng dẫn|chỉ đạo|"
    r"có trách nhiệm|chịu trách nhiệm|báo cáo|đôn đốc|kiểm tra|bố trí|hỗ trợ|rà soát|phụ trách|điều hành|"
    r"chuẩn bị|tham gia)\b",
    re.IGNORECASE)
_ASSIGNMENT_COLUMN = re.compile(
    r"\b(?:chủ trì|phối hợp|trách nhiệm|phân công|(?:cơ quan|đơn vị|bộ phận|người)\s+(?:thực hiện|phụ trách))\b",
    re.IGNORECASE)


def assigned_work(view: PlanView) -> Line | None:
    """The first line that gives work to a named agency, in whatever shape: an item or a bullet
    ("2. Công an tỉnh: …", "- Giao Sở Tư pháp tham mưu …"), a sentence ("Sở Nội vụ có trách
    nhiệm …", "Trường THPT … xây dựng kế hoạch"), a task table's "Chủ trì" column (in the body
    or an appendix), or the agency column of a task matrix. None when no line does."""
    from plangen.word.recognise import assigns_a_task

    lines = [line for section in view.sections for line in section.lines] + view.appendix_lines
    for line in lines:
        text = line.text.strip()
        parsed = classify(text)
        rest = parsed[2].strip() if parsed else text
        if line.para is not None and line.para.in_table:
            if len(rest) < 60 and _ASSIGNMENT_COLUMN.search(rest):  # a task table's column heading
                return line
            continue
        if assigns_a_task(rest) or (names_an_agency(rest) and _TASK_VERBS.search(rest[:240])):
            return line
    return view.matrix_agencies[0] if view.matrix_agencies else None  # a task matrix's agency column

