"""`plangen web` through Starlette's test client: what each request does to the plan and its file,
and what it refuses (no key, another site, a path out of the folder, an upload too large)."""

from __future__ import annotations

import io
import json
import re
import shutil
import warnings
from pathlib import Path

import pytest

with warnings.catch_warnings():  # Starlette asks for httpx2; plain httpx still serves its test client
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from plangen.drafting.textedit import read
from plangen.i18n import set_language
from plangen.plan.load import load_plan, load_plan_text
from plangen.web import forms

TOKEN = "test-token-0123456789"
HOST = "127.0.0.1:8765"
COOKIE_NAME = "plangen_token_8765"  # one cookie per port: two editors may run side by side
HEADERS = {"x-plangen-token": TOKEN, "hx-request": "true"}

PLAN = """\
# Kế hoạch thử của xã (a comment the editor keeps)
issuer:
  name: [ỦY BAN NHÂN DÂN, XÃ AN KHÁNH]
  full_name: Ủy ban nhân dân xã An Khánh
  code: UBND
  place: An Khánh
year: 2027
summary: "Phòng, chống thiên tai năm {{ year }}"
legal_bases:
  - Luật Phòng, chống thiên tai năm 2013   # the law
preamble:
  - "Ủy ban nhân dân xã ban hành Kế hoạch với những nội dung sau:"
sections:
  - kind: [purpose, requirements]
    content:
      # why the plan is made
      - item: Chủ động phòng ngừa, ứng phó kịp thời với thiên tai.
      - item: Huy động sự tham gia của toàn dân.
  - kind: content
    content:
      - title: Công tác tuyên truyền
        content:
          - point: Tuyên truyền trên hệ thống loa truyền thanh.
  - kind: assignments
    content:
      - agency: Công an xã
        tasks:
          - text: Bảo đảm an ninh trật tự trong mùa mưa bão.
            deadline: 30/09/2027
      - agency: Đoàn thanh niên xã
        tasks: [Tham gia ứng cứu khi có thiên tai.]
  - kind: funding
    content:
      - Kinh phí từ ngân sách xã.
  - kind: implementation
    content:
      - item: Các đơn vị báo cáo kết quả trước ngày 15/12/2027.
recipients: [UBND tỉnh, Các đơn vị]
archive: VT
signature:
  authority: TM.
  collective: ỦY BAN NHÂN DÂN
  position: CHỦ TỊCH
  name: Nguyễn Văn A
"""


@pytest.fixture
def folder(tmp_path) -> Path:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "ke-hoach.yaml").write_text(PLAN, encoding="utf-8")
    return plans


@pytest.fixture
def client(folder) -> TestClient:
    from plangen.web.app import create_app

    app = create_app(folder, TOKEN, {HOST})
    c = TestClient(app, base_url=f"http://{HOST}")
    opened = c.get(f"/?token={TOKEN}", follow_redirects=False)
    assert opened.status_code == 303 and COOKIE_NAME in opened.headers["set-cookie"]
    c.cookies.set(COOKIE_NAME, TOKEN)
    return c


def version_of(client: TestClient, name: str = "ke-hoach.yaml") -> int:
    page = client.get(f"/edit?f={name}")
    assert page.status_code == 200, page.text
    return int(re.search(r'id="version" name="version" value="(\d+)"', page.text).group(1))


def op(client: TestClient, **fields) -> object:
    name = fields.pop("f", "ke-hoach.yaml")
    version = fields.pop("version", None)
    data = {k: json.dumps(v) if k == "path" else str(v) for k, v in fields.items()}
    data["version"] = str(version_of(client, name) if version is None else version)
    return client.post(f"/edit/op?f={name}", data=data, headers=HEADERS)


def working_text(client: TestClient, name: str = "ke-hoach.yaml") -> str:
    """The plan's text as edited (the YAML tab shows it)."""
    import html

    page = client.get(f"/edit?f={name}").text
    return html.unescape(re.search(r'<textarea name="text" id="yaml-text"[^>]*>(.*?)</textarea>', page, re.S).group(1))


# --- the key, the host, the origin ---------------------------------------------------------

def test_every_request_needs_the_key(folder):
    from plangen.web.app import create_app

    c = TestClient(create_app(folder, TOKEN, {HOST}), base_url=f"http://{HOST}")
    assert c.get("/").status_code == 403
    assert c.get("/static/htmx.min.js").status_code == 403
    assert c.get("/?token=wrong", follow_redirects=False).status_code == 403
    from plangen.web.app import start_url

    opened = c.get(start_url("127.0.0.1", 8765, TOKEN, "ke-hoach.yaml").split(HOST)[1], follow_redirects=False)
    assert opened.status_code == 303 and opened.headers["location"] == "/edit?f=ke-hoach.yaml"  # the key left out
    c.cookies.set(COOKIE_NAME, "wrong")
    assert c.get("/edit?f=ke-hoach.yaml").status_code == 403
    c.cookies.set(COOKIE_NAME, TOKEN)
    assert c.get("/").status_code == 200
    # a change needs the key in a header too (a form posted from elsewhere has only the cookie)
    refused = c.post("/edit/save?f=ke-hoach.yaml", data={})
    assert refused.status_code == 403
    assert c.post("/edit/save?f=ke-hoach.yaml", data={}, headers={"x-plangen-token": "wrong"}).status_code == 403


def test_another_host_or_site_is_refused(client):
    assert client.get("/", headers={"host": "evil.example:8765"}).status_code == 421  # DNS rebinding
    cross = client.post("/edit/save?f=ke-hoach.yaml", headers={**HEADERS, "origin": "http://evil.example"})
    assert cross.status_code == 403
    assert client.get("/", headers={"sec-fetch-site": "cross-site"}).status_code == 403
    assert client.get("/", headers={"sec-fetch-site": "same-site"}).status_code == 403  # another port
    assert client.get("/", headers={"sec-fetch-site": "none"}).status_code == 200


def test_refusals_are_said_in_vietnamese(folder):
    from plangen.web.app import create_app

    set_language("vi")
    c = TestClient(create_app(folder, TOKEN, {HOST}), base_url=f"http://{HOST}")
    page = c.get("/")
    assert page.status_code == 403 and "khóa truy cập" in page.text and "Traceback" not in page.text


# --- files inside the folder only ----------------------------------------------------------

def test_paths_out_of_the_folder_are_refused(client, folder, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text(PLAN, encoding="utf-8")
    (folder / "link.yaml").symlink_to(secret)
    (folder / "sub").mkdir()
    (folder / "sub" / "inner.yaml").write_text(PLAN, encoding="utf-8")
    for name in ("../secret.yaml", "sub/../../secret.yaml", str(secret), "link.yaml", "%2e%2e/secret.yaml"):
        answer = client.get(f"/edit?f={name}")
        assert answer.status_code in (403, 400), name
        assert "Nguyễn Văn A" not in answer.text
    assert client.get("/edit?f=sub/inner.yaml").status_code == 200
    # nor written: a new plan named out of the folder
    made = client.post("/new", data={"kind": "commune", "province": "ha-noi", "commune": "An Khánh",
                                     "year": "2027", "name": "../escape"}, headers=HEADERS)
    assert made.status_code == 204  # the name is made a file name inside the folder
    assert not (tmp_path / "escape.yaml").exists() and (folder / "escape.yaml").is_file()


# --- the form ------------------------------------------------------------------------------

def test_the_form_speaks_vietnamese_from_the_models(client):
    set_language("vi")
    page = client.get("/edit?f=ke-hoach.yaml").text
    for label in ("Trích yếu nội dung", "Năm của kế hoạch", "Cơ quan, đơn vị được giao nhiệm vụ",
                  "Hạn hoàn thành", "Cơ quan phối hợp", "Nơi nhận", "Quyền hạn ký", "mục đích"):
        assert label in page, label
    labels = re.findall(r'<div class="label"[^>]*><(?:label|span)[^>]*>([^<]*)', page)
    assert labels and not any(re.fullmatch(r"[a-z_]+", x.strip()) for x in labels), labels  # no key shown


def test_labels_come_from_the_documentation():
    from plangen.plan import models

    set_language("vi")
    spec = forms.spec_of(models.Task, "deadline")
    assert spec.label == "Hạn hoàn thành" and spec.kind == "date"
    set_language("en")
    assert forms.spec_of(models.Task, "deadline").label == "Deadline"
    layout = forms.spec_of(models.Assignment, "layout")
    assert [v for v, _label in layout.choices] == ["bullets", "paragraphs", "inline", "points"]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_party_plans_form_shows_the_party_help_from_the_models(client, folder, language):
    """The Party's forms (its superior đảng bộ, the TU/ĐU/CB symbols, T/M and its collectives, BÍ THƯ,
    the `,` of recipients, the file line without a colon) are said in each field's help, which is
    the model's documentation, as for every other field."""
    from html import unescape

    from plangen.plan import models

    from conftest import EXAMPLES

    shutil.copy(EXAMPLES / "danguy-ankhanh-2026.yaml", folder / "party.yaml")
    set_language(language)
    try:
        page = client.get("/edit?f=party.yaml").text
    finally:
        set_language("vi")

    def help_of(field_id: str) -> str:
        m = re.search(rf'id="{field_id}".*?<details class="help">.*?<div>(.*?)</div></details>', page, re.S)
        assert m, field_id
        return " ".join(unescape(re.sub(r"<[^>]+>", "", m.group(1))).split())

    party = {"f-issuer-governing_body": (models.Issuer, "governing_body", "ĐẢNG BỘ TỈNH"),
             "f-issuer-name": (models.Issuer, "name", "ĐẢNG UỶ XÃ"),
             "f-issuer-code": (models.Issuer, "code", "Số 12-KH/ĐU"),
             "f-signature-collective": (models.Signature, "collective", "BAN THƯỜNG VỤ"),
             "f-signature-position": (models.Signature, "position", "PHÓ BÍ THƯ"),
             "f-archive": (models.Plan, "archive", "- Lưu Văn phòng Đảng uỷ."),
             "f-recipients": (models.Plan, "recipients", ","),
             "f-number": (models.Plan, "number", "-KH/ĐU")}
    for field_id, (model, name, shown) in party.items():
        text = help_of(field_id)
        description = model.model_fields[name].description
        vi, _sep, en = description.partition("\n\nEN:")
        written = " ".join(re.sub(r"`", "", en if language == "en" else vi).split())
        assert text == written, (field_id, text)  # the model's words, not the form's own
        assert shown in text, (field_id, text)


def test_set_a_text_keeps_comments_and_order(client, folder):
    assert op(client, op="set", path=["summary"], value="Phòng, chống lụt bão năm {{ year }}").status_code == 200
    assert op(client, op="set", path=["sections", 2, "content", 0, "tasks", 0, "lead"],
              value="Công an xã").status_code == 200
    text = working_text(client)
    assert "# Kế hoạch thử của xã (a comment the editor keeps)" in text
    assert "# why the plan is made" in text and "# the law" in text
    assert 'summary: "Phòng, chống lụt bão năm {{ year }}"' in text or \
        "summary: Phòng, chống lụt bão năm {{ year }}" in text
    task = read(text)["sections"][2]["content"][0]["tasks"][0]
    assert list(task) == ["text", "lead", "deadline"]  # the new key where the model has it
    assert (folder / "ke-hoach.yaml").read_text(encoding="utf-8") == PLAN  # not saved yet


@pytest.mark.parametrize("kind", forms.BLOCK_ORDER)
def test_each_kind_of_block_can_be_added_and_filled(client, kind):
    assert op(client, op="add", path=["sections", 1, "content"], kind=kind).status_code == 200
    data = read(working_text(client))
    block = data["sections"][1]["content"][-1]
    assert forms.block_kind(block) == kind
    # its main text typed in the form
    main = {"paragraph": [], "item": ["item"], "point": ["point"], "bullet": ["bullet"],
            "assignment": ["agency"], "task_agency": ["agency"],
            "heading": ["heading"], "caption": ["caption"], "signoff": ["signoff", 0],
            "table": ["table", "columns", 0], "budget": ["budget", "items", 0, "name"]}.get(kind)
    if main is not None:
        path = ["sections", 1, "content", len(data["sections"][1]["content"]) - 1, *main]
        assert op(client, op="set", path=path, value="Nội dung mới").status_code == 200
    if kind == "assignment":
        tasks = ["sections", 1, "content", len(data["sections"][1]["content"]) - 1, "tasks"]
        assert op(client, op="set", path=[*tasks, 0, "text"], value="Nhiệm vụ mới").status_code == 200
        assert op(client, op="set", path=[*tasks, 0, "deadline"], value="15/10/2027").status_code == 200
        assert op(client, op="add", path=[*tasks, 0, "cooperating"]).status_code == 200
        assert op(client, op="set", path=[*tasks, 0, "cooperating", 0], value="Đoàn thanh niên").status_code == 200
    if kind == "budget":
        line = ["sections", 1, "content", len(data["sections"][1]["content"]) - 1, "budget", "items", 0]
        assert op(client, op="set", path=[*line, "amount"], value="25000000").status_code == 200
    if kind == "table":
        table = ["sections", 1, "content", len(data["sections"][1]["content"]) - 1, "table"]
        assert op(client, op="set", path=[*table, "columns", 1], value="Cột hai").status_code == 200
        assert op(client, op="set", path=[*table, "rows", 0, 0], value="ô").status_code == 200
        assert op(client, op="set", path=[*table, "rows", 0, 1], value="ô hai").status_code == 200
    text = working_text(client)
    if kind == "paragraph":
        path = ["sections", 1, "content", len(read(text)["sections"][1]["content"]) - 1]
        assert op(client, op="set", path=path, value="Một đoạn văn.").status_code == 200
        text = working_text(client)
    loaded = load_plan_text(text, "ke-hoach.yaml")  # the plan with the new block loads
    assert len(loaded.plan.sections[1].content) == 2
    if kind == "assignment":
        task = loaded.plan.sections[1].content[-1].tasks[0]
        assert task.deadline.isoformat() == "2027-10-15" and task.cooperating == ["Đoàn thanh niên"]
    if kind == "budget":
        assert loaded.plan.sections[1].content[-1].budget.items[0].amount == 25_000_000


def test_lists_add_delete_move_and_kind_change(client):
    items = ["sections", 0, "content"]
    assert op(client, op="move", path=[*items, 1], by=-1).status_code == 200
    data = read(working_text(client))
    assert data["sections"][0]["content"][0]["item"].startswith("Huy động")
    assert op(client, op="kind", path=[*items, 0], kind="bullet").status_code == 200
    data = read(working_text(client))
    assert data["sections"][0]["content"][0] == {"bullet": "Huy động sự tham gia của toàn dân."}
    assert op(client, op="delete", path=[*items, 0]).status_code == 200
    assert op(client, op="add", path=["recipients"]).status_code == 200
    assert op(client, op="set", path=["recipients", 2], value="Lưu trữ xã").status_code == 200
    data = read(working_text(client))
    assert len(data["sections"][0]["content"]) == 1 and data["recipients"][-1] == "Lưu trữ xã"
    assert "# why the plan is made" in working_text(client)


def test_a_bare_text_becomes_a_mapping_when_a_field_is_added(client):
    # `tasks: [Tham gia …]`: a task written as a bare text gets its deadline
    task = ["sections", 2, "content", 1, "tasks", 0]
    assert op(client, op="set", path=[*task, "deadline"], value="31/10/2027").status_code == 200
    data = read(working_text(client))
    assert data["sections"][2]["content"][1]["tasks"] == [
        {"text": "Tham gia ứng cứu khi có thiên tai.", "deadline": "31/10/2027"}]
    client.post("/edit/undo?f=ke-hoach.yaml", headers=HEADERS)  # one step: the text back as it was written
    assert "tasks: [Tham gia ứng cứu khi có thiên tai.]" in working_text(client)
    # the form's text field of a task written as a bare text is that text itself: it stays bare
    assert op(client, op="set", path=task, value="Tham gia ứng cứu.").status_code == 200
    assert read(working_text(client))["sections"][2]["content"][1]["tasks"] == ["Tham gia ứng cứu."]


def test_undo_and_redo(client):
    op(client, op="set", path=["year"], value="2028")
    op(client, op="set", path=["archive"], value="VT, VP")
    assert read(working_text(client))["year"] == 2028
    headers = HEADERS
    client.post("/edit/undo?f=ke-hoach.yaml", headers=headers)
    assert read(working_text(client))["archive"] == "VT"
    client.post("/edit/undo?f=ke-hoach.yaml", headers=headers)
    assert read(working_text(client))["year"] == 2027
    client.post("/edit/redo?f=ke-hoach.yaml", headers=headers)
    assert read(working_text(client))["year"] == 2028


def test_a_stale_tab_is_refused_not_applied(client):
    version = version_of(client)
    assert op(client, op="set", path=["year"], value="2028", version=version).status_code == 200
    stale = op(client, op="delete", path=["sections", 0, "content", 0], version=version)
    assert stale.status_code == 409
    assert len(read(working_text(client))["sections"][0]["content"]) == 2


def kept_box(answer) -> dict:
    """What a refusal kept of a change: its field's label, the text typed, the values that make it
    again on the plan as it is now (None when it cannot be made for the person)."""
    import html

    assert answer.status_code == 409 and answer.headers["x-plangen-kept"] == "1", answer.text
    assert answer.headers["hx-retarget"] == "#kept"
    text = re.search(r'<textarea id="[^"]*" readonly[^>]*>(.*?)</textarea>', answer.text, re.S)
    again = re.search(r"data-send='([^']*)'", answer.text)
    label = re.search(r'<label for="[^"]*">([^<]*)</label>', answer.text)
    return {"text": html.unescape(text.group(1)) if text else None,
            "label": html.unescape(label.group(1)) if label else None,
            "again": json.loads(html.unescape(again.group(1)))["values"] if again else None}


def make_again(client, again: dict, name: str = "ke-hoach.yaml"):
    """The box's button: the kept change sent again (with the page's own, stale, version)."""
    data = {k: v for k, v in again.items() if k != "value"}
    data["value"] = again["value"] if isinstance(again.get("value"), list) else [again.get("value", "")]
    data = {k: [str(x) for x in v] if isinstance(v, list) else str(v) for k, v in data.items()}
    return client.post(f"/edit/op?f={name}", data={**data, "version": data["base"]}, headers=HEADERS)


def test_a_stale_tabs_typed_change_is_kept_and_made_again_on_the_plan_as_it_is(client):
    set_language("vi")
    page = version_of(client)  # two tabs on this version
    assert op(client, op="set", path=["recipients", 0], value="UBND tỉnh Vĩnh Long", version=page).status_code == 200
    refused = op(client, op="set", path=["recipients", 1], value="Các ban, ngành xã", version=page)
    box = kept_box(refused)
    # what was typed is kept, named by the field's label, and nothing was written over the other tab's change
    assert box["text"] == "Các ban, ngành xã" and "Nơi nhận số 2" in box["label"]
    assert "thẻ khác" in refused.text and "Tải kế hoạch mới nhất và ghi thay đổi của tôi vào đó" in refused.text
    assert read(working_text(client))["recipients"] == ["UBND tỉnh Vĩnh Long", "Các đơn vị"]
    assert box["again"]["base"] == page and json.loads(box["again"]["path"]) == ["recipients", 1]
    made = make_again(client, box["again"])
    assert made.status_code == 200, made.text
    assert 'id="plan-form" hx-swap-oob="true"' in made.text  # the page shows the plan as it is now
    assert read(working_text(client))["recipients"] == ["UBND tỉnh Vĩnh Long", "Các ban, ngành xã"]
    # undo takes the change made again away, the other tab's stays
    client.post("/edit/undo?f=ke-hoach.yaml", headers=HEADERS)
    assert read(working_text(client))["recipients"] == ["UBND tỉnh Vĩnh Long", "Các đơn vị"]


def test_a_kept_change_is_not_made_over_a_change_of_its_own_field(client):
    set_language("vi")
    page = version_of(client)
    assert op(client, op="set", path=["archive"], value="VT, VP", version=page).status_code == 200
    box = kept_box(op(client, op="set", path=["archive"], value="VT, TCKH", version=page))
    assert box["text"] == "VT, TCKH" and box["again"] is None  # only to copy: the other tab typed there
    # sent all the same (a page forged, a box kept from before): refused, kept again, nothing written
    again = {"op": "set", "path": '["archive"]', "value": "VT, TCKH", "base": page}
    box = kept_box(make_again(client, again))
    assert box["again"] is None and box["text"] == "VT, TCKH"
    assert read(working_text(client))["archive"] == "VT, VP"


def test_a_kept_change_is_not_made_where_its_item_moved(client):
    page = version_of(client)
    assert op(client, op="delete", path=["sections", 0, "content", 0], version=page).status_code == 200
    # the second item is the first now: the change typed in it on the old page is kept, not made
    box = kept_box(op(client, op="set", path=["sections", 0, "content", 1, "item"], value="Đổi.", version=page))
    assert box["again"] is None and box["text"] == "Đổi."
    assert read(working_text(client))["sections"][0]["content"] == [{"item": "Huy động sự tham gia của toàn dân."}]
    # a version the editor no longer knows (or never had): kept, only to copy
    assert kept_box(op(client, op="set", path=["year"], value="2030", version=987))["again"] is None


def test_a_change_typed_on_a_page_behind_the_file_read_again_from_disk(client, folder):
    page = version_of(client)
    (folder / "ke-hoach.yaml").write_text(PLAN.replace("archive: VT", "archive: VT, NC"), encoding="utf-8")
    box = kept_box(op(client, op="set", path=["year"], value="2028", version=page))  # the file is read again
    assert box["again"] is not None
    assert make_again(client, box["again"]).status_code == 200
    data = read(working_text(client))
    assert data["year"] == 2028 and data["archive"] == "VT, NC"  # the disk's change and mine


def test_a_stale_tabs_choice_is_kept_to_be_made_again(client):
    """A value chosen (not typed) on a page behind: nothing to copy, but made again with one click."""
    page = version_of(client)
    op(client, op="set", path=["year"], value="2028", version=page)
    answer = op(client, op="set", path=["signature", "authority"], value="KT.", version=page)
    box = kept_box(answer)
    assert box["text"] is None and "<textarea" not in answer.text and box["again"]["value"] == "KT."
    assert make_again(client, box["again"]).status_code == 200
    data = read(working_text(client))
    assert data["signature"]["authority"] == "KT." and data["year"] == 2028
    # a button's change on a page behind: refused as changed meanwhile, even where its item is gone
    moved = op(client, op="move", path=["recipients", 5], by="1", version=page)
    assert moved.status_code == 409 and "x-plangen-kept" not in moved.headers


def test_a_stale_yaml_tabs_text_is_kept_to_copy(client):
    page = version_of(client)
    op(client, op="set", path=["year"], value="2028", version=page)
    mine = working_text(client).replace("year: 2028", "year: 2027").replace("archive: VT", "archive: VT, TP")
    answer = client.post("/edit/yaml?f=ke-hoach.yaml", data={"text": mine, "version": str(page)}, headers=HEADERS)
    box = kept_box(answer)
    assert box["text"] == mine and box["again"] is None  # the whole text would undo the other change
    assert read(working_text(client))["year"] == 2028


def test_a_kept_box_is_labelled_and_translated(client):
    set_language("vi")
    page = version_of(client)
    op(client, op="set", path=["year"], value="2028", version=page)
    answer = op(client, op="set", path=["archive"], value="VT", version=page)
    html = answer.text
    ids = re.findall(r'<textarea id="([^"]+)"', html)
    assert ids and all(f'<label for="{i}">' in html for i in ids)
    assert "Chép chữ tôi đã gõ" in html and "Tải kế hoạch mới nhất" in html and 'aria-label="Đóng"' in html
    set_language("en")
    try:
        assert "Copy what I typed" in op(client, op="set", path=["archive"], value="VT", version=page).text
    finally:
        set_language("vi")


def test_carries_over():
    from plangen.drafting.textedit import carries_over

    before = {"recipients": ["a", "b"], "sections": [{"content": [{"item": "x"}, "y"]}], "signature": {"name": ""}}
    now = {"recipients": ["A", "b"], "sections": [{"content": [{"item": "x"}, "y"]}], "signature": {"name": ""},
           "archive": "VT"}
    assert carries_over(("recipients", 1), before, now)  # its neighbour changed, not it
    assert not carries_over(("recipients", 0), before, now)  # changed meanwhile
    assert carries_over(("sections", 0, "content", 1, "text"), before, now)  # a bare text for its mapping
    assert carries_over(("signature", "position"), before, now)  # empty then, empty now
    assert not carries_over(("recipients", 2), before, {**now, "recipients": ["A", "b", "c"]})  # a list grown
    assert not carries_over(("signature", "name"), before, {k: v for k, v in now.items() if k != "signature"})
    assert not carries_over(("sections", 0, "content", 0, "item"), before,
                            {**now, "sections": [{"content": ["x", "y"]}]})  # written another way


def test_save_writes_atomically_and_keeps_comments(client, folder):
    op(client, op="set", path=["sections", 0, "content", 1, "item"], value="Huy động toàn dân tham gia.")
    saved = client.post("/edit/save?f=ke-hoach.yaml", headers=HEADERS)
    assert saved.status_code == 200
    text = (folder / "ke-hoach.yaml").read_text(encoding="utf-8")
    assert "Huy động toàn dân tham gia." in text
    assert text.count("#") == PLAN.count("#")  # every comment kept
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no temporary file left
    load_plan(folder / "ke-hoach.yaml")


def test_a_file_changed_on_disk_is_not_overwritten(client, folder):
    op(client, op="set", path=["year"], value="2028")
    other = PLAN.replace("archive: VT", "archive: VT, NC")
    (folder / "ke-hoach.yaml").write_text(other, encoding="utf-8")
    refused = client.post("/edit/save?f=ke-hoach.yaml", headers=HEADERS)
    assert refused.status_code == 409
    assert (folder / "ke-hoach.yaml").read_text(encoding="utf-8") == other
    page = client.get("/edit?f=ke-hoach.yaml").text
    assert "overwrite" in page or "Save mine over it" in page
    forced = client.post("/edit/save?f=ke-hoach.yaml", data={"overwrite": "1"}, headers=HEADERS)
    assert forced.status_code == 200
    assert "year: 2028" in (folder / "ke-hoach.yaml").read_text(encoding="utf-8")


def test_unchanged_plan_follows_the_file_on_disk(client, folder):
    version_of(client)
    (folder / "ke-hoach.yaml").write_text(PLAN.replace("year: 2027", "year: 2029"), encoding="utf-8")
    assert read(working_text(client))["year"] == 2029


def test_yaml_tab_and_completion(client):
    text = working_text(client).replace("archive: VT", "archive: VT, TP  # kept")
    answer = client.post("/edit/yaml?f=ke-hoach.yaml", data={"text": text, "version": str(version_of(client))},
                         headers=HEADERS)
    assert answer.status_code == 200
    assert "archive: VT, TP  # kept" in working_text(client)
    broken = client.post("/edit/yaml?f=ke-hoach.yaml", data={"text": "a: [b\n", "version": str(version_of(client))},
                         headers=HEADERS)
    assert broken.status_code == 400 and "archive: VT, TP" in working_text(client)
    at = text.index("    content:\n      - agency") + len("    content:\n      - agency: Công an xã\n        ")
    keys = client.post("/edit/complete?f=ke-hoach.yaml", data={"text": text, "offset": str(at)}, headers=HEADERS).json()
    names = {k["key"] for k in keys}
    assert {"request", "layout", "note"} <= names and "agency" not in names and "tasks" in names


def complete_at(client, text: str, marker: str = "§") -> list[dict]:
    at = text.index(marker)
    text = text.replace(marker, "")
    return client.post("/edit/complete?f=ke-hoach.yaml", data={"text": text, "offset": str(at)},
                       headers=HEADERS).json()


def test_completion_suggests_the_values_the_model_knows(client):
    """After a key's colon, the values of its closed list (with their labels), or true/false; on an
    item of a list of such values, those not written yet; a text field gets none."""
    kinds = complete_at(client, "year: 2027\nsections:\n  - heading: MỤC ĐÍCH\n    kind: §\n")
    assert [k["key"] for k in kinds][:3] == ["purpose", "requirements", "objectives"]
    assert all(k["insert"] == k["key"] for k in kinds)
    assert "funding" in {k["key"] for k in kinds} and any(k["label"] != k["key"] for k in kinds)
    begun = complete_at(client, "sections:\n  - heading: X\n    kind: re§\n")
    assert [k["key"] for k in begun] == ["requirements", "reporting"]
    listed = complete_at(client, "sections:\n  - heading: X\n    kind:\n      - purpose\n      - §\n")
    assert "purpose" not in {k["key"] for k in listed} and "requirements" in {k["key"] for k in listed}
    formats = complete_at(client, "issuer:\n  name: [X]\n  format: §\n")
    assert {k["key"] for k in formats} == {"state", "party"}
    layout = complete_at(client, "sections:\n  - content:\n      - agency: Công an xã\n        layout: §\n")
    assert {"bullets", "paragraphs", "inline"} <= {k["key"] for k in layout}
    request = complete_at(client, "sections:\n  - content:\n      - agency: Công an xã\n        request: §\n")
    assert [k["key"] for k in request] == ["true", "false"]
    assert complete_at(client, "year: 2027\nsummary: §\n") == []  # a free text: nothing to suggest
    keys = complete_at(client, "year: 2027\nsections:\n  - heading: X\n    ki§\n")
    assert keys and keys[0]["insert"] == keys[0]["key"] + ": "  # a key is still a key


def test_merged_cells_spans_edited_in_the_form(client):
    """A table's cell shows its row and column spans in the form; setting one on a cell written as a
    bare text writes it out as `{text, rowspan}`, which the plan loads as a merged cell."""
    assert op(client, op="add", path=["sections", 1, "content"], kind="table").status_code == 200
    data = read(working_text(client))
    at = len(data["sections"][1]["content"]) - 1
    table = ["sections", 1, "content", at, "table"]
    assert op(client, op="add_row", path=[*table, "rows"]).status_code == 200
    for r, c, text in ((0, 0, "Đơn vị"), (0, 1, "Kết quả"), (1, 1, "Đạt")):
        assert op(client, op="set", path=[*table, "rows", r, c], value=text).status_code == 200
    page = client.get("/edit?f=ke-hoach.yaml").text
    def span_input(r: int, c: int, key: str, value: int) -> str:
        field = json.dumps(json.dumps([*table, "rows", r, c, key], separators=(",", ":")))
        return rf'<input name="value" id="[^"]*" value="{value}"[^>]*"path": {re.escape(field)}'

    assert re.search(span_input(0, 0, "rowspan", 1), page) and re.search(span_input(0, 1, "colspan", 1), page)
    assert op(client, op="set", path=[*table, "rows", 0, 0, "rowspan"], value="2").status_code == 200
    assert op(client, op="delete", path=[*table, "rows", 1, 0]).status_code == 200  # covered from above
    cell = read(working_text(client))["sections"][1]["content"][at]["table"]["rows"][0][0]
    assert cell == {"text": "Đơn vị", "rowspan": 2}
    loaded = load_plan_text(working_text(client), "ke-hoach.yaml").plan.sections[1].content[-1]
    assert loaded.table.rows[0][0].rowspan == 2 and loaded.table.rows[0][0].text == "Đơn vị"
    assert op(client, op="set", path=[*table, "rows", 0, 1, "colspan"], value="1").status_code == 200
    page = client.get("/edit?f=ke-hoach.yaml").text
    assert re.search(span_input(0, 0, "rowspan", 2), page)


# --- preview, findings, downloads ----------------------------------------------------------

def test_quick_view_and_findings_pinned_to_fields(client):
    status = client.get("/edit/status?f=ke-hoach.yaml").text
    assert "ỦY BAN NHÂN DÂN" in status and "KẾ HOẠCH" in status and "Phòng, chống thiên tai năm 2027" in status
    # the signer's name removed: the check finds it, at its field (test_the_signers_name_cleared_…)
    op(client, op="set", path=["signature", "name"], value="")
    op(client, op="set", path=["issuer", "code"], value="ubnd")
    status = client.get("/edit/status?f=ke-hoach.yaml").text
    pins = [json.loads(x.replace("&#34;", '"')) for x in re.findall(r'class="pin" data-path=\'([^\']*)\'', status)]
    assert ["issuer", "code"] in pins, pins


def test_check_findings_of_a_valid_plan_point_at_fields(client):
    op(client, op="delete", path=["sections", 3])  # no funding section: check warns
    status = client.get("/edit/status?f=ke-hoach.yaml").text
    assert 'class="finding warning"' in status
    pins = [json.loads(x.replace("&#34;", '"')) for x in re.findall(r'class="pin" data-path=\'([^\']*)\'', status)]
    assert pins and all(p and p[0] in ("sections", "issuer", "summary") for p in pins), pins


def finding_paths(client, name: str = "ke-hoach.yaml") -> list[tuple[list, str, str]]:
    """(path, label of the field, message) of each finding the status lists."""
    import html

    status = client.get(f"/edit/status?f={name}").text
    return [(json.loads(html.unescape(path)), html.unescape(where), html.unescape(message)) for path, message, where in
            re.findall(r'<li class="finding [^"]*" data-path=\'([^\']*)\' data-message="([^"]*)">\s*<a[^>]*>'
                       r'(?:<span class="line">[^<]*</span> )?(?:<span class="where">([^<]*)</span>)?', status)]


@pytest.mark.parametrize("signature", [
    "signature:\n  authority: TM.\n  collective: ỦY BAN NHÂN DÂN\n  position: CHỦ TỊCH\n  name:\n",
    "signature:\n  authority: TM.\n  collective: ỦY BAN NHÂN DÂN\n  position: CHỦ TỊCH\n",
    "signature: {authority: TM., collective: ỦY BAN NHÂN DÂN, position: CHỦ TỊCH}\n",
    "signature: {authority: TM., collective: ỦY BAN NHÂN DÂN, position: CHỦ TỊCH, name: ''}\n",
], ids=["null", "missing", "flow-missing", "flow-empty"])
def test_an_empty_signers_name_is_found_at_the_name_field(client, folder, signature):
    """However the name is left empty (no value, no key, in a block or flow mapping), its finding
    points at the signer's name field, not at the signature block: the clerk sees where to type."""
    set_language("vi")
    (folder / "ky.yaml").write_text(PLAN[:PLAN.index("signature:")] + signature, encoding="utf-8")
    found = [f for f in finding_paths(client, "ky.yaml") if "họ tên người ký" in f[2]]
    assert len(found) == 1, found
    assert found[0][:2] == (["signature", "name"], "Khối chữ ký › Họ tên người ký"), found


def test_the_signers_name_cleared_in_the_form_is_found_at_its_field(client):
    set_language("vi")
    op(client, op="set", path=["signature", "name"], value="")  # the key goes from the file
    assert "name:" not in working_text(client).split("signature:")[1]
    assert [f[0] for f in finding_paths(client) if "họ tên người ký" in f[2]] == [["signature", "name"]]


def test_a_finding_goes_to_the_most_precise_field_known():
    from plangen.plan.placeholders import todo_in_yaml
    from plangen.web.preview import more_precise

    assert more_precise(("signature",), ("signature", "authority")) == ("signature", "authority")  # found inside
    assert more_precise(("signature", "name"), ("signature",)) == ("signature", "name")  # named by the rule
    assert more_precise((), ("issuer", "code")) == ("issuer", "code")
    assert more_precise(("recipients", 1), ("archive",)) == ("recipients", 1)
    todos = todo_in_yaml(PLAN.replace("name: Nguyễn Văn A", "name:"))  # `plangen todo` lists an empty name too
    assert [(t.kind, t.path) for t in todos] == [("empty", ("signature", "name"))]


def test_downloads(client, tmp_path):
    from plangen.check import check_path

    docx = client.get("/edit/download.docx?f=ke-hoach.yaml")
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    assert "ke-hoach.docx" in docx.headers["content-disposition"]
    (tmp_path / "out.docx").write_bytes(docx.content)
    assert check_path(tmp_path / "out.docx").errors == 0
    xlsx = client.get("/edit/download.xlsx?f=ke-hoach.yaml")
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert any("Công an xã" in str(c.value) for row in sheet.iter_rows() for c in row)


def test_a_plan_with_errors_is_not_built(client):
    op(client, op="set", path=["year"], value="hai nghìn")
    answer = client.get("/edit/download.docx?f=ke-hoach.yaml")
    assert answer.status_code == 400 and "PK" not in answer.text[:2]


@pytest.mark.soffice
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_exact_pages_and_pdf(client):
    import time

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        status = client.get("/edit/status?f=ke-hoach.yaml").text
        if 'class="page"' in status:
            break
        time.sleep(0.2)
    images = re.findall(r'src="(/page/[0-9a-f]+/\d+\.jpg)"', status)
    assert images and re.search(r"\d+ (pages|trang)", status), re.findall(r'class="message[^"]*">([^<]*)', status)
    image = client.get(images[0])
    assert image.status_code == 200 and image.content.startswith(b"\xff\xd8")
    pdf = client.get("/edit/download.pdf?f=ke-hoach.yaml")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


# --- new plans: registry, import, next year ------------------------------------------------

def test_create_from_the_registry(client, folder):
    made = client.post("/new", data={"kind": "commune", "province": "vinh-long", "commune_kind": "xã",
                                     "commune": "Tân Hòa", "year": "2027", "topic": "Phòng, chống dịch bệnh",
                                     "name": "dich benh 2027"}, headers=HEADERS)
    assert made.status_code == 204 and made.headers["hx-redirect"] == "/edit?f=dich-benh-2027.yaml"
    plan = load_plan(folder / "dich-benh-2027.yaml").plan
    assert plan.issuer.name == ["ỦY BAN NHÂN DÂN", "XÃ TÂN HÒA"] and plan.year == 2027
    again = client.post("/new", data={"kind": "commune", "province": "vinh-long", "commune": "Tân Hòa", "year": "2027",
                                      "name": "dich benh 2027"}, headers=HEADERS)
    assert again.status_code == 403  # never over an existing file
    department = client.post("/new", data={"kind": "department", "province": "vinh-long", "department": "syt",
                                           "year": "2027", "name": "so-y-te"}, headers=HEADERS)
    assert department.status_code == 204
    assert load_plan(folder / "so-y-te.yaml").plan.issuer.code == "SYT"
    for kind, extra in (("province", {"province": "da-nang"}), ("ministry", {"ministry": "byt"})):
        answer = client.post("/new", data={"kind": kind, "year": "2027", "name": kind, **extra}, headers=HEADERS)
        assert answer.status_code == 204, answer.text
    assert load_plan(folder / "province.yaml").plan.issuer.place == "Đà Nẵng"
    assert load_plan(folder / "ministry.yaml").plan.issuer.code == "BYT"
    nameless = client.post("/new", data={"kind": "commune", "commune": "", "year": "2027"}, headers=HEADERS)
    assert nameless.status_code == 400


def test_create_a_party_committees_plan(client, folder):
    """The start page drafts a Party committee's plan too (Hướng dẫn 36 format), its commune as in
    the official list; one the province does not have is refused, nothing written."""
    made = client.post("/new", data={"kind": "party-commune", "province": "khanh-hoa", "commune_kind": "xã",
                                     "commune": "cong hai", "year": "2027", "name": "du-2027"}, headers=HEADERS)
    assert made.status_code == 204, made.text
    issuer = load_plan(folder / "du-2027.yaml").plan.issuer
    assert issuer.format == "party" and issuer.name == ["ĐẢNG UỶ XÃ CÔNG HẢI"] and issuer.code == "ĐU"
    province = client.post("/new", data={"kind": "party-province", "province": "da-nang", "year": "2027",
                                         "name": "tu-2027"}, headers=HEADERS)
    assert province.status_code == 204, province.text
    assert load_plan(folder / "tu-2027.yaml").plan.issuer.name == ["THÀNH UỶ ĐÀ NẴNG"]
    unknown = client.post("/new", data={"kind": "party-commune", "province": "khanh-hoa", "commune_kind": "xã",
                                        "commune": "Không Có", "year": "2027", "name": "x"}, headers=HEADERS)
    assert unknown.status_code == 400 and not (folder / "x.yaml").exists()


def test_next_years_draft(client, folder):
    op(client, op="set", path=["archive"], value="VT, VP")  # made from the plan as edited
    answer = client.post("/next-year", data={"f": "ke-hoach.yaml"}, headers=HEADERS)
    assert answer.status_code == 204
    drafted = answer.headers["hx-redirect"].split("f=")[1]
    plan = load_plan(folder / drafted).plan
    assert plan.year == 2028
    assert "REVIEW" in (folder / drafted).read_text(encoding="utf-8") and plan.archive == "VT, VP"
    assert drafted == "ke-hoach-2028.yaml"


TEXT_PLAN = """ỦY BAN NHÂN DÂN
XÃ AN KHÁNH
Số: 12/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
An Khánh, ngày 10 tháng 01 năm 2027

KẾ HOẠCH
Phòng, chống thiên tai năm 2027

I. MỤC ĐÍCH, YÊU CẦU
1. Chủ động phòng ngừa thiên tai.
II. NỘI DUNG
1. Tuyên truyền cho nhân dân.
III. TỔ CHỨC THỰC HIỆN
1. Công an xã bảo đảm an ninh trật tự.

Nơi nhận:
- UBND huyện;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn A
"""


def test_import_an_uploaded_file(client, folder):
    answer = client.post("/import", files={"file": ("ke-hoach-cu.txt", TEXT_PLAN.encode("utf-8"), "text/plain")},
                         data={"name": ""}, headers=HEADERS)
    assert answer.status_code == 204, answer.text
    made = answer.headers["hx-redirect"].split("f=")[1]
    plan = load_plan(folder / made).plan
    assert plan.year == 2027 and len(plan.sections) == 3


def test_an_upload_over_the_limit_is_refused(client, folder, monkeypatch):
    from plangen.web import routes

    monkeypatch.setattr(routes, "MAX_UPLOAD", 1000)
    big = TEXT_PLAN.encode("utf-8") * 50
    answer = client.post("/import", files={"file": ("big.txt", big, "text/plain")}, headers=HEADERS)
    assert answer.status_code == 400 and "MB" in answer.text
    assert sorted(p.name for p in folder.iterdir()) == ["ke-hoach.yaml"]
    not_a_plan = client.post("/import", files={"file": ("x.txt", b"hello", "text/plain")}, headers=HEADERS)
    assert not_a_plan.status_code == 400 and "Traceback" not in not_a_plan.text


def test_start_page_lists_the_plans(client, folder):
    (folder / "broken.yaml").write_text("year: [\n", encoding="utf-8")
    page = client.get("/").text
    assert "ke-hoach.yaml" in page and "Phòng, chống thiên tai năm 2027" in page and "2027" in page
    assert "broken.yaml" in page


def test_every_message_of_the_pages_is_translated():
    """The templates' messages too (test_i18n reads the code's): pybabel finds them through babel.cfg."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.pofile import read_po

    from conftest import ROOT

    package = ROOT / "src" / "plangen"
    found = {m for _f, _l, m, _c, _x in extract_from_dir(
        str(package / "web"), [("**/templates/**.html", "jinja2")],
        options_map={"**/templates/**.html": {"trim_blocks": "true", "lstrip_blocks": "true"}}) if m}
    assert len(found) > 50
    po = read_po((package / "locale" / "vi" / "LC_MESSAGES" / "plangen.po").open("rb"))
    translated = {m.id for m in po if m.id and m.string}
    assert not sorted(found - translated)


def test_a_file_that_is_not_yaml_opens_for_the_yaml_tab(client, folder):
    (folder / "broken.yaml").write_text(PLAN.replace("year: 2027", "year: [2027"), encoding="utf-8")
    page = client.get("/edit?f=broken.yaml")
    assert page.status_code == 200 and "YAML" in page.text and 'class="finding error"' in page.text
    version = str(version_of(client, "broken.yaml"))
    fixed = client.post("/edit/yaml?f=broken.yaml", data={"text": PLAN, "version": version}, headers=HEADERS)
    assert fixed.status_code == 200 and 'id="plan-form"' in fixed.text


def test_an_emptied_list_item_stays_an_empty_text(client):
    assert op(client, op="set", path=["recipients", 1], value="").status_code == 200
    assert read(working_text(client))["recipients"] == ["UBND tỉnh", ""]
    assert op(client, op="set", path=["variables"], value="").status_code == 200  # nothing there: nothing done
    assert "variables" not in read(working_text(client))


MATRIX = """\
      - table:
          columns: [Nội dung nhiệm vụ, Đối tượng, Cơ quan chủ trì, Thời gian]
          roles: [task, null, agency, period]
          numbered: true
          rows:
            - [{text: "I. Nhóm nhiệm vụ phòng ngừa", colspan: 4}]
            - task: Kiểm tra đê bao
              agency: Công an xã
              period: Quý II
            - [Diễn tập ứng phó, Các thôn, Đoàn thanh niên xã, Quý III]
"""


def test_a_task_matrix_with_rows_by_role_is_shown_and_edited_in_the_form(folder, client):
    """A table whose rows are given by role shows their cells in column order, each under its
    role (the column's heading as its title); a cell typed there is written at its role, a
    column added has no role; the plan still loads and lists the matrix's tasks."""
    from plangen.plan.tasks import task_rows

    text = PLAN.replace("      - Kinh phí từ ngân sách xã.\n", "      - Kinh phí từ ngân sách xã.\n" + MATRIX)
    (folder / "ke-hoach.yaml").write_text(text, encoding="utf-8")
    table = ["sections", 3, "content", 1, "table"]
    page = client.get("/edit?f=ke-hoach.yaml").text
    assert page.index("Kiểm tra đê bao") < page.index("Công an xã", page.index("Kiểm tra đê bao")) \
        < page.index("Quý II", page.index("Kiểm tra đê bao"))  # the row's cells in column order
    cell = json.dumps(json.dumps([*table, "rows", 1, "agency"], separators=(",", ":")))
    assert re.search(r'title="Cơ quan chủ trì \(agency\)"', page) and re.escape(cell)[1:-1] in re.escape(page)
    assert "task:" not in page.split('id="yaml-text"')[0].split('class="cells"')[1][:2000]  # no key as a cell
    assert op(client, op="set", path=[*table, "rows", 1, "agency"], value="Ban Chỉ huy quân sự xã").status_code == 200
    assert op(client, op="set", path=[*table, "rows", 1, "task"], value="Kiểm tra đê bao, cống").status_code == 200
    row = read(working_text(client))["sections"][3]["content"][1]["table"]["rows"][1]
    assert row == {"task": "Kiểm tra đê bao, cống", "agency": "Ban Chỉ huy quân sự xã", "period": "Quý II"}
    assert op(client, op="set", path=[*table, "rows", 1, "period", "rowspan"], value="2").status_code == 200
    assert read(working_text(client))["sections"][3]["content"][1]["table"]["rows"][1]["period"] == {
        "text": "Quý II", "rowspan": 2}  # a cell by role merged down, written out in full
    assert op(client, op="set", path=[*table, "rows", 1, "period", "rowspan"], value="1").status_code == 200
    assert op(client, op="set", path=[*table, "roles", 1], value="note").status_code == 200
    assert op(client, op="set", path=[*table, "roles", 1], value="").status_code == 200  # back to none
    assert op(client, op="add_column", path=table).status_code == 200
    data = read(working_text(client))["sections"][3]["content"][1]["table"]
    assert data["roles"] == ["task", None, "agency", "period", None]
    assert data["rows"][1] == {**row, "period": {"text": "Quý II", "rowspan": 1}}  # the row left by role
    plan = load_plan_text(working_text(client), "ke-hoach.yaml").plan
    rows = [(r.agency, r.task, r.period) for r in task_rows(plan) if r.item.startswith("IV")]
    assert rows == [("Ban Chỉ huy quân sự xã", "Kiểm tra đê bao, cống", "Quý II"),
                    ("Đoàn thanh niên xã", "Diễn tập ứng phó", "Quý III")]
    status = client.get("/edit/status?f=ke-hoach.yaml").text
    assert "Kiểm tra đê bao, cống" in status  # the quick view prints the table's cells


# --- what a QA pass found: the findings named and pinned, review marks, the Party's quick view --

def test_a_finding_names_its_field_by_the_label_the_form_shows(client):
    set_language("vi")
    op(client, op="set", path=["issuer", "code"], value="ubnd")
    status = client.get("/edit/status?f=ke-hoach.yaml").text
    assert '<span class="where">Cơ quan ban hành › Chữ viết tắt tên cơ quan trong ký hiệu văn bản</span>' in status
    assert 'data-message="' in status  # the message, for app.js to show at the field
    data = read(working_text(client))
    assert forms.label_at(data, ("recipients", 1)) == "Nơi nhận số 2"
    assert forms.label_at(data, ("sections", 2, "content", 0, "tasks", 0, "deadline")).endswith("› Hạn hoàn thành")


def test_a_review_mark_is_taken_away_its_text_kept(client, folder):
    from plangen.plan.placeholders import review_done

    text = "a: 1  # REVIEW: the date read from the footer\n# REVIEW: a line of its own\nb: 'x # y'  # REVIEW: q\n"
    assert review_done(text, 1) == "a: 1\n# REVIEW: a line of its own\nb: 'x # y'  # REVIEW: q\n"
    assert review_done(text, 2) == "a: 1  # REVIEW: the date read from the footer\nb: 'x # y'  # REVIEW: q\n"
    assert review_done(text, 3).endswith("b: 'x # y'\n")
    assert review_done(text, 9) == text  # no mark there: nothing changes
    marked = PLAN.replace("archive: VT", "archive: VT  # REVIEW: the archive line was read from a table")
    (folder / "nhap.yaml").write_text(marked, encoding="utf-8")
    status = client.get("/edit/status?f=nhap.yaml").text
    line = marked.splitlines().index("archive: VT  # REVIEW: the archive line was read from a table") + 1
    assert "/edit/reviewed" in status and f'"line": {line}' in status
    version = str(version_of(client, "nhap.yaml"))
    answer = client.post("/edit/reviewed?f=nhap.yaml", data={"line": str(line), "version": version}, headers=HEADERS)
    assert answer.status_code == 200
    text = working_text(client, "nhap.yaml")
    assert "REVIEW" not in text and "\narchive: VT\n" in text
    assert "/edit/reviewed" not in client.get("/edit/status?f=nhap.yaml").text
    stale = client.post("/edit/reviewed?f=nhap.yaml", data={"line": str(line), "version": "0"}, headers=HEADERS)
    assert stale.status_code == 409


def test_the_quick_view_of_a_party_plan_shows_the_partys_header(client, folder):
    from conftest import ROOT

    shutil.copy(ROOT / "examples" / "danguy-ankhanh-2026.yaml", folder / "dang-uy.yaml")
    status = client.get("/edit/status?f=dang-uy.yaml").text
    quick = status[status.index('class="quick"'):]
    for words in ("ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "ĐẢNG UỶ XÃ AN KHÁNH", "Số 05-KH/ĐU",
                  '<div class="star">*</div>', "-----"):
        assert words in quick, words
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in quick


@pytest.mark.parametrize("method, where, status", [("GET", "/no-such-page", 404), ("POST", "/", 405),
                                                    ("GET", "/edit/save?f=ke-hoach.yaml", 405),
                                                    ("GET", "/static/nothing.js", 404),
                                                    ("GET", "/edit/download.odt?f=ke-hoach.yaml", 404)])
def test_pages_not_found_or_not_allowed_are_said_in_vietnamese(client, method, where, status):
    set_language("vi")
    answer = client.request(method, where, headers={"x-plangen-token": TOKEN})
    assert answer.status_code == status
    assert "Not Found" not in answer.text and "Method Not Allowed" not in answer.text
    assert "danh sách kế hoạch" in answer.text and '<html lang="vi">' in answer.text
    if status == 405:
        assert answer.headers.get("allow")
    htmx = client.request(method, where, headers=HEADERS)
    assert htmx.status_code == status and htmx.headers["hx-retarget"] == "#messages"


def test_every_input_of_the_form_has_a_label(client, folder):
    from html.parser import HTMLParser

    from conftest import ROOT

    class Inputs(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.ids, self.labelled, self.unnamed = set(), set(), []

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "label" and a.get("for"):
                self.labelled.add(a["for"])
            if tag in ("input", "select", "textarea") and a.get("type") != "hidden":
                if not a.get("id"):
                    self.unnamed.append((tag, a))
                elif a["id"] in self.ids:
                    self.unnamed.append(("duplicate id", a))
                else:
                    self.ids.add(a["id"])

    for example in ("hanoi-2025.yaml", "danguy-ankhanh-2026.yaml", "socongthuong-2026.yaml"):
        shutil.copy(ROOT / "examples" / example, folder / example)
        found = Inputs()
        found.feed(client.get(f"/edit?f={example}").text)
        assert not found.unnamed, found.unnamed[:3]
        assert found.ids and not found.ids - found.labelled, sorted(found.ids - found.labelled)[:5]


def test_the_form_sends_its_changes_from_an_element_never_redrawn(client):
    """The buttons, menus and fields say what they send (data-send); app.js sends it from #sender,
    outside every fragment an answer redraws, and no element of a fragment posts by itself."""
    page = client.get("/edit?f=ke-hoach.yaml").text
    assert '<div id="sender" hidden hx-include="#version">' in page
    answer = op(client, op="set", path=["summary"], value="Phòng, chống thiên tai năm {{ year }}").text
    fragments = re.split(r'(?=<[^>]+hx-swap-oob="true")', answer)
    assert len(fragments) > 2 and 'id="sender"' not in answer
    assert not re.search(r"hx-(post|get|put|delete)=", answer.split('id="status"')[0] + "".join(
        f for f in fragments if 'id="status"' not in f)), "a redrawn element posts by itself"


def test_the_editors_page_is_told_a_refusal_without_a_failed_request(client):
    """The page's own requests (X-Plangen-Page) are answered 200, the refusal's status in a header:
    the browser's console shows no failed request for what the person can act on."""
    set_language("vi")
    page = {**HEADERS, "x-plangen-page": "1"}
    stale = client.post("/edit/op?f=ke-hoach.yaml", data={"op": "delete", "path": '["recipients", 0]',
                                                          "version": "999"}, headers=page)
    assert stale.status_code == 200 and stale.headers["x-plangen-status"] == "409"
    assert stale.headers["hx-retarget"] == "#messages" and "thẻ khác" in stale.text
    typed = client.post("/edit/op?f=ke-hoach.yaml", data={"op": "set", "path": '["year"]', "value": "2028",
                                                         "version": "999"}, headers=page)  # kept (test_a_stale_tab_…)
    assert typed.status_code == 200 and typed.headers["x-plangen-status"] == "409"
    assert typed.headers["hx-retarget"] == "#kept" and typed.headers["x-plangen-kept"] == "1"
    op(client, op="set", path=["year"], value="hai")
    unbuilt = client.get("/edit/download.docx?f=ke-hoach.yaml", headers=page)
    assert unbuilt.status_code == 200 and unbuilt.headers["x-plangen-status"] == "400" and "lỗi" in unbuilt.text
    missing = client.get("/khong-co", headers=page)
    assert missing.status_code == 200 and missing.headers["x-plangen-status"] == "404"


def test_text_sent_decomposed_is_written_composed(client):
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Bảo đảm an ninh trật tự")
    assert op(client, op="set", path=["recipients", 0], value=decomposed).status_code == 200
    assert read(working_text(client))["recipients"][0] == unicodedata.normalize("NFC", decomposed)
