"""The ``article_keys`` table: the index a commit reads instead of ``articles``.

One narrow row per stored article: what a commit must know of every article already in
the lake to tell a new article from a duplicate, find its near-duplicates and see who
committed it. ``articles`` answers the same questions only by a scan of its key columns,
whose small row groups (sized for queries over bodies) made that scan grow with the lake;
this table is written beside it, in large row groups, and read by
``newslake.core.key_index``.
"""

import pyarrow as pa

from schemas.articles import UTC_TS

ARTICLE_KEYS = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("simhash", pa.int64()),
        # null when the article is its own story cluster (most are): half the bytes to read
        pa.field("cluster_id", pa.string()),
        pa.field("raw_key", pa.string()),
        # the first 8 bytes of SHA-256(raw_key): who committed the id, in 8 bytes a row
        pa.field("raw_key_hash", pa.int64()),
        pa.field("raw_offset", pa.int64()),  # the record's place in its archive, as in articles
        pa.field("committed_at", UTC_TS),
    ]
)

KEY = ("article_id",)
