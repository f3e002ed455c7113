"""Run the CLI in-process, as a user would from the shell (exit status and both streams)."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from plangen.cli.app import main


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> Result:
    old = sys.argv
    sys.argv = ["plangen", *args]
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.argv = old
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


LIMIT_S = 10
LIMIT_MB = 1024


def rebuilt(source: Path, target: Path, change) -> Path:
    """`source` with its members changed by `change(members)`."""
    with zipfile.ZipFile(source) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    change(members)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return target


def run_bounded(*args: str) -> subprocess.CompletedProcess:
    """`plangen ARGS` in a child process; its time and peak memory must stay within the limits."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "plangen.cli", "--lang", "en", *args], capture_output=True,
                          text=True, timeout=60)
    elapsed = time.monotonic() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert elapsed < LIMIT_S, f"took {elapsed:.1f} s"
    assert peak_mb < LIMIT_MB or before / 1024 >= LIMIT_MB, f"peak memory {peak_mb:.0f} MB"
    assert "Traceback" not in proc.stderr
    return proc


def commune_batch(folder: Path, rows: int) -> tuple[Path, Path]:
    """A base plan (the Hà Nội example, its place a variable) and a CSV of `rows` communes."""
    examples = Path(__file__).resolve().parent.parent / "examples"
    base = folder / "base.yaml"
    base.write_text((examples / "hanoi-2025.yaml").read_text(encoding="utf-8").replace(
        "place: Hà Nội", 'place: "{{ xa }}"'), encoding="utf-8")
    table = folder / "xa.csv"
    table.write_text("xa\n" + "".join(f"Xã {i}\n" for i in range(rows)), encoding="utf-8")
    return base, table


RUN = f"{os.getpid()}-{time.time_ns()}"
os.environ["PLANGEN_TEST_RUN"] = RUN  # inherited by every process this test run starts


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return 0


def offices(own: bool = False) -> list[int]:
    """LibreOffice processes kept by plangen (launched by office/launcher.py) for this test run
    (other runs on the machine are not counted: their environment says so); those of this very
    process (its in-process conversions) only when `own`."""
    found = subprocess.run(["pgrep", "-f", "soffice.bin.*plangen-office"], capture_output=True, text=True)
    pids = []
    for pid in map(int, found.stdout.split()):
        try:
            environment = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if f"PLANGEN_TEST_RUN={RUN}".encode() not in environment:
            continue
        launcher = _parent(pid)
        if own or _parent(launcher) != os.getpid():
            pids.append(pid)
    return pids
