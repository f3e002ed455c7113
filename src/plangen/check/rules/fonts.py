"""font: Times New Roman everywhere, body text 13–14 pt, recipients 11–12 pt.

Every paragraph with text is set in Times New Roman (the Unicode font of TCVN 6909:2001); the
body of the plan is 13 or 14 pt; the recipients list 11 or 12 pt. Reported once per kind of
problem, with the first paragraph concerned.

Good:
    body in Times New Roman 14 pt, "Nơi nhận" list in 11 pt
Bad:
    body in Calibri 11 pt

Source: Nghị định 30/2020/NĐ-CP, Phụ lục I (phông chữ, cỡ chữ).
"""

from __future__ import annotations

from collections.abc import Iterator

from plangen.check.finding import Finding, finding
from plangen.check.view import PlanView, Where
from plangen.i18n import _

ID = "font"
SEVERITY = "error"
SOURCES = ("docx",)
FONT = "Times New Roman"


def _where(p) -> Where:
    return Where(paragraph=p.index, words=p.words)


def check(view: PlanView, config) -> Iterator[Finding]:
    assert view.word is not None
    wrong_font = [p for p in view.word.paragraphs if p.text.strip() and p.font and p.font != FONT]
    if wrong_font:
        p = wrong_font[0]
        yield finding(_("text is set in {font}, not Times New Roman ({n} paragraphs)").format(
            font=p.font, n=len(wrong_font)), _where(p))
    body = [p for p in view.body_paragraphs if p.text.strip() and not p.in_table]
    wrong_size = [p for p in body if p.size is not None and not 13 <= p.size <= 14]
    if wrong_size:
        p = wrong_size[0]
        yield finding(_("body text is {size:g} pt; the decree asks 13–14 pt ({n} paragraphs)").format(
            size=p.size, n=len(wrong_size)), _where(p))
    small = [p for p in view.recipient_paragraphs if p.size is not None and not 11 <= p.size <= 12]
    if small:
        p = small[0]
        yield finding(_("the recipients are {size:g} pt; the decree asks 11 pt (12 pt at most)").format(
            size=p.size), _where(p))


DOC_VI = """font: phông Times New Roman, chữ nội dung cỡ 13–14, nơi nhận cỡ 11–12.

Mọi đoạn có chữ dùng phông Times New Roman (phông Unicode theo TCVN 6909:2001); nội dung cỡ 13–14;
các dòng nơi nhận cỡ 11 (tiêu đề "Nơi nhận:" cỡ 12).

Đúng:
    nội dung Times New Roman 14, nơi nhận 11
Sai:
    nội dung Arial 12, hoặc phông .VnTime

Căn cứ: Nghị định 30/2020/NĐ-CP, Phụ lục I (phông chữ, cỡ chữ).
"""
"""The rule's documentation in Vietnamese (`plangen check --explain`, the default language)."""
