from datetime import UTC, datetime

from tasks.extract.normalize import clean_text, domain_of, normalize_url, parse_timestamp, split_authors

UTC = UTC


def test_timestamps_become_utc():
    assert parse_timestamp("2026-03-14T09:30:00+01:00") == datetime(2026, 3, 14, 8, 30, tzinfo=UTC)
    assert parse_timestamp("2026-03-14") == datetime(2026, 3, 14, tzinfo=UTC)
    assert parse_timestamp("Sat, 14 Mar 2026 09:30:00 GMT") == datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
    assert parse_timestamp(1773480600) == datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
    assert parse_timestamp(1773480600000) == datetime(2026, 3, 14, 9, 30, tzinfo=UTC)


def test_unparseable_and_future_timestamps_are_dropped():
    assert parse_timestamp("not a date") is None
    assert parse_timestamp("") is None
    fetched = datetime(2026, 1, 1, tzinfo=UTC)
    assert parse_timestamp("2026-06-01", not_after=fetched) is None
    assert parse_timestamp("2025-06-01", not_after=fetched) == datetime(2025, 6, 1, tzinfo=UTC)


def test_bylines_become_names():
    assert split_authors("By Maria Lindqvist and Tom Okafor") == ["Maria Lindqvist", "Tom Okafor"]
    assert split_authors("Jane Doe; John Roe") == ["Jane Doe", "John Roe"]
    assert split_authors("By Jane Doe, Staff Reporter") == ["Jane Doe"]
    assert split_authors(["A. Writer", "A. Writer", "news@example.com"]) == ["A. Writer"]
    assert split_authors(None) == []
    assert split_authors("By A. Writer and B. Reporter") == ["A. Writer", "B. Reporter"]
    assert split_authors("Senior Political Correspondent") == []
    # an agency alone is the only credit a feed gives: kept (the page reader judges it an organisation)
    assert split_authors("Reuters") == ["Reuters"]


def test_urls_are_canonicalised():
    assert normalize_url("https://WWW.Example.com/a/b?utm_source=x&id=3#top") == "https://www.example.com/a/b?id=3"
    assert normalize_url("mailto:someone@example.com") is None
    assert domain_of("https://www.example.com/a") == "example.com"


def test_clean_text_folds_whitespace():
    assert clean_text("a \u00a0 b\r\n\r\n\r\n c  ") == "a b\n\nc"


def test_news_zone_abbreviations_are_understood():
    assert parse_timestamp("March 3, 2026 10:00 EST") == datetime(2026, 3, 3, 15, 0, tzinfo=UTC)
    assert parse_timestamp("2026-07-01 12:00 CEST") == datetime(2026, 7, 1, 10, 0, tzinfo=UTC)
