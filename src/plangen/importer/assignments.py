"""Assignments: the agencies given tasks (a bold label, a heading), their tasks, lead and cooperating
bodies and deadlines, and the task tables that say the same in rows.
"""

from __future__ import annotations

import re
from typing import Any

from plangen import vietnamese as vn
from plangen.i18n import _
from plangen.importer.base import _LETTER, Context, _all_bold, _bold_prefix, _plain, _resolve, escape
from plangen.plan.markup import plain
from plangen.plan.wording import period_text, task_facts_line
from plangen.word.recognise import (
    Node,
    fold,
    inline_agency,
    is_agency_heading,
    is_name_heading,
    label_colon,
    names_a_group,
    names_an_agency,
)
from plangen.word.wordfile import Para

_FACTS = re.compile(r"\s\((?:Chủ trì|phối hợp|thời gian|thời hạn|sản phẩm|ghi chú): [^()]{1,2000}\)$")
_FACT = re.compile(r"^(Chủ trì|phối hợp|thời gian|thời hạn|sản phẩm|ghi chú): (.+)$", re.DOTALL)


def _facts_fields(inner: str) -> dict[str, Any] | None:
    """The facts plangen prints after a task when the plan has no task table ("Chủ trì: …;
    phối hợp: …; thời gian: …; thời hạn: …; sản phẩm: …; ghi chú: …") → the task's fields; None unless they
    print back exactly as written (then the text stays the task's, as the author wrote it)."""
    facts: dict[str, str] = {}
    key = None
    for part in inner.split("; "):
        m = _FACT.match(part)
        if m and m.group(1) not in facts:
            key = m.group(1)
            facts[key] = m.group(2)
        elif key is None:
            return None
        else:
            facts[key] += "; " + part
    when = "; ".join(x for x in (facts.get("thời gian", ""), facts.get("thời hạn", "")) if x)
    notes = "; ".join(x for x in (f"Sản phẩm: {facts['sản phẩm']}" if "sản phẩm" in facts else "",
                                  facts.get("ghi chú", "")) if x)
    fields = _task_fields(["", "", facts.get("Chủ trì", ""), facts.get("phối hợp", ""), when,
                           notes], "")
    try:
        period, deadline = _printed_when(fields)
    except ValueError:  # an impossible date, a period ending before it starts: not plangen's facts
        return None
    printed = task_facts_line(fields.get("lead"), fields.get("cooperating", []), period, deadline,
                              fields.get("output"), fields.get("note"))
    return fields if " ".join(printed.split()) == " ".join(inner.split()) else None


def _printed_when(fields: dict[str, Any]) -> tuple[str, str]:
    """A task's period and deadline as plangen prints them (`plan.tasks.format_period`); ValueError
    when the plan would refuse them."""
    deadline = vn.date_numeric(vn.parse_date(fields["deadline"])) if fields.get("deadline") else ""
    period = fields.get("period")
    if isinstance(period, dict):
        start, end = vn.parse_date(period["start"]), vn.parse_date(period["end"])
        if end < start:
            raise ValueError("the period ends before it starts")
        return period_text(start, end), deadline
    return plain(period) if period else "", deadline


TASK_TABLE_HEAD = ["TT", "NHIỆM VỤ", "CƠ QUAN CHỦ TRÌ", "CƠ QUAN PHỐI HỢP", "THỜI GIAN THỰC HIỆN", "GHI CHÚ"]


def _is_task_table(node: Node) -> bool:
    return bool(node.rows) and [fold(c) for c in node.rows[0]] == TASK_TABLE_HEAD and all(
        len(row) == 6 and row[0].strip() == str(n) for n, row in enumerate(node.rows[1:], start=1))


def _task_text(task: Any) -> str:
    return task if isinstance(task, str) else task["text"]


def _tasks_of(data: dict[str, Any]):
    """(task, agency, holder, key) of every task, in document order."""
    def walk(blocks: list):
        for block in blocks:
            if isinstance(block, dict):
                if "tasks" in block:
                    for k in range(len(block["tasks"])):
                        yield block["tasks"][k], block["agency"], block["tasks"], k
                yield from walk(block.get("content", []))

    for section in data.get("sections", []):
        yield from walk(section["content"])


_RANGE = re.compile(r"^(\d{1,2}/\d{1,2}/\d{4})\s*[-–]\s*(\d{1,2}/\d{1,2}/\d{4})$")


_ONE_DATE = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$")


def _task_fields(row: list[str], agency: str) -> dict[str, Any]:
    """A task table row (TT, task, lead, cooperating, time, notes) → the task's own fields."""
    out: dict[str, Any] = {}
    lead, cooperating, when, notes = (" ".join(c.split()) for c in row[2:6])
    if lead and lead != _plain(agency):
        out["lead"] = escape(lead)
    if cooperating:
        names: list[str] = []
        for part in (x.strip() for x in cooperating.split(", ") if x.strip()):
            if names and part[:1].islower():  # "Vụ Truyền thông và Thi đua, khen thưởng": one body
                names[-1] += ", " + part
            else:
                names.append(part)
        out["cooperating"] = [escape(x) for x in names]
    for part in [x.strip() for x in when.split("; ") if x.strip()]:
        m = _RANGE.match(part.replace("\u00a0", " "))
        if m and "period" not in out:
            out["period"] = {"start": m.group(1), "end": m.group(2)}
        elif _ONE_DATE.match(part) and "deadline" not in out:
            out["deadline"] = part
        elif "period" not in out:
            out["period"] = escape(part)
        else:
            out["note"] = escape(part)
    if notes:
        first, _sep, rest = notes.partition("; ")
        if first.startswith("Sản phẩm: "):
            out["output"] = escape(first[len("Sản phẩm: "):])
            if rest:
                out["note"] = escape(rest)
        else:
            out["note"] = escape(notes)
    return out


_ROLE = re.compile(r"^((?:(?:Cơ quan|Đơn vị|Bộ phận)\s+(?:chủ trì|phối hợp|thực hiện|đầu mối|tham mưu)"
                   r"(?:\s+thực hiện)?)|Chủ trì|Phối hợp): (\S.*?)([.;]?)$", re.DOTALL)


def agency_peers(nodes: list[Node]) -> bool:
    """Are most numbered items of a list agencies (a heading or a label naming one)? Then the
    others of the same shape are agencies too: the list gives work body by body."""
    items = [n for n in nodes if n.kind == "item" and n.text.strip()]
    named = [n for n in items if is_agency_heading(n) or inline_agency(n) is not None]
    return len(named) >= 2 and 2 * len(named) > len(items)


def _task_ordered(task: dict[str, Any]) -> dict[str, Any]:
    order = ["text", "label", "lead", "cooperating", "deadline", "period", "output", "note", "content"]
    return {k: task[k] for k in order if k in task}


class AssignmentPart(Context):
    """Assignments: the agencies given tasks (a bold label, a heading), their tasks, lead and cooperating"""

    def assignment(self, node: Node, path: tuple, peer: bool = False,
                   labelled: bool = False) -> tuple[dict[str, Any] | None, list[Node]]:
        """An agency heading with its tasks, or an inline "2. Sở Y tế: Chủ trì …"; and the blocks
        after its tasks that are not tasks (kept after it). `peer`: the items beside it are
        agencies, so a heading or bold label of the same shape names a body too, whatever noun
        it starts with ("18. Các doanh nghiệp công nghệ số"). `labelled`: every item of the list
        opens with a bold label and a colon (`labelled_duties`)."""
        p = node.para
        text = node.text.strip()
        # in a list labelled item by item ("**2. Kế toán:** bảo đảm …") the look says who is
        # given the work, whatever the noun; beside agencies, a label naming a group counts
        peer = (peer and names_a_group(text)) or (labelled and label_colon(node) is not None)
        heading = is_agency_heading(node) or (peer and is_name_heading(node))
        if heading and node.children[0].kind in ("bullet", "paragraph", "point"):
            kind = node.children[0].kind
            n = 0
            while n < len(node.children) and node.children[n].kind == kind:
                n += 1
            name = self._strip_end(text)
            own_end = name.rstrip()[-1:] if name.rstrip()[-1:] in (":", ".") else ""
            block = self._agency(name.rstrip()[:-1] if own_end else name, path)
            if own_end:
                block["title_end"] = own_end  # this heading alone ends so, as the author wrote
            if kind != "bullet":
                block["layout"] = "paragraphs" if kind == "paragraph" else "points"
            block["tasks"] = []
            for k, child in enumerate(node.children[:n]):
                task = self.task(child, (*path, "tasks", k))
                if kind == "point":
                    task = self._letter(task, "text", child, k, (*path, "tasks", k))
                block["tasks"].append(task)
            return block, node.children[n:]
        colon = inline_agency(node)
        if colon is None and peer:
            colon = label_colon(node)
        bold_head = _bold_prefix(p, text)
        if bold_head and (names_an_agency(bold_head) or (peer and bold_head.rstrip().endswith(":"))):
            # the agency in bold ("**Sở Tư pháp:** Lồng ghép …"): its name, what joins it to
            # the task (the colon may be bold or not), the task: every letter kept
            name = bold_head.rstrip(": \t")
            rest = text[len(name):]
            task = rest.lstrip(": \t")
            sep = rest[:len(rest) - len(task)]
            if name.strip() and task.strip() and sep and sep.strip(" \t") in (":", ""):
                block = self._agency(name.strip(), path)
                block["layout"] = "inline"
                if sep != ": ":
                    block["separator"] = sep
                block["tasks"] = [self._task_text(p, task, (*path, "tasks", 0), node.children)]
                return block, []
        if colon is not None and text[colon + 1:].strip() and (
                not p or not p.formatted or not p.runs or _all_bold(p)):
            # "Sở Y tế: Chủ trì …" typed plainly, or bold as a whole (the task keeps its bold)
            block = self._agency(text[:colon].strip(), path)
            block["layout"] = "inline"
            task = text[colon + 1:].lstrip()
            sep = text[colon:len(text) - len(task)]
            if sep != ": ":
                block["separator"] = sep
            bold = False if p is not None and p.formatted and _all_bold(p) else None
            block["tasks"] = [self._task_text(p, task, (*path, "tasks", 0), node.children, bold)]
            return block, []
        return None, []  # "Giao Sở … chủ trì …": an item that assigns in a sentence, kept as written

    def task_agency(self, node: Node, path: tuple) -> dict[str, Any] | None:
        """A dash under a task naming who does it ("- Cơ quan chủ trì: Bộ Công an."), as plans
        that list tasks one by one write it: its role and bodies, or None for any other dash."""
        if node.kind != "bullet" or node.children or node.label not in ("-", "+"):
            return None
        if not _ROLE.match(" ".join(node.text.split())):  # looked at first: a text is noted once
            return None
        m = _ROLE.match(self.text(node.para, node.text.strip(), path))
        if not m or "*" in m.group(2) or not m.group(2).strip(" .;"):
            return None
        return {"role": m.group(1), "agency": m.group(2), **({"end": m.group(3)} if m.group(3) else {})}

    def _strip_end(self, title: str) -> str:
        """A stand-alone title without the plan's `item_title_end` (printed after every title)."""
        return title[: -len(self.title_end)] if self.title_end and title.endswith(self.title_end) else title

    def _agency(self, name: str, path: tuple) -> dict[str, Any]:
        block: dict[str, Any] = {}
        request = False
        if name.startswith("Đề nghị "):
            request, name = True, name[len("Đề nghị "):].strip()
        m = re.match(r"^(.{2,300}?)\s*\(([^()]{2,300})\)$", name)
        if m:
            name, note = m.group(1).strip(), m.group(2).strip()
            block["agency"] = escape(name)
            block["note"] = escape(note)
        else:
            block["agency"] = escape(name)
        if request:
            block["request"] = True
        return block

    def _letter(self, block: Any, key: str, node: Node, index: int, path: tuple) -> Any:
        """A point's letter kept as the source writes it when it is not the next in order (a
        letter skipped or repeated): the words stay as written, and the review list says so."""
        expected = vn.point_letter(index)
        if node.label == expected or not _LETTER.match(node.label):
            return block
        value = {key: block} if isinstance(block, str) else dict(block)
        ordered = {key: value.pop(key), "label": node.label, **value}
        self.note(path, _("the point is lettered “{label}” as in the source, where “{expected}” comes next "
                          "in order").format(label=node.label, expected=expected), node.para)
        return ordered

    def task(self, node: Node, path: tuple) -> Any:
        return self._task_text(node.para, node.text, path, node.children)

    def _task_text(self, p: Para | None, text: str, path: tuple, children: list[Node],
                   base_bold: bool | None = None) -> Any:
        suffix = _FACTS.search(text.rstrip())
        fields = _facts_fields(suffix.group(0).strip()[1:-1]) if suffix else None
        if fields is not None:  # plangen's own print of the task's fields, read back into them
            text = text.rstrip()[:suffix.start()]
        value = self.text(p, text.strip(), path, base_bold)
        if suffix and fields is None:
            self.note(path, _("the task ends with its facts in brackets (lead, cooperating, time): they "
                              "could be fields of the task"), p)
        if children or fields:
            task = {"text": value, **(fields or {})}
            if children:
                task["content"] = self.blocks(children, (*path, "content"))
            return _task_ordered(task)
        return value

    def fill_from_task_tables(self, data: dict[str, Any]) -> None:
        """A task table made from the plan's tasks: its lead, cooperating, time and notes become
        the tasks' own fields; a table that does not match the tasks stays a table."""
        if not self.task_tables:
            return
        tasks = list(_tasks_of(data))
        for node, path in self.task_tables:
            rows = node.rows[1:]
            matched = len(rows) == len(tasks) and all(
                self.shown(_task_text(t)) == " ".join(row[1].split()) for (t, _a, _h, _k), row in zip(
                    tasks, rows, strict=True))
            if not matched:
                holder, key = _resolve(data, path)
                holder[key] = self.table(node, path)
                self.note(path, _("a task table that does not list the plan's tasks: kept as a table"), node.para)
                continue
            for (task, agency, holder, key), row in zip(tasks, rows, strict=True):
                fields = _task_fields(row, agency)
                if fields:
                    value = {"text": task} if isinstance(task, str) else dict(task)
                    value.update(fields)
                    holder[key] = _task_ordered(value)
