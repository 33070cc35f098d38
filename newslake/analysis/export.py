"""Export the lake as a DuckDB database file that plain ``duckdb`` opens.

Two kinds, because of what a DuckDB file can and cannot hold:

* ``materialize=True`` — every table copied in as a DuckDB table, plus the derived views
  over them. Self-contained: opens offline in any DuckDB ≥ 1.5 with no extension and no
  credentials. A snapshot: it does not follow the lake.
* ``materialize=False`` — only views (``delta_scan('s3://…')`` per table, plus the
  derived views): small, and always the lake's current state, but whoever opens it
  must load ``httpfs`` and ``delta`` and create an S3 secret first. A DuckDB file
  cannot carry that secret: ``CREATE PERSISTENT SECRET`` is written to the user's
  secret directory (``~/.duckdb/stored_secrets``), not into the database. So the export
  returns the SQL to run (:func:`setup_sql`) and also stores it, without credentials,
  in the file's ``newslake_export`` table.

The file is written under a temporary name and renamed at the end, so a failed export
never leaves a half-written database behind. It is built on a locked connection holding
the read-only key (:func:`newslake.core.query.building_database`), and holds no key at all:
DuckDB keeps temporary secrets in memory, and the stored setup SQL has placeholders.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from newslake.core.query import building_database, create_derived_views, create_views, secret_sql, sql_literal

if TYPE_CHECKING:
    import duckdb

    from newslake.core.settings import Settings

METADATA_TABLE = "newslake_export"


@dataclass(frozen=True)
class ExportResult:
    """What was written. ``rows`` is per table (materialized exports only); ``setup_sql``
    is what to run after opening a view-only export (empty for a materialized one)."""

    path: Path
    materialized: bool
    tables: list[str]
    views: list[str]
    rows: dict[str, int] = field(default_factory=dict)
    setup_sql: str = ""


def setup_sql(settings: Settings, *, credentials: bool = False, persistent: bool = True) -> str:
    """The statements that make a view-only export readable in a DuckDB session: load the
    extensions and create the S3 secret (persistent by default, so only once per user).
    Without ``credentials`` the keys are placeholders, safe to print or store."""
    return (
        "-- Once per machine, if not installed yet (downloads from DuckDB's repository, or use\n"
        "-- the duckdb-extension-httpfs / duckdb-extension-delta wheels): INSTALL httpfs; INSTALL delta;\n"
        "LOAD httpfs;\nLOAD delta;\n"
        "-- The views only read: give the secret a read-only key, not the pipeline's writing key\n"
        "-- (docs/operations.md, \"Read-only analysis\").\n"
        f"{secret_sql(settings, credentials=credentials, persistent=persistent)};\n"
    )


def export_database(settings: Settings, path: str | Path, materialize: bool, *, overwrite: bool = False) -> ExportResult:
    """Write the lake (as tables, or as views over S3) and the derived views to a DuckDB file."""
    target = Path(path)
    if target.exists() and not overwrite:
        raise FileExistsError(f"{target} already exists: choose another path or allow overwriting it")
    with building_database(settings, target) as con:
        rows = _copy_tables(con, settings) if materialize else {}
        if not materialize:
            create_views(con, settings)
        create_derived_views(con)
        instructions = "" if materialize else setup_sql(settings)
        _write_metadata(con, settings, materialize, instructions)
        tables = [name for (name,) in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        views = [name for (name,) in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1").fetchall()]
    return ExportResult(target, materialize, tables, views, rows, instructions)


def _copy_tables(con: duckdb.DuckDBPyConnection, settings: Settings) -> dict[str, int]:
    """Each table at one Delta version, the one recorded in the metadata."""
    from newslake.core.lake import open_table, table_uri
    from schemas import TABLES

    rows = {}
    for name in TABLES:
        version = open_table(settings, name).version()
        location = table_uri(settings, name)
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM delta_scan({sql_literal(location)}, version := {int(version)})")
        con.execute(f"COMMENT ON TABLE {name} IS {sql_literal(f'{location} at Delta version {version}')}")
        rows[name] = con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
    return rows


def _write_metadata(con: duckdb.DuckDBPyConnection, settings: Settings, materialized: bool, instructions: str) -> None:
    """What this file is, for whoever finds it later: ``SELECT * FROM newslake_export``."""
    from newslake.core import PIPELINE_VERSION
    from newslake.core.lake import table_uri
    from schemas import SCHEMA_VERSION

    con.execute(
        f"""CREATE TABLE {METADATA_TABLE} AS SELECT
            $exported_at::TIMESTAMPTZ AS exported_at, $lake::VARCHAR AS lake,
            $schema_version::VARCHAR AS schema_version, $pipeline_version::VARCHAR AS pipeline_version,
            $materialized::BOOLEAN AS materialized, $setup_sql::VARCHAR AS setup_sql""",
        {
            "exported_at": datetime.now(UTC),
            "lake": table_uri(settings, "").rstrip("/"),
            "schema_version": SCHEMA_VERSION,
            "pipeline_version": PIPELINE_VERSION,
            "materialized": materialized,
            "setup_sql": instructions or None,
        },
    )
