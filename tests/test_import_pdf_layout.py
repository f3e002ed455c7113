"""A PDF's layout read as the Word file it was made from: a header cell's line wrapped in its
column, the signature's table cut by a page's end, a heading naming the agency over its task.

The first tests give `pdftotext -layout` text as LibreOffice lays such pages out; the last one
builds the Word file (python-docx), has LibreOffice make its PDF and imports that.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from plangen.word import textfile
from plangen.word.recognise import recognise

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _read(layout: list[str]):
    return recognise(textfile.pdf_paragraphs("\n".join(layout)))


BODY = ["                                  KẾ HOẠCH",
        "                   Tổ chức hội thảo chuyên môn năm học 2025 - 2026", "",
        "      Căn cứ Kế hoạch số 12/KH-SGDĐT ngày 26/12/2025 của Sở Giáo dục và",
        "Đào tạo về việc tổ chức hội thảo chuyên môn năm học 2025 - 2026;",
        "      Trường xây dựng kế hoạch tổ chức hội thảo chuyên môn như sau:",
        "      I. MỤC ĐÍCH, YÊU CẦU",
        "      - Nâng cao chất lượng dạy học của giáo viên các trường trong cụm./."]


def test_a_header_cells_line_wrapped_in_its_column_goes_on():
    """The issuer's name wrapped in the header's left column ("… CAO LÃNH" ↵ "2", centred under
    it) is one name, and the plan's "Căn cứ" lines are its legal bases, not a preamble after a
    stray "2"."""
    r = _read(["SỞ GDĐT TỈNH ĐỒNG THÁP            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
               "TRƯỜNG THPT NGUYỄN DU                   Độc lập - Tự do - Hạnh phúc",
               "           2", "",
               "       Số: 58/KH-THPTND2                Đồng Tháp, ngày 15 tháng 4 năm 2026", "", *BODY])
    assert [p.text for p in r.governing] == ["SỞ GDĐT TỈNH ĐỒNG THÁP"]
    assert [p.text for p in r.issuer] == ["TRƯỜNG THPT NGUYỄN DU 2"]
    assert r.preamble[0].text.startswith("Căn cứ Kế hoạch số 12/KH-SGDĐT")


def test_the_signatures_table_cut_by_a_pages_end_goes_on_on_the_next_page():
    """"Nơi nhận:" and the authority at a page's foot, the recipients, the signer's title and name
    on the next page (its page number on top): one table, its recipients one per line (one
    wrapped onto a line of its own without a dash), the signer the name under the title."""
    r = _read([*BODY[:-1],
               "      - Nâng cao chất lượng dạy học của giáo viên các trường trong cụm.",
               "      Trên đây là Kế hoạch của Ủy ban nhân dân tỉnh./.",
               " Nơi nhận:                                           KT. CHỦ TỊCH",
               "\f                                          12", "",
               "- Bộ Nội vụ;                                   PHÓ CHỦ TỊCH",
               "- Thường trực Tỉnh ủy;",
               "- Văn phòng Tỉnh ủy và các Ban xây dựng",
               "Đảng;",
               "- UBND các xã, phường, đặc khu;                Trần Văn An",
               "- Lưu: VT, NC."])
    assert r.signer is not None and r.signer[0] == "Trần Văn An"
    assert [t for t, _p in r.recipients] == [
        "- Bộ Nội vụ;", "- Thường trực Tỉnh ủy;", "- Văn phòng Tỉnh ủy và các Ban xây dựng Đảng;",
        "- UBND các xã, phường, đặc khu;", "- Lưu: VT, NC."]
    assert r.appendices == []


def test_an_appendix_after_the_signatures_page_is_still_one():
    """A page after the ending that opens with a title of its own (no line in the signature's
    columns) is an appendix, as before."""
    r = _read([*BODY,
               " Nơi nhận:                                           KT. CHỦ TỊCH",
               "- Bộ Nội vụ;                                   PHÓ CHỦ TỊCH",
               "- Lưu: VT, NC.                                 Trần Văn An",
               "\f                                    PHỤ LỤC",
               "                  Danh sách các trường tham dự hội thảo",
               "      Trường THPT Nguyễn Du và các trường trong cụm."])
    assert r.signer is not None and r.signer[0] == "Trần Văn An"
    assert len(r.appendices) == 1


def test_a_heading_naming_the_agency_stands_over_its_task():
    """"3.6. Đề nghị <agency>" stopping short of the page's width, and the task under it indented
    as a paragraph's first line: two paragraphs, though no sentence ends (a wrapped line goes on
    at the margin)."""
    paras = textfile.pdf_paragraphs("\n".join([
        "      3.5. Sở Tư pháp chủ trì, phối hợp với các cơ quan liên quan tổ chức tuyên",
        "truyền, phổ biến pháp luật về phòng, chống ma túy cho người dân trên địa bàn.",
        "      3.6. Đề nghị Viện Kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh",
        "      Phối hợp chặt chẽ với Công an tỉnh nâng cao hiệu quả áp dụng các",
        "biện pháp xử lý hành chính đưa người vào cơ sở cai nghiện bắt buộc theo quy",
        "định của pháp luật hiện hành về phòng, chống ma túy trên địa bàn tỉnh.",
        "      3.7. Sở Y tế hướng dẫn các cơ sở khám chữa bệnh trên địa bàn tỉnh triển",
        "khai các hoạt động điều trị nghiện bằng thuốc thay thế theo quy định."]))
    assert [p.text[:40] for p in paras] == [
        "3.5. Sở Tư pháp chủ trì, phối hợp với cá", "3.6. Đề nghị Viện Kiểm sát nhân dân tỉnh",
        "Phối hợp chặt chẽ với Công an tỉnh nâng ", "3.7. Sở Y tế hướng dẫn các cơ sở khám ch"]
    assert paras[1].text == "3.6. Đề nghị Viện Kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh"

def _word_plan(path: Path, left: float = 6.5) -> Path:
    """A plan as an office writes it in Word: the header a borderless table whose left column
    wraps the school's name, a heading naming an agency over its task (each paragraph's first
    line indented), and the signature's table long enough to run onto the next page."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)
    style.paragraph_format.space_after = Pt(0)

    def cell_lines(cell, lines: list[str], bold: bool = False) -> None:
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
        for p in cell.paragraphs:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for run in p.runs:
                run.bold, run.font.size = bold, Pt(12)

    def widths(table, *cm: float) -> None:
        table.autofit = False
        for column, width in zip(table.columns, cm, strict=True):
            column.width = Cm(width)
            for cell in column.cells:
                cell.width = Cm(width)

    head = doc.add_table(rows=2, cols=2)
    widths(head, left, 16.0 - left)
    cell_lines(head.cell(0, 0), ["SỞ GDĐT ĐỒNG THÁP", "TRƯỜNG THPT NGUYỄN DU 2"], bold=True)
    cell_lines(head.cell(0, 1), ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"], bold=True)
    cell_lines(head.cell(1, 0), ["Số: 58/KH-THPTND2"])
    cell_lines(head.cell(1, 1), ["Đồng Tháp, ngày 15 tháng 4 năm 2026"])
    for text in ("", "KẾ HOẠCH", "Phòng, chống ma túy trong trường học năm 2026", ""):
        p = doc.add_paragraph(text)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def body(text: str) -> None:
        p = doc.add_paragraph(text)
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.first_line_indent = Cm(1.27)

    body("Căn cứ Kế hoạch số 12/KH-SGDĐT ngày 26/12/2025 của Sở Giáo dục và Đào tạo về công tác "
         "phòng, chống ma túy trong trường học năm 2026;")
    body("Trường xây dựng kế hoạch phòng, chống ma túy trong trường học năm 2026 như sau:")
    body("I. NHIỆM VỤ CỦA CÁC CƠ QUAN")
    body("1. Đề nghị Tòa án nhân dân tỉnh")
    body("Phối hợp chặt chẽ với Công an tỉnh nâng cao hiệu quả áp dụng các biện pháp xử lý hành chính "
         "theo quy định của pháp luật hiện hành về phòng, chống ma túy.")
    body("2. Công an tỉnh chủ trì, phối hợp với các trường tổ chức tuyên truyền về tác hại của ma túy "
         "cho học sinh các lớp trong toàn trường năm học 2025 - 2026.")
    body("Trên đây là Kế hoạch phòng, chống ma túy trong trường học năm 2026 của Trường./.")
    end = doc.add_table(rows=1, cols=2)
    widths(end, 8.0, 8.0)
    left, right = end.cell(0, 0), end.cell(0, 1)
    left.paragraphs[0].text = "Nơi nhận:"
    for k in range(1, 21):
        left.add_paragraph(f"- Tổ chuyên môn {k} và các đoàn thể của trường;")
    left.add_paragraph("- Lưu: VT.")
    cell_lines(right, ["KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", *[""] * 34, "Trần Thanh Vũ"], bold=True)
    out = path / "plan.docx"
    doc.save(str(out))
    return out


@pytest.mark.soffice
@pytest.mark.skipif(SOFFICE is None or shutil.which("pdftotext") is None, reason="needs LibreOffice and poppler")
def test_a_word_plans_pdf_keeps_its_header_agencies_and_signature(tmp_path):
    """The PDF LibreOffice makes of such a Word plan imports with the whole school's name, its
    legal basis, the agencies of both items, and the signer under the title though the
    signature's table runs onto the next page."""
    from plangen.importer import import_to_yaml
    from plangen.office.convert import to_pdf
    from plangen.plan.load import load_plan_text

    pdf = to_pdf(_word_plan(tmp_path), tmp_path / "plan.pdf", keep_running=False)
    # the layout this test is about: the school's number alone under its name, the signer's name
    # on the page after the authority's
    layout = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                            text=True, check=True).stdout
    assert "2" in [line.strip() for line in layout.splitlines()[:4]], layout[:400]
    pages = layout.split("\f")
    assert "KT. HIỆU TRƯỞNG" in pages[0] and "Trần Thanh Vũ" in pages[1], layout
    text, _review = import_to_yaml(pdf)
    plan = load_plan_text(text, str(pdf)).plan.model_dump(mode="json")
    assert plan["issuer"]["name"] == ["TRƯỜNG THPT NGUYỄN DU 2"]
    assert len(plan["legal_bases"]) == 1
    assert plan["signature"]["name"] == "Trần Thanh Vũ"
    recipients = plan["recipients"]
    assert len(recipients) == 20 and all(r.startswith("Tổ chuyên môn") for r in recipients), recipients
    assert plan["appendices"] == []
    agencies = [i.get("agency") for s in plan["sections"] for i in s["content"] if isinstance(i, dict)]
    assert agencies == ["Tòa án nhân dân tỉnh", "Công an tỉnh"], agencies
