"""An office's house style: `[style]` in its plangen.toml, under each plan's own `style:`.

    [style]
    line_spacing = 1.0        # ND30 Phụ lục I: single to 1.5 lines
    margin_left = 30          # mm; top/bottom 20–25, left 30–35, right 15–20
    recipients_width = 53     # mm, the "Nơi nhận" column (Mẫu 1.4)

The file is found as `plangen check` finds its settings: from the plan's folder upwards, the first
plangen.toml (a pyproject.toml may hold `[tool.plangen.plan.style]`). Values are validated against the
decree's ranges by `models.HouseStyle`; a wrong one is reported with its line in the file.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from plangen.errors import PlangenError, Problem
from plangen.i18n import _
from plangen.plan.models import HouseStyle


def find_style_file(start: Path | None = None) -> Path | None:
    """plangen.toml, or a pyproject.toml with [tool.plangen.plan.style], from `start` upwards."""
    from plangen.settings import find_settings

    return find_settings("style", start)


def load_style(path: Path) -> HouseStyle | None:
    """The `[style]` table of a settings file, validated; None when the file has none."""
    from plangen.settings import line_of, read_table

    table, text = read_table(path, "style")
    if table is None:
        return None
    try:
        return HouseStyle.model_validate(table)
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            key = str(err["loc"][0]) if err["loc"] else "style"
            ctx = err.get("ctx") or {}
            if err["type"] == "extra_forbidden":
                message = _("unknown style setting `{key}`; settings are: {known}").format(
                    key=key, known=", ".join(HouseStyle.model_fields))
            elif "ge" in ctx or "le" in ctx:
                low, high = allowed_range(key)
                message = _("`{key}` = {value} is outside the range the decree allows ({low}–{high})").format(
                    key=key, value=err.get("input"), low=low, high=high)
            else:
                message = _("`{key}` must be a number (found {value!r})").format(key=key, value=err.get("input"))
            problems.append(Problem(str(path), line_of(text, key), 1 if line_of(text, key) else None,
                                    f"style.{key}: {message}"))
        raise PlangenError(problems) from None


def allowed_range(key: str) -> tuple[float, float]:
    """The lowest and highest value a style setting may take (the decree's range)."""
    metadata = HouseStyle.model_fields[key].metadata
    low = next(m.ge for m in metadata if hasattr(m, "ge"))
    high = next(m.le for m in metadata if hasattr(m, "le"))
    return low, high


def office_style(plan_path: str | Path | None) -> HouseStyle | None:
    """The house style of the office a plan file belongs to, or None."""
    if plan_path is None:
        return None
    found = find_style_file(Path(plan_path).parent)
    return load_style(found) if found else None
