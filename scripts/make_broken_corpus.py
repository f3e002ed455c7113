"""Generate tests/fixtures/broken/: broken plan files made from one good plan, one fault each.

    python scripts/make_broken_corpus.py

Faults: a wrong type for every value, a misspelt and a missing key for every key, duplicate keys,
impossible dates, YAML syntax breaks, tags, aliases, bad encodings, control characters, and
`{{ … }}` expressions that are unknown, malformed or try to leave the sandbox, control characters
written as YAML escapes, and texts holding more expressions than any plan (issue 23; these come
last, so that the files made before them keep their numbers). Every file must be
refused with exit status 2 and located messages (tests/test_broken_corpus.py checks it in
Vietnamese and English); the generator keeps a file only if its fault really breaks the plan.
"""

from __future__ import annotations

import copy
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "tests" / "fixtures" / "check" / "good.yaml"
OUT = ROOT / "tests" / "fixtures" / "broken"


def paths(node, prefix=()):
    """Every (path, value) in a nested structure."""
    yield prefix, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from paths(value, (*prefix, i))


def get_parent(data, path):
    node = data
    for part in path[:-1]:
        node = node[part]
    return node


def dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def structural(good) -> list[tuple[str, str]]:
    out = []
    for path, value in paths(good):
        if not path:
            continue
        name = "-".join(str(p) for p in path)
        parent_key = path[-1]
        # a wrong type
        data = copy.deepcopy(good)
        wrong = {"x": 1} if isinstance(value, str | int | bool) else ("chữ" if isinstance(value, list | dict) else [1])
        if isinstance(value, str) and path[-2:-1] == ("kind",):
            wrong = "không-có"
        get_parent(data, path)[parent_key] = wrong
        out.append((f"type-{name}", dump(data)))
        if isinstance(parent_key, str):
            # a misspelt key
            data = copy.deepcopy(good)
            parent = get_parent(data, path)
            renamed = {(k + "x" if k == parent_key else k): v for k, v in parent.items()}
            parent.clear()
            parent.update(renamed)
            out.append((f"typo-{name}", dump(data)))
            # a missing key (only refused when required; the generator drops the others)
            data = copy.deepcopy(good)
            del get_parent(data, path)[parent_key]
            out.append((f"missing-{name}", dump(data)))
    return out


def textual(text: str) -> list[tuple[str, str | bytes]]:
    lines = text.splitlines(keepends=True)
    out: list[tuple[str, str | bytes]] = []
    for i, line in enumerate(lines):
        if line.startswith("  ") and line.strip():
            out.append((f"tab-line{i + 1}", "".join([*lines[:i], "\t" + line.lstrip(" "), *lines[i + 1:]])))
        if ": " in line and not line.lstrip().startswith("#"):
            key = line.split(": ", 1)[0]
            out.append((f"dup-line{i + 1}", "".join([*lines[:i + 1], line, *lines[i + 1:]]) if key else text))
            out.append((f"quote-line{i + 1}", "".join([*lines[:i], line.rstrip("\n") + ' "\n', *lines[i + 1:]])))
            out.append((f"ctrl-line{i + 1}", "".join([*lines[:i], line.rstrip("\n") + "\x01\n", *lines[i + 1:]])))
            out.append((f"utf8-line{i + 1}", ("".join(lines[:i]) + line.rstrip("\n")).encode("utf-8")
                        + b"\xff\xfe\n" + "".join(lines[i + 1:]).encode("utf-8")))
    fixed = [
        ("empty", ""),
        ("only-comment", "# nothing here\n"),
        ("a-list", "- a\n- b\n"),
        ("a-text", "Kế hoạch\n"),
        ("python-tag", text.replace("year: 2026", "year: !!python/object/apply:os.system [ls]")),
        ("custom-tag", text.replace("archive: VT", "archive: !secret VT")),
        ("set-tag", text.replace("archive: VT", "archive: !!set {VT: null}")),
        ("binary-tag", text.replace("archive: VT", "archive: !!binary aGVsbG8=")),
        ("unclosed-flow", text.replace("[UBND huyện, Công an xã]", "[UBND huyện, Công an xã")),
        ("undefined-alias", text.replace("archive: VT", "archive: *nowhere")),
        ("bad-escape", text.replace("archive: VT", 'archive: "VT\\q"')),
        ("bad-indent", text.replace("  code: UBND", "    code: UBND")),
        ("mapping-in-text", text.replace("archive: VT", "archive: VT: NC")),
        ("unknown-variable", text.replace("{{ year }}", "{{ nam }}")),
        ("sandbox-mro", text.replace("{{ year }}", "{{ ''.__class__.__mro__ }}")),
        ("sandbox-globals", text.replace("{{ year }}", "{{ cycler.__init__.__globals__ }}")),
        ("sandbox-import", text.replace("{{ year }}", "{% import 'os' as os %}")),
        ("malformed-expr", text.replace("{{ year }}", "{{ year")),
        ("bad-filter", text.replace("{{ han_bao_cao | dmy }}", "{{ han_bao_cao | nofilter }}")),
        ("filter-not-date", text.replace("{{ han_bao_cao | dmy }}", "{{ year | dmy }}")),
        ("date-31-02", text.replace("date: 05/02/2026", "date: 31/02/2026")),
        ("date-month-13", text.replace("date: 05/02/2026", "date: 05/13/2026")),
        ("date-words", text.replace("date: 05/02/2026", "date: mùng năm tháng hai")),
        ("deadline-30-02", text.replace("deadline: 30/09/2026", "deadline: 30/02/2026")),
        ("number-zero", text.replace("number: 5", "number: 0")),
        ("number-text", text.replace("number: 5", "number: năm")),
        ("year-old", text.replace("year: 2026", "year: 1800")),
        ("builtin-variable", text.replace("  han_bao_cao:", "  year: 1\n  han_bao_cao:")),
        ("bad-variable-name", text.replace("  han_bao_cao:", "  hạn báo cáo: 1\n  han_bao_cao:")),
        ("kind-other-no-heading", text.replace("  - kind: funding", "  - kind: other")),
        ("inline-two-tasks", text.replace("tasks: [Vận động Nhân dân tham gia.]", "tasks: [Một., Hai.]")),
        ("tm-without-collective", text.replace("collective: ỦY BAN NHÂN DÂN, ", "")),
        ("kt-without-head", text.replace("authority: TM., collective: ỦY BAN NHÂN DÂN,", "authority: KT.,")),
        ("archive-in-recipients", text.replace("[UBND huyện, Công an xã]", "[UBND huyện, 'Lưu: VT']")),
        ("issued-with-and-number", text + "issued_with: {number: 1/QĐ-UBND, date: 01/01/2026, by: Chủ tịch}\n"),
        ("empty-tasks", text.replace("tasks: [Vận động Nhân dân tham gia.]", "tasks: []")),
        ("empty-sections", text.split("sections:")[0] + "sections: []\nrecipients: [A]\n"),
        ("deep-nesting", text.replace("archive: VT", "archive: " + "[" * 300 + "]" * 300)),
        ("alias-bomb", "a: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(7))),
        ("table-row-short", text.replace("      - Kinh phí bố trí trong dự toán ngân sách xã.",
                                         "      - table: {columns: [A, B], rows: [[x]]}")),
        ("budget-negative", text.replace("      - Kinh phí bố trí trong dự toán ngân sách xã.",
                                         "      - budget: {items: [{name: In, amount: -5}]}")),
        ("period-reversed", text.replace("deadline: 30/09/2026", "period: {start: 30/09/2026, end: 01/07/2026}")),
    ]
    hostile = [(f"escape-{name}", text.replace("archive: VT", f'archive: "V{escape}T"'))
               for name, escape in (("x01", "\\x01"), ("x1b", "\\x1b"), ("nul", "\\0"), ("e", "\\e"),
                                    ("u007f", "\\u007f"), ("bell", "\\a"), ("ffff", "\\uffff"))]
    hostile += [
        ("escape-in-key", text.replace("  han_bao_cao:", '  "han\\x01bao": 1\n  han_bao_cao:')),
        ("expressions-in-one-text", text.replace("{{ year }}", "{{ year }} " * 1001)),
        ("expressions-in-all-texts", text.replace("    content:\n", "    content:\n" + "".join(
            f'      - "{{{{ year }}}} {i}"\n' for i in range(900)), 1)),
    ]
    return out + fixed + hostile


def refused(path: Path) -> bool:
    """Does plangen refuse this file with located messages (exit 2)?"""
    from plangen.errors import PlangenError
    from plangen.plan.load import load_plan

    try:
        load_plan(path)
    except PlangenError as exc:
        return all(p.line is not None for p in exc.problems)
    return False


def main() -> int:
    text = GOOD.read_text(encoding="utf-8")
    good = yaml.safe_load(text)
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    kept = 0
    candidates = structural(good) + textual(text)
    for name, content in candidates:
        path = OUT / f"{kept:03d}-{name}.yaml"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        if refused(path):
            kept += 1
        else:
            path.unlink()
    print(f"kept {kept} broken files of {len(candidates)} candidates in {OUT.relative_to(ROOT)}")
    return 0 if kept >= 200 else 1


if __name__ == "__main__":
    sys.exit(main())
