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
        from plangen.render import Template

        self.options = options
        self.template = Template(options.template)
        self._bases: dict[Path, object] = {}
        # LibreOffice starts while the first documents are built
        if prestart and options.keep_office and (options.pdf or options.png):
            from plangen import convert, office

            office.prestart(convert.soffice())

    def build(self, job: Job) -> Outcome:
        from plangen.load import expand, load_plan, load_template
        from plangen.render import output_path

        outcome = Outcome(job.plan, row=job.row)
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

            pdf_path = convert.to_pdf(target, pdf_a=opts.pdf_a, keep_running=opts.keep_office)
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
    if len(jobs) == 1:  # one PDF: starting LibreOffice once for it is quicker than keeping it running
        options = replace(options, keep_office=False)
    if options.keep_office and (options.pdf or options.png):
        from plangen import convert, office

        if not office.usable(convert.soffice()):  # said here, once, not by every worker
            options = replace(options, keep_office=False)
    workers = min(workers or default_jobs(), len(jobs))
    if workers <= 1:
        builder = Builder(options)
        for job in jobs:
            yield builder.build(job)
        return
    Builder(options, prestart=False)  # a bad template is reported once, here, not by every worker
    from plangen.workers import run_ordered

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
    from plangen.render import default_output

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

NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def rows_of(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(first line, row) of each row of a UTF-8 CSV file (header line first); its columns become plan
    variables.

    The csv module reads the text as it is, so a quoted cell keeps its line breaks (and U+2028);
    letters are normalised to NFC (macOS and some exports write them decomposed), and control
    characters, which Word cannot store, are refused at their line and column here rather than
    failing later inside the Word template.
    """
    import csv
    import unicodedata

    from plangen.load import read_file
    from plangen.textvars import BUILTIN_NAMES

    text = unicodedata.normalize("NFC", read_file(path))
    lines = _LinesRead(text)
    reader = csv.reader(lines)
    records: list[tuple[int, list[str], str]] = []  # (first line, cells, text read for them)
    first = 1
    try:
        for cells in reader:
            records.append((first, cells, lines.take()))
            first = reader.line_num + 1
    except csv.Error as exc:
        message = _("a cell is longer than {n} characters (or a quote opened here is never closed)").format(
            n=f"{csv.field_size_limit():,}") if "field larger" in str(exc) else _(
            "this line cannot be read as CSV ({reason})").format(reason=exc)
        raise PlangenError(Problem(str(path), first, 1, message)) from None
    if not records:
        raise PlangenError(Problem(str(path), 1, 1, _("the CSV file is empty: a header line is expected")))
    unclosed = _unclosed_quote(path, *records[-1])
    if unclosed:
        records.pop()  # its cells are not what the author meant: only the quote is reported
    problems = unclosed + _control_characters(path, records)
    header = records[0][1] if records else []
    column = 1
    for name in header:
        if not NAME.match(name.strip()):
            problems.append(Problem(str(path), 1, column, _(
                "column name {name!r} cannot be a variable: use letters without accents, digits and _").format(
                    name=name)))
        column += len(name) + 1
    names = [name.strip() for name in header]
    for k, name in enumerate(names, start=1):
        if name in BUILTIN_NAMES:
            problems.append(Problem(str(path), 1, k, _(
                "the column {name!r} would replace the plan's own `{name}`: rename the column (each row's "
                "plan takes `{name}` from the base plan)").format(name=name)))
    for name in sorted({n for n in names if names.count(n) > 1}):
        problems.append(Problem(str(path), 1, None, _("the column {name!r} appears twice").format(name=name)))
    rows = []
    for number, row, _text in records[1:]:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(Problem(str(path), number, 1, _(
                "this row has {got} cells, the header has {n}").format(got=len(row), n=len(header))))
            continue
        rows.append((number, {k.strip(): v.strip() for k, v in zip(header, row, strict=True)}))
    if problems:
        raise PlangenError(problems)
    if not rows:
        raise PlangenError(Problem(str(path), 2, 1, _("the CSV file has a header but no rows: no plan to build")))
    return rows


class _LinesRead:
    """The lines of a text for csv.reader (split at \\n, \\r\\n and \\r only, as the csv module
    expects), keeping those read since the last `take()`: the text of one record."""

    def __init__(self, text: str) -> None:
        import io

        self._lines = iter(io.StringIO(text, newline=""))
        self._read: list[str] = []

    def __iter__(self) -> _LinesRead:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self._read.append(line)
        return line

    def take(self) -> str:
        text, self._read = "".join(self._read), []
        return text


_BREAK = re.compile(r"\r\n|\r|\n")


def _where(first: int, text: str, index: int) -> tuple[int, int]:
    """(line, column) in the file of `text[index]`, `text` being a record that begins on line `first`."""
    breaks = list(_BREAK.finditer(text, 0, index))
    return first + len(breaks), index - (breaks[-1].end() if breaks else 0) + 1


def _unclosed_quote(path: Path, first: int, cells: list[str], text: str) -> list[Problem]:
    """The last record, when a quote opened in it is never closed: the csv module would make the
    rest of the file one cell (rows silently lost)."""
    import csv
    import io

    probe = text if text.endswith(("\n", "\r")) else text + "\n"
    if list(csv.reader(io.StringIO(probe + "z\n", newline="")))[-1:] == [["z"]]:
        return []
    written = '"' + (cells[-1] if cells else "").replace('"', '""')
    line, column = _where(first, text, len(text) - len(written) if text.endswith(written) else 0)
    return [Problem(str(path), line, column, _(
        "this quote is never closed: the rest of the file would be one cell; add the closing \""))]


def _control_characters(path: Path, records: list[tuple[int, list[str], str]]) -> list[Problem]:
    """Control characters (a tab and line breaks aside), at their line and column, with the column
    name: Word cannot store them."""
    from plangen.load import _CONTROL

    problems = []
    header = [name.strip() for name in records[0][1]] if records else []
    for number, (first, cells, text) in enumerate(records):
        owners = [k for k, cell in enumerate(cells) for _c in _CONTROL.finditer(cell)]
        for m, k in zip(_CONTROL.finditer(text), owners, strict=False):
            line, column = _where(first, text, m.start())
            code = ord(m.group())
            problems.append(Problem(str(path), line, column, _(
                "control character U+{code:04X} in a column name: Word cannot store it; delete it").format(
                    code=code) if number == 0 else _(
                "control character U+{code:04X} in the column {name!r}: Word cannot store it; delete it").format(
                    code=code, name=header[k] if k < len(header) else str(k + 1))))
    return problems[:20]


def slug(text: str) -> str:
    from plangen.registry import fold

    return fold(text).replace(" ", "-")[:60] or "plan"


def each_jobs(base: Path, table: Path, output: Path) -> list[Job]:
    """One job per row: `<output>/<base>-<first column>.docx`, names made unique."""
    rows = rows_of(table)
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
