"""The ``figures`` table: amounts the text states, with unit and what they count."""

import pyarrow as pa

from schemas.articles import UTC_TS

FIGURES = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("figure_index", pa.int32(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
        pa.field("value", pa.float64()),
        pa.field("unit", pa.string()),
        pa.field("counts", pa.string()),
        pa.field("start", pa.int32()),
        pa.field("end", pa.int32()),
        pa.field("published_at", UTC_TS),
        pa.field("enrichment_version", pa.int32()),
        pa.field("committed_at", UTC_TS),  # 1.5
    ]
)

KEY = ("article_id", "figure_index")
