"""Query results as files, written while they are read: CSV, JSON (an array of objects)
and Parquet, from a stream of Arrow record batches, a chunk of bytes at a time. Memory
stays at one batch whatever the size of the result.

CSV cells of nested values (lists, structs) are JSON; times are ISO 8601. JSON values:
times as ISO 8601 strings, decimals as numbers, bytes as text. Parquet keeps the types.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "parquet": "application/vnd.apache.parquet",
}


def json_value(value: Any) -> Any:
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    return value if isinstance(value, (str, int, float, bool)) or value is None else str(value)


def _cell(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(json_value(value), ensure_ascii=False)
    return json_value(value)


def csv_chunks(columns: list[str], batches: Iterable[Any]) -> Iterator[bytes]:
    """A header line, then each batch's rows (RFC 4180 quoting, ``\\r\\n`` line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    yield buffer.getvalue().encode("utf-8")
    for batch in batches:
        buffer.seek(0)
        buffer.truncate()
        data = [column.to_pylist() for column in batch.columns]
        for row in zip(*data):
            writer.writerow([_cell(value) for value in row])
        yield buffer.getvalue().encode("utf-8")


def unique_names(columns: list[str]) -> list[str]:
    """Column names made unique (``a``, ``a_2``): SQL allows ``SELECT 1 AS a, 2 AS a``, a JSON object does not."""
    seen: dict[str, int] = {}
    out = []
    for name in columns:
        count = seen.get(name, 0) + 1
        seen[name] = count
        candidate = name if count == 1 else f"{name}_{count}"
        while count > 1 and candidate in seen:
            count += 1
            candidate = f"{name}_{count}"
        if count > 1:
            seen[candidate] = 1
        out.append(candidate)
    return out


def json_chunks(columns: list[str], batches: Iterable[Any]) -> Iterator[bytes]:
    """``[``, one object per row (keys in column order) separated by commas, ``]``."""
    keys = unique_names(columns)
    yield b"["
    first = True
    for batch in batches:
        if not batch.num_rows:
            continue
        data = [column.to_pylist() for column in batch.columns]
        text = ",\n".join(json.dumps({k: json_value(v) for k, v in zip(keys, row)}, ensure_ascii=False)
                          for row in zip(*data))
        yield (("\n" if first else ",\n") + text).encode("utf-8")
        first = False
    yield b"\n]\n"


class _Sink:
    """A write-only file object that hands what was written so far to the caller."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.position = 0
        self.closed = False

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        self.position += len(data)
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True

    def take(self) -> bytes:
        data, self.parts = b"".join(self.parts), []
        return data

    def tell(self) -> int:  # the Parquet writer records where each column chunk starts
        return self.position

    def writable(self) -> bool:
        return True


def parquet_chunks(schema: Any, batches: Iterable[Any]) -> Iterator[bytes]:
    """A Parquet file (zstd), one row group per batch, each written out as soon as it is complete."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([f.with_name(name) for f, name in zip(schema, unique_names(schema.names))])
    sink = _Sink()
    writer = pq.ParquetWriter(pa.PythonFile(sink, mode="w"), schema, compression="zstd")
    try:
        for batch in batches:
            if batch.num_rows:
                writer.write_batch(pa.RecordBatch.from_arrays(batch.columns, schema=schema))
                if chunk := sink.take():
                    yield chunk
    finally:
        writer.close()
    if chunk := sink.take():
        yield chunk


def chunks(fmt: str, columns: list[str], schema: Any, batches: Iterable[Any]) -> Iterator[bytes]:
    if fmt == "csv":
        return csv_chunks(columns, batches)
    if fmt == "json":
        return json_chunks(columns, batches)
    if fmt == "parquet":
        return parquet_chunks(schema, batches)
    raise ValueError(f"unknown download format {fmt!r}")
