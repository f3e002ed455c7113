"""What CI and clerks expect of a checker: new findings with their rule and place, SARIF,
--fail-on, a baseline matched by fingerprint, Word comments, --explain, plangen todo."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from messy_word import OfficeDoc
from plangen.check import check_path
from plangen.check.rules import RULES
from plangen.word.docxtext import paragraphs
from test_office_files import BODY, UBND_SIGNATURE, _plan

from cli_helpers import run_cli
from conftest import EXAMPLES

GOOD = (Path(__file__).parent / "fixtures" / "check" / "good.yaml").read_text(encoding="utf-8")


def plan_file(tmp_path: Path, text: str, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def findings(path: Path, rule: str) -> list:
    return [f for f in check_path(path).findings if f.rule == rule]


# --- new findings ------------------------------------------------------------------------------

def test_placeholders_and_review_marks_are_errors(tmp_path):
    lines = GOOD.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("archive:"))
    lines[at] = lines[at] + "  # REVIEW: confirm the archive line"
    lines.append('theme: "[chủ đề của năm]"')
    found = findings(plan_file(tmp_path, "\n".join(lines) + "\n"), "placeholders")
    assert {f.severity for f in found} == {"error"} and len(found) == 2
    assert next(f for f in found if "[chủ đề của năm]" in f.message).where.line == len(lines)
    assert next(f for f in found if "confirm the archive line" in f.message).where.line == at + 1


def test_lists_jinja_indexes_footnotes_and_citations_are_not_placeholders(tmp_path):
    text = GOOD.replace("    content:\n", "    content:\n      - item: \"Theo Luật [1], chú thích^[Phụ lục kèm "
                        "theo] và {{ [year, 1][0] }}.\"\n", 1)
    assert text != GOOD and "kind: [" in text
    assert findings(plan_file(tmp_path, text), "placeholders") == []


def test_empty_signer_name(tmp_path):
    text = GOOD.replace("name: Nguyễn Văn A}", 'name: ""}')
    assert text != GOOD
    found = findings(plan_file(tmp_path, text), "placeholders")
    assert len(found) == 1 and "signer" in found[0].message and found[0].where.line == 37


def test_placeholders_in_a_word_file(tmp_path):
    doc = OfficeDoc()
    body = [*BODY[:-1], ("decimal", "[Cơ quan đầu mối theo dõi, đôn đốc]./.")]
    _plan(doc, summary=["Phòng, chống mua bán người năm 2026"], body=body, signature=UBND_SIGNATURE)
    found = findings(doc.save(tmp_path / "draft.docx"), "placeholders")
    assert len(found) == 1 and found[0].where.paragraph and "[Cơ quan đầu mối" in found[0].message


def test_build_makes_a_draft_of_an_unfinished_plan(tmp_path, capsys):
    path = plan_file(tmp_path, GOOD.rstrip("\n") + '\ntheme: "[chủ đề của năm]"\n')
    result = run_cli(capsys, "--lang", "en", "build", str(path))
    assert result.code == 0 and path.with_suffix(".docx").exists()
    assert "warning placeholders" in result.err


@pytest.mark.parametrize(("key", "text", "label"), [
    ("item", "1. Triển khai kế hoạch.", "1."), ("point", "b) Đẩy mạnh tuyên truyền.", "b)"),
    ("bullet", "- Tổ chức hội nghị.", "-"),
])
def test_labels_typed_by_hand(tmp_path, key, text, label):
    plan = GOOD.replace("    content:\n", f"    content:\n      - {key}: \"{text}\"\n", 1)
    found = findings(plan_file(tmp_path, plan), "typed-labels")
    assert len(found) == 1 and found[0].severity == "warning" and f"“{label}”" in found[0].message
    line = plan.splitlines()[found[0].where.line - 1]
    assert text in line


def test_doubled_label_in_a_word_file(tmp_path):
    doc = OfficeDoc()
    body = [*BODY[:1], ("decimal", "1. Nâng cao nhận thức của cán bộ."), *BODY[2:]]
    _plan(doc, summary=["Phòng, chống mua bán người năm 2026"], body=body, signature=UBND_SIGNATURE)
    found = findings(doc.save(tmp_path / "doubled.docx"), "typed-labels")
    assert len(found) == 1 and "1. 1." in found[0].where.words


def test_same_document_cited_with_two_dates(tmp_path):
    plan = GOOD.replace("    content:\n", "    content:\n      - item: \"Theo Quyết định số 1137/QĐ-TTg ngày "
                        "13/6/2025 và Quyết định số 1137/QĐ-TTg ngày 16/3/2025.\"\n", 1)
    found = findings(plan_file(tmp_path, plan), "consistency")
    assert len(found) == 1 and "1137/QĐ-TTg" in found[0].message and found[0].where.line


def test_slash_in_the_authority(tmp_path):
    doc = OfficeDoc()
    _plan(doc, summary=["Phòng, chống mua bán người năm 2026"], body=BODY,
          signature="T/M. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
    found = findings(doc.save(tmp_path / "slash.docx"), "signature-authority")
    assert any("without a slash" in f.message for f in found)


def test_collective_body_of_a_department_signs_tm(tmp_path):
    doc = OfficeDoc()
    _plan(doc, summary=["Kiểm tra an toàn thực phẩm năm 2026"], body=BODY,
          issuer=[("UBND TỈNH VĨNH LONG", False), ("SỞ CÔNG THƯƠNG", True), ("Số:      /KH-ĐKT", False)],
          signature="TM. ĐOÀN KIỂM TRA\nTRƯỞNG ĐOÀN")
    assert findings(doc.save(tmp_path / "doan.docx"), "signature-authority") == []
    doc = OfficeDoc()
    _plan(doc, summary=["Kiểm tra an toàn thực phẩm năm 2026"], body=BODY,
          issuer=[("UBND TỈNH VĨNH LONG", False), ("SỞ CÔNG THƯƠNG", True), ("Số:      /KH-SCT", False)],
          signature="TM. SỞ CÔNG THƯƠNG\nGIÁM ĐỐC")
    assert findings(doc.save(tmp_path / "so.docx"), "signature-authority")


def test_landscape_appendix_margins_turned_with_the_page(tmp_path):
    def doc_with(margins):
        doc = OfficeDoc()
        _plan(doc, summary=["Phòng, chống mua bán người năm 2026"], body=BODY, signature=UBND_SIGNATURE)
        doc.landscape_section(margins)
        doc.para("Phụ lục", bold=True, align="center", indent=False)
        doc.para("LỊCH TRUYỀN THÔNG", bold=True, align="center", indent=False)
        doc.para("Tháng 7: tuyên truyền trên đài truyền thanh xã.")
        return doc.save(tmp_path / f"landscape-{margins[2]}.docx")

    assert findings(doc_with((30, 15, 20, 20)), "page-format") == []  # the binding margin at the top
    found = findings(doc_with((10, 10, 10, 10)), "page-format")
    assert found and all("section 2 (landscape)" in f.message and "turned with the page" in f.message
                         for f in found)
    assert found[0].where.paragraph and "Phụ lục" in found[0].where.words


def test_office_margin_ranges_from_settings(tmp_path, capsys):
    doc = OfficeDoc()
    _plan(doc, summary=["Phòng, chống mua bán người năm 2026"], body=BODY, signature=UBND_SIGNATURE)
    from docx.shared import Mm

    doc.doc.sections[0].left_margin = Mm(27)
    path = doc.save(tmp_path / "left27.docx")
    assert run_cli(capsys, "--lang", "en", "check", str(path)).code == 1
    settings = plan_file(tmp_path, "[check.margins]\nleft = [25, 35]\n", "plangen.toml")
    assert run_cli(capsys, "--lang", "en", "check", "--config", str(settings), str(path)).code == 0


# --- output, exit status, baseline ------------------------------------------------------------

def test_sarif_output_is_valid_for_code_scanning(tmp_path, capsys):
    plan = GOOD.replace("    content:\n", "    content:\n      - item: \"1. Triển khai.\"\n", 1)
    path = plan_file(tmp_path, plan)
    result = run_cli(capsys, "--lang", "en", "check", "--format", "sarif", str(path))
    log = json.loads(result.out)
    assert log["version"] == "2.1.0" and log["runs"][0]["tool"]["driver"]["name"] == "plangen"
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    result0 = log["runs"][0]["results"][0]
    assert rules[result0["ruleIndex"]]["id"] == result0["ruleId"] == "typed-labels"
    region = result0["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] > 1 and region["startColumn"] >= 1
    assert result0["partialFingerprints"]["plangen/v1"]


@pytest.mark.parametrize(("fail_on", "code"), [("error", 0), ("warning", 1)])
def test_fail_on(tmp_path, capsys, fail_on, code):
    plan = GOOD.replace("    content:\n", "    content:\n      - item: \"1. Triển khai.\"\n", 1)
    result = run_cli(capsys, "--lang", "en", "check", "--fail-on", fail_on, str(plan_file(tmp_path, plan)))
    assert result.code == code
    assert run_cli(capsys, "--lang", "en", "check", "--fail-on", "never", str(plan_file(tmp_path, plan))).code == 2


def test_baseline_keeps_accepted_findings_quiet_when_lines_move(tmp_path, capsys):
    plan = GOOD.replace("    content:\n", "    content:\n      - item: \"1. Triển khai.\"\n", 1)
    path = plan_file(tmp_path, plan)
    base = tmp_path / "baseline.json"
    assert run_cli(capsys, "--lang", "en", "check", "--write-baseline", str(base), str(path)).code == 0
    moved = plan.replace("year:", "# a comment that moves every line down\nyear:", 1)
    path.write_text(moved, encoding="utf-8")
    result = run_cli(capsys, "--lang", "en", "check", "--baseline", str(base), "--fail-on", "warning", str(path))
    assert result.code == 0 and "typed-labels" not in result.out
    newer = moved.replace("    content:\n", "    content:\n      - point: \"b) Mới.\"\n", 1)
    path.write_text(newer, encoding="utf-8")
    result = run_cli(capsys, "--lang", "en", "check", "--baseline", str(base), str(path))
    assert result.out.count("typed-labels") == 1 and "b)" in result.out
    bad = plan_file(tmp_path, "{}", "bad.json")
    assert run_cli(capsys, "--lang", "en", "check", "--baseline", str(bad), str(path)).code == 2


def test_annotate_writes_comments_and_leaves_the_source_alone(tmp_path, capsys):
    doc = OfficeDoc()
    body = [*BODY[:1], ("decimal", "1. Nâng cao nhận thức của cán bộ."), *BODY[2:]]
    _plan(doc, summary=["Phòng, chống mua bán người năm 2026"], body=body, signature=UBND_SIGNATURE)
    source = doc.save(tmp_path / "plan.docx")
    before = source.read_bytes()
    target = tmp_path / "checked.docx"
    result = run_cli(capsys, "--lang", "en", "check", str(source), "--annotate", str(target))
    assert source.read_bytes() == before
    assert "1 comments" in result.out or "(1 comments)" in result.out
    with zipfile.ZipFile(target) as zf:
        comments = zf.read("word/comments.xml").decode("utf-8")
        assert "typed-labels" in comments and "Phụ lục I" in comments
        assert "comments.xml" in zf.read("word/_rels/document.xml.rels").decode("utf-8")
    assert paragraphs(target) == paragraphs(source)
    assert [f.rule for f in check_path(target).findings] == [f.rule for f in check_path(source).findings]


@pytest.mark.soffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_annotated_copy_opens_in_libreoffice(tmp_path, built_examples):
    from plangen.check.annotate import annotate

    target = tmp_path / "checked.docx"
    annotate(built_examples["hanoi-2026.yaml"], target, check_path(built_examples["hanoi-2026.yaml"]).findings)
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(target)], check=True, capture_output=True,
                   timeout=180)
    assert (tmp_path / "checked.pdf").stat().st_size > 1000


# --- documentation ----------------------------------------------------------------------------

@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.ID)
def test_every_rule_is_documented_in_both_languages(rule):
    for doc in (rule.__doc__, rule.DOC_VI):
        assert doc.startswith(f"{rule.ID}:") and ("Good:" in doc or "Đúng:" in doc)
        assert ("Bad:" in doc or "Sai:" in doc) and ("Source:" in doc or "Căn cứ:" in doc)


def test_explain_in_both_languages(capsys):
    assert "Căn cứ: Nghị định 30/2020/NĐ-CP" in run_cli(capsys, "--lang", "vi", "check", "--explain",
                                                         "numbering").out
    assert "Source: Nghị định 30/2020/NĐ-CP" in run_cli(capsys, "--lang", "en", "check", "--explain",
                                                         "numbering").out
    wrong = run_cli(capsys, "--lang", "en", "check", "--explain", "numberin")
    assert wrong.code == 2 and "did you mean numbering" in wrong.err


# --- plangen todo ------------------------------------------------------------------------------

def test_todo_lists_what_is_left_after_editing(tmp_path, capsys):
    plan = tmp_path / "plan.yaml"
    assert run_cli(capsys, "new", "--lang", "en", "--issuer", "ubnd", "--province", "ha-noi", "--year", "2027",
                   "-o", str(plan)).code == 0
    result = run_cli(capsys, "--lang", "en", "todo", str(plan))
    assert result.code == 1 and "signer's name" in result.out
    listed = [line for line in result.out.splitlines() if "still to fill in" in line]
    assert listed and all("[" in line for line in listed)
    assert not any("[purpose" in line for line in listed)  # a YAML list is not a placeholder
    text = plan.read_text(encoding="utf-8")
    import re

    filled = re.sub(r'"\[[^\]]*\]"', '"Nội dung đã điền"', text)
    filled = re.sub(r"\[[^\]\n]*[A-ZĐa-zđ][^\]\n]*\] *", "", filled.replace('name: ""', "name: Nguyễn Văn An"))
    plan.write_text(filled, encoding="utf-8")
    result = run_cli(capsys, "--lang", "en", "todo", str(plan))
    assert result.code == 0 and "nothing left to do" in result.out


def test_examples_have_nothing_left_to_do(capsys):
    assert run_cli(capsys, "--lang", "en", "todo", *(str(p) for p in sorted(EXAMPLES.glob("*.yaml")))).code == 0


def test_settings_planted_where_others_can_write_are_ignored(tmp_path, monkeypatch):
    import os

    from plangen.check.config import find_config

    shared = tmp_path / "shared"
    project = shared / "project"
    project.mkdir(parents=True)
    planted = shared / "plangen.toml"
    planted.write_text('[check]\nignore = ["numbering"]\n', encoding="utf-8")
    os.chmod(planted, 0o666)  # anyone may write it
    assert find_config(project) is None
    os.chmod(planted, 0o644)
    assert find_config(project) == planted.resolve()
    (project / ".git").mkdir()  # the repository's root: the search stops there
    assert find_config(project) is None


def test_a_review_mark_done_takes_its_entry_from_the_list_at_the_top():
    """The list an import writes above the plan follows the marks taken away: its count, the lines
    of the other entries (the list and a mark's own line gone), and the list itself with its last."""
    from plangen.plan.placeholders import review_done, review_marks

    text = ("# yaml-language-server: $schema=plan.schema.json\n"
            "# REVIEW — 4 điểm cần xác nhận trước khi ban hành kế hoạch:\n"
            "#   dòng 8: a\n#   dòng 9: b\n#   dòng 9: c\n#   dòng 11: d\n#\n"
            "year: 2026  # REVIEW: a\n"
            "# REVIEW: b; c\n"
            "summary: x\n"
            "archive: VT  # REVIEW: d\n")
    assert sorted(review_marks(text)) == [8, 9, 11]
    once = review_done(text, 9)  # a line that was only the mark, with two notes
    assert once.splitlines()[1:5] == ["# REVIEW — 2 điểm cần xác nhận trước khi ban hành kế hoạch:",
                                      "#   dòng 6: a", "#   dòng 8: d", "#"]
    assert sorted(review_marks(once)) == [6, 8]
    twice = review_done(once, 6)
    assert twice.splitlines()[1:4] == ["# REVIEW — 1 điểm cần xác nhận trước khi ban hành kế hoạch:",
                                       "#   dòng 7: d", "#"] and sorted(review_marks(twice)) == [7]
    last = review_done(twice, 7)
    assert last == "# yaml-language-server: $schema=plan.schema.json\nyear: 2026\nsummary: x\narchive: VT\n"
    assert review_done(text, 10) == text  # no mark there
