"""Command line: parse arguments, call the library, print. Errors are caught here, once.

Exit status: 0 done; 1 some plan has errors (check findings, or a batch with a failed plan);
2 an input cannot be used (bad YAML, invalid plan, unreadable template); 3 internal error.

Over 500 lines on purpose: one short function per command with its typer options (the options are
the help screens); the work of each is in the library.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from plangen.errors import PlangenError
from plangen.i18n import LANGUAGES, N_, _, current_language, set_language

if TYPE_CHECKING:
    from plangen.cli.server import Status

APP_HELP = N_("plangen: annual plans (Kế hoạch) from YAML to official-format Word documents "
              "(Decree 30/2020/NĐ-CP).")
COMMAND_HELP = {  # translated when the language is known (see _localize); docstrings are for readers
    "build": N_("Build Word documents from plan files (refused when the plan has errors, unless --force)."),
    "check": N_("Check plans and Word files against the required sections and the official format."),
    "tasks": N_("List every task assignment: section, item, agency, request flag, task, deadline…"),
    "schema": N_("Print the JSON Schema of a plan (for editors: yaml-language-server)."),
    "validate": N_("Check that plan files are valid (structure and types) without building them."),
    "new": N_("Draft a plan: a skeleton for an issuer, or next year's plan from this year's (--from)."),
    "derive": N_("Draft a lower body's plan from the tasks a higher body's plan gives it."),
    "import": N_("Bring in a plan an office already has (Word, PDF or text) as a plan file (YAML)."),
    "todo": N_("List what is left to do in plans: […] placeholders, # REVIEW marks, empty values."),
    "registry": N_("List the provinces, ministries and departments plangen knows (or those matching a search)."),
    "web": N_("Edit plans in a browser: a form, the official pages beside it, the check's findings."),
}
SERVER_HELP = {
    "server": N_("A build server that keeps plangen loaded, so that each command starts at once (optional)."),
    "start": N_("Start the build server in the background (commands then run in it)."),
    "stop": N_("Stop the build server (commands then run on their own again)."),
    "status": N_("Say whether the build server runs."),
}

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

LangOption = Annotated[
    str | None, typer.Option("--lang", help=_("Message language: vi (default) or en."))]


def _report(error: PlangenError) -> None:
    for problem in error.problems:
        typer.echo(str(problem), err=True)


def _show_version(value: bool) -> None:
    if value:
        from plangen import __version__

        typer.echo(f"plangen {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    lang: LangOption = None,
    version: Annotated[bool, typer.Option(
        "--version", is_eager=True, callback=_show_version, help=_("Print plangen's version and exit."))] = False,
) -> None:
    if lang:
        set_language(lang)


SHORT_HELP = N_("""The commands used most:
  plangen new --issuer "xã Tân Phú" --province vinh-long --year 2027 -o ke-hoach.yaml   a new plan
  plangen import ke-hoach-2025.docx -o ke-hoach-2025.yaml    a plan you have in Word
  plangen build ke-hoach.yaml                                 the Word document
  plangen check ke-hoach.yaml                                 check before sending
  plangen tasks ke-hoach.yaml --format xlsx                   who does what, by when (Excel)
Every command: plangen --help. A guide, task by task: docs/huong-dan.md.""")


def _short_help() -> None:
    """`plangen` alone: what it is and the commands used most (not an error)."""
    typer.echo(f"{_(APP_HELP)}\n\n{_(SHORT_HELP)}")


@app.command()
def build(
    plans: Annotated[list[Path], typer.Argument(help=_("Plan files (YAML)."), show_default=False)],
    output: Annotated[Path | None, typer.Option(
        "-o", "--output",
        help=_("Output .docx (one plan) or folder (several plans). Default: beside each plan."))] = None,
    template: Annotated[Path | None, typer.Option(
        "--template", help=_("A Word template (.docx) to render with instead of the official one."))] = None,
    force: Annotated[bool, typer.Option(
        "--force", help=_("Build even when `plangen check` finds errors in the plan, and replace a Word file "
                          "edited since plangen made it."))] = False,
    pdf: Annotated[bool, typer.Option("--pdf", help=_("Also make a PDF (needs LibreOffice)."))] = False,
    pdf_a: Annotated[bool, typer.Option(
        "--pdf-a", help=_("Make the PDF as PDF/A-2b, for archiving (implies --pdf)."))] = False,
    png: Annotated[bool, typer.Option(
        "--png", help=_("Also make page images, for a quick look (needs LibreOffice and poppler)."))] = False,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", help=_("Worker processes for several plans (default: the number of cores)."))] = None,
    each: Annotated[Path | None, typer.Option(
        "--each", help=_("A table (CSV or .xlsx): one plan per row, its columns as variables (needs -o FOLDER)."))
    ] = None,
    each_commune_of: Annotated[str | None, typer.Option(
        "--each-commune-of", help=_("A province: one plan per commune and ward of it, from the official list "
                                   "(variables xa, ten_xa, loai_xa, ma_xa, tinh, ten_tinh; needs -o FOLDER)."))
    ] = None,
    only: Annotated[str | None, typer.Option(
        "--only", help=_("With --each-commune-of: only these kinds or communes (\"phường\", \"Tân Phú, Long Hồ\")."))
    ] = None,
    lang: LangOption = None,
) -> None:
    """Build Word documents from plan files (refused when the plan has errors, unless --force)."""
    from plangen.check.config import find_config, load_config
    from plangen.check.output import text as findings_text
    from plangen.plan.rows import rows_of
    from plangen.run.build import Options, batch_warnings, build_jobs, build_many, row_jobs

    if jobs is not None and jobs < 1:
        raise PlangenError(_("--jobs takes a number of worker processes, 1 or more (not {n})").format(n=jobs))
    if len(plans) > 1 and output is not None and output.suffix.lower() in (".docx", ".pdf"):
        raise PlangenError(_("with several plans, -o must be a folder"))
    if output is not None and output.suffix.lower() == ".pdf":  # a PDF asked for: made from the .docx
        output, pdf = output.with_suffix(".docx"), True
    pdf = pdf or pdf_a
    if pdf or png:  # said before anything is built, with the way to install it
        from plangen.office.convert import soffice

        soffice()
    config = find_config()
    options = Options(template, load_config(config), force, pdf, png, pdf_a,
                      inputs=(*plans, template, each, config))
    if only is not None and each_commune_of is None:
        raise PlangenError(_("--only goes with --each-commune-of"))
    if each is not None and each_commune_of is not None:
        raise PlangenError(_("give --each or --each-commune-of, not both"))
    table: object = each
    batch = each is not None or each_commune_of is not None  # one base plan, one plan per row
    if batch:
        if len(plans) != 1 or output is None or output.suffix.lower() == ".docx":
            raise PlangenError(_("--each takes one base plan and -o FOLDER"))
        if each_commune_of is not None:
            from plangen.registry import find_province, load
            from plangen.registry.communes import commune_rows

            province = find_province(load(), each_commune_of)
            rows = commune_rows(province.id, only)
            table = province.unit
        else:
            rows = rows_of(each)
        _say_warnings(batch_warnings(plans[0], rows, str(table), communes=each is None))
        job_list = row_jobs(plans[0], rows, output)
        outcomes = build_jobs(job_list, options, jobs)
        total = len(job_list)
    else:
        outcomes = build_many(plans, output, options, jobs)
        total = len(plans)
    bad = crashed = 0
    by_rows: dict[str, list[int]] = {}  # --each: a message once, with the CSV rows it concerns
    with _progress(total) as advance:
        for outcome in outcomes:
            if outcome.problems and total == 1 and not batch and not outcome.crashed:
                raise PlangenError(outcome.problems)
            said = [*(findings_text(outcome.findings).splitlines() if outcome.findings else []),
                    *(str(p) for p in outcome.problems)]
            if batch:
                for line in said:
                    by_rows.setdefault(line, []).append(outcome.row)
            else:
                for line in said:
                    typer.echo(line, err=True)
            if outcome.refused:
                typer.echo(_("{path}: not built: the plan has errors (use --force to build anyway)").format(
                    path=outcome.plan), err=True)
            for path in outcome.written:
                typer.echo(_("wrote {path}").format(path=path))
            bad += not outcome.ok
            crashed += outcome.crashed
            advance()
    from plangen.plan.rows import rows_text

    for line, rows in by_rows.items():
        typer.echo(line + _(" ({table}, rows {rows})").format(table=table, rows=rows_text(rows)), err=True)
    if bad and total > 1:
        typer.echo(_("{bad} of {total} plans not built").format(bad=bad, total=total), err=True)
    if crashed:
        raise typer.Exit(3)
    if bad:
        raise typer.Exit(1)


class _progress:
    """A progress bar on stderr when several plans are built on a terminal; silent otherwise."""

    def __init__(self, total: int):
        self.total = total
        self.bar = None

    def __enter__(self):
        if self.total > 1 and sys.stderr.isatty():
            from rich.progress import Progress

            self.bar = Progress(transient=True)
            self.bar.start()
            task = self.bar.add_task(_("building"), total=self.total)
            return lambda: self.bar.advance(task)
        return lambda: None

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


@app.command()
def check(
    files: Annotated[list[Path] | None, typer.Argument(help=_("Plan files (YAML) or Word files (.docx)."),
                                                       show_default=False)] = None,
    fmt: Annotated[str, typer.Option("--format", help=_("Output format: text, json, github or sarif."))] = "text",
    select: Annotated[list[str] | None, typer.Option("--select", help=_("Only these rules."))] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help=_("Skip these rules."))] = None,
    config: Annotated[Path | None, typer.Option(
        "--config", help=_("Settings file (default: plangen.toml or pyproject.toml, searched upwards)."))] = None,
    fail_on: Annotated[str, typer.Option(
        "--fail-on", help=_("Exit with status 1 on findings of this level or above: error or warning."))] = "error",
    baseline: Annotated[Path | None, typer.Option(
        "--baseline", help=_("Do not report the findings recorded in this file (see --write-baseline)."))] = None,
    write_baseline: Annotated[Path | None, typer.Option(
        "--write-baseline", help=_("Record today's findings in this file, as accepted."))] = None,
    annotate: Annotated[Path | None, typer.Option(
        "--annotate", help=_("Write a copy of the Word file with a comment at each finding."))] = None,
    explain: Annotated[str | None, typer.Option(
        "--explain", help=_("Print a rule's documentation: what it checks, good and bad examples."))] = None,
    each: Annotated[Path | None, typer.Option(
        "--each", help=_("A --each base plan: check it with every row of this CSV file."))] = None,
    lang: LangOption = None,
) -> None:
    """Check plans and Word files against the required sections and the official format."""
    if lang:
        set_language(lang)
    from plangen.check import check_path
    from plangen.check.config import find_config, load_config
    from plangen.check.output import FORMATS
    from plangen.check.rules import GUIDES

    if explain is not None:
        from plangen.check.explain import explain as explain_rule

        typer.echo(explain_rule(explain))
        return
    if not files:
        raise PlangenError(_("give the plan files (YAML) or Word files (.docx) to check"))
    from plangen.check.inputs import files_to_check

    files, passed_over = files_to_check(files)
    for note in passed_over:  # only settings or registry files given: an empty report, not an error
        typer.echo(note, err=True)
    checked = len(files)
    if fmt not in FORMATS:
        raise PlangenError(_("unknown format {fmt!r}: expected text, json, github or sarif").format(fmt=fmt))
    if fail_on not in ("error", "warning"):
        raise PlangenError(_("--fail-on takes error or warning, not {value!r}").format(value=fail_on))
    if annotate is not None and (len(files) != 1 or files[0].suffix.lower() != ".docx"):
        raise PlangenError(_("--annotate takes one Word file (.docx) to check"))
    settings = load_config(config or find_config(), _split(select), _split(ignore))
    inputs = (*files, config, baseline, each)  # never written over by --write-baseline or --annotate
    findings, unreadable, broken = [], 0, 0
    if each is not None:
        from plangen.check import check_each

        if len(files) != 1:
            raise PlangenError(_("--each takes one base plan"))
        from plangen.plan.rows import rows_of
        from plangen.run.build import batch_warnings

        rows = rows_of(each)  # read once, for the warnings and the checks
        _say_warnings(batch_warnings(files[0], rows, str(each)))
        findings, problems = check_each(files[0], each, settings, rows)
        if problems:
            _report(PlangenError(problems))
            unreadable += 1
        files = []
    guides: list[tuple[Path, str]] = []  # the Party documents, said in the text output
    if sum(path.suffix.lower() in (".doc", ".odt") for path in files) > 1:  # one LibreOffice converts them all
        from plangen.word.sources import keep_office_for

        keep_office_for(files)
    for path in files:  # one file that cannot be read never hides the findings of the others
        try:
            report = check_path(path, settings)
            findings += report.findings
            if report.guide == GUIDES["party"]:
                guides.append((path, report.guide))
        except PlangenError as exc:
            _report(exc)
            unreadable += 1
        except Exception as exc:  # a bug of plangen: reported for this file, the others checked
            typer.echo(_("{path}: internal error while checking this file ({kind}); please report it").format(
                path=path, kind=type(exc).__name__), err=True)
            broken += 1
    if write_baseline is not None:
        from plangen.check import baseline as baselines

        baselines.write(write_baseline, findings, inputs)
        typer.echo(_("wrote {path}: {n} findings accepted").format(path=write_baseline, n=len(findings)))
        raise typer.Exit(2 if unreadable else 0)
    if baseline is not None:
        from plangen.check import baseline as baselines

        findings = baselines.without(findings, baselines.read(baseline), baseline)
    if annotate is not None and not unreadable:
        from plangen.check.annotate import annotate as write_annotated

        placed = write_annotated(files[0], annotate, findings, inputs)
        typer.echo(_("wrote {path} ({n} comments)").format(path=annotate, n=placed), err=fmt != "text")
    out = FORMATS[fmt](findings)
    if out or fmt in ("json", "sarif"):
        typer.echo(out)
    elif fmt == "text" and checked and not unreadable and not broken:
        from plangen.check.output import all_well

        typer.echo(all_well(checked))
    if fmt == "text":
        for path, guide in guides:
            typer.echo(_("{path}: a Party document: checked against {guide} (the Party's format rules "
                         "party-…; the decree's format rules do not apply)").format(path=path, guide=guide))
    if broken:
        raise typer.Exit(3)
    if unreadable:
        raise typer.Exit(2)
    failing = ("error",) if fail_on == "error" else ("error", "warning")
    if any(f.severity in failing for f in findings):
        raise typer.Exit(1)


@app.command()
def todo(
    plans: Annotated[list[Path], typer.Argument(help=_("Plan files (YAML)."), show_default=False)],
    lang: LangOption = None,
) -> None:
    """List what is left to do in plans: […] placeholders, # REVIEW marks, empty values."""
    if lang:
        set_language(lang)
    from plangen.check.rules.placeholders import message
    from plangen.plan.placeholders import todo_in_yaml
    from plangen.plan.yamlsource import read_file

    left = 0
    for plan in plans:
        items = todo_in_yaml(read_file(plan), str(plan))
        for item in items:
            typer.echo(f"{plan}:{item.line}:{item.column}: {message(item.kind, item.text)}")
        if not items:
            typer.echo(_("{path}: nothing left to do").format(path=plan))
        left += len(items)
    if left:
        raise typer.Exit(1)


def _split(values: list[str] | None) -> list[str] | None:
    """`--select a,b --select c` → [a, b, c]; a rule's name that holds a comma ("khổ giấy, lề")
    is kept whole."""
    if not values:
        return None
    from plangen.check.config import rule_named

    found: list[str] = []
    for value in values:
        pieces = [v.strip() for v in value.split(",")]
        start = 0
        while start < len(pieces):
            end = next((end for end in range(len(pieces), start + 1, -1)
                        if rule_named(", ".join(pieces[start:end]))), start + 1)
            joined = ", ".join(pieces[start:end])
            if joined:
                found.append(joined)
            start = end
    return found


@app.command()
def tasks(
    plan: Annotated[Path, typer.Argument(help=_("Plan file (YAML)."), show_default=False)],
    fmt: Annotated[str | None, typer.Option("--format", help=_(
        "Output format: table, csv, json or xlsx (default: the output file's extension, else table)."),
        show_default=False)] = None,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help=_("Write to this file (xlsx: default beside the plan)."))] = None,
    force: Annotated[bool, typer.Option("--force", help=_("Overwrite an existing output file."))] = False,
    lang: LangOption = None,
) -> None:
    """List every task assignment: section, item, agency, request flag, task, deadline…"""
    if lang:
        set_language(lang)
    from plangen.files import refuse_to_overwrite, write_atomically
    from plangen.plan.load import load_plan
    from plangen.plan.tasks import task_rows
    from plangen.run import taskexport

    by_suffix = {".csv": "csv", ".xlsx": "xlsx", ".json": "json"}.get(output.suffix.lower()) if output else None
    fmt = fmt or by_suffix or "table"
    if fmt not in ("table", "csv", "json", "xlsx"):
        raise PlangenError(_("unknown format {fmt!r}: expected table, csv, json or xlsx").format(fmt=fmt))
    if by_suffix and by_suffix != fmt:  # a CSV named .xlsx: Excel would refuse to open it
        from plangen.errors import Problem

        raise PlangenError(Problem(str(output), None, None, _(
            "this name ends in {named}, but --format {fmt} does not write that kind of file: leave --format "
            "out (the extension chooses it), or give the file a name for {fmt}").format(
                named=output.suffix.lower(), fmt=fmt)))
    rows = [r.as_dict() for r in task_rows(load_plan(plan).plan)]
    if fmt == "xlsx":
        data = taskexport.as_xlsx(rows)
        output = output or plan.with_suffix(".xlsx")
    else:
        text = {"json": lambda: json.dumps(rows, ensure_ascii=False, indent=2) + "\n",
                "csv": lambda: taskexport.as_csv(rows),
                "table": lambda: taskexport.as_table(rows) + "\n"}[fmt]()
        if output is None:
            typer.echo(text, nl=False)
            return
        data = text.encode("utf-8")
    refuse_to_overwrite(output, force, inputs=(plan,))
    write_atomically(data, output)
    typer.echo(_("wrote {path}").format(path=output))


@app.command()
def schema() -> None:
    """Print the JSON Schema of a plan (for editors: yaml-language-server)."""
    from plangen.plan.schema import schema_json

    typer.echo(schema_json(), nl=False)


@app.command()
def validate(
    plans: Annotated[list[Path], typer.Argument(help=_("Plan files (YAML)."), show_default=False)],
    lang: LangOption = None,
) -> None:
    """Check that plan files are valid (structure and types) without building them."""
    if lang:
        set_language(lang)
    from plangen.plan.load import load_plan

    bad = 0
    for plan in plans:
        try:
            load_plan(plan)
        except PlangenError as exc:
            _report(exc)
            bad += 1
        else:
            typer.echo(_("{path}: valid").format(path=plan))
    if bad:
        raise typer.Exit(2)


@app.command()
def new(
    output: Annotated[Path, typer.Option("-o", "--output", help=_("The plan file to write (YAML)."))],
    issuer: Annotated[str | None, typer.Option(
        "--issuer", help=_("Issuer: a registry id or name (ubnd, \"xã An Khánh\", byt, syt…)."))] = None,
    province: Annotated[str | None, typer.Option(
        "--province", help=_("Province of a department or commune (id or name: ha-noi, Vĩnh Long…)."))] = None,
    commune: Annotated[str | None, typer.Option(
        "--commune", help=_("The commune of a Party committee or chi bộ (\"xã An Khánh\", \"phường …\")."))] = None,
    year: Annotated[int | None, typer.Option("--year", help=_("Year of the plan."))] = None,
    summary: Annotated[str | None, typer.Option("--kind", help=_("What the plan is about (its summary)."))] = None,
    source: Annotated[Path | None, typer.Option(
        "--from", help=_("Last year's plan: make next year's draft from it."))] = None,
    registry: Annotated[Path | None, typer.Option(
        "--registry", help=_("Your own registry file (default: plangen-registry.yaml, searched upwards)."))] = None,
    force: Annotated[bool, typer.Option("--force", help=_("Overwrite an existing output file."))] = False,
    lang: LangOption = None,
) -> None:
    """Draft a plan: a skeleton for an issuer, or next year's plan from this year's (--from)."""
    from plangen.drafting.new import new_plan
    from plangen.drafting.next_year import next_year_draft, roll_forward
    from plangen.files import refuse_to_overwrite
    from plangen.registry import load

    refuse_to_overwrite(output, force, inputs=(source, registry))
    if source is not None:
        if source.suffix.lower() in (".yaml", ".yml"):
            text, review = roll_forward(source, year)
        else:  # last year's Word, PDF or text file: imported, then rolled on
            text, review = next_year_draft(source, year)
        for item in review:
            typer.echo(f"{output}:{item.line}: {item.message}")
    else:
        if issuer is None or year is None:
            raise PlangenError(_("give --issuer and --year, or --from last year's plan"))
        found = _issuer_of(issuer, commune, province, load(registry))
        _say_assumed(found.notes)
        text = new_plan(found, year, summary)
    _write_draft(output, text, source, list_placeholders=source is None)


def _issuer_of(key: str, commune: str | None, province: str | None, data):
    """A Party committee (dang-uy, tinh-uy, chi bộ …: registry/party.py), else a state body; a
    commune's People's Committee is also `--issuer ubnd --commune "xã …"`."""
    from plangen.registry import resolve_issuer
    from plangen.registry.party import resolve_party

    found = resolve_party(key, commune, province, data)
    if found is not None:
        return found
    if commune and key.strip().lower() in ("ubnd", "ủy ban nhân dân", "uỷ ban nhân dân"):
        key = commune
    return resolve_issuer(key, province, data)


@app.command()
def derive(
    plan: Annotated[Path, typer.Argument(help=_("The higher body's plan (YAML)."), show_default=False)],
    for_agency: Annotated[str, typer.Option("--for", help=_("The agency the tasks are given to."))],
    output: Annotated[Path, typer.Option("-o", "--output", help=_("The plan file to write (YAML)."))],
    issuer: Annotated[str | None, typer.Option(
        "--issuer", help=_("The lower body in the registry (default: the agency named by --for)."))] = None,
    province: Annotated[str | None, typer.Option(
        "--province", help=_("Its province (default: the higher plan's province, else its place)."))] = None,
    commune: Annotated[str | None, typer.Option(
        "--commune", help=_("The commune of a Party committee or chi bộ (\"xã An Khánh\", \"phường …\")."))] = None,
    registry: Annotated[Path | None, typer.Option(
        "--registry", help=_("Your own registry file (default: plangen-registry.yaml, searched upwards)."))] = None,
    force: Annotated[bool, typer.Option("--force", help=_("Overwrite an existing output file."))] = False,
    lang: LangOption = None,
) -> None:
    """Draft a lower body's plan from the tasks a higher body's plan gives it."""
    from plangen.drafting.derive import derive as derive_plan
    from plangen.drafting.party import lower_body_key, province_of
    from plangen.files import refuse_to_overwrite
    from plangen.plan.load import load_plan
    from plangen.plan.models import DocumentFormat
    from plangen.registry import find_province, load
    from plangen.registry.commune_level import resolve_commune_body
    from plangen.registry.communes import commune_of_lines

    refuse_to_overwrite(output, force, inputs=(plan, registry))
    higher = load_plan(plan).plan
    data = load(registry)
    province = province or higher.issuer.province  # a commune's plan says which province it is in
    lower = None
    if higher.issuer.format != DocumentFormat.party and commune is None:
        # a commune's plan: its tasks go to the commune's own bodies (Công an xã, its offices, the
        # mass organisations), not to a province's
        header = [*higher.issuer.governing_body, *higher.issuer.name]
        pid = find_province(data, province).id if province else None
        home = commune_of_lines(header, pid)
        if home is not None:
            lower = resolve_commune_body(data, issuer or for_agency, home)
    if lower is None:
        lower = _issuer_of(issuer or lower_body_key(higher, for_agency), commune,
                           province or province_of(higher) or higher.issuer.place, data)
    _say_assumed(lower.notes)
    _write_draft(output, derive_plan(higher, for_agency, lower), plan)


def _say_warnings(warnings: list[str]) -> None:
    for warning in warnings:
        typer.echo(_("warning: {message}").format(message=warning), err=True)


def _say_assumed(notes: list[str]) -> None:
    """What the registry assumed to find a body (its province, its level), on stderr."""
    for note in notes:
        typer.echo(_("assumed: {note}").format(note=note), err=True)


@app.command()
def registry(
    words: Annotated[list[str] | None, typer.Argument(
        help=_("Words to look for (accents and case do not matter)."), show_default=False)] = None,
    province: Annotated[str | None, typer.Option(
        "--province", help=_("List the communes and wards of this province (id or name)."))] = None,
    registry_file: Annotated[Path | None, typer.Option(
        "--registry", help=_("Your own registry file (default: plangen-registry.yaml, searched upwards)."))] = None,
    lang: LangOption = None,
) -> None:
    """List the provinces, ministries and departments plangen knows (or those matching a search)."""
    if lang:
        set_language(lang)
    from plangen.registry import fold, load, search
    from plangen.registry.party import search_party

    query = " ".join(words or [])  # `plangen registry xã Tân Phú`, without quotes
    rows = search(load(registry_file), query, province)
    party = search_party(fold(query).replace(" ", "")) if province is None else []
    labels = {"province": _("province"), "ministry": _("ministry"), "department": _("department"),
              "commune": _("commune"), "party": _("Party body")}
    communes = [row for row in rows if row[0] == "commune"]
    shown = rows if province is not None or len(communes) <= COMMUNES_SHOWN else \
        [row for row in rows if row[0] != "commune"] + communes[:COMMUNES_SHOWN]
    rows, shown = rows + party, shown + party  # the Party bodies after the state's
    width = max((len(labels[kind]) for kind, _ident, _description in shown), default=0)
    for kind, ident, description in shown:
        typer.echo(f"{labels[kind]:<{width}} {ident:<14} {description}")
    if len(shown) < len(rows):
        typer.echo(_("… and {n} more communes and wards: add words, or give --province").format(
            n=len(rows) - len(shown)))
    if not rows:
        typer.echo(_("nothing matches {query!r}").format(query=query))
        raise typer.Exit(1)


COMMUNES_SHOWN = 40
"""Communes listed by a search without --province (a word such as "xã" names 2,621 of them)."""


@app.command("import")
def import_(
    source: Annotated[Path, typer.Argument(
        help=_("The plan to bring in: .docx, .doc, .pdf (with a text layer) or .txt."), show_default=False)],
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help=_("The plan file to write (YAML). Default: beside the source, .yaml."))] = None,
    force: Annotated[bool, typer.Option("--force", help=_("Overwrite an existing output file."))] = False,
    lang: LangOption = None,
) -> None:
    """Bring in a plan an office already has (Word, PDF or text) as a plan file (YAML)."""
    from plangen.files import refuse_to_overwrite
    from plangen.importer.reader import import_to_yaml

    output = output or source.with_suffix(".yaml")
    if output.suffix.lower() not in (".yaml", ".yml"):
        raise PlangenError(_("the output of import is a plan file: give it the extension .yaml"))
    refuse_to_overwrite(output, force, inputs=(source,))
    text, review = import_to_yaml(source)
    for note in review:
        typer.echo(f"{output}:{note.line}: " + _("review: {message}").format(
            message=note.message + (f" ({note.source})" if note.source else "")))
    # no validation here: the importer builds its plan so that it loads (with the models' rules, without
    # their start-up: tests/test_import_writes_what_loads.py), and `check` of the plan is the next step
    _write_draft(output, text, source, list_placeholders=False, validate=False)


@app.command()
def web(
    target: Annotated[Path, typer.Argument(help=_("A plan file, or the folder of plans to work on."),
                                           metavar="PLAN_OR_FOLDER")] = Path("."),
    port: Annotated[int, typer.Option("--port", help=_("Port to listen on (default: a free one)."))] = 0,
    host: Annotated[str, typer.Option(
        "--host", help=_("Address to listen on; other than 127.0.0.1 lets other computers in (a warning is shown)."))]
    = "127.0.0.1",
    no_browser: Annotated[bool, typer.Option("--no-browser", help=_("Do not open the browser."))] = False,
    lang: LangOption = None,
) -> None:
    """Edit plans in a browser: a form, the official pages beside it, the check's findings."""
    from plangen.web.app import LOCAL, serve

    if not 0 <= port <= 65535:
        raise PlangenError(_("--port takes a number from 1 to 65535 (or 0: a free one), not {port}").format(port=port))
    if host not in (LOCAL, "localhost", "::1"):
        typer.echo(_("warning: listening on {host}: every computer that can reach it and has the address "
                     "(with its key) can read and change the plans of this folder").format(host=host), err=True)
    serve(target, host, port, browser=not no_browser)


server_app = typer.Typer(no_args_is_help=True)
app.add_typer(server_app, name="server")


@server_app.command("start")
def server_start(
    idle: Annotated[float, typer.Option(
        "--idle", help=_("Stop after this many minutes without a command."))] = 60.0,
    lang: LangOption = None,
) -> None:
    """Start the build server in the background (commands then run in it)."""
    from plangen.cli import server

    if lang:
        set_language(lang)
    typer.main.get_command(app)  # built once here, for every command the server will run
    _say_running(server.start(main, idle))


@server_app.command("stop")
def server_stop(lang: LangOption = None) -> None:
    """Stop the build server (commands then run on their own again)."""
    from plangen.cli import server

    if lang:
        set_language(lang)
    stopped = server.stop()
    typer.echo(_("build server stopped (process {pid})").format(pid=stopped.pid) if stopped
               else _("no build server is running"))


@server_app.command("status")
def server_status(lang: LangOption = None) -> None:
    """Say whether the build server runs."""
    from plangen.cli import server

    if lang:
        set_language(lang)
    running = server.status()
    if running is None:
        typer.echo(_("no build server is running"))
        raise typer.Exit(1)
    _say_running(running)
    typer.echo(_("socket: {path}").format(path=running.socket))


def _say_running(running: Status) -> None:
    typer.echo(_("build server running (process {pid}, stops after {minutes:g} minutes without a command)").format(
        pid=running.pid, minutes=running.idle_minutes))


def _write_draft(output: Path, text: str, source: Path | None, list_placeholders: bool = True,
                 validate: bool = True) -> None:
    """Write a draft atomically, after checking it loads (`validate`; import's plans load by
    construction); list the `[…]` still to fill in."""
    from plangen.files import refuse_inputs, write_atomically

    if list_placeholders:
        from plangen.drafting.new import placeholders

        for line, placeholder in placeholders(text):
            typer.echo(f"{output}:{line}: " + _("to fill in: {what}").format(what=placeholder))
    refuse_inputs(output, (source,))
    if validate:
        from plangen.plan.load import load_plan_text

        load_plan_text(text, str(output))
    write_atomically(text.encode("utf-8"), output)
    typer.echo(_("wrote {path}").format(path=output))
    schema = output.parent / "plan.schema.json"
    if not schema.exists():  # the draft's `$schema` line points at it; only the named output is written
        typer.echo(_("hint: `plangen schema > {path}` writes the schema that the first line of the plan "
                     "points at (editors then suggest its keys as you type)").format(path=schema))


def _languages_from_argv(argv: list[str]) -> list[str]:
    """Every `--lang en` or `--lang=en`, in order: known before the help texts are made (the
    last one given is the command's, as for any option given twice)."""
    found = []
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            found.append(argv[i + 1])
        elif arg.startswith("--lang="):
            found.append(arg.split("=", 1)[1])
    return found


def _localize() -> None:
    """Help texts in the chosen language (option helps are read from the annotations lazily);
    the list of commands shows each description whole (click would cut it with "…")."""
    app.info.help = _(APP_HELP)
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        if name in COMMAND_HELP:
            command.help = command.short_help = _(COMMAND_HELP[name])
    for group in app.registered_groups:
        group.help = group.short_help = _(SERVER_HELP[group.name])
        for command in group.typer_instance.registered_commands:
            command.help = command.short_help = _(SERVER_HELP[command.name])


# the framework's own words on help screens (click writes them in English, untranslatable there)
USAGE_WORDS = [
    ("[OPTIONS]", N_("[OPTIONS]")), ("COMMAND [ARGS]...", N_("COMMAND [ARGS]...")),
    ("<path>", N_("<path>")), ("<int>", N_("<int>")), ("<float>", N_("<number>")), ("<str>", N_("<text>")),
    ("PLANS", N_("PLANS")), ("PLAN", N_("PLAN")), ("FILES", N_("FILES")), ("SOURCE", N_("SOURCE")),
    ("WORDS", N_("WORDS")), ("PLAN_OR_FOLDER", N_("PLAN_OR_FOLDER")),
]
HELP_WORDS = [
    ("Usage:", N_("Usage:")), ("Options:", N_("Options:")), ("Arguments:", N_("Arguments:")),
    ("Commands:", N_("Commands:")), ("Show this message and exit.", N_("Show this message and exit.")),
    ("[default: ", N_("[default: ")), ("[required]", N_("[required]")), *USAGE_WORDS,
]


def _tidy(text: str) -> str:
    """typer's type names as metavars (`<list[Path]>`, `{plans}...`) as a reader expects them."""
    text = re.sub(r"\{(\w+)\}", lambda m: m.group(1).upper(), text)
    text = re.sub(r"\[([a-z_]+)\]\.\.\.", lambda m: f"[{m.group(1).upper()}]...", text)
    # an argument listed by its parameter's name ("  plans... <path>"), named as in the usage line
    text = re.sub(r"^(\s+)([a-z_]+)(\.\.\.)?(?= +<)", lambda m: m.group(1) + m.group(2).upper() + (m.group(3) or ""),
                  text, flags=re.M)
    # a repeated option's item, the columns kept aligned
    return re.sub(r"<list\[(\w+)\]>", lambda m: f"<{m.group(1).lower()}>".ljust(len(m.group())), text)


def _help_in_language(text: str, words: list[tuple[str, str]] = HELP_WORDS) -> str:
    text = _tidy(text)
    if current_language() == "en":
        return text
    for english, msgid in words:  # whole words only: "PLAN" is not replaced inside "PLANS"
        before = r"(?<!\w)" if english[0].isalnum() else ""
        after = r"(?!\w)" if english[-1].isalnum() else ""
        said = _(msgid)

        def column_kept(found: re.Match, said: str = said) -> str:
            # a word before the gap to the help column ("--output <path>   Tệp …"): the gap takes
            # up the difference in length, so that the helps stay aligned
            gap = found.group("gap")
            return said + (" " * max(2, len(gap) + len(found.group("word")) - len(said)) if gap else "")

        text = re.sub(before + "(?P<word>" + re.escape(english) + ")" + after + "(?P<gap> {2,})?", column_kept, text)
    return text


# click's usage errors, as click words them (its texts are not translatable) → our messages
USAGE_ERRORS = [
    (re.compile(r"No such option: (?P<option>\S+)(?: \(Possible options: (?P<options>.+)\))?"),
     N_("No such option: {option}"), N_("(Possible options: {options})")),
    (re.compile(r"No such command '(?P<command>.+)'\."), N_("No such command '{command}'."), ""),
    (re.compile(r"No such command '(?P<command>.+)'\. Did you mean '(?P<near>.+)'\?"),
     N_("No such command '{command}'. Did you mean '{near}'?"), ""),
    (re.compile(r"Missing argument (?P<name>.+?)\."), N_("Missing argument {name}."), ""),
    (re.compile(r"Missing option (?P<name>.+?)\."), N_("Missing option {name}."), ""),
    (re.compile(r"Option (?P<option>.+) requires an argument\."), N_("Option {option} requires an argument."), ""),
    (re.compile(r"Got unexpected extra arguments?(?:\(s\))? \((?P<values>.+)\)"),
     N_("Got unexpected extra argument(s) ({values})"), ""),
    (re.compile(r"Invalid value for (?P<name>.+?): (?P<detail>.*)"), N_("Invalid value for {name}: {detail}"), ""),
]
# what click and pydantic say of a value that is not of the option's type
VALUE_ERRORS = [
    (re.compile(r"(Input should be a valid integer.*|'.*' is not a valid integer(?: range)?\.?)"),
     N_("expected a whole number")),
    (re.compile(r"(Input should be a valid number.*|'.*' is not a valid float(?: range)?\.?)"),
     N_("expected a number")),
    (re.compile(r"Path '(?P<path>.*)' does not exist\."), N_("{path}: file not found")),
]


def _value_error(detail: str) -> str:
    for pattern, message in VALUE_ERRORS:
        found = pattern.fullmatch(detail)
        if found:
            return _(message).format(**found.groupdict())
    return detail


def _show_usage_error(exc: Exception) -> None:
    """A usage error (unknown option, missing argument…) in the chosen language, on stderr."""
    ctx = getattr(exc, "ctx", None)
    detail = exc.format_message()  # type: ignore[attr-defined]
    for pattern, message, extra in USAGE_ERRORS:
        found = pattern.fullmatch(detail)
        if found:
            fields = {k: v for k, v in found.groupdict().items() if v is not None}
            if "detail" in fields:
                fields["detail"] = _value_error(fields["detail"])
            detail = _(message).format(**fields)
            if extra and "options" in fields:
                detail += " " + _(extra).format(**fields)
            break
    if ctx is not None:
        usage = _help_in_language(ctx.get_usage().removeprefix("Usage: "), USAGE_WORDS)
        typer.echo(_("Usage: {usage}").format(usage=usage), err=True)
        typer.echo(_("Try '{command} --help' for help.").format(command=ctx.command_path) + "\n", err=True)
    typer.echo(_("Error: {detail}").format(detail=detail), err=True)


_TERMINATED = 143  # 128 + SIGTERM, as a shell reports a process ended by it


def _terminate_as_interrupt() -> list[int]:
    """SIGTERM (sent by `timeout`, CI cancellation, systemd, `server stop`) ends a command as
    Ctrl-C does: temporary files and folders are cleaned up on the way out, a batch's workers
    are stopped and wait for nothing more. The list holds the signal once received."""
    import contextlib
    import signal

    received: list[int] = []

    def terminated(signum: int, _frame: object) -> None:
        if not received:
            received.append(signum)
            raise KeyboardInterrupt

    with contextlib.suppress(ValueError):  # not the main thread (a library caller's): its handling stays
        signal.signal(signal.SIGTERM, terminated)
    return received


def _app_for(argv: list[str]) -> typer.Typer:
    """The app with only the command the line names: typer makes every command's parameters
    before it runs one (a twentieth of a small command's time). The whole app when none is named
    or the name is unknown (click's "did you mean …" needs the others)."""
    import copy

    from plangen.cli.argv import command_named

    name = command_named(argv)
    one = copy.copy(app)
    one.registered_commands = [c for c in app.registered_commands
                               if (c.name or typer.main.get_command_name(c.callback.__name__)) == name]
    one.registered_groups = [g for g in app.registered_groups if g.name == name]
    return one if one.registered_commands or one.registered_groups else app


def main() -> None:
    """Console entry point: no traceback ever reaches the user."""
    terminated = _terminate_as_interrupt()
    languages = _languages_from_argv(sys.argv[1:])
    unknown = [lang for lang in languages if lang not in LANGUAGES]
    if unknown:  # each one given is checked: a second `--lang xx` never falls back silently
        set_language(next((lang for lang in languages if lang in LANGUAGES), None))
        typer.echo(_("unknown language {lang!r}: plangen speaks vi (Vietnamese) and en (English)").format(
            lang=unknown[0]), err=True)
        sys.exit(2)
    wanted = languages[-1] if languages else None
    set_language(wanted)
    _localize()
    if not [a for a in sys.argv[1:] if a != "--lang" and not a.startswith("--lang=") and a != wanted]:
        _short_help()
        sys.exit(0)
    helping = "--help" in sys.argv[1:] or len(sys.argv) == 1
    try:
        if helping:
            import contextlib
            import io

            shown = io.StringIO()
            try:
                with contextlib.redirect_stdout(shown):
                    code = app(standalone_mode=False)
            finally:
                sys.stdout.write(_help_in_language(shown.getvalue()))
        else:
            code = _app_for(sys.argv)(standalone_mode=False)
    except PlangenError as exc:
        _report(exc)
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        # objects the interrupt left half-done (a zip with a member being written) are collected
        # on the way out; what their destructors say is no message for the user
        sys.unraisablehook = lambda _unraisable: None
        sys.exit(_TERMINATED if terminated else 130)
    except Exception as exc:
        # a usage error (unknown option, missing argument): click's own exception, which typer
        # ships inside itself since 0.29, so it is recognised by its class name, not imported
        if type(exc).__name__ == "NoArgsIsHelpError":  # `plangen server` alone: its help, no "Error"
            typer.echo(_help_in_language(exc.format_message()))  # type: ignore[attr-defined]
            sys.exit(0)
        if any(cls.__name__ == "ClickException" for cls in type(exc).__mro__):
            _show_usage_error(exc)
            sys.exit(2)
        typer.echo(_("internal error ({kind}: {detail}); please report it with the plan file").format(
            kind=type(exc).__name__, detail=exc), err=True)
        if os.environ.get("PLANGEN_DEBUG"):
            raise
        sys.exit(3)
    if terminated:  # ended by SIGTERM (typer reports it as an interruption: 130)
        sys.exit(_TERMINATED)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
