"""Steps of a backfill from WARC archives: land the file, plan its segments, turn one
segment into results, commit one segment.

A segment is committed like a batch of landed objects (children, articles, rejects,
then the log row last), with one ingest-log row for the whole segment, named
``<raw_key>#<start>-<end>``: a backfill started again skips the segments logged and
redoes only those that were in flight. Articles keep ``raw_key`` (the archive) and
``raw_offset`` (their record's first byte), so each can be rebuilt from its archive.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE

from newslake.core import key_index
from newslake.core.archive_landing import (
    LandedArchive,
    is_gzipped,
    land_archive,
    open_range,
    read_json,
    write_json,
)
from newslake.core.landing import logged_keys
from newslake.core.settings import Settings
from schemas.records import ObjectResult, RawObject, RunContext
from tasks.archive.records import Page, RecordFilter, Skipped, read_unit
from tasks.archive.segments import Segment, plan_from_json, plan_segments, plan_to_json
from tasks.archive.units import walk
from tasks.commit import (
    Stored,
    assign_cluster_ids,
    commit_plan,
    log_row,
    outcome,
    plan_commit,
    read_stored,
    summarize,
)
from tasks.documents.guards import DocumentLimits
from tasks.documents.passes import transform

SOURCE = "warc"


@dataclass
class SegmentOutput:
    """What one segment yielded: one result per page or bad record, and the record counts."""

    segment: Segment
    results: list[ObjectResult] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def count(self, name: str, n: int = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + n


@task(name="land-archive", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2)
def land_archive_step(settings: Settings, source: str) -> LandedArchive:
    """Land one WARC file (once: a file landed before is not uploaded again)."""
    return land_archive(settings, source)


@task(name="plan-segments", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2)
def plan_archive(settings: Settings, archive: LandedArchive) -> list[Segment]:
    """The archive's segments: the plan stored beside it, else one scan of the file (stored)."""
    plan_key = f"{archive.key}.segments.json"
    stored = read_json(settings, plan_key)
    segments = plan_from_json(stored, archive.key) if stored else None
    if segments is None:
        units = walk(open_range(settings, archive.key), gzipped=is_gzipped(archive.key), limit=settings.max_object_bytes)
        segments = plan_segments(units, archive.key, settings.segment_bytes, settings.batch_size)
        write_json(settings, plan_key, plan_to_json(segments, archive.size))
    return segments


def segments_done(settings: Settings, segments: list[Segment]) -> set[str]:
    """Keys of the segments some run has logged (whatever the outcome)."""
    return logged_keys(settings) & {segment.key for segment in segments}


def read_segment(settings: Settings, segment: Segment, source_path: str | None, keep: RecordFilter) -> tuple[list[Page], SegmentOutput]:
    """The segment's pages, and its output so far: the counts and the bad records' rejects."""
    output = SegmentOutput(segment)
    pages: list[Page] = []
    stream = open_range(settings, segment.raw_key, segment.start, segment.end)
    units = walk(stream, gzipped=is_gzipped(segment.raw_key), base=segment.start, keep=True, limit=settings.max_object_bytes)
    for index, unit in enumerate(units, start=segment.first_record):
        output.count("records")
        item = read_unit(unit, index, keep)
        if isinstance(item, Page):
            pages.append(item)
        elif isinstance(item, Skipped):
            output.count("skipped")
            output.count(f"skipped {item.kind}")
        else:
            output.results.append(ObjectResult(segment.raw_key, SOURCE, source_path, rejections=[item]))
    return pages, output


@task(name="transform-segment", cache_policy=NO_CACHE)
def transform_segment(
    settings: Settings, segment: Segment, source_path: str | None, keep: RecordFilter, run: RunContext,
    limits: DocumentLimits, workers: int = 1,
) -> SegmentOutput:
    """Read one segment from the archive (this process reads S3 itself: on a Dask worker
    only the segment's name travels) and transform its pages, over ``workers`` processes
    (≤ 1: in this process)."""
    pages, output = read_segment(settings, segment, source_path, keep)
    output.count("pages", len(pages))
    raws = [RawObject(segment.raw_key, page.html, SOURCE, source_path, page.url) for page in pages]
    for page, result in zip(pages, transform(raws, run, limits, workers=workers, inline=workers <= 1)):
        output.results.append(placed(result, page))
    return output


def placed(result: ObjectResult, page: Page) -> ObjectResult:
    """A page's result with its place in the archive: ``raw_offset`` and ``record_index``."""
    for row in result.rows:
        row["raw_offset"], row["record_index"] = page.offset, page.index
    result.rejections = [replace(r, raw_offset=page.offset, record_index=page.index) for r in result.rejections]
    return result


def _resumed(segment: Segment, results: list[ObjectResult], stored: Stored) -> frozenset[tuple[str, str]]:
    """Articles of this segment that an attempt which died before logging it committed to
    the key index: they count as new for this attempt, and are written again (by merges
    on their keys, so never twice)."""
    archive = key_index.raw_key_hash(segment.raw_key)
    return frozenset(
        (result.raw_key, row["article_id"])
        for result in results
        for row in result.rows
        if (committed := stored.committed_by.get(row["article_id"])) is not None
        and committed[0] == archive and committed[1] is not None and segment.start <= committed[1] < segment.end
    )


@task(name="commit-segment", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2)
def commit_segment(settings: Settings, output: SegmentOutput, run: RunContext) -> dict[str, Any]:
    """Commit one segment's results with one ingest-log row for the segment; safe to retry."""
    stored = read_stored(settings, output.results)
    resumed = _resumed(output.segment, output.results, stored)
    plan = plan_commit(output.results, stored.ids, run, resumed)
    new, duplicate, rejected = (sum(row[name] for row in plan.log) for name in ("articles_new", "articles_duplicate", "records_rejected"))
    ids = [row["article_id"] for result in output.results for row in result.rows]
    plan.log = [log_row(output.segment.key, run, outcome(new, duplicate, rejected), new, duplicate, rejected, ids)]
    plan.new_ids = [set().union(*plan.new_ids)] if plan.new_ids else [set()]
    assign_cluster_ids(plan.articles, stored.near, kept=stored.clusters)
    commit_plan(settings, plan, run.run_id, recent_only=not resumed)
    summary = summarize(plan)
    return {**output.counts, "segments": 1, "articles_new": summary.articles_new,
            "articles_duplicate": summary.articles_duplicate, "records_rejected": summary.records_rejected}
