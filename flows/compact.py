"""The compact flow: keep the lake fast to read as small ingest commits pile up.

Each ingest batch is a commit with its own small files; queries pay per file.
Scheduled in prefect.yaml; safe to run while ingest runs (conflicting commits retry).
"""

from __future__ import annotations

from prefect import flow, get_run_logger
from prefect.artifacts import create_table_artifact

from newslake.core.settings import get_settings
from schemas import TABLES
from tasks.compact import compact_table


@flow(name="compact")
def compact(tables: list[str] | None = None, retention_hours: int | None = None) -> list[dict]:
    """Optimize (compact) and vacuum every lake table, or only ``tables``."""
    settings = get_settings()
    names = tables or list(TABLES)
    unknown = sorted(set(names) - set(TABLES))
    if unknown:
        raise ValueError(f"unknown tables {unknown}: the lake has {sorted(TABLES)}")
    hours = settings.vacuum_retention_hours if retention_hours is None else retention_hours
    results = [compact_table(settings, name, hours) for name in names]
    get_run_logger().info("compacted: %s", results)
    create_table_artifact(table=results, key="compact-run", description="Files rewritten and vacuumed per table.")
    return results
