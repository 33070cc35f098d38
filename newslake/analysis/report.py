"""``newslake report``: one self-contained HTML page about the lake over a period.

The page has inline CSS and inline SVG charts (:mod:`newslake.analysis.charts`) and nothing
else: no scripts, web fonts, images or style sheets to fetch, so it opens offline, from
a file, an e-mail attachment or an artifact store. Sections:

- an overview (articles, outlets, languages, stories, ingested objects, rejects);
- coverage: articles per day by language, and small multiples of the top outlets;
- top entities of each type (people, organisations, places, nationalities/groups);
- tone by outlet (English articles only: VADER) and the daily average;
- the widest story clusters (same story across outlets);
- ingestion health: objects per day by outcome, rejected records per day by stage,
  and the most common reasons for rejection.

The work is split in three: :func:`fetch_report_data` runs the queries (I/O) and
returns plain rows in a :class:`ReportData`; :func:`render_report` turns that into HTML
(pure: same data, same bytes); :func:`build_report` ties them together and writes
``index.html``. :func:`parse_since` reads the command line's ``--since``.

Every table is read at one Delta version (listed at the foot of the page), so the
sections agree with each other even while an ingest commits.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from newslake.analysis.charts import (
    PALETTE,
    Bar,
    Series,
    bar_chart,
    escape,
    fmt_day,
    fmt_number,
    fmt_signed,
    line_chart,
    stacked_bars,
    truncate,
)

if TYPE_CHECKING:
    import duckdb

    from newslake.core.settings import Settings

UTC = UTC
NO_DATA = "No data for this period."
TOP_LANGUAGES = 5
TOP_OUTLETS = 6
TOP_ENTITIES = 10
TOP_TONE_OUTLETS = 15
TOP_CLUSTERS = 15
TOP_REASONS = 10

ENTITY_TYPES = (
    ("PERSON", "People", "#4e79a7"),
    ("ORG", "Organisations", "#f28e2c"),
    ("PLACE", "Places", "#59a14f"),
    ("NORP", "Nationalities & groups", "#af7aa1"),
)
OUTCOME_COLORS = {
    "committed": "#59a14f",
    "partial": "#edc949",
    "duplicate": "#76b7b2",
    "reprocessed": "#af7aa1",
    "skipped": "#bab0ab",
    "rejected": "#e15759",
}
STAGE_COLORS = {"read": "#9c755f", "detect": "#f28e2c", "parse": "#e15759", "extract": "#af7aa1", "validate": "#4e79a7"}
LANGUAGE_NAMES = {
    "ar": "Arabic", "cs": "Czech", "da": "Danish", "de": "German", "el": "Greek", "en": "English", "es": "Spanish",
    "fa": "Persian", "fi": "Finnish", "fr": "French", "he": "Hebrew", "hi": "Hindi", "hu": "Hungarian",
    "id": "Indonesian", "it": "Italian", "ja": "Japanese", "ko": "Korean", "nl": "Dutch", "no": "Norwegian",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sv": "Swedish", "tr": "Turkish",
    "uk": "Ukrainian", "zh": "Chinese",
}


# --- the period ---------------------------------------------------------------------------------


_RELATIVE = re.compile(r"(\d+)\s*(h|d|w)")
_UNIT_NAMES = {"h": ("hour", "hours"), "d": ("day", "days")}


def parse_since(text: str) -> timedelta | date | None:
    """The ``--since`` option: ``24h``, ``7d``, ``2w`` (a span back from now), a day
    ``YYYY-MM-DD`` (from its start, UTC), or ``all`` (the whole lake: None).

    Raises ``ValueError`` with a message fit for the command line."""
    value = text.strip().lower()
    if value == "all":
        return None
    if match := _RELATIVE.fullmatch(value):
        amount = int(match[1])
        if amount > 0:
            unit = match[2]
            return timedelta(hours=amount) if unit == "h" else timedelta(days=amount) if unit == "d" else timedelta(weeks=amount)
    else:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"{text!r} is not a period: use 24h, 7d, 2w (hours, days, weeks back from now), a day YYYY-MM-DD, or 'all'")


@dataclass(frozen=True)
class Period:
    """From ``start`` (None: the beginning of the lake) to ``end`` (the generation time), UTC."""

    start: datetime | None
    end: datetime
    label: str

    def describe(self) -> str:
        """``Mar 2, 2026 00:00 → Mar 9, 2026 12:00 UTC``."""
        end = _fmt_time(self.end)
        return f"all time, to {end} UTC" if self.start is None else f"{_fmt_time(self.start)} → {end} UTC"


def _fmt_time(moment: datetime) -> str:
    moment = moment.astimezone(UTC)
    return f"{fmt_day(moment, with_year=True)} {moment:%H:%M}"


def _span_label(span: timedelta) -> str:
    seconds = int(span.total_seconds())
    for unit, size in (("d", 86400), ("h", 3600)):
        if seconds % size == 0 and seconds // size:
            count = seconds // size
            one, many = _UNIT_NAMES[unit]
            if unit == "d" and count == 1:
                return "last 24 hours"
            return f"last {count} {one if count == 1 else many}"
    return f"last {span}"


def resolve_period(since: timedelta | date | datetime | None, now: datetime) -> Period:
    """The period ``since`` describes, ending at ``now`` (a timezone-aware time; naive means UTC)."""
    now = now.replace(tzinfo=UTC) if now.tzinfo is None else now.astimezone(UTC)
    if since is None:
        return Period(None, now, "all time")
    if isinstance(since, timedelta):
        if since <= timedelta(0):
            raise ValueError(f"the period must be positive, not {since}")
        return Period(now - since, now, _span_label(since))
    if isinstance(since, datetime):
        start = since.replace(tzinfo=UTC) if since.tzinfo is None else since.astimezone(UTC)
        label = f"since {_fmt_time(start)} UTC"
    else:
        start = datetime.combine(since, time(0), UTC)
        label = f"since {since.isoformat()}"
    if start > now:
        raise ValueError(f"the period starts in the future ({start:%Y-%m-%d %H:%M} UTC)")
    return Period(start, now, label)


# --- time buckets (pure) -------------------------------------------------------------------------


def choose_bucket(first: date, last: date) -> str:
    """``day`` for up to four months, ``week`` up to three years, else ``month``."""
    span = (last - first).days
    return "day" if span <= 120 else "week" if span <= 3 * 366 else "month"


def bucket_start(day: date, bucket: str) -> date:
    if bucket == "week":
        return day - timedelta(days=day.weekday())
    if bucket == "month":
        return day.replace(day=1)
    return day


def bucket_range(first: date, last: date, bucket: str) -> list[date]:
    """Every bucket from the one holding ``first`` to the one holding ``last``, in order."""
    current, stop, out = bucket_start(first, bucket), bucket_start(last, bucket), []
    while current <= stop:
        out.append(current)
        if bucket == "month":
            current = (current.replace(day=28) + timedelta(days=4)).replace(day=1)
        else:
            current += timedelta(days=7 if bucket == "week" else 1)
    return out


def pivot(
    rows: Iterable[tuple[date, Any, float]], buckets: Sequence[date], bucket: str, keys: Sequence[Any] | None = None,
    other: Any = None,
) -> dict[Any, list[float]]:
    """``(day, key, value)`` rows summed per key into one list aligned with ``buckets``
    (missing buckets are 0). With ``keys``, other keys are summed under ``other`` (dropped
    when ``other`` is None); rows outside the buckets are ignored."""
    index = {b: i for i, b in enumerate(buckets)}
    wanted = None if keys is None else set(keys)
    out: dict[Any, list[float]] = {k: [0.0] * len(buckets) for k in (keys or ())}
    for day, key, value in rows:
        if day is None:
            continue
        position = index.get(bucket_start(day, bucket))
        if position is None:
            continue
        if wanted is not None and key not in wanted:
            if other is None:
                continue
            key = other
        out.setdefault(key, [0.0] * len(buckets))[position] += float(value or 0)
    return out


def _bucket_words(bucket: str) -> tuple[str, str]:
    """(``per day``, subtitle note)."""
    return {
        "day": ("per day", "UTC days"),
        "week": ("per week", "weeks starting Monday, UTC"),
        "month": ("per month", "calendar months, UTC"),
    }[bucket]


def _bucket_format(bucket: str, buckets: Sequence[date]):
    if bucket == "month":
        return lambda d: f"{fmt_day(d)[:3]} {d.year}"
    years = {d.year for d in buckets}
    return lambda d: fmt_day(d, with_year=len(years) > 1)


# --- the data ----------------------------------------------------------------------------------


class EntityRow(NamedTuple):
    type: str
    entity: str
    country_code: str | None
    articles: int
    mentions: int


class ToneRow(NamedTuple):
    outlet: str
    articles: int
    tone: float
    positive: float | None
    negative: float | None


class ClusterRow(NamedTuple):
    cluster_id: str
    title: str | None
    url: str | None
    outlets: int
    articles: int
    domains: list[str]
    first_seen: datetime
    last_seen: datetime


class ReasonRow(NamedTuple):
    stage: str
    error_class: str
    records: int
    objects: int
    example: str
    example_source: str | None
    last_seen: datetime


@dataclass(frozen=True)
class LakeInfo:
    """Where the lake is and which snapshot the report read."""

    location: str
    endpoint: str | None
    schema_version: str
    table_schema_versions: dict[str, str | None] = field(default_factory=dict)
    table_versions: dict[str, int] = field(default_factory=dict)
    pipeline_version: str = ""


@dataclass(frozen=True)
class ReportData:
    """Everything the page shows, as plain values: what :func:`render_report` needs."""

    period: Period
    generated_at: datetime
    lake: LakeInfo
    articles: int = 0
    undated: int = 0
    outlets: int = 0
    languages: int = 0
    by_language: list[tuple[date, str | None, int]] = field(default_factory=list)
    outlet_totals: list[tuple[str, int]] = field(default_factory=list)
    by_outlet: list[tuple[date, str, int]] = field(default_factory=list)
    entities: list[EntityRow] = field(default_factory=list)
    tone_by_outlet: list[ToneRow] = field(default_factory=list)
    tone_daily: list[tuple[date, int, float]] = field(default_factory=list)
    tone_scored: int = 0
    tone_outlets: int = 0
    unscored_languages: list[tuple[str | None, int]] = field(default_factory=list)
    clusters: list[ClusterRow] = field(default_factory=list)
    multi_article_clusters: int = 0
    ingest_daily: list[tuple[date, str, int]] = field(default_factory=list)
    ingest_totals: dict[str, int] = field(default_factory=dict)
    rejects_daily: list[tuple[date, str, int]] = field(default_factory=list)
    rejects_total: int = 0
    reasons: list[ReasonRow] = field(default_factory=list)


def _in_period(column: str, period: Period) -> str:
    """A SQL condition on ``column`` for the period, over the parameters ``$start``/``$end``."""
    condition = f"{column} <= $end"
    return condition if period.start is None else f"{column} >= $start AND {condition}"


def _params(period: Period) -> dict[str, datetime]:
    return {"end": period.end} if period.start is None else {"start": period.start, "end": period.end}


def fetch_report_data(
    con: duckdb.DuckDBPyConnection, period: Period, lake: LakeInfo, generated_at: datetime | None = None
) -> ReportData:
    """Run the report's queries over a connection with the lake's views (see
    :func:`newslake.query.connect`). Days are UTC days of ``published_at`` (articles,
    mentions), ``logged_at`` (ingest_log) and ``rejected_at`` (rejects)."""
    params = _params(period)

    def rows(sql: str) -> list[tuple]:
        return con.execute(sql, params).fetchall()

    published = _in_period("published_at", period)
    day = "timezone('UTC', published_at)::DATE"
    outlet = "coalesce(domain, site_name, source)"

    articles, outlets, languages, undated = rows(f"""
        SELECT count(*) FILTER (WHERE {published}),
               count(DISTINCT {outlet}) FILTER (WHERE {published}),
               count(DISTINCT language) FILTER (WHERE {published}),
               count(*) FILTER (WHERE published_at IS NULL AND {_in_period('ingested_at', period)})
        FROM articles""")[0]
    by_language = rows(f"SELECT {day}, language, count(*) FROM articles WHERE {published} GROUP BY ALL ORDER BY ALL")
    outlet_totals = rows(f"""
        SELECT {outlet} AS outlet, count(*) AS n FROM articles WHERE {published}
        GROUP BY outlet ORDER BY n DESC, outlet LIMIT {TOP_OUTLETS}""")
    by_outlet = rows(f"""
        WITH top AS (SELECT {outlet} AS outlet, count(*) AS n FROM articles WHERE {published}
                     GROUP BY outlet ORDER BY n DESC, outlet LIMIT {TOP_OUTLETS})
        SELECT {day}, {outlet} AS outlet, count(*) FROM articles
        WHERE {published} AND {outlet} IN (SELECT outlet FROM top) GROUP BY ALL ORDER BY ALL""")

    entities = [EntityRow(*row) for row in rows(f"""
        SELECT type, entity, country_code, articles, mentions FROM (
            SELECT type, entity, mode(country_code) AS country_code,
                   count(DISTINCT article_id) AS articles, sum(count)::BIGINT AS mentions,
                   row_number() OVER (PARTITION BY type ORDER BY count(DISTINCT article_id) DESC,
                                      sum(count) DESC, entity) AS rank
            FROM mentions WHERE {published} GROUP BY type, entity)
        WHERE rank <= {TOP_ENTITIES} ORDER BY type, rank""")]

    scored = f"tone IS NOT NULL AND {published}"
    tone_scored, tone_outlets = rows(f"SELECT count(*), count(DISTINCT {outlet}) FROM articles WHERE {scored}")[0]
    tone_by_outlet = [ToneRow(*row) for row in rows(f"""
        SELECT {outlet} AS outlet, count(*) AS n, avg(tone), avg(tone_positive), avg(tone_negative)
        FROM articles WHERE {scored} GROUP BY outlet ORDER BY n DESC, outlet LIMIT {TOP_TONE_OUTLETS}""")]
    tone_daily = rows(f"SELECT {day}, count(*), avg(tone) FROM articles WHERE {scored} GROUP BY ALL ORDER BY ALL")
    unscored = rows(f"""
        SELECT language, count(*) AS n FROM articles WHERE tone IS NULL AND {published}
        GROUP BY language ORDER BY n DESC, language NULLS LAST""")

    seen = _in_period("c.last_seen", period)
    clusters = [ClusterRow(*row) for row in rows(f"""
        SELECT c.cluster_id, c.title, a.url, c.outlets, c.articles, coalesce(c.domains, []), c.first_seen, c.last_seen
        FROM story_clusters AS c LEFT JOIN articles AS a ON a.article_id = c.cluster_id
        WHERE c.articles >= 2 AND {seen}
        ORDER BY c.outlets DESC, c.articles DESC, c.last_seen DESC, c.cluster_id LIMIT {TOP_CLUSTERS}""")]
    multi = rows(f"SELECT count(*) FROM story_clusters AS c WHERE c.articles >= 2 AND {seen}")[0][0]

    logged = _in_period("logged_at", period)
    ingest_daily = rows(f"""
        SELECT timezone('UTC', logged_at)::DATE, outcome, count(*) FROM ingest_log WHERE {logged}
        GROUP BY ALL ORDER BY ALL""")
    totals = rows(f"""
        SELECT count(*), count(DISTINCT run_id), coalesce(sum(articles_new), 0), coalesce(sum(articles_duplicate), 0),
               coalesce(sum(records_rejected), 0)
        FROM ingest_log WHERE {logged}""")[0]
    ingest_totals = dict(zip(("objects", "runs", "articles_new", "articles_duplicate", "records_rejected"), map(int, totals)))

    rejected = _in_period("rejected_at", period)
    rejects_daily = rows(f"""
        SELECT timezone('UTC', rejected_at)::DATE, stage, count(*) FROM rejects WHERE {rejected}
        GROUP BY ALL ORDER BY ALL""")
    reasons = [ReasonRow(*row) for row in rows(f"""
        SELECT stage, error_class, count(*) AS records, count(DISTINCT raw_key),
               arg_max(reason, rejected_at), arg_max(coalesce(source_path, raw_key), rejected_at), max(rejected_at)
        FROM rejects WHERE {rejected}
        GROUP BY stage, error_class ORDER BY records DESC, stage, error_class LIMIT {TOP_REASONS}""")]

    return ReportData(
        period=period,
        generated_at=generated_at or period.end,
        lake=lake,
        articles=articles, undated=undated, outlets=outlets, languages=languages,
        by_language=by_language, outlet_totals=outlet_totals, by_outlet=by_outlet,
        entities=entities,
        tone_by_outlet=tone_by_outlet, tone_daily=tone_daily, tone_scored=tone_scored, tone_outlets=tone_outlets,
        unscored_languages=unscored,
        clusters=clusters, multi_article_clusters=multi,
        ingest_daily=ingest_daily, ingest_totals=ingest_totals,
        rejects_daily=rejects_daily, rejects_total=sum(n for _, _, n in rejects_daily), reasons=reasons,
    )


_SCHEMA_IN_DESCRIPTION = re.compile(r"newslake schema (\d+\.\d+)")


def pin_snapshot(con: duckdb.DuckDBPyConnection, settings: Settings) -> LakeInfo:
    """Point the connection's table views at each table's current Delta version (the
    derived views follow, being defined over them), and describe the lake."""
    from newslake.core import PIPELINE_VERSION
    from newslake.core.lake import open_table, table_uri
    from newslake.core.query import sql_literal
    from newslake.core.storage import s3_access
    from schemas import SCHEMA_VERSION, TABLES

    versions: dict[str, int] = {}
    declared: dict[str, str | None] = {}
    for name in TABLES:
        table = open_table(settings, name)
        versions[name] = int(table.version())
        match = _SCHEMA_IN_DESCRIPTION.search(table.metadata().description or "")
        declared[name] = match[1] if match else None
        uri = sql_literal(table_uri(settings, name))
        con.execute(f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM delta_scan({uri}, version := {versions[name]})")
    return LakeInfo(
        location=table_uri(settings, "").rstrip("/"),
        endpoint=s3_access(settings).endpoint_url,
        schema_version=SCHEMA_VERSION,
        table_schema_versions=declared,
        table_versions=versions,
        pipeline_version=PIPELINE_VERSION,
    )


def build_report(
    settings: Settings, since: timedelta | date | None, out_dir: Path, *, now: datetime | None = None
) -> Path:
    """Query the lake over the period ``since`` describes (see :func:`parse_since`; None:
    everything) up to ``now`` (default: the current time), and write the page to
    ``out_dir/index.html`` (the folder is created; the file is replaced atomically).
    Returns the path of ``index.html``."""
    from newslake.core.query import connect

    generated = datetime.now(UTC) if now is None else now
    period = resolve_period(since, generated)
    con = connect(settings)
    try:
        lake = pin_snapshot(con, settings)
        data = fetch_report_data(con, period, lake, period.end)
    finally:
        con.close()
    page = render_report(data)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "index.html"
    partial = out_dir / f".index.html.{os.getpid()}.partial"
    partial.write_text(page, encoding="utf-8")
    os.replace(partial, target)
    return target


# --- rendering (pure) ----------------------------------------------------------------------------


def _plural(count: int, noun: str) -> str:
    return f"{fmt_number(count)} {noun}{'' if count == 1 else 's'}"


def _language_name(code: str | None) -> str:
    if not code:
        return "unknown"
    name = LANGUAGE_NAMES.get(code)
    return f"{name} ({code})" if name else code


def _range(period: Period, days: Iterable[date | None]) -> tuple[date, date] | None:
    """The days a timeline covers: the period's (from the first day with data when the
    period is open-ended); None when there are no days at all."""
    present = [d for d in days if d is not None]
    if not present:
        return None
    first = period.start.date() if period.start is not None else min(present)
    last = max(period.end.date(), max(present)) if period.start is None else period.end.date()
    return first, last


def _empty(message: str = NO_DATA) -> str:
    return f'<p class="empty">{escape(message)}</p>'


def _figure(chart_id: str, svg: str, caption: str = "", *, wide: bool = False) -> str:
    """A chart in a ``<figure id=…>``; a ``wide`` one scrolls sideways on narrow screens
    rather than shrinking its text."""
    cap = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    classes = "chart-figure wide" if wide else "chart-figure"
    return f'<figure class="{classes}" id="{escape(chart_id)}">{svg}{cap}</figure>'


def _kpi(label: str, value: int | str, detail: str = "") -> str:
    shown = fmt_number(value) if isinstance(value, (int, float)) else value
    extra = f'<div class="kpi-detail">{escape(detail)}</div>' if detail else ""
    return f'<div class="kpi"><div class="kpi-label">{escape(label)}</div><div class="kpi-value">{escape(shown)}</div>{extra}</div>'


def overview_section(data: ReportData) -> str:
    ingest = data.ingest_totals
    cards = [
        _kpi("Articles", data.articles, f"+ {fmt_number(data.undated)} undated" if data.undated else "published"),
        _kpi("Outlets", data.outlets),
        _kpi("Languages", data.languages),
        _kpi("Stories on 2+ articles", data.multi_article_clusters),
        _kpi("Objects ingested", ingest.get("objects", 0), f"{fmt_number(ingest.get('runs', 0))} runs"),
        _kpi("Rejected records", data.rejects_total),
    ]
    return f'<section id="overview" class="kpis">{"".join(cards)}</section>'


def coverage_section(data: ReportData) -> str:
    parts = ['<section id="coverage"><h2>Coverage</h2>']
    span = _range(data.period, (d for d, _, _ in data.by_language))
    if span is None:
        note = (f" {_plural(data.undated, 'article')} without a publication time {'was' if data.undated == 1 else 'were'} "
                "ingested in it." if data.undated else "")
        parts.append(_empty(NO_DATA + note) + "</section>")
        return "".join(parts)
    bucket = choose_bucket(*span)
    buckets = bucket_range(*span, bucket)
    per, unit_note = _bucket_words(bucket)
    fmt = _bucket_format(bucket, buckets)

    totals: dict[str | None, int] = defaultdict(int)
    for _, language, n in data.by_language:
        totals[language] += n
    ranked = sorted(totals, key=lambda k: (-totals[k], k is None, k or ""))
    top = [k for k in ranked if k is not None][:TOP_LANGUAGES]
    other = "__other__"
    by_lang = pivot(data.by_language, buckets, bucket, keys=top, other=other)
    series = [(_language_name(k), by_lang[k], PALETTE[i % len(PALETTE)]) for i, k in enumerate(top)]
    if other in by_lang:
        series.append(("other / unknown", by_lang[other], "#bab0ab"))
    subtitle = f"By language of the text (top {TOP_LANGUAGES}); {unit_note}, by publication time."
    chart = stacked_bars(buckets, series, title=f"Articles {per}", subtitle=subtitle, width=1040, height=280, x_format=fmt)
    caption = (f"{_plural(data.undated, 'article')} ingested in the period {'has' if data.undated == 1 else 'have'} "
               f"no publication time and {'is' if data.undated == 1 else 'are'} not shown." if data.undated else "")
    parts.append(_figure("chart-coverage-language", chart, caption, wide=True))

    if data.outlet_totals:
        by_outlet = pivot(data.by_outlet, buckets, bucket)
        y_max = max((max(v) for v in by_outlet.values()), default=0)
        parts.append(f'<h3>Top outlets</h3><p class="lede">Articles {per} for the {len(data.outlet_totals)} '
                     f'outlets with the most articles in the period (of {fmt_number(data.outlets)}), on the same scale.</p>')
        parts.append('<div class="grid grid-3">')
        for i, (name, total) in enumerate(data.outlet_totals):
            values = by_outlet.get(name, [0.0] * len(buckets))
            svg = line_chart(
                [Series(name, list(zip(buckets, values)), PALETTE[i % len(PALETTE)])],
                title=truncate(name, 40), subtitle=_plural(total, "article"), width=340, height=170,
                area=True, y_max=y_max, show_points=len(buckets) <= 31, x_format=fmt,
            )
            parts.append(_figure(f"chart-outlet-{i + 1}", svg))
        parts.append("</div>")
    parts.append("</section>")
    return "".join(parts)


def entities_section(data: ReportData) -> str:
    parts = ['<section id="entities"><h2>Top entities</h2>']
    if not data.entities:
        parts.append(_empty() + "</section>")
        return "".join(parts)
    parts.append(f'<p class="lede">Entities named in the most articles published in the period (top {TOP_ENTITIES} of each '
                 "type; named-entity recognition runs where a model exists for the language).</p>")
    parts.append('<div class="grid grid-2">')
    for kind, label, color in ENTITY_TYPES:
        rows = [row for row in data.entities if row.type == kind]
        bars = [
            Bar(row.entity + (f" ({row.country_code})" if row.country_code else ""), row.articles,
                tooltip=f"{row.entity}{f' ({row.country_code})' if row.country_code else ''}: {fmt_number(row.articles)} "
                        f"articles, {fmt_number(row.mentions)} mentions")
            for row in rows
        ]
        svg = bar_chart(bars, title=label, subtitle="articles naming each", width=500, color=color, label_chars=30)
        parts.append(_figure(f"chart-entities-{kind.lower()}", svg))
    parts.append("</div></section>")
    return "".join(parts)


def tone_section(data: ReportData) -> str:
    parts = ['<section id="tone"><h2>Tone by outlet</h2>']
    unscored = ", ".join(f"{_language_name(lang)} {fmt_number(n)}" for lang, n in data.unscored_languages[:6])
    more = " …" if len(data.unscored_languages) > 6 else ""
    note = ("Tone is scored for <strong>English articles only</strong>, with VADER (a lexicon for English): the compound "
            "score from −1 (negative) to +1 (positive), averaged over paragraphs. Articles in other languages have no "
            "tone and are left out here.")
    if unscored:
        note += f" Without a score in this period: {escape(unscored)}{more}."
    parts.append(f'<p class="note">{note}</p>')
    if not data.tone_by_outlet:
        parts.append(_empty() + "</section>")
        return "".join(parts)
    rows = sorted(data.tone_by_outlet, key=lambda r: (-r.tone, r.outlet))
    bars = [
        Bar(row.outlet, row.tone, note=f"n={fmt_number(row.articles)}",
            tooltip=f"{row.outlet}: average tone {fmt_signed(row.tone, 3)} over {fmt_number(row.articles)} English articles"
                    + (f" (positive {row.positive:.2f}, negative {row.negative:.2f})"
                       if row.positive is not None and row.negative is not None else ""))
        for row in rows
    ]
    shown = len(rows)
    subtitle = (f"Mean compound score per outlet; n = articles scored ({_plural(data.tone_scored, 'English article')} in all"
                + (f"; the {shown} of {fmt_number(data.tone_outlets)} outlets with the most are shown)"
                   if data.tone_outlets > shown else ")"))
    svg = bar_chart(bars, title="Average tone", subtitle=subtitle, width=1040, value_format=lambda v: fmt_signed(v, 2),
                    label_chars=36, hints=("more negative", "more positive"))
    parts.append(_figure("chart-tone-outlets", svg, wide=True))

    span = _range(data.period, (d for d, _, _ in data.tone_daily))
    if span is not None:
        bucket = choose_bucket(*span)
        buckets = bucket_range(*span, bucket)
        sums: dict[date, list[float]] = {}
        for day, n, avg in data.tone_daily:
            key = bucket_start(day, bucket)
            total = sums.setdefault(key, [0.0, 0.0])
            total[0] += n * avg
            total[1] += n
        points = [(b, sums[b][0] / sums[b][1]) for b in buckets if b in sums]
        per, unit_note = _bucket_words(bucket)
        svg = line_chart([Series("average tone", points, "#4e79a7")], title=f"Average tone {per}, all outlets",
                         subtitle=f"English articles, weighted by article; {unit_note}; days without scored articles are skipped.",
                         width=1040, height=220, integer=False, value_format=lambda v: fmt_signed(v, 2),
                         x_range=(buckets[0], buckets[-1]), x_format=_bucket_format(bucket, buckets))
        parts.append(_figure("chart-tone-timeline", svg, wide=True))
    parts.append("</section>")
    return "".join(parts)


def clusters_section(data: ReportData) -> str:
    parts = ['<section id="stories"><h2>Top stories</h2>']
    if not data.clusters:
        message = "No story was carried by more than one article in this period." if data.articles else NO_DATA
        parts.append(_empty(message) + "</section>")
        return "".join(parts)
    parts.append(f'<p class="lede">Story clusters — near-duplicate articles: the same story across outlets, wire copy, '
                 f'syndication — seen in the period, widest first ({len(data.clusters)} of '
                 f'{fmt_number(data.multi_article_clusters)} with two or more articles). Counts cover the whole lake.</p>')
    parts.append('<table class="clusters"><thead><tr><th>Story</th><th>Carried by</th><th class="num">Outlets</th>'
                 '<th class="num">Articles</th><th>First seen</th><th>Last seen</th></tr></thead><tbody>')
    for row in data.clusters:
        title = escape(truncate(row.title or "(untitled)", 140))
        if row.url and row.url.startswith(("http://", "https://")):
            title = f'<a href="{escape(row.url)}" rel="noopener noreferrer">{title}</a>'
        shown = row.domains[:4]
        tags = "".join(f'<span class="tag">{escape(d)}</span>' for d in shown)
        if len(row.domains) > len(shown):
            tags += f'<span class="more">+{len(row.domains) - len(shown)}</span>'
        parts.append(
            f'<tr><td class="story">{title}</td><td class="domains">{tags}</td><td class="num">{fmt_number(row.outlets)}</td>'
            f'<td class="num">{fmt_number(row.articles)}</td><td class="when">{escape(_fmt_time(row.first_seen))}</td>'
            f'<td class="when">{escape(_fmt_time(row.last_seen))}</td></tr>'
        )
    parts.append("</tbody></table></section>")
    return "".join(parts)


def ingestion_section(data: ReportData) -> str:
    parts = ['<section id="ingestion"><h2>Ingestion health</h2>']
    days = [d for d, _, _ in data.ingest_daily] + [d for d, _, _ in data.rejects_daily]
    span = _range(data.period, days)
    if span is None:
        parts.append(_empty() + "</section>")
        return "".join(parts)
    totals = data.ingest_totals
    parts.append(
        f'<p class="lede">{fmt_number(totals.get("objects", 0))} landed objects processed in '
        f'{fmt_number(totals.get("runs", 0))} runs: {fmt_number(totals.get("articles_new", 0))} new articles, '
        f'{fmt_number(totals.get("articles_duplicate", 0))} already in the lake, '
        f'{fmt_number(totals.get("records_rejected", 0))} records rejected.</p>'
    )
    bucket = choose_bucket(*span)
    buckets = bucket_range(*span, bucket)
    per, unit_note = _bucket_words(bucket)
    fmt = _bucket_format(bucket, buckets)

    outcomes = pivot(data.ingest_daily, buckets, bucket)
    order = [o for o in OUTCOME_COLORS if o in outcomes] + sorted(o for o in outcomes if o not in OUTCOME_COLORS)
    series = [(o, outcomes[o], OUTCOME_COLORS.get(o)) for o in order]
    svg = stacked_bars(buckets, series, title=f"Landed objects {per}, by outcome",
                       subtitle=f"ingest_log: each object once per run; {unit_note}, by time logged.", width=1040, height=260,
                       x_format=fmt)
    parts.append(_figure("chart-ingest-outcomes", svg, wide=True))

    stages = pivot(data.rejects_daily, buckets, bucket)
    stage_order = [s for s in STAGE_COLORS if s in stages] + sorted(s for s in stages if s not in STAGE_COLORS)
    series = [(s, stages[s], STAGE_COLORS.get(s)) for s in stage_order]
    svg = stacked_bars(buckets, series, title=f"Rejected records {per}, by stage",
                       subtitle=f"rejects: inputs that could not become articles; {unit_note}.", width=1040, height=220,
                       x_format=fmt, empty_message="Nothing was rejected in this period.")
    parts.append(_figure("chart-rejects-daily", svg, wide=True))

    if data.reasons:
        bars = [Bar(f"{r.stage} · {r.error_class}", r.records, note=f"({fmt_number(r.objects)} {'object' if r.objects == 1 else 'objects'})",
                    color=STAGE_COLORS.get(r.stage, PALETTE[0]),
                    tooltip=f"{r.stage} · {r.error_class}: {fmt_number(r.records)} records from {fmt_number(r.objects)} objects")
                for r in data.reasons]
        svg = bar_chart(bars, title="Top reject reasons", subtitle="rejected records by stage and error class",
                        width=1040, label_chars=48)
        parts.append(_figure("chart-reject-reasons", svg, wide=True))
        parts.append('<table class="reasons"><thead><tr><th>Stage</th><th>Error</th><th class="num">Records</th>'
                     '<th>Latest example</th><th>Last seen</th></tr></thead><tbody>')
        for r in data.reasons:
            source = f'<div class="source">{escape(truncate(r.example_source, 100))}</div>' if r.example_source else ""
            parts.append(
                f'<tr><td>{escape(r.stage)}</td><td><code>{escape(r.error_class)}</code></td>'
                f'<td class="num">{fmt_number(r.records)}</td><td class="example">{escape(truncate(r.example, 200))}{source}</td>'
                f'<td class="when">{escape(_fmt_time(r.last_seen))}</td></tr>'
            )
        parts.append("</tbody></table>")
    parts.append("</section>")
    return "".join(parts)


def _header(data: ReportData) -> str:
    lake = data.lake
    declared = {v for v in lake.table_schema_versions.values() if v}
    schema = lake.schema_version
    if declared and declared != {schema}:
        schema += f" (tables created at {', '.join(sorted(declared))})"
    where = lake.location + (f" at {lake.endpoint}" if lake.endpoint else " (AWS S3)")
    items = [
        ("Period", data.period.describe()),
        ("Generated", f"{_fmt_time(data.generated_at)} UTC"),
        ("Lake", where),
        ("Schema", f"version {schema}"),
    ]
    meta = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in items)
    nav = "".join(
        f'<a href="#{anchor}">{escape(label)}</a>'
        for anchor, label in (("coverage", "Coverage"), ("entities", "Entities"), ("tone", "Tone"),
                              ("stories", "Stories"), ("ingestion", "Ingestion"))
    )
    return (f'<header class="page"><div class="wrap"><h1>newslake report</h1>'
            f'<p class="period">{escape(data.period.label.capitalize())}</p><dl class="meta">{meta}</dl>'
            f'<nav>{nav}</nav></div></header>')


def _footer(data: ReportData) -> str:
    versions = ", ".join(f"{name} v{version}" for name, version in data.lake.table_versions.items())
    snapshot = f"Read at Delta versions: {versions}. " if versions else ""
    return (f'<footer><div class="wrap">{escape(snapshot)}Generated by newslake {escape(data.lake.pipeline_version)}. '
            "This page is self-contained: it loads no scripts, fonts, style sheets or images. "
            "Hover over bars and points for exact values. Times are UTC.</div></footer>")


CSS = """
:root { --ink: #1f2328; --muted: #656d76; --line: #d0d7de; --soft: #eaeef2; --panel: #f6f8fa; --accent: #0969da; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", "Liberation Sans", "DejaVu Sans", Arial, sans-serif; }
.wrap { max-width: 1104px; margin: 0 auto; padding: 0 32px; }
header.page { background: var(--panel); border-bottom: 1px solid var(--line); padding: 28px 0 0; }
h1 { font-size: 26px; line-height: 1.2; margin: 0; letter-spacing: -0.01em; }
.period { margin: 2px 0 14px; color: var(--muted); font-size: 16px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 18px; margin: 0 0 18px; font-size: 13px; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
nav { display: flex; gap: 22px; font-size: 13px; }
nav a { color: var(--ink); text-decoration: none; padding: 8px 0 10px; border-bottom: 2px solid transparent; }
nav a:hover { border-bottom-color: var(--accent); color: var(--accent); }
main { padding-bottom: 40px; }
section { margin-top: 36px; }
h2 { font-size: 19px; margin: 0 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 26px 0 2px; }
p.lede { color: var(--muted); margin: 0 0 14px; max-width: 80ch; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin-top: 26px; }
.kpi { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px 12px; background: #fff; }
.kpi-label { color: var(--muted); font-size: 12px; }
.kpi-value { font-size: 26px; font-weight: 600; line-height: 1.25; font-variant-numeric: tabular-nums; }
.kpi-detail { color: var(--muted); font-size: 12px; }
.grid { display: grid; gap: 22px 30px; }
.grid-2 { grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); }
.grid-3 { grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); }
figure { margin: 0 0 22px; }
figcaption { color: var(--muted); font-size: 12px; margin-top: 4px; }
svg.chart { display: block; max-width: 100%; height: auto; overflow: visible; }
figure.wide { overflow-x: auto; }
figure.wide svg.chart { min-width: 680px; }
.note { background: #fff8e1; border: 1px solid #ecd58c; border-radius: 6px; padding: 8px 12px; margin: 0 0 16px;
  font-size: 13px; max-width: 90ch; }
.empty { color: var(--muted); font-style: italic; border: 1px dashed var(--line); border-radius: 8px; padding: 18px;
  text-align: center; background: var(--panel); }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin-bottom: 10px; }
th { text-align: left; color: var(--muted); font-weight: 600; border-bottom: 2px solid var(--line); padding: 6px 8px;
  white-space: nowrap; }
td { border-bottom: 1px solid var(--soft); padding: 7px 8px; vertical-align: top; }
tbody tr:hover td { background: var(--panel); }
.num { text-align: right; font-variant-numeric: tabular-nums; }
td.when { white-space: nowrap; color: var(--muted); font-variant-numeric: tabular-nums; }
td.story { font-weight: 500; min-width: 280px; }
td.story a { color: var(--ink); text-decoration: none; }
td.story a:hover { color: var(--accent); text-decoration: underline; }
.tag { display: inline-block; background: var(--soft); border-radius: 10px; padding: 0 8px; margin: 1px 3px 1px 0;
  font-size: 12px; white-space: nowrap; }
.more { color: var(--muted); font-size: 12px; }
td.example { overflow-wrap: anywhere; }
td.example .source { color: var(--muted); font-size: 12px; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; background: var(--soft);
  padding: 1px 5px; border-radius: 4px; }
footer { border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; padding: 16px 0 28px; }
@media print { nav { display: none; } section { break-inside: avoid; } header.page { background: none; } }
"""


def render_report(data: ReportData) -> str:
    """The whole page. Pure: the same data gives the same text. It is also well-formed
    XML (XHTML syntax), so tools can parse it with an XML parser."""
    title = f"newslake report — {data.period.label}"
    body = "".join((
        overview_section(data),
        coverage_section(data),
        entities_section(data),
        tone_section(data),
        clusters_section(data),
        ingestion_section(data),
    ))
    return (
        '<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><meta charset="utf-8"/>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>'
        f'<meta name="generator" content="newslake {escape(data.lake.pipeline_version)}"/>'
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"
        f'{_header(data)}<main><div class="wrap">{body}</div></main>{_footer(data)}</body></html>\n'
    )
