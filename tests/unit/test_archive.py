"""The WARC walk and its segments (tasks/archive/): units found whatever the damage,
segments that tile the file, and a segment's own walk that agrees with the scan."""

from __future__ import annotations

import gzip
import io
from datetime import UTC, date, datetime

import pytest

from schemas.records import Rejection
from tasks.archive.build import http_response, pack, page_record, warc_record
from tasks.archive.records import Page, RecordFilter, Skipped, read_unit
from tasks.archive.segments import Segment, plan_from_json, plan_segments, plan_to_json, segment_key
from tasks.archive.units import walk

WHEN = datetime(2025, 6, 1, 8, tzinfo=UTC)


def _records(n: int) -> list[bytes]:
    return [page_record(f"<html><body><p>story number {i}</p></body></html>".encode(), f"https://news.example/{i}", WHEN)
            for i in range(n)]


@pytest.mark.parametrize("gzipped", [True, False])
def test_the_walk_finds_every_record_at_its_offset(gzipped):
    records = _records(7)
    data = pack(records, gzipped)
    units = list(walk(io.BytesIO(data), gzipped=gzipped, keep=True))
    assert len(units) == 7 and units[0].offset == 0
    assert all(a.offset + a.length == b.offset for a, b in zip(units, units[1:]))
    assert units[-1].offset + units[-1].length == len(data)
    assert [u.data for u in units] == [r if gzipped else r[:-4] for r in records]  # a plain record without its closing CRLFs
    assert all(isinstance(read_unit(u, i, RecordFilter()), Page) for i, u in enumerate(units))


def test_damage_becomes_units_with_problems_and_the_walk_goes_on():
    members = [gzip.compress(r) for r in _records(5)]
    corrupt = members[1][:25] + b"\x00\xff" * 16 + members[1][57:]
    data = members[0] + corrupt + members[2] + b"not a member" + members[3] + members[4][: len(members[4]) // 2]
    units = list(walk(io.BytesIO(data), gzipped=True, keep=True))
    assert [u.error_class for u in units] == [None, "CorruptGzip", None, "NotGzip", None, "TruncatedGzip"]
    assert sum(u.length for u in units) == len(data)
    bad = read_unit(units[1], 1, RecordFilter())
    assert isinstance(bad, Rejection) and bad.raw_offset == len(members[0]) and bad.record_index == 1


def test_an_oversized_record_is_skipped_without_being_held():
    big = warc_record(http_response(b"<p>" + b"x" * 500_000 + b"</p>"), uri="https://news.example/big", when=WHEN)
    data = pack([_records(1)[0], big, _records(2)[1]])
    units = list(walk(io.BytesIO(data), gzipped=True, keep=True, limit=100_000))
    assert [u.error_class for u in units] == [None, "RecordTooLarge", None]
    assert units[1].data is None and "setting max_object_bytes" in units[1].problem


def test_plain_records_resume_after_a_broken_header():
    records = _records(3)
    data = records[0] + b"WARC/1.0\r\nWARC-Type: response\r\n\r\n garbage\r\n\r\n" + records[1] + records[2]
    units = list(walk(io.BytesIO(data), gzipped=False, keep=True))
    assert [u.error_class for u in units] == [None, "CorruptRecord", None, None]
    assert units[2].offset == data.index(records[1])


def test_segments_tile_the_file_within_their_limits():
    data = pack(_records(23))
    units = list(walk(io.BytesIO(data), gzipped=True))
    segments = plan_segments(units, "k", max_bytes=1_000, max_records=4)
    assert segments[0].start == 0 and segments[-1].end == len(data)
    assert all(a.end == b.start for a, b in zip(segments, segments[1:]))
    assert sum(s.records for s in segments) == 23
    assert all(s.records <= 4 and (s.end - s.start <= 1_000 or s.records == 1) for s in segments)
    assert [s.first_record for s in segments] == [sum(x.records for x in segments[:i]) for i in range(len(segments))]


def test_a_segment_walked_alone_sees_the_units_the_scan_saw():
    members = [gzip.compress(r) for r in _records(9)]
    members[4] = members[4][:20] + b"\x00" * 30 + members[4][50:]
    data = b"".join(members)
    scan = list(walk(io.BytesIO(data), gzipped=True))
    for segment in plan_segments(scan, "k", max_bytes=600, max_records=3):
        alone = list(walk(io.BytesIO(data[segment.start : segment.end]), gzipped=True, base=segment.start))
        expected = scan[segment.first_record : segment.first_record + segment.records]
        assert [(u.offset, u.length, u.error_class) for u in alone] == [(u.offset, u.length, u.error_class) for u in expected]


def test_records_are_pages_skips_or_rejects():
    request = warc_record(b"GET / HTTP/1.1\r\n\r\n", uri="https://a.example/", record_type="request",
                          content_type="application/http; msgtype=request")
    redirect = warc_record(http_response(b"", status="301 Moved Permanently"), uri="https://a.example/old", when=WHEN)
    image = warc_record(http_response(b"\x89PNG", content_type="image/png"), uri="https://a.example/i.png", when=WHEN)
    not_http = warc_record(b"plain words, no status line", uri="https://a.example/n", when=WHEN)
    units = list(walk(io.BytesIO(pack([request, redirect, image, not_http, _records(1)[0]])), gzipped=True, keep=True))
    kinds = [read_unit(u, i, RecordFilter()) for i, u in enumerate(units)]
    assert [k.kind if isinstance(k, Skipped) else type(k).__name__ for k in kinds] == [
        "request", "HTTP 301", "not HTML", "Rejection", "Page"]
    assert kinds[3].error_class == "NotHttp"


def test_filters_by_day_and_domain():
    keep = RecordFilter(date(2025, 6, 1), date(2025, 6, 1), ("example.org",))
    assert keep.keeps_date(WHEN) and not keep.keeps_date(datetime(2025, 6, 2, tzinfo=UTC))
    assert keep.keeps_host("https://www.example.org/a") and keep.keeps_host("https://example.org/")
    assert not keep.keeps_host("https://badexample.org/") and not keep.keeps_host("https://example.com/")
    unit = next(walk(io.BytesIO(pack(_records(1))), gzipped=True, keep=True))
    assert read_unit(unit, 0, keep) == Skipped("outside the domains")


def test_a_stored_plan_is_reused_only_for_its_own_file():
    segments = [Segment("a.warc.gz", 0, 10, 0, 2), Segment("a.warc.gz", 10, 30, 2, 3)]
    data = plan_to_json(segments, 30)
    assert plan_from_json(data, "a.warc.gz") == segments
    assert plan_from_json(data, "b.warc.gz") is None and plan_from_json(b"{", "a.warc.gz") is None
    assert segments[1].key == segment_key("a.warc.gz", 10, 30) == "a.warc.gz#10-30"
