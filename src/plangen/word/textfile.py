"""Read a plan given as plain text (pasted from a portal, or taken from a PDF) as paragraphs.

Text from a PDF is wrapped at the page's width: one paragraph runs over several lines, and the
gaps of the page (around the title, before the signature) become blank or space-only lines. Text
pasted from a web page has one paragraph per line. This module finds the paragraphs again, so that
the same recogniser (`plangen.word.recognise`) reads text, PDF and Word files alike. Formatting is
unknown here: the paragraphs it makes say so (`formatted=False`).
"""

from __future__ import annotations

import itertools
import re
import statistics
import unicodedata

from plangen import vietnamese as vn
from plangen.word.recognise import is_date_line, join_lines
from plangen.word.wordfile import Para, Run

MAX_LINE = 20_000  # longer lines are cut into pieces of this size: patterns below stay linear

# a line that opens a paragraph by its look: a label (I., 1., 1.2., a), -, +), an all-capital
# heading, the ending's parts
_LABEL = re.compile(rf"^(?:{vn.ROMAN_LABEL}\s*[.)/]"  # I.  I)  I/
                    r"|\d{1,3}(?:\.\d{1,3}){0,3}\s*(?:[.)]|/(?!\d))"  # 1.  1.2.  1)  1/ (not 15/12)
                    rf"|[a-zđ]\s*\)|[a-zđ]/\s|[{vn.BULLET_MARKS}]\s)")  # a)  a/  -  +  •
_STRONG = re.compile(r"^(?:Nơi nhận\b|(?:TM|KT|TL|TUQ|Q)\.\s|(?:T/M|K/T|T/L)\s|Căn cứ\b|PHỤ LỤC\b|Phụ lục\b|"
                     r"\(Kèm theo\b)")  # T/M …: a Party document's signature
_ROMAN_HEADING = re.compile(rf"^{vn.ROMAN_LABEL}\s*[.)/-]\s+\S")  # "I- …": the Party's older style
_ENDS_SENTENCE = re.compile(r"[.;:!?…]\W{0,2}$")
_GAP = re.compile(r"\S(?:\t+| {4,})\S")
_RULE_LINE = re.compile(r"^[-–—_]{3,}$")


_COLUMN_GAP = re.compile(r"(?<=\S) {6,}(?=\S)")
_ONSET = re.compile(r"^(?:[bcdđghklmnpqrstvx]{1,3}|qu|gi|ti)$", re.IGNORECASE)
# "tri ển", "hi ện", "chuy ển": a syllable's onset and its "i"/"uy" before the toned "ê" of "iê"/"uyê"
_ONSET_I = re.compile(r"^(?:[bcdđghklmnpqrstvx]{1,3}|qu|gi)?(?:i|uy|y)$", re.IGNORECASE)
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def from_pdf_layout(text: str, turned: list[bool] | None = None) -> str:
    """Text of `pdftotext -layout`, the way a reader takes it in: the two columns of the header
    table and of the signature table one after the other (left first), and the syllables that
    PDF glyph positioning split ("Thủ t ướng", "ho ạt") joined again; `turned`: which pages are
    landscape."""
    pages = _pages(text, turned)
    whole = _Words(pages)
    lines = [_BRACKET_GAP.sub("", _join_split_syllables(line, whole)) for line in pages]
    out: list[str] = []
    block: list[list[tuple[int, str]]] = []  # rows of (column, text)
    starts: list[int] = []  # where the block's columns begin on the line

    def place(line: str) -> None:
        """A row of the block: each piece in the column it stands under (a line of one piece,
        the signer's name under the signature, goes to the column of its position)."""
        # a piece's inner blanks are a form's room ("Số:     /KH-UBND", "ngày     tháng"), no columns
        pieces = [(m.start(), " ".join(m.group().split())) for m in _PIECE.finditer(line)]
        if len(pieces) > 1 and not starts:  # the block's first line of columns sets them
            starts[:] = [at for at, _text in pieces]
        row: list[tuple[int, str]] = []
        for at, piece in pieces:
            column = min(range(len(starts)), key=lambda k: abs(starts[k] - at)) if starts else 0
            if row and row[-1][0] == column:  # "Số:      /KH-UBND": a blank inside a column
                row[-1] = (column, f"{row[-1][1]} {piece}")
            else:
                row.append((column, piece))
        block.append(row)

    def flush() -> None:
        if block:
            for column in range(max(len(starts), 1)):
                pieces: list[str] = []
                for row in block:
                    for k, piece in row:
                        if k != column:
                            continue
                        if pieces and _goes_on_in_column(pieces[-1], piece):  # a cell's line wrapped
                            pieces[-1] = join_lines(pieces[-1], piece)
                        else:
                            pieces.append(piece)
                out.extend(pieces)
            block.clear()
            starts.clear()

    def goes_on_past_page(at: int) -> bool:
        """Does the ending's block of columns go on at the top of the page that begins at line
        `at` (a table of recipients and signature cut by the page's end)? So when that page's
        first line stands in the block's columns: two pieces or more, the first under the first
        column and the others under later ones, or a recipient's line (or the end of one wrapped)
        under the first column."""
        first = next((x for x in lines[at + 1:] if x.strip() and not x.startswith(SETUP)), "")
        if not first or first == PAGE or len(starts) < 2:
            return False
        pieces = [(m.start(), m.group()) for m in _PIECE.finditer(first)]
        if abs(pieces[0][0] - starts[0]) > 3:
            return False
        if len(pieces) == 1:  # a recipient's line, or the end of one wrapped
            return pieces[0][1][:1] in vn.BULLET_MARKS or pieces[0][1][:1].islower()
        columns = [min(range(len(starts)), key=lambda k: abs(starts[k] - x)) for x, _text in pieces]
        return columns == sorted(set(columns)) and columns[0] == 0 and \
            not all(_is_upper(text) for _x, text in pieces)  # two columns in capitals: a new header

    in_columns = True  # the header, until the type name; again from the recipients on
    ending = False
    head = False  # a page after the ending opens with a header of two columns (a Party attachment's)
    page_top = False
    for at, line in enumerate(lines):
        stripped = line.strip()
        if line.startswith(SETUP):
            out.append(line)
            continue
        if line == PAGE and ending and block and goes_on_past_page(at):
            continue  # the ending's table goes on on this page: one block, as in the Word file
        if line == PAGE:  # a new page: no column block goes on past it, nor past the ending's page
            flush()
            in_columns = in_columns and not ending
            page_top = ending
            out.append(line)
            continue
        if page_top and stripped:
            page_top = False
            pieces = [m.group() for m in _PIECE.finditer(stripped)]
            head = in_columns = len(pieces) == 2 and all(_is_upper(x) for x in pieces)
        if head and (not stripped or not in_columns):
            flush()
            head = in_columns = False
        if stripped.upper().startswith("KẾ HOẠCH") and len(stripped) < 24:
            flush()
            in_columns = False
        elif stripped.startswith(("Nơi nhận", "TM.", "KT.", "TL.", "Q.", "TUQ.", "T/M ", "K/T ", "T/L ")):
            in_columns = ending = True
        if in_columns and (_COLUMN_GAP.search(stripped) or (block and stripped)):
            place(line)  # a line of the block, of two columns or of one
            if head and any(is_date_line(piece) for _k, piece in block[-1]):
                flush()  # the head's last row: its date
                head = in_columns = False
            continue
        if ending and block and not stripped:
            continue  # the room left for signing: the signatures' columns go on below it
        flush()
        out.append(line)
    flush()
    return "\n".join(_tables(out))


ROW = "\ue001"  # a line that is a row of a table laid out in columns: its cells follow, tab-separated
_MIN_GUTTER = 2  # blank columns that part two columns of a table laid out in text


def _tables(lines: list[str]) -> list[str]:
    """Runs of lines laid out as a table (a heading line of three pieces or more parted by wide
    gaps, then rows): each line a `ROW` of cells, cut where every line of the run is blank (the
    gutters), so that a row's cells stand in the columns they are printed in."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        heading = [m.start() for m in _PIECE.finditer(lines[i])]
        if len(heading) >= 3 and _COLUMN_GAP.search(lines[i].strip()):
            # rows: lines parted in columns, and a cell's line of its own under a later column
            while j < len(lines) and lines[j].strip() and lines[j] != PAGE and (
                    j == i or _COLUMN_GAP.search(lines[j].strip())
                    or len(lines[j]) - len(lines[j].lstrip()) >= heading[1]):
                j += 1
        run = lines[i:j]
        cuts = _gutters(run) if len(run) >= 3 else []
        # a table only when its columns are clear: one for each heading piece, no piece across two
        if len(run) < 3 or sum(1 for x in run if _COLUMN_GAP.search(x.strip())) < 0.6 * len(run) or \
                len(cuts) + 1 < len(heading) or any(
                    m.start() < cut < m.end() for x in run for m in _PIECE.finditer(x) for cut in cuts):
            out.append(lines[i])
            i += 1
            continue
        for line in run:
            cells = ["" for _cut in range(len(cuts) + 1)]
            for m in _PIECE.finditer(line):
                k = sum(1 for cut in cuts if cut <= m.start())
                cells[k] = f"{cells[k]} {m.group()}".strip()
            out.append(ROW + "\t".join(cells))
        i = j
    return out


def _gutters(run: list[str]) -> list[int]:
    """Where the columns of a table laid out in text begin: after each stretch of at least
    `_MIN_GUTTER` positions blank on every line (the left margin aside)."""
    width = max(len(x) for x in run)
    blank = [all(k >= len(x) or x[k] == " " for x in run) for k in range(width)]
    start = min(len(x) - len(x.lstrip()) for x in run)
    cuts, k = [], start
    while k < width:
        if blank[k]:
            end = k
            while end < width and blank[end]:
                end += 1
            if end - k >= _MIN_GUTTER and end < width:
                cuts.append(end)
            k = end
        else:
            k += 1
    return cuts


_PIECE = re.compile(r"\S+(?: {1,5}\S+)*")  # a run of words with no column gap (6 spaces) inside
PAGE = "\ue000"  # a line of its own where a page of a PDF begins (a private-use mark, no text)
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?(?:Trang\s+)?\d{1,3}(?:\s*-)?\s*$")


SETUP = "\ue004"  # a line of its own after a `PAGE` line whose page is set up otherwise: SETUP, its number


def _pages(text: str, turned: list[bool] | None = None) -> list[str]:
    """The lines of `pdftotext -layout` output, a `PAGE` line where each page after the first
    begins (pdftotext marks it with a form feed) and the page number printed at the top or the
    foot of a page left out: it is no text of the plan (plangen numbers the pages it prints).
    `turned` says of each page whether it is landscape: where that changes, a `SETUP` line
    numbers the page setup from there on, as a Word file's sections are."""
    out: list[str] = []
    setup = 0
    for k, page in enumerate(text.split("\f")):
        lines = text_lines(page)
        filled = [i for i, line in enumerate(lines) if line.strip()]
        # a page after the first may hold its number alone (a blank last page that an empty paragraph opened)
        for i in (filled[:1] + filled[-1:]) if len(filled) > 1 else filled if k else []:
            if _PAGE_NUMBER.match(lines[i]):
                lines[i] = ""
        if k and filled:
            out.append(PAGE)
            if turned and k < len(turned) and turned[k] != turned[k - 1]:
                setup += 1
                out.append(f"{SETUP}{setup}")
        out += _page_notes(lines)
    return out


NOTE = "\ue002"  # a footnote's mark in a line: NOTE, the note's number, NOTE
NOTE_TEXT = "\ue003"  # a line of its own holding a footnote: NOTE_TEXT, its number, a tab, its text
_NOTE_NUMBER = re.compile(r"^\s{0,2}(\d{1,2})$")
_NOTE_LINES = 15  # at most, the notes at a page's foot


def _page_notes(lines: list[str]) -> list[str]:
    """A page's footnotes, printed at its foot as a number on a line of its own and the note's
    lines under it, each put where its mark stands in the page's text (" 1 " after a word): the
    note's text becomes a `NOTE_TEXT` line at the page's end, its mark `NOTE` n `NOTE`. A note
    whose mark is not found stays as printed."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    starts = [i for i in filled if _NOTE_NUMBER.match(lines[i]) and i - 1 >= 0 and not lines[i - 1].strip()]
    if not starts:
        return lines
    # the foot: a few lines at the page's end, none laid out in columns (no table's)
    first = next((i for i in starts if sum(1 for j in filled if j >= i) <= _NOTE_LINES), None)
    if first is None or any(_COLUMN_GAP.search(line.strip()) for line in lines[first:]):
        return lines
    body, foot = lines[:first], lines[first:]
    notes: list[tuple[str, list[str]]] = []
    for line in foot:
        m = _NOTE_NUMBER.match(line)
        if m and (not notes or int(m.group(1)) == int(notes[-1][0]) + 1):
            notes.append((m.group(1), []))
        elif m:  # numbers out of sequence: no notes
            return lines
        elif line.strip():
            notes[-1][1].append(line.strip())
    found: list[str] = []
    for number, text in notes:
        mark = re.compile(rf"(?<=[^\s\d]) {number}(?= \S|$)")
        at = next((i for i in range(len(body) - 1, -1, -1) if mark.search(body[i])), None)
        if at is None or not text:
            return lines
        body[at] = mark.sub(f"{NOTE}{number}{NOTE}", body[at], count=1)
        found.append(f"{NOTE_TEXT}{number}\t{' '.join(text)}")
    return body + found


# a space the layout puts inside a bracket or quotes around italic type ("( sửa đổi …)", "“ Công
# an …”"): no text of its own
_BRACKET_GAP = re.compile(r"(?<=[(\[“]) (?=[^\s(\[“])|(?<=[^\s)\]”]) (?=[)\]”])")
_PUNCTUATION = "“”\"'‘’()[]{},.;:!?…"


class _Words:
    """The words of a PDF's text: a word that the layout shows split in two somewhere ("ho ạt",
    "lu ật": a glyph of another font placed apart) stands whole elsewhere, and its second half,
    which begins with a Vietnamese letter, never stands as a word of its own: "ạt" follows only
    pieces it makes a word with, "ăn" ("công ăn việc làm") follows others too."""

    def __init__(self, lines: list[str]) -> None:
        rows = [[t.strip(_PUNCTUATION) for t in line.split(" ")] for line in lines]
        self.words = {t for row in rows for t in row if t}
        self.standing: set[str] = set()  # second halves seen after a piece they make no word with
        for row in rows:
            for a, b in itertools.pairwise(row):
                if a and b and not b[0].isascii() and a + b not in self.words:
                    self.standing.add(b)

    def split(self, left: str, right: str) -> bool:
        """Are `left` and `right`, one space apart in the layout, the halves of one word?"""
        a, b = left.lstrip(_PUNCTUATION), right.rstrip(_PUNCTUATION)
        return a.isalpha() and b[:1].isalpha() and not b[0].isascii() and a + b in self.words \
            and b not in self.standing


# "thu ộc", "tu ần": an onset and the "u" of "uô"/"uâ"; "ho ạt", "lo ại": the "o" of "oa"/"oă"
# under a dot (no word but "ạ" begins so: "cho ăn", "do ảnh", "do áp lực" stand apart)
_ONSET_U = re.compile(r"^(?:[bcdđghklmnpqrstvx]{1,3})u$", re.IGNORECASE)
_ONSET_O = re.compile(r"^(?:[bcdđghklmnpqrstvx]{1,3})o$", re.IGNORECASE)


def _rhyme_split(left: str, right: str) -> bool:
    parts = unicodedata.normalize("NFD", right[:1].lower())
    if _ONSET_U.match(left):
        # "ấy" stands alone ("mùa thu ấy")
        return parts[:1] in ("o", "a") and "\u0302" in parts and not right.lower().startswith("ấy")
    return bool(_ONSET_O.match(left)) and parts[:1] == "a" and "\u0323" in parts and len(right) > 1


def _join_split_syllables(line: str, whole: _Words | None = None) -> str:
    words = line.split(" ")
    out: list[str] = []
    for word in words:
        if out and word and ((_ONSET.match(out[-1]) and _starts_with_marked_vowel(word)) or (
                _ONSET_I.match(out[-1]) and _starts_with_toned_e_circumflex(word))
                or _rhyme_split(out[-1], word) or (whole is not None and whole.split(out[-1], word))):
            out[-1] += word
        else:
            out.append(word)
    return " ".join(out)


def _starts_with_toned_e_circumflex(word: str) -> bool:
    """"ể", "ệ", "ế"…: no word of its own after a bare "i" (the "iê" of "triển" split in two)."""
    parts = unicodedata.normalize("NFD", word[:1])
    return parts[:1].lower() == "e" and "\u0302" in parts and bool(_TONES & set(parts[1:]))


def _starts_with_marked_vowel(word: str) -> bool:
    parts = unicodedata.normalize("NFD", word[:1])
    return len(parts) > 1 and parts[0].lower() in "aeiouy"


def _goes_on_in_column(above: str, piece: str) -> bool:
    """Is this piece of a column the end of the line `above` it, wrapped in a table's cell
    ("TRƯỜNG THPT …" ↵ "2", "- … các Ban xây dựng" ↵ "Đảng;")? So when it cannot begin a line:
    it is a number (digits and no letter; a mark such as the Party's "*" stands alone), or begins
    with a small letter, or it follows an unfinished item of a list (a recipient's line, opened by
    a dash and not ended by ";" or ".") with no dash of its own."""
    number = any(c.isdigit() for c in piece) and not any(c.isalpha() for c in piece)
    if number or piece[:1].islower():
        return True
    item = above[:1] in vn.BULLET_MARKS and any(c.isalpha() for c in above)  # not the "*" under a name
    return item and piece[:1] not in vn.BULLET_MARKS and not _ENDS_SENTENCE.search(above)


def _is_upper(text: str) -> bool:
    letters = [c for c in text[:200] if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) / len(letters) >= 0.8


def text_lines(text: str) -> list[str]:
    """The lines of a text, form feeds and trailing spaces off, each cut to `MAX_LINE`."""
    out = []
    for line in text.splitlines():
        if line == PAGE:
            out.append(line)
            continue
        line = line.replace("\f", "").rstrip()
        while len(line) > MAX_LINE:
            out.append(line[:MAX_LINE])
            line = line[MAX_LINE:]
        out.append(line)
    return out


def _double_spaced(lines: list[str]) -> bool:
    """PDF extractions often put an empty line after every line: then one empty line means
    nothing, and only longer gaps separate parts of the page."""
    pairs = sum(1 for a, b in itertools.pairwise(lines) if a.strip() and not b)
    filled = sum(1 for line in lines if line.strip())
    return filled > 4 and pairs >= 0.8 * filled


def is_wrapped(lines: list[str]) -> bool:
    """Is the text wrapped at a page width (PDF), rather than one paragraph per line?"""
    filled = [len(x.strip()) for x in lines if x.strip()]
    if len(filled) < 5:
        return False
    long_lines = [n for n in filled if n > 40]
    if not long_lines:
        return False
    width = statistics.median(long_lines)
    unended = sum(1 for x in lines if len(x.strip()) > 40 and not _ENDS_SENTENCE.search(x.strip()))
    return width < 140 and unended >= 0.3 * len(long_lines)


def pdf_paragraphs(text: str, turned: list[bool] | None = None) -> list[Para]:
    """The paragraphs of a PDF's text (`pdftotext -layout`), its footnotes and page setups read
    (`turned`: which pages are landscape)."""
    return paragraphs(from_pdf_layout(_marks_joined(text), turned), pdf=True)


_MARK_APART = re.compile(r"(?<=\w) (?=[\u0300-\u036f])")
_AFTER_MARK = re.compile(r"(?<=[\u0300-\u036f]) (?=(?:ch|nh|ng|[cmnpt]|CH|NH|NG)(?!\w)|[.,;:!?)](?!\S))")


def _marks_joined(text: str) -> str:
    """A PDF's text with its letters precomposed (NFC): a tone mark typed as a combining mark
    (Unikey's "Unicode tổ hợp") composed with its letter, also where the text layer put a space
    between them ("Vi ̃nh": no word begins with a mark) or after it, the word's end going on
    ("Vĩ nh", "phí ."): the end of a syllable, its last consonants (no word but a syllable's
    end is "nh", "ng", "ch", "c", "m", "n", "p", "t"), or a stop, comma or bracket that closes."""
    return unicodedata.normalize("NFC", _AFTER_MARK.sub("", _MARK_APART.sub("", text)))


def paragraphs(text: str, pdf: bool = False) -> list[Para]:
    """The paragraphs of a plain-text plan; `index` is the line number where each starts. With
    `pdf`, the text is `from_pdf_layout`'s, whose marks of footnotes and page setups are read."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = text_lines(text)
    double = _double_spaced(lines)
    wrapped = is_wrapped(lines)
    widths = [len(x.strip()) for x in lines if len(x.strip()) > 40 and not _GAP.search(x.strip())]
    width = max(statistics.quantiles(widths, n=10)[7], 40) if len(widths) >= 10 else 80
    out: list[Para] = []
    current: list[str] = []
    breaks: set[int] = set()  # lines of the current paragraph that end with a break, not a wrap
    margin = _margin(lines) if wrapped else 0
    indent = previous_indent = 0
    start = 0
    gap = False
    blank_run = 0

    page = starts_page = False  # a page begins before the next paragraph / at the current one
    tables = row = 0  # tables laid out in text so far; the row of the current one

    notes: dict[str, str] = {}  # a page's footnotes by number, read at the page's end
    setup = starts_setup = 0  # the page setup (a PDF's pages turned), now / where the paragraph began

    def flush() -> None:
        if current:
            out.append(Para(index=start, text=_joined(current, breaks), formatted=False, new_page=starts_page,
                            page_section=starts_setup))
            current.clear()
            breaks.clear()

    for number, raw in enumerate(lines, start=1):
        if raw == PAGE:
            page = gap = True
            continue
        if pdf and raw.startswith(SETUP) and raw[len(SETUP):].isdigit() and len(raw) < 8:
            setup = int(raw[len(SETUP):])
            continue
        if pdf and raw.startswith(NOTE_TEXT):
            key, _tab, note = raw[len(NOTE_TEXT):].partition("\t")
            # the page's paragraphs so far hold its mark (the one going on across the page too)
            notes[f"{len(out) + bool(current)}:{key}"] = note
            continue
        if raw.startswith(ROW):  # a row of a table laid out in columns: a paragraph per cell
            flush()
            if not (number > 1 and lines[number - 2].startswith(ROW)):
                tables, row = tables + 1, 0
            row += 1
            cells = raw[len(ROW):].split("\t")
            out += [Para(index=number, text=cell, formatted=False, in_table=True, table=tables, row=row,
                         column=k, cell=(row - 1) * len(cells) + k, new_page=page and k == 1, page_section=setup)
                    for k, cell in enumerate(cells, start=1)]
            page, gap = False, True
            continue
        line = raw.strip()
        if not line:
            blank_run += 1
            # a space-only line, or a run of empty lines beyond the double spacing, is a gap
            if raw or not double or blank_run >= 2:
                gap = True
            continue
        blank_run = 0
        previous_indent, indent = indent, len(raw) - len(raw.lstrip())
        # a label indented past the text's margin opens a paragraph, whatever the line before
        # ("15. Đề nghị Ủy ban …" ↵ "   - Chỉ đạo …": a wrapped line goes on at the margin),
        # as does an indented line after a sentence's end ("… năm 2012;" ↵ "      Sở Tư pháp …")
        indented = wrapped and indent > margin + 2 and bool(
            _LABEL.match(line) or (current and _ENDS_SENTENCE.search(current[-1])))
        # a line indented as the one above it, which stopped short of the width: both are a
        # paragraph's first line ("3.6. Sở Tư pháp" ↵ "      Chủ trì …": a heading naming the
        # agency, its task below); a wrapped line goes on at the margin
        first_lines = wrapped and bool(current) and margin + 2 < indent <= margin + _FIRST_INDENT \
            and abs(indent - previous_indent) <= 1 and not line[:1].islower() \
            and previous_indent - margin + len(current[-1]) < 0.95 * width
        new = not current or not wrapped or indented or first_lines or _starts_paragraph(current, line, width) \
            or (gap and not _continues(current[-1], line))
        if new:
            flush()
            start = number
            starts_page, starts_setup = page, setup
        elif previous_indent > margin + 2 and indent > margin + 2 and len(current[-1]) < 0.85 * width:
            breaks.add(len(current) - 1)  # centred lines, the one before short: a line break
        page = False  # a paragraph that goes on across the page began on the page before
        current.append(line)
        gap = False
    flush()
    return _with_notes(out, notes) if notes else out


_FIRST_INDENT = 12  # at most, a paragraph's first line indented past the margin (centred lines go further)


_MARK = re.compile(f"{NOTE}(\\d+){NOTE}")


def _with_notes(paras: list[Para], notes: dict[str, str]) -> list[Para]:
    """Paragraphs whose text holds footnote marks: the marks out of the text, the notes among
    its runs, as a Word file's are. A mark is the last of its number before the page's notes."""
    from dataclasses import replace

    taken: dict[int, dict[str, str]] = {}
    for where, note in notes.items():
        end, key = where.split(":")
        at = next((k for k in range(int(end) - 1, -1, -1) if f"{NOTE}{key}{NOTE}" in paras[k].text), None)
        if at is not None:
            taken.setdefault(at, {})[key] = note
    out = []
    for k, p in enumerate(paras):
        if NOTE not in p.text:
            out.append(p)
            continue
        runs: list[Run] = []
        pos = 0
        for m in _MARK.finditer(p.text):
            runs.append(Run(p.text[pos:m.start()]))
            note = taken.get(k, {}).get(m.group(1))
            runs.append(Run("", note=note) if note is not None else Run(f" {m.group(1)}"))
            pos = m.end()
        runs.append(Run(p.text[pos:]))
        out.append(replace(p, text="".join(r.text for r in runs), runs=tuple(r for r in runs if r.text or r.note)))
    return out


def _margin(lines: list[str]) -> int:
    """The left margin of wrapped text: where its long lines that go on a paragraph begin (the
    first lines, indented, may be most of a short plan's)."""
    starts = [len(x) - len(x.lstrip()) for x in lines if len(x.strip()) > 40 and not _GAP.search(x.strip())]
    return min(starts, default=0)


def _joined(lines: list[str], breaks: set[int]) -> str:
    """The lines of a paragraph as one text: a line break where it was one, else as wrapped."""
    text = lines[0]
    for k, line in enumerate(lines[1:], start=1):
        text = f"{text}\n{line}" if k - 1 in breaks else join_lines(text, line)
    return text


def _continues(previous: str, line: str) -> bool:
    """Across a gap of the page, a sentence goes on only when plainly unfinished."""
    return line[:1].islower() and not _ENDS_SENTENCE.search(previous)


def _starts_paragraph(paragraph: list[str], line: str, width: float) -> bool:
    """Does `line` begin a new paragraph after the lines of `paragraph` in wrapped text?"""
    previous = paragraph[-1]
    if _GAP.search(previous) or _GAP.search(line):  # a line laid out in columns stands alone
        return True
    if _RULE_LINE.match(line) or _RULE_LINE.match(previous):  # "-----" under a summary stands alone
        return True
    if _STRONG.match(line) or (_ROMAN_HEADING.match(line) and _is_upper(line)):
        return True
    ended = bool(_ENDS_SENTENCE.search(previous))
    short = len(previous) < 0.7 * width
    opens = bool(_LABEL.match(line)) or line[:1].isupper() or line[:1] in "“\"(["
    if _is_upper(previous) and not ended:
        # a section heading in capitals goes on while the next line is in capitals too; other
        # lines in capitals (the issuer, the signature) stand one per line
        heading = bool(_LABEL.match(paragraph[0])) and len(previous) >= 0.6 * width
        return not (heading and _is_upper(line) and not _LABEL.match(line))
    if _LABEL.match(line):
        return ended or short
    if opens and len(previous) < 0.6 * width:  # a wrapped line runs near the width: this one ended
        return True
    return (ended and short and opens) or (ended and opens and len(previous) < 0.9 * width)
