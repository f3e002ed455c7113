"""Benchmark (not a test): how long `plangen import` takes on a 20-page plan, its own work only.

    .venv/bin/python bench/import_speed.py [--repeat 5]

A 20-page plan is made by building the Hà Nội 2026 example with its sections repeated until the
document reaches about 20 pages of text (≈ 9,000 words); it is then imported in-process (reading
the .docx, recognising its parts, mapping them onto the plan, writing the YAML and validating it),
as .docx and as the plain text of the same document. Imports are timed after one warm-up run, so
that Python's own start-up and imports are not counted. Target: under 0.5 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

WORDS_PER_PAGE = 450


def make_plan(folder: Path) -> tuple[Path, Path, int]:
    from plangen.document.render import Template
    from plangen.plan.load import load_plan
    from plangen.word import docxtext

    plan = load_plan(ROOT / "examples" / "hanoi-2026.yaml").plan
    sections = list(plan.sections)
    copies = 1
    while True:
        plan.sections = [*sections[:-1]] * copies + [sections[-1]]
        data = Template().render(plan)
        path = folder / "plan.docx"
        path.write_bytes(data)
        words = len(docxtext.text(path).split())
        if words >= 20 * WORDS_PER_PAGE:
            break
        copies += 1
    text = folder / "plan.txt"
    text.write_text(docxtext.text(path), encoding="utf-8")
    return path, text, words


def timed(function, repeat: int) -> float:
    function()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from plangen.importer.reader import import_to_yaml
    from plangen.plan.load import load_plan_text

    with tempfile.TemporaryDirectory() as tmp:
        docx, text, words = make_plan(Path(tmp))

        def run(path: Path):
            return lambda: load_plan_text(import_to_yaml(path)[0], "bench.yaml")

        as_docx = timed(run(docx), args.repeat)
        as_text = timed(run(text), args.repeat)
    print(f"20-page plan ({words} words, {words / WORDS_PER_PAGE:.0f} pages of text)")
    print(f"import .docx, own work: {as_docx:.3f} s (target < 0.5 s)")
    print(f"import .txt,  own work: {as_text:.3f} s")


if __name__ == "__main__":
    main()
