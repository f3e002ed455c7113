"""Party committees as issuers (Hướng dẫn 36-HD/VPTW): Tỉnh ủy, Đảng ủy xã/phường, chi bộ and
their Ban Thường vụ, from registry/data/party.yaml.

`resolve_party("dang-uy", commune="xã Công Hải", province="khanh-hoa")` gives what a Party plan's
header and signature need: the superior named as its đảng bộ (ĐẢNG BỘ TỈNH KHÁNH HOÀ), the body
(ĐẢNG UỶ XÃ CÔNG HẢI), the symbol code (ĐU), the place (Công Hải), the collective it signs for
(T/M BAN THƯỜNG VỤ / BÍ THƯ) and the office of the archive line (- Lưu Văn phòng Đảng uỷ.).
Kept apart from the state bodies (registry/__init__.py) and added to them: a key that names no
Party body gives None, and the state registry answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Literal

from plangen import vietnamese as vn
from plangen.errors import PlangenError
from plangen.i18n import N_, _
from plangen.registry import FORBID_EXTRA, code_checked, validated


@dataclass
class PartyBody:
    """A Party body of data/party.yaml (a plain dataclass, validated by pydantic as the state
    registry's entries are: registry/__init__.py)."""

    __pydantic_config__ = FORBID_EXTRA

    id: str
    level: Literal["province", "commune", "branch"]
    title: str
    code: str
    collective: str
    head: str
    deputy: str
    aliases: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        code_checked(self.code)


@dataclass
class PartyData:
    __pydantic_config__ = FORBID_EXTRA

    party_bodies: list[PartyBody]


@cache
def party_bodies() -> list[PartyBody]:
    """The Party bodies of data/party.yaml, its problems located as a plan's are."""
    from plangen.plan.yamlsource import parse_yaml

    text = (resources.files("plangen.registry") / "data" / "party.yaml").read_text(encoding="utf-8")
    data, source = parse_yaml(text, "party.yaml", registry=True)
    return validated(PartyData, data, source).party_bodies


# --- the guide's spelling -------------------------------------------------------------------

def guide_spelling(text: str) -> str:
    """`Đảng ủy xã Thủy An, Khánh Hòa` → `Đảng uỷ xã Thuỷ An, Khánh Hoà`: the tone placement of
    the guide's own examples (ĐẢNG UỶ, HOÁ), one style for the whole header and signature."""
    return vn.tones_on_second_vowel(text)


# --- resolving ------------------------------------------------------------------------------

def _fold(text: str) -> str:
    from plangen.registry import fold

    return fold(text)


_CHI_BO = re.compile(r"^\s*chi\s+bộ\s+(\S.*)$", re.IGNORECASE)


def find_party_body(key: str) -> tuple[PartyBody, str | None] | None:
    """The Party body a key names (`dang-uy`, `Đảng ủy`, `Tỉnh ủy`, `Chi bộ thôn 1`…) and the chi
    bộ's own name when the key gives one; None when the key names no Party body."""
    wanted = _fold(key)
    for body in party_bodies():
        if wanted in {_fold(body.id), *map(_fold, body.aliases)}:
            return body, None
    m = _CHI_BO.match(key)
    if m:
        body = next(b for b in party_bodies() if b.level == "branch")
        return body, m.group(1).strip()
    return None


def _commune(text: str | None, province: str):
    """The commune of the official list that `xã Công Hải` (or `xa cong hai`) names in the province;
    refused without the kind of commune, or with the nearest names when the province has none."""
    from plangen.registry.communes import find_commune, split_kind

    if not text or split_kind(text)[0] is None:
        raise PlangenError(_("say which commune with --commune, as “xã An Khánh”, “phường …” or "
                             "“đặc khu …”"))
    return find_commune(text, province)


def resolve_party(key: str, commune: str | None = None, province: str | None = None, data=None):
    """A Party committee as an issuer, or None when `key` names no Party body."""
    from plangen.registry import Issuer, find_province, load

    found = find_party_body(key)
    if found is None:
        return None
    body, branch = found
    data = data or load()
    if province is None:
        raise PlangenError(_("{body} needs its province: say it with --province").format(body=body.title))
    prov = find_province(data, province)
    title = body.title
    if body.level == "province":
        title = "Thành ủy" if prov.kind == "Thành phố" else "Tỉnh ủy"
        own, superior, place = f"{title} {prov.name}", [], prov.place
    else:
        unit = _commune(commune, prov.id)
        kind, name = unit.kind, unit.name
        place = name
        if body.level == "commune":
            own, superior = f"{title} {kind} {name}", [f"Đảng bộ {prov.unit}"]
        else:
            if not branch:
                raise PlangenError(_("name the chi bộ: --issuer “Chi bộ thôn …”"))
            own, superior = f"Chi bộ {branch}", [f"Đảng bộ {kind} {name}"]
    collective = body.collective.replace("{title}", title)
    full = own if collective == title or body.level == "branch" else f"{collective} {own}"
    office = "Chi bộ" if body.level == "branch" else f"Văn phòng {title}"
    spell = guide_spelling
    return Issuer(governing_body=[spell(vn.upper(x)) for x in superior], name=[spell(vn.upper(own))],
                  full_name=spell(full), code=body.code, place=spell(place),
                  collective=spell(vn.upper(collective)), head=spell(vn.upper(body.head)),
                  deputy=spell(vn.upper(body.deputy)), format="party", archive=spell(office))


_LEVELS = {"province": N_("of a province or city"), "commune": N_("of a commune or ward"),
           "branch": N_("under a commune's or ward's Party organisation")}


def search_party(wanted: str) -> list[tuple[str, str, str]]:
    """(kind, id, description) of the Party bodies whose id, title or aliases contain `wanted`
    (folded, without spaces, as `plangen registry` searches)."""
    rows = []
    for body in party_bodies():
        names = (body.id, body.title, body.collective, *body.aliases)
        if not wanted or any(wanted in _fold(x).replace(" ", "") for x in names):
            signs = f"T/M {body.collective.replace('{title}', body.title).upper()}"
            level = _(_LEVELS[body.level])
            rows.append(("party", body.id, f"{body.title} ({level}) — {body.code}, {signs}"))
    return rows
