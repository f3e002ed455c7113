"""The task matrix (`plangen tasks`) where offices keep it: a terminal table, CSV for Excel, xlsx.

Headings are in the user's language (Vietnamese by default), yes/no is "Có"/"Không", a deadline
that is one date is a date in a spreadsheet. Spreadsheets run a cell that starts with `=`, `+`,
`-` or `@` as a formula: such a text is kept as text (CSV: with a leading `'`, as Excel shows
it; xlsx: typed as a string).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import textwrap

from plangen.i18n import N_, _
from plangen.plan.tasks import COLUMNS

HEADINGS = {  # Vietnamese through the catalog, as every message
    "section": N_("Section"), "item": N_("Item"), "agency": N_("Agency"), "request": N_("Request"),
    "task": N_("Task"), "deadline": N_("Deadline"), "lead": N_("Lead"), "cooperating": N_("Cooperating"),
    "output": N_("Output"), "note": N_("Note"), "due": N_("Deadline"), "period": N_("Period"),
}
XLSX_COLUMNS = [("due", "period") if c == "deadline" else (c,) for c in COLUMNS]
XLSX_COLUMNS = [c for group in XLSX_COLUMNS for c in group]
"""In a workbook the deadline (dates only, so that the column sorts and filters as dates) and the
period (text) are two columns."""
WIDTHS = {"section": 7, "item": 8, "agency": 28, "request": 9, "task": 60, "deadline": 16, "lead": 24,
          "cooperating": 24, "output": 22, "note": 22, "due": 12, "period": 22}
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_ONE_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def headings(columns: list[str] = COLUMNS) -> list[str]:
    return [_(HEADINGS[c]) for c in columns]


def _cell(row: dict, column: str) -> str:
    value = row[column]
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return str(value)


def _safe(text: str) -> str:
    """A text a spreadsheet shows as written, never runs (`=HYPERLINK(…)` stays text)."""
    return "'" + text if text.startswith(_FORMULA) else text


def as_csv(rows: list[dict]) -> str:
    """CSV with a byte-order mark, so that Excel reads the Vietnamese letters right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headings())
    for row in rows:
        writer.writerow([_safe(_cell(row, c)) for c in COLUMNS])
    return "\ufeff" + buffer.getvalue()


def as_table(rows: list[dict], width: int | None = None) -> str:
    """A table for the terminal: a heading line, each task wrapped under its column."""
    width = width or shutil.get_terminal_size((120, 20)).columns
    task_width = max(30, width - 8 - 1 - 30 - 1 - 14 - 3)
    lines = [f"{_(HEADINGS['item']):<8} {_(HEADINGS['agency']):<30} {_(HEADINGS['task']):<{task_width}} "
             f"{_(HEADINGS['deadline'])}"]
    for row in rows:
        agency = textwrap.wrap(("⟨" + _(HEADINGS["request"]) + "⟩ " if row["request"] else "") + row["agency"],
                               30) or [""]
        task = textwrap.wrap(str(row["task"]), task_width) or [""]
        for k in range(max(len(agency), len(task))):
            left = row["item"] if k == 0 else ""
            when = row["deadline"] if k == 0 else ""
            lines.append(f"{left:<8} {agency[k] if k < len(agency) else '':<30} "
                         f"{task[k] if k < len(task) else '':<{task_width}} {when}".rstrip())
    return "\n".join(lines)


def as_xlsx(rows: list[dict]) -> bytes:
    """A workbook: bold frozen heading row with a filter, wrapped text, widths, dates as dates."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Tasks")
    sheet.append(headings(XLSX_COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for r, row in enumerate(rows, start=2):
        for c, column in enumerate(XLSX_COLUMNS, start=1):
            text = _cell(row, column)
            cell = sheet.cell(row=r, column=c)
            m = _ONE_DATE.match(text) if column == "due" else None
            if m:
                try:
                    cell.value = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
                    cell.number_format = "dd/mm/yyyy"
                except ValueError:
                    cell.value = text
                    cell.data_type = "s"
            else:
                cell.value = text
                cell.data_type = "s"  # never a formula
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for c, column in enumerate(XLSX_COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=c).column_letter].width = WIDTHS[column]
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
