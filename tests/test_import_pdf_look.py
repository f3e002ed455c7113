"""A PDF read with its look: the weight and slant of its words (pdftohtml), their places
(pdftotext -bbox), the rules of its tables (pdftocairo), so that its paragraphs carry what a Word
file's do; the text alone read when those tools are missing.

The first tests give poppler's outputs as written; the last build Word files (python-docx), have
LibreOffice make their PDFs and compare the import of both.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from plangen.word import pdflook, pdftable
from plangen.word.wordfile import Para

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
POPPLER = all(shutil.which(p) for p in ("pdftotext", "pdftohtml", "pdftocairo"))


def _bbox(words: list[tuple[str, float, float, float]]) -> str:
    """pdftotext -bbox output of one A4 page: (text, x0, y0, x1), every word 14 points high."""
    rows = "".join(f'<word xMin="{x0}" yMin="{y0}" xMax="{x1}" yMax="{y0 + 14}">{t}</word>\n'
                   for t, x0, y0, x1 in words)
    return f'<doc>\n<page width="595.3" height="841.9">\n{rows}</page>\n</doc>'


def _xml(pieces: list[tuple[str, float, float, float, int]]) -> str:
    """pdftohtml -xml output of one page: (text, left, top, width, font), font 1 bold."""
    rows = "".join(f'<text top="{top}" left="{left}" width="{width}" height="14" font="{font}">'
                   f'{"<b>" + t + "</b>" if font == 1 else t}</text>\n' for t, left, top, width, font in pieces)
    return ('<page number="1" position="absolute" top="0" left="0" height="842" width="595">\n'
            '<fontspec id="0" size="14" family="AAAAAA+LiberationSerif" color="#000000"/>\n'
            '<fontspec id="1" size="14" family="BBBBBB+LiberationSerif" color="#000000"/>\n' + rows + "</page>")


def test_a_pdfs_words_carry_their_weight_and_a_paragraph_its_place():
    """A bold run in a line (an agency's name before its task), the space the text layer puts
    at the change of font before a colon, a centred title, a justified paragraph indented."""
    words = [("KẾ", 270, 50, 285), ("HOẠCH", 288, 50, 325),
             ("Sở", 120, 80, 135), ("Y", 138, 80, 145), ("tế", 148, 80, 160), (":", 160.2, 80, 164),
             ("chủ", 168, 80, 190), ("trì", 193, 80, 210), ("kiểm", 213, 80, 240), ("tra", 243, 80, 262),
             ("các", 265, 80, 285), ("cơ", 288, 80, 300), ("sở", 303, 80, 315), ("sản", 318, 80, 336),
             ("xuất", 339, 80, 360), ("thực", 363, 80, 385), ("phẩm", 388, 80, 420), ("trên", 423, 80, 445),
             ("địa", 448, 80, 465), ("bàn", 468, 80, 510), ("tỉnh", 85, 96, 110), ("trước", 113, 96, 140),
             ("ngày", 143, 96, 165), ("15/12.", 168, 96, 200), ("Dòng", 85, 112, 110), ("dài", 113, 112, 130),
             ("đến", 133, 112, 150), ("lề", 153, 112, 510)]
    xml = _xml([("KẾ HOẠCH", 270, 50, 55, 1), ("Sở Y tế", 120, 80, 40, 1), (": chủ trì kiểm tra các cơ sở sản xuất "
                "thực phẩm trên địa bàn", 160, 80, 350, 0), ("tỉnh trước ngày 15/12.", 85, 96, 115, 0),
                ("Dòng dài đến lề", 85, 112, 425, 0)])
    found, widths = pdflook.words(_bbox(words), xml)
    assert [w.looks[0][0] for w in found[:4]] == [True, True, True, True] and not found[5].looks[0][0]
    paras = [Para(index=1, text="KẾ HOẠCH", formatted=False),
             Para(index=2, text="Sở Y tế : chủ trì kiểm tra các cơ sở sản xuất thực phẩm trên địa bàn tỉnh "
                                "trước ngày 15/12.", formatted=False),
             Para(index=3, text="Dòng dài đến lề", formatted=False)]
    title, task, _line = pdflook.dress(paras, found, widths)
    assert title.formatted and title.bold and title.align == "center"
    assert task.text.startswith("Sở Y tế: chủ trì") and not task.bold and task.align == "both"
    assert [(r.text, r.bold) for r in task.runs][:2] == [("Sở Y tế", True), (": chủ trì kiểm tra các cơ sở sản xuất "
                                                                               "thực phẩm trên địa bàn tỉnh trước "
                                                                               "ngày 15/12.", False)]
    assert task.first_indent_cm == pytest.approx((120 - 85) * 2.54 / 72, abs=0.01)


def test_a_paragraph_not_found_among_the_words_keeps_its_look_unknown():
    found, widths = pdflook.words(_bbox([("Một", 85, 80, 110)]), _xml([("Một", 85, 80, 25, 0)]))
    [p] = pdflook.dress([Para(index=1, text="Hoàn toàn khác", formatted=False)], found, widths)
    assert not p.formatted


def _svg(lines: list[tuple[float, float, float, float]]) -> str:
    paths = "".join(f'<path style="fill:none;stroke-width:0.5;stroke:rgb(0%,0%,0%);" d="M {a} {b} L {c} {d} " '
                    f'transform="matrix(1,0,0,-1,0,842)"/>\n' for a, b, c, d in lines)
    return f"<svg><pageSet><page>\n{paths}</page></pageSet></svg>"


def test_a_tables_rules_make_its_grid_and_a_missing_rule_merges_cells():
    """Rules drawn upside down (PDF space, turned by the transform), three columns, three rows;
    the rule under the first column's first cell missing: that cell spans two rows."""
    y = [842 - t for t in (100, 120, 140, 160)]  # the rows' edges, 100 to 160 points from the top
    level = [(85, y[0], 500, y[0]), (85, y[3], 500, y[3]), (200, y[1], 500, y[1]), (85, y[2], 500, y[2])]
    upright = [(x, y[0], x, y[3]) for x in (85, 200, 350, 500)]
    [(h, v)] = pdftable.rules(_svg(level + upright))
    [grid] = pdftable.grids(0, h, v)
    assert grid.xs == pytest.approx((85, 200, 350, 500)) and grid.ys == pytest.approx((100, 120, 140, 160))
    assert (0, 0, 2, 1) in grid.blocks and (2, 0, 1, 1) in grid.blocks and len(grid.blocks) == 8


def test_a_ruled_tables_lines_become_its_cells():
    """The lines the text layer makes of a table (its cells' lines side by side) are replaced by
    its cells: a cell's two lines one text, the merged cell once and empty below."""
    y = [842 - t for t in (100, 120, 150, 170)]
    level = [(85, t, 500, t) for t in y[:1] + y[2:]] + [(200, y[1], 500, y[1])]
    upright = [(x, y[0], x, y[3]) for x in (85, 200, 500)]
    [grid] = pdftable.grids(0, *pdftable.rules(_svg(level + upright))[0])
    words = [("Đơn", 90, 103, 110), ("vị", 113, 103, 125), ("Nội", 205, 103, 225), ("dung", 228, 103, 255),
             ("Tuyên", 205, 123, 240), ("truyền", 243, 123, 280), ("pháp", 283, 123, 310), ("luật", 313, 123, 490),
             ("cho", 205, 135, 225), ("dân", 228, 135, 250), ("Kiểm", 205, 153, 240), ("tra", 243, 153, 260)]
    found, widths = pdflook.words(_bbox(words), _xml([(t, x0, y0, x1 - x0, 0) for t, x0, y0, x1 in words]))
    paras = [Para(index=1, text="Đơn vị      Nội dung", formatted=False),
             Para(index=2, text="Tuyên truyền pháp luật", formatted=False),
             Para(index=3, text="cho dân", formatted=False), Para(index=4, text="Kiểm tra", formatted=False),
             Para(index=5, text="Đơn vị", formatted=False)]
    cells = pdflook.dress(paras, found, widths, [grid])
    assert [(p.row, p.column, p.text, p.vmerge) for p in cells if p.in_table] == [
        (1, 1, "Đơn vị", "restart"), (1, 2, "Nội dung", ""), (2, 1, "", "continue"),
        (2, 2, "Tuyên truyền pháp luật cho dân", ""), (3, 1, "", ""), (3, 2, "Kiểm tra", "")]
    assert not any(p.in_table is False and p.text != "Đơn vị" for p in cells)


def _word_plan(path, second: str = "2. Văn phòng Sở", dense: bool = False, more: int = 0):
    """A Word plan of the shapes a PDF hides: a header in a table whose national name wraps in
    its column, numbered sections, agencies named in bold alone (no colon) over their tasks
    (`second`: the second one's heading), a ruled table with a merged cell in an appendix after
    the signature; `dense`: no room between paragraphs, single line spacing; `more`: rows added to
    that table (enough of them run it onto the next page)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH as ALIGN
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.left_margin, section.right_margin = Cm(3), Cm(2)

    def para(runs, align=ALIGN.JUSTIFY, indent=True, size=14, where=None):
        p = where.add_paragraph() if where is not None else doc.add_paragraph()
        for text, bold, italic in runs:
            r = p.add_run(text)
            r.bold, r.italic, r.font.size, r.font.name = bold, italic, Pt(size), "Times New Roman"
        p.alignment = align
        if dense:
            p.paragraph_format.space_after, p.paragraph_format.line_spacing = Pt(0), 1.0
        if indent and align == ALIGN.JUSTIFY:
            p.paragraph_format.first_line_indent = Cm(1.27)
        return p

    def table(rows, widths):
        t = doc.add_table(rows=rows, cols=len(widths))
        t.autofit = False
        for k, w in enumerate(widths):
            t.columns[k].width = Cm(w)
            for cell in t.columns[k].cells:
                cell.width = Cm(w)
                cell._tc.remove(cell.paragraphs[0]._p)
        return t

    head = table(1, [6.5, 9.5])
    left, right = head.rows[0].cells
    para([("UBND TỈNH VĨNH LONG", False, False)], ALIGN.CENTER, size=13, where=left)
    para([("SỞ TƯ PHÁP", True, False)], ALIGN.CENTER, size=13, where=left)
    para([("Số: 15/KH-STP", False, False)], ALIGN.CENTER, size=13, where=left)
    para([("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False)], ALIGN.CENTER, size=13, where=right)
    para([("Độc lập - Tự do - Hạnh phúc", True, False)], ALIGN.CENTER, where=right)
    para([("Vĩnh Long, ngày 10 tháng 3 năm 2026", False, True)], ALIGN.CENTER, where=right)
    para([("KẾ HOẠCH", True, False)], ALIGN.CENTER)
    para([("Phổ biến, giáo dục pháp luật năm 2026", True, False)], ALIGN.CENTER)
    para([("Căn cứ Luật Phổ biến, giáo dục pháp luật ngày 20 tháng 6 năm 2012;", False, True)])
    para([("I. MỤC ĐÍCH, YÊU CẦU", True, False)])
    para([("Nâng cao hiểu biết pháp luật của cán bộ và Nhân dân trên địa bàn tỉnh.", False, False)])
    para([("II. TỔ CHỨC THỰC HIỆN", True, False)])
    para([("1. Phòng Phổ biến, giáo dục pháp luật", True, False)])
    para([("Chủ trì tổ chức các hội nghị phổ biến pháp luật cho cán bộ, công chức trong năm 2026.", False, False)])
    para([(second, True, False)])
    para([("Bảo đảm kinh phí, cơ sở vật chất phục vụ các hội nghị theo Kế hoạch này.", False, False)])
    para([("Trên đây là Kế hoạch phổ biến, giáo dục pháp luật năm 2026 của Sở Tư pháp./.", False, False)])
    end = table(1, [7, 9])
    left, right = end.rows[0].cells
    para([("Nơi nhận:", True, True)], ALIGN.LEFT, size=12, where=left)
    for line in ("- UBND tỉnh;", "- Lưu: VT."):
        para([(line, False, False)], ALIGN.LEFT, size=11, where=left)
    for line in ("GIÁM ĐỐC", "", "", "Trần Văn Bình"):
        para([(line, True, False)], ALIGN.CENTER, where=right)
    doc.add_page_break()
    para([("Phụ lục", True, False)], ALIGN.CENTER)
    para([("DANH MỤC HỘI NGHỊ NĂM 2026", True, False)], ALIGN.CENTER)
    para([("(Kèm theo Kế hoạch số 15/KH-STP ngày 10/3/2026 của Sở Tư pháp)", False, True)], ALIGN.CENTER)
    grid = table(4 + more, [1.2, 7, 4.5, 3.3])
    grid.style = "Table Grid"
    rows = [("TT", "Nội dung", "Đơn vị thực hiện", "Thời gian"),
            ("1", "Hội nghị phổ biến Luật Xử lý vi phạm hành chính cho cán bộ, công chức", "Phòng Phổ biến", "Quý II"),
            ("2", "Hội nghị phổ biến pháp luật về hòa giải ở cơ sở", "", "Quý III"),
            ("3", "Hội nghị tập huấn kỹ năng tuyên truyền viên pháp luật", "Văn phòng Sở", "Quý IV")] + [
                (str(n), f"Hội nghị chuyên đề số {n} về pháp luật cho cán bộ cơ sở", "Văn phòng Sở", "Quý IV")
                for n in range(4, 4 + more)]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            para([(text, r == 0, False)], ALIGN.CENTER if c != 1 or r == 0 else ALIGN.LEFT, size=12,
                 where=grid.rows[r].cells[c])
    merged = grid.cell(1, 2).merge(grid.cell(2, 2))
    for p in merged.paragraphs[1:]:
        p._p.getparent().remove(p._p)
    assert merged._tc.find(qn("w:tcPr")) is not None
    out = path / "plan.docx"
    doc.save(str(out))
    return out


@pytest.mark.soffice
@pytest.mark.skipif(SOFFICE is None or not POPPLER, reason="needs LibreOffice and poppler")
@pytest.mark.parametrize(("second", "dense", "more"), [
    ("2. Văn phòng Sở", False, 0),
    # a heading that fills its line, its task's first line right under it at the same indent
    ("2. Sở Nông nghiệp và Môi trường, Sở Tài chính, Sở Xây dựng tỉnh", True, 0),
    # the appendix's table cut by a page's end: one table
    ("2. Văn phòng Sở", False, 36)])
def test_a_word_plans_pdf_imports_as_its_docx(tmp_path, second, dense, more):
    """Every part of such a plan, its issuer's wrapped lines, its agencies named in bold alone
    and its appendix's table with the merged cell, reads back from the PDF as from the Word file
    (bold and italic aside)."""
    from plangen.office.convert import to_pdf
    from test_import_own_pdf import _differences as differences
    from test_import_own_pdf import _imported

    docx = _word_plan(tmp_path, second, dense, more)
    pdf = to_pdf(docx, tmp_path / "plan.pdf", keep_running=False)
    layout = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    first = layout.splitlines()[0]
    assert first.rstrip().endswith("VIỆT") and "NAM" in layout.splitlines()[1], layout[:300]  # the wrap this is about
    word, printed = _imported(docx), _imported(pdf)
    agencies = [i["agency"] for s in word["sections"] for i in s["content"] if isinstance(i, dict) and i.get("agency")]
    assert agencies == ["Phòng Phổ biến, giáo dục pháp luật", second[3:]], word["sections"]
    assert len(word["appendices"][0]["content"][0]["table"]["rows"]) == 3 + more, word["appendices"]
    assert differences(word, printed) == []


@pytest.mark.soffice
@pytest.mark.skipif(SOFFICE is None or shutil.which("pdftotext") is None, reason="needs LibreOffice and poppler")
def test_without_pdftohtml_a_pdf_is_read_from_its_text(tmp_path, monkeypatch):
    """No pdftohtml (an older poppler): the text layer alone is read, the look left unknown."""
    from plangen.office.convert import to_pdf
    from plangen.word import sources

    pdf = to_pdf(_word_plan(tmp_path), tmp_path / "plan.pdf", keep_running=False)
    which = shutil.which
    monkeypatch.setattr(sources.shutil, "which", lambda name: None if name == "pdftohtml" else which(name))
    source = sources.read_source(pdf)
    assert source.paragraphs and not any(p.formatted for p in source.paragraphs)
    assert any("Phòng Phổ biến, giáo dục pháp luật" in p.text for p in source.paragraphs)
