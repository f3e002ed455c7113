"""The plan's closed vocabularies: the format a plan is laid out in, its section kinds and their
default headings, the signing authorities, the roles of a task matrix's columns and the type codes
of a document symbol.

Plain enums and tables, without pydantic: the models (`plangen.plan.models`) use them as field
types and re-export them, and the readers (`plangen import`, `plangen check` of a Word file) use
them without the models' start-up cost.
"""

from __future__ import annotations

import re
from enum import StrEnum


class DocumentFormat(StrEnum):
    """Whose format a plan is laid out in: a state body's (Nghị định 30/2020/NĐ-CP) or a Party
    committee's (Hướng dẫn 36-HD/VPTW)."""

    state = "state"
    party = "party"


DOCUMENT_TYPES: dict[str, str] = {
    "QĐ": "Quyết định", "NQ": "Nghị quyết", "KH": "Kế hoạch", "CT": "Chỉ thị", "CTr": "Chương trình",
    "HD": "Hướng dẫn", "KL": "Kết luận", "TB": "Thông báo", "NĐ": "Nghị định", "TT": "Thông tư",
}
"""Type codes of a document symbol (ND30 Phụ lục III; party symbols use the same codes) → the
document's name, to word the line of a plan issued with it; an unknown code reads as a Quyết
định, the only kind of document plans were issued with before."""


class ColumnRole(StrEnum):
    """What a column of a task matrix holds: the row's number as printed (TT numbered again in
    each group), the task, the body that leads it, those that cooperate, the body that follows
    the work up (theo dõi, đôn đốc: not given the task), when, what it gives, a note."""

    number = "number"
    task = "task"
    agency = "agency"
    cooperating = "cooperating"
    monitor = "monitor"
    period = "period"
    output = "output"
    note = "note"


class SectionKind(StrEnum):
    purpose = "purpose"
    requirements = "requirements"
    objectives = "objectives"
    theme = "theme"
    content = "content"
    assignments = "assignments"
    funding = "funding"
    implementation = "implementation"
    reporting = "reporting"
    other = "other"


DEFAULT_HEADINGS: dict[SectionKind, str] = {
    SectionKind.purpose: "MỤC ĐÍCH",
    SectionKind.requirements: "YÊU CẦU",
    SectionKind.objectives: "MỤC TIÊU",
    SectionKind.theme: "CHỦ ĐỀ",
    SectionKind.content: "NỘI DUNG TRỌNG TÂM",
    SectionKind.assignments: "PHÂN CÔNG NHIỆM VỤ",
    SectionKind.funding: "KINH PHÍ THỰC HIỆN",
    SectionKind.implementation: "TỔ CHỨC THỰC HIỆN",
    SectionKind.reporting: "CHẾ ĐỘ BÁO CÁO",
}
"""Heading of a section when the plan does not word it; several kinds join with ", "."""


class Authority(StrEnum):
    """Signing authority: ND30 Phụ lục I (with a dot), and the Party's forms (Hướng dẫn
    36-HD/VPTW, 1.7: with a slash)."""

    TM = "TM."
    KT = "KT."
    TL = "TL."
    TUQ = "TUQ."
    Q = "Q."
    none = "none"
    party_TM = "T/M"
    party_KT = "K/T"
    party_TL = "T/L"


ON_BEHALF = (Authority.TM, Authority.party_TM)
"""Forms that sign on behalf of a collective (TM. ỦY BAN NHÂN DÂN, T/M BAN THƯỜNG VỤ)."""
FOR_HEAD = (Authority.KT, Authority.TL, Authority.TUQ, Authority.Q, Authority.party_KT, Authority.party_TL)
"""Forms that sign for the head (KT. CHỦ TỊCH, K/T TRƯỞNG BAN, T/L BAN THƯỜNG VỤ)."""


TABLE_FONT_SIZES = (8, 14)
"""The sizes (pt) a table of a plan may be printed in, its own `font_size` (the template's is 13)."""


YEARS = (1945, 2200)
"""The years a plan may be of, or issued in (the state's documents start in 1945)."""

DOCUMENT_NUMBERS = (1, 99999)
"""A document's number: from 1, at most five digits (ND30 Phụ lục I, the symbol's number)."""

ISSUER_CODE = r"^[A-ZĐ][A-ZĐ0-9]*(?:[/.][A-ZĐ0-9]+)*$"
"""The issuer's abbreviation in a symbol: `UBND`, `SYT`, `BCĐ389`, a Party body's `ĐU` (ND30 Phụ lục III)."""

UNIT_CODE = r"^[A-ZĐ][A-ZĐ0-9]*$"
"""A drafting unit's abbreviation after the issuer's: the `VX` of `KH-UBND-VX`."""


def in_years(year: int) -> bool:
    return YEARS[0] <= year <= YEARS[1]


def is_issuer_code(code: str) -> bool:
    return re.match(ISSUER_CODE, code) is not None


def is_unit_code(code: str) -> bool:
    return re.match(UNIT_CODE, code) is not None
