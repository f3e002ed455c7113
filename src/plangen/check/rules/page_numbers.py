"""page-numbers: page numbers in the header, not on the first page; each appendix on its own.

Pages are numbered in Arabic figures, centred in the top margin, from page 2: the first page of
the document shows no number (a one-page plan needs none). Each appendix is numbered on its own:
an appendix after the signature starts its own Word section numbered from 1 ("Start at: 1"). An
appendix in a section of its own that goes on with the plan's numbers is an error; one that
shares the plan's section (so it cannot restart) is a warning, since where an appendix begins
is read from its shape.

Good:
    header with a PAGE field, "different first page" set; the Phụ lục in a new section from page 1
Bad:
    a PAGE field on the first page, or page numbers in the footer only
    the Phụ lục's section going on from page 12 of the plan

Source: Nghị định 30/2020/NĐ-CP, Phụ lục I (số trang văn bản: từ trang 2, canh giữa lề trên; số
trang của phụ lục được đánh riêng theo từng phụ lục).
"""

from __future__ import annotations

from collections.abc import Iterator

from plangen.check.finding import WARNING, Finding, finding
from plangen.check.view import PlanView, Where
from plangen.i18n import _

ID = "page-numbers"
SEVERITY = "error"
SOURCES = ("docx",)


def check(view: PlanView, config) -> Iterator[Finding]:
    assert view.word is not None
    sections = view.word.sections
    if not sections:
        return
    first = sections[0]
    where = Where(paragraph=1)
    if first.first_header_has_page and view.word.pages != 1:
        yield finding(_("the first page shows a page number; the decree numbers pages from page 2"), where)
    if not first.header_has_page and view.word.pages != 1:
        yield finding(_("the pages are not numbered in the header (top margin)"), where)
    if view.format == "state":  # Nghị định 30's rule; a Party document follows its own guide
        yield from _appendices(view)


def _appendices(view: PlanView) -> Iterator[Finding]:
    """Each appendix restarts the page numbers (the document's own pages being numbered)."""
    assert view.word is not None
    sections = view.word.sections
    body_section = view.last_content.para.page_section if view.last_content and view.last_content.para else 0
    seen: set[int] = set()
    for head in view.appendix_heads:
        if head.para is None:
            continue
        k = head.para.page_section
        if k >= len(sections) or not sections[k].header_has_page or k in seen:
            continue
        seen.add(k)
        if k == body_section:
            if sections[0].header_has_page:
                yield finding(_("the appendix goes on with the plan's page numbers: put it in a section of its "
                                "own numbered from 1 (the decree numbers each appendix on its own)"), head.where,
                              WARNING)
        elif k > body_section and sections[k].page_start is None:
            yield finding(_("the appendix's section goes on with the plan's page numbers; the decree numbers each "
                            "appendix on its own (start its numbering at 1)"), head.where)


DOC_VI = """page-numbers: số trang ở đầu trang, không đánh ở trang đầu; mỗi phụ lục đánh số riêng.

Số trang bằng chữ số Ả Rập, căn giữa lề trên, từ trang 2: trang đầu không có số trang (kế hoạch
một trang thì không cần số). Mỗi phụ lục đánh số trang riêng: phụ lục sau phần ký bắt đầu một
vùng (section) Word riêng, đánh số từ 1. Phụ lục ở vùng riêng mà số trang nối tiếp kế hoạch là
lỗi; phụ lục chung vùng với kế hoạch (không đánh lại được) là cảnh báo, vì chỗ bắt đầu phụ lục được
nhận ra theo hình thức.

Đúng:
    đầu trang có trường PAGE, trang đầu khác (không số); phụ lục ở vùng mới, từ trang 1
Sai:
    số trang ở chân trang, hoặc có số ở trang 1
    vùng phụ lục tiếp tục số trang 12 của kế hoạch

Căn cứ: Nghị định 30/2020/NĐ-CP, Phụ lục I (số trang văn bản: từ trang 2, canh giữa lề trên; số
trang của phụ lục được đánh riêng theo từng phụ lục).
"""
"""The rule's documentation in Vietnamese (`plangen check --explain`, the default language)."""
