"""Input models: a landed raw object, a JSON article record, and what extraction yields.

These are the shapes that travel between pipeline steps before an article is a
row of :data:`schemas.articles.ARTICLES`, and what one object yields after them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict


@dataclass(frozen=True)
class RawObject:
    """An immutable landed object, as read back from the landing prefix."""

    key: str
    data: bytes
    source: str = "files"
    source_path: str | None = None
    source_url: str | None = None  # where a fetched or pushed page came from


class ArticleRecord(BaseModel):
    """One article in the JSON / JSON Lines input format. Every field is optional,
    but a record needs ``text`` or ``html`` to become an article."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    url: str | None = None
    title: str | None = None
    text: str | None = None
    html: str | None = None
    published_at: str | int | float | None = None
    modified_at: str | int | float | None = None
    authors: list[str] | str | None = None  # a list of names, or a byline "A, B" / "A and B"
    categories: list[str] | None = None
    tags: list[str] | None = None
    image: str | None = None
    source: str | None = None
    section: str | None = None
    language: str | None = None
    description: str | None = None


@dataclass
class Extracted:
    """Fields an extractor found in one article, before enrichment."""

    body: str
    format: str
    extractor: str
    record_index: int | None = None
    title: str | None = None
    url: str | None = None
    section: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    published_at_local: str | None = None  # as the publisher states it (ISO 8601 with its offset, or a day)
    modified_at: datetime | None = None
    date_source: str | None = None
    declared_language: str | None = None
    description: str | None = None
    site_name: str | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    top_image: str | None = None


@dataclass(frozen=True)
class Rejection:
    """Why an input (or one record of it) could not become an article."""

    stage: str
    reason: str
    error_class: str
    record_index: int | None = None
    detail: str | None = None  # a short traceback, when an exception was the cause
    raw_offset: int | None = None  # the record's byte offset in its archive (a WARC file)


@dataclass(frozen=True)
class RunContext:
    """What every object of a run shares."""

    pipeline_version: str
    ingested_at: datetime
    min_body_words: int
    run_id: str | None = None


@dataclass
class ObjectResult:
    """The articles and rejections that came out of one landed object, with the
    articles' rows in the child tables (``mentions``, ``quotes``, ``figures``)."""

    raw_key: str
    source: str
    source_path: str | None
    rows: list[dict[str, Any]] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    children: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
