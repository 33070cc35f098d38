"""Event-to-row latency of `newslake serve` (issue #4).

Starts SeaweedFS and `newslake serve` (its own Prefect server, the watcher, the
served deployments), then lands N objects one at a time, D seconds apart, with
boto3 `put_object` straight into the landing prefix (the watcher announces them:
SeaweedFS sends no notifications). For each, it measures the seconds from
`put_object` returning to the article being visible through the views
`newslake sql` queries (polled every 0.25 s on one connection, moved to the
latest commit before each poll).

Baseline, same run: one object ingested by calling the ingest flow directly
(no event, no trigger, no run start), warm. The ratio is what the service adds.

    .venv/bin/python bench/latency.py [--objects 50] [--interval 2]
    Bar: p50 <= 10 s, p95 <= 30 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._stack import isolate_environment  # noqa: E402

if __name__ == "__main__":
    STATE = isolate_environment()

from newslake.core.settings import get_settings  # noqa: E402
from newslake.stack import s3_server  # noqa: E402
from tests.integration.service_process import ServiceProcess, article_json, landing_key  # noqa: E402


def direct_ingest_seconds(settings, runs: int = 3) -> float:
    """Warm, in-process: land one object and call the flow on its key."""
    from flows.ingest import ingest
    from newslake.core.storage import s3_client

    client = s3_client(settings)
    timings = []
    for index in range(runs + 1):
        data = article_json(index, run="baseline")
        key = landing_key("baseline", data)
        started = time.perf_counter()
        client.put_object(Bucket=settings.bucket, Key=key, Body=data)
        ingest(keys=[key])
        if index:  # the first call pays the model loads
            timings.append(time.perf_counter() - started)
    return statistics.median(timings)


class Visibility:
    """Polls the lake's views for the URLs it waits on; records when each appears."""

    def __init__(self, settings) -> None:
        from newslake.core.query import connect

        self.settings = settings
        self.con = connect(settings)
        self.waiting: dict[str, float] = {}  # url -> put time
        self.latency: dict[str, float] = {}
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def expect(self, url: str, put_at: float) -> None:
        with self.lock:
            self.waiting[url] = put_at

    def run(self) -> None:
        from newslake.core.query import refresh_views

        while not self.stop.is_set():
            with self.lock:
                urls = list(self.waiting)
            if urls:
                refresh_views(self.con, self.settings)
                found = self.con.execute("SELECT url FROM articles WHERE url IN (SELECT unnest(?))", [urls]).fetchall()
                now = time.monotonic()
                with self.lock:
                    for (url,) in found:
                        self.latency[url] = now - self.waiting.pop(url)
            time.sleep(0.25)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--objects", type=int, default=50)
    parser.add_argument("--interval", type=float, default=2.0)
    args = parser.parse_args()

    settings = get_settings()
    s3_server.up(settings)
    service = None
    try:
        baseline = direct_ingest_seconds(settings)
        service = ServiceProcess(STATE, deployments=["ingest", "reconcile-landing"]).start()
        from newslake.core.storage import s3_client

        client = s3_client(settings)
        watcher = Visibility(settings)
        poller = threading.Thread(target=watcher.run, daemon=True)
        poller.start()
        for index in range(args.objects):
            data = article_json(index, run="latency")
            client.put_object(Bucket=settings.bucket, Key=landing_key("latency", data), Body=data)
            watcher.expect(f"https://news.example.org/latency/{index}", time.monotonic())
            time.sleep(args.interval)
        deadline = time.monotonic() + 120
        while watcher.waiting and time.monotonic() < deadline:
            time.sleep(0.5)
        watcher.stop.set()
        runs = service.flow_runs("ingest")
    finally:
        if service:
            service.stop()
        s3_server.down(settings)

    latencies = list(watcher.latency.values())
    missing = len(watcher.waiting)
    p50, p95 = percentile(latencies, 0.5), percentile(latencies, 0.95)
    print(f"objects landed: {args.objects}, {args.interval:g} s apart; visible: {len(latencies)}; missing after 120 s: {missing}")
    print(f"ingest flow runs: {len(runs)} (event-triggered, draining)")
    print(f"{'measure':34} {'seconds':>8} {'vs baseline':>12}")
    print(f"{'baseline: direct flow call, warm':34} {baseline:8.2f} {1:11.2f}x")
    for name, value in (("p50 put -> visible", p50), ("p95 put -> visible", p95), ("max put -> visible", max(latencies))):
        print(f"{name:34} {value:8.2f} {value / baseline:11.2f}x")
    print(f"first object (cold run start): {watcher_first(watcher):.2f} s")
    verdict = "PASS" if p50 <= 10 and p95 <= 30 and not missing else "FAIL"
    print(f"bar p50 <= 10 s, p95 <= 30 s, none missing: {verdict}")


def watcher_first(watcher: Visibility) -> float:
    return watcher.latency.get("https://news.example.org/latency/0", float("nan"))


if __name__ == "__main__":
    main()
