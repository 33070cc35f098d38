import gzip

import pytest

from tasks.extract.detect import Format, UnsupportedInput, decode_bytes, detect_format


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("page.html", b"<p>hi</p>", Format.HTML),
        ("page.txt", b"<!DOCTYPE html><html><body>x</body></html>", Format.HTML),
        ("noext", b"  <html lang='en'><body>x</body></html>", Format.HTML),
        ("a.json", b'{"title": "x"}', Format.JSON),
        ("a.jsonl", b'{"title": "x"}\n{"title": "y"}\n', Format.JSONL),
        ("a.data", b'{"title": "x"}\n{"title": "y"}\n', Format.JSONL),
        ("a.data", b'[{"title": "x"}]', Format.JSON),
        ("scrape.txt", b"Connect with us\n\nNews\n\nA headline", Format.TEXT),
        ("page.html.gz", b"<html></html>", Format.HTML),
    ],
)
def test_detect_format(name, data, expected):
    assert detect_format(name, data) is expected


def test_gzip_is_undone_whatever_the_name():
    assert decode_bytes("x.txt", gzip.compress(b"hello")) == b"hello"


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "empty"), (b"  \n ", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"), (b"\x1f\x8bnot gzip", "gzip")],
)
def test_unreadable_inputs_are_refused_with_a_reason(data, message):
    with pytest.raises(UnsupportedInput, match=message):
        decode_bytes("obj", data)
