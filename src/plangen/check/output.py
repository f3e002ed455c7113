"""How findings are printed: text (default), json (stable shape), github (workflow annotations).

Text: `plan.yaml:42:7: error numbering message` for YAML; for a .docx the paragraph number takes
the line's place, and the paragraph's first words follow: `plan.docx:12: error … [“I. MỤC …”]`.

JSON: a list with one object per finding:
    {"file": str, "line": int|null, "column": int|null, "paragraph": int|null,
     "severity": "error"|"warning", "rule": str, "message": str, "context": str}
"""

from __future__ import annotations

import json

from plangen.check import Finding


def _location(f: Finding) -> str:
    w = f.where
    if w.paragraph is not None:
        return f"{f.file}:{w.paragraph}"
    if w.line is not None:
        return f"{f.file}:{w.line}:{w.column or 1}"
    return f.file


def text(findings: list[Finding]) -> str:
    lines = []
    for f in findings:
        context = f" [“{f.where.words}”]" if f.where.words else ""
        lines.append(f"{_location(f)}: {f.severity} {f.rule} {f.message}{context}")
    return "\n".join(lines)


def as_json(findings: list[Finding]) -> str:
    return json.dumps([{
        "file": f.file, "line": f.where.line, "column": f.where.column, "paragraph": f.where.paragraph,
        "severity": f.severity, "rule": f.rule, "message": f.message, "context": f.where.words,
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
        lines.append(f"::{f.severity} {','.join(props)}::{_escape(message)}")
    return "\n".join(lines)


FORMATS = {"text": text, "json": as_json, "github": github}
