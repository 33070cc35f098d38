"""The ``entities`` view: one row per canonical entity, lake-wide.

Not a stored table: it is a DuckDB view over ``mentions`` (and ``articles`` for the
surface forms), defined in ``newslake/core/views.py``, so it is always exactly as
current as the mentions it summarises, costs a commit nothing, and has no state that
concurrent committers could race on. This schema is its contract (the columns and
types a reader gets); tests check the view against it.
"""

import pyarrow as pa

from schemas.articles import UTC_TS

ENTITIES = pa.schema(
    [
        pa.field("entity_id", pa.string(), nullable=False),
        pa.field("name", pa.string(), nullable=False),
        pa.field("type", pa.string(), nullable=False),
        pa.field("aliases", pa.list_(pa.string())),
        pa.field("country_code", pa.string()),
        pa.field("first_seen", UTC_TS),
        pa.field("last_seen", UTC_TS),
        pa.field("article_count", pa.int64(), nullable=False),
        pa.field("mention_count", pa.int64(), nullable=False),
        pa.field("languages", pa.list_(pa.string())),
    ]
)
KEY = ("entity_id",)
