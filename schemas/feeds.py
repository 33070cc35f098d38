"""The feed tables: what each feed item became, and where each feed's polling stands.

``feed_items`` has one row per (feed, item): ``landed`` items are never fetched
again; ``failed`` ones are retried on later polls until ``attempts`` reaches
:data:`MAX_ATTEMPTS`, and each failure also updates one ``rejects`` row (stage
``fetch``, ``raw_key`` = the item URL). ``feed_state`` has one row per feed: the
validators for the next conditional GET and the outcome of the last poll.
"""

import pyarrow as pa

from schemas.articles import UTC_TS

MAX_ATTEMPTS = 3
ITEM_STATUSES = ("landed", "failed")
POLL_STATUSES = ("ok", "not_modified", "failed")

FEED_ITEMS = pa.schema(
    [
        pa.field("feed", pa.string(), nullable=False),
        pa.field("item_id", pa.string(), nullable=False),
        pa.field("url", pa.string()),
        pa.field("title", pa.string()),
        pa.field("published_at", UTC_TS),
        pa.field("landed_key", pa.string()),
        pa.field("status", pa.string(), nullable=False),
        pa.field("attempts", pa.int32(), nullable=False),
        pa.field("error", pa.string()),
        pa.field("first_seen_at", UTC_TS, nullable=False),
        pa.field("fetched_at", UTC_TS),
    ]
)
FEED_ITEMS_KEY = ("feed", "item_id")

FEED_STATE = pa.schema(
    [
        pa.field("feed", pa.string(), nullable=False),
        pa.field("url", pa.string(), nullable=False),
        pa.field("etag", pa.string()),
        pa.field("last_modified", pa.string()),
        pa.field("last_polled_at", UTC_TS),
        pa.field("last_status", pa.string()),
        pa.field("last_error", pa.string()),
        pa.field("items_seen", pa.int32()),
    ]
)
FEED_STATE_KEY = ("feed",)
