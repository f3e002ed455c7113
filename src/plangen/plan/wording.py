"""How plangen words what it prints from a plan's fields: the signature's upper lines, the line of
the document a plan is issued with, a task's facts, how a plan is cited.

Plain functions of plain values, without pydantic: the models' properties and the layout call them
with a validated plan's values, and `plangen import` with the values it read, to tell whether
what plangen would print is what the source prints (then the source's wording need not be kept
apart) without paying the models' start-up on every import.
"""

from __future__ import annotations

import datetime as dt
import re

from plangen import vietnamese as vn
from plangen.plan.vocabulary import DOCUMENT_TYPES, Authority


def signature_lines(authority: str, collective: str | None, head: str | None, position: str | None) -> list[str]:
    """The upper lines of a signature block as the decree writes them (ND30 Phụ lục I; the
    Party's T/M: Hướng dẫn 36-HD/VPTW, 1.7): `TM. ỦY BAN NHÂN DÂN` / `KT. CHỦ TỊCH` /
    `PHÓ CHỦ TỊCH`, upper case."""
    out: list[str] = []
    if authority == Authority.TM:
        out.append(f"TM. {collective}")
        if head:
            out.append(f"KT. {head}")
    elif authority == Authority.party_TM:
        out.append(f"T/M {collective}")
        if head:  # printed as written: check says a Party deputy signs under T/M alone
            out.append(f"K/T {head}")
    elif authority != Authority.none:
        out.append(f"{authority} {head}")
    if position:
        out.append(position)
    return [vn.upper(line) for line in out]


DOCUMENT_SYMBOL = r"^\d+(?:/[A-ZĐa-zđ0-9/-]+|-[A-ZĐa-zđ]+/[A-ZĐa-zđ0-9/.-]+)$"
"""A document's number and symbol: `1206/QĐ-UBND`, `12/2025/NQ-HĐND`, a Party document's `35-NQ/TU`."""


def document_type_name(number: str, kind: str | None = None) -> str:
    """`Quyết định` for `1206/QĐ-UBND`, `Nghị quyết` for `35-NQ/TU`, unless `kind` says."""
    if kind:
        return kind
    # `1206/QĐ-UBND`, `12/2025/NQ-HĐND`, `35-NQ/TU`: the first part that is a type code
    codes = [part for part in re.split(r"[/-]", number)[1:] if part in DOCUMENT_TYPES]
    return DOCUMENT_TYPES[codes[0]] if codes else "Quyết định"


def document_line(number: str, by: str, day: dt.date | None = None, kind: str | None = None,
                  wording: str = "Kèm theo", line: str | None = None) -> str:
    """The bracketed line under the summary: `(Kèm theo Quyết định số 1206/QĐ-UBND ngày … của …)`,
    or the line as written (`line`), in brackets."""
    if line:
        line = line.strip()
        return line if line.startswith("(") else f"({line})"
    when = f" {vn.date_words(day)}" if day else ""
    return f"({wording} {document_type_name(number, kind)} số {number}{when} của {by})"


def period_text(start: dt.date, end: dt.date) -> str:
    """A task's period from one date to another: `01/7/2025 - 30/9/2025` (a no-break space before
    the dash: a narrow cell breaks after it, never before)."""
    return f"{vn.date_numeric(start)}\u00a0- {vn.date_numeric(end)}"


def task_facts_line(lead: str | None, cooperating: list[str], period: str, deadline: str,
                    output: str | None, note: str | None) -> str:
    """A task's facts as printed after it when the plan has no task table:
    `Chủ trì: …; phối hợp: …; thời gian: …; thời hạn: …; sản phẩm: …; ghi chú: …`; `period` and
    `deadline` as printed (import reads them back)."""
    facts = []
    if lead:
        facts.append(f"Chủ trì: {lead}")
    if cooperating:
        facts.append("phối hợp: " + ", ".join(cooperating))
    # a period is "thời gian" (when it is done), a deadline "thời hạn" (by when)
    if period:
        facts.append(f"thời gian: {period}")
    if deadline:
        facts.append(f"thời hạn: {deadline}")
    if output:
        facts.append(f"sản phẩm: {output}")
    if note:
        facts.append(f"ghi chú: {note}")
    return "; ".join(facts)


def party_symbol(code: str) -> str:
    """`KH/ĐU`: the type, a slash, the issuing body (36-HD/VPTW, 1.3)."""
    return f"{vn.PLAN_TYPE_CODE}/{code}"


def party_number_text(number: int | str | None, code: str) -> str:
    """`12-KH/ĐU`, `01-KH/TU`, or a draft's blank before `-KH/ĐU`."""
    return f"{vn.document_number(number)}-{party_symbol(code)}"


def long_date(day: dt.date | None, draft_month: int | None, year: int) -> str:
    """`ngày 05 tháng 02 năm 2026`, or a draft's blanks (`ngày      tháng 4 năm 2026`)."""
    if day:
        return vn.date_words(day)
    month = vn.month_text(draft_month) if draft_month else vn.BLANK
    gap = " " if draft_month else ""
    return f"ngày{vn.BLANK}tháng{gap}{month}{gap}năm {year}"


def year_of_issue(day: dt.date | None, issue_year: int | None, year: int) -> int:
    """The year a plan is issued in: its date's, else the one its draft's date line gives, else the plan's."""
    return day.year if day else issue_year or year


def plan_citation(number: int | str | None, code: str, unit: str | None, day: dt.date | None,
                  draft_month: int | None, issue_year: int | None, year: int, party: bool = False) -> str:
    """How a plan is cited: `số 05/KH-UBND ngày 05 tháng 02 năm 2026`; a Party plan `số 12-KH/ĐU,
    ngày 18/9/2025` (a comma before "ngày", as Party documents cite each other); a draft's blanks."""
    draft_when = long_date(day, draft_month, year_of_issue(day, issue_year, year))
    if party:
        when = f"ngày {vn.date_numeric(day)}" if day else draft_when
        return f"số {party_number_text(number, code)}, {when}"
    symbol = vn.number_line(number, code, unit).removeprefix("Số: ")
    return f"số {symbol} {draft_when}"


def appendix_line(citation: str, full_name: str | None, number_label: str = "số") -> str:
    """An appendix's line: `(Kèm theo Kế hoạch số 05/KH-UBND ngày … của …)`."""
    of = f"của {full_name}" if full_name else ""
    number = citation.replace("số ", f"{number_label} ", 1)
    return f"(Kèm theo Kế hoạch {number} {of})".replace(" )", ")")
