"""Findings already accepted (a baseline): not reported again, matched by a stable fingerprint.

A team adopting `plangen check` on existing plans records today's findings once
(`plangen check … --write-baseline .plangen-baseline.json`) and from then on sees only new ones
(`--baseline .plangen-baseline.json`). A finding is matched by its rule, its file, its message
with numbers kept, and the text of the place it points at — never by its line number, so that
lines added above it do not bring it back.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from plangen.check.finding import Finding
from plangen.errors import PlangenError, Problem
from plangen.i18n import _

VERSION = 1


class FileLines(dict):
    """The lines of each file, read once per run (files change between runs, never during one)."""

    def __missing__(self, file: str) -> tuple[str, ...]:
        try:
            self[file] = tuple(Path(file).read_text(encoding="utf-8-sig").splitlines())
        except (OSError, UnicodeDecodeError):
            self[file] = ()
        return self[file]


def place_text(f: Finding, files: dict | None = None) -> str:
    """The text the finding points at: a YAML line's text, a paragraph's first words."""
    if f.where.paragraph is not None:
        return f.where.words
    if f.where.line is not None and not f.file.lower().endswith(".docx"):
        lines = (files if files is not None else FileLines())[f.file]
        if 0 < f.where.line <= len(lines):
            return " ".join(lines[f.where.line - 1].split())
    return ""


def fingerprint(f: Finding, files: dict | None = None) -> str:
    key = "\0".join((f.rule, Path(f.file).as_posix(), " ".join(f.message.split()), place_text(f, files)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def read(path: Path) -> set[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        prints = data["fingerprints"]
        if not isinstance(prints, list) or not all(isinstance(x, str) for x in prints):
            raise ValueError
        return set(prints)
    except FileNotFoundError:
        raise PlangenError(Problem(str(path), None, None, _("baseline file not found"))) from None
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise PlangenError(Problem(str(path), None, None, _(
            "not a baseline file of plangen check (write one with --write-baseline)"))) from None


def write(path: Path, findings: list[Finding]) -> None:
    from plangen.files import write_atomically

    data = {"version": VERSION, "tool": "plangen check",
            "fingerprints": sorted({fingerprint(f, files) for files in [FileLines()] for f in findings})}
    write_atomically((json.dumps(data, indent=2) + "\n").encode("utf-8"), path)


def without(findings: list[Finding], accepted: set[str]) -> list[Finding]:
    files = FileLines()
    return [f for f in findings if fingerprint(f, files) not in accepted]
