"""Party plans of other committees than the ones plangen was built on: a Tỉnh uỷ's Ban Thường vụ,
a chi bộ, a ward's Đảng uỷ; each typed in Word (python-docx, header and ending in tables) and as
plain text, and one copied from a portal with the portal's record above it. What must hold: the
header (superior body, body, symbol), the number and date, the signature's parts (T/M, the
collective, BÍ THƯ or PHÓ BÍ THƯ), the recipients and the file line are read; no word is lost in
the built plan; `check` judges the source by the Party's rules and no state rule fires on it."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.oxml.ns import qn

from plangen.check import check_path
from plangen.check.rules import STATE_ONLY
from plangen.document.render import Template
from plangen.importer import import_to_yaml
from plangen.plan.load import load_plan_text
from plangen.word import docxtext
from test_party import missing_words

STATE_IDS = {rule.ID for rule in STATE_ONLY}


@dataclass
class Shape:
    """One committee's plan, from which both the Word file and the text are written."""

    name: str
    superior: str | None
    body: str
    symbol: str  # the symbol line as typed
    number: int | None
    code: str
    date_line: str
    summary: list[str]
    sections: list[str]  # numbered lines as typed, headings included
    recipients: list[str]  # typed with their "- " and ","
    archive_line: str
    signature: list[str]  # authority line(s) and position
    signer: str
    expected_signature: dict[str, str]
    archive: str


SHAPES = [
    Shape("tinhuy", None, "TỈNH UỶ GIA LAI", "Số 05-KH/TU", 5, "TU", "Gia Lai, ngày 14 tháng 01 năm 2026",
          ["thực hiện công tác kiểm tra, giám sát năm 2026"],
          ["I. MỤC ĐÍCH, YÊU CẦU", "1. Nâng cao hiệu lực công tác kiểm tra, giám sát của cấp uỷ.",
           "2. Kiểm tra đúng nguyên tắc, phương pháp, quy trình.",
           "II. NỘI DUNG", "1. Kiểm tra việc thực hiện nghị quyết đại hội đảng bộ các cấp.",
           "2. Giám sát chuyên đề đối với các ban thường vụ huyện uỷ, đảng uỷ trực thuộc.",
           "III. TỔ CHỨC THỰC HIỆN", "1. Uỷ ban Kiểm tra Tỉnh uỷ tham mưu, theo dõi, đôn đốc thực hiện.",
           "2. Các đảng uỷ trực thuộc căn cứ Kế hoạch này xây dựng kế hoạch của đơn vị./."],
          ["- Ban Bí thư Trung ương Đảng (báo cáo),", "- Uỷ ban Kiểm tra Trung ương,",
           "- Các đảng uỷ trực thuộc,"], "- Lưu Văn phòng Tỉnh uỷ.",
          ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC"], "Nguyễn Văn Sơn",
          {"authority": "T/M", "collective": "BAN THƯỜNG VỤ", "position": "PHÓ BÍ THƯ THƯỜNG TRỰC"},
          "Văn phòng Tỉnh uỷ"),
    Shape("chibo", "ĐẢNG BỘ XÃ EA TIÊU", "CHI BỘ TRƯỜNG TIỂU HỌC EA TIÊU", "Số 03-KH/CB", 3, "CB",
          "Ea Tiêu, ngày 09 tháng 02 năm 2026", ["sinh hoạt chi bộ theo chuyên đề năm 2026"],
          ["I. Mục đích, yêu cầu:", "1. Nâng cao chất lượng sinh hoạt chi bộ.",
           "II. Nội dung, thời gian:", "1. Quý I: học tập nghị quyết của cấp trên.",
           "2. Quý II: chuyên đề về đạo đức nhà giáo.",
           "III. Tổ chức thực hiện:", "1. Chi uỷ phân công đảng viên chuẩn bị báo cáo chuyên đề./."],
          ["- Thường trực Đảng uỷ xã (báo cáo),", "- Đảng viên trong chi bộ,"], "- Lưu Chi bộ.",
          ["T/M CHI BỘ", "BÍ THƯ"], "Lê Thị Hồng",
          {"authority": "T/M", "collective": "CHI BỘ", "position": "BÍ THƯ"}, "Chi bộ"),
    Shape("phuong", "ĐẢNG BỘ THÀNH PHỐ HUẾ", "ĐẢNG UỶ PHƯỜNG THUẬN HOÁ", "Số 07-KH/ĐU", 7, "ĐU",
          "Thuận Hoá, ngày 20 tháng 3 năm 2026", ["tuyên truyền kỷ niệm các ngày lễ lớn năm 2026"],
          ["I. MỤC ĐÍCH, YÊU CẦU", "1. Tuyên truyền sâu rộng trong cán bộ, đảng viên và nhân dân.",
           "II. NỘI DUNG TUYÊN TRUYỀN", "1. Kỷ niệm 96 năm Ngày thành lập Đảng.",
           "III. TỔ CHỨC THỰC HIỆN", "1. Các chi bộ trực thuộc triển khai tại đơn vị.",
           "2. Văn phòng Đảng uỷ theo dõi, tổng hợp, báo cáo kết quả./."],
          ["- Ban Thường vụ Thành uỷ (báo cáo),", "- Các chi bộ trực thuộc,"], "- Lưu Văn phòng Đảng uỷ.",
          ["T/M ĐẢNG UỶ", "BÍ THƯ"], "Trần Minh Quang",
          {"authority": "T/M", "collective": "ĐẢNG UỶ", "position": "BÍ THƯ"}, "Văn phòng Đảng uỷ"),
]
# a draft: the number and the day left blank with wide gaps, which are no columns
SHAPES.append(dataclasses.replace(SHAPES[2], name="draft", symbol="Số      -KH/ĐU", number=None,
                                  date_line="Thuận Hoá, ngày      tháng 3 năm 2026"))


def write_docx(shape: Shape, path: Path) -> Path:
    """The plan as an office types it in Word: header and ending in two-column tables."""
    doc = Document()
    left, right = doc.add_table(rows=1, cols=2).rows[0].cells
    first = left.paragraphs[0]
    if shape.superior:
        first.add_run(shape.superior)
        left.add_paragraph().add_run(shape.body).bold = True
    else:
        first.add_run(shape.body).bold = True
    left.add_paragraph("*")
    left.add_paragraph(shape.symbol)
    right.paragraphs[0].add_run("ĐẢNG CỘNG SẢN VIỆT NAM").bold = True
    right.add_paragraph().add_run(shape.date_line).italic = True
    doc.add_paragraph().add_run("KẾ HOẠCH").bold = True
    for line in shape.summary:
        doc.add_paragraph().add_run(line).bold = True
    doc.add_paragraph("-----")
    for line in shape.sections:
        doc.add_paragraph(line)
    r_left, r_right = doc.add_table(rows=1, cols=2).rows[0].cells
    r_left.paragraphs[0].add_run("Nơi nhận:").underline = True
    for line in [*shape.recipients, shape.archive_line]:
        r_left.add_paragraph(line)
    r_right.paragraphs[0].add_run(shape.signature[0]).bold = True
    for line in shape.signature[1:]:
        r_right.add_paragraph().add_run(line).bold = True
    r_right.add_paragraph()
    r_right.add_paragraph().add_run(shape.signer).bold = True
    doc.save(path)
    return path


def text_of(shape: Shape) -> str:
    """The plan as plain text (a PDF's text, a page copied): one line per displayed line."""
    head = [shape.superior] if shape.superior else []
    lines = [*head, shape.body, "*", "ĐẢNG CỘNG SẢN VIỆT NAM", shape.symbol, shape.date_line, "KẾ HOẠCH",
             *shape.summary, "-----", *shape.sections, "Nơi nhận:", *shape.recipients, shape.archive_line,
             *shape.signature, shape.signer]
    return "\n".join(lines) + "\n"


def portal_page(shape: Shape) -> str:
    """The plan as a portal publishes it: its record (front matter, title, a row of facts, headings)
    and the digitised text in a fenced block."""
    title = "KẾ HOẠCH " + " ".join(shape.summary)
    symbol = shape.symbol.removeprefix("Số ")
    return (f"---\nstt: 41\nthe_loai: \"KẾ HOẠCH\"\nso_hieu: \"{symbol}\"\nlinh_vuc: \"Công tác Đảng\"\n---\n\n"
            f"# {title}\n\n**Số hiệu:** {symbol} | **Lĩnh vực:** Công tác Đảng\n\n"
            f"### Toàn văn văn bản số hoá\n\n```text\n{text_of(shape)}```\n")


def source_file(shape: Shape, kind: str, tmp_path: Path) -> tuple[Path, str]:
    if kind == "docx":
        path = write_docx(shape, tmp_path / f"{shape.name}.docx")
        return path, "\n".join(docxtext.paragraphs(path))
    text = text_of(shape) if kind == "text" else portal_page(shape)
    path = tmp_path / (f"{shape.name}.txt" if kind == "text" else f"{shape.name}.md")
    path.write_text(text, encoding="utf-8")
    return path, text


@pytest.mark.parametrize("kind", ["docx", "text", "portal"])
@pytest.mark.parametrize("shape", SHAPES, ids=[s.name for s in SHAPES])
def test_party_plans_of_other_committees_are_read_whole(shape, kind, tmp_path):
    path, source = source_file(shape, kind, tmp_path)
    text, review = import_to_yaml(path)
    data = yaml.safe_load(text)
    issuer = data["issuer"]
    assert issuer["format"] == "party" and issuer["name"] == [shape.body] and issuer["code"] == shape.code
    assert issuer.get("governing_body", []) == ([shape.superior] if shape.superior else [])
    assert data.get("number") == shape.number
    assert {k: data["signature"].get(k) for k in shape.expected_signature} == shape.expected_signature
    assert data["signature"]["name"] == shape.signer and "head" not in data["signature"]
    assert data["recipients"] == [r.removeprefix("- ").rstrip(",") for r in shape.recipients]
    assert data["archive"] == shape.archive
    assert len(data["sections"]) == sum(1 for line in shape.sections if re.match(r"^[IVX]+\.", line))
    assert "preamble" not in data  # nothing of the header, nor of a portal's record, in the body
    if kind == "portal":
        record = data["source_record"]
        assert record[0].startswith("stt: 41") and record[-1] == "```text"
        assert any("source_record" in note.message for note in review)
    else:
        assert "source_record" not in data
    plan = load_plan_text(text, f"{shape.name}.yaml").plan
    (tmp_path / "built.docx").write_bytes(Template().render(plan))
    assert missing_words(source, tmp_path / "built.docx") == []
    if kind == "portal":  # printed where it stood, above the header, and marked for deletion
        body = Document(tmp_path / "built.docx").element.body
        first = body[0]
        assert first.tag == qn("w:p") and "".join(first.itertext()).startswith("stt: 41")
        assert first.find(f".//{qn('w:highlight')}") is not None
        assert body[len(record)].tag == qn("w:tbl")  # the header's table follows the record
        said = [f for f in check_path(tmp_path / "built.docx").findings if "stt: 41" in f.message]
        assert [(f.rule, f.severity, f.where.paragraph) for f in said] == [("placeholders", "error", 1)]
    imported = tmp_path / f"{shape.name}.yaml"
    imported.write_text(text, encoding="utf-8")
    for checked in [imported, path] if kind == "docx" else [imported]:  # check reads Word files and plans
        report = check_path(checked)
        assert report.guide == "Hướng dẫn 36-HD/VPTW"
        assert not {f.rule for f in report.findings} & STATE_IDS, report.findings
        errors = [f for f in report.findings if f.severity == "error" and f.rule != "party-layout"]
        if kind == "portal":  # the record (and its review note) is the one thing to settle
            assert {f.rule for f in errors} == {"placeholders"}
            assert any("stt: 41" in f.message for f in errors), errors
            assert any("source_record" in f.message for f in errors), errors
        else:
            assert errors == [], errors


def test_next_years_draft_of_a_portal_plan_drops_last_years_record_and_says_so(tmp_path):
    """The portal's record is of last year's document: `new --from` removes it, in a review note."""
    from plangen.drafting.next_year import next_year_draft, roll_forward
    from plangen.i18n import set_language

    path, _source = source_file(SHAPES[1], "portal", tmp_path)
    set_language("en")
    try:
        text, _review = next_year_draft(path)  # `new --from page.md`
        imported, _notes = import_to_yaml(path)
        (tmp_path / "last.yaml").write_text(imported, encoding="utf-8")
        rolled, _items = roll_forward(tmp_path / "last.yaml")
    finally:
        set_language("vi")
    for draft in (text, rolled):
        data = yaml.safe_load(draft)
        assert "source_record" not in data and data["year"] == 2027
        assert "source_record, a portal's record of that document) removed" in draft
        assert load_plan_text(draft, "next.yaml").plan.preamble == []


def test_a_number_left_blank_comes_from_the_record_and_the_line_as_printed_is_kept(tmp_path):
    """A portal's copy of a Party plan numbered at registration: the record says "Số hiệu: 05-KH/TU",
    the digitised text "Số -KH/TU". The plan takes 5 (for review), and the document's own line
    is kept with the record, printed highlighted above the header, so no word of it is lost."""
    shape = SHAPES[0]
    page = portal_page(shape).replace(f"\n{shape.symbol}\n", "\nSố -KH/TU\n")
    assert "\nSố -KH/TU\n" in page and "05-KH/TU" in page  # the record keeps its number
    path = tmp_path / "blank.md"
    path.write_text(page, encoding="utf-8")
    text, review = import_to_yaml(path)
    data = yaml.safe_load(text)
    assert data["number"] == 5 and data["source_record"][-1] == "Số -KH/TU"
    assert any("Số -KH/TU" in note.message and "source_record" in note.path for note in review)
    plan = load_plan_text(text, "blank.yaml").plan
    (tmp_path / "built.docx").write_bytes(Template().render(plan))
    assert missing_words(page, tmp_path / "built.docx") == []
