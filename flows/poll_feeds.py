"""The ``poll-feeds`` flow: every due feed of the feed list, polled once.

Run it often (e.g. every minute from a deployment, or ``newslake feeds poll``):
each feed is polled only when its own ``every`` has passed since its last poll
(``feed_state.last_polled_at``). One task per feed, never per item — a feed's
pages are fetched on a few threads inside its task — so a run stays at a handful
of task runs however many items the feeds carry. Landed pages are announced as
``newslake.object.landed``, which starts the ``ingest`` flow.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from prefect import flow, get_run_logger
from prefect.artifacts import create_table_artifact
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner

from newslake.core.settings import get_settings
from tasks.feeds.config import FeedSource, load_feeds, select_feeds
from tasks.feeds.plan import FeedPoll, crashed_poll, is_due
from tasks.poll_feed import poll_feed, read_known_items, read_states, record_polls

FEED_THREADS = 4


def due_feeds(feeds: list[FeedSource], states: dict[str, dict[str, Any]], now: datetime, force: bool) -> list[FeedSource]:
    """The feeds whose period has passed since their last poll (all of them with ``force``)."""
    return [
        feed for feed in feeds
        if force or is_due(feed.every, (states.get(feed.name) or {}).get("last_polled_at"), now)
    ]


def totals(polls: list[FeedPoll], not_due: int) -> dict[str, int]:
    return {
        "feeds_polled": len(polls),
        "feeds_not_modified": sum(poll.status == "not_modified" for poll in polls),
        "feeds_failed": sum(poll.status == "failed" for poll in polls),
        "feeds_not_due": not_due,
        "items_new": sum(poll.items_new for poll in polls),
        "landed": sum(poll.landed for poll in polls),
        "objects_created": sum(poll.created for poll in polls),
        "failed": sum(poll.failed for poll in polls),
        "skipped": sum(poll.skipped for poll in polls),
    }


@flow(name="poll-feeds", task_runner=ThreadPoolTaskRunner(max_workers=FEED_THREADS))
def poll_feeds(feeds: list[str] | None = None, force: bool = False) -> dict:
    """Poll the named feeds (default: every enabled feed of the feed list) that are due,
    or all of them with ``force``. Returns the run's counts (also logged), with one
    summary per feed under ``feeds`` and the keys of the pages landed by this run under
    ``landed_keys``; a table artifact ``poll-feeds`` shows the per-feed summaries.

    With no feed list and no names, there is nothing to poll (the scheduled run completes).
    Raises :class:`newslake.feeds_config.FeedsConfigError` when the feed list is invalid,
    or missing while feeds are named, or names a feed it does not declare.
    """
    settings = get_settings()
    logger = get_run_logger()
    started = time.monotonic()
    run_id = str(flow_run.get_id() or "") or None
    if not feeds and not settings.feeds_file.is_file():
        # The schedule runs whether or not anyone declared feeds: no list is nothing to do.
        logger.info("no feed list at %s: nothing to poll (see docs/feeds.md)", settings.feeds_file)
        chosen = []
    else:
        chosen = select_feeds(load_feeds(settings.feeds_file), feeds)
    states = read_states(settings)
    due = due_feeds(chosen, states, datetime.now(UTC), force)
    polls: list[FeedPoll] = []
    if due:
        known, landed_urls = read_known_items(settings)
        futures = [
            poll_feed.submit(settings, feed, states.get(feed.name), known.get(feed.name, {}), landed_urls, run_id)
            for feed in due
        ]
        for feed, future in zip(due, futures):
            try:
                polls.append(future.result())
            except Exception as exc:  # one feed's crash must not lose the others' results
                logger.error("polling feed %s crashed: %s", feed.name, exc)
                polls.append(crashed_poll(feed, states.get(feed.name), exc, run_id))
        record_polls(settings, polls)
    report: dict[str, Any] = {
        **totals(polls, len(chosen) - len(due)),
        "feeds": [poll.summary() for poll in polls],
        "landed_keys": [key for poll in polls for key in poll.landed_keys],
        "run_id": run_id,
        "seconds": round(time.monotonic() - started, 3),
    }
    logger.info("poll-feeds finished: %s", {k: v for k, v in report.items() if k not in ("feeds", "landed_keys")})
    create_table_artifact(
        key="poll-feeds",
        table=report["feeds"] or [{"feed": "(none due)", "status": "", "new": 0, "landed": 0, "failed": 0, "skipped": 0, "error": ""}],
        description=f"Feeds polled by run {run_id}: {report['landed']} items landed, {report['failed']} failed.",
    )
    return report
