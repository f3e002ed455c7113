"""The table of a `--each` batch (CSV): one plan per row, its columns becoming the plan's variables.

Read here, below `run` and `check`, because both use it: `build --each` makes one plan per row and
`check --each` checks the base plan with every row.
"""

from __future__ import annotations

import re
from pathlib import Path

from plangen.errors import PlangenError, Problem
from plangen.i18n import _

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

    from plangen.plan.textvars import BUILTIN_NAMES
    from plangen.plan.yamlsource import read_file

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
    from plangen.plan.yamlsource import _CONTROL

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
