"""What one commit costs as the lake grows: a 250-article batch committed into lakes that
already hold 10,000, 100,000 and 1,000,000 articles.

Each lake is synthetic but shaped like the pipeline's where a commit looks: 32-hex
``article_id``s, SimHash signatures (one article in twenty a near-copy of an earlier one, in
its story cluster), ``raw_key``/``run_id`` as ingest runs of 250 objects stamp them, five
``mentions``, one ``quotes`` and one ``figures`` row per article, one ``ingest_log`` row
per object, one key-index (``article_keys``) row per article, every row stamped as
committed months before the timed commit. Bodies are short: a commit reads key columns, never bodies. Each table is
written in 100,000-row appends, like a lake after ``newslake compact``.

The batch is 250 new articles (with their child rows) plus 10 articles already in the lake,
so both de-duplication and story clusters are exercised. Each commit runs in a fresh
process (``tasks.commit.commit_batch``'s body, without Prefect): one commit to warm up
(it also reads the whole key index, ``article_keys``: its time is printed too), then the
timed one, as every later commit of a worker runs; the process's peak RSS is reported.
Bars (issue #10): time and peak RSS at 1 M within 1.5x of 10 k. Not a timed test: run it
by hand (about 3 minutes).

    .venv/bin/python bench/commit.py [--sizes 10000 100000 1000000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._stack import isolate_environment  # noqa: E402

if __name__ == "__main__" and "--commit" not in sys.argv:
    isolate_environment()

import numpy as np  # noqa: E402
import pyarrow as pa  # noqa: E402

BATCH = 250
REPEATS = 10  # articles of the batch that the lake already holds
CHUNK = 100_000
MENTIONS_PER_ARTICLE = 5
START = datetime(2026, 9, 1, tzinfo=UTC)
BAR = 1.5


# --------------------------------------------------------------------------- synthetic rows


def _hex_ids(rng: np.random.Generator, count: int) -> np.ndarray:
    return np.array([f"{a:016x}{b:016x}" for a, b in rng.integers(0, 2**63, size=(count, 2), dtype=np.int64)])


def _signatures(rng: np.random.Generator, count: int) -> np.ndarray:
    """SimHash signatures; one in twenty a few bits away from an earlier one."""
    signatures = rng.integers(-(2**63), 2**63 - 1, size=count, dtype=np.int64)
    copies = np.nonzero(rng.random(count) < 0.05)[0]
    copies = copies[copies > 0]
    originals = (rng.random(copies.size) * copies).astype(np.int64)
    flips = np.int64(1) << rng.integers(0, 63, size=copies.size).astype(np.int64)
    signatures[copies] = signatures[originals] ^ flips
    return signatures


def article_columns(rng: np.random.Generator, first: int, count: int) -> dict[str, pa.Array]:
    """The columns of ``count`` articles numbered from ``first`` (the rest stay null)."""
    ids = _hex_ids(rng, count)
    numbers = np.arange(first, first + count)
    published = [START + timedelta(seconds=int(n) * 7) for n in numbers]
    runs = [f"run-{n // BATCH:08d}" for n in numbers]
    return {
        "article_id": pa.array(ids),
        "simhash": pa.array(_signatures(rng, count)),
        "published_at": pa.array(published, pa.timestamp("us", tz="UTC")),
        "raw_key": pa.array([f"landing/files/{p:%Y-%m-%d}/{i}.json" for p, i in zip(published, ids)]),
        "run_id": pa.array(runs),
        "ingested_at": pa.array(published, pa.timestamp("us", tz="UTC")),
    }


def table_of(name: str, columns: dict[str, pa.Array], rows: int) -> pa.Table:
    """A table of ``name``'s schema: the given columns, required ones filled, others null."""
    from schemas import TABLES

    schema = TABLES[name].schema
    filler = {pa.string(): "x", pa.int32(): 1, pa.int64(): 1, pa.timestamp("us", tz="UTC"): START}
    arrays = []
    for field in schema:
        if field.name in columns:
            arrays.append(columns[field.name].cast(field.type))
        elif not field.nullable:
            arrays.append(pa.array([filler[field.type]] * rows, field.type))
        else:
            arrays.append(pa.nulls(rows, field.type))
    return pa.Table.from_arrays(arrays, schema=schema)


def lake_tables(rng: np.random.Generator, first: int, count: int) -> dict[str, pa.Table]:
    """Every table's rows for ``count`` articles, as a committed lake holds them."""
    from newslake.core.key_index import raw_key_hash

    art = article_columns(rng, first, count)
    ids = art["article_id"]
    written = art["ingested_at"]  # committed when ingested: months before the timed commit
    articles = dict(art, cluster_id=ids, committed_at=written)  # near-copies keep their own id as cluster: only the index's shape matters
    keys = {"article_id": ids, "simhash": art["simhash"], "raw_key": art["raw_key"], "committed_at": written,
            "raw_key_hash": pa.array([raw_key_hash(key) for key in art["raw_key"].to_pylist()], pa.int64())}
    repeated = pa.array(np.repeat(ids.to_numpy(zero_copy_only=False), MENTIONS_PER_ARTICLE))
    entities = pa.array([f"Entity {n % 50_000}" for n in range(count * MENTIONS_PER_ARTICLE)])
    return {
        "articles": table_of("articles", articles, count),
        "article_keys": table_of("article_keys", keys, count),
        "mentions": table_of("mentions", {"article_id": repeated, "entity": entities,
                                          "type": pa.array(["PERSON", "ORG", "GPE", "LOC", "NORP"] * count),
                                          "committed_at": pa.array(np.repeat(written.to_numpy(zero_copy_only=False), MENTIONS_PER_ARTICLE))},
                             count * MENTIONS_PER_ARTICLE),
        "quotes": table_of("quotes", {"article_id": ids, "quote_index": pa.array(np.zeros(count, np.int32)),
                                      "committed_at": written}, count),
        "figures": table_of("figures", {"article_id": ids, "figure_index": pa.array(np.zeros(count, np.int32)),
                                        "committed_at": written}, count),
        "ingest_log": table_of("ingest_log", {"run_id": art["run_id"], "raw_key": art["raw_key"],
                                              "outcome": pa.array(["committed"] * count), "logged_at": written}, count),
    }


class KeyLake:
    """What ``bench.query.write_lake`` takes: ``chunks()`` of every table's rows."""

    def __init__(self, size: int) -> None:
        self.size = size

    def chunks(self):
        rng = np.random.default_rng(self.size)
        for first in range(0, self.size, CHUNK):
            yield lake_tables(rng, first, min(CHUNK, self.size - first))


def build_lake(settings, size: int) -> float:
    """Write a lake of ``size`` articles, one append per table every ``CHUNK`` articles, and
    checkpoint every table as ``newslake compact`` does (else a commit into the bigger lake
    would replay ten times as many log entries each time it opens a table); seconds taken."""
    from bench.query import write_lake
    from newslake.core import lake
    from schemas import TABLES

    started = time.perf_counter()
    write_lake(settings, KeyLake(size), CHUNK)
    for name in TABLES:
        lake.open_table(settings, name).create_checkpoint()
    return time.perf_counter() - started


# --------------------------------------------------------------------------- one commit


def stored_ids(size: int) -> list[str]:
    """Ids of the first articles of the lake of ``size``, made again as :class:`KeyLake`
    made them (reading them from the lake would weigh on the committing process)."""
    return _hex_ids(np.random.default_rng(size), min(CHUNK, size))[:100].tolist()


def batch(size: int, seed: int):
    """250 new articles as transformed objects (one per object, with child rows), plus
    ``REPEATS`` objects whose article the lake of ``size`` already holds."""
    from schemas.records import ObjectResult

    rng = np.random.default_rng(10_000_000 + seed)
    tables = lake_tables(rng, 10**9 + seed * BATCH, BATCH)
    rows = tables["articles"].to_pylist()
    stored = stored_ids(size)[seed * REPEATS:(seed + 1) * REPEATS]
    for row, known in zip(rows[:REPEATS], stored):
        row["article_id"] = known
    by_id: dict[str, dict[str, list]] = {}
    for name in ("mentions", "quotes", "figures"):
        for child in tables[name].to_pylist():
            by_id.setdefault(child["article_id"], {}).setdefault(name, []).append(child)
    return [
        ObjectResult(raw_key=f"landing/files/bench/{seed}/{i}.json", source="files", source_path=None,
                     rows=[row], children=by_id.get(row["article_id"], {}))
        for i, row in enumerate(rows)
    ]


def peak_rss_mb() -> float:
    """This process's peak resident set (``VmHWM``). Not ``getrusage``'s ``ru_maxrss``: Linux
    carries that across ``exec`` from the forking parent, so it reported the benchmark's own
    peak (a parent that just wrote a lake of a million articles) as the commit's."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux


def commit_once(size: int) -> None:
    """In a fresh process: a warm-up commit, then the timed one; print JSON."""
    from newslake.core.settings import get_settings
    from schemas.records import RunContext
    from tasks.commit import commit_batch

    settings = get_settings().model_copy(update={"lake_prefix": f"lake-{size}"})
    timings = []
    for seed in (1, 2):
        results = batch(size, seed)
        run = RunContext("bench", datetime.now(UTC), 0, run_id=f"bench-{seed}")
        started = time.perf_counter()
        summary = commit_batch.fn(settings, results, run)
        timings.append(time.perf_counter() - started)
        assert summary.articles_new == BATCH - REPEATS and summary.articles_duplicate == REPEATS, summary
    peak_mb = peak_rss_mb()
    print(json.dumps({"size": size, "seconds": timings[-1], "warmup_seconds": timings[0], "peak_rss_mb": peak_mb}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--commit", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.commit:
        commit_once(args.commit)
        return

    from newslake.core.settings import get_settings
    from newslake.stack import s3_server

    settings = get_settings()
    s3_server.up(settings)
    try:
        measured = []
        for size in args.sizes:
            built = build_lake(settings.model_copy(update={"lake_prefix": f"lake-{size}"}), size)
            print(f"lake of {size:,} articles written in {built:.0f} s", flush=True)
            done = subprocess.run([sys.executable, __file__, "--commit", str(size)], capture_output=True, text=True)
            if done.returncode:
                raise SystemExit(f"the commit into {size:,} failed:\n{done.stdout}\n{done.stderr}")
            measured.append(json.loads(done.stdout.strip().splitlines()[-1]))
    finally:
        s3_server.down(settings)

    base = measured[0]
    print(f"\nOne commit of {BATCH} articles ({REPEATS} of them already stored) as the lake grows\n")
    print("(the first commit of a process reads the whole key index; the next ones only what was added)\n")
    print(f"{'lake':>12} {'first commit s':>15} {'commit s':>9} {'ratio':>6} {'peak RSS MB':>12} {'ratio':>6}")
    for row in measured:
        print(f"{row['size']:>12,} {row['warmup_seconds']:>15.2f} {row['seconds']:>9.2f} {row['seconds'] / base['seconds']:>6.2f} "
              f"{row['peak_rss_mb']:>12.0f} {row['peak_rss_mb'] / base['peak_rss_mb']:>6.2f}")
    last = measured[-1]
    for label, ratio in (("time", last["seconds"] / base["seconds"]), ("peak RSS", last["peak_rss_mb"] / base["peak_rss_mb"])):
        print(f"{label} {last['size']:,} / {base['size']:,}: {ratio:.2f} (bar <= {BAR}) {'met' if ratio <= BAR else 'MISSED'}")


if __name__ == "__main__":
    main()
