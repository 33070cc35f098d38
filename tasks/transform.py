"""One landed object through detection, extraction, enrichment and row validation.

Pure and picklable, so batches can be spread over processes: extraction and
language identification are CPU-bound, and threads would serialise on the GIL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE

from newslake.parallel import cpu_map
from schemas.articles import ARTICLES
from schemas.records import RawObject, Rejection
from tasks.enrich_basic import Provenance, enrich_basic
from tasks.extract import extract_object
from tasks.validate import check_article, conversion_error


@dataclass(frozen=True)
class RunContext:
    """What every object of a run shares."""

    pipeline_version: str
    ingested_at: datetime
    min_body_words: int
    run_id: str | None = None


@dataclass
class ObjectResult:
    """The articles and rejections that came out of one landed object."""

    raw_key: str
    source: str
    source_path: str | None
    rows: list[dict[str, Any]] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)


def transform_object(raw: RawObject, run: RunContext) -> ObjectResult:
    result = ObjectResult(raw.key, raw.source, raw.source_path)
    provenance = Provenance(
        source=raw.source,
        pipeline_version=run.pipeline_version,
        ingested_at=run.ingested_at,
        raw_key=raw.key,
        source_path=raw.source_path,
        run_id=run.run_id,
    )
    for item in extract_object(raw, fetched_at=run.ingested_at):
        if isinstance(item, Rejection):
            result.rejections.append(item)
            continue
        row = enrich_basic(item, provenance)
        problem = check_article(row, min_body_words=run.min_body_words) or conversion_error(row, ARTICLES)
        if problem:
            result.rejections.append(problem)
        else:
            result.rows.append(row)
    if not result.rows and not result.rejections:
        result.rejections.append(Rejection("extract", "the object holds no article records", "NoRecords"))
    return result


@task(name="transform", cache_policy=NO_CACHE)
def transform_batch(raws: list[RawObject], run: RunContext, workers: int) -> list[ObjectResult]:
    """Detect, extract, enrich and validate every object of a batch, over ``workers`` processes."""
    return cpu_map(transform_object, raws, run, workers=workers)
