"""User-facing errors: one small hierarchy, caught once at the CLI boundary.

Every error the user can cause is a `PlangenError`; the CLI prints its `problems` (each with file,
line, column and the path inside the plan) and exits with `exit_code`. Anything else escaping the
library is a bug, reported without a traceback too (see cli.py).
"""

from __future__ import annotations

from dataclasses import dataclass


def visible(text: str) -> str:
    """`text` safe to print on a terminal: a control character (C0 but tab and newline, C1
    U+0080–U+009F, which a terminal may obey), an invisible format character (zero width, bidi
    override), a private or unassigned one is shown as `<U+009B>` instead of printed raw, so a
    file cannot hide words or drive the terminal through plangen's messages."""
    if text.isprintable():
        return text
    import unicodedata

    return "".join(c if c.isprintable() or c in "\n\t" or unicodedata.category(c) == "Zs" else f"<U+{ord(c):04X}>"
                   for c in text)


@dataclass(frozen=True)
class Problem:
    """One located problem: `file:line:col: path: message`."""

    file: str
    line: int | None
    column: int | None
    message: str
    path: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        said = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        return visible(said)


class PlangenError(Exception):
    """Base of all errors meant for the user. Exit status 2: the input cannot be used."""

    exit_code = 2

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem(file="plangen", line=None, column=None, message=problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class PlanInputError(PlangenError):
    """The plan file cannot be read or does not describe a valid plan."""


class TemplateProblem(PlangenError):
    """A Word template is not usable (missing, broken, or lacking what the renderer needs)."""


class OutputError(PlangenError):
    """The document cannot be written where asked."""
