"""One landed object through detection, extraction, enrichment and row validation.

Pure and picklable, so batches can be spread over processes: extraction and
language identification are CPU-bound, and threads would serialise on the GIL.
"""

from __future__ import annotations

from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE

from newslake.core.parallel import cpu_map
from schemas.articles import ARTICLES
from schemas.records import ObjectResult, RawObject, Rejection, RunContext
from schemas.validate import check_article, schema_violations
from tasks.enrich.basic import Provenance, enrich_basic
from tasks.enrich.batch import enrich_batch
from tasks.extract.dispatch import extract_object


def _provenance(raw: RawObject, run: RunContext) -> Provenance:
    return Provenance(
        source=raw.source,
        pipeline_version=run.pipeline_version,
        ingested_at=run.ingested_at,
        raw_key=raw.key,
        source_path=raw.source_path,
        run_id=run.run_id,
    )


def _extract_and_check(raw: RawObject, run: RunContext, result: ObjectResult) -> list[dict[str, Any]]:
    """Rows of the articles in ``raw`` that pass validation; the rest become rejections."""
    provenance = _provenance(raw, run)
    rows = []
    for item in extract_object(raw, fetched_at=run.ingested_at):
        if isinstance(item, Rejection):
            result.rejections.append(item)
            continue
        row = enrich_basic(item, provenance)
        problem = check_article(row, min_body_words=run.min_body_words)
        if problem:
            result.rejections.append(problem)
        else:
            rows.append(row)
    return rows


def transform_objects(raws: list[RawObject], run: RunContext) -> list[ObjectResult]:
    """Detect, extract, validate, then enrich all articles of ``raws`` together."""
    results = [ObjectResult(raw.key, raw.source, raw.source_path) for raw in raws]
    pending: list[tuple[ObjectResult, dict[str, Any]]] = []
    for raw, result in zip(raws, results):
        pending.extend((result, row) for row in _extract_and_check(raw, run, result))
    enriched_rows = enrich_batch([row for _, row in pending])
    problems = schema_violations([enriched.row for enriched in enriched_rows], ARTICLES)
    for (result, _), enriched, problem in zip(pending, enriched_rows, problems):
        if problem:
            result.rejections.append(problem)
            continue
        result.rows.append(enriched.row)
        for table in ("mentions", "quotes", "figures"):
            result.children.setdefault(table, []).extend(getattr(enriched, table))
    for result in results:
        if not result.rows and not result.rejections:
            result.rejections.append(Rejection("extract", "the object holds no article records", "NoRecords"))
    return results


def transform_object(raw: RawObject, run: RunContext) -> ObjectResult:
    return transform_objects([raw], run)[0]


def _chunks(items: list[RawObject], count: int) -> list[list[RawObject]]:
    size = max(1, -(-len(items) // count))
    return [items[start : start + size] for start in range(0, len(items), size)]


@task(name="transform", cache_policy=NO_CACHE)
def transform_batch(raws: list[RawObject], run: RunContext, workers: int) -> list[ObjectResult]:
    """Transform a batch over ``workers`` processes, a few chunks each, so that every
    chunk's articles go through the entity model together."""
    chunks = _chunks(raws, workers * 2 if len(raws) >= 16 else 1)
    return [result for chunk in cpu_map(transform_objects, chunks, run, workers=workers) for result in chunk]
