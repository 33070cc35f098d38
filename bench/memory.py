"""Peak memory of an ingest, and the slowest real page: does memory stay flat as input grows?

Scenarios, each ingested by a fresh process (so that every peak starts from the same
point) through the ingest flow, with the default settings:

* ``pages20`` / ``pages200`` — 20 and 200 real pages of shared/data (200: aeb, then
  naeb-dev; 20: the last of naeb-dev, so that no article of one is already in the lake);
* ``huge40`` — 40 generated HTML objects of 45 MB each (nested divs and text, each one
  different), i.e. 1.8 GB of input.

While the flow runs, a thread samples the resident memory (RSS, /proc) of the process
and of its extraction workers every 50 ms; the peak of their sum is the tree's peak. The
Prefect ephemeral server (a child process too, but infrastructure whose size does not
depend on the input) is reported apart. The bar: the peaks of ``pages200`` and
``huge40`` within 1.5x of ``pages20``'s, and under 2 GB. Last, every real page of the
shared sets is transformed alone, in-process, and the slowest is reported.

    .venv/bin/python bench/memory.py
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._stack import SHARED_DATA, isolate_environment  # noqa: E402

MB = 1024 * 1024
HUGE_OBJECTS, HUGE_BYTES = 40, 45 * 1_000_000
BAR_RATIO, BAR_BYTES = 1.5, 2 * 1024 * MB


def shared_pages() -> list[Path]:
    return sorted((SHARED_DATA / "aeb" / "html").glob("*.html.gz")) + sorted((SHARED_DATA / "naeb-dev" / "html").glob("*.html.gz"))


def huge_page(index: int, size: int = HUGE_BYTES) -> bytes:
    """~``size`` bytes of nested divs and paragraphs, unique per ``index``."""
    rnd = random.Random(index)
    words = "council harbour budget strike minister river election court market school storm vote".split()
    block = "".join(
        f"<div class='d{depth}'>" for depth in range(12)
    ) + "<p>{}</p>" + "</div>" * 12 + "\n"
    parts = [f"<!doctype html><html><head><title>Generated page {index}</title></head><body>"]
    total = 0
    while total < size:
        text = " ".join(rnd.choice(words) for _ in range(60))
        piece = block.format(text)
        parts.append(piece)
        total += len(piece)
    parts.append("</body></html>")
    return "".join(parts).encode()


# --------------------------------------------------------------------------- in a scenario process


def _resident(pid: int | str) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(child) for child in handle.read().split()]
    except OSError:
        return []


def _descendants(pid: int) -> list[int]:
    found, todo = [], _children(pid)
    while todo:
        child = todo.pop()
        found.append(child)
        todo.extend(_children(child))
    return found


class Sampler(threading.Thread):
    """Peaks of: this process, its pool workers, the rest of its descendants (Prefect's server)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.stop = threading.Event()
        self.peak = {"main": 0, "workers": 0, "tree": 0, "other": 0}

    def run(self) -> None:
        from newslake.core.parallel import worker_pids

        me = os.getpid()
        while not self.stop.wait(0.05):
            workers = set(worker_pids())
            main = _resident(me)
            used_by_workers = sum(_resident(pid) for pid in workers)
            other = sum(_resident(pid) for pid in _descendants(me) if pid not in workers)
            for name, value in (("main", main), ("workers", used_by_workers), ("tree", main + used_by_workers), ("other", other)):
                self.peak[name] = max(self.peak[name], value)


def run_scenario(keys_file: str) -> None:
    from flows.ingest import ingest

    keys = json.loads(Path(keys_file).read_text())
    ingest(keys=[])  # start Prefect's ephemeral server before measuring
    sampler = Sampler()
    sampler.start()
    started = time.perf_counter()
    report = ingest(keys=keys)
    seconds = time.perf_counter() - started
    sampler.stop.set()
    sampler.join()
    from newslake.core.query import connect
    from newslake.core.settings import get_settings

    relation = connect(get_settings()).sql(
        f"SELECT error_class, any_value(reason) AS reason, count(*) AS n FROM rejects WHERE run_id = '{report['run_id']}' GROUP BY ALL"
    )
    rejects = {error_class: f"{n} × {reason[:120]}" for error_class, reason, n in relation.fetchall()}
    print(json.dumps({"peak": sampler.peak, "seconds": seconds, "outcomes": report["outcomes"],
                      "articles_new": report["articles_new"], "rejects": rejects}))


def worst_page() -> None:
    """Every real page transformed alone, in this process: the slowest, and the median."""
    from datetime import UTC, datetime

    from schemas.records import RawObject, RunContext
    from tasks.documents.passes import transform_objects, warm_up

    warm_up()
    run = RunContext("bench", datetime.now(UTC), 5)
    timings = []
    rejected = []
    for path in shared_pages():
        raw = RawObject(f"landing/bench/{path.name}", path.read_bytes())
        started = time.perf_counter()
        [result] = transform_objects([raw], run)
        timings.append((time.perf_counter() - started, path.parent.parent.name + "/" + path.name, len(raw.data)))
        rejected += [f"{path.name}: {r.error_class}" for r in result.rejections if "Limit" in r.error_class or "Html" in r.error_class]
    timings.sort()
    print(json.dumps({"worst": timings[-1], "median": timings[len(timings) // 2][0], "pages": len(timings),
                      "limit_rejects": rejected}))


# --------------------------------------------------------------------------- the driver


def land(settings, name: str, items: list[tuple[str, bytes]]) -> list[str]:
    from newslake.core.landing import land_bytes

    return [land_bytes(settings, data, source=name, name=file).key for file, data in items]


def child(*args: str) -> dict:
    result = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, timeout=3600)
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        raise SystemExit(f"{' '.join(args)} failed ({result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return json.loads(lines[-1])


def main() -> None:
    pages = shared_pages()
    if len(pages) < 200:
        raise SystemExit(f"fewer than 200 pages under {SHARED_DATA}: set NEWSLAKE_SHARED_DATA")
    state = isolate_environment()
    from newslake.core.settings import get_settings
    from newslake.stack import s3_server

    settings = get_settings()
    s3_server.up(settings)
    results = {}
    try:
        scenarios = {
            "pages20": lambda: [(p.name, p.read_bytes()) for p in pages[-20:]],
            "pages200": lambda: [(p.name, p.read_bytes()) for p in pages[:200]],
        }
        for name, items in scenarios.items():
            keys_file = state / f"{name}.json"
            keys_file.write_text(json.dumps(land(settings, name, items())))
            results[name] = child("--scenario", str(keys_file))
        keys = [land(settings, "huge40", [(f"huge-{i}.html", huge_page(i))])[0] for i in range(HUGE_OBJECTS)]
        keys_file = state / "huge40.json"
        keys_file.write_text(json.dumps(keys))
        results["huge40"] = child("--scenario", str(keys_file))
        worst = child("--worst-page")
    finally:
        s3_server.down(settings)
        shutil.rmtree(state, ignore_errors=True)

    print(f"workers: {settings.effective_workers}   batch: {settings.batch_size} objects / {settings.batch_max_bytes // 1_000_000} MB")
    print(f"{'scenario':10} {'input MB':>9} {'seconds':>8} {'main MB':>8} {'workers MB':>11} {'tree MB':>8} "
          f"{'vs pages20':>11} {'prefect MB':>11}  outcomes")
    base = results["pages20"]["peak"]["tree"]
    sizes = {"pages20": sum(p.stat().st_size for p in pages[-20:]), "pages200": sum(p.stat().st_size for p in pages[:200]),
             "huge40": HUGE_OBJECTS * HUGE_BYTES}
    for name, result in results.items():
        peak = result["peak"]
        print(f"{name:10} {sizes[name] / 1e6:9.1f} {result['seconds']:8.1f} {peak['main'] / MB:8.0f} {peak['workers'] / MB:11.0f} "
              f"{peak['tree'] / MB:8.0f} {peak['tree'] / base:10.2f}x {peak['other'] / MB:11.0f}  {result['outcomes']}")
        for error_class, what in result["rejects"].items():
            print(f"{'':10} rejected {error_class}: {what}")
    ratios = {name: results[name]["peak"]["tree"] / base for name in ("pages200", "huge40")}
    tops = {name: results[name]["peak"]["tree"] for name in results}
    ok = all(r <= BAR_RATIO for r in ratios.values()) and all(v < BAR_BYTES for v in tops.values())
    print(f"ratio pages200/pages20: {ratios['pages200']:.2f}x   huge40/pages20: {ratios['huge40']:.2f}x   "
          f"bar (≤ {BAR_RATIO}x, < 2 GB): {'met' if ok else 'NOT met'}")
    seconds, page, size = worst["worst"]
    print(f"slowest of {worst['pages']} real pages alone (extract + enrich, in-process): {seconds:.2f} s ({page}, "
          f"{size / 1e3:.0f} kB gzip); median {worst['median']:.3f} s; rejected by a limit: {worst['limit_rejects'] or 'none'}")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--scenario":
        run_scenario(sys.argv[2])
    elif len(sys.argv) > 1 and sys.argv[1] == "--worst-page":
        worst_page()
    else:
        main()
