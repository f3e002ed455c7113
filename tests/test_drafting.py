"""Drafting: a skeleton for any issuer, next year's plan, a lower body's plan."""

from __future__ import annotations

import re

import pytest

from plangen.check import check_path
from plangen.registry import builtin, resolve_issuer
from plangen.word import docxtext

from cli_helpers import run_cli
from conftest import EXAMPLES

PROVINCES = [p.id for p in builtin().provinces]


def test_registry_has_the_34_provinces():
    assert len(PROVINCES) == 34
    kinds = [p.kind for p in builtin().provinces]
    assert kinds.count("Thành phố") == 6 and kinds.count("Tỉnh") == 28
    hcm = next(p for p in builtin().provinces if p.name == "Hồ Chí Minh")
    assert hcm.place == "Thành phố Hồ Chí Minh"


def new_build_check(tmp_path, capsys, *args: str) -> list[str]:
    plan = tmp_path / "plan.yaml"
    result = run_cli(capsys, "new", "--lang", "en", "-o", str(plan), "--year", "2027", *args)
    assert result.code == 0, result.err
    assert "to fill in: [" in result.out
    result = run_cli(capsys, "build", "--lang", "en", str(plan))
    assert result.code == 0, result.err
    docx = plan.with_suffix(".docx")
    assert "placeholders" in result.err  # built as a draft, the places still to fill in listed
    # a skeleton is complete but for what a person must fill in: YAML and .docx agree on it
    left = {f.rule for f in check_path(plan).findings}
    assert left == {"placeholders"} and {f.rule for f in check_path(docx).findings} == left
    return [p for p in docxtext.paragraphs(docx) if p.strip()]


@pytest.mark.parametrize("province", PROVINCES)
def test_new_for_every_province_committee(tmp_path, capsys, province):
    prov = next(p for p in builtin().provinces if p.id == province)
    lines = new_build_check(tmp_path, capsys, "--issuer", "ubnd", "--province", province)
    assert lines[:2] == ["ỦY BAN NHÂN DÂN", ("THÀNH PHỐ " if prov.kind == "Thành phố" else "TỈNH ") + prov.name.upper()]
    assert any(x.startswith("Số:") and x.endswith("/KH-UBND") for x in lines)
    assert any(x.startswith(f"{prov.place}, ngày") and x.endswith("năm 2027") for x in lines)
    assert "TM. ỦY BAN NHÂN DÂN" in lines


@pytest.mark.parametrize(("issuer", "province", "head", "symbol", "place", "authority"), [
    ("byt", None, ["BỘ Y TẾ"], "KH-BYT", "Hà Nội", "KT. BỘ TRƯỞNG"),
    ("Bộ Công an", None, ["BỘ CÔNG AN"], "KH-BCA", "Hà Nội", "KT. BỘ TRƯỞNG"),
    ("nhnn", None, ["NGÂN HÀNG NHÀ NƯỚC VIỆT NAM"], "KH-NHNN", "Hà Nội", "KT. THỐNG ĐỐC"),
    ("Sở Y tế", "vinh-long", ["UBND TỈNH VĨNH LONG", "SỞ Y TẾ"], "KH-SYT", "Vĩnh Long", "KT. GIÁM ĐỐC"),
    ("sgddt", "Đà Nẵng", ["UBND THÀNH PHỐ ĐÀ NẴNG", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"], "KH-SGDĐT", "Đà Nẵng", "KT. GIÁM ĐỐC"),
    ("ca", "ho-chi-minh", ["BỘ CÔNG AN", "CÔNG AN THÀNH PHỐ HỒ CHÍ MINH"], "KH-CA", "Thành phố Hồ Chí Minh",
     "KT. GIÁM ĐỐC"),
    ("xã An Khánh", "ha-noi", ["ỦY BAN NHÂN DÂN", "XÃ AN KHÁNH"], "KH-UBND", "An Khánh", "TM. ỦY BAN NHÂN DÂN"),
    ("phường Ba Đình", "ha-noi", ["ỦY BAN NHÂN DÂN", "PHƯỜNG BA ĐÌNH"], "KH-UBND", "Ba Đình", "TM. ỦY BAN NHÂN DÂN"),
])
def test_new_for_ministries_departments_and_communes(tmp_path, capsys, issuer, province, head, symbol, place,
                                                     authority):
    args = ["--issuer", issuer] + (["--province", province] if province else [])
    lines = new_build_check(tmp_path, capsys, *args)
    assert lines[:len(head)] == head
    assert any(x.startswith("Số:") and x.endswith(f"/{symbol}") for x in lines)
    assert any(x.startswith(f"{place}, ngày") for x in lines)
    assert authority in lines


def test_unknown_issuer_and_missing_province(tmp_path, capsys):
    result = run_cli(capsys, "new", "--lang", "en", "-o", str(tmp_path / "p.yaml"), "--year", "2027",
                     "--issuer", "Bộ Không Có")
    assert result.code == 2 and "unknown issuer" in result.err
    result = run_cli(capsys, "new", "--lang", "en", "-o", str(tmp_path / "p.yaml"), "--year", "2027",
                     "--issuer", "syt")
    assert result.code == 2 and "--province" in result.err


def test_office_registry_file(tmp_path, monkeypatch):
    (tmp_path / "plangen-registry.yaml").write_text(
        "departments:\n  - {id: bql, name: Ban Quản lý các khu công nghiệp, code: BQL, head: TRƯỞNG BAN, "
        "deputy: PHÓ TRƯỞNG BAN}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    from plangen.registry import load

    issuer = resolve_issuer("bql", "vinh-long", load())
    assert issuer.name == ["BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP"] and issuer.head == "TRƯỞNG BAN"


YEAR_TOKEN = re.compile(r"^\d+$|\d{1,2}/\d{4}|^\d*/KH-|^\d*-KH/")  # Số 05/KH-UBND, a Party's Số 05-KH/ĐU


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_next_year_changes_only_what_the_review_list_says(tmp_path, capsys, example):
    import difflib

    from plangen.plan.load import load_plan

    source = EXAMPLES / example
    target = tmp_path / "next.yaml"
    result = run_cli(capsys, "new", "--lang", "en", "--from", str(source), "-o", str(target))
    assert result.code == 0, result.err
    review = [line for line in result.out.splitlines() if line.startswith(f"{target}:")]
    assert any("year" in line for line in review)
    old, new = load_plan(source).plan, load_plan(target).plan
    assert new.year == old.year + 1 and new.number is None and new.date is None
    assert new.legal_bases == old.legal_bases  # real documents never change
    from plangen.document.render import build_file

    a = [p for p in docxtext.paragraphs(build_file(source, tmp_path / "a.docx")) if p.strip()]
    b = [p for p in docxtext.paragraphs(build_file(target, tmp_path / "b.docx")) if p.strip()]
    assert len(a) == len(b)
    for pa, pb in zip(a, b, strict=True):
        if pa == pb:
            continue
        wa, wb = pa.replace("\u00a0", " ").split(), pb.replace("\u00a0", " ").split()
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes():
            if tag == "equal":
                continue
            changed = wa[i1:i2] + wb[j1:j2]
            # only the plan's year and its own dates move; draft blanks replace a number or date
            assert all(YEAR_TOKEN.search(w.strip("”“\"(),.;:")) or w in ("Số:", "ngày", "tháng", "năm")
                       for w in changed), (pa, pb)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server") and "# REVIEW" in text
    lines = text.splitlines()
    header = [line for line in lines if line.startswith("#   line ")]
    assert len(header) == len(review)  # the review list is written into the file too
    for line in review:  # each points at a line marked REVIEW, or at the first line of a long text
        number = int(line.split(":")[1])
        assert "REVIEW" in lines[number - 1] or lines[number - 2].rstrip().endswith((">-", ">", "|-", "|"))


def test_next_year_keeps_comments_and_key_order(tmp_path, capsys):
    source = tmp_path / "plan.yaml"
    source.write_text((EXAMPLES.parent / "tests" / "fixtures" / "check" / "good.yaml").read_text(encoding="utf-8")
                      .replace("year: 2026", "year: 2026  # năm kế hoạch\n# ghi chú của văn phòng"),
                      encoding="utf-8")
    target = tmp_path / "next.yaml"
    result = run_cli(capsys, "new", "--lang", "en", "--from", str(source), "-o", str(target))
    assert result.code == 0, result.err
    text = target.read_text(encoding="utf-8")
    assert "# ghi chú của văn phòng" in text and "năm kế hoạch" in text
    keys = [line.split(":")[0] for line in text.splitlines() if re.match(r"^[a-z_]+:", line)]
    assert keys[:4] == ["issuer", "year", "summary", "variables"]
    assert "han_bao_cao: 05/10/2027" in text and "deadline: 30/09/2027" in text


def test_derive_gives_the_department_the_tasks_the_city_gave_it(tmp_path, capsys):
    from plangen.plan.load import load_plan
    from plangen.plan.tasks import task_rows

    target = tmp_path / "so-y-te.yaml"
    result = run_cli(capsys, "derive", "--lang", "en", str(EXAMPLES / "hanoi-2025.yaml"), "--for", "Sở Y tế",
                     "-o", str(target))
    assert result.code == 0, result.err
    city = [r.task for r in task_rows(load_plan(EXAMPLES / "hanoi-2025.yaml").plan) if r.agency == "Sở Y tế"]
    plan = load_plan(target).plan
    assert plan.issuer.name == ["SỞ Y TẾ"] and plan.issuer.governing_body == ["UBND THÀNH PHỐ HÀ NỘI"]
    content = next(s for s in plan.sections if s.kind[0].value == "content")
    assert [b.item for b in content.content] == city and len(city) == 2
    assert "Ủy ban nhân dân Thành phố Hà Nội" in plan.legal_bases[0]
    assert plan.signature.authority.value == "KT." and plan.signature.head == "GIÁM ĐỐC"
    assert run_cli(capsys, "build", "--lang", "en", str(target)).code == 0
    assert {f.rule for f in check_path(target).findings} == {"placeholders"}


def test_derive_for_an_agency_without_tasks(tmp_path, capsys):
    result = run_cli(capsys, "derive", "--lang", "en", str(EXAMPLES / "hanoi-2025.yaml"), "--for", "Sở Ngoại vụ",
                     "-o", str(tmp_path / "x.yaml"))
    assert result.code == 2 and "no task" in result.err


@pytest.mark.parametrize(("lang", "words"), [("en", "use --force"), ("vi", "dùng --force")])
def test_new_and_derive_do_not_overwrite_an_edited_plan(tmp_path, capsys, lang, words):
    plan = tmp_path / "plan.yaml"
    plan.write_text("# edited by hand\n", encoding="utf-8")
    for args in (["new", "--issuer", "ubnd", "--province", "ha-noi", "--year", "2027"],
                 ["derive", str(EXAMPLES / "hanoi-2025.yaml"), "--for", "Sở Y tế"]):
        result = run_cli(capsys, "--lang", lang, *args, "-o", str(plan))
        assert result.code == 2 and str(plan) in result.err and words in result.err
        assert plan.read_text(encoding="utf-8") == "# edited by hand\n"
    assert run_cli(capsys, "--lang", lang, "new", "--issuer", "ubnd", "--province", "ha-noi", "--year", "2027",
                   "-o", str(plan), "--force").code == 0
    assert "issuer:" in plan.read_text(encoding="utf-8")


@pytest.mark.parametrize(("key", "name"), [
    ("hcm", "Hồ Chí Minh"), ("vinhlong", "Vĩnh Long"), ("Thừa Thiên Huế", "Huế"), ("Bến Tre", "Vĩnh Long"),
    ("tỉnh Kiên Giang", "An Giang"), ("TP HCM", "Hồ Chí Minh"), ("Vinh Long", "Vĩnh Long"), ("quang nam", "Đà Nẵng"),
])
def test_provinces_found_by_former_names_abbreviations_and_without_accents(key, name):
    from plangen.registry import builtin, find_province

    assert find_province(builtin(), key).name == name


def test_nearest_province_suggested(capsys):
    result = run_cli(capsys, "--lang", "en", "new", "--issuer", "ubnd", "--province", "Vinh Lon", "--year", "2027",
                     "-o", "/tmp/never-written.yaml")
    assert result.code == 2 and "did you mean Vĩnh Long" in result.err


def test_department_found_by_the_beginning_of_its_name(tmp_path, capsys):
    plan = tmp_path / "plan.yaml"
    result = run_cli(capsys, "--lang", "en", "new", "--issuer", "Sở Giáo dục", "--province", "vinhlong",
                     "--year", "2027", "-o", str(plan))
    assert result.code == 0, result.err
    assert "SỞ GIÁO DỤC VÀ ĐÀO TẠO" in plan.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_registry_lists_and_searches(capsys, lang):
    everything = run_cli(capsys, "--lang", lang, "registry")
    assert everything.code == 0 and everything.out.count("\n") >= 34 + 17
    found = run_cli(capsys, "--lang", lang, "registry", "ben tre")
    # the province Bến Tre was merged into, and the ward of that name (communes are searched too)
    assert found.code == 0 and "vinh-long" in found.out.splitlines()[0] and found.out.count("\n") == 2
    assert run_cli(capsys, "--lang", lang, "registry", "zzzz").code == 1


def test_a_bad_registry_file_is_reported_where_the_mistake_is(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plangen-registry.yaml").write_text(
        "departments:\n  - {id: bql, name: Ban Quản lý, code: bql, head: TRƯỞNG BAN, deputy: PHÓ TRƯỞNG BAN}\n",
        encoding="utf-8")
    result = run_cli(capsys, "--lang", "en", "registry", "bql")
    assert result.code == 2 and "plangen-registry.yaml:2:" in result.err and "code" in result.err


def test_derive_for_a_commune_takes_the_tasks_of_all_communes(tmp_path, capsys):
    out = tmp_path / "xa.yaml"
    result = run_cli(capsys, "--lang", "en", "derive", str(EXAMPLES / "hanoi-2025.yaml"), "--for", "xã An Khánh",
                     "--province", "ha-noi", "-o", str(out))
    assert result.code == 0, result.err
    from plangen.plan.load import load_plan

    plan = load_plan(out).plan
    content = next(s for s in plan.sections if s.kind[0].value == "content")
    assert content.content and "XÃ AN KHÁNH" in " ".join(plan.issuer.name)


SHARED = """\
# yaml-language-server: $schema=plan.schema.json
issuer:
  name: [ỦY BAN NHÂN DÂN, XÃ AN KHÁNH]
  code: UBND
  place: An Khánh
year: 2026
date: 2026-02-05          # ngày ban hành
number: 5
summary: Phòng, chống mua bán người năm {{ year }}
variables:
  han_bao_cao: 2026-10-05   # hạn báo cáo của xã
  han_quy: &quy "2026-03-31"
  han_nho: *quy
  han_nhuan: 2024-02-29
sections:
  - kind: [purpose, requirements]
    content:
      - item: Nâng cao nhận thức của Nhân dân.
  - kind: [content, assignments]
    content:
      - agency: Công an xã
        tasks: &viec            # cùng các việc cho hai cơ quan
          - text: Chủ trì tuyên truyền.
            deadline: 2026-09-30   # quý III
            period: {start: 2026-01-01, end: 30/06/2026}
      - agency: Đoàn Thanh niên xã
        tasks: *viec
  - kind: funding
    content:
      - Kinh phí bố trí trong dự toán ngân sách xã.
  - kind: implementation
    content:
      - item: Các đơn vị báo cáo kết quả trước ngày {{ han_bao_cao | dmy }}.
recipients: [UBND huyện, Công an xã]
archive: VT
signature: {authority: TM., collective: ỦY BAN NHÂN DÂN, position: CHỦ TỊCH, name: Nguyễn Văn A}
"""


def test_next_year_moves_iso_dates_and_keeps_anchors_aliases_and_comments(tmp_path, capsys):
    import datetime as dt

    import yaml

    source = tmp_path / "plan.yaml"
    source.write_text(SHARED, encoding="utf-8")
    target = tmp_path / "next.yaml"
    result = run_cli(capsys, "new", "--lang", "en", "--from", str(source), "-o", str(target))
    assert result.code == 0, result.err
    text = target.read_text(encoding="utf-8")
    # what the file says: last year's, with only the year, number, date and dates changed
    expected = yaml.safe_load(SHARED)
    expected["year"] = 2027
    del expected["number"], expected["date"]
    expected["variables"].update(han_bao_cao=dt.date(2027, 10, 5), han_quy="2027-03-31", han_nho="2027-03-31",
                                 han_nhuan=dt.date(2025, 2, 28))
    task = expected["sections"][1]["content"][0]["tasks"][0]  # the same task for both agencies
    task.update(deadline=dt.date(2027, 9, 30), period={"start": dt.date(2027, 1, 1), "end": "30/06/2027"})
    new = yaml.safe_load(text)
    assert new == expected
    agencies = new["sections"][1]["content"]
    assert agencies[0]["tasks"] is agencies[1]["tasks"]  # still one list, shared through the alias
    # written as it was: ISO dates stay ISO, anchors and aliases stay, each comment once
    assert "han_bao_cao: 2027-10-05" in text and "deadline: 2027-09-30" in text and "&quy \"2027-03-31\"" in text
    for written in ("&viec", "*viec", "*quy", "quý III", "hạn báo cáo của xã", "cùng các việc cho hai cơ quan"):
        assert text.count(written) == 1, written
    # each moved date listed once, at its line (not once more for the alias)
    review = [line for line in result.out.splitlines() if line.startswith(f"{target}:")]
    for moved in ("date moved to 2027-10-05", "date moved to 2027-03-31", "date moved to 2025-02-28",
                  "deadline moved to 2027-09-30", "period moved one year"):
        assert sum(moved in line for line in review) == 1, moved
    lines = text.splitlines()
    for line in review:
        assert "# REVIEW" in lines[int(line.split(":")[1]) - 1]
    result = run_cli(capsys, "check", "--lang", "en", str(target))
    assert "Traceback" not in result.err and result.code in (0, 1)


def test_next_year_refuses_to_remove_a_value_an_alias_uses(tmp_path, capsys):
    source = tmp_path / "plan.yaml"
    source.write_text(SHARED.replace("date: 2026-02-05", "date: &ngay 2026-02-05").replace(
        "Nâng cao nhận thức của Nhân dân.", "*ngay"), encoding="utf-8")
    target = tmp_path / "next.yaml"
    result = run_cli(capsys, "new", "--lang", "vi", "--from", str(source), "-o", str(target))
    assert result.code == 2 and "Traceback" not in result.err
    assert f"{source}:7:1: `date` của năm trước được dùng ở chỗ khác qua một bí danh" in result.err
    assert not target.exists()


def test_derive_cites_a_plan_issued_with_a_decision_by_the_decision(tmp_path, capsys):
    """A plan issued with a decision has the decision's number, not a plan symbol of its own:
    the derived plan cites "Kế hoạch ban hành kèm theo Quyết định số 315/QĐ-UBND …"."""
    import yaml

    data = yaml.safe_load((EXAMPLES / "hanoi-2025.yaml").read_text(encoding="utf-8"))
    data.pop("date", None)
    data["number"] = 315
    data["issued_with"] = {"number": "315/QĐ-UBND", "by": "Chủ tịch Ủy ban nhân dân Thành phố Hà Nội"}
    higher = tmp_path / "kem-theo.yaml"
    higher.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    target = tmp_path / "so-y-te.yaml"
    result = run_cli(capsys, "derive", "--lang", "en", str(higher), "--for", "Sở Y tế", "-o", str(target))
    assert result.code == 0, result.err
    text = target.read_text(encoding="utf-8")
    assert "Kế hoạch ban hành kèm theo Quyết định số 315/QĐ-UBND của Chủ tịch" in text
    assert "315/KH-UBND" not in text


@pytest.mark.parametrize(("summary", "rolled"), [
    ("Kiểm tra công tác cải cách hành chính năm 2026", "Kiểm tra công tác cải cách hành chính năm 2027"),
    ("|-\n  Tuyên truyền cải cách hành chính năm\n  2026 trên địa bàn tỉnh", "Tuyên truyền cải cách hành chính năm\n"
     "2027 trên địa bàn tỉnh"),
    (">-\n  Tuyên truyền cải cách hành chính năm 2026 trên\n  địa bàn tỉnh",
     "Tuyên truyền cải cách hành chính năm 2027 trên địa bàn tỉnh"),
    ("Kế hoạch cải cách hành chính năm 2026 - 2030", None),  # a period: left to the review
    ("Năm học 2025 - 2026 của trường", None),
])
def test_next_year_rolls_the_summarys_year_written_literally(tmp_path, capsys, summary, rolled):
    """An imported plan keeps its summary's "năm 2026" as written: next year's draft moves it (in a
    block or a folded text too) and says so; a period is not the plan's year."""
    from plangen.plan.load import load_plan

    text = (EXAMPLES / "hanoi-2025.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^summary: >-\n(?:  .*\n)+", "summary: " + summary.replace("\\n", "\n") + "\n", text)
    text = text.replace("year: 2025", "year: 2026")
    source = tmp_path / "plan.yaml"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "next.yaml"
    result = run_cli(capsys, "--lang", "en", "new", "--from", str(source), "-o", str(out))
    assert result.code == 0, result.err
    plan = load_plan(out).plan
    if rolled is None:
        assert "2027" not in plan.summary.replace("2026 - 2030", "") and "moved to 2027" not in result.out + result.err
    else:
        assert plan.summary == rolled and plan.year == 2027
        assert "the summary's “năm 2026”, written literally, moved to 2027: confirm" in result.out + result.err


def test_the_built_in_registry_files_validate_against_the_entries():
    """Plangen reads its own registry data unvalidated (a `check` without pydantic): it must be
    what a user's registry file is held to."""
    from importlib import resources

    import yaml

    from plangen.plan.yamlsource import parse_yaml
    from plangen.registry import RegistryData, validated
    from plangen.registry.party import PartyData

    folder = resources.files("plangen.registry") / "data"
    for name in ("provinces.yaml", "bodies.yaml", "commune_bodies.yaml"):
        data, source = parse_yaml((folder / name).read_text(encoding="utf-8"), name)
        assert validated(RegistryData, data, source) == validated(RegistryData, yaml.safe_load(
            (folder / name).read_text(encoding="utf-8")), source)
    data, source = parse_yaml((folder / "party.yaml").read_text(encoding="utf-8"), "party.yaml")
    assert validated(PartyData, data, source).party_bodies


@pytest.mark.parametrize(("entry", "said"), [
    ("{id: bql, name: Ban Quản lý, code: BQL, head: TRƯỞNG BAN, deputy: PHÓ, chief: X}", "unknown key `chief`"),
    ("{id: bql, name: Ban Quản lý, code: BQL, head: TRƯỞNG BAN}", "required field `deputy` is missing"),
    ("Sở Y tế", "expected a mapping"),
])
def test_a_registry_entry_with_a_wrong_key_is_reported_at_its_line(tmp_path, capsys, monkeypatch, entry, said):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plangen-registry.yaml").write_text(f"# mine\ndepartments:\n  - {entry}\n", encoding="utf-8")
    result = run_cli(capsys, "--lang", "en", "registry", "bql")
    assert result.code == 2 and "plangen-registry.yaml:3:" in result.err and said in result.err, result.err
    assert "Traceback" not in result.err and "keyword argument" not in result.err and "Input" not in result.err


def test_a_province_of_a_kind_that_is_none_is_refused(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plangen-registry.yaml").write_text(
        "provinces:\n  - {id: x, name: X, kind: Huyện, place: X}\n", encoding="utf-8")
    result = run_cli(capsys, "--lang", "en", "registry", "x")
    assert result.code == 2 and "plangen-registry.yaml:2:" in result.err and "Huyện" in result.err, result.err


@pytest.mark.parametrize(("text", "said"), [("", "a registry is expected"),
                                           ("[a, b]\n", "a registry must be a mapping")])
def test_an_empty_or_listed_registry_file_is_told_as_a_registry(tmp_path, capsys, monkeypatch, text, said):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plangen-registry.yaml").write_text(text, encoding="utf-8")
    result = run_cli(capsys, "--lang", "en", "registry", "sở")
    assert result.code == 2 and "plangen-registry.yaml:1:1:" in result.err and said in result.err, result.err
    assert "plan" not in result.err.split(":", 3)[-1]
