"""Every task assignment of a plan as rows: who does what, by when (`plangen tasks`, task tables)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from plangen import vietnamese as vn
from plangen.plan import models
from plangen.plan.markup import plain


@dataclass(frozen=True)
class TaskRow:
    section: str  # "III"
    item: str  # "III.15"
    agency: str
    request: bool
    task: str
    deadline: str
    lead: str
    cooperating: str
    output: str
    note: str
    section_index: int  # 1-based, for filtering
    due: str = ""  # the deadline alone (a date), for spreadsheets: a column of dates only
    period: str = ""  # the period alone ("Thường xuyên", "01/7/2025 - 30/9/2025")

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data.pop("section_index")
        return data


COLUMNS = ["section", "item", "agency", "request", "task", "deadline", "lead", "cooperating",
           "output", "note"]


def section_label(plan: models.Plan, index: int) -> str:
    """The numeral of the section at `index` (from 1): as the plan writes it (`label`), else in sequence."""
    written = plan.sections[index - 1].label if index <= len(plan.sections) else None
    if written:
        return written
    return vn.roman(index) if plan.numbering == models.Numbering.roman else str(index)


def format_period(task: models.Task) -> str:
    """A task's period: `Thường xuyên`, `01/7/2025 - 30/9/2025`."""
    if isinstance(task.period, models.DateRange):
        # a no-break space before the dash: a narrow cell breaks after it, never before
        return f"{vn.date_numeric(task.period.start)}\u00a0- {vn.date_numeric(task.period.end)}"
    return plain(task.period) if task.period else ""


def format_deadline(task: models.Task) -> str:
    return vn.date_numeric(task.deadline) if isinstance(task.deadline, dt.date) else ""


def format_when(task: models.Task) -> str:
    """Deadline and period as one cell: `30/9/2025`, `Thường xuyên`, `01/7/2025 - 30/9/2025`."""
    return "; ".join(x for x in (format_period(task), format_deadline(task)) if x)


def task_facts(task: models.Task) -> str:
    """A task's facts as printed after it when the plan has no task table:
    `Chủ trì: …; phối hợp: …; thời gian: …; thời hạn: …; sản phẩm: …; ghi chú: …` (import reads them back)."""
    facts = []
    if task.lead:
        facts.append(f"Chủ trì: {task.lead}")
    if task.cooperating:
        facts.append("phối hợp: " + ", ".join(task.cooperating))
    # a period is "thời gian" (when it is done), a deadline "thời hạn" (by when)
    if format_period(task):
        facts.append(f"thời gian: {format_period(task)}")
    if format_deadline(task):
        facts.append(f"thời hạn: {format_deadline(task)}")
    if task.output:
        facts.append(f"sản phẩm: {task.output}")
    if task.note:
        facts.append(f"ghi chú: {task.note}")
    return "; ".join(facts)


def numbered_blocks(blocks: list) -> list[tuple[int | None, object]]:
    """Pair each block with its item number (items and assignments share one sequence)."""
    out = []
    n = 0
    for block in blocks:
        if isinstance(block, models.Heading):
            n = 0  # items under a heading are numbered afresh, as the layout numbers them
        if isinstance(block, models.Item | models.Assignment):
            n += 1
            out.append((n, block))
        else:
            out.append((None, block))
    return out


def _walk(blocks: list, prefix: str):
    for number, block in numbered_blocks(blocks):
        label = f"{prefix}.{number}" if number is not None else prefix
        if isinstance(block, models.Assignment):
            yield label, block
        if isinstance(block, models.Item | models.Point | models.Bullet | models.Heading):
            yield from _walk(block.content, label)


def task_rows(plan: models.Plan) -> list[TaskRow]:
    """One row per task, in document order."""
    rows: list[TaskRow] = []
    for s_index, section in enumerate(plan.sections, start=1):
        sec = section_label(plan, s_index)
        for label, assignment in _walk(section.content, sec):
            for task in assignment.tasks:
                rows.append(TaskRow(
                    section=sec, item=label, agency=plain(assignment.agency),
                    request=assignment.request, task=plain(task.text),
                    deadline=format_when(task),
                    lead=plain(task.lead) if task.lead else plain(assignment.agency),
                    cooperating=", ".join(plain(c) for c in task.cooperating),
                    output=plain(task.output or ""), note=plain(task.note or ""),
                    section_index=s_index, due=format_deadline(task), period=format_period(task),
                ))
    return rows
