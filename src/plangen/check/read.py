"""Build a `PlanView` from a validated YAML plan or from any Word file."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from plangen import models
from plangen.check.view import (
    FUNDING_MENTION,
    Line,
    Numbered,
    PlanView,
    SectionView,
    Where,
    classify,
    deadlines_in,
    fold,
    is_upper,
    kinds_of_heading,
    names_an_agency,
)
from plangen.load import LoadedPlan, SourceMap

if TYPE_CHECKING:  # .docx reading is imported only when a Word file is checked
    from plangen.wordfile import Para, WordDocument


def _sections_from_lines(view: PlanView, lines: list[Line], declared: dict[int, set[str]] | None = None) -> None:
    """Split body lines into preamble and sections, and number-parse every line."""
    current: SectionView | None = None
    for line in lines:
        parsed = classify(line.text)
        if parsed and parsed[0] == "section":
            _, label, title = parsed
            index = len(view.sections)
            kinds = (declared or {}).get(index)
            current = SectionView(line, label, title.strip(), kinds or kinds_of_heading(title),
                                  declared=kinds is not None)
            view.sections.append(current)
            continue
        if current is None:
            view.preamble.append(line)
            continue
        current.lines.append(line)
        if parsed:
            current.numbered.append(Numbered(parsed[0], parsed[1], line))
    for section in view.sections:
        if section.declared:
            continue
        agencies = [n for n in section.numbered if n.kind == "item" and "." not in n.label
                    and names_an_agency(n.line.text.split(" ", 1)[-1])]
        if len(agencies) >= 2:
            section.kinds.add("assignments")
        if "content" not in section.kinds and "assignments" in section.kinds and len(section.numbered) >= 2:
            section.kinds.add("content")


def _collect_dates(view: PlanView, known: dict[int, set] | None = None) -> None:
    """Deadlines written in the text; `known` maps id(line) → dates already read from the plan's
    structured fields for that line (a task's deadline, also printed after its text)."""
    for section in view.sections:
        for line in section.lines:
            for day, written, _offset in deadlines_in(line.text):
                if known and day in known.get(id(line), set()):
                    continue
                view.dates.append((day, line, written))  # day is None when impossible


# --- from YAML ---------------------------------------------------------------------------

def from_plan(loaded: LoadedPlan, laid_out: tuple | None = None) -> PlanView:
    """The view of a plan; `laid_out` is `build_context(plan)` when the caller has it already."""
    from plangen.layout import build_context

    plan, source = loaded.plan, loaded.source
    context, _notes = laid_out or build_context(plan)
    view = PlanView(file=source.file, source="yaml", year=plan.year, issue_date=plan.date)

    def at(path: tuple) -> Where:
        mark = source.locate(path)
        return Where(mark.line, mark.column) if mark else Where()

    header = context["header"]
    view.issuer_lines = [Line(x, at(("issuer", "governing_body"))) for x in header["governing_body"]]
    view.issuer_lines += [Line(x, at(("issuer", "name"))) for x in header["issuer"]]
    view.header = {
        "national_title": Line(header["national_title"], at(())),
        "motto": Line(header["motto"], at(())),
        "number": Line(header["number_line"], at(("number",) if plan.number else ("issuer", "code")))
        if header["show_number"] else None,
        "date": Line(header["date_line"], at(("date",) if plan.date else ("issuer", "place")))
        if header["show_number"] else None,
        "type_name": Line(context["type_name"], at(("summary",))),
    }
    view.sections_where = at(("sections",))
    view.summary = [Line(x, at(("summary",))) for x in plan.summary.split("\n")]
    if context["decision_line"]:
        view.decision_line = Line(context["decision_line"], at(("issued_with",)))
    blocks = [b for b in context["body"] if b.kind != "table"]
    lines = [Line(b.runs.text, at(b.origin)) for b in blocks]
    declared = {i: {k.value for k in s.kind} for i, s in enumerate(plan.sections)}
    _sections_from_lines(view, lines, declared)
    if lines:
        view.last_content = lines[-1]
    if context["has_ending"]:
        view.recipients_heading = Line("Nơi nhận:", at(("recipients",))) if context["recipients"] else None
        view.recipients = [Line(r, at(("recipients", i) if i < len(plan.recipients) else ("archive",)))
                           for i, r in enumerate(context["recipients"])]
        view.signature = [Line(x, at(("signature",))) for x in context["signature"]["lines"]]
    task_dates = _task_dates(view, plan, source)
    known = {id(line): task_dates.get(b.origin, set()) for b, line in zip(blocks, lines, strict=True)}
    _collect_dates(view, known)
    return view


def _task_dates(view: PlanView, plan: models.Plan, source: SourceMap) -> dict[tuple, set]:
    """Add the tasks' deadlines and periods to the view; return them by task path."""
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

AUTHORITY_LINE = re.compile(r"^(TM|KT|TL|TUQ|Q)\.\s*\S")
TYPE_NAME = "KẾ HOẠCH"


def _line(p: Para) -> Line:
    return Line(p.text.strip(), Where(paragraph=p.index, words=p.words), p)


def from_word(doc: WordDocument) -> PlanView:
    view = PlanView(file=doc.path, source="docx", word=doc)
    paras = [p for p in doc.paragraphs if p.text.strip()]
    type_at = next((i for i, p in enumerate(paras) if fold(p.text) == TYPE_NAME
                    or (fold(p.text).startswith(TYPE_NAME) and len(p.text) < 20)), None)
    header = paras[:type_at] if type_at is not None else []
    view.header = {"national_title": None, "motto": None, "number": None, "date": None,
                   "type_name": _line(paras[type_at]) if type_at is not None else None}
    for p in header:
        folded = fold(p.text)
        if "CỘNG HÒA" in folded or "CỘNG HOÀ" in folded:
            view.header["national_title"] = _line(p)
        elif "ĐỘC LẬP" in folded:
            view.header["motto"] = _line(p)
        elif re.match(r"^SỐ\s*:", folded):
            view.header["number"] = _line(p)
        elif re.search(r",?\s*NGÀY\b.*\bTHÁNG\b.*\bNĂM\b", folded):
            view.header["date"] = _line(p)
        else:
            view.issuer_lines.append(_line(p))
    rest = paras[type_at + 1:] if type_at is not None else paras
    # summary: the lines right after the type name, until the decision line or the body starts
    i = 0
    while i < len(rest) and i < 4:
        p = rest[i]
        text = p.text.strip()
        if text.startswith("(Kèm theo") or classify(text) or re.match(r"^(Căn cứ|Thực hiện)\b", text) \
                or (p.first_indent_cm or 0) > 0.5 or len(text) > 250:
            break
        view.summary.append(_line(p))
        i += 1
    if i < len(rest) and rest[i].text.strip().startswith("(Kèm theo"):
        view.decision_line = _line(rest[i])
        i += 1
    body = rest[i:]
    # the ending: "Nơi nhận" or the first authority line after the sections start
    end = len(body)
    for j, p in enumerate(body):
        text = p.text.strip()
        if fold(text).startswith("NƠI NHẬN") or (AUTHORITY_LINE.match(text) and is_upper(text)):
            end = j
            break
    content, ending = body[:end], body[end:]
    lines = [_line(p) for p in content]
    view.body_paragraphs = content
    _sections_from_lines(view, lines)
    if lines:
        view.last_content = lines[-1]
    for p in ending:
        text = p.text.strip()
        if fold(text).startswith("NƠI NHẬN"):
            view.recipients_heading = _line(p)
        elif text.startswith(("-", "–")) or (view.recipients and p.cell == view.recipients[-1].para.cell
                                             and p.table and not is_upper(text)):
            if not text.startswith(("-", "–")) and view.recipients:
                prev = view.recipients[-1]  # a recipient written over two lines
                view.recipients[-1] = Line(f"{prev.text} {text}", prev.where, prev.para)
                continue
            view.recipients.append(_line(p))
            view.recipient_paragraphs.append(p)
        elif is_upper(text):
            view.signature.append(_line(p))
    year = re.search(r"năm (\d{4})", view.header["date"].text) if view.header.get("date") else None
    summary_year = re.search(r"\b(20\d\d|19\d\d)\b", " ".join(x.text for x in view.summary))
    view.year = int(summary_year.group(1)) if summary_year else (int(year.group(1)) if year else None)
    if view.header.get("date"):
        m = re.search(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", view.header["date"].text)
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


