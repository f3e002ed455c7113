"""issuer-known: the issuing body is one the official lists know, written as they write it (a warning).

A commune, ward or special zone (xã, phường, đặc khu) is one of the 3,321 in force since 1 July
2025, a province one of the 34, with the accents of the official list; a province merged on
1 July 2025 is named with the one it joined; a ministry or a provincial department is one of the
registry's (or the office's own `plangen-registry.yaml`). Bodies the registry cannot know (a
steering committee, a school, a Party body) are not judged, nor plans issued before the reform.

Good:
    ỦY BAN NHÂN DÂN / XÃ TÂN PHÚ
    UBND TỈNH VĨNH LONG / SỞ Y TẾ
Bad:
    UY BAN NHAN DAN / XA TAN PHU           (written without its accents)
    ỦY BAN NHÂN DÂN / XÃ TÂN PHÚ with `province: tỉnh Lâm Đồng`   (no such commune there)
    UBND TỈNH KIÊN GIANG / SỞ Y TẾ         (Kiên Giang was merged into An Giang)

Source: Nghị quyết 202/2025/QH15 (34 provinces) and the Standing Committee's resolutions on the
communes (3,321 units), as published with their official codes.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from pathlib import Path

from plangen.check.finding import Finding, finding
from plangen.check.view import PlanView, Where
from plangen.i18n import _

ID = "issuer-known"
SEVERITY = "warning"
SOURCES = ("yaml", "docx")

REFORM = dt.date(2025, 7, 1)
COMMITTEE = r"(?:uy ban nhan dan|ubnd)"
COMMUNE_LINE = re.compile(rf"^(?:{COMMITTEE} )?(xa|phuong|dac khu) (.+)$")
PROVINCE_LINE = re.compile(rf"^(?:{COMMITTEE} )?(tinh|thanh pho|tp) (.+)$")
BODY_LINE = re.compile(r"^(so|bo) (.+)$")
PARTY_PROVINCE_LINE = re.compile(r"^(tinh|thanh) uy (.+)$")
"""`TỈNH UỶ QUẢNG NGÃI`, `THÀNH UỶ HẢI PHÒNG`: a province's Party committee, named by its province."""
NOT_A_MINISTRY = re.compile(r"\b(tinh|thanh pho|xa|phuong|chi huy|doi|quan khu)\b")
"""`BỘ CHỈ HUY QUÂN SỰ TỈNH …`, `BỘ ĐỘI BIÊN PHÒNG …`: bodies named "Bộ" that are no ministry."""


def _after_reform(view: PlanView) -> bool:
    if view.issue_date is not None:
        return view.issue_date >= REFORM
    return view.year is not None and view.year > REFORM.year


def _registry():
    """The registry as seen from the working folder (the office's own file found upwards), read
    again only when that file changes: `check` of a batch reads it once, not per plan."""
    from plangen.registry import LOCAL_FILE
    from plangen.settings import find_file

    extra = find_file(LOCAL_FILE, Path.cwd().resolve())
    return _read_registry(extra, extra.stat().st_mtime_ns if extra else None)


@functools.lru_cache(maxsize=4)
def _read_registry(extra: Path | None, _stamp: int | None):
    from plangen import registry
    from plangen.errors import PlangenError

    try:
        return registry.load(extra) if extra else registry.builtin()
    except PlangenError:  # the office's own registry file is broken: `new` reports it where it is
        return registry.builtin()


def check(view: PlanView, config) -> Iterator[Finding]:
    if not view.issuer_lines or not _after_reform(view):
        return
    from plangen import registry

    province = None  # a commune's province, when the plan names it (issuer.province)
    if view.province is not None:
        message, found = _province(_registry(), view.province.text, view.province.text)
        if message:
            yield finding(message, view.province.where)
        else:
            province = found.id
    for line in view.issuer_lines:  # the registry is read only for a province or a body (communes: the list)
        text = " ".join(line.text.split())
        folded = registry.fold(text)
        m = COMMUNE_LINE.match(folded)
        if m:
            yield from _commune(text, m, line.where, province)
            continue
        m = PARTY_PROVINCE_LINE.match(folded) or PROVINCE_LINE.match(folded)
        if m:
            message, _found = _province(_registry(), text, m.group(2))
            if message:
                yield finding(message, line.where)
            continue
        m = BODY_LINE.match(folded)
        if m and not NOT_A_MINISTRY.search(folded) and not registry.knows_body(_registry(), text):
            yield finding(_("no ministry or department “{name}” is known to the registry: check its name, or "
                            "add it to {file}").format(name=text, file=registry.LOCAL_FILE), line.where)


KIND_WORDS = {"xa": "xã", "phuong": "phường", "dac khu": "đặc khu"}


def _tail(text: str, folded_tail: str) -> str:
    """The words of `text` that `folded_tail` (its folded end) stands for."""
    return " ".join(text.split()[-len(folded_tail.split()):])


def _commune(text: str, m: re.Match, where: Where, province: str | None = None) -> Iterator[Finding]:
    """A commune line: a commune of the official list (of `province`, the plan's, when it names
    one), written with the list's accents."""
    from plangen.errors import PlangenError
    from plangen.registry import communes

    kind = KIND_WORDS[m.group(1)]
    written = _tail(text, f"{m.group(1)} {m.group(2)}")
    same = communes.named(f"{kind} {_tail(text, m.group(2))}")
    if not same or (province and all(c.province != province for c in same)):
        try:
            communes.find_commune(written, province)
        except PlangenError as exc:
            yield finding(exc.problems[0].message, where)
        return
    spellings = list(dict.fromkeys(c.full for c in same))
    if communes.lower(written) not in {communes.lower(s) for s in spellings}:
        yield finding(_("the official list writes “{official}”, with its accents (here “{written}”)").format(
            official=" / ".join(s.upper() for s in spellings), written=written), where)


def _province(data, text: str, rest: str):
    """(what is wrong with the province a line names, or None; the province in force it names,
    or None when there is none)."""
    from plangen.errors import PlangenError
    from plangen.registry import communes, find_province, fold, merged_into

    name = _tail(text, rest)
    joined = merged_into(data, name)
    if joined is not None:
        return _("{name} was merged into {province} on 1 July 2025: name the province in force").format(
            name=joined[1], province=joined[0].unit), joined[0]
    try:
        province = find_province(data, name)
    except PlangenError as exc:
        return exc.problems[0].message, None
    if fold(name) == fold(province.name) and communes.lower(name) != communes.lower(province.name):
        return _("the official list writes “{official}”, with its accents (here “{written}”)").format(
            official=province.name.upper(), written=name), province
    return None, province


DOC_VI = """issuer-known: cơ quan ban hành có trong danh mục chính thức, viết đúng như danh mục (cảnh báo).

Xã, phường, đặc khu là một trong 3.321 đơn vị cấp xã từ ngày 01/7/2025, tỉnh là một trong 34 tỉnh,
thành phố, viết đủ dấu như danh mục; tỉnh đã sáp nhập ngày 01/7/2025 thì ghi tỉnh mới; bộ, sở là bộ,
sở trong danh mục của plangen (hoặc tệp `plangen-registry.yaml` của cơ quan). Cơ quan mà danh mục
không thể biết hết (ban chỉ đạo, trường học, tổ chức đảng) và kế hoạch ban hành trước ngày
01/7/2025 không bị xét.

Đúng:
    ỦY BAN NHÂN DÂN / XÃ TÂN PHÚ
    UBND TỈNH VĨNH LONG / SỞ Y TẾ
Sai:
    UY BAN NHAN DAN / XA TAN PHU           (viết không dấu)
    UBND TỈNH KIÊN GIANG / SỞ Y TẾ         (Kiên Giang đã sáp nhập vào tỉnh An Giang)

Căn cứ: Nghị quyết 202/2025/QH15 (34 tỉnh, thành phố) và các nghị quyết của Ủy ban Thường vụ Quốc hội
về sắp xếp đơn vị hành chính cấp xã (3.321 đơn vị), theo danh mục mã chính thức.
"""
