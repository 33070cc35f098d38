"""The ``ingest_log`` table: every landed object, once per run, with its outcome.

``outcome`` is one of:
- ``committed``: at least one new article from this object entered ``articles``;
- ``duplicate``: it parsed, but every article in it was already in the lake;
- ``rejected``: nothing usable came out of it (see ``rejects``);
- ``partial``: some records committed or were duplicates, others were rejected;
- ``skipped``: an earlier run already ingested this object, so it was not read again;
- ``reprocessed``: ``newslake reprocess`` rebuilt its articles with a newer enrichment.
"""

import pyarrow as pa

from schemas.articles import UTC_TS

OUTCOMES = ("committed", "duplicate", "rejected", "partial", "skipped", "reprocessed")

INGEST_LOG = pa.schema(
    [
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("raw_key", pa.string(), nullable=False),
        pa.field("outcome", pa.string(), nullable=False),
        pa.field("articles_new", pa.int32(), nullable=False),
        pa.field("articles_duplicate", pa.int32(), nullable=False),
        pa.field("records_rejected", pa.int32(), nullable=False),
        pa.field("article_ids", pa.list_(pa.string())),
        pa.field("pipeline_version", pa.string(), nullable=False),
        pa.field("logged_at", UTC_TS, nullable=False),
    ]
)

KEY = ("run_id", "raw_key")
