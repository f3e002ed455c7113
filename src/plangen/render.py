"""Plan → .docx through a docxtpl template, written atomically.

The template (ours in templates/plan.docx, or the user's) is rendered in a Jinja sandbox with the
context built by `layout.build_context`. Two things docxtpl cannot do are finished here on the
rendered document: footnotes (added to the footnotes part) and the page setup of appendix
sections (each numbered from 1, portrait or landscape).
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import tempfile
from importlib import resources
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import TemplateError
from lxml import etree

from plangen import models
from plangen.errors import OutputError, Problem, TemplateProblem
from plangen.i18n import _
from plangen.layout import BLOCK_KINDS, build_context
from plangen.markup import FootnoteSink
from plangen.textvars import make_environment

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def default_template() -> Path:
    """The official template shipped with the package."""
    return Path(str(resources.files("plangen") / "data" / "plan.docx"))


class Template:
    """A Word template read once and rendered many times (batch builds reuse it)."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_template()
        try:
            self.data = self.path.read_bytes()
        except OSError as exc:
            raise TemplateProblem(Problem(str(self.path), None, None, _(
                "cannot read the template ({reason})").format(reason=exc.strerror))) from None
        self.env = make_environment()
        self.env.autoescape = True
        # docxtpl compiles the document's XML on every render; the XML is the same each time, so
        # a batch compiles it once (Jinja templates are reusable)
        self.env.from_string = functools.lru_cache(maxsize=64)(self.env.from_string)  # type: ignore[method-assign]
        self.placed_kinds = _placed_kinds(self.data)

    def render(self, plan: models.Plan, laid_out: tuple | None = None) -> bytes:
        """The finished .docx as bytes; `laid_out` is `build_context(plan)` when already made."""
        try:
            tpl = DocxTemplate(io.BytesIO(self.data))
            tpl.init_docx()
        except Exception as exc:  # a file that is not a Word document
            raise TemplateProblem(Problem(str(self.path), None, None, _(
                "the template is not a readable Word (.docx) file ({reason})").format(
                    reason=type(exc).__name__))) from None
        context, notes = laid_out or build_context(plan)
        self._check_places(context)
        sectpr = _template_sectpr(tpl)
        for appendix in context["appendices"]:
            appendix["section_break"].sectpr = _appendix_sectpr(
                sectpr, appendix["section_break"].landscape)
        try:
            tpl.render(context, jinja_env=self.env, autoescape=True)
        except TemplateError as exc:
            lines = " / ".join(x.strip() for x in getattr(exc, "docx_context", []) if x.strip())
            raise TemplateProblem(Problem(str(self.path), getattr(exc, "lineno", None), None, _(
                "the template cannot be rendered: {detail} (near: {near})").format(
                    detail=exc.message or type(exc).__name__, near=lines[:200]))) from None
        docx = tpl.docx
        _keep_end_with_signature(docx)
        if notes.notes:
            _add_footnotes(docx, notes)
        if plan.appendices:
            _finish_last_section(docx, context["last_landscape"])
        out = io.BytesIO()
        docx.save(out)
        return out.getvalue()


    def _check_places(self, context: dict) -> None:
        """Refuse to drop text silently: every kind of block the plan has must have a place."""
        kinds = {b.kind for b in context["body"]}
        for appendix in context["appendices"]:
            kinds |= {b.kind for b in appendix["body"]}
        missing = sorted(kinds - self.placed_kinds)
        if missing:
            raise TemplateProblem(Problem(str(self.path), None, None, _(
                "the template has no place for blocks of kind {kinds} (see docs/template.md); "
                "their text would be lost").format(kinds=", ".join(missing))))


def _placed_kinds(data: bytes) -> set[str]:
    """Block kinds the template names (`b.kind == "point"`), read from its document part."""
    import re
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            xml = zf.read("word/document.xml").decode("utf-8", errors="replace")
    except (zipfile.BadZipFile, KeyError):
        return set()
    text = re.sub(r"<[^>]+>", "", xml)
    return {kind for kind in BLOCK_KINDS if re.search(rf"[\"'“”‘’]{kind}[\"'“”‘’]", text)}


def _keep_end_with_signature(docx) -> None:
    """The paragraph that ends with "./." stays on the page of the signature block, which must
    not stand alone on a page."""
    body = docx.element.body
    for p in body.iterchildren(f"{{{W}}}p"):
        text = "".join(t.text or "" for t in p.iter(f"{{{W}}}t"))
        if text.rstrip().endswith("./."):
            ppr = p.find(f"{{{W}}}pPr")
            if ppr is None:
                ppr = etree.SubElement(p, f"{{{W}}}pPr")
                p.insert(0, ppr)
            keep = etree.SubElement(ppr, f"{{{W}}}keepNext")
            style = ppr.find(f"{{{W}}}pStyle")
            if style is not None:  # schema order: pStyle first, then keepNext
                style.addnext(keep)
            return


def _template_sectpr(tpl: DocxTemplate) -> str:
    body = tpl.docx.element.body
    sect = body.find(f"{{{W}}}sectPr")
    return etree.tostring(sect, encoding="unicode") if sect is not None else ""


def _appendix_sectpr(sectpr: str, landscape: bool) -> str:
    """The template's page setup, numbered from 1, portrait or landscape."""
    if not sectpr:
        return ""
    el = etree.fromstring(sectpr)
    _set_orientation(el, landscape)
    _restart_numbering(el)
    return etree.tostring(el, encoding="unicode")


def _restart_numbering(sect: etree._Element) -> None:
    pg = sect.find(f"{{{W}}}pgNumType")
    if pg is None:
        pg = etree.SubElement(sect, f"{{{W}}}pgNumType")
        # keep schema order: pgNumType comes after pgMar; appending is tolerated by Word
    pg.set(f"{{{W}}}start", "1")


def _set_orientation(sect: etree._Element, landscape: bool) -> None:
    size = sect.find(f"{{{W}}}pgSz")
    if size is None:
        return
    w, h = int(size.get(f"{{{W}}}w")), int(size.get(f"{{{W}}}h"))
    short, long_ = min(w, h), max(w, h)
    size.set(f"{{{W}}}w", str(long_ if landscape else short))
    size.set(f"{{{W}}}h", str(short if landscape else long_))
    if landscape:
        size.set(f"{{{W}}}orient", "landscape")
    elif f"{{{W}}}orient" in size.attrib:
        del size.attrib[f"{{{W}}}orient"]


def _finish_last_section(docx, landscape: bool) -> None:
    sect = docx.element.body.find(f"{{{W}}}sectPr")
    if sect is not None:
        _set_orientation(sect, landscape)
        _restart_numbering(sect)


def _add_footnotes(docx, notes: FootnoteSink) -> None:
    part = next((p for p in docx.part.package.parts if p.content_type == FOOTNOTES_CT), None)
    if part is None:
        raise TemplateProblem(_("the template has no footnotes part; open it in Word, insert a "
                                "footnote, delete it and save, or use the default template"))
    root = etree.fromstring(part.blob)
    for note_id, text in notes.notes:
        root.append(etree.fromstring(
            f'<w:footnotes xmlns:w="{W}">{notes.footnote_xml(note_id, text)}</w:footnotes>')[0])
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# --- writing -------------------------------------------------------------------------------

def write_atomically(data: bytes, target: Path) -> None:
    """Write to a temporary file beside the target, then rename: never a half-written file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def default_output(plan_path: Path) -> Path:
    return plan_path.with_suffix(".docx")


def output_path(plan_path: str | Path, output: str | Path | None = None) -> Path:
    """Where a plan's document goes (beside the plan by default); never over the plan itself."""
    plan_path = Path(plan_path)
    target = Path(output) if output else default_output(plan_path)
    if target.resolve() == plan_path.resolve():
        raise OutputError(Problem(str(target), None, None, _("the output would overwrite the plan file")))
    return target


def build_file(plan_path: str | Path, output: str | Path | None = None,
               template: Template | None = None) -> Path:
    """Load, render and write one plan (without checks); returns the path written."""
    from plangen.load import load_plan

    target = output_path(plan_path, output)
    return write_plan(load_plan(plan_path).plan, target, template)


def write_plan(plan: models.Plan, target: Path, template: Template | None = None,
               laid_out: tuple | None = None) -> Path:
    """Render a validated plan and write it atomically to `target`."""
    data = (template or Template()).render(plan, laid_out)
    try:
        write_atomically(data, target)
    except OSError as exc:
        raise OutputError(Problem(str(target), None, None, _("cannot write the document ({reason})").format(
            reason=exc.strerror))) from None
    return target
