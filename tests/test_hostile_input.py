"""Hostile and odd input, round 3 (issue 23): every reader bounded, no file of the user touched,
the user's mistakes located (exit 2, never an internal error), what import writes loads.

Each hostile case runs in a child process (`run_bounded`): it must end within 10 s and 1 GB with
no traceback. The fixtures are made here, small files that expand to large work."""

from __future__ import annotations

import json
import os
import random
import re
import zipfile
from pathlib import Path

import pytest

from cli_helpers import rebuilt, run_bounded, run_cli
from conftest import EXAMPLES, FIXTURES

GOOD = FIXTURES / "check" / "good.yaml"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def cli(capsys: pytest.CaptureFixture[str], *args: str):
    """`plangen --lang en ARGS` in this process."""
    return run_cli(capsys, "--lang", "en", *args)


def word_file(path: Path, body: str) -> Path:
    """A minimal .docx whose body is `body` (WordprocessingML)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", PACKAGE_RELS)
        zf.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>'
                                         f'{body}</w:body></w:document>')
    return path


def para(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def good_plan(folder: Path, name: str = "plan.yaml", change=lambda text: text) -> Path:
    path = folder / name
    path.write_text(change(GOOD.read_text(encoding="utf-8")), encoding="utf-8")
    return path


# --- 3. unbounded work: refused at a limit, in bounded time and memory ------------------------

def test_a_word_file_of_two_million_empty_paragraphs_is_refused(tmp_path):
    rnd = random.Random(1)  # each paragraph a little different: the archive's ratio stays plausible
    body = para("KẾ HOẠCH") + "".join(f'<w:p w:rsidR="{rnd.getrandbits(32):08X}"/>' for _ in range(1_900_000))
    source = word_file(tmp_path / "empty.docx", body)
    assert source.stat().st_size < 12 * 2**20
    for command in (["check", str(source)], ["import", str(source), "-o", str(tmp_path / "x.yaml")]):
        proc = run_bounded(*command)
        assert proc.returncode == 2, proc.stderr
        assert "more than 50,000 paragraphs" in proc.stderr and str(source) in proc.stderr
    assert not (tmp_path / "x.yaml").exists()


def test_a_table_of_250000_cells_is_refused(tmp_path):
    cell = "<w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>"
    row = "<w:tr>" + cell * 100 + "</w:tr>"
    source = word_file(tmp_path / "table.docx", para("KẾ HOẠCH") + "<w:tbl>" + row * 2500 + "</w:tbl>")
    assert source.stat().st_size < 200_000
    for command in (["check", str(source)], ["import", str(source), "-o", str(tmp_path / "x.yaml")]):
        proc = run_bounded(*command)
        assert proc.returncode == 2 and "more than 50,000" in proc.stderr, proc.stderr


def test_cells_are_counted_apart_from_paragraphs():
    from plangen.word.wordfile import MAX_CELLS, NotAWordFile, _bounded

    cells = b"<w:tc/>" * (MAX_CELLS + 1)  # cells without paragraphs
    with pytest.raises(NotAWordFile, match="table cells"):
        _bounded(cells)
    _bounded(b"<w:tc><w:p/></w:tc>" * 1000 + b"<w:pPr/><w:pStyle/>" * 100_000)  # pPr, pStyle are no paragraphs


def pdf_of_pages(pages: int, text: str = "Ke hoach so 1 nam 2026 cua Uy ban nhan dan xa ve viec to chuc") -> bytes:
    """A PDF of `pages` pages sharing one content stream and one font (a small file, many pages)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    kids = " ".join(f"{5 + i} 0 R" for i in range(pages))
    objects[1] = f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode()
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                b"/Resources << /Font << /F1 3 0 R >> >> >>"] * pages
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.mark.skipif(not __import__("shutil").which("pdftotext"), reason="poppler-utils missing")
def test_a_pdf_of_100000_pages_is_refused_without_reading_its_text(tmp_path):
    source = tmp_path / "pages.pdf"
    source.write_bytes(pdf_of_pages(100_000))
    proc = run_bounded("import", str(source), "-o", str(tmp_path / "x.yaml"))
    assert proc.returncode == 2 and "more than 2,000 pages" in proc.stderr, proc.stderr
    few = tmp_path / "few.pdf"
    few.write_bytes(pdf_of_pages(3))
    proc = run_bounded("import", str(few), "-o", str(tmp_path / "y.yaml"))
    assert proc.returncode == 2 and "no plan was recognised" in proc.stderr  # read: its text is no plan


def test_the_text_of_a_pdf_is_read_up_to_a_bound(tmp_path, monkeypatch):
    import shutil

    from plangen.errors import PlangenError
    from plangen.word import sources

    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils missing")
    monkeypatch.setattr(sources, "MAX_TEXT_BYTES", 4096)
    source = tmp_path / "long.pdf"
    source.write_bytes(pdf_of_pages(200))
    with pytest.raises(PlangenError, match="text of this PDF is larger"):
        sources.read_source(source)


def test_a_hundred_thousand_expressions_are_refused_before_they_are_compiled(tmp_path):
    one_text = good_plan(tmp_path, "one.yaml", lambda t: t.replace(
        "    content:\n", "    content:\n      - \"" + "{{ year }} " * 100_000 + "\"\n", 1))
    many_texts = good_plan(tmp_path, "many.yaml", lambda t: t.replace(
        "    content:\n", "    content:\n" + "".join(f'      - "{{{{ year }}}} {i}"\n' for i in range(3_000)), 1))
    for plan, said in ((one_text, "at most 1,000 are allowed in one text"), (many_texts, "too many `{{ … }}`")):
        proc = run_bounded("validate", str(plan))
        assert proc.returncode == 2 and said in proc.stderr, proc.stderr
        assert re.search(rf"^{re.escape(str(plan))}:\d+:\d+: ", proc.stderr, re.MULTILINE)
        assert proc.stderr.count("\n") < 5  # said once, not once per text


def test_a_zip_bomb_given_to_annotate_is_refused(tmp_path, built_examples):
    def inflate(members: dict) -> None:
        members["word/comments.xml"] = b"<w:comments " + W.encode() + b"/>" + b" " * (300 * 2**20)

    bomb = rebuilt(built_examples["hanoi-2025.yaml"], tmp_path / "bomb.docx", inflate)
    proc = run_bounded("check", str(bomb), "--annotate", str(tmp_path / "out.docx"))
    assert proc.returncode == 2 and "inflate" in proc.stderr, proc.stderr
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.parametrize("option", ["--baseline", "--config", "--template", "--registry", "--each", "plan"])
@pytest.mark.parametrize("shape", ["zero", "fifo", "huge", "folder", "missing", "deep"])
def test_side_inputs_go_through_the_bounded_readers(tmp_path, option, shape):
    target = tmp_path / {"--baseline": "b.json", "--config": "c.toml", "--template": "t.docx",
                         "--registry": "r.yaml", "--each": "e.csv", "plan": "p.yaml"}[option]
    if shape == "zero":
        target.symlink_to("/dev/zero")
    elif shape == "fifo":
        os.mkfifo(target)
    elif shape == "huge":
        with target.open("wb") as fh:
            fh.truncate(60 * 2**20)
    elif shape == "folder":
        target.mkdir()
    elif shape == "deep":  # nested without end, in the file's own language
        target.write_text({"--baseline": "[" * 100_000, "--config": "a = " + "[" * 100_000,
                           "--registry": "a: " + "[" * 100_000, "--each": '"' * 3 + "x\n" * 10,
                           "plan": "a: " + "[" * 100_000, "--template": "PK"}[option], encoding="utf-8")
    plan = good_plan(tmp_path)
    command = {"--baseline": ["check", str(plan), "--baseline", str(target)],
               "--config": ["check", str(plan), "--config", str(target)],
               "--template": ["build", str(plan), "--template", str(target), "-o", str(tmp_path / "o.docx")],
               "--registry": ["registry", "--registry", str(target), "ha"],
               "--each": ["build", str(plan), "--each", str(target), "-o", str(tmp_path / "out")],
               "plan": ["validate", str(target)]}[option]
    proc = run_bounded(*command)
    assert proc.returncode == 2, proc.stderr
    assert str(target) in proc.stderr and "internal error" not in proc.stderr
    assert not (tmp_path / "o.docx").exists() and not (tmp_path / "out").exists()


# --- 2. an output never replaces an input ---------------------------------------------------

def test_write_baseline_before_the_files_leaves_the_plan(tmp_path, capsys):
    a, b = good_plan(tmp_path, "a.yaml"), good_plan(tmp_path, "b.yaml")
    before = a.read_bytes()
    result = cli(capsys, "check", "--write-baseline", str(a), str(b))
    assert result.code == 2 and "is not a baseline" in result.err
    assert a.read_bytes() == before
    baseline = tmp_path / "baseline.json"
    assert cli(capsys, "check", str(a), "--write-baseline", str(baseline)).code == 0
    assert cli(capsys, "check", str(a), "--write-baseline", str(baseline)).code == 0  # a baseline: replaced
    result = cli(capsys, "check", str(a), "--baseline", str(baseline), "--write-baseline", str(baseline))
    assert result.code == 2 and "input of the command" in result.err


def test_annotate_before_the_file_leaves_the_other_word_file(tmp_path, built_examples, capsys):
    import shutil

    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    shutil.copyfile(built_examples["hanoi-2025.yaml"], a)
    shutil.copyfile(built_examples["hanoi-2026.yaml"], b)
    before = a.read_bytes()
    result = cli(capsys, "check", "--annotate", str(a), str(b))
    assert result.code == 2 and "not an annotated copy" in result.err
    assert a.read_bytes() == before
    copy = tmp_path / "copy.docx"
    for _ in range(2):  # the annotated copy of a first run is replaced by the second
        assert cli(capsys, "check", str(b), "--annotate", str(copy)).code in (0, 1)
    assert cli(capsys, "check", str(b), "--annotate", str(b)).code == 2
    assert zipfile.ZipFile(copy).read("word/comments.xml").count(b"<w:comment ") >= 1


def test_tasks_never_write_over_their_plan_even_forced(tmp_path, capsys):
    plan = good_plan(tmp_path, "c.yaml")
    before = plan.read_bytes()
    link = tmp_path / "same.yaml"
    link.symlink_to(plan)
    for target in (plan, link, tmp_path / "." / "c.yaml"):
        result = cli(capsys, "tasks", str(plan), "--format", "csv", "-o", str(target), "--force")
        assert result.code == 2 and "input of the command" in result.err
    assert plan.read_bytes() == before


def test_build_never_writes_over_its_template(tmp_path, capsys, built_examples):
    import shutil

    plan = good_plan(tmp_path)
    template = tmp_path / "plan.docx"  # the default output of plan.yaml
    shutil.copyfile(built_examples["hanoi-2025.yaml"], template)
    before = template.read_bytes()
    result = cli(capsys, "build", str(plan), "--template", str(template), "--force")
    assert result.code == 2 and "input of the command" in result.err
    assert template.read_bytes() == before


def test_import_never_writes_over_its_source(tmp_path, capsys):
    source = tmp_path / "plan.yaml.txt"
    source.write_text((FIXTURES / "slash-labels.txt").read_text(encoding="utf-8"), encoding="utf-8")
    link = tmp_path / "out.yaml"
    link.symlink_to(source)
    before = source.read_bytes()
    result = cli(capsys, "import", str(source), "-o", str(link), "--force")
    assert result.code == 2 and source.read_bytes() == before


# --- 4. the user's mistakes and odd files: located, exit 2, never an internal error ----------

def _numbering(start: str) -> str:
    return ('<w:numbering ' + W + '><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0">'
            f'<w:start w:val="{start}"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
            '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>')


@pytest.mark.parametrize("start", ["abc", "1000000001", "-5", "1e999", "²"])
def test_list_starts_that_are_no_number(tmp_path, built_examples, start):
    def number(members: dict) -> None:
        members["word/numbering.xml"] = _numbering(start).encode()
        xml = members["word/document.xml"].decode("utf-8")
        numbered = "".join(f'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
                           f'<w:r><w:t>Mục {n}</w:t></w:r></w:p>' for n in range(3))
        members["word/document.xml"] = re.sub(r"(<w:body\b[^>]*>)", lambda m: m.group(1) + numbered, xml,
                                              count=1).encode("utf-8")

    source = rebuilt(built_examples["hanoi-2025.yaml"], tmp_path / "lists.docx", number)
    proc = run_bounded("import", str(source), "-o", str(tmp_path / "x.yaml"))
    assert proc.returncode == 0, proc.stderr
    assert "None" not in (tmp_path / "x.yaml").read_text(encoding="utf-8")
    from plangen.word.wordfile import read

    labels = [p.label for p in read(source).paragraphs[:3]]
    assert labels == ["1.", "2.", "3."]  # Word's default start, 1


def test_comment_ids_that_are_no_number(tmp_path, built_examples, capsys):
    for odd in ("²", "9" * 5000, "-3", ""):
        def comments(members: dict, odd=odd) -> None:
            members["word/comments.xml"] = (f'<w:comments {W}><w:comment w:id="{odd}" w:author="A"><w:p/>'
                                            '</w:comment></w:comments>').encode()

        source = rebuilt(built_examples["hanoi-2025.yaml"], tmp_path / "c.docx", comments)
        out = tmp_path / "out.docx"
        out.unlink(missing_ok=True)
        result = cli(capsys, "check", str(source), "--annotate", str(out))
        assert result.code in (0, 1) and "internal error" not in result.err, result.err
        assert out.exists()


@pytest.mark.parametrize(("part", "damage"), [
    *((part, damage) for part in ("word/comments.xml", "[Content_Types].xml", "word/_rels/document.xml.rels")
      for damage in ("broken", "entities", "doctype-late")),
    ("[Content_Types].xml", "missing"),  # the others are made when a file has none
])
def test_broken_parts_under_annotate(tmp_path, built_examples, capsys, part, damage):
    def hurt(members: dict) -> None:
        if damage == "missing":
            del members[part]
        elif damage == "broken":
            members[part] = b"<w:comments><unclosed"
        elif damage == "entities":
            members[part] = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;'
                             b'&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><x>&c;</x>')
        else:  # a DTD after a long comment
            members[part] = (b'<?xml version="1.0"?><!--' + b"x" * 10_000
                             + b'--><!DOCTYPE x [<!ENTITY a "A">]><x>&a;</x>')

    source = rebuilt(built_examples["hanoi-2025.yaml"], tmp_path / "bad.docx", hurt)
    result = cli(capsys, "check", str(source), "--annotate", str(tmp_path / "out.docx"))
    assert result.code == 2, result.err
    assert result.err.startswith(f"{source}: ") and "internal error" not in result.err
    assert not (tmp_path / "out.docx").exists()


def test_a_doctype_after_a_long_comment_is_refused_not_read_with_a_paragraph_lost(tmp_path):
    body = para("KẾ HOẠCH") + "<w:p><w:r><w:t>&lost;</w:t></w:r></w:p>"
    source = word_file(tmp_path / "dtd.docx", body)
    with zipfile.ZipFile(source) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    xml = members["word/document.xml"]
    members["word/document.xml"] = xml.replace(
        b"<w:document", b"<!--" + b"c" * 8000 + b'--><!DOCTYPE w:document [<!ENTITY lost "words">]><w:document', 1)
    with zipfile.ZipFile(source, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    proc = run_bounded("check", str(source))
    assert proc.returncode == 2 and "DTD" in proc.stderr, proc.stderr


@pytest.mark.parametrize("registry", ["missing.yaml", "."])
def test_a_registry_that_is_nothing_or_a_folder(tmp_path, capsys, registry):
    path = tmp_path / registry
    for command in (["registry", "--registry", str(path), "ha"],
                    ["new", "--issuer", "ubnd", "--province", "ha-noi", "--year", "2026", "--registry", str(path),
                     "-o", str(tmp_path / "n.yaml")]):
        result = cli(capsys, *command)
        assert result.code == 2 and result.err.startswith(str(path)), result.err


def _write_failures(tmp_path: Path) -> list[Path]:
    """Outputs that cannot be written, whoever runs the test (root ignores permission bits): one
    under a file (not a folder)."""
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    return [blocker / "out"]


@pytest.mark.parametrize("command", ["import", "tasks", "annotate", "write-baseline"])
def test_write_failures_are_located(tmp_path, capsys, built_examples, command):
    plan = good_plan(tmp_path)
    source = tmp_path / "plan.txt"
    source.write_text((FIXTURES / "slash-labels.txt").read_text(encoding="utf-8"), encoding="utf-8")
    for target in _write_failures(tmp_path):
        out = target.with_suffix({"import": ".yaml", "tasks": ".csv", "annotate": ".docx",
                                  "write-baseline": ".json"}[command])
        args = {"import": ["import", str(source), "-o", str(out)],
                "tasks": ["tasks", str(plan), "--format", "csv", "-o", str(out)],
                "annotate": ["check", str(built_examples["hanoi-2025.yaml"]), "--annotate", str(out)],
                "write-baseline": ["check", str(plan), "--write-baseline", str(out)]}[command]
        result = cli(capsys, *args)
        assert result.code == 2, result.err
        assert result.err.startswith(f"{out}: cannot write") and "internal error" not in result.err, result.err


def test_a_name_whose_temporary_twin_is_too_long_is_written(tmp_path, capsys):
    plan = good_plan(tmp_path)
    out = tmp_path / ("đ" * 120 + ".csv")  # 245 bytes: its twin `.name.XXXXXXXX.tmp` would pass 255
    assert len(out.name.encode()) == 244
    result = cli(capsys, "tasks", str(plan), "--format", "csv", "-o", str(out))
    assert result.code == 0, result.err
    assert out.read_text(encoding="utf-8").startswith("\ufeff") or out.stat().st_size > 0
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_folder_at_the_servers_socket_path(tmp_path, monkeypatch, capsys):
    from plangen.cli import channel

    monkeypatch.setenv("PLANGEN_RUNTIME_DIR", str(tmp_path / "run"))
    (tmp_path / "run").mkdir(mode=0o700)
    Path(channel.socket_path()).mkdir()
    result = cli(capsys, "server", "start")
    assert result.code == 2 and "not a build server's socket" in result.err, result.err
    assert Path(channel.socket_path()).is_dir()


# --- 5. import writes only what loads, and builds back to the source's words ------------------

def _text_plan(tmp_path: Path, change) -> Path:
    source = tmp_path / "source.txt"
    source.write_text(change((FIXTURES / "slash-labels.txt").read_text(encoding="utf-8")), encoding="utf-8")
    return source


@pytest.mark.parametrize(("old", "new", "said", "written", "absent"), [
    ("Số: 45/KH-UBND", "Số: 45/KH-123", "has no issuer's abbreviation a symbol can have", "\n  code: ", "code: '123'"),
    ("Số: 45/KH-UBND", "Số: 0/KH-UBND", "which no document is numbered: left blank", "\nyear: ", "\nnumber:"),
])
def test_import_leaves_out_a_value_no_plan_can_have_and_lists_it_for_review(tmp_path, capsys, old, new, said,
                                                                             written, absent):
    """A symbol code of digits, a number 0: not written (the code is the issuer's initials, the number
    a draft's blank), said for review at the plan's line, the source's line quoted; the plan loads."""
    from plangen.plan.load import load_plan

    source = _text_plan(tmp_path, lambda t: t.replace(old, new))
    out = tmp_path / "out.yaml"
    result = cli(capsys, "import", str(source), "-o", str(out))
    assert result.code == 0, result.err
    review = next(line for line in result.out.splitlines() if said in line)
    assert new in review and review.startswith(f"{out}:")
    load_plan(out)
    text = out.read_text(encoding="utf-8")
    assert written in text and absent not in text, text


@pytest.mark.parametrize(("old", "new", "said"), [
    ("Phát huy truyền thống", "Phát huy\x7f truyền thống", "U+007F"),
    ("Phát huy truyền thống", "Phát huy\x9b truyền thống", "U+009B"),
])
def test_import_refuses_characters_no_plan_can_hold_and_says_where_in_the_source(tmp_path, capsys, old, new, said):
    source = _text_plan(tmp_path, lambda t: t.replace(old, new))
    out = tmp_path / "out.yaml"
    result = cli(capsys, "import", str(source), "-o", str(out))
    assert result.code == 2, result.err
    line = next(line for line in result.err.splitlines() if said in line)
    number = next(n for n, text in enumerate(source.read_text(encoding="utf-8").splitlines(), 1) if new in text)
    assert line.startswith(f"{source}:{number}:"), line
    assert not out.exists()


def test_a_text_of_a_million_lines_is_refused_as_a_source(tmp_path):
    source = _text_plan(tmp_path, lambda t: t.replace("Kinh phí từ ngân sách", "a\n" * 1_000_000 + "Kinh phí"))
    proc = run_bounded("import", str(source), "-o", str(tmp_path / "x.yaml"))
    assert proc.returncode == 2 and "more than 100,000 paragraphs or lines" in proc.stderr, proc.stderr
    assert not (tmp_path / "x.yaml").exists()


def _formatted_plan(tmp_path: Path) -> Path:
    from messy_word import OfficeDoc

    doc = OfficeDoc()
    doc.header_table([("ỦY BAN NHÂN DÂN", False), ("XÃ AN KHÁNH", True), ("Số: 45/KH-UBND", False)],
                     [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False), ("Độc lập - Tự do - Hạnh phúc", True, False),
                      ("An Khánh, ngày 10 tháng 3 năm 2026", False, True)])
    doc.para("KẾ HOẠCH", bold=True, align="center", indent=False)
    doc.para("Tổ chức Ngày hội Đại đoàn kết năm 2026", bold=True, align="center", indent=False)
    doc.para("I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    doc.para(runs=[("Thực hiện ", False, False), ("Quyết định số 12", False, True), ("nghiêm túc", True, False),
                   (" trong toàn xã.", False, False)])
    noted = doc.para("Tổ chức trang trọng, tiết kiệm.")
    doc.footnote(noted, "Theo mục [2] của Kế hoạch số 12/KH-UBND.")
    doc.para("II. TỔ CHỨC THỰC HIỆN", bold=True)
    doc.para("1. Công an xã: bảo đảm an ninh trật tự.")
    doc.ending_table(["UBND huyện;", "Lưu: VT."], "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "Nguyễn Văn Bình")
    return doc.save(tmp_path / "formatted.docx")


def test_adjacent_italic_and_bold_and_a_footnote_with_brackets_build_back_to_the_source_words(tmp_path, capsys):
    from plangen.word import docxtext

    source = _formatted_plan(tmp_path)
    plan, built = tmp_path / "plan.yaml", tmp_path / "built.docx"
    result = cli(capsys, "import", str(source), "-o", str(plan))
    assert result.code == 0, result.err
    assert cli(capsys, "build", str(plan), "-o", str(built), "--force").code == 0
    text = "\n".join(docxtext.paragraphs(built))
    assert "Thực hiện Quyết định số 12nghiêm túc trong toàn xã." in text
    assert "*" not in text and "Theo mục" not in text.split("Tổ chức trang trọng")[1].split("\n")[0]
    with zipfile.ZipFile(built) as zf:
        notes = zf.read("word/footnotes.xml").decode("utf-8")
    assert "Theo mục [2] của Kế hoạch số 12/KH-UBND." in re.sub(r"<[^>]+>", "", notes)


# --- 6. control characters written as YAML escapes ------------------------------------------

@pytest.mark.parametrize("escape", ["\\x01", "\\x1b", "\\0", "\\e", "\\u007f", "\\b"])
def test_control_characters_written_as_escapes_are_refused_at_their_place(tmp_path, capsys, escape):
    plan = good_plan(tmp_path, change=lambda t: t.replace("archive: VT", f'archive: "V{escape}T"'))
    line = next(n for n, text in enumerate(plan.read_text(encoding="utf-8").splitlines(), 1) if "archive:" in text)
    column = plan.read_text(encoding="utf-8").splitlines()[line - 1].index("\\") + 1
    for command in (["validate", str(plan)], ["build", str(plan), "-o", str(tmp_path / "o.docx")],
                    ["tasks", str(plan), "--format", "xlsx", "-o", str(tmp_path / "t.xlsx")], ["check", str(plan)]):
        result = cli(capsys, *command)
        assert result.code == 2, (command, result.err)
        assert result.err.startswith(f"{plan}:{line}:{column}: archive: control character U+"), result.err
        assert "\x1b" not in result.err + result.out and "\x7f" not in result.err + result.out
    assert not (tmp_path / "o.docx").exists() and not (tmp_path / "t.xlsx").exists()


def test_escapes_of_tabs_and_line_breaks_stay_allowed(tmp_path, capsys):
    plan = good_plan(tmp_path, change=lambda t: t.replace("archive: VT", 'archive: "V\\tT"'))
    assert cli(capsys, "validate", str(plan)).code == 0


# --- 8. the smaller ones ------------------------------------------------------------------

def test_new_keeps_the_issuer_name_as_typed(tmp_path, capsys):
    from plangen.plan.load import load_plan

    out = tmp_path / "new.yaml"
    name = 'Ban A"B {{ 7*7 }} #1'  # an office's own body (a commune's name is the official list's)
    registry = tmp_path / "plangen-registry.yaml"
    registry.write_text("departments:\n  - {id: ban-ab, name: " + json.dumps(name, ensure_ascii=False)
                        + ", code: BAB, head: TRƯỞNG BAN, deputy: PHÓ TRƯỞNG BAN}\n", encoding="utf-8")
    result = cli(capsys, "new", "--issuer", "ban-ab", "--province", "ha-noi", "--year", "2026", "-o", str(out),
                 "--registry", str(registry))
    assert result.code == 0, result.err
    plan = load_plan(out).plan
    assert any('A"B {{ 7*7 }} #1' in line for line in plan.issuer.name)
    assert plan.preamble[0].startswith('Ban A"B {{ 7*7 }} #1')


def test_baseline_fingerprints_do_not_depend_on_how_the_path_is_spelt(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "plans"
    folder.mkdir()
    plan = folder / "plan.yaml"
    plan.write_text((EXAMPLES / "hanoi-2026.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    baseline = tmp_path / "baseline.json"
    assert cli(capsys, "check", "./plans/plan.yaml", "--fail-on", "warning",
                   "--write-baseline", str(baseline)).code == 0
    assert json.loads(baseline.read_text(encoding="utf-8"))["fingerprints"]
    for spelt in ("plans/plan.yaml", str(plan), "plans/../plans/plan.yaml"):
        result = cli(capsys, "check", spelt, "--fail-on", "warning", "--baseline", str(baseline))
        assert result.code == 0 and result.out.strip() == "1 file checked: no problems found", (spelt, result.out)
    monkeypatch.chdir(folder)  # run from elsewhere: the baseline names files from its own folder
    result = cli(capsys, "check", "plan.yaml", "--fail-on", "warning", "--baseline", str(baseline))
    assert result.code == 0 and result.out.strip() == "1 file checked: no problems found", result.out


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text_is_told_to_be_saved_as_utf8(tmp_path, capsys, encoding):
    source = tmp_path / "plan.txt"
    source.write_bytes((FIXTURES / "slash-labels.txt").read_text(encoding="utf-8").encode(encoding))
    result = cli(capsys, "import", str(source), "-o", str(tmp_path / "x.yaml"))
    assert result.code == 2 and "UTF-16" in result.err and "save it as UTF-8" in result.err, result.err
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(GOOD.read_text(encoding="utf-8").encode(encoding))
    result = cli(capsys, "validate", str(plan))
    assert result.code == 2 and "UTF-16" in result.err, result.err


@pytest.mark.parametrize("jobs", ["-5", "0"])
def test_jobs_below_one_are_refused(tmp_path, capsys, jobs):
    plan = good_plan(tmp_path)
    result = cli(capsys, "build", str(plan), "--jobs", jobs, "-o", str(tmp_path / "o.docx"))
    assert result.code == 2 and "--jobs" in result.err
    assert not (tmp_path / "o.docx").exists()


@pytest.mark.parametrize("argv", [["--lang", "en", "validate", "--lang", "xx"],
                                  ["--lang", "xx", "validate", "--lang", "en"], ["validate", "--lang=en", "--lang=xx"]])
def test_every_lang_given_is_checked(tmp_path, capsys, argv):
    plan = good_plan(tmp_path)
    result = run_cli(capsys, *argv, str(plan))
    assert result.code == 2 and "unknown language 'xx'" in result.err, result.err


def test_the_bounded_reader_reads_up_to_its_limit(tmp_path):
    from plangen.errors import PlangenError
    from plangen.files import read_input

    path = tmp_path / "f"
    path.write_bytes(b"x" * 100)
    assert read_input(path, 100) == b"x" * 100
    with pytest.raises(PlangenError, match="larger than"):
        read_input(path, 99)
