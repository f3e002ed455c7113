"""Drafting a Party committee's plan (Hướng dẫn 36-HD/VPTW): the skeleton of `plangen new --issuer
dang-uy`, the state body's plan that implements it (`plangen derive`), and what `new --from` says
of its number.

A commune's Party committee usually plans first and its People's Committee implements: `derive`
makes the UBND's plan from the Party committee's, never the reverse (a Party committee leads the
state bodies of its level; it does not implement their plans). A Party committee numbers each
type of document from 01 through its whole term (from one congress to the next), not from 01 each
year: next year's draft leaves the number blank for the next one in the series.
"""

from __future__ import annotations

import re

from plangen import vietnamese as vn
from plangen.drafting.yamltext import _comment, q, t
from plangen.errors import PlangenError
from plangen.i18n import N_, _
from plangen.importer.base import literal
from plangen.plan import models
from plangen.plan.schema import SCHEMA_LINE
from plangen.registry import Issuer

TERM_NOTE = N_("Party documents are numbered through the committee's term (from 01 after the congress), not "
               "each year: give this plan the next number of the series when it is issued")
"""Said by `new --from` of a Party plan (the number is cleared, as in every draft)."""


def issuer_yaml(issuer: Issuer) -> str:
    lines = ["issuer:", "  format: party                 # thể thức văn bản của Đảng (Hướng dẫn 36-HD/VPTW)"]
    if issuer.governing_body:
        lines.append(f"  governing_body: [{', '.join(t(x) for x in issuer.governing_body)}]   # cấp trên: đảng bộ")
    lines += [f"  name: [{', '.join(t(x) for x in issuer.name)}]", f"  full_name: {t(issuer.full_name)}",
              f"  code: {issuer.code}                      # Số …-KH/{issuer.code}", f"  place: {t(issuer.place)}"]
    return "\n".join(lines)


def signature_yaml(issuer: Issuer) -> str:
    return (f"signature:\n  authority: T/M                 # thay mặt tập thể (không viết TM.)\n"
            f"  collective: {t(issuer.collective or '')}\n"
            f"  position: {t(issuer.head)}          # hoặc {_comment(issuer.deputy)}: cấp phó vẫn ký T/M,"
            " không ký K/T\n"
            f"  name: \"\"                # [họ tên người ký]")


def new_party_plan(issuer: Issuer, year: int, summary: str | None = None) -> str:
    """A Party committee's skeleton: every required section, in the Party's format."""
    summary = summary or "[tên kế hoạch, viết thường] năm {{ year }}"
    return f"""{SCHEMA_LINE}
# Dự thảo kế hoạch năm {year} của {_comment(issuer.full_name)}, tạo bởi `plangen new` (thể thức văn bản của Đảng).
# Thay mọi chỗ […] bằng nội dung thật. Số văn bản của cấp uỷ đánh liên tục trong cả nhiệm kỳ (từ 01 sau
# đại hội), không bắt đầu lại mỗi năm: khi ban hành, ghi số tiếp theo của loại văn bản này.
{issuer_yaml(issuer)}
year: {year}
# number: 1            # số tiếp theo trong nhiệm kỳ (in `Số 01-KH/{issuer.code}`), khi ban hành
# date: 15/01/{year}   # ngày ban hành
summary: {q(summary)}
variables:
  han_bao_cao: 15/12/{year}   # hạn báo cáo kết quả
preamble:
  - {q("Thực hiện [văn bản của cấp trên: số …-CT/TW, ngày … của … về …], " + literal(issuer.full_name)
       + " ban hành Kế hoạch [tên kế hoạch] năm {{ year }}, như sau:")}
sections:
  - kind: [purpose, requirements]   # MỤC ĐÍCH, YÊU CẦU
    content:
      - item: "[Mục đích của kế hoạch]"
      - item: "[Yêu cầu đối với các tổ chức đảng, đảng viên]"
  - kind: content                   # NỘI DUNG, NHIỆM VỤ
    heading: NỘI DUNG, NHIỆM VỤ
    content:
      - title: "[Nhóm nhiệm vụ thứ nhất]"
        content:
          - point: "[Nhiệm vụ cụ thể]"
          - point: "[Nhiệm vụ cụ thể]"
  - kind: [assignments, implementation]   # TỔ CHỨC THỰC HIỆN: mỗi cơ quan, tổ chức một mục
    heading: TỔ CHỨC THỰC HIỆN
    content:
      - agency: "[Cơ quan tham mưu, giúp việc cấp uỷ]"
        tasks:
          - text: "[Nhiệm vụ được giao]"
            deadline: 30/09/{year}
      - agency: "[Các tổ chức đảng trực thuộc]"
        tasks: ["[Quán triệt, xây dựng kế hoạch thực hiện]; báo cáo kết quả trước ngày {{{{ han_bao_cao | dmy }}}}."]
      - item: "Kinh phí thực hiện: [nguồn kinh phí]"
recipients:
  - "[Cấp uỷ cấp trên] (báo cáo)"
  - "[Các đồng chí cấp uỷ viên]"
  - "[Các tổ chức đảng trực thuộc]"
archive: {t(issuer.archive)}        # in `- Lưu {_comment(issuer.archive)}.`
{signature_yaml(issuer)}
"""


def _commune_of(plan: models.Plan) -> str | None:
    """`xã Công Hải` from a commune Party committee's name (ĐẢNG UỶ XÃ CÔNG HẢI)."""
    m = re.match(r"^(?:ĐẢNG (?:ỦY|UỶ)|CHI BỘ)\s+(XÃ|PHƯỜNG|ĐẶC KHU)\s+(.+)$", vn.upper(" ".join(plan.issuer.name)))
    if not m:
        return None
    return f"{m.group(1).lower()} {m.group(2).title()}"


_UBND = re.compile(r"^\s*(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân)(?:\s+(?:xã|phường|đặc khu))?\s*$", re.IGNORECASE)


def lower_body_key(higher: models.Plan, for_agency: str) -> str:
    """The registry key of the body a plan is derived for: the commune's People's Committee when a
    commune Party committee's plan gives tasks to "UBND xã" (the same commune), else `for_agency`."""
    if higher.issuer.format == models.DocumentFormat.party and _UBND.match(for_agency):
        commune = _commune_of(higher)
        if commune:
            return commune
    return for_agency


def province_of(higher: models.Plan) -> str | None:
    """The province of a Party committee's plan: its superior đảng bộ ("ĐẢNG BỘ TỈNH KHÁNH HÒA"),
    where the lower body is looked for when no --province is given (the plan's place is a commune)."""
    if higher.issuer.format != models.DocumentFormat.party:
        return None
    for line in higher.issuer.governing_body:
        m = re.match(r"^\s*ĐẢNG BỘ\s+((?:TỈNH|THÀNH PHỐ)\s+.+)$", line.strip(), re.IGNORECASE)
        if m:
            return m.group(1)
    return None


def refuse_reverse(higher: models.Plan, lower: Issuer) -> None:
    """A Party committee's plan is never derived from a state body's plan."""
    if lower.format == "party" and higher.issuer.format != models.DocumentFormat.party:
        raise PlangenError(_("a Party committee's plan is not derived from a state body's plan: state bodies "
                             "implement the Party committee's plans, not the reverse; write it with `plangen new "
                             "--issuer dang-uy …`, or derive the state body's plan from the Party's"))


def citation(higher: models.Plan) -> str:
    """`Kế hoạch số 12-KH/ĐU, ngày 18/9/2025 của Ban Thường vụ Đảng uỷ xã Công Hải` (a Party
    document is cited with its own symbol, a comma before "ngày")."""
    number = vn.two_digits_if_small(higher.number) if higher.number else "[số]"
    when = f", ngày {vn.date_numeric(higher.date)}" if higher.date else ""
    of = higher.issuer.full_name or " ".join(higher.issuer.name).title()
    return f"Kế hoạch số {number}-{vn.PLAN_TYPE_CODE}/{higher.issuer.code}{when} của {of}"
