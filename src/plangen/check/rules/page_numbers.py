"""page-numbers: page numbers in the header, not on the first page.

Pages are numbered in Arabic figures, centred in the top margin, from page 2: the first page of
the document (and of each appendix section) shows no number.

Good:
    header with a PAGE field, "different first page" set
Bad:
    a PAGE field on the first page, or page numbers in the footer only

Source: Nghị định 30/2020/NĐ-CP, Phụ lục I (đánh số trang).
"""

from __future__ import annotations

from collections.abc import Iterator

from plangen.check.finding import Finding, finding
from plangen.check.view import PlanView, Where
from plangen.i18n import _

ID = "page-numbers"
SEVERITY = "error"
SOURCES = ("docx",)


def check(view: PlanView, config) -> Iterator[Finding]:
    assert view.word is not None
    if not view.word.sections:
        return
    first = view.word.sections[0]
    where = Where(paragraph=1)
    if first.first_header_has_page:
        yield finding(_("the first page shows a page number; the decree numbers pages from page 2"), where)
    if not first.header_has_page:
        yield finding(_("the pages are not numbered in the header (top margin)"), where)


DOC_VI = """page-numbers: số trang ở đầu trang, không đánh ở trang đầu.

Số trang bằng chữ số Ả Rập, căn giữa lề trên, từ trang 2: trang đầu không có số trang.

Đúng:
    đầu trang có trường PAGE, trang đầu khác (không số)
Sai:
    số trang ở chân trang, hoặc có số ở trang 1

Căn cứ: Nghị định 30/2020/NĐ-CP, Phụ lục I (đánh số trang).
"""
"""The rule's documentation in Vietnamese (`plangen check --explain`, the default language)."""
