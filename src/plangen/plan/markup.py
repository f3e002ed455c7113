"""Inline markup of plan texts → WordprocessingML runs.

Authors write `*italic*`, `**bold**`, `***both***` and footnotes `^[text of the note]`; a
backslash keeps a character literal (`\\*`). A line break in a text is a line break in the
paragraph. Anything that is not markup is kept exactly, XML-escaped: nothing is dropped.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from html import escape as _html_escape


@dataclass
class Span:
    text: str
    bold: bool = False
    italic: bool = False
    footnote: str | None = None  # for a footnote reference: the note's text


_TOKEN = re.compile(r"\\([\\*^\[\]])|(\*{1,3})|\^\[")


def parse(text: str) -> list[Span]:
    """Split a text into spans. Unbalanced `*` stay literal, as Markdown does."""
    spans: list[Span] = []
    stack: list[tuple[int, int]] = []  # (marker length, index in spans of the opener)
    buf: list[str] = []
    bold = italic = False
    pos = 0
    closers: dict[str, list[int]] | None = None
    brackets: dict[int, int] | None = None

    def flush() -> None:
        if buf:
            spans.append(Span("".join(buf), bold, italic))
            buf.clear()

    while pos < len(text):
        m = _TOKEN.search(text, pos)
        if not m:
            buf.append(text[pos:])
            break
        buf.append(text[pos:m.start()])
        pos = m.end()
        if m.group(1):
            buf.append(m.group(1))
            continue
        if m.group(2):
            stars = m.group(2)
            n = len(stars)
            prev = text[m.start() - 1] if m.start() > 0 else " "
            nxt = text[m.end()] if m.end() < len(text) else " "
            if closers is None:
                closers = _closers(text)
            if n == 3 and stack and stack[-1][0] in (1, 2) and not prev.isspace():
                # `*a***b**` (italic then bold, as Word files put them side by side): the first stars
                # close the open span, the others open the next one
                shut = stack.pop()[0]
                flush()
                bold, italic = bold != (shut == 2), italic != (shut == 1)
                rest = "*" * (3 - shut)
                if not nxt.isspace() and _has_closer(closers, m.end(), rest):
                    stack.append((len(rest), len(spans)))
                    bold, italic = bold != (shut == 1), italic != (shut == 2)
                else:
                    buf.append(rest)
                continue
            closing = stack and stack[-1][0] == n and not prev.isspace()
            opening = not nxt.isspace() and _has_closer(closers, m.end(), stars)
            if closing:
                flush()
                stack.pop()
                if n in (2, 3):
                    bold = not bold
                if n in (1, 3):
                    italic = not italic
            elif opening:
                flush()
                stack.append((n, len(spans)))
                if n in (2, 3):
                    bold = not bold
                if n in (1, 3):
                    italic = not italic
            else:
                buf.append(stars)
            continue
        # footnote ^[ … ] with nested brackets balanced
        if brackets is None:
            brackets = _brackets(text)
        close = brackets.get(pos - 1, -1)
        if close < 0:
            buf.append("^[")
            continue
        end = close + 1
        flush()
        note = text[pos:end - 1]
        spans.append(Span("", footnote=note))
        pos = end
    flush()
    return spans


def _brackets(text: str) -> dict[int, int]:
    """Each `[` → its matching `]` (nested pairs balanced, `\\x` skipped), in one pass: a
    footnote's end is then found at once, however many unclosed `^[` a text holds."""
    out: dict[int, int] = {}
    stack: list[int] = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            stack.append(i)
        elif c == "]" and stack:
            out[stack.pop()] = i
        i += 1
    return out


def _closers(text: str) -> dict[str, list[int]]:
    """For `*`, `**`, `***`: the sorted places where that marker could close a span (a run of
    exactly that many stars after a non-space: the last star of `**` does not close a `*`; a run
    of three closes a `*` or a `**` too, its other stars opening the next span). Made once per
    text, so that each opener is answered by a binary search instead of a scan of the rest."""
    out: dict[str, list[int]] = {"*": [], "**": [], "***": []}
    for run in re.finditer(r"\*+", text):
        idx = run.start()
        if idx == 0 or text[idx - 1].isspace():
            continue
        size = run.end() - idx
        if size <= 3:
            out["*" * size].append(idx)
        if size == 3:
            out["*"].append(idx)
            out["**"].append(idx)
    for places in out.values():
        places.sort()
    return out


def _has_closer(closers: dict[str, list[int]], start: int, stars: str) -> bool:
    """Is there a matching closing marker after `start` (preceded by a non-space)?"""
    places = closers[stars]
    return bisect.bisect_right(places, start) < len(places)


def plain(text: str) -> str:
    """The text as a reader sees it (markup removed, footnotes left out)."""
    return "".join(s.text for s in parse(text))


def _t(text: str) -> str:
    """`<w:t>` runs content: XML-escaped, line breaks as `<w:br/>`, tabs as `<w:tab/>`."""
    parts = []
    for i, line in enumerate(text.split("\n")):
        if i:
            parts.append("<w:br/>")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                parts.append("<w:tab/>")
            if chunk:
                parts.append(f'<w:t xml:space="preserve">{_html_escape(chunk, quote=False)}</w:t>')
    return "".join(parts)


def _run(text: str, bold: bool, italic: bool) -> str:
    if not text:
        return ""
    props = ("<w:b/><w:bCs/>" if bold else "") + ("<w:i/><w:iCs/>" if italic else "")
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{rpr}{_t(text)}</w:r>"


@dataclass
class Runs:
    """Run XML for one paragraph, usable as `{{r value }}` in a docxtpl template."""

    xml: str = ""
    footnotes: list[str] = field(default_factory=list)

    def add(self, text: str, bold: bool = False, italic: bool = False) -> Runs:
        self.xml += _run(text, bold, italic)
        return self

    def add_markup(self, text: str, bold: bool = False, italic: bool = False,
                   notes: FootnoteSink | None = None) -> Runs:
        """Append a marked-up text; `bold`/`italic` apply on top of the markup. The runs are
        joined once (appending to the string run by run would take quadratic time)."""
        parts = []
        for span in parse(text):
            if span.footnote is not None:
                parts.append(_run(f"^[{span.footnote}]", bold, italic) if notes is None
                             else notes.reference(span.footnote))
            else:
                parts.append(_run(span.text, bold != span.bold, italic != span.italic))
        self.xml += "".join(parts)
        return self

    @property
    def empty(self) -> bool:
        return not self.xml

    @property
    def text(self) -> str:
        """The text a reader sees (line breaks as "\\n", footnote marks left out)."""
        from html import unescape

        xml = self.xml.replace("<w:br/>", "<w:t>\n</w:t>")
        return unescape("".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml)))

    def __str__(self) -> str:
        return self.xml

    def __html__(self) -> str:
        return self.xml


class FootnoteSink:
    """Collects footnotes while a document is laid out; ids start at 1 (0 and -1 are separators)."""

    def __init__(self) -> None:
        self.notes: list[tuple[int, str]] = []

    def reference(self, note: str) -> str:
        note_id = len(self.notes) + 1
        self.notes.append((note_id, note))
        return (f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/><w:vertAlign w:val="superscript"/>'
                f'</w:rPr><w:footnoteReference w:id="{note_id}"/></w:r>')

    def footnote_xml(self, note_id: int, note: str) -> str:
        body = Runs().add_markup(note).xml
        return (f'<w:footnote w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
                f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/><w:vertAlign w:val="superscript"/>'
                f'</w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>{body}'
                f'</w:p></w:footnote>')
