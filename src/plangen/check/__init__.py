"""`plangen check`: required sections and the official format, for YAML plans and any .docx.

Each rule is a module of `plangen.check.rules` (see its README-like docstring) with an `ID`, a
default `SEVERITY`, the `SOURCES` it applies to ("yaml", "docx"), optionally the `FORMATS` of
document it applies to ("state": Nghị định 30, "party": a Party committee's; both by default) and
a `check(view, config)` that yields `Finding`s. The engine reads each file into a `PlanView` once
and runs the rules.

Severities: an error for what the decree clearly requires and the file clearly breaks; a warning
for a matter of practice, where offices differ (the message says why); a note where a rule could
not decide (a part of the plan it did not find). Only errors fail `check` (warnings too with
`--fail-on warning`); notes never do.
"""

from __future__ import annotations

from pathlib import Path

from plangen.check.finding import ERROR, NOTE, SEVERITIES, WARNING, FileReport, Finding, finding
from plangen.check.view import PlanView
from plangen.errors import PlangenError, Problem
from plangen.i18n import _


def read_view(path: str | Path) -> PlanView:
    """A plan file (YAML) or a Word file, as a `PlanView`; PlangenError when unreadable."""
    from plangen.check import read

    path = Path(path)
    if path.suffix.lower() in (".doc", ".odt", ".pdf", ".txt"):  # through import's reader: .doc, .odt converted
        from plangen.word.sources import read_source

        if path.suffix.lower() not in (".doc", ".odt"):
            raise PlangenError(Problem(str(path), None, None, _(
                "plangen check reads plans (YAML) and Word files (.docx); `plangen import {name}` brings "
                "this file in as a plan, which check then reads").format(name=path.name)))
        source = read_source(path)  # an old Word file or an OpenDocument text, converted by LibreOffice
        assert source.word is not None
        return read.from_word(source.word)
    if path.suffix.lower() == ".docx":
        from plangen.word.wordfile import NotAWordFile
        from plangen.word.wordfile import read as read_word

        try:  # read_word names what is not found, a folder, a FIFO or a device (read_input)
            return read.from_word(read_word(path))
        except NotAWordFile as exc:
            raise PlangenError(Problem(str(path), None, None, _(
                "this is not a readable Word (.docx) file ({reason})").format(reason=exc))) from None
    from plangen.plan.load import load_plan

    return read.from_plan(load_plan(path))


def check_view(view: PlanView, config: object | None = None) -> list[Finding]:
    from plangen.check.config import CheckConfig
    from plangen.check.rules import GUIDES, RULES, formats

    config = config if isinstance(config, CheckConfig) else CheckConfig()
    findings: list[Finding] = []
    for rule in RULES:
        if view.source not in rule.SOURCES or view.format not in formats(rule) or not config.enabled(rule.ID):
            continue
        for found in rule.check(view, config):
            # a note says the rule could not decide: no setting makes that an error
            severity = NOTE if found.severity == NOTE else config.severity(rule.ID, found.severity or rule.SEVERITY)
            findings.append(Finding(view.file, rule.ID, severity, found.message, found.where, GUIDES[view.format]))
    return sorted(findings, key=lambda f: (f.where.paragraph or 0, f.where.line or 0, f.where.column or 0))


def check_path(path: str | Path, config: object | None = None) -> FileReport:
    from plangen.check.rules import GUIDES

    view = read_view(path)
    return FileReport(str(path), check_view(view, config), GUIDES[view.format])


def check_each(base: str | Path, table: Path, config: object | None = None,
               rows: list[tuple[int, dict[str, str]]] | None = None) -> tuple[list[Finding], list]:
    """A `--each` base plan checked with every row of its table (its texts use the columns):
    (findings, each once, the message naming the rows it concerns), and the rows that cannot be used.
    `rows`: the table's rows when the caller has read them already (`rows_of(table)`)."""
    from dataclasses import replace

    from plangen.check import read
    from plangen.i18n import _
    from plangen.plan.load import expand, load_template
    from plangen.plan.rows import rows_of, rows_text

    template = load_template(base)
    seen: dict[Finding, list[int]] = {}
    problems = []
    for line, row in rows if rows is not None else rows_of(table):
        try:
            view = read.from_plan(expand(template, row))
        except PlangenError as exc:
            problems += [replace(p, message=p.message + _(" ({table}, row {row})").format(table=table, row=line))
                         for p in exc.problems]
            continue
        for f in check_view(view, config):
            seen.setdefault(f, []).append(line)
    findings = [replace(f, message=f.message + _(" ({table}, rows {rows})").format(
        table=table, rows=rows_text(rows))) for f, rows in seen.items()]
    return findings, problems


__all__ = ["ERROR", "NOTE", "SEVERITIES", "WARNING", "FileReport", "Finding", "check_each", "check_path",
           "check_view", "finding", "read_view"]
