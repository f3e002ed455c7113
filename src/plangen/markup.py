"""Inline markup of plan texts → WordprocessingML runs.

Authors write `*italic*`, `**bold**`, `***both***` and footnotes `^[text of the note]`; a
backslash keeps a character literal (`\\*`). A line break in a text is a line break in the
paragraph. Anything that is not markup is kept exactly, XML-escaped: nothing is dropped.
"""

from __future__ import annotations

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
            closing = stack and stack[-1][0] == n and not prev.isspace()
            opening = not nxt.isspace() and _has_closer(text, m.end(), stars)
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
        depth, end = 1, pos
        while end < len(text) and depth:
            if text[end] == "\\":
                end += 2
                continue
            depth += {"[": 1, "]": -1}.get(text[end], 0)
            end += 1
        if depth:
            buf.append("^[")
            continue
        flush()
        note = text[pos:end - 1]
        spans.append(Span("", footnote=note))
        pos = end
    flush()
    return spans


def _has_closer(text: str, start: int, stars: str) -> bool:
    """Is there a matching closing marker later (preceded by a non-space)?"""
    idx = text.find(stars, start)
    while idx != -1:
        if idx > start and not text[idx - 1].isspace():
            after = text[idx + len(stars): idx + len(stars) + 1]
            if after != "*":
                return True
        idx = text.find(stars, idx + 1)
    return False


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


@dataclass
class Runs:
    """Run XML for one paragraph, usable as `{{r value }}` in a docxtpl template."""

    xml: str = ""
    footnotes: list[str] = field(default_factory=list)

    def add(self, text: str, bold: bool = False, italic: bool = False) -> Runs:
        if text:
            props = ("<w:b/><w:bCs/>" if bold else "") + ("<w:i/><w:iCs/>" if italic else "")
            rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
            self.xml += f"<w:r>{rpr}{_t(text)}</w:r>"
        return self

    def add_markup(self, text: str, bold: bool = False, italic: bool = False,
                   notes: FootnoteSink | None = None) -> Runs:
        """Append a marked-up text; `bold`/`italic` apply on top of the markup."""
        for span in parse(text):
            if span.footnote is not None:
                if notes is None:
                    self.add(f"^[{span.footnote}]", bold, italic)
                else:
                    self.xml += notes.reference(span.footnote)
            else:
                self.add(span.text, bold != span.bold, italic != span.italic)
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
