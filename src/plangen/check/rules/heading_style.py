"""heading-style: headings of one rank look alike: section headings and titled items in bold.

The decree sets a section heading ("I. MỤC ĐÍCH, YÊU CẦU") and an item with a title ("1. Cải
cách thể chế", standing alone above its text) in bold, an item without a title ("1. Triển khai
…", a sentence) upright. When most headings of one rank in a part are bold and a few are not,
those few were missed: a warning, since whether an item has a title is read from its shape
(short, no full stop, no colon).

Good:
    1. Cải cách thể chế (bold) … 6. Chuyển đổi số (bold) … 7. Công tác chỉ đạo, điều hành (bold)
Bad:
    1. Cải cách thể chế (bold) … 6. Chuyển đổi số (bold) … 7. Công tác chỉ đạo, điều hành (regular)

Source: Nghị định 30/2020/NĐ-CP, Phụ lục I (kỹ thuật trình bày phần, mục: tiêu đề của phần in đậm;
mục có tiêu đề in đậm).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from plangen.check.finding import WARNING, Finding, finding
from plangen.check.view import Line, PlanView, classify
from plangen.i18n import _

ID = "heading-style"
SEVERITY = WARNING
SOURCES = ("docx",)


def titled(text: str) -> bool:
    """An item that is a title: short, not a sentence (no full stop, colon or semicolon)."""
    parsed = classify(text.strip())
    rest = (parsed[2] if parsed else text).strip()
    return 0 < len(rest) <= 120 and not rest.endswith((".", ";", ":", ",", "!", "?")) and ":" not in rest \
        and not re.search(r"[.;]\s", rest)


def _odd_ones(lines: list[tuple[str, Line]]) -> list[tuple[str, Line, list[str]]]:
    """(label, line, labels of the bold ones) of each regular heading among mostly bold ones."""
    shown = [(label, line) for label, line in lines if line.para is not None and line.para.formatted]
    bold = [label for label, line in shown if line.para.bold]
    plain = [(label, line) for label, line in shown if not line.para.bold]
    if len(bold) < 2 or not plain or len(plain) >= len(bold):
        return []
    return [(label, line, bold) for label, line in plain]


def check(view: PlanView, config) -> Iterator[Finding]:
    for label, line, bold in _odd_ones([(s.label, s.heading) for s in view.sections]):
        yield finding(_("section heading {label} is not bold, unlike {others} (the decree sets section headings "
                        "in bold)").format(label=label, others=", ".join(bold)), line.where)
    for section in view.sections:
        ranks: dict[int, list[tuple[str, Line]]] = {}
        for n in section.numbered:
            if n.kind == "item" and titled(n.line.text):
                ranks.setdefault(n.label.strip(".").count("."), []).append((n.label, n.line))
        for items in ranks.values():
            for label, line, bold in _odd_ones(items):
                yield finding(_("item {label} of section {section} has a title but is not bold, unlike items "
                                "{others} (the decree sets an item's title in bold)").format(
                                    label=label, section=section.label, others=", ".join(bold)), line.where)


DOC_VI = """heading-style: tiêu đề cùng cấp trình bày như nhau: tiêu đề phần và mục có tiêu đề in đậm (cảnh báo).

Nghị định quy định tiêu đề phần ("I. MỤC ĐÍCH, YÊU CẦU") và mục có tiêu đề ("1. Cải cách thể chế",
đứng riêng trên phần nội dung) in đậm, mục không có tiêu đề ("1. Triển khai …", một câu) in
thường. Khi phần lớn tiêu đề cùng cấp trong một phần in đậm mà vài tiêu đề không, là sót: cảnh
báo, vì mục có tiêu đề hay không được nhận ra theo hình thức (ngắn, không có dấu chấm, dấu hai
chấm).

Đúng:
    1. Cải cách thể chế (đậm) … 6. Chuyển đổi số (đậm) … 7. Công tác chỉ đạo, điều hành (đậm)
Sai:
    1. Cải cách thể chế (đậm) … 6. Chuyển đổi số (đậm) … 7. Công tác chỉ đạo, điều hành (thường)

Căn cứ: Nghị định 30/2020/NĐ-CP, Phụ lục I (kỹ thuật trình bày phần, mục: tiêu đề của phần in đậm;
mục có tiêu đề in đậm).
"""
"""The rule's documentation in Vietnamese (`plangen check --explain`, the default language)."""
