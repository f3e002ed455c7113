"""numbering: sections, items and points follow each other without gaps.

Roman sections in sequence (I, II, III…), items 1, 2, 3 without gaps or repeats under each
section or item, points in Vietnamese letter order a, b, c, d, đ, e, g, h, i, k… (no f, j, w, z);
a point a) begins a new list of points.

Good:
    a) … b) … c) … d) … đ) … e) …
Bad:
    a) … b) … c) … đ) … e) …        (d) is missing)

Source: Nghị định 30/2020/NĐ-CP, Phụ lục I (sections, items, points).
"""

from __future__ import annotations

from collections.abc import Iterator

from plangen import vietnamese as vn
from plangen.check.finding import Finding, finding
from plangen.check.view import PlanView
from plangen.i18n import _

ID = "numbering"
SEVERITY = "error"
SOURCES = ("yaml", "docx")


def _roman_value(label: str) -> int | None:
    return vn.roman_value(label)


def check(view: PlanView, config) -> Iterator[Finding]:
    expected_section = 1
    decimal = all(s.label.isdigit() for s in view.sections) and view.sections
    for section in view.sections:
        want = str(expected_section) if decimal else vn.roman(expected_section)
        if section.label != want:
            yield finding(_("section {got} should be numbered {want}").format(got=section.label, want=want),
                          section.heading.where)
        expected_section = (int(section.label) if decimal and section.label.isdigit()
                            else (_roman_value(section.label) or expected_section)) + 1
        yield from _items(section)


def _items(section) -> Iterator[Finding]:
    last_item: dict[str, int] = {}  # parent label → last number
    letters: list[str] = []
    for n in section.numbered:
        if n.kind == "item":
            parts = n.label.split(".")
            if section.label.isdigit() and parts[0] == section.label and len(parts) > 1:
                parts = parts[1:]  # decimal plans: 2.1, 2.2 under section 2
            parent, number = ".".join(parts[:-1]), int(parts[-1])
            want = last_item.get(parent, 0) + 1
            if number != want:
                yield finding(_("item {got} should be numbered {want}").format(got=n.label, want=".".join(
                    [*parts[:-1], str(want)])), n.line.where)
            last_item[parent] = number  # children of this item are keyed by its own label: fresh
            letters = []
        elif n.kind == "point":
            if n.label == "a":  # a new list of points (under a bullet, a paragraph, in another group)
                letters = []
            want = vn.point_letter(len(letters))
            if n.label != want:
                if n.label in vn.POINT_LETTERS and vn.POINT_LETTERS.index(n.label) > vn.POINT_LETTERS.index(
                        want if want in vn.POINT_LETTERS else "a"):
                    missing = vn.POINT_LETTERS[vn.POINT_LETTERS.index(want):vn.POINT_LETTERS.index(n.label)]
                    yield finding(_("point {got}) follows {prev}): point {missing}) is missing").format(
                        got=n.label, prev=letters[-1] if letters else "-",
                        missing=") ".join(missing)), n.line.where)
                    letters += missing
                else:
                    yield finding(_("point {got}) should be {want}) (Vietnamese letter order a, b, c, d, đ, e, "
                                    "g…)").format(got=n.label, want=want), n.line.where)
            letters.append(n.label)


DOC_VI = """numbering: các phần, mục, điểm đánh số liên tục.

Phần đánh số La Mã liên tục (I, II, III…), mục 1, 2, 3 không bỏ sót, không lặp trong mỗi phần hoặc
mục, điểm theo thứ tự chữ cái tiếng Việt a, b, c, d, đ, e, g, h, i, k… (không có f, j, w, z);
điểm a) bắt đầu một danh sách điểm mới.

Đúng:
    a) … b) … c) … d) … đ) … e) …
Sai:
    a) … b) … c) … đ) … e) …        (thiếu d)

Căn cứ: Nghị định 30/2020/NĐ-CP, Phụ lục I (phần, mục, điểm).
"""
"""The rule's documentation in Vietnamese (`plangen check --explain`, the default language)."""
