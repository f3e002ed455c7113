"""`plangen import` on PDFs as Microsoft Word saves them (issue 24: the signed PDFs of other offices).

The PDFs are made by `msword_pdf` (Type0 Identity-H fonts with ToUnicode, borders as thin filled
boxes, heading rows repeated on each page, tables without borders for the header and the
signature, tone marks typed as combining glyphs). Each test imports one, checks that every part
lands where it belongs and that no word of the page is lost in the plan built from the import.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from plangen.importer import import_to_yaml
from plangen.plan.load import load_plan_text
from plangen.word import docxtext
from test_import_real_shapes import TEMPLATE, _words

msword_pdf = pytest.importorskip("msword_pdf")
Cell = msword_pdf.Cell

POPPLER = all(shutil.which(p) for p in ("pdftotext", "pdftohtml", "pdftocairo"))
pytestmark = pytest.mark.skipif(not POPPLER or not msword_pdf.available(),
                                reason="needs poppler and a font with Vietnamese letters")

HEAD = [Cell([[("TT", "b")]], rows=2), Cell([[("Nội dung", "b")]], rows=2),
        Cell([[("Thời gian", "b")]], cols=2), None, Cell([[("Đơn vị thực hiện", "b")]], rows=2)]
SUBHEAD = [None, None, Cell([[("Bắt đầu", "b")]]), Cell([[("Kết thúc", "b")]]), None]


SCHEDULE = [("Tháng 3/2026", "Xây dựng tài liệu phổ biến pháp luật cho từng nhóm đối tượng trên địa bàn tỉnh"),
            ("Tháng 4/2026", "Tổ chức hội nghị phổ biến tại các huyện"),
            ("Tháng 5/2026", "Kiểm tra, đánh giá kết quả và báo cáo Ủy ban nhân dân tỉnh")]


def _rows(n: int, merged: int) -> list[list]:
    """The appendix's body: `n` rows, the unit of three from row `merged` on one merged cell."""
    rows: list[list] = []
    for k in range(1, n + 1):
        unit: Cell | str | None = "Văn phòng Sở"
        if k == merged:
            unit = Cell([[("Phòng Phổ biến, giáo dục pháp luật", "")]], rows=3)
        elif merged < k < merged + 3:
            unit = None
        what = Cell([[(f"Hội nghị phổ biến pháp luật chuyên đề số {k} cho cán bộ, công chức cơ sở", "")]],
                    align="left")
        rows.append([str(k), what, f"{k}/3/2026", f"{k + 1}/4/2026", unit])
    return rows


def _plan(path: Path, decomposed: bool | str = False, rows: int = 6, merged: int = 4,
          ruled: bool = True, schedule: bool = False, body: list[list] | None = None,
          split: bool = False, numbered: bool = False) -> msword_pdf.WordPdf:
    """A plan as an office's Word makes it a PDF: the header in a table without borders, numbered
    sections, units named in bold over their tasks, the recipients and the signature side by side,
    an appendix whose table has two heading rows and runs onto the next page (`rows` of them)."""
    d = _front(msword_pdf.WordPdf(path, decomposed=decomposed, numbered=numbered), schedule)
    d.para("Phụ lục", align="center", style="b", indent=False, after=0)
    d.para("DANH MỤC HỘI NGHỊ NĂM 2026", align="center", style="b", indent=False, after=0)
    d.para("(Kèm theo Kế hoạch số 15/KH-STP ngày 10/3/2026 của Sở Tư pháp)", align="center", style="i",
           indent=False)
    d.table([HEAD, SUBHEAD, *(body or _rows(rows, merged))], [1.2, 6.5, 2.4, 2.4, 4], heads=2, ruled=ruled,
            split=split)
    return d


def _front(d: msword_pdf.WordPdf, schedule: bool = False) -> msword_pdf.WordPdf:
    """The plan's first page, up to its signature, then a new page (for its appendix)."""
    d.columns([[("UBND TỈNH VĨNH LONG", 13, ""), ("SỞ TƯ PHÁP", 13, "b"), ("", 6, ""), ("Số: 15/KH-STP", 13, "")],
               [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, "b"), ("Độc lập - Tự do - Hạnh phúc", 13, "b"),
                ("", 6, ""), ("Vĩnh Long, ngày 10 tháng 3 năm 2026", 13, "i")]], [6.5, 10])
    d.para("KẾ HOẠCH", align="center", style="b", indent=False, after=0)
    d.para("Phổ biến, giáo dục pháp luật năm 2026", align="center", style="b", indent=False, after=12)
    d.para("Căn cứ Luật Phổ biến, giáo dục pháp luật ngày 20 tháng 6 năm 2012;", style="i")
    d.para("Sở Tư pháp ban hành Kế hoạch phổ biến, giáo dục pháp luật năm 2026 như sau:")
    d.para("I. MỤC ĐÍCH, YÊU CẦU", style="b")
    d.para("1. Mục đích", style="b")
    d.para("Nâng cao hiểu biết pháp luật của cán bộ và Nhân dân trên địa bàn tỉnh, góp phần phòng ngừa vi phạm.")
    d.para("2. Yêu cầu", style="b")
    d.para("Bảo đảm thiết thực, hiệu quả, phù hợp với từng đối tượng; tiết kiệm kinh phí.")
    if schedule:  # a table of two columns without borders in the body
        d.table([[Cell([[(x, "b")]], align="left") for x in ("Thời gian", "Nội dung")], *[
            [Cell([[(t, "")]], align="left"), Cell([[(x, "")]], align="left")] for t, x in SCHEDULE]],
            [4, 12.5], ruled=False, size=13)
    d.para("II. TỔ CHỨC THỰC HIỆN", style="b")
    d.para("1. Phòng Phổ biến, giáo dục pháp luật", style="b")
    d.para("Chủ trì tổ chức các hội nghị phổ biến pháp luật cho cán bộ, công chức trong năm 2026.")
    d.para("2. Văn phòng Sở", style="b")
    d.para("Bảo đảm kinh phí, cơ sở vật chất phục vụ các hội nghị theo Kế hoạch này.")
    d.para("Trên đây là Kế hoạch phổ biến, giáo dục pháp luật năm 2026 của Sở Tư pháp./.")
    d.columns([[([("Nơi nhận:", "bi")], 12, "left"), ("- UBND tỉnh;", 11, "left"),
                ("- Các phòng thuộc Sở;", 11, "left"), ("- Lưu: VT, PBGDPL.", 11, "left")],
               [("KT. GIÁM ĐỐC", 13, "b"), ("PHÓ GIÁM ĐỐC", 13, "b"), ("", 40, ""), ("Trần Văn Bình", 13, "b")]],
              [7, 9.5])
    d.page()
    return d


def _imported(d) -> tuple:
    """(plan, YAML, the words printed on the PDF's pages missing from the plan built from its
    import: a heading row printed again on a page counts once)."""
    pdf = d.save()
    text, _review = import_to_yaml(pdf)
    plan = load_plan_text(text, "imported.yaml").plan
    built = docxtext.paragraphs(io.BytesIO(TEMPLATE.render(plan)))
    return plan, text, sorted(_words([" ".join(d.printed)]) - _words(built))


def test_the_fixture_is_shaped_as_words(tmp_path):
    """The fonts are Word's: CID TrueType, Identity-H, with a ToUnicode map, Times New Roman's names."""
    pdf = _plan(tmp_path / "plan.pdf").save()
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout.splitlines()[2:]
    assert {line.split()[0].partition("+")[2] for line in fonts} >= {"TimesNewRomanPSMT", "TimesNewRomanPS-BoldMT"}
    assert all("CID TrueType" in line and "Identity-H" in line and line.split()[-3] == "yes" for line in fonts)
    svg = subprocess.run(["pdftocairo", "-svg", "-f", "2", "-l", "2", str(pdf), "-"], capture_output=True,
                         text=True).stdout
    assert "stroke-width" not in svg and "fill-rule" in svg  # borders filled, never stroked


def _table(plan):
    [appendix] = plan.appendices
    return next(b.table for b in appendix.content if getattr(b, "table", None))


def _cell(cell) -> str:
    return cell if isinstance(cell, str) else cell.text


@pytest.mark.parametrize("decomposed", [False, True, "placed", "after"])
def test_a_words_pdf_imports_whole(tmp_path, decomposed):
    """The header (issuer, number, place and date), the sections, the units' tasks, the signer,
    the recipients and the appendix's table with its two heading rows and its merged cell; the
    tone marks typed apart (`decomposed`) read as the letters they make."""
    plan, _text, lost = _imported(_plan(tmp_path / "plan.pdf", decomposed, rows=6))
    assert (plan.issuer.governing_body, plan.issuer.name) == (["UBND TỈNH VĨNH LONG"], ["SỞ TƯ PHÁP"])
    assert (plan.number, plan.issuer.code, plan.date.isoformat(), plan.issuer.place) == (
        15, "STP", "2026-03-10", "Vĩnh Long")
    assert plan.summary == "Phổ biến, giáo dục pháp luật năm 2026"
    assert [k.value for s in plan.sections for k in s.kind] == ["purpose", "requirements", "assignments",
                                                                "implementation"]
    units = [(i.agency, [t.text for t in i.tasks]) for i in plan.sections[1].content]
    assert units == [("Phòng Phổ biến, giáo dục pháp luật",
                      ["Chủ trì tổ chức các hội nghị phổ biến pháp luật cho cán bộ, công chức trong năm 2026."]),
                     ("Văn phòng Sở", ["Bảo đảm kinh phí, cơ sở vật chất phục vụ các hội nghị theo Kế hoạch này."])]
    sig = plan.signature
    assert (sig.authority.value, sig.head, sig.position, sig.name) == ("KT.", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC",
                                                                      "Trần Văn Bình")
    assert (plan.recipients, plan.archive) == (["UBND tỉnh", "Các phòng thuộc Sở"], "VT, PBGDPL")
    table = _table(plan)
    assert table.columns == ["Nội dung", "Bắt đầu", "Kết thúc", "Đơn vị thực hiện"] and table.numbered
    assert [_cell(c) for c in table.header[0]] == ["Nội dung", "Thời gian", "Đơn vị thực hiện"]
    assert [len(r) for r in table.rows] == [4, 4, 4, 4, 3, 3]
    assert table.rows[3][3].rowspan == 3 and table.rows[3][3].text == "Phòng Phổ biến, giáo dục pháp luật"
    assert lost == []


def test_a_table_run_onto_the_next_page_is_one_its_heading_rows_once(tmp_path):
    """The appendix's table runs onto a third page: Word prints its two heading rows again there
    (left out: they are the table's own), and the unit merged over rows 12 to 14 is cut by the
    page's end (one cell again, over the three rows)."""
    d = _plan(tmp_path / "plan.pdf", rows=20, merged=12)
    plan, _text, lost = _imported(d)
    pages = subprocess.run(["pdftotext", "-layout", str(d.path), "-"], capture_output=True,
                           text=True).stdout.split("\f")
    assert len(pages) >= 4 and pages[2].lstrip().startswith("TT") and " 14 " in pages[2]  # the shape this is about
    table = _table(plan)
    assert len(table.rows) == 20 and len(table.header) == 2
    assert table.rows[11][3].rowspan == 3 and [len(r) for r in table.rows[11:15]] == [4, 3, 3, 4]
    assert _cell(table.rows[-1][0]).endswith("số 20 cho cán bộ, công chức cơ sở")
    assert lost == []


def test_a_table_over_three_pages_is_one(tmp_path):
    """Forty rows over three pages: one table, every row once and in order, its heading rows once."""
    d = _plan(tmp_path / "plan.pdf", rows=40, merged=30)
    plan, _text, lost = _imported(d)
    table = _table(plan)
    assert len(table.rows) == 40 and len(table.header) == 2 and table.rows[29][3].rowspan == 3
    assert [_cell(r[0]).split()[-8] for r in table.rows] == [str(n) for n in range(1, 41)]  # "số N cho …"
    assert lost == []


def test_tables_without_rules_are_read_by_their_columns(tmp_path):
    """The appendix's table and a schedule of two columns in the body printed without borders:
    each read as a table by where its columns stand (a cell's wrapped line in its cell); the
    header and the signature, columns without rules too, read as the header and the signature."""
    plan, _text, lost = _imported(_plan(tmp_path / "plan.pdf", rows=6, ruled=False, schedule=True))
    assert (plan.issuer.name, plan.number, plan.signature.name) == (["SỞ TƯ PHÁP"], 15, "Trần Văn Bình")
    table = _table(plan)
    assert table.columns == ["Nội dung", "Bắt đầu", "Kết thúc", "Đơn vị thực hiện"] and table.numbered
    assert [_cell(c) for c in table.rows[0]] == [
        "Hội nghị phổ biến pháp luật chuyên đề số 1 cho cán bộ, công chức cơ sở", "1/3/2026", "2/4/2026",
        "Văn phòng Sở"]
    assert _cell(table.rows[3][3]) == "Phòng Phổ biến, giáo dục pháp luật" and len(table.rows) == 6
    tables = [b.table for s in plan.sections for b in _blocks(s) if getattr(b, "table", None)]
    assert [(t.columns, [[_cell(c) for c in r] for r in t.rows]) for t in tables] == [
        (["Thời gian", "Nội dung"], [list(x) for x in SCHEDULE])]
    assert lost == []


def _blocks(part) -> list:
    out = []
    for b in getattr(part, "content", None) or []:
        out += [b, *_blocks(b)]
    return out


def test_reading_columns_is_bounded_on_a_hostile_page():
    """A page of thousands of lines of two pieces each, and words far off the page: read within
    a bounded time (a table of at most 200 lines, a few looks at each line)."""
    import time

    from plangen.word import pdfcolumns
    from plangen.word.pdflook import Word

    words = [Word(f"w{k}", 0, x, 10 + k * 14, x + 20, 22 + k * 14)
             for k in range(1900) for x in (85, 85 + 100 * (k % 3 + 1))]
    words += [Word("far", 0, 1e9, 10, 1e9 + 5, 22)]
    start = time.perf_counter()
    found = pdfcolumns.grids(words, [])
    assert time.perf_counter() - start < 5
    assert found and all(len(g.ys) <= 202 for g in found)


LONG = " ".join(f"nội dung thứ {n} của hội nghị về pháp luật" for n in range(1, 25))


def _task(k: int) -> str:
    return f"Hội nghị phổ biến pháp luật chuyên đề số {k} cho cán bộ, công chức cơ sở"


def _long_rows(n: int, long: int, blank: int = 0, text: str = LONG) -> list[list]:
    """`n` rows, row `long` holding a long text (Word breaks it over the page's end), row
    `blank`'s number cell empty."""
    return [["" if k == blank else str(k), Cell([[(f"{_task(k)} {text}" if k == long else _task(k), "")]],
                                                align="left"), f"{k}/3/2026", f"{k + 1}/4/2026", "Văn phòng Sở"]
            for k in range(1, n + 1)]


def _texts(table) -> list[list[str]]:
    """Each row's cells' texts (a task matrix's row: its cells by role, in order)."""
    return [[" ".join(_cell(c).split()) for c in (r.values() if isinstance(r, dict) else r)] for r in table.rows]


def _expected(n: int, long: int, blank: int = 0) -> list[list[str]]:
    """The rows' texts (a table whose every row has its number is numbered: its numbers aside)."""
    return [[*(["" if k == blank else str(k)] if blank else []), f"{_task(k)} {LONG}" if k == long else _task(k),
             f"{k}/3/2026", f"{k + 1}/4/2026", "Văn phòng Sở"] for k in range(1, n + 1)]


def _broken(d) -> str:
    """The text of the page the broken row goes on at: it begins with the heading rows printed
    again, then the row's rest, its number cell empty (the shape the tests are about)."""
    pages = subprocess.run(["pdftotext", "-layout", str(d.path), "-"], capture_output=True,
                           text=True).stdout.split("\f")
    lines = [[x for x in p.splitlines() if x.strip()] for p in pages]
    lines = [x[1:] if x[0].strip().isdigit() else x for x in lines if x]  # the page's number aside
    return next("\n".join(x) for x in lines if len(x) > 2 and x[0].startswith("TT") and x[2].startswith(" ")
                and x[2].split()[:2] == ["nội", "dung"])


@pytest.mark.parametrize("ruled", [True, False])
@pytest.mark.parametrize("numbered", [False, True])
def test_a_row_broken_over_the_pages_end_is_one_row(tmp_path, ruled, numbered):
    """Word breaks the long row 8 at the page's end (its rest at the top of the next page, under
    the page's number and the heading rows printed again, its number cell empty): one row, its
    text whole and once; the rows after it their own."""
    d = _plan(tmp_path / "plan.pdf", body=_long_rows(12, long=8), split=True, ruled=ruled, numbered=numbered)
    plan, _text, lost = _imported(d)
    assert _broken(d)
    assert _texts(_table(plan)) == _expected(12, long=8)
    assert lost == []


@pytest.mark.parametrize("ruled", [True, False])
def test_a_row_broken_over_two_pages_ends_is_one_row(tmp_path, ruled):
    """A row longer than a page: its first lines at a page's foot, a whole page of it (under the
    heading rows), its last lines at the top of the page after: one row."""
    longer = " ".join(f"nội dung thứ {n} của hội nghị về pháp luật" for n in range(1, 90))
    d = _plan(tmp_path / "plan.pdf", body=_long_rows(10, long=8, text=longer), split=True, ruled=ruled)
    plan, _text, lost = _imported(d)
    pages = subprocess.run(["pdftotext", "-layout", str(d.path), "-"], capture_output=True,
                           text=True).stdout.split("\f")
    assert len([p for p in pages if "nội dung thứ" in p]) == 3  # the shape this is about
    texts = _texts(_table(plan))
    assert texts[7][0] == f"{_task(8)} {longer}"
    assert texts == [[f"{_task(k)} {longer}" if k == 8 else _task(k), f"{k}/3/2026", f"{k + 1}/4/2026",
                      "Văn phòng Sở"] for k in range(1, 11)]
    assert lost == []


@pytest.mark.parametrize("ruled", [True, False])
def test_a_row_moved_whole_to_the_next_page_stays_its_own(tmp_path, ruled):
    """Row 8 kept whole (not allowed to break): printed at the top of the next page with its
    number, a row of its own."""
    d = _plan(tmp_path / "plan.pdf", body=_long_rows(12, long=8), split=False, ruled=ruled)
    plan, _text, lost = _imported(d)
    assert _texts(_table(plan)) == _expected(12, long=8) and lost == []


def test_a_row_without_its_number_mid_page_stays_its_own(tmp_path, ruled=True):
    """Row 3's number cell is empty in the middle of a page: a row of its own, between its rules
    (only a row's rest at a page's top goes on the row before it, as row 8's does). Without
    rules such a row's lines read as the row above's wrapped lines, as they look."""
    d = _plan(tmp_path / "plan.pdf", body=_long_rows(12, long=8, blank=3), split=True, ruled=ruled)
    plan, _text, lost = _imported(d)
    assert _texts(_table(plan)) == _expected(12, long=8, blank=3) and lost == []


@pytest.mark.parametrize("numbered", [False, True])
def test_a_table_without_rules_over_three_pages_its_heading_rows_once(tmp_path, numbered):
    """Forty rows without rules over three pages, the two heading rows printed again at the top
    of each (under the page's number): one table, its heading rows once, every row once and in
    order."""
    d = _plan(tmp_path / "plan.pdf", rows=40, merged=100, ruled=False, numbered=numbered)
    plan, _text, lost = _imported(d)
    table = _table(plan)
    assert len(table.header) == 2 and [_cell(c) for c in table.header[0]] == ["Nội dung", "Thời gian",
                                                                             "Đơn vị thực hiện"]
    assert _texts(table) == [[_task(k), f"{k}/3/2026", f"{k + 1}/4/2026", "Văn phòng Sở"] for k in range(1, 41)]
    assert lost == []


SIMPLE = [Cell([[(x, "b")]]) for x in ("TT", "Nội dung", "Đơn vị thực hiện")]


WHAT = "tại hội trường của Ủy ban nhân dân các huyện, thị xã, thành phố, với sự tham gia của đại diện các cơ quan"


def _simple(k: int) -> list:
    return [str(k), Cell([[(f"{_task(k)} {WHAT}", "")]], align="left"), "Văn phòng Sở"]


def _simple_plan(path: Path, first: list, rows: int, then: int = 0) -> msword_pdf.WordPdf:
    """An appendix whose table without rules has one heading row (`first`: its first body row);
    `then`: a second table of that heading at the top of a page after a line of text."""
    d = _front(msword_pdf.WordPdf(path))
    d.para("Phụ lục", align="center", style="b", indent=False, after=0)
    d.para("DANH MỤC HỘI NGHỊ NĂM 2026", align="center", style="b", indent=False)
    d.table([SIMPLE, first, *[_simple(k) for k in range(2, rows + 1)]], [1.2, 10, 5.3], ruled=False)
    if then:
        d.page()
        d.para("Các hội nghị bổ sung trong năm:", indent=False)
        d.table([SIMPLE, *[_simple(k) for k in range(1, then + 1)]], [1.2, 10, 5.3], ruled=False)
    return d


def _all_tables(plan) -> list:
    return [b.table for a in plan.appendices for b in _blocks(a) if getattr(b, "table", None)]


def test_a_heading_row_printed_again_at_a_pages_top_is_left_out(tmp_path):
    """A table without rules of one heading row over two pages: its heading once, its rows once."""
    d = _simple_plan(tmp_path / "plan.pdf", _simple(1), rows=20)
    plan, _text, lost = _imported(d)
    pages = subprocess.run(["pdftotext", "-layout", str(d.path), "-"], capture_output=True,
                           text=True).stdout.split("\f")
    assert pages[2].lstrip().startswith("TT")  # printed again: the shape this is about
    [table] = _all_tables(plan)
    assert _texts(table) == [[f"{_task(k)} {WHAT}", "Văn phòng Sở"] for k in range(1, 21)]
    assert lost == []


def test_a_row_reading_as_the_heading_mid_page_stays(tmp_path):
    """A first body row that reads as the heading row, in the middle of the page, is a row; a
    second table of that heading at a page's top after a line of text is a table of its own."""
    d = _simple_plan(tmp_path / "plan.pdf", ["TT", "Nội dung", "Đơn vị thực hiện"], rows=5, then=3)
    plan, _text, lost = _imported(d)
    first, second = _all_tables(plan)
    assert _texts(first)[0] == ["TT", "Nội dung", "Đơn vị thực hiện"]
    assert len(first.rows) == 5 and len(second.rows) == 3
    assert lost == []


def test_without_pdftohtml_a_word_parted_after_its_tone_mark_is_one(tmp_path, monkeypatch):
    """No pdftohtml: the text layer alone parts a word after a tone mark placed over its letter
    ("Vĩ nh", "tỉ nh", "phí ."); the word's end (its last consonants, a stop or comma) is
    joined again. (A vowel after the mark, "đị a", may begin a word: left as read.)"""
    from plangen.word import sources

    pdf = _plan(tmp_path / "plan.pdf", "placed").save()
    raw = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Vi\u0303 nh" in raw and "phi\u0301 ." in raw  # the shape this is about
    which = shutil.which
    monkeypatch.setattr(sources.shutil, "which", lambda name: None if name == "pdftohtml" else which(name))
    text = "\n".join(p.text for p in sources.read_source(pdf).paragraphs)
    assert "Vĩnh Long, ngày 10" in text and "- UBND tỉnh;" in text and "tiết kiệm kinh phí." in text
    assert "kinh phí, cơ sở" in text and "Vĩ nh" not in text


def test_a_space_after_a_tone_mark_stays_before_a_word():
    """The space after a combining tone mark is taken out only before a syllable's end; before
    a word (one letter in capitals, a vowel, any syllable) it stays."""
    from plangen.word.textfile import _marks_joined

    def nfd(text: str) -> str:
        return msword_pdf.unikey_combining(text)

    assert _marks_joined(nfd("Vĩ nh Long, tỉ nh; kinh phí . VĨ NH")) == "Vĩnh Long, tỉnh; kinh phí. VĨNH"
    assert _marks_joined(unicodedata.normalize("NFD", "Kệ nh, ")) == "Kệnh, "  # every mark apart
    for kept in ("khu phố C", "xây dựng xã an toàn", "Kế hoạch", "phí nhà ở", "số ngày", "bộ m2", "đạt m²",
                 "Sở Tư pháp", "số c1"):
        assert _marks_joined(nfd(kept)) == kept


def test_a_bold_row_at_the_next_pages_top_does_not_go_on_the_row_before(tmp_path):
    """A table on the next page in the same columns, its heading row in bold and its first cell
    empty: not the rest of the row before (a row goes on in its cells' type)."""
    d = _plan(tmp_path / "plan.pdf", rows=6, merged=100)
    d.page()
    d.table([[Cell([[("", "b")]]), *[Cell([[(x, "b")]]) for x in ("Hội nghị bổ sung", "Bắt đầu", "Kết thúc",
                                                                    "Đơn vị chủ trì")]],
             *[[str(k), Cell([[(_task(k), "")]], align="left"), "1/9/2026", "2/9/2026", "Văn phòng Sở"]
               for k in (7, 8)]], [1.2, 6.5, 2.4, 2.4, 4])
    plan, _text, lost = _imported(d)
    rows = [row for t in _all_tables(plan) for row in _texts(t)]
    assert not any("Hội nghị bổ sung" in cell and "số 6" in cell for row in rows for cell in row)
    assert lost == []
