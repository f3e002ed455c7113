"""Who may talk to the editor: the browser that opened its URL, and no web page elsewhere.

- A random token is in the URL the editor opens; the first request with it sets a cookie
  (HttpOnly, SameSite=Strict) and every request must then carry that cookie: another local user,
  or a page on another site, cannot read the plans.
- Every change (POST) must also carry the token in a header (or a form field) that only the
  editor's own pages know: a form posted from another site has neither.
- The Host header must name the address the editor listens on, so a site whose name is made to
  point at 127.0.0.1 (DNS rebinding) is refused; a change whose Origin is another site, or any
  request a browser marks as sent by another site or another port of this machine
  (Sec-Fetch-Site), is refused.
"""

from __future__ import annotations

import hmac
import http.cookies
from urllib.parse import parse_qs, urlencode

COOKIE = "plangen_token"
HEADER = "x-plangen-token"


def cookie_name(host: str) -> str:
    """The cookie of the editor at `host` (host:port): one per port, since a browser keeps one set
    of cookies per machine name, and two editors may run side by side."""
    port = host.rsplit(":", 1)[-1] if ":" in host else ""
    return f"{COOKIE}_{port}" if port.isdigit() else COOKIE


class Guard:
    """ASGI middleware that refuses any request without the token (in Vietnamese, as the rest)."""

    def __init__(self, app, token: str, hosts: set[str]) -> None:  # type: ignore[no-untyped-def]
        self.app = app
        self.token = token
        self.hosts = hosts  # host:port values the editor answers to

    async def __call__(self, scope, receive, send) -> None:  # type: ignore[no-untyped-def]
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        if host not in self.hosts:
            await _refuse(send, 421, "wrong_host")
            return
        origin = headers.get("origin")
        method = scope["method"]
        if method not in ("GET", "HEAD") and origin is not None and origin.split("://", 1)[-1] not in self.hosts:
            await _refuse(send, 403, "cross_site")
            return
        if headers.get("sec-fetch-site") in ("cross-site", "same-site"):  # another site, or another port
            await _refuse(send, 403, "cross_site")
            return
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        given = query.get("token", [None])[0]
        name = cookie_name(host)
        cookie = _cookie(headers.get("cookie", ""), name)
        if given is not None and method == "GET":
            if not self._same(given):
                await _refuse(send, 403, "bad_token")
                return
            # the token leaves the address bar (and the history) for the cookie
            rest = {k: v for k, v in query.items() if k != "token"}
            location = scope.get("path", "/") + ("?" + urlencode(rest, doseq=True) if rest else "")
            await send({"type": "http.response.start", "status": 303, "headers": [
                (b"location", location.encode("latin-1")),
                (b"set-cookie", f"{name}={self.token}; HttpOnly; SameSite=Strict; Path=/".encode("latin-1")),
                (b"cache-control", b"no-store"),
            ]})
            await send({"type": "http.response.body", "body": b""})
            return
        if cookie is None or not self._same(cookie):
            await _refuse(send, 403, "no_token")
            return
        if method not in ("GET", "HEAD") and not self._same(headers.get(HEADER, "")):
            await _refuse(send, 403, "no_token")
            return
        await self.app(scope, receive, send)

    def _same(self, value: str) -> bool:
        return hmac.compare_digest(value.encode("utf-8", "replace"), self.token.encode("utf-8"))


def _cookie(header: str, name: str) -> str | None:
    jar = http.cookies.SimpleCookie()
    try:
        jar.load(header)
    except http.cookies.CookieError:
        return None
    morsel = jar.get(name)
    return morsel.value if morsel else None


async def _refuse(send, status: int, reason: str) -> None:  # type: ignore[no-untyped-def]
    from plangen.i18n import _

    messages = {
        "wrong_host": _("this address is not the editor's: open the address plangen web printed"),
        "cross_site": _("a page of another site may not change plans"),
        "bad_token": _("the address's access key is wrong: open the address plangen web printed"),
        "no_token": _("no access key: open the address plangen web printed (it holds the key)"),
    }
    body = f"<!doctype html><meta charset=utf-8><title>plangen</title><p>{messages[reason]}</p>".encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"text/html; charset=utf-8"), (b"cache-control", b"no-store")]})
    await send({"type": "http.response.body", "body": body})
