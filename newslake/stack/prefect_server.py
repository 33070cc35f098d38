"""A local Prefect server, for schedules, event triggers and the UI.

One-shot commands (`newslake ingest`) run Prefect ephemerally. Schedules and
triggers need a real server: `newslake serve` starts one when no
``PREFECT_API_URL`` is configured, and `newslake up --prefect` starts one that
outlives the command so its UI shows every run. Its SQLite database lives under
``<state_dir>/prefect-server``; its pid and port in ``<state_dir>/prefect-server.json``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from newslake.core.settings import Settings
from newslake.core.state import PREFECT_SERVER, ServerState, process_runs, read_state, remove_state, write_state
from newslake.stack.processes import StackError, free_port, port_is_free, stop_process_group

_START_TIMEOUT_S = 120.0


def home(settings: Settings) -> Path:
    return (settings.state_dir / "prefect-server").resolve()


def load_state(settings: Settings) -> ServerState | None:
    return read_state(settings, PREFECT_SERVER, ServerState)


def _pid_is_prefect_server(pid: int | None) -> bool:
    return process_runs(pid, b"prefect", b"server")


def running_url(settings: Settings) -> str | None:
    """The API URL of the server an earlier `up --prefect` or `serve` started, if it still runs."""
    state = load_state(settings)
    return state.api_url if state and _pid_is_prefect_server(state.pid) else None


def server_environment(settings: Settings) -> dict[str, str]:
    return {
        **os.environ,
        "PREFECT_HOME": str(home(settings)),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_UI_ENABLED": os.environ.get("PREFECT_UI_ENABLED", "true"),
    }


def start(settings: Settings) -> str:
    """Start the server unless one from this state folder runs; return its API URL once it answers."""
    url = running_url(settings)
    if url:
        return url
    return wait_until_ready(settings, launch(settings))


def launch(settings: Settings) -> ServerState:
    """Start the server's process and return at once (its URL is known before it answers):
    ``up`` starts the S3 server and the warm runner while this one boots."""
    running = load_state(settings)
    if running and _pid_is_prefect_server(running.pid):
        return running
    port = settings.prefect_port if port_is_free(settings.prefect_port) else free_port()
    home(settings).mkdir(parents=True, exist_ok=True)
    log = open(settings.state_dir / "prefect-server.log", "ab")
    env = server_environment(settings)
    env.pop("PREFECT_API_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
    )
    state = ServerState(pid=process.pid, port=port)
    write_state(settings, PREFECT_SERVER, state)
    return state


def wait_until_ready(settings: Settings, state: ServerState) -> str:
    """The API URL once the launched server answers; stops it and raises StackError if it
    exits or stays silent."""
    try:
        _wait_until_healthy(settings, state)
    except StackError:
        stop(settings)
        raise
    return state.api_url


def _wait_until_healthy(settings: Settings, state: ServerState) -> None:
    deadline = time.monotonic() + _START_TIMEOUT_S
    while time.monotonic() < deadline:
        if _exited(state.pid):
            raise StackError(f"the Prefect server exited while starting; see {settings.state_dir / 'prefect-server.log'}")
        try:
            if httpx.get(f"{state.api_url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise StackError(
        f"the Prefect server did not answer on {state.api_url} within {_START_TIMEOUT_S:.0f} s; "
        f"see {settings.state_dir / 'prefect-server.log'}"
    )


def _exited(pid: int) -> bool:
    """Gone or a zombie. (Its command line is no test while it boots: it reads empty for a moment.)"""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[-1].split()[0] in ("Z", "X")


def stop(settings: Settings, timeout_s: float = 6.0) -> bool:
    """Stop the server this state folder started. True if it was running."""
    state = load_state(settings)
    if state is None or not _pid_is_prefect_server(state.pid):
        return False
    stop_process_group(state.pid, _pid_is_prefect_server, timeout_s)
    remove_state(settings, PREFECT_SERVER)
    return True
