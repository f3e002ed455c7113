"""dates: the plan's own dates are real and fall in its time.

Deadlines, reporting dates and campaign periods ("trước ngày 18/7/2025", "từ ngày 01/7/2025
đến ngày 30/9/2025", a task's `deadline`) must be real dates: a date that does not exist
("31/02/2025") is an error. A date before the date of issue, or outside the plan's time (its
year, or the period its summary names, "giai đoạn 2026 - 2030", until 31 March after it for the
yearly report), is a warning: such a date is often a slip, but it may be a past fact the plan
recalls. Dates of other documents ("Kế hoạch số 92/KH-UBND ngày 20/3/2025", "Kế hoạch
620/KH-SGDĐT ngày …", "có hiệu lực từ ngày …") are not the plan's own and are left alone.

Good:
    (plan of 2025) … báo cáo trước ngày 05/10/2025 …
    (plan for 2026 - 2030) … hoàn thành trước ngày 31/12/2030 …
Bad:
    … báo cáo trước ngày 31/02/2025 …                (error: no such date)
    (plan of 2025, issued 05/02/2025) … trước ngày 05/10/2024 …   (warning)

Source: Nghị định 30/2020/NĐ-CP, Phụ lục I (thời gian: a date is written as it exists); the plan's
own time is practice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from plangen.check.finding import WARNING, Finding, finding
from plangen.check.view import PlanView
from plangen.i18n import _

ID = "dates"
SEVERITY = "error"
SOURCES = ("yaml", "docx")


def check(view: PlanView, config) -> Iterator[Finding]:
    year = view.year
    last = view.period_end or year
    for day, line, written in view.dates:
        if day is None:
            yield finding(_("“{date}” is not a real date").format(date=written), line.where)
            continue
        if view.issue_date and day < view.issue_date:
            yield finding(_("{date} is before the date of issue {issued}: if it is a deadline of the plan, "
                            "it is a slip").format(date=f"{day:%d/%m/%Y}", issued=f"{view.issue_date:%d/%m/%Y}"),
                          line.where, WARNING)
        elif year and last and not (dt.date(year - 1, 10, 1) <= day <= dt.date(last + 1, 3, 31)):
            span = str(year) if last == year else f"{year}–{last}"
            yield finding(_("{date} is outside the plan's time ({span}): if it is a deadline of the plan, it "
                            "is a slip").format(date=f"{day:%d/%m/%Y}", span=span), line.where, WARNING)


DOC_VI = """dates: các mốc thời gian của kế hoạch có thật và thuộc thời gian của kế hoạch.

Hạn báo cáo, hạn hoàn thành, thời gian đợt cao điểm ("trước ngày 18/7/2025", "từ ngày 01/7/2025
đến ngày 30/9/2025") phải là ngày có thật: ngày không có ("31/02/2025") là lỗi. Ngày trước ngày
ban hành, hoặc ngoài thời gian của kế hoạch (năm kế hoạch, hoặc giai đoạn nêu ở trích yếu "giai
đoạn 2026 - 2030", đến hết 31/3 năm sau để báo cáo năm) là cảnh báo: thường là gõ nhầm, nhưng có
thể là việc đã qua được nhắc lại. Ngày của văn bản được dẫn ("Kế hoạch số 92/KH-UBND ngày
20/3/2025", "Kế hoạch 620/KH-SGDĐT ngày …", "có hiệu lực từ ngày …") không xét. Các ngày trong
phụ lục cũng được xét.

Đúng:
    … báo cáo kết quả trước ngày 05/10/2025 (kế hoạch năm 2025)
    … hoàn thành trước ngày 31/12/2030 (kế hoạch giai đoạn 2026 - 2030)
Sai:
    … trước ngày 31/02/2025              (lỗi: ngày không có)
    … trước ngày 05/10/2024              (cảnh báo: trước ngày ban hành, ngoài năm kế hoạch)

Căn cứ: Nghị định 30/2020/NĐ-CP, Phụ lục I (thời gian: ngày viết đúng như có thật); thời gian của
kế hoạch là thực tiễn.
"""
"""The rule's documentation in Vietnamese (`plangen check --explain`, the default language)."""
