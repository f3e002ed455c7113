"""The look of a PDF's paragraphs: bold, italic, size, alignment and indent, read from where and
in which font each word is printed, so that a PDF's paragraphs carry what a Word file's do.

The paragraphs themselves come from the text layer (`plangen.word.textfile`); this module only
dresses them. Two outputs of poppler are read: `pdftotext -bbox` (every word with its box, in
points) and `pdftohtml -xml -i -zoom 1` (every run of text with its box and its font, whose name
or `<b>`/`<i>` tags tell the weight and slant). A word's look is the look of the run printed where
it stands; a paragraph is found among the words by its letters in order (the layout's spaces,
hyphens and page numbers aside), and its lines' boxes against the page's text area tell its
alignment. A paragraph not found keeps its look unknown (`formatted=False`), as a text's.
Both outputs are parsed by linear patterns, never as XML with entities.

The words' places also mend what the text layer joins or parts: the lines of a ruled table
(`plangen.word.pdftable` finds its grid) become its cells, a part cut by a page's end going on
(a row broken there one again);
two bold titles side by side become a sign-off's two cells; a line of capitals wrapped in the
header's column is joined again; a heading that fills its line is parted from the task under it;
a rule typed under a bold line stays with it. Over 500 lines on purpose: these repairs read the
same words, boxes and looks that dressing makes, in the same one pass over the paragraphs.
"""

from __future__ import annotations

import html
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace

from plangen.word.pdftable import Grid
from plangen.word.wordfile import Para, Run


@dataclass(frozen=True)
class Word:
    """A word of the text layer where it is printed, and the look of its type."""

    text: str
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    looks: tuple[tuple[bool, bool, float | None], ...] = ()  # (bold, italic, size) of each character
    font: str | None = None


@dataclass(frozen=True)
class _Piece:
    """A run of text of one font as pdftohtml prints it."""

    text: str
    left: float
    top: float
    right: float
    bottom: float
    bold: bool
    italic: bool
    size: float | None
    font: str | None


_PAGE = re.compile(r'<page\b([^>]{0,300})>')
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]{0,2000})</word>')
_FONTSPEC = re.compile(r'<fontspec id="(\d+)" size="([\d.]+)" family="([^"]{0,200})"')
_TEXT = re.compile(r'<text top="(-?[\d.]+)" left="(-?[\d.]+)" width="([\d.]+)" height="([\d.]+)" font="(\d+)">'
                   r'(.{0,20000}?)</text>')
_TAG = re.compile(r"<[^>]{0,20}>")
_WIDTH = re.compile(r'width="([\d.]+)"')


def words(bbox: str, xml: str) -> tuple[list[Word], list[float]]:
    """The words of `pdftotext -bbox` output, each with the look of the pdftohtml run it stands
    in; and the width of each page."""
    pieces = _pieces(xml)
    out: list[Word] = []
    widths: list[float] = []
    marks = list(_PAGE.finditer(bbox))
    for k, mark in enumerate(marks):
        width = _WIDTH.search(mark.group(1))
        widths.append(float(width.group(1)) if width else 0.0)
        end = marks[k + 1].start() if k + 1 < len(marks) else len(bbox)
        page = pieces.get(k + 1, [])
        boxes = [(html.unescape(m.group(5)), *(float(m.group(i)) for i in range(1, 5)))
                 for m in _WORD.finditer(bbox, mark.end(), end)]
        for raw, x0, y0, x1, y1 in _marks_rejoined(boxes, page):
            text = unicodedata.normalize("NFC", raw)
            step, y = (x1 - x0) / max(len(text), 1), (y0 + y1) / 2
            line = [p for p in page if p.top - 1 <= y <= p.bottom + 1 and p.left - 6 <= x1 and x0 <= p.right + 6]
            looks = [_look(line, c, x0 + (i + 0.5) * step) for i, c in enumerate(text)]
            font = next((f for *_look_, f in looks if f), None)
            out.append(Word(text, k, x0, y0, x1, y1, tuple((b, i, z) for b, i, z, _f in looks), font))
    return out, widths


def _marks_rejoined(boxes: list[tuple[str, float, float, float, float]], page: list[_Piece]
                    ) -> list[tuple[str, float, float, float, float]]:
    """The words of a page (text, x0, y0, x1, y1), a word the text layer parted after a tone mark
    typed as a glyph of its own joined again: Word places a combining mark over its letter, and
    pdftotext may see the word end where the mark stands ("Vĩ nh", "đị a", "phí ,"), where
    pdftohtml's run printed there reads it whole ("Vĩnh Long"): so when the run holds the two
    halves unspaced and never spaced; or see a word begin with the mark ("Vi ̃nh"), as none
    does."""
    out: list[tuple[str, float, float, float, float]] = []
    for box in boxes:
        if out and _mark_apart(out[-1], box, page):
            text, x0, y0, _x1, y1 = out[-1]
            out[-1] = (text + box[0], x0, y0, box[3], max(y1, box[4]))
        else:
            out.append(box)
    return out


def _mark_apart(a: tuple[str, float, float, float, float], b: tuple[str, float, float, float, float],
                page: list[_Piece]) -> bool:
    if a[0] and b[0] and unicodedata.combining(b[0][0]) and abs(a[2] - b[2]) < 0.5 and \
            -0.5 < b[1] - a[3] < (a[4] - a[2]) / 2:
        return True  # no word begins with a mark: the mark placed just after its letter ("Vi ̃nh")
    if not a[0] or not unicodedata.combining(a[0][-1]) or not b[0] or abs(a[2] - b[2]) >= 0.5 \
            or not -0.5 < b[1] - a[3] < (a[4] - a[2]) / 2:
        return False
    left, right = unicodedata.normalize("NFC", a[0]), unicodedata.normalize("NFC", b[0])
    y = (a[2] + a[4]) / 2
    runs = [unicodedata.normalize("NFC", p.text) for p in page
            if p.top - 1 <= y <= p.bottom + 1 and p.left - 1 <= a[1] and b[3] <= p.right + 1]
    return any(left + right in t and f"{left} {right}" not in t for t in runs)


def _pieces(xml: str) -> dict[int, list[_Piece]]:
    fonts: dict[str, tuple[float, str]] = {}
    out: dict[int, list[_Piece]] = {}
    number = 0
    at = 0
    marks = list(_PAGE.finditer(xml))
    for k, mark in enumerate(marks):
        found = re.search(r'number="(\d+)"', mark.group(1))
        number = int(found.group(1)) if found else number + 1
        end = marks[k + 1].start() if k + 1 < len(marks) else len(xml)
        at = mark.end()
        for f in _FONTSPEC.finditer(xml, at, end):
            fonts[f.group(1)] = (float(f.group(2)), f.group(3))
        page = out.setdefault(number, [])
        for m in _TEXT.finditer(xml, at, end):
            top, left, width, height = (float(m.group(i)) for i in range(1, 5))
            size, family = fonts.get(m.group(5), (None, ""))
            name = family.partition("+")[2] or family
            inner = m.group(6)
            bold = "<b>" in inner or "bold" in name.lower()
            italic = "<i>" in inner or "italic" in name.lower() or "oblique" in name.lower()
            text = html.unescape(_TAG.sub("", inner))
            page.append(_Piece(text, left, top, left + width, top + height, bold, italic, size, name or None))
    return out


def _look(line: list[_Piece], text: str, x: float) -> tuple[bool, bool, float | None, str | None]:
    """The look of the run printed where a character of a word stands (its place estimated
    within the word's box; `line`: the runs printed about the word): among the runs there, one
    holding the character, the narrowest (a glyph of a fallback font printed inside a run)."""
    here = [p for p in line if p.left - 1 <= x <= p.right + 1]
    holding = [p for p in here if text in p.text]
    if not holding:  # the place estimated falls past the run's end: a narrow glyph (a bracket)
        holding = [p for p in line if p.left - 5 <= x <= p.right + 5 and text in p.text] or here
    if not holding:
        return False, False, None, None
    best = min(holding, key=lambda p: p.right - p.left)
    return best.bold, best.italic, best.size, best.font


_LOOK_AHEAD = 8  # letters of the words skipped to find a paragraph's next letter (a page number)
_BACK = 4000  # letters before the last paragraph's end where the next may begin (a column read later)
_AHEAD = 60_000  # letters after it
_ANCHORS = 8  # times a paragraph's letters are looked for again elsewhere, at most


def dress(paras: list[Para], found: list[Word], widths: list[float], grids: list[Grid] | None = None) -> list[Para]:
    """The paragraphs with the look of the words they were read from, and the lines of a ruled
    table (`grids`) read again as its rows and cells; a paragraph whose letters are not found
    among the words keeps its look unknown."""
    letters: list[str] = []
    owner: list[tuple[int, int]] = []
    for k, word in enumerate(found):
        for i, c in enumerate(word.text):
            if not c.isspace():
                letters.append(c)
                owner.append((k, i))
    stream = "".join(letters)
    grids = grids or []
    held: dict[int, int] = {}  # word → the grid it is printed in
    for g, grid in enumerate(grids):
        for k, w in enumerate(found):
            if w.page == grid.page and grid.holds((w.x0 + w.x1) / 2, (w.y0 + w.y1) / 2):
                held[k] = g
    # the text's measure from the words outside ruled tables (a column of centred cells is no title)
    free = [w for k, w in enumerate(found) if k not in held] or found
    areas, starts = _text_areas(free, widths), _line_starts(free)
    cursor = 0
    out: list[Para] = []
    placed: set[int] = set()
    last: set[str] = set()  # the words of the table just placed, while its lines go on
    shown: dict[int, list[int]] = {}  # a dressed paragraph (its id) → the words it was read from
    heading = True
    built: dict[int, list[Para]] = {}

    def cells_of(g: int) -> list[Para]:
        if g not in built:
            inside = sorted(k for k, x in held.items() if x == g)
            built[g] = _cells(grids[g], -1 - g, found, inside, widths, areas, starts)
        return built[g]

    said: dict[int, set[str]] = {}
    tops: dict[int, list[Para]] = {}  # a ruled table's first rows (its heading rows among them)

    def words_of(g: int) -> set[str]:
        if g not in said:
            said[g] = {w for c in cells_of(g) for w in c.text.split()}
        return said[g]

    def place(g: int, p: Para) -> set[str]:
        """The cells of ruled table `g` where its lines were read (`p` the first of them); the
        words of its cells."""
        placed.add(g)
        cells, words = cells_of(g), words_of(g)
        while out and _lines_of(out[-1], words):
            out.pop()  # its lines read before (out of order): in its cells already
        before = grids[g - 1] if g else None
        if before is not None and g - 1 in placed and out and out[-1].in_table and out[-1].table < 0 and \
                before.page + 1 == grids[g].page and len(before.xs) == len(grids[g].xs) and \
                all(abs(a - b) < 2 for a, b in zip(before.xs, grids[g].xs, strict=True)):
            # the table cut by the page's end goes on: one table, as in the Word file
            above = out[-1]
            k = len(out)
            while k and out[k - 1].table == above.table and out[k - 1].row == above.row and out[k - 1].in_table:
                k -= 1
            cells = _after_break(tops.get(above.table, []) + out[k:], cells)  # its heading rows, its last
            out[k:], cells = _row_goes_on(out[k:], cells)  # a row Word broke over the page's end: one row
            cells = [replace(c, table=above.table, row=above.row + c.row, cell=above.cell + c.cell) for c in cells]
        else:
            tops[cells[0].table if cells else 0] = [c for c in cells if c.row <= 3]
        out.extend(replace(c, index=p.index, new_page=p.new_page and i == 0, page_section=p.page_section)
                   for i, c in enumerate(cells))
        return words

    for p in paras:
        mine, cursor = _match(p.text, stream, owner, cursor)
        if mine is None:
            if _lines_of(p, last):
                continue  # a line of that table read out of order (a merged cell's): in its cells already
            # the lines of a table not placed yet, in an order the letters were not found in
            g = next((g for g in range(len(grids)) if g not in placed and _mostly_of(p, words_of(g))), None)
            if g is not None:
                last = place(g, p)
                continue
            out.append(p)
            last = set()
            continue
        if _lines_of(p, last):
            continue
        ks = [at[0] for at in mine if at is not None]
        tables = Counter(held[k] for k in ks if k in held)
        if tables and tables.most_common(1)[0][1] * 2 > len(ks):
            g = tables.most_common(1)[0][0]
            if g not in placed:  # the table's lines: its cells in their place, once
                last = place(g, p)
            continue
        cut = _second_first_line(p, mine, found)
        if cut:  # a heading that fills its line over the paragraph it heads: two paragraphs
            first = replace(p, text=p.text[:cut].rstrip())
            out.append(_dressed(first, mine[:len(first.text)], found, widths, areas, starts))
            shown[id(out[-1])] = []
            rest = len(p.text[cut:]) - len(p.text[cut:].lstrip())
            p, mine = replace(p, text=p.text[cut + rest:], new_page=False), mine[cut + rest:]
            ks = [at[0] for at in mine if at is not None]
        dressed = _dressed(p, mine, found, widths, areas, starts)
        heading = heading and dressed.align != "center"  # the header: above the type name
        if heading and out and out[-1].formatted and not p.in_table and id(out[-1]) in shown and \
                _wrapped_into(out[-1], dressed, shown[id(out[-1])], ks, found, areas, widths):
            from plangen.word.recognise import join_lines

            above = out.pop()
            dressed = replace(above, text=join_lines(above.text, dressed.text),
                              runs=(*above.runs, Run(" ", *(above.runs[-1].bold, above.runs[-1].italic)
                                                     if above.runs else (False, False)), *dressed.runs))
            ks = shown.pop(id(above)) + ks
        if not heading and out and id(out[-1]) in shown and \
                _ruled_under(out[-1], dressed, shown[id(out[-1])], ks, found):
            above = out.pop()
            dressed = replace(above, text=f"{above.text}\n{dressed.text}", runs=(*above.runs, Run("\n"), *dressed.runs))
            ks = shown.pop(id(above)) + ks
        out.append(dressed)
        shown[id(dressed)] = ks
        last = set()
    out, signed = _sign_offs(out, shown, found, widths, areas, starts)
    return _numbered_tables(out) if placed or signed else out


def _sign_offs(paras: list[Para], shown: dict[int, list[int]], found: list[Word], widths: list[float],
               areas: dict[int, tuple[float, float, float]], starts: set[int]) -> tuple[list[Para], bool]:
    """A line of two titles in bold capitals far apart ("NGƯỜI LẬP BIỂU      LÃNH ĐẠO ĐƠN VỊ"), the
    lines under it centred under one of them: a table of two cells without rules, as the Word
    file's sign-off is, each line under a title a paragraph of its cell."""
    out: list[Para] = []
    signed = False
    k = 0
    while k < len(paras):
        p = paras[k]
        groups = _two_titles(p, shown.get(id(p), []), found)
        if not groups:
            out.append(p)
            k += 1
            continue
        signed = True
        table = -1000 - k
        cells: list[list[Para]] = [[], []]
        for column, ks in enumerate(groups):
            box = (min(found[i].x0 for i in ks) - 1, 0.0, max(found[i].x1 for i in ks) + 1, 0.0)
            base = Para(index=p.index, text="", in_table=True, table=table, row=1, column=column + 1,
                        cell=column + 1, new_page=p.new_page and column == 0, page_section=p.page_section)
            cells[column].append(replace(_cell_para(base, ks, found, box, widths, areas, starts), align="center"))
        centres = [sum((found[i].x0 + found[i].x1) / 2 for i in ks) / len(ks) for ks in groups]
        first = found[groups[0][0]]
        bottom = first.y0
        k += 1
        while k < len(paras) and not paras[k].in_table and shown.get(id(paras[k])):
            ws = [found[i] for i in shown[id(paras[k])]]
            height = ws[0].y1 - ws[0].y0
            middle = (min(w.x0 for w in ws) + max(w.x1 for w in ws)) / 2
            near = [c for c, x in enumerate(centres) if abs(x - middle) < 3 * height]
            if ws[0].page != first.page or not 0 < ws[0].y0 - bottom < 2.5 * height or len(near) != 1 \
                    or any(abs(w.y0 - ws[0].y0) >= 1 for w in ws):
                break
            cells[near[0]].append(replace(paras[k], in_table=True, table=table, row=1, column=near[0] + 1,
                                          cell=near[0] + 1, align="center", first_indent_cm=None))
            bottom = ws[0].y0
            k += 1
        out += cells[0] + cells[1]
    return out, signed


def _two_titles(p: Para, ks: list[int], found: list[Word]) -> list[list[int]]:
    """The words of a one-line paragraph parted in two by a wide gap, each part a title in bold
    capitals ([] otherwise)."""
    from plangen.word.recognise import is_upper

    if p.in_table or not p.formatted or not p.bold or len(ks) < 2 or not is_upper(p.text):
        return []
    ws = sorted(set(ks), key=lambda i: found[i].x0)
    if any(abs(found[i].y0 - found[ws[0]].y0) >= 1 or found[i].page != found[ws[0]].page for i in ws):
        return []
    height = found[ws[0]].y1 - found[ws[0]].y0
    gaps = [n for n in range(1, len(ws)) if found[ws[n]].x0 - found[ws[n - 1]].x1 > 3 * height]
    if len(gaps) != 1:
        return []
    looks = [c for i in ws for c in found[i].looks]
    return [ws[:gaps[0]], ws[gaps[0]:]] if all(b for b, _i, _s in looks) else []


def _second_first_line(p: Para, mine: list[tuple[int, int] | None], found: list[Word]) -> int:
    """Where a paragraph the text layer joined begins a second one (0: nowhere): at a line that
    starts at the first line's indent, as no wrapped line does (they go on at the margin, as
    some line of this one does), in another weight than the line above (a bold heading that
    filled its line, the task under it)."""
    if p.runs or p.in_table:
        return 0
    lines: list[tuple[Word, int]] = []  # each line's first word, and where its text begins
    for i, at in enumerate(mine):
        if at is None:
            continue
        w = found[at[0]]
        if not lines or w.page != lines[-1][0].page or abs(w.y0 - lines[-1][0].y0) > 0.5 * (w.y1 - w.y0):
            lines.append((w, i))
        elif w.x0 < lines[-1][0].x0:
            lines[-1] = (w, lines[-1][1])
    if len(lines) < 3:
        return 0
    indent = lines[0][0].x0
    if not any(w.x0 < indent - 10 for w, _i in lines[1:]):
        return 0

    def bold(start: int, end: int) -> bool:
        looks = [found[at[0]].looks[at[1]][0] for at in mine[start:end] if at is not None]
        return bool(looks) and sum(looks) * 2 > len(looks)

    for k in range(1, len(lines)):
        w, i = lines[k]
        if w.page == lines[k - 1][0].page and abs(w.x0 - indent) < 1.5 and \
                bold(lines[k - 1][1], i) != bold(i, lines[k + 1][1] if k + 1 < len(lines) else len(mine)):
            return i
    return 0


_RULE = re.compile(r"^[-–—_]{3,}$")


def _ruled_under(above: Para, p: Para, up: list[int], ks: list[int], found: list[Word]) -> bool:
    """Is `p` a rule typed under the short bold line `above` it ("TÊN ĐƠN VỊ" ↵ "-------"), on
    the next line and the same centre: the line's own, as a line break of one paragraph."""
    if not _RULE.match(p.text.strip()) or not above.bold or "\n" in above.text or len(above.text) > 80 \
            or not up or not ks or above.in_table or p.in_table:
        return False
    top, under = [found[k] for k in up], [found[k] for k in ks]
    height = top[-1].y1 - top[-1].y0
    a, b = min(w.x0 for w in top), max(w.x1 for w in top)
    c, d = min(w.x0 for w in under), max(w.x1 for w in under)
    return top[-1].page == under[0].page and 0 < under[0].y0 - top[-1].y0 < 1.6 * height \
        and (abs((a + b) / 2 - (c + d) / 2) < 3 or abs(a - c) < 1.5) and all(abs(w.y0 - top[0].y0) < 1 for w in top)


def _wrapped_into(above: Para, p: Para, up: list[int], ks: list[int], found: list[Word],
                  areas: dict[int, tuple[float, float, float]], widths: list[float]) -> bool:
    """Is `p` the end of the line of capitals `above` it, wrapped in a header's column ("ỦY BAN
    NHÂN DÂN TỈNH" ↵ "VĨNH LONG")? So when it is printed in the same type right under it, on the
    same centre, and its first word had no room on that line: the line's room runs from its
    centre to the nearest word beside it (another column) or the text's edge, as far each way."""
    from plangen.word.recognise import is_upper

    if not up or not ks or (above.bold, above.italic, above.size) != (p.bold, p.italic, p.size) \
            or not is_upper(above.text) or not is_upper(p.text) or "\n" in above.text or p.align != above.align:
        return False
    top = [found[k] for k in up]
    under = [found[k] for k in ks]
    line = [w for w in top if abs(w.y0 - top[-1].y0) < 1]
    below = [w for w in under if abs(w.y0 - under[0].y0) < 1]
    height = line[0].y1 - line[0].y0
    if line[0].page != below[0].page or not 0 < below[0].y0 - line[0].y0 < 1.6 * height or \
            any(abs(w.y0 - under[0].y0) >= 1 for w in under):
        return False  # one line under one line, nothing further
    a, b = min(w.x0 for w in line), max(w.x1 for w in line)
    c, d = min(w.x0 for w in below), max(w.x1 for w in below)
    middle = (a + b) / 2
    if abs((c + d) / 2 - middle) > 2:
        return False
    width = round(widths[line[0].page]) if line[0].page < len(widths) else 0
    left, right, _middle = areas.get(width) or (0.0, widths[line[0].page] if widths else 0.0, 0.0)
    beside = [w for w in found if w.page == line[0].page and abs(w.y0 - line[0].y0) < height and w not in line]
    left = max([w.x1 for w in beside if w.x1 <= a] + [left])
    right = min([w.x0 for w in beside if w.x0 >= b] + [right])
    room = 2 * min(middle - left, right - middle)
    first = next((w.x1 for i, w in enumerate(below) if i + 1 == len(below) or below[i + 1].x0 - w.x1 > 0.15 * height),
                 below[0].x1) - c
    return b - a + 0.25 * height + first > room


def _lines_of(p: Para, words: set[str]) -> bool:
    """Is this paragraph, as the text layer read it (its lines, or a cell of the table it made
    of them), the lines of the ruled table whose words are these?"""
    return bool(words) and (not p.in_table or not p.formatted) and all(w in words for w in p.text.split())


def _mostly_of(p: Para, words: set[str]) -> bool:
    """Are nine in ten of a paragraph's words, six or more, words of a table's cells?"""
    mine = p.text.split()
    return len(mine) >= 6 and sum(w in words for w in mine) >= 0.9 * len(mine)


def _after_break(first: list[Para], cells: list[Para]) -> list[Para]:
    """The cells of a ruled table's part on the next page, as they go on the part before (`first`):
    its heading rows printed again at the page's top (Word's "repeat as header row": the same
    cells, the same texts as the table's own) left out, and a cell under a merged cell that ended
    at the page's foot, empty, that merged cell going on."""
    heads = _head_rows(first)
    if heads and _row_cells(cells, heads) == _row_cells(first, heads):
        dropped = sum(1 for c in cells if c.row <= heads)
        cells = [replace(c, row=c.row - heads, cell=c.cell - dropped) for c in cells if c.row > heads]
    if not cells or not first:
        return cells
    last = max(c.row for c in first)
    merged = {(at, c.colspan) for at, c in _placed(first, last) if c.vmerge}
    top = {id(c) for at, c in _placed(cells, 1) if not c.text.strip() and c.vmerge != "continue"
           and (at, c.colspan) in merged}
    return [replace(c, vmerge="continue") if id(c) in top else c for c in cells]


def _row_goes_on(last: list[Para], cells: list[Para]) -> tuple[list[Para], list[Para]]:
    """The last row of a table's part on a page (`last`) and the cells of its part on the next
    page, a row Word broke over the page's end made one again: the next part's first row
    (under the heading rows printed again, left out) goes on the row before it when its first
    cell, the row's number, is empty and merged with none (a row of its own has its number), its
    cells stand in the columns of that row's cells and a cell holding text goes on one merged
    with none, in its type (not a heading row's bold over plain cells). Its cells' text then goes
    on in that row's cells, as a wrapped line."""
    from plangen.word.recognise import join_lines

    if not last or not cells:
        return last, cells
    above, under = _placed(last, last[-1].row), _placed(cells, 1)
    if [(at, c.colspan) for at, c in above] != [(at, c.colspan) for at, c in under] or \
            not under or under[0][1].text.strip() or under[0][1].vmerge or above[0][1].vmerge:
        return last, cells
    pairs = [(a, c) for (_at, a), (_at2, c) in zip(above, under, strict=True) if c.text.strip()]
    if not pairs or any(c.vmerge or a.vmerge or (a.text.strip() and (a.bold, a.italic) != (c.bold, c.italic))
                        for a, c in pairs):
        return last, cells
    goes_on = {a.cell: c for a, c in pairs}
    joined = []
    for a in last:
        c = goes_on.pop(a.cell, None) if a.row == last[-1].row else None
        if c is None:
            joined.append(a)
        elif not a.text.strip():
            joined.append(replace(c, table=a.table, row=a.row, column=a.column, cell=a.cell, colspan=a.colspan,
                                  vmerge=a.vmerge, index=a.index, new_page=a.new_page, page_section=a.page_section))
        else:
            text = join_lines(a.text, c.text)
            space = (Run(" ", *(a.runs[-1].bold, a.runs[-1].italic) if a.runs else (False, False)),) \
                if len(text) > len(a.text) + len(c.text) else ()
            joined.append(replace(a, text=text, runs=(*a.runs, *space, *c.runs) if a.runs and c.runs else ()))
    dropped = sum(1 for c in cells if c.row == 1)
    return joined, [replace(c, row=c.row - 1, cell=c.cell - dropped) for c in cells if c.row > 1]


def _head_rows(cells: list[Para]) -> int:
    """A table's heading rows: its first, and those its first row's cells are merged down over
    (three at most)."""
    rows = max((c.row for c in cells), default=0)
    heads = 1 if cells else 0
    for at, c in _placed(cells, 1):
        if c.vmerge != "restart":
            continue
        down = 2
        while down <= min(rows, 3) and any(x.vmerge == "continue" and k == at for k, x in _placed(cells, down)):
            down += 1
        heads = max(heads, down - 1)
    return heads


def _placed(cells: list[Para], row: int) -> list[tuple[int, Para]]:
    """The first paragraph of each cell of a row with the grid column it begins at."""
    out, at, seen = [], 0, set()
    for c in cells:
        if c.row == row and c.cell not in seen:
            seen.add(c.cell)
            out.append((at, c))
            at += c.colspan
    return out


def _row_cells(cells: list[Para], rows: int) -> list[tuple[int, int, int, str, str]]:
    """The first `rows` rows' cells: (row, grid column, columns spanned, merge, text)."""
    return [(r, at, c.colspan, c.vmerge, " ".join(c.text.split())) for r in range(1, rows + 1)
            for at, c in _placed(cells, r)]


def _numbered_tables(paras: list[Para]) -> list[Para]:
    """Tables numbered again in their order, those read from rules among those read from text."""
    numbers: dict[int, int] = {}
    out = []
    for p in paras:
        if p.in_table:
            number = numbers.setdefault(p.table, len(numbers) + 1)
            if number != p.table:
                p = replace(p, table=number)
        out.append(p)
    return out


def _match(text: str, stream: str, owner: list[tuple[int, int]], cursor: int
           ) -> tuple[list[tuple[int, int] | None] | None, int]:
    """For each character of a paragraph's text, the word it was read from (None for a space or
    a character not found), and where the paragraph ends in the stream of letters."""
    key = [(i, c) for i, c in enumerate(text) if not c.isspace()]
    if not key:
        return None, cursor
    lo, hi = max(0, cursor - _BACK), min(len(stream), cursor + _AHEAD)
    start = -1
    for n in (24, 12, 6):
        probe = "".join(c for _i, c in key[:n])
        start = stream.find(probe, cursor, hi)
        if start < 0:
            start = stream.find(probe, lo, hi)
        if start >= 0:
            break
    if start < 0:
        return None, cursor
    mine: list[tuple[int, int] | None] = [None] * len(text)
    j, hits, anchors = start, 0, 0
    for n, (i, c) in enumerate(key):
        step = next((d for d in range(_LOOK_AHEAD) if j + d < len(stream) and stream[j + d] == c), None)
        if step is None and anchors < _ANCHORS:  # read elsewhere (a column the layer took apart): found again
            anchors += 1
            probe = "".join(x for _i, x in key[n:n + 8])
            again = stream.find(probe, j, hi) if len(probe) >= 6 else -1
            again = again if again >= 0 or len(probe) < 6 else stream.find(probe, lo, hi)
            if again >= 0:
                j, step = again, 0
        if step is None:
            continue
        mine[i] = owner[j + step]
        j += step + 1
        hits += 1
    if hits < 0.8 * len(key):
        return None, cursor
    return mine, j


def _text_areas(found: list[Word], widths: list[float]) -> dict[int, tuple[float, float, float]]:
    """The left and right edges of the text on pages of each width: where lines commonly begin
    and end (a justified paragraph's lines fill the measure; a table set wider, a header moved
    into the margin, do not count), else the median of the pages' outermost words."""
    lines: dict[int, list[tuple[float, float]]] = {}
    edges: dict[int, list[tuple[float, float]]] = {}
    row: list[Word] = []

    def close() -> None:
        if row:
            width = round(widths[row[0].page]) if row[0].page < len(widths) else 0
            lines.setdefault(width, []).append((min(w.x0 for w in row), max(w.x1 for w in row)))

    for w in found:
        if row and (row[-1].page != w.page or abs(row[-1].y0 - w.y0) > 0.5 * (w.y1 - w.y0)):
            close()
            row = []
        row.append(w)
    close()
    by_page: dict[int, list[Word]] = {}
    for w in found:
        by_page.setdefault(w.page, []).append(w)
    for page, ws in by_page.items():
        width = round(widths[page]) if page < len(widths) else 0
        edges.setdefault(width, []).append((min(w.x0 for w in ws), max(w.x1 for w in ws)))
    out = {}
    for width, e in edges.items():
        left, right = statistics.median(a for a, _b in e), statistics.median(b for _a, b in e)
        spans = lines.get(width, [])
        long = [(a, b) for a, b in spans if b - a > 0.5 * (right - left)]  # the body's lines, not a column's
        starts, ends = Counter(round(a) for a, _b in long), Counter(round(b) for _a, b in long)
        common = [x for x, n in starts.items() if n >= max(3, 0.1 * len(long))]
        ending = [x for x, n in ends.items() if n >= max(3, 0.1 * len(long))]
        if common and ending and max(ending) - min(common) > 0.5 * (right - left):
            left, right = float(min(common)), float(max(ending))
        # the page's middle: where lines set apart from the margin share their centre (a title,
        # its summary), when two do; else the middle of the text's edges
        centres = Counter(round(a + b) for a, b in spans if not any(abs(a - x) <= 1.5 for x in common))
        shared = [(n, c) for c, n in centres.items() if n + centres.get(c - 1, 0) + centres.get(c + 1, 0) >= 2
                  and abs(c / 2 - (left + right) / 2) < 0.1 * (right - left)]
        out[width] = (left, right, max(shared)[1] / 2 if shared else (left + right) / 2)
    return out


_CM = 2.54 / 72  # a point in centimetres


def _dressed(p: Para, mine: list[tuple[int, int] | None], found: list[Word], widths: list[float],
             areas: dict[int, tuple[float, float, float]], starts: set[int]) -> Para:
    p, mine = _unspaced(p, mine, found)
    looks: list[tuple[bool, bool, float | None] | None] = [
        None if at is None else found[at[0]].looks[at[1]] for at in mine]
    known = next((x for x in looks if x is not None), (False, False, None))
    for i, look in enumerate(looks):  # a space, or a character not found: the look before it
        known = looks[i] = look if look is not None else known
    letters = [looks[i] for i, c in enumerate(p.text) if c.isalnum()] or [x for x in looks if x is not None]
    bold = sum(1 for x in letters if x and x[0]) * 2 > len(letters)
    italic = sum(1 for x in letters if x and x[1]) * 2 > len(letters)
    sizes = Counter(x[2] for x in letters if x and x[2])
    ks = sorted({at[0] for at in mine if at is not None})
    fonts = Counter(found[k].font for k in ks if found[k].font)
    align, indent = (None, None) if p.in_table else _placement([found[k] for k in ks], widths, areas, starts)
    size = sizes.most_common(1)[0][0] if sizes else None
    font = fonts.most_common(1)[0][0] if fonts else None
    return replace(p, runs=_runs(p, looks), bold=bold, italic=italic, size=size, font=font, align=align,
                   first_indent_cm=indent, formatted=True)


def _unspaced(p: Para, mine: list[tuple[int, int] | None], found: list[Word]
              ) -> tuple[Para, list[tuple[int, int] | None]]:
    """A space the text layer puts where the print has none (at a change of font: "khen
    thưởng :" for "khen thưởng:") taken out, when the text has no footnotes to keep in step."""
    if p.runs:
        return p, mine
    drop = set()
    for i in range(1, len(p.text) - 1):
        a, b = mine[i - 1], mine[i + 1]
        if p.text[i] == " " and a is not None and b is not None and a[0] == b[0]:
            drop.add(i)  # one word as printed (a tone mark's glyph placed apart): no space in it
        elif p.text[i] == " " and a is not None and b is not None and a[0] != b[0]:
            left, right = found[a[0]], found[b[0]]
            if left.page == right.page and abs(left.y0 - right.y0) < 1 and \
                    -1 < right.x0 - left.x1 < 0.1 * (right.y1 - right.y0) and a[1] == len(left.text) - 1:
                drop.add(i)
    if not drop:
        return p, mine
    text = "".join(c for i, c in enumerate(p.text) if i not in drop)
    return replace(p, text=text), [m for i, m in enumerate(mine) if i not in drop]


def _runs(p: Para, looks: list) -> tuple[Run, ...]:
    """The paragraph's text cut where its look changes; a footnote's reference kept in its place."""
    old = p.runs or (Run(p.text),)
    out: list[Run] = []
    at = 0
    for run in old:
        if run.note is not None and not run.text:
            out.append(run)
            continue
        for i, c in enumerate(run.text, start=at):
            look = looks[i] if i < len(looks) and looks[i] else (False, False, None)
            if out and out[-1].note is None and (out[-1].bold, out[-1].italic) == look[:2] and i > at:
                out[-1] = replace(out[-1], text=out[-1].text + c)
            else:
                out.append(Run(c, look[0], look[1], size=look[2]))
        at += len(run.text)
    return tuple(out)


def _line_starts(found: list[Word]) -> set[int]:
    """Where lines commonly begin (the margin, the first-line indent): a line beginning there
    is not centred, however its ends fall."""
    starts = Counter(round(w.x0) for k, w in enumerate(found)
                     if k == 0 or found[k - 1].page != w.page or abs(found[k - 1].y0 - w.y0) > 0.5 * (w.y1 - w.y0))
    total = sum(starts.values())
    return {x for x, n in starts.items() if n >= max(3, 0.05 * total)}


def _placement(mine: list[Word], widths: list[float], areas: dict[int, tuple[float, float, float]], starts: set[int]
               ) -> tuple[str | None, float | None]:
    """Alignment and first-line indent of a paragraph from its lines' boxes against the text area."""
    if not mine:
        return None, None
    lines: list[list[Word]] = []
    for w in sorted(mine, key=lambda w: (w.page, w.y0, w.x0)):
        if lines and lines[-1][0].page == w.page and abs(lines[-1][0].y0 - w.y0) < 0.5 * (w.y1 - w.y0):
            lines[-1].append(w)
        else:
            lines.append([w])
    width = round(widths[mine[0].page]) if mine[0].page < len(widths) else 0
    left, right, middle = areas.get(width) or next(iter(areas.values()), (0.0, 0.0, 0.0))
    tolerance = 3.0  # points: a centred line is centred to a point or so
    edges = [(min(w.x0 for w in line), max(w.x1 for w in line)) for line in lines]
    at_start = all(any(abs(a - x) <= 1.5 for x in starts) for a, _b in edges)
    if all(abs((a + b) / 2 - middle) < tolerance for a, b in edges) and not at_start \
            and any(a > left + tolerance for a, _b in edges):
        return "center", None
    if all(b > right - tolerance and a > middle - tolerance for a, b in edges):
        return "right", None
    indent = (edges[0][0] - (edges[1][0] if len(edges) > 1 else left)) * _CM
    reaches = all(b > right - tolerance for _a, b in (edges[:-1] if len(edges) > 1 else edges))
    # a line of its own flush left, not indented and short of the right edge: set flush left
    flush = len(edges) == 1 and abs(edges[0][0] - left) < 1.5
    return ("left" if flush and not reaches else "both" if reaches or len(edges) == 1 else "left"), round(indent, 2)


# --- ruled tables ------------------------------------------------------------------------

_CELL_PAD = 5.0  # points: a cell's text set off further than its margin and centred is centred


def _cells(grid: Grid, table: int, found: list[Word], inside: list[int], widths: list[float],
           areas: dict[int, tuple[float, float, float]], starts: set[int]) -> list[Para]:
    """The paragraphs of a ruled table's cells, as a Word file's: one per cell, row by row, a
    merged cell's text in its first row and an empty cell merged into it in each row below."""
    out: list[Para] = []
    cell = 0
    for r in range(len(grid.ys) - 1):
        column = 0
        for top, left, height, width in sorted((b for b in grid.blocks if b[0] <= r < b[0] + b[2]), key=lambda b: b[1]):
            column += 1
            cell += 1
            vmerge = "" if height == 1 else ("restart" if top == r else "continue")
            box = (grid.xs[left], grid.ys[top], grid.xs[left + width], grid.ys[top + height])
            base = Para(index=0, text="", in_table=True, table=table, row=r + 1, column=column, cell=cell,
                        colspan=width, vmerge=vmerge, formatted=True)
            if vmerge == "continue":
                out.append(base)
                continue
            mine = [k for k in inside if box[0] <= (found[k].x0 + found[k].x1) / 2 <= box[2]
                    and box[1] <= (found[k].y0 + found[k].y1) / 2 <= box[3]]
            out.append(_cell_para(base, mine, found, box, widths, areas, starts))
    return _justified_columns(out)


def _justified_columns(cells: list[Para]) -> list[Para]:
    """A column whose wrapped cells are justified is justified: its one-line cells (flush left
    to the eye) too."""
    justified = {p.column for p in cells if p.align == "both" and p.row > 1}
    return [replace(p, align="both") if p.align == "left" and p.column in justified and p.row > 1
            and "\n" not in p.text else p for p in cells]


def _cell_para(base: Para, ks: list[int], found: list[Word], box: tuple[float, float, float, float],
               widths: list[float], areas: dict[int, tuple[float, float, float]], starts: set[int]) -> Para:
    from plangen.word.recognise import join_lines

    lines = _lines([found[k] for k in ks], ks)
    text = ""
    owners: list[tuple[int, int] | None] = []
    for n, line in enumerate(lines):
        piece, marks = "", []
        for i, (k, w) in enumerate(line):
            if i and w.x0 - line[i - 1][1].x1 > 0.15 * (w.y1 - w.y0):
                piece, marks = piece + " ", [*marks, None]
            piece += w.text
            marks += [(k, j) for j in range(len(w.text))]
        if n == 0:
            text, owners = piece, marks
            continue
        above = lines[n - 1]
        room = box[2] - box[0] - 2 * min(_inner(lines, box), _CELL_PAD)
        first = line[0][1]
        end = next((w.x1 for i, (_k, w) in enumerate(line)
                    if i + 1 == len(line) or line[i + 1][1].x0 - w.x1 > 0.15 * (w.y1 - w.y0)), first.x1)
        width = above[-1][1].x1 - above[0][1].x0 + 0.25 * (first.y1 - first.y0) + end - first.x0
        fits = width < room - 1  # the next line's first word had room on this one: a line break
        joined = f"{text}\n{piece}" if fits else join_lines(text, piece)
        owners += [None] * (len(joined) - len(text) - len(piece)) + marks
        text = joined
    if not text:
        return base
    para = replace(base, text=text)
    dressed = _dressed(para, owners, found, widths, areas, starts)
    return replace(dressed, align=_cell_align(lines, box))


def _inner(lines: list[list[tuple[int, Word]]], box: tuple[float, float, float, float]) -> float:
    """A cell's padding: how far its leftmost line stands from its left edge (at most 8 points)."""
    return min(min(min(w.x0 for _k, w in line) for line in lines) - box[0], 8.0)


def _lines(ws: list[Word], ks: list[int]) -> list[list[tuple[int, Word]]]:
    lines: list[list[tuple[int, Word]]] = []
    for k, w in sorted(zip(ks, ws, strict=True), key=lambda kw: (kw[1].y0, kw[1].x0)):
        if lines and abs(lines[-1][0][1].y0 - w.y0) < 0.5 * (w.y1 - w.y0):
            lines[-1].append((k, w))
        else:
            lines.append([(k, w)])
    return [sorted(line, key=lambda kw: kw[1].x0) for line in lines]


def _cell_align(lines: list[list[tuple[int, Word]]], box: tuple[float, float, float, float]) -> str:
    pad = _inner(lines, box)
    left, right = box[0] + pad, box[2] - pad
    edges = [(min(w.x0 for _k, w in line), max(w.x1 for _k, w in line)) for line in lines]
    middle = (box[0] + box[2]) / 2
    if all(abs((a + b) / 2 - middle) < 1.5 for a, b in edges) and any(a - box[0] > _CELL_PAD for a, _b in edges):
        return "center"
    if all(b > right - 1.5 and a > left + _CELL_PAD for a, b in edges):
        return "right"
    return "both" if len(edges) > 1 and all(b > right - 1.5 for _a, b in edges[:-1]) else "left"
