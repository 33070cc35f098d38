"""Enrichment: what an analyst of news coverage reaches for, added to a batch at once.

Runs after validation, on the articles that will be stored. Named-entity
recognition is the expensive step, so it sees the whole batch through one
``nlp.pipe`` call; the cheap per-article steps (tone, keywords, readability,
lede, signature) run alongside. Each stage records the method that produced it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib.metadata import version
from typing import Any

from tasks.enrich.annotations import annotate_batch
from tasks.enrich.dedup import simhash
from tasks.enrich.entities import model_version
from tasks.enrich.keywords import METHOD as KEYWORDS_METHOD
from tasks.enrich.keywords import keywords
from tasks.enrich.lede import lede
from tasks.enrich.readability import flesch_reading_ease, lix
from tasks.enrich.tone import METHOD as TONE_METHOD
from tasks.enrich.tone import tone

# Bump when a change to enrichment should reach stored articles through `newslake reprocess`.
ENRICHMENT_VERSION = 4  # 2: canonical entities (entity_id), French NER, tone for fr/de/nl; 3: people by rules without a model, metadata rules; 4: places keyed by their gazetteer feature, states outside the US (docs/schema.md)
LANGUAGE_METHOD = f"py3langid/{version('py3langid')}"


@dataclass
class Enriched:
    """One article's row with its enrichment, and its rows in the child tables."""

    row: dict[str, Any]
    mentions: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)


def text_enrichment(body: str, language: str | None) -> dict[str, Any]:
    """The per-article measures that need no model."""
    measured = tone(body, language)
    return {
        "lede": lede(body),
        "keywords": keywords(body, language),
        "tone": measured.score,
        "tone_positive": measured.positive,
        "tone_negative": measured.negative,
        "tone_method": measured.method,
        "flesch_reading_ease": flesch_reading_ease(body, language),
        "lix": lix(body),
        "simhash": simhash(body),
    }


def enrich_batch(rows: list[dict[str, Any]]) -> list[Enriched]:
    """Enrich validated article rows (from :func:`tasks.enrich_basic.enrich_basic`) in one pass."""
    annotations = annotate_batch([row["body"] for row in rows], [row["language"] for row in rows])
    enriched: list[Enriched] = []
    for row, annotation in zip(rows, annotations):
        row = {
            **row,
            **text_enrichment(row["body"], row["language"]),
            **annotation.summary,
            "enrichment_version": ENRICHMENT_VERSION,
            "models": "; ".join([model_version(), TONE_METHOD, KEYWORDS_METHOD, LANGUAGE_METHOD]),
        }
        context = {
            "article_id": row["article_id"],
            "published_at": row["published_at"],
            "enrichment_version": ENRICHMENT_VERSION,
        }
        enriched.append(
            Enriched(
                row,
                mentions=[{**context, "language": row["language"], **m} for m in annotation.mentions],
                quotes=[{**context, **q} for q in annotation.quotes],
                figures=[{**context, **f} for f in annotation.figures],
            )
        )
    return enriched
