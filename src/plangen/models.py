"""The plan, as data: the single source of truth for validation, the JSON Schema and field docs.

A plan (Kế hoạch) has a header (issuer, number, date), a title (summary / trích yếu), a preamble,
ordered sections made of content blocks, an ending (recipients, signature) and appendices.
Text fields may use inline markup (`*italic*`, `**bold**`, footnotes `^[note]`) and the plan's
variables (`{{ year }}`, `{{ theme }}`…); both are applied when the document is rendered.

Every field carries a description in Vietnamese followed by English, so that the generated
schema documents the plan format for editors (YAML language server) and for people.
"""

from __future__ import annotations

import datetime as dt
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

    governing_body: Annotated[list[str], BeforeValidator(_lines)] = Field(
        default_factory=list,
        description=doc(
            "Cơ quan chủ quản (dòng trên, chữ đứng, không đậm), ví dụ `UBND TỈNH VĨNH LONG`. "
            "Bỏ trống với Ủy ban nhân dân, Bộ.",
            "Governing body (upper line, regular), e.g. `UBND TỈNH VĨNH LONG`. "
            "Leave out for a People's Committee or a ministry.",
        ),
    )
    name: Lines = Field(
        description=doc(
            "Tên cơ quan ban hành, mỗi dòng một phần tử, ví dụ `[ỦY BAN NHÂN DÂN, THÀNH PHỐ HÀ NỘI]`; "
            "in hoa, đậm khi xuất bản.",
            "Issuing body as printed, one line per entry; rendered upper-case and bold.",
        ),
    )
    full_name: str | None = Field(
        default=None,
        description=doc(
            "Tên cơ quan viết thường trong câu, ví dụ `Ủy ban nhân dân Thành phố Hà Nội`; "
            "dùng cho dòng “Kèm theo Kế hoạch … của …” ở phụ lục.",
            "Name of the body in running text, used in the appendix line "
            "`(Kèm theo Kế hoạch … của …)`.",
        ),
    )
    code: Annotated[str, Field(pattern=r"^[A-ZĐ][A-ZĐ0-9]*(?:[/.][A-ZĐ0-9]+)*$")] = Field(
        description=doc(
            "Chữ viết tắt tên cơ quan trong ký hiệu văn bản: UBND, SYT, BYT…",
            "Issuer code in the document symbol: UBND, SYT, BYT…",
        ),
    )
    unit: Annotated[str | None, Field(pattern=r"^[A-ZĐ][A-ZĐ0-9]*$")] = Field(
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


class DecisionReference(StrictModel):
    """The decision a plan is issued with (`Kèm theo Quyết định số …`)."""

    number: Annotated[str, Field(pattern=r"^\d+/[A-ZĐa-zđ0-9/-]+$")] = Field(
        description=doc("Số và ký hiệu quyết định, ví dụ `1206/QĐ-UBND`.",
                        "Number and symbol of the decision, e.g. `1206/QĐ-UBND`."),
    )
    date: VnDate = Field(description=doc("Ngày ký quyết định.", "Date of the decision."))
    by: NonEmptyText = Field(
        description=doc(
            "Người hoặc cơ quan ban hành quyết định, ví dụ `Chủ tịch Ủy ban nhân dân tỉnh Vĩnh Long`.",
            "Who issued the decision, e.g. `Chủ tịch Ủy ban nhân dân tỉnh Vĩnh Long`.",
        ),
    )


# --- content blocks ------------------------------------------------------------------------

class Paragraph(StrictModel):
    """A plain paragraph (justified, first-line indent). A bare string is a paragraph too."""

    text: str = Field(description=doc("Nội dung đoạn văn.", "The paragraph text."))

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value


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

    @model_validator(mode="after")
    def _has_text(self) -> Item:
        if not self.title and not self.item:
            raise PydanticCustomError("item_empty", "an item needs `item` (its text) or `title`")
        return self


class Point(StrictModel):
    """A lettered point `a)`, `b)`… in Vietnamese letter order (a b c d đ e g…)."""

    point: str = Field(description=doc("Nội dung điểm.", "Text of the point."))
    content: list[Block] = Field(default_factory=list,
                                 description=doc("Nội dung con.", "Nested content."))


class Bullet(StrictModel):
    """A dash bullet `- …`."""

    bullet: str = Field(description=doc("Nội dung gạch đầu dòng.", "Text of the bullet."))
    content: list[Block] = Field(default_factory=list,
                                 description=doc("Nội dung con.", "Nested content."))


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
            "`inline` (viết tiếp sau tên cơ quan).",
            "How tasks are laid out: dash bullets, paragraphs, or inline after the agency name.",
        ),
    )
    separator: str = Field(
        default=": ",
        description=doc("Với `inline`: ký tự nối tên cơ quan và nhiệm vụ (`: ` hoặc ` `).",
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


class TableSpec(StrictModel):
    """A table written out by the author."""

    columns: Annotated[list[str], Field(min_length=1)] = Field(
        description=doc("Tiêu đề các cột.", "Column headings."))
    rows: list[list[str]] = Field(
        default_factory=list, description=doc("Các hàng, mỗi hàng một danh sách ô.",
                                              "Rows, each a list of cells."))
    widths: list[float] | None = Field(
        default=None,
        description=doc("Độ rộng các cột (cm); mặc định chia đều.",
                        "Column widths in cm; even by default."),
    )

    @model_validator(mode="after")
    def _shape(self) -> TableSpec:
        n = len(self.columns)
        for i, row in enumerate(self.rows):
            if len(row) != n:
                raise PydanticCustomError(
                    "table_row", "row {row} has {got} cells, the table has {n} columns",
                    {"row": i, "got": len(row), "n": n})
        if self.widths is not None and len(self.widths) != n:
            raise PydanticCustomError("table_widths", "give one width per column ({n})", {"n": n})
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


BLOCK_KEYS: dict[str, str] = {
    "text": "paragraph", "item": "item", "title": "item", "point": "point", "bullet": "bullet",
    "agency": "assignment", "table": "table", "budget": "budget", "task_table": "task_table",
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
    | Annotated[Assignment, Tag("assignment")]
    | Annotated[Table, Tag("table")]
    | Annotated[Budget, Tag("budget")]
    | Annotated[TaskTable, Tag("task_table")],
    Discriminator(
        block_kind,
        custom_error_type="block_kind",
        custom_error_message=(
            "unknown kind of content: expected a text or a mapping with one of the keys "
            "text, item, title, point, bullet, agency, table, budget, task_table"
        ),
    ),
]

_BLOCK_CLASSES: dict[str, type[BaseModel]] = {
    "paragraph": Paragraph, "item": Item, "point": Point, "bullet": Bullet,
    "assignment": Assignment, "table": Table, "budget": Budget, "task_table": TaskTable,
}


# --- sections ------------------------------------------------------------------------------

class SectionKind(StrEnum):
    purpose = "purpose"
    requirements = "requirements"
    objectives = "objectives"
    theme = "theme"
    content = "content"
    assignments = "assignments"
    funding = "funding"
    implementation = "implementation"
    reporting = "reporting"
    other = "other"


DEFAULT_HEADINGS: dict[SectionKind, str] = {
    SectionKind.purpose: "MỤC ĐÍCH",
    SectionKind.requirements: "YÊU CẦU",
    SectionKind.objectives: "MỤC TIÊU",
    SectionKind.theme: "CHỦ ĐỀ",
    SectionKind.content: "NỘI DUNG TRỌNG TÂM",
    SectionKind.assignments: "PHÂN CÔNG NHIỆM VỤ",
    SectionKind.funding: "KINH PHÍ THỰC HIỆN",
    SectionKind.implementation: "TỔ CHỨC THỰC HIỆN",
    SectionKind.reporting: "CHẾ ĐỘ BÁO CÁO",
}
"""Heading of a section when the plan does not word it; several kinds join with ", "."""


class Section(StrictModel):
    """A numbered section of the plan (I., II.… by default)."""

    kind: Annotated[list[SectionKind], BeforeValidator(_one_or_many), Field(min_length=1)] = Field(
        description=doc(
            "Loại phần: purpose (mục đích), requirements (yêu cầu), objectives (mục tiêu), "
            "theme (chủ đề), content (nội dung trọng tâm), assignments (phân công), "
            "funding (kinh phí), implementation (tổ chức thực hiện), reporting (báo cáo), other. "
            "Có thể ghi nhiều loại: `[purpose, requirements]`.",
            "Kind of section; several kinds may be listed for a combined section.",
        ),
    )
    heading: str | None = Field(
        default=None,
        description=doc("Tiêu đề phần, nếu khác tiêu đề mặc định của loại; in hoa khi xuất bản.",
                        "Heading, when it differs from the kind's default; rendered upper-case."),
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

class Authority(StrEnum):
    """ND30 Phụ lục I: signing authority."""

    TM = "TM."
    KT = "KT."
    TL = "TL."
    TUQ = "TUQ."
    Q = "Q."
    none = "none"


class Signature(StrictModel):
    """The signature block: authority, position, name (ND30 Phụ lục I, mục signing)."""

    authority: Authority = Field(
        description=doc(
            "Quyền hạn ký: `TM.` (thay mặt tập thể), `KT.` (ký thay), `TL.` (thừa lệnh), "
            "`TUQ.` (thừa ủy quyền), `Q.` (quyền), `none` (người đứng đầu ký).",
            "Signing authority: TM., KT., TL., TUQ., Q., or none (the head signs).",
        ),
    )
    collective: str | None = Field(
        default=None,
        description=doc("Với `TM.`: tập thể, ví dụ `ỦY BAN NHÂN DÂN`.",
                        "With TM.: the collective body."),
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
        description=doc("Chức vụ người ký: `PHÓ CHỦ TỊCH`, `CHỦ TỊCH`.", "Signer's position."),
    )
    name: str | None = Field(
        default=None,
        description=doc("Họ tên người ký; bỏ trống khi chưa biết.", "Signer's name; blank if unknown."),
    )

    @model_validator(mode="after")
    def _complete(self) -> Signature:
        a = self.authority
        if a == Authority.TM and not self.collective:
            raise PydanticCustomError("sig_collective", "authority TM. needs `collective` (e.g. ỦY BAN NHÂN DÂN)")
        if a in (Authority.KT, Authority.TL, Authority.TUQ, Authority.Q) and not self.head:
            raise PydanticCustomError("sig_head", "authority {a} needs `head` (e.g. GIÁM ĐỐC)", {"a": a.value})
        if a != Authority.TM and self.collective:
            raise PydanticCustomError("sig_collective_only_tm", "`collective` is only used with TM.")
        if not self.position and a not in (Authority.Q,):
            raise PydanticCustomError("sig_position", "the signature needs the signer's `position`")
        return self

    @property
    def lines(self) -> list[str]:
        """The upper lines of the block, in order, before the room for the signature."""
        out: list[str] = []
        a = self.authority
        if a == Authority.TM:
            out.append(f"TM. {self.collective}")
            if self.head:
                out.append(f"KT. {self.head}")
        elif a != Authority.none:
            out.append(f"{a.value} {self.head}")
        if self.position:
            out.append(self.position)
        return [vn.upper(line) for line in out]


class Appendix(StrictModel):
    """A Phụ lục, numbered on its own, with the line “(Kèm theo Kế hoạch số … ngày …)”."""

    title: NonEmptyText = Field(description=doc("Tên phụ lục.", "Title of the appendix."))
    landscape: bool = Field(
        default=False,
        description=doc("Trang nằm ngang cho bảng rộng.", "Landscape pages for wide tables."),
    )
    content: Annotated[list[Block], Field(min_length=1)] = Field(
        description=doc("Nội dung: bảng, đoạn văn…", "Content: tables, paragraphs…"))


class Numbering(StrEnum):
    roman = "roman"
    decimal = "decimal"


VariableValue = str | int | float | bool | VnDate


class Plan(StrictModel):
    """An annual plan (Kế hoạch) in the format of Nghị định 30/2020/NĐ-CP."""

    issuer: Issuer = Field(description=doc("Cơ quan ban hành.", "The issuing body."))
    number: Annotated[int | None, Field(ge=1, le=99999)] = Field(
        default=None,
        description=doc("Số văn bản; bỏ trống khi là dự thảo (in `Số:      /KH-…`).",
                        "Document number; leave out in a draft (renders the blank)."),
    )
    date: VnDate | None = Field(
        default=None,
        description=doc("Ngày ban hành; bỏ trống khi là dự thảo.", "Date of issue; leave out in a draft."),
    )
    issue_year: Annotated[int | None, Field(ge=1945, le=2200)] = Field(
        default=None,
        description=doc("Năm ban hành khi chưa có ngày (mặc định: năm kế hoạch).",
                        "Year of issue when there is no date yet (default: the plan year)."),
    )
    year: Annotated[int, Field(ge=1945, le=2200)] = Field(
        description=doc("Năm của kế hoạch; dùng `{{ year }}` trong văn bản.",
                        "The plan's year; use `{{ year }}` in texts."),
    )
    summary: NonEmptyText = Field(
        description=doc("Trích yếu nội dung (dưới chữ KẾ HOẠCH); xuống dòng bằng `\\n`.",
                        "Summary (trích yếu) under the type name; `\\n` breaks a line."),
    )
    issued_with: DecisionReference | None = Field(
        default=None,
        description=doc("Kế hoạch ban hành kèm theo quyết định (không có số, ngày riêng).",
                        "The decision this plan is issued with (then no number or date)."),
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
    numbering: Numbering = Field(
        default=Numbering.roman,
        description=doc("Đánh số phần: `roman` (I, II; mục 1, 2) hoặc `decimal` (1, 2; mục 1.1, 1.2).",
                        "Section numbering: roman (I, II) or decimal (1, 2 with 1.1 items)."),
    )
    item_title_end: str = Field(
        default="",
        description=doc(
            "Dấu đặt sau tiêu đề mục đứng riêng một dòng (ví dụ `.` cho `2. Công an huyện.`).",
            "Punctuation after an item title that stands on its own line (e.g. `.`).",
        ),
    )
    sections: Annotated[list[Section], Field(min_length=1)] = Field(
        description=doc("Các phần của kế hoạch, theo thứ tự.", "The plan's sections, in order."),
    )
    closing: TextList = Field(
        default_factory=list,
        description=doc("Đoạn kết sau các phần (`Trên đây là Kế hoạch …`).",
                        "Closing paragraphs after the sections."),
    )
    recipients: TextList = Field(
        default_factory=list,
        description=doc("Nơi nhận, mỗi nơi một phần tử (không cần `- ` và `;`).",
                        "Recipients, one each (the `- ` and `;` are added)."),
    )
    archive: str = Field(
        default="VT",
        description=doc("Dòng lưu: `VT, NC` in thành `- Lưu: VT, NC.`", "Archive line: `- Lưu: VT, NC.`"),
    )
    signature: Signature | None = Field(
        default=None, description=doc("Khối chữ ký.", "The signature block."))
    appendices: list[Appendix] = Field(
        default_factory=list, description=doc("Các phụ lục.", "Appendices."))

    @field_validator("recipients")
    @classmethod
    def _no_archive_in_recipients(cls, value: list[str]) -> list[str]:
        for i, r in enumerate(value):
            if r.strip().lstrip("- ").startswith("Lưu:"):
                raise PydanticCustomError(
                    "archive_in_recipients",
                    "recipient {i} is the archive line: write it as `archive: …` instead", {"i": i})
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Plan:
        if self.issued_with and (self.number is not None or self.date is not None):
            raise PydanticCustomError(
                "issued_with_number",
                "a plan issued with a decision has no number or date of its own; remove them")
        if self.date and self.issue_year and self.date.year != self.issue_year:
            raise PydanticCustomError(
                "issue_year", "issue_year {y} differs from the year of the date {d}",
                {"y": self.issue_year, "d": self.date.isoformat()})
        if self.appendices and not self.issuer.full_name:
            raise PydanticCustomError(
                "appendix_full_name",
                "appendices need `issuer.full_name` for the line “Kèm theo Kế hoạch … của …”")
        return self

    @property
    def year_of_issue(self) -> int:
        if self.date:
            return self.date.year
        return self.issue_year or self.year

