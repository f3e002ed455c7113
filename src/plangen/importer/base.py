"""What every part of the importer shares: the recognised document, the review list, the plan's
year and date variables, and the way a source paragraph becomes plan text (markup, dates).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from plangen import vietnamese as vn
from plangen.i18n import _
from plangen.plan.vocabulary import SectionKind
from plangen.word.recognise import Node, Recognised, is_agency_heading, names_an_agency
from plangen.word.sources import Source
from plangen.word.wordfile import Para

KIND_ORDER = [k.value for k in SectionKind]


_LETTER = re.compile(r"^[a-zđ]{1,2}$")  # a point's letter as typed


def _title_end(r: Recognised) -> str:
    """The mark every stand-alone item title and agency name ends with ("." or ":"), if one; a
    title followed by its text on the same line ("**Title:** text") takes that mark too."""
    ends = set()
    split = False  # some title has its text on the same line: the mark there is ":"
    for section in r.sections:
        for node in section.walk():
            if node.kind != "item" or node.para is None:
                continue
            if _bold_title(node.para, node.text) is not None:
                split = True
            elif node.children and len(node.text) < 200 and (
                    not node.para.formatted or _all_bold(node.para) or is_agency_heading(node)):
                ends.add(node.text.rstrip()[-1:] if node.text.rstrip()[-1:] in ".:" else "")
    end = ends.pop() if len(ends) == 1 else ""
    return end if not split or end == ":" else ""


def _all_bold(p: Para) -> bool:
    """Every visible character bold (a title), not only most of them (an agency and a short task)."""
    if not p.runs:
        return p.bold
    return all(run.bold for run in p.runs if run.text.strip())


def _bold_prefix(p: Para | None, text: str) -> str | None:
    """The bold words at the start of a paragraph that is not bold as a whole."""
    if p is None or not p.formatted or not p.runs or _all_bold(p):
        return None
    joined = "".join(r.text for r in p.runs)
    start = joined.find(text[:40])
    if start < 0:
        return None
    bold = []
    pos = 0
    for run in p.runs:
        end = pos + len(run.text)
        if end <= start or not run.text:
            pos = end
            continue
        piece = run.text[max(0, start - pos):]
        if not run.bold:
            break
        bold.append(piece)
        pos = end
    head = "".join(bold)
    return head if head.strip() and len(head) < len(text) else None


def _bold_title(p: Para | None, text: str) -> tuple[str, str] | None:
    """"**Title:** text": a bold title ending with ":" followed by regular text."""
    head = _bold_prefix(p, text)
    if not head:
        return None
    stripped = head.rstrip()
    if not stripped.endswith(":") or names_an_agency(stripped):
        return None
    rest = text[len(head):].lstrip()
    title = stripped[:-1].strip()
    return (title, rest) if rest and title else None


@dataclass
class ReviewNote:
    """Something imported by a guess, to confirm: where it lands in the plan, and why."""

    path: tuple  # path of the value in the plan data
    message: str
    source: str = ""  # where in the source file: "line 12", "paragraph 40"
    line: int = 0  # line in the written YAML (set when written)


@dataclass
class Imported:
    data: dict[str, Any]
    review: list[ReviewNote] = field(default_factory=list)
    source: Source | None = None


_MARKUP_CHARS = re.compile(r"([\\*\[\]^])")


def escape(text: str) -> str:
    """Plain text as a plan text: markup characters and Jinja delimiters kept literal."""
    text = _MARKUP_CHARS.sub(r"\\\1", text) if re.search(r"[\\*^]|\^\[", text) else text
    return _escape_jinja(text)


def literal(text: str) -> str:
    """Plain text for a field printed without markup (header, recipients, signature): only the
    `{{ … }}` delimiters are kept literal, as every text of a plan is a template."""
    return _escape_jinja(text)


def _escape_jinja(text: str) -> str:
    if "{" not in text:
        return text
    return re.sub(r"\{[{%#]", lambda m: "{{ '" + m.group(0) + "' }}", text)


def markup(p: Para | None, text: str, base_bold: bool | None = None) -> str:
    """`text`, a part of the paragraph's text (its end, after the label, or a title before the
    plan's title end), with its bold and italic spans and its footnotes as markup."""
    if p is None or not p.runs or not text.strip():
        return escape(text)
    joined = "".join(r.text for r in p.runs)
    shown = joined.rstrip()
    if shown.endswith(text):
        start = len(shown) - len(text)
    else:
        start = joined.find(text)
        if start < 0:
            return escape(text)
    stop = start + len(text)
    # the end mark a field leaves to the layout ("Căn cứ …;" → "…"): a note after it is the text's
    tail_only = not joined[stop:].strip(" \t;.,:")
    bold_base = _all_bold(p) if base_bold is None else base_bold
    italic_base = all(run.italic for run in p.runs if run.text.strip())
    pieces: list[tuple[str, bool, bool, str | None]] = []
    pos = 0
    for run in p.runs:
        end = pos + len(run.text)
        if run.note is not None:
            if start <= pos <= stop or (tail_only and pos > stop):
                pieces.append(("", False, False, run.note))
            continue
        if end > start and pos < stop:
            piece = run.text[max(0, start - pos):stop - pos]
            pieces.append((piece, run.bold and not bold_base, run.italic and not italic_base, None))
        pos = end
    out: list[str] = []
    for piece, bold, italic, note in _merge(pieces):
        if note is not None:
            out.append("^[" + _escape_jinja(_MARKUP_CHARS.sub(r"\\\1", note)) + "]")  # `[2]` in a note stays in it
            continue
        lead = piece[:len(piece) - len(piece.lstrip())]
        trail = piece[len(piece.rstrip()):]
        core = piece.strip()
        mark = ("**" if bold else "") + ("*" if italic else "")
        if core and mark:
            out.append(f"{lead}{mark}{escape(core)}{mark[::-1]}{trail}")
        else:
            out.append(escape(piece))
    return "".join(out)


def _merge(pieces: list[tuple[str, bool, bool, str | None]]) -> list[tuple[str, bool, bool, str | None]]:
    out: list[tuple[str, bool, bool, str | None]] = []
    for piece in pieces:
        if out and piece[3] is None and out[-1][3] is None and out[-1][1:3] == piece[1:3]:
            out[-1] = (out[-1][0] + piece[0], *piece[1:])
        elif piece[0] or piece[3] is not None:
            out.append(piece)
    return out


_EVENT_YEAR = re.compile(r"(năm)\s+(\d{4})(?![\d/])")

_NOTE_MARK = re.compile(r"(?<=.)\[\^?(\d{1,3})\]")
"""A note's mark in running text (not opening it), as a web page prints it: `tỉnh[1]`, `đồng [1]`."""
_NOTE_TEXT = re.compile(r"^\s*\[\^?(\d{1,3})\]:?(?:\s|$)")
"""A paragraph that is a note's text: `[1] Trong đó: …`, `[^1]: …`."""


def note_marks(paras: list[Para]) -> dict[str, int]:
    """Each note number marked in running text → the index of the first paragraph marking it."""
    out: dict[str, int] = {}
    for p in paras:
        for m in _NOTE_MARK.finditer(p.text.lstrip()):
            out.setdefault(m.group(1), p.index)
    return out


def _plain(text: str) -> str:
    from plangen.plan.markup import plain

    return " ".join(plain(text).split())


def _resolve(data: Any, path: tuple) -> tuple[Any, Any]:
    holder = data
    for key in path[:-1]:
        holder = holder[key]
    return holder, path[-1]


def _same_line(a: str, b: str) -> bool:
    return " ".join(a.replace("\u00a0", " ").split()) == " ".join(b.replace("\u00a0", " ").split())


class Context:
    """The shared state and helpers of the parts (each part is a mixin of `reader._Importer`)."""

    def __init__(self, r: Recognised, source: Source, drafting: bool = False):
        self.r = r
        self.source = source
        self.drafting = drafting  # for next year's draft: the year and dates as variables, to roll forward
        self.review: list[ReviewNote] = []
        self.year = 0
        self.variables: dict[str, str] = {}
        self.date_names: dict[str, str] = {}  # date as written → variable name
        self.title_end = _title_end(r)
        self.task_tables: list[tuple[Node, tuple]] = []
        self.marks_noted: set[str] = set()
        self._note_marks: dict[str, int] | None = None
        self.number_line_unprinted: Para | None = None  # a number left blank, filled in from a record

    def note(self, path: tuple, message: str, p: Para | None = None) -> None:
        self.review.append(ReviewNote(path, message, self.where(p)))

    def where(self, p: Para | None) -> str:
        if p is None:
            return ""
        return (_("line {n}") if self.source.kind in ("text", "pdf") else _("paragraph {n}")).format(n=p.index)

    def note_number(self, p: Para | None) -> str | None:
        """The number of the note whose text `p` is (`[1] …` after a `…[1]` earlier), else None."""
        m = _NOTE_TEXT.match(p.text) if p is not None else None
        if m is None:
            return None
        if self._note_marks is None:
            self._note_marks = note_marks(self.source.paragraphs)
        marked = self._note_marks.get(m.group(1))
        return m.group(1) if marked is not None and marked < p.index else None

    def _note_kept(self, p: Para | None, text: str, path: tuple) -> None:
        """A note's text (a footnote of the document, printed where the page has it): kept as written
        in the body, where every reader sees it; the clerk may make it a Word footnote."""
        number = self.note_number(p) if text.lstrip().startswith("[") else None
        if number is not None:
            self.note(path, _("the note [{n}] of the source is kept as written, as a paragraph where the source "
                              "has it (its mark [{n}] stays in the text); to make it a Word footnote, write its "
                              "text at the mark as ^[…] and remove this paragraph").format(n=number), p)

    def text(self, p: Para | None, text: str, path: tuple, base_bold: bool | None = None,
             own_year: bool = False) -> str:
        """A text of the plan, its bold and italic as markup; the rest as the document writes it.
        Only for next year's draft (`drafting`), which rolls them forward, do the plan's own dates
        become variables and the plan year {{ year }} (always in the summary, `own_year`; elsewhere
        where the wording makes it the plan's), and a year left literal is asked about."""
        self._note_kept(p, text, path)
        out = markup(p, text, base_bold)
        if not self.drafting:
            return out
        out = self._dates_to_variables(out)
        out = _EVENT_YEAR.sub(lambda m: self._year(m, out, own_year), out)
        outside = re.sub(r"\{\{.*?\}\}", "", out)
        if re.search(rf"(?<![\d/]){self.year}(?![\d/])", outside):
            self.note(path, _("this text writes {year} literally: is it the plan's year (then use "
                              "{{{{ year }}}}) or another document's?").format(year=self.year), p)
        return out

    def _year(self, m: re.Match, text: str, own_year: bool) -> str:
        """"năm 2025" of the plan's own year after an event's name or in "trong năm", else kept."""
        if int(m.group(2)) != self.year:
            return m.group(0)
        before = text[max(0, m.start() - 12):m.start()]
        if own_year or re.search(r"(”|\"|trong|của|cả|kế hoạch|Kế hoạch)\s*$", before):
            return f"{m.group(1)} {{{{ year }}}}"
        return m.group(0)

    def _dates_to_variables(self, text: str) -> str:
        from plangen.check.view import deadlines_in

        found = [(day, written, at) for day, written, at in deadlines_in(text)
                 if day is not None and written == vn.date_numeric(day)]
        for day, written, at in reversed(found):
            before = text[max(0, at - 40):at]
            if "{{" in before and "}}" not in before:
                continue
            name = self.date_names.get(written)
            if name is None:
                base = "han_bao_cao" if "báo cáo" in text[max(0, at - 200):at] else (
                    "tu_ngay" if re.search(r"từ\s*(ngày\s*)?$", before) else (
                        "den_ngay" if re.search(r"(đến|-|–)\s*(ngày\s*)?$", before) else "han"))
                name = base
                n = 2
                while name in self.variables:
                    name = f"{base}_{n}"
                    n += 1
                self.variables[name] = vn.date_numeric(day)
                self.date_names[written] = name
            text = f"{text[:at]}{{{{ {name} | dmy }}}}{text[at + len(written):]}"
        return text

    def shown(self, text: str) -> str:
        """A text of the plan as printed: markup off, the date variables this import made put back."""
        def value(m: re.Match) -> str:
            return self.variables.get(m.group(1), m.group(0)) if m.group(2) == "dmy" else (
                str(self.year) if m.group(1) == "year" else m.group(0))

        return _plain(re.sub(r"\{\{ (\w+)(?: \| (\w+))? \}\}", value, text))
