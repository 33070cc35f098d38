"""Minimal enrichment: identity, language and size of each extracted article.

``article_id`` is what makes re-ingestion idempotent, so it depends only on
what identifies the article: its canonical URL when one is known, otherwise its
normalised text. The same story fetched twice, or landed twice under different
names, gets the same id.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from schemas.records import Extracted
from tasks.extract.normalize import absolute_http_url, domain_of, normalize_url

WORDS_PER_MINUTE = 230
_WORD = re.compile(r"\w+", re.UNICODE)
_MIN_LANGUAGE_CONFIDENCE = 0.5


@dataclass(frozen=True)
class Provenance:
    """Where an article came from and which run stored it."""

    source: str
    pipeline_version: str
    ingested_at: datetime
    raw_key: str | None = None
    source_path: str | None = None
    run_id: str | None = None


def content_hash(body: str) -> str:
    """SHA-256 of the body with case and whitespace folded: equal texts, equal hashes."""
    folded = " ".join(_WORD.findall(body.lower()))
    return hashlib.sha256(folded.encode("utf-8", "surrogatepass")).hexdigest()  # never raises on a lone surrogate


def article_id(url: str | None, body_hash: str) -> str:
    """A stable 32-hex-digit id from the canonical URL, else from the content hash."""
    basis = f"url:{url}" if url else f"text:{body_hash}"
    return hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def word_count(body: str) -> int:
    return len(_WORD.findall(body))


@lru_cache(maxsize=1)
def _language_identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(body: str, declared: str | None = None) -> str | None:
    """ISO 639-1 code from the text; the page's declared language when the text is inconclusive."""
    declared_code = declared.split("-")[0].split("_")[0].lower()[:2] if declared else None
    if not body.strip():
        return declared_code
    code, confidence = _language_identifier().classify(body[:5000])
    if confidence >= _MIN_LANGUAGE_CONFIDENCE or not declared_code:
        return code
    return declared_code


def enrich_basic(article: Extracted, provenance: Provenance) -> dict[str, Any]:
    """The ``articles`` row for one extracted article. Only absolute http(s) URLs are stored
    (``url``, ``top_image``); anything else (``javascript:``, ``data:``, unparseable) is dropped."""
    url = normalize_url(article.url)
    body_hash = content_hash(article.body)
    words = word_count(article.body)
    return {
        "article_id": article_id(url, body_hash),
        "url": url,
        "domain": domain_of(url),
        "title": article.title,
        "section": article.section,
        "authors": article.authors,
        "published_at": article.published_at,
        "published_at_local": article.published_at_local,
        "modified_at": article.modified_at,
        "date_source": article.date_source,
        "language": detect_language(article.body, article.declared_language),
        "declared_language": article.declared_language,
        "body": article.body,
        "word_count": words,
        "reading_time_minutes": max(1, round(words / WORDS_PER_MINUTE)),
        "content_hash": body_hash,
        "description": article.description,
        "site_name": article.site_name,
        "categories": article.categories,
        "tags": article.tags,
        "top_image": absolute_http_url(article.top_image, url),
        "cluster_id": None,  # assigned at commit, against the whole lake
        "format": article.format,
        "source": provenance.source,
        "source_path": provenance.source_path,
        "raw_key": provenance.raw_key,
        "record_index": article.record_index,
        "raw_offset": None,  # a record's place in its WARC archive: set by the backfill (tasks/backfill.py)
        "extractor": article.extractor,
        "pipeline_version": provenance.pipeline_version,
        "run_id": provenance.run_id,
        "ingested_at": provenance.ingested_at,
    }
