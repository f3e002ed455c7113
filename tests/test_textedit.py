"""drafting.textedit: edits of a plan's YAML made in its text — what is asked changes, the rest
(comments, key order, layout, the values the edit is not about) stays as written."""

from __future__ import annotations

import random

import pytest

from plangen.drafting.textedit import Edit, EditError, apply, read

from conftest import EXAMPLES

PLAN = """\
# head comment
issuer:
  name: [ỦY BAN NHÂN DÂN, XÃ AN KHÁNH]
  code: UBND   # the code
  place: An Khánh
year: 2027
summary: >-
  Phòng, chống thiên tai
  năm {{ year }}
sections:
  # first section
  - kind: content
    content:
      - item: Một.      # one
      - item: Hai.

      # about three
      - item: Ba.
  - kind: assignments
    content:
      - agency: Công an xã
        tasks:
          - text: Bảo đảm an ninh.
            deadline: 30/09/2027
recipients: [UBND tỉnh]
"""


def edited(edit: Edit, text: str = PLAN):
    result = apply(text, edit)
    assert read(result.text) == result.data  # the text says what the data says
    return result


def test_a_text_changes_in_place():
    result = edited(Edit("set", ("sections", 0, "content", 1, "item"), value="Hai, đã sửa: có dấu hai chấm"))
    assert result.kept
    assert result.text == PLAN.replace("- item: Hai.", '- item: "Hai, đã sửa: có dấu hai chấm"')


def test_a_folded_text_stays_a_block():
    result = edited(Edit("set", ("summary",), value="Phòng, chống lụt bão năm {{ year }}"))
    assert result.kept and result.data["summary"] == "Phòng, chống lụt bão năm {{ year }}"
    assert "# head comment" in result.text and "summary: " in result.text


def test_a_new_key_goes_where_the_model_has_it():
    order = ("text", "lead", "cooperating", "deadline", "period", "output", "note", "content")
    result = edited(Edit("set", ("sections", 1, "content", 0, "tasks", 0, "lead"), value="Công an xã", order=order))
    assert result.kept
    task = result.data["sections"][1]["content"][0]["tasks"][0]
    assert list(task) == ["text", "lead", "deadline"]
    assert "            lead: Công an xã\n            deadline: 30/09/2027" in result.text


def test_items_move_with_their_comments():
    result = edited(Edit("move", ("sections", 0, "content"), index=2, to=0))
    assert result.kept
    assert [b["item"] for b in result.data["sections"][0]["content"]] == ["Ba.", "Một.", "Hai."]
    assert result.text.index("# about three") < result.text.index("- item: Ba.") < result.text.index("- item: Một.")
    assert "- item: Một.      # one" in result.text


def test_items_are_inserted_and_deleted_whole():
    result = edited(Edit("insert", ("sections", 0, "content"), value={"point": "Điểm mới"}, index=1))
    assert result.kept and result.data["sections"][0]["content"][1] == {"point": "Điểm mới"}
    assert "      - point: Điểm mới\n      - item: Hai." in result.text
    result = edited(Edit("delete", ("sections", 0, "content", 3)), result.text)
    assert result.kept and "Ba." not in result.text and "# about three" not in result.text
    assert "# first section" in result.text and "# the code" in result.text


def test_a_key_removed_with_its_line():
    result = edited(Edit("set", ("issuer", "code"), value=None))
    assert result.kept and "code" not in result.data["issuer"] and "# the code" not in result.text


def test_flow_lists_are_written_afresh():
    result = edited(Edit("insert", ("recipients",), value="Các đơn vị", index=1))
    assert result.data["recipients"] == ["UBND tỉnh", "Các đơn vị"]
    assert "# head comment" in result.text and "# first section" in result.text  # only that list rewritten


def test_a_value_shared_through_an_alias_is_not_changed_twice():
    text = PLAN.replace("place: An Khánh", "place: &place An Khánh").replace(
        "recipients: [UBND tỉnh]", "recipients: [UBND tỉnh]\narchive: *place")
    result = edited(Edit("set", ("issuer", "place"), value="Tân Hạnh"), text)
    assert result.data["issuer"]["place"] == "Tân Hạnh" and result.data["archive"] == "An Khánh"


def test_windows_line_ends_are_kept():
    result = edited(Edit("insert", ("sections", 0, "content"), value={"item": "Bốn."}, index=3),
                    PLAN.replace("\n", "\r\n"))
    assert result.kept and "\n" not in result.text.replace("\r\n", "")
    assert "      - item: Ba.\r\n      - item: Bốn.\r\n  - kind: assignments\r\n" in result.text


def test_a_path_that_is_not_there_is_refused():
    with pytest.raises(EditError):
        apply(PLAN, Edit("delete", ("sections", 7)))
    with pytest.raises(EditError):
        apply(PLAN, Edit("move", ("sections",), index=0, to=5))


def _paths(data, path=()):
    if isinstance(data, dict):
        for k, v in data.items():
            yield (*path, k), v
            yield from _paths(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield (*path, i), v
            yield from _paths(v, (*path, i))


@pytest.mark.parametrize("name", ["hanoi-2026.yaml", "boyte-2025.yaml", "lientich-2026.yaml"])
def test_random_edits_of_the_examples_say_what_was_asked(name):
    """Any edit, anywhere: the text read back is the data asked for (so nothing else is lost), and
    most are made in place."""
    rnd = random.Random(name)
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    kept = 0
    for _ in range(40):
        data = read(text)
        paths = list(_paths(data))
        lists = [(p, v) for p, v in paths if isinstance(v, list) and v]
        path, value = rnd.choice(paths)
        kind = rnd.choice(["set", "insert", "delete", "move"])
        if kind == "set" and not isinstance(value, dict | list):
            edit = Edit("set", path, value=rnd.choice(["Văn bản: mới", "một # hai", "dòng 1\ndòng 2", 12]))
        elif kind == "insert":
            where, items = rnd.choice(lists)
            edit = Edit("insert", where, value=rnd.choice([{"item": "Mục mới"}, "chuỗi"]),
                        index=rnd.randint(0, len(items)))
        elif kind == "move":
            where, items = rnd.choice(lists)
            edit = Edit("move", where, index=rnd.randrange(len(items)), to=rnd.randrange(len(items)))
        else:
            edit = Edit("delete", path)
        result = edited(edit, text)
        kept += result.kept
        text = result.text
    assert kept >= 20
