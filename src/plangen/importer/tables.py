"""Tables of a plan: cells as displayed (merged cells, heading rows, a numbered column) → plan tables
and budgets.
"""

from __future__ import annotations

import re
from typing import Any

from plangen import vietnamese as vn
from plangen.i18n import _
from plangen.importer.base import Context, escape
from plangen.plan.grid import lay_out, role_rows, rows_as_lists, shape_problem
from plangen.plan.vocabulary import TABLE_FONT_SIZES
from plangen.word.recognise import (
    Node,
    fold,
    task_matrix_roles,
)
from plangen.word.wordfile import Para


def _grid(node: Node) -> list[list[dict[str, Any]]]:
    """The table's cells row by row: text (paragraphs joined by line breaks), spans, look."""
    rows: dict[int, dict[int, list[Para]]] = {}
    for p in node.cells:
        rows.setdefault(p.row, {}).setdefault(p.column, []).append(p)
    grid: list[list[dict[str, Any]]] = []
    for _r, cells in sorted(rows.items()):
        row = []
        for _c, paras in sorted(cells.items()):
            first = paras[0]
            text = "\n".join(x.text.strip() for x in paras if x.text.strip())
            row.append({"text": text, "colspan": first.colspan, "vmerge": first.vmerge, "rowspan": 1,
                        "align": first.align, "bold": bool(text) and all(x.bold for x in paras if x.text.strip()),
                        "size": first.size if text else None})
        grid.append(row)
    # a vertically merged cell spans the rows whose cell in the same grid column continues it
    positions = [_positions(row) for row in grid]
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell["vmerge"] != "restart":
                continue
            at = positions[r][c]
            below = r + 1
            while below < len(grid) and any(positions[below][k] == at and cell_below["vmerge"] == "continue"
                                            for k, cell_below in enumerate(grid[below])):
                below += 1
            cell["rowspan"] = below - r
    return [[c for c in row if c["vmerge"] != "continue"] for row in grid]


def _positions(row: list[dict[str, Any]]) -> list[int]:
    out, at = [], 0
    for cell in row:
        out.append(at)
        at += cell["colspan"]
    return out


def _covered(grid: list[list[dict[str, Any]]], r: int) -> int:
    """Grid columns of row `r` taken by cells merged down from rows above."""
    return sum(c["colspan"] for above in range(r) for c in grid[above] if above + c["rowspan"] > r)


def _cell_value(cell: dict[str, Any], bold: bool = False) -> Any:
    """A cell as written in the plan; `bold`: say so when the cell is bold (a body cell)."""
    text = escape(cell["text"])
    bold = bold and cell["bold"]
    if cell["rowspan"] == 1 and cell["colspan"] == 1 and not bold:
        return text
    out: dict[str, Any] = {"text": text}
    if bold:
        out["bold"] = True
    if cell["rowspan"] > 1:
        out["rowspan"] = cell["rowspan"]
    if cell["colspan"] > 1:
        out["colspan"] = cell["colspan"]
    return out


def _group_row(row: list[dict[str, Any]], width: int) -> bool:
    return len(row) == 1 and row[0]["colspan"] >= width


def _numbered_column(grid: list[list[dict[str, Any]]], heads: int, width: int) -> bool:
    """A first column "TT"/"STT" whose cells count 1, 2, 3… (group rows spanning the table aside)."""
    if not grid or fold(grid[0][0]["text"]) not in ("TT", "STT") or grid[0][0]["colspan"] != 1:
        return False
    n = 0
    for row in grid[heads:]:
        if _group_row(row, width):
            continue
        n += 1
        if row[0]["text"].strip() != str(n) or row[0]["rowspan"] != 1:
            return False
    return n > 0


def _column_headings(header: list[list[dict[str, Any]]], width: int) -> list[list[str]]:
    """The heading texts over each grid column, from the top heading row down."""
    over: list[list[str]] = [[] for _ in range(width)]
    for r, row in enumerate(header):
        at = 0
        covered = {k for above in range(r) for k, c in enumerate(header[above])
                   if above + c["rowspan"] > r for k in [_positions(header[above])[k]]}
        for cell in row:
            while at in covered:
                at += 1
            for k in range(at, min(width, at + cell["colspan"])):
                over[k].append(cell["text"])
            at += cell["colspan"]
    return over


def _column_titles(header: list[list[dict[str, Any]]], width: int) -> list[str]:
    """One title per grid column, from the lowest heading row that has a cell there."""
    return [escape(texts[-1]) if texts else "" for texts in _column_headings(header, width)]


def _by_role(spec: dict[str, Any], roles: list[str | None]) -> dict[str, Any]:
    """A task matrix written with its columns' roles, each row that can say the same by role
    written so (`{task: …, agency: …}`): one whose cells all stand in columns of a role of
    their own (or are empty); a group row across the task and agency columns, or a row with a
    number or a text in a column of no role, stays a list of cells. Unchanged unless the table
    prints the very same cells."""
    with_roles: dict[str, Any] = {}
    for key, value in spec.items():  # the roles under the columns they name
        with_roles[key] = value
        if key == "columns":
            with_roles["roles"] = roles
    n = len(spec["columns"])
    placed = lay_out(spec["rows"], n, roles)[0]
    unique = [r is not None and roles.count(r) == 1 for r in roles]
    rows: list[Any] = []
    for row, cells, read in zip(spec["rows"], placed, role_rows(placed, roles), strict=True):
        given = [(col, value) for (col, _cell), value in zip(cells, row, strict=True)]
        if read and all(unique[col] or value == "" for col, value in given):
            by_role = {roles[col]: value for col, value in given if unique[col] and value != ""}
            rows.append(by_role or row)
        else:
            rows.append(row)
    written = {**with_roles, "rows": rows}
    same = shape_problem(rows, n, roles) is None and \
        rows_as_lists(rows, n, roles) == rows_as_lists(spec["rows"], n, roles)
    return written if same else with_roles


_ALIGN_NAMES = {"center": "center", "right": "right", "both": "justify", "left": "left", None: "left"}


def _column_aligns(body: list[list[dict[str, Any]]], width: int) -> list[str] | None:
    """Each column's alignment, when its filled cells agree (the first such cell otherwise)."""
    found: list[str | None] = [None] * width
    for row in body:
        if len(row) != width:
            continue
        for k, cell in enumerate(row):
            if cell["text"] and found[k] is None:
                found[k] = _ALIGN_NAMES.get(cell["align"], "left")
    return [a or "left" for a in found] if any(found) else None


def _amount(text: str) -> int | None:
    digits = text.strip()
    if not re.fullmatch(r"\d{1,3}(?:\.\d{3})*", digits):
        return None
    return int(digits.replace(".", ""))


class TablePart(Context):
    """Tables of a plan: cells as displayed (merged cells, heading rows, a numbered column) → plan tables"""

    def table(self, node: Node, path: tuple) -> dict[str, Any]:
        """A table as written: merged cells, heading rows, a numbered TT column, alignment per
        column and the table's own size, when the Word file says so."""
        grid = _grid(node)
        if not grid:
            return {"table": {"columns": [""], "rows": []}}
        width = max(sum(c["colspan"] for c in row) + _covered(grid, r) for r, row in enumerate(grid))
        heads = 1
        while heads < len(grid) and any(c["rowspan"] > heads for c in grid[0]) and heads < 3:
            heads += 1
        spec: dict[str, Any] = {}
        body = grid[heads:]
        numbered = _numbered_column(grid, heads, width)
        if numbered:
            first = grid[0][0]["text"]
            if first != "TT":
                spec["number_heading"] = escape(first)
            # the TT cell opens the first heading row (merged over the others) and every body row
            grid = [row[1:] if r == 0 or (r >= heads and not _group_row(row, width)) else row
                    for r, row in enumerate(grid)]
            for row in grid[heads:]:
                if _group_row(row, width):  # a group row spans the columns after TT
                    row[0] = {**row[0], "colspan": row[0]["colspan"] - 1}
            body = [row for row in grid[heads:]]
            width -= 1
        header = grid[:heads]
        simple_head = heads == 1 and all(c["colspan"] == 1 and c["rowspan"] == 1 for c in header[0])
        spec["columns"] = [escape(c["text"]) for c in header[0]] if simple_head else _column_titles(header, width)
        if not simple_head:
            spec["header"] = [[_cell_value(c) for c in row] for row in header]
        if numbered:
            spec["numbered"] = True
        aligns = _column_aligns(body, width)
        if aligns and any(a != "left" for a in aligns):
            spec["align"] = aligns
        sizes = {c["size"] for row in grid for c in row if c["size"] and c["text"]}
        if len(sizes) == 1 and sizes != {13.0}:
            size = sizes.pop()
            if TABLE_FONT_SIZES[0] <= size <= TABLE_FONT_SIZES[1]:
                spec["font_size"] = int(size) if size == int(size) else size
            else:
                self.note(path, _("the table's text is {size} pt, which a plan's table is not printed in ({low}–{high} "
                                  "pt): printed in the template's size").format(
                    size=f"{size:g}", low=TABLE_FONT_SIZES[0], high=TABLE_FONT_SIZES[1]), node.para)
        spec["rows"] = [[_cell_value(c, bold=True) for c in row] for row in body]
        if not node.cells[0].formatted and any(p.colspan > 1 or p.vmerge for p in node.cells):
            self.note(path, _("the text does not say which cells are merged: the merges were guessed from "
                              "the lengths of the rows; check the table"), node.para)
        if shape_problem(spec["rows"], len(spec["columns"]), None, spec.get("header")):
            rows = [[escape(c) for c in row] for row in node.rows]
            most = max(len(row) for row in rows)
            self.note(path, _("a table with merged cells: cells were split, check the table"), node.para)
            rows = [row + [""] * (most - len(row)) for row in rows]
            split = {"columns": rows[0], "rows": rows[1:]}
            roles = task_matrix_roles(split["columns"])
            return {"table": _by_role(split, roles) if roles else split}
        headings = [cell["text"] for cell in header[0]] if simple_head else [
            " ".join(texts) for texts in _column_headings(header, width)]
        roles = task_matrix_roles(headings)
        return {"table": _by_role(spec, roles) if roles else spec}

    def budget(self, node: Node, words: Node | None) -> dict[str, Any] | None:
        """The itemised budget plangen prints (TT | Nội dung | Kinh phí (đồng) [| Nguồn]) read back."""
        rows = node.rows
        head = [fold(c) for c in rows[0]] if rows else []
        if head[:3] != ["TT", "NỘI DUNG", "KINH PHÍ (ĐỒNG)"] or len(head) not in (3, 4) or len(rows) < 3:
            return None
        with_source = len(head) == 4 and head[3] == "NGUỒN KINH PHÍ"
        if len(head) == 4 and not with_source:
            return None
        items = []
        for n, row in enumerate(rows[1:-1], start=1):
            amount = _amount(row[2]) if len(row) > 2 else None
            if len(row) != len(head) or row[0].strip() != str(n) or amount is None or not row[1].strip():
                return None
            line: dict[str, Any] = {"name": escape(row[1].strip()), "amount": amount}
            if with_source and row[3].strip():
                line["source"] = escape(row[3].strip())
            items.append(line)
        total = rows[-1]
        if len(total) != len(head) or fold(total[1]) != "TỔNG CỘNG" or _amount(total[2]) != sum(
                x["amount"] for x in items):
            return None
        spec: dict[str, Any] = {"items": items}
        expected = f"Tổng kinh phí: {vn.money(sum(x['amount'] for x in items))} đồng (Bằng chữ: "
        # a PDF's text may part the bracket from its word ("( Bằng chữ"): the same line
        if words is None or not re.sub(r"\(\s+", "(", words.text).startswith(expected):
            spec["total_in_words"] = False
        return {"budget": spec}
