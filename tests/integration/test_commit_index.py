"""Commits through the key index (``article_keys``) on a real S3 server: duplicates of any
age are found by the index, the merges look at recent files only, a lake written before
the index gets one, and concurrent writers of one new article commit it once."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta

import pyarrow as pa
import pytest

from newslake.core import key_index, lake
from schemas import TABLES
from schemas.records import RawObject, RunContext
from schemas.validate import to_table
from tasks.commit import commit_batch
from tasks.documents.passes import transform_objects
from tests.integration.helpers import PROSE, lake_in_bucket

STORY = "Harbour master Maria Gonzalez said in Lisbon that the ferry would run again."


@pytest.fixture
def news(local_stack, settings, request):
    bucket = "newslake-keys-" + request.node.name.removeprefix("test_").replace("_", "-")[:40].rstrip("-")
    return lake_in_bucket(settings, bucket)


def _results(run: RunContext, *names: str, url_of=lambda name: f"https://keys.example/{name}"):
    """One JSON object per name, each one article with its own URL (so its own id)."""
    raws = [
        RawObject(key=f"landing/t/{run.run_id}/{name}.json",
                  data=json.dumps({"url": url_of(name), "title": f"Story {name}", "text": f"{STORY} ({name}) {PROSE}"}).encode())
        for name in names
    ]
    return transform_objects(raws, run)


def _run(run_id: str) -> RunContext:
    return RunContext("test", datetime.now(UTC), 5, run_id=run_id)


def _count(settings, table: str, column: str, value: str) -> int:
    rows = lake.read_columns(settings, table, [column])
    return rows.column(column).to_pylist().count(value)


def test_duplicates_of_old_articles_are_found_by_the_index_not_by_the_merges(news, monkeypatch):
    run = _run("keys-first")
    first = _results(run, "alpha", "beta")
    assert commit_batch.fn(news, first, run).articles_new == 2

    # From here on every file counts as old: the merges compare with none of them.
    monkeypatch.setattr(lake, "RECENT_WRITES", timedelta(0))
    scanned: dict[str, dict] = {}
    merge = lake.merge

    def recording(settings, name, rows, **options):
        scanned[name] = metrics = merge(settings, name, rows, **options)
        return metrics

    monkeypatch.setattr(lake, "merge", recording)
    later = _run("keys-later")
    again = _results(later, "alpha", "gamma")  # alpha again, from another object
    summary = commit_batch.fn(news, again, later)

    assert (summary.articles_new, summary.articles_duplicate) == (1, 1)
    alpha = first[0].rows[0]["article_id"]
    assert _count(news, "articles", "article_id", alpha) == 1
    assert _count(news, "article_keys", "article_id", alpha) == 1
    assert scanned["mentions"]["num_target_rows_inserted"] > 0  # gamma's
    for table in ("articles", "mentions", "article_keys", "ingest_log"):
        assert scanned[table]["num_target_files_skipped_during_scan"] >= 1, (table, scanned[table])
        assert scanned[table]["num_target_files_scanned"] == 0, (table, scanned[table])


def test_a_lake_written_before_the_index_gets_one_at_its_first_commit(news):
    run = _run("keys-old-lake")
    old = _results(run, "delta", "epsilon")
    rows = [row for result in old for row in result.rows]
    lake.merge(news, "articles", pa.Table.from_pylist(rows, schema=TABLES["articles"].schema))  # as 1.4 wrote them
    assert lake.read_columns(news, "article_keys", ["article_id"]).num_rows == 0

    later = _run("keys-old-lake-later")
    summary = commit_batch.fn(news, _results(later, "delta", "zeta"), later)

    assert (summary.articles_new, summary.articles_duplicate) == (1, 1)
    assert _count(news, "articles", "article_id", rows[0]["article_id"]) == 1
    keys = set(lake.read_columns(news, "article_keys", ["article_id"]).column(0).to_pylist())
    assert {row["article_id"] for row in rows} < keys and len(keys) == 3


def test_the_index_read_by_a_process_follows_a_compaction(news):
    run = _run("keys-compact")
    first = _results(run, "eta", "theta")
    commit_batch.fn(news, first, run)
    before = key_index.stored_keys(news).num_rows
    lake.compact(news, key_index.TABLE, retention_hours=0)  # replaces the files this process read

    later = _run("keys-compact-later")
    summary = commit_batch.fn(news, _results(later, "theta", "iota"), later)

    assert (summary.articles_new, summary.articles_duplicate) == (1, 1)
    assert key_index.stored_keys(news).num_rows == before + 1
    assert _count(news, "articles", "article_id", first[1].rows[0]["article_id"]) == 1


def test_two_writers_of_one_new_article_commit_it_once(news):
    """Two runs commit the same new article (same URL, two objects) at once: both find it
    absent from the index, and the recent-files merges still let only one row in."""
    runs = [_run("keys-race-a"), _run("keys-race-b")]
    batches = [_results(run, "kappa", url_of=lambda name: "https://keys.example/same-story") for run in runs]
    start = threading.Barrier(2)
    summaries = []

    def commit(index: int) -> None:
        start.wait()
        summaries.append(commit_batch.fn(news, batches[index], runs[index]))

    threads = [threading.Thread(target=commit, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    article = batches[0][0].rows[0]["article_id"]
    assert len(summaries) == 2
    assert sorted(summary.articles_new for summary in summaries) == [0, 1]
    assert _count(news, "articles", "article_id", article) == 1
    assert _count(news, "article_keys", "article_id", article) == 1
    mentions = lake.read_columns(news, "mentions", ["article_id", "entity", "type"]).to_pylist()
    mine = [(row["entity"], row["type"]) for row in mentions if row["article_id"] == article]
    assert mine and len(mine) == len(set(mine))


def test_a_lake_deleted_and_made_again_is_not_read_from_the_old_index(news):
    """A process that read the index of a lake keeps it; a new lake under the same name must
    not be judged by it (same URI, a new table with its own versions)."""
    from newslake.core.storage import s3_client

    run = _run("keys-gone")
    commit_batch.fn(news, _results(run, "lambda"), run)
    assert key_index.stored_keys(news).num_rows == 1
    client = s3_client(news)
    listed = client.list_objects_v2(Bucket=news.bucket, Prefix=f"{news.lake_prefix}/")
    client.delete_objects(Bucket=news.bucket, Delete={"Objects": [{"Key": o["Key"]} for o in listed["Contents"]]})

    # another writer makes the new lake's index as old (one version) as the one read above
    other = key_index.key_rows([{"article_id": "f" * 32, "simhash": 1, "raw_key": "landing/t/other.json"}])
    lake.merge(news, key_index.TABLE, to_table(other, TABLES[key_index.TABLE].schema))

    again = _run("keys-gone-again")
    summary = commit_batch.fn(news, _results(again, "lambda", "mu"), again)
    assert (summary.articles_new, summary.articles_duplicate) == (2, 0)
