"""What the SQL page agrees to run: one read-only statement over the lake's views.

Two walls, so that neither has to be perfect:

1. here, before anything runs, DuckDB's own parser reads the statement: exactly one, and
   a ``SELECT`` (``WITH …``, ``FROM …``, ``VALUES``, ``DESCRIBE``, ``SHOW``,
   ``SUMMARIZE``, ``PRAGMA`` of a table function) or an ``EXPLAIN`` of one. Its syntax tree
   (``json_serialize_sql``) is searched for functions that read files, objects or other
   databases directly (``read_csv``, ``read_parquet``, ``glob``, ``query``, …), for a
   file name used as a table (``FROM 'x.csv'``) and for the secrets' table; each is
   refused with a message that says what the page is for;
2. the connection itself (:func:`newslake.core.query.connect`) is locked: no file outside
   the lake's prefix, no ``ATTACH``, no setting, and the S3 key only reads.

Pure: the parsing connection is an in-memory DuckDB with no extension, no lake and no
file access, used for nothing else.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from newslake.web.params import WebError, bad

MAX_SQL = 16_000
"""Longest statement accepted (characters); a longer one is a 413."""

_READS_FILES = re.compile(
    r"(read_.*|.*_scan|parquet_.*|iceberg_.*|delta_.*|sqlite_.*|postgres_.*|mysql_.*|sniff_csv|glob|query|query_table"
    r"|load_aws_credentials|duckdb_secrets|which_secret|enable_.*|disable_.*|truncate_duckdb_logs|checkpoint|force_checkpoint)"
)
_FILE_LIKE = re.compile(r"[/\\:]|\.(csv|tsv|txt|json|jsonl|ndjson|parquet|gz|zst|duckdb|db|sqlite|xlsx?)$", re.I)
_EXPLAIN = re.compile(r"^\s*EXPLAIN(\s+ANALY[SZ]E)?\b", re.I)
_parser_lock = threading.Lock()
_parser: Any = None


@dataclass(frozen=True)
class Statement:
    """A statement the SQL page may run: its text (one statement, no trailing ``;``) and
    whether it is a plain query (``SELECT``-like), which can be wrapped in a subquery."""

    sql: str
    wrappable: bool


def _parse_connection() -> Any:
    import duckdb

    global _parser
    if _parser is None:
        _parser = duckdb.connect(config={"enable_external_access": False, "autoload_known_extensions": False,
                                         "autoinstall_known_extensions": False})
    return _parser


def check_statement(text: str | None) -> Statement:
    """``text`` as a :class:`Statement`, or a :class:`WebError` (400, 413) that says what is wrong."""
    import duckdb

    sql = (text or "").strip()
    if not sql:
        raise bad("type a statement: e.g. SELECT domain, count(*) FROM articles GROUP BY ALL")
    if len(sql) > MAX_SQL:
        raise WebError(413, f"the statement is {len(sql):,} characters long; the SQL page takes up to {MAX_SQL:,} "
                            "(for longer ones, use the Python API: newslake.connect())")
    with _parser_lock:
        con = _parse_connection()
        try:
            statements = con.extract_statements(sql)
        except duckdb.Error as exc:
            raise bad(f"the statement does not parse: {_first_line(exc)}") from None
        if len(statements) != 1:
            raise bad(f"one statement at a time, please: this text holds {len(statements)}" if statements
                      else "type a statement: the text holds only comments")
        statement = statements[0]
        kind = statement.type.name
        body = statement.query.strip().rstrip(";").strip()
        explained = kind == "EXPLAIN"
        if explained:
            inner = _EXPLAIN.sub("", body, count=1)
            try:
                inner_statements = con.extract_statements(inner)
            except duckdb.Error:
                inner_statements = []
            if len(inner_statements) != 1 or inner_statements[0].type.name != "SELECT":
                raise bad("EXPLAIN is accepted for a query (SELECT …) only")
            tree_of = inner_statements[0].query
        elif kind == "SELECT":
            tree_of = body
        else:
            raise bad(f"the SQL page only reads: {kind} statements are refused. Writes, settings (SET, PRAGMA), "
                      "ATTACH, COPY, CREATE and the like do not run here; query the views (articles, mentions, …) "
                      "with SELECT")
        tree = _syntax_tree(con, tree_of)
    if tree is not None:
        _refuse_direct_reads(tree)
    return Statement(body, wrappable=not explained and _is_plain_select(body))


def _first_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:400]


def _syntax_tree(con: Any, sql: str) -> dict | None:
    """DuckDB's syntax tree of a SELECT, as JSON; None when it cannot be serialised (some
    statements that parse as SELECT, e.g. from PRAGMA, have no serialisable form: the
    locked connection is then the only wall, and it is enough)."""
    try:
        found = json.loads(con.execute("SELECT json_serialize_sql($sql)", {"sql": sql}).fetchone()[0])
    except Exception:  # noqa: BLE001 - the serializer's limits are not the user's error
        return None
    return None if found.get("error") else found


def _nodes(tree: Any) -> Iterator[dict]:
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            yield node
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def _refuse_direct_reads(tree: dict) -> None:
    """A 400 for a function that reads files or objects itself, a file used as a table, or the secrets."""
    for node in _nodes(tree):
        name = None
        if node.get("type") == "TABLE_FUNCTION" and isinstance(node.get("function"), dict):
            name = node["function"].get("function_name")
        elif node.get("class") == "FUNCTION":
            name = node.get("function_name")
        if isinstance(name, str) and _READS_FILES.fullmatch(name.lower()):
            raise bad(f"{name}() is not available here: the SQL page reads the lake through its views (articles, "
                      "mentions, quotes, figures, rejects, ingest_log, daily_coverage, …), not files, objects or "
                      "other databases")
        if node.get("type") == "BASE_TABLE":
            table = str(node.get("table_name", ""))
            if _FILE_LIKE.search(table) or node.get("catalog_name") not in (None, "", "memory", "temp", "system"):
                raise bad(f"{table!r} is not one of the lake's views: the SQL page reads the views (articles, mentions, "
                          "…), not files, objects or other databases")


def _is_plain_select(sql: str) -> bool:
    """Whether ``sql`` can be wrapped as ``SELECT … FROM (sql)``: DESCRIBE, SHOW, SUMMARIZE
    and PRAGMA parse as SELECT but cannot be a subquery."""
    return not re.match(r"^\s*(DESCRIBE|SHOW|SUMMARIZE|PRAGMA|CALL)\b", sql, re.I)
