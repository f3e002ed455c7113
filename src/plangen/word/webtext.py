"""Read a plan copied from a web portal or exported as Markdown as displayed paragraphs.

Portals and converters hand a plan over as Markdown-like text: `**bold**` and `*italic*`; the
header and the signature laid out as tables, either as pipe rows (`| ỦY BAN … | CỘNG HÒA … |`) or
with a bar alone on a line between cells (as HTML-to-text converters write a table); `---` for the
lines drawn under the header; HTML entities (`&nbsp;`); notes (`[1]` in the text, `[1] …` at the
end of the page, where a portal prints the document's footnotes); paragraphs wrapped at a fixed
width, a blank line between two. This module turns that into the paragraphs the Word reader gives
(`plangen.word.wordfile.Para`): markup becomes runs (bold, italic), each table cell its paragraphs
with row and column, so that one recogniser reads Word, text and web text alike. A note stays as
the page shows it: its mark in the text, its text a paragraph where the page has it (the importer
says it can be made a footnote); nothing of it is moved out of the document's body. What such
text does not say (alignment, sizes, merged cells) stays unknown: the paragraphs say so
(`formatted=False`).
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field, replace

from plangen import vietnamese as vn
from plangen.word import textfile
from plangen.word.textfile import text_lines
from plangen.word.wordfile import Para, Run

_BREAK = "\ue000"  # an HTML line break, a line of its own in a paragraph or a table cell
MAX_COLUMNS = 40  # a table laid out with one bar per line has at most this many columns
WEIGH_ALL = 800  # cells of a bar table up to which every width is tried; past it, the likeliest
MAX_SPLIT = 6000  # cells of such a table weighed for its rows; a longer one is cut at its width
_BAR = "|"

_BOLD_PAIR = re.compile(r"\*\*[^*\n]{1,300}\*\*")
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,7}|#[xX][0-9a-fA-F]{2,6});")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_RULE = re.compile(r"^\s*(?:[-*_=—–]\s*){3,}$")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_TAG = re.compile(r"<(/?)(b|strong|i|em|u|span|font|sup|sub|p|div|br)\b[^>]{0,200}>", re.IGNORECASE)
# one token of a line: an escaped character, a run of stars
_TOKEN = re.compile(r"\\([!-/:-@\[-`{-~])|(\*+)")
_LIST_LINE = re.compile(rf"^(?:[{vn.BULLET_MARKS}]\s+\S|(?:{vn.ROMAN_LABEL}|\d{{1,3}}(?:\.\d{{1,3}}){{0,3}}|[a-zđ])"
                        r"\s*[.)]\s+\S)")
_BULLET_LINE = re.compile(rf"^[{vn.BULLET_MARKS}]\s+([^\s*])")
_ENDS = re.compile(r"[.;:!?…]$")


def is_web_text(text: str) -> bool:
    """Does the text carry Markdown or web markup (bold pairs, tables of bars, entities,
    headings), rather than being plain text?"""
    head = text[:200_000]
    lines = head.splitlines()
    bars = sum(1 for line in lines if line.strip() == _BAR)
    pipes = sum(1 for line in lines if _PIPE_ROW.match(line))
    headings = sum(1 for line in lines if _HEADING.match(line))
    return (len(_BOLD_PAIR.findall(head)) >= 3 or bars >= 4 or pipes >= 2 or headings >= 2
            or len(_ENTITY.findall(head)) >= 3)


# --- blocks: paragraphs of lines, tables of cells --------------------------------------------

@dataclass
class _Lines:
    """Lines of one paragraph block (or of one table cell), with the number of the first."""

    start: int
    lines: list[str] = field(default_factory=list)
    heading: bool = False


@dataclass
class _Table:
    start: int
    rows: list[list[_Lines]]
    # the lines of a cell are the lines it shows (a pipe row's `<br>`), not a crawler's wrapping
    line_breaks: bool = False


@dataclass
class _Verbatim:
    """A fenced block (```): text kept as typed, one line per line, read as plain text; `label`
    is the opening line when it names the block ("```text"): words the user wrote, kept."""

    start: int
    lines: list[str]
    label: str = ""


_Block = _Lines | _Table | _Verbatim


_TABLE_TAG = re.compile(r"<(/?)table\b[^>]{0,500}>", re.IGNORECASE)
_ROW_TAG = re.compile(r"<tr\b[^>]{0,500}>", re.IGNORECASE)
_CELL_TAG = re.compile(r"<t[dh]\b[^>]{0,500}>", re.IGNORECASE)
_CELL_END = re.compile(r"</(?:t[dh]|tr|tbody|thead|tfoot)\s*>|<(?:tbody|thead|tfoot)\b[^>]{0,200}>", re.IGNORECASE)
_CELL_LINE = re.compile(r"</?(?:p|div)\b[^>]{0,200}>|\n", re.IGNORECASE)


def _html_tables(text: str) -> str:
    """An HTML table a portal left in (`<table><tr><td>…`) as pipe rows, one per `<tr>`, a cell's
    paragraphs and `<br>` its lines: read then as any pipe table (the header, the signature)."""
    out: list[str] = []
    pos = 0  # where the text not yet written starts
    opened: int | None = None  # the end of the open table's tag
    for m in _TABLE_TAG.finditer(text):
        if not m.group(1):
            if opened is None:
                out.append(text[pos:m.start()])
                pos, opened = m.start(), m.end()
            continue
        if opened is None:
            continue
        rows = []
        for row in _ROW_TAG.split(text[opened:m.start()])[1:]:
            cells = []
            for cell in _CELL_TAG.split(row)[1:]:
                lines = [x.strip() for x in _CELL_LINE.split(_CELL_END.sub("", cell))]
                cells.append("<br>".join(x for x in lines if x).replace("|", "\\|"))
            if cells:
                rows.append("| " + " | ".join(cells) + " |")
        out.append("\n\n" + "\n".join(rows) + "\n\n")
        pos, opened = m.end(), None
    out.append(text[pos:])  # a table never closed stays as written
    return "".join(out)


def _unmark_html(text: str) -> str:
    """Inline HTML a portal left in: tables as pipe rows, line and paragraph breaks, bold and
    italic as Markdown; then entities decoded and non-breaking spaces made plain spaces."""
    if "<" in text:
        if "</table" in text.lower():
            text = _html_tables(text)
        def tag(m: re.Match) -> str:
            name = m.group(2).lower()
            if name == "br":
                return _BREAK
            if name in ("p", "div"):
                return "\n\n"
            if name in ("b", "strong"):
                return "**"
            if name in ("i", "em"):
                return "*"
            return ""

        text = _TAG.sub(tag, text)
    if "&" in text:
        text = html.unescape(text)
    return text.replace("\u00a0", " ").replace("\u200b", "")


def _blocks(lines: list[str]) -> list[_Block]:
    out: list[_Block] = []
    closing = _closing_bars(lines)
    current: _Lines | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        number = i + 1
        if stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
            end = next((k for k in range(i + 1, len(lines)) if lines[k].strip().startswith(fence)), len(lines))
            label = stripped if stripped.strip("`~").strip() else ""
            out.append(_Verbatim(number + 1, lines[i + 1:end], label))
            current = None
            i = end + 1
            continue
        if stripped == _BAR:
            table, i = _bar_table(lines, i, closing)
            if table is not None:
                current = None
                out.append(table)
                continue
            i += 1  # a stray bar: nothing to read
            continue
        if _PIPE_ROW.match(line) and stripped.count(_BAR) >= 2:
            current = None
            table, i = _pipe_table(lines, i)
            if table.rows:  # a delimiter row alone is markup only
                out.append(table)
            continue
        if not stripped or _RULE.match(line):
            current = None
            i += 1
            continue
        heading = _HEADING.match(line)
        if heading:
            out.append(_Lines(number, [heading.group(2)], heading=True))
            current = None
            i += 1
            continue
        if current is None:
            current = _Lines(number)
            out.append(current)
        current.lines.append(line.rstrip())
        i += 1
    return out


def _closing_bars(lines: list[str]) -> list[int]:
    """For each line, the first line at or after it that closes a bar table (a bar followed by a
    blank line or the end), or len(lines): found in one pass, so that no table is looked for twice."""
    out = [len(lines)] * (len(lines) + 1)
    for k in range(len(lines) - 1, -1, -1):
        closes = lines[k].strip() == _BAR and (k + 1 >= len(lines) or not lines[k + 1].strip())
        out[k] = k if closes else out[k + 1]
    return out


def _bar_table(lines: list[str], i: int, closing: list[int]) -> tuple[_Table | None, int]:
    """A table written with a bar alone on a line before, between and after the cells, and
    between rows `|` `|`: the cells, split into rows (see `_split_rows`)."""
    end = closing[i + 1] if i + 1 < len(lines) else len(lines)
    if end >= len(lines):
        return None, i
    tokens: list[_Lines] = []
    current = _Lines(i + 2)
    for k in range(i + 1, end + 1):
        if lines[k].strip() == _BAR:
            tokens.append(current)
            current = _Lines(k + 2)
        else:
            current.lines.append(lines[k].rstrip())
    return _Table(i + 1, _split_rows(tokens)), end + 1


def _split_rows(tokens: list[_Lines]) -> list[list[_Lines]]:
    """Rows of a bar-per-line table. Between two rows the closing and opening bars leave an
    empty token, which an empty cell leaves too. Each width is tried (in a long table, those
    where most gaps would fall on empty tokens); the split chosen has the most rows of the full
    width, then the fewest shorter rows (merged cells) and empty cells, then the narrowest. A
    very long table is cut at its width directly."""
    count = len(tokens)
    empty = [not any(x.strip() for x in t.lines) for t in tokens]
    first = next((k for k, e in enumerate(empty) if e), count)
    widths = range(max(1, first), max(1, min(count, MAX_COLUMNS)) + 1)
    head = empty[:MAX_SPLIT]
    fits = list(widths) if count <= WEIGH_ALL else sorted(widths, key=lambda w: (-_gap_fit(head, w), w))[:8]
    if count > MAX_SPLIT or not fits:
        width = fits[0] if fits else max(1, count)
        return [tokens[at:at + width] for at in range(0, count, width + 1)]
    best: tuple[tuple[int, int, int], list[list[_Lines]]] | None = None
    for width in fits:
        score: list[tuple[int, int] | None] = [None] * (count + 1)
        length = [0] * (count + 1)
        for at in range(count - 1, -1, -1):
            found: tuple[int, int] | None = None
            blanks = 0
            for n in range(1, min(width, count - at) + 1):
                stop = at + n
                blanks += empty[stop - 1]
                full = int(n == width)
                odd = blanks + 1 - full  # a short row, and each empty cell, count against a split
                if stop == count:
                    candidate = (full, -odd)
                elif empty[stop] and stop + 1 < count and score[stop + 1] is not None:
                    rest = score[stop + 1]
                    candidate = (rest[0] + full, rest[1] - odd)
                else:
                    continue
                if found is None or candidate > found:
                    found, length[at] = candidate, n
            score[at] = found
        if score[0] is None:
            continue
        key = (score[0][0], score[0][1], -width)
        if best is None or key > best[0]:
            rows, at = [], 0
            while at < count:
                rows.append(tokens[at:at + length[at]])
                at += length[at] + 1
            best = (key, rows)
    return best[1] if best else [tokens]


def _gap_fit(empty: list[bool], width: int) -> int:
    """How well rows of `width` cells fit: where the gaps between such rows fall, the empty
    tokens less the filled ones, at the best phase (rows of merged cells above shift it)."""
    return max(2 * sum(empty[phase::width + 1]) - len(empty[phase::width + 1]) for phase in range(width + 1))


def _spanned(rows: list[list[_Lines]]) -> list[list[tuple[_Lines, int, str]]]:
    """Each cell with its guessed span (colspan, Word's vertical merge mark): a text says nothing
    of merged cells. Two heading rows above the first full row are read the common way: the
    cells of the first row that the second does not continue span both rows, the longest ones
    span the second row's cells evenly. A shorter row's last cell spans to the row's end."""
    width = max(len(row) for row in rows)
    full = next((k for k, row in enumerate(rows) if len(row) == width), 0)
    out = [[(cell, width - len(row) + 1 if c == len(row) - 1 else 1, "") for c, cell in enumerate(row)]
           for row in rows]
    if full != 2:
        return out
    first, second = rows[:2]
    down = width - len(second)  # cells of the first row standing over both rows
    wide = len(first) - down  # cells of the first row over the second row's cells
    if down < 0 or wide < 1 or len(second) % wide:
        return out
    longest = sorted(range(len(first)), key=lambda c: (-len(" ".join(first[c].lines).strip()), -c))[:wide]
    top, below = [], []
    pending = iter(second)
    for c, cell in enumerate(first):
        if c in longest:
            top.append((cell, len(second) // wide, ""))
            below += [(next(pending), 1, "") for _ in range(len(second) // wide)]
        else:
            top.append((cell, 1, "restart"))
            below.append((_Lines(cell.start), 1, "continue"))
    return [top, below, *out[2:]]


def _pipe_table(lines: list[str], i: int) -> tuple[_Table, int]:
    """A table of pipe rows (`| a | b |`), its delimiter row (`|---|---|`) left out; `<br>` in a
    cell (already a line break here) separates its lines."""
    start = i
    rows: list[list[_Lines]] = []
    while i < len(lines) and _PIPE_ROW.match(lines[i]) and lines[i].strip() != _BAR:
        if not _DELIMITER_ROW.match(lines[i]):
            cells = re.split(r"(?<!\\)\|", lines[i].strip()[1:-1])
            rows.append([_Lines(i + 1, [x.strip() for x in c.replace("\\|", "|").split(_BREAK)]) for c in cells])
        i += 1
    return _Table(start + 1, rows, line_breaks=True), i


# --- markup → runs -------------------------------------------------------------------------

@dataclass
class _Line:
    """One line read: its pieces (text, bold, italic), the look at its ends."""

    pieces: list[tuple[str, bool, bool]]
    visible: str
    open_at_end: bool  # bold or italic still open at the end of the line
    ends_marked: bool  # the line ends with a star marker
    starts_marked: bool  # the line starts with a star marker
    first_look: tuple[bool, bool] | None  # bold, italic of its first visible text
    last_look: tuple[bool, bool] | None


def _read_line(line: str, state: list[bool]) -> _Line:
    """A line's text pieces; `state` (bold, italic) carries over to the next line."""
    pieces: list[tuple[str, bool, bool]] = []
    pos = 0
    stripped = line.strip()
    starts_marked = stripped.startswith("*") and not _BULLET_LINE.match(stripped)
    ends_marked = False
    if _BULLET_LINE.match(stripped) and stripped.startswith("*"):  # a Markdown list item
        line = "- " + stripped[1:].lstrip()
    for m in _TOKEN.finditer(line):
        if m.start() > pos:
            pieces.append((line[pos:m.start()], state[0], state[1]))
            ends_marked = False
        pos = m.end()
        if m.group(1):
            pieces.append((m.group(1), state[0], state[1]))
            ends_marked = False
            continue
        before = line[m.start() - 1] if m.start() else ""
        after = line[m.end()] if m.end() < len(line) else ""
        if (before == "(" and after == ")") or (before == " " and after == " "):
            pieces.append((m.group(2), state[0], state[1]))  # "(*)", "2 * 3": a star
            ends_marked = False
            continue
        n = len(m.group(2))
        if (n // 2) % 2:
            state[0] = not state[0]
        if n % 2:
            state[1] = not state[1]
        ends_marked = True
        if _set_apart(line[:m.start()], line[m.end():]):
            pieces.append((" ", state[0], state[1]))
    if pos < len(line):
        tail = line[pos:]
        pieces.append((tail, state[0], state[1]))
        if tail.strip():
            ends_marked = False
    looks = [(b, i) for text, b, i in pieces if text.strip()]
    visible = " ".join("".join(p[0] for p in pieces).split())
    return _Line(pieces, visible, state[0] or state[1], ends_marked, starts_marked,
                 looks[0] if looks else None, looks[-1] if looks else None)


_MARK_AFTER = re.compile(r"^\[\^?\d{1,3}\]")
_MARK_BEFORE = re.compile(r"\[\^?\d{1,3}\]$")


def _set_apart(before: str, after: str) -> bool:
    """Stars between a note's mark and a word glued to it (`đồng***[3]**`, `*[4]*/12,9`): the mark
    had a look of its own, a word of its own; a space keeps the word beside it whole."""
    if not before or not after or before[-1].isspace() or after[0].isspace():
        return False
    if _MARK_AFTER.match(after):
        return not _MARK_BEFORE.search(before)
    return bool(_MARK_BEFORE.search(before)) and after[0] not in ",.;:)!?*"


def _breaks(a: _Line, b: _Line, in_cell: bool, width: int) -> bool:
    """Does line `b` begin a new paragraph after line `a` of the same block? Lines are wrapped
    at a width, so mostly not: a list line after a finished sentence does, and so do lines each
    marked up on its own (`**PHÓ CHỦ TỊCH**` ↵ `**Lê Văn A**`), and a short line in capitals
    (the header's, the signature's) before a line of its own. In a table cell, where the header
    and the signature stand one line each, a change of look or of case does too."""
    if not a.visible or not b.visible:
        return True
    if _LIST_LINE.match(b.visible) and (_ENDS.search(_MARK_BEFORE.sub("", a.visible)) or (
            _BULLET_LINE.match(a.visible) and _BULLET_LINE.match(b.visible)
            and _BULLET_LINE.match(b.visible).group(1).isupper())):
        return True
    if a.open_at_end:
        return False
    if a.ends_marked and b.starts_marked:
        return True
    opens = b.visible[:1].isupper()
    if in_cell:
        if a.last_look != b.first_look:
            return True
        waiting = a.visible.endswith(":") or not opens  # "Số:" ↵ "12/KH-UBND"; a wrapped line
        return not waiting and _is_upper(a.visible) != _is_upper(b.visible)
    short_caps = len(a.visible) < min(40, 0.6 * width) and _is_upper(a.visible)
    return short_caps and opens and not _LIST_LINE.match(a.visible)


def _is_upper(text: str) -> bool:
    letters = [c for c in text[:200] if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) / len(letters) >= 0.8


def _paragraphs_of(block: _Lines, in_cell: bool, width: int,
                   per_line: bool = False, line_breaks: bool = False) -> list[tuple[int, list[Run]]]:
    """The paragraphs of a block (or a cell): (line number, runs); with `per_line`, each line is
    one, unless bold or italic runs on over it; with `line_breaks`, lines kept in one paragraph
    stay lines of it (a manual line break, as Word's), never joined into one."""
    out: list[tuple[int, list[Run]]] = []
    state = [block.heading, False]
    previous: _Line | None = None
    for k, raw in enumerate(block.lines):
        if in_cell and _RULE.match(raw):
            previous = None
            continue
        join = (state[0], state[1])  # the look where the previous line ended
        line = _read_line(raw, state)
        if not line.visible:
            if previous is not None and not line.open_at_end:
                previous = _Line(previous.pieces, previous.visible, False, True, previous.starts_marked,
                                 previous.first_look, previous.last_look)
            continue
        alone = per_line and not previous.open_at_end if previous is not None else False
        if alone and _MARK_AFTER.fullmatch(previous.visible):
            alone = False  # a note's number on a line of its own: its text follows
        if previous is None or alone or _breaks(previous, line, in_cell, width):
            out.append((block.start + k, []))
        else:
            out[-1][1].append(Run("\n" if line_breaks else " ", *join))
        out[-1][1].extend(Run(text, bold, italic) for text, bold, italic in line.pieces)
        previous = line
    return [(n, runs) for n, runs in ((n, _tidy(runs)) for n, runs in out) if runs]


def _tidy(runs: list[Run]) -> list[Run]:
    """Runs with single spaces, no space at either end, neighbours of one look merged."""
    out: list[Run] = []
    spaced = True  # the text so far is empty or ends with a space
    for run in runs:
        text = re.sub(r" ?\n ?", "\n", re.sub(r"[^\S\n]+", " ", run.text))
        if spaced and text.startswith((" ", "\n")):
            text = text.lstrip(" \n")
        if not text:
            continue
        spaced = text.endswith((" ", "\n"))
        if out and (out[-1].bold, out[-1].italic) == (run.bold, run.italic):
            out[-1] = Run(out[-1].text + text, run.bold, run.italic)
        else:
            out.append(Run(text, run.bold, run.italic))
    while out and not out[-1].text.strip():
        out.pop()
    if out:
        out[-1] = Run(out[-1].text.rstrip(), out[-1].bold, out[-1].italic)
    return out if any(r.text.strip() for r in out) else []


def _para(number: int, runs: list[Run], **where) -> Para:
    if not runs:
        return Para(index=number, text="", formatted=False, **where)
    text = "".join(r.text for r in runs)
    letters = sum(len(r.text.strip()) for r in runs)
    bold = sum(len(r.text.strip()) for r in runs if r.bold)
    italic = sum(len(r.text.strip()) for r in runs if r.italic)
    return Para(index=number, text=text, formatted=False, bold=letters > 0 and bold * 2 > letters,
                italic=letters > 0 and italic * 2 > letters, runs=tuple(runs), **where)


def paragraphs(text: str) -> list[Para]:
    """The paragraphs of a plan given as Markdown or web text; `index` is the line where each
    starts. Table cells give their paragraphs (an empty cell one empty paragraph), row by row."""
    text = unicodedata.normalize("NFC", _unmark_html(text.replace("\r\n", "\n").replace("\r", "\n")))
    lines = [part for line in text_lines(text) for part in (
        [line] if _BREAK not in line or _PIPE_ROW.match(line) else line.split(_BREAK))]
    blocks = _blocks(lines)
    widths = sorted(len(x.strip()) for x in lines if len(x.strip()) > 20)
    width = widths[int(len(widths) * 0.9)] if widths else 80
    body = [block for block in blocks if isinstance(block, _Lines)]
    body_lines = [line for block in body for line in block.lines]
    # a paragraph per line, no blank line between (pasted from a page): every line stands alone
    per_line = len(body_lines) >= 3 * max(1, len(body)) and not textfile.is_wrapped(body_lines)
    out: list[Para] = []
    tables = 0
    for block in blocks:
        if isinstance(block, _Lines):
            for number, runs in _paragraphs_of(block, False, width, per_line):
                out.append(_para(number, runs))
            continue
        if isinstance(block, _Verbatim):
            if block.label:  # "```text": a paragraph of its own, where it stands (never dropped)
                out.append(_para(block.start - 1, [Run(block.label)]))
            out += [replace(p, index=p.index + block.start - 1) for p in textfile.paragraphs("\n".join(block.lines))]
            continue
        tables += 1
        cell = 0
        for r, row in enumerate(_spanned(block.rows), start=1):
            for c, (lines, span, merge) in enumerate(row, start=1):
                cell += 1
                where = {"in_table": True, "table": tables, "cell": cell, "row": r, "column": c, "colspan": span,
                         "vmerge": merge}
                found = (_paragraphs_of(lines, True, width, line_breaks=block.line_breaks)
                         if any(x.strip() for x in lines.lines) else [])
                for number, runs in found or [(lines.start, [])]:
                    out.append(_para(number, runs, **where))
    return out
