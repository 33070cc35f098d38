"""A burst of landings through `newslake serve` (issue #4).

Lands N objects (default 2,000) within W seconds (default 60) with boto3, eight
writers in parallel, straight into the landing prefix while `newslake serve`
runs. Waits until every object is in the ingest log, then checks that each is
in `articles` or `rejects` exactly once, and reports the number of ingest flow
runs and the total time. With --restart-after S, stops the service S seconds
into the burst (Ctrl-C) and starts it again.

Baseline, same run: a sample of the same kind of objects ingested by calling
the ingest flow directly (no events, no service): objects/s. The service's
objects/s over the whole burst is printed against it.

    .venv/bin/python bench/burst.py [--objects 2000] [--within 60] [--restart-after 40]
    Bar: every object exactly once, in at most 50 flow runs.
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._stack import isolate_environment  # noqa: E402

if __name__ == "__main__":
    STATE = isolate_environment()

from newslake.core.settings import get_settings  # noqa: E402
from newslake.stack import s3_server  # noqa: E402
from tests.integration.service_process import ServiceProcess, article_json, landing_key  # noqa: E402


def direct_rate(settings, objects: int) -> float:
    """Objects/s of the ingest flow called directly on already-landed keys (warm)."""
    from flows.ingest import ingest
    from newslake.core.storage import s3_client

    client = s3_client(settings)
    warm = article_json(0, run="warm")
    client.put_object(Bucket=settings.bucket, Key=landing_key("warm", warm), Body=warm)
    ingest(keys=[landing_key("warm", warm)])
    keys = []
    for index in range(objects):
        data = article_json(index, run="baseline")
        keys.append(landing_key("baseline", data))
        client.put_object(Bucket=settings.bucket, Key=keys[-1], Body=data)
    started = time.perf_counter()
    ingest(keys=keys)
    return objects / (time.perf_counter() - started)


def land_burst(settings, objects: int, within: float) -> list[str]:
    """Land the burst paced to finish within ``within`` seconds; returns the keys."""
    from newslake.core.storage import s3_client

    client = s3_client(settings)
    started = time.monotonic()

    def put(index: int) -> str:
        time.sleep(max(0.0, started + index * within * 0.9 / objects - time.monotonic()))
        data = article_json(index, run="burst")
        key = landing_key("burst", data)
        client.put_object(Bucket=settings.bucket, Key=key, Body=data)
        return key

    with ThreadPoolExecutor(max_workers=8) as pool:
        keys = list(pool.map(put, range(objects)))
    return keys


def logged(settings, keys: set[str]) -> list[dict]:
    from newslake.core import lake

    rows = lake.read_columns(settings, "ingest_log", ["raw_key", "outcome", "run_id"]).to_pylist()
    return [row for row in rows if row["raw_key"] in keys]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--objects", type=int, default=2000)
    parser.add_argument("--within", type=float, default=60.0)
    parser.add_argument("--baseline-objects", type=int, default=200)
    parser.add_argument("--restart-after", type=float, default=None)
    parser.add_argument("--timeout", type=float, default=3600.0)
    args = parser.parse_args()

    settings = get_settings()
    s3_server.up(settings)
    service = None
    try:
        baseline = direct_rate(settings, args.baseline_objects)
        service = ServiceProcess(STATE, deployments=["ingest", "reconcile-landing"]).start()
        runs_before = {run["id"] for run in service.flow_runs("ingest")}
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=1) as lander:
            landing = lander.submit(land_burst, settings, args.objects, args.within)
            restarted = False
            while not landing.done():
                if args.restart_after and not restarted and time.monotonic() - started >= args.restart_after:
                    service.stop()
                    print(f"stopped the service {time.monotonic() - started:.0f} s into the burst; starting it again")
                    service.start()
                    restarted = True
                time.sleep(0.5)
            keys = landing.result()
        landed_seconds = time.monotonic() - started
        wanted = set(keys)
        while time.monotonic() - started < args.timeout:
            rows = logged(settings, wanted)
            if {row["raw_key"] for row in rows} == wanted:
                break
            time.sleep(2)
        total = time.monotonic() - started
        time.sleep(8)  # let the last draining run finish, so its run is counted as done
        runs = [run for run in service.flow_runs("ingest") if run["id"] not in runs_before]
    finally:
        if service:
            service.stop()
    report(settings, keys, rows, runs, landed_seconds, total, baseline, args)
    s3_server.down(settings)


def report(settings, keys, rows, runs, landed_seconds, total, baseline, args) -> None:
    from newslake.core import lake

    wanted = set(keys)
    articles = lake.read_columns(settings, "articles", ["article_id", "raw_key"]).to_pylist()
    rejects = lake.read_columns(settings, "rejects", ["raw_key", "record_index"]).to_pylist()
    in_articles = [row["raw_key"] for row in articles if row["raw_key"] in wanted]
    in_rejects = [row["raw_key"] for row in rejects if row["raw_key"] in wanted]
    once = sorted(in_articles + in_rejects) == sorted(wanted)
    log_once = len(rows) == len(wanted)
    unique_ids = len({row["article_id"] for row in articles}) == len(articles)
    working = [run for run in runs if run["state_type"] == "COMPLETED" and (run.get("total_run_time") or 0) > 0]
    print(f"objects landed: {len(keys)} in {landed_seconds:.1f} s (8 writers){' with a restart' if args.restart_after else ''}")
    print(f"all in the ingest log after {total:.1f} s from the first put")
    print(f"ingest flow runs: {len(runs)} ({len(working)} completed; states: {summarise_states(runs)})")
    print(f"in articles: {len(in_articles)}, in rejects: {len(in_rejects)}, each exactly once: {once}")
    print(f"one ingest-log row per object: {log_once}; article ids unique across the lake: {unique_ids}")
    rate = len(keys) / total
    print(f"{'throughput':34} {'objects/s':>10} {'vs baseline':>12}")
    print(f"{'baseline: direct flow call':34} {baseline:10.2f} {1:11.2f}x")
    print(f"{'service, whole burst':34} {rate:10.2f} {rate / baseline:11.2f}x")
    verdict = "PASS" if once and log_once and unique_ids and len(runs) <= 50 else "FAIL"
    print(f"bar: exactly once, <= 50 flow runs: {verdict}")


def summarise_states(runs: list[dict]) -> str:
    counts: dict[str, int] = {}
    for run in runs:
        counts[run["state_name"]] = counts.get(run["state_name"], 0) + 1
    return ", ".join(f"{count} {name}" for name, count in sorted(counts.items()))


if __name__ == "__main__":
    main()
