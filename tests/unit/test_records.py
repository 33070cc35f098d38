from datetime import UTC, datetime

from schemas.records import Extracted, RawObject, Rejection
from tasks.extract.dispatch import extract_object


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
