from datetime import UTC, datetime

import pytest

from tasks.extract.normalize import (
    absolute_http_url,
    clean_text,
    domain_of,
    http_url,
    language_tag,
    local_timestamp,
    normalize_url,
    parse_timestamp,
    split_authors,
    timestamp_or_reason,
)

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


def test_a_name_ending_in_an_abbreviation_keeps_its_full_stop():
    assert split_authors("John Garcia Jr.") == ["John Garcia Jr."]
    assert split_authors("By Jane Q.") == ["Jane Q."]
    assert split_authors("By Jane Doe.") == ["Jane Doe"]  # the end of a sentence is not part of the name
    assert split_authors("By A. B. Smith and C. Jones.") == ["A. B. Smith", "C. Jones"]


def test_urls_are_canonicalised():
    assert normalize_url("https://WWW.Example.com/a/b?utm_source=x&id=3#top") == "https://www.example.com/a/b?id=3"
    assert normalize_url("mailto:someone@example.com") is None
    assert domain_of("https://www.example.com/a") == "example.com"


def test_clean_text_folds_whitespace():
    assert clean_text("a \u00a0 b\r\n\r\n\r\n c  ") == "a b\n\nc"


def test_news_zone_abbreviations_are_understood():
    assert parse_timestamp("March 3, 2026 10:00 EST") == datetime(2026, 3, 3, 15, 0, tzinfo=UTC)
    assert parse_timestamp("2026-07-01 12:00 CEST") == datetime(2026, 7, 1, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("0001-01-01T00:00:00+09:00", "out of range"),  # overflows when converted to UTC
        ("0001-01-01", "out of range"),  # a placeholder, not a date
        ("10000-01-01", "out of range"),
        (10**20, "out of range"),  # an epoch the C library cannot convert
        (-1e30, "out of range"),
        (float("nan"), "not a date"),
        (float("inf"), "not a date"),
        (True, "not a date"),
        ("x" * 10_000, "not a date"),
        ("not a date", "not a date"),
        ("9999-12-31T23:59:59Z", "after the fetch time"),
    ],
)
def test_extreme_timestamps_are_refused_with_a_reason_never_raised(value, why):
    fetched = datetime(2026, 1, 1, tzinfo=UTC)
    assert timestamp_or_reason(value, not_after=fetched) == (None, why)
    assert parse_timestamp(value, not_after=fetched) is None


def test_no_value_is_no_reason():
    assert timestamp_or_reason(None) == (None, None)
    assert timestamp_or_reason("") == (None, None)
    assert timestamp_or_reason("2026-03-14T09:30:00+01:00") == (datetime(2026, 3, 14, 8, 30, tzinfo=UTC), None)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "ftp://example.com/a",
        "//cdn.example.com/a.jpg",
        "/relative/path",
        "http://[::1",  # urlsplit raises
        "http://example.com:abc/",  # a port that is no number
        "http://example.com:99999/",
        "https://exa mple.com/a",
        "http://-bad-.example/",
        "http://a..b/",
        "https://" + "a" * 100 + ".example/",
        "http:/\\evil.example",
        "",
        None,
        42,
    ],
)
def test_only_absolute_http_urls_are_urls(url):
    assert http_url(url) is None
    assert normalize_url(url) is None
    assert absolute_http_url(url) is None


@pytest.mark.parametrize("url", ["http://[::1", "http://example.com:abc/", "https://exa mple.com/a", "not a url", ""])
def test_url_functions_never_raise(url):
    assert normalize_url(url) is None
    domain_of(url)


def test_valid_urls_pass_and_relative_ones_resolve_against_their_page():
    assert http_url(" https://news.example/a?b=1 ") == "https://news.example/a?b=1"
    assert http_url("http://[::1]:8080/a") == "http://[::1]:8080/a"
    assert normalize_url("https://例子.测试/路径").startswith("https://例子.测试/")
    assert absolute_http_url("/img/a.jpg", "https://news.example/2026/story") == "https://news.example/img/a.jpg"
    assert absolute_http_url("//cdn.example/a.jpg", "https://news.example/") == "https://cdn.example/a.jpg"
    assert absolute_http_url("javascript:alert(1)", "https://news.example/") is None
    assert absolute_http_url("/img/a.jpg", "javascript:alert(1)") is None
    assert domain_of("http://[::1") is None


def test_language_tags_are_kept_only_when_shaped_like_one():
    assert language_tag(" en-GB ") == "en-GB"
    assert language_tag("zh_Hant_TW") == "zh_Hant_TW"
    assert language_tag("x" * 100_000) is None
    assert language_tag("the English language") is None
    assert language_tag("") is None


@pytest.mark.parametrize(
    ("stated", "local"),
    [
        ("2026-03-14T23:30:00-05:00", "2026-03-14T23:30:00-05:00"),  # the publisher's day, not UTC's 15th
        ("Sat, 14 Mar 2026 23:30:00 EST", "2026-03-14T23:30:00-05:00"),
        ("2026-03-14T09:30:00", "2026-03-14T09:30:00"),  # no zone stated: none invented
        ("2026-03-14", "2026-03-14"),
        ("March 14, 2026", "2026-03-14"),
        (1773480600, "2026-03-14T09:30:00+00:00"),  # an epoch is UTC
        ("not a date", None),
        ("", None),
        (True, None),
        # a dotted date is day first; month names and clocks of other languages
        ("05.12.2023 23:54", "2023-12-05T23:54:00"),
        ("05.12.2023, 18.54 Uhr", "2023-12-05T18:54:00"),
        ("5. Dezember 2023", "2023-12-05"),
        ("5 décembre 2023 18h54", "2023-12-05T18:54:00"),
        ("12/05/2023", "2023-12-05"),  # a slash keeps the US order
    ],
)
def test_local_timestamp_keeps_the_stated_clock(stated, local):
    assert local_timestamp(stated) == local


def test_agencies_are_credited_and_job_titles_are_not():
    assert split_authors("By The Associated Press") == ["The Associated Press"]
    assert split_authors("Staff Writers") == []
    assert split_authors("王小明、李华") == ["王小明", "李华"]
