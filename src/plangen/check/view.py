"""What the rules look at: a plan read back as a reader sees it, from YAML or from any .docx.

Both sources become the same `PlanView`: the header lines, the sections with the kinds they are
recognised as, the numbered lines inside them, the ending (recipients, signature), and dates.
Rules never look at YAML or XML directly, so one rule serves both kinds of file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

# recognising by meaning: one recogniser for check and import (plangen.word.recognise); re-exported,
# as the rules' vocabulary
from plangen.word.recognise import (
    AGENCY_START,
    FUNDING_MENTION,
    KIND_WORDS,
    classify,
    fold,
    is_upper,
    kinds_of_heading,
    names_an_agency,
)

if TYPE_CHECKING:  # .docx reading is imported only when a Word file is checked
    from plangen.word.wordfile import Para, WordDocument



@dataclass(frozen=True)
class Where:
    """A place to show the user: line/column in YAML, or a paragraph number in a .docx."""

    line: int | None = None
    column: int | None = None
    paragraph: int | None = None
    words: str = ""  # first words of the paragraph, for .docx
    path: tuple = ()  # YAML: the field the finding is about (`("signature", "name")`), when the rule knows it


@dataclass
class Line:
    text: str
    where: Where
    para: Para | None = None  # formatting, for .docx


@dataclass
class Numbered:
    """A numbered line: `I.`, `1.`, `1.2.`, `a)`, `-`."""

    kind: str  # "section", "item", "point", "bullet"
    label: str  # "I", "3", "1.2", "đ", "-"
    line: Line


@dataclass
class SectionView:
    heading: Line
    label: str
    title: str
    kinds: set[str]
    declared: bool  # kinds given by the author (YAML) rather than recognised from the wording
    lines: list[Line] = field(default_factory=list)
    numbered: list[Numbered] = field(default_factory=list)


@dataclass
class PlanView:
    file: str
    source: str  # "yaml" or "docx"
    format: str = "state"  # "state" (Nghị định 30/2020/NĐ-CP) or "party" (Hướng dẫn 36-HD/VPTW)
    header: dict[str, Line | None] = field(default_factory=dict)
    issuer_lines: list[Line] = field(default_factory=list)
    province: Line | None = None  # YAML: `issuer.province`, a commune's province (not printed)
    superior_count: int = 0  # how many of issuer_lines name the superior body (the governing body)
    summary: list[Line] = field(default_factory=list)
    decision_line: Line | None = None
    preamble: list[Line] = field(default_factory=list)
    record: list[Line] = field(default_factory=list)  # text above the header (a portal's record)
    sections: list[SectionView] = field(default_factory=list)
    last_content: Line | None = None
    recipients_heading: Line | None = None
    recipients: list[Line] = field(default_factory=list)
    signature: list[Line] = field(default_factory=list)
    year: int | None = None
    issue_date: dt.date | None = None
    dates: list[tuple[dt.date, Line, str]] = field(default_factory=list)  # (date, where, what)
    word: WordDocument | None = None
    body_paragraphs: list[Para] = field(default_factory=list)
    recipient_paragraphs: list[Para] = field(default_factory=list)
    sections_where: Where | None = None  # where the sections start (YAML: the `sections` key)
    text: str = ""  # YAML: the plan file's text (its comments hold review marks)
    signer_name: str | None = None  # None when there is no signature block
    appendix_lines: list[Line] = field(default_factory=list)  # every line of the appendices
    appendix_heads: list[Line] = field(default_factory=list)  # the first line of each appendix
    period_end: int | None = None  # the last year the plan covers ("giai đoạn 2026 - 2030": 2030)
    matrix_agencies: list[Line] = field(default_factory=list)  # the bodies a task matrix's rows are given to

    def start_of_sections(self) -> Where:
        """Where to report something missing among the sections."""
        if self.sections_where:
            return self.sections_where
        if self.sections:
            return self.sections[0].heading.where
        type_name = self.header.get("type_name")
        return type_name.where if type_name else Where(1, 1)

    @property
    def issued_with_decision(self) -> bool:
        return self.decision_line is not None

    @property
    def issuer_text(self) -> str:
        return " ".join(x.text for x in self.issuer_lines)

    @property
    def own_lines(self) -> list[Line]:
        """The issuing body's lines under its superior (a long name wraps over two bold lines)."""
        return self.issuer_lines[self.superior_count:] or self.issuer_lines[-1:]

    @property
    def drafted(self) -> bool:
        """The plan's own number is still blank (`Số:      /KH-UBND`): a draft, not yet issued."""
        number = self.header.get("number")
        return number is not None and not re.search(r"\d", number.text.split("/", 1)[0])

    @property
    def own_symbol(self) -> str:
        """The plan's symbol from its number line ("KH-UBND"), "" when there is none."""
        number = self.header.get("number")
        m = re.search(r"/\s*([A-ZĐ][\wĐđ.-]*)", number.text) if number else None
        return m.group(1) if m else ""


__all__ = ["AGENCY_START", "FUNDING_MENTION", "KIND_WORDS", "classify", "fold", "is_upper",
           "kinds_of_heading", "names_an_agency"]


DATE_IN_TEXT = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
_CITED = re.compile(r"(?:\d+/[A-ZĐ][\wĐđ/.-]*\s*,?\s*ngày|hiệu lực(?:\s+thi hành)?(?:\s+kể)?\s+từ(?:\s+ngày)?)\s*$",
                    re.IGNORECASE)
"""A date that is another document's: "620/KH-SGDĐT ngày …", "Luật … có hiệu lực từ ngày …"."""
DEADLINE_WORDS = re.compile(r"(trước ngày|hạn|hoàn thành|từ ngày|đến ngày|thời gian)\s*[:\(]?\s*$", re.IGNORECASE)


def deadlines_in(text: str) -> list[tuple[dt.date | None, str, int]]:
    """Dates the plan sets itself (reporting deadlines, periods) in a text: `trước ngày 18/7/2025`.

    Dates of documents (`Kế hoạch số 92/KH-UBND ngày 20/3/2025`) are not deadlines and are skipped.
    Returns (date or None when impossible, the date as written, offset)."""
    found = []
    for m in DATE_IN_TEXT.finditer(text):
        before = text[max(0, m.start() - 40):m.start()]
        if re.search(r"số\s+[\w/.-]+\s+ngày\s*$", before, re.IGNORECASE) or _CITED.search(before):
            continue
        if not DEADLINE_WORDS.search(before) and not re.search(r"(từ|đến|-|–)\s*(ngày\s*)?$", before):
            continue
        day, month, year = (int(g) for g in m.groups())
        try:
            found.append((dt.date(year, month, day), m.group(0), m.start()))
        except ValueError:
            found.append((None, m.group(0), m.start()))
    return found


def period_end(summary: str, year: int | None) -> int | None:
    """The last year a plan covers: its year, or the end of the period its summary names
    ("giai đoạn 2026 - 2030", "lộ trình đến năm 2035", "năm học 2025 - 2026")."""
    from plangen.word.recognise import YEAR

    if year is None:
        return None
    later = [int(y) for y in YEAR.findall(summary[:2000]) if year <= int(y) <= year + 30]
    return max([year, *later])


NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

