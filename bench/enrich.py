"""Enrichment throughput on 1,000 real article bodies, stage by stage, against the bare
library calls on the same texts, measured in the same run, in one process.

Texts: the bodies the pipeline extracts from the 181 pages of shared/data/aeb, the
seed article and the examples, cycled to 1,000 (extraction itself is not timed).

For each stage it prints articles/s of the bare call (py3langid ``classify``,
spaCy ``nlp.pipe`` with the NER pipe only, VADER ``polarity_scores``, YAKE
``extract_keywords``) and of newslake's stage; newslake's own stages (quotes,
figures, readability, lede, SimHash) have no library to compare with. Then it runs
the whole enrichment as the pipeline does (``enrich_batch`` → Arrow tables of
articles and child rows → Parquet writes to local Delta tables) and prints its
overhead over the sum of the stages. Bar: at most 15 %.

    .venv/bin/python bench/enrich.py [--articles 1000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._stack import ROOT, SHARED_DATA  # noqa: E402


def load_bodies(count: int) -> list[tuple[str, str | None]]:
    """(body, language) of real articles, as the pipeline extracts them, cycled to ``count``."""
    from schemas.records import Extracted, RawObject
    from tasks.enrich.basic import detect_language
    from tasks.extract.dispatch import extract_object

    paths = sorted((SHARED_DATA / "aeb" / "html").glob("*.html.gz"))
    paths += sorted((SHARED_DATA / "seed").glob("*.txt")) + sorted((ROOT / "examples").rglob("*.*"))
    bodies = []
    for path in paths:
        for item in extract_object(RawObject(path.name, path.read_bytes())):
            if isinstance(item, Extracted) and len(item.body.split()) >= 5:
                bodies.append((item.body, detect_language(item.body, item.declared_language)))
    return [bodies[i % len(bodies)] for i in range(count)]


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()

    import spacy
    import yake
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from schemas import TABLES
    from schemas.validate import to_table
    from tasks.enrich import basic as enrich_basic
    from tasks.enrich import entities as enrich_entities
    from tasks.enrich.batch import enrich_batch
    from tasks.enrich.dedup import simhash
    from tasks.enrich.figures import extract_figures
    from tasks.enrich.keywords import keywords
    from tasks.enrich.lede import lede
    from tasks.enrich.quotes import extract_quotes
    from tasks.enrich.readability import flesch_reading_ease, lix
    from tasks.enrich.tone import tone

    data = load_bodies(args.articles)
    texts = [body for body, _ in data]
    langs = [lang for _, lang in data]
    english = [body for body, lang in data if lang == "en"]
    n = len(texts)

    identifier = enrich_basic._language_identifier()
    bare_nlp = spacy.load(enrich_entities.DEFAULT_MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    enrich_entities.load_nlp()  # load both models before timing
    vader = SentimentIntensityAnalyzer()
    yakes: dict[str, yake.KeywordExtractor] = {}

    def bare_yake() -> None:
        for body, lang in data:
            yakes.setdefault(lang or "en", yake.KeywordExtractor(lan=lang or "en", n=2, top=20)).extract_keywords(body[:20000])

    rows = []  # (stage, bare seconds or None, newslake seconds)
    rows.append(("language", timed(lambda: [identifier.classify(t[:5000]) for t in texts]),
                 timed(lambda: [enrich_basic.detect_language(t) for t in texts])))
    rows.append(("entities (NER)", timed(lambda: list(bare_nlp.pipe(english, batch_size=64))),
                 timed(lambda: enrich_entities.extract_entities(texts, langs))))
    rows.append(("tone", timed(lambda: [vader.polarity_scores(t) for t in english]),
                 timed(lambda: [tone(t, lang) for t, lang in data])))
    rows.append(("keywords", timed(bare_yake), timed(lambda: [keywords(t, lang) for t, lang in data])))
    entity_results = enrich_entities.extract_entities(texts, langs)
    rows.append(("quotes", None, timed(lambda: [extract_quotes(t, e.entities) for t, e in zip(texts, entity_results)])))
    rows.append(("figures", None, timed(lambda: [extract_figures(t) for t, lang in data if lang == "en"])))
    rows.append(("readability", None, timed(lambda: [(flesch_reading_ease(t, lang), lix(t)) for t, lang in data])))
    rows.append(("lede", None, timed(lambda: [lede(t) for t in texts])))
    rows.append(("simhash", None, timed(lambda: [simhash(t) for t in texts])))

    now = datetime.now(UTC)
    base = [
        enrich_basic.enrich_basic(
            enrich_basic_extracted(body), enrich_basic.Provenance("bench", "bench", now, raw_key=f"k{i}")
        )
        for i, body in enumerate(texts)
    ]
    for i, row in enumerate(base):  # cycled texts would share ids
        row["article_id"] = f"{i:032x}"

    def whole() -> None:
        from deltalake import write_deltalake

        enriched = enrich_batch([dict(row) for row in base])
        with tempfile.TemporaryDirectory() as folder:
            tables = {
                "articles": to_table([e.row for e in enriched], TABLES["articles"].schema),
                "mentions": to_table([m for e in enriched for m in e.mentions], TABLES["mentions"].schema),
                "quotes": to_table([q for e in enriched for q in e.quotes], TABLES["quotes"].schema),
                "figures": to_table([f for e in enriched for f in e.figures], TABLES["figures"].schema),
            }
            for name, table in tables.items():
                write_deltalake(f"{folder}/{name}", table, mode="append")

    whole_seconds = timed(whole)
    stage_sum = sum(ours for _, _, ours in rows) - rows[0][2]  # language is detected before enrichment
    print(f"articles: {n} ({len(english)} English), one process")
    print(f"{'stage':16} {'bare lib/s':>11} {'newslake/s':>11} {'vs bare':>8}")
    for stage, bare, ours in rows:
        bare_rate = f"{n / bare:11.1f}" if bare else f"{'—':>11}"
        ratio = f"{bare / ours:7.2f}x" if bare else f"{'':>8}"
        print(f"{stage:16} {bare_rate} {n / ours:11.1f} {ratio}")
    overhead = whole_seconds / stage_sum - 1
    print(f"{'sum of stages':16} {'':>11} {n / stage_sum:11.1f}")
    print(f"{'whole enrichment':16} {'':>11} {n / whole_seconds:11.1f}   (enrich_batch + Arrow + Delta writes)")
    print(f"orchestration overhead over the stages: {overhead * 100:+.1f} %  (bar: ≤ 15 %) "
          f"{'PASS' if overhead <= 0.15 else 'FAIL'}")


def enrich_basic_extracted(body: str):
    from schemas.records import Extracted

    return Extracted(body=body, format="text", extractor="bench")


if __name__ == "__main__":
    main()
