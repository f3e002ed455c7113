"""Who issues plans: the 34 provinces, ministries and departments, as data (registry/data/*.yaml).

`resolve_issuer("Sở Y tế", province="vinh-long")` gives everything a plan header needs: the
governing and issuing lines, the symbol code, the place of the date line and the signature that
fits (a People's Committee signs TM., a ministry or department KT. under its head). An office adds
its own bodies in a `plangen-registry.yaml` (same shape as data/bodies.yaml), found from the
current folder upwards.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from plangen import vietnamese as vn
from plangen.errors import PlangenError
from plangen.i18n import _

LOCAL_FILE = "plangen-registry.yaml"


# The entries are plain dataclasses: a `check` of a Word file reads the built-in registry without
# importing pydantic (a quarter of its time); a user's registry file is validated against these same
# classes by pydantic (`_read`), as a plan is against its models. `__pydantic_config__` is read there.
FORBID_EXTRA = {"extra": "forbid"}
CODE = re.compile(r"^[A-ZĐ][A-ZĐ0-9]*$")


def code_checked(code: str) -> None:
    """An entry's symbol code is capital letters and digits, as a plan's `issuer.code` is (its
    message said as the plan's is)."""
    if not CODE.match(code):
        from plangen.plan.load import PATTERN_HINTS

        raise ValueError(_(PATTERN_HINTS["code"]).format(value=code))


@dataclass
class Province:
    __pydantic_config__ = FORBID_EXTRA

    id: str
    name: str
    kind: Literal["Thành phố", "Tỉnh"]
    place: str
    former: list[str] = field(default_factory=list)  # earlier names and abbreviations
    merged: list[str] = field(default_factory=list)  # the provinces merged into this one on 1 July 2025

    @property
    def unit(self) -> str:
        """`tỉnh Vĩnh Long`, `thành phố Hà Nội` (as in running text)."""
        return f"{self.kind.lower()} {self.name}"

    @property
    def unit_title(self) -> str:
        """`Thành phố Hà Nội`, `tỉnh Vĩnh Long` (People's Committee names)."""
        return f"{'Thành phố' if self.kind == 'Thành phố' else 'tỉnh'} {self.name}"


@dataclass
class Body:
    __pydantic_config__ = FORBID_EXTRA

    id: str
    name: str
    code: str
    head: str
    deputy: str
    governing: str | None = None
    aliases: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        code_checked(self.code)


@dataclass
class CommuneBody(Body):
    """A body of a commune, ward or special zone: `{unit}` stands for "xã Tân Phú", `{kind}` for
    "xã", `{province}` for "tỉnh Vĩnh Long" (data/commune_bodies.yaml)."""

    collective: str | None = None  # signs "TM. <collective>" (a mass organisation's committee)


@dataclass
class RegistryData:
    __pydantic_config__ = FORBID_EXTRA

    provinces: list[Province] = field(default_factory=list)
    ministries: list[Body] = field(default_factory=list)
    departments: list[Body] = field(default_factory=list)
    commune_bodies: list[CommuneBody] = field(default_factory=list)


def trusted(data: dict[str, Any]) -> RegistryData:
    """Plangen's own registry data as entries, without pydantic: the tests validate its files
    as a user's are."""
    return RegistryData(
        provinces=[Province(**p) for p in data.get("provinces") or ()],
        ministries=[Body(**b) for b in data.get("ministries") or ()],
        departments=[Body(**b) for b in data.get("departments") or ()],
        commune_bodies=[CommuneBody(**b) for b in data.get("commune_bodies") or ()],
    )


def validated(kind: type, data: Any, source: Any) -> Any:
    """`data` read from a YAML file as `kind` (a dataclass above), its problems located at
    file:line:column as a plan's are (pydantic imported here only)."""
    from pydantic import TypeAdapter, ValidationError

    from plangen.plan.load import validation_problems

    try:
        return TypeAdapter(kind).validate_python(data)
    except ValidationError as exc:
        raise PlangenError(validation_problems(exc, data, source)) from None


fold = vn.fold  # names compared without accents, case or extra spaces (shared with --each tables)


def _read(path: Path | str, text: str) -> RegistryData:
    """A registry file, its problems located at file:line:column as a plan's are."""
    from plangen.plan.yamlsource import parse_yaml

    data, source = parse_yaml(text, str(path), registry=True)
    return validated(RegistryData, data, source)


def _read_builtin(name: str) -> RegistryData:
    """A file of plangen's own registry: read by libyaml's loader, without the line map a user's
    file needs for its messages (its shape is the tests' concern), which would cost every `check`
    of a Word file a tenth of its time."""
    import yaml

    text = (resources.files("plangen.registry") / "data" / name).read_text(encoding="utf-8")
    return trusted(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))


@cache
def builtin() -> RegistryData:
    data = RegistryData()
    for name in ("provinces.yaml", "bodies.yaml", "commune_bodies.yaml"):
        part = _read_builtin(name)
        data.provinces += part.provinces
        data.ministries += part.ministries
        data.departments += part.departments
        data.commune_bodies += part.commune_bodies
    return data


def load(extra: Path | None = None) -> RegistryData:
    """The built-in registry plus the office's own file (given, or found upwards)."""
    # the lists copied, the entries shared: nobody changes an entry (a deep copy cost `check` 8 ms)
    base = builtin()
    data = RegistryData(list(base.provinces), list(base.ministries), list(base.departments), list(base.commune_bodies))
    if extra is None:
        here = Path.cwd().resolve()
        from plangen.settings import find_file

        extra = find_file(LOCAL_FILE, here)
    if extra is not None:
        from plangen.plan.yamlsource import clean_text, read_file

        # bounded, a folder or a missing file refused with its name, control characters too
        own = _read(extra, clean_text(read_file(extra, kind=_("a registry file")), str(extra)))
        data.provinces = own.provinces + data.provinces
        data.ministries = own.ministries + data.ministries
        data.departments = own.departments + data.departments
        data.commune_bodies = own.commune_bodies + data.commune_bodies
    return data


def _squeezed(text: str) -> str:
    """Folded and without spaces: "vinhlong" ~ "Vĩnh Long", "tphcm" ~ "TP HCM"."""
    return fold(text).replace(" ", "")


def _without_kind(key: str) -> str:
    return re.sub(r"^\s*(tỉnh|thành phố|tp\.?)\s+", "", key, flags=re.IGNORECASE)


def merged_into(data: RegistryData, key: str) -> tuple[Province, str] | None:
    """The province in force that the province `key` was merged into on 1 July 2025, and the
    merged province's name as the registry writes it (None when `key` names no merged province):
    "Kien Giang" → (An Giang, "Kiên Giang")."""
    for wanted in (_squeezed(_without_kind(key)), _squeezed(key)):
        for p in data.provinces:
            for name in p.merged:
                if wanted and wanted == _squeezed(name):
                    return p, name
    return None


def find_province(data: RegistryData, key: str, notes: list[str] | None = None) -> Province:
    """A province in force from its id, its name, a former name or abbreviation, or a province
    merged into it on 1 July 2025 (said in `notes`: the user named a province that no longer
    exists), with or without accents, case and spaces; the nearest names are suggested when none
    matches."""
    stripped = _without_kind(key)
    for wanted in (_squeezed(stripped), _squeezed(key)):
        for p in data.provinces:
            if wanted and wanted in {_squeezed(x) for x in (p.id, p.name, *p.former)}:
                return p
    joined = merged_into(data, key)
    if joined is not None:
        if notes is not None:
            notes.append(_("{name} was merged into {province} on 1 July 2025: the plan is drafted for "
                           "{province}").format(name=joined[1], province=joined[0].unit))
        return joined[0]
    names = {_squeezed(x): p.name for p in data.provinces for x in (p.id, p.name, *p.former, *p.merged)}
    near = difflib.get_close_matches(_squeezed(stripped), list(names), n=3, cutoff=0.6)
    hint = _(" (did you mean {names}?)").format(names=", ".join(dict.fromkeys(names[n] for n in near))) \
        if near else ""
    raise PlangenError(_("unknown province {name!r}{hint}: give one of the 34 (e.g. ha-noi, vinh-long)").format(
        name=key, hint=hint))


@dataclass
class Issuer:
    """Everything a plan header and signature need for one issuing body."""

    governing_body: list[str]
    name: list[str]
    full_name: str
    code: str
    place: str
    collective: str | None  # TM. for a People's Committee (T/M … for a Party committee)
    head: str
    deputy: str
    notes: list[str] = field(default_factory=list)  # what was assumed to find it, said to the user
    format: str = "state"  # "party": a Party committee (registry/party.py, Hướng dẫn 36-HD/VPTW)
    archive: str = "VT"  # the archive line's office (a Party committee's: Văn phòng Đảng uỷ)
    province: str | None = None  # a commune's province ("tỉnh Đồng Tháp"): its header does not name it

    @property
    def is_committee(self) -> bool:
        return self.collective is not None


COMMUNE = re.compile(r"^\s*(ubnd\s+|ủy ban nhân dân\s+|uỷ ban nhân dân\s+)?(xã|phường|đặc khu)\s+(.+)$",
                     re.IGNORECASE)
COMMUNE_FOLDED = re.compile(r"^(?:(?:ubnd|uy ban nhan dan) )?(?:xa|phuong|dac khu) .+$")
COMMITTEE_WORDS = re.compile(r"^\s*(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân|uy ban nhan dan)\s+", re.IGNORECASE)
COMMITTEE = re.compile(r"^\s*(ubnd|ủy ban nhân dân|uỷ ban nhân dân)(\s+(tỉnh|thành phố|tp\.?)\s+(.+))?\s*$",
                       re.IGNORECASE)


def resolve_issuer(key: str, province: str | None = None, data: RegistryData | None = None) -> Issuer:
    """An issuer from an id or a name: `ubnd`, `UBND tỉnh Vĩnh Long`, `xã An Khánh`, `byt`,
    `Bộ Y tế`, `Sở Y tế` (with a province), `ca` (Công an tỉnh, with a province)."""
    data = data or load()
    notes: list[str] = []
    if COMMUNE.match(key) or COMMUNE_FOLDED.match(fold(key)):
        from plangen.registry import communes

        prov = find_province(data, province, notes) if province else None
        commune = communes.find_commune(COMMITTEE_WORDS.sub("", key), prov.id if prov else None)
        if prov is None:
            notes.append(_("{commune} is in {province}").format(
                commune=commune.full, province=communes.province_name(commune.province)))
        return Issuer([], ["ỦY BAN NHÂN DÂN", vn.upper(commune.full)], f"Ủy ban nhân dân {commune.full}",
                      "UBND", commune.name, "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", notes,
                      province=communes.province_name(commune.province))
    m = COMMITTEE.match(key)
    if m:
        prov = find_province(data, m.group(4) if m.group(4) else (province or ""), notes)
        return Issuer([], ["ỦY BAN NHÂN DÂN", vn.upper(prov.unit_title)], f"Ủy ban nhân dân {prov.unit_title}",
                      "UBND", prov.place, "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", notes)
    wanted = fold(key)
    for body in data.ministries:
        if wanted in {fold(body.id), fold(body.name), fold(body.code), *map(fold, body.aliases)}:
            return Issuer([], [vn.upper(body.name)], body.name, body.code, "Hà Nội", None, body.head, body.deputy)
    # "Sở Giáo dục" for "Sở Giáo dục và Đào tạo": the beginning of one department's name
    begun = [b for b in data.departments if len(wanted.split()) >= 3
             and fold(b.name.replace("{unit}", "")).strip().startswith(wanted + " ")]
    if len(begun) > 1:
        raise PlangenError(_("{name!r} may be: {names}; give the full name").format(
            name=key, names="; ".join(b.name.replace(" {unit}", "") for b in begun)))
    for body in data.departments:
        names = {fold(body.id), fold(body.code), *map(fold, body.aliases)}
        generic = fold(body.name.replace("{unit}", "")).strip()
        if wanted in names or wanted == generic or (generic and wanted.startswith(generic + " ")) \
                or body in begun:
            if not province:
                raise PlangenError(_("{name} is a provincial body: say which province with --province").format(
                    name=body.name.replace(" {unit}", "")))
            prov = find_province(data, province, notes)
            name = body.name.replace("{unit}", prov.unit)
            governing = body.governing or f"UBND {prov.unit}"
            full = name if "{unit}" in body.name else f"{name} {prov.unit}"
            return Issuer([vn.upper(governing)], [vn.upper(name)], full, body.code, prov.place, None,
                          body.head, body.deputy, notes)
    raise PlangenError(_("unknown issuer {name!r}: give a registry id or name (ubnd, xã …, byt, syt, …) "
                         "or add it to {file}").format(name=key, file=LOCAL_FILE))


def _words_match(query: str, text: str) -> bool:
    """`query`'s words begin words of `text`, in order and side by side: "vinh" ~ "Vĩnh Long",
    "sở y" ~ "Sở Y tế". Written accents count ("xã" is not "Xây"); left out, they do not."""
    from plangen.registry.communes import lower

    accents = fold(query) != lower(query)
    wanted = (lower if accents else fold)(query).split()
    words = (lower if accents else fold)(text).split()
    return any(all(words[i + k].startswith(w) if k == len(wanted) - 1 else words[i + k] == w
                   for k, w in enumerate(wanted)) for i in range(len(words) - len(wanted) + 1))


def _matches(query: str, *names: str) -> bool:
    """An entry is found by the words of one of its names, or by a name, id or abbreviation
    written squeezed ("vinhlong", "tphcm")."""
    squeezed = _squeezed(query)
    return not squeezed or any(_words_match(query, x) or _squeezed(x) == squeezed for x in names)


def search(data: RegistryData, query: str = "", province: str | None = None) -> list[tuple[str, str, str]]:
    """(kind, id, description) of the registry's entries that `query` names (see `_matches`); all
    when it is empty. Communes, wards and special zones are searched by name (of `province`, when
    given); they are listed with a query or a province only (3,321 of them)."""
    from plangen.registry import communes

    rows = []
    if province is None:
        for p in data.provinces:
            if _matches(query, p.id, p.name, *p.former, *p.merged):
                former = f" ({', '.join(p.former)})" if p.former else ""
                merged = _(" (merged in on 1 July 2025: {names})").format(names=", ".join(p.merged)) \
                    if p.merged else ""
                rows.append(("province", p.id, f"{p.kind} {p.name}{former}{merged}"))
        for kind, bodies in (("ministry", data.ministries), ("department", data.departments)):
            for b in bodies:
                if _matches(query, b.id, b.name.replace(" {unit}", ""), b.code, *b.aliases):
                    rows.append((kind, b.id, f"{b.name.replace(' {unit}', '')} — {b.code}"))
    if query.strip() or province is not None:
        pid = find_province(data, province).id if province is not None else None
        for c in communes.official()[1]:
            if (pid is None or c.province == pid) and (_matches(query, c.full) or _matches(query, c.name)):
                rows.append(("commune", str(c.code), f"{c.full} — {communes.province_name(c.province)}"))
    return rows


def knows_body(data: RegistryData, text: str) -> bool:
    """Whether a header line names a ministry or department of the registry ("SỞ Y TẾ")."""
    wanted = fold(text)
    for body in (*data.ministries, *data.departments):
        generic = fold(body.name.replace("{unit}", ""))
        if wanted in {generic, fold(body.code), *map(fold, body.aliases)} or wanted.startswith(generic + " "):
            return True
    return False
