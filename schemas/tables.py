"""The registry of lake tables: name → schema, merge key, version."""

from dataclasses import dataclass

import pyarrow as pa

from schemas import article_keys, articles, entities, feeds, figures, ingest_log, mentions, quotes, rejects

SCHEMA_VERSION = "1.5"


@dataclass(frozen=True)
class TableSpec:
    name: str
    schema: pa.Schema
    key: tuple[str, ...]
    description: str
    # Small row groups let a one-day query skip most of a file by its statistics
    # (bench/query.py: 1.6x instead of 5.8x of a local table, for 4.6 % more bytes).
    row_group_rows: int = 16_384
    # The column each write stamps with the time of its commit. A merge of new rows then
    # only needs to look at recently written files (``newslake.core.lake.merge``).
    commit_time: str | None = None


TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec("articles", articles.ARTICLES, articles.KEY, "One row per distinct article.", row_group_rows=2_048,
                  commit_time="committed_at"),
        TableSpec("mentions", mentions.MENTIONS, mentions.KEY, "Entities mentioned in each article.", commit_time="committed_at"),
        TableSpec("quotes", quotes.QUOTES, quotes.KEY, "Direct quotations and their speakers.", commit_time="committed_at"),
        TableSpec("figures", figures.FIGURES, figures.KEY, "Amounts stated in each article.", commit_time="committed_at"),
        TableSpec("rejects", rejects.REJECTS, rejects.KEY, "Inputs that failed, with stage and reason."),
        TableSpec("ingest_log", ingest_log.INGEST_LOG, ingest_log.KEY, "Every landed object per run.", commit_time="logged_at"),
        TableSpec("article_keys", article_keys.ARTICLE_KEYS, article_keys.KEY,
                  "The commit's index of stored articles (ids, SimHash, cluster, raw key).",
                  row_group_rows=131_072, commit_time="committed_at"),
        TableSpec("feed_items", feeds.FEED_ITEMS, feeds.FEED_ITEMS_KEY, "Every feed item seen, and what became of it."),
        TableSpec("feed_state", feeds.FEED_STATE, feeds.FEED_STATE_KEY, "Each feed's conditional-GET validators and last poll."),
    )
}

# Views with a contract but no storage: built by DuckDB from the tables above on every
# connection (newslake/core/views.py), never committed, compacted or exported as Delta.
VIEW_SCHEMAS: dict[str, pa.Schema] = {"entities": entities.ENTITIES}
