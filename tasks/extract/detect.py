"""Format detection: which extractor a landed object goes to.

The content decides, the file name only breaks ties, because producers name
files carelessly (``.txt`` holding HTML, JSON without an extension).
"""

from __future__ import annotations

import gzip
import re
from enum import Enum


class Format(str, Enum):
    HTML = "html"
    TEXT = "text"
    JSON = "json"
    JSONL = "jsonl"


class UnsupportedInput(ValueError):
    """The object is not text in a format the pipeline reads."""


_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|article)\b", re.I | re.S)
_MAX_BYTES = 50 * 1024 * 1024


def decode_bytes(key: str, data: bytes) -> bytes:
    """Undo gzip (by magic number, whatever the name says) and refuse binaries and giants."""
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise UnsupportedInput(f"{key}: corrupt gzip data ({exc})") from exc
    if len(data) > _MAX_BYTES:
        raise UnsupportedInput(f"{key}: {len(data)} bytes is over the {_MAX_BYTES} byte limit per object")
    if not data.strip():
        raise UnsupportedInput(f"{key}: the object is empty")
    if b"\x00" in data[:4096]:
        raise UnsupportedInput(f"{key}: binary content (NUL bytes), not an article")
    return data


def detect_format(key: str, data: bytes) -> Format:
    """The input format of already-decoded bytes."""
    name = key.lower().removesuffix(".gz")
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if _HTML_START.match(head) or name.endswith((".html", ".htm", ".xhtml")):
        return Format.HTML
    if name.endswith((".jsonl", ".ndjson")):
        return Format.JSONL
    if head.startswith((b"{", b"[")):
        if name.endswith(".json"):
            return Format.JSON
        return Format.JSONL if _looks_like_json_lines(data) else Format.JSON
    if name.endswith(".json"):
        return Format.JSON
    return Format.TEXT


def _looks_like_json_lines(data: bytes) -> bool:
    lines = [line for line in data.strip().splitlines()[:3] if line.strip()]
    return len(lines) > 1 and all(line.lstrip().startswith(b"{") and line.rstrip().endswith(b"}") for line in lines)
