"""PDF and page images of a built document, through LibreOffice (and poppler for images).

LibreOffice runs headless with a private profile directory per conversion, so two builds can
convert at the same time (a shared profile makes the second `soffice` exit at once). Outputs
are written beside the .docx, atomically, like the .docx itself.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from plangen.errors import OutputError, Problem
from plangen.files import move_into_place
from plangen.i18n import _

TIMEOUT_S = 300


def soffice() -> str:
    """Path of LibreOffice's `soffice`, or an error naming the Debian package to install."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise OutputError(_("LibreOffice is not installed, and it makes the PDF files. Install it: on Debian or "
                        "Ubuntu `sudo apt-get install libreoffice-writer-nogui fonts-liberation`; on Windows "
                        "or macOS from https://www.libreoffice.org/download (on macOS also `brew install "
                        "--cask libreoffice`)"))


PDF_A = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
"""LibreOffice's filter for PDF/A-2b (ISO 19005-2, for archiving), as `--convert-to` takes it."""


def run_soffice(program: str, source: Path, fmt: str, outdir: Path, timeout: int = TIMEOUT_S) -> tuple[Path, str]:
    """Convert `source` to `fmt` into `outdir` with a private profile (in `outdir`); returns the
    file LibreOffice should have made and its last message. TimeoutExpired when it hangs."""
    profile = Path(outdir, "profile").as_uri()
    proc = subprocess.run(
        [program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
         "--convert-to", fmt, "--outdir", str(outdir), str(source)],
        capture_output=True, text=True, timeout=timeout, check=False)
    produced = Path(outdir, source.with_suffix("." + fmt.split(":")[0]).name)
    detail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["?"]
    return produced, ("" if proc.returncode == 0 else detail[0][:200])


def to_pdf(docx: Path, target: Path | None = None, pdf_a: bool = False, keep_running: bool = True) -> Path:
    """Convert a .docx to PDF (default: same name, .pdf; PDF/A-2b when `pdf_a`); returns the PDF
    path. Through a LibreOffice kept running (office.py: the build server's, or this process's,
    started when `keep_running`, for a batch), else by starting LibreOffice for this document
    (quicker for a single document)."""
    from plangen.office import kept as office

    program = soffice()
    target = target or docx.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="plangen-lo-") as tmp:
        produced = Path(tmp, target.name)
        try:
            converted = office.convert(program, docx, produced, pdf_a, start=keep_running)
        except (KeyboardInterrupt, SystemExit):
            # Ctrl-C, SIGTERM in a batch: this process's LibreOffice may still be writing into the
            # folder; it is ended first, so that the folder can go (nothing is written after it)
            office.stop()
            raise
        if converted:
            move_into_place(produced, target)
            return target
        try:
            produced, failure = run_soffice(program, docx, PDF_A if pdf_a else "pdf", Path(tmp))
        except subprocess.TimeoutExpired:
            raise OutputError(Problem(str(docx), None, None, _(
                "LibreOffice did not finish converting within {n} seconds").format(n=TIMEOUT_S))) from None
        if failure or not produced.is_file():
            raise OutputError(Problem(str(docx), None, None, _(
                "LibreOffice could not convert the document ({detail})").format(detail=failure or "?")))
        move_into_place(produced, target)
    return target


def to_png(pdf: Path, resolution: int = 80, beside: Path | None = None, inputs: tuple = ()) -> list[Path]:
    """Page images `name-1.png`, `name-2.png`… beside the PDF, or named after `beside` (the
    document) next to it when the PDF is only an intermediate file (needs poppler's pdftoppm).
    None of them replaces one of `inputs`."""
    return to_images(pdf, "png", resolution, beside, inputs)


def to_images(pdf: Path, kind: str = "png", resolution: int = 80, beside: Path | None = None,
              inputs: tuple = ()) -> list[Path]:
    """Page images `name-1.png` (or `.jpg`: written several times faster, for a preview), … beside
    the PDF or named after `beside` (needs poppler's pdftoppm); none replaces one of `inputs`."""
    from plangen.files import refuse_inputs

    beside = beside or pdf
    program = shutil.which("pdftoppm")
    if program is None:
        raise OutputError(_("pdftoppm is not installed: install the Debian package poppler-utils "
                            "to make page images"))
    suffix = {"png": "png", "jpeg": "jpg"}[kind]
    with tempfile.TemporaryDirectory(prefix="plangen-png-") as tmp:
        proc = subprocess.run([program, f"-{kind}", "-r", str(resolution), str(pdf), str(Path(tmp, "page"))],
                              capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
        if proc.returncode != 0:
            raise OutputError(Problem(str(pdf), None, None, _("pdftoppm could not make page images ({detail})"
                                                               ).format(detail=proc.stderr.strip()[:200])))
        pages = sorted(Path(tmp).glob(f"page-*.{suffix}"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        out = []
        targets = [beside.with_name(f"{beside.stem}-{n}.{suffix}") for n in range(1, len(pages) + 1)]
        for target in targets:
            refuse_inputs(target, inputs)
        for page, target in zip(pages, targets, strict=True):
            move_into_place(page, target)
            out.append(target)
    return out
