"""The warm runner: one long-lived process with the pipeline loaded, so that `newslake ingest`
on a running stack answers in seconds instead of paying, every time, for Prefect's import,
a temporary Prefect server and the language models.

``newslake up`` starts it (``python -m newslake.service.runner``) beside the S3 server and
the Prefect server, and ``newslake down`` stops it. It listens on 127.0.0.1 only, behind the
service's bearer token, and offers one thing: ``POST /ingest`` with ``{"keys": [...]}`` runs
the ingest flow over those landed keys — a real Prefect flow run on the stack's Prefect
server, listed in its UI — and answers with the run's report (``"wait": false`` answers at
once and leaves the run going). Runs go one at a time, in the process's main thread, over
the process pool it keeps warm. The lake's exactly-once rules are the flow's: handing the
same keys twice ingests them once.

State: ``<state_dir>/runner.json`` (pid, URL, ready, or why it failed); log:
``<state_dir>/runner.log``.
"""

from __future__ import annotations

import asyncio
import hashlib
import importlib
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import traceback
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

import httpx

from newslake.core.settings import Settings
from newslake.core.state import RUNNER, RunnerState, process_runs, read_state, remove_state, write_state
from newslake.stack.processes import StackError, stop_process_group

_MARKER = b"newslake.service.runner"


class RunnerError(RuntimeError):
    """The runner refused or failed a run; the message says why."""


# ----------------------------------------------------------------- for the commands


def settings_digest(settings: Settings) -> str:
    """Which settings the runner ingests with: a command whose settings differ (another
    bucket, another lake) runs its flow itself instead of handing it over. The state folder
    counts as the folder it names: the runner is started with it made absolute, and a
    command run with the default relative ``.newslake`` is the same stack."""
    same = settings.model_copy(update={"state_dir": settings.state_dir.resolve()})
    return hashlib.sha256(same.model_dump_json().encode()).hexdigest()[:16]


def available(settings: Settings) -> RunnerState | None:
    """The running runner if it ingests with exactly these settings."""
    state = running(settings)
    return state if state and state.settings_digest == settings_digest(settings) else None


def running(settings: Settings) -> RunnerState | None:
    """The runner of this state folder if its process is alive (ready or still loading)."""
    state = read_state(settings, RUNNER, RunnerState)
    return state if state and process_runs(state.pid, _MARKER) else None


def start(settings: Settings, prefect_api_url: str) -> RunnerState:
    """Start the runner unless one runs; return at once (it loads the pipeline in the background)."""
    current = running(settings)
    if current:
        return current
    settings.state_dir.mkdir(parents=True, exist_ok=True)
    log = open(settings.state_dir / "runner.log", "ab")
    env = {**os.environ, "PREFECT_API_URL": prefect_api_url, "NEWSLAKE_STATE_DIR": str(settings.state_dir.resolve())}
    process = subprocess.Popen(
        [sys.executable, "-m", "newslake.service.runner"],
        env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
    )
    state = RunnerState(pid=process.pid, settings_digest=settings_digest(settings))
    write_state(settings, RUNNER, state)
    return state


def stop(settings: Settings, timeout_s: float = 10.0) -> bool:
    """Stop the runner (a run in progress is interrupted: its uncommitted objects stay
    unlogged and the next ingest takes them). True if one was running."""
    state = running(settings)
    if state is None:
        remove_state(settings, RUNNER)
        return False
    stop_process_group(state.pid, lambda pid: process_runs(pid, _MARKER), timeout_s)
    remove_state(settings, RUNNER)
    return True


def wait_ready(settings: Settings, timeout_s: float = 120.0) -> RunnerState:
    """The runner once it has loaded the pipeline; StackError if it died or failed to load."""
    deadline = time.monotonic() + timeout_s
    while True:
        state = read_state(settings, RUNNER, RunnerState)
        if state is None or not process_runs(state.pid, _MARKER):
            why = state.error if state and state.error else f"see {settings.state_dir / 'runner.log'}"
            raise StackError(f"the warm runner is not running ({why})")
        if state.ready:
            return state
        if time.monotonic() > deadline:
            raise StackError(f"the warm runner did not load the pipeline within {timeout_s:.0f} s; see {settings.state_dir / 'runner.log'}")
        time.sleep(0.1)


def hand_over(state: RunnerState, token: str, keys: list[str], batch_size: int | None, *, wait: bool = True) -> dict[str, Any]:
    """Ask the runner to ingest ``keys``; with ``wait``, return the run's report."""
    try:
        response = httpx.post(
            f"{state.url}/ingest",
            json={"keys": keys, "batch_size": batch_size, "wait": wait},
            headers={"Authorization": f"Bearer {token}"},
            timeout=httpx.Timeout(10.0, read=None),  # a big batch may run for long; the runner answers when done
        )
    except httpx.HTTPError as exc:
        raise RunnerError(f"the warm runner at {state.url} did not answer ({type(exc).__name__}: {exc})") from exc
    try:
        body = response.json()
    except ValueError:  # not the runner's own answer (a proxy, a crash page)
        body = {"error": f"HTTP {response.status_code}: {response.text[:200]}"}
    if response.status_code >= 400:
        raise RunnerError(body.get("error") or f"HTTP {response.status_code}")
    return body


# ----------------------------------------------------------------- the process


@dataclass
class _Job:
    keys: list[str]
    batch_size: int | None
    done: Future


def _app(token: str, jobs: queue.Queue[_Job]) -> Any:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    from newslake.service.endpoints import bearer_problem

    async def ingest(request: Request) -> JSONResponse:
        problem = bearer_problem(request.headers.get("authorization"), token)
        if problem:
            return JSONResponse({"error": problem[1]}, status_code=problem[0])
        try:
            body = await request.json()
            keys = [str(key) for key in body["keys"]]
            batch_size = body.get("batch_size")
        except (ValueError, KeyError, TypeError) as exc:
            return JSONResponse({"error": f'send {{"keys": [...]}} as JSON ({type(exc).__name__}: {exc})'}, status_code=400)
        job = _Job(keys, int(batch_size) if batch_size else None, Future())
        jobs.put(job)
        if body.get("wait") is False:
            return JSONResponse({"queued": len(keys)}, status_code=202)
        try:
            return JSONResponse(await asyncio.wrap_future(job.done))
        except Exception as exc:  # noqa: BLE001 - the command prints it as the run's failure
            return JSONResponse({"error": f"{type(exc).__name__}: {exc}"}, status_code=500)

    async def health(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok", "pending": jobs.qsize()})

    return Starlette(routes=[Route("/ingest", ingest, methods=["POST"]), Route("/health", health, methods=["GET"])])


def _serve_http(app: Any) -> tuple[Any, str]:
    import uvicorn

    from newslake.stack.processes import listening_socket

    sock = listening_socket("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(app, log_config=None, lifespan="off", server_header=False))
    threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="newslake-runner-http", daemon=True).start()
    while not server.started:
        time.sleep(0.02)
    return server, f"http://127.0.0.1:{sock.getsockname()[1]}"


def _run_jobs(settings: Settings, jobs: queue.Queue[_Job], stopping: threading.Event) -> None:
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    from flows.ingest import ingest

    while not stopping.is_set():
        try:
            job = jobs.get(timeout=0.5)
        except queue.Empty:
            continue
        try:
            # No heartbeat thread: Prefect joins it at the end of every run, and it sleeps in
            # whole seconds, so a run of 0.3 s answered 0.5 s later on average. Heartbeats only
            # feed a "zombie runs" automation, which a local stack does not have.
            with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
                report = ingest(keys=job.keys, batch_size=job.batch_size)
            job.done.set_result(report)
        except Exception as exc:  # noqa: BLE001 - reported to the caller; the runner goes on
            traceback.print_exc()
            job.done.set_exception(exc)


def _load_pipeline(settings: Settings) -> None:
    """Import the flow and load the models here and in every worker of the process pool, so
    that the first run pays for none of it. The workers warm up while this process imports
    Prefect and the flow: the two overlap instead of adding up."""
    from concurrent.futures import ThreadPoolExecutor

    from newslake.core.parallel import guarded_map
    from tasks.documents.passes import warm_up

    workers = settings.effective_workers
    with ThreadPoolExecutor(1) as importer:
        flow_import = importer.submit(importlib.import_module, "flows.ingest")
        if workers > 1:  # documents go to the pool: one short item per worker loads the models there
            guarded_map(time.sleep, [0.2] * workers, workers=workers, warmup=warm_up, inline=False)
        else:
            warm_up()
        flow_import.result()


def _wait_for_prefect(timeout_s: float = 120.0) -> None:
    """``up`` does not wait for the Prefect server it launched: the runner does, before it
    says it is ready."""
    url = os.environ.get("PREFECT_API_URL", "").rstrip("/")
    deadline = time.monotonic() + timeout_s
    while url:
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise StackError(f"the Prefect server at {url} did not answer within {timeout_s:.0f} s")
        time.sleep(0.2)


def main() -> None:
    from newslake.core.settings import get_settings
    from newslake.service.api_token import resolve_token

    settings = get_settings()
    state = RunnerState(pid=os.getpid(), settings_digest=settings_digest(settings))
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    started = time.monotonic()
    try:
        _load_pipeline(settings)
        loaded = time.monotonic()
        _wait_for_prefect()
        jobs: queue.Queue[_Job] = queue.Queue()
        server, state.url = _serve_http(_app(resolve_token(settings), jobs))
    except Exception as exc:  # noqa: BLE001 - written where the commands look
        state.error = f"{type(exc).__name__}: {exc}"
        write_state(settings, RUNNER, state)
        raise
    state.ready = True
    write_state(settings, RUNNER, state)
    print(f"warm runner ready on {state.url}: pipeline and models loaded in {loaded - started:.1f} s, "
          f"Prefect answered {time.monotonic() - loaded:.1f} s later", flush=True)
    try:
        _run_jobs(settings, jobs, stopping)
    finally:
        server.should_exit = True


if __name__ == "__main__":
    main()
