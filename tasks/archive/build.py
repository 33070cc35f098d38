"""Writing WARC records: pages packed as a WARC file (tests, benchmarks, and anyone who
wants to backfill pages they hold as files through the archive path)."""

from __future__ import annotations

import gzip
import uuid
from datetime import UTC, datetime


def http_response(html: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK") -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(html)}\r\n\r\n"
    return head.encode("ascii") + html


def warc_record(
    block: bytes, *, uri: str | None = None, when: datetime | None = None, record_type: str = "response",
    content_type: str = "application/http; msgtype=response",
) -> bytes:
    """One WARC/1.0 record around ``block`` (for a response, an HTTP message: :func:`http_response`)."""
    when = (when or datetime.now(UTC)).astimezone(UTC)
    lines = [
        "WARC/1.0",
        f"WARC-Type: {record_type}",
        f"WARC-Date: {when.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{uri}|{when.isoformat()}|{len(block)}')}>",
        *([f"WARC-Target-URI: {uri}"] if uri else []),
        f"Content-Type: {content_type}",
        f"Content-Length: {len(block)}",
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + block + b"\r\n\r\n"


def page_record(html: bytes, uri: str, when: datetime | None = None) -> bytes:
    return warc_record(http_response(html), uri=uri, when=when)


def pack(records: list[bytes], gzipped: bool = True) -> bytes:
    """Records as a WARC file's bytes: one gzip member per record when ``gzipped``."""
    return b"".join(gzip.compress(r, compresslevel=6) for r in records) if gzipped else b"".join(records)
