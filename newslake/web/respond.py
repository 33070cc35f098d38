"""What every page handler shares: the app's state, where the app is mounted, and how a
page (or an error page) is rendered with what every page shows."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import HTMLResponse

from newslake.web.auth import CSRF_COOKIE, Guard
from newslake.web.render import render

if TYPE_CHECKING:
    from newslake.core.settings import Settings
    from newslake.web.ingestion import Jobs
    from newslake.web.lake import Lake
    from newslake.web.report_page import ReportCache
    from newslake.web.search import SearchCache
    from newslake.web.search_index import SearchIndex

log = logging.getLogger(__name__)


@dataclass
class WebState:
    """What the handlers share: settings, the lake, the search index, the report cache,
    the re-run jobs and the guard."""

    settings: Settings
    lake: Lake
    index: SearchIndex
    reports: ReportCache
    jobs: Jobs
    guard: Guard
    searches: SearchCache


def state_of(request: Request) -> WebState:
    return request.app.state.web


def base_of(request: Request) -> str:
    """The prefix the app is mounted under (``""`` when it is the whole server)."""
    return request.scope.get("root_path", "").rstrip("/")


def elapsed_ms(request: Request) -> float:
    started = request.scope.get("newslake_started")
    return (time.perf_counter() - started) * 1000 if started else 0.0


def page(request: Request, template: str, *, status: int = 200, title: str = "", current: str = "",
         **context: Any) -> HTMLResponse:
    """A page from ``template`` with what every page shows (navigation, the lake's versions)."""
    web = state_of(request)
    guard = web.guard
    nonce = request.cookies.get(CSRF_COOKIE)
    new_nonce = None if nonce else guard.new_nonce()
    html = render(template, request=request, base=base_of(request), title=title, current=current,
                  versions=web.lake.versions if web.lake.is_open else {}, lake_uri=lake_uri(web.settings),
                  csrf=guard.form_token(nonce or new_nonce), elapsed_ms=elapsed_ms(request), **context)
    response = HTMLResponse(html, status_code=status)
    if new_nonce:
        response.set_cookie(CSRF_COOKIE, new_nonce, httponly=True, samesite="strict", path=base_of(request) or "/",
                            secure=request.url.scheme == "https")
    return response


def lake_uri(settings: Settings) -> str:
    from newslake.core.storage import s3_uri

    return s3_uri(settings, settings.lake_prefix)


def error_page(request: Request, status: int, title: str, message: str) -> HTMLResponse:
    try:
        return page(request, "error.html", status=status, title=title, message=message, status_code=status)
    except Exception:  # noqa: BLE001 - the lake itself may be what failed: a page without it
        log.warning("web: error page without the lake", exc_info=True)
        body = f"<!DOCTYPE html><title>{status} {title}</title><h1>{status} {title}</h1><p>{_escape(message)}</p>"
        return HTMLResponse(body, status_code=status)


def _escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


