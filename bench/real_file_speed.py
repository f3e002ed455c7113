"""Benchmark (not a test): `plangen import` and `plangen check` of a real Word file, whole process,
against the time pandoc takes to read the same file (`pandoc F.docx -t plain`).

    .venv/bin/python bench/real_file_speed.py FILE.docx [FILE.doc …] [--repeat 5]

Each command runs as a person runs it (a new process: Python's start-up and imports counted), the
median of `--repeat` runs after one warm-up, in wall-clock time and in CPU time (user + system,
steadier when other work shares the machine); the three commands take turns, so that a machine busy
with something else slows them alike. A run that fails (import not 0, check not 0 or 1) stops the
bench: a fast failure is no result. PYTHONDONTWRITEBYTECODE is dropped from the commands'
environment: an installed plangen has its compiled modules (pip writes them), and without them every
run would compile the source anew. Target: plangen import and check each within pandoc's time.
A .doc is read through LibreOffice; its time is shown with plangen's, pandoc cannot read it.
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PLANGEN = Path(sys.executable).with_name("plangen")
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(command: list[str], ok: tuple[int, ...]) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds: user + system of the command and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, check=False, env=ENV)
    took = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in ok:
        sys.exit(f"{' '.join(command)}: exit {proc.returncode}\n{proc.stderr.decode(errors='replace')[-2000:]}")
    return took, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def medians(commands: dict[str, tuple[list[str], tuple[int, ...]]], repeat: int) -> dict[str, tuple[float, float]]:
    for command, ok in commands.values():  # warm-up: caches, compiled modules
        run(command, ok)
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, (command, ok) in commands.items():
            runs[name].append(run(command, ok))
    return {name: (statistics.median(t[0] for t in times), statistics.median(t[1] for t in times))
            for name, times in runs.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--server", action="store_true",
                        help="also through the build server (`plangen server start`), in a private runtime folder")
    args = parser.parse_args()
    pandoc = shutil.which("pandoc")
    with tempfile.TemporaryDirectory() as tmp:
        ENV["PLANGEN_RUNTIME_DIR"] = str(Path(tmp, "run"))  # no server but the one started here
        out = Path(tmp, "plan.yaml")
        print(f"median of {args.repeat}, whole process: wall-clock seconds (CPU seconds: steadier on a busy machine)")
        print(f"{'file':40} {'pandoc':>13} {'import':>13} {'check':>13}")
        for file in args.files:
            commands = {
                "import": ([str(PLANGEN), "import", str(file), "-o", str(out), "--force"], (0,)),
                "check": ([str(PLANGEN), "check", str(file)], (0, 1)),
            }
            if pandoc and file.suffix.lower() == ".docx":
                commands["pandoc"] = ([pandoc, str(file), "-t", "plain", "-o", os.devnull], (0,))
            took = medians(commands, args.repeat)
            shown = [f"{wall:5.2f} ({cpu:4.2f})" for wall, cpu in
                     (took.get(name, (math.nan, math.nan)) for name in ("pandoc", "import", "check"))]
            print(f"{file.name[:40]:40} " + " ".join(f"{s:>13}" for s in shown))
            if args.server:
                run([str(PLANGEN), "server", "start"], (0,))
                try:
                    took = medians(commands, args.repeat)
                finally:
                    run([str(PLANGEN), "server", "stop"], (0,))
                shown = [f"{took[name][0]:5.2f}" for name in ("pandoc", "import", "check") if name in took]
                print(f"{'  with the build server running':40} " + " ".join(f"{s:>13}" for s in shown)
                      + "  (wall-clock; CPU is the server's)")


if __name__ == "__main__":
    main()
