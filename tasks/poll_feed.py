"""Polling one feed: conditional GET of the feed, then its new items' pages, landed.

What is fetched is decided from two tables (``schemas/feeds.py``) read once per
poll: ``feed_state`` gives the feed's ETag/Last-Modified and when it was last
polled; ``feed_items`` says which items already landed (never fetched again) and
which failed (fetched again on later polls, even when the feed itself answers
``304``, until :data:`schemas.feeds.MAX_ATTEMPTS`). The planning is pure functions in
:mod:`tasks.feeds.plan`; the ``poll-feed`` task here does the I/O and returns rows,
and ``record-polls`` writes them for every feed of the run at once — rejects, then
items, then feed state, so a crash in between only makes the next poll look at the
same items again, and landing (content-addressed, ``If-None-Match: *``) turns a
repeat into a no-op.
"""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE

from newslake.core import lake
from newslake.core.events import announce_landed
from newslake.core.landing import land_bytes
from newslake.core.settings import Settings
from schemas import TABLES
from schemas.validate import to_table
from tasks.feeds.config import FeedSource
from tasks.feeds.fetch import FEED_ACCEPT, PAGE_ACCEPT, Fetched, FetchError, FetchLimits, fetch, open_client, page_extension
from tasks.feeds.parse import FeedItem, FeedParseError, ParsedFeed, item_page, parse_feed
from tasks.feeds.plan import (
    FeedPoll,
    ItemResult,
    KnownItem,
    begin_poll,
    failed_poll,
    feed_origins,
    interleave_by_host,
    item_key,
    overview_row,
    settle_items,
    validators,
)

PAGE_THREADS = 4
_KNOWN_COLUMNS = ["feed", "item_id", "url", "title", "published_at", "status", "attempts", "landed_key", "first_seen_at"]
_STATE_COLUMNS = ["feed", "url", "etag", "last_modified", "last_polled_at", "last_status", "last_error", "items_seen"]


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
    return [overview_row(feed, states.get(feed.name), counts) for feed in feeds]


# --- fetching and landing -----------------------------------------------------------


def item_content(
    feed: FeedSource, item: FeedItem, client: Any, limits: FetchLimits, feed_title: str | None
) -> tuple[bytes, str] | ItemResult:
    """The bytes to land for an item and their extension — its fetched page, or a page
    built from the text the feed carries — or the failed result saying why there are none.

    Raises :class:`FetchError` when the page cannot be fetched or is not a web page.
    """
    if not feed.fetch_pages:
        if not (item.content or item.summary):
            return ItemResult(
                item, error=f"{item_key(feed, item)}: the item carries no content and fetch_pages is false",
                error_class="EmptyItem", permanent=True,
            )
        return item_page(item, feed_title), ".html"
    if not item.link:
        raise FetchError(
            f"{feed.url} item {item.item_id!r}", "the item has no link to fetch", kind="not_http",
            hint="set fetch_pages = false if this feed carries its articles' text",
        )
    page = fetch(client, item.link, limits, accept=PAGE_ACCEPT)
    extension = page_extension(item.link, page.content_type)
    if not page.content.strip():
        return ItemResult(item, error=f"{item.link}: the page is empty; it is retried on the next poll", error_class="EmptyPage")
    return page.content, extension


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
        content = item_content(feed, item, client, limits, feed_title)
    except FetchError as exc:
        return ItemResult(item, error=str(exc), error_class=exc.error_class, permanent=exc.permanent)
    if isinstance(content, ItemResult):
        return content
    data, extension = content
    landed = land_bytes(settings, data, source=feed.source, name=f"item{extension}", source_url=item.link)
    if landed.created:
        announce(landed.key)
    return ItemResult(item, landed.key, landed.created)


def land_items(
    settings: Settings, feed: FeedSource, items: list[FeedItem], feed_title: str | None, announce: Callable[[str], bool]
) -> list[ItemResult]:
    """Fetch and land items on a few threads, hosts interleaved, each host in its turn."""
    if not items:
        return []
    limits = FetchLimits.from_settings(settings, trusted_origins=feed_origins(feed))
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
    limits = FetchLimits.from_settings(settings, trusted_origins=feed_origins(feed))
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
    """Poll one feed: its document, then the items the plan says to fetch, settled into rows."""
    now = datetime.now(UTC)
    try:
        response, parsed = fetch_feed_document(settings, feed, state)
    except (FetchError, FeedParseError) as exc:
        logger.warning("feed %s failed: %s", feed.name, exc)
        error_class = exc.error_class if isinstance(exc, FetchError) else "FeedParseError"
        return failed_poll(feed, state, str(exc), error_class, run_id, now)
    if parsed is not None and parsed.warning:
        logger.info("feed %s: %s", feed.name, parsed.warning)
    poll, plan = begin_poll(feed, state, response, parsed, known, landed_urls, now)
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


# --- recording ----------------------------------------------------------------------


def resolved_rejects(polls: list[FeedPoll]) -> str | None:
    """The ``rejects`` predicate of failures these polls put right: items that landed
    after failing, and feeds that answered after failing (None when there are none)."""
    resolved = [key for poll in polls for key in poll.resolved_fetch_rejects]
    feeds_ok = [poll.url for poll in polls if poll.resolved_feed_reject]
    terms = []
    if resolved:
        terms.append(f"(stage = 'fetch' AND raw_key IN ({lake.sql_strings(resolved)}))")
    if feeds_ok:
        terms.append(f"(stage = 'feed' AND raw_key IN ({lake.sql_strings(feeds_ok)}))")
    return " OR ".join(terms) or None


@task(name="record-polls", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2)
def record_polls(settings: Settings, polls: list[FeedPoll]) -> None:
    """Write every feed's rows: rejects, then items, then feed state (last, so that a
    crash before it only repeats work). Safe to retry: every write merges on its key."""
    rejects = [row for poll in polls for row in poll.reject_rows]
    lake.merge(settings, "rejects", to_table(rejects, TABLES["rejects"].schema), update_existing=True)
    if predicate := resolved_rejects(polls):
        lake.delete(settings, "rejects", predicate)
    items = [row for poll in polls for row in poll.item_rows]
    lake.merge(
        settings, "feed_items", to_table(items, TABLES["feed_items"].schema),
        update_existing=True, update_when="t.status <> 'landed'", keep_on_update=("first_seen_at",),
    )
    states = [poll.state_row for poll in polls if poll.state_row]
    lake.merge(settings, "feed_state", to_table(states, TABLES["feed_state"].schema), update_existing=True)
