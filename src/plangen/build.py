"""Building plans: load, check, render, write — one plan, or many with the same template.

Used by `plangen build`; usable from Python. A plan with check errors is refused unless forced;
a plan that cannot be used is reported and the others go on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from plangen.check import Finding
from plangen.errors import PlangenError, Problem


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


def target_for(plan: Path, output: Path | None, several: bool) -> Path | None:
    """-o is the document for one plan, a folder for several (or when it is a folder)."""
    if output is None:
        return None
    if several or output.is_dir() or not output.suffix:
        return output / plan.with_suffix(".docx").name
    return output


def build_one(plan: Path, target: Path | None, template, settings=None, force: bool = False,
              pdf: bool = False, png: bool = False) -> Outcome:
    from plangen.check import check_view
    from plangen.check.read import from_plan
    from plangen.load import load_plan
    from plangen.render import output_path, write_plan

    outcome = Outcome(plan)
    try:
        target = output_path(plan, target)
        loaded = load_plan(plan)
        outcome.findings = check_view(from_plan(loaded), settings)
        if any(f.severity == "error" for f in outcome.findings) and not force:
            outcome.refused = True
            return outcome
        outcome.written.append(write_plan(loaded.plan, target, template))
        if pdf or png:
            from plangen import convert

            pdf_path = convert.to_pdf(target)
            if pdf:
                outcome.written.append(pdf_path)
            if png:
                outcome.written += convert.to_png(pdf_path)
                if not pdf:
                    pdf_path.unlink(missing_ok=True)
    except PlangenError as exc:
        outcome.problems = exc.problems
    return outcome


def build_many(plans: Iterable[Path], output: Path | None, template, settings=None, force: bool = False,
               pdf: bool = False, png: bool = False) -> Iterator[Outcome]:
    plans = list(plans)
    several = len(plans) > 1
    for plan in plans:
        yield build_one(plan, target_for(plan, output, several), template, settings, force, pdf, png)
