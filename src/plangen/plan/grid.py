"""A table's grid: where each cell of each row stands (merged cells counted, rows given by the roles of
their columns placed by them), what does not fit, and how a task matrix's rows read by role.

Plain functions of plain values, without pydantic: the table model (`models.TableSpec`) validates
and reads its rows through them, and `plangen import` checks the tables it reads with the very same
rules before writing them, without the models' start-up cost. A cell is a text, a mapping as a plan
file writes it (`{text, rowspan, colspan, …}`) or a `models.Cell`; a role a text or a `ColumnRole`.
"""

from __future__ import annotations

from typing import Any

from plangen.plan.vocabulary import ColumnRole


def text_of(cell: Any) -> str:
    """A cell's text: a cell is a text, a mapping as a plan file writes it (`{text, rowspan, colspan}`),
    or an object with those attributes (the models' `Cell`)."""
    if isinstance(cell, str):
        return cell
    return cell.get("text", "") if isinstance(cell, dict) else cell.text


def spans(cell: Any) -> tuple[int, int]:
    """(columns across, rows down) a cell takes."""
    if isinstance(cell, str):
        return 1, 1
    if isinstance(cell, dict):
        return cell.get("colspan", 1), cell.get("rowspan", 1)
    return cell.colspan, cell.rowspan


_Problem = tuple[str, str, dict[str, Any]]  # (error type, message, context)


_SHAPE_MESSAGES = {
    "table_row": "row {row} has {got} cells, the table has {n} columns",
    "table_spans": "row {row} has {got} cells (merged cells counted), the table has {n} columns",
    "table_heading_spans": "heading row {row} has {got} cells (merged cells counted), the table has {n} columns",
}


def _keys_problem(row: dict, roles: list[str | None] | None, at: dict[str, Any]) -> _Problem | None:
    """Why a row by role names a cell the table cannot place: no roles, a role of no column or of two."""
    i, where = at["row"], at["at"][0]
    if roles is None:
        return ("table_row_no_roles", "row {row} is given by roles (`{key}: …`) but the table has no `roles`: "
                "give one role per column, or write the row as a list of cells",
                {**at, "key": str(next(iter(row), "task"))})
    for key in row:
        here = {**at, "at": (where, i, str(key)), "key": str(key)}
        if key not in roles:
            return ("table_row_role", "row {row}: `{key}` is not the role of a column of this table (its roles: "
                    "{roles})", {**here, "roles": ", ".join(str(r) for r in roles if r)})
        if roles.count(key) > 1:
            return ("table_row_role_twice", "row {row}: two columns have the role `{key}`: write this row as a "
                    "list of cells", here)
    return None


def _by_role(row: dict, roles: list[str | None], n: int, covered: set[int],
             at: dict[str, Any]) -> tuple[list[tuple[int, Any]], int, _Problem | None]:
    """A row by role's cells at their columns (one for each column not covered from above, empty
    when the row leaves it out), the columns filled, and a role given where a merged cell lies."""
    out: list[tuple[int, Any]] = []
    taken = set(covered)  # columns of cells merged from above or across
    col = 0
    while col < n:
        if col not in covered:
            cell = row.get(roles[col], "") if roles[col] else ""
            out.append((col, cell))
            taken |= set(range(col + 1, col + spans(cell)[0]))
            col += spans(cell)[0]
        else:
            col += 1
    placed = {c for c, _cell in out}
    for c in sorted(taken - placed):
        if c < n and roles[c] in row:
            return out, col, ("table_row_covered", "row {row}: the column of `{key}` is taken by a merged cell: "
                              "leave `{key}` out", {**at, "at": (at["at"][0], at["row"], str(roles[c])),
                                                    "key": str(roles[c])})
    return out, col, None


def lay_out(rows: list, n: int, roles: list[str | None] | None,
            where: str = "rows") -> tuple[list[list[tuple[int, Any]]], _Problem | None]:
    """Each row's cells at their grid columns (spans counted: a cell merged down leaves its
    column out of the rows below), rows by role placed by their roles; the first problem of
    shape, located by `at` in its context."""
    placed: list[list[tuple[int, Any]]] = []
    below: dict[int, int] = {}  # column → rows still covered by a rowspan from above
    spanned = any(not isinstance(c, str) for r in rows if isinstance(r, list) for c in r)
    for i, row in enumerate(rows):
        covered = {c for c, left in below.items() if left > 0}
        at = {"row": i, "at": (where, i)}
        if isinstance(row, dict):
            problem = _keys_problem(row, roles, at)
            if problem is None and roles is not None:
                out, col, problem = _by_role(row, roles, n, covered, at)
            if problem:
                return placed, problem
        else:
            out, col = [], 0
            for cell in row:
                while col in covered:
                    col += 1
                out.append((col, cell))
                col += spans(cell)[0]
                if col > n:
                    break
            while col in covered:
                col += 1
        if col != n:
            kind = ("table_spans" if spanned else "table_row") if where == "rows" else "table_heading_spans"
            return placed, (kind, _SHAPE_MESSAGES[kind], {**at, "got": col, "n": n})
        for c, cell in out:  # cells merged down start counting on the next row
            across, down = spans(cell)
            if down > 1:
                below.update({k: down for k in range(c, c + across)})
        placed.append(out)
        below = {c: left - 1 for c, left in below.items() if left - 1 > 0}
    return placed, None


def shape_problem(rows: list, n: int, roles: list | None, header: list | None = None) -> _Problem | None:
    """Why a table's rows (and its heading rows) do not fill its `n` columns, or name a role the
    table cannot place; None when they fit."""
    if roles is not None and len(roles) != n:
        return ("table_roles", "give one role per column ({n}), `null` for a column that has none",
                {"n": n, "got": len(roles), "at": ("roles",)})
    _placed, problem = lay_out(rows, n, roles)
    if problem is None and header:
        _placed, problem = lay_out(header, n, None, "header")
    return problem


def rows_as_lists(rows: list, n: int, roles: list | None) -> list[list[Any]]:
    """Every row as its cells in column order (a row given by roles placed by them; a column it
    leaves out is an empty cell): what the table prints."""
    if not any(isinstance(row, dict) for row in rows):
        return [list(row) for row in rows]
    return [[cell for _col, cell in row] for row in lay_out(rows, n, roles)[0]]


def role_rows(placed: list[list[tuple[int, Any]]], roles: list) -> list[dict[str, str]]:
    """Each placed row read by the roles of its columns, as a reader reads a task matrix: role →
    text as written (a cell merged down counts in every row it covers; two columns of one role
    joined by `; `). A group row, one cell across the task and the agency columns (`I. Nhóm
    nhiệm vụ …`), reads as `{}`."""
    wide = {ColumnRole.task, ColumnRole.agency}
    out: list[dict[str, str]] = []
    carried: dict[int, tuple[str, int]] = {}  # column → (text merged down, rows it still covers)
    for row in placed:
        texts: dict[int, str] = {c: text for c, (text, left) in carried.items() if left > 0}
        group = False
        for col, cell in row:
            across, down = spans(cell)
            if across > 1 and wide <= {roles[c] for c in range(col, min(col + across, len(roles)))}:
                group = True
            texts[col] = text_of(cell)
            if down > 1:
                carried[col] = (text_of(cell), down)
        carried = {c: (text, left - 1) for c, (text, left) in carried.items() if left - 1 > 0}
        if group:
            out.append({})
            continue
        by_role: dict[str, str] = {}
        for col in sorted(texts):
            role = roles[col] if col < len(roles) else None
            text = texts[col].strip()
            if role is None or not text:
                continue
            key = str(role)
            by_role[key] = f"{by_role[key]}; {text}" if key in by_role else text
        out.append(by_role)
    return out
