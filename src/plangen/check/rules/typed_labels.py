"""typed-labels: numbers, letters and dashes are not typed by hand.

plangen computes the labels "1.", "a)", "-": a text that begins with one prints it twice
("1. 1. Triển khai"). In a Word file, a paragraph whose automatic label is followed by a typed one
("1. 1.", "a) a)") shows the same slip. The fix: remove the typed label.

Good:
    - item: Triển khai …            → 1. Triển khai …
Bad:
    - item: 1. Triển khai …          → 1. 1. Triển khai …
    - point: b) Đẩy mạnh …
    - bullet: "- Tổ chức …"

Source: Nghị định 30/2020/NĐ-CP, Phụ lục I (numbering of items and points: one label each).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from plangen import vietnamese as vn
from plangen.check.finding import Finding, finding
from plangen.check.view import PlanView, Where
from plangen.i18n import _

ID = "typed-labels"
SEVERITY = "warning"
SOURCES = ("yaml", "docx")

TYPED = {
    "item": re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})*[./])\s"),
    "title": re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})*[./])\s"),
    "point": re.compile(r"^\s*([a-zđ][)/])\s"),
    "bullet": re.compile(r"^\s*([-–+•])\s"),
    "task": re.compile(r"^\s*([-–+•])\s"),
}
LABEL_AGAIN = re.compile(rf"^\s*(\d{{1,3}}(?:\.\d{{1,3}})*[./]|[a-zđ][)/]|{vn.ROMAN_LABEL}[./]|[-–+•])\s+(.*)$",
                         re.DOTALL)


def check(view: PlanView, config) -> Iterator[Finding]:
    if view.source == "yaml":
        yield from _yaml(view)
        return
    for p in view.word.paragraphs if view.word else []:
        m = LABEL_AGAIN.match(p.text[len(p.label):]) if p.label else None
        if m:  # Word numbers the paragraph, and a label is typed after it too
            yield finding(_("the label “{label}” is typed after Word's own numbering “{auto}”: remove the typed "
                            "one").format(label=m.group(1), auto=p.label), Where(paragraph=p.index, words=p.words))


def _yaml(view: PlanView) -> Iterator[Finding]:
    from plangen.errors import PlangenError
    from plangen.plan.yamlsource import parse_yaml

    if not view.text:
        return
    try:
        data, source = parse_yaml(view.text, view.file)
    except PlangenError:  # the loader reports a plan that does not parse
        return

    def walk(value, path: tuple) -> Iterator[Finding]:
        if isinstance(value, dict):
            for key, item in value.items():
                if key in TYPED and isinstance(item, str) and key != "task":
                    yield from _typed(key, item, (*path, key), source)
                if key == "tasks" and isinstance(item, list):
                    for k, task in enumerate(item):
                        text = task if isinstance(task, str) else task.get("text") if isinstance(task, dict) else None
                        if isinstance(text, str):
                            yield from _typed("task", text, (*path, key, k) if isinstance(task, str)
                                              else (*path, key, k, "text"), source)
                yield from walk(item, (*path, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                yield from walk(item, (*path, i))

    yield from walk(data.get("sections", []), ("sections",))
    yield from walk(data.get("appendices", []), ("appendices",))


def _typed(key: str, text: str, path: tuple, source) -> Iterator[Finding]:
    m = TYPED[key].match(text)
    if m:
        mark = source.locate(path)
        yield finding(_("“{text}” begins with the label “{label}”, which plangen prints itself: remove it").format(
            text=" ".join(text.split())[:40], label=m.group(1)), Where(mark.line, mark.column) if mark else Where())


DOC_VI = """typed-labels: số thứ tự, chữ cái, gạch đầu dòng không gõ tay (cảnh báo).

plangen tự tính các nhãn "1.", "a)", "-": nội dung bắt đầu bằng một nhãn sẽ in hai lần ("1. 1.
Triển khai"). Trong tệp Word, đoạn có số tự động rồi lại gõ thêm nhãn ("1. 1.", "a) a)") cũng vậy.
Cách sửa: xóa nhãn gõ tay.

Đúng:
    - item: Triển khai …            → 1. Triển khai …
Sai:
    - item: 1. Triển khai …          → 1. 1. Triển khai …
    - point: b) Đẩy mạnh …

Căn cứ: Nghị định 30/2020/NĐ-CP, Phụ lục I (mỗi mục, điểm một nhãn).
"""
"""The rule's documentation in Vietnamese (`plangen check --explain`, the default language)."""
