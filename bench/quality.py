"""Title, publication day, authors and body of newslake's extraction against plain
``trafilatura.bare_extraction``, in the same run, on shared/data/naeb-dev and shared/data/aeb.

Scored as the quality bars are scored (shared/data/README.md):

* **title** exact after Unicode NFKC, lower-casing, removing straight and curly quotes and
  folding whitespace;
* **day**: the publisher's local calendar day. For newslake, the first ten characters of
  ``published_at_local`` (the time as the page states it), else the UTC day of
  ``published_at``; for trafilatura, its ``date`` (htmldate's day);
* **authors** equal as a set of names after the same normalisation, each side split on
  ``,`` ``;`` ``and`` ``&`` ``|`` (a page without authors is right when nothing is found);
* **body** F1 over word 4-gram shingles, exactly as ``bench/extraction.py`` computes the AEB
  score (the scoring functions are imported from there, one place for them).

naeb-dev is a development set, so it is also reported in two halves split by site (a hash of
the site name, so that both halves keep their sites across runs): tune on one, check on the
other. AEB holds body truth only. newslake runs the pipeline's extraction step as ingestion
does (``tasks.extract.dispatch.extract_object``: decoding, format detection, HTML extraction
and the checks), given each page's URL; a rejected page counts as empty in every field.

    .venv/bin/python bench/quality.py [--limit N] [--misses FIELD ...] [--half A|B]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import trafilatura  # noqa: E402

from bench._stack import SHARED_DATA  # noqa: E402
from bench.extraction import page_counts, scores  # noqa: E402
from schemas.records import Extracted, RawObject  # noqa: E402
from tasks.extract.dispatch import extract_object  # noqa: E402

_QUOTES = re.compile("[\"'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f]")
_SPACES = re.compile(r"\s+")
_AUTHOR_SPLIT = re.compile(r"\s*(?:[,;&|]|\band\b)\s*")
FIELDS = ("title", "day", "authors", "body")


@dataclass(frozen=True)
class Page:
    key: str
    set: str
    html: bytes
    url: str | None
    truth: dict[str, str | None]  # title, day, authors (a byline string), body; None: not known


@dataclass(frozen=True)
class Prediction:
    title: str | None
    day: str | None
    authors: list[str]
    body: str


def normal(text: str | None) -> str:
    """The README's normal form: NFKC, lower case, no straight or curly quotes, folded spaces."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    return _SPACES.sub(" ", _QUOTES.sub("", text)).strip()


def author_set(names: list[str] | str | None) -> frozenset[str]:
    """Names as a set, each split on the README's separators and normalised."""
    joined = "; ".join(names) if isinstance(names, list) else names or ""
    return frozenset(n for n in (normal(part) for part in _AUTHOR_SPLIT.split(normal(joined))) if n)


def correct(field: str, truth: str, prediction: Prediction) -> bool:
    if field == "title":
        return normal(truth) == normal(prediction.title)
    if field == "day":
        return truth == (prediction.day or "")
    return author_set(truth) == author_set(prediction.authors)


def half_of(site: str) -> str:
    """A or B, from a hash of the site: stable across runs and machines."""
    return "AB"[hashlib.sha256(site.encode()).digest()[0] % 2]


def load(limit: int | None, half: str | None) -> list[Page]:
    pages: list[Page] = []
    naeb = SHARED_DATA / "naeb-dev"
    truth = json.loads((naeb / "ground-truth.json").read_text(encoding="utf-8"))
    for key in sorted(truth)[:limit]:
        t = truth[key]
        name = f"naeb-dev {half_of(t['site'])}"
        if half and not name.endswith(half):
            continue
        fields = {"title": t["title"], "day": t["date"], "authors": t["authors"], "body": t["body"]}
        pages.append(Page(key, name, gzip.decompress((naeb / "html" / f"{key}.html.gz").read_bytes()), t["url"], fields))
    aeb = SHARED_DATA / "aeb"
    truth = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
    for key in sorted(truth)[:limit] if not half else []:
        fields = {"title": None, "day": None, "authors": None, "body": truth[key].get("articleBody") or ""}
        pages.append(Page(key, "aeb", gzip.decompress((aeb / "html" / f"{key}.html.gz").read_bytes()), truth[key].get("url"), fields))
    return pages


def newslake(page: Page) -> Prediction:
    items = extract_object(RawObject(key=f"bench/{page.key}.html", data=page.html, source_url=page.url))
    article = next((i for i in items if isinstance(i, Extracted)), None)
    if article is None:
        return Prediction(None, None, [], "")
    local = getattr(article, "published_at_local", None)
    day = local[:10] if local else article.published_at.date().isoformat() if article.published_at else None
    return Prediction(article.title, day, list(article.authors), article.body)


def plain_trafilatura(page: Page) -> Prediction:
    doc = trafilatura.bare_extraction(page.html, url=page.url, with_metadata=True)
    if doc is None:
        return Prediction(None, None, [], "")
    return Prediction(doc.title, doc.date, [doc.author] if doc.author else [], doc.text or "")


EXTRACTORS: dict[str, Callable[[Page], Prediction]] = {"newslake": newslake, "trafilatura": plain_trafilatura}


def score(pages: list[Page], predictions: list[Prediction]) -> dict[str, float]:
    """Each field's score over the pages that hold its truth."""
    result: dict[str, float] = {}
    for field in FIELDS[:3]:
        pairs = [(p.truth[field], pr) for p, pr in zip(pages, predictions) if p.truth[field] is not None]
        if pairs:
            result[field] = sum(correct(field, t, pr) for t, pr in pairs) / len(pairs)
    result["body"] = scores([page_counts(p.truth["body"] or "", pr.body) for p, pr in zip(pages, predictions)])["F1"]
    return result


def table(pages: list[Page], runs: dict[str, list[Prediction]]) -> None:
    sets = sorted({p.set for p in pages}) + ["naeb-dev all"]
    print(f"{'set':<14} {'pages':>5} {'field':<8} {'newslake':>9} {'trafilatura':>12} {'ratio':>6}")
    for name in sets:
        chosen = [i for i, p in enumerate(pages) if p.set == name or (name == "naeb-dev all" and p.set.startswith("naeb-dev"))]
        if not chosen:
            continue
        subset = [pages[i] for i in chosen]
        ours, base = (score(subset, [runs[e][i] for i in chosen]) for e in EXTRACTORS)
        for field in (f for f in FIELDS if f in ours):
            ratio = ours[field] / base[field] if base[field] else float("inf")
            print(f"{name:<14} {len(subset):>5} {field:<8} {ours[field]:9.3f} {base[field]:12.3f} {ratio:6.2f}")


def misses(pages: list[Page], runs: dict[str, list[Prediction]], field: str) -> None:
    """Pages where newslake gets ``field`` wrong: truth, newslake, trafilatura."""
    print(f"\nnewslake misses on {field}:")
    for i, page in enumerate(pages):
        truth = page.truth.get(field)
        if truth is None or field == "body" or correct(field, truth, runs["newslake"][i]):
            continue
        ours, base = runs["newslake"][i], runs["trafilatura"][i]
        value = {"title": lambda p: p.title, "day": lambda p: p.day, "authors": lambda p: p.authors}[field]
        print(f"  {page.key[:10]} {page.url}\n     truth {truth!r}\n     ours  {value(ours)!r}\n     trafi {value(base)!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages of each set (sorted by key)")
    parser.add_argument("--half", choices=["A", "B"], help="only this half of naeb-dev (no AEB)")
    parser.add_argument("--misses", choices=["title", "day", "authors"], action="append", default=[], help="list newslake's misses on this field (repeatable)")
    args = parser.parse_args()
    if not (SHARED_DATA / "naeb-dev" / "ground-truth.json").exists():
        raise SystemExit(f"no ground truth under {SHARED_DATA}: set NEWSLAKE_SHARED_DATA")
    pages = load(args.limit, args.half)
    runs: dict[str, list[Prediction]] = {}
    seconds: dict[str, float] = {}
    for name, extract in EXTRACTORS.items():
        started = time.process_time()
        runs[name] = [extract(p) for p in pages]
        seconds[name] = time.process_time() - started
    table(pages, runs)
    print("CPU seconds: " + ", ".join(f"{name} {s:.1f}" for name, s in seconds.items()))
    for field in args.misses:
        misses(pages, runs, field)


if __name__ == "__main__":
    main()
