"""The prepared template renders what docxtpl renders, from a cache, importing only what it needs."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docxtpl import DocxTemplate
from lxml import etree

from plangen.document import prepared
from plangen.document.layout import build_context
from plangen.document.render import Template, default_template
from plangen.plan.load import load_plan
from plangen.plan.textvars import make_environment

from conftest import ALL_EXAMPLES, EXAMPLES


def canonical(element: etree._Element) -> bytes:
    return etree.tostring(element, method="c14n")


def docxtpl_render(template: Path, context: dict) -> DocxTemplate:
    """The oracle: docxtpl's own render, with the same sandbox and escaping."""
    tpl = DocxTemplate(str(template))
    tpl.render(context, jinja_env=make_environment(), autoescape=True)
    return tpl


def assert_same_as_docxtpl(template_path: Path, context: dict) -> None:
    ours = Template(template_path).rendered(context)
    theirs = docxtpl_render(template_path, context)
    parts = {str(p.partname): p for p in theirs.docx.part.package.parts}
    for part, root in ours.items():
        if part.kind == "body":
            assert canonical(root) == canonical(theirs.docx.element.body)
        else:
            blob = parts["/" + part.name].blob
            assert canonical(root) == canonical(etree.fromstring(blob if isinstance(blob, bytes) else blob.encode()))


@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_examples_render_as_with_docxtpl(name):
    context, _notes = build_context(load_plan(EXAMPLES / name).plan)
    assert_same_as_docxtpl(default_template(), context)


@pytest.fixture
def tricky_template(tmp_path) -> Path:
    """A user template with what docxtpl finishes after Jinja: column loops (`{%tc`), tabs and
    line breaks in values, a templated header and a picture id."""
    import docx

    doc = docx.Document()
    doc.add_paragraph("{{ title }}")
    doc.add_paragraph("{{ listing }}")
    table = doc.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["{%tc for c in cols %}", "{{ c }}", "{%tc endfor %}"],
                          strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["a", "b", "c"], strict=True):
        cell.text = text
    doc.add_paragraph("{%p if flag %}")
    doc.add_paragraph("shown when flag")
    doc.add_paragraph("{%p endif %}")
    doc.sections[0].header.paragraphs[0].text = "{{ title }} — header"
    path = tmp_path / "tricky.docx"
    doc.save(path)
    return path


def test_tricky_template_renders_as_with_docxtpl(tricky_template):
    context = {"title": "A & B <c>", "listing": "line 1\nline 2\tafter a tab", "cols": ["x", "y", "z", "w"],
               "flag": True}
    assert_same_as_docxtpl(tricky_template, context)
    ours = Template(tricky_template).rendered(context)
    body = next(root for part, root in ours.items() if part.kind == "body")
    xml = etree.tostring(body, encoding="unicode")
    assert "<w:br/>" in xml and "<w:tab/>" in xml  # docxtpl's listing resolution was applied
    grid = body.find(".//{*}tblGrid")
    assert len(grid) == 4  # docxtpl's table fix: one grid column per rendered cell


def test_same_plan_same_bytes():
    plan = load_plan(EXAMPLES / "hanoi-2025.yaml").plan
    assert Template().render(plan) == Template().render(plan)


def test_static_members_are_the_templates(tmp_path):
    plan = load_plan(EXAMPLES / "hanoi-2025.yaml").plan
    out = zipfile.ZipFile(__import__("io").BytesIO(Template().render(plan)))
    source = zipfile.ZipFile(default_template())
    assert sorted(out.namelist()) == sorted(source.namelist())
    assert out.read("word/styles.xml") == source.read("word/styles.xml")
    assert out.testzip() is None


def run_build(tmp_path: Path, cache: str, code: str = "") -> str:
    """A `plangen build` in a fresh process; prints which heavy modules it imported."""
    env = {**os.environ, "PLANGEN_CACHE_DIR": cache}
    script = ("import sys\nfrom plangen.cli.app import main\n"
              f"sys.argv = ['plangen', 'build', {str(EXAMPLES / 'hanoi-2025.yaml')!r}, '-o', "
              f"{str(tmp_path / 'out.docx')!r}]\n{code}"
              "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
              "print(sorted({m.split('.')[0] for m in sys.modules} & {'docx', 'docxtpl', 'ruamel', 'rich'}))")
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_a_warm_build_imports_neither_docxtpl_nor_python_docx(tmp_path):
    cache = str(tmp_path / "cache")
    assert "docxtpl" in run_build(tmp_path, cache)  # the first build prepares the template
    assert run_build(tmp_path, cache) == "[]"
    assert (tmp_path / "out.docx").stat().st_size > 0


def test_cache_disabled_unwritable_or_corrupt(tmp_path):
    plan = load_plan(EXAMPLES / "hanoi-2025.yaml").plan
    expected = Template().render(plan)
    os.environ["PLANGEN_CACHE_DIR"], saved = "", os.environ["PLANGEN_CACHE_DIR"]
    try:
        assert prepared.cache_dir() is None
        assert Template().render(plan) == expected
        blocked = tmp_path / "file"
        blocked.write_text("not a folder")
        os.environ["PLANGEN_CACHE_DIR"] = str(blocked)
        assert Template().render(plan) == expected
        os.environ["PLANGEN_CACHE_DIR"] = str(tmp_path / "cache")
        Template()
        (entry,) = (tmp_path / "cache" / "templates").iterdir()
        entry.write_text("{not json", encoding="utf-8")
        assert Template().render(plan) == expected
        damaged = json.loads(entry.read_text(encoding="utf-8"))
        damaged["static"] = base64.b64encode(b"not a zip").decode()
        entry.write_text(json.dumps(damaged), encoding="utf-8")
        assert Template().render(plan) == expected
    finally:
        os.environ["PLANGEN_CACHE_DIR"] = saved


@pytest.mark.parametrize("command", [["check"], ["import", "-o", "imported.yaml"]])
def test_the_check_and_the_import_of_a_word_file_import_no_pydantic(tmp_path, command):
    """A Word file's check reads no plan model (check/read.py), its import writes plan data checked by
    the models' rules without the models (plan/vocabulary.py, wording.py, grid.py), and the
    registry's entries are plain dataclasses: pydantic, a third of such a command's time, is not
    imported (bench/real_file_speed.py measures the time; this keeps the reason from coming back)."""
    built = tmp_path / "plan.docx"
    assert run_build(tmp_path, str(tmp_path / "cache")) and (tmp_path / "out.docx").exists()
    (tmp_path / "out.docx").rename(built)
    argv = ["plangen", command[0], str(built), *command[1:]]
    script = ("import sys\nfrom plangen.cli.app import main\n"
              f"sys.argv = {argv!r}\n"
              "try:\n    main()\nexcept SystemExit as exc:\n    assert exc.code in (0, 1, None), exc.code\n"
              "print(sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'pydantic_core'}))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout
    if command[0] == "import":
        from plangen.plan.load import load_plan

        assert load_plan(tmp_path / "imported.yaml").plan.summary
