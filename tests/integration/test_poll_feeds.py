"""The poll-feeds flow end to end: a local HTTP server plays the news site, SeaweedFS the lake.

The tests run in order over one lake of their own (bucket ``newslake-feeds``): a
first poll lands three pages and rejects a 404; a second sends ``If-None-Match``
and lands nothing; a third, after the feed gains an item, fetches only that one;
the landed pages then go through the ingest flow. Feeds that fail, and a feed
that carries full text (``fetch_pages = false``), follow.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from tests.feed_server import LocalServer, Route
from tests.integration.helpers import lake_in_bucket

BUCKET = "newslake-feeds"

STORIES = {
    "a1": ("Council approves flood barrier for the lower harbour",
           ["The town council voted nine to two on Tuesday night to build a movable flood barrier across the mouth of the lower harbour.",
            "Engineers say the barrier, which will cost £18m, would have prevented the flooding that closed Quay Street three times last winter.",
            "Opponents argued the money would be better spent on raising the sea wall, but the harbour master told councillors that only a barrier could protect the fishing fleet.",
            "Construction is due to start in September and to finish before the storms of the following autumn."]),
    "a2": ("Lifeboat volunteers rescue two kayakers off Point Head",
           ["Two kayakers were pulled from the water off Point Head on Sunday evening after their boats capsized in a sudden squall.",
            "The volunteer crew of the Harbour Town lifeboat reached them within twelve minutes of the coastguard's call.",
            "Both were treated for cold at the scene and were later taken to the district hospital as a precaution.",
            "The coxswain urged paddlers to check the forecast and to carry a radio, even on short trips along the coast."]),
    "a3": ("Ferry timetable cut as operator struggles to hire crew",
           ["The island ferry will run four crossings a day instead of six from next month, its operator announced on Wednesday.",
            "The company blamed a shortage of qualified deckhands and engineers, saying it had advertised eleven posts since January without filling one.",
            "Islanders said the cuts would make it harder to reach work and school on the mainland, and the local MP has asked for a meeting with the operator.",
            "A spokesperson said the full timetable would return as soon as enough crew had been trained."]),
    "a4": ("Fish market reopens after a year of repairs",
           ["The covered fish market on the north quay reopened on Friday after a year of repairs to its roof and cold stores.",
            "Eleven traders have returned, and two new stalls selling smoked fish and seaweed have joined them.",
            "The harbour trust, which owns the building, said the repairs came in under budget thanks to a grant from the coastal communities fund.",
            "Early shoppers queued from six in the morning, and several stalls had sold out of crab before nine."]),
    "a5": ("Harbour school wins national sailing championship",
           ["Pupils from Harbour Town secondary school won the national schools sailing championship on Saturday.",
            "The team of four beat crews from thirty-one schools in light and shifting winds on the lake.",
            "Their coach, a retired fisherman, said most of the pupils had learnt to sail in the harbour's summer club.",
            "The school will represent the country at the European championship in Portugal in July."]),
}


def article_page(slug: str) -> bytes:
    """A news page as sites serve it: navigation, the story, a footer; no canonical URL."""
    title, paragraphs = STORIES[slug]
    body = "\n".join(f"      <p>{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{html.escape(title)} | Harbour Town Gazette</title>
  <meta property="article:published_time" content="2026-03-0{len(slug)}T08:00:00+00:00">
</head>
<body>
  <nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
  <main>
    <article>
      <h1>{html.escape(title)}</h1>
      <p class="byline">By Anna Moreau</p>
{body}
    </article>
  </main>
  <footer>© Harbour Town Gazette. All rights reserved.</footer>
</body>
</html>
""".encode()


def rss(server: LocalServer, slugs: list[str]) -> bytes:
    when = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
    items = []
    for n, slug in enumerate(slugs):
        title = STORIES[slug][0] if slug in STORIES else "Harbour dredging contract awarded"
        items.append(
            f"""    <item>
      <title>{html.escape(title)}</title>
      <link>{server.url(f'/news/{slug}.html')}</link>
      <guid isPermaLink="false">harbour-{slug}</guid>
      <pubDate>{format_datetime(when - timedelta(hours=n))}</pubDate>
      <description>{html.escape(title)}.</description>
    </item>"""
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>\n'
        f"    <title>Harbour Town Gazette</title><link>{server.url('/')}</link><description>Local news</description>\n"
        + "\n".join(items)
        + "\n</channel></rss>\n"
    ).encode()


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Coast Wire</title>
  <id>urn:coast-wire</id>
  <updated>2026-03-03T12:00:00Z</updated>
  <entry>
    <title>Seal colony returns to the estuary sandbanks</title>
    <link href="https://coastwire.example/2026/03/seal-colony"/>
    <id>urn:coast-wire:seal-colony</id>
    <published>2026-03-03T07:00:00Z</published>
    <content type="html">&lt;p&gt;Grey seals have returned to breed on the estuary sandbanks for the first time in thirty years, wardens said on Monday.&lt;/p&gt;&lt;p&gt;Counts this winter found more than forty pups, up from none a decade ago, which the wardens credit to cleaner water and fewer boats.&lt;/p&gt;&lt;p&gt;Visitors are asked to keep to the marked paths and to keep dogs on leads.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>An entry with nothing in it</title>
    <link href="https://coastwire.example/2026/03/empty"/>
    <id>urn:coast-wire:empty</id>
  </entry>
</feed>
"""


@pytest.fixture(scope="module")
def site():
    with LocalServer() as server:
        for slug in ("a1", "a2", "a3", "a4"):
            server.routes[f"/news/{slug}.html"] = Route(article_page(slug))
        server.routes["/feed.xml"] = Route(rss(server, ["a1", "a2", "missing", "a3"]), content_type="application/rss+xml", etag='"feed-v1"')
        server.routes["/broken.xml"] = Route(b"<html><body><p>Our feed has moved.</p></body></html>")
        server.routes["/wire.atom"] = Route(ATOM, content_type="application/atom+xml")
        yield server


@pytest.fixture(scope="module")
def lake(settings, local_stack, site, tmp_path_factory):
    """The session's settings pointed at this module's bucket, feed list and short delays
    (the flow reads them through get_settings(), which returns this very object)."""
    feeds_file = tmp_path_factory.mktemp("feeds") / "feeds.toml"
    feeds_file.write_text(
        f'[[feeds]]\nname = "harbour"\nurl = "{site.url("/feed.xml")}"\nevery = "10m"\n\n'
        f'[[feeds]]\nname = "broken"\nurl = "{site.url("/broken.xml")}"\nenabled = false\n\n'
        f'[[feeds]]\nname = "wire"\nurl = "{site.url("/wire.atom")}"\nfetch_pages = false\nenabled = false\n\n'
        f'[[feeds]]\nname = "flaky"\nurl = "{site.url("/flaky.xml")}"\nenabled = false\n'
    )
    lake_in_bucket(settings, BUCKET)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(settings, "bucket", BUCKET)
        patch.setattr(settings, "feeds_file", feeds_file)
        patch.setattr(settings, "host_delay_seconds", 0.05)
        patch.setattr(settings, "fetch_timeout_seconds", 5.0)
        yield settings


@pytest.fixture(scope="module")
def poll(lake):
    from flows.poll_feeds import poll_feeds

    return poll_feeds


def _rows(settings, table: str, columns: list[str]) -> list[dict]:
    from newslake.core.lake import read_columns

    return read_columns(settings, table, columns).to_pylist()


def _items(settings) -> dict[str, dict]:
    rows = _rows(settings, "feed_items", ["feed", "item_id", "url", "title", "landed_key", "status", "attempts", "error", "published_at"])
    return {row["item_id"]: row for row in rows if row["feed"] == "harbour"}


def _rejects(settings, raw_key: str) -> list[dict]:
    return [row for row in _rows(settings, "rejects", ["raw_key", "record_index", "stage", "reason", "source"]) if row["raw_key"] == raw_key]


def test_first_poll_lands_the_pages_and_rejects_the_missing_one(lake, poll, site):
    from newslake.core.landing import source_url_from_metadata
    from newslake.core.storage import s3_client

    report = poll()
    assert (report["feeds_polled"], report["items_new"], report["landed"], report["failed"]) == (1, 4, 3, 1)
    assert report["objects_created"] == 3 and report["feeds"][0]["feed"] == "harbour"

    items = _items(lake)
    assert {k: v["status"] for k, v in items.items()} == {
        "harbour-a1": "landed", "harbour-a2": "landed", "harbour-a3": "landed", "harbour-missing": "failed",
    }
    assert items["harbour-a1"]["title"] == STORIES["a1"][0]
    assert items["harbour-a1"]["published_at"] == datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
    missing = items["harbour-missing"]
    assert missing["attempts"] == 1 and "HTTP 404" in missing["error"] and missing["landed_key"] is None

    client = s3_client(lake)
    for slug in ("a1", "a2", "a3"):
        row = items[f"harbour-{slug}"]
        key = row["landed_key"]
        assert key.startswith(f"{lake.landing_prefix}/feed-harbour/") and key.endswith(".html")
        head = client.head_object(Bucket=lake.bucket, Key=key)
        assert source_url_from_metadata(head["Metadata"]) == row["url"] == site.url(f"/news/{slug}.html")

    [reject] = _rejects(lake, site.url("/news/missing.html"))
    assert reject["stage"] == "fetch" and reject["record_index"] is None and reject["source"] == "feed-harbour"
    assert "HTTP 404" in reject["reason"] and "attempt 1 of 3" in reject["reason"]

    [state] = [r for r in _rows(lake, "feed_state", ["feed", "etag", "last_status", "items_seen", "last_polled_at"]) if r["feed"] == "harbour"]
    assert state["etag"] == '"feed-v1"' and state["last_status"] == "ok" and state["items_seen"] == 4


def test_a_feed_that_is_not_due_is_not_polled(lake, poll, site):
    before = len(site.hits("/feed.xml"))
    report = poll()
    assert report["feeds_polled"] == 0 and report["feeds_not_due"] == 1
    assert len(site.hits("/feed.xml")) == before


def test_second_poll_is_conditional_and_lands_nothing_new(lake, poll, site):
    report = poll(force=True)
    assert report["feeds_not_modified"] == 1 and report["items_new"] == 0 and report["landed"] == 0
    assert site.hits("/feed.xml")[-1].headers["if-none-match"] == '"feed-v1"'
    for slug in ("a1", "a2", "a3"):
        assert len(site.hits(f"/news/{slug}.html")) == 1  # landed items are never fetched again
    # the failed item is retried even though the feed did not change, and its reject is updated, not repeated
    assert len(site.hits("/news/missing.html")) == 2 and report["failed"] == 1
    [reject] = _rejects(lake, site.url("/news/missing.html"))
    assert "attempt 2 of 3" in reject["reason"]
    assert _items(lake)["harbour-missing"]["attempts"] == 2


def test_a_new_item_is_the_only_page_fetched(lake, poll, site):
    site.routes["/feed.xml"] = Route(rss(site, ["a4", "a1", "a2", "missing", "a3"]), content_type="application/rss+xml", etag='"feed-v2"')
    report = poll(force=True)
    assert (report["items_new"], report["landed"], report["failed"]) == (1, 1, 1)
    assert len(site.hits("/news/a4.html")) == 1
    assert all(len(site.hits(f"/news/{slug}.html")) == 1 for slug in ("a1", "a2", "a3"))
    items = _items(lake)
    assert items["harbour-a4"]["status"] == "landed"
    assert items["harbour-missing"]["attempts"] == 3 and "not retried" in _rejects(lake, site.url("/news/missing.html"))[0]["reason"]

    again = poll(force=True)  # after three attempts the missing page is left alone
    assert again["feeds_not_modified"] == 1 and again["failed"] == 0
    assert len(site.hits("/news/missing.html")) == 3
    assert len(_rejects(lake, site.url("/news/missing.html"))) == 1


def test_landed_pages_become_articles_with_the_item_link_as_url(lake, poll, site):
    from flows.ingest import ingest

    items = _items(lake)
    keys = [items[f"harbour-{slug}"]["landed_key"] for slug in ("a1", "a2", "a3", "a4")]
    report = ingest(keys=keys)
    assert report["articles_new"] == 4 and report["records_rejected"] == 0
    articles = {row["url"]: row for row in _rows(lake, "articles", ["url", "title", "word_count", "source"])}
    for slug in ("a1", "a2", "a3", "a4"):
        article = articles[site.url(f"/news/{slug}.html")]
        assert article["title"] == STORIES[slug][0]
        assert article["word_count"] > 50


def test_a_feed_that_is_not_a_feed_is_rejected_and_cleared_once_it_recovers(lake, poll, site):
    feed_url = site.url("/broken.xml")
    report = poll(feeds=["broken"])
    assert report["feeds_failed"] == 1 and "not an RSS or Atom feed" in report["feeds"][0]["error"]
    [reject] = _rejects(lake, feed_url)
    assert reject["stage"] == "feed" and feed_url in reject["reason"] and reject["source"] == "feed-broken"
    [state] = [r for r in _rows(lake, "feed_state", ["feed", "last_status", "last_error"]) if r["feed"] == "broken"]
    assert state["last_status"] == "failed" and "not an RSS or Atom feed" in state["last_error"]

    site.routes["/broken.xml"] = Route(rss(site, ["a1"]), content_type="application/rss+xml")
    recovered = poll(feeds=["broken"], force=True)
    assert recovered["feeds_failed"] == 0
    # its only item was landed by the harbour feed already: recorded, not fetched again
    assert recovered["skipped"] == 1 and len(site.hits("/news/a1.html")) == 1
    assert _rejects(lake, feed_url) == []


def test_a_page_that_fails_once_lands_on_the_next_poll_and_its_reject_is_cleared(lake, poll, site):
    page_url = site.url("/news/flaky.html")
    site.routes["/flaky.xml"] = Route(
        rss(site, ["flaky"]).replace(b"Harbour dredging", b"Flaky page about harbour dredging"),
        content_type="application/rss+xml", etag='"f1"',
    )
    site.routes["/news/flaky.html"] = Route(b"busy", status=503)
    first = poll(feeds=["flaky"])
    assert first["failed"] == 1
    [reject] = _rejects(lake, page_url)
    assert "HTTP 503" in reject["reason"] and "retried on the next poll" in reject["reason"]

    site.routes["/news/flaky.html"] = Route(article_page("a3").replace(b"Ferry timetable", b"Dredging contract"))
    second = poll(feeds=["flaky"], force=True)
    assert second["feeds_not_modified"] == 1 and second["landed"] == 1 and second["failed"] == 0
    assert _rejects(lake, page_url) == []
    [row] = [r for r in _rows(lake, "feed_items", ["feed", "status", "attempts", "error"]) if r["feed"] == "flaky"]
    assert (row["status"], row["attempts"], row["error"]) == ("landed", 2, None)


def test_a_feed_with_full_text_lands_its_items_without_fetching_pages(lake, poll, site):
    from flows.ingest import ingest

    report = poll(feeds=["wire"])
    assert (report["items_new"], report["landed"], report["failed"]) == (2, 1, 1)
    rows = [r for r in _rows(lake, "feed_items", ["feed", "item_id", "status", "landed_key", "attempts"]) if r["feed"] == "wire"]
    by_id = {row["item_id"]: row for row in rows}
    assert by_id["urn:coast-wire:empty"]["status"] == "failed" and by_id["urn:coast-wire:empty"]["attempts"] == 3
    [reject] = _rejects(lake, "https://coastwire.example/2026/03/empty")
    assert "carries no content" in reject["reason"]
    key = by_id["urn:coast-wire:seal-colony"]["landed_key"]
    assert key.startswith(f"{lake.landing_prefix}/feed-wire/")
    assert ingest(keys=[key])["articles_new"] == 1
    [article] = [r for r in _rows(lake, "articles", ["url", "title"]) if r["url"] == "https://coastwire.example/2026/03/seal-colony"]
    assert article["title"] == "Seal colony returns to the estuary sandbanks"


def test_the_cli_lists_feeds_polls_and_ingests(lake, site, tmp_path):
    import json
    import os
    import subprocess

    from tests.integration.helpers import NEWSLAKE

    site.routes["/news/a5.html"] = Route(article_page("a5"))
    site.routes["/cli.xml"] = Route(rss(site, ["a5"]), content_type="application/rss+xml")
    feeds_file = tmp_path / "feeds.toml"
    feeds_file.write_text(f'[[feeds]]\nname = "cli"\nurl = "{site.url("/cli.xml")}"\nevery = "1h"\n')
    env = {**os.environ, "NEWSLAKE_BUCKET": BUCKET, "NEWSLAKE_FEEDS_FILE": str(feeds_file), "NEWSLAKE_HOST_DELAY_SECONDS": "0"}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([NEWSLAKE, "feeds", *args], capture_output=True, text=True, timeout=600, env=env)

    polled = run("poll", "--ingest")
    assert polled.returncode == 0, polled.stderr
    assert "cli: ok; 1 new, 1 landed, 0 failed, 0 skipped" in polled.stderr
    assert "1 new articles" in polled.stderr
    [listed] = json.loads(run("list", "--format", "json").stdout)
    assert (listed["name"], listed["every"], listed["last_status"], listed["items_seen"]) == ("cli", "1h", "ok", 1)
    assert listed["landed"] == 1 and listed["failed"] == 0

    unknown = run("poll", "nope")
    assert unknown.returncode == 2 and "no feed named 'nope'" in unknown.stderr
    feeds_file.write_text('[[feeds]]\nname = "cli"\nurl = "gopher://old.example/feed"\n')
    bad = run("list")
    assert bad.returncode == 2 and str(feeds_file) in bad.stderr and "feed 'cli' (#1), field 'url'" in bad.stderr


def test_a_scheduled_poll_without_a_feed_list_has_nothing_to_do(lake, poll, tmp_path, monkeypatch):
    from tasks.feeds.config import FeedsConfigError

    monkeypatch.setattr(lake, "feeds_file", tmp_path / "absent.toml")
    report = poll()
    assert report["feeds_polled"] == 0 and report["landed"] == 0
    with pytest.raises(FeedsConfigError, match="no feed list"):
        poll(feeds=["harbour"])  # naming a feed without a list is an operator error
