"""What is left to do in a plan: `[…]` placeholders, `# REVIEW` marks, empty values.

`plangen new`, `derive` and `import` write placeholders (`"[Tên kế hoạch]"`), review marks
(`# REVIEW: …`) and an empty signer name for a person to fill in. One finder serves the
`placeholders` rule of `plangen check` (CI refuses an unfinished plan), `plangen todo` and the
lists the drafting commands print, so that all three say the same. It reads the plan's texts where
YAML keeps them (a list written `[a, b]` is not a placeholder, nor a Jinja index `{{ x[0] }}`,
a footnote `^[…]` or a citation `[1]`), and the comments for review marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from plangen.i18n import N_

# `[` words `]`: at least one letter, no brackets or braces inside; not a footnote (`^[`) nor an
# escaped bracket (`\[`)
PLACEHOLDER = re.compile(r"(?<![\^\\])\[([^\[\]{}\n]{0,200}?[^\W\d_][^\[\]{}\n]{0,200}?)\]")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
REVIEW = re.compile(r"#\s*REVIEW:\s*(.*)$")
EMPTY_REQUIRED = {("signature", "name"): N_("the signer's name")}


@dataclass(frozen=True)
class Todo:
    line: int
    column: int
    kind: str  # "placeholder", "review", "empty"
    text: str  # the placeholder as written, the review note, or what is empty
    path: tuple = ()  # the field to fill (a value missing is at its parent's line, the field named here)


def placeholders_in(text: str) -> list[tuple[int, str]]:
    """(offset, placeholder) of each `[…]` in one text, Jinja expressions left out."""
    blanked = _JINJA.sub(lambda m: " " * len(m.group(0)), text)
    return [(m.start(), m.group(0)) for m in PLACEHOLDER.finditer(blanked)]


def todo_in_yaml(text: str, file: str = "<plan>") -> list[Todo]:
    """Everything left to do in a plan file's text, in line order."""
    from plangen.errors import PlangenError
    from plangen.plan.yamlsource import parse_yaml

    found = [Todo(number, column, "review", note) for number, (column, note) in review_marks(text).items()]
    try:
        data, source = parse_yaml(text, file)
    except PlangenError:  # a plan that does not parse is reported by the loader
        return found

    def walk(value: Any, path: tuple) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*path, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, (*path, i))
        elif isinstance(value, str) or (value is None and path[-2:] in EMPTY_REQUIRED):  # `name:` left empty
            mark = source.locate(path)
            line, column = (mark.line, mark.column) if mark else (1, 1)
            if not (value or "").strip() and path[-2:] in EMPTY_REQUIRED:
                found.append(Todo(line, column, "empty", EMPTY_REQUIRED[path[-2:]], path))
            for _offset, placeholder in placeholders_in(value or ""):
                found.append(Todo(line, column, "placeholder", placeholder, path))

    walk(data, ())
    if isinstance(data, dict) and isinstance(data.get("signature"), dict) and "name" not in data["signature"]:
        mark = source.locate(("signature",))
        found.append(Todo(mark.line if mark else 1, mark.column if mark else 1, "empty",
                          EMPTY_REQUIRED[("signature", "name")], ("signature", "name")))
    return sorted(found, key=lambda t: (t.line, t.column))


def review_marks(text: str) -> dict[int, tuple[int, str]]:
    """The `# REVIEW:` marks of a plan's text: line → (column of the comment, its note)."""
    marks = {}
    for number, line in enumerate(text.splitlines(), start=1):
        comment = _comment_of(line)
        if comment is not None:
            m = REVIEW.search(comment)
            if m:
                marks[number] = (line.index(comment) + 1, m.group(1).strip())
    return marks


REVIEW_SUMMARY = re.compile(r"^# REVIEW — (\d+) ")
"""The head of the list of review points an import writes at the top of a plan (importer/yamlwrite.py)."""
_SUMMARY_ENTRY = re.compile(r"^#   (\S+) (\d+): ")
"""An entry of that list: `#   dòng 42: …`, the word in the language the plan was imported in."""


def review_done(text: str, line: int) -> str:
    """The plan's text with the `# REVIEW:` mark of `line` taken away (the person has looked at
    what it points to): the value on the line is kept as written, a line that was only the mark
    goes, and so does its entry in the list of review points at the top (the list's count and
    the lines of its other entries follow; the list goes with its last entry). The text is
    unchanged when the line holds no such mark."""
    if line not in review_marks(text):
        return text
    lines = text.split("\n")
    before = lines[line - 1]
    comment = _comment_of(before.rstrip("\r"))
    assert comment is not None
    kept = before[:before.index(comment)].rstrip()
    gone = not kept.strip()
    if gone:
        del lines[line - 1]
    else:
        lines[line - 1] = kept + ("\r" if before.endswith("\r") else "")
    return "\n".join(_summary_without(lines, line, gone))


def _summary_without(lines: list[str], line: int, gone: bool) -> list[str]:
    """`lines` with the entry of the review list that points at `line` taken away, the other
    entries pointing where their lines now are (`gone`: the mark's own line was deleted)."""
    head = next((i for i, text in enumerate(lines[:line - 1]) if REVIEW_SUMMARY.match(text)), None)
    if head is None:
        return lines
    end = head + 1
    while end < len(lines) and _SUMMARY_ENTRY.match(lines[end].rstrip("\r")):
        end += 1
    entries = [(i, _SUMMARY_ENTRY.match(lines[i].rstrip("\r"))) for i in range(head + 1, end)]
    done = sum(int(m.group(2)) == line for _i, m in entries)  # a line's notes are an entry each
    if not done:
        return lines
    count = int(REVIEW_SUMMARY.match(lines[head]).group(1)) - done
    closing = end < len(lines) and lines[end].rstrip("\r") == "#"
    dropped = done if count > 0 else (end - head + (1 if closing else 0))  # the list goes with its last entry
    out = lines[:head]
    if count > 0:
        out.append(REVIEW_SUMMARY.sub(f"# REVIEW — {count} ", lines[head], count=1))
        for i, m in entries:
            number = int(m.group(2))
            if number == line:
                continue
            moved = number - dropped - (1 if gone and number > line else 0)
            out.append(lines[i][:m.start(2)] + str(moved) + lines[i][m.end(2):])
        return out + lines[end:]
    return out + lines[end + (1 if closing else 0):]


def _comment_of(line: str) -> str | None:
    """The comment at the end of a YAML line (a `#` outside quotes, after a space or first)."""
    if "#" not in line:
        return None
    quote = ""
    for i, c in enumerate(line):
        if quote:
            if c == quote and (quote == "'" or line[i - 1] != "\\"):
                quote = ""
        elif c in "'\"" and (i == 0 or line[i - 1] in " :[,-{"):
            quote = c
        elif c == "#" and (i == 0 or line[i - 1].isspace()):
            return line[i:]
    return None
