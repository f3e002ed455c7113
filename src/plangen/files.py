"""Writing outputs: whole or not at all, with the permissions a plain file write would give.

Every output goes to a temporary file beside its target and is renamed over it, so a reader never
sees half a document. `mkstemp` makes that file readable by its owner only; it is given the
permissions the target already has, or, for a new file, those the user's umask gives (usually
rw-r--r--), so that colleagues sharing the folder can open the documents as before.
"""

from __future__ import annotations

import contextlib
import os
import shutil
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
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        os.chmod(tmp, _mode_for(target))
        yield tmp
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


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
