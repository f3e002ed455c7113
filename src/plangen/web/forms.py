"""Forms made from the plan's models: which widget each field gets, its label and help.

Nothing here is written per field: the widget comes from the field's type, the label and the help
from its documentation (models.py documents every field in Vietnamese, then English after
`EN:`), the choices of a closed list from the values the documentation names (`` `bullets`
(gạch đầu dòng) ``). So a field added to the models appears in the form with no change here.

The form shows the plan's data as written (texts with their `{{ … }}` unexpanded), and turns
what a person types back into the value the YAML holds (a number for a number field, a list of
lines for a list of texts).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import types
import typing
import unicodedata
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from pydantic import BaseModel

from plangen.i18n import N_, _, current_language
from plangen.plan import models

Path_ = tuple[str | int, ...]

BLOCK_LABELS = {
    "paragraph": N_("Paragraph"), "item": N_("Numbered item (1., 2.)"), "point": N_("Lettered point (a, b)"),
    "bullet": N_("Dash bullet (-)"), "assignment": N_("Tasks of an agency"), "table": N_("Table"),
    "budget": N_("Budget"), "task_table": N_("Task table"), "heading": N_("Heading (I., II.)"),
    "caption": N_("Caption line"), "signoff": N_("Signature place"),
    "task_agency": N_("Agency of a task (- Cơ quan chủ trì: …)"),
}
"""Names of the kinds of content block, for the kind menu (the models name them by key)."""

BLOCK_ORDER = ("paragraph", "item", "point", "bullet", "task_agency", "assignment", "table", "budget", "task_table",
               "heading", "caption", "signoff")


@dataclass(frozen=True)
class Spec:
    """How one field is shown and read back."""

    name: str
    label: str
    help: str
    kind: str  # text, int, float, bool, date, choice, choices, texts, model, models, blocks, mapping, union, cells
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    model: type[BaseModel] | None = None
    default: Any = None
    min_items: int = 0
    long: bool = False  # a text of a paragraph's length: a text area
    alternatives: tuple[str, ...] = ()  # union: "text", "model", "bool"
    optional_items: bool = False  # choice_list: an item may be left without a value (`null`)


def _doc_parts(description: str | None) -> tuple[str, str]:
    vi, _sep, en = (description or "").partition("\n\nEN:")
    return vi.strip(), en.strip()


def documentation(description: str | None) -> str:
    """The field's documentation in the current language."""
    vi, en = _doc_parts(description)
    return en if current_language() == "en" and en else vi


_LABEL_END = re.compile(r"[.;:](?:\s|$)|\s\(|, ví dụ|, e\.g\.|, mỗi |, one |, thay cho |, tính theo |, đặt bên ")


def label_of(description: str | None, name: str) -> str:
    """The first clause of the documentation: `Số văn bản; bỏ trống…` → `Số văn bản`."""
    text = documentation(description)
    label = _LABEL_END.split(text, maxsplit=1)[0].strip().rstrip(".,")
    label = label.replace("`", "")
    return label or name


_CHOICE = re.compile(r"`([A-Za-z_.]+)`\s*(?:\(([^()]*(?:\([^()]*\)[^()]*)*)\)|:\s*([^.`]+))|"
                     r"\b([a-z_]+) \(([^()]+)\)")


def choices_of(enum: type[Enum], description: str | None) -> tuple[tuple[str, str], ...]:
    """(value, label) of a closed list, labelled as the documentation names each value."""
    vi = _doc_parts(description)[0]
    named: dict[str, str] = {}
    for m in _CHOICE.finditer(vi):
        value = m.group(1) or m.group(4)
        words = (m.group(2) or m.group(3) or m.group(5) or "").strip()
        if value and words and value not in named:
            named[value] = words.split(";")[0].strip().replace("`", "")
    out = []
    for member in enum:
        value = str(member.value)
        words = named.get(value) if current_language() != "en" else None
        if words and value.endswith("."):  # TM., KT.: the abbreviation is what the page prints
            words = f"{value} ({words})"
        if not words and member in models.DEFAULT_HEADINGS:  # a section's kind: the heading it prints
            words = f"{value} ({models.DEFAULT_HEADINGS[member]})"
        out.append((value, words or value))
    return tuple(out)


def _strip(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _union(annotation: Any) -> list[Any]:
    annotation = _strip(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [_strip(a) for a in typing.get_args(annotation) if a is not type(None)]
    return [annotation]


def _is_model(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, BaseModel)


def _is_block(t: Any) -> bool:
    """The content-block union (`models.Block`)."""
    members = _union(t)
    return len(members) > 3 and all(_is_model(m) for m in members)


def _min_items(info: Any) -> int:
    return next((m.min_length for m in info.metadata if hasattr(m, "min_length") and m.min_length), 0)


_LONG = {"text", "item", "title", "point", "bullet", "summary", "heading", "caption", "line", "agency",
         "note", "output", "by"}


def _spec(name: str, info: Any) -> Spec:
    annotation = info.annotation
    description = info.description
    members = _union(annotation)
    required = info.is_required()
    default = None if required else info.get_default(call_default_factory=True)
    common = {"name": name, "label": label_of(description, name), "help": documentation(description),
              "required": required, "default": default}
    if set(members) == {int, str}:  # a document number: a number, or digits with their zeros as written
        members = [int]
    if len(members) > 1:
        kinds = []
        model = None
        for m in members:
            if m is str:
                kinds.append("text")
            elif m is bool:
                kinds.append("bool")
            elif _is_model(m):
                kinds.append("model")
                model = m
        if _is_block(annotation):
            return Spec(kind="block", **common)
        return Spec(kind="union", alternatives=tuple(kinds), model=model, long=name in _LONG, **common)
    t = members[0]
    origin = typing.get_origin(t)
    if origin is list:
        inner = _strip(typing.get_args(t)[0])
        if _is_block(inner):
            return Spec(kind="blocks", min_items=_min_items(info), **common)
        if _is_model(inner):
            return Spec(kind="models", model=inner, min_items=_min_items(info), **common)
        optional = type(None) in typing.get_args(inner)  # a table's roles: `null` for a column of none
        one = _union(inner)[0] if len(_union(inner)) == 1 else inner
        if isinstance(one, type) and issubclass(one, Enum):
            # a set of values (the schema's uniqueItems) is boxes to tick; a list in order, one menu each
            unique = isinstance(info.json_schema_extra, dict) and info.json_schema_extra.get("uniqueItems")
            return Spec(kind="choices" if unique else "choice_list", choices=choices_of(one, description),
                        min_items=_min_items(info), optional_items=optional, **common)
        if any(typing.get_origin(m) is list for m in _union(inner)):  # rows: lists of cells, or by role
            return Spec(kind="cells", **common)
        if inner in (int, float):
            return Spec(kind="numbers", **common)
        return Spec(kind="texts", min_items=_min_items(info), long=name in _LONG or name in (
            "legal_bases", "preamble", "closing", "tasks", "recipients"), **common)
    if origin is dict:
        return Spec(kind="mapping", **common)
    if _is_model(t):
        return Spec(kind="model", model=t, **common)
    if isinstance(t, type) and issubclass(t, Enum):
        return Spec(kind="choice", choices=choices_of(t, description), **common)
    if t is bool:
        return Spec(kind="bool", **common)
    if t is int:
        return Spec(kind="int", **common)
    if t is float:
        return Spec(kind="float", **common)
    if t is dt.date:
        return Spec(kind="date", **common)
    return Spec(kind="text", long=name in _LONG, **common)


@functools.cache
def _fields(model: type[BaseModel], language: str) -> tuple[Spec, ...]:
    model.model_rebuild()  # models are built when first used: their forward references resolved
    return tuple(_spec(name, info) for name, info in model.model_fields.items())


def fields_of(model: type[BaseModel]) -> tuple[Spec, ...]:
    """The specs of a model's fields, in the models' order (the order keys are written in)."""
    return _fields(model, current_language())


def spec_of(model: type[BaseModel], name: str) -> Spec | None:
    return next((s for s in fields_of(model) if s.name == name), None)


def block_kind(value: Any) -> str | None:
    return models.block_kind(value)


def block_model(kind: str) -> type[BaseModel]:
    return models._BLOCK_CLASSES[kind]


def block_label(kind: str) -> str:
    return _(BLOCK_LABELS.get(kind, kind))


def block_kinds() -> list[tuple[str, str]]:
    return [(k, block_label(k)) for k in BLOCK_ORDER]


# --- where a path leads --------------------------------------------------------------------

@dataclass
class Place:
    """What stands at a path of the plan: its spec, and the model of the mapping it is in."""

    spec: Spec | None
    model: type[BaseModel] | None  # the mapping's model, when the path ends at one of its keys
    item_of: Spec | None = None  # the list's spec, when the path ends at a list item
    fields: tuple[str, ...] = field(default=())


def place(data: Any, path: Path_) -> Place:
    """Walk the models along `path` of the plan's data."""
    model: type[BaseModel] | None = models.Plan
    spec: Spec | None = None
    item_of: Spec | None = None
    value = data
    for n, part in enumerate(path):
        last = n == len(path) - 1
        if isinstance(part, str):
            if spec is not None and spec.kind == "mapping":  # a variable
                spec, model, item_of = Spec(name=part, label=part, help="", kind="text", required=True), None, None
            elif spec is not None and spec.kind == "role_row":  # a cell of a row by role, as a list's cell
                spec = Spec(name=part, label=part, help="", kind="model", model=models.Cell)
                model, item_of = models.Cell, None
                if last:
                    return Place(spec, None)
            else:
                if model is None:
                    return Place(None, None)
                spec = spec_of(model, part)
                if spec is None:
                    return Place(None, model)
                if last:
                    return Place(spec, model, None, tuple(s.name for s in fields_of(model)))
                item_of = None
                model = _model_for(spec, value.get(part) if isinstance(value, dict) else None)
            value = value.get(part) if isinstance(value, dict) else None
        else:
            if spec is None:
                return Place(None, None)
            item_of = spec
            value = value[part] if isinstance(value, list) and part < len(value) else None
            if spec.kind in ("blocks",):
                kind = block_kind(value)
                model = block_model(kind) if kind else None
                spec = Spec(name=str(part), label="", help="", kind="block", model=model)
            elif spec.kind == "models":
                model = spec.model
                spec = Spec(name=str(part), label=spec.label, help="", kind="model", model=model)
            elif spec.kind == "cells" and isinstance(value, dict):  # a row by role: {task: …, agency: …}
                spec = Spec(name=str(part), label="", help="", kind="role_row")
                model = None
            elif spec.kind == "cells":  # a row: its cells are texts or Cells (text, spans, alignment)
                spec = Spec(name=str(part), label="", help="", kind="models", model=models.Cell)
                model = None
            else:
                model = None
                spec = Spec(name=str(part), label=spec.label, help=spec.help,
                            kind=_item_kind(spec), choices=spec.choices, long=spec.long)
            if last:
                return Place(spec, None, item_of)
    return Place(spec, model, item_of)


def row_cells(table: Any, row: Any) -> list[tuple[str | int, Any]]:
    """(key, cell) of a table row in column order, as the form shows it: a list's cells by their
    index; a row by role (`{task: …, agency: …}`), one cell for each column of a role of its
    own, by that role (empty when the row leaves it out)."""
    if isinstance(row, list):
        return list(enumerate(row))
    if not isinstance(row, dict):
        return []
    roles = table.get("roles") if isinstance(table, dict) and isinstance(table.get("roles"), list) else []
    out: list[tuple[str | int, Any]] = [(r, row.get(r, "")) for r in roles if r and roles.count(r) == 1]
    return out + [(k, v) for k, v in row.items() if k not in roles]  # a key of no column: shown still


def column_of(table: Any, key: str | int) -> str:
    """The heading of the column a cell's key stands for (a role's column), for its title."""
    if not isinstance(table, dict) or not isinstance(table.get("columns"), list):
        return ""
    columns, roles = table["columns"], table.get("roles") if isinstance(table.get("roles"), list) else []
    at = roles.index(key) if isinstance(key, str) and key in roles else key if isinstance(key, int) else -1
    return str(columns[at]) if 0 <= at < len(columns) else str(key)


def cell_spans() -> tuple[Spec, Spec]:
    """The fields of a table cell's merging (rows down, columns across), for the form's cells."""
    rowspan, colspan = spec_of(models.Cell, "rowspan"), spec_of(models.Cell, "colspan")
    assert rowspan is not None and colspan is not None
    return rowspan, colspan


def _item_kind(spec: Spec) -> str:
    return {"choices": "choice", "choice_list": "choice", "numbers": "float", "texts": "text"}.get(spec.kind, "text")


def _model_for(spec: Spec, value: Any) -> type[BaseModel] | None:
    if spec.kind in ("model",):
        return spec.model
    if spec.kind == "union" and isinstance(value, dict):
        return spec.model
    if spec.kind == "block":
        kind = block_kind(value)
        return block_model(kind) if kind else None
    if spec.kind == "models":
        return spec.model
    return None


# --- what a person typed, as the YAML's value ------------------------------------------------

def parse_value(spec: Spec | None, typed: str) -> Any:
    """The value to write for what was typed in a field: None (the key left out) for an empty
    optional field, a number for a number field; text as typed, its line ends made `\\n`, its letters
    composed (NFC: a decomposed "ệ" from a Mac or a PDF is the letter the check and Word expect)."""
    text = unicodedata.normalize("NFC", typed.replace("\r\n", "\n").replace("\r", "\n"))
    if spec is None:
        return text
    if spec.kind == "bool":
        return text.lower() in ("1", "true", "on", "yes")
    stripped = text.strip()
    if not stripped and not spec.required and spec.kind not in ("texts",):
        return None
    if spec.kind == "int":  # digits with leading zeros ("0204") stay as typed
        return int(stripped) if re.fullmatch(r"[-+]?(?:0|[1-9]\d*)", stripped) else stripped
    if spec.kind == "float":
        try:
            return int(stripped) if re.fullmatch(r"[-+]?\d+", stripped) else float(stripped.replace(",", "."))
        except ValueError:
            return stripped
    if spec.kind in ("date", "choice"):
        return stripped
    if spec.kind == "text" and not spec.long:
        return stripped
    return text.strip("\n")


def skeleton(model: type[BaseModel]) -> dict[str, Any]:
    """The least a new value of `model` needs: its required fields, empty (the check then says
    what is still to fill in, at the field)."""
    out: dict[str, Any] = {}
    for spec in fields_of(model):
        if not spec.required:
            continue
        out[spec.name] = empty_value(spec)
    return out


def empty_value(spec: Spec) -> Any:
    """The empty value of a field: what a new value of its kind starts as."""
    if spec.kind in ("texts", "choices", "choice_list"):
        if spec.kind != "texts" and spec.choices:
            return [spec.choices[0][0]]
        return [""] * max(1, spec.min_items)
    if spec.kind == "models" and spec.model:
        return [skeleton(spec.model)] * max(1, spec.min_items)
    if spec.kind == "blocks":
        return [""] * max(1, spec.min_items)
    if spec.kind == "model" and spec.model:
        return skeleton(spec.model)
    if spec.kind == "choice" and spec.choices:
        return spec.choices[0][0]
    if spec.kind in ("int", "float"):
        return 0
    if spec.kind == "bool":
        return False
    if spec.kind == "cells":
        return []
    return ""


def new_block(kind: str) -> Any:
    """A new content block of `kind`, empty; a paragraph is a bare text."""
    if kind == "paragraph":
        return ""
    if kind == "task_table":
        return {"task_table": True}
    if kind == "table":
        return {"table": {"columns": ["", ""], "rows": [["", ""]]}}
    data = skeleton(block_model(kind))
    if kind == "item":
        data = {"item": ""}
    if kind == "task_agency":  # the role is what tells the block apart: the commonest one
        data = {"role": "Cơ quan chủ trì", "agency": ""}
    return data


def main_text(value: Any) -> str:
    """The block's own text (a paragraph's, an item's, a point's…), to carry to another kind."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        kind = block_kind(value)
        for key, k in models.BLOCK_KEYS.items():
            if k == kind and isinstance(value.get(key), str):
                return value[key]
    return ""


def changed_kind(value: Any, kind: str) -> Any:
    """The block as another kind: its text and its nested content carried over, where the new
    kind has them."""
    if block_kind(value) == kind:
        return value
    text = main_text(value)
    new = new_block(kind)
    if kind == "paragraph":
        return text
    if isinstance(new, dict) and text:
        key = next(k for k, v in models.BLOCK_KEYS.items() if v == kind)
        if isinstance(new.get(key), str) or key not in new:
            new[key] = text
        elif isinstance(new.get(key), list):
            new[key] = [text]
    model = block_model(kind)
    if isinstance(value, dict) and value.get("content") and "content" in model.model_fields:
        new["content"] = value["content"]
    return new


COMMON = {
    "Plan": ("number", "date", "theme", "legal_bases", "preamble", "closing", "recipients", "signature",
             "appendices"),
    "Item": ("title", "item"),
    "Task": ("lead", "cooperating", "deadline", "period"),
    "Assignment": ("request",),
    "Signature": ("collective", "head", "name"),
    "Section": ("heading",),
}
"""Optional fields shown even when empty (the others wait under “more fields”)."""


def arranged(model: type[BaseModel], value: Any) -> tuple[list[Spec], list[Spec]]:
    """The fields to show at once (required, given, usual), and the others."""
    given = value if isinstance(value, dict) else {"text": value} if isinstance(value, str) else {}
    common = COMMON.get(model.__name__, ())
    shown, more = [], []
    for spec in fields_of(model):
        if spec.required or spec.name in given or spec.name in common or spec.kind == "blocks":
            shown.append(spec)
        else:
            more.append(spec)
    return shown, more


def arranged_group(names: tuple[str, ...], data: dict) -> tuple[list[Spec], list[Spec]]:
    """A group of the plan's own fields, arranged as `arranged` does."""
    shown, more = arranged(models.Plan, data)
    return [s for s in shown if s.name in names], [s for s in more if s.name in names]


def known_keys() -> set[str]:
    """The keys a plan may have (the others are kept, shown as such)."""
    return set(models.Plan.model_fields)


def value_of(value: Any, name: str) -> Any:
    """The value of a field of a mapping as written (a bare text stands for its `text`)."""
    if isinstance(value, dict):
        return value.get(name)
    if isinstance(value, str) and name == "text":
        return value
    return None


def as_list(value: Any) -> list:
    """A list as the form shows it: a single text (`kind: content`, `name: "A\nB"`) as its items."""
    if value is None:
        return []
    if isinstance(value, str):
        return [x for x in value.split("\n") if x.strip()] or [value]
    return list(value) if isinstance(value, list) else [value]




def label_at(data: Any, path: Path_) -> str:
    """What the form calls the field at `path`, from the models' documentation: the labels of the
    fields it lies in, an item's number after its list's (`Nơi nhận 2`), for a finding to name."""
    words: list[str] = []
    for n in range(1, len(path) + 1):
        part = path[n - 1]
        found = place(data, path[:n])
        if isinstance(part, int):
            list_label = found.item_of.label.split(",")[0] if found.item_of is not None else ""
            if words and list_label and words[-1] == found.item_of.label:
                words.pop()
            words.append(_("{label} no. {n}").format(label=list_label, n=part + 1).strip())
        elif found.spec is not None and found.spec.label:
            words.append(found.spec.label)
        else:
            words.append(str(part))
    return " › ".join(w for w in words if w)
