"""HTML body extraction: pure tests on small pages written here (no network, no S3)."""

from __future__ import annotations

import time
from collections import Counter
from datetime import UTC, datetime

import pytest
import trafilatura
from trafilatura.utils import load_html

import tasks.extract.html as html_module
import tasks.extract.html_body as body_module
from tasks.extract.html import EXTRACTOR, NoArticleFound, PageTooComplex, extract_html
from tasks.extract.html_body import agreement, choose_body, html_paragraphs

URL = "https://news.example.com/2024/03/05/council-approves-tram-extension"

PARAGRAPHS = [
    "The city council voted on Tuesday to expand the northern tram line by four kilometres, ending a debate "
    "that has divided residents for almost a decade.",
    "Supporters of the plan argued that the extension would cut commuting times for thousands of families "
    "living in the new housing estates beyond the river.",
    "Opponents, led by a coalition of shop owners on the high street, warned that two years of construction "
    "work would drive away customers and force closures.",
    "The mayor said the council had listened to those concerns and would set aside a compensation fund for "
    "businesses that lose trade during the works.",
    "Construction is expected to begin next spring, and the first trams should run on the new section before "
    "the end of the following year, officials said.",
]

HEAD = (
    "<head><title>Council approves tram extension | Example Gazette</title>"
    '<meta property="og:title" content="Council approves tram extension">'
    '<meta name="author" content="Jane Smith">'
    '<meta property="article:published_time" content="2024-03-05T09:30:00+01:00"></head>'
)
NAV = (
    '<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>'
    '<li><a href="/weather">Weather forecast for the whole region</a></li></ul></nav>'
)
RELATED = (
    '<aside class="related"><h3>Related stories</h3><ul>'
    '<li><a href="/a">Bus drivers announce a new strike over weekend pay and conditions</a></li>'
    '<li><a href="/b">Bridge repairs delayed again after inspectors find more corrosion</a></li></ul></aside>'
)
COMMENTS = (
    '<section id="comments" class="comments"><h3>3 comments</h3>'
    '<div class="comment"><p>Reader99: This is a total waste of taxpayers money and nobody asked for it anyway.</p></div>'
    '<div class="comment"><p>TramFan: Finally! I have been waiting for this extension for as long as I can remember.</p>'
    "</div></section>"
)
FOOTER = (
    "<footer><p>Copyright 2024 Example Gazette Media Group. All rights reserved.</p>"
    '<p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a></p></footer>'
)
BOILERPLATE = [
    "Weather forecast for the whole region",  # navigation
    "Bus drivers announce a new strike",  # related links
    "Bridge repairs delayed again",
    "Related stories",
    "waste of taxpayers money",  # comments
    "I have been waiting for this extension",
    "Copyright 2024 Example Gazette",  # footer
    "Privacy policy",
]


def _page(body: str) -> str:
    return f'<!doctype html><html lang="en-GB">{HEAD}<body>{NAV}{body}{FOOTER}</body></html>'


def article_page() -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return _page(
        f'<main><article><h1>Council approves tram extension</h1><div class="article-body">{paragraphs}</div>'
        f"{RELATED}</article>{COMMENTS}</main>"
    )


def split_page() -> str:
    """The body cut in two identical containers by an ad slot, as many news layouts do."""
    first = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2])
    second = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:])
    return _page(
        '<main><h1>Council approves tram extension</h1><div class="chunks">'
        f'<div class="row"><div class="article-body">{first}</div></div>'
        '<div class="ad-slot"><span>Advertisement</span></div>'
        f'<div class="row"><div class="article-body">{second}</div></div>'
        f"</div>{RELATED}</main>"
    )


def spans_page() -> str:
    """Paragraphs as bare spans: trafilatura's precision mode finds no paragraph in them."""
    return _page("<div>" + "".join(f"<span>{p}</span>" for p in PARAGRAPHS) + "</div>")


def no_article_page() -> str:
    return _page(RELATED)


def _has_all_paragraphs(body: str) -> bool:
    return all(p in body for p in PARAGRAPHS)


# --- main text and boilerplate -----------------------------------------------------------


def test_article_text_is_kept_and_boilerplate_left_out():
    article = extract_html(article_page(), URL)
    assert _has_all_paragraphs(article.body)
    for chrome in BOILERPLATE:
        assert chrome not in article.body, chrome


def test_paragraphs_are_separated_by_blank_lines_in_page_order():
    body = extract_html(article_page(), URL).body
    assert body.split("\n\n") == PARAGRAPHS


def test_metadata_is_still_extracted():
    article = extract_html(article_page(), URL, fetched_at=datetime(2024, 3, 6, tzinfo=UTC))
    assert article.title == "Council approves tram extension"
    assert article.authors == ["Jane Smith"]
    assert article.published_at == datetime(2024, 3, 5, 8, 30, tzinfo=UTC)
    assert article.declared_language == "en-GB"
    assert article.url == URL
    assert article.format == "html"
    assert article.extractor == f"{EXTRACTOR}:primary"


def test_bytes_input_is_accepted():
    assert _has_all_paragraphs(extract_html(article_page().encode("utf-8"), URL).body)


# --- split bodies -------------------------------------------------------------------------


def test_body_split_into_look_alike_containers_is_rejoined():
    # the page really does trip trafilatura: alone it stops after the first container
    alone = trafilatura.extract(split_page(), url=URL, favor_precision=True, fast=True) or ""
    assert PARAGRAPHS[0] in alone and PARAGRAPHS[2] not in alone

    body = extract_html(split_page(), URL).body
    assert body.split("\n\n") == PARAGRAPHS
    assert "Advertisement" not in body and "Bus drivers" not in body


# --- fallbacks ----------------------------------------------------------------------------


def test_fallback_is_used_when_the_primary_finds_nothing():
    assert not trafilatura.extract(spans_page(), url=URL, favor_precision=True, fast=True)

    chosen = choose_body(load_html(spans_page()), URL, date_params={})
    assert chosen.source in {"readability", "recall"}
    assert chosen.metadata is None  # so extract_html runs the metadata extraction on its own
    article = extract_html(spans_page(), URL)
    assert _has_all_paragraphs(article.body)
    assert "Weather forecast" not in article.body and "Copyright 2024" not in article.body
    # metadata does not depend on which extractor supplied the body
    assert article.title == "Council approves tram extension"


def test_fallback_is_used_when_the_primary_returns_too_little(monkeypatch):
    real = trafilatura.bare_extraction

    def truncated_precision(*args, **kwargs):
        document = real(*args, **kwargs)
        if kwargs.get("favor_precision") and document is not None:
            document.text = "The city council voted on Tuesday."
        return document

    monkeypatch.setattr(body_module.trafilatura, "bare_extraction", truncated_precision)
    chosen = choose_body(load_html(article_page()), URL, date_params={})
    assert chosen.source in {"readability", "recall"}
    assert _has_all_paragraphs(chosen.text)
    article = extract_html(article_page(), URL)
    assert _has_all_paragraphs(article.body)
    assert "waste of taxpayers money" not in article.body


def test_primary_is_kept_when_readability_agrees():
    chosen = choose_body(load_html(article_page()), URL, date_params={})
    assert chosen.source == "primary"
    assert chosen.metadata is not None and chosen.metadata.title == "Council approves tram extension"


def _counts(text: str) -> Counter:
    return body_module._shingles(text)


def test_medoid_keeps_the_primary_on_a_near_tie():
    full = " ".join(PARAGRAPHS)
    texts = {"primary": full + " Share this article.", "readability": full + " Photo: Jane Smith.", "recall": full}
    shingles = {name: _counts(text) for name, text in texts.items()}
    assert body_module._medoid(texts, shingles) == "primary"


def test_medoid_replaces_an_outlier_primary():
    full = " ".join(PARAGRAPHS)
    texts = {"primary": "Sign up for our newsletter to get the news first", "readability": full, "recall": full}
    shingles = {name: _counts(text) for name, text in texts.items()}
    assert body_module._medoid(texts, shingles) == "readability"


def test_medoid_does_not_trust_an_uncorroborated_fallback():
    texts = {"primary": "", "readability": "", "recall": "Copyright 2024 Example Gazette Media Group. All rights reserved."}
    shingles = {name: _counts(text) for name, text in texts.items()}
    assert body_module._medoid(texts, shingles) == "primary"


def test_agreement_is_the_shingle_overlap_f1():
    a, b = _counts(" ".join(PARAGRAPHS)), _counts(" ".join(PARAGRAPHS[:2]))
    assert agreement(a, a) == pytest.approx(1.0)
    assert agreement(a, _counts("completely different words in this other sentence")) == 0.0
    assert agreement(a, Counter()) == 0.0
    assert 0.3 < agreement(a, b) < 0.7


def test_html_paragraphs_break_on_blocks_not_inline_tags():
    root = load_html("<div><p>One <b>bold</b> line</p>tail text<ul><li>item <a href='#'>link</a></li></ul></div>")
    assert html_paragraphs(root) == ["One bold line", "tail text", "item link"]


# --- no article ---------------------------------------------------------------------------


def test_page_without_article_raises():
    with pytest.raises(NoArticleFound):
        extract_html(no_article_page(), URL)


@pytest.mark.parametrize("html", ["", b"", "just some words", "<html></html>", "<html><body><div></div></body></html>"])
def test_empty_or_unparseable_input_raises(html):
    with pytest.raises(NoArticleFound):
        extract_html(html, URL)


# --- hostile pages ------------------------------------------------------------------------------


def _with_head(extra_head: str) -> str:
    return article_page().replace("</head>", extra_head + "</head>")


def test_script_and_data_urls_are_never_the_url_or_the_image():
    page = _with_head(
        '<meta property="og:image" content="javascript:alert(1)"><link rel="canonical" href="javascript:alert(2)">'
        '<meta property="og:url" content="data:text/html,x">'
    )
    article = extract_html(page, URL)
    assert (article.url, article.top_image) == (URL, None)
    article = extract_html(page, "javascript:alert(3)")
    assert article.url is None and _has_all_paragraphs(article.body)


def test_an_unparseable_canonical_url_is_ignored():
    article = extract_html(_with_head('<link rel="canonical" href="http://[::1"><meta property="og:image" content="http://x.example:abc/a.png">'), URL)
    assert (article.url, article.top_image) == (URL, None)
    assert _has_all_paragraphs(article.body)


def test_a_relative_image_is_made_absolute():
    assert extract_html(_with_head('<meta property="og:image" content="/img/tram.jpg">'), URL).top_image == "https://news.example.com/img/tram.jpg"


def test_extreme_stated_dates_are_ignored_with_a_reason():
    page = (
        '<html><head><meta property="article:published_time" content="0001-01-01T00:00:00+09:00">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "9999-12-31T23:59:59Z",'
        ' "dateModified": "0001-01-01T00:00:00+09:00"}</script></head><body><article>'
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "</article></body></html>"
    )
    article = extract_html(page, "https://news.example.com/tram", fetched_at=datetime(2026, 1, 1, tzinfo=UTC))
    assert (article.published_at, article.modified_at) == (None, None)
    assert article.date_source == "ignored: after the fetch time"  # the first statement: JSON-LD's 9999
    assert _has_all_paragraphs(article.body)


@pytest.mark.parametrize(
    "json_ld",
    [
        "[" * 100_000 + "]" * 100_000,  # too deep to decode
        '{"@type": "NewsArticle", "author": ' + "[" * 950 + '{"name": "x"}' + "]" * 950 + "}",  # decodes, too deep to walk
        '{"@graph": [' + ",".join(f'{{"@type": "Thing", "name": "x{n}"}}' for n in range(20_000)) + "]}",
    ],
)
def test_pathological_json_ld_leaves_the_article(json_ld):
    started = time.process_time()
    article = extract_html(_with_head(f'<script type="application/ld+json">{json_ld}</script>'), URL)
    assert _has_all_paragraphs(article.body)
    assert time.process_time() - started < 5


def test_a_page_with_an_absurd_number_of_elements_is_refused_quickly(monkeypatch):
    monkeypatch.setattr(html_module, "MAX_ELEMENTS", 1000)
    with pytest.raises(PageTooComplex, match="over 1,000 HTML elements"):
        extract_html("<html><body>" + "<p>a</p>" * 2000 + "</body></html>", URL)
    assert _has_all_paragraphs(extract_html(article_page(), URL).body)


def test_an_element_with_thousands_of_attributes_is_refused_before_parsing():
    page = article_page().replace("<main>", "<main " + " ".join(f'a{n}="{n}"' for n in range(100_000)) + ">")
    started = time.process_time()
    with pytest.raises(PageTooComplex, match="attributes"):
        extract_html(page, URL)
    assert time.process_time() - started < 1
    # one huge attribute value is no reason to refuse
    long_value = article_page().replace("<main>", f'<main data-x="{"a " * 100_000}">')
    assert _has_all_paragraphs(extract_html(long_value, URL).body)
