"""Import and check of state plans in shapes offices use that plangen was not tuned on.

Each test builds its own small file: a province's decision with its plan after a page break, a
joint plan whose signatures name their bodies, a portal's Markdown whose pipe-table cells break
lines with `<br>`, a school plan giving work to roles by bold labels, a footnote on a "Căn cứ"
line, a Quốc hiệu wrapped in a narrow column. The reader's view decides: position, look, case.
"""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

from docx.enum.text import WD_BREAK

from messy_word import OfficeDoc
from plangen.check import check_path
from plangen.document.render import Template
from plangen.importer import import_to_yaml
from plangen.plan.load import load_plan_text
from plangen.word import docxtext, webtext
from plangen.word.recognise import recognise

TEMPLATE = Template()
MOTTO = [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False), ("Độc lập - Tự do - Hạnh phúc", True, False)]


def _imported(path: Path):
    """(plan, words of the source from its type name KẾ HOẠCH on that the plan built from its
    import lacks)."""
    text, _review = import_to_yaml(path)
    plan = load_plan_text(text, "imported.yaml").plan
    built = docxtext.paragraphs(io.BytesIO(TEMPLATE.render(plan)))
    source = docxtext.paragraphs(path)
    source = source[next(i for i, p in enumerate(source) if p.strip() == "KẾ HOẠCH"):]

    def words(paragraphs: list[str]) -> Counter:
        return Counter(w.strip(".,;:()") for p in paragraphs for w in p.split() if w.strip(".,;:()"))

    return plan, sorted(words(source) - words(built))


def _errors(path: Path) -> list[str]:
    return [f"{f.rule}: {f.message}" for f in check_path(path).findings if f.severity == "error"]


def _body(doc: OfficeDoc, lines: list[str]) -> None:
    """Roman headings bold; "1. Name: task" with the name bold when the line starts with "@"."""
    for line in lines:
        if line.startswith("@"):
            label, rest = line[1:].split(":", 1)
            doc.para(runs=[(label + ":", True, False), (rest, False, False)])
        else:
            doc.para(line, bold=line.split(".")[0] in ("I", "II", "III", "IV"))


def _ending(doc: OfficeDoc, recipients: list[str], signature: list[str], name: str) -> None:
    table = doc.table(1, 2)
    doc.para("", runs=[("Nơi nhận:", True, True)], align="left", size=12, indent=False, container=table.cell(0, 0))
    for line in recipients:
        doc.para(line, align="left", size=11, indent=False, container=table.cell(0, 0))
    for line in signature:
        doc.para(line, bold=True, align="center", indent=False, container=table.cell(0, 1))
    doc.para(name, bold=True, align="center", indent=False, container=table.cell(0, 1))


PLAN_BODY = ["I. MỤC ĐÍCH, YÊU CẦU", "Bảo đảm triển khai đồng bộ, hiệu quả.",
             "II. TỔ CHỨC THỰC HIỆN",
             "@1. Sở Tài chính: bố trí kinh phí thực hiện Kế hoạch.",
             "@2. Sở Nội vụ: theo dõi, tổng hợp, báo cáo kết quả trước ngày 10 tháng 12 năm 2026./."]


def test_a_decision_then_its_plan_in_one_word_file_is_checked_as_the_plan(tmp_path):
    """The decision's header ("Số: …/QĐ-UBND") heads the file; the plan after the page break has
    the bodies and the Quốc hiệu, no number, and "(Kèm theo Quyết định …)": no symbol error."""
    doc = OfficeDoc()
    doc.header_table([("ỦY BAN NHÂN DÂN", True), ("TỈNH QUẢNG NGÃI", True), ("Số: 1234/QĐ-UBND", False)],
                     [*MOTTO, ("Quảng Ngãi, ngày 05 tháng 01 năm 2026", False, True)])
    doc.para("QUYẾT ĐỊNH", bold=True, align="center", indent=False)
    doc.para("Ban hành Kế hoạch chuyển đổi số năm 2026", bold=True, align="center", indent=False)
    doc.para("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", bold=True, align="center", indent=False)
    doc.para("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;", italic=True)
    doc.para("QUYẾT ĐỊNH:", bold=True, align="center", indent=False)
    doc.para("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch chuyển đổi số năm 2026.")
    doc.para("Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.")
    _ending(doc, ["- Như Điều 2;", "- Lưu: VT, KGVX."], ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Trần Văn Hiền")
    doc.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.header_table([("ỦY BAN NHÂN DÂN", True), ("TỈNH QUẢNG NGÃI", True)], MOTTO)
    doc.para("KẾ HOẠCH", bold=True, align="center", indent=False)
    doc.para("Chuyển đổi số năm 2026", bold=True, align="center", indent=False)
    doc.para("(Kèm theo Quyết định số 1234/QĐ-UBND ngày 05 tháng 01 năm 2026 của Chủ tịch Ủy ban nhân dân "
             "tỉnh Quảng Ngãi)", italic=True, align="center", indent=False)
    _body(doc, PLAN_BODY)
    path = doc.save(tmp_path / "decision.docx")
    assert _errors(path) == []
    plan, lost = _imported(path)
    assert plan.issued_with is not None and plan.issued_with.number.startswith("1234")
    assert lost == []


def test_a_joint_signature_naming_its_body_under_the_authority(tmp_path):
    """"KT. GIÁM ĐỐC" / "SỞ TƯ PHÁP" / "PHÓ GIÁM ĐỐC": the body's name, a header body, goes on
    the head's title; the position is the line under it, the lines printed as written."""
    doc = OfficeDoc()
    header = doc.table(2, 3)
    for column, body, number in ((0, "SỞ TƯ PHÁP", "Số: 09/KH-STP"), (1, "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Số: 15/KH-SGDĐT")):
        doc.para("UBND TỈNH HƯNG YÊN", align="center", indent=False, size=13, container=header.cell(0, column))
        doc.para(body, bold=True, align="center", indent=False, size=13, container=header.cell(0, column))
        doc.para(number, align="center", indent=False, size=13, container=header.cell(1, column))
    for text, bold, _italic in MOTTO:
        doc.para(text, bold=bold, align="center", indent=False, size=13, container=header.cell(0, 2))
    doc.para("Hưng Yên, ngày 20 tháng 3 năm 2026", italic=True, align="center", indent=False,
             container=header.cell(1, 2))
    doc.para("KẾ HOẠCH", bold=True, align="center", indent=False)
    doc.para("Phổ biến pháp luật trong trường học năm 2026", bold=True, align="center", indent=False)
    _body(doc, PLAN_BODY)
    signatures = doc.table(1, 2)
    for column, body, name in ((0, "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Nguyễn Văn Hùng"), (1, "SỞ TƯ PHÁP", "Đỗ Thị Lan")):
        for line in ("KT. GIÁM ĐỐC", body, "PHÓ GIÁM ĐỐC", name):
            doc.para(line, bold=True, align="center", indent=False, container=signatures.cell(0, column))
    doc.para("", runs=[("Nơi nhận:", True, True)], align="left", size=12, indent=False)
    doc.para("- Lưu: VT STP, VT SGDĐT.", align="left", size=11, indent=False)
    plan, lost = _imported(doc.save(tmp_path / "joint.docx"))
    assert (plan.signature.head, plan.signature.position) == ("GIÁM ĐỐC SỞ TƯ PHÁP", "PHÓ GIÁM ĐỐC")
    assert plan.partners[0].signature.head == "GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO"
    assert lost == []


def test_br_in_a_pipe_table_cell_is_a_line_of_the_cell_not_a_space():
    """A portal's `<br>` inside a bold span: the signature's lines stay lines (as Word's breaks)."""
    text = ("| ***Nơi nhận:***<br>- Các sở, ngành;<br>- Lưu: VT. | **TM. ỦY BAN NHÂN DÂN<br>KT. CHỦ TỊCH<br>"
            "PHÓ CHỦ TỊCH**<br><br>**Hoàng Hải Minh** |\n|---|---|\n")
    cells = [p.text for p in webtext.paragraphs(text) if p.in_table]
    assert "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH" in cells and "Hoàng Hải Minh" in cells


def test_a_web_plan_signed_in_a_pipe_table_with_breaks(tmp_path):
    source = tmp_path / "web.md"
    source.write_text(
        "---\ntitle: Kế hoạch\n---\n\n"
        "| **ỦY BAN NHÂN DÂN<br>THÀNH PHỐ HUẾ** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>"
        "Độc lập - Tự do - Hạnh phúc** |\n|---|---|\n| Số: 215/KH-UBND | *Huế, ngày 18 tháng 3 năm 2026* |\n\n"
        "**KẾ HOẠCH**\n\n**PHÁT TRIỂN DU LỊCH CỘNG ĐỒNG NĂM 2026**\n\n**I. MỤC ĐÍCH, YÊU CẦU**\n\n"
        "1.&nbsp;Phát triển du lịch gắn với di sản &amp; cảnh quan.\n\n**II. TỔ CHỨC THỰC HIỆN**\n\n"
        "**1. Sở Du lịch:** chủ trì thực hiện.\n\n**2. Sở Tài chính:** bố trí kinh phí./.\n\n"
        "| ***Nơi nhận:***<br>- Các sở, ngành;<br>- Lưu: VT, DL. | **TM. ỦY BAN NHÂN DÂN<br>KT. CHỦ TỊCH<br>"
        "PHÓ CHỦ TỊCH**<br><br><br>**Hoàng Hải Minh** |\n|---|---|\n", encoding="utf-8")
    text, _review = import_to_yaml(source)
    plan = load_plan_text(text, "imported.yaml").plan
    signature = plan.signature
    assert (signature.authority, signature.collective, signature.head, signature.position, signature.name) == (
        "TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hoàng Hải Minh")
    assert plan.issuer.name == ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HUẾ"]
    assert "di sản & cảnh quan" in text and "&nbsp;" not in text


SCHOOL_BODY = ["I. MỤC ĐÍCH, YÊU CẦU", "Giáo dục truyền thống cho học sinh.", "II. TỔ CHỨC THỰC HIỆN",
               "@1. Tổng phụ trách Đội: xây dựng chương trình, điều hành các hoạt động.",
               "@2. Giáo viên chủ nhiệm: đăng ký danh sách học sinh trước ngày 15 tháng 3 năm 2026.",
               "@3. Kế toán: bảo đảm kinh phí từ nguồn hoạt động phong trào./."]


def _school(tmp_path: Path, body: list[str]) -> Path:
    doc = OfficeDoc()
    doc.header_table([("SỞ GD&ĐT TỈNH KHÁNH HÒA", False), ("TRƯỜNG THCS NGUYỄN DU", True), ("Số: 35/KH-THCSND", False)],
                     [*MOTTO, ("Khánh Hòa, ngày 02 tháng 3 năm 2026", False, True)])
    doc.para("KẾ HOẠCH", bold=True, align="center", indent=False)
    doc.para("Tổ chức hoạt động ngoại khóa năm 2026", bold=True, align="center", indent=False)
    _body(doc, body)
    _ending(doc, ["- Ban giám hiệu;", "- Lưu: VT."], ["HIỆU TRƯỞNG"], "Võ Thị Mai")
    return doc.save(tmp_path / "school.docx")


def test_work_given_to_roles_by_bold_labels_is_assignments(tmp_path):
    """Every item of the implementation part opens with a bold label and a colon, the task plain:
    the labels name who does the work, roles no office list holds included."""
    path = _school(tmp_path, SCHOOL_BODY)
    plan, lost = _imported(path)
    section = plan.sections[1]
    assert "assignments" in {k.value for k in section.kind}
    assert [block.agency for block in section.content] == ["Tổng phụ trách Đội", "Giáo viên chủ nhiệm", "Kế toán"]
    assert lost == []
    assert not [f for f in check_path(path).findings if f.rule == "required-sections"]


def test_bold_titles_that_are_not_all_labelled_stay_content(tmp_path):
    """One plain item among the labelled ones: the list is not read as given out by label."""
    body = [*SCHOOL_BODY[:4], "2. Các giáo viên chủ nhiệm đăng ký danh sách học sinh.", SCHOOL_BODY[5]]
    plan, lost = _imported(_school(tmp_path, body))
    assert not any(getattr(block, "agency", None) == "Kế toán" for block in plan.sections[1].content)
    assert lost == []


def test_a_footnote_after_the_end_mark_of_a_legal_basis_is_kept(tmp_path):
    doc = OfficeDoc()
    doc.header_table([("UBND TỈNH LẠNG SƠN", False), ("SỞ CÔNG THƯƠNG", True), ("Số: 112/KH-SCT", False)],
                     [*MOTTO, ("Lạng Sơn, ngày 25 tháng 02 năm 2026", False, True)])
    doc.para("KẾ HOẠCH", bold=True, align="center", indent=False)
    doc.para("Phát triển thương mại điện tử năm 2026", bold=True, align="center", indent=False)
    basis = doc.para("Căn cứ Quyết định số 645/QĐ-TTg ngày 15 tháng 5 năm 2020 của Thủ tướng Chính phủ;")
    doc.footnote(basis, "Quyết định đã được sửa đổi, bổ sung năm 2025.")
    _body(doc, PLAN_BODY)
    _ending(doc, ["- Lưu: VT, QLTM."], ["GIÁM ĐỐC"], "Hoàng Văn Nam")
    text, _review = import_to_yaml(doc.save(tmp_path / "note.docx"))
    plan = load_plan_text(text, "imported.yaml").plan
    assert plan.legal_bases[0].endswith("Thủ tướng Chính phủ^[Quyết định đã được sửa đổi, bổ sung năm 2025.]")


def test_a_quoc_hieu_wrapped_before_viet_nam_is_one_line():
    """A narrow right column wraps the Quốc hiệu (text from a PDF): "VIỆT NAM" is its end, not a body."""
    from plangen.word import textfile

    paras = textfile.paragraphs("ỦY BAN NHÂN DÂN\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA\nVIỆT NAM\n\nXÃ TÂN PHÚ\n\n"
                                "Độc lập - Tự do - Hạnh phúc\nTân Phú, ngày 09 tháng 3 năm 2026\n\n"
                                "Số: 18/KH-UBND\n\nKẾ HOẠCH\nPhòng cháy, chữa cháy năm 2026\n"
                                "I. MỤC ĐÍCH, YÊU CẦU\nBảo đảm an toàn.\n")
    r = recognise(paras)
    assert [p.text for p in r.issuer] == ["ỦY BAN NHÂN DÂN", "XÃ TÂN PHÚ"]
    assert r.national_title is not None and r.national_title.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    r = recognise(textfile.paragraphs("SỞ TƯ PHÁP\n\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh\n"
                                      "phúc\nHưng Yên, ngày 20 tháng 3 năm 2026\n\nSố: 09/KH-STP\n\nKẾ HOẠCH\n"
                                      "Phổ biến pháp luật năm 2026\nI. MỤC ĐÍCH, YÊU CẦU\nBảo đảm hiệu quả.\n"))
    assert [p.text for p in r.issuer] == ["SỞ TƯ PHÁP"] and r.header_other == []
    assert r.national_title.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert r.motto.text == "Độc lập - Tự do - Hạnh phúc"


def test_an_html_table_left_in_markdown_is_read_as_a_table(tmp_path):
    """A portal's raw `<table><tr><td><p><b>…<br>…` header and ending: cells and lines, no tag printed."""
    source = tmp_path / "html.md"
    source.write_text(
        '<table>\n<tr><td><p align="center"><b>ỦY BAN NHÂN DÂN<br>TỈNH LÀO CAI</b><br>-------</p></td>'
        '<td><p align="center"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</b></p></td></tr>\n'
        '<tr><td><p>Số: 33/KH-UBND</p></td><td><p><i>Lào Cai, ngày 22 tháng 01 năm 2026</i></p></td></tr>\n</table>\n\n'
        "**KẾ HOẠCH**\n\n**Phòng, chống thiên tai năm 2026**\n\n**I. MỤC ĐÍCH, YÊU CẦU**\n\nChủ động ứng phó.\n\n"
        "**II. TỔ CHỨC THỰC HIỆN**\n\n**1. Sở Nông nghiệp và Môi trường:** theo dõi, tổng hợp.\n\n"
        "**2. Bộ Chỉ huy Quân sự tỉnh:** chủ trì tìm kiếm cứu nạn./.\n\n"
        "<table>\n<tr><td><p><b><i>Nơi nhận:</i></b><br>- Các sở, ban, ngành;<br>- Lưu: VT, NLN.</p></td>"
        '<td><p align="center"><b>TM. ỦY BAN NHÂN DÂN<br>KT. CHỦ TỊCH<br>PHÓ CHỦ TỊCH<br><br><br>'
        "Hoàng Quốc Khánh</b></p></td></tr>\n</table>\n", encoding="utf-8")
    text, _review = import_to_yaml(source)
    plan = load_plan_text(text, "imported.yaml").plan
    assert "<t" not in text and "</" not in text
    assert (plan.number, plan.issuer.name) == (33, ["ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI"])
    assert (plan.signature.collective, plan.signature.head, plan.signature.position, plan.signature.name) == (
        "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hoàng Quốc Khánh")
    assert plan.recipients == ["Các sở, ban, ngành"] and plan.archive == "VT, NLN"


def test_an_html_table_never_closed_stays_as_written():
    assert webtext._html_tables("a <table><tr><td>x") == "a <table><tr><td>x"


def test_a_plan_issued_with_a_decision_ending_without_the_mark_is_warned_not_failed(tmp_path):
    doc = OfficeDoc()
    doc.header_table([("BỘ TÀI CHÍNH", True), ("Số: 85/QĐ-BTC", False)],
                     [*MOTTO, ("Hà Nội, ngày 14 tháng 01 năm 2026", False, True)])
    doc.para("QUYẾT ĐỊNH", bold=True, align="center", indent=False)
    doc.para("Về việc ban hành Kế hoạch sắp xếp tài sản công năm 2026", bold=True, align="center", indent=False)
    doc.para("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch sắp xếp tài sản công năm 2026./.")
    _ending(doc, ["- Lưu: VT, QLCS."], ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"], "Bùi Văn Khắng")
    doc.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.para("BỘ TÀI CHÍNH", bold=True, align="left", indent=False)
    doc.para("KẾ HOẠCH", bold=True, align="center", indent=False)
    doc.para("Sắp xếp tài sản công năm 2026", bold=True, align="center", indent=False)
    doc.para("(Ban hành kèm theo Quyết định số 85/QĐ-BTC ngày 14 tháng 01 năm 2026 của Bộ trưởng Bộ Tài chính)",
             italic=True, align="center", indent=False)
    _body(doc, [*PLAN_BODY[:-1], "@2. Sở Nội vụ: theo dõi, báo cáo kết quả."])
    path = doc.save(tmp_path / "attached.docx")
    ending = [f for f in check_path(path).findings if f.rule == "ending"]
    assert [f.severity for f in ending] == ["warning"]
    assert _errors(path) == []


def test_dashes_typed_under_the_header_of_a_plain_text_are_its_drawn_lines():
    """Text copied from a page: "-------" under the body and the Tiêu ngữ are lines, not preamble."""
    from plangen.word import textfile

    r = recognise(textfile.paragraphs("BỘ KHOA HỌC VÀ CÔNG NGHỆ\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                                      "Độc lập - Tự do - Hạnh phúc\n---------------\nSố: 210/KH-BKHCN\n"
                                      "Hà Nội, ngày 27 tháng 01 năm 2026\n\nKẾ HOẠCH\nChuyển đổi số năm 2026\n\n"
                                      "I. MỤC ĐÍCH, YÊU CẦU\nBảo đảm hiệu quả.\n"))
    assert r.header_other == [] and r.preamble == []
    assert [p.text for p in r.issuer] == ["BỘ KHOA HỌC VÀ CÔNG NGHỆ"]


def test_an_e_signature_in_the_room_for_the_signature_is_not_the_signer(tmp_path):
    """A signed copy prints the e-signature's appearance (or "(Đã ký)") between the position and
    the name: kept under the name, the name stays the signer's."""
    from plangen.word import textfile

    ending = ("Nơi nhận:\n- UBND tỉnh (b/c);\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n"
              "Người ký: Ủy ban nhân dân xã Phú Hữu\nThời gian ký: 11.03.2026 15:20:11 +07:00\n\nTrần Văn Út\n")
    head = ("ỦY BAN NHÂN DÂN\nXÃ PHÚ HỮU\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 21/KH-UBND\nPhú Hữu, ngày 11 tháng 3 năm 2026\n\nKẾ HOẠCH\nTổng điều tra năm 2026\n\n"
            "I. MỤC ĐÍCH, YÊU CẦU\nThu thập thông tin đầy đủ./.\n\n")
    r = recognise(textfile.paragraphs(head + ending))
    assert r.signer is not None and r.signer[0] == "Trần Văn Út"
    assert [t for t, _p in r.after_name] == ["Người ký: Ủy ban nhân dân xã Phú Hữu",
                                             "Thời gian ký: 11.03.2026 15:20:11 +07:00"]
    r = recognise(textfile.paragraphs(head + ending.replace("Người ký: Ủy ban nhân dân xã Phú Hữu\n"
                                                            "Thời gian ký: 11.03.2026 15:20:11 +07:00\n", "(Đã ký)\n")))
    assert r.signer is not None and r.signer[0] == "Trần Văn Út" and [t for t, _p in r.after_name] == ["(Đã ký)"]


def test_duties_labelled_in_a_text_without_bold_are_read_by_the_lower_case_task(tmp_path):
    """Text from a PDF shows no bold: "N. Name: task in lower case" in every item of the
    implementation part gives the work to the names, roles included."""
    source = tmp_path / "plan.txt"
    source.write_text("ỦY BAN NHÂN DÂN\nXÃ PHÚ HỮU\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                      "Số: 21/KH-UBND\nPhú Hữu, ngày 11 tháng 3 năm 2026\n\nKẾ HOẠCH\nTổng điều tra năm 2026\n\n"
                      "I. MỤC ĐÍCH, YÊU CẦU\nThu thập thông tin đầy đủ.\n\nII. TỔ CHỨC THỰC HIỆN\n"
                      "1. Công chức Văn phòng - Thống kê: chủ trì thực hiện.\n"
                      "2. Trưởng các ấp: phối hợp thực hiện./.\n\n"
                      "Nơi nhận:\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nTrần Văn Út\n", encoding="utf-8")
    text, _review = import_to_yaml(source)
    plan = load_plan_text(text, "imported.yaml").plan
    assert [block.agency for block in plan.sections[1].content] == ["Công chức Văn phòng - Thống kê", "Trưởng các ấp"]


def test_a_name_read_before_the_position_it_signs_under_is_the_signer():
    """A page broken inside the ending of a PDF: its columns come out name first, then the title."""
    from plangen.word import textfile

    r = recognise(textfile.paragraphs(
        "SỞ GD&ĐT TỈNH KHÁNH HÒA\nTRƯỜNG THCS NGUYỄN DU\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nSố: 35/KH-THCSND\nKhánh Hòa, ngày 02 tháng 3 năm 2026\n\nKẾ HOẠCH\n"
        "Hoạt động ngoại khóa năm 2026\n\nI. MỤC ĐÍCH, YÊU CẦU\nGiáo dục truyền thống./.\n\n"
        "Nơi nhận:\n- Ban giám hiệu;\n- Lưu: VT.\n\nVõ Thị Mai\n\nHIỆU TRƯỞNG\n"))
    assert r.signer is not None and r.signer[0] == "Võ Thị Mai" and r.ending_other == []
    assert [t for t, _p in r.signature] == ["HIỆU TRƯỞNG"]
