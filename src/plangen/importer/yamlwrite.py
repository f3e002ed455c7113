"""Plan data → YAML that reads like one a person wrote, with `# REVIEW` comments.

The layout is the one `plangen new` writes and the examples use: keys in the usual order, lists
indented under their key, short lists of words in brackets, long texts as folded blocks (`>-`)
wrapped at about 100 columns, texts that YAML would misread in double quotes. Each review note is
written as a `# REVIEW: …` comment on the line of the value it is about, and the list is repeated
at the top with line numbers, in the form `plangen new --from` uses.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from plangen.i18n import _

if TYPE_CHECKING:
    from plangen.importer.base import Imported, ReviewNote

WIDTH = 100
_SPECIAL_START = set("-?:,[]{}#&*!|>'\"%@`= ")
_RESERVED = re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|"
                       r"null|Null|NULL|~|[-+]?(?:\d[\d_]*)?(?:\.\d*)?(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|"
                       r"\d{4}-\d\d?-\d\d?.*|[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)|<<)$")


def plain_ok(text: str) -> bool:
    """Can this text stand unquoted in YAML and be read back as the same text?"""
    if not text or text != text.strip() or text[0] in _SPECIAL_START or _RESERVED.match(text):
        return False
    if ": " in text or " #" in text or text.endswith(":") or "\n" in text or "\t" in text:
        return False
    return all(c.isprintable() for c in text) and "\\" not in text[:1]


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    return text if plain_ok(text) else quoted(text)


def _foldable(text: str) -> bool:
    return (len(text) > WIDTH - 20 and "\n" not in text and text == text.strip() and "  " not in text
            and all(c.isprintable() for c in text))


def _literal(text: str) -> bool:
    """A text of several lines, each of which a literal block (`|-`) keeps as it is."""
    lines = text.split("\n")
    return len(lines) > 1 and all(line and line == line.strip() and line.isprintable() for line in lines)


def _fold(text: str, indent: int) -> list[str]:
    """A folded block's lines: breaks only at single spaces, so that folding gives the text back."""
    room = max(40, WIDTH - indent)
    words = text.split(" ")
    lines: list[str] = []
    current = ""
    for word in words:
        if current and len(current) + 1 + len(word) > room:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return [" " * indent + line for line in lines]


def _flow_item(x: Any) -> str:
    """A value inside a flow collection (`[…]`, `{…}`)."""
    text = _scalar(x)
    cut = x[:1].islower() and not x.isascii() if isinstance(x, str) else False
    if isinstance(x, str) and (any(c in x for c in ",[]{}#") or cut) and not text.startswith('"'):
        # flow indicators inside a flow list; a Vietnamese word in lower case reads as a cut
        # item (load.py refuses it); keywords such as [purpose, requirements] stay bare
        text = quoted(x)
    return text


def _flow(items: list[Any]) -> str | None:
    if not all(x is None or isinstance(x, str | int | float | bool) for x in items):
        return None
    return "[" + ", ".join(_flow_item(x) for x in items) + "]"


def _flow_mapping(item: dict[str, Any]) -> str | None:
    """A table's row by role on one line, `{task: …, agency: …}`, when its cells are texts."""
    if not all(isinstance(v, str) for v in item.values()):
        return None
    return "{" + ", ".join(f"{k}: {_flow_item(v)}" for k, v in item.items()) + "}"


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.at: dict[tuple, int] = {}  # path → index of its line

    def value_after_key(self, prefix: str, value: Any, path: tuple, indent: int) -> None:
        """`prefix` is `key:` or `- key:` already indented; the value follows it."""
        self.at[path] = len(self.lines)
        if isinstance(value, dict):
            if not value:
                self.lines.append(f"{prefix} {{}}")
                return
            self.lines.append(prefix)
            self.mapping(value, path, indent + 2)
        elif isinstance(value, list):
            flow = _flow(value)
            if not value:
                self.lines.append(f"{prefix} []")
            elif flow is not None and len(prefix) + len(flow) < WIDTH and all(
                    x is None or (isinstance(x, str) and len(x) < 40) for x in value):  # a table's roles: [null, task]
                self.lines.append(f"{prefix} {flow}")
            else:
                self.lines.append(prefix)
                self.sequence(value, path, indent + 2)
        elif isinstance(value, str) and _foldable(value):
            self.lines.append(f"{prefix} >-")
            self.lines += _fold(value, indent + 2)
        elif isinstance(value, str) and _literal(value):
            self.lines.append(f"{prefix} |-")
            self.lines += [" " * (indent + 2) + line for line in value.split("\n")]
        else:
            self.lines.append(f"{prefix} {_scalar(value)}")

    def mapping(self, data: dict[str, Any], path: tuple, indent: int, first_prefix: str | None = None) -> None:
        for n, (key, value) in enumerate(data.items()):
            pad = first_prefix if (n == 0 and first_prefix is not None) else " " * indent
            self.value_after_key(f"{pad}{key}:", value, (*path, key), indent)

    def sequence(self, items: list[Any], path: tuple, indent: int) -> None:
        for i, item in enumerate(items):
            here = (*path, i)
            dash = " " * indent + "- "
            flow = _flow_mapping(item) if isinstance(item, dict) and item and path[-1:] == ("rows",) else None
            if flow is not None and len(dash) + len(flow) <= WIDTH:  # a short row by role, on its line
                self.at[here] = len(self.lines)
                self.lines.append(dash + flow)
            elif isinstance(item, dict) and item:
                self.at[here] = len(self.lines)
                self.mapping(item, here, indent + 2, first_prefix=dash)
            elif isinstance(item, dict):  # an empty mapping
                self.at[here] = len(self.lines)
                self.lines.append(dash + "{}")
            elif isinstance(item, list):
                self.at[here] = len(self.lines)
                flow = _flow(item) if item else "[]"
                if flow is not None:
                    self.lines.append(dash + flow)
                else:
                    self.lines.append(dash.rstrip())
                    self.sequence(item, here, indent + 2)
            elif isinstance(item, str) and _foldable(item):
                self.at[here] = len(self.lines)
                self.lines.append(dash + ">-")
                self.lines += _fold(item, indent + 2)
            else:
                self.at[here] = len(self.lines)
                self.lines.append(dash + _scalar(item))

    def line_of(self, path: tuple) -> int:
        for cut in range(len(path), -1, -1):
            if path[:cut] in self.at:
                return self.at[path[:cut]]
        return 0


def plan_yaml(imported: Imported, header: list[str] | None = None,
              review_header: bool = True) -> tuple[str, list[ReviewNote]]:
    """YAML text of imported plan data, and its review notes with the lines they stand on."""
    from plangen.plan.schema import SCHEMA_LINE

    writer = _Writer()
    writer.mapping(imported.data, (), 0)
    for note in imported.review:  # a comment is one line: texts quoted in a note may hold breaks
        note.message = " ".join(note.message.split())
    comments: dict[int, list[str]] = {}
    for note in imported.review:
        index = writer.line_of(note.path)
        comments.setdefault(index, []).append(note.message + (f" ({note.source})" if note.source else ""))
    body = list(writer.lines)
    for index, messages in comments.items():
        body[index] = f"{body[index]}  # REVIEW: " + "; ".join(messages)
    top = [*SCHEMA_LINE.splitlines(), *(f"# {line}" for line in header or [])]
    review_head: list[str] = []
    listed = imported.review if review_header else []
    if listed:
        review_head.append(f"# REVIEW — {len(imported.review)} " + _("points to confirm before this plan is issued:"))
    offset = len(top) + len(review_head) + len(listed) + (1 if listed else 0)
    word = _("line")
    notes = []
    for note in sorted(imported.review, key=lambda n: writer.line_of(n.path)):
        note.line = writer.line_of(note.path) + offset + 1
        notes.append(note)
        if review_header:
            review_head.append(f"#   {word} {note.line}: {note.message}" + (
                f" ({note.source})" if note.source else ""))
    if listed:
        review_head.append("#")
    return "\n".join(top + review_head + body) + "\n", notes
