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


def annotate(source: Path, target: Path, findings: list[Finding]) -> int:
    """Write `target`: `source` with a comment per finding; returns how many were placed."""
    from plangen.files import write_atomically

    if target.resolve() == source.resolve():
        raise PlangenError(Problem(str(target), None, None, _("the annotated copy would overwrite the checked file")))
    try:
        with zipfile.ZipFile(source) as zf:
            members = {info.filename: zf.read(info.filename) for info in zf.infolist()}
        root = etree.fromstring(members["word/document.xml"])
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError) as exc:
        raise PlangenError(Problem(str(source), None, None, _(
            "cannot annotate: not a readable Word file ({reason})").format(reason=exc))) from None
    body = root.find(q("body"))
    paragraphs = [placed.element for placed in iter_paragraphs(body)] if body is not None else []
    comments_root = _comments_root(members.get(COMMENTS))
    next_id = 1 + max((int(c.get(q("id"), "0")) for c in comments_root.findall(q("comment"))
                       if c.get(q("id"), "").isdigit()), default=-1)
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
    members["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    members[COMMENTS] = etree.tostring(comments_root, xml_declaration=True, encoding="UTF-8", standalone=True)
    members["[Content_Types].xml"] = _content_types(members["[Content_Types].xml"])
    rels = "word/_rels/document.xml.rels"
    members[rels] = _relationships(members.get(rels))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    write_atomically(buffer.getvalue(), target)
    return placed


def _comments_root(xml: bytes | None) -> etree._Element:
    if xml:
        return etree.fromstring(xml)
    return etree.Element(q("comments"), nsmap={"w": W})


def _comment(root: etree._Element, comment_id: int, text: str, when: str) -> None:
    comment = etree.SubElement(root, q("comment"))
    comment.set(q("id"), str(comment_id))
    comment.set(q("author"), "plangen check")
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
    root = etree.fromstring(xml)
    if not any(o.get("PartName") == "/" + COMMENTS for o in root.findall(f"{{{CT}}}Override")):
        override = etree.SubElement(root, f"{{{CT}}}Override")
        override.set("PartName", "/" + COMMENTS)
        override.set("ContentType", COMMENTS_TYPE)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _relationships(xml: bytes | None) -> bytes:
    root = etree.fromstring(xml) if xml else etree.Element(f"{{{PKG_REL}}}Relationships", nsmap={None: PKG_REL})
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
