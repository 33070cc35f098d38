"""Canonical entities: one name and one stable id per real entity, lake-wide.

In-article grouping (tasks.enrich.entities.merge_spans) already joins "Putin" to
"Vladimir Putin" when the article names him in full. This module goes beyond one
article, with evidence that does not depend on the rest of the lake, so a mention's
canonical id never changes when other articles arrive and committing stays
independent of the lake's size:

* people: a known spelling variant is respelled (PERSON_SPELLINGS), and a
  surname-only mention whose surname is in the curated WELL_KNOWN_PEOPLE list
  ("Trump", "Biden") becomes that person; other surnames stay as written;
* places: a country is named by its short English name whatever the surface
  form ("U.S.", "US", "America" -> "United States"), keyed by its ISO code; any other
  place the article's geocoding resolved is named and keyed by its gazetteer feature
  ("Kiev" and "Kyiv" -> Kyiv, GeoNames 703448; "Bayern" -> Bavaria, admin1 DE.02;
  "Gaza" -> Gaza Strip), so a region is never counted as its country and one city
  under two spellings is one entity;
* nationalities: keyed by their country; named in the singular ("Americans" ->
  "American");
* organisations: a known alias takes the organisation's canonical name ("U.N." ->
  "United Nations").

The id is ``<type>:<16 hex digits of SHA-1 of the type and canonical key>``: the same
entity gets the same id in every process and every run, for any writer.

Fewer false persons: a PERSON needs a personal-name signal — two or more name
words, none of them a product word and none camel-cased like "MacBook"; or a title
right before a mention ("President Raisi"); or a curated well-known surname.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

from tasks.enrich.canonical_data import COUNTRY_NAMES, PERSON_SPELLINGS, PRODUCT_WORDS, WELL_KNOWN_PEOPLE
from tasks.enrich.entities_data import NAME_TITLES, ORGANISATIONS, TITLE_WORDS
from tasks.enrich.geo import Feature
from tasks.enrich.places import demonym_country, normalize_key, resolve_place

# A ``Mention`` is tasks.enrich.entities.Mention; that module imports this one, so the
# type is not imported here (the layer test forbids the cycle).
Mention = Any

_CAMEL = re.compile(r"^(?!Mc|Mac|O['\u2019]|D['\u2019]|De|Di|La|Le)[A-Za-z]*[a-z][A-Z]")  # "iPhone", "eBay"
_TITLE_BEFORE = re.compile(r"([A-Za-z]+)\.?\s+$")


def entity_id(type_: str, key: str) -> str:
    """Stable id of a canonical entity: its type and a hash of its canonical key."""
    digest = hashlib.sha1(f"{type_}|{key}".encode()).hexdigest()[:16]
    return f"{type_.lower()}:{digest}"


@lru_cache(maxsize=256)
def country_name(code: str) -> str:
    """The short English name of a country by ISO 3166-1 alpha-2 code ("RU" -> "Russia")."""
    if code in COUNTRY_NAMES:
        return COUNTRY_NAMES[code]
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name.split(",")[0]


def canonical(mention: Mention, feature: Feature | None = None) -> tuple[str, str]:
    """(canonical name, canonical key) of one mention; ``feature`` is the gazetteer feature
    a place mention was geocoded to, when it was."""
    name = mention.entity
    if mention.type == "PERSON":
        name = PERSON_SPELLINGS.get(name) or WELL_KNOWN_PEOPLE.get(name) or name
        return name, normalize_key(name)
    if mention.type == "PLACE" and feature is not None:
        return _feature_name_and_key(feature)
    if mention.type == "PLACE":
        place = resolve_place(name)
        if place is not None and place.kind == "country":
            return country_name(place.country_code), f"country:{place.country_code}"
        return name, normalize_key(name)
    if mention.type == "NORP":
        code = mention.country_code or demonym_country(name)
        if code:
            singular = name[:-1] if name.endswith("s") and demonym_country(name[:-1]) == code else name
            return singular, f"country:{code}"
        return name, normalize_key(name)
    name = known_organisation(name) or name
    return name, normalize_key(name)


def _feature_name_and_key(feature: Feature) -> tuple[str, str]:
    """A geocoded place's name and key: a country by its ISO code, a GeoNames feature by its
    id, a hand-listed state or region (no id) by its admin1 key or its name."""
    if feature.kind == "country" and feature.country_code:
        return country_name(feature.country_code), f"country:{feature.country_code}"
    if feature.geonames_id is not None:
        return feature.name, f"geonames:{feature.geonames_id}"
    if feature.kind == "admin1" and feature.admin1:
        return feature.name, f"admin1:{feature.admin1}"
    return feature.name, f"{feature.kind}:{normalize_key(feature.name)}"


def place_name(feature: Feature) -> str:
    """The canonical name of a geocoded place."""
    return _feature_name_and_key(feature)[0]


def canonicalize(
    mentions: Sequence[Mention], features: Sequence[Feature | None] = ()
) -> tuple[tuple[Mention, ...], tuple[Feature | None, ...]]:
    """Mentions named canonically, with ``entity_id``, and the feature each place stands for
    (``features``: the geocoding of ``mentions``, one per mention); two mentions that become
    one entity merge."""
    merged: dict[str, Mention] = {}
    places: dict[str, Feature | None] = {}
    for i, m in enumerate(mentions):
        feature = features[i] if i < len(features) else None
        if m.type in ("ORG", "PLACE") and m.entity in WELL_KNOWN_PEOPLE and resolve_place(m.entity) is None:
            m, feature = replace(m, type="PERSON", country_code=None), None  # the small model's "Trump told …" as ORG
        name, key = canonical(m, feature)
        id_ = entity_id(m.type, key)
        if feature is not None and feature.country_code:
            m = replace(m, country_code=feature.country_code)
        if id_ in merged:
            first = merged[id_]
            offsets = tuple(sorted(set(first.offsets) | set(m.offsets)))
            merged[id_] = replace(first, count=len(offsets), offsets=offsets,
                                  country_code=first.country_code or m.country_code)
            continue
        merged[id_] = replace(m, entity=name, entity_id=id_)
        places[id_] = feature
    return tuple(merged.values()), tuple(places[i] for i in merged)


def is_person_like(text: str, mention: Mention) -> bool:
    """Whether a PERSON mention has a personal-name signal (see the module docstring)."""
    words = mention.entity.split()
    if any(w.lower().strip(".,") in PRODUCT_WORDS or _CAMEL.match(w) for w in words):
        return False
    if len(words) >= 2 or mention.entity in WELL_KNOWN_PEOPLE:
        return True
    return any(_titled(text, start) for start, _ in mention.offsets)


def _titled(text: str, start: int) -> bool:
    before = _TITLE_BEFORE.search(text[max(0, start - 30) : start])
    return before is not None and before.group(1).lower() in TITLE_WORDS | NAME_TITLES


def drop_false_people(text: str, mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """Mentions without the PERSON rows that show no personal-name signal."""
    return tuple(m for m in mentions if m.type != "PERSON" or is_person_like(text, m))



@lru_cache(maxsize=1)
def _org_alias_index() -> dict[str, str]:
    """normalize_key(alias) and alias -> canonical organisation name."""
    index: dict[str, str] = {}
    for canonical_name, aliases in ORGANISATIONS.items():
        for alias in aliases:
            index.setdefault(normalize_key(alias), canonical_name)
            index.setdefault(alias, canonical_name)
    return index


def known_organisation(surface: str) -> str | None:
    """The canonical name of a known organisation by any of its aliases, or None."""
    index = _org_alias_index()
    # Case matters for short all-caps aliases ("US" is a place, "us" a pronoun).
    return index.get(surface) or (index.get(normalize_key(surface)) if len(surface) > 4 else None)
