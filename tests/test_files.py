"""Outputs are written whole or not at all, with the permissions a plain write would give them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from plangen.files import move_into_place, write_atomically

from cli_helpers import run_cli

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


@pytest.fixture
def umask():
    def set_mask(mask: int) -> None:
        os.umask(mask)

    previous = os.umask(0o022)
    yield set_mask
    os.umask(previous)


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_new_file_gets_the_umasks_permissions(tmp_path, umask, mask, mode):
    umask(mask)
    write_atomically(b"x", tmp_path / "a.docx")
    move_into_place(tmp_path / "a.docx", tmp_path / "b.pdf")
    assert (tmp_path / "a.docx").stat().st_mode & 0o777 == mode
    assert (tmp_path / "b.pdf").stat().st_mode & 0o777 == mode


def test_a_replaced_file_keeps_its_permissions_and_nothing_is_left_behind(tmp_path):
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomically(b"new", target)
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")
    with pytest.raises(TypeError):
        write_atomically("not bytes", target)  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]


GOOD = Path(__file__).parent / "fixtures" / "check" / "good.yaml"


def build(capsys, tmp_path: Path, output: Path, lang: str = "en"):
    plan = tmp_path / "plan.yaml"
    plan.write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    return run_cli(capsys, "--lang", lang, "build", str(plan), "-o", str(output))


def test_a_read_only_output_is_refused_and_left_unchanged(tmp_path, capsys):
    # renaming over it would succeed (the folder is writable), a plain write would not: refused,
    # for root too (root may write anything, but a file nobody may write says "do not change me")
    target = tmp_path / "plan.docx"
    target.write_bytes(b"a colleague's document")
    target.chmod(0o444)
    result = build(capsys, tmp_path, target)
    assert result.code == 2 and "Traceback" not in result.err
    assert f"{target}: this file is read-only for you" in result.err
    assert target.read_bytes() == b"a colleague's document" and target.stat().st_mode & 0o777 == 0o444
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.docx", "plan.yaml"]  # no temporary left
    result = build(capsys, tmp_path, target, lang="vi")
    assert result.code == 2 and f"{target}: bạn chỉ được đọc tệp này" in result.err


def test_a_colleagues_file_in_a_shared_folder_is_not_taken_over():
    """A folder all may write, a file its owner alone may write: another user's output is refused."""
    import shutil
    import tempfile

    shared = Path(tempfile.mkdtemp(prefix="plangen-shared-"))  # not under tmp_path: others must reach it
    try:
        shared.chmod(0o777)
        _check_shared_folder(shared)
    finally:
        shutil.rmtree(shared)


def _check_shared_folder(shared: Path) -> None:
    from plangen.errors import OutputError

    target = shared / "plan.docx"
    target.write_bytes(b"theirs")
    if os.geteuid() != 0:  # my own file whose owner bits forbid writing (os.access says no), group may
        target.chmod(0o464)
        with pytest.raises(OutputError, match=r"plan\.docx"):
            write_atomically(b"mine", target)
    else:  # root owns it; a child process becomes another user (os.access is always yes for root)
        target.chmod(0o644)
        if any(not folder.stat().st_mode & 0o001 for folder in shared.parents):
            pytest.skip(f"{shared.parent} cannot be reached by another user (set TMPDIR to /tmp)")
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            code = 3
            try:
                os.setgid(65534)
                os.setuid(65534)
                write_atomically(b"mine", target)
                code = 0
            except OutputError:
                code = 2
            except BaseException as exc:
                os.write(2, f"{exc!r}\n".encode())
            finally:
                os._exit(code)
        _pid, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 2
    assert target.read_bytes() == b"theirs" and [p.name for p in shared.iterdir()] == ["plan.docx"]


def test_a_replaced_output_keeps_its_mode_and_owner(tmp_path, capsys):
    target = tmp_path / "plan.docx"
    target.write_bytes(b"old")
    target.chmod(0o660)
    root = os.geteuid() == 0
    if root:  # only root can make a file someone else's, to see that it stays theirs
        os.chown(target, 1234, 5678)
    before = target.stat()
    result = build(capsys, tmp_path, target)
    assert result.code == 0, result.err
    after = target.stat()
    assert target.read_bytes() != b"old" and after.st_mode & 0o7777 == 0o660
    assert (after.st_uid, after.st_gid) == (before.st_uid, before.st_gid)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.docx", "plan.yaml"]


def test_a_link_is_not_replaced(tmp_path, capsys):
    elsewhere = tmp_path / "elsewhere.docx"
    elsewhere.write_bytes(b"other")
    link = tmp_path / "plan.docx"
    link.symlink_to(elsewhere)
    result = build(capsys, tmp_path, link, lang="vi")
    assert result.code == 2 and f"{link}: đây không phải tệp thông thường" in result.err
    assert link.is_symlink() and elsewhere.read_bytes() == b"other"
