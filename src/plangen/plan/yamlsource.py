"""Reading YAML with every value located (file:line:column), bounded in size, depth and expansion.

PyYAML is used only to compose the node tree (which keeps positions); the conversion to Python
values is ours so that we can: refuse duplicate keys, refuse tags that would build objects, keep
dates and yes/no as text (YAML 1.1 surprises), bound alias expansion, and remember where every
value came from. Plans, registries and settings are all read here.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from plangen.errors import PlanInputError, Problem
from plangen.i18n import N_, _

Path_ = tuple[str | int, ...]


MAX_NODES = 200_000


"""Upper bound on values built from one file, aliases expanded (refuses "billion laughs")."""


MAX_FILE_BYTES = 20 * 2**20


"""Upper bound on a plan or CSV file read (a link to /dev/zero or a huge file is refused)."""


MAX_DEPTH = 200


"""Upper bound on nesting; deeper files are refused rather than exhausting the stack."""


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_CONTROL_ESCAPE = re.compile(r"\\(?:[0abefv]|x(?:[01][0-9a-fA-F]|7[fF])|u(?:00[01][0-9a-fA-F]|007[fF]|[fF]{3}[eEfF])"
                             r"|U(?:0000[01][0-9a-fA-F]|0000007[fF]|0000[fF]{3}[eEfF]))")
"""A YAML escape that makes one of the characters above (`\\t`, `\\n`, `\\r` are not among them)."""


@dataclass(frozen=True)
class Mark:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of the plan file stands."""

    file: str
    values: dict[Path_, Mark] = field(default_factory=dict)
    keys: dict[Path_, Mark] = field(default_factory=dict)
    text: str = ""  # the file's text, for what lives in comments (`# REVIEW` marks)

    def locate(self, path: Path_, key: bool = False) -> Mark | None:
        """Mark of the value at `path`, or of its nearest ancestor that has one."""
        table = self.keys if key else self.values
        for cut in range(len(path), -1, -1):
            mark = table.get(path[:cut]) or (self.values.get(path[:cut]) if key else None)
            if mark:
                return mark
        return None

    def problem(self, path: Path_, message: str, key: bool = False) -> Problem:
        mark = self.locate(path, key=key)
        return Problem(
            file=self.file, line=mark.line if mark else None, column=mark.column if mark else None,
            path=format_path(path), message=message,
        )


def format_path(path: Path_) -> str:
    """('sections', 2, 'content', 0) → `sections[2].content[0]`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class _Resolver(yaml.resolver.BaseResolver):
    """YAML 1.2-like implicit types: null, true/false, integers, floats; everything else is text.
    Digits written with leading zeros (`0204`, a document number as an office writes it; `01` in a
    table cell) are text, their zeros kept: a field that takes a number reads them as one."""


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


_Resolver.add_implicit_resolver("tag:yaml.org,2002:merge", re.compile(r"^(?:<<)$"), ["<"])


class _PyComposer(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,
                  yaml.composer.Composer, yaml.constructor.SafeConstructor, _Resolver):
    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        _Resolver.__init__(self)


if yaml.__with_libyaml__:  # the C parser (libyaml) composes the same nodes, several times faster
    import yaml.cyaml

    class _Composer(yaml.cyaml.CParser, yaml.constructor.SafeConstructor, _Resolver):  # type: ignore[misc]
        def __init__(self, stream: str) -> None:
            yaml.cyaml.CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            _Resolver.__init__(self)
else:  # pragma: no cover - PyYAML built without libyaml
    _Composer = _PyComposer  # type: ignore[misc]


_SCALAR_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
}


class _Builder:
    """Node tree → plain Python values, recording the position of every value and key."""

    def __init__(self, loader: _Composer, source: SourceMap):
        self.loader = loader
        self.source = source
        self.count = 0
        self.problems: list[Problem] = []

    def mark(self, node: yaml.Node) -> Mark:
        return Mark(node.start_mark.line + 1, node.start_mark.column + 1)

    def fail(self, node: yaml.Node, path: Path_, message: str) -> None:
        m = self.mark(node)
        self.problems.append(Problem(self.source.file, m.line, m.column, message, format_path(path)))

    def build(self, node: yaml.Node, path: Path_ = (), depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig(node)
        if depth > MAX_DEPTH:
            raise _TooDeep(node)
        self.source.values.setdefault(path, self.mark(node))
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                self.fail(node, path, _("YAML tag {tag} is not allowed: plans hold only texts, "
                                        "numbers, lists and mappings").format(tag=node.tag))
                return None
            return [self.build(child, (*path, i), depth + 1) for i, child in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            if node.tag != "tag:yaml.org,2002:map":
                self.fail(node, path, _("YAML tag {tag} is not allowed: plans hold only texts, "
                                        "numbers, lists and mappings").format(tag=node.tag))
                return None
            return self.mapping(node, path, depth)
        return None  # pragma: no cover - PyYAML has no other node kinds

    def scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        if node.tag not in _SCALAR_TAGS:
            self.fail(node, path, _("YAML tag {tag} is not allowed: plans hold only texts, "
                                    "numbers, lists and mappings").format(tag=node.tag))
            return None
        if node.tag == "tag:yaml.org,2002:str":
            if _CONTROL.search(node.value):  # written as an escape ("\x1b", "\0"): the raw ones are refused earlier
                self.control_character(node, path)
            return node.value
        if node.tag == "tag:yaml.org,2002:bool":
            return node.value.lower() == "true"
        if node.tag == "tag:yaml.org,2002:null":
            return None
        if node.tag == "tag:yaml.org,2002:int":
            try:
                return int(node.value.replace("_", ""))
            except ValueError:
                return node.value
        try:
            return float(node.value)
        except ValueError:
            return node.value

    def control_character(self, node: yaml.ScalarNode, path: Path_) -> None:
        """A control character made by an escape of a quoted text: refused at the escape (Word
        cannot store it; a terminal would obey it)."""
        code = ord(_CONTROL.search(node.value).group())
        line, column = node.start_mark.line, node.start_mark.column
        for number in range(node.start_mark.line, node.end_mark.line + 1):
            content = _line_at(self.source.text, number)
            found = _CONTROL_ESCAPE.search(content, column if number == node.start_mark.line else 0)
            if found:
                line, column = number, found.start()
                break
        self.problems.append(Problem(self.source.file, line + 1, column + 1, _(
            "control character U+{code:04X} is not allowed in a plan (Word cannot store it); "
            "delete it").format(code=code), format_path(path)))

    def mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        seen: dict[Any, Mark] = {}
        pairs = list(node.value)
        merged: list[tuple[yaml.Node, yaml.Node]] = []
        for key_node, value_node in pairs:
            if key_node.tag == "tag:yaml.org,2002:merge":
                sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                for src in sources:
                    if isinstance(src, yaml.MappingNode):
                        merged.extend(src.value)
                    else:
                        self.fail(value_node, path, _("a merge key `<<` needs a mapping"))
        for key_node, value_node in pairs:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(key_node, path, _("a key must be a simple text"))
                continue
            key = self.scalar(key_node, path)
            if isinstance(key, bool | int | float) or key is None:
                key = key_node.value
            kpath = (*path, key)
            if key in seen:
                first = seen[key]
                self.fail(key_node, kpath, _("duplicate key `{key}` (first given at line {line}); "
                                             "each key may appear once").format(key=key, line=first.line))
                continue
            seen[key] = self.mark(key_node)
            self.source.keys[kpath] = self.mark(key_node)
            result[key] = self.build(value_node, kpath, depth + 1)
        for key_node, value_node in merged:
            key = key_node.value
            if key not in result:
                result[key] = self.build(value_node, (*path, key), depth + 1)
        return result


class _TooBig(Exception):
    def __init__(self, node: yaml.Node):
        self.node = node


class _TooDeep(_TooBig):
    pass


_YAML_HINTS = [
    ("found character '\\t'", N_("a tab character cannot indent YAML: indent with spaces")),
    ("mapping values are not allowed",
     N_("a `:` followed by a space is not allowed here: put the text in quotes, or fix the indentation")),
    ("could not find expected ':'", N_("a key is missing its `:`, or a text runs over several lines: "
                                    "put it in quotes or use `>-`")),
    ("did not find expected key", N_("the indentation is wrong here, or a `- ` is missing")),
    ("did not find expected '-' indicator", N_("the indentation of this list is wrong")),
    ("found undefined alias", N_("this alias `*name` does not refer to any anchor `&name`")),
    ("found unexpected end of stream", N_("the file ends inside a quoted text: a closing quote is missing")),
    ("found unknown escape character", N_("unknown escape sequence in a double-quoted text "
                                       "(write `\\\\` for a backslash)")),
    ("expected <block end>, but found", N_("the indentation is wrong here")),
    ("while parsing a flow", N_("a `[` or `{` is not closed")),
    ("found character '@' that cannot start any token", N_("`@` cannot start a value: put it in quotes")),
    ("found character '`' that cannot start any token", N_("a backquote cannot start a value: put it in quotes")),
]


@functools.lru_cache(maxsize=2)
def _lines(text: str) -> list[str]:
    """The text's lines, split once however many marks look at them (a str caches its hash)."""
    return text.splitlines()


def _line_at(text: str, line: int) -> str:
    lines = _lines(text)
    return lines[line] if 0 <= line < len(lines) else ""


def _shown(text: str, mark: yaml.Mark) -> str:
    """The line where the mistake is, and a caret under it."""
    line = _line_at(text, mark.line)
    if not line.strip() or len(line) > 300:
        return ""
    return f"\n    {line}\n    {' ' * mark.column}^"


def _no_text_in_comments(node: yaml.Node, text: str, file: str) -> None:
    """`summary: Số #12 về …`: YAML makes ` #12 về …` a comment, and the text is cut silently.
    A comment glued to its `#` right after a plain text is refused, with the fix."""
    stack = [node]
    seen = 0
    while stack and seen < MAX_NODES:
        current = stack.pop()
        seen += 1
        if isinstance(current, yaml.MappingNode):
            stack += [n for pair in current.value for n in pair]
        elif isinstance(current, yaml.SequenceNode):
            stack += current.value
            if current.flow_style:
                _no_split_items(current, text, file)
        elif isinstance(current, yaml.ScalarNode) and not current.style:  # plain (libyaml says "")
            _no_items_in_text(current, text, file)
            end = current.end_mark
            rest = _line_at(text, end.line)[end.column:]
            m = re.match(r"^\s+#(\S)", rest)
            if m and m.group(1) not in "#-=*":
                column = end.column + rest.index("#") + 1
                raise PlanInputError(Problem(file, end.line + 1, column, _(
                    "` #` starts a comment in YAML, so the text after it would be lost: put the whole text "
                    "in quotes") + _shown(text, yaml.Mark("", 0, end.line, column - 1, None, None))))


def _no_items_in_text(node: yaml.ScalarNode, text: str, file: str) -> None:
    """A plain text running over lines whose next line starts with `- `: a list whose first item
    lacks its `- ` (YAML would make one text of them all). Only the unambiguous shape is refused:
    the text begins a line of its own and the `- ` stands at its column. A long text folded by a
    YAML writer (`- item: … ăn` then `    - ăn.` deeper) is valid and kept."""
    start = node.start_mark
    if _line_at(text, start.line)[:start.column].strip():
        return  # the text follows a key or a `- ` on its line: a continuation may start with `-`
    for line in range(start.line + 1, node.end_mark.line + 1):
        content = _line_at(text, line)
        if content.lstrip().startswith("- ") and len(content) - len(content.lstrip()) == start.column:
            column = len(content) - len(content.lstrip())
            raise PlanInputError(Problem(file, line + 1, column + 1, _(
                "this line starts a list item, but the text above it has no `- `: begin every item of the "
                "list with `- ` (or put a text that runs over lines in quotes)")
                + _shown(text, yaml.Mark("", 0, line, column, None, None))))


def _no_split_items(node: yaml.SequenceNode, text: str, file: str) -> None:
    """`[Sở Y tế, UBND các xã, phường]`: the `,` inside a name cuts it in two items; a Vietnamese
    word in lower case after a name is taken for such a cut (lists of keywords are not names)."""
    for before, item in zip(node.value, node.value[1:], strict=False):
        if isinstance(item, yaml.ScalarNode) and not item.style and isinstance(before, yaml.ScalarNode) \
                and before.value[:1].isupper() and item.value[:1].islower() and not item.value.isascii():
            mark = item.start_mark
            raise PlanInputError(Problem(file, mark.line + 1, mark.column + 1, _(
                "a `,` inside an item of this [ … ] list cuts it in two (“{first}” and “{second}”): put "
                "the item in quotes, or write the list one item per line with `- `").format(
                    first=before.value, second=item.value) + _shown(text, mark)))


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    text = f"{exc.context or ''} {exc.problem or ''}"
    for needle, hint in _YAML_HINTS:
        if needle in text:
            return _(hint)
    return _("the YAML syntax is wrong here ({detail})").format(detail=(exc.problem or str(exc)).strip())


def read_text(data: bytes, file: str) -> str:
    """Decode UTF-8 (a BOM is accepted)."""
    if utf16(data):
        raise PlanInputError(Problem(file, None, None, _(
            "the file is saved as UTF-16 (“Unicode”): save it as UTF-8 (in Notepad: Save as… → "
            "Encoding: UTF-8)")))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", errors="replace")) + 1
        raise PlanInputError(Problem(
            file, line, column,
            _("the file is not valid UTF-8 text (byte 0x{byte:02x}); save it as UTF-8").format(
                byte=data[exc.start]))) from None
    return text


def clean_text(text: str, file: str) -> str:
    """Normalise to NFC (text copied from PDFs is often decomposed); refuse control characters."""
    text = unicodedata.normalize("NFC", text.removeprefix("\ufeff"))
    problems = []
    for m in _CONTROL.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        problems.append(Problem(file, line, column, _(
            "control character U+{code:04X} is not allowed in a plan (Word cannot store it); "
            "delete it").format(code=ord(m.group()))))
    if problems:
        raise PlanInputError(problems[:20])
    return text


def parse_yaml(text: str, file: str, registry: bool = False) -> tuple[Any, SourceMap]:
    """Compose and build the YAML document, collecting located problems. The loader and the
    rules that read the plan's own text (placeholders, typed labels) share one parse: the result
    of the last few texts is kept (callers never change it). `registry`: the file is a registry
    file, not a plan (what an empty or a wrong one is told)."""
    return _parse_yaml_cached(text, file, registry)


@functools.lru_cache(maxsize=4)
def _parse_yaml_cached(text: str, file: str, registry: bool = False) -> tuple[Any, SourceMap]:
    source = SourceMap(file, text=text)
    loader = _Composer(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = _yaml_message(exc)
        # where the quote opens; the line whose key has no `:` (not the next one)
        if exc.context_mark and any(x in (exc.context or "") for x in ("quoted scalar", "simple key")):
            mark = exc.context_mark
        elif mark and "\t" in _line_at(text, mark.line)[:mark.column + 1]:
            message = _("a tab character cannot indent YAML: indent with spaces")
        raise PlanInputError(Problem(
            file, mark.line + 1 if mark else None, mark.column + 1 if mark else None,
            message + (_shown(text, mark) if mark else ""))) from None
    except yaml.YAMLError as exc:
        raise PlanInputError(Problem(file, None, None, _("the YAML syntax is wrong ({detail})").format(
            detail=str(exc)))) from None
    finally:
        loader.dispose()
    if node is None:
        raise PlanInputError(Problem(file, 1, 1, _(
            "the file is empty: a registry is expected (provinces:, ministries:, departments:, commune_bodies:)")
            if registry else _("the file is empty: a plan is expected")))
    _no_text_in_comments(node, text, file)
    builder = _Builder(loader, source)
    try:
        data = builder.build(node)
    except _TooDeep as exc:
        m = builder.mark(exc.node)
        raise PlanInputError(Problem(file, m.line, m.column, _(
            "the plan is nested more than {n} levels deep").format(n=MAX_DEPTH))) from None
    except _TooBig as exc:
        m = builder.mark(exc.node)
        raise PlanInputError(Problem(file, m.line, m.column, _(
            "the plan expands to more than {n} values (too many aliases?)").format(n=MAX_NODES))) from None
    if builder.problems:
        raise PlanInputError(builder.problems)
    if not isinstance(data, dict):
        raise PlanInputError(Problem(file, 1, 1, _(
            "a registry must be a mapping of keys (provinces:, ministries:, departments:, commune_bodies:)")
            if registry else _("a plan must be a mapping of keys (issuer:, year:, …)")))
    return data, source


def read_file(path: str | Path, limit: int = MAX_FILE_BYTES, kind: str = "") -> str:
    """A UTF-8 text file (a plan, a CSV table, a registry), or a located message saying why it
    cannot be read (see `plangen.files.read_input`: bounded, no device, FIFO or folder)."""
    from plangen.files import read_input

    path = Path(path)
    data = read_input(path, limit, kind)
    refuse_documents(path, data)
    return read_text(data, str(path))


def utf16(data: bytes) -> bool:
    """Text saved as UTF-16 (Notepad's "Unicode"): a byte-order mark, or a zero byte beside
    every other byte of ASCII text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    head = data[:4096]
    zeros = head.count(0)
    return len(head) >= 8 and zeros >= len(head) // 8 and max(head[0::2].count(0), head[1::2].count(0)) >= zeros * 0.9


def refuse_documents(path: Path, data: bytes | None = None) -> None:
    """A Word file or a PDF given where a plan file (YAML) is expected: say what it is and which
    command takes it."""
    if data is None:
        import os
        import stat

        try:  # without blocking: a FIFO given as the plan would wait here for a writer forever
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            return  # the reader reports it
        try:
            mode = os.fstat(fd).st_mode
            if stat.S_ISDIR(mode):
                return  # the reader reports it
            if not stat.S_ISREG(mode):
                raise PlanInputError(Problem(str(path), None, None, _(
                    "this is not a regular file (a device, a pipe…): plangen reads files only")))
            data = os.read(fd, 128)  # enough for the mimetype of an OpenDocument file
        except OSError:
            return
        finally:
            os.close(fd)
    if Path(path).suffix.lower() in (".xlsx", ".xls"):
        raise PlanInputError(Problem(str(path), None, None, _(
            "this is a table, not a plan file (YAML): to make one plan per row, give it to a base plan "
            "with `plangen build base.yaml --each {name} -o out/`").format(name=Path(path).name)))
    kind = _document_kind(data)
    if kind:
        raise PlanInputError(Problem(str(path), None, None, _(
            "this is {kind}, not a plan file (YAML): `plangen import {name}` brings it in as one, "
            "`plangen check {name}` checks it as it is").format(kind=_(kind), name=Path(path).name)))


def _document_kind(data: bytes) -> str | None:
    """What a file given as a plan really is, when it is a document rather than text."""
    from plangen.files import is_opendocument_text

    if data.startswith(b"PK\x03\x04") and is_opendocument_text(data):
        return N_("an OpenDocument text (.odt, LibreOffice's own format)")
    if data.startswith(b"PK\x03\x04"):
        return N_("a Word file (.docx) or another zip archive")
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return N_("an old Word file (.doc) or another Office file")
    if data.startswith(b"%PDF"):
        return N_("a PDF file")
    return None
