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
   a single day). The results of both sides are compared.
2. search: the seed article (``shared/data/seed``) committed after 10,000 synthetic
   articles must rank first for "Putin Iran drones"; cold (index build + query) and warm
   query times.
3. with ``--investigate``: the same analyses through alternative lake connections
   prototyped here (DuckDB caches, snapshots pinned with ``ATTACH … (TYPE delta,
   PIN_SNAPSHOT)``, explicit Parquet file lists), HTTP requests per query, and the
   layout of the tables — to show what would close the gap.

    .venv/bin/python bench/query.py                      # 100,000 articles
    .venv/bin/python bench/query.py --articles 5000 --repeat 3 --investigate
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._stack import SHARED_DATA, isolate_environment  # noqa: E402

if __name__ == "__main__":
    STATE = isolate_environment()

import duckdb  # noqa: E402
import pyarrow as pa  # noqa: E402
from deltalake import DeltaTable, write_deltalake  # noqa: E402

from bench.synthetic import NewsGenerator, article_row, rows_to_table  # noqa: E402
from newslake import stack  # noqa: E402
from newslake.analyses import run_analysis  # noqa: E402
from newslake.lake import _writer_properties, ensure_tables, table_uri  # noqa: E402
from newslake.query import connect, create_derived_views, open_duckdb, sql_literal  # noqa: E402
from newslake.settings import Settings, get_settings  # noqa: E402
from newslake.storage import delta_storage_options  # noqa: E402
from schemas import TABLES  # noqa: E402

SEED_FILE = SHARED_DATA / "seed" / "000_4294ec14b11da705.txt"
SEED_TITLE = "President Putin Visit Iran To Forge New Anti-West Alliance"
SEARCH_QUERY = "Putin Iran drones"
INTERACTIVE_LIMIT_S = 1.0
RATIO_LIMIT = 2.0
# child tables first, then articles, rejects, the log: the order commit_plan writes in
WRITE_ORDER = ("mentions", "quotes", "figures", "articles", "rejects", "ingest_log")


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


def measure(connections: dict[str, duckdb.DuckDBPyConnection], name: str, params: dict, repeat: int) -> dict:
    """Warm-up once on each connection, then ``repeat`` rounds alternating between them.
    Returns first (cold) and median seconds per connection, and the results."""
    out: dict[str, dict] = {key: {"times": []} for key in connections}
    for key, con in connections.items():
        out[key]["first"], out[key]["result"] = _timed(lambda: run_analysis(None, name, params, con=con).fetchall())
    for _ in range(repeat):
        for key, con in connections.items():
            seconds, _ = _timed(lambda: run_analysis(None, name, params, con=con).fetchall())
            out[key]["times"].append(seconds)
    for value in out.values():
        value["median"] = statistics.median(value["times"])
    return out


def _same(a: list, b: list) -> bool:
    return sorted(map(repr, a)) == sorted(map(repr, b))


def _params_text(params: dict) -> str:
    return " ".join(f"{k}={v}" for k, v in params.items())


def run_cases(lake: duckdb.DuckDBPyConnection, local: duckdb.DuckDBPyConnection, repeat: int) -> list[dict]:
    rows = []
    for name, params, interactive in cases(local):
        timing = measure({"lake": lake, "local": local}, name, params, repeat)
        lake_s, local_s = timing["lake"]["median"], timing["local"]["median"]
        ratio = lake_s / local_s if local_s else float("inf")
        ok = ratio <= RATIO_LIMIT and (not interactive or lake_s < INTERACTIVE_LIMIT_S)
        rows.append({
            "analysis": name, "params": _params_text(params), "interactive": interactive,
            "lake_first": timing["lake"]["first"], "lake": lake_s, "local": local_s, "ratio": ratio,
            "ok": ok, "same": _same(timing["lake"]["result"], timing["local"]["result"]),
            "rows": len(timing["local"]["result"]),
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
    from newslake.search import search

    search_settings = settings.model_copy(update={"lake_prefix": "search-lake"})
    generator = NewsGenerator(articles, seed + 1, chunk_size=min(5000, max(250, articles - articles % 250)))
    write_lake(search_settings, generator, commit_articles=articles)
    body = seed_body()
    when = datetime(2026, 11, 18, 9, 30, tzinfo=timezone.utc)
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
        "connect() as is": delta_views(()),
        "+caches": delta_views(CACHES),
        "+caches+no-reval": delta_views(CACHES + NO_REVALIDATION),
        "PIN_SNAPSHOT": pinned(()),
        "PIN+caches+no-reval": pinned(CACHES + NO_REVALIDATION),
        "file list+caches+no-reval": file_list,
    }


def http_requests(con: duckdb.DuckDBPyConnection, fn: Callable[[], object]) -> tuple[int, int]:
    """(requests, bytes received) DuckDB's HTTP log records while ``fn`` runs."""
    con.execute("CALL truncate_duckdb_logs()")
    con.execute("CALL enable_logging('HTTP')")
    try:
        fn()
    finally:
        con.execute("CALL disable_logging()")
    row = con.sql(
        "SELECT count(*), coalesce(sum(try_cast(response.headers['Content-Length'] AS BIGINT)), 0) "
        "FROM duckdb_logs_parsed('HTTP')"
    ).fetchone()
    return int(row[0]), int(row[1])


def investigate(settings: Settings, local: duckdb.DuckDBPyConnection, repeat: int) -> None:
    print("\n## Investigation: alternative lake connections (median s; ratio to local)")
    factories = variant_connections(settings)
    connections = {label: make() for label, make in factories.items()}
    the_cases = cases(local)
    header = f"{'analysis':21} {'params':34} {'local':>6}" + "".join(f" {label[:16]:>16}" for label in connections)
    print(header)
    totals = {label: 0.0 for label in connections}
    for name, params, _ in the_cases:
        timing = measure({"local": local, **connections}, name, params, max(1, repeat - 2))
        cells = []
        for label in connections:
            seconds = timing[label]["median"]
            totals[label] += seconds
            same = "" if _same(timing[label]["result"], timing["local"]["result"]) else "≠"
            cells.append(f"{seconds:7.3f} {seconds / timing['local']['median']:5.1f}x{same:1}")
        print(f"{name:21} {_params_text(params)[:34]:34} {timing['local']['median']:6.3f}" + "".join(f" {c:>16}" for c in cells))
    print(f"{'total':21} {'':34} {'':6}" + "".join(f" {totals[label]:16.2f}" for label in connections))

    print("\n## HTTP requests per query (DuckDB HTTP log; second run, caches warm)")
    print(f"{'analysis':21} {'params':34}" + "".join(f" {label[:16]:>16}" for label in connections))
    for name, params, _ in the_cases:
        cells = []
        for label, con in connections.items():
            def run() -> None:
                run_analysis(None, name, params, con=con).fetchall()
            try:
                run()
                count, received = http_requests(con, run)
                cells.append(f"{count:5d} {received / 1e6:7.1f}MB")
            except duckdb.Error as exc:
                cells.append(f"n/a ({type(exc).__name__})")
        print(f"{name:21} {_params_text(params)[:34]:34}" + "".join(f" {c:>16}" for c in cells))

    print("\n## Where the time goes (connect() as is)")
    lake = connections["connect() as is"]
    for label, sql in (
        ("bind only: SELECT * FROM articles LIMIT 0", "SELECT * FROM articles LIMIT 0"),
        ("count(*) FROM articles", "SELECT count(*) FROM articles"),
        ("count(*) FROM mentions", "SELECT count(*) FROM mentions"),
        ("one day of articles (published_at filter)",
         "SELECT count(*) FROM articles WHERE published_at >= TIMESTAMPTZ '2026-11-20' "
         "AND published_at < TIMESTAMPTZ '2026-11-21'"),
        ("sum(length(body)) FROM articles", "SELECT sum(length(body)) FROM articles"),
    ):
        lake.sql(sql).fetchall()
        seconds = statistics.median(_timed(lambda: lake.sql(sql).fetchall())[0] for _ in range(3))
        local_s = statistics.median(_timed(lambda: local.sql(sql).fetchall())[0] for _ in range(3))
        count, received = http_requests(lake, lambda: lake.sql(sql).fetchall())
        print(f"  {label:48} lake {seconds:6.3f} s  local {local_s:6.3f} s  {count:4d} requests {received / 1e6:7.1f} MB")
    for con in connections.values():
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
    args = parser.parse_args()

    settings = get_settings()
    threads = duckdb.connect().sql("SELECT current_setting('threads')").fetchone()[0]
    print(f"newslake query bench: {args.articles:,} articles, commits of {args.commit_articles:,}, "
          f"DuckDB {duckdb.__version__}, {threads} threads")
    stack.up(settings)
    try:
        started = time.perf_counter()
        generator = NewsGenerator(args.articles, args.seed, chunk_size=args.chunk_size)
        spent = write_lake(settings, generator, args.commit_articles)
        total = time.perf_counter() - started
        print(f"lake built in {total:.1f} s: generating {spent['generate']:.1f} s, writing {spent['write']:.1f} s "
              f"({spent['commits']} commits per table)")
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
            investigate(settings, local, args.repeat)
    finally:
        stack.down(settings)
        shutil.rmtree(STATE, ignore_errors=True)


if __name__ == "__main__":
    main()
