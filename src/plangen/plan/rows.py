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
    """(first line, row) of each row of a table, header line first: a UTF-8 CSV file (cells
    separated by `,` or, as Excel saves them where a comma is the decimal mark, `;`) or an Excel
    workbook (.xlsx, its first sheet). Its columns become plan variables; a column named in
    Vietnamese is the variable of its name without accents, words joined by `_` ("Tên xã" →
    `ten_xa`)."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        records, problems = _xlsx_records(path)
    elif suffix in (".xls", ".ods", ".xlsm"):
        raise PlangenError(Problem(str(path), None, None, _(
            "plangen reads Excel workbooks saved as .xlsx, and CSV files: save this one as .xlsx "
            "or as “CSV UTF-8”")))
    else:
        records, problems = _csv_records(path)
    return _table(path, records, problems, by_character=suffix != ".xlsx")


def rows_text(rows: list[int]) -> str:
    """The rows a finding holds for, runs of them as ranges: `2, 4–6, 9` (a finding of all 124
    communes of a province reads `1–124`, not 124 numbers; two rows stay two: `2, 3`)."""
    runs: list[list[int]] = []
    for row in sorted(set(rows)):
        if runs and row == runs[-1][-1] + 1:
            runs[-1].append(row)
        else:
            runs.append([row])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)


def _csv_records(path: Path) -> tuple[list[tuple[int, list[str]]], list[Problem]]:
    """The records of a CSV file, each with the line it begins on.

    The csv module reads the text as it is, so a quoted cell keeps its line breaks (and U+2028);
    letters are normalised to NFC (macOS and some exports write them decomposed), and control
    characters, which Word cannot store, are refused at their line and column here rather than
    failing later inside the Word template.
    """
    import csv
    import unicodedata

    from plangen.plan.yamlsource import read_file

    text = unicodedata.normalize("NFC", read_file(path))
    head = text.split("\n", 1)[0]
    lines = _LinesRead(text)
    reader = csv.reader(lines, delimiter=";" if head.count(";") > head.count(",") else ",")
    records: list[tuple[int, list[str], str]] = []  # (first line, cells, text read for them)
    first = 1
    try:
        for cells in reader:
            records.append((first, cells, lines.take()))
            first = reader.line_num + 1
    except csv.Error as exc:
        message = _("a cell is longer than {n:,} characters (or a quote opened here is never closed)").format(
            n=csv.field_size_limit()) if "field larger" in str(exc) else _(
            "this line cannot be read as CSV ({reason})").format(reason=exc)
        raise PlangenError(Problem(str(path), first, 1, message)) from None
    if not records:
        raise PlangenError(Problem(str(path), 1, 1, _("the CSV file is empty: a header line is expected")))
    unclosed = _unclosed_quote(path, *records[-1])
    if unclosed:
        records.pop()  # its cells are not what the author meant: only the quote is reported
    return [(first, cells) for first, cells, _text in records], unclosed + _control_characters(path, records)


MAX_XLSX_INFLATED = 256 * 2**20


def _xlsx_records(path: Path) -> tuple[list[tuple[int, list[str]]], list[Problem]]:
    """The rows of a workbook's first sheet, each with its row number; dates written dd/mm/yyyy,
    whole numbers without a decimal part, as a person reads the cells."""
    import datetime as dt
    import unicodedata
    import zipfile

    from plangen.plan.yamlsource import _CONTROL, MAX_FILE_BYTES

    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise PlangenError(Problem(str(path), None, None, _(
                "the file is larger than {n} MB: a plan is far smaller").format(n=MAX_FILE_BYTES // 2**20)))
        with zipfile.ZipFile(path) as archive:  # bounded before openpyxl inflates anything
            if sum(info.file_size for info in archive.infolist()) > MAX_XLSX_INFLATED:
                raise PlangenError(Problem(str(path), None, None, _(
                    "this workbook inflates to more than {n} MB: save the table alone as CSV").format(
                        n=MAX_XLSX_INFLATED // 2**20)))
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise PlangenError(Problem(str(path), None, None, _("file not found"))) from None
    except PlangenError:
        raise
    except Exception as exc:  # not a workbook, damaged, protected: openpyxl's many errors
        raise PlangenError(Problem(str(path), None, None, _(
            "this file cannot be read as an Excel workbook ({reason})").format(reason=type(exc).__name__))) from None

    def cell_text(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, dt.datetime | dt.date):
            return f"{value:%d/%m/%Y}"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return unicodedata.normalize("NFC", str(value))

    records, problems = [], []
    try:
        for number, row in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1):
            cells = [cell_text(v) for v in row]
            while cells and not cells[-1]:
                cells.pop()  # a sheet's used range often runs past the table
            for k, cell in enumerate(cells, start=1):
                m = _CONTROL.search(cell)
                if m:
                    problems.append(Problem(str(path), number, k, _(
                        "control character U+{code:04X} in this cell: Word cannot store it; delete it").format(
                            code=ord(m.group()))))
            records.append((number, cells))
    finally:
        book.close()
    while records and not any(records[-1][1]):
        records.pop()
    if not records:
        raise PlangenError(Problem(str(path), 1, 1, _("the workbook's first sheet is empty: a header row is expected")))
    width = len(records[0][1])
    return [(n, cells + [""] * (width - len(cells)) if len(cells) < width else cells) for n, cells in records], \
        problems[:20]


def _table(path: Path, records: list[tuple[int, list[str]]], problems: list[Problem],
           by_character: bool) -> list[tuple[int, dict[str, str]]]:
    """Header and rows checked: every column a usable variable, every row as wide as the header."""
    from plangen.plan.textvars import BUILTIN_NAMES
    from plangen.vietnamese import variable_name

    header = records[0][1] if records else []
    names, column = [], 1
    for k, written in enumerate(header, start=1):
        name = written.strip()
        if not NAME.match(name):
            name = variable_name(name)
        if not NAME.match(name):
            problems.append(Problem(str(path), 1, column if by_character else k, _(
                "column name {name!r} cannot be a variable: use letters, digits and _").format(name=written)))
        names.append(name)
        column += len(written) + 1
    for k, name in enumerate(names, start=1):
        if name in BUILTIN_NAMES:
            problems.append(Problem(str(path), 1, k, _(
                "the column {name!r} would replace the plan's own `{name}`: rename the column (each row's "
                "plan takes `{name}` from the base plan)").format(name=name)))
    for name in sorted({n for n in names if names.count(n) > 1}):
        problems.append(Problem(str(path), 1, None, _("the column {name!r} appears twice").format(name=name)))
    rows = []
    for number, row in records[1:]:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(Problem(str(path), number, 1, _(
                "this row has {got} cells, the header has {n}").format(got=len(row), n=len(header))))
            continue
        rows.append((number, {k: v.strip() for k, v in zip(names, row, strict=True)}))
    if problems:
        raise PlangenError(problems)
    if not rows:
        raise PlangenError(Problem(str(path), 2, 1, _("the table has a header but no rows: no plan to build")))
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
