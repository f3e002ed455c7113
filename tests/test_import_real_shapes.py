"""`plangen import` on the shapes real office files have, each made here as a small Word file.

Plans offices sign and publish differ from plangen's own: a task table appended after the
signature with no "Phụ lục" label, the signature typed in paragraphs or in a table, an agency's
name in bold runs before its task ("**1. Phòng Quản lý Công nghiệp:** Là đầu mối …"), points
that skip a letter, two recipients typed on one line, "KT.HIỆU TRƯỞNG" without its space, the
"(Kèm theo …)" line broken over two paragraphs. Each test reads what a reader sees and checks
that the part lands where it belongs and that no word of the source is lost in the built plan.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path

from docx.enum.text import WD_BREAK

from messy_word import OfficeDoc
from plangen.document.render import Template
from plangen.importer import import_to_yaml
from plangen.plan.load import load_plan_text
from plangen.word import docxtext
from plangen.word.recognise import recognise
from plangen.word.wordfile import Para

TEMPLATE = Template()

BODY = [
    ("roman", "MỤC ĐÍCH, YÊU CẦU"), ("decimal", "Nâng cao nhận thức của cán bộ, công chức."),
    ("roman", "NỘI DUNG TRỌNG TÂM"), ("decimal", "Tổ chức tuyên truyền trên các phương tiện thông tin."),
    ("roman", "TỔ CHỨC THỰC HIỆN"), ("decimal", "Các cơ quan báo cáo kết quả trước ngày 15/12/2026./."),
]
TASK_ROWS = [
    ["TT", "Nhiệm vụ thực hiện", "Đơn vị chủ trì", "Thời gian"],
    ["1", "Rà soát thủ tục hành chính", "Văn phòng Sở", "Quý I"],
    ["2", "Tập huấn nghiệp vụ cho công chức", "Phòng Tổ chức", "Quý II"],
]


def _start(doc: OfficeDoc, body: list[tuple[str, str]] = BODY) -> None:
    """Header table, type name and summary, the body with Word's own numbering."""
    doc.header_table([("UBND TỈNH VĨNH LONG", False), ("SỞ CÔNG THƯƠNG", True), ("Số:      /KH-SCT", False)],
                     [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False),
                      ("Độc lập - Tự do - Hạnh phúc", True, False),
                      ("Vĩnh Long, ngày      tháng      năm 2026", False, True)])
    doc.para("KẾ HOẠCH", bold=True, align="center", indent=False)
    doc.para("Cải cách hành chính năm 2026", bold=True, align="center", indent=False)
    doc.blank()
    for kind, text in body:
        if kind == "p":
            doc.para(text)
        elif kind == "roman":
            doc.restart("items")
            doc.numbered(text, "roman", "sections", bold=True)
        elif kind == "runs":  # an item typed with its own label and mixed runs: text is "a|b|c", bold alternating
            doc.para("", runs=[(piece, k % 2 == 0, False) for k, piece in enumerate(text.split("|"))])
        else:
            doc.numbered(text, kind, {"decimal": "items", "letter": "points"}.get(kind, "bullets"))


def _signature_paragraphs(doc: OfficeDoc) -> None:
    """Recipients and signature typed as paragraphs, no table: as many offices do."""
    doc.para("", runs=[("Nơi nhận:", True, True)], align="left", size=12, indent=False)
    for line in ("- Bộ Công Thương;", "- Lưu: VT, VP."):
        doc.para(line, align="left", size=11, indent=False)
    for line in ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"):
        doc.para(line, bold=True, align="right", indent=False)
    doc.blank()
    doc.para("Nguyễn Văn Bình", bold=True, align="right", indent=False)


def _page_break(doc: OfficeDoc) -> None:
    doc.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _task_table(doc: OfficeDoc, rows: list[list[str]] = TASK_ROWS) -> None:
    table = doc.table(len(rows), len(rows[0]), borders=True)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            doc.para(text, bold=r == 0, align="center", indent=False, size=13, container=table.cell(r, c))


def _words(paragraphs: list[str]) -> Counter:
    """The words a reader sees (labels and punctuation around them aside, numbers aside)."""
    words = [re.sub(r"^\W+|\W+$", "", w) for text in paragraphs for w in text.split()]
    return Counter(w for w in words if w and not w.isdigit())


def _imported(path: Path):
    """(plan, YAML text, words of the source missing from the plan built from the import)."""
    text, _review = import_to_yaml(path)
    plan = load_plan_text(text, "imported.yaml").plan
    built = docxtext.paragraphs(io.BytesIO(TEMPLATE.render(plan)))
    lost = _words(docxtext.paragraphs(path)) - _words(built)
    return plan, text, sorted(lost)


def _assert_signed_by_the_deputy(plan) -> None:
    sig = plan.signature
    assert (sig.authority.value, sig.head, sig.position, sig.name) == ("KT.", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC",
                                                                      "Nguyễn Văn Bình")


def _cells(appendix) -> list[str]:
    table = next(b.table for b in appendix.content if hasattr(b, "table"))
    return [c if isinstance(c, str) else c.text for row in [table.columns, *table.rows_as_lists()] for c in row]


# --- a part after the signature is an appendix, whatever its shape --------------------------

def test_task_table_after_a_signature_typed_in_paragraphs(tmp_path):
    """No "Phụ lục" label, no new section: a page break, a title, the "(Kèm theo …)" line and
    the task table. The signature is the signer's, not the table's heading row, and the table
    is the appendix's, not closing paragraphs."""
    doc = OfficeDoc()
    _start(doc)
    _signature_paragraphs(doc)
    _page_break(doc)
    doc.para("DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026", bold=True, align="center", indent=False)
    doc.para("(Kèm theo Kế hoạch số      /KH-SCT ngày      /01/2026 của Sở Công Thương)", italic=True,
             align="center", indent=False)
    _task_table(doc)
    plan, _text, lost = _imported(doc.save(tmp_path / "after-paragraphs.docx"))
    _assert_signed_by_the_deputy(plan)
    assert plan.closing == []
    [appendix] = plan.appendices
    assert appendix.title == "DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026" and appendix.label == ""
    assert appendix.reference.startswith("(Kèm theo Kế hoạch số")
    assert "Tập huấn nghiệp vụ cho công chức" in _cells(appendix)
    assert lost == []


def test_task_table_right_after_a_signature_table(tmp_path):
    """The signature in the usual two-column table, the task table straight after it (no page
    break, no title): the second table is no part of the ending."""
    doc = OfficeDoc()
    _start(doc)
    doc.ending_table(["- Bộ Công Thương;", "- Lưu: VT, VP."], "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "Nguyễn Văn Bình")
    _task_table(doc)
    plan, _text, lost = _imported(doc.save(tmp_path / "after-table.docx"))
    _assert_signed_by_the_deputy(plan)
    assert plan.closing == [] and plan.recipients == ["Bộ Công Thương"]
    [appendix] = plan.appendices
    assert _cells(appendix)[:2] == ["TT", "Nhiệm vụ thực hiện"] or "Nhiệm vụ thực hiện" in _cells(appendix)
    assert lost == []


def test_appendix_title_in_capitals_right_under_the_name(tmp_path):
    """Paragraphs only, no page break: capitals under the signer's name followed by a table are
    the appendix's title, not the signer's office."""
    doc = OfficeDoc()
    _start(doc)
    _signature_paragraphs(doc)
    doc.para("BẢNG PHÂN CÔNG NHIỆM VỤ", bold=True, align="center", indent=False)
    _task_table(doc)
    plan, _text, lost = _imported(doc.save(tmp_path / "title-under-name.docx"))
    _assert_signed_by_the_deputy(plan)
    assert plan.signature.after_name == []
    assert [a.title for a in plan.appendices] == ["BẢNG PHÂN CÔNG NHIỆM VỤ"]
    assert lost == []


def test_signers_office_under_the_name_stays_in_the_signature(tmp_path):
    """…while a line under the name with nothing after it is the signer's office."""
    doc = OfficeDoc()
    _start(doc)
    _signature_paragraphs(doc)
    doc.para("PHÓ GIÁM ĐỐC SỞ CÔNG THƯƠNG", bold=True, align="right", indent=False)
    plan, _text, lost = _imported(doc.save(tmp_path / "office-under-name.docx"))
    assert plan.signature.after_name == ["PHÓ GIÁM ĐỐC SỞ CÔNG THƯƠNG"] and plan.appendices == []
    assert lost == []


def test_joint_signatures_then_recipients_in_tables_of_their_own(tmp_path):
    """A table of signatures, then the recipients in another table: both are the ending."""
    doc = OfficeDoc()
    _start(doc)
    signatures = doc.table(1, 2)
    for cell, lines, name in ((0, ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"], "Lê Thị Hoa"),
                              (1, ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Nguyễn Văn Bình")):
        for line in lines:
            doc.para(line, bold=True, align="center", indent=False, container=signatures.cell(0, cell))
        doc.para(name, bold=True, align="center", indent=False, container=signatures.cell(0, cell))
    recipients = doc.table(1, 1)
    doc.para("Nơi nhận:", bold=True, italic=True, align="left", indent=False, container=recipients.cell(0, 0))
    for line in ("- Bộ Công Thương;", "- Lưu: VT, VP."):
        doc.para(line, align="left", size=11, indent=False, container=recipients.cell(0, 0))
    plan, _text, lost = _imported(doc.save(tmp_path / "joint.docx"))
    assert plan.recipients == ["Bộ Công Thương"] and plan.archive == "VT, VP" and plan.appendices == []
    assert lost == []


def test_a_note_typed_after_the_signature_is_kept_not_made_an_appendix(tmp_path):
    """A plain line after the signature (a footnote's text typed there) is no document part: it
    is kept among the closing paragraphs, with a review note."""
    doc = OfficeDoc()
    _start(doc)
    doc.ending_table(["- Bộ Công Thương;", "- Lưu: VT, VP."], "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "Nguyễn Văn Bình")
    doc.para("[1] Gồm các phòng chuyên môn thuộc Sở.", align="left", indent=False, size=11)
    plan, text, lost = _imported(doc.save(tmp_path / "note.docx"))
    _assert_signed_by_the_deputy(plan)
    assert plan.appendices == [] and plan.closing[-1].endswith("Gồm các phòng chuyên môn thuộc Sở.")
    assert "kept as a closing paragraph" in text  # the review note says why it stands there
    assert lost == []


def test_page_break_before_set_in_a_style_starts_an_appendix(tmp_path):
    """"Page break before" given by the paragraph's style (as a "Phụ lục" heading style does)."""
    from docx.enum.style import WD_STYLE_TYPE

    doc = OfficeDoc()
    _start(doc)
    _signature_paragraphs(doc)
    style = doc.doc.styles.add_style("Appendix Title", WD_STYLE_TYPE.PARAGRAPH)
    style.paragraph_format.page_break_before = True
    title = doc.para("LỊCH KIỂM TRA CÁC ĐƠN VỊ", bold=True, align="center", indent=False)
    title.style = style
    doc.para("Tháng 3: Văn phòng Sở; tháng 4: Phòng Tổ chức.")
    plan, _text, lost = _imported(doc.save(tmp_path / "style-break.docx"))
    _assert_signed_by_the_deputy(plan)
    assert [a.title for a in plan.appendices] == ["LỊCH KIỂM TRA CÁC ĐƠN VỊ"] and plan.closing == []
    assert lost == []


def test_signature_in_a_text_box_then_an_appendix(tmp_path):
    """The signature typed in a floating text box (read once, where it is anchored), then on a
    new page an appendix with no label: the signer from the box, the table the appendix's."""
    doc = OfficeDoc()
    _start(doc)
    doc.para("", runs=[("Nơi nhận:", True, True)], align="left", size=12, indent=False)
    for line in ("- Bộ Công Thương;", "- Lưu: VT, VP."):
        doc.para(line, align="left", size=11, indent=False)
    doc.text_box([("KT. GIÁM ĐỐC", True), ("PHÓ GIÁM ĐỐC", True), ("", False), ("Nguyễn Văn Bình", True)])
    _page_break(doc)
    doc.para("DANH MỤC NHIỆM VỤ", bold=True, align="center", indent=False)
    _task_table(doc)
    plan, _text, _lost = _imported(doc.save(tmp_path / "box.docx"))  # a box is stored twice: words not counted
    _assert_signed_by_the_deputy(plan)
    assert [a.title for a in plan.appendices] == ["DANH MỤC NHIỆM VỤ"] and plan.closing == []
    assert "Tập huấn nghiệp vụ cho công chức" in _cells(plan.appendices[0])


def test_unlabelled_appendices_each_on_a_page_of_their_own(tmp_path):
    doc = OfficeDoc()
    _start(doc)
    _signature_paragraphs(doc)
    for title in ("DANH MỤC NHIỆM VỤ", "LỊCH KIỂM TRA"):
        _page_break(doc)
        doc.para(title, bold=True, align="center", indent=False)
        _task_table(doc)
    plan, _text, lost = _imported(doc.save(tmp_path / "two.docx"))
    assert [a.title for a in plan.appendices] == ["DANH MỤC NHIỆM VỤ", "LỊCH KIỂM TRA"]
    assert lost == []


# --- the appendix's own lines --------------------------------------------------------------

def test_reference_line_over_two_paragraphs_and_title_over_two_lines(tmp_path):
    doc = OfficeDoc()
    _start(doc)
    doc.ending_table(["- Bộ Công Thương;", "- Lưu: VT, VP."], "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "Nguyễn Văn Bình")
    doc.landscape_section()
    doc.para("Phụ lục", bold=True, align="center", indent=False)
    doc.para("ĐỀ CƯƠNG BÁO CÁO PHỤC VỤ KIỂM TRA", bold=True, align="center", indent=False)
    doc.para("CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2026", bold=True, align="center", indent=False)
    doc.para("(Ban hành kèm theo Kế hoạch số      /KH-SCT ngày      /01/2026", italic=True, align="center",
             indent=False)
    doc.para("của Sở Công Thương)", italic=True, align="center", indent=False)
    doc.para("Báo cáo kết quả thực hiện các nhiệm vụ được giao.")
    plan, _text, lost = _imported(doc.save(tmp_path / "lines.docx"))
    [appendix] = plan.appendices
    assert appendix.title == "ĐỀ CƯƠNG BÁO CÁO PHỤC VỤ KIỂM TRA\nCÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2026"
    assert appendix.reference.split("\n") == ["(Ban hành kèm theo Kế hoạch số /KH-SCT ngày /01/2026",
                                              "của Sở Công Thương)"]
    assert appendix.landscape and len(appendix.content) == 1
    assert lost == []


# --- the ending's own lines ----------------------------------------------------------------

def test_two_recipients_typed_on_one_line(tmp_path):
    doc = OfficeDoc()
    _start(doc)
    doc.ending_table(["- Bộ Công Thương;                     - Thường trực Tỉnh ủy;", "- Lưu: VT, VP."],
                     "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "Nguyễn Văn Bình")
    plan, _text, lost = _imported(doc.save(tmp_path / "recipients.docx"))
    assert plan.recipients == ["Bộ Công Thương", "Thường trực Tỉnh ủy"]
    assert lost == []


def test_authority_typed_without_its_space_is_printed_as_typed(tmp_path):
    """"KT.HIỆU TRƯỞNG": read as KT. + HIỆU TRƯỞNG (what check needs), printed as the school typed
    it, and the review list gives the decree's form."""
    doc = OfficeDoc()
    _start(doc)
    doc.ending_table(["- Sở GDĐT (bc);", "- Lưu: VT."], "KT.HIỆU TRƯỞNG\nPHÓ HIỆU TRƯỞNG", "Trần Thanh Vũ")
    plan, text, lost = _imported(doc.save(tmp_path / "kt.docx"))
    sig = plan.signature
    assert (sig.authority.value, sig.head, sig.position) == ("KT.", "HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG")
    assert sig.lines == ["KT.HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG"]
    assert "KT. HIỆU TRƯỞNG" in text  # the decree's form, in the review note
    assert lost == []


# --- assignments as offices type them -------------------------------------------------------

def test_agency_in_bold_runs_keeps_every_letter_of_its_task(tmp_path):
    """"**1. Phòng Quản lý Công nghiệp: **Là đầu mối …", the colon bold or not: the task begins
    with its first letter."""
    body = [*BODY[:4], ("roman", "PHÂN CÔNG NHIỆM VỤ"),
            ("runs", "1. Phòng Quản lý Công nghiệp: |Là đầu mối theo dõi việc thực hiện."),
            ("runs", "2. Phòng Kinh tế|: Lồng ghép tuyên truyền trong các hội nghị."),
            ("runs", "3. Văn phòng Sở |Trên cơ sở đề xuất, tổng hợp báo cáo."),
            *BODY[4:]]
    doc = OfficeDoc()
    _start(doc, body)
    doc.ending_table(["- Bộ Công Thương;", "- Lưu: VT, VP."], "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "Nguyễn Văn Bình")
    plan, _text, lost = _imported(doc.save(tmp_path / "bold-agency.docx"))
    section = next(s for s in plan.sections if "assignments" in {k.value for k in s.kind})
    tasks = [(b.agency, b.tasks[0].text) for b in section.content]
    assert tasks == [("Phòng Quản lý Công nghiệp", "Là đầu mối theo dõi việc thực hiện."),
                     ("Phòng Kinh tế", "Lồng ghép tuyên truyền trong các hội nghị."),
                     ("Văn phòng Sở", "Trên cơ sở đề xuất, tổng hợp báo cáo.")]
    assert lost == []


def test_agency_with_lettered_points_one_letter_skipped(tmp_path):
    """"1. Sở Nội vụ:" with a) b) c) d) e) (đ skipped): an agency whose tasks are points; the
    letters print as the source writes them (check still sees the gap in the source)."""
    points = ["Chủ trì tổ chức kiểm tra.", "Thông báo kết luận kiểm tra.", "Theo dõi việc khắc phục.",
              "Tổng hợp báo cáo.", "Đề xuất khen thưởng."]
    body = [*BODY[:4], ("roman", "PHÂN CÔNG NHIỆM VỤ"), ("decimal", "Sở Nội vụ:"),
            *[("p", f"{letter}) {text}") for letter, text in zip("abcde", points, strict=True)],
            ("decimal", "Các cơ quan, đơn vị được kiểm tra"), ("p", "a) Chuẩn bị báo cáo."),
            ("p", "b) Cung cấp hồ sơ."), *BODY[4:]]
    doc = OfficeDoc()
    _start(doc, body)
    doc.ending_table(["- Bộ Công Thương;", "- Lưu: VT, VP."], "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "Nguyễn Văn Bình")
    plan, _text, lost = _imported(doc.save(tmp_path / "points.docx"))
    section = next(s for s in plan.sections if "assignments" in {k.value for k in s.kind})
    first, second = section.content[:2]
    assert first.agency == "Sở Nội vụ" and first.layout.value == "points"
    assert [t.text for t in first.tasks] == points and [t.label for t in first.tasks] == [None] * 4 + ["e"]
    assert second.agency == "Các cơ quan, đơn vị được kiểm tra" and len(second.tasks) == 2
    assert lost == []


def test_agencies_under_the_themes_of_an_assignments_section(tmp_path):
    """"III. GIẢI PHÁP VÀ PHÂN CÔNG NHIỆM VỤ" / "1. Công tác tuyên truyền" / "1.1. Công an tỉnh"
    with its bullets: the agencies one level down are assignments too."""
    body = [*BODY[:4], ("roman", "GIẢI PHÁP THỰC HIỆN VÀ PHÂN CÔNG NHIỆM VỤ"),
            ("p", "1. Công tác tuyên truyền, phòng ngừa"), ("p", "1.1. Công an tỉnh"),
            ("dash", "Tổ chức tuyên truyền tại cơ sở."), ("p", "1.2. Sở Y tế"), ("dash", "Phối hợp hỗ trợ nạn nhân."),
            ("p", "2. Công tác quản lý nhà nước"), ("p", "2.1. Sở Tư pháp"), ("dash", "Rà soát văn bản."),
            *BODY[4:]]
    doc = OfficeDoc()
    _start(doc, body)
    doc.ending_table(["- Bộ Công Thương;", "- Lưu: VT, VP."], "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "Nguyễn Văn Bình")
    plan, _text, lost = _imported(doc.save(tmp_path / "nested.docx"))
    section = plan.sections[2]
    agencies = [b.agency for theme in section.content for b in theme.content if hasattr(b, "agency")]
    assert agencies == ["Công an tỉnh", "Sở Y tế", "Sở Tư pháp"]
    assert lost == []


# --- what the recogniser decides on text (PDF, web text: formatting unknown) ---------------------

def _text_paras(lines: list[str]) -> list[Para]:
    return [Para(index=i, text=line, formatted=False) for i, line in enumerate(lines, start=1)]


def test_school_under_its_department_in_an_unformatted_header():
    """"SỞ GDĐT TỈNH ĐỒNG THÁP" over "TRƯỜNG THPT CAO LÃNH 2": a body's full name over another
    body's is the governing body; "ỦY BAN NHÂN DÂN" over "TỈNH …" is one name on two lines."""
    for header, governing, issuer in (
            (["SỞ GDĐT TỈNH ĐỒNG THÁP", "TRƯỜNG THPT CAO LÃNH 2"], ["SỞ GDĐT TỈNH ĐỒNG THÁP"],
             ["TRƯỜNG THPT CAO LÃNH 2"]),
            (["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"], [], ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"])):
        r = recognise(_text_paras([*header, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                                   "KẾ HOẠCH", "Sinh hoạt chuyên môn năm 2026", "I. MỤC ĐÍCH, YÊU CẦU",
                                   "- Nâng cao chất lượng dạy học."]))
        assert [p.text for p in r.governing] == governing and [p.text for p in r.issuer] == issuer


def test_section_kinds_read_from_what_the_section_does():
    """A method is content; a part that gives a body work beside other matters is assignments
    and content; "2. Kinh phí thực hiện" inside TỔ CHỨC THỰC HIỆN makes it funding too."""
    r = recognise(_text_paras([
        "KẾ HOẠCH", "Kiểm tra công tác cải cách hành chính năm 2026",
        "I. PHƯƠNG PHÁP KIỂM TRA", "1. Kiểm tra trực tiếp tại đơn vị.", "2. Kiểm tra hồ sơ, tài liệu.",
        "II. ĐOÀN KIỂM TRA, THỜI GIAN KIỂM TRA", "1. Chủ tịch UBND tỉnh giao Sở Nội vụ chủ trì tổ chức kiểm tra.",
        "2. Số lượng đơn vị kiểm tra: tối thiểu 20%.", "3. Thời gian kiểm tra: theo Phụ lục.",
        "III. TỔ CHỨC THỰC HIỆN", "1. Công tác triển khai", "Các sở xây dựng kế hoạch.", "2. Kinh phí thực hiện",
        "Kinh phí từ ngân sách nhà nước."]))
    assert [sorted(s.kinds) for s in r.sections] == [["content"], ["assignments", "content"],
                                                     ["funding", "implementation"]]


# --- plangen's own print read back ----------------------------------------------------------

def test_task_facts_printed_after_tasks_come_back_as_fields(tmp_path):
    """Without a task table plangen prints a task's facts after it ("(Chủ trì: …; phối hợp: …;
    thời gian: …; sản phẩm: …)"): import reads them back into the task's fields."""
    from plangen.plan.load import load_plan
    from plangen.plan.tasks import task_rows

    from conftest import EXAMPLES

    plan = load_plan(EXAMPLES / "boyte-2025.yaml").plan
    plan.appendices = [a for a in plan.appendices if not any(hasattr(b, "task_table") for b in a.content)]
    path = tmp_path / "facts.docx"
    path.write_bytes(TEMPLATE.render(plan))
    back, _text, lost = _imported(path)

    def rows(p) -> list:
        return [(r.agency, r.task, r.lead, r.cooperating, r.deadline, r.output, r.note) for r in task_rows(p)]

    assert rows(back) == rows(plan) and any(r[3] for r in rows(plan))
    assert lost == []


def test_plangens_own_pdf_keeps_its_signer_budget_and_pages_apart(tmp_path, built_examples):
    """plangen's PDF read back: the signer under the signature (not glued to the recipients or
    lost to the appendix), the budget as a budget (not padded text), no page number inside the
    text, the appendix on its own page."""
    from plangen.office.convert import to_pdf
    from plangen.plan.load import load_plan

    from conftest import EXAMPLES

    pdf = to_pdf(built_examples["boyte-2025.yaml"], tmp_path / "boyte.pdf")
    plan = load_plan(EXAMPLES / "boyte-2025.yaml").plan
    text, _review = import_to_yaml(pdf)
    back = load_plan_text(text, "imported.yaml").plan
    assert back.signature == plan.signature and back.recipients == plan.recipients
    assert [a.title for a in back.appendices] == [a.title for a in plan.appendices] and back.closing == plan.closing

    def budget(p) -> list:
        return [[(x.name, x.amount) for x in b.budget.items] for s in p.sections for b in s.content
                if hasattr(b, "budget")]

    assert budget(back) == budget(plan) != []
    assert not re.search(r"[.;:] \d{1,2}$", text, re.MULTILINE)  # "… 10/10/2025. 3": a page number glued on


def test_text_laid_out_in_columns_by_a_pdf():
    """`pdftotext -layout` output: a page number atop page 2 left out, the name under the
    signature in the signature's column, a table of padded columns read as a table."""
    from plangen.word import textfile

    layout = "\n".join([
        "UBND TỈNH VĨNH LONG                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "   SỞ CÔNG THƯƠNG                       Độc lập - Tự do - Hạnh phúc",
        "Số:      /KH-SCT                  Vĩnh Long, ngày      tháng      năm 2026",
        "", "                          KẾ HOẠCH", "            Cải cách hành chính năm 2026", "",
        "    I. KINH PHÍ THỰC HIỆN",
        "    TT              Nội dung                  Kinh phí (đồng)",
        "    1       Tập huấn nghiệp vụ                        10.000.000",
        "    2       In tài liệu                                5.000.000",
        "            Tổng cộng                                 15.000.000",
        "    II. TỔ CHỨC THỰC HIỆN",
        "    1. Các phòng báo cáo kết quả trước ngày 15/12/2026, bảo đảm đúng",
        "\f                                   2",
        "thời hạn./.",
        "Nơi nhận:                                  KT. GIÁM ĐỐC",
        "- Bộ Công Thương;                           PHÓ GIÁM ĐỐC",
        "- Lưu: VT, VP.",
        "",
        "                                            Nguyễn Văn Bình",
        "\f                          DANH MỤC NHIỆM VỤ",
    ])
    paras = textfile.paragraphs(textfile.from_pdf_layout(layout))
    r = recognise(paras)
    assert [p.text for p in r.issuer] == ["SỞ CÔNG THƯƠNG"] and r.number.text == "Số: /KH-SCT"
    assert [t for t, _p in r.signature] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"] and r.signer[0] == "Nguyễn Văn Bình"
    assert [t for t, _p in r.recipients] == ["- Bộ Công Thương;", "- Lưu: VT, VP."]
    assert [p.text for p in r.appendices[0].titles] == ["DANH MỤC NHIỆM VỤ"] and r.appendices[0].titles[0].new_page
    [table] = [n for n in r.sections[0].nodes if n.kind == "table"]
    assert table.rows == [["TT", "Nội dung", "Kinh phí (đồng)"], ["1", "Tập huấn nghiệp vụ", "10.000.000"],
                          ["2", "In tài liệu", "5.000.000"], ["", "Tổng cộng", "15.000.000"]]
    assert r.sections[1].nodes[0].text == "Các phòng báo cáo kết quả trước ngày 15/12/2026, bảo đảm đúng thời hạn./."


def test_syllables_a_pdf_split_before_their_toned_e_are_joined():
    """LibreOffice's justified PDFs put a gap inside "triển", "hiện", "chuyển" ("tri ển"): joined;
    words that stand apart ("khi ấy", "do ảnh hưởng", "cho ăn", "bị ế") stay apart."""
    from plangen.word import textfile

    line = "tri ển khai thực hi ện nhi ệm vụ chuy ển đổi; khi ấy, do ảnh hưởng, cho ăn, hàng bị ế"
    assert textfile.from_pdf_layout(line) == ("triển khai thực hiện nhiệm vụ chuyển đổi; khi ấy, do ảnh hưởng, "
                                              "cho ăn, hàng bị ế")


def test_a_pdfs_pages_reach_the_reader(tmp_path, monkeypatch):
    """The form feeds of pdftotext's output mark the pages: the PDF reader keeps them, so that an
    appendix on a page of its own after the signature is an appendix, not closing paragraphs."""
    from plangen.word import sources

    layout = "\n".join([
        "BỘ Y TẾ                  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "                             Độc lập - Tự do - Hạnh phúc",
        "Số: 12/KH-BYT                 Hà Nội, ngày 05 tháng 02 năm 2026", "",
        "                          KẾ HOẠCH", "            Phòng, chống mua bán người năm 2026", "",
        "    I. MỤC ĐÍCH, YÊU CẦU",
        "    1. Nâng cao nhận thức của cán bộ, công chức về phòng, chống mua bán người.",
        "    II. TỔ CHỨC THỰC HIỆN",
        "    1. Các đơn vị báo cáo kết quả trước ngày 15/12/2026./.",
        "Nơi nhận:                                  KT. BỘ TRƯỞNG",
        "- Các Thứ trưởng;                           THỨ TRƯỞNG",
        "- Lưu: VT, BTXH.", "",
        "                                            Nguyễn Văn Thành",
        "\f                          Phụ lục",
        "            DANH MỤC NHIỆM VỤ TRIỂN KHAI KẾ HOẠCH",
        "   (Kèm theo Kế hoạch số 12/KH-BYT ngày 05 tháng 02 năm 2026 của Bộ Y tế)",
        "Danh mục tổng hợp các nhiệm vụ của Kế hoạch, làm căn cứ để theo dõi, đôn đốc.",
        "Tổng hợp kết quả thực hiện, báo cáo Lãnh đạo Bộ.", "\f",
    ])
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    monkeypatch.setattr(sources.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(sources, "_pdftotext", lambda program, path: (0, layout.encode("utf-8"), ""))
    r = recognise(sources.read_source(pdf).paragraphs)
    assert r.signer[0] == "Nguyễn Văn Thành" and r.closing == [] and r.ending_other == []
    [appendix] = r.appendices
    assert appendix.label.text == "Phụ lục" and appendix.label.new_page
    assert [p.text for p in appendix.paras] == [
        "Danh mục tổng hợp các nhiệm vụ của Kế hoạch, làm căn cứ để theo dõi, đôn đốc.",
        "Tổng hợp kết quả thực hiện, báo cáo Lãnh đạo Bộ."]


# --- a Word file typed without formatting: its parts told by their words ---------------------

def _typed_plain(tmp_path: Path, *, bold_header: bool, styled_title: bool) -> Path:
    """A school's plan under its Sở, the header's lines all regular (`bold_header` off) or the title
    and summary neither bold nor centred (`styled_title` off), as a plan pasted into Word is."""
    doc = OfficeDoc()
    doc.header_table([("SỞ GDĐT TỈNH ĐỒNG THÁP", False), ("TRƯỜNG THPT CAO LÃNH 2", bold_header),
                      ("Số: 58/KH-THPTCL2", False)],
                     [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold_header, False),
                      ("Độc lập - Tự do - Hạnh phúc", bold_header, False),
                      ("Cao Lãnh, ngày 10 tháng 3 năm 2026", False, False)])
    align = "center" if styled_title else "left"
    doc.para("KẾ HOẠCH", bold=styled_title, align=align, indent=False)
    doc.para("Tổ chức sinh hoạt chuyên môn môn Lịch sử", bold=styled_title, align=align, indent=False)
    doc.para("cụm 2 năm học 2025 - 2026", bold=styled_title, align=align, indent=False)
    doc.para("Căn cứ Kế hoạch số 12/KH-SGDĐT ngày 05/01/2026 của Sở Giáo dục và Đào tạo;", indent=False)
    for text in ("I. MỤC ĐÍCH, YÊU CẦU", "Nâng cao chất lượng dạy học.", "II. TỔ CHỨC THỰC HIỆN",
                 "Tổ chuyên môn báo cáo kết quả./."):
        doc.para(text, bold=styled_title and text.isupper(), align="both" if styled_title else "left")
    doc.ending_table(["- Sở GDĐT;", "- Lưu: VT."], "KT. HIỆU TRƯỞNG\nPHÓ HIỆU TRƯỞNG", "Trần Vũ")
    return doc.save(tmp_path / "typed.docx")


def test_a_header_typed_without_bold_is_split_by_its_names(tmp_path):
    """No weight to tell the governing body (regular) from the issuer (bold): "SỞ GDĐT TỈNH …" over
    "TRƯỜNG THPT …" names two bodies, the first governing the second, as in a text."""
    plan, _text, lost = _imported(_typed_plain(tmp_path, bold_header=False, styled_title=True))
    assert plan.issuer.governing_body == ["SỞ GDĐT TỈNH ĐỒNG THÁP"]
    assert plan.issuer.name == ["TRƯỜNG THPT CAO LÃNH 2"] and not lost


def test_a_title_neither_bold_nor_centred_still_has_its_summary(tmp_path):
    """The lines under an unformatted "KẾ HOẠCH" up to the first basis are its summary (their look says
    nothing; their place and words do)."""
    plan, _text, lost = _imported(_typed_plain(tmp_path, bold_header=False, styled_title=False))
    assert plan.summary == "Tổ chức sinh hoạt chuyên môn môn Lịch sử\ncụm 2 năm học 2025 - 2026"
    assert plan.legal_bases and plan.issuer.governing_body == ["SỞ GDĐT TỈNH ĐỒNG THÁP"] and not lost
