"""The build server: commands sent by the `plangen` command run in it as they would on their own.

These tests run the installed `plangen` console script in real processes, with a server started in
a private folder of the test. Whether a command ran in the server is read from the caller's own
imports (`python -X importtime`): a command run in the server leaves typer unimported.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from plangen.cli import channel

from cli_helpers import commune_batch
from conftest import EXAMPLES

pytestmark = pytest.mark.skipif(not channel.supported(), reason="the build server needs fork and Unix sockets")

PLANGEN = Path(sys.executable).with_name("plangen")


def plangen(env: dict[str, str], *args: str, cwd: Path | None = None, umask: int = 0o022,
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-X", "importtime", str(PLANGEN), *args], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=timeout, umask=umask)


def served(result: subprocess.CompletedProcess[str]) -> bool:
    """The command ran in the server: the calling process imported no typer."""
    imports = [line for line in result.stderr.splitlines() if line.startswith("import time:")]
    assert imports, "no -X importtime output"
    return not any(line.split("|")[-1].strip() == "typer" for line in imports)


def messages(result: subprocess.CompletedProcess[str]) -> str:
    return "\n".join(line for line in result.stderr.splitlines() if not line.startswith("import time:"))


@pytest.fixture
def runtime():
    """Environment of a test: its own private runtime folder (a short path: sockets need one)."""
    folder = Path(tempfile.mkdtemp(prefix="pg-", dir="/tmp"))
    env = dict(os.environ, PLANGEN_RUNTIME_DIR=str(folder), PLANGEN_LANG="en")
    yield env
    subprocess.run([str(PLANGEN), "server", "stop"], env=env, capture_output=True, timeout=60)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def server(runtime):
    started = plangen(runtime, "server", "start", "--idle", "5")
    assert started.returncode == 0, started.stderr
    assert "build server running" in started.stdout
    return runtime


def server_pid(env: dict[str, str]) -> int:
    status = subprocess.run([str(PLANGEN), "server", "status"], env=env, capture_output=True, text=True)
    assert status.returncode == 0, status.stdout
    return int(status.stdout.split("process ")[1].split(",")[0])


def gone(pid: int, within: float = 15) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def test_a_build_runs_in_the_server_with_the_callers_folder_and_files(server, tmp_path):
    shutil.copy(EXAMPLES / "hanoi-2025.yaml", tmp_path / "plan.yaml")
    result = plangen(server, "build", "plan.yaml", "-o", "out/plan.docx", cwd=tmp_path)
    assert result.returncode == 0, messages(result)
    assert served(result)
    assert result.stdout == f"wrote {Path('out/plan.docx')}\n"  # on the caller's stdout, in its words
    alone = dict(server, PLANGEN_RUNTIME_DIR=str(tmp_path / "no-server"))
    by_itself = plangen(alone, "build", "plan.yaml", "-o", "alone.docx", cwd=tmp_path)
    assert by_itself.returncode == 0 and not served(by_itself)
    assert (tmp_path / "out" / "plan.docx").read_bytes() == (tmp_path / "alone.docx").read_bytes()


def test_errors_status_and_language_are_the_callers(server, tmp_path):
    missing = plangen(server, "build", "missing.yaml", cwd=tmp_path)
    assert served(missing)
    assert missing.returncode == 2
    assert messages(missing) == "missing.yaml: file not found"
    in_vietnamese = plangen(dict(server, PLANGEN_LANG="vi"), "build", "missing.yaml", cwd=tmp_path)
    assert messages(in_vietnamese) == "missing.yaml: không tìm thấy tệp"
    usage = plangen(server, "build", "--no-such-option", "x.yaml", cwd=tmp_path)
    assert served(usage) and usage.returncode == 2
    assert "No such option: --no-such-option" in messages(usage)
    assert "Traceback" not in messages(usage)


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600)])
def test_documents_get_the_permissions_of_the_callers_umask(server, tmp_path, umask, mode):
    result = plangen(server, "build", str(EXAMPLES / "hanoi-2025.yaml"), "-o", str(tmp_path / "p.docx"),
                     umask=umask)
    assert result.returncode == 0 and served(result)
    assert (tmp_path / "p.docx").stat().st_mode & 0o777 == mode


def test_status_and_stop(server):
    pid = server_pid(server)
    stopped = plangen(server, "server", "stop")
    assert stopped.returncode == 0 and f"build server stopped (process {pid})" in stopped.stdout
    assert gone(pid)
    assert not any(Path(server["PLANGEN_RUNTIME_DIR"]).glob("*.sock"))
    status = plangen(server, "server", "status")
    assert status.returncode == 1 and "no build server is running" in status.stdout


def test_a_killed_server_is_not_waited_for(server, tmp_path):
    pid = server_pid(server)
    os.kill(pid, signal.SIGKILL)
    assert gone(pid)
    assert any(Path(server["PLANGEN_RUNTIME_DIR"]).glob("*.sock"))  # left behind
    result = plangen(server, "build", str(EXAMPLES / "hanoi-2025.yaml"), "-o", str(tmp_path / "p.docx"))
    assert result.returncode == 0 and not served(result)
    restarted = plangen(server, "server", "start")
    assert restarted.returncode == 0, messages(restarted)
    again = plangen(server, "build", str(EXAMPLES / "hanoi-2025.yaml"), "-o", str(tmp_path / "p.docx"))
    assert again.returncode == 0 and served(again)


def test_an_idle_server_stops_by_itself(runtime):
    assert plangen(runtime, "server", "start", "--idle", "0.01").returncode == 0
    assert gone(server_pid(runtime))
    assert not any(Path(runtime["PLANGEN_RUNTIME_DIR"]).glob("*.sock"))


def test_a_folder_others_can_open_is_refused(runtime, tmp_path):
    os.chmod(runtime["PLANGEN_RUNTIME_DIR"], 0o777)
    refused = plangen(runtime, "server", "start")
    assert refused.returncode == 2
    assert "only you can open" in messages(refused) and "Traceback" not in messages(refused)
    result = plangen(runtime, "build", str(EXAMPLES / "hanoi-2025.yaml"), "-o", str(tmp_path / "p.docx"))
    assert result.returncode == 0 and not served(result)


def test_ctrl_c_stops_the_command_in_the_server(server, tmp_path):
    rows = 2000
    caller, out = _long_batch(tmp_path, server, rows)
    caller.send_signal(signal.SIGINT)
    _out, err = caller.communicate(timeout=30)
    assert caller.returncode == 130, err
    assert "Traceback" not in err
    time.sleep(1)
    assert len(list(out.glob("*.docx"))) < rows


def test_a_server_that_does_not_answer_is_not_waited_for_and_never_runs_the_command_too(server, tmp_path):
    pid = server_pid(server)
    os.kill(pid, signal.SIGSTOP)  # wedged: connections wait in its backlog
    try:
        target = tmp_path / "p.docx"
        result = plangen(server, "build", str(EXAMPLES / "hanoi-2025.yaml"), "-o", str(target))
        assert result.returncode == 0 and not served(result)
        built = target.stat()
    finally:
        os.kill(pid, signal.SIGCONT)
    time.sleep(2)  # the server now takes the abandoned request: it must not build the plan again
    again = target.stat()
    assert (again.st_ino, again.st_mtime_ns) == (built.st_ino, built.st_mtime_ns)
    assert served(plangen(server, "build", str(EXAMPLES / "hanoi-2025.yaml"), "-o", str(target)))


def test_the_server_keeps_no_file_of_whoever_started_it(runtime):
    import select

    read_end, write_end = os.pipe()
    try:
        started = subprocess.run([str(PLANGEN), "server", "start"], env=runtime, pass_fds=[write_end],
                                 capture_output=True, timeout=60)
        assert started.returncode == 0
        os.close(write_end)
        write_end = -1
        readable, _, _ = select.select([read_end], [], [], 10)
        assert readable and os.read(read_end, 1) == b""  # end of file: nobody holds the pipe open
    finally:
        os.close(read_end)
        if write_end >= 0:
            os.close(write_end)


def _long_batch(tmp_path: Path, env: dict[str, str], rows: int = 3000) -> tuple[subprocess.Popen, Path]:
    """A caller building one plan per CSV row through the server, once it has written a document."""
    base, table = commune_batch(tmp_path, rows)
    out = tmp_path / "out"
    caller = subprocess.Popen([str(PLANGEN), "build", str(base), "--each", str(table),
                               "-o", str(out), "--jobs", "2"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (out.is_dir() and any(out.glob("*.docx"))) and time.monotonic() < deadline:
        time.sleep(0.05)
    return caller, out


def _settled(out: Path) -> bool:
    """No document is being written any more."""
    before = len(list(out.glob("*.docx")))
    time.sleep(1.5)
    return len(list(out.glob("*.docx"))) == before


def test_a_command_whose_caller_is_killed_ends_and_lets_the_server_go_idle(runtime, tmp_path):
    assert plangen(runtime, "server", "start", "--idle", "0.05").returncode == 0
    pid = server_pid(runtime)
    caller, out = _long_batch(tmp_path, runtime)
    caller.kill()  # as the out-of-memory killer or a closed terminal would: nothing is forwarded
    caller.wait(timeout=30)
    time.sleep(4)
    assert _settled(out)
    assert len(list(out.glob("*.docx"))) < 3000
    # nothing keeps it from its idle exit, which waits for the command (and so its workers) to end
    assert gone(pid, within=30)
    assert not list(out.glob(".*tmp*")) and not list(out.glob("*.tmp"))  # they ended cleanly


def test_stopping_the_server_ends_the_commands_it_runs(server, tmp_path):
    pid = server_pid(server)
    caller, out = _long_batch(tmp_path, server)
    stopped = plangen(server, "server", "stop")
    assert stopped.returncode == 0
    _out, err = caller.communicate(timeout=30)
    assert caller.returncode != 0 and "Traceback" not in err
    assert gone(pid) and _settled(out)
    assert len(list(out.glob("*.docx"))) < 3000


def test_starting_several_servers_at_once_leaves_one(runtime):
    starts = [subprocess.Popen([str(PLANGEN), "server", "start", "--idle", "5"], env=runtime,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(8)]
    outputs = [p.communicate(timeout=120) for p in starts]
    assert all(p.returncode == 0 for p in starts), outputs
    pids = {out.split("process ")[1].split(",")[0].split(")")[0] for out, _err in outputs}
    assert len(pids) == 1, outputs
    assert len(list(Path(runtime["PLANGEN_RUNTIME_DIR"]).glob("*.sock"))) == 1


@pytest.mark.parametrize("idle", ["nan", "inf", "-1", "0"])
def test_an_idle_time_that_is_not_a_number_of_minutes_is_refused(runtime, idle):
    refused = plangen(runtime, "server", "start", "--idle", idle)
    assert refused.returncode == 2 and "--idle" in messages(refused), messages(refused)
    assert plangen(runtime, "server", "status").returncode == 1


def test_an_interrupt_leaves_no_destructor_traceback(tmp_path):
    """Ctrl-C in the middle of writing a zip member: the half-written archive is collected on the
    way out, and ZipFile's destructor complains ("Close the writing handle before closing the
    zip"); the user sees exit 130 and no traceback."""
    script = tmp_path / "interrupted.py"
    script.write_text(
        "import sys\n"
        "import plangen.cli.app as app\n"
        "class HalfWritten:  # as a zip whose member was being written: its destructor raises\n"
        "    def __del__(self):\n"
        "        raise ValueError('Close the writing handle before closing the zip.')\n"
        "def interrupted(*args, **kwargs):\n"
        "    app._kept = HalfWritten()  # collected as the interpreter ends\n"
        "    raise KeyboardInterrupt\n"
        "type(app.app).__call__ = interrupted\n"
        "sys.argv = ['plangen', 'build', 'x.yaml']\n"
        "app.main()\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 130, result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr, result.stderr
