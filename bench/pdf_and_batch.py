"""Benchmark (not a test): PDFs through a LibreOffice kept running, and batches of separate files.

    .venv/bin/python bench/pdf_and_batch.py [--pdfs 100] [--plans 1000] [--jobs 2]

Measures, in one run, on the Hà Nội 2025 example (8 pages) varied over communes:
- N plans with PDFs on 2 workers: LibreOffice kept running (office.py) vs started for each
  document (`PLANGEN_OFFICE=once`), in PDFs per second (target: at least 10);
- one `plangen build plan.yaml --pdf`: on its own, and with the build server running (which
  keeps its LibreOffice running; target: under 1 s);
- N separate plan files on 2 workers vs one base plan with N CSV rows (`--each`), in plans per
  second (target: at least 150 for separate files).
Results: a table on stdout and bench/results/pdf_and_batch.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "hanoi-2025.yaml"
PLANGEN = [sys.executable, "-m", "plangen.cli"]


def run(args: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True, env={**os.environ, **(env or {})})
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdfs", type=int, default=100)
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    jobs = str(args.jobs)
    results: dict = {"pdfs": args.pdfs, "plans": args.plans, "jobs": args.jobs}
    source = EXAMPLE.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        os.environ["PLANGEN_CACHE_DIR"] = str(tmp / "cache")
        base = tmp / "base.yaml"
        base.write_text(source.replace("place: Hà Nội", 'place: "{{ xa }}"'), encoding="utf-8")
        rows = "xa\n" + "".join(f"Xã {i}\n" for i in range(max(args.pdfs, args.plans)))
        (tmp / "all.csv").write_text(rows, encoding="utf-8")
        (tmp / "pdfs.csv").write_text("".join(rows.splitlines(keepends=True)[: args.pdfs + 1]), encoding="utf-8")
        run([*PLANGEN, "build", str(EXAMPLE), "-o", str(tmp / "warm.docx")])  # template prepared once

        # PDFs on workers
        kept = run([*PLANGEN, "build", str(base), "--each", str(tmp / "pdfs.csv"), "-o", str(tmp / "kept"),
                    "--pdf", "--jobs", jobs])
        once = run([*PLANGEN, "build", str(base), "--each", str(tmp / "pdfs.csv"), "-o", str(tmp / "once"),
                    "--pdf", "--jobs", jobs], env={"PLANGEN_OFFICE": "once"})
        results["pdf_kept_per_s"] = args.pdfs / kept
        results["pdf_once_per_s"] = args.pdfs / once

        # one PDF: alone, and with the build server running
        script = str(Path(sys.executable).with_name("plangen"))
        (tmp / "run").mkdir(mode=0o700)
        env = {"PLANGEN_RUNTIME_DIR": str(tmp / "run")}
        one = [script, "build", str(EXAMPLE), "-o", str(tmp / "one.docx"), "--pdf"]
        results["one_pdf_alone_s"] = statistics.median(run(one, env) for _ in range(3))
        results["one_pdf_alone_once_s"] = statistics.median(
            run(one, {**env, "PLANGEN_OFFICE": "once"}) for _ in range(3))
        subprocess.run([script, "server", "start"], check=True, capture_output=True, env={**os.environ, **env})
        try:
            run(one, env)  # the first after the start
            results["one_pdf_server_s"] = statistics.median(run(one, env) for _ in range(5))
        finally:
            subprocess.run([script, "server", "stop"], capture_output=True, env={**os.environ, **env})

        # separate files vs --each
        plans = tmp / "plans"
        plans.mkdir()
        for i in range(args.plans):
            (plans / f"p{i:04d}.yaml").write_text(source.replace("place: Hà Nội", f"place: Xã {i}"), encoding="utf-8")
        files = sorted(str(p) for p in plans.glob("*.yaml"))
        separate = run([*PLANGEN, "build", *files, "-o", str(tmp / "sep"), "--jobs", jobs])
        (tmp / "n.csv").write_text("".join(rows.splitlines(keepends=True)[: args.plans + 1]), encoding="utf-8")
        each = run([*PLANGEN, "build", str(base), "--each", str(tmp / "n.csv"), "-o", str(tmp / "each"),
                    "--jobs", jobs])
        results["separate_files_per_s"] = args.plans / separate
        results["each_rows_per_s"] = args.plans / each

    table = [
        (f"{args.pdfs} PDFs, {args.jobs} workers, LibreOffice kept running", f"{results['pdf_kept_per_s']:.1f} PDF/s"),
        (f"{args.pdfs} PDFs, {args.jobs} workers, LibreOffice started per PDF",
         f"{results['pdf_once_per_s']:.1f} PDF/s"),
        ("one --pdf build, on its own", f"{results['one_pdf_alone_s']:.2f} s"),
        ("one --pdf build, on its own, LibreOffice started per PDF", f"{results['one_pdf_alone_once_s']:.2f} s"),
        ("one --pdf build, build server running", f"{results['one_pdf_server_s']:.2f} s"),
        (f"{args.plans} separate plan files, {args.jobs} workers", f"{results['separate_files_per_s']:.0f} plans/s"),
        (f"{args.plans} rows of --each, {args.jobs} workers", f"{results['each_rows_per_s']:.0f} plans/s"),
    ]
    width = max(len(name) for name, _ in table)
    for name, value in table:
        print(f"{name:<{width}}  {value}")
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "pdf_and_batch.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
