"""The one DuckDB connection factory: extensions from installed packages, the S3
secret, and a named view per lake table.

Extensions are loaded from the ``duckdb-extension-*`` wheels (built for exactly
DuckDB 1.5.5), never downloaded. Views read each Delta table's current snapshot
through the ``delta`` extension, so every query sees the latest commit.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from urllib.parse import urlparse

import duckdb

from newslake.lake import ensure_tables, table_uri
from newslake.settings import Settings
from newslake.storage import s3_access
from schemas import TABLES

_EXTENSIONS = ("httpfs", "delta")


def _extension_file(name: str) -> Path:
    package = importlib.import_module(f"duckdb_extension_{name}")
    folder = Path(package.__file__).parent / "extensions" / f"v{duckdb.__version__}"
    path = folder / f"{name}.duckdb_extension"
    if not path.exists():
        raise RuntimeError(
            f"DuckDB extension {name!r} for DuckDB {duckdb.__version__} is not installed at {path}: "
            f"install duckdb-extension-{name}=={duckdb.__version__}."
        )
    return path


def _load_extensions(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("SET autoinstall_known_extensions = false")
    con.execute("SET autoload_known_extensions = false")
    for name in _EXTENSIONS:
        con.execute(f"INSTALL '{_extension_file(name)}'")
        con.execute(f"LOAD {name}")


def _sql_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _create_secret(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    access = s3_access(settings)
    options = {"REGION": access.region}
    if access.access_key and access.secret_key:
        options |= {"KEY_ID": access.access_key, "SECRET": access.secret_key}
    if access.session_token:
        options["SESSION_TOKEN"] = access.session_token
    if access.endpoint_url:
        endpoint = urlparse(access.endpoint_url)
        options |= {"ENDPOINT": endpoint.netloc, "URL_STYLE": "path"}
        use_ssl = "false" if access.uses_http else "true"
    else:
        use_ssl = "true"
    clauses = ", ".join(f"{key} {_sql_literal(value)}" for key, value in options.items())
    con.execute(f"CREATE OR REPLACE SECRET newslake_s3 (TYPE s3, {clauses}, USE_SSL {use_ssl})")


def create_views(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """One view per lake table, named after it (``articles``, ``rejects``, ``ingest_log``)."""
    for name in TABLES:
        con.execute(f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM delta_scan({_sql_literal(table_uri(settings, name))})")


def connect(settings: Settings, database: str = ":memory:") -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with the lake's views in place."""
    ensure_tables(settings)
    con = duckdb.connect(database)
    _load_extensions(con)
    _create_secret(con, settings)
    create_views(con, settings)
    return con
