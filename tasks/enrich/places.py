"""Places to ISO 3166-1 alpha-2 country codes.

A reader filters the lake by country ("everything about Iran"), and news
names countries in many ways: by ISO name ("Russian Federation"), by the name
papers actually use ("Russia", "U.S.", "Britain"), by a city standing for its
government ("Tehran", "Moscow", "Washington") and by adjective ("Iranian
soldiers"). pycountry ships the ISO 3166 names (and US/Canadian/Australian
states as ISO 3166-2 subdivisions); common short names, adjectives and cities
are not in it, so compact tables of them live in tasks.enrich.places_data.
Everything is offline and built once per process.

A name that could mean several countries ("Korea", "Congo", "Korean") and
regions that belong to no single country ("Black Sea", "Middle East", "the
West") resolve to None: no code is better than a wrong one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from tasks.enrich.places_data import (
    AMBIGUOUS,
    CITIES,
    COUNTRY_ALIASES,
    COUNTRY_SUBDIVISION_TYPES,
    DEMONYMS,
    PERSON_LIKE_PLACES,
)

PlaceKind = Literal["country", "subdivision", "city"]


@dataclass(frozen=True)
class Place:
    """A resolved place name: its country and whether it is the country itself."""

    name: str
    country_code: str
    kind: PlaceKind


@lru_cache(maxsize=65536)
def normalize_key(name: str) -> str:
    """Fold a name so spelling variants meet: case, accents, dots, "the", possessive 's."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2010", "-").replace("\u2013", "-")
    text = re.sub(r"'s?$", "", text.strip())
    text = text.replace(".", "")
    text = re.sub(r"\s+", " ", text).strip().casefold()
    if text.startswith("the "):
        text = text[4:]
    return text


def _parse_table(table: str) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for chunk in re.split(r"[|\n]", table):
        if ":" not in chunk:
            continue
        code, _, names = chunk.partition(":")
        code = code.strip()
        if len(code) != 2:
            continue
        rows.extend((code, n.strip()) for n in names.split(",") if n.strip())
    return rows


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, Place], dict[str, str], dict[str, PlaceKind]]:
    """Places and demonyms keyed by normalize_key, and every surface form; built once per process."""
    import pycountry

    places: dict[str, Place] = {}
    surfaces: dict[str, PlaceKind] = {}
    ambiguous: set[str] = set(AMBIGUOUS)

    def add(name: str, code: str, kind: PlaceKind, *, override: bool = False) -> None:
        key = normalize_key(name)
        if not key or key in ambiguous:
            return
        known = places.get(key)
        if known and known.country_code != code and not override:
            if known.kind == kind:  # e.g. "Korea" from both Koreas
                ambiguous.add(key)
                del places[key]
            return
        places[key] = Place(name, code, kind)
        surfaces[name.strip()] = kind

    for sub_country, types in COUNTRY_SUBDIVISION_TYPES.items():
        for sub in pycountry.subdivisions.get(country_code=sub_country) or []:
            if sub.type in types:
                add(sub.name, sub_country, "subdivision")
    for code, name in _parse_table(CITIES):
        add(name, code, "city", override=True)
    for country in pycountry.countries:
        code = country.alpha_2
        names = [country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)]
        for name in filter(None, names):
            add(name, code, "country", override=True)
            if "," in name:  # "Iran, Islamic Republic of" -> "Iran"
                add(name.split(",")[0], code, "country")
        if "(" in country.name:  # "Holy See (Vatican City State)"
            add(country.name.split("(")[0], code, "country")
    for name, code in COUNTRY_ALIASES.items():
        add(name, code, "country", override=True)

    demonyms: dict[str, str] = {}
    for code, adjective in _parse_table(DEMONYMS):
        for form in _demonym_forms(adjective):
            demonyms[normalize_key(form)] = code
    return places, demonyms, surfaces


def _demonym_forms(adjective: str) -> list[str]:
    """The adjective and its plural noun: Iranian/Iranians, Israeli/Israelis, Frenchman/Frenchmen."""
    if adjective.endswith("man"):
        return [adjective, adjective[:-3] + "men"]
    if adjective.endswith(("ese", "sh", "ss", "s", "ic", "y", "tch", "nch", "otho")):
        return [adjective]  # Chinese, Turkish, Swiss, Icelandic, Malagasy, Dutch, French
    return [adjective, adjective + "s"]


def resolve_place(name: str) -> Place | None:
    """The country a place name stands for, or None for regions and ambiguous names."""
    places, _, _ = _tables()
    return places.get(normalize_key(name))


def country_code(name: str) -> str | None:
    """ISO 3166-1 alpha-2 code of a country, city or state name ("Tehran" -> "IR"); None when unknown."""
    place = resolve_place(name)
    return place.country_code if place else None


def demonym_country(word: str) -> str | None:
    """Country of a nationality adjective or plural ("Iranian", "Israelis" -> IR, IL); None if ambiguous."""
    _, demonyms, _ = _tables()
    return demonyms.get(normalize_key(word))


def is_demonym(word: str) -> bool:
    """Whether a word is a nationality adjective rather than a place name ("Ukrainian", not "Ukraine")."""
    return demonym_country(word) is not None and resolve_place(word) is None


def country_name(code: str) -> str | None:
    """The short name papers use for a country code ("RU" -> "Russia"), for display."""
    import pycountry

    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return None
    preferred = {"RU": "Russia", "TR": "Turkey", "US": "United States", "GB": "United Kingdom"}
    return preferred.get(code.upper()) or getattr(country, "common_name", None) or country.name


def gazetteer() -> list[tuple[str, str]]:
    """(surface form, "country"|"subdivision"|"city") for every place name known here, in its own spelling.

    Used to build entity-ruler patterns that catch places the statistical
    model misses; names that are also personal names are left out.
    """
    places, _, surfaces = _tables()
    return [
        (form, kind)
        for form, kind in surfaces.items()
        if form not in PERSON_LIKE_PLACES
        and "," not in form
        and "(" not in form
        and normalize_key(form) in places
    ]


def demonyms() -> list[str]:
    """Every nationality adjective and plural known here, capitalised as written."""
    return [form for _, adjective in _parse_table(DEMONYMS) for form in _demonym_forms(adjective)]
