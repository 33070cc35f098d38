"""Polling one feed: conditional GET of the feed, then its new items' pages, landed.

What is fetched is decided from two tables (``schemas/feeds.py``) read once per
poll: ``feed_state`` gives the feed's ETag/Last-Modified and when it was last
polled; ``feed_items`` says which items already landed (never fetched again) and
which failed (fetched again on later polls, even when the feed itself answers
``304``, until :data:`MAX_ATTEMPTS`). The planning is pure functions; the
``poll-feed`` task does the I/O and returns rows, and ``record-polls`` writes them
for every feed of the run at once — rejects, then items, then feed state, so a
crash in between only makes the next poll look at the same items again, and
landing (content-addressed, ``If-None-Match: *``) turns a repeat into a no-op.
"""

from __future__ import annotations

import contextvars
import logging
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from prefect import task
from prefect.cache_policies import NO_CACHE

from newslake.core import PIPELINE_VERSION, lake
from newslake.core.events import announce_landed
from newslake.core.landing import land_bytes
from newslake.core.settings import Settings
from schemas import TABLES
from schemas.feeds import MAX_ATTEMPTS
from schemas.validate import to_table
from tasks.feeds.config import FeedSource, format_every
from tasks.feeds.fetch import FEED_ACCEPT, PAGE_ACCEPT, Fetched, FetchError, FetchLimits, fetch, open_client, page_extension
from tasks.feeds.parse import FeedItem, FeedParseError, ParsedFeed, item_page, parse_feed

PAGE_THREADS = 4
_KNOWN_COLUMNS = ["feed", "item_id", "url", "title", "published_at", "status", "attempts", "landed_key", "first_seen_at"]
_STATE_COLUMNS = ["feed", "url", "etag", "last_modified", "last_polled_at", "last_status", "last_error", "items_seen"]


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


# --- reading the state ----------------------------------------------------------------


def read_states(settings: Settings) -> dict[str, dict[str, Any]]:
    """feed name → its ``feed_state`` row."""
    return {row["feed"]: row for row in lake.read_columns(settings, "feed_state", _STATE_COLUMNS).to_pylist()}


def read_known_items(settings: Settings) -> tuple[dict[str, dict[str, KnownItem]], dict[str, str]]:
    """(feed → item id → what is known of it, item URL → landed key of any feed's landed item)."""
    known: dict[str, dict[str, KnownItem]] = {}
    landed_urls: dict[str, str] = {}
    for row in lake.read_columns(settings, "feed_items", _KNOWN_COLUMNS).to_pylist():
        feed = row.pop("feed")
        item = KnownItem(**row)
        known.setdefault(feed, {})[item.item_id] = item
        if item.status == "landed" and item.url and item.landed_key:
            landed_urls[item.url] = item.landed_key
    return known, landed_urls


def feed_overview(settings: Settings, feeds: list[FeedSource]) -> list[dict[str, Any]]:
    """One row per configured feed with its last poll and item counts, for ``newslake feeds list``."""
    states = read_states(settings)
    counts: dict[tuple[str, str], int] = {}
    for row in lake.read_columns(settings, "feed_items", ["feed", "status"]).to_pylist():
        counts[(row["feed"], row["status"])] = counts.get((row["feed"], row["status"]), 0) + 1
    rows = []
    for feed in feeds:
        state = states.get(feed.name) or {}
        rows.append({
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
        })
    return rows


# --- pure planning ------------------------------------------------------------------


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
        listed_ids = {item.item_id for item in listed}
        for seen in known.values():
            if seen.retryable and seen.item_id not in listed_ids and seen.url:
                plan.todo.append(FeedItem(seen.item_id, seen.url, seen.title, seen.published_at, None, None))
    return plan


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


def fetch_reject_row(feed: FeedSource, key: str, result: ItemResult, attempts: int, run_id: str | None, now: datetime) -> dict[str, Any]:
    if attempts >= MAX_ATTEMPTS:
        outlook = "not retried" if result.permanent else f"attempt {attempts} of {MAX_ATTEMPTS}, not retried"
    else:
        outlook = f"attempt {attempts} of {MAX_ATTEMPTS}, retried on the next poll"
    return reject_row(key, "fetch", f"{result.error} ({outlook})", result.error_class or "FetchError", feed, run_id, now)


def reject_row(raw_key: str, stage: str, reason: str, error_class: str, feed: FeedSource, run_id: str | None, now: datetime) -> dict[str, Any]:
    return {
        "raw_key": raw_key,
        "record_index": None,
        "stage": stage,
        "reason": reason,
        "error_class": error_class,
        "source": feed.source,
        "source_path": None,
        "pipeline_version": PIPELINE_VERSION,
        "run_id": run_id,
        "rejected_at": now,
    }


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


# --- I/O ----------------------------------------------------------------------------


def fetch_and_land(
    settings: Settings,
    feed: FeedSource,
    item: FeedItem,
    client: Any,
    limits: FetchLimits,
    feed_title: str | None,
    announce: Callable[[str], bool],
) -> ItemResult:
    """Fetch one item's page (or build it from the item's content) and land it.

    Fetch failures come back as a failed :class:`ItemResult`; storage errors raise,
    since they are not the item's fault and retrying the item would not help.
    """
    try:
        if feed.fetch_pages:
            if not item.link:
                raise FetchError(
                    f"{feed.url} item {item.item_id!r}", "the item has no link to fetch", kind="not_http",
                    hint="set fetch_pages = false if this feed carries its articles' text",
                )
            page = fetch(client, item.link, limits, accept=PAGE_ACCEPT)
            extension = page_extension(item.link, page.content_type)
            if not page.content.strip():
                return ItemResult(item, error=f"{item.link}: the page is empty; it is retried on the next poll", error_class="EmptyPage")
            data = page.content
        else:
            if not (item.content or item.summary):
                return ItemResult(
                    item, error=f"{item_key(feed, item)}: the item carries no content and fetch_pages is false",
                    error_class="EmptyItem", permanent=True,
                )
            data, extension = item_page(item, feed_title), ".html"
    except FetchError as exc:
        return ItemResult(item, error=str(exc), error_class=exc.error_class, permanent=exc.permanent)
    landed = land_bytes(settings, data, source=feed.source, name=f"item{extension}", source_url=item.link)
    if landed.created:
        announce(landed.key)
    return ItemResult(item, landed.key, landed.created)


def feed_hosts(feed: FeedSource) -> frozenset[str]:
    """The host the operator named in the feed list: trusted even on a private network."""
    host = urlsplit(feed.url).hostname
    return frozenset([host]) if host else frozenset()


def land_items(
    settings: Settings, feed: FeedSource, items: list[FeedItem], feed_title: str | None, announce: Callable[[str], bool]
) -> list[ItemResult]:
    """Fetch and land items on a few threads, hosts interleaved, each host in its turn."""
    if not items:
        return []
    limits = FetchLimits.from_settings(settings, trusted_hosts=feed_hosts(feed))
    with open_client(limits) as client, ThreadPoolExecutor(max_workers=min(PAGE_THREADS, len(items))) as pool:
        futures = [
            # each job gets its own copy of the caller's context (Prefect's run context, for events and logs)
            pool.submit(contextvars.copy_context().run, fetch_and_land, settings, feed, item, client, limits, feed_title, announce)
            for item in interleave_by_host(items)
        ]
        return [future.result() for future in futures]


def fetch_feed_document(settings: Settings, feed: FeedSource, state: dict[str, Any] | None) -> tuple[Fetched, ParsedFeed | None]:
    """The feed response (304 or 200) and its parsed items (None when not modified)."""
    etag, last_modified = validators(feed, state)
    limits = FetchLimits.from_settings(settings, trusted_hosts=feed_hosts(feed))
    with open_client(limits) as client:
        response = fetch(client, feed.url, limits, etag=etag, last_modified=last_modified, accept=FEED_ACCEPT)
    if response.not_modified:
        return response, None
    return response, parse_feed(response.content, response.url, response.content_type)


def poll_one(
    settings: Settings,
    feed: FeedSource,
    state: dict[str, Any] | None,
    known: dict[str, KnownItem],
    landed_urls: dict[str, str],
    run_id: str | None,
    logger: logging.Logger | logging.LoggerAdapter,
    announce: Callable[[str], bool],
) -> FeedPoll:
    now = datetime.now(UTC)
    poll = FeedPoll(feed.name, feed.url, "ok")
    poll.resolved_feed_reject = bool(state and state.get("last_status") == "failed")
    try:
        response, parsed = fetch_feed_document(settings, feed, state)
    except (FetchError, FeedParseError) as exc:
        # Items are not retried either: when the feed's server is down, its pages likely are too.
        message = str(exc)
        logger.warning("feed %s failed: %s", feed.name, message)
        error_class = exc.error_class if isinstance(exc, FetchError) else "FeedParseError"
        poll.status, poll.error, poll.resolved_feed_reject = "failed", message, False
        poll.reject_rows.append(reject_row(feed.url, "feed", message, error_class, feed, run_id, now))
        poll.state_row = state_row(feed, state, now, "failed", error=message)
        return poll
    if parsed is None:  # not modified: past failures are still retried, from their stored URLs
        plan = plan_items(feed, [], known, landed_urls, now)
        poll.status = "not_modified"
        poll.state_row = state_row(feed, state, now, "not_modified", etag=response.etag, last_modified=response.last_modified)
    else:
        if parsed.warning:
            logger.info("feed %s: %s", feed.name, parsed.warning)
        plan = plan_items(feed, parsed.items, known, landed_urls, now)
        poll.state_row = state_row(
            feed, state, now, "ok", etag=response.etag, last_modified=response.last_modified, items_seen=len(parsed.items)
        )
    poll.items_new = len(plan.new_ids)
    poll.skipped = plan.skipped
    poll.item_rows.extend(plan.settled_rows)
    results = land_items(settings, feed, plan.todo, parsed.title if parsed else None, announce)
    poll.created = sum(result.created for result in results)
    for result in results:
        if not result.landed:
            logger.warning("feed %s: item %s failed: %s", feed.name, result.item.item_id, result.error)
    settle_items(feed, results, known, run_id, now, poll)
    logger.info(
        "feed %s: %s; %d new items, %d landed, %d failed, %d skipped",
        feed.name, poll.status, poll.items_new, poll.landed, poll.failed, poll.skipped,
    )
    return poll


def crashed_poll(feed: FeedSource, state: dict[str, Any] | None, error: BaseException, run_id: str | None) -> FeedPoll:
    """A feed whose poll raised (e.g. the store was unreachable): recorded as failed, with a
    rejects row, so the run goes on with the other feeds and the failure is visible."""
    now = datetime.now(UTC)
    message = f"{feed.url}: the poll failed unexpectedly: {type(error).__name__}: {error}"
    poll = FeedPoll(feed.name, feed.url, "failed", error=message)
    poll.reject_rows.append(reject_row(feed.url, "feed", message, type(error).__name__, feed, run_id, now))
    poll.state_row = state_row(feed, state, now, "failed", error=message)
    return poll


@task(name="poll-feed", cache_policy=NO_CACHE)
def poll_feed(
    settings: Settings,
    feed: FeedSource,
    state: dict[str, Any] | None,
    known: dict[str, KnownItem],
    landed_urls: dict[str, str],
    run_id: str | None = None,
) -> FeedPoll:
    """Poll one feed: conditional GET, parse, fetch and land its new items' pages."""
    from prefect import get_run_logger

    logger = get_run_logger()

    def announce(key: str) -> bool:
        try:
            return announce_landed(settings, key, token=key, source=feed.source)
        except Exception as exc:  # events are hints: the ingest flow's reconcile finds the object anyway
            logger.warning("could not announce %s: %s", key, exc)
            return False

    return poll_one(settings, feed, state, known, landed_urls, run_id, logger, announce)


@task(name="record-polls", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2)
def record_polls(settings: Settings, polls: list[FeedPoll]) -> None:
    """Write every feed's rows: rejects, then items, then feed state (last, so that a
    crash before it only repeats work). Safe to retry: every write merges on its key."""
    rejects = [row for poll in polls for row in poll.reject_rows]
    lake.merge(settings, "rejects", to_table(rejects, TABLES["rejects"].schema), update_existing=True)
    resolved = [key for poll in polls for key in poll.resolved_fetch_rejects]
    feeds_ok = [poll.url for poll in polls if poll.resolved_feed_reject]
    terms = []
    if resolved:
        terms.append(f"(stage = 'fetch' AND raw_key IN ({lake.sql_strings(resolved)}))")
    if feeds_ok:
        terms.append(f"(stage = 'feed' AND raw_key IN ({lake.sql_strings(feeds_ok)}))")
    if terms:
        lake.delete(settings, "rejects", " OR ".join(terms))
    items = [row for poll in polls for row in poll.item_rows]
    lake.merge(
        settings, "feed_items", to_table(items, TABLES["feed_items"].schema),
        update_existing=True, update_when="t.status <> 'landed'", keep_on_update=("first_seen_at",),
    )
    states = [poll.state_row for poll in polls if poll.state_row]
    lake.merge(settings, "feed_state", to_table(states, TABLES["feed_state"].schema), update_existing=True)
