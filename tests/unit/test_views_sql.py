"""Derived views, saved analyses and search snippets over a small synthetic lake held in
local DuckDB tables (the same SQL runs over the Delta views in the integration tests).

The corpus builders here are also used by ``tests/integration/test_analysis.py``.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow as pa
import pytest

from newslake.analysis.saved import AnalysisError, bind_params, list_analyses, load_analysis, parse_analysis, run_analysis
from newslake.analysis.search import snippet
from newslake.core.query import create_derived_views, open_local
from newslake.core.views import COOCCURRENCE_TOP_ENTITIES, DERIVED_VIEWS
from schemas import TABLES


def article_id(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()[:32]


SEED, DRONES, OIL, OIL_COPY, KREMLIN, VELOS, UNDATED = (
    article_id(n) for n in ("seed", "drones", "oil", "oil-copy", "kremlin", "velos", "undated")
)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def seed_body(seed_path: Path) -> str:
    """The seed article's body: its lines from "Putin arrived in Iran" to "…Russian market."."""
    lines = seed_path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Putin arrived in Iran"))
    end = next(i for i, line in enumerate(lines) if line.rstrip().endswith("Russian market."))
    paragraphs = [line.strip() for line in lines[start : end + 1] if line.strip()]
    return "\n\n".join(paragraphs)


def _article(aid: str, title: str | None, body: str, **fields) -> dict:
    row = {name: None for name in TABLES["articles"].schema.names}
    words = len(re.findall(r"\w+", body))
    row |= {
        "article_id": aid, "title": title, "body": body, "word_count": words,
        "reading_time_minutes": max(1, round(words / 230)), "content_hash": hashlib.sha256(body.encode()).hexdigest(),
        "format": "json", "source": "synthetic", "extractor": "test/1", "pipeline_version": "test",
        "ingested_at": utc(2026, 3, 13, 12), "cluster_id": aid, "language": "en", "enrichment_version": 1,
    }
    return row | fields


def articles_rows(seed_text: str) -> list[dict]:
    """Seven articles: the seed story, three that share one of its words, a syndicated copy,
    a French one, and one without a date or outlet."""
    return [
        _article(SEED, "President Putin Visit Iran To Forge New Anti-West Alliance", seed_text,
                 domain="eurasia.example", site_name="Eurasia Review", url="https://eurasia.example/putin-iran",
                 published_at=utc(2026, 3, 10, 8), tone=-0.05, tone_positive=0.08, tone_negative=0.09),
        _article(DRONES, "Farmers turn to drones for crop spraying",
                 "Farmers in the valley are buying drones to spray crops. The drones cover a field in minutes.\n\n"
                 "Dealers say demand for agricultural drones doubled this year, and training courses are full.",
                 domain="agri.example", site_name="Agri Weekly", published_at=utc(2026, 3, 10, 14), tone=0.4),
        _article(OIL, "Iran oil exports climb to five-year high",
                 "Iran shipped more crude this month than at any time in five years, traders said. "
                 "Most cargoes from Iran went to Asian refiners.\n\nOPEC figures show Iran's output rising again.",
                 domain="energywire.example", site_name="Energy Wire", published_at=utc(2026, 3, 11, 6), tone=0.1),
        _article(OIL_COPY, "Iranian oil exports hit five-year high",
                 "Iran shipped more crude this month than at any time in five years, traders said. "
                 "Most cargoes from Iran went to Asian refiners.\n\nOPEC figures show Iran's output rising again.",
                 domain="dailyherald.example", site_name="Daily Herald", published_at=utc(2026, 3, 12, 9),
                 cluster_id=OIL, tone=0.0),
        _article(KREMLIN, "Putin meets Xi in Moscow",
                 "Putin welcomed Xi Jinping to Moscow for two days of talks. Putin said trade with China "
                 "had never been stronger.\n\nThe Kremlin said Putin and Xi signed eleven agreements.",
                 domain="eurasia.example", site_name="Eurasia Review", published_at=utc(2026, 3, 11, 23, 30), tone=-0.2),
        _article(VELOS, "Vélos en libre-service : Saint-Aubin double son réseau",
                 "La ville de Saint-Aubin double son réseau de vélos en libre-service. Les nouvelles stations "
                 "ouvriront au printemps, a annoncé la mairie.", language="fr",
                 domain="ouest.example", site_name="Ouest Matin", published_at=utc(2026, 3, 12, 7)),
        _article(UNDATED, None, "A scrape with no date, no title and no address, about harbour fees and tides.",
                 format="text"),
    ]


def mentions_rows() -> list[dict]:
    rows = [
        (SEED, "Vladimir Putin", "PERSON", 5, None), (SEED, "Iran", "PLACE", 8, "IR"), (SEED, "Russia", "PLACE", 4, "RU"),
        (SEED, "Andrey Kortunov", "PERSON", 1, None), (SEED, "Russian", "NORP", 6, "RU"),
        (OIL, "Iran", "PLACE", 3, "IR"), (OIL, "OPEC", "ORG", 1, None),
        (OIL_COPY, "Iran", "PLACE", 3, "IR"), (OIL_COPY, "OPEC", "ORG", 1, None),
        (KREMLIN, "Vladimir Putin", "PERSON", 3, None), (KREMLIN, "Xi Jinping", "PERSON", 2, None),
        (KREMLIN, "China", "PLACE", 1, "CN"),
    ]
    published = {row["article_id"]: row["published_at"] for row in articles_rows("")}
    return [
        {"article_id": aid, "entity": entity, "type": kind, "count": count, "offsets": [], "country_code": code,
         "published_at": published[aid], "language": "en", "enrichment_version": 1}
        for aid, entity, kind, count, code in rows
    ]


def quotes_rows() -> list[dict]:
    rows = [
        (SEED, 0, "This is an important visit for Putin personally.", "Andrey Kortunov", utc(2026, 3, 10, 8)),
        (SEED, 1, "Iran is not a natural ally.", "Andrey Kortunov", utc(2026, 3, 10, 8)),
        (SEED, 2, "We will see.", None, utc(2026, 3, 10, 8)),
        (KREMLIN, 0, "The talks were constructive.", "Dmitry Peskov", utc(2026, 3, 11, 23, 30)),
    ]
    return [
        {"article_id": aid, "quote_index": i, "quote": q, "speaker": s, "start": 0, "end": len(q), "published_at": p,
         "enrichment_version": 1}
        for aid, i, q, s, p in rows
    ]


def corpus(seed_text: str) -> dict[str, pa.Table]:
    """The synthetic lake, as Arrow tables typed by the lake's schemas."""
    data = {"articles": articles_rows(seed_text), "mentions": mentions_rows(), "quotes": quotes_rows()}
    return {name: pa.Table.from_pylist(rows, schema=TABLES[name].schema) for name, rows in data.items()}


def _local_lake(tables: dict[str, pa.Table]):
    con = open_local()
    for name, spec in TABLES.items():
        con.register("incoming", tables.get(name, spec.schema.empty_table()))
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM incoming")
        con.unregister("incoming")
    create_derived_views(con)
    return con


@pytest.fixture
def con(seed_path):
    return _local_lake(corpus(seed_body(seed_path)))


# --- derived views ---------------------------------------------------------------------


def test_every_view_works_on_an_empty_lake():
    empty = _local_lake({})
    for view in DERIVED_VIEWS:
        relation = empty.sql(f"SELECT * FROM {view.name}")
        assert relation.fetchall() == [], view.name
    assert empty.sql("SELECT * FROM daily_coverage").columns == ["day", "domain", "site_name", "language", "articles"]
    assert empty.sql("SELECT * FROM entity_mentions_daily").columns == [
        "day", "entity", "type", "country_code", "articles", "mentions"]


def test_daily_coverage_counts_utc_days_whatever_the_session_time_zone(con):
    con.execute("SET TimeZone = 'Asia/Tokyo'")  # 23:30 UTC on the 11th is the 12th in Tokyo
    rows = con.sql("SELECT day, domain, language, articles FROM daily_coverage ORDER BY day NULLS LAST, domain").fetchall()
    assert rows == [
        (date(2026, 3, 10), "agri.example", "en", 1),
        (date(2026, 3, 10), "eurasia.example", "en", 1),
        (date(2026, 3, 11), "energywire.example", "en", 1),
        (date(2026, 3, 11), "eurasia.example", "en", 1),
        (date(2026, 3, 12), "dailyherald.example", "en", 1),
        (date(2026, 3, 12), "ouest.example", "fr", 1),
        (None, None, "en", 1),  # the undated scrape is kept, with no day
    ]


def test_entity_mentions_daily_sums_articles_and_mentions(con):
    rows = con.sql(
        "SELECT day, articles, mentions, country_code FROM entity_mentions_daily WHERE entity = 'Iran' ORDER BY day"
    ).fetchall()
    assert rows == [(date(2026, 3, 10), 1, 8, "IR"), (date(2026, 3, 11), 1, 3, "IR"), (date(2026, 3, 12), 1, 3, "IR")]
    total = con.sql("SELECT sum(mentions) FROM entity_mentions_daily WHERE entity = 'Vladimir Putin'").fetchone()[0]
    assert total == 8


def test_cooccurrence_pairs_each_article_once_in_order_without_nationalities(con):
    rows = con.sql("SELECT entity_a, type_a, entity_b, type_b, articles FROM entity_cooccurrence ORDER BY ALL").fetchall()
    assert ("Iran", "PLACE", "OPEC", "ORG", 2) in rows
    assert ("Iran", "PLACE", "Vladimir Putin", "PERSON", 1) in rows
    assert ("China", "PLACE", "Vladimir Putin", "PERSON", 1) in rows
    assert all(a < b for a, _, b, _, _ in rows)
    assert not [row for row in rows if "NORP" in row or "Russian" in row]
    # seed: 4 PERSON/ORG/PLACE entities → 6 pairs; oil and its copy: 1 pair; Kremlin: 3 pairs
    assert len(rows) == 6 + 1 + 3


def test_cooccurrence_only_pairs_an_articles_most_mentioned_entities(con):
    many = [
        {"article_id": "atlas", "entity": f"Place {i:02d}", "type": "PLACE", "count": 100 - i}
        for i in range(COOCCURRENCE_TOP_ENTITIES + 10)
    ]
    con.register("many", pa.Table.from_pylist(many))
    con.execute("INSERT INTO mentions BY NAME SELECT * FROM many")
    pairs = con.sql("SELECT entity_a, entity_b FROM entity_cooccurrence WHERE entity_a LIKE 'Place %'").fetchall()
    n = COOCCURRENCE_TOP_ENTITIES
    assert len(pairs) == n * (n - 1) // 2
    assert max(b for _, b in pairs) == f"Place {n - 1:02d}"  # the least mentioned ones are left out


def test_story_clusters_group_syndicated_copies(con):
    rows = con.sql("SELECT * FROM story_clusters WHERE cluster_id = ?", params=[OIL]).fetchall()
    assert rows == [(OIL, "Iran oil exports climb to five-year high", 2, 2,
                     ["dailyherald.example", "energywire.example"], utc(2026, 3, 11, 6), utc(2026, 3, 12, 9))]
    assert con.sql("SELECT count(*) FROM story_clusters").fetchone()[0] == 6
    undated = con.sql("SELECT outlets, first_seen, title FROM story_clusters WHERE cluster_id = ?", params=[UNDATED]).fetchone()
    assert undated == (0, utc(2026, 3, 13, 12), None)  # seen when ingested


# --- saved analyses ----------------------------------------------------------------------


REQUIRED = {"top_entities", "quoted_about", "tone_by_outlet", "term_timeline", "story_clusters"}


def test_every_analysis_declares_exactly_the_parameters_its_sql_uses():
    analyses = list_analyses()
    assert REQUIRED <= {a.name for a in analyses}
    for analysis in analyses:
        assert analysis.description, analysis.name
        used = set(re.findall(r"\$([a-z_][a-z0-9_]*)", analysis.sql))
        assert used == {p.name for p in analysis.params}, analysis.name
        bind_params(analysis, {p.name: "x" for p in analysis.params if p.required and p.type == "string"})


def test_defaults_and_conversions():
    analysis = load_analysis("top_entities")
    values = bind_params(analysis, {}, today=date(2026, 3, 20))
    assert values == {"since": date(2026, 3, 13), "until": date(2026, 3, 20), "type": None, "limit": 20}
    values = bind_params(analysis, {"since": "3 days ago", "type": "person", "limit": "5"}, today=date(2026, 3, 20))
    assert values["since"] == date(2026, 3, 17) and values["type"] == "PERSON" and values["limit"] == 5


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("no_such_analysis", {}, "no analysis named 'no_such_analysis'"),
        ("../pyproject", {}, "no analysis named '../pyproject'"),
        ("quoted_about", {}, "analysis 'quoted_about': parameter entity (string, required) is required"),
        ("top_entities", {"since": "last tuesday"}, "analysis 'top_entities': parameter since (date, default 7 days ago): 'last tuesday' is not a date"),
        ("top_entities", {"limit": "ten"}, "parameter limit (integer, default 20): 'ten' is not an integer"),
        ("top_entities", {"type": "ANIMAL"}, "parameter type (PERSON|ORG|PLACE|NORP, optional): 'ANIMAL' is not one of PERSON, ORG, PLACE, NORP"),
        ("top_entities", {"entity": "Iran"}, "analysis 'top_entities' has no parameter 'entity'"),
    ],
)
def test_bad_names_and_parameters_are_named_in_the_error(name, params, message):
    with pytest.raises(AnalysisError) as caught:
        run_analysis(None, name, params, con=open_local())
    assert message in str(caught.value)


def test_malformed_header_is_an_error_naming_the_parameter():
    with pytest.raises(AnalysisError, match="analysis 'x': parameter 'when' has unknown type 'datetime'"):
        parse_analysis("x", "-- description: d\n-- param: when (datetime, required)\nSELECT $when", Path("x.sql"))
    with pytest.raises(AnalysisError, match="needs a '-- description:'"):
        parse_analysis("x", "SELECT 1", Path("x.sql"))


PERIOD = {"since": "2026-03-01", "until": "2026-03-31"}


def test_top_entities(con):
    rows = run_analysis(None, "top_entities", PERIOD, con=con).fetchall()
    assert rows[0][:5] == ("Iran", "PLACE", "IR", 3, 14)
    assert rows[1][:4] == ("Vladimir Putin", "PERSON", None, 2)
    people = run_analysis(None, "top_entities", PERIOD | {"type": "PERSON", "limit": "1"}, con=con).fetchall()
    assert [row[0] for row in people] == ["Vladimir Putin"]
    later = run_analysis(None, "top_entities", {"since": "2026-03-12", "until": "2026-03-12"}, con=con).fetchall()
    assert {row[0] for row in later} == {"Iran", "OPEC"}


def test_quoted_about_is_case_insensitive_and_literal(con):
    relation = run_analysis(None, "quoted_about", PERIOD | {"entity": "vladimir putin"}, con=con)
    assert relation.columns[:3] == ["speaker", "quotes", "articles"]
    assert [row[:3] for row in relation.fetchall()] == [("Andrey Kortunov", 2, 1), ("Dmitry Peskov", 1, 1)]
    injected = run_analysis(None, "quoted_about", PERIOD | {"entity": "x') OR true OR (lower('x"}, con=con).fetchall()
    assert injected == []


def test_tone_by_outlet(con):
    rows = run_analysis(None, "tone_by_outlet", PERIOD | {"bucket": "month"}, con=con).fetchall()
    outlets = {row[1]: row for row in rows}
    assert outlets["eurasia.example"][:4] == (date(2026, 3, 1), "eurasia.example", 2, -0.125)
    assert "ouest.example" not in outlets  # French: no tone
    daily = run_analysis(None, "tone_by_outlet", PERIOD | {"bucket": "day", "min_articles": "1"}, con=con).fetchall()
    assert len(daily) == 5


def test_term_timeline(con):
    rows = run_analysis(None, "term_timeline", PERIOD | {"term": "DRONES"}, con=con).fetchall()
    assert rows[0] == (date(2026, 3, 10), 2, 2, 100.0)
    assert rows[1][:3] == (date(2026, 3, 11), 0, 2)
    french = run_analysis(None, "term_timeline", PERIOD | {"term": "vélos", "lang": "fr"}, con=con).fetchall()
    assert french == [(date(2026, 3, 12), 1, 1, 100.0)]


def test_story_clusters_and_cooccurring_entities(con):
    clusters = run_analysis(None, "story_clusters", {"since": "2026-03-01"}, con=con).fetchall()
    assert [(row[0], row[2]) for row in clusters] == [(OIL, 2)]
    partners = run_analysis(None, "cooccurring_entities", {"entity": "iran"}, con=con).fetchall()
    assert partners[0][:3] == ("OPEC", "ORG", 2)
    assert {row[0] for row in partners} == {"OPEC", "Vladimir Putin", "Russia", "Andrey Kortunov"}


# --- search snippets ---------------------------------------------------------------------


def _words(*terms: str):
    return lambda word: word.lower() in terms


def test_snippet_picks_the_passage_with_most_distinct_terms_and_marks_them():
    body = ("Iran said nothing. Iran again. Iran once more.\n\n"
            "Officials said drones and Putin were on the agenda in Iran. Nothing else.")
    text = snippet(body, _words("putin", "iran", "drones"), max_words=12)
    assert text == "Officials said «drones» and «Putin» were on the agenda in «Iran»."


def test_snippet_trims_a_long_sentence_around_the_first_match():
    body = " ".join(["filler"] * 60 + ["Putin"] + ["tail"] * 60) + "."
    text = snippet(body, _words("putin"), marks=("[", "]"), max_words=20)
    assert text.startswith("… ") and text.endswith(" …")
    assert "[Putin]" in text and len(text.split()) == 22


def test_snippet_without_matches_is_the_opening():
    assert snippet("First sentence here. Second one.", _words("zzz"), max_words=3) == "First sentence here."
