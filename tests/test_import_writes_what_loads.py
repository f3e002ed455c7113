"""`plangen import` writes only plans that plangen loads: whatever a source's header, symbol, dates,
signature, tables and appendices hold — typos and values no document can have among them — the
importer either writes a plan that loads (the odd value left out or kept as written, with a REVIEW
note) or refuses with a located message. The importer builds its plan without the models (its
start-up is that of `check`); these plans, made by varying every part that becomes a constrained
field, are what keeps it honest.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from docx.shared import Pt

from messy_word import OfficeDoc
from plangen.errors import PlangenError
from plangen.importer.reader import import_to_yaml
from plangen.plan.load import load_plan_text

NUMBERS = ["Số: 12/KH-UBND", "Số: 123456/KH-UBND", "Số: 0/KH-UBND", "Số:    /KH-UBND", "Số: 12a/KH-UBND",
           "Số: 00012/KH-UBND", "Số: 12/KH-", "Số: 12/KH-UBND-VX", "Số 12-KH/UBND", "Số: 12/2026/KH-UBND",
           "Số: 5/KH-ubnd", "Số: 99999/KH-UBND", "Số: 100000/KH-UBND", "Số: 12 /KH-UBND", "Số: 12/KH-UBND.",
           "Số: 12/KH-1UB", "Số: 12/KH-UBND-9X", "Số: 000/KH-UBND"]
DATES = ["ngày 05 tháng 02 năm 2026", "ngày 31 tháng 02 năm 2026", "ngày 15 tháng 13 năm 2026",
         "ngày    tháng    năm 2026", "ngày 05 tháng 02 năm 1900", "ngày 05 tháng 02 năm 2300",
         "ngày 0 tháng 1 năm 2026", "ngày 5/2/2026", "ngày      tháng 13 năm 2026", "ngày     tháng 4 năm 2026",
         "ngày     tháng     năm 1800"]
YEARS = ["2026", "1900", "2300", "2026-2030", "2026 - 2300"]
DECISIONS = ["", "(Kèm theo Quyết định số 12/QĐ-UBND ngày 31/02/2026 của UBND tỉnh)",
             "(Kèm theo Quyết định số 12 ngày 05/02/2026 của UBND tỉnh)",
             "(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 05/02/2026 của Chủ tịch UBND tỉnh)",
             "(Kèm theo Quyết định số /QĐ-UBND ngày   /02/2026 của UBND tỉnh)",
             "(Thực hiện Nghị quyết số 35-NQ/TU ngày 05/13/2026 của Tỉnh ủy)",
             "(Kèm theo Quyết định số 123456/QĐ-UBND của )",
             "(Kèm theo Quyết định số 0/QĐ-UBND ngày 05/02/1800 của UBND)"]
DEADLINES = ["30/6/2026", "31/02/2026", "32/1/2026", "0/0/2026", "30/6/1800"]
TABLES = ["",
          "| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện | Ghi chú |\n"
          "|---|---|---|---|---|---|\n"
          "| 1 | Xây dựng | Sở TTTT | Các sở | 31/02/2026 - 01/01/2026 | |\n"
          "| 2 | Triển khai | Sở Nội vụ |  | 01/3/2026 - 30/6/2026 | x |",
          "| TT | Nội dung | Kinh phí (đồng) |\n|---|---|---|\n| 1 | A | 1.000.000 |\n"
          "| 2 | B | 99999999999999999999 |\n|  | Tổng cộng | 1.000.000 |",
          "| A | B |\n|---|---|\n| 1 | 2 | 3 |\n| 4 |",
          "| Nhiệm vụ | Chủ trì | Phối hợp | Thời gian |\n|---|---|---|---|\n| Nhóm I |  |  |  |\n"
          "| Làm A | Sở X | Sở Y | Quý I |"]
SIGNATURES = ["TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "TM. \nCHỦ TỊCH", "KT.\nPHÓ CHỦ TỊCH", "KT. CHỦ TỊCH",
              "CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN", "Q. CHỦ TỊCH", "TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG",
              "T/M ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nTRƯỞNG PHÒNG", "TUQ. CHỦ TỊCH",
              "T/M.\nBÍ THƯ"]
NAMES = ["Nguyễn Văn A", "", "(Đã ký)", "Nguyễn Văn A\nPHÓ GIÁM ĐỐC SỞ"]
APPENDICES = ["",
              "Phụ lục\nDANH MỤC NHIỆM VỤ\n(Kèm theo Kế hoạch số 12/KH-UBND ngày 31/02/2026 của UBND tỉnh)\n"
              "| TT | Nội dung |\n|---|---|\n| 1 | A |",
              "Phụ lục I\nDANH MỤC\n"
              "(Kèm theo Kế hoạch số    /KH-UBND ngày   tháng   năm 2026 của Ủy ban nhân dân tỉnh)\n"
              "Nội dung phụ lục.",
              "PHỤ LỤC\n(Kèm theo Kế hoạch số 123456/KH-UBND)\n1. Việc A."]
PARTY_HEADERS = [("ĐẢNG BỘ TỈNH LÂM ĐỒNG\nĐẢNG ỦY XÃ TÂN HÀ\n*", "Số 0-KH/ĐU"), ("TỈNH ỦY LÂM ĐỒNG\n*", "Số 12-KH/TU"),
                 ("ĐẢNG ỦY XÃ TÂN HÀ\n*", "Số    -KH/ĐU"), ("ĐẢNG ỦY XÃ TÂN HÀ", "Số 123456-KH/ĐU"),
                 ("ĐẢNG BỘ TỈNH LÂM ĐỒNG\nĐẢNG ỦY XÃ TÂN HÀ\n*", "Số: 12/KH-ĐU-VX")]

BODY = """I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Đẩy mạnh chuyển đổi số trong cơ quan nhà nước năm {year}.
2. Yêu cầu
Bảo đảm tiến độ trước ngày {deadline}.
II. NHIỆM VỤ
1. Sở Thông tin và Truyền thông: chủ trì triển khai.
2. Các sở, ngành: phối hợp thực hiện.
{table}
III. KINH PHÍ THỰC HIỆN
Kinh phí từ ngân sách nhà nước.
IV. TỔ CHỨC THỰC HIỆN
Các cơ quan báo cáo kết quả trước ngày {deadline}."""


def _plan_text(rnd: random.Random) -> str:
    if rnd.random() < 0.2:
        governing, number = rnd.choice(PARTY_HEADERS)
        head = f"{governing}\nĐẢNG CỘNG SẢN VIỆT NAM\n{number}"
        title = f"KẾ HOẠCH\nlãnh đạo thực hiện nhiệm vụ năm {rnd.choice(YEARS)}\n-----"
    else:
        head = "UỶ BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n" + \
            rnd.choice(NUMBERS)
        title = f"KẾ HOẠCH\nTriển khai công tác chuyển đổi số năm {rnd.choice(YEARS)}\n{rnd.choice(DECISIONS)}"
    body = BODY.format(year=rnd.choice(YEARS), deadline=rnd.choice(DEADLINES), table=rnd.choice(TABLES))
    signature = f"{rnd.choice(SIGNATURES)}\n{rnd.choice(NAMES)}"
    ending = f"Nơi nhận:\n- Như trên;\n- Lưu: VT.\n{signature}\n{rnd.choice(APPENDICES)}"
    place = rnd.choice(["Lâm Đồng", "Tân Hà", ""])
    return f"{head}\n{place}, {rnd.choice(DATES)}\n{title}\n{body}\n{ending}\n"


def _imports_as_a_plan_that_loads(path: Path) -> None:
    try:
        text, _review = import_to_yaml(path)
    except PlangenError as refused:  # refused: the message says where
        assert all(p.file for p in refused.problems), refused.problems
        return
    try:
        load_plan_text(text, str(path))
    except PlangenError as exc:
        pytest.fail(f"{path.name}: import wrote a plan plangen refuses: "
                    + "; ".join(f"line {p.line}: {p.message}" for p in exc.problems) + "\n" + text)


@pytest.mark.parametrize("seed", range(6))
def test_every_text_plan_imports_as_a_plan_that_loads(tmp_path: Path, seed: int) -> None:
    rnd = random.Random(seed)
    for i in range(40):
        path = tmp_path / f"plan{i}.txt"
        path.write_text(_plan_text(rnd), encoding="utf-8")
        _imports_as_a_plan_that_loads(path)


def _word_plan(rnd: random.Random, path: Path) -> Path:
    """A Word plan with the header and the signature in tables, a task table with merged cells and
    a size of its own (some outside what a plan's table prints in), an appendix after the
    signature."""
    doc = OfficeDoc()
    doc.header_table([("UỶ BAN NHÂN DÂN", False), ("TỈNH LÂM ĐỒNG", True), (rnd.choice(NUMBERS), False)],
                     [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False), ("Độc lập - Tự do - Hạnh phúc", True, False),
                      (f"Lâm Đồng, {rnd.choice(DATES)}", False, True)])
    doc.para("KẾ HOẠCH", bold=True, align="center", indent=False)
    doc.para(f"Triển khai công tác chuyển đổi số năm {rnd.choice(YEARS)}", bold=True, align="center", indent=False)
    doc.para("I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    doc.para(f"Hoàn thành trước ngày {rnd.choice(DEADLINES)}.")
    doc.para("II. NHIỆM VỤ", bold=True)
    doc.para("1. Sở Nội vụ: chủ trì triển khai.")
    size = rnd.choice([7, 11, 13, 16, 30])
    rows = [["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian"], ["1", "Việc A", "Sở X", rnd.choice(DEADLINES)],
            ["2", "Việc B", "Sở Y", "Quý II"], ["3", "Việc C", "", "Quý III"]]
    table = doc.table(len(rows), 4, borders=True)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(size)
    if rnd.random() < 0.5:
        table.cell(2, 2).merge(table.cell(3, 2))  # one body leads two tasks
    if rnd.random() < 0.3:
        table.cell(1, 3).merge(table.cell(1, 2))  # an odd merge across
    doc.para("III. TỔ CHỨC THỰC HIỆN", bold=True)
    doc.para("Các cơ quan báo cáo kết quả.")
    doc.ending_table(["- Như trên;", "- Lưu: VT."], rnd.choice(SIGNATURES), rnd.choice(NAMES))
    appendix = rnd.choice(APPENDICES)
    for line in appendix.splitlines():
        if not line.startswith("|"):
            doc.para(line, bold=line.isupper(), align="center", indent=False)
    return doc.save(path)


@pytest.mark.parametrize("seed", range(3))
def test_every_word_plan_imports_as_a_plan_that_loads(tmp_path: Path, seed: int) -> None:
    rnd = random.Random(100 + seed)
    for i in range(12):
        _imports_as_a_plan_that_loads(_word_plan(rnd, tmp_path / f"plan{i}.docx"))


DECISION_NUMBERS = ["Số: 2623/QĐ-TTg", "Số: 2623", "Số: 2623 /QĐ-TTg", "Số:    /QĐ-TTg", "Số: 0/QĐ-TTg",
                    "Số: 123456/QĐ-TTg", "Số: 2623a", "Số: 2623/QĐ - TTg", "Số: 2623/QĐ-TTg."]
DECISION_SIGNATURES = ["KT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG", "THỦ TƯỚNG", "KT.THỦ TƯỚNG"]
DECISION_LINES = ["(Kèm theo Quyết định số 2623/QĐ-TTg ngày 29 tháng 11 năm 2025 của Thủ tướng Chính phủ)",
                  "(Kèm theo Quyết định số /QĐ-TTg ngày tháng năm 2025 của Thủ tướng Chính phủ)",
                  "(Ban hành kèm theo Quyết định số 2623 ngày 31/02/2025 của Thủ tướng Chính phủ)", ""]


def _decision_text(rnd: random.Random) -> str:
    """A decision that issues a plan, then the plan (as ministries and the Government publish them)."""
    decision = (f"THỦ TƯỚNG CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                f"{rnd.choice(DECISION_NUMBERS)}\nHà Nội, {rnd.choice(DATES)}\nQUYẾT ĐỊNH\n"
                "Ban hành Kế hoạch triển khai thi hành Luật Dữ liệu\nTHỦ TƯỚNG CHÍNH PHỦ\n"
                "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;\nQUYẾT ĐỊNH:\n"
                "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch triển khai thi hành Luật Dữ liệu.\n"
                "Điều 2. Quyết định này có hiệu lực thi hành từ ngày ký ban hành.\n"
                "Nơi nhận:\n- Các bộ, cơ quan ngang bộ;\n- Lưu: VT, KSTT.\n"
                f"{rnd.choice(DECISION_SIGNATURES)}\n{rnd.choice(NAMES)}\n")
    plan = (f"KẾ HOẠCH\nTriển khai thi hành Luật Dữ liệu\n{rnd.choice(DECISION_LINES)}\n"
            + BODY.format(year=rnd.choice(YEARS), deadline=rnd.choice(DEADLINES), table=rnd.choice(TABLES)))
    return decision + plan + "\n"


@pytest.mark.parametrize("seed", range(2))
def test_every_decision_with_its_plan_imports_as_a_plan_that_loads(tmp_path: Path, seed: int) -> None:
    rnd = random.Random(200 + seed)
    for i in range(30):
        path = tmp_path / f"decision{i}.txt"
        path.write_text(_decision_text(rnd), encoding="utf-8")
        _imports_as_a_plan_that_loads(path)
