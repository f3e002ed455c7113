"""The plans open in the editor: each one's text as edited, its undo history, and what is on disk.

One `OpenPlan` per file, shared by every tab showing it: each edit names the version it was made
on and is refused when another tab (or an undo, or the file read again from disk) changed the plan
meanwhile, so that two tabs never apply an edit to a plan they did not see. The texts of the last
versions are kept: a change refused so may be made again on the plan as it is now when the field
it changes is still there as that page showed it (drafting.textedit.carries_over), never over
another change of that field. Edits are made one at a time (a lock), each in the
plan's text (drafting.textedit keeps the person's comments and key order). Saving writes the text
atomically and only over the file as it was opened: a file changed on disk meanwhile is not
overwritten unless the person says so.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plangen.errors import PlangenError
from plangen.i18n import _

UNDO_DEPTH = 200
VERSIONS_KEPT = 200  # the texts of the last versions, for a change made on one of them (a tab behind)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Conflict(PlangenError):
    """The page is behind the plan (another tab edited it), or the file changed on disk."""


@dataclass
class OpenPlan:
    path: Path
    name: str  # the path shown, relative to the opened folder
    text: str
    disk: str  # digest of the file's bytes as last read or written
    saved: str = ""  # its text then
    version: int = 0
    undo: list[tuple[str, str]] = field(default_factory=list)  # (text before, what was done)
    redo: list[tuple[str, str]] = field(default_factory=list)
    lock: threading.RLock = field(default_factory=threading.RLock)
    notice: str = ""  # said once on the next page shown (a reload from disk)
    last_pages: str = ""  # the digest of the last text whose pages were made (shown while it cannot be read)
    versions: dict[int, str] = field(default_factory=dict)  # version → its text (the last few)

    def __post_init__(self) -> None:
        self.versions[self.version] = self.text

    @property
    def dirty(self) -> bool:
        return self.text != self.saved

    def check_version(self, version: int | None) -> None:
        if version is not None and version != self.version:
            raise Conflict(_("the plan was changed meanwhile (in another tab, or by undo): the page "
                             "has been reloaded; make your change again"))

    def carries_over(self, version: int, path: tuple) -> bool:
        """Whether a change of the field at `path` made on `version` (a page behind the plan) can
        be made on the plan as it is now: that version is known, and the field is still there as
        it was then (not changed meanwhile itself, not moved by an item added or deleted)."""
        from plangen.drafting.textedit import carries_over

        with self.lock:
            before, now = self.data_at(version), self.data_at(self.version)
            return before is not None and now is not None and carries_over(path, before, now)

    def data_at(self, version: int) -> dict | None:
        """The plan's data as it was at `version`; None when that version is no longer kept, or
        its text was not YAML (the YAML tab's)."""
        from plangen.drafting.textedit import read

        text = self.versions.get(version)
        try:
            return None if text is None else read(text, self.name)
        except PlangenError:
            return None

    def _become(self, text: str) -> None:
        self.text = text
        self.version += 1
        self.versions[self.version] = text
        self.versions.pop(self.version - VERSIONS_KEPT, None)

    def change(self, text: str, what: str) -> None:
        """Take a new text (an edit made, the YAML tab saved), undoable."""
        if text == self.text:
            return
        if what.startswith("set ") and self.undo and self.undo[-1][1] == what and not self.redo:
            self._become(text)  # typing on in one field: one step to undo
            return
        self.undo.append((self.text, what))
        del self.undo[:-UNDO_DEPTH]
        self.redo.clear()
        self._become(text)

    def edit(self, edits: list[Any], version: int | None) -> bool:
        """Apply edits (drafting.textedit.Edit) made on `version`, as one step to undo; False
        when part of the plan had to be written afresh (its comments there lost)."""
        from plangen.drafting.textedit import apply

        with self.lock:
            self.check_version(version)
            text, kept = self.text, True
            for edit in edits:
                edited = apply(text, edit, self.name)
                text, kept = edited.text, kept and edited.kept
            if edits:
                self.change(text, f"{edits[-1].op} {list(edits[-1].path)}" if len(edits) == 1 else "edits")
            return kept

    def undo_last(self) -> bool:
        return self._step(self.undo, self.redo)

    def redo_last(self) -> bool:
        return self._step(self.redo, self.undo)

    def _step(self, back: list[tuple[str, str]], forth: list[tuple[str, str]]) -> bool:
        """Go back to the text on top of `back`, this one kept on `forth` (undo, or redo)."""
        with self.lock:
            if not back:
                return False
            text, what = back.pop()
            forth.append((self.text, what))
            self._become(text)
            return True

    def on_disk(self) -> bytes | None:
        try:
            return self.path.read_bytes()
        except OSError:
            return None

    def changed_on_disk(self) -> bool:
        data = self.on_disk()
        return data is None or digest(data) != self.disk

    def refresh_from_disk(self) -> None:
        """A file changed on disk while the plan has no unsaved edits: read it again (said once)."""
        with self.lock:
            data = self.on_disk()
            if data is None or digest(data) == self.disk or self.dirty:
                return
            from plangen.plan.yamlsource import read_text

            self.change(read_text(data, self.name), "reload")
            self.disk, self.saved = digest(data), self.text
            self.notice = _("the file was changed on disk: it has been read again")

    def reload(self) -> None:
        """Drop the unsaved edits and read the file as it is on disk (undoable)."""
        with self.lock:
            data = self.on_disk()
            if data is None:
                raise PlangenError(_("the file is no longer there"))
            from plangen.plan.yamlsource import read_text

            self.change(read_text(data, self.name), "reload")
            self.disk, self.saved = digest(data), self.text

    def save(self, overwrite: bool = False) -> None:
        """Write the text over the file, atomically; refused when the file changed on disk since
        it was read (unless `overwrite`)."""
        from plangen.files import write_atomically

        with self.lock:
            if not overwrite and self.changed_on_disk():
                raise Conflict(_("the file was changed on disk since it was opened: save anyway to "
                                 "replace it, or read it again (your unsaved edits are then dropped, "
                                 "undo brings them back)"))
            data = self.text.encode("utf-8")
            write_atomically(data, self.path)
            self.disk, self.saved = digest(data), self.text


class Documents:
    """The open plans of this editor, by file."""

    def __init__(self) -> None:
        self._open: dict[Path, OpenPlan] = {}
        self._lock = threading.Lock()

    def get(self, path: Path, name: str) -> OpenPlan:
        from plangen.plan.yamlsource import read_file

        with self._lock:
            plan = self._open.get(path)
            if plan is None:
                text = read_file(path)  # its checks: a regular file, not too large, UTF-8
                plan = OpenPlan(path, name, text, digest(path.read_bytes()), text)
                self._open[path] = plan
        plan.refresh_from_disk()
        return plan

    def forget(self, path: Path) -> None:
        with self._lock:
            self._open.pop(path, None)
