"""`newslake serve`: the pipeline as a long-running service.

It starts what is missing (the local S3 server, a Prefect server when no
``PREFECT_API_URL`` is configured), then runs, until stopped:
- the HTTP endpoints (S3 notifications and push), which announce landings, and the web
  app (``newslake web``) under ``/web`` on the same port;
- the landing watcher, which announces objects put straight into the bucket;
- the deployments of prefect.yaml with their schedules and event triggers
  (unless ``events_only``, when a Prefect worker runs them instead).
Stopping it (Ctrl-C or SIGTERM) stops everything it started, in reverse order.
"""

from __future__ import annotations

import logging
import os
import signal
import time
from collections.abc import Callable
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from starlette.routing import Mount

from newslake.core.settings import Settings
from newslake.core.state import SERVICE, ServiceState, process_runs, read_state, remove_state, write_state
from newslake.stack import prefect_server, s3_server
from newslake.web import close_web_app, open_web_app
from newslake.web.auth import is_loopback

logger = logging.getLogger("newslake.service.serve")

RUNNER_POLL_SECONDS = 1.0  # how soon a served deployment notices a triggered run (Prefect's default: 10 s)


def load_state(settings: Settings) -> ServiceState | None:
    """The running service's state, or None when none runs from this state folder."""
    found = read_state(settings, SERVICE, ServiceState)
    return found if found and process_runs(found.pid) else None


def run(
    settings: Settings,
    project_dir: Path,
    *,
    events_only: bool = False,
    only: list[str] | None = None,
    say: Callable[[str], Any] = print,
) -> None:
    """Run the service until interrupted."""
    signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
    with ExitStack() as started:
        _start_storage(settings, started, say)
        api_url = _start_prefect(settings, started, say)
        _start_events(settings, started, say, api_url)
        if events_only:
            say("Events only: a Prefect worker runs the flows. Ctrl-C to stop.")
            _wait_forever()
        else:
            _serve_deployments(settings, project_dir, say, api_url, only)
    say("Stopped.")


def _raise_keyboard_interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def _wait_forever() -> None:
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass


def _start_storage(settings: Settings, started: ExitStack, say: Callable[[str], Any]) -> None:
    from newslake.core.lake import ensure_tables
    from newslake.core.storage import ensure_bucket

    if settings.uses_local_stack:
        if not s3_server.is_running(settings):
            state = s3_server.up(settings)
            started.callback(s3_server.down, settings)
            say(f"Started the local S3 server on {state.endpoint}.")
    else:
        ensure_bucket(settings)
    ensure_tables(settings)


def _start_prefect(settings: Settings, started: ExitStack, say: Callable[[str], Any]) -> str:
    configured = os.environ.get("PREFECT_API_URL")
    if configured:
        say(f"Using the Prefect server at {configured}.")
        return configured
    already = prefect_server.running_url(settings)
    url = prefect_server.start(settings)
    if not already:
        started.callback(prefect_server.stop, settings)
        say(f"Started a Prefect server: {url.removesuffix('/api')} (UI), database under {prefect_server.home(settings)}.")
    os.environ["PREFECT_API_URL"] = url
    return url


def _start_events(settings: Settings, started: ExitStack, say: Callable[[str], Any], api_url: str) -> None:
    from newslake.service.api_token import resolve_token
    from newslake.service.endpoints import EndpointServer
    from newslake.service.watcher import Watcher

    token = resolve_token(settings)
    web = _open_web(settings, token, started)
    endpoints = EndpointServer(settings, token, mounts=[Mount("/web", app=web)])
    endpoints.start()
    started.callback(endpoints.stop)
    say(f"Endpoints on {endpoints.url}: POST /push, POST /events/s3 (bearer token: {_token_hint(settings)}).")
    say(f"The lake in a browser: {endpoints.url}/web/" + ("" if is_loopback(settings.http_host) else " (pages ask for the token)"))
    watcher = Watcher(settings)
    watcher.start()
    started.callback(watcher.stop)
    say(f"Watching s3://{settings.bucket}/{settings.landing_prefix}/ every {settings.watch_interval_seconds:g} s.")
    _write_state(settings, started, endpoints.url, api_url, [])


def _open_web(settings: Settings, token: str, started: ExitStack) -> Any:
    """``newslake web``'s app, for the endpoints' port: beyond localhost, behind the same token."""
    web = open_web_app(settings, token, local=is_loopback(settings.http_host))
    started.callback(close_web_app, web)
    return web


def _token_hint(settings: Settings) -> str:
    if settings.api_token is not None:
        return "NEWSLAKE_API_TOKEN"
    return str(settings.state_dir / "api_token")


def _write_state(settings: Settings, started: ExitStack, endpoints_url: str, api_url: str, deployments: list[str]) -> None:
    state = ServiceState(
        pid=os.getpid(),
        started_at=datetime.now(UTC).isoformat(timespec="seconds"),
        endpoints_url=endpoints_url,
        prefect_api_url=api_url,
        deployments=deployments,
    )
    write_state(settings, SERVICE, state)
    started.callback(remove_state, settings, SERVICE)


def _serve_deployments(
    settings: Settings, project_dir: Path, say: Callable[[str], Any], api_url: str, only: list[str] | None
) -> None:
    from prefect import serve

    from newslake.service.deployments import DeploymentsError, runner_deployments

    deployments = runner_deployments(project_dir, only)
    if not deployments:
        raise DeploymentsError(f"no deployment named {only} in {project_dir / 'prefect.yaml'}")
    names = [deployment.name for deployment in deployments]
    taken = deployed_to_work_pools(deployments)
    if taken:
        raise DeploymentsError(
            f"{', '.join(taken)} already run from a work pool on {api_url} (registered by `prefect deploy`). "
            "Serve and a worker cannot both own them: run `newslake serve --events-only` beside your worker, "
            "or delete those deployments (`prefect deployment delete NAME`) to serve them here."
        )
    state = load_state(settings)
    if state:
        state.deployments = names
        write_state(settings, SERVICE, state)
    crashed = mark_orphaned_runs_crashed()
    if crashed:
        say(f"Marked {crashed} run(s) left running by an earlier stop as crashed; the watcher re-announces their objects.")
    say(f"Serving {', '.join(names)}. Ctrl-C to stop.")
    serve(*deployments, print_starting_message=False, query_seconds=RUNNER_POLL_SECONDS)


def deployed_to_work_pools(deployments: list[Any]) -> list[str]:
    """Which of these deployments the Prefect server already has, registered for a work pool."""
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound

    taken = []
    with get_client(sync_client=True) as client:
        for deployment in deployments:
            name = f"{deployment.flow_name}/{deployment.name}"
            try:
                existing = client.read_deployment_by_name(name)
            except ObjectNotFound:
                continue
            if existing.work_pool_name:
                taken.append(f"{name} (work pool {existing.work_pool_name!r})")
    return taken


def mark_orphaned_runs_crashed(flow_names: tuple[str, ...] = ("ingest", "poll-feeds", "compact")) -> int:
    """Runs still "running" when the service starts were killed with the previous one:
    mark them crashed so no sibling waits on them (their objects are still unlogged,
    so the watcher announces them again)."""
    from prefect.client.orchestration import get_client
    from prefect.states import Crashed

    from newslake.core.runs import active_flow_runs

    with get_client(sync_client=True) as client:
        runs = active_flow_runs(client, list(flow_names))
        for flow_run in runs:
            client.set_flow_run_state(flow_run.id, Crashed(message="newslake serve stopped while it ran"), force=True)
    return len(runs)
