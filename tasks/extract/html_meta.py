"""A news page's title, authors, dates and site name, from what the page states about itself
(private helper of ``tasks.extract.html``).

Two pure steps, so that the page is read before trafilatura modifies the tree:

* :func:`collect_metadata` reads the candidates off the parsed page: JSON-LD
  (``@graph`` included), meta tags (OpenGraph, Twitter, Dublin Core, Parse.ly,
  Sailthru, microdata), ``<h1>``/``<title>``, ``<time>`` elements, author links and
  byline elements, and the date in the URL (``tasks.extract.meta_collect``, with
  ``meta_json_ld`` and ``meta_dom``);
* :func:`decide_metadata` picks among them, with trafilatura's own guesses
  (title, author, htmldate's date, site name) as the last resort.

Title (``meta_title``): meta titles lose their site decorations ("Headline | Site", "Site:
Headline") when a segment matches the site name (og:site_name, JSON-LD publisher, domain:
``meta_sites``); the visible ``<h1>`` wins when a meta title agrees with it, otherwise the
meta title most others agree with. Date (``meta_dates``): the publisher's statement
(JSON-LD, meta, ``<time>``) before heuristics, never after the fetch, and the candidate
agreeing with a date in the URL when they differ by more than a time zone; it is kept in
UTC and as the page writes it, in the clock the page shows readers when the statement is in
UTC (``meta_local``). Authors
(``meta_authors``): the first source naming a person (JSON-LD, meta, microdata/``rel=author``,
byline elements), cleaned by :func:`tasks.extract.normalize.split_authors`; organisations
and the site itself only when no person is named anywhere. The words and patterns all
these match are data, in ``meta_vocabulary_data`` and ``byline_vocabulary_data``.
"""

from __future__ import annotations

from datetime import datetime

from lxml.html import HtmlElement

from tasks.extract.meta_authors import choose_authors
from tasks.extract.meta_collect import collect_metadata
from tasks.extract.meta_dates import choose_modified, choose_published
from tasks.extract.meta_sites import site_keys
from tasks.extract.meta_statements import PageMetadata, Statements
from tasks.extract.meta_text import clean_field
from tasks.extract.meta_title import choose_title

__all__ = ["PageMetadata", "Statements", "collect_metadata", "decide_metadata", "extract_metadata"]


def extract_metadata(tree: HtmlElement, url: str | None = None, *, fetched_at: datetime | None = None) -> PageMetadata:
    """Title, authors, dates and site name of a parsed page, from the page alone."""
    return decide_metadata(collect_metadata(tree, url), fetched_at=fetched_at)


def decide_metadata(
    found: Statements,
    *,
    fetched_at: datetime | None = None,
    guessed_title: str | None = None,
    guessed_author: str | None = None,
    guessed_date: str | None = None,
    guessed_site_name: str | None = None,
) -> PageMetadata:
    """Pick title, authors and dates among the page's statements; the ``guessed_*`` values
    (trafilatura's heuristics) are used only where the page states nothing usable."""
    sites = site_keys(found, guessed_site_name)
    title, title_source = choose_title(found, sites, guessed_title)
    authors, author_source = choose_authors(found, sites, guessed_author)
    published = choose_published(found, fetched_at, guessed_date)
    site_name = found.site_names[0] if found.site_names else clean_field(guessed_site_name or "") or None
    return PageMetadata(
        title=title or None,
        title_source=title_source if title else None,
        authors=tuple(authors),
        author_source=author_source if authors else None,
        published_at=published.moment,
        published_local=published.local,
        date_source=published.source,  # when there is no date: None, or why the stated one was ignored
        modified_at=choose_modified(found, fetched_at),
        site_name=site_name,
    )
