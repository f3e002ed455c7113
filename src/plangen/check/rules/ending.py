"""ending: the content ends with "./.", then the recipients.

The last paragraph of the content ends with "./."; the recipients list ("Nơi nhận:") is present
(a plan issued with a decision may have none), each line reads "- …;" (a group "- Thường trực:"
may list its members "+ Tỉnh ủy;") and the last one "- Lưu: VT, …." ends with a full stop.

Good:
    … theo quy định./.        Nơi nhận: / - Bộ Công an; / - Lưu: VT, NC.
Bad:
    … theo quy định.          Nơi nhận: / - Bộ Công an / - Lưu VT

A "Nơi nhận:" line the reader could not make out as the list gets a note, not an error. A plan
issued with a decision (its "(Kèm theo Quyết định …)" line) that ends without "./." gets a warning:
the decision it is attached to ends the document's content.

Source: Nghị định 30/2020/NĐ-CP, Phụ lục I (nơi nhận: "- …;" each, the last "- Lưu: VT, …." with a
full stop) and the samples of Phụ lục III ("./." after the content).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from plangen.check.finding import NOTE, WARNING, Finding, finding
from plangen.check.view import PlanView, Where, fold
from plangen.i18n import _

ID = "ending"
SEVERITY = "error"
SOURCES = ("yaml", "docx")
FORMATS = ("state",)  # a Party document ends its recipients with "," and "- Lưu Văn phòng …."



def recipients_missing(view: PlanView, where: Where) -> Iterator[Finding]:
    """No recipients to judge: the list is missing or empty (a finding at `where`), or a "Nơi
    nhận:" line stands in a Word file but was not read as the list (a note: the rule cannot
    decide). Shared by the state's and the Party's ending rules."""
    if view.recipients_heading is None:
        if view.word is not None and any(fold(p.text[:30]).startswith("NƠI NHẬN") for p in view.word.paragraphs):
            yield finding(_("a “Nơi nhận:” line is there but was not read as the recipients list, so the "
                            "recipients were not checked"), where, NOTE)
        else:
            yield finding(_("the recipients list (“Nơi nhận:”) is missing"), where)
    elif not view.recipients:
        yield finding(_("the recipients list is empty"), view.recipients_heading.where)

def check(view: PlanView, config) -> Iterator[Finding]:
    last = view.last_content
    if last is not None and not last.text.rstrip().endswith("./."):
        if view.issued_with_decision:
            # the decision's content is the document's and ends with "./."; a plan attached to it
            # often ends without (as the Government's own attached plans do): a warning
            yield finding(_("the content of a plan issued with a decision usually ends with “./.”"),
                          last.where, WARNING)
        else:
            yield finding(_("the content should end with “./.”"), last.where)
    if view.issued_with_decision and not view.recipients:
        return
    missing = list(recipients_missing(view, last.where if last else Where(1, 1)))
    if missing:
        yield from missing
        return
    *others, archive = view.recipients
    for line in others:
        text = line.text.strip()
        if text.startswith("+") or text.endswith(":"):
            continue  # a group of recipients ("- Thường trực:") and its members ("+ Tỉnh ủy;")
        if not text.startswith(("-", "–")) or not text.endswith(";"):
            yield finding(_("each recipient reads “- …;” (found “{text}”)").format(text=text), line.where)
    text = archive.text.strip()
    if not re.match(r"^[-–]\s*Lưu\s*:\s*VT\b.*\.$", text):
        yield finding(_("the last recipient line reads “- Lưu: VT, ….” (found “{text}”)").format(text=text),
                      archive.where)


DOC_VI = """ending: nội dung kết thúc bằng "./.", sau đó là nơi nhận.

Đoạn cuối của nội dung kết thúc bằng "./."; có phần "Nơi nhận:"; mỗi nơi nhận viết "- …;" (một
nhóm "- Thường trực:" có thể kê các nơi "+ Tỉnh ủy;") và dòng cuối là "- Lưu: VT, …." kết thúc bằng
dấu chấm.

Đúng:
    … theo dõi, kiểm tra việc thực hiện kế hoạch này./.
    Nơi nhận: / - Bộ Công an; / - Lưu: VT, NC.
Sai:
    … thực hiện kế hoạch này.            (thiếu "./.")
    - Bộ Công an                          (thiếu ";")

Có dòng "Nơi nhận:" mà không đọc ra được danh sách thì chỉ ghi chú, không báo lỗi. Kế hoạch ban
hành kèm theo quyết định mà không kết thúc bằng "./." thì chỉ cảnh báo: nội dung văn bản kết thúc ở
quyết định.

Căn cứ: Nghị định 30/2020/NĐ-CP, Phụ lục I (nơi nhận: mỗi dòng "- …;", dòng cuối "- Lưu: VT, …." có
dấu chấm) và các mẫu ở Phụ lục III ("./." sau nội dung).
"""
"""The rule's documentation in Vietnamese (`plangen check --explain`, the default language)."""
