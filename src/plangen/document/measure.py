"""Approximate printed width of a line of Times New Roman, to size the header's short rules.

ND30 Phụ lục I asks for a rule under the issuing body of 1/3–1/2 of the text's length and a rule
under the Tiêu ngữ as long as the text. Word cannot size a border to text, so the renderer computes
indents from these widths (Adobe Times metrics, which Times New Roman and Liberation Serif share).
"""

from __future__ import annotations

import unicodedata

# Advance widths in 1/1000 em (Adobe Times-Roman / Times-Bold AFM).
_REGULAR = dict(zip(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 -,.;:()/“”\"'",
    [722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556,
     611, 722, 722, 944, 722, 722, 611, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278,
     778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444] + [500] * 10
    + [250, 333, 250, 250, 278, 278, 333, 333, 278, 444, 444, 408, 180], strict=True))
_BOLD = dict(zip(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 -,.;:()/“”\"'",
    [722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556,
     667, 722, 722, 1000, 722, 722, 667, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278,
     833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444] + [500] * 10
    + [250, 333, 250, 250, 333, 333, 333, 333, 278, 500, 500, 555, 278], strict=True))

TWIPS_PER_POINT = 20
TWIPS_PER_MM = 1440 / 25.4


def _base(ch: str) -> str:
    if ch in "Đđ":
        return "D" if ch == "Đ" else "d"
    return unicodedata.normalize("NFD", ch)[0]


def text_width_twips(text: str, size_pt: float, bold: bool = False) -> int:
    """Width of `text` set in Times at `size_pt`, in twips (1/20 pt)."""
    table = _BOLD if bold else _REGULAR
    units = sum(table.get(_base(ch), 556) for ch in text)
    return round(units / 1000 * size_pt * TWIPS_PER_POINT)


def mm(value: float) -> int:
    """Millimetres to twips."""
    return round(value * TWIPS_PER_MM)
