"""Building plans: load, check, render, write — one plan, many plans, or one plan per CSV row.

Used by `plangen build`; usable from Python. A plan with check errors is refused unless forced;
a plan that cannot be used is reported and the others go on. Many plans are built by worker
processes, each loading the template (and a `--each` base plan) once, not once per plan.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from plangen.check.finding import Finding
from plangen.errors import PlangenError, Problem
from plangen.i18n import _


@dataclass
class Outcome:
    plan: Path
    written: list[Path] = field(default_factory=list)  # the .docx, then PDF and images if asked
    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # the plan could not be used
    refused: bool = False  # check errors, not forced
    row: int = 0  # --each: the line of the CSV file the plan was made from
    crashed: bool = False  # not the plan's fault: its worker died, or plangen failed (exit 3)

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
    pdf_a: bool = False  # the PDF as PDF/A-2b (ISO 19005-2), for archiving
    keep_office: bool = True  # keep LibreOffice running between PDFs (a batch; not worth it for one)
    inputs: tuple[Path | None, ...] = ()  # the command's input files: never written over


@dataclass(frozen=True)
class Job:
    """One document to make: a plan file, or a base plan with one CSV row's variables."""

    plan: Path
    target: Path | None
    variables: tuple[tuple[str, str], ...] | None = None  # --each: the row
    row: int = 0  # --each: its line in the CSV file


def target_for(plan: Path, output: Path | None, several: bool) -> Path | None:
    """-o is the document for one plan, a folder for several (or when it is a folder)."""
    if output is None:
        return None
    if several or output.is_dir() or not output.suffix:
        return output / plan.with_suffix(".docx").name
    return output


class Builder:
    """Builds jobs with one template, read once; keeps base plans of `--each` parsed."""

    def __init__(self, options: Options, prestart: bool = True):
        from plangen.document.render import Template

        self.options = options
        self.template = Template(options.template)
        self._bases: dict[Path, object] = {}
        # LibreOffice starts while the first documents are built
        if prestart and options.keep_office and (options.pdf or options.png):
            from plangen.office import convert
            from plangen.office import kept as office

            office.prestart(convert.soffice())

    def build(self, job: Job) -> Outcome:
        from plangen.document.render import output_path, refuse_edited
        from plangen.plan.load import expand, load_plan, load_template

        outcome = Outcome(job.plan, row=job.row)
        try:
            target = output_path(job.plan, job.target)
            if not self.options.force:
                refuse_edited(target)
            if job.variables is None:
                loaded = load_plan(job.plan)
            else:
                if job.plan not in self._bases:
                    self._bases[job.plan] = load_template(job.plan)
                loaded = expand(self._bases[job.plan], dict(job.variables))
            self._finish(loaded, target, outcome)
        except PlangenError as exc:
            outcome.problems = exc.problems
        except OSError as exc:  # a full disk, a folder gone: this plan fails, the batch goes on
            outcome.problems = [Problem(str(exc.filename or job.plan), None, None, _(
                "cannot write ({reason})").format(reason=exc.strerror or exc))]
        except Exception as exc:  # plangen's own failure on this plan: reported, the others go on
            if os.environ.get("PLANGEN_DEBUG"):
                import traceback

                traceback.print_exc()
            outcome.crashed = True
            outcome.problems = [Problem(str(job.plan), None, None, _(
                "internal error ({kind}: {detail}); please report it with the plan file").format(
                    kind=type(exc).__name__, detail=str(exc)[:300]))]
        return outcome

    def _finish(self, loaded, target: Path, outcome: Outcome) -> None:
        from plangen.check import check_view
        from plangen.check.read import from_plan
        from plangen.document.layout import build_context
        from plangen.document.render import write_plan

        opts = self.options
        from plangen.plan.style import office_style

        # once, for the checks and the document; in the office's house style (plangen.toml)
        laid_out = build_context(loaded.plan, office_style(loaded.source.file))
        # a plan with places still to fill in is built as a draft to circulate: those are warnings here
        outcome.findings = [replace(f, severity="warning") if f.rule == "placeholders" else f
                            for f in check_view(from_plan(loaded, laid_out), opts.settings)]
        if any(f.severity == "error" for f in outcome.findings) and not opts.force:
            outcome.refused = True
            return
        from plangen.files import refuse_inputs

        refuse_inputs(target, opts.inputs)
        if opts.pdf:
            refuse_inputs(target.with_suffix(".pdf"), opts.inputs)
        outcome.written.append(write_plan(loaded.plan, target, self.template, laid_out))
        if opts.pdf or opts.png:
            import tempfile

            from plangen.office import convert

            with tempfile.TemporaryDirectory(prefix="plangen-pdf-") as tmp:  # --png alone: the PDF is not kept
                pdf_path = convert.to_pdf(target, None if opts.pdf else Path(tmp, target.with_suffix(".pdf").name),
                                          pdf_a=opts.pdf_a, keep_running=opts.keep_office)
                if opts.pdf:
                    outcome.written.append(pdf_path)
                if opts.png:
                    outcome.written += convert.to_png(pdf_path, beside=target, inputs=opts.inputs)


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
    if len(jobs) == 1:  # one PDF: starting LibreOffice once for it is quicker than keeping it running
        options = replace(options, keep_office=False)
    if options.keep_office and (options.pdf or options.png):
        from plangen.office import convert
        from plangen.office import kept as office

        if not office.usable(convert.soffice()):  # said here, once, not by every worker
            options = replace(options, keep_office=False)
    workers = min(workers or default_jobs(), len(jobs))
    if workers <= 1:
        builder = Builder(options)
        for job in jobs:
            yield builder.build(job)
        return
    Builder(options, prestart=False)  # a bad template is reported once, here, not by every worker
    from plangen.run.workers import run_ordered

    yield from run_ordered(_run_in_worker, jobs, workers, _start_worker, (options, current_language()),
                           lost=_lost)


def _lost(job: Job) -> Outcome:
    """A plan whose worker died twice while building it (killed, out of memory)."""
    return Outcome(job.plan, row=job.row, crashed=True, problems=[Problem(str(job.plan), None, None, _(
        "not built: the process building it stopped twice (killed, perhaps for lack of memory)"))])


def build_many(plans: Iterable[Path], output: Path | None, options: Options,
               workers: int | None = None) -> Iterator[Outcome]:
    plans = list(plans)
    several = len(plans) > 1
    jobs = [Job(p, target_for(p, output, several)) for p in plans]
    _one_output_each(jobs)
    return build_jobs(jobs, options, workers)


def _one_output_each(jobs: list[Job]) -> None:
    """Two plans never write the same document (`a/plan.yaml b/plan.yaml -o out/`): refused
    before anything is built, naming both."""
    from plangen.document.render import default_output

    first: dict[Path, Path] = {}
    problems = []
    for job in jobs:
        target = (job.target or default_output(job.plan)).resolve()
        if target in first and first[target] != job.plan:
            problems.append(Problem(str(job.plan), None, None, _(
                "its document would be written to {target}, as {other}'s: build them into different "
                "folders, or one at a time with -o").format(target=target, other=first[target])))
        first.setdefault(target, job.plan)
    if problems:
        raise PlangenError(problems)


# --- one plan per CSV row ------------------------------------------------------------------

def slug(text: str) -> str:
    from plangen.registry import fold

    return fold(text).replace(" ", "-")[:60] or "plan"


def each_jobs(base: Path, table: Path, output: Path) -> list[Job]:
    """One job per row of a table (CSV or .xlsx): `<output>/<base>-<first column>.docx`."""
    from plangen.plan.rows import rows_of

    return row_jobs(base, rows_of(table), output)


def batch_warnings(base: Path, rows: list[tuple[int, dict[str, str]]], table: str,
                   communes: bool = False) -> list[str]:
    """What a batch would do that its maker cannot mean, said before any plan is built.
    Refused: a base plan that uses no variable of the rows (every document would be the same);
    one plan per commune (of the official list, or of a table with a column `xa` or `ten_xa`)
    issued by one commune's body that names no commune (every commune's plan issued by it).
    Returned as warnings: the columns of one's own table that the plan uses nowhere (their
    values would go nowhere)."""
    from plangen.plan.load import load_template
    from plangen.plan.textvars import variables_used
    from plangen.registry.communes import COMMUNE_LINE
    from plangen.vietnamese import fold

    if not rows:
        return []
    loaded = load_template(base)
    columns = list(rows[0][1])
    used = variables_used(loaded.plan)
    issuer = loaded.plan.issuer
    if not used & set(columns):
        raise PlangenError(loaded.source.problem((), _(
            "the plan uses no variable of {table} ({names}): every document would be the same; "
            "write them in the plan where the rows differ, as {example}").format(
                table=table, names=", ".join(f"`{{{{ {c} }}}}`" for c in columns[:6]),
                example=f"`{{{{ {columns[0]} }}}}`")))
    names_communes = communes or bool({"xa", "ten_xa"} & set(columns))  # the official list's, or a table's
    if names_communes and not variables_used(issuer) & set(columns) \
            and any(COMMUNE_LINE.match(fold(line)) for line in [*issuer.governing_body, *issuer.name]):
        raise PlangenError(loaded.source.problem(("issuer",), _(
            "the issuer is one commune's body ({issuer}): every commune's plan would be issued by it; "
            "name the issuer with the commune's variables, as name: [ỦY BAN NHÂN DÂN, "
            "\"{{{{ xa | upper }}}}\"] and place: \"{{{{ ten_xa }}}}\"").format(issuer=" ".join(issuer.name))))
    if communes:
        return []  # the official list's columns: the plan uses those it needs
    return [_("{table}: the column `{name}` is used nowhere in {base}: its values go into no "
              "document").format(table=table, name=name, base=base.name) for name in columns if name not in used]


def row_jobs(base: Path, rows: list[tuple[int, dict[str, str]]], output: Path) -> list[Job]:
    """One job per row, its cells the plan's variables: `<output>/<base>-<first cell>.docx`, names
    made unique."""
    used: set[str] = set()
    jobs = []
    for line, row in rows:
        stem = f"{base.stem}-{slug(next(iter(row.values()), ''))}"
        name, n = stem, 1
        while name in used:  # rows "a", "a", "a 2": base-a, base-a-2, base-a-2-2
            n += 1
            name = f"{stem}-{n}"
        used.add(name)
        jobs.append(Job(base, output / f"{name}.docx", tuple(row.items()), line))
    return jobs
