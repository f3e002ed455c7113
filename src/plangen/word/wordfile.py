"""Read any .docx as a reader sees it: paragraphs with their visible text and effective format.

Word files written by hand differ from ours: numbering produced by Word (numPr: the label is
computed here as Word would show it), header and signature laid out in tables, direct formatting
instead of styles, tracked changes (insertions kept, deletions dropped), empty paragraphs. This
module turns all of that into a flat list of `Para` and the page setup of each section.

Over 500 lines on purpose: numbering, styles, runs, tables and text boxes are read in one walk of
the document XML, each needing the styles and numbering state the walk keeps.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from lxml import etree

from plangen import vietnamese as vn

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


@functools.cache
def q(tag: str) -> str:
    """The element name in Word's main namespace (cached: called for every element read)."""
    return f"{{{W}}}{tag}"


class NotAWordFile(Exception):
    """The file is not a readable .docx (not a zip, no document part, broken XML)."""


@dataclass(frozen=True)
class Run:
    """A stretch of text with one look, or a footnote reference (`note` holds the note's text)."""

    text: str
    bold: bool = False
    italic: bool = False
    note: str | None = None
    size: float | None = None  # points: check reads the size of each line (a recipient)


@dataclass
class Para:
    """One paragraph as displayed. Readers of plain text and PDF make these too (with the
    formatting left unknown), so that one recogniser serves every kind of file."""

    index: int  # 1-based position among all paragraphs (tables included); the line in a text file
    text: str  # visible text, with the automatic numbering label in front
    label: str = ""  # the automatic numbering label ("" when typed by hand or none)
    style: str = ""  # style name
    in_table: bool = False
    table: int = 0  # 0 outside tables, else 1-based table number
    cell: int = 0  # 0 outside tables, else 1-based cell index within the table
    font: str | None = None  # the font of most characters
    size: float | None = None  # points, of most characters
    bold: bool = False  # most characters bold
    italic: bool = False
    align: str | None = None  # left, center, right, both
    first_indent_cm: float | None = None
    runs: tuple[Run, ...] = ()  # the text after the label, piece by piece with its look
    row: int = 0  # within a table: 1-based row
    column: int = 0  # within a table: 1-based cell of the row
    page_section: int = 0  # 0-based Word section (page setup) the paragraph is in
    colspan: int = 1  # within a table: grid columns its cell spans
    vmerge: str = ""  # within a table: "restart"/"continue" when its cell is merged vertically
    formatted: bool = True  # False for text and PDF: bold, italic, alignment are unknown
    new_page: bool = False  # starts a page: a page break before it (typed or "page break before")

    @property
    def words(self) -> str:
        """First words, to show the user which paragraph is meant."""
        text = " ".join(self.text.split())
        return text if len(text) <= 60 else text[:57] + "…"


@dataclass
class PageSetup:
    width_mm: float
    height_mm: float
    top_mm: float
    bottom_mm: float
    left_mm: float
    right_mm: float
    title_page: bool  # a different first-page header
    first_header_has_page: bool
    header_has_page: bool
    own_header: bool = True  # False: no default header of its own, the previous section's shows
    sized: bool = True  # False: the section names no page size (Word then uses its own default)
    page_start: int | None = None  # numbering restarts at this number (pgNumType start)


@dataclass
class WordDocument:
    path: str
    paragraphs: list[Para] = field(default_factory=list)
    sections: list[PageSetup] = field(default_factory=list)
    pages: int | None = None  # as Word counted them when it last saved the file (docProps/app.xml)


# --- styles ------------------------------------------------------------------------------

@dataclass
class _Fmt:
    font: str | None = None
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    align: str | None = None
    first_indent: int | None = None  # twips
    num: tuple[str, int] | None = None  # (numId, ilvl)
    caps: bool | None = None  # shown in capitals (w:caps): "Đảng uỷ xã …" typed, "ĐẢNG UỶ XÃ …" seen

    def over(self, base: _Fmt) -> _Fmt:
        """self on top of base (written out: called for every run of the document)."""
        return _Fmt(
            base.font if self.font is None else self.font,
            base.size if self.size is None else self.size,
            base.bold if self.bold is None else self.bold,
            base.italic if self.italic is None else self.italic,
            base.align if self.align is None else self.align,
            base.first_indent if self.first_indent is None else self.first_indent,
            base.num if self.num is None else self.num,
            base.caps if self.caps is None else self.caps)


def _on(el: etree._Element | None) -> bool | None:
    if el is None:
        return None
    return el.get(q("val"), "true") not in ("0", "false", "off")


_RFONTS, _SZ, _B, _I, _CAPS = q("rFonts"), q("sz"), q("b"), q("i"), q("caps")
_FONT_ATTRIBUTES = (q("ascii"), q("hAnsi"), q("cs"))


def _rpr_fmt(rpr: etree._Element | None) -> _Fmt:
    if rpr is None:
        return _Fmt()
    font = size = bold = italic = caps = None
    seen: set[str] = set()
    for child in rpr:  # one pass (the first of each, as `find` would take): read for every run
        tag = child.tag
        if tag in seen:
            continue
        seen.add(tag)
        if tag == _RFONTS:
            font = next((child.get(a) for a in _FONT_ATTRIBUTES if child.get(a)), None)
        elif tag == _SZ:
            half_points = _int(child.get(q("val")))
            size = half_points / 2 if half_points is not None and 0 < half_points <= 3276 else None
        elif tag == _B:
            bold = _on(child)
        elif tag == _I:
            italic = _on(child)
        elif tag == _CAPS:
            caps = _on(child)
    return _Fmt(font=font, size=size, bold=bold, italic=italic, caps=caps)


def _ppr_fmt(ppr: etree._Element | None, mark: bool = True) -> _Fmt:
    """A paragraph's own properties; with `mark`, the paragraph mark's run properties under them
    (they format the mark only: Word does not apply them to the paragraph's runs)."""
    if ppr is None:
        return _Fmt()
    jc = ppr.find(q("jc"))
    ind = ppr.find(q("ind"))
    first = None
    if ind is not None:
        if ind.get(q("firstLine")) is not None:
            first = _int(ind.get(q("firstLine")))
        elif ind.get(q("hanging")) is not None:
            first = -(_int(ind.get(q("hanging"))) or 0)
    num = None
    numpr = ppr.find(q("numPr"))
    if numpr is not None:
        num_id = numpr.find(q("numId"))
        ilvl = numpr.find(q("ilvl"))
        if num_id is not None:
            num = (num_id.get(q("val"), "0"), _int(ilvl.get(q("val"))) if ilvl is not None else 0)
    align = jc.get(q("val")) if jc is not None else None
    if align in ("start", "justify"):
        align = {"start": "left", "justify": "both"}[align]
    fmt = _Fmt(align=align, first_indent=first, num=num)
    return fmt.over(_rpr_fmt(ppr.find(q("rPr")))) if mark else fmt


def _int(value: str | None) -> int | None:
    """A whole number of an attribute, None when absent or not a sane number ("1e999", "²")."""
    try:
        number = float(value) if value is not None else None
    except ValueError:
        return None
    if number is None or number != number or abs(number) > 10**9:
        return None
    return int(number)


def _start(value: str | None) -> int:
    """A list's first number: Word's default, 1, when absent or not a usable number ("abc",
    "1e999", more than Word's 32767: Word itself refuses such a file)."""
    number = _int(value)
    return number if number is not None and 0 <= number <= 32767 else 1


class _Styles:
    def __init__(self, xml: bytes | None):
        self.by_id: dict[str, etree._Element] = {}
        self.names: dict[str, str] = {}
        self.default_para = None
        self.defaults = _Fmt()
        if not xml:
            return
        from plangen.word.safezip import parse_xml

        root = parse_xml(xml)
        defaults = root.find(q("docDefaults"))
        if defaults is not None:
            rpr = defaults.find(f"{q('rPrDefault')}/{q('rPr')}")
            ppr = defaults.find(f"{q('pPrDefault')}/{q('pPr')}")
            self.defaults = _rpr_fmt(rpr).over(_ppr_fmt(ppr))
        for style in root.iter(q("style")):
            sid = style.get(q("styleId"))
            if not sid:
                continue
            self.by_id[sid] = style
            name = style.find(q("name"))
            self.names[sid] = name.get(q("val")) if name is not None else sid
            if style.get(q("type")) == "paragraph" and style.get(q("default")) in ("1", "true"):
                self.default_para = sid
        self._cache: dict[str, _Fmt] = {}

    def fmt(self, sid: str | None, depth: int = 0) -> _Fmt:
        sid = sid or self.default_para
        if not sid or sid not in self.by_id or depth > 20:
            return self.defaults
        if sid in self._cache:
            return self._cache[sid]
        style = self.by_id[sid]
        rpr_fmt = _rpr_fmt(style.find(q("rPr")))
        ppr_fmt = _ppr_fmt(style.find(q("pPr")))
        own = _Fmt(rpr_fmt.font, rpr_fmt.size, rpr_fmt.bold, rpr_fmt.italic, ppr_fmt.align,
                   ppr_fmt.first_indent, ppr_fmt.num, rpr_fmt.caps)
        based = style.find(q("basedOn"))
        base = self.fmt(based.get(q("val")), depth + 1) if based is not None else self.defaults
        result = own.over(base)
        self._cache[sid] = result
        return result

    def breaks_page(self, sid: str | None) -> bool:
        """Does the paragraph style (or the one it is based on) start a new page?"""
        sid = sid or self.default_para
        for _depth in range(20):
            style = self.by_id.get(sid or "")
            if style is None:
                return False
            found = style.find(f"{q('pPr')}/{q('pageBreakBefore')}")
            if found is not None:
                return bool(_on(found))
            based = style.find(q("basedOn"))
            sid = based.get(q("val")) if based is not None else None
        return False

    def name(self, sid: str | None) -> str:
        sid = sid or self.default_para
        return self.names.get(sid or "", sid or "")


# --- numbering -----------------------------------------------------------------------------

@dataclass
class _Level:
    fmt: str
    text: str
    start: int


class _Numbering:
    """Word's automatic numbering: the label each numbered paragraph shows."""

    def __init__(self, xml: bytes | None):
        self.levels: dict[str, dict[int, _Level]] = {}
        self.counters: dict[str, list[int]] = {}
        if not xml:
            return
        from plangen.word.safezip import parse_xml

        root = parse_xml(xml)
        abstract: dict[str, dict[int, _Level]] = {}
        for an in root.findall(q("abstractNum")):
            abstract[an.get(q("abstractNumId"))] = self._levels(an)
        for num in root.findall(q("num")):
            ref = num.find(q("abstractNumId"))
            if ref is None:
                continue
            levels = dict(abstract.get(ref.get(q("val")), {}))
            for override in num.findall(q("lvlOverride")):
                ilvl = _int(override.get(q("ilvl"))) or 0
                lvl = override.find(q("lvl"))
                if lvl is not None:
                    levels.update(self._levels_from([lvl]))
                start = override.find(q("startOverride"))
                if start is not None and ilvl in levels:
                    old = levels[ilvl]
                    levels[ilvl] = _Level(old.fmt, old.text, _start(start.get(q("val"))))
            self.levels[num.get(q("numId"))] = levels

    def _levels(self, el: etree._Element) -> dict[int, _Level]:
        return self._levels_from(el.findall(q("lvl")))

    @staticmethod
    def _levels_from(lvls: list) -> dict[int, _Level]:
        out = {}
        for lvl in lvls:
            ilvl = _int(lvl.get(q("ilvl"))) or 0
            fmt = lvl.find(q("numFmt"))
            text = lvl.find(q("lvlText"))
            start = lvl.find(q("start"))
            out[ilvl] = _Level(fmt.get(q("val"), "decimal") if fmt is not None else "decimal",
                               text.get(q("val"), "") if text is not None else "",
                               _start(start.get(q("val")) if start is not None else None))
        return out

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or num_id == "0" or ilvl not in levels or not 0 <= ilvl <= 8:  # Word has 9 levels
            return ""
        counters = self.counters.setdefault(num_id, [0] * 10)
        for deeper in range(ilvl + 1, 10):
            counters[deeper] = 0
        if counters[ilvl] == 0:
            counters[ilvl] = levels[ilvl].start
        else:
            counters[ilvl] += 1
        level = levels[ilvl]
        if level.fmt == "bullet":  # "+" is the second level of Vietnamese plans' bullets
            return "-" if level.text in ("-", "–", "", "\uf02d") else "+" if level.text == "+" else "•"

        def repl(m: re.Match) -> str:
            i = int(m.group(1)) - 1
            if not 0 <= i <= 8:
                return m.group(0)
            lv = levels.get(i, level)
            return _format_number(counters[i] or lv.start, lv.fmt)

        return re.sub(r"%(\d)", repl, level.text[:64])


MAX_LETTER_REPEAT = 30  # "aa", "aaa"… Word repeats letters past z; past this, the number is shown


def _format_number(n: int, fmt: str) -> str:
    """A list label's number as Word shows it, in bounded work for any start value."""
    if fmt in ("upperRoman", "lowerRoman"):
        if not 0 < n <= 3999:  # no Roman numeral: the number itself
            return str(n)
        return vn.roman(n) if fmt == "upperRoman" else vn.roman(n).lower()
    if fmt in ("lowerLetter", "upperLetter") and not 0 < n <= 26 * MAX_LETTER_REPEAT:
        return str(n)
    if fmt in ("lowerLetter", "upperLetter"):
        letter = "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26] * ((n - 1) // 26 + 1) if n > 0 else ""
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


# --- reading -------------------------------------------------------------------------------

def _part_paths(xml: bytes | None) -> dict[str, str]:
    """Relationship id → part path, for the main document."""
    from plangen.word.safezip import parse_xml

    if not xml:
        return {}
    rels = parse_xml(xml)
    out = {}
    for rel in rels.findall(f"{{{PKG_REL}}}Relationship"):
        target = rel.get("Target", "")
        out[rel.get("Id")] = target.lstrip("/") if target.startswith("/") else f"word/{target}"
    return out


def _has_page_field(xml: bytes) -> bool:
    return b"PAGE" in xml and (b"fldSimple" in xml or b"instrText" in xml)


@dataclass(frozen=True)
class PlacedParagraph:
    """A `w:p` element and where it stands: outside tables (table 0) or in a table's cell."""

    element: etree._Element
    table: int  # 0 outside tables, else 1-based table number in document order
    row: int  # 1-based row within the table (0 outside)
    column: int  # 1-based cell within the row (0 outside)
    cell: int  # 1-based cell index within the whole table (0 outside)
    colspan: int = 1  # grid columns the cell spans (gridSpan)
    vmerge: str = ""  # "restart" or "continue" for a cell merged with the ones below/above


_CONTAINERS = {q("tr"), q("sdt"), q("sdtContent"), q("ins"), q("customXml"), q("smartTag"), q("moveTo")}


def _cell_merge(cell: etree._Element) -> tuple[int, str]:
    """(grid columns spanned, vertical merge: "", "restart" or "continue") of a table cell."""
    props = cell.find(q("tcPr"))
    if props is None:
        return 1, ""
    span = props.find(q("gridSpan"))
    vmerge = props.find(q("vMerge"))
    columns = max(1, min(_int(span.get(q("val"))) or 1, 64)) if span is not None else 1
    merge = "" if vmerge is None else ("restart" if vmerge.get(q("val")) == "restart" else "continue")
    return columns, merge


_TEXT_BOX = q("txbxContent")
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _text_boxes(p: etree._Element) -> list[etree._Element]:
    """The text boxes anchored in a paragraph (a header or a signature typed in a shape), each
    once: Word writes a box twice, as a drawing and as its VML fallback, and a box inside another
    box is read with that box."""
    boxes = []
    for box in p.iter(_TEXT_BOX):
        ancestor = box.getparent()
        while ancestor is not None and ancestor is not p and ancestor.tag not in (_FALLBACK, _TEXT_BOX):
            ancestor = ancestor.getparent()
        if ancestor is p or (ancestor is not None and ancestor.tag == _FALLBACK and not _chosen_has_box(ancestor)):
            boxes.append(box)
    return boxes


def _chosen_has_box(fallback: etree._Element) -> bool:
    """The drawing Word chose (beside this fallback) holds the text boxes itself."""
    alternatives = fallback.getparent()
    return alternatives is not None and any(
        next(choice.iter(_TEXT_BOX), None) is not None for choice in alternatives if choice is not fallback)


def iter_paragraphs(body: etree._Element) -> Iterator[PlacedParagraph]:
    """The body's paragraphs in reading order, tables cell by cell, a text box's paragraphs after
    the paragraph it is anchored in: the one walk every reader of a .docx uses (check, import,
    annotate), so that paragraph numbers mean the same everywhere. Deleted text (tracked `w:del`,
    `w:moveFrom`) is not entered."""
    tables = 0

    def walk(el: etree._Element, table: int, place: list[int]) -> Iterator[PlacedParagraph]:
        nonlocal tables
        for child in el:
            tag = child.tag
            if tag == q("p"):
                yield PlacedParagraph(child, table, *place) if table else PlacedParagraph(child, 0, 0, 0, 0)
                for box in _text_boxes(child):
                    yield from walk(box, table, place)
            elif tag == q("tbl"):
                tables += 1
                yield from walk(child, tables, [0, 0, 0, 1, ""])
            elif tag == q("tr") and table:
                place[0] += 1
                place[1] = 0
                yield from walk(child, table, place)
            elif tag == q("tc"):
                place[1] += 1
                place[2] += 1
                place[3], place[4] = _cell_merge(child)
                yield from walk(child, table, place)
            elif tag in _CONTAINERS:
                yield from walk(child, table, place)

    yield from walk(body, 0, [0, 0, 0])


MAX_PARAGRAPHS = 50_000
"""Paragraphs of a Word file read (a 100-page plan has about 3,000; 1.9 million empty ones fit in
a 350 KB file): counted before the document is parsed, so that no file costs minutes."""
MAX_CELLS = 50_000
"""Table cells of a Word file read (a plan's largest appendix has a few thousand)."""
_PARAGRAPH_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?p[\s/>]")
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?tc[\s/>]")


def _bounded(document: bytes) -> None:
    """NotAWordFile when the document holds more paragraphs or cells than any plan (counted in
    its text, at a few milliseconds per megabyte: an upper bound, never fewer than there are)."""
    from plangen.i18n import _

    for tag, limit, message in (
            (_PARAGRAPH_TAG, MAX_PARAGRAPHS, _("it holds more than {n} paragraphs; a plan has a few thousand at most")),
            (_CELL_TAG, MAX_CELLS, _("it holds more than {n} table cells; a plan has a few thousand at most"))):
        for count, _found in enumerate(tag.finditer(document), start=1):
            if count > limit:
                raise NotAWordFile(message.format(n=f"{limit:,}"))


def read(path: str | Path, data: bytes | None = None) -> WordDocument:
    """Read a .docx (a file of at most `files.INPUT_BYTES`; `data`: its bytes, already read);
    NotAWordFile when it cannot be read."""
    import io

    from plangen.files import read_input
    from plangen.i18n import _
    from plangen.word.safezip import SafeZip, UnsafeArchive, parse_xml

    if data is None:
        data = read_input(path, kind=_("a Word file of a plan"))
    try:
        with SafeZip(io.BytesIO(data)) as zf:
            document = zf.read("word/document.xml")
            _bounded(document)
            styles = zf.maybe("word/styles.xml")
            numbering = zf.maybe("word/numbering.xml")
            footnotes = zf.maybe("word/footnotes.xml")
            endnotes = zf.maybe("word/endnotes.xml")
            parts = _part_paths(zf.maybe("word/_rels/document.xml.rels"))
            headers = {rid: zf.maybe(target) for rid, target in parts.items() if "header" in target}
            app = zf.maybe("docProps/app.xml")
        root = parse_xml(document)
        style_table = _Styles(styles)
        numbers = _Numbering(numbering)
        notes = _footnotes(footnotes) | _footnotes(endnotes, "endnote")
    except KeyError:
        raise NotAWordFile(_("it has no document part (word/document.xml): it is no Word document")) from None
    except UnsafeArchive as exc:
        raise NotAWordFile(str(exc)) from exc
    except (etree.XMLSyntaxError, ValueError, OSError) as exc:
        raise NotAWordFile(_("a part of the file is damaged ({detail})").format(detail=exc)) from exc
    doc = WordDocument(str(path))
    body = root.find(q("body"))
    if body is None:
        raise NotAWordFile(_("it has no document body"))
    broken = False  # the paragraph before ended with a page break
    for index, placed in enumerate(iter_paragraphs(body), start=1):
        para = _para(placed.element, index, style_table, numbers, placed.table, placed.cell, notes)
        para.row, para.column, para.page_section = placed.row, placed.column, len(doc.sections)
        para.colspan, para.vmerge = placed.colspan, placed.vmerge
        before, after = _page_breaks(placed.element, style_table)
        para.new_page = broken or before
        broken = after or (broken and not para.text.strip())
        doc.paragraphs.append(para)
        sect = placed.element.find(f"{q('pPr')}/{q('sectPr')}")
        if sect is not None:
            doc.sections.append(_page(sect, headers))
    final = body.find(q("sectPr"))
    if final is not None:
        doc.sections.append(_page(final, headers))
    _inherit_headers(doc.sections)
    doc.pages = _pages(app)
    return doc


_BR, _TYPE, _TEXT = q("br"), q("type"), q("t")


def _page_breaks(p: etree._Element, styles: _Styles) -> tuple[bool, bool]:
    """(a page starts at this paragraph, a page starts after it): "page break before" in its
    format or style, or a typed page break (Ctrl+Enter) before or after all its text."""
    ppr = p.find(q("pPr"))
    before = _on(ppr.find(q("pageBreakBefore"))) if ppr is not None else None
    if before is None:
        style = ppr.find(q("pStyle")) if ppr is not None else None
        before = styles.breaks_page(style.get(q("val")) if style is not None else None)
    if not any(br.get(_TYPE) == "page" for br in p.iter(_BR)):
        return bool(before), False
    # in document order: a break before the first text starts this page, one after the last the next
    seen_text = after = False
    starts = bool(before)
    for el in p.iter(_BR, _TEXT):
        if el.tag == _TEXT:
            if (el.text or "").strip():
                seen_text, after = True, False
        elif el.get(_TYPE) == "page":
            starts |= not seen_text
            after = seen_text or after
    return starts, after or not seen_text


def _page(sect: etree._Element, headers: dict[str, bytes | None]) -> PageSetup:
    size = sect.find(q("pgSz"))
    mar = sect.find(q("pgMar"))

    def tw(el: etree._Element | None, attr: str, default: int) -> float:
        value = _int(el.get(q(attr))) if el is not None else None
        return (value if value is not None else default) / 1440 * 25.4

    refs = {ref.get(q("type"), "default"): headers.get(ref.get(f"{{{R}}}id"))
            for ref in sect.findall(q("headerReference"))}
    title_page = _on(sect.find(q("titlePg"))) or False
    numbering = sect.find(q("pgNumType"))
    start = _int(numbering.get(q("start"))) if numbering is not None else None
    return PageSetup(
        width_mm=tw(size, "w", 12240), height_mm=tw(size, "h", 15840),
        top_mm=tw(mar, "top", 1440), bottom_mm=tw(mar, "bottom", 1440),
        # the gutter is bound with the left margin: the reader sees both as the left margin
        left_mm=tw(mar, "left", 1800) + tw(mar, "gutter", 0), right_mm=tw(mar, "right", 1800),
        title_page=title_page,
        first_header_has_page=_has_page_field(refs.get("first") or b"") if title_page
        else _has_page_field(refs.get("default") or b""),
        header_has_page=_has_page_field(refs.get("default") or b""),
        own_header="default" in refs, page_start=start, sized=size is not None and size.get(q("w")) is not None,
    )


def _inherit_headers(sections: list[PageSetup]) -> None:
    """A section without a header of its own shows the previous section's (as Word does)."""
    for before, page in pairwise(sections):
        if not page.own_header:
            page.header_has_page = before.header_has_page
            if not page.title_page:
                page.first_header_has_page = before.header_has_page


def _pages(xml: bytes | None) -> int | None:
    """The page count Word (or LibreOffice) recorded in docProps/app.xml; None when absent, or
    when the counts were never made (no words counted: a file written by a library from a
    template keeps the template's figures)."""
    if not xml:
        return None
    pages = re.search(rb"<(?:\w+:)?Pages>\s*(\d{1,6})\s*</", xml[:20000])
    words = re.search(rb"<(?:\w+:)?Words>\s*(\d{1,9})\s*</", xml[:20000])
    return int(pages.group(1)) if pages and words and int(words.group(1)) > 0 else None


_SKIP = {q("del"), q("moveFrom"), q("delText")}


_SYMBOLS = {0xF0B7: "•", 0xF0A7: "▪", 0xF0D8: "➢", 0xF0FC: "✓", 0xF02D: "-", 0xF0A8: "◦"}
"""Characters of the Symbol and Wingdings fonts that plans use as bullets (`w:sym`), as text."""


def _symbol(code: str) -> str:
    """The text of a `w:sym` (a character of a symbol font, given by its code)."""
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    if value in _SYMBOLS:
        return _SYMBOLS[value]
    return chr(value) if 0x20 <= value < 0xD800 or 0xE000 <= value <= 0xFFFD else ""


def _footnotes(xml: bytes | None, kind: str = "footnote") -> dict[str, str]:
    """Note id → its text (the separators Word keeps as notes left out); endnotes are keyed
    `e<id>`: plangen prints every note as a footnote, so an endnote's text is kept as one."""
    if not xml:
        return {}
    from plangen.word.safezip import parse_xml

    root = parse_xml(xml)
    out = {}
    for note in root.findall(q(kind)):
        if note.get(q("type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        paras = ["".join(t.text or "" for t in p.iter(q("t"))) for p in note.iter(q("p"))]
        key = note.get(q("id"), "")
        out[key if kind == "footnote" else f"e{key}"] = " ".join(x.strip() for x in paras if x.strip())
    return out


_T, _RUN, _RPR, _RSTYLE = q("t"), q("r"), q("rPr"), q("rStyle")
_RUN_HOLDERS = frozenset(q(tag) for tag in (
    "hyperlink", "ins", "smartTag", "customXml", "sdt", "sdtContent", "fldSimple", "moveTo"))
"""The elements whose runs are the paragraph's text (deleted text, `w:del`, is not among them)."""
_MARKS = {q("tab"): "\t", q("ptab"): "\t", q("br"): "\n", q("cr"): "\n", q("noBreakHyphen"): "-"}
"""The run elements that stand for one character."""


def _para(p: etree._Element, index: int, styles: _Styles, numbers: _Numbering,
          table: int, cell: int, notes: dict[str, str] | None = None) -> Para:
    ppr = p.find(q("pPr"))
    style_el = ppr.find(q("pStyle")) if ppr is not None else None
    sid = style_el.get(q("val")) if style_el is not None else None
    style = styles.fmt(sid)
    if ppr is not None:
        own = _ppr_fmt(ppr, mark=False)
        base = own.over(_rpr_fmt(ppr.find(q("rPr")))).over(style)  # as _ppr_fmt(ppr) with the mark
        run_base = own.over(style)
    else:
        base = run_base = style
    texts: list[str] = []
    pieces: list[Run] = []
    weights: dict[str, dict] = {"font": {}, "size": {}, "bold": {}, "italic": {}}

    def runs(el: etree._Element) -> None:
        for child in el:
            if child.tag in _SKIP:
                continue
            if child.tag == _RUN:
                rpr = child.find(_RPR)
                fmt = _rpr_fmt(rpr)
                rstyle = rpr.find(_RSTYLE) if rpr is not None else None
                if rstyle is not None:
                    fmt = fmt.over(styles.fmt(rstyle.get(q("val"))))
                fmt = fmt.over(run_base)
                chunk = []
                for node in child:
                    tag = node.tag
                    if tag == _T:
                        chunk.append(node.text or "")
                    elif tag in _MARKS:
                        chunk.append(_MARKS[tag])
                    elif tag == q("sym"):
                        chunk.append(_symbol(node.get(q("char"), "")))
                    elif node.tag in (q("footnoteReference"), q("endnoteReference")) and notes is not None:
                        key = node.get(q("id"), "")
                        note = notes.get(key if node.tag == q("footnoteReference") else f"e{key}")
                        if note:
                            pieces.append(Run("", note=note))
                text = "".join(chunk)
                if fmt.caps:  # what a reader sees: the run in capitals
                    text = text.upper()
                texts.append(text)
                if text:
                    pieces.append(Run(text, bool(fmt.bold), bool(fmt.italic), size=fmt.size))
                n = len(text.strip())
                if n:
                    for key, value in (("font", fmt.font), ("size", fmt.size), ("bold", bool(fmt.bold)),
                                       ("italic", bool(fmt.italic))):
                        weights[key][value] = weights[key].get(value, 0) + n
            elif child.tag in _RUN_HOLDERS:
                runs(child)

    runs(p)
    text = "".join(texts)
    label = ""
    if base.num:
        num_id, ilvl = base.num
        label = numbers.label(num_id, ilvl)
    shown = f"{label} {text}" if label else text

    def most(key: str, default):
        table_ = weights[key]
        return max(table_, key=table_.get) if table_ else default

    return Para(
        index=index, text=shown, label=label, style=styles.name(sid), in_table=bool(table),
        table=table, cell=cell, font=most("font", base.font), size=most("size", base.size),
        bold=most("bold", bool(base.bold)), italic=most("italic", bool(base.italic)), align=base.align,
        first_indent_cm=(base.first_indent / 1440 * 2.54) if base.first_indent is not None else None,
        runs=tuple(pieces),
    )
