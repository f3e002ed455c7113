"""A Word template prepared once by docxtpl, then rendered by Jinja alone, many times.

docxtpl turns a .docx into Jinja sources: it opens the package with python-docx, cleans the XML
between `{{`/`{%` delimiters and rewrites `{%p`, `{%tr`, `{%tc` tags (`patch_xml`). That work, the
package opening and the recompression of the members nothing changes (styles, theme, fonts) are
the same for every plan, yet docxtpl redoes them per document. Here they are done once:

- `prepare(data)` asks docxtpl for the patched source of every part it renders (the document
  body, the headers and footers, the footnotes), keeps the rest of the package as a zip of
  already-compressed members, and reads what `render.py` needs from the template (its page setup,
  the block kinds it places);
- `load(data)` returns that preparation from the user's cache directory when the same template
  was prepared before by the same code, so a single `plangen build` imports neither docxtpl nor
  python-docx (issue 6, start-up), and a batch worker prepares nothing at all.

The cache is only an optimisation: when it cannot be read or written, the template is prepared
again. Set PLANGEN_CACHE_DIR to choose its place, or to an empty value to disable it.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import json
import os
import re
import sys
import zipfile
from dataclasses import asdict, dataclass
from importlib.util import find_spec
from pathlib import Path

from plangen.errors import OutputError
from plangen.files import write_atomically

FORMAT = 1  # bump when the prepared form changes
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
BLOCK_NAME = re.compile(r"(?=[\"'“”‘’](\w+)[\"'“”‘’])")


@dataclass(frozen=True)
class Part:
    """One member of the package rendered per plan: `head + render(source) + tail`."""

    name: str  # zip member name, e.g. "word/document.xml"
    source: str  # Jinja source, as patched by docxtpl
    head: str = ""  # unchanging XML before the rendered source (the document around its body)
    tail: str = ""
    kind: str = "part"  # "body" (the document body), "part" (header, footer, footnotes)


CORE = "docProps/core.xml"
"""The document's core properties: where a build keeps the fingerprint of what it wrote."""


@dataclass(frozen=True)
class PreparedTemplate:
    static: bytes  # a zip of every member no plan changes, compressed once
    parts: tuple[Part, ...]
    sectpr: str  # the template's last section properties (page size, margins, header refs)
    words: frozenset[str]  # quoted names in the document, e.g. "point" in `b.kind == "point"`
    footnotes: str | None  # the member holding the footnotes, if the template has one
    core: str = ""  # the template's docProps/core.xml, written per plan with the document's fingerprint


# --- preparing (with docxtpl) ------------------------------------------------------------------

def prepare(data: bytes) -> PreparedTemplate:
    """Prepare a template with docxtpl; raises whatever docxtpl raises on a file that is no .docx."""
    from docxtpl import DocxTemplate
    from lxml import etree

    tpl = DocxTemplate(io.BytesIO(data))
    tpl.init_docx()
    docx = tpl.docx
    parts: list[Part] = []

    # the body: docxtpl renders the <w:body> element only; the document element stays around it
    body = docx.element.body
    body_xml = tpl.get_xml()
    marker = "<!--plangen-body-->"
    envelope = etree.fromstring(etree.tostring(docx.element))
    old_body = envelope.find(f"{{{W}}}body")
    old_body.addprevious(etree.Comment("plangen-body"))
    envelope.remove(old_body)
    head, tail = etree.tostring(envelope, encoding="unicode").split(marker)
    declaration = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    parts.append(Part(_member(docx.part.partname), _jinja_source(tpl, body_xml), declaration + head, tail, "body"))

    # headers and footers, as docxtpl finds them: parsed and serialised without declaration
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for _key, part in tpl.get_headers_footers(uri):
            source = _jinja_source(tpl, tpl.get_part_xml(part))
            parts.append(Part(_member(part.partname), source, declaration))

    # footnotes, rendered by docxtpl from the raw part (declaration included)
    footnotes = [p for p in docx.part.package.parts if p.content_type == FOOTNOTES_CT]
    for part in footnotes:
        blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
        parts.append(Part(_member(part.partname), _jinja_source(tpl, blob)))

    # the body and the footnotes (which get the plan's notes) are made per plan, the headers and
    # footers only when they hold Jinja tags
    footnote_names = {_member(p.partname) for p in footnotes}
    parts = [p for p in parts if p.kind == "body" or p.name in footnote_names or _is_template(p.source)]
    sect = body.find(f"{{{W}}}sectPr")
    with zipfile.ZipFile(io.BytesIO(data)) as zin:
        core = zin.read(CORE).decode("utf-8") if CORE in zin.namelist() else ""
    return PreparedTemplate(
        static=_static_members(data, {p.name for p in parts} | ({CORE} if core else set())),
        parts=tuple(parts),
        sectpr=etree.tostring(sect, encoding="unicode") if sect is not None else "",
        words=frozenset(BLOCK_NAME.findall(re.sub(r"<[^>]+>", "", body_xml))),
        footnotes=next(iter(sorted(footnote_names)), None),
        core=core,
    )


def _member(partname: str) -> str:
    return str(partname).lstrip("/")


def _jinja_source(tpl, xml: str) -> str:
    """docxtpl's own preparation of a part's XML, as its `render_xml_part` does before Jinja."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(xml))


def _is_template(source: str) -> bool:
    return any(mark in source for mark in ("{{", "{%", "{#"))


def _static_members(data: bytes, rendered: set[str]) -> bytes:
    """The template's other members, in their order, each compressed here once for all plans."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            if info.filename not in rendered:
                zout.writestr(info, zin.read(info), compress_type=info.compress_type)
    return out.getvalue()


# --- the cache ------------------------------------------------------------------------------

def cache_dir() -> Path | None:
    """Where prepared templates and compiled Jinja code are kept; None when disabled."""
    if "PLANGEN_CACHE_DIR" in os.environ:
        chosen = os.environ["PLANGEN_CACHE_DIR"].strip()
        return Path(chosen) if chosen else None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "plangen"


def _code_signature() -> str:
    """What the prepared form depends on besides the template: this code and docxtpl's."""
    files = [Path(__file__)]
    spec = find_spec("docxtpl")
    if spec and spec.origin:
        files.append(Path(spec.origin).with_name("template.py"))
    stamps = []
    for file in files:
        with contextlib.suppress(OSError):
            st = file.stat()
            stamps.append(f"{file}:{st.st_size}:{st.st_mtime_ns}")
    return f"{FORMAT}|{'|'.join(stamps)}"


def _key(data: bytes) -> str:
    return hashlib.sha256(_code_signature().encode() + b"\0" + data).hexdigest()[:32]


def load(data: bytes) -> PreparedTemplate:
    """The template prepared, from the cache when the same template was prepared before."""
    folder = cache_dir()
    entry = folder / "templates" / f"{_key(data)}.json" if folder else None
    if entry is not None:
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile):
            cached = _from_json(entry.read_text(encoding="utf-8"))
            zipfile.ZipFile(io.BytesIO(cached.static)).close()  # damaged entries are prepared again
            return cached
    prepared = prepare(data)
    if entry is not None:
        with contextlib.suppress(OSError, OutputError):  # a cache that cannot be written is only slower
            write_atomically(_to_json(prepared).encode("utf-8"), entry)  # builds may race
    return prepared


def _to_json(prepared: PreparedTemplate) -> str:
    fields = asdict(prepared)
    fields["static"] = base64.b64encode(prepared.static).decode("ascii")
    fields["words"] = sorted(prepared.words)
    return json.dumps(fields, ensure_ascii=False)


def _from_json(text: str) -> PreparedTemplate:
    fields = json.loads(text)
    return PreparedTemplate(
        static=base64.b64decode(fields["static"]),
        parts=tuple(Part(**p) for p in fields["parts"]),
        sectpr=fields["sectpr"],
        words=frozenset(fields["words"]),
        footnotes=fields["footnotes"],
        core=fields.get("core", ""),
    )
