"""The editor's requests: each one a few calls into the library, and a page or part of one."""

from __future__ import annotations

import json
import tempfile
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from plangen.errors import PlangenError
from plangen.i18n import N_, _
from plangen.web import forms
from plangen.web.documents import Conflict, OpenPlan
from plangen.web.preview import analyse
from plangen.web.templating import templates

MAX_UPLOAD = 50 * 2**20  # the import's own limit (word.sources.MAX_BYTES)
PAGE_WAIT_S = 0.05  # the exact pages, when ready this quickly, come with the edit's answer
STATUS_WAIT_S = 4.0  # a page waiting for its exact pages is answered as soon as they are made


def _editor(request: Request):  # type: ignore[no-untyped-def]
    return request.app.state.editor


def page(name: str, request: Request, status: int = 200, **values: Any) -> HTMLResponse:
    editor = _editor(request)
    html = templates.get_template(name).render(token=editor.token, request=request, **values)
    return HTMLResponse(html, status_code=status, headers={"cache-control": "no-store"})


def error_response(request: Request, exc: PlangenError) -> Response:
    """A problem the person can act on, said in their language, in place of what was asked."""
    from plangen.web.files import OutsideFolder

    messages = [p.message if p.line is None else f"{p.file}:{p.line}: {p.message}" for p in exc.problems]
    status = 409 if isinstance(exc, Conflict) else 403 if isinstance(exc, OutsideFolder) else 400
    if request.headers.get("hx-request"):
        return in_messages(request, "; ".join(messages), status)
    return page("message_page.html", request, status=status, messages=messages)


def in_messages(request: Request, message: str, status: int) -> Response:
    """A refusal said in the page's message box. The editor's own page (its header X-Plangen-Page)
    is answered 200 with the status in X-Plangen-Status: a refusal the person can act on is no
    failed request in the browser's console."""
    body = templates.get_template("message.html").render(message=message, level="error")
    return _refusal(request, body, status, {"hx-retarget": "#messages", "hx-reswap": "innerHTML"})


def _refusal(request: Request, body: str, status: int, headers: dict[str, str]) -> Response:
    if request.headers.get("x-plangen-page"):
        headers["x-plangen-status"] = str(status)
        status = 200
    return HTMLResponse(body, status_code=status, headers=headers)


def kept(request: Request, path: tuple | None, label: str, text: str | None, again: dict | None) -> Response:
    """A change refused because its page is behind the plan (another tab, an undo, the file read
    again from disk changed it meanwhile), what was typed kept in the page (`#kept`; the page is
    not made again under the person's fingers): to be made again on the plan as it is now
    (`again`: the values to send, when its field is still as the page showed it) or copied; `path`
    None: the YAML tab's text."""
    body = templates.get_template("kept.html").render(path=path, label=label, text=text, again=again)
    return _refusal(request, body, 409, {"hx-retarget": "#kept", "hx-reswap": "afterbegin", "x-plangen-kept": "1"})


def posted(handler):  # type: ignore[no-untyped-def]
    """A change: its form read here, the work (the library's, which blocks) in a thread."""

    async def endpoint(request: Request) -> Response:
        form = await request.form()
        return await run_in_threadpool(handler, request, form)

    return endpoint


def posted_bounded(handler):  # type: ignore[no-untyped-def]
    """An upload: its body refused past the limit while it arrives, then the work in a thread."""

    async def endpoint(request: Request) -> Response:
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > MAX_UPLOAD + 64 * 1024:
            raise PlangenError(_("the file is larger than {n} MB: is it really a plan?").format(
                n=MAX_UPLOAD // 2**20))
        form = await _bounded_form(request)
        return await run_in_threadpool(handler, request, form)

    return endpoint


async def _bounded_form(request: Request):  # type: ignore[no-untyped-def]
    """The multipart form, its body refused past the upload limit while it arrives."""
    received = 0
    receive = request.receive

    async def counted():  # type: ignore[no-untyped-def]
        nonlocal received
        message = await receive()
        received += len(message.get("body", b""))
        if received > MAX_UPLOAD + 64 * 1024:
            raise PlangenError(_("the file is larger than {n} MB: is it really a plan?").format(
                n=MAX_UPLOAD // 2**20))
        return message

    bounded = Request(request.scope, counted)
    return await bounded.form(max_files=1, max_fields=20)


# --- start page ----------------------------------------------------------------------------

def _summary(path: Path) -> dict[str, Any]:
    """Title, year and state of a plan file, for the list (read through the library's loader)."""
    from plangen.plan.load import load_plan

    try:
        loaded = load_plan(path)
    except PlangenError as exc:
        return {"title": "", "year": "", "state": _("cannot be read"), "problem": exc.problems[0].message,
                "errors": None}
    plan = loaded.plan
    analysis = analyse(loaded.source.text, str(path))
    errors = sum(f.severity == "error" for f in analysis.findings)
    state = _("issued") if plan.number or plan.issued_with else _("draft")
    return {"title": " ".join(plan.summary.split()), "year": plan.year, "state": state, "problem": "",
            "errors": errors}


def start(request: Request) -> Response:
    from plangen.registry import load

    editor = _editor(request)
    rows = []
    for path in editor.folder.plans():
        rows.append({"name": editor.folder.name_of(path), **_summary(path)})
    registry = load(editor.folder.root / "plangen-registry.yaml"
                    if (editor.folder.root / "plangen-registry.yaml").is_file() else None)
    import datetime as dt

    return page("start.html", request, plans=rows, registry=registry, year=dt.date.today().year + 1,
                folder=str(editor.folder.root))


def not_found(request: Request, exc: Exception | None = None) -> Response:
    """An address the editor does not have, said in the person's language."""
    return _refused(request, 404, _("there is no such page in the editor: go back to the plans of this folder"))


def not_allowed(request: Request, exc: Exception | None = None) -> Response:
    """An address asked the wrong way (a page opened that only a button may send)."""
    answer = _refused(request, 405, _("this address is not opened that way: go back to the plans of this folder"))
    answer.headers.update(getattr(exc, "headers", None) or {})  # Allow: the methods it takes
    return answer


def _refused(request: Request, status: int, message: str) -> Response:
    if request.headers.get("hx-request"):
        return in_messages(request, message, status)
    return page("message_page.html", request, status=status, messages=[message])


def _redirect_to(name: str) -> Response:
    url = f"/edit?f={quote(name)}"
    return Response(status_code=204, headers={"hx-redirect": url})


def _write_new(request: Request, name: str, text: str) -> Response:
    """A new plan file the person named, refused over an existing one."""
    from plangen.files import write_atomically
    from plangen.plan.load import load_plan_text
    from plangen.web.files import OutsideFolder

    editor = _editor(request)
    path = editor.folder.inside(name, must_exist=False)
    if path.exists():
        raise OutsideFolder(_("{name} exists already: give another name").format(name=name))
    load_plan_text(text, name)  # what the library drafted loads (as `plangen new` checks)
    write_atomically(text.encode("utf-8"), path)
    return _redirect_to(editor.folder.name_of(path))


@posted
def create(request: Request, form: Any) -> Response:
    """A plan from the registry: the issuer resolved as `plangen new --issuer` does."""
    from plangen.drafting.new import new_plan
    from plangen.registry import load, resolve_issuer
    from plangen.registry.party import resolve_party
    from plangen.web.files import file_name

    kind = str(form.get("kind", ""))
    province = str(form.get("province", "")) or None
    commune = f"{form.get('commune_kind', 'xã')} {str(form.get('commune', '')).strip()}"
    key = {"commune": lambda: commune,
           "province": lambda: "ubnd",
           "ministry": lambda: str(form.get("ministry", "")),
           "department": lambda: str(form.get("department", "")),
           "party-commune": lambda: "dang-uy",
           "party-province": lambda: "tinh-uy"}.get(kind)
    if key is None or (kind in ("commune", "party-commune") and not str(form.get("commune", "")).strip()):
        raise PlangenError(_("say who issues the plan: a commune (its name), a province, a ministry or a department"))
    try:
        year = int(str(form.get("year", "")).strip())
    except ValueError:
        raise PlangenError(_("the year is a number, such as 2027")) from None
    if not 1945 <= year <= 2200:
        raise PlangenError(_("the year is a number, such as 2027"))
    editor = _editor(request)
    registry_file = editor.folder.root / "plangen-registry.yaml"
    data = load(registry_file if registry_file.is_file() else None)
    if kind.startswith("party-"):  # a Party committee, in the Party's format (registry/party.py)
        issuer = resolve_party(key(), commune if kind == "party-commune" else None, province, data)
    else:
        issuer = resolve_issuer(key(), province, data)
    topic = str(form.get("topic", "")).strip() or None
    summary = f"{topic} năm {{{{ year }}}}" if topic and "{{" not in topic else topic
    text = new_plan(issuer, year, summary)
    name = file_name(str(form.get("name", "")), f"ke-hoach-{year}")
    return _write_new(request, name, text)


@posted_bounded
def import_upload(request: Request, form: Any) -> Response:
    """A Word, PDF or text file, uploaded (bounded) and read by `plangen import`'s readers."""
    from plangen.importer import import_to_yaml
    from plangen.web.files import file_name

    upload = form.get("file")
    if upload is None or not hasattr(upload, "read") or not upload.filename:
        raise PlangenError(_("choose the Word, PDF or text file to import"))
    original = Path(upload.filename).name or "ke-hoach.docx"
    with tempfile.TemporaryDirectory(prefix="plangen-upload-") as tmp:
        staged = Path(tmp, original if "/" not in original else "upload")
        size = 0
        with staged.open("wb") as out:
            while chunk := upload.file.read(1 << 20):
                size += len(chunk)
                if size > MAX_UPLOAD:
                    raise PlangenError(_("the file is larger than {n} MB: is it really a plan?").format(
                        n=MAX_UPLOAD // 2**20))
                out.write(chunk)
        from plangen.word.sources import keep_office_for

        keep_office_for([staged], lives_on=True)  # the editor lives on: its .doc files share one LibreOffice
        text, _review = import_to_yaml(staged)
    name = file_name(str(form.get("name", "")) or Path(original).stem, "ke-hoach")
    return _write_new(request, name, text)


@posted
def next_year(request: Request, form: Any) -> Response:
    """Next year's draft of a plan (`plangen new --from`), as a new file."""
    from plangen.drafting.next_year import roll_forward
    from plangen.plan.load import load_plan_text
    from plangen.web.files import file_name

    editor = _editor(request)
    plan = _open(request, str(form.get("f", "")))
    source = plan.path
    with tempfile.TemporaryDirectory(prefix="plangen-web-") as tmp:  # the plan as edited, saved or not
        staged = Path(tmp, source.name)
        staged.write_text(plan.text, encoding="utf-8")
        text, _review = roll_forward(staged)
    year = load_plan_text(text, source.name).plan.year
    stem = source.stem
    wanted = str(form.get("name", "")).strip() or (
        stem.replace(str(year - 1), str(year)) if str(year - 1) in stem else f"{stem}-{year}")
    folder = Path(editor.folder.name_of(source)).parent
    name = file_name(wanted if "/" in wanted or str(folder) == "." else f"{folder}/{wanted}", f"ke-hoach-{year}")
    return _write_new(request, name, text)


# --- the editor ----------------------------------------------------------------------------

def _open(request: Request, name: str | None = None) -> OpenPlan:
    editor = _editor(request)
    name = name if name is not None else request.query_params.get("f", "")
    path = editor.folder.inside(name)
    return editor.documents.get(path, editor.folder.name_of(path))


def _data(plan: OpenPlan) -> tuple[dict | None, str]:
    """The plan's data as written, or why the text cannot be read as YAML."""
    from plangen.drafting.textedit import read

    try:
        return read(plan.text, plan.name), ""
    except PlangenError as exc:
        return None, "; ".join(str(p) for p in exc.problems)


def _state(request: Request, plan: OpenPlan, wait: float = PAGE_WAIT_S) -> dict[str, Any]:
    editor = _editor(request)
    analysis = analyse(plan.text, str(plan.path))
    editor.pages.want(analysis, plan.name)
    pages = editor.pages.wait(analysis.digest, wait) if analysis.valid else None
    if pages is not None and not pages.error:
        plan.last_pages = pages.digest
    earlier = None if analysis.valid or not plan.last_pages else editor.pages.get(plan.last_pages)
    notice, plan.notice = plan.notice, ""
    return {"plan": plan, "analysis": analysis, "pages": pages, "notice": notice, "earlier": earlier,
            "on_disk_changed": plan.dirty and plan.changed_on_disk()}


def edit_page(request: Request) -> Response:
    plan = _open(request)
    data, unreadable = _data(plan)
    return page("editor.html", request, data=data, unreadable=unreadable, forms=forms,
                groups=GROUPS, **_state(request, plan))


def status(request: Request) -> Response:
    """Findings, quick view and pages of the plan as it is now; asked again while the pages are
    made, it answers when they are ready (or after a few seconds), not at every poll."""
    plan = _open(request)
    return page("status.html", request, **_state(request, plan, STATUS_WAIT_S))


def page_image(request: Request) -> Response:
    editor = _editor(request)
    pages = editor.pages.get(request.path_params["digest"])
    n = request.path_params["n"]
    if pages is None or not 1 <= n <= len(pages.images):
        return Response(status_code=404)
    return Response(pages.images[n - 1], media_type="image/jpeg",
                    headers={"cache-control": "private, max-age=3600"})


GROUPS = (
    ("header", N_("Header"), ("issuer", "number", "date", "year", "issue_year", "draft_month", "summary", "theme",
                             "issued_with", "partners")),
    ("bases", N_("Legal bases and preamble"), ("legal_bases", "preamble", "legal_bases_end")),
    ("sections", N_("Sections"), ("sections",)),
    ("ending", N_("Ending"), ("closing", "recipients", "archive", "signature")),
    ("appendices", N_("Appendices"), ("appendices",)),
    ("more", N_("More settings"), ("variables", "numbering", "label_mark", "heading_case", "item_title_end", "style")),
)


def _path(value: str) -> tuple:
    try:
        path = json.loads(value)
    except ValueError:
        raise PlangenError(_("the page sent a wrong field: reload it")) from None
    if not isinstance(path, list) or not all(isinstance(p, str | int) and not isinstance(p, bool) for p in path):
        raise PlangenError(_("the page sent a wrong field: reload it"))
    return tuple(path)


def _int(form: Any, key: str) -> int:
    try:
        return int(str(form.get(key, "0")))
    except ValueError:
        raise PlangenError(_("the page sent a wrong field: reload it")) from None


@posted
def edit_op(request: Request, form: Any) -> Response:
    """One change from the form (a field set, an item added, deleted or moved, a block's kind
    changed); the answer is the parts of the page that change."""
    from plangen.web.operations import edits_for

    plan = _open(request)
    name, path = str(form.get("op", "")), _path(str(form.get("path", "[]")))
    values = {k: [str(v) for v in form.getlist(k)] for k in form}
    version = _int(form, "version")
    again = "base" in form  # a change refused on a page behind the plan (its version), made on the plan as it is now
    with plan.lock:  # the edits worked out on the text they are made on
        if again:
            version = _int(form, "base")
            if name != "set" or not plan.carries_over(version, path):
                return _kept_change(request, plan, path, values, version)
            version = plan.version
        if name == "set" and version != plan.version:
            return _kept_change(request, plan, path, values, version)
        plan.check_version(version)  # a button's change: refused before its path is looked for
        data, unreadable = _data(plan)
        if data is None:
            raise PlangenError(unreadable)
        edits, structural = edits_for(data, name, path, values)
        plan.edit(edits, version)
    return _answer(request, plan, structural or again)


def _kept_change(request: Request, plan: OpenPlan, path: tuple, values: dict[str, list[str]], version: int) -> Response:
    """A field's change made on `version`, refused: kept, named as that page named the field, to be
    made again when the field is still as the page showed it."""
    data = plan.data_at(version) or _data(plan)[0] or {}
    spec = forms.place(data, path).spec
    given = values.get("value", [])
    text = given[0] if len(given) == 1 and (spec is None or spec.kind not in ("bool", "choice", "choices")) else None
    again = None
    if plan.carries_over(version, path):
        again = {"op": "set", "path": json.dumps(list(path), ensure_ascii=False), "base": version}
        if given:
            again["value"] = given[0] if len(given) == 1 else given
    return kept(request, path, forms.label_at(data, path), text, again)


def _answer(request: Request, plan: OpenPlan, form_too: bool) -> Response:
    data, unreadable = _data(plan)
    return page("answer.html", request, data=data, unreadable=unreadable, forms=forms, groups=GROUPS,
                form_too=form_too, **_state(request, plan))


def refresh(request: Request) -> Response:
    return _answer(request, _open(request), True)


def undo(request: Request) -> Response:
    return _step(request, OpenPlan.undo_last)


def redo(request: Request) -> Response:
    return _step(request, OpenPlan.redo_last)


def reload(request: Request) -> Response:
    return _step(request, OpenPlan.reload)


def _step(request: Request, step) -> Response:  # type: ignore[no-untyped-def]
    plan = _open(request)
    step(plan)
    return _answer(request, plan, True)


@posted
def save(request: Request, form: Any) -> Response:
    plan = _open(request)
    plan.save(overwrite=form.get("overwrite") == "1")
    return page("saved.html", request, plan=plan)


@posted
def yaml_text(request: Request, form: Any) -> Response:
    """The YAML tab's text taken as the plan's (it must read as YAML; the check says the rest)."""
    from plangen.drafting.textedit import read

    plan = _open(request)
    text = unicodedata.normalize("NFC", str(form.get("text", "")).replace("\r\n", "\n"))
    read(text, plan.name)  # refused, located, when it is not YAML
    with plan.lock:
        if _int(form, "version") != plan.version:  # the text kept, to be copied (it would undo the other change)
            return kept(request, None, _("the YAML tab"), text, None)
        plan.change(text, "yaml")
    return _answer(request, plan, True)


@posted
def reviewed(request: Request, form: Any) -> Response:
    """A `# REVIEW:` mark the person has looked at, taken away; the value it stood by is kept."""
    from plangen.plan.placeholders import review_done

    plan = _open(request)
    with plan.lock:
        plan.check_version(_int(form, "version"))
        plan.change(review_done(plan.text, _int(form, "line")), "reviewed")
    return _answer(request, plan, True)


@posted
def complete(request: Request, form: Any) -> Response:
    """Keys the YAML tab may write at the cursor, with their documentation (the schema's)."""
    from plangen.web.completion import keys_at

    text = str(form.get("text", ""))
    offset = _int(form, "offset")
    return Response(json.dumps(keys_at(text, offset), ensure_ascii=False), media_type="application/json")


def download(request: Request) -> Response:
    """The document (.docx, .pdf) or the task matrix (.xlsx) of the plan as edited."""
    editor = _editor(request)
    plan = _open(request)
    kind = request.path_params["kind"]
    analysis = analyse(plan.text, str(plan.path))
    if not analysis.valid:
        raise PlangenError(_("the plan has errors that keep it from being built: see the list"))
    stem = Path(plan.name).stem
    if kind == "xlsx":
        from plangen.plan.tasks import task_rows
        from plangen.run.taskexport import as_xlsx

        body = as_xlsx([r.as_dict() for r in task_rows(analysis.loaded.plan)])
        media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif kind == "docx":  # no LibreOffice needed for the Word file itself
        from plangen.web.preview import render_docx

        body = render_docx(analysis)
        media = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    elif kind == "pdf":
        editor.pages.want(analysis, plan.name)
        pages = editor.pages.wait(analysis.digest, 300)
        if pages is None or pages.error:
            raise PlangenError(pages.error if pages else _("the document could not be made in time"))
        body, media = pages.pdf, "application/pdf"
    else:
        return not_found(request)
    filename = f"{stem}.{kind}"
    return Response(body, media_type=media, headers={
        "content-disposition": f"attachment; filename*=UTF-8''{quote(filename)}"})


ROUTES = [
    Route("/", start),
    Route("/new", create, methods=["POST"]),
    Route("/import", import_upload, methods=["POST"]),
    Route("/next-year", next_year, methods=["POST"]),
    Route("/edit", edit_page),
    Route("/edit/status", status),
    Route("/edit/op", edit_op, methods=["POST"]),
    Route("/edit/refresh", refresh),
    Route("/edit/undo", undo, methods=["POST"]),
    Route("/edit/redo", redo, methods=["POST"]),
    Route("/edit/save", save, methods=["POST"]),
    Route("/edit/reload", reload, methods=["POST"]),
    Route("/edit/yaml", yaml_text, methods=["POST"]),
    Route("/edit/reviewed", reviewed, methods=["POST"]),
    Route("/edit/complete", complete, methods=["POST"]),
    Route("/edit/download.{kind}", download),
    Route("/page/{digest}/{n:int}.jpg", page_image),
]
