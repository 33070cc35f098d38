"""The two shapes of page metadata: what a page states about itself (every candidate, as
found) and what was decided from it. Kept apart so that collecting and deciding, which
live in different modules, share them without importing each other."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class Statements:
    """Everything the page says about itself, as found (see :func:`tasks.extract.meta_collect.collect_metadata`)."""

    url: str | None = None
    site_names: list[str] = field(default_factory=list)  # og:site_name, JSON-LD publisher, ... (best first)
    hosts: list[str] = field(default_factory=list)  # the page's host names, for site-name matching
    owners: list[str] = field(default_factory=list)  # copyright holders: the publisher's company
    titles: list[tuple[str, str]] = field(default_factory=list)  # (source, text), best first
    h1s: list[tuple[str, bool]] = field(default_factory=list)  # (text, inside the article or marked as headline)
    labels: list[str] = field(default_factory=list)  # the page's sections and headline kickers
    published: list[tuple[str, str]] = field(default_factory=list)  # (source, stated value), best first
    modified: list[tuple[str, str]] = field(default_factory=list)
    authors: list[tuple[str, list[str]]] = field(default_factory=list)  # (source, names or bylines), best first
    organizations: list[str] = field(default_factory=list)  # JSON-LD authors that are organisations
    datelines: list[str] = field(default_factory=list)  # visible dates, read when a statement is in UTC
    url_date: date | None = None
    url_month: tuple[int, int] | None = None


@dataclass(frozen=True)
class PageMetadata:
    """The page's title, authors, dates and site name, each with where it came from."""

    title: str | None = None
    title_source: str | None = None
    authors: tuple[str, ...] = ()
    author_source: str | None = None
    published_at: datetime | None = None
    published_local: str | None = None  # as the page states it, with its UTC offset
    date_source: str | None = None
    modified_at: datetime | None = None
    site_name: str | None = None
