"""Hostile and odd Word files: every reader (check, import, a template) ends in bounded time and
memory, with a located message, never an internal error; one bad file never hides another's
findings. The hostile cases run in a child process whose own peak memory is measured."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from cli_helpers import rebuilt, run_bounded, run_cli


@pytest.mark.parametrize("part", ["word/document.xml", "word/header1.xml"])
def test_zip_bombs_are_refused_quickly(tmp_path, built_examples, part):
    source = built_examples["hanoi-2025.yaml"]

    def inflate(members: dict) -> None:
        members[part] = members.get(part, b"<w:hdr/>") + b" " * (300 * 1024 * 1024)

    target = rebuilt(source, tmp_path / "bomb.docx", inflate)
    assert target.stat().st_size < 2 * 1024 * 1024
    for command in (["check", str(target)], ["import", str(target), "-o", str(tmp_path / "x.yaml")],
                    ["build", str(Path(__file__).parent / "fixtures" / "check" / "good.yaml"), "--template",
                     str(target), "-o", str(tmp_path / "out.docx")]):
        proc = run_bounded(*command)
        assert proc.returncode == 2, (command, proc.stderr)
        assert str(target) in proc.stderr and "inflate" in proc.stderr
    assert not (tmp_path / "x.yaml").exists() and not (tmp_path / "out.docx").exists()


def test_too_many_parts(tmp_path, built_examples):
    def crowd(members: dict) -> None:
        for n in range(6000):
            members[f"customXml/item{n}.xml"] = b"<a/>"

    target = rebuilt(built_examples["hanoi-2025.yaml"], tmp_path / "crowd.docx", crowd)
    proc = run_bounded("check", str(target))
    assert proc.returncode == 2 and "parts" in proc.stderr


def _numbering(members: dict, start: int, fmt: str, ilvl: int = 0) -> None:
    numbering = (
        '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f'<w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%{ilvl + 1 if ilvl < 9 else 1}."/></w:lvl></w:abstractNum>'
        '<w:num w:numId="7"><w:abstractNumId w:val="7"/></w:num></w:numbering>')
    members["word/numbering.xml"] = numbering.encode()
    xml = members["word/document.xml"].decode("utf-8")
    numpr = f'<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="7"/></w:numPr>'
    paragraphs = "".join(f'<w:p>{numpr}</w:pPr><w:r><w:t>Mục {n}</w:t></w:r></w:p>' for n in range(60))
    members["word/document.xml"] = xml.replace("<w:body>", "<w:body>" + paragraphs, 1).encode("utf-8")


@pytest.mark.parametrize(("start", "fmt", "ilvl"), [
    (1_000_000_000, "lowerLetter", 0), (3990, "upperRoman", 0), (5, "decimal", 10), (10**30, "upperLetter", 0),
])
def test_list_numbers_of_any_size_are_bounded(tmp_path, built_examples, start, fmt, ilvl):
    target = rebuilt(built_examples["hanoi-2025.yaml"], tmp_path / "lists.docx",
                     lambda m: _numbering(m, start, fmt, ilvl))
    proc = run_bounded("check", str(target))
    assert proc.returncode in (0, 1), proc.stderr
    proc = run_bounded("import", str(target), "-o", str(tmp_path / "x.yaml"))
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize(("part", "change"), [
    ("word/styles.xml", lambda xml: b"<w:styles><broken"),
    ("word/numbering.xml", lambda xml: b"<<<"),
    ("word/styles.xml", lambda xml: b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
                                     b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><x>&b;</x>'),
])
def test_broken_parts_are_refused_with_their_name(tmp_path, built_examples, part, change):
    def damage(members: dict) -> None:
        members[part] = change(members.get(part, b""))

    bad = rebuilt(built_examples["hanoi-2025.yaml"], tmp_path / "bad.docx", damage)
    good = built_examples["hanoi-2026.yaml"]
    proc = run_bounded("check", str(good), str(bad))
    assert proc.returncode == 2
    assert "funding-section" in proc.stdout  # the good file's findings are still printed
    assert str(bad) in proc.stderr and "damaged" in proc.stderr


@pytest.mark.parametrize(("old", "new"), [
    (rb'w:sz w:val="\d+"', 'w:sz w:val="²"'.encode()), (rb'w:firstLine="\d+"', b'w:firstLine="1e999"'),
    (rb'<w:ilvl w:val="\d+"/>', b'<w:ilvl w:val="10"/>'),
])
def test_odd_values_in_a_word_file(tmp_path, built_examples, old, new, capsys):
    def odd(members: dict) -> None:
        for name in ("word/document.xml", "word/styles.xml"):
            members[name] = re.sub(old, new, members[name])

    target = rebuilt(built_examples["hanoi-2025.yaml"], tmp_path / "odd.docx", odd)
    result = run_cli(capsys, "--lang", "en", "check", str(target))
    assert result.code in (0, 1) and "internal error" not in result.err


def test_readers_use_the_guarded_archive():
    """Every reader of a Word file that may come from outside goes through plangen.word.safezip."""
    root = Path(__file__).resolve().parent.parent / "src" / "plangen"
    for name in ("word/wordfile.py", "document/render.py"):
        assert "SafeZip" in (root / name).read_text(encoding="utf-8"), name
    source = (root / "word" / "wordfile.py").read_text(encoding="utf-8")
    assert "zipfile.ZipFile(" not in source and "etree.fromstring(" not in source


def test_a_guarded_archive_counts_what_it_inflates():
    from plangen.word.safezip import Limits, SafeZip, UnsafeArchive

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("big.xml", b"a" * 5_000_000)
    with SafeZip(io.BytesIO(buffer.getvalue()), Limits(member_bytes=1_000_000)) as archive, \
            pytest.raises(UnsafeArchive):
        archive.read("big.xml")
    with SafeZip(io.BytesIO(buffer.getvalue())) as archive, pytest.raises(UnsafeArchive, match="compressed"):
        archive.read("big.xml")


@pytest.mark.parametrize("text", ["x *a " * 20000, "**w** " * 20000, "^[n] " * 10000, "^[ a " * 20000],
                         ids=["stars", "bold", "notes", "open-notes"])
def test_inline_markup_takes_linear_time(tmp_path, text):
    good = (Path(__file__).parent / "fixtures" / "check" / "good.yaml").read_text(encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text(good.replace("    content:\n", f"    content:\n      - {text.strip()!r}\n", 1)
                    .replace("\\'", "''"), encoding="utf-8")
    proc = run_bounded("build", "--force", str(plan), "-o", str(tmp_path / "out.docx"))
    assert proc.returncode == 0, proc.stderr
    proc = run_bounded("check", str(tmp_path / "out.docx"))
    assert proc.returncode in (0, 1), proc.stderr


def test_an_unmatched_star_stays_as_written():
    from plangen.plan.markup import parse, plain

    spans = parse("Giảm 5 *lần so với **năm trước**")
    assert plain("Giảm 5 *lần so với **năm trước**") == "Giảm 5 *lần so với năm trước"
    assert not any(s.italic for s in spans) and spans[-1].bold and spans[-1].text == "năm trước"


def test_a_variable_may_use_the_plan_year_and_earlier_variables(tmp_path, capsys):
    good = (Path(__file__).parent / "fixtures" / "check" / "good.yaml").read_text(encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text(good.replace("variables:\n", "variables:\n  ten: Kế hoạch năm {{ year }}\n", 1)
                    .replace("    content:\n", "    content:\n      - \"{{ ten }} được triển khai.\"\n", 1),
                    encoding="utf-8")
    from plangen.plan.load import load_plan

    loaded = load_plan(plan).plan
    assert loaded.variables["ten"] == "Kế hoạch năm {{ year }}"  # as written; the texts get its value
    assert any(getattr(b, "text", None) == "Kế hoạch năm 2026 được triển khai." for b in loaded.sections[0].content)


def test_devices_pipes_and_huge_files_are_not_read_as_plans(tmp_path, capsys):
    import os

    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    for path in (link, fifo):
        result = run_cli(capsys, "--lang", "en", "validate", str(path))
        assert result.code == 2 and "not a regular file" in result.err
    big = tmp_path / "big.yaml"
    with big.open("wb") as fh:
        fh.truncate(21 * 2**20)
    result = run_cli(capsys, "--lang", "en", "validate", str(big))
    assert result.code == 2 and "larger than" in result.err


def test_a_quarter_given_as_a_deadline_suggests_period(tmp_path, capsys):
    good = (Path(__file__).parent / "fixtures" / "check" / "good.yaml").read_text(encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text(good.replace("    content:\n", "    content:\n      - agency: Công an xã\n        tasks:\n"
                                 "          - {text: Tuần tra, deadline: Quý III/2026}\n", 1), encoding="utf-8")
    result = run_cli(capsys, "--lang", "en", "validate", str(plan))
    assert result.code == 2 and "period: Quý III/2026" in result.err


@pytest.mark.parametrize("name", ["pipe.docx", "pipe.doc", "pipe.yaml"])
@pytest.mark.parametrize("command", ["check", "import", "build"])
def test_a_pipe_given_as_a_file_is_named_not_regular(tmp_path, name, command):
    """A FIFO is no missing file: say what it is, exit 2, at once (a pipe never waited on)."""
    import os

    pipe = tmp_path / name
    os.mkfifo(pipe)
    args = [command, str(pipe)] + (["-o", str(tmp_path / "out.yaml")] if command == "import" else [])
    proc = run_bounded(*args)
    assert proc.returncode == 2, proc.stderr
    if command == "build" and name != "pipe.yaml":
        return  # a Word file is refused as no plan before it is read
    assert f"{pipe}: this is not a regular file" in proc.stderr, proc.stderr
    assert "not found" not in proc.stderr
    assert not (tmp_path / "out.yaml").exists() and not (tmp_path / "pipe.docx.docx").exists()


def test_control_characters_of_a_word_file_are_shown_escaped(tmp_path, capsys):
    """C1 controls (U+009B is a terminal's CSI), zero-width and bidi characters of a file's text are
    shown as <U+XXXX> in check's messages, never sent raw to the terminal."""
    from docx import Document

    document = Document()
    document.add_paragraph("UBND TỈNH A")
    document.add_paragraph("I. MỤC ĐÍCH\u200b\x9b[31m ĐỎ \u202eabc\x90")
    path = tmp_path / "c1.docx"
    document.save(path)
    for fmt in ("text", "github"):
        result = run_cli(capsys, "check", "--format", fmt, str(path))
        said = result.out + result.err
        assert "I. MỤC ĐÍCH<U+200B><U+009B>[31m ĐỎ <U+202E>abc<U+0090>" in said, said
        assert not any(0x80 <= ord(c) <= 0x9F or c in "\u200b\u202e" for c in said)
    # the JSON keeps the text as it is (a program reads it): the same words, escaped by JSON
    assert "\u009b" in json_context(run_cli(capsys, "check", "--format", "json", str(path)).out)


def json_context(out: str) -> str:
    import json

    return "".join(f["context"] for f in json.loads(out))


def test_a_message_naming_a_file_shows_its_control_characters(tmp_path, capsys):
    from plangen.errors import Problem, visible

    assert visible("a\tb\nc\u00a0d") == "a\tb\nc\u00a0d"  # tab, newline, no-break space kept
    assert str(Problem("x\x1b[2J.yaml", 3, None, "m\x85")) == "x<U+001B>[2J.yaml:3: m<U+0085>"
