"""The quarantine from the command line: `rejects` lists what failed and why, `retry`
runs the rejected objects again after a fix (a newer version, a raised limit)."""

from __future__ import annotations

from datetime import date

import typer

from newslake.cli.app import app, console, fail, prepare_prefect_environment, require_storage, run_flow
from newslake.cli.output import OutputFormat, print_ingest_report, print_rows
from newslake.core.settings import get_settings

REASON = typer.Option(None, "--reason", help="Only rejects whose reason or error class contains this text.")
STAGE = typer.Option(None, "--stage", help="Only rejects of this stage (read, detect, parse, extract, validate, fetch…).")
SINCE = typer.Option(None, "--since", help="Only rejects from this day on (YYYY-MM-DD).")


def _filter(reason: str | None, stage: str | None, since: str | None, include_resolved: bool = False):
    from newslake.analysis.quarantine import RejectFilter

    try:
        day = date.fromisoformat(since) if since else None
    except ValueError:
        fail(f"--since {since!r} is not a date: use YYYY-MM-DD", 2)
    return RejectFilter(reason=reason, stage=stage, since=day, include_resolved=include_resolved)


@app.command()
def rejects(
    reason: str | None = REASON,
    stage: str | None = STAGE,
    since: str | None = SINCE,
    every: bool = typer.Option(False, "--all", help="Include rejects whose object was ingested since."),
    rows: bool = typer.Option(False, "--rows", help="List each reject instead of counting them by kind."),
    output: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f", help="Output format."),
) -> None:
    """What was rejected and why: open rejects counted by stage and error class (or each one
    with --rows). An object ingested successfully since no longer counts, unless --all."""
    from newslake.analysis.quarantine import reject_rows, reject_summary
    from newslake.core.query import connect

    which = _filter(reason, stage, since, every)
    settings = get_settings()
    require_storage(settings)
    columns, found = (reject_rows if rows else reject_summary)(connect(settings), which)
    print_rows(columns, found, output)


@app.command()
def retry(
    reason: str | None = REASON,
    stage: str | None = STAGE,
    since: str | None = SINCE,
    dry_run: bool = typer.Option(False, "--dry-run", help="Only say which objects would be tried again."),
) -> None:
    """Ingest the rejected objects again (after a fix). Each article still lands once: an
    object that now succeeds leaves the quarantine; one that fails again keeps one reject."""
    from newslake.analysis.quarantine import keys_to_retry
    from newslake.core.landing import is_landing_key
    from newslake.core.query import connect

    which = _filter(reason, stage, since)
    settings = get_settings()
    prepare_prefect_environment(settings)
    require_storage(settings)
    keys = keys_to_retry(connect(settings), which)
    landed = [key for key in keys if is_landing_key(settings, key)]
    if len(landed) < len(keys):
        console.print(f"{len(keys) - len(landed)} rejected feed items are retried by the feed poller, not here.")
    if not landed:
        console.print("Nothing to retry.")
        return
    console.print(f"{'Would retry' if dry_run else 'Retrying'} {len(landed)} objects.")
    if dry_run:
        for key in landed:
            print(key)
        return
    from flows.ingest import ingest as ingest_flow

    print_ingest_report(run_flow(ingest_flow, settings, keys=landed))
