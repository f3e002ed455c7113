"""Party plans of committees and shapes plangen was not built on: a Tỉnh uỷ's board signing K/T,
its office signing T/L, an uỷ ban kiểm tra, a bloc's Đảng uỷ whose name wraps over two bold lines,
items numbered "1-" (the Party's ladder I-, 1-, a)), a header and an ending typed on tab stops, a
title wrapped in a PDF's narrow column, recipients read two to a line. Each fixture is written
here (python-docx or text); what must hold: the parts are read, no word is lost, and `check`
reports no false error."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Cm, Mm, Pt

from plangen.check import check_path
from plangen.check.rules import STATE_ONLY
from plangen.document.render import Template
from plangen.importer import import_to_yaml
from plangen.plan.load import load_plan_text
from plangen.word import docxtext
from plangen.word.textfile import _pages
from test_party import missing_words
from test_party_shapes import Shape, text_of, write_docx

STATE_IDS = {rule.ID for rule in STATE_ONLY}

DASHED = ["I- MỤC ĐÍCH, YÊU CẦU", "1- Nắm tình hình thực hiện nghị quyết của cấp uỷ.",
          "2- Kiểm tra bảo đảm khách quan, đúng quy định.",
          "II- NỘI DUNG", "1- Nội dung: việc lãnh đạo, chỉ đạo thực hiện nhiệm vụ chính trị.",
          "III- TỔ CHỨC THỰC HIỆN", "1- Phòng Tổ chức đảng, đảng viên: chủ trì xây dựng đề cương, lịch kiểm tra.",
          "2- Các đảng uỷ được kiểm tra: chuẩn bị báo cáo, hồ sơ, tài liệu theo đề cương./."]


def _shape(name: str, superior: str | None, body: str, symbol: str, code: str, signature: list[str],
           expected: dict[str, str], sections: list[str] = DASHED) -> Shape:
    return Shape(name, superior, body, symbol, int(symbol.split("-")[0].split()[-1]), code,
                 "Thanh Hoá, ngày 26 tháng 01 năm 2026", ["kiểm tra công tác đánh giá, xếp loại năm 2025"],
                 sections, ["- Thường trực Tỉnh uỷ (b/c),", "- Các đảng uỷ được kiểm tra,"], "- Lưu Văn phòng Ban.",
                 signature, "Lê Văn Hải", expected, "Văn phòng Ban")


BOARD = _shape("ban", "TỈNH UỶ THANH HOÁ", "BAN TỔ CHỨC", "Số 08-KH/BTCTU", "BTCTU",
               ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"],
               {"authority": "K/T", "head": "TRƯỞNG BAN", "position": "PHÓ TRƯỞNG BAN"})
INSPECTION = _shape("ubkt", "TỈNH UỶ PHÚ THỌ", "UỶ BAN KIỂM TRA", "Số 03-KH/UBKTTU", "UBKTTU",
                    ["T/M UỶ BAN KIỂM TRA", "CHỦ NHIỆM"],
                    {"authority": "T/M", "collective": "UỶ BAN KIỂM TRA", "position": "CHỦ NHIỆM"})
OFFICE = _shape("tl", None, "TỈNH UỶ KHÁNH HOÀ", "Số 101-KH/TU", "TU", ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG"],
                {"authority": "T/L", "head": "BAN THƯỜNG VỤ", "position": "CHÁNH VĂN PHÒNG"})


def _read(path: Path) -> dict:
    text, _review = import_to_yaml(path)
    return yaml.safe_load(text)


def _errors(path: Path) -> list:
    report = check_path(path)
    assert report.guide == "Hướng dẫn 36-HD/VPTW"
    assert not {f.rule for f in report.findings} & STATE_IDS, report.findings
    return [f for f in report.findings if f.severity == "error"]


@pytest.mark.parametrize("shape", [BOARD, INSPECTION, OFFICE], ids=lambda s: s.name)
def test_boards_and_offices_of_a_committee_are_read_and_pass(shape, tmp_path):
    """A board signs K/T (its head's deputy), an uỷ ban kiểm tra T/M, the office T/L for the Ban
    Thường vụ: each read apart, and none a false error of party-signature."""
    path = write_docx(shape, tmp_path / f"{shape.name}.docx")
    data = _read(path)
    issuer = data["issuer"]
    assert issuer["format"] == "party" and issuer["name"] == [shape.body] and issuer["code"] == shape.code
    assert issuer.get("governing_body", []) == ([shape.superior] if shape.superior else [])
    assert {k: data["signature"].get(k) for k in shape.expected_signature} == shape.expected_signature
    assert [f for f in _errors(path) if f.rule != "party-layout"] == []


def test_items_numbered_with_a_hyphen_are_items_and_give_tasks(tmp_path):
    """"1- Phòng …: chủ trì …" under "III- TỔ CHỨC THỰC HIỆN": the Party's ladder, items whose
    bodies are given tasks, as "1." items are; no word lost in the built plan."""
    path = write_docx(BOARD, tmp_path / "ban.docx")
    data = _read(path)
    purpose, _content, implementation = data["sections"]
    assert data["label_mark"] == "-"  # printed as written: I-, 1-
    assert purpose["content"][0]["item"].startswith("Nắm tình hình")
    assert "assignments" in implementation["kind"]
    assert [block["agency"] for block in implementation["content"]] == [
        "Phòng Tổ chức đảng, đảng viên", "Các đảng uỷ được kiểm tra"]
    plan = load_plan_text(yaml.safe_dump(data, allow_unicode=True), "ban.yaml").plan
    (tmp_path / "built.docx").write_bytes(Template().render(plan))
    assert missing_words("\n".join(docxtext.paragraphs(path)), tmp_path / "built.docx") == []


def test_a_hyphen_after_a_number_opens_no_item_in_a_state_plan(tmp_path):
    """Only the Party's ladder numbers with a hyphen: a state plan's line "2 - 3 buổi …" stays text."""
    path = tmp_path / "state.txt"
    path.write_text("ỦY BAN NHÂN DÂN\nXÃ AN KHÁNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                    "Số: 12/KH-UBND\nAn Khánh, ngày 05 tháng 02 năm 2026\nKẾ HOẠCH\nTập huấn năm 2026\n"
                    "I. MỤC ĐÍCH, YÊU CẦU\nNâng cao năng lực cán bộ.\nII. NỘI DUNG\n"
                    "2 - Tập huấn trong 3 buổi tại hội trường xã.\nIII. TỔ CHỨC THỰC HIỆN\n"
                    "1. Văn phòng UBND xã chủ trì thực hiện.\nNơi nhận:\n- UBND huyện;\n- Lưu: VT.\n"
                    "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn A\n", encoding="utf-8")
    data = _read(path)
    assert data["issuer"].get("format") is None
    assert data["sections"][1]["content"] == ["2 - Tập huấn trong 3 buổi tại hội trường xã."]


def test_a_bloc_committee_named_over_two_bold_lines_is_no_superior(tmp_path):
    """"ĐẢNG UỶ CÁC CƠ QUAN" ↵ "ĐẢNG TỈNH" (both bold) under "ĐẢNG BỘ TỈNH BẮC NINH": the body's
    name, not a bold superior line; the committee signs T/M."""
    shape = _shape("khoi", "ĐẢNG BỘ TỈNH BẮC NINH", "ĐẢNG UỶ CÁC CƠ QUAN", "Số 09-KH/ĐU", "ĐU",
                   ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"], {"authority": "T/M", "collective": "BAN THƯỜNG VỤ"})
    path = write_docx(shape, tmp_path / "khoi.docx")
    doc = Document(path)
    cell = doc.tables[0].rows[0].cells[0]
    cell.paragraphs[2].insert_paragraph_before().add_run("ĐẢNG TỈNH").bold = True  # above the star
    doc.save(path)
    assert [p.text for p in Document(path).tables[0].rows[0].cells[0].paragraphs][:4] == [
        "ĐẢNG BỘ TỈNH BẮC NINH", "ĐẢNG UỶ CÁC CƠ QUAN", "ĐẢNG TỈNH", "*"]
    data = _read(path)
    assert data["issuer"]["governing_body"] == ["ĐẢNG BỘ TỈNH BẮC NINH"]
    assert data["issuer"]["name"] == ["ĐẢNG UỶ CÁC CƠ QUAN", "ĐẢNG TỈNH"]
    layout = [f for f in check_path(path).findings if f.rule == "party-layout" and "cấp trên" in f.message]
    assert layout == []


def _tabbed(path: Path) -> Path:
    """A plan whose header and ending are typed on tab stops, no table: the superior and the title
    on one line (the title bold, 15 pt), the number and the date on another; "Nơi nhận:" beside the
    authority, the recipients beside the position and the name, the file line under the name."""
    doc = Document()
    page = doc.sections[0]
    page.page_width, page.page_height = Mm(210), Mm(297)
    page.top_margin, page.bottom_margin, page.left_margin, page.right_margin = Mm(20), Mm(20), Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(14)

    def line(*parts: tuple[str, dict]) -> None:
        p = doc.add_paragraph()
        p.paragraph_format.tab_stops.add_tab_stop(Cm(11), WD_TAB_ALIGNMENT.CENTER)
        for text, look in parts:
            run = p.add_run(text)
            run.bold = look.get("bold")
            run.italic = look.get("italic")
            if "size" in look:
                run.font.size = Pt(look["size"])

    line(("ĐẢNG BỘ TỈNH QUẢNG NGÃI", {}), ("\tĐẢNG CỘNG SẢN VIỆT NAM", {"bold": True, "size": 15}))
    line(("TỈNH UỶ QUẢNG NGÃI", {"bold": True}))
    line(("*", {}))
    line(("Số 18-KH/TU", {}), ("\tQuảng Ngãi, ngày 20 tháng 01 năm 2026", {"italic": True}))
    line(("KẾ HOẠCH", {"bold": True, "size": 16}))
    line(("tuyên truyền các ngày lễ lớn năm 2026", {"bold": True}))
    line(("-----", {}))
    for text in ["I. MỤC ĐÍCH, YÊU CẦU", "Tuyên truyền sâu rộng trong cán bộ, đảng viên và Nhân dân.",
                 "II. NỘI DUNG", "Kỷ niệm 96 năm Ngày thành lập Đảng.", "III. TỔ CHỨC THỰC HIỆN",
                 "1. Ban Tuyên giáo và Dân vận Tỉnh uỷ chủ trì, hướng dẫn thực hiện.",
                 "2. Các đảng uỷ trực thuộc căn cứ Kế hoạch này, xây dựng kế hoạch của đơn vị./."]:
        line((text, {"bold": text.isupper()}))
    line(("Nơi nhận:", {}), ("\tT/M BAN THƯỜNG VỤ", {"bold": True}))
    line(("- Ban Tuyên giáo và Dân vận Trung ương (b/c),", {"size": 12}), ("\tBÍ THƯ", {"bold": True}))
    line(("- Thường trực Tỉnh uỷ,", {"size": 12}))
    line(("- Các đảng uỷ trực thuộc,", {"size": 12}), ("\tHồ Văn Niên", {"bold": True}))
    line(("- Lưu VPTU.", {"size": 12}))
    doc.save(path)
    return path


def test_a_header_and_an_ending_typed_on_tab_stops(tmp_path):
    path = _tabbed(tmp_path / "tabs.docx")
    data = _read(path)
    assert data["issuer"]["governing_body"] == ["ĐẢNG BỘ TỈNH QUẢNG NGÃI"]
    assert data["issuer"]["name"] == ["TỈNH UỶ QUẢNG NGÃI"] and data["number"] == 18
    assert data["recipients"] == ["Ban Tuyên giáo và Dân vận Trung ương (b/c)", "Thường trực Tỉnh uỷ",
                                  "Các đảng uỷ trực thuộc"]
    assert data["archive"] == "VPTU" and "appendices" not in data
    assert data["signature"]["name"] == "Hồ Văn Niên"
    findings = check_path(path).findings
    assert [f for f in findings if f.severity == "error"] == []  # the title's own runs: bold 15 pt
    assert not [f for f in findings if f.rule == "issuer-known"]  # TỈNH UỶ QUẢNG NGÃI names the province


def test_a_committee_of_an_unknown_province_is_still_said(tmp_path):
    shape = _shape("namx", None, "TỈNH UỶ QUẢNG NAMX", "Số 18-KH/TU", "TU", ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"], {})
    path = write_docx(shape, tmp_path / "namx.docx")
    found = [f for f in check_path(path).findings if f.rule == "issuer-known"]
    assert len(found) == 1 and "QUẢNG NAMX" in found[0].message


def test_a_wrapped_title_and_recipients_read_two_to_a_line(tmp_path):
    """A PDF's text: the title wrapped in its narrow column ("ĐẢNG CỘNG SẢN VIỆT" ↵ "NAM"), a
    recipient wrapped so that the next one's dash follows on its line."""
    shape = _shape("pdf", "ĐẢNG BỘ TỈNH BẮC NINH", "ĐẢNG UỶ XÃ TIÊN DU", "Số 09-KH/ĐU", "ĐU",
                   ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"], {"authority": "T/M", "collective": "BAN THƯỜNG VỤ"})
    text = text_of(shape).replace("ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT\nNAM").replace(
        "- Thường trực Tỉnh uỷ (b/c),\n- Các", "- Thường trực Tỉnh uỷ (b/c), - Các")
    path = tmp_path / "pdf.txt"
    path.write_text(text, encoding="utf-8")
    data = _read(path)
    assert data["issuer"]["name"] == ["ĐẢNG UỶ XÃ TIÊN DU"]
    assert data["recipients"] == ["Thường trực Tỉnh uỷ (b/c)", "Các đảng uỷ được kiểm tra"]


def test_a_page_holding_only_its_number_adds_no_text():
    """A blank last page that an empty paragraph opened prints only its number: no text of the plan."""
    lines = _pages("Nơi nhận:\n- Lưu VPTU.\n                 Hồ Văn Niên\n\f              2\n")
    assert "2" not in [x.strip() for x in lines]


def test_kt_under_a_committee_is_still_an_error(tmp_path):
    """A Đảng uỷ's deputy signs T/M … / PHÓ BÍ THƯ (36-HD/VPTW, 1.7): K/T BÍ THƯ is reported."""
    shape = _shape("kt", "ĐẢNG BỘ TỈNH LÀO CAI", "ĐẢNG UỶ PHƯỜNG SA PA", "Số 04-KH/ĐU", "ĐU",
                   ["K/T BÍ THƯ", "PHÓ BÍ THƯ"], {"authority": "K/T", "head": "BÍ THƯ", "position": "PHÓ BÍ THƯ"})
    path = write_docx(shape, tmp_path / "kt.docx")
    data = _read(path)
    assert {k: data["signature"].get(k) for k in shape.expected_signature} == shape.expected_signature
    assert [f.rule for f in _errors(path) if f.rule != "party-layout"] == ["party-signature"]


def test_text_shown_in_capitals_is_read_in_capitals(tmp_path):
    """Word's "All caps" (w:caps) shows "Đảng uỷ phường Tân Định" as ĐẢNG UỶ PHƯỜNG TÂN ĐỊNH, and
    "Kế hoạch" as KẾ HOẠCH: read as a reader sees them."""
    shape = _shape("caps", "ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH", "ĐẢNG UỶ PHƯỜNG TÂN ĐỊNH", "Số 10-KH/ĐU", "ĐU",
                   ["T/M ĐẢNG UỶ", "PHÓ BÍ THƯ"], {"authority": "T/M", "collective": "ĐẢNG UỶ"})
    path = write_docx(shape, tmp_path / "caps.docx")
    doc = Document(path)
    for p in [*doc.tables[0].rows[0].cells[0].paragraphs[1:2], *doc.tables[0].rows[0].cells[1].paragraphs[:1],
              next(p for p in doc.paragraphs if p.text == "KẾ HOẠCH")]:
        typed = p.text.capitalize() if p.text != "ĐẢNG UỶ PHƯỜNG TÂN ĐỊNH" else "Đảng uỷ phường Tân Định"
        for run in p.runs[1:]:
            run._r.getparent().remove(run._r)
        p.runs[0].text = typed
        p.runs[0].font.all_caps = True
    doc.save(path)
    assert "Đảng uỷ phường Tân Định" in docxtext.paragraphs(path)  # typed so
    data = _read(path)
    assert data["issuer"]["format"] == "party" and data["issuer"]["name"] == ["ĐẢNG UỶ PHƯỜNG TÂN ĐỊNH"]
    assert data["issuer"]["governing_body"] == ["ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH"]
    assert data["summary"] == "kiểm tra công tác đánh giá, xếp loại năm 2025"
    assert [f for f in _errors(path) if f.rule != "party-layout"] == []


def test_a_superior_wrapped_in_a_narrow_column_stays_the_superior(tmp_path):
    """A PDF's text: "ĐẢNG BỘ THÀNH PHỐ HỒ" ↵ "CHÍ MINH" ↵ "ĐẢNG UỶ PHƯỜNG TÂN" ↵ "ĐỊNH": the superior
    goes on until the line that names a body."""
    shape = _shape("wrap", "ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH", "ĐẢNG UỶ PHƯỜNG TÂN ĐỊNH", "Số 10-KH/ĐU", "ĐU",
                   ["T/M ĐẢNG UỶ", "BÍ THƯ"], {"authority": "T/M", "collective": "ĐẢNG UỶ"})
    text = text_of(shape).replace("HỒ CHÍ MINH\n", "HỒ\nCHÍ MINH\n").replace("TÂN ĐỊNH\n", "TÂN\nĐỊNH\n")
    path = tmp_path / "wrap.txt"
    path.write_text(text, encoding="utf-8")
    data = _read(path)
    assert data["issuer"]["governing_body"] == ["ĐẢNG BỘ THÀNH PHỐ HỒ", "CHÍ MINH"]
    assert data["issuer"]["name"] == ["ĐẢNG UỶ PHƯỜNG TÂN", "ĐỊNH"] and data["issuer"]["code"] == "ĐU"


def test_the_older_numbering_is_printed_as_written(tmp_path):
    """`label_mark: "-"`: sections "I-", items "1-"; a sub-item keeps "1.1."; the default prints "I.", "1."."""
    path = write_docx(BOARD, tmp_path / "ban.docx")
    text, _review = import_to_yaml(path)
    built = {}
    for mark in ("-", None):
        data = yaml.safe_load(text)
        if mark is None:
            data.pop("label_mark")
        data["sections"][0]["content"][0]["content"] = [{"item": "Một việc con."}]
        plan = load_plan_text(yaml.safe_dump(data, allow_unicode=True), "ban.yaml").plan
        out = tmp_path / f"built{mark}.docx"
        out.write_bytes(Template().render(plan))
        built[mark] = docxtext.paragraphs(out)
    assert "I- MỤC ĐÍCH, YÊU CẦU" in built["-"] and "III- TỔ CHỨC THỰC HIỆN" in built["-"]
    assert any(p.startswith("1- Nắm tình hình") for p in built["-"])
    assert any(p.startswith("1.1. Một việc con") for p in built["-"])
    assert "I. MỤC ĐÍCH, YÊU CẦU" in built[None] and any(p.startswith("1. Nắm tình hình") for p in built[None])


def test_an_attachment_numbered_the_older_way_keeps_its_title_and_sections(tmp_path):
    """A đề cương after the signature repeats the header; its "-----" closes its title, and its
    "I- …" lines are its own sections, printed "I- …" as the plan's are."""
    shape = _shape("dc", None, "TỈNH UỶ GIA LAI", "Số 05-KH/TU", "TU", ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"],
                   {"authority": "T/M", "collective": "BAN THƯỜNG VỤ"})
    outline = ["TỈNH UỶ GIA LAI", "*", "ĐẢNG CỘNG SẢN VIỆT NAM", "ĐỀ CƯƠNG BÁO CÁO",
               "kết quả thực hiện nhiệm vụ năm 2026", "-----", "I- KẾT QUẢ ĐẠT ĐƯỢC", "II- HẠN CHẾ, NGUYÊN NHÂN"]
    path = tmp_path / "dc.txt"
    path.write_text(text_of(shape) + "\n".join(outline) + "\n", encoding="utf-8")
    text, _review = import_to_yaml(path)
    data = yaml.safe_load(text)
    (attachment,) = data["appendices"]
    assert attachment["header"] is True and attachment["title"] == "ĐỀ CƯƠNG BÁO CÁO"
    assert attachment["subtitle"] == ["kết quả thực hiện nhiệm vụ năm 2026"]
    assert [block["heading"] for block in attachment["content"]] == ["KẾT QUẢ ĐẠT ĐƯỢC", "HẠN CHẾ, NGUYÊN NHÂN"]
    plan = load_plan_text(text, "dc.yaml").plan
    (tmp_path / "built.docx").write_bytes(Template().render(plan))
    shown = docxtext.paragraphs(tmp_path / "built.docx")
    assert "I- KẾT QUẢ ĐẠT ĐƯỢC" in shown and "II- HẠN CHẾ, NGUYÊN NHÂN" in shown
    assert missing_words(text_of(shape) + "\n".join(outline), tmp_path / "built.docx") == []


def test_a_dot_after_the_slash_form_is_said_as_such(tmp_path):
    """"T/M. BAN THƯỜNG VỤ": one finding, that the slash form takes no dot, not that T/M is missing."""
    shape = _shape("dot", "ĐẢNG BỘ TỈNH GIA LAI", "ĐẢNG UỶ XÃ IA GRAI", "Số 05-KH/ĐU", "ĐU",
                   ["T/M. BAN THƯỜNG VỤ", "BÍ THƯ"], {"authority": "T/M", "collective": "BAN THƯỜNG VỤ"})
    path = write_docx(shape, tmp_path / "dot.docx")
    found = [f for f in _errors(path) if f.rule == "party-signature"]
    assert len(found) == 1 and "T/M BAN THƯỜNG VỤ" in found[0].message and "T/M." in found[0].where.words


def test_the_mark_under_the_summary_read_into_its_paragraph_is_no_summary_word(tmp_path):
    """A PDF's reading keeps a rule typed under a short bold line in that line's paragraph (a
    caption's underline): under a one-line summary it is the summary's mark, not its text."""
    from plangen.importer.reader import import_source
    from plangen.word.sources import read_source

    shape = BOARD
    path = tmp_path / "ban.txt"
    path.write_text(text_of(shape), encoding="utf-8")
    source = read_source(path)
    at = next(i for i, p in enumerate(source.paragraphs) if p.text.strip() == shape.summary[0])
    assert source.paragraphs[at + 1].text.strip() == "-----"
    source.paragraphs[at].text += "\n-----"  # as pdflook joins them
    del source.paragraphs[at + 1]
    data = import_source(source).data
    assert data["summary"] == shape.summary[0]
