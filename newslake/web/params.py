"""Reading what a request asks for (pure): the query string, checked strictly, and the
values pages take from it — days, numbers, codes, names, page numbers — each with an
error that says what was wrong (a :class:`WebError`, shown as a 400 page).

Every page's state lives in its URL, so a search, a statement or an analysis can be
bookmarked and shared; :meth:`SearchParams.link` writes those URLs back.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date
from urllib.parse import parse_qsl, urlencode

MAX_QUERY_STRING = 32_000
"""Longest query string read (characters, encoded); a statement is the longest thing in one."""
MAX_TEXT = 500
"""Longest search text, name or code."""
MAX_PAGE = 500
ENTITY_TYPES = ("PERSON", "ORG", "PLACE", "NORP")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{1,8})*")
_COUNTRY = re.compile(r"[A-Z]{2}")


class WebError(Exception):
    """A request the app cannot serve, with the status and a message for the person who sent it."""

    def __init__(self, status: int, message: str, title: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.title = title or {400: "Bad request", 403: "Forbidden", 404: "Not found", 409: "Conflict",
                               413: "Too large"}.get(status, "Error")


def bad(message: str) -> WebError:
    return WebError(400, message)


def parse_query_string(raw: bytes | str) -> dict[str, str]:
    """The query string as a dict. Strict: it must be UTF-8 once decoded, name each
    parameter once, and hold no control characters (tab and newlines are allowed: a
    statement has them); parameters without a value are empty strings."""
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise bad("the query string is not valid UTF-8") from None
    if len(text) > MAX_QUERY_STRING:
        raise WebError(413, f"the query string is {len(text):,} characters long, over the {MAX_QUERY_STRING:,} this app reads: "
                            "shorten the statement, or use the Python API (newslake.connect()) for long ones")
    try:
        pairs = parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict", max_num_fields=100)
    except UnicodeDecodeError:
        raise bad("the query string is not valid UTF-8 once percent-decoded") from None
    except ValueError as exc:
        raise bad(f"the query string cannot be read: {exc}") from None
    values: dict[str, str] = {}
    for name, value in pairs:
        if name in values:
            raise bad(f"the parameter {name!r} is given more than once: give it once")
        if _CONTROL.search(name) or _CONTROL.search(value):
            raise bad(f"the parameter {name!r} holds control characters")
        values[name] = value
    return values


def text_param(values: Mapping[str, str], name: str, *, max_length: int = MAX_TEXT) -> str | None:
    """A free-text value, whitespace trimmed; None when absent or blank."""
    value = (values.get(name) or "").strip()
    if len(value) > max_length:
        raise bad(f"{name} is {len(value):,} characters long; at most {max_length:,} are accepted")
    return value or None


def day_param(values: Mapping[str, str], name: str) -> date | None:
    """A day, ``YYYY-MM-DD``; None when absent or blank."""
    value = text_param(values, name, max_length=40)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise bad(f"{name} {value!r} is not a day: use YYYY-MM-DD, e.g. 2026-03-01") from None


def int_param(values: Mapping[str, str], name: str, default: int, *, minimum: int = 1, maximum: int = 10**9) -> int:
    """A whole number in ``[minimum, maximum]``; ``default`` when absent or blank."""
    value = text_param(values, name, max_length=20)
    if value is None:
        return default
    if not re.fullmatch(r"[+-]?\d+", value):
        raise bad(f"{name} {value!r} is not a whole number")
    number = int(value)
    if not minimum <= number <= maximum:
        raise bad(f"{name} must be between {minimum:,} and {maximum:,}, not {number:,}")
    return number


def language_param(values: Mapping[str, str], name: str = "lang") -> str | None:
    """An ISO 639-1 (or -3) code, as the lake stores it: ``en``, ``fr``."""
    value = text_param(values, name, max_length=20)
    if value is None:
        return None
    if not _LANGUAGE.fullmatch(value.lower()):
        raise bad(f"{name} {value!r} is not a language code: use ISO 639-1, e.g. en, fr")
    return value.lower()


def country_param(values: Mapping[str, str], name: str = "country") -> str | None:
    """An ISO 3166-1 alpha-2 code, upper case: ``IR``, ``FR``."""
    value = text_param(values, name, max_length=10)
    if value is None:
        return None
    if not _COUNTRY.fullmatch(value.upper()):
        raise bad(f"{name} {value!r} is not a country code: use ISO 3166-1 alpha-2, e.g. IR, FR")
    return value.upper()


def entity_type_param(values: Mapping[str, str], name: str = "type") -> str | None:
    """``PERSON``, ``ORG``, ``PLACE`` or ``NORP`` (any case)."""
    value = text_param(values, name, max_length=20)
    if value is None:
        return None
    if value.upper() not in ENTITY_TYPES:
        raise bad(f"{name} {value!r} is not an entity type: use one of {', '.join(ENTITY_TYPES)}")
    return value.upper()


def article_id_param(value: str) -> str:
    """An ``article_id`` (32 hex digits) or a cluster id (the same); 404 for anything else:
    no such article can exist."""
    if not re.fullmatch(r"[0-9a-f]{32}", value):
        raise WebError(404, f"there is no article {value[:80]!r}: article ids are 32 hexadecimal digits")
    return value


@dataclass(frozen=True)
class SearchParams:
    """What a search page shows: the words, the filters (facets) and the page."""

    q: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    lang: str | None = None
    domain: str | None = None
    entity: str | None = None
    entity_type: str | None = None
    country: str | None = None
    page: int = 1

    # URL parameter of each field
    NAMES = {"q": "q", "date_from": "from", "date_to": "to", "lang": "lang", "domain": "domain", "entity": "entity",
             "entity_type": "type", "country": "country", "page": "page"}

    @classmethod
    def from_query(cls, values: Mapping[str, str]) -> SearchParams:
        params = cls(
            q=text_param(values, "q"),
            date_from=day_param(values, "from"),
            date_to=day_param(values, "to"),
            lang=language_param(values),
            domain=text_param(values, "domain", max_length=253),
            entity=text_param(values, "entity"),
            entity_type=entity_type_param(values),
            country=country_param(values),
            page=int_param(values, "page", 1, maximum=MAX_PAGE),
        )
        if params.date_from and params.date_to and params.date_from > params.date_to:
            raise bad(f"from ({params.date_from}) is after to ({params.date_to}): swap them")
        return params

    @property
    def filtered(self) -> bool:
        """Whether any filter (not the words) narrows the articles."""
        return any((self.date_from, self.date_to, self.lang, self.domain, self.entity, self.country))

    def query(self, **changes: object) -> dict[str, str]:
        """The URL parameters of this search with ``changes`` (a changed filter starts at page 1)."""
        if changes and "page" not in changes:
            changes["page"] = 1
        updated = replace(self, **changes)
        out = {}
        for field in fields(updated):
            value = getattr(updated, field.name)
            if value is None or (field.name == "page" and value == 1):
                continue
            out[self.NAMES[field.name]] = value.isoformat() if isinstance(value, date) else str(value)
        return out

    def link(self, path: str = "/search", **changes: object) -> str:
        """The URL of this search with ``changes``: ``link(lang=None)`` removes the language filter."""
        query = self.query(**changes)
        return path + ("?" + urlencode(query) if query else "")


@dataclass(frozen=True)
class Pagination:
    """Page ``page`` of ``total`` items, ``per_page`` a page."""

    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def first_item(self) -> int:
        return min(self.total, self.offset + 1)

    @property
    def last_item(self) -> int:
        return min(self.total, self.offset + self.per_page)

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def beyond_last(self) -> bool:
        """A page past the results (an old link after the lake changed, or a typed number)."""
        return self.total > 0 and self.page > self.pages

    def window(self, size: int = 7) -> list[int | None]:
        """Page numbers to show, with None for a gap: ``[1, None, 4, 5, 6, None, 12]``."""
        pages = self.pages
        if pages <= size:
            return list(range(1, pages + 1))
        side = (size - 3) // 2
        start, end = max(2, self.page - side), min(pages - 1, self.page + side)
        out: list[int | None] = [1]
        if start > 2:
            out.append(None)
        out.extend(range(start, end + 1))
        if end < pages - 1:
            out.append(None)
        out.append(pages)
        return out
