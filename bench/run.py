"""Benchmark harness (not a test): plangen against its floor and its alternative, at scale.

    .venv/bin/python bench/run.py [--plans 1000] [--repeat 5]

On the Hà Nội 2025 example it measures, in one run:
- one build, whole process: `plangen build` vs a bare docxtpl script rendering the same context
  with the same template (the floor of this stack) vs pandoc converting the same text to .docx;
  `plangen build` is timed on its own (`python -m plangen.cli`, and the `plangen` command) and
  with a build server running (`plangen server start`, see README);
- a batch of N plans (the example varied over N communes, `plangen build --each`) with 1 and 2
  worker processes, and `plangen build` run once per file for comparison;
- scaling: the example's content repeated 1×, 10× and 100×: time and peak memory;
- `plangen check` on one plan and on the N documents of the batch.
Results: a table on stdout and bench/results/run.json, to compare runs.

plangen keeps prepared templates in a cache (PLANGEN_CACHE_DIR, here a fresh folder): the first
build after installing or changing a template prepares it (`build_plangen_cold_s`), later ones
read it. Bytecode of the plangen package is compiled first, as an installed package has it, so
that PYTHONDONTWRITEBYTECODE does not make every process compile plangen's sources.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "hanoi-2025.yaml"
PY = sys.executable
PLANGEN = [PY, "-m", "plangen.cli"]

BARE = '''
import json, sys
from docxtpl import DocxTemplate
class X:
    def __init__(self, xml): self.xml = xml
    def __html__(self): return self.xml
    __str__ = __html__
def back(o):
    if isinstance(o, dict):
        return X(o["__xml__"]) if set(o) == {"__xml__"} else {k: back(v) for k, v in o.items()}
    return [back(v) for v in o] if isinstance(o, list) else o
ctx = back(json.load(open(sys.argv[1], encoding="utf-8")))
tpl = DocxTemplate(sys.argv[2]); tpl.render(ctx, autoescape=True); tpl.save(sys.argv[3])
'''


def timed(cmd: list[str], repeat: int) -> float:
    """Median whole-process time, after one run that is not counted (warm file cache)."""
    subprocess.run(cmd, check=True, capture_output=True)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def dump_context(target: Path) -> None:
    """The template context of the example, as JSON the bare script can read."""
    from plangen.document.layout import build_context
    from plangen.plan.load import load_plan

    context, _notes = build_context(load_plan(EXAMPLE).plan)

    def plain(o):
        if hasattr(o, "__html__"):
            return {"__xml__": o.__html__()}
        if isinstance(o, dict):
            return {k: plain(v) for k, v in o.items()}
        if isinstance(o, list):
            return [plain(v) for v in o]
        if hasattr(o, "__dataclass_fields__"):
            return {k: plain(getattr(o, k)) for k in o.__dataclass_fields__}
        return o

    target.write_text(json.dumps(plain(context), ensure_ascii=False), encoding="utf-8")


def scaled(factor: int, target: Path) -> Path:
    """The example with every section's content repeated `factor` times."""
    import yaml

    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    for section in data["sections"]:
        section["content"] = section["content"] * factor
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def peak_build(plan: Path, out: Path) -> tuple[float, float]:
    """Whole-process time and peak memory (MiB) of one `plangen build`."""
    code = ("import resource, sys, time; t = time.perf_counter(); from plangen.cli.app import main; "
            f"sys.argv = ['plangen', 'build', '--force', {str(plan)!r}, '-o', {str(out)!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
    result = subprocess.run([PY, "-c", code], check=True, capture_output=True, text=True)
    seconds, mib = result.stdout.strip().splitlines()[-1].split()
    return float(seconds), float(mib)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    results: dict = {"plans": args.plans}
    compileall.compile_dir(ROOT / "src" / "plangen", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        os.environ["PLANGEN_CACHE_DIR"] = str(tmp / "cache")
        start = time.perf_counter()
        subprocess.run([*PLANGEN, "build", str(EXAMPLE), "-o", str(tmp / "cold.docx")], check=True, capture_output=True)
        results["build_plangen_cold_s"] = time.perf_counter() - start
        # one build
        (tmp / "bare.py").write_text(BARE)
        dump_context(tmp / "ctx.json")
        template = ROOT / "templates" / "plan.docx"
        results["build_plangen_s"] = timed([*PLANGEN, "build", str(EXAMPLE), "-o", str(tmp / "p.docx")], args.repeat)
        # the same through the `plangen` command, without and with a build server running
        script = str(Path(PY).with_name("plangen"))
        (tmp / "run").mkdir(mode=0o700)
        os.environ["PLANGEN_RUNTIME_DIR"] = str(tmp / "run")  # never a server of the user's
        results["build_plangen_command_s"] = timed([script, "build", str(EXAMPLE), "-o", str(tmp / "c.docx")],
                                                   args.repeat)
        if subprocess.run([script, "server", "start"], capture_output=True).returncode == 0:
            results["build_plangen_server_s"] = timed([script, "build", str(EXAMPLE), "-o", str(tmp / "s.docx")],
                                                      args.repeat)
            results["check_one_server_s"] = timed([script, "check", str(EXAMPLE)], args.repeat)
            subprocess.run([script, "server", "stop"], capture_output=True)
        results["build_bare_docxtpl_s"] = timed([PY, str(tmp / "bare.py"), str(tmp / "ctx.json"), str(template),
                                                 str(tmp / "b.docx")], args.repeat)
        from plangen.word import docxtext

        (tmp / "plan.md").write_text("\n\n".join(p for p in docxtext.paragraphs(tmp / "p.docx") if p.strip()),
                                     encoding="utf-8")
        if shutil.which("pandoc"):
            results["build_pandoc_s"] = timed(["pandoc", str(tmp / "plan.md"), "-o", str(tmp / "pd.docx")],
                                              args.repeat)
        # batch
        base = tmp / "base.yaml"
        base.write_text(re.sub(r"(?m)^  place: .*$", '  place: "{{ xa }}"', EXAMPLE.read_text(encoding="utf-8")),
                        encoding="utf-8")
        (tmp / "xa.csv").write_text("xa\n" + "".join(f"Xã {i:04d}\n" for i in range(args.plans)), encoding="utf-8")
        for workers in (1, 2):
            out = tmp / f"out{workers}"
            start = time.perf_counter()
            subprocess.run([*PLANGEN, "build", str(base), "--each", str(tmp / "xa.csv"), "-o", str(out),
                            "--jobs", str(workers)], check=True, capture_output=True)
            seconds = time.perf_counter() - start
            results[f"batch_{workers}_workers_s"] = seconds
            results[f"batch_{workers}_workers_plans_per_s"] = args.plans / seconds
        per_file = timed([*PLANGEN, "build", str(EXAMPLE), "-o", str(tmp / "one.docx")], args.repeat)
        results["per_file_process_s"] = per_file
        results["batch_speedup_per_plan_2_workers"] = per_file / (results["batch_2_workers_s"] / args.plans)
        # scaling
        for factor in (1, 10, 100):
            seconds, mib = peak_build(scaled(factor, tmp / f"x{factor}.yaml"), tmp / f"x{factor}.docx")
            results[f"scale_{factor}x_s"], results[f"scale_{factor}x_peak_mib"] = seconds, mib
        # check
        results["check_one_s"] = timed([*PLANGEN, "check", str(EXAMPLE)], args.repeat)
        results["check_help_s"] = timed([*PLANGEN, "--help"], args.repeat)
        start = time.perf_counter()
        subprocess.run([*PLANGEN, "check", *map(str, sorted((tmp / "out2").glob("*.docx")))], capture_output=True)
        results["check_batch_s"] = time.perf_counter() - start
    results["ratio_plangen_to_bare"] = results["build_plangen_s"] / results["build_bare_docxtpl_s"]
    if "build_plangen_server_s" in results:
        results["ratio_plangen_server_to_bare"] = results["build_plangen_server_s"] / results["build_bare_docxtpl_s"]
    if "build_pandoc_s" in results:
        results["ratio_plangen_to_pandoc"] = results["build_plangen_s"] / results["build_pandoc_s"]
    width = max(map(len, results))
    for key, value in results.items():
        print(f"{key:<{width}}  {value:.3f}" if isinstance(value, float) else f"{key:<{width}}  {value}")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "run.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
