"""signature-authority: the signature block has a valid authority that fits the issuer.

The authority is one of TM. (on behalf of a collective), KT. (a deputy for the head), TL. (by
order), TUQ. (by authorisation), Q. (acting); a People's Committee signs as a collective
("TM. ỦY BAN NHÂN DÂN", then "KT. CHỦ TỊCH" when a vice-chair signs); a ministry or department
signs under its head (KT., TL., Q.), not TM. — except for a collective body it set up (Đoàn kiểm
tra, Ban chỉ đạo, Hội đồng, Tổ công tác…), which signs as a collective: "TM. ĐOÀN KIỂM TRA".

Good:
    TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH
    TM. ĐOÀN KIỂM TRA / TRƯỞNG ĐOÀN        (a department's inspection team)
Bad:
    KT. CHỦ TỊCH / PHÓ CHỦ TỊCH            (a People's Committee without TM.)
    TM. SỞ Y TẾ / GIÁM ĐỐC                 (a department is not a collective body)

Source: Nghị định 30/2020/NĐ-CP, Phụ lục I (thẩm quyền ký).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from plangen.check.finding import Finding, finding
from plangen.check.view import PlanView, Where, fold
from plangen.i18n import _

ID = "signature-authority"
SEVERITY = "error"
SOURCES = ("yaml", "docx")

AUTHORITY = re.compile(r"^(TM|KT|TL|TUQ|Q)\.\s*(.*)$", re.DOTALL)
SLASHED = re.compile(r"^(T|K|Q)/(M|T|L|)\.?")
COLLECTIVE = re.compile(r"^(?:ĐOÀN|BAN|HỘI ĐỒNG|TỔ|ỦY BAN|UỶ BAN|TẬP THỂ|THƯỜNG TRỰC)\b")
"""Collective bodies that sign "TM." even inside a ministry or department (ND30 Phụ lục I)."""


def check(view: PlanView, config) -> Iterator[Finding]:
    if view.issued_with_decision and not view.signature:
        return
    where = view.recipients[-1].where if view.recipients else (
        view.last_content.where if view.last_content else Where(1, 1))
    if not view.signature:
        yield finding(_("the signature block is missing"), where)
        return
    first = view.signature[0]
    issuer = fold(view.issuer_text)
    committee = "ỦY BAN NHÂN DÂN" in issuer or "UỶ BAN NHÂN DÂN" in issuer or issuer.startswith("UBND")
    governed = bool(re.search(r"\b(SỞ|BỘ)\b", issuer))
    # "T/M." is TM. written with a slash: one finding (the slash), not a missing TM. as well
    m = AUTHORITY.match(SLASHED.sub(r"\1\2.", first.text.strip()))
    if committee and not governed:
        if not (m and m.group(1) == "TM"):
            yield finding(_("a People's Committee signs on behalf of the collective: “TM. ỦY BAN NHÂN DÂN”"),
                          first.where)
    elif m and m.group(1) == "TM" and governed and not COLLECTIVE.match(fold(m.group(2))):
        yield finding(_("a ministry or department signs under its head (KT., TL., Q.), not TM."), first.where)
    for line in view.signature:
        text = line.text.strip()
        if text.startswith(("T/M", "K/T", "T/L", "Q/")):
            yield finding(_("write the authority “{a}.” without a slash (ND30 Phụ lục I)").format(
                a=text.split(".", 1)[0].replace("/", "")), line.where)
            continue
        lead = re.match(r"^([A-ZĐ]{1,4})\.", text)
        if lead and not AUTHORITY.match(text):
            yield finding(_("unknown signing authority “{a}.”: use TM., KT., TL., TUQ. or Q.").format(
                a=lead.group(1)), line.where)


DOC_VI = """signature-authority: thẩm quyền ký hợp lệ, phù hợp cơ quan ban hành.

Thẩm quyền ký là TM. (thay mặt tập thể), KT. (ký thay), TL. (thừa lệnh), TUQ. (thừa ủy quyền), Q.
(quyền); Ủy ban nhân dân ký thay mặt tập thể ("TM. ỦY BAN NHÂN DÂN", rồi "KT. CHỦ TỊCH" khi phó chủ
tịch ký); bộ, sở ký dưới người đứng đầu (KT., TL., Q.), không ký TM. — trừ tập thể do cơ quan lập
(Đoàn kiểm tra, Ban chỉ đạo, Hội đồng, Tổ công tác…) ký "TM. ĐOÀN KIỂM TRA". Viết "TM." không có
dấu gạch chéo.

Đúng:
    TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH
    TM. ĐOÀN KIỂM TRA / TRƯỞNG ĐOÀN
Sai:
    KT. CHỦ TỊCH / PHÓ CHỦ TỊCH            (Ủy ban nhân dân thiếu TM.)
    T/M. ỦY BAN NHÂN DÂN

Căn cứ: Nghị định 30/2020/NĐ-CP, Phụ lục I (thẩm quyền ký).
"""
"""The rule's documentation in Vietnamese (`plangen check --explain`, the default language)."""
