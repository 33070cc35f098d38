"""The ``newslake`` command line: the typer app and what its commands share.

The commands live beside this module, grouped by area (stack_commands, ingest_commands,
query_commands, feed_commands); importing ``newslake.cli`` registers them with ``app``.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Callable
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape

from newslake.core.settings import Settings
from newslake.stack import processes, s3_server
from newslake.stack.processes import stop_children_when_killed

app = typer.Typer(
    help="Ingest news articles into Delta tables on S3 and query them with DuckDB.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(stderr=True, soft_wrap=True)


def exit_without_teardown() -> None:
    """End a command whose work is done and printed, skipping the interpreter's teardown:
    library threads left behind (Arrow's scan threads after a lake read, Prefect's runner)
    either keep the process alive or abort it at exit ("terminate called without an active
    exception", exit -6) though every answer was given."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


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

    running = prefect_server.load_state(settings) if prefect_server.running_url(settings) else None
    if running and not os.environ.get("PREFECT_API_URL"):  # started by `newslake up`, maybe still booting
        try:
            os.environ["PREFECT_API_URL"] = prefect_server.wait_until_ready(settings, running)
        except processes.StackError as exc:
            fail(str(exc))
    if not os.environ.get("PREFECT_API_URL"):  # Prefect will start its own server as our child
        stop_children_when_killed()


def run_flow(flow: Callable[..., Any], settings: Settings, **parameters: Any) -> Any:
    """Run a flow from the command line: Prefect's console shows what failed without a
    traceback, and a failure ends the command with one line that says what to do."""
    _console_logs_without_tracebacks()
    try:
        return flow(**parameters)
    except Exception as exc:  # noqa: BLE001 - the command's last word on any failure
        fail(failure_message(exc, settings))


_ANSI = re.compile(r"\x1b\[[0-9;]*m")  # delta-rs colours its error chains


def failure_message(exc: BaseException, settings: Settings) -> str:
    """What went wrong, in one line, with what to do about it."""
    text = escape(" ".join(_ANSI.sub("", str(exc)).split())[:300]) or type(exc).__name__
    if _storage_unreachable(exc):
        where = settings.s3_endpoint or "the local S3 server"
        return (
            f"the object store ({where}) stopped answering during the run ({text}). Start it again "
            "(`newslake up`) and run the same command: what was committed stays, nothing is ingested twice."
        )
    return f"the run failed: {type(exc).__name__}: {text}. Run the same command again to resume; the state folder's logs have details."


def _storage_unreachable(exc: BaseException) -> bool:
    from botocore.exceptions import EndpointConnectionError

    seen: BaseException | None = exc
    while seen is not None:
        text = str(seen)
        if isinstance(seen, (EndpointConnectionError, ConnectionError)) or "Connection refused" in text or "error sending request" in text:
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _console_logs_without_tracebacks() -> None:
    """Prefect prints a task's traceback at every failed attempt; a user of the command
    wants the failure, not three tracebacks. The API log (the UI) keeps them: its handler
    sees each record before it reaches the console's."""
    for handler in logging.getLogger().handlers:
        if type(handler).__name__ == "PrefectConsoleHandler" and not any(isinstance(f, _NoTraceback) for f in handler.filters):
            handler.addFilter(_NoTraceback())


class _NoTraceback(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = record.exc_text = record.stack_info = None
        return True


def require_storage(settings: Settings) -> None:
    if settings.uses_local_stack and not s3_server.is_running(settings):
        fail("the local S3 server is not running: start it with `newslake up` (or set NEWSLAKE_S3_ENDPOINT).")
