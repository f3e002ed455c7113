"""What a check rule finds: a located message with its rule and severity (the engine fills in the
file and rule id)."""

from __future__ import annotations

from dataclasses import dataclass

from plangen.check.view import Where

ERROR, WARNING, NOTE = "error", "warning", "note"
SEVERITIES = (ERROR, WARNING, NOTE)


@dataclass(frozen=True)
class Finding:
    file: str
    rule: str
    severity: str
    message: str
    where: Where
    guide: str = ""  # the text the document was checked against (Nghị định 30/2020/NĐ-CP, Hướng dẫn 36-HD/VPTW)


@dataclass
class FileReport:
    file: str
    findings: list[Finding]
    guide: str = ""  # as in Finding: a Party document is checked against Hướng dẫn 36-HD/VPTW

    @property
    def errors(self) -> int:
        return sum(f.severity == ERROR for f in self.findings)


def finding(message: str, where: Where, severity: str = "") -> Finding:
    """A finding from inside a rule; file, rule id and (by default) severity come from the engine."""
    return Finding("", "", severity, message, where)
