"""Recognise the parts of a plan in paragraphs as a reader sees them.

One recogniser serves `plangen check` (a Word file's `PlanView`) and `plangen import` (a plan made
from a Word, text or PDF file), so the two can never disagree on what a document holds. Its input
is a flat list of displayed paragraphs (`plangen.word.wordfile.Para`: from a .docx with its automatic
numbering labels computed, or from text with the formatting unknown); its output is a
`Recognised` document:

    header         Quốc hiệu, Tiêu ngữ, governing and issuing body lines, "Số:", place and date
    type name      KẾ HOẠCH, then the summary lines and an optional "(Kèm theo …)" line
    preamble       "Căn cứ …" bases and the opening paragraphs
    sections       I., II. … (or 1., 2. in a decimal outline), kinds recognised by meaning,
                   their content as a tree of items, points, bullets, paragraphs and tables
    closing        "Trên đây là Kế hoạch …"
    ending         "Nơi nhận:", recipients, "- Lưu: …", the signature lines and the signer
    appendices     after the signature: label, title lines, "(Kèm theo Kế hoạch …)", content
    task matrices  tables whose headings name a task column and an agency column: each
                   column's role by the words of its heading (`column_role`)

Every pattern here runs on bounded slices of the text and none nests unbounded repetition, so
that a hostile paragraph costs linear time.

Over 500 lines on purpose: the recogniser is one pass over the paragraphs whose stages (header,
body, ending, appendices) hand each other their position; split, each part would need the others'
state.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from plangen import vietnamese as vn
from plangen.word import party

if TYPE_CHECKING:  # recognising needs no Word reader: text files and YAML views use it too
    from plangen.word.wordfile import Para

TYPE_NAME = "KẾ HOẠCH"
HEAD = 300  # characters of a paragraph looked at when deciding what it is


# --- words and meanings --------------------------------------------------------------------

def fold(text: str) -> str:
    """Upper-case, single spaces: for comparing wordings."""
    return " ".join(unicodedata.normalize("NFC", text).upper().split())


def is_upper(text: str) -> bool:
    letters = [c for c in text[:HEAD] if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) >= 0.8


KIND_WORDS: dict[str, tuple[str, ...]] = {
    "purpose": ("MỤC ĐÍCH", "Ý NGHĨA"),
    "requirements": ("YÊU CẦU",),
    "objectives": ("MỤC TIÊU", "CHỈ TIÊU"),
    "theme": ("CHỦ ĐỀ", "KHẨU HIỆU"),
    "content": ("NỘI DUNG", "NHIỆM VỤ", "CÔNG TÁC TRỌNG TÂM", "GIẢI PHÁP", "BIỆN PHÁP",
                "HOẠT ĐỘNG", "TRỌNG TÂM", "PHƯƠNG PHÁP", "PHƯƠNG ÁN", "LỘ TRÌNH"),
    "assignments": ("PHÂN CÔNG", "TRÁCH NHIỆM", "GIAO NHIỆM VỤ"),
    "funding": ("KINH PHÍ", "NGUỒN LỰC", "TÀI CHÍNH", "DỰ TOÁN", "NGÂN SÁCH"),
    "implementation": ("TỔ CHỨC THỰC HIỆN", "TRIỂN KHAI THỰC HIỆN", "THỰC HIỆN KẾ HOẠCH"),
    "reporting": ("BÁO CÁO",),
}


def heading_kinds(title: str) -> set[str]:
    """Kinds a heading's wording names ({} when none): "NỘI DUNG TRỌNG TÂM VÀ PHÂN CÔNG TRÁCH
    NHIỆM" → {content, assignments}. "TỔ CHỨC THỰC HIỆN" is implementation, not content."""
    text = fold(title[:HEAD])
    if text.startswith(REVIEW_WORDS):  # "TÌNH HÌNH THỰC HIỆN NHIỆM VỤ …": what was done, not a part to do
        return set()
    kinds = _named_parts(text)
    # "PHÂN CÔNG NHIỆM VỤ", "GIAO NHIỆM VỤ": the tasks are the assignments', not a content part
    rest = text.replace("PHÂN CÔNG NHIỆM VỤ", "").replace("GIAO NHIỆM VỤ", "")
    if not any(w in rest for w in KIND_WORDS["content"]):
        kinds.discard("content")
    if "implementation" in kinds and "NHIỆM VỤ" not in text and "NỘI DUNG" not in text:
        kinds.discard("content")
    if "reporting" in kinds and len(kinds) > 1 and not text.startswith(("CHẾ ĐỘ BÁO CÁO", "BÁO CÁO")):
        kinds.discard("reporting")  # "… VÀ BÁO CÁO KẾT QUẢ" inside another heading
    return kinds


_COORDINATED = re.compile(r"\bVÀ\b|[,;–]|\s-\s")


def _named_parts(text: str) -> set[str]:
    """The kinds whose words a heading holds, each where it names a part: first, or joined to
    the part before by "VÀ", a comma or a dash. Words that only complete the part before do not
    name one ("CÁC GIẢI PHÁP TỔ CHỨC THỰC HIỆN KẾ HOẠCH TÀI CHÍNH" is a content part;
    "KINH PHÍ THỰC HIỆN KẾ HOẠCH", funding)."""
    found = []
    for kind, words in KIND_WORDS.items():
        for word in words:
            at = text.find(word)
            while at >= 0:
                found.append((at, at + len(word), kind))
                at = text.find(word, at + 1)
    kinds: set[str] = set()
    last = None
    for start, end, kind in sorted(found):
        if last is not None and start < last:
            continue  # inside the words just read
        if last is None or kind in kinds or _COORDINATED.search(text[last:start]):
            kinds.add(kind)
            last = end
    return kinds


REVIEW_WORDS = ("TÌNH HÌNH", "ĐÁNH GIÁ")
"""Openings of a heading that looks back ("TÌNH HÌNH THỰC HIỆN NHIỆM VỤ NĂM 2025"): none of the parts."""
LOGISTICS_WORDS = ("THÀNH PHẦN", "THỜI GIAN", "ĐỊA ĐIỂM")
"""Openings of an event plan's who-when-where part: no content part, wherever it stands."""


def kinds_of_heading(title: str) -> set[str]:
    return heading_kinds(title) or {"other"}


_AGENCY_WORDS = (
    r"Công an|Sở|Ủy ban|Uỷ ban|UBND|Phòng|Ban|Bộ|Cục|Chi cục|Vụ|Văn phòng|Viện|Tòa án|Toà án|Đài|Báo|Hội|"
    r"Mặt trận|Trung tâm|Liên đoàn|Đoàn|Thanh tra|Kho bạc|Ngân hàng|Bảo hiểm|Bộ Tư lệnh|Bộ Chỉ huy|"
    r"Cơ quan|Các (?:sở|phòng|cơ quan|đơn vị|địa phương|ban|ngành|Sở|Phòng|Ban)|Chủ tịch|Giám đốc|"
    r"Thủ trưởng|Trường|Tổng cục|Hội đồng|Tổ công tác|Đoàn kiểm tra|Quân sự|Bệnh viện|Cảnh sát|"
    r"Viện kiểm sát|Tỉnh đoàn|Thành đoàn|Đảng ủy|Đảng uỷ|Huyện đoàn|Liên minh|"
    r"Liên hiệp|Hiệp hội|Hợp tác xã|Công ty|Tổng công ty|"
    r"Cổng thông tin|Trạm|Bưu điện|Cục Thuế|Thuế|Hải quan|Biên phòng|"
    r"Chi bộ|Chi (?:ủy|uỷ)|Đảng bộ|Thường trực|(?:Tỉnh|Thành|Huyện|Quận|Thị) (?:ủy|uỷ)|"  # Party bodies
    r"Các (?:chi bộ|đảng bộ|đảng (?:ủy|uỷ)|(?:huyện|quận|thị|thành) (?:ủy|uỷ)|tổ chức (?:cơ sở )?[đĐ]ảng)")
AGENCY_START = re.compile(rf"^(?:Đề nghị\s+)?(?:{_AGENCY_WORDS})\b")
# an assignment written as a sentence: "Giao Sở …", "Phòng Kinh tế chủ trì …", "Đề nghị …"
ASSIGNING = re.compile(rf"^(?:Giao\s+(?:cho\s+)?(?:(?i:{_AGENCY_WORDS})|[A-ZĐ])|Đề nghị\s+\S)")
_LEADS = re.compile(r"\b(?:chủ trì|là cơ quan (?:thường trực|đầu mối|chủ trì)|có trách nhiệm|chịu trách nhiệm)\b")


_BODY = re.compile(rf"^(?:{_AGENCY_WORDS})\b", re.IGNORECASE)  # a header line naming a body


_GROUP = re.compile(
    r"^(?:Đề nghị\s+)?(?:[Cc]ác\s+(?:doanh nghiệp|cơ sở|trường|tổ chức|hội|chi hội|thôn|ấp|bản|khu phố|"
    r"tổ dân phố|đơn vị|cơ quan|cấp (?:ủy|uỷ)|địa phương|ngành|đoàn thể|lực lượng|hợp tác xã|hộ|cá nhân|"
    r"thành viên|nhà trường|chủ đầu tư|nhà mạng|viện|xã|phường|sở|ban|phòng|bộ|(?:ủy|uỷ) ban)|"
    r"Doanh nghiệp|Nhà trường|Hộ gia đình|Cá nhân|Người dân)\b")


def names_a_group(text: str) -> bool:
    """Does a name open with a noun of bodies or people that no office list holds ("Các doanh
    nghiệp công nghệ số", "Doanh nghiệp, cộng đồng, tổ chức, cá nhân")? Only beside agencies
    is it one of them."""
    return bool(_GROUP.match(text.strip()))


def names_an_agency(text: str) -> bool:
    """Does an item name an agency first (an assignment), as `2. Công an tỉnh`?"""
    return bool(AGENCY_START.match(text.strip()[:HEAD]))


def assigns_a_task(text: str) -> bool:
    """An item that gives a task to an agency in a sentence: "Giao phòng Quản lý công nghiệp chủ
    trì …", "Phòng Kinh tế chủ trì …", "Đề nghị …"."""
    head = text.strip()[:HEAD]
    return bool(ASSIGNING.match(head)) or (names_an_agency(head) and bool(_LEADS.search(head[:160])))


# what a body named first in a sentence is given to do: the name ends before it
_DUTY_VERB = (r"chủ trì|phối hợp|tham mưu|có trách nhiệm|chịu trách nhiệm|là cơ quan|là đơn vị|thực hiện|"
              r"xây dựng|tổ chức|triển khai|hướng dẫn|theo dõi|chủ động|tiến hành|rà soát|bố trí|báo cáo|"
              r"kiểm tra|đôn đốc|căn cứ|tập trung|quan tâm|tăng cường|đẩy mạnh|bảo đảm|đảm bảo|nghiên cứu|"
              r"cung cấp|chỉ đạo|giúp|hỗ trợ|chuẩn bị|quán triệt|lãnh đạo|phát huy|tích cực|kịp thời|"
              r"thường xuyên|nghiêm túc|sớm|trình|cập nhật|lồng ghép|tuyên truyền|phân công|cử|được|trực tiếp|"
              r"tổng hợp|ưu tiên|quản lý|sử dụng|lập|phê duyệt|ban hành|gửi|thẩm định|định kỳ|cụ thể hoá|"
              r"cụ thể hóa|vận động")
# a name of two words at least: "Các tổ chức cơ sở đảng …" is not "Các" before "tổ chức"
_NAME_THEN_DUTY = re.compile(rf"^(\S+\s.{{1,148}}?)(?:\s*\([^()]{{1,150}}\))?,?\s+(?:{_DUTY_VERB})\b")
# "Phòng Tổ chức đảng, đảng viên: chủ trì …": the body named before a colon, then what it does
_NAME_COLON = re.compile(rf"^([^:.;()]{{3,150}}):\s+(?:{_DUTY_VERB})\b")
_NAME_CUT = re.compile(r",\s+(?:trên|theo|căn cứ|trong|khi|sau|để|với|tùy|tuỳ|nhằm|qua)\b")
_GIVEN = re.compile(r"^(?:Giao\s+(?:cho\s+)?|Đề nghị\s+|Căn cứ[^,;]{0,200},\s*)")
_DONE_BY = re.compile(rf"\s[-–]\s+((?:{_AGENCY_WORDS})\b[^–;]{{1,150}}?)\s+(?:hỗ trợ\s+|phối hợp\s+)?thực hiện\.?$")


_NOT_A_NAME = re.compile(rf"(?:{_DUTY_VERB}|ban hành)\b", re.IGNORECASE)  # "Tổ chức các lớp …", "Ban hành …"


def sentence_agency(text: str) -> str | None:
    """The body a sentence gives work to, as it names it: first ("Sở Tư pháp tham mưu …",
    "Giao Công an tỉnh chủ trì …", "Đề nghị các chi bộ chuẩn bị …", "Căn cứ Kế hoạch, các sở,
    ngành có trách nhiệm …"), or last in a programme item ("… – Trường THPT X thực hiện.")."""
    head = " ".join(text.strip()[:HEAD].split())
    m = _GIVEN.match(head)
    rest = head[m.end():] if m else head
    if m and m.group(0).startswith("Căn cứ") and not rest[:1].islower():
        rest = ""  # "Căn cứ Kế hoạch …, Sở …": only a group named in lower case follows so
    if rest and (names_an_agency(rest) or names_a_group(rest) or (m is not None and rest[:1].isupper())):
        named = _NAME_COLON.match(rest)
        if named and not _NOT_A_NAME.match(named.group(1)):
            return named.group(1).strip()
        name = _NAME_THEN_DUTY.match(rest)
        if name:
            cut = _NAME_CUT.search(name.group(1))
            found = name.group(1)[:cut.start()] if cut else name.group(1)
            # "Chủ tịch UBND tỉnh giao Sở X …", "UBND tỉnh yêu cầu các cơ quan …": the second body
            found = re.split(r"\s(?:giao|yêu cầu|đề nghị)\s+(?:cho\s+)?", found)[-1].strip()
            if found and not re.search(r"[.;:]", found) and not _NOT_A_NAME.match(found):
                return found
    done = _DONE_BY.search(" ".join(text.split()))
    return done.group(1).strip() if done else None


# --- task matrices ---------------------------------------------------------------------------
# A table of tasks ("TT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực
# hiện | Sản phẩm | Ghi chú") is known by the words of its headings, compared without accents
# (Hoà and Hòa alike), in order: the first class a heading's words fall in is its role.
_ROLE_WORDS: tuple[tuple[str | None, re.Pattern[str]], ...] = (
    ("number", re.compile(r"^(?:s?tt|so tt|so thu tu)$")),
    ("cooperating", re.compile(r"\bphoi hop\b")),
    ("agency", re.compile(r"\bchu tri\b")),
    ("period", re.compile(r"\b(?:thoi gian|thoi han|tien do|hoan thanh|thoi diem|moc thoi gian)\b")),
    ("output", re.compile(r"\b(?:san pham|ket qua)\b")),
    ("note", re.compile(r"\bghi chu\b")),
    ("monitor", re.compile(r"\b(?:theo doi|don doc|giam sat)\b")),
    ("task", re.compile(r"\b(?:noi dung|nhiem vu|cong viec|hoat dong)\b")),
    # a body that does it: "Đơn vị thực hiện", "Trách nhiệm thực hiện", "Cơ quan"; not the one a
    # table is about ("Đơn vị được kiểm tra") nor a unit of measure ("Đơn vị tính")
    (None, re.compile(r"\bduoc\b|\bdon vi tinh\b")),
    ("agency", re.compile(r"\btrach nhiem\b|^(?:thuc hien|phu trach)$|"
                          r"^(?:cac )?(?:co quan|don vi|bo phan|nguoi|to chuc)\b")),
)


def column_role(heading: str) -> str | None:
    """The role of a table column by its heading's words: `task` (Nội dung, Nhiệm vụ, Công
    việc), `agency` (Chủ trì, Đơn vị thực hiện, Cơ quan), `cooperating` (Phối hợp), `monitor`
    (Theo dõi, đôn đốc, giám sát), `period`
    (Thời gian, Thời hạn, Tiến độ, Hoàn thành), `output` (Sản phẩm, Kết quả), `note` (Ghi chú),
    `number` (TT, STT); None for any other (Đối tượng, Kinh phí…)."""
    words = vn.fold(heading[:HEAD])
    if not words:
        return None
    for role, pattern in _ROLE_WORDS:
        if pattern.search(words):
            return role
    return None


def task_matrix_roles(headings: list[str]) -> list[str | None] | None:
    """The roles of a table's columns when its headings make it a task matrix (a task column and
    a column of the body that leads it, one of each at most); None for any other table (a
    budget, a schedule, a table of figures)."""
    roles = [column_role(h) for h in headings]
    if roles.count("task") != 1 or roles.count("agency") != 1:
        return None
    return roles


def matrix_agencies(cells: list[Para]) -> list[tuple[str, Para]]:
    """(text, first paragraph) of each cell of the agency column of a table, given as its
    paragraphs, when its first row's headings make it a task matrix: the bodies given its
    tasks (rows that do not fill the columns, group rows, and rows with no task are none)."""
    grid: dict[int, dict[int, list[Para]]] = {}
    for p in cells:
        grid.setdefault(p.row, {}).setdefault(p.column, []).append(p)
    rows = [[paras for _c, paras in sorted(row.items())] for _r, row in sorted(grid.items())]
    roles = task_matrix_roles(["\n".join(p.text for p in cell) for cell in rows[0]]) if rows else None
    if roles is None:
        return []
    at, task = roles.index("agency"), roles.index("task")
    out = []
    for row in rows[1:]:
        if len(row) != len(roles) or not any(p.text.strip() for p in row[task]):
            continue
        text = " ".join(" ".join(p.text for p in row[at]).split())
        if text:
            out.append((text, next(p for p in row[at] if p.text.strip())))
    return out


FUNDING_MENTION = re.compile(r"^\s*(?:\d{1,3}\.\s*|[-–]\s*)?Kinh phí\b", re.IGNORECASE)


# --- labels --------------------------------------------------------------------------------

SECTION_RE = re.compile(rf"^\s*({vn.ROMAN_LABEL})\s*[.)/]\s*(\S.*)$", re.DOTALL)
ITEM_RE = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3}){0,4})\s*[./)](?!\d)\s*(.*)$", re.DOTALL)
POINT_RE = re.compile(r"^\s*([a-zđ]{1,2}(?=\s*\))|[a-zđ](?=/\s))\s*[)/]\s*(.*)$", re.DOTALL)
BULLET_RE = re.compile(rf"^\s*([{vn.BULLET_MARKS}])\s+(.*)$", re.DOTALL)


def classify(text: str) -> tuple[str, str, str] | None:
    """(kind, label, rest) of a numbered line, or None for a plain paragraph."""
    m = SECTION_RE.match(text)
    if m and is_upper(m.group(2)[:80]):
        return "section", m.group(1), m.group(2)
    m = ITEM_RE.match(text)
    if m:
        return "item", m.group(1), m.group(2)
    m = POINT_RE.match(text)
    if m:
        return "point", m.group(1), m.group(2)
    m = BULLET_RE.match(text)
    if m:
        mark = "-" if m.group(1) in "-–" else m.group(1)
        return "bullet", mark, m.group(2)
    return None


# --- the recognised document ---------------------------------------------------------------

@dataclass
class Node:
    """A block of content: an item (1., 1.2.), a point (a)), a bullet (-, +), a paragraph or a
    table, with the blocks it contains."""

    kind: str  # "item", "point", "bullet", "paragraph", "table"
    label: str  # as displayed without its punctuation: "2", "1.2", "b", "-", "+"; "" for the others
    text: str  # the displayed text after the label
    para: Para | None = None
    children: list[Node] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)  # a table's cells, row by row
    cells: list[Para] = field(default_factory=list)  # a table's paragraphs

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Section:
    heading: Para
    label: str  # "II" or "2"
    title: str  # as written
    kinds: set[str]
    from_wording: bool  # the kinds come from the heading's words (not from its content alone)
    nodes: list[Node] = field(default_factory=list)
    paras: list[Para] = field(default_factory=list)  # every paragraph under the heading, in order

    def walk(self):
        for node in self.nodes:
            yield from node.walk()


@dataclass
class Appendix:
    label: Para | None  # "Phụ lục", "PHỤ LỤC I", "Phụ lục số 01"
    titles: list[Para] = field(default_factory=list)
    reference: Para | None = None  # "(Kèm theo Kế hoạch số … của …)"
    reference_lines: list[Para] = field(default_factory=list)  # the line, typed over several paragraphs
    nodes: list[Node] = field(default_factory=list)
    paras: list[Para] = field(default_factory=list)
    landscape: bool = False
    header: list[Para] = field(default_factory=list)  # a Party attachment's repeated header (bodies, *, title, date)
    mark: Para | None = None  # the "-----" under a Party attachment's title


@dataclass
class SignatureBlock:
    lines: list[tuple[str, Para]] = field(default_factory=list)
    signer: tuple[str, Para] | None = None
    after_name: list[tuple[str, Para]] = field(default_factory=list)


@dataclass
class Recognised:
    """A plan's parts, each with the paragraphs it was read from."""

    paragraphs: list[Para]
    national_title: Para | None = None
    motto: Para | None = None
    party_title: Para | None = None  # "ĐẢNG CỘNG SẢN VIỆT NAM" (a Party document, Hướng dẫn 36-HD/VPTW)
    star: Para | None = None  # the "*" under a Party body
    summary_mark: Para | None = None  # the "-----" typed under the summary
    governing: list[Para] = field(default_factory=list)
    issuer: list[Para] = field(default_factory=list)
    number: Para | None = None
    numbers: list[Para] = field(default_factory=list)  # every "Số:" line (a joint plan has one per body)
    date: Para | None = None
    header_other: list[Para] = field(default_factory=list)
    # text above the header's first line (a portal's record of the document, a converter's note):
    # a document begins with its header, so nothing there is part of the plan
    record: list[Para] = field(default_factory=list)
    type_name: Para | None = None
    summary: list[Para] = field(default_factory=list)
    decision_line: Para | None = None
    decision: list[Para] = field(default_factory=list)  # the decision published before the plan
    preamble: list[Para] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    numbering: str = "roman"
    label_mark: str = "."  # "-" for sections numbered "I-" (and items "1-"): the Party's older style
    closing: list[Para] = field(default_factory=list)
    recipients_heading: Para | None = None
    recipients: list[tuple[str, Para]] = field(default_factory=list)  # one per recipient, joined
    signature: list[tuple[str, Para]] = field(default_factory=list)  # the upper lines, one per line
    signer: tuple[str, Para] | None = None
    after_name: list[tuple[str, Para]] = field(default_factory=list)  # the signer's office, under the name
    partner_signatures: list[SignatureBlock] = field(default_factory=list)  # a joint plan's other blocks
    partner_issuers: list[tuple[list[Para], list[Para]]] = field(default_factory=list)  # (governing, issuer)
    ending_other: list[Para] = field(default_factory=list)  # in the ending, neither of the above
    appendices: list[Appendix] = field(default_factory=list)
    tables: dict[int, list[Para]] = field(default_factory=dict)  # every paragraph of each table

    @property
    def format(self) -> str:
        """"party" for a Party committee's document (its title or star, a symbol `Số 12-KH/ĐU`, or
        the header naming a Party body, even when typed with the state's Quốc hiệu), else "state"."""
        if self.party_title is not None or self.star is not None:
            return "party"
        if self.number is not None and party.number(self.number.text):
            return "party"
        return "party" if any(party.is_body(p.text) for p in self.governing + self.issuer) else "state"

    @property
    def body(self) -> list[Para]:
        """The content paragraphs: preamble, sections and closing."""
        out = list(self.preamble)
        for section in self.sections:
            out.append(section.heading)
            out += section.paras
        return out + self.closing


# --- recognising -----------------------------------------------------------------------------

def _text(p: Para) -> str:
    return p.text.strip()


def _is_type_name(p: Para) -> bool:
    folded = fold(p.text[:40])
    return folded == TYPE_NAME or (folded.startswith(TYPE_NAME) and len(folded) < 24
                                   and not folded.startswith("KẾ HOẠCH SỐ"))


YEAR = re.compile(r"(?<![\d/.-])(19[5-9]\d|20\d\d|21\d\d)(?![\d/])")


def plan_year(summary: str, issue_year: int | None) -> int | None:
    """The plan's year: the one its summary names ("… năm 2026"), unless that is a cited law's
    ("Luật … năm 2024"): with an issue year known, a summary year is taken only when it is that
    year or the next (plans are often issued late in the year before)."""
    years = [int(y) for y in YEAR.findall(summary[:2000])]
    if issue_year is None:
        return years[-1] if years else None
    fitting = [y for y in years if issue_year <= y <= issue_year + 1]
    return fitting[-1] if fitting else issue_year


def is_date_line(text: str) -> bool:
    """"Hà Nội, ngày 05 tháng 02 năm 2026", or the draft's blanks: linear, no backtracking."""
    folded = fold(text[:HEAD])
    if len(folded) > 160:
        return False
    day = folded.find("NGÀY")
    month = folded.find("THÁNG", day + 1) if day >= 0 else -1
    return day >= 0 and month > day and folded.find("NĂM", month + 1) > month


# a line typed of dashes under a header's body or the Tiêu ngữ (plain text): the line drawn there
_DRAWN_LINE = re.compile(r"^\s*[-–—_=]{3,}\s*$")


_NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
_MOTTO = "ĐỘC LẬP - TỰ DO - HẠNH PHÚC"


def _goes_on(part: Para | None, folded: str, whole: str) -> bool:
    """Is the line the rest of a header line wrapped in a narrow column (the Quốc hiệu, the Tiêu
    ngữ): what was read of it and this line still read as the start of the whole?"""
    if part is None:
        return False
    have = " ".join(fold(part.text).replace("HOÀ", "HÒA").replace("–", "-").split())
    line = " ".join(folded.replace("HOÀ", "HÒA").replace("–", "-").split())
    return have != whole and whole.startswith(f"{have} {line}")


def _header_part(r: Recognised, p: Para) -> None:
    folded = fold(p.text[:HEAD])
    if not folded or _DRAWN_LINE.match(folded):
        return
    if party.is_title(p.text):
        r.party_title = p
    elif party.is_star(p.text):
        r.star = p
    elif "CỘNG HÒA" in folded or "CỘNG HOÀ" in folded:
        r.national_title = p
    elif _goes_on(r.national_title, folded, _NATIONAL_TITLE):
        # the Quốc hiệu wrapped in a narrow column ("… XÃ HỘI CHỦ NGHĨA" ↵ "VIỆT NAM"): one line
        r.national_title = _pieces(r.national_title, [f"{r.national_title.text.strip()} {p.text.strip()}"])[0]
    elif _goes_on(r.motto, folded, _MOTTO):  # "Độc lập - Tự do - Hạnh" ↵ "phúc"
        r.motto = _pieces(r.motto, [f"{r.motto.text.strip()} {p.text.strip()}"])[0]
    elif folded.startswith("ĐỘC LẬP") or "TỰ DO - HẠNH PHÚC" in folded.replace("–", "-"):
        r.motto = p
    elif re.match(r"^SỐ\s*:", folded) or party.number(p.text):
        r.number = r.number or p
        r.numbers.append(p)
    elif is_date_line(p.text):
        r.date = p
    elif is_upper(p.text) and len(folded) < 120:
        r.issuer.append(p)
    elif not _header_begun(r):
        r.record.append(p)
    else:
        r.header_other.append(p)


def _header_begun(r: Recognised) -> bool:
    """Whether a line of the header proper (a body, a title, the number or the date) was read."""
    return bool(r.issuer or r.numbers or r.date) or any(
        x is not None for x in (r.party_title, r.star, r.national_title, r.motto))


def _split_bodies(r: Recognised) -> None:
    """A joint plan's header holds several bodies, each a regular governing line over bold issuer
    lines, and as many "Số:" lines: the first body is the lead, the others its partners."""
    lines = r.issuer
    if len(r.numbers) < 2:
        _split_governing(r)
        return
    groups: list[list[Para]] = []
    if all(p.formatted for p in lines):
        for p in lines:
            if not groups or (not p.bold and groups[-1][-1].bold):
                groups.append([])
            groups[-1].append(p)
    else:  # their weight unknown (a PDF, a text): as many lines to each body, or a governing line
        # over its name for some of them
        size = len(lines) // len(r.numbers) if len(lines) % len(r.numbers) == 0 else 0
        k = 0
        while k < len(lines):
            pair = size == 2 or (not size and k + 1 < len(lines)
                                 and _governs(fold(lines[k].text), fold(lines[k + 1].text)))
            groups.append(lines[k:k + 2] if pair else lines[k:k + 1])
            k += 2 if pair else 1
        if len(groups) == len(r.numbers) and size <= 2:
            bodies = [(g[:1], g[1:]) if len(g) == 2 and not fold(g[1].text).startswith(_PLACES) else ([], g)
                      for g in groups]
            (r.governing, r.issuer), r.partner_issuers = bodies[0], bodies[1:]
            return
        _split_governing(r)
        return
    if len(groups) != len(r.numbers):
        _split_governing(r)
        return
    bodies = []
    for group in groups:
        cut = next((i for i, p in enumerate(group) if p.bold), 0)
        bodies.append((group[:cut], group[cut:]))
    (r.governing, r.issuer), r.partner_issuers = bodies[0], bodies[1:]


def _split_governing(r: Recognised) -> None:
    """Separate the governing body's line (regular) from the issuing body's (bold)."""
    lines = r.issuer
    if len(lines) < 2:
        return
    formatted = all(p.formatted for p in lines)
    if formatted and not lines[0].bold and any(p.bold for p in lines[1:]):
        cut = next(i for i, p in enumerate(lines) if p.bold)
    elif not formatted or all(p.bold for p in lines) or not any(p.bold for p in lines):
        # the weight tells nothing (a PDF, a text, a Word header typed without bold): the names do
        cut = 1 if _governs(fold(lines[0].text), fold(lines[1].text)) else 0
    else:
        cut = 0
    if cut == 0:  # lines of one paragraph, or of a PDF: their weight is unknown
        cut = _party_cut(lines)
    r.governing, r.issuer = lines[:cut], lines[cut:]


def _governs(first: str, below: str) -> bool:
    """Is the header line `first` (folded) the governing body of the line `below` it? "UBND TỈNH …"
    above "SỞ …"; "BỘ …" above "CỤC …"; "ỦY BAN NHÂN DÂN TỈNH …" above a body; a body's full name
    above another body's ("SỞ GDĐT TỈNH …" over "TRƯỜNG THPT …"); never a body over its place
    ("ỦY BAN NHÂN DÂN" over "TỈNH …")."""
    governing = (first.startswith("UBND ") or (first.startswith(("ỦY BAN NHÂN DÂN ", "UỶ BAN NHÂN DÂN "))
                                                and len(first) > len("ỦY BAN NHÂN DÂN ")))
    governing |= first.startswith("BỘ ") and below.startswith(("CỤC ", "VỤ ", "TỔNG CỤC", "VIỆN "))
    governing |= bool(_BODY.match(first)) and bool(_BODY.match(below)) and len(first.split()) > 2
    return governing and not below.startswith(_PLACES)


_PLACES = ("TỈNH ", "THÀNH PHỐ ", "XÃ ", "PHƯỜNG ", "HUYỆN ", "QUẬN ", "THỊ XÃ ", "ĐẶC KHU ")
"""Openings of the second line of a body's name ("ỦY BAN NHÂN DÂN" ↵ "TỈNH …"): no body of its own."""


def _party_cut(lines: list[Para]) -> int:
    """Where a Party body's lines begin under its superior's: "ĐẢNG BỘ TỈNH …" over "ĐẢNG UỶ XÃ
    …", "TỈNH UỶ …" over "BAN TUYÊN GIÁO" (36-HD/VPTW, 1.2: the superior is named, not bold, above
    the body), the superior's name wrapped in a narrow column ("ĐẢNG BỘ THÀNH PHỐ HỒ" ↵ "CHÍ MINH")
    going on until the line that names a body; 0 when the first line names no superior."""
    if not party.is_superior(fold(lines[0].text)):
        return 0
    return next((k for k in range(1, len(lines)) if _opens_party_body(fold(lines[k].text))), 0)


def _opens_party_body(line: str) -> bool:
    """A header line (folded) that begins a Party body's name: a committee, a chi bộ, a board."""
    return party.is_body(line) or line.startswith(
        ("BAN ", "VĂN PHÒNG ", "ỦY BAN KIỂM TRA", "UỶ BAN KIỂM TRA", "TRƯỜNG CHÍNH TRỊ"))


_SUMMARY_STOP = re.compile(r"^(?:\(|Căn cứ\b)")
_ABOUT = re.compile(r"^V/V\b", re.IGNORECASE)  # "V/V …" (về việc) opens a summary, it is no section V


def is_document_line(text: str) -> bool:
    """"(Kèm theo Quyết định số …)", "(Thực hiện Nghị quyết số …)": a bracketed line under the
    summary naming the document the plan goes with."""
    text = text.strip()
    return text.startswith("(") and text.endswith(")") and " số" in text[:200]


def _summary(r: Recognised, rest: list[Para]) -> int:
    """Take the summary lines after the type name; return where the body starts."""
    i = 0
    # a Word file whose title is neither bold nor centred (typed, or pasted, without formatting) says
    # nothing by its look: its summary is told by its words, as a text's is
    looked = r.type_name is None or not r.type_name.formatted or r.type_name.bold or r.type_name.align == "center"
    while i < len(rest) and i < 6:
        p = rest[i]
        text = _text(p)
        if _SUMMARY_STOP.match(text) or (_section_heading(p) and not _ABOUT.match(text)) or _is_rule(p) \
                or party.is_mark(text):
            break
        if p.formatted and looked:
            # in a Word file the summary is centred (and bold); the body is justified or indented
            if p.align not in ("center", None) or (p.first_indent_cm or 0) > 0.5 or (
                    not p.bold and p.align != "center"):
                break
            if p.style and "Preamble" in p.style:
                break
        elif (i > 0 and (len(text) > 180 or text.endswith((":", ";")) or classify(text)
                         or (is_upper(_text(rest[0])) and not is_upper(text)))) or len(text) > 400:
            break  # a summary in capitals goes on in capitals
        if p.in_table:
            break
        r.summary.append(p)
        i += 1
        if "\n" in text and party.is_mark(text.rsplit("\n", 1)[-1]):
            break  # its own mark under it, read into its paragraph (a PDF's line under a bold line)
    if i < len(rest) and is_document_line(_text(rest[i])):
        r.decision_line = rest[i]
        i += 1
    if i < len(rest) and party.is_mark(_text(rest[i])):  # "-----" typed under the summary
        r.summary_mark = rest[i]
        i += 1
    return i


def _is_rule(p: Para) -> bool:
    return not p.text.strip()


_ROMAN_LINE = re.compile(rf"^\s*({vn.ROMAN_LABEL})\s*[.)/]\s+(\S.*)$", re.DOTALL)


def _section_heading(p: Para) -> tuple[str, str] | None:
    """(label, title) of a Roman section heading: in capitals, or in sentence case when it is
    bold or names a part of a plan ("I. Mục đích, yêu cầu")."""
    text = _text(p)
    if len(text) >= 250:
        return None
    m = SECTION_RE.match(text[:HEAD])
    if m and is_upper(m.group(2)[:80]):
        return m.group(1), m.group(2).strip()
    m = _ROMAN_LINE.match(text)
    if m and not m.group(2).rstrip().endswith((".", ";")) and (
            (p.formatted and p.bold) or heading_kinds(m.group(2))):
        return m.group(1), m.group(2).strip()
    return None


def _is_authority(text: str) -> bool:
    head = text.strip()[:80]
    return bool(re.match(r"^(?:TM|KT|TL|TUQ|Q|T/M)\.\s*\S", head) or party.is_authority(head)) and is_upper(head)


def _is_recipients_heading(text: str) -> bool:
    return fold(text[:30]).startswith("NƠI NHẬN")


_APPENDIX = re.compile(r"^(?:PHỤ LỤC|PHỤ BIỂU)(?:\s+(?:SỐ\s*)?[\dIVXLC]{1,6}\b)?")


def _is_appendix_label(p: Para) -> bool:
    """"Phụ lục", "PHỤ LỤC I", "Phụ lục số 01", "PHỤ LỤC II: DANH MỤC …" standing as a label."""
    text = p.text.strip()
    if p.in_table or len(text) > 200:
        return False
    folded = fold(text[:60])
    m = _APPENDIX.match(folded)
    if not m:
        return False
    return m.end() >= len(fold(text)) or is_upper(text) or (p.formatted and p.align == "center")


def _ending_start(body: list[Para]) -> int:
    for j, p in enumerate(body):
        text = _text(p)
        if _is_recipients_heading(text) or _is_authority(text):
            return j
    return len(body)


def _appendix_start(paras: list[Para], start: int) -> int:
    """The first paragraph of the appendices, after the signature."""
    signature_section = paras[start].page_section if start < len(paras) else 0
    for j in range(start, len(paras)):
        p = paras[j]
        if _is_appendix_label(p):
            return j
        if p.formatted and p.page_section > signature_section and not p.in_table:
            return j
        if is_appendix_reference(p):
            return _titled_from(paras, j, start)
    return len(paras)


def is_appendix_reference(p: Para) -> bool:
    """"(Kèm theo Kế hoạch số … của …)", "(Ban hành kèm theo …)": the line under an appendix's
    title that ties it to the plan."""
    text = _text(p)
    return not p.in_table and text.startswith("(") and "kèm theo" in text[:30].lower() and len(text) < 400


def _titled_from(paras: list[Para], reference: int, floor: int) -> int:
    """Where the part that a "(Kèm theo …)" line belongs to starts: at its label and title lines
    just above it (up to three short lines, not in a table, none the signer's)."""
    at = reference
    while at - 1 >= floor and reference - at < 3:
        p = paras[at - 1]
        text = _text(p)
        if p.in_table or len(text) >= 200 or _looks_like_name(text) or _is_authority(text) \
                or _is_recipients_heading(text) or is_appendix_reference(p):
            break
        at -= 1
    return at


_COLUMNS = re.compile(r"\t+|\s{4,}")


def _pieces(p: Para, parts: list[str]) -> list[Para]:
    """Paragraphs standing for the parts of one (same place, their own text), each with the look
    of its own runs when the paragraph has them: "ĐẢNG BỘ TỈNH …⇥ĐẢNG CỘNG SẢN VIỆT NAM" typed on
    tab stops holds a regular 14 pt body and a bold 15 pt title in one paragraph."""
    from dataclasses import replace

    chars = [(c, run) for run in p.runs for c in run.text]
    typed = "".join(c for c, _run in chars)
    out, cursor = [], 0
    for part in (x for x in parts if x.strip()):
        looks: dict[str, Any] = {}
        at = typed.find(part.strip(), cursor) if chars else -1
        if at >= 0:
            cursor = at + len(part.strip())
            mine = [run for c, run in chars[at:cursor] if not c.isspace()]
            if mine:
                half = len(mine) / 2
                looks = {"bold": sum(r.bold for r in mine) > half, "italic": sum(r.italic for r in mine) > half}
                sizes = [r.size for r in mine if r.size is not None]
                if sizes:
                    looks["size"] = max(set(sizes), key=sizes.count)
        out.append(replace(p, text=part, label="", runs=(), **looks))
    return out


# a draft's blanks, not a gap between columns: "Số      -KH/ĐU", "Số:      /KH-UBND", "ngày      tháng"
_BLANK_BEFORE = re.compile(r"(?:^Số\s*:?|\bngày|\btháng)$", re.IGNORECASE)
_BLANK_AFTER = re.compile(r"^(?:[-/]\s*[A-ZĐ]|tháng\b|năm\b)", re.IGNORECASE)


def _column_parts(text: str) -> list[str]:
    """The parts of a line split at its wide gaps, but for the gaps a draft leaves for a number or
    a day (the words on each side belong to one line)."""
    parts: list[str] = []
    for part in (x.strip() for x in _COLUMNS.split(text) if x.strip()):
        if parts and _BLANK_BEFORE.search(parts[-1]) and _BLANK_AFTER.match(part):
            parts[-1] = f"{parts[-1]} {part}"
        else:
            parts.append(part)
    return parts


def _columns(paras: list[Para]) -> list[Para]:
    """Lines typed in two columns with tabs or spaces ("ỦY BAN NHÂN DÂN⇥CỘNG HÒA …",
    "Nơi nhận:⇥TM. ỦY BAN NHÂN DÂN") read as a reader reads a two-column table: the left
    column first, then the right."""
    left: list[Para] = []
    right: list[Para] = []
    for p in paras:
        parts = _column_parts(p.text.strip()[:HEAD * 4])
        if len(parts) >= 2 and not p.in_table and len(p.text) < HEAD:
            left += _pieces(p, parts[:1])
            right += _pieces(p, [" ".join(parts[1:])])
        elif right and not p.in_table and not p.text.lstrip().startswith(("-", "–", "+")) \
                and not p.text.lstrip()[:1].islower():
            right.append(p)  # under a two-column block, a line of its own (the signer's name) is the right one
        else:
            left.append(p)
    return left + right


def _lines_of(paras: list[Para]) -> list[Para]:
    """Header paragraphs with line breaks ("CỘNG HÒA …" ↵ "Độc lập - Tự do - Hạnh phúc" in one),
    one line each: each line is a part of its own."""
    out = []
    for p in paras:
        lines = [x for x in p.text.split("\n") if x.strip()]
        out += _pieces(p, lines) if len(lines) > 1 else [p]
    return out


def _title_joined(paras: list[Para]) -> list[Para]:
    """The header's lines with the Party's title, wrapped in its column ("ĐẢNG CỘNG SẢN VIỆT" ↵
    "NAM"), one line again."""
    out: list[Para] = []
    for p in paras:
        if out and party.wrapped_title(out[-1].text.strip(), p.text.strip()):
            out[-1] = _pieces(out[-1], [f"{out[-1].text.strip()} {p.text.strip()}"])[0]
            continue
        out.append(p)
    return out


def _type_name_with_summary(paras: list[Para]) -> list[Para]:
    """"KẾ HOẠCH" and its summary typed in one paragraph with line breaks: split them."""
    out = []
    for p in paras:
        lines = p.text.strip().split("\n")
        if len(lines) > 1 and fold(lines[0]) == TYPE_NAME:
            out += _pieces(p, [lines[0], *lines[1:]])
        else:
            out.append(p)
    return out


def recognise(paragraphs: list[Para]) -> Recognised:
    """The parts of a plan in displayed paragraphs (empty ones are spacing, and skipped)."""
    r = Recognised(paragraphs)
    for p in paragraphs:
        if p.table:
            r.tables.setdefault(p.table, []).append(p)
    paras = _type_name_with_summary([p for p in paragraphs if p.text.strip()])
    type_at = next((i for i, p in enumerate(paras[:400]) if _is_type_name(p)), None)
    if type_at is not None:
        decision_at = _decision_at(paras, type_at)
        if decision_at is not None:
            r.decision = paras[decision_at:type_at]
        for p in _title_joined(_columns(_lines_of(paras[:type_at if decision_at is None else decision_at]))):
            _header_part(r, p)
        _split_bodies(r)
        r.type_name = paras[type_at]
        rest = paras[type_at + 1:]
        rest = rest[_summary(r, rest):]
    else:
        rest = paras
    end = _ending_start(rest)
    if end == len(rest):  # no ending (a plan issued with a decision): appendices follow the body
        end = next((j for j, p in enumerate(rest) if j >= 3 and _is_appendix_label(p)), end)
    appendix_at = _appendix_start(rest, end)
    if r.format == "party":  # an attachment that repeats the Party header begins where it does
        attached = party.attachment_start([p.text for p in rest[:appendix_at]], end)
        appendix_at = attached if attached is not None else appendix_at
    _body(r, rest[:end])
    region = rest[end:appendix_at]
    cut = _signer_cut(region)
    ordered = _signature_apart(_columns(region[:cut])) + region[cut:]
    used = _ending(r, ordered)
    consumed = {p.index for p in ordered[:used]}
    # a line split in columns whose other part was not understood: kept, among the ending's
    r.ending_other += [p for p in ordered[used:] if p.index in consumed]
    _appendices(r, [p for p in region if p.index not in consumed] + rest[appendix_at:])
    return r


DECISION_NAME = "QUYẾT ĐỊNH"


def _decision_at(paras: list[Para], type_at: int) -> int | None:
    """A plan published with the decision that issues it: the decision's type name "QUYẾT ĐỊNH"
    stands under the header, and its ending (recipients, signature) before the plan's type name.
    Where the decision starts, or None."""
    at = next((i for i, p in enumerate(paras[:type_at]) if not p.in_table and fold(p.text[:40]) == DECISION_NAME),
              None)
    if at is None:
        return None
    ended = any(_is_recipients_heading(_text(p)) or _is_authority(_text(p)) for p in paras[at + 1:type_at])
    return at if ended else None


# --- body ----------------------------------------------------------------------------------

def _decimal_heading(p: Para) -> tuple[str, str] | None:
    """A top-level heading of a decimal outline: "1. Mục đích, yêu cầu" (short, no full stop),
    in capitals or bold or named by meaning."""
    text = _text(p)
    m = ITEM_RE.match(text[:HEAD])
    if not m or "." in m.group(1) or len(text) > 160:
        return None
    title = m.group(2).strip()
    if not title or title.endswith((".", ";")):
        return None
    looks = is_upper(title) or (p.formatted and p.bold) or bool(heading_kinds(title))
    return (m.group(1), title) if looks else None


_LETTER_HEADING = re.compile(r"^\s*([A-Z])\s*[.)/]\s+(\S.*)$", re.DOTALL)


def _letter_sections(body: list[Para]) -> dict[int, tuple[str, str]]:
    """Top-level parts lettered A., B., C. … in capitals (some offices letter a plan's parts; the
    decree numbers them I, II, III): in sequence from A, at least A and B."""
    found = {}
    expected = "A"
    for i, p in enumerate(body):
        text = _text(p)
        m = _LETTER_HEADING.match(text[:HEAD])
        if not m or m.group(1) != expected or len(text) >= 250 or p.in_table:
            continue
        title = m.group(2).strip()
        looks = is_upper(title[:80]) or (p.formatted and p.bold and heading_kinds(title))
        if title.endswith((".", ";")) or not looks:
            continue
        found[i] = (m.group(1), title)
        expected = chr(ord(expected) + 1)
    return found if len(found) >= 2 else {}


def _body(r: Recognised, body: list[Para]) -> None:
    # a line inside a table cell ("I. Nhóm nhiệm vụ …" of a task matrix) is never a section heading
    roman = [i for i, p in enumerate(body) if not p.in_table and _section_heading(p)]
    starts = {i: _section_heading(body[i]) for i in roman}
    run_on: dict[int, str] = {}
    if r.format == "party":
        if not starts:  # the Party's older style: "I- MỤC ĐÍCH, YÊU CẦU"
            starts = {i: h for i, p in enumerate(body) if not p.in_table and (h := _dash_heading(p))}
            r.label_mark = "-" if starts else "."
        if starts:
            run_on = _party_sections(body, starts)
    letters = _letter_sections(body)
    if letters and (not starts or starts[min(starts)][0] != "I"):  # "C." and "D." are letters here
        starts = letters
        r.numbering = "letter"
    elif not starts:
        starts = _decimal_sections(body)
        if starts:
            r.numbering = "decimal"
    first = min(starts) if starts else len(body)
    r.preamble = body[:first]
    bounds = [*sorted(starts), len(body)]
    for k, at in enumerate(bounds[:-1]):
        label, title = starts[at]
        kinds = heading_kinds(title)
        section = Section(body[at], label, title, kinds or {"other"}, bool(kinds))
        section.paras = body[at + 1:bounds[k + 1]]
        if at in run_on:  # "II. Nội dung làm việc: Tình hình …": the text after the heading opens it
            section.paras = [*_pieces(body[at], [run_on[at]]), *section.paras]
        r.sections.append(section)
    if r.sections:
        last = r.sections[-1]
        closing_at = next((i for i, p in enumerate(last.paras)
                           if (p.style == "Plan Closing") or _text(p).startswith("Trên đây là")), None)
        if closing_at is not None and not classify(_text(last.paras[closing_at])):
            r.closing = last.paras[closing_at:]
            last.paras = last.paras[:closing_at]
    for section in r.sections:
        section.nodes = outline(section.paras, section.label if r.numbering == "decimal" else "", r.tables,
                                r.format == "party")
        _kinds_from_content(section, r.format == "party")
    _kinds_in_plan(r.sections, r.format == "party")


def _roman_value(label: str) -> int | None:
    return vn.roman_value(label, 399)


_DASH_ROMAN = re.compile(rf"^\s*({vn.ROMAN_LABEL})\s*-\s+(\S.*)$", re.DOTALL)


def _dash_heading(p: Para) -> tuple[str, str] | None:
    """"I- MỤC ĐÍCH, YÊU CẦU": a section heading numbered with a hyphen, as older Party documents
    (and the guide itself: "I- HƯỚNG DẪN CHUNG") write them."""
    text = _text(p)
    m = _DASH_ROMAN.match(text[:HEAD])
    if not m or len(text) >= 250 or _roman_value(m.group(1)) is None:
        return None
    title = m.group(2).strip()
    return (m.group(1), title) if is_upper(title[:80]) or heading_kinds(title) else None


def _party_sections(body: list[Para], starts: dict[int, tuple[str, str]]) -> dict[int, str]:
    """Party plans often write their sections in sentence case ("II. Thành phần, thời gian …:"),
    and a heading may run on into its text ("II. Nội dung làm việc: Tình hình …"). Between the
    headings found, a Roman line whose numeral is the next one, or repeats the last one, is a
    heading too: added to `starts`; returns the run-on text of each such heading."""
    run_on: dict[int, str] = {}
    last = 0
    for i, p in enumerate(body):
        if i in starts:
            last = _roman_value(starts[i][0]) or last
            continue
        if p.in_table:
            continue
        m = _ROMAN_LINE.match(_text(p)[:HEAD * 4])
        value = (_roman_value(m.group(1)) or 0) if m else 0
        if not last or value not in (last, last + 1):
            continue
        head, colon, rest = m.group(2).partition(":")
        if (not colon and len(m.group(2)) > 160) or len(head) > 160:
            continue
        starts[i] = (m.group(1), f"{head.strip()}:" if colon else m.group(2).strip())
        if rest.strip():
            run_on[i] = rest.strip()
        last = value
    return run_on


def _decimal_sections(body: list[Para]) -> dict[int, tuple[str, str]]:
    """Top-level headings of a decimal outline ("1. Mục đích, yêu cầu", "2. Nội dung" …, in
    sequence): when the plan has sub-items 1.1., 1.2., or when its headings name a plan's parts."""
    has_sub = any(re.match(r"^\s*\d{1,3}\.\d{1,3}\.?\s", _text(p)[:20]) for p in body)
    found = {}
    expected = 1
    for i, p in enumerate(body):
        heading = _decimal_heading(p) if not p.in_table else None
        if heading and int(heading[0]) == expected:
            found[i] = heading
            expected += 1
    named = sum(1 for label, title in found.values() if heading_kinds(title))
    return found if len(found) >= 2 and (has_sub or named >= 2) else {}


_PARTY_ASKING = re.compile(r"^Căn cứ[^,;]{0,80},\s*(?:giao|đề\s*nghị)\s*\S", re.IGNORECASE)
_PARTY_LEADS = re.compile(r"tham mưu|chuẩn bị|căn cứ\s*[Kk]ế hoạch")


def _party_assigns(text: str) -> bool:
    """Party plans give tasks in sentences: "Căn cứ Kế hoạch này, đề nghị các chi bộ chuẩn bị …",
    "Văn phòng Đảng uỷ căn cứ Kế hoạch này, tham mưu …", "Các chi bộ tuyên truyền, vận động …"
    (a body named first, then what it does; PDF text may lose the spaces)."""
    head = text.strip()[:HEAD]
    return bool(_PARTY_ASKING.match(head)) or (names_an_agency(head) and (
        bool(_PARTY_LEADS.search(head[:160])) or sentence_agency(head) is not None))


def _kinds_from_content(section: Section, party_format: bool = False) -> None:
    """A section whose items name agencies assigns tasks, whatever its heading says; but the
    funding part, whose items say who pays, stays funding. Party plans give tasks in sentences."""
    top = [n for n in section.nodes if n.kind == "item"]
    agencies = [n for n in top if _assigning(n) or (party_format and _party_assigns(n.text))]
    if (len(agencies) >= 2 or (top and len(agencies) == len(top))) and not (
            section.from_wording and "funding" in section.kinds):
        section.kinds.add("assignments")
        section.kinds.discard("other")
    elif section.kinds == {"other"} and any(not is_agency_heading(n) for n in agencies):
        # work given to a body in a sentence, beside the plan's content; a lone title naming a
        # group ("6. Các ngành, lĩnh vực khác") among titles of topics is a topic, not a body
        section.kinds = {"assignments", "content"}
    # a part of its own inside another: "III. TỔ CHỨC THỰC HIỆN" with "2. Kinh phí thực hiện"
    if any(fold(n.text).startswith(("KINH PHÍ", "NGUỒN KINH PHÍ", "DỰ TOÁN KINH PHÍ"))
           for n in top if n.children and _is_title(n.text)):
        section.kinds.add("funding")
        section.kinds.discard("other")


def _is_title(text: str) -> bool:
    """A short line that names something rather than says it (no sentence in it)."""
    text = text.strip()
    return len(text) < 100 and not text.endswith((".", ";")) and not re.search(r"[.;]\s", text)


def _assigning(node: Node) -> bool:
    return bool(is_agency_heading(node) or inline_agency(node) or assigns_a_task(node.text))


def label_colon(node: Node) -> int | None:
    """Where the task starts after a bold label ending with ":" ("**14. Doanh nghiệp, cộng đồng:**
    Quan tâm …"), as text and Markdown sources mark it: the name is short, with no sentence. A
    source that shows no bold at all (text from a PDF) marks it by the task going on in lower
    case after the colon ("3. Trưởng các ấp: tuyên truyền …")."""
    p = node.para
    runs = p.runs if p is not None else ()
    lead = runs[0].text.rstrip() if runs and runs[0].bold else ""
    colon = node.text.find(":", 0, 200)
    if colon < 0 or not node.text[colon + 1:].strip():
        return None
    unmarked = p is not None and not p.formatted and not any(r.bold for r in runs)
    if not (lead.endswith(":") or (unmarked and node.text[colon + 1:].strip()[:1].islower())):
        return None
    name = node.text[:colon]
    return colon if name.strip() and not re.search(r"[.;]", name) and len(name) <= 160 else None


def labelled_duties(nodes: list[Node]) -> bool:
    """Does every numbered item of a list open with a bold label and a colon, its task in plain
    type after it ("**1. Tổng phụ trách Đội:** xây dựng …", "**2. Kế toán:** bảo đảm …")? Read
    in the implementation part, the list gives work to whom the labels name, whatever the
    nouns (roles, groups, bodies no office list holds): a reader sees who by the look."""
    items = [n for n in nodes if n.kind == "item" and n.text.strip()]
    return len(items) >= 2 and all(label_colon(n) is not None and (
        not n.para.runs or any(not r.bold for r in n.para.runs if r.text.strip())) for n in items)


_FUNDING_TITLE = re.compile(r"\bkinh phí\b", re.IGNORECASE)


def _kinds_in_plan(sections: list[Section], party_format: bool = False) -> None:
    """Kinds that the plan as a whole decides. A section whose heading names no part, standing
    after the purpose or objectives and before the funding, implementation or reports, is the
    content ("III. LỘ TRÌNH THỰC HIỆN"; not the first section, nor an event's who-when-where
    part). With no section assigning, the implementation part that gives work to an agency in
    one item assigns. With no funding section, the part with an item titled on the funding
    ("6. Bảo đảm kinh phí") covers the funding."""
    opening = {"purpose", "requirements", "objectives", "theme"}
    closing = {"funding", "implementation", "reporting", "assignments"}
    for k, section in enumerate(sections):
        if section.kinds != {"other"} or k == 0 or fold(section.title).startswith(LOGISTICS_WORDS + REVIEW_WORDS):
            continue
        if any(s.kinds & opening for s in sections[:k]) and any(s.kinds & closing for s in sections[k + 1:]):
            section.kinds = {"content"}
    if not any("assignments" in s.kinds for s in sections):
        for section in sections:
            if "implementation" in section.kinds and (
                    any(_assigning(n) or (party_format and _party_assigns(n.text)) for n in section.nodes
                        if n.kind == "item") or labelled_duties(section.nodes)):
                section.kinds.add("assignments")
    if not any("funding" in s.kinds for s in sections):
        for section in sections:
            if section.kinds != {"other"} and any(
                    n.kind == "item" and len(n.text) < 80 and _FUNDING_TITLE.search(n.text)
                    and not n.text.rstrip().endswith((".", ";")) for n in section.nodes):
                section.kinds.add("funding")


def is_agency_heading(node: Node) -> bool:
    """"1. Công an tỉnh" with its tasks below (bullets or paragraphs)."""
    return names_an_agency(node.text.strip()) and is_name_heading(node)


def is_name_heading(node: Node) -> bool:
    """A heading that names something, with its content below: no sentence in it."""
    text = node.text.strip()
    if len(text) > 200 or not node.children:
        return False
    # a name, or names joined by ";", not a sentence ("1. Sở Y tế chủ trì. Các sở …")
    return not text.rstrip(":.").endswith((";", ",")) and not re.search(r"\.\s+\S", text[:200])


def inline_agency(node: Node) -> int | None:
    """Where the task starts in "2. Sở Y tế: Chủ trì …" (the colon after an agency), or None."""
    text = node.text
    if not names_an_agency(text):
        return None
    colon = text.find(":", 0, 200)
    if colon < 0 or colon + 1 >= len(text):
        return None
    name = text[:colon]
    if re.search(r"[.;]", name) or len(name) > 160:
        return None
    return colon


_DASH_ITEM = re.compile(r"^\s*(\d{1,2})\s*-\s+([A-ZĐÀ-Ỹ].*)$", re.DOTALL)
"""A Party plan's item numbered with a hyphen ("1- Ban Tổ chức Tỉnh uỷ: …", the ladder I-, 1-, a)
of the guide's own text); only in a Party plan, where "2 - 3 buổi" does not open a line."""


def outline(paras: list[Para], decimal_prefix: str = "", tables: dict[int, list[Para]] | None = None,
            party_format: bool = False) -> list[Node]:
    """The tree of items, points, bullets, paragraphs and tables in a run of paragraphs;
    `tables` holds every paragraph of each table, empty cells included."""
    nodes: list[Node] = []
    stack: list[tuple[int, Node]] = []  # (level, node) of open containers

    def place(node: Node, level: int | None) -> None:
        if level is None:  # a paragraph: inside the innermost item or point
            while stack and stack[-1][1].kind == "bullet":
                stack.pop()
            (stack[-1][1].children if stack else nodes).append(node)
            return
        while stack and stack[-1][0] >= level:
            stack.pop()
        (stack[-1][1].children if stack else nodes).append(node)
        stack.append((level, node))

    i = 0
    while i < len(paras):
        p = paras[i]
        if p.in_table:
            j = i
            while j < len(paras) and paras[j].table == p.table:
                j += 1
            place(_table_node((tables or {}).get(p.table) or paras[i:j]), None)
            i = j
            continue
        text = _text(p)
        parsed = classify(text)
        dashed = _DASH_ITEM.match(text) if parsed is None and party_format else None
        if dashed:
            parsed = ("item", dashed.group(1), dashed.group(2))
        heading = _dash_heading(p) if parsed is None and party_format else None
        if heading:  # "I- KẾT QUẢ ĐẠT ĐƯỢC" inside an attachment: its own section
            parsed = ("section", *heading)
        if parsed is None:
            place(Node("paragraph", "", text, p), None)
        elif parsed[0] == "section":  # a heading inside content (an appendix's own I., II.)
            place(Node("heading", parsed[1], parsed[2].strip(), p), 0)
        else:
            kind, label, rest = parsed
            if kind == "item":
                parts = label.split(".")
                if decimal_prefix and parts[0] == decimal_prefix and len(parts) > 1:
                    parts = parts[1:]
                place(Node("item", label, rest.strip(), p), len(parts))
            elif kind == "point":
                depth = max((lv for lv, n in stack if n.kind == "item"), default=0)
                place(Node("point", label, rest.strip(), p), depth + 10)
            else:
                base = max((lv for lv, n in stack if n.kind in ("item", "point")), default=0)
                sub = 1 if label == "+" else 0
                place(Node("bullet", label, rest.strip(), p), base + 20 + sub)
        i += 1
    return nodes


def _table_node(cells: list[Para]) -> Node:
    rows: dict[int, dict[int, list[str]]] = {}
    for p in cells:
        rows.setdefault(p.row, {}).setdefault(p.column, []).append(p.text.strip())
    grid = [["\n".join(x for x in row[c] if x) for c in sorted(row)] for _, row in sorted(rows.items())]
    return Node("table", "", "", cells[0], rows=grid, cells=cells)


# --- ending and appendices -----------------------------------------------------------------

_NAME = re.compile(r"^(?:[A-ZĐÀ-Ỹ][\w.]*\s+){1,6}[A-ZĐÀ-Ỹ][\w.]*$")


# what a signed copy shows in the room left for the signature: an e-signature's appearance
# ("Người ký: …", "Cơ quan: …", "Thời gian ký: …") or a web copy's "(Đã ký)": the mark of the
# signature, never the signer's name
_SIGNING_MARK = re.compile(
    r"^(?:\((?:đã\s+)?ký\b[^()]{0,40}\)|(?:Người ký|Ký bởi|Được ký bởi|Cơ quan|Tổ chức|Email|E-mail|"
    r"Thời gian ký|Ngày ký)\s*:\s*\S.{0,150})$", re.IGNORECASE)


def is_signing_mark(text: str) -> bool:
    """A line of a signature's mark (see `_SIGNING_MARK`), or the time of an e-signature stamp."""
    text = " ".join(text.split())
    return bool(_SIGNING_MARK.match(text)) or party.is_stamp_time(text)


def _looks_like_name(text: str) -> bool:
    """"Lê Hồng Sơn": a few words, each with a capital, no digits or punctuation of a sentence."""
    return len(text) < 60 and not is_upper(text) and bool(_NAME.match(text)) and not any(
        c.isdigit() for c in text)


def _signature_apart(paras: list[Para]) -> list[Para]:
    """A paragraph whose later lines begin the signature ("- Lưu: VT, CA." ↵ "TM. ỦY BAN NHÂN
    DÂN" ↵ "KT. CHỦ TỊCH", typed in one cell) as two: the recipients' lines, then the signature's."""
    out = []
    for p in paras:
        lines = p.text.strip().split("\n")
        cut = next((k for k, line in enumerate(lines) if k and _is_authority(line)), None)
        pieces = [p] if cut is None else _pieces(p, ["\n".join(lines[:cut]), "\n".join(lines[cut:])])
        out += [q for piece in pieces for q in _signer_apart(piece)]
    return out


def _signer_apart(p: Para) -> list[Para]:
    """The whole signature typed in one paragraph with line breaks ("TM. ỦY BAN NHÂN DÂN" ↵ "CHỦ
    TỊCH" ↵ ↵ ↵ "Nguyễn Văn C", as a cell of the ending often holds it): the body's and the
    position's lines, then the signer's name, then what stands under the name, each a part."""
    lines = [x.strip() for x in p.text.split("\n") if x.strip()]
    if len(lines) < 2 or _is_recipients_heading(lines[0]) or lines[0].startswith(("-", "–", "+", "•")):
        return [p]
    at = next((k for k, line in enumerate(lines) if not is_upper(line)), None)
    if not at or not _looks_like_name(lines[at]) or not (_is_authority(lines[0]) or at <= 3):
        return [p]
    under = ["\n".join(lines[at + 1:])] if lines[at + 1:] else []
    return _pieces(p, ["\n".join(lines[:at]), lines[at], *under])


def _signer_cut(region: list[Para]) -> int:
    """Where the signer's name stands in the ending as typed (after it, or after the table that
    holds it): the lines before it may be laid out in two columns, the ones after it are read as
    they come (an appendix typed after the signature is no column of the ending)."""
    signing = False
    for i, p in enumerate(region):
        parts = [x.strip() for x in _COLUMNS.split(p.text.strip()[:HEAD * 4]) if x.strip()]
        if any(_is_authority(x) for x in parts):
            signing = True
            continue
        if signing and any(_looks_like_name(x) for x in parts):
            if p.in_table:
                return max(j for j, q in enumerate(region) if q.table == p.table) + 1
            end = i + 1  # recipients typed on tab stops go on under the name in the left column
            while end < len(region) and not region[end].in_table and region[end].text.lstrip().startswith(
                    ("- ", "– ", "+ ")) and len(region[end].text) < 200:
                end += 1
            return end
    return len(region)


def _ending(r: Recognised, ending: list[Para]) -> int:
    """Recipients, the signature blocks (lines, signer, lines under the name), in whatever order
    and cells they come; how many of `ending` they take. Once a signer is read, what begins a
    part of its own (a new page, another table, a title, the "(Kèm theo …)" line) ends it: a
    part after the signature is an appendix, whatever its shape."""
    blocks: list[SignatureBlock] = []
    tables: set[int] = set()  # the tables the ending is laid out in
    recipients_open = False  # the recipients heading came after the last signature line
    under_name: list[Para] = []  # upper-case lines under the name, outside tables, just read
    for k, p in enumerate(ending):
        text = _text(p)
        signed = any(b.signer is not None for b in blocks)
        if signed and _past_ending(p, text, tables, recipients_open):
            if under_name and not p.new_page and p.page_section == under_name[0].page_section:
                # upper-case lines between the name and a part of their own are its title
                block = blocks[-1]
                block.after_name = [(t, q) for t, q in block.after_name if all(q is not u for u in under_name)]
                k = next(j for j, q in enumerate(ending) if q is under_name[0])
            _take_blocks(r, blocks)
            return k
        if p.in_table:
            tables.add(p.table)
        if _is_recipients_heading(text):
            r.recipients_heading = p
            recipients_open = True
            rest = text.split(":", 1)[1].strip() if ":" in text else ""
            r.recipients += [(line, p) for line in _recipient_lines(rest.split("\n"))]
            continue
        lines = [x.strip() for x in text.split("\n") if x.strip()]
        if lines[0].startswith(("-", "–", "+", "•")) or (
                r.recipients and r.recipients[-1][1] is not p and not is_upper(text)
                and not _looks_like_name(text) and (text[:1].islower() or (
                    p.in_table and r.recipients_heading is not None and p.cell == r.recipients_heading.cell)
                    or _unfinished_recipient(r, p, text))):
            for line in _recipient_lines(lines):
                if line.startswith(("-", "–", "+", "•")) or not r.recipients:
                    r.recipients.append((line, p))
                else:  # a recipient written over two lines
                    prev, where = r.recipients[-1]
                    r.recipients[-1] = (join_lines(prev, line), where)
            under_name = []
            continue
        block = blocks[-1] if blocks else None
        if all(is_upper(x) for x in lines):
            new_block = block is None or (block.signer is not None and (
                _is_authority(lines[0]) or (p.in_table and p.cell != block.signer[1].cell)))
            if new_block:
                blocks.append(SignatureBlock())
                block = blocks[-1]
                under_name = []
            if block.signer is None:
                block.lines += [(x, p) for x in lines]
                recipients_open = False
            else:  # the signer's office, under the name
                block.after_name += [(x, p) for x in lines]
                if not p.in_table:
                    under_name.append(p)
            continue
        if block is not None and is_signing_mark(text):
            # the signature's mark, in its room or under the body's name: kept under the name
            block.after_name.append((text, p))
            continue
        if block is not None and block.signer is None and len(text) < 80 and not text.startswith(("(", "[")):
            block.signer = (text, p)
            continue
        r.ending_other.append(p)
    _take_blocks(r, blocks)
    return len(ending)


def _past_ending(p: Para, text: str, tables: set[int], recipients_open: bool) -> bool:
    """After a signer: does `p` begin a part of its own (a new page, the "(Kèm theo …)" line, a
    table, a title) rather than continue the ending? A plain text is no part: it stays among the
    ending's paragraphs (kept and listed for review), as a footnote's text typed there does."""
    if p.new_page or _is_appendix_label(p) or is_appendix_reference(p):
        return True
    if _is_recipients_heading(text) or _is_authority(text):
        return False  # the recipients, another body's signature (a table of their own, maybe)
    if p.in_table:
        return p.table not in tables  # another table: the ending's own cells are all ending
    lines = [x.strip() for x in text.split("\n") if x.strip()]
    if lines[0].startswith(("-", "–", "+", "•")):
        return not recipients_open
    upper = all(is_upper(x) for x in lines)
    if tables:  # the ending was laid out in a table, and that table is over: a title begins a part
        return upper or (p.formatted and p.bold and p.align == "center" and len(text) < 200)
    return upper and len(text) > 120  # the signer's office under the name; a long line is a title


def _take_blocks(r: Recognised, blocks: list[SignatureBlock]) -> None:
    if blocks and blocks[-1].signer is None:
        # the name read before the lines it signs under (columns of a page broken inside the
        # ending come out of order): the one name-like line the ending left over is the signer's
        names = [p for p in r.ending_other if _looks_like_name(_text(p))]
        if len(names) == 1:
            blocks[-1].signer = (_text(names[0]), names[0])
            r.ending_other.remove(names[0])
    if blocks:  # a joint plan: the lead body signs on the right, its partners to the left
        lead = blocks[-1]
        r.signature, r.signer, r.after_name = lead.lines, lead.signer, lead.after_name
        r.partner_signatures = blocks[:-1]


_CUT_AT_HYPHEN = re.compile(r"\w-$")


def join_lines(text: str, line: str) -> str:
    """A wrapped line after the text it goes on: a space between, none after a line cut at a
    hyphen ("QĐ-" ↵ "UBND", "2026-" ↵ "2030")."""
    return text + line if _CUT_AT_HYPHEN.search(text) and line[:1].isalnum() else f"{text} {line}"


_NEXT_RECIPIENT = re.compile(r"(?<=;)\s+(?=[-–+•]\s)|(?<=,)\s+(?=[-–+•]\s+[A-ZĐÀ-Ỹ])")
"""Where a recipient's line ends and the next begins on one line of text: after its ";" (the
decree's) or its "," (a Party document's), a dash opening the next ("- A (b/c), - Các …")."""


def _recipient_lines(lines: list[str]) -> list[str]:
    """Lines of the recipients, two typed or read on one line split ("- A;      - B;", "- A, - B,")."""
    return [part.strip() for line in lines for part in _NEXT_RECIPIENT.split(line) if part.strip()]


def _starts_a_part(p: Para, before: Para) -> bool:
    """A title line on a new page (or page setup) after an appendix's content: another appendix."""
    text = _text(p)
    return (p.new_page or p.page_section != before.page_section) and not p.in_table and len(text) < 200 \
        and (is_upper(text) or (p.formatted and p.bold and p.align == "center")) and not classify(text)


def _closed(lines: list[Para]) -> bool:
    """The bracket opened by the first line is closed (or the line is long past a reference)."""
    text = " ".join(p.text for p in lines)
    return text.count("(") <= text.count(")") or len(lines) >= 3 or len(text) > 400


def _titled_parts(paras: list[Para]) -> dict[int, int]:
    """Parts shaped label, title, "(Kèm theo …)" without a "Phụ lục" label ("Mẫu biểu số 01",
    "Biểu 02", or a title alone): where each starts → where its "(Kèm theo …)" line is."""
    out = {}
    for j, p in enumerate(paras):
        if is_appendix_reference(p):
            start = _titled_from(paras, j, 0)
            if not any(_is_appendix_label(x) for x in paras[start:j]):
                out[start] = j
    return out


def _unfinished_recipient(r: Recognised, p: Para, text: str) -> bool:
    """A line after a recipient that has no end goes on with it. In a Party document every
    recipient ends with "," (the file line with "."): "- Đ/c … – UVTV, Trưởng Ban" ↵ "Nội chính
    Tỉnh uỷ …". In a state one each ends with ";" (the last with "."): in text wrapped at a column's
    width (a PDF) "- VP Thành ủy, Ban Nội chính," ↵ "Ban Tuyên giáo …" is one recipient; in a Word
    file a recipient's lines are one paragraph, so only unformatted text is read so."""
    if _is_authority(text):
        return False
    last = r.recipients[-1][0].rstrip()
    if r.format == "party":
        return not last.endswith((",", ";", "."))
    return not p.formatted and not last.endswith((";", "."))


def _attachment_headers(r: Recognised, paras: list[Para]) -> dict[int, int]:
    """Where each Party attachment's repeated header starts among the appendix paragraphs, and
    where it ends (its body lines, star, title and date line)."""
    if r.format != "party":
        return {}
    texts = [p.text for p in paras]
    found: dict[int, int] = {}
    at = party.attachment_start(texts, 0)
    while at is not None:
        end = at
        while end < len(texts) and end - at < 8 and (party.is_body(texts[end]) or party.is_star(texts[end])
                                                     or party.is_title(texts[end]) or is_date_line(texts[end])):
            end += 1
        found[at] = end
        at = party.attachment_start(texts, end) if end > at else None
    return found


def _mark_follows(paras: list[Para], k: int) -> bool:
    """A "-----" within the next lines, before any numbered one: the lines up to it are titles."""
    for p in paras[k:k + 5]:
        if party.is_mark(p.text):
            return True
        if classify(_text(p)) or p.in_table:
            return False
    return False


def _untyped_subtitle(paras: list[Para], k: int, current: Appendix) -> bool:
    """In text whose look is unknown (a PDF), a line under an appendix's title that is a title
    too: the one just over its "(Kèm theo …)" line, or a short bracketed one ("(dự kiến …)")."""
    p = paras[k]
    if p.formatted or not (current.titles or current.label is not None):
        return False
    text = _text(p)
    if k + 1 < len(paras) and is_appendix_reference(paras[k + 1]) and len(text) < 200:
        return True
    return bool(current.titles) and text.startswith("(") and text.endswith(")") and len(text) < 120


def _appendices(r: Recognised, paras: list[Para]) -> None:
    titled = _titled_parts(paras)
    current: Appendix | None = None
    headers = _attachment_headers(r, paras)
    j = 0
    while j < len(paras):
        k = j
        p = paras[k]
        text = _text(p)
        j += 1
        if k in headers:  # a Party attachment: its header repeats the document's (no number)
            current = Appendix(None, header=paras[k:headers[k]])
            r.appendices.append(current)
            j = headers[k]
            continue
        if current is not None and current.header and not current.paras and current.mark is None:
            if party.is_mark(text):
                current.mark = p
                continue
            if current.titles and current.reference is None and not p.in_table and not classify(text) \
                    and not is_appendix_reference(p) and _mark_follows(paras, k):
                current.titles.append(p)  # the attachment's summary, over its "-----"
                continue
        if k in titled and not (current is not None and current.header and not current.paras):
            heads = paras[k:titled[k]]
            first = _text(heads[0]) if heads else ""
            label = heads[0] if len(heads) > 1 and (not is_upper(first) or len(first) < 30) else None
            reference = paras[titled[k]]
            current = Appendix(label, [h for h in heads if h is not label], reference, [reference])
            r.appendices.append(current)
            j = titled[k] + 1
            continue
        if _is_appendix_label(p):
            current = Appendix(p)
            r.appendices.append(current)
            folded = fold(text)
            rest = _APPENDIX.sub("", folded, count=1).strip(" :.-–")
            if rest:  # "PHỤ LỤC I: DANH MỤC …" on one line: the title follows the label
                current.titles.append(p)
            continue
        if current is None or (current.paras and _starts_a_part(p, current.paras[-1])):
            current = Appendix(None)  # an appendix with no label: its title on a page of its own
            r.appendices.append(current)
        if not current.paras and current.reference is None and is_appendix_reference(p):
            current.reference = p
            current.reference_lines.append(p)
            continue
        if current.reference is not None and not current.paras and not _closed(current.reference_lines):
            current.reference_lines.append(p)  # "(Kèm theo … ngày … /2026" ↵ "của UBND tỉnh …)"
            continue
        if not current.paras and current.reference is None and len(current.titles) < 4 and not p.in_table \
                and current.mark is None and not (r.format == "party" and _dash_heading(p)) \
                and (is_upper(text) or (p.formatted and p.align == "center") or _untyped_subtitle(paras, k, current)) \
                and not classify(text):  # the "-----" under an attachment's title closes its title
            current.titles.append(p)
            continue
        current.paras.append(p)
    for appendix in r.appendices:
        appendix.nodes = outline(appendix.paras, "", r.tables, r.format == "party")
