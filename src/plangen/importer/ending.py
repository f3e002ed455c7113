"""The end of a plan: the closing paragraphs, the recipients (Nơi nhận) and the signature.
"""

from __future__ import annotations

import re
from typing import Any

from plangen import vietnamese as vn
from plangen.i18n import _
from plangen.importer.base import Context, escape, literal
from plangen.plan import wording
from plangen.word.recognise import (
    Node,
    SignatureBlock,
    fold,
    is_signing_mark,
    is_upper,
)


def _signoff(node: Node) -> dict[str, Any] | None:
    """A form's signature place: a table of one row whose right cell reads "LÃNH ĐẠO ĐƠN VỊ",
    "(Ký tên, đóng dấu)"."""
    if len(node.rows) != 1 or len(node.rows[0]) != 2:
        return None
    left, right = ([x for x in cell.split("\n") if x.strip()] for cell in node.rows[0])
    if not right or not is_upper(right[0]) or not any(x.startswith(("(Ký", "(ký")) for x in right):
        return None
    block: dict[str, Any] = {"signoff": [escape(x) for x in right]}
    if left:
        block["left"] = [escape(x) for x in left]
    return block


class EndingPart(Context):
    """The end of a plan: the closing paragraphs, the recipients (Nơi nhận) and the signature."""

    def closing(self, data: dict[str, Any]) -> None:
        closing = [self.text(p, p.text.strip(), ("closing", i)) for i, p in enumerate(self.r.closing)]
        for p in self.r.ending_other:
            closing.append(self.text(p, p.text.strip(), ("closing", len(closing))))
            if self.note_number(p) is not None:  # a note's text after the signature: said by text()
                self.note(("closing", len(closing) - 1), _("this note follows the signature in the source: "
                                                          "printed before it, as a closing paragraph"), p)
                continue
            self.note(("closing", len(closing) - 1), _("text found among the recipients and the signature, "
                                                      "kept as a closing paragraph: move or remove it"), p)
        for block in self.r.partner_signatures[len(self.r.partner_issuers):]:
            # a signature block of no body in the header ("NGƯỜI LẬP", a second signer): its words kept
            lines = [t for t, _p in block.lines] + ([block.signer[0]] if block.signer else []) + [
                t for t, _p in block.after_name]
            closing.append(escape("\n".join(lines)))
            self.note(("closing", len(closing) - 1), _("a second signature block, of no body named in the "
                                                      "header, kept as a closing paragraph: move or remove it"),
                      block.lines[0][1] if block.lines else None)
        if closing:
            data["closing"] = closing

    def ending(self, data: dict[str, Any]) -> None:
        r = self.r
        recipients = []
        archive = None
        under = False  # "- VP UBND tỉnh:" then "+ LĐVP;" "+ CV;": the units of one recipient
        for text, _p in r.recipients:
            sub = text.strip().startswith("+")
            value = text.strip().lstrip("-–+• ").strip()
            if value.startswith("Lưu"):
                archive = value.split(":", 1)[1].strip().rstrip(".;") if ":" in value else value[3:].strip()
                if r.format == "party":  # "- Lưu Văn phòng Đảng uỷ.", "- Lưu VPĐU."
                    archive = archive.rstrip(".;,").strip()
                continue
            cleaned = value.rstrip(";,. ").strip()
            if cleaned and sub and under and recipients:
                head = recipients[-1]
                recipients[-1] = f"{head} {literal(cleaned)}" if head.endswith(":") else f"{head}, {literal(cleaned)}"
                continue
            under = not sub and cleaned.endswith(":")
            if cleaned:
                recipients.append(literal(cleaned))
        if recipients:
            data["recipients"] = recipients
        if archive:
            data["archive"] = literal(archive)
        elif r.recipients_heading is not None:
            self.note(("archive",), _("no “- Lưu: …” line in the source: VT is printed"), r.recipients_heading)
        if r.signature:
            data["signature"] = self.signature()

    def _names_a_header_body(self, line: str) -> bool:
        """The line is the name of a body of the header (the issuer's or a joint plan's partner's)."""
        bodies = [p for p in self.r.issuer] + [p for _gov, names in self.r.partner_issuers for p in names]
        return fold(line) in {fold(p.text) for p in bodies}

    def signature(self, block: SignatureBlock | None = None, path: tuple = ("signature",)) -> dict[str, Any]:
        """A signature block: `TM. ỦY BAN NHÂN DÂN` / `KT. CHỦ TỊCH` / `PHÓ CHỦ TỊCH`, the name,
        the lines under it."""
        block = block or SignatureBlock(self.r.signature, self.r.signer, self.r.after_name)
        lines = [re.sub(r"^(TM|KT|TL|TUQ|Q)\.\s*", r"\1. ", t.strip()) for t, _p in block.lines]
        first_p = block.lines[0][1]
        out: dict[str, Any] = {}
        if lines[0].startswith("T/M.") and self.r.format != "party":  # printed as written (as_written), read as TM.
            lines[0] = "TM. " + lines[0][4:].strip()
        m = re.match(r"^(TM|KT|TL|TUQ|Q)\. (.+)$", lines[0])
        slashed = re.match(r"^(T/M|K/T|T/L)\.?\s+(.+)$", lines[0]) if self.r.format == "party" else None
        rest = lines[1:]
        if slashed:  # the Party's forms (Hướng dẫn 36-HD/VPTW, 1.7)
            out["authority"] = slashed.group(1)
            out["collective" if slashed.group(1) == "T/M" else "head"] = literal(slashed.group(2))
            if slashed.group(1) == "T/M" and rest and re.match(r"^K/T\.?\s", rest[0]):
                out["head"] = literal(re.sub(r"^K/T\.?\s+", "", rest.pop(0)))
        elif m and m.group(1) == "TM":
            out["authority"] = "TM."
            out["collective"] = literal(m.group(2))
            if rest and rest[0].startswith("KT. "):
                out["head"] = literal(rest.pop(0)[4:])
        elif m:
            out["authority"] = m.group(1) + "."
            out["head"] = literal(m.group(2))
        else:
            out["authority"] = "none"
            rest = lines
        if len(rest) > 1 and self._names_a_header_body(rest[0]):
            # a joint plan's block names its body under the authority ("KT. GIÁM ĐỐC" / "SỞ TƯ
            # PHÁP" / "PHÓ GIÁM ĐỐC"): the head's title goes on, the next line is the position
            key = "head" if "head" in out else ("collective" if "collective" in out else None)
            if key:
                out[key] = literal(f"{out[key]} {rest.pop(0)}")
        if rest:
            out["position"] = literal(rest.pop(0))
        elif out["authority"] != "Q.":
            out["position"] = out.get("head", "[CHỨC VỤ]")
            self.note((*path, "position"), _("the signer's position was not found"), first_p)
        if rest:
            out["position"] = " ".join([out["position"], *(literal(x) for x in rest)])
            self.note((*path, "position"), _("several lines under the authority were joined: {lines}").format(
                lines=" / ".join(lines)), first_p)
        written = [" ".join(t.split()) for t, _p in block.lines]
        composed = wording.signature_lines(out["authority"], out.get("collective"), out.get("head"),
                                           out.get("position"))
        if composed != [vn.upper(x) for x in written]:
            # "KT.HIỆU TRƯỞNG", "T/M.", a position over two lines: printed as typed, nothing lost
            out["as_written"] = [literal(x) for x in written]
            self.note((*path, "as_written"), _("the signature's lines are printed as the source writes them; "
                                               "the decree's form is: {lines}").format(
                lines=" / ".join(composed)), first_p)
        out["name"] = literal(block.signer[0]) if block.signer else ""
        if block.after_name:
            out["after_name"] = [literal(t) for t, _p in block.after_name]
            stamps = [(t, p) for t, p in block.after_name if is_signing_mark(t)]
            if stamps:
                self.note((*path, "after_name"), _("an e-signature stamp ({stamp}) is kept under the name: it is "
                                                   "not part of the layout, remove it before issuing").format(
                    stamp=" ".join(t for t, _p in block.after_name)), stamps[0][1])
        return out
