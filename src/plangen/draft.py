"""Drafting plans: a skeleton for any issuer, next year's plan from this year's, a lower body's
plan from a higher body's. Each result is YAML text that validates, builds and passes
`plangen check`; what a person must still decide is marked `[…]` or listed for review.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from plangen import models
from plangen import vietnamese as vn
from plangen.errors import PlangenError
from plangen.i18n import _
from plangen.registry import Issuer, fold

SCHEMA_LINE = ("# yaml-language-server: $schema=plan.schema.json\n"
               "# (the schema, written beside this file by plangen; `plangen schema > plan.schema.json` "
               "writes it again)")


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _issuer_yaml(issuer: Issuer) -> str:
    lines = ["issuer:"]
    if issuer.governing_body:
        lines.append(f"  governing_body: [{', '.join(q(x) for x in issuer.governing_body)}]")
    lines += [f"  name: [{', '.join(q(x) for x in issuer.name)}]", f"  full_name: {q(issuer.full_name)}",
              f"  code: {issuer.code}", f"  place: {q(issuer.place)}"]
    return "\n".join(lines)


def _signature_yaml(issuer: Issuer) -> str:
    if issuer.is_committee:  # ND30: a People's Committee signs on behalf of the collective
        return (f"signature:\n  authority: TM.\n  collective: {q(issuer.collective or '')}\n"
                f"  head: {q(issuer.head)}          # bỏ dòng này nếu {issuer.head.lower()} ký\n"
                f"  position: {q(issuer.deputy)}\n  name: \"\"                # [họ tên người ký]")
    return (f"signature:\n  authority: KT.               # ký thay người đứng đầu\n  head: {q(issuer.head)}\n"
            f"  position: {q(issuer.deputy)}\n  name: \"\"                # [họ tên người ký]")


def new_plan(issuer: Issuer, year: int, summary: str | None = None) -> str:
    """A complete skeleton: every required section, guidance in comments, placeholders in […]."""
    summary = summary or "[Tên kế hoạch] năm {{ year }}"
    return f"""{SCHEMA_LINE}
# Dự thảo kế hoạch năm {year} của {issuer.full_name}, tạo bởi `plangen new`.
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
  - "{issuer.full_name} ban hành Kế hoạch thực hiện với những nội dung sau:"
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


# --- next year ---------------------------------------------------------------------------

@dataclass
class ReviewItem:
    line: int
    message: str


DATE_VALUE = re.compile(r"^(\s*\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*)(\d{4})(\s*)$|^(\d{4})(-\d{1,2}-\d{1,2})$")


def _shift(value: str, years: int) -> str | None:
    """The same date written the same way, `years` later (29/02 → 28/02 when needed)."""
    m = DATE_VALUE.match(str(value))
    if not m:
        return None
    day = vn.parse_date(str(value))
    try:
        day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return str(value).replace("29", "28", 1).replace(str(day.year), str(day.year + years))
    if m.group(2):
        return f"{m.group(1)}{int(m.group(2)) + years}{m.group(3)}"
    return f"{int(m.group(4)) + years}{m.group(5)}"


def roll_forward(source: Path, year: int | None = None) -> tuple[str, list[ReviewItem]]:
    """Next year's draft of a plan file: comments and key order kept (ruamel round trip)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import ScalarString

    from plangen.load import load_plan

    plan = load_plan(source).plan  # refuse a broken source with located messages first
    target = year or plan.year + 1
    years = target - plan.year
    rt = YAML()
    rt.preserve_quotes = True
    rt.width = 4096
    rt.indent(mapping=2, sequence=4, offset=2)  # the layout of `plangen new` and the examples
    data = rt.load(source.read_text(encoding="utf-8"))
    notes: list[tuple[object, object, str]] = []  # (container, key, note)

    def mark(container, key, note: str) -> None:
        notes.append((container, key, note))

    data["year"] = target
    note = _("year {old} → {new}: every {{{{ year }}}} follows").format(old=plan.year, new=target)
    if "number" in data or "date" in data:
        note += "; " + _("last year's number and date removed (the draft blanks are printed)")
    mark(data, "year", note)
    if "issue_year" in data:
        data["issue_year"] = int(data["issue_year"]) + years
    for key in ("number", "date"):
        if key in data:
            del data[key]
    if "issued_with" in data:
        mark(data, "issued_with", _("the decision this plan is issued with is last year's: give the new one"))
    if "theme" in data:
        mark(data, "theme", _("theme of the year: confirm or replace it for {year}").format(year=target))
    if "legal_bases" in data:
        mark(data, "legal_bases", _("legal bases kept as they are: confirm they still apply, add the new ones"))
    for name, value in list((data.get("variables") or {}).items()):
        shifted = _shift(value, years) if isinstance(value, str) else None
        if shifted:
            data["variables"][name] = shifted
            mark(data["variables"], name, _("date moved to {new}: confirm").format(new=shifted))

    def literal_year(container, key, text: str) -> None:
        outside = re.sub(r"\{\{.*?\}\}", "", text)
        if re.search(rf"\b{plan.year}\b", outside):
            mark(container, key, _("this text writes {year} literally: is it the plan's year "
                                   "(then use {{{{ year }}}}) or another document's?").format(year=plan.year))

    def walk(node) -> None:
        items = node.items() if isinstance(node, CommentedMap) else enumerate(node)
        for key, value in list(items):
            shifted = _shift(value, years) if key == "deadline" and isinstance(value, str) else None
            if shifted:
                node[key] = shifted
                mark(node, key, _("deadline moved to {new}: confirm").format(new=shifted))
            elif key == "period" and isinstance(value, CommentedMap):
                for end in ("start", "end"):
                    moved = _shift(value[end], years) if isinstance(value.get(end), str) else None
                    if moved:
                        value[end] = moved
                mark(node, key, _("period moved one year: confirm"))
            elif isinstance(value, str):
                literal_year(node, key, value)
            elif isinstance(value, CommentedMap | CommentedSeq):
                walk(value)

    for key in ("summary", "preamble", "sections", "closing", "appendices"):
        if key in data:
            if isinstance(data[key], str):
                literal_year(data, key, data[key])
            else:
                walk(data[key])
    deferred: list[tuple[str, str]] = []  # block scalars: (their first words, note)
    for container, key, note in notes:
        value = container[key]
        if isinstance(value, ScalarString) and type(value).__name__ in ("FoldedScalarString",
                                                                           "LiteralScalarString"):
            deferred.append((str(value).split("\n")[0][:40], note))  # a comment would join the text
        else:
            _add_note(container, key, f"REVIEW: {note}")
    buf = io.StringIO()
    rt.dump(data, buf)
    body = buf.getvalue()
    body_lines = body.splitlines()
    review = [ReviewItem(n + 1, line.split("# REVIEW: ", 1)[1].strip())
              for n, line in enumerate(body_lines) if "# REVIEW: " in line]
    start = 0
    for words, note in deferred:
        at = next((n for n in range(start, len(body_lines)) if words[:30] in body_lines[n]), None)
        if at is not None:
            review.append(ReviewItem(at + 1, note))
            start = at + 1
    review.sort(key=lambda r: r.line)
    header = [f"# REVIEW — {len(review)} " + _("points to confirm before this plan is issued:")]
    shift = len(review) + 2  # the lines of this header
    word = _("line")
    header += [f"#   {word} {r.line + shift}: {r.message}" for r in review]
    header.append("#")
    review = [ReviewItem(r.line + shift, r.message) for r in review]
    lines = body.splitlines(keepends=True)
    head = []
    while lines and lines[0].startswith("# yaml-language-server"):  # the schema line stays first
        head.append(lines.pop(0))
    return "".join(head) + "\n".join(header) + "\n" + "".join(lines), review


def _add_note(container, key, note: str) -> None:
    """An end-of-line comment that keeps the author's own comment on that line (after ours)."""
    slot = 0 if isinstance(container, list) else 2
    entry = container.ca.items.get(key)
    token = entry[slot] if entry and len(entry) > slot else None
    if token is None:
        container.yaml_add_eol_comment(note, key)
    elif token.value.startswith("\n"):  # comment lines below the value: ours goes on the value's line
        token.value = f" # {note}{token.value}"
    else:  # the author's comment on the same line: ours first, then theirs
        token.value = f"# {note} — {token.value.lstrip().removeprefix('#').lstrip()}"


# --- a lower body's plan -----------------------------------------------------------------

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


def derive(higher: models.Plan, for_agency: str, issuer: Issuer) -> str:
    """A plan for `issuer` whose content is the tasks the higher plan gave to `for_agency`."""
    from plangen.tasks import task_rows

    wanted = fold(for_agency)
    rows = [r for r in task_rows(higher) if wanted == fold(r.agency) or wanted in fold(r.agency).split(" , ")
            or fold(r.agency).startswith(wanted) or in_group(for_agency, r.agency)]
    if not rows:
        agencies = sorted({r.agency for r in task_rows(higher)})
        raise PlangenError(_("no task of the plan is assigned to {name!r}; agencies: {list}").format(
            name=for_agency, list="; ".join(agencies)))
    symbol = vn.symbol(higher.issuer.code, higher.issuer.unit)
    number = vn.two_digits_if_small(higher.number) if higher.number else "[số]"
    when = f" ngày {vn.date_numeric(higher.date)}" if higher.date else ""
    of = higher.issuer.full_name or " ".join(higher.issuer.name).title()
    summary_one_line = " ".join(higher.summary.split())
    own_summary = re.sub(rf"\b{higher.year}\b", "{{ year }}", summary_one_line)
    basis = f"Kế hoạch số {number}/{symbol}{when} của {of} về việc {summary_one_line}"
    tasks = "\n".join(f"      - item: {q(r.task)}" for r in rows)
    dates = "\n".join(f"  {k}: {q(str(v) if not isinstance(v, dt.date) else vn.date_numeric(v))}"
                      for k, v in higher.variables.items())
    return f"""{SCHEMA_LINE}
# Kế hoạch của {issuer.full_name} triển khai {basis.split(' về việc ')[0]},
# tạo bởi `plangen derive`: các nhiệm vụ ở mục II là nhiệm vụ cấp trên giao cho {rows[0].agency}.
# Thay mọi chỗ […] bằng nội dung thật.
{_issuer_yaml(issuer)}
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
archive: VT
{_signature_yaml(issuer)}
"""


def placeholders(text: str) -> list[tuple[int, str]]:
    """(line, what) still to fill in a draft: its `[…]` placeholders and an empty signer name,
    found as `plangen check` and `plangen todo` find them (plangen.placeholders)."""
    from plangen.placeholders import todo_in_yaml

    return [(t.line, t.text if t.kind == "placeholder" else _(t.text)) for t in todo_in_yaml(text)
            if t.kind != "review"]
