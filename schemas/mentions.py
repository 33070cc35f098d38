"""The ``mentions`` table: one row per entity per article, with every mention's offsets.

``published_at`` and ``language`` are copied from the article so that "entity
mentions per day" needs no join.
"""

import pyarrow as pa

from schemas.articles import UTC_TS

OFFSET = pa.struct([pa.field("start", pa.int32()), pa.field("end", pa.int32())])

MENTIONS = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("entity", pa.string(), nullable=False),
        pa.field("entity_id", pa.string()),  # 1.4
        pa.field("type", pa.string(), nullable=False),
        pa.field("count", pa.int32(), nullable=False),
        pa.field("offsets", pa.list_(OFFSET)),
        pa.field("country_code", pa.string()),
        pa.field("geonames_id", pa.int64()),  # 1.4
        pa.field("feature_class", pa.string()),  # 1.4
        pa.field("admin1", pa.string()),  # 1.4
        pa.field("latitude", pa.float64()),  # 1.4
        pa.field("longitude", pa.float64()),  # 1.4
        pa.field("published_at", UTC_TS),
        pa.field("language", pa.string()),
        pa.field("enrichment_version", pa.int32()),
        pa.field("committed_at", UTC_TS),  # 1.5
    ]
)

KEY = ("article_id", "entity", "type")
