"""`plangen new`: a complete skeleton of a plan for any issuer, YAML that validates, builds and
passes `plangen check`, with what a person must still decide marked `[…]`."""

from __future__ import annotations

from plangen.drafting.yamltext import _comment, q, t
from plangen.i18n import _
from plangen.plan.schema import SCHEMA_LINE
from plangen.registry import Issuer


def _issuer_yaml(issuer: Issuer) -> str:
    lines = ["issuer:"]
    if issuer.governing_body:
        lines.append(f"  governing_body: [{', '.join(t(x) for x in issuer.governing_body)}]")
    lines += [f"  name: [{', '.join(t(x) for x in issuer.name)}]", f"  full_name: {t(issuer.full_name)}",
              f"  code: {q(issuer.code)}", f"  place: {t(issuer.place)}"]
    if issuer.province:  # not printed: which commune of that name it is, for derive and check
        lines.append(f"  province: {t(issuer.province)}")
    return "\n".join(lines)


def _signature_yaml(issuer: Issuer) -> str:
    if issuer.is_committee:  # ND30: a People's Committee signs on behalf of the collective
        return (f"signature:\n  authority: TM.\n  collective: {t(issuer.collective or '')}\n"
                f"  head: {t(issuer.head)}          # bỏ dòng này nếu {_comment(issuer.head.lower())} ký\n"
                f"  position: {t(issuer.deputy)}\n  name: \"\"                # [họ tên người ký]")
    return (f"signature:\n  authority: KT.               # ký thay người đứng đầu\n  head: {t(issuer.head)}\n"
            f"  position: {t(issuer.deputy)}\n  name: \"\"                # [họ tên người ký]")


def new_plan(issuer: Issuer, year: int, summary: str | None = None) -> str:
    """A complete skeleton: every required section, guidance in comments, placeholders in […]."""
    if issuer.format == "party":  # a Party committee's plan, in the Party's format
        from plangen.drafting.party import new_party_plan

        return new_party_plan(issuer, year, summary)
    summary = summary or "[Tên kế hoạch] năm {{ year }}"
    return f"""{SCHEMA_LINE}
# Dự thảo kế hoạch năm {year} của {_comment(issuer.full_name)}, tạo bởi `plangen new`.
# Thay mọi chỗ […] bằng nội dung thật; số và ngày ban hành để trống đến khi ký.
{_issuer_yaml(issuer)}
year: {year}
# number: 1            # số văn bản, khi ban hành
# date: 15/01/{year}   # ngày ban hành
summary: {q(summary)}
# theme: "[chủ đề của năm]"
variables:
  han_bao_cao: 15/12/{year}   # hạn báo cáo kết quả (đổi theo lịch của kế hoạch)
legal_bases:
  - "[Văn bản làm căn cứ: số, ký hiệu, ngày, cơ quan ban hành, trích yếu]"
preamble:
  - {t(issuer.full_name + " ban hành Kế hoạch thực hiện với những nội dung sau:")}
sections:
  - kind: [purpose, requirements]   # MỤC ĐÍCH, YÊU CẦU
    content:
      - item: "[Mục đích của kế hoạch]"
      - item: "[Yêu cầu đối với việc thực hiện]"
  - kind: content                   # NỘI DUNG TRỌNG TÂM: các nhiệm vụ, giải pháp
    content:
      - title: "[Nhóm nhiệm vụ thứ nhất]"
        content:
          - point: "[Nhiệm vụ cụ thể]"
          - point: "[Nhiệm vụ cụ thể]"
  - kind: assignments               # PHÂN CÔNG NHIỆM VỤ: mỗi cơ quan một mục
    content:
      - agency: "[Cơ quan chủ trì]"
        tasks:
          - text: "[Nhiệm vụ được giao]"
            deadline: 30/09/{year}
      - agency: "[Cơ quan không thuộc quyền quản lý]"
        request: true               # in "Đề nghị …"
        layout: inline
        tasks: ["[Nội dung đề nghị phối hợp]"]
  - kind: funding                   # KINH PHÍ THỰC HIỆN
    content:
      - "[Nguồn kinh phí thực hiện kế hoạch]"
  - kind: implementation            # TỔ CHỨC THỰC HIỆN
    content:
      - item: "[Cơ quan đầu mối theo dõi, đôn đốc việc thực hiện]"
      - item: "Các cơ quan, đơn vị báo cáo kết quả thực hiện trước ngày {{{{ han_bao_cao | dmy }}}}."
recipients:
  - "[Cơ quan cấp trên]"
  - "[Các cơ quan, đơn vị thực hiện]"
archive: VT
{_signature_yaml(issuer)}
"""


def placeholders(text: str) -> list[tuple[int, str]]:
    """(line, what) still to fill in a draft: its `[…]` placeholders and an empty signer name,
    found as `plangen check` and `plangen todo` find them (plangen.plan.placeholders)."""
    from plangen.plan.placeholders import todo_in_yaml

    return [(t.line, t.text if t.kind == "placeholder" else _(t.text)) for t in todo_in_yaml(text)
            if t.kind != "review"]
