"""The ``newslake`` command line."""

from __future__ import annotations

import csv
import json
import os
import sys
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from newslake.core import PIPELINE_VERSION
from newslake.core.settings import Settings, get_settings
from newslake.stack import processes, s3_server

app = typer.Typer(
    help="Ingest news articles into Delta tables on S3 and query them with DuckDB.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(stderr=True, soft_wrap=True)


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


def _fail(message: str, code: int = 1) -> None:
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


@app.command()
def up(
    prefect: bool = typer.Option(False, "--prefect", help="Also start a Prefect server, so its UI shows every run."),
) -> None:
    """Start the local S3 server (unless NEWSLAKE_S3_ENDPOINT is set), create the bucket and tables."""
    from newslake.core.lake import ensure_tables
    from newslake.core.storage import ensure_bucket
    from newslake.stack import prefect_server

    settings = get_settings()
    try:
        if settings.uses_local_stack:
            with console.status("Starting the local S3 server (SeaweedFS)…"):
                state = s3_server.up(settings)
            console.print(f"Local S3 server on {state.endpoint} (pid {state.pid}), data in {settings.state_dir}/seaweedfs")
        else:
            ensure_bucket(settings)
        ensure_tables(settings)
        if prefect:
            with console.status("Starting a Prefect server…"):
                url = prefect_server.start(settings)
            console.print(f"Prefect server on {url} (UI: {url.removesuffix('/api')}); newslake commands now run against it.")
    except (processes.StackError, OSError) as exc:
        _fail(str(exc))
    console.print(f"Lake ready at s3://{settings.bucket}/{settings.lake_prefix}/")


@app.command()
def down() -> None:
    """Stop the local S3 server and Prefect server started by `newslake up` (their data is kept)."""
    from newslake.stack import prefect_server

    settings = get_settings()
    if prefect_server.stop(settings):
        console.print("Prefect server stopped.")
    if s3_server.down(settings):
        console.print("Local S3 server stopped.")
    else:
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
        _fail(str(exc))


@app.command()
def compact(
    table: list[str] = typer.Option([], "--table", help="Only this table (repeatable). Default: all."),
    retention_hours: int | None = typer.Option(None, help="Keep files younger snapshots need (default NEWSLAKE_VACUUM_RETENTION_HOURS)."),
) -> None:
    """Compact the lake's small files and vacuum the unreferenced ones (the `compact` flow)."""
    settings = get_settings()
    prepare_prefect_environment(settings)
    _require_storage(settings)
    from flows.compact import compact as compact_flow

    try:
        results = compact_flow(tables=table or None, retention_hours=retention_hours)
    except ValueError as exc:
        _fail(str(exc), 2)
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
        return
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


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="Files or directories (read recursively)."),
    source: str = typer.Option("files", help="Source name recorded with each landed object."),
    batch_size: int | None = typer.Option(None, help="Objects per batch (default NEWSLAKE_BATCH_SIZE)."),
) -> None:
    """Land files as raw objects, then run the ingest flow over them."""
    from newslake.core.landing import iter_input_files, land_files

    settings = get_settings()
    prepare_prefect_environment(settings)
    try:
        files = list(iter_input_files(paths))
    except FileNotFoundError as exc:
        _fail(str(exc), 2)
    if not files:
        _fail(f"no files found under {', '.join(map(str, paths))}", 2)
    _require_storage(settings)
    with _progress() as progress:
        bar = progress.add_task("Landing", total=len(files))
        landed = land_files(settings, files, source=source, on_landed=lambda _: progress.advance(bar))
    fresh = sum(item.created for item in landed)
    console.print(f"Landed {len(landed)} objects ({fresh} new, {len(landed) - fresh} already landed today).")

    from flows.ingest import ingest as ingest_flow

    report = ingest_flow(keys=[item.key for item in landed], batch_size=batch_size)
    _print_ingest_report(report)


@app.command()
def reprocess(
    since: str | None = typer.Option(None, help="Only objects landed on or after this day (YYYY-MM-DD)."),
    source: str | None = typer.Option(None, help="Only objects landed from this source."),
    batch_size: int | None = typer.Option(None, help="Objects per batch (default NEWSLAKE_BATCH_SIZE)."),
) -> None:
    """Rebuild stored articles from their raw landed objects with the current enrichment."""
    settings = get_settings()
    prepare_prefect_environment(settings)
    _require_storage(settings)
    if since:
        try:
            date.fromisoformat(since)
        except ValueError:
            _fail(f"--since {since!r} is not a date: use YYYY-MM-DD", 2)
    from flows.reprocess import reprocess as reprocess_flow

    _print_ingest_report(reprocess_flow(since=since, source=source, batch_size=batch_size), rebuilt=True)


def _require_storage(settings: Settings) -> None:
    if settings.uses_local_stack and not s3_server.is_running(settings):
        _fail("the local S3 server is not running: start it with `newslake up` (or set NEWSLAKE_S3_ENDPOINT).")


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=True,
    )


def _print_ingest_report(report: dict[str, Any], rebuilt: bool = False) -> None:
    outcomes = ", ".join(f"{count} {name}" for name, count in sorted(report["outcomes"].items()))
    written = "articles written (new or rebuilt)" if rebuilt else "new articles"
    current = "already current" if rebuilt else "already in the lake"
    console.print(
        f"Run {report['run_id']}: {report['objects']} objects ({outcomes}); "
        f"{report['articles_new']} {written}, {report['articles_duplicate']} {current}, "
        f"{report['records_rejected']} rejected; {report['seconds']:.1f} s."
    )
    if report["records_rejected"]:
        console.print(f"See why: newslake sql \"SELECT raw_key, stage, reason FROM rejects WHERE run_id = '{report['run_id']}'\"")


@app.command()
def extract(files: list[Path] = typer.Argument(..., help="Files or directories to extract.")) -> None:
    """Dry run: print what the pipeline would store for each article, as JSON Lines, with its
    mentions, quotes and figures nested. Stores nothing."""
    from newslake.core.landing import iter_input_files
    from schemas.records import RawObject, RunContext
    from tasks.transform import transform_object

    settings = get_settings()
    run = RunContext(PIPELINE_VERSION, datetime.now(UTC), settings.min_body_words)
    rejected = 0
    try:
        paths = list(iter_input_files(files))
    except FileNotFoundError as exc:
        _fail(str(exc), 2)
    for path in paths:
        raw = RawObject(key=path.name, data=path.read_bytes(), source="files", source_path=str(path))
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
            print(json.dumps({**row, **children}, default=_json_value, ensure_ascii=False))
        for rejection in result.rejections:
            rejected += 1
            where = f" record {rejection.record_index}" if rejection.record_index is not None else ""
            console.print(f"[red]rejected[/] {path}{where} at {rejection.stage}: {rejection.reason}")
    if rejected:
        raise typer.Exit(1)


@app.command()
def sql(
    query: str | None = typer.Argument(None, help="One SQL statement. Without it: an interactive prompt."),
    output: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f", help="Output format."),
) -> None:
    """Run DuckDB SQL over the current snapshot of the lake (views: see docs/analysis.md)."""
    from newslake.cli.repl import run_prompt, run_statement
    from newslake.core.query import connect, refresh_views

    settings = get_settings()
    _require_storage(settings)
    con = connect(settings)

    def show(columns: list[str], rows: list[tuple]) -> None:
        _print_rows(columns, rows, output)

    if query is None:
        run_prompt(con, settings.state_dir / "sql_history", show, refresh=lambda: refresh_views(con, settings))
    elif not run_statement(con, query, show):
        raise typer.Exit(1)


@app.command()
def search(
    query: str = typer.Argument(..., help="Words to look for, e.g. \"putin iran drones\"."),
    since: str | None = typer.Option(None, help="Only articles published on or after this day (YYYY-MM-DD)."),
    lang: str | None = typer.Option(None, help="Only articles in this language (ISO 639-1, e.g. en)."),
    limit: int = typer.Option(10, min=1, help="How many results."),
    output: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f", help="Output format."),
) -> None:
    """Full-text search over the articles, ranked by BM25."""
    from newslake.analysis.search import SearchError
    from newslake.analysis.search import search as run_search

    settings = get_settings()
    _require_storage(settings)
    try:
        hits = run_search(settings, query, since=since, lang=lang, limit=limit)
    except SearchError as exc:
        _fail(str(exc), 2)
    if output is not OutputFormat.table:
        columns = ["article_id", "title", "domain", "published_at", "language", "score", "snippet", "url"]
        _print_rows(columns, [tuple(getattr(hit, c) for c in columns) for hit in hits], output)
        return
    if not hits:
        console.print(f"No articles match {query!r}.")
    out = Console(width=None if sys.stdout.isatty() else 160, highlight=False)
    for rank, hit in enumerate(hits, 1):
        when = hit.published_at.date().isoformat() if hit.published_at else "undated"
        out.print(f"[bold]{rank}. {escape(hit.title or '(untitled)')}[/]  [dim]{hit.domain or hit.site_name or ''} · {when} · {hit.score:.2f}[/]")
        out.print("   " + escape(hit.snippet).replace("«", "[bold yellow]").replace("»", "[/]"))


@app.command()
def export(
    path: Path = typer.Argument(..., help="The .duckdb file to write."),
    materialize: bool = typer.Option(False, help="Copy the data in, for offline use (else: views reading S3)."),
    overwrite: bool = typer.Option(False, help="Replace an existing file."),
) -> None:
    """Write a DuckDB database file with the lake's views (or data) that opens in the plain duckdb CLI."""
    from newslake.analysis.export import export_database

    settings = get_settings()
    _require_storage(settings)
    try:
        result = export_database(settings, path, materialize, overwrite=overwrite)
    except FileExistsError:
        _fail(f"{path} exists: pass --overwrite to replace it", 2)
    if result.materialized:
        counts = ", ".join(f"{name} {rows}" for name, rows in result.rows.items())
        console.print(f"Wrote {path} with the data copied in ({counts}). Open it with: duckdb {path}")
    else:
        console.print(f"Wrote {path} with views over the lake. Before querying it, run in DuckDB:")
        print(result.setup_sql)


def _json_value(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def _print_rows(columns: list[str], rows: list[tuple], output: OutputFormat) -> None:
    if output is OutputFormat.json:
        print(json.dumps([dict(zip(columns, row)) for row in rows], default=_json_value, ensure_ascii=False, indent=1))
    elif output is OutputFormat.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows([_json_value(v) if v is not None and not isinstance(v, (int, float, str)) else v for v in row] for row in rows)
    else:
        table = Table(*columns, show_lines=False)
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        Console(width=None if sys.stdout.isatty() else 200).print(table)
        console.print(f"{len(rows)} row{'s' if len(rows) != 1 else ''}")


@app.command()
def report(
    since: str = typer.Option("7d", help="Period: 24h, 7d, 2w, a day (YYYY-MM-DD) to now, or 'all'."),
    out: Path = typer.Option(Path("report"), help="Folder to write index.html into."),
) -> None:
    """Write a self-contained HTML report with charts: coverage, entities, tone, stories, ingestion health."""
    from newslake.analysis.report import build_report, parse_since

    try:
        period = parse_since(since)
    except ValueError as exc:
        _fail(str(exc), 2)
    settings = get_settings()
    _require_storage(settings)
    page = build_report(settings, period, out)
    console.print(f"Wrote {page} (open it in a browser; it needs no network).")


analyses_app = typer.Typer(help="Saved, parameterised analyses (the analyses/ folder).", no_args_is_help=True)
app.add_typer(analyses_app, name="analyses")


@analyses_app.command("list")
def analyses_list() -> None:
    """Every saved analysis with its description and parameters."""
    from newslake.analysis.saved import list_analyses

    for analysis in list_analyses():
        print(f"{analysis.name}: {analysis.description}")
        for param in analysis.params:
            print(f"    --param {param.describe()}")


@analyses_app.command("run")
def analyses_run(
    name: str = typer.Argument(..., help="The analysis, as `newslake analyses list` names it."),
    param: list[str] = typer.Option([], "--param", "-p", help="A parameter as NAME=VALUE (repeatable)."),
    output: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f", help="Output format."),
) -> None:
    """Run a saved analysis over the lake."""
    from newslake.analysis.saved import AnalysisError, run_analysis

    params = {}
    for item in param:
        key, sep, value = item.partition("=")
        if not sep:
            _fail(f"--param {item!r} is not NAME=VALUE", 2)
        params[key.strip()] = value
    settings = get_settings()
    _require_storage(settings)
    try:
        relation = run_analysis(settings, name, params)
    except AnalysisError as exc:
        _fail(str(exc), 2)
    _print_rows(relation.columns, relation.fetchall(), output)


feeds_app = typer.Typer(help="RSS/Atom feeds declared in the feed list (NEWSLAKE_FEEDS_FILE, see docs/feeds.md).", no_args_is_help=True)
app.add_typer(feeds_app, name="feeds")


def _load_feed_list(settings: Settings, names: list[str] | None = None) -> list[Any]:
    from tasks.feeds.config import FeedsConfigError, load_feeds, select_feeds

    try:
        feeds = load_feeds(settings.feeds_file)
        return select_feeds(feeds, names) if names else feeds
    except FeedsConfigError as exc:
        _fail(str(exc), 2)
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
    _require_storage(settings)
    rows = feed_overview(settings, feeds)
    _print_rows(list(rows[0]), [tuple(row.values()) for row in rows], output)


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
    _require_storage(settings)
    from flows.poll_feeds import poll_feeds

    report = poll_feeds(feeds=names or None, force=force)
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

        _print_ingest_report(ingest_flow(keys=report["landed_keys"]))
    elif report["landed"]:
        console.print("The landed pages are announced for the ingest deployment; add --ingest to ingest them now.")


if __name__ == "__main__":
    app()
