"""party-layout: page, fonts and sizes of a Party document in Word (Hướng dẫn 36-HD/VPTW).

Times New Roman; the title "ĐẢNG CỘNG SẢN VIỆT NAM" 15 pt bold; the body lines of the header
14 pt (the issuing body bold, its superior not); the symbol and the date line 14 pt (the date
italic); KẾ HOẠCH 15–16 pt bold, its summary 14–15 pt bold; the body 14–15 pt (Phụ lục 3). A4
pages with margins of 20 mm top and bottom, 30 mm left, 15 mm right, pages numbered at the top
from page 2, recipients in 12 pt: the guide's summaries give these (warnings; the margins of an
office's house style, `[style]` in its plangen.toml, are accepted instead).

Good:
    ĐẢNG CỘNG SẢN VIỆT NAM in 15 pt bold, body in 14 pt, margins 20/20/30/15 mm
Bad:
    the title in 13 pt; body in 13 pt; margins 25/25/35/15 mm

Source: Hướng dẫn 36-HD/VPTW, Phụ lục 3 (phông, cỡ, kiểu chữ) and its part on paper and margins.
"""

from __future__ import annotations

from collections.abc import Iterator

from plangen.check.finding import WARNING, Finding, finding
from plangen.check.view import PlanView, Where
from plangen.i18n import _

ID = "party-layout"
SEVERITY = "error"
SOURCES = ("docx",)
FORMATS = ("party",)
FONT = "Times New Roman"
MARGINS = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TOLERANCE_MM = 0.6


def _where(p) -> Where:
    return Where(paragraph=p.index, words=p.words)


def _size(line, low: float, high: float, what: str, bold: bool | None = None,
          italic: bool | None = None) -> Iterator[Finding]:
    p = line.para if line is not None else None
    if p is None or not p.formatted:
        return
    if p.size is not None and not low <= p.size <= high:
        want = f"{low:g}" if low == high else f"{low:g}–{high:g}"
        yield finding(_("{what} is {size:g} pt; the guide asks {want} pt").format(
            what=what, size=p.size, want=want), _where(p))
    if bold is not None and p.bold != bold:
        yield finding((_("{what} is bold") if bold else _("{what} is not bold")).format(what=what), _where(p))
    if italic is not None and p.italic != italic:
        yield finding((_("{what} is italic") if italic else _("{what} is not italic")).format(what=what), _where(p))


def check(view: PlanView, config) -> Iterator[Finding]:
    assert view.word is not None
    wrong_font = [p for p in view.word.paragraphs if p.text.strip() and p.font and p.font != FONT]
    if wrong_font:
        p = wrong_font[0]
        yield finding(_("text is set in {font}, not Times New Roman ({n} paragraphs)").format(
            font=p.font, n=len(wrong_font)), _where(p))
    header = view.header
    yield from _size(header.get("party_title"), 15, 15, _("the title ĐẢNG CỘNG SẢN VIỆT NAM"), bold=True)
    own = view.own_lines
    for line in view.issuer_lines[:len(view.issuer_lines) - len(own)]:
        yield from _size(line, 14, 14, _("the superior body's line"), bold=False)
    for line in own:  # a long name wraps over two lines, both bold
        yield from _size(line, 14, 14, _("the issuing body's line"), bold=True)
    yield from _size(header.get("number"), 14, 14, _("the symbol line"))
    yield from _size(header.get("date"), 14, 14, _("the date line"), italic=True)
    yield from _size(header.get("type_name"), 15, 16, _("the type name KẾ HOẠCH"), bold=True)
    for line in view.summary[:1]:
        yield from _size(line, 14, 15, _("the summary"), bold=True)
    body = [p for p in view.body_paragraphs if p.text.strip() and not p.in_table]
    wrong = [p for p in body if p.size is not None and not 14 <= p.size <= 15]
    if wrong:
        yield finding(_("body text is {size:g} pt; the guide asks 14–15 pt ({n} paragraphs)").format(
            size=wrong[0].size, n=len(wrong)), _where(wrong[0]))
    small = [p for p in view.recipient_paragraphs if p.size is not None and p.size != 12]
    if small:
        yield finding(_("the recipients are {size:g} pt; Party offices set them in 12 pt").format(
            size=small[0].size), _where(small[0]), WARNING)
    yield from _page(view)


def _house_margins(file: str) -> dict[str, float]:
    """The guide's margins, or those the office's house style sets (`[style]` of its plangen.toml):
    the guide's are known from secondary sources only, and an office may keep its own."""
    from plangen.errors import PlangenError
    from plangen.plan.style import office_style

    try:
        style = office_style(file)
    except PlangenError:  # a broken settings file is reported where it is read, not here
        style = None
    own = {side: getattr(style, f"margin_{side}", None) for side in MARGINS} if style else {}
    return {side: own.get(side) or mm for side, mm in MARGINS.items()}


def _page(view: PlanView) -> Iterator[Finding]:
    sections = view.word.sections if view.word else []
    if not sections:
        return
    page = sections[0]
    where = Where(paragraph=1)
    if abs(min(page.width_mm, page.height_mm) - 210) > 1 or abs(max(page.width_mm, page.height_mm) - 297) > 1:
        yield finding(_("the page is {w:.0f} × {h:.0f} mm, not A4").format(w=page.width_mm, h=page.height_mm), where)
    found = {"top": page.top_mm, "bottom": page.bottom_mm, "left": page.left_mm, "right": page.right_mm}
    wanted = _house_margins(view.file)
    off = [side for side, mm in wanted.items() if abs(found[side] - mm) > TOLERANCE_MM]
    if off:
        yield finding(_("margins are {found} mm; Party documents use 20 / 20 / 30 / 15 mm (top, bottom, left, "
                        "right)").format(found=" / ".join(f"{found[s]:.0f}" for s in MARGINS)), where, WARNING)
    if page.first_header_has_page:
        yield finding(_("the first page shows a page number; pages are numbered from page 2"), where, WARNING)
    elif not page.header_has_page and len(view.word.paragraphs) > 60:
        yield finding(_("the pages are not numbered at the top"), where, WARNING)


DOC_VI = """party-layout: trang, phông và cỡ chữ của văn bản của Đảng trong tệp Word (Hướng dẫn 36-HD/VPTW).

Phông Times New Roman; tiêu đề "ĐẢNG CỘNG SẢN VIỆT NAM" cỡ 15, đậm; các dòng tên cơ quan cỡ 14 (cơ
quan ban hành đậm, cơ quan cấp trên không đậm); số, ký hiệu và dòng ngày tháng cỡ 14 (ngày tháng
nghiêng); "KẾ HOẠCH" cỡ 15–16 đậm, trích yếu cỡ 14–15 đậm; nội dung cỡ 14–15 (Phụ lục 3). Khổ A4,
lề trên, dưới 20 mm, trái 30 mm, phải 15 mm, số trang ở lề trên từ trang 2, nơi nhận cỡ 12: theo
các bản tóm lược Hướng dẫn (cảnh báo; chấp nhận lề theo kiểu trình bày riêng của cơ quan, `[style]` trong
plangen.toml).

Đúng:
    ĐẢNG CỘNG SẢN VIỆT NAM cỡ 15 đậm, nội dung cỡ 14, lề 20/20/30/15 mm
Sai:
    tiêu đề cỡ 13; nội dung cỡ 13; lề 25/25/35/15 mm

Căn cứ: Hướng dẫn 36-HD/VPTW, Phụ lục 3 (phông, cỡ, kiểu chữ) và phần khổ giấy, định lề.
"""
"""The rule's documentation in Vietnamese (`plangen check --explain`, the default language)."""
