"""Input models: a landed raw object, a JSON article record, and what extraction yields.

These are the shapes that travel between pipeline steps before an article is a
row of :data:`schemas.articles.ARTICLES`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator


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
    authors: list[str] | None = None
    categories: list[str] | None = None
    tags: list[str] | None = None
    image: str | None = None
    source: str | None = None
    section: str | None = None
    language: str | None = None
    description: str | None = None

    @field_validator("authors", mode="before")
    @classmethod
    def _authors_as_list(cls, value: Any) -> Any:
        """Accept "A, B" or "A and B" as well as a list: producers differ."""
        if isinstance(value, str):
            from tasks.normalize import split_authors

            return split_authors(value)
        return value


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
