"""The ingest flow: landed objects → articles, rejects and ingest-log rows in the lake.

Work is done per batch of objects (``NEWSLAKE_BATCH_SIZE``), never per article:
Prefect costs milliseconds per task run, so a batch amortises it, and each
committed batch is visible to queries at once.
"""

from __future__ import annotations

import time
from dataclasses import asdict
from datetime import datetime, timezone

from prefect import flow, get_run_logger
from prefect.runtime import flow_run

from newslake import PIPELINE_VERSION
from newslake.settings import Settings, get_settings
from tasks.commit import BatchSummary, commit_batch, log_skipped
from tasks.pending import find_pending, split_ingested
from tasks.read_landed import read_batch
from tasks.transform import RunContext, transform_batch


def batches(keys: list[str], size: int) -> list[list[str]]:
    return [keys[start : start + size] for start in range(0, len(keys), size)]


@flow(name="ingest")
def ingest(keys: list[str] | None = None, batch_size: int | None = None) -> dict:
    """Ingest the given landed keys, or every landed key no run has logged yet.

    Keys that an earlier run already ingested are logged as ``skipped`` and not
    read again. Returns the run's counts (also logged).
    """
    settings = get_settings()
    started = time.monotonic()
    run = RunContext(
        pipeline_version=PIPELINE_VERSION,
        ingested_at=datetime.now(timezone.utc),
        min_body_words=settings.min_body_words,
        run_id=str(flow_run.get_id() or ""),
    )
    if keys is None:
        todo, done_before = find_pending(settings), []  # unlogged by definition: no second log read
    else:
        todo, done_before = split_ingested(settings, list(dict.fromkeys(keys)))
    summary = log_skipped(settings, done_before, run) if done_before else BatchSummary()
    for batch in batches(todo, batch_size or settings.batch_size):
        summary = summary.add(_ingest_batch(settings, batch, run))
    report = {**asdict(summary), "run_id": run.run_id, "seconds": round(time.monotonic() - started, 3)}
    get_run_logger().info("ingest finished: %s", report)
    return report


def _ingest_batch(settings: Settings, keys: list[str], run: RunContext) -> BatchSummary:
    raws, unreadable = read_batch(settings, keys)
    results = transform_batch(raws, run, settings.effective_workers)
    return commit_batch(settings, unreadable + results, run)
