"""The SQL that gathers each section of the report (I/O): one function per section, each
returning its fields of :class:`ReportData`. Days are UTC days of ``published_at``
(articles, mentions), ``logged_at`` (ingest_log) and ``rejected_at`` (rejects)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from newslake.analysis.report.data import (
    TOP_CLUSTERS,
    TOP_ENTITIES,
    TOP_OUTLETS,
    TOP_REASONS,
    TOP_TONE_OUTLETS,
    ClusterRow,
    EntityRow,
    LakeInfo,
    ReasonRow,
    ReportData,
    ToneRow,
)
from newslake.analysis.report.map_section import place_rows
from newslake.analysis.report.period import Period

if TYPE_CHECKING:
    import duckdb

Rows = Callable[[str], list[tuple]]
"""Runs one query over the period's parameters and returns its rows."""

_DAY = "timezone('UTC', published_at)::DATE"
_OUTLET = "coalesce(domain, site_name, source)"
_INGEST_TOTALS = ("objects", "runs", "articles_new", "articles_duplicate", "records_rejected")


def _in_period(column: str, period: Period) -> str:
    """A SQL condition on ``column`` for the period, over the parameters ``$start``/``$end``."""
    condition = f"{column} <= $end"
    return condition if period.start is None else f"{column} >= $start AND {condition}"


def query_params(period: Period) -> dict[str, datetime]:
    """The query parameters :func:`_in_period` refers to: no ``$start`` for an open period."""
    return {"end": period.end} if period.start is None else {"start": period.start, "end": period.end}


def fetch_report_data(
    con: duckdb.DuckDBPyConnection, period: Period, lake: LakeInfo, generated_at: datetime | None = None
) -> ReportData:
    """Run the report's queries over a connection with the lake's views (see
    :func:`newslake.query.connect`). Days are UTC days of ``published_at`` (articles,
    mentions), ``logged_at`` (ingest_log) and ``rejected_at`` (rejects)."""
    params = query_params(period)

    def rows(sql: str) -> list[tuple]:
        return con.execute(sql, params).fetchall()

    fields: dict[str, Any] = {}
    for query in SECTION_QUERIES:
        fields |= query(rows, period)
    return ReportData(period=period, generated_at=generated_at or period.end, lake=lake, **fields)


def _coverage_rows(rows: Rows, period: Period) -> dict[str, Any]:
    """The overview's counts, articles per day by language, and the top outlets' days."""
    published = _in_period("published_at", period)
    articles, outlets, languages, undated = rows(f"""
        SELECT count(*) FILTER (WHERE {published}),
               count(DISTINCT {_OUTLET}) FILTER (WHERE {published}),
               count(DISTINCT language) FILTER (WHERE {published}),
               count(*) FILTER (WHERE published_at IS NULL AND {_in_period('ingested_at', period)})
        FROM articles""")[0]
    by_language = rows(f"SELECT {_DAY}, language, count(*) FROM articles WHERE {published} GROUP BY ALL ORDER BY ALL")
    outlet_totals = rows(f"""
        SELECT {_OUTLET} AS outlet, count(*) AS n FROM articles WHERE {published}
        GROUP BY outlet ORDER BY n DESC, outlet LIMIT {TOP_OUTLETS}""")
    by_outlet = rows(f"""
        WITH top AS (SELECT {_OUTLET} AS outlet, count(*) AS n FROM articles WHERE {published}
                     GROUP BY outlet ORDER BY n DESC, outlet LIMIT {TOP_OUTLETS})
        SELECT {_DAY}, {_OUTLET} AS outlet, count(*) FROM articles
        WHERE {published} AND {_OUTLET} IN (SELECT outlet FROM top) GROUP BY ALL ORDER BY ALL""")
    return dict(articles=articles, undated=undated, outlets=outlets, languages=languages,
                by_language=by_language, outlet_totals=outlet_totals, by_outlet=by_outlet)


def _entity_rows(rows: Rows, period: Period) -> dict[str, Any]:
    """The entities named in the most articles, top :data:`TOP_ENTITIES` of each type."""
    published = _in_period("published_at", period)
    entities = [EntityRow(*row) for row in rows(f"""
        SELECT type, entity, country_code, articles, mentions FROM (
            SELECT type, entity, mode(country_code) AS country_code,
                   count(DISTINCT article_id) AS articles, sum(count)::BIGINT AS mentions,
                   row_number() OVER (PARTITION BY type ORDER BY count(DISTINCT article_id) DESC,
                                      sum(count) DESC, entity) AS rank
            FROM mentions WHERE {published} GROUP BY type, entity)
        WHERE rank <= {TOP_ENTITIES} ORDER BY type, rank""")]
    return dict(entities=entities)


def _tone_rows(rows: Rows, period: Period) -> dict[str, Any]:
    """Average tone of the outlets with the most scored articles, the daily average, and
    what went unscored (by language: tone is for English only)."""
    published = _in_period("published_at", period)
    scored = f"tone IS NOT NULL AND {published}"
    tone_scored, tone_outlets = rows(f"SELECT count(*), count(DISTINCT {_OUTLET}) FROM articles WHERE {scored}")[0]
    tone_by_outlet = [ToneRow(*row) for row in rows(f"""
        SELECT {_OUTLET} AS outlet, count(*) AS n, avg(tone), avg(tone_positive), avg(tone_negative)
        FROM articles WHERE {scored} GROUP BY outlet ORDER BY n DESC, outlet LIMIT {TOP_TONE_OUTLETS}""")]
    tone_daily = rows(f"SELECT {_DAY}, count(*), avg(tone) FROM articles WHERE {scored} GROUP BY ALL ORDER BY ALL")
    unscored = rows(f"""
        SELECT language, count(*) AS n FROM articles WHERE tone IS NULL AND {published}
        GROUP BY language ORDER BY n DESC, language NULLS LAST""")
    return dict(tone_by_outlet=tone_by_outlet, tone_daily=tone_daily, tone_scored=tone_scored,
                tone_outlets=tone_outlets, unscored_languages=unscored)


def _cluster_rows(rows: Rows, period: Period) -> dict[str, Any]:
    """The widest story clusters seen in the period, and how many have two articles or more."""
    seen = _in_period("c.last_seen", period)
    clusters = [ClusterRow(*row) for row in rows(f"""
        SELECT c.cluster_id, c.title, a.url, c.outlets, c.articles, coalesce(c.domains, []), c.first_seen, c.last_seen
        FROM story_clusters AS c LEFT JOIN articles AS a ON a.article_id = c.cluster_id
        WHERE c.articles >= 2 AND {seen}
        ORDER BY c.outlets DESC, c.articles DESC, c.last_seen DESC, c.cluster_id LIMIT {TOP_CLUSTERS}""")]
    multi = rows(f"SELECT count(*) FROM story_clusters AS c WHERE c.articles >= 2 AND {seen}")[0][0]
    return dict(clusters=clusters, multi_article_clusters=multi)


def _ingest_rows(rows: Rows, period: Period) -> dict[str, Any]:
    """Landed objects per day by outcome, and the period's ingest totals."""
    logged = _in_period("logged_at", period)
    ingest_daily = rows(f"""
        SELECT timezone('UTC', logged_at)::DATE, outcome, count(*) FROM ingest_log WHERE {logged}
        GROUP BY ALL ORDER BY ALL""")
    totals = rows(f"""
        SELECT count(*), count(DISTINCT run_id), coalesce(sum(articles_new), 0), coalesce(sum(articles_duplicate), 0),
               coalesce(sum(records_rejected), 0)
        FROM ingest_log WHERE {logged}""")[0]
    return dict(ingest_daily=ingest_daily, ingest_totals=dict(zip(_INGEST_TOTALS, map(int, totals))))


def _reject_rows(rows: Rows, period: Period) -> dict[str, Any]:
    """Rejected records per day by stage, and the most common reasons with an example each."""
    rejected = _in_period("rejected_at", period)
    rejects_daily = rows(f"""
        SELECT timezone('UTC', rejected_at)::DATE, stage, count(*) FROM rejects WHERE {rejected}
        GROUP BY ALL ORDER BY ALL""")
    reasons = [ReasonRow(*row) for row in rows(f"""
        SELECT stage, error_class, count(*) AS records, count(DISTINCT raw_key),
               arg_max(reason, rejected_at), arg_max(coalesce(source_path, raw_key), rejected_at), max(rejected_at)
        FROM rejects WHERE {rejected}
        GROUP BY stage, error_class ORDER BY records DESC, stage, error_class LIMIT {TOP_REASONS}""")]
    return dict(rejects_daily=rejects_daily, rejects_total=sum(n for _, _, n in rejects_daily), reasons=reasons)


def _place_rows(rows: Callable[[str], list[tuple]], period: Period) -> dict[str, Any]:
    """The map's places, as a section like the others (the web report runs them side by side)."""
    return place_rows(rows, _in_period("published_at", period))


SECTION_QUERIES: tuple[Callable[[Rows, Period], dict[str, Any]], ...] = (
    _coverage_rows, _entity_rows, _place_rows, _tone_rows, _cluster_rows, _ingest_rows, _reject_rows,
)
"""Each section's queries: ``query(rows, period)`` returns its fields of :class:`ReportData`.
Independent of each other, so a caller may run them side by side, each on a cursor of its
own (the web app does), with the parameters of :func:`query_params`."""
