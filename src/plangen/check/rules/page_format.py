"""page-format: A4 portrait with the decree's margins.

Every section of a Word file is A4 (210 × 297 mm) portrait (landscape is accepted for an
appendix section after the first), with margins top 20–25 mm, bottom 20–25 mm, left 30–35 mm,
right 15–20 mm.

Good:
    A4 portrait, margins 20 / 20 / 30 / 15 mm
Bad:
    Letter (216 × 279 mm), margins 25.4 mm all round

Source: Nghị định 30/2020/NĐ-CP, Phụ lục I (khổ giấy, định lề trang).
"""

from __future__ import annotations

from collections.abc import Iterator

from plangen.check import Finding, finding
from plangen.check.view import PlanView, Where
from plangen.i18n import N_, _

ID = "page-format"
SEVERITY = "error"
SOURCES = ("docx",)
TOLERANCE = 0.5  # mm: Word stores twips, rounding 15 mm to 14.99


def _within(value: float, low: float, high: float) -> bool:
    return low - TOLERANCE <= value <= high + TOLERANCE


def check(view: PlanView, config) -> Iterator[Finding]:
    assert view.word is not None
    where = Where(paragraph=1, words="")
    for n, page in enumerate(view.word.sections, start=1):
        short, long_ = sorted((page.width_mm, page.height_mm))
        if not (_within(short, 210, 210) and _within(long_, 297, 297)):
            yield finding(_("section {n}: the page is {w:.0f} × {h:.0f} mm, not A4 (210 × 297 mm)").format(
                n=n, w=page.width_mm, h=page.height_mm), where)
        if page.width_mm > page.height_mm and n == 1:
            yield finding(_("section {n}: the page is landscape; plans are portrait").format(n=n), where)
        for name, value, low, high in ((N_("top"), page.top_mm, 20, 25), (N_("bottom"), page.bottom_mm, 20, 25),
                                       (N_("left"), page.left_mm, 30, 35), (N_("right"), page.right_mm, 15, 20)):
            if not _within(value, low, high):
                yield finding(_("section {n}: the {side} margin is {v:.1f} mm; the decree asks {low}–{high} mm"
                                ).format(n=n, side=_(name), v=value, low=low, high=high), where)
