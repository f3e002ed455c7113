"""Word files made the way offices make them by hand, for the tests of `check` and `import`.

Real plans typed in Word differ from plangen's output: Word's automatic numbering (the labels
"I.", "1.", "a)", "-" are not in the text), the header and the signature laid out in borderless
two-column tables, manual line breaks inside the signature, blank spacer paragraphs, direct
formatting and odd font names, tracked changes, footnotes, an appendix after the signature with
its own bullets, landscape appendix sections with their own margins. `OfficeDoc` writes such
files with python-docx and a little XML; `plan_from_text` lays a plan given as text out that way.
"""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

ALIGN = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT,
         "left": WD_ALIGN_PARAGRAPH.LEFT, "both": WD_ALIGN_PARAGRAPH.JUSTIFY}

# list formats as Word writes them: (numFmt, lvlText)
FORMATS = {"roman": ("upperRoman", "%1."), "decimal": ("decimal", "%1."), "letter": ("lowerLetter", "%1)"),
           "dash": ("bullet", "-"), "plus": ("bullet", "+"), "outline": ("decimal", "%1.%2.")}


class OfficeDoc:
    """A Word document typed by hand, in the official format unless told otherwise."""

    def __init__(self, font: str = "Times New Roman") -> None:
        self.doc = Document()
        self.font = font
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        section.different_first_page_header_footer = True
        self._page_number(section.header)
        normal = self.doc.styles["Normal"]
        normal.font.name = font
        normal.font.size = Pt(14)
        normal.element.rPr.rFonts.set(qn("w:eastAsia"), font)
        self._lists: dict[str, int] = {}
        self._notes = 0
        self._revision = 0

    # --- pieces ------------------------------------------------------------------------------

    @staticmethod
    def _page_number(header) -> None:
        p = header.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run()
        for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
            if kind:
                fld = OxmlElement("w:fldChar")
                fld.set(qn("w:fldCharType"), kind)
                run._r.append(fld)
            else:
                instr = OxmlElement("w:instrText")
                instr.text = text
                run._r.append(instr)

    def para(self, text: str = "", *, bold: bool = False, italic: bool = False, align: str = "both",
             indent: bool = True, size: float = 14, container=None, runs: list | None = None,
             font: str | None = None):
        """A paragraph; `runs` is a list of (text, bold, italic) for mixed formatting; a "\\n" in a
        text is a manual line break."""
        container = container if container is not None else self.doc
        p = container.add_paragraph()
        p.alignment = ALIGN[align]
        p.paragraph_format.space_after = Pt(6)
        if indent and align == "both":
            p.paragraph_format.first_line_indent = Cm(1.27)
        for piece, b, i in runs or [(text, bold, italic)]:
            for k, line in enumerate(piece.split("\n")):
                run = p.add_run(line)
                if k:
                    run._r.insert(0, OxmlElement("w:br"))
                run.bold, run.italic, run.font.size = b, i, Pt(size)
                if font:
                    run.font.name = font
        return p

    def blank(self, container=None):
        """A spacer paragraph, as clerks type them."""
        return self.para("", container=container, indent=False)

    def numbered(self, text: str, kind: str, list_name: str = "body", level: int = 0, **fmt):
        """A paragraph numbered by Word: the label is computed, not typed."""
        p = self.para(text, **fmt)
        num_id = self._list(list_name, kind)
        ppr = p._p.get_or_add_pPr()
        numpr = OxmlElement("w:numPr")
        ilvl = OxmlElement("w:ilvl")
        ilvl.set(qn("w:val"), str(level))
        num = OxmlElement("w:numId")
        num.set(qn("w:val"), str(num_id))
        numpr.append(ilvl)
        numpr.append(num)
        ppr.insert(0, numpr)
        return p

    def restart(self, list_name: str) -> None:
        """The next paragraph of this list starts again at 1 (a new Word list)."""
        for key in [k for k in self._lists if k.startswith(f"{list_name}:")]:
            del self._lists[key]

    def _list(self, name: str, kind: str) -> int:
        key = f"{name}:{kind}"
        if key in self._lists:
            return self._lists[key]
        numbering = self.doc.part.numbering_part.element
        abstract_id = len(numbering.findall(qn("w:abstractNum"))) + 100
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(abstract_id))
        fmt, text = FORMATS[kind]
        for level in range(2):
            lvl = OxmlElement("w:lvl")
            lvl.set(qn("w:ilvl"), str(level))
            for tag, value in (("w:start", "1"), ("w:numFmt", fmt if level == 0 or kind != "outline" else "decimal"),
                               ("w:lvlText", text if level == 0 or kind == "outline" else "%2.")):
                el = OxmlElement(tag)
                el.set(qn("w:val"), value)
                lvl.append(el)
            abstract.append(lvl)
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        num_id = len(numbering.findall(qn("w:num"))) + 100
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(num_id))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), str(abstract_id))
        num.append(ref)
        numbering.append(num)
        self._lists[key] = num_id
        return num_id

    def table(self, rows: int, cols: int, borders: bool = False):
        table = self.doc.add_table(rows=rows, cols=cols)
        if borders:
            table.style = self.doc.styles["Table Grid"]
        for row in table.rows:
            for cell in row.cells:
                cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
        return table

    def header_table(self, left: list[tuple[str, bool]], right: list[tuple[str, bool, bool]]) -> None:
        """Issuer lines (text, bold) | Quốc hiệu, Tiêu ngữ, date (text, bold, italic)."""
        table = self.table(1, 2)
        for text, bold in left:
            self.para(text, bold=bold, align="center", indent=False, size=13, container=table.cell(0, 0))
        for text, bold, italic in right:
            self.para(text, bold=bold, italic=italic, align="center", indent=False, size=13,
                      container=table.cell(0, 1))

    def ending_table(self, recipients: list[str], signature: str, name: str) -> None:
        """"Nơi nhận" and its recipients | the signature (its lines broken inside one paragraph)."""
        table = self.table(1, 2)
        left, right = table.cell(0, 0), table.cell(0, 1)
        self.para("", container=left, runs=[("Nơi nhận:", True, True)], align="left", size=12, indent=False)
        for r in recipients:
            self.para(r, align="left", size=11, indent=False, container=left)
        self.para(signature, bold=True, align="center", indent=False, container=right)
        for _ in range(3):
            self.blank(container=right)
        self.para(name, bold=True, align="center", indent=False, container=right)

    def text_box(self, lines: list[tuple[str, bool]]) -> None:
        """A floating text box holding `lines` (text, bold), anchored in an empty paragraph, as
        Word writes it: a drawing, and the same box again as a VML fallback."""
        from lxml import etree

        ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
              "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
              "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
              "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
              "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
              "v": "urn:schemas-microsoft-com:vml"}
        content = "".join(
            f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr>{"<w:b/>" if bold else ""}'
            f'<w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r></w:p>' for text, bold in lines)
        declarations = " ".join(f'xmlns:{k}="{v}"' for k, v in ns.items())
        run = etree.fromstring(
            f'<w:r {declarations}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="1" '
            'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            '<wp:positionH relativeFrom="column"><wp:posOffset>3000000</wp:posOffset></wp:positionH>'
            '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
            '<wp:extent cx="2700000" cy="1400000"/><wp:wrapNone/><wp:docPr id="901" name="Text Box 1"/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx><w:txbxContent>{content}</w:txbxContent>'
            '</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
            '<mc:Fallback><w:pict><v:shape style="position:absolute;width:212pt;height:110pt">'
            f'<v:textbox><w:txbxContent>{content}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>'
            '</mc:AlternateContent></w:r>')
        self.blank()._p.append(run)

    def footnote(self, paragraph, note: str) -> None:
        """A real footnote at the end of `paragraph`."""
        part = self._footnotes_part()
        self._notes += 1
        note_id = str(self._notes)
        fn = OxmlElement("w:footnote")
        fn.set(qn("w:id"), note_id)
        p = OxmlElement("w:p")
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = note
        r.append(t)
        p.append(r)
        fn.append(p)
        part.element.append(fn)
        run = paragraph.add_run()
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), note_id)
        run._r.append(ref)

    def _footnotes_part(self):
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.opc.packuri import PackURI
        from docx.opc.part import XmlPart
        from docx.oxml import parse_xml

        for rel in self.doc.part.rels.values():
            if rel.reltype == RT.FOOTNOTES:
                return rel.target_part
        xml = ('<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
               '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
               '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
               '</w:r></w:p></w:footnote></w:footnotes>')
        part = XmlPart(PackURI("/word/footnotes.xml"),
                       "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                       parse_xml(xml), self.doc.part.package)
        self.doc.part.relate_to(part, RT.FOOTNOTES)
        return part

    def tracked(self, paragraph, inserted: str = "", deleted: str = "") -> None:
        """Tracked changes not yet accepted: an insertion (shown) and a deletion (not shown)."""
        for kind, text in (("w:del", deleted), ("w:ins", inserted)):
            if not text:
                continue
            self._revision += 1
            el = OxmlElement(kind)
            el.set(qn("w:id"), str(self._revision))
            el.set(qn("w:author"), "Chuyên viên")
            r = OxmlElement("w:r")
            t = OxmlElement("w:delText" if kind == "w:del" else "w:t")
            t.text = text
            t.set(qn("xml:space"), "preserve")
            r.append(t)
            el.append(r)
            paragraph._p.append(el)

    def landscape_section(self, margins_mm: tuple[float, float, float, float] = (20, 20, 30, 15),
                          restart: bool = True) -> None:
        """A new page section in landscape with its own margins (top, bottom, left, right), its
        pages numbered from 1 (as an appendix is) unless `restart` is False."""
        from docx.enum.section import WD_SECTION

        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin, section.bottom_margin = Mm(margins_mm[0]), Mm(margins_mm[1])
        section.left_margin, section.right_margin = Mm(margins_mm[2]), Mm(margins_mm[3])
        if restart:
            numbering = OxmlElement("w:pgNumType")
            numbering.set(qn("w:start"), "1")
            section._sectPr.append(numbering)

    def save(self, path: Path) -> Path:
        self.doc.save(str(path))
        return path


# --- a plan given as text, laid out as an office would ------------------------------------

LABEL = re.compile(r"^(?:(?P<roman>[IVX]{1,5})\.|(?P<decimal>\d{1,2})\.(?!\d)|(?P<letter>[a-zđ])\)|(?P<dash>[-–])|"
                   r"(?P<plus>\+))\s+(?P<rest>.*)$", re.DOTALL)


def office_plan(paragraphs: list[str], header: dict, path: Path, *, autonumber: bool = True,
                tracked: bool = False, font: str = "Times New Roman") -> Path:
    """A plan whose body paragraphs are given as text (labels typed), written as an office does:
    header in a table, labels as Word's automatic numbering (or typed when `autonumber` is off),
    blank spacer lines, the recipients and the signature in a table with line breaks."""
    doc = OfficeDoc(font)
    doc.header_table([(x, i > 0 or len(header["issuer"]) == 1) for i, x in enumerate(header["issuer"])]
                     + [(header["number"], False)],
                     [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False), ("Độc lập - Tự do - Hạnh phúc", True, False),
                      (header["date"], False, True)])
    doc.blank()
    doc.para("KẾ HOẠCH", bold=True, align="center", indent=False)
    for line in header["summary"]:
        doc.para(line, bold=True, align="center", indent=False)
    doc.blank()
    ending_at = next((i for i, t in enumerate(paragraphs) if t.startswith("Nơi nhận")), len(paragraphs))
    body, ending = paragraphs[:ending_at], paragraphs[ending_at:]
    for k, text in enumerate(body):
        m = LABEL.match(text)
        if m and m.group("letter"):
            m = None  # Word's letters have no "đ": offices type a) b) … đ) by hand
        if not m or not autonumber:
            p = doc.para(text, bold=bool(m and m.group("roman")))
        else:
            kind = next(key for key in ("roman", "decimal", "dash", "plus") if m.group(key))
            if kind == "roman":
                doc.restart("items")
            list_name = {"roman": "sections", "decimal": "items"}.get(kind, "bullets")
            p = doc.numbered(m.group("rest"), kind, list_name, bold=kind == "roman")
        if tracked and k == 3:
            doc.tracked(p, deleted=" nội dung đã xóa")  # a deletion not yet accepted: not shown
        if k % 9 == 4:
            doc.blank()
    recipients = [t for t in ending[1:] if t.startswith(("-", "–"))]
    signature_lines = [t for t in ending[1:] if not t.startswith(("-", "–"))]
    name = signature_lines[-1] if signature_lines else ""
    doc.ending_table(recipients, "\n".join(signature_lines[:-1]), name)
    return doc.save(path)
