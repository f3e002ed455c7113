"""The plan, as data: the single source of truth for validation, the JSON Schema and field docs.

A plan (Kế hoạch) has a header (issuer, number, date), a title (summary / trích yếu), a preamble,
ordered sections made of content blocks, an ending (recipients, signature) and appendices.
Text fields may use inline markup (`*italic*`, `**bold**`, footnotes `^[note]`) and the plan's
variables (`{{ year }}`, `{{ theme }}`…); both are applied when the document is rendered.

Every field carries a description in Vietnamese followed by English, so that the generated
schema documents the plan format for editors (YAML language server) and for people.

One module over 500 lines on purpose: the schema reads top to bottom as the plan does (header,
blocks, sections, appendices, the plan), and pydantic resolves the models' references to each
other (a block holds blocks) within one namespace.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from plangen import vietnamese as vn
from plangen.plan import grid, wording
from plangen.plan.vocabulary import (  # re-exported: models.SectionKind is the models' own name too
    DEFAULT_HEADINGS,
    DOCUMENT_NUMBERS,
    FOR_HEAD,
    ISSUER_CODE,
    ON_BEHALF,
    TABLE_FONT_SIZES,
    UNIT_CODE,
    YEARS,
    Authority,
    ColumnRole,
    DocumentFormat,
    SectionKind,
)


def doc(vi: str, en: str) -> str:
    """A field description: Vietnamese first, then English (shown by editors on hover)."""
    return f"{vi}\n\nEN: {en}"


class StrictModel(BaseModel):
    """Base of every plan model: unknown keys are errors, nothing is silently dropped."""

    # defer_build: a model's validator is made when first used (a plan validates through `Plan`
    # alone), not for every class at import time, which would slow every command's start-up
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=False, defer_build=True)


# --- scalar types --------------------------------------------------------------------------

def _parse_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return vn.parse_date(value)
        except ValueError as exc:
            raise PydanticCustomError(
                "vn_date", "invalid date {value!r}: expected DD/MM/YYYY or YYYY-MM-DD ({reason})",
                {"value": value, "reason": str(exc)},
            ) from None
    raise PydanticCustomError(
        "vn_date", "invalid date {value!r}: expected DD/MM/YYYY or YYYY-MM-DD ({reason})",
        {"value": value, "reason": "not text"},
    )


VnDate = Annotated[
    dt.date,
    BeforeValidator(_parse_date),
    WithJsonSchema({
        "type": "string",
        "pattern": r"^(\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{1,2}-\d{1,2}|\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\})$",
        "examples": ["24/06/2025", "2025-06-24", "{{ han_bao_cao }}"],
    }),
]
"""A calendar date written `24/06/2025`, `24/6/2025` or `2025-06-24`, or a plan variable holding one
(`{{ han_bao_cao }}`, replaced when the plan is loaded); impossible dates are refused."""


def _one_or_many(value: Any) -> Any:
    """Accept a single text where a list of texts is expected."""
    return [value] if isinstance(value, str) else value


def _lines(value: Any) -> Any:
    """Accept `A\\nB` or a list of lines."""
    if isinstance(value, str):
        return [line for line in value.splitlines() if line.strip()] or [value]
    return value


TextList = Annotated[list[str], BeforeValidator(_one_or_many)]
Lines = Annotated[list[str], BeforeValidator(_lines), Field(min_length=1)]
NonEmptyText = Annotated[str, Field(min_length=1)]


# --- header --------------------------------------------------------------------------------


class Issuer(StrictModel):
    """Who issues the plan: the two left lines of the header and the symbol code."""

    format: DocumentFormat = Field(
        default=DocumentFormat.state,
        description=doc(
            "Thể thức văn bản: `state` (cơ quan nhà nước, Nghị định 30/2020/NĐ-CP, mặc định) hoặc `party` "
            "(cấp ủy Đảng: Tỉnh ủy, Đảng ủy xã, phường, chi bộ; Hướng dẫn 36-HD/VPTW: tiêu đề “ĐẢNG CỘNG SẢN "
            "VIỆT NAM”, dấu `*`, `Số 12-KH/ĐU`, ký `T/M`). `plangen new` và `plangen import` ghi rõ khóa này.",
            "The document's format: `state` (a state body, Decree 30/2020, the default) or `party` (a Party "
            "committee: Tỉnh ủy, Đảng ủy of a commune, chi bộ; Guide 36-HD/VPTW: the title “ĐẢNG CỘNG SẢN VIỆT "
            "NAM”, the star, `Số 12-KH/ĐU`, signed `T/M`). `plangen new` and `plangen import` write it out.",
        ),
    )
    governing_body: Annotated[list[str], BeforeValidator(_lines)] = Field(
        default_factory=list,
        description=doc(
            "Cơ quan chủ quản (dòng trên, chữ đứng, không đậm), ví dụ `UBND TỈNH VĨNH LONG`. "
            "Bỏ trống với Ủy ban nhân dân, Bộ. Văn bản của Đảng: đảng bộ cấp trên, ví dụ "
            "`ĐẢNG BỘ TỈNH KHÁNH HOÀ` trên `ĐẢNG UỶ XÃ CÔNG HẢI`; bỏ trống với Tỉnh ủy.",
            "Governing body (upper line, regular), e.g. `UBND TỈNH VĨNH LONG`. "
            "Leave out for a People's Committee or a ministry. A Party document: the superior đảng bộ, "
            "e.g. `ĐẢNG BỘ TỈNH KHÁNH HOÀ` above `ĐẢNG UỶ XÃ CÔNG HẢI`; none for a Tỉnh ủy.",
        ),
    )
    name: Lines = Field(
        description=doc(
            "Tên cơ quan ban hành, mỗi dòng một phần tử, ví dụ `[ỦY BAN NHÂN DÂN, THÀNH PHỐ HÀ NỘI]`; "
            "in hoa, đậm khi xuất bản. Văn bản của Đảng: cấp ủy ban hành, ví dụ `ĐẢNG UỶ XÃ CÔNG HẢI`, "
            "`TỈNH UỶ GIA LAI`, `CHI BỘ THÔN BẮC SƠN`; dấu `*` in dưới tên.",
            "Issuing body as printed, one line per entry; rendered upper-case and bold. A Party "
            "document: the committee, e.g. `ĐẢNG UỶ XÃ CÔNG HẢI`, `TỈNH UỶ GIA LAI`; the star is "
            "printed under it.",
        ),
    )
    full_name: str | None = Field(
        default=None,
        description=doc(
            "Tên cơ quan viết thường trong câu, ví dụ `Ủy ban nhân dân Thành phố Hà Nội`, văn bản của "
            "Đảng `Ban Thường vụ Đảng uỷ xã Công Hải`; dùng cho dòng “Kèm theo Kế hoạch … của …” ở phụ lục.",
            "Name of the body in running text (a Party document: `Ban Thường vụ Đảng uỷ xã Công Hải`), "
            "used in the appendix line `(Kèm theo Kế hoạch … của …)`.",
        ),
    )
    code: Annotated[str, Field(pattern=ISSUER_CODE)] = Field(
        description=doc(
            "Chữ viết tắt tên cơ quan trong ký hiệu văn bản: UBND, SYT, BYT…; văn bản của Đảng: TU "
            "(Tỉnh ủy, Thành ủy), ĐU (Đảng ủy xã, phường và Ban Thường vụ), CB (chi bộ), in `Số 12-KH/ĐU`.",
            "Issuer code in the document symbol: UBND, SYT, BYT…; a Party document: TU (Tỉnh ủy), ĐU "
            "(a commune's or ward's Đảng ủy and its Ban Thường vụ), CB (chi bộ), printed `Số 12-KH/ĐU`.",
        ),
    )
    unit: Annotated[str | None, Field(pattern=UNIT_CODE)] = Field(
        default=None,
        description=doc(
            "Chữ viết tắt đơn vị soạn thảo, thêm sau mã cơ quan: `KH-UBND-VX`.",
            "Drafting unit code appended to the symbol: `KH-UBND-VX`.",
        ),
    )
    place: NonEmptyText = Field(
        description=doc(
            "Địa danh ở dòng ngày tháng: `Hà Nội`, `Vĩnh Long`, `Thành phố Hồ Chí Minh`.",
            "Place name of the date line.",
        ),
    )
    province: str | None = Field(
        default=None,
        description=doc(
            "Tỉnh, thành phố của xã, phường ban hành (không in ra: tiêu đề của xã không ghi tỉnh), ví dụ "
            "`tỉnh Đồng Tháp`; để `plangen derive` và `check` biết đó là xã nào khi nhiều tỉnh có xã cùng tên.",
            "The province of the issuing commune or ward (not printed: a commune's header does not name "
            "it), e.g. `tỉnh Đồng Tháp`; tells `plangen derive` and `check` which commune it is when "
            "several provinces have one of that name.",
        ),
    )


MAX_SECTIONS = 399
"""Sections a plan may have: numbered I to CCCXCIX, as a reader (and `check`) can recognise them."""

_SYMBOL = wording.DOCUMENT_SYMBOL


class DocumentReference(StrictModel):
    """The document a plan is issued with, or implements: a Quyết định (`1206/QĐ-UBND`), a Nghị
    quyết, a Kế hoạch, a party document (`35-NQ/TU`)… printed under the summary as
    `(Kèm theo Quyết định số … ngày … của …)`."""

    number: Annotated[str, Field(pattern=_SYMBOL)] = Field(
        description=doc(
            "Số và ký hiệu văn bản, ví dụ `1206/QĐ-UBND`, `35-NQ/TU` (văn bản của Đảng), `92/KH-UBND`.",
            "Number and symbol of the document, e.g. `1206/QĐ-UBND`, `35-NQ/TU` (a party document).",
        ),
    )
    date: VnDate | None = Field(
        default=None,
        description=doc("Ngày ký văn bản; bỏ trống nếu dòng không ghi ngày.",
                        "Date of the document; leave out when the line gives none."))
    by: NonEmptyText = Field(
        description=doc(
            "Người hoặc cơ quan ban hành, ví dụ `Chủ tịch Ủy ban nhân dân tỉnh Vĩnh Long`, "
            "`Ban Thường vụ Tỉnh ủy`.",
            "Who issued the document, e.g. `Chủ tịch Ủy ban nhân dân tỉnh Vĩnh Long`.",
        ),
    )
    kind: str | None = Field(
        default=None,
        description=doc(
            "Tên loại văn bản như in trên dòng: `Quyết định`, `Nghị quyết`, `Kế hoạch`… "
            "Mặc định suy ra từ ký hiệu (`QĐ` → Quyết định, `NQ` → Nghị quyết, `KH` → Kế hoạch).",
            "Document type as printed; by default taken from the symbol's type code.",
        ),
    )
    wording: str = Field(
        default="Kèm theo",
        description=doc(
            "Lời dẫn đầu dòng: `Kèm theo` (mặc định), `Ban hành kèm theo`, `Thực hiện`…",
            "Words that open the line: `Kèm theo` (default), `Ban hành kèm theo`, `Thực hiện`…",
        ),
    )
    line: str | None = Field(
        default=None,
        description=doc(
            "Cả dòng đúng như văn bản ghi (thay cho dòng tự tạo), ví dụ "
            "`(Ban hành kèm theo Nghị quyết số 35-NQ/TU của Ban Thường vụ Tỉnh ủy)`.",
            "The whole line exactly as the document writes it (instead of the generated one).",
        ),
    )
    own_number: bool = Field(
        default=False,
        description=doc(
            "Kế hoạch vẫn có số, ngày riêng (kế hoạch thực hiện một văn bản): in cả dòng `Số:` "
            "và dòng ngày tháng.",
            "The plan has its own number and date as well (a plan implementing the document).",
        ),
    )

    @property
    def type_name(self) -> str:
        """`Quyết định` for `1206/QĐ-UBND`, `Nghị quyết` for `35-NQ/TU`, unless `kind` says."""
        return wording.document_type_name(self.number, self.kind)

    @property
    def text(self) -> str:
        """The printed line, in brackets."""
        return wording.document_line(self.number, self.by, self.date, self.kind, self.wording, self.line)


DecisionReference = DocumentReference
"""The former name (a plan issued with a Quyết định), kept for code that imports it."""


# --- content blocks ------------------------------------------------------------------------

def _bare(text: str) -> str:
    return " ".join(re.sub(r"[\\*^{}]", "", text).split()).casefold()


def _agency_named(agency: str | None, text: str | None) -> None:
    """A sentence's `agency` is a body the sentence itself names (it is not printed apart)."""
    if agency is not None and _bare(agency) not in _bare(text or ""):
        raise PydanticCustomError("agency_not_named", "`agency` “{agency}” is not named in the text",
                                  {"agency": agency})


def _agency_field() -> Any:
    return Field(default=None, description=doc(
        "Cơ quan, đơn vị mà câu này giao việc, đúng như câu ghi tên (không in riêng): "
        "`Sở Tư pháp` trong “Sở Tư pháp tham mưu …”.",
        "The body this sentence gives work to, as the sentence names it (not printed apart)."))


class Paragraph(StrictModel):
    """A plain paragraph (justified, first-line indent). A bare string is a paragraph too."""

    text: str = Field(description=doc("Nội dung đoạn văn.", "The paragraph text."))
    agency: str | None = _agency_field()

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _named(self) -> Paragraph:
        _agency_named(self.agency, self.text)
        return self


class Item(StrictModel):
    """A numbered item `1.`, with an optional bold title and nested content."""

    title: str | None = Field(
        default=None,
        description=doc("Tiêu đề in đậm của mục: `1. Công tác tham mưu, chỉ đạo`.",
                        "Bold title of the item."),
    )
    item: str | None = Field(
        default=None,
        description=doc(
            "Nội dung của mục (chữ thường). Có thể dùng cùng `title`: tiêu đề đậm, dấu `:` "
            "(hoặc `item_title_end`) rồi nội dung.",
            "Text of the item (regular). With `title`, it follows the bold title and `:` "
            "(or the plan's `item_title_end`).",
        ),
    )
    content: list[Block] = Field(
        default_factory=list,
        description=doc("Nội dung con: điểm a), b)…, gạch đầu dòng, đoạn văn.",
                        "Nested content: points, bullets, paragraphs."),
    )
    title_end: str | None = Field(
        default=None,
        description=doc(
            "Dấu sau tiêu đề của riêng khối này, thay cho `item_title_end` của kế hoạch "
            "(ví dụ `:` cho một cơ quan khi các cơ quan khác không có dấu).",
            "Punctuation after this block's title, overriding the plan's `item_title_end` "
            "(e.g. `:` for one agency while the others have none).",
        ),
    )

    agency: str | None = _agency_field()

    @model_validator(mode="after")
    def _has_text(self) -> Item:
        if not self.title and not self.item:
            raise PydanticCustomError("item_empty", "an item needs `item` (its text) or `title`")
        _agency_named(self.agency, self.item)
        return self


_LETTER = r"^[a-zđ]{1,2}$"


class Point(StrictModel):
    """A lettered point `a)`, `b)`… in Vietnamese letter order (a b c d đ e g…)."""

    point: str = Field(description=doc("Nội dung điểm.", "Text of the point."))
    label: Annotated[str | None, Field(pattern=_LETTER)] = Field(default=None, description=doc(
        "Chữ của điểm như văn bản ghi, khi khác thứ tự (`e` sau `d`); mặc định: chữ tiếp theo.",
        "The point's letter as the source writes it, when out of order (`e` after `d`); "
        "default: the next letter."))
    content: list[Block] = Field(default_factory=list,
                                 description=doc("Nội dung con.", "Nested content."))
    agency: str | None = _agency_field()

    @model_validator(mode="after")
    def _named(self) -> Point:
        _agency_named(self.agency, self.point)
        return self


class Bullet(StrictModel):
    """A dash bullet `- …`."""

    bullet: str = Field(description=doc("Nội dung gạch đầu dòng.", "Text of the bullet."))
    content: list[Block] = Field(default_factory=list,
                                 description=doc("Nội dung con.", "Nested content."))
    agency: str | None = _agency_field()

    @model_validator(mode="after")
    def _named(self) -> Bullet:
        _agency_named(self.agency, self.bullet)
        return self


class TaskAgency(StrictModel):
    """A line under a task saying which body does it, as plans that list tasks one by one write
    it: `- Cơ quan chủ trì: Bộ Công an.`, `- Cơ quan phối hợp: các bộ, ngành.`; printed as a
    dash bullet (`+` inside a bullet), the role, `: `, the bodies and the end mark."""

    role: NonEmptyText = Field(description=doc(
        "Vai trò, như văn bản ghi: `Cơ quan chủ trì`, `Cơ quan phối hợp`, `Cơ quan thực hiện`, "
        "`Đơn vị thực hiện`.",
        "The role as written: `Cơ quan chủ trì` (lead), `Cơ quan phối hợp` (cooperating)…"))
    agency: NonEmptyText = Field(description=doc(
        "Cơ quan, đơn vị (một hoặc nhiều), như văn bản ghi sau dấu `:`.",
        "The body or bodies, as written after the `:`."))
    end: Annotated[str, Field(pattern=r"^[.;]?$")] = Field(default="", description=doc(
        "Dấu cuối dòng như văn bản ghi: `.`, `;` hoặc không có.",
        "The mark that ends the line as written: `.`, `;` or none."))


class DateRange(StrictModel):
    """A period with a start and an end date."""

    start: VnDate = Field(description=doc("Ngày bắt đầu.", "First day."))
    end: VnDate = Field(description=doc("Ngày kết thúc.", "Last day."))

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if self.end < self.start:
            raise PydanticCustomError("range_order", "the end date is before the start date")
        return self


class Task(StrictModel):
    """One task given to an agency, with optional tracking facts for the task table."""

    text: NonEmptyText = Field(description=doc("Nội dung nhiệm vụ.", "What is to be done."))
    lead: str | None = Field(
        default=None,
        description=doc("Cơ quan chủ trì (mặc định: cơ quan được giao).",
                        "Lead agency (default: the assigned agency)."),
    )
    cooperating: TextList = Field(
        default_factory=list,
        description=doc("Cơ quan phối hợp.", "Cooperating agencies."),
    )
    deadline: VnDate | None = Field(
        default=None,
        description=doc("Hạn hoàn thành: `30/09/2025`, hoặc một biến ngày `{{ han_bao_cao }}`.",
                        "Deadline: `30/09/2025`, or a date variable `{{ han_bao_cao }}`."))
    period: str | DateRange | None = Field(
        default=None,
        description=doc("Thời gian thực hiện: `Thường xuyên`, `Quý III/2025` hoặc {start, end}.",
                        "Period: free text such as `Thường xuyên`, or {start, end}."),
    )
    output: str | None = Field(
        default=None, description=doc("Sản phẩm dự kiến.", "Expected output."))
    note: str | None = Field(default=None, description=doc("Ghi chú.", "Note."))
    label: Annotated[str | None, Field(pattern=_LETTER)] = Field(default=None, description=doc(
        "Với `layout: points`: chữ của điểm như văn bản ghi, khi khác thứ tự.",
        "With `layout: points`: the point's letter as the source writes it, when out of order."))
    content: list[Block] = Field(default_factory=list,
                                 description=doc("Nội dung con.", "Nested content."))

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value

    @property
    def has_tracking(self) -> bool:
        return bool(self.lead or self.cooperating or self.deadline or self.period
                    or self.output or self.note)


class TaskLayout(StrEnum):
    bullets = "bullets"
    paragraphs = "paragraphs"
    inline = "inline"
    points = "points"


class Assignment(StrictModel):
    """Tasks given to one agency (or a group of agencies): a numbered item named after it."""

    agency: NonEmptyText = Field(
        description=doc("Cơ quan, đơn vị được giao nhiệm vụ: `Công an Thành phố`.",
                        "The agency (or group of agencies) assigned."),
    )
    request: bool = Field(
        default=False,
        description=doc(
            "Cơ quan không thuộc quyền của cơ quan ban hành: in “Đề nghị …” trước tên.",
            "Body outside the issuer's authority: rendered as “Đề nghị …” (a request).",
        ),
    )
    note: str | None = Field(
        default=None,
        description=doc("Ghi chú sau tên, in trong ngoặc: `(Cơ quan thường trực …)`.",
                        "Note after the name, in brackets."),
    )
    layout: TaskLayout = Field(
        default=TaskLayout.bullets,
        description=doc(
            "Cách trình bày nhiệm vụ: `bullets` (gạch đầu dòng), `paragraphs` (đoạn văn), "
            "`inline` (viết tiếp sau tên cơ quan), `points` (điểm a), b), c)…).",
            "How tasks are laid out: dash bullets, paragraphs, inline after the agency name, or "
            "lettered points a), b), c)….",
        ),
    )
    title_end: str | None = Field(
        default=None,
        description=doc(
            "Dấu sau tiêu đề của riêng khối này, thay cho `item_title_end` của kế hoạch "
            "(ví dụ `:` cho một cơ quan khi các cơ quan khác không có dấu).",
            "Punctuation after this block's title, overriding the plan's `item_title_end` "
            "(e.g. `:` for one agency while the others have none).",
        ),
    )
    separator: str = Field(
        default=": ",
        description=doc("Ký tự nối tên cơ quan và nhiệm vụ (với `inline`): `: ` hoặc ` `.",
                        "With `inline`: what joins the agency and its task (`: ` or ` `)."),
    )
    tasks: Annotated[list[Task], Field(min_length=1)] = Field(
        description=doc("Các nhiệm vụ được giao.", "The tasks assigned."),
    )

    @model_validator(mode="after")
    def _inline_single(self) -> Assignment:
        if self.layout == TaskLayout.inline and len(self.tasks) > 1:
            raise PydanticCustomError(
                "inline_many", "layout `inline` takes one task; use `bullets` or `paragraphs`")
        return self


class Align(StrEnum):
    """Alignment of a table column or cell."""

    left = "left"
    center = "center"
    right = "right"
    justify = "justify"


class Cell(StrictModel):
    """A table cell that is more than a text: merged over rows or columns, aligned, bold."""

    text: str = Field(default="", description=doc(
        "Nội dung ô; `\\n` xuống dòng trong ô.", "Text of the cell; `\\n` breaks a line inside it."))
    rowspan: Annotated[int, Field(ge=1)] = Field(
        default=1, description=doc(
            "Số hàng ô chiếm (ô gộp theo chiều dọc, ví dụ một đơn vị trên hai hàng); các hàng dưới "
            "bỏ ô ở cột này.",
            "Rows the cell spans (merged downwards); the rows below leave this column out."))
    colspan: Annotated[int, Field(ge=1)] = Field(
        default=1, description=doc("Số cột ô chiếm (gộp theo chiều ngang).",
                                   "Columns the cell spans (merged across)."))
    align: Align | None = Field(default=None, description=doc(
        "Căn lề riêng của ô: `left` (trái), `center` (giữa), `right` (phải), `justify` (đều hai bên).",
        "The cell's own alignment."))
    bold: bool = Field(default=False, description=doc("In đậm.", "Bold text."))

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value


CellValue = Annotated[str | Cell, BeforeValidator(lambda v: str(v) if isinstance(v, int | float) else v)]



Row = Annotated[
    Annotated[list[CellValue], Tag("[cells]")]
    | Annotated[dict[ColumnRole, CellValue], Tag("[by role]")],
    Discriminator(lambda v: "[by role]" if isinstance(v, dict) else "[cells]"),
]
"""A table row: its cells in column order, or (a table with `roles`) its cells by role."""


class TableSpec(StrictModel):
    """A table written out by the author, as offices make them."""

    columns: Annotated[list[str], Field(min_length=1)] = Field(
        description=doc("Tiêu đề các cột.", "Column headings."))
    roles: list[ColumnRole | None] | None = Field(
        default=None,
        description=doc(
            "Vai trò các cột (bảng phân công nhiệm vụ), theo thứ tự các cột, không kể cột `TT` "
            "của `numbered`: `task` (nội dung nhiệm vụ), `agency` (cơ quan chủ trì, thực hiện), "
            "`cooperating` (cơ quan phối hợp), `monitor` (cơ quan theo dõi, đôn đốc, không phải cơ quan được "
            "giao), `period` (thời gian, thời hạn, tiến độ), `output` (sản phẩm, "
            "kết quả), `note` (ghi chú), `number` (cột TT, số in như đã viết, ví dụ đánh lại từ 1 ở mỗi nhóm), "
            "`null` cho cột khác (đối tượng, kinh phí…). Có vai trò thì cơ quan ở cột "
            "`agency` là cơ quan được giao nhiệm vụ (`plangen tasks`, `plangen derive`, kiểm tra), và mỗi hàng "
            "có thể viết theo vai trò: `{task: …, agency: …, period: …}`. Bảng in ra như nhau.",
            "A task matrix: the role of each column, in column order (the `numbered` TT column aside): "
            "task, agency (lead), cooperating, monitor (who follows the work up, not given it), period, "
            "output, note, number (the TT column, numbers as "
            "written, e.g. from 1 again in each group), or null for another column. With "
            "roles, the bodies of the agency column are given tasks (tasks, derive, check), and a row may "
            "be a mapping by role: `{task: …, agency: …, period: …}`. The table prints the same."))
    rows: list[Row] = Field(
        default_factory=list, description=doc(
            "Các hàng, mỗi hàng một danh sách ô. Ô là một chuỗi, hoặc `{text, rowspan, colspan, "
            "align, bold}` cho ô gộp; `\\n` xuống dòng trong ô. Bảng có `roles`: một hàng cũng có thể "
            "viết theo vai trò các cột, `{task: …, agency: …}` (cột không có trong hàng để trống).",
            "Rows, each a list of cells: a text, or `{text, rowspan, colspan, align, bold}`; with "
            "`roles`, a row may be a mapping by role (a column it leaves out is empty)."))
    widths: list[float] | None = Field(
        default=None,
        description=doc("Độ rộng các cột (cm); mặc định chia đều.",
                        "Column widths in cm; even by default."),
    )
    align: list[Align] | None = Field(
        default=None,
        description=doc(
            "Căn lề từng cột: `left` (trái), `center` (giữa), `right` (phải), `justify` (đều hai bên), ví dụ "
            "`[center, justify, center, center]` (TT, ngày, đơn vị giữa; nội dung đều hai bên). Mặc định: trái.",
            "Alignment of each column, e.g. `[center, justify, center]`; left by default."),
    )
    numbered: bool = Field(
        default=False,
        description=doc(
            "Thêm cột `TT` đầu bảng, đánh số 1, 2, 3… tự động (hàng gộp cả bảng không được đánh số).",
            "Add a first `TT` column numbered 1, 2, 3… (a row spanning the whole table is not numbered)."),
    )
    number_heading: str = Field(
        default="TT", description=doc("Tiêu đề cột số thứ tự (`TT`, `STT`).",
                                      "Heading of the numbered column (`TT`, `STT`)."))
    font_size: Annotated[float | None, Field(ge=TABLE_FONT_SIZES[0], le=TABLE_FONT_SIZES[1])] = Field(
        default=None,
        description=doc("Cỡ chữ riêng của bảng (pt), ví dụ `12`; mặc định theo mẫu (13).",
                        "The table's own font size in pt, e.g. `12`; the template's (13) by default."),
    )
    header: list[list[CellValue]] | None = Field(
        default=None,
        description=doc(
            "Các hàng tiêu đề viết ra khi có ô gộp, thay cho hàng tạo từ `columns`, ví dụ "
            "`[[{text: Đơn vị, rowspan: 2}, {text: Kết quả, colspan: 2}], [Đạt, Không đạt]]`.",
            "Heading rows written out when they have merged cells, instead of the one made from "
            "`columns`.",
        ),
    )
    repeat_header: bool = Field(
        default=True,
        description=doc("Lặp lại hàng tiêu đề ở đầu mỗi trang.", "Repeat the heading row on every page."),
    )

    def shape_errors(self, rows: list[list[str | Cell]] | None = None) -> str | None:
        """Why the rows (or the given heading rows) do not fill the columns exactly, spans
        counted; None when they do."""
        given = rows is not None
        _placed, problem = grid.lay_out(self.rows if rows is None else rows, len(self.columns),
                                    None if given else self.roles, "header" if given else "rows")
        return problem[1].format(**problem[2]) if problem else None

    def placed_rows(self) -> list[list[tuple[int, str | Cell]]]:
        """Every row's cells with the grid column each starts at (spans counted)."""
        return grid.lay_out(self.rows, len(self.columns), self.roles)[0]

    def rows_as_lists(self) -> list[list[str | Cell]]:
        """Every row as its cells in column order (a row given by roles placed by them; a column
        it leaves out is an empty cell): what the table prints."""
        return grid.rows_as_lists(self.rows, len(self.columns), self.roles)

    def role_rows(self) -> list[dict[str, str]]:
        """Each row read by the roles of its columns (`grid.role_rows`); empty without roles."""
        return grid.role_rows(self.placed_rows(), self.roles) if self.roles else []

    @model_validator(mode="after")
    def _shape(self) -> TableSpec:
        n = len(self.columns)
        problem = grid.shape_problem(self.rows, n, self.roles, self.header)
        if problem:
            raise PydanticCustomError(*problem)
        if self.widths is not None and len(self.widths) != n:
            raise PydanticCustomError("table_widths", "give one width per column ({n})",
                                      {"n": n, "at": ("widths",)})
        if self.align is not None and len(self.align) != n:
            raise PydanticCustomError("table_align", "give one alignment per column ({n})",
                                      {"n": n, "at": ("align",)})
        return self


class Table(StrictModel):
    table: TableSpec = Field(description=doc("Bảng.", "A table."))


class BudgetLine(StrictModel):
    name: NonEmptyText = Field(description=doc("Nội dung chi.", "What the money is for."))
    amount: Annotated[int, Field(ge=0)] = Field(
        description=doc("Số tiền (đồng), số nguyên: 250000000.", "Amount in đồng, whole number."))
    source: str | None = Field(default=None, description=doc("Nguồn kinh phí.", "Source."))


class BudgetSpec(StrictModel):
    items: Annotated[list[BudgetLine], Field(min_length=1)] = Field(
        description=doc("Các khoản chi.", "Itemised lines."))
    total_in_words: bool = Field(
        default=True,
        description=doc("In tổng số tiền bằng chữ.", "Write the total in words too."))


class Budget(StrictModel):
    """An itemised budget: a table with amounts in đồng and a computed total."""

    budget: BudgetSpec = Field(description=doc("Dự toán kinh phí.", "Itemised budget."))


class TaskTableSpec(StrictModel):
    sections: list[int] | None = Field(
        default=None,
        description=doc("Chỉ lấy nhiệm vụ của các phần này (số thứ tự, từ 1); mặc định tất cả.",
                        "Only tasks of these sections (1-based); all by default."),
    )


class TaskTable(StrictModel):
    """The usual task table (TT | nhiệm vụ | chủ trì | phối hợp | thời gian | ghi chú),
    generated from the tasks of the plan."""

    task_table: TaskTableSpec = Field(
        description=doc("Bảng phân công nhiệm vụ sinh từ các nhiệm vụ của kế hoạch.",
                        "Task table generated from the plan's tasks."),
    )

    @model_validator(mode="before")
    @classmethod
    def _true_is_default(cls, value: Any) -> Any:
        if isinstance(value, dict) and value.get("task_table") in (True, None):
            return {**value, "task_table": {}}
        return value


class Heading(StrictModel):
    """A heading inside the content, numbered I., II.… (or 1., 2. with decimal numbering) like
    the plan's sections: the sections of an appendix written as a small document."""

    heading: NonEmptyText = Field(description=doc(
        "Tiêu đề, ví dụ `TÌNH HÌNH THỰC HIỆN`; in theo `heading_case` của kế hoạch.",
        "The heading, printed in the plan's `heading_case`."))
    numbered: bool = Field(default=True, description=doc(
        "Đánh số La Mã (I., II.) hoặc thập phân theo `numbering`; `false`: không số.",
        "Numbered like the plan's sections; `false` for none."))
    content: list[Block] = Field(default_factory=list, description=doc(
        "Nội dung dưới tiêu đề: mục 1., 2., điểm, bảng…", "Content under the heading."))


class Caption(StrictModel):
    """A short line set apart: a table's caption (`Biểu 01`), a form's own title, a unit line."""

    caption: NonEmptyText = Field(description=doc(
        "Dòng chữ như viết, ví dụ `Biểu 01`, `BÁO CÁO KẾT QUẢ THỰC HIỆN`; `\\n` xuống dòng.",
        "The line as written, e.g. `Biểu 01`; `\\n` breaks a line."))
    align: Align = Field(default=Align.center, description=doc(
        "Căn lề: `center` (giữa, mặc định), `right` (phải, như `Biểu 01` ở góc phải), `left` (trái), "
        "`justify` (đều hai bên).",
        "Alignment: center (default), right, left."))
    bold: bool = Field(default=True, description=doc("In đậm (mặc định có).", "Bold (default true)."))
    italic: bool = Field(default=False, description=doc("In nghiêng.", "Italic."))


class Signoff(StrictModel):
    """The signature place of a form inside an appendix: `LÃNH ĐẠO ĐƠN VỊ` / `(Ký tên, đóng dấu)`,
    in the right half of the page."""

    signoff: Lines = Field(description=doc(
        "Các dòng của chỗ ký, ví dụ `[LÃNH ĐẠO ĐƠN VỊ, (Ký tên, đóng dấu)]`; dòng trong ngoặc in "
        "nghiêng, các dòng khác in đậm.",
        "Lines of the signature place; a line in brackets is italic, the others bold."))
    left: Annotated[list[str], BeforeValidator(_lines)] = Field(default_factory=list, description=doc(
        "Dòng ở nửa trái, ngang hàng (ví dụ `NGƯỜI LẬP BIỂU`).",
        "Lines in the left half, level with it (e.g. `NGƯỜI LẬP BIỂU`)."))


BLOCK_KEYS: dict[str, str] = {
    "text": "paragraph", "item": "item", "title": "item", "point": "point", "bullet": "bullet",
    "role": "task_agency", "agency": "assignment", "table": "table", "budget": "budget", "task_table": "task_table",
    "heading": "heading", "caption": "caption", "signoff": "signoff",
}
"""The key that tells what a content block is, in the order it is looked for."""


def block_kind(value: Any) -> str | None:
    """Discriminate a content block by the key it has (a bare string is a paragraph)."""
    if isinstance(value, str):
        return "paragraph"
    if isinstance(value, dict):
        for key, kind in BLOCK_KEYS.items():
            if key in value:
                return kind
        return None
    for kind, cls in _BLOCK_CLASSES.items():
        if isinstance(value, cls):
            return kind
    return None


Block = Annotated[
    Annotated[Paragraph, Tag("paragraph")]
    | Annotated[Item, Tag("item")]
    | Annotated[Point, Tag("point")]
    | Annotated[Bullet, Tag("bullet")]
    | Annotated[TaskAgency, Tag("task_agency")]
    | Annotated[Assignment, Tag("assignment")]
    | Annotated[Table, Tag("table")]
    | Annotated[Budget, Tag("budget")]
    | Annotated[TaskTable, Tag("task_table")]
    | Annotated[Heading, Tag("heading")]
    | Annotated[Caption, Tag("caption")]
    | Annotated[Signoff, Tag("signoff")],
    Discriminator(
        block_kind,
        custom_error_type="block_kind",
        custom_error_message=(
            "unknown kind of content: expected a text or a mapping with one of the keys "
            "text, item, title, point, bullet, role, agency, table, budget, task_table, heading, "
            "caption, signoff"
        ),
    ),
]

_BLOCK_CLASSES: dict[str, type[BaseModel]] = {
    "paragraph": Paragraph, "item": Item, "point": Point, "bullet": Bullet, "task_agency": TaskAgency,
    "assignment": Assignment, "table": Table, "budget": Budget, "task_table": TaskTable,
    "heading": Heading, "caption": Caption, "signoff": Signoff,
}


# --- sections ------------------------------------------------------------------------------


class Section(StrictModel):
    """A numbered section of the plan (I., II.… by default)."""

    kind: Annotated[list[SectionKind], BeforeValidator(_one_or_many), Field(min_length=1)] = Field(
        json_schema_extra={"uniqueItems": True},  # a set of kinds: the web form shows them as boxes to tick
        description=doc(
            "Loại phần: purpose (mục đích), requirements (yêu cầu), objectives (mục tiêu), "
            "theme (chủ đề), content (nội dung trọng tâm), assignments (phân công), "
            "funding (kinh phí), implementation (tổ chức thực hiện), reporting (báo cáo), other (phần khác). "
            "Có thể ghi nhiều loại: `[purpose, requirements]`.",
            "Kind of section; several kinds may be listed for a combined section.",
        ),
    )
    heading: str | None = Field(
        default=None,
        description=doc("Tiêu đề phần, nếu khác tiêu đề mặc định của loại; in hoa khi xuất bản.",
                        "Heading, when it differs from the kind's default; rendered upper-case."),
    )
    label: Annotated[str | None, Field(pattern=r"^(?:[IVXLC]{1,9}|[0-9]{1,3})$")] = Field(
        default=None,
        description=doc(
            "Số của phần như văn bản ghi, khi khác thứ tự (văn bản gốc dùng một số La Mã hai lần: `IV` sau "
            "`IV`); in đúng như vậy, và `plangen check` vẫn báo số không liên tục. Mặc định: số tiếp theo.",
            "The section's numeral as the source writes it, when out of order (a numeral used twice: `IV` "
            "after `IV`); printed so, and `plangen check` still reports it. Default: the next numeral.",
        ),
    )
    content: Annotated[list[Block], Field(min_length=1)] = Field(
        description=doc("Nội dung của phần.", "Content of the section."),
    )

    @model_validator(mode="after")
    def _heading_for_other(self) -> Section:
        if self.heading is None and SectionKind.other in self.kind:
            raise PydanticCustomError("heading_required", "a section of kind `other` needs a `heading`")
        return self

    @property
    def title(self) -> str:
        """The heading as printed (before upper-casing)."""
        if self.heading:
            return self.heading
        return ", ".join(DEFAULT_HEADINGS[k] for k in self.kind)


# --- ending --------------------------------------------------------------------------------


class Signature(StrictModel):
    """The signature block: authority, position, name (ND30 Phụ lục I, mục signing)."""

    authority: Authority = Field(
        description=doc(
            "Quyền hạn ký: `TM.` (thay mặt tập thể), `KT.` (ký thay), `TL.` (thừa lệnh), "
            "`TUQ.` (thừa ủy quyền), `Q.` (quyền), `none` (người đứng đầu ký); văn bản của Đảng: "
            "`T/M` (thay mặt: `T/M BAN THƯỜNG VỤ`), `K/T`, `T/L`.",
            "Signing authority: TM., KT., TL., TUQ., Q., or none (the head signs); a Party document: "
            "T/M (on behalf of: `T/M BAN THƯỜNG VỤ`), K/T, T/L.",
        ),
    )
    collective: str | None = Field(
        default=None,
        description=doc("Tập thể ký thay mặt (với `TM.`), ví dụ `ỦY BAN NHÂN DÂN`; văn bản của Đảng "
                        "(với `T/M`): `BAN THƯỜNG VỤ`, `ĐẢNG UỶ`, `CHI BỘ`, `CHI UỶ`.",
                        "With TM.: the collective body; a Party document (with T/M): `BAN THƯỜNG VỤ`, "
                        "`ĐẢNG UỶ`, `CHI BỘ`, `CHI UỶ`."),
    )
    head: str | None = Field(
        default=None,
        description=doc(
            "Chức danh người đứng đầu được ký thay: `CHỦ TỊCH`, `GIÁM ĐỐC` (dòng `KT. CHỦ TỊCH`). "
            "Với `TM.`, ghi khi cấp phó ký.",
            "Title of the head signed for (`KT. CHỦ TỊCH`); with TM., set it when a deputy signs.",
        ),
    )
    position: str | None = Field(
        default=None,
        description=doc("Chức vụ người ký: `PHÓ CHỦ TỊCH`, `CHỦ TỊCH`; văn bản của Đảng: `BÍ THƯ`, "
                        "`PHÓ BÍ THƯ` (cấp phó vẫn ký dưới `T/M`, không dùng `K/T`).",
                        "Signer's position; a Party document: `BÍ THƯ`, `PHÓ BÍ THƯ` (a deputy still signs "
                        "under T/M, not K/T)."),
    )
    name: str | None = Field(
        default=None,
        description=doc("Họ tên người ký; bỏ trống khi chưa biết.", "Signer's name; blank if unknown."),
    )
    after_name: Annotated[list[str], BeforeValidator(_lines)] = Field(
        default_factory=list,
        description=doc(
            "Các dòng dưới tên người ký, in như viết, ví dụ `PHÓ GIÁM ĐỐC SỞ CÔNG THƯƠNG`.",
            "Lines under the signer's name, printed as written, e.g. the signer's office.",
        ),
    )
    as_written: Annotated[list[str], BeforeValidator(_lines)] = Field(
        default_factory=list,
        description=doc(
            "Các dòng trên chỗ ký in đúng như văn bản gốc (ví dụ `KT.HIỆU TRƯỞNG` viết liền), thay "
            "cho các dòng ghép từ `authority`, `head`, `position`; các trường đó vẫn nói nghĩa của "
            "khối chữ ký.",
            "The lines above the signature printed exactly as the source has them (e.g. "
            "`KT.HIỆU TRƯỞNG` typed without a space), instead of the lines made from `authority`, "
            "`head` and `position`, which still say what the block means.",
        ),
    )

    @model_validator(mode="after")
    def _complete(self) -> Signature:
        a = self.authority
        if a == Authority.TM and not self.collective:
            raise PydanticCustomError("sig_collective", "authority TM. needs `collective` (e.g. ỦY BAN NHÂN DÂN)")
        if a == Authority.party_TM and not self.collective:
            raise PydanticCustomError("sig_collective_party", "authority T/M needs `collective` (e.g. BAN THƯỜNG VỤ)")
        if a in FOR_HEAD and not self.head:
            raise PydanticCustomError("sig_head", "authority {a} needs `head` (e.g. GIÁM ĐỐC)", {"a": a.value})
        if a not in ON_BEHALF and self.collective:
            raise PydanticCustomError("sig_collective_only_tm", "`collective` is only used with TM.")
        if not self.position and a not in (Authority.Q,):
            raise PydanticCustomError("sig_position", "the signature needs the signer's `position`")
        return self

    @property
    def lines(self) -> list[str]:
        """The upper lines of the block, in order, before the room for the signature."""
        if self.as_written:
            return list(self.as_written)
        return self.composed_lines

    @property
    def composed_lines(self) -> list[str]:
        """The upper lines made from the fields, as the decree writes them."""
        return wording.signature_lines(self.authority, self.collective, self.head, self.position)


class Partner(StrictModel):
    """Another body issuing a joint plan (kế hoạch liên tịch / phối hợp): its header lines, its
    own symbol and its signature block, beside the lead issuer's."""

    issuer: Issuer = Field(description=doc(
        "Cơ quan phối hợp ban hành (như `issuer`); `place` dùng địa danh của cơ quan chủ trì.",
        "The partner body, as `issuer`; its `place` is not printed (the lead's date line is)."))
    number: Annotated[int | None, Field(ge=DOCUMENT_NUMBERS[0], le=DOCUMENT_NUMBERS[1])] = Field(
        default=None, description=doc(
        "Số văn bản của cơ quan phối hợp; bỏ trống khi là dự thảo.",
        "The partner's own document number; leave out in a draft."))
    signature: Signature | None = Field(default=None, description=doc(
        "Khối chữ ký của cơ quan phối hợp, đặt bên trái khối chữ ký của cơ quan chủ trì.",
        "The partner's signature block, left of the lead issuer's."))


class Appendix(StrictModel):
    """A Phụ lục: a small document of its own, numbered from page 1, with its label, title and
    the line “(Kèm theo Kế hoạch số … ngày … của …)”."""

    label: str | None = Field(
        default=None,
        description=doc(
            "Nhãn phụ lục như viết: `Phụ lục`, `Phụ lục số 01`, `PHỤ LỤC I`; `\"\"` (chuỗi rỗng): "
            "không in nhãn. Mặc định: `Phụ lục` (một phụ lục) hoặc `Phụ lục I`, `Phụ lục II`….",
            "The label as written; an empty text prints none. Default: `Phụ lục` or `Phụ lục I`, `II`….",
        ),
    )
    title: str | None = Field(default=None, description=doc(
        "Tên phụ lục (in hoa, đậm); có thể bỏ trống.", "Title of the appendix (upper-case, bold); optional."))
    subtitle: Annotated[list[str], BeforeValidator(_lines)] = Field(
        default_factory=list,
        description=doc(
            "Các dòng dưới tên phụ lục, in như viết (không in hoa), ví dụ `Danh mục nhiệm vụ năm 2026`.",
            "Lines under the title, printed as written (not upper-cased).",
        ),
    )
    reference: bool | str = Field(
        default=True,
        description=doc(
            "Dòng “(Kèm theo Kế hoạch số … của …)”: `true` tự tạo (mặc định), `false` không in, "
            "hoặc cả dòng như văn bản ghi.",
            "The `(Kèm theo Kế hoạch số … của …)` line: true generated, false left out, or the "
            "line as written.",
        ),
    )
    number_label: str = Field(
        default="số",
        description=doc("Chữ trước số kế hoạch ở dòng “Kèm theo”: `số` hoặc `số:`.",
                        "What precedes the plan's number in that line: `số` or `số:`."),
    )
    landscape: bool = Field(
        default=False,
        description=doc("Trang nằm ngang cho bảng rộng.", "Landscape pages for wide tables."),
    )
    header: bool = Field(
        default=False,
        description=doc(
            "Văn bản của Đảng: trang kèm theo (đề cương, phụ lục) nhắc lại phần đầu của văn bản (tên cơ quan, "
            "dấu `*`, tiêu đề, địa danh và ngày tháng; không có số), rồi tên và `-----`, như các cấp ủy thường làm.",
            "A Party document's attachment (an outline, an annex) that repeats the header (bodies, star, "
            "title, place and date; no number), then its title and `-----`, as Party committees do.",
        ),
    )
    content: Annotated[list[Block], Field(min_length=1)] = Field(
        description=doc("Nội dung: tiêu đề phần, mục, điểm, bảng, dòng `Biểu 01`, chỗ ký…",
                        "Content: headings, items, points, tables, captions, a signature place…"))


class Numbering(StrEnum):
    roman = "roman"
    decimal = "decimal"


class LabelMark(StrEnum):
    dot = "."
    hyphen = "-"


class HeadingCase(StrEnum):
    upper = "upper"
    as_written = "as_written"


class BasisEnd(StrEnum):
    uniform = "uniform"
    as_written = "as_written"


class HouseStyle(StrictModel):
    """An office's house style, within the ranges of ND30 Phụ lục I; every setting is optional
    and the template's own value is kept for what is not set. Also `[style]` in `plangen.toml`."""

    line_spacing: Annotated[float | None, Field(ge=1.0, le=1.5)] = Field(default=None, description=doc(
        "Giãn dòng của phần nội dung, từ 1.0 (dòng đơn) đến 1.5 (NĐ 30); mẫu dùng 1.15, "
        "văn bản thực tế thường 1.0–1.05.",
        "Line spacing of the body, 1.0 (single) to 1.5 (ND30); the template uses 1.15."))
    margin_top: Annotated[float | None, Field(ge=20, le=25)] = Field(default=None, description=doc(
        "Lề trên (mm), 20–25.", "Top margin in mm, 20–25."))
    margin_bottom: Annotated[float | None, Field(ge=20, le=25)] = Field(default=None, description=doc(
        "Lề dưới (mm), 20–25.", "Bottom margin in mm, 20–25."))
    margin_left: Annotated[float | None, Field(ge=30, le=35)] = Field(default=None, description=doc(
        "Lề trái (mm), 30–35.", "Left margin in mm, 30–35."))
    margin_right: Annotated[float | None, Field(ge=15, le=20)] = Field(default=None, description=doc(
        "Lề phải (mm), 15–20.", "Right margin in mm, 15–20."))
    title_space_before: Annotated[float | None, Field(ge=0, le=36)] = Field(default=None, description=doc(
        "Khoảng cách trước chữ KẾ HOẠCH (pt); mẫu: 18.", "Space before the type name in pt; template: 18."))
    title_space_after: Annotated[float | None, Field(ge=0, le=36)] = Field(default=None, description=doc(
        "Khoảng cách sau đường kẻ dưới trích yếu (pt); mẫu: 12.",
        "Space after the rule under the summary in pt; template: 12."))
    title_rule: Annotated[float | None, Field(ge=0.33, le=0.5)] = Field(default=None, description=doc(
        "Độ dài đường kẻ dưới trích yếu, tính theo độ dài dòng trích yếu: từ 1/3 (0.33) đến 1/2 (0.5); "
        "mẫu: 0.35.",
        "Length of the rule under the summary, as a share of the summary's line: 1/3 to 1/2."))
    recipients_width: Annotated[float | None, Field(ge=40, le=85)] = Field(default=None, description=doc(
        "Độ rộng cột “Nơi nhận” (mm); mẫu 1.4: khoảng 53; mẫu: 55. Cột chữ ký lấy phần còn lại.",
        "Width of the recipients column in mm (Mẫu 1.4: about 53); the signature takes the rest."))

    def merged_over(self, base: HouseStyle | None) -> HouseStyle:
        """These settings, with `base`'s for what is not set here (a plan over its office)."""
        if base is None:
            return self
        mine = self.model_dump(exclude_none=True)
        return HouseStyle.model_validate({**base.model_dump(exclude_none=True), **mine})

    @property
    def empty(self) -> bool:
        return not self.model_dump(exclude_none=True)


VariableValue = str | int | float | bool | VnDate

DocumentNumber = Annotated[int, Field(ge=DOCUMENT_NUMBERS[0], le=DOCUMENT_NUMBERS[1])] | \
    Annotated[str, Field(pattern=r"^0{0,5}[1-9][0-9]{0,4}$")]
"""A document's number: `204`, or the digits as the office writes them, leading zeros kept (`"0204"`,
printed so); a number below 10 is printed with the decree's leading zero either way (`05`)."""


class Plan(StrictModel):
    """An annual plan (Kế hoạch) in the format of Nghị định 30/2020/NĐ-CP, or of Hướng dẫn
    36-HD/VPTW for a Party committee (`issuer.format: party`)."""

    issuer: Issuer = Field(description=doc("Cơ quan ban hành.", "The issuing body."))
    number: DocumentNumber | None = Field(
        default=None,
        description=doc("Số văn bản; bỏ trống khi là dự thảo (in `Số:      /KH-…`; văn bản của Đảng "
                        "`Số      -KH/ĐU`). Văn bản của Đảng đánh số liên tục trong cả nhiệm kỳ. Số có chữ số 0 "
                        "ở đầu như cơ quan ghi (`\"0204\"`) viết trong ngoặc kép, in đúng như vậy. Kế hoạch "
                        "ban hành kèm theo quyết định (`issued_with`): số của quyết định, không in dòng `Số:`.",
                        "Document number; leave out in a draft (renders the blank; a Party document "
                        "`Số      -KH/ĐU`). A Party committee numbers through its whole term. A number with "
                        "leading zeros as the office writes it (`\"0204\"`) is quoted, and printed so. A plan "
                        "issued with a decision (`issued_with`): the decision's number, no `Số:` line printed."),
    )
    date: VnDate | None = Field(
        default=None,
        description=doc("Ngày ban hành; bỏ trống khi là dự thảo.", "Date of issue; leave out in a draft."),
    )
    issue_year: Annotated[int | None, Field(ge=YEARS[0], le=YEARS[1])] = Field(
        default=None,
        description=doc("Năm ban hành khi chưa có ngày (mặc định: năm kế hoạch).",
                        "Year of issue when there is no date yet (default: the plan year)."),
    )
    year: Annotated[int, Field(ge=YEARS[0], le=YEARS[1])] = Field(
        description=doc("Năm của kế hoạch; dùng `{{ year }}` trong văn bản.",
                        "The plan's year; use `{{ year }}` in texts."),
    )
    summary: NonEmptyText = Field(
        description=doc("Trích yếu nội dung (dưới chữ KẾ HOẠCH); xuống dòng bằng `\\n`.",
                        "Summary (trích yếu) under the type name; `\\n` breaks a line."),
    )
    draft_month: Annotated[int | None, Field(ge=1, le=12)] = Field(
        default=None,
        description=doc(
            "Dự thảo đã biết tháng ban hành: `4` in `ngày      tháng 4 năm 2026` ở dòng ngày tháng "
            "và dòng “Kèm theo” của phụ lục.",
            "A draft whose month is known: `4` prints `ngày … tháng 4 năm 2026` in the date line "
            "and the appendix line.",
        ),
    )
    issued_with: DocumentReference | None = Field(
        default=None,
        description=doc(
            "Văn bản kế hoạch được ban hành kèm theo hoặc thực hiện (Quyết định, Nghị quyết, "
            "Kế hoạch, văn bản của Đảng `35-NQ/TU`); in dòng `(Kèm theo … số … ngày … của …)` "
            "dưới trích yếu. Không có số, ngày riêng trừ khi `own_number: true`.",
            "The document this plan is issued with or implements; then no number or date of its "
            "own unless `own_number: true`.",
        ),
    )
    partners: list[Partner] = Field(
        default_factory=list,
        description=doc(
            "Kế hoạch liên tịch, phối hợp: các cơ quan cùng ban hành (mỗi cơ quan tên, số riêng, "
            "khối chữ ký). Cơ quan chủ trì là `issuer`.",
            "Joint plans: the other issuing bodies (header lines, own number, signature); the "
            "lead body is `issuer`.",
        ),
    )
    theme: str | None = Field(
        default=None,
        description=doc("Chủ đề của năm; dùng `{{ theme }}` trong văn bản.",
                        "Theme of the year; use `{{ theme }}` in texts."),
    )
    variables: dict[Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")], VariableValue] = Field(
        default_factory=dict,
        description=doc(
            "Biến tự đặt dùng trong văn bản: `han_bao_cao: 05/10/2025` rồi `{{ han_bao_cao | dmy }}`.",
            "Your own variables for texts: `han_bao_cao: 05/10/2025`, then `{{ han_bao_cao | dmy }}`.",
        ),
    )
    legal_bases: TextList = Field(
        default_factory=list,
        description=doc(
            "Căn cứ, văn bản làm cơ sở (mỗi văn bản một phần tử). Nếu lời mở đầu không dùng "
            "`{{ legal_bases }}`, mỗi căn cứ in thành một dòng “Căn cứ …;”.",
            "Legal bases, one document each. Unless the preamble uses `{{ legal_bases }}`, "
            "each is printed as a line “Căn cứ …;”.",
        ),
    )
    preamble: TextList = Field(
        default_factory=list,
        description=doc("Lời mở đầu, mỗi đoạn một phần tử.", "Preamble paragraphs."),
    )
    legal_bases_end: BasisEnd = Field(
        default=BasisEnd.uniform,
        description=doc(
            "Cách in các căn cứ: `uniform` (thống nhất): mỗi căn cứ in “Căn cứ …;”. `as_written` (như viết): "
            "giữ dấu `.` hoặc `;` tác giả viết "
            "cuối mỗi căn cứ và không thêm “Căn cứ” khi căn cứ đã mở đầu bằng “Căn cứ”, “Thực hiện”…; "
            "căn cứ cuối cùng kết thúc như mẫu của Nghị định.",
            "`uniform`: every basis printed `Căn cứ …;`. `as_written`: the author's `.` or `;` "
            "kept, no `Căn cứ` added to a basis that opens with its own words; the last basis "
            "ends as the decree shows.",
        ),
    )
    numbering: Numbering = Field(
        default=Numbering.roman,
        description=doc("Đánh số phần: `roman` (số La Mã I, II; mục 1, 2) hoặc `decimal` (số thập phân 1, 2; "
                        "mục 1.1, 1.2).",
                        "Section numbering: roman (I, II) or decimal (1, 2 with 1.1 items)."),
    )
    label_mark: LabelMark = Field(
        default=LabelMark.dot,
        description=doc("Dấu sau số La Mã của phần và số của mục: `.` (`I.`, `1.`, mặc định) hoặc `-` (`I-`, `1-`, "
                        "cách đánh số cũ của văn bản của Đảng, như chính Hướng dẫn 36-HD/VPTW viết).",
                        "The mark after a section's Roman numeral and an item's number: `.` (`I.`, `1.`, the "
                        "default) or `-` (`I-`, `1-`, the Party's older style, as 36-HD/VPTW itself writes)."),
    )
    heading_case: HeadingCase = Field(
        default=HeadingCase.upper,
        description=doc(
            "Chữ của tiêu đề phần: `upper` (in hoa, mặc định) hoặc `as_written` (như viết, ví dụ "
            "`1. Mục tiêu` trong đề cương đánh số thập phân).",
            "Case of section headings: upper (default) or as written (`1. Mục tiêu`).",
        ),
    )
    item_title_end: str = Field(
        default="",
        description=doc(
            "Dấu đặt sau tiêu đề mục đứng riêng một dòng (ví dụ `.` cho `2. Công an huyện.`).",
            "Punctuation after an item title that stands on its own line (e.g. `.`).",
        ),
    )
    sections: Annotated[list[Section], Field(min_length=1, max_length=MAX_SECTIONS)] = Field(
        description=doc("Các phần của kế hoạch, theo thứ tự (tối đa 399).",
                        "The plan's sections, in order (at most 399)."),
    )
    closing: TextList = Field(
        default_factory=list,
        description=doc("Đoạn kết sau các phần (`Trên đây là Kế hoạch …`).",
                        "Closing paragraphs after the sections."),
    )
    recipients: TextList = Field(
        default_factory=list,
        description=doc("Nơi nhận, mỗi nơi một phần tử (không cần `- ` và `;`; văn bản của Đảng in "
                        "`,` cuối mỗi nơi).",
                        "Recipients, one each (the `- ` and `;` are added; a Party document ends each "
                        "with `,`)."),
    )
    archive: str = Field(
        default="VT",
        description=doc("Dòng lưu: `VT, NC` in thành `- Lưu: VT, NC.`; văn bản của Đảng: `Văn phòng Đảng uỷ` "
                        "in thành `- Lưu Văn phòng Đảng uỷ.` (không có dấu `:`).",
                        "Archive line: `- Lưu: VT, NC.`; a Party document: `Văn phòng Đảng uỷ` prints "
                        "`- Lưu Văn phòng Đảng uỷ.` (no colon)."),
    )
    signature: Signature | None = Field(
        default=None, description=doc("Khối chữ ký.", "The signature block."))
    appendices: list[Appendix] = Field(
        default_factory=list, description=doc("Các phụ lục.", "Appendices."))
    source_record: TextList = Field(
        default_factory=list,
        description=doc(
            "Chữ đứng trên phần đầu văn bản trong tệp đã nhập (bản ghi của cổng thông tin: số hiệu, "
            "ngày, lĩnh vực, trích yếu…; ghi chú của công cụ chuyển đổi), mỗi đoạn một phần tử. Không "
            "thuộc thể thức: `plangen import` giữ lại để không mất chữ nào; khi tạo văn bản, in như "
            "đã viết, tô vàng, phía trên phần đầu. Xóa trước khi ban hành.",
            "Text standing above the header in an imported file (a portal's record: number, date, "
            "field, summary…; a converter's note), one paragraph each. Not part of the format: "
            "`plangen import` keeps it so that no word is lost; `build` prints it as written, "
            "highlighted, above the header. Delete it before issuing.",
        ),
    )
    style: HouseStyle | None = Field(
        default=None,
        description=doc(
            "Kiểu trình bày riêng của cơ quan (giãn dòng, lề, khoảng cách quanh tên văn bản, cột "
            "nơi nhận, đường kẻ dưới trích yếu), trong giới hạn của NĐ 30; ghi đè `[style]` của "
            "`plangen.toml`.",
            "The office's house style within ND30's ranges; overrides `[style]` of `plangen.toml`.",
        ),
    )

    @field_validator("recipients")
    @classmethod
    def _no_archive_in_recipients(cls, value: list[str]) -> list[str]:
        for i, r in enumerate(value):
            if r.strip().lstrip("- ").startswith("Lưu:"):
                raise PydanticCustomError(
                    "archive_in_recipients",
                    "recipient {i} is the archive line: write it as `archive: …` instead", {"i": i})
        return value

    def _decision_numbered(self) -> bool:
        """A plan issued with a decision is known by the decision's number and date ("Kế hoạch
        ban hành kèm theo Quyết định số 2623/QĐ-TTg"): `number` and `date` may repeat them,
        never be its own."""
        assert self.issued_with is not None
        head = re.match(r"\d+", self.issued_with.number)
        return (self.number is None or (head is not None and int(head.group(0)) == int(self.number))) and (
            self.date is None or self.date == self.issued_with.date)

    @model_validator(mode="after")
    def _consistent(self) -> Plan:
        if self.issued_with and not self.issued_with.own_number and not self._decision_numbered():
            raise PydanticCustomError(
                "issued_with_number",
                "a plan issued with a decision has no number or date of its own; remove them")
        if self.date and self.issue_year and self.date.year != self.issue_year:
            raise PydanticCustomError(
                "issue_year", "issue_year {y} differs from the year of the date {d}",
                {"y": self.issue_year, "d": self.date.isoformat()})
        if self.draft_month is not None and self.date is not None:
            raise PydanticCustomError(
                "draft_month_date", "`draft_month` is for a draft without a date; remove it")
        if self.issuer.format == DocumentFormat.party:
            self._party_consistent()
        elif any(a.header for a in self.appendices):
            raise PydanticCustomError(
                "appendix_header_state", "an appendix that repeats the header (`header: true`) is a Party "
                "document's attachment: set `issuer.format: party` or remove it")
        if any(a.reference is True for a in self.appendices) and not self.issuer.full_name:
            raise PydanticCustomError(
                "appendix_full_name",
                "appendices need `issuer.full_name` for the line “Kèm theo Kế hoạch … của …”")
        return self

    def _party_consistent(self) -> None:
        """What the Party's layout cannot print (Hướng dẫn 36-HD/VPTW has no such parts)."""
        if self.issuer.unit:
            raise PydanticCustomError(
                "party_unit", "a Party symbol has no drafting unit (`Số 12-KH/ĐU`): remove `issuer.unit`")
        if self.partners:
            raise PydanticCustomError(
                "party_partners", "joint plans (`partners`) are laid out for state bodies only")

    @property
    def year_of_issue(self) -> int:
        return wording.year_of_issue(self.date, self.issue_year, self.year)

