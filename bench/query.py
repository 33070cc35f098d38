"""Query speed of the lake against the same data in a local DuckDB table, and search quality.

Builds a throw-away lake (own SeaweedFS S3 server in a temporary state folder) of N
synthetic articles (``bench/synthetic.py``) with their mentions, quotes, figures, rejects
and ingest log, written with delta-rs in a few large commits (each sorted by
``published_at``, as the pipeline's commits are). Then, in the same run:

1. every saved analysis (``analyses/*.sql``) with realistic parameters — a frequent
   entity, one day, a week, a month, the whole period — through the lake views
   (``newslake.query.connect``) and through the same SQL over local in-memory DuckDB
   tables holding the same rows (copied through the lake views, with the same derived
   views from ``newslake/views.py``). One warm-up run each, then the median of
   ``--repeat`` runs, lake and local alternating. The bar: every analysis within 2× of
   the local table, and under 1 s on the lake for the interactive ones (a single entity,
   a single day). The results of both sides are compared: a case whose results differ fails.
2. search: the seed article (``shared/data/seed``) committed after 10,000 synthetic
   articles must rank first for "Putin Iran drones"; cold (index build + query) and warm
   query times.
3. with ``--investigate``: the same analyses through alternative lake connections
   prototyped here (DuckDB caches, snapshots pinned with ``ATTACH … (TYPE delta,
   PIN_SNAPSHOT)``, explicit Parquet file lists), DuckDB's HTTP requests, fixed costs
   (bind, planning, a new connection, a version check), and the same rows rewritten with
   smaller row groups — to show what would close the gap.

    .venv/bin/python bench/query.py --investigate        # 100,000 articles (about 6 min)
    .venv/bin/python bench/query.py --articles 5000 --commit-articles 2500 --chunk-size 2500 --repeat 3
    # the layout `newslake ingest` really produces (one commit per 250-article batch), then compacted:
    .venv/bin/python bench/query.py --articles 20000 --commit-articles 250 --chunk-size 250 --skip-search --investigate
    .venv/bin/python bench/query.py --articles 20000 --commit-articles 250 --chunk-size 250 --skip-search --compact
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._stack import SHARED_DATA, isolate_environment  # noqa: E402

if __name__ == "__main__":
    STATE = isolate_environment()

import duckdb  # noqa: E402
import pyarrow as pa  # noqa: E402
from deltalake import DeltaTable, write_deltalake  # noqa: E402

from bench.synthetic import NewsGenerator, article_row, rows_to_table  # noqa: E402
from newslake.analysis.saved import run_analysis  # noqa: E402
from newslake.core.lake import _writer_properties, ensure_tables, table_uri  # noqa: E402
from newslake.core.query import connect, create_derived_views, open_duckdb, sql_literal  # noqa: E402
from newslake.core.settings import Settings, get_settings  # noqa: E402
from newslake.core.storage import delta_storage_options  # noqa: E402
from newslake.stack import s3_server  # noqa: E402
from schemas import TABLES  # noqa: E402

SEED_FILE = SHARED_DATA / "seed" / "000_4294ec14b11da705.txt"
SEED_TITLE = "President Putin Visit Iran To Forge New Anti-West Alliance"
SEARCH_QUERY = "Putin Iran drones"
INTERACTIVE_LIMIT_S = 1.0
RATIO_LIMIT = 2.0
# child tables first, then articles, rejects, the log: the order commit_plan writes in
WRITE_ORDER = ("article_keys", "mentions", "quotes", "figures", "articles", "rejects", "ingest_log")


# --------------------------------------------------------------------------- building the lake


def write_lake(settings: Settings, generator: NewsGenerator, commit_articles: int,
               writer: Callable[[str], object] | None = None) -> dict[str, float]:
    """Generate and append the synthetic tables, one Delta commit per table every
    ``commit_articles`` articles. Returns seconds spent generating and writing."""
    ensure_tables(settings)
    options = delta_storage_options(settings)
    pending: dict[str, list[pa.Table]] = {name: [] for name in TABLES}
    spent = {"generate": 0.0, "write": 0.0, "commits": 0}
    count = 0

    def flush() -> None:
        started = time.perf_counter()
        for name in WRITE_ORDER:
            if not pending[name]:
                continue
            table = pa.concat_tables(pending[name])
            pending[name] = []
            if name == "articles":
                table = table.sort_by([("published_at", "ascending")])
            if table.num_rows:
                write_deltalake(table_uri(settings, name), table, mode="append", storage_options=options,
                                writer_properties=(writer or (lambda n: _writer_properties(TABLES[n])))(name))
        spent["write"] += time.perf_counter() - started
        spent["commits"] += 1

    chunks = generator.chunks()
    while True:
        started = time.perf_counter()
        chunk = next(chunks, None)
        spent["generate"] += time.perf_counter() - started
        if chunk is None:
            break
        for name, table in chunk.items():
            pending[name].append(table)
        count += chunk["articles"].num_rows
        if count >= commit_articles:
            flush()
            count = 0
    if any(pending.values()):
        flush()
    return spent


def lake_layout(settings: Settings) -> list[tuple[str, int, int, int, int]]:
    """(table, version, files, rows, bytes) per table."""
    rows = []
    options = delta_storage_options(settings)
    for name in TABLES:
        dt = DeltaTable(table_uri(settings, name), storage_options=options)
        actions = pa.table(dt.get_add_actions(flatten=True)).to_pydict()
        rows.append((name, dt.version(), len(actions["path"]), sum(actions.get("num_records") or [0]),
                     sum(actions["size_bytes"])))
    return rows


def local_copy(lake: duckdb.DuckDBPyConnection) -> tuple[duckdb.DuckDBPyConnection, float]:
    """The lake's rows as in-memory DuckDB tables (read through the lake views), with the
    same derived views over them."""
    local = duckdb.connect()
    local.execute("SET TimeZone = 'UTC'")
    started = time.perf_counter()
    for name in TABLES:
        data = lake.sql(f"SELECT * FROM {name}").to_arrow_table()
        local.register("incoming", data)
        local.execute(f"CREATE TABLE {name} AS SELECT * FROM incoming")
        local.unregister("incoming")
        del data
    create_derived_views(local)
    return local, time.perf_counter() - started


# --------------------------------------------------------------------------- the cases


def cases(local: duckdb.DuckDBPyConnection) -> list[tuple[str, dict, bool]]:
    """(analysis, parameters, interactive) with parameters taken from the data: its last
    day, the week and month before, the most mentioned person, a topical term."""
    last = local.sql("SELECT max(published_at)::DATE FROM articles").fetchone()[0]
    first = local.sql("SELECT min(published_at)::DATE FROM articles").fetchone()[0]
    person = local.sql(
        "SELECT entity FROM mentions WHERE type = 'PERSON' GROUP BY entity ORDER BY count(*) DESC, entity LIMIT 1"
    ).fetchone()[0]
    day, week, month = last.isoformat(), (last - timedelta(days=6)).isoformat(), (last - timedelta(days=29)).isoformat()
    return [
        ("top_entities", {"since": day, "until": day}, True),
        ("top_entities", {"since": week, "until": day}, False),
        ("top_entities", {"since": first.isoformat(), "until": day, "type": "PERSON"}, False),
        ("quoted_about", {"entity": person, "since": month, "until": day}, True),
        ("cooccurring_entities", {"entity": person}, True),
        ("tone_by_outlet", {"since": day, "until": day, "bucket": "day"}, True),
        ("tone_by_outlet", {"since": first.isoformat(), "until": day, "bucket": "week"}, False),
        ("term_timeline", {"term": "drones", "since": day, "until": day}, True),
        ("term_timeline", {"term": "drones", "since": month, "until": day, "lang": "en"}, False),
        ("story_clusters", {"since": day}, True),
        ("story_clusters", {"since": week, "min_outlets": 3}, False),
    ]


def _timed(fn: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def _run(con: duckdb.DuckDBPyConnection, name: str, params: dict) -> tuple[list[str], list[tuple]]:
    relation = run_analysis(None, name, params, con=con)
    return relation.columns, relation.fetchall()


def measure(connections: dict[str, duckdb.DuckDBPyConnection], name: str, params: dict, repeat: int) -> dict:
    """Warm-up once on each connection, then ``repeat`` rounds alternating between them.
    Returns first (cold) and median seconds per connection, and the results."""
    out: dict[str, dict] = {key: {"times": []} for key in connections}
    for key, con in connections.items():
        out[key]["first"], out[key]["result"] = _timed(lambda con=con: _run(con, name, params))
    for _ in range(repeat):
        for key, con in connections.items():
            seconds, _ = _timed(lambda con=con: _run(con, name, params))
            out[key]["times"].append(seconds)
    for value in out.values():
        value["median"] = statistics.median(value["times"])
    return out


TIE_DEPENDENT = {"latest_quote"}
"""arg_max(quote, published_at) picks any of an article's quotes: they share its published_at."""


def _same(a: tuple[list[str], list[tuple]], b: tuple[list[str], list[tuple]]) -> bool:
    """Equal results, up to float rounding (an average's last digit depends on the order it
    is summed in, so round(avg(…), 3) may differ by 0.001) and tie-dependent columns."""
    (columns, rows_a), (_, rows_b) = a, b
    if len(rows_a) != len(rows_b):
        return False
    keep = [i for i, column in enumerate(columns) if column not in TIE_DEPENDENT]

    def split(row: tuple) -> tuple[str, list[float]]:
        exact = repr([row[i] for i in keep if not isinstance(row[i], float)])
        return exact, [row[i] for i in keep if isinstance(row[i], float)]

    left, right = sorted(map(split, rows_a)), sorted(map(split, rows_b))
    return all(ea == eb and all(abs(x - y) <= 0.0015 for x, y in zip(fa, fb))
               for (ea, fa), (eb, fb) in zip(left, right))


def _params_text(params: dict) -> str:
    return " ".join(f"{k}={v}" for k, v in params.items())


def run_cases(lake: duckdb.DuckDBPyConnection, local: duckdb.DuckDBPyConnection, repeat: int) -> list[dict]:
    rows = []
    for name, params, interactive in cases(local):
        timing = measure({"lake": lake, "local": local}, name, params, repeat)
        lake_s, local_s = timing["lake"]["median"], timing["local"]["median"]
        ratio = lake_s / local_s if local_s else float("inf")
        same = _same(timing["lake"]["result"], timing["local"]["result"])
        ok = same and ratio <= RATIO_LIMIT and (not interactive or lake_s < INTERACTIVE_LIMIT_S)
        rows.append({
            "analysis": name, "params": _params_text(params), "interactive": interactive,
            "lake_first": timing["lake"]["first"], "lake": lake_s, "local": local_s, "ratio": ratio,
            "ok": ok, "same": same,
            "rows": len(timing["local"]["result"][1]),
        })
    return rows


def print_cases(rows: list[dict]) -> None:
    print(f"{'analysis':21} {'params':58} {'kind':5} {'rows':>5} {'lake 1st':>8} {'lake s':>7} "
          f"{'local s':>7} {'ratio':>6}  result")
    for r in rows:
        bar = f"≤{RATIO_LIMIT:g}x" + (f", <{INTERACTIVE_LIMIT_S:g}s" if r["interactive"] else "")
        verdict = "PASS" if r["ok"] else "FAIL"
        note = "" if r["same"] else "  (results differ!)"
        print(f"{r['analysis']:21} {r['params'][:58]:58} {'inter' if r['interactive'] else 'batch':5} "
              f"{r['rows']:5d} {r['lake_first']:8.3f} {r['lake']:7.3f} {r['local']:7.3f} {r['ratio']:5.1f}x  "
              f"{verdict} ({bar}){note}")
    passed = sum(r["ok"] for r in rows)
    print(f"{passed}/{len(rows)} pass")


# --------------------------------------------------------------------------- search


def seed_body() -> str:
    lines = SEED_FILE.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Putin arrived"))
    end = next(i for i, line in enumerate(lines) if line.rstrip().endswith("Russian market."))
    paragraphs = [line.strip() for line in lines[start:end + 1] if line.strip()]
    return "\n\n".join(paragraphs)


def bench_search(settings: Settings, articles: int, seed: int) -> dict:
    from newslake.analysis.search import search

    search_settings = settings.model_copy(update={"lake_prefix": "search-lake"})
    generator = NewsGenerator(articles, seed + 1, chunk_size=min(5000, max(250, articles - articles % 250)))
    write_lake(search_settings, generator, commit_articles=articles)
    body = seed_body()
    when = datetime(2026, 11, 18, 9, 30, tzinfo=UTC)
    row = article_row(title=SEED_TITLE, body=body, url=None, site_name=None, published_at=when, language="en",
                      run_id="seed-run", ingested_at=when + timedelta(hours=2),
                      raw_key="landing/files/2026/11/18/4294ec14b11da705.txt", section="News")
    write_deltalake(table_uri(search_settings, "articles"), rows_to_table([row]), mode="append",
                    storage_options=delta_storage_options(search_settings),
                    writer_properties=_writer_properties(TABLES["articles"]))
    cold, hits = _timed(lambda: search(search_settings, SEARCH_QUERY))
    warm_times = []
    for _ in range(5):
        seconds, hits = _timed(lambda: search(search_settings, SEARCH_QUERY))
        warm_times.append(seconds)
    ids = [hit.article_id for hit in hits]
    rank = ids.index(row["article_id"]) + 1 if row["article_id"] in ids else None
    return {"articles": articles + 1, "rank": rank, "cold": cold, "warm": statistics.median(warm_times),
            "hits": hits[:3]}


def print_search(result: dict) -> None:
    rank = result["rank"]
    verdict = "PASS" if rank == 1 else "FAIL"
    print(f"search {SEARCH_QUERY!r} over {result['articles']:,} articles: seed article rank "
          f"{rank if rank else '>10'} ({verdict}, must be 1); cold (index build + query) {result['cold']:.2f} s, "
          f"warm query {result['warm']:.3f} s")
    for hit in result["hits"]:
        print(f"    {hit.score:6.3f}  {hit.title[:70]!r}  ({hit.domain or hit.site_name or '-'})")


# --------------------------------------------------------------------------- investigation


def _views_over(con: duckdb.DuckDBPyConnection, sources: dict[str, str]) -> duckdb.DuckDBPyConnection:
    for name, source in sources.items():
        con.execute(f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM {source}")
    create_derived_views(con)
    return con


CACHES = ("SET enable_http_metadata_cache = true", "SET parquet_metadata_cache = true")
NO_REVALIDATION = ("SET validate_external_file_cache = 'NO_VALIDATION'",)
"""Delta data files are immutable (a commit only adds and removes whole files), so their
HTTP metadata, Parquet footers and cached blocks never need re-checking."""


def variant_connections(settings: Settings) -> dict[str, Callable[[], duckdb.DuckDBPyConnection]]:
    """Alternative lake connections, each a factory: only what changes from ``connect``."""
    options = delta_storage_options(settings)

    def with_settings(con: duckdb.DuckDBPyConnection, statements: tuple[str, ...]) -> duckdb.DuckDBPyConnection:
        for statement in statements:
            con.execute(statement)
        return con

    def delta_views(statements: tuple[str, ...]) -> Callable[[], duckdb.DuckDBPyConnection]:
        return lambda: with_settings(connect(settings), statements)

    def pinned(statements: tuple[str, ...]) -> Callable[[], duckdb.DuckDBPyConnection]:
        def make() -> duckdb.DuckDBPyConnection:
            con = with_settings(open_duckdb(settings), statements)
            sources = {}
            for name in TABLES:
                con.execute(f"ATTACH {sql_literal(table_uri(settings, name))} AS lake_{name} (TYPE delta, PIN_SNAPSHOT)")
                sources[name] = f"lake_{name}"
            return _views_over(con, sources)
        return make

    def file_list() -> duckdb.DuckDBPyConnection:
        con = with_settings(open_duckdb(settings), CACHES + NO_REVALIDATION)
        sources = {}
        for name in TABLES:
            files = DeltaTable(table_uri(settings, name), storage_options=options).file_uris()
            listed = ", ".join(sql_literal(f) for f in files)
            sources[name] = f"read_parquet([{listed}])" if files else f"delta_scan({sql_literal(table_uri(settings, name))})"
        return _views_over(con, sources)

    return {
        # connect() sets the caches itself and locks its configuration: no SET after it
        "connect() as is": delta_views(()),
        "PIN_SNAPSHOT": pinned(()),
        "PIN+caches+no-reval": pinned(CACHES + NO_REVALIDATION),
        "file list+caches+no-reval": file_list,
    }


def http_requests(con: duckdb.DuckDBPyConnection, fn: Callable[[], object]) -> tuple[int, int, int]:
    """(GET requests, HEAD requests, bytes received by the GETs) that DuckDB's HTTP log records
    while ``fn`` runs. Reads of the Delta log by delta-kernel do not go through DuckDB's HTTP
    client and are not counted: their cost shows in the bind/optimizer time instead."""
    con.execute("CALL truncate_duckdb_logs()")
    con.execute("CALL enable_logging('HTTP')")
    try:
        fn()
    finally:
        con.execute("CALL disable_logging()")
    row = con.sql(
        "SELECT count(*) FILTER (WHERE request.type = 'GET'), count(*) FILTER (WHERE request.type = 'HEAD'), "
        "coalesce(sum(try_cast(response.headers['Content-Length'] AS BIGINT)) FILTER (WHERE request.type = 'GET'), 0) "
        "FROM duckdb_logs_parsed('HTTP')"
    ).fetchone()
    return int(row[0]), int(row[1]), int(row[2])


def rewrite_lake(settings: Settings, local: duckdb.DuckDBPyConnection, commits: int, article_rows: int,
                 child_rows: int) -> Settings:
    """The same rows in another lake prefix, as many commits as the main lake, each sorted by
    published_at, with smaller Parquet row groups (``article_rows`` for articles)."""
    from deltalake import BloomFilterProperties, ColumnProperties, WriterProperties

    target = settings.model_copy(update={"lake_prefix": f"lake-rg{article_rows}"})
    ensure_tables(target)
    options = delta_storage_options(target)
    for name in WRITE_ORDER:
        spec = TABLES[name]
        order = "published_at, article_id" if "published_at" in spec.schema.names else spec.key[0]
        data = local.sql(f"SELECT * FROM {name} ORDER BY {order}").to_arrow_table().cast(spec.schema)
        bloom = ColumnProperties(bloom_filter_properties=BloomFilterProperties(set_bloom_filter_enabled=True, fpp=0.01))
        writer = WriterProperties(compression="ZSTD", compression_level=3,
                                  max_row_group_size=article_rows if name == "articles" else child_rows,
                                  column_properties={spec.key[0]: bloom})
        step = -(-data.num_rows // commits) if data.num_rows else 0
        for offset in range(0, data.num_rows, step or 1):
            write_deltalake(table_uri(target, name), data.slice(offset, step), mode="append",
                            storage_options=options, writer_properties=writer)
    return target


def compact(settings: Settings) -> float:
    """What a scheduled compaction would do: one optimize (bin-packing) per table, a
    checkpoint, and a vacuum of the replaced files. Returns seconds."""
    started = time.perf_counter()
    options = delta_storage_options(settings)
    for name in TABLES:
        table = DeltaTable(table_uri(settings, name), storage_options=options)
        table.optimize.compact(writer_properties=_writer_properties(TABLES[name]))
        table.create_checkpoint()
        table.vacuum(retention_hours=0, enforce_retention_duration=False, dry_run=False)
    return time.perf_counter() - started


def variant_table(settings: Settings, local: duckdb.DuckDBPyConnection, labels: tuple[str, ...] | None,
                  repeat: int, title: str) -> dict[str, duckdb.DuckDBPyConnection]:
    factories = variant_connections(settings)
    connections = {label: make() for label, make in factories.items() if labels is None or label in labels}
    print(f"\n## {title}")
    print(f"{'analysis':21} {'params':34} {'local':>7}" + "".join(f" {label[:20]:>20}" for label in connections))
    totals = {label: 0.0 for label in connections}
    for name, params, _ in cases(local):
        timing = measure({"local": local, **connections}, name, params, repeat)
        cells = []
        for label in connections:
            seconds = timing[label]["median"]
            totals[label] += seconds
            same = " " if _same(timing[label]["result"], timing["local"]["result"]) else "≠"
            cells.append(f"{seconds:7.3f} s {seconds / timing['local']['median']:5.1f}x{same}")
        print(f"{name:21} {_params_text(params)[:34]:34} {timing['local']['median']:7.3f}"
              + "".join(f" {c:>20}" for c in cells))
    print(f"{'sum of medians':21} {'':34} {'':7}" + "".join(f" {totals[label]:17.2f} s " for label in connections))
    return connections


def investigate(settings: Settings, local: duckdb.DuckDBPyConnection, repeat: int, commits: int) -> None:
    from newslake.core.query import open_local

    runs = max(1, repeat - 2)
    connections = variant_table(settings, local, None, runs,
                                "Investigation: the same analyses through alternative lake connections "
                                "(median; ratio to local; ≠ marks a result that differs)")

    print("\n## DuckDB HTTP requests for all the cases above, on a new connection: first run, then again")
    print("   (GET/HEAD requests, MB received; delta-kernel's own reads of the Delta log are not in DuckDB's log)")
    factories = variant_connections(settings)
    for label in connections:
        fresh = factories[label]()

        def run_all(con: duckdb.DuckDBPyConnection = fresh) -> None:
            for name, params, _ in cases(local):
                _run(con, name, params)

        cold = http_requests(fresh, run_all)
        warm = http_requests(fresh, run_all)
        fresh.close()
        print(f"  {label:28} first run {cold[0]:5d} GET /{cold[1]:5d} HEAD {cold[2] / 1e6:8.1f} MB   "
              f"again {warm[0]:5d} GET /{warm[1]:5d} HEAD {warm[2] / 1e6:8.1f} MB")

    print("\n## Fixed costs")
    lake = connections["connect() as is"]
    pinned = connections["PIN+caches+no-reval"]
    listed = connections["file list+caches+no-reval"]
    for label, sql in (
        ("bind only (SELECT * FROM articles LIMIT 0)", "SELECT * FROM articles LIMIT 0"),
        ("count(*) FROM articles", "SELECT count(*) FROM articles"),
        ("one day of articles", "SELECT count(*), avg(tone) FROM articles WHERE published_at >= TIMESTAMPTZ "
                                "'2026-11-20' AND published_at < TIMESTAMPTZ '2026-11-21'"),
    ):
        cells = []
        for con in (local, lake, pinned, listed):
            con.sql(sql).fetchall()
            cells.append(statistics.median(_timed(lambda con=con, sql=sql: con.sql(sql).fetchall())[0] for _ in range(5)))
        print(f"  {label:44} local {cells[0] * 1000:6.1f} ms | connect() {cells[1] * 1000:6.1f} ms | "
              f"PIN+caches {cells[2] * 1000:6.1f} ms | file list {cells[3] * 1000:6.1f} ms")
    day = ("SELECT count(*), avg(tone) FROM articles WHERE published_at >= TIMESTAMPTZ '2026-11-20' "
           "AND published_at < TIMESTAMPTZ '2026-11-21'")
    cells = []
    for con in (local, lake, connections["PIN_SNAPSHOT"], listed):
        con.sql("EXPLAIN " + day).fetchall()
        cells.append(statistics.median(_timed(lambda con=con: con.sql("EXPLAIN " + day).fetchall())[0] for _ in range(5)))
    print(f"  {'planning only (EXPLAIN of one day of articles)':44} local {cells[0] * 1000:6.1f} ms | connect() "
          f"{cells[1] * 1000:6.1f} ms | PIN_SNAPSHOT {cells[2] * 1000:6.1f} ms | file list {cells[3] * 1000:6.1f} ms")
    med = lambda fn: statistics.median(_timed(fn)[0] for _ in range(3))  # noqa: E731
    print(f"  newslake.query.connect(): {med(lambda: connect(settings).close()):.2f} s per new connection; "
          f"of which open_local(httpfs, delta) {med(lambda: open_local(extensions=('httpfs', 'delta')).close()):.2f} s, "
          f"ensure_tables() {med(lambda: ensure_tables(settings)):.2f} s; a cursor() of an open one "
          f"{med(lambda: lake.cursor().close()) * 1000:.1f} ms")
    options = delta_storage_options(settings)
    tables = {name: DeltaTable(table_uri(settings, name), storage_options=options) for name in TABLES}
    print(f"  version check of all {len(tables)} tables, DeltaTable.update_incremental() on kept tables: "
          f"{med(lambda: [t.update_incremental() for t in tables.values()]) * 1000:.1f} ms; "
          f"DeltaTable(uri).version() from scratch: "
          f"{med(lambda: DeltaTable(table_uri(settings, 'articles'), storage_options=options).version()) * 1000:.1f} ms per table")
    for con in connections.values():
        con.close()

    started = time.perf_counter()
    smaller = rewrite_lake(settings, local, commits, 2048, 16384)
    print(f"\n(rewrote the lake with 2,048-row article row groups and 16,384-row child row groups, "
          f"{commits} commits per table, in {time.perf_counter() - started:.1f} s)")
    for name, version, files, rows, size in lake_layout(smaller):
        print(f"    {name:11} version {version:3d}  {files:4d} files  {rows:10,d} rows  {size / 1e6:8.1f} MB")
    for con in variant_table(smaller, local, ("connect() as is", "file list+caches+no-reval"), runs,
                             "Layout: smaller row groups (same rows, same commits)").values():
        con.close()


# --------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20261120)
    parser.add_argument("--commit-articles", type=int, default=25_000,
                        help="articles per Delta commit (each table gets one commit per batch)")
    parser.add_argument("--chunk-size", type=int, default=5000, help="articles generated at a time")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per query after one warm-up")
    parser.add_argument("--search-articles", type=int, default=10_000)
    parser.add_argument("--skip-search", action="store_true")
    parser.add_argument("--investigate", action="store_true", help="time alternative lake connections too")
    parser.add_argument("--compact", action="store_true",
                        help="compact every table (optimize, checkpoint, vacuum) before querying")
    args = parser.parse_args()

    settings = get_settings()
    threads = duckdb.connect().sql("SELECT current_setting('threads')").fetchone()[0]
    print(f"newslake query bench: {args.articles:,} articles, commits of {args.commit_articles:,}, "
          f"DuckDB {duckdb.__version__}, {threads} threads")
    s3_server.up(settings)
    try:
        started = time.perf_counter()
        generator = NewsGenerator(args.articles, args.seed, chunk_size=args.chunk_size)
        spent = write_lake(settings, generator, args.commit_articles)
        total = time.perf_counter() - started
        print(f"lake built in {total:.1f} s: generating {spent['generate']:.1f} s, writing {spent['write']:.1f} s "
              f"({spent['commits']} commits per table)")
        if args.compact:
            print(f"compacted (optimize + checkpoint + vacuum) in {compact(settings):.1f} s")
        for name, version, files, rows, size in lake_layout(settings):
            print(f"    {name:11} version {version:3d}  {files:4d} files  {rows:10,d} rows  {size / 1e6:8.1f} MB")

        lake = connect(settings)
        local, copy_s = local_copy(lake)
        print(f"local copy through the lake views: {copy_s:.1f} s")
        rows = run_cases(lake, local, args.repeat)
        print()
        print_cases(rows)

        if not args.skip_search:
            print()
            print_search(bench_search(settings, args.search_articles, args.seed))

        if args.investigate:
            article_files = next(files for name, _, files, _, _ in lake_layout(settings) if name == "articles")
            investigate(settings, local, args.repeat, min(spent["commits"], article_files))
    finally:
        s3_server.down(settings)
        shutil.rmtree(STATE, ignore_errors=True)


if __name__ == "__main__":
    main()
