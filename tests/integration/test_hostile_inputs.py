"""The hostile-input corpus (tests/hostile_corpus.py) in one `newslake ingest`, as a user
runs it: no traceback, exit 0, every landed object logged exactly once, every bad one a
reject with a stage and a reason, every planted article in the lake, nothing twice."""

from __future__ import annotations

import hashlib
import os
from collections import Counter

import pytest

from tests.hostile_corpus import planted_titles, write_corpus
from tests.integration.helpers import lake_in_bucket, newslake

BUCKET = "newslake-hostile"


def sql(query: str) -> list[dict]:
    import json

    return json.loads(newslake("sql", query, "--format", "json", bucket=BUCKET).stdout)


@pytest.fixture(scope="module")
def ingested(settings, local_stack, tmp_path_factory):
    lake_in_bucket(settings, BUCKET)
    folder = tmp_path_factory.mktemp("hostile")
    corpus = write_corpus(folder)
    # what a file system can hold that is no article file at all
    os.symlink(folder / "nowhere", folder / "broken-link.html")
    os.mkfifo(folder / "a-pipe.txt")
    (folder / os.fsdecode(b"latin1-name-\xe9t\xe9.txt")).write_bytes(b"Planted odd name story\n\n" + b"word " * 60)
    result = newslake("ingest", str(folder), "--source", "hostile", check=False, bucket=BUCKET)
    return corpus, result


def test_one_command_no_traceback_exit_0(ingested):
    _, result = ingested
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "Traceback" not in output


def test_files_that_are_not_regular_files_are_named_not_dropped(ingested):
    _, result = ingested
    output = result.stdout + result.stderr
    assert "broken-link.html" in output and "a-pipe.txt" in output


def _digest_outcomes() -> dict[str, list[str]]:
    rows = sql("SELECT raw_key, outcome FROM ingest_log")
    by_digest: dict[str, list[str]] = {}
    for row in rows:
        digest = row["raw_key"].rsplit("/", 1)[1].split(".", 1)[0]
        by_digest.setdefault(digest, []).append(row["outcome"])
    return by_digest


def test_every_landed_object_is_logged_once_and_committed_or_rejected(ingested):
    corpus, _ = ingested
    by_digest = _digest_outcomes()
    assert all(len(outcomes) == 1 for outcomes in by_digest.values()), by_digest
    digests = {hashlib.sha256(entry.data).hexdigest() for entry in corpus}
    assert digests <= set(by_digest)
    outcomes = Counter(outcome for [outcome] in by_digest.values())
    assert set(outcomes) <= {"committed", "partial", "duplicate", "rejected"}, outcomes


def test_each_entry_meets_its_expectation(ingested):
    corpus, _ = ingested
    by_digest = _digest_outcomes()
    wrong = []
    for entry in corpus:
        [outcome] = by_digest[hashlib.sha256(entry.data).hexdigest()]
        if entry.expect == "reject" and outcome != "rejected":
            wrong.append(f"{entry.name}: expected a reject, got {outcome}")
        if entry.expect == "article" and outcome not in ("committed", "partial"):
            wrong.append(f"{entry.name}: expected an article, got {outcome}")
    assert wrong == []


def test_every_reject_has_a_stage_and_a_reason(ingested):
    rejects = sql("SELECT raw_key, record_index, stage, reason FROM rejects")
    assert rejects
    assert [r for r in rejects if not (r["stage"] or "").strip() or not (r["reason"] or "").strip()] == []
    assert len({(r["raw_key"], r["record_index"]) for r in rejects}) == len(rejects)


def test_planted_articles_are_in_the_lake_once(ingested):
    corpus, _ = ingested
    titles = Counter(row["title"] for row in sql("SELECT title FROM articles"))
    assert planted_titles(corpus) - set(titles) == set()
    counts = sql("SELECT count(*) AS n, count(DISTINCT article_id) AS ids FROM articles")[0]
    assert counts["n"] == counts["ids"]


def test_no_script_urls_are_stored(ingested):
    rows = sql("SELECT url, top_image FROM articles")
    for row in rows:
        for value in row.values():
            assert not (value or "").lower().startswith("javascript:"), row
