"""The Delta tables of the lake: where they live, how they are opened and merged into.

Every write is a ``MERGE`` on the table's key from :mod:`schemas`, so a batch
that is retried, or landed twice, never adds a row twice. delta-rs commits with
S3 conditional puts, so concurrent writers are safe without a lock service; a
writer that loses a race re-reads the table and tries again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from deltalake import BloomFilterProperties, ColumnProperties, DeltaTable, WriterProperties
from deltalake.exceptions import CommitFailedError, TableNotFoundError

from newslake.core.settings import Settings
from newslake.core.storage import delta_storage_options, s3_uri
from schemas import SCHEMA_VERSION, TABLES, TableSpec

_COMMIT_ATTEMPTS = 8
# How far back a ``recent_only`` merge looks. It must outlast a commit (seconds) and the
# clock difference between writers (NTP keeps it under a second); an hour is ample.
RECENT_WRITES = timedelta(hours=1)
_STATS_COLUMNS = 32  # delta.dataSkippingNumIndexedCols' default


def table_uri(settings: Settings, name: str) -> str:
    return s3_uri(settings, settings.lake_prefix, name)


def open_table(settings: Settings, name: str) -> DeltaTable:
    """The table ``name``, created empty with its schema if it does not exist yet."""
    uri = table_uri(settings, name)
    options = delta_storage_options(settings)
    spec = TABLES[name]
    try:
        table = DeltaTable(uri, storage_options=options)
    except TableNotFoundError:
        return DeltaTable.create(
            uri,
            schema=spec.schema,
            mode="ignore",  # another writer may have created it meanwhile
            name=name,
            description=f"{spec.description} newslake schema {SCHEMA_VERSION}.",
            configuration=_configuration(spec) or None,
            storage_options=options,
        )
    return table


def _configured(settings: Settings, name: str) -> DeltaTable:
    """``open_table`` for a writer: a table created by an older version gets the current
    properties first (once). Readers never alter a table: theirs may be a read-only key."""
    table = open_table(settings, name)
    missing = {k: v for k, v in _configuration(TABLES[name]).items() if table.metadata().configuration.get(k) != v}
    if not missing:
        return table
    _retrying_conflicts(lambda: open_table(settings, name).alter.set_table_properties(missing) or {})
    return open_table(settings, name)


def _configuration(spec: TableSpec) -> dict[str, str]:
    """Delta table properties. Delta keeps file statistics for the first 32 columns only;
    a commit-time column further back gets them too, or a ``recent_only`` merge could not
    skip a single file by it."""
    names = spec.schema.names
    if not spec.commit_time or names.index(spec.commit_time) < _STATS_COLUMNS:
        return {}
    return {"delta.dataSkippingStatsColumns": ",".join([*names[:_STATS_COLUMNS], spec.commit_time])}


def ensure_tables(settings: Settings) -> None:
    for name in TABLES:
        open_table(settings, name)


def _writer_properties(spec: TableSpec) -> WriterProperties:
    """zstd, and a Bloom filter on the first key column for point look-ups."""
    bloom = ColumnProperties(bloom_filter_properties=BloomFilterProperties(set_bloom_filter_enabled=True, fpp=0.01))
    return WriterProperties(
        compression="ZSTD",
        compression_level=3,
        max_row_group_size=spec.row_group_rows,
        column_properties={spec.key[0]: bloom},
    )


def _key_predicate(spec: TableSpec) -> str:
    """Nullable key columns compare equal when both are null."""
    terms = []
    for column in spec.key:
        if spec.schema.field(column).nullable:
            terms.append(f"coalesce(t.{column}, -1) = coalesce(s.{column}, -1)")
        else:
            terms.append(f"t.{column} = s.{column}")
    return " AND ".join(terms)


def merge(
    settings: Settings,
    name: str,
    rows: pa.Table,
    *,
    update_existing: bool = False,
    update_when: str | None = None,
    keep_on_update: tuple[str, ...] = (),
    recent_only: bool = False,
) -> dict[str, Any]:
    """Insert the rows whose key is new; with ``update_existing``, overwrite the others
    (only where the SQL predicate ``update_when`` holds, over ``t.`` target and ``s.``
    source columns), keeping the target's ``keep_on_update`` columns.

    Every attempt stamps the table's commit-time column where it is empty. With ``recent_only`` the merge
    compares the rows only with those written in the last :data:`RECENT_WRITES`: delta-rs
    then skips every older file by its statistics, so the merge costs the same in a lake
    of any size. That is for rows the caller knows to be absent from the older files (a
    commit checks new articles against ``article_keys`` first); what the merge still
    guards against is a concurrent writer of the same keys, whose files are recent, and
    Delta's conflict check sees them just as it does in a full merge.

    Returns delta-rs's merge metrics. Retries when a concurrent writer commits first.
    """
    spec = TABLES[name]
    if rows.num_rows == 0:
        return {"num_target_rows_inserted": 0, "num_target_rows_updated": 0}
    rows = rows.cast(spec.schema)

    def attempt() -> dict[str, Any]:
        now = datetime.now(UTC)
        stamped = _stamped(spec, rows, now)
        predicate = _key_predicate(spec)
        if recent_only and spec.commit_time:
            predicate += f" AND t.{spec.commit_time} >= '{now - RECENT_WRITES:%Y-%m-%dT%H:%M:%S.%fZ}'"
        merger = _configured(settings, name).merge(
            stamped,
            predicate=predicate,
            source_alias="s",
            target_alias="t",
            merge_schema=True,  # additive schema changes (new nullable columns) migrate in place
            writer_properties=_writer_properties(spec),
        )
        if update_existing:
            updates = {c: f"s.{c}" for c in spec.schema.names if c not in keep_on_update}
            merger = merger.when_matched_update(updates=updates, predicate=update_when)
        return merger.when_not_matched_insert_all().execute()

    return _retrying_conflicts(attempt)


def _stamped(spec: TableSpec, rows: pa.Table, now: datetime) -> pa.Table:
    """``rows`` with the table's commit-time column set to ``now`` where the caller left it
    empty (the ingest log's rows say when they were logged; reports chart that)."""
    if not spec.commit_time:
        return rows
    index = rows.schema.get_field_index(spec.commit_time)
    field = rows.schema.field(index)
    return rows.set_column(index, field, pc.fill_null(rows.column(index), pa.scalar(now, field.type)))


def _retrying_conflicts(commit: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """Run a commit, re-reading the table and trying again when another writer won the race."""
    for attempt in range(1, _COMMIT_ATTEMPTS + 1):
        try:
            return commit()
        except CommitFailedError:
            if attempt == _COMMIT_ATTEMPTS:
                raise
            time.sleep(min(0.1 * 2**attempt, 3.0))
    raise AssertionError("unreachable")


def read_columns(settings: Settings, name: str, columns: list[str], where: pc.Expression | None = None) -> pa.Table:
    """The current snapshot of some columns of a table, typed as the current schema says,
    optionally only the rows ``where`` holds (Parquet statistics skip what cannot match).

    A column that a table written by an older schema version lacks reads as nulls.
    The scan runs on the calling thread: Arrow's background scan threads over delta-rs's
    file system can outlive the read and abort the interpreter at exit ("terminate
    called without an active exception", delta-rs#2184, arrow#34314), which a short
    command like `newslake status` hit one time in six.
    """
    dataset = open_table(settings, name).to_pyarrow_dataset()
    present = [column for column in columns if column in dataset.schema.names]
    table = dataset.to_table(columns=present, filter=where, use_threads=False)
    schema = TABLES[name].schema
    arrays = [
        table.column(column) if column in present else pa.nulls(table.num_rows, schema.field(column).type)
        for column in columns
    ]
    return pa.Table.from_arrays(arrays, names=columns).cast(pa.schema([schema.field(c) for c in columns]))



def sql_strings(values: list[str]) -> str:
    """``'a', 'b'``: string literals for an ``IN (...)`` of a :func:`delete` predicate."""
    return ", ".join("'" + value.replace("'", "''") + "'" for value in values)


def delete(settings: Settings, name: str, predicate: str) -> dict[str, Any]:
    """Delete the rows matching a SQL predicate."""
    return _retrying_conflicts(lambda: open_table(settings, name).delete(predicate))


def compact(settings: Settings, name: str, *, retention_hours: int, target_size: int = 128 * 1024 * 1024) -> dict[str, Any]:
    """Rewrite a table's small files into few large ones, then delete the files no snapshot
    younger than ``retention_hours`` needs, and checkpoint the log.

    Readers never see a half-done compaction: the rewrite is one Delta commit. A reader
    holding a snapshot older than the retention can lose files, hence a retention of days.
    """
    spec = TABLES[name]
    optimized = _retrying_conflicts(
        lambda: open_table(settings, name).optimize.compact(target_size=target_size, writer_properties=_writer_properties(spec))
    )
    table = open_table(settings, name)
    vacuumed = table.vacuum(
        retention_hours=retention_hours,
        dry_run=False,
        enforce_retention_duration=False,  # the retention is the operator's setting, not delta-rs's default
    )
    table.create_checkpoint()
    return {
        "table": name,
        "files_removed": int(optimized.get("numFilesRemoved", 0)),
        "files_added": int(optimized.get("numFilesAdded", 0)),
        "files_vacuumed": len(vacuumed),
        "version": open_table(settings, name).version(),
    }
