"""The report (:mod:`newslake.analysis.report`) live, for any period.

The period comes from the URL: ``since`` as ``newslake report --since`` takes it (``24h``,
``7d``, ``2w``, ``2026-03-01``, ``all``), or ``from``/``to`` days (UTC, both included).
The queries are the report's own (:func:`fetch_report_data`), and so are the charts and
sections; only the stories table is drawn here, to link each story to its cluster page.

The report's queries read whole tables (about a second at 100,000 articles), so:

* the story clusters of two articles or more — the part that costs most, as
  ``story_clusters`` aggregates every article — are computed once per snapshot of the lake
  (:func:`multi_article_clusters`) and stand in for the view in the report's cursor (the
  report's queries only ask for clusters of two or more);
* pages are cached per period, for as long as the lake's snapshot is the same and for at
  most :data:`FRESH_SECONDS` when the period ends now. An entry past that is still shown
  while a fresh one is computed in the background (the page says when it was computed);
  the presets (:data:`PRESETS`) are computed in the background whenever the lake moves on.
  Only a period nobody asked for yet is computed while the reader waits.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from newslake.web.params import bad, day_param, text_param

if TYPE_CHECKING:
    from markupsafe import Markup

    from newslake.analysis.report import Period, ReportData
    from newslake.web.lake import Lake

FRESH_SECONDS = 300.0
CACHED_PERIODS = 32
PRESETS = ("24h", "7d", "30d", "90d", "all")
DEFAULT_SINCE = "7d"


@dataclass(frozen=True)
class PeriodRequest:
    """What the URL asks for: a ``since`` span or day, or a ``from``–``to`` range."""

    since: str | None = None
    date_from: date | None = None
    date_to: date | None = None

    @classmethod
    def from_query(cls, values: Mapping[str, str]) -> PeriodRequest:
        from newslake.analysis.report import parse_since

        date_from, date_to = day_param(values, "from"), day_param(values, "to")
        since = text_param(values, "since", max_length=40)
        if date_from or date_to:
            if since:
                raise bad("give either since, or from and to, not both")
            if date_from and date_to and date_from > date_to:
                raise bad(f"from ({date_from}) is after to ({date_to}): swap them")
            return cls(None, date_from, date_to)
        since = since or DEFAULT_SINCE
        try:
            parse_since(since)
        except ValueError as exc:
            raise bad(str(exc)) from None
        return cls(since.strip().lower(), None, None)

    def key(self) -> tuple:
        return (self.since, self.date_from, self.date_to)

    def ends_now(self, today: date) -> bool:
        return self.since is not None or self.date_to is None or self.date_to >= today

    def period(self, now: datetime) -> Period:
        from newslake.analysis.report import Period, parse_since, resolve_period

        if self.since is not None:
            return resolve_period(parse_since(self.since), now)
        start = datetime.combine(self.date_from, datetime.min.time(), UTC) if self.date_from else None
        # the last instant of the last day: the report's queries include their end
        last = datetime.combine(self.date_to + timedelta(days=1), datetime.min.time(), UTC) - timedelta(microseconds=1) if self.date_to else None
        end = now if last is None else min(now, last)
        if start is not None and start > end:
            raise bad(f"the period starts in the future ({self.date_from})")
        label = f"{self.date_from or 'the beginning'} to {self.date_to or 'now'}"
        return Period(start, end, label)


@dataclass
class ReportView:
    """The report's sections before the stories (overview, coverage, entities, tone) and
    after them (ingestion), rendered; the stories table is drawn by the page from ``data``."""

    data: ReportData
    upper: Markup
    lower: Markup
    computed_at: datetime
    generation: int
    seconds: float


def multi_article_clusters(lake: Lake):
    """``story_clusters`` (the view's own SQL) for the clusters of two articles or more, as Arrow."""
    from newslake.core.views import STORY_CLUSTERS

    with lake.cursor(seconds=120) as cur:
        # the view's SQL reads `articles`: here, a temporary table of the articles of those clusters
        cur.execute("CREATE TEMP TABLE articles AS SELECT article_id, cluster_id, title, domain, site_name, published_at, "
                    "ingested_at FROM main.articles WHERE coalesce(cluster_id, article_id) IN "
                    "(SELECT coalesce(cluster_id, article_id) FROM main.articles GROUP BY 1 HAVING count(*) >= 2)")
        return cur.execute(STORY_CLUSTERS.sql).to_arrow_table()


def _compute(lake: Lake, request: PeriodRequest, clusters) -> ReportView:
    from markupsafe import Markup

    from newslake.analysis.report import (
        coverage_section,
        entities_section,
        ingestion_section,
        overview_section,
        tone_section,
    )

    started = time.perf_counter()
    now = datetime.now(UTC)
    period = request.period(now)
    generation = lake.generation
    data = report_data(lake, period, clusters, now)
    upper = "".join(section(data) for section in (overview_section, coverage_section, entities_section, tone_section))
    return ReportView(data, Markup(upper), Markup(ingestion_section(data)), now, generation, time.perf_counter() - started)


def report_data(lake: Lake, period: Period, clusters, now: datetime) -> ReportData:
    """What :func:`newslake.analysis.report.fetch_report_data` returns, with ``clusters`` standing
    in for ``story_clusters``, its sections' queries run side by side on cursors of their own
    (about 1.5x faster on two cores)."""
    from newslake.analysis.report import ReportData
    from newslake.analysis.report.queries import SECTION_QUERIES, query_params

    info = lake_info(lake)
    params = query_params(period)

    def run(section) -> dict:
        with lake.cursor(seconds=120, follow=False) as cur:
            cur.register("story_clusters", clusters)
            return section(lambda sql: cur.execute(sql, params).fetchall(), period)

    fields: dict = {}
    for part in _pool().map(run, SECTION_QUERIES):
        fields |= part
    return ReportData(period=period, generated_at=now, lake=info, **fields)


def _pool():
    global _POOL
    if _POOL is None:
        from concurrent.futures import ThreadPoolExecutor

        _POOL = ThreadPoolExecutor(3, thread_name_prefix="newslake-web-report")
    return _POOL


_POOL = None


def lake_info(lake: Lake):
    from newslake.analysis.report import LakeInfo
    from newslake.core import PIPELINE_VERSION
    from newslake.core.lake import table_uri
    from newslake.core.storage import s3_access
    from schemas import SCHEMA_VERSION

    return LakeInfo(location=table_uri(lake.settings, "").rstrip("/"), endpoint=s3_access(lake.settings).endpoint_url,
                    schema_version=SCHEMA_VERSION, table_versions=lake.versions, pipeline_version=PIPELINE_VERSION)


class ReportCache:
    """Report pages per period: fresh while the snapshot is the same (and, for a period that
    ends now, for :data:`FRESH_SECONDS`); stale ones are served while being recomputed."""

    def __init__(self, lake: Lake) -> None:
        self.lake = lake
        self._entries: OrderedDict[tuple, ReportView] = OrderedDict()
        self._lock = threading.Lock()
        self._refreshing: set[tuple] = set()
        self._clusters: tuple[int, object] | None = None
        self._clusters_lock = threading.Lock()
        self._warming: threading.Thread | None = None
        self._warmed = -1

    def clusters(self):
        """:func:`multi_article_clusters` of the lake's current snapshot (computed once per snapshot)."""
        with self._clusters_lock:
            generation = self.lake.generation
            if self._clusters is None or self._clusters[0] != generation:
                self._clusters = (generation, multi_article_clusters(self.lake))
            return self._clusters[1]

    def _compute(self, request: PeriodRequest) -> ReportView:
        return _compute(self.lake, request, self.clusters())

    def warm(self) -> None:
        """Compute the presets, one after the other, in a background thread (at start, and
        when the lake has moved on), so that those pages are always answered from the cache."""
        with self._lock:
            if self._warming is not None and self._warming.is_alive():
                return
            self._warmed = self.lake.generation

            def work() -> None:
                for since in PRESETS:
                    request = PeriodRequest(since)
                    entry = self._entries.get(request.key())
                    if entry is None or not self._fresh(entry, request):
                        try:
                            self._store(request.key(), self._compute(request))
                        except Exception:  # noqa: BLE001 - a reader's request computes it then
                            return

            self._warming = threading.Thread(target=work, name="newslake-web-report-presets", daemon=True)
            self._warming.start()

    def get(self, request: PeriodRequest) -> tuple[ReportView, bool]:
        """(the page's data, whether it is being refreshed)."""
        self.lake.follow()
        if self._warmed != self.lake.generation:
            self.warm()
        key = request.key()
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
        if entry is not None and self._fresh(entry, request):
            return entry, False
        if entry is not None:
            self._refresh_later(key, request)
            return entry, True
        view = self._compute(request)
        self._store(key, view)
        return view, False

    def _fresh(self, entry: ReportView, request: PeriodRequest) -> bool:
        if entry.generation != self.lake.generation:
            return False
        now = datetime.now(UTC)
        return not request.ends_now(now.date()) or (now - entry.computed_at).total_seconds() < FRESH_SECONDS

    def _store(self, key: tuple, view: ReportView) -> None:
        with self._lock:
            self._entries[key] = view
            self._entries.move_to_end(key)
            while len(self._entries) > CACHED_PERIODS:
                self._entries.popitem(last=False)

    def _refresh_later(self, key: tuple, request: PeriodRequest) -> None:
        with self._lock:
            if key in self._refreshing:
                return
            self._refreshing.add(key)

        def work() -> None:
            try:
                self._store(key, self._compute(request))
            except Exception:  # noqa: BLE001 - the stale page stays; the next request tries again
                pass
            finally:
                with self._lock:
                    self._refreshing.discard(key)

        threading.Thread(target=work, name="newslake-web-report", daemon=True).start()
