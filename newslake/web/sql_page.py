"""Running what the SQL page and the saved analyses ask for, with the limits that keep one
request from taking the server down:

* the page shows at most :data:`PAGE_ROWS` rows and says when there were more;
* a download streams (CSV, JSON, Parquet) up to :data:`DOWNLOAD_ROWS` rows; a result
  over that is refused up front (413) rather than cut short silently;
* every query runs under the lake's watchdog (:mod:`newslake.web.lake`);
* DuckDB's errors become 4xx pages that quote DuckDB's own message (a 503 when the
  object store does not answer).
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newslake.web.params import WebError, bad
from newslake.web.sqlguard import Statement

if TYPE_CHECKING:
    from newslake.analysis.saved import Analysis
    from newslake.web.lake import Borrowed, Lake

PAGE_ROWS = 10_000
DOWNLOAD_ROWS = 1_000_000
BATCH_ROWS = 50_000


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    types: list[str]
    rows: list[tuple]
    truncated: bool
    seconds: float


def duckdb_error(exc: Exception, seconds: float | None = None) -> WebError:
    """A DuckDB error as the page to show: what DuckDB said, first line, and a word on what to do."""
    import duckdb

    message = " ".join(str(exc).split())[:600]
    if isinstance(exc, duckdb.InterruptException):
        budget = f" {seconds:g} s" if seconds else ""
        return bad(f"the statement ran over its time budget{budget} and was stopped: add filters, aggregate, or add a LIMIT")
    if isinstance(exc, duckdb.PermissionException):
        return bad(f"refused: {message}. The SQL page reads the lake's views only: no files, other objects, "
                   "databases, settings or extensions")
    if isinstance(exc, duckdb.OutOfMemoryException):
        return WebError(413, f"the statement needs more memory than this server allows ({message}): aggregate, "
                             "filter, or add a LIMIT")
    if isinstance(exc, (duckdb.IOException, duckdb.HTTPException)):
        return WebError(503, f"the lake could not be read: {message}", "Lake unavailable")
    return bad(message)


def run_rows(lake: Lake, sql: str, params: Mapping[str, Any] | None = None, *, limit: int = PAGE_ROWS) -> QueryResult:
    """At most ``limit`` rows of ``sql`` (and whether there were more)."""
    import duckdb

    from newslake.web.lake import QUERY_SECONDS

    started = time.perf_counter()
    with lake.cursor() as cur:
        try:
            result = cur.execute(sql, dict(params) if params else None)
            columns = [d[0] for d in result.description or []]
            types = [str(d[1]) for d in result.description or []]
            rows = result.fetchmany(limit + 1) if columns else []
        except duckdb.Error as exc:
            raise duckdb_error(exc, QUERY_SECONDS) from None
    return QueryResult(columns, types, rows[:limit], len(rows) > limit, time.perf_counter() - started)


def run_statement(lake: Lake, statement: Statement) -> QueryResult:
    return run_rows(lake, statement.sql)


def run_saved(lake: Lake, analysis: Analysis, given: Mapping[str, str]) -> QueryResult:
    """A saved analysis with the form's values (checked by :func:`newslake.analysis.saved.bind_params`)."""
    from newslake.analysis.saved import AnalysisError, bind_params

    try:
        values = bind_params(analysis, {k: v for k, v in given.items() if v.strip()})
    except AnalysisError as exc:
        raise bad(str(exc)) from None
    return run_rows(lake, analysis.sql, values)


def saved_values(analysis: Analysis, query: Mapping[str, str]) -> dict[str, str]:
    """The form's values for ``analysis`` from the query string (other parameters ignored)."""
    return {p.name: query[p.name] for p in analysis.params if p.name in query}


# ------------------------------------------------------------------ downloads


class Download:
    """A result being written out: the statement already runs (so its errors became a 4xx
    page before the response started), the bytes come as the client reads them, and the
    cursor is given back when the last one is sent, the client goes away, or the object
    is collected."""

    def __init__(self, borrowed: Borrowed, chunks: Iterator[bytes]) -> None:
        self._borrowed = borrowed
        self._chunks = chunks

    def __aiter__(self) -> AsyncIterator[bytes]:
        return self._stream()

    async def _stream(self) -> AsyncIterator[bytes]:
        from starlette.concurrency import run_in_threadpool

        end = object()
        try:
            while True:
                chunk = await run_in_threadpool(next, self._chunks, end)
                if chunk is end:
                    break
                yield chunk  # type: ignore[misc]
        finally:
            self._borrowed.release()


def start_download(lake: Lake, sql: str, fmt: str, params: Mapping[str, Any] | None = None, *,
                   wrappable: bool = True) -> Download:
    """Check the size (a 413 over :data:`DOWNLOAD_ROWS`), run ``sql``, and return the stream."""
    import duckdb

    from newslake.web.downloads import chunks
    from newslake.web.lake import DOWNLOAD_SECONDS, QUERY_SECONDS

    values = dict(params) if params else None
    if wrappable:
        with lake.cursor() as cur:
            try:
                count = cur.execute(f"SELECT count(*) FROM (SELECT 1 FROM (\n{sql}\n) LIMIT {DOWNLOAD_ROWS + 1})", values).fetchone()[0]
            except duckdb.Error as exc:
                raise duckdb_error(exc, QUERY_SECONDS) from None
        if count > DOWNLOAD_ROWS:
            raise WebError(413, f"the result has more than {DOWNLOAD_ROWS:,} rows, the most a download holds: aggregate, "
                                "filter or add a LIMIT — or read it from Python with newslake.connect(), which streams any size")
    borrowed = lake.borrow(DOWNLOAD_SECONDS)
    try:
        result = borrowed.cursor.execute(sql, values)
        columns = [d[0] for d in result.description or []]
        reader = result.to_arrow_reader(BATCH_ROWS)
    except duckdb.Error as exc:
        borrowed.release()
        raise duckdb_error(exc, DOWNLOAD_SECONDS) from None
    except BaseException:
        borrowed.release()
        raise
    return Download(borrowed, chunks(fmt, columns, reader.schema, _limited(reader, DOWNLOAD_ROWS)))


def _limited(reader: Any, limit: int) -> Iterator[Any]:
    """The reader's batches, cut at ``limit`` rows (a statement that cannot be counted first)."""
    left = limit
    for batch in reader:
        if left <= 0:
            return
        if batch.num_rows > left:
            batch = batch.slice(0, left)
        left -= batch.num_rows
        yield batch
