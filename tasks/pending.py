"""Which landed objects still need a run: the ingest log, not events, is the truth."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pyarrow as pa
import pyarrow.compute as pc
from prefect import task
from prefect.cache_policies import NO_CACHE

from newslake import lake
from newslake.settings import Settings
from schemas import TABLES
from tasks.land import landed_on
from tasks.read_landed import list_landed, list_recent_landed, recent_days


# A log row is written after its object landed, so rows older than the object's landing
# day cannot be about it. The margin absorbs clock skew between the lander and the runner.
_CLOCK_MARGIN = timedelta(hours=1)


def logged_since(days: list[date]) -> datetime | None:
    """The earliest ``logged_at`` a log row about objects landed on ``days`` can have."""
    if not days:
        return None
    first = min(days)
    return datetime(first.year, first.month, first.day, tzinfo=timezone.utc) - _CLOCK_MARGIN


def _log(settings: Settings, columns: list[str], since: datetime | None) -> pa.Table:
    where = pc.field("logged_at") >= pa.scalar(since, TABLES["ingest_log"].schema.field("logged_at").type) if since else None
    return lake.read_columns(settings, "ingest_log", columns, where)


def ingested_keys(settings: Settings, keys: list[str]) -> set[str]:
    """Which of ``keys`` some run has already taken in (any outcome but ``rejected``)."""
    days = [landed_on(settings, key) for key in keys]
    since = logged_since([date.fromisoformat(day) for day in days]) if days and None not in days else None
    log = _log(settings, ["raw_key", "outcome"], since)
    taken = log.filter(pc.not_equal(log.column("outcome"), "rejected")).column("raw_key")
    return set(taken.to_pylist()).intersection(keys)


def logged_keys(settings: Settings, since: datetime | None = None) -> set[str]:
    """Keys with any row in the ingest log (written at or after ``since``), whatever the outcome."""
    return set(_log(settings, ["raw_key"], since).column("raw_key").to_pylist())


@task(name="find-pending", cache_policy=NO_CACHE)
def find_pending(settings: Settings, prefix: str | None = None) -> list[str]:
    """Landed keys that no run has logged yet (a lost event only delays them until this runs)."""
    logged = logged_keys(settings)
    return [key for key in list_landed(settings, prefix) if key not in logged]


@task(name="split-ingested", cache_policy=NO_CACHE)
def split_ingested(settings: Settings, keys: list[str]) -> tuple[list[str], list[str]]:
    """(keys to process, keys an earlier run already ingested)."""
    done = ingested_keys(settings, keys)
    return [key for key in keys if key not in done], [key for key in keys if key in done]


@task(name="find-recent-pending", cache_policy=NO_CACHE)
def find_recent_pending(settings: Settings, days: int = 2) -> list[str]:
    """Keys landed today or yesterday (UTC) that no run has logged: what a triggered run
    sweeps up, so that one run covers a burst of landings rather than one key."""
    recent = list_recent_landed(settings, days)
    if not recent:
        return []
    logged = logged_keys(settings, since=logged_since(recent_days(days)))
    return [key for key in recent if key not in logged]
