"""placeholders: nothing is left to fill in.

`plangen new`, `derive` and `import` leave `[…]` placeholders, `# REVIEW` marks and an empty
signer name for a person to complete. A plan that still holds any of them is unfinished: `check`
reports each (so that CI refuses it), while `plangen build` still makes a draft to circulate and
lists them as warnings. `plangen todo plan.yaml` lists the same.

Good:
    summary: Phòng, chống mua bán người năm {{ year }}
    signature: {authority: KT., head: GIÁM ĐỐC, position: PHÓ GIÁM ĐỐC, name: Nguyễn Văn An}
Bad:
    summary: "[Tên kế hoạch] năm {{ year }}"
    place: "[Địa danh]"  # REVIEW: place of the date line not found
    signature: {…, name: ""}
    source_record: ["Số hiệu: 12-KH/ĐU | Ngày ban hành: …"]   (a portal's record kept by import)

Source: Nghị định 30/2020/NĐ-CP, Điều 8 (a document is issued complete, signed by name).
"""

from __future__ import annotations

from collections.abc import Iterator

from plangen.check.finding import NOTE, Finding, finding
from plangen.check.view import PlanView, Where
from plangen.i18n import _
from plangen.plan.placeholders import EMPTY_REQUIRED, placeholders_in, todo_in_yaml

ID = "placeholders"
SEVERITY = "error"
SOURCES = ("yaml", "docx")


def message(kind: str, text: str) -> str:
    if kind == "placeholder":
        return _("still to fill in: {what}").format(what=text)
    if kind == "review":
        return _("review mark not resolved: {note}").format(note=text)
    return _("empty: {what}").format(what=_(text))


def check(view: PlanView, config) -> Iterator[Finding]:
    if view.record:  # a portal's record kept above the header (`source_record`): not the document's
        first = view.record[0]
        yield finding(_("text above the header is not part of the plan (a portal's record of it, a "
                        "converter's note: “{words}”): delete it before issuing").format(words=first.text[:60]),
                      first.where)
    if view.source == "yaml":
        todos = todo_in_yaml(view.text, view.file) if view.text else []
        for todo in todos:
            yield finding(message(todo.kind, todo.text), Where(todo.line, todo.column, path=todo.path))
        if view.signer_name is not None and not view.signer_name.strip() and not any(
                todo.kind == "empty" for todo in todos):
            # written as a `{{ }}` of a --each table whose cell is empty: empty once the row is put in
            where = view.signature[-1].where if view.signature else Where(None, None)
            yield finding(message("empty", EMPTY_REQUIRED[("signature", "name")]),
                          Where(where.line, where.column, path=("signature", "name")))
        return
    lines = [*view.issuer_lines, *(x for x in view.header.values() if x), *view.summary, *view.preamble,
             *(line for s in view.sections for line in (s.heading, *s.lines)), *view.recipients,
             *view.signature, *view.appendix_lines]
    for line in lines:
        for _offset, placeholder in placeholders_in(line.text):
            yield finding(message("placeholder", placeholder), line.where)
    if view.signature and view.signer_name is not None and not view.signer_name.strip():
        # in a Word file the name may stand where the reader did not look for it (another cell, a shape)
        yield finding(_("no signer's name was found under the signature block"), view.signature[-1].where, NOTE)


DOC_VI = """placeholders: không còn chỗ nào phải điền.

`plangen new`, `derive` và `import` để lại các chỗ `[…]`, các ghi chú `# REVIEW` và họ tên người ký
để trống cho người soạn điền. Kế hoạch còn những chỗ đó là chưa xong: `check` báo lỗi từng chỗ (để
CI từ chối), còn `plangen build` vẫn tạo bản dự thảo để xin ý kiến và liệt kê chúng thành cảnh báo.
`plangen todo plan.yaml` liệt kê đúng các chỗ ấy.

Đúng:
    summary: Phòng, chống mua bán người năm {{ year }}
Sai:
    summary: "[Tên kế hoạch] năm {{ year }}"
    place: "[Địa danh]"  # REVIEW: …
    signature: {…, name: ""}
    source_record: ["Số hiệu: 12-KH/ĐU | Ngày ban hành: …"]   (bản ghi của cổng thông tin, import giữ lại)

Căn cứ: Nghị định 30/2020/NĐ-CP, Điều 8 (văn bản ban hành phải đầy đủ, ghi rõ họ tên người ký).
"""
"""The rule's documentation in Vietnamese (`plangen check --explain`, the default language)."""
