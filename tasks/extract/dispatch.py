"""Extraction: from one landed object to the articles in it (or why there are none).

Bytes are undone (gzip) and decoded (``tasks.extract.encoding``), the format is
detected on the text, and the format's extractor runs. Every failure becomes a
:class:`~schemas.records.Rejection` naming the stage and saying why, so a bad
object never stops its batch, and a bad record rejects that record only. What
comes out is checked once more here, whatever extractor made it: a body must be
plausibly text (``tasks.extract.plausible``), URLs must be absolute http(s) URLs
(anything else is dropped), and strings hold no lone surrogates or control bytes.
"""

from __future__ import annotations

import json
import re
from dataclasses import fields
from datetime import datetime

from schemas.records import Extracted, RawObject, Rejection
from tasks.extract.detect import Format, UnsupportedInput, decode_bytes, detect_format, markup_problem
from tasks.extract.encoding import decode_text
from tasks.extract.html import extract_html
from tasks.extract.normalize import absolute_http_url, http_url, language_tag
from tasks.extract.plausible import not_text_reason
from tasks.extract.records import parse_json, parse_json_lines, record_to_article
from tasks.extract.text import EXTRACTOR as TEXT_EXTRACTOR
from tasks.extract.text import extract_text

_MARKUP_NAMES = (".html", ".htm", ".xhtml", ".xml", ".svg", ".rss", ".atom")
# A 50 MB object holds at most ~50,000 real articles; a million one-word records would
# only cost minutes of rejections (~0.1 ms each).
MAX_RECORDS = 100_000
# The longest news articles run to ~30,000 words (200,000 characters); a body five times that
# is a book, a log or a dump, and would cost the enrichment minutes.
MAX_BODY_CHARS = 1_000_000
# lone surrogates (from JSON "\ud800" escapes) cannot be stored as UTF-8; C0 controls but
# tab and line breaks have no place in a text field
_UNSTORABLE = re.compile("[\ud800-\udfff]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def extract_object(raw: RawObject, *, fetched_at: datetime | None = None) -> list[Extracted | Rejection]:
    """Every article found in ``raw``, and a rejection for every part that failed."""
    name = raw.source_path or raw.key
    try:
        data = decode_bytes(raw.key, raw.data)
        markup = name.lower().removesuffix(".gz").endswith(_MARKUP_NAMES) or data[:1024].lstrip()[:1] == b"<"
        text = decode_text(raw.key, data, markup=markup).text
        del data
        problem = markup_problem(text)
        if problem:
            raise UnsupportedInput(f"{raw.key}: {problem}")
        fmt = detect_format(name, text)
    except UnsupportedInput as exc:
        return [Rejection("detect", reason_of(exc), type(exc).__name__)]
    except Exception as exc:  # a detection bug must not pass for an extraction failure
        return [Rejection("detect", f"format detection failed: {reason_of(exc)}", type(exc).__name__)]
    source_url = http_url(raw.source_url)
    try:
        if fmt is Format.HTML:
            items = [extract_html(text, source_url, fetched_at=fetched_at)]
        elif fmt is Format.TEXT:
            if len(text) > 2 * MAX_BODY_CHARS:  # the cleaner keeps nearly all of a text: spare it the work
                return [_too_long("the text", len(text), None)]
            items = [_from_text(text, source_url, fetched_at)]
        else:
            items = _from_records(text, fmt, fetched_at)
    except json.JSONDecodeError as exc:
        return [Rejection("parse", f"not valid JSON: {exc}", type(exc).__name__)]
    except Exception as exc:  # any extractor failure rejects this object only
        return [Rejection("extract", f"{fmt.value} extraction failed: {reason_of(exc)}", type(exc).__name__)]
    single = fmt in (Format.HTML, Format.TEXT)
    return [_checked(item, source_url if single else None) for item in items]


def _from_records(text: str, fmt: Format, fetched_at: datetime | None) -> list[Extracted | Rejection]:
    """One article or rejection per record, up to MAX_RECORDS; a rejection says what was left."""
    records = parse_json(text) if fmt is Format.JSON else parse_json_lines(text)
    items: list[Extracted | Rejection] = []
    for index, value in records:
        if len(items) == MAX_RECORDS:
            where = f"record {index}" if fmt is Format.JSON else f"line {index + 1}"
            items.append(
                Rejection(
                    "extract",
                    f"the object holds more than {MAX_RECORDS:,} records; those from {where} on were not "
                    "read: split it into smaller files",
                    "TooManyRecords",
                    index,
                )
            )
            break
        items.append(_guarded(index, value, fetched_at))
    if not items:
        what = "an empty JSON array" if fmt is Format.JSON else "no JSON lines"
        return [Rejection("extract", f"{what}: the object holds no article records", "NoRecords")]
    return items


def reason_of(exc: BaseException) -> str:
    """The exception's message; its class and what it means when it has none."""
    message = str(exc).strip()
    if message:
        return message
    doc = (type(exc).__doc__ or "").strip().split("\n")[0]
    return f"{type(exc).__name__}: {doc}" if doc else type(exc).__name__


def _guarded(index: int, value: object, fetched_at: datetime | None) -> Extracted | Rejection:
    try:
        return record_to_article(index, value, fetched_at=fetched_at)
    except Exception as exc:
        return Rejection("extract", f"record {index}: {reason_of(exc)}", type(exc).__name__, index)


def _checked(item: Extracted | Rejection, source_url: str | None) -> Extracted | Rejection:
    """The article with storable strings and only http(s) URLs, or why its body is no text."""
    if isinstance(item, Rejection):
        return item
    try:
        return _check(item, source_url)
    except Exception as exc:  # a bug in a check must reject this article, not the batch
        return Rejection("extract", f"checking the extracted article failed: {reason_of(exc)}", type(exc).__name__, item.record_index)


def _check(item: Extracted, source_url: str | None) -> Extracted | Rejection:
    what = "the article text" if item.record_index is None else f"record {item.record_index}'s text"
    if len(item.body) > MAX_BODY_CHARS:
        return _too_long(what, len(item.body), item.record_index)
    _clean_strings(item)
    problem = not_text_reason(item.body) if item.body.strip() else None  # empty: the validate stage says so
    if problem:
        return Rejection("extract", f"{what} is not plausibly text: {problem}", "NotText", item.record_index)
    item.url = http_url(item.url) or source_url
    item.top_image = absolute_http_url(item.top_image, item.url)
    item.declared_language = language_tag(item.declared_language)
    return item


def _too_long(what: str, length: int, index: int | None) -> Rejection:
    return Rejection(
        "extract",
        f"{what} is {length:,} characters long, over the limit of {MAX_BODY_CHARS:,} for one article: "
        "a book, a log or a dump, not an article",
        "BodyTooLong",
        index,
    )


_FIELDS = tuple(f.name for f in fields(Extracted))


def _clean_strings(article: Extracted) -> None:
    for name in _FIELDS:
        value = getattr(article, name)
        if isinstance(value, str):
            if _UNSTORABLE.search(value):
                setattr(article, name, _UNSTORABLE.sub(_replacement, value))
        elif isinstance(value, list) and any(isinstance(v, str) and _UNSTORABLE.search(v) for v in value):
            setattr(article, name, [_UNSTORABLE.sub(_replacement, v) if isinstance(v, str) else v for v in value])


def _replacement(match: re.Match) -> str:
    return "\ufffd" if "\ud800" <= match.group() <= "\udfff" else ""


def _from_text(text: str, url: str | None, fetched_at: datetime | None) -> Extracted:
    article = extract_text(text, fetched_at=fetched_at)
    return Extracted(
        url=url,
        body=article.body,
        format=Format.TEXT.value,
        extractor=TEXT_EXTRACTOR,
        title=article.title,
        section=article.section,
        authors=article.authors,
        published_at=article.published_at,
        published_at_local=article.published_at_local,
        date_source=article.date_source,
    )
