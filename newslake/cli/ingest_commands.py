"""Commands that put articles into the lake: `ingest` files, `reprocess` what was landed,
and `extract`, the dry run that stores nothing."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import typer
from rich.markup import escape

from newslake.cli.app import app, console, fail, prepare_prefect_environment, require_storage, run_flow
from newslake.cli.output import json_value, print_ingest_report, progress_bar
from newslake.core import PIPELINE_VERSION
from newslake.core.settings import Settings, get_settings


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="Files or directories (read recursively)."),
    source: str = typer.Option("files", help="Source name recorded with each landed object."),
    batch_size: int | None = typer.Option(None, help="Objects per batch (default NEWSLAKE_BATCH_SIZE)."),
    no_wait: bool = typer.Option(
        False, "--no-wait", help="Return once the files are landed and handed to the warm runner; `newslake status` shows the run."
    ),
) -> None:
    """Land files as raw objects, then run the ingest flow over them: in the warm runner when
    `newslake up` started one (seconds), else in this process."""
    from newslake.core.landing import land_files, scan_input_files

    settings = get_settings()
    try:
        files, skipped = scan_input_files(paths)
    except FileNotFoundError as exc:
        fail(str(exc), 2)
    report_skipped(skipped)
    if not files:
        fail(f"no files to ingest under {', '.join(map(str, paths))}", 2)
    require_storage(settings)
    with progress_bar() as progress:
        bar = progress.add_task("Landing", total=len(files))
        landed, unreadable = land_files(settings, files, source=source, on_landed=lambda _: progress.advance(bar))
    report_skipped(unreadable)
    fresh = sum(item.created for item in landed)
    console.print(f"Landed {len(landed)} objects ({fresh} new, {len(landed) - fresh} already landed today).")
    if not landed:
        fail("no file could be landed (see above)", 1)

    keys = [item.key for item in landed]
    report = through_runner(settings, keys, batch_size, wait=not no_wait)
    if report is None and no_wait:
        console.print("No warm runner is running (`newslake up` starts one): the objects stay landed, and "
                      "`newslake serve` or the next `newslake ingest` takes them in.")
        return
    if report is None:
        prepare_prefect_environment(settings)
        from flows.ingest import ingest as ingest_flow

        report = run_flow(ingest_flow, settings, keys=keys, batch_size=batch_size)
    if no_wait:
        console.print(f"Handed {len(keys)} objects to the warm runner; `newslake status` shows the run.")
        return
    print_ingest_report(report)


def through_runner(settings: Settings, keys: list[str], batch_size: int | None, *, wait: bool) -> dict | None:
    """The run's report from the warm runner, or None when there is none for these settings
    (the caller then runs the flow itself)."""
    from newslake.service import runner
    from newslake.service.api_token import resolve_token
    from newslake.stack.processes import StackError

    state = runner.available(settings)
    if state is None:
        return None
    try:
        if not state.ready:
            with console.status("Waiting for the warm runner to load the pipeline…"):
                state = runner.wait_ready(settings)
        return runner.hand_over(state, resolve_token(settings), keys, batch_size, wait=wait)
    except StackError as exc:
        console.print(f"[yellow]warning:[/] {escape(str(exc))}; running the flow in this process instead.")
        return None
    except runner.RunnerError as exc:
        fail(f"the run failed: {escape(str(exc))}. Run the same command again to resume; "
             f"{settings.state_dir / 'runner.log'} has details.")


@app.command()
def reprocess(
    since: str | None = typer.Option(None, help="Only objects landed on or after this day (YYYY-MM-DD)."),
    source: str | None = typer.Option(None, help="Only objects landed from this source."),
    batch_size: int | None = typer.Option(None, help="Objects per batch (default NEWSLAKE_BATCH_SIZE)."),
) -> None:
    """Rebuild stored articles from their raw landed objects with the current enrichment."""
    settings = get_settings()
    prepare_prefect_environment(settings)
    require_storage(settings)
    if since:
        try:
            date.fromisoformat(since)
        except ValueError:
            fail(f"--since {since!r} is not a date: use YYYY-MM-DD", 2)
    from flows.reprocess import reprocess as reprocess_flow

    print_ingest_report(run_flow(reprocess_flow, settings, since=since, source=source, batch_size=batch_size), rebuilt=True)


@app.command()
def extract(files: list[Path] = typer.Argument(..., help="Files or directories to extract.")) -> None:
    """Dry run: print what the pipeline would store for each article, as JSON Lines, with its
    mentions, quotes and figures nested. Stores nothing."""
    from newslake.core.landing import Skipped, printable_path, scan_input_files
    from schemas.articles import ARTICLES
    from schemas.records import RawObject, RunContext
    from tasks.documents.passes import transform_object

    settings = get_settings()
    run = RunContext(PIPELINE_VERSION, datetime.now(UTC), settings.min_body_words)
    rejected = 0
    try:
        paths, skipped = scan_input_files(files)
    except FileNotFoundError as exc:
        fail(str(exc), 2)
    report_skipped(skipped)
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as exc:
            report_skipped([Skipped(printable_path(path), f"cannot be read: {exc.strerror or exc}")])
            continue
        shown = printable_path(path)
        raw = RawObject(key=shown.rsplit("/", 1)[-1], data=data, source="files", source_path=shown)
        result = transform_object(raw, run)
        for row in result.rows:
            children = {
                table: [
                    {k: v for k, v in child.items() if k not in ("article_id", "published_at", "enrichment_version", "language")}
                    for child in rows
                    if child["article_id"] == row["article_id"]
                ]
                for table, rows in result.children.items()
            }
            columns = dict.fromkeys(ARTICLES.names)  # every column of the table, null where the row has none
            print(json.dumps({**columns, **row, **children}, default=json_value, ensure_ascii=False))
        for rejection in result.rejections:
            rejected += 1
            where = f" record {rejection.record_index}" if rejection.record_index is not None else ""
            console.print(f"[red]rejected[/] {escape(shown)}{where} at {rejection.stage}: {escape(rejection.reason)}")
    if rejected:
        raise typer.Exit(1)


def report_skipped(skipped: list) -> None:
    """Name every input left out, with why: nothing is dropped silently."""
    for item in skipped:
        console.print(f"[yellow]skipped[/] {escape(item.path)}: {escape(item.reason)}")
