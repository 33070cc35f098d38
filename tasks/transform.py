"""Landed objects through detection, extraction, validation and enrichment, each object
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

import re
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE

from newslake.core.parallel import Failure, Limits, TimeLimitExceeded, describe, guarded_map
from newslake.core.settings import Settings, get_settings
from schemas.articles import ARTICLES
from schemas.records import ObjectResult, RawObject, Rejection, RunContext
from schemas.validate import check_article, schema_violations
from tasks.enrich.basic import Provenance, enrich_basic
from tasks.enrich.batch import Enriched, enrich_batch
from tasks.enrich.entities import MODELS, load_nlp
from tasks.extract.detect import UnsupportedInput, decode_bytes
from tasks.extract.dispatch import extract_object

# Enrichment chunks: spaCy gains nothing from batches over ~16 articles, and its memory
# grows with a batch's characters (~3 MB per 1,000, the longest text padding the others):
# articles of similar length go together, up to 50,000 characters, so that a chunk takes
# ~150 MB more at most and stays well inside the time limit of one document.
CHUNK_ARTICLES = 16
CHUNK_CHARS = 50_000
# libxml2's HTML parser (lxml, trafilatura) keeps 255 levels of nesting and silently drops
# whatever lies deeper: a parsed tree this deep has lost part of the page.
PARSER_MAX_DEPTH = 256
_DEPTH_SUSPECT = 128  # a cheap count this deep asks the parser for the real depth
_MARKUP_NAMES = (".html", ".htm", ".xhtml")
_LIMIT_SETTINGS = {"time": "document_seconds", "memory": "document_memory_mb"}
_WARM_UP_TIME = datetime(2020, 1, 1, tzinfo=UTC)
_WARM_UP_TEXT = (
    b"Harbour council votes on the new crane\n\nThe harbour council in Rotterdam voted on Monday to buy a new "
    b"crane for the eastern quay, Mayor Ahmed Aboutaleb said. Unions warned that staffing would not keep up, "
    b"and shipping companies asked for talks before the summer season begins."
)
_WHAT = {"read": "reading", "detect": "detection", "extract": "extraction", "enrich": "enrichment", "validate": "validation"}


@dataclass(frozen=True)
class DocumentLimits:
    """What one landed object may take (the settings of the same names)."""

    seconds: float = 60.0
    memory_mb: int = 1500
    max_object_bytes: int = 50_000_000
    html_max_bytes: int = 3_000_000
    html_max_tags: int = 50_000

    @classmethod
    def from_settings(cls, settings: Settings) -> DocumentLimits:
        return cls(
            seconds=settings.document_seconds,
            memory_mb=settings.document_memory_mb,
            max_object_bytes=settings.max_object_bytes,
            html_max_bytes=settings.html_max_bytes,
            html_max_tags=settings.html_max_tags,
        )

    @property
    def pool(self) -> Limits:
        return Limits(seconds=self.seconds, memory_mb=self.memory_mb)


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


class Refused(ValueError):
    """A size guard refuses the object; the message names the limit and its setting."""


class ObjectTooLarge(Refused):
    """The object's content is over ``max_object_bytes``."""


class HtmlTooLarge(Refused):
    """Too much markup to parse in bounded time and memory."""


class HtmlTooManyTags(Refused):
    """An absurd number of elements."""


class HtmlTooDeep(Refused):
    """Nested deeper than the HTML parser keeps."""


def decoded(raw: RawObject, limits: DocumentLimits) -> bytes:
    """The object's bytes with gzip undone (``tasks.extract.detect``, which bounds what it
    may expand to), refused over ``max_object_bytes``."""
    data = decode_bytes(raw.key, raw.data)
    if len(data) > limits.max_object_bytes:
        raise ObjectTooLarge(
            f"{raw.key}: {len(data):,} bytes, over the limit of {limits.max_object_bytes:,} per object "
            "(setting max_object_bytes)"
        )
    return data


def looks_like_markup(name: str, data: bytes) -> bool:
    """What the extractors would parse as markup: a markup file name, or content opening with ``<``."""
    return name.lower().removesuffix(".gz").endswith(_MARKUP_NAMES) or data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<"


_INERT_OPEN = re.compile(rb"<!--|<(script|style)\b", re.I)
_INERT_CLOSE = {b"script": re.compile(rb"</script\s*>", re.I), b"style": re.compile(rb"</style\s*>", re.I)}
_TAG = re.compile(rb"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
_VOID = frozenset(b"area base basefont br col embed frame hr img input keygen link meta param source track wbr".split())


def strip_inert(data: bytes) -> bytes:
    """The page without comments, styles and scripts other than JSON-LD (the page's own
    metadata), in one pass: what the extractors would discard anyway."""
    parts: list[bytes] = []
    pos, end = 0, len(data)
    while (match := _INERT_OPEN.search(data, pos)) is not None:
        parts.append(data[pos : match.start()])
        if match.group(1) is None:  # a comment
            close = data.find(b"-->", match.end())
            pos = end if close < 0 else close + 3
            continue
        name = match.group(1).lower()
        tag_end = data.find(b">", match.end())
        closing = _INERT_CLOSE[name].search(data, tag_end + 1) if tag_end >= 0 else None
        stop = end if closing is None else closing.end()
        if name == b"script" and tag_end >= 0 and b"ld+json" in data[match.end() : tag_end].lower():
            parts.append(data[match.start() : stop])
        pos = stop
    parts.append(data[pos:])
    return b"".join(parts)


def count_tags(data: bytes) -> int:
    """Start tags, counted at the speed of ``bytes.count`` (a ``<`` in text counts too)."""
    return data.count(b"<") - data.count(b"</") - data.count(b"<!") - data.count(b"<?")


def nesting_estimate(data: bytes) -> int:
    """How deep elements nest by counting tags (no parsing): close to what a parser
    builds, higher for pages that leave many ``<p>`` or ``<li>`` unclosed."""
    depth = deepest = 0
    for closing, name in _TAG.findall(data):
        if name.lower() in _VOID:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def parsed_depth(data: bytes) -> int:
    """The depth of the tree the HTML parser builds from ``data``."""
    from lxml import etree
    from lxml.html import HTMLParser, fromstring

    tree = fromstring(data, parser=HTMLParser(remove_comments=True))
    depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def check_html(data: bytes, limits: DocumentLimits) -> bytes:
    """The page to extract (stripped of inert markup when it is over the size limit), or
    an exception naming the limit it breaks."""
    stripped = False
    if len(data) > limits.html_max_bytes:
        data, stripped = strip_inert(data), True
        if len(data) > limits.html_max_bytes:
            raise HtmlTooLarge(
                f"{len(data):,} bytes of HTML markup besides scripts, styles and comments, over the limit of "
                f"{limits.html_max_bytes:,} (setting html_max_bytes)"
            )
    tags = count_tags(data)
    if tags > limits.html_max_tags and not stripped:
        tags = count_tags(strip_inert(data))
    if tags > limits.html_max_tags:
        raise HtmlTooManyTags(f"{tags:,} HTML tags, over the limit of {limits.html_max_tags:,} (setting html_max_tags)")
    if nesting_estimate(data) >= _DEPTH_SUSPECT and parsed_depth(data) >= PARSER_MAX_DEPTH:
        raise HtmlTooDeep(
            f"HTML elements nested {PARSER_MAX_DEPTH} or more levels deep: the HTML parser keeps "
            f"{PARSER_MAX_DEPTH - 1} levels and would silently drop everything deeper"
        )
    return data


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
    results = guarded_map(enrich_batch, [[rows[i] for i in c] for c in chunks], workers=workers,
                          limits=limits.pool, warmup=warm_up, inline=inline)
    retry: list[int] = []
    for chunk, result in zip(chunks, results):
        if isinstance(result, Failure) or len(result) != len(chunk):
            retry.extend(chunk)
            continue
        for index, enriched in zip(chunk, result):
            out[index] = enriched
    if retry:
        singles = guarded_map(enrich_batch, [[rows[i]] for i in retry], workers=workers,
                              limits=limits.pool, warmup=warm_up, inline=inline)
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


def transform(
    raws: list[RawObject], run: RunContext, limits: DocumentLimits, workers: int, inline: bool
) -> list[ObjectResult]:
    """Both passes over ``raws``; one result per object, in order, whatever happens."""
    results = [ObjectResult(raw.key, raw.source, raw.source_path) for raw in raws]
    extractions = guarded_map(extract_one, raws, run, limits, workers=workers, limits=limits.pool,
                              warmup=warm_up, inline=inline)
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


@task(name="transform", cache_policy=NO_CACHE)
def transform_batch(
    raws: list[RawObject], run: RunContext, workers: int, limits: DocumentLimits | None = None
) -> list[ObjectResult]:
    """Transform a batch over ``workers`` processes, every object under the hard limits of
    a worker — even a batch of one. With ``workers`` ≤ 1 it runs in this process."""
    limits = limits or DocumentLimits.from_settings(get_settings())
    return transform(raws, run, limits, workers=workers, inline=workers <= 1)
