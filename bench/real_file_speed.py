"""Benchmark (not a test): `plangen import` and `plangen check` of a real Word file, whole process,
against the time pandoc takes to read the same file (`pandoc F.docx -t plain`).

    .venv/bin/python bench/real_file_speed.py FILE.docx [FILE.doc …] [--repeat 5]

Each command runs as a person runs it (a new process: Python's start-up and imports counted), the
median of `--repeat` runs after one warm-up. Target: plangen import and check each within pandoc's
time. A .doc is read through LibreOffice; its time is shown with plangen's, pandoc cannot read it.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLANGEN = Path(sys.executable).with_name("plangen")


def timed(command: list[str], repeat: int) -> float:
    subprocess.run(command, capture_output=True, check=False)
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    pandoc = shutil.which("pandoc")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp, "plan.yaml")
        print(f"{'file':45} {'pandoc':>8} {'import':>8} {'check':>8}")
        for file in args.files:
            reference = (timed([pandoc, str(file), "-t", "plain", "-o", "/dev/null"], args.repeat)
                         if pandoc and file.suffix.lower() == ".docx" else float("nan"))
            imported = timed([str(PLANGEN), "import", str(file), "-o", str(out), "--force"], args.repeat)
            checked = timed([str(PLANGEN), "check", str(file)], args.repeat)
            print(f"{file.name[:45]:45} {reference:7.2f}s {imported:7.2f}s {checked:7.2f}s")


if __name__ == "__main__":
    main()
