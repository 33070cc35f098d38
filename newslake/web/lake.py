"""The web app's hold on the lake: one locked DuckDB database, a cursor per request.

:func:`newslake.core.query.connect` opens the database once per process (extensions, the
read-only S3 secret, the views over each table's Delta snapshot, then the lock). A
request borrows a *cursor* of it — DuckDB's name for another connection to the same
database: it costs microseconds, runs in parallel with the others, and shares the
database's Parquet and HTTP metadata caches, so a page pays only for the data it reads.
At most ``max_queries`` run at once (the machine's cores are the limit: more would only
queue inside DuckDB); the rest wait their turn, then get a 503.

The views follow the lake: at most every ``check_seconds``, the request that comes along
asks each table's Delta log for its version (a few small reads; one request at a time
does it, the others do not wait) and, when one moved, :func:`refresh_views` points the
views at the new snapshot. Every query runs under a watchdog that interrupts it after
its time budget, so one runaway statement cannot hold a slot forever.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from newslake.web.params import WebError

if TYPE_CHECKING:
    import duckdb
    from deltalake import DeltaTable

    from newslake.core.settings import Settings

log = logging.getLogger(__name__)

QUERY_SECONDS = 30.0
"""Time budget of one page's queries."""
DOWNLOAD_SECONDS = 300.0
"""Time budget of one download."""
WAIT_SECONDS = 20.0
"""How long a request waits for a free query slot before a 503."""
WARM_MAX_BYTES = 512 * 1024**2
"""A lake whose tables (bodies aside) are smaller than this is read once at start (:meth:`Lake.warm`)."""
WARM_QUERIES = {
    "articles": "SELECT max(hash(COLUMNS(* EXCLUDE (body)))) FROM articles",  # bodies come from the search index
    "mentions": "SELECT max(hash(COLUMNS(*))) FROM mentions",
    "quotes": "SELECT max(hash(COLUMNS(*))) FROM quotes",
    "figures": "SELECT max(hash(COLUMNS(*))) FROM figures",
    "ingest_log": "SELECT max(hash(COLUMNS(*))) FROM ingest_log",
}


class Lake:
    """One read-only lake database for the process, cursors handed out per request."""

    def __init__(self, settings: Settings, *, check_seconds: float = 2.0, max_queries: int = 3,
                 config: dict[str, object] | None = None, warm: bool = False) -> None:
        self.settings = settings
        self._warm_on_open = warm
        self.check_seconds = check_seconds
        self._config = config or {}
        self._slots = threading.BoundedSemaphore(max_queries)
        self._open_lock = threading.Lock()
        self._check_lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._tables: dict[str, DeltaTable] = {}
        self._versions: dict[str, int] = {}
        self._checked_at = 0.0
        self.generation = 0
        """Grows by one each time the views move to a newer snapshot (caches key on it)."""

    # ------------------------------------------------------------------ opening and following

    def _database(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            with self._open_lock:
                if self._con is None:
                    from newslake.core.lake import ensure_tables, open_table
                    from newslake.core.query import connect
                    from schemas import TABLES

                    ensure_tables(self.settings)  # a lake never written to has no tables yet
                    tables = {name: open_table(self.settings, name) for name in TABLES}
                    self._con = connect(self.settings, config=self._config)
                    self._tables = tables
                    self._versions = {name: int(table.version()) for name, table in tables.items()}
                    self._checked_at = time.monotonic()
                    if self._warm_on_open:
                        self.warm()
        return self._con

    @property
    def is_open(self) -> bool:
        return self._con is not None

    def open(self) -> None:
        """Open the database now rather than at the first request (the CLI does, before it says it is ready)."""
        self._database()

    @property
    def versions(self) -> dict[str, int]:
        """The Delta version of each table the views read."""
        self._database()
        return dict(self._versions)

    def follow(self, *, force: bool = False) -> bool:
        """Move the views to the lake's latest commit if a table changed since the last look
        (at most every ``check_seconds``, unless ``force``). True if they moved."""
        con = self._database()
        if not force and time.monotonic() - self._checked_at < self.check_seconds:
            return False
        if not self._check_lock.acquire(blocking=force):
            return False  # another request is looking right now
        try:
            if not force and time.monotonic() - self._checked_at < self.check_seconds:
                return False
            latest = {}
            for name, table in self._tables.items():
                table.update_incremental()
                latest[name] = int(table.version())
            self._checked_at = time.monotonic()
            if latest == self._versions:
                return False
            from newslake.core.query import refresh_views

            refresh_views(con, self.settings)
            self._versions = latest
            self.generation += 1
            log.info("web: views moved to %s", latest)
            return True
        except Exception:  # noqa: BLE001 - the store hiccuped: keep serving the snapshot we have
            log.warning("web: could not check the lake's versions; serving the current snapshot", exc_info=True)
            self._checked_at = time.monotonic()
            return False
        finally:
            self._check_lock.release()

    # ------------------------------------------------------------------ queries

    def borrow(self, seconds: float = QUERY_SECONDS, *, follow: bool = True) -> Borrowed:
        """A cursor and a slot, held until :meth:`Borrowed.release` (downloads stream past the
        request handler, so they cannot use a ``with`` block)."""
        if follow:
            self.follow()
        con = self._database()
        if not self._slots.acquire(timeout=WAIT_SECONDS):
            raise WebError(503, "the server is busy with other queries: try again in a moment", "Busy")
        try:
            cursor = con.cursor()
        except BaseException:
            self._slots.release()
            raise
        return Borrowed(cursor, self._slots, seconds)

    @contextmanager
    def cursor(self, seconds: float = QUERY_SECONDS, *, follow: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of the lake database for one request, interrupted after ``seconds``."""
        borrowed = self.borrow(seconds, follow=follow)
        try:
            yield borrowed.cursor
        finally:
            borrowed.release()

    def warm(self, max_bytes: int = WARM_MAX_BYTES) -> threading.Thread | None:
        """Read the lake's tables once, in a background thread, when they are small enough: DuckDB
        keeps what it read from S3 in its cache (Delta never rewrites a file), so that the first
        readers of an article or an entity do not pay the round trips (at 100,000 articles, a point
        read of an article goes from ~40 to ~22 ms). Returns the thread, or None for a big lake."""
        import pyarrow as pa

        self._database()
        size = sum(sum(pa.table(self._tables[name].get_add_actions(flatten=True)).column("size_bytes").to_pylist())
                   for name in WARM_QUERIES if name in self._tables)
        if size > max_bytes:
            log.info("web: the lake's tables hold %d bytes: not read ahead", size)
            return None

        def work() -> None:
            try:
                with self.cursor(seconds=600, follow=False) as cur:
                    for query in WARM_QUERIES.values():
                        cur.execute(query).fetchall()
            except Exception:  # noqa: BLE001 - only a head start: requests read what they need anyway
                log.info("web: reading the lake ahead stopped", exc_info=True)

        thread = threading.Thread(target=work, name="newslake-web-warm", daemon=True)
        thread.start()
        return thread

    def close(self) -> None:
        with self._open_lock:
            if self._con is not None:
                self._con.close()
                self._con = None


class Borrowed:
    """A cursor on loan with its query slot, and the watchdog that interrupts it after its
    time budget. :meth:`release` is idempotent, and also runs when the object is collected
    (a download whose client went away before its first byte)."""

    def __init__(self, cursor: duckdb.DuckDBPyConnection, slots: threading.BoundedSemaphore, seconds: float) -> None:
        import weakref

        self.cursor = cursor
        watchdog = threading.Timer(seconds, _interrupt, (cursor,))
        watchdog.daemon = True
        watchdog.start()
        self._finalizer = weakref.finalize(self, _give_back, cursor, slots, watchdog)

    def release(self) -> None:
        self._finalizer()


def _give_back(cursor: duckdb.DuckDBPyConnection, slots: threading.BoundedSemaphore, watchdog: threading.Timer) -> None:
    watchdog.cancel()
    try:
        cursor.close()
    finally:
        slots.release()


def _interrupt(cursor: duckdb.DuckDBPyConnection) -> None:
    try:
        cursor.interrupt()
    except Exception:  # noqa: BLE001 - already closed: nothing left to stop
        pass
