"""`plangen check`: one broken fixture per rule, each reporting its rule id at the right place."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document

from plangen.check import check_path
from plangen.check.read import from_word
from plangen.check.rules import RULES
from plangen.word.wordfile import read

from cli_helpers import run_cli
from conftest import FIXTURES, SEEDS

CHECK = FIXTURES / "check"


def test_every_rule_documents_itself():
    for rule in RULES:
        doc = rule.__doc__ or ""
        assert doc.startswith(f"{rule.ID}:"), rule.__name__
        assert "Good:" in doc and "Bad:" in doc and "Source:" in doc, rule.ID
        assert rule.SEVERITY in ("error", "warning", "note")


def test_good_plan_has_no_findings(tmp_path, capsys):
    result = run_cli(capsys, "check", "--lang", "en", str(CHECK / "good.yaml"))
    assert result.code == 0 and result.out == "1 file checked: no problems found\n", result.out


YAML_CASES = [
    ("no-implementation.yaml", "required-sections", "warning", "14:3", "tổ chức thực hiện"),
    ("no-funding.yaml", "funding-section", "warning", "14:3", "funded"),
    ("committee-signs-kt.yaml", "signature-authority", "warning", "36:12", "TM."),
    ("deadline-last-year.yaml", "dates", "warning", "23:23", "before the date of issue"),
    ("impossible-date-in-text.yaml", "dates", "error", "33:9", "31/02/2026"),
]


@pytest.mark.parametrize(("name", "rule", "severity", "where", "words"), YAML_CASES, ids=[c[0] for c in YAML_CASES])
def test_broken_yaml_fixture(capsys, name, rule, severity, where, words):
    path = CHECK / name
    result = run_cli(capsys, "check", "--lang", "en", str(path))
    lines = result.out.splitlines()
    assert lines == [line for line in lines if line.startswith(f"{path}:")]
    assert len(lines) == 1, result.out
    assert lines[0].startswith(f"{path}:{where}: {severity} {rule} ") and words in lines[0]
    assert result.code == (1 if severity == "error" else 0)


@pytest.fixture(scope="module")
def good_docx(tmp_path_factory) -> Path:
    from plangen.document.render import build_file

    return build_file(CHECK / "good.yaml", tmp_path_factory.mktemp("good") / "good.docx")


def mutate(source: Path, target: Path, part: str, old: str, new: str) -> Path:
    """Copy a .docx, replacing a pattern everywhere in one of its XML parts (a hand-edited file)."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == part:
                text = data.decode("utf-8")
                assert re.search(old, text), (part, old)
                data = re.sub(old, new, text).encode("utf-8")
            dst.writestr(item, data)
    return target


def paragraph_of(path: Path, starts: str) -> int:
    return next(p.index for p in read(path).paragraphs if p.text.startswith(starts))


def test_good_docx_has_no_findings(good_docx):
    assert check_path(good_docx).findings == []


DOCX_CASES = [  # (name, part, old, new, rule, paragraph starting with…)
    ("number-without-zero", "word/document.xml", r"Số: 05/KH-UBND", "Số: 5/KH-UBND", "header", "Số:"),
    ("no-end-mark", "word/document.xml", r">/\.</w:t>", "></w:t>", "ending", "1. Các đơn vị"),
    ("item-gap", "word/document.xml", r">2\. Đề nghị", ">3. Đề nghị", "numbering", "3. Đề nghị"),
    ("letter-page", "word/document.xml", r'<w:pgSz w:w="11906" w:h="16838"/>',
     '<w:pgSz w:w="12240" w:h="15840"/>', "page-format", None),
    ("calibri", "word/styles.xml", r'w:ascii="Times New Roman"', 'w:ascii="Calibri"', "font", None),
    ("number-on-first-page", "word/document.xml", r"<w:titlePg/>", "", "page-numbers", None),
]


@pytest.mark.parametrize(("name", "part", "old", "new", "rule", "starts"), DOCX_CASES, ids=[c[0] for c in DOCX_CASES])
def test_broken_docx_fixture(good_docx, tmp_path, capsys, name, part, old, new, rule, starts):
    path = mutate(good_docx, tmp_path / f"{name}.docx", part, old, new)
    result = run_cli(capsys, "check", "--lang", "en", "--format", "json", str(path))
    findings = json.loads(result.out)
    assert {f["rule"] for f in findings} == {rule}, findings
    assert result.code == 1
    if starts:
        assert findings[0]["paragraph"] == paragraph_of(path, starts)
        assert findings[0]["context"].startswith(starts[:10])


def seed_as_plain_docx(seed: str, target: Path) -> Path:
    """A .docx made from a reference text by another tool: python-docx's defaults, one paragraph
    per line, no styles of ours (Letter paper, Calibri 11 pt)."""
    doc = Document()
    for line in (SEEDS / seed).read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc.add_paragraph(line.strip())
    doc.save(str(target))
    return target


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_plain_docx_of_a_seed_fails_format_but_its_sections_are_recognised(tmp_path, seed):
    path = seed_as_plain_docx(seed, tmp_path / "plain.docx")
    report = check_path(path)
    rules = {f.rule for f in report.findings}
    assert {"page-format", "font"} <= rules
    assert "required-sections" not in rules
    view = from_word(read(path))
    kinds = set().union(*(s.kinds for s in view.sections))
    assert {"purpose", "content", "assignments", "implementation"} <= kinds


def test_seed_004_reports_the_missing_point_d(tmp_path):
    path = seed_as_plain_docx("004_67194697ca12045d.txt", tmp_path / "004.docx")
    numbering = [f for f in check_path(path).findings if f.rule == "numbering"]
    assert len(numbering) == 1
    assert "d)" in numbering[0].message
    assert numbering[0].where.words.startswith("đ) Các cơ quan đoàn sở")


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_docx_of_seed_004(tmp_path):
    import subprocess

    target = tmp_path / "004.docx"
    subprocess.run(["pandoc", str(SEEDS / "004_67194697ca12045d.txt"), "-f", "markdown", "-o", str(target)],
                   check=True)
    findings = check_path(target).findings
    assert any(f.rule == "numbering" and "d)" in f.message for f in findings)
    assert any(f.rule == "font" for f in findings)


def test_word_automatic_numbering_is_read_as_shown(tmp_path):
    """Headings numbered by Word (numPr) are recognised with the label Word shows."""
    doc = Document()
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Phòng, chống mua bán người năm 2026")
    for text in ("MỤC ĐÍCH, YÊU CẦU", "NỘI DUNG VÀ PHÂN CÔNG NHIỆM VỤ", "TỔ CHỨC THỰC HIỆN"):
        doc.add_paragraph(text, style="List Number")
    path = tmp_path / "auto.docx"
    doc.save(str(path))
    paras = [p for p in read(path).paragraphs if p.label]
    assert [p.label for p in paras] == ["1.", "2.", "3."]
    assert paras[1].text == "2. NỘI DUNG VÀ PHÂN CÔNG NHIỆM VỤ"


def test_tracked_changes_show_the_new_text_only(good_docx, tmp_path):
    path = mutate(good_docx, tmp_path / "tracked.docx", "word/document.xml",
                  r'<w:t xml:space="preserve">Nâng cao nhận thức của Nhân dân\.',
                  '<w:t xml:space="preserve">Nâng cao </w:t></w:r><w:del w:id="90" w:author="A"><w:r>'
                  '<w:delText>nhận thức</w:delText></w:r></w:del><w:ins w:id="91" w:author="A"><w:r>'
                  '<w:t>hiểu biết</w:t></w:r></w:ins><w:r><w:t xml:space="preserve"> của Nhân dân.')
    texts = [p.text for p in read(path).paragraphs]
    assert "1. Nâng cao hiểu biết của Nhân dân." in texts


def test_unreadable_file_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"this is not a zip")
    result = run_cli(capsys, "check", "--lang", "en", str(bad))
    assert result.code == 2
    assert "not a readable Word" in result.err and "Traceback" not in result.err


def test_github_format(capsys):
    result = run_cli(capsys, "check", "--lang", "en", "--format", "github", str(CHECK / "no-implementation.yaml"))
    assert result.out.startswith("::warning file=")
    assert ",line=14,col=3,title=required-sections::" in result.out


def test_select_ignore_and_settings_file(tmp_path, capsys, monkeypatch):
    path = CHECK / "no-funding.yaml"
    all_well = "1 file checked: no problems found\n"  # the one line check says when all is well
    result = run_cli(capsys, "check", "--lang", "en", "--ignore", "funding-section", str(path))
    assert result.out == all_well
    result = run_cli(capsys, "check", "--lang", "en", "--select", "dates,numbering", str(path))
    assert result.out == all_well
    (tmp_path / "plangen.toml").write_text('[check]\n[check.severity]\nfunding-section = "error"\n')
    monkeypatch.chdir(tmp_path)
    result = run_cli(capsys, "check", "--lang", "en", str(path))
    assert " error funding-section " in result.out and result.code == 1
    (tmp_path / "plangen.toml").write_text('[check]\nignore = ["no-such-rule"]\n')
    result = run_cli(capsys, "check", "--lang", "en", str(path))
    assert result.code == 2 and "no-such-rule" in result.err


def test_select_ignore_take_the_rules_vietnamese_names(tmp_path, capsys, monkeypatch):
    """A clerk types the rule as `check` prints it ("[phần kinh phí]"), with or without accents."""
    path = CHECK / "no-funding.yaml"
    shown = run_cli(capsys, "check", str(path))
    assert "[phần kinh phí]" in shown.out
    for name in ("phần kinh phí", "Phan Kinh Phi", "PHẦN KINH PHÍ", "funding-section", "Funding_Section"):
        assert "[phần kinh phí]" not in run_cli(capsys, "check", "--ignore", name, str(path)).out, name
        assert "[phần kinh phí]" in run_cli(capsys, "check", "--select", f"ngày tháng,{name}", str(path)).out
    # a name holding a comma stays one name, in a list too; in English too
    assert "[phần kinh phí]" not in run_cli(capsys, "check", "--select", "khổ giấy, lề,đánh số", str(path)).out
    assert run_cli(capsys, "check", "--lang", "en", "--ignore", "phan kinh phi", str(path)).code == 0
    wrong = run_cli(capsys, "check", "--select", "ngay thng", str(path))
    assert wrong.code == 2 and "Traceback" not in wrong.err
    assert "không có quy tắc nào tên 'ngay thng'" in wrong.err and "gần nhất: dates (ngày tháng)" in wrong.err
    (tmp_path / "plangen.toml").write_text('[check]\nignore = ["phần kinh phí"]\n[check.severity]\n'
                                           '"ngày tháng" = "note"\n')
    monkeypatch.chdir(tmp_path)
    assert "[phần kinh phí]" not in run_cli(capsys, "check", str(path)).out


def test_required_sections_from_pyproject(tmp_path, capsys, monkeypatch):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.plangen.check]\nrequired-sections = ["purpose", "content", "assignments", "implementation", '
        '"reporting"]\n')
    monkeypatch.chdir(tmp_path)
    result = run_cli(capsys, "check", "--lang", "en", str(CHECK / "good.yaml"))
    assert "warning required-sections" in result.out and "chế độ báo cáo" in result.out and result.code == 0


def test_build_refuses_a_plan_with_errors_unless_forced(tmp_path, capsys):
    plan = tmp_path / "plan.yaml"
    shutil.copy(CHECK / "impossible-date-in-text.yaml", plan)
    result = run_cli(capsys, "build", "--lang", "en", str(plan))
    assert result.code == 1 and "dates" in result.err
    assert not (tmp_path / "plan.docx").exists()
    result = run_cli(capsys, "build", "--lang", "en", "--force", str(plan))
    assert result.code == 0 and (tmp_path / "plan.docx").exists()
