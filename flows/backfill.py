"""Backfills from WARC archives: each file landed once, read by byte range in segments.

``backfill`` (the parent) lands every WARC file as one raw object, plans its segments
(one scan, kept beside the archive) and leaves out the segments the ingest log already
holds, so a backfill killed mid-way and started again redoes only the segments that were
in flight. The rest it either processes itself, through the ``runner`` setting (in this
process, the local process pool, or Dask workers that each read their segment from S3),
or, with ``fan_out``, hands to runs of the ``backfill-segment`` deployment that workers
on a work pool share (``flows/partitions.py``).

``backfill_segment`` turns one segment into articles and commits it: what each of those
runs does, and what the parent does per segment.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import Any

from prefect import flow, get_run_logger
from prefect.runtime import flow_run

from newslake.core import PIPELINE_VERSION, dask_cluster
from newslake.core.faults import crash_point
from newslake.core.settings import Settings, get_settings
from schemas.records import RunContext
from tasks.archive.records import RecordFilter
from tasks.archive.segments import Segment
from tasks.backfill import (
    SegmentOutput,
    commit_segment,
    land_archive_step,
    plan_archive,
    segments_done,
    transform_segment,
)
from tasks.documents.guards import DocumentLimits

BACKFILL_SEGMENT_DEPLOYMENT = "backfill-segment"
PROGRESS: list[Callable[[dict[str, Any]], None]] = []
"""Listeners told of the parent's progress in this process (the command's progress bar):
``{"event": "planned", "records": …, "segments": …, "done": …}`` once, then
``{"event": "segment", "records": …, "articles_new": …}`` per committed segment."""


def _tell(event: dict[str, Any]) -> None:
    for listener in list(PROGRESS):
        listener(event)


def _run_context(settings: Settings) -> RunContext:
    return RunContext(PIPELINE_VERSION, datetime.now(UTC), settings.min_body_words, str(flow_run.get_id() or ""))


def add_counts(total: dict[str, Any], counts: dict[str, Any]) -> dict[str, Any]:
    for name, value in counts.items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            total[name] = total.get(name, 0) + value
    return total


@flow(name="backfill-segment")
def backfill_segment(
    raw_key: str,
    start: int,
    end: int,
    first_record: int = 0,
    records: int = 0,
    source_path: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    domains: list[str] | None = None,
) -> dict[str, Any]:
    """Turn bytes ``start`` .. ``end`` of the landed WARC file ``raw_key`` (whole records, as
    planned by the parent; ``first_record`` is the ordinal of the first) into articles and
    commit them. A segment the ingest log already holds is not done again. Returns its counts."""
    settings = get_settings()
    segment = Segment(raw_key, start, end, first_record, records)
    if segments_done(settings, [segment]):
        return {"segments_done_before": 1}
    keep = RecordFilter(date_from, date_to, tuple(domains or ()))
    counts = process_segments(settings, [segment], {raw_key: source_path}, keep, _run_context(settings))
    _publish(counts, "backfill-segment")
    return counts


@flow(name="backfill")
def backfill(
    sources: list[str],
    date_from: date | None = None,
    date_to: date | None = None,
    domains: list[str] | None = None,
    fan_out: bool = False,
    max_in_flight: int = 8,
    deployment: str = BACKFILL_SEGMENT_DEPLOYMENT,
) -> dict[str, Any]:
    """Backfill the WARC files ``sources`` (local paths, or ``s3://bucket/key`` on the
    configured endpoint), keeping pages whose ``WARC-Date`` falls between ``date_from`` and
    ``date_to`` (inclusive) and whose host is one of ``domains`` (or under it). With
    ``fan_out``, segments become runs of ``deployment`` on its work pool (at most
    ``max_in_flight`` queued); else they are processed here, through the ``runner`` setting.
    Returns the summed counts."""
    settings = get_settings()
    logger = get_run_logger()
    started = time.monotonic()
    segments: list[Segment] = []
    source_paths: dict[str, str] = {}
    for source in sources:
        archive = land_archive_step(settings, source)
        source_paths[archive.key] = source
        planned = plan_archive(settings, archive)
        logger.info("%s: landed as %s (%s), %d segments", source, archive.key, "new" if archive.created else "landed before", len(planned))
        segments.extend(planned)
    done = segments_done(settings, segments)
    todo = [segment for segment in segments if segment.key not in done]
    _tell({"event": "planned", "segments": len(segments), "done": len(done),
           "records": sum(s.records for s in todo), "records_done": sum(s.records for s in segments if s.key in done)})
    keep = RecordFilter(date_from, date_to, tuple(domains or ()))
    if fan_out:
        counts = _fan_out(deployment, todo, source_paths, keep, max_in_flight)
    else:
        counts = process_segments(settings, todo, source_paths, keep, _run_context(settings))
    report = {"archives": len(sources), "segments_planned": len(segments), "segments_done_before": len(done),
              **counts, "seconds": round(time.monotonic() - started, 3)}
    logger.info("backfill finished: %s", report)
    _publish(report, "backfill")
    return report


def process_segments(
    settings: Settings, segments: list[Segment], source_paths: dict[str, str | None], keep: RecordFilter, run: RunContext
) -> dict[str, Any]:
    """Transform and commit ``segments`` through the runner setting, committing each as it is done."""
    limits = DocumentLimits.from_settings(settings)
    totals: dict[str, Any] = {}
    if settings.runner == "dask":
        outputs = _on_dask(settings, segments, source_paths, keep, run, limits)
    else:
        workers = 1 if settings.runner == "inline" else settings.effective_workers
        outputs = (transform_segment(settings, s, source_paths.get(s.raw_key), keep, run, limits, workers) for s in segments)
    for number, output in enumerate(outputs, start=1):
        counts = commit_segment(settings, output, run)
        add_counts(totals, counts)
        _tell({"event": "segment", **counts})
        crash_point(f"backfill:after-segment-{number}")
    return totals


def _on_dask(settings: Settings, segments: list[Segment], source_paths: dict[str, str | None], keep: RecordFilter,
             run: RunContext, limits: DocumentLimits) -> Iterator[SegmentOutput]:
    """Segments' outputs from Dask workers, in order, with two per worker in flight (bounded
    memory; the workers go on while a segment is committed). A segment whose task failed as
    a whole (its worker died) is done again here, over the local process pool, where the
    guard finds the one page that broke it."""
    params = [{"settings": settings, "segment": s, "source_path": source_paths.get(s.raw_key), "keep": keep,
               "run": run, "limits": limits, "workers": 1} for s in segments]
    in_flight = 2 * dask_cluster.worker_count(settings)
    for segment, (ok, value) in zip(segments, dask_cluster.stream_pieces(settings, transform_segment, params, in_flight)):
        if ok:
            yield value
        else:
            get_run_logger().warning("segment %s failed on Dask (%s); done again locally", segment.key, value)
            yield transform_segment(settings, segment, source_paths.get(segment.raw_key), keep, run, limits,
                                    max(2, settings.effective_workers))


def _fan_out(deployment: str, segments: list[Segment], source_paths: dict[str, str | None], keep: RecordFilter,
             max_in_flight: int) -> dict[str, Any]:
    from flows.partitions import PartitionsFailed, run_partitions

    partitions = [
        {"raw_key": s.raw_key, "start": s.start, "end": s.end, "first_record": s.first_record, "records": s.records,
         "source_path": source_paths.get(s.raw_key), "date_from": keep.date_from, "date_to": keep.date_to,
         "domains": list(keep.domains)}
        for s in segments
    ]
    report = run_partitions(deployment, partitions, max_in_flight=max_in_flight,
                            on_finished=lambda outcome: _tell({"event": "segment", **(outcome.result or {})}))
    if report.failed:
        raise PartitionsFailed(report)
    return report.totals()


def _publish(counts: dict[str, Any], key: str) -> None:
    """The run's counts as a table artifact: the Prefect UI shows it, and a fan-out parent
    reads it when results are not persisted (``flows.partitions.run_result``)."""
    from prefect.artifacts import create_table_artifact

    create_table_artifact(table=[counts], key=key, description="What this backfill run took in.")
