"""Results written as they are read: CSV, JSON and Parquet from Arrow batches."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pyarrow as pa
import pyarrow.parquet as pq

from newslake.web.downloads import chunks, unique_names

WHEN = datetime(2026, 3, 14, 8, 30, tzinfo=UTC)


def _batches(rows: int, size: int) -> tuple[list[str], pa.Schema, list[pa.RecordBatch]]:
    table = pa.table({
        "id": pa.array(range(rows), pa.int64()),
        "title": pa.array([f'Title {i}, "quoted" é' if i % 3 else None for i in range(rows)]),
        "tags": pa.array([["a", "b"] if i % 2 else [] for i in range(rows)], pa.list_(pa.string())),
        "offsets": pa.array([[{"start": i, "end": i + 2}] for i in range(rows)],
                            pa.list_(pa.struct([("start", pa.int32()), ("end", pa.int32())]))),
        "published_at": pa.array([WHEN] * rows, pa.timestamp("us", tz="UTC")),
        "id2": pa.array(range(rows), pa.int64()),
    })
    table = table.rename_columns(["id", "title", "tags", "offsets", "published_at", "id"])  # a repeated name
    return table.column_names, table.schema, table.to_batches(max_chunksize=size)


def test_csv():
    columns, schema, batches = _batches(250, 100)
    data = b"".join(chunks("csv", columns, schema, batches)).decode("utf-8")
    rows = list(csv.reader(io.StringIO(data)))
    assert rows[0] == columns
    assert len(rows) == 251
    assert rows[2] == ["1", 'Title 1, "quoted" é', '["a", "b"]', '[{"start": 1, "end": 3}]', "2026-03-14T08:30:00+00:00", "1"]
    assert rows[1][1] == ""  # NULL


def test_json():
    columns, schema, batches = _batches(250, 100)
    rows = json.loads(b"".join(chunks("json", columns, schema, batches)))
    assert len(rows) == 250
    assert rows[1] == {"id": 1, "title": 'Title 1, "quoted" é', "tags": ["a", "b"], "offsets": [{"start": 1, "end": 3}],
                       "published_at": "2026-03-14T08:30:00+00:00", "id_2": 1}
    assert rows[0]["title"] is None


def test_parquet_keeps_the_types():
    columns, schema, batches = _batches(250, 100)
    table = pq.read_table(io.BytesIO(b"".join(chunks("parquet", columns, schema, batches))))
    assert table.num_rows == 250
    assert table.column_names == ["id", "title", "tags", "offsets", "published_at", "id_2"]
    assert table.schema.field("published_at").type == pa.timestamp("us", tz="UTC")
    assert table.column("offsets")[7].as_py() == [{"start": 7, "end": 9}]


def test_empty_results_are_valid_files():
    columns, schema, _ = _batches(0, 10)
    assert json.loads(b"".join(chunks("json", columns, schema, []))) == []
    assert b"".join(chunks("csv", columns, schema, [])).decode().strip() == ",".join(columns)
    assert pq.read_table(io.BytesIO(b"".join(chunks("parquet", columns, schema, [])))).num_rows == 0


def test_unique_names():
    assert unique_names(["a", "a", "b", "a", "a_2"]) == ["a", "a_2", "b", "a_3", "a_2_2"]
