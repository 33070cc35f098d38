"""Paragraphs of an extracted body that are page furniture, not article text.

An extractor keeps what sits inside the article's container; on many sites that includes the
label of an ad slot ("Advertisement"), cross-links to other stories ("RELATED: …",
"Lesen Sie auch: …"), newsletter boxes, affiliate disclosures, a gallery's counters ("3 of 57") and a copyright line. Each is
recognised on its own, by phrase (``tasks.extract.body_vocabulary_data``), and dropped; the
paragraphs around it stay, so a recognised label in the middle of a story costs nothing.
A repeat of the headline at the top goes too.
"""

from __future__ import annotations

import re

from tasks.extract.body_vocabulary_data import (
    AFFILIATE_MAX_WORDS,
    AFFILIATE_PHRASES,
    CROSS_LINK_LABELS,
    CROSS_LINK_MAX_WORDS,
    FURNITURE_LINES,
    NEWSLETTER_MAX_WORDS,
    NEWSLETTER_WORDS,
    READING_TIME_LABELS,
    READING_TIME_UNITS,
    SIGN_UP_WORDS,
)
from tasks.extract.meta_text import match_key


def _alternatives(phrases: tuple[str, ...]) -> str:
    return "|".join(re.escape(p).replace("'", "['’]?") for p in sorted(phrases, key=len, reverse=True))


_FURNITURE = re.compile(rf"(?:{_alternatives(FURNITURE_LINES)})\s*:?", re.IGNORECASE)
_CROSS_LINK = re.compile(rf"(?:{_alternatives(CROSS_LINK_LABELS)})(?:\s*:|\s+[|–—-])\s*\S", re.IGNORECASE)
_NEWSLETTER = re.compile(rf"(?<!\w)(?:{_alternatives(NEWSLETTER_WORDS)})(?!\w)", re.IGNORECASE)
_SIGN_UP = re.compile(rf"(?<!\w)(?:{_alternatives(SIGN_UP_WORDS)})(?!\w)", re.IGNORECASE)
_MINUTES = rf"\d{{1,3}}\s*(?:{_alternatives(READING_TIME_UNITS)})\.?"
_READING_TIME = re.compile(
    rf"(?:{_alternatives(READING_TIME_LABELS)})\s*:?\s*{_MINUTES}|{_MINUTES}\s*(?:read|lesezeit|de lecture|de lectura|de leitura)",
    re.IGNORECASE,
)
_AFFILIATE = re.compile("|".join(AFFILIATE_PHRASES), re.IGNORECASE)
_COUNTER = re.compile(r"\d{1,4}\s*(?:of|/)\s*\d{1,4}", re.IGNORECASE)
_COPYRIGHT = re.compile(r"(?:©|copyright\b).{0,200}|.{0,200}\ball rights reserved\.?", re.IGNORECASE)


# the headline, when a body repeats it, is among its first lines
HEADLINE_LINES = 3
# shorter than this (letters and digits) and a first line is not taken for the headline
HEADLINE_MIN_CHARS = 15


def without_headline(text: str, titles: list[str]) -> str:
    """``text`` without a repeat of the page's headline among its first lines (one of
    ``titles``, or all of one but the site's name around it: "Headline | Site"). The title
    has a column of its own; a body that starts with it says it twice."""
    keys = [k for k in map(match_key, titles) if k]
    lines = text.split("\n")
    for index, line in enumerate(lines[:HEADLINE_LINES]):
        key = match_key(line)
        if len(key) >= HEADLINE_MIN_CHARS and any(k.startswith(key) or k.endswith(key) for k in keys):
            rest = lines[:index] + lines[index + 1 :]
            return "\n".join(rest) if any(r.strip() for r in rest) else text
    return text


def without_furniture(text: str) -> str:
    """``text`` (one paragraph a line) without the lines that are page furniture."""
    return "\n".join(line for line in text.split("\n") if not is_furniture(line.strip()))


def is_furniture(paragraph: str) -> bool:
    """Whether one paragraph is an ad label, a cross-link, a newsletter box, an affiliate
    disclosure, a gallery counter, a reading time or a copyright line."""
    if any(p.fullmatch(paragraph) for p in (_FURNITURE, _COUNTER, _COPYRIGHT, _READING_TIME)):
        return True
    words = len(paragraph.split())
    if words <= CROSS_LINK_MAX_WORDS and _CROSS_LINK.match(paragraph):
        return True
    if words <= AFFILIATE_MAX_WORDS and _AFFILIATE.search(paragraph):
        return True
    return words <= NEWSLETTER_MAX_WORDS and bool(_NEWSLETTER.search(paragraph)) and bool(_SIGN_UP.search(paragraph))
