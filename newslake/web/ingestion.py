"""The ingestion page: recent runs (``ingest_log`` by ``run_id``), what landed and waits for a
run, the open rejects with their reasons (:mod:`newslake.analysis.quarantine`), and
re-running the rejected objects: the ingest flow (``flows/ingest.py``) over
``keys_to_retry(...)``, in a background thread, one at a time, its outcome kept for the
job's page.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from newslake.web.articles import rows_as_dicts
from newslake.web.params import WebError

if TYPE_CHECKING:
    import duckdb

    from newslake.analysis.quarantine import RejectFilter
    from newslake.core.settings import Settings
    from newslake.web.lake import Lake

log = logging.getLogger(__name__)

RUNS_SHOWN = 15
PENDING_SHOWN = 50
PENDING_DAYS = 2
REJECTS_SHOWN = 100
JOBS_KEPT = 20


@dataclass
class IngestionPage:
    runs: list[dict[str, Any]] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    pending_total: int = 0
    pending_error: str | None = None
    summary: list[dict[str, Any]] = field(default_factory=list)
    rejects: list[dict[str, Any]] = field(default_factory=list)
    retry_keys: int = 0
    retry_elsewhere: int = 0


def recent_runs(cur: duckdb.DuckDBPyConnection, limit: int = RUNS_SHOWN) -> list[dict[str, Any]]:
    return rows_as_dicts(cur.execute(f"""
        SELECT run_id, min(logged_at) AS first_logged, max(logged_at) AS last_logged, count(*) AS objects,
               sum(articles_new) AS articles_new, sum(articles_duplicate) AS articles_duplicate,
               sum(records_rejected) AS records_rejected, histogram(outcome) AS outcomes
        FROM ingest_log GROUP BY run_id ORDER BY last_logged DESC, run_id LIMIT {int(limit)}"""))


def ingestion_page(lake: Lake, which: RejectFilter) -> IngestionPage:
    from newslake.analysis.quarantine import keys_to_retry, reject_rows, reject_summary
    from newslake.core.landing import is_landing_key

    page = IngestionPage()
    with lake.cursor() as cur:
        page.runs = recent_runs(cur)
        _pending(lake.settings, cur, page)
        # The quarantine's queries each take the latest log row of every rejected object, over
        # the whole log: here they read a copy of the few rows they need instead, under the
        # same names (temporary tables of this cursor come before the views).
        cur.execute("CREATE TEMP TABLE rejects AS SELECT * FROM main.rejects")
        cur.execute("CREATE TEMP TABLE ingest_log AS SELECT * FROM main.ingest_log "
                    "WHERE raw_key IN (SELECT raw_key FROM temp.rejects)")
        columns, rows = reject_summary(cur, which)
        page.summary = [dict(zip(columns, row)) for row in rows]
        columns, rows = reject_rows(cur, which, REJECTS_SHOWN)
        page.rejects = [dict(zip(columns, row)) for row in rows]
        keys = keys_to_retry(cur, which)
        page.retry_keys = sum(1 for key in keys if is_landing_key(lake.settings, key))
        page.retry_elsewhere = len(keys) - page.retry_keys
    return page


def _pending(settings: Settings, cur: duckdb.DuckDBPyConnection, page: IngestionPage) -> None:
    """Objects landed on the last :data:`PENDING_DAYS` UTC days that no run has logged."""
    from newslake.core.landing import list_recent_landed, logged_since, recent_days

    try:
        recent = list_recent_landed(settings, PENDING_DAYS)
    except Exception as exc:  # noqa: BLE001 - the page still shows the rest
        page.pending_error = " ".join(str(exc).split())[:300]
        return
    if not recent:
        return
    since = logged_since(recent_days(PENDING_DAYS))
    logged = {key for (key,) in cur.execute("SELECT DISTINCT raw_key FROM ingest_log WHERE logged_at >= $since",
                                            {"since": since}).fetchall()}
    waiting = sorted(set(recent) - logged)
    page.pending_total = len(waiting)
    page.pending = waiting[:PENDING_SHOWN]


@dataclass
class RunPage:
    run_id: str
    objects: list[dict[str, Any]]
    articles: list[dict[str, Any]]
    rejects: list[dict[str, Any]]


def run_page(lake: Lake, run_id: str) -> RunPage:
    with lake.cursor() as cur:
        objects = rows_as_dicts(cur.execute(
            "SELECT raw_key, outcome, articles_new, articles_duplicate, records_rejected, logged_at FROM ingest_log "
            "WHERE run_id = $r ORDER BY logged_at, raw_key LIMIT 2000", {"r": run_id}))
        rejects = rows_as_dicts(cur.execute(
            "SELECT raw_key, record_index, stage, error_class, reason, source_path, rejected_at FROM rejects "
            "WHERE run_id = $r ORDER BY rejected_at, raw_key LIMIT 1000", {"r": run_id}))
        if not objects and not rejects:
            raise WebError(404, f"no ingest run {run_id!r} is in the ingest log")
        articles = rows_as_dicts(cur.execute(
            "SELECT article_id, title, domain, site_name, published_at, language FROM articles WHERE run_id = $r "
            "ORDER BY published_at DESC NULLS LAST, article_id LIMIT 500", {"r": run_id}))
    return RunPage(run_id, objects, articles, rejects)


# ------------------------------------------------------------------ re-running rejected objects


@dataclass
class Job:
    id: str
    keys: list[str]
    what: str
    started_at: datetime
    state: str = "running"
    finished_at: datetime | None = None
    report: dict[str, Any] | None = None
    error: str | None = None


def run_ingest_flow(keys: list[str]) -> dict[str, Any]:
    """The ingest flow over ``keys``, as ``newslake retry`` runs it (Prefect: the server of
    ``PREFECT_API_URL``, else a temporary one)."""
    from flows.ingest import ingest

    return ingest(keys=keys)


class Jobs:
    """Re-runs started from the page: one at a time, the last :data:`JOBS_KEPT` remembered."""

    def __init__(self, lake: Lake, runner: Callable[[list[str]], dict[str, Any]] = run_ingest_flow) -> None:
        self.lake = lake
        self.runner = runner
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()

    def start(self, keys: list[str], what: str) -> Job:
        with self._lock:
            running = next((job for job in self._jobs.values() if job.state == "running"), None)
            if running is not None:
                raise WebError(409, f"a re-run is already going (job {running.id}): wait for it to finish")
            job = Job(secrets.token_hex(8), keys, what, datetime.now(UTC))
            self._jobs[job.id] = job
            while len(self._jobs) > JOBS_KEPT:
                self._jobs.popitem(last=False)
        threading.Thread(target=self._run, args=(job,), name=f"newslake-web-retry-{job.id}", daemon=True).start()
        return job

    def _run(self, job: Job) -> None:
        report, error = None, None
        try:
            report = self.runner(job.keys)
        except Exception as exc:  # noqa: BLE001 - shown on the job's page
            log.warning("web: re-run %s failed", job.id, exc_info=True)
            error = f"{type(exc).__name__}: {' '.join(str(exc).split())[:500]}"
        try:
            self.lake.follow(force=True)  # before the job says it is done: its run's pages then show it
        except Exception:  # noqa: BLE001 - the next request looks again
            pass
        job.report, job.error = report, error
        job.finished_at = datetime.now(UTC)
        job.state = "done" if error is None else "failed"

    def get(self, job_id: str) -> Job:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise WebError(404, f"there is no re-run job {job_id[:40]!r} (jobs are kept in memory: the last {JOBS_KEPT})")
        return job

    def recent(self) -> list[Job]:
        with self._lock:
            return list(reversed(self._jobs.values()))
