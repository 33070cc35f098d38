"""A corpus of hostile and broken inputs, generated (never downloaded), with valid articles
planted among them. Each entry says what must become of it: ``article`` (it holds a
valid article, which must reach the lake), ``reject`` (it must become a reject with a
reason), or ``any`` (either is acceptable, but never a crash, a hang or silence).
"""

from __future__ import annotations

import gzip
import io
import json
import random
import zipfile
from dataclasses import dataclass
from pathlib import Path

PARAGRAPH = (
    "The harbour authority said on Tuesday that the new breakwater would be finished before the "
    "winter storms, after two years of delays caused by rising costs and a shortage of granite. "
    "Fishermen who use the port welcomed the news but said the works had already cost them a season."
)


@dataclass(frozen=True)
class Entry:
    name: str
    data: bytes
    expect: str  # "article", "reject" or "any"
    title: str | None = None  # the planted article's title, when expect == "article"


def article_html(title: str, extra_head: str = "", extra_body: str = "") -> str:
    body = "".join(f"<p>{PARAGRAPH} ({title}, part {n}.)</p>" for n in range(4))
    return (
        f"<!doctype html><html><head><title>{title}</title>{extra_head}</head>"
        f"<body><article><h1>{title}</h1>{body}</article>{extra_body}</body></html>"
    )


def article_text(title: str) -> str:
    return f"{title}\n\n" + "\n\n".join(f"{PARAGRAPH} ({title}, part {n}.)" for n in range(4)) + "\n"


def record(title: str, **fields: object) -> dict:
    return {"url": f"https://example.org/{title.lower().replace(' ', '-')}", "title": title, "text": article_text(title), **fields}


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def _gzip_bomb(size: int) -> bytes:
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as handle:
        chunk = b"\x00" * 1_000_000
        for _ in range(size // len(chunk)):
            handle.write(chunk)
    return out.getvalue()


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("story.txt", article_text("Zipped story"))
    return out.getvalue()


def entries() -> list[Entry]:
    rng = random.Random(20261129)
    nested_json = b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    out = [
        # -- planted valid articles, in every format
        Entry("valid/story.html", article_html("Planted HTML story").encode(), "article", "Planted HTML story"),
        Entry("valid/story.txt", article_text("Planted text story").encode(), "article", "Planted text story"),
        Entry("valid/record.json", json.dumps(record("Planted JSON record")).encode(), "article", "Planted JSON record"),
        Entry("valid/story.html.gz", _gzip(article_html("Planted gzip story").encode()), "article", "Planted gzip story"),
        Entry("valid/bom.txt", b"\xef\xbb\xbf" + article_text("Planted BOM story").encode(), "article", "Planted BOM story"),
        Entry("valid/latin1.txt", article_text("Planted Latin-1 café story").encode("latin-1"), "article", "Planted Latin-1 café story"),
        Entry("valid/utf16le.txt", article_text("Planted UTF-16 story").encode("utf-16"), "article", "Planted UTF-16 story"),
        Entry("valid/utf16be-nobom.txt", article_text("Planted UTF-16BE story").encode("utf-16-be"), "article", "Planted UTF-16BE story"),
        Entry("valid/crlf.jsonl", b"\r\n".join(json.dumps(record(f"Planted CRLF line {n}")).encode() for n in range(2)), "article", "Planted CRLF line 1"),
        # -- empty and binary
        Entry("binary/empty.txt", b"", "reject"),
        Entry("binary/blank.html", b"  \n\t \n", "reject"),
        Entry("binary/nul.txt", b"\x00" * 2048, "reject"),
        Entry("binary/random.bin", bytes(rng.getrandbits(8) for _ in range(20_000)), "reject"),
        Entry("binary/high-bytes.txt", bytes(rng.randrange(0x80, 0x100) for _ in range(30_000)), "reject"),
        Entry("binary/image.png", b"\x89PNG\r\n\x1a\n" + bytes(rng.getrandbits(8) for _ in range(4000)), "reject"),
        Entry("binary/doc.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" * 50, "reject"),
        Entry("binary/archive.zip", _zip(), "reject"),
        Entry("binary/truncated.html.gz", _gzip(article_html("Truncated gzip").encode())[:60], "reject"),
        Entry("binary/not-gzip.gz", b"\x1f\x8b\x08\x00garbage that is not deflate data" * 10, "reject"),
        Entry("binary/bomb.txt.gz", _gzip_bomb(300_000_000), "reject"),
        Entry("binary/double.html.gz", _gzip(_gzip(article_html("Double gzip").encode())), "any"),
        # -- text oddities
        Entry("text/control-chars.txt", ("\x01\x02\x03\x1b[31m" * 500).encode(), "reject"),
        Entry("text/one-long-line.txt", ("word " * 1_000_000).encode(), "any"),
        Entry("text/punctuation.txt", ("!?.,;:" * 5000).encode(), "reject"),
        Entry("text/zero-width.txt", ("\u200b\u200c\u200d\ufeff" * 5000).encode(), "reject"),
        Entry("text/invalid-utf8.txt", article_text("Mixed bytes story").encode() + b"\xff\xfe\xc3\x28" * 20, "any"),
        Entry("text/rtl.txt", ("\u202e" + "خبر عاجل عن الميناء الجديد " * 60).encode(), "any"),
        # -- HTML that is not an article, or is built to hurt
        Entry("html/no-text.html", b"<html><head><title>x</title></head><body><div></div></body></html>", "reject"),
        Entry("html/only-script.html", b"<html><body><script>" + b"var a=1;" * 20000 + b"</script></body></html>", "reject"),
        Entry("html/deep-nesting.html", b"<html><body>" + b"<div>" * 50_000 + PARAGRAPH.encode() + b"</div>" * 50_000 + b"</body></html>", "any"),
        Entry("html/huge-attribute.html", article_html("Huge attribute", extra_body=f"<div data-x=\"{'a' * 3_000_000}\"></div>").encode(), "any"),
        Entry("html/svg.html", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><rect width="10" height="10"/></svg>', "reject"),
        Entry("html/rss-as-html.html", b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>', "reject"),
        Entry("html/unclosed.html", b"<html><body><p>" + PARAGRAPH.encode() * 5 + b"<div><span><b><i>", "any"),
        Entry("html/entities.html", b"<html><body><p>" + b"&amp;&lt;&#x1F600;&bogus;" * 20_000 + b"</p></body></html>", "any"),
        Entry(
            "html/billion-laughs.html",
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
            b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><html><body><p>&lol3;</p></body></html>',
            "any",
        ),
        Entry(
            "html/javascript-urls.html",
            article_html(
                "Javascript URL story",
                extra_head='<meta property="og:image" content="javascript:alert(1)"><link rel="canonical" href="javascript:alert(2)">',
            ).encode(),
            "article",
            "Javascript URL story",
        ),
        Entry("html/lying-charset.html", article_html("Lying charset story", '<meta charset="utf-16">').encode(), "article", "Lying charset story"),
        Entry("html/poison-canonical.html", article_html("Poison canonical story", '<link rel="canonical" href="http://[::1">').encode(), "article", "Poison canonical story"),
        Entry("html/many-paragraphs.html", b"<html><body>" + b"<p>a</p>" * 200_000 + b"</body></html>", "any"),
        # -- JSON records
        Entry("json/truncated.json", json.dumps(record("Cut off"))[:40].encode(), "reject"),
        Entry("json/number.json", b"42", "reject"),
        Entry("json/empty-object.json", b"{}", "reject"),
        Entry("json/nested.json", nested_json, "reject"),
        Entry("json/poison-url.json", json.dumps({**record("Poison URL record"), "url": "http://[::1"}).encode(), "any"),
        Entry("json/javascript-url.json", json.dumps({**record("Javascript record"), "url": "javascript:alert(1)", "image": "javascript:alert(2)"}).encode(), "any"),
        Entry("json/extreme-date.json", json.dumps(record("Extreme date record", published_at="0001-01-01T00:00:00+09:00")).encode(), "article", "Extreme date record"),
        Entry("json/far-future.json", json.dumps(record("Far future record", published_at="9999-12-31T23:59:59Z")).encode(), "article", "Far future record"),
        Entry("json/huge-epoch.json", json.dumps(record("Huge epoch record", published_at=10**20)).encode(), "article", "Huge epoch record"),
        Entry("json/nan.json", b'{"title": "NaN record", "text": "x", "published_at": NaN}', "any"),
        Entry("json/text-is-number.json", json.dumps({"title": "n", "text": 12345}).encode(), "reject"),
        Entry("json/many-authors.json", json.dumps(record("Many authors record", authors=[f"Author {n}" for n in range(10_000)])).encode(), "any"),
        Entry("json/huge-title.json", json.dumps({**record("Huge title record"), "title": "T" * 1_000_000}).encode(), "any"),
        Entry("json/duplicate-keys.json", b'{"title": "a", "title": "Duplicate keys record", "text": ' + json.dumps(article_text("Duplicate keys record")).encode() + b"}", "article", "Duplicate keys record"),
        Entry("json/mixed-list.json", json.dumps([record("Mixed list good record"), {"title": "no body"}, 7, None]).encode(), "article", "Mixed list good record"),
        Entry(
            "json/lines-with-poison.jsonl",
            b"\n".join(
                [
                    json.dumps(record("Lines good record one")).encode(),
                    b'{"text": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
                    b"{not json",
                    b"",
                    json.dumps({**record("Lines poison url"), "url": "http://[::1"}).encode(),
                    json.dumps(record("Lines good record two")).encode(),
                ]
            ),
            "article",
            "Lines good record two",
        ),
    ]
    return out


def planted_titles(corpus: list[Entry]) -> set[str]:
    titles = {entry.title for entry in corpus if entry.title}
    titles.add("Lines good record one")
    return titles


def write_corpus(folder: Path) -> list[Entry]:
    """Write every entry under ``folder``; returns the entries."""
    corpus = entries()
    for entry in corpus:
        path = folder / entry.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(entry.data)
    return corpus
