"""HTML extraction: main text plus the page's own metadata.

The body comes from trafilatura in precision mode, checked against a second
opinion (readability) and, when the two disagree, a third (trafilatura in
recall mode); the candidate agreeing most with the others wins, and bodies split
into several containers by ad slots are joined back (see
``tasks.extract.html_body``). On ``shared/data/aeb`` this scores F1 0.97 against
0.96 for plain trafilatura (``bench/extraction.py``). Title, authors and dates
come from the page's own statements (JSON-LD, meta tags, the visible headline,
bylines: ``tasks.extract.html_meta``), read before trafilatura runs because it
modifies the tree; trafilatura's metadata run (htmldate for the date) only fills
the gaps. Comments, and the other stories of a page that holds several, are removed
before any extractor runs (``tasks.extract.html_prune``), and paragraphs that are page
furniture (ad labels, cross-links, gallery counters) after (``tasks.extract.body_lines``):
they are not the article.
"""

from __future__ import annotations

import re
from copy import deepcopy
from datetime import datetime
from importlib.metadata import version
from itertools import islice

import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from schemas.records import Extracted
from tasks.extract.body_lines import without_furniture, without_headline
from tasks.extract.html_body import choose_body
from tasks.extract.html_meta import collect_metadata, decide_metadata
from tasks.extract.html_prune import without_other_content
from tasks.extract.normalize import absolute_http_url, clean_text, http_url

EXTRACTOR = f"trafilatura/{version('trafilatura')}"
_DATE_PARAMS = {"extensive_search": True, "original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"}


class NoArticleFound(ValueError):
    """The page holds no extractable article text."""


class PageTooComplex(ValueError):
    """The page has more elements, or an element more attributes, than any article page:
    parsing and extracting it would take minutes."""


# Real news pages have up to a few thousand elements (5,145 the most of 406 benchmark pages);
# extraction costs ~0.1 ms per element and pass, so 200,000 "<p>a</p>" take over 20 s.
MAX_ELEMENTS = 50_000
# The parser checks each attribute of an element against the others (quadratic time): one
# element with 20,000 attributes takes 6 s to extract, 100,000 take ten minutes.
MAX_ATTRIBUTES = 1_000
# a stretch long enough to be a tag with that many attributes: only these are looked at
_LONG_TAG = {str: re.compile(r"<[A-Za-z][^<>]{2000,}"), bytes: re.compile(rb"<[A-Za-z][^<>]{2000,}")}
# an attribute, and a start tag as the parser reads it: a name, then attributes each after a
# space (so that "<n;i++)..." in a script is no tag with attributes)
_ATTRIBUTE_SOURCE = r"""[^\s"'<>/=]+(?>\s*=\s*(?>"[^"]*"|'[^']*'|[^\s"'<>]+))?"""
_ATTRIBUTE = {str: re.compile(_ATTRIBUTE_SOURCE), bytes: re.compile(_ATTRIBUTE_SOURCE.encode())}
_START_TAG_SOURCE = rf"<[A-Za-z][\w:.-]*(?>\s+{_ATTRIBUTE_SOURCE})*+"
_START_TAG = {str: re.compile(_START_TAG_SOURCE), bytes: re.compile(_START_TAG_SOURCE.encode())}


def extract_html(html: str | bytes, url: str | None = None, *, fetched_at: datetime | None = None) -> Extracted:
    """Body and metadata of one HTML page; ``url`` is ignored unless it is an http(s) URL."""
    url = http_url(url)
    _check_attributes(html)
    tree = load_html(html)
    if tree is None:
        raise NoArticleFound("the document could not be parsed as HTML")
    elements = sum(1 for _ in islice(tree.iter(), MAX_ELEMENTS + 1))
    if elements > MAX_ELEMENTS:
        raise PageTooComplex(f"the page has over {MAX_ELEMENTS:,} HTML elements, more than any article page; not extracted")
    declared_language = _declared_language(tree)
    statements = collect_metadata(tree, url)  # before choose_body: trafilatura modifies the tree
    titles = [title for _, title in statements.titles]
    body = choose_body(without_other_content(tree, titles), url, date_params=_DATE_PARAMS)
    text = without_furniture(body.text)
    if not text.strip():
        raise NoArticleFound("no extractor found main text in the page")
    document = body.metadata
    if document is None:  # the primary run found no text, so it returned no metadata either
        document = trafilatura.extract_metadata(deepcopy(tree), url, _DATE_PARAMS)
    sections = [c for c in (document.categories or []) if c]
    meta = decide_metadata(
        statements,
        fetched_at=fetched_at,
        guessed_title=document.title,
        guessed_author=document.author,
        guessed_date=document.date,
        guessed_site_name=document.sitename,
    )
    return Extracted(
        body=_paragraphs(without_headline(text, [meta.title, *titles] if meta.title else titles)),
        format="html",
        extractor=f"{EXTRACTOR}:{body.source}",
        title=meta.title,
        url=http_url(document.url) or http_url(url),
        section=sections[0] if sections else None,
        authors=list(meta.authors),
        published_at=meta.published_at,
        published_at_local=meta.published_local,
        modified_at=meta.modified_at,
        date_source=meta.date_source,
        declared_language=declared_language or document.language,
        description=_clean_optional(document.description),
        site_name=meta.site_name,
        categories=sections,
        tags=[t for t in (document.tags or []) if t],
        top_image=absolute_http_url(document.image, http_url(document.url) or http_url(url)),
    )


def _check_attributes(html: str | bytes) -> None:
    """Refuse a page with an element of over MAX_ATTRIBUTES attributes, before parsing it.
    Only tags long enough to hold that many (2,000 characters) are looked at."""
    if not isinstance(html, (str, bytes)):
        return
    kind = type(html)
    for stretch in _LONG_TAG[kind].finditer(html):
        tag = _START_TAG[kind].match(html, stretch.start())
        if tag is None or tag.end() - tag.start() < 2 * MAX_ATTRIBUTES:
            continue
        count = sum(1 for _ in islice(_ATTRIBUTE[kind].finditer(tag.group()), MAX_ATTRIBUTES + 2))
        if count > MAX_ATTRIBUTES + 1:  # the tag name matches too
            raise PageTooComplex(f"an element of the page has over {MAX_ATTRIBUTES:,} attributes, more than any article page; not extracted")


def _clean_optional(value: str | None) -> str | None:
    if not value:
        return None
    return clean_text(value) or None


def _paragraphs(text: str) -> str:
    """trafilatura puts one paragraph per line; the lake separates paragraphs by a blank line."""
    return "\n\n".join(line for line in clean_text(text).split("\n") if line.strip())


def _declared_language(tree: HtmlElement) -> str | None:
    """The page's own statement of its language: ``<html lang>`` or a content-language meta."""
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not lang:
        metas = tree.xpath('//meta[translate(@http-equiv,"CONTENT-LANGUAGE","content-language")="content-language"]/@content')
        lang = metas[0] if metas else None
    return lang.strip() or None if lang else None
