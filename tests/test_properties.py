"""Property tests (hypothesis): random valid plans always build, lose no text, and keep their
verdict; random damage to a valid file never produces a traceback.

Marked `long`: 1,000 examples each (the README's test command runs them; `-m "not long"` skips).
"""

from __future__ import annotations

import io
import random

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plangen.check import check_view
from plangen.check.read import from_plan, from_word
from plangen.document.render import Template
from plangen.errors import PlangenError
from plangen.plan.load import load_plan_text
from plangen.word import docxtext
from plangen.word.wordfile import read

from conftest import EXAMPLES

pytestmark = pytest.mark.long
EXAMPLES_PER_TEST = 1000
TEMPLATE = Template()

# Words with every Vietnamese diacritic, and the XML-special characters that must stay literal.
WORDS = ('ăn ân đường ê ô ơ ư ạ ả ã á à ặ ẳ ẵ ắ ằ ậ ẩ ẫ ấ ầ ẹ ẻ ẽ é è ệ ể ễ ế ề ỉ ĩ í ì ị ọ ỏ õ ó ò '
         'ộ ổ ỗ ố ồ ợ ở ỡ ớ ờ ụ ủ ũ ú ù ự ử ữ ứ ừ ỵ ỷ ỹ ý ỳ Đắk Lắk Ủy Thừa Thiên Huế phòng chống '
         'mua bán người & < > " \' (x) 30/7 năm, tỉnh; và - …').split()
FIRST = "Tăng Triển Đẩy Phối Thực Chủ Bảo Nâng Tổ Rà".split()


@st.composite
def sentences(draw, min_words: int = 1, max_words: int = 40) -> str:
    rest = draw(st.lists(st.sampled_from(WORDS), min_size=min_words - 1, max_size=max_words))
    return " ".join([draw(st.sampled_from(FIRST)), *rest]) + "."


def blocks(depth: int):
    leaf = st.one_of(
        sentences().map(lambda t: t),
        sentences().map(lambda t: {"item": t}),
        sentences().map(lambda t: {"bullet": t}),
        sentences().map(lambda t: {"point": t}),
    )
    if depth == 0:
        return leaf
    inner = st.lists(blocks(depth - 1), min_size=1, max_size=4)
    return st.one_of(
        leaf,
        st.builds(lambda t, c: {"title": t, "content": c}, sentences(max_words=8), inner),
        st.builds(lambda t, c: {"bullet": t, "content": c}, sentences(), inner),
    )


assignment = st.builds(
    lambda agency, tasks, request, layout: {
        "agency": agency, "request": request, "layout": layout,
        "tasks": tasks[:1] if layout == "inline" else tasks},
    sentences(max_words=5).map(lambda t: "Sở " + t.rstrip(".")),
    st.lists(sentences(), min_size=1, max_size=5),
    st.booleans(),
    st.sampled_from(["bullets", "paragraphs", "inline"]),
)


@st.composite
def plans(draw) -> dict:
    def section(kind, content):
        return {"kind": kind, "content": content}

    sections = [
        section(["purpose", "requirements"], draw(st.lists(blocks(2), min_size=1, max_size=6))),
        section(["content", "assignments"], draw(st.lists(st.one_of(blocks(3), assignment), min_size=1, max_size=8))),
        section("funding", [draw(sentences())]),
        section("implementation", draw(st.lists(blocks(1), min_size=1, max_size=4))),
    ]
    return {
        "issuer": {"name": ["ỦY BAN NHÂN DÂN", "TỈNH " + draw(st.sampled_from(["ĐẮK LẮK", "HÀ TĨNH", "LÀO CAI"]))],
                   "code": "UBND", "place": "Buôn Ma Thuột"},
        "year": 2026,
        "summary": draw(sentences(max_words=20)).rstrip("."),
        "preamble": draw(st.lists(sentences(), max_size=2)),
        "sections": sections,
        # a recipient's closing punctuation is the renderer's (";"), so none is drawn
        "recipients": draw(st.lists(sentences(max_words=6).map(lambda t: t.rstrip(".,;")), min_size=1, max_size=6)),
        "signature": {"authority": "TM.", "collective": "ỦY BAN NHÂN DÂN", "position": "CHỦ TỊCH",
                      "name": "Nguyễn Văn Ánh"},
    }


def texts_in_order(plan: dict) -> list[str]:
    """Every text the author wrote, in document order."""
    out = [plan["summary"], *plan["preamble"]]

    def walk(content):
        for block in content:
            if isinstance(block, str):
                out.append(block)
                continue
            for key in ("title", "item", "point", "bullet", "agency"):
                if key in block:
                    out.append(block[key])
            for task in block.get("tasks", []):
                out.append(task)
            walk(block.get("content", []))

    for section in plan["sections"]:
        walk(section["content"])
    return out + plan["recipients"]


SETTINGS = settings(max_examples=EXAMPLES_PER_TEST, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(plans())
def test_random_plans_build_lose_nothing_and_keep_their_verdict(tmp_path_factory, plan):
    text = yaml.safe_dump(plan, allow_unicode=True, sort_keys=False)
    loaded = load_plan_text(text, "random.yaml")
    data = TEMPLATE.render(loaded.plan)
    document = " ".join(" ".join(p.split()) for p in docxtext.paragraphs(io.BytesIO(data)))
    position = 0
    for expected in texts_in_order(plan):
        found = document.find(" ".join(expected.split()), position)
        assert found >= 0, f"lost or out of order: {expected!r}"
        position = found
    yaml_errors = [f for f in check_view(from_plan(loaded)) if f.severity == "error"]
    if not yaml_errors:
        path = tmp_path_factory.mktemp("p") / "plan.docx"
        path.write_bytes(data)
        docx_errors = [f for f in check_view(from_word(read(path))) if f.severity == "error"]
        assert docx_errors == [], docx_errors


SOURCES = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.yaml"))]
NOISE = "\t\n :-[]{}\"'&*!|>%@`#,?\x00\x07\ufeffđ\u0301"


@SETTINGS
@given(st.integers(min_value=0, max_value=len(SOURCES) - 1), st.randoms(use_true_random=False),
       st.integers(min_value=1, max_value=8))
def test_random_damage_never_raises_a_traceback(source_index, rnd: random.Random, edits):
    text = list(SOURCES[source_index])
    for _ in range(edits):
        at = rnd.randrange(len(text))
        action = rnd.random()
        if action < 0.4:
            del text[at:at + rnd.randint(1, 20)]
        elif action < 0.8:
            text.insert(at, rnd.choice(NOISE))
        else:
            text[at] = rnd.choice(NOISE)
    try:
        loaded = load_plan_text("".join(text), "damaged.yaml")
    except PlangenError as exc:
        assert exc.problems and all(p.file == "damaged.yaml" for p in exc.problems)
        return
    TEMPLATE.render(loaded.plan)
    check_view(from_plan(loaded))


# --- hostile shapes (issue 23): escapes, counts at their limits, side inputs of any content ------

GOOD_TEXT = (EXAMPLES.parent / "tests" / "fixtures" / "check" / "good.yaml").read_text(encoding="utf-8")
CONTROL = [c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)] + [0x7F, 0xFFFE, 0xFFFF]
HOSTILE = settings(max_examples=200, deadline=None, derandomize=True,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@HOSTILE
@given(st.sampled_from(CONTROL), st.sampled_from(["x", "u", "U"]), st.text("abc đê", max_size=5),
       st.sampled_from(["archive: ", "  han_bao_cao: ", "      - item: "]))
def test_a_control_character_written_as_an_escape_is_refused_where_it_is_written(code, form, before, key):
    escape = {"x": f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}", "u": f"\\u{code:04x}",
              "U": f"\\U{code:08x}"}[form]
    lines = GOOD_TEXT.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(key))
    lines[at] = f'{key}"{before}{escape}"'
    with pytest.raises(PlangenError) as refused:
        load_plan_text("\n".join(lines) + "\n", "escaped.yaml")
    problem = refused.value.problems[0]
    assert (problem.line, problem.column) == (at + 1, len(key) + len(before) + 2), (problem, lines[at])
    assert f"U+{code:04X}" in problem.message


@HOSTILE
@given(st.integers(min_value=0, max_value=40), st.integers(min_value=0, max_value=40), st.randoms())
def test_paragraphs_and_cells_are_refused_exactly_past_their_limit(paragraphs, cells, rnd):
    from plangen.word import wordfile

    limit_p, limit_c = 20, 20
    pieces = ["<w:p/>"] * paragraphs + ["<w:tc></w:tc>"] * cells + ["<w:pPr/>", "<w:tcPr/>", "<w:tbl>"] * 3
    rnd.shuffle(pieces)
    xml = "".join(pieces).encode()
    old = wordfile.MAX_PARAGRAPHS, wordfile.MAX_CELLS
    wordfile.MAX_PARAGRAPHS, wordfile.MAX_CELLS = limit_p, limit_c
    try:
        if paragraphs > limit_p or cells > limit_c:
            with pytest.raises(wordfile.NotAWordFile):
                wordfile._bounded(xml)
        else:
            wordfile._bounded(xml)
    finally:
        wordfile.MAX_PARAGRAPHS, wordfile.MAX_CELLS = old


@HOSTILE
@given(st.integers(min_value=0, max_value=1100), st.sampled_from(["{{ year }}", "{% if year %}x{% endif %}"]))
def test_a_text_is_refused_exactly_past_its_expressions(count, expression):
    opens = expression.count("{{") + expression.count("{%")
    text = GOOD_TEXT.replace("    content:\n", "    content:\n      - \"" + expression * max(1, count // opens)
                             + "\"\n", 1)
    total = max(1, count // opens) * opens
    try:
        load_plan_text(text, "counted.yaml")
        refused = False
    except PlangenError as exc:
        refused = True
        assert all(p.line for p in exc.problems)
    assert refused == (total > 1000)


@HOSTILE
@given(st.binary(max_size=300), st.sampled_from(["config", "baseline", "registry", "csv"]))
def test_side_inputs_of_any_content_are_read_or_refused_never_crash(tmp_path_factory, data, kind):
    from plangen.check import baseline
    from plangen.check.config import load_config
    from plangen.plan.rows import rows_of
    from plangen.registry import load

    path = tmp_path_factory.mktemp("side") / {"config": "plangen.toml", "baseline": "b.json", "registry": "r.yaml",
                                               "csv": "t.csv"}[kind]
    path.write_bytes(data)
    reader = {"config": load_config, "baseline": baseline.read, "registry": load, "csv": rows_of}[kind]
    try:
        reader(path)
    except PlangenError as exc:
        assert exc.problems and all(p.file == str(path) for p in exc.problems), exc.problems
