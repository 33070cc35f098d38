"""Feed parsing: the four dialects, identities, dates, links, and documents that are not feeds."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tasks.feeds.parse import FeedItem, FeedParseError, item_identity, item_page, parse_feed

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"


def _parse(name: str, url: str | None = None):
    return parse_feed((FIXTURES / name).read_bytes(), url)


def test_rss_091_items_are_identified_by_link_and_decoded_from_latin1():
    feed = _parse("rss091.xml", "https://gazette.example/rss.xml")
    assert feed.dialect == "RSS 0.91"
    assert feed.title == "Harbour Town Gazette"
    assert [item.title for item in feed.items] == [
        "Café owners welcome new pedestrian zone",
        "Lifeboat crew rescues two kayakers off Point Head",
    ]
    first = feed.items[0]
    assert first.item_id == first.link == "https://gazette.example/news/2026/03/pedestrian-zone.html"
    assert first.published is None
    assert first.summary.startswith("Traders on Quay Street")


def test_rss_10_rdf_items_with_dublin_core_dates():
    feed = _parse("rss10.rdf")
    assert feed.dialect == "RSS 1.0"
    assert [item.link for item in feed.items] == [
        "https://science.example/2026/02/14/glacier-melt",
        "https://science.example/2026/02/13/bee-decline",
    ]
    assert feed.items[0].published == datetime(2026, 2, 14, 7, 30, tzinfo=UTC)  # +01:00 → UTC
    assert feed.items[1].published == datetime(2026, 2, 13, 17, 5, tzinfo=UTC)


def test_rss_20_guids_relative_links_content_and_repeats():
    feed = _parse("rss20.xml", "https://metro-daily.example/world/rss.xml")
    assert feed.dialect == "RSS 2.0"
    assert [item.item_id for item in feed.items] == [
        "metro-daily-88213",  # the repeated item appears once
        "https://metro-daily.example/world/2026/03/02/election-observers",
        "https://metro-daily.example/world/2026/03/01/permalink-only",
    ]
    strike, observers, permalink = feed.items
    assert strike.link == "https://metro-daily.example/world/2026/03/03/port-strike-ends?utm_source=rss"
    assert strike.published == datetime(2026, 3, 3, 8, 45, tzinfo=UTC)
    assert "Cargo handling resumes" in strike.content
    assert "<b>72%</b>" in strike.summary
    assert observers.link == "https://metro-daily.example/world/2026/03/02/election-observers"  # resolved
    assert permalink.link == "https://metro-daily.example/world/2026/03/01/permalink-only"  # guid isPermaLink


def test_atom_alternate_links_html_titles_and_content():
    feed = _parse("atom.xml", "https://tech.example/feed.atom")
    assert feed.dialect == "Atom 1.0"
    assert feed.title == "Tech Ledger"
    fine, fund = feed.items
    assert fine.item_id == "tag:tech.example,2026-03-03:/chipmaker-fine"
    assert fine.link == "https://tech.example/2026/03/chipmaker-fine"  # not the enclosure
    assert fine.title == "Regulators fine chipmaker €1.2bn & order changes to rebates"
    assert fine.published == datetime(2026, 3, 3, 11, 20, tzinfo=UTC)  # published, not updated
    assert fine.content.startswith("<p>The European Commission fined")
    assert fund.published == datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # only <updated>
    assert fund.content is None


def test_rss_092_and_plain_titles_keep_their_characters():
    data = b"""<?xml version="1.0"?>
<rss version="0.92"><channel><title>Wire</title><link>https://wire.example/</link><description>d</description>
<item><title>Tom &amp; Jerry &lt;3 cheese</title><link>https://wire.example/a</link></item>
</channel></rss>"""
    feed = parse_feed(data)
    assert feed.dialect == "RSS 0.92"
    assert feed.items[0].title == "Tom & Jerry <3 cheese"


def test_a_truncated_feed_still_yields_its_complete_items_with_a_warning():
    data = (FIXTURES / "rss20.xml").read_bytes()
    feed = parse_feed(data[: data.index(b"<title>Permalink only")])
    assert [item.item_id for item in feed.items][:2] == ["metro-daily-88213", "https://metro-daily.example/world/2026/03/02/election-observers"]
    assert feed.warning and "malformed" in feed.warning


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"", "empty document"),
        (b"   \n", "empty document"),
        (b"<!DOCTYPE html><html><head><title>Home</title></head><body><p>Welcome</p></body></html>", "not an RSS or Atom feed"),
        (b"this is not xml at all", "not an RSS or Atom feed"),
        (b'{"items": []}', "not an RSS or Atom feed"),
    ],
)
def test_documents_that_are_not_feeds_are_refused_with_the_url(data, expected):
    with pytest.raises(FeedParseError) as raised:
        parse_feed(data, "https://news.example/feed")
    assert expected in str(raised.value)
    assert "https://news.example/feed" in str(raised.value)


def test_parsing_never_fetches_a_string_that_looks_like_a_url():
    with pytest.raises(FeedParseError):
        parse_feed(b"https://example.invalid/feed.xml")


def test_identity_prefers_guid_then_link_then_a_content_hash():
    when = datetime(2026, 1, 1, tzinfo=UTC)
    assert item_identity(" g-1 ", "https://a.example/x", "T", when, "S") == "g-1"
    assert item_identity(None, "https://a.example/x", "T", when, "S") == "https://a.example/x"
    hashed = item_identity("", None, "T", when, "S")
    assert hashed.startswith("sha256:") and hashed == item_identity(None, None, "T", when, "S")
    assert hashed != item_identity(None, None, "T", when, "other summary")


def test_item_page_carries_title_canonical_link_and_date_for_extraction():
    item = FeedItem(
        "id-1", "https://wire.example/a?x=1&y=2", "Floods & storms", datetime(2026, 3, 1, 6, 0, tzinfo=UTC),
        "short", "<p>Rivers burst their banks across the region overnight.</p>",
    )
    page = item_page(item, "Wire").decode()
    assert "<title>Floods &amp; storms</title>" in page
    assert '<link rel="canonical" href="https://wire.example/a?x=1&amp;y=2">' in page
    assert 'content="2026-03-01T06:00:00+00:00"' in page
    assert "Rivers burst their banks" in page


def test_plain_text_bodies_are_escaped_into_paragraphs():
    data = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:t</id><updated>2026-03-03T12:00:00Z</updated>
<entry><title>Plain</title><id>urn:t:1</id><link href="https://t.example/1"/><updated>2026-03-03T12:00:00Z</updated>
<summary type="text">Profits rose &lt;5% this year.</summary>
<content type="text">First paragraph with a &lt;tag&gt;.

Second paragraph.</content></entry></feed>"""
    [item] = parse_feed(data).items
    assert item.content == "<p>First paragraph with a &lt;tag&gt;.</p><p>Second paragraph.</p>"
    assert item.summary == "<p>Profits rose &lt;5% this year.</p>"
