"""dates: the plan's own dates are real and fall in its year.

Deadlines, reporting dates and campaign periods ("trước ngày 18/7/2025", "từ ngày 01/7/2025
đến ngày 30/9/2025", a task's `deadline`) must be real dates, inside the plan year or just after
it (until 31 March of the next year, for the yearly report), and none before the date of issue.
Dates of other documents ("Kế hoạch số 92/KH-UBND ngày 20/3/2025") are not the plan's own and
are left alone.

Good:
    (plan of 2025) … báo cáo trước ngày 05/10/2025 …
Bad:
    (plan of 2025) … báo cáo trước ngày 31/02/2025 … / … trước ngày 05/10/2024 …

Source: practice of plans; a date must exist (Nghị định 30/2020/NĐ-CP, Phụ lục I, thời gian).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from plangen.check.finding import Finding, finding
from plangen.check.view import PlanView
from plangen.i18n import _

ID = "dates"
SEVERITY = "error"
SOURCES = ("yaml", "docx")


def check(view: PlanView, config) -> Iterator[Finding]:
    year = view.year
    for day, line, written in view.dates:
        if day is None:
            yield finding(_("“{date}” is not a real date").format(date=written), line.where)
            continue
        if view.issue_date and day < view.issue_date:
            yield finding(_("{date} is before the date of issue {issued}").format(
                date=f"{day:%d/%m/%Y}", issued=f"{view.issue_date:%d/%m/%Y}"), line.where)
        elif year and not (dt.date(year - 1, 10, 1) <= day <= dt.date(year + 1, 3, 31)):
            yield finding(_("{date} is outside the plan year {year}").format(
                date=f"{day:%d/%m/%Y}", year=year), line.where)


DOC_VI = """dates: các mốc thời gian của kế hoạch có thật và thuộc năm kế hoạch.

Hạn báo cáo, hạn hoàn thành, thời gian đợt cao điểm ("trước ngày 18/7/2025", "từ ngày 01/7/2025
đến ngày 30/9/2025") phải là ngày có thật, không trước ngày ban hành, và thuộc năm kế hoạch (hoặc
đầu năm sau); ngày của văn bản được dẫn ("Kế hoạch số 92/KH-UBND ngày 20/3/2025") không xét. Các
ngày trong phụ lục cũng được xét.

Đúng:
    … báo cáo kết quả trước ngày 05/10/2025 (kế hoạch năm 2025)
Sai:
    … trước ngày 31/02/2025              (ngày không có)
    … trước ngày 05/10/2024              (trước ngày ban hành, ngoài năm kế hoạch)

Căn cứ: thực tiễn kế hoạch; ngày phải có thật (Nghị định 30/2020/NĐ-CP, Phụ lục I, thời gian).
"""
"""The rule's documentation in Vietnamese (`plangen check --explain`, the default language)."""
