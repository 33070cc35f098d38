"""The working pages: SQL (and its downloads), saved analyses, ingestion (runs, pending
landings, rejects, re-running them), and logging in when served beyond this machine."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response, StreamingResponse

from newslake.web.pages import query_of
from newslake.web.params import WebError, bad, text_param
from newslake.web.respond import base_of, page, state_of

MAX_FORM_BYTES = 10_000
EXAMPLES = (
    ("Articles per outlet", "SELECT domain, count(*) AS articles\nFROM articles\nGROUP BY domain\nORDER BY articles DESC\nLIMIT 20"),
    ("Most named people this week", "SELECT entity, sum(articles) AS articles\nFROM entity_mentions_daily\n"
                                   "WHERE type = 'PERSON' AND day >= current_date - 7\nGROUP BY entity\nORDER BY articles DESC\nLIMIT 20"),
    ("Widest stories", "SELECT cluster_id, title, outlets, articles, last_seen\nFROM story_clusters\nWHERE outlets >= 2\n"
                       "ORDER BY outlets DESC, articles DESC\nLIMIT 20"),
    ("Open rejects by reason", "SELECT stage, error_class, count(*) AS records\nFROM rejects\nGROUP BY ALL\nORDER BY records DESC"),
    ("The views and their columns", "SELECT table_name, column_name, data_type\nFROM information_schema.columns\n"
                                    "ORDER BY table_name, ordinal_position"),
)
NOTICES = {"nothing": "Nothing to retry: no rejected object matches (objects partly committed are not retried)."}


def _download_name(stem: str, fmt: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{stem}.{fmt}"'}


def _format(request: Request) -> str:
    from newslake.web.downloads import FORMATS

    fmt = request.path_params["fmt"]
    if fmt not in FORMATS:
        raise WebError(404, f"no download as {fmt!r}: use .csv, .json or .parquet")
    return fmt


# ------------------------------------------------------------------ SQL


def sql(request: Request) -> Response:
    """``/sql?q=…``: one read-only statement; the URL is the query, so it can be shared."""
    from newslake.web.sql_page import PAGE_ROWS, run_statement
    from newslake.web.sqlguard import check_statement

    values = query_of(request)
    text = values.get("q", "")
    context = dict(title="SQL", current="sql", text=text, examples=EXAMPLES, result=None, error=None, page_rows=PAGE_ROWS,
                   views=_views())
    if not text.strip():
        return page(request, "sql.html", **context)
    try:
        statement = check_statement(text)
        context["result"] = run_statement(state_of(request).lake, statement)
    except WebError as exc:
        return page(request, "sql.html", status=exc.status, **(context | {"error": exc}))
    context["downloads"] = urlencode({"q": text})
    return page(request, "sql.html", **context)


def sql_download(request: Request) -> Response:
    from newslake.web.downloads import FORMATS
    from newslake.web.sql_page import start_download
    from newslake.web.sqlguard import check_statement

    fmt = _format(request)
    statement = check_statement(query_of(request).get("q"))
    stream = start_download(state_of(request).lake, statement.sql, fmt, wrappable=statement.wrappable)
    return StreamingResponse(stream, media_type=FORMATS[fmt], headers=_download_name("newslake-query", fmt))


def _views() -> list[tuple[str, str]]:
    from newslake.core.views import DERIVED_VIEWS
    from schemas import TABLES

    return [(name, ", ".join(TABLES[name].schema.names)) for name in TABLES] + [
        (view.name, view.description) for view in DERIVED_VIEWS]


# ------------------------------------------------------------------ saved analyses


def analyses(request: Request) -> Response:
    from newslake.analysis.saved import list_analyses

    return page(request, "analyses.html", title="Saved analyses", current="analyses", analyses=list_analyses())


def _analysis(name: str):
    from newslake.analysis.saved import AnalysisError, load_analysis

    try:
        return load_analysis(name)
    except AnalysisError as exc:
        raise WebError(404, str(exc)) from None


def analysis(request: Request) -> Response:
    """``/analyses/<name>?param=…``: the form built from its declared parameters, and the
    result when the form was sent (``run=1``)."""
    from newslake.web.sql_page import PAGE_ROWS, run_saved, saved_values

    found = _analysis(request.path_params["name"])
    values = query_of(request)
    given = saved_values(found, values)
    context = dict(title=found.name, current="analyses", analysis=found, given=given, result=None, error=None,
                   page_rows=PAGE_ROWS, downloads=urlencode(given))
    if "run" in values:
        try:
            context["result"] = run_saved(state_of(request).lake, found, given)
        except WebError as exc:
            return page(request, "analysis.html", status=exc.status, **(context | {"error": exc}))
    return page(request, "analysis.html", **context)


def analysis_download(request: Request) -> Response:
    from newslake.analysis.saved import AnalysisError, bind_params
    from newslake.web.downloads import FORMATS
    from newslake.web.sql_page import saved_values, start_download

    fmt = _format(request)
    found = _analysis(request.path_params["name"])
    given = {k: v for k, v in saved_values(found, query_of(request)).items() if v.strip()}
    try:
        params = bind_params(found, given)
    except AnalysisError as exc:
        raise bad(str(exc)) from None
    stream = start_download(state_of(request).lake, found.sql, fmt, params)
    return StreamingResponse(stream, media_type=FORMATS[fmt], headers=_download_name(found.name, fmt))


# ------------------------------------------------------------------ ingestion


def _reject_filter(values: dict[str, str]):
    from newslake.analysis.quarantine import RejectFilter

    return RejectFilter(reason=text_param(values, "reason", max_length=200), stage=text_param(values, "stage", max_length=40))


def ingestion(request: Request) -> Response:
    from newslake.web.ingestion import PENDING_DAYS, ingestion_page

    values = query_of(request)
    which = _reject_filter(values)
    web = state_of(request)
    data = ingestion_page(web.lake, which)
    return page(request, "ingestion.html", title="Ingestion", current="ingestion", data=data, which=which,
                jobs=web.jobs.recent(), notice=NOTICES.get(values.get("notice", "")), pending_days=PENDING_DAYS)


def run(request: Request) -> Response:
    from newslake.web.ingestion import run_page

    run_id = request.path_params["run_id"]
    if len(run_id) > 200:
        raise WebError(404, "there is no such run")
    data = run_page(state_of(request).lake, run_id)
    return page(request, "run.html", title=f"Run {run_id}", current="ingestion", data=data)


async def _form(request: Request) -> dict[str, str]:
    if request.headers.get("content-type", "").split(";")[0].strip() not in ("application/x-www-form-urlencoded", ""):
        raise bad("send the form as application/x-www-form-urlencoded")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            raise WebError(413, f"the form is over {MAX_FORM_BYTES:,} bytes")
    try:
        return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=20))
    except (UnicodeDecodeError, ValueError):
        raise bad("the form cannot be read (not UTF-8, or too many fields)") from None


def _origin(request: Request) -> str:
    return f"{request.url.scheme}://{request.headers.get('host', '')}"


async def retry(request: Request) -> Response:
    """POST: re-run the rejected objects matching the form's filter (the service's token, or
    the page's form token: :mod:`newslake.web.auth`)."""
    from newslake.analysis.quarantine import keys_to_retry
    from newslake.core.landing import is_landing_key

    form = await _form(request)
    web = state_of(request)
    web.guard.check_post(request.headers, request.cookies, form, _origin(request))
    which = _reject_filter(form)

    def find() -> list[str]:
        with web.lake.cursor() as cur:
            return [key for key in keys_to_retry(cur, which) if is_landing_key(web.settings, key)]

    keys = await run_in_threadpool(find)
    base = base_of(request)
    if not keys:
        return RedirectResponse(f"{base}/ingestion?notice=nothing", status_code=303)
    what = "rejected objects" + (f" whose reason matches {which.reason!r}" if which.reason else "") + (
        f" at stage {which.stage}" if which.stage else "")
    job = web.jobs.start(keys, what)
    return RedirectResponse(f"{base}/ingestion/jobs/{job.id}", status_code=303)


def job(request: Request) -> Response:
    found = state_of(request).jobs.get(request.path_params["job_id"])
    return page(request, "job.html", title="Re-run", current="ingestion", job=found)


# ------------------------------------------------------------------ logging in (served beyond localhost)


def _next(request: Request, target: str | None) -> str:
    base = base_of(request)
    if target and target.startswith(base + "/") and not target.startswith("//") and "\\" not in target:
        return target
    return base + "/"


async def login(request: Request) -> Response:
    web = state_of(request)
    if web.guard.local:
        return RedirectResponse(_next(request, None), status_code=303)
    target = _next(request, request.query_params.get("next"))
    if request.method == "GET":
        return page(request, "login.html", title="Log in", target=target, error=None)
    form = await _form(request)
    origin = request.headers.get("origin")
    if origin is not None and origin.rstrip("/").lower() != _origin(request).lower():
        raise WebError(403, "refused: this form was sent from another site")
    if not web.guard.login_ok(form.get("token")):
        return page(request, "login.html", status=403, title="Log in", target=_next(request, form.get("next")),
                    error="that is not the service's token")
    response = RedirectResponse(_next(request, form.get("next")), status_code=303)
    response.set_cookie("newslake_session", web.guard.session_value(), httponly=True, samesite="strict",
                        path=base_of(request) or "/", secure=request.url.scheme == "https")
    return response
