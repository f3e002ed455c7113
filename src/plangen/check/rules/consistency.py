"""consistency: a document cited twice is cited with the same date.

A plan cites the documents it builds on by number, symbol and date ("Quyết định số 1137/QĐ-TTg
ngày 13/6/2025"). The same number and symbol cited with two different dates of the same year is a
typing slip in one of them (document numbers restart each year, so citations of different years
name different documents; two issuers named differently, "của UBND tỉnh" and "của UBND xã", may
share a symbol such as QĐ-UBND, so they are not compared).

Good:
    … Quyết định số 1137/QĐ-TTg ngày 13/6/2025 … theo Quyết định số 1137/QĐ-TTg ngày 13/6/2025 …
Bad:
    … Quyết định số 1137/QĐ-TTg ngày 13/6/2025 … theo Quyết định số 1137/QĐ-TTg ngày 16/3/2025 …

Source: Nghị định 30/2020/NĐ-CP, Phụ lục I (số, ký hiệu và ngày của văn bản).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from plangen.check.finding import Finding, finding
from plangen.check.view import Line, PlanView
from plangen.i18n import _

ID = "consistency"
SEVERITY = "error"
SOURCES = ("yaml", "docx")

CITATION = re.compile(
    r"\bsố\s*:?\s*(\d{1,6}(?:/\d{4})?[/-][A-ZĐ][\wĐđ/.-]{0,40}[\wĐđ])\s+ngày\s+"
    r"(?:(\d{1,2})/(\d{1,2})/(\d{4})|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))")


ISSUER = re.compile(r"\s*của\s+([^,;.()]{3,60})")


def cited(text: str) -> Iterator[tuple[str, dt.date | None, str, str]]:
    """(symbol, date, as written, issuer named after it or "") of each "số … ngày …" in a text."""
    text = text[:100_000]
    for m in CITATION.finditer(text):
        day, month, year = (int(x) for x in (m.group(2, 3, 4) if m.group(2) else m.group(5, 6, 7)))
        try:
            when: dt.date | None = dt.date(year, month, day)
        except ValueError:
            when = None
        by = ISSUER.match(text, m.end())
        yield m.group(1), when, m.group(0), " ".join(by.group(1).casefold().split()) if by else ""


def check(view: PlanView, config) -> Iterator[Finding]:
    lines: list[Line] = [*view.preamble, *(x for x in (view.decision_line,) if x)]
    lines += [line for section in view.sections for line in section.lines] + view.appendix_lines
    first: dict[tuple[str, int], tuple[dt.date, str, str]] = {}
    for line in lines:
        for symbol, when, written, issuer in cited(line.text):
            if when is None:
                continue
            key = (symbol, when.year)
            if key not in first:
                first[key] = (when, written, issuer)
            elif first[key][2] and issuer and first[key][2] != issuer:
                continue  # two bodies of the same kind may use the same symbol: two documents
            elif first[key][0] != when:
                yield finding(_("{symbol} is cited with two dates: {one} and {other}").format(
                    symbol=symbol, one=f"{first[key][0]:%d/%m/%Y}", other=f"{when:%d/%m/%Y}"), line.where)


DOC_VI = """consistency: một văn bản được dẫn nhiều lần thì cùng một ngày.

Kế hoạch dẫn các văn bản làm căn cứ bằng số, ký hiệu và ngày ("Quyết định số 1137/QĐ-TTg ngày
13/6/2025"). Cùng số và ký hiệu, cùng năm mà dẫn với hai ngày khác nhau là gõ nhầm ở một chỗ (số
văn bản đánh lại từ đầu mỗi năm, nên hai năm khác nhau là hai văn bản khác nhau; hai cơ quan ghi
khác nhau, "của UBND tỉnh" và "của UBND xã", có thể cùng ký hiệu QĐ-UBND, nên không so).

Đúng:
    … Quyết định số 1137/QĐ-TTg ngày 13/6/2025 … theo Quyết định số 1137/QĐ-TTg ngày 13/6/2025 …
Sai:
    … Quyết định số 1137/QĐ-TTg ngày 13/6/2025 … theo Quyết định số 1137/QĐ-TTg ngày 16/3/2025 …

Căn cứ: Nghị định 30/2020/NĐ-CP, Phụ lục I (số, ký hiệu và ngày của văn bản).
"""
"""The rule's documentation in Vietnamese (`plangen check --explain`, the default language)."""
