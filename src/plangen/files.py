"""Writing outputs: whole or not at all, with the permissions a plain file write would give.

Every output goes to a temporary file beside its target and is renamed over it, so a reader never
sees half a document. `mkstemp` makes that file readable by its owner only; it is given the
permissions the target already has, or, for a new file, those the user's umask gives (usually
rw-r--r--), so that colleagues sharing the folder can open the documents as before.

A rename needs only the right to write the folder: in a shared, group-writable folder it would
replace a colleague's read-only file and make it the user's own. So an existing target is replaced
only when a plain write could have changed it (a regular file the user may write, with a write
permission bit for someone), and the new file keeps its owner and group when the user may give them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path


def write_atomically(data: bytes, target: Path) -> None:
    """Write `data` to `target` through a temporary file and a rename."""
    with _temporary_beside(target) as tmp, open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def move_into_place(source: Path, target: Path) -> None:
    """Copy `source` to `target` through a temporary file and a rename (atomic on one file system)."""
    with _temporary_beside(target) as tmp:
        shutil.copyfile(source, tmp)


@contextlib.contextmanager
def _temporary_beside(target: Path) -> Iterator[str]:
    """A temporary file next to `target`, renamed over it when the block succeeds, removed if not."""
    before = _replaceable(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        if before is not None and hasattr(os, "chown"):
            _give_owner(tmp, before)  # before chmod: a change of owner may clear set-id bits
        os.chmod(tmp, _mode_for(target))
        yield tmp
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _replaceable(target: Path) -> os.stat_result | None:
    """The status of an existing target that a plain write could change (None: no such file);
    refused, named, when the user could not write it or it is not a regular file."""
    from plangen.errors import OutputError, Problem
    from plangen.i18n import _

    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return None
    except OSError:  # the folder cannot be searched: creating the temporary file reports it
        return None
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(Problem(str(target), None, None, _(
            "this is not a regular file (a link, a folder, a device…): plangen replaces regular files "
            "only; write the output elsewhere")))
    if not os.access(target, os.W_OK) or not info.st_mode & 0o222:  # root may write anything: the bits
        raise OutputError(Problem(str(target), None, None, _(
            "this file is read-only for you (its permissions or its owner do not let you change it): "
            "it is left as it is; write the output elsewhere, or ask its owner")))
    return info


def _give_owner(tmp: str, before: os.stat_result) -> None:
    """The replaced file's owner and group for the new one, as far as the user may give them."""
    for uid in (before.st_uid, -1):  # another user's file: at least its group
        try:
            os.chown(tmp, uid, before.st_gid)
            return
        except PermissionError:
            continue


def _mode_for(target: Path) -> int:
    try:
        return os.stat(target).st_mode & 0o7777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def refuse_to_overwrite(target: Path, force: bool) -> None:
    """A file someone may have edited is only replaced when they ask (`--force`): no lost work."""
    from plangen.errors import OutputError
    from plangen.i18n import _

    if target.exists() and not force:
        raise OutputError(_("{path} exists: use --force to overwrite it").format(path=target))
