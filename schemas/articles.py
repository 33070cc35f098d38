"""The ``articles`` table: one row per distinct article, keyed by ``article_id``.

Not partitioned: see ``docs/schema.md`` ("Why articles is not partitioned").
Each commit is sorted by ``published_at`` so that Parquet statistics let readers
skip files on time ranges.
"""

import pyarrow as pa

UTC_TS = pa.timestamp("us", tz="UTC")

ARTICLES = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("url", pa.string()),
        pa.field("domain", pa.string()),
        pa.field("title", pa.string()),
        pa.field("section", pa.string()),
        pa.field("authors", pa.list_(pa.string())),
        pa.field("published_at", UTC_TS),
        pa.field("published_at_local", pa.string()),  # 1.4
        pa.field("modified_at", UTC_TS),
        pa.field("date_source", pa.string()),
        pa.field("language", pa.string()),
        pa.field("declared_language", pa.string()),
        pa.field("body", pa.string(), nullable=False),
        pa.field("word_count", pa.int32(), nullable=False),
        pa.field("reading_time_minutes", pa.int32(), nullable=False),
        pa.field("content_hash", pa.string(), nullable=False),
        pa.field("description", pa.string()),
        pa.field("site_name", pa.string()),
        pa.field("categories", pa.list_(pa.string())),
        pa.field("tags", pa.list_(pa.string())),
        pa.field("top_image", pa.string()),
        pa.field("lede", pa.string()),
        pa.field("keywords", pa.list_(pa.string())),
        pa.field("tone", pa.float64()),
        pa.field("tone_positive", pa.float64()),
        pa.field("tone_negative", pa.float64()),
        pa.field("tone_method", pa.string()),
        pa.field("flesch_reading_ease", pa.float64()),
        pa.field("lix", pa.float64()),
        pa.field("persons", pa.list_(pa.string())),
        pa.field("organizations", pa.list_(pa.string())),
        pa.field("places", pa.list_(pa.string())),
        pa.field("country_codes", pa.list_(pa.string())),
        pa.field("entities_status", pa.string()),
        pa.field("quote_count", pa.int32()),
        pa.field("figure_count", pa.int32()),
        pa.field("simhash", pa.int64()),
        pa.field("cluster_id", pa.string()),
        pa.field("format", pa.string(), nullable=False),
        pa.field("source", pa.string(), nullable=False),
        pa.field("source_path", pa.string()),
        pa.field("raw_key", pa.string()),
        pa.field("record_index", pa.int32()),
        pa.field("raw_offset", pa.int64()),  # 1.4
        pa.field("extractor", pa.string(), nullable=False),
        pa.field("pipeline_version", pa.string(), nullable=False),
        pa.field("enrichment_version", pa.int32()),
        pa.field("models", pa.string()),
        pa.field("run_id", pa.string()),
        pa.field("ingested_at", UTC_TS, nullable=False),
        pa.field("committed_at", UTC_TS),  # 1.5
    ]
)

KEY = ("article_id",)
