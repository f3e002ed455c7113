"""party-header: the header and title of a Party document (Hướng dẫn 36-HD/VPTW).

Top right the title "ĐẢNG CỘNG SẢN VIỆT NAM" (never the Quốc hiệu or the Tiêu ngữ of a state
body); top left the superior named as its đảng bộ, the issuing body and a star `*` under it; the
symbol `Số 12-KH/ĐU`: no colon after "Số", a hyphen before the type, a slash before the body (a
draft leaves the number blank: `Số    -KH/ĐU`); the place and date line; KẾ HOẠCH and its summary
(trích yếu), which starts with a lower-case word. Numbers below 10 written 01, 02… and the
summary's case are the practice of Party offices (warnings).

Good:
    ĐẢNG BỘ TỈNH KHÁNH HOÀ / ĐẢNG UỶ XÃ CÔNG HẢI / *      ĐẢNG CỘNG SẢN VIỆT NAM
    Số 12-KH/ĐU                                         Công Hải, ngày 18 tháng 9 năm 2025
Bad:
    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM; Số: 12/KH-ĐU; Số: 12-KH/ĐU

Source: Hướng dẫn 36-HD/VPTW, II.1 (1.1 tiêu đề, 1.2 tên cơ quan ban hành, 1.3 số và ký hiệu,
địa danh và ngày tháng, tên loại và trích yếu).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from plangen.check.finding import WARNING, Finding, finding
from plangen.check.rules.header import _date, _normal, one_digit, symbol_line
from plangen.check.view import PlanView, Where, fold
from plangen.i18n import _
from plangen.vietnamese import PARTY_TITLE

ID = "party-header"
SEVERITY = "error"
SOURCES = ("yaml", "docx")
FORMATS = ("party",)

BLANK = r"[\s\u00a0._…]*"
NUMBER_LINE = re.compile(rf"^Số\s*(?P<colon>:?)\s*(?P<num>\d+|{BLANK})\s*(?P<sep>[-/])\s*"
                         r"(?P<type>[A-Za-zĐđ]+)\s*(?P<slash>[/-])\s*(?P<body>[A-ZĐ][A-ZĐ0-9]*)$")


def check(view: PlanView, config) -> Iterator[Finding]:
    top = Where(1, 1) if view.source == "yaml" else Where(paragraph=1)
    for key in ("national_title", "motto"):
        line = view.header.get(key)
        if line is not None:
            yield finding(_("a Party document has no Quốc hiệu or Tiêu ngữ: its title is “{title}” "
                            "(36-HD/VPTW, 1.1)").format(title=PARTY_TITLE), line.where)
    title = view.header.get("party_title")
    if title is None:
        yield finding(_("the title “{title}” is missing (top right; 36-HD/VPTW, 1.1)").format(title=PARTY_TITLE),
                      top)
    elif fold(_normal(title.text)) != PARTY_TITLE:
        yield finding(_("the title should read “{title}”").format(title=PARTY_TITLE), title.where)
    if not view.issuer_lines:
        yield finding(_("the issuing body is missing from the header"), top)
    elif view.header.get("star") is None:
        yield finding(_("a star “*” stands under the issuing body (36-HD/VPTW, 1.2)"), view.issuer_lines[-1].where)
    type_name = view.header.get("type_name")
    if type_name is None:
        yield finding(_("the type name KẾ HOẠCH is missing"), top)
        return
    if not view.summary:
        yield finding(_("the summary (trích yếu) under KẾ HOẠCH is missing"), type_name.where)
    elif view.summary[0].text.strip()[:1].isupper():
        yield finding(_("a Party document's summary starts with a lower-case word (“về …”, “tổ chức …”)"),
                      view.summary[0].where, WARNING)
    if view.issued_with_decision:
        return
    yield from _number(view.header.get("number"), type_name.where)
    yield from _date(view.header.get("date"), type_name.where)


def _number(line, fallback: Where) -> Iterator[Finding]:
    if line is None:
        yield finding(_("the symbol line `Số …-KH/…` is missing (36-HD/VPTW, 1.3)"), fallback)
        return
    text, m = symbol_line(line, NUMBER_LINE)
    if not m or m.group("sep") != "-" or m.group("slash") != "/":
        yield finding(_("a Party symbol reads `Số 12-KH/ĐU`: a hyphen before the type, a slash before the "
                        "body (found “{text}”; 36-HD/VPTW, 1.3)").format(text=text), line.where)
        if not m:
            return
    if m.group("colon"):
        yield finding(_("no colon after “Số” in a Party document: `Số 12-KH/ĐU` (36-HD/VPTW, 1.3)"), line.where)
    if m.group("type") != "KH":
        yield finding(_("the symbol of a plan is KH (found {type})").format(type=m.group("type")), line.where)
    if num := one_digit(m):
        yield finding(_("Party offices write numbers below 10 with a zero: `Số 0{n}-…`").format(n=num), line.where,
                      WARNING)


DOC_VI = """party-header: phần đầu, tên loại và trích yếu văn bản của Đảng (Hướng dẫn 36-HD/VPTW).

Góc phải là tiêu đề "ĐẢNG CỘNG SẢN VIỆT NAM" (không dùng Quốc hiệu, Tiêu ngữ); góc trái là tên cơ
quan cấp trên trực tiếp (ghi là đảng bộ), tên cơ quan ban hành và dấu sao `*` ở dưới; số và ký hiệu
`Số 12-KH/ĐU`: không có dấu hai chấm sau "Số", gạch nối trước tên loại, gạch chéo trước cơ quan (dự
thảo để trống số: `Số    -KH/ĐU`); địa danh, ngày tháng; "KẾ HOẠCH" và trích yếu, mở đầu bằng chữ
thường. Số dưới 10 viết 01, 02… và chữ đầu trích yếu theo thực tiễn (cảnh báo).

Đúng:
    ĐẢNG BỘ TỈNH KHÁNH HOÀ / ĐẢNG UỶ XÃ CÔNG HẢI / *      ĐẢNG CỘNG SẢN VIỆT NAM
    Số 12-KH/ĐU                                         Công Hải, ngày 18 tháng 9 năm 2025
Sai:
    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM; Số: 12/KH-ĐU; Số: 12-KH/ĐU

Căn cứ: Hướng dẫn 36-HD/VPTW, II.1 (tiêu đề, tên cơ quan ban hành, số và ký hiệu, địa danh và ngày
tháng, tên loại và trích yếu).
"""
"""The rule's documentation in Vietnamese (`plangen check --explain`, the default language)."""
