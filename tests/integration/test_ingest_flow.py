"""The ingest flow in-process, under a real (ephemeral) Prefect API."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from datetime import UTC

import pytest

from newslake.core.query import connect
from newslake.core.storage import s3_client
from tasks.enrich.batch import ENRICHMENT_VERSION
from tests.integration.helpers import PROSE


@pytest.fixture(scope="module")
def flow_module(local_stack):
    from flows import ingest as module

    return module


def _count(settings, sql: str) -> int:
    return connect(settings).sql(sql).fetchone()[0]


def test_reconcile_picks_up_objects_landed_behind_its_back(settings, flow_module):
    body = {"url": "https://wire.example/reconcile-1", "title": "Dropped Event", "text": PROSE}
    key = f"{settings.landing_prefix}/pushed/2026/01/01/reconcile-1.json"
    s3_client(settings).put_object(Bucket=settings.bucket, Key=key, Body=json.dumps(body).encode())

    report = flow_module.ingest()  # no keys: everything landed and not yet logged
    assert report["objects"] >= 1
    assert _count(settings, "SELECT count(*) FROM articles WHERE url = 'https://wire.example/reconcile-1'") == 1
    assert _count(settings, f"SELECT count(*) FROM ingest_log WHERE raw_key = '{key}'") == 1

    again = flow_module.ingest()
    assert again["objects"] == 0

    from prefect.client.orchestration import get_client

    async def state_of(run_id: str) -> str:
        async with get_client() as client:
            return (await client.read_flow_run(run_id)).state.type.value

    assert asyncio.run(state_of(report["run_id"])) == "COMPLETED"


def test_a_retried_commit_duplicates_nothing(settings, flow_module):
    from datetime import datetime

    from schemas.records import RawObject, RunContext
    from tasks.commit import commit_batch
    from tasks.documents.passes import transform_object

    run = RunContext("test", datetime.now(UTC), 5, run_id="retry-run")
    raws = [
        RawObject(key="landing/t/retry-a.json", data=json.dumps({"title": "Retry A", "text": "alpha " * 40}).encode()),
        RawObject(key="landing/t/retry-b.json", data=b"{broken"),
    ]
    results = [transform_object(raw, run) for raw in raws]
    first = commit_batch.fn(settings, results, run)
    second = commit_batch.fn(settings, results, run)  # as if the task ran again after a crash
    assert first.articles_new == 1 and second.articles_new == 0
    assert _count(settings, "SELECT count(*) FROM articles WHERE title = 'Retry A'") == 1
    assert _count(settings, "SELECT count(*) FROM rejects WHERE raw_key = 'landing/t/retry-b.json'") == 1
    log = connect(settings).sql("SELECT raw_key FROM ingest_log WHERE run_id = 'retry-run'").fetchall()
    assert Counter(key for (key,) in log) == {"landing/t/retry-a.json": 1, "landing/t/retry-b.json": 1}


def test_reprocess_rebuilds_only_older_enrichment_in_place(settings, flow_module):
    from flows.reprocess import reprocess
    from newslake.core.lake import open_table

    body = {"url": "https://wire.example/reprocess-1", "title": "Rebuilt Story",
            "text": "Angela Merkel met Emmanuel Macron in Paris on Monday. " + PROSE}
    key = f"{settings.landing_prefix}/reproc/2026/01/02/reprocess-1.json"
    s3_client(settings).put_object(Bucket=settings.bucket, Key=key, Body=json.dumps(body).encode())
    flow_module.ingest(keys=[key])
    article = "SELECT article_id FROM articles WHERE url = 'https://wire.example/reprocess-1'"
    [(article_id,)] = connect(settings).sql(article).fetchall()
    mentions_before = _count(settings, f"SELECT count(*) FROM mentions WHERE article_id = '{article_id}'")
    assert mentions_before >= 3

    open_table(settings, "articles").update(predicate=f"article_id = '{article_id}'", updates={"enrichment_version": "0"})
    report = reprocess(source="reproc")
    assert report["outcomes"] == {"reprocessed": 1}
    con = connect(settings)
    assert con.sql(f"SELECT enrichment_version FROM articles WHERE article_id = '{article_id}'").fetchone()[0] == ENRICHMENT_VERSION
    assert _count(settings, f"SELECT count(*) FROM articles WHERE article_id = '{article_id}'") == 1
    assert _count(settings, f"SELECT count(*) FROM mentions WHERE article_id = '{article_id}'") == mentions_before

    again = reprocess(source="reproc")
    assert again["outcomes"] == {"duplicate": 1}  # already current: nothing rewritten
