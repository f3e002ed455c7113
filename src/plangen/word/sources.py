"""Open a plan an office already has — Word (.docx, .doc), PDF with a text layer, or text — as
displayed paragraphs for the recogniser.

The kind of file is told by its first bytes, not its name: a .docx is a zip with a
`word/document.xml`, a .doc or a password-protected Office file is an OLE compound file, a PDF
starts with `%PDF`; a text carrying Markdown or web markup (`**bold**`, tables of bars, entities)
is read as web text (`plangen.word.webtext`), any other as plain text. Every outside program runs
with a time limit, and every file is read up to a size limit, so that no file can hold the machine.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from plangen.errors import PlanInputError, Problem
from plangen.i18n import _
from plangen.word.wordfile import Para, WordDocument

MAX_BYTES = 50 * 1024 * 1024  # a 20-page plan is well under 1 MB; a scanned one under 50
TIMEOUT_S = 120  # pdftotext, LibreOffice
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class Source:
    """A file's paragraphs as displayed, and what kind of file it was."""

    path: str
    kind: str  # "docx", "doc", "pdf", "text"
    paragraphs: list[Para]
    word: WordDocument | None = None  # for Word files: page setup, sections


def _problem(path: Path, message: str) -> PlanInputError:
    return PlanInputError(Problem(str(path), None, None, message))


def sniff(path: Path) -> str:
    """"docx", "ole" (a .doc or an encrypted Office file), "pdf", "zip" or "text"."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise _problem(path, _("cannot read the file ({reason})").format(reason=exc.strerror or exc)) from None
    if head.startswith(b"PK"):
        return "zip"
    if head == OLE_MAGIC:
        return "ole"
    if head.startswith(b"%PDF"):
        return "pdf"
    return "text"


def _check_size(path: Path) -> None:
    if not path.is_file():
        raise _problem(path, _("file not found") if not path.exists() else _("not a regular file"))
    if path.stat().st_size > MAX_BYTES:
        raise _problem(path, _("the file is larger than {n} MB: is it really a plan?").format(
            n=MAX_BYTES // (1024 * 1024)))


def read_source(path: str | Path) -> Source:
    """The paragraphs of a plan file of any kind plangen can import; a located error otherwise."""
    path = Path(path)
    _check_size(path)
    kind = sniff(path)
    if kind == "zip":
        return _docx(path, path, "docx")
    if kind == "ole":
        return _ole(path)
    if kind == "pdf":
        return _pdf(path)
    return _text(path)


def _docx(path: Path, shown: Path, kind: str) -> Source:
    from plangen.word.wordfile import NotAWordFile, read

    try:
        doc = read(path)
    except NotAWordFile as exc:
        raise _problem(shown, _("this is not a readable Word (.docx) file: it may be damaged ({reason})").format(
            reason=exc)) from None
    doc.path = str(shown)
    return Source(str(shown), kind, doc.paragraphs, doc)


def _ole(path: Path) -> Source:
    """A Word 97–2003 .doc is converted through LibreOffice; an encrypted file is refused."""
    data = path.read_bytes()
    if "EncryptedPackage".encode("utf-16-le") in data or b"EncryptedPackage" in data:
        raise _problem(path, _("the file is protected by a password: open it in Word, remove the "
                               "password (File → Info → Protect Document) and save it again"))
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        raise _problem(path, _("this is an old Word file (.doc): install LibreOffice (Debian package "
                               "libreoffice-writer-nogui) to import it, or save it as .docx in Word"))
    from plangen.office.convert import run_soffice

    with tempfile.TemporaryDirectory(prefix="plangen-doc-") as tmp:
        source = Path(tmp, "source.doc")
        shutil.copyfile(path, source)
        try:
            converted, failure = run_soffice(program, source, "docx", Path(tmp), TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise _problem(path, _("LibreOffice did not finish converting within {n} seconds").format(
                n=TIMEOUT_S)) from None
        if failure or not converted.is_file():
            raise _problem(path, _("LibreOffice could not read this file: it may be damaged or not a "
                                   "Word document"))
        return _docx(converted, path, "doc")


def _pdf(path: Path) -> Source:
    from plangen.word import textfile

    program = shutil.which("pdftotext")
    if program is None:
        raise _problem(path, _("importing a PDF needs poppler's pdftotext: install the Debian package "
                               "poppler-utils"))
    try:
        proc = subprocess.run([program, "-layout", "-enc", "UTF-8", "-nopgbrk", str(path), "-"],
                              capture_output=True, timeout=TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        raise _problem(path, _("pdftotext did not finish within {n} seconds").format(n=TIMEOUT_S)) from None
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip()
        if "password" in detail.lower() or "encrypt" in detail.lower():
            raise _problem(path, _("the PDF is protected by a password: save an unprotected copy first"))
        raise _problem(path, _("this PDF cannot be read ({detail})").format(detail=detail[:160] or "?"))
    text = proc.stdout.decode("utf-8", "replace")
    if len(text.split()) < 20:
        raise _problem(path, _("this PDF has no text layer (a scanned image): plangen cannot read it; "
                               "import the Word file instead, or the text after recognising it (OCR)"))
    return Source(str(path), "pdf", textfile.paragraphs(textfile.from_pdf_layout(text)))


def _text(path: Path) -> Source:
    from plangen.word import textfile, webtext

    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise _problem(path, _("this is not a text file, a Word file or a PDF"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise PlanInputError(Problem(str(path), line, None, _(
            "the text is not UTF-8: save it as UTF-8 (in Notepad: Save as… → Encoding: UTF-8)"))) from None
    if webtext.is_web_text(text):
        return Source(str(path), "text", webtext.paragraphs(text))
    return Source(str(path), "text", textfile.paragraphs(text))
