"""The fault suite: a power cut at each step of a commit, a kill during transform, the
object store stopping mid-batch and two ingests at once. After recovery (running the
same command again) every article is in the lake once, the counts add up exactly, and no
process of the failed run is left behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from newslake.core.faults import CRASH_POINTS
from tests.conftest import EXAMPLES
from tests.integration.helpers import NEWSLAKE, lake_in_bucket


def cli(*args: str, bucket: str, crash_at: str | None = None, env_extra: dict[str, str] | None = None) -> subprocess.Popen:
    env = {**os.environ, "NEWSLAKE_BUCKET": bucket, **(env_extra or {})}
    if crash_at:
        env["NEWSLAKE_CRASH_AT"] = crash_at
    return subprocess.Popen(
        [NEWSLAKE, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
    )


def finish(process: subprocess.Popen, timeout: float = 600) -> tuple[int, str]:
    output, _ = process.communicate(timeout=timeout)
    return process.returncode, output


def sql(bucket: str, query: str, env_extra: dict[str, str] | None = None) -> list[dict]:
    code, output = finish(cli("sql", query, "--format", "json", bucket=bucket, env_extra=env_extra), 120)
    assert code == 0, output
    return json.loads(output[output.index("[") :])


sql_in = sql


def wait_for_line(process: subprocess.Popen, text: str, timeout: float = 300) -> list[str]:
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        if text in line:
            return lines
    raise AssertionError(f"{text!r} never appeared:\n{''.join(lines)}")


def processes_of(bucket: str) -> list[int]:
    """Processes still running with this test's bucket in their environment."""
    marker = f"NEWSLAKE_BUCKET={bucket}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                if marker in (entry / "environ").read_bytes().split(b"\0"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def assert_nothing_left(bucket: str) -> None:
    deadline = time.monotonic() + 15
    while processes_of(bucket) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert processes_of(bucket) == [], "processes of the killed run are still running"


def assert_exactly_once(bucket: str, expected_ids: set[str], env_extra: dict[str, str] | None = None) -> None:
    def sql(bucket: str, query: str) -> list[dict]:
        return sql_in(bucket, query, env_extra)

    articles = sql(bucket, "SELECT article_id FROM articles")
    ids = [row["article_id"] for row in articles]
    assert len(ids) == len(set(ids)), "an article is in the lake twice"
    assert set(ids) == expected_ids
    new = sql(bucket, "SELECT coalesce(sum(articles_new), 0) AS n FROM ingest_log")[0]["n"]
    assert new == len(ids), f"the ingest log counts {new} new articles for {len(ids)} stored"
    rejects = sql(bucket, "SELECT raw_key, record_index FROM rejects")
    assert len({(r["raw_key"], r["record_index"]) for r in rejects}) == len(rejects)
    per_run = sql(bucket, "SELECT run_id, raw_key, count(*) AS n FROM ingest_log GROUP BY ALL HAVING count(*) > 1")
    assert per_run == [], "an object was logged twice in one run"


@pytest.fixture(scope="module")
def expected_ids(settings, local_stack) -> set[str]:
    """The articles a clean run makes of the examples."""
    lake_in_bucket(settings, "newslake-faults-reference")
    code, output = finish(cli("ingest", str(EXAMPLES), bucket="newslake-faults-reference"))
    assert code == 0, output
    return {row["article_id"] for row in sql("newslake-faults-reference", "SELECT article_id FROM articles")}


@pytest.mark.parametrize("point", CRASH_POINTS)
def test_a_power_cut_at_each_commit_step(settings, expected_ids, point):
    bucket = "newslake-faults-" + point.replace(":", "-")
    lake_in_bucket(settings, bucket)
    code, output = finish(cli("ingest", str(EXAMPLES), bucket=bucket, crash_at=point))
    assert code == -signal.SIGKILL, output
    assert_nothing_left(bucket)
    code, output = finish(cli("ingest", str(EXAMPLES), bucket=bucket))
    assert code == 0, output
    assert_exactly_once(bucket, expected_ids)


def test_a_kill_during_transform(settings, expected_ids):
    bucket = "newslake-faults-transform"
    lake_in_bucket(settings, bucket)
    process = cli("ingest", str(EXAMPLES), bucket=bucket)
    wait_for_line(process, "Landed")
    time.sleep(1.0)  # into the flow: extraction and enrichment take seconds
    os.killpg(process.pid, signal.SIGKILL)  # the command and anything in its session
    process.wait(30)
    assert_nothing_left(bucket)
    code, output = finish(cli("ingest", str(EXAMPLES), bucket=bucket))
    assert code == 0, output
    assert_exactly_once(bucket, expected_ids)


def test_the_object_store_stopping_mid_batch(settings, expected_ids, tmp_path):
    """On a store of its own, so that stopping it disturbs no other test."""
    from newslake.stack import s3_server
    from newslake.stack.processes import free_port

    own = settings.model_copy(update={"state_dir": tmp_path / "state", "local_s3_port": free_port()})
    env = {"NEWSLAKE_STATE_DIR": str(own.state_dir), "NEWSLAKE_LOCAL_S3_PORT": str(own.local_s3_port)}
    bucket = "newslake-faults-s3-down"
    s3_server.up(own)
    try:
        lake_in_bucket(own, bucket)
        process = cli("ingest", str(EXAMPLES), bucket=bucket, env_extra=env)
        try:
            wait_for_line(process, "Landed")
            s3_server.down(own)
            code, output = finish(process, 600)
        finally:
            s3_server.up(own)
        assert code != 0
        assert "Traceback" not in output
        errors = [line for line in output.splitlines() if line.startswith("error:")]
        assert len(errors) == 1, output[-2000:]
        assert "object store" in errors[0] and "newslake up" in errors[0] and "\x1b" not in errors[0]
        assert_nothing_left(bucket)
        code, output = finish(cli("ingest", str(EXAMPLES), bucket=bucket, env_extra=env))
        assert code == 0, output
        assert_exactly_once(bucket, expected_ids, env)
    finally:
        s3_server.down(own)


def test_two_ingests_at_once_count_exactly(settings, expected_ids):
    bucket = "newslake-faults-concurrent"
    lake_in_bucket(settings, bucket)
    first, second = cli("ingest", str(EXAMPLES), bucket=bucket), cli("ingest", str(EXAMPLES), bucket=bucket)
    for process in (first, second):
        code, output = finish(process)
        assert code == 0, output
    assert_exactly_once(bucket, expected_ids)
