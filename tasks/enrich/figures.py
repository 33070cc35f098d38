"""Amounts in the text: how much of what.

Figures are the facts a reader compares across articles ("22million tons of
grain", "$5 billion", "12 per cent", "hundreds of drones"), and they are
written in a small set of shapes, so a rule-based pass finds them without a
parser: an optional currency sign, a number (digits, or number words before
"million"/"billion"), an optional scale ("million", "bn", "m" after a
currency), an optional unit (tons, per cent, barrels, dollars…), then what is
counted — the noun after "of"/"in" ("tons of … grain", "$5 billion in aid")
or, without a unit, the noun that follows ("40 new jobs").

``text`` is the literal amount: the number with its currency, scale and unit
("22million tons", "£24m", "12 per cent"); when there is no unit the counted
noun is the unit, and the text runs through it ("40 new jobs", "hundreds of
drones"). ``value`` is the number in base units (22e6, 5e9) or None when the
text does not say ("hundreds"). Dates, years, times, ordinals and model
numbers ("June 8", "in 2022", "5pm", "fifth", "F-16") are not figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6,
    "billion": 1e9, "bn": 1e9, "bln": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12,
}
_CURRENCY_SIGNS = {
    "US$": "USD", "$": "USD", "A$": "AUD", "C$": "CAD", "HK$": "HKD", "NZ$": "NZD", "S$": "SGD",
    "R$": "BRL", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "₽": "RUB", "Rs": "INR", "Rs.": "INR",
    "USD": "USD", "EUR": "EUR", "GBP": "GBP", "CHF": "CHF", "JPY": "JPY", "CNY": "CNY", "RUB": "RUB",
}
# Unit words, written forms -> normalised unit.
_UNITS = {
    "per cent": "percent", "percent": "percent", "%": "percent", "pc": "percent",
    "percentage points": "percentage points", "percentage point": "percentage points",
    "dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "pounds sterling": "GBP",
    "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "roubles": "RUB", "rubles": "RUB", "rupees": "INR",
    "rials": "IRR", "riyals": "SAR", "hryvnias": "UAH", "hryvnia": "UAH", "lira": "TRY",
    "tons": "tons", "ton": "tons", "tonnes": "tonnes", "tonne": "tonnes", "metric tons": "tonnes",
    "kilograms": "kg", "kilogrammes": "kg", "kg": "kg", "grams": "g", "pounds": "pounds", "lb": "pounds", "lbs": "pounds",
    "kilometres": "km", "kilometers": "km", "km": "km", "miles": "miles", "mile": "miles",
    "metres": "m", "meters": "m", "feet": "feet", "ft": "feet",
    "square kilometres": "km2", "square kilometers": "km2", "sq km": "km2", "square miles": "sq miles",
    "hectares": "hectares", "acres": "acres",
    "barrels per day": "barrels per day", "barrels a day": "barrels per day", "bpd": "barrels per day",
    "barrels": "barrels", "cubic metres": "m3", "cubic meters": "m3", "bcm": "bcm",
    "litres": "litres", "liters": "litres", "gallons": "gallons",
    "megawatts": "MW", "MW": "MW", "gigawatts": "GW", "GW": "GW", "kilowatts": "kW", "kW": "kW",
    "terawatt hours": "TWh", "TWh": "TWh", "kWh": "kWh", "MWh": "MWh", "GWh": "GWh",
    "degrees": "degrees", "°C": "°C", "°F": "°F", "mph": "mph", "km/h": "km/h",
}
_MONEY = frozenset(_CURRENCY_SIGNS.values()) | {"IRR", "SAR", "UAH", "TRY"}
_UNIT_ALTS = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_CURRENCY_ALTS = "|".join(re.escape(c) for c in sorted(_CURRENCY_SIGNS, key=len, reverse=True))
_SCALE_ALTS = "thousand|million|billion|trillion|mln|bln|trn|mn|bn|tn|m|k"

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "half": 0.5,
    "dozen": 12,
}
_WORD_NUMBER = "(?:" + "|".join(sorted((w for w in _NUMBER_WORDS if w not in ("a", "an")), key=len, reverse=True)) + ")"

_NUMERIC = re.compile(
    rf"""(?<![\w$£€¥₹₽.,\-/])
    (?:(?P<cur>{_CURRENCY_ALTS})\s?)?
    (?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)
    (?:\s?(?P<scale>{_SCALE_ALTS})(?![A-Za-z]))?
    (?:\s?(?P<unit>{_UNIT_ALTS})(?![A-Za-z]))?""",
    re.VERBOSE,
)
_WORDS = re.compile(
    rf"""(?<![\w$£€¥])
    (?:(?P<cur>{_CURRENCY_ALTS})\s?)?
    (?P<num>half\s+an?|an?|{_WORD_NUMBER}(?:[\s-]+(?:and\s+)?{_WORD_NUMBER})*)
    \s+(?P<scale>thousand|million|billion|trillion)\b
    (?:\s(?P<unit>{_UNIT_ALTS})(?![A-Za-z]))?""",
    re.VERBOSE | re.IGNORECASE,
)
_WORDS_UNIT = re.compile(
    rf"""\b(?P<num>{_WORD_NUMBER}(?:[\s-]+{_WORD_NUMBER})*)\s+(?P<unit>{_UNIT_ALTS})(?![A-Za-z])""",
    re.VERBOSE | re.IGNORECASE,
)
_VAGUE = re.compile(
    r"""\b(?P<num>(?:tens|hundreds)\s+of\s+(?:thousands|millions)|hundreds|thousands|millions|billions|dozens|scores)
    [\u2019\u201d'"]?\s+of\b""",
    re.VERBOSE | re.IGNORECASE,
)
_MONTHS = (
    "jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|"
    "oct|october|nov|november|dec|december"
)
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?\s*$", re.IGNORECASE)
_MONTH_AFTER = re.compile(rf"^\s*(?:of\s+)?(?:{_MONTHS})\b", re.IGNORECASE)
_NOT_AMOUNT_AFTER = re.compile(
    r"^(?:st|nd|rd|th)\b|^:\d|^\s?(?:am|pm|a\.m\.|p\.m\.|GMT|BST|UTC)(?![A-Za-z])|^-[A-Za-z]|^/\d", re.IGNORECASE
)
_STOP = frozenset(
    """and or but nor in on at to for from by with that which who whom whose were was are is be been being have has
    had will would could can may might should shall as than of per ago each every more less fewer over under about
    around between into onto through since until while when where if the a an this these those its their his her
    our your my last next earlier later before after up down out off also just only not no so such""".split()
)
_DETERMINERS = frozenset("the a an its their his her our your my these those this that some other more".split())
_NOT_COUNTED = frozenset(
    """january february march april may june july august september october november december monday tuesday
    wednesday thursday friday saturday sunday""".split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z\-\u2019']*")


@dataclass(frozen=True)
class Figure:
    """An amount: ``text == body[start:end]``; value in base units, or None when not stated."""

    text: str
    value: float | None
    unit: str | None
    counts: str | None
    start: int
    end: int


def _word_value(words: str) -> float | None:
    """Value of number words: "twenty-two" -> 22, "half a" -> 0.5, "a" -> 1, "two hundred" -> 200."""
    total, current = 0.0, 0.0
    for word in re.split(r"[\s-]+", words.lower()):
        if word == "and" or not word:
            continue
        value = _NUMBER_WORDS.get(word)
        if value is None:
            return None
        if word == "hundred":
            current = (current or 1) * 100
        elif word == "half":
            current += 0.5
        elif word in ("a", "an") and current:
            continue
        else:
            current += value
    return total + current


_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z][A-Za-z\-\u2019']*)")


_IRREGULAR_PLURALS = frozenset("people men women children police staff cattle personnel troops feet teeth mice".split())
_IRREGULAR_VERBS = frozenset(
    """fled fell rose came went said got made took left ran grew saw lost won died remain remained became
    began held kept met paid sent sold spent stood told thought bought brought fought caught""".split()
)


def _looks_plural(word: str) -> bool:
    return word in _IRREGULAR_PLURALS or (
        len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "ous", "is", "us", "ics", "news"))
    )


def _counted_noun(text: str, pos: int) -> tuple[str | None, int]:
    """Head noun of the phrase starting at pos ("desperately needed grain and…" -> grain), and where it ends.

    Without a parser the head is taken as the last word before a function word
    or punctuation, at most four words on: English noun phrases end in their head.
    """
    words: list[tuple[str, int]] = []
    cursor = pos
    while len(words) < 4:
        match = _NEXT_WORD.match(text, cursor)
        if match is None:
            break
        word = match.group(1)
        lowered = word.lower()
        if lowered in _NOT_COUNTED:
            return None, pos
        cursor = match.end()
        if not words and lowered in _DETERMINERS:
            continue
        if lowered in _STOP:
            break
        if words and (lowered in _IRREGULAR_VERBS or lowered.endswith("ed") and not words[-1][0].endswith("ly")):
            break  # "oil dropped", "grain fell": the verb after the noun (but "desperately needed grain")
        words.append((word, match.start(1)))
        if re.search(r"['\u2019]s?$", word) or _looks_plural(lowered):
            break  # a possessive or a plural noun ends the phrase: "combat drones", "new jobs"
    if not words:
        return None, pos
    noun, start = words[-1]
    noun = re.sub(r"['\u2019]s?$", "", noun)
    return noun or None, start + len(noun)


def _of_phrase(text: str, pos: int, money: bool = False) -> tuple[str | None, int]:
    """What an amount is of: "of grain" (and for money "in aid"), right after pos; (None, pos) otherwise."""
    prepositions = r"worth\s+of|of|in" if money else r"of"
    match = re.match(rf"[\u2019\u201d'\"]?\s+(?:{prepositions})(?=[ \t])", text[pos:])
    if match is None:
        return None, pos
    return _counted_noun(text, pos + match.end())


def _is_date_or_code(text: str, start: int, end: int, has_qualifier: bool, number: str) -> bool:
    if _MONTH_BEFORE.search(text[max(0, start - 12):start]) or _NOT_AMOUNT_AFTER.match(text[end:end + 6]):
        return True
    if not has_qualifier and _MONTH_AFTER.match(text[end:end + 14]):
        return True
    if not has_qualifier and re.fullmatch(r"1[89]\d\d|20\d\d|2100", number):
        return True  # a year
    return False


def extract_figures(text: str) -> list[Figure]:
    """Every amount in a text, in order of appearance, without overlaps."""
    found: list[Figure] = []
    for match in _NUMERIC.finditer(text):
        figure = _numeric_figure(text, match)
        if figure is not None:
            found.append(figure)
    for match in _WORDS.finditer(text):
        found.append(_word_figure(text, match, scaled=True))
    for match in _WORDS_UNIT.finditer(text):
        found.append(_word_figure(text, match, scaled=False))
    for match in _VAGUE.finditer(text):
        counts, noun_end = _counted_noun(text, match.end())
        end = noun_end if counts else match.start("num") + len(match.group("num"))
        found.append(Figure(text[match.start():end], None, None, counts, match.start(), end))
    return _without_overlaps(found)


def _numeric_figure(text: str, match: re.Match[str]) -> Figure | None:
    currency, number, scale, unit = match.group("cur"), match.group("num"), match.group("scale"), match.group("unit")
    start = match.start()
    if scale in ("m", "k") and not currency:
        return None  # "100m" is metres as often as millions
    end = match.end()
    if _is_date_or_code(text, start, end, bool(currency or scale or unit), number):
        return None
    value = float(number.replace(",", "")) * (_SCALES[scale.lower()] if scale else 1)
    unit_name = _CURRENCY_SIGNS.get(currency.strip()) if currency else None
    if unit:
        unit_name = _UNITS[unit] if unit in _UNITS else _UNITS.get(unit.lower(), unit)
        if currency and unit_name in ("USD", "EUR", "GBP"):
            unit_name = _CURRENCY_SIGNS[currency.strip()]
    counts, _ = _of_phrase(text, end, money=unit_name in _MONEY)
    if unit_name is None:
        if counts is None:
            counts, noun_end = _counted_noun(text, end)
            if counts is not None:
                end = noun_end
        if counts is None and not scale:
            return None  # a bare number says nothing
    return Figure(text[start:end], value, unit_name, counts, start, end)


def _word_figure(text: str, match: re.Match[str], *, scaled: bool) -> Figure:
    groups = match.groupdict()
    number, unit, currency = match.group("num"), match.group("unit"), groups.get("cur")
    base = _word_value(re.sub(r"^half\s+a\b", "half", number, flags=re.IGNORECASE))
    scale = groups.get("scale")
    value = base * _SCALES[scale.lower()] if base is not None and scale else base
    unit_name = _CURRENCY_SIGNS.get(currency.strip()) if currency else None
    if unit:
        unit_name = _UNITS.get(unit, _UNITS.get(unit.lower(), unit))
    start, end = match.start(), match.end()
    counts, _ = _of_phrase(text, end, money=unit_name in _MONEY)
    if unit_name is None and counts is None:
        counts, noun_end = _counted_noun(text, end)
        if counts is not None:
            end = noun_end
    return Figure(text[start:end], value, unit_name, counts, start, end)


def _without_overlaps(figures: list[Figure]) -> list[Figure]:
    """Keep the longest of overlapping figures ("five million tons" over "five")."""
    kept: list[Figure] = []
    for figure in sorted(figures, key=lambda f: (f.start, -(f.end - f.start))):
        if kept and figure.start < kept[-1].end:
            continue
        kept.append(figure)
    return kept
