"""Template texts that ask for unbounded work or size (in a plan's texts and in a Word template)
are refused in bounded time and memory, at their place; odd templates and settings files are the
input's fault (exit 2), never an internal error. Each hostile case runs in a child process whose
own time and peak memory are measured (cli_helpers.run_bounded)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cli_helpers import rebuilt, run_bounded, run_cli

GOOD = Path(__file__).parent / "fixtures" / "check" / "good.yaml"

HOSTILE = [
    '{{ "a" * 10**9 }}',
    '{{ "a".center(10**9) }}',
    '{{ "x" | center(10**9) }}',
    '{{ "%1000000000d" % 1 }}',
    '{{ "%999999999s" | format(1) }}',
    '{{ "{:>1000000000}".format(1) }}',
    '{{ range(10**5) | join * 1000 }}',
    '{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}',
    '{% for a in "x" * 9999 %}{% for b in "x" * 9999 %}{% for c in "x" * 9999 %}{% endfor %}{% endfor %}{% endfor %}',
    '{{ 7 ** (10**9) }}',
    '{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}',
    '{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(80) }}',
    '{% set s = "a" * 999999 %}{% for i in range(99999) %}{{ s }}{% endfor %}',
    '{% set ns = namespace(s="ab") %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}',
    '{{ ("a" * 999999) | replace("a", "bb") }}',
    '{{ (["a" * 999999] * 999999) | string }}',
    '{{ range(9) | batch(10**9, "x") | list }}',
    '{{ "abc" | truncate(-5) }}',
    '{{ 1 / 0 }}',
    '{{ "a".split("") }}',
    '{% include "word/document.xml" %}',
    '{% extends "x" %}',
    '{% for __plangen_loop in range(3) %}{% endfor %}',
]


def _plan_with(tmp_path: Path, text: str) -> tuple[Path, int]:
    """The good plan whose summary is `text`; the summary's line."""
    source = GOOD.read_text(encoding="utf-8")
    quoted = "'" + text.replace("'", "''") + "'"
    changed = re.sub(r"(?m)^summary: .*$", lambda m: f"summary: {quoted}", source)
    plan = tmp_path / "plan.yaml"
    plan.write_text(changed, encoding="utf-8")
    line = next(n for n, t in enumerate(changed.splitlines(), 1) if t.startswith("summary:"))
    return plan, line


@pytest.mark.parametrize("text", HOSTILE)
def test_a_plan_text_cannot_take_the_machine(tmp_path, text):
    plan, line = _plan_with(tmp_path, text)
    proc = run_bounded("build", str(plan), "-o", str(tmp_path / "out.docx"))
    assert proc.returncode == 2, proc.stderr
    assert f"{plan}:{line}:" in proc.stderr  # at the text's own place
    assert not (tmp_path / "out.docx").exists()


def _template_with(tmp_path: Path, built: Path, text: str) -> Path:
    """The official template with one more paragraph holding `text` at the top of the body."""
    from xml.sax.saxutils import escape

    def insert(members: dict) -> None:
        xml = members["word/document.xml"].decode()
        at = xml.index(">", xml.index("<w:body")) + 1
        members["word/document.xml"] = (xml[:at] + f"<w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p>"
                                        + xml[at:]).encode()

    return rebuilt(built, tmp_path / "template.docx", insert)


@pytest.mark.parametrize("text", HOSTILE)
def test_a_template_cannot_take_the_machine(tmp_path, text):
    from plangen.document.render import default_template

    template = _template_with(tmp_path, default_template(), text)
    proc = run_bounded("build", str(GOOD), "--template", str(template), "-o", str(tmp_path / "out.docx"))
    assert proc.returncode == 2, proc.stderr
    assert str(template) in proc.stderr
    assert not (tmp_path / "out.docx").exists()


def test_a_template_error_names_its_line(tmp_path, capsys):
    from plangen.document.render import default_template

    template = _template_with(tmp_path, default_template(), '{{ "a" * 10**9 }}')
    result = run_cli(capsys, "--lang", "en", "build", str(GOOD), "--template", str(template),
                     "-o", str(tmp_path / "out.docx"))
    assert result.code == 2
    assert re.search(rf"{re.escape(str(template))}:\d+:", result.err), result.err
    assert "at most 1,000,000" in result.err
    vi = run_cli(capsys, "--lang", "vi", "build", str(GOOD), "--template", str(template),
                 "-o", str(tmp_path / "out.docx"))
    assert vi.code == 2 and "tối đa 1,000,000" in vi.err


@pytest.mark.parametrize("text", [
    '{{ 2 ** 10 }} {{ "ab" * 3 }} {{ [1, 2] | join(",") }} {{ "%05d" % 42 }} {{ "x" | center(5) }}',
    '{% for i in range(3) %}{{ i ~ "," }}{% endfor %} {{ "a,b".split(",") | join("+") }} {{ year }}',
])
def test_ordinary_expressions_still_work(tmp_path, capsys, text):
    from plangen.plan.load import load_plan

    plan, _line = _plan_with(tmp_path, text)
    summary = load_plan(plan).plan.summary
    assert summary in ("1024 ababab 1,2 00042   x  ", "0,1,2, a+b 2026")


def test_a_plan_with_thousands_of_sections_is_refused_at_its_place(tmp_path, capsys):
    import yaml

    data = yaml.safe_load(GOOD.read_text(encoding="utf-8"))
    data["sections"] = data["sections"] + [{"kind": "content", "heading": f"Phần {i}", "content": ["Một ý."]}
                                           for i in range(4000)]
    plan = tmp_path / "big.yaml"
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    proc = run_bounded("build", str(plan), "-o", str(tmp_path / "big.docx"))
    assert proc.returncode == 2 and re.search(rf"{re.escape(str(plan))}:\d+:\d+: sections: at most 399", proc.stderr)


def test_a_plan_with_hundreds_of_sections_builds_and_checks_clean(tmp_path, capsys):
    """Long Roman labels (LXXXVIII, CCCLXXXVIII) are read back as labels by check."""
    import yaml

    data = yaml.safe_load(GOOD.read_text(encoding="utf-8"))
    extra = [{"kind": "content", "heading": f"NỘI DUNG SỐ {i}", "content": ["Một ý."]} for i in range(395)]
    data["sections"] = data["sections"][:2] + extra + data["sections"][2:]
    plan = tmp_path / "many.yaml"
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    built = run_cli(capsys, "--lang", "en", "build", str(plan), "-o", str(tmp_path / "many.docx"))
    assert built.code == 0, built.err
    checked = run_cli(capsys, "--lang", "en", "check", str(tmp_path / "many.docx"))
    assert "numbering" not in checked.out + checked.err, checked.out


@pytest.mark.parametrize(("name", "content", "words"), [
    ("my.toml", "check = 5\n", "`check` must be a table"),
    ("plangen.toml", "check = 5\n", "`check` must be a table"),
    ("plangen.toml", "[check]\n\nseverity = 5\n", "`severity` must be a table"),
    ("pyproject.toml", "[tool]\nplangen = 5\n", None),
    ("my.toml", "[check]\nrequired-sections = [\"purpose\", \"reporting\"]\n", None),
    ("my.toml", "[tool.plangen.check]\nrequired-sections = [\"purpose\", \"reporting\"]\n", None),
])
def test_settings_of_any_shape_are_read_or_refused_at_their_place(tmp_path, capsys, monkeypatch, name,
                                                                     content, words):
    (tmp_path / ".git").mkdir()
    (tmp_path / name).write_text(content, encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = ["--config", str(tmp_path / name)] if name == "my.toml" else []
    result = run_cli(capsys, "--lang", "en", "check", *args, str(plan))
    assert "internal error" not in result.err
    if words:
        line = next(n for n, t in enumerate(content.splitlines(), 1) if t.startswith(("check", "severity")))
        assert result.code == 2 and words in result.err and f"{name}:{line}:1" in result.err, result.err
    else:  # read: the office's required sections apply
        assert ("required-sections" in result.out) == ("reporting" in content), result.out
        assert result.code == 0, result.err  # a missing part is a warning: the decree lists none
