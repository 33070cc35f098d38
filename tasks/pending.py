"""Step: which landed objects still need a run. The ingest log, not events, is the truth."""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE

from newslake.core.landing import ingested_keys, list_landed, list_recent_landed, logged_keys, logged_since, recent_days
from newslake.core.settings import Settings


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
