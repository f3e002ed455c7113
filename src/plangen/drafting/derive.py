"""`plangen derive`: a lower body's plan from a higher body's, its content the tasks the higher plan
gave to that body."""

from __future__ import annotations

import datetime as dt
import re

from plangen import vietnamese as vn
from plangen.drafting.new import _issuer_yaml, _signature_yaml, q
from plangen.errors import PlangenError
from plangen.i18n import _
from plangen.plan import models
from plangen.plan.schema import SCHEMA_LINE
from plangen.registry import Issuer, fold

_KINDS = ("xa", "phuong", "dac khu", "so", "phong", "ban", "nganh", "huyen", "tinh")


def in_group(body: str, agency: str) -> bool:
    """Is `body` ("xã An Khánh", "Sở Y tế") one of the group `agency` names ("Ủy ban nhân dân các
    xã, phường", "các Sở, ban, ngành", "cấp xã")?"""
    name = re.sub(r"^(ubnd|uy ban nhan dan)\s+", "", fold(body))
    kind = next((k for k in _KINDS if name.startswith(k + " ")), None)
    if kind is None:
        return False
    group = fold(agency)
    return bool(re.search(rf"\b(cac|cap)\b[^;.]{{0,60}}\b{kind}\b", group))


def names(body: str, agency: str) -> bool:
    """Is `body` the agency of a task, or one of the bodies it lists ("Bộ Công an, Bộ Quốc phòng"),
    or one of the group it names?"""
    wanted = fold(body)
    whole = fold(agency)
    listed = {fold(part) for part in re.split(r"[,;]|\s(?:và|với)\s", agency)}
    return wanted == whole or wanted in listed or whole.startswith(wanted) or in_group(body, agency)


def derive(higher: models.Plan, for_agency: str, issuer: Issuer) -> str:
    """A plan for `issuer` whose content is the tasks the higher plan gave to `for_agency`; what
    was assumed to find the issuer (its level, its province) is written as comments at the top."""
    from plangen.drafting import party
    from plangen.plan.tasks import task_rows

    party.refuse_reverse(higher, issuer)
    rows = []
    for row in task_rows(higher):
        # one task once, though both an assignment block and a sentence give it to the body
        if names(for_agency, row.agency) and all(fold(row.task) != fold(r.task) for r in rows):
            rows.append(row)
    if not rows:
        agencies = sorted({r.agency for r in task_rows(higher) if r.agency})
        raise PlangenError(_("no task of the plan is assigned to {name!r}; agencies: {list}").format(
            name=for_agency, list="; ".join(agencies)))
    symbol = vn.symbol(higher.issuer.code, higher.issuer.unit)
    number = vn.document_number(higher.number) if higher.number else "[số]"
    when = f" ngày {vn.date_numeric(higher.date)}" if higher.date else ""
    of = higher.issuer.full_name or " ".join(higher.issuer.name).title()
    summary_one_line = " ".join(higher.summary.split())
    own_summary = re.sub(rf"\b{higher.year}\b", "{{ year }}", summary_one_line)
    basis = f"Kế hoạch số {number}/{symbol}{when} của {of} về việc {summary_one_line}"
    if higher.issuer.format == models.DocumentFormat.party:  # cited with its own symbol: 12-KH/ĐU
        basis = f"{party.citation(higher)} về việc {summary_one_line}"
    issued = higher.issued_with
    if issued is not None and not issued.own_number:  # its number is the decision's: cited by it
        on = f" ngày {vn.date_numeric(issued.date)}" if issued.date else ""
        basis = (f"Kế hoạch ban hành kèm theo {issued.type_name} số {issued.number}{on} của {issued.by} "
                 f"về việc {summary_one_line}")
    lower_party = issuer.format == "party"
    issuer_yaml = party.issuer_yaml(issuer) if lower_party else _issuer_yaml(issuer)
    signature_yaml = party.signature_yaml(issuer) if lower_party else _signature_yaml(issuer)
    tasks = "\n".join(f"      - item: {q(r.task)}" for r in rows)
    dates = "\n".join(f"  {k}: {q(str(v) if not isinstance(v, dt.date) else vn.date_numeric(v))}"
                      for k, v in higher.variables.items())
    assumed = "".join(f"# {note}\n" for note in issuer.notes)
    return f"""{SCHEMA_LINE}
# Kế hoạch của {issuer.full_name} triển khai {basis.split(' về việc ')[0]},
# tạo bởi `plangen derive`: các nhiệm vụ ở mục II là nhiệm vụ cấp trên giao cho {rows[0].agency}.
# Thay mọi chỗ […] bằng nội dung thật.
{assumed}{issuer_yaml}
year: {higher.year}
summary: {q(own_summary)}
{"theme: " + q(higher.theme) if higher.theme else "# theme: "}
variables:
{dates or "  han_bao_cao: 15/12/" + str(higher.year)}
legal_bases:
  - {q(basis)}
preamble:
  - "Thực hiện {{{{ legal_bases[0] }}}}, {issuer.full_name} ban hành Kế hoạch thực hiện với những nội dung sau:"
sections:
  - kind: [purpose, requirements]
    content:
      - item: "[Mục đích, yêu cầu của đơn vị khi thực hiện]"
  - kind: content
    heading: NHIỆM VỤ TRỌNG TÂM
    content:
{tasks}
  - kind: assignments
    content:
      - agency: "[Phòng, đơn vị chủ trì]"
        tasks: ["[Chủ trì thực hiện các nhiệm vụ tại Mục II]"]
  - kind: funding
    content:
      - "[Nguồn kinh phí thực hiện]"
  - kind: implementation
    content:
      - item: "[Phân công theo dõi, đôn đốc; chế độ báo cáo {of}]"
recipients:
  - {q(of)}
  - "[Các phòng, đơn vị thực hiện]"
archive: {q(issuer.archive)}
{signature_yaml}
"""
