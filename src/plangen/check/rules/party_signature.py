"""party-signature: a Party document is signed in the Party's forms (Hướng dẫn 36-HD/VPTW, 1.7).

A committee's plan is signed on behalf of the collective, with a slash and no dot: "T/M BAN
THƯỜNG VỤ" (or "T/M ĐẢNG UỶ", "T/M CHI BỘ"), then "BÍ THƯ" or "PHÓ BÍ THƯ": a deputy signs under
T/M too, never K/T, which is for a committee's own departments and boards; "T/L" when the office
signs by order. The state forms "TM.", "KT.", "TL.", "TUQ.", "Q." are errors; "T/UQ" is not in the
guide (a warning). The title line names no body ("BÍ THƯ", not "BÍ THƯ ĐẢNG UỶ", in practice).

Good:
    T/M BAN THƯỜNG VỤ / BÍ THƯ
    T/M BAN THƯỜNG VỤ / PHÓ BÍ THƯ
    T/L BAN THƯỜNG VỤ / CHÁNH VĂN PHÒNG  (the office signs by order)
Bad:
    TM. BAN THƯỜNG VỤ / BÍ THƯ           (the state form)
    T/M. BAN THƯỜNG VỤ / BÍ THƯ          (a dot after the slash form)
    T/M BAN THƯỜNG VỤ / K/T BÍ THƯ / PHÓ BÍ THƯ

Source: Hướng dẫn 36-HD/VPTW, II.1.7 (quyền hạn, chức vụ, họ tên và chữ ký).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from plangen.check.finding import WARNING, Finding, finding
from plangen.check.rules.signature import no_block
from plangen.check.view import PlanView, fold
from plangen.i18n import _

ID = "party-signature"
SEVERITY = "error"
SOURCES = ("yaml", "docx")
FORMATS = ("party",)

STATE_FORM = re.compile(r"^(TM|KT|TL|TUQ|Q)\.\s*")
PARTY_FORM = re.compile(r"^(T/M|K/T|T/L|T/UQ)(\.?)\s*(?=\S)")
COMMITTEE = re.compile(r"^(?:ĐẢNG (?:ỦY|UỶ)|(?:TỈNH|THÀNH|HUYỆN|QUẬN|THỊ) (?:ỦY|UỶ)|CHI BỘ|ĐẢNG BỘ|ĐẢNG ĐOÀN|"
                       r"BAN CÁN SỰ)\b")
"""A cấp uỷ (or a đảng đoàn, ban cán sự đảng): it signs T/M; its boards (BAN TUYÊN GIÁO …) sign K/T."""


def check(view: PlanView, config) -> Iterator[Finding]:
    missing = no_block(view)
    if missing is not None:
        yield from missing
        return
    committee = bool(view.issuer_lines) and bool(COMMITTEE.match(fold(view.own_lines[0].text)))
    forms = []
    for line in view.signature:
        text = line.text.strip()
        state = STATE_FORM.match(text)
        if state:
            party = {"TM": "T/M", "KT": "K/T", "TL": "T/L", "TUQ": "T/UQ", "Q": "Q."}[state.group(1)]
            yield finding(_("a Party document writes “{party}” with a slash, not the state form “{state}.” "
                            "(36-HD/VPTW, 1.7)").format(party=party, state=state.group(1)), line.where)
            forms.append(party)
            continue
        m = PARTY_FORM.match(text)
        if m:
            forms.append(m.group(1))
            if m.group(2):  # "T/M. BAN THƯỜNG VỤ": the slash form takes no dot
                yield finding(_("“{form}” is written without a dot: “{form} {rest}” (36-HD/VPTW, 1.7)").format(
                    form=m.group(1), rest=text[m.end():].strip()), line.where)
            if m.group(1) == "T/UQ":
                yield finding(_("“T/UQ” is not a form of Hướng dẫn 36-HD/VPTW: confirm it"), line.where, WARNING)
    first = view.signature[0]
    if committee and (not forms or forms[0] not in ("T/M", "T/L")):  # T/L: the office signs by order
        yield finding(_("a Party committee's plan is signed on behalf of the collective: “T/M BAN THƯỜNG VỤ” "
                        "(or T/M ĐẢNG UỶ, T/M CHI BỘ), then BÍ THƯ or PHÓ BÍ THƯ"), first.where)
    if committee and "T/M" in forms and "K/T" in forms:
        k = next(line for line in view.signature if line.text.strip().startswith(("K/T", "KT.")))
        yield finding(_("under a Party committee a deputy signs “T/M …” then “PHÓ BÍ THƯ”, never K/T "
                        "(36-HD/VPTW, 1.7)"), k.where)
    last = view.signature[-1].text.strip()
    if len(view.signature) > 1 and re.match(r"^(?:PHÓ\s+)?BÍ THƯ\s+.*\b(?:ĐẢNG|ỦY|UỶ|CHI BỘ|XÃ|PHƯỜNG|TỈNH)\b",
                                            fold(last)):
        yield finding(_("the title line names no body: “{title}”").format(
            title=re.match(r"^((?:PHÓ\s+)?BÍ THƯ)", fold(last)).group(1)), view.signature[-1].where, WARNING)


DOC_VI = """party-signature: văn bản của Đảng ký theo thể thức của Đảng (Hướng dẫn 36-HD/VPTW, 1.7).

Kế hoạch của cấp ủy ký thay mặt tập thể, viết gạch chéo, không dấu chấm: "T/M BAN THƯỜNG VỤ" (hoặc
"T/M ĐẢNG UỶ", "T/M CHI BỘ"), rồi "BÍ THƯ" hoặc "PHÓ BÍ THƯ": cấp phó cũng ký T/M, không ký K/T (K/T
dành cho cơ quan tham mưu, giúp việc, ban chỉ đạo…); "T/L" khi văn phòng ký thừa lệnh. Các dạng của
văn bản hành chính "TM.", "KT.", "TL.", "TUQ.", "Q." là lỗi; "T/UQ" không có trong Hướng dẫn (cảnh
báo). Dòng chức vụ không ghi tên cơ quan ("BÍ THƯ", không "BÍ THƯ ĐẢNG UỶ").

Đúng:
    T/M BAN THƯỜNG VỤ / BÍ THƯ
    T/M BAN THƯỜNG VỤ / PHÓ BÍ THƯ
    T/L BAN THƯỜNG VỤ / CHÁNH VĂN PHÒNG  (văn phòng ký thừa lệnh)
Sai:
    TM. BAN THƯỜNG VỤ / BÍ THƯ
    T/M. BAN THƯỜNG VỤ / BÍ THƯ
    T/M BAN THƯỜNG VỤ / K/T BÍ THƯ / PHÓ BÍ THƯ

Căn cứ: Hướng dẫn 36-HD/VPTW, II.1.7 (quyền hạn, chức vụ, họ tên và chữ ký).
"""
"""The rule's documentation in Vietnamese (`plangen check --explain`, the default language)."""
