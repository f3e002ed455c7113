"""The communes, wards and special zones (xã, phường, đặc khu) in force since 1 July 2025.

The official list (Nghị quyết 202/2025/QH15 and the Standing Committee's resolutions on the
arrangement of commune-level units: 3,321 units in 34 provinces, with their official codes) is read
from the `vietnam-provinces` library, which follows the General Statistics Office's published
list. Its data file is read directly (the package's own import builds large enum classes that
plangen does not need), once, and only when a commune is looked up.
"""

from __future__ import annotations

import difflib
import importlib.util
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from plangen import vietnamese as vn
from plangen.errors import PlangenError
from plangen.i18n import _
from plangen.vietnamese import fold

KINDS = ("xã", "phường", "đặc khu")
KIND_PREFIX = re.compile(r"^\s*(xã|phường|đặc khu)\s+(.+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Commune:
    """One commune-level unit: `xã Tân Phú` of tỉnh Vĩnh Long."""

    code: int
    kind: str  # "xã", "phường" or "đặc khu"
    name: str  # "Tân Phú", without the kind
    province: str  # the registry's province id: "vinh-long"

    @property
    def full(self) -> str:
        """`xã Tân Phú` (as in running text)."""
        return f"{self.kind} {self.name}"


def _data_file() -> Path:
    spec = importlib.util.find_spec("vietnam_provinces")
    if spec is None or not spec.submodule_search_locations:
        raise PlangenError(_("the list of communes is missing: install the package vietnam-provinces "
                             "(pip install vietnam-provinces)"))
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "nested-divisions.json"


@cache
def official() -> tuple[tuple[str, str], tuple[Commune, ...]]:
    """((province id, `tỉnh Vĩnh Long`) …, communes …) from the library's data file."""
    data = json.loads(_data_file().read_text(encoding="utf-8"))
    provinces, communes = [], []
    for province in data:
        ident = province["codename"].replace("_", "-")
        name = unicodedata.normalize("NFC", province["name"]).removeprefix("Thành phố ").strip()
        city = province["division_type"].startswith("thành phố")
        provinces.append((ident, f"{'thành phố' if city else 'tỉnh'} {name}"))
        for ward in province["wards"]:
            kind = ward["division_type"]
            name = unicodedata.normalize("NFC", ward["name"])
            communes.append(Commune(int(ward["code"]), kind, name[len(kind):].strip(), ident))
    return tuple(provinces), tuple(communes)


def lower(text: str) -> str:
    """Accents kept, case, spaces and the place of a tone aside: "Tân  Phú" ~ "tân phú",
    "Thuỷ Xuân" ~ "Thủy Xuân"."""
    return " ".join(vn.tones_on_first_vowel(text).lower().split())


@cache
def _by_name() -> dict[str, list[Commune]]:
    """Folded name → the communes of that name (a name is often shared by several provinces)."""
    index: dict[str, list[Commune]] = {}
    for commune in official()[1]:
        index.setdefault(fold(commune.name), []).append(commune)
    return index


def province_name(ident: str) -> str:
    """`tỉnh Vĩnh Long`, `thành phố Hà Nội`: a province of the official list as running text."""
    return dict(official()[0]).get(ident, ident)


def communes_of(province: str) -> list[Commune]:
    """The communes, wards and special zones of a province (its registry id), in official order."""
    return [c for c in official()[1] if c.province == province]


def split_kind(key: str) -> tuple[str | None, str]:
    """`xã Tân Phú` → ("xã", "Tân Phú"); a name without its kind → (None, name)."""
    m = KIND_PREFIX.match(key)
    if m:
        return m.group(1).lower(), " ".join(m.group(2).split())
    folded = fold(key)
    for kind in KINDS:  # typed without accents: "xa tan phu", "dac khu con dao"
        if folded.startswith(fold(kind) + " "):
            return kind, " ".join(key.split()[len(kind.split()):])
    return None, " ".join(key.split())


def named(key: str, province: str | None = None) -> list[Commune]:
    """The communes whose name is `key`'s, accents and case aside (its kind, when given, agreeing)."""
    kind, name = split_kind(key)
    found = [c for c in _by_name().get(fold(name), []) if province is None or c.province == province]
    return [c for c in found if kind is None or c.kind == kind]


def matching(key: str, province: str | None = None) -> list[Commune]:
    """The communes a name means: accents may be left out, but accents written must agree."""
    _kind, name = split_kind(key)
    found = named(key, province)
    exact = [c for c in found if lower(c.name) == lower(name)]
    return exact or ([] if _has_accents(name) else found)


def _has_accents(text: str) -> bool:
    return "đ" in text.lower() or any(unicodedata.category(c) == "Mn" for c in unicodedata.normalize("NFD", text))


def find_commune(key: str, province: str | None = None) -> Commune:
    """The one commune `key` names, in `province` when given; refused with the nearest names when
    it names none, and with the provinces to choose from when it names several."""
    found = matching(key, province)
    if len(found) == 1:
        return found[0]
    _kind, name = split_kind(key)
    where = province_name(province) if province else None
    if found:
        places = "; ".join(f"{c.full} ({province_name(c.province)})" for c in found)
        if len({c.province for c in found}) > 1:
            raise PlangenError(_("{name!r} is in several provinces: {places}; say which with --province").format(
                name=key, places=places))
        raise PlangenError(_("{name!r} may be: {places}; write which (xã, phường or đặc khu)").format(
            name=key, places=places))
    pool = communes_of(province) if province else official()[1]
    names = {}
    for c in pool:
        names.setdefault(fold(c.name), []).append(c)
    near = difflib.get_close_matches(fold(name), list(names), n=4, cutoff=0.7)
    same_name = names.get(fold(name), [])
    suggestions = same_name or [c for n in near for c in names[n]]
    shown = "; ".join(dict.fromkeys(
        c.full if province else f"{c.full} ({province_name(c.province)})" for c in suggestions[:6]))
    hint = _(" (did you mean {names}?)").format(names=shown) if shown else ""
    if where:
        raise PlangenError(_("no commune or ward {name!r} in {province} in the official list since "
                             "1 July 2025{hint}").format(name=key, province=where, hint=hint))
    raise PlangenError(_("no commune or ward {name!r} in the official list since 1 July 2025{hint}").format(
        name=key, hint=hint))


COMMUNE_LINE = re.compile(r"^(?:(?:ubnd|uy ban nhan dan) )?(xa|phuong|dac khu) (.+)$")


def commune_of_lines(lines: list[str], province: str | None = None) -> Commune | None:
    """The commune whose body issues a header's lines (`ỦY BAN NHÂN DÂN` / `XÃ TÂN PHÚ`, or a
    commune office under `UBND XÃ TÂN PHÚ`), None when no line names a commune; refused when the
    commune is unknown or, without `province`, in several provinces."""
    for line in reversed(lines):
        m = COMMUNE_LINE.match(fold(line))
        if m:
            words = " ".join(line.split()).split()
            return find_commune(" ".join(words[-len(f"{m.group(1)} {m.group(2)}".split()):]), province)
    return None


def commune_rows(province: str, only: str | None = None) -> list[tuple[int, dict[str, str]]]:
    """The communes of a province (its registry id) as the rows of a `--each` table, in the
    official order, numbered from 1: `xa` "xã Tân Phú", `ten_xa` "Tân Phú", `loai_xa` "xã",
    `ma_xa` the official code, `tinh` "tỉnh Vĩnh Long", `ten_tinh` "Vĩnh Long". `only` keeps some:
    kinds ("phường") or names ("Tân Phú, Long Hồ"), separated by commas."""
    everything = communes_of(province)
    kept = everything
    if only:
        wanted: set[Commune] = set()
        for item in (x.strip() for x in only.split(",")):
            if not item:
                continue
            kind = next((k for k in KINDS if fold(k) == fold(item)), None)
            wanted |= {c for c in everything if c.kind == kind} if kind else {find_commune(item, province)}
        kept = [c for c in everything if c in wanted]
    unit = province_name(province)
    return [(k, {"xa": c.full, "ten_xa": c.name, "loai_xa": c.kind, "ma_xa": f"{c.code:05d}",
                 "tinh": unit, "ten_tinh": unit.split(" ", 1 if unit.startswith("tỉnh") else 2)[-1]})
            for k, c in enumerate(kept, start=1)]
