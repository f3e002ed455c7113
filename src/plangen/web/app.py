"""`plangen web`: the editor's web application (Starlette), and how it is served.

The pages are Jinja templates; the page changes parts of itself with htmx (both shipped in the
package: no network, no build step). The web layer is thin: it turns requests into the library's
calls (load, check, build, import, drafting) and edits of the plan's text (drafting.textedit).
"""

from __future__ import annotations

import contextlib
import secrets
import sys
import threading
import webbrowser
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from plangen.errors import PlangenError
from plangen.i18n import _
from plangen.web import routes
from plangen.web.documents import Documents
from plangen.web.files import Folder
from plangen.web.guard import Guard
from plangen.web.preview import PageMaker
from plangen.web.templating import HERE, templates

LOCAL = "127.0.0.1"


class Editor:
    """What the routes share: the folder, the open plans, the page maker."""

    def __init__(self, folder: Path, token: str) -> None:
        self.folder = Folder.of(folder)
        self.token = token
        self.documents = Documents()
        self.pages = PageMaker()


async def _plangen_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PlangenError)
    return routes.error_response(request, exc)


async def _internal_error(request: Request, exc: Exception) -> Response:
    """Never a traceback: the kind of failure, in the user's language."""
    import os

    if os.environ.get("PLANGEN_DEBUG"):
        import traceback

        traceback.print_exception(exc)
    message = _("internal error ({kind}: {detail}); please report it with the plan file").format(
        kind=type(exc).__name__, detail=str(exc)[:200])
    if request.headers.get("hx-request"):
        return routes.in_messages(request, message, 500)
    body = templates.get_template("message.html").render(message=message, level="error")
    return HTMLResponse(f"<!doctype html><meta charset=utf-8><title>plangen</title>{body}", status_code=500)


def create_app(folder: Path, token: str, hosts: set[str]) -> Guard:
    """The editor on `folder`, answering to `hosts` (host:port) with `token`."""
    editor = Editor(folder, token)
    app = Starlette(
        routes=[*routes.ROUTES, Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")],
        exception_handlers={PlangenError: _plangen_error, Exception: _internal_error,
                            404: routes.not_found, 405: routes.not_allowed},
    )
    app.state.editor = editor
    return Guard(app, token, hosts)


def start_url(host: str, port: int, token: str, plan: str | None = None) -> str:
    from urllib.parse import quote

    shown = f"[{host}]" if ":" in host else host
    where = f"/edit?f={quote(plan)}&token={token}" if plan else f"/?token={token}"
    return f"http://{shown}:{port}{where}"


def _names_of_this_machine(host: str) -> set[str]:
    """The names a browser on the network may reach the editor by (its Host header): the address
    given, and, listening on all of them, this machine's name and addresses."""
    import socket

    names = {host if ":" not in host else f"[{host}]"}
    if host in ("0.0.0.0", "::"):
        names.clear()
        hostname = socket.gethostname()
        names.add(hostname)
        with contextlib.suppress(OSError):
            for info in socket.getaddrinfo(hostname, None):
                address = str(info[4][0])
                names.add(f"[{address}]" if ":" in address else address)
    return names


def serve(target: Path, host: str = LOCAL, port: int = 0, browser: bool = True) -> None:
    """Serve the editor until Ctrl-C: on the folder `target` (or the folder of the plan `target`,
    opened at once)."""
    import socket

    import uvicorn

    target = target.resolve()
    plan = None
    if target.is_file():
        folder, plan = target.parent, target.name
    elif target.is_dir():
        folder = target
    else:
        raise PlangenError(_("{path}: no such file or folder").format(path=target))
    token = secrets.token_urlsafe(24)
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        raise PlangenError(_("cannot listen on {host}:{port} ({reason})").format(
            host=host, port=port, reason=exc.strerror)) from None
    port = sock.getsockname()[1]
    names = {"127.0.0.1", "localhost", "[::1]"}
    if host not in (LOCAL, "localhost"):
        names |= _names_of_this_machine(host)
    app = create_app(folder, token, {f"{name}:{port}" for name in names})
    url = start_url(host if host not in ("0.0.0.0", "::") else LOCAL, port, token, plan)
    print(_("plangen web: the editor of {folder} is at").format(folder=folder), file=sys.stderr)
    print(f"  {url}", file=sys.stderr)
    for name in sorted(names - {"127.0.0.1", "localhost", "[::1]"}):
        print(f"  {start_url(name.strip('[]'), port, token, plan)}", file=sys.stderr)
    print(_("(Ctrl-C stops it; the address holds the access key: do not share it)"), file=sys.stderr)
    if browser:
        threading.Timer(0.5, lambda: webbrowser.open(url)).start()
    config = uvicorn.Config(app, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    finally:
        from plangen.office import kept as office

        office.stop()


