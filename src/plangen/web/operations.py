"""What a click or a keystroke in the form asks, as edits of the plan's data (drafting.textedit).

The form sends an operation (`set`, `add`, `fill`, `delete`, `move`, `kind`, `add_row`,
`add_column`, `set_key`), the path of the field and what was typed; here it becomes the edits that
do it, the value typed read as the field's type says (forms.parse_value). An edit that reaches into
a value written in its short form (a task given as a bare text, a single text for a list) first
writes that value out in full, so that the field the form shows exists.
"""

from __future__ import annotations

import re
from typing import Any

from plangen.drafting.textedit import Edit
from plangen.errors import PlangenError
from plangen.i18n import _
from plangen.web import forms

Path_ = tuple[str | int, ...]


def value_at(data: Any, path: Path_) -> Any:
    """The value at `path`, None when there is none."""
    for part in path:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def written_out(data: dict, path: Path_) -> list[Edit]:
    """Edits that make `path` exist as the form shows it: a bare text standing for a mapping
    (a task, a paragraph, a cell) becomes `{text: …}`, a text standing for a list its lines."""
    first = []
    value: Any = data
    for n, part in enumerate(path[:-1]):
        value = value_at(value, (part,))
        if value is None:
            break
        here, following = path[:n + 1], path[n + 1]
        if isinstance(value, str) and isinstance(following, str):
            value = {"text": value}
            first.append(Edit("set", here, value=value))
        elif isinstance(value, str) and isinstance(following, int):
            value = forms.as_list(value)
            first.append(Edit("set", here, value=value))
    return first


def _typed(place: forms.Place, path: Path_, values: dict[str, list[str]], data: dict) -> Any:
    spec = place.spec
    given = values.get("value", [])
    if spec is not None and spec.kind == "choices":
        # one kind written as a bare text stays one (`kind: content`)
        return given[0] if len(given) == 1 and isinstance(value_at(data, path), str) else given
    if spec is not None and spec.kind == "bool" and not given:
        return False  # an unticked box sends nothing
    value = forms.parse_value(spec, given[0] if given else "")
    if value is None and path and isinstance(path[-1], int) and not (place.item_of and place.item_of.optional_items):
        return ""  # an item of a list emptied stays in it (delete removes it); a table's role: `null`
    return value


def _new_item(spec: forms.Spec | None, kind: str) -> Any:
    if spec is None:
        return ""
    if spec.kind == "blocks":
        return forms.new_block(kind if kind in forms.BLOCK_LABELS else "paragraph")
    if spec.kind == "models" and spec.model is not None:
        return forms.skeleton(spec.model)
    if spec.kind in ("choices", "choice_list") and spec.choices:
        return spec.choices[0][0]
    return ""


def _new_value(spec: forms.Spec | None, kind: str) -> Any:
    """An optional part added (a signature, a period as dates), empty; or written as a text."""
    if spec is None or kind == "text":
        return ""
    if spec.kind in ("model", "union") and spec.model is not None:
        return forms.skeleton(spec.model)
    return forms.empty_value(spec)


def _table(data: dict, path: Path_) -> dict:
    table = value_at(data, path)
    if not isinstance(table, dict):
        raise PlangenError(_("the page sent a wrong field: reload it"))
    return dict(table)


def edits_for(data: dict, op: str, path: Path_, values: dict[str, list[str]]) -> tuple[list[Edit], bool]:
    """The edits that make operation `op` on `path`, and whether the form's layout changes
    with them (then the page shows the form again)."""
    place = forms.place(data, path)
    one = {k: v[0] if v else "" for k, v in values.items()}
    structural = True
    if op == "set":
        value = _typed(place, path, values, data)
        edit = Edit("set", path, value=value, order=place.fields)
        structural = isinstance(value, dict) or (isinstance(value, list) and any(
            isinstance(x, dict | list) for x in value))
    elif op == "add":
        items = value_at(data, path)
        value = _new_item(place.spec, one.get("kind", ""))
        edit = Edit("insert", path, value=value, index=len(items)) if isinstance(items, list) else \
            Edit("set", path, value=[value], order=place.fields)
    elif op == "fill":
        edit = Edit("set", path, value=_new_value(place.spec, one.get("kind", "")), order=place.fields)
    elif op == "delete":
        edit = Edit("delete", path)
    elif op == "move":
        if not path or not isinstance(path[-1], int):
            raise PlangenError(_("the page sent a wrong field: reload it"))
        to = path[-1] + (1 if one.get("by") == "1" else -1)
        if not 0 <= to < len(value_at(data, path[:-1]) or []):
            return [], False  # the first item moved up, the last down: nothing to do
        edit = Edit("move", path[:-1], index=path[-1], to=to)
    elif op == "kind":
        edit = Edit("set", path, value=forms.changed_kind(value_at(data, path), one.get("kind", "")))
    elif op == "add_column":
        table = _table(data, path)
        table["columns"] = [*table.get("columns", []), ""]
        # a row by role leaves the new column out (empty); a task matrix's new column has no role
        table["rows"] = [[*row, ""] if isinstance(row, list) else row for row in table.get("rows", [])]
        if isinstance(table.get("roles"), list):
            table["roles"] = [*table["roles"], None]
        edit = Edit("set", path, value=table)
    elif op == "add_row":
        table = value_at(data, path[:-1])
        width = max(1, len(table.get("columns", [])) if isinstance(table, dict) else 1)
        rows = value_at(data, path)
        edit = Edit("insert", path, value=[""] * width, index=len(rows)) if isinstance(rows, list) else \
            Edit("set", path, value=[[""] * width])
    elif op == "set_key":  # a new variable
        key = one.get("key", "").strip()
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
            raise PlangenError(_("a variable's name has letters without accents, digits and _ (such as han_bao_cao)"))
        value = one.get("value", "").strip()
        edit = Edit("set", (*path, key), value=value) if isinstance(value_at(data, path), dict) else \
            Edit("set", path, value={key: value}, order=place.fields)
    else:
        raise PlangenError(_("the page sent a wrong field: reload it"))
    first = written_out(data, edit.path)
    return [*first, edit], structural or bool(first)
