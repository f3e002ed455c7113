"""`plangen import`: plans offices already have (Word, PDF, text) come in as plan files.

Round trips on plangen's own output must give the very same document (and the same sections,
kinds, assignments and tasks); the reference plans as text must come back with word fidelity of
at least 0.97; bad input is refused with a located message and nothing is written.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plangen.check import check_view
from plangen.check.read import from_plan, from_word
from plangen.document.render import Template
from plangen.errors import PlangenError
from plangen.importer.reader import import_source, import_to_yaml
from plangen.plan.load import load_plan, load_plan_text
from plangen.plan.tasks import task_rows
from plangen.word import docxtext
from plangen.word.sources import Source, read_source
from plangen.word.wordfile import read
from test_properties import WORDS, sentences

from cli_helpers import run_cli
from conftest import ALL_EXAMPLES, EXAMPLE_SEEDS, EXAMPLES, SEEDS, similarity

TEMPLATE = Template()


def rebuilt(text: str, name: str = "imported.yaml"):
    """The imported YAML loaded and built: (plan, .docx bytes)."""
    plan = load_plan_text(text, name).plan
    return plan, TEMPLATE.render(plan)


def shape(plan) -> list:
    """What must survive a round trip besides the words: sections, kinds, assignments, tasks."""
    kinds = [sorted(k.value for k in s.kind) for s in plan.sections]
    return [kinds, [(r.agency, r.request, r.task, r.lead, r.cooperating, r.deadline, r.output, r.note)
                    for r in task_rows(plan)]]


# --- round trips on our own output --------------------------------------------------------

@pytest.mark.parametrize("example", ALL_EXAMPLES)
def test_every_example_comes_back_identical(example, built_examples):
    built = built_examples[example]
    text, _review = import_to_yaml(built)
    plan, data = rebuilt(text)
    assert docxtext.paragraphs(io.BytesIO(data)) == docxtext.paragraphs(built)
    assert shape(plan) == shape(load_plan(EXAMPLES / example).plan)


@pytest.mark.parametrize("example", ALL_EXAMPLES)
def test_imported_examples_read_like_a_plan_a_person_wrote(example, built_examples):
    text, _review = import_to_yaml(built_examples[example])
    assert text.startswith("# yaml-language-server: $schema=")
    data = yaml.safe_load(text)
    assert list(data)[:2] == ["issuer", *(["number"] if "number" in data else ["year"])][:2]
    assert "sections:\n  - kind:" in text  # lists indented under their key, as `plangen new` writes
    assert all(len(line) <= 130 or line.lstrip().startswith(("- [", "#")) or "# REVIEW" in line
               for line in text.splitlines())


def test_years_and_dates_stay_as_written_and_become_variables_for_next_years_draft(built_examples):
    """Import keeps what the document says: the summary's "năm 2025", "trước ngày 18/7/2025"
    literally. The plan year as `{{ year }}` and its dates as variables are next year's draft's
    matter (`drafting`), which rolls them."""
    text, _review = import_to_yaml(built_examples["hanoi-2025.yaml"])
    plan = load_plan_text(text, "x.yaml")
    summary = yaml.safe_load(text)["summary"]
    assert "2025" in summary and "{{" not in text and "variables" not in yaml.safe_load(text)
    assert "18/7/2025" in text and plan.plan.year == 2025
    drafted, _review = import_to_yaml(built_examples["hanoi-2025.yaml"], drafting=True)
    assert yaml.safe_load(drafted)["summary"] == summary.replace("2025", "{{ year }}")
    variables = yaml.safe_load(drafted)["variables"]
    assert "18/7/2025" in variables.values() and "05/10/2025" in variables.values()
    assert "{{ han" in drafted and "| dmy }}" in drafted


# --- random plans ------------------------------------------------------------------------------

# an agency's name does not end as a sentence does (a heading "1. Sở Y tế," would read as a sentence)
AGENCY = sentences(max_words=5).map(lambda t: "Sở " + t.rstrip(".,;- "))
TASK = sentences()


def _bullets(depth: int):
    leaf = TASK.map(lambda t: {"bullet": t})
    if depth == 0:
        return leaf
    return st.one_of(leaf, st.builds(lambda t, c: {"bullet": t, "content": c}, TASK,
                                     st.lists(_bullets(depth - 1), min_size=1, max_size=3)))


POINT = st.one_of(TASK.map(lambda t: {"point": t}),
                  st.builds(lambda t, c: {"point": t, "content": c}, TASK, st.lists(_bullets(1), min_size=1,
                                                                                      max_size=3)))
ITEM = st.one_of(
    TASK.map(lambda t: {"item": t}),
    st.builds(lambda t, x: {"title": t, "item": x}, sentences(max_words=6), TASK),
    st.builds(lambda t, c: {"title": t, "content": c}, sentences(max_words=8),
              st.one_of(st.lists(POINT, min_size=1, max_size=4), st.lists(_bullets(1), min_size=1, max_size=4),
                        st.lists(TASK.map(lambda t: {"item": t}), min_size=1, max_size=3))),
)
ASSIGNMENT = st.builds(
    lambda agency, tasks, request, layout, note: {
        "agency": agency, **({"request": True} if request else {}), "layout": layout,
        **({"note": note} if note else {}),
        "tasks": tasks[:1] if layout == "inline" else tasks},
    AGENCY, st.lists(TASK, min_size=1, max_size=4), st.booleans(),
    st.sampled_from(["bullets", "paragraphs", "inline"]),
    st.one_of(st.none(), st.just("Cơ quan thường trực")),
)


@st.composite
def real_plans(draw) -> dict:
    """Plans shaped as offices write them: items hold points, points hold bullets, agencies
    hold their tasks; any text, header variant, signature and ending."""
    texts = st.lists(TASK, min_size=1, max_size=2)
    sections = [
        {"kind": ["purpose", "requirements"],
         "content": draw(st.one_of(st.lists(TASK.map(lambda t: {"item": t}), min_size=1, max_size=5),
                                   st.lists(_bullets(0), min_size=1, max_size=5)))},
        {"kind": "content", "content": draw(st.lists(ITEM, min_size=1, max_size=5))},
        {"kind": "assignments", "content": draw(st.lists(ASSIGNMENT, min_size=1, max_size=6))},
    ]
    if draw(st.booleans()):
        sections.append({"kind": "funding", "content": draw(texts)})
    sections.append({"kind": "implementation", "content": draw(st.lists(TASK.map(lambda t: {"item": t}),
                                                                        min_size=1, max_size=3))})
    plan = {
        "issuer": draw(st.sampled_from([
            {"name": ["ỦY BAN NHÂN DÂN", "TỈNH ĐẮK LẮK"], "code": "UBND", "place": "Đắk Lắk"},
            {"governing_body": ["UBND TỈNH VĨNH LONG"], "name": ["SỞ Y TẾ"], "code": "SYT", "place": "Vĩnh Long"},
            {"name": ["BỘ Y TẾ"], "code": "BYT", "place": "Hà Nội"},
        ])),
        "year": 2026,
        "summary": draw(sentences(max_words=20)).rstrip("."),
        "legal_bases": draw(st.lists(TASK.map(lambda t: t.rstrip(".")), max_size=2)),
        "preamble": draw(st.lists(TASK, max_size=2)),
        "sections": sections,
    }
    if draw(st.booleans()):
        plan["number"], plan["date"] = draw(st.integers(1, 999)), "15/01/2026"
    if draw(st.booleans()):
        plan["closing"] = ["Trên đây là Kế hoạch " + draw(TASK)]
    plan["recipients"] = draw(st.lists(sentences(max_words=6).map(lambda t: t.rstrip(".,;")), min_size=1,
                                       max_size=5))
    committee = plan["issuer"]["code"] == "UBND"
    plan["signature"] = ({"authority": "TM.", "collective": "ỦY BAN NHÂN DÂN", "head": "CHỦ TỊCH",
                          "position": "PHÓ CHỦ TỊCH", "name": "Nguyễn Văn Ánh"} if committee else
                         {"authority": "KT.", "head": "GIÁM ĐỐC", "position": "PHÓ GIÁM ĐỐC", "name": "Lê Thị Bình"})
    return plan


@pytest.mark.long
@settings(max_examples=int(os.environ.get("PLANGEN_EXAMPLES", "1000")), deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(real_plans())
def test_random_plans_come_back_identical_and_check_agrees(tmp_path_factory, plan):
    loaded = load_plan_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), "random.yaml")
    data = TEMPLATE.render(loaded.plan)
    path = tmp_path_factory.mktemp("r") / "plan.docx"
    path.write_bytes(data)
    text, _review = import_to_yaml(path)
    again, data2 = rebuilt(text)
    assert docxtext.paragraphs(io.BytesIO(data2)) == docxtext.paragraphs(path)
    assert shape(again) == shape(loaded.plan)
    yaml_rules = {f.rule for f in check_view(from_plan(loaded)) if f.severity == "error"}
    docx_rules = {f.rule for f in check_view(from_word(read(path))) if f.severity == "error"}
    assert yaml_rules == docx_rules


def test_words_of_the_random_plans_are_hostile_enough():
    assert {"&", "<", ">", '"', "(x)", "-", "…"} <= set(WORDS)


# --- the reference plans as text ----------------------------------------------------------

@pytest.mark.parametrize("seed", sorted(EXAMPLE_SEEDS.values()))
def test_reference_texts_import_with_high_fidelity(seed, tmp_path):
    text, _review = import_to_yaml(SEEDS / seed)
    _plan, data = rebuilt(text)
    reference = (SEEDS / seed).read_text(encoding="utf-8")
    assert similarity("\n".join(docxtext.paragraphs(io.BytesIO(data))), reference) >= 0.97


@pytest.mark.parametrize("seed", sorted(EXAMPLE_SEEDS.values()))
def test_reference_texts_keep_their_parts(seed):
    imported = import_source(read_source(SEEDS / seed))
    data = imported.data
    assert len(data["sections"]) >= 4
    assert any("assignments" in (s["kind"] if isinstance(s["kind"], list) else [s["kind"]])
               for s in data["sections"])
    if seed.startswith("001"):  # issued with a decision: no number, no ending
        assert data["issued_with"]["number"] == "1206/QĐ-UBND"
    else:
        assert data["signature"]["name"] and data["recipients"]


def test_missing_point_letter_is_renumbered_and_nothing_lost():
    """Seed 004 lists a) b) c) đ) e): plangen computes the letters, the words all stay."""
    text, _review = import_to_yaml(SEEDS / "004_67194697ca12045d.txt")
    _plan, data = rebuilt(text)
    built = "\n".join(docxtext.paragraphs(io.BytesIO(data)))
    reference = (SEEDS / "004_67194697ca12045d.txt").read_text(encoding="utf-8")
    assert similarity(built, reference) >= 0.99


# --- text files ----------------------------------------------------------------------------------

def test_wrapped_text_becomes_paragraphs():
    from plangen.word import textfile

    text = ("KẾ HOẠCH\n\nTriển khai công tác năm 2026\n \n"
            "I. MỤC ĐÍCH, YÊU CẦU\n"
            "1. Nâng cao nhận thức của cán bộ, công chức và người dân về phòng, chống mua\n"
            "bán người, nhất là ở vùng sâu, vùng xa.\n"
            "2. Bảo đảm thiết thực.\n"
            "II. NỘI DUNG\n1. Công an tỉnh\n"
            "- Chủ trì tuyên truyền về chủ đề “Mua bán người là tội phạm có tổ chức\n"
            "- Hãy chấm dứt sự bóc lột” trên toàn tỉnh, hướng tới đối tượng nguy cơ cao.\n")
    paras = [p.text for p in textfile.paragraphs(text * 3)]
    assert "1. Nâng cao nhận thức của cán bộ, công chức và người dân về phòng, chống mua bán người, nhất là " \
           "ở vùng sâu, vùng xa." in paras
    assert any(p.startswith("- Chủ trì tuyên truyền") and p.endswith("nguy cơ cao.") for p in paras)
    assert "1. Công an tỉnh" in paras


def test_one_paragraph_per_line_text(tmp_path):
    source = tmp_path / "ke-hoach.txt"
    source.write_text(
        "KẾ HOẠCH\nTổ chức Ngày hội năm 2026\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Lan tỏa tinh thần đoàn kết trong toàn thể cán bộ và người dân trên địa bàn xã.\n"
        "II. NỘI DUNG\n1. Thời gian: từ ngày 01/9/2026 đến ngày 02/9/2026.\n"
        "III. PHÂN CÔNG NHIỆM VỤ\n1. Công an xã: Bảo đảm an ninh, trật tự trong thời gian tổ chức.\n"
        "2. Văn phòng: Chuẩn bị hội trường.\n"
        "IV. TỔ CHỨC THỰC HIỆN\nCác bộ phận báo cáo kết quả trước ngày 10/9/2026./.\n", encoding="utf-8")
    text, _review = import_to_yaml(source)
    data = yaml.safe_load(text)
    assignments = data["sections"][2]["content"]
    assert assignments[0] == {"agency": "Công an xã", "layout": "inline",
                              "tasks": ["Bảo đảm an ninh, trật tự trong thời gian tổ chức."]}
    assert data["year"] == 2026
    assert data["summary"] == "Tổ chức Ngày hội năm 2026"  # as written
    _plan, docx = rebuilt(text)
    built = "\n".join(docxtext.paragraphs(io.BytesIO(docx)))
    assert "trước ngày 10/9/2026./." in built and "từ ngày 01/9/2026 đến ngày 02/9/2026" in built


def test_parts_lettered_a_b_c_become_the_decrees_sections(tmp_path):
    """An event plan whose parts are lettered A., B., C. … (C and D are Roman numerals too): read
    as its parts, numbered I, II, III as the decree wants, with a review note; nothing lost."""
    source = Path(__file__).parent / "fixtures" / "lettered-parts.txt"
    text, review = import_to_yaml(source)
    data = yaml.safe_load(text)
    assert [s.get("heading") for s in data["sections"]] == [None, "NỘI DUNG", "THỜI GIAN, ĐỊA ĐIỂM", "KINH PHÍ",
                                                           "TỔ CHỨC THỰC HIỆN"]
    assert data["sections"][0]["kind"] == ["purpose", "requirements"]
    assert any("lettered A, B, C, D" in note.message for note in review)
    assert data["preamble"] == ["Ủy ban nhân dân xã xây dựng Kế hoạch như sau:"]
    _plan, docx = rebuilt(text)
    built = "\n".join(docxtext.paragraphs(io.BytesIO(docx)))
    assert "III. THỜI GIAN, ĐỊA ĐIỂM" in built
    assert similarity(built, source.read_text(encoding="utf-8")) >= 0.95


def test_labels_written_with_a_slash_are_labels(tmp_path):
    """Older offices write "I/ MỤC ĐÍCH", "1/ …", "a/ …": the same outline as "I.", "1.", "a)"
    (a date such as 15/12/2026 at the start of a line stays text)."""
    source = Path(__file__).parent / "fixtures" / "slash-labels.txt"
    text, _review = import_to_yaml(source)
    data = yaml.safe_load(text)
    assert len(data["sections"]) == 5 and data["sections"][-1]["kind"] == ["assignments", "implementation"]
    agencies = [n["agency"] for n in data["sections"][-1]["content"] if "tasks" in n]
    assert agencies == ["Văn phòng HĐND và UBND xã", "Công an xã"]
    # "3/ Đề nghị … phối hợp …": a sentence, kept as written, naming the body it asks
    assert data["sections"][-1]["content"][2]["agency"] == "Ủy ban Mặt trận Tổ quốc Việt Nam xã"
    from plangen.word.recognise import classify

    assert classify("a/ Phần lễ") == ("point", "a", "Phần lễ")
    assert classify("15/12/2026 là hạn cuối") is None
    _plan, docx = rebuilt(text)
    built = "\n".join(docxtext.paragraphs(io.BytesIO(docx)))
    assert similarity(built, source.read_text(encoding="utf-8")) >= 0.95


@pytest.mark.parametrize(("line", "expected"), [
    ("1) Tổ chức hội nghị.", ("item", "1", "Tổ chức hội nghị.")),
    ("2/ Công an xã: bảo đảm an ninh.", ("item", "2", "Công an xã: bảo đảm an ninh.")),
    ("a/ Phần lễ.", ("point", "a", "Phần lễ.")),
    ("▪ Rà soát đối tượng.", ("bullet", "▪", "Rà soát đối tượng.")),
    ("— Tuyên truyền.", ("bullet", "—", "Tuyên truyền.")),
    ("1/3 số hộ dân tham gia.", None),
    ("V/v triển khai kế hoạch", None),
])
def test_labels_as_offices_type_them(line, expected):
    from plangen.word.recognise import classify

    assert classify(line) == expected


# --- the command line and bad input ------------------------------------------------------

def test_import_command_writes_the_plan_and_its_review_list(capsys, tmp_path, built_examples):
    """A plan plangen built comes back with nothing to review; a web text's guesses are listed."""
    out = tmp_path / "ke-hoach.yaml"
    result = run_cli(capsys, "--lang", "en", "import", str(built_examples["boyte-2025.yaml"]), "-o", str(out))
    assert result.code == 0, result.err
    assert load_plan(out).plan.issuer.code == "BYT"
    out.unlink()
    web = Path(__file__).parent / "fixtures" / "webtext" / "bars.md"
    result = run_cli(capsys, "--lang", "en", "import", str(web), "-o", str(out))
    assert result.code == 0, result.err
    assert f"{out}:" in result.out and "review:" in result.out
    for line in (x for x in result.out.splitlines() if x.startswith(f"{out}:")):
        number = int(line.split(":")[1])
        assert "# REVIEW" in out.read_text(encoding="utf-8").splitlines()[number - 1]
    again = run_cli(capsys, "import", str(built_examples["boyte-2025.yaml"]), "-o", str(out))
    assert again.code == 2 and "--force" in again.err


def test_import_messages_in_vietnamese(capsys, tmp_path):
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    result = run_cli(capsys, "--lang", "vi", "import", str(bad), "-o", str(tmp_path / "x.yaml"))
    assert result.code == 2
    assert "không phải tệp Word (.docx) đọc được" in result.err and "Traceback" not in result.err
    assert not (tmp_path / "x.yaml").exists()


def test_new_from_a_word_file_rolls_to_next_year(capsys, tmp_path, built_examples):
    out = tmp_path / "2026.yaml"
    result = run_cli(capsys, "new", "--from", str(built_examples["hanoi-2025.yaml"]), "-o", str(out))
    assert result.code == 0, result.err
    plan = load_plan(out).plan
    assert plan.year == 2026 and plan.number is None
    assert "18/7/2026" in out.read_text(encoding="utf-8")
    assert "2026" in plan.summary and "2025" not in plan.summary  # the summary's year rolled too


def _damaged(tmp_path: Path) -> Path:
    good = io.BytesIO()
    with zipfile.ZipFile(good, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>" * 100)
    path = tmp_path / "damaged.docx"
    path.write_bytes(good.getvalue()[: len(good.getvalue()) // 2])
    return path


def _encrypted(tmp_path: Path) -> Path:
    path = tmp_path / "mat-khau.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le"))
    return path


def _letter(tmp_path: Path) -> Path:
    path = tmp_path / "cong-van.txt"
    path.write_text("ỦY BAN NHÂN DÂN\nTỈNH VĨNH LONG\nSố: 12/UBND-VX\nV/v tổ chức hội nghị\n"
                    "Kính gửi: Các sở, ban, ngành tỉnh.\nỦy ban nhân dân tỉnh đề nghị các cơ quan cử đại biểu.\n",
                    encoding="utf-8")
    return path


def _decision(tmp_path: Path) -> Path:
    path = tmp_path / "quyet-dinh.txt"
    path.write_text("QUYẾT ĐỊNH\nVề việc ban hành Quy chế\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\n"
                    "Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.\n", encoding="utf-8")
    return path


def _image_pdf(tmp_path: Path) -> Path:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"]
    stream = b"0 0 0 rg 100 100 300 400 re f"
    objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = b"%PDF-1.4\n"
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path = tmp_path / "scan.pdf"
    path.write_bytes(out)
    return path


@pytest.mark.parametrize(("make", "words_en", "words_vi"), [
    (_damaged, "not a readable Word", "không phải tệp Word"),
    (_encrypted, "protected by a password", "có mật khẩu"),
    (_letter, "letter", "công văn"),
    (_decision, "Quyết định", "Quyết định"),
    (_image_pdf, "no text layer", "không có lớp chữ"),
])
def test_bad_input_is_refused_with_a_located_message(capsys, tmp_path, make, words_en, words_vi):
    source = make(tmp_path)
    out = tmp_path / "out.yaml"
    for lang, words in (("en", words_en), ("vi", words_vi)):
        result = run_cli(capsys, "--lang", lang, "import", str(source), "-o", str(out))
        assert result.code == 2, result
        assert result.err.startswith(str(source)) and words in result.err, result.err
        assert "Traceback" not in result.err
        assert not out.exists()


def test_library_use(built_examples):
    import plangen

    plan, review = plangen.import_plan(built_examples["hanoi-2026.yaml"])
    assert plan.year == 2026 and len(plan.sections) == 4
    assert all(note.line > 0 and note.message for note in review)


def test_not_a_plan_is_a_plangen_error(tmp_path):
    with pytest.raises(PlangenError):
        import_source(Source(str(tmp_path / "x.txt"), "text", []))


@pytest.mark.soffice
def test_pdf_with_a_text_layer_imports(tmp_path, built_examples):
    from plangen.office.convert import to_pdf

    pdf = to_pdf(built_examples["hanoi-2025.yaml"], tmp_path / "hanoi.pdf")
    text, _review = import_to_yaml(pdf)
    _plan, data = rebuilt(text)
    reference = (SEEDS / EXAMPLE_SEEDS["hanoi-2025.yaml"]).read_text(encoding="utf-8")
    assert similarity("\n".join(docxtext.paragraphs(io.BytesIO(data))), reference) >= 0.97


# --- any input: a plan or a located refusal, never an internal error -----------------------------

LINE_PARTS = ["KẾ HOẠCH", "I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG", "III. PHÂN CÔNG NHIỆM VỤ", "IV. TỔ CHỨC THỰC HIỆN",
              "1.", "2.", "1.1.", "a)", "đ)", "-", "+", "•", "Nơi nhận:", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN",
              "KT. CHỦ TỊCH", "CHỦ TỊCH", "Phụ lục", "(Kèm theo Quyết định số 12/QĐ-UBND ngày 01/01/2026 của X)",
              "Căn cứ", "Số: 05/KH-UBND", "Hà Nội, ngày 05 tháng 02 năm 2026", "ngày … tháng 4 năm 2026",
              "Công an tỉnh:", "Đề nghị", "Giao Sở", "trước ngày 18/7/2026", "năm 2026", "*", "**", "^[", "{{",
              "{%", "\\", "./.", "Nguyễn Văn An", "(Cơ quan thường trực)", ":", ";", "\t", "  "]


@pytest.mark.long
@settings(max_examples=int(os.environ.get("PLANGEN_EXAMPLES", "1000")), deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.lists(st.one_of(st.sampled_from(LINE_PARTS), st.sampled_from(WORDS)), max_size=12).map(" ".join),
                max_size=60))
def test_any_text_is_imported_or_refused_with_a_message(tmp_path_factory, lines):
    source = tmp_path_factory.mktemp("t") / "plan.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    try:
        text, _review = import_to_yaml(source)
    except PlangenError as exc:
        assert all(p.message for p in exc.problems)
        return
    plan = load_plan_text(text, "imported.yaml").plan  # what import writes always loads
    TEMPLATE.render(plan)


@pytest.mark.long
@settings(max_examples=int(os.environ.get("PLANGEN_EXAMPLES", "300")), deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_damaged_word_files_are_imported_or_refused(tmp_path_factory, data):
    import random
    import re as regex

    built = tmp_path_factory.mktemp("d") / "plan.docx"
    loaded = load_plan(EXAMPLES / data.draw(st.sampled_from(ALL_EXAMPLES)))
    payload = TEMPLATE.render(loaded.plan)
    with zipfile.ZipFile(io.BytesIO(payload)) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    xml = members["word/document.xml"].decode("utf-8")
    rng = random.Random(data.draw(st.integers(0, 10**6)))
    texts = list(regex.finditer(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
    for m in rng.sample(texts, k=min(len(texts), 40)):  # texts moved, cut and exchanged
        other = rng.choice(texts).group(1)
        replacement = rng.choice(["", other, m.group(1)[::-1], other + " " + m.group(1), "I. " + other, "1. ",
                                  "- ", "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "Phụ lục"])
        xml = xml.replace(m.group(0), m.group(0).replace(m.group(1), replacement, 1), 1)
    members["word/document.xml"] = xml.encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    built.write_bytes(buffer.getvalue())
    try:
        text, _review = import_to_yaml(built)
    except PlangenError as exc:
        assert all(p.message for p in exc.problems)
        return
    TEMPLATE.render(load_plan_text(text, "imported.yaml").plan)


@pytest.mark.soffice
def test_old_word_file_is_converted_and_imported(tmp_path, built_examples):
    import shutil as sh

    if sh.which("soffice") is None:
        pytest.skip("LibreOffice is not installed (.ci/run installs it)")
    from plangen.office.convert import run_soffice

    doc, failure = run_soffice(sh.which("soffice"), built_examples["hanoi-2025.yaml"], "doc", tmp_path)
    assert not failure and doc.is_file()
    text, _review = import_to_yaml(doc)
    _plan, data = rebuilt(text)
    reference = (SEEDS / EXAMPLE_SEEDS["hanoi-2025.yaml"]).read_text(encoding="utf-8")
    assert similarity("\n".join(docxtext.paragraphs(io.BytesIO(data))), reference) >= 0.97


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_wrong_kind_of_file_says_which_command_takes_it(tmp_path, capsys, built_examples, lang):
    docx = built_examples["hanoi-2025.yaml"]
    for command in ("build", "validate"):
        result = run_cli(capsys, "--lang", lang, command, str(docx))
        assert result.code == 2 and "plangen import" in result.err and "Traceback" not in result.err
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    result = run_cli(capsys, "--lang", lang, "check", str(pdf))
    assert result.code == 2 and "plangen import" in result.err


@pytest.mark.soffice
def test_build_to_a_pdf_name_makes_a_pdf(tmp_path, capsys):
    import shutil as sh

    if sh.which("soffice") is None:
        pytest.skip("LibreOffice is not installed (.ci/run installs it)")
    target = tmp_path / "ke-hoach.pdf"
    result = run_cli(capsys, "--lang", "en", "build", str(EXAMPLES / "hanoi-2025.yaml"), "-o", str(target))
    assert result.code == 0, result.err
    assert target.read_bytes().startswith(b"%PDF") and zipfile.is_zipfile(target.with_suffix(".docx"))
