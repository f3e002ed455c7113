"""`plangen import`: a plan an office already has (Word, PDF, text) → plan data and YAML.

The document is read as displayed (`plangen.word.sources`), its parts recognised by the recogniser
that `plangen check` uses (`plangen.word.recognise`), and each part mapped onto the plan schema:
labels are dropped (plangen computes them) unless the source writes one otherwise, inline bold
and italic become markup; years and dates stay as written (only next year's draft, `drafting`,
makes the plan year `{{ year }}` and the plan's own dates variables, to roll them forward).
Whatever is taken by a guess is listed for review; text that fits no field is kept as a paragraph
and listed too: nothing of the source is dropped.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plangen.errors import PlanInputError, Problem
from plangen.i18n import _
from plangen.importer.appendices import AppendixPart
from plangen.importer.assignments import AssignmentPart
from plangen.importer.base import Imported, ReviewNote
from plangen.importer.body import BodyPart, _strip_end_mark
from plangen.importer.ending import EndingPart
from plangen.importer.header import HeaderPart
from plangen.importer.tables import TablePart
from plangen.word import party
from plangen.word.recognise import (
    Recognised,
    fold,
    is_upper,
    recognise,
)
from plangen.word.sources import Source, read_source

if TYPE_CHECKING:  # the library's `import_plan` returns a model; `plangen import` needs none
    from plangen.plan import models


class _Importer(HeaderPart, BodyPart, AssignmentPart, TablePart, EndingPart, AppendixPart):
    """The parts together; `plan()` reads them in the order of the document."""

    def plan(self) -> dict[str, Any]:
        r = self.r
        data: dict[str, Any] = {"issuer": self.issuer()}
        self.partners(data)
        self.dates(data)
        data["year"] = self.year
        # a rule typed under the summary that a PDF's reading kept in its paragraph (a line break) is
        # the mark under it, which the document prints, not words of the summary
        summary_lines = [line.strip() for p in r.summary for line in p.text.split("\n")
                         if line.strip() and not party.is_mark(line)]
        if summary_lines:
            data["summary"] = "\n".join(self.text(None, line, ("summary",), own_year=True)
                                        for line in summary_lines)
        else:
            data["summary"] = "[Trích yếu nội dung kế hoạch]"
            self.note(("summary",), _("the summary (trích yếu) under “KẾ HOẠCH” was not found"), r.type_name)
        if r.decision:  # the decision that issues the plan, published before it
            data["issued_with"] = decision = self.issuing_decision()
            for key in ("number", "date", "draft_month"):
                data.pop(key, None)
            # the plan is known by the decision's number and date (models.Plan._decision_numbered)
            head = re.match(r"\d+", decision["number"]) if r.number is not None else None
            if head and 1 <= int(head.group(0)) <= 99999:
                data["number"] = int(head.group(0))
                if "date" in decision:
                    data["date"] = decision["date"]
        elif r.decision_line is not None:
            decision = self.decision(r.decision_line)
            if decision and r.number is not None:
                decision["own_number"] = True  # a plan implementing the document, with its own number
            if decision:
                data["issued_with"] = decision
            else:  # kept, as the first paragraph of the preamble
                r.header_other.append(r.decision_line)
            if decision and not decision.get("own_number"):
                data.pop("number", None)
                data.pop("date", None)
                data.pop("draft_month", None)
        if r.numbering == "decimal":
            data["numbering"] = "decimal"
        if r.label_mark == "-" and r.numbering == "roman":
            data["label_mark"] = "-"  # "I- …", "1- …": printed as written
        elif r.numbering == "letter":
            self.note(("sections",), _("the parts are lettered {labels} in the source; the decree numbers a plan's "
                                       "sections I, II, III…: numbered so").format(
                labels=", ".join(s.label for s in r.sections[:4])), r.sections[0].heading)
        if r.sections and not all(is_upper(s.title) for s in r.sections):
            data["heading_case"] = "as_written"
        self.preamble(data)
        self.source_record(data)
        if self.title_end:
            data["item_title_end"] = self.title_end
        data["sections"] = self.sections()
        if _assigns_in_blocks(data["sections"]):
            data["sections"] = _without_sentence_agencies(data["sections"])
        self.closing(data)
        self.ending(data)
        self.appendices(data)
        self.fill_from_task_tables(data)
        if self.variables:
            ordered: dict[str, Any] = {}
            for key, value in data.items():
                ordered[key] = value
                if key in ("summary", "issued_with") and "variables" not in ordered:
                    ordered["variables"] = dict(self.variables)
            if "variables" not in ordered:
                ordered["variables"] = dict(self.variables)
            data = ordered
        _strip_end_mark(data)
        return _ordered(data)


_KEY_ORDER = ["issuer", "number", "date", "issue_year", "year", "draft_month", "summary", "issued_with", "partners",
              "theme", "variables", "legal_bases_end", "legal_bases", "preamble", "numbering", "label_mark",
              "heading_case", "item_title_end", "sections", "closing", "recipients", "archive", "signature",
              "appendices", "source_record"]


def _ordered(data: dict[str, Any]) -> dict[str, Any]:
    return {k: data[k] for k in _KEY_ORDER if k in data} | {k: v for k, v in data.items() if k not in _KEY_ORDER}


def not_a_plan(source: Source, r: Recognised) -> PlanInputError | None:
    """A located refusal when the file is not a plan (a letter, a decision, an empty file)."""
    if r.sections:
        return None
    texts = [fold(p.text[:40]) for p in source.paragraphs[:200] if p.text.strip()]
    kind = next((t for t in texts if t in ("QUYẾT ĐỊNH", "CÔNG VĂN", "THÔNG BÁO", "BÁO CÁO", "TỜ TRÌNH",
                                           "CHỈ THỊ", "NGHỊ QUYẾT", "HƯỚNG DẪN", "CHƯƠNG TRÌNH")), None)
    if kind:
        message = _("this is not a plan (Kế hoạch) but a “{kind}”: plangen imports plans only").format(
            kind=kind.capitalize())
    elif any(t.startswith("V/V") for t in texts):
        message = _("this is not a plan (Kế hoạch) but a letter (công văn): plangen imports plans only")
    elif not texts:
        message = _("the file holds no text")
    else:
        message = _("no plan was recognised: a plan has the title “KẾ HOẠCH” and numbered sections "
                    "(I., II. … or 1., 2. …)")
    return PlanInputError(Problem(source.path, None, None, message))


def import_source(source: Source, drafting: bool = False) -> Imported:
    """The plan data of a source; `drafting`: for next year's draft (year and dates as variables)."""
    r = recognise(source.paragraphs)
    refusal = not_a_plan(source, r)
    if refusal:
        raise refusal
    # a Word file's page setup of each section; a PDF's pages turned, setup by setup
    turned = [s.width_mm > s.height_mm for s in source.word.sections] if source.word is not None \
        else list(source.landscape)
    for appendix in r.appendices:
        first = appendix.paras[0] if appendix.paras else appendix.label
        if first is not None and first.page_section < len(turned):
            appendix.landscape = turned[first.page_section]
    importer = _Importer(r, source, drafting)
    data = importer.plan()
    return Imported(data, importer.review, source)


def import_file(path: str | Path, drafting: bool = False) -> Imported:
    return import_source(read_source(path), drafting)


def import_plan(path: str | Path) -> tuple[models.Plan, list[ReviewNote]]:
    """Library use: the plan in a Word, PDF or text file, and what to review."""
    from plangen.plan.load import load_plan_text

    text, review = import_to_yaml(path)
    return load_plan_text(text, str(path)).plan, review


def import_to_yaml(path: str | Path, review_header: bool = True,
                   drafting: bool = False) -> tuple[str, list[ReviewNote]]:
    """The YAML text of the plan in a Word, PDF or text file, and what to review (with lines);
    `drafting`: made for next year's draft (year and dates as variables, to roll forward)."""
    from plangen.importer.yamlwrite import plan_yaml

    imported = import_file(path, drafting)
    header = [_("Imported from {name} by `plangen import`: check every REVIEW point, then build.").format(
        name=Path(path).name)]
    return plan_yaml(imported, header, review_header)


def _assigns_in_blocks(node: Any) -> bool:
    """Does the plan give its tasks in agency blocks (`agency` with `tasks`)?"""
    if isinstance(node, dict):
        return ("agency" in node and "tasks" in node) or any(_assigns_in_blocks(v) for v in node.values())
    return isinstance(node, list) and any(_assigns_in_blocks(v) for v in node)


def _without_sentence_agencies(node: Any, among_blocks: bool = False) -> Any:
    """A plan that assigns its tasks agency by agency says who does what there: a sentence naming
    a body is a task of that body only in the list of agency blocks ("3/ Đề nghị Ủy ban Mặt trận …
    phối hợp" beside "1/ Công an xã:"); elsewhere ("Các đơn vị báo cáo …" in TỔ CHỨC THỰC HIỆN) it
    is not read as one (it would add rows to a task table the document does not have)."""
    if isinstance(node, list):
        blocks = any(isinstance(v, dict) and "agency" in v and "tasks" in v for v in node)
        return [_without_sentence_agencies(v, blocks) for v in node]
    if not isinstance(node, dict) or isinstance(node.get("table"), dict):
        return node  # a task matrix's rows name their bodies by role: no sentence there
    if "agency" in node and "tasks" not in node and "role" not in node and not among_blocks:
        rest = {k: v for k, v in node.items() if k != "agency"}
        return rest["text"] if list(rest) == ["text"] else _without_sentence_agencies(rest)
    return {k: _without_sentence_agencies(v) for k, v in node.items()}
