"""The ``quotes`` table: direct quotations and who said them."""

import pyarrow as pa

from schemas.articles import UTC_TS

QUOTES = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("quote_index", pa.int32(), nullable=False),
        pa.field("quote", pa.string(), nullable=False),
        pa.field("speaker", pa.string()),
        pa.field("start", pa.int32()),
        pa.field("end", pa.int32()),
        pa.field("published_at", UTC_TS),
        pa.field("enrichment_version", pa.int32()),
        pa.field("committed_at", UTC_TS),  # 1.5
    ]
)

KEY = ("article_id", "quote_index")
