"""The kept LibreOffice is reached by its owner alone (issue 23): nothing of it listens on TCP, its
sockets are in private folders and answer no other user; a stopped LibreOffice is restarted at once;
SIGTERM ends a batch and its workers as Ctrl-C does, and `server stop` in the middle of a command
leaves no folder; `--png` alone keeps no PDF and touches none of the user's."""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from cli_helpers import commune_batch, offices, run_cli
from conftest import EXAMPLES

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PLANGEN = Path(sys.executable).with_name("plangen")


def _uno_ready() -> bool:
    from plangen.office import kept

    if SOFFICE is None:
        return False
    try:
        kept.uno_python(SOFFICE)
        kept._unoserver_folder()
    except kept.OfficeUnavailable:
        return False
    return True


needs_uno = pytest.mark.skipif(not _uno_ready(), reason="LibreOffice, python3-uno or unoserver missing")


def _tcp_listeners(pids: set[int]) -> list[str]:
    """Lines of `ss -ltnp` (TCP sockets listening) owned by any of `pids`."""
    listed = subprocess.run(["ss", "-ltnpH"], capture_output=True, text=True, check=True).stdout
    return [line for line in listed.splitlines() if any(f"pid={pid}," in line for pid in pids)]


def _family(pid: int) -> set[int]:
    """`pid` and the processes it started, and theirs."""
    found, todo = {pid}, [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = {int(c) for c in (task / "children").read_text().split()}
            except OSError:
                continue
            todo += sorted(children - found)
            found |= children
    return found


def _private(folder: Path) -> bool:
    info = folder.lstat()
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077


@needs_uno
@pytest.mark.skipif(not shutil.which("ss"), reason="iproute2's ss missing")
def test_the_kept_libreoffice_listens_on_no_tcp_port_and_answers_its_owner_alone(tmp_path):
    from plangen.office import kept

    office = kept.converter(SOFFICE)
    assert office is not None
    try:
        family = _family(office.launcher.pid)
        assert len(family) >= 2  # the launcher and LibreOffice
        assert _tcp_listeners(family) == []
        unix = subprocess.run(["ss", "-lxpH"], capture_output=True, text=True, check=True).stdout
        sockets = [line.split()[4] for line in unix.splitlines() if any(f"pid={p}," in line for p in family)]
        channels = [Path(s) for s in sockets if ("OSL_PIPE" in s and "SingleOfficeIPC" not in s) or s.endswith("/rpc")]
        assert len(channels) == 2, sockets  # LibreOffice's UNO pipe and the launcher's XML-RPC socket
        for path in channels:
            assert _private(path.parent), path
        for path in (Path(s) for s in sockets if "SingleOfficeIPC" in s):  # LibreOffice's own, in /tmp
            assert not path.lstat().st_mode & 0o077, path
        docx = tmp_path / "plan.docx"
        assert run_cli_quiet("build", str(EXAMPLES / "hanoi-2025.yaml"), "-o", str(docx)) == 0
        kept.convert(SOFFICE, docx, tmp_path / "plan.pdf")
        assert (tmp_path / "plan.pdf").read_bytes().startswith(b"%PDF")
        if os.getuid() == 0 and shutil.which("setpriv"):  # another user cannot even reach the sockets
            for path in channels:
                other = subprocess.run(
                    ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-c",
                     "import socket, sys; s = socket.socket(socket.AF_UNIX)\n"
                     "try: s.connect(sys.argv[1])\nexcept PermissionError: sys.exit(7)\n", str(path)],
                    capture_output=True, text=True, timeout=30)
                assert other.returncode == 7, (path, other.stderr)
    finally:
        kept.stop()
    assert not any(path.parent.exists() for path in channels)  # both folders removed with it


def run_cli_quiet(*args: str) -> int:
    return subprocess.run([sys.executable, "-m", "plangen.cli", "--lang", "en", *args], capture_output=True,
                          timeout=120).returncode


@needs_uno
def test_a_stopped_libreoffice_is_restarted_at_once_not_after_the_timeout(tmp_path):
    from plangen.office import kept

    docx = tmp_path / "plan.docx"
    assert run_cli_quiet("build", str(EXAMPLES / "hanoi-2025.yaml"), "-o", str(docx)) == 0
    office = kept.converter(SOFFICE)
    assert office is not None and os.environ.get("PLANGEN_OFFICE_TIMEOUT") is None  # the default: 120 s
    try:
        stopped = office._pids()[1]
        os.kill(stopped, signal.SIGSTOP)
        start = time.monotonic()
        assert kept.convert(SOFFICE, docx, tmp_path / "plan.pdf")
        assert time.monotonic() - start < 30
        assert (tmp_path / "plan.pdf").read_bytes().startswith(b"%PDF")
        assert kept.converter(SOFFICE, start=False) is not office  # another LibreOffice
        with pytest.raises(ProcessLookupError):
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                os.kill(stopped, 0)
                time.sleep(0.05)
    finally:
        kept.stop()


def _tagged(marker: str) -> list[int]:
    """Processes whose environment holds `marker` (started by one command of a test)."""
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit() and int(proc.name) != os.getpid():
            try:
                environment = (proc / "environ").read_bytes().split(b"\0")
            except OSError:
                continue
            if f"PLANGEN_TEST_MARK={marker}".encode() in environment:
                found.append(int(proc.name))
    return found


def _ended(marker: str, within: float = 20) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not _tagged(marker):
            return True
        time.sleep(0.1)
    return False


def _batch(tmp_path: Path, rows: int, *options: str, env: dict | None = None) -> tuple[subprocess.Popen, Path, dict]:
    marker = uuid.uuid4().hex
    scratch = Path(tempfile.mkdtemp(prefix="pg-tmp-", dir=tmp_path))
    env = {**os.environ, **(env or {}), "PLANGEN_TEST_MARK": marker, "TMPDIR": str(scratch)}
    base, table = commune_batch(tmp_path, rows)
    out = tmp_path / "out"
    caller = subprocess.Popen([str(PLANGEN), "--lang", "en", "build", str(base), "--each", str(table), "-o", str(out),
                               "--jobs", "2", *options], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True)
    deadline = time.monotonic() + 120
    while not (out.is_dir() and len(list(out.glob("*.docx"))) >= 3) and time.monotonic() < deadline:
        time.sleep(0.05)
    return caller, out, {"marker": marker, "scratch": scratch, "env": env}


def _clean(out: Path, scratch: Path) -> None:
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
    assert not list(scratch.iterdir()), list(scratch.iterdir())  # no temporary folder left


def test_sigterm_ends_a_batch_and_its_workers_and_cleans_up(tmp_path):
    caller, out, run = _batch(tmp_path, 3000)
    assert caller.poll() is None, caller.stderr.read()
    caller.send_signal(signal.SIGTERM)  # as `timeout`, CI cancellation or systemd: to the main process only
    assert caller.wait(30) == 143
    assert _ended(run["marker"]), "worker processes left running"
    built = len(list(out.glob("*.docx")))
    time.sleep(1)
    assert len(list(out.glob("*.docx"))) == built < 3000
    _clean(out, run["scratch"])


@needs_uno
@pytest.mark.skipif(not shutil.which("ss"), reason="iproute2's ss missing")
def test_a_pdf_batch_keeps_offices_off_tcp_and_sigterm_ends_them(tmp_path):
    caller, out, run = _batch(tmp_path, 60, "--pdf")
    deadline = time.monotonic() + 120
    while not offices() and time.monotonic() < deadline:
        time.sleep(0.1)
    kept = offices()
    assert kept, "no LibreOffice kept running by the workers"
    family = set().union(*(_family(pid) for pid in _tagged(run["marker"])))
    assert _tcp_listeners(family) == []
    caller.send_signal(signal.SIGTERM)
    assert caller.wait(60) == 143
    assert _ended(run["marker"], 30), "processes left running"
    _clean(out, run["scratch"])


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the build server needs fork")
def test_server_stop_in_the_middle_of_a_command_leaves_no_folder(tmp_path):
    runtime = Path(tempfile.mkdtemp(prefix="pg-", dir="/tmp"))
    env = {"PLANGEN_RUNTIME_DIR": str(runtime)}
    try:
        scratch_env = {**os.environ, **env}
        started = subprocess.run([str(PLANGEN), "server", "start", "--idle", "5"], env=scratch_env,
                                 capture_output=True, text=True, timeout=120)
        assert started.returncode == 0, started.stderr
        caller, out, run = _batch(tmp_path, 3000, *(["--pdf"] if _uno_ready() else []), env=env)
        assert caller.poll() is None
        stopped = subprocess.run([str(PLANGEN), "server", "stop"], env=scratch_env, capture_output=True, text=True,
                                 timeout=60)
        assert stopped.returncode == 0, stopped.stderr
        caller.wait(60)
        assert _ended(run["marker"]), "processes left running"
        _clean(out, run["scratch"])
    finally:
        subprocess.run([str(PLANGEN), "server", "stop"], env={**os.environ, **env}, capture_output=True, timeout=60)
        shutil.rmtree(runtime, ignore_errors=True)


@needs_uno
@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils missing")
def test_png_alone_keeps_no_pdf_and_leaves_the_users(tmp_path, capsys):
    plan = tmp_path / "plan.yaml"
    plan.write_text((EXAMPLES / "hanoi-2026.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    mine = tmp_path / "plan.pdf"
    mine.write_bytes(b"%PDF-1.4 the user's own PDF")
    result = run_cli(capsys, "--lang", "en", "build", str(plan), "--png", "--force")
    assert result.code == 0, result.err
    assert mine.read_bytes() == b"%PDF-1.4 the user's own PDF"
    assert (tmp_path / "plan-1.png").read_bytes().startswith(b"\x89PNG")
    assert "plan.pdf" not in result.out


@needs_uno
def test_one_kept_libreoffice_reads_several_old_word_files(tmp_path):
    """`check a.doc b.doc c.doc` converts the three through one LibreOffice kept running (started
    once, as the kept one: `--accept`), not one LibreOffice started per file, and reads them as a
    LibreOffice started for each file would."""
    names = ("hanoi-2025", "vinhlong-2025", "thoxuan-2024")
    from docx import Document
    from docx.shared import Mm

    for margin, name in enumerate(names, start=40):  # a margin check reports, different in each file
        docx = tmp_path / f"{name}.docx"
        assert run_cli_quiet("build", str(EXAMPLES / f"{name}.yaml"), "-o", str(docx)) == 0
        document = Document(str(docx))
        document.sections[0].left_margin = Mm(margin)
        document.save(str(docx))
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "doc", "--outdir", str(tmp_path), *(str(tmp_path / f"{n}.docx") for n in names)],
                   capture_output=True, timeout=300, check=True)
    old = [str(tmp_path / f"{name}.doc") for name in names]
    wrapper = tmp_path / "bin" / "soffice"  # counts the LibreOffice starts
    wrapper.parent.mkdir()
    log = tmp_path / "starts.txt"
    wrapper.write_text(f'#!/bin/sh\necho "$@" >> {log}\nexec {shutil.which(SOFFICE)} "$@"\n')
    wrapper.chmod(0o755)
    env = dict(os.environ, PATH=f"{wrapper.parent}:{os.environ['PATH']}")
    env.pop("PLANGEN_OFFICE", None)

    def check(*extra: str, **more: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "plangen.cli", "--lang", "en", "check", "--format", "json",
                               *extra], capture_output=True, text=True, timeout=300, env=dict(env, **more))

    kept = check(*old)
    assert kept.returncode in (0, 1), kept.stderr
    starts = log.read_text().splitlines()
    assert len(starts) == 1 and "--accept=pipe" in starts[0], starts
    log.unlink()
    once = check(*old, PLANGEN_OFFICE="once")
    assert len(log.read_text().splitlines()) == 3  # the other way: one start per file
    assert kept.stdout == once.stdout  # the same reading
    said = json.loads(kept.stdout)
    assert {f["file"] for f in said} == set(old)
    assert all(any(f"left margin is {margin}.0 mm" in f["message"] for f in said if f["file"] == path)
               for margin, path in enumerate(old, start=40)), said
    alone = check(old[0])  # a single .doc: quicker with a LibreOffice started for it
    assert alone.returncode in (0, 1), alone.stderr
    assert "--convert-to docx" in log.read_text().splitlines()[-1]
