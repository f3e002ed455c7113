"""Structures real plans use (issue 13): each builds and reads as the real form would."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from pydantic import ValidationError

from plangen.document.render import build_file
from plangen.errors import PlangenError
from plangen.plan import models
from plangen.plan.load import load_plan_text
from plangen.word import docxtext

from conftest import EXAMPLES, FIXTURES

DEPARTMENT = EXAMPLES / "socongthuong-2026.yaml"
JOINT = EXAMPLES / "lientich-2026.yaml"
DECIMAL = FIXTURES / "structures" / "decimal.yaml"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
BLANK = "\u00a0" * 6  # the blank of a draft's day or number


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("structures")
    return {p.stem: build_file(p, out / f"{p.stem}.docx") for p in (DEPARTMENT, JOINT, DECIMAL)}


def lines(path: Path) -> list[str]:
    return [p for p in docxtext.paragraphs(path) if p.strip()]


def xml(path: Path, part: str = "word/document.xml") -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(part).decode("utf-8")


def after(seq: list[str], first: str) -> list[str]:
    return seq[seq.index(first) + 1:]


def minimal(**extra: str) -> str:
    """A small valid plan, with more YAML appended."""
    base = """issuer:
  {name: [ỦY BAN NHÂN DÂN, XÃ AN KHÁNH], code: UBND, place: An Khánh, full_name: Ủy ban nhân dân xã An Khánh}
year: 2026
summary: Phòng, chống thiên tai năm 2026
sections:
  - kind: [purpose, requirements]
    content: [Bảo đảm an toàn.]
  - kind: content
    content: [{item: Tuyên truyền.}]
  - kind: assignments
    content: [{agency: Công an xã, tasks: [Chủ trì.]}]
  - kind: implementation
    content: [Các đơn vị thực hiện.]
recipients: [Ủy ban nhân dân tỉnh]
signature: {authority: TM., collective: ỦY BAN NHÂN DÂN, position: CHỦ TỊCH, name: Lê Văn A}
"""
    return base + "".join(f"{v}\n" for v in extra.values())


# --- 1. appendices as small documents ---------------------------------------------------------

def test_appendix_reads_as_a_small_document(built):
    text = lines(built["socongthuong-2026"])
    start = after(text, "Nguyễn Văn An")
    assert start[:4] == [
        "Phụ lục số 01",
        "KẾ HOẠCH KIỂM TRA AN TOÀN THỰC PHẨM NĂM 2026",
        "Danh sách cơ sở và thời gian kiểm tra",  # subtitle as written, not upper-cased
        f"(Kèm theo Kế hoạch số: {BLANK}/KH-SCT ngày{BLANK}tháng 4 năm 2026 của Sở Công Thương tỉnh Vĩnh Long)",
    ]
    assert start[4:6] == ["I. DANH SÁCH CƠ SỞ ĐƯỢC KIỂM TRA", "Biểu 01"]
    assert "II. MẪU BÁO CÁO KẾT QUẢ KIỂM TRA" in start
    assert "BÁO CÁO KẾT QUẢ KIỂM TRA AN TOÀN THỰC PHẨM NĂM 2026" in start
    assert start[-3:] == ["NGƯỜI LẬP BIỂU", "LÃNH ĐẠO ĐƠN VỊ", "(Ký tên, đóng dấu)"]


def test_caption_alignment_and_signature_place_layout(built):
    body = xml(built["socongthuong-2026"])
    caption = re.search(r'<w:p><w:pPr>(?:(?!</w:p>).)*?<w:t xml:space="preserve">Biểu 01</w:t>', body)
    assert caption and '<w:jc w:val="right"/>' in caption.group(0)
    sign = re.search(r"<w:tbl>(?:(?!</w:tbl>).)*LÃNH ĐẠO ĐƠN VỊ(?:(?!</w:tbl>).)*</w:tbl>", body).group(0)
    cells = re.findall(r"<w:tc>.*?</w:tc>", sign)
    assert len(cells) == 2 and "NGƯỜI LẬP BIỂU" in cells[0] and "LÃNH ĐẠO ĐƠN VỊ" in cells[1]
    assert "<w:i/>" in cells[1].split("LÃNH ĐẠO ĐƠN VỊ")[1]  # "(Ký tên, đóng dấu)" in italics


def test_appendix_without_label_or_reference_line(built):
    text = lines(built["lientich-2026"])
    start = after(text, "- Lưu: VT, STP, BTG.")
    assert start[:2] == ["LỊCH HỘI NGHỊ TUYÊN TRUYỀN NĂM 2026", "(dự kiến, có thể điều chỉnh)"]
    assert not any(x.startswith(("Phụ lục", "(Kèm theo")) for x in start)


def test_appendix_reference_as_written():
    plan = load_plan_text(minimal(a="""appendices:
  - {label: PHỤ LỤC I, reference: "Kèm theo Kế hoạch số 15/KH-UBND của UBND xã", content: [Nội dung.]}"""))
    from plangen.document.layout import build_context

    appendix = build_context(plan.plan)[0]["appendices"][0]
    assert appendix["label"] == "PHỤ LỤC I"
    assert appendix["reference"] == "(Kèm theo Kế hoạch số 15/KH-UBND của UBND xã)"


# --- 2. decimal outlines ------------------------------------------------------------------------

def test_decimal_outline_with_headings_as_written(built):
    text = lines(built["decimal"])
    for expected in ("1. Mục đích, yêu cầu", "1.1. Mục đích", "2. Nội dung kiểm tra",
                     "2.1. Đối tượng kiểm tra", "3.1. Chi cục Quản lý thị trường:"):
        assert expected in text
    assert any(x.startswith("2.1.1. Cơ sở sản xuất thực phẩm: rượu") for x in text)
    assert "1. Danh sách cơ sở được kiểm tra" in text  # the appendix's own sections too


def test_decimal_outline_passes_check():
    from plangen.check import check_path

    assert [f for f in check_path(DECIMAL).findings if f.severity == "error"] == []


# --- 3. partial dates ---------------------------------------------------------------------------

def test_draft_with_known_month(built):
    text = lines(built["socongthuong-2026"])
    assert f"Vĩnh Long, ngày{BLANK}tháng 4 năm 2026" in text
    with pytest.raises(PlangenError):
        load_plan_text(minimal(a="date: 05/04/2026\ndraft_month: 4"))


# --- 4. issued with any document ---------------------------------------------------------------

def test_line_of_a_party_resolution_implemented(built):
    text = lines(built["socongthuong-2026"])
    assert ("(Thực hiện Nghị quyết số 35-NQ/TU ngày 12 tháng 01 năm 2026 của Ban Thường vụ Tỉnh ủy)"
            in text)
    assert any(x.startswith("Số:") for x in text)  # own_number: it keeps its number line


@pytest.mark.parametrize(("number", "kind"), [("1206/QĐ-UBND", "Quyết định"), ("35-NQ/TU", "Nghị quyết"),
                                              ("92/KH-UBND", "Kế hoạch"), ("05-CT/TU", "Chỉ thị"),
                                              ("12/2025/NQ-HĐND", "Nghị quyết")])
def test_document_type_from_its_symbol(number, kind):
    ref = models.DocumentReference(number=number, by="Tỉnh ủy")
    assert ref.type_name == kind
    assert ref.text == f"(Kèm theo {kind} số {number} của Tỉnh ủy)"


def test_issued_with_a_document_has_no_number_unless_own():
    extra = "number: 5\nissued_with: {number: 35-NQ/TU, by: Tỉnh ủy}"
    with pytest.raises(PlangenError):
        load_plan_text(minimal(a=extra))
    load_plan_text(minimal(a=extra.replace("}", ", own_number: true}")))
    with pytest.raises(ValidationError):
        models.DocumentReference(number="35 NQ TU", by="x")


# --- 5. legal bases as written ------------------------------------------------------------------

def test_legal_bases_keep_the_authors_ends(built):
    text = lines(built["socongthuong-2026"])
    first = next(x for x in text if x.startswith("Căn cứ Luật An toàn"))
    assert "; Nghị định số 15/2018/NĐ-CP" in first and first.endswith("Luật An toàn thực phẩm.")
    second = next(x for x in text if x.startswith("Căn cứ Kế hoạch số 28"))
    assert second.endswith("năm 2026;")  # the last basis, before the preamble: as the decree shows
    plan = load_plan_text(minimal(a="""legal_bases_end: as_written
legal_bases: ["Thực hiện Chỉ thị số 05-CT/TU.", "Luật Phòng, chống thiên tai;"]"""))
    from plangen.document.layout import build_context

    body = [b.runs.text for b in build_context(plan.plan)[0]["body"][:2]]
    assert body == ["Thực hiện Chỉ thị số 05-CT/TU.", "Căn cứ Luật Phòng, chống thiên tai."]


# --- 6. signature lines and joint plans ---------------------------------------------------------

def test_joint_plan_header_and_signatures(built):
    path = built["lientich-2026"]
    text = lines(path)
    assert text[:4] == ["UBND TỈNH VĨNH LONG", "SỞ TƯ PHÁP", "LĐLĐ TỈNH VĨNH LONG", "BAN TUYÊN GIÁO"]
    assert "Số: 12/KH-STP" in text and "Số: 05/KH-BTG" in text
    body = xml(path)
    table = re.search(r"<w:tbl>(?:(?!<w:tbl>).)*KT\. TRƯỞNG BAN(?:(?!</w:tbl>).)*</w:tbl>", body).group(0)
    cells = re.findall(r"<w:tc>.*?</w:tc>", table)
    assert len(cells) == 2  # side by side, the lead body on the right
    assert "Lê Thị Hoa" in cells[0] and "Trần Văn Bình" in cells[1]
    assert cells[1].index("Trần Văn Bình") < cells[1].index("PHÓ GIÁM ĐỐC SỞ TƯ PHÁP")


# --- 7. tables as offices make them -------------------------------------------------------------

def test_table_spans_alignment_numbering_font_and_breaks(built):
    body = xml(built["socongthuong-2026"])
    table = re.search(r"<w:tbl>(?:(?!</w:tbl>).)*Co\.opmart(?:(?!</w:tbl>).)*</w:tbl>", body).group(0)
    assert "<w:tblHeader/>" in table
    assert table.count('<w:vMerge w:val="restart"/>') == 1 and table.count("<w:vMerge/>") == 1
    rows = re.findall(r"<w:tr>.*?</w:tr>", table)
    first = re.findall(r"<w:tc>.*?</w:tc>", rows[1])
    assert ">1<" in first[0] and '<w:jc w:val="center"/>' in first[0]  # TT numbered, centred
    assert "Chi cục<w:br/>" in first[1].replace('</w:t>', "").replace('<w:t xml:space="preserve">', "")
    assert '<w:jc w:val="both"/>' in first[2]  # justified text column
    assert '<w:sz w:val="24"/>' in first[2]  # the table's own 12 pt
    text = lines(built["lientich-2026"])
    assert text[text.index("Quý II/2026") + 1] == "1"  # a group row spans the table, unnumbered
    assert '<w:gridSpan w:val="4"/>' in xml(built["lientich-2026"])


def test_table_shape_is_checked_with_spans():
    ok = {"columns": ["A", "B"], "rows": [[{"text": "x", "rowspan": 2}, "1"], ["2"]]}
    models.TableSpec.model_validate(ok)
    with pytest.raises(ValidationError, match="row 1 has 3 cells"):
        models.TableSpec.model_validate({"columns": ["A", "B"], "rows": [[{"text": "x", "rowspan": 2}, "1"],
                                                                           ["2", "3"]]})
    with pytest.raises(ValidationError):
        models.TableSpec.model_validate({"columns": ["A"], "rows": [], "align": ["center", "left"]})


# --- 8. headings with their own end -------------------------------------------------------------

def test_one_agency_heading_ends_with_a_colon(built):
    text = lines(built["socongthuong-2026"])
    assert "1. Chi cục Quản lý thị trường:" in text and "2. Phòng Quản lý công nghiệp" in text


# --- 9. house style -----------------------------------------------------------------------------

def test_plan_style_sets_spacing_margins_and_recipients_column(built):
    path = built["socongthuong-2026"]
    styles = xml(path, "word/styles.xml")
    body_style = re.search(r'<w:style [^>]*w:styleId="PlanBody".*?</w:style>', styles).group(0)
    assert 'w:line="240"' in body_style
    ending = re.search(r"<w:tbl>(?:(?!</w:tbl>).)*Nơi nhận:", xml(path)).group(0)
    assert '<w:gridCol w:w="3005"/>' in ending  # 53 mm


def test_office_style_from_plangen_toml(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(minimal(a="style: {line_spacing: 1.5}"), encoding="utf-8")
    (tmp_path / "plangen.toml").write_text("[style]\nline_spacing = 1.05\nmargin_left = 35\n", encoding="utf-8")
    path = build_file(plan, tmp_path / "plan.docx")
    body_style = re.search(r'<w:style [^>]*w:styleId="PlanBody".*?</w:style>', xml(path, "word/styles.xml"))
    assert 'w:line="360"' in body_style.group(0)  # the plan's own setting wins
    assert 'w:left="1984"' in xml(path)  # the office's 35 mm left margin


def test_style_outside_the_decree_is_a_located_error(tmp_path):
    from plangen.plan.style import load_style

    settings = tmp_path / "plangen.toml"
    settings.write_text("[check]\nignore = []\n\n[style]\nmargin_left = 25\nspacing = 1\n", encoding="utf-8")
    with pytest.raises(PlangenError) as caught:
        load_style(settings)
    problems = {p.line: p.message for p in caught.value.problems}
    assert set(problems) == {5, 6}
    assert "30" in problems[5] and "35" in problems[5]
    with pytest.raises(PlangenError):
        load_plan_text(minimal(a="style: {line_spacing: 2}"))


def test_plans_without_settings_use_the_template_as_it_is():
    from plangen.document.layout import build_context, house_style

    plan = load_plan_text(minimal()).plan
    assert house_style(plan) is None and build_context(plan)[0]["style"] is None


# --- every new plan builds, checks, and opens in LibreOffice -------------------------------------

@pytest.mark.parametrize("plan", [DEPARTMENT, JOINT], ids=lambda p: p.stem)
def test_new_examples_pass_check(plan):
    from plangen.check import check_path

    assert [f for f in check_path(plan).findings if f.severity == "error"] == []


def test_joint_plan_document_passes_check(built):
    from plangen.check import check_path

    assert [f for f in check_path(built["lientich-2026"]).findings if f.severity == "error"] == []


@pytest.mark.parametrize("name", ["socongthuong-2026", "decimal"])
def test_documents_with_appendix_sections_or_decimal_outline_pass_check(built, name):
    # an appendix's own "I. …" headings are not signature lines; decimal sections are sections
    from plangen.check import check_path

    assert [f for f in check_path(built[name]).findings if f.severity == "error"] == []


@pytest.mark.soffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (.ci/run installs it)")
def test_structures_open_in_libreoffice(built, tmp_path):
    proc = subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), *map(str, built.values())],
        capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    for name in built:
        pdf = tmp_path / f"{name}.pdf"
        assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF"), name
        if shutil.which("pdftotext"):
            text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
            assert "KẾ HOẠCH" in text


def test_template_rebuilds_to_the_committed_bytes(tmp_path):
    # documents copy the template's zip entries: a rebuilt template must not change them
    import importlib.util

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location("make_template", ROOT / "scripts" / "make_template.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build(tmp_path / "plan.docx")
    assert (tmp_path / "plan.docx").read_bytes() == (ROOT / "templates" / "plan.docx").read_bytes()


def test_heading_rows_with_merged_cells(built):
    body = xml(built["socongthuong-2026"])
    table = re.search(r"<w:tbl>(?:(?!</w:tbl>).)*Sản xuất thực phẩm(?:(?!</w:tbl>).)*</w:tbl>", body).group(0)
    rows = re.findall(r"<w:tr>.*?</w:tr>", table)
    assert all("<w:tblHeader/>" in r for r in rows[:2]) and "<w:tblHeader/>" not in rows[2]
    first = re.findall(r"<w:tc>.*?</w:tc>", rows[0])
    assert [">TT<" in first[0], '<w:vMerge w:val="restart"/>' in first[0]] == [True, True]
    assert '<w:gridSpan w:val="2"/>' in first[2] and "Số cơ sở" in first[2]
    grid = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"/>', table)]
    # the house style (this plan has one) fits the template's tables, never the plan's
    assert f'<w:tcW w:w="{grid[2] + grid[3]}" w:type="dxa"/><w:gridSpan w:val="2"/>' in first[2]
    assert len(re.findall(r"<w:tc>", rows[1])) == 4  # TT and "Loại cơ sở" continue from above
    with pytest.raises(ValidationError, match="heading row 1"):
        models.TableSpec.model_validate({"columns": ["A", "B", "C"], "header": [
            [{"text": "A", "rowspan": 2}, {"text": "B", "colspan": 2}], ["B1"]]})
