"""`plangen import` keeps what the document says as it says it: a web page's notes in the body, a
section numeral the source used twice, a number written with leading zeros, the year of the
summary. Each shape is made up here (web text and plain text written by the test); what must hold:
nothing of the source is lost from the built document's body, the import comes back identical
from the .docx it builds, and `check` still reports the source's own errors.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml

from plangen.check import check_view
from plangen.check.read import from_plan, from_word
from plangen.errors import PlangenError
from plangen.importer.reader import import_to_yaml
from plangen.plan.load import load_plan_text
from plangen.word import docxtext
from plangen.word.wordfile import read
from test_import_webtext import TEMPLATE, WEB, body_words, imported, lost

# a web page's copy of a plan whose Word original had footnotes: the marks in the text (glued to a
# word, or set apart in italics), the notes at the end of the page, after the signature table
NOTES = """**ỦY BAN NHÂN DÂN XÃ AN HÒA**
**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
Số: 0129/KH-UBND
*An Hòa, ngày 03 tháng 3 năm 2026*
**KẾ HOẠCH**
**Hỗ trợ nhu yếu phẩm cho các xã bị ngập năm 2026**
**I. ĐÁNH GIÁ THIỆT HẠI**
Mưa lũ làm ngập sâu 12 thôn của xã[1], thiệt hại ước 560 tỷ đồng *[2]*/12,9 tỷ đồng dự phòng.
Chi thường xuyên *tăng 14.635 tỷ đồng***[3]**, chủ yếu cho cứu trợ.
**II. MỤC TIÊU**
1. Bảo đảm không để người dân thiếu đói.
**III. TỔ CHỨC THỰC HIỆN**
1. Công an xã: Bảo đảm an ninh, trật tự tại các điểm cấp phát.
2. Văn phòng: Tổng hợp, báo cáo kết quả./.

|
*Nơi nhận:*
- UBND huyện;
- Lưu: VT.
|
**TM. ỦY BAN NHÂN DÂN**
**CHỦ TỊCH**
**Nguyễn Văn Hòa**
|

[1]
Thôn Đông, thôn Tây, thôn Bắc Sơn và các thôn ven sông Ba.

[2] Chưa gồm thiệt hại về nhà ở của hộ nghèo.

[3] Bao gồm chi tạo nguồn cải cách tiền lương.
"""


def _comes_back(data: dict, tmp_path: Path) -> tuple[dict, bytes]:
    """The imported plan built, and that .docx imported again: (the data read back, the .docx)."""
    plan = load_plan_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "x.yaml").plan
    docx = TEMPLATE.render(plan)
    path = tmp_path / "built.docx"
    path.write_bytes(docx)
    again, _review = import_to_yaml(path)
    rebuilt = TEMPLATE.render(load_plan_text(again, "again.yaml").plan)
    assert docxtext.paragraphs(io.BytesIO(rebuilt)) == docxtext.paragraphs(path)
    return yaml.safe_load(again), docx


# --- a web page's notes ----------------------------------------------------------------------

def test_a_web_pages_notes_stay_in_the_body_as_the_page_shows_them(tmp_path):
    data, review, docx = imported("notes.md", NOTES, tmp_path)
    first = data["sections"][0]["content"]
    assert first[0].startswith("Mưa lũ làm ngập sâu 12 thôn của xã[1], thiệt hại ước 560 tỷ đồng *[2]* /12,9")
    shown = docxtext.paragraphs(io.BytesIO(docx))
    # a mark set apart by its look (in bold after italics): the words beside it stay whole
    assert "Chi thường xuyên tăng 14.635 tỷ đồng [3], chủ yếu cho cứu trợ." in shown
    assert any("560 tỷ đồng [2] /12,9 tỷ đồng" in p for p in shown)
    notes = data["closing"]
    assert notes == ["[1] Thôn Đông, thôn Tây, thôn Bắc Sơn và các thôn ven sông Ba.",
                     "[2] Chưa gồm thiệt hại về nhà ở của hộ nghèo.",
                     "[3] Bao gồm chi tạo nguồn cải cách tiền lương."]
    said = [n for n in review if n.path[0] == "closing"]
    assert len([n for n in said if "^[" in n.message]) == 3  # each note: how to make it a Word footnote
    assert all(any("signature" in n.message for n in said if n.path == ("closing", i)) for i in range(3))
    assert "^[" not in yaml.dump(data, allow_unicode=True)  # no footnote made: a reader of the body sees all
    assert lost(tmp_path / "notes.md", docx, body_only=True) == []


def test_a_note_mark_without_its_note_and_a_note_without_a_mark_are_text(tmp_path):
    text = NOTES.replace("[3] Bao gồm", "[7] Bao gồm")
    _data, review, docx = imported("notes.md", text, tmp_path)
    assert sum("^[" in n.message for n in review) == 2  # [3] has no note, [7] no mark: plain text
    assert lost(tmp_path / "notes.md", docx, body_only=True) == []


def test_word_footnotes_stay_word_footnotes(tmp_path):
    """A .docx's real footnotes are Word footnotes again (`^[…]`), as built."""
    data = yaml.safe_load(import_to_yaml(WEB / "perline.md")[0])
    data["sections"][0]["content"][0] = "Phát động phong trào trồng cây^[Theo Kế hoạch của huyện.]."
    back, _docx = _comes_back(data, tmp_path)
    assert back["sections"][0]["content"][0] == "Phát động phong trào trồng cây^[Theo Kế hoạch của huyện.]."


# --- a section numeral used twice -------------------------------------------------------------

def test_a_numeral_used_twice_is_kept_printed_and_reported(tmp_path):
    text = (WEB / "perline.md").read_text(encoding="utf-8").replace("**III. TỔ CHỨC", "**II. TỔ CHỨC")
    data, review, docx = imported("twice.md", text, tmp_path)
    assert [s.get("label") for s in data["sections"]] == [None, None, "II"]
    assert list(data["sections"][2])[:3] == ["kind", "heading", "label"]
    assert any(n.path == ("sections", 2, "label") and "“II”" in n.message and "“III”" in n.message
               for n in review)
    assert "II. TỔ CHỨC THỰC HIỆN" in docxtext.paragraphs(io.BytesIO(docx))
    assert lost(tmp_path / "twice.md", docx) == []
    plan = load_plan_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "x.yaml")
    path = tmp_path / "twice.docx"
    path.write_bytes(docx)
    for view in (from_plan(plan), from_word(read(path))):  # the source's error is still reported
        numbering = [f for f in check_view(view) if f.rule == "numbering"]
        assert len(numbering) == 1 and numbering[0].severity == "error"
    back, _docx = _comes_back(data, tmp_path)
    assert [s.get("label") for s in back["sections"]] == [None, None, "II"]


def test_sections_in_sequence_have_no_label(tmp_path):
    data, _review, _docx = imported("perline.md")
    assert all("label" not in s for s in data["sections"])


@pytest.mark.parametrize("label", ["IIII2", "A", "iv", "", "1000"])
def test_a_section_label_is_a_numeral(label):
    data = yaml.safe_load(import_to_yaml(WEB / "perline.md")[0])
    data["sections"][0]["label"] = label
    with pytest.raises(PlangenError):
        load_plan_text(yaml.safe_dump(data, allow_unicode=True), "x.yaml")


# --- a number written with leading zeros -------------------------------------------------------

def test_a_number_with_leading_zeros_is_kept_as_written(tmp_path):
    data, _review, docx = imported("notes.md", NOTES, tmp_path)
    assert data["number"] == "0129"
    assert any(p.startswith("Số: 0129/KH-UBND") for p in docxtext.paragraphs(io.BytesIO(docx)))
    back, _docx = _comes_back(data, tmp_path)
    assert back["number"] == "0129"


@pytest.mark.parametrize(("written", "number"), [("05", 5), ("21", 21), ("0204", "0204"), ("007", "007")])
def test_only_zeros_the_number_would_not_print_are_kept(tmp_path, written, number):
    text = (WEB / "perline.md").read_text(encoding="utf-8").replace("Số: 21/", f"Số: {written}/")
    data, _review, _docx = imported("n.md", text, tmp_path)
    assert data["number"] == number


@pytest.mark.parametrize(("yaml_value", "printed"), [("0204", "0204"), ('"0204"', "0204"), ("7", "07")])
def test_a_number_written_in_yaml_prints_as_written(yaml_value, printed):
    text = import_to_yaml(WEB / "perline.md")[0].replace("number: 21", f"number: {yaml_value}")
    plan = load_plan_text(text, "x.yaml").plan
    assert any(p.startswith(f"Số: {printed}/") for p in docxtext.paragraphs(io.BytesIO(TEMPLATE.render(plan))))


@pytest.mark.parametrize("yaml_value", ['"0000"', '"12a"', '"1000000"', "0", "100000"])
def test_a_number_that_is_no_number_is_refused(yaml_value):
    text = import_to_yaml(WEB / "perline.md")[0].replace("number: 21", f"number: {yaml_value}")
    with pytest.raises(PlangenError):
        load_plan_text(text, "x.yaml")


# --- the summary's year --------------------------------------------------------------------------

def test_the_summary_keeps_its_year_and_next_years_draft_rolls_it(tmp_path):
    data, _review, _docx = imported("notes.md", NOTES, tmp_path)
    assert data["summary"] == "Hỗ trợ nhu yếu phẩm cho các xã bị ngập năm 2026"
    drafted = yaml.safe_load(import_to_yaml(tmp_path / "notes.md", drafting=True)[0])
    assert drafted["summary"] == "Hỗ trợ nhu yếu phẩm cho các xã bị ngập năm {{ year }}"

    from plangen.drafting.next_year import next_year_draft

    text, _items = next_year_draft(tmp_path / "notes.md")
    plan = load_plan_text(text, "next.yaml").plan
    assert plan.year == 2027 and plan.summary == "Hỗ trợ nhu yếu phẩm cho các xã bị ngập năm 2027"


def test_body_words_are_the_documents_body_only():
    """The measure above reads what a reader of the body sees: not the footnotes part."""
    data = yaml.safe_load(import_to_yaml(WEB / "perline.md")[0])
    data["sections"][0]["content"][0] = "Phát động^[Một chú thích riêng.]."
    docx = TEMPLATE.render(load_plan_text(yaml.safe_dump(data, allow_unicode=True), "x.yaml").plan)
    assert "riêng" not in body_words(docx)
