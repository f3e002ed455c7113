"""The examples reproduce the reference plans, list their tasks, and open in real readers."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from docx import Document

from plangen.word import docxtext

from conftest import ALL_EXAMPLES, EXAMPLE_SEEDS, EXAMPLES, SEEDS, similarity

MIN_FIDELITY = 0.97


def test_every_reference_plan_has_an_example():
    assert set(EXAMPLE_SEEDS) <= set(ALL_EXAMPLES)
    assert len(ALL_EXAMPLES) >= 6


@pytest.mark.parametrize("example", sorted(EXAMPLE_SEEDS))
def test_example_reproduces_its_reference(built_examples, example):
    reference = (SEEDS / EXAMPLE_SEEDS[example]).read_text(encoding="utf-8")
    score = similarity(docxtext.text(built_examples[example]), reference)
    assert score >= MIN_FIDELITY, f"{example}: {score:.4f}"


def test_similarity_measure_can_fail():
    reference = (SEEDS / EXAMPLE_SEEDS["hanoi-2025.yaml"]).read_text(encoding="utf-8")
    assert similarity(reference, reference) == 1.0
    lines = reference.splitlines()
    damaged = "\n".join(line for i, line in enumerate(lines) if i % 12)  # lose one line in twelve
    assert similarity(damaged, reference) < MIN_FIDELITY


@pytest.mark.parametrize("example", ALL_EXAMPLES)
def test_example_opens_with_python_docx(built_examples, example):
    doc = Document(str(built_examples[example]))
    assert any(p.text == "KẾ HOẠCH" for p in doc.paragraphs)


EXPECTED_AGENCIES = {  # distinct numbered assignment entries in each reference plan
    "hanoi-2025.yaml": 17, "vinhlong-2025.yaml": 13, "soyte-vinhlong-2025.yaml": 4,
    "thoxuan-2024.yaml": 10, "hanoi-2026.yaml": 10,
}
EXPECTED_REQUESTS = {
    "hanoi-2025.yaml": {"III.15", "III.16"}, "vinhlong-2025.yaml": {"II.11", "II.12"},
    "soyte-vinhlong-2025.yaml": set(), "thoxuan-2024.yaml": {"III.8", "III.9", "III.10"},
    "hanoi-2026.yaml": {"III.9"},
}


@pytest.mark.parametrize("example", sorted(EXPECTED_AGENCIES))
def test_tasks_lists_every_agency_with_requests_flagged(capsys, example):
    from cli_helpers import run_cli

    result = run_cli(capsys, "tasks", str(EXAMPLES / example), "--format", "json")
    assert result.code == 0, result.err
    rows = json.loads(result.out)
    entries = {r["item"] for r in rows}
    assert len(entries) == EXPECTED_AGENCIES[example]
    assert {r["item"] for r in rows if r["request"]} == EXPECTED_REQUESTS[example]
    assert all(r["agency"] and r["task"] for r in rows)


def test_tasks_csv(capsys):
    from cli_helpers import run_cli

    result = run_cli(capsys, "--lang", "vi", "tasks", str(EXAMPLES / "hanoi-2025.yaml"), "--format", "csv")
    assert result.code == 0
    assert result.out.startswith("\ufeff")  # Excel reads the Vietnamese letters right
    header, *rows = result.out.lstrip("\ufeff").splitlines()
    assert header == "Phần,Mục,Cơ quan,Đề nghị,Nhiệm vụ,Thời hạn,Chủ trì,Phối hợp,Sản phẩm,Ghi chú"
    assert len(rows) >= 17 and all(",Có," in r or ",Không," in r for r in rows)


def test_tasks_xlsx_as_offices_keep_them(tmp_path, capsys):
    from openpyxl import load_workbook

    from cli_helpers import run_cli

    plan = tmp_path / "plan.yaml"
    text = (EXAMPLES / "boyte-2025.yaml").read_text(encoding="utf-8")
    plan.write_text(text.replace("Treo băng rôn", "=HYPERLINK(\"http://x\") Treo băng rôn", 1), encoding="utf-8")
    result = run_cli(capsys, "--lang", "vi", "tasks", str(plan), "--format", "xlsx")
    assert result.code == 0, result.err
    sheet = load_workbook(plan.with_suffix(".xlsx")).active
    assert [c.value for c in sheet[1]][:5] == ["Phần", "Mục", "Cơ quan", "Đề nghị", "Nhiệm vụ"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    assert all(sheet.cell(row=r, column=5).alignment.wrap_text for r in range(2, sheet.max_row + 1))
    dates = [c.value for c in sheet["F"][1:] if c.value is not None and not isinstance(c.value, str)]
    assert dates and all(hasattr(d, "year") for d in dates)
    formula = next(c for c in sheet["E"] if "HYPERLINK" in str(c.value))
    assert formula.data_type == "s"  # kept as text, never run
    assert run_cli(capsys, "tasks", str(plan), "--format", "xlsx").code == 2  # no overwrite without --force


def test_tasks_csv_keeps_formulas_as_text(tmp_path, capsys):
    from cli_helpers import run_cli

    plan = tmp_path / "plan.yaml"
    text = (EXAMPLES / "boyte-2025.yaml").read_text(encoding="utf-8")
    plan.write_text(text.replace("Treo băng rôn", "=1+1 Treo băng rôn", 1), encoding="utf-8")
    result = run_cli(capsys, "--lang", "en", "tasks", str(plan), "--format", "csv")
    assert "'=1+1 Treo" in result.out and ",=1+1" not in result.out


def test_tasks_table_has_a_header_and_wraps(capsys):
    from cli_helpers import run_cli

    result = run_cli(capsys, "--lang", "vi", "tasks", str(EXAMPLES / "hanoi-2025.yaml"))
    lines = result.out.splitlines()
    assert lines[0].startswith("Mục") and "Nhiệm vụ" in lines[0]
    assert max(len(line) for line in lines) <= 130
    words = " ".join(result.out.split())
    longest = max((r["task"] for r in json.loads(run_cli(capsys, "tasks", str(EXAMPLES / "hanoi-2025.yaml"),
                                                                  "--format", "json").out)), key=len)
    assert longest.split()[-1] in words  # wrapped, not cut


def test_build_via_cli_writes_beside_the_plan(tmp_path, capsys):
    from cli_helpers import run_cli

    plan = tmp_path / "plan.yaml"
    shutil.copy(EXAMPLES / "soyte-vinhlong-2025.yaml", plan)
    result = run_cli(capsys, "build", str(plan))
    assert result.code == 0, result.err
    assert (tmp_path / "plan.docx").is_file()


def test_build_several_plans_into_a_folder(tmp_path, capsys):
    from cli_helpers import run_cli

    names = ["soyte-vinhlong-2025.yaml", "vinhlong-2025.yaml"]
    result = run_cli(capsys, "build", *[str(EXAMPLES / n) for n in names], "-o", str(tmp_path / "out"))
    assert result.code == 0, result.err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "soyte-vinhlong-2025.docx", "vinhlong-2025.docx"]


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.soffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (.ci/run installs it)")
def test_examples_convert_to_pdf_with_libreoffice(built_examples, tmp_path):
    profile = tmp_path / "profile"
    files = [str(built_examples[name]) for name in ALL_EXAMPLES]
    proc = subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), *files],
        capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    for name in ALL_EXAMPLES:
        pdf = tmp_path / name.replace(".yaml", ".pdf")
        assert pdf.is_file() and pdf.stat().st_size > 10_000, name
        assert pdf.read_bytes().startswith(b"%PDF")
