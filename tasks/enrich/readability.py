"""Readability: Flesch reading ease for English, LIX for every language.

Flesch's constants were fitted on English syllable counts, so it is only
computed for English; LIX (words per sentence + share of words over six
letters) needs no syllables and is used across European languages.
"""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)]*(?:\s|$)")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def sentence_count(text: str) -> int:
    return max(1, len(_SENTENCE_END.findall(text)))


def syllables(word: str) -> int:
    """English syllables by vowel groups, with the silent final e: good to ±1 on most words."""
    word = word.lower()
    count = len(_VOWEL_GROUPS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    return max(1, count)


def flesch_reading_ease(text: str, language: str | None) -> float | None:
    """206.835 − 1.015·words/sentences − 84.6·syllables/words; higher is easier (60–70: plain English)."""
    words = _WORD.findall(text)
    if language != "en" or not words:
        return None
    score = 206.835 - 1.015 * len(words) / sentence_count(text) - 84.6 * sum(map(syllables, words)) / len(words)
    return round(score, 2)


def lix(text: str) -> float | None:
    """words/sentences + 100·long words/words; under 30 is very easy, over 60 very hard."""
    words = _WORD.findall(text)
    if not words:
        return None
    long_words = sum(1 for word in words if len(word) > 6)
    return round(len(words) / sentence_count(text) + 100 * long_words / len(words), 2)
