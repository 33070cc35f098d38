"""Which snapshot of the lake the report reads: every table at one Delta version, so the
sections agree with each other even while an ingest commits, and the page can say which."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newslake.analysis.report.data import LakeInfo

if TYPE_CHECKING:
    import duckdb

    from newslake.core.settings import Settings

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
