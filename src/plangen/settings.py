"""Finding an office's settings file: `plangen.toml`, or `pyproject.toml` with `[tool.plangen.…]`.

Settings are looked up from the plan's folder (or the current one) upwards, and the search stops
at a repository's root (a folder with `.git`) or the user's home, so that a file planted higher up
(a shared /tmp, a colleague's folder) cannot silence the checks or change the layout. A file that
another user owns, or that others may write, is passed over for the same reason.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from pathlib import Path

from plangen.errors import PlangenError
from plangen.files import read_input


def trusted(path: Path) -> bool:
    """A regular file of this user (or root's), not writable by others."""
    try:
        info = path.stat()
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode):
        return False
    if not hasattr(os, "getuid"):  # Windows: ownership is not comparable this way
        return True
    return info.st_uid in (os.getuid(), 0) and not info.st_mode & (stat.S_IWOTH | stat.S_IWGRP)


def _folders(start: Path) -> list[Path]:
    """`start` and its parents, up to the repository root or the home folder (included)."""
    home = Path.home().resolve()
    out = []
    for folder in (start, *start.parents):
        out.append(folder)
        if folder == home or (folder / ".git").exists():
            break
    return out


def find_file(name: str, start: Path | None = None) -> Path | None:
    """A trusted file called `name` in `start` or a folder above it (within the same bounds)."""
    here = (start or Path.cwd()).resolve()
    return next((f / name for f in _folders(here) if (f / name).is_file() and trusted(f / name)), None)


def find_settings(table: str, start: Path | None = None) -> Path | None:
    """plangen.toml, or a pyproject.toml with `[tool.plangen.<table>]`, from `start` upwards."""
    here = (start or Path.cwd()).resolve()
    for folder in _folders(here):
        candidate = folder / "plangen.toml"
        if candidate.is_file() and trusted(candidate):
            return candidate
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and trusted(candidate):
            try:
                data, _text = _parsed(candidate, read_input(candidate, MAX_BYTES))
            except PlangenError:
                continue
            if _nested(data, "tool", "plangen", table) is not None:
                return candidate
    return None


MAX_BYTES = 2**20
"""Upper bound on a settings file (plangen.toml, pyproject.toml): a few lines of settings."""


def _parsed(path: Path, data: bytes) -> tuple[dict, str]:
    """The TOML of a settings file and its text; PlangenError naming it when it is not UTF-8,
    broken, or nested without end."""
    from plangen.errors import Problem
    from plangen.i18n import _

    try:
        text = data.decode("utf-8")
        return tomllib.loads(text), text
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError) as exc:
        reason = _("nested too deeply") if isinstance(exc, RecursionError) else exc
        raise PlangenError(Problem(str(path), None, None, _(
            "cannot read the settings ({reason})").format(reason=reason))) from None


def _nested(data: object, *keys: str) -> object:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def read_table(path: Path, table: str) -> tuple[dict | None, str]:
    """The `[<table>]` of a settings file (`[tool.plangen.<table>]` in a pyproject.toml; either
    layout in a file given by `--config`), and the file's text; None when it has none. A value
    that is not a table (`check = 5`) is refused at its line."""
    from plangen.errors import PlangenError, Problem
    from plangen.i18n import _

    data, text = _parsed(path, read_input(path, MAX_BYTES, _("a settings file")))
    found = None if path.name == "pyproject.toml" else data.get(table)
    if found is None:
        found = _nested(data, "tool", "plangen", table)
    if found is not None and not isinstance(found, dict):
        line = next((n for n, t in enumerate(text.splitlines(), 1)
                     if t.strip().startswith((table, f"[{table}", "tool", "[tool"))), None)
        raise PlangenError(Problem(str(path), line, 1 if line else None, _(
            "`{table}` must be a table: write `[{table}]` on its own line and the settings under it").format(
                table=table)))
    return found, text


def line_of(text: str, key: str) -> int | None:
    """The line where `key = …` is written in a settings file (TOML gives no positions)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(rf"\s*{re.escape(key)}\s*=", line):
            return number
    return None
