"""The reading pages: search, article (and its raw object), entity, story cluster, report.

Handlers are plain functions (Starlette runs them on its thread pool): each reads its
parameters strictly (:mod:`.params`), borrows a cursor of the lake for its queries, and
renders a template. Everything they raise is a :class:`WebError` or becomes a 5xx page
(:mod:`.app`).
"""

from __future__ import annotations

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response, StreamingResponse

from newslake.web.params import (
    SearchParams,
    WebError,
    article_id_param,
    entity_type_param,
    parse_query_string,
    text_param,
)
from newslake.web.respond import page, state_of


def query_of(request: Request) -> dict[str, str]:
    return parse_query_string(request.scope.get("query_string", b""))


# ------------------------------------------------------------------ search


def search(request: Request) -> Response:
    """``/`` and ``/search``: words and filters in, ranked articles and facets out."""
    params = SearchParams.from_query(query_of(request))
    web = state_of(request)
    companion, wanted = web.index.current()
    if companion is None:
        return page(request, "building.html", status=503, title="Building the search index", current="search",
                    error=web.index.error, params=params)
    result = web.searches.get(companion, params)
    if result.pagination and result.pagination.beyond_last:
        raise WebError(404, f"page {params.page} is past the last page of this search ({result.pagination.pages})")
    return page(request, "search.html", title=params.q or "Search", current="search", params=params, result=result,
                stale=companion.version < wanted, building=web.index.building, index_error=web.index.error)


# ------------------------------------------------------------------ articles and their raw objects


def article(request: Request) -> Response:
    from newslake.web.articles import CLUSTER_SHOWN, MISSING, article_page
    from newslake.web.respond import base_of

    article_id = article_id_param(request.path_params["article_id"])
    web = state_of(request)
    companion, wanted = web.index.current()
    document = companion.locate(article_id) if companion is not None else None
    # the index's copy of the body when the index is of the lake's current version: a point
    # read there costs microseconds, one from the lake's Parquet ~130 ms (a row group of 2,048 bodies)
    fresh = document is not None and companion.version == wanted
    cluster = None
    if fresh:
        cluster = [{"article_id": d.article_id, "title": d.title, "domain": d.domain, "site_name": d.site_name,
                    "published_at": d.published_at, "language": d.language}
                   for d in companion.cluster(document.cluster_id, CLUSTER_SHOWN + 1)]
    with web.lake.cursor() as cur:
        data = article_page(cur, article_id, base_of(request), published=document.published_at if document else MISSING,
                            body=document.body if fresh else None, cluster=cluster)
    return page(request, "article.html", title=data.article.get("title") or "Article", data=data, a=data.article)


def raw_object(request: Request) -> Response:
    """``/raw?key=landing/…``: the landed object as it arrived, as a download (never shown
    inline: it may be any HTML)."""
    from botocore.exceptions import BotoCoreError, ClientError

    from newslake.core.landing import is_landing_key
    from newslake.core.storage import query_s3_client

    web = state_of(request)
    key = text_param(query_of(request), "key", max_length=1024)
    if not key or not is_landing_key(web.settings, key):
        raise WebError(404, f"there is no landed object {key!r}: keys start with {web.settings.landing_prefix}/")
    try:
        found = query_s3_client(web.settings).get_object(Bucket=web.settings.bucket, Key=key)
    except ClientError as exc:
        code = exc.response.get("Error", {}).get("Code", "")
        if code in ("NoSuchKey", "404", "NotFound"):
            raise WebError(404, f"the landed object {key} is not in the bucket (any more)") from None
        raise WebError(503, f"the object store refused to read {key}: {code}", "Lake unavailable") from None
    except BotoCoreError as exc:
        raise WebError(503, f"the object store did not answer: {exc}", "Lake unavailable") from None
    body = found["Body"]
    name = key.rsplit("/", 1)[-1]
    headers = {"Content-Disposition": f'attachment; filename="{name}"', "Content-Length": str(found.get("ContentLength", ""))}
    if not headers["Content-Length"]:
        del headers["Content-Length"]
    return StreamingResponse(body.iter_chunks(64 * 1024), media_type="application/octet-stream", headers=headers)


# ------------------------------------------------------------------ entities and clusters


def entity(request: Request) -> Response:
    from newslake.analysis.charts import Series, line_chart
    from newslake.web.entities import entity_page, entity_page_from_index, filled_timeline

    values = query_of(request)
    name = text_param(values, "name")
    if not name:
        raise WebError(400, "which entity? Give its name: /entity?name=Vladimir+Putin (and optionally &type=PERSON)")
    kind = entity_type_param(values)
    web = state_of(request)
    companion, wanted = web.index.current()
    data = entity_page_from_index(companion, name, kind) if companion is not None and companion.version == wanted else None
    if data is None:
        with web.lake.cursor() as cur:
            data = entity_page(cur, name, kind)
    unit, points = filled_timeline(data.timeline)
    chart = Markup(line_chart([Series("articles", points, "#4e79a7")], title=f"Articles naming it, per {unit}",
                              subtitle=f"UTC {unit}s of publication", width=760, height=220, area=True,
                              show_points=len(points) <= 60))
    return page(request, "entity.html", title=name, data=data, chart=chart)


def cluster(request: Request) -> Response:
    from newslake.web.articles import cluster_page

    cluster_id = article_id_param(request.path_params["cluster_id"])
    web = state_of(request)
    with web.lake.cursor() as cur:
        data = cluster_page(cur, cluster_id)
    return page(request, "cluster.html", title=data.title or "Story", data=data)


# ------------------------------------------------------------------ the report


def report(request: Request) -> Response:
    from newslake.web.report_page import PRESETS, PeriodRequest

    wanted = PeriodRequest.from_query(query_of(request))
    view, refreshing = state_of(request).reports.get(wanted)
    return page(request, "report.html", title="Report", current="report", view=view, data=view.data, wanted=wanted,
                presets=PRESETS, refreshing=refreshing)


def health(request: Request) -> Response:
    return HTMLResponse("ok", media_type="text/plain")
