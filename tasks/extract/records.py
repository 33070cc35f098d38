"""JSON and JSON Lines input: one article record per object or per line.

Records follow :class:`schemas.records.ArticleRecord`; missing fields are
tolerated, and a bad line rejects that line only, never the whole file.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from pydantic import ValidationError

from schemas.records import ArticleRecord, Extracted, Rejection
from tasks.extract.detect import markup_problem
from tasks.extract.html import extract_html
from tasks.extract.normalize import (
    absolute_http_url,
    clean_text,
    http_url,
    local_timestamp,
    parse_timestamp,
    split_authors,
    timestamp_or_reason,
)
from tasks.extract.text import is_chrome

EXTRACTOR = "newslake-record/1"


@dataclass(frozen=True)
class Unreadable:
    """A line or array element that could not be decoded, and why."""

    where: str  # "line 3", "record 2"
    error: Exception


def parse_json(data: str) -> Iterator[tuple[int, object]]:
    """(index, decoded value) for a JSON object, or for each element of a JSON array. An
    element too deeply nested to decode, or holding a number too long to convert, becomes
    an :class:`Unreadable` and rejects that element only; a syntax error (which leaves no
    way to know where elements end) raises ``JSONDecodeError`` for the whole document."""
    try:
        value = json.loads(data)
    except json.JSONDecodeError:
        raise
    except (RecursionError, ValueError) as exc:
        if not data.lstrip().startswith("["):
            yield 0, Unreadable("record 0", exc)
            return
        yield from _array_elements(data)
        return
    items = value if isinstance(value, list) else [value]
    yield from enumerate(items)


def parse_json_lines(data: str) -> Iterator[tuple[int, object]]:
    """(line index, decoded value or :class:`Unreadable`) for each non-blank line."""
    for index, line in enumerate(data.splitlines()):
        if not line.strip():
            continue
        try:
            yield index, json.loads(line)
        except (RecursionError, ValueError) as exc:  # JSONDecodeError is a ValueError
            yield index, Unreadable(f"line {index + 1}", exc)


_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def _array_elements(data: str) -> Iterator[tuple[int, object]]:
    """The elements of a JSON array one by one, each failure confined to its element."""
    position = _WHITESPACE.match(data, 0).end() + 1  # after "["
    position = _WHITESPACE.match(data, position).end()
    if data[position : position + 1] == "]":
        return
    index = 0
    while True:
        try:
            value, position = _DECODER.raw_decode(data, position)
            yield index, value
        except json.JSONDecodeError:
            raise
        except (RecursionError, ValueError) as exc:
            yield index, Unreadable(f"record {index}", exc)
            position = skip_value(data, position)
        position = _WHITESPACE.match(data, position).end()
        separator = data[position : position + 1]
        if separator == "]":
            break
        if separator != ",":
            raise json.JSONDecodeError("Expecting ',' delimiter", data, position)
        position = _WHITESPACE.match(data, position + 1).end()
        index += 1
    if data[position + 1 :].strip():
        raise json.JSONDecodeError("Extra data", data, position + 1)


_STRING = re.compile(r'"(?:[^"\\]|\\.)*+"', re.S)
_STRUCTURE = re.compile(r'[\[\]{}"]')
_SCALAR = re.compile(r"[^,\]}\s]*")


def skip_value(data: str, position: int) -> int:
    """Where the JSON value starting at ``position`` ends, found without recursion (however
    deep the nesting) and without decoding it."""
    if data[position : position + 1] not in ("[", "{"):
        string = _STRING.match(data, position)
        return string.end() if string else _SCALAR.match(data, position).end()
    depth = 0
    while True:
        found = _STRUCTURE.search(data, position)
        if found is None:
            raise json.JSONDecodeError("Unterminated array or object", data, position)
        char = found.group()
        if char == '"':
            string = _STRING.match(data, found.start())
            if string is None:
                raise json.JSONDecodeError("Unterminated string", data, found.start())
            position = string.end()
            continue
        depth += 1 if char in "[{" else -1
        position = found.end()
        if depth == 0:
            return position


def record_to_article(index: int, value: object, *, fetched_at: datetime | None = None) -> Extracted | Rejection:
    """An extracted article from one decoded record, or why it cannot be one."""
    if isinstance(value, Unreadable):
        return _unreadable(index, value)
    if isinstance(value, json.JSONDecodeError):
        return Rejection("parse", f"line {index + 1} is not valid JSON: {value.msg}", "JSONDecodeError", index)
    if not isinstance(value, dict):
        return Rejection("parse", f"record {index} is a {type(value).__name__}, not a JSON object", "TypeError", index)
    value = {key: _repaired(item) for key, item in value.items()}
    try:
        record = ArticleRecord.model_validate(value)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return Rejection("parse", f"record {index} has invalid fields: {problems}", "ValidationError", index)
    if record.html and markup_problem(record.html):
        return Rejection("parse", f"record {index}'s `html` is no HTML page: {markup_problem(record.html)}", "UnsupportedInput", index)
    if record.html:
        article = extract_html(record.html, http_url(record.url), fetched_at=fetched_at)
        article.format = "json"
    elif record.text:
        body = "\n\n".join(p for p in clean_text(record.text).split("\n") if p.strip() and not is_chrome(p))
        article = Extracted(body=body, format="json", extractor=EXTRACTOR)
    else:
        return Rejection("parse", f"record {index} has neither `text` nor `html`", "MissingBody", index)
    return _overlay(article, record, index, fetched_at, stated_date=value.get("published_at"))


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _repaired(value: object) -> object:
    """A field with lone surrogates (JSON "\\ud800" escapes, which no UTF-8 can store) replaced
    by U+FFFD, in a string or a list of strings, so that one bad character does not reject
    the record."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value) if _LONE_SURROGATE.search(value) else value
    if isinstance(value, list):
        return [_repaired(v) if isinstance(v, str) else v for v in value]
    return value


def _unreadable(index: int, value: Unreadable) -> Rejection:
    error = value.error
    if isinstance(error, json.JSONDecodeError):
        return Rejection("parse", f"{value.where} is not valid JSON: {error.msg}", "JSONDecodeError", index)
    if isinstance(error, RecursionError):
        reason = f"{value.where} is nested too deeply to read (arrays or objects over {sys.getrecursionlimit()} levels deep)"
    else:
        reason = f"{value.where} cannot be read: {error}"
    return Rejection("parse", reason, type(error).__name__, index)


def _overlay(
    article: Extracted, record: ArticleRecord, index: int, fetched_at: datetime | None, *, stated_date: object = None
) -> Extracted:
    """Fields the producer stated win over what extraction guessed. ``stated_date`` is the
    ``published_at`` as written (``true`` is no epoch, whatever validation made of it)."""
    article.record_index = index
    article.title = record.title or article.title
    article.url = http_url(record.url) or http_url(article.url)
    article.section = record.section or article.section
    authors = split_authors(record.authors) if isinstance(record.authors, str) else record.authors
    article.authors = authors or article.authors
    stated, why = timestamp_or_reason(stated_date, not_after=fetched_at)
    if stated:
        article.published_at, article.date_source = stated, "record:published_at"
        article.published_at_local = local_timestamp(stated_date) or stated.isoformat(timespec="seconds")
    elif why and article.published_at is None:  # the date stated is unusable: no date, and why
        article.date_source = f"ignored: {why}"
    article.modified_at = parse_timestamp(record.modified_at, not_after=fetched_at) or article.modified_at
    article.categories = record.categories or article.categories
    article.tags = record.tags or article.tags
    article.top_image = absolute_http_url(record.image, article.url) or article.top_image
    article.declared_language = record.language or article.declared_language
    article.description = record.description or article.description
    article.site_name = record.source or article.site_name
    return article
