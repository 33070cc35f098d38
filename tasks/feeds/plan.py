"""What a feed poll decides, without I/O: whether a feed is due, which items to fetch,
and the ``feed_items``, ``feed_state`` and ``rejects`` rows a poll leaves.

Kept apart from the ``poll-feed`` step (tasks.poll_feed) so that every rule of
polling — retries, validators, items another feed already landed — can be read
and tested without a network or a lake. The step reads the two feed tables once,
fetches, and hands the outcomes here to be turned into rows.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from newslake.core import PIPELINE_VERSION
from schemas.feeds import MAX_ATTEMPTS
from schemas.records import Rejection
from tasks.commit import reject_row
from tasks.feeds.config import FeedSource, format_every
from tasks.feeds.fetch import Fetched, origin
from tasks.feeds.parse import FeedItem, ParsedFeed


@dataclass(frozen=True)
class KnownItem:
    """What ``feed_items`` says about one item already seen."""

    item_id: str
    url: str | None
    title: str | None
    published_at: datetime | None
    status: str
    attempts: int
    landed_key: str | None
    first_seen_at: datetime

    @property
    def retryable(self) -> bool:
        return self.status == "failed" and self.attempts < MAX_ATTEMPTS


@dataclass(frozen=True)
class ItemResult:
    """What became of one item this poll: landed under a key, or failed and why."""

    item: FeedItem
    landed_key: str | None = None
    created: bool = False
    error: str | None = None
    error_class: str | None = None
    permanent: bool = False

    @property
    def landed(self) -> bool:
        return self.landed_key is not None


@dataclass
class FeedPoll:
    """The outcome of polling one feed, and the rows it leaves in the lake."""

    feed: str
    url: str
    status: str  # ok | not_modified | failed
    error: str | None = None
    items_new: int = 0
    landed: int = 0
    failed: int = 0
    skipped: int = 0
    created: int = 0  # objects newly landed (and announced); the rest were already in the bucket
    item_rows: list[dict[str, Any]] = field(default_factory=list)
    reject_rows: list[dict[str, Any]] = field(default_factory=list)
    resolved_fetch_rejects: list[str] = field(default_factory=list)  # raw keys of earlier failures now landed
    resolved_feed_reject: bool = False
    state_row: dict[str, Any] = field(default_factory=dict)

    @property
    def landed_keys(self) -> list[str]:
        """Keys of the objects this poll landed (new or already in the bucket), not those settled without a fetch."""
        return [row["landed_key"] for row in self.item_rows if row["landed_key"] and row["fetched_at"] is not None]

    def summary(self) -> dict[str, Any]:
        return {
            "feed": self.feed, "status": self.status, "new": self.items_new, "landed": self.landed,
            "failed": self.failed, "skipped": self.skipped, "error": self.error or "",
        }


@dataclass
class ItemPlan:
    """Which items to fetch this poll, and the rows of those settled without fetching."""

    todo: list[FeedItem] = field(default_factory=list)
    new_ids: set[str] = field(default_factory=set)
    skipped: int = 0
    settled_rows: list[dict[str, Any]] = field(default_factory=list)


# --- what to poll -------------------------------------------------------------------


def is_due(every: timedelta, last_polled_at: datetime | None, now: datetime) -> bool:
    """Due once ``every`` has passed since the last poll, less a little slack (a tenth,
    at most 30 s) so that a schedule ticking at the same period never skips a round."""
    if last_polled_at is None:
        return True
    slack = min(every / 10, timedelta(seconds=30))
    return now - last_polled_at >= every - slack


def validators(feed: FeedSource, state: dict[str, Any] | None) -> tuple[str | None, str | None]:
    """The stored ETag and Last-Modified, unless they belong to another URL than the configured one."""
    if not state or state.get("url") != feed.url:
        return None, None
    return state.get("etag"), state.get("last_modified")


def feed_origins(feed: FeedSource) -> frozenset[tuple[str, str, int]]:
    """The origin (scheme, host, port) the operator named in the feed list: trusted even on
    a private network. Only that origin: another port of the same host is not the feed."""
    named = origin(feed.url)
    return frozenset([named]) if named else frozenset()


def plan_items(
    feed: FeedSource,
    items: list[FeedItem],
    known: dict[str, KnownItem],
    landed_urls: dict[str, str],
    now: datetime,
) -> ItemPlan:
    """New and retryable items of the document (its first ``max_items``), then retryable
    items no longer in it. An item whose link another feed already landed is recorded as
    landed with that object's key, without a fetch."""
    plan = ItemPlan()
    listed = items[: feed.max_items] if feed.max_items else items
    for item in listed:
        seen = known.get(item.item_id)
        if seen is None:
            plan.new_ids.add(item.item_id)
            if item.link and item.link in landed_urls:
                plan.settled_rows.append(item_row(feed, item, now, landed_key=landed_urls[item.link], attempts=0, fetched=False))
                plan.skipped += 1
                continue
        elif not seen.retryable:
            plan.skipped += 1
            continue
        plan.todo.append(item)
    plan.skipped += len(items) - len(listed)
    if feed.fetch_pages:  # a past failure's page can be fetched again from its stored URL
        plan.todo.extend(_retries_gone_from_document(known, {item.item_id for item in listed}))
    return plan


def _retries_gone_from_document(known: dict[str, KnownItem], listed_ids: set[str]) -> list[FeedItem]:
    """Failed items the document no longer lists, rebuilt from what ``feed_items`` kept of them."""
    return [
        FeedItem(seen.item_id, seen.url, seen.title, seen.published_at, None, None)
        for seen in known.values()
        if seen.retryable and seen.item_id not in listed_ids and seen.url
    ]


def interleave_by_host(items: list[FeedItem]) -> list[FeedItem]:
    """Round-robin over hosts, so that page workers waiting for one slow host's turn do
    not hold up the pages of the others."""
    queues: OrderedDict[str, list[FeedItem]] = OrderedDict()
    for item in items:
        queues.setdefault(urlsplit(item.link or "").hostname or "", []).append(item)
    ordered: list[FeedItem] = []
    while queues:
        for host in list(queues):
            ordered.append(queues[host].pop(0))
            if not queues[host]:
                del queues[host]
    return ordered


def begin_poll(
    feed: FeedSource,
    state: dict[str, Any] | None,
    response: Fetched,
    parsed: ParsedFeed | None,
    known: dict[str, KnownItem],
    landed_urls: dict[str, str],
    now: datetime,
) -> tuple[FeedPoll, ItemPlan]:
    """The poll of a feed that answered (``parsed`` is None on a ``304``) and its item plan.

    A ``304`` still retries past failures, from their stored URLs. A feed that failed on
    its last poll and answers now clears its ``rejects`` row.
    """
    poll = FeedPoll(feed.name, feed.url, "ok")
    poll.resolved_feed_reject = bool(state and state.get("last_status") == "failed")
    if parsed is None:
        plan = plan_items(feed, [], known, landed_urls, now)
        poll.status = "not_modified"
        poll.state_row = state_row(feed, state, now, "not_modified", etag=response.etag, last_modified=response.last_modified)
    else:
        plan = plan_items(feed, parsed.items, known, landed_urls, now)
        poll.state_row = state_row(
            feed, state, now, "ok", etag=response.etag, last_modified=response.last_modified, items_seen=len(parsed.items)
        )
    poll.items_new = len(plan.new_ids)
    poll.skipped = plan.skipped
    poll.item_rows.extend(plan.settled_rows)
    return poll, plan


# --- the rows a poll writes ---------------------------------------------------------


def item_key(feed: FeedSource, item: FeedItem) -> str:
    """The ``rejects.raw_key`` of an item: its URL, or the feed URL and item id for an item without one."""
    return item.link or f"{feed.url}#item={item.item_id}"


def item_row(
    feed: FeedSource,
    item: FeedItem,
    now: datetime,
    *,
    landed_key: str | None = None,
    error: str | None = None,
    attempts: int,
    first_seen_at: datetime | None = None,
    fetched: bool = True,
) -> dict[str, Any]:
    """The item's ``feed_items`` row: landed when it has a key, else failed with ``error``."""
    return {
        "feed": feed.name,
        "item_id": item.item_id,
        "url": item.link,
        "title": item.title,
        "published_at": item.published,
        "landed_key": landed_key,
        "status": "landed" if landed_key else "failed",
        "attempts": attempts,
        "error": error,
        "first_seen_at": first_seen_at or now,
        "fetched_at": now if fetched else None,
    }


def feed_reject_row(
    feed: FeedSource, raw_key: str, stage: str, reason: str, error_class: str, run_id: str | None, now: datetime
) -> dict[str, Any]:
    """A ``rejects`` row of this feed: the shared row (tasks.commit) with the feed as source."""
    return reject_row(
        raw_key, Rejection(stage, reason, error_class),
        source=feed.source, pipeline_version=PIPELINE_VERSION, run_id=run_id, rejected_at=now,
    )


def fetch_reject_row(feed: FeedSource, key: str, result: ItemResult, attempts: int, run_id: str | None, now: datetime) -> dict[str, Any]:
    """The ``rejects`` row of a failed item, saying whether a later poll tries it again."""
    if attempts >= MAX_ATTEMPTS:
        outlook = "not retried" if result.permanent else f"attempt {attempts} of {MAX_ATTEMPTS}, not retried"
    else:
        outlook = f"attempt {attempts} of {MAX_ATTEMPTS}, retried on the next poll"
    return feed_reject_row(feed, key, "fetch", f"{result.error} ({outlook})", result.error_class or "FetchError", run_id, now)


def state_row(
    feed: FeedSource,
    previous: dict[str, Any] | None,
    now: datetime,
    status: str,
    *,
    error: str | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    items_seen: int | None = None,
) -> dict[str, Any]:
    """The feed's new state. A fresh document (``ok``) brings its own validators; a ``304``
    may repeat them or not; a failure leaves the known ones and item count as they were."""
    old_etag, old_modified = validators(feed, previous)
    if status == "not_modified":
        etag, last_modified = etag or old_etag, last_modified or old_modified
    elif status != "ok":
        etag, last_modified = old_etag, old_modified
    if items_seen is None:
        items_seen = (previous or {}).get("items_seen")
    return {
        "feed": feed.name,
        "url": feed.url,
        "etag": etag,
        "last_modified": last_modified,
        "last_polled_at": now,
        "last_status": status,
        "last_error": error,
        "items_seen": items_seen,
    }


def settle_items(
    feed: FeedSource, results: list[ItemResult], known: dict[str, KnownItem], run_id: str | None, now: datetime, poll: FeedPoll
) -> None:
    """Turn item results into ``feed_items`` and ``rejects`` rows on ``poll``."""
    for result in results:
        seen = known.get(result.item.item_id)
        first_seen = seen.first_seen_at if seen else None
        attempts = (seen.attempts if seen else 0) + 1
        if result.landed:
            poll.landed += 1
            poll.item_rows.append(item_row(feed, result.item, now, landed_key=result.landed_key, attempts=attempts, first_seen_at=first_seen))
            if seen is not None and seen.status == "failed":
                poll.resolved_fetch_rejects.append(item_key(feed, result.item))
            continue
        poll.failed += 1
        if result.permanent:
            attempts = MAX_ATTEMPTS
        poll.item_rows.append(item_row(feed, result.item, now, error=result.error, attempts=attempts, first_seen_at=first_seen))
        poll.reject_rows.append(fetch_reject_row(feed, item_key(feed, result.item), result, attempts, run_id, now))


def failed_poll(
    feed: FeedSource, state: dict[str, Any] | None, message: str, error_class: str, run_id: str | None, now: datetime
) -> FeedPoll:
    """A feed that could not be polled: no items tried (when the feed's server is down, its
    pages likely are too), one ``rejects`` row for the feed, and its state kept but failed."""
    poll = FeedPoll(feed.name, feed.url, "failed", error=message)
    poll.reject_rows.append(feed_reject_row(feed, feed.url, "feed", message, error_class, run_id, now))
    poll.state_row = state_row(feed, state, now, "failed", error=message)
    return poll


def crashed_poll(feed: FeedSource, state: dict[str, Any] | None, error: BaseException, run_id: str | None) -> FeedPoll:
    """A feed whose poll raised (e.g. the store was unreachable): recorded as failed, with a
    rejects row, so the run goes on with the other feeds and the failure is visible."""
    message = f"{feed.url}: the poll failed unexpectedly: {type(error).__name__}: {error}"
    return failed_poll(feed, state, message, type(error).__name__, run_id, datetime.now(UTC))


def overview_row(feed: FeedSource, state: dict[str, Any] | None, counts: dict[tuple[str, str], int]) -> dict[str, Any]:
    """One feed's line in ``newslake feeds list``: its settings, last poll and item counts."""
    state = state or {}
    return {
        "name": feed.name,
        "url": feed.url,
        "every": format_every(feed.every),
        "enabled": feed.enabled,
        "last_polled_at": state.get("last_polled_at"),
        "last_status": state.get("last_status"),
        "items_seen": state.get("items_seen"),
        "landed": counts.get((feed.name, "landed"), 0),
        "failed": counts.get((feed.name, "failed"), 0),
        "last_error": state.get("last_error"),
    }
