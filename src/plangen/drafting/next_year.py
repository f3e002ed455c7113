"""`plangen new --from`: next year's draft of a plan (YAML, or a Word/PDF/text plan imported first),
the source text edited in place so that comments, layout and key order stay as written."""

from __future__ import annotations

import calendar
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import yaml

from plangen import vietnamese as vn
from plangen.errors import PlangenError, Problem
from plangen.i18n import _


@dataclass
class ReviewItem:
    line: int
    message: str


DATE_VALUE = re.compile(r"^(\s*\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*)(\d{4})(\s*)$|^(\d{4})(-\d{1,2}-)(\d{1,2})$")


def _shift(value: str, years: int) -> str | None:
    """The same date written the same way (`30/09/2026`, `2026-09-30`), `years` later; 29/02 → 28/02
    when the new year has no such day."""
    m = DATE_VALUE.match(value)
    if not m:
        return None
    try:
        day = vn.parse_date(value)
    except ValueError:  # 31/02/2026: not a date, so not moved (the loader judges it where it is used)
        return None
    leap_day = (day.month, day.day) == (2, 29) and not calendar.isleap(day.year + years)
    if m.group(2):
        head = re.sub("29", "28", m.group(1), count=1) if leap_day else m.group(1)
        return f"{head}{int(m.group(2)) + years}{m.group(3)}"
    return f"{int(m.group(4)) + years}{m.group(5)}{'28' if leap_day else m.group(6)}"


def roll_forward(source: Path, year: int | None = None) -> tuple[str, list[ReviewItem]]:
    """Next year's draft of a plan file, and what to review in it.

    The draft is the source text edited where a value changes (and where a review comment goes):
    comments, layout, key order, anchors and aliases stay exactly as written. A YAML library that
    loads and dumps again copies what an alias shares and moves comments with it; here a value
    written once is moved once, and every alias of it follows as it did before.
    """
    from plangen.plan.load import load_plan
    from plangen.plan.yamlsource import clean_text, read_file

    plan = load_plan(source).plan  # refuse a broken source with located messages first
    target = year or plan.year + 1
    draft = _Draft(clean_text(read_file(source), str(source)), str(source))
    years = target - plan.year
    top = {k.value: (k, v) for k, v in draft.root.value if isinstance(k, yaml.ScalarNode)}
    if "year" not in top or not isinstance(top["year"][1], yaml.ScalarNode):
        raise PlangenError(Problem(str(source), None, None, _(
            "next year's draft needs `year: {year}` written in the plan itself").format(year=plan.year)))
    year_node = top["year"][1]
    draft.replace(year_node, str(target))
    note = _("year {old} → {new}: every {{{{ year }}}} follows").format(old=plan.year, new=target)
    if "number" in top or "date" in top:
        note += "; " + _("last year's number and date removed (the draft blanks are printed)")
    if "source_record" in top:
        note += "; " + _("the text that stood above last year's header (source_record, a portal's record of that "
                         "document) removed")
    if plan.issuer.format.value == "party":
        from plangen.drafting.party import TERM_NOTE

        note += "; " + _(TERM_NOTE)
    draft.note(year_node, note)
    if "issue_year" in top and isinstance(top["issue_year"][1], yaml.ScalarNode):
        node = top["issue_year"][1]
        draft.replace(node, str(int(node.value) + years))
    for key in ("number", "date", "source_record"):
        if key in top:
            draft.delete(*top[key])
    for key, message in (
            ("issued_with", _("the decision this plan is issued with is last year's: give the new one")),
            ("theme", _("theme of the year: confirm or replace it for {year}").format(year=target)),
            ("legal_bases", _("legal bases kept as they are: confirm they still apply, add the new ones"))):
        if key in top:
            draft.note(top[key][1], message, top[key][0])

    dates: dict[int, tuple[yaml.ScalarNode, str]] = {}  # node id → (date, how it is listed)
    texts: dict[int, yaml.ScalarNode] = {}
    periods: list[tuple[yaml.Node, yaml.MappingNode]] = []  # (key, {start, end})
    seen: set[int] = set()  # collections walked (an alias leads to one already walked)

    def walk(node: yaml.Node, key: str | None) -> None:
        if isinstance(node, yaml.ScalarNode):
            if key == "deadline" and _shift(node.value, years):
                dates.setdefault(id(node), (node, "deadline"))
            elif node.tag.endswith(":str"):
                texts.setdefault(id(node), node)
            return
        if id(node) in seen:
            return
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item, None)
            return
        for k, v in node.value:
            name = k.value if isinstance(k, yaml.ScalarNode) else None
            if name == "period" and isinstance(v, yaml.MappingNode):
                if id(v) not in seen:
                    seen.add(id(v))
                    periods.append((k, v))
                    for end_key, end in v.value:
                        if end_key.value in ("start", "end") and isinstance(end, yaml.ScalarNode) \
                                and _shift(end.value, years):
                            dates.setdefault(id(end), (end, "period"))
            else:
                walk(v, None if name == "<<" else name)  # a merged mapping is walked where it is written

    variables = top.get("variables", (None, None))[1]
    if isinstance(variables, yaml.MappingNode):
        for _key, value in variables.value:
            if isinstance(value, yaml.ScalarNode) and _shift(value.value, years):
                dates.setdefault(id(value), (value, "variable"))
    for key in ("summary", "preamble", "sections", "closing", "appendices"):
        if key in top:
            walk(top[key][1], key)
    for node, kind in dates.values():
        new = _shift(node.value, years)
        assert new is not None
        moved = draft.replace(node, new)
        if kind == "period":
            continue
        if not moved:
            draft.note(node, _("this date is written over several lines and was not moved: write {new}").format(
                new=new))
        elif kind == "deadline":
            draft.note(node, _("deadline moved to {new}: confirm").format(new=new))
        else:
            draft.note(node, _("date moved to {new}: confirm").format(new=new))
    for key, period in periods:
        if any(id(end) in dates for _k, end in period.value):
            draft.note(period, _("period moved one year: confirm"), key)
    summary = top.get("summary", (None, None))[1]
    # an imported summary keeps its "năm 2026" as written
    if isinstance(summary, yaml.ScalarNode) and draft.roll_year(summary, plan.year, target):
        texts.pop(id(summary), None)
        draft.note(summary, _("the summary's “năm {old}”, written literally, moved to {new}: confirm").format(
            old=plan.year, new=target))
    for node in texts.values():
        outside = re.sub(r"\{\{.*?\}\}", "", node.value)
        if id(node) not in dates and re.search(rf"\b{plan.year}\b", outside):
            draft.note(node, _("this text writes {year} literally: is it the plan's year "
                               "(then use {{{{ year }}}}) or another document's?").format(year=plan.year))
    return draft.result()


def _own_year(year: int) -> re.Pattern[str]:
    """"… năm 2026" (over a line break too) of the plan's own year; not a period ("năm 2026 - 2030")."""
    return re.compile(rf"\bnăm\s+({year})(?![\d/])(?!\s*[-–]\s*\d{{4}})")


class _Draft:
    """A plan's text and the edits that make next year's draft of it, applied all at once."""

    def __init__(self, text: str, file: str) -> None:
        from plangen.plan.yamlsource import _Composer

        self.text, self.file = text, file
        loader = _Composer(text)
        try:
            self.root = loader.get_single_node()
        finally:
            loader.dispose()
        self.edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in the source text
        self.expected: dict[int, str] = {}  # scalar node id → its value in the draft
        self.dropped: set[int] = set()  # key nodes removed from the top mapping
        self.comments: dict[int, list[str]] = {}  # where a `# REVIEW:` comment goes → its notes
        self.listed: list[tuple[int, str]] = []  # notes listed in the header only: (position, note)
        self._lines = _line_layout(text)

    def replace(self, node: yaml.ScalarNode, value: str) -> bool:
        """Write `value` in place of the scalar, its quotes, anchor and tag kept; False when the
        scalar is not written as it reads (a plain scalar folded over several lines)."""
        if id(node) in self.expected:  # one value under two keys through an alias: written once
            return self.expected[id(node)] == value
        start, end = node.start_mark.index, node.end_mark.index
        at = self.text.rfind(node.value, start, end) if node.value else -1
        if at < 0 or node.style in ("|", ">"):
            return False
        self.edits.append((at, at + len(node.value), value))
        self.expected[id(node)] = value
        return True

    def roll_year(self, node: yaml.ScalarNode, year: int, target: int) -> bool:
        """Write `target` for each "năm `year`" of the scalar where it is written (a block or a
        folded text too), when the text then reads so; False when it has none or would not."""
        if id(node) in self.expected:
            return False
        start, end = node.start_mark.index, node.end_mark.index
        hits = [m.start(1) for m in _own_year(year).finditer(self.text, start, end)]
        want = _own_year(year).sub(lambda m: m.group(0)[:m.start(1) - m.start()] + str(target), node.value)
        if not hits or want == node.value:
            return False
        trial = self.text
        for at in reversed(hits):
            trial = f"{trial[:at]}{target}{trial[at + len(str(year)):]}"
        from plangen.plan.yamlsource import _Composer

        loader = _Composer(trial)
        try:  # the text edited must read as the value wanted, or it is left to the review
            root = loader.get_single_node()
        except yaml.YAMLError:
            return False
        finally:
            loader.dispose()
        read = next((v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "summary"), None)
        if not isinstance(read, yaml.ScalarNode) or read.value != want:
            return False
        self.edits += [(at, at + len(str(year)), str(target)) for at in hits]
        self.expected[id(node)] = want
        return True

    def delete(self, key: yaml.Node, value: yaml.Node) -> None:
        """Remove `key: value` from the top mapping: its whole lines in block style, the entry and
        its comma in flow style."""
        if _reached_twice(self.root, value):
            raise PlangenError(Problem(self.file, key.start_mark.line + 1, key.start_mark.column + 1, _(
                "last year's `{key}` is used elsewhere through an alias (*…): next year's draft removes it, "
                "so write the value itself where the alias is").format(key=key.value)))
        text = self.text
        start, end = key.start_mark.index, value.end_mark.index
        line_start = text.rfind("\n", 0, start) + 1
        if not text[line_start:start].strip():  # block style: the key begins its line
            start = line_start
            if value.end_mark.column > 0 or value.end_mark.index == len(text):
                end = text.find("\n", end)
                end = len(text) if end < 0 else end + 1
        elif m := re.compile(r"\s*,[ \t]*").match(text, end):
            end = m.end()
        elif m := re.search(r",\s*\Z", text[:start]):
            start = m.start()
        self.edits.append((start, end, ""))
        self.dropped.add(id(key))

    def note(self, value: yaml.Node, message: str, key: yaml.Node | None = None) -> None:
        """A `# REVIEW:` comment at the end of the line where `value` ends (or, for a block
        collection, of its key's line); listed in the header only where a comment cannot go."""
        text = self.text
        if isinstance(value, yaml.ScalarNode) and value.style in ("|", ">"):  # a comment would join the text
            self.listed.append((text.find("\n", value.start_mark.index) + 1, message))
            return
        mark = key.end_mark if key is not None and isinstance(value, yaml.CollectionNode) \
            and not value.flow_style else value.end_mark
        end_of_code, crossed = self._lines
        if mark.line in crossed or mark.line not in end_of_code:
            self.listed.append((value.start_mark.index, message))
            return
        self.comments.setdefault(end_of_code[mark.line], []).append(message)

    def result(self) -> tuple[str, list[ReviewItem]]:
        """The draft's text, with its review list in a header, and the review items by line."""
        text = self.text
        edits = list(self.edits)
        items: list[tuple[int, str]] = [*self.listed]
        for at, notes in self.comments.items():
            eol = len(text) if (n := text.find("\n", at)) < 0 else n
            eol -= text[at:eol].endswith("\r")
            rest = text[at:eol]
            own = rest.lstrip()
            comment = "# REVIEW: " + "; ".join(notes)
            if own.startswith("#"):  # the author's comment on that line: ours first, then theirs
                comment = f"{rest[:len(rest) - len(own)]}{comment} — {own.removeprefix('#').lstrip()}"
            else:
                comment = "  " + comment
            edits.append((at, eol, comment))
            items += [(at, note) for note in notes]
        edits.sort()
        for (_s1, e1, _r1), (s2, _e2, _r2) in itertools.pairwise(edits):
            if s2 < e1:  # two changes at one place (not expected: refused rather than guessed)
                self._refuse(s2)
        pieces, last = [], 0
        for start, end, new in edits:
            pieces += [text[last:start], new]
            last = end
        body = "".join([*pieces, text[last:]])
        self._verify(body, edits)

        def new_line(position: int) -> int:
            moved = sum(len(new) - (end - start) for start, end, new in edits if end <= position)
            return body.count("\n", 0, position + moved) + 1

        review = sorted((ReviewItem(new_line(at), note) for at, note in items), key=lambda r: r.line)
        lines = body.splitlines(keepends=True)
        head = []
        while lines and lines[0].startswith("# yaml-language-server"):  # the schema line stays first
            head.append(lines.pop(0))
        shift = len(review) + 2  # the lines of the header
        word = _("line")
        header = [f"# REVIEW — {len(review)} " + _("points to confirm before this plan is issued:"),
                  *(f"#   {word} {r.line + shift}: {r.message}" for r in review), "#"]
        review = [ReviewItem(r.line + shift, r.message) for r in review]
        first = body.find("\n")
        newline = "\r\n" if first > 0 and body[first - 1] == "\r" else "\n"  # the file's own line ends
        return "".join(head) + newline.join(header) + newline + "".join(lines), review

    def _verify(self, body: str, edits: list[tuple[int, int, str]]) -> None:
        """The draft must say what the plan says, but for the values changed on purpose: same
        keys, same values, the same values shared by aliases. Refused rather than written if not."""
        from plangen.plan.yamlsource import _Composer

        loader = _Composer(body)
        try:
            new_root = loader.get_single_node()
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            self._refuse(None if mark is None else self._source_index(edits, mark.index))
        finally:
            loader.dispose()
        pairs: dict[int, yaml.Node] = {}

        def same(old: yaml.Node, new: yaml.Node) -> yaml.Node | None:
            """None when `new` says what `old` should; else the old node where they differ."""
            if id(old) in pairs:
                return None if pairs[id(old)] is new else old
            pairs[id(old)] = new
            if type(old) is not type(new) or old.tag != new.tag:
                return old
            if isinstance(old, yaml.ScalarNode):
                return None if new.value == self.expected.get(id(old), old.value) else old
            if isinstance(old, yaml.SequenceNode):
                if len(old.value) != len(new.value):
                    return old
                return next((d for a, b in zip(old.value, new.value, strict=True) if (d := same(a, b))), None)
            kept = [(k, v) for k, v in old.value if id(k) not in self.dropped]
            if len(kept) != len(new.value):
                return old
            for (k1, v1), (k2, v2) in zip(kept, new.value, strict=True):
                if (differ := same(k1, k2) or same(v1, v2)) is not None:
                    return differ
            return None

        differ = same(self.root, new_root)
        if differ is not None:
            self._refuse(differ.start_mark.index)

    def _refuse(self, at: int | None) -> NoReturn:
        """Stop: the edits would change what the plan says near `at` (an index in the source)."""
        line = column = None
        if at is not None:
            line = self.text.count("\n", 0, at) + 1
            column = at - (self.text.rfind("\n", 0, at) + 1) + 1
        raise PlangenError(Problem(self.file, line, column, _(
            "next year's draft of this plan cannot be made by editing its text without changing what "
            "it says here: write this part in the usual layout, one key per line")))

    def _source_index(self, edits: list[tuple[int, int, str]], index: int) -> int:
        """The index in the source of an index in the draft (before its header)."""
        delta = 0
        for start, end, new in edits:
            if start + delta >= index:
                break
            delta += len(new) - (end - start)
        return max(0, min(index - delta, len(self.text)))


def _reached_twice(root: yaml.Node, wanted: yaml.Node) -> bool:
    """Is `wanted` reached by more than one path (written once, used again through an alias)?"""
    count, seen, stack = 0, set(), [root]
    while stack:
        node = stack.pop()
        if node is wanted:
            count += 1
        if id(node) in seen or isinstance(node, yaml.ScalarNode):
            continue
        seen.add(id(node))
        for item in node.value:
            stack.extend(item if isinstance(item, tuple) else (item,))
    return count > 1


def _line_layout(text: str) -> tuple[dict[int, int], set[int]]:
    """Where the YAML of each line ends (a comment may follow), and the lines a value runs past
    (a quoted or block text over several lines: no comment can go at their end)."""
    end_of_code: dict[int, int] = {}
    crossed: set[int] = set()
    loader = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
    for token in yaml.scan(text, Loader=loader):
        start, end = token.start_mark, token.end_mark
        if start.index == end.index:
            continue
        crossed.update(range(start.line, end.line))
        end_of_code[end.line] = max(end_of_code.get(end.line, 0), end.index)
    return end_of_code, crossed


def next_year_draft(path: str | Path, year: int | None = None) -> tuple[str, list]:
    """`plangen new --from last-year.docx`: import, then roll to next year as for a YAML plan."""
    import tempfile

    from plangen.importer.reader import import_to_yaml

    text, _review = import_to_yaml(path, review_header=False, drafting=True)
    with tempfile.TemporaryDirectory(prefix="plangen-import-") as tmp:
        staged = Path(tmp, Path(path).stem + ".yaml")
        staged.write_text(text, encoding="utf-8")
        return roll_forward(staged, year)
