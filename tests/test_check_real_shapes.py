"""`plangen check` on the shapes real signed plans take: no false error, every true finding kept.

Each test builds its own small Word file (python-docx, raw XML where python-docx has no word for
it) in one shape that offices use: work given to agencies in sentences, a vice-chair signing
"KT. CHỦ TỊCH" for a plan the Chairman issues, a period plan with a 2030 deadline, a font named
by its face, sizes set by the Normal style, a landscape appendix with turned margins, and so on.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from docx.oxml import OxmlElement
from docx.shared import Pt

from messy_word import OfficeDoc
from plangen.check import check_path, read_view
from plangen.word.wordfile import read
from test_office_files import BODY, UBND_SIGNATURE, _plan

from cli_helpers import run_cli

SUMMARY = ["Phòng, chống mua bán người năm 2026"]
KT_SIGNATURE = "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"


def found(path: Path, rule: str | None = None) -> list:
    return [f for f in check_path(path).findings if rule is None or f.rule == rule]


def errors(path: Path) -> list[str]:
    return [f"{f.rule}: {f.message} [{f.where.words}]" for f in check_path(path).findings if f.severity == "error"]


def plan_file(tmp_path: Path, name: str = "plan.docx", *, body=None, signature: str = UBND_SIGNATURE,
              summary=None, more=None, preamble: list[str] | None = None, **kwargs) -> Path:
    doc = OfficeDoc()
    body = list(BODY if body is None else body)
    if preamble:
        body = [("p", text) for text in preamble] + body
    _plan(doc, summary=summary or SUMMARY, body=body, signature=signature, more=more, **kwargs)
    return doc.save(tmp_path / name)


def rezip(path: Path, part: str, change) -> Path:
    """Rewrite one XML part of a .docx in place (what python-docx has no word for)."""
    with zipfile.ZipFile(path) as src:
        items = [(item, src.read(item.filename)) for item in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        names = {item.filename for item, _data in items}
        for item, data in items:
            if item.filename == part:
                data = change(data.decode("utf-8")).encode("utf-8")
            dst.writestr(item, data)
        if part not in names:
            dst.writestr(part, change("").encode("utf-8"))
    return path


# --- required-sections: work given to agencies in sentences ------------------------------------

SENTENCES = [
    ("roman", "MỤC ĐÍCH, YÊU CẦU"), ("decimal", "Nâng cao nhận thức của cán bộ, công chức."),
    ("roman", "CHỈ TIÊU, NHIỆM VỤ"), ("decimal", "Cải cách thể chế"),
    ("dash", "Giao Công an tỉnh tham mưu Ủy ban nhân dân tỉnh triển khai ứng dụng giám sát an ninh mạng."),
    ("roman", "TỔ CHỨC THỰC HIỆN"), ("decimal", "Công tác triển khai"),
    ("p", "Sở Nội vụ có trách nhiệm giúp Ủy ban nhân dân tỉnh theo dõi, đôn đốc việc thực hiện."),
    ("decimal", "Kinh phí thực hiện"), ("p", "Kinh phí bố trí từ nguồn ngân sách nhà nước theo phân cấp./."),
]


def test_work_given_in_sentences_is_the_assignment_part(tmp_path):
    path = plan_file(tmp_path, body=SENTENCES)
    assert found(path, "required-sections") == []
    assert errors(path) == []


def test_a_school_plan_naming_the_school_that_runs_it(tmp_path):
    body = [("roman", "MỤC ĐÍCH, YÊU CẦU"), ("dash", "Nâng cao chất lượng dạy học môn Lịch sử."),
            ("roman", "NỘI DUNG SINH HOẠT CHUYÊN MÔN"), ("decimal", "Báo cáo chuyên đề."),
            ("roman", "TỔ CHỨC THỰC HIỆN"),
            ("dash", "Trường THPT Cao Lãnh 2 xây dựng kế hoạch, điều hành buổi sinh hoạt; hỗ trợ kinh phí (nếu có)./.")]
    path = plan_file(tmp_path, body=body, summary=["Tổ chức sinh hoạt chuyên môn năm học 2025 - 2026"],
                     issuer=[("SỞ GDĐT TỈNH ĐỒNG THÁP", False), ("TRƯỜNG THPT CAO LÃNH 2", True),
                             ("Số: 58/KH-THPTCL2", False)], signature="KT. HIỆU TRƯỞNG\nPHÓ HIỆU TRƯỞNG")
    assert found(path, "required-sections") == [] and found(path, "funding-section") == []


def test_a_task_table_in_the_appendix_is_the_assignment_part(tmp_path):
    body = [x for x in SENTENCES if not x[1].startswith(("Giao", "Sở Nội vụ"))]
    path = plan_file(tmp_path, body=body)
    assert [f.severity for f in found(path, "required-sections")] == ["warning"]  # nobody is given work yet

    def appendix(doc: OfficeDoc) -> None:
        doc.landscape_section((30, 15, 20, 20))
        doc.para("PHỤ LỤC", bold=True, align="center", indent=False)
        doc.para("PHÂN CÔNG THỰC HIỆN NHIỆM VỤ", bold=True, align="center", indent=False)
        table = doc.table(2, 3, borders=True)
        for c, text in enumerate(["Nhiệm vụ", "Cơ quan, đơn vị chủ trì", "Thời gian"]):
            doc.para(text, bold=True, align="center", indent=False, container=table.cell(0, c))
        for c, text in enumerate(["Rà soát văn bản", "Sở Tư pháp", "Các sở, ngành"]):
            doc.para(text, align="center", indent=False, container=table.cell(1, c))

    doc = OfficeDoc()
    _plan(doc, summary=SUMMARY, body=body, signature=UBND_SIGNATURE)
    appendix(doc)
    path = doc.save(tmp_path / "appendix.docx")
    assert found(path, "required-sections") == []


def test_a_missing_part_is_a_warning_with_its_reason(tmp_path):
    body = [("roman", "MỤC ĐÍCH, YÊU CẦU"), ("decimal", "Nâng cao nhận thức."),
            ("roman", "TỔ CHỨC THỰC HIỆN"), ("decimal", "Kinh phí bố trí trong dự toán ngân sách./.")]
    parts = found(plan_file(tmp_path, body=body), "required-sections")
    assert parts and {f.severity for f in parts} == {"warning"}
    assert all("decree leaves a plan's parts to the issuer" in f.message for f in parts)


def test_no_section_found_is_a_note_and_does_not_fail(tmp_path, capsys):
    path = plan_file(tmp_path, body=[("p", "Tổ chức tuyên truyền phòng, chống mua bán người trên địa bàn./.")])
    notes = found(path, "required-sections")
    assert [f.severity for f in notes] == ["note"]
    result = run_cli(capsys, "check", "--lang", "en", "--format", "github", str(path))
    assert "::notice file=" in result.out and "title=required-sections" in result.out


def test_a_word_file_without_the_type_name_gets_a_note_on_its_header(tmp_path):
    doc = OfficeDoc()
    doc.para("Tổ chức tuyên truyền phòng, chống mua bán người trên địa bàn tỉnh./.")
    header = found(doc.save(tmp_path / "no-title.docx"), "header")
    assert [f.severity for f in header] == ["note"] and "KẾ HOẠCH" in header[0].message


def test_settings_cannot_make_a_note_an_error(tmp_path, capsys, monkeypatch):
    path = plan_file(tmp_path, body=[("p", "Tổ chức tuyên truyền trên địa bàn./.")])
    (tmp_path / "plangen.toml").write_text('[check]\n[check.severity]\nrequired-sections = "error"\n')
    monkeypatch.chdir(tmp_path)
    result = run_cli(capsys, "check", "--lang", "en", "--format", "json", str(path))
    rows = [f for f in json.loads(result.out) if f["rule"] == "required-sections"]
    assert [f["severity"] for f in rows] == ["note"]


# --- signature-authority ----------------------------------------------------------------------

def test_vice_chair_signing_a_plan_the_chairman_issues(tmp_path):
    preamble = ["Căn cứ Quyết định số 282/QĐ-TTg ngày 12/02/2026 của Thủ tướng Chính phủ;",
                "Chủ tịch Ủy ban nhân dân tỉnh Vĩnh Long ban hành Kế hoạch phòng, chống mua bán người năm 2026 "
                "như sau:"]
    path = plan_file(tmp_path, preamble=preamble, signature=KT_SIGNATURE)
    assert found(path, "signature-authority") == []


def test_vice_chair_signing_without_tm_is_a_warning_only(tmp_path):
    path = plan_file(tmp_path, preamble=["Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:"], signature=KT_SIGNATURE)
    signed = found(path, "signature-authority")
    assert [f.severity for f in signed] == ["warning"] and "TM. ỦY BAN NHÂN DÂN" in signed[0].message
    assert errors(path) == []


def test_a_slash_in_the_authority_stays_an_error(tmp_path):
    path = plan_file(tmp_path, signature="T/M. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
    assert {f.severity for f in found(path, "signature-authority")} == {"error"}


# --- dates --------------------------------------------------------------------------------------

def _with_task(text: str):
    return [*BODY[:-1], ("decimal", text)]


def test_a_period_plan_may_set_a_deadline_in_its_last_year(tmp_path):
    path = plan_file(tmp_path, summary=["Cải cách hành chính giai đoạn 2026 - 2030"],
                     body=_with_task("Hoàn thành số hóa hồ sơ trước ngày 31/12/2030./."))
    assert found(path, "dates") == []


def test_a_deadline_outside_the_plan_year_is_a_warning(tmp_path):
    path = plan_file(tmp_path, body=_with_task("Hoàn thành số hóa hồ sơ trước ngày 31/12/2030./."))
    outside = found(path, "dates")
    assert [f.severity for f in outside] == ["warning"] and "2026" in outside[0].message


def test_dates_of_cited_documents_are_not_the_plans(tmp_path):
    text = ("Thực hiện theo Kế hoạch 620/KH-SGDĐT ngày 26/12/2024 và Luật Dữ liệu có hiệu lực từ ngày 01/7/2025, "
            "báo cáo trước ngày 15/12/2026./.")
    path = plan_file(tmp_path, body=_with_task(text))
    assert found(path, "dates") == []


def test_an_impossible_date_stays_an_error(tmp_path):
    path = plan_file(tmp_path, body=_with_task("Báo cáo kết quả trước ngày 31/02/2026./."))
    assert [f.severity for f in found(path, "dates")] == ["error"]


# --- font ---------------------------------------------------------------------------------------

def _fonts_named(path: Path, name: str) -> Path:
    """Every run's font given by a face name, as some Word files store it."""
    return rezip(path, "word/document.xml", lambda xml: re.sub(
        r"<w:rPr>", f'<w:rPr><w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:cs="{name}"/>', xml))


@pytest.mark.parametrize("face", ["Times New Roman Italic", "Times New Roman Bold", "TimesNewRomanPSMT"])
def test_a_face_of_times_new_roman_is_times_new_roman(tmp_path, face):
    path = _fonts_named(plan_file(tmp_path), face)
    assert read(path).paragraphs[0].font == face
    assert found(path, "font") == []


def test_another_font_stays_an_error(tmp_path):
    path = _fonts_named(plan_file(tmp_path), "Arial")
    assert [f.severity for f in found(path, "font")] == ["error"]


def test_a_bullet_from_a_symbol_font_is_not_text(tmp_path):
    def bullet(doc: OfficeDoc) -> None:
        doc.para("ü", font="Wingdings", indent=False)

    assert found(plan_file(tmp_path, more=bullet), "font") == []


def _normal_only(path: Path, normal_half_points: int, mark_half_points: int | None = None) -> Path:
    """Runs without a size of their own (the Normal style gives it), as most real files are;
    optionally a paragraph mark of another size, which Word does not apply to the text."""
    rezip(path, "word/document.xml", lambda xml: re.sub(r"<w:sz w:val=\"\d+\"/>", "", xml))
    if mark_half_points is not None:
        rezip(path, "word/document.xml", lambda xml: xml.replace(
            "<w:pPr>", f'<w:pPr><w:rPr><w:sz w:val="{mark_half_points}"/></w:rPr>', 1).replace(
            "<w:pPr>", f'<w:pPr><w:rPr><w:b/><w:sz w:val="{mark_half_points}"/></w:rPr>'))
    return rezip(path, "word/styles.xml", lambda xml: re.sub(
        r'(<w:style w:type="paragraph" w:default="1" w:styleId="Normal">.*?<w:rPr>)(.*?)(</w:rPr>)',
        lambda m: m.group(1) + re.sub(r"<w:sz [^>]*/>", "", m.group(2)) + f'<w:sz w:val="{normal_half_points}"/>'
        + m.group(3), xml, count=1, flags=re.DOTALL))


def test_sizes_come_from_the_normal_style_when_a_paragraph_names_none(tmp_path):
    path = _normal_only(plan_file(tmp_path), 28)
    body = [p for p in read(path).paragraphs if p.text.startswith("Kinh phí từ")]
    assert body and body[0].size == 14 and body[0].style == "Normal"
    assert [f for f in found(path, "font") if "body text" in f.message] == []
    path = _normal_only(plan_file(tmp_path, "twelve.docx"), 24)
    assert any("body text is 12 pt" in f.message for f in found(path, "font"))


def test_the_paragraph_mark_does_not_format_the_text(tmp_path):
    path = _normal_only(plan_file(tmp_path), 28, mark_half_points=20)
    body = [p for p in read(path).paragraphs if p.text.startswith("Kinh phí từ")]
    assert body[0].size == 14 and not body[0].bold
    assert [f for f in found(path, "font") if "body text" in f.message] == []


def _ending_sizes(tmp_path: Path, heading: float, recipients: list[tuple[str, float]], name: str) -> Path:
    doc = OfficeDoc()
    _plan(doc, summary=SUMMARY, body=BODY, signature=UBND_SIGNATURE, ending=False)
    table = doc.table(1, 2)
    left, right = table.cell(0, 0), table.cell(0, 1)
    first, *rest = recipients
    p = doc.para("", container=left, runs=[("Nơi nhận:", True, True)], align="left", size=heading, indent=False)
    run = p.add_run(first[0])  # the first recipient after a line break, in the same paragraph
    run._r.insert(0, OxmlElement("w:br"))
    run.font.size = Pt(first[1])
    for text, size in rest:
        doc.para(text, align="left", size=size, indent=False, container=left)
    doc.para(UBND_SIGNATURE, bold=True, align="center", indent=False, container=right)
    doc.para("Nguyễn Văn An", bold=True, align="center", indent=False, container=right)
    return doc.save(tmp_path / name)


def test_recipients_sizes_as_the_decree_sets_them(tmp_path):
    good = _ending_sizes(tmp_path, 12, [("- Bộ Công an;", 11), ("- Lưu: VT, NC.", 11)], "good.docx")
    assert found(good, "font") == [] and found(good, "ending") == []
    bad = _ending_sizes(tmp_path, 11, [("- Bộ Công an;", 10), ("- Lưu: VT, NC.", 11)], "bad.docx")
    messages = [f.message for f in found(bad, "font")]
    assert any("“Nơi nhận:” is 11 pt" in m for m in messages)
    assert any("recipients are 10 pt" in m and "Bộ Công an" in m for m in messages)


# --- page-format and page-numbers -----------------------------------------------------------------

def _appendix(doc: OfficeDoc, margins=(30, 15, 20, 20), restart: bool = True) -> None:
    doc.landscape_section(margins, restart=restart)
    doc.para("PHỤ LỤC", bold=True, align="center", indent=False)
    doc.para("DANH MỤC NHIỆM VỤ", bold=True, align="center", indent=False)
    doc.para("Nội dung phụ lục.")


def _with_appendix(tmp_path: Path, name: str, **kwargs) -> Path:
    doc = OfficeDoc()
    _plan(doc, summary=SUMMARY, body=BODY, signature=UBND_SIGNATURE)
    _appendix(doc, **kwargs)
    return doc.save(tmp_path / name)


@pytest.mark.parametrize("margins", [(30, 15, 20, 20), (15, 30, 20, 20), (20, 20, 30, 15)],
                         ids=["turned", "turned-the-other-way", "kept"])
def test_a_landscape_appendix_with_turned_margins(tmp_path, margins):
    path = _with_appendix(tmp_path, "landscape.docx", margins=margins)
    assert found(path, "page-format") == [] and found(path, "page-numbers") == []


def test_a_landscape_appendix_with_narrow_margins_stays_an_error(tmp_path):
    path = _with_appendix(tmp_path, "narrow.docx", margins=(20, 20, 20, 15))
    assert {f.severity for f in found(path, "page-format")} == {"error"}


def test_an_appendix_that_goes_on_with_the_plans_page_numbers(tmp_path):
    path = _with_appendix(tmp_path, "continued.docx", restart=False)
    numbers = found(path, "page-numbers")
    assert [f.severity for f in numbers] == ["error"] and numbers[0].where.words == "PHỤ LỤC"


def test_an_appendix_sharing_the_plans_section_is_a_warning(tmp_path):
    doc = OfficeDoc()
    _plan(doc, summary=SUMMARY, body=BODY, signature=UBND_SIGNATURE)
    doc.para("PHỤ LỤC", bold=True, align="center", indent=False)
    doc.para("DANH MỤC NHIỆM VỤ", bold=True, align="center", indent=False)
    path = doc.save(tmp_path / "shared.docx")
    assert [f.severity for f in found(path, "page-numbers")] == ["warning"]


def _margin(left: int, gutter: int):
    return lambda xml: re.sub(r"<w:pgMar [^>]*>", lambda m: re.sub(r'w:gutter="\d+"', f'w:gutter="{gutter}"', re.sub(
        r'w:left="\d+"', f'w:left="{left}"', m.group(0))), xml)


def test_a_gutter_is_part_of_the_left_margin(tmp_path):
    path = rezip(plan_file(tmp_path), "word/document.xml", _margin(1134, 567))  # 20 mm + a 10 mm gutter
    assert round(read(path).sections[0].left_mm) == 30
    assert found(path, "page-format") == []
    path = rezip(plan_file(tmp_path, "narrow.docx"), "word/document.xml", _margin(1134, 0))
    assert any("left margin is 20.0 mm" in f.message for f in found(path, "page-format"))


def _app(pages: int, words: int):
    return lambda _xml: ('<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/'
                         f'officeDocument/2006/extended-properties"><Pages>{pages}</Pages><Words>{words}</Words>'
                         '</Properties>')


def test_a_one_page_plan_needs_no_page_number(tmp_path):
    path = rezip(plan_file(tmp_path), "word/document.xml", lambda xml: re.sub(r"<w:headerReference [^>]*/>", "", xml))
    assert any("not numbered" in f.message for f in found(path, "page-numbers"))
    rezip(path, "docProps/app.xml", _app(1, 300))
    assert found(path, "page-numbers") == []
    rezip(path, "docProps/app.xml", _app(1, 0))  # counts never made (a library's template): not trusted
    assert found(path, "page-numbers")


def test_a_section_that_names_no_page_size_is_not_judged_on_it(tmp_path):
    path = rezip(plan_file(tmp_path), "word/document.xml", lambda xml: re.sub(r"<w:pgSz [^>]*/>", "", xml))
    assert not read(path).sections[0].sized
    assert found(path, "page-format") == []


# --- numbering, ending ------------------------------------------------------------------------------

def test_points_under_bullets_begin_again_at_a(tmp_path):
    body = [*BODY[:4], ("dash", "Nhóm thứ nhất:"), ("letter", "tuyên truyền;"), ("letter", "tập huấn;"),
            ("dash", "Nhóm thứ hai:"), ("p", "a) rà soát;"), ("p", "b) kiểm tra."), *BODY[4:]]
    assert found(plan_file(tmp_path, body=body), "numbering") == []
    body = [*BODY[:4], ("p", "a) tuyên truyền;"), ("p", "b) tập huấn;"), ("p", "d) kiểm tra."), *BODY[4:]]
    assert len(found(plan_file(tmp_path, "gap.docx", body=body), "numbering")) == 1


def test_a_group_of_recipients_with_its_members(tmp_path):
    recipients = ["- Bộ Công an;", "- Thường trực:", "+ Tỉnh ủy;", "+ HĐND tỉnh;", "- Lưu: VT, NC."]
    assert found(plan_file(tmp_path, recipients=recipients), "ending") == []
    recipients = ["- Bộ Công an", "- Lưu: VT, NC."]
    assert len(found(plan_file(tmp_path, "bad.docx", recipients=recipients), "ending")) == 1


# --- citations ----------------------------------------------------------------------------------

ISSUED = [("ỦY BAN NHÂN DÂN", True), ("TỈNH VĨNH LONG", True), ("Số: 15/KH-UBND", False)]


def test_a_cited_document_without_its_number(tmp_path):
    task = _with_task("Các đơn vị thực hiện theo hướng dẫn tại Văn bản  năm 2026 của Sở Nội vụ./.")
    cited = found(plan_file(tmp_path, body=task, issuer=ISSUED), "citations")
    assert [f.severity for f in cited] == ["error"] and "Văn bản năm 2026" in cited[0].message
    cited = found(plan_file(tmp_path, "draft.docx", body=task), "citations")  # the plan's own number is blank
    assert [f.severity for f in cited] == ["warning"] and "before the plan is issued" in cited[0].message


def test_a_plan_of_the_year_is_no_citation(tmp_path):
    path = plan_file(tmp_path, body=_with_task("Các đơn vị xây dựng Kế hoạch  năm 2026 của đơn vị mình./."),
                     issuer=ISSUED)
    assert found(path, "citations") == []


@pytest.mark.parametrize("text", [
    "Quyết định số     /QĐ-UBND ngày 12/3/2026 của Ủy ban nhân dân tỉnh",
    "Kế hoạch số ngày 05/3/2026 của Sở Y tế",
])
def test_blank_numbers_of_cited_documents(tmp_path, text):
    path = plan_file(tmp_path, body=_with_task(f"Các đơn vị thực hiện theo {text}./."), issuer=ISSUED)
    assert [f.severity for f in found(path, "citations")] == ["error"]


def test_complete_citations_and_the_drafts_own_number(tmp_path):
    def appendix(doc: OfficeDoc) -> None:
        doc.landscape_section((30, 15, 20, 20))
        doc.para("PHỤ LỤC", bold=True, align="center", indent=False)
        doc.para("(Kèm theo Kế hoạch số       /KH-UBND ngày      /3/2026 của Ủy ban nhân dân tỉnh)", italic=True,
                 align="center", indent=False)
        doc.para("Nội dung phụ lục.")

    doc = OfficeDoc()
    _plan(doc, summary=SUMMARY, body=_with_task(
        "Thực hiện theo Văn bản số 1234/UBND-VX ngày 12/3/2026 và Kế hoạch số 09/KH-SYT ngày 02/02/2026 của Sở Y "
        "tế; văn bản số ngày càng nhiều./."), signature=UBND_SIGNATURE)
    appendix(doc)
    path = doc.save(tmp_path / "draft.docx")
    assert found(path, "citations") == []


# --- heading-style and paragraph-break ------------------------------------------------------------

TITLED = [
    ("roman", "MỤC ĐÍCH, YÊU CẦU"), ("decimal", "Nâng cao nhận thức của cán bộ, công chức."),
    ("roman", "NHIỆM VỤ"),
    ("decimal", "Cải cách thể chế"), ("dash", "Rà soát văn bản quy phạm pháp luật."),
    ("decimal", "Cải cách thủ tục hành chính"), ("dash", "Công khai thủ tục hành chính."),
    ("decimal", "Công tác chỉ đạo, điều hành"), ("dash", "Giao Sở Nội vụ theo dõi, đôn đốc."),
    ("roman", "TỔ CHỨC THỰC HIỆN"), ("decimal", "Kinh phí bố trí trong dự toán ngân sách./."),
]


def _items_bold(path: Path, bold: set[str]) -> Path:
    """Set the titled items of section II bold or not, as typed."""
    def change(xml: str) -> str:
        for title in ("Cải cách thể chế", "Cải cách thủ tục hành chính", "Công tác chỉ đạo, điều hành"):
            value = "" if title in bold else ' w:val="0"'
            xml = re.sub(rf"(<w:r>(?:(?!</w:r>).)*?<w:b)(?: w:val=\"0\")?(/>(?:(?!</w:r>).)*?>{re.escape(title)}<)",
                         rf"\g<1>{value}\g<2>", xml, flags=re.DOTALL)
        return xml

    return rezip(path, "word/document.xml", change)


def test_a_titled_item_not_bold_among_bold_ones(tmp_path):
    path = _items_bold(plan_file(tmp_path, body=TITLED), {"Cải cách thể chế", "Cải cách thủ tục hành chính"})
    styled = found(path, "heading-style")
    assert [f.severity for f in styled] == ["warning"]
    assert styled[0].where.words.startswith("3. Công tác chỉ đạo")


def test_titled_items_all_regular_or_all_bold_are_consistent(tmp_path):
    assert found(_items_bold(plan_file(tmp_path, body=TITLED), set()), "heading-style") == []
    everything = {"Cải cách thể chế", "Cải cách thủ tục hành chính", "Công tác chỉ đạo, điều hành"}
    assert found(_items_bold(plan_file(tmp_path, "bold.docx", body=TITLED), everything), "heading-style") == []


def test_a_sentence_broken_into_two_paragraphs(tmp_path):
    body = [*BODY[:4], ("p", "Tổ chức tuyên truyền có tính chất quyết định để bảo đảm"),
            ("p", "hoàn thành nhiệm vụ được giao trong năm."), *BODY[4:]]
    broken = found(plan_file(tmp_path, body=body), "paragraph-break")
    assert [f.severity for f in broken] == ["warning"] and broken[0].where.words.startswith("Tổ chức tuyên truyền")


def test_a_link_or_a_point_after_an_open_line_is_no_break(tmp_path):
    body = [*BODY[:4], ("p", "Hội nghị trực tuyến qua ứng dụng Google Meet, theo đường link"),
            ("p", "https://meet.google.com/abc-defg-hij"), ("p", "Nội dung kiểm tra công tác chỉ đạo, điều hành"),
            ("letter", "việc ban hành kế hoạch."), *BODY[4:]]
    assert found(plan_file(tmp_path, body=body), "paragraph-break") == []


# --- consistency, funding ---------------------------------------------------------------------------

def test_two_issuers_may_share_a_symbol(tmp_path):
    path = plan_file(tmp_path, body=_with_task(
        "Thực hiện Quyết định số 12/QĐ-UBND ngày 05/01/2026 của UBND tỉnh và Quyết định số 12/QĐ-UBND ngày "
        "20/01/2026 của UBND xã An Bình./."))
    assert found(path, "consistency") == []


def test_funding_stated_where_work_is_given(tmp_path):
    body = [("roman", "MỤC ĐÍCH, YÊU CẦU"), ("decimal", "Nâng cao nhận thức."),
            ("roman", "NỘI DUNG"), ("decimal", "Tổ chức chương trình truyền hình."),
            ("roman", "TỔ CHỨC THỰC HIỆN"), ("decimal", "Báo và Phát thanh, Truyền hình tỉnh"),
            ("letter", "Sử dụng kinh phí năm 2026 được giao để thực hiện chương trình./.")]
    assert found(plan_file(tmp_path, body=body), "funding-section") == []


# --- a Party committee's plan --------------------------------------------------------------------------

def test_state_rules_give_no_false_error_on_a_party_plan(tmp_path):
    doc = OfficeDoc()
    doc.header_table([("ĐẢNG BỘ TỈNH KHÁNH HÒA", False), ("ĐẢNG ỦY XÃ CÔNG HẢI", True), ("*", False),
                      ("Số 12-KH/ĐU", False)],
                     [("ĐẢNG CỘNG SẢN VIỆT NAM", True, False), ("Công Hải, ngày 18 tháng 9 năm 2025", False, True)])
    doc.para("KẾ HOẠCH", bold=True, align="center", indent=False)
    doc.para("tổ chức làm việc với các tổ chức cơ sở đảng năm 2025", bold=True, align="center", indent=False)
    for kind, text in [("roman", "MỤC ĐÍCH, YÊU CẦU"), ("dash", "Nắm tình hình các tổ chức cơ sở đảng."),
                       ("roman", "NỘI DUNG LÀM VIỆC"), ("dash", "Nghe báo cáo kết quả thực hiện nghị quyết."),
                       ("roman", "TỔ CHỨC THỰC HIỆN"), ("dash", "Văn phòng Đảng ủy chuẩn bị nội dung, kinh phí./.")]:
        if kind == "roman":
            doc.numbered(text, "roman", "sections", bold=True)
        else:
            doc.numbered(text, "dash", "bullets")
    table = doc.table(1, 2)
    doc.para("Nơi nhận:", size=14, align="left", indent=False, container=table.cell(0, 0))
    for text in ("- Các tổ chức cơ sở đảng,", "- Lưu Văn phòng Đảng ủy."):
        doc.para(text, size=12, align="left", indent=False, container=table.cell(0, 0))
    doc.para("T/M BAN THƯỜNG VỤ\nBÍ THƯ", bold=True, align="center", indent=False, container=table.cell(0, 1))
    doc.para("Vũ Thị Thùy Trang", bold=True, align="center", indent=False, container=table.cell(0, 1))
    doc.landscape_section((30, 15, 20, 20), restart=False)  # an outline attached on its own page
    doc.para("ĐỀ CƯƠNG BÁO CÁO", bold=True, align="center", indent=False)
    doc.para("Kết quả lãnh đạo, chỉ đạo thực hiện nhiệm vụ năm 2025.")
    path = doc.save(tmp_path / "party.docx")
    assert read_view(path).format == "party"
    # the Party's own rules judge it (its sizes: see test_party.py); no rule of the decree fires
    assert [e for e in errors(path) if not e.startswith("party-")] == []
