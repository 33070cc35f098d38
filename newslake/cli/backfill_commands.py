"""`newslake backfill`: WARC archives into the lake, resumable, with a progress bar."""

from __future__ import annotations

import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
from rich.text import Text

from newslake.cli.app import app, console, fail, prepare_prefect_environment, require_storage, run_flow
from newslake.core.settings import get_settings


def archive_sources(inputs: list[str]) -> list[str]:
    """WARC files named, or found under named folders (sorted); ``s3://`` URIs as given."""
    from newslake.core.archive_landing import archive_suffix  # imports the landing zone's pyarrow: only for this command

    found: list[str] = []
    for item in inputs:
        if item.startswith("s3://"):
            found.append(item)
            continue
        path = Path(item)
        if path.is_dir():
            found.extend(str(p) for p in sorted(path.rglob("*")) if p.is_file() and archive_suffix(p.name))
        elif path.is_file():
            if not archive_suffix(path.name):
                fail(f"{item}: not a WARC file (expected .warc or .warc.gz)", 2)
            found.append(str(path))
        else:
            fail(f"{item}: no such file or folder", 2)
    return list(dict.fromkeys(found))


class _Rate(ProgressColumn):
    """Articles per second since the first segment began."""

    def __init__(self, state: dict[str, Any]) -> None:
        super().__init__()
        self.state = state

    def render(self, task: Any) -> Text:
        seconds = max(1e-9, time.monotonic() - self.state["since"])
        return Text(f"{self.state['articles'] / seconds:.1f} articles/s, {self.state['articles']} new")


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        fail(f"{option} {value!r}: expected a day as YYYY-MM-DD", 2)


@app.command()
def backfill(
    inputs: list[str] = typer.Argument(..., metavar="PATH|s3://…", help="WARC or WARC.gz files, folders holding them, or s3:// URIs."),
    date_from: str | None = typer.Option(None, "--from", help="Keep pages whose WARC-Date is on or after this day (YYYY-MM-DD, UTC)."),
    date_to: str | None = typer.Option(None, "--to", help="Keep pages whose WARC-Date is on or before this day."),
    domain: list[str] = typer.Option([], "--domain", help="Keep pages of this host or its subdomains (repeatable)."),
    fan_out: bool = typer.Option(False, "--fan-out", help="Hand segments to backfill-segment runs on the work pool."),
    max_in_flight: int = typer.Option(8, help="With --fan-out: segment runs queued at once."),
) -> None:
    """Backfill WARC archives: each file lands once, its records are read by byte range in
    segments, HTML pages become articles. Stopped or killed, the same command resumes: the
    segments already committed are not done again."""
    settings = get_settings()
    sources = archive_sources(inputs)
    if not sources:
        fail(f"no WARC files under {', '.join(inputs)}", 2)
    start, end = _day(date_from, "--from"), _day(date_to, "--to")
    require_storage(settings)
    prepare_prefect_environment(settings)
    from flows import backfill as backfill_flow

    state = {"since": time.monotonic(), "articles": 0}
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("records"),
                  _Rate(state), TimeRemainingColumn(), console=console, transient=True) as progress:
        bar = progress.add_task("Landing and scanning", total=None)

        def listen(event: dict[str, Any]) -> None:
            if event.get("event") == "planned":
                state["since"] = time.monotonic()
                progress.update(bar, description="Backfill", total=event["records"], completed=0)
                if event["done"]:
                    console.print(f"Resuming: {event['done']} of {event['segments']} segments were committed before.")
            elif event.get("event") == "segment":
                state["articles"] += int(event.get("articles_new", 0))
                progress.advance(bar, int(event.get("records", 0)))

        backfill_flow.PROGRESS.append(listen)
        try:
            report = run_flow(backfill_flow.backfill, settings, sources=sources, date_from=start, date_to=end,
                              domains=domain or None, fan_out=fan_out, max_in_flight=max_in_flight)
        finally:
            backfill_flow.PROGRESS.remove(listen)
    print_backfill_report(report)


def print_backfill_report(report: dict[str, Any]) -> None:
    seconds = report.get("seconds", 0) or 0
    new = report.get("articles_new", 0)
    skipped = {k.removeprefix("skipped "): v for k, v in report.items() if k.startswith("skipped ")}
    console.print(
        f"{report.get('archives', 0)} archives, {report.get('segments_planned', 0)} segments "
        f"({report.get('segments_done_before', 0)} done before): {report.get('records', 0)} records, "
        f"{report.get('pages', 0)} HTML pages; {new} new articles, {report.get('articles_duplicate', 0)} already in the lake, "
        f"{report.get('records_rejected', 0)} rejected; {seconds:.1f} s"
        + (f" ({new / seconds:.1f} articles/s)" if seconds else "") + "."
    )
    if skipped:
        console.print("Skipped records: " + ", ".join(f"{count} {kind}" for kind, count in sorted(skipped.items())) + ".")
