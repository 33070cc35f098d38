"""Collecting what a page states about itself: every candidate title, date, author and site
name, from JSON-LD (``@graph`` included), meta tags (OpenGraph, Twitter, Dublin Core,
Parse.ly, Sailthru, microdata), ``<h1>``/``<title>``, ``<time>`` elements, author links and
byline elements, and the date in the URL.

Collecting is kept apart from deciding (``tasks.extract.html_meta.decide_metadata``)
because it must happen before trafilatura modifies the tree, while the decision needs
trafilatura's guesses as its last resort. Nothing here modifies the tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from tasks.extract.meta_authors import byline_names, is_organization
from tasks.extract.meta_dates import url_date
from tasks.extract.meta_dom import (
    Marked,
    byline_authors,
    element_text,
    h1s,
    kicker_texts,
    leading_bylines,
    microdata_authors,
    scan_bylines,
    scan_marks,
    skipped_area,
    time_elements,
)
from tasks.extract.meta_json_ld import json_ld_authors, json_ld_nodes, json_ld_scripts, main_article, name_of, resolve, scalar
from tasks.extract.meta_local import states_utc, visible_datelines
from tasks.extract.meta_sites import segments, site_keys
from tasks.extract.meta_statements import Statements
from tasks.extract.meta_text import SPACES, clean_field, is_url, match_key, unique
from tasks.extract.meta_vocabulary_data import AUTHOR_META, COPYRIGHT_NOTICE, MODIFIED_META, PUBLISHED_META, SITE_META, TITLE_META

# the first date of a JSON-LD script too broken to parse
_DATE_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')


@dataclass(frozen=True)
class _Page:
    """The page's sources of statements, each read once."""

    tree: HtmlElement
    metas: dict[str, list[str]]  # lower-cased meta name → contents, in page order
    article: dict | None  # the JSON-LD node of the page's article
    pages: list[dict]  # JSON-LD web-page nodes
    orgs: list[dict]  # JSON-LD organisation nodes
    ids: dict[str, dict]  # JSON-LD nodes by @id
    marked: Marked


def collect_metadata(tree: HtmlElement, url: str | None = None) -> Statements:
    """Read the page's statements about itself. Does not modify ``tree``."""
    metas = _meta_tags(tree)
    url = url or _first(metas, "og:url") or _canonical(tree)
    articles, pages, orgs, ids = json_ld_nodes(tree)
    page = _Page(tree, metas, main_article(articles, url), pages, orgs, ids, scan_marks(tree))
    found = Statements(url=url)
    _collect_site(found, page)
    _collect_titles(found, page)  # after the site: drops site names that are the title
    _collect_dates(found, page)
    _collect_authors(found, page)  # last: needs the site's names, titles and headlines
    return found


def _collect_site(found: Statements, page: _Page) -> None:
    """What names the site, to recognise it in titles and bylines: site names (og:site_name,
    the JSON-LD publisher and organisations, other meta tags, the Twitter handle), host names
    and copyright holders."""
    metas = page.metas
    names = [_first(metas, "og:site_name")]
    if page.article is not None:
        names.append(name_of(resolve(page.article.get("publisher"), page.ids)))
    names += [name_of(o) for o in page.orgs]
    names += [_first(metas, key) for key in SITE_META[1:]]
    twitter = _first(metas, "twitter:site")
    if twitter and twitter.startswith("@"):
        names.append(twitter[1:])
    found.site_names = unique(clean_field(n) for n in names if n and not n.lower().startswith("http"))
    found.hosts = unique(h for h in (_host(found.url), _host(_first(metas, "og:url")), _host(_canonical(page.tree))) if h)
    notices = [v for k in ("copyright", "dc.rights", "dcterms.rights") for v in metas.get(k, ())[:1]]
    found.owners = unique(o for o in (_owner(v) for v in notices) if o)


def _collect_titles(found: Statements, page: _Page) -> None:
    """The stated titles and the page's headlines."""
    found.titles = [(source, text) for source, text in ((s, clean_field(t)) for s, t in _title_candidates(page)) if text]
    # a "site name" that is the article's title or a sentence is a mislabelled field; a
    # <title> that is the site's name alone is a generic title, not the article's
    title_keys = {match_key(t) for source, t in found.titles if source != "title"}
    found.site_names = [n for n in found.site_names if match_key(n) not in title_keys and len(n.split()) <= 6]
    kickers: list[str] = []
    found.h1s = h1s(page.tree, kickers, [t for _, t in found.titles])
    if any(len(segments(t)[0]) > 1 for _, t in found.titles):  # a title with a kicker's separator
        kickers += kicker_texts(page.tree)
    sections = [v for key in ("article:section", "section", "parsely-section") for v in page.metas.get(key, ())[:1]]
    if page.article is not None:
        section = page.article.get("articleSection")
        sections += [s for s in (section if isinstance(section, list) else [section]) if isinstance(s, str)]
    found.labels = unique(clean_field(label) for label in kickers + sections if label and len(label.split()) <= 6)


def _title_candidates(page: _Page) -> list[tuple[str, str]]:
    """(source, title) as written, best first: JSON-LD article, meta tags, microdata,
    JSON-LD web page, ``<title>``."""
    titles: list[tuple[str, str]] = []
    if page.article is not None:
        headline = page.article.get("headline") or page.article.get("name")
        if isinstance(headline, list):
            headline = headline[0] if headline else None
        if isinstance(headline, str):
            titles.append(("json-ld", headline))
    for key in ("og:title", "twitter:title") + TITLE_META:
        for value in page.metas.get(key, ())[:1]:
            titles.append((key if key.startswith(("og:", "twitter:")) else f"meta {key}", value))
    for el in page.marked.itemprops.get("headline", []):
        if not skipped_area(el):  # the first one: pages list related articles' headlines too
            titles.append(("itemprop", el.get("content") or element_text(el)))
            break
    for node in page.pages:
        if isinstance(node.get("headline") or node.get("name"), str):
            titles.append(("json-ld", node.get("headline") or node.get("name")))
    title = page.tree.find(".//title")
    if title is not None:
        titles.append(("title", element_text(title)))
    return titles


def _collect_dates(found: Statements, page: _Page) -> None:
    """Publication and modification times, best first (JSON-LD, meta tags, ``<time>``), and
    the date in the URL."""
    for node in ([page.article] if page.article is not None else []) + page.pages:
        for key in ("datePublished", "dateCreated"):
            if value := scalar(node.get(key)):
                found.published.append(("html:json-ld", value))
        if value := scalar(node.get("dateModified")):
            found.modified.append(("html:json-ld", value))
    if page.article is None and not page.pages:  # unparseable JSON-LD: its dates are still the publisher's
        for script in json_ld_scripts(page.tree):
            if match := _DATE_PUBLISHED.search(script):
                found.published.append(("html:json-ld", match.group(1)))
    for key in PUBLISHED_META:
        found.published += [(f"html:meta {key}", v) for v in page.metas.get(key, ())[:1]]
    for key in MODIFIED_META:
        found.modified += [(f"html:meta {key}", v) for v in page.metas.get(key, ())[:1]]
    found.published += [("html:time", v) for v in time_elements(page.tree, page.marked, "published")]
    found.modified += [("html:time", v) for v in time_elements(page.tree, page.marked, "modified")]
    found.url_date, found.url_month = url_date(found.url)
    if any(states_utc(value) for _, value in found.published):  # the reader's clock may differ
        found.datelines = visible_datelines(page.tree)


def _collect_authors(found: Statements, page: _Page) -> None:
    """Author names or bylines by source, best first: JSON-LD, meta tags, microdata, and
    byline elements when the others name nobody."""
    if page.article is not None:
        people, organizations = json_ld_authors(resolve(page.article.get("author") or page.article.get("creator"), page.ids))
        if people:
            found.authors.append(("json-ld", people))
        found.organizations = organizations
    for key in AUTHOR_META:
        values = [v for v in page.metas.get(key, ()) if not is_url(v)]
        if values:
            found.authors.append((f"meta {key}", values))
    found.authors += microdata_authors(page.marked)
    # bylines name the people the structured sources leave out and the agencies beside them
    # (the costliest part of the reading, ~2 ms: every class and id of the page)
    scan_bylines(page.tree, page.marked)
    found.authors += byline_authors(page.marked)
    if not _names_a_person(found):
        found.authors += leading_bylines(page.tree)


def _names_a_person(found: Statements) -> bool:
    """Some source found so far names a person by full name (not the site, not an organisation)."""
    sites = site_keys(found, None)
    organizations = {match_key(o) for o in found.organizations}
    return any(
        " " in name and not is_organization(name, sites, organizations)
        for _, values in found.authors for name in byline_names(values)
    )


def _meta_tags(tree: HtmlElement) -> dict[str, list[str]]:
    """Every non-empty meta tag's content by its lower-cased property, name, itemprop or http-equiv."""
    metas: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        content = meta.get("content")
        if content is None or not content.strip():
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = meta.get(attr)
            if key:
                metas.setdefault(key.strip().lower(), []).append(content.strip())
    return metas


def _owner(notice: str) -> str | None:
    """ "Copyright (c) Condé Nast 2019. All rights reserved." → "Condé Nast"."""
    name = COPYRIGHT_NOTICE.sub(" ", notice)
    name = SPACES.sub(" ", name.split(".")[0] if ". " in name else name).strip(" ,.-–")
    return name if 2 < len(name) <= 60 and len(name.split()) <= 6 else None


def _first(metas: dict[str, list[str]], key: str) -> str | None:
    values = metas.get(key)
    return values[0] if values else None


def _canonical(tree: HtmlElement) -> str | None:
    for link in tree.iterfind(".//link[@rel]"):
        if link.get("rel", "").lower() == "canonical" and (link.get("href") or "").startswith("http"):
            return link.get("href")
    return None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.lower() if host else None
