"""The landing watcher against the real store, and compaction of a real lake."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.integration.helpers import lake_in_bucket
from tests.integration.service_process import article_json, landing_key


@pytest.fixture
def in_bucket(settings, local_stack, monkeypatch):
    """The session's settings (what the flows' get_settings() returns) pointed at a bucket of
    the test's own."""

    def point_at(bucket: str):
        lake_in_bucket(settings, bucket)
        monkeypatch.setattr(settings, "bucket", bucket)
        return settings

    return point_at


def test_the_watcher_announces_new_recent_keys_once_and_again_while_unlogged(in_bucket):
    from flows.ingest import ingest
    from newslake.core.storage import s3_client
    from newslake.service.watcher import Watcher

    watched = in_bucket("newslake-watcher-test")
    calls: list[tuple[str, str]] = []
    watcher = Watcher(watched, announce=lambda s, key, token=None, source=None: calls.append((key, token)) or True, reannounce_after=5)
    client = s3_client(watched)
    now = datetime.now(UTC)
    fresh = [article_json(i, run="watch") for i in range(2)]
    old = article_json(9, run="watch-old")
    keys = [landing_key("drop", data, day=now) for data in fresh]
    for key, data in zip(keys, fresh):
        client.put_object(Bucket=watched.bucket, Key=key, Body=data)
    client.put_object(Bucket=watched.bucket, Key=landing_key("drop", old, day=now - timedelta(days=5)), Body=old)

    assert watcher.poll(now=0) == 2
    assert sorted(key for key, _ in calls) == sorted(keys)  # the five-day-old key is the reconcile's business
    assert watcher.poll(now=1) == 0  # nothing new, nothing overdue

    ingest(keys=keys[:1])  # one of them gets ingested
    calls.clear()
    assert watcher.poll(now=10) == 1  # overdue and still unlogged: announced again, with a new token
    assert calls[0][0] == keys[1] and calls[0][1] != f"watch:{keys[1]}"


def test_compaction_rewrites_small_files_and_keeps_every_row(in_bucket):
    from flows.compact import compact
    from flows.ingest import ingest
    from newslake.core import lake
    from newslake.core.storage import s3_client

    isolated = in_bucket("newslake-compact-test")
    client = s3_client(isolated)
    now = datetime.now(UTC)
    for i in range(4):  # four runs: four commits, four small files per table
        data = article_json(i, run="compact")
        key = landing_key("drop", data, day=now)
        client.put_object(Bucket=isolated.bucket, Key=key, Body=data)
        ingest(keys=[key])
    before = lake.open_table(isolated, "articles")
    rows_before = lake.read_columns(isolated, "articles", ["article_id"]).column("article_id").to_pylist()
    assert len(before.file_uris()) == 4

    results = {item["table"]: item for item in compact(tables=["articles", "ingest_log"], retention_hours=0)}

    after = lake.open_table(isolated, "articles")
    assert len(after.file_uris()) == 1
    assert results["articles"]["files_removed"] == 4 and results["articles"]["files_vacuumed"] >= 4
    assert sorted(lake.read_columns(isolated, "articles", ["article_id"]).column("article_id").to_pylist()) == sorted(rows_before)
