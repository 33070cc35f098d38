"""The articles row of one extracted article: only http(s) URLs are stored, and nothing an
extractor hands over (odd URLs, lone surrogates) makes it raise."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from schemas.records import Extracted
from tasks.enrich.basic import Provenance, article_id, content_hash, enrich_basic

NOW = datetime(2026, 11, 29, tzinfo=UTC)
BODY = "The harbour authority said on Tuesday that the new breakwater would be finished before the winter storms."


def _row(**fields) -> dict:
    article = Extracted(body=BODY, format="json", extractor="t", **fields)
    return enrich_basic(article, Provenance(source="files", pipeline_version="t", ingested_at=NOW))


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "http://[::1", "http://example.com:abc/", "/relative"],
)
def test_urls_that_are_no_http_urls_are_not_stored_and_do_not_raise(url):
    row = _row(url=url, top_image=url)
    assert (row["url"], row["domain"], row["top_image"]) == (None, None, None)
    assert row["article_id"] == article_id(None, content_hash(BODY))  # identified by its text


def test_http_urls_are_stored_and_a_relative_image_resolved_against_the_article():
    row = _row(url="https://WWW.News.example/a?utm_source=x", top_image="/img/a.jpg")
    assert (row["url"], row["domain"]) == ("https://www.news.example/a", "news.example")
    assert row["top_image"] == "https://www.news.example/img/a.jpg"


def test_lone_surrogates_do_not_break_the_hashes():
    assert len(content_hash("a \ud800 b")) == 64
    assert len(article_id("https://news.example/\udc00", "x")) == 32
