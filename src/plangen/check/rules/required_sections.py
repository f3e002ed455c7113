"""required-sections: a plan has the parts plans usually have (a warning).

A plan needs, by default: its purpose/requirements (mục đích, yêu cầu), its content or tasks
(nội dung, nhiệm vụ), the assignment of agencies (phân công), and how it is implemented (tổ chức
thực hiện). Headings are recognised by meaning, not one wording: "CÔNG TÁC TRỌNG TÂM",
"NỘI DUNG TRỌNG TÂM VÀ PHÂN CÔNG TRÁCH NHIỆM", "NHIỆM VỤ TRỌNG TÂM VÀ PHÂN CÔNG THỰC HIỆN"…
Work given to agencies counts as the assignment part whatever shape it takes: items naming
agencies ("2. Công an tỉnh …"), sentences ("Giao Sở Tư pháp tham mưu …", "Sở Nội vụ có trách
nhiệm …", "Trường THPT … xây dựng kế hoạch") in any section, or a task table with a "Chủ trì"
column (a task matrix: its agency column) in the body or an appendix. The decree does not
list a plan's parts, so a missing part is a warning (an office can make it an error with
`severity`); the list can be changed per office with
`required-sections` in the settings. A Word file in which no numbered section is found gets a
note: its parts could not be checked.

Good:
    I. MỤC ĐÍCH, YÊU CẦU / II. NỘI DUNG TRỌNG TÂM VÀ PHÂN CÔNG TRÁCH NHIỆM / III. TỔ CHỨC THỰC HIỆN
    I. … / II. NHIỆM VỤ (… "- Giao Công an tỉnh chủ trì …") / III. TỔ CHỨC THỰC HIỆN
Bad:
    I. MỤC ĐÍCH, YÊU CẦU / II. TỔ CHỨC THỰC HIỆN        (no content, no agency given work)

Source: practice of plans; Nghị định 30/2020/NĐ-CP, Phụ lục I (nội dung văn bản) leaves a plan's
parts to the issuer.
"""

from __future__ import annotations

from collections.abc import Iterator

from plangen.check.finding import NOTE, WARNING, Finding, finding
from plangen.check.read import assigned_work
from plangen.check.view import PlanView
from plangen.i18n import _

ID = "required-sections"
SEVERITY = WARNING
SOURCES = ("yaml", "docx")

ALIASES = {"purpose": {"purpose", "requirements", "objectives"}, "content": {"content", "assignments"}}
NAMES = {
    "purpose": "mục đích, yêu cầu", "requirements": "yêu cầu", "objectives": "mục tiêu",
    "theme": "chủ đề", "content": "nội dung, nhiệm vụ", "assignments": "phân công nhiệm vụ",
    "funding": "kinh phí", "implementation": "tổ chức thực hiện", "reporting": "chế độ báo cáo",
    "other": "khác",
}


def check(view: PlanView, config) -> Iterator[Finding]:
    present: set[str] = set()
    for section in view.sections:
        present |= section.kinds
    where = view.start_of_sections()
    if not view.sections:
        yield finding(_("no numbered sections (I., II., …) were found, so the plan's parts were not checked"),
                      where, NOTE if view.source == "docx" else "")
        return
    for required in config.required_sections:
        if required == "funding":
            continue  # the funding-section rule speaks of funding
        accepted = ALIASES.get(required, {required})
        if present & accepted:
            continue
        if required == "assignments" and assigned_work(view) is not None:
            continue  # agencies are given work in sentences or in a task table
        yield finding(_("the plan has no section for {part}: plans usually have one (the decree leaves a "
                        "plan's parts to the issuer)").format(part=NAMES.get(required, required)), where)


DOC_VI = """required-sections: kế hoạch có các phần thường có (cảnh báo).

Mặc định kế hoạch cần: mục đích, yêu cầu; nội dung hoặc nhiệm vụ; phân công các cơ quan; tổ chức
thực hiện. Tiêu đề được nhận ra theo nghĩa, không theo một cách viết ("CÔNG TÁC TRỌNG TÂM", "NỘI
DUNG TRỌNG TÂM VÀ PHÂN CÔNG TRÁCH NHIỆM"…). Việc giao cho cơ quan dưới bất kỳ hình thức nào cũng là
phần phân công: mục nêu tên cơ quan ("2. Công an tỉnh …"), câu văn ("Giao Sở Tư pháp tham mưu …",
"Sở Nội vụ có trách nhiệm …") ở bất kỳ phần nào, hoặc bảng nhiệm vụ có cột "Chủ trì" (cột cơ
quan chủ trì của bảng phân công nhiệm vụ) ở phần nội dung hay ở phụ lục.
Nghị định không quy định các phần của kế hoạch, nên thiếu một phần là cảnh báo (cơ quan có thể đặt
thành lỗi bằng `severity`); danh sách có thể đổi trong thiết lập. Tệp Word không tìm thấy phần đánh
số nào thì có ghi chú: không kiểm tra được các phần.

Đúng:
    I. MỤC ĐÍCH, YÊU CẦU / II. NỘI DUNG TRỌNG TÂM VÀ PHÂN CÔNG TRÁCH NHIỆM / III. TỔ CHỨC THỰC HIỆN
    I. … / II. NHIỆM VỤ (… "- Giao Công an tỉnh chủ trì …") / III. TỔ CHỨC THỰC HIỆN
Sai:
    I. MỤC ĐÍCH, YÊU CẦU / II. TỔ CHỨC THỰC HIỆN        (thiếu nội dung, không giao việc cho cơ quan nào)

Căn cứ: thực tiễn kế hoạch; Nghị định 30/2020/NĐ-CP, Phụ lục I (nội dung văn bản) để cơ quan ban
hành tự định các phần của kế hoạch.
"""
"""The rule's documentation in Vietnamese (`plangen check --explain`, the default language)."""
