"""Text of a .docx in reading order: paragraphs of the body, tables cell by cell.

Used by the tests to compare built documents with the reference plans, and by anything that
reads Word files back. Only the standard library's zipfile and lxml (a docxtpl dependency).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CONTAINERS = {f"{W}tbl", f"{W}tr", f"{W}tc", f"{W}sdt", f"{W}sdtContent"}


def _paragraph_text(p: etree._Element) -> str:
    parts = []
    for node in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}delText"):
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag != f"{W}delText":
            parts.append(" " if node.tag != f"{W}br" else "\n")
    return "".join(parts)


def paragraphs(path: str | Path) -> list[str]:
    """Every paragraph's text, in document order (tables included)."""
    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    body = root.find(f"{W}body")
    out: list[str] = []

    def walk(el: etree._Element) -> None:
        for child in el:
            if child.tag == f"{W}p":
                out.append(_paragraph_text(child))
            elif child.tag in _CONTAINERS:
                walk(child)

    walk(body)
    return out


def text(path: str | Path) -> str:
    return "\n".join(paragraphs(path))
