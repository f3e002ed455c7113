"""font: Times New Roman everywhere, body text 13–14 pt, "Nơi nhận:" 12 pt, recipients 11–12 pt.

Every paragraph with text is set in Times New Roman (the Unicode font of TCVN 6909:2001; its
faces "Times New Roman Italic", "Times New Roman Bold", "TimesNewRomanPSMT" are the same font,
and a bullet drawn from Symbol or Wingdings is no text); the body of the plan is 13 or 14 pt;
"Nơi nhận:" 12 pt; each recipient line 11 pt (12 pt is accepted), every piece of it. Sizes are
read as Word shows them: a paragraph that names no style takes the document's default paragraph
style (Normal) and its defaults. Reported once per kind of problem, with the first paragraph
concerned. A Party document's sizes follow its own guide and are not checked here.

Good:
    body in Times New Roman 14 pt, "Nơi nhận:" 12 pt, the recipients 11 pt
Bad:
    body in Calibri 11 pt
    "Nơi nhận:" 11 pt, a recipient "- Bộ Công an;" in 10 pt

Source: Nghị định 30/2020/NĐ-CP, Phụ lục I (phông chữ; cỡ chữ và kiểu chữ of each element:
nội dung 13–14, "Nơi nhận" 12, the recipients 11).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from plangen.check.finding import Finding, finding
from plangen.check.view import PlanView, Where
from plangen.i18n import _

ID = "font"
SEVERITY = "error"
SOURCES = ("docx",)
FONT = "Times New Roman"
SYMBOL_FONTS = {"symbol", "wingdings", "wingdings2", "wingdings3", "webdings", "marlett", "zapfdingbats"}
_FACE = re.compile(r"(?:bolditalic|italic|bold|oblique|regular|psmt|mt|ps)$")


def family(name: str) -> str:
    """A font's family as a key: "Times New Roman Italic", "TimesNewRomanPS-BoldMT" → "timesnewroman"."""
    key = re.sub(r"\(.*?\)|[\s_-]+", "", name.split(",")[0]).casefold()
    for _round in range(3):
        key = _FACE.sub("", key)
    return key


def _where(p) -> Where:
    return Where(paragraph=p.index, words=p.words)


def line_sizes(p) -> list[list[tuple[str, float | None]]]:
    """The pieces of text (with their size) of each displayed line of a paragraph."""
    lines: list[list[tuple[str, float | None]]] = [[]]
    for run in p.runs:
        for k, part in enumerate(run.text.split("\n")):
            if k:
                lines.append([])
            if part.strip():
                lines[-1].append((part.strip(), run.size))
    return [pieces for pieces in lines if pieces]


def _label_pieces(pieces: list[tuple[str, float | None]]) -> list[tuple[str, float | None]]:
    """The pieces that spell "Nơi nhận:" at the start of a line (Word may split it in runs)."""
    taken, letters = [], 0
    for text, size in pieces:
        if letters >= len("Nơinhận"):
            break
        taken.append((text, size))
        letters += sum(c.isalpha() for c in text)
    return taken


def check(view: PlanView, config) -> Iterator[Finding]:
    assert view.word is not None
    wrong_font = [p for p in view.word.paragraphs if p.font and any(c.isalpha() for c in p.text)
                  and family(p.font) not in (family(FONT), *SYMBOL_FONTS)]
    if wrong_font:
        p = wrong_font[0]
        yield finding(_("text is set in {font}, not Times New Roman ({n} paragraphs)").format(
            font=p.font, n=len(wrong_font)), _where(p))
    if view.format == "party":
        return
    body = [p for p in view.body_paragraphs if p.text.strip() and not p.in_table]
    wrong_size = [p for p in body if p.size is not None and not 13 <= p.size <= 14]
    if wrong_size:
        p = wrong_size[0]
        yield finding(_("body text is {size:g} pt; the decree asks 13–14 pt ({n} paragraphs)").format(
            size=p.size, n=len(wrong_size)), _where(p))
    yield from _ending(view)


def _ending(view: PlanView) -> Iterator[Finding]:
    heading = view.recipients_heading.para if view.recipients_heading else None
    small: list[tuple[object, str, float]] = []  # (paragraph, piece, size)
    for p in ([heading] if heading is not None else []) + view.recipient_paragraphs:
        for pieces in line_sizes(p):
            if p is heading and " ".join(t for t, _size in pieces).casefold().startswith("nơi nhận"):
                label = _label_pieces(pieces)
                size = max((sz for _t, sz in label), key=lambda sz: sum(len(t) for t, z in label if z == sz))
                if size is not None and abs(size - 12) > 0.25:
                    yield finding(_("“Nơi nhận:” is {size:g} pt; the decree sets it in 12 pt").format(size=size),
                                  _where(p))
                pieces = pieces[len(label):]
            small += [(p, text, size) for text, size in pieces
                      if size is not None and len(text) >= 3 and not 11 <= size <= 12]
    if small:
        p, text, size = small[0]
        yield finding(_("the recipients are {size:g} pt (“{text}”); the decree asks 11 pt (12 pt at most)").format(
            size=size, text=text[:40]), _where(p))


DOC_VI = """font: phông Times New Roman, chữ nội dung cỡ 13–14, "Nơi nhận:" cỡ 12, nơi nhận cỡ 11–12.

Mọi đoạn có chữ dùng phông Times New Roman (phông Unicode theo TCVN 6909:2001; các kiểu "Times New
Roman Italic", "Times New Roman Bold", "TimesNewRomanPSMT" là cùng một phông, còn dấu đầu dòng lấy
từ phông Symbol, Wingdings không phải chữ); nội dung cỡ 13–14; "Nơi nhận:" cỡ 12; mỗi dòng nơi nhận
cỡ 11 (chấp nhận 12), từng phần của dòng. Cỡ chữ đọc như Word hiển thị: đoạn không ghi kiểu thì
theo kiểu đoạn mặc định (Normal) của tài liệu. Văn bản của Đảng theo hướng dẫn riêng, không xét cỡ
chữ ở đây.

Đúng:
    nội dung Times New Roman 14, "Nơi nhận:" 12, nơi nhận 11
Sai:
    nội dung Arial 12, hoặc phông .VnTime
    "Nơi nhận:" cỡ 11, một nơi nhận "- Bộ Công an;" cỡ 10

Căn cứ: Nghị định 30/2020/NĐ-CP, Phụ lục I (phông chữ; cỡ chữ, kiểu chữ từng thành phần: nội dung
13–14, "Nơi nhận" 12, tên các nơi nhận 11).
"""
"""The rule's documentation in Vietnamese (`plangen check --explain`, the default language)."""
