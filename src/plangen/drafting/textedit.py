"""Edits of a plan's YAML text at a path — set, insert, delete, move — made in the text itself.

A person's plan file has comments, a key order and a layout of its own; loading and dumping it
again would lose them. So each edit changes only the lines of the value it is about, as
`plangen new --from` does (drafting.next_year): a text typed in place of the old one, an entry's
lines added, removed or moved whole with the comments above them. The result is read back and
compared with the data the edit should give; where the text cannot be changed that way (a flow
`{…}` mapping, an alias, a value sharing its line with another), the smallest enclosing value is
written afresh in the usual layout, and only as a last resort the whole plan — so no edit ever
changes what the plan says beyond what was asked, or loses a value.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

import yaml

from plangen.errors import PlangenError
from plangen.i18n import _

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Edit:
    """One change of the plan's data: `set` a value (None removes a mapping's key), `insert`
    `value` into the list at `path` before `index`, `delete` the value at `path`, `move` the
    list's item `index` to `to`. `order` is the usual order of the keys of the mapping a new key
    goes into (the model's fields), so that it is written where a person would look for it."""

    op: str
    path: Path_
    value: Any = None
    index: int = 0
    to: int = 0
    order: tuple[str, ...] = field(default=())


@dataclass
class Edited:
    text: str
    data: dict
    kept: bool  # False: a part (or all) of the plan was written afresh, its comments there lost


class EditError(PlangenError):
    """An edit that names no value of the plan (a stale page, a wrong path)."""


# --- the data ------------------------------------------------------------------------------

def _at(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data


def apply_to_data(data: dict, edit: Edit) -> dict:
    """The plan's data after `edit` (a copy); EditError when the path is not in it."""
    out = copy.deepcopy(data)
    try:
        if edit.op == "set":
            if not edit.path:
                if not isinstance(edit.value, dict):
                    raise EditError(_("a plan is a mapping of keys"))
                return copy.deepcopy(edit.value)
            parent, key = _at(out, edit.path[:-1]), edit.path[-1]
            if edit.value is None and isinstance(parent, dict):
                parent.pop(key, None)
            elif isinstance(parent, dict):
                if key not in parent and edit.order:
                    parent[key] = None
                    _reorder(parent, edit.order)
                parent[key] = copy.deepcopy(edit.value)
            else:
                parent[key] = copy.deepcopy(edit.value)
        elif edit.op == "insert":
            items = _at(out, edit.path)
            if not isinstance(items, list) or not 0 <= edit.index <= len(items):
                raise IndexError
            items.insert(edit.index, copy.deepcopy(edit.value))
        elif edit.op == "delete":
            parent, key = _at(out, edit.path[:-1]), edit.path[-1]
            del parent[key]
        elif edit.op == "move":
            items = _at(out, edit.path)
            if not isinstance(items, list) or not (0 <= edit.index < len(items) and 0 <= edit.to < len(items)):
                raise IndexError
            items.insert(edit.to, items.pop(edit.index))
        else:
            raise EditError(_("unknown edit {op!r}").format(op=edit.op))
    except (KeyError, IndexError, TypeError):
        raise EditError(_("the plan has no value at {path}: it changed meanwhile; reload the page").format(
            path=_shown_path(edit.path))) from None
    return out


def carries_over(path: Path_, before: Any, now: Any) -> bool:
    """Whether a change of the field at `path`, made on the plan's data `before`, may be made on
    its data `now` (changed meanwhile, elsewhere) without undoing that other change: the field is
    still there, holds the value it held, and each list on the way to it has kept its length (no
    item added or taken away, so that its number names the same item). A text written in short
    for what the path goes into (a task as a bare text) is the field itself."""
    for part in path:
        if isinstance(before, str) or isinstance(now, str):
            return before == now
        if isinstance(before, dict) and isinstance(now, dict) and isinstance(part, str):
            before, now = before.get(part), now.get(part)
        elif isinstance(before, list) and isinstance(now, list) and isinstance(part, int):
            if len(before) != len(now) or not 0 <= part < len(now):
                return False
            before, now = before[part], now[part]
        else:  # gone (a block deleted, the signature taken away), or now of another kind
            return False
    return before == now


def _reorder(mapping: dict, order: tuple[str, ...]) -> None:
    """Move the key just added (the last) before the first key that follows it in `order`."""
    rank = {k: i for i, k in enumerate(order)}
    keys = list(mapping)
    new = keys[-1]
    if new not in rank:
        return
    at = next((i for i, k in enumerate(keys[:-1]) if k in rank and rank[k] > rank[new]), len(keys) - 1)
    items = [(k, mapping[k]) for k in [*keys[:at], new, *keys[at:-1]]]
    mapping.clear()
    mapping.update(items)


def _shown_path(path: Path_) -> str:
    from plangen.plan.yamlsource import format_path

    return format_path(path) or "/"


# --- the text ------------------------------------------------------------------------------

def read(text: str, file: str = "<plan>") -> dict:
    """The plan's data as written (texts not expanded), a copy the caller may change."""
    from plangen.plan.yamlsource import clean_text, parse_yaml

    data, _source = parse_yaml(clean_text(text, file), file)
    return copy.deepcopy(data)


def apply(text: str, edit: Edit, file: str = "<plan>") -> Edited:
    """The plan's text after `edit`, changed where the value stands, and its data (a file with
    Windows line ends keeps them)."""
    if "\r\n" in text:
        edited = apply(text.replace("\r\n", "\n"), edit, file)
        return Edited(edited.text.replace("\n", "\r\n"), edited.data, edited.kept)
    old = read(text, file)
    wanted = apply_to_data(old, edit)
    editor = _TextEditor(text)
    attempt = None
    try:
        attempt = editor.edit(edit, wanted)
    except _CannotInPlace:
        attempt = None
    if attempt is not None and _reads_as(attempt, wanted):
        return Edited(attempt, wanted, True)
    # the smallest enclosing value written afresh, then larger ones
    path = edit.path if edit.op in ("insert", "move") else edit.path[:-1]
    while path:
        try:
            attempt = editor.rewrite(path, _at(wanted, path))
        except (_CannotInPlace, KeyError, IndexError, TypeError):
            attempt = None
        if attempt is not None and _reads_as(attempt, wanted):
            return Edited(attempt, wanted, False)
        path = path[:-1]
    return Edited(whole(text, wanted), wanted, False)


def _reads_as(text: str, wanted: dict) -> bool:
    try:
        return read(text) == wanted
    except PlangenError:
        return False


def whole(text: str, data: dict) -> str:
    """The plan written afresh in the usual layout, the comment lines that open the file kept."""
    from plangen.importer.yamlwrite import _Writer

    head = []
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            head.append(line)
        else:
            break
    while head and not head[-1].strip():
        head.pop()
    writer = _Writer()
    writer.mapping(data, (), 0)
    return "\n".join([*head, *writer.lines]) + "\n"


class _CannotInPlace(Exception):
    """This edit cannot be made by changing lines in place: write the enclosing value afresh."""


def _emit_entry(key_text: str, value: Any, indent: int) -> list[str]:
    """`key: value` lines at `indent`, in the layout import writes."""
    from plangen.importer.yamlwrite import _Writer

    writer = _Writer()
    writer.value_after_key(" " * indent + key_text + ":", value, (), indent)
    return writer.lines


def _emit_item(value: Any, indent: int) -> list[str]:
    """`- value` lines with the dash at `indent`."""
    from plangen.importer.yamlwrite import _Writer

    writer = _Writer()
    writer.sequence([value], (), indent)
    return writer.lines


def _key_text(value: Any) -> str:
    from plangen.importer.yamlwrite import _scalar

    return _scalar(value)


class _TextEditor:
    def __init__(self, text: str) -> None:
        from plangen.plan.yamlsource import _Composer

        self.text = text
        loader = _Composer(text)
        try:
            self.root = loader.get_single_node()
        finally:
            loader.dispose()
        if not isinstance(self.root, yaml.MappingNode):
            raise _CannotInPlace
        self.shared = _shared_nodes(self.root)

    # --- finding places ----------------------------------------------------------------

    def node(self, path: Path_) -> yaml.Node:
        node = self.root
        for part in path:
            node = self.child(node, part)[1]
            if id(node) in self.shared or self.text.startswith(("&", "*"), node.start_mark.index):
                raise _CannotInPlace  # written once, used again through an alias: both would change
        return node

    def child(self, node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node]:
        """(key node, value node) of `part` in a collection node."""
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            for k, v in node.value:
                if k.tag == "tag:yaml.org,2002:merge":
                    raise _CannotInPlace
                if isinstance(k, yaml.ScalarNode) and k.value == part:
                    return k, v
            raise _CannotInPlace
        if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            return None, node.value[part]
        raise _CannotInPlace

    def line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def line_end(self, index: int) -> int:
        """Just past the `\\n` of the line holding `index` (or the end of the text)."""
        n = self.text.find("\n", index)
        return len(self.text) if n < 0 else n + 1

    def content_end(self, node: yaml.Node) -> int:
        """Where the node's own text ends (block collections' marks run over the comments and
        blank lines after them)."""
        if isinstance(node, yaml.ScalarNode):
            if node.style in ("|", ">"):
                body = self.text[node.start_mark.index:node.end_mark.index].rstrip()
                return node.start_mark.index + len(body)
            return node.end_mark.index
        if getattr(node, "flow_style", False) or not node.value:
            return node.end_mark.index
        last = node.value[-1]
        return self.content_end(last[1] if isinstance(last, tuple) else last)

    def begins_line(self, index: int) -> bool:
        return not self.text[self.line_start(index):index].strip()

    def with_comments_above(self, start: int, floor: int) -> int:
        """`start` (a line start) moved up over the comment lines just above it, not past `floor`."""
        while start > floor:
            above = self.line_start(start - 1)
            if above < floor or not self.text[above:start].strip().startswith("#"):
                break
            start = above
        return start

    def item_chunk(self, seq: yaml.SequenceNode, i: int, floor: int) -> tuple[int, int]:
        """The lines of item `i` of a block sequence: its dash line (and comments above) to the
        end of its last line."""
        item = seq.value[i]
        dash = self.line_start(item.start_mark.index)
        if self.text[dash:item.start_mark.index].strip() != "-":
            raise _CannotInPlace  # `- - x`, `key: - x`, or the dash on another line
        prev_end = self.line_end(self.content_end(seq.value[i - 1]) - 1) if i > 0 else floor
        return self.with_comments_above(dash, prev_end), self.line_end(self.content_end(item) - 1)

    def entry_chunk(self, mapping: yaml.MappingNode, i: int, floor: int) -> tuple[int, int]:
        key, value = mapping.value[i]
        if not self.begins_line(key.start_mark.index):
            raise _CannotInPlace  # the first key of a list item (`- agency: …`) or a flow mapping
        start = self.line_start(key.start_mark.index)
        prev_end = self.line_end(self.content_end(mapping.value[i - 1][1]) - 1) if i > 0 else floor
        return self.with_comments_above(start, prev_end), self.line_end(self.content_end(value) - 1)

    def floor_of(self, path: Path_) -> int:
        """Where the collection at `path` may start taking lines (after its owner's key line)."""
        if not path:
            return 0
        node = self.node(path)
        return self.line_start(node.start_mark.index)

    def splice(self, start: int, end: int, new: str) -> str:
        return self.text[:start] + new + self.text[end:]

    # --- edits ---------------------------------------------------------------------------

    def edit(self, edit: Edit, wanted: dict) -> str:
        if edit.op == "set":
            return self.set(edit.path, _at(wanted, edit.path[:-1]) if edit.path else wanted, edit)
        if edit.op == "insert":
            return self.insert(edit.path, edit.index, edit.value)
        if edit.op == "delete":
            return self.delete(edit.path)
        if edit.op == "move":
            return self.move(edit.path, edit.index, edit.to)
        raise _CannotInPlace

    def set(self, path: Path_, parent_value: Any, edit: Edit) -> str:
        if not path:
            raise _CannotInPlace
        parent = self.node(path[:-1])
        key = path[-1]
        if isinstance(parent, yaml.MappingNode) and isinstance(key, str):
            present = any(isinstance(k, yaml.ScalarNode) and k.value == key for k, _v in parent.value)
            if edit.value is None:
                return self.delete(path) if present else self.text
            if not present:
                return self.add_key(path[:-1], parent, key, edit.value, parent_value)
        node = self.node(path)
        value = edit.value
        if isinstance(node, yaml.ScalarNode) and not isinstance(value, dict | list):
            return self.replace_scalar(node, value)
        return self.rewrite(path, value)

    def replace_scalar(self, node: yaml.ScalarNode, value: Any) -> str:
        from plangen.importer.yamlwrite import _fold, _foldable, _literal, _scalar, quoted

        start = node.start_mark.index
        if node.tag != "tag:yaml.org,2002:str" and node.style is None and not node.value:
            raise _CannotInPlace  # an empty value (`key:`): its place may be on another line
        if node.style in ("|", ">"):
            indent = self._indent_of_line(start) + 2
            end = self.line_end(self.content_end(node) - 1)
            if isinstance(value, str) and node.style == ">" and _foldable(value):
                return self.splice(start, end, "\n".join([">-", *_fold(value, indent)]) + "\n")
            if isinstance(value, str) and _literal(value):
                return self.splice(start, end, "\n".join(["|-", *(" " * indent + x for x in value.split("\n"))])
                                   + "\n")
            return self.splice(start, end, (quoted(value) if isinstance(value, str) else _scalar(value)) + "\n")
        end = node.end_mark.index
        if isinstance(value, str):
            written = _scalar(value) if "\n" not in value else quoted(value)
            if node.style in ('"', "'") and written == value:
                written = quoted(value)  # keep it quoted, as the author did
        else:
            written = _scalar(value)
        return self.splice(start, end, written)

    def _indent_of_line(self, index: int) -> int:
        start = self.line_start(index)
        line = self.text[start:self.line_end(index)]
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if stripped.startswith("- "):  # `- key: |`: the key's column
            indent += 2
        return indent

    def add_key(self, path: Path_, mapping: yaml.MappingNode, key: str, value: Any, wanted: dict) -> str:
        if mapping.flow_style or not mapping.value:
            raise _CannotInPlace
        first_key = mapping.value[0][0]
        indent = first_key.start_mark.column
        keys = [k.value for k, _v in mapping.value]
        order = list(wanted)
        following = next((k for k in order[order.index(key) + 1:] if k in keys), None)
        lines = _emit_entry(_key_text(key), value, indent)
        if following is not None:  # before the entry (and its comments) that follows it
            at = self.entry_chunk(mapping, keys.index(following), self.floor_of(path))[0]
        else:
            at = self.line_end(self.content_end(mapping.value[-1][1]) - 1)
        new = "\n".join(lines) + "\n"
        if at == len(self.text) and self.text and not self.text.endswith("\n"):
            new = "\n" + new
        return self.splice(at, at, new)

    def delete(self, path: Path_) -> str:
        if not path:
            raise _CannotInPlace
        parent = self.node(path[:-1])
        floor = self.floor_of(path[:-1]) if path[:-1] else 0
        key = path[-1]
        if isinstance(parent, yaml.SequenceNode) and isinstance(key, int):
            if parent.flow_style or len(parent.value) < 2:
                raise _CannotInPlace
            start, end = self.item_chunk(parent, key, floor)
            return self.splice(start, end, "")
        if isinstance(parent, yaml.MappingNode) and isinstance(key, str):
            if parent.flow_style or len(parent.value) < 2:
                raise _CannotInPlace
            i = next(n for n, (k, _v) in enumerate(parent.value) if isinstance(k, yaml.ScalarNode) and k.value == key)
            start, end = self.entry_chunk(parent, i, floor)
            return self.splice(start, end, "")
        raise _CannotInPlace

    def insert(self, path: Path_, index: int, value: Any) -> str:
        seq = self.node(path)
        if not isinstance(seq, yaml.SequenceNode) or seq.flow_style or not seq.value:
            raise _CannotInPlace
        floor = self.floor_of(path)
        first = seq.value[0]
        dash = self.line_start(first.start_mark.index)
        if self.text[dash:first.start_mark.index].strip() != "-":
            raise _CannotInPlace
        indent = first.start_mark.column - 2
        lines = _emit_item(value, indent)
        if index < len(seq.value):
            at = self.item_chunk(seq, index, floor)[0]
        else:
            at = self.item_chunk(seq, len(seq.value) - 1, floor)[1]
        new = "\n".join(lines) + "\n"
        if at == len(self.text) and not self.text.endswith("\n"):
            new = "\n" + new
        return self.splice(at, at, new)

    def move(self, path: Path_, index: int, to: int) -> str:
        seq = self.node(path)
        if not isinstance(seq, yaml.SequenceNode) or seq.flow_style:
            raise _CannotInPlace
        if index == to:
            return self.text
        floor = self.floor_of(path)
        chunks = [self.item_chunk(seq, i, floor) for i in range(len(seq.value))]
        texts = [self.text[s:e] for s, e in chunks]
        if not texts[-1].endswith("\n"):
            texts[-1] += "\n"
        gaps = [self.text[chunks[i][1]:chunks[i + 1][0]] for i in range(len(chunks) - 1)]  # blank lines
        order = list(range(len(texts)))
        order.insert(to, order.pop(index))
        start, end = chunks[0][0], chunks[-1][1]
        body = "".join(texts[n] + (gaps[k] if k < len(gaps) else "") for k, n in enumerate(order))
        if not self.text[start:end].endswith("\n"):
            body = body[:-1]
        return self.splice(start, end, body)

    def rewrite(self, path: Path_, value: Any) -> str:
        """The value at `path` written afresh (with its key, or its dash), in the usual layout."""
        if not path:
            raise _CannotInPlace
        parent = self.node(path[:-1])
        key = path[-1]
        floor = self.floor_of(path[:-1]) if path[:-1] else 0
        if isinstance(parent, yaml.MappingNode) and isinstance(key, str) and not parent.flow_style:
            i = next((n for n, (k, _v) in enumerate(parent.value)
                      if isinstance(k, yaml.ScalarNode) and k.value == key), None)
            if i is None:
                raise _CannotInPlace
            key_node, node = parent.value[i]
            self.node(path)  # refused when shared through an alias
            if not self.begins_line(key_node.start_mark.index):
                raise _CannotInPlace
            start = key_node.start_mark.index
            end = self.line_end(self.content_end(node) - 1)
            lines = _emit_entry(self.text[key_node.start_mark.index:key_node.end_mark.index],
                                value, key_node.start_mark.column)
            lines[0] = lines[0].lstrip(" ")
            return self.splice(start, end, "\n".join(lines) + "\n")
        if isinstance(parent, yaml.SequenceNode) and isinstance(key, int) and not parent.flow_style:
            node = self.node(path)
            start, end = self.item_chunk(parent, key, floor)
            dash = self.line_start(node.start_mark.index)
            indent = node.start_mark.column - 2
            lines = _emit_item(value, indent)
            return self.splice(dash, end, "\n".join(lines) + "\n")
        raise _CannotInPlace


def _shared_nodes(root: yaml.Node) -> set[int]:
    """The nodes reached by more than one path (an anchor's value used again through an alias)."""
    seen: set[int] = set()
    shared: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            shared.add(id(node))
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack += [k, v]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
    return shared
