"""WARC records to pages: which records are HTML pages, which are skipped, which are bad.

Records are parsed with FastWARC (its HTTP parser, digests unchecked). An HTTP
``response`` (or ``resource``) record with status 200 and an HTML payload is a page;
``warcinfo``, ``request``, ``metadata``, ``revisit`` and other records, non-HTML payloads
and other statuses (redirects, errors) are counted and skipped; a record that cannot be
parsed, or a ``response`` record whose block is not an HTTP response, is rejected with
its offset. Filters (by ``WARC-Date`` and by the target's domain) are applied here,
before any extraction is paid for.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from schemas.records import Rejection
from tasks.archive.units import Unit

_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class RecordFilter:
    """Which pages a backfill keeps: ``WARC-Date`` between the days (inclusive, UTC) and the
    target URL's host equal to, or under, one of ``domains`` (all when empty)."""

    date_from: date | None = None
    date_to: date | None = None
    domains: tuple[str, ...] = ()

    def keeps_date(self, when: datetime | None) -> bool:
        if when is None:
            return self.date_from is None and self.date_to is None
        day = when.date()
        return (self.date_from is None or day >= self.date_from) and (self.date_to is None or day <= self.date_to)

    def keeps_host(self, url: str) -> bool:
        if not self.domains:
            return True
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
        return any(host == d or host.endswith("." + d) for d in (d.lower().strip(".") for d in self.domains))


@dataclass(frozen=True)
class Page:
    """An HTML page from one record."""

    offset: int
    index: int  # the record's ordinal in its file
    url: str
    fetched_at: datetime | None
    html: bytes


@dataclass(frozen=True)
class Skipped:
    """A record that is not a page to ingest, and the count it goes under."""

    kind: str


def read_unit(unit: Unit, index: int, keep: RecordFilter) -> Page | Skipped | Rejection:
    """What one unit of a WARC file is, for a backfill."""
    if unit.problem:
        return _reject(unit, index, unit.problem, unit.error_class or "BadRecord")
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    try:
        iterator = ArchiveIterator(io.BytesIO(unit.data or b""), parse_http=True, record_types=WarcRecordType.any_type)
        record = next(iter(iterator), None)
        if record is None:
            return _reject(unit, index, "the bytes hold no WARC record FastWARC can parse", "CorruptRecord")
        kind = str(record.record_type).rsplit(".", 1)[-1]
        if kind not in ("response", "resource"):
            return Skipped(kind)
        url = record.headers.get("WARC-Target-URI") or ""
        when = record.record_date
        if not keep.keeps_date(when):
            return Skipped("outside the dates")
        if not keep.keeps_host(url):
            return Skipped("outside the domains")
        if kind == "response":
            status_line = record.http_headers.status_line if record.is_http else ""
            if not record.is_http or not status_line.startswith("HTTP/") or record.http_headers.status_code is None:
                what = repr(status_line[:60]) if status_line else record.headers.get("Content-Type") or "no content type"
                return _reject(unit, index, f"a response record that is not an HTTP response ({what})", "NotHttp")
            if record.http_headers.status_code != 200:
                return Skipped(f"HTTP {record.http_headers.status_code}")
            content_type = (record.http_content_type or "").lower()
        else:
            content_type = (record.headers.get("Content-Type") or "").lower()
        if content_type and not content_type.startswith(_HTML_TYPES):
            return Skipped("not HTML")
        return Page(unit.offset, index, url, when, record.reader.read())
    except Exception as exc:  # a parser failure rejects this record only
        return _reject(unit, index, f"the WARC record could not be parsed: {type(exc).__name__}: {exc}", type(exc).__name__)


def _reject(unit: Unit, index: int, reason: str, error_class: str) -> Rejection:
    return Rejection("read", f"WARC record at byte {unit.offset:,}: {reason}"[:2000], error_class,
                     record_index=index, raw_offset=unit.offset)
