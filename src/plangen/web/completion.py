"""The YAML tab's completion: which keys may be written where the cursor stands (from the models,
as the JSON Schema gives them to editors), with their label and documentation."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

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
            chain.append(("-", True))
            indent = col
            if (m := _KEY.match(line)) and m.group(2):
                pass
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


def keys_at(text: str, offset: int) -> list[dict[str, Any]]:
    """The keys a mapping may have at `offset` of `text`, those already there left out."""
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
        block_list = spec.kind == "blocks"
        model = spec.model if spec.kind in ("model", "models", "union") else None
    if block_list:
        kind = models.block_kind(dict.fromkeys(siblings))  # "agency" beside "item" is the item's
        if kind is None:
            return [{"key": k, "label": forms.block_label(kind), "help": ""} for k, kind in models.BLOCK_KEYS.items()]
        model = forms.block_model(kind)
    if model is None:
        return []
    return [{"key": s.name, "label": s.label, "help": s.help} for s in forms.fields_of(model)
            if s.name not in siblings]
