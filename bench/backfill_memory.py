"""Peak memory of a backfill: does it stay flat as the archive grows?

Two WARC files built like bench/scale.py's (real pages of shared/data and variants of
them), of ``--records`` and 10× as many HTML records, each backfilled by a fresh process
with the default runner (the local process pool). While the flow runs, a thread samples
the resident memory (RSS, /proc) of the process and of its extraction workers every
50 ms; the peak of their sum is the run's peak (Prefect's ephemeral server, a child
whose size does not depend on the input, is left out). Bar: the 10× peak within 1.5×
of the 1× peak. The archives live in a temporary folder, never in the repository.

    .venv/bin/python bench/backfill_memory.py                 # 40 and 400 records
    .venv/bin/python bench/backfill_memory.py --records 100   # 100 and 1,000
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._stack import ROOT, isolate_environment  # noqa: E402
from bench.memory import _children, _resident  # noqa: E402
from bench.scale import build_archive  # noqa: E402

MB = 1024 * 1024
BAR = 1.5


def _tree_resident(pid: int) -> int:
    """RSS of ``pid`` and its descendants, Prefect's own server aside."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            command = Path(f"/proc/{current}/cmdline").read_bytes()
        except OSError:
            continue
        if b"prefect" in command and b"server" in command:
            continue
        total += _resident(current)
        todo.extend(_children(current))
    return total


def child(archive: str) -> None:
    """Backfill ``archive`` here, sampling this process tree's memory; print the report."""
    from flows.backfill import backfill
    from newslake.core import lake
    from newslake.core.settings import get_settings
    from newslake.core.storage import ensure_bucket

    settings = get_settings()
    ensure_bucket(settings)
    lake.ensure_tables(settings)
    peak, done = [0], threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_resident(os.getpid()))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.monotonic()
    report = backfill(sources=[archive])
    done.set()
    sampler.join()
    report.update(wall_seconds=time.monotonic() - started, peak_bytes=peak[0])
    print("RESULT " + json.dumps(report, default=str), flush=True)


def run(archive: Path, bucket: str) -> dict:
    result = subprocess.run([sys.executable, __file__, "--child", str(archive)], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "NEWSLAKE_BUCKET": bucket, "PREFECT_LOGGING_LEVEL": "WARNING"}, timeout=6 * 3600)
    if result.returncode != 0 or "RESULT " not in result.stdout:
        raise RuntimeError(f"the backfill in {bucket} failed:\n{result.stdout[-3000:]}\n{result.stderr[-6000:]}")
    return json.loads(result.stdout.split("RESULT ", 1)[1].splitlines()[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=40)
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        return child(args.child)
    state = isolate_environment()
    from newslake.core.settings import get_settings
    from newslake.stack import s3_server

    settings = get_settings()
    s3_server.up(settings)
    folder = Path(tempfile.mkdtemp(prefix="newslake-backfill-memory-"))
    try:
        rows = []
        for scale in (1, 10):
            records = args.records * scale
            archive = build_archive(folder / f"x{scale}.warc.gz", records)
            report = run(archive, f"newslake-memory-x{scale}")
            rows.append((scale, records, archive.stat().st_size, report))
            print(f"{scale:>2}x: {records} records, {archive.stat().st_size / 1e6:.1f} MB archive, "
                  f"{report.get('segments', 0)} segments, {report.get('articles_new', 0)} articles, "
                  f"{report['wall_seconds']:.1f} s, peak RSS {report['peak_bytes'] / MB:.0f} MB", flush=True)
        ratio = rows[1][3]["peak_bytes"] / rows[0][3]["peak_bytes"]
        print(f"\npeak RSS 10x / 1x = {ratio:.2f} (bar <= {BAR}): {'met' if ratio <= BAR else 'NOT met'}")
    finally:
        s3_server.down(settings)
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(state, ignore_errors=True)


if __name__ == "__main__":
    main()
