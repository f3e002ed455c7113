"""required-sections: a plan has its required parts.

A plan needs, by default: its purpose/requirements (mục đích, yêu cầu), its content or tasks
(nội dung, nhiệm vụ), the assignment of agencies (phân công), and how it is implemented (tổ chức
thực hiện). Headings are recognised by meaning, not one wording: "CÔNG TÁC TRỌNG TÂM",
"NỘI DUNG TRỌNG TÂM VÀ PHÂN CÔNG TRÁCH NHIỆM", "NHIỆM VỤ TRỌNG TÂM VÀ PHÂN CÔNG THỰC HIỆN"…;
a section whose numbered items name agencies ("2. Công an tỉnh …") assigns tasks whatever its
heading says (plans often assign agencies inside "TỔ CHỨC THỰC HIỆN"). The list can be changed
per office with `required-sections` in the settings.

Good:
    I. MỤC ĐÍCH, YÊU CẦU / II. NỘI DUNG TRỌNG TÂM VÀ PHÂN CÔNG TRÁCH NHIỆM / III. TỔ CHỨC THỰC HIỆN
Bad:
    I. MỤC ĐÍCH, YÊU CẦU / II. TỔ CHỨC THỰC HIỆN        (no content, no assignments)

Source: practice of plans (Nghị định 30/2020/NĐ-CP does not list a plan's sections).
"""

from __future__ import annotations

from collections.abc import Iterator

from plangen.check.finding import Finding, finding
from plangen.check.view import PlanView
from plangen.i18n import _

ID = "required-sections"
SEVERITY = "error"
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
        yield finding(_("no numbered sections (I., II., …) were found"), where)
        return
    for required in config.required_sections:
        if required == "funding":
            continue  # the funding-section rule speaks of funding
        accepted = ALIASES.get(required, {required})
        if not present & accepted:
            yield finding(_("the plan has no section for {part}").format(part=NAMES.get(required, required)),
                          where)


DOC_VI = """required-sections: kế hoạch có đủ các phần cần thiết.

Mặc định kế hoạch cần: mục đích, yêu cầu; nội dung hoặc nhiệm vụ; phân công các cơ quan; tổ chức
thực hiện. Tiêu đề được nhận ra theo nghĩa, không theo một cách viết ("CÔNG TÁC TRỌNG TÂM", "NỘI
DUNG TRỌNG TÂM VÀ PHÂN CÔNG TRÁCH NHIỆM"…); phần có các mục giao việc cho cơ quan ("2. Công an
tỉnh …", "Giao Sở …") là phần phân công, dù tiêu đề là gì. Danh sách có thể đổi trong thiết lập.

Đúng:
    I. MỤC ĐÍCH, YÊU CẦU / II. NỘI DUNG TRỌNG TÂM VÀ PHÂN CÔNG TRÁCH NHIỆM / III. TỔ CHỨC THỰC HIỆN
Sai:
    I. MỤC ĐÍCH, YÊU CẦU / II. TỔ CHỨC THỰC HIỆN        (thiếu nội dung, phân công)

Căn cứ: thực tiễn kế hoạch (Nghị định 30/2020/NĐ-CP không quy định các phần của kế hoạch).
"""
"""The rule's documentation in Vietnamese (`plangen check --explain`, the default language)."""
