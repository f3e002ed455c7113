"""What the renderer puts in the document: header variants, body, ending, appendices, format."""

from __future__ import annotations

import textwrap
import zipfile

import pytest
from docx import Document

from plangen.document.render import Template, build_file
from plangen.plan.load import load_plan_text
from plangen.word import docxtext

BASE = textwrap.dedent("""\
    issuer:
      governing_body: UBND TỈNH VĨNH LONG
      name: Sở Y tế
      code: SYT
      place: Vĩnh Long
      full_name: Sở Y tế tỉnh Vĩnh Long
    year: 2026
    summary: "Phòng, chống mua bán người\\nnăm {{ year }}"
    sections:
      - kind: [purpose, requirements]
        content:
          - item: Bảo đảm *hiệu quả* & <thiết thực> "đúng" 'hạn'.
          - title: Công tác chỉ đạo
            content:
              - point: Một.
              - point: Hai.
              - point: Ba.
              - point: Bốn.
              - point: Năm.
              - bullet: Gạch đầu dòng^[Chú thích **đậm**].
      - kind: assignments
        content:
          - agency: Phòng Nghiệp vụ
            tasks: [Việc một., Việc hai.]
          - agency: Viện Kiểm sát
            request: true
            layout: inline
            tasks: [Phối hợp.]
    recipients: [Bộ Y tế, "- UBND tỉnh;"]
    archive: VT, NV
    signature: {authority: KT., head: GIÁM ĐỐC, position: PHÓ GIÁM ĐỐC, name: Nguyễn Văn A}
    """)


def build(tmp_path, text: str, name: str = "plan"):
    plan = tmp_path / f"{name}.yaml"
    plan.write_text(text, encoding="utf-8")
    return build_file(plan, tmp_path / f"{name}.docx")


def lines(path) -> list[str]:
    return [p for p in docxtext.paragraphs(path) if p.strip()]


def test_draft_header_has_official_blanks(tmp_path):
    out = lines(build(tmp_path, BASE))
    assert out[:4] == ["UBND TỈNH VĨNH LONG", "SỞ Y TẾ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                       "Độc lập - Tự do - Hạnh phúc"]
    number = next(x for x in out if x.startswith("Số:"))
    assert number.replace("\u00a0", " ").split() == ["Số:", "/KH-SYT"]
    date = next(x for x in out if x.startswith("Vĩnh Long,"))
    assert date.replace("\u00a0", " ").split() == ["Vĩnh", "Long,", "ngày", "tháng", "năm", "2026"]


def test_numbered_header_follows_leading_zero_rules(tmp_path):
    out = lines(build(tmp_path, BASE + "number: 5\ndate: 05/02/2026\n"))
    assert "Số: 05/KH-SYT" in out
    assert "Vĩnh Long, ngày 05 tháng 02 năm 2026" in out


def test_title_body_numbering_and_end_mark(tmp_path):
    out = lines(build(tmp_path, BASE))
    start = out.index("KẾ HOẠCH")
    assert out[start + 1] == "Phòng, chống mua bán người\nnăm 2026"
    body = out[start + 2:]
    assert body[:10] == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Bảo đảm hiệu quả & <thiết thực> \"đúng\" 'hạn'.",
        "2. Công tác chỉ đạo",
        "a) Một.", "b) Hai.", "c) Ba.", "d) Bốn.", "đ) Năm.",
        "- Gạch đầu dòng.",
        "II. PHÂN CÔNG NHIỆM VỤ",
    ]
    assert body[10:14] == ["1. Phòng Nghiệp vụ", "- Việc một.", "- Việc hai.",
                           "2. Đề nghị Viện Kiểm sát: Phối hợp./."]


def test_xml_special_characters_are_literal_and_markup_is_formatting(tmp_path):
    path = build(tmp_path, BASE)
    doc = Document(str(path))
    para = next(p for p in doc.paragraphs if p.text.startswith("1. Bảo đảm"))
    italic = [r.text for r in para.runs if r.italic]
    assert italic == ["hiệu quả"]
    assert "*" not in para.text


def test_footnote_is_a_real_word_footnote(tmp_path):
    path = build(tmp_path, BASE)
    with zipfile.ZipFile(path) as zf:
        document = zf.read("word/document.xml").decode()
        notes = zf.read("word/footnotes.xml").decode()
    assert '<w:footnoteReference w:id="1"/>' in document
    assert "Chú thích" in notes and "<w:b/>" in notes


def test_ending_recipients_and_signature(tmp_path):
    out = lines(build(tmp_path, BASE))
    i = out.index("Nơi nhận:")
    assert out[i + 1:i + 4] == ["- Bộ Y tế;", "- UBND tỉnh;", "- Lưu: VT, NV."]
    assert out[i + 4:i + 7] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn A"]


def test_issued_with_decision_has_no_number_date_recipients_or_signature(tmp_path):
    text = BASE.replace("recipients: [Bộ Y tế, \"- UBND tỉnh;\"]\n", "").replace(
        "signature: {authority: KT., head: GIÁM ĐỐC, position: PHÓ GIÁM ĐỐC, name: Nguyễn Văn A}\n", "")
    text += "issued_with: {number: 1206/QĐ-UBND, date: 24/6/2025, by: Chủ tịch Ủy ban nhân dân tỉnh}\n"
    out = lines(build(tmp_path, text))
    assert not any(x.startswith("Số:") for x in out)
    assert not any(x.startswith("Vĩnh Long, ngày") for x in out)
    assert "(Kèm theo Quyết định số 1206/QĐ-UBND ngày 24 tháng 6 năm 2025 của Chủ tịch Ủy ban nhân dân tỉnh)" in out
    assert "Nơi nhận:" not in out


def test_page_setup_follows_the_decree(tmp_path):
    doc = Document(str(build(tmp_path, BASE)))
    section = doc.sections[0]
    def mm(length):
        return round(length.mm)

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert 20 <= mm(section.top_margin) <= 25 and 20 <= mm(section.bottom_margin) <= 25
    assert 30 <= mm(section.left_margin) <= 35 and 15 <= mm(section.right_margin) <= 20
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml
    styles = doc.styles
    assert styles["Normal"].font.name == "Times New Roman"
    body = styles["Plan Body"]
    assert body.font.size.pt in (13, 14)
    assert body.paragraph_format.first_line_indent.cm == pytest.approx(1.27, abs=0.01)
    assert styles["Plan Recipient"].font.size.pt == 11
    assert styles["Plan Recipients Heading"].font.size.pt == 12


APPENDIX = textwrap.dedent("""\
    appendices:
      - title: Danh mục nhiệm vụ
        landscape: true
        content:
          - task_table: {}
      - title: Dự toán
        content:
          - budget:
              items:
                - {name: In tờ rơi, amount: 250000000}
                - {name: Hội nghị, amount: 1000000000}
    """)


def test_appendices_restart_page_numbers_and_carry_tables(tmp_path):
    text = BASE.replace("tasks: [Việc một., Việc hai.]",
                        "tasks: [{text: Việc một., cooperating: Sở Tư pháp, deadline: 30/6/2026}, Việc hai.]")
    path = build(tmp_path, text + "number: 15\ndate: 10/01/2026\n" + APPENDIX)
    doc = Document(str(path))
    assert len(doc.sections) == 3
    assert doc.sections[1].orientation == 1  # landscape
    assert doc.sections[2].orientation == 0
    with zipfile.ZipFile(path) as zf:
        xml = zf.read("word/document.xml").decode()
    assert xml.count('w:start="1"') >= 2
    out = lines(path)
    assert "Phụ lục I" in out and "Phụ lục II" in out
    assert "(Kèm theo Kế hoạch số 15/KH-SYT ngày 10 tháng 01 năm 2026 của Sở Y tế tỉnh Vĩnh Long)" in out
    i = out.index("Nhiệm vụ")
    assert out[i + 5:i + 11] == ["1", "Việc một.", "Phòng Nghiệp vụ", "Sở Tư pháp", "30/6/2026", "2"]
    assert "1.250.000.000" in out
    assert any("Một tỷ hai trăm năm mươi triệu đồng" in x for x in out)


def test_task_facts_without_a_task_table_are_printed_after_the_task(tmp_path):
    text = BASE.replace("tasks: [Việc một., Việc hai.]",
                        "tasks: [{text: Việc một., lead: Phòng A, output: Báo cáo}]")
    out = lines(build(tmp_path, text))
    assert "- Việc một. (Chủ trì: Phòng A; sản phẩm: Báo cáo)" in out


def test_decimal_numbering(tmp_path):
    out = lines(build(tmp_path, BASE + "numbering: decimal\n"))
    assert "1. MỤC ĐÍCH, YÊU CẦU" in out
    assert "1.1. Bảo đảm hiệu quả & <thiết thực> \"đúng\" 'hạn'." in out
    assert "2.2. Đề nghị Viện Kiểm sát: Phối hợp./." in out


def test_user_template_is_used(tmp_path):
    from docx import Document as Open

    from plangen.document.render import default_template

    doc = Open(str(default_template()))
    doc.paragraphs[0].insert_paragraph_before("MẬT")
    custom = tmp_path / "custom.docx"
    doc.save(str(custom))
    plan = load_plan_text(BASE, "plan.yaml").plan
    out = tmp_path / "out.docx"
    out.write_bytes(Template(custom).render(plan))
    out_lines = lines(out)
    assert out_lines.index("MẬT") == out_lines.index("KẾ HOẠCH") - 1


def test_template_error_is_reported_with_the_template_name(tmp_path, capsys):
    from docx import Document as Open

    from plangen.document.render import default_template

    from cli_helpers import run_cli

    doc = Open(str(default_template()))
    doc.paragraphs[0].insert_paragraph_before("{{ broken ")
    custom = tmp_path / "broken.docx"
    doc.save(str(custom))
    plan = tmp_path / "plan.yaml"
    plan.write_text(BASE, encoding="utf-8")
    result = run_cli(capsys, "build", "--lang", "en", "--force", str(plan), "--template", str(custom))
    assert result.code == 2
    assert str(custom) in result.err and "Traceback" not in result.err


def test_template_without_a_place_for_points_is_refused(tmp_path):
    import zipfile as zf_mod

    from plangen.document.render import default_template
    from plangen.errors import TemplateProblem

    custom = tmp_path / "nopoints.docx"
    with zf_mod.ZipFile(default_template()) as src, zf_mod.ZipFile(custom, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.decode().replace('"point"', '"pointless"').encode()
            dst.writestr(item, data)
    plan = load_plan_text(BASE, "plan.yaml").plan
    with pytest.raises(TemplateProblem) as info:
        Template(custom).render(plan)
    assert "point" in str(info.value) and str(custom) in str(info.value)


def test_failed_build_leaves_the_previous_output_untouched(tmp_path, monkeypatch):
    from plangen import files

    target = build(tmp_path, BASE)
    before = target.read_bytes()

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", broken)
    from plangen.errors import OutputError

    with pytest.raises(OutputError):
        build(tmp_path, BASE.replace("Việc một.", "Việc khác."))
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_output_may_not_overwrite_the_plan(tmp_path):
    from plangen.errors import OutputError

    plan = tmp_path / "plan.yaml"
    plan.write_text(BASE, encoding="utf-8")
    with pytest.raises(OutputError):
        build_file(plan, plan)


def test_date_filters_in_texts():
    text = BASE.replace("Việc một.", "\"Báo cáo trước ngày {{ '15/03/2026' | dm }}, {{ '05/01/2026' | dmy }}, "
                                     "{{ '05/01/2026' | long_date }}, {{ 1250000 | money }}.\"")
    plan = load_plan_text(text, "plan.yaml").plan
    task = plan.sections[1].content[0].tasks[0].text
    assert task == "Báo cáo trước ngày 15/3, 05/01/2026, ngày 05 tháng 01 năm 2026, 1.250.000."
