"""The tables of a PDF printed without rules, read by where their columns stand.

Word prints a table without borders (an appendix's list, a schedule) as lines whose words stand
in columns; the text layer gives each line apart, a cell's wrapped line a line of its own. Such a
table is read here as a grid of its own (`plangen.word.pdftable.Grid`, as if it were ruled), so
that its cells are read as a ruled table's: only when several lines close together part into
pieces at the same places (three column starts shared by three lines, or two by four), the
header's and the signature's columns (centred, three lines at most side by side) never. The
columns part at the gutters no line crosses; a row begins where the first column has a word; a
heading line over two columns and the line of their headings under it are two heading rows, the
other headings merged over both. A table that ends its page goes on at the next page's top
when its heading lines are printed there again (the same texts at the same places, as Word
repeats heading rows): read in the columns of its part before, so that the two parts are one
table whose heading rows `plangen.word.pdflook` leaves out, the lines under them a row of their
own (a row's rest, broken over the page's end, rejoined there). Bounded: a page of more than
`_MAX_WORDS` words is not read, a table is of `_MAX_LINES` lines at most, and the runs tried
look at `_WORK` lines for each line.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, replace

from plangen.word.pdflook import Word
from plangen.word.pdftable import Grid

_MAX_WORDS = 4_000  # on a page; more is no plan's page
_MAX_LINES = 200  # in one table
_MAX_WIDTH = 3_000  # points: a table wider is no page's (A0 is 2,384 points wide)
_GAP = 1.2  # type heights: a wider gap between two words parts a line's pieces
_NEAR = 1.5  # points: pieces that begin this close begin at one column's start


def grids(found: list[Word], ruled: list[Grid]) -> list[Grid]:
    """The tables without rules of each page of `found` (the words in `ruled` tables aside)."""
    pages: dict[int, list[Word]] = {}
    for w in found:
        x, y = (w.x0 + w.x1) / 2, (w.y0 + w.y1) / 2
        if not any(g.page == w.page and g.holds(x, y) for g in ruled):
            pages.setdefault(w.page, []).append(w)
    out: list[Grid] = []
    tables: list[int] = []  # of each grid, the table it is a part of
    last: _Table | None = None  # the table the page before ended with
    for page, ws in sorted(pages.items()):
        if len(ws) > _MAX_WORDS:
            last = None
            continue
        before = last if last and last.grid.page + 1 == page else None
        found, last, goes_on = _page_grids(page, _lines(ws), before)
        tables += [tables[-1] if goes_on and k == 0 else len(out) + k for k in range(len(found))]
        out += found
    edges: dict[int, tuple[float, float]] = {}
    for t, g in zip(tables, out, strict=True):  # a table's parts as wide on every page: one table
        left, right = edges.get(t, (g.xs[0], g.xs[-1]))
        edges[t] = (min(left, g.xs[0]), max(right, g.xs[-1]))
    return [replace(g, xs=(edges[t][0], *g.xs[1:-1], edges[t][1])) for t, g in zip(tables, out, strict=True)]


@dataclass(frozen=True)
class _Table:
    """A table without rules that ended its page: its grid there, its heading lines' texts and
    where their pieces begin."""

    grid: Grid
    heading: tuple[str, ...]
    places: tuple[tuple[float, ...], ...]

    def again(self, texts: list[str], pieces: list[list[tuple[float, float]]]) -> bool:
        """Are these lines its heading lines printed again, in its columns?"""
        return tuple(texts) == self.heading and all(
            len(line) == len(at) and all(abs(a - x) < 2 * _NEAR for (a, _b), x in zip(line, at, strict=True))
            for line, at in zip(pieces, self.places, strict=True))


def _lines(ws: list[Word]) -> list[list[Word]]:
    lines: list[list[Word]] = []
    for w in sorted(ws, key=lambda w: (w.y0, w.x0)):
        if lines and abs(lines[-1][0].y0 - w.y0) < 0.5 * (w.y1 - w.y0):
            lines[-1].append(w)
        else:
            lines.append([w])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def _pieces(line: list[Word]) -> list[tuple[float, float]]:
    """A line's pieces (x0, x1): its words parted by gaps wider than `_GAP` type heights."""
    out = [(line[0].x0, line[0].x1)]
    for a, b in itertools.pairwise(line):
        if b.x0 - a.x1 > _GAP * (b.y1 - b.y0):
            out.append((b.x0, b.x1))
        else:
            out[-1] = (out[-1][0], b.x1)
    return out


def _page_grids(page: int, lines: list[list[Word]], before: _Table | None
                ) -> tuple[list[Grid], _Table | None, bool]:
    """The tables of a page, the one that ends it (None if none does), and whether the first goes
    on the table the page before ended with (`before`): so when the lines at this page's top
    are its heading lines printed again (Word's repeated heading rows, page numbers above them
    aside), read in its columns, its heading lines a row of their own (`plangen.word.pdflook`
    leaves them out, as a ruled table's)."""
    pieces = [_pieces(line) for line in lines]
    budget = _WORK * max(len(lines), 1)  # lines looked at, over all the runs tried on the page
    out: list[Grid] = []
    ends: _Table | None = None
    top = next((k for k, line in enumerate(lines) if not all(w.text.isdigit() for w in line)), len(lines))
    texts = [" ".join(w.text for w in line) for line in lines]
    k = 0
    heads = len(before.heading) if before is not None else 0
    if before is not None and before.again(texts[top:top + heads], pieces[top:top + heads]):
        end = _run(lines, pieces, top, before.grid.xs[:2])
        grid = _grid(page, lines[top:end], pieces[top:end], before.grid.xs, heads) if end - top > heads else None
        if grid is not None:
            out.append(grid)
            ends = replace(before, grid=grid) if _ends_page(lines, end) else None
            budget -= end - top + 1
            k = end
    goes_on = bool(out)
    while k < len(lines) and budget > 0:
        end = _run(lines, pieces, k)
        budget -= end - k + 1
        if end - k >= 3 and _shares_columns(pieces[k:end]):
            grid = _grid(page, lines[k:end], pieces[k:end])
            if grid is not None:
                out.append(grid)
                heads = max(b[2] for b in grid.blocks if b[0] == 0)
                heading = [n for n in range(k, end) if lines[n][0].y0 < grid.ys[heads]]
                ends = _Table(grid, tuple(texts[n] for n in heading), tuple(tuple(a for a, _b in pieces[n])
                                                                           for n in heading)) \
                    if _ends_page(lines, end) else None
                k = end
                continue
        k += 1
    return out, ends, goes_on


def _ends_page(lines: list[list[Word]], end: int) -> bool:
    """Do lines `end` on hold nothing but page numbers?"""
    return all(w.text.isdigit() for line in lines[end:] for w in line)


_WORK = 8  # lines looked at for each line of a page, at most


def _run(lines: list[list[Word]], pieces: list[list[tuple[float, float]]], k: int,
         known: tuple[float, ...] = ()) -> int:
    """Where the lines laid out in columns that begin at line `k` end: lines of two pieces or
    more, close under each other, and between them a cell's wrapped line that fits inside one
    of their columns (not the first; `known`: where the first two columns of a table read
    before begin)."""
    if len(pieces[k]) < 2:
        return k
    starts = sorted({*known, *(a for a, _b in pieces[k])})[:2]  # the two leftmost places pieces begin at
    end = k + 1
    while end < len(lines) and end - k < _MAX_LINES:
        above, line = lines[end - 1], lines[end]
        height = line[0].y1 - line[0].y0
        if not 0 < line[0].y0 - above[0].y0 < 2.2 * height:
            break
        if len(pieces[end]) >= 2:
            starts = sorted({*starts, *(a for a, _b in pieces[end])})[:2]
        elif pieces[end][0][0] < starts[1] - _NEAR:
            break  # a line of one piece at the table's left: the text after it
        end += 1
    return end


def _shares_columns(lines: list[list[tuple[float, float]]]) -> bool:
    """Do lines of two pieces or more begin pieces at the same places: three places, each shared
    by three lines or more, or two shared by four lines or more (a header's or a signature's
    columns, side by side, run three lines at most before the room under them)?"""
    starts: Counter[int] = Counter()
    for pieces in lines:
        if len(pieces) >= 2:
            starts.update({round(a / _NEAR) for a, _b in pieces})
    shared = sorted((n for n in starts.values() if n >= 3), reverse=True)
    return len(shared) >= 3 or (len(shared) == 2 and shared[1] >= 4)


def _grid(page: int, lines: list[list[Word]], pieces: list[list[tuple[float, float]]],
          known: tuple[float, ...] = (), heads: int = 0) -> Grid | None:
    """The grid of a table laid out in columns: its gutters (the places no piece of most lines
    covers) part its columns (or those `known` of the table it goes on), a line with a word in
    the first column begins a row, and so does the line after its `heads` heading lines."""
    if known:
        left = min(known[0], min(line[0].x0 for line in lines) - 1)
        right = max(known[-1], max(line[-1].x1 for line in lines) + 1)
        return _rows_grid(page, lines, [left, *known[1:-1], right], heads)
    left = min(line[0].x0 for line in lines) - 1
    right = max(line[-1].x1 for line in lines) + 1
    if not 0 < right - left < _MAX_WIDTH:
        return None
    width = int(right - left) + 1
    covered = [0] * width
    for line in pieces:
        for a, b in line:
            for x in range(int(a - left), min(width, int(b - left) + 1)):
                covered[x] += 1
    height = lines[0][0].y1 - lines[0][0].y0
    few = max(1, len(lines) // 8)  # a heading over two columns may cross their gutter
    xs, x = [left], 0
    while x < width:
        if covered[x] <= few:
            start = x
            while x < width and covered[x] <= few:
                x += 1
            if x - start >= 0.4 * height and start > 0 and x < width:
                xs.append(left + (start + x) / 2)
        x += 1
    xs.append(right)
    if len(xs) < 3:
        return None
    return _rows_grid(page, lines, xs)


def _rows_grid(page: int, lines: list[list[Word]], xs: list[float], heads: int = 0) -> Grid | None:
    rows: list[list[list[Word]]] = []
    for n, line in enumerate(lines):
        first = any(w.x1 <= xs[1] for w in line)
        spanned = bool(rows) and any(_span(xs, a, b) > 1 for a, b in _pieces(rows[-1][-1]))
        if not rows or first or (spanned and len(_pieces(line)) >= 2) or (heads and n == heads):
            rows.append([line])
        else:
            rows[-1].append(line)
    if len(rows) < 2:
        return None
    ys = [min(w.y0 for w in row[0]) - 1 for row in rows] + [max(w.y1 for w in rows[-1][-1]) + 1]
    return Grid(page, tuple(xs), tuple(ys), _blocks(xs, rows))


def _span(xs: list[float], a: float, b: float) -> int:
    """How many columns a piece from a to b covers."""
    return sum(1 for c in range(len(xs) - 1) if a < xs[c + 1] and b > xs[c])


def _blocks(xs: list[float], rows: list[list[list[Word]]]) -> tuple[tuple[int, int, int, int], ...]:
    """Each row's cells, one a column, a heading's piece over several columns one cell over them;
    a heading row over a row of sub-headings (the first column empty): its other cells merged
    down over both."""
    cols = len(xs) - 1
    out: list[tuple[int, int, int, int]] = []
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        spans = {}
        if len(row) == 1:
            for a, b in _pieces(row[0]):
                first = next(c for c in range(cols) if a < xs[c + 1])
                spans[first] = max(1, _span(xs, a, b))
        under = r + 1 < len(rows) and any(n > 1 for n in spans.values()) and \
            not any(w.x1 <= xs[1] for line in rows[r + 1] for w in line)
        c = 0
        while c < cols:
            if (r, c) in taken:
                c += 1
                continue
            span = min(spans.get(c, 1), cols - c)
            down = 2 if under and span == 1 and not _filled(xs, rows[r + 1], c) else 1
            out.append((r, c, down, span))
            for rr in range(r, r + down):
                for cc in range(c, c + span):
                    taken.add((rr, cc))
            c += span
    return tuple(out)


def _filled(xs: list[float], row: list[list[Word]], c: int) -> bool:
    return any(xs[c] <= (w.x0 + w.x1) / 2 <= xs[c + 1] for line in row for w in line)
