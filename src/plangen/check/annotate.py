"""`plangen check plan.docx --annotate checked.docx`: the findings as Word comments.

For the clerk who lives in Word: a copy of the file with a comment on each paragraph a finding
points at (rule, message, the decree's clause), the way a reviewer would write them. The source
file is never modified; the copy is written atomically. Paragraphs are found by the same walk the
reader uses (`wordfile.iter_paragraphs`), so the numbers in the findings are the paragraphs
annotated.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from lxml import etree

from plangen.check.finding import Finding
from plangen.errors import PlangenError, Problem
from plangen.i18n import _
from plangen.word.wordfile import PKG_REL, W, iter_paragraphs, q

COMMENTS = "word/comments.xml"
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"


def clause(rule_id: str) -> str:
    """The decree's clause a rule rests on: its docstring's `Source:` line."""
    from plangen.check.rules import RULES

    for rule in RULES:
        if rule_id == rule.ID:
            m = re.search(r"^Source:\s*(.+)$", rule.__doc__ or "", re.MULTILINE)
            return m.group(1).strip() if m else ""
    return ""


MARK = "plangen check"  # the comments' author: a file holding one is an annotated copy


def annotate(source: Path, target: Path, findings: list[Finding], inputs: tuple = ()) -> int:
    """Write `target`: `source` with a comment per finding; returns how many were placed. The
    source is read as every Word file is (bounded: `files.read_input`, `safezip`); an existing
    target is replaced only when it is an annotated copy itself, never when it is an input."""
    from plangen.files import read_input, refuse_inputs, write_atomically
    from plangen.word.safezip import SafeZip, UnsafeArchive, parse_xml

    refuse_inputs(target, (source, *inputs))
    _refuse_other_file(target)
    data = read_input(source, kind=_("a Word file of a plan"))
    try:
        with SafeZip(io.BytesIO(data)) as zf:
            members = {name: zf.read(name) for name in zf.names()}
        root = parse_xml(members["word/document.xml"])
        comments_root = _comments_root(members.get(COMMENTS))
        content_types = _content_types(members["[Content_Types].xml"])
        relationships = _relationships(members.get(RELS))
    except (UnsafeArchive, KeyError, etree.XMLSyntaxError, ValueError) as exc:
        raise PlangenError(Problem(str(source), None, None, _(
            "cannot annotate: not a readable Word file ({reason})").format(reason=_reason(exc)))) from None
    body = root.find(q("body"))
    paragraphs = [placed.element for placed in iter_paragraphs(body)] if body is not None else []
    next_id = 1 + max((int(c.get(q("id"), "")) for c in comments_root.findall(q("comment"))
                       if _COMMENT_ID.fullmatch(c.get(q("id"), ""))), default=-1)
    placed = 0
    when = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    for f in findings:
        index = (f.where.paragraph or 1) - 1
        if not 0 <= index < len(paragraphs):
            index = 0
        if not paragraphs:
            break
        source_clause = clause(f.rule)
        text = f"{f.rule}: {f.message}" + (f" ({source_clause})" if source_clause else "")
        _comment(comments_root, next_id, text, when)
        _anchor(paragraphs[index], next_id)
        next_id += 1
        placed += 1
    if not any(isinstance(node, etree._Comment) and MARK in (node.text or "") for node in comments_root):
        comments_root.insert(0, etree.Comment(f" {MARK} "))  # an annotated copy, even with no finding
    members["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    members[COMMENTS] = etree.tostring(comments_root, xml_declaration=True, encoding="UTF-8", standalone=True)
    members["[Content_Types].xml"] = content_types
    members[RELS] = relationships
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    write_atomically(buffer.getvalue(), target)
    return placed


RELS = "word/_rels/document.xml.rels"
_COMMENT_ID = re.compile(r"[0-9]{1,9}")  # Word's ids; "²" or 5,000 digits are not numbers to follow


def _reason(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return _("the part {name} is missing").format(name=exc.args[0] if exc.args else "?")
    return str(exc)[:200]


def _refuse_other_file(target: Path) -> None:
    """`--annotate a.docx b.docx` takes a.docx as the copy to write: a Word file that is not an
    annotated copy (none of its comments is plangen's) is left as it is."""
    from plangen.files import read_input
    from plangen.word.safezip import SafeZip, UnsafeArchive

    if not target.exists():
        return
    try:
        with SafeZip(io.BytesIO(read_input(target, kind=_("a Word file of a plan")))) as zf:
            ours = MARK.encode() in (zf.maybe(COMMENTS) or b"")
    except (PlangenError, UnsafeArchive):
        ours = False
    if not ours:
        raise PlangenError(Problem(str(target), None, None, _(
            "this file exists and is not an annotated copy made by plangen check: it is left as it is (is it "
            "the file to check, given right after --annotate? the option takes the copy's name first)")))


def _comments_root(xml: bytes | None) -> etree._Element:
    from plangen.word.safezip import parse_xml

    if xml:
        return parse_xml(xml)
    return etree.Element(q("comments"), nsmap={"w": W})


def _comment(root: etree._Element, comment_id: int, text: str, when: str) -> None:
    comment = etree.SubElement(root, q("comment"))
    comment.set(q("id"), str(comment_id))
    comment.set(q("author"), MARK)
    comment.set(q("initials"), "PG")
    comment.set(q("date"), when)
    p = etree.SubElement(comment, q("p"))
    r = etree.SubElement(p, q("r"))
    t = etree.SubElement(r, q("t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _anchor(p: etree._Element, comment_id: int) -> None:
    """The comment's range around the paragraph's content, and its mark at the end."""
    start = etree.Element(q("commentRangeStart"))
    start.set(q("id"), str(comment_id))
    ppr = p.find(q("pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    end = etree.SubElement(p, q("commentRangeEnd"))
    end.set(q("id"), str(comment_id))
    run = etree.SubElement(p, q("r"))
    rpr = etree.SubElement(run, q("rPr"))
    style = etree.SubElement(rpr, q("rStyle"))
    style.set(q("val"), "CommentReference")
    ref = etree.SubElement(run, q("commentReference"))
    ref.set(q("id"), str(comment_id))


def _content_types(xml: bytes) -> bytes:
    from plangen.word.safezip import parse_xml

    root = parse_xml(xml)
    if not any(o.get("PartName") == "/" + COMMENTS for o in root.findall(f"{{{CT}}}Override")):
        override = etree.SubElement(root, f"{{{CT}}}Override")
        override.set("PartName", "/" + COMMENTS)
        override.set("ContentType", COMMENTS_TYPE)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _relationships(xml: bytes | None) -> bytes:
    from plangen.word.safezip import parse_xml

    root = parse_xml(xml) if xml else etree.Element(f"{{{PKG_REL}}}Relationships", nsmap={None: PKG_REL})
    rels = root.findall(f"{{{PKG_REL}}}Relationship")
    if not any(r.get("Type") == COMMENTS_REL for r in rels):
        ids = {r.get("Id") for r in rels}
        n = 1
        while f"rIdPlangen{n}" in ids:
            n += 1
        rel = etree.SubElement(root, f"{{{PKG_REL}}}Relationship")
        rel.set("Id", f"rIdPlangen{n}")
        rel.set("Type", COMMENTS_REL)
        rel.set("Target", "comments.xml")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
