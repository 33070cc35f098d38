"""The ``entities`` view over mentions written by the real enrichment, in a local DuckDB lake."""

from __future__ import annotations

import pyarrow as pa

from schemas.tables import VIEW_SCHEMAS
from tasks.enrich.annotations import annotate_batch
from tests.unit.test_views_sql import _article, _local_lake, article_id, corpus, seed_body, utc

TEXTS = {
    "a": "Donald Trump spoke in Washington on Monday. Americans in the United States listened.",
    "b": "The U.S. economy grew, Trump told reporters, and an American official agreed.",
    "c": "President Trump met officials from the US at the White House.",
}


def _lake(seed_path):
    tables = corpus(seed_body(seed_path))
    articles, mentions = tables["articles"].to_pylist(), []
    for day, (name, text) in enumerate(TEXTS.items(), start=1):
        aid, published = article_id(name), utc(2026, 4, day, 12)
        articles.append(_article(aid, name, text, published_at=published))
        (annotation,) = annotate_batch([text], ["en"])
        mentions += [{**m, "article_id": aid, "published_at": published, "language": "en", "enrichment_version": 1}
                     for m in annotation.mentions]
    tables["articles"] = pa.Table.from_pylist(articles, schema=tables["articles"].schema)
    mentions_schema = tables["mentions"].schema
    tables["mentions"] = pa.concat_tables([tables["mentions"], pa.Table.from_pylist(mentions, schema=mentions_schema)])
    return _local_lake(tables)


def test_one_row_per_canonical_entity_with_its_aliases(seed_path):
    con = _lake(seed_path)
    rows = {r[0]: r for r in con.sql(
        "SELECT name, type, aliases, country_code, article_count, first_seen, last_seen FROM entities "
        "WHERE name IN ('Donald Trump', 'United States', 'American')").fetchall()}
    assert rows["Donald Trump"][4] == 3 and {"Trump", "Donald Trump"} <= set(rows["Donald Trump"][2])
    assert rows["United States"][4] == 3 and rows["United States"][3] == "US"
    assert {"U.S.", "US", "United States"} <= set(rows["United States"][2])
    assert rows["American"][1] == "NORP" and {"American", "Americans"} <= set(rows["American"][2])
    assert rows["Donald Trump"][5] < rows["Donald Trump"][6]
    ids = con.sql("SELECT count(*) = count(DISTINCT entity_id) FROM entities").fetchone()[0]
    assert ids


def test_the_view_matches_its_contract(seed_path):
    con = _lake(seed_path)
    assert con.sql("SELECT * FROM entities").columns == VIEW_SCHEMAS["entities"].names
