"""`plangen web` in a real browser (Playwright driving Debian's chromium, installed by .ci/run): a
clerk makes a commune's plan from the registry, fills it in, sees its first page, fixes what the
check finds by clicking it, and downloads a Word file that `plangen check` passes.

A screenshot of the editor is kept in tests/artifacts/ (ignored by git) for a person to look at."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

pytestmark = [
    pytest.mark.soffice,
    pytest.mark.skipif(not Path(CHROMIUM).is_file(), reason="Debian's chromium is not installed"),
    pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed"),
]


@pytest.fixture
def editor(tmp_path):
    """`plangen web FOLDER --no-browser`, as a person starts it; the address it prints."""
    folder = tmp_path / "ke-hoach"
    folder.mkdir()
    env = {**os.environ, "PLANGEN_LANG": "vi"}
    proc = subprocess.Popen([sys.executable, "-m", "plangen.cli", "web", str(folder), "--no-browser"],
                            stderr=subprocess.PIPE, text=True, env=env)
    url = None
    for line in proc.stderr:
        if line.strip().startswith("http://127.0.0.1:"):
            url = line.strip()
            break
    assert url, "plangen web printed no address"
    yield folder, url
    proc.terminate()
    proc.wait(20)


@pytest.fixture
def browser_context():
    """A browser whose pages' console errors and uncaught exceptions fail the test (a console
    error is a bug the clerk's browser shows to whoever opens its tools)."""
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1440, "height": 960}, accept_downloads=True)
        problems: list[str] = []

        def watch(tab) -> None:
            tab.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
            tab.on("pageerror", lambda e: problems.append(f"uncaught: {e}"))
            tab.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)

        context.on("page", watch)
        yield context
        browser.close()
        assert not problems, problems


@pytest.fixture
def page(browser_context):
    return browser_context.new_page()


def version(page) -> int:
    return int(page.locator("#version").get_attribute("value"))


def type_into(page, path: list, text: str) -> None:
    """Type a field's text as a person does (then leave the field), and wait for the editor's answer."""
    before = version(page)
    field = page.locator(f"[data-path='{json.dumps(path, ensure_ascii=False, separators=(',', ':'))}']").first
    box = field.locator("textarea, input:not([type=hidden])").first
    box.fill(text)
    box.press("Tab")
    page.wait_for_function(f"Number(document.querySelector('#version').value) > {before}")


def findings(page) -> list[str]:
    return page.locator(".finding.error").all_inner_texts()


def test_a_clerk_makes_a_commune_plan(editor, page, tmp_path):
    folder, url = editor
    page.goto(url)
    assert page.locator("h1").inner_text().startswith("Các kế hoạch")
    # a commune of Vĩnh Long, from the registry
    page.select_option("#issuer-kind", "commune")
    page.select_option("select[name=province]", "vinh-long")
    page.fill("input[name=commune]", "Tân Hòa")
    page.fill("input[name=year]", "2027")
    page.fill("input[name=topic]", "Phòng, chống thiên tai")
    page.fill("#create input[name=name]", "thien-tai-2027")
    page.click("#create button[type=submit]")
    page.wait_for_url("**/edit?f=thien-tai-2027.yaml")
    assert (folder / "thien-tai-2027.yaml").is_file()

    # three sections filled: purpose and requirements, content, funding and implementation
    type_into(page, ["legal_bases", 0], "Luật Phòng, chống thiên tai ngày 19 tháng 6 năm 2013")
    type_into(page, ["sections", 0, "content", 0, "item"], "Chủ động phòng ngừa, ứng phó kịp thời với thiên tai.")
    type_into(page, ["sections", 0, "content", 1, "item"], "Huy động sự tham gia của cả hệ thống chính trị.")
    type_into(page, ["sections", 1, "content", 0, "title"], "Công tác tuyên truyền")
    type_into(page, ["sections", 1, "content", 0, "content", 0, "point"], "Tuyên truyền trên loa truyền thanh xã.")
    type_into(page, ["sections", 1, "content", 0, "content", 1, "point"], "Tập huấn kỹ năng ứng phó cho người dân.")
    # two assignments: an agency of the commune with a deadline, and a request to another body
    type_into(page, ["sections", 2, "content", 0, "agency"], "Công an xã")
    type_into(page, ["sections", 2, "content", 0, "tasks", 0, "text"], "Bảo đảm an ninh trật tự trong mùa mưa bão.")
    type_into(page, ["sections", 2, "content", 1, "agency"], "Ban Chỉ huy Quân sự xã")
    type_into(page, ["sections", 2, "content", 1, "tasks", 0], "Phối hợp cứu hộ, cứu nạn khi có thiên tai.")
    type_into(page, ["sections", 3, "content", 0], "Kinh phí từ ngân sách xã năm 2027.")
    type_into(page, ["sections", 4, "content", 0, "item"], "Văn phòng HĐND và UBND xã theo dõi, đôn đốc thực hiện.")
    type_into(page, ["recipients", 0], "UBND tỉnh Vĩnh Long")
    type_into(page, ["recipients", 1], "Các ban, ngành, đoàn thể xã")

    # the first page: header and title, on the official page (the PDF LibreOffice made)
    page.wait_for_selector("#pages img#page-1", timeout=120_000)
    assert page.locator("#page-1").evaluate("img => img.complete && img.naturalWidth > 300")
    pdf = page.request.get(url.split("/?")[0] + "/edit/download.pdf?f=thien-tai-2027.yaml")
    assert pdf.ok
    (tmp_path / "plan.pdf").write_bytes(pdf.body())
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(tmp_path / "plan.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout
    for words in ("ỦY BAN NHÂN DÂN", "XÃ TÂN HÒA", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "KẾ HOẠCH",
                  "Phòng, chống thiên tai"):
        assert words in first, (words, first[:800])

    # what the check still finds: the signer's name; clicking it leads to the field
    left = findings(page)
    assert left, "the skeleton's signer is to be named"
    before = version(page)
    page.locator(".finding.error a.pin").first.click()
    focused = page.evaluate("document.activeElement.closest('[data-path]').dataset.path")
    assert json.loads(focused) == ["signature", "name"], focused
    page.keyboard.type("Nguyễn Văn An")
    page.keyboard.press("Tab")
    page.wait_for_function(f"Number(document.querySelector('#version').value) > {before}")
    page.wait_for_selector(".findings .good", timeout=30_000)
    assert not findings(page)

    page.click("#save")
    page.wait_for_selector("#messages .message.ok")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "web-editor.png"
    page.wait_for_selector("#pages img#page-1", timeout=120_000)
    page.screenshot(path=str(shot))
    print(f"screenshot of the editor: {shot}")

    with page.expect_download() as download:
        page.click("a[href^='/edit/download.docx']")
    docx = tmp_path / "ke-hoach.docx"
    download.value.save_as(docx)
    checked = subprocess.run([sys.executable, "-m", "plangen.cli", "check", str(docx)], capture_output=True,
                             text=True, env={**os.environ, "PLANGEN_LANG": "en"})
    assert checked.returncode == 0, checked.stdout + checked.stderr
    saved = (folder / "thien-tai-2027.yaml").read_text(encoding="utf-8")
    assert "Nguyễn Văn An" in saved and "# Dự thảo kế hoạch năm 2027" in saved  # its comments kept


HEAD = """\
issuer:
  name: [ỦY BAN NHÂN DÂN, XÃ AN KHÁNH]
  code: UBND
  place: An Khánh
year: 2027
summary: Phòng, chống thiên tai năm 2027
sections:
"""

TABLE_PLAN = HEAD + """\
  - kind: content
    content:
      - table:
          columns: [Đơn vị, Kết quả]
          rows:
            - [Công an xã, Đạt]
            - [Đoàn thanh niên, Đạt]
signature: {authority: TM., collective: ỦY BAN NHÂN DÂN, position: CHỦ TỊCH, name: Nguyễn Văn A}
"""


def test_a_clerk_merges_cells_in_the_form_and_completes_a_value_in_the_yaml_tab(editor, page):
    folder, url = editor
    (folder / "bang.yaml").write_text(TABLE_PLAN, encoding="utf-8")
    page.goto(url)
    page.goto(url.split("/?")[0] + "/edit?f=bang.yaml")
    # the first cell spans two rows: typed in its ↕ box
    cell = page.locator("[data-path='[\"sections\",0,\"content\",0,\"table\",\"rows\",0,0]']")
    before = version(page)
    box = cell.locator(".span").first.locator("input")
    box.fill("2")
    box.press("Tab")
    page.wait_for_function(f"Number(document.querySelector('#version').value) > {before}")
    text = page.locator("#yaml-text").input_value()
    assert "rowspan: 2" in text and "text: Công an xã" in text, text
    # the YAML tab: after `kind: ` Ctrl+Space offers the section kinds; a click writes one
    page.click(".tabs .tab[data-tab=yaml-pane]")
    area = page.locator("#yaml-text")
    value = area.input_value()
    at = value.index("kind: content") + len("kind: ")
    area.evaluate(f"(a) => {{ a.value = a.value.replace('kind: content', 'kind: '); a.focus(); "
                  f"a.selectionStart = a.selectionEnd = {at}; }}")
    page.keyboard.press("Control+Space")
    page.wait_for_selector("#completion:not([hidden]) li")
    offered = page.locator("#completion li").all_inner_texts()
    assert any(o.startswith("funding — ") for o in offered), offered
    assert any(o.startswith("funding — ") and "kinh phí" in o.lower() for o in offered), offered
    page.locator("#completion li", has_text="funding").first.dispatch_event("mousedown")
    assert "kind: funding\n" in area.input_value()


SMALL_PLAN = HEAD + """\
  - kind: [purpose, requirements]
    content:
      - item: Chủ động phòng ngừa thiên tai.
      - item: Huy động toàn dân tham gia.
  - kind: content
    content:
      - item: Tuyên truyền trên loa truyền thanh.
  - kind: funding
    content:
      - Kinh phí từ ngân sách xã.
  - kind: implementation
    content:
      - item: Các đơn vị báo cáo kết quả trước ngày 15/12/2027.
recipients: [UBND tỉnh, Các đơn vị]
archive: VT
signature: {authority: TM., collective: ỦY BAN NHÂN DÂN, position: CHỦ TỊCH, name: Nguyễn Văn A}
"""


def at(path: list) -> str:
    return f"[data-path='{json.dumps(path, ensure_ascii=False, separators=(',', ':'))}']"


def plan_data(page) -> dict:
    from plangen.drafting.textedit import read

    return read(page.locator("#yaml-text").input_value())


def open_plan(editor, page, name: str, text: str):  # type: ignore[no-untyped-def]
    folder, url = editor
    (folder / name).write_text(text, encoding="utf-8")
    page.goto(url)
    page.goto(url.split("/?")[0] + f"/edit?f={name}")
    return folder


def wait_for_version(page, above: int) -> None:
    page.wait_for_function(f"Number(document.querySelector('#version').value) > {above}")


def test_kind_ticks_the_kind_of_a_new_block_and_a_click_queued_behind_a_redraw(editor, page):
    open_plan(editor, page, "xa.yaml", SMALL_PLAN)
    # a section's kinds: one box unticked changes that section only
    before = version(page)
    page.locator(at(["sections", 0, "kind"]) + " input[value=requirements]").uncheck()
    wait_for_version(page, before)
    sections = plan_data(page)["sections"]
    assert [s["kind"] for s in sections] == [["purpose"], "content", "funding", "implementation"], sections
    before = version(page)
    page.locator(at(["sections", 0, "kind"]) + " input[value=requirements]").check()
    wait_for_version(page, before)
    assert [s["kind"] for s in plan_data(page)["sections"]][:2] == [["purpose", "requirements"], "content"]
    # "+ Thêm" adds a block of the kind chosen beside it
    adder = page.locator(at(["sections", 1, "content"]) + " > .add-block")
    adder.locator("select").select_option("table")
    before = version(page)
    adder.locator("button").click()
    wait_for_version(page, before)
    content = plan_data(page)["sections"][1]["content"]
    assert len(content) == 2 and "table" in content[1], content
    # two clicks in a row: the second waits behind the first, whose answer redraws the form the
    # second button was in; it is sent all the same
    before = version(page)
    page.evaluate("""() => {
        document.querySelector(`[data-path='["sections",0,"content",0]'] button[aria-label="Chuyển xuống"]`).click();
        document.querySelector(`[data-path='["recipients"]'] > button.add`).click();
    }""")
    wait_for_version(page, before + 1)
    page.wait_for_timeout(300)
    data = plan_data(page)
    assert [b["item"] for b in data["sections"][0]["content"]] == ["Huy động toàn dân tham gia.",
                                                                  "Chủ động phòng ngừa thiên tai."]
    assert data["recipients"] == ["UBND tỉnh", "Các đơn vị", ""], data["recipients"]


def test_findings_are_shown_at_their_labelled_fields_and_the_form_works_by_keyboard(editor, page):
    open_plan(editor, page, "xa.yaml", SMALL_PLAN.replace("code: UBND", "code: ubnd"))
    # every input has a label of its own, with words in it
    unnamed = page.evaluate("""() => Array.from(document.querySelectorAll(
        'input:not([type=hidden]), select, textarea')).filter(e => !Array.from(e.labels || [])
        .some(l => l.textContent.trim())).map(e => e.outerHTML.slice(0, 120))""")
    assert not unnamed, unnamed[:5]
    # the finding names its field as the form does, and is shown at the field, which is marked
    code = page.get_by_label("Chữ viết tắt tên cơ quan trong ký hiệu văn bản", exact=True)
    assert code.get_attribute("aria-invalid") == "true"
    note = page.locator("#" + code.get_attribute("aria-describedby").split()[-1])
    assert note.is_visible() and note.inner_text() == page.locator(".finding").first.get_attribute("data-message")
    named = page.locator(".finding").first.inner_text()
    assert "Cơ quan ban hành › Chữ viết tắt tên cơ quan trong ký hiệu văn bản" in named, named
    # by keyboard only: the field fixed, the mark gone
    code.focus()
    page.keyboard.press("Control+A")
    before = version(page)
    page.keyboard.type("UBND")
    page.keyboard.press("Tab")
    wait_for_version(page, before)
    page.wait_for_selector(".findings .good")
    assert code.get_attribute("aria-invalid") is None and not page.locator(".field-problem").count()
    # a list's items are named by the list and their number; Enter on "+ Thêm" adds one
    assert page.get_by_label("Nơi nhận số 2", exact=True).input_value() == "Các đơn vị"
    page.locator(at(["recipients"]) + " > button.add").focus()
    before = version(page)
    page.keyboard.press("Enter")
    wait_for_version(page, before)
    page.wait_for_timeout(100)
    assert page.evaluate("document.activeElement.id") == "f-recipients-add"  # the focus kept, the form redrawn
    for _back in range(3):  # the new item's delete and move-up buttons (the last moves no lower), its text
        page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "f-recipients-2-in"
    before = version(page)
    page.keyboard.type("Lưu trữ xã")
    page.keyboard.press("Tab")
    wait_for_version(page, before)
    assert plan_data(page)["recipients"][2] == "Lưu trữ xã"
    assert page.get_by_role("button", name="Chuyển lên").count() > 3


def test_a_review_mark_left_by_an_import_is_marked_reviewed(editor, page):
    marked = SMALL_PLAN.replace("archive: VT", "archive: VT  # REVIEW: dòng lưu đọc từ bảng")
    open_plan(editor, page, "nhap.yaml", marked)
    button = page.locator(".finding button.reviewed")
    assert "Đã xem lại" in button.inner_text()
    assert page.locator(".field-problem button.reviewed").count() == 1  # at the field too
    before = version(page)
    page.locator(".field-problem button.reviewed").click()
    wait_for_version(page, before)
    page.wait_for_selector(".findings .good")
    text = page.locator("#yaml-text").input_value()
    assert "REVIEW" not in text and "\narchive: VT\n" in text


def test_vietnamese_typed_decomposed_or_composed_by_an_input_method(editor, page):
    import unicodedata

    open_plan(editor, page, "xa.yaml", SMALL_PLAN)
    # decomposed letters (a Mac's keyboard, a text pasted from a PDF) are written composed
    typed = unicodedata.normalize("NFD", "Tuyên truyền phòng chống lụt bão")
    type_into(page, ["sections", 1, "content", 0, "item"], typed)
    item = plan_data(page)["sections"][1]["content"][0]["item"]
    assert item == unicodedata.normalize("NFC", typed) and item != typed
    # an input method composing a letter: nothing is sent until it is made
    box = page.get_by_label("Tiêu đề phần, nếu khác tiêu đề mặc định của loại").first
    box.click()
    cdp = page.context.new_cdp_session(page)
    before = version(page)
    cdp.send("Input.imeSetComposition", {"text": "Nhiệ", "selectionStart": 4, "selectionEnd": 4})
    page.wait_for_timeout(1200)
    assert version(page) == before, "a half-made letter was sent"
    cdp.send("Input.insertText", {"text": "Nhiệm vụ"})
    wait_for_version(page, before)
    assert plan_data(page)["sections"][0]["heading"] == "Nhiệm vụ"


def leave_refused(page, box, text: str) -> None:
    """Type into a field of a page behind the plan, leave it, and wait for the refusal's box."""
    count = page.locator("#kept .kept").count()
    box.fill(text)
    box.press("Tab")
    page.wait_for_function(f"document.querySelectorAll('#kept .kept').length > {count} || Array.from("
                           f"document.querySelectorAll('#kept textarea')).some(a => a.value === {json.dumps(text)})")


def test_two_tabs_editing_the_same_plan(editor, page, browser_context):
    """A tab behind the plan loses nothing typed: its change is refused (never made over the other
    tab's), kept in a box with the text, and made again on the plan as it is now with one click; a
    field the other tab changed too is only to copy."""
    open_plan(editor, page, "xa.yaml", SMALL_PLAN)
    browser_context.grant_permissions(["clipboard-read", "clipboard-write"], origin=page.url.split("/edit")[0])
    other = browser_context.new_page()
    other.goto(page.url)
    type_into(page, ["recipients", 0], "UBND tỉnh Vĩnh Long")
    # the other tab is behind: its change is refused, said, and kept (in its field and in the box)
    box = other.locator(at(["recipients", 1])).locator("input, textarea").first
    leave_refused(other, box, "Các ban, ngành xã")
    kept = other.locator("#kept .kept")
    assert kept.count() == 1 and "thẻ khác" in kept.inner_text()
    assert other.get_by_label("Chữ bạn đã gõ ở “Nơi nhận số 2”").input_value() == "Các ban, ngành xã"
    assert box.input_value() == "Các ban, ngành xã"  # the page is not made again under the clerk's fingers
    assert plan_data(page)["recipients"] == ["UBND tỉnh Vĩnh Long", "Các đơn vị"]
    unnamed = other.evaluate("""() => Array.from(document.querySelectorAll('#kept textarea, #kept button'))
        .filter(e => !(Array.from(e.labels || []).some(l => l.textContent.trim()) || e.textContent.trim()
                       || e.getAttribute('aria-label'))).map(e => e.outerHTML.slice(0, 120))""")
    assert not unnamed, unnamed
    # typed on in the same field: one box, with the latest text
    leave_refused(other, box, "Các ban, ngành, đoàn thể xã")
    assert kept.count() == 1
    before = version(other)
    kept.get_by_role("button", name="Tải kế hoạch mới nhất và ghi thay đổi của tôi vào đó").click()
    wait_for_version(other, before)
    other.wait_for_selector("#kept .kept", state="detached")
    assert plan_data(other)["recipients"] == ["UBND tỉnh Vĩnh Long", "Các ban, ngành, đoàn thể xã"]
    other.wait_for_function("(document.querySelector(`[data-path='[\"recipients\",0]'] textarea, "
                            "[data-path='[\"recipients\",0]'] input`) || {}).value === 'UBND tỉnh Vĩnh Long'")

    # both tabs type in the same field: the one behind keeps its text, only to copy
    type_into(other, ["archive"], "VT, TCKH")
    page.bring_to_front()
    archive = page.locator(at(["archive"])).locator("input, textarea").first
    leave_refused(page, archive, "VT, VP")
    kept = page.locator("#kept .kept")
    assert "cũng đã được sửa" in kept.inner_text()
    assert not kept.get_by_role("button", name="Tải kế hoạch mới nhất và ghi thay đổi của tôi vào đó").count()
    kept.get_by_role("button", name="Chép chữ tôi đã gõ").click()
    kept.get_by_role("button", name="Đã chép").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == "VT, VP"
    before = version(page)
    kept.get_by_role("button", name="Tải kế hoạch mới nhất", exact=True).click()
    wait_for_version(page, before)
    assert archive.input_value() == "VT, TCKH" and kept.is_visible()  # the plan as it is; my text still here
    assert plan_data(page)["archive"] == "VT, TCKH"
    kept.get_by_role("button", name="Đóng").click()
    assert not page.locator("#kept .kept").count()


def test_the_finding_of_an_empty_signers_name_is_at_the_name_field(editor, page):
    unsigned = SMALL_PLAN.replace(", name: Nguyễn Văn A}", "}")  # no name at all
    open_plan(editor, page, "ky.yaml", unsigned)
    name = page.get_by_label("Họ tên người ký", exact=True)
    assert name.get_attribute("aria-invalid") == "true"
    note = page.locator("#" + name.get_attribute("aria-describedby").split()[-1])
    assert note.is_visible() and "họ tên người ký" in note.inner_text()
    page.locator(".finding.error a.pin", has_text="họ tên người ký").click()
    assert page.evaluate("document.activeElement.id") == name.get_attribute("id")
    before = version(page)
    page.keyboard.type("Nguyễn Văn An")
    page.keyboard.press("Tab")
    wait_for_version(page, before)
    page.wait_for_selector(".findings .good")
    assert name.get_attribute("aria-invalid") is None


def test_a_plan_with_yaml_errors_is_mended_in_the_yaml_tab(editor, page):
    broken = SMALL_PLAN.replace("year: 2027", "year: 2027\n  bad: [unclosed")
    open_plan(editor, page, "hong.yaml", broken)
    assert page.locator("#plan-form .message.error").count() == 1
    page.click(".tabs .tab[data-tab=yaml-pane]")
    area = page.get_by_label("Tệp kế hoạch dạng văn bản")
    area.fill(SMALL_PLAN.replace("year: 2027", "year: hai nghìn"))
    before = version(page)
    page.get_by_role("button", name="Áp dụng văn bản").click()
    wait_for_version(page, before)
    # the plan reads as YAML now; the year that is no number is found, at its field
    page.click(".tabs .tab[data-tab=form-pane]")
    year = page.get_by_label("Năm của kế hoạch", exact=True)
    assert year.get_attribute("aria-invalid") == "true"
    # a plan with errors is not built: the download says why, in the page
    page.click("a[href^='/edit/download.docx']")
    page.wait_for_selector("#messages .message.error")
    assert "lỗi" in page.locator("#messages").inner_text()
    type_into(page, ["year"], "2027")
    page.wait_for_selector(".findings .good")


def test_a_download_holds_what_was_just_typed(editor, page, tmp_path):
    from plangen.word.docxtext import text as docx_text

    open_plan(editor, page, "xa.yaml", SMALL_PLAN)
    box = page.get_by_label("Nơi nhận số 2", exact=True)
    box.fill("Các ban, ngành, đoàn thể xã")  # the field not left: the download sends it first
    with page.expect_download() as download:
        page.click("a[href^='/edit/download.docx']")
    assert download.value.suggested_filename == "xa.docx"
    download.value.save_as(tmp_path / "xa.docx")
    assert "Các ban, ngành, đoàn thể xã" in docx_text(tmp_path / "xa.docx")


def test_a_file_changed_on_disk_while_edited(editor, page):
    folder = open_plan(editor, page, "xa.yaml", SMALL_PLAN)
    type_into(page, ["recipients", 0], "UBND tỉnh Vĩnh Long")  # edited, not saved
    (folder / "xa.yaml").write_text(SMALL_PLAN.replace("archive: VT", "archive: VT, VP"), encoding="utf-8")
    type_into(page, ["recipients", 1], "Các ban, ngành xã")
    warning = page.locator("#status .message.warn")
    assert warning.is_visible()
    before = version(page)
    warning.locator("button").first.click()  # read it again: the file as it is on disk
    wait_for_version(page, before)
    assert plan_data(page)["archive"] == "VT, VP" and plan_data(page)["recipients"][0] == "UBND tỉnh"
    type_into(page, ["recipients", 0], "UBND tỉnh Vĩnh Long")
    (folder / "xa.yaml").write_text(SMALL_PLAN, encoding="utf-8")
    type_into(page, ["recipients", 1], "Các ban, ngành xã")
    page.locator("#status .message.warn button").nth(1).click()  # mine saved over it
    page.wait_for_selector("#messages .message.ok")
    saved = (folder / "xa.yaml").read_text(encoding="utf-8")
    assert "UBND tỉnh Vĩnh Long" in saved and "Các ban, ngành xã" in saved
