"""Text helpers shared by the page-metadata readers: cleaning a stated value, and the folded
key under which two statements count as the same ("Tom &amp; Jerry" = "TOM & JERRY")."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from html import unescape

from tasks.extract.normalize import clean_text

SPACES = re.compile(r"\s+")
_TAGS = re.compile(r"<[^>]+>")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+\d*);", re.IGNORECASE)
_NOT_ALNUM = re.compile(r"[\W_]+")


def clean_field(value: str) -> str:
    """Entities unescaped (twice-escaped ones too), tags removed, whitespace folded: meta
    tags and JSON-LD carry HTML-escaped text as often as plain text."""
    if not value:
        return ""
    for _ in range(2):
        if "&" in value and _ENTITY.search(value):
            value = unescape(value)
    if "<" in value:
        value = _TAGS.sub(" ", value)
    return SPACES.sub(" ", clean_text(value)).strip()


def match_key(text: str) -> str:
    """Letters and digits only, case- and accent-folded: for comparing titles and names,
    which pages write with varying case, punctuation and accents."""
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKD", text.casefold()))


def unique(items: Iterable) -> list:
    """The items in order without repeats; strings compare by :func:`match_key`, and empty
    ones are dropped."""
    seen = set()
    result = []
    for item in items:
        key = match_key(item) if isinstance(item, str) else item
        if key and key not in seen:
            seen.add(key)
            result.append(item)
    return result


def is_url(value: str) -> bool:
    """A link where a name should be (``article:author`` often holds a profile URL)."""
    value = value.strip().lower()
    return value.startswith(("http://", "https://", "www.", "//")) or bool(re.match(r"^[\w.-]+\.(?:com|org|net)/", value))
