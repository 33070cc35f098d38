"""The ``rejects`` table: bad input is kept with its reason, never dropped.

One row per (raw object, record) that failed; a retry that fails again updates
the row instead of adding another.
"""

import pyarrow as pa

from schemas.articles import UTC_TS

REJECTS = pa.schema(
    [
        pa.field("raw_key", pa.string(), nullable=False),
        pa.field("record_index", pa.int32()),
        pa.field("stage", pa.string(), nullable=False),
        pa.field("reason", pa.string(), nullable=False),
        pa.field("error_class", pa.string(), nullable=False),
        pa.field("source", pa.string()),
        pa.field("source_path", pa.string()),
        pa.field("pipeline_version", pa.string(), nullable=False),
        pa.field("run_id", pa.string()),
        pa.field("rejected_at", UTC_TS, nullable=False),
        pa.field("detail", pa.string()),  # 1.3
        pa.field("raw_offset", pa.int64()),  # 1.4
    ]
)

KEY = ("raw_key", "record_index")
