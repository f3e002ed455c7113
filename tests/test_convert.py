"""PDF and page images through LibreOffice; two conversions at once must both succeed."""

from __future__ import annotations

import shutil
import threading

import pytest

from cli_helpers import run_cli
from conftest import EXAMPLES

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [pytest.mark.soffice,
              pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (.ci/run installs it)")]


def test_build_pdf_and_png(tmp_path, capsys):
    result = run_cli(capsys, "build", str(EXAMPLES / "vinhlong-2025.yaml"), "-o", str(tmp_path / "vl.docx"),
                     "--pdf", "--png")
    assert result.code == 0, result.err
    pdf = tmp_path / "vl.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftoppm"):
        assert (tmp_path / "vl-1.png").read_bytes().startswith(b"\x89PNG")


def test_two_conversions_at_once(tmp_path):
    from plangen.convert import to_pdf
    from plangen.render import build_file

    docs = [build_file(EXAMPLES / "vinhlong-2025.yaml", tmp_path / f"p{i}.docx") for i in range(2)]
    errors: list[BaseException] = []

    def convert(doc):
        try:
            to_pdf(doc)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=convert, args=(d,)) for d in docs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert all(d.with_suffix(".pdf").is_file() for d in docs)


def test_missing_libreoffice_is_a_clear_message(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = run_cli(capsys, "build", "--lang", "en", str(EXAMPLES / "vinhlong-2025.yaml"),
                     "-o", str(tmp_path / "x.docx"), "--pdf")
    assert result.code == 2
    assert "libreoffice-writer-nogui" in result.err and "Windows" in result.err and "macOS" in result.err
    assert not (tmp_path / "x.docx").exists()  # said before building
