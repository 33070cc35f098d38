"""The interactive SQL prompt of `newslake sql`: statements end with `;`, history is kept."""

from __future__ import annotations

import readline
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

HELP = """Statements end with ';' and may span lines. Views: articles, mentions, quotes, figures,
rejects, ingest_log, daily_coverage, entity_mentions_daily, entity_cooccurrence, story_clusters.
The views show the lake as it was when the prompt opened: .refresh moves them to the
latest commit. .tables lists them, .help shows this, .quit (or Ctrl-D) leaves."""


def run_prompt(
    con: duckdb.DuckDBPyConnection,
    history: Path,
    show: Callable[[list[str], list[tuple]], Any],
    refresh: Callable[[], None] = lambda: None,
) -> None:
    """Read statements until end of input, printing each result with ``show``."""
    history.parent.mkdir(parents=True, exist_ok=True)
    if history.exists():
        readline.read_history_file(history)
    print(HELP)
    buffer: list[str] = []
    try:
        while True:
            try:
                line = input("newslake> " if not buffer else "      ...> ")
            except EOFError:
                print()
                return
            except KeyboardInterrupt:
                print()
                buffer.clear()
                continue
            if not buffer and line.strip().startswith("."):
                if _dot_command(con, line.strip(), show, refresh):
                    return
                continue
            buffer.append(line)
            if line.rstrip().endswith(";"):
                run_statement(con, "\n".join(buffer), show)
                buffer.clear()
    finally:
        readline.write_history_file(history)


def _dot_command(con: duckdb.DuckDBPyConnection, command: str, show: Callable, refresh: Callable[[], None]) -> bool:
    """Handle a dot command; True when the prompt should end."""
    if command in (".quit", ".exit"):
        return True
    if command == ".refresh":
        refresh()
        print("views now show the latest commit")
        return False
    if command == ".tables":
        run_statement(con, "SELECT table_name AS name, table_type AS kind FROM information_schema.tables ORDER BY 1", show)
    else:
        print(HELP)
    return False


def run_statement(con: duckdb.DuckDBPyConnection, statement: str, show: Callable) -> bool:
    """Run one statement and show its result; False, with the error on stderr, if it failed."""
    try:
        relation = con.sql(statement)
    except duckdb.Error as exc:
        print(f"error: the query failed: {' '.join(str(exc).split())}", file=sys.stderr)
        return False
    if relation is not None:  # None: a statement without a result
        show(relation.columns, relation.fetchall())
    return True
