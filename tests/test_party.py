"""Plans of Party committees (Hướng dẫn 36-HD/VPTW): written, built, imported and checked in the
Party's own format, beside the state's (Nghị định 30/2020/NĐ-CP), which stays as it was."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from plangen.check import check_path, check_view
from plangen.check.read import from_plan
from plangen.check.rules import STATE_ONLY
from plangen.document.render import Template, build_file
from plangen.errors import PlangenError
from plangen.importer import import_to_yaml
from plangen.plan import models
from plangen.plan.load import load_plan, load_plan_text
from plangen.word import docxtext

from cli_helpers import run_cli
from conftest import EXAMPLES, FIXTURES, ROOT

EXAMPLE = EXAMPLES / "danguy-ankhanh-2026.yaml"
CHI_BO_TEXT = FIXTURES / "party" / "chibo_kh03_text.txt"
STATE_IDS = {rule.ID for rule in STATE_ONLY}
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def words(text: str) -> list[str]:
    return [w for w in re.sub(r"[*`|]", " ", text.replace("\u00a0", " ")).split() if re.search(r"\w", w)]


def missing_words(source: str, built: Path) -> list[str]:
    """Words of `source` the built document lacks (as many times as the source has them)."""
    have: dict[str, int] = {}
    for w in words("\n".join(docxtext.paragraphs(built))):
        w = w.strip(".,;:()")
        have[w] = have.get(w, 0) + 1
    lost = []
    for w in words(source):
        w = w.strip(".,;:()")
        if w.isdigit() or re.fullmatch(r"[IVXLC]+|\d+(\.\d+)*|[a-zđ]", w):
            continue  # labels: plangen computes them
        if have.get(w, 0):
            have[w] -= 1
        else:
            lost.append(w)
    return lost


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_file(EXAMPLE, tmp_path_factory.mktemp("party") / "party.docx")


# --- the model ----------------------------------------------------------------------------------

def test_format_is_said_and_state_by_default():
    state = load_plan(EXAMPLES / "hanoi-2025.yaml").plan
    party = load_plan(EXAMPLE).plan
    assert state.issuer.format == models.DocumentFormat.state
    assert party.issuer.format == models.DocumentFormat.party
    assert party.signature.lines == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"]


def _plan_text(**changes) -> str:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    for key, value in changes.items():
        target, *path = key.split("__")
        node = data
        for part in path[:-1] if path else []:
            node = node[target] if part == path[0] else node
        if path:
            data[target][path[-1]] = value
        else:
            data[target] = value
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_party_forms_are_validated():
    with pytest.raises(PlangenError, match="T/M needs `collective`"):
        load_plan_text(_plan_text(signature={"authority": "T/M", "position": "BÍ THƯ", "name": "A"}), "p.yaml")
    with pytest.raises(PlangenError, match="no drafting unit"):
        load_plan_text(_plan_text(issuer__unit="VP"), "p.yaml")
    with pytest.raises(PlangenError, match="Party document's attachment"):
        load_plan_text(_plan_text(issuer__format="state"), "p.yaml")


# --- the layout, page 1 -------------------------------------------------------------------------

def _styled(doc, paragraph, attr: str):
    """A paragraph's property as Word resolves it: the run, then the style and its bases."""
    runs = [r for r in paragraph.runs if r.text.strip()]
    value = getattr(runs[0].font, attr) if runs else None
    style = paragraph.style
    while value is None and style is not None:
        value = getattr(style.font, attr)
        style = style.base_style
    return value


def test_page_one_follows_the_guide(built):
    doc = Document(str(built))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(x.mm) for x in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [20, 20, 30, 15]
    assert section.different_first_page_header_footer and "PAGE" in section.header._element.xml
    header = doc.tables[0]
    left, right = header.rows[0].cells
    assert left.width.mm < right.width.mm and abs(left.width.mm + right.width.mm - 165) < 1
    lines = [(p.text, p) for p in left.paragraphs if p.text.strip()]
    assert [t for t, _p in lines] == ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "ĐẢNG UỶ XÃ AN KHÁNH", "*", "Số 05-KH/ĐU"]
    sizes = [_styled(doc, p, "size") for _t, p in lines]
    assert sizes == [Pt(14)] * 4
    assert [bool(_styled(doc, p, "bold")) for _t, p in lines] == [False, True, False, False]
    assert lines[2][1].alignment == 1 or lines[2][1].style.paragraph_format.alignment == 1  # the star centred
    title, rule, date = [p for p in right.paragraphs if p.text.strip() or p._p.find(qn("w:pPr")) is not None][:3]
    assert title.text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert _styled(doc, title, "size") == Pt(15) and _styled(doc, title, "bold")
    border = rule._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}")
    assert border is not None and rule.text == ""
    ind = rule._p.find(f"{qn('w:pPr')}/{qn('w:ind')}")
    rule_mm = right.width.mm - 2 * int(ind.get(qn("w:left"))) / 56.7
    assert 55 < rule_mm < 75  # as long as the title (15 pt bold), not a share of the column
    assert date.text.startswith("An Khánh, ngày 12 tháng 01 năm 2026") and _styled(doc, date, "italic")
    body = [p for p in doc.paragraphs if p.text.strip()]
    assert body[0].text == "KẾ HOẠCH" and _styled(doc, body[0], "size") == Pt(16) and _styled(doc, body[0], "bold")
    assert body[1].text.startswith("kiểm tra, giám sát") and _styled(doc, body[1], "bold")
    assert body[2].text == "-----"
    text = "\n".join(docxtext.paragraphs(built))
    assert "CỘNG HÒA" not in text and "Độc lập" not in text and "Số:" not in text


def test_ending_and_attachment_in_the_party_format(built):
    paragraphs = [p for p in docxtext.paragraphs(built) if p.strip()]
    at = paragraphs.index("Nơi nhận:")
    recipients = paragraphs[at + 1:at + 6]
    assert all(r.startswith("- ") and r.endswith(",") for r in recipients[:-1])
    assert recipients[-1] == "- Lưu Văn phòng Đảng uỷ."
    assert paragraphs[at + 6:at + 9] == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Văn Thành"]
    doc = Document(str(built))
    heading = next(p for p in doc.paragraphs if p.text == "Nơi nhận:") if any(
        p.text == "Nơi nhận:" for p in doc.paragraphs) else next(
        p for t in doc.tables for c in t._cells for p in c.paragraphs if p.text == "Nơi nhận:")
    assert _styled(doc, heading, "underline") and _styled(doc, heading, "size") == Pt(14)
    # the attachment repeats the header without the number, then its title and "-----"
    tail = paragraphs[at + 9:]
    assert tail[:5] == ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "ĐẢNG UỶ XÃ AN KHÁNH", "*", "ĐẢNG CỘNG SẢN VIỆT NAM",
                        "An Khánh, ngày 12 tháng 01 năm 2026"]
    assert tail[5] == "DANH MỤC" and "(Kèm theo Kế hoạch số 05-KH/ĐU, ngày 12/01/2026 của Ban Thường vụ" in tail[7]
    assert tail[8] == "-----"


def test_the_state_template_and_output_do_not_change(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_template", ROOT / "scripts" / "make_template.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build(tmp_path / "plan.docx")
    module.build_party(tmp_path / "party.docx")
    for name in ("plan.docx", "party.docx"):  # the shipped templates are the script's, byte for byte
        made = (tmp_path / name).read_bytes()
        assert made == (ROOT / "templates" / name).read_bytes() == (
            ROOT / "src" / "plangen" / "data" / name).read_bytes(), name
    state = Template().render(load_plan(EXAMPLES / "hanoi-2025.yaml").plan)
    with zipfile.ZipFile(io.BytesIO(state)) as zf:
        assert b"PlanPartyTitle" not in zf.read("word/styles.xml")  # built with the state template
        assert "ĐẢNG CỘNG SẢN" not in zf.read("word/document.xml").decode()


@pytest.mark.soffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (.ci/run installs it)")
def test_libreoffice_opens_it_and_page_one_reads_as_the_guide_lays_it_out(built, tmp_path):
    proc = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(built)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    pdf = tmp_path / "party.pdf"
    page = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    lines = [x for x in page.splitlines() if x.strip()]
    # the title top right, level with the bodies top left; the star and the symbol under the body
    assert re.match(r"^\s*ĐẢNG BỘ THÀNH PHỐ HÀ NỘI\s{2,}ĐẢNG CỘNG SẢN VIỆT NAM\s*$", lines[0])
    assert lines[1].strip().startswith("ĐẢNG UỶ XÃ AN KHÁNH")
    assert any(x.strip() == "*" or x.strip().startswith("* ") for x in lines[1:4])
    assert any("Số 05-KH/ĐU" in x for x in lines[2:6]) and any("An Khánh, ngày 12 tháng 01" in x for x in lines)
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")],
                       check=True)
        assert (tmp_path / "p-1.png").stat().st_size > 5_000


# --- import -------------------------------------------------------------------------------------

def test_a_party_text_is_imported_with_its_header_symbol_signature_and_attachment(tmp_path):
    text, review = import_to_yaml(CHI_BO_TEXT)
    data = yaml.safe_load(text)
    assert data["issuer"] == {"format": "party", "governing_body": ["ĐẢNG BỘ XÃ HÒA BÌNH"],
                              "name": ["CHI BỘ THÔN BẮC SƠN"], "code": "CB", "place": "Hòa Bình",
                              "full_name": "Chi bộ thôn Bắc Sơn"}
    assert "number" not in data and data["draft_month"] == 3  # "Số -KH/CB": a draft
    assert data["signature"]["authority"] == "T/M" and data["signature"]["collective"] == "CHI BỘ"
    assert data["signature"]["position"] == "BÍ THƯ" and data["signature"]["name"] == "Trần Văn Minh"
    assert data["recipients"][1] == "Đồng chí Đảng uỷ viên phụ trách thôn Bắc Sơn (chỉ đạo)"
    assert data["archive"] == "Chi bộ"
    assert [s.get("heading") for s in data["sections"]] == [
        "Mục đích, yêu cầu:", "Thời gian, địa điểm và thành phần:", "Nội dung sinh hoạt:", "Tổ chức thực hiện:"]
    assert set(data["sections"][3]["kind"]) == {"assignments", "implementation"}
    appendix = data["appendices"][0]
    assert appendix["header"] is True and appendix["title"] == "GỢI Ý THẢO LUẬN"
    assert any("e-signature" in r.message or "chữ ký số" in r.message for r in review)
    plan = load_plan_text(text, "chibo.yaml").plan
    out = tmp_path / "chibo.docx"
    out.write_bytes(Template().render(plan))
    assert missing_words(CHI_BO_TEXT.read_text(encoding="utf-8"), out) == []
    rules = {f.rule for f in check_path(out).findings if f.severity == "error"}
    assert not rules & STATE_IDS and not {r for r in rules if r.startswith("party-")} - {"party-layout"}


def test_a_party_plan_typed_in_word_is_read_and_judged_as_one(tmp_path):
    """A Party plan typed in Word by hand: header and signature in tables, bold body line."""
    doc = Document()
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run("TỈNH UỶ NINH BÌNH")
    left.add_paragraph().add_run("BAN TUYÊN GIÁO").bold = True
    left.add_paragraph("*")
    left.add_paragraph("Số 31-KH/BTGTU")
    right.paragraphs[0].add_run("ĐẢNG CỘNG SẢN VIỆT NAM").bold = True
    right.add_paragraph().add_run("Ninh Bình, ngày 04 tháng 3 năm 2026").italic = True
    doc.add_paragraph().add_run("KẾ HOẠCH").bold = True
    doc.add_paragraph().add_run("tuyên truyền các ngày lễ lớn năm 2026").bold = True
    for text in ("I. MỤC ĐÍCH, YÊU CẦU", "1. Tuyên truyền sâu rộng trong cán bộ, đảng viên.",
                 "II. NỘI DUNG TUYÊN TRUYỀN", "1. Các ngày lễ lớn của đất nước.",
                 "III. TỔ CHỨC THỰC HIỆN", "1. Các chi bộ, đảng bộ trực thuộc: triển khai tại đơn vị.",
                 "2. Phòng Tuyên truyền: theo dõi, tổng hợp, báo cáo kết quả./."):
        doc.add_paragraph(text)
    end = doc.add_table(rows=1, cols=2)
    r_left, r_right = end.rows[0].cells
    r_left.paragraphs[0].add_run("Nơi nhận:").underline = True
    for line in ("- Thường trực Tỉnh uỷ (báo cáo),", "- Các chi bộ, đảng bộ trực thuộc,", "- Lưu Văn phòng Ban."):
        r_left.add_paragraph(line)
    r_right.paragraphs[0].add_run("K/T TRƯỞNG BAN").bold = True
    r_right.add_paragraph().add_run("PHÓ TRƯỞNG BAN").bold = True
    r_right.add_paragraph()
    r_right.add_paragraph().add_run("Lê Thị Hoa").bold = True
    path = tmp_path / "btg.docx"
    doc.save(path)
    text, _review = import_to_yaml(path)
    data = yaml.safe_load(text)
    assert data["issuer"]["format"] == "party" and data["issuer"]["governing_body"] == ["TỈNH UỶ NINH BÌNH"]
    assert data["issuer"]["name"] == ["BAN TUYÊN GIÁO"] and data["issuer"]["code"] == "BTGTU"
    assert data["number"] == 31 and data["date"] == "04/3/2026"
    assert data["signature"] == {"authority": "K/T", "head": "TRƯỞNG BAN", "position": "PHÓ TRƯỞNG BAN",
                                 "name": "Lê Thị Hoa"}
    assert data["archive"] == "Văn phòng Ban"
    report = check_path(path)
    assert report.guide == "Hướng dẫn 36-HD/VPTW"
    assert not {f.rule for f in report.findings} & STATE_IDS  # no state-format finding on a Party document
    assert not [f for f in report.findings if f.rule in ("party-header", "party-signature", "party-ending")
                and f.severity == "error"], report.findings
    built = tmp_path / "rebuilt.docx"
    built.write_bytes(Template().render(load_plan_text(text, "btg.yaml").plan))
    assert missing_words("\n".join(docxtext.paragraphs(path)), built) == []


@pytest.mark.soffice
@pytest.mark.skipif(SOFFICE is None or shutil.which("pdftotext") is None, reason="needs LibreOffice and poppler")
def test_a_party_pdf_is_imported(built, tmp_path):
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(built)], capture_output=True, timeout=300, check=True)
    text, _review = import_to_yaml(tmp_path / "party.pdf")
    data = yaml.safe_load(text)
    expected = load_plan(EXAMPLE).plan
    assert data["issuer"]["format"] == "party" and data["issuer"]["code"] == "ĐU"
    assert data["issuer"]["governing_body"] == ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"]
    assert data["issuer"]["name"] == ["ĐẢNG UỶ XÃ AN KHÁNH"]
    assert data["number"] == 5 and data["date"] == "12/01/2026"
    assert data["signature"]["authority"] == "T/M" and data["signature"]["collective"] == "BAN THƯỜNG VỤ"
    assert data["recipients"] == expected.recipients and data["archive"] == expected.archive


# --- check ---------------------------------------------------------------------------------------

def test_party_rules_judge_a_party_plan_and_state_rules_a_state_plan(built):
    party_yaml = check_view(from_plan(load_plan(EXAMPLE)))
    party_docx = check_path(built).findings
    assert not [f for f in party_yaml + party_docx if f.severity == "error"], party_yaml + party_docx
    assert not {f.rule for f in party_yaml + party_docx} & STATE_IDS
    assert all(f.guide == "Hướng dẫn 36-HD/VPTW" for f in party_yaml + party_docx)
    state = check_view(from_plan(load_plan(EXAMPLES / "hanoi-2025.yaml")))
    assert not [f for f in state if f.rule.startswith("party-")]
    damaged = load_plan_text(EXAMPLES.joinpath("hanoi-2025.yaml").read_text(encoding="utf-8").replace(
        "authority: TM.", "authority: T/M", 1), "state.yaml")
    assert {f.rule for f in check_view(from_plan(damaged))} >= {"signature-authority"}


def _retyped(built: Path, target: Path, *swaps: tuple[str, str]) -> Path:
    with zipfile.ZipFile(built) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    xml = members["word/document.xml"].decode("utf-8")
    for old, new in swaps:
        assert old in xml, old
        xml = xml.replace(old, new, 1)
    members["word/document.xml"] = xml.encode("utf-8")
    with zipfile.ZipFile(target, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return target


def test_a_party_plan_typed_the_state_way_gets_the_party_findings(built, tmp_path):
    path = _retyped(built, tmp_path / "typed.docx", ("Số 05-KH/ĐU", "Số: 05/KH-ĐU"),
                    ("T/M BAN THƯỜNG VỤ", "TM. BAN THƯỜNG VỤ"),
                    ("ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    findings = check_path(path).findings
    rules = {f.rule for f in findings}
    assert not rules & STATE_IDS, rules
    messages = " ".join(f.message for f in findings if f.severity == "error")
    assert "Quốc hiệu" in messages and "`Số 12-KH/ĐU`" in messages and "“T/M”" in messages
    assert {"party-header", "party-signature"} <= {f.rule for f in findings if f.severity == "error"}
    colon = _retyped(built, tmp_path / "colon.docx", ("Số 05-KH/ĐU", "Số: 05-KH/ĐU"))
    assert any("no colon" in f.message for f in check_path(colon).findings)


def test_check_names_the_guide(capsys, built):
    result = run_cli(capsys, "check", "--lang", "en", str(EXAMPLE), str(EXAMPLES / "hanoi-2025.yaml"))
    assert f"{EXAMPLE}: a Party document: checked against Hướng dẫn 36-HD/VPTW" in result.out
    assert "hanoi-2025.yaml: a Party document" not in result.out
    result = run_cli(capsys, "check", "--lang", "en", "--format", "json", str(built))
    import json

    assert all(f["guide"] == "Hướng dẫn 36-HD/VPTW" for f in json.loads(result.out))


# --- registry and drafting ------------------------------------------------------------------------

def test_registry_knows_party_bodies_of_each_level():
    from plangen.registry.party import guide_spelling, resolve_party

    commune = resolve_party("dang-uy", "xã Công Hải", "khanh-hoa")
    assert (commune.governing_body, commune.name, commune.code, commune.place) == (
        ["ĐẢNG BỘ TỈNH KHÁNH HOÀ"], ["ĐẢNG UỶ XÃ CÔNG HẢI"], "ĐU", "Công Hải")
    assert (commune.collective, commune.head, commune.archive) == ("BAN THƯỜNG VỤ", "BÍ THƯ", "Văn phòng Đảng uỷ")
    city = resolve_party("Tỉnh ủy", None, "ha-noi")
    assert city.name == ["THÀNH UỶ HÀ NỘI"] and city.code == "TU" and not city.governing_body
    assert resolve_party("tinh-uy", None, "gia-lai").name == ["TỈNH UỶ GIA LAI"]
    branch = resolve_party("Chi bộ thôn Hòa Thủy", "xã Công Hải", "khanh-hoa")
    assert branch.governing_body == ["ĐẢNG BỘ XÃ CÔNG HẢI"] and branch.code == "CB" and branch.collective == "CHI BỘ"
    assert resolve_party("dang-uy-bch", "phường Thủy Xuân", "hue").collective == "ĐẢNG UỶ"
    assert resolve_party("ubnd", None, "ha-noi") is None  # a state body: the state registry answers
    with pytest.raises(PlangenError, match="--commune"):
        resolve_party("dang-uy", None, "khanh-hoa")
    assert guide_spelling("Đảng ủy xã Thủy An, Khánh Hòa, quý") == "Đảng uỷ xã Thuỷ An, Khánh Hoà, quý"


def test_new_drafts_a_party_plan_that_builds_and_passes_the_party_rules(capsys, tmp_path):
    target = tmp_path / "du.yaml"
    result = run_cli(capsys, "new", "--issuer", "dang-uy", "--commune", "xã Công Hải", "--province", "khanh-hoa",
                     "--year", "2027", "-o", str(target))
    assert result.code == 0, result.err
    loaded = load_plan(target)
    assert loaded.plan.issuer.format == models.DocumentFormat.party
    assert loaded.plan.signature.authority == models.Authority.party_TM
    findings = check_view(from_plan(loaded))
    assert {f.rule for f in findings if f.severity == "error"} <= {"placeholders"}
    assert not {f.rule for f in findings} & STATE_IDS
    out = build_file(target, tmp_path / "du.docx")
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in docxtext.paragraphs(out)


def test_derive_makes_the_commune_ubnd_plan_and_refuses_the_reverse(capsys, tmp_path):
    higher = tmp_path / "du.yaml"
    higher.write_text(EXAMPLE.read_text(encoding="utf-8").replace("      - agency: Văn phòng Đảng uỷ\n", (
        "      - agency: UBND xã\n        tasks:\n          - Bố trí kinh phí, phối hợp tổ chức các cuộc kiểm tra.\n"
        "      - agency: Văn phòng Đảng uỷ\n")), encoding="utf-8")
    lower = tmp_path / "ubnd.yaml"
    result = run_cli(capsys, "derive", str(higher), "--for", "UBND xã", "-o", str(lower))
    assert result.code == 0, result.err
    plan = load_plan(lower).plan
    assert plan.issuer.format == models.DocumentFormat.state and plan.issuer.name == ["ỦY BAN NHÂN DÂN", "XÃ AN KHÁNH"]
    assert plan.legal_bases[0].startswith("Kế hoạch số 05-KH/ĐU, ngày 12/01/2026 của Ban Thường vụ Đảng uỷ xã")
    assert "Bố trí kinh phí" in lower.read_text(encoding="utf-8")
    result = run_cli(capsys, "--lang", "en", "derive", str(EXAMPLES / "hanoi-2025.yaml"), "--for",
                     "Công an Thành phố", "--issuer", "dang-uy", "--commune", "xã An Khánh", "--province", "ha-noi",
                     "-o", str(tmp_path / "reverse.yaml"))
    assert result.code == 2 and "not derived from a state body's plan" in result.err
    assert not (tmp_path / "reverse.yaml").exists()


def test_next_year_of_a_party_plan_says_numbers_run_per_term(capsys, tmp_path):
    target = tmp_path / "next.yaml"
    result = run_cli(capsys, "--lang", "en", "new", "--from", str(EXAMPLE), "-o", str(target))
    assert result.code == 0, result.err
    assert "numbered through the committee's term" in result.out
    plan = load_plan(target).plan
    assert plan.number is None and plan.year == 2027 and plan.issuer.format == models.DocumentFormat.party


def test_an_office_house_style_overrides_the_margins_the_guide_is_not_sure_of(tmp_path):
    office = tmp_path / "office"
    office.mkdir()
    plan = office / "du.yaml"
    plan.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (office / "plangen.toml").write_text("[style]\nmargin_top = 25\nmargin_left = 35\n", encoding="utf-8")
    docx = build_file(plan, office / "du.docx")
    assert not [f for f in check_path(docx).findings if "margins" in f.message]  # the office's own margins
    moved = tmp_path / "elsewhere.docx"
    moved.write_bytes(docx.read_bytes())  # the same file outside the office: the guide's margins asked
    assert [f.severity for f in check_path(moved).findings if "margins" in f.message] == ["warning"]


def test_a_party_header_typed_in_one_paragraph_with_line_breaks(tmp_path):
    doc = Document()
    table = doc.add_table(rows=2, cols=2)
    left, right = table.rows[0].cells
    p = left.paragraphs[0]
    p.add_run("ĐẢNG BỘ TỈNH GIA LAI")
    p.add_run().add_break()
    p.add_run("ĐẢNG ỦY PHƯỜNG PLEIKU").bold = True
    p.add_run().add_break()
    p.add_run("*")
    right.paragraphs[0].add_run("ĐẢNG CỘNG SẢN VIỆT NAM").bold = True
    table.rows[1].cells[0].paragraphs[0].add_run("Số: 07-KH/ĐU")
    table.rows[1].cells[1].paragraphs[0].add_run("Pleiku, ngày 20 tháng 01 năm 2026").italic = True
    doc.add_paragraph().add_run("KẾ HOẠCH").bold = True
    doc.add_paragraph().add_run("tổ chức các hoạt động kỷ niệm Ngày thành lập Đảng").bold = True
    for text in ("I. MỤC ĐÍCH, YÊU CẦU", "1. Giáo dục truyền thống cho cán bộ, đảng viên.", "II. NỘI DUNG",
                 "1. Tổ chức mít tinh kỷ niệm.", "III. TỔ CHỨC THỰC HIỆN",
                 "1. Ban Tuyên giáo và Dân vận Đảng ủy: chủ trì, tham mưu.",
                 "2. Các chi bộ trực thuộc: tổ chức sinh hoạt chuyên đề./."):
        doc.add_paragraph(text)
    end = doc.add_table(rows=1, cols=2)
    r_left, r_right = end.rows[0].cells
    r_left.paragraphs[0].add_run("Nơi nhận:")
    for line in ("- Ban Thường vụ Tỉnh ủy (báo cáo),", "- Các chi bộ trực thuộc,", "- Lưu VPĐU."):
        r_left.add_paragraph(line)
    p = r_right.paragraphs[0]
    p.add_run("T/M ĐẢNG ỦY").bold = True
    p.add_run().add_break()
    p.add_run("PHÓ BÍ THƯ").bold = True
    r_right.add_paragraph()
    r_right.add_paragraph().add_run("Rơ Châm Hlim").bold = True
    path = tmp_path / "pleiku.docx"
    doc.save(path)
    data = yaml.safe_load(import_to_yaml(path)[0])
    assert (data["issuer"]["governing_body"], data["issuer"]["name"], data["issuer"]["code"]) == (
        ["ĐẢNG BỘ TỈNH GIA LAI"], ["ĐẢNG ỦY PHƯỜNG PLEIKU"], "ĐU")
    assert data["number"] == 7 and data["archive"] == "VPĐU"
    assert data["signature"] == {"authority": "T/M", "collective": "ĐẢNG ỦY", "position": "PHÓ BÍ THƯ",
                                 "name": "Rơ Châm Hlim"}
    findings = check_path(path).findings
    assert not {f.rule for f in findings} & STATE_IDS
    assert [f.message for f in findings if f.rule == "party-header"] == [
        "no colon after “Số” in a Party document: `Số 12-KH/ĐU` (36-HD/VPTW, 1.3)"]
    assert not [f for f in findings if f.rule in ("party-signature", "party-ending", "required-sections")]


def test_a_party_skeleton_keeps_the_names_typed(capsys, tmp_path):
    """`new --issuer "Chi bộ …"` pastes the chi bộ's name as typed (it is in no list): a quote does
    not break the YAML and `{{ 7*7 }}` is printed, not computed (as for a state body's skeleton)."""
    target = tmp_path / "cb.yaml"
    result = run_cli(capsys, "new", "--issuer", 'Chi bộ thôn A"B {{ 7*7 }}', "--commune", "xã An Khánh",
                     "--province", "ha-noi", "--year", "2027", "-o", str(target))
    assert result.code == 0, result.err
    plan = load_plan(target).plan
    assert plan.issuer.full_name.endswith('thôn A"B {{ 7*7 }}')
    assert 'thôn A"B {{ 7*7 }} ban hành' in plan.preamble[0]


def test_a_party_committee_of_a_commune_is_the_commune_of_the_official_list(capsys, tmp_path):
    """The Đảng ủy of a commune is named as the commune is in the official list (accents and case
    from it, however typed); a commune the province does not have is refused with the nearest names,
    never written as typed."""
    target = tmp_path / "du.yaml"
    result = run_cli(capsys, "new", "--issuer", "dang-uy", "--commune", "xa cong hai", "--province", "khanh-hoa",
                     "--year", "2027", "-o", str(target))
    assert result.code == 0, result.err
    issuer = load_plan(target).plan.issuer
    assert issuer.name == ["ĐẢNG UỶ XÃ CÔNG HẢI"] and issuer.place == "Công Hải"
    refused = run_cli(capsys, "new", "--issuer", "dang-uy", "--commune", "xã Cam Hai", "--province", "khanh-hoa",
                      "--year", "2027", "-o", str(tmp_path / "x.yaml"))
    assert refused.code == 2 and "Cam Hai" in refused.err and "xã Cam Hiệp" in refused.err
    assert not (tmp_path / "x.yaml").exists()


