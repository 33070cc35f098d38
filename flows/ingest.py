"""The ingest flow: landed objects → articles, rejects and ingest-log rows in the lake.

Work is done per batch of objects (``NEWSLAKE_BATCH_SIZE``), never per article:
Prefect costs milliseconds per task run, so a batch amortises it, and each
committed batch is visible to queries at once. A batch is also capped in stored
bytes (``NEWSLAKE_BATCH_MAX_BYTES``), so that memory does not grow with object size.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from dataclasses import asdict
from datetime import UTC, datetime

from prefect import flow, get_run_logger
from prefect.runtime import flow_run

from newslake.core import PIPELINE_VERSION, dask_cluster
from newslake.core.events import announce_committed
from newslake.core.landing import object_sizes, source_from_key
from newslake.core.parallel import describe
from newslake.core.runs import MAX_DRAIN, older_run_draining, publish_run_summary
from newslake.core.settings import Settings, get_settings
from schemas.records import ObjectResult, RunContext
from tasks.commit import BatchSummary, commit_batch, log_skipped
from tasks.documents.guards import DocumentLimits
from tasks.documents.passes import rejection
from tasks.pending import find_pending, find_recent_pending, split_ingested
from tasks.read import read_batch
from tasks.transform import transform_batch, transform_keys

_SWEEP_PAUSE_S = 1.0


def batches(keys: list[str], size: int) -> list[list[str]]:
    return [keys[start : start + size] for start in range(0, len(keys), size)]


def split_by_bytes(keys: list[str], sizes: Mapping[str, int], max_objects: int, max_bytes: int) -> list[list[str]]:
    """Consecutive runs of ``keys`` of at most ``max_objects`` keys and ``max_bytes`` bytes
    (an object larger than that forms a batch alone; a key of unknown size counts 0)."""
    out: list[list[str]] = []
    total = 0
    for key in keys:
        size = sizes.get(key, 0)
        if not out or len(out[-1]) >= max_objects or (out[-1] and total + size > max_bytes):
            out.append([])
            total = 0
        out[-1].append(key)
        total += size
    return out


def sized_batches(settings: Settings, keys: list[str], size: int) -> Iterator[list[str]]:
    """Batches of at most ``size`` objects and ``batch_max_bytes`` stored bytes, so that a
    batch of large objects does not hold them all in memory at once. Sizes come from HEAD
    requests, a window of keys at a time; objects over ``max_object_bytes`` count 0, since
    they are rejected unread."""
    known: dict[str, int] = {}
    start = 0
    while start < len(keys):
        window = keys[start : start + size]
        unknown = [key for key in window if key not in known]
        known.update(object_sizes(settings, unknown) if unknown else {})
        sizes = {key: value for key, value in known.items() if value <= settings.max_object_bytes}
        batch = split_by_bytes(window, sizes, size, settings.batch_max_bytes)[0]
        yield batch
        start += len(batch)


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
    for batch in sized_batches(settings, todo, batch_size or settings.batch_size):
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
    limits = DocumentLimits.from_settings(settings)
    if settings.runner == "dask":
        results = transform_on_dask(settings, keys, run, limits)
    else:
        raws, unreadable = read_batch(settings, keys)
        workers = 1 if settings.runner == "inline" else settings.effective_workers
        results = unreadable + transform_batch(raws, run, workers, limits)
    summary = commit_batch(settings, results, run)
    announce_committed(settings, run.run_id, asdict(summary))
    return summary


def transform_on_dask(settings: Settings, keys: list[str], run: RunContext, limits: DocumentLimits) -> list[ObjectResult]:
    """The batch's keys in pieces, two per Dask worker, each piece a ``transform-keys`` task
    run that reads its objects from S3 itself. A piece that fails as a whole (its worker
    died, say) is run again key by key, so that only the culprit is rejected."""
    pieces = dask_cluster.split_evenly(keys, 2 * dask_cluster.worker_count(settings))
    params = [{"settings": settings, "keys": piece, "run": run, "limits": limits} for piece in pieces]
    results: list[ObjectResult] = []
    for piece, (ok, value) in zip(pieces, dask_cluster.run_pieces(settings, transform_keys, params)):
        if ok:
            results.extend(value)
            continue
        singles = [{**params[0], "keys": [key]} for key in piece]
        for key, (alone_ok, alone) in zip(piece, dask_cluster.run_pieces(settings, transform_keys, singles)):
            results.extend(alone if alone_ok else [_worker_failure(settings, key, alone)])
    return results


def _worker_failure(settings: Settings, key: str, exc: BaseException) -> ObjectResult:
    """The reject of an object whose Dask task failed even alone (e.g. it killed its worker)."""
    return ObjectResult(key, source_from_key(settings, key), None, rejections=[rejection("extract", describe(exc))])
