"""Appendices: the parts after the signature (a Phụ lục, a task table "kèm theo Kế hoạch"), each with
its label, title, reference line and body.
"""

from __future__ import annotations

import re
from typing import Any

from plangen import vietnamese as vn
from plangen.i18n import _
from plangen.importer.base import Context, _same_line, escape, literal
from plangen.plan import wording
from plangen.word import party
from plangen.word.recognise import (
    Appendix,
    is_upper,
)


class AppendixPart(Context):
    """Appendices: the parts after the signature (a Phụ lục, a task table "kèm theo Kế hoạch"), each with"""

    def appendices(self, data: dict[str, Any]) -> None:
        out = []
        for i, appendix in enumerate(self.r.appendices):
            out.append(self.appendix(appendix, ("appendices", i), i, len(self.r.appendices), data))
        if out:
            data["appendices"] = out
            if "full_name" not in data["issuer"]:
                data["issuer"]["full_name"] = " ".join(data["issuer"]["name"]).title()
                if data["issuer"].get("format") == "party":  # Ban Thường vụ Đảng uỷ xã …
                    data["issuer"]["full_name"] = party.running_name(
                        " ".join(data["issuer"]["name"]), (data.get("signature") or {}).get("collective"))
                self.note(("issuer", "full_name"), _("the issuer's name in running text was guessed for the "
                                                     "appendix line: confirm"))

    def appendix(self, appendix: Appendix, path: tuple, index: int, count: int, data: dict[str, Any]) -> dict[str, Any]:
        """An appendix as a small document: its label as written, title, subtitle lines, its
        "(Kèm theo Kế hoạch …)" line as written (or none), and its content."""
        out: dict[str, Any] = {}
        kept = self._attachment_header(appendix, out, data, path)
        label = appendix.label.text.strip() if appendix.label is not None else ""
        titles = [p.text.strip() for p in appendix.titles if p is not appendix.label]
        if appendix.label is not None and appendix.label in appendix.titles:  # "PHỤ LỤC I: DANH MỤC …"
            m = re.match(r"^(\S+\s+\S+(?:\s+(?:số|SỐ)\s*)?(?:\s*[\dIVXLC]+)?)\s*[:.\-–]\s*(.+)$", label)
            if m:
                label, titles = m.group(1).strip(), [m.group(2).strip(), *titles]
        default_label = f"Phụ lục {vn.roman(index + 1)}" if count > 1 else "Phụ lục"
        if label != default_label:
            out["label"] = escape(label)
        leading = next((k for k, t in enumerate(titles) if not is_upper(t)), len(titles))
        if leading:  # a title in capitals, over one line or several
            out["title"] = escape("\n".join(titles[:leading]))
        rest = titles[leading:]
        if rest:
            out["subtitle"] = [escape(t) for t in rest]
        if "title" not in out and not rest:
            self.note((*path,), _("the appendix has no title in the source"), appendix.label)
        self._appendix_reference(appendix, out, data, path)
        if appendix.landscape:
            out["landscape"] = True
        content = kept + self.blocks(appendix.nodes, (*path, "content"))
        if not content:
            content = ["[Nội dung phụ lục]"]
            self.note((*path, "content"), _("the appendix has no content in the source"), appendix.label)
        out["content"] = content
        return out

    def _attachment_header(self, appendix: Appendix, out: dict[str, Any], data: dict[str, Any],
                           path: tuple) -> list[str]:
        """A Party attachment that repeats the document's header (bodies, star, title, date) is
        `header: true`; lines that are not the document's are kept as its first paragraphs."""
        if not appendix.header:
            return []
        issuer = data["issuer"]
        own = [*issuer.get("governing_body", []), *issuer["name"]]
        bodies = [p.text.strip() for p in appendix.header if party.is_body(p.text)]
        if [" ".join(x.split()) for x in bodies] == [" ".join(x.split()) for x in own]:
            out["header"] = True
            return []
        self.note(path, _("the attachment's header names other bodies than the plan's: kept as its first "
                          "paragraphs"), appendix.header[0])
        return [escape(p.text.strip()) for p in appendix.header]

    def _appendix_reference(self, appendix: Appendix, out: dict[str, Any], data: dict[str, Any],
                            path: tuple) -> None:
        """The generated "(Kèm theo Kế hoạch số … của …)" when it reads as the source's, else the
        source's line as written, or none."""
        if appendix.reference is None:
            out["reference"] = False
            return
        lines = [" ".join(p.text.split()) for p in appendix.reference_lines or [appendix.reference]]
        written = " ".join(lines)
        m = re.search(r"\bcủa\s+([^()]{2,200})\)$", written)
        if m and "full_name" not in data["issuer"]:
            data["issuer"]["full_name"] = literal(m.group(1).strip())
        for label in ("số", "số:"):
            if _same_line(written, self._reference_line(data, label)):
                if label != "số":
                    out["number_label"] = label
                return
        out["reference"] = escape("\n".join(lines))

    def _reference_line(self, data: dict[str, Any], label: str) -> str:
        """The appendix line plangen prints for the plan's number, date and issuer read so far."""
        issuer = data["issuer"]
        try:
            day = vn.parse_date(data["date"]) if data.get("date") else None
        except ValueError:
            return ""
        citation = wording.plan_citation(data.get("number"), issuer["code"], issuer.get("unit"), day,
                                         data.get("draft_month"), data.get("issue_year"), data["year"],
                                         party=issuer.get("format") == "party")
        return wording.appendix_line(citation, issuer.get("full_name"), label)
