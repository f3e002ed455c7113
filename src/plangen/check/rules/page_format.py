"""page-format: A4 portrait with the decree's margins.

Every section of a Word file is A4 (210 × 297 mm) portrait (landscape is accepted for an
appendix section after the first), with margins top 20–25 mm, bottom 20–25 mm, left 30–35 mm,
right 15–20 mm. A landscape section may keep these margins, or the same margins turned with the
page (the binding margin of 30–35 mm then at the top or the bottom). A section that names no page
size is not judged on its size. An office can set its own ranges in the settings:
`[check.margins]` `left = [25, 35]`…

Good:
    A4 portrait, margins 20 / 20 / 30 / 15 mm
    a landscape appendix with margins 30 / 15 / 20 / 20 mm (turned with the page)
Bad:
    Letter (216 × 279 mm), margins 25.4 mm all round

Source: Nghị định 30/2020/NĐ-CP, Phụ lục I (khổ giấy, định lề trang).
"""

from __future__ import annotations

from collections.abc import Iterator

from plangen.check.finding import Finding, finding
from plangen.check.view import PlanView, Where
from plangen.i18n import N_, _

ID = "page-format"
SEVERITY = "error"
SOURCES = ("docx",)
TOLERANCE = 0.5  # mm: Word stores twips, rounding 15 mm to 14.99


def _within(value: float, low: float, high: float) -> bool:
    return low - TOLERANCE <= value <= high + TOLERANCE


SIDES = (N_("top"), N_("bottom"), N_("left"), N_("right"))
DECREE = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}


def _fits(values: dict[str, float], ranges: dict[str, tuple[float, float]]) -> bool:
    return all(_within(values[side], *ranges[side]) for side in ranges)


def _turned(ranges: dict[str, tuple[float, float]]) -> list[dict[str, tuple[float, float]]]:
    """The ranges of a page turned a quarter either way: left/right become top/bottom."""
    return [{"top": ranges["left"], "bottom": ranges["right"], "left": ranges["bottom"], "right": ranges["top"]},
            {"top": ranges["right"], "bottom": ranges["left"], "left": ranges["top"], "right": ranges["bottom"]}]


def check(view: PlanView, config) -> Iterator[Finding]:
    assert view.word is not None
    ranges = {**DECREE, **(getattr(config, "margins", None) or {})}
    for n, page in enumerate(view.word.sections, start=1):
        where = _first_paragraph(view, n - 1)
        landscape = page.width_mm > page.height_mm
        short, long_ = sorted((page.width_mm, page.height_mm))
        what = _("section {n} (landscape)").format(n=n) if landscape else _("section {n}").format(n=n)
        if page.sized and not (_within(short, 210, 210) and _within(long_, 297, 297)):
            yield finding(_("{what}: the page is {w:.0f} × {h:.0f} mm, not A4 (210 × 297 mm)").format(
                what=what, w=page.width_mm, h=page.height_mm), where)
        if landscape and n == 1:
            yield finding(_("{what}: the page is landscape; plans are portrait").format(what=what), where)
        values = {"top": page.top_mm, "bottom": page.bottom_mm, "left": page.left_mm, "right": page.right_mm}
        if _fits(values, ranges) or (landscape and any(_fits(values, r) for r in _turned(ranges))):
            continue
        for side in SIDES:
            low, high = ranges[side]
            if not _within(values[side], low, high):
                message = _("{what}: the {side} margin is {v:.1f} mm; the decree asks {low}–{high} mm").format(
                    what=what, side=_(side), v=values[side], low=low, high=high)
                if landscape:
                    message += _(" (or the same margins turned with the page)")
                yield finding(message, where)


def _first_paragraph(view: PlanView, section: int) -> Where:
    """The section's first paragraph, to show where the section is."""
    for p in view.word.paragraphs if view.word else []:
        if p.page_section == section and p.text.strip():
            return Where(paragraph=p.index, words=p.words)
    return Where(paragraph=1, words="")


DOC_VI = """page-format: khổ A4 dọc, lề trang theo nghị định.

Mỗi vùng trang của tệp Word là khổ A4 (210 × 297 mm) dọc (khổ ngang được chấp nhận cho vùng phụ lục
sau vùng đầu), lề trên 20–25 mm, lề dưới 20–25 mm, lề trái 30–35 mm, lề phải 15–20 mm. Trang khổ
ngang có thể giữ các lề ấy, hoặc xoay các lề theo trang (lề đóng gáy 30–35 mm khi đó ở trên hoặc
dưới). Cơ quan có thể tự đặt khoảng lề trong thiết lập: `[check.margins]` `left = [25, 35]`…

Đúng:
    A4 dọc, lề 20 / 20 / 30 / 15 mm
    phụ lục khổ ngang, lề 30 / 15 / 20 / 20 mm (xoay theo trang)
Sai:
    khổ Letter (216 × 279 mm), lề 25,4 mm bốn phía

Căn cứ: Nghị định 30/2020/NĐ-CP, Phụ lục I (khổ giấy, định lề trang).
"""
"""The rule's documentation in Vietnamese (`plangen check --explain`, the default language)."""
