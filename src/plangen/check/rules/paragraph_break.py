"""paragraph-break: a sentence is not broken into two paragraphs.

A paragraph that ends in the middle of a sentence (on a word, with no punctuation) followed by
one that goes on in lower case ("… để bảo đảm" / "hoàn thành nhiệm vụ được giao …") is one
paragraph broken by a stray Enter: printed with a first-line indent and spacing in between, it
reads as two. A warning: the break is read from the text.

Good:
    b) … có tính chất quyết định để bảo đảm hoàn thành nhiệm vụ được giao …
Bad:
    b) … có tính chất quyết định để bảo đảm
    hoàn thành nhiệm vụ được giao …

Source: Nghị định 30/2020/NĐ-CP, Phụ lục I (nội dung: each paragraph starts on a new line,
indented 1–1.27 cm, 6 pt or more after the previous one: a break is a new paragraph).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from plangen.check.finding import WARNING, Finding, finding
from plangen.check.view import PlanView, classify
from plangen.i18n import _

ID = "paragraph-break"
SEVERITY = WARNING
SOURCES = ("docx",)
_ADDRESS = re.compile(r"^(?:https?://|www\.|\S+@\S+)", re.IGNORECASE)


def check(view: PlanView, config) -> Iterator[Finding]:
    for section in view.sections:
        lines = [x for x in section.lines if x.para is not None and not x.para.in_table]
        for one, two in pairwise(lines):
            end, start = one.text.rstrip(), two.text.lstrip()
            if len(end) < 40 or not end[-1].isalpha() or one.para.page_section != two.para.page_section:
                continue
            if not start[:1].isalpha() or not start[:1].islower() or classify(start) or _ADDRESS.match(start):
                continue
            if two.para.label or (classify(end) and len(end) < 120):  # a title above its text
                continue
            yield finding(_("the paragraph ends in mid-sentence (“…{end}”) and the next goes on in lower case "
                            "(“{start}…”): join them").format(end=end[-30:], start=start[:30]), one.where)


DOC_VI = """paragraph-break: một câu không bị ngắt thành hai đoạn (cảnh báo).

Đoạn kết thúc giữa câu (ở một chữ, không có dấu câu) mà đoạn sau viết tiếp bằng chữ thường ("… để
bảo đảm" / "hoàn thành nhiệm vụ được giao …") là một đoạn bị ngắt do gõ nhầm Enter: in ra có thụt
đầu dòng và giãn đoạn, đọc thành hai đoạn. Cảnh báo: chỗ ngắt được nhận ra theo chữ.

Đúng:
    b) … có tính chất quyết định để bảo đảm hoàn thành nhiệm vụ được giao …
Sai:
    b) … có tính chất quyết định để bảo đảm
    hoàn thành nhiệm vụ được giao …

Căn cứ: Nghị định 30/2020/NĐ-CP, Phụ lục I (nội dung: mỗi đoạn xuống dòng, lùi đầu dòng 1–1,27 cm,
cách đoạn trước từ 6 pt: chỗ xuống dòng là một đoạn mới).
"""
"""The rule's documentation in Vietnamese (`plangen check --explain`, the default language)."""
