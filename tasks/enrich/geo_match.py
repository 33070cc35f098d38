"""Places and nationalities found in text by gazetteer names, for languages without an NER model.

Only English (and the languages another step gives a model) get statistical
entities; a German, Turkish or Japanese article still names countries and
cities the multilingual gazetteer of tasks.enrich.geo knows ("Russland",
"Moskau", "Москва", "ロシア"). Names are looked up as capitalised word runs in
cased scripts, as words (with clitics removed) in caseless spaced scripts, and as
substrings in Chinese and Japanese. Care for false positives: a one-word city
must be large and not an everyday word (COMMON_WORD_PLACES: "Essen", "Halle"),
and short words need capitals ("USA", not "usa").
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from tasks.enrich.entities import Mention
from tasks.enrich.geo import Feature, gazetteer_index, index_key, is_caseless, nationality_country, nationality_stems
from tasks.enrich.geo_data import CLITIC_PREFIXES, CLUB_WORDS, COMMON_WORD_PLACES, UNINFLECTED_LANGUAGES
from tasks.enrich.places import country_name, normalize_key
from tasks.enrich.places_data import DEMONYMS

_WORD = re.compile(r"[^\W_]+(?:[-\u2010][^\W_]+)*", re.UNICODE)
_UNSPACED = {"zh", "ja", "th"}
_MAX_WORDS = 4
_MAX_SUBSTRING = 10
_MIN_CITY_POPULATION = 100_000
_MIN_INFLECTED_CITY_POPULATION = 1_000_000
_CONNECTORS = {"de", "del", "do", "da", "of", "the", "di", "van", "von", "am", "an", "der", "la", "le", "du", "al"}


def find_places(text: str, language: str | None) -> tuple[Mention, ...]:
    """PLACE and NORP mentions of a text by gazetteer names; empty for an unknown language."""
    if not language:
        return ()
    hits = _substring_hits(text, language) if language in _UNSPACED else _word_hits(text, language)
    return _merge(hits)


def _word_hits(text: str, language: str) -> list[tuple[int, int, str, str | None, str]]:
    """(start, end, entity, country, type) of names among the words of a spaced script."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    hits: list[tuple[int, int, str, str | None, str]] = []
    i = 0
    while i < len(words):
        start, end, word = words[i]
        if _club_word(word):  # "Real Madrid", "FC Bayern München": a club
            i += 1 + _capitalised_run(words, i + 1)
            continue
        found = _place_at(words, i, language, inflected=False)
        code = _nationality(word, language)
        if found and found[0] == 1 and found[1].kind == "city" and code:  # "Türk" is a nationality first
            found = None
        if not found:
            found = _place_at(words, i, language, inflected=True)
            if code and not (found and found[1].kind == "country" and found[1].country_code == code):
                found = None  # "russische" is a nationality; "Deutschlands" is still the country
        if found:
            used, feature = found
            hits.append((words[i][0], words[i + used - 1][1], feature.name, feature.country_code, "PLACE"))
            i += used
            continue
        if code:
            hits.append((start, end, _nationality_name(code), code, "NORP"))
        i += 1
    return hits


def _club_word(word: str) -> bool:
    """A word opening a club's name: capitalised, and in capitals when short ("AS Roma", not the
    Portuguese article of "As Filipinas")."""
    return word.lower() in CLUB_WORDS and (word.isupper() if len(word) <= 3 else word[:1].isupper())


def _capitalised_run(words: list[tuple[int, int, str]], i: int) -> int:
    """How many capitalised words follow one another from word ``i`` (at most _MAX_WORDS)."""
    n = 0
    while i + n < len(words) and n < _MAX_WORDS and words[i + n][2][:1].isupper():
        if n and words[i + n][0] - words[i + n - 1][1] > 2:
            break
        n += 1
    return n


def _place_at(words: list[tuple[int, int, str]], i: int, language: str, *, inflected: bool) -> tuple[int, Feature] | None:
    """The longest gazetteer name starting at word i, as (words used, feature); ``inflected``
    also tries the name without clitics or a case ending."""
    first = words[i][2]
    if not (is_caseless(first) or first[0].isupper()):
        return None
    for n in range(min(_MAX_WORDS, len(words) - i), 0, -1):
        span = words[i: i + n]
        if any(b[0] - a[1] > 2 for a, b in zip(span, span[1:])):  # a name does not cross punctuation
            continue
        last = span[-1][2]
        if n > 1 and not (is_caseless(last) or last[0].isupper()):
            continue
        surface = " ".join(w for _, _, w in span)
        for form in _forms(surface, language)[1:] if inflected else [surface]:
            feature = _accept(form, n, inflected=inflected)
            if feature:
                return n, feature
    return None


def _forms(surface: str, language: str) -> list[str]:
    """A surface and its forms without clitic prefixes or a short case ending ("Deutschlands")."""
    forms = [surface]
    for prefix in CLITIC_PREFIXES.get(language, ()):
        if surface.startswith(prefix) and len(surface) - len(prefix) >= 3:
            forms.append(surface[len(prefix):])
    if not is_caseless(surface) and len(surface) >= 6 and language not in UNINFLECTED_LANGUAGES:  # Deutschlands, Берлине
        forms += [surface[:-n] for n in (1, 2, 3) if len(surface) - n >= 5]
    elif language == "ko" and len(surface) >= 3:  # particles written onto the noun: 미국은, 러시아의
        forms += [surface[:-1], surface[:-2]]
    return forms


def _accept(form: str, words: int, *, inflected: bool = False) -> Feature | None:
    """The feature a form names, unless it could be an everyday word; a form cut from an
    inflected word ("Mittel" → "Mitte") counts only for a country or a city of millions."""
    key = normalize_key(form)
    if key in COMMON_WORD_PLACES or key in _CONNECTORS:
        return None
    found = gazetteer_index().get(key)
    if not found:
        return None
    best = max(found, key=lambda f: (f.kind == "country", f.population))
    caseless = is_caseless(form)
    if words == 1 and not caseless and len(form) < 4 and not (form.isupper() and best.kind == "country"):
        return None
    if words == 1 and best.kind == "city" and best.population < _MIN_CITY_POPULATION:
        return None
    if caseless and len(form) < 2:
        return None
    if inflected and best.kind == "city" and best.population < _MIN_INFLECTED_CITY_POPULATION:
        return None
    return best


def _nationality(word: str, language: str) -> str | None:
    if len(word) < 3 or normalize_key(word) in COMMON_WORD_PLACES:
        return None
    forms = _forms(word, language) if language in CLITIC_PREFIXES else [word]
    return next((code for form in forms if (code := nationality_country(form, language))), None)


def _substring_hits(text: str, language: str) -> list[tuple[int, int, str, str | None, str]]:
    """Names in a script written without spaces: longest known substring at each position."""
    names, nationalities = _caseless_names(), nationality_stems(language)[0]
    text = "".join(map(_fold_char, text))  # as the index keys are folded (ベ → ヘ), one character each
    hits: list[tuple[int, int, str, str | None, str]] = []
    i = 0
    while i < len(text):
        for n in range(min(_MAX_SUBSTRING, len(text) - i), 1, -1):
            piece = text[i: i + n]
            if piece in nationalities:
                code = nationalities[piece]
                hits.append((i, i + n, _nationality_name(code), code, "NORP"))
                break
            if piece in names:
                feature = names[piece]
                hits.append((i, i + n, feature.name, feature.country_code, "PLACE"))
                break
        else:
            i += 1
            continue
        i = hits[-1][1]
    return hits


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    folded = index_key(ch) if ch.strip() else ch
    return folded if len(folded) == 1 else ch


@lru_cache(maxsize=1)
def _caseless_names() -> dict[str, Feature]:
    """Gazetteer names in caseless scripts of two characters or more, each with its best feature."""
    out: dict[str, Feature] = {}
    for key, found in gazetteer_index().items():
        if 2 <= len(key) <= _MAX_SUBSTRING and is_caseless(key):
            best = max(found, key=lambda f: (f.kind == "country", f.population))
            if best.kind != "city" or best.population >= _MIN_CITY_POPULATION:
                out[key] = best
    return out


@lru_cache(maxsize=1)
def _nationality_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for chunk in DEMONYMS.replace("\n", "|").split("|"):
        code, _, adjectives = chunk.partition(":")
        if adjectives.strip():
            names.setdefault(code.strip(), adjectives.split(",")[0].strip())
    return names


def _nationality_name(code: str) -> str:
    """The English adjective of a country, the name a nationality is stored under ("RU" → "Russian")."""
    return _nationality_names().get(code) or country_name(code) or code


def _merge(hits: list[tuple[int, int, str, str | None, str]]) -> tuple[Mention, ...]:
    """One mention per (entity, type), most mentioned first."""
    grouped: dict[tuple[str, str], list[tuple[int, int, str | None]]] = defaultdict(list)
    for start, end, entity, code, type_ in hits:
        grouped[(entity, type_)].append((start, end, code))
    mentions = [
        Mention(entity=entity, type=type_, count=len(spans), offsets=tuple((s, e) for s, e, _ in spans),  # type: ignore[arg-type]
                country_code=spans[0][2])
        for (entity, type_), spans in grouped.items()
    ]
    return tuple(sorted(mentions, key=lambda m: (-m.count, m.offsets[0])))
