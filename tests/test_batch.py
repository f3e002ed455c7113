"""Batch building: worker processes, a bad plan among good ones, one plan per CSV row."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from plangen.word import docxtext

from cli_helpers import commune_batch, run_cli
from conftest import EXAMPLES, FIXTURES

BASE = """\
issuer:
  name: [ỦY BAN NHÂN DÂN, "XÃ {{ xa | upper }}"]
  code: UBND
  place: "{{ xa }}"
year: 2026
summary: Phòng, chống mua bán người năm {{ year }} trên địa bàn xã {{ xa }}
sections:
  - kind: [purpose, requirements]
    content:
      - item: Nâng cao nhận thức của Nhân dân xã {{ xa }}.
  - kind: [content, assignments]
    content:
      - agency: Công an xã {{ xa }}
        tasks: [Chủ trì tuyên truyền.]
  - kind: funding
    content: [Kinh phí bố trí trong dự toán ngân sách xã.]
  - kind: implementation
    content:
      - item: Báo cáo trước ngày {{ han | dmy }}.
recipients: [UBND Thành phố]
signature: {authority: TM., collective: ỦY BAN NHÂN DÂN, position: CHỦ TỊCH, name: "{{ chu_tich }}"}
"""


def test_workers_build_everything_and_go_past_a_bad_plan(tmp_path, capsys):
    plans = []
    for i in range(6):
        plan = tmp_path / f"p{i}.yaml"
        shutil.copy(EXAMPLES / "vinhlong-2025.yaml", plan)
        plans.append(str(plan))
    bad = tmp_path / "bad.yaml"
    shutil.copy(FIXTURES / "broken" / next(p.name for p in (FIXTURES / "broken").iterdir()
                                           if "date-31-02" in p.name), bad)
    result = run_cli(capsys, "build", "--lang", "en", "--jobs", "2", *plans[:3], str(bad), *plans[3:],
                     "-o", str(tmp_path / "out"))
    assert result.code == 1
    assert f"{bad}:" in result.err and "invalid date" in result.err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"p{i}.docx" for i in range(6)]
    assert result.out.count("wrote ") == 6


def test_each_row_makes_a_plan(tmp_path, capsys):
    base = tmp_path / "base.yaml"
    base.write_text(BASE, encoding="utf-8")
    table = tmp_path / "xa.csv"
    table.write_text("xa,han,chu_tich\nAn Khánh,05/10/2026,Nguyễn Văn A\nBa Vì,06/10/2026,Trần Thị B\n"
                     "An Khánh,07/10/2026,Lê Văn C\n", encoding="utf-8")
    result = run_cli(capsys, "build", "--lang", "en", str(base), "--each", str(table), "-o", str(tmp_path / "out"))
    assert result.code == 0, result.err
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["base-an-khanh-2.docx", "base-an-khanh.docx", "base-ba-vi.docx"]
    text = [p for p in docxtext.paragraphs(tmp_path / "out" / "base-ba-vi.docx") if p.strip()]
    assert text[:2] == ["ỦY BAN NHÂN DÂN", "XÃ BA VÌ"]
    assert "Trần Thị B" in text and any("06/10/2026" in p for p in text)


def test_each_with_a_bad_csv_is_located(tmp_path, capsys):
    base = tmp_path / "base.yaml"
    base.write_text(BASE, encoding="utf-8")
    table = tmp_path / "xa.csv"
    table.write_text("xa,1 hạn,chu_tich\nAn Khánh,05/10/2026\n", encoding="utf-8")
    result = run_cli(capsys, "build", "--lang", "en", str(base), "--each", str(table), "-o", str(tmp_path / "out"))
    assert result.code == 2
    assert f"{table}:1:4:" in result.err and f"{table}:2:1:" in result.err


def test_each_row_missing_a_variable_is_reported(tmp_path, capsys):
    base = tmp_path / "base.yaml"
    base.write_text(BASE, encoding="utf-8")
    table = tmp_path / "xa.csv"
    table.write_text("xa,han\nAn Khánh,05/10/2026\n", encoding="utf-8")
    result = run_cli(capsys, "build", "--lang", "en", "--jobs", "1", str(base), "--each", str(table),
                     "-o", str(tmp_path / "out"))
    assert result.code == 1
    assert "`chu_tich`" in result.err


def test_two_plans_never_share_an_output(tmp_path, capsys):
    good = (Path(__file__).parent / "fixtures" / "check" / "good.yaml").read_text(encoding="utf-8")
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "plan.yaml").write_text(good, encoding="utf-8")
    out = tmp_path / "same"
    out.mkdir()
    result = run_cli(capsys, "--lang", "en", "build", str(tmp_path / "a" / "plan.yaml"),
                     str(tmp_path / "b" / "plan.yaml"), "-o", str(out))
    assert result.code == 2 and "as " in result.err and list(out.iterdir()) == []


def test_each_rows_get_their_own_documents_and_csv_rules_hold(tmp_path):
    from plangen.errors import PlangenError
    from plangen.plan.rows import rows_of
    from plangen.run.build import each_jobs

    base = tmp_path / "base.yaml"
    table = tmp_path / "xa.csv"
    table.write_text('ten,ghi_chu\na,"dòng một\ndòng hai"\na,x\na 2,y\n', encoding="utf-8")
    jobs = each_jobs(base, table, tmp_path)
    names = [j.target.name for j in jobs]
    assert len(set(names)) == 3
    assert rows_of(table)[0][1]["ghi_chu"] == "dòng một\ndòng hai"  # a line break inside a quoted cell
    assert [line for line, _row in rows_of(table)] == [2, 4, 5]  # the line each row begins on (a cell ran over two)
    table.write_text("ten,ten\na,b\n", encoding="utf-8")
    with pytest.raises(PlangenError, match="twice"):
        rows_of(table)
    table.write_text("ten,ghi_chu\n", encoding="utf-8")
    with pytest.raises(PlangenError, match="no rows"):
        rows_of(table)


def test_each_errors_name_the_csv_rows_once(tmp_path, capsys):
    base = tmp_path / "base.yaml"
    base.write_text(BASE, encoding="utf-8")
    table = tmp_path / "xa.csv"
    table.write_text("xa\nAn Khánh\nBình Minh\n", encoding="utf-8")
    result = run_cli(capsys, "--lang", "en", "build", str(base), "--each", str(table), "-o", str(tmp_path / "out"))
    assert result.code == 1
    lines = [line for line in result.err.splitlines() if "unknown variable" in line]
    assert lines and len(lines) == len(set(lines)) and all(f"({table}, rows 2, 3)" in line for line in lines)
    table.write_text("xa,year\nAn Khánh,2027\n", encoding="utf-8")
    result = run_cli(capsys, "--lang", "en", "build", str(base), "--each", str(table), "-o", str(tmp_path / "out"))
    assert result.code == 2 and f"{table}:1:2:" in result.err and "base plan" in result.err


def test_a_base_plan_is_checked_with_its_rows(tmp_path, capsys):
    base = tmp_path / "base.yaml"
    base.write_text(BASE, encoding="utf-8")
    table = tmp_path / "xa.csv"
    table.write_text("xa,han,chu_tich\nAn Khánh,31/12/2026,Nguyễn Văn A\nBình Minh,01/01/2020,Lê Văn B\n",
                     encoding="utf-8")
    result = run_cli(capsys, "--lang", "en", "check", str(base), "--each", str(table), "--fail-on", "warning")
    assert result.code == 1  # a deadline before the date of issue: a warning (it may be a past fact)
    assert "dates" in result.out and f"({table}, rows 3)" in result.out and "rows 2" not in result.out


# --- a batch survives any one worker ---------------------------------------------------------

def _square_or_die(job: int) -> int:
    """A job; job 3 kills its own worker, as the out-of-memory killer would."""
    import os
    import signal

    if job == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return job * job


def _nothing() -> None:
    pass


def test_a_job_that_kills_its_worker_is_retried_once_and_reported_the_others_are_done():
    from plangen.run.workers import run_ordered

    results = list(run_ordered(_square_or_die, list(range(12)), 2, _nothing, (), lost=lambda job: f"lost {job}"))
    assert results == [0, 1, 4, "lost 3", *[n * n for n in range(4, 12)]]


def test_a_worker_killed_in_the_middle_of_a_batch_costs_no_document(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    rows = 600
    base, table = commune_batch(tmp_path, rows)
    out = tmp_path / "out"
    caller = subprocess.Popen([sys.executable, "-m", "plangen.cli", "--lang", "en", "build", str(base), "--each",
                               str(table), "-o", str(out), "--jobs", "2"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (out.is_dir() and len(list(out.glob("*.docx"))) > 20) and time.monotonic() < deadline:
        time.sleep(0.02)
    children = subprocess.run(["pgrep", "-P", str(caller.pid)], capture_output=True, text=True).stdout.split()
    assert children, "no worker found"
    os.kill(int(children[0]), signal.SIGKILL)
    _out, err = caller.communicate(timeout=300)
    assert caller.returncode == 0, err
    assert len(list(out.glob("*.docx"))) == rows
    assert "Traceback" not in err


def test_a_full_disk_while_making_a_pdf_fails_that_plan_and_the_batch_goes_on(tmp_path, capsys, monkeypatch):
    import errno

    from plangen.office import convert

    made = []

    def to_pdf(docx, target=None, **_options):
        if "thoxuan" in docx.name:
            raise OSError(errno.ENOSPC, "No space left on device", str(docx.with_suffix(".pdf")))
        made.append(docx)
        return docx.with_suffix(".pdf")

    monkeypatch.setattr(convert, "to_pdf", to_pdf)
    monkeypatch.setattr(convert, "soffice", lambda: "soffice")
    plans = [EXAMPLES / "hanoi-2025.yaml", EXAMPLES / "thoxuan-2024.yaml", EXAMPLES / "vinhlong-2025.yaml"]
    result = run_cli(capsys, "--lang", "en", "build", *map(str, plans), "-o", str(tmp_path), "--pdf", "--jobs", "1")
    assert result.code == 1, result.err
    assert "No space left on device" in result.err and "thoxuan-2024.pdf" in result.err
    assert "1 of 3 plans not built" in result.err
    assert len(made) == 2 and "Traceback" not in result.err


def build_each(capsys, tmp_path, table_text: str, *, lang: str = "en", newline: str | None = None):
    """`plangen build base.yaml --each xa.csv` with the CSV text given (written as is)."""
    base = tmp_path / "base.yaml"
    base.write_text(BASE, encoding="utf-8")
    table = tmp_path / "xa.csv"
    with table.open("w", encoding="utf-8", newline=newline or "") as fh:
        fh.write(table_text)
    result = run_cli(capsys, "--lang", lang, "build", str(base), "--each", str(table), "-o", str(tmp_path / "out"))
    return result, table


def test_each_quoted_cells_keep_their_line_breaks(tmp_path, capsys):
    # the csv module reads the whole text: a line break or U+2028 inside quotes stays in the cell
    result, _table = build_each(capsys, tmp_path, 'xa,han,chu_tich\r\n"An\nKhánh",05/10/2026,"Nguyễn\u2028Văn A"\r\n'
                               "Ba Vì,06/10/2026,Trần Thị B\r\n")
    assert result.code == 0, result.err
    text = docxtext.paragraphs(tmp_path / "out" / "base-an-khanh.docx")
    assert "Nguyễn\u2028Văn A" in text and any("xã An\nKhánh" in p for p in text)
    assert (tmp_path / "out" / "base-ba-vi.docx").exists()


def test_each_decomposed_letters_are_composed(tmp_path, capsys):
    import unicodedata

    nfd = unicodedata.normalize("NFD", "xa,han,chu_tich\nAn Khánh,05/10/2026,Nguyễn Văn Ánh\n")
    assert nfd != unicodedata.normalize("NFC", nfd)  # as macOS writes it
    result, _table = build_each(capsys, tmp_path, nfd)
    assert result.code == 0, result.err
    text = [p for p in docxtext.paragraphs(tmp_path / "out" / "base-an-khanh.docx") if p.strip()]
    assert text[:2] == ["ỦY BAN NHÂN DÂN", "XÃ AN KHÁNH"] and "Nguyễn Văn Ánh" in text
    assert all(unicodedata.is_normalized("NFC", p) for p in text)
    # a column named in Vietnamese, decomposed, is the variable of its name without accents
    result, table = build_each(capsys, tmp_path, unicodedata.normalize("NFD", "xa,hạn,chu_tich\nA,05/10/2026,C\n"))
    assert result.code == 0, result.err
    result, table = build_each(capsys, tmp_path, unicodedata.normalize("NFD", "xa,1 hạn,chu_tich\nA,B,C\n"))
    assert result.code == 2 and f"{table}:1:4: column name '1 hạn'" in result.err  # the name as typed, composed


def test_each_control_characters_are_refused_where_they_are(tmp_path, capsys):
    result, table = build_each(capsys, tmp_path, 'xa,han,chu_tich\nAn Khánh,05/10/2026,"Nguyễn\nVăn\x0bA"\n'
                               "Ba\x01 Vì,06/10/2026,Trần\tThị B\n")
    assert result.code == 2
    assert f"{table}:3:4: control character U+000B in the column 'chu_tich'" in result.err
    assert f"{table}:4:3: control character U+0001 in the column 'xa'" in result.err
    assert "template" not in result.err and "plan.docx" not in result.err and "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 2  # the tab is a character Word keeps
    assert not (tmp_path / "out").exists()
    result, table = build_each(capsys, tmp_path, "xa,han\x00,chu_tich\nA,05/10/2026,B\n", lang="vi")
    assert result.code == 2 and f"{table}:1:7: ký tự điều khiển U+0000 trong tên cột" in result.err


def test_each_odd_csv_files_are_located(tmp_path, capsys):
    # a quote never closed would swallow every later row into one cell
    result, table = build_each(capsys, tmp_path, 'xa,han,chu_tich\nAn Khánh,05/10/2026,Nguyễn Văn A\n'
                               'Ba Vì,"06/10/2026,Trần Thị B\nCầu Giấy,07/10/2026,Lê Văn C\n')
    assert result.code == 2 and f"{table}:3:7: this quote is never closed" in result.err
    assert "cells" not in result.err
    # a cell over the csv module's limit is an input error, not an internal one
    result, table = build_each(capsys, tmp_path, "xa,han,chu_tich\nA,05/10/2026," + "x" * 200_000 + "\n")
    assert result.code == 2 and f"{table}:2:1: a cell is longer than 131,072 characters" in result.err
    # duplicate columns and an empty file, in Vietnamese
    result, table = build_each(capsys, tmp_path, "xa,han,xa\nA,05/10/2026,B\n", lang="vi")
    assert result.code == 2 and f"{table}:1: cột 'xa' xuất hiện hai lần" in result.err
    result, table = build_each(capsys, tmp_path, "", lang="vi")
    assert result.code == 2 and f"{table}:1:1: tệp CSV rỗng" in result.err


def test_the_rows_of_a_batch_finding_are_told_as_ranges():
    from plangen.plan.rows import rows_text

    assert rows_text(list(range(1, 125))) == "1–124"
    assert rows_text([9, 2, 4, 5, 6, 4]) == "2, 4–6, 9"
    assert rows_text([3]) == "3" and rows_text([2, 3]) == "2, 3"


def test_a_batch_that_would_make_every_document_alike_or_from_one_commune_is_refused(tmp_path, capsys):
    """One plan per row: a base plan that uses no variable of the rows would make the same document
    for each; a fixed commune as the issuer would issue every commune's plan. Both are refused,
    located, before anything is written. A column of one's own table used nowhere is said."""
    fixed = BASE.replace('"XÃ {{ xa | upper }}"', "XÃ AN KHÁNH").replace('place: "{{ xa }}"', "place: An Khánh")
    base = tmp_path / "base.yaml"
    base.write_text(fixed, encoding="utf-8")
    out = tmp_path / "out"
    one_issuer = run_cli(capsys, "build", str(base), "--each-commune-of", "vinh-long", "-o", str(out), "--force")
    assert one_issuer.code == 2 and f"{base}:2:3" in one_issuer.err and "XÃ AN KHÁNH" in one_issuer.err
    assert not out.exists()
    table = tmp_path / "xa.csv"
    table.write_text("xa,han,chu_tich\nTân Phú,15/12/2026,Nguyễn Văn An\n", encoding="utf-8")
    from_table = run_cli(capsys, "build", str(base), "--each", str(table), "-o", str(out), "--force")
    assert from_table.code == 2 and "XÃ AN KHÁNH" in from_table.err and not out.exists()
    alike = base.read_text(encoding="utf-8").replace("{{ xa }}", "An Khánh").replace("{{ han | dmy }}", "15/12/2026")
    alike = alike.replace('"{{ chu_tich }}"', "Nguyễn Văn An")
    base.write_text(alike, encoding="utf-8")
    same = run_cli(capsys, "build", str(base), "--each-commune-of", "vinh-long", "-o", str(out), "--force")
    assert same.code == 2 and "`{{ xa }}`" in same.err and not out.exists()
    checked = run_cli(capsys, "check", str(base), "--each", str(table))
    assert checked.code == 2 and "`{{ xa }}`" in checked.err
    base.write_text(BASE, encoding="utf-8")
    table.write_text("xa,han,chu_tich,ghi_chu\nTân Phú,15/12/2026,Nguyễn Văn An,x\n", encoding="utf-8")
    unused = run_cli(capsys, "--lang", "en", "build", str(base), "--each", str(table), "-o", str(out), "--force")
    assert unused.code == 0, unused.err
    assert "the column `ghi_chu` is used nowhere" in unused.err and "`chu_tich`" not in unused.err
