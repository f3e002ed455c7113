"""How findings are printed: text (default), json (stable shape), github (workflow annotations).

Text: `plan.yaml:42:7: error numbering message` for YAML; for a .docx the paragraph number takes
the line's place, and the paragraph's first words follow: `plan.docx:12: error … [“I. MỤC …”]`.
The severity and the rule are named in the user's language (`lỗi [đánh số] …`); JSON, GitHub and
SARIF keep the rule's id.

JSON: a list with one object per finding:
    {"file": str, "line": int|null, "column": int|null, "paragraph": int|null,
     "severity": "error"|"warning"|"note", "rule": str, "message": str, "context": str,
     "guide": "Nghị định 30/2020/NĐ-CP"|"Hướng dẫn 36-HD/VPTW" (what the document was checked against)}
"""

from __future__ import annotations

import json

from plangen.check.finding import Finding
from plangen.errors import visible
from plangen.i18n import N_, _

SEVERITY_NAMES = {"error": N_("error"), "warning": N_("warning"), "note": N_("note")}
RULE_NAMES = {  # in English the rule's id; translated, a name a clerk reads
    "required-sections": N_("required-sections"), "funding-section": N_("funding-section"),
    "numbering": N_("numbering"), "header": N_("header"), "ending": N_("ending"),
    "signature-authority": N_("signature-authority"), "dates": N_("dates"), "page-format": N_("page-format"),
    "font": N_("font"), "page-numbers": N_("page-numbers"), "placeholders": N_("placeholders"),
    "typed-labels": N_("typed-labels"), "consistency": N_("consistency"), "issuer-known": N_("issuer-known"),
    "citations": N_("citations"), "heading-style": N_("heading-style"), "paragraph-break": N_("paragraph-break"),
    "party-header": N_("party-header"), "party-ending": N_("party-ending"), "party-signature": N_("party-signature"),
    "party-layout": N_("party-layout"),
}


def rule_name(rule: str) -> str:
    """The rule as the user's language names it (a rule without a name yet: its id)."""
    return _(RULE_NAMES[rule]) if rule in RULE_NAMES else rule


def _location(f: Finding) -> str:
    w = f.where
    if w.paragraph is not None:
        return f"{f.file}:{w.paragraph}"
    if w.line is not None:
        return f"{f.file}:{w.line}:{w.column or 1}"
    return f.file


def text(findings: list[Finding]) -> str:
    lines = []
    line = _("{severity} {rule} {message}")
    for f in findings:
        context = f" [“{f.where.words}”]" if f.where.words else ""
        said = line.format(severity=_(SEVERITY_NAMES.get(f.severity, f.severity)), rule=rule_name(f.rule),
                           message=f.message)
        lines.append(visible(f"{_location(f)}: {said}{context}"))
    return "\n".join(lines)


def all_well(files: int) -> str:
    """The one line `check` says when no file has a finding."""
    return _("{n} files checked: no problems found").format(n=files) if files != 1 else \
        _("1 file checked: no problems found")


def as_json(findings: list[Finding]) -> str:
    return json.dumps([{
        "file": f.file, "line": f.where.line, "column": f.where.column, "paragraph": f.where.paragraph,
        "severity": f.severity, "rule": f.rule, "message": f.message, "context": f.where.words, "guide": f.guide,
    } for f in findings], ensure_ascii=False, indent=2)


def _escape(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def github(findings: list[Finding]) -> str:
    """GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=rule::message`."""
    lines = []
    for f in findings:
        props = [f"file={_escape(f.file, True)}"]
        if f.where.line is not None:
            props.append(f"line={f.where.line}")
            if f.where.column is not None:
                props.append(f"col={f.where.column}")
        props.append(f"title={_escape(f.rule, True)}")
        message = f.message + (f" [¶{f.where.paragraph}: {f.where.words}]" if f.where.paragraph else "")
        level = "notice" if f.severity == "note" else f.severity
        lines.append(visible(f"::{level} {','.join(props)}::{_escape(message)}"))
    return "\n".join(lines)


FORMATS = {"text": text, "json": as_json, "github": github}


def _rules_used(findings: list[Finding]) -> list:
    from plangen.check.rules import RULES

    used = {f.rule for f in findings}
    return [rule for rule in RULES if rule.ID in used]


def sarif(findings: list[Finding]) -> str:
    """SARIF 2.1.0, as code-scanning services read it. A YAML finding points at its line and
    column; a Word file's at its paragraph, given as the line (and named in a logical location)."""
    from plangen import __version__
    from plangen.check.baseline import FileLines, fingerprint

    rules = _rules_used(findings)
    index = {rule.ID: i for i, rule in enumerate(rules)}
    results = []
    files = FileLines()
    for f in findings:
        region: dict = {}
        if f.where.paragraph is not None:
            region = {"startLine": f.where.paragraph}
        elif f.where.line is not None:
            region = {"startLine": f.where.line, "startColumn": f.where.column or 1}
        location: dict = {"physicalLocation": {"artifactLocation": {"uri": _uri(f.file)}}}
        if region:
            location["physicalLocation"]["region"] = region
        if f.where.paragraph is not None:
            location["logicalLocations"] = [{"name": f"paragraph {f.where.paragraph}", "kind": "element",
                                             "fullyQualifiedName": f.where.words or f"paragraph {f.where.paragraph}"}]
        results.append({
            "ruleId": f.rule, "ruleIndex": index[f.rule],
            "level": f.severity if f.severity in ("error", "note") else "warning",
            "message": {"text": f.message + (f" [“{f.where.words}”]" if f.where.words else "")},
            "locations": [location],
            "partialFingerprints": {"plangen/v1": fingerprint(f, files)},
        })
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "plangen", "version": __version__,
                "rules": [{
                    "id": rule.ID,
                    "shortDescription": {"text": (rule.__doc__ or rule.ID).strip().splitlines()[0]},
                    "fullDescription": {"text": (rule.__doc__ or "").strip()},
                    "help": {"text": (rule.__doc__ or "").strip()},
                    "defaultConfiguration": {"level": rule.SEVERITY if rule.SEVERITY in ("error", "note")
                                             else "warning"},
                } for rule in rules],
            }},
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)


def _uri(path: str) -> str:
    """A relative path as a URI reference (forward slashes, spaces and the like escaped)."""
    from urllib.parse import quote

    return quote(path.replace("\\", "/"))


FORMATS["sarif"] = sarif
