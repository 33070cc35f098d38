"""The ingest flow: landed objects → articles, rejects and ingest-log rows in the lake.

Work is done per batch of objects (``NEWSLAKE_BATCH_SIZE``), never per article:
Prefect costs milliseconds per task run, so a batch amortises it, and each
committed batch is visible to queries at once.
"""

from __future__ import annotations

import time
from dataclasses import asdict
from datetime import UTC, datetime

from prefect import flow, get_run_logger
from prefect.runtime import flow_run

from newslake.core import PIPELINE_VERSION
from newslake.core.events import announce_committed
from newslake.core.runs import MAX_DRAIN, older_run_draining, publish_run_summary
from newslake.core.settings import Settings, get_settings
from schemas.records import RunContext
from tasks.commit import BatchSummary, commit_batch, log_skipped
from tasks.pending import find_pending, find_recent_pending, split_ingested
from tasks.read import read_batch
from tasks.transform import transform_batch

_SWEEP_PAUSE_S = 1.0


def batches(keys: list[str], size: int) -> list[list[str]]:
    return [keys[start : start + size] for start in range(0, len(keys), size)]


@flow(name="ingest")
def ingest(keys: list[str] | None = None, batch_size: int | None = None, drain_seconds: float = 0) -> dict:
    """Ingest the given landed keys, or every landed key no run has logged yet.

    Keys that an earlier run already ingested are logged as ``skipped`` and not
    read again. With ``drain_seconds`` (event-triggered runs), the run then keeps
    sweeping up keys landed today or yesterday that no run has logged, until none
    has appeared for that long: one run takes in a whole burst, and the landings
    its trigger ignored while rate-limited are covered. A draining run that finds
    an older one still draining leaves the work to it. Returns the run's counts.
    """
    settings = get_settings()
    logger = get_run_logger()
    started = time.monotonic()
    run = RunContext(
        pipeline_version=PIPELINE_VERSION,
        ingested_at=datetime.now(UTC),
        min_body_words=settings.min_body_words,
        run_id=str(flow_run.get_id() or ""),
    )
    summary = BatchSummary()
    if drain_seconds and older_run_draining(run.run_id):
        logger.info("an older ingest run is draining the landing prefix; it will take these keys")
    else:
        # A triggered run's keys are hints: one another run already took in is not logged again.
        summary = _ingest_keys(settings, landed_keys(settings, keys), batch_size, run, log_repeats=not drain_seconds)
        if drain_seconds:
            summary = summary.add(_drain(settings, drain_seconds, batch_size, run))
    report = {**asdict(summary), "run_id": run.run_id, "seconds": round(time.monotonic() - started, 3)}
    logger.info("ingest finished: %s", report)
    publish_run_summary(report)
    return report


def landed_keys(settings: Settings, keys: list[str] | None) -> list[str] | None:
    """The keys worth reading: an event template that found no key renders '' and a
    notification may name an object outside the landing prefix."""
    if keys is None:
        return None
    prefix = settings.landing_prefix.rstrip("/") + "/"
    return [key for key in dict.fromkeys(keys) if key and key.startswith(prefix)]


def _ingest_keys(
    settings: Settings, keys: list[str] | None, batch_size: int | None, run: RunContext, log_repeats: bool = True
) -> BatchSummary:
    if keys is None:
        return _ingest_batches(settings, find_pending(settings), batch_size, run)
    todo, done_before = split_ingested(settings, keys)
    summary = log_skipped(settings, done_before, run) if done_before and log_repeats else BatchSummary()
    return summary.add(_ingest_batches(settings, todo, batch_size, run))


def _ingest_batches(settings: Settings, todo: list[str], batch_size: int | None, run: RunContext) -> BatchSummary:
    """Keys known to be unlogged, in batches."""
    summary = BatchSummary()
    for batch in batches(todo, batch_size or settings.batch_size):
        summary = summary.add(_ingest_batch(settings, batch, run))
    return summary


def _drain(settings: Settings, idle_seconds: float, batch_size: int | None, run: RunContext) -> BatchSummary:
    summary = BatchSummary()
    idle_since = time.monotonic()
    give_up = idle_since + MAX_DRAIN.total_seconds()  # then the next event starts a fresh run
    while time.monotonic() - idle_since < idle_seconds and time.monotonic() < give_up:
        pending = find_recent_pending(settings)
        if pending:
            summary = summary.add(_ingest_batches(settings, pending, batch_size, run))  # unlogged: no second log read
            idle_since = time.monotonic()
        else:
            time.sleep(min(_SWEEP_PAUSE_S, idle_seconds))
    return summary


def _ingest_batch(settings: Settings, keys: list[str], run: RunContext) -> BatchSummary:
    raws, unreadable = read_batch(settings, keys)
    results = transform_batch(raws, run, settings.effective_workers)
    summary = commit_batch(settings, unreadable + results, run)
    announce_committed(settings, run.run_id, asdict(summary))
    return summary
