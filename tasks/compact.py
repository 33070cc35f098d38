"""Compaction: many small commits become few large files, and unreferenced files go."""

from __future__ import annotations

from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE

from newslake.core import lake
from newslake.core.settings import Settings


@task(name="compact-table", cache_policy=NO_CACHE, retries=1, retry_delay_seconds=5)
def compact_table(settings: Settings, name: str, retention_hours: int) -> dict[str, Any]:
    return lake.compact(settings, name, retention_hours=retention_hours)
