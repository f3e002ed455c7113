"""The task matrix (`plangen tasks`), the task table and `derive` list every way a plan gives a
task: an assignment block, agency lines under a task (`- Cơ quan chủ trì: X.`), and a sentence
naming the body it gives the work to (the block's `agency`)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml

from plangen.check import check_path
from plangen.word import docxtext

from cli_helpers import run_cli

# A national plan listing its tasks one by one, as ministries' plans do; fixture of its own shape.
PLAN = """\
issuer: {name: [THỦ TƯỚNG CHÍNH PHỦ], code: TTG, place: Hà Nội}
number: 15
date: 10/02/2026
year: 2026
summary: Triển khai thi hành Luật Thư viện
sections:
  - kind: [purpose, requirements]
    content:
      - item: Bảo đảm triển khai thống nhất, đồng bộ.
  - kind: content
    content:
      - title: Tuyên truyền, phổ biến Luật
        content:
          - bullet: "Nội dung: phổ biến Luật tới cán bộ, công chức."
          - {role: Cơ quan chủ trì, agency: "Bộ Văn hóa, Thể thao và Du lịch, Bộ Công an", end: "."}
          - {role: Cơ quan phối hợp, agency: "các bộ, cơ quan ngang bộ", end: "."}
          - bullet: "Thời gian thực hiện: năm 2026."
      - title: Xây dựng cơ sở dữ liệu thư viện
        content:
          - {role: Cơ quan thực hiện, agency: Bộ Công an, end: "."}
          - bullet: "Sản phẩm: Cơ sở dữ liệu."
      - item: Giao Bộ Công an chủ trì rà soát văn bản quy phạm pháp luật.
        agency: Bộ Công an
        content:
          - {role: Cơ quan phối hợp, agency: Bộ Tư pháp, end: "."}
      - item: Tổ chức các lớp tập huấn cho cán bộ.
  - kind: [assignments, implementation]
    content:
      - agency: Bộ Công an
        tasks:
          - text: Tổng hợp kết quả thực hiện, báo cáo Thủ tướng Chính phủ.
            content:
              - bullet: Bộ Công an tổng hợp kết quả, báo cáo định kỳ.
                agency: Bộ Công an
              - bullet: Giao Bộ Tài chính bố trí kinh phí theo quy định.
                agency: Bộ Tài chính
      - text: Đề nghị Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam phối hợp tuyên truyền.
        agency: Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam
signature: {authority: KT., head: THỦ TƯỚNG, position: PHÓ THỦ TƯỚNG, name: Nguyễn Văn A}
recipients: ["Các bộ, cơ quan ngang bộ"]
"""


def _plan(tmp_path: Path, text: str = PLAN) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _json_rows(capsys, plan: Path) -> list[dict]:
    import json

    result = run_cli(capsys, "--lang", "en", "tasks", str(plan), "--format", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_tasks_lists_agency_lines_and_sentences_once_each(tmp_path, capsys):
    rows = _json_rows(capsys, _plan(tmp_path))
    assert [(r["item"], r["agency"], r["lead"], r["cooperating"]) for r in rows] == [
        ("II.1", "Bộ Văn hóa, Thể thao và Du lịch, Bộ Công an", "Bộ Văn hóa, Thể thao và Du lịch, Bộ Công an",
         "các bộ, cơ quan ngang bộ"),
        ("II.2", "Bộ Công an", "Bộ Công an", ""),  # "Cơ quan thực hiện": the body that does it
        ("II.3", "Bộ Công an", "Bộ Công an", "Bộ Tư pháp"),  # a sentence and a partner line: one task
        ("III.1", "Bộ Công an", "Bộ Công an", ""),  # the block; its own body's sentence is no second row
        ("III.1", "Bộ Tài chính", "Bộ Tài chính", ""),  # work the block's task gives on
        ("III", "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
         ""),
    ]
    assert rows[0]["task"] == "Tuyên truyền, phổ biến Luật" and rows[0]["deadline"] == "năm 2026"
    assert rows[1]["output"] == "Cơ sở dữ liệu"
    assert rows[2]["task"] == "Giao Bộ Công an chủ trì rà soát văn bản quy phạm pháp luật."
    assert [r["request"] for r in rows] == [False] * 5 + [True]  # "Đề nghị …": a request
    # an item opening with a verb gives no task to anyone
    assert not any("tập huấn" in r["task"] for r in rows)


def test_tasks_text_table_shows_them(tmp_path, capsys):
    result = run_cli(capsys, "--lang", "vi", "tasks", str(_plan(tmp_path)))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].split()[:2] == ["Mục", "Cơ"]
    assert any(line.startswith("II.2") and "Bộ Công an" in line and "Xây dựng cơ sở dữ liệu" in line
               for line in lines)
    assert any(line.startswith("III ") and "⟨Đề nghị⟩" in line for line in lines)
    assert sum(line.startswith("III.1 ") for line in lines) == 2


def test_tasks_csv_and_xlsx_carry_lead_and_partners(tmp_path, capsys):
    from openpyxl import load_workbook

    plan = _plan(tmp_path)
    result = run_cli(capsys, "--lang", "vi", "tasks", str(plan), "--format", "csv")
    assert result.code == 0, result.err
    table = list(csv.reader(io.StringIO(result.out.lstrip("\ufeff"))))
    head = table[0]
    lead, partners = head.index("Chủ trì"), head.index("Phối hợp")
    third = next(r for r in table[1:] if r[1] == "II.3")
    assert (third[lead], third[partners]) == ("Bộ Công an", "Bộ Tư pháp")
    assert len(table) == 1 + 6
    assert run_cli(capsys, "--lang", "vi", "tasks", str(plan), "--format", "xlsx").code == 0
    sheet = load_workbook(plan.with_suffix(".xlsx")).active
    heads = [c.value for c in sheet[1]]
    cells = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    first = cells[0]
    assert first[heads.index("Chủ trì")] == "Bộ Văn hóa, Thể thao và Du lịch, Bộ Công an"
    assert first[heads.index("Phối hợp")] == "các bộ, cơ quan ngang bộ"
    assert first[heads.index("Thời gian thực hiện")] == "năm 2026"
    assert first[heads.index("Thời hạn")] is None  # not a date: the period column holds it
    assert len(cells) == 6


def test_derive_for_a_ministry_finds_its_tasks_once(tmp_path, capsys):
    out = tmp_path / "bca.yaml"
    result = run_cli(capsys, "--lang", "en", "derive", str(_plan(tmp_path)), "--for", "Bộ Công an", "-o", str(out))
    assert result.code == 0, result.err
    derived = yaml.safe_load(out.read_text(encoding="utf-8"))
    tasks = [i["item"] for s in derived["sections"] if s.get("heading") == "NHIỆM VỤ TRỌNG TÂM"
             for i in s["content"]]
    assert tasks == ["Tuyên truyền, phổ biến Luật",  # one of the leads the line lists
                     "Xây dựng cơ sở dữ liệu thư viện",
                     "Giao Bộ Công an chủ trì rà soát văn bản quy phạm pháp luật.",
                     "Tổng hợp kết quả thực hiện, báo cáo Thủ tướng Chính phủ."]
    # the second body a lead line names, and a body only a sentence names
    for body, task in (("Bộ Văn hóa, Thể thao và Du lịch", "Tuyên truyền, phổ biến Luật"),
                       ("Bộ Tài chính", "Giao Bộ Tài chính bố trí kinh phí theo quy định.")):
        target = tmp_path / "lower.yaml"
        target.unlink(missing_ok=True)
        result = run_cli(capsys, "--lang", "en", "derive", str(_plan(tmp_path)), "--for", body, "-o", str(target))
        assert result.code == 0, result.err
        assert f'- item: "{task}"' in target.read_text(encoding="utf-8")
    # a partner is not given the task: still "no task"
    result = run_cli(capsys, "--lang", "en", "derive", str(_plan(tmp_path)), "--for", "Bộ Tư pháp",
                     "-o", str(tmp_path / "btp.yaml"))
    assert result.code == 2 and "no task" in result.err


def test_derive_takes_a_task_given_twice_once(tmp_path, capsys):
    """The same work given by an assignment block and again by a sentence elsewhere is one task."""
    text = PLAN.replace("      - item: Tổ chức các lớp tập huấn cho cán bộ.\n",
                        "      - text: Bộ Công an tổng hợp kết quả, báo cáo định kỳ.\n        agency: Bộ Công an\n")
    text = text.replace("          - text: Tổng hợp kết quả thực hiện, báo cáo Thủ tướng Chính phủ.\n",
                        "          - text: Bộ Công an tổng hợp kết quả, báo cáo định kỳ.\n")
    out = tmp_path / "bca.yaml"
    result = run_cli(capsys, "--lang", "en", "derive", str(_plan(tmp_path, text)), "--for", "Bộ Công an",
                     "-o", str(out))
    assert result.code == 0, result.err
    assert out.read_text(encoding="utf-8").count("Bộ Công an tổng hợp kết quả") == 1


def test_the_task_table_lists_them_and_check_finds_nothing_new(tmp_path, capsys):
    plan = _plan(tmp_path)
    assert {f.rule for f in check_path(plan).findings} == set()
    text = PLAN.replace("      - text: Đề nghị Ủy ban", "      - task_table: {}\n      - text: Đề nghị Ủy ban")
    with_table = _plan(tmp_path, text)
    assert run_cli(capsys, "--lang", "en", "build", str(with_table)).code == 0
    cells = docxtext.paragraphs(with_table.with_suffix(".docx"))
    assert "Xây dựng cơ sở dữ liệu thư viện" in cells and "Bộ Tài chính" in cells
    assert {f.rule for f in check_path(with_table).findings} == set()


@pytest.mark.parametrize(("role", "partner"), [
    ("Cơ quan chủ trì", False), ("Cơ quan thực hiện", False), ("Đơn vị thực hiện", False),
    ("Cơ quan phối hợp", True), ("Đơn vị phối hợp thực hiện", True),
    ("Cơ quan chủ trì, phối hợp", False),  # names the lead first
])
def test_the_role_of_an_agency_line(role, partner):
    from plangen.plan.tasks import is_partner

    assert is_partner(role) is partner


@pytest.mark.parametrize(("label", "lead", "partners"), [
    ("Sở Tài chính chủ trì, phối hợp các sở, ban, ngành", "Sở Tài chính", "các sở, ban, ngành"),
    ("Văn phòng UBND tỉnh chủ trì và phối hợp với Sở Nội vụ", "Văn phòng UBND tỉnh", "Sở Nội vụ"),
    ("Công an tỉnh chủ trì", "Công an tỉnh", ""),
    ("Ban Chỉ đạo tỉnh chủ trì", "Ban Chỉ đạo tỉnh", ""),
    ("Ban Chỉ đạo tỉnh", "Ban Chỉ đạo tỉnh", ""),  # a name that holds the verb is no role
    ("Sở Y tế", "Sở Y tế", ""),
    ("Bộ Chỉ huy quân sự tỉnh chỉ đạo lực lượng Bộ đội Biên phòng",  # who is directed: not a partner
     "Bộ Chỉ huy quân sự tỉnh chỉ đạo lực lượng Bộ đội Biên phòng", ""),
])
def test_an_assignment_label_that_says_who_leads_gives_the_lead_and_partners(label, lead, partners):
    """Bold labels of real plans often name the lead and its partners ("Sở X chủ trì, phối hợp …"):
    the label is printed as written; the task rows give the lead and partners apart."""
    from plangen.plan.load import load_plan_text
    from plangen.plan.tasks import task_rows

    text = PLAN.split("  - kind: [assignments, implementation]")[0] + f"""\
  - kind: [assignments, implementation]
    content:
      - agency: "{label}"
        tasks:
          - Bố trí nguồn lực thực hiện kế hoạch.
signature: {{authority: KT., head: THỦ TƯỚNG, position: PHÓ THỦ TƯỚNG, name: Nguyễn Văn A}}
recipients: ["Các bộ, cơ quan ngang bộ"]
"""
    row = next(r for r in task_rows(load_plan_text(text, "p.yaml").plan) if r.task.startswith("Bố trí"))
    assert (row.agency, row.lead, row.cooperating) == (label, lead, partners)
