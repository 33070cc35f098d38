"""People named in text by rules, for languages without an NER model (German, Spanish,
Italian, Portuguese, Dutch...; see docs/languages.md).

No statistical model for these languages installs from the package index, and English NER
on German text yields confident nonsense, so a person is only taken on a personal-name
signal (tasks.enrich.people_data):

* a role right before capitalised words: "Bundeskanzler Olaf Scholz", "Vorstandschef Oliver
  Blume", "el presidente Pedro Sánchez", "Kanzler Scholz";
* a common given name before one or two capitalised words: "Harry Kane", "Karl Nehammer".

A name ends at a lower-case word (a joiner such as "von der" excepted) or at punctuation, and
never starts at a place the gazetteer found ("Präsident Frankreichs"); a place inside a name
("Markus Söder") is the gazetteer's mistake and gives way. The surname of a person found so,
alone elsewhere in the text ("Scholz sagte") and not after an article ("der Bauer"), is
another mention of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tasks.enrich.entities import Mention, Span, merge_spans
from tasks.enrich.people_data import ARTICLES, GIVEN_NAMES, NAME_JOINERS, ROLE_ENDINGS, ROLE_WORDS

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*", re.UNICODE)
_MAX_NAME_WORDS = 4
# words of a name are next to each other: nothing but a space between them
_MAX_GAP = 1


def find_people(text: str, places: Iterable[Mention] = ()) -> tuple[Mention, ...]:
    """PERSON mentions of a text by role words and given names; ``places`` are the gazetteer's
    mentions of the same text (a name does not start at one)."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    place_starts = {start for m in places for start, _ in m.offsets}
    spans = _named_spans(text, words, place_starts)
    spans += _surname_spans(words, spans)
    return merge_spans(tuple(spans))


def _named_spans(text: str, words: list[tuple[int, int, str]], place_starts: set[int]) -> list[Span]:
    spans: list[Span] = []
    i = 0
    while i < len(words):
        word = words[i][2]
        if _is_role(word):
            name = _name_at(words, i + 1, place_starts, minimum=1)
        elif word.lower() in GIVEN_NAMES and _capitalised(word):
            name = _name_at(words, i, place_starts, minimum=2)
        else:
            name = None
        if name:
            first, last = name
            start, end = words[first][0], words[last][1]
            spans.append(Span(text[start:end], "PERSON", start, end))
            i = last + 1
            continue
        i += 1
    return spans


def _name_at(words: list[tuple[int, int, str]], i: int, place_starts: set[int], *, minimum: int) -> tuple[int, int] | None:
    """(first, last) word indices of the name starting at word ``i``: capitalised words (and
    joiners between them), at least ``minimum`` of them, none a role or a place."""
    last = None
    j = i
    while j < len(words) and j - i < _MAX_NAME_WORDS:
        start, _, word = words[j]
        if j > i and start - words[j - 1][1] > _MAX_GAP:
            break
        if (j == i and start in place_starts) or _is_role(word):  # "Präsident Frankreichs" names nobody
            break
        if _capitalised(word):
            last = j
        elif not (word.lower() in NAME_JOINERS and last is not None):
            break
        j += 1
    if last is None or sum(_capitalised(w) for _, _, w in words[i : last + 1]) < minimum:
        return None
    return i, last


def _surname_spans(words: list[tuple[int, int, str]], people: list[Span]) -> list[Span]:
    """The surnames of the people found, alone elsewhere in the text, not after an article."""
    surnames = {span.text.split()[-1] for span in people if " " in span.text}
    last_words = {span.end for span in people}  # a name's own surname ends where the name ends
    found = []
    for index, (start, end, word) in enumerate(words):
        if word not in surnames or end in last_words:
            continue
        if index > 0 and words[index - 1][2].lower() in ARTICLES:
            continue
        found.append(Span(word, "PERSON", start, end))
    return found


def _is_role(word: str) -> bool:
    lower = word.lower()
    return lower in ROLE_WORDS or (_capitalised(word) and any(lower.endswith(e) and len(lower) > len(e) + 2 for e in ROLE_ENDINGS))


def _capitalised(word: str) -> bool:
    """A name's word: a capital then lower case ("Scholz", "O'Neill", "Łukasz"), not an
    acronym ("SPD")."""
    return word[:1].isupper() and not word.isupper()
