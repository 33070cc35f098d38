"""Normalising field values that every input format delivers differently:
timestamps, URLs, author lists and whitespace. Pure functions."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from urllib.parse import urlsplit

from courlan import normalize_url as _courlan_normalize
from dateutil import parser as _dateparser

from tasks.extract.byline_vocabulary_data import BY_PREFIX, JOB_WORDS

_HOUR = 3600
# Zone abbreviations common in news bylines, unambiguous enough to trust.
_TZ_ABBREVIATIONS = {
    "UTC": 0, "GMT": 0, "Z": 0, "BST": _HOUR, "CET": _HOUR, "CEST": 2 * _HOUR, "EET": 2 * _HOUR,
    "EEST": 3 * _HOUR, "MSK": 3 * _HOUR, "EST": -5 * _HOUR, "EDT": -4 * _HOUR, "CST": -6 * _HOUR,
    "CDT": -5 * _HOUR, "MST": -7 * _HOUR, "MDT": -6 * _HOUR, "PST": -8 * _HOUR, "PDT": -7 * _HOUR,
    "JST": 9 * _HOUR, "KST": 9 * _HOUR, "AEST": 10 * _HOUR, "AEDT": 11 * _HOUR,
}
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|\||&|\band\b|\bund\b|\bet\b|\by\b)\s*", re.IGNORECASE)
_NOT_A_NAME = re.compile(r"@|https?://|\d")


def clean_text(text: str) -> str:
    """Unicode NFC, runs of spaces folded, lines trimmed, at most one blank line between paragraphs."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def parse_timestamp(value: object, *, not_after: datetime | None = None) -> datetime | None:
    """A UTC timestamp from ISO 8601, RFC 2822, a plain date or epoch seconds.

    Naive values are taken as UTC (feeds and JSON producers mostly mean UTC when
    they omit the offset). Returns None for anything unparseable and for dates
    after ``not_after`` (a publication date cannot be later than the fetch).
    """
    if value is None or value == "":
        return None
    try:
        if isinstance(value, datetime):
            parsed = value
        elif isinstance(value, (int, float)):
            seconds = value / 1000 if value > 1e11 else value  # milliseconds
            parsed = datetime.fromtimestamp(seconds, tz=UTC)
        else:
            parsed = _dateparser.parse(str(value).strip(), tzinfos=_TZ_ABBREVIATIONS)
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    parsed = parsed.astimezone(UTC)
    if not_after is not None and parsed > not_after:
        return None
    return parsed


def normalize_url(url: str | None) -> str | None:
    """Canonical form of an article URL: lower-case host, no fragment, no tracking parameters."""
    if not url:
        return None
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")):
        return None
    try:
        return _courlan_normalize(url, strict=True)
    except (ValueError, AttributeError):
        return url


def domain_of(url: str | None) -> str | None:
    """The outlet's host name without ``www.``."""
    if not url:
        return None
    host = urlsplit(url).hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def split_authors(byline: str | list[str] | None) -> list[str]:
    """Person names from a byline: "By A and B, Staff Reporter" → ["A", "B"].

    Drops "By", e-mail addresses, URLs and job descriptions; keeps order and
    removes repeats.
    """
    if not byline:
        return []
    parts = byline if isinstance(byline, list) else _AUTHOR_SPLIT.split(byline)
    names: list[str] = []
    for part in parts:
        for piece in _AUTHOR_SPLIT.split(part) if isinstance(byline, list) else [part]:
            name = BY_PREFIX.sub("", _SPACES.sub(" ", piece).strip(" .-–—:"))
            if not name or _NOT_A_NAME.search(name) or len(name.split()) > 5 or _is_job_title(name):
                continue
            if name not in names:
                names.append(name)
    return names


def _is_job_title(piece: str) -> bool:
    """Only job words: "Senior Political Correspondent" credits nobody by name."""
    return all(word.strip(".,").lower() in JOB_WORDS for word in piece.split())
