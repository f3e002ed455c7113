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


MAX_BYTES = 20 * 2**20
"""Upper bound on a baseline file (a fingerprint is 35 bytes: half a million findings)."""


class FileLines(dict):
    """The lines of each file, read once per run (files change between runs, never during one)."""

    def __missing__(self, file: str) -> tuple[str, ...]:
        from plangen.files import read_input

        try:
            self[file] = tuple(read_input(file, MAX_BYTES).decode("utf-8-sig").splitlines())
        except (PlangenError, UnicodeDecodeError):
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


def _spelt(file: str, base: Path | None) -> str:
    """The file as the baseline names it: relative to the baseline's folder, links and `./`
    resolved, so that `plans/a.yaml`, `./plans/a.yaml` and its full path are one file (and a
    baseline kept in a repository holds wherever the repository is checked out)."""
    if base is None:
        return Path(file).as_posix()
    import os

    return Path(os.path.relpath(os.path.realpath(file), os.path.realpath(base))).as_posix()


def fingerprint(f: Finding, files: dict | None = None, base: Path | None = None) -> str:
    key = "\0".join((f.rule, _spelt(f.file, base), " ".join(f.message.split()), place_text(f, files)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def read(path: Path) -> set[str]:
    from plangen.files import read_input

    data = read_input(path, MAX_BYTES, _("a baseline file"))
    prints = _fingerprints(data)
    if prints is None:
        raise PlangenError(Problem(str(path), None, None, _(
            "not a baseline file of plangen check (write one with --write-baseline)")))
    return prints


def _fingerprints(data: bytes) -> set[str] | None:
    """The fingerprints of a baseline file's content; None when it is not one."""
    try:
        prints = json.loads(data.decode("utf-8"))["fingerprints"]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError):
        return None
    if not isinstance(prints, list) or not all(isinstance(x, str) for x in prints):
        return None
    return set(prints)


def write(path: Path, findings: list[Finding], inputs: tuple = ()) -> None:
    """Write the baseline; an existing file is replaced only when it is a baseline itself (not a
    plan given after `--write-baseline` by mistake), and never when it is an input."""
    from plangen.files import read_input, refuse_inputs, write_atomically

    refuse_inputs(path, inputs)
    if path.exists():
        try:
            ours = _fingerprints(read_input(path, MAX_BYTES)) is not None
        except PlangenError:
            ours = False
        if not ours:
            raise PlangenError(Problem(str(path), None, None, _(
                "this file exists and is not a baseline of plangen check: it is left as it is (is it a plan "
                "given right after --write-baseline? the option takes the baseline's name first)")))
    base = path.parent
    data = {"version": VERSION, "tool": "plangen check",
            "fingerprints": sorted({fingerprint(f, files, base) for files in [FileLines()] for f in findings})}
    write_atomically((json.dumps(data, indent=2) + "\n").encode("utf-8"), path)


def without(findings: list[Finding], accepted: set[str], baseline: Path | None = None) -> list[Finding]:
    """The findings not accepted: matched as the baseline beside `baseline` spells them, or as a
    baseline written before paths were spelt so (relative to where plangen ran)."""
    files = FileLines()
    base = baseline.parent if baseline is not None else None
    return [f for f in findings
            if fingerprint(f, files, base) not in accepted and fingerprint(f, files) not in accepted]
