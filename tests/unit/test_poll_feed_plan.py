"""What a feed poll decides, without I/O: due feeds, which items to fetch, the rows it writes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from schemas.feeds import MAX_ATTEMPTS
from tasks.feeds.config import FeedSource
from tasks.feeds.parse import FeedItem
from tasks.feeds.plan import (
    FeedPoll,
    ItemResult,
    KnownItem,
    interleave_by_host,
    is_due,
    plan_items,
    settle_items,
    state_row,
)

NOW = datetime(2026, 3, 3, 12, 0, tzinfo=UTC)
FEED = FeedSource(name="metro", url="https://metro.example/rss.xml")


def _item(n: int, host: str = "metro.example") -> FeedItem:
    return FeedItem(f"id-{n}", f"https://{host}/story-{n}", f"Story {n}", None, None, None)


def _known(n: int, status: str, attempts: int = 1) -> KnownItem:
    key = f"landing/feed-metro/2026/03/02/{n}.html" if status == "landed" else None
    return KnownItem(f"id-{n}", f"https://metro.example/story-{n}", f"Story {n}", None, status, attempts, key, NOW - timedelta(days=1))


def test_a_feed_is_due_after_its_period_less_a_little_slack():
    every = timedelta(minutes=10)
    assert is_due(every, None, NOW)
    assert not is_due(every, NOW - timedelta(minutes=5), NOW)
    assert is_due(every, NOW - timedelta(minutes=9, seconds=40), NOW)  # a schedule that ticks early still polls
    assert is_due(every, NOW - timedelta(hours=1), NOW)
    assert not is_due(timedelta(seconds=30), NOW - timedelta(seconds=20), NOW)


def test_landed_and_exhausted_items_are_skipped_failed_ones_retried():
    known = {"id-1": _known(1, "landed"), "id-2": _known(2, "failed", 1), "id-3": _known(3, "failed", MAX_ATTEMPTS)}
    plan = plan_items(FEED, [_item(n) for n in (1, 2, 3, 4)], known, {}, NOW)
    assert [item.item_id for item in plan.todo] == ["id-2", "id-4"]
    assert plan.new_ids == {"id-4"} and plan.skipped == 2


def test_failed_items_gone_from_the_document_are_still_retried_from_their_url():
    plan = plan_items(FEED, [], {"id-7": _known(7, "failed", 2)}, {}, NOW)
    assert [(item.item_id, item.link) for item in plan.todo] == [("id-7", "https://metro.example/story-7")]
    no_pages = FeedSource(name="metro", url=FEED.url, fetch_pages=False)
    assert plan_items(no_pages, [], {"id-7": _known(7, "failed", 2)}, {}, NOW).todo == []


def test_max_items_limits_the_document_and_counts_the_rest_as_skipped():
    limited = FeedSource(name="metro", url=FEED.url, max_items=2)
    plan = plan_items(limited, [_item(n) for n in range(5)], {}, {}, NOW)
    assert [item.item_id for item in plan.todo] == ["id-0", "id-1"] and plan.skipped == 3


def test_a_link_another_feed_landed_is_recorded_without_a_fetch():
    landed = {"https://metro.example/story-1": "landing/feed-other/2026/03/03/abc.html"}
    plan = plan_items(FEED, [_item(1), _item(2)], {}, landed, NOW)
    assert [item.item_id for item in plan.todo] == ["id-2"]
    [row] = plan.settled_rows
    assert row["status"] == "landed" and row["landed_key"].endswith("abc.html") and row["attempts"] == 0
    assert row["fetched_at"] is None and plan.skipped == 1 and plan.new_ids == {"id-1", "id-2"}


def test_hosts_are_interleaved():
    items = [_item(1, "a.example"), _item(2, "a.example"), _item(3, "a.example"), _item(4, "b.example"), _item(5, "c.example")]
    assert [item.item_id for item in interleave_by_host(items)] == ["id-1", "id-4", "id-5", "id-2", "id-3"]


def test_settling_counts_attempts_and_writes_one_reject_per_failure():
    known = {"id-2": _known(2, "failed", 1), "id-3": _known(3, "failed", 2)}
    results = [
        ItemResult(_item(1), landed_key="landing/feed-metro/k1.html", created=True),
        ItemResult(_item(2), landed_key="landing/feed-metro/k2.html"),
        ItemResult(_item(3), error="https://metro.example/story-3: HTTP 404 Not Found; …", error_class="HTTP404"),
        ItemResult(_item(4), error="ftp://x: not an http(s) URL; …", error_class="NotHttp", permanent=True),
    ]
    poll = FeedPoll("metro", FEED.url, "ok")
    settle_items(FEED, results, known, "run-1", NOW, poll)
    rows = {row["item_id"]: row for row in poll.item_rows}
    assert rows["id-1"]["status"] == "landed" and rows["id-1"]["attempts"] == 1 and rows["id-1"]["first_seen_at"] == NOW
    assert rows["id-2"]["status"] == "landed" and rows["id-2"]["first_seen_at"] == NOW - timedelta(days=1)
    assert rows["id-3"]["status"] == "failed" and rows["id-3"]["attempts"] == 3
    assert rows["id-4"]["attempts"] == MAX_ATTEMPTS  # permanent: not retried
    assert poll.resolved_fetch_rejects == ["https://metro.example/story-2"]
    rejects = {row["raw_key"]: row for row in poll.reject_rows}
    assert set(rejects) == {"https://metro.example/story-3", "https://metro.example/story-4"}
    last = rejects["https://metro.example/story-3"]
    assert last["stage"] == "fetch" and last["record_index"] is None and last["source"] == "feed-metro"
    assert "HTTP 404" in last["reason"] and "attempt 3 of 3, not retried" in last["reason"]
    assert (poll.landed, poll.failed) == (2, 2)


def test_feed_state_keeps_validators_on_304_and_failure_and_drops_them_for_a_new_url():
    previous = {"feed": "metro", "url": FEED.url, "etag": '"e1"', "last_modified": "Mon", "items_seen": 20}
    fresh = state_row(FEED, previous, NOW, "ok", etag='"e2"', last_modified=None, items_seen=25)
    assert (fresh["etag"], fresh["last_modified"], fresh["items_seen"]) == ('"e2"', None, 25)
    same = state_row(FEED, previous, NOW, "not_modified", etag=None, last_modified=None)
    assert (same["etag"], same["last_modified"], same["items_seen"]) == ('"e1"', "Mon", 20)
    failed = state_row(FEED, previous, NOW, "failed", error="boom")
    assert failed["etag"] == '"e1"' and failed["last_error"] == "boom" and failed["last_polled_at"] == NOW
    moved = FeedSource(name="metro", url="https://metro.example/new.xml")
    assert state_row(moved, previous, NOW, "failed", error="x")["etag"] is None
