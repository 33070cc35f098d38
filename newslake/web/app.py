"""``create_web_app``: the Starlette application, what every response carries, and how
errors become pages.

Every response gets a strict ``Content-Security-Policy`` — the page may use its own
inline style and one known inline script, and may fetch nothing: no script, style sheet,
font, image or connection to any host — plus ``nosniff``, no framing, and no referrer
to other sites. Errors are pages with the right status and a sentence on what to do:
400 for a request the app cannot read, 401/403 for a refused one, 404 for an unknown
article, entity, cluster, run or page, 409 when a re-run is already going, 413 for a
too-large statement or result, 503 when the lake does not answer or the server is busy;
a bug is a 500 page (the traceback goes to the log, never to the page).
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from newslake.web.auth import Guard
from newslake.web.params import WebError
from newslake.web.render import SCRIPT_HASH
from newslake.web.respond import WebState, error_page

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

    from newslake.core.settings import Settings
    from newslake.web.ingestion import Jobs
    from newslake.web.lake import Lake

log = logging.getLogger(__name__)

CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
       f"script-src '{SCRIPT_HASH}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
]
PUBLIC_PATHS = ("/login", "/health")


async def _web_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, WebError)
    return error_page(request, exc.status, exc.title, exc.message)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        return error_page(request, 404, "Not found", f"there is no page at {request.url.path}: see the links above")
    if exc.status_code == 405:
        return error_page(request, 405, "Method not allowed", f"{request.method} is not allowed on {request.url.path}")
    return error_page(request, exc.status_code, "Error", str(exc.detail))


async def _server_error(request: Request, exc: Exception) -> Response:
    import duckdb

    if isinstance(exc, (duckdb.IOException, duckdb.HTTPException)):
        log.warning("web: the lake could not be read: %s", exc)
        return error_page(request, 503, "Lake unavailable", "the lake could not be read right now (is the object store "
                                                            "running?): try again in a moment")
    if isinstance(exc, duckdb.InterruptException):
        return error_page(request, 503, "Too slow", "the page took longer than its time budget: try again, or narrow it")
    log.error("web: internal error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_page(request, 500, "Internal error", "something went wrong on our side; the server log has the details")


class Shield:
    """ASGI middleware: times the request, checks the ``Host`` (local) or the credentials
    (remote), and adds the security headers to every response."""

    def __init__(self, app: ASGIApp, guard: Guard) -> None:
        self.app = app
        self.guard = guard

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        scope["newslake_started"] = time.perf_counter()
        request = Request(scope)
        path = scope["path"][len(scope.get("root_path", "")):] or "/"

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + SECURITY_HEADERS
            await send(message)

        if not self.guard.host_allowed(request.headers.get("host")):
            response: Response = HTMLResponse("<!DOCTYPE html><title>400 Bad host</title><h1>400 Bad host</h1>"
                                              "<p>This app answers to localhost only.</p>", status_code=400)
            await response(scope, receive, secured)
            return
        if path not in PUBLIC_PATHS and not self.guard.may_read(request.headers, request.cookies):
            base = scope.get("root_path", "").rstrip("/")
            if request.method == "GET":
                target = scope["path"] + (f"?{scope['query_string'].decode('latin-1')}" if scope.get("query_string") else "")
                response = RedirectResponse(f"{base}/login?next={quote(target, safe='')}", status_code=303)
            else:
                response = HTMLResponse("<!DOCTYPE html><title>401</title><h1>401 Log in</h1><p>Send Authorization: "
                                        "Bearer &lt;token&gt;, or log in.</p>", status_code=401,
                                        headers={"WWW-Authenticate": "Bearer"})
            await response(scope, receive, secured)
            return
        await self.app(scope, receive, secured)


def create_web_app(settings: Settings, token: str | None = None, *, local: bool = True,
                   lake: Lake | None = None, jobs: Jobs | None = None) -> Starlette:
    """The web app over the lake ``settings`` name.

    ``token`` is the service's bearer token (:func:`newslake.service.api_token.resolve_token`):
    POSTs accept it, and it signs the form and session tokens. ``local`` (the default) is
    for an app reachable from this machine only: pages open to whoever reaches the port,
    ``Host`` must be a loopback name. ``local=False`` (served on another address) requires
    ``token``, and every page then needs it (a bearer header, or a session from ``/login``).
    ``lake`` and ``jobs`` replace the app's own (tests, benchmarks).
    """
    from newslake.web.ingestion import Jobs
    from newslake.web.lake import Lake
    from newslake.web.report_page import ReportCache
    from newslake.web.routes import ROUTES
    from newslake.web.search import SearchCache
    from newslake.web.search_index import SearchIndex

    guard = Guard(token, local=local)
    lake = lake or Lake(settings, warm=True)
    state = WebState(settings, lake, SearchIndex(settings, lake), ReportCache(lake), jobs or Jobs(lake), guard,
                     SearchCache())
    import duckdb

    app = Starlette(
        routes=[Route(path, endpoint, methods=methods) for path, endpoint, methods in ROUTES],
        exception_handlers={WebError: _web_error, HTTPException: _http_error, duckdb.Error: _server_error,
                            Exception: _server_error},
    )
    app.state.web = state
    app.add_middleware(Shield, guard=guard)
    return app


def open_web_app(settings: Settings, token: str | None, *, local: bool) -> Starlette:
    """The app, ready to serve: the lake opened (an unreachable lake raises here, not on the
    first page), the search index and the report's preset periods building in the background."""
    app = create_web_app(settings, token, local=local)
    state = app.state.web
    state.lake.open()
    state.index.current()
    state.reports.warm()
    return app


def close_web_app(app: Starlette) -> None:
    """Release what :func:`open_web_app` holds (DuckDB connections, the index file's lock)."""
    state = app.state.web
    state.index.close()
    state.lake.close()
