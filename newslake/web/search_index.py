"""The search page's index: the BM25 index of :mod:`newslake.analysis.search`, rearranged
for fast, faceted queries and for reading single articles.

The analysis index (``<state_dir>/search/articles-…-v<version>.duckdb``) is DuckDB's
``fts`` index over titles and bodies. Its postings are kept in document order, so
scoring a query reads all of them (300–500 ms at 100,000 articles through
``match_bm25``). This module builds, from one version of that index, a *companion* —
two files beside each other in ``<state_dir>/web/``:

``facets-w<format>-<index name>.duckdb`` — for ranking, filtering and counting:

* ``postings(termid, docid, weight)`` — the index's postings, one per term and document,
  sorted by term (a query reads only the row groups of its terms), each with its BM25
  weight — the term's inverse document frequency times its saturated, length-normalised
  frequency in the document, as ``match_bm25`` computes them (k1 = 1.2, b = 0.75) — so a
  document's score is the sum of its postings' weights for the query's terms (a unit
  test checks it equals ``match_bm25``'s); with ``terms`` (the dictionary), ``stopwords``
  and the index's own ``tokenize`` macro;
* ``docs(docid, len, article_id, published_at, language, domain)``;
* ``entities(docid, entity, type, count, country_code)``, ``countries(docid, country)`` and
  ``quotes(docid, speaker, quote)`` — from the lake's ``mentions``, ``articles.country_codes``
  and ``quotes``, for the entity and country facets and the entity pages.

``facets-w<format>-<index name>.sqlite3`` — for reading documents one by one: title,
URL, outlet, time, story cluster (and its size) and body by ``docid`` (and by
``article_id``, and the articles of a cluster). A point read
is a B-tree lookup there (~0.02 ms); a DuckDB or Parquet row group makes one body cost
10–150 ms (the lake writes 2,048 articles to a row group). The article page and the
search snippets read bodies from here.

Both are built in the background when ``articles`` has a newer Delta version than the
newest companion; meanwhile the page searches the previous one and says so. A build
writes temporary files and renames them into place, the DuckDB file last (it is what
marks a companion complete); older companions are deleted.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import duckdb

    from newslake.core.settings import Settings
    from newslake.web.lake import Lake

log = logging.getLogger(__name__)

FACETS_FORMAT = 5
"""Part of the companion's file names: bump it when their tables change."""
RETRY_SECONDS = 30.0
"""After a failed build, how long before the next attempt."""
_VERSION = re.compile(r"-v(\d+)\.duckdb$")
K1, B = 1.2, 0.75
"""BM25's parameters, as DuckDB's ``fts`` extension sets them by default."""
DOCUMENT_COLUMNS = ("article_id", "title", "url", "domain", "site_name", "published_at", "language", "cluster_id",
                    "cluster_size")


def facets_path(settings: Settings, version: int) -> Path:
    """The companion (its DuckDB file) of the analysis index of ``articles`` at Delta ``version``."""
    from newslake.analysis.search import index_path

    return settings.state_dir / "web" / f"facets-w{FACETS_FORMAT}-{index_path(settings, version).name}"


def documents_path(facets: Path) -> Path:
    """The SQLite file of documents beside a companion's DuckDB file."""
    return facets.with_suffix(".sqlite3")


def _version_of(path: Path) -> int | None:
    match = _VERSION.search(path.name)
    return int(match[1]) if match else None


def _companions(settings: Settings) -> list[tuple[int, Path]]:
    """Companions of this lake on disk (their DuckDB files), newest first."""
    pattern = facets_path(settings, 0).name.replace("-v0.duckdb", "-v*.duckdb")
    found = [(_version_of(path), path) for path in (settings.state_dir / "web").glob(pattern)]
    return sorted(((v, p) for v, p in found if v is not None), reverse=True)


def build_companion(settings: Settings, lake: Lake) -> Path:
    """Build (if missing) the analysis index for the current ``articles`` version, then its
    companion; returns the path of the companion's DuckDB file."""
    from newslake.analysis.search import refresh_index

    index = refresh_index(settings)
    version = _version_of(index)
    assert version is not None, index
    target = facets_path(settings, version)
    if target.exists():
        return target
    lake.follow(force=True)
    with lake.cursor(seconds=600, follow=False) as cur:
        clusters = cur.execute("SELECT article_id, any_value(cluster_id) AS cluster_id FROM articles GROUP BY article_id").to_arrow_table()
        entities = cur.execute("SELECT article_id, entity, type, sum(count)::INTEGER AS count, any_value(country_code) "
                               "AS country_code FROM mentions GROUP BY ALL").to_arrow_table()
        quotes = cur.execute("SELECT article_id, quote_index, speaker, quote FROM quotes WHERE speaker IS NOT NULL").to_arrow_table()
        countries = cur.execute(
            "SELECT DISTINCT article_id, unnest(country_codes) AS country FROM articles WHERE len(country_codes) > 0"
        ).to_arrow_table()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.partial")
    partial_documents = partial.with_name(partial.name + ".sqlite3")
    try:
        write_companion(partial, partial_documents, index, version, entities, countries, clusters, quotes)
        os.replace(partial_documents, documents_path(target))
        os.replace(partial, target)
    finally:
        for leftover in (partial, partial.with_name(partial.name + ".wal"), partial_documents):
            leftover.unlink(missing_ok=True)
    for older, path in _companions(settings):
        if older < version:
            path.unlink(missing_ok=True)
            documents_path(path).unlink(missing_ok=True)
    return target


def write_companion(path: Path, documents: Path, index: Path, version: int, entities: Any, countries: Any,
                    clusters: Any, quotes: Any) -> None:
    """Write the companion of the analysis index file ``index`` (of ``articles`` at ``version``):
    the DuckDB file ``path`` and the SQLite file ``documents``. From the lake, as Arrow:
    ``entities`` (``article_id, entity, type, count, country_code``), ``countries``
    (``article_id, country``), ``clusters`` (``article_id, cluster_id``) and ``quotes``
    (``article_id, quote_index, speaker, quote``)."""
    from newslake.core.query import open_local, sql_literal

    path.unlink(missing_ok=True)
    documents.unlink(missing_ok=True)
    con = open_local(path, extensions=("fts",))
    try:
        con.execute(f"ATTACH {sql_literal(str(index))} AS fts (READ_ONLY)")
        tokenize = con.execute(
            "SELECT macro_definition FROM duckdb_functions() WHERE database_name = 'fts' "
            "AND schema_name = 'fts_main_docs' AND function_name = 'tokenize'"
        ).fetchone()[0]
        con.execute(f"CREATE MACRO tokenize(s) AS {tokenize}")
        con.execute("CREATE TABLE terms AS SELECT term, termid, df FROM fts.fts_main_docs.dict ORDER BY term")
        con.execute("CREATE TABLE stats AS SELECT num_docs, avgdl FROM fts.fts_main_docs.stats")
        con.execute("CREATE TABLE stopwords AS SELECT sw FROM fts.fts_main_docs.stopwords")
        con.execute(f"""
            CREATE TABLE postings AS
            WITH tf AS (SELECT termid, docid, count(*) AS tf FROM fts.fts_main_docs.terms GROUP BY ALL)
            SELECT tf.termid, tf.docid,
                   log(((s.num_docs - t.df + 0.5) / (t.df + 0.5)) + 1)
                   * (tf.tf * ({K1} + 1)) / (tf.tf + {K1} * ((1 - {B}) + {B} * d.len / s.avgdl)) AS weight
            FROM tf JOIN fts.fts_main_docs.dict AS t USING (termid) JOIN fts.fts_main_docs.docs AS d USING (docid),
                 fts.fts_main_docs.stats AS s
            ORDER BY tf.termid, tf.docid""")
        # one row per document (a table written outside the pipeline may repeat an id); an
        # article without a cluster (written before schema 1.1) is a cluster of one
        con.register("lake_clusters", clusters)
        con.execute("""
            CREATE TEMP TABLE documents AS
            WITH found AS (
                SELECT d.docid, d.len, x.article_id, x.title, x.url, x.domain, x.site_name, x.published_at, x.language,
                       coalesce(c.cluster_id, x.article_id) AS cluster_id, x.body
                FROM fts.fts_main_docs.docs AS d JOIN fts.main.docs AS x ON x.article_id = d.name
                LEFT JOIN lake_clusters AS c ON c.article_id = x.article_id
                QUALIFY row_number() OVER (PARTITION BY d.docid ORDER BY x.published_at NULLS LAST) = 1
            )
            SELECT *, count(*) OVER (PARTITION BY cluster_id) AS cluster_size FROM found""")
        con.execute("CREATE TABLE docs AS SELECT docid, len, article_id, published_at, language, domain "
                    "FROM documents ORDER BY docid")
        con.register("lake_entities", entities)
        con.register("lake_countries", countries)
        con.execute("CREATE TABLE entities AS SELECT d.docid, e.entity, e.type, e.count, e.country_code "
                    "FROM lake_entities AS e JOIN docs AS d USING (article_id) ORDER BY e.entity, e.type, d.docid")
        con.register("lake_quotes", quotes)
        con.execute("CREATE TABLE quotes AS SELECT d.docid, q.quote_index, q.speaker, q.quote FROM lake_quotes AS q "
                    "JOIN docs AS d USING (article_id) ORDER BY d.docid, q.quote_index")
        con.execute("CREATE TABLE countries AS SELECT d.docid, c.country FROM lake_countries AS c "
                    "JOIN docs AS d USING (article_id) ORDER BY c.country, d.docid")
        con.execute("CREATE TABLE meta AS SELECT $version::BIGINT AS articles_version, now() AS built_at",
                    {"version": version})
        _write_documents(con, documents)
        con.execute("DROP TABLE documents")
        con.execute("DETACH fts")
        con.execute("CHECKPOINT")
    finally:
        con.close()


def _write_documents(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """The documents, keyed by docid (the B-tree of an ``INTEGER PRIMARY KEY``), with an
    index on ``article_id``; times as ISO 8601 text."""
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        columns = ", ".join(f"{name} {'INTEGER' if name == 'cluster_size' else 'TEXT'}" for name in DOCUMENT_COLUMNS)
        db.execute(f"CREATE TABLE documents (docid INTEGER PRIMARY KEY, {columns}, body TEXT)")
        select = ", ".join(("docid", *(c if c != "published_at" else "strftime(published_at, '%Y-%m-%dT%H:%M:%S.%f+00:00')"
                                        for c in DOCUMENT_COLUMNS), "body"))
        marks = ", ".join("?" * (len(DOCUMENT_COLUMNS) + 2))
        for batch in con.execute(f"SELECT {select} FROM documents ORDER BY docid").to_arrow_reader(10_000):
            db.executemany(f"INSERT INTO documents VALUES ({marks})", zip(*(column.to_pylist() for column in batch.columns)))
        db.execute("CREATE INDEX documents_article_id ON documents (article_id)")
        db.execute("CREATE INDEX documents_cluster_id ON documents (cluster_id)")
        db.commit()
    finally:
        db.close()


@dataclass(frozen=True)
class Document:
    docid: int
    article_id: str
    title: str | None
    url: str | None
    domain: str | None
    site_name: str | None
    published_at: datetime | None
    language: str | None
    cluster_id: str
    cluster_size: int
    body: str


@dataclass
class Companion:
    """An open companion: a read-only DuckDB connection (a cursor per search), its SQLite file
    of documents (a connection per read: it costs microseconds) and the ``articles`` version."""

    version: int
    path: Path
    con: duckdb.DuckDBPyConnection

    def _documents(self) -> sqlite3.Connection:
        return sqlite3.connect(f"{documents_path(self.path).as_uri()}?mode=ro&immutable=1", uri=True)

    def documents(self, docids: list[int]) -> dict[int, Document]:
        docids = [docid for docid in docids if docid is not None]
        if not docids:
            return {}
        listed = ", ".join(str(int(docid)) for docid in docids)
        db = self._documents()
        try:
            rows = db.execute(f"SELECT docid, {', '.join(DOCUMENT_COLUMNS)}, body FROM documents WHERE docid IN ({listed})").fetchall()
        finally:
            db.close()
        return {row[0]: _document(row) for row in rows}

    def locate(self, article_id: str) -> Document | None:
        """The document of an article, None if it is not in this version."""
        db = self._documents()
        try:
            row = db.execute(f"SELECT docid, {', '.join(DOCUMENT_COLUMNS)}, body FROM documents WHERE article_id = ? "
                             "ORDER BY docid LIMIT 1", (article_id,)).fetchone()
        finally:
            db.close()
        return _document(row) if row else None

    def cluster(self, cluster_id: str, limit: int) -> list[Document]:
        """Up to ``limit`` articles of a story cluster, earliest first (undated last)."""
        db = self._documents()
        try:
            rows = db.execute(f"SELECT docid, {', '.join(DOCUMENT_COLUMNS)}, '' FROM documents WHERE cluster_id = ? "
                              "ORDER BY published_at IS NULL, published_at, article_id LIMIT ?", (cluster_id, limit)).fetchall()
        finally:
            db.close()
        return [_document(row) for row in rows]


def _document(row: tuple) -> Document:
    values = list(row)
    when = values[6]
    values[6] = datetime.fromisoformat(when) if when else None
    values[-1] = values[-1] or ""
    return Document(*values)


class SearchIndex:
    """The newest companion, opened once; rebuilt in the background when the lake moves on."""

    def __init__(self, settings: Settings, lake: Lake) -> None:
        self.settings = settings
        self.lake = lake
        self._lock = threading.Lock()
        self._current: Companion | None = None
        self._builder: threading.Thread | None = None
        self.error: str | None = None
        self._failed_at = 0.0

    def current(self) -> tuple[Companion | None, int]:
        """(the companion to search, the ``articles`` version the lake's views are at). Starts a
        build when the newest companion is older than the lake; never waits for one."""
        self.lake.follow()
        wanted = self.lake.versions["articles"]
        with self._lock:
            if self._current is None or self._current.version < wanted:
                self._open_newest()
            if self._current is None or self._current.version < wanted:
                self._start_build()
            return self._current, wanted

    @property
    def building(self) -> bool:
        return self._builder is not None and self._builder.is_alive()

    def _open_newest(self) -> None:
        from newslake.core.query import open_local

        for version, path in _companions(self.settings):
            if self._current is not None and version <= self._current.version:
                return
            if not documents_path(path).exists():
                continue
            try:
                con = open_local(path, read_only=True, extensions=("fts",))
            except Exception:  # noqa: BLE001 - being replaced or deleted right now: try the next
                continue
            previous, self._current = self._current, Companion(version, path, con)
            if previous is not None:
                previous.con.close()
            return

    def _start_build(self) -> None:
        if self.building or time.monotonic() - self._failed_at < RETRY_SECONDS and self.error:
            return
        self._builder = threading.Thread(target=self._build, name="newslake-web-index", daemon=True)
        self._builder.start()

    def _build(self) -> None:
        try:
            build_companion(self.settings, self.lake)
            self.error = None
        except Exception as exc:  # noqa: BLE001 - shown on the search page, retried later
            log.warning("web: building the search index failed", exc_info=True)
            self.error = " ".join(str(exc).split())[:300] or type(exc).__name__
            self._failed_at = time.monotonic()
            return
        with self._lock:
            self._open_newest()

    def wait(self, timeout: float = 600.0) -> Companion | None:
        """Build now if needed and wait for it (the CLI's warm-up, tests, the benchmark)."""
        self.current()
        builder = self._builder
        if builder is not None:
            builder.join(timeout)
        return self.current()[0]

    def close(self) -> None:
        with self._lock:
            if self._current is not None:
                self._current.con.close()
                self._current = None
