"""The tables of a PDF read by their ruling lines, as a Word file's: rows, cells, merged cells.

A table's text alone does not tell its rows: a cell's text wraps over several lines, a merged
cell's is centred over the rows it spans. Its ruling lines do. They are read from the page as
poppler's `pdftocairo -svg` draws it: every straight stroke (or thin filled rectangle) that runs
level or upright. Rules that meet make a grid; a grid line missing across a cell merges it with
its neighbour. The words printed in a cell are its text, a line that ended before the next word
would have run out of room a line break. Only patterns over bounded slices are used.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

_SVG_PAGE = re.compile(r"<page>")
_PATH = re.compile(r'<path style="([^"]{0,400})" d="([MLZ0-9.\s-]{0,2000})"(?: transform="matrix\(([^)]{0,200})\)")?')
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_NEAR = 2.0  # points: rules this close are one, and meet
_MAX_RULES = 5_000  # on a page; more is a drawing, not a table


@dataclass(frozen=True)
class Grid:
    """A ruled table on a page: its column and row edges (points, from the page's top left) and
    the merged blocks of its grid cells, each (first row, first column, rows, columns)."""

    page: int
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    blocks: tuple[tuple[int, int, int, int], ...]

    def holds(self, x: float, y: float) -> bool:
        return self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]


def rules(svg: str) -> list[tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]]:
    """Of each page, its level rules (y, x0, x1) and its upright ones (x, y0, y1)."""
    marks = [m.end() for m in _SVG_PAGE.finditer(svg)] or [0]
    out = []
    for k, start in enumerate(marks):
        end = marks[k + 1] if k + 1 < len(marks) else len(svg)
        level: list[tuple[float, float, float]] = []
        upright: list[tuple[float, float, float]] = []
        for m in _PATH.finditer(svg, start, end):
            if len(level) + len(upright) > _MAX_RULES:
                break
            style, d, matrix = m.groups()
            stroked = "stroke:none" not in style and "stroke-width" in style
            points = _points(d, matrix)
            if len(points) < 2:
                continue
            if stroked:
                for (ax, ay), (bx, by) in itertools.pairwise(points):
                    _segment(ax, ay, bx, by, level, upright)
            elif "fill:none" not in style:  # a thin filled box drawn as a rule
                xs, ys = [p[0] for p in points], [p[1] for p in points]
                w, h = max(xs) - min(xs), max(ys) - min(ys)
                if h < 2.5 < w:
                    level.append(((min(ys) + max(ys)) / 2, min(xs), max(xs)))
                elif w < 2.5 < h:
                    upright.append(((min(xs) + max(xs)) / 2, min(ys), max(ys)))
        out.append((level, upright))
    return out


def _points(d: str, matrix: str | None) -> list[tuple[float, float]]:
    numbers = [float(n) for n in _NUMBER.findall(d)]
    a, b, c, e, f, g = ([float(n) for n in _NUMBER.findall(matrix)] + [0.0] * 6)[:6] if matrix else (
        1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return [(a * x + c * y + f, b * x + e * y + g) for x, y in zip(numbers[::2], numbers[1::2], strict=False)]


def _segment(ax: float, ay: float, bx: float, by: float, level: list, upright: list) -> None:
    if abs(ay - by) < 0.5 and abs(ax - bx) > 2:
        level.append(((ay + by) / 2, min(ax, bx), max(ax, bx)))
    elif abs(ax - bx) < 0.5 and abs(ay - by) > 2:
        upright.append(((ax + bx) / 2, min(ay, by), max(ay, by)))


def grids(page: int, level: list[tuple[float, float, float]], upright: list[tuple[float, float, float]]
          ) -> list[Grid]:
    """The ruled tables of a page: rules that meet, gathered, with two rows or more edges and
    two columns or more."""
    groups: list[tuple[list, list]] = []
    for rule in level:
        touching = [g for g in groups if any(_meet(rule, v) for v in g[1]) or any(_overlap(rule, h) for h in g[0])]
        merged: tuple[list, list] = ([rule], [])
        for g in touching:
            merged[0].extend(g[0])
            merged[1].extend(g[1])
            groups.remove(g)
        groups.append(merged)
    for rule in upright:
        touching = [g for g in groups if any(_meet(h, rule) for h in g[0])]
        if not touching:
            continue
        first = touching[0]
        first[1].append(rule)
        for g in touching[1:]:
            first[0].extend(g[0])
            first[1].extend(g[1])
            groups.remove(g)
    out = []
    for hs, vs in groups:
        xs = _edges([v[0] for v in vs])
        ys = _edges([h[0] for h in hs])
        if len(xs) < 3 or len(ys) < 3:
            continue
        out.append(Grid(page, tuple(xs), tuple(ys), _blocks(xs, ys, hs, vs)))
    return out


def _meet(h: tuple[float, float, float], v: tuple[float, float, float]) -> bool:
    return h[1] - _NEAR <= v[0] <= h[2] + _NEAR and v[1] - _NEAR <= h[0] <= v[2] + _NEAR


def _overlap(a: tuple[float, float, float], b: tuple[float, float, float]) -> bool:
    return abs(a[0] - b[0]) < _NEAR and a[1] <= b[2] + _NEAR and b[1] <= a[2] + _NEAR


def _edges(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _NEAR:
            out.append(v)
    return out


def _blocks(xs: list[float], ys: list[float], hs: list, vs: list) -> tuple[tuple[int, int, int, int], ...]:
    """Grid cells merged where the rule between them is missing: blocks (row, column, rows, columns)."""
    rows, cols = len(ys) - 1, len(xs) - 1

    def ruled_v(x: float, y0: float, y1: float) -> bool:
        mid = (y0 + y1) / 2
        return any(abs(v[0] - x) < _NEAR and v[1] - _NEAR <= mid <= v[2] + _NEAR for v in vs)

    def ruled_h(y: float, x0: float, x1: float) -> bool:
        mid = (x0 + x1) / 2
        return any(abs(h[0] - y) < _NEAR and h[1] - _NEAR <= mid <= h[2] + _NEAR for h in hs)

    taken = [[False] * cols for _r in range(rows)]
    out = []
    for r in range(rows):
        for c in range(cols):
            if taken[r][c]:
                continue
            width = 1
            while c + width < cols and not ruled_v(xs[c + width], ys[r], ys[r + 1]):
                width += 1
            height = 1
            while r + height < rows and not ruled_h(ys[r + height], xs[c], xs[c + 1]):
                height += 1
            for rr in range(r, r + height):
                for cc in range(c, c + width):
                    taken[rr][cc] = True
            out.append((r, c, height, width))
    return tuple(out)
