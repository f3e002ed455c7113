"""Building plans: load, check, render, write — one plan, many plans, or one plan per CSV row.

Used by `plangen build`; usable from Python. A plan with check errors is refused unless forced;
a plan that cannot be used is reported and the others go on. Many plans are built by worker
processes, each loading the template (and a `--each` base plan) once, not once per plan.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from plangen.check import Finding
from plangen.errors import PlangenError, Problem
from plangen.i18n import _


@dataclass
class Outcome:
    plan: Path
    written: list[Path] = field(default_factory=list)  # the .docx, then PDF and images if asked
    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # the plan could not be used
    refused: bool = False  # check errors, not forced

    @property
    def ok(self) -> bool:
        return bool(self.written) and not self.problems


@dataclass(frozen=True)
class Options:
    """How plans are built (the same for every plan of a batch)."""

    template: Path | None = None
    settings: object | None = None
    force: bool = False
    pdf: bool = False
    png: bool = False


@dataclass(frozen=True)
class Job:
    """One document to make: a plan file, or a base plan with one CSV row's variables."""

    plan: Path
    target: Path | None
    variables: tuple[tuple[str, str], ...] | None = None  # --each: the row


def target_for(plan: Path, output: Path | None, several: bool) -> Path | None:
    """-o is the document for one plan, a folder for several (or when it is a folder)."""
    if output is None:
        return None
    if several or output.is_dir() or not output.suffix:
        return output / plan.with_suffix(".docx").name
    return output


class Builder:
    """Builds jobs with one template, read once; keeps base plans of `--each` parsed."""

    def __init__(self, options: Options):
        from plangen.render import Template

        self.options = options
        self.template = Template(options.template)
        self._bases: dict[Path, object] = {}

    def build(self, job: Job) -> Outcome:
        from plangen.load import expand, load_plan, load_template
        from plangen.render import output_path

        outcome = Outcome(job.plan)
        try:
            target = output_path(job.plan, job.target)
            if job.variables is None:
                loaded = load_plan(job.plan)
            else:
                if job.plan not in self._bases:
                    self._bases[job.plan] = load_template(job.plan)
                loaded = expand(self._bases[job.plan], dict(job.variables))
            self._finish(loaded, target, outcome)
        except PlangenError as exc:
            outcome.problems = exc.problems
        return outcome

    def _finish(self, loaded, target: Path, outcome: Outcome) -> None:
        from plangen.check import check_view
        from plangen.check.read import from_plan
        from plangen.layout import build_context
        from plangen.render import write_plan

        opts = self.options
        from plangen.style import office_style

        # once, for the checks and the document; in the office's house style (plangen.toml)
        laid_out = build_context(loaded.plan, office_style(loaded.source.file))
        # a plan with places still to fill in is built as a draft to circulate: those are warnings here
        outcome.findings = [replace(f, severity="warning") if f.rule == "placeholders" else f
                            for f in check_view(from_plan(loaded, laid_out), opts.settings)]
        if any(f.severity == "error" for f in outcome.findings) and not opts.force:
            outcome.refused = True
            return
        outcome.written.append(write_plan(loaded.plan, target, self.template, laid_out))
        if opts.pdf or opts.png:
            from plangen import convert

            pdf_path = convert.to_pdf(target)
            if opts.pdf:
                outcome.written.append(pdf_path)
            if opts.png:
                outcome.written += convert.to_png(pdf_path)
                if not opts.pdf:
                    pdf_path.unlink(missing_ok=True)


# --- many plans, in worker processes -------------------------------------------------------

_worker: Builder | None = None


def _start_worker(options: Options, language: str) -> None:
    from plangen.i18n import set_language

    global _worker
    set_language(language)
    _worker = Builder(options)


def _run_in_worker(job: Job) -> Outcome:
    assert _worker is not None
    return _worker.build(job)


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def build_jobs(jobs: Iterable[Job], options: Options, workers: int | None = None) -> Iterator[Outcome]:
    """Outcomes in the order of the jobs; `workers` processes (default: the number of cores)."""
    from plangen.i18n import current_language

    jobs = list(jobs)
    workers = min(workers or default_jobs(), len(jobs))
    if workers <= 1:
        builder = Builder(options)
        for job in jobs:
            yield builder.build(job)
        return
    Builder(options)  # a bad template is reported once, here, not by every worker
    chunk = max(1, min(32, len(jobs) // (workers * 4)))
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers, initializer=_start_worker,
                             initargs=(options, current_language())) as pool:
        yield from pool.map(_run_in_worker, jobs, chunksize=chunk)


def build_many(plans: Iterable[Path], output: Path | None, options: Options,
               workers: int | None = None) -> Iterator[Outcome]:
    plans = list(plans)
    several = len(plans) > 1
    return build_jobs([Job(p, target_for(p, output, several)) for p in plans], options, workers)


# --- one plan per CSV row ------------------------------------------------------------------

NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def rows_of(path: Path) -> list[dict[str, str]]:
    """The rows of a UTF-8 CSV file (header line first); its columns become plan variables."""
    import csv

    from plangen.load import read_file

    reader = csv.reader(read_file(path).splitlines())
    try:
        header = next(reader)
    except StopIteration:
        raise PlangenError(Problem(str(path), 1, 1, _("the CSV file is empty: a header line is expected"))) from None
    problems = []
    column = 1
    for name in header:
        if not NAME.match(name.strip()):
            problems.append(Problem(str(path), 1, column, _(
                "column name {name!r} cannot be a variable: use letters without accents, digits and _").format(
                    name=name)))
        column += len(name) + 1
    rows = []
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(Problem(str(path), number, 1, _(
                "this row has {got} cells, the header has {n}").format(got=len(row), n=len(header))))
            continue
        rows.append({k.strip(): v.strip() for k, v in zip(header, row, strict=True)})
    if problems:
        raise PlangenError(problems)
    return rows


def slug(text: str) -> str:
    from plangen.registry import fold

    return fold(text).replace(" ", "-")[:60] or "plan"


def each_jobs(base: Path, table: Path, output: Path) -> list[Job]:
    """One job per row: `<output>/<base>-<first column>.docx`, names made unique."""
    rows = rows_of(table)
    seen: dict[str, int] = {}
    jobs = []
    for row in rows:
        name = f"{base.stem}-{slug(next(iter(row.values()), ''))}"
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            name += f"-{seen[name]}"
        jobs.append(Job(base, output / f"{name}.docx", tuple(row.items())))
    return jobs
