"""Reading a feed document: RSS 0.9x, RSS 1.0 (RDF), RSS 2.0 and Atom → items.

Parsing is delegated to ``feedparser``, which knows the four dialects and the
ways real feeds bend them (wrong encodings, unescaped HTML, missing closing
tags). This module only turns its loose dictionaries into one small, typed
item shape and decides when a document is not a feed at all. It does no I/O:
the bytes come from :mod:`tasks.feeds.fetch`.
"""

from __future__ import annotations

import calendar
import hashlib
import html
import io
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser
import lxml.html

# feedparser's names for the dialects this pipeline accepts (others, e.g. CDF, are refused).
DIALECTS = {
    "rss090": "RSS 0.90",
    "rss091n": "RSS 0.91",
    "rss091u": "RSS 0.91",
    "rss092": "RSS 0.92",
    "rss093": "RSS 0.93",
    "rss094": "RSS 0.94",
    "rss10": "RSS 1.0",
    "rss20": "RSS 2.0",
    "rss": "RSS",
    "atom01": "Atom 0.1",
    "atom02": "Atom 0.2",
    "atom03": "Atom 0.3",
    "atom10": "Atom 1.0",
    "atom": "Atom",
}


class FeedParseError(ValueError):
    """The document is not an RSS or Atom feed this pipeline can read."""


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed. ``item_id`` is stable across polls: the entry's guid/id,
    else its link, else a hash of its title and date (see :func:`item_identity`)."""

    item_id: str
    link: str | None
    title: str | None
    published: datetime | None
    summary: str | None
    content: str | None  # the full text a feed may carry (content:encoded, atom:content)


@dataclass(frozen=True)
class ParsedFeed:
    dialect: str
    title: str | None
    items: list[FeedItem]
    warning: str | None = None  # a recoverable problem the parser worked around


def parse_feed(data: bytes, url: str | None = None, content_type: str | None = None) -> ParsedFeed:
    """The items of a feed document, in document order, duplicates (same id) removed.

    ``url`` resolves relative links; ``content_type`` (the HTTP header) helps pick
    the character encoding. Raises :class:`FeedParseError` naming the URL when the
    bytes are not an RSS or Atom feed.
    """
    where = url or "the feed"
    if not data.strip():
        raise FeedParseError(f"{where} returned an empty document, not an RSS or Atom feed")
    headers = {"content-type": content_type or "application/xml"}
    if url:
        headers["content-location"] = url
    # A stream, never a string: feedparser would fetch a string that looks like a URL.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers, sanitize_html=False)
    version = parsed.get("version") or ""
    problem = parsed.get("bozo_exception")
    if version not in DIALECTS:
        if version:
            raise FeedParseError(f"{where} is a {version!r} feed; only RSS 0.9x/1.0/2.0 and Atom are read")
        detail = f" ({problem})" if problem else ""
        raise FeedParseError(
            f"{where} is not an RSS or Atom feed{detail}: check that the URL points at the feed itself, "
            "not at a web page"
        )
    items: list[FeedItem] = []
    seen: set[str] = set()
    for entry in parsed.get("entries", []):
        item = to_item(entry)
        if item.item_id not in seen:
            seen.add(item.item_id)
            items.append(item)
    warning = f"parsed despite a malformed document: {problem}" if problem and parsed.get("bozo") else None
    channel = parsed.get("feed", {})
    title = plain_title(channel.get("title"), channel.get("title_detail"))
    return ParsedFeed(DIALECTS[version], title, items, warning)


def to_item(entry: dict[str, Any]) -> FeedItem:
    link = _http_link(entry)
    title = plain_title(entry.get("title"), entry.get("title_detail"))
    published = struct_to_datetime(entry.get("published_parsed") or entry.get("updated_parsed"))
    summary = as_html(entry.get("summary"), (entry.get("summary_detail") or {}).get("type", "text/html"))
    content = _content(entry)
    return FeedItem(item_identity(entry.get("id"), link, title, published, summary), link, title, published, summary, content)


def item_identity(
    guid: str | None, link: str | None, title: str | None, published: datetime | None, summary: str | None
) -> str:
    """The feed's own id when it gives one; a feed without ids (common in RSS 0.9x)
    is identified by link, and an item without a link by a hash of what it says."""
    if guid and guid.strip():
        return guid.strip()
    if link:
        return link
    basis = "\n".join([title or "", published.isoformat() if published else "", summary or ""])
    return "sha256:" + hashlib.sha256(basis.encode("utf-8")).hexdigest()


def struct_to_datetime(value: Any) -> datetime | None:
    """feedparser normalises dates to a UTC ``time.struct_time``."""
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    except (OverflowError, ValueError, TypeError):
        return None


def _http_link(entry: dict[str, Any]) -> str | None:
    """The entry's page: ``link``, else the first alternate link, else a permalink guid."""
    candidates = [entry.get("link")]
    candidates += [link.get("href") for link in entry.get("links", []) if link.get("rel", "alternate") == "alternate"]
    if entry.get("guidislink"):
        candidates.append(entry.get("id"))
    for candidate in candidates:
        if candidate and candidate.strip():
            return candidate.strip()
    return None


def _content(entry: dict[str, Any]) -> str | None:
    """The longest body the entry carries, as HTML (plain-text bodies are escaped)."""
    bodies = [as_html(part.get("value"), part.get("type")) for part in entry.get("content", []) if part.get("value")]
    bodies = [body for body in bodies if body]
    return max(bodies, key=len) if bodies else None


def as_html(value: str | None, media_type: str | None) -> str | None:
    """Feed text as HTML: markup is kept, plain text is escaped into paragraphs."""
    text = _text(value)
    if text is None or media_type in ("text/html", "application/xhtml+xml"):
        return text
    return "".join(f"<p>{html.escape(part.strip())}</p>" for part in text.split("\n\n") if part.strip())


def _text(value: Any) -> str | None:
    text = str(value).strip() if value else ""
    return text or None


def plain_title(value: Any, detail: dict[str, Any] | None) -> str | None:
    """A title as plain text: one given as HTML (Atom ``type="html"``/``"xhtml"``) loses
    its tags and entities; a plain one is kept as written (``<3`` stays ``<3``)."""
    text = _text(value)
    if text and detail and detail.get("type") in ("text/html", "application/xhtml+xml"):
        text = _text(" ".join(lxml.html.fragment_fromstring(text, create_parent="div").text_content().split()))
    return text


def item_page(item: FeedItem, feed_title: str | None = None) -> bytes:
    """An HTML page built from an item's own content, for feeds whose items carry the
    full article (``fetch_pages = false``): title, canonical link and date go into the
    head, where extraction looks for them."""
    body = item.content or item.summary or ""
    head = [f"<title>{html.escape(item.title or '')}</title>"]
    if item.link:
        head.append(f'<link rel="canonical" href="{html.escape(item.link, quote=True)}">')
    if item.published:
        head.append(f'<meta property="article:published_time" content="{item.published.isoformat()}">')
    if feed_title:
        head.append(f'<meta property="og:site_name" content="{html.escape(feed_title, quote=True)}">')
    heading = f"<h1>{html.escape(item.title)}</h1>" if item.title else ""
    page = (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        + "".join(head)
        + f"</head><body><article>{heading}{body}</article></body></html>\n"
    )
    return page.encode("utf-8")
