"""What an entity page shows: how often the lake names it over time, what is named with
it, who is quoted in the articles about it, and those articles, newest first.

Two sources give the same page: the search index's companion
(:mod:`newslake.web.search_index`: ``entities``, ``quotes`` and ``docs`` by document, local
and sorted by entity — tens of milliseconds at 100,000 articles), used when it is of the
lake's current version; else the lake's views (a pass over ``mentions`` finds the entity's
articles, kept in a temporary table for the timeline, the co-occurring entities and the
quotes — a few hundred milliseconds).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from newslake.web.articles import rows_as_dicts
from newslake.web.params import ENTITY_TYPES, WebError

if TYPE_CHECKING:
    import duckdb

    from newslake.web.search_index import Companion

TOP = 20
RECENT = 25


@dataclass
class EntityPage:
    name: str
    type: str
    other_types: list[tuple[str, int]] = field(default_factory=list)
    articles: int = 0
    mentions: int = 0
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    country_code: str | None = None
    timeline: list[tuple[date, int, int]] = field(default_factory=list)
    cooccurring: list[dict[str, Any]] = field(default_factory=list)
    quoted: list[dict[str, Any]] = field(default_factory=list)
    recent: list[dict[str, Any]] = field(default_factory=list)


def entity_page(cur: duckdb.DuckDBPyConnection, name: str, kind: str | None) -> EntityPage:
    """The page of ``name`` (of type ``kind``; without one, the type it is most often); a
    404 naming close matches when the lake never names it."""
    types = cur.execute("SELECT type, count(*) AS n FROM mentions WHERE entity = $e GROUP BY type ORDER BY n DESC, type",
                        {"e": name}).fetchall()
    if not types or (kind and kind not in {t for t, _ in types}):
        raise WebError(404, _not_found(cur, name, kind, types))
    kind = kind or types[0][0]
    page = EntityPage(name, kind, other_types=[(t, n) for t, n in types if t != kind])
    cur.execute("CREATE OR REPLACE TEMP TABLE entity_articles AS SELECT article_id, published_at, count, country_code "
                "FROM mentions WHERE entity = $e AND type = $t", {"e": name, "t": kind})
    (page.articles, page.mentions, page.first_seen, page.last_seen, page.country_code) = cur.execute(
        "SELECT count(DISTINCT article_id), coalesce(sum(count), 0), min(published_at), max(published_at), "
        "mode(country_code) FROM entity_articles").fetchone()
    page.timeline = cur.execute(
        "SELECT (published_at AT TIME ZONE 'UTC')::DATE AS day, count(DISTINCT article_id), sum(count) "
        "FROM entity_articles WHERE published_at IS NOT NULL GROUP BY day ORDER BY day").fetchall()
    page.cooccurring = rows_as_dicts(cur.execute(f"""
        SELECT m.entity, m.type, count(DISTINCT m.article_id) AS articles
        FROM mentions AS m SEMI JOIN entity_articles AS a USING (article_id)
        WHERE NOT (m.entity = $e AND m.type = $t) AND m.type IN ('PERSON', 'ORG', 'PLACE')
        GROUP BY ALL ORDER BY articles DESC, m.entity LIMIT {TOP}""", {"e": name, "t": kind}))
    page.quoted = rows_as_dicts(cur.execute(f"""
        SELECT q.speaker, count(*) AS quotes, count(DISTINCT q.article_id) AS articles,
               arg_max(q.quote, coalesce(q.published_at, '-infinity'::TIMESTAMPTZ)) AS latest_quote,
               max(q.published_at) AS latest,
               arg_max(q.article_id, coalesce(q.published_at, '-infinity'::TIMESTAMPTZ)) AS latest_article
        FROM quotes AS q SEMI JOIN entity_articles AS a USING (article_id)
        WHERE q.speaker IS NOT NULL
        GROUP BY q.speaker ORDER BY quotes DESC, articles DESC, q.speaker LIMIT {TOP}"""))
    page.recent = rows_as_dicts(cur.execute(f"""
        WITH recent AS (SELECT article_id, published_at, count FROM entity_articles
                        ORDER BY published_at DESC NULLS LAST, article_id LIMIT {RECENT})
        SELECT a.article_id, a.title, a.domain, a.site_name, a.language, a.published_at, recent.count AS mentions
        FROM articles AS a JOIN recent USING (article_id)
        WHERE a.article_id IN (SELECT article_id FROM recent)
        ORDER BY a.published_at DESC NULLS LAST, a.article_id"""))
    cur.execute("DROP TABLE IF EXISTS entity_articles")
    return page


def entity_page_from_index(companion: Companion, name: str, kind: str | None) -> EntityPage | None:
    """The page from the companion; None when the index never names ``name`` (as ``kind``),
    so the caller asks the lake (it may be newer, or say what it does know)."""
    cur = companion.con.cursor()
    try:
        types = cur.execute("SELECT type, count(*) AS n FROM entities WHERE entity = $e GROUP BY type ORDER BY n DESC, type",
                            {"e": name}).fetchall()
        if not types or (kind and kind not in {t for t, _ in types}):
            return None
        kind = kind or types[0][0]
        page = EntityPage(name, kind, other_types=[(t, n) for t, n in types if t != kind])
        cur.execute("CREATE TEMP TABLE entity_docs AS SELECT e.docid, e.count, e.country_code, d.published_at "
                    "FROM entities AS e JOIN docs AS d USING (docid) WHERE e.entity = $e AND e.type = $t",
                    {"e": name, "t": kind})
        (page.articles, page.mentions, page.first_seen, page.last_seen, page.country_code) = cur.execute(
            "SELECT count(*), coalesce(sum(count), 0), min(published_at), max(published_at), mode(country_code) "
            "FROM entity_docs").fetchone()
        page.timeline = cur.execute(
            "SELECT (published_at AT TIME ZONE 'UTC')::DATE AS day, count(*), sum(count) FROM entity_docs "
            "WHERE published_at IS NOT NULL GROUP BY day ORDER BY day").fetchall()
        page.cooccurring = rows_as_dicts(cur.execute(f"""
            SELECT e.entity, e.type, count(*) AS articles FROM entities AS e SEMI JOIN entity_docs USING (docid)
            WHERE NOT (e.entity = $e AND e.type = $t) AND e.type IN ('PERSON', 'ORG', 'PLACE')
            GROUP BY ALL ORDER BY articles DESC, e.entity LIMIT {TOP}""", {"e": name, "t": kind}))
        quoted = cur.execute(f"""
            SELECT q.speaker, count(*) AS quotes, count(DISTINCT q.docid) AS articles,
                   arg_max(q.quote, coalesce(a.published_at, '-infinity'::TIMESTAMPTZ)) AS latest_quote,
                   max(a.published_at) AS latest,
                   arg_max(q.docid, coalesce(a.published_at, '-infinity'::TIMESTAMPTZ)) AS latest_doc
            FROM quotes AS q JOIN entity_docs AS a USING (docid)
            GROUP BY q.speaker ORDER BY quotes DESC, articles DESC, q.speaker LIMIT {TOP}""").fetchall()
        recent = cur.execute(f"SELECT docid, count FROM entity_docs ORDER BY published_at DESC NULLS LAST, docid "
                             f"LIMIT {RECENT}").fetchall()
    finally:
        cur.close()
    documents = companion.documents([docid for docid, _ in recent] + [row[5] for row in quoted])
    page.quoted = [{"speaker": speaker, "quotes": quotes, "articles": articles, "latest_quote": quote, "latest": latest,
                    "latest_article": documents[doc].article_id if doc in documents else None}
                   for speaker, quotes, articles, quote, latest, doc in quoted]
    page.recent = [{"article_id": d.article_id, "title": d.title, "domain": d.domain, "site_name": d.site_name,
                    "language": d.language, "published_at": d.published_at, "mentions": count}
                   for docid, count in recent if (d := documents.get(docid)) is not None]
    return page


def filled_timeline(days: list[tuple[date, int, int]]) -> tuple[str, list[tuple[date, int]]]:
    """Articles per day with the days between as zeros — per week (Mondays) over more than 180
    days, per month over more than three years: (unit, [(start, articles), …])."""
    if not days:
        return "day", []
    first, last = days[0][0], days[-1][0]
    span = (last - first).days
    unit = "day" if span <= 180 else "week" if span <= 3 * 366 else "month"

    def start(day: date) -> date:
        if unit == "week":
            return day - timedelta(days=day.weekday())
        return day.replace(day=1) if unit == "month" else day

    totals: dict[date, int] = {}
    for day, articles, _ in days:
        totals[start(day)] = totals.get(start(day), 0) + articles
    out, current = [], start(first)
    while current <= last:
        out.append((current, totals.get(current, 0)))
        current = (current + timedelta(days=7 if unit == "week" else 1)) if unit != "month" else \
            date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return unit, out


def _not_found(cur: duckdb.DuckDBPyConnection, name: str, kind: str | None, types: list[tuple[str, int]]) -> str:
    if types:
        known = ", ".join(t for t, _ in types)
        return f"the lake names {name!r} as {known}, never as {kind}"
    close = [row[0] for row in cur.execute(
        "SELECT entity FROM mentions WHERE entity ILIKE '%' || $e || '%' GROUP BY entity ORDER BY count(*) DESC LIMIT 8",
        {"e": name[:100]}).fetchall()]
    hint = f"; close names: {', '.join(close)}" if close else ""
    types_hint = f" (types: {', '.join(ENTITY_TYPES)})" if kind else ""
    return f"the lake never names {name!r}{types_hint}{hint}"
