import json
from datetime import UTC, datetime

import pytest

from schemas.records import Extracted, RawObject, Rejection
from tasks.extract import dispatch
from tasks.extract.dispatch import extract_object
from tasks.extract.records import skip_value


def _extract(name: str, data: bytes):
    return extract_object(RawObject(key=name, data=data))


def test_json_record_fields_are_taken_as_stated():
    data = (
        b'{"url": "https://news.example/a", "title": "A title", "text": "Para one.\\n\\nPara two.",'
        b' "published_at": "2026-01-02T03:04:05+02:00", "authors": "By A. Writer and B. Reporter",'
        b' "source": "Example News", "extra": 1}'
    )
    [article] = _extract("a.json", data)
    assert isinstance(article, Extracted)
    assert article.title == "A title"
    assert article.body == "Para one.\n\nPara two."
    assert article.published_at == datetime(2026, 1, 2, 1, 4, 5, tzinfo=UTC)
    assert article.published_at_local == "2026-01-02T03:04:05+02:00"  # as stated, not converted
    assert article.authors == ["A. Writer", "B. Reporter"]
    assert article.site_name == "Example News"


def test_json_lines_reject_bad_lines_only():
    data = b'{"title": "ok", "text": "Body text here."}\n{not json\n\n[1, 2]\n{"title": "no body"}\n'
    items = _extract("w.jsonl", data)
    assert isinstance(items[0], Extracted) and items[0].record_index == 0
    rejections = [item for item in items if isinstance(item, Rejection)]
    assert [(r.record_index, r.error_class) for r in rejections] == [
        (1, "JSONDecodeError"),
        (3, "TypeError"),
        (4, "MissingBody"),
    ]
    assert all(r.stage == "parse" for r in rejections)


def test_record_with_html_goes_through_the_html_extractor():
    paragraphs = "".join(f"<p>Paragraph {i} of the story, with enough words to count as text.</p>" for i in range(8))
    data = ('{"url": "https://news.example/b", "html": "<html><body><article>' + paragraphs + '</article></body></html>"}').encode()
    [article] = _extract("b.json", data)
    assert isinstance(article, Extracted)
    assert "Paragraph 3 of the story" in article.body
    assert article.format == "json"


def test_truncated_json_is_a_parse_rejection():
    [rejection] = _extract("t.json", b'{"title": "cut off", "text": "Some te')
    assert isinstance(rejection, Rejection)
    assert rejection.stage == "parse"


TEXT = (
    "The harbour authority said on Tuesday that the new breakwater would be finished before the winter "
    "storms, after two years of delays caused by rising costs and a shortage of granite.\n\n"
    "Fishermen who use the port welcomed the news but said the works had already cost them a season."
)
FETCHED = datetime(2026, 11, 29, tzinfo=UTC)


def _record(title: str, **fields) -> dict:
    return {"url": f"https://news.example/{title.lower().replace(' ', '-')}", "title": title, "text": TEXT, **fields}


def _line(title: str, **fields) -> bytes:
    return json.dumps(_record(title, **fields)).encode()


def _articles(items) -> list[Extracted]:
    return [item for item in items if isinstance(item, Extracted)]


def _rejections(items) -> list[Rejection]:
    return [item for item in items if isinstance(item, Rejection)]


def test_a_pathologically_nested_line_rejects_that_line_only():
    deep = b'{"text": ' + b"[" * 50_000 + b"]" * 50_000 + b"}"
    data = b"\n".join([_line("One"), deep, b"{not json", b"", _line("Two", url="http://[::1"), _line("Three")])
    items = _extract("w.jsonl", data)
    assert [a.title for a in _articles(items)] == ["One", "Two", "Three"]
    rejections = {r.record_index: r for r in _rejections(items)}
    assert rejections[1].error_class == "RecursionError" and "line 2 is nested too deeply" in rejections[1].reason
    assert rejections[2].error_class == "JSONDecodeError"


def test_a_bad_element_of_a_json_array_rejects_that_element_only():
    deep = b'{"text": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    long_number = b'{"text": "x", "n": ' + b"9" * 5000 + b"}"
    data = b"[" + _line("First") + b", " + deep + b",\n" + long_number + b", " + _line("Last") + b"]"
    items = _extract("a.json", data)
    assert [a.title for a in _articles(items)] == ["First", "Last"]
    assert [(r.record_index, r.stage, r.error_class) for r in _rejections(items)] == [
        (1, "parse", "RecursionError"),
        (2, "parse", "ValueError"),
    ]


def test_a_nested_single_record_is_a_parse_rejection_with_a_reason():
    [rejection] = _extract("n.json", b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")
    assert (rejection.stage, rejection.error_class) == ("parse", "RecursionError")
    assert "nested too deeply" in rejection.reason


def test_skip_value_finds_the_end_of_any_value_without_recursion():
    text = '[1, "a]b\\"c", {"x": [[["]"]]]}, ' + "[" * 100_000 + "]" * 100_000 + "]"
    assert skip_value(text, 1) == 2
    assert text[skip_value(text, 4) - 1] == '"'
    end = skip_value(text, text.index("{"))
    assert text[:end].endswith("]]]}")
    assert skip_value(text, text.index("[" * 10)) == len(text) - 1


@pytest.mark.parametrize(
    ("stated", "why"),
    [
        ("0001-01-01T00:00:00+09:00", "ignored: out of range"),
        ("9999-12-31T23:59:59Z", "ignored: after the fetch time"),
        (10**20, "ignored: out of range"),
        (True, "ignored: not a date"),
        ("soon", "ignored: not a date"),
    ],
)
def test_an_unusable_date_keeps_the_article_and_says_why(stated, why):
    [article] = extract_object(RawObject("d.json", json.dumps(_record("Dated", published_at=stated)).encode()), fetched_at=FETCHED)
    assert isinstance(article, Extracted)
    assert (article.published_at, article.date_source) == (None, why)


def test_nan_as_a_date_keeps_the_article():
    data = b'{"title": "NaN", "text": ' + json.dumps(TEXT).encode() + b', "published_at": NaN}'
    [article] = extract_object(RawObject("nan.json", data), fetched_at=FETCHED)
    assert isinstance(article, Extracted) and article.date_source == "ignored: not a date"


def test_only_http_urls_are_kept_from_records():
    data = json.dumps(_record("Script", url="javascript:alert(1)", image="javascript:alert(2)")).encode()
    [article] = _extract("s.json", data)
    assert (article.url, article.top_image) == (None, None)
    [article] = _extract("r.json", json.dumps(_record("Relative", image="/img/a.png")).encode())
    assert article.top_image == "https://news.example/img/a.png"
    [article] = _extract("d.json", json.dumps(_record("Data", image="data:image/png;base64,AAAA")).encode())
    assert article.top_image is None


def test_a_page_falls_back_to_the_source_url_when_its_own_is_no_http_url():
    page = (
        '<html><head><link rel="canonical" href="javascript:alert(1)"><meta property="og:url" content="http://[::1">'
        '<meta property="og:image" content="vbscript:x"></head><body><article>'
        + "".join(f"<p>{p}</p>" for p in TEXT.split("\n\n")) * 3
        + "</article></body></html>"
    )
    [article] = extract_object(RawObject("p.html", page.encode(), source_url="https://news.example/story"))
    assert article.url == "https://news.example/story" and article.top_image is None
    [article] = extract_object(RawObject("p.html", page.encode(), source_url="javascript:alert(3)"))
    assert article.url is None


def test_lone_surrogates_and_control_characters_do_not_reject_a_record():
    data = b'{"title": "Lone \\ud800 surrogate\\u0000", "authors": ["A \\udc00 B"], "text": ' + json.dumps(TEXT + "\udfff").encode() + b"}"
    [article] = _extract("s.json", data)
    assert article.title == "Lone \ufffd surrogate" and article.authors == ["A \ufffd B"]
    assert article.body.endswith("\ufffd")
    (article.title + article.body).encode("utf-8")  # storable


def test_an_empty_array_is_a_rejection_not_silence():
    [rejection] = _extract("e.json", b"[]")
    assert (rejection.stage, rejection.error_class) == ("extract", "NoRecords") and rejection.reason


def test_records_past_the_limit_are_rejected_in_one_rejection(monkeypatch):
    monkeypatch.setattr(dispatch, "MAX_RECORDS", 3)
    items = _extract("m.jsonl", b"\n".join(_line(f"Record {n}") for n in range(6)))
    assert len(_articles(items)) == 3
    [rejection] = _rejections(items)
    assert rejection.error_class == "TooManyRecords" and "from line 4 on" in rejection.reason


def test_a_record_whose_html_is_an_svg_says_so():
    data = json.dumps({"html": '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'}).encode()
    [rejection] = _extract("svg.json", data)
    assert rejection.stage == "parse" and "an SVG image" in rejection.reason


def test_a_records_text_that_is_no_text_is_rejected_with_a_reason():
    [rejection] = _extract("g.json", json.dumps({"title": "x", "text": "0123456789 " * 500}).encode())
    assert (rejection.stage, rejection.error_class) == ("extract", "NotText")
    assert "record 0's text is not plausibly text" in rejection.reason


def test_a_huge_declared_language_is_dropped():
    [article] = _extract("l.json", json.dumps(_record("Lang", language="x" * 100_000)).encode())
    assert article.declared_language is None


def test_a_body_longer_than_any_article_is_rejected(monkeypatch):
    monkeypatch.setattr(dispatch, "MAX_BODY_CHARS", 1000)
    [rejection] = _extract("long.json", json.dumps(_record("Long", text=TEXT * 10)).encode())
    assert (rejection.error_class, rejection.record_index) == ("BodyTooLong", 0) and "over the limit of 1,000" in rejection.reason
    [rejection] = _extract("long.txt", (TEXT * 20).encode())  # a text that long is not even cleaned
    assert rejection.error_class == "BodyTooLong"
    [article] = _extract("short.json", json.dumps(_record("Short")).encode())
    assert isinstance(article, Extracted)
