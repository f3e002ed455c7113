"""Generate templates/plan.docx and templates/party.docx, the official templates of a state body's
plan and of a Party committee's (run after changing the layout rules).

    python scripts/make_template.py

The result is an ordinary Word file: open it, restyle the "Plan …" paragraph styles, move
things around, keep the `{{ … }}` / `{%p … %}` tags. Every measure here cites Nghị định
30/2020/NĐ-CP, Phụ lục I (ND30) or its sample Mẫu 1.4 for plans.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt

ROOT = Path(__file__).resolve().parent.parent
FONT = "Times New Roman"  # ND30: Times New Roman, Unicode (TCVN 6909:2001)
BODY_PT = 14  # ND30 Mẫu 1.4: body at 14 pt
TEMPLATE_TIME = (2026, 11, 23, 8, 36, 26)  # the zip entries' date: rebuilding gives the same bytes
INDENT = Cm(1.27)  # ND30: first-line indent 1 cm or 1.27 cm
CENTER, JUSTIFY, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT

# name: (size, bold, italic, alignment, first-line indent, space before, space after)
STYLES: dict[str, tuple] = {
    # header (ND30 Phụ lục I: agency names, Quốc hiệu and "Số" 13 pt; Tiêu ngữ, date 14 pt)
    "Plan Governing Body": (13, False, False, CENTER, None, 0, 0),
    "Plan Issuer": (13, True, False, CENTER, None, 0, 0),
    "Plan National Title": (13, True, False, CENTER, None, 0, 0),
    "Plan Motto": (14, True, False, CENTER, None, 0, 0),
    "Plan Number": (13, False, False, CENTER, None, 6, 0),
    "Plan Date Line": (14, False, True, CENTER, None, 6, 0),
    "Plan Rule": (3, False, False, CENTER, None, 0, 0),
    # title (type name and summary bold 14, centred)
    "Plan Type Name": (14, True, False, CENTER, None, 18, 0),
    "Plan Summary": (14, True, False, CENTER, None, 0, 0),
    "Plan Decision Line": (14, False, True, CENTER, None, 0, 0),
    # body (justified, 1.27 cm first-line indent, 6 pt between paragraphs)
    "Plan Preamble": (14, False, False, JUSTIFY, INDENT, 6, 0),
    "Plan Section Heading": (14, True, False, JUSTIFY, INDENT, 6, 0),
    "Plan Item Title": (14, True, False, JUSTIFY, INDENT, 6, 0),
    "Plan Item": (14, False, False, JUSTIFY, INDENT, 6, 0),
    "Plan Point": (14, False, False, JUSTIFY, INDENT, 6, 0),
    "Plan Bullet": (14, False, False, JUSTIFY, INDENT, 6, 0),
    "Plan Body": (14, False, False, JUSTIFY, INDENT, 6, 0),
    "Plan Closing": (14, False, False, JUSTIFY, INDENT, 6, 0),
    # ending (Nơi nhận 12 bold italic; recipients 11; authority and name 14 bold)
    "Plan Recipients Heading": (12, True, True, LEFT, None, 0, 0),
    "Plan Recipient": (11, False, False, LEFT, None, 0, 0),
    "Plan Signature Authority": (14, True, False, CENTER, None, 0, 0),
    "Plan Signer Name": (14, True, False, CENTER, None, 0, 0),
    # appendices and tables
    "Plan Appendix Label": (14, True, False, CENTER, None, 0, 0),
    "Plan Appendix Title": (14, True, False, CENTER, None, 0, 0),
    "Plan Appendix Reference": (14, False, True, CENTER, None, 0, 12),
    "Plan Table Heading": (13, True, False, CENTER, None, 3, 3),
    "Plan Table Text": (13, False, False, LEFT, None, 3, 3),
}

BODY_KINDS = [  # block kind → style (see plangen.document.layout.BLOCK_KINDS)
    ("heading", "Plan Section Heading"), ("item_title", "Plan Item Title"), ("item", "Plan Item"),
    ("point", "Plan Point"), ("bullet", "Plan Bullet"), ("paragraph", "Plan Body"),
    ("preamble", "Plan Preamble"), ("closing", "Plan Closing"),
]


def set_fonts(rpr_parent) -> None:
    rpr = rpr_parent.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def make_styles(doc, styles: dict[str, tuple] | None = None) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    set_fonts(normal.element)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    # docDefaults too, so that anything unstyled is still Times New Roman
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        fonts = rpr.find(qn("w:rFonts"))
        for attr in list(fonts.attrib):
            del fonts.attrib[attr]
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), FONT)
    for name, (size, bold, italic, align, indent, before, after, *underline) in (styles or STYLES).items():
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if underline and underline[0]:
            style.font.underline = True
        style.base_style = normal
        style.element.set(qn("w:styleId"), name.replace(" ", ""))
        style.quick_style = True
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = italic
        pf = style.paragraph_format
        pf.alignment = align
        pf.first_line_indent = indent
        pf.space_before = Pt(before)
        pf.space_after = Pt(after)
        # ND30: line spacing from single to 1.5 lines; body text at 1.15
        pf.line_spacing = 1.15 if indent is not None else 1.0
        pf.widow_control = True
        if name in ("Plan Section Heading", "Plan Item Title", "Plan Appendix Title"):
            pf.keep_with_next = True
    # Footnotes (ND30 does not size them; 12 pt is usual practice)
    note = doc.styles.add_style("footnote text", WD_STYLE_TYPE.PARAGRAPH)
    note.element.set(qn("w:styleId"), "FootnoteText")
    note.base_style = normal
    note.font.size = Pt(12)
    note.paragraph_format.alignment = JUSTIFY
    ref = doc.styles.add_style("footnote reference", WD_STYLE_TYPE.CHARACTER)
    ref.element.set(qn("w:styleId"), "FootnoteReference")
    ref.font.superscript = True


def add_footnotes_part(doc) -> None:
    """An empty footnotes part with Word's two separators (ids -1 and 0)."""
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {nsdecls("w")}>'
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
           'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
           '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
           'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
           "</w:footnote></w:footnotes>")
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                xml.encode("utf-8"), doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)
    settings = doc.settings.element
    settings.append(parse_xml(f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/>'
                              '<w:footnote w:id="0"/></w:footnotePr>'))


def para(container, text: str, style: str):
    p = container.add_paragraph(text, style=style)
    return p


def control(container, tag: str):
    """A paragraph that only holds a Jinja control tag (removed when rendering)."""
    return container.add_paragraph(tag, style="Normal")


def borderless(table) -> None:
    tbl_pr = table._tbl.tblPr
    tbl_pr.append(parse_xml(
        f'<w:tblBorders {nsdecls("w")}>' + "".join(
            f'<w:{s} w:val="nil"/>' for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + "</w:tblBorders>"))
    tbl_pr.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
    tbl_pr.append(parse_xml(
        f'<w:tblCellMar {nsdecls("w")}><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/>'
        "</w:tblCellMar>"))


def set_widths(table, widths) -> None:
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(width.twips))


def clear_cell(cell):
    for p in list(cell.paragraphs):
        p._element.getparent().remove(p._element)
    return cell


def body_loop(container, items: str) -> None:
    control(container, f"{{%p for b in {items} %}}")
    for i, (kind, style) in enumerate(BODY_KINDS):
        control(container, f'{{%p {"if" if i == 0 else "elif"} b.kind == "{kind}" %}}')
        para(container, "{{r b.runs }}", style)
    control(container, '{%p elif b.kind == "table" %}')
    control(container, "{{p b.table }}")
    # a caption (`Biểu 01`, a form's title) or a form's signature place: XML of their own
    control(container, '{%p elif b.kind == "caption" or b.kind == "signoff" %}')
    control(container, "{{p b.xml }}")
    control(container, "{%p endif %}")
    control(container, "{%p endfor %}")


def ending_table(body, widths: list) -> object:
    """The recipients and signature table under the text: recipients on the left (their loop
    placed), the signature's cell returned. Room above the block; "Nơi nhận:" and the authority line
    stand level (ND30 Mẫu 1.4); recipients and signature kept together on one page."""
    ending = body.add_table(rows=1, cols=2)
    borderless(ending)
    set_widths(ending, widths)
    ending._tbl.tblPr.find(qn("w:tblCellMar")).insert(
        0, parse_xml(f'<w:top {nsdecls("w")} w:w="240" w:type="dxa"/>'))
    ending.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
    left, right = clear_cell(ending.cell(0, 0)), clear_cell(ending.cell(0, 1))
    control(left, "{%p if recipients %}")
    para(left, "Nơi nhận:", "Plan Recipients Heading")
    control(left, "{%p endif %}")
    control(left, "{%p for r in recipients %}")
    para(left, "{{ r }}", "Plan Recipient")
    control(left, "{%p endfor %}")
    para(left, "", "Plan Recipient")
    return right


def body_lines(cell, of: str) -> None:
    """The superior body's lines (regular) and the issuing body's (bold) of `of` (a header, a partner)."""
    control(cell, f"{{%p for line in {of}.governing_body %}}")
    para(cell, "{{ line }}", "Plan Governing Body")
    control(cell, "{%p endfor %}")
    control(cell, f"{{%p for line in {of}.issuer %}}")
    para(cell, "{{ line }}", "Plan Issuer")
    control(cell, "{%p endfor %}")


def signature_block(cell, signatures: str) -> None:
    """Authority and position lines, room for the signature and seal, the name, lines under it."""
    control(cell, f"{{%p for sig in {signatures} %}}")
    control(cell, "{%p for line in sig.lines %}")
    para(cell, "{{ line }}", "Plan Signature Authority")
    control(cell, "{%p endfor %}")
    for _ in range(4):  # room for the signature and the seal
        para(cell, "", "Plan Signer Name")
    para(cell, "{{ sig.name }}", "Plan Signer Name")
    control(cell, "{%p for line in sig.after_name %}")
    para(cell, "{{ line }}", "Plan Signer Name")
    control(cell, "{%p endfor %}")
    control(cell, "{%p endfor %}")


def page_setup(doc) -> None:
    """A4 portrait, 20/20/30/15 mm, page numbers (14 pt) centred at the top from page 2: ND30
    Phụ lục I, and the same for a Party document (Hướng dẫn 36-HD/VPTW, page setup)."""
    # ND30 Phụ lục I (page): A4 portrait; margins top/bottom 20–25 mm, left 30–35, right 15–20.
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    # ND30: page numbers centred in the top margin, none on the first page.
    section.different_first_page_header_footer = True
    header_p = section.header.paragraphs[0]
    header_p.alignment = CENTER
    header_p._p.append(parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:rPr><w:sz w:val="28"/></w:rPr>'
        "<w:t>2</w:t></w:r></w:fldSimple>"))
    section.first_page_header.paragraphs[0].text = ""


def new_document(styles: dict[str, tuple] | None, comments: str):
    """A template's document: its styles, a footnotes part, its properties, the page set up and
    the empty first paragraph python-docx starts with removed."""
    doc = Document()
    make_styles(doc, styles)
    add_footnotes_part(doc)
    doc.core_properties.title = "Kế hoạch"
    doc.core_properties.author = "plangen"
    doc.core_properties.comments = comments
    doc.core_properties.language = "vi-VN"
    page_setup(doc)  # A4, margins, page numbers at the top from page 2: the same for both formats
    doc.paragraphs[0]._element.getparent().remove(doc.paragraphs[0]._element) if doc.paragraphs else None
    return doc


def title_lines(body) -> None:
    """KẾ HOẠCH, the summary, and the line of the document the plan is issued with or implements."""
    para(body, "{{ type_name }}", "Plan Type Name")
    para(body, "{{r summary }}", "Plan Summary")
    # a plan issued with a decision: the italic "(Kèm theo Quyết định …)" line, then the rule
    control(body, "{%p if decision_line %}")
    para(body, "{{ decision_line }}", "Plan Decision Line")
    control(body, "{%p endif %}")
    # a plan with its own number that implements a document: its line, worded the same way
    control(body, "{%p if implements_line %}")
    para(body, "{{ implements_line }}", "Plan Decision Line")
    control(body, "{%p endif %}")


def appendix_heading(body) -> None:
    """An appendix's label, title, lines under the title and its "(Kèm theo …)" line."""
    control(body, "{%p if ap.label %}")
    para(body, "{{ ap.label }}", "Plan Appendix Label")
    control(body, "{%p endif %}")
    control(body, "{%p if ap.title %}")
    para(body, "{{r ap.title }}", "Plan Appendix Title")
    control(body, "{%p endif %}")
    control(body, "{%p for line in ap.subtitle %}")
    para(body, "{{r line }}", "Plan Appendix Title")
    control(body, "{%p endfor %}")
    control(body, "{%p if ap.reference %}")
    para(body, "{{ ap.reference }}", "Plan Appendix Reference")
    control(body, "{%p endif %}")


def save(doc, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    saved = io.BytesIO()
    doc.save(saved)
    path.write_bytes(reproducible(saved.getvalue()))


def build(path: Path) -> None:
    doc = body = new_document(None, "Mẫu kế hoạch theo Nghị định 30/2020/NĐ-CP (Phụ lục I, Mẫu 1.4)")

    # --- header: borderless table (ND30 Mẫu 1.4: about 67.5 mm + 100 mm) ---
    table = body.add_table(rows=5, cols=2)
    borderless(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_widths(table, [Mm(65), Mm(100)])
    left, right = clear_cell(table.cell(0, 0)), clear_cell(table.cell(0, 1))
    body_lines(left, "header")
    control(left, "{{p header.issuer_rule }}")
    # a joint plan (liên tịch, phối hợp): each partner body under the lead one
    control(left, "{%p for partner in header.partners %}")
    body_lines(left, "partner")
    control(left, "{{p partner.issuer_rule }}")
    control(left, "{%p endfor %}")
    para(right, "{{ header.national_title }}", "Plan National Title")
    para(right, "{{ header.motto }}", "Plan Motto")
    control(right, "{{p header.motto_rule }}")
    # row 2 only when the plan has its own number and date (not "Kèm theo Quyết định")
    clear_cell(table.cell(1, 0)).add_paragraph("{%tr if header.show_number %}")
    clear_cell(table.cell(1, 1)).add_paragraph("")
    number_cell = clear_cell(table.cell(2, 0))
    para(number_cell, "{{ header.number_line }}", "Plan Number")
    control(number_cell, "{%p for line in header.partner_number_lines %}")
    para(number_cell, "{{ line }}", "Plan Number")
    control(number_cell, "{%p endfor %}")
    para(clear_cell(table.cell(2, 1)), "{{ header.date_line }}", "Plan Date Line")
    clear_cell(table.cell(3, 0)).add_paragraph("{%tr endif %}")
    clear_cell(table.cell(3, 1)).add_paragraph("")
    tbl = table._tbl
    tbl.remove(tbl.tr_lst[4])

    # --- title: type name, summary, decision line, short rule ---
    title_lines(body)
    control(body, "{{p summary_rule }}")

    # --- body ---
    body_loop(body, "body")

    # --- ending: recipients and signature (ND30 Mẫu 1.4: about 53 mm + 111 mm) ---
    control(body, "{%p if has_ending %}")
    # a joint plan: the partners' signature blocks on the left, the lead body's on the right
    control(body, "{%p if joint_signatures %}")
    joint = body.add_table(rows=1, cols=2)
    borderless(joint)
    set_widths(joint, [Mm(82), Mm(83)])
    joint._tbl.tblPr.find(qn("w:tblCellMar")).insert(
        0, parse_xml(f'<w:top {nsdecls("w")} w:w="240" w:type="dxa"/>'))
    joint.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
    signature_block(clear_cell(joint.cell(0, 0)), "joint_signatures[:-1]")
    signature_block(clear_cell(joint.cell(0, 1)), "joint_signatures[-1:]")
    control(body, "{%p endif %}")
    right = ending_table(body, [Mm(55), Mm(110)])
    control(right, "{%p if not joint_signatures %}")
    signature_block(right, "[signature]")
    control(right, "{%p endif %}")
    control(body, "{%p endif %}")

    # --- appendices, each in its own section numbered from 1 (ND30 Phụ lục I) ---
    control(body, "{%p for ap in appendices %}")
    control(body, "{{p ap.section_break }}")
    appendix_heading(body)
    body_loop(body, "ap.body")
    control(body, "{%p endfor %}")
    save(doc, path)


# --- the Party's template (Hướng dẫn 36-HD/VPTW) ------------------------------------------------

PARTY_STYLES: dict[str, tuple] = {
    **STYLES,
    # header (36-HD/VPTW Phụ lục 3: title 15 bold; bodies 14, the issuing one bold; "Số" 14; date 14 italic)
    "Plan Governing Body": (14, False, False, CENTER, None, 0, 0),
    "Plan Issuer": (14, True, False, CENTER, None, 0, 0),
    "Plan Star": (14, False, False, CENTER, None, 0, 0),
    "Plan Party Title": (15, True, False, CENTER, None, 0, 0),
    "Plan Number": (14, False, False, CENTER, None, 6, 0),
    "Plan Date Line": (14, False, True, CENTER, None, 6, 0),
    # title: KẾ HOẠCH 15–16 bold, summary 14–15 bold, then "-----" (practice)
    "Plan Type Name": (16, True, False, CENTER, None, 18, 0),
    "Plan Summary": (14, True, False, CENTER, None, 0, 0),
    "Plan Summary Mark": (14, False, False, CENTER, None, 0, 12),
    # ending ("Nơi nhận:" 14 underlined, recipients 12 [secondary sources]; signature 14 bold)
    "Plan Recipients Heading": (14, False, False, LEFT, None, 0, 0, True),
    "Plan Recipient": (12, False, False, LEFT, None, 0, 0),
}


def party_header(container, numbered: bool) -> None:
    """Bodies, star (and the symbol) on the left; the title, its rule and the date on the right."""
    table = container.add_table(rows=1, cols=2)
    borderless(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_widths(table, [Mm(75), Mm(90)])
    left, right = clear_cell(table.cell(0, 0)), clear_cell(table.cell(0, 1))
    body_lines(left, "header")
    para(left, "{{ header.star }}", "Plan Star")
    para(right, "{{ header.party_title }}", "Plan Party Title")
    control(right, "{{p header.party_rule }}")
    if numbered:
        control(left, "{%p if header.show_number %}")
        para(left, "{{ header.number_line }}", "Plan Number")
        control(left, "{%p endif %}")
        control(right, "{%p if header.show_number %}")
    para(right, "{{ header.date_line }}", "Plan Date Line")
    if numbered:
        control(right, "{%p endif %}")


def build_party(path: Path) -> None:
    """templates/party.docx: a Party committee's plan (Hướng dẫn 36-HD/VPTW)."""
    doc = body = new_document(PARTY_STYLES, "Mẫu kế hoạch của cấp ủy Đảng theo Hướng dẫn 36-HD/VPTW")
    party_header(body, numbered=True)
    title_lines(body)
    para(body, "{{ summary_mark }}", "Plan Summary Mark")
    body_loop(body, "body")
    control(body, "{%p if has_ending %}")
    signature_block(ending_table(body, [Mm(70), Mm(95)]), "[signature]")
    control(body, "{%p endif %}")
    # attachments: each in its own section; one that repeats the header (bodies, star, title, date)
    control(body, "{%p for ap in appendices %}")
    control(body, "{{p ap.section_break }}")
    control(body, "{%p if ap.header %}")
    party_header(body, numbered=False)
    control(body, "{%p endif %}")
    appendix_heading(body)
    control(body, "{%p if ap.header %}")
    para(body, "{{ summary_mark }}", "Plan Summary Mark")
    control(body, "{%p endif %}")
    body_loop(body, "ap.body")
    control(body, "{%p endfor %}")
    save(doc, path)


def reproducible(data: bytes) -> bytes:
    """The package with every entry dated TEMPLATE_TIME: the documents plangen builds copy the
    template's entries, so a rebuilt template must not change them."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            entry = zipfile.ZipInfo(info.filename, TEMPLATE_TIME)
            entry.external_attr = info.external_attr
            zout.writestr(entry, zin.read(info), compress_type=info.compress_type)
    return out.getvalue()


if __name__ == "__main__":
    # `make_template.py [state.docx [party.docx]]`: by default both official templates, in
    # templates/ and in the package (src/plangen/data/)
    targets = [Path(x) for x in sys.argv[1:3]]
    state = targets[0] if targets else ROOT / "templates" / "plan.docx"
    party = targets[1] if len(targets) > 1 else (None if targets else ROOT / "templates" / "party.docx")
    build(state)
    print(f"wrote {state}")
    if party is not None:
        build_party(party)
        print(f"wrote {party}")
    if not targets:
        for name in ("plan.docx", "party.docx"):
            (ROOT / "src" / "plangen" / "data" / name).write_bytes((ROOT / "templates" / name).read_bytes())
            print(f"wrote src/plangen/data/{name}")
