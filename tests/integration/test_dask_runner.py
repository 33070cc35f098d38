"""The transform on a real Dask LocalCluster (runner ``dask``) makes the same lake as the
local process pool and as an inline run: the same objects landed in three lakes, ingested
once each way, and the same WARC file backfilled into each, give the same article ids,
cluster ids, child rows, rejects and log outcomes."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import SHARED_DATA
from tests.integration.helpers import PROSE, lake_in_bucket

VOLATILE = {"run_id", "ingested_at", "rejected_at", "logged_at", "committed_at", "detail"}
KEYS = {"articles": "article_id", "mentions": "article_id", "quotes": "article_id", "figures": "article_id",
        "rejects": "raw_key", "ingest_log": "raw_key"}


def _inputs() -> list[tuple[bytes, str]]:
    """A few real pages, two near-duplicate wire stories (one story cluster) and a broken object."""
    pages = sorted((SHARED_DATA / "aeb" / "html").glob("*.html.gz"))[:5]
    items = [(gzip.decompress(p.read_bytes()), p.name.removesuffix(".gz")) for p in pages]
    story = "Angela Merkel met Emmanuel Macron in Paris on Monday to discuss the harbour treaty. " + PROSE
    for n in range(2):  # one wire story syndicated under two URLs: two articles, one story
        record = {"url": f"https://wire.example/dask-{n}", "title": "Harbour treaty", "text": story}
        items.append((json.dumps(record).encode(), f"wire-{n}.json"))
    items.append((b"{not json", "broken.json"))
    return items


def _archive(tmp: Path) -> str:
    """A WARC.gz of other real pages, with one record that is no HTTP response."""
    from tasks.archive.build import pack, page_record, warc_record

    when = datetime(2025, 2, 3, tzinfo=UTC)
    pages = sorted((SHARED_DATA / "aeb" / "html").glob("*.html.gz"))[10:14]
    records = [page_record(gzip.decompress(p.read_bytes()), f"https://warc.example/{p.name[:12]}", when) for p in pages]
    records.insert(2, warc_record(b"no status line here", uri="https://warc.example/bad", when=when))
    path = tmp / "pages.warc.gz"
    path.write_bytes(pack(records))
    return str(path)


def lake_contents(settings) -> dict[str, list[str]]:
    """Every table's rows, volatile columns (run ids, timestamps, tracebacks) left out, sorted."""
    from newslake.core import lake

    out = {}
    for table in KEYS:
        rows = lake.open_table(settings, table).to_pyarrow_table().to_pylist()
        out[table] = sorted(repr(sorted((k, v) for k, v in row.items() if k not in VOLATILE)) for row in rows)
    return out


def _ingest_with(settings, bucket: str, runner: str, archive: str, **extra) -> dict[str, list[str]]:
    from flows.backfill import backfill
    from flows.ingest import ingest
    from newslake.core.landing import landing_key
    from newslake.core.storage import s3_client

    lake_in_bucket(settings, bucket)
    patch = pytest.MonkeyPatch()
    patch.setattr(settings, "bucket", bucket)
    patch.setattr(settings, "runner", runner)
    for name, value in extra.items():
        patch.setattr(settings, name, value)
    try:
        keys = []
        when = datetime(2026, 1, 5, tzinfo=UTC)
        for data, name in _inputs():
            key = landing_key(settings, "files", data, name, when)  # same keys in every lake
            s3_client(settings).put_object(Bucket=bucket, Key=key, Body=data)
            keys.append(key)
        report = ingest(keys=keys)
        assert report["objects"] == len(keys)
        patch.setattr(settings, "batch_size", 2)  # segments of two records: several per worker
        assert backfill(sources=[archive])["articles_new"] == 4
        return lake_contents(settings)
    finally:
        patch.undo()


@pytest.fixture(scope="module")
def lakes(settings, local_stack, tmp_path_factory):
    from newslake.core import dask_cluster

    archive = _archive(tmp_path_factory.mktemp("warc"))
    try:
        return {
            "processes": _ingest_with(settings, "newslake-runner-processes", "processes", archive, workers=2),
            "dask": _ingest_with(settings, "newslake-runner-dask", "dask", archive, dask_workers=2, dask_address=None),
            "inline": _ingest_with(settings, "newslake-runner-inline", "inline", archive),
        }
    finally:
        dask_cluster.shutdown()


def test_the_lakes_hold_articles_children_and_rejects(lakes):
    lake = lakes["processes"]
    assert len(lake["articles"]) >= 10 and lake["mentions"] and len(lake["rejects"]) >= 2
    assert sum("('raw_offset', None)" not in row for row in lake["articles"]) == 4  # the backfilled pages
    clusters = [row for row in lake["articles"] if "wire.example/dask" in row]
    assert len(clusters) == 2


@pytest.mark.parametrize("runner", ["dask", "inline"])
@pytest.mark.parametrize("table", list(KEYS))
def test_every_runner_makes_the_same_lake(lakes, runner, table):
    assert lakes[runner][table] == lakes["processes"][table], f"{table} differs between {runner} and processes"


def test_the_near_duplicates_share_one_story_cluster_under_dask(settings, lakes):
    rows = [row for row in lakes["dask"]["articles"] if "wire.example/dask" in row]
    cluster_ids = {row.split("('cluster_id', '")[1].split("'")[0] for row in rows}
    assert len(rows) == 2 and len(cluster_ids) == 1
