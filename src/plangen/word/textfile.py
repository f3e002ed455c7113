"""Read a plan given as plain text (pasted from a portal, or taken from a PDF) as paragraphs.

Text from a PDF is wrapped at the page's width: one paragraph runs over several lines, and the
gaps of the page (around the title, before the signature) become blank or space-only lines. Text
pasted from a web page has one paragraph per line. This module finds the paragraphs again, so that
the same recogniser (`plangen.word.recognise`) reads text, PDF and Word files alike. Formatting is
unknown here: the paragraphs it makes say so (`formatted=False`).
"""

from __future__ import annotations

import itertools
import re
import statistics
import unicodedata

from plangen import vietnamese as vn
from plangen.word.wordfile import Para

MAX_LINE = 20_000  # longer lines are cut into pieces of this size: patterns below stay linear

# a line that opens a paragraph by its look: a label (I., 1., 1.2., a), -, +), an all-capital
# heading, the ending's parts
_LABEL = re.compile(rf"^(?:{vn.ROMAN_LABEL}\s*[.)/]"  # I.  I)  I/
                    r"|\d{1,3}(?:\.\d{1,3}){0,3}\s*(?:[.)]|/(?!\d))"  # 1.  1.2.  1)  1/ (not 15/12)
                    rf"|[a-zđ]\s*\)|[a-zđ]/\s|[{vn.BULLET_MARKS}]\s)")  # a)  a/  -  +  •
_STRONG = re.compile(r"^(?:Nơi nhận\b|(?:TM|KT|TL|TUQ|Q)\.\s|(?:T/M|K/T|T/L)\s|Căn cứ\b|PHỤ LỤC\b|Phụ lục\b|"
                     r"\(Kèm theo\b)")  # T/M …: a Party document's signature
_ROMAN_HEADING = re.compile(rf"^{vn.ROMAN_LABEL}\s*[.)/-]\s+\S")  # "I- …": the Party's older style
_ENDS_SENTENCE = re.compile(r"[.;:!?…]\W{0,2}$")
_GAP = re.compile(r"\S(?:\t+| {4,})\S")
_RULE_LINE = re.compile(r"^[-–—_]{3,}$")


_COLUMN_GAP = re.compile(r"(?<=\S) {6,}(?=\S)")
_ONSET = re.compile(r"^(?:[bcdđghklmnpqrstvx]{1,3}|qu|gi|ti)$", re.IGNORECASE)


def from_pdf_layout(text: str) -> str:
    """Text of `pdftotext -layout`, the way a reader takes it in: the two columns of the header
    table and of the signature table one after the other (left first), and the syllables that
    PDF glyph positioning split ("Thủ t ướng") joined again."""
    lines = [_join_split_syllables(line) for line in _lines(text)]
    out: list[str] = []
    block: list[list[str]] = []

    def flush() -> None:
        if block:
            width = max(len(parts) for parts in block)
            for column in range(width):
                out.extend(parts[column] for parts in block if len(parts) > column)
            block.clear()

    in_columns = True  # the header, until the type name; again from the recipients on
    for line in lines:
        stripped = line.strip()
        if stripped.upper().startswith("KẾ HOẠCH") and len(stripped) < 24:
            flush()
            in_columns = False
        elif stripped.startswith(("Nơi nhận", "TM.", "KT.", "TL.", "Q.", "TUQ.", "T/M ", "K/T ", "T/L ")):
            in_columns = True
        if in_columns and _COLUMN_GAP.search(stripped):
            block.append(_COLUMN_GAP.split(stripped))
            continue
        if in_columns and block and stripped:
            block.append([stripped])  # a line of one column inside a two-column block
            continue
        flush()
        out.append(line)
    flush()
    return "\n".join(out)


def _join_split_syllables(line: str) -> str:
    words = line.split(" ")
    out: list[str] = []
    for word in words:
        if out and word and _ONSET.match(out[-1]) and _starts_with_marked_vowel(word):
            out[-1] += word
        else:
            out.append(word)
    return " ".join(out)


def _starts_with_marked_vowel(word: str) -> bool:
    parts = unicodedata.normalize("NFD", word[:1])
    return len(parts) > 1 and parts[0].lower() in "aeiouy"


def _is_upper(text: str) -> bool:
    letters = [c for c in text[:200] if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) / len(letters) >= 0.8


def _lines(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        line = line.replace("\f", "").rstrip()
        while len(line) > MAX_LINE:
            out.append(line[:MAX_LINE])
            line = line[MAX_LINE:]
        out.append(line)
    return out


def _double_spaced(lines: list[str]) -> bool:
    """PDF extractions often put an empty line after every line: then one empty line means
    nothing, and only longer gaps separate parts of the page."""
    pairs = sum(1 for a, b in itertools.pairwise(lines) if a.strip() and not b)
    filled = sum(1 for line in lines if line.strip())
    return filled > 4 and pairs >= 0.8 * filled


def _wrapped(lines: list[str]) -> bool:
    """Is the text wrapped at a page width (PDF), rather than one paragraph per line?"""
    filled = [len(x.strip()) for x in lines if x.strip()]
    if len(filled) < 5:
        return False
    long_lines = [n for n in filled if n > 40]
    if not long_lines:
        return False
    width = statistics.median(long_lines)
    unended = sum(1 for x in lines if len(x.strip()) > 40 and not _ENDS_SENTENCE.search(x.strip()))
    return width < 140 and unended >= 0.3 * len(long_lines)


def paragraphs(text: str) -> list[Para]:
    """The paragraphs of a plain-text plan; `index` is the line number where each starts."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = _lines(text)
    double = _double_spaced(lines)
    wrapped = _wrapped(lines)
    widths = [len(x.strip()) for x in lines if len(x.strip()) > 40]
    width = max(statistics.quantiles(widths, n=10)[7], 40) if len(widths) >= 10 else 80
    out: list[Para] = []
    current: list[str] = []
    start = 0
    gap = False
    blank_run = 0

    def flush() -> None:
        if current:
            out.append(Para(index=start, text=" ".join(current), formatted=False))
            current.clear()

    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            blank_run += 1
            # a space-only line, or a run of empty lines beyond the double spacing, is a gap
            if raw or not double or blank_run >= 2:
                gap = True
            continue
        blank_run = 0
        new = not current or not wrapped or _starts_paragraph(current, line, width) or (
            gap and not _continues(current[-1], line))
        if new:
            flush()
            start = number
        current.append(line)
        gap = False
    flush()
    return out


def _continues(previous: str, line: str) -> bool:
    """Across a gap of the page, a sentence goes on only when plainly unfinished."""
    return line[:1].islower() and not _ENDS_SENTENCE.search(previous)


def _starts_paragraph(paragraph: list[str], line: str, width: float) -> bool:
    """Does `line` begin a new paragraph after the lines of `paragraph` in wrapped text?"""
    previous = paragraph[-1]
    if _GAP.search(previous) or _GAP.search(line):  # a line laid out in columns stands alone
        return True
    if _RULE_LINE.match(line) or _RULE_LINE.match(previous):  # "-----" under a summary stands alone
        return True
    if _STRONG.match(line) or (_ROMAN_HEADING.match(line) and _is_upper(line)):
        return True
    ended = bool(_ENDS_SENTENCE.search(previous))
    short = len(previous) < 0.7 * width
    opens = bool(_LABEL.match(line)) or line[:1].isupper() or line[:1] in "“\"(["
    if _is_upper(previous) and not ended:
        # a section heading in capitals goes on while the next line is in capitals too; other
        # lines in capitals (the issuer, the signature) stand one per line
        heading = bool(_LABEL.match(paragraph[0])) and len(previous) >= 0.6 * width
        return not (heading and _is_upper(line) and not _LABEL.match(line))
    if _LABEL.match(line):
        return ended or short
    if opens and len(previous) < 0.6 * width:  # a wrapped line runs near the width: this one ended
        return True
    return (ended and short and opens) or (ended and opens and len(previous) < 0.9 * width)
