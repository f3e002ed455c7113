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
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from plangen import vietnamese as vn
from plangen.errors import PlangenError
from plangen.i18n import _

LOCAL_FILE = "plangen-registry.yaml"


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Province(_Entry):
    id: str
    name: str
    kind: str = Field(pattern="^(Thành phố|Tỉnh)$")
    place: str
    former: list[str] = Field(default_factory=list)  # earlier names, abbreviations, provinces merged in

    @property
    def unit(self) -> str:
        """`tỉnh Vĩnh Long`, `thành phố Hà Nội` (as in running text)."""
        return f"{self.kind.lower()} {self.name}"

    @property
    def unit_title(self) -> str:
        """`Thành phố Hà Nội`, `tỉnh Vĩnh Long` (People's Committee names)."""
        return f"{'Thành phố' if self.kind == 'Thành phố' else 'tỉnh'} {self.name}"


class Body(_Entry):
    id: str
    name: str
    code: str = Field(pattern=r"^[A-ZĐ][A-ZĐ0-9]*$")
    head: str
    deputy: str
    governing: str | None = None
    aliases: list[str] = Field(default_factory=list)


class RegistryData(_Entry):
    provinces: list[Province] = Field(default_factory=list)
    ministries: list[Body] = Field(default_factory=list)
    departments: list[Body] = Field(default_factory=list)


def fold(text: str) -> str:
    """Compare names without accents, case or extra spaces: "Sở Y tế" ~ "so y te"."""
    text = text.replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def _read(path: Path | str, text: str) -> RegistryData:
    """A registry file, its problems located at file:line:column as a plan's are."""
    from plangen.plan.load import validation_problems
    from plangen.plan.yamlsource import parse_yaml

    data, source = parse_yaml(text, str(path))
    try:
        return RegistryData.model_validate(data)
    except ValidationError as exc:
        raise PlangenError(validation_problems(exc, data, source)) from None


@cache
def builtin() -> RegistryData:
    data = RegistryData()
    for name in ("provinces.yaml", "bodies.yaml"):
        part = _read(name, (resources.files("plangen.registry") / "data" / name).read_text(encoding="utf-8"))
        data.provinces += part.provinces
        data.ministries += part.ministries
        data.departments += part.departments
    return data


def load(extra: Path | None = None) -> RegistryData:
    """The built-in registry plus the office's own file (given, or found upwards)."""
    data = builtin().model_copy(deep=True)
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
    return data


def _squeezed(text: str) -> str:
    """Folded and without spaces: "vinhlong" ~ "Vĩnh Long", "tphcm" ~ "TP HCM"."""
    return fold(text).replace(" ", "")


def find_province(data: RegistryData, key: str) -> Province:
    """A province in force from its id, its name, a former name (the provinces merged on 1 July
    2025 lead to the one they joined), an abbreviation, with or without accents, case and spaces;
    the nearest names are suggested when none matches."""
    stripped = re.sub(r"^\s*(tỉnh|thành phố|tp\.?)\s+", "", key, flags=re.IGNORECASE)
    for wanted in (_squeezed(stripped), _squeezed(key)):
        for p in data.provinces:
            if wanted and wanted in {_squeezed(x) for x in (p.id, p.name, *p.former)}:
                return p
    names = {_squeezed(x): p.name for p in data.provinces for x in (p.id, p.name, *p.former)}
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
    format: str = "state"  # "party": a Party committee (registry/party.py, Hướng dẫn 36-HD/VPTW)
    archive: str = "VT"  # the archive line's office (a Party committee's: Văn phòng Đảng uỷ)

    @property
    def is_committee(self) -> bool:
        return self.collective is not None


COMMUNE = re.compile(r"^\s*(ubnd\s+|ủy ban nhân dân\s+|uỷ ban nhân dân\s+)?(xã|phường|đặc khu)\s+(.+)$",
                     re.IGNORECASE)
COMMITTEE = re.compile(r"^\s*(ubnd|ủy ban nhân dân|uỷ ban nhân dân)(\s+(tỉnh|thành phố|tp\.?)\s+(.+))?\s*$",
                       re.IGNORECASE)


def resolve_issuer(key: str, province: str | None = None, data: RegistryData | None = None) -> Issuer:
    """An issuer from an id or a name: `ubnd`, `UBND tỉnh Vĩnh Long`, `xã An Khánh`, `byt`,
    `Bộ Y tế`, `Sở Y tế` (with a province), `ca` (Công an tỉnh, with a province)."""
    data = data or load()
    m = COMMUNE.match(key)
    if m:
        kind, name = m.group(2).lower(), m.group(3).strip()
        full = f"Ủy ban nhân dân {kind} {name}"
        return Issuer([], ["ỦY BAN NHÂN DÂN", vn.upper(f"{kind} {name}")], full, "UBND", name,
                      "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    m = COMMITTEE.match(key)
    if m:
        prov = find_province(data, m.group(4) if m.group(4) else (province or ""))
        return Issuer([], ["ỦY BAN NHÂN DÂN", vn.upper(prov.unit_title)], f"Ủy ban nhân dân {prov.unit_title}",
                      "UBND", prov.place, "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "PHÓ CHỦ TỊCH")
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
            prov = find_province(data, province)
            name = body.name.replace("{unit}", prov.unit)
            governing = body.governing or f"UBND {prov.unit}"
            full = name if "{unit}" in body.name else f"{name} {prov.unit}"
            return Issuer([vn.upper(governing)], [vn.upper(name)], full, body.code, prov.place, None,
                          body.head, body.deputy)
    raise PlangenError(_("unknown issuer {name!r}: give a registry id or name (ubnd, xã …, byt, syt, …) "
                         "or add it to {file}").format(name=key, file=LOCAL_FILE))


def search(data: RegistryData, query: str = "") -> list[tuple[str, str, str]]:
    """(kind, id, description) of the registry's entries whose id, name, code or former names
    contain `query` (accents, case and spaces aside); all when it is empty."""
    wanted = _squeezed(query)
    rows = []
    for p in data.provinces:
        if not wanted or any(wanted in _squeezed(x) for x in (p.id, p.name, *p.former)):
            former = f" ({', '.join(p.former)})" if p.former else ""
            rows.append(("province", p.id, f"{p.kind} {p.name}{former}"))
    for kind, bodies in (("ministry", data.ministries), ("department", data.departments)):
        for b in bodies:
            if not wanted or any(wanted in _squeezed(x) for x in (b.id, b.name, b.code, *b.aliases)):
                rows.append((kind, b.id, f"{b.name.replace(' {unit}', '')} — {b.code}"))
    return rows
