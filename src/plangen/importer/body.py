"""The body of a plan: its sections and their nested blocks (items, points, bullets, paragraphs).
"""

from __future__ import annotations

import re
from typing import Any

from plangen import vietnamese as vn
from plangen.i18n import _
from plangen.importer.assignments import _is_task_table, agency_peers
from plangen.importer.base import KIND_ORDER, Context, _all_bold, _bold_title, escape
from plangen.importer.ending import _signoff
from plangen.plan.vocabulary import DEFAULT_HEADINGS, SectionKind
from plangen.word.recognise import (
    Node,
    Section,
    fold,
    is_upper,
    labelled_duties,
    sentence_agency,
)
from plangen.word.wordfile import Para


def _strip_end_mark(data: dict[str, Any]) -> None:
    """plangen prints "./." after the content itself: the source's own is taken off."""
    holder, key = _last_text(data)
    if holder is None:
        return
    text = holder[key]
    for mark in ("./.", "/."):
        if text.rstrip().endswith(mark) and text.rstrip()[: -len(mark)].strip():  # never leave it empty
            cut = text.rstrip()[: -len(mark)]
            holder[key] = cut + ("." if mark == "./." and not cut.endswith(".") else "")
            return


def _last_text(data: dict[str, Any]) -> tuple[Any, Any]:
    if data.get("closing"):
        return data["closing"], len(data["closing"]) - 1
    holder: Any = None
    key: Any = None

    def walk(blocks: list) -> None:
        nonlocal holder, key
        for i, block in enumerate(blocks):
            if isinstance(block, str):
                holder, key = blocks, i
                continue
            for field_ in ("title", "item", "point", "bullet", "text"):
                if isinstance(block.get(field_), str):
                    holder, key = block, field_
            if "tasks" in block:
                tasks = block["tasks"]
                last = tasks[-1]
                if isinstance(last, str):
                    holder, key = tasks, len(tasks) - 1
                else:
                    holder, key = last, "text"
                    walk(last.get("content", []))
            walk(block.get("content", []))
            if "table" in block:
                holder, key = None, None

    if data.get("sections"):
        walk(data["sections"][-1]["content"])
    return holder, key


class BodyPart(Context):
    """The body of a plan: its sections and their nested blocks (items, points, bullets, paragraphs)."""

    def sections(self) -> list[dict[str, Any]]:
        out = []
        for i, section in enumerate(self.r.sections):
            item = self.section(section, ("sections", i))
            if self.r.numbering in ("roman", "decimal"):
                self._written_label(item, section, i)
            out.append(item)
        return out

    def _written_label(self, item: dict[str, Any], section: Section, i: int) -> None:
        """A section the source numbers out of order (a numeral used twice: an error of the source)
        keeps its numeral as written, printed so; `check` still reports it."""
        printed = vn.roman(i + 1) if self.r.numbering == "roman" else str(i + 1)
        if section.label == printed or not section.label:
            return
        content = item.pop("content")
        item["label"] = section.label  # after kind and heading, before the content
        item["content"] = content
        self.note(("sections", i, "label"), _(
            "the source numbers this section “{written}” where “{printed}” comes next: kept as written, and "
            "`plangen check` reports it; remove `label` to number in sequence").format(
            written=section.label, printed=printed), section.heading)

    def _relabelled(self, path: tuple, written: str, printed: str, p: Para | None) -> None:
        """plangen computes the labels: one the source wrote otherwise (a numeral used twice, a
        letter skipped) is printed in sequence, and the review says so."""
        self.note(path, _("the source labels this “{written}”; plangen numbers in sequence: “{printed}”").format(
            written=written, printed=printed), p)

    def _label_notes(self, nodes: list[Node], path: tuple) -> None:
        """Note the first item and the first point whose written label is not the one plangen
        prints (every label after it moves alike)."""
        count = {"item": 0, "point": 0}
        noted: set[str] = set()
        for node in nodes:
            if node.kind not in count or (node.kind == "item" and not node.text.strip()):
                continue
            printed = str(count[node.kind] + 1) if node.kind == "item" else vn.point_letter(count[node.kind])
            count[node.kind] += 1
            written = node.label.split(".")[-1] if node.kind == "item" else node.label
            same = written == printed or (written.isdigit() and int(written) == int(printed))
            if not same and node.kind not in noted:
                noted.add(node.kind)
                self._relabelled(path, node.label, printed, node.para)

    def section(self, section: Section, path: tuple) -> dict[str, Any]:
        kinds = [k for k in KIND_ORDER if k in section.kinds] or ["other"]
        item: dict[str, Any] = {"kind": kinds if len(kinds) > 1 else kinds[0]}
        default = ", ".join(DEFAULT_HEADINGS[SectionKind(k)] for k in kinds if k != "other")
        title = section.title.strip()
        if fold(title) != fold(default) or "other" in kinds or not is_upper(title):
            item["heading"] = escape(title)
        if kinds == ["other"]:
            self.note((*path, "kind"), _("the heading “{title}” names none of a plan's usual parts: kept as "
                                         "`other`; give its kind if it is one").format(title=title[:60]),
                      section.heading)
        elif not section.from_wording:
            self.note((*path, "kind"), _("kind of section “{title}” recognised from its content, not its "
                                         "heading: confirm").format(title=title[:60]), section.heading)
        assignments = "assignments" in section.kinds
        content = self.blocks(section.nodes, (*path, "content"), assignments)
        if not content:
            content = ["[Nội dung]"]
            self.note((*path, "content"), _("this section has no content in the source"), section.heading)
        item["content"] = content
        return item

    def blocks(self, nodes: list[Node], path: tuple, assignments: bool = False) -> list[Any]:
        out: list[Any] = []
        points = 0  # points so far in this list (since its last heading): the next one's index
        self._label_notes(nodes, path)
        peer = assignments and agency_peers(nodes)
        labelled = assignments and labelled_duties(nodes)
        i = 0
        while i < len(nodes):
            node = nodes[i]
            here = (*path, len(out))
            i += 1
            if node.kind == "item" and not node.text.strip():  # a number with no text: nothing to keep
                self.note(here, _("a numbered line with no text was left out (the numbers after it move up)"),
                          node.para)
                out += self.blocks(node.children, path, assignments)
                continue
            if node.kind == "item" and assignments:
                block, rest = self.assignment(node, here, peer, labelled)
                if block is not None:
                    out.append(block)
                    out += self.blocks(rest, path)  # paragraphs after the tasks: the section's own
                    continue
            if node.kind == "table":
                words = nodes[i] if i < len(nodes) and nodes[i].kind == "paragraph" else None
                budget = self.budget(node, words)
                if budget is not None:
                    out.append(budget)
                    i += budget["budget"].get("total_in_words", True) is not False and words is not None
                    continue
                if _is_task_table(node):
                    self.task_tables.append((node, here))
                    out.append({"task_table": {}})
                    continue
            block = self.block(node, here, assignments)
            if node.kind == "point":
                block = self._letter(block, "point", node, points, here)
                points += 1
            elif node.kind == "heading":
                points = 0
            out.append(block)
        return out

    def block(self, node: Node, path: tuple, assignments: bool = False) -> Any:
        block = self._block(node, path, assignments)
        return self.named_agency(node, block)

    def named_agency(self, node: Node, block: Any) -> Any:
        """The body a sentence gives work to, as it names it ("Giao Sở Tư pháp chủ trì …"),
        kept beside the sentence (printed as written, once)."""
        if node.kind not in ("paragraph", "item", "point", "bullet") or (
                isinstance(block, dict) and ("title" in block or "caption" in block or "role" in block)):
            return block
        agency = sentence_agency(node.text)
        if agency is None:
            return block
        if isinstance(block, str):
            return {"text": block, "agency": escape(agency)}
        return {**block, "agency": escape(agency)} if isinstance(block, dict) else block

    def _block(self, node: Node, path: tuple, assignments: bool = False) -> Any:
        p = node.para
        if node.kind == "paragraph":
            caption = self.caption(node, path)
            return caption if caption is not None else self.text(p, node.text, path)
        if node.kind == "heading":
            block: dict[str, Any] = {"heading": self.text(p, node.text, (*path, "heading"))}
            if node.children:
                block["content"] = self.blocks(node.children, (*path, "content"))
            return block
        agency = self.task_agency(node, path)
        if agency is not None:
            return agency
        if node.kind == "table":
            signoff = _signoff(node)
            return signoff if signoff is not None else self.table(node, path)
        # in a section that assigns tasks, an item's sub-items may be the agencies ("1.1. Công an tỉnh")
        children = self.blocks(node.children, (*path, "content"), assignments and node.kind == "item")
        if node.kind == "item":
            block = self.item(node, path)
        elif node.kind == "point":
            block = {"point": self.text(p, node.text, (*path, "point"))}
        else:
            block = {"bullet": self.text(p, node.text, (*path, "bullet"))}
            if node.label not in ("-", "+") and node.label not in self.marks_noted:
                self.marks_noted.add(node.label)  # said once: every such bullet changes alike
                self.note(path, _("bullets marked “{mark}” in the source are printed with “-”").format(
                    mark=node.label), p)
        if children:
            block["content"] = children
        return block

    def item(self, node: Node, path: tuple) -> dict[str, Any]:
        p = node.para
        text = node.text.strip()
        split = _bold_title(p, text)
        if split is not None:
            title, rest = split
            return {"title": self.text(None, title, (*path, "title")),
                    "item": self.text(p, rest, (*path, "item"))}
        whole_bold = p is not None and p.formatted and _all_bold(p)
        body = self._strip_end(text)
        looks_title = (whole_bold or (node.children and not p.formatted)) and len(text) < 200 and \
            not body.endswith((";", ":")) and not re.search(r"[.;]\s", body) and (
                whole_bold or not body.endswith("."))
        if looks_title and (node.children or whole_bold) and body.strip():
            return {"title": self.text(p, self._strip_end(text), (*path, "title"), base_bold=True)}
        return {"item": self.text(p, text, (*path, "item"))}

    def caption(self, node: Node, path: tuple) -> dict[str, Any] | None:
        """A short line set apart (centred or flush right, or a bold line flush left): "Biểu 01",
        a form's own title, a unit line. Known only in a Word file."""
        p = node.para
        if p is None or not p.formatted or len(node.text) > 200 or node.children:
            return None
        if p.align not in ("center", "right") and not (p.align == "left" and _all_bold(p) and len(node.text) < 100):
            return None
        block: dict[str, Any] = {"caption": self.text(p, node.text, (*path, "caption"), base_bold=True)}
        if p.align != "center":
            block["align"] = p.align
        if not _all_bold(p):
            block["bold"] = False
        if p.runs and all(run.italic for run in p.runs if run.text.strip()):
            block["italic"] = True
        return block
