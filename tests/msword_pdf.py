"""PDFs shaped as Microsoft Word saves them, for the tests of importing offices' signed PDFs.

What Word writes and LibreOffice does not: every font a Type0 font with a CIDFontType2 descendant,
`Identity-H` encoding (a glyph's number is its code) and a ToUnicode map, under the PostScript
names of Times New Roman (`TimesNewRomanPS-BoldMT`: bold and italic are fonts of their own); table
borders drawn as thin filled rectangles, not stroked lines; a table's heading rows printed again at
the top of each page it runs onto; the header and the signature as tables without borders. Text
typed with Unikey's "Unicode tổ hợp" keeps its tone marks as combining glyphs (`decomposed`).

Made with reportlab's canvas (its page and drawing), the fonts embedded by `_CidFont` (reportlab
embeds a TrueType font as 8-bit subsets). The glyphs come from the first of `_FONT_FILES` that
has Vietnamese letters (Liberation Serif 1.x, Debian's fonts-liberation, has none).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

_DIRS = ("/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation",
         "/usr/share/fonts/truetype/dejavu")
_FILES = {"": ("LiberationSerif-Regular", "DejaVuSerifCondensed"),
          "b": ("LiberationSerif-Bold", "DejaVuSerifCondensed-Bold"),
          "i": ("LiberationSerif-Italic", "DejaVuSerifCondensed-Italic"),
          "bi": ("LiberationSerif-BoldItalic", "DejaVuSerifCondensed-BoldItalic")}
NAMES = {"": "TimesNewRomanPSMT", "b": "TimesNewRomanPS-BoldMT", "i": "TimesNewRomanPS-ItalicMT",
         "bi": "TimesNewRomanPS-BoldItalicMT"}
TONES = "\u0300\u0301\u0303\u0309\u0323"
CM = 72 / 2.54


class _CidFont(TTFont):
    """A TrueType font written as Word writes it: Type0, Identity-H, the whole font embedded."""

    def __init__(self, name: str, path: str) -> None:
        super().__init__(name, path, shapable=False)

    def splitString(self, text, doc, encoding="utf-8"):
        used = self._used(doc)
        codes = []
        for c in text:
            gid = self.face.charToGlyph.get(ord(c), 0)
            used.setdefault(gid, c)
            codes.append(gid.to_bytes(2, "big"))
        return [(0, b"".join(codes))]

    def _used(self, doc) -> dict[int, str]:
        state = self._assignState(doc)
        if not hasattr(state, "used"):
            state.used = {}
        return state.used

    def getSubsetInternalName(self, subset, doc):
        state = self._assignState(doc)
        if state.internalName is None:
            state.internalName = f"F{len(doc.fontMapping) + 1}"
            doc.fontMapping[self.fontName] = "/" + state.internalName
            doc.delayedFonts.append(self)
        return "/" + state.internalName

    def addObjects(self, doc):
        used = self._used(doc)
        name = f"BCD{'EFGH'[list(NAMES.values()).index(self.fontName)]}EE+{self.fontName}"  # a subset's tag
        face = self.face
        data = pdfdoc.PDFStream(content=face._ttf_data)
        data.dictionary["Length1"] = len(face._ttf_data)
        descriptor = pdfdoc.PDFDictionary({
            "Type": "/FontDescriptor", "FontName": pdfdoc.PDFName(name), "Flags": 32,
            "FontBBox": pdfdoc.PDFArray(face.bbox), "ItalicAngle": face.italicAngle, "Ascent": face.ascent,
            "Descent": face.descent, "CapHeight": face.capHeight, "StemV": face.stemV,
            "FontFile2": doc.Reference(data, f"file:{name}")})
        widths = []
        for gid in sorted(used):
            widths += [gid, pdfdoc.PDFArray([round(face.charWidths.get(ord(used[gid]), face.defaultWidth))])]
        cid = pdfdoc.PDFDictionary({
            "Type": "/Font", "Subtype": "/CIDFontType2", "BaseFont": pdfdoc.PDFName(name),
            "CIDSystemInfo": pdfdoc.PDFDictionary({"Registry": pdfdoc.PDFString("Adobe"),
                                                   "Ordering": pdfdoc.PDFString("Identity"), "Supplement": 0}),
            "FontDescriptor": doc.Reference(descriptor, f"descriptor:{name}"), "DW": 1000,
            "W": pdfdoc.PDFArray(widths), "CIDToGIDMap": "/Identity"})
        pairs = "\n".join(f"<{gid:04X}> <{''.join(f'{u:04X}' for u in _utf16(c))}>" for gid, c in sorted(used.items()))
        cmap = pdfdoc.PDFStream(content=(
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) "
            "/Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            f"{len(used)} beginbfchar\n{pairs}\nendbfchar endcmap CMapName currentdict /CMap defineresource pop "
            "end end"))
        internal = self._assignState(doc).internalName
        font = pdfdoc.PDFDictionary({
            "Type": "/Font", "Subtype": "/Type0", "BaseFont": pdfdoc.PDFName(name), "Encoding": "/Identity-H",
            "DescendantFonts": pdfdoc.PDFArray([doc.Reference(cid, f"cid:{name}")]),
            "ToUnicode": doc.Reference(cmap, f"tounicode:{name}")})
        doc.idToObject["BasicFonts"].dict[internal] = doc.Reference(font, internal)


def _utf16(c: str) -> list[int]:
    raw = c.encode("utf-16-be")
    return [int.from_bytes(raw[i:i + 2], "big") for i in range(0, len(raw), 2)]


def _font_file(style: str) -> str | None:
    for stem in _FILES[style]:
        for folder in _DIRS:
            path = Path(folder) / f"{stem}.ttf"
            if path.exists() and 0x1EC7 in TTFont("probe", str(path)).face.charToGlyph:
                return str(path)
    return None


def available() -> bool:
    """Are there fonts with Vietnamese letters to make such a PDF with?"""
    return all(_font_file(s) for s in _FILES)


_REGISTERED: set[str] = set()


def _register() -> None:
    for style, name in NAMES.items():
        if name not in _REGISTERED:
            pdfmetrics.registerFont(_CidFont(name, _font_file(style)))
            _REGISTERED.add(name)


def unikey_combining(text: str) -> str:
    """The text as "Unicode tổ hợp" types it: a letter's tone a combining mark after it (its
    circumflex, breve or horn kept in the letter)."""
    out = []
    for c in text:
        parts = unicodedata.normalize("NFD", c)
        tones = "".join(x for x in parts if x in TONES)
        out.append(unicodedata.normalize("NFC", "".join(x for x in parts if x not in TONES)) + tones)
    return "".join(out)


Runs = list[tuple[str, str]]  # (text, style: "", "b", "i", "bi")


@dataclass
class Cell:
    """A cell of a table: its paragraphs (runs), the rows and columns it spans."""

    lines: list[Runs]
    rows: int = 1
    cols: int = 1
    align: str = "center"


@dataclass
class WordPdf:
    """A PDF laid out as Word lays out a plan on A4 (left margin 3 cm, right 2 cm): paragraphs,
    tables with and without borders, pages."""

    path: Path
    decomposed: bool | str = False  # True: marks after their letters; "placed", "after": placed apart
    left: float = 3 * CM
    right: float = 595.3 - 2 * CM
    top: float = 841.9 - 2 * CM
    bottom: float = 2 * CM
    y: float = field(init=False)
    printed: list[str] = field(default_factory=list)  # the words printed, a repeated heading row's once
    numbered: bool = False  # each page from the second its number at the top, centred (as the decree asks)

    def __post_init__(self) -> None:
        _register()
        self.c = canvas.Canvas(str(self.path), pagesize=(595.3, 841.9), initialFontName=NAMES[""])
        self.c.setAuthor("Microsoft Word")
        self.c.setCreator("Microsoft® Word 2016")
        self.c.setProducer("Microsoft® Word 2016")
        self.y = self.top

    # --- text -----------------------------------------------------------------------------

    def _width(self, text: str, style: str, size: float) -> float:
        return pdfmetrics.stringWidth(text, NAMES[style], size)

    def _lines(self, runs: Runs, size: float, width: float, indent: float) -> list[list[tuple[str, str]]]:
        """The words of a paragraph broken into lines that fit `width` (the first `indent` in)."""
        words: list[tuple[str, str]] = [(w, style) for text, style in runs for w in text.split()]
        lines: list[list[tuple[str, str]]] = [[]]
        at = indent
        for w, style in words:
            need = self._width(w, style, size)
            if lines[-1] and at + need > width:
                lines.append([])
                at = 0.0
            lines[-1].append((w, style))
            at += need + self._width(" ", style, size)
        return [x for x in lines if x]

    def _draw_line(self, line: list[tuple[str, str]], x0: float, x1: float, y: float, size: float,
                   align: str, last: bool) -> None:
        widths = [self._width(w, s, size) for w, s in line]
        space = self._width(" ", "", size)
        total = sum(widths) + space * (len(line) - 1)
        gap = space
        if align == "center":
            x = x0 + (x1 - x0 - total) / 2
        elif align == "right":
            x = x1 - total
        else:
            x = x0
            if align == "both" and not last and len(line) > 1:
                gap = (x1 - x0 - sum(widths)) / (len(line) - 1)
        for (w, style), width in zip(line, widths, strict=True):
            self.c.setFont(NAMES[style], size)
            if self.decomposed in ("placed", "after"):
                self._placed_marks(unikey_combining(w), x, y, style, size)
            else:
                self.c.drawString(x, y, unikey_combining(w) if self.decomposed else w)
            x += width + gap

    def _placed_marks(self, word: str, x: float, y: float, style: str, size: float) -> None:
        """A word whose tone marks are glyphs placed of their own, as Word places a combining
        mark the font does not attach: over the letter before it ("placed"; the text layer may
        see the word end there and part the mark from its letter, "Vĩ nh"), or just after it
        ("after": the mark begins a word, "Vi ̃nh")."""
        at = x
        letter = 0.0
        for c in word:
            if c in TONES:
                self.c.drawString(at - letter * 0.6 if self.decomposed == "placed" else at + 1.5, y, c)
                continue
            self.c.drawString(at, y, c)
            letter = self._width(c, style, size)
            at += letter

    def block(self, runs: Runs | str, x0: float, x1: float, y: float, size: float = 14, align: str = "both",
              indent: float = 0.0, style: str = "", record: bool = True) -> float:
        """A paragraph set between x0 and x1 from baseline height `y` down; the height it took."""
        runs = [(runs, style)] if isinstance(runs, str) else runs
        lines = self._lines(runs, size, x1 - x0, indent)
        lead = size * 1.15
        if record:
            self.printed += [w for _text, _style in runs for w in _text.split()]
        for k, line in enumerate(lines):
            start = x0 + (indent if k == 0 and align == "both" else 0)
            self._draw_line(line, start, x1, y - size - k * lead, size, align, k + 1 == len(lines))
        return max(len(lines), 1) * lead

    def para(self, runs: Runs | str, size: float = 14, align: str = "both", indent: bool = True,
             style: str = "", after: float = 6) -> None:
        """A paragraph of the body (justified, its first line indented 1.27 cm)."""
        runs = [(runs, style)] if isinstance(runs, str) else runs
        need = len(self._lines(runs, size, self.right - self.left, 1.27 * CM if indent else 0)) * size * 1.15
        if self.y - need < self.bottom:
            self.page()
        self.y -= self.block(runs, self.left, self.right, self.y, size, align, 1.27 * CM if indent else 0) + after

    def page(self) -> None:
        self.c.showPage()
        self.y = self.top
        if self.numbered:
            self.c.setFont(NAMES[""], 13)
            self.c.drawCentredString((self.left + self.right) / 2, 841.9 - 1.2 * CM, str(self.c.getPageNumber()))

    # --- tables ---------------------------------------------------------------------------

    def columns(self, cells: list[list[tuple[Runs | str, float, str]]], widths: list[float], size: float = 13,
                after: float = 12) -> None:
        """A table without borders, one row: each column's paragraphs (runs, size, style) centred."""
        x, bottom = self.left - 0.2 * CM, self.y
        for column, width in zip(cells, widths, strict=True):
            y = self.y
            for runs, size_, style in column:
                y -= self.block(runs, x, x + width * CM, y, size_ or size, "center" if style != "left" else "left",
                                style="" if style == "left" else style) if runs else size * 1.15
            bottom = min(bottom, y)
            x += width * CM
        self.y = bottom - after

    def table(self, rows: list[list[Cell | str | None]], widths: list[float], heads: int = 1, size: float = 12,
              ruled: bool = True, split: bool = False) -> None:
        """A table (None: a grid cell covered by a merged one), its borders thin filled boxes, its
        `heads` heading rows printed again at the top of each page it runs onto; `split`: a row
        without merged cells that does not fit at a page's foot is broken there, as Word's "allow
        row to break across pages" does (the lines of its cells that fit on this page, the rest
        in a row of its own at the top of the next, under the heading rows)."""
        grid = [[Cell([[(x, "")]]) if isinstance(x, str) else x for x in row] for row in rows]
        xs = [self.left - 0.2 * CM]
        for w in widths:
            xs.append(xs[-1] + w * CM)
        lead, pad = size * 1.15, 3.0
        heights = [self._height(row, xs, size, lead, pad) for row in grid]
        r, shown = 0, set()
        while r < len(grid):
            top, order = self.y, []
            if r >= heads:  # a page the table runs onto: its heading rows again
                order = list(range(heads))
                self.y -= sum(heights[:heads])
            while r < len(grid):
                fit = int((self.y - self.bottom - 2 * pad) // lead)
                if self.y - heights[r] < self.bottom and split and r >= heads and fit >= 1 and \
                        all(cell is not None and cell.rows == 1 for cell in grid[r]):
                    ahead, rest = self._broken(grid[r], xs, size, pad, fit)
                    grid[r:r + 1] = [ahead, rest]
                    heights[r:r + 1] = [self._height(ahead, xs, size, lead, pad),
                                        self._height(rest, xs, size, lead, pad)]
                elif self.y - heights[r] < self.bottom and len(order) > (heads if r >= heads else 0):
                    break
                order.append(r)
                self.y -= heights[r]
                r += 1
            self._rows(grid, order, xs, heights, top, size, pad, ruled, shown)
            if r < len(grid):
                self.page()
        self.y -= 12

    def _height(self, row: list[Cell | None], xs: list[float], size: float, lead: float, pad: float) -> float:
        tall = 1
        for c, cell in enumerate(row):
            if cell is not None and cell.rows == 1:
                room = xs[c + cell.cols] - xs[c] - 2 * pad
                tall = max(tall, sum(len(self._lines(p, size, room, 0)) for p in cell.lines))
        return tall * lead + 2 * pad

    def _broken(self, row: list[Cell | None], xs: list[float], size: float, pad: float, fit: int
                ) -> tuple[list[Cell | None], list[Cell | None]]:
        """A row broken after its cells' first `fit` lines: the part that fits, the part that goes on."""
        ahead: list[Cell | None] = []
        rest: list[Cell | None] = []
        for c, cell in enumerate(row):
            room = xs[c + cell.cols] - xs[c] - 2 * pad
            lines = [[line] for p in cell.lines for line in self._lines(p, size, room, 0)]
            ahead.append(Cell([[(" ".join(w for w, _s in line), line[0][1])] for [line] in lines[:fit]],
                              cols=cell.cols, align=cell.align))
            rest.append(Cell([[(" ".join(w for w, _s in line), line[0][1])] for [line] in lines[fit:]],
                             cols=cell.cols, align=cell.align))
        return ahead, rest

    def _rows(self, grid: list[list[Cell | None]], order: list[int], xs: list[float], heights: list[float],
              top: float, size: float, pad: float, ruled: bool, shown: set[int]) -> None:
        """The rows `order` of a table printed on this page from `top`: a cell's text where its
        first row is printed, its borders around the rows of it printed here (a merged cell cut
        by the page's end goes on in a box of its own, empty)."""
        tops, y = {}, top
        for r in order:
            tops[r] = y
            y -= heights[r]
        for r0, row in enumerate(grid):
            for c, cell in enumerate(row):
                span = [k for k in order if cell is not None and r0 <= k < r0 + cell.rows]
                if not span:
                    continue
                y0, y1 = tops[span[0]], tops[span[-1]] - heights[span[-1]]
                x0, x1 = xs[c], xs[c + cell.cols]
                if r0 in order:
                    at = y0 - pad
                    for p in cell.lines:
                        at -= self.block(p, x0 + pad, x1 - pad, at, size, cell.align, record=r0 not in shown)
                    shown.add(r0)
                if ruled:
                    self._box(x0, y1, x1, y0)

    def _box(self, x0: float, y0: float, x1: float, y1: float, w: float = 0.5) -> None:
        """A cell's borders as Word draws them: four thin filled rectangles."""
        self.c.setLineWidth(0)
        for x, y, dx, dy in ((x0, y1 - w / 2, x1 - x0, w), (x0, y0 - w / 2, x1 - x0, w),
                             (x0 - w / 2, y0, w, y1 - y0), (x1 - w / 2, y0, w, y1 - y0)):
            self.c.rect(x, y, dx, dy, stroke=0, fill=1)

    def save(self) -> Path:
        self.c.save()
        return self.path
