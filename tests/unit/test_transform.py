"""The transform step's guards: one object's failure, at any step, is that object's
rejection (stage, error class, reason, traceback); the rest of the batch goes on."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime

import pytest

import tasks.documents.passes as transform
from schemas.records import RawObject, RunContext
from tasks.documents.guards import (
    PARSER_MAX_DEPTH,
    DocumentLimits,
    HtmlTooDeep,
    HtmlTooLarge,
    HtmlTooManyTags,
    ObjectTooLarge,
    check_html,
    decoded,
    nesting_estimate,
    parsed_depth,
    strip_inert,
)
from tasks.documents.passes import transform_objects
from tests.conftest import EXAMPLES, SHARED_DATA

RUN = RunContext("test", datetime(2026, 1, 2, tzinfo=UTC), 5, run_id="unit")
LIMITS = DocumentLimits(seconds=5, memory_mb=1500)
TEXT = (
    "The harbour authority said on Tuesday that the new crane would double capacity at the eastern quay, "
    "although unions warned about staffing. Ships waited offshore for two days during the last strike."
)


def record(url: str, title: str) -> RawObject:
    return RawObject(f"landing/t/{title}.json", json.dumps({"url": url, "title": title, "text": TEXT}).encode())


def page(body: str, head: str = "") -> bytes:
    return f"<!doctype html><html><head><title>T</title>{head}</head><body>{body}</body></html>".encode()


def test_an_exception_in_one_record_rejects_that_record_alone(monkeypatch):
    real = transform.enrich_basic

    def enrich_basic(article, provenance):
        if article.title == "poison":
            raise ValueError("Invalid IPv6 URL")
        return real(article, provenance)

    monkeypatch.setattr(transform, "enrich_basic", enrich_basic)
    good, bad = transform_objects([record("https://a.example/1", "good"), record("https://a.example/2", "poison")], RUN, LIMITS)
    assert len(good.rows) == 1 and not good.rejections
    [rejection] = bad.rejections
    assert (rejection.stage, rejection.error_class, rejection.record_index) == ("enrich", "ValueError", 0)
    assert "Invalid IPv6 URL" in rejection.reason
    assert rejection.detail.startswith("Traceback") and "enrich_basic" in rejection.detail
    assert not bad.rows


def test_a_malformed_ipv6_url_never_fails_the_batch():
    good, odd = transform_objects([record("https://a.example/3", "good"), record("http://[::1", "odd")], RUN, LIMITS)
    assert len(good.rows) == 1
    assert len(odd.rows) + len(odd.rejections) == 1  # an article without its URL, or one rejection
    assert all(row["url"] is None for row in odd.rows)


def test_a_failing_enrichment_batch_is_redone_article_by_article(monkeypatch):
    real = transform.enrich_batch
    calls = []

    def enrich_batch(rows):
        calls.append(len(rows))
        if any(row["title"] == "poison" for row in rows):
            raise RuntimeError("the entity model choked")
        return real(rows)

    monkeypatch.setattr(transform, "enrich_batch", enrich_batch)
    raws = [record(f"https://a.example/{n}", title) for n, title in enumerate(["one", "poison", "three"])]
    one, poison, three = transform_objects(raws, RUN, LIMITS)
    assert len(one.rows) == 1 and len(three.rows) == 1 and one.children["mentions"] is not None
    [rejection] = poison.rejections
    assert (rejection.stage, rejection.error_class) == ("enrich", "RuntimeError")
    assert "choked" in rejection.reason and "Traceback" in rejection.detail
    assert calls[0] == 3 and calls[1:] == [1, 1, 1]  # the batch, then each article alone


def test_a_document_over_the_time_limit_is_stopped_and_says_which_limit(monkeypatch):
    def extract_object(raw, *, fetched_at=None):
        if raw.key.endswith("slow.json"):
            while True:
                sum(range(1000))
        return real(raw, fetched_at=fetched_at)

    real = transform.extract_object
    monkeypatch.setattr(transform, "extract_object", extract_object)
    slow, fine = transform_objects([record("https://a.example/s", "slow"), record("https://a.example/f", "fine")], RUN,
                                   DocumentLimits(seconds=0.5))
    [rejection] = slow.rejections
    assert (rejection.stage, rejection.error_class) == ("extract", "TimeLimitExceeded")
    assert "0.5 s" in rejection.reason and "document_seconds" in rejection.reason
    assert "extract_object" in rejection.detail
    assert len(fine.rows) == 1


def test_objects_over_the_size_limit_are_refused_even_when_compressed():
    data = page("<p>" + TEXT * 100 + "</p>")
    with pytest.raises(ObjectTooLarge, match="max_object_bytes"):
        decoded(RawObject("landing/t/big.html", data), DocumentLimits(max_object_bytes=1000))
    with pytest.raises(ObjectTooLarge, match="max_object_bytes"):
        decoded(RawObject("landing/t/big.html.gz", gzip.compress(data)), DocumentLimits(max_object_bytes=1000))
    assert decoded(RawObject("landing/t/ok.html.gz", gzip.compress(data)), LIMITS) == data


def test_strip_inert_keeps_json_ld_and_markup_only():
    html = page(
        "<p>kept</p><!-- a comment --><SCRIPT src=x>var a = '</div>';</SCRIPT><p>also kept</p><style>p{}</style>",
        head='<script type="application/ld+json">{"headline": "H"}</script><script>var big = 1;</script>',
    )
    stripped = strip_inert(html)
    assert b"ld+json" in stripped and b"headline" in stripped
    assert b"kept" in stripped and b"also kept" in stripped
    assert b"var a" not in stripped and b"var big" not in stripped and b"comment" not in stripped and b"p{}" not in stripped
    assert strip_inert(b"<p>x</p><script>never closed") == b"<p>x</p>"


def test_the_html_guard_refuses_what_the_parser_cannot_take_whole():
    limits = DocumentLimits(html_max_bytes=100_000, html_max_tags=5_000)
    with pytest.raises(HtmlTooLarge, match="html_max_bytes"):
        check_html(page("<p>" + "word " * 50_000 + "</p>"), limits)
    with pytest.raises(HtmlTooManyTags, match="html_max_tags"):
        check_html(page("<b>x</b>" * 6_000), limits)
    deep = page("<div><p>level</p>" * 300 + "</div>" * 300)
    assert nesting_estimate(deep) >= 300 and parsed_depth(deep) == PARSER_MAX_DEPTH
    with pytest.raises(HtmlTooDeep, match="255 levels"):
        check_html(deep, limits)
    # a big page whose bulk is a script is extracted without it; an ordinary page is left as it is
    scripted = page("<article><p>" + TEXT + "</p></article>", head="<script>" + "var x = 1;" * 20_000 + "</script>")
    assert check_html(scripted, limits) == strip_inert(scripted)
    ordinary = page("<div>" * 100 + "<p>fine</p>" + "</div>" * 100)
    assert check_html(ordinary, limits) is ordinary


def test_example_and_real_pages_pass_the_html_guard():
    pages = [path.read_bytes() for path in sorted((EXAMPLES / "html").glob("*.html"))]
    pages += [gzip.decompress(path.read_bytes()) for path in sorted((SHARED_DATA / "aeb" / "html").glob("*.html.gz"))[:60]]
    assert pages
    for html in pages:
        assert check_html(html, DocumentLimits()) is html


def test_enrichment_chunks_are_bounded():
    rows = [{"body": "x" * 1000} for _ in range(100)] + [{"body": "y" * 300_000}, {"body": "z"}]
    chunks = transform._chunks(rows, workers=2)
    assert sorted(i for chunk in chunks for i in chunk) == list(range(len(rows)))
    assert all(len(chunk) <= transform.CHUNK_ARTICLES for chunk in chunks)
    assert all(sum(len(rows[i]["body"]) for i in chunk) <= transform.CHUNK_CHARS for chunk in chunks if len(chunk) > 1)
    assert chunks[0][0] == 101 and chunks[-1] == [100]  # short ones first; one over the budget alone
    assert len(transform._chunks(rows[:4], workers=2)) == 4  # few rows: spread over the workers
