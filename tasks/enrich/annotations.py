"""Annotations: entities, quotes and figures of a batch, as summary columns of the
article and as rows of the child tables ``mentions``, ``quotes`` and ``figures``."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from tasks.enrich.canonical import canonicalize
from tasks.enrich.entities import EntityResult, Mention, extract_entities
from tasks.enrich.figures import extract_figures
from tasks.enrich.geo import geocode_mentions, geonames_columns
from tasks.enrich.geo_match import find_places
from tasks.enrich.people import find_people
from tasks.enrich.people_data import PEOPLE_LANGUAGES
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


def _by_rules(body: str, entities: EntityResult) -> EntityResult:
    """For a language without an NER model: places from the gazetteer and, in the languages
    whose role words tasks.enrich.people_data knows, people by role words and given names;
    the status says which."""
    places = find_places(body, entities.language)
    people = find_people(body, places) if entities.language in PEOPLE_LANGUAGES else ()
    how = [what for what, found in (("places from the gazetteer", places), ("people from role words and given names", people)) if found]
    if not how:
        return entities
    places = _outside(places, people)
    found = tuple(sorted(places + people, key=lambda m: (m.offsets[0], m.type)))
    return replace(entities, entities=found, skipped_reason="; ".join([entities.skipped_reason or "", *how]))


def _outside(mentions: tuple[Mention, ...], people: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """``mentions`` without their offsets inside a person's name ("Söder" of "Markus Söder")."""
    taken = sorted(offset for person in people for offset in person.offsets)
    starts = [start for start, _ in taken]

    def inside(position: int) -> bool:
        at = bisect_right(starts, position) - 1
        return at >= 0 and position < taken[at][1]

    kept = []
    for mention in mentions:
        offsets = tuple(o for o in mention.offsets if not inside(o[0]))
        if offsets:
            kept.append(replace(mention, offsets=offsets, count=len(offsets)))
    return tuple(kept)


def annotate(body: str, entities: EntityResult) -> Annotation:
    """One article's annotations, given its entities (quotes need them to name speakers)."""
    if entities.skipped_reason:
        entities = _by_rules(body, entities)
    mentions, features = canonicalize(entities.entities, geocode_mentions(entities.entities))
    entities = replace(entities, entities=mentions)
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
