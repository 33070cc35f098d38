"""How the commands print results: rows as a table, CSV or JSON, progress bars, run reports."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from newslake.cli.app import console


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


def json_value(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def print_rows(columns: list[str], rows: list[tuple], output: OutputFormat) -> None:
    if output is OutputFormat.json:
        print(json.dumps([dict(zip(columns, row)) for row in rows], default=json_value, ensure_ascii=False, indent=1))
    elif output is OutputFormat.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows([json_value(v) if v is not None and not isinstance(v, (int, float, str)) else v for v in row] for row in rows)
    else:
        table = Table(*columns, show_lines=False)
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        Console(width=None if sys.stdout.isatty() else 200).print(table)
        console.print(f"{len(rows)} row{'s' if len(rows) != 1 else ''}")


def progress_bar() -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=True,
    )


def print_ingest_report(report: dict[str, Any], rebuilt: bool = False) -> None:
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
