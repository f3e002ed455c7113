"""The folder the editor was opened on: plans are read and written inside it only.

A name from the page is a path relative to the folder; it is refused when it climbs out (`..`),
is absolute, or leads out through a symbolic link (resolved, it must still be inside).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from plangen.errors import PlangenError
from plangen.i18n import _

PLAN_SUFFIXES = (".yaml", ".yml")
MAX_LISTED = 500  # plans listed on the start page
SKIPPED = {"node_modules", "__pycache__", "site-packages"}


class OutsideFolder(PlangenError):
    """A name that does not stand for a file inside the opened folder."""


@dataclass(frozen=True)
class Folder:
    root: Path  # resolved

    @classmethod
    def of(cls, path: Path) -> Folder:
        return cls(path.resolve())

    def inside(self, name: str, must_exist: bool = True, plan: bool = True) -> Path:
        """The file `name` stands for, inside the folder; OutsideFolder when it is not."""
        if not name or "\x00" in name or "\\" in name:
            raise OutsideFolder(_("no such plan in this folder"))
        pure = PurePosixPath(name)
        if pure.is_absolute() or any(part in ("..", "") for part in pure.parts) or name.startswith("~"):
            raise OutsideFolder(_("only files inside the opened folder can be used"))
        if plan and pure.suffix.lower() not in PLAN_SUFFIXES:
            raise OutsideFolder(_("a plan file ends in .yaml"))
        path = self.root.joinpath(*pure.parts)
        resolved = path.resolve()
        if not resolved.is_relative_to(self.root):
            raise OutsideFolder(_("only files inside the opened folder can be used (this one leads out of it)"))
        if must_exist and not resolved.is_file():
            raise OutsideFolder(_("no such plan in this folder"))
        return resolved

    def name_of(self, path: Path) -> str:
        return path.resolve().relative_to(self.root).as_posix()

    def plans(self) -> list[Path]:
        """The plan files of the folder and its subfolders (hidden ones left out)."""
        found: list[Path] = []
        for top, dirs, files in os.walk(self.root, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED)
            for f in sorted(files):
                if f.lower().endswith(PLAN_SUFFIXES) and not f.startswith("."):
                    path = Path(top, f)
                    if path.resolve().is_relative_to(self.root):
                        found.append(path)
                        if len(found) >= MAX_LISTED:
                            return found
        return found


def file_name(wanted: str, fallback: str) -> str:
    """A plan file name from what a person typed (`Kế hoạch 2027` → `ke-hoach-2027.yaml`)."""
    from plangen.registry import fold

    stem = wanted.strip().removesuffix(".yaml").removesuffix(".yml")
    folder, _sep, stem = stem.rpartition("/")
    slug = re.sub(r"[^a-z0-9]+", "-", fold(stem)).strip("-")[:60] or fallback
    folder = "/".join(re.sub(r"[^a-z0-9]+", "-", fold(p)).strip("-") for p in folder.split("/") if p)
    return f"{folder}/{slug}.yaml" if folder else f"{slug}.yaml"
