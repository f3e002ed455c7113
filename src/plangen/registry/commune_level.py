"""The bodies of a commune, ward or special zone (data/commune_bodies.yaml) as issuers: what
`plangen derive` drafts for when the higher plan is a commune's.

Apart from the registry's core because it needs both the registry (its issuers) and the official
list of communes, which does not need the registry.
"""

from __future__ import annotations

from plangen.i18n import _
from plangen.registry import Issuer, RegistryData, fold
from plangen.registry.communes import Commune, province_name


def _filled(template: str, commune: Commune) -> str:
    return (template.replace("{unit}", commune.full).replace("{kind}", commune.kind)
            .replace("{province}", province_name(commune.province)))


def resolve_commune_body(data: RegistryData, key: str, commune: Commune) -> Issuer | None:
    """The registry's commune-level body (`Công an xã`, `Phòng Văn hóa - Xã hội`, `Hội Nông dân`…)
    of `commune` that `key` names, as an Issuer, with what was assumed in its notes."""
    from plangen import vietnamese as vn

    wanted = fold(key)
    for body in data.commune_bodies:
        generic = fold(body.name.replace("{unit}", "").replace("{kind}", ""))
        names = {fold(_filled(x, commune)) for x in (body.name, *body.aliases)}
        names |= {fold(x.replace("{unit}", commune.kind)) for x in (body.name, *body.aliases)}
        if wanted in names or wanted == fold(body.id) or (generic and wanted == generic):
            name = _filled(body.name, commune)
            governing = [vn.upper(_filled(body.governing, commune))] if body.governing else []
            head, deputy = (vn.upper(_filled(x, commune)) for x in (body.head, body.deputy))
            notes = [_("{name}: a body of {commune} ({province}); header {header}, signed {signature}").format(
                name=name, commune=commune.full, province=province_name(commune.province),
                header=" / ".join([*governing, vn.upper(name)]),
                signature=f"TM. {body.collective} / {head}" if body.collective else f"KT. {head} / {deputy}")]
            return Issuer(governing, [vn.upper(name)], name, body.code, commune.name, body.collective,
                          head, deputy, notes, province=province_name(commune.province))
    return None
