"""Keywords: the phrases an article is about, by YAKE (unsupervised, per document,
with stop-word lists for many languages, so no corpus statistics are needed)."""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import version

METHOD = f"yake/{version('yake')}"
_TOP = 10
# News puts what a story is about first; YAKE's cost grows with the text, so it reads the opening.
_READ_CHARS = 4000


@lru_cache(maxsize=32)
def _extractor(language: str):
    import yake

    return yake.KeywordExtractor(lan=language, n=2, dedupLim=0.7, top=_TOP * 2)


def keywords(body: str, language: str | None, top: int = _TOP) -> list[str]:
    """Up to ``top`` keywords, most relevant first, without near-repeats."""
    if not body.strip():
        return []
    found = _extractor(language or "en").extract_keywords(body[:_READ_CHARS])
    result: list[str] = []
    for phrase, _score in found:
        lowered = phrase.lower()
        if any(lowered in kept.lower() or kept.lower() in lowered for kept in result):
            continue
        result.append(phrase)
        if len(result) == top:
            break
    return result
