"""The feed list: TOML → validated feeds, and errors that name the file, the feed and the field."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from tasks.feeds.config import FeedsConfigError, format_every, load_feeds, parse_every, select_feeds

GOOD = """
[[feeds]]
name = "bbc-world"
url = "https://feeds.bbci.co.uk/news/world/rss.xml"
every = "15m"
max_items = 50

[[feeds]]
name = "wire_full"
url = "http://wire.example/atom"
fetch_pages = false
enabled = false
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "feeds.toml"
    path.write_text(text)
    return path


def test_a_good_file_gives_feeds_with_defaults(tmp_path):
    bbc, wire = load_feeds(_write(tmp_path, GOOD))
    assert bbc.name == "bbc-world" and bbc.every == timedelta(minutes=15) and bbc.max_items == 50
    assert bbc.fetch_pages and bbc.enabled and bbc.source == "feed-bbc-world"
    assert wire.every == timedelta(minutes=10) and wire.max_items is None and not wire.fetch_pages


@pytest.mark.parametrize(
    "text, expected",
    [("90s", timedelta(seconds=90)), ("15m", timedelta(minutes=15)), ("2h", timedelta(hours=2)),
     ("1h30m", timedelta(minutes=90)), ("1d", timedelta(days=1)), ("0.5h", timedelta(minutes=30)), (600, timedelta(minutes=10))],
)
def test_durations(text, expected):
    assert parse_every(text) == expected


@pytest.mark.parametrize("text", ["15", "fifteen minutes", "15x", "m15", "", "1h 30"])
def test_bad_durations_say_how_to_write_one(text):
    with pytest.raises(ValueError, match="15m"):
        parse_every(text)


@pytest.mark.parametrize(
    "entry, field, message",
    [
        ('name = "ok"\nurl = "ftp://x.example/feed"', "url", "not an http(s) URL"),
        ('name = "ok"\nurl = "https://x.example/feed"\nevery = "soon"', "every", "not a duration"),
        ('name = "ok"\nurl = "https://x.example/feed"\nevery = "2s"', "every", "too often"),
        ('name = "ok"\nurl = "https://x.example/feed"\nmax_items = 0', "max_items", "greater than or equal to 1"),
        ('name = "Bad Name!"\nurl = "https://x.example/feed"', "name", "cannot name a landing source"),
        ('name = "ok"\nurl = "https://x.example/feed"\nfetch_page = false', "fetch_page", "unknown setting"),
        ('name = "ok"', "url", "Field required"),
    ],
)
def test_a_bad_feed_is_named_with_its_field(tmp_path, entry, field, message):
    path = _write(tmp_path, GOOD + "\n[[feeds]]\n" + entry + "\n")
    with pytest.raises(FeedsConfigError) as raised:
        load_feeds(path)
    text = str(raised.value)
    assert str(path) in text and "(#3)" in text and f"field {field!r}" in text and message in text


def test_duplicate_names_are_refused(tmp_path):
    path = _write(tmp_path, GOOD + '\n[[feeds]]\nname = "bbc-world"\nurl = "https://other.example/rss"\n')
    with pytest.raises(FeedsConfigError, match="two feeds are named 'bbc-world'"):
        load_feeds(path)


def test_a_missing_file_says_how_to_create_one(tmp_path):
    with pytest.raises(FeedsConfigError, match="NEWSLAKE_FEEDS_FILE"):
        load_feeds(tmp_path / "absent.toml")


def test_invalid_toml_names_the_file(tmp_path):
    path = _write(tmp_path, "[[feeds]\nname = ")
    with pytest.raises(FeedsConfigError, match="is not valid TOML"):
        load_feeds(path)


def test_an_empty_file_declares_no_feeds(tmp_path):
    assert load_feeds(_write(tmp_path, "")) == []


def test_selection_by_name_includes_disabled_feeds_and_refuses_unknown_ones(tmp_path):
    feeds = load_feeds(_write(tmp_path, GOOD))
    assert [feed.name for feed in select_feeds(feeds, None)] == ["bbc-world"]  # the disabled one is left out
    assert [feed.name for feed in select_feeds(feeds, ["wire_full"])] == ["wire_full"]
    with pytest.raises(FeedsConfigError, match="no feed named 'nope'.*known: bbc-world, wire_full"):
        select_feeds(feeds, ["nope"])


@pytest.mark.parametrize("text", ["90s", "15m", "1h30m", "2h", "1d", "1d2h3m4s"])
def test_periods_are_written_back_as_given(text):
    assert format_every(parse_every(text)) == text.replace("90s", "1m30s")
