"""Task matrices: tables whose columns say who does what by when ("TT | Nội dung nhiệm vụ | Cơ quan
chủ trì | Cơ quan phối hợp | Thời gian thực hiện | Sản phẩm | Ghi chú"), in a plan's body or in an
appendix after the signature. A table's `roles` name what each column holds; its rows may be
given by role; the bodies of the agency column are given tasks (tasks, derive, check), and the
table prints exactly as a plain table of the same cells. Import knows a matrix by the words of
its headings. Fixtures are Word files made here with python-docx.
"""

from __future__ import annotations

import io
import json
import re
import textwrap
import zipfile
from collections import Counter
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from messy_word import OfficeDoc
from plangen.check import check_path, check_view
from plangen.check.read import assigned_work, from_plan, from_word
from plangen.document.render import Template
from plangen.drafting.derive import derive
from plangen.errors import PlanInputError
from plangen.i18n import set_language
from plangen.importer import import_to_yaml
from plangen.plan import models
from plangen.plan.load import load_plan_text
from plangen.plan.tasks import task_rows
from plangen.registry import resolve_issuer
from plangen.run.taskexport import as_csv
from plangen.word import docxtext
from plangen.word.recognise import column_role, task_matrix_roles
from plangen.word.wordfile import read

from cli_helpers import run_cli

TEMPLATE = Template()
MOTTO = [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False), ("Độc lập - Tự do - Hạnh phúc", True, False)]


# --- the vocabulary of headings ------------------------------------------------------------------

@pytest.mark.parametrize("heading, role", [
    ("TT", "number"), ("STT", "number"), ("Số TT", "number"),
    ("Nội dung nhiệm vụ", "task"), ("Nhiệm vụ", "task"), ("Nội dung công việc", "task"), ("Công việc", "task"),
    ("NHIỆM VỤ VÀ GIẢI PHÁP", "task"), ("Hoạt động", "task"),
    ("Cơ quan chủ trì", "agency"), ("Đơn vị chủ trì", "agency"), ("Đơn vị thực hiện", "agency"),
    ("Chủ trì thực hiện", "agency"), ("Trách nhiệm\nthực hiện", "agency"), ("Cơ quan, đơn vị thực hiện", "agency"),
    ("Người thực hiện", "agency"), ("CHỦ TRÌ", "agency"),
    ("Cơ quan phối hợp", "cooperating"), ("Phối hợp thực hiện", "cooperating"),
    ("Đơn vị chủ trì, phối hợp", "cooperating"),  # "phối hợp" names the bodies that cooperate
    ("Thời gian thực hiện", "period"), ("Thời hạn hoàn thành", "period"), ("Tiến độ", "period"),
    ("Hoàn thành", "period"), ("Thời gian\n(Năm 2026)", "period"),
    ("Sản phẩm", "output"), ("Kết quả/sản phẩm", "output"), ("Sản phẩm dự kiến", "output"),
    ("Ghi chú", "note"),
    ("Đơn vị tính", None), ("Đơn vị được kiểm tra", None), ("Ước thực hiện", None), ("Kinh phí (đồng)", None),
    ("Theo dõi, kiểm tra, đôn đốc", "monitor"), ("Đơn vị theo dõi", "monitor"),
    ("Thời gian theo dõi", "period"), ("Đối tượng", None), ("Địa điểm", None), ("", None),
])
def test_a_columns_role_comes_from_the_words_of_its_heading(heading, role):
    assert column_role(heading) == role


def test_accents_placed_either_way_read_the_same():
    assert column_role("Thời hạn hoàn thành") == column_role("THỜI HẠN HOÀN THÀNH") == "period"
    assert column_role("Cơ quan phối hợp") == column_role("Co quan phoi hop") == "cooperating"


@pytest.mark.parametrize("headings, roles", [
    (["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện", "Sản phẩm", "Ghi chú"],
     ["number", "task", "agency", "cooperating", "period", "output", "note"]),
    (["STT", "Công việc", "Đơn vị thực hiện", "Thời hạn hoàn thành", "Kết quả/sản phẩm"],
     ["number", "task", "agency", "period", "output"]),
    (["Nội dung", "Đối tượng", "Tiến độ", "Chủ trì"], ["task", None, "period", "agency"]),
    # not a matrix: a budget, a schedule, a table of figures, targets, a table with no body doing the work
    (["TT", "Nội dung", "Đơn vị tính", "Kinh phí (đồng)"], None),
    (["TT", "Nội dung", "Kinh phí (đồng)", "Nguồn kinh phí"], None),
    (["STT", "Đơn vị được kiểm tra", "Thời gian kiểm tra"], None),
    (["TT", "Chỉ tiêu", "Chủ trì"], None),
    (["Thời gian", "Địa điểm", "Đối tượng"], None),
    (["TT", "Nội dung", "Nhiệm vụ", "Chủ trì"], None),  # two task columns: which is the task?
])
def test_a_task_matrix_has_a_task_column_and_an_agency_column(headings, roles):
    assert task_matrix_roles(headings) == roles


# --- the model: roles, rows by role, one reading for all ------------------------------------

MATRIX = {
    "columns": ["Nội dung nhiệm vụ", "Đối tượng", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"],
    "roles": ["task", None, "agency", "cooperating", "period"],
    "rows": [
        [{"text": "I. Nhóm nhiệm vụ về thể chế", "colspan": 5, "bold": True}],
        {"task": "Rà soát văn bản", "agency": "Sở Tư pháp", "cooperating": "Các sở, ngành", "period": "Quý I"},
        ["Tập huấn", "Công chức", {"text": "Sở Nội vụ", "rowspan": 2}, "", "Quý II"],
        {"task": "Kiểm tra", "period": "Quý III"},  # the agency merged down from the row above
        ["Tổng kết", "", "", "", ""],  # a task alone: nothing says who, a group line
    ],
}


def test_rows_by_role_print_as_the_cells_in_column_order():
    table = models.TableSpec.model_validate(MATRIX)
    assert table.rows_as_lists() == [
        [models.Cell(text="I. Nhóm nhiệm vụ về thể chế", colspan=5, bold=True)],
        ["Rà soát văn bản", "", "Sở Tư pháp", "Các sở, ngành", "Quý I"],
        ["Tập huấn", "Công chức", models.Cell(text="Sở Nội vụ", rowspan=2), "", "Quý II"],
        ["Kiểm tra", "", "", "Quý III"],  # the covered agency column left out, as in a list of cells
        ["Tổng kết", "", "", "", ""],
    ]


def test_rows_read_by_role_alike_whether_lists_or_mappings():
    table = models.TableSpec.model_validate(MATRIX)
    assert table.role_rows() == [
        {},  # a group row across the task and agency columns
        {"task": "Rà soát văn bản", "agency": "Sở Tư pháp", "cooperating": "Các sở, ngành", "period": "Quý I"},
        {"task": "Tập huấn", "agency": "Sở Nội vụ", "period": "Quý II"},
        {"task": "Kiểm tra", "agency": "Sở Nội vụ", "period": "Quý III"},
        {"task": "Tổng kết"},
    ]
    assert models.TableSpec.model_validate({"columns": ["A", "B"], "rows": [["x", "y"]]}).role_rows() == []


def _plan(table: dict, where: str = "sections") -> str:
    """A small plan with `table` in its content section (or in an appendix)."""
    block = yaml.safe_dump([{"table": table}], allow_unicode=True, sort_keys=False, default_flow_style=None)
    block = textwrap.indent(block, "      ")
    content = "      - \"Các nội dung trọng tâm như sau:\"\n" + (block if where == "sections" else "")
    appendix = ("appendices:\n  - title: Danh mục nhiệm vụ\n    content:\n" + block) if where == "appendix" else ""
    return (
        "issuer:\n  governing_body: [UBND TỈNH VĨNH LONG]\n  name: [SỞ NỘI VỤ]\n  full_name: Sở Nội vụ tỉnh Vĩnh Long\n"
        "  code: SNV\n  place: Vĩnh Long\n"
        "year: 2026\nsummary: Cải cách hành chính năm {{ year }}\n"
        "sections:\n  - kind: [purpose, requirements]\n    content:\n      - item: Nâng cao chất lượng phục vụ.\n"
        f"  - kind: content\n    content:\n{content}"
        "  - kind: implementation\n    content:\n      - item: Tổng kết Kế hoạch trước ngày 15/12/2026.\n"
        "recipients: [UBND tỉnh]\narchive: VT, VP\n"
        "signature: {authority: KT., head: GIÁM ĐỐC, position: PHÓ GIÁM ĐỐC, name: Trần Văn Bình}\n" + appendix)


def _table_xml(docx: bytes) -> list[str]:
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode()
    return re.findall(r"<w:tbl>.*?</w:tbl>", xml, re.S)


def test_a_matrix_prints_exactly_as_the_plain_table_of_its_cells():
    plain = {**MATRIX, "rows": models.TableSpec.model_validate(MATRIX).rows_as_lists()}
    plain = {k: v for k, v in plain.items() if k != "roles"}
    plain["rows"] = [[c if isinstance(c, str) else c.model_dump(exclude_defaults=True) for c in row]
                     for row in plain["rows"]]
    with_roles = TEMPLATE.render(load_plan_text(_plan(MATRIX), "a.yaml").plan)
    without = TEMPLATE.render(load_plan_text(_plan(plain), "b.yaml").plan)
    assert _table_xml(with_roles) == _table_xml(without)
    assert sum("Rà soát văn bản" in t for t in _table_xml(with_roles)) == 1
    assert docxtext.paragraphs(io.BytesIO(with_roles)) == docxtext.paragraphs(io.BytesIO(without))


def test_matrix_rows_are_tasks_of_their_agencies():
    plan = load_plan_text(_plan(MATRIX), "a.yaml").plan
    rows = [(r.section, r.item, r.agency, r.task, r.cooperating, r.deadline) for r in task_rows(plan)]
    assert rows == [
        ("II", "II.1", "Sở Tư pháp", "Rà soát văn bản", "Các sở, ngành", "Quý I"),
        ("II", "II.2", "Sở Nội vụ", "Tập huấn", "", "Quý II"),
        ("II", "II.3", "Sở Nội vụ", "Kiểm tra", "", "Quý III"),
    ]
    appendix = load_plan_text(_plan(MATRIX, "appendix"), "a.yaml").plan
    assert [(r.section, r.item, r.agency) for r in task_rows(appendix)] == [
        ("PL1", "PL1.1", "Sở Tư pháp"), ("PL1", "PL1.2", "Sở Nội vụ"), ("PL1", "PL1.3", "Sở Nội vụ")]
    assert task_rows(appendix, matrices=False) == []


def test_a_task_table_of_the_plan_lists_its_own_tasks_not_the_matrix():
    """`task_table` is made from the plan's tasks; a matrix prints itself (once)."""
    text = _plan(MATRIX).replace("      - \"Các nội dung trọng tâm như sau:\"\n",
                                 "      - \"Các nội dung trọng tâm như sau:\"\n      - task_table: true\n")
    words = "\n".join(docxtext.paragraphs(io.BytesIO(TEMPLATE.render(load_plan_text(text, "a.yaml").plan))))
    assert words.count("Rà soát văn bản") == 1


def test_the_tasks_command_and_its_spreadsheets_list_matrix_rows(tmp_path, capsys):
    path = tmp_path / "plan.yaml"
    path.write_text(_plan(MATRIX, "appendix"), encoding="utf-8")
    result = run_cli(capsys, "tasks", str(path), "--format", "json")
    assert result.code == 0, result.err
    assert [(r["item"], r["agency"], r["period"]) for r in json.loads(result.out)] == [
        ("PL1.1", "Sở Tư pháp", "Quý I"), ("PL1.2", "Sở Nội vụ", "Quý II"), ("PL1.3", "Sở Nội vụ", "Quý III")]
    csv = as_csv([r.as_dict() for r in task_rows(load_plan_text(path.read_text(encoding="utf-8"), "p.yaml").plan)])
    assert "PL1.1,Sở Tư pháp" in csv and "Các sở, ngành" in csv


def test_derive_takes_the_rows_a_matrix_gives_the_body():
    higher = load_plan_text(_plan(MATRIX, "appendix"), "a.yaml").plan
    draft = derive(higher, "Sở Nội vụ", resolve_issuer("Sở Nội vụ", "vinh-long"))
    tasks = [line.split("item:", 1)[1].strip().strip('"') for line in draft.splitlines() if "- item:" in line]
    assert "Tập huấn" in tasks and "Kiểm tra" in tasks and "Rà soát văn bản" not in draft


def test_the_check_sees_the_agencies_a_matrix_gives_work_to():
    """A plan that gives its tasks in a matrix alone (an appendix) has its assignment part."""
    with_roles = load_plan_text(_plan(MATRIX, "appendix"), "a.yaml")
    view = from_plan(with_roles)
    assert [x.text for x in view.matrix_agencies] == ["Sở Tư pháp", "Sở Nội vụ", "Sở Nội vụ"]
    assert view.matrix_agencies[0].where.line is not None and assigned_work(view) is not None
    rules = {f.rule: f.message for f in check_view(view)}
    assert "phân công" not in rules.get("required-sections", "")
    bare = {"columns": MATRIX["columns"], "rows": [["Rà soát văn bản", "", "Sở Tư pháp", "", "Quý I"]]}
    plain = from_plan(load_plan_text(_plan(bare, "appendix"), "b.yaml"))
    assert plain.matrix_agencies == [] and assigned_work(plain) is None
    assert "phân công" in {f.rule: f.message for f in check_view(plain)}.get("required-sections", "")


# --- errors: located, in Vietnamese ------------------------------------------------------------

@pytest.mark.parametrize("change, line, words", [
    (lambda t: {**t, "roles": ["task", "agency"]}, "roles", "một vai trò cho mỗi cột (5)"),
    (lambda t: {**t, "rows": [*t["rows"], {"task": "X", "output": "Báo cáo"}]}, "rows[5].output",
     "`output` không phải vai trò của cột nào"),
    (lambda t: {k: v for k, v in t.items() if k != "roles"}, "rows[1]", "bảng không có `roles`"),
    (lambda t: {**t, "roles": ["task", "agency", "agency", "cooperating", "period"],
                "rows": [{"task": "X", "agency": "Y"}]}, "rows[0].agency", "hai cột có vai trò `agency`"),
    (lambda t: {**t, "rows": [["A", "", {"text": "Sở", "rowspan": 2}, "", ""], {"task": "B", "agency": "C"}]},
     "rows[1].agency", "ô gộp"),
    (lambda t: {**t, "rows": [{"task": "X", "agnecy": "Y"}]}, "rows[0].agnecy", "agency"),
    (lambda t: {**t, "rows": [["A", {"text": "B", "colspan": 3}]]}, "rows[0]", "hàng 0 có 4 ô (kể cả ô gộp)"),
    (lambda t: {**t, "align": ["center"]}, "align", "căn lề cho từng cột (5 cột)"),
    (lambda t: {**t, "header": [[{"text": "A", "colspan": 2}, "B"]]}, "header[0]", "hàng tiêu đề 0"),
])
def test_a_wrong_matrix_is_refused_where_it_is_written_in_vietnamese(change, line, words):
    set_language("vi")
    try:
        with pytest.raises(PlanInputError) as refused:
            load_plan_text(_plan(change(MATRIX)), "plan.yaml")
    finally:
        set_language("en")
    problems = refused.value.problems
    assert any(words in p.message and p.path.endswith(line) and p.line for p in problems), \
        [(p.path, p.message) for p in problems]


def test_roles_are_one_of_the_known_ones():
    with pytest.raises(ValidationError):
        models.TableSpec.model_validate({"columns": ["A"], "roles": ["lead"]})


# --- import: Word files as offices make them ---------------------------------------------------

def _cells(doc: OfficeDoc, rows: list[list[str]], merged: set[int] = frozenset(), bold_head: bool = True) -> None:
    """A bordered table of text rows; rows listed in `merged` are one cell across the table."""
    table = doc.table(len(rows), len(rows[0]), borders=True)
    for r, row in enumerate(rows):
        if r in merged:
            for c in range(len(row)):  # python-docx merges cells that hold a paragraph
                table.cell(r, c)._tc.add_p()
            cell = table.cell(r, 0).merge(table.cell(r, len(row) - 1))
            for p in list(cell.paragraphs):
                p._p.getparent().remove(p._p)
            doc.para(row[0], bold=True, align="left", indent=False, size=13, container=cell)
            continue
        for c, text in enumerate(row):
            doc.para(text, bold=r == 0 and bold_head, align="center" if r == 0 or c == 0 else "both",
                     indent=False, size=13, container=table.cell(r, c))


BODY_MATRIX = [
    ["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"],
    ["I. NHÓM NHIỆM VỤ VỀ THỂ CHẾ", "", "", "", ""],
    ["1", "Rà soát, hệ thống hóa văn bản quy phạm pháp luật của tỉnh", "Sở Tư pháp", "Các sở, ban, ngành",
     "Quý I/2026"],
    ["2", "Công bố danh mục thủ tục hành chính được chuẩn hóa", "Văn phòng UBND tỉnh", "", "Quý II/2026"],
    ["II. NHÓM NHIỆM VỤ VỀ TỔ CHỨC BỘ MÁY", "", "", "", ""],
    ["3", "Sắp xếp các đơn vị sự nghiệp công lập", "Sở Nội vụ", "UBND các xã, phường", "Năm 2026"],
]
APPENDIX_MATRIX = [
    ["STT", "Công việc", "Đơn vị thực hiện", "Phối hợp", "Thời hạn hoàn thành", "Kết quả/sản phẩm", "Ghi chú"],
    ["1", "Số hóa hồ sơ thủ tục hành chính", "Trung tâm Phục vụ hành chính công", "Các sở, ngành",
     "30/6/2026", "Hồ sơ được số hóa", ""],
    ["2", "Khảo sát sự hài lòng của người dân", "Sở Nội vụ", "", "Quý IV/2026", "Báo cáo kết quả khảo sát",
     "Hằng năm"],
]
BUDGET = [["TT", "Nội dung", "Đơn vị tính", "Kinh phí (đồng)"],
          ["1", "Tập huấn nghiệp vụ", "Lớp", "45.000.000"], ["2", "In tài liệu", "Bộ", "12.000.000"]]


def _office_plan(path: Path, *, appendix: bool = True, body_headings: list[str] | None = None,
                 more: list[list[str]] | None = None) -> Path:
    """A province's plan typed in Word: header table, sections, a task matrix in section II with
    group rows merged across (in capitals, numbered I., II. as sections are), a budget table in
    section III, the ending, and an appendix after the signature with a matrix of other words."""
    doc = OfficeDoc()
    doc.header_table([("ỦY BAN NHÂN DÂN", False), ("TỈNH VĨNH LONG", True), ("Số: 25/KH-UBND", False)],
                     [*MOTTO, ("Vĩnh Long, ngày 15 tháng 01 năm 2026", False, True)])
    doc.blank()
    doc.para("KẾ HOẠCH", bold=True, align="center", indent=False)
    doc.para("Cải cách hành chính tỉnh Vĩnh Long năm 2026", bold=True, align="center", indent=False)
    doc.para("Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;")
    doc.para("Ủy ban nhân dân tỉnh ban hành Kế hoạch cải cách hành chính năm 2026 như sau:")
    doc.para("I. MỤC ĐÍCH, YÊU CẦU", bold=True, indent=False)
    doc.para("Nâng cao chất lượng phục vụ người dân, doanh nghiệp.")
    doc.para("II. NHIỆM VỤ TRỌNG TÂM", bold=True, indent=False)
    doc.para("Các nhiệm vụ trọng tâm được giao như sau:")
    rows = [list(r) for r in BODY_MATRIX]
    if body_headings:
        rows[0] = body_headings
    _cells(doc, rows, merged={1, 4})
    doc.para("III. KINH PHÍ THỰC HIỆN", bold=True, indent=False)
    doc.para("Dự toán kinh phí như sau:")
    _cells(doc, BUDGET)
    doc.para("IV. TỔ CHỨC THỰC HIỆN", bold=True, indent=False)
    if more:
        doc.para("Phân công thực hiện các nhiệm vụ như sau:")
        _cells(doc, more)
    doc.para("Các cơ quan, đơn vị báo cáo kết quả thực hiện trước ngày 15/12/2026./.")
    table = doc.table(1, 2)
    doc.para("", runs=[("Nơi nhận:", True, True)], align="left", size=12, indent=False, container=table.cell(0, 0))
    for line in ("- Bộ Nội vụ;", "- Các sở, ban, ngành;", "- Lưu: VT, NC."):
        doc.para(line, align="left", size=11, indent=False, container=table.cell(0, 0))
    for line in ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"):
        doc.para(line, bold=True, align="center", indent=False, container=table.cell(0, 1))
    doc.para("Nguyễn Văn An", bold=True, align="center", indent=False, container=table.cell(0, 1))
    if appendix:
        doc.landscape_section()
        doc.para("PHỤ LỤC", bold=True, align="center", indent=False)
        doc.para("DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026", bold=True, align="center", indent=False)
        doc.para("(Kèm theo Kế hoạch số 25/KH-UBND ngày 15/01/2026 của Ủy ban nhân dân tỉnh Vĩnh Long)",
                 italic=True, align="center", indent=False)
        _cells(doc, APPENDIX_MATRIX)
    return doc.save(path)


def _words(paragraphs: list[str]) -> Counter:
    return Counter(w.strip(".,;:()") for p in paragraphs for w in p.split() if w.strip(".,;:()"))


def _values(node, key: str, out: list) -> list:
    """Every value of `key` in the plan's data, as a reader of its YAML finds them."""
    if isinstance(node, dict):
        if key in node and (key != "table" or isinstance(node[key], dict)):
            out.append(node[key])
        for v in node.values():
            _values(v, key, out)
    elif isinstance(node, list):
        for v in node:
            _values(v, key, out)
    return out


def _tables(node, out: list) -> list:
    return _values(node, "table", out)


def _agencies(node, out: list) -> list:
    return _values(node, "agency", out)


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> tuple[Path, str, dict]:
    path = _office_plan(tmp_path_factory.mktemp("m") / "ke-hoach.docx")
    text, _review = import_to_yaml(path)
    return path, text, yaml.safe_load(text)


def test_a_body_matrix_is_imported_with_its_roles_and_rows_by_role(office):
    _path, _text, data = office
    body = _tables(data["sections"], [])[0]
    assert body["columns"] == ["Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"]
    assert body["roles"] == ["task", "agency", "cooperating", "period"] and body["numbered"] is True
    assert list(body)[:2] == ["columns", "roles"]  # the roles under the columns they name
    assert body["rows"][0] == [{"text": "I. NHÓM NHIỆM VỤ VỀ THỂ CHẾ", "bold": True, "colspan": 4}]  # kept
    assert body["rows"][1] == {"task": "Rà soát, hệ thống hóa văn bản quy phạm pháp luật của tỉnh",
                               "agency": "Sở Tư pháp", "cooperating": "Các sở, ban, ngành", "period": "Quý I/2026"}
    assert body["rows"][2] == {"task": "Công bố danh mục thủ tục hành chính được chuẩn hóa",
                               "agency": "Văn phòng UBND tỉnh", "period": "Quý II/2026"}  # an empty cell left out


def test_a_line_inside_a_table_cell_is_never_a_section_heading(office):
    """The matrix's group rows "I. NHÓM …", "II. NHÓM …" are in capitals and numbered as sections
    are: inside a cell they are the table's own lines."""
    path, _text, data = office
    headings = [s.get("heading") or "" for s in data["sections"]]
    assert len(data["sections"]) == 4 and not any("NHÓM" in h for h in headings), headings
    assert [s.title for s in from_word(read(path)).sections] == [
        "MỤC ĐÍCH, YÊU CẦU", "NHIỆM VỤ TRỌNG TÂM", "KINH PHÍ THỰC HIỆN", "TỔ CHỨC THỰC HIỆN"]


def test_an_appendix_matrix_after_the_signature_is_imported_with_its_roles(office):
    _path, _text, data = office
    matrix = _tables(data["appendices"], [])[0]
    # STT counts 1, 2: the numbered column plangen makes, no column of the table's own
    assert matrix["numbered"] is True and matrix["number_heading"] == "STT"
    assert matrix["roles"] == ["task", "agency", "cooperating", "period", "output", "note"]
    assert matrix["rows"][1] == {"task": "Khảo sát sự hài lòng của người dân", "agency": "Sở Nội vụ",
                                 "period": "Quý IV/2026", "output": "Báo cáo kết quả khảo sát", "note": "Hằng năm"}


def test_a_budget_table_is_no_matrix(office):
    _path, _text, data = office
    budget = _tables(data["sections"], [])[1]
    assert "roles" not in budget and all(isinstance(r, list) for r in budget["rows"])


def test_every_word_of_a_matrix_is_kept_and_the_agencies_are_found(office):
    """Nothing lost: the plan built from the import says every word the source says; the bodies
    of the "Cơ quan chủ trì" columns are agencies given tasks (the structure scored on real plans)."""
    path, text, data = office
    plan = load_plan_text(text, "imported.yaml").plan
    built = docxtext.paragraphs(io.BytesIO(TEMPLATE.render(plan)))
    source = docxtext.paragraphs(path)
    source = source[next(i for i, p in enumerate(source) if p.strip() == "KẾ HOẠCH"):]
    assert not (_words(source) - _words(built))
    assert {"Sở Tư pháp", "Văn phòng UBND tỉnh", "Sở Nội vụ"} <= set(_agencies(data["sections"], []))
    rows = [(r.item, r.agency) for r in task_rows(plan)]
    assert ("II.1", "Sở Tư pháp") in rows and ("II.3", "Sở Nội vụ") in rows
    assert ("PL1.1", "Trung tâm Phục vụ hành chính công") in rows and ("PL1.2", "Sở Nội vụ") in rows


def test_an_imported_matrix_comes_back_the_same(office, tmp_path):
    """Built from its import and imported again, the plan is the same YAML (the matrix's roles
    and rows by role included)."""
    _path, text, _data = office
    built = tmp_path / "again.docx"
    built.write_bytes(TEMPLATE.render(load_plan_text(text, "imported.yaml").plan))
    again, _review = import_to_yaml(built)
    assert _tables(yaml.safe_load(again), []) == _tables(yaml.safe_load(text), [])


@pytest.mark.parametrize("headings, roles", [
    (["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Tiến độ"], ["task", "agency", "cooperating", "period"]),
    (["TT", "Nội dung công việc", "Đơn vị thực hiện", "Phối hợp thực hiện", "Thời hạn"],
     ["task", "agency", "cooperating", "period"]),
    (["TT", "Hoạt động", "Trách nhiệm thực hiện", "Cơ quan phối hợp", "Hoàn thành"],
     ["task", "agency", "cooperating", "period"]),
])
def test_matrices_headed_in_other_words_are_matrices(tmp_path, headings, roles):
    path = _office_plan(tmp_path / "p.docx", appendix=False, body_headings=headings)
    text, _review = import_to_yaml(path)
    body = _tables(yaml.safe_load(text)["sections"], [])[0]
    assert body["roles"] == roles and "Sở Tư pháp" in _agencies(body["rows"], [])


def test_the_red_team_shape_agencies_from_the_lead_column_of_a_word_file(office):
    """A Word file's check reads the "Cơ quan chủ trì" column as the bodies given work, as its
    import does: the assignment part is there, though no section is named for it."""
    path, _text, _data = office
    view = from_word(read(path))
    assert [x.text for x in view.matrix_agencies][:3] == ["Sở Tư pháp", "Văn phòng UBND tỉnh", "Sở Nội vụ"]
    assert "Trung tâm Phục vụ hành chính công" in [x.text for x in view.matrix_agencies]
    assert all(x.where.paragraph for x in view.matrix_agencies)
    assert not [f for f in check_path(path).findings if f.rule == "required-sections"]


def test_variables_in_a_row_by_role_are_computed_and_a_wrong_one_located():
    rows = [{"task": "Rà soát văn bản năm {{ year }}", "agency": "Sở {{ so }}", "period": "Quý I"}]
    text = _plan({**MATRIX, "rows": rows}).replace("year: 2026\n", "year: 2026\nvariables: {so: Tư pháp}\n")
    plan = load_plan_text(text, "a.yaml").plan
    assert [(r.task, r.agency) for r in task_rows(plan)] == [("Rà soát văn bản năm 2026", "Sở Tư pháp")]
    with pytest.raises(PlanInputError) as refused:
        load_plan_text(_plan({**MATRIX, "rows": [{"task": "Rà soát {{ nam }}", "agency": "X"}]}), "a.yaml")
    assert refused.value.problems[0].path.endswith("table.rows[0].task") and refused.value.problems[0].line


def test_a_matrix_numbered_group_by_group_keeps_its_numbers_and_reads_its_agencies(tmp_path):
    """Numbers that start again in each group ("I" then 1, 2; "II" then 1) and group rows typed in
    the cells, not merged: the TT column is the `number` column, the body that follows the work
    up the `monitor` column (not given the task), every row written by role; the bodies of the
    agency column are the tasks' agencies; a group line is no task."""
    rows = [["STT", "Nhiệm vụ", "Sản phẩm", "Thời gian hoàn thành", "Chủ trì thực hiện", "Phối hợp thực hiện",
             "Theo dõi, kiểm tra, đôn đốc"],
            ["I", "Cải cách thể chế", "", "", "", "", ""],
            ["1", "Công bố danh mục văn bản hết hiệu lực", "Danh mục văn bản", "Trước ngày 31/01", "Sở Tư pháp",
             "", "Sở Tư pháp"],
            ["2", "Ứng dụng AI trong phổ biến pháp luật", "Ứng dụng AI", "Năm 2026", "Sở Tư pháp",
             "Sở Khoa học và Công nghệ", "Sở Tư pháp"],
            ["II", "Cải cách thủ tục hành chính", "", "", "", "", ""],
            ["1", "Số hóa hồ sơ thủ tục hành chính", "Hồ sơ được số hóa", "Thường xuyên",
             "Văn phòng UBND tỉnh", "Các sở, ngành", "Sở Nội vụ"]]
    path = _office_plan(tmp_path / "p.docx", appendix=False, more=rows)
    text, _review = import_to_yaml(path)
    matrix = next(t for t in _tables(yaml.safe_load(text)["sections"], []) if "roles" in t and len(t["columns"]) == 7)
    assert matrix["roles"] == ["number", "task", "output", "period", "agency", "cooperating", "monitor"]
    assert [r["number"] for r in matrix["rows"]] == ["I", "1", "2", "II", "1"]  # as written
    assert [r.get("monitor") for r in matrix["rows"]] == [None, "Sở Tư pháp", "Sở Tư pháp", None, "Sở Nội vụ"]
    plan = load_plan_text(text, "p.yaml").plan
    given = [(r.agency, r.task, r.output) for r in task_rows(plan) if r.output]
    assert given == [("Sở Tư pháp", "Công bố danh mục văn bản hết hiệu lực", "Danh mục văn bản"),
                     ("Sở Tư pháp", "Ứng dụng AI trong phổ biến pháp luật", "Ứng dụng AI"),
                     ("Văn phòng UBND tỉnh", "Số hóa hồ sơ thủ tục hành chính", "Hồ sơ được số hóa")]
    assert "Văn phòng UBND tỉnh" in [x.text for x in from_word(read(path)).matrix_agencies]


def test_a_wrong_matrix_stops_a_command_with_status_2_and_its_place(tmp_path, capsys):
    path = tmp_path / "plan.yaml"
    path.write_text(_plan({**MATRIX, "rows": [{"task": "X", "output": "Y"}]}), encoding="utf-8")
    for command in ("build", "check", "tasks"):
        result = run_cli(capsys, "--lang", "vi", command, str(path))
        assert result.code == 2 and "Traceback" not in result.err
        assert re.search(r"plan\.yaml:\d+:\d+: .*rows\[0\]\.output: hàng 0: `output` không phải vai trò", result.err)


def test_a_matrix_numbered_again_in_each_group_is_written_by_role_with_its_numbers(tmp_path):
    """The TT column is the rows' `number`: numbers that start again in each group are kept as
    written, and every task row is written by role, its lead under `agency:`."""
    rows = [["TT", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"],
            ["I", "Cải cách thể chế", "", "", ""],
            ["1", "Rà soát văn bản quy phạm pháp luật", "Sở Tư pháp", "Các sở, ngành", "Quý I"],
            ["2", "Công bố thủ tục hành chính", "Văn phòng UBND tỉnh", "", "Thường xuyên"],
            ["II", "Hiện đại hóa nền hành chính", "", "", ""],
            ["1", "Số hóa hồ sơ", "Sở Khoa học và Công nghệ", "UBND các xã, phường", "Năm 2026"]]
    path = _office_plan(tmp_path / "p.docx", appendix=True, more=rows)
    text, _review = import_to_yaml(path)
    data = yaml.safe_load(text)
    matrix = next(t for t in _tables([*data["sections"], *data.get("appendices", [])], [])
                  if t.get("roles") and len(t["columns"]) == 5)
    assert matrix["roles"] == ["number", "task", "agency", "cooperating", "period"]
    assert all(isinstance(r, dict) for r in matrix["rows"])
    assert [(r.get("number"), r.get("agency")) for r in matrix["rows"]] == [
        ("I", None), ("1", "Sở Tư pháp"), ("2", "Văn phòng UBND tỉnh"), ("II", None), ("1", "Sở Khoa học và Công nghệ")]
    plan = load_plan_text(text, "p.yaml").plan
    assert {r.agency for r in task_rows(plan)} >= {"Sở Tư pháp", "Văn phòng UBND tỉnh", "Sở Khoa học và Công nghệ"}
    assert not any(r.task == "Cải cách thể chế" for r in task_rows(plan))
