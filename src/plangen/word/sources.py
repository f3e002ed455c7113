"""Open a plan an office already has — Word (.docx, .doc), PDF with a text layer, or text — as
displayed paragraphs for the recogniser.

The kind of file is told by its first bytes, not its name: a .docx is a zip with a
`word/document.xml`, a .doc or a password-protected Office file is an OLE compound file, a PDF
starts with `%PDF`; a text carrying Markdown or web markup (`**bold**`, tables of bars, entities)
is read as web text (`plangen.word.webtext`), any other as plain text. Every outside program runs
with a time limit, every file is read up to a size limit (`plangen.files.read_input`), the text of
a PDF is read as it comes, up to a limit of pages and bytes, and every kind of file gives at most
`MAX_PARAGRAPHS` paragraphs, so that no file can hold the machine. A control character that Word
cannot store (U+007F, C0 and C1 codes) is refused where it stands in the source: an imported plan
holding one would not load.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from plangen.errors import PlanInputError, Problem
from plangen.files import is_opendocument_text
from plangen.i18n import _
from plangen.word.wordfile import MAX_PARAGRAPHS, Para, WordDocument

MAX_BYTES = 50 * 1024 * 1024  # a 20-page plan is well under 1 MB; a scanned one under 50
TIMEOUT_S = 120  # pdftotext, LibreOffice
MAX_PDF_PAGES = 2_000  # a plan with its appendices has a few dozen
MAX_TEXT_BYTES = 32 * 1024 * 1024  # the text of a PDF (2,000 full pages are about 10 MB)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class Source:
    """A file's paragraphs as displayed, and what kind of file it was."""

    path: str
    kind: str  # "docx", "doc", "odt", "pdf", "text"
    paragraphs: list[Para]
    word: WordDocument | None = None  # for Word files: page setup, sections
    landscape: tuple[bool, ...] = ()  # for PDFs: of each page setup (`Para.page_section`), turned or not


def _problem(path: Path, message: str) -> PlanInputError:
    return PlanInputError(Problem(str(path), None, None, message))


def read_source(path: str | Path) -> Source:
    """The paragraphs of a plan file of any kind plangen can import; a located error otherwise."""
    from plangen.files import read_input

    path = Path(path)
    data = read_input(path, MAX_BYTES, _("a plan"))  # no folder, device, FIFO or huge file
    head = data[:8]
    if head.startswith(b"PK") and is_opendocument_text(data):  # LibreOffice Writer's own format
        source = _through_office(path, data, "odt")
    elif head.startswith(b"PK"):
        source = _docx(path, path, "docx", data)
    elif head == OLE_MAGIC:
        source = _ole(path, data)
    elif head.startswith(b"%PDF"):
        source = _pdf(path)
    else:
        source = _text(path, data)
    if len(source.paragraphs) > MAX_PARAGRAPHS:
        raise _problem(path, _("it holds more than {n} paragraphs or lines; a plan has a few thousand at most").format(
            n=f"{MAX_PARAGRAPHS:,}"))
    _refuse_control_characters(source)
    return source


def _refuse_control_characters(source: Source) -> None:
    """Characters Word cannot store, at their paragraph (a text's line) and column."""
    from plangen.plan.yamlsource import _CONTROL

    problems = []
    for para in source.paragraphs:
        found = _CONTROL.search(para.text) or _C1.search(para.text)
        if found and len(problems) < 20:
            problems.append(Problem(source.path, para.index, found.start() + 1, _(
                "control character U+{code:04X} is not allowed in a plan (Word cannot store it); "
                "delete it").format(code=ord(found.group()))))
    if problems:
        raise PlanInputError(problems)


_C1 = re.compile("[\x80-\x9f]")  # C1 controls: no text shows them (a terminal obeys some)


def _docx(path: Path, shown: Path, kind: str, data: bytes | None = None) -> Source:
    from plangen.word.wordfile import NotAWordFile, read

    try:
        doc = read(path, data)
    except NotAWordFile as exc:
        raise _problem(shown, _("this is not a readable Word (.docx) file: it may be damaged ({reason})").format(
            reason=exc)) from None
    doc.path = str(shown)
    return Source(str(shown), kind, doc.paragraphs, doc)


def _ole(path: Path, data: bytes) -> Source:
    """A Word 97–2003 .doc is converted through LibreOffice; an encrypted file is refused."""
    if "EncryptedPackage".encode("utf-16-le") in data or b"EncryptedPackage" in data:
        raise _problem(path, _("the file is protected by a password: open it in Word, remove the "
                               "password (File → Info → Protect Document) and save it again"))
    return _through_office(path, data, "doc")


def _through_office(path: Path, data: bytes, kind: str) -> Source:
    """An old Word file (.doc) or an OpenDocument text (.odt) converted to .docx by LibreOffice, then
    read as one: by the LibreOffice kept running, when this process has one (the build server's,
    the web editor's, or one started for several such files, see `keep_office_for`), else by one
    started for this file."""
    program = _soffice()
    if program is None:
        if kind == "odt":
            raise _problem(path, _("this is an OpenDocument text (.odt): install LibreOffice (Debian package "
                                   "libreoffice-writer-nogui) to read it, or save it as .docx"))
        raise _problem(path, _("this is an old Word file (.doc): install LibreOffice (Debian package "
                               "libreoffice-writer-nogui) to import it, or save it as .docx in Word"))
    from plangen.errors import OutputError
    from plangen.office import kept
    from plangen.office.convert import run_soffice

    unreadable = _("LibreOffice could not read this file: it may be damaged or not a Word document")
    with tempfile.TemporaryDirectory(prefix="plangen-doc-") as tmp:
        source = Path(tmp, f"source.{kind}")
        source.write_bytes(data)  # what was read and checked, not what the path holds now
        converted = Path(tmp, "source.docx")
        try:
            if kept.convert(program, source, converted, start=False, export=kept.WORD) and converted.is_file():
                return _docx(converted, path, kind)
        except OutputError:
            raise _problem(path, unreadable) from None
        try:
            converted, failure = run_soffice(program, source, "docx", Path(tmp), TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise _problem(path, _("LibreOffice did not finish converting within {n} seconds").format(
                n=TIMEOUT_S)) from None
        if failure or not converted.is_file():
            raise _problem(path, unreadable)
        return _docx(converted, path, kind)


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def keep_office_for(paths: list[Path], lives_on: bool = False) -> None:
    """Several old Word files (.doc) are about to be read by this process (or one by a process that
    lives on, the web editor): start the kept LibreOffice now, without waiting, so that they are
    converted by one LibreOffice rather than one start each (it gets ready while the first files
    are read). One .doc alone is quicker with a LibreOffice started for it."""
    from plangen.office import kept

    program = _soffice()
    old_word = sum(Path(p).suffix.lower() in (".doc", ".odt") for p in paths)
    if program is not None and old_word >= (1 if lives_on else 2) and kept.usable(program):
        kept.prestart(program)


def _pdf(path: Path) -> Source:
    from plangen.word import textfile

    program = shutil.which("pdftotext")
    if program is None:
        raise _problem(path, _("importing a PDF needs poppler's pdftotext: install the Debian package "
                               "poppler-utils"))
    code, out, detail = _pdftotext(program, path)
    if code != 0:
        if "password" in detail.lower() or "encrypt" in detail.lower():
            raise _problem(path, _("the PDF is protected by a password: save an unprotected copy first"))
        raise _problem(path, _("this PDF cannot be read ({detail})").format(detail=detail[:160] or "?"))
    if out.count(b"\f") > MAX_PDF_PAGES:  # each page ends with a form feed
        raise _problem(path, _("the PDF has more than {n} pages; a plan has a few dozen").format(
            n=f"{MAX_PDF_PAGES:,}"))
    text = out.decode("utf-8", "replace")  # its form feeds kept: the reader begins a page at each
    if len(text.split()) < 20:
        raise _problem(path, _("this PDF has no text layer (a scanned image): plangen cannot read it; "
                               "import the Word file instead, or the text after recognising it (OCR)"))
    _bounded_lines(path, text)
    turned = _turned_pages(path)
    setups = tuple(t for k, t in enumerate(turned) if k == 0 or t != turned[k - 1])
    paragraphs = _dressed(path, textfile.pdf_paragraphs(text, turned), turned)
    return Source(str(path), "pdf", paragraphs, landscape=setups)


MAX_LAYOUT_BYTES = 8 * MAX_TEXT_BYTES  # the words' boxes and the runs' fonts take several times the text


def _dressed(path: Path, paragraphs: list[Para], turned: list[bool]) -> list[Para]:
    """A PDF's paragraphs with their look (bold, italic, alignment) read from where and in which
    font each word is printed (`plangen.word.pdflook`); as they are, their look unknown, when
    poppler's pdftohtml is missing or cannot read the file."""
    from plangen.word import pdflook

    pdftotext, pdftohtml = shutil.which("pdftotext"), shutil.which("pdftohtml")
    if pdftotext is None or pdftohtml is None:
        return paragraphs
    pages = ["-l", str(MAX_PDF_PAGES + 1)]
    try:
        code, bbox, _detail = _bounded_run([pdftotext, "-bbox", "-enc", "UTF-8", *pages, str(path), "-"], path,
                                           MAX_LAYOUT_BYTES)
        if code != 0:
            return paragraphs
        code, xml, _detail = _bounded_run([pdftohtml, "-xml", "-i", "-stdout", "-zoom", "1", "-q", *pages,
                                           str(path)], path, MAX_LAYOUT_BYTES)
    except PlanInputError:
        return paragraphs  # too large or too slow to dress: the text alone is read
    if code != 0:
        return paragraphs
    found, widths = pdflook.words(bbox.decode("utf-8", "replace"), xml.decode("utf-8", "replace"))
    if not found:
        return paragraphs
    from plangen.word import pdfcolumns

    ruled = _ruled_tables(path, turned)
    # the tables printed without rules too, read by their columns; all in the order of the pages
    grids = sorted(ruled + pdfcolumns.grids(found, ruled), key=lambda g: (g.page, g.ys[0]))
    return pdflook.dress(paragraphs, found, widths, grids)


MAX_DRAWING_BYTES = 4 * MAX_TEXT_BYTES  # the pages drawn as SVG (their glyphs once, their rules)


def _ruled_tables(path: Path, turned: list[bool]) -> list:
    """The ruled tables of a PDF's pages (`plangen.word.pdftable`), from poppler's pdftocairo
    drawing of them: one drawing for each run of pages set up alike (a drawing has the size of
    its first page and cuts what lies past it); none when pdftocairo is missing or a drawing
    too large."""
    from plangen.word import pdftable

    program = shutil.which("pdftocairo")
    if program is None:
        return []
    runs = [k for k in range(1, len(turned)) if turned[k] != turned[k - 1]]
    bounds = list(zip([0, *runs], [*runs, None], strict=True))[:_MAX_DRAWINGS]
    out = []
    for first, end in bounds:
        last = str(end if end is not None else MAX_PDF_PAGES + 1)
        try:
            code, svg, _detail = _bounded_run([program, "-svg", "-f", str(first + 1), "-l", last, str(path), "-"],
                                              path, MAX_DRAWING_BYTES)
        except PlanInputError:
            return out
        if code != 0:
            return out
        pages = pdftable.rules(svg.decode("utf-8", "replace"))
        out += [grid for k, (level, upright) in enumerate(pages, start=first)
                for grid in pdftable.grids(k, level, upright)]
    return out


_MAX_DRAWINGS = 20  # runs of pages set up alike drawn, at most (a plan turns a few appendices)


_PAGE_SIZE = re.compile(r"^Page\s+\d+\s+size:\s*([\d.]+)\s*x\s*([\d.]+)", re.MULTILINE)


def _turned_pages(path: Path) -> list[bool]:
    """Which pages of a PDF are landscape (poppler's pdfinfo; none known without it): an appendix
    printed on turned pages is `landscape` in the plan."""
    program = shutil.which("pdfinfo")
    if program is None:
        return []
    try:
        done = subprocess.run([program, "-f", "1", "-l", str(MAX_PDF_PAGES), str(path)], capture_output=True,
                              stdin=subprocess.DEVNULL, timeout=TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        return []
    sizes = _PAGE_SIZE.findall(done.stdout.decode("utf-8", "replace")) if done.returncode == 0 else []
    return [float(width) > float(height) for width, height in sizes]


def _pdftotext(program: str, path: Path) -> tuple[int, bytes, str]:
    """(status, text, its messages) of pdftotext on at most MAX_PDF_PAGES + 1 pages, the text read
    as it comes and refused past MAX_TEXT_BYTES (a PDF of 100,000 pages is 16 MB; its text would
    fill gigabytes); pdftotext is ended at TIMEOUT_S."""
    command = [program, "-layout", "-enc", "UTF-8", "-l", str(MAX_PDF_PAGES + 1), str(path), "-"]
    return _bounded_run(command, path, MAX_TEXT_BYTES)


def _bounded_run(command: list[str], path: Path, limit: int) -> tuple[int, bytes, str]:
    """(status, output, messages) of a poppler program writing to its standard output, the output
    read as it comes and refused past `limit` bytes; the program is ended at TIMEOUT_S."""
    import threading

    with tempfile.TemporaryFile() as errors, subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=errors) as proc:
        late = threading.Event()

        def end() -> None:
            late.set()
            proc.kill()

        timer = threading.Timer(TIMEOUT_S, end)
        timer.start()
        out = bytearray()
        try:
            while chunk := proc.stdout.read1(1 << 20):
                out += chunk
                if len(out) > limit:
                    raise _problem(path, _("the text of this PDF is larger than {n} MB; a plan's is far "
                                           "smaller").format(n=MAX_TEXT_BYTES // 2**20))
            proc.wait()
        finally:
            timer.cancel()
            if proc.poll() is None:
                proc.kill()
        if late.is_set():
            # (only pdftotext's own limit is ever shown: the look's readers fall back to the text)
            raise _problem(path, _("pdftotext did not finish within {n} seconds").format(n=TIMEOUT_S))
        errors.seek(0)
        detail = errors.read(64 * 1024).decode("utf-8", "replace").strip()
    return proc.returncode, bytes(out), detail


def _bounded_lines(path: Path, text: str) -> None:
    """A text of more lines than any plan has is refused before it is read into paragraphs."""
    if text.count("\n") > 2 * MAX_PARAGRAPHS:
        raise _problem(path, _("it holds more than {n} paragraphs or lines; a plan has a few thousand at most").format(
            n=f"{2 * MAX_PARAGRAPHS:,}"))


def _text(path: Path, data: bytes) -> Source:
    from plangen.plan.yamlsource import utf16
    from plangen.word import textfile, webtext

    if utf16(data):
        raise _problem(path, _("the text is saved as UTF-16 (“Unicode”): save it as UTF-8 (in Notepad: "
                               "Save as… → Encoding: UTF-8)"))
    if b"\x00" in data[:4096]:
        raise _problem(path, _("this is not a text file, a Word file or a PDF"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise PlanInputError(Problem(str(path), line, None, _(
            "the text is not UTF-8: save it as UTF-8 (in Notepad: Save as… → Encoding: UTF-8)"))) from None
    _bounded_lines(path, text)
    if webtext.is_web_text(text):
        return Source(str(path), "text", webtext.paragraphs(text))
    return Source(str(path), "text", textfile.paragraphs(text))
