"""The transform step's work, importable without Prefect (pool and Dask workers import
this module, not the task around it, and start faster for it).

Landed objects through detection, extraction, validation and enrichment, each object
inside a guard: nothing one object does can stop, stall or exhaust its batch.

Two passes over the process pool (:func:`newslake.core.parallel.guarded_map`), each
item under the per-document limits (``document_seconds``, ``document_memory_mb``):

1. **per object** — the size guards, format detection, the HTML guard, extraction,
   basic enrichment (identity, language) and the row checks. Any exception, a broken
   limit or a crashed worker rejects that object (or, for an exception in one record's
   enrichment or checks, that record), with the stage, the error class, the reason
   and a short traceback;
2. **per chunk of articles** — enrichment (entities, quotes, figures, …), batched so
   that the entity model sees many articles in one ``nlp.pipe`` call. A chunk that
   fails in any way is enriched again article by article, so only the culprit is
   rejected.

Before extraction, an object over ``max_object_bytes`` once decompressed is refused,
and the HTML guard bounds what the parser is given: a page over ``html_max_bytes`` is
stripped of scripts (JSON-LD kept), styles and comments first and rejected if the
rest is still too large; a page with more than ``html_max_tags`` tags is rejected;
and so is a page nested deeper than the HTML parser keeps (it would silently drop
everything below that depth, storing a fragment as if it were the article).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from newslake.core.parallel import Failure, TimeLimitExceeded, describe, guarded_map
from newslake.core.settings import get_settings
from schemas.articles import ARTICLES
from schemas.records import ObjectResult, RawObject, Rejection, RunContext
from schemas.validate import check_article, schema_violations
from tasks.documents.guards import DocumentLimits, Refused, check_html, decoded, looks_like_markup
from tasks.enrich import entities_ru
from tasks.enrich.basic import Provenance, enrich_basic
from tasks.enrich.batch import Enriched, enrich_batch
from tasks.enrich.entities import MODELS, load_nlp
from tasks.extract.detect import UnsupportedInput
from tasks.extract.dispatch import extract_object

# Enrichment chunks: spaCy gains nothing from batches over ~16 articles, and its memory
# grows with a batch's characters (~3 MB per 1,000, the longest text padding the others):
# articles of similar length go together, up to 50,000 characters, so that a chunk takes
# ~150 MB more at most and stays well inside the time limit of one document.
CHUNK_ARTICLES = 16
CHUNK_CHARS = 50_000
_LIMIT_SETTINGS = {"time": "document_seconds", "memory": "document_memory_mb"}
_WARM_UP_TIME = datetime(2020, 1, 1, tzinfo=UTC)
_WARM_UP_TEXT = (
    b"Harbour council votes on the new crane\n\nThe harbour council in Rotterdam voted on Monday to buy a new "
    b"crane for the eastern quay, Mayor Ahmed Aboutaleb said. Unions warned that staffing would not keep up, "
    b"and shipping companies asked for talks before the summer season begins."
)
_WHAT = {"read": "reading", "detect": "detection", "extract": "extraction", "enrich": "enrichment", "validate": "validation"}


@dataclass
class Extraction:
    """What the first pass made of one object: checked rows awaiting enrichment, and rejections."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)


def rejection(stage: str, failure: Failure, record_index: int | None = None) -> Rejection:
    """The rejection of an object (or one record) for a failure the guard caught."""
    if failure.limit:
        reason = f"{_WHAT[stage]} {failure.message} per document (setting {_LIMIT_SETTINGS[failure.limit]})"
    else:
        reason = f"{_WHAT[stage]} failed: {failure.error_class}: {failure.message}"
    return Rejection(stage, reason[:2000], failure.error_class, record_index, failure.detail)


# --------------------------------------------------------------------------- size guards


# --------------------------------------------------------------------------- pass 1: per object


def _provenance(raw: RawObject, run: RunContext) -> Provenance:
    return Provenance(
        source=raw.source,
        pipeline_version=run.pipeline_version,
        ingested_at=run.ingested_at,
        raw_key=raw.key,
        source_path=raw.source_path,
        run_id=run.run_id,
    )


def _noted(item: Rejection, limits: DocumentLimits) -> Rejection:
    """An extractor that caught the MemoryError of the memory limit itself: say which limit."""
    if item.error_class != "MemoryError":
        return item
    failure = Failure("MemoryLimitExceeded", f"went over the memory limit of {limits.memory_mb} MB", item.detail, "memory")
    return rejection(item.stage if item.stage in _WHAT else "extract", failure, item.record_index)


def extract_one(raw: RawObject, run: RunContext, limits: DocumentLimits) -> Extraction:
    """Pass 1 for one object: its checked article rows and its rejections. A broken limit
    rejects the whole object; another exception, the object or the record it came from."""
    stage = "detect"
    try:
        data = decoded(raw, limits)
        stage = "extract"
        if looks_like_markup(raw.source_path or raw.key, data):
            data = check_html(data, limits)
        items = extract_object(replace(raw, data=data), fetched_at=run.ingested_at)
    except (Refused, UnsupportedInput) as exc:  # a decision, not a crash: no traceback
        return Extraction(rejections=[Rejection(stage, str(exc), type(exc).__name__)])
    except (Exception, TimeLimitExceeded) as exc:  # the guard: this object only
        return Extraction(rejections=[rejection(stage, describe(exc, limits.pool))])
    out = Extraction()
    provenance = _provenance(raw, run)
    for item in items:
        if isinstance(item, Rejection):
            out.rejections.append(_noted(item, limits))
            continue
        stage = "enrich"
        try:
            row = enrich_basic(item, provenance)
            stage = "validate"
            problem = check_article(row, min_body_words=run.min_body_words)
        except (Exception, TimeLimitExceeded) as exc:
            failure = describe(exc, limits.pool)
            if failure.limit:
                return Extraction(rejections=[rejection(stage, failure)])
            out.rejections.append(rejection(stage, failure, item.record_index))
            continue
        if problem:
            out.rejections.append(problem)
        else:
            out.rows.append(row)
    return out


def warm_up() -> None:
    """Load what every document needs (the language and entity models) before the first one
    is timed: a worker's first document should not pay for them."""
    run = RunContext("warm-up", _WARM_UP_TIME, 0)
    rows = extract_one(RawObject("warm-up.txt", _WARM_UP_TEXT), run, DocumentLimits()).rows
    enrich_batch(rows)
    for model in MODELS.values():  # every language's entity model, not only the warm-up text's
        load_nlp(model)
    entities_ru.load_models()


# --------------------------------------------------------------------------- pass 2: enrichment


def _chunks(rows: list[dict[str, Any]], workers: int) -> list[list[int]]:
    """Indices of ``rows`` in enrichment chunks, shorter bodies first: at least two per
    worker when there are enough rows, at most CHUNK_ARTICLES articles and CHUNK_CHARS
    characters each (a longer body alone)."""
    spread = 2 * workers if workers > 1 else 1
    per_chunk = max(1, min(CHUNK_ARTICLES, -(-len(rows) // spread)))
    chunks: list[list[int]] = []
    chars = 0
    for index in sorted(range(len(rows)), key=lambda i: len(rows[i].get("body") or "")):
        size = len(rows[index].get("body") or "")
        if not chunks or len(chunks[-1]) >= per_chunk or (chunks[-1] and chars + size > CHUNK_CHARS):
            chunks.append([])
            chars = 0
        chunks[-1].append(index)
        chars += size
    return chunks


def _enrich(rows: list[dict[str, Any]], limits: DocumentLimits, workers: int, inline: bool) -> list[Enriched | Rejection]:
    """Every row enriched, or rejected alone: a chunk that fails is redone article by article."""
    out: list[Enriched | Rejection | None] = [None] * len(rows)
    chunks = _chunks(rows, workers)
    results = guarded_map(
        enrich_batch, [[rows[i] for i in c] for c in chunks], workers=workers, limits=limits.pool, warmup=warm_up, inline=inline
    )
    retry: list[int] = []
    for chunk, result in zip(chunks, results):
        if isinstance(result, Failure) or len(result) != len(chunk):
            retry.extend(chunk)
            continue
        for index, enriched in zip(chunk, result):
            out[index] = enriched
    if retry:
        singles = guarded_map(
            enrich_batch, [[rows[i]] for i in retry], workers=workers, limits=limits.pool, warmup=warm_up, inline=inline
        )
        for index, result in zip(retry, singles):
            if isinstance(result, Failure):
                out[index] = rejection("enrich", result, rows[index].get("record_index"))
            else:
                out[index] = result[0]
    lost = Rejection("enrich", "enrichment returned no result", "Lost")
    return [item if item is not None else lost for item in out]


def _schema_problems(rows: list[dict[str, Any]]) -> list[Rejection | None]:
    try:
        return schema_violations(rows, ARTICLES)
    except Exception:  # an unexpected error: row by row, so that only the culprit goes
        problems: list[Rejection | None] = []
        for row in rows:
            try:
                problems.append(schema_violations([row], ARTICLES)[0])
            except Exception as exc:
                problems.append(rejection("validate", describe(exc), row.get("record_index")))
        return problems


# --------------------------------------------------------------------------- the step


def transform(raws: list[RawObject], run: RunContext, limits: DocumentLimits, workers: int, inline: bool) -> list[ObjectResult]:
    """Both passes over ``raws``; one result per object, in order, whatever happens."""
    results = [ObjectResult(raw.key, raw.source, raw.source_path) for raw in raws]
    extractions = guarded_map(extract_one, raws, run, limits, workers=workers, limits=limits.pool, warmup=warm_up, inline=inline)
    owners: list[int] = []
    rows: list[dict[str, Any]] = []
    for index, (result, extraction) in enumerate(zip(results, extractions)):
        if isinstance(extraction, Failure):  # a broken limit or a crash outside extract_one's own guard
            result.rejections.append(rejection("extract", extraction))
            continue
        result.rejections.extend(extraction.rejections)
        owners.extend([index] * len(extraction.rows))
        rows.extend(extraction.rows)
    enriched = _enrich(rows, limits, workers, inline)
    done = [(owner, item) for owner, item in zip(owners, enriched) if isinstance(item, Enriched)]
    for owner, item in zip(owners, enriched):
        if isinstance(item, Rejection):
            results[owner].rejections.append(item)
    problems = _schema_problems([item.row for _, item in done])
    for (owner, item), problem in zip(done, problems):
        result = results[owner]
        if problem:
            result.rejections.append(problem)
            continue
        result.rows.append(item.row)
        for table in ("mentions", "quotes", "figures"):
            result.children.setdefault(table, []).extend(getattr(item, table))
    for result in results:
        if not result.rows and not result.rejections:
            result.rejections.append(Rejection("extract", "the object holds no article records", "NoRecords"))
    return results


def transform_objects(raws: list[RawObject], run: RunContext, limits: DocumentLimits | None = None) -> list[ObjectResult]:
    """Transform in this process (soft limits: see newslake.core.parallel)."""
    return transform(raws, run, limits or DocumentLimits.from_settings(get_settings()), workers=1, inline=True)


def transform_object(raw: RawObject, run: RunContext) -> ObjectResult:
    return transform_objects([raw], run)[0]
