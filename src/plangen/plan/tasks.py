"""Every task assignment of a plan as rows: who does what, by when (`plangen tasks`, task tables)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from plangen import vietnamese as vn
from plangen.plan import models
from plangen.plan.markup import plain
from plangen.plan.wording import period_text, task_facts_line


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
        return period_text(task.period.start, task.period.end)
    return plain(task.period) if task.period else ""


def format_deadline(task: models.Task) -> str:
    return vn.date_numeric(task.deadline) if isinstance(task.deadline, dt.date) else ""


def format_when(task: models.Task) -> str:
    """Deadline and period as one cell: `30/9/2025`, `Thường xuyên`, `01/7/2025 - 30/9/2025`."""
    return "; ".join(x for x in (format_period(task), format_deadline(task)) if x)


def task_facts(task: models.Task) -> str:
    """A task's facts as printed after it when the plan has no task table (`wording.task_facts_line`)."""
    return task_facts_line(task.lead, task.cooperating, format_period(task), format_deadline(task), task.output,
                           task.note)


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


_FACT_LINE = re.compile(r"^(Thời gian(?: thực hiện| hoàn thành)?|Thời hạn(?: hoàn thành)?|Tiến độ(?: thực hiện)?"
                        r"|Sản phẩm(?: dự kiến)?)\s*:\s*(.+?)\s*[.;]?$", re.IGNORECASE)
"""A line under a task giving its time or its output, as plans listing tasks one by one write it
beside their `Cơ quan chủ trì:` lines: `- Thời gian thực hiện: Quý II.`, `- Sản phẩm: Báo cáo.`"""

_TEXT_BLOCKS = (models.Paragraph, models.Item, models.Point, models.Bullet)


def is_partner(role: str) -> bool:
    """Does an agency line's role name the bodies that cooperate (`Cơ quan phối hợp`), rather than
    the one that does the task (`Cơ quan chủ trì`, `Cơ quan thực hiện`, `Đơn vị thực hiện`)?"""
    role = vn.fold(role)
    return "phoi hop" in role and "chu tri" not in role  # "Cơ quan chủ trì, phối hợp": the lead first


def block_text(block: models.Paragraph | models.Item | models.Point | models.Bullet) -> str:
    """What a text block says, as one line: an item's title and text joined as printed."""
    if isinstance(block, models.Item):
        if block.title and block.item:
            return f"{plain(block.title).rstrip(':')}: {plain(block.item)}"
        return plain(block.title or block.item or "")
    if isinstance(block, models.Paragraph):
        return plain(block.text)
    return plain(block.point if isinstance(block, models.Point) else block.bullet)


@dataclass(frozen=True)
class _Given:
    """Who does a task written as a text block, from its agency lines or the body its sentence names."""

    lead: str
    cooperating: list[str]
    period: str
    output: str


def _given(content: list, named: str | None) -> _Given:
    """Read the lines under a task (agency lines, time, output); without a lead line the body its
    sentence names (`named`) leads."""
    lines = [b for b in content if isinstance(b, models.TaskAgency)]
    leads = [plain(b.agency) for b in lines if not is_partner(b.role)]
    facts: dict[str, str] = {}
    for b in content:
        m = _FACT_LINE.match(block_text(b)) if isinstance(b, models.Bullet | models.Paragraph) else None
        if m:
            kind = "output" if vn.fold(m.group(1)).startswith("san pham") else "period"
            facts.setdefault(kind, m.group(2))
    return _Given(lead=", ".join(leads) or plain(named or ""),
                  cooperating=[plain(b.agency) for b in lines if is_partner(b.role)],
                  period=facts.get("period", ""), output=facts.get("output", ""))


def _gives_a_task(block: object, within: str | None) -> bool:
    """A text block is a task when agency lines follow it, or its sentence names a body other than
    the one whose task it is part of (that body's own task is already its row)."""
    if not isinstance(block, _TEXT_BLOCKS):
        return False
    if any(isinstance(b, models.TaskAgency) for b in getattr(block, "content", [])):
        return True
    return block.agency is not None and (within is None or vn.fold(block.agency) != vn.fold(within))


def _walk(blocks: list, prefix: str, within: str | None = None) -> Iterator[tuple[str, Any, str | None]]:
    """(label, block, agency it lies within) of every assignment and every text block giving a task."""
    for number, block in numbered_blocks(blocks):
        label = f"{prefix}.{number}" if number is not None else prefix
        if isinstance(block, models.Assignment):
            yield label, block, within
            for task in block.tasks:  # work its tasks give on to other bodies
                yield from _walk(task.content, label, block.agency)
        elif _gives_a_task(block, within) or (isinstance(block, models.Table) and block.table.roles):
            yield label, block, within  # a text block giving a task, or a task matrix
        if isinstance(block, models.Item | models.Point | models.Bullet | models.Heading):
            yield from _walk(block.content, label, within)


_LEADS_WITH = re.compile(
    r"^(?P<lead>\S.{2,150}?)\s+(?:chủ trì|chỉ đạo|hướng dẫn)\b,?\s*"
    r"(?:(?:và\s+)?(?:phối hợp|cùng)(?:\s+với)?\s+(?P<partners>\S.*?))?\s*$", re.IGNORECASE)


def lead_and_partners(label: str) -> tuple[str, str]:
    """An assignment's label that says who leads and with whom ("Sở Tài chính chủ trì, phối hợp
    các sở, ngành", "Bộ Chỉ huy quân sự tỉnh chỉ đạo lực lượng …"), as (lead, partners); a
    label that names one body alone is its own lead."""
    m = _LEADS_WITH.match(" ".join(label.split()))
    if m and not re.search(r"[.;:]", m.group("lead")):
        return m.group("lead"), m.group("partners") or ""
    return label, ""


def one_line(text: str) -> str:
    """A cell's lines as one line: a line that ends with `,` or `;` goes on after a space, the
    others (one body a line) are parted by `; `."""
    lines = [" ".join(x.split()) for x in plain(text).splitlines() if x.strip()]
    out = ""
    for line in lines:
        out = line if not out else f"{out}{' ' if out.endswith((',', ';', ':')) else '; '}{line}"
    return out


_ONE_DATE = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$")


def matrix_tasks(table: models.TableSpec) -> list[tuple[int, dict[str, str]]]:
    """The tasks of a task matrix, (row index, role → text on one line) of its rows read by
    their columns' roles: a row is a task when it has a task and something besides (the body
    that leads it, those that cooperate, a time, an output); a group row (`I. Nhóm nhiệm vụ …`)
    is none."""
    out = []
    for i, row in enumerate(table.role_rows()):
        fields = {role: one_line(text) for role, text in row.items()}
        if fields.get("task") and any(fields.get(r) for r in ("agency", "cooperating", "period", "output")):
            out.append((i, fields))
    return out


def matrices(plan: models.Plan) -> Iterator[tuple[tuple, models.TableSpec]]:
    """(path, table) of every task matrix of the plan (a table with `roles`), in the sections
    and then in the appendices, wherever it stands among the blocks."""
    def walk(blocks: list, path: tuple) -> Iterator[tuple[tuple, models.TableSpec]]:
        for j, block in enumerate(blocks):
            here = (*path, j)
            if isinstance(block, models.Table) and block.table.roles:
                yield (*here, "table"), block.table
            if isinstance(block, models.Assignment):
                for k, task in enumerate(block.tasks):
                    yield from walk(task.content, (*here, "tasks", k, "content"))
            content = getattr(block, "content", None)
            if isinstance(content, list):
                yield from walk(content, (*here, "content"))

    for i, section in enumerate(plan.sections):
        yield from walk(section.content, ("sections", i, "content"))
    for i, appendix in enumerate(plan.appendices):
        yield from walk(appendix.content, ("appendices", i, "content"))


def _matrix_rows(table: models.TableSpec, section: str, label: str, index: int, within: str | None,
                 numbers: dict[str, int]) -> Iterator[TaskRow]:
    """The rows of a task matrix as task rows, numbered after the label of the place it stands in."""
    for _i, fields in matrix_tasks(table):
        numbers[label] = numbers.get(label, 0) + 1
        agency = fields.get("agency") or plain(within or "")
        period = fields.get("period", "")
        yield TaskRow(
            section=section, item=f"{label}.{numbers[label]}", agency=agency,
            request=vn.fold(fields["task"]).startswith("de nghi "), task=fields["task"], deadline=period,
            lead=agency, cooperating=fields.get("cooperating", ""), output=fields.get("output", ""),
            note=fields.get("note", ""), section_index=index, due=period if _ONE_DATE.match(period) else "",
            period=period)


def appendix_label(index: int) -> str:
    """The short label of the appendix at `index` (from 1) in a task list: `PL1`, `PL2`…"""
    return f"PL{index}"


def task_rows(plan: models.Plan, matrices: bool = True) -> list[TaskRow]:
    """One row per task, in document order: the tasks of each assignment block, the text blocks
    that give a task (`Cơ quan chủ trì: …` lines under them, or a sentence naming the body, in
    `agency`), and (`matrices`) the rows of the task matrices (tables with `roles`) in the sections
    and then in the appendices (`PL1.1`, `PL1.2`…). A task found twice (same item, body and text)
    is one row."""
    rows: list[TaskRow] = []
    seen: set[tuple[str, str, str]] = set()
    numbers: dict[str, int] = {}  # matrix rows under each label so far

    def add(row: TaskRow) -> None:
        key = (row.item, vn.fold(row.agency), vn.fold(row.task))
        if key not in seen:
            seen.add(key)
            rows.append(row)

    for s_index, section in enumerate(plan.sections, start=1):
        sec = section_label(plan, s_index)
        for label, block, within in _walk(section.content, sec):
            if isinstance(block, models.Table):
                for row in _matrix_rows(block.table, sec, label, s_index, within, numbers) if matrices else ():
                    add(row)
                continue
            if isinstance(block, models.Assignment):
                named_lead, named_partners = lead_and_partners(plain(block.agency))
                for task in block.tasks:
                    lines = _given(task.content, None)
                    add(TaskRow(
                        section=sec, item=label, agency=plain(block.agency),
                        request=block.request, task=plain(task.text),
                        deadline=format_when(task) or lines.period,
                        lead=plain(task.lead) if task.lead else (lines.lead or named_lead),
                        cooperating=", ".join(plain(c) for c in task.cooperating) or ", ".join(lines.cooperating)
                        or named_partners,
                        output=plain(task.output or "") or lines.output, note=plain(task.note or ""),
                        section_index=s_index, due=format_deadline(task),
                        period=format_period(task) or lines.period,
                    ))
                continue
            text = block_text(block)
            given = _given(getattr(block, "content", []), block.agency)
            lead = given.lead or plain(within or "")
            add(TaskRow(
                section=sec, item=label, agency=lead, request=vn.fold(text).startswith("de nghi "),
                task=text, deadline=given.period, lead=lead, cooperating=", ".join(given.cooperating),
                output=given.output, note="", section_index=s_index, period=given.period,
            ))
    for a_index, appendix in enumerate(plan.appendices if matrices else [], start=1):
        label = appendix_label(a_index)
        for _label, block, within in _walk(appendix.content, label):
            if isinstance(block, models.Table):  # an appendix's rows numbered in the appendix
                for row in _matrix_rows(block.table, label, label, 0, within, numbers):
                    add(row)
    return rows
