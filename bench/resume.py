"""A backfill killed at random: every article exactly once, and only the segments in flight redone.

One WARC built like bench/scale.py's is backfilled by a fresh process that is SIGKILLed at
a random moment (uniform between ``--min-kill`` and ``--max-kill`` seconds after it
started) three times, then run to the end; the same archive is backfilled once without
interruption into a reference lake. Printed per attempt: when it was killed, the segments
the ingest log held before it and after it. At the end: every segment logged once, the
article ids of the resumed lake equal to the reference's, no id twice, and the segments
the attempts did twice (done, but killed before their log row: redone by the next attempt).

    .venv/bin/python bench/resume.py                    # 400 records, kills between 15 and 60 s
    .venv/bin/python bench/resume.py --records 200 --seed 7
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._stack import ROOT, isolate_environment  # noqa: E402
from bench.scale import build_archive, run_child, segment_records  # noqa: E402

KILLS = 3


def logged_segments(bucket: str) -> list[str]:
    """The ingest log's segment rows (``<archive key>#<start>-<end>``), duplicates kept."""
    from newslake.core import lake
    from newslake.core.settings import get_settings

    settings = get_settings().model_copy(update={"bucket": bucket})
    return [key for key in lake.read_columns(settings, "ingest_log", ["raw_key"]).column("raw_key").to_pylist() if "#" in key]


def article_ids(bucket: str) -> list[str]:
    from newslake.core import lake
    from newslake.core.settings import get_settings

    settings = get_settings().model_copy(update={"bucket": bucket})
    return lake.read_columns(settings, "articles", ["article_id"]).column("article_id").to_pylist()


def unlogged_articles(bucket: str) -> int:
    """Articles in the lake whose record lies in no logged segment: a killed attempt committed
    them and died before the segment's log row; the next attempt redoes that segment."""
    from newslake.core import lake
    from newslake.core.settings import get_settings

    settings = get_settings().model_copy(update={"bucket": bucket})
    ranges = [tuple(int(n) for n in key.rsplit("#", 1)[1].split("-")) for key in set(logged_segments(bucket))]
    offsets = lake.read_columns(settings, "articles", ["raw_offset"]).column("raw_offset").to_pylist()
    return sum(1 for offset in offsets if not any(start <= offset < end for start, end in ranges))


def killed_attempt(archive: Path, bucket: str, after_s: float) -> bool:
    """Start a backfill and SIGKILL it ``after_s`` seconds later. False if it finished first."""
    env = {**os.environ, "NEWSLAKE_BUCKET": bucket, "PREFECT_LOGGING_LEVEL": "WARNING"}
    process = subprocess.Popen([sys.executable, str(ROOT / "bench" / "scale.py"), "--child", str(archive)], cwd=ROOT,
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        process.wait(after_s)
        return False
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the flow's process and its pool workers, at once
        process.wait()
        return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=400)
    parser.add_argument("--min-kill", type=float, default=15.0)
    parser.add_argument("--max-kill", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    state = isolate_environment()
    os.environ["NEWSLAKE_BATCH_SIZE"] = str(segment_records(args.records))
    from newslake.core.settings import get_settings
    from newslake.stack import s3_server

    settings = get_settings()
    s3_server.up(settings)
    folder = Path(tempfile.mkdtemp(prefix="newslake-resume-"))
    chance = random.Random(args.seed)
    try:
        archive = build_archive(folder / "resume.warc.gz", args.records)
        reference = run_child(archive, "newslake-resume-reference", {})
        planned = reference["segments_planned"]
        print(f"archive: {args.records} records, {planned} segments; uninterrupted: {reference['articles_new']} articles "
              f"in {reference['seconds']:.0f} s")
        bucket = "newslake-resume"
        for attempt in range(1, KILLS + 1):
            before = len(set(logged_segments(bucket))) if attempt > 1 else 0
            after_s = chance.uniform(args.min_kill, args.max_kill)
            killed = killed_attempt(archive, bucket, after_s)
            after = len(set(logged_segments(bucket)))
            print(f"attempt {attempt}: {'SIGKILL' if killed else 'finished'} at {after_s:.1f} s; "
                  f"segments logged {before} -> {after} of {planned}; articles committed in a segment not logged "
                  f"(redone next): {unlogged_articles(bucket)}")
        before = len(set(logged_segments(bucket)))
        final = run_child(archive, bucket, {})
        print(f"final attempt: {final['segments_done_before']} segments logged before it, "
              f"{planned - final['segments_done_before']} done by it; {final['articles_new']} articles new in it")
        segments, ids, truth = logged_segments(bucket), article_ids(bucket), set(article_ids("newslake-resume-reference"))
        print(f"\nsegments logged: {len(segments)} rows, {len(set(segments))} distinct of {planned} planned: "
              f"{'each once' if len(segments) == len(set(segments)) == planned else 'NOT each once'}")
        print(f"articles: {len(ids)} rows, {len(set(ids))} distinct, reference {len(truth)}: "
              f"{'every article exactly once' if len(ids) == len(set(ids)) and set(ids) == truth else 'NOT exactly once'}")
        print(f"the final attempt redid {planned - before} segments: those no attempt had logged")
    finally:
        s3_server.down(settings)
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(state, ignore_errors=True)


if __name__ == "__main__":
    started = time.monotonic()
    main()
    print(f"({time.monotonic() - started:.0f} s)")
