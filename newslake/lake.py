"""The Delta tables of the lake: where they live, how they are opened and merged into.

Every write is a ``MERGE`` on the table's key from :mod:`schemas`, so a batch
that is retried, or landed twice, never adds a row twice. delta-rs commits with
S3 conditional puts, so concurrent writers are safe without a lock service; a
writer that loses a race re-reads the table and tries again.
"""

from __future__ import annotations

import time
from typing import Any

import pyarrow as pa
from deltalake import BloomFilterProperties, ColumnProperties, DeltaTable, WriterProperties
from deltalake.exceptions import CommitFailedError, TableNotFoundError

from newslake.settings import Settings
from newslake.storage import delta_storage_options, s3_uri
from schemas import SCHEMA_VERSION, TABLES, TableSpec

_COMMIT_ATTEMPTS = 8


def table_uri(settings: Settings, name: str) -> str:
    return s3_uri(settings, settings.lake_prefix, name)


def open_table(settings: Settings, name: str) -> DeltaTable:
    """The table ``name``, created empty with its schema if it does not exist yet."""
    uri = table_uri(settings, name)
    options = delta_storage_options(settings)
    try:
        return DeltaTable(uri, storage_options=options)
    except TableNotFoundError:
        spec = TABLES[name]
        return DeltaTable.create(
            uri,
            schema=spec.schema,
            mode="ignore",  # another writer may have created it meanwhile
            name=name,
            description=f"{spec.description} newslake schema {SCHEMA_VERSION}.",
            storage_options=options,
        )


def ensure_tables(settings: Settings) -> None:
    for name in TABLES:
        open_table(settings, name)


def _writer_properties(spec: TableSpec) -> WriterProperties:
    """zstd, and a Bloom filter on the first key column for point look-ups."""
    bloom = ColumnProperties(bloom_filter_properties=BloomFilterProperties(set_bloom_filter_enabled=True, fpp=0.01))
    return WriterProperties(
        compression="ZSTD",
        compression_level=3,
        max_row_group_size=500_000,
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


def merge(settings: Settings, name: str, rows: pa.Table, *, update_existing: bool = False) -> dict[str, Any]:
    """Insert the rows whose key is new; with ``update_existing``, overwrite the others.

    Returns delta-rs's merge metrics. Retries when a concurrent writer commits first.
    """
    spec = TABLES[name]
    if rows.num_rows == 0:
        return {"num_target_rows_inserted": 0, "num_target_rows_updated": 0}
    rows = rows.cast(spec.schema)
    for attempt in range(1, _COMMIT_ATTEMPTS + 1):
        table = open_table(settings, name)
        merger = table.merge(
            rows,
            predicate=_key_predicate(spec),
            source_alias="s",
            target_alias="t",
            writer_properties=_writer_properties(spec),
        )
        if update_existing:
            merger = merger.when_matched_update_all()
        try:
            return merger.when_not_matched_insert_all().execute()
        except CommitFailedError:
            if attempt == _COMMIT_ATTEMPTS:
                raise
            time.sleep(min(0.1 * 2**attempt, 3.0))
    raise AssertionError("unreachable")


def read_columns(settings: Settings, name: str, columns: list[str]) -> pa.Table:
    """The current snapshot of some columns of a table, with plain (not view) string types."""
    table = open_table(settings, name).to_pyarrow_dataset().to_table(columns=columns)
    schema = TABLES[name].schema
    return table.cast(pa.schema([schema.field(column) for column in columns]))


def existing_keys(settings: Settings, name: str, column: str, values: list[str]) -> set[str]:
    """Which of ``values`` already appear in ``column`` of table ``name``.

    Reads the whole column: ids are hashes, so file statistics could not prune anyway.
    """
    if not values:
        return set()
    present = set(read_columns(settings, name, [column]).column(column).to_pylist())
    return present.intersection(values)
