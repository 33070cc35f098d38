"""Scale-out: one WARC backfilled (a) inline, (b) over the local process pool, (c) on a Dask
LocalCluster of 2 workers, (d) by two process workers on a Prefect work pool.

The archive holds ``--records`` HTML records built from the real pages of shared/data
(aeb, then naeb-dev), and variants of them so that ids differ: each variant gets its own
canonical URL and one sentence of its own (near-duplicates: story clusters are exercised).
It is written to a temporary folder, never into the repository. Each runner backfills it
into a lake of its own (a bucket each), in a fresh process; the lakes must be identical
(row counts and id sets per table, and each article's cluster id). Printed per runner:
the wall time of the backfill, articles/s, articles/s per core and the ratio to (a).
Bar: (c) and (d) ≥ 1.25× (a) on 2 cores.

    .venv/bin/python bench/scale.py                  # 2,000 records (tens of minutes on 2 cores)
    .venv/bin/python bench/scale.py --records 300    # a quick check
    .venv/bin/python bench/scale.py --skip-pool      # without (d)
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._stack import ROOT, SHARED_DATA, isolate_environment  # noqa: E402

BAR = 1.25
_CANONICAL = re.compile(rb'<link[^>]+rel=["\']?canonical["\']?[^>]*href=["\']([^"\']+)["\']|'
                        rb'<link[^>]+href=["\']([^"\']+)["\'][^>]*rel=["\']?canonical', re.I)
_FIRST_P = re.compile(rb"<p(\s[^>]*)?>", re.I)
RUNNERS = {
    "a": ("inline", {"NEWSLAKE_RUNNER": "inline"}, 1),
    "b": ("process pool, 2 processes", {"NEWSLAKE_RUNNER": "processes", "NEWSLAKE_WORKERS": "2"}, 2),
    "c": ("Dask LocalCluster, 2 workers", {"NEWSLAKE_RUNNER": "dask", "NEWSLAKE_DASK_WORKERS": "2"}, 2),
}


# --------------------------------------------------------------------------- the archive


def shared_pages() -> list[Path]:
    return sorted((SHARED_DATA / "aeb" / "html").glob("*.html.gz")) + sorted((SHARED_DATA / "naeb-dev" / "html").glob("*.html.gz"))


def variant(html: bytes, number: int) -> bytes:
    """Variant ``number`` of a page (0: the page itself): its canonical URL (wherever the page
    repeats it) gets a path of its own, and its first paragraph one sentence of its own."""
    if number == 0:
        return html
    match = _CANONICAL.search(html)
    if match:
        url = match.group(1) or match.group(2)
        html = html.replace(url, url.rstrip(b"/") + b"/variant-%d" % number)
    sentence = b"In edition %d of this report, the desk added this line for its readers. " % number
    return _FIRST_P.sub(lambda m: m.group(0) + sentence, html, count=1)


def build_archive(path: Path, records: int) -> Path:
    """A WARC.gz of ``records`` HTML pages: the shared pages in turn, then their variants."""
    from tasks.archive.build import page_record

    pages = [gzip.decompress(p.read_bytes()) for p in shared_pages()]
    when = datetime(2025, 1, 15, 12, tzinfo=UTC)
    with path.open("wb") as out:
        for index in range(records):
            number, page = divmod(index, len(pages))
            record = page_record(variant(pages[page], number), f"https://scale.example/{page}/{number}", when)
            out.write(gzip.compress(record, compresslevel=6))
    return path


# --------------------------------------------------------------------------- one runner, in its own process


def child(archive: str) -> None:
    """Backfill ``archive`` with the runner the environment sets; print the report as JSON."""
    from flows.backfill import backfill
    from newslake.core import lake
    from newslake.core.settings import get_settings
    from newslake.core.storage import ensure_bucket

    settings = get_settings()
    ensure_bucket(settings)
    lake.ensure_tables(settings)
    started = time.monotonic()
    report = backfill(sources=[archive])
    report["wall_seconds"] = time.monotonic() - started  # with Prefect's ephemeral server start
    print("RESULT " + json.dumps(report, default=str), flush=True)


def segment_records(records: int) -> int:
    """Records per segment (``batch_size``), the same for every runner: about 8 segments, so
    that 2 workers each get several whatever ``--records`` is."""
    return max(10, -(-records // 8))


def run_child(archive: Path, bucket: str, env: dict[str, str]) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--child", str(archive)], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "NEWSLAKE_BUCKET": bucket, "PREFECT_LOGGING_LEVEL": "WARNING", **env}, timeout=6 * 3600,
    )
    if result.returncode != 0 or "RESULT " not in result.stdout:
        raise RuntimeError(f"the backfill in {bucket} failed:\n{result.stdout[-3000:]}\n{result.stderr[-6000:]}")
    return json.loads(result.stdout.split("RESULT ", 1)[1].splitlines()[0])


# --------------------------------------------------------------------------- (d) a Prefect work pool


def run_work_pool(archive: Path, bucket: str, workers: int = 2) -> dict | None:
    """(d): ``workers`` process workers on a Prefect work pool take the archive's segments as
    runs of the ``backfill-segment`` deployment, started by the backfill parent with
    ``fan_out`` (flows/partitions.py's ``run_partitions``). None when that API is missing."""
    try:
        from flows.partitions import run_partitions  # noqa: F401 - the fan-out API (d) needs
    except ImportError:
        return None
    from newslake.core.settings import get_settings
    from newslake.stack import prefect_server

    settings = get_settings()
    api = prefect_server.start(settings)
    prefect = str(Path(sys.executable).parent / "prefect")
    env = {**os.environ, "PREFECT_API_URL": api, "NEWSLAKE_BUCKET": bucket, "PREFECT_WORKER_QUERY_SECONDS": "1",
           "NEWSLAKE_RUNNER": "inline", "PREFECT_LOGGING_LEVEL": "WARNING"}  # one process per run: a run per worker
    env.pop("PREFECT_HOME", None)
    for args in (["work-pool", "create", "newslake", "--type", "process", "--overwrite"],
                 ["--no-prompt", "deploy", "--name", "backfill-segment"]):
        subprocess.run([prefect, *args], cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    logs = Path(tempfile.mkdtemp(prefix="newslake-scale-workers-"))
    started = [subprocess.Popen([prefect, "worker", "start", "--pool", "newslake", "--name", f"scale-{n}", "--limit", "1"],
                                cwd=ROOT, env=env, stdout=open(logs / f"worker-{n}.log", "wb"), stderr=subprocess.STDOUT,
                                start_new_session=True) for n in range(workers)]
    try:
        script = ("import json, time; from flows.backfill import backfill; t = time.monotonic(); "
                  f"r = backfill(sources=[{str(archive)!r}], fan_out=True, max_in_flight={2 * workers}); "
                  "r['wall_seconds'] = time.monotonic() - t; print('RESULT ' + json.dumps(r, default=str))")
        result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=6 * 3600)
    finally:
        for process in started:
            if process.poll() is None:
                os.killpg(process.pid, 15)
                process.wait(60)
        prefect_server.stop(settings)
    if result.returncode != 0 or "RESULT " not in result.stdout:
        raise RuntimeError(f"(d) failed (worker logs in {logs}):\n{result.stdout[-3000:]}\n{result.stderr[-6000:]}")
    return json.loads(result.stdout.split("RESULT ", 1)[1].splitlines()[0])


# --------------------------------------------------------------------------- comparing lakes


def lake_summary(bucket: str) -> dict[str, object]:
    """Per table: the row count and the set of its ids; for articles, each one's cluster id."""
    from newslake.core import lake
    from newslake.core.settings import get_settings

    settings = get_settings().model_copy(update={"bucket": bucket})
    ids = {"articles": ["article_id", "cluster_id"], "mentions": ["article_id"], "quotes": ["article_id"],
           "figures": ["article_id"], "rejects": ["raw_key", "raw_offset"], "ingest_log": ["raw_key"]}
    out: dict[str, object] = {}
    for table, columns in ids.items():
        rows = lake.read_columns(settings, table, columns).to_pylist()
        out[f"{table} rows"] = len(rows)
        out[f"{table} ids"] = sorted({tuple(row[c] for c in columns) for row in rows}, key=repr)
    return out


def _examples(mine: object, theirs: object) -> str:
    """A few of the ids one lake has and the other has not (what to look at first)."""
    if not isinstance(mine, list) or not isinstance(theirs, list):
        return f": {mine} vs {theirs}"
    only_mine, only_theirs = set(mine) - set(theirs), set(theirs) - set(mine)
    return f": only here {sorted(only_mine, key=repr)[:3]}, only in (a) {sorted(only_theirs, key=repr)[:3]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--skip-pool", action="store_true", help="leave (d), the work pool, out")
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        return child(args.child)
    state = isolate_environment()
    os.environ["NEWSLAKE_BATCH_SIZE"] = str(segment_records(args.records))
    from newslake.core.settings import get_settings
    from newslake.stack import s3_server

    settings = get_settings()
    s3_server.up(settings)
    folder = Path(tempfile.mkdtemp(prefix="newslake-scale-"))
    try:
        archive = build_archive(folder / "scale.warc.gz", args.records)
        print(f"archive: {args.records} HTML records, {archive.stat().st_size / 1e6:.1f} MB, in {folder}")
        reports: dict[str, dict] = {}
        for name, (label, env, _) in RUNNERS.items():
            reports[name] = run_child(archive, f"newslake-scale-{name}", env)
            print(f"({name}) {label}: {reports[name]['seconds']:.1f} s", flush=True)
        pool = None if args.skip_pool else run_work_pool(archive, "newslake-scale-d")
        if pool is not None:
            reports["d"] = pool
            print(f"(d) Prefect work pool, 2 process workers: {pool['seconds']:.1f} s", flush=True)
        elif not args.skip_pool:
            print("(d) not available")
        print_table(reports, args.records)
    finally:
        s3_server.down(settings)
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(state, ignore_errors=True)


def print_table(reports: dict[str, dict], records: int) -> None:
    cores = {**{name: spec[2] for name, spec in RUNNERS.items()}, "d": 2}
    labels = {**{name: spec[0] for name, spec in RUNNERS.items()}, "d": "Prefect work pool, 2 process workers"}
    base = reports["a"]["articles_new"] / reports["a"]["seconds"]
    print(f"\n{records} records; seconds of each backfill run, from landing to the last commit (a Dask cluster's\n"
          "start and every worker's model loading included; Prefect's own start in the process left out)\n")
    print(f"{'runner':44} {'articles':>8} {'seconds':>8} {'art/s':>7} {'art/s/core':>10} {'vs (a)':>7}")
    for name, report in reports.items():
        rate = report["articles_new"] / report["seconds"]
        print(f"({name}) {labels[name]:40} {report['articles_new']:8d} {report['seconds']:8.1f} {rate:7.2f} "
              f"{rate / cores[name]:10.2f} {rate / base:6.2f}x")
    summaries = {name: lake_summary(f"newslake-scale-{name}") for name in reports}
    same = all(summary == summaries["a"] for summary in summaries.values())
    counts = {key: value for key, value in summaries["a"].items() if key.endswith("rows")}
    print(f"\nlakes identical across {', '.join(f'({n})' for n in summaries)}: {'yes' if same else 'NO'} ({counts})")
    for name, summary in summaries.items():
        for key in summary:
            if summary[key] != summaries["a"][key]:
                print(f"  ({name}) differs from (a) in {key}{_examples(summary[key], summaries['a'][key])}")
    for name in ("c", "d"):
        if name in reports:
            ratio = reports[name]["articles_new"] / reports[name]["seconds"] / base
            print(f"bar ({name}) >= {BAR}x (a): {'met' if ratio >= BAR else 'NOT met'} ({ratio:.2f}x)")


if __name__ == "__main__":
    main()
