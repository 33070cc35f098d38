"""prefect.yaml as `prefect deploy` reads it: deployments on a Prefect server, a process
worker running them, and `newslake serve --events-only` emitting the events."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newslake.stack.processes import free_port
from tests.integration.helpers import lake_in_bucket, newslake
from tests.integration.service_process import ROOT, ServiceProcess, article_json, landing_key

BUCKET = "newslake-deploy-test"
PREFECT = str(Path(sys.executable).parent / "prefect")


@pytest.fixture(scope="module")
def prefect_api(settings, local_stack):
    """A Prefect server started the operator's way: `newslake up --prefect`."""
    from newslake.stack import prefect_server

    port = str(free_port())
    os.environ["NEWSLAKE_PREFECT_PORT"] = port
    try:
        newslake("up", "--no-runner")
        url = prefect_server.running_url(settings)
        assert url and url.endswith(f":{port}/api")
        yield url
    finally:
        prefect_server.stop(settings)
        os.environ.pop("NEWSLAKE_PREFECT_PORT", None)
        # Its database holds work-pool deployments of the same names as the ones later tests
        # serve: start them from a clean server.
        shutil.rmtree(prefect_server.home(settings), ignore_errors=True)


def _prefect(api_url: str, *args: str) -> str:
    env = {**os.environ, "PREFECT_API_URL": api_url, "COLUMNS": "240"}
    result = subprocess.run([PREFECT, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"prefect {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def test_prefect_deploy_with_a_process_worker_ingests_a_landed_object(settings, prefect_api, tmp_path):
    lake = lake_in_bucket(settings, BUCKET)
    _prefect(prefect_api, "work-pool", "create", "newslake", "--type", "process", "--overwrite")
    _prefect(prefect_api, "--no-prompt", "deploy", "--all")
    listed = _prefect(prefect_api, "deployment", "ls")
    for name in ("ingest/ingest", "ingest/reconcile-landing", "poll-feeds/poll-feeds", "compact/compact"):
        assert name in listed
    assert "ingest__automation_1" in _prefect(prefect_api, "automation", "ls")

    env = {
        **os.environ,
        "PREFECT_API_URL": prefect_api,
        "NEWSLAKE_BUCKET": BUCKET,
        "PREFECT_WORKER_QUERY_SECONDS": "1",
    }
    env.pop("PREFECT_HOME", None)
    log = open(tmp_path / "worker.log", "wb")
    worker = subprocess.Popen(
        [PREFECT, "worker", "start", "--pool", "newslake"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    events = ServiceProcess(lake.state_dir, {"NEWSLAKE_BUCKET": BUCKET, "PREFECT_API_URL": prefect_api}, events_only=True)
    events.env["PREFECT_API_URL"] = prefect_api  # the operator's server, which serve must use and not stop
    try:
        events.start()
        from newslake.core import lake as lake_tables
        from newslake.core.storage import s3_client

        data = article_json(7, run="deploy")
        key = landing_key("dropbox", data)
        s3_client(lake).put_object(Bucket=BUCKET, Key=key, Body=data)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if key in lake_tables.read_columns(lake, "ingest_log", ["raw_key"]).column("raw_key").to_pylist():
                break
            time.sleep(1)
        else:
            raise AssertionError(
                f"the landed object was not ingested by the worker within 180 s\nworker:\n"
                f"{(tmp_path / 'worker.log').read_text()[-4000:]}\nservice:\n{events.log()}"
            )
        titles = lake_tables.read_columns(lake, "articles", ["title"]).column("title").to_pylist()
        assert "Oslo approves plan on a rail link (deploy7)" in titles
    finally:
        assert events.stop() == 0, events.log()
        os.killpg(worker.pid, signal.SIGINT)
        worker.wait(60)
    assert "prefect-server.json" in os.listdir(lake.state_dir), "serve --events-only stopped a server it did not start"
