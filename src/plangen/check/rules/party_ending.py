"""party-ending: the recipients of a Party document (Hướng dẫn 36-HD/VPTW, nơi nhận).

"Nơi nhận:" and one recipient a line, each "- …," ending with a comma; the last line is the
file copy "- Lưu Văn phòng Đảng uỷ." (or "- Lưu VPĐU."), ending with a full stop, written
without a colon and without "VT" (the state form "- Lưu: VT, …" is a warning here). The commas
and the file line follow the practice of Party offices; the guide's wording is not confirmed,
so these are warnings; a missing list is an error.

Good:
    Nơi nhận: / - Ban Thường vụ Tỉnh uỷ (báo cáo), / - Lưu Văn phòng Đảng uỷ.
Bad:
    Nơi nhận: / - Ban Thường vụ Tỉnh uỷ; / - Lưu: VT.

Source: Hướng dẫn 36-HD/VPTW, II.1 (nơi nhận), as Party committees apply it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from plangen.check.finding import WARNING, Finding, finding
from plangen.check.rules.ending import recipients_missing
from plangen.check.view import PlanView, Where
from plangen.i18n import _

ID = "party-ending"
SEVERITY = "error"
SOURCES = ("yaml", "docx")
FORMATS = ("party",)


def check(view: PlanView, config) -> Iterator[Finding]:
    if view.issued_with_decision and not view.recipients:
        return
    last = view.last_content
    missing = list(recipients_missing(view, last.where if last else Where(1, 1)))
    if missing:
        yield from missing
        return
    *others, archive = view.recipients
    for line in others:
        text = line.text.strip()
        if not text.startswith(("-", "–")) or not text.endswith(","):
            yield finding(_("each recipient of a Party document reads “- …,” (found “{text}”)").format(text=text),
                          line.where, WARNING)
    text = archive.text.strip()
    if not re.match(r"^[-–]\s*Lưu\b", text):
        yield finding(_("the last recipient line is the file copy “- Lưu Văn phòng ….” (found “{text}”)").format(
            text=text), archive.where, WARNING)
    elif re.match(r"^[-–]\s*Lưu\s*:", text) or re.search(r"\bVT\b", text):
        yield finding(_("a Party document writes “- Lưu Văn phòng ….” without a colon or VT (found “{text}”)").format(
            text=text), archive.where, WARNING)
    elif not text.endswith("."):
        yield finding(_("the file line ends with a full stop (found “{text}”)").format(text=text), archive.where,
                      WARNING)


DOC_VI = """party-ending: nơi nhận của văn bản của Đảng (Hướng dẫn 36-HD/VPTW).

Có "Nơi nhận:", mỗi nơi một dòng "- …," kết thúc bằng dấu phẩy; dòng cuối là bản lưu "- Lưu Văn
phòng Đảng uỷ." (hoặc "- Lưu VPĐU."), kết thúc bằng dấu chấm, không có dấu hai chấm, không ghi "VT"
(dạng "- Lưu: VT, …" của văn bản hành chính được cảnh báo). Dấu phẩy và dòng lưu theo thực tiễn các
cơ quan Đảng (chưa xác nhận được câu chữ của Hướng dẫn) nên là cảnh báo; thiếu nơi nhận là lỗi.

Đúng:
    Nơi nhận: / - Ban Thường vụ Tỉnh uỷ (báo cáo), / - Lưu Văn phòng Đảng uỷ.
Sai:
    Nơi nhận: / - Ban Thường vụ Tỉnh uỷ; / - Lưu: VT.

Căn cứ: Hướng dẫn 36-HD/VPTW, II.1 (nơi nhận), theo thực tiễn các cấp ủy.
"""
"""The rule's documentation in Vietnamese (`plangen check --explain`, the default language)."""
