"""Normalising field values that every input format delivers differently:
timestamps, URLs, author lists and whitespace. Pure functions."""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

from courlan import normalize_url as _courlan_normalize
from dateutil import parser as _dateparser

from tasks.extract.byline_vocabulary_data import AGENCY_NAMES, BY_PREFIX, JOB_WORDS
from tasks.extract.meta_vocabulary_data import MONTHS_ELSEWHERE

_HOUR = 3600
# Zone abbreviations common in news bylines, unambiguous enough to trust.
TZ_ABBREVIATIONS = {
    "UTC": 0, "GMT": 0, "Z": 0, "BST": _HOUR, "CET": _HOUR, "CEST": 2 * _HOUR, "EET": 2 * _HOUR,
    "EEST": 3 * _HOUR, "MSK": 3 * _HOUR, "EST": -5 * _HOUR, "EDT": -4 * _HOUR, "CST": -6 * _HOUR,
    "CDT": -5 * _HOUR, "MST": -7 * _HOUR, "MDT": -6 * _HOUR, "PST": -8 * _HOUR, "PDT": -7 * _HOUR,
    "JST": 9 * _HOUR, "KST": 9 * _HOUR, "AEST": 10 * _HOUR, "AEDT": 11 * _HOUR,
}
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_AUTHOR_SPLIT = re.compile(
    r"\s*(?:,|;|\||&|、|，|；|\s/\s|\band\b|\bund\b|\bet\b|\by\b|(?-i:\be\b|\ben\b)(?!\.)|\bmit\s+material\s+(?:von|der|des)\b|"
    r"\bmit\b|\bavec\b|\bwith\b|\bvia\b)\s*",
    re.IGNORECASE,
)
_NOT_A_NAME = re.compile(r"@|https?://|\d")
# a name ending in an abbreviation keeps its full stop: "John Garcia Jr.", "Jane Q."
_ABBREVIATION_END = re.compile(r"(?:\b\w|\b(?:Jr|Sr|Snr|Jnr|Esq|Ph\.D|M\.D))\.$")


def clean_text(text: str) -> str:
    """Unicode NFC, runs of spaces folded, lines trimmed, at most one blank line between paragraphs."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def parse_timestamp(value: object, *, not_after: datetime | None = None) -> datetime | None:
    """A UTC timestamp from ISO 8601, RFC 2822, a plain date or epoch seconds.

    Naive values are taken as UTC (feeds and JSON producers mostly mean UTC when
    they omit the offset). Returns None for anything unparseable or out of range, and
    for dates after ``not_after`` (a publication date cannot be later than the fetch).
    Never raises: :func:`timestamp_or_reason` says why a value was not taken.
    """
    return timestamp_or_reason(value, not_after=not_after)[0]


def timestamp_or_reason(value: object, *, not_after: datetime | None = None) -> tuple[datetime | None, str | None]:
    """``(moment, None)`` for a usable timestamp, ``(None, None)`` for no value, and
    ``(None, why)`` for a value that is not taken: ``"not a date"``, ``"out of range"``
    (before 1800, or beyond what a timestamp can hold, e.g. year 1 with a positive
    offset, epoch 10**20) or ``"after the fetch time"``."""
    if value is None or value == "":
        return None, None
    try:
        parsed = _parse_moment(value)
        if parsed is None:
            return None, NOT_A_DATE
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        parsed = parsed.astimezone(UTC)  # overflows for 0001-01-01T00:00+09:00
    except OverflowError:
        return None, OUT_OF_RANGE
    except Exception as exc:  # noqa: BLE001 - OSError for epochs the C library cannot convert; dateutil raises odd ones
        return None, OUT_OF_RANGE if isinstance(exc, OSError) or "range" in str(exc) else NOT_A_DATE
    if parsed < _EARLIEST:
        return None, OUT_OF_RANGE
    if not_after is not None and parsed > not_after:
        return None, AFTER_FETCH
    return parsed, None


def local_timestamp(value: object) -> str | None:
    """The moment as the producer states it, in ISO 8601: with the stated UTC offset
    ("2026-03-14T23:30:00-05:00", epochs at "+00:00"), without one when the value names no
    zone ("2026-03-14T23:30:00"), and a date alone ("2026-03-14") when no time of day is
    given. Unlike :func:`parse_timestamp` nothing is converted: its first ten characters are
    the publisher's own calendar day, which a conversion to UTC can move. None when the value
    is no date (callers take it only beside a usable :func:`parse_timestamp`)."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        moment = _parse_moment(value)
    except Exception:  # noqa: BLE001 - dateutil and the C library raise odd ones on junk
        return None
    if moment is None:
        return None
    if isinstance(value, (str, bytes)) and not _TIME_OF_DAY.search(str(value)):
        return moment.date().isoformat()
    return moment.isoformat(timespec="seconds")


# a time of day in a stated date: "09:30", "T0930", "9 am", "9.30 Uhr"
_TIME_OF_DAY = re.compile(r"\d:\d\d|T\d\d|\d\s*[ap]\.?m\b|\d\s*Uhr\b|\d{1,2}[.h]\d\d\b(?!\.\d)", re.IGNORECASE)


NOT_A_DATE, OUT_OF_RANGE, AFTER_FETCH = "not a date", "out of range", "after the fetch time"
# no news article is older: earlier values are placeholders ("0001-01-01") or overflowed epochs
_EARLIEST = datetime(1800, 1, 1, tzinfo=UTC)
MAX_DATE_CHARS = 200  # longer is no date, and dateutil's tokenizer is slow on megabytes


_MONTH_IN_ENGLISH = {
    word: datetime(2001, month, 1).strftime("%B") for month, words in MONTHS_ELSEWHERE.items() for word in words.split()
}
_MONTH_WORD = re.compile(r"\b(" + "|".join(sorted(_MONTH_IN_ENGLISH, key=len, reverse=True)) + r")\b\.?", re.IGNORECASE)
# "18h54" (French), "18.54 Uhr" (German): an hour and its minutes
_HOUR_MARK = re.compile(r"\b([01]?\d|2[0-3])(?:h|\.(?=\d\d\s*Uhr))([0-5]\d)\b", re.IGNORECASE)
_UHR = re.compile(r"(?<=\d)\s*Uhr\b", re.IGNORECASE)
# "05.12.2023", "5.12.23": a day before its month, wherever a date is written so
DOTTED_DAY = re.compile(r"\b\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\b")


def date_in_english(text: str) -> str:
    """A date in another language as dateutil reads it: month names in English ("5. Dezember
    2023" → "5. December 2023"), and "18h54"/"18.54 Uhr" as "18:54"."""
    text = _MONTH_WORD.sub(lambda m: _MONTH_IN_ENGLISH[m.group(1).lower()], text)
    return _UHR.sub("", _HOUR_MARK.sub(r"\1:\2", text))


def _parse_moment(value: object) -> datetime | None:
    """The value as a datetime (maybe naive), None when it cannot be one; raises on out-of-range values."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, bool):  # True is an int, but no epoch
        return None
    if isinstance(value, (int, float)):
        if value != value or value in (float("inf"), float("-inf")):  # NaN, infinities
            return None
        seconds = value / 1000 if abs(value) > 1e11 else value  # milliseconds
        return datetime.fromtimestamp(seconds, tz=UTC)
    text = str(value).strip()
    if not text or len(text) > MAX_DATE_CHARS:
        return None
    text = date_in_english(text)
    return _dateparser.parse(text, tzinfos=TZ_ABBREVIATIONS, dayfirst=bool(DOTTED_DAY.search(text)))


def http_url(url: object) -> str | None:
    """``url`` stripped, when it is an absolute http(s) URL that parses, with a valid host and
    port; otherwise None (``javascript:``, ``data:``, relative or malformed URLs: ``http://[::1``,
    a port that is no number). The only URLs the lake stores."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url or len(url) > _MAX_URL_CHARS or _URL_FORBIDDEN.search(url):
        return None
    try:
        parts = urlsplit(url)
        host, _ = parts.hostname, parts.port  # .port raises on a port that is no number or out of range
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host or not _valid_host(host):
        return None
    return url


_MAX_URL_CHARS = 8192
_URL_FORBIDDEN = re.compile(r"[\x00-\x20\x7f<>\"\\]")  # whitespace, controls, what no URL holds raw
_HOST_LABEL = re.compile(r"(?!-)[\w-]{1,63}(?<!-)")


def _valid_host(host: str) -> bool:
    if ":" in host:  # an IPv6 literal (urlsplit took off the brackets)
        try:
            ipaddress.IPv6Address(host.split("%")[0])
        except ValueError:
            return False
        return True
    labels = host.removesuffix(".").split(".")
    return len(host) <= 253 and all(_HOST_LABEL.fullmatch(label) for label in labels)


def absolute_http_url(url: object, base: str | None = None) -> str | None:
    """:func:`http_url` of ``url`` made absolute against ``base`` (an image's ``/img/a.jpg`` on
    its article's page); None when it is not an http(s) URL either way."""
    if not isinstance(url, str) or not url.strip():
        return None
    absolute = http_url(url)
    if absolute is None and http_url(base) and not _SCHEME.match(url.strip()):
        try:
            absolute = http_url(urljoin(base, url.strip()))
        except ValueError:
            return None
    return absolute


_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:(?!//)|[a-zA-Z][a-zA-Z0-9+.-]*://")


def normalize_url(url: str | None) -> str | None:
    """Canonical form of an article URL: lower-case host, no fragment, no tracking parameters.
    None for anything but a valid absolute http(s) URL (see :func:`http_url`); never raises."""
    url = http_url(url)
    if url is None:
        return None
    try:
        canonical = _courlan_normalize(url, strict=True)
    except Exception:  # courlan raises on odd URLs (ValueError, AttributeError...): keep them as given
        return url
    return http_url(canonical) or url


def domain_of(url: str | None) -> str | None:
    """The outlet's host name without ``www.``; None when there is none or the URL does not parse."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8}){0,4}")


def language_tag(value: object) -> str | None:
    """A declared language when it has the shape of one ("en", "en-GB", "zh_Hant_TW"); None for
    anything else (empty, a sentence, a megabyte of "x")."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value if len(value) <= 35 and _LANGUAGE_TAG.fullmatch(value) else None


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
            name = BY_PREFIX.sub("", _without_stray_stops(_SPACES.sub(" ", piece)))
            if not name or _NOT_A_NAME.search(name) or len(name.split()) > 5 or _is_job_title(name):
                continue
            if name not in names:
                names.append(name)
    return names


def _without_stray_stops(piece: str) -> str:
    """``piece`` without surrounding spaces, dashes, colons and full stops, except the full
    stop of a final abbreviation ("Jr.")."""
    rest = piece.rstrip(" -–—:")
    return rest.lstrip(" .-–—:") if _ABBREVIATION_END.search(rest) else piece.strip(" .-–—:")


def _is_job_title(piece: str) -> bool:
    """Only job words: "Senior Political Correspondent" credits nobody by name ("The Associated
    Press", made of such words too, is an agency: it credits the agency)."""
    if piece.strip(" .").lower() in AGENCY_NAMES:
        return False
    return all(word.strip(".,").lower() in JOB_WORDS for word in piece.split())
