"""The YAML tab's completion: which keys may be written where the cursor stands (from the models,
as the JSON Schema gives them to editors), with their label and documentation; after a key's
colon, or on an item of a list of such values, the values the model knows for it (the choices of a
closed list, such as a section's `kind` or the issuer's `format`, each with its label; true or false).

Each suggestion is `{"key", "label", "help"}`, and `"insert"`: the text the editor writes in place
of the word under the cursor (`kind: ` for a key, `purpose` for a value)."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

from plangen.i18n import _
from plangen.plan import models
from plangen.web import forms

_KEY = re.compile(r"^(\s*)(-\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*:")


def _mapping_at(lines: list[str], indent: int) -> list[tuple[str, bool]]:
    """(key, is a list item) of the mappings enclosing a line indented by `indent`, outermost first."""
    chain: list[tuple[str, bool]] = []
    for line in reversed(lines):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        stripped = line.lstrip(" ")
        col = len(line) - len(stripped)
        dash = stripped.startswith("- ") or stripped == "-"
        if dash and col < indent:
            m = _KEY.match(line)
            key_col = col + len(m.group(2)) if m and m.group(2) else None
            if m and key_col is not None and key_col < indent:  # `- content:` holding the cursor's lines
                chain.append((m.group(3), False))
            chain.append(("-", True))
            indent = col
            continue
        m = _KEY.match(line)
        if m and col < indent:
            chain.append((m.group(3), False))
            indent = col
        if indent == 0:
            break
    return list(reversed(chain))


def _siblings(lines: list[str], indent: int) -> set[str]:
    """Keys already written in the mapping the cursor's line belongs to (above the cursor)."""
    found: set[str] = set()
    for line in reversed(lines):
        if not line.strip():
            continue
        stripped = line.lstrip(" ")
        col = len(line) - len(stripped)
        m = _KEY.match(line)
        if m and m.group(2):
            found.add(m.group(3))
            if len(m.group(1)) + len(m.group(2)) <= indent:
                break
        elif m and col == indent:
            found.add(m.group(3))
        elif col < indent:
            break
    return found


_VALUE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*:\s+(\S*)$")  # `  kind: pur|`
_ITEM = re.compile(r"^\s*-\s+([^\s:#]*)$")  # `  - pur|` (an item of a list of values)


def keys_at(text: str, offset: int) -> list[dict[str, Any]]:
    """The keys a mapping may have at `offset` of `text`, those already there left out; or, after
    a key's colon (or on an item of a list of values), the values the model knows for it."""
    before = text[:max(0, min(offset, len(text)))]
    lines = before.split("\n")
    current = lines[-1]
    indent = len(current) - len(current.lstrip(" "))
    if current.lstrip().startswith("- "):
        indent += 2 + (len(current.lstrip()) - len(current.lstrip()[2:].lstrip()) - 2)
    chain = _mapping_at(lines[:-1], indent)
    siblings = _siblings(lines, indent)
    model: type[BaseModel] | None = models.Plan
    block_list = False
    last: forms.Spec | None = None  # the field of the innermost key above the cursor
    for key, is_item in chain:
        if is_item:
            continue
        if model is None and block_list:  # inside a block: the block whose field this is
            model = next((m for m in (forms.block_model(k) for k in forms.BLOCK_ORDER) if key in m.model_fields), None)
        if model is None:
            return []
        spec = forms.spec_of(model, key)
        if spec is None:
            return []
        last = spec
        block_list = spec.kind == "blocks"
        model = spec.model if spec.kind in ("model", "models", "union") else None
    item = _ITEM.match(current)
    keys = [key for key, is_item in chain if not is_item]
    if item and last is not None and last.kind in ("choices", "choice_list") and keys and keys[-1] == last.name \
            and _VALUE.match(current) is None:
        written = _siblings_values(lines[:-1], indent)
        return _values(last, item.group(1), written)
    value = _VALUE.match(current)
    if block_list:
        kind = models.block_kind(dict.fromkeys(siblings))  # "agency" beside "item" is the item's
        if kind is None:
            if value:
                return []
            return [_key(k, forms.block_label(kind), "") for k, kind in models.BLOCK_KEYS.items()]
        model = forms.block_model(kind)
    if model is None:
        return []
    if value:
        spec = forms.spec_of(model, value.group(1))
        return _values(spec, value.group(2)) if spec is not None else []
    return [_key(s.name, s.label, s.help) for s in forms.fields_of(model) if s.name not in siblings]


def _key(name: str, label: str, help_: str) -> dict[str, Any]:
    return {"key": name, "label": label, "help": help_, "insert": f"{name}: "}


def _values(spec: forms.Spec, typed: str, written: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    """The values of a closed list (or true/false) that begin with what is typed, as the model
    knows them; a list of values that may not repeat leaves out those already written."""
    if spec.kind in ("choice", "choices", "choice_list"):
        options = [(value, label) for value, label in spec.choices
                   if not (spec.kind == "choices" and value in written)]
    elif spec.kind == "bool" or "bool" in spec.alternatives:
        options = [("true", _("yes")), ("false", _("no"))]
    else:
        return []
    typed_folded = typed.lower()
    return [{"key": value, "label": label, "help": spec.help, "insert": _quoted(value)}
            for value, label in options if value.lower().startswith(typed_folded)]


def _quoted(value: str) -> str:
    """A value as YAML reads it back as the same text."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", value) and value not in ("true", "false", "null", "yes", "no"):
        return value
    if value in ("true", "false"):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _siblings_values(lines: list[str], indent: int) -> frozenset[str]:
    """The values already written as items of the list the cursor's item belongs to."""
    found = set()
    for line in reversed(lines):
        if not line.strip():
            continue
        m = _ITEM.match(line)
        col = len(line) - len(line.lstrip(" "))
        if m and col + 2 <= indent:
            found.add(m.group(1).strip("'\""))
        elif col < indent:
            break
    return frozenset(found)
