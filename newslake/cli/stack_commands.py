"""Commands that run and look after the lake: start and stop the local stack (`up`, `down`),
run the service (`serve`), compact the tables (`compact`) and report where it all is (`status`)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import typer

from newslake.cli.app import app, console, exit_without_teardown, fail, prepare_prefect_environment, require_storage
from newslake.core.settings import get_settings
from newslake.stack import processes, s3_server


@app.command()
def up(
    prefect: bool = typer.Option(True, "--prefect/--no-prefect", help="Also start a Prefect server: its UI shows every run."),
    runner: bool = typer.Option(
        True, "--runner/--no-runner", help="Also start the warm runner, which keeps the pipeline loaded so that "
        "`ingest` answers in seconds (it needs a Prefect server)."
    ),
) -> None:
    """Start the local S3 server (unless NEWSLAKE_S3_ENDPOINT is set), a Prefect server and the
    warm runner, and create the bucket and tables. `newslake down` stops them all."""
    from newslake.core.lake import ensure_tables
    from newslake.core.storage import ensure_bucket
    from newslake.service import runner as warm_runner
    from newslake.stack import prefect_server

    settings = get_settings()
    configured = os.environ.get("PREFECT_API_URL")
    try:
        launched = s3_server.launch(settings) if settings.uses_local_stack else None  # first, undisturbed
        server = prefect_server.launch(settings) if prefect and not configured else None  # boots while S3 starts
        api_url = configured or (server.api_url if server else None)
        if runner and api_url:
            warm_runner.start(settings, api_url)  # loads the pipeline in the background
        if launched:
            with console.status("Starting the local S3 server (SeaweedFS)…"):
                state = s3_server.wait_until_serving(settings, launched)
            console.print(f"Local S3 server on {state.endpoint} (pid {state.pid}), data in {settings.state_dir}/seaweedfs")
        else:
            ensure_bucket(settings)
        ensure_tables(settings)
        if server:  # it booted while the S3 server started; scripts may call `prefect` right after `up`
            with console.status("Starting a Prefect server…"):
                url = prefect_server.wait_until_ready(settings, server)
            console.print(f"Prefect server on {url} (UI: {url.removesuffix('/api')}); newslake commands run against it.")
    except (processes.StackError, OSError) as exc:
        warm_runner.stop(settings)
        fail(str(exc))
    if warm_runner.running(settings):
        console.print("Warm runner loading the pipeline: `newslake ingest` hands its files to it and answers in seconds.")
    console.print(f"Lake ready at s3://{settings.bucket}/{settings.lake_prefix}/")


@app.command()
def down() -> None:
    """Stop everything `newslake up` started: the warm runner, the Prefect server and the
    local S3 server (their data is kept)."""
    from concurrent.futures import ThreadPoolExecutor

    from newslake.service import runner as warm_runner
    from newslake.stack import prefect_server

    settings = get_settings()
    parts = {"Warm runner": warm_runner.stop, "Prefect server": prefect_server.stop, "Local S3 server": s3_server.down}
    with ThreadPoolExecutor(len(parts)) as pool:  # each waits for its process to exit: wait for all at once
        stopped = dict(zip(parts, pool.map(lambda stop: stop(settings), parts.values()), strict=True))
    for name, was_running in stopped.items():
        if was_running:
            console.print(f"{name} stopped.")
    if not stopped["Local S3 server"]:
        console.print("The local S3 server was not running.")


@app.command()
def serve(
    project: Path = typer.Option(Path("."), help="The folder holding prefect.yaml (and the flows)."),
    events_only: bool = typer.Option(
        False, "--events-only", help="Run the endpoints and the watcher only; a Prefect worker runs the flows."
    ),
    deployment: list[str] = typer.Option([], "--deployment", "-d", help="Serve only this deployment (repeatable)."),
) -> None:
    """Run newslake as a service: endpoints, landing watcher, and the deployments of prefect.yaml
    with their schedules and triggers. Starts the local S3 server and a Prefect server when none
    is configured; Ctrl-C stops everything it started."""
    from newslake.service import serve
    from newslake.service.deployments import DeploymentsError

    settings = get_settings()
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_RUNNER_POLL_FREQUENCY", str(int(serve.RUNNER_POLL_SECONDS)))
    try:
        serve.run(settings, project.resolve(), events_only=events_only, only=deployment or None, say=console.print)
    except (processes.StackError, DeploymentsError, OSError) as exc:
        fail(str(exc))
    # Everything it started is stopped; what lingers are library threads (Prefect's runner,
    # HTTP clients) that kept the process alive for a minute after "Stopped.".
    exit_without_teardown()


@app.command()
def compact(
    table: list[str] = typer.Option([], "--table", help="Only this table (repeatable). Default: all."),
    retention_hours: int | None = typer.Option(None, help="Keep files younger snapshots need (default NEWSLAKE_VACUUM_RETENTION_HOURS)."),
) -> None:
    """Compact the lake's small files and vacuum the unreferenced ones (the `compact` flow)."""
    settings = get_settings()
    prepare_prefect_environment(settings)
    require_storage(settings)
    from flows.compact import compact as compact_flow

    try:
        results = compact_flow(tables=table or None, retention_hours=retention_hours)
    except ValueError as exc:
        fail(str(exc), 2)
    for item in results:
        console.print(
            f"{item['table']:12} {item['files_removed']} files → {item['files_added']}; "
            f"{item['files_vacuumed']} vacuumed; version {item['version']}"
        )


@app.command()
def status(as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text.")) -> None:
    """Where the lake and the service are, what waits to be ingested, and the last runs."""
    from newslake.service.status import status_report

    report = status_report(get_settings())
    if as_json:
        print(json.dumps(report, indent=2, default=str))
    else:
        _print_status(report)
    exit_without_teardown()  # the lake read's Arrow threads may abort the exit (1 run in many)


def _print_status(report: dict) -> None:
    for key, value in report.items():
        if key == "last_runs" and isinstance(value, list):
            print(f"{key:20} {'(none)' if not value else ''}")
            for run in value:
                print(f"  {run['started'] or '':32} {run['deployment']:18} {run['state']:10} {run['seconds']:>7} s  {run['name']}")
        elif isinstance(value, dict):
            print(key)
            for inner, item in value.items():
                print(f"  {inner:18} {item}")
        else:
            print(f"{key:20} {value}")
