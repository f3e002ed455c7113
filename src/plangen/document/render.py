"""Plan → .docx through a docxtpl template, written atomically.

The template (ours in templates/plan.docx, or the user's) is prepared once by docxtpl
(`prepared.py`) and rendered for each plan by Jinja, in a sandbox, with the context built by
`layout.build_context`; the finishing steps docxtpl applies after Jinja are applied the same way.
Three things docxtpl cannot do are finished here on the rendered XML: footnotes (added to the
footnotes part), the page setup of appendix sections (each numbered from 1, portrait or landscape)
and keeping the closing paragraph with the signature.
"""

from __future__ import annotations

import contextlib
import functools
import io
import re
import zipfile
from importlib import resources
from pathlib import Path

from jinja2 import FileSystemBytecodeCache, FunctionLoader, TemplateError
from lxml import etree

from plangen.document import prepared
from plangen.document.layout import BLOCK_KINDS, build_context
from plangen.document.prepared import W
from plangen.errors import OutputError, Problem, TemplateProblem
from plangen.files import write_atomically
from plangen.i18n import _
from plangen.plan import models
from plangen.plan.markup import FootnoteSink
from plangen.plan.sandbox import bounded, template_line
from plangen.plan.textvars import make_environment

WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
LISTING = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\n\a\f]")  # what docxtpl's resolve_listing changes
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the same plan gives the same bytes


def default_template(party: bool = False) -> Path:
    """The official template shipped with the package: a state body's plan (Nghị định
    30/2020/NĐ-CP), or a Party committee's (Hướng dẫn 36-HD/VPTW)."""
    return Path(str(resources.files("plangen") / "data" / ("party.docx" if party else "plan.docx")))


@functools.cache
def _party_template() -> Template:
    return Template(default_template(party=True))


class Template:
    """A Word template read and prepared once, rendered many times (batch builds reuse it)."""

    def __init__(self, path: str | Path | None = None):
        from plangen.files import read_input

        # the official template lays out a Party committee's plan with the Party's own template
        self.official = not path
        self.path = Path(path) if path else default_template()
        self.data = read_input(self.path, kind=_("a Word template"))  # no device, FIFO, folder or huge file
        from plangen.word.safezip import SafeZip, UnsafeArchive

        try:  # every part inflated within limits before docxtpl opens it: no zip bomb gets through
            with SafeZip(io.BytesIO(self.data)) as archive:
                for name in archive.names():
                    archive.read(name)
        except UnsafeArchive as exc:
            raise TemplateProblem(Problem(str(self.path), None, None, _(
                "the template is not a usable Word (.docx) file ({reason})").format(reason=exc))) from None
        try:
            self.prepared = prepared.load(self.data)
        except Exception as exc:  # a file that is not a Word document
            raise TemplateProblem(Problem(str(self.path), None, None, _(
                "the template is not a readable Word (.docx) file ({reason})").format(
                    reason=type(exc).__name__))) from None
        sources = {part.name: part.source for part in self.prepared.parts}
        self.env = make_environment()
        self.env.autoescape = True  # as docxtpl's render(autoescape=True): values are escaped
        self.env.loader = FunctionLoader(lambda name: (sources[name], None, lambda: True) if name in sources
                                         else None)
        self.env.bytecode_cache = _bytecode_cache()
        self.placed_kinds = set(BLOCK_KINDS) & self.prepared.words

    def render(self, plan: models.Plan, laid_out: tuple | None = None) -> bytes:
        """The finished .docx as bytes; `laid_out` is `build_context(plan)` when already made."""
        if self.official and plan.issuer.format == models.DocumentFormat.party:
            return _party_template().render(plan, laid_out)
        context, notes = laid_out or build_context(plan)
        self._check_places(context)
        if notes.notes and not self.prepared.footnotes:
            raise TemplateProblem(Problem(str(self.path), None, None, _(
                "the template has no footnotes part; open it in Word, insert a footnote, delete it and "
                "save, or use the default template")))
        for appendix in context["appendices"]:
            appendix["section_break"].sectpr = _appendix_sectpr(
                self.prepared.sectpr, appendix["section_break"].landscape)
        members = {}
        style = context.get("style")
        for part, root in self.rendered(context).items():
            if part.kind == "body":
                _finish_body(root, context["last_landscape"] if plan.appendices else None)
                _prepend_record(root, plan.source_record)
                if style is not None:
                    _apply_page_style(root, style)
                data = (part.head + etree.tostring(root, encoding="unicode") + part.tail).encode()
            else:
                if part.name == self.prepared.footnotes and notes.notes:
                    _add_footnotes(root, notes)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            members[part.name] = data
        static = self.prepared.static
        if style is not None:
            static, members["word/styles.xml"] = _restyled(static, style)
        if self.prepared.core:  # what plangen wrote, so that a later build can tell an edited file
            body = next(part.name for part in self.prepared.parts if part.kind == "body")
            members[prepared.CORE] = _with_identifier(self.prepared.core, fingerprint(members[body]))
        return _package(static, members)

    def rendered(self, context: dict) -> dict[prepared.Part, etree._Element]:
        """Each part rendered as docxtpl renders it (for the body, its <w:body> element)."""
        roots = {}
        for part in self.prepared.parts:
            with bounded():  # each part rendered within bounded work, time and size
                xml = self._render_part(part, context)
            if part.kind == "body":
                root = self._parse(part, xml)
                if _tables_need_fixing(root):
                    fixed = _docxtpl().fix_tables(xml)
                    root[:] = fixed[:]
                if root.find(f".//{{{WP}}}docPr") is not None:
                    helper = _docxtpl()
                    helper.docx_ids_index = 1000
                    helper.fix_docpr_ids(root)
            else:
                root = self._parse(part, part.head + xml)
            roots[part] = root
        return roots

    def _render_part(self, part: prepared.Part, context: dict) -> str:
        """Jinja, then the steps docxtpl's `render_xml_part` takes after it."""
        try:
            xml = self.env.get_template(part.name).render(context)
        except TemplateError as exc:
            lineno = template_line(exc, part.name)
            line = max((lineno or 1) - 4, 0)
            near = " / ".join(x for x in (re.sub(r"<[^>]+>", "", s).strip()
                                          for s in part.source.splitlines()[line:line + 7]) if x)
            raise TemplateProblem(Problem(str(self.path), lineno, None, _(
                "the template cannot be rendered: {detail} (near: {near})").format(
                    detail=exc.message or type(exc).__name__, near=near[:200]))) from None
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        if LISTING.search(xml):  # a tab, line or page break inside a value: docxtpl's own code
            xml = _docxtpl().resolve_listing(xml)
        return xml

    def _parse(self, part: prepared.Part, xml: str) -> etree._Element:
        try:
            return etree.fromstring(xml.encode())
        except etree.XMLSyntaxError as exc:
            raise TemplateProblem(Problem(str(self.path), None, None, _(
                "the template makes invalid XML in {part} ({reason}); check its {{%p …%}}, "
                "{{%tr …%}} and {{%tc …%}} tags").format(part=part.name, reason=exc.msg))) from None

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


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Jinja's compiled code of the template parts, kept beside the prepared templates."""
    folder = prepared.cache_dir()
    if folder is None:
        return None
    with contextlib.suppress(OSError):
        (folder / "jinja").mkdir(parents=True, exist_ok=True)
        return FileSystemBytecodeCache(str(folder / "jinja"))
    return None


@functools.cache
def _docxtpl():
    """docxtpl's finishing steps, for the documents that need them (imported only then)."""
    from docxtpl import DocxTemplate

    helper = DocxTemplate.__new__(DocxTemplate)
    helper.docx = None
    return helper


def _finish_body(body: etree._Element, last_landscape: bool | None) -> None:
    """What docxtpl does not do: the closing paragraph kept with the signature, the last
    section's page setup when the plan has appendices."""
    _keep_end_with_signature(body)
    if last_landscape is not None:
        _finish_last_section(body, last_landscape)


def _prepend_record(body: etree._Element, record: list[str]) -> None:
    """An imported file's text that stood above its header (`source_record`, not part of the
    format): printed where it stood, as written, highlighted so that it is deleted before issuing."""
    for text in reversed(record):
        p = etree.Element(f"{{{W}}}p")
        run = etree.SubElement(p, f"{{{W}}}r")
        etree.SubElement(etree.SubElement(run, f"{{{W}}}rPr"), f"{{{W}}}highlight").set(f"{{{W}}}val", "yellow")
        t = etree.SubElement(run, f"{{{W}}}t")
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        body.insert(0, p)


def _tables_need_fixing(body: etree._Element) -> bool:
    """Whether docxtpl's `fix_tables` would change a table: a row with more cells than grid
    columns (a `{%tc` loop), or fewer columns used than declared."""
    for table in body.iter(f"{{{W}}}tbl"):
        grid = table.find(f"{{{W}}}tblGrid")
        columns = len(grid.findall(f"{{{W}}}gridCol")) if grid is not None else 0
        widest = 0
        for row in table.iter(f"{{{W}}}tr"):
            cells = row.findall(f"{{{W}}}tc")
            if len(cells) > columns:
                return True
            widest = max(widest, sum(int(span.get(f"{{{W}}}val", "1")) if (span := cell.find(
                f"{{{W}}}tcPr/{{{W}}}gridSpan")) is not None else 1 for cell in cells))
        if widest < columns:
            return True
    return False


def _package(static: bytes, members: dict[str, bytes]) -> bytes:
    """The template's unchanged members, as compressed once, and the plan's parts."""
    out = io.BytesIO(static)
    with zipfile.ZipFile(out, "a") as zf:
        for name, data in members.items():
            zf.writestr(zipfile.ZipInfo(name, ZIP_TIME), data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _keep_end_with_signature(body: etree._Element) -> None:
    """The paragraph that ends with "./." stays on the page of the signature block, which must
    not stand alone on a page."""
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


# --- an office's house style (plangen.plan.style), applied only when a setting is given -----------

BODY_STYLE_IDS = ("PlanPreamble", "PlanSectionHeading", "PlanItemTitle", "PlanItem", "PlanPoint",
                  "PlanBullet", "PlanBody", "PlanClosing")
"""The paragraph styles of the body, whose line spacing `line_spacing` sets."""


def _restyled(static: bytes, style: models.HouseStyle) -> tuple[bytes, bytes]:
    """The template's members without styles.xml, and styles.xml with the house style's line
    spacing and room before the type name."""
    rest = io.BytesIO()
    styles = b""
    with zipfile.ZipFile(io.BytesIO(static)) as zin, zipfile.ZipFile(rest, "w") as zout:
        for info in zin.infolist():
            if info.filename == "word/styles.xml":
                styles = zin.read(info)
            else:
                zout.writestr(info, zin.read(info), compress_type=info.compress_type)
    if not styles:
        return static, b""
    root = etree.fromstring(styles)
    for el in root.iter(f"{{{W}}}style"):
        sid = el.get(f"{{{W}}}styleId")
        if sid in BODY_STYLE_IDS and style.line_spacing is not None:
            _spacing(el).attrib.update({f"{{{W}}}line": str(round(240 * style.line_spacing)),
                                        f"{{{W}}}lineRule": "auto"})
        if sid == "PlanTypeName" and style.title_space_before is not None:
            _spacing(el).set(f"{{{W}}}before", str(round(style.title_space_before * 20)))
    return rest.getvalue(), etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _spacing(style_el: etree._Element) -> etree._Element:
    ppr = style_el.find(f"{{{W}}}pPr")
    if ppr is None:
        ppr = etree.SubElement(style_el, f"{{{W}}}pPr")
    spacing = ppr.find(f"{{{W}}}spacing")
    if spacing is None:
        spacing = etree.SubElement(ppr, f"{{{W}}}spacing")
    return spacing


def _apply_page_style(body: etree._Element, style: models.HouseStyle) -> None:
    """Margins of every section; the template's borderless full-width tables (header,
    signatures, ending) fitted to the text width; the recipients column as wide as the style
    says. The plan's own tables are already laid out for the text width."""
    from plangen.document.layout import TEXT_WIDTH, text_width
    from plangen.document.measure import mm

    margins = {"top": style.margin_top, "bottom": style.margin_bottom, "left": style.margin_left,
               "right": style.margin_right}
    for mar in body.iter(f"{{{W}}}pgMar"):
        for side, value in margins.items():
            if value is not None:
                mar.set(f"{{{W}}}{side}", str(mm(value)))
    width = text_width(style)
    for table in body.iterchildren(f"{{{W}}}tbl"):
        columns = table.findall(f"{{{W}}}tblGrid/{{{W}}}gridCol")
        widths = [int(c.get(f"{{{W}}}w")) for c in columns]
        borderless = table.find(f"{{{W}}}tblPr/{{{W}}}tblBorders/{{{W}}}top[@{{{W}}}val='nil']") is not None
        if not borderless or abs(sum(widths) - TEXT_WIDTH) > 4:
            continue  # a table of the plan's, already laid out for this width
        styles = {s.get(f"{{{W}}}val") for s in table.iter(f"{{{W}}}pStyle")}
        if style.recipients_width is not None and "PlanRecipient" in styles and len(widths) == 2:
            new = [mm(style.recipients_width), width - mm(style.recipients_width)]
        else:
            new = [round(w * width / TEXT_WIDTH) for w in widths]
            new[-1] += width - sum(new)
        for column, w in zip(columns, new, strict=True):
            column.set(f"{{{W}}}w", str(w))
        for row in table.iterchildren(f"{{{W}}}tr"):
            for cell, w in zip(row.iterchildren(f"{{{W}}}tc"), new, strict=False):
                tcw = cell.find(f"{{{W}}}tcPr/{{{W}}}tcW")
                if tcw is not None:
                    tcw.set(f"{{{W}}}w", str(w))


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


def _finish_last_section(body: etree._Element, landscape: bool) -> None:
    sect = body.find(f"{{{W}}}sectPr")
    if sect is not None:
        _set_orientation(sect, landscape)
        _restart_numbering(sect)


def _add_footnotes(root: etree._Element, notes: FootnoteSink) -> None:
    for note_id, text in notes.notes:
        root.append(etree.fromstring(
            f'<w:footnotes xmlns:w="{W}">{notes.footnote_xml(note_id, text)}</w:footnotes>')[0])


# --- the fingerprint of what plangen wrote --------------------------------------------------

DC = "http://purl.org/dc/elements/1.1/"
FINGERPRINT = "plangen:sha256:"


def fingerprint(document_xml: bytes) -> str:
    """Kept in the file's core properties (`dc:identifier`): Word and LibreOffice rewrite the
    document part on every save, so a file saved since plangen made it no longer matches."""
    import hashlib

    return FINGERPRINT + hashlib.sha256(document_xml).hexdigest()


def _with_identifier(core: str, identifier: str) -> bytes:
    root = etree.fromstring(core.encode("utf-8"))
    element = root.find(f"{{{DC}}}identifier")
    if element is None:
        element = etree.SubElement(root, f"{{{DC}}}identifier")
    element.text = identifier
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def as_plangen_wrote_it(path: Path) -> bool | None:
    """True when the Word file at `path` is as plangen wrote it, False when it was changed since
    (or never made by plangen), None when there is no Word file there to lose."""
    from plangen.word.safezip import SafeZip

    if not path.is_file():
        return None
    try:
        with SafeZip(path) as archive:
            names = archive.names()
            if "word/document.xml" not in names:
                return None
            core = archive.read(prepared.CORE) if prepared.CORE in names else b""
            document = archive.read("word/document.xml")
        element = etree.fromstring(core).find(f"{{{DC}}}identifier") if core else None
    except Exception:  # not a zip, damaged: nobody's Word edits are in it
        return None
    return element is not None and element.text == fingerprint(document)


def refuse_edited(target: Path) -> None:
    """A build never replaces a Word file a person edited since plangen made it (unless forced)."""
    if as_plangen_wrote_it(target) is False:
        raise OutputError(Problem(str(target), None, None, _(
            "this Word file was changed since plangen made it (or was not made by plangen): building would "
            "lose those edits. Build to another file with -o, or use --force to replace it")))


# --- writing -------------------------------------------------------------------------------

def default_output(plan_path: Path) -> Path:
    return plan_path.with_suffix(".docx")


def output_path(plan_path: str | Path, output: str | Path | None = None) -> Path:
    """Where a plan's document goes (beside the plan by default); never over the plan itself."""
    from plangen.plan.yamlsource import refuse_documents

    plan_path = Path(plan_path)
    refuse_documents(plan_path)
    target = Path(output) if output else default_output(plan_path)
    if target.resolve() == plan_path.resolve():
        raise OutputError(Problem(str(target), None, None, _("the output would overwrite the plan file")))
    return target


def build_file(plan_path: str | Path, output: str | Path | None = None,
               template: Template | None = None) -> Path:
    """Load, render and write one plan (without checks); returns the path written."""
    from plangen.document.layout import build_context
    from plangen.plan.load import load_plan
    from plangen.plan.style import office_style

    target = output_path(plan_path, output)
    plan = load_plan(plan_path).plan
    return write_plan(plan, target, template, build_context(plan, office_style(plan_path)))


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
