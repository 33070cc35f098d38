"""Fan-out across flow runs: two `prefect worker` processes on one process pool share the
partitions of the ingest-partitioned parent, and the shared lake holds every article once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import uuid
from collections import Counter
from pathlib import Path

import pytest

from tests.integration.helpers import lake_in_bucket
from tests.integration.service_process import ROOT, article_json, landing_key
from tests.integration.test_deploy import PREFECT, _prefect, prefect_api  # noqa: F401 - the server fixture

OBJECTS = 60
PARTITION_SIZE = 15


@pytest.fixture(scope="module")
def pool_api(settings, prefect_api):  # noqa: F811 - the fixture imported above
    """The server of `newslake up --prefect`, once it answers (`up` returns while it boots)."""
    from newslake.stack import prefect_server

    return prefect_server.wait_until_ready(settings, prefect_server.load_state(settings))


def _start_worker(name: str, env: dict[str, str], log: Path) -> subprocess.Popen:
    """A process worker that takes one run at a time, so that a second worker gets a share."""
    return subprocess.Popen(
        [PREFECT, "worker", "start", "--pool", "newslake", "--name", name, "--limit", "1"],
        cwd=ROOT, env=env, stdout=open(log, "wb"), stderr=subprocess.STDOUT, start_new_session=True,
    )


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


def _land(lake, count: int) -> dict[str, str]:
    """``count`` distinct JSON articles in the landing prefix: key → title."""
    from newslake.core.storage import s3_client

    client, landed = s3_client(lake), {}
    for index in range(count):
        data = article_json(index, run="pool")
        key = landing_key("dropbox", data)
        client.put_object(Bucket=lake.bucket, Key=key, Body=data)
        landed[key] = json.loads(data)["title"]
    return landed


def test_two_workers_on_one_pool_share_the_partitions_and_commit_each_article_once(settings, pool_api, tmp_path):
    from newslake.core import lake as lake_tables

    bucket = f"newslake-pool-{uuid.uuid4().hex[:8]}"
    lake = lake_in_bucket(settings, bucket)
    landed = _land(lake, OBJECTS)
    _prefect(pool_api, "work-pool", "create", "newslake", "--type", "process", "--overwrite")
    _prefect(pool_api, "--no-prompt", "deploy", "--name", "ingest-partition")

    env = {**os.environ, "PREFECT_API_URL": pool_api, "NEWSLAKE_BUCKET": bucket, "PREFECT_WORKER_QUERY_SECONDS": "1",
           # A partition per worker is the unit of parallelism: each run transforms in its own process.
           "NEWSLAKE_WORKERS": "1"}
    env.pop("PREFECT_HOME", None)
    logs = {name: tmp_path / f"{name}.log" for name in ("worker-a", "worker-b")}
    workers = [_start_worker(name, env, log) for name, log in logs.items()]
    try:
        parent = subprocess.run(
            [sys.executable, "-c", "import json; from flows.partitions import ingest_partitioned; "
             f"print('RESULT', json.dumps(ingest_partitioned(partition_size={PARTITION_SIZE})))"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=240,
        )
    finally:
        for worker in workers:
            _stop(worker)
    worker_logs = {name: log.read_text(errors="replace") for name, log in logs.items()}
    assert parent.returncode == 0, f"the parent failed:\n{parent.stdout[-3000:]}\n{parent.stderr[-6000:]}\n" + "\n".join(
        f"{name}:\n{text[-3000:]}" for name, text in worker_logs.items()
    )
    result = json.loads(parent.stdout.split("RESULT", 1)[1])
    assert result["keys"] == OBJECTS and result["partitions"] == OBJECTS // PARTITION_SIZE
    assert result["new articles"] == OBJECTS, result
    assert result["retried"] == 0, "no partition should have crashed"

    articles = lake_tables.read_columns(lake, "articles", ["article_id", "title", "raw_key"])
    assert articles.num_rows == OBJECTS, "an article was committed twice or not at all"
    assert len(set(articles.column("article_id").to_pylist())) == OBJECTS
    assert sorted(articles.column("title").to_pylist()) == sorted(landed.values())

    log = lake_tables.read_columns(lake, "ingest_log", ["raw_key", "outcome", "run_id"])
    committed = Counter(key for key, outcome in zip(log.column("raw_key").to_pylist(), log.column("outcome").to_pylist(),
                                                    strict=True) if outcome == "committed")
    assert committed == Counter(dict.fromkeys(landed, 1)), "every landed key must be logged committed exactly once"
    assert len(set(log.column("run_id").to_pylist())) == OBJECTS // PARTITION_SIZE, "one run per partition"

    # Both workers may bid for a run; the server lets one have it and aborts the other's submission.
    ran = {name: text.count("submitted to infrastructure") for name, text in worker_logs.items()}
    assert sum(ran.values()) == OBJECTS // PARTITION_SIZE, ran
    assert all(count >= 1 for count in ran.values()), f"one worker took every partition: {ran}"
