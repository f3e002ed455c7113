"""citations: a cited document is named with its number.

A document the plan cites is named by its type, number and symbol, date and issuer ("Văn bản số
1234/UBND-VX ngày 12/3/2026 của …"). A citation whose number is left blank ("tại Văn bản  năm
2026", "Quyết định số     /QĐ-UBND ngày …", "Kế hoạch số  ngày 05/3/2026") was never completed.
An error in an issued plan; a warning in a draft (its own `Số:      /KH-UBND` still blank),
where it is filled in before the plan is issued. The plan's own number in a draft ("(Kèm theo
Kế hoạch số     /KH-UBND …)"), and the decision a plan is issued with, are filled in when the
plan is registered, and are left alone.

Good:
    … theo Văn bản số 1234/UBND-VX ngày 12/3/2026 của Ủy ban nhân dân tỉnh …
    (draft) (Kèm theo Kế hoạch số      /KH-UBND ngày     /3/2026 của …)
Bad:
    … theo hướng dẫn tại Văn bản  năm 2026 của Sở Nội vụ …     (error; a warning in a draft)
    … Quyết định số      /QĐ-UBND ngày 12/3/2026 của …

Source: Nghị định 30/2020/NĐ-CP, Phụ lục I (nội dung văn bản: a document cited is named with its
type, number and symbol, date of issue, issuer and summary).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from plangen.check.finding import WARNING, Finding, finding
from plangen.check.view import Line, PlanView
from plangen.i18n import _

ID = "citations"
SEVERITY = "error"
SOURCES = ("yaml", "docx")

_TYPES = (r"(?:Văn bản|Công văn|Quyết định|Kế hoạch|Thông báo|Chỉ thị|Nghị quyết|Nghị định|Thông tư|"
          r"Hướng dẫn|Tờ trình|Báo cáo|Chương trình|Công điện|Quy chế|Quy định|Đề án|Thông tri|Kết luận)")
_GAP = r"(?:[ \t\u00a0]{2,}|[ \t\u00a0]*[_.…]{2,}[ \t\u00a0]*)"
_CITING = r"(?:tại|theo|(?i:căn cứ|thực hiện))\s+(?:các\s+)?"
BLANK = re.compile(
    rf"\b{_TYPES}\s+số\s*(?:[_.…]+\s*)?(?P<sym>/\s*[A-ZĐ][\wĐđ/.-]*)"   # "số     /QĐ-UBND"
    rf"|\b{_CITING}{_TYPES}(?:\s+số)?{_GAP}(?=(?:năm\s+\d{{4}}|ngày)\b)"  # "tại Văn bản  năm 2026"
    rf"|\b{_TYPES}\s+số\s+(?=ngày\s+(?:\d|[_.…\s]*/|[_.…\s]*tháng))")     # "Kế hoạch số ngày 05/3"
"""A document named without its number: the symbol, the date or the year right after its type
(a gap before the year only after a citing word: "Kế hoạch  năm 2026" alone is a phrase)."""


def _own(view: PlanView, line: Line, symbol: str) -> bool:
    """The plan itself or the decision it goes with, before its number is given."""
    if not (view.drafted or view.issued_with_decision or view.header.get("number") is None):
        return False
    if line is view.decision_line or "kèm theo" in line.text[:80].casefold():
        return True
    own = view.own_symbol
    return bool(own) and symbol.lstrip("/ ").rstrip(".,;)") == own


def check(view: PlanView, config) -> Iterator[Finding]:
    lines = [*view.preamble, *(x for x in (view.decision_line,) if x)]
    lines += [line for section in view.sections for line in section.lines] + view.appendix_lines
    for line in lines:
        for m in BLANK.finditer(line.text[:100_000]):
            if _own(view, line, m.group("sym") or ""):
                continue
            shown = " ".join(line.text[m.start():m.end() + 12].split())
            if view.drafted:  # the plan itself is a draft: it is filled in before the plan is issued
                yield finding(_("a cited document has no number: “{text}…” (fill it in before the plan is "
                                "issued)").format(text=shown), line.where, WARNING)
            else:
                yield finding(_("a cited document has no number: “{text}…”").format(text=shown), line.where)


DOC_VI = """citations: văn bản được dẫn có số.

Văn bản được kế hoạch dẫn phải ghi tên loại, số và ký hiệu, ngày ban hành và cơ quan ban hành
("Văn bản số 1234/UBND-VX ngày 12/3/2026 của …"). Chỗ dẫn mà số để trống ("tại Văn bản  năm 2026",
"Quyết định số     /QĐ-UBND ngày …", "Kế hoạch số  ngày 05/3/2026") là chưa hoàn chỉnh. Số của
chính kế hoạch trong bản dự thảo ("(Kèm theo Kế hoạch số     /KH-UBND …)" khi dòng `Số:      /KH-UBND`
còn trống) và quyết định ban hành kèm kế hoạch được điền khi đăng ký văn bản, không xét. Kế hoạch
đã ban hành thì là lỗi; bản dự thảo (dòng `Số:      /KH-UBND` còn trống) thì là cảnh báo: điền trước
khi ban hành.

Đúng:
    … theo Văn bản số 1234/UBND-VX ngày 12/3/2026 của Ủy ban nhân dân tỉnh …
    (dự thảo) (Kèm theo Kế hoạch số      /KH-UBND ngày     /3/2026 của …)
Sai:
    … theo hướng dẫn tại Văn bản  năm 2026 của Sở Nội vụ …     (lỗi; cảnh báo nếu là dự thảo)
    … Quyết định số      /QĐ-UBND ngày 12/3/2026 của …

Căn cứ: Nghị định 30/2020/NĐ-CP, Phụ lục I (nội dung văn bản: văn bản được dẫn ghi đủ tên loại, số,
ký hiệu, ngày ban hành, cơ quan ban hành và trích yếu).
"""
"""The rule's documentation in Vietnamese (`plangen check --explain`, the default language)."""
