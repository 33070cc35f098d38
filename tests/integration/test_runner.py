"""The warm runner: `newslake up` starts it, `ingest` hands it landed keys, `down` stops it.

A stack of its own (state folder, S3 port, Prefect port), started and stopped with the
real commands, so that `down` can be checked to stop everything `up` started without
touching the session's S3 server.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest

from newslake.core.settings import Settings
from newslake.service import runner
from newslake.stack.processes import free_port
from tests.integration.helpers import NEWSLAKE, PROSE


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    state = tmp_path_factory.mktemp("runner-stack")
    env = {
        **os.environ,
        "NEWSLAKE_STATE_DIR": state.name,  # relative, as `make run` leaves it: commands run in its parent
        "NEWSLAKE_LOCAL_S3_PORT": str(free_port()),
        "NEWSLAKE_PREFECT_PORT": str(free_port()),
        "NEWSLAKE_BUCKET": "newslake-runner-test",
    }
    env.pop("PREFECT_API_URL", None)
    run = Stack(state, env)
    run("up")
    run.wait_until_ready()  # a command that finds the runner ready compares its settings with the runner's own
    try:
        yield run
    finally:
        pids = run.pids()
        run("down", check=False)
        assert [name for name, pid in pids.items() if alive(pid)] == [], f"still running after down: {pids}"


def alive(pid: int) -> bool:
    """Running, not a zombie: an orphan of `up` waits for whoever adopted it to reap it."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] not in ("Z", "X")


class Stack:
    def __init__(self, state: Path, env: dict[str, str]) -> None:
        self.state, self.env = state, env

    def __call__(self, *args: str, check: bool = True, **extra_env: str) -> subprocess.CompletedProcess:
        result = subprocess.run([NEWSLAKE, *args], capture_output=True, text=True, timeout=300,
                                env={**self.env, **extra_env}, cwd=self.state.parent)
        if check and result.returncode:
            raise AssertionError(f"newslake {' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
        return result

    def pids(self) -> dict[str, int]:
        found = {}
        for name in ("runner", "prefect-server", "stack"):
            path = self.state / f"{name}.json"
            if path.exists():
                found[name] = json.loads(path.read_text())["pid"]
        return found

    def wait_until_ready(self) -> None:
        runner.wait_ready(Settings(state_dir=self.state))  # only the state folder is read

    def runner_log(self) -> str:
        return (self.state / "runner.log").read_text(errors="replace")

    def titles(self) -> list[str]:
        out = self("sql", "SELECT title FROM articles ORDER BY title", "--format", "json").stdout
        return [row["title"] for row in json.loads(out)]


def article(folder: Path, name: str, title: str) -> Path:
    path = folder / f"{name}.json"
    path.write_text(json.dumps({"url": f"https://runner.example/{name}", "title": title, "text": PROSE}))
    return path


def run_id(output: str) -> str:
    return output.split("Run ", 1)[1].split(":", 1)[0]


def test_up_starts_the_runner_and_the_prefect_server(stack):
    assert set(stack.pids()) == {"runner", "prefect-server", "stack"}
    assert all(alive(pid) for pid in stack.pids().values())


def test_ingest_hands_the_files_to_the_runner_and_the_article_is_queryable(stack, tmp_path):
    result = stack("ingest", str(article(tmp_path, "handed", "Breakwater finished before the storms")))
    assert "1 new article" in result.stderr + result.stdout
    ran = run_id(result.stderr + result.stdout)
    assert ran in stack.runner_log()  # the runner ran the flow, not the command
    assert "Breakwater finished before the storms" in stack.titles()


def test_the_same_file_twice_is_ingested_once(stack, tmp_path):
    path = article(tmp_path, "twice", "Harbour toll to rise in spring")
    stack("ingest", str(path))
    again = stack("ingest", str(path))
    assert "0 new articles" in again.stderr + again.stdout
    assert stack.titles().count("Harbour toll to rise in spring") == 1


def test_no_wait_returns_at_once_and_the_runner_finishes_the_run(stack, tmp_path):
    result = stack("ingest", "--no-wait", str(article(tmp_path, "later", "Ferry timetable changes in May")))
    assert "Handed 1 objects to the warm runner" in result.stderr + result.stdout
    deadline = time.monotonic() + 60
    while "Ferry timetable changes in May" not in stack.titles():
        assert time.monotonic() < deadline, f"the handed-over article never arrived:\n{stack.runner_log()[-3000:]}"
        time.sleep(0.5)


def test_a_command_with_other_settings_runs_its_own_flow(stack, tmp_path):
    """The runner ingests with the settings it was started with; another lake is not its business."""
    result = stack("ingest", str(article(tmp_path, "elsewhere", "Lighthouse to be restored")),
                   NEWSLAKE_BUCKET="newslake-runner-other")
    output = result.stderr + result.stdout
    assert "1 new article" in output
    assert run_id(output) not in stack.runner_log()
    assert "Lighthouse to be restored" not in stack.titles()
