"""Article-body quality and speed on the 181 pages of shared/data/aeb, against plain trafilatura.

Scores the pipeline's real HTML extractor (``tasks.extract_html.extract_html``,
given each page's ground-truth URL; a page it rejects with ``NoArticleFound``
counts as an empty body) and, in the same run and on the same bytes, plain
``trafilatura.extract``: once as the article-extraction-benchmark (AEB) runs
it (``include_comments=False``, its published F1 0.958) and once with the
library's defaults (comments included). Prints precision, recall and F1 of
each, their pages/s, and the pipeline's slowdown.

Metric: the published AEB one (scrapinghub/article-extraction-benchmark,
``evaluate.py``), reproduced exactly:

* tokens = ``re.findall(r"\\w+", text)``: runs of Unicode word characters.
  AEB compiles the pattern with IGNORECASE but does not lower-case, so tokens
  keep their case; ``--lowercase`` folds case first (it moves F1 by ~1e-4 here);
* shingles = the multiset of 4 consecutive tokens (a text of 1-3 tokens gives one
  shorter shingle, an empty text none);
* per page, with T and P the truth and prediction shingle multisets:
  tp = |T ∩ P|, fp = |P - T|, fn = |T - P| (multiset operations), then
  normalised by tp + fp + fn so that long pages weigh the same as short ones;
* per page p = tp / (tp + fp) and r = tp / (tp + fn), with AEB's edge cases:
  1 when fp = fn = 0 (both empty), p = 0 when tp = fp = 0, r = 0 when tp = fn = 0;
* **P** = mean of p over pages with tp + fp > 0 (a page with an empty prediction
  has no precision), **R** = mean of r over pages with tp + fn > 0, and
  **F1 = 2·P·R / (P + R)**: the harmonic mean of the averages, the number AEB
  publishes (and the one the 0.965 bar refers to);
* also shown: **meanF1** = mean over all pages of the per-page 2·p·r / (p + r)
  (0 for a page where p + r = 0), and **microF1** = F1 of the raw tp/fp/fn
  counts summed over all pages (long pages weigh more).

Timing covers the extraction calls only (not reading, decompressing or scoring),
in one process, one full pass per extractor after a warm-up on five pages
(``--repeat N``: the fastest of N passes, alternating the order); the clock is
the process's CPU time, so that other work on the machine skews the pages/s and
their ratio less. On a busy machine they still vary from run to run. The pipeline also extracts
metadata (title, authors, dates...), which plain ``extract`` does not; its cost
is timed separately (``trafilatura.extract_metadata`` with the pipeline's
settings) and printed under the table.

    .venv/bin/python bench/extraction.py [--limit N] [--repeat N] [--worst N] [--lowercase]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import trafilatura  # noqa: E402
from trafilatura.utils import load_html  # noqa: E402

from bench._stack import SHARED_DATA  # noqa: E402
from tasks.extract.html import _DATE_PARAMS, NoArticleFound, extract_html  # noqa: E402

_TOKEN = re.compile(r"\w+")
NGRAM = 4


def shingles(text: str, *, lowercase: bool = False) -> Counter:
    tokens = _TOKEN.findall(text.lower() if lowercase else text)
    return Counter(tuple(tokens[i : i + NGRAM]) for i in range(max(1, len(tokens) - NGRAM + 1)) if tokens[i : i + NGRAM])


def page_counts(truth: str, prediction: str, *, lowercase: bool = False) -> tuple[int, int, int]:
    """Raw (tp, fp, fn) over the shingle multisets of one page."""
    t, p = shingles(truth, lowercase=lowercase), shingles(prediction, lowercase=lowercase)
    return sum((t & p).values()), sum((p - t).values()), sum((t - p).values())


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def page_f1(counts: tuple[float, float, float]) -> float:
    """F1 of one page from its (tp, fp, fn), raw or normalised (the ratios are the same)."""
    return _f1(_precision(*counts), _recall(*counts))


def scores(counts: list[tuple[int, int, int]]) -> dict[str, float]:
    normalised = [tuple(x / s for x in c) if (s := sum(c)) else (0.0, 0.0, 0.0) for c in counts]
    precision = statistics.mean([_precision(*c) for c in normalised if c[0] + c[1] > 0] or [0.0])
    recall = statistics.mean([_recall(*c) for c in normalised if c[0] + c[2] > 0] or [0.0])
    tp, fp, fn = (sum(c[i] for c in counts) for i in range(3))
    return {
        "F1": _f1(precision, recall),
        "P": precision,
        "R": recall,
        "meanF1": statistics.mean(page_f1(c) for c in normalised),
        "microF1": _f1(_precision(tp, fp, fn), _recall(tp, fp, fn)),
    }


def load_pages(data: Path, limit: int | None) -> list[dict]:
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth)[:limit]:
        html = gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes())
        pages.append({"key": key, "html": html, "url": truth[key].get("url"), "truth": truth[key].get("articleBody") or ""})
    return pages


def pipeline(page: dict) -> str:
    try:
        return extract_html(page["html"], page["url"]).body
    except NoArticleFound:
        return ""


EXTRACTORS: dict[str, Callable[[dict], str]] = {
    "trafilatura.extract, AEB call": lambda page: trafilatura.extract(page["html"], url=page["url"], include_comments=False) or "",
    "trafilatura.extract, defaults": lambda page: trafilatura.extract(page["html"], url=page["url"]) or "",
    "newslake extract_html": pipeline,
}
BASELINE, OURS = "trafilatura.extract, AEB call", "newslake extract_html"


def metadata_only(page: dict) -> str:
    """What the pipeline pays for metadata (title, authors, date...), which plain extract skips."""
    trafilatura.extract_metadata(load_html(page["html"]), page["url"], _DATE_PARAMS)
    return ""


def run_all(
    extractors: dict[str, Callable[[dict], str]], pages: list[dict], repeat: int = 1
) -> dict[str, tuple[list[str], float]]:
    """Bodies and pages/s of every extractor: full passes, the fastest of ``repeat`` (the
    order of the extractors reversed every other round), after a warm-up on a few pages.
    The clock is this process's CPU time, so time spent waiting for a core held by another
    process is not counted. (Passes are not interleaved page by page: trafilatura's string
    caches, warmed by one extractor, would then speed up the next one on the same page.)"""
    for extract in extractors.values():
        for page in pages[:5]:
            extract(page)
    bodies: dict[str, list[str]] = {}
    best = dict.fromkeys(extractors, float("inf"))
    for round_ in range(max(1, repeat)):
        names = list(extractors) if round_ % 2 == 0 else list(reversed(extractors))
        for name in names:
            started = time.process_time()
            bodies[name] = [extractors[name](page) for page in pages]
            best[name] = min(best[name], time.process_time() - started)
    return {name: (bodies[name], len(pages) / max(best[name], 1e-9)) for name in extractors}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages (sorted by sha256)")
    parser.add_argument("--worst", type=int, default=0, help="list the N pages where the pipeline scores lowest")
    parser.add_argument("--repeat", type=int, default=1, help="time N passes, keep the fastest (steadier pages/s)")
    parser.add_argument("--lowercase", action="store_true", help="fold case before tokenising (AEB does not)")
    args = parser.parse_args()

    data = SHARED_DATA / "aeb"
    if not (data / "ground-truth.json").exists():
        raise SystemExit(f"no ground truth under {data}: set NEWSLAKE_SHARED_DATA")
    pages = load_pages(data, args.limit)
    if not pages:
        raise SystemExit("no pages selected")

    timed = run_all({**EXTRACTORS, "metadata": metadata_only}, pages, args.repeat)
    metadata_speed = timed.pop("metadata")[1]
    results = {}
    for name, (bodies, speed) in timed.items():
        counts = [page_counts(p["truth"], body, lowercase=args.lowercase) for p, body in zip(pages, bodies)]
        results[name] = {"bodies": bodies, "counts": counts, "speed": speed, **scores(counts)}

    print(f"AEB article bodies: {len(pages)} pages from {data}  (word 4-gram shingles{', lower-cased' if args.lowercase else ''})")
    print(f"{'extractor':<32} {'F1':>6} {'P':>6} {'R':>6} {'meanF1':>7} {'microF1':>8} {'pages/s':>8}")
    for name, r in results.items():
        print(f"{name:<32} {r['F1']:6.4f} {r['P']:6.4f} {r['R']:6.4f} {r['meanF1']:7.4f} {r['microF1']:8.4f} {r['speed']:8.1f}")
    ours, base = results[OURS], results[BASELINE]
    better = sum(page_f1(a) > page_f1(b) + 1e-9 for a, b in zip(ours["counts"], base["counts"]))
    worse = sum(page_f1(a) < page_f1(b) - 1e-9 for a, b in zip(ours["counts"], base["counts"]))
    print(
        f"pipeline vs AEB call: F1 {ours['F1'] - base['F1']:+.4f}, meanF1 {ours['meanF1'] - base['meanF1']:+.4f}; "
        f"speed ratio {ours['speed'] / base['speed']:.2f} ({base['speed'] / ours['speed']:.2f}x the time); "
        f"pages better/worse/same: {better}/{worse}/{len(pages) - better - worse}"
    )
    print(
        f"time per page: AEB call {1000 / base['speed']:.1f} ms, pipeline {1000 / ours['speed']:.1f} ms, "
        f"of which metadata (not done by plain extract) ~{1000 / metadata_speed:.1f} ms"
    )
    if args.worst:
        print("\nlowest pipeline page F1 (pipeline vs AEB call):")
        ranked = sorted(range(len(pages)), key=lambda i: page_f1(ours["counts"][i]))
        for i in ranked[: args.worst]:
            print(f"  {page_f1(ours['counts'][i]):.3f} {page_f1(base['counts'][i]):.3f}  {pages[i]['key'][:12]}  {pages[i]['url']}")


if __name__ == "__main__":
    main()
