"""Benchmark: how long `plangen check` takes on the built examples (not a test; run by hand).

    .venv/bin/python bench/check_speed.py [--repeat 20]

Prints, for each example, the median time of checking its YAML and its built .docx in-process,
and the whole-process time of `plangen check` on one .docx, and writes bench/results/check.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    from plangen.check import check_path
    from plangen.document.render import Template, build_file

    template = Template()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for example in sorted((ROOT / "examples").glob("*.yaml")):
            docx = build_file(example, Path(tmp) / f"{example.stem}.docx", template)
            check_path(example)  # warm caches (imports)
            results[example.name] = {
                "check_yaml_s": median_time(lambda e=example: check_path(e), args.repeat),
                "check_docx_s": median_time(lambda d=docx: check_path(d), args.repeat),
            }
        one = Path(tmp) / "hanoi-2025.docx"
        plangen = [sys.executable, "-m", "plangen.cli"]
        process = median_time(lambda: subprocess.run([*plangen, "check", str(one)], capture_output=True),
                              max(3, args.repeat // 4))
        startup = median_time(lambda: subprocess.run([*plangen, "--help"], capture_output=True),
                              max(3, args.repeat // 4))
    print(f"{'example':<28} {'check yaml':>12} {'check docx':>12}")
    for name, r in results.items():
        print(f"{name:<28} {r['check_yaml_s'] * 1000:>10.1f}ms {r['check_docx_s'] * 1000:>10.1f}ms")
    print(f"whole process `plangen check hanoi-2025.docx`: {process * 1000:.0f} ms "
          f"(start-up alone, `plangen --help`: {startup * 1000:.0f} ms)")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "check.json").write_text(json.dumps(
        {"examples": results, "process_check_s": process, "process_help_s": startup}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
