"""`plangen import` of text copied from web portals or exported as Markdown, and of a plan
published with the decision that issues it.

The fixtures (tests/fixtures/webtext/) are made up for these tests, each in a shape such texts come
in: the header and the signature laid out as tables (a bar alone on a line between cells, or pipe
rows), `**bold**` and `*italic*` that a converter wraps over lines, `---` rules, HTML entities and
tags, footnotes, a decision before its plan. What must hold: the plan is read (issuer, number,
summary, bases, sections, recipients, signature, appendices), its markup is kept as plangen's own,
its tables are plan tables, and every word of the source is in the built plan.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
import yaml

from plangen.document.render import Template
from plangen.importer.reader import import_to_yaml
from plangen.plan.load import load_plan_text
from plangen.word import webtext
from plangen.word.recognise import recognise
from plangen.word.sources import read_source

from conftest import SEEDS

WEB = Path(__file__).parent / "fixtures" / "webtext"
TEMPLATE = Template()


def imported(name: str, text: str | None = None, tmp_path: Path | None = None):
    """(YAML data, review notes, built .docx bytes) of a fixture, or of `text` written to a file."""
    source = WEB / name
    if text is not None:
        assert tmp_path is not None
        source = tmp_path / name
        source.write_text(text, encoding="utf-8")
    yaml_text, review = import_to_yaml(source)
    plan = load_plan_text(yaml_text, "imported.yaml").plan
    return yaml.safe_load(yaml_text), review, TEMPLATE.render(plan)


def built_words(docx: bytes, footnotes: bool = True) -> list[str]:
    """The words a reader sees in a built document, its footnotes included unless `footnotes` is off."""
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
        if footnotes and "word/footnotes.xml" in zf.namelist():
            xml += zf.read("word/footnotes.xml").decode("utf-8")
    xml = re.sub(r"<w:(?:br|tab|p)\b[^>]*/?>", " ", xml)
    return _words(" ".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml)))


def source_words(path: Path) -> list[str]:
    """The words of a web text as a reader sees them: markup, bars, rules and tags out."""
    from html import unescape

    text = unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))
    text = re.sub(r"\*+|^\s*\|?\s*:?-{2,}.*$|\\(?=\|)", " ", text, flags=re.M).replace("|", " ")
    return _words(re.sub(r"^#+\s", " ", text, flags=re.M))


def _words(text: str) -> list[str]:
    from html import unescape

    words = [re.sub(r"^\W+|\W+$", "", w) for w in unescape(text).replace("\u00a0", " ").split()]
    return [w for w in words if w and not w.isdigit()]


def body_words(docx: bytes) -> list[str]:
    """The words of the document's body only, as the corpus measure reads a built plan."""
    return built_words(docx, footnotes=False)


def lost(path: Path, docx: bytes, body_only: bool = False) -> list[str]:
    """The source's words missing from the built document (from its body alone with `body_only`)."""
    have: dict[str, int] = {}
    for w in built_words(docx, footnotes=not body_only):
        have[w] = have.get(w, 0) + 1
    out = []
    for w in source_words(path):
        if have.get(w, 0):
            have[w] -= 1
        else:
            out.append(w)
    return out


# --- a plan laid out with a bar alone on a line between cells ---------------------------------

def test_bar_layout_header_and_signature_are_read():
    data, _review, _docx = imported("bars.md")
    assert data["issuer"]["name"] == ["ỦY BAN NHÂN DÂN", "XÃ HOÀ BÌNH"]
    assert data["issuer"]["place"] == "Hoà Bình"
    assert data["number"] == 58 and data["date"] == "12/3/2026"  # "Số:" and its number on two lines
    assert data["summary"] == "TỔ CHỨC NGÀY HỘI ĐỌC SÁCH VÀ VĂN HOÁ ĐỌC TRÊN ĐỊA BÀN XÃ NĂM 2026"  # wrap joined
    assert len(data["legal_bases"]) == 2
    assert data["signature"] == {"authority": "TM.", "collective": "ỦY BAN NHÂN DÂN", "head": "CHỦ TỊCH",
                                 "position": "PHÓ CHỦ TỊCH", "name": "Trần Văn Bình"}
    assert data["recipients"][-1] == "Văn phòng UBND xã: CVP, PCVP"  # its "+" units joined
    assert data["archive"] == "VT, VHXH"


def test_bar_layout_body_markup_tables_and_footnotes():
    data, review, _docx = imported("bars.md")
    kinds = [s["kind"] for s in data["sections"]]
    assert kinds == [["purpose", "requirements"], "content", "funding", ["assignments", "implementation"]]
    purpose = data["sections"][0]["content"][0]["content"]
    # a note's mark [1] with its text at the end of the page: both kept as the page shows them, in the
    # document's body (a Word footnote is not what a reader of the body sees), the clerk told how to
    # make it a footnote
    assert purpose[1]["bullet"].endswith("phong trào đọc sách[1].")
    assert data["appendices"][0]["content"][-1] == (
        "[1] Theo Quyết định khen thưởng số 20/QĐ-UBND ngày 15/02/2026 của Ủy ban nhân dân xã.")
    assert any(note.path == ("appendices", 0, "content", 1) and "^[" in note.message for note in review)
    requirement = data["sections"][0]["content"][1]["content"][0]["bullet"]
    assert "an toàn và hiệu quả" in requirement and "200 đầu sách & báo" in requirement  # entities
    items = data["sections"][1]["content"]
    # a wrapped line that starts with "1." inside a sentence is no item of its own
    assert items[0]["item"].endswith("ưu tiên các thôn ở cấp độ 1. Mỗi thôn cử một đội đọc sách.")
    assert "*(khối Tiểu học và Trung học cơ sở)*" in items[1]["item"]  # italic kept as markup
    table = items[1]["content"][0]["table"]
    assert table["columns"] == ["STT", "Giải", "Số lượng", "Mức thưởng (đồng)"]
    assert table["rows"][0] == [{"text": "A", "bold": True}, {"text": "Cá nhân", "bold": True, "colspan": 3}]
    assert table["rows"][2] == ["2", "Giải Khuyến khích (\\*)", "", "200.000"]  # an empty cell, a literal star
    assert any(note.path[-1] == 0 and "merged" in note.message for note in review)  # the span is a guess
    assignments = data["sections"][3]["content"]
    assert assignments[1] == {"agency": "Trường Tiểu học Hoà Bình",
                              "tasks": ["Phối hợp tuyên truyền, vận động học sinh tham gia cuộc thi."]}


def test_a_form_after_the_signature_is_an_appendix():
    """"Biểu số 01" / its title / "(Kèm theo Kế hoạch …)" after the signature, no "Phụ lục"."""
    data, _review, _docx = imported("bars.md")
    (appendix,) = data["appendices"]
    assert appendix["label"] == "Biểu số 01"
    assert appendix["title"] == "DANH SÁCH ĐIỂM TRƯNG BÀY SÁCH"
    assert appendix["reference"].startswith("(Kèm theo Kế hoạch số 58/KH-UBND")
    assert appendix["content"][0]["table"]["rows"] == [["Nhà văn hoá xã", "Tháng 4/2026"],
                                                       ["Thư viện trường học", ""]]


@pytest.mark.parametrize("name", ["bars.md", "pipes.md", "decision.md"])
def test_nothing_of_a_web_text_is_lost(name):
    """Every word is in the built plan; a decision's number, date and place (its header) are the
    `issued_with` fields and print in the "(Kèm theo Quyết định …)" line."""
    data, _review, docx = imported(name)
    missing = lost(WEB / name, docx)
    if "issued_with" in data:
        header = source_words(WEB / name)[:source_words(WEB / name).index("QUYẾT")]
        assert data["issued_with"]["number"] in header and data["issuer"]["place"] == "Bình An"
        for word in header:
            if word in missing:
                missing.remove(word)
    assert missing == []


# --- pipe rows, headings, HTML ----------------------------------------------------------------

def test_pipe_rows_headings_and_html_tags():
    data, _review, _docx = imported("pipes.md")
    assert data["issuer"]["governing_body"] == ["ỦY BAN NHÂN DÂN HUYỆN AN PHÚ"]
    assert data["issuer"]["name"] == ["PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"] and data["issuer"]["code"] == "PGDĐT"
    assert data["number"] == 17 and data["date"] == "02/02/2026"
    assert data["summary"] == "KIỂM TRA NỘI BỘ TRƯỜNG HỌC NĂM 2026"  # a "##" heading under "# KẾ HOẠCH"
    first, second = data["sections"][0]["content"]
    assert first["item"].endswith("chấn chỉnh sai sót.\\[\\^1\\]")  # a [^1] note's mark, kept as written
    assert "& kịp thời" in first["item"]
    assert second["item"] == "Bảo đảm **khách quan**, *công khai*, đúng quy định."  # <strong>, <em>
    table = data["sections"][1]["content"][0]["table"]
    assert table["numbered"] and table["columns"] == ["Nội dung", "Thời gian"]
    assert table["rows"][1] == ["Kiểm tra cơ sở vật chất | thiết bị", "Tháng 4/2026"]  # an escaped bar
    assert data["sections"][2]["content"][0]["agency"] == "Bộ phận Thanh tra"
    assert data["recipients"] == ["Các trường trực thuộc"] and data["archive"] == "VT"
    assert data["signature"]["position"] == "TRƯỞNG PHÒNG" and data["signature"]["name"] == "Lê Thị Mai"


# --- a decision published with its plan ------------------------------------------------------

def test_a_plan_published_with_its_decision_is_imported_issued_with_it():
    data, review, docx = imported("decision.md")
    assert data["issued_with"] == {"number": "315/QĐ-UBND", "date": "20/02/2026",
                                   "by": "Chủ tịch Ủy ban nhân dân tỉnh Bình An"}
    # the plan has none of its own: it is known by the decision's, and prints no "Số:" line
    assert data["number"] == 315 and data["date"] == "20/02/2026"
    assert "signature" not in data and "recipients" not in data and "legal_bases" not in data
    assert data["summary"] == "PHÒNG, CHỐNG THIÊN TAI NĂM 2026"
    assert [s.get("heading") for s in data["sections"]] == [None, "NHIỆM VỤ", None, "TỔ CHỨC THỰC HIỆN"]
    # the decision's own text is kept, first in the preamble, and the review says why
    preamble = data["preamble"]
    assert preamble[0] == "QUYẾT ĐỊNH" and "**Điều 2.** Quyết định này có hiệu lực kể từ ngày ký." in preamble
    assert preamble[-1].startswith("Để chủ động phòng ngừa")
    assert any(note.path == ("preamble", 0) and "issued_with" in note.message for note in review)
    text = " ".join(built_words(docx))
    assert "Kèm theo Quyết định số 315/QĐ-UBND" in text
    assert "315/KH" not in text and "Số:" not in text


def test_a_plan_issued_with_a_decision_takes_its_number_never_one_of_its_own():
    """`number` and `date` of a plan issued with a decision are the decision's, or absent."""
    data, _review, _docx = imported("decision.md")
    text = yaml.safe_dump(data, allow_unicode=True)
    assert load_plan_text(text, "same.yaml").plan.number == 315
    for key, other in (("number", 316), ("date", "21/02/2026")):
        changed = yaml.safe_dump({**data, key: other}, allow_unicode=True)
        with pytest.raises(Exception, match="no number or date of its own"):
            load_plan_text(changed, "own.yaml")
    del data["number"], data["date"]
    assert load_plan_text(yaml.safe_dump(data, allow_unicode=True), "none.yaml").plan.number is None


def test_a_decision_line_with_its_number_left_blank_is_kept_as_written(tmp_path):
    """As the government publishes it: "(Kèm theo Quyết định số /QĐ-UBND ngày tháng …)"."""
    text = (WEB / "decision.md").read_text(encoding="utf-8").replace(
        "Quyết định số 315/QĐ-UBND ngày 20 tháng 02 năm 2026 của", "Quyết định số /QĐ-UBND ngày tháng năm 2026 của")
    data, review, _docx = imported("blank.md", text, tmp_path)
    assert data["issued_with"]["number"] == "315/QĐ-UBND"  # from the decision's header
    assert data["issued_with"]["line"].startswith("(Kèm theo Quyết định số /QĐ-UBND ngày tháng năm 2026")
    assert any(note.path == ("issued_with", "line") for note in review)


def test_a_decision_alone_is_still_no_plan(tmp_path):
    from plangen.errors import PlangenError

    text = (WEB / "decision.md").read_text(encoding="utf-8").split("**KẾ HOẠCH**")[0]
    source = tmp_path / "qd.md"
    source.write_text(text, encoding="utf-8")
    with pytest.raises(PlangenError):
        import_to_yaml(source)


# --- the reader's rules ----------------------------------------------------------------------

def test_plain_texts_are_not_web_texts():
    for seed in sorted(SEEDS.glob("*.txt")):
        assert not webtext.is_web_text(seed.read_text(encoding="utf-8")), seed.name
    assert webtext.is_web_text((WEB / "bars.md").read_text(encoding="utf-8"))


def test_rows_of_a_bar_table_with_empty_cells():
    """An empty cell leaves the same empty token as the gap between two rows: the split chosen is
    the one with most rows of the table's width."""
    cells = ["TT", "Nội dung", "Ghi chú", "", "1", "Hội nghị", "", "", "2", "", "Tháng 5", "", "3", "Thi", "x"]
    text = "|\n" + "".join(f"{c}\n|\n" if c else "|\n" for c in cells)
    paras = webtext.paragraphs(text)
    rows: dict[int, list[str]] = {}
    for p in paras:
        rows.setdefault(p.row, []).append(p.text)
    assert rows == {1: ["TT", "Nội dung", "Ghi chú"], 2: ["1", "Hội nghị", ""], 3: ["2", "", "Tháng 5"],
                    4: ["3", "Thi", "x"]}


def test_markup_wrapped_over_lines_and_lines_marked_on_their_own():
    text = ("|\n**TM. ỦY BAN NHÂN\nDÂN **\nKT. CHỦ TỊCH\n**PHÓ CHỦ TỊCH**\n**Lê Văn A**\n|\n\n"
            "**Điều 1.**\nBan hành kèm theo *Quyết định\nnày* Kế hoạch.\n\n* *\n\n(*) Ghi chú 2 * 3.\n")
    paras = webtext.paragraphs(text)
    assert [p.text for p in paras] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn A",
                                       "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.", "(*) Ghi chú 2 * 3."]
    article = paras[4]
    assert [(r.text, r.bold, r.italic) for r in article.runs] == [
        ("Điều 1.", True, False), (" Ban hành kèm theo ", False, False), ("Quyết định này", False, True),
        (" Kế hoạch.", False, False)]
    assert not article.formatted  # alignment and sizes are unknown in a text


def test_the_recogniser_reads_the_web_text_like_a_word_file():
    r = recognise(read_source(WEB / "bars.md").paragraphs)
    assert r.type_name is not None and r.type_name.text == "KẾ HOẠCH"
    assert r.national_title is not None and r.motto is not None
    assert [s.label for s in r.sections] == ["I", "II", "III", "IV"]
    assert r.signer is not None and r.signer[0] == "Trần Văn Bình"


def test_a_paragraph_per_line_without_blank_lines():
    """Pasted from a page: one paragraph a line, no blank line between, bold headings."""
    data, _review, docx = imported("perline.md")
    assert data["issuer"]["name"] == ["ỦY BAN NHÂN DÂN XÃ AN HÒA"] and data["number"] == 21
    assert data["summary"] == "Tổ chức Tết trồng cây năm 2026"  # the year as written
    assert [s.get("heading") for s in data["sections"]] == [None, "NỘI DUNG", "TỔ CHỨC THỰC HIỆN"]
    assert [a["agency"] for a in data["sections"][2]["content"]] == ["Công an xã", "Văn phòng - Thống kê"]
    assert data["signature"]["name"] == "Nguyễn Văn Hòa" and data["recipients"] == ["UBND huyện"]
    assert lost(WEB / "perline.md", docx) == []


@pytest.mark.parametrize("text", [
    "|\n| a | b |\n|---|---|\n|---|---|\n",  # pipe rows and delimiter rows alone
    "|\nx\n|\ny\n" * 50,  # bars that never close a table
    "**" * 500 + "\n\n" + "*a " * 300,  # markers that never close
    "[1] [2]\n\n[1]\n\n[^1]: note\n",  # notes without marks, marks without notes
    "```\nKẾ HOẠCH\n",  # a fence left open
])
def test_odd_web_text_is_read_or_refused_never_a_crash(text, tmp_path):
    from plangen.errors import PlangenError

    source = tmp_path / "odd.md"
    source.write_text("**KẾ HOẠCH**\n\n" + text, encoding="utf-8")
    paras = webtext.paragraphs(source.read_text(encoding="utf-8"))
    assert paras and paras[0].text == "KẾ HOẠCH"
    try:
        yaml_text, _review = import_to_yaml(source)
    except PlangenError:
        return
    load_plan_text(yaml_text, "odd.yaml")


def test_two_heading_rows_of_a_bar_table_are_merged_the_common_way(tmp_path):
    """A converter drops merged cells: "TT | Nội dung | Kết quả năm 2025 (over two) | Ghi chú" above
    "Kế hoạch | Thực hiện", above full rows of five cells."""
    cells = ["TT", "Nội dung", "Kết quả năm 2025", "Ghi chú", "", "Kế hoạch", "Thực hiện", "",
             "1", "Tuyên truyền", "10", "12", "Vượt"]
    table = "|\n" + "".join(f"{c}\n|\n" if c else "|\n" for c in cells)
    text = (WEB / "perline.md").read_text(encoding="utf-8").replace(
        "1. Trồng 500 cây xanh tại các tuyến đường liên thôn.\n", "1. Trồng cây:\n\n" + table + "\n")
    data, review, _docx = imported("spans.md", text, tmp_path)
    spec = data["sections"][1]["content"][0]["content"][0]["table"]
    assert spec["numbered"]  # the TT column, numbered 1, 2 …
    assert spec["header"] == [[{"text": "Nội dung", "rowspan": 2}, {"text": "Kết quả năm 2025", "colspan": 2},
                               {"text": "Ghi chú", "rowspan": 2}], ["Kế hoạch", "Thực hiện"]]
    assert spec["rows"] == [["Tuyên truyền", "10", "12", "Vượt"]]
    assert any("merged" in note.message for note in review)


def test_labels_plangen_prints_otherwise_are_said(tmp_path):
    """A Roman numeral used twice and a point letter skipped: kept as the source writes them (the
    section's `label`, the point's), and the review says which label comes next."""
    text = (WEB / "perline.md").read_text(encoding="utf-8").replace("**II. NỘI DUNG**", "**I. NỘI DUNG**")
    text = text.replace("1. Trồng 500 cây xanh tại các tuyến đường liên thôn.",
                        "1. Trồng cây:\na) Tuyến đường liên thôn;\nc) Trường học.")
    data, review, _docx = imported("labels.md", text, tmp_path)
    said = {note.message for note in review}
    assert ("the source numbers this section “I” where “II” comes next: kept as written, and `plangen check` "
            "reports it; remove `label` to number in sequence") in said
    assert data["sections"][1]["label"] == "I"
    assert "the source labels this “c”; plangen numbers in sequence: “b”" in said
    assert len(data["sections"]) == 3


def test_an_appendix_line_ban_hanh_kem_theo_is_its_reference(tmp_path):
    text = (WEB / "perline.md").read_text(encoding="utf-8") + (
        "\n**PHỤ LỤC**\n**DANH SÁCH TUYẾN ĐƯỜNG**\n"
        "*(Ban hành kèm theo Kế hoạch số 21/KH-UBND ngày 03/3/2026 của UBND xã An Hòa)*\n"
        "1. Đường liên thôn 1.\n")
    data, _review, docx = imported("appendix.md", text, tmp_path)
    (appendix,) = data["appendices"]
    assert appendix["title"] == "DANH SÁCH TUYẾN ĐƯỜNG"
    assert appendix["reference"] == "(Ban hành kèm theo Kế hoạch số 21/KH-UBND ngày 03/3/2026 của UBND xã An Hòa)"
    assert appendix["content"] == [{"item": "Đường liên thôn 1."}]
    assert "Ban hành kèm theo Kế hoạch số 21/KH-UBND" in " ".join(built_words(docx))


@pytest.mark.parametrize("name", ["bars.md", "pipes.md"])
def test_a_portal_record_above_a_state_plan_is_kept_apart_not_as_preamble(name, tmp_path):
    """A portal's record (front matter, a title, a row of facts) above the document: kept as
    written in `source_record`, with a review note, printed above the header; the plan is read
    as without it, and no word of either is lost."""
    plain, _review, _docx = imported(name)
    record = ("---\nid: 8812\nloai_van_ban: \"Kế hoạch\"\ncoquan: \"Cổng thông tin điện tử\"\n---\n\n"
              "# Toàn văn: kế hoạch của cơ quan\n\n**Lĩnh vực:** Giáo dục | **Tình trạng:** Còn hiệu lực\n\n")
    data, review, docx = imported(name, record + (WEB / name).read_text(encoding="utf-8"), tmp_path)
    assert data.pop("source_record") == ["id: 8812 loai_van_ban: \"Kế hoạch\" coquan: \"Cổng thông tin điện tử\"",
                                         "Toàn văn: kế hoạch của cơ quan",
                                         "Lĩnh vực: Giáo dục | Tình trạng: Còn hiệu lực"]
    assert data == plain
    assert any("source_record" in note.message for note in review)
    assert lost(tmp_path / name, docx) == []
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
    assert xml.index("id: 8812") < xml.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")


AGENCY_SHAPES = """**ỦY BAN NHÂN DÂN XÃ AN HÒA**
**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
Số: 21/KH-UBND
*An Hòa, ngày 03 tháng 3 năm 2026*
**KẾ HOẠCH**
**Phát triển kinh tế số năm 2026**
**I. MỤC TIÊU**
1. Kinh tế số chiếm 20% GRDP.
**II. KINH TẾ SỐ CÁC NGÀNH**
**1. Nông nghiệp**
Ứng dụng truy xuất nguồn gốc.
**2. Các ngành, lĩnh vực khác**
Các ngành xây dựng kế hoạch của mình.
**III. TỔ CHỨC THỰC HIỆN**
**1. Công an xã**
- Bảo đảm an ninh mạng.
**2. Văn phòng - Thống kê**
- Tổng hợp kết quả.
**3. Các doanh nghiệp công nghệ số**
- Đầu tư hạ tầng số.
**4. Phòng Văn hóa - Xã hội:** Tuyên truyền trên loa truyền thanh.
**5. Trạm Y tế xã:** Số hóa hồ sơ sức khỏe.
**6. Doanh nghiệp, hộ kinh doanh:** Tham gia thanh toán không dùng tiền mặt.
**7. Kết quả cần đạt**
- Tất cả hộ dân có tài khoản số.
*Nơi nhận:*
- Lưu: VT.
**TM. ỦY BAN NHÂN DÂN**
**CHỦ TỊCH**
**Nguyễn Văn Hòa**
"""


def _agencies(node: object) -> list[str]:
    if isinstance(node, dict):
        return ([node["agency"]] if "agency" in node else []) + [a for v in node.values() for a in _agencies(v)]
    return [a for v in node for a in _agencies(v)] if isinstance(node, list) else []


def test_bodies_named_beside_agencies_are_agencies_and_a_topic_stays_content(tmp_path):
    """In a part that gives work body by body, a heading or a bold "Name:" label of the same shape
    as its agency neighbours is a body too, whatever noun opens it ("Các doanh nghiệp …"); a lone
    title naming a group among topics ("2. Các ngành, lĩnh vực khác") does not make a part assign."""
    data, _review, docx = imported("shapes.md", AGENCY_SHAPES, tmp_path)
    assert [s["kind"] for s in data["sections"]] == ["objectives", "content", ["assignments", "implementation"]]
    assert not any("tasks" in b for b in data["sections"][1]["content"])  # no assignment: a topic
    assert _agencies(data["sections"][2]) == ["Công an xã", "Văn phòng - Thống kê", "Các doanh nghiệp công nghệ số",
                                              "Phòng Văn hóa - Xã hội", "Trạm Y tế xã", "Doanh nghiệp, hộ kinh doanh"]
    # a heading whose content is no task list of a body stays an item
    assert data["sections"][2]["content"][6]["title"] == "Kết quả cần đạt"
    assert not lost(tmp_path / "shapes.md", docx)


TASK_BY_TASK = """**ỦY BAN NHÂN DÂN XÃ AN HÒA**
**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
Số: 22/KH-UBND
*An Hòa, ngày 03 tháng 3 năm 2026*
**KẾ HOẠCH**
**Triển khai thi hành Luật Thư viện năm 2026**
**I. MỤC ĐÍCH, YÊU CẦU**
1. Bảo đảm thống nhất trong triển khai.
**II. NỘI DUNG**
1. Tuyên truyền, phổ biến Luật
- Cơ quan chủ trì: Công an xã.
- Cơ quan phối hợp: các thôn, ấp
- Thời gian thực hiện: Quý II.
2. Rà soát văn bản
- Quy chế thư viện xã
+ Cơ quan thực hiện: Văn phòng - Thống kê;
+ Thời hạn: trước ngày 30/6.
3. Giao Trạm Y tế xã chủ trì khám sức khỏe cho người đọc.
4. Tham luận về đọc sách - Trường THCS An Hòa hỗ trợ thực hiện.
5. Tổ chức các lớp tập huấn cho cán bộ.
6. Ban hành quy chế sử dụng thư viện.
**III. TỔ CHỨC THỰC HIỆN**
1. Căn cứ Kế hoạch này, các thôn, ấp có trách nhiệm xây dựng kế hoạch riêng.
2. Đề nghị các chi hội chuẩn bị địa điểm.
3. Văn phòng - Thống kê, trên cơ sở báo cáo của các thôn, chủ trì tổng hợp kết quả./.
*Nơi nhận:*
- Lưu: VT.
**TM. ỦY BAN NHÂN DÂN**
**CHỦ TỊCH**
**Nguyễn Văn Hòa**
"""


def test_agencies_of_tasks_listed_one_by_one_and_in_sentences(tmp_path):
    """Under a task, "- Cơ quan chủ trì: X." lines become `role`/`agency` blocks printed back as
    written; a sentence giving work to a body it names (first, after "Giao"/"Đề nghị"/"Căn cứ …,",
    or last in "– Trường X thực hiện.") keeps its text and says the body in `agency`; a sentence
    opening with a verb ("Tổ chức …", "Ban hành …") names none."""
    data, _review, docx = imported("tasks.md", TASK_BY_TASK, tmp_path)
    content = data["sections"][1]["content"]
    assert content[0]["content"] == [
        {"role": "Cơ quan chủ trì", "agency": "Công an xã", "end": "."},
        {"role": "Cơ quan phối hợp", "agency": "các thôn, ấp"},
        {"bullet": "Thời gian thực hiện: Quý II."}]
    assert content[1]["content"][0]["content"][0] == {"role": "Cơ quan thực hiện", "agency": "Văn phòng - Thống kê",
                                                       "end": ";"}
    assert [c.get("agency") for c in content[2:]] == ["Trạm Y tế xã", "Trường THCS An Hòa", None, None]
    assert [c.get("agency") for c in data["sections"][2]["content"]] == [
        "các thôn, ấp", "các chi hội", "Văn phòng - Thống kê"]
    import docx as python_docx

    paragraphs = [p.text for p in python_docx.Document(io.BytesIO(docx)).paragraphs]
    for line in ("- Cơ quan chủ trì: Công an xã.", "- Cơ quan phối hợp: các thôn, ấp",
                 "+ Cơ quan thực hiện: Văn phòng - Thống kê;"):
        assert line in paragraphs
    assert not lost(tmp_path / "tasks.md", docx)
    # the built plan reads back the same
    built = tmp_path / "built.docx"
    built.write_bytes(docx)
    again = yaml.safe_load(import_to_yaml(built)[0])
    assert again["sections"] == data["sections"]


def test_an_agency_not_named_in_its_sentence_is_refused():
    from plangen.errors import PlangenError

    text = yaml.safe_dump({"issuer": {"name": ["ỦY BAN NHÂN DÂN XÃ AN HÒA"], "code": "UBND", "place": "An Hòa"},
                           "year": 2026, "summary": "Thư viện",
                           "sections": [{"kind": "content", "content": [
                               {"item": "Giao Công an xã chủ trì.", "agency": "Trạm Y tế xã"}]}]},
                          allow_unicode=True)
    with pytest.raises(PlangenError, match="Trạm Y tế xã"):
        load_plan_text(text, "bad.yaml")
    assert load_plan_text(text.replace("Trạm Y tế xã", "Công an xã"), "good.yaml").plan


@pytest.mark.parametrize(("sentence", "body"), [
    ("Chủ tịch UBND tỉnh giao Sở Nội vụ chủ trì tổ chức kiểm tra.", "Sở Nội vụ"),
    ("Giao Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công) chủ trì, phối hợp.", "Văn phòng UBND tỉnh"),
    ("Thủ trưởng các sở, ban, ngành trực tiếp chỉ đạo.", "Thủ trưởng các sở, ban, ngành"),
    ("Các hoạt động hưởng ứng bảo đảm thiết thực, hiệu quả.", None),
    ("Kinh phí thực hiện Kế hoạch được bố trí từ ngân sách.", None),
    ("Căn cứ Kế hoạch này, Sở Y tế hướng dẫn.", None),  # a name in capitals after "Căn cứ …,": not read
])
def test_the_body_a_sentence_names(sentence, body):
    from plangen.word.recognise import sentence_agency

    assert sentence_agency(sentence) == body
