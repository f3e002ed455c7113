"""The Party's layout (Hướng dẫn 36-HD/VPTW) of a plan, as data for the Party template.

A Party committee's plan (Đảng ủy, chi bộ, Tỉnh ủy) differs from a state body's in its header and
ending only: top right the title "ĐẢNG CỘNG SẢN VIỆT NAM" with a rule as long as it, top left the
superior đảng bộ, the issuing body and a star, the symbol `Số 12-KH/ĐU` (no colon, hyphen, slash),
five hyphens under the summary, recipients ending in "," and the file line "- Lưu Văn phòng …."
with no colon, and the signing forms T/M, K/T, T/L. `party_context` turns the state context of
`layout.build_context` into the Party's; templates/party.docx places it (scripts/make_template.py).

Where the guide could not be confirmed (../shared/spec/hd36.md "unconfirmed"), the Party's own
practice is followed, as the real plans of a commune Party committee show it (docs/party.md).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from plangen import vietnamese as vn
from plangen.document.measure import mm, text_width_twips
from plangen.plan import models, wording

PARTY_TITLE = vn.PARTY_TITLE
STAR = "*"
SUMMARY_MARK = "-----"  # under the summary, in the practice of Party offices (unconfirmed in the guide)
GUIDE = "Hướng dẫn 36-HD/VPTW"
HEADER_LEFT = mm(75)  # the bodies at 14 pt need more room than a state body's 13 pt
HEADER_RIGHT = mm(90)
TITLE_PT = 15


def is_party(plan: models.Plan) -> bool:
    return plan.issuer.format == models.DocumentFormat.party


def number_line(number: int | str | None, code: str) -> str:
    """`Số 12-KH/ĐU`: no colon after "Số" (36-HD/VPTW, 1.3)."""
    return f"Số {wording.party_number_text(number, code)}"


def recipients(plan: models.Plan, own_number: bool) -> list[str]:
    """`- …,` each, then `- Lưu Văn phòng Đảng uỷ.` (no colon, no VT)."""
    out = [f"- {r.strip().removeprefix('- ').rstrip(';,. ')}," for r in plan.recipients]
    if plan.recipients or own_number:
        archive = plan.archive.strip().rstrip(".")
        out.append(f"- Lưu {archive.removeprefix('Lưu').strip()}.")
    return out


def party_context(context: dict[str, Any], plan: models.Plan, rule: Callable) -> dict[str, Any]:
    """The Party's header and ending in place of the state's (the body is laid out alike); `rule`
    makes a rule of a share of a text's width, centred in a column (layout._rule)."""
    header = context["header"]
    title_width = text_width_twips(PARTY_TITLE, TITLE_PT, bold=True)
    header.update({
        "national_title": "", "motto": "", "motto_rule": "", "issuer_rule": "",
        "party_title": PARTY_TITLE, "party_rule": rule(HEADER_RIGHT, title_width, 1.0), "star": STAR,
        "number_line": number_line(plan.number, plan.issuer.code),
    })
    context["summary_mark"] = SUMMARY_MARK
    context["recipients"] = recipients(plan, header["show_number"])
    for laid, appendix in zip(context["appendices"], plan.appendices, strict=True):
        laid["header"] = appendix.header
    context["guide"] = GUIDE
    return context
