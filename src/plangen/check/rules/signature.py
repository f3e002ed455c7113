"""signature-authority: the signature block has a valid authority that fits the issuer.

The authority is one of TM. (on behalf of a collective), KT. (a deputy for the head), TL. (by
order), TUQ. (by authorisation), Q. (acting), written with a full stop and no slash: an error
otherwise. A ministry or department signs under its head (KT., TL., Q.), not TM. (an error) —
except for a collective body it set up (Đoàn kiểm tra, Ban chỉ đạo, Hội đồng, Tổ công tác…),
which signs as a collective: "TM. ĐOÀN KIỂM TRA". A People's Committee signs as a collective
("TM. ỦY BAN NHÂN DÂN", then "KT. CHỦ TỊCH" when a vice-chair signs); a plan the Chairman issues
in his own name ("Chủ tịch Ủy ban nhân dân tỉnh … ban hành Kế hoạch", "… của Chủ tịch UBND tỉnh")
is signed "KT. CHỦ TỊCH" without TM., and several provinces sign every plan so: without TM. and
without such words, a warning (practice differs), not an error. No signature block is an error,
but a Word file with a signer's line the reader could not place gets a note.

Good:
    TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH
    KT. CHỦ TỊCH / PHÓ CHỦ TỊCH            (a plan the Chairman issues: "Chủ tịch UBND tỉnh ban hành …")
    TM. ĐOÀN KIỂM TRA / TRƯỞNG ĐOÀN        (a department's inspection team)
Bad:
    T/M. ỦY BAN NHÂN DÂN                   (error: no slash)
    TM. SỞ Y TẾ / GIÁM ĐỐC                 (error: a department is not a collective body)
    KT. CHỦ TỊCH / PHÓ CHỦ TỊCH            (warning: a committee's own plan, without TM.)

Source: Nghị định 30/2020/NĐ-CP, Điều 13 (ký ban hành văn bản), Phụ lục I (thẩm quyền, chức vụ,
họ tên và chữ ký của người có thẩm quyền) and Phụ lục III (TM., KT., TL., TUQ., Q.); the Chairman's
own documents: Luật Tổ chức chính quyền địa phương.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from plangen.check.finding import NOTE, WARNING, Finding, finding
from plangen.check.view import PlanView, Where, fold
from plangen.i18n import _

ID = "signature-authority"
SEVERITY = "error"
SOURCES = ("yaml", "docx")
FORMATS = ("state",)  # a Party document signs "T/M BAN THƯỜNG VỤ" (Hướng dẫn 36-HD/VPTW)

AUTHORITY = re.compile(r"^(TM|KT|TL|TUQ|Q)\.\s*(.*)$", re.DOTALL)
SLASHED = re.compile(r"^(T|K|Q)/(M|T|L|)\.?")
COLLECTIVE = re.compile(r"^(?:ĐOÀN|BAN|HỘI ĐỒNG|TỔ|ỦY BAN|UỶ BAN|TẬP THỂ|THƯỜNG TRỰC)\b")
"""Collective bodies that sign "TM." even inside a ministry or department (ND30 Phụ lục I)."""
_COMMITTEE = r"(?:ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND)"
CHAIRMAN_ISSUES = re.compile(rf"(?:^|[,;:]\s+)CHỦ TỊCH\s+{_COMMITTEE}\b[^.;]{{0,80}}?\bBAN HÀNH\b")
"""The preamble's last words when the Chairman issues the plan: "Chủ tịch UBND tỉnh … ban hành …"."""
CHAIRMANS_PLAN = re.compile(rf"^\(?\s*(?:BAN HÀNH\s+)?KÈM THEO\b[^()]{{0,160}}?\bCỦA CHỦ TỊCH\s+{_COMMITTEE}\b")
"""An appendix or decision line naming the Chairman: "(Kèm theo Kế hoạch số … của Chủ tịch UBND tỉnh)"."""


def issued_by_the_chairman(view: PlanView) -> bool:
    if any(CHAIRMAN_ISSUES.search(fold(line.text[:400])) for line in view.preamble):
        return True
    lines = [*(x for x in (view.decision_line,) if x), *view.appendix_lines[:40]]
    return any(CHAIRMANS_PLAN.search(fold(line.text[:400])) for line in lines)


_SIGNER_LINE = re.compile(r"^(?:(?:TM|KT|TL|TUQ|Q|T/M|K/T|T/L)\.?\s+\S|(?:PHÓ\s+)?(?:CHỦ TỊCH|GIÁM ĐỐC|BỘ TRƯỞNG|"
                          r"THỨ TRƯỞNG|HIỆU TRƯỞNG|TRƯỞNG BAN|TRƯỞNG ĐOÀN|TỔNG GIÁM ĐỐC|CỤC TRƯỞNG|THỦ TƯỚNG)$)")


def _signature_like(view: PlanView) -> bool:
    """A Word file holding a line that looks like a signer's (an authority, a head's title)."""
    return view.word is not None and any(
        _SIGNER_LINE.match(fold(line)) for p in view.word.paragraphs for line in p.text[:300].split("\n"))


def no_block(view: PlanView) -> list[Finding] | None:
    """What the rules of both formats say when there is no signature block to judge (None when
    there is one): nothing for a plan whose decision carries it, a note when a signer's line was
    seen but not placed (it may be there), else that the block is missing."""
    if view.signature:
        return None
    if view.issued_with_decision:
        return []
    where = view.recipients[-1].where if view.recipients else (
        view.last_content.where if view.last_content else Where(1, 1))
    if _signature_like(view):
        return [finding(_("no signature block was found, so the signing authority was not checked"), where, NOTE)]
    return [finding(_("the signature block is missing"), where)]


def check(view: PlanView, config) -> Iterator[Finding]:
    missing = no_block(view)
    if missing is not None:
        yield from missing
        return
    first = view.signature[0]
    issuer = fold(view.issuer_text)
    committee = "ỦY BAN NHÂN DÂN" in issuer or "UỶ BAN NHÂN DÂN" in issuer or issuer.startswith("UBND")
    governed = bool(re.search(r"\b(SỞ|BỘ)\b", issuer))
    # "T/M." is TM. written with a slash: one finding (the slash), not a missing TM. as well
    m = AUTHORITY.match(SLASHED.sub(r"\1\2.", first.text.strip()))
    if committee and not governed:
        if not (m and m.group(1) == "TM") and not issued_by_the_chairman(view):
            yield finding(_("a People's Committee's plan is signed “TM. ỦY BAN NHÂN DÂN” above “KT. CHỦ TỊCH”; "
                            "“KT. CHỦ TỊCH” alone fits a plan the Chairman issues (“Chủ tịch Ủy ban nhân dân … ban "
                            "hành …”), and some provinces sign every plan so"), first.where, WARNING)
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
(quyền), viết có dấu chấm, không có dấu gạch chéo (sai là lỗi). Bộ, sở ký dưới người đứng đầu
(KT., TL., Q.), không ký TM. (lỗi) — trừ tập thể do cơ quan lập (Đoàn kiểm tra, Ban chỉ đạo, Hội
đồng, Tổ công tác…) ký "TM. ĐOÀN KIỂM TRA". Ủy ban nhân dân ký thay mặt tập thể ("TM. ỦY BAN NHÂN
DÂN", rồi "KT. CHỦ TỊCH" khi phó chủ tịch ký); kế hoạch do Chủ tịch ban hành ("Chủ tịch Ủy ban nhân
dân tỉnh … ban hành Kế hoạch", "… của Chủ tịch UBND tỉnh") ký "KT. CHỦ TỊCH" không có TM., và nhiều
tỉnh ký mọi kế hoạch như vậy: thiếu TM. mà không có những chữ ấy chỉ là cảnh báo (thực tiễn khác
nhau), không phải lỗi. Không có phần ký là lỗi; tệp Word có dòng giống dòng ký mà không đọc ra được
phần ký thì chỉ ghi chú.

Đúng:
    TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH
    KT. CHỦ TỊCH / PHÓ CHỦ TỊCH            (kế hoạch do Chủ tịch ban hành)
    TM. ĐOÀN KIỂM TRA / TRƯỞNG ĐOÀN
Sai:
    T/M. ỦY BAN NHÂN DÂN                   (lỗi: có dấu gạch chéo)
    TM. SỞ Y TẾ / GIÁM ĐỐC                 (lỗi: sở không phải tập thể)
    KT. CHỦ TỊCH / PHÓ CHỦ TỊCH            (cảnh báo: kế hoạch của Ủy ban, thiếu TM.)

Căn cứ: Nghị định 30/2020/NĐ-CP, Điều 13 (ký ban hành văn bản), Phụ lục I (thẩm quyền, chức vụ, họ
tên và chữ ký của người có thẩm quyền) và Phụ lục III (TM., KT., TL., TUQ., Q.); văn bản của Chủ
tịch: Luật Tổ chức chính quyền địa phương.
"""
"""The rule's documentation in Vietnamese (`plangen check --explain`, the default language)."""
