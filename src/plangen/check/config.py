"""Per-office settings: `[tool.plangen.check]` in pyproject.toml, or `[check]` in plangen.toml.

    [tool.plangen.check]
    select = ["required-sections", "numbering"]   # only these rules (default: all)
    ignore = ["dates"]                            # never these
    required-sections = ["purpose", "content", "assignments", "implementation", "funding"]
    [tool.plangen.check.severity]
    funding-section = "error"                      # make a warning an error, or the reverse ("note": shown,
                                                   # never failing)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from plangen.errors import PlangenError, Problem
from plangen.i18n import _

DEFAULT_REQUIRED = ("purpose", "content", "assignments", "implementation")


@dataclass
class CheckConfig:
    select: set[str] | None = None
    ignore: set[str] = field(default_factory=set)
    severities: dict[str, str] = field(default_factory=dict)
    required_sections: tuple[str, ...] = DEFAULT_REQUIRED
    margins: dict[str, tuple[float, float]] = field(default_factory=dict)  # mm, per side: the office's ranges
    source: str = ""

    def enabled(self, rule_id: str) -> bool:
        if rule_id in self.ignore:
            return False
        return self.select is None or rule_id in self.select

    def severity(self, rule_id: str, default: str) -> str:
        return self.severities.get(rule_id, default)


def _rule_spellings() -> dict[str, str]:
    """Every way a user may name a rule, folded (no accents, case, dashes): its id, its
    Vietnamese name and its name in the current language → the id."""
    from plangen.check.output import RULE_NAMES
    from plangen.check.rules import RULE_IDS
    from plangen.i18n import in_language
    from plangen.vietnamese import fold

    spellings: dict[str, str] = {}
    for rule in sorted(RULE_IDS):
        name = RULE_NAMES.get(rule, rule)
        for spelling in (rule, in_language("vi", name), _(name)):
            spellings.setdefault(fold(spelling), rule)
    return spellings


def rule_named(value: str) -> str | None:
    """The rule id that `value` names: an id (`dates`) or a rule's name (`ngày tháng`, `ngay thang`,
    `Ngày Tháng`), or None."""
    from plangen.vietnamese import fold

    return _rule_spellings().get(fold(value))


def unknown_rule(value: str, key: str) -> str:
    """The message for a rule no one has: the nearest rules by id or name, then all of them."""
    import difflib

    from plangen.check.output import rule_name
    from plangen.check.rules import RULE_IDS
    from plangen.vietnamese import fold

    spellings = _rule_spellings()
    near: list[str] = []
    for match in difflib.get_close_matches(fold(value), list(spellings), n=6, cutoff=0.5):
        if spellings[match] not in near:
            near.append(spellings[match])

    def named(rule: str) -> str:
        return rule if rule_name(rule) == rule else f"{rule} ({rule_name(rule)})"

    known = ", ".join(named(rule) for rule in sorted(RULE_IDS))
    if near:
        return _("no rule is named {name!r} in `{key}`; the nearest: {near}; rules are: {known}").format(
            name=value, key=key, near=", ".join(named(rule) for rule in near[:3]), known=known)
    return _("no rule is named {name!r} in `{key}`; rules are: {known}").format(name=value, key=key, known=known)


def find_config(start: Path | None = None) -> Path | None:
    """plangen.toml or a pyproject.toml with [tool.plangen.check], from `start` upwards (see
    plangen.settings: the search stops at the repository or the home folder)."""
    from plangen.settings import find_settings

    return find_settings("check", start)


def load_config(path: Path | None, select: list[str] | None = None,
                ignore: list[str] | None = None) -> CheckConfig:
    table: dict = {}
    text = ""
    if path is not None:
        from plangen.settings import read_table

        found, text = read_table(path, "check")
        table = found or {}
    config = CheckConfig(source=str(path or ""))
    problems: list[tuple[str, str]] = []  # (key to locate, message)

    def rule_list(values: object, key: str) -> set[str]:
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            problems.append((key, _("`{key}` must be a list of rule ids").format(key=key)))
            return set()
        found: set[str] = set()
        for value in values:
            rule = rule_named(value)
            if rule is None:
                problems.append((key, unknown_rule(value, key)))
            else:
                found.add(rule)
        return found

    if "select" in table:
        config.select = rule_list(table["select"], "select")
    if "ignore" in table:
        config.ignore = rule_list(table["ignore"], "ignore")
    if "required-sections" in table:
        from plangen.plan.models import SectionKind

        kinds = table["required-sections"]
        valid = {k.value for k in SectionKind}
        if not isinstance(kinds, list) or any(k not in valid for k in kinds):
            problems.append(("required-sections", _(
                "`required-sections` must list section kinds among: {kinds}").format(kinds=", ".join(sorted(valid)))))
        else:
            config.required_sections = tuple(kinds)
    severity = table.get("severity") or {}
    if not isinstance(severity, dict):
        problems.append(("severity", _("`severity` must be a table: rule-id = \"error\" or \"warning\"")))
        severity = {}
    for rule_id, level in severity.items():
        rule = rule_named(str(rule_id))
        if rule is None or level not in ("error", "warning", "note"):
            problems.append((str(rule_id), _("severity of `{rule}` must be error, warning or note, for a known "
                                             "rule").format(rule=rule_id)))
        else:
            config.severities[rule] = level
    margins = table.get("margins", {})
    if not isinstance(margins, dict):
        problems.append(("margins", _("`margins` must be a table: top = [20, 25] …")))
        margins = {}
    for side, value in margins.items():
        if side not in ("top", "bottom", "left", "right") or not (
                isinstance(value, list) and len(value) == 2 and all(isinstance(v, int | float) for v in value)
                and 0 <= value[0] <= value[1] <= 100):
            problems.append((str(side), _("`margins.{side}` must be a side (top, bottom, left, right) with "
                                          "[lowest, highest] in mm").format(side=side)))
        else:
            config.margins[side] = (float(value[0]), float(value[1]))
    unknown_keys = set(table) - {"select", "ignore", "required-sections", "severity", "margins"}
    for key in sorted(unknown_keys):
        problems.append((str(key), _("unknown setting `{key}`").format(key=key)))
    if select:
        config.select = rule_list(select, "--select")
    if ignore:
        config.ignore |= rule_list(ignore, "--ignore")
    if problems:
        from plangen.settings import line_of

        located = [(key, line_of(text, key) if text else None, message) for key, message in problems]
        raise PlangenError([Problem(str(path or "plangen"), line, 1 if line else None, message)
                            for _key, line, message in located])
    return config
