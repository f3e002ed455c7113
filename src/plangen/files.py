"""Reading inputs within bounds; writing outputs whole or not at all, never over an input, with
the permissions a plain file write would give.

Every file plangen reads (a plan, a Word file, a template, settings, a registry, a baseline, a CSV
table) is read by `read_input`: a regular file up to a size bound, so that /dev/zero, a FIFO, a
folder or a huge file is refused with its name (exit 2) instead of filling the memory or waiting
forever.

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
from collections.abc import Iterable, Iterator
from pathlib import Path


def write_atomically(data: bytes, target: Path) -> None:
    """Write `data` to `target` through a temporary file and a rename; OutputError naming the
    target when it cannot be written (a full disk, a folder one may not write, a name too long)."""
    with _cannot_write(target), _temporary_beside(target) as tmp, open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def move_into_place(source: Path, target: Path) -> None:
    """Copy `source` to `target` through a temporary file and a rename (atomic on one file system)."""
    with _cannot_write(target), _temporary_beside(target) as tmp:
        shutil.copyfile(source, tmp)


@contextlib.contextmanager
def _cannot_write(target: Path) -> Iterator[None]:
    from plangen.errors import OutputError, Problem
    from plangen.i18n import _

    try:
        yield
    except OSError as exc:
        raise OutputError(Problem(str(target), None, None, _("cannot write ({reason})").format(
            reason=exc.strerror or exc))) from None


_NAME_BYTES = 255  # the longest file name most file systems take


@contextlib.contextmanager
def _temporary_beside(target: Path) -> Iterator[str]:
    """A temporary file next to `target`, renamed over it when the block succeeds, removed if not."""
    before = _replaceable(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{_shortened(target.name, _NAME_BYTES - 24)}.", suffix=".tmp",
                               dir=target.parent)
    try:  # from the moment it exists: an interruption (Ctrl-C, a batch stopped) removes it too
        os.close(fd)
        if before is not None and hasattr(os, "chown"):
            _give_owner(tmp, before)  # before chmod: a change of owner may clear set-id bits
        os.chmod(tmp, _mode_for(target))
        yield tmp
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _shortened(name: str, size: int) -> str:
    """`name` cut to at most `size` bytes of UTF-8, on a character boundary: the temporary twin of
    a file whose name is near the limit must still be a valid name."""
    return name.encode("utf-8", "surrogateescape")[:size].decode("utf-8", "ignore")


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


def refuse_to_overwrite(target: Path, force: bool, inputs: Iterable[Path | None] = ()) -> None:
    """A file someone may have edited is only replaced when they ask (`--force`): no lost work.
    An input of the same command is never replaced, `--force` or not."""
    from plangen.errors import OutputError
    from plangen.i18n import _

    refuse_inputs(target, inputs)
    if target.exists() and not force:
        raise OutputError(_("{path} exists: use --force to overwrite it").format(path=target))


def refuse_inputs(target: Path, inputs: Iterable[Path | None]) -> None:
    """OutputError when `target` is one of the command's input files (however its path is
    spelled: a link, `./`, another name of the same file): an output never replaces an input."""
    from plangen.errors import OutputError, Problem
    from plangen.i18n import _

    for source in inputs:
        if source is not None and _same_file(target, Path(source)):
            raise OutputError(Problem(str(target), None, None, _(
                "this is an input of the command ({source}): plangen never writes over its inputs; "
                "name another output").format(source=source)))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


# --- reading inputs ------------------------------------------------------------------------

INPUT_BYTES = 50 * 2**20
"""Upper bound on a file plangen reads whole (a Word file, a PDF, a template); plans, tables,
settings and baselines have smaller bounds of their own."""


ODT_MIMETYPE = b"mimetypeapplication/vnd.oasis.opendocument.text"


def is_opendocument_text(data: bytes) -> bool:
    """An OpenDocument text (.odt, LibreOffice Writer's own format): a zip whose first member, stored
    uncompressed, is its `mimetype` (ODF 1.2, part 3, 3.3); its template (.ott) is not a plan."""
    return (data[30:30 + len(ODT_MIMETYPE)] == ODT_MIMETYPE
            and not data[30 + len(ODT_MIMETYPE):].startswith(b"-template"))


def read_input(path: str | Path, limit: int = INPUT_BYTES, kind: str = "") -> bytes:
    """The bytes of a regular file, read up to `limit`; PlanInputError naming the file when it is
    missing, a folder, a device or a FIFO (opened without waiting for a writer), unreadable, or
    larger than `limit` (checked again while reading: the file may grow). `kind` names what such
    a file is, for the size message ("a plan", translated)."""
    from plangen.errors import PlanInputError, Problem
    from plangen.i18n import _

    def refused(message: str) -> PlanInputError:
        return PlanInputError(Problem(str(path), None, None, message))

    too_big = _("the file is larger than {n} MB: {kind} is far smaller").format(
        n=max(1, limit // 2**20), kind=kind or _("a plan"))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise refused(_("file not found")) from None
    except IsADirectoryError:
        raise refused(_("this is a folder, not a file")) from None
    except OSError as exc:
        raise refused(_("cannot read the file ({reason})").format(reason=exc.strerror or exc)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise refused(_("this is a folder, not a file"))
        if not stat.S_ISREG(info.st_mode):
            raise refused(_("this is not a regular file (a device, a pipe…): plangen reads files only"))
        if info.st_size > limit:
            raise refused(too_big)
        chunks, size = [], 0
        while size <= limit and (chunk := os.read(fd, min(limit + 1 - size, 1 << 24) or 1)):
            chunks.append(chunk)
            size += len(chunk)
        data = b"".join(chunks)
    except OSError as exc:
        raise refused(_("cannot read the file ({reason})").format(reason=exc.strerror or exc)) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise refused(too_big)
    return data
