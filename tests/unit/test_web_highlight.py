"""Marking up an article body from the lake's offsets: links on mentions, quotes around
them, figures, escaping, and offsets that cannot be trusted."""

from __future__ import annotations

from xml.etree import ElementTree

from newslake.web.highlight import SNIPPET_MARKS, Span, arrange, highlight, snippet_html

BODY = 'Putin arrived in Iran. "This is an important visit for Putin," said Andrey Kortunov. It cost $22 million.'


def _spans(text: str, word: str, **kwargs) -> Span:
    start = text.index(word)
    return Span(start, start + len(word), **kwargs)


def _parse(html: str) -> ElementTree.Element:
    return ElementTree.fromstring(f"<div>{html}</div>")


def test_mentions_become_links_and_the_text_is_unchanged():
    spans = [
        _spans(BODY, "Putin", kind="entity", title="PERSON: Vladimir Putin", href="/entity?name=Vladimir+Putin&type=PERSON", css="ent-person"),
        _spans(BODY, "Iran", kind="entity", href="/entity?name=Iran", css="ent-place"),
    ]
    html = highlight(BODY, spans)
    root = _parse(html)
    links = root.findall("a")
    assert [a.text for a in links] == ["Putin", "Iran"]
    assert links[0].get("href") == "/entity?name=Vladimir+Putin&type=PERSON"
    assert links[0].get("class") == "entity ent-person" and links[0].get("title") == "PERSON: Vladimir Putin"
    assert "".join(root.itertext()) == BODY


def test_mentions_nest_inside_quotes_and_crossing_ones_are_dropped():
    quote_start = BODY.index("This")
    quote = Span(quote_start, BODY.index(',"'), "quote", "quote — Andrey Kortunov")
    inside = Span(BODY.index("Putin,"), BODY.index("Putin,") + 5, "entity", href="/entity?name=Putin")
    crossing = Span(quote_start - 5, quote_start + 4, "entity", href="/x")  # starts outside, ends inside
    html = highlight(BODY, [inside, quote, crossing])
    root = _parse(html)
    quote_el = root.find("span")
    assert quote_el is not None and quote_el.get("class") == "quote"
    assert [a.text for a in quote_el.findall("a")] == ["Putin"]
    assert root.find("a") is None  # the crossing one is gone
    assert "".join(root.itertext()) == BODY


def test_overlapping_spans_of_one_layer_keep_the_first_then_the_longest():
    text = "Vladimir Putin spoke"
    long = Span(0, 14, "entity", href="/long")
    short = Span(9, 14, "entity", href="/short")
    same_start = Span(0, 8, "entity", href="/same")
    kept = arrange([short, long, same_start], len(text))
    assert [s.href for s in kept] == ["/long"]


def test_offsets_that_cannot_be_trusted_are_ignored():
    text = "short text"
    spans = [Span(-1, 3, "entity"), Span(3, 3, "entity"), Span(5, 2, "entity"), Span(0, 99, "entity"),
             Span(None, 4, "entity"), Span(0, 5, "figure", "figure: 5")]  # type: ignore[arg-type]
    kept = arrange(spans, len(text))
    assert [(s.start, s.end, s.kind) for s in kept] == [(0, 5, "figure")]
    assert "".join(_parse(highlight(text, spans)).itertext()) == text


def test_everything_is_escaped():
    text = '<script>alert("x")</script> & Putin'
    span = _spans(text, "Putin", kind="entity", title='"><img src=x>', href='/entity?name=<b>"')
    html = str(highlight(text, [span]))
    assert "<script>" not in html and "<img" not in html
    root = _parse(html)
    assert "".join(root.itertext()) == text
    assert root.find("a").get("title") == '"><img src=x>'
    assert root.find("a").get("href") == '/entity?name=<b>"'


def test_empty_body_and_no_spans():
    assert str(highlight("", [])) == ""
    assert str(highlight("a < b", [])) == "a &lt; b"


def test_snippet_marks_become_mark_elements():
    opening, closing = SNIPPET_MARKS
    snippet = f"The {opening}drones{closing} hit <Kyiv> «again» {opening}unclosed"
    html = str(snippet_html(snippet))
    assert html == "The <mark>drones</mark> hit &lt;Kyiv&gt; «again» <mark>unclosed</mark>"
    assert str(snippet_html(f"{closing}stray")) == "stray"
