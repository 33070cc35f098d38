"""The one DuckDB connection factory: extensions from installed packages, the S3
secret, a named view per lake table, and the derived analysis views.

Extensions are loaded from the ``duckdb-extension-*`` wheels (built for exactly
DuckDB 1.5.5), never downloaded. The views of :func:`connect` read the Parquet files of
each Delta table's snapshot as of connection time (:func:`refresh_views` moves them on);
the view-only export (:func:`create_views`) reads through the ``delta`` extension.

Every DuckDB connection in newslake comes from here — the lake connection
(:func:`connect`), a lake connection without views for writers of DuckDB files
(:func:`open_duckdb`, :func:`building_database`), and a local one for files that need no
S3 (:func:`open_local`) — so extension loading, the secret and the session time zone are
set up one way.

Analysis is read-only. The S3 secret holds the read-only key (:func:`newslake.core.storage.query_access`),
and :func:`connect` and :func:`building_database` lock their connection once it is set up
(:func:`lock_statements`): only the lake's prefix may be read, no local file, no other
object, no database file but the connection's own, no extension loaded, no setting changed.

Heavy modules (duckdb, deltalake, boto3, pydantic) are imported inside the functions:
``newslake/__init__`` re-exports :func:`connect`, and importing ``newslake`` must stay
cheap for the CLI and the pipeline's worker processes.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

if TYPE_CHECKING:
    import duckdb

    from newslake.core.settings import Settings

_EXTENSIONS = ("httpfs", "delta")
SECRET_NAME = "newslake_s3"


def _extension_file(name: str) -> Path:
    import duckdb

    package = importlib.import_module(f"duckdb_extension_{name}")
    folder = Path(package.__file__).parent / "extensions" / f"v{duckdb.__version__}"
    path = folder / f"{name}.duckdb_extension"
    if not path.exists():
        raise RuntimeError(
            f"DuckDB extension {name!r} for DuckDB {duckdb.__version__} is not installed at {path}: "
            f"install duckdb-extension-{name}=={duckdb.__version__}."
        )
    return path


def load_extensions(con: duckdb.DuckDBPyConnection, names: tuple[str, ...] = _EXTENSIONS) -> None:
    """Load extensions from the installed wheels only; automatic downloads are switched off."""
    con.execute("SET autoinstall_known_extensions = false")
    con.execute("SET autoload_known_extensions = false")
    for name in names:
        con.execute(f"INSTALL '{_extension_file(name)}'")
        con.execute(f"LOAD {name}")


def sql_literal(value: str) -> str:
    """A SQL string literal. Only for values DuckDB cannot take as parameters (DDL, table functions)."""
    return "'" + value.replace("'", "''") + "'"


def secret_sql(settings: Settings, *, credentials: bool = True, persistent: bool = False) -> str:
    """The ``CREATE SECRET`` statement that lets DuckDB's httpfs and delta read the lake, with
    the analysis connections' credentials (:func:`newslake.core.storage.query_access`: the
    read-only key where there is one).

    ``credentials=False`` writes placeholders instead of keys, for instructions printed
    to a user; ``persistent=True`` makes DuckDB store it in the user's secret directory
    (``~/.duckdb/stored_secrets``), scoped to the lake's bucket.
    """
    from newslake.core.storage import query_access

    access = query_access(settings)
    options = {"REGION": access.region}
    if access.access_key and access.secret_key:
        key_id, secret = (access.access_key, access.secret_key) if credentials else ("<access key id>", "<secret access key>")
        options |= {"KEY_ID": key_id, "SECRET": secret}
    if access.session_token and credentials:
        options["SESSION_TOKEN"] = access.session_token
    use_ssl = "true"
    if access.endpoint_url:
        options |= {"ENDPOINT": urlparse(access.endpoint_url).netloc, "URL_STYLE": "path"}
        use_ssl = "false" if access.uses_http else "true"
    if persistent:
        options["SCOPE"] = f"s3://{settings.bucket}"
    clauses = ", ".join(f"{key} {sql_literal(value)}" for key, value in options.items())
    kind = "PERSISTENT SECRET" if persistent else "SECRET"
    return f"CREATE OR REPLACE {kind} {SECRET_NAME} (TYPE s3, {clauses}, USE_SSL {use_ssl})"


def _create_secret(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    con.execute(secret_sql(settings))


def create_views(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """One view per lake table, named after it (``articles``, ``mentions``, … ``ingest_log``)."""
    from newslake.core.lake import table_uri
    from schemas import TABLES

    for name in TABLES:
        con.execute(f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM delta_scan({sql_literal(table_uri(settings, name))})")


_DUCKDB_TYPES = {
    "string": "VARCHAR", "large_string": "VARCHAR", "int32": "INTEGER", "int64": "BIGINT",
    "double": "DOUBLE", "bool": "BOOLEAN", "timestamp[us, tz=UTC]": "TIMESTAMPTZ",
}


def _duckdb_type(arrow_type) -> str:
    """The DuckDB type of an Arrow type used in :mod:`schemas` (for typed NULL columns)."""
    import pyarrow as pa

    if pa.types.is_list(arrow_type):
        return _duckdb_type(arrow_type.value_type) + "[]"
    if pa.types.is_struct(arrow_type):
        fields = ", ".join(f'"{f.name}" {_duckdb_type(f.type)}' for f in arrow_type)
        return f"STRUCT({fields})"
    return _DUCKDB_TYPES[str(arrow_type)]


SCHEMA_CACHE_FORMAT = 1


def _schema_cache_path(settings: Settings) -> Path:
    """Where the Parquet schemas of the lake's data files are remembered: one file per lake
    (a hash of endpoint, bucket and prefix) in the state folder."""
    import hashlib

    from newslake.core.storage import s3_uri

    lake = f"{settings.s3_endpoint or 'local'}|{s3_uri(settings, settings.lake_prefix)}"
    key = hashlib.sha256(lake.encode()).hexdigest()[:12]
    return settings.state_dir / "query" / f"parquet-schemas-{key}-f{SCHEMA_CACHE_FORMAT}.json"


def _read_schema_cache(path: Path) -> dict[str, str]:
    import json

    try:
        cached = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return cached if isinstance(cached, dict) else {}


def _write_schema_cache(path: Path, schemas: dict[str, str]) -> None:
    """Replace the cache file in one rename (concurrent writers each leave a valid file);
    a state folder that cannot be written only costs the footer reads again next time."""
    import json

    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(json.dumps(schemas, sort_keys=True), encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        partial.unlink(missing_ok=True)


def file_schemas(con: duckdb.DuckDBPyConnection, settings: Settings, uris: list[str]) -> dict[str, str]:
    """A fingerprint of each Parquet file's schema (its schema elements: names, types,
    repetition, nesting), equal for files with the same columns of the same types. A file
    whose footer cannot be read has none.

    Delta data files are never rewritten in place, so a file's schema is read once: the
    fingerprints are kept in the state folder (:func:`_schema_cache_path`), and only files
    not seen before have their footer read, through ``con`` (which also puts the footer in
    the connection's Parquet metadata cache, for the first query). The cache keeps the files
    of the current snapshot only.
    """
    import hashlib

    import duckdb

    path = _schema_cache_path(settings)
    cached = _read_schema_cache(path)
    known = {uri: cached[uri] for uri in uris if isinstance(cached.get(uri), str)}
    missing = [uri for uri in uris if uri not in known]
    if missing:
        try:
            rows = con.execute(
                "SELECT file_name, list(CAST((name, type, repetition_type, num_children, converted_type, logical_type, "
                "scale, precision, field_id) AS VARCHAR)) FROM parquet_schema($files) GROUP BY file_name",
                {"files": missing},
            ).fetchall()
        except duckdb.Error:
            rows = []  # e.g. a file vacuumed meanwhile: union_by_name for its table, another try next time
        for uri, elements in rows:
            known[uri] = hashlib.sha256("\n".join(sorted(elements)).encode()).hexdigest()[:16]
    if known != cached:
        _write_schema_cache(path, known)
    return known


def _snapshot_sql(name: str, stored: set[str], files: list[str], schemas: dict[str, str]) -> str:
    """SELECT over the Parquet files of a table's snapshot, every column of the current
    schema (NULL where the snapshot predates the column).

    Files with one Parquet schema are read by one plain ``read_parquet``. A table holding
    files of several schemas (written before and after a column was added) is read as one
    ``read_parquet`` per schema, combined ``UNION ALL BY NAME``. ``union_by_name`` over every
    file is the fallback when a file's schema is unknown: it matches columns by name in each
    file at every query, a cost that grows with the number of files (a one-day query of
    ``articles``: 7.3 ms instead of 4.6 ms over 4 files, 34 ms instead of 12 ms over 80).
    """
    from schemas import TABLES

    schema = TABLES[name].schema
    columns = ", ".join(
        f'"{f.name}"' if f.name in stored and files else f'CAST(NULL AS {_duckdb_type(f.type)}) AS "{f.name}"'
        for f in schema
    )
    if not files:
        return f"SELECT {columns} WHERE false"

    def listing(uris: list[str]) -> str:
        return "[" + ", ".join(sql_literal(uri) for uri in uris) + "]"

    if any(uri not in schemas for uri in files):
        return f"SELECT {columns} FROM read_parquet({listing(files)}, union_by_name = true)"
    groups: dict[str, list[str]] = {}
    for uri in files:
        groups.setdefault(schemas[uri], []).append(uri)
    if len(groups) == 1:
        return f"SELECT {columns} FROM read_parquet({listing(files)})"
    scans = " UNION ALL BY NAME ".join(f"SELECT * FROM read_parquet({listing(group)})" for group in groups.values())
    return f"SELECT {columns} FROM ({scans})"


def create_snapshot_views(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """One view per lake table over the Parquet files of its current Delta snapshot.

    Reading the file list once (through delta-rs) instead of having ``delta_scan`` re-read
    the Delta log at every query makes a query cost what its data costs: at 100,000
    articles, one-day analyses went from 6–12x to under 2x of a local table (bench/query.py).
    The views are a snapshot: :func:`refresh_views` moves them to the latest commit.
    """
    from newslake.core.lake import open_table
    from schemas import TABLES

    snapshots = {}
    for name in TABLES:
        table = open_table(settings, name)
        snapshots[name] = ({field.name for field in table.schema().fields}, table.file_uris())
    schemas = file_schemas(con, settings, [uri for _, files in snapshots.values() for uri in files])
    for name, (stored, files) in snapshots.items():
        con.execute(f"CREATE OR REPLACE VIEW {name} AS {_snapshot_sql(name, stored, files, schemas)}")


def refresh_views(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Point the table views of a :func:`connect` connection at the lake's latest commit
    (locked or not: it changes no setting and reads only inside the lake's prefix)."""
    create_snapshot_views(con, settings)


def create_derived_views(con: duckdb.DuckDBPyConnection) -> None:
    """The analysis views of :mod:`newslake.core.views`, over whatever ``articles``/``mentions`` are
    in the connection (lake views, or tables in a materialized export)."""
    from newslake.core.views import DERIVED_VIEWS

    for view in DERIVED_VIEWS:
        con.execute(f"CREATE OR REPLACE VIEW {view.name} AS {view.sql}")


def open_local(
    database: str | Path = ":memory:",
    *,
    read_only: bool = False,
    extensions: tuple[str, ...] = (),
    config: Mapping[str, object] | None = None,
) -> duckdb.DuckDBPyConnection:
    """A connection that needs no S3 (local files such as the search index), with the
    given extensions from the wheels and the session in UTC, as the lake's timestamps are.
    ``config``: DuckDB settings for the new database (``threads``, ``memory_limit``, …)."""
    import duckdb

    con = duckdb.connect(str(database), read_only=read_only, config=dict(config or {}))
    load_extensions(con, extensions)
    con.execute("SET TimeZone = 'UTC'")
    return con


def open_duckdb(
    settings: Settings, database: str | Path = ":memory:", *, extensions: tuple[str, ...] = (),
    config: Mapping[str, object] | None = None,
) -> duckdb.DuckDBPyConnection:
    """A connection that can read the lake (httpfs, delta, the S3 secret) but has no views yet,
    and is not locked: for code that builds its own DuckDB file from the lake (export, search
    index, through :func:`building_database`) and for benchmarks."""
    # No persistent secrets: none is read from ~/.duckdb/stored_secrets (one scoped to the
    # bucket would win over the read-only secret below), none can be written.
    con = open_local(database, extensions=_EXTENSIONS + extensions, config={**(config or {}), "allow_persistent_secrets": False})
    # Delta data files are never rewritten in place, so cached metadata and data stay valid.
    con.execute("SET enable_http_metadata_cache = true")
    con.execute("SET parquet_metadata_cache = true")
    con.execute("SET validate_external_file_cache = 'NO_VALIDATION'")
    _create_secret(con, settings)
    return con


def lake_directories(settings: Settings) -> list[str]:
    """What a locked connection may read: the lake's prefix, with a trailing slash so that a
    sibling prefix (``lake-old/`` beside ``lake/``) does not match. Landing objects, other
    prefixes and buckets, local files and other URLs stay out of reach."""
    from newslake.core.storage import s3_uri

    return [s3_uri(settings, settings.lake_prefix).rstrip("/") + "/"]


def lock_statements(allowed_directories: Iterable[str]) -> list[str]:
    """The statements that make a set-up connection read-only analysis, in order, the lock last.

    * ``allowed_directories`` — the only prefixes file and object access may touch once
      external access is off (the lake's, :func:`lake_directories`); ``allowed_paths`` and
      ``allowed_configs`` emptied (a ``config`` passed in cannot widen them);
    * ``enable_external_access = false`` — no file or URL outside the allowed directories:
      ``COPY … TO``, ``read_text``/``read_csv``/``read_parquet``/``glob`` of local files or of
      other objects, ``ATTACH`` of a database file, ``EXPORT``/``IMPORT DATABASE``, ``INSTALL``
      and ``LOAD``, Python replacement scans (``con.register()`` still works);
    * ``lock_configuration = true`` — no ``SET``/``RESET`` (or ``PRAGMA`` setting) afterwards,
      so none of the above can be undone.

    Writes inside the lake's prefix are refused by the store: the connection's secret holds
    the read-only key. Persistent secrets are off from the start (:func:`open_duckdb`): DuckDB
    allows that setting only before its first secret."""
    listing = "[" + ", ".join(sql_literal(path) for path in allowed_directories) + "]"
    return [
        f"SET allowed_directories = {listing}",
        "SET allowed_paths = []",
        "SET allowed_configs = []",
        "SET allow_community_extensions = false",
        "SET autoinstall_known_extensions = false",
        "SET autoload_known_extensions = false",
        "SET enable_external_access = false",
        "SET lock_configuration = true",
    ]


def lock_down(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Lock a connection whose views, secret and extensions are in place (:func:`lock_statements`).
    :func:`refresh_views` still works on it: it reads the Delta log through delta-rs, the
    Parquet footers from the lake's prefix, and replaces views."""
    for statement in lock_statements(lake_directories(settings)):
        con.execute(statement)


@contextmanager
def building_database(
    settings: Settings, path: Path, *, extensions: tuple[str, ...] = ()
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A locked lake connection (as :func:`open_duckdb`, plus ``extensions``, then
    :func:`lock_down`) on a temporary file beside ``path`` that is renamed to ``path`` when
    the block succeeds, and deleted when it fails: whoever opens ``path`` never finds it
    half-written. The file holds no secret (DuckDB keeps temporary secrets in memory)."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    from newslake.core.lake import ensure_tables

    ensure_tables(settings)  # delta_scan fails on a table that was never created
    try:
        con = open_duckdb(settings, partial, extensions=extensions)
        try:
            lock_down(con, settings)
            yield con
        finally:
            con.close()
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
        partial.with_name(partial.name + ".wal").unlink(missing_ok=True)


def connect(
    settings: Settings | None = None, database: str = ":memory:", *, config: Mapping[str, object] | None = None
) -> duckdb.DuckDBPyConnection:
    """A read-only DuckDB connection with the lake's table views and the derived views in
    place, over the lake's snapshot at connection time (:func:`refresh_views` moves it on).

    Without ``settings``, they come from the environment (``NEWSLAKE_*``, the config
    file): this is ``newslake.connect()`` for notebooks and scripts. ``config`` sets DuckDB
    options at the start (``{"threads": 4, "memory_limit": "8GB"}``): the connection is
    locked once set up (:func:`lock_down`), so ``SET`` no longer works on it.
    """
    if settings is None:
        from newslake.core.settings import get_settings

        settings = get_settings()
    con = open_duckdb(settings, database, config=config)
    create_snapshot_views(con, settings)
    create_derived_views(con)
    lock_down(con, settings)
    return con
