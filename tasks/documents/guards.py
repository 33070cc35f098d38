"""The size guards of the transform step: what one landed object may take before a parser
sees it (``max_object_bytes``, ``html_max_bytes``, ``html_max_tags``, and nesting the HTML
parser would silently truncate). Each refusal names its limit and setting."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newslake.core.parallel import Limits
from newslake.core.settings import Settings
from schemas.records import RawObject
from tasks.extract.detect import decode_bytes

# libxml2's HTML parser (lxml, trafilatura) keeps 255 levels of nesting and silently drops
# whatever lies deeper: a parsed tree this deep has lost part of the page.
PARSER_MAX_DEPTH = 256
_DEPTH_SUSPECT = 128  # a cheap count this deep asks the parser for the real depth
_MARKUP_NAMES = (".html", ".htm", ".xhtml")


@dataclass(frozen=True)
class DocumentLimits:
    """What one landed object may take (the settings of the same names)."""

    seconds: float = 60.0
    memory_mb: int = 1500
    max_object_bytes: int = 50_000_000
    html_max_bytes: int = 3_000_000
    html_max_tags: int = 50_000

    @classmethod
    def from_settings(cls, settings: Settings) -> DocumentLimits:
        return cls(
            seconds=settings.document_seconds,
            memory_mb=settings.document_memory_mb,
            max_object_bytes=settings.max_object_bytes,
            html_max_bytes=settings.html_max_bytes,
            html_max_tags=settings.html_max_tags,
        )

    @property
    def pool(self) -> Limits:
        return Limits(seconds=self.seconds, memory_mb=self.memory_mb)


class Refused(ValueError):
    """A size guard refuses the object; the message names the limit and its setting."""


class ObjectTooLarge(Refused):
    """The object's content is over ``max_object_bytes``."""


class HtmlTooLarge(Refused):
    """Too much markup to parse in bounded time and memory."""


class HtmlTooManyTags(Refused):
    """An absurd number of elements."""


class HtmlTooDeep(Refused):
    """Nested deeper than the HTML parser keeps."""


def decoded(raw: RawObject, limits: DocumentLimits) -> bytes:
    """The object's bytes with gzip undone (``tasks.extract.detect``, which bounds what it
    may expand to), refused over ``max_object_bytes``."""
    data = decode_bytes(raw.key, raw.data)
    if len(data) > limits.max_object_bytes:
        raise ObjectTooLarge(
            f"{raw.key}: {len(data):,} bytes, over the limit of {limits.max_object_bytes:,} per object (setting max_object_bytes)"
        )
    return data


def looks_like_markup(name: str, data: bytes) -> bool:
    """What the extractors would parse as markup: a markup file name, or content opening with ``<``."""
    return name.lower().removesuffix(".gz").endswith(_MARKUP_NAMES) or data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<"


_INERT_OPEN = re.compile(rb"<!--|<(script|style)\b", re.I)
_INERT_CLOSE = {b"script": re.compile(rb"</script\s*>", re.I), b"style": re.compile(rb"</style\s*>", re.I)}
_TAG = re.compile(rb"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
_VOID = frozenset(b"area base basefont br col embed frame hr img input keygen link meta param source track wbr".split())


def strip_inert(data: bytes) -> bytes:
    """The page without comments, styles and scripts other than JSON-LD (the page's own
    metadata), in one pass: what the extractors would discard anyway."""
    parts: list[bytes] = []
    pos, end = 0, len(data)
    while (match := _INERT_OPEN.search(data, pos)) is not None:
        parts.append(data[pos : match.start()])
        if match.group(1) is None:  # a comment
            close = data.find(b"-->", match.end())
            pos = end if close < 0 else close + 3
            continue
        name = match.group(1).lower()
        tag_end = data.find(b">", match.end())
        closing = _INERT_CLOSE[name].search(data, tag_end + 1) if tag_end >= 0 else None
        stop = end if closing is None else closing.end()
        if name == b"script" and tag_end >= 0 and b"ld+json" in data[match.end() : tag_end].lower():
            parts.append(data[match.start() : stop])
        pos = stop
    parts.append(data[pos:])
    return b"".join(parts)


def count_tags(data: bytes) -> int:
    """Start tags, counted at the speed of ``bytes.count`` (a ``<`` in text counts too)."""
    return data.count(b"<") - data.count(b"</") - data.count(b"<!") - data.count(b"<?")


def nesting_estimate(data: bytes) -> int:
    """How deep elements nest by counting tags (no parsing): close to what a parser
    builds, higher for pages that leave many ``<p>`` or ``<li>`` unclosed."""
    depth = deepest = 0
    for closing, name in _TAG.findall(data):
        if name.lower() in _VOID:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def parsed_depth(data: bytes) -> int:
    """The depth of the tree the HTML parser builds from ``data``."""
    from lxml import etree
    from lxml.html import HTMLParser, fromstring

    tree = fromstring(data, parser=HTMLParser(remove_comments=True))
    depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def check_html(data: bytes, limits: DocumentLimits) -> bytes:
    """The page to extract (stripped of inert markup when it is over the size limit), or
    an exception naming the limit it breaks."""
    stripped = False
    if len(data) > limits.html_max_bytes:
        data, stripped = strip_inert(data), True
        if len(data) > limits.html_max_bytes:
            raise HtmlTooLarge(
                f"{len(data):,} bytes of HTML markup besides scripts, styles and comments, over the limit of "
                f"{limits.html_max_bytes:,} (setting html_max_bytes)"
            )
    tags = count_tags(data)
    if tags > limits.html_max_tags and not stripped:
        tags = count_tags(strip_inert(data))
    if tags > limits.html_max_tags:
        raise HtmlTooManyTags(f"{tags:,} HTML tags, over the limit of {limits.html_max_tags:,} (setting html_max_tags)")
    if nesting_estimate(data) >= _DEPTH_SUSPECT and parsed_depth(data) >= PARSER_MAX_DEPTH:
        raise HtmlTooDeep(
            f"HTML elements nested {PARSER_MAX_DEPTH} or more levels deep: the HTML parser keeps "
            f"{PARSER_MAX_DEPTH - 1} levels and would silently drop everything deeper"
        )
    return data
