"""Commands for the RSS/Atom feeds of the feed list: `feeds list` and `feeds poll`."""

from __future__ import annotations

from typing import Any

import typer

from newslake.cli.app import app, console, fail, prepare_prefect_environment, require_storage, run_flow
from newslake.cli.output import OutputFormat, print_ingest_report, print_rows
from newslake.core.settings import Settings, get_settings

feeds_app = typer.Typer(help="RSS/Atom feeds declared in the feed list (NEWSLAKE_FEEDS_FILE, see docs/feeds.md).", no_args_is_help=True)
app.add_typer(feeds_app, name="feeds")


def _load_feed_list(settings: Settings, names: list[str] | None = None) -> list[Any]:
    from tasks.feeds.config import FeedsConfigError, load_feeds, select_feeds

    try:
        feeds = load_feeds(settings.feeds_file)
        return select_feeds(feeds, names) if names else feeds
    except FeedsConfigError as exc:
        fail(str(exc), 2)
    return []


@feeds_app.command("list")
def feeds_list(
    output: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f", help="Output format."),
) -> None:
    """The feeds of the feed list, with their last poll and how many items landed or failed."""
    from tasks.poll_feed import feed_overview

    settings = get_settings()
    feeds = _load_feed_list(settings)
    if not feeds:
        console.print(f"{settings.feeds_file} declares no feeds.")
        return
    require_storage(settings)
    rows = feed_overview(settings, feeds)
    print_rows(list(rows[0]), [tuple(row.values()) for row in rows], output)


@feeds_app.command("poll")
def feeds_poll(
    names: list[str] | None = typer.Argument(None, help="Feeds to poll (default: every enabled feed)."),
    force: bool = typer.Option(False, "--force", help="Poll even the feeds that are not due yet."),
    ingest_now: bool = typer.Option(False, "--ingest", help="Then run the ingest flow over the pages landed."),
) -> None:
    """Poll the feeds that are due once: fetch new items' pages, land them, record the outcome."""
    settings = get_settings()
    prepare_prefect_environment(settings)
    _load_feed_list(settings, names)  # a bad feed list fails here, before Prefect starts
    require_storage(settings)
    from flows.poll_feeds import poll_feeds

    report = run_flow(poll_feeds, settings, feeds=names or None, force=force)
    for feed in report["feeds"]:
        error = f" — {feed['error']}" if feed["error"] else ""
        console.print(
            f"{feed['feed']}: {feed['status']}; {feed['new']} new, {feed['landed']} landed, "
            f"{feed['failed']} failed, {feed['skipped']} skipped{error}"
        )
    console.print(
        f"Run {report['run_id']}: {report['feeds_polled']} feeds polled ({report['feeds_not_modified']} not modified, "
        f"{report['feeds_failed']} failed, {report['feeds_not_due']} not due); {report['landed']} items landed, "
        f"{report['failed']} failed; {report['seconds']:.1f} s."
    )
    if report["failed"] or report["feeds_failed"]:
        console.print(f"See why: newslake sql \"SELECT raw_key, stage, reason FROM rejects WHERE run_id = '{report['run_id']}'\"")
    if ingest_now and report["landed_keys"]:
        from flows.ingest import ingest as ingest_flow

        print_ingest_report(run_flow(ingest_flow, settings, keys=report["landed_keys"]))
    elif report["landed"]:
        console.print("The landed pages are announced for the ingest deployment; add --ingest to ingest them now.")
