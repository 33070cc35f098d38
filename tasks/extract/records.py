"""JSON and JSON Lines input: one article record per object or per line.

Records follow :class:`schemas.records.ArticleRecord`; missing fields are
tolerated, and a bad line rejects that line only, never the whole file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime

from pydantic import ValidationError

from schemas.records import ArticleRecord, Extracted, Rejection
from tasks.extract.html import extract_html
from tasks.extract.normalize import clean_text, parse_timestamp, split_authors
from tasks.extract.text import is_chrome

EXTRACTOR = "newslake-record/1"


def parse_json(data: str) -> Iterator[tuple[int, object]]:
    """(index, decoded value) for a JSON object, or for each element of a JSON array."""
    value = json.loads(data)
    items = value if isinstance(value, list) else [value]
    yield from enumerate(items)


def parse_json_lines(data: str) -> Iterator[tuple[int, object]]:
    """(line index, decoded value or the JSON error) for each non-blank line."""
    for index, line in enumerate(data.splitlines()):
        if not line.strip():
            continue
        try:
            yield index, json.loads(line)
        except json.JSONDecodeError as exc:
            yield index, exc


def record_to_article(index: int, value: object, *, fetched_at: datetime | None = None) -> Extracted | Rejection:
    """An extracted article from one decoded record, or why it cannot be one."""
    if isinstance(value, json.JSONDecodeError):
        return Rejection("parse", f"line {index + 1} is not valid JSON: {value.msg}", "JSONDecodeError", index)
    if not isinstance(value, dict):
        return Rejection("parse", f"record {index} is a {type(value).__name__}, not a JSON object", "TypeError", index)
    try:
        record = ArticleRecord.model_validate(value)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return Rejection("parse", f"record {index} has invalid fields: {problems}", "ValidationError", index)
    if record.html:
        article = extract_html(record.html, record.url, fetched_at=fetched_at)
        article.format = "json"
    elif record.text:
        body = "\n\n".join(p for p in clean_text(record.text).split("\n") if p.strip() and not is_chrome(p))
        article = Extracted(body=body, format="json", extractor=EXTRACTOR)
    else:
        return Rejection("parse", f"record {index} has neither `text` nor `html`", "MissingBody", index)
    return _overlay(article, record, index, fetched_at)


def _overlay(article: Extracted, record: ArticleRecord, index: int, fetched_at: datetime | None) -> Extracted:
    """Fields the producer stated win over what extraction guessed."""
    article.record_index = index
    article.title = record.title or article.title
    article.url = record.url or article.url
    article.section = record.section or article.section
    authors = split_authors(record.authors) if isinstance(record.authors, str) else record.authors
    article.authors = authors or article.authors
    stated = parse_timestamp(record.published_at, not_after=fetched_at)
    if stated:
        article.published_at, article.date_source = stated, "record:published_at"
    article.modified_at = parse_timestamp(record.modified_at, not_after=fetched_at) or article.modified_at
    article.categories = record.categories or article.categories
    article.tags = record.tags or article.tags
    article.top_image = record.image or article.top_image
    article.declared_language = record.language or article.declared_language
    article.description = record.description or article.description
    article.site_name = record.source or article.site_name
    return article
