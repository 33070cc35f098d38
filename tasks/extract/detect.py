"""Format detection: which extractor a landed object goes to, or why none can read it.

The content decides, the file name only breaks ties, because producers name
files carelessly (``.txt`` holding HTML, JSON without an extension). Bytes are
undone first (gzip, with a bound on what it may expand to) and refused when they
are a known binary format; decoding them to text is ``tasks.extract.encoding``.
Markup that is XML but not HTML (SVG, RSS, Atom, sitemaps...) is refused by
name here, with what it is instead.
"""

from __future__ import annotations

import re
import zlib
from enum import Enum


class Format(str, Enum):
    HTML = "html"
    TEXT = "text"
    JSON = "json"
    JSONL = "jsonl"


class UnsupportedInput(ValueError):
    """The object is not text in a format the pipeline reads."""


# atomic groups: a comment once matched is never re-split (backtracking into "<!--a--><!--b-->"
# made a run of comments followed by an unclosed one take exponential time)
_HTML_START = re.compile(rb"^\s*(?>(?><!--.*?-->)\s*)*+<(?:!doctype\s+html|html|head|body|meta|article)\b", re.I | re.S)
MAX_BYTES = 50 * 1024 * 1024  # per object, after decompression
_MB = 1024 * 1024
_GZIP_MAGIC = b"\x1f\x8b"
_MAX_GZIP_LAYERS = 3
_GZIP_CHUNK = 1024 * 1024

# Magic numbers of binary formats, at offset 0 unless stated: what the object is instead.
_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (0, b"\xff\xd8\xff", "a JPEG image"),
    (0, b"GIF87a", "a GIF image"),
    (0, b"GIF89a", "a GIF image"),
    (0, b"II*\x00", "a TIFF image"),
    (0, b"MM\x00*", "a TIFF image"),
    (0, b"8BPS\x00\x01", "a Photoshop image"),
    (0, b"RIFF", "a RIFF media file (WebP, WAV, AVI)"),
    (4, b"ftyp", "an MP4/QuickTime video or HEIF image"),
    (0, b"\x1aE\xdf\xa3", "a Matroska/WebM video"),
    (0, b"OggS\x00", "an Ogg audio or video file"),
    (0, b"fLaC", "a FLAC audio file"),
    (0, b"ID3\x02\x00", "an MP3 audio file"),
    (0, b"ID3\x03\x00", "an MP3 audio file"),
    (0, b"ID3\x04\x00", "an MP3 audio file"),
    (0, b"%PDF-", "a PDF document"),
    (0, b"%!PS", "a PostScript document"),
    (0, b"{\\rtf", "an RTF document"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (0, b"PK\x03\x04", "a ZIP archive (or an Office document, EPUB or JAR): unpack it first"),
    (0, b"PK\x05\x06", "an empty ZIP archive"),
    (0, b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive: unpack it first"),
    (0, b"Rar!\x1a\x07", "a RAR archive: unpack it first"),
    (257, b"ustar\x00", "a tar archive: unpack it first"),
    (257, b"ustar ", "a tar archive: unpack it first"),
    (0, b"BZh", "bzip2-compressed data: only gzip is undone, decompress it first"),
    (0, b"\xfd7zXZ\x00", "xz-compressed data: only gzip is undone, decompress it first"),
    (0, b"\x28\xb5\x2f\xfd", "zstd-compressed data: only gzip is undone, decompress it first"),
    (0, b"\x04\x22\x4d\x18", "LZ4-compressed data: only gzip is undone, decompress it first"),
    (0, b"\x1f\x9d", "Unix-compressed (.Z) data: only gzip is undone, decompress it first"),
    (0, b"\x7fELF", "an ELF executable"),
    (0, b"\xcf\xfa\xed\xfe", "a Mach-O executable"),
    (0, b"\xca\xfe\xba\xbe", "a Java class or Mach-O executable"),
    (0, b"\x00asm", "a WebAssembly module"),
    (0, b"SQLite format 3\x00", "an SQLite database"),
    (0, b"PAR1", "a Parquet file"),
    (0, b"ARROW1", "an Arrow file"),
    (0, b"wOFF", "a web font"),
    (0, b"wOF2", "a web font"),
)


def decode_bytes(key: str, data: bytes) -> bytes:
    """Undo gzip (by magic number, whatever the name says) and refuse binaries and giants.

    Gzip is inflated with a bound: a stream that would expand past :data:`MAX_BYTES` (a
    gzip bomb: 300 MB of zeros packs into 300 KB) is refused as soon as the bound is
    reached, never held in memory whole. Truncated and corrupt streams are refused;
    a gzip inside a gzip is undone too, up to three layers."""
    layers = 0
    while data[:2] == _GZIP_MAGIC:
        layers += 1
        if layers > _MAX_GZIP_LAYERS:
            raise UnsupportedInput(f"{key}: gzip inside gzip more than {_MAX_GZIP_LAYERS} layers deep, not an article")
        data = gunzip(key, data, limit=MAX_BYTES)
    if len(data) > MAX_BYTES:
        raise UnsupportedInput(f"{key}: {len(data)} bytes is over the {MAX_BYTES} byte limit per object")
    if not data.strip():
        raise UnsupportedInput(f"{key}: the object is empty" + (" once decompressed" if layers else ""))
    what = binary_format(data)
    if what:
        raise UnsupportedInput(f"{key}: binary content ({what}), not an article")
    return data


def gunzip(key: str, data: bytes, *, limit: int) -> bytes:
    """The content of a gzip file (all its members), refused once it passes ``limit`` bytes.
    Memory stays within ``limit`` plus a chunk, whatever the compression ratio."""
    out = bytearray()
    rest = data
    while rest:
        inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        pending = rest
        try:
            while not inflater.eof:
                out += inflater.decompress(pending, min(_GZIP_CHUNK, limit + 1 - len(out)))
                if len(out) > limit:
                    raise UnsupportedInput(
                        f"{key}: gzip data expands to over {limit // _MB} MB (the limit per object, after "
                        "decompression): a gzip bomb or an oversized file, not decompressed further"
                    )
                pending = inflater.unconsumed_tail
                if not pending and not inflater.eof:
                    more = inflater.flush()  # output zlib still holds, if any
                    if not more:
                        raise UnsupportedInput(
                            f"{key}: truncated gzip data (the stream ends before its end marker, after {len(out)} bytes)"
                        )
                    out += more
        except zlib.error as exc:
            raise UnsupportedInput(f"{key}: corrupt gzip data ({exc})") from exc
        rest = inflater.unused_data
        if not rest.strip(b"\x00"):
            break  # padding after the last member
        if rest[:2] != _GZIP_MAGIC:
            raise UnsupportedInput(f"{key}: corrupt gzip data ({len(rest)} bytes of garbage after the compressed stream)")
    return bytes(out)


def binary_format(data: bytes) -> str | None:
    """What a known binary format ``data`` is in ("a PNG image"), by its magic number. Magic
    numbers a text could start with ("BZh", "RIFF") must be followed by what the format
    puts next."""
    for offset, magic, what in _SIGNATURES:
        if data[offset : offset + len(magic)] == magic and _confirmed(magic, data):
            return what
    return None


def _confirmed(magic: bytes, data: bytes) -> bool:
    if magic == b"BZh":
        return len(data) >= 10 and data[3:4] in b"123456789" and data[4:10] == b"1AY&SY"  # block size, block magic
    if magic == b"RIFF":
        return data[8:12] in (b"WEBP", b"WAVE", b"AVI ")
    if magic == b"ftyp":
        return data[:2] == b"\x00\x00"  # the size of the first box
    if magic == b"fLaC":
        return data[4:5] in (b"\x00", b"\x80")  # the first metadata block
    return True


def detect_format(key: str, data: bytes | str) -> Format:
    """The input format of already-decoded bytes (or text)."""
    name = key.lower().removesuffix(".gz")
    head = data[:2048]
    if isinstance(head, str):
        head = head.encode("utf-8", "replace")
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if _HTML_START.match(head):
        return Format.HTML
    if head.startswith(b"{") or (head.startswith(b"[") and not name.endswith((".html", ".htm", ".xhtml", ".txt"))):
        if name.endswith((".jsonl", ".ndjson")):
            return Format.JSONL
        if name.endswith(".json"):
            return Format.JSON
        return Format.JSONL if _looks_like_json_lines(data) else Format.JSON
    if name.endswith((".html", ".htm", ".xhtml")):
        return Format.HTML
    if name.endswith((".jsonl", ".ndjson")):
        return Format.JSONL
    if name.endswith(".json"):
        return Format.JSON
    return Format.TEXT


def _looks_like_json_lines(data: bytes | str) -> bool:
    """The first (up to three) non-blank lines each hold one object; the rest is not split."""
    if isinstance(data, bytes):
        data = data[: 64 * 1024 * 1024].decode("utf-8", "replace")  # one copy at most
    pieces = data.strip().split("\n", 16)[:16]
    lines = [line.strip() for line in pieces if line.strip()][:3]
    return len(lines) > 1 and all(line.startswith("{") and line.endswith("}") for line in lines)


# --- markup that is XML, not HTML --------------------------------------------------------

_PROLOG = re.compile(
    r"""\A\s*
    (?P<decl><\?xml\b[^>]{0,500}\?>)?\s*
    (?>(?><!--.*?-->|<\?[^>]{0,2000}\?>)\s*)*+
    (?:<!DOCTYPE\s+(?P<doctype>[^\s>\[]+)[^>\[]{0,2000}(?P<subset>\[[^\]]*\])?\s*>\s*)?
    (?>(?><!--.*?-->|<\?[^>]{0,2000}\?>)\s*)*+
    <(?P<root>[A-Za-z_][\w.:-]{0,100})""",
    re.I | re.S | re.X,
)
# Root elements of XML vocabularies people mistake for pages: what they are instead.
_NOT_HTML_ROOTS = {
    "svg": "an SVG image, not an HTML page",
    "rss": "an RSS feed, not an article: add the feed's URL to feeds.toml",
    "rdf": "an RSS 1.0 (RDF) feed, not an article: add the feed's URL to feeds.toml",
    "feed": "an Atom feed, not an article: add the feed's URL to feeds.toml",
    "opml": "an OPML list of feeds, not an article: add the feeds to feeds.toml",
    "urlset": "a sitemap, not an article",
    "sitemapindex": "a sitemap index, not an article",
    "math": "a MathML formula, not an HTML page",
    "kml": "KML map data, not an HTML page",
    "gpx": "GPX track data, not an HTML page",
    "plist": "an Apple property list, not an HTML page",
    "xsl": "an XSLT stylesheet, not an HTML page",
    "stylesheet": "an XSLT stylesheet, not an HTML page",
    "soap": "a SOAP message, not an HTML page",
    "envelope": "a SOAP message, not an HTML page",
    "nitf": "an NITF news document, which newslake does not read: convert it to JSON records",
    "newsml": "a NewsML document, which newslake does not read: convert it to JSON records",
}
_BARE_DECLARATION = re.compile(r"\s*<\?xml\b[^>]{0,500}\?>\s*\Z")
_PAGE_AFTER_SVG = re.compile(r"</svg\s*>\s*(?>(?><!--.*?-->)\s*)*+<(?:p|div|article|main|section|header|h[1-6]|body|html)\b", re.I | re.S)
# Elements an HTML document or fragment may start with.
_HTML_ROOTS = {
    "html", "head", "body", "meta", "title", "link", "base", "style", "script", "noscript", "template",
    "article", "main", "section", "div", "p", "span", "a", "header", "footer", "nav", "aside", "h1", "h2",
    "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "figure", "img", "br", "hr", "form", "center", "font",
    "b", "i", "u", "em", "strong", "small", "pre", "blockquote", "iframe", "picture", "time", "address",
}


def markup_problem(text: str) -> str | None:
    """Why markup is no HTML page: an SVG image, a feed, a sitemap, other XML, or a DOCTYPE
    declaring entities (what "billion laughs" and external-entity attacks rely on; no page
    needs them). None for HTML, XHTML, HTML fragments and anything that is no markup."""
    head = text[:65536].lstrip("\ufeff")
    if not head.lstrip().startswith("<"):
        return None
    match = _PROLOG.match(head)
    if match is None:
        return "an XML declaration with no document after it, not an HTML page" if _BARE_DECLARATION.match(head) else None
    subset = match.group("subset") or ""
    if "<!ENTITY" in subset.upper():
        return "its DOCTYPE declares XML entities (as the 'billion laughs' and external-entity attacks do), which no HTML page needs"
    root = match.group("root")
    local = root.rsplit(":", 1)[-1].lower()
    if local in _NOT_HTML_ROOTS:
        if local == "svg" and not match.group("decl") and _PAGE_AFTER_SVG.search(head, match.end()):
            return None  # an HTML fragment that opens with an inline icon
        return _NOT_HTML_ROOTS[local]
    doctype = (match.group("doctype") or "html").lower()
    if local not in _HTML_ROOTS and (match.group("decl") or doctype != "html"):
        return f"an XML document (root element <{root}>), not an HTML page"
    return None
