"""Tone: how positive or negative an article reads, with the method named.

VADER is a lexicon built for English; applied to other languages it scores
noise. French, German and Dutch are scored with the Pattern lexicons shipped in
PyPI packages (tasks.enrich.tone_lexicons); every other language gets no score and
the method says why (docs/languages.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version

from tasks.enrich.tone_lexicons import LEXICONS, method, paragraph_scores

METHOD = f"vader/{version('vaderSentiment')}"


@dataclass(frozen=True)
class Tone:
    score: float | None  # VADER compound, -1 (negative) … +1 (positive)
    positive: float | None
    negative: float | None
    method: str


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def tone(body: str, language: str | None) -> Tone:
    """VADER's compound score averaged over paragraphs (whole-article scoring saturates at ±1)."""
    if language in LEXICONS:
        return lexicon_tone(body, language)
    if language != "en":
        return Tone(None, None, None, f"none: no tone lexicon for language {language!r}")
    paragraphs = [p for p in body.split("\n\n") if p.strip()] or [body]
    scores = [_analyzer().polarity_scores(p) for p in paragraphs]
    weights = [len(p.split()) for p in paragraphs]
    total = sum(weights) or 1

    def mean(key: str) -> float:
        return round(sum(s[key] * w for s, w in zip(scores, weights)) / total, 4)

    return Tone(mean("compound"), mean("pos"), mean("neg"), METHOD)


def lexicon_tone(body: str, language: str) -> Tone:
    """Pattern-lexicon tone: mean polarity per paragraph, word-weighted over the article."""
    paragraphs = [p for p in body.split("\n\n") if p.strip()] or [body]
    measured = [paragraph_scores(p, language) for p in paragraphs]
    words = sum(m[3] for m in measured) or 1
    score = sum(m[0] * m[3] for m in measured) / words
    positive = sum(m[1] for m in measured) / words
    negative = sum(m[2] for m in measured) / words
    return Tone(round(score, 4), round(positive, 4), round(negative, 4), method(language))
