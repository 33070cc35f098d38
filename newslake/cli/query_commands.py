"""Commands that read the lake: `sql`, `search`, `export`, `report` and the saved `analyses`."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from newslake.cli.app import app, console, fail, require_storage
from newslake.cli.output import OutputFormat, print_rows
from newslake.core.settings import get_settings


@app.command()
def sql(
    query: str | None = typer.Argument(None, help="One SQL statement. Without it: an interactive prompt."),
    output: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f", help="Output format."),
) -> None:
    """Run DuckDB SQL over the current snapshot of the lake (views: see docs/analysis.md)."""
    from newslake.cli.repl import run_prompt, run_statement
    from newslake.core.query import connect, refresh_views

    settings = get_settings()
    require_storage(settings)
    con = connect(settings)

    def show(columns: list[str], rows: list[tuple]) -> None:
        print_rows(columns, rows, output)

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
    require_storage(settings)
    try:
        hits = run_search(settings, query, since=since, lang=lang, limit=limit)
    except SearchError as exc:
        fail(str(exc), 2)
    if output is not OutputFormat.table:
        columns = ["article_id", "title", "domain", "published_at", "language", "score", "snippet", "url"]
        print_rows(columns, [tuple(getattr(hit, c) for c in columns) for hit in hits], output)
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
    require_storage(settings)
    try:
        result = export_database(settings, path, materialize, overwrite=overwrite)
    except FileExistsError:
        fail(f"{path} exists: pass --overwrite to replace it", 2)
    if result.materialized:
        counts = ", ".join(f"{name} {rows}" for name, rows in result.rows.items())
        console.print(f"Wrote {path} with the data copied in ({counts}). Open it with: duckdb {path}")
    else:
        console.print(f"Wrote {path} with views over the lake. Before querying it, run in DuckDB:")
        print(result.setup_sql)


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
        fail(str(exc), 2)
    settings = get_settings()
    require_storage(settings)
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
            fail(f"--param {item!r} is not NAME=VALUE", 2)
        params[key.strip()] = value
    settings = get_settings()
    require_storage(settings)
    try:
        relation = run_analysis(settings, name, params)
    except AnalysisError as exc:
        fail(str(exc), 2)
    print_rows(relation.columns, relation.fetchall(), output)
