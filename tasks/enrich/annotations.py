"""Annotations: entities, quotes and figures of a batch, as summary columns of the
article and as rows of the child tables ``mentions``, ``quotes`` and ``figures``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from tasks.enrich.canonical import canonicalize
from tasks.enrich.entities import EntityResult, extract_entities
from tasks.enrich.figures import extract_figures
from tasks.enrich.geo import geocode_mentions, geonames_columns
from tasks.enrich.geo_match import find_places
from tasks.enrich.quotes import extract_quotes


@dataclass
class Annotation:
    summary: dict[str, Any]
    mentions: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)


def _summary(entities: EntityResult, quote_count: int, figure_count: int) -> dict[str, Any]:
    return {
        "persons": [m.entity for m in entities.people],
        "organizations": [m.entity for m in entities.organisations],
        "places": [m.entity for m in entities.places],
        "country_codes": list(entities.country_codes),
        "entities_status": f"skipped: {entities.skipped_reason}" if entities.skipped_reason else "ok",
        "quote_count": quote_count,
        "figure_count": figure_count,
    }


def annotate(body: str, entities: EntityResult) -> Annotation:
    """One article's annotations, given its entities (quotes need them to name speakers)."""
    if entities.skipped_reason and (found := find_places(body, entities.language)):
        entities = replace(entities, entities=found, skipped_reason=f"{entities.skipped_reason}; places from the gazetteer")
    entities = replace(entities, entities=canonicalize(entities.entities))
    features = geocode_mentions(entities.entities)
    entities = replace(entities, entities=tuple(
        replace(m, country_code=f.country_code) if f and f.country_code else m for m, f in zip(entities.entities, features)))
    quotes = extract_quotes(body, entities.entities)
    # Figure patterns read English number words and units ("22million tons", "per cent").
    figures = extract_figures(body) if entities.skipped_reason is None else []
    return Annotation(
        summary=_summary(entities, len(quotes), len(figures)),
        mentions=[
            {
                "entity": m.entity,
                "entity_id": m.entity_id,
                "type": str(m.type),
                "count": m.count,
                "offsets": [{"start": start, "end": end} for start, end in m.offsets],
                "country_code": m.country_code,
                **geonames_columns(feature),
            }
            for m, feature in zip(entities.entities, features)
        ],
        quotes=[
            {"quote_index": i, "quote": q.text, "speaker": q.speaker, "start": q.start, "end": q.end}
            for i, q in enumerate(quotes)
        ],
        figures=[
            {"figure_index": i, "text": f.text, "value": f.value, "unit": f.unit, "counts": f.counts,
             "start": f.start, "end": f.end}
            for i, f in enumerate(figures)
        ],
    )


def annotate_batch(bodies: Sequence[str], languages: Sequence[str | None]) -> list[Annotation]:
    """Annotations of many articles; the entity model sees them in one batch."""
    return [annotate(body, entities) for body, entities in zip(bodies, extract_entities(bodies, languages))]
