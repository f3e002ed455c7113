"""funding-section: say how the plan is funded.

A plan says where its money comes from, in a section "KINH PHÍ THỰC HIỆN", as an item of
"TỔ CHỨC THỰC HIỆN" starting with "Kinh phí …" (as many plans do), or in the words that give an
agency its work ("… sử dụng kinh phí năm 2026 được giao", "hỗ trợ kinh phí (nếu có)"). A
warning when funding is absent, or only mentioned inside the content: the decree asks for no
funding part.

Good:
    IV. KINH PHÍ THỰC HIỆN — Kinh phí … được bố trí từ nguồn ngân sách …
    IV. TỔ CHỨC THỰC HIỆN — 3. Kinh phí thực hiện … được bố trí trong dự toán …
    IV. TỔ CHỨC THỰC HIỆN — 6. Báo … a) … sử dụng kinh phí năm 2026 được giao …
Bad:
    (no word on funding anywhere)

Source: practice of plans (Nghị định 30/2020/NĐ-CP does not list a plan's parts).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from plangen.check.finding import WARNING, Finding, finding
from plangen.check.read import funding_mentions
from plangen.check.view import PlanView
from plangen.i18n import _

ID = "funding-section"
SEVERITY = WARNING
SOURCES = ("yaml", "docx")


MONEY = re.compile(r"\b(?:kinh phí|ngân sách|nguồn vốn|dự toán)\b", re.IGNORECASE)


def check(view: PlanView, config) -> Iterator[Finding]:
    if not view.sections or any("funding" in s.kinds for s in view.sections):
        return
    if any(MONEY.search(line.text[:2000]) for s in view.sections if s.kinds & {"implementation", "assignments"}
           for line in s.lines):
        return  # said where the work is given out
    mentions = funding_mentions(view)
    if any("implementation" in s.kinds for s, _line in mentions):
        return
    if mentions:
        section, line = mentions[0]
        yield finding(_("funding is only mentioned inside section {label} ({title}); give it its own "
                        "section or an item of the implementation section").format(
                            label=section.label, title=section.title), line.where)
        return
    where = view.start_of_sections()
    yield finding(_("the plan does not say how it is funded (no section KINH PHÍ THỰC HIỆN)"), where)


DOC_VI = """funding-section: nêu rõ kinh phí thực hiện (cảnh báo).

Kế hoạch nói kinh phí lấy từ đâu: trong phần "KINH PHÍ THỰC HIỆN", một mục của phần "TỔ CHỨC
THỰC HIỆN" ("3. Kinh phí thực hiện: …"), hoặc ngay trong việc giao cho cơ quan ("… sử dụng kinh
phí năm 2026 được giao", "hỗ trợ kinh phí (nếu có)"). Nghị định không đòi phần kinh phí riêng.

Đúng:
    IV. KINH PHÍ THỰC HIỆN / Kinh phí từ nguồn ngân sách nhà nước theo phân cấp …
Sai:
    không có đoạn nào nói về kinh phí

Căn cứ: thực tiễn kế hoạch (Nghị định 30/2020/NĐ-CP không quy định các phần của kế hoạch).
"""
"""The rule's documentation in Vietnamese (`plangen check --explain`, the default language)."""
