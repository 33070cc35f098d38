"""Ingest throughput on the 181 real pages of shared/data/aeb, against bare trafilatura.

Prints pages/s for: the baseline (plain ``trafilatura.extract`` on the same
pages, one process, measured in this run), a first ingest (landing + flow:
read, extract, enrich, validate, commit), and a second ingest of the same
files (everything already in the lake). The Prefect ephemeral server's start
is measured separately, since a long-running service pays it once.

    make bench        # or: .venv/bin/python bench/ingest.py
"""

from __future__ import annotations

import gzip
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._stack import SHARED_DATA, isolate_environment  # noqa: E402

if __name__ == "__main__":  # not in the spawned extraction workers, which re-import this file
    STATE = isolate_environment()

import trafilatura  # noqa: E402

from newslake.core.query import connect  # noqa: E402
from newslake.core.settings import get_settings  # noqa: E402
from newslake.stack import s3_server  # noqa: E402


def baseline(pages: list[Path]) -> float:
    started = time.perf_counter()
    for page in pages:
        trafilatura.extract(gzip.decompress(page.read_bytes()))
    return time.perf_counter() - started


def ingest_once(settings, pages: list[Path]) -> tuple[float, dict]:
    from flows.ingest import ingest
    from newslake.core.landing import land_files

    started = time.perf_counter()
    landed, _ = land_files(settings, pages, source="aeb")
    report = ingest(keys=[item.key for item in landed])
    return time.perf_counter() - started, report


def main() -> None:
    pages = sorted((SHARED_DATA / "aeb" / "html").glob("*.html.gz"))
    if not pages:
        raise SystemExit(f"no pages under {SHARED_DATA / 'aeb' / 'html'}: set NEWSLAKE_SHARED_DATA")
    settings = get_settings()
    s3_server.up(settings)
    try:
        from flows.ingest import ingest

        started = time.perf_counter()
        ingest(keys=[])
        prefect_start = time.perf_counter() - started

        base = baseline(pages)
        first, first_report = ingest_once(settings, pages)
        second, second_report = ingest_once(settings, pages)
        rows = connect(settings).sql("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        s3_server.down(settings)
        shutil.rmtree(STATE, ignore_errors=True)

    n = len(pages)
    print(f"pages: {n}   workers: {settings.effective_workers}   batch size: {settings.batch_size}")
    print(f"prefect ephemeral server start + empty run: {prefect_start:.1f} s (paid once per process)")
    print(f"{'run':42} {'seconds':>8} {'pages/s':>8} {'vs baseline':>12}")
    for name, seconds in (
        ("baseline: trafilatura.extract, 1 process", base),
        ("first ingest (land + flow + commit)", first),
        ("second ingest (same files, all skipped)", second),
    ):
        print(f"{name:42} {seconds:8.2f} {n / seconds:8.1f} {base / seconds:11.2f}x")
    print(f"articles in lake: {rows}; first run outcomes: {first_report['outcomes']}; "
          f"second run outcomes: {second_report['outcomes']}")


if __name__ == "__main__":
    main()
