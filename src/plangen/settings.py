"""Finding an office's settings file: `plangen.toml`, or `pyproject.toml` with `[tool.plangen.…]`.

Settings are looked up from the plan's folder (or the current one) upwards, and the search stops
at a repository's root (a folder with `.git`) or the user's home, so that a file planted higher up
(a shared /tmp, a colleague's folder) cannot silence the checks or change the layout. A file that
another user owns, or that others may write, is passed over for the same reason.
"""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path


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
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
                continue
            if table in data.get("tool", {}).get("plangen", {}):
                return candidate
    return None
