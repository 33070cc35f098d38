"""The ``newslake`` command line: the typer app and what its commands share.

The commands live beside this module, grouped by area (stack_commands, ingest_commands,
query_commands, feed_commands); importing ``newslake.cli`` registers them with ``app``.
"""

from __future__ import annotations

import os

import typer
from rich.console import Console

from newslake.core.settings import Settings
from newslake.stack import s3_server

app = typer.Typer(
    help="Ingest news articles into Delta tables on S3 and query them with DuckDB.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(stderr=True, soft_wrap=True)


def fail(message: str, code: int = 1) -> None:
    console.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)


def prepare_prefect_environment(settings: Settings) -> None:
    """Keep Prefect's ephemeral database in the project's state folder and its telemetry off
    (there is no network to send it to). Must run before Prefect is imported."""
    os.environ.setdefault("PREFECT_HOME", str((settings.state_dir / "prefect").resolve()))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "60")
    from newslake.stack import prefect_server

    running = prefect_server.running_url(settings)  # started by `newslake up --prefect`
    if running:
        os.environ.setdefault("PREFECT_API_URL", running)


def require_storage(settings: Settings) -> None:
    if settings.uses_local_stack and not s3_server.is_running(settings):
        fail("the local S3 server is not running: start it with `newslake up` (or set NEWSLAKE_S3_ENDPOINT).")
