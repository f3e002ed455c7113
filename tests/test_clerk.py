"""A clerk's second day (issue 22): communes known, CI lines true, Excel as offices keep it,
messages a clerk reads, edits in Word never lost."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
import yaml

from plangen.word import docxtext

from cli_helpers import run_cli
from conftest import EXAMPLES, ROOT

COMMUNE_BASE = """\
issuer:
  name: [ỦY BAN NHÂN DÂN, "{{ xa | upper }}"]
  code: UBND
  place: "{{ ten_xa }}"
year: 2026
summary: Phòng, chống thiên tai năm {{ year }} trên địa bàn {{ xa }}
sections:
  - kind: [purpose, requirements]
    content:
      - Chủ động phòng, chống thiên tai tại {{ xa }}, {{ tinh }}.
  - kind: [content, assignments]
    content:
      - agency: Công an {{ xa }}
        tasks:
          - Bảo đảm an ninh trật tự.
  - kind: funding
    content:
      - Ngân sách {{ loai_xa }}.
  - kind: implementation
    content:
      - Báo cáo kết quả.
recipients:
  - UBND {{ tinh }}
signature: {authority: TM., collective: ỦY BAN NHÂN DÂN, position: CHỦ TỊCH, name: Nguyễn Văn A}
"""

COMMUNE_PLAN = """\
issuer:
  name: [ỦY BAN NHÂN DÂN, XÃ TÂN PHÚ]
  code: UBND
  place: Tân Phú
year: 2026
summary: Phòng, chống tội phạm năm 2026
sections:
  - kind: [purpose, requirements]
    content: [Bảo đảm an ninh trật tự.]
  - kind: [content, assignments]
    content:
      - agency: Công an xã
        tasks: [Chủ trì tuyên truyền., Tổ chức tuần tra.]
      - agency: Hội Liên hiệp Phụ nữ xã
        tasks: [Vận động hội viên.]
  - kind: funding
    content: [Ngân sách xã.]
  - kind: implementation
    content: [Báo cáo kết quả.]
recipients: [UBND tỉnh]
signature: {authority: TM., collective: ỦY BAN NHÂN DÂN, position: CHỦ TỊCH, name: Nguyễn Văn A}
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- 1. the README's CI lines ----------------------------------------------------------------

def test_check_walks_a_folder_of_plans(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    plans = tmp_path / "plans"
    (plans / "2027").mkdir(parents=True)
    (plans / "hanoi.yaml").write_bytes((EXAMPLES / "hanoi-2025.yaml").read_bytes())
    (plans / "2027" / "broken.yaml").write_text("issuer: 5\n", encoding="utf-8")
    write(plans / "plangen-registry.yaml", "departments: []\n")  # not a plan
    write(plans / ".github" / "workflows" / "plans.yml", "on: push\n")  # hidden folder: not a plan
    (plans / "~$hanoi.docx").write_bytes(b"lock")  # Word's lock file: not a plan
    result = run_cli(capsys, "--lang", "en", "check", "plans/", "--format", "sarif")
    assert result.code == 2  # the broken plan cannot be read; the SARIF of the others is still written
    log = json.loads(result.out)
    assert log["version"] == "2.1.0"
    assert "plans/2027/broken.yaml:1:9" in result.err and "registry" not in result.err
    (plans / "2027" / "broken.yaml").unlink()
    result = run_cli(capsys, "--lang", "en", "check", "plans/", "--format", "sarif")
    assert result.code == 0 and json.loads(result.out)["runs"][0]["results"] == []


def test_a_pattern_that_matched_nothing_is_passed_over_when_others_match(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "plans" / "a.yaml", (EXAMPLES / "hanoi-2025.yaml").read_text(encoding="utf-8"))
    # what the shell passes for `plans/*.yaml plans/*.docx` when the folder holds no Word file
    result = run_cli(capsys, "--lang", "en", "check", "--format", "github", "plans/a.yaml", "plans/*.docx")
    assert result.code == 0, result.err
    alone = run_cli(capsys, "--lang", "en", "check", "plans/*.docx")
    assert alone.code == 2 and "plans/*.docx: no file matches this pattern" in alone.err
    missing = run_cli(capsys, "--lang", "en", "check", "plans/a.yaml", "plans/b.yaml")
    assert missing.code == 2 and "plans/b.yaml" in missing.err  # a plain name is never passed over


# --- 2. communes known -----------------------------------------------------------------------

def test_the_official_list_has_34_provinces_and_3321_communes():
    from plangen.registry import builtin
    from plangen.registry.communes import official

    provinces, communes = official()
    assert len(provinces) == 34 and len(communes) == 3321
    assert {p for p, _name in provinces} == {p.id for p in builtin().provinces}  # one set of ids
    assert {c.kind for c in communes} == {"xã", "phường", "đặc khu"}


def test_every_commune_is_found_by_name_with_or_without_accents():
    from plangen.registry import fold
    from plangen.registry.communes import find_commune, named, official

    for commune in official()[1]:
        assert commune in named(commune.full, commune.province)
        assert commune in named(fold(commune.full), commune.province)  # "xa tan phu"
        if len(named(commune.full, commune.province)) == 1:
            assert find_commune(commune.full, commune.province) == commune
            assert find_commune(fold(commune.full), commune.province) == commune


def test_a_commune_issuer_takes_its_name_from_the_registry(tmp_path, capsys):
    plan = tmp_path / "xa.yaml"
    result = run_cli(capsys, "--lang", "en", "new", "--issuer", "xã tan phu", "--province", "vinh long",
                     "--year", "2027", "-o", str(plan))
    assert result.code == 0, result.err
    issuer = yaml.safe_load(plan.read_text(encoding="utf-8"))["issuer"]
    assert issuer["name"] == ["ỦY BAN NHÂN DÂN", "XÃ TÂN PHÚ"] and issuer["place"] == "Tân Phú"
    assert issuer["full_name"] == "Ủy ban nhân dân xã Tân Phú"
    assert issuer["province"] == "tỉnh Vĩnh Long"  # not printed: which Tân Phú it is


def test_a_commune_plan_that_names_its_province_derives_without_asking(tmp_path, capsys):
    plan = tmp_path / "xa.yaml"
    assert run_cli(capsys, "new", "--issuer", "xã Tân Phú", "--province", "Đồng Tháp", "--year", "2027",
                   "-o", str(plan)).code == 0
    text = plan.read_text(encoding="utf-8").replace("[Cơ quan chủ trì]", "Công an xã", 1)
    plan.write_text(text, encoding="utf-8")
    out = tmp_path / "ca.yaml"
    result = run_cli(capsys, "--lang", "en", "derive", str(plan), "--for", "Công an xã", "-o", str(out))
    assert result.code == 0, result.err  # xã Tân Phú is in five provinces: the plan says which
    issuer = yaml.safe_load(out.read_text(encoding="utf-8"))["issuer"]
    assert issuer["governing_body"] == ["CÔNG AN TỈNH ĐỒNG THÁP"] and issuer["province"] == "tỉnh Đồng Tháp"
    # the document does not print it
    assert run_cli(capsys, "build", str(plan), "-o", str(tmp_path / "xa.docx")).code == 0
    assert not any("Đồng Tháp" in p for p in docxtext.paragraphs(tmp_path / "xa.docx"))


@pytest.mark.parametrize(("province", "said"), [
    ("tỉnh Lâm Đồng", "no commune or ward 'XÃ TÂN PHÚ' in tỉnh Lâm Đồng"),
    ("Kien Giang", "Kiên Giang was merged into tỉnh An Giang"),
    ("tinh zzz", "unknown province"),
])
def test_check_warns_on_a_commune_not_in_the_province_the_plan_names(tmp_path, capsys, province, said):
    plan = tmp_path / "xa.yaml"
    assert run_cli(capsys, "new", "--issuer", "xã Tân Phú", "--province", "Đồng Tháp", "--year", "2027",
                   "-o", str(plan)).code == 0
    text = plan.read_text(encoding="utf-8")
    assert "issuer-known" not in run_cli(capsys, "--lang", "en", "check", str(plan), "--format", "json").out
    plan.write_text(text.replace("province: \"tỉnh Đồng Tháp\"", f"province: \"{province}\""), encoding="utf-8")
    found = run_cli(capsys, "--lang", "en", "check", str(plan))
    assert said in found.out, found.out


def test_a_wrong_commune_or_province_is_refused_with_the_nearest(tmp_path, capsys):
    plan = tmp_path / "xa.yaml"
    wrong_province = run_cli(capsys, "--lang", "en", "new", "--issuer", "xã Tân Phú", "--province", "zzzz qqq",
                             "--year", "2027", "-o", str(plan))
    assert wrong_province.code == 2 and "unknown province 'zzzz qqq'" in wrong_province.err
    wrong = run_cli(capsys, "--lang", "en", "new", "--issuer", "xã Tân Phúc", "--province", "vinh-long",
                    "--year", "2027", "-o", str(plan))
    assert wrong.code == 2 and "no commune or ward" in wrong.err and "xã Tân Phú" in wrong.err
    several = run_cli(capsys, "--lang", "en", "new", "--issuer", "xã Tân Phú", "--year", "2027", "-o", str(plan))
    assert several.code == 2 and "tỉnh Vĩnh Long" in several.err and "--province" in several.err
    assert not plan.exists()


def test_a_former_province_is_named_with_its_merger(tmp_path, capsys):
    plan = tmp_path / "kg.yaml"
    result = run_cli(capsys, "--lang", "en", "new", "--issuer", "ubnd", "--province", "Kien Giang", "--year", "2027",
                     "-o", str(plan))
    assert result.code == 0, result.err
    assert "Kiên Giang was merged into tỉnh An Giang on 1 July 2025" in result.err
    assert "TỈNH AN GIANG" in plan.read_text(encoding="utf-8")


def _issuer_findings(capsys, tmp_path, name: list[str], governing: list[str] | None = None) -> list[dict]:
    lines = f"  name: {json.dumps(name, ensure_ascii=False)}\n"
    if governing:
        lines += f"  governing_body: {json.dumps(governing, ensure_ascii=False)}\n"
    text = COMMUNE_PLAN.replace("  name: [ỦY BAN NHÂN DÂN, XÃ TÂN PHÚ]\n", lines)
    plan = write(tmp_path / "plan.yaml", text)
    result = run_cli(capsys, "--lang", "en", "check", str(plan), "--format", "json")
    return [f for f in json.loads(result.out) if f["rule"] == "issuer-known"]


def test_check_warns_on_an_issuer_that_is_no_known_body(tmp_path, capsys):
    assert _issuer_findings(capsys, tmp_path, ["ỦY BAN NHÂN DÂN", "XÃ TÂN PHÚ"]) == []
    unaccented = _issuer_findings(capsys, tmp_path, ["UY BAN NHAN DAN", "XA TAN PHU"])
    assert len(unaccented) == 1 and "“XÃ TÂN PHÚ”" in unaccented[0]["message"]
    assert unaccented[0]["severity"] == "warning"
    unknown = _issuer_findings(capsys, tmp_path, ["ỦY BAN NHÂN DÂN", "XÃ ZZZ QQQ"])
    assert len(unknown) == 1 and "no commune or ward" in unknown[0]["message"]
    merged = _issuer_findings(capsys, tmp_path, ["SỞ Y TẾ"], ["UBND TỈNH KIÊN GIANG"])
    assert len(merged) == 1 and "merged into tỉnh An Giang" in merged[0]["message"]
    department = _issuer_findings(capsys, tmp_path, ["SỞ KHÔNG CÓ THẬT"], ["UBND TỈNH VĨNH LONG"])
    assert len(department) == 1 and "no ministry or department" in department[0]["message"]
    # bodies a registry cannot know are not judged
    assert _issuer_findings(capsys, tmp_path, ["BAN CHỈ ĐẠO PHÒNG CHỐNG THIÊN TAI"], ["UBND XÃ TÂN PHÚ"]) == []


def test_registry_search_and_communes_of_a_province(capsys):
    found = run_cli(capsys, "--lang", "en", "registry", "xã")
    assert "Sở Xây dựng" not in found.out and "Bộ Xây dựng" not in found.out  # "xã" is not "Xây"
    assert found.out.splitlines()[0].startswith("commune") and "more communes and wards" in found.out
    listed = run_cli(capsys, "--lang", "en", "registry", "--province", "vinh-long")
    assert listed.code == 0 and listed.out.count("\n") == 124 and "xã Tân Phú" in listed.out


# --- 3. derive from a commune's plan ---------------------------------------------------------

def test_derive_from_a_commune_plan_is_at_the_commune_level(tmp_path, capsys):
    higher = write(tmp_path / "xa.yaml", COMMUNE_PLAN)
    out = tmp_path / "ca.yaml"
    result = run_cli(capsys, "--lang", "en", "derive", str(higher), "--for", "Công an xã", "--province", "vinh-long",
                     "-o", str(out))
    assert result.code == 0, result.err
    assert "assumed: Công an xã Tân Phú: a body of xã Tân Phú (tỉnh Vĩnh Long)" in result.err
    plan = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert plan["issuer"]["governing_body"] == ["CÔNG AN TỈNH VĨNH LONG"]
    assert plan["issuer"]["name"] == ["CÔNG AN XÃ TÂN PHÚ"] and plan["issuer"]["place"] == "Tân Phú"
    assert plan["signature"]["authority"] == "KT." and plan["signature"]["head"] == "TRƯỞNG CÔNG AN XÃ"
    assert "BỘ CÔNG AN" not in out.read_text(encoding="utf-8")
    assert "# Công an xã Tân Phú: a body of xã Tân Phú" in out.read_text(encoding="utf-8")  # said in the file
    items = [i["item"] for s in plan["sections"] if s.get("heading") == "NHIỆM VỤ TRỌNG TÂM" for i in s["content"]]
    assert items == ["Chủ trì tuyên truyền.", "Tổ chức tuần tra."]
    mass = run_cli(capsys, "--lang", "en", "derive", str(higher), "--for", "Hội Liên hiệp Phụ nữ xã",
                   "--province", "vinh-long", "-o", str(tmp_path / "pn.yaml"))
    assert mass.code == 0, mass.err
    women = yaml.safe_load((tmp_path / "pn.yaml").read_text(encoding="utf-8"))
    assert women["signature"]["authority"] == "TM." and women["signature"]["collective"] == "BAN CHẤP HÀNH"
    # the commune's name is shared by several provinces: which one is asked, not guessed
    ambiguous = run_cli(capsys, "--lang", "en", "derive", str(higher), "--for", "Công an xã",
                        "-o", str(tmp_path / "x.yaml"))
    assert ambiguous.code == 2 and "--province" in ambiguous.err


# --- 4. one plan per commune, Excel as offices keep it ---------------------------------------

def test_one_plan_per_commune_of_a_province(tmp_path, capsys):
    base = write(tmp_path / "base.yaml", COMMUNE_BASE)
    out = tmp_path / "out"
    result = run_cli(capsys, "--lang", "en", "build", str(base), "--each-commune-of", "Vĩnh Long",
                     "--only", "phường, Tân Phú", "-o", str(out))
    assert result.code == 0, result.err
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 20 and "base-xa-tan-phu.docx" in names and "base-phuong-ben-tre.docx" in names
    text = [p for p in docxtext.paragraphs(out / "base-xa-tan-phu.docx") if p.strip()]
    assert text[:2] == ["ỦY BAN NHÂN DÂN", "XÃ TÂN PHÚ"]
    assert any("Tân Phú, ngày" in p for p in text) and any("tỉnh Vĩnh Long" in p for p in text)
    wrong = run_cli(capsys, "--lang", "en", "build", str(base), "--each-commune-of", "vinh-long",
                    "--only", "Tân Phúc", "-o", str(tmp_path / "out2"))
    assert wrong.code == 2 and "xã Tân Phú" in wrong.err and not (tmp_path / "out2").exists()


def test_each_reads_excel_and_semicolon_csv_with_vietnamese_column_names(tmp_path, capsys):
    import datetime as dt

    from openpyxl import Workbook

    base = write(tmp_path / "base.yaml", COMMUNE_BASE.replace("{{ xa | upper }}", "XÃ {{ ten_xa | upper }}")
                 .replace("Báo cáo kết quả.", "Báo cáo trước ngày {{ han_bao_cao | dmy }}.")
                 .replace("{{ tinh }}", "tỉnh Vĩnh Long").replace("{{ loai_xa }}", "xã")
                 .replace("{{ xa }}", "xã {{ ten_xa }}"))
    book = Workbook()
    sheet = book.active
    sheet.append(["Tên xã", "Hạn báo cáo"])
    sheet.append(["Tân Phú", dt.datetime(2026, 10, 5)])  # Excel keeps a date as a date
    sheet.append(["Long Hồ", "06/10/2026"])
    book.save(tmp_path / "xa.xlsx")
    result = run_cli(capsys, "--lang", "en", "build", str(base), "--each", str(tmp_path / "xa.xlsx"),
                     "-o", str(tmp_path / "out"))
    assert result.code == 0, result.err
    text = docxtext.paragraphs(tmp_path / "out" / "base-tan-phu.docx")
    assert "XÃ TÂN PHÚ" in text and any("05/10/2026" in p for p in text)
    # Excel's "CSV" where a comma is the decimal mark: cells separated by ";"
    write(tmp_path / "xa.csv", "\ufeffTên xã;Hạn báo cáo\nTân Phú;05/10/2026\nBình Minh;06/10/2026\n")
    result = run_cli(capsys, "--lang", "en", "build", str(base), "--each", str(tmp_path / "xa.csv"),
                     "-o", str(tmp_path / "out-csv"))
    assert result.code == 0, result.err
    assert sorted(p.name for p in (tmp_path / "out-csv").iterdir()) == ["base-binh-minh.docx", "base-tan-phu.docx"]
    # an .xlsx given as the plan says what to do with it, not "a Word file"
    refused = run_cli(capsys, "--lang", "en", "build", str(tmp_path / "xa.xlsx"))
    assert refused.code == 2 and "--each xa.xlsx" in refused.err and "Word" not in refused.err


# --- 5. messages -------------------------------------------------------------------------------

def test_a_missing_colon_is_reported_on_its_own_line(tmp_path, capsys):
    plan = write(tmp_path / "plan.yaml", "issuer:\n  name: [A]\n  code UBND\n  place: X\nyear: 2026\n")
    result = run_cli(capsys, "--lang", "en", "validate", str(plan))
    assert result.code == 2 and f"{plan}:3:3: a key is missing its `:`" in result.err
    assert "    code UBND\n" in result.err


def test_plangen_alone_shows_a_short_help_and_version(capsys):
    alone = run_cli(capsys)
    assert alone.code == 0 and "Lỗi" not in alone.out + alone.err and "plangen build" in alone.out
    assert "Các lệnh thường dùng" in alone.out or "commands used most" in alone.out
    from plangen import __version__

    version = run_cli(capsys, "--version")
    assert version.code == 0 and version.out.strip() == f"plangen {__version__}"


@pytest.mark.parametrize("args", [["buidl"], ["build", "--jobs", "x", "a.yaml"], ["new", "-o", "x.yaml",
                                                                                  "--year", "abc"]])
def test_usage_errors_have_no_english_left(capsys, args):
    result = run_cli(capsys, "--lang", "vi", *args)
    assert result.code == 2
    for english in ("No such command", "Did you mean", "Input should be", "valid integer", "[OPTIONS]",
                    "<list[Path]>", "Usage:", "Try "):
        assert english not in result.err, (english, result.err)


def test_help_has_no_typer_type_names(capsys):
    shown = run_cli(capsys, "--lang", "vi", "build", "--help").out
    assert "<list[Path]>" not in shown and "{plans}" not in shown and "[OPTIONS]" not in shown


def test_text_findings_name_severity_and_rule_in_vietnamese(tmp_path, capsys):
    plan = write(tmp_path / "plan.yaml", COMMUNE_PLAN.replace("XÃ TÂN PHÚ]", "XA TAN PHU]"))
    vi = run_cli(capsys, "--lang", "vi", "check", str(plan))
    assert "cảnh báo [cơ quan ban hành]" in vi.out and "warning" not in vi.out and "issuer-known" not in vi.out
    en = run_cli(capsys, "--lang", "en", "check", str(plan))
    assert ": warning issuer-known " in en.out  # the id, in English and in JSON / SARIF
    assert json.loads(run_cli(capsys, "--lang", "vi", "check", str(plan), "--format", "json").out)[0]["rule"] \
        == "issuer-known"


def test_check_says_one_line_when_all_is_well(tmp_path, capsys):
    plan = write(tmp_path / "plan.yaml", COMMUNE_PLAN)
    result = run_cli(capsys, "--lang", "vi", "check", str(plan))
    assert result.code == 0 and result.out == "Đã kiểm tra 1 tệp: không có lỗi nào\n"


def test_decimal_commas_in_vietnamese_messages():
    from plangen.i18n import _, set_language

    try:
        set_language("vi")
        said = _("{what}: the {side} margin is {v:.1f} mm; the decree asks {low}–{high} mm").format(
            what="phần 1", side=_("left"), v=31.8, low=30, high=35)
        assert "31,8 mm" in said
        assert _("a cell is longer than {n:,} characters (or a quote opened here is never closed)").format(
            n=131072).startswith("một ô dài quá 131.072 ký tự")
        set_language("en")
        assert "31.8 mm" in _("{what}: the {side} margin is {v:.1f} mm; the decree asks {low}–{high} mm").format(
            what="section 1", side="left", v=31.8, low=30, high=35)
    finally:
        set_language(None)


def test_a_slashed_authority_is_one_finding_with_its_fix(tmp_path):
    from messy_word import OfficeDoc
    from plangen.check import check_path
    from test_office_files import BODY, _plan

    doc = OfficeDoc()
    _plan(doc, summary=["Phòng, chống mua bán người năm 2026"], body=BODY,
          signature="T/M. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
    found = [f for f in check_path(doc.save(tmp_path / "slash.docx")).findings if f.rule == "signature-authority"]
    assert len(found) == 1 and "“TM.”" in found[0].message


def test_a_wrong_budget_shows_the_expected_shape(tmp_path, capsys):
    plan = write(tmp_path / "plan.yaml", COMMUNE_PLAN.replace("    content: [Ngân sách xã.]",
                                                              "    content:\n      - budget: 5000000"))
    result = run_cli(capsys, "--lang", "en", "validate", str(plan))
    assert result.code == 2 and "the expected shape: {items: [{name: …, amount: …}]}" in result.err


# --- 6. edits in Word are never lost -----------------------------------------------------------

def _edited(path: Path) -> None:
    """As Word saves a document: the document part rewritten, the properties kept."""
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    added = "<w:p><w:r><w:t>Ghi chú của văn thư</w:t></w:r></w:p></w:body>".encode()
    members["word/document.xml"] = members["word/document.xml"].replace(b"</w:body>", added)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def test_build_refuses_to_overwrite_a_document_edited_in_word(tmp_path, capsys):
    plan = write(tmp_path / "plan.yaml", COMMUNE_PLAN)
    target = tmp_path / "plan.docx"
    assert run_cli(capsys, "--lang", "en", "build", str(plan)).code == 0
    assert run_cli(capsys, "--lang", "en", "build", str(plan)).code == 0  # plangen's own: rebuilt freely
    _edited(target)
    edited = target.read_bytes()
    refused = run_cli(capsys, "--lang", "en", "build", str(plan))
    assert refused.code == 2 and "changed since plangen made it" in refused.err and "--force" in refused.err
    assert target.read_bytes() == edited  # the clerk's edit is still there
    many = run_cli(capsys, "--lang", "en", "build", str(plan), str(write(tmp_path / "b.yaml", COMMUNE_PLAN)),
                   "-o", str(tmp_path))
    assert many.code == 1 and target.read_bytes() == edited and (tmp_path / "b.docx").exists()
    forced = run_cli(capsys, "--lang", "en", "build", str(plan), "--force")
    assert forced.code == 0 and target.read_bytes() != edited
    assert run_cli(capsys, "--lang", "en", "build", str(plan)).code == 0


# --- 9. small things -----------------------------------------------------------------------------

def test_the_pre_commit_hook_takes_plans_only():
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]

    def taken(name: str) -> bool:  # as pre-commit matches: re.search on the path
        return bool(re.search(hook["files"], name)) and not re.search(hook["exclude"], name)

    assert taken("plans/ke-hoach-2026.yaml") and taken("ke-hoach.docx") and taken("plans/a.yml")
    for other in ("plangen-registry.yaml", "plans/plangen-registry.yaml", "plangen.toml", "pyproject.toml",
                  ".pre-commit-config.yaml", ".github/workflows/plans.yml", "plans/~$ke-hoach.docx"):
        assert not taken(other), other


def test_the_workbook_deadline_column_holds_dates_only(tmp_path, capsys):
    from openpyxl import load_workbook

    plan = write(tmp_path / "plan.yaml", COMMUNE_PLAN.replace(
        "tasks: [Chủ trì tuyên truyền., Tổ chức tuần tra.]",
        "tasks:\n          - {text: Chủ trì tuyên truyền., deadline: 30/09/2026}\n"
        "          - {text: Tổ chức tuần tra., period: Thường xuyên}"))
    assert run_cli(capsys, "--lang", "vi", "tasks", str(plan), "--format", "xlsx").code == 0
    sheet = load_workbook(plan.with_suffix(".xlsx")).active
    heads = [c.value for c in sheet[1]]
    due, period = heads.index("Thời hạn") + 1, heads.index("Thời gian thực hiện") + 1
    dues = [sheet.cell(row=r, column=due).value for r in range(2, sheet.max_row + 1)]
    assert all(v is None or hasattr(v, "year") for v in dues) and any(hasattr(v, "year") for v in dues)
    assert "Thường xuyên" in [sheet.cell(row=r, column=period).value for r in range(2, sheet.max_row + 1)]
    rows = list(csv.reader(io.StringIO(run_cli(capsys, "--lang", "vi", "tasks", str(plan), "--format", "csv")
                                       .out.lstrip("\ufeff"))))
    assert rows[0][5] == "Thời hạn"  # the CSV keeps its one column


def test_a_deadline_prints_as_a_deadline_not_a_period(tmp_path, capsys):
    plan = write(tmp_path / "plan.yaml", COMMUNE_PLAN.replace(
        "tasks: [Chủ trì tuyên truyền., Tổ chức tuần tra.]",
        "tasks:\n          - {text: Chủ trì tuyên truyền., deadline: 30/09/2026}\n"
        "          - {text: Tổ chức tuần tra., period: Thường xuyên}"))
    assert run_cli(capsys, "--lang", "en", "build", str(plan)).code == 0
    text = docxtext.paragraphs(plan.with_suffix(".docx"))
    assert any("Chủ trì tuyên truyền. (thời hạn: 30/9/2026)" in p for p in text)
    assert any("Tổ chức tuần tra. (thời gian: Thường xuyên)" in p for p in text)


def test_every_rule_and_severity_has_a_name_a_clerk_reads():
    """A finding in Vietnamese names its rule and severity in Vietnamese, for every rule (new ones too)."""
    from plangen.check.finding import SEVERITIES
    from plangen.check.output import RULE_NAMES, SEVERITY_NAMES
    from plangen.check.rules import RULES
    from plangen.i18n import _, set_language

    assert {rule.ID for rule in RULES} <= set(RULE_NAMES)
    assert set(SEVERITIES) <= set(SEVERITY_NAMES)
    set_language("vi")
    try:
        assert all(_(name) != name for name in [*RULE_NAMES.values(), *SEVERITY_NAMES.values()])
    finally:
        set_language("en")


def test_tasks_output_named_for_one_format_is_not_written_in_another(tmp_path, capsys):
    """`tasks --format csv -o nhiem-vu.xlsx` wrote CSV text into a file Excel then refuses to open:
    the extension chooses the format when --format is left out, and a mismatch is refused, written
    nowhere."""
    plan = EXAMPLES / "hanoi-2025.yaml"
    wrong = run_cli(capsys, "tasks", str(plan), "--format", "csv", "-o", str(tmp_path / "nhiem-vu.xlsx"))
    assert wrong.code == 2 and "đuôi .xlsx" in wrong.err and not (tmp_path / "nhiem-vu.xlsx").exists()
    assert run_cli(capsys, "tasks", str(plan), "-o", str(tmp_path / "nhiem-vu.xlsx")).code == 0
    assert zipfile.is_zipfile(tmp_path / "nhiem-vu.xlsx")
    assert run_cli(capsys, "tasks", str(plan), "-o", str(tmp_path / "nhiem-vu.json")).code == 0
    assert json.loads((tmp_path / "nhiem-vu.json").read_text(encoding="utf-8"))[0]["agency"]
    assert run_cli(capsys, "tasks", str(plan), "--format", "csv", "-o", str(tmp_path / "nv.txt")).code == 0
    assert "Nhiệm vụ" in (tmp_path / "nv.txt").read_text(encoding="utf-8") or "task" in (
        tmp_path / "nv.txt").read_text(encoding="utf-8")


def _hand_made_plan(path: Path, signature: str, breaks: bool = True) -> None:
    """A plan as a clerk types it in Word: header and ending in tables, each cell one paragraph with
    line breaks (Shift+Enter); or, `breaks` False, the signature's lines as paragraphs of its cell."""
    from docx import Document

    document = Document()
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ TÂN PHÚ"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 0).text = "Số: 15/KH-UBND"
    header.cell(1, 1).text = "Tân Phú, ngày 10 tháng 01 năm 2027"
    for text in ("KẾ HOẠCH", "Phòng, chống dịch bệnh năm 2027", "I. MỤC ĐÍCH, YÊU CẦU",
                 "1. Chủ động phòng, chống dịch bệnh.", "II. TỔ CHỨC THỰC HIỆN",
                 "1. Trạm Y tế xã: chủ trì, theo dõi tình hình dịch bệnh./."):
        document.add_paragraph(text)
    ending = document.add_table(rows=1, cols=2)
    ending.cell(0, 0).text = "Nơi nhận:\n- UBND tỉnh;\n- Lưu: VT."
    if breaks:
        ending.cell(0, 1).text = signature
    else:
        lines = signature.split("\n")
        ending.cell(0, 1).text = lines[0]
        for line in lines[1:]:
            ending.cell(0, 1).add_paragraph(line)
    document.save(path)


@pytest.mark.parametrize("signature, position", [
    ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n\n\nNguyễn Văn Cường", "CHỦ TỊCH"),
    ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTrần Thị Lan", "PHÓ CHỦ TỊCH"),
    ("CHỦ TỊCH\n\n\nLê Văn Hùng", "CHỦ TỊCH"),
])
def test_a_signature_typed_in_one_cell_with_line_breaks_is_read(tmp_path, capsys, signature, position):
    """The whole signature in one paragraph of a cell (body, position, blank lines, name): import
    read it as a closing text under review and lost the signer; check said no signature was found.
    It reads now as the same lines typed as paragraphs of the cell."""
    read = {}
    for breaks in (True, False):
        path = tmp_path / f"tay-{breaks}.docx"
        _hand_made_plan(path, signature, breaks)
        checked = run_cli(capsys, "--lang", "en", "check", str(path))
        assert "no signature block was found" not in checked.out, checked.out
        out = tmp_path / f"tay-{breaks}.yaml"
        assert run_cli(capsys, "import", str(path), "-o", str(out)).code == 0
        plan = yaml.safe_load(out.read_text(encoding="utf-8"))
        assert "closing" not in plan, plan.get("closing")
        read[breaks] = plan["signature"]
    assert read[True] == read[False]
    assert read[True]["name"] == signature.split("\n")[-1] and read[True]["position"] == position


def _odt_bytes_of(docx: Path, folder: Path) -> Path:
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    subprocess.run([soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                    "--convert-to", "odt", "--outdir", str(folder), str(docx)], capture_output=True, timeout=300,
                   check=True)
    return docx.with_suffix(".odt")


def test_a_plan_saved_by_libreoffice_as_odt_is_checked_and_imported(tmp_path, capsys):
    """A commune clerk working in LibreOffice saves .odt: `check` called it a zip "not a plan file"
    and told to run check, `import` called it damaged with an English reason; now it is read through
    LibreOffice as a .docx is, and reads the same."""
    docx = tmp_path / "ke-hoach.docx"
    assert run_cli(capsys, "build", str(EXAMPLES / "hanoi-2025.yaml"), "-o", str(docx)).code == 0
    odt = _odt_bytes_of(docx, tmp_path)
    checked = run_cli(capsys, "check", str(odt))
    assert checked.code == 0 and "không phải tệp kế hoạch" not in checked.err, checked.err
    from_odt, from_docx = tmp_path / "a.yaml", tmp_path / "b.yaml"
    assert run_cli(capsys, "import", str(odt), "-o", str(from_odt)).code == 0
    assert run_cli(capsys, "import", str(docx), "-o", str(from_docx)).code == 0

    def body(path: Path) -> dict:
        return yaml.safe_load(path.read_text(encoding="utf-8"))

    assert body(from_odt) == body(from_docx)
    built = run_cli(capsys, "build", str(odt))  # given where a plan is expected: named for what it is
    assert built.code == 2 and "OpenDocument" in built.err and "plangen import" in built.err


def test_a_zip_that_is_no_word_file_is_said_in_vietnamese(tmp_path, capsys):
    fake = tmp_path / "ke-hoach.docx"
    with zipfile.ZipFile(fake, "w") as archive:
        archive.writestr("khac.txt", "không phải Word")
    for command in ("check", "import"):
        result = run_cli(capsys, command, str(fake))
        assert result.code == 2 and "không phải văn bản Word" in result.err, result.err
        assert "not a Word document" not in result.err


def test_a_word_file_cut_short_is_said_in_vietnamese(tmp_path, capsys):
    """A .docx half downloaded: the reason was Python's English ("File is not a zip file")."""
    whole = tmp_path / "ke-hoach.docx"
    assert run_cli(capsys, "build", str(EXAMPLES / "hanoi-2025.yaml"), "-o", str(whole)).code == 0
    cut = tmp_path / "tai-ve.docx"
    cut.write_bytes(whole.read_bytes()[:5000])
    for command in ("check", "import"):
        result = run_cli(capsys, command, str(cut))
        assert result.code == 2 and "tệp bị thiếu một phần" in result.err, result.err
        assert "zip file" not in result.err and "File is" not in result.err


def test_a_folder_names_its_doc_and_odt_files_instead_of_passing_them_over_silently(tmp_path, capsys):
    folder = tmp_path / "ke-hoach"
    folder.mkdir()
    (folder / "nam-2025.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)  # not converted here
    (folder / "nam-2026.odt").write_bytes(b"PK\x03\x04")
    (folder / "~$nam-2026.odt").write_bytes(b"")  # LibreOffice's lock file: not named
    (folder / "ke-hoach.yaml").write_text((EXAMPLES / "hanoi-2025.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli(capsys, "check", str(folder))
    assert result.code in (0, 1)
    for name in ("nam-2025.doc", "nam-2026.odt"):
        assert f"{folder / name}: tệp Word cũ (.doc) hoặc tệp OpenDocument (.odt) không được kiểm tra" in result.err
        assert f"`plangen check {folder / name}`" in result.err
    assert "~$" not in result.err and "Traceback" not in result.err


@pytest.mark.parametrize("port", ["99999", "-5"])
def test_web_with_a_port_out_of_range_is_refused_not_an_internal_error(tmp_path, capsys, port):
    result = run_cli(capsys, "web", str(tmp_path), "--no-browser", "--port", port)
    assert result.code == 2 and "--port nhận một số từ 1 đến 65535" in result.err, result.err
    assert "lỗi nội bộ" not in result.err and "OverflowError" not in result.err


def test_an_empty_cell_of_an_each_table_leaving_the_signer_unnamed_is_found(tmp_path, capsys):
    """`name: "{{ chu_tich }}"` with that cell left empty for one commune: its plan was built unsigned
    and checked clean, since the rule read the base's text, where the name is written."""
    base = tmp_path / "mau.yaml"
    text = (EXAMPLES / "hanoi-2025.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(\nsignature:(?:\n  .*)*?\n  name: ).*", r'\1"{{ chu_tich }}"', text, count=1)
    base.write_text(text, encoding="utf-8")
    assert '"{{ chu_tich }}"' in base.read_text(encoding="utf-8")
    table = tmp_path / "ds.csv"
    table.write_text("xa,chu_tich\nTân Phú,Nguyễn Văn A\nLong Hồ,\n", encoding="utf-8")
    result = run_cli(capsys, "check", str(base), "--each", str(table))
    assert result.code == 1 and f"còn trống: họ tên người ký ({table}, các dòng 3)" in result.out, result.out
    at = text[:text.index("\nsignature:")].count("\n") + 3  # the line after `signature:`
    assert f"{base}:{at}:3:" in result.out  # at the signature


def test_registry_search_lists_communes_and_party_bodies_in_vietnamese(capsys):
    """`plangen registry` names a ward a ward (the kind column: "xã/phường", the row "phường …")
    and a Party body's level in Vietnamese, in aligned columns."""
    wards = run_cli(capsys, "registry", "thuy", "xuan")
    assert wards.code == 0 and wards.out.startswith("xã/phường") and "phường Thủy Xuân — thành phố Huế" in wards.out
    party = run_cli(capsys, "registry", "dang", "uy")
    assert "Đảng ủy (cấp xã, phường) — ĐU, T/M BAN THƯỜNG VỤ" in party.out
    assert "commune" not in party.out and "province" not in party.out
    columns = {line.index(" dang-uy") for line in party.out.splitlines() if " dang-uy" in line}
    assert len(columns) == 1
