"""Outputs are written whole or not at all, with the permissions a plain write would give them."""

from __future__ import annotations

import os

import pytest

from plangen.files import move_into_place, write_atomically

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
