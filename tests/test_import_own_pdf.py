"""plangen's own PDF read back like its .docx: every example, built to PDF, imports with the same
header, signer, recipients, appendices, sections, tasks and agencies as its .docx import.

A PDF's text layer (what `pdftotext` gives) keeps the words and where they stand on the page, not
their look; the PDF is read with its look too (`plangen.word.pdflook`: each word's font and place,
the rules of its tables). What still could not come back from the PDF would be listed in
`UNREADABLE`, each field with the reason, and only those may differ; every other field is
compared as read from the .docx.
"""

from __future__ import annotations

import re
import shutil
from typing import Any

import pytest

from plangen.importer import import_to_yaml
from plangen.plan.load import load_plan_text

from conftest import ALL_EXAMPLES

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

UNREADABLE: dict[str, dict[str, str]] = {
    # path prefix (as `_differences` names it) → why the PDF cannot give the .docx's value; none
    # since the PDF is read with its look, its words' places and its tables' rules
}

_MARKUP = re.compile(r"\*\*|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")


def _plain(value: Any) -> Any:
    """Values with the inline markup of bold and italic taken off: the PDF has no type style."""
    if isinstance(value, str):
        return _MARKUP.sub("", value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _differences(a: Any, b: Any, path: str = "") -> list[str]:
    """The paths where two plan dumps differ, to the innermost field or list that does."""
    if a == b:
        return []
    if isinstance(a, dict) and isinstance(b, dict):
        return [d for k in sorted(a.keys() | b.keys()) for d in _differences(a.get(k), b.get(k), f"{path}.{k}")]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True)) for d in _differences(x, y, f"{path}[{i}]")]
    return [path]


def _imported(path) -> dict[str, Any]:
    text, _review = import_to_yaml(path)
    return _plain(load_plan_text(text, str(path)).plan.model_dump(mode="json"))


@pytest.fixture(scope="module")
def pdfs(built_examples, tmp_path_factory) -> dict[str, Any]:
    from plangen.office.convert import to_pdf

    out = tmp_path_factory.mktemp("pdf")
    return {name: to_pdf(docx, out / docx.with_suffix(".pdf").name) for name, docx in built_examples.items()}


@pytest.mark.soffice
@pytest.mark.skipif(SOFFICE is None or shutil.which("pdftotext") is None, reason="needs LibreOffice and poppler")
@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_an_examples_pdf_imports_like_its_docx(name, built_examples, pdfs):
    docx, pdf = _imported(built_examples[name]), _imported(pdfs[name])
    for key in ("issuer", "partners", "number", "date", "summary", "issued_with", "signature", "recipients",
                "archive"):
        assert pdf[key] == docx[key], key  # never excused: the header and the ending read back whole
    allowed = UNREADABLE.get(name, {})
    found = [d.lstrip(".") for d in _differences(docx, pdf)]
    unexplained = [d for d in found if not any(d == p or d.startswith((f"{p}.", f"{p}[")) for p in allowed)]
    assert unexplained == [], unexplained
    # and each reason above still holds (a field read back since then loses its excuse)
    stale = [p for p in allowed if not any(d == p or d.startswith((f"{p}.", f"{p}[")) for d in found)]
    assert stale == [], stale


def _read(layout: list[str]):
    from plangen.word import textfile
    from plangen.word.recognise import recognise

    return recognise(textfile.pdf_paragraphs("\n".join(layout)))


HEAD = ["   UBND TỈNH VĨNH LONG           CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "       SỞ TƯ PHÁP                         Độc lập - Tự do - Hạnh phúc",
        "   LĐLĐ TỈNH VĨNH LONG", "     BAN TUYÊN GIÁO",
        "        Số: 12/KH-STP                 Vĩnh Long, ngày 10 tháng 3 năm 2026",
        "        Số:    /KH-BTG", "",
        "                               KẾ HOẠCH",
        "           Phối hợp tuyên truyền, phổ biến giáo dục pháp luật",
        "                      cho người lao động năm 2026", ""]


def test_a_joint_plans_pdf_header_and_its_paragraphs():
    """Two bodies over their numbers in the header's left column, each a governing line over its
    name; the summary's line break kept, its wrap not; a paragraph indented after a sentence's
    end, a bullet indented under an agency, a code cut at its hyphen, a space put inside brackets
    around italic type, a syllable split by a fallback glyph."""
    r = _read([*HEAD,
               "      Căn cứ Luật Phổ biến, giáo dục pháp luật ngày 20 tháng 6 năm 2012 và các",
               "văn bản hướng dẫn thi hành Luật ( sửa đổi năm 2025) của Chính phủ;",
               "      Sở Tư pháp và Ban Tuyên giáo thống nhất ban hành Kế hoạch phối hợp như sau:",
               "      I. NHIỆM VỤ VÀ TRÁCH NHIỆM",
               "      1. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
               "      - Tuyên truyền, vận động người lao động tích cực tham gia các ho ạt động",
               "phổ biến giáo dục pháp luật theo Kế hoạch và Quyết định số 12/QĐ-",
               "UBND của Ủy ban nhân dân tỉnh về tuyên truyền, phổ biến giáo dục pháp luật.",
               "      2. Các cơ quan báo cáo kết quả trước ngày 15 tháng 12 năm 2026 về Sở Tư pháp",
               "để tổng hợp, báo cáo Ủy ban nhân dân tỉnh theo quy định hiện hành./."])
    assert [p.text for p in r.governing] == ["UBND TỈNH VĨNH LONG"] and [p.text for p in r.issuer] == ["SỞ TƯ PHÁP"]
    assert [([g.text for g in gov], [i.text for i in name]) for gov, name in r.partner_issuers] == [
        (["LĐLĐ TỈNH VĨNH LONG"], ["BAN TUYÊN GIÁO"])]
    assert [p.text for p in r.numbers] == ["Số: 12/KH-STP", "Số: /KH-BTG"]
    assert [p.text for p in r.summary] == ["Phối hợp tuyên truyền, phổ biến giáo dục pháp luật\n"
                                           "cho người lao động năm 2026"]
    assert [p.text for p in r.preamble] == [
        "Căn cứ Luật Phổ biến, giáo dục pháp luật ngày 20 tháng 6 năm 2012 và các văn bản hướng dẫn thi hành "
        "Luật (sửa đổi năm 2025) của Chính phủ;",
        "Sở Tư pháp và Ban Tuyên giáo thống nhất ban hành Kế hoạch phối hợp như sau:"]
    [agency, report] = r.sections[0].nodes
    assert agency.text == "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh" and report.text.endswith(
        "về Sở Tư pháp để tổng hợp, báo cáo Ủy ban nhân dân tỉnh theo quy định hiện hành./.")
    assert [n.text for n in agency.children] == [
        "Tuyên truyền, vận động người lao động tích cực tham gia các hoạt động phổ biến giáo dục pháp luật "
        "theo Kế hoạch và Quyết định số 12/QĐ-UBND của Ủy ban nhân dân tỉnh về tuyên truyền, phổ biến giáo "
        "dục pháp luật."]


def test_a_pdfs_ending_footnote_and_party_attachment():
    """A recipient wrapped in the recipients' column goes on until its ';'; a footnote printed at
    the page's foot goes back to its mark; a page after the signature that opens with a header of
    two columns (a Party attachment's) is read column by column, its title after its date."""
    from plangen.word import textfile
    from plangen.word.recognise import recognise

    layout = "\n".join([
        "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI             ĐẢNG CỘNG SẢN VIỆT NAM",
        "   ĐẢNG UỶ XÃ AN KHÁNH", "               *                    An Khánh, ngày 12 tháng 01 năm 2026",
        "         Số 05-KH/ĐU", "", "                               KẾ HOẠCH",
        "               kiểm tra, giám sát của Ban Chấp hành Đảng bộ xã", "                    năm 2026", "",
        "      I. MỤC ĐÍCH, YÊU CẦU",
        "      1. Kiểm tra việc thực hiện nhiệm vụ của các chi bộ trực thuộc 1 và của đảng viên",
        "trong năm 2026 theo chương trình kiểm tra của Ban Chấp hành Đảng bộ xã.", "",
        "1", " Gồm 04 chi bộ thôn và 02 chi bộ cơ quan.", "                      2",
        "\f      II. TỔ CHỨC THỰC HIỆN",
        "      1. Các chi bộ báo cáo kết quả trước ngày 15/12/2026./.",
        "Nơi nhận:                                   T/M BAN THƯỜNG VỤ",
        "- Ban Thường vụ Đảng uỷ thành phố,               BÍ THƯ",
        "- Các đồng chí Đảng uỷ viên,",
        "- Các chi bộ trực thuộc thôn và cơ", "quan,",
        "- Lưu Văn phòng Đảng uỷ.", "",
        "                                              Nguyễn Văn Thành",
        "\fĐẢNG BỘ THÀNH PHỐ HÀ NỘI             ĐẢNG CỘNG SẢN VIỆT NAM",
        "   ĐẢNG UỶ XÃ AN KHÁNH",
        "               *                    An Khánh, ngày 12 tháng 01 năm 2026",
        "                              DANH MỤC",
        "                  các cuộc kiểm tra, giám sát năm 2026",
        "(Kèm theo Kế hoạch số 05-KH/ĐU, ngày 12/01/2026 của Ban Thường vụ Đảng",
        "                             uỷ xã An Khánh)", "",
        "      Kiểm tra việc lãnh đạo thực hiện nghị quyết đại hội chi bộ.",
    ])
    r = recognise(textfile.pdf_paragraphs(layout))
    item = r.sections[0].nodes[0]
    assert item.text == ("Kiểm tra việc thực hiện nhiệm vụ của các chi bộ trực thuộc và của đảng viên trong năm 2026 "
                         "theo chương trình kiểm tra của Ban Chấp hành Đảng bộ xã.")
    assert [run.note for run in item.para.runs if run.note] == ["Gồm 04 chi bộ thôn và 02 chi bộ cơ quan."]
    assert [t for t, _p in r.recipients][2] == "- Các chi bộ trực thuộc thôn và cơ quan,"
    assert r.signer[0] == "Nguyễn Văn Thành"
    [appendix] = r.appendices
    assert [p.text for p in appendix.header] == ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "ĐẢNG UỶ XÃ AN KHÁNH", "*",
                                                 "ĐẢNG CỘNG SẢN VIỆT NAM", "An Khánh, ngày 12 tháng 01 năm 2026"]
    assert [p.text for p in appendix.titles] == ["DANH MỤC", "các cuộc kiểm tra, giám sát năm 2026"]
    assert [p.text for p in appendix.paras] == ["Kiểm tra việc lãnh đạo thực hiện nghị quyết đại hội chi bộ."]


def test_a_pdfs_turned_pages_are_a_page_setup_of_their_own():
    """Pages turned landscape (pdfinfo's sizes) begin a page setup of their own, as a Word file's
    section does: the paragraphs on them say so, and the appendix there is landscape."""
    from plangen.word import textfile

    layout = "\n".join(["Nội dung trang một.", "\fNội dung trang hai.", "\fPHỤ LỤC", "Bảng trên trang xoay.",
                        "\fTrang dọc lại."])
    paras = textfile.pdf_paragraphs(layout, [False, False, True, False])
    assert [(p.text, p.page_section) for p in paras] == [
        ("Nội dung trang một.", 0), ("Nội dung trang hai.", 0), ("PHỤ LỤC", 1), ("Bảng trên trang xoay.", 1),
        ("Trang dọc lại.", 2)]


def test_a_text_files_private_marks_are_its_own_text():
    """The marks the PDF reader puts in its text (a footnote, a page setup) mean nothing in a text
    file: a line holding them is kept as written."""
    from plangen.word import textfile

    text = "\ue0041\n\ue0031\tchú thích\nKẾ HOẠCH\nnội dung \ue0021\ue002 tiếp"
    assert [p.text for p in textfile.paragraphs(text)] == [
        "\ue0041", "\ue0031\tchú thích", "KẾ HOẠCH", "nội dung \ue0021\ue002 tiếp"]
