"""What the article and story-cluster pages show, read from the lake's views.

An article page: the row of ``articles``, its ``mentions`` (with their offsets, for the
highlighted body), ``quotes`` and ``figures``, the other articles of its story cluster,
and where it came from (raw object, extractor, run, and the ingest log's word on that
object). A cluster page: every article of the cluster, with who carried it and when.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from newslake.web.highlight import Span, highlight
from newslake.web.params import WebError

if TYPE_CHECKING:
    import duckdb
    from markupsafe import Markup

CLUSTER_SHOWN = 50
"""Other articles of the cluster listed on an article page."""
MISSING = object()
"""No hint of the article's publication time."""


def rows_as_dicts(result: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    columns = [column[0] for column in result.description]
    return [dict(zip(columns, row)) for row in result.fetchall()]


def entity_link(entity: str, kind: str | None = None) -> str:
    query = {"name": entity} | ({"type": kind} if kind else {})
    return "/entity?" + urlencode(query)


@dataclass
class ArticlePage:
    article: dict[str, Any]
    mentions: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    cluster: list[dict[str, Any]] = field(default_factory=list)
    cluster_size: int = 1
    log: list[dict[str, Any]] = field(default_factory=list)
    body_html: Markup | None = None


def _published(published: object) -> tuple[str, dict[str, Any]]:
    """A condition on ``published_at`` equal to the hint: the tables' files and row groups are
    skipped by their ``published_at`` statistics, so a point read touches one row group."""
    if published is MISSING:
        return "", {}
    if published is None:
        return " AND published_at IS NULL", {}
    return " AND published_at = $published", {"published": published}


def article_page(cur: duckdb.DuckDBPyConnection, article_id: str, base: str = "", *, published: object = MISSING,
                 body: str | None = None, cluster: list[dict[str, Any]] | None = None) -> ArticlePage:
    """Everything the page shows about one article; a 404 when the lake has no such article.

    What the search index already knows, from the same version of ``articles``, saves
    reading the lake: ``published`` (its ``published_at``: only its row group is read),
    ``body``, and ``cluster`` (the articles of its story cluster, itself included)."""
    columns = "* EXCLUDE (body)" if body is not None else "*"
    when, values = _published(published)
    # with the hint, the mentions, quotes and figures are read meanwhile, on another cursor
    children = _pool().submit(_children, cur.cursor(), article_id, when, values) if when else None
    found = rows_as_dicts(cur.execute(f"SELECT {columns} FROM articles WHERE article_id = $id{when} LIMIT 1",
                                      {"id": article_id} | values))
    if not found and when:  # the hint is out of date (a reprocess moved it): look everywhere
        when, values, children = "", {}, None
        found = rows_as_dicts(cur.execute(f"SELECT {columns} FROM articles WHERE article_id = $id LIMIT 1", {"id": article_id}))
    if not found:
        raise WebError(404, f"there is no article {article_id} in the lake (it may be in a newer commit: reload in a moment)")
    page = ArticlePage(found[0])
    if body is not None:
        page.article["body"] = body
    page.mentions, page.quotes, page.figures = children.result() if children else _children(cur, article_id, when, values)
    cluster_id = page.article.get("cluster_id")
    if cluster is not None:
        others = [row for row in cluster if row["article_id"] != article_id]
        page.cluster, page.cluster_size = others[:CLUSTER_SHOWN], max(len(cluster), 1)
        if len(others) > CLUSTER_SHOWN:
            page.cluster_size = cur.execute("SELECT count(*) FROM articles WHERE cluster_id = $c", {"c": cluster_id}).fetchone()[0]
    elif cluster_id:
        page.cluster = rows_as_dicts(cur.execute(
            "SELECT article_id, title, domain, site_name, published_at, language FROM articles "
            "WHERE cluster_id = $c AND article_id <> $id ORDER BY published_at NULLS LAST, article_id "
            f"LIMIT {CLUSTER_SHOWN + 1}", {"c": cluster_id, "id": article_id}))
        if len(page.cluster) > CLUSTER_SHOWN:
            page.cluster_size = cur.execute("SELECT count(*) FROM articles WHERE cluster_id = $c", {"c": cluster_id}).fetchone()[0]
            page.cluster = page.cluster[:CLUSTER_SHOWN]
        else:
            page.cluster_size = len(page.cluster) + 1
    raw_key = page.article.get("raw_key")
    if raw_key:
        page.log = rows_as_dicts(cur.execute(
            "SELECT run_id, outcome, articles_new, articles_duplicate, records_rejected, logged_at FROM ingest_log "
            "WHERE raw_key = $k ORDER BY logged_at", {"k": raw_key}))
    page.body_html = highlight(page.article.get("body") or "", body_spans(page, base))
    return page


def _pool():
    global _POOL
    if _POOL is None:
        from concurrent.futures import ThreadPoolExecutor

        _POOL = ThreadPoolExecutor(4, thread_name_prefix="newslake-web-article")
    return _POOL


_POOL = None


def _children(cur: duckdb.DuckDBPyConnection, article_id: str, when: str, values: dict[str, Any]) -> tuple[list, list, list]:
    """The article's ``mentions``, ``quotes`` and ``figures``, in one statement (DuckDB scans
    the three tables side by side), as lists of dicts."""
    import json

    key = {"id": article_id} | values
    rows = cur.execute(f"""
        SELECT 'mentions', to_json({{'entity': entity, 'type': type, 'count': count, 'offsets': offsets,
                                     'country_code': country_code}})
        FROM mentions WHERE article_id = $id{when}
        UNION ALL
        SELECT 'quotes', to_json({{'quote_index': quote_index, 'quote': quote, 'speaker': speaker, 'start': start, 'end': "end"}})
        FROM quotes WHERE article_id = $id{when}
        UNION ALL
        SELECT 'figures', to_json({{'figure_index': figure_index, 'text': text, 'value': value, 'unit': unit,
                                    'counts': counts, 'start': start, 'end': "end"}})
        FROM figures WHERE article_id = $id{when}""", key).fetchall()
    found: dict[str, list[dict[str, Any]]] = {"mentions": [], "quotes": [], "figures": []}
    for table, text in rows:
        found[table].append(json.loads(text))
    found["mentions"].sort(key=lambda m: (-(m["count"] or 0), m["entity"]))
    found["quotes"].sort(key=lambda q: q["quote_index"])
    found["figures"].sort(key=lambda f: f["figure_index"])
    return found["mentions"], found["quotes"], found["figures"]


def body_spans(page: ArticlePage, base: str = "") -> list[Span]:
    """The spans to mark in the body: every mention (a link to its entity), quote and figure."""
    spans = []
    for mention in page.mentions:
        href = base + entity_link(mention["entity"], mention["type"])
        title = f"{mention['type']}: {mention['entity']}"
        for offset in mention.get("offsets") or []:
            if isinstance(offset, dict):
                spans.append(Span(offset.get("start"), offset.get("end"), "entity", title, href, f"ent-{mention['type'].lower()}"))
    for quote in page.quotes:
        speaker = quote.get("speaker")
        spans.append(Span(quote.get("start"), quote.get("end"), "quote", f"quote — {speaker}" if speaker else "quote (unattributed)"))
    for figure in page.figures:
        detail = " ".join(str(part) for part in (_number(figure.get("value")), figure.get("unit"), figure.get("counts")) if part)
        spans.append(Span(figure.get("start"), figure.get("end"), "figure", f"figure: {detail}" if detail else "figure"))
    return spans


def _number(value: float | None) -> str | None:
    if value is None:
        return None
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"


@dataclass
class ClusterPage:
    cluster_id: str
    articles: list[dict[str, Any]]
    title: str | None
    domains: list[str]
    first_seen: datetime | None
    last_seen: datetime | None


def cluster_page(cur: duckdb.DuckDBPyConnection, cluster_id: str) -> ClusterPage:
    """The articles of a story cluster, earliest first; a 404 when there are none."""
    articles = rows_as_dicts(cur.execute(
        "SELECT article_id, title, url, domain, site_name, published_at, ingested_at, language, word_count, tone "
        "FROM articles WHERE cluster_id = $c ORDER BY coalesce(published_at, ingested_at), article_id", {"c": cluster_id}))
    if not articles:
        raise WebError(404, f"there is no story cluster {cluster_id} in the lake")
    founder = next((a for a in articles if a["article_id"] == cluster_id), None)
    title = (founder or {}).get("title") or next((a["title"] for a in articles if a["title"]), None)
    times = [a["published_at"] or a["ingested_at"] for a in articles if a["published_at"] or a["ingested_at"]]
    outlets = sorted({a["domain"] or a["site_name"] for a in articles if a["domain"] or a["site_name"]})
    return ClusterPage(cluster_id, articles, title, outlets, min(times, default=None), max(times, default=None))
