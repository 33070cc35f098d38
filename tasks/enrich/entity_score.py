"""Entity precision and recall against hand-checked articles, per language.

Used by tests/unit/test_entity_fixtures.py (floors) and bench/entities.py (the
numbers). An entity found counts as right when its canonical name or any of its
surface forms in the text equals a true entity of the same kind after folding
(case, accents, dots: tasks.enrich.places.normalize_key), so "U.S." found for a
true "United States" is right either way; a true place also counts as found under the
name of the gazetteer feature it stands for, which is how places are named canonically.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from tasks.enrich.annotations import annotate_batch
from tasks.enrich.canonical import place_name
from tasks.enrich.geo import resolve
from tasks.enrich.places import normalize_key

KINDS = {"persons": "PERSON", "orgs": "ORG", "places": "PLACE"}


@dataclass
class Score:
    """Counts of one language: entities found that are right, found, true ones found, true."""

    right: int = 0
    found: int = 0
    recalled: int = 0
    true: int = 0

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.recalled / self.true if self.true else 0.0


def load_articles(path: Path) -> list[dict]:
    """The hand-checked articles: language, text and the true persons, orgs, places."""
    return json.loads(path.read_text(encoding="utf-8"))


def score(articles: list[dict]) -> dict[str, Score]:
    """Precision and recall of PERSON/ORG/PLACE per language over the articles."""
    annotations = annotate_batch([a["text"] for a in articles], [a["lang"] for a in articles])
    scores: dict[str, Score] = defaultdict(Score)
    for article, annotation in zip(articles, annotations):
        s = scores[article["lang"]]
        for field, type_ in KINDS.items():
            truth = {normalize_key(t): _names(t, type_) for t in article[field]}
            found = [m for m in annotation.mentions if m["type"] == type_]
            hit: set[str] = set()
            for m in found:
                forms = {normalize_key(m["entity"])} | {
                    normalize_key(article["text"][o["start"] : o["end"]]) for o in m["offsets"]
                }
                if matched := {key for key, names in truth.items() if forms & names}:
                    hit |= matched
                    s.right += 1
            s.found += len(found)
            s.recalled += len(hit)
            s.true += len(truth)
    return dict(scores)


def _names(entity: str, type_: str) -> set[str]:
    """The folded names a true entity may be found under: its own, and for a place the
    canonical name of the gazetteer feature it stands for ("Москва" is found as Moscow)."""
    names = {normalize_key(entity)}
    if type_ == "PLACE" and (feature := resolve(entity)) is not None:
        names.add(normalize_key(place_name(feature)))
    return names
