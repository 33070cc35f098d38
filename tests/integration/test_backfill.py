"""Backfill from a WARC file against the real S3 server: pages become articles that point
back at their record, bad records become rejects with their offset while the rest of the
file goes on, and a backfill killed (SIGKILL) mid-way and started again ends with every
article exactly once and every segment logged once."""

from __future__ import annotations

import gzip
import os
import subprocess
from collections import Counter
from datetime import UTC, datetime

import pytest

from tests.conftest import SHARED_DATA
from tests.integration.helpers import NEWSLAKE, lake_in_bucket

PAGES = 8
LIMIT = 2_000_000  # max_object_bytes for these tests: the oversized record is over it, real pages under


def _pages() -> list[tuple[bytes, str]]:
    files = sorted((SHARED_DATA / "aeb" / "html").glob("*.html.gz"))[:PAGES]
    return [(gzip.decompress(p.read_bytes()), f"https://backfill.example/{p.name.split('.')[0][:16]}") for p in files]


def build_archive(path) -> dict[str, list[int] | int]:
    """A WARC.gz of real pages with a request record, a non-HTTP response, an oversized record,
    a corrupt member and a truncated last member. Returns the offsets of each kind."""
    from tasks.archive.build import http_response, page_record, warc_record

    when = datetime(2025, 3, 4, 12, tzinfo=UTC)
    members: list[tuple[str, bytes]] = []
    for n, (html, url) in enumerate(_pages()):
        members.append(("page", gzip.compress(page_record(html, url, when))))
        if n == 1:
            request = warc_record(b"GET / HTTP/1.1\r\nHost: backfill.example\r\n\r\n", uri=url, when=when,
                                  record_type="request", content_type="application/http; msgtype=request")
            members.append(("request", gzip.compress(request)))
        if n == 3:
            members.append(("not-http", gzip.compress(warc_record(b"this block is no HTTP message at all", uri=url + "/x", when=when))))
        if n == 4:
            big = http_response(b"<html><body>" + b"<p>filler text</p>" * (LIMIT // 10) + b"</body></html>")
            members.append(("oversized", gzip.compress(warc_record(big, uri=url + "/big", when=when))))
        if n == 5:
            good = gzip.compress(page_record(b"<html><body><p>lost</p></body></html>", url + "/lost", when))
            members.append(("corrupt", good[:30] + b"\x00\xff" * 20 + good[70:]))
    last = gzip.compress(page_record(b"<html><body><p>cut off</p></body></html>", "https://backfill.example/cut", when))
    members.append(("truncated", last[: len(last) // 2]))
    offsets: dict[str, list[int]] = {}
    position = 0
    for kind, data in members:
        offsets.setdefault(kind, []).append(position)
        position += len(data)
    path.write_bytes(b"".join(data for _, data in members))
    return offsets


def _rows(settings, table: str, columns: list[str]) -> list[dict]:
    from newslake.core import lake

    return lake.read_columns(settings, table, columns).to_pylist()


@pytest.fixture(scope="module")
def backfilled(settings, local_stack, tmp_path_factory):
    """The archive backfilled once in this process, into a lake of its own."""
    from flows.backfill import backfill

    path = tmp_path_factory.mktemp("warc") / "sample.warc.gz"
    offsets = build_archive(path)
    lake_in_bucket(settings, "newslake-backfill")
    patch = pytest.MonkeyPatch()
    for name, value in {"bucket": "newslake-backfill", "max_object_bytes": LIMIT, "batch_size": 3, "runner": "inline"}.items():
        patch.setattr(settings, name, value)
    try:
        first = backfill(sources=[str(path)])
        second = backfill(sources=[str(path)])
        yield {"settings": settings, "offsets": offsets, "first": first, "second": second, "path": path}
    finally:
        patch.undo()


def test_pages_become_articles_that_point_at_their_record(backfilled):
    from newslake.core.archive_landing import open_range
    from tasks.archive.records import Page, RecordFilter, read_unit
    from tasks.archive.units import walk

    settings, offsets = backfilled["settings"], backfilled["offsets"]
    articles = _rows(settings, "articles", ["article_id", "url", "raw_key", "raw_offset", "record_index"])
    assert len(articles) == PAGES and backfilled["first"]["articles_new"] == PAGES
    assert sorted(row["raw_offset"] for row in articles) == offsets["page"]
    targets = {url for _, url in _pages()}
    for row in articles[:3]:  # rebuilt from the archive alone: the record at raw_offset is the page
        unit = next(walk(open_range(settings, row["raw_key"], row["raw_offset"]), gzipped=True, base=row["raw_offset"], keep=True))
        page = read_unit(unit, row["record_index"], RecordFilter())
        assert isinstance(page, Page) and page.offset == row["raw_offset"] and page.url in targets
        assert row["url"].split("//")[1].split("/")[0].encode() in page.html  # the page that names this article's URL
    assert backfilled["first"]["skipped request"] == 1


def test_bad_records_are_rejects_with_their_offset_and_the_file_goes_on(backfilled):
    settings, offsets = backfilled["settings"], backfilled["offsets"]
    rejects = {row["raw_offset"]: row for row in _rows(settings, "rejects", ["raw_key", "raw_offset", "error_class", "stage", "reason"])}
    expected = {"not-http": "NotHttp", "oversized": "RecordTooLarge", "corrupt": "CorruptGzip", "truncated": "TruncatedGzip"}
    for kind, error_class in expected.items():
        row = rejects.get(offsets[kind][0])
        assert row is not None, f"no reject for the {kind} record at {offsets[kind][0]}: {sorted(rejects)}"
        assert row["error_class"] == error_class and row["raw_key"].startswith(settings.archive_prefix + "/")
        assert f"byte {offsets[kind][0]:,}" in row["reason"]
    assert max(offsets["page"]) > offsets["corrupt"][0], "pages after the corrupt member were read too"


def test_segments_are_logged_once_and_a_second_run_redoes_none(backfilled):
    settings = backfilled["settings"]
    log = [row["raw_key"] for row in _rows(settings, "ingest_log", ["raw_key"])]
    assert all("#" in key for key in log) and len(log) == len(set(log)) == backfilled["first"]["segments"] > 2
    second = backfilled["second"]
    assert second["segments_done_before"] == second["segments_planned"] and second.get("articles_new", 0) == 0
    assert len(_rows(settings, "articles", ["article_id"])) == PAGES


def test_a_backfill_killed_three_times_resumes_to_every_article_once(settings, local_stack, tmp_path):
    """SIGKILL after the 2nd committed segment, then inside the next segment's commit (articles
    written, log not), then a run to the end: every article once, every segment logged once."""
    path = tmp_path / "resume.warc.gz"
    offsets = build_archive(path)
    bucket = "newslake-backfill-resume"
    isolated = lake_in_bucket(settings, bucket)
    env = {**os.environ, "NEWSLAKE_BUCKET": bucket, "NEWSLAKE_MAX_OBJECT_BYTES": str(LIMIT), "NEWSLAKE_BATCH_SIZE": "2",
           "NEWSLAKE_RUNNER": "inline"}

    def run(crash: str | None) -> subprocess.CompletedProcess:
        extra = {"NEWSLAKE_CRASH_AT": crash} if crash else {}
        return subprocess.run([NEWSLAKE, "backfill", str(path)], env={**env, **extra}, capture_output=True, text=True, timeout=600)

    for crash in ("backfill:after-segment-2", "backfill:after-segment-1", "commit:articles"):
        killed = run(crash)
        assert killed.returncode == -9, f"{crash}: expected SIGKILL, got {killed.returncode}\n{killed.stdout}\n{killed.stderr}"
    done = run(None)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Resuming" in done.stdout + done.stderr

    articles = _rows(isolated, "articles", ["article_id", "raw_offset"])
    assert Counter(row["raw_offset"] for row in articles) == Counter(offsets["page"])
    log = [row["raw_key"] for row in _rows(isolated, "ingest_log", ["raw_key"])]
    assert len(log) == len(set(log)), "a segment was logged twice"
    from newslake.core.archive_landing import read_json
    from tasks.archive.segments import plan_from_json

    plan_key = next(key for key in log).split("#")[0] + ".segments.json"
    segments = plan_from_json(read_json(isolated, plan_key), plan_key.removesuffix(".segments.json"))
    assert {segment.key for segment in segments} == set(log)
    new_per_segment = sum(row["articles_new"] for row in _rows(isolated, "ingest_log", ["articles_new"]))
    assert new_per_segment == PAGES, "the segment redone after the crash inside its commit counts its articles as new once"


def test_an_archive_in_a_bucket_lands_by_its_content_streamed(backfilled):
    from newslake.core.archive_landing import land_archive
    from newslake.core.storage import s3_client

    settings, path = backfilled["settings"], backfilled["path"]
    client = s3_client(settings)
    client.put_object(Bucket=settings.bucket, Key="incoming/copy.warc.gz", Body=path.read_bytes())
    source = f"s3://{settings.bucket}/incoming/copy.warc.gz"
    again = land_archive(settings, source)
    landed_key = _rows(settings, "articles", ["raw_key"])[0]["raw_key"]
    assert again.key == landed_key and not again.created, "the same bytes under another name land nowhere new"
    client.delete_object(Bucket=settings.bucket, Key=landed_key)
    fresh = land_archive(settings, source)
    assert fresh.created and fresh.key == landed_key
    assert client.get_object(Bucket=settings.bucket, Key=landed_key)["Body"].read() == path.read_bytes()
