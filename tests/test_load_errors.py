"""Bad plan files get one located line per problem and exit status 2, never a traceback."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cli_helpers import run_cli

VALID = textwrap.dedent("""\
    issuer:
      name: [ỦY BAN NHÂN DÂN, THÀNH PHỐ HÀ NỘI]
      code: UBND
      place: Hà Nội
    year: 2026
    summary: Phòng, chống mua bán người năm {{ year }}
    sections:
      - kind: purpose
        content:
          - item: Triển khai kế hoạch.
      - kind: assignments
        content:
          - agency: Công an Thành phố
            tasks:
              - text: Chủ trì thực hiện.
                deadline: 30/09/2026
    signature: {authority: TM., collective: ỦY BAN NHÂN DÂN, position: CHỦ TỊCH}
    """)


def write(tmp_path, text: str, name: str = "plan.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_plan_validates(tmp_path, capsys):
    result = run_cli(capsys, "validate", "--lang", "en", str(write(tmp_path, VALID)))
    assert result.code == 0, result.err


CASES = [
    # (name, replace this, with this, expected "line:col: path" prefix, words in the message)
    ("wrong type", "year: 2026", "year: [2026]", "5:7: year", "whole number"),
    ("bad date 31/02", "deadline: 30/09/2026", "deadline: 31/02/2026",
     "16:23: sections[1].content[0].tasks[0].deadline", "does not exist"),
    ("bad month", "deadline: 30/09/2026", "deadline: 2026-13-01",
     "16:23: sections[1].content[0].tasks[0].deadline", "month"),
    ("unknown key with suggestion", "  place: Hà Nội", "  place: Hà Nội\n  plase: x",
     "5:3: issuer.plase", "did you mean `place`"),
    ("unknown key in a block", "- item: Triển khai kế hoạch.",
     "- item: Triển khai kế hoạch.\n        contnet: []",
     "11:9: sections[0].content[0].contnet", "did you mean `content`"),
    ("missing required field", "summary: Phòng, chống mua bán người năm {{ year }}\n", "",
     "1:1: summary", "required field `summary`"),
    ("missing nested field", "  code: UBND\n", "", "2:3: issuer.code", "required field `code`"),
    ("unknown section kind", "  - kind: purpose", "  - kind: purpse",
     "8:11: sections[0].kind", "purpose"),
    ("unknown block", "- item: Triển khai kế hoạch.", "- itme: Triển khai kế hoạch.",
     "10:9: sections[0].content[0]", "unknown kind of content"),
    ("bad issuer code", "  code: UBND", "  code: ubnd", "3:9: issuer.code", "issuer code"),
    ("bad authority", "authority: TM.", "authority: XX.", "17:24: signature.authority", "TM."),
    ("empty section", "    content:\n      - item: Triển khai kế hoạch.\n", "    content: []\n",
     "9:14: sections[0].content", "empty"),
    ("undefined variable", "năm {{ year }}", "năm {{ nam }}", "6:10: summary", "`nam`"),
    ("sandbox escape", "năm {{ year }}", "năm {{ ''.__class__.__mro__ }}", "6:10: summary", "not allowed"),
]


@pytest.mark.parametrize(("name", "old", "new", "where", "words"), CASES, ids=[c[0] for c in CASES])
def test_bad_plan_gives_located_error(tmp_path, capsys, name, old, new, where, words):
    assert old in VALID, name
    path = write(tmp_path, VALID.replace(old, new, 1))
    result = run_cli(capsys, "validate", "--lang", "en", str(path))
    assert result.code == 2
    lines = [line for line in result.err.splitlines() if line]
    assert lines, "no message"
    assert any(line.startswith(f"{path}:{where}") and words in line for line in lines), result.err
    assert "Traceback" not in result.err


def test_duplicate_key(tmp_path, capsys):
    path = write(tmp_path, VALID.replace("year: 2026\n", "year: 2026\nyear: 2027\n"))
    result = run_cli(capsys, "validate", "--lang", "en", str(path))
    assert result.code == 2
    assert f"{path}:6:1: year: duplicate key `year` (first given at line 5)" in result.err


def test_tab_indented_file(tmp_path, capsys):
    path = write(tmp_path, VALID.replace("  code: UBND", "\tcode: UBND"))
    result = run_cli(capsys, "validate", "--lang", "en", str(path))
    assert result.code == 2
    assert f"{path}:3:1:" in result.err and "tab" in result.err


def test_python_tag_is_refused(tmp_path, capsys):
    path = write(tmp_path, VALID.replace("year: 2026", "year: !!python/object/apply:os.system [ls]"))
    result = run_cli(capsys, "validate", "--lang", "en", str(path))
    assert result.code == 2
    assert f"{path}:5:7: year:" in result.err and "not allowed" in result.err


def test_alias_bomb_is_refused(tmp_path, capsys):
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        bomb.append(f"{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, "
                    f"*{prev}, *{prev}]")
    path = write(tmp_path, "\n".join(bomb) + "\n")
    result = run_cli(capsys, "validate", "--lang", "en", str(path))
    assert result.code == 2
    assert "too many aliases" in result.err


def test_invalid_utf8(tmp_path, capsys):
    path = tmp_path / "plan.yaml"
    path.write_bytes(VALID.encode("utf-8").replace("Hà Nội".encode(), b"H\xe0 N\xf4i", 1))
    result = run_cli(capsys, "validate", "--lang", "en", str(path))
    assert result.code == 2
    assert f"{path}:4:11:" in result.err and "UTF-8" in result.err


def test_bom_is_accepted_and_nfd_normalised(tmp_path, capsys):
    import unicodedata

    path = tmp_path / "plan.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + unicodedata.normalize("NFD", VALID).encode("utf-8"))
    from plangen.plan.load import load_plan

    plan = load_plan(path).plan
    assert plan.issuer.place == "Hà Nội" and unicodedata.is_normalized("NFC", plan.issuer.place)


def test_control_character_is_refused_with_position(tmp_path, capsys):
    path = write(tmp_path, VALID.replace("Triển khai kế hoạch.", "Triển khai\x07 kế hoạch."))
    result = run_cli(capsys, "validate", "--lang", "en", str(path))
    assert result.code == 2
    assert f"{path}:10:25:" in result.err and "U+0007" in result.err


def test_several_problems_are_all_reported(tmp_path, capsys):
    text = VALID.replace("year: 2026", "year: hai").replace("code: UBND", "code: ubnd")
    result = run_cli(capsys, "validate", "--lang", "en", str(write(tmp_path, text)))
    assert result.code == 2
    assert len([line for line in result.err.splitlines() if line]) == 2


def test_missing_file(tmp_path, capsys):
    result = run_cli(capsys, "build", "--lang", "en", str(tmp_path / "nope.yaml"))
    assert result.code == 2
    assert "file not found" in result.err


def test_build_refuses_bad_plan_and_writes_nothing(tmp_path, capsys):
    path = write(tmp_path, VALID.replace("year: 2026", "year: hai"))
    result = run_cli(capsys, "build", "--lang", "en", str(path))
    assert result.code == 2
    assert not path.with_suffix(".docx").exists()


def _nested(depth: int) -> str:
    lines = []
    for i in range(depth):
        lines.append("      " + "  " * i + f"- bullet: mức {i}")
        lines.append("      " + "  " * i + "  content:")
    lines.append("      " + "  " * depth + "- cuối")
    return "\n".join(lines) + "\n"


def test_deep_nesting_builds_and_too_deep_is_refused(tmp_path, capsys):
    from plangen.document.render import Template
    from plangen.plan.load import load_plan_text

    deep = VALID.replace("      - item: Triển khai kế hoạch.\n", _nested(60))
    plan = load_plan_text(deep, "deep.yaml").plan
    assert Template().render(plan)
    too_deep = VALID.replace("      - item: Triển khai kế hoạch.\n", _nested(150))
    result = run_cli(capsys, "validate", "--lang", "en", str(write(tmp_path, too_deep)))
    assert result.code == 2 and "levels deep" in result.err


def test_very_long_text_builds(tmp_path):
    from plangen.document.render import build_file
    from plangen.word import docxtext

    long_text = "Chữ dài & <đặc biệt> " * 20_000
    path = write(tmp_path, VALID.replace("Triển khai kế hoạch.", f"'{long_text.strip()}'"))
    out = build_file(path, tmp_path / "long.docx")
    assert any(long_text.strip() in p for p in docxtext.paragraphs(out))


def test_anchors_and_aliases_are_allowed(tmp_path):
    from plangen.plan.load import load_plan

    text = VALID.replace("summary: Phòng", "x-common: &ca Công an Thành phố\nsummary: Phòng").replace(
        "      - agency: Công an Thành phố", "      - agency: *ca")
    text = text.replace("x-common: &ca Công an Thành phố\n", "")  # unknown keys are refused: anchor inline
    text = text.replace("      - agency: *ca", "      - agency: &ca Công an Thành phố\n        tasks: [Một.]\n"
                        "      - agency: *ca")
    plan = load_plan(write(tmp_path, text)).plan
    agencies = [b.agency for b in plan.sections[1].content]
    assert agencies == ["Công an Thành phố", "Công an Thành phố"]


def test_output_folder_is_created(tmp_path, capsys):
    path = write(tmp_path, VALID)
    result = run_cli(capsys, "build", "--lang", "en", "--force", str(path), "-o", str(tmp_path / "a" / "b" / "p.docx"))
    assert result.code == 0, result.err
    assert (tmp_path / "a" / "b" / "p.docx").is_file()


def test_task_dates_may_name_a_date_variable(tmp_path, capsys):
    from plangen.plan.load import load_plan

    text = VALID.replace("year: 2026\n", "year: 2026\nvariables: {han: 30/09/2026}\n").replace(
        "deadline: 30/09/2026", "deadline: '{{ han }}'")
    task = load_plan(write(tmp_path, text)).plan.sections[1].content[0].tasks[0]
    assert task.deadline.isoformat() == "2026-09-30"
    result = run_cli(capsys, "validate", "--lang", "en", str(write(tmp_path, text.replace("{{ han }}", "{{ hn }}"))))
    assert result.code == 2 and ":17:23: sections[1].content[0].tasks[0].deadline: unknown variable `hn`" in result.err


@pytest.mark.parametrize("args", [("build", "--bogus"), ("check",), ("frobnicate",),
                                  ("build", "--jobs", "x", "p.yaml")])
def test_usage_errors_are_messages_with_status_2(capsys, args):
    result = run_cli(capsys, *args)
    assert result.code == 2, result
    assert "Traceback" not in result.err and result.err.strip()


@pytest.mark.parametrize("args, english, vietnamese", [
    (("build", "--bogus", "p.yaml"), "Error: No such option: --bogus (Possible options: --jobs)",
     "Lỗi: không có tùy chọn --bogus (có thể bạn muốn dùng: --jobs)"),
    (("build",), "Error: Missing argument 'plans'.", "Lỗi: thiếu đối số 'plans'."),
    (("frobnicate",), "Error: No such command 'frobnicate'.", "Lỗi: không có lệnh 'frobnicate'."),
    (("build", "-o"), "Error: Option '-o' requires an argument.", "Lỗi: tùy chọn '-o' cần có giá trị đi kèm."),
    (("tasks", "a.yaml", "b.yaml"), "Error: Got unexpected extra argument(s) (b.yaml)", "Lỗi: thừa đối số (b.yaml)"),
    (("build", "--jobs", "x", "p.yaml"), "Error: Invalid value for '--jobs' / '-j': ",
     "Lỗi: giá trị không hợp lệ cho '--jobs' / '-j': "),
])
def test_usage_errors_speak_the_users_language(capsys, args, english, vietnamese):
    for lang, expected in (("en", english), ("vi", vietnamese)):
        result = run_cli(capsys, "--lang", lang, *args)
        assert result.code == 2
        assert expected in result.err, result.err
    assert "Xem hướng dẫn: 'plangen build --help'." in run_cli(capsys, "--lang", "vi", "build").err


GOOD_PLAN = (Path(__file__).parent / "fixtures" / "check" / "good.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("change", "line", "column", "words"), [
    (lambda t: t.replace("summary: ", "summary: Kế hoạch: phòng chống ", 1), 11, 18, "put the text in quotes"),
    (lambda t: t.replace("summary: ", "summary: Số #12 về ", 1), 11, 13, "put the whole text in quotes"),
    (lambda t: t.replace("\n  code:", "\n\tcode:", 1), 6, 1, "indent with spaces"),
    (lambda t: t.replace("summary: ", 'summary: "Kế hoạch năm\n', 1), 11, 10, "a closing quote is missing"),
])
def test_yaml_slips_in_plain_words_where_the_mistake_is(tmp_path, capsys, change, line, column, words):
    plan = tmp_path / "plan.yaml"
    plan.write_text(change(GOOD_PLAN), encoding="utf-8")
    result = run_cli(capsys, "--lang", "en", "validate", str(plan))
    assert result.code == 2 and f"{plan}:{line}:{column}: " in result.err and words in result.err
    shown = result.err.splitlines()
    assert shown[1].startswith("    ") and shown[2].strip() == "^"  # the line quoted, a caret under the place
    assert len(shown[2]) - 4 == column  # the caret stands at the column
    assert run_cli(capsys, "--lang", "vi", "validate", str(plan)).err != result.err  # in Vietnamese too


@pytest.mark.parametrize(("change", "line", "words"), [
    (lambda t: t.replace("variables:\n", "variables:\n  han_cu: 31/02/2026\n", 1), 13, "does not exist"),
    (lambda t: t.replace("summary: ", "recipients_x: 1\nsummary: ", 1).replace(
        "recipients_x: 1\n", "", 1) + "closing:\n  Trên đây là kế hoạch\n  - Lưu ý thêm\n", 0, "`- `"),
    (lambda t: t + "legal_bases: [Luật Phòng, chống mua bán người]\n", 0, "cuts it in two"),
])
def test_more_yaml_slips_are_refused_where_they_are(tmp_path, capsys, change, line, words):
    plan = tmp_path / "plan.yaml"
    plan.write_text(change(GOOD_PLAN), encoding="utf-8")
    result = run_cli(capsys, "--lang", "en", "validate", str(plan))
    assert result.code == 2 and words in result.err, result.err
    if line:
        assert f"{plan}:{line}:" in result.err


def test_a_draft_points_at_the_schema_and_says_how_to_write_it_without_writing_it(tmp_path, capsys):
    """Only the file named as output is written: the schema the draft's first line points at is
    written by `plangen schema` when the user asks (the hint says how), not beside it unasked."""
    import json

    plan = tmp_path / "plan.yaml"
    result = run_cli(capsys, "--lang", "en", "new", "--issuer", "ubnd", "--province", "ha-noi", "--year", "2027",
                     "-o", str(plan))
    assert result.code == 0, result.err
    first = plan.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=plan.schema.json"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]
    schema = tmp_path / "plan.schema.json"
    assert f"plangen schema > {schema}" in result.out
    written = run_cli(capsys, "schema")
    assert json.loads(written.out)["title"]
    schema.write_text(written.out, encoding="utf-8")
    again = run_cli(capsys, "--lang", "en", "new", "--issuer", "ubnd", "--province", "ha-noi", "--year", "2027",
                    "-o", str(tmp_path / "next.yaml"))
    assert again.code == 0 and "plangen schema >" not in again.out  # said only while it is missing


def test_a_long_text_folded_by_a_yaml_writer_is_not_taken_for_a_list_slip():
    """yaml.safe_dump folds long texts at any space, so a continuation line may begin with `- `."""
    import yaml

    from plangen.plan.load import load_plan_text

    data = yaml.safe_load(GOOD_PLAN)
    folded = 0
    for count in range(5, 60):
        words = "Tăng " + "ăn " * count + "Đắk Thiên - ăn."
        data["sections"][-1]["content"] = [{"item": words}]
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        folded += any(line.lstrip().startswith("- ăn.") for line in text.splitlines())
        plan = load_plan_text(text, "dumped.yaml")
        assert words in str(plan.plan.model_dump())
    assert folded  # the shape that was once refused did occur
