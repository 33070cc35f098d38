"""Faceted search over the companion index, on a small index built the way
newslake.analysis.search builds it (local DuckDB files only: no S3)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pyarrow as pa
import pytest

from newslake.analysis.search import _IGNORE
from newslake.core.query import open_local, sql_literal
from newslake.web.highlight import SNIPPET_MARKS
from newslake.web.params import SearchParams
from newslake.web.search import PER_PAGE, bucket_end, run_search
from newslake.web.search_index import Companion, write_companion

DOCS = [
    # article_id, title, domain, published_at, language, body
    ("a" * 32, "Drones over Kyiv", "harbour.example", datetime(2026, 3, 2, 9, tzinfo=UTC), "en",
     "Russian drones struck Kyiv overnight. Vladimir Putin said the drones would continue."),
    ("b" * 32, "Putin visits Iran", "eurasia.example", datetime(2026, 3, 3, 9, tzinfo=UTC), "en",
     "Putin arrived in Iran to forge an alliance. Iran supplies drones to Russia."),
    ("c" * 32, "Harbour strike ends", "harbour.example", datetime(2026, 3, 4, 9, tzinfo=UTC), "en",
     "The port strike ended after nine days. Dockworkers returned."),
    ("d" * 32, "Les vélos de Saint-Aubin", "ouest.example", datetime(2026, 4, 5, 9, tzinfo=UTC), "fr",
     "Les vélos électriques arrivent à Saint-Aubin. Les drones aussi."),
    ("e" * 32, None, None, None, "de", "Ein Text ohne Datum über Drohnen und den Hafen."),
]
ENTITIES = [("a" * 32, "Vladimir Putin", "PERSON"), ("a" * 32, "Kyiv", "PLACE"), ("b" * 32, "Vladimir Putin", "PERSON"),
            ("b" * 32, "Iran", "PLACE"), ("c" * 32, "Harbour Authority", "ORG"), ("e" * 32, "Hafen", "PLACE")]
COUNTRIES = [("a" * 32, "UA"), ("a" * 32, "RU"), ("b" * 32, "IR"), ("b" * 32, "RU")]


@pytest.fixture(scope="module")
def companion(tmp_path_factory):
    folder = tmp_path_factory.mktemp("web-search")
    index = folder / "index.duckdb"
    con = open_local(index, extensions=("fts",))
    con.execute("CREATE TABLE docs (article_id VARCHAR, title VARCHAR, url VARCHAR, domain VARCHAR, site_name VARCHAR, "
                "published_at TIMESTAMPTZ, language VARCHAR, body VARCHAR)")
    for article_id, title, domain, published, language, body in DOCS:
        con.execute("INSERT INTO docs VALUES (?, ?, NULL, ?, NULL, ?, ?, ?)", [article_id, title, domain, published, language, body])
    con.execute("PRAGMA create_fts_index('docs', 'article_id', 'title', 'body', stemmer = 'porter', "
                f"stopwords = 'english', ignore = {sql_literal(_IGNORE)}, strip_accents = 1, lower = 1)")
    con.close()
    path = folder / "companion.duckdb"
    documents = folder / "companion.sqlite3"
    entities = pa.table({k: [row[i] for row in ENTITIES] for i, k in enumerate(("article_id", "entity", "type"))})
    entities = entities.append_column("count", pa.array([2, 1, 1, 3, 1, 1], pa.int32()))
    entities = entities.append_column("country_code", pa.array([None, "UA", None, "IR", None, "DE"]))
    quotes = pa.table({"article_id": ["a" * 32, "b" * 32, "b" * 32, "e" * 32], "quote_index": [0, 0, 1, 0],
                       "speaker": ["Vladimir Putin", "Vladimir Putin", "Ebrahim Raisi", "Hafenmeister"],
                       "quote": ["The drones will continue.", "We stand together.", "Welcome.", "Ohne Datum."]})
    countries = pa.table({k: [row[i] for row in COUNTRIES] for i, k in enumerate(("article_id", "country"))})
    clusters = pa.table({"article_id": ["a" * 32, "b" * 32], "cluster_id": ["a" * 32, "a" * 32]})  # b reprints a
    write_companion(path, documents, index, 7, entities, countries, clusters, quotes)
    opened = Companion(7, path, open_local(path, read_only=True, extensions=("fts",)))
    yield opened, index
    opened.con.close()


def test_scores_are_fts_match_bm25s(companion):
    opened, index = companion
    result = run_search(opened, SearchParams(q="Putin drones"))
    assert [hit.article_id[0] for hit in result.hits] == ["a", "b", "d"]
    con = open_local(index, read_only=True, extensions=("fts",))
    expected = dict(con.execute("SELECT article_id, fts_main_docs.match_bm25(article_id, 'Putin drones') FROM docs").fetchall())
    con.close()
    for hit in result.hits:
        assert hit.score == pytest.approx(expected[hit.article_id], rel=1e-9)
    assert result.total == 3 and result.terms


def test_snippets_mark_the_query_words_as_the_index_stems_them(companion):
    opened, _ = companion
    hit = run_search(opened, SearchParams(q="drone"))
    opening, closing = SNIPPET_MARKS
    assert f"{opening}drones{closing}" in hit.hits[0].snippet
    accents = run_search(opened, SearchParams(q="velos"))  # accents stripped, as the index does
    assert [h.article_id[0] for h in accents.hits] == ["d"]
    assert f"{opening}vélos{closing}" in accents.hits[0].snippet


def test_filters_narrow_and_facets_count(companion):
    opened, _ = companion
    result = run_search(opened, SearchParams(q="drones"))
    assert dict(result.languages) == {"en": 2, "fr": 1}
    assert dict(result.domains) == {"harbour.example": 1, "eurasia.example": 1, "ouest.example": 1}
    assert ("Vladimir Putin", "PERSON", 2) in result.entities
    assert dict(result.countries) == {"RU": 2, "UA": 1, "IR": 1}
    assert result.timeline_unit == "day" and sum(n for _, n in result.timeline) == 3
    checks = {
        SearchParams(q="drones", lang="fr"): ["d"],
        SearchParams(q="drones", domain="eurasia.example"): ["b"],
        SearchParams(q="drones", date_from=date(2026, 3, 3)): ["b", "d"],
        SearchParams(q="drones", date_to=date(2026, 3, 2)): ["a"],
        SearchParams(q="drones", entity="Vladimir Putin"): ["a", "b"],
        SearchParams(q="drones", entity="Vladimir Putin", entity_type="ORG"): [],
        SearchParams(q="drones", country="IR"): ["b"],
    }
    for params, expected in checks.items():
        assert sorted(h.article_id[0] for h in run_search(opened, params).hits) == expected, params


def test_browsing_without_words_lists_newest_first(companion):
    opened, _ = companion
    result = run_search(opened, SearchParams())
    assert result.total == 5
    assert [h.article_id[0] for h in result.hits] == ["d", "c", "b", "a", "e"]  # undated last
    assert all(h.score is None and h.snippet == "" for h in result.hits)
    assert [h.article_id[0] for h in run_search(opened, SearchParams(entity="Kyiv")).hits] == ["a"]


def test_words_in_no_article_and_empty_pages(companion):
    opened, _ = companion
    nothing = run_search(opened, SearchParams(q="xylophone the and"))
    assert nothing.unknown_words and nothing.total == 0 and nothing.hits == []
    past = run_search(opened, SearchParams(q="drones", page=2))
    assert past.hits == [] and past.pagination.beyond_last
    assert PER_PAGE >= 3


def test_timeline_buckets():
    assert bucket_end(date(2026, 3, 2), "day") == date(2026, 3, 2)
    assert bucket_end(date(2026, 2, 1), "month") == date(2026, 2, 28)
    assert bucket_end(date(2026, 12, 1), "month") == date(2026, 12, 31)
    assert bucket_end(date(2026, 1, 1), "year") == date(2026, 12, 31)


def test_the_companion_reads_documents_one_by_one(companion):
    opened, _ = companion
    found = opened.locate("b" * 32)
    assert found is not None and found.published_at == datetime(2026, 3, 3, 9, tzinfo=UTC)
    assert found.title == "Putin visits Iran" and found.body.startswith("Putin arrived in Iran")
    assert opened.locate("e" * 32).published_at is None
    assert opened.locate("f" * 32) is None
    assert set(opened.documents([found.docid, 999])) == {found.docid}
    assert (found.cluster_id, found.cluster_size) == ("a" * 32, 2)
    assert [d.article_id[0] for d in opened.cluster("a" * 32, 10)] == ["a", "b"]
    alone = opened.locate("c" * 32)
    assert (alone.cluster_id, alone.cluster_size) == ("c" * 32, 1)  # no cluster in the lake: its own


def test_an_entity_page_from_the_index(companion):
    from newslake.web.entities import entity_page_from_index

    opened, _ = companion
    page = entity_page_from_index(opened, "Vladimir Putin", None)
    assert (page.type, page.articles, page.mentions) == ("PERSON", 2, 3)
    assert [(row["entity"], row["articles"]) for row in page.cooccurring] == [("Iran", 1), ("Kyiv", 1)]
    assert [(q["speaker"], q["quotes"]) for q in page.quoted] == [("Vladimir Putin", 2), ("Ebrahim Raisi", 1)]
    assert page.quoted[1]["latest_article"] == "b" * 32
    assert [r["article_id"][0] for r in page.recent] == ["b", "a"]
    assert [day.isoformat() for day, _, _ in page.timeline] == ["2026-03-02", "2026-03-03"]
    undated = entity_page_from_index(opened, "Hafen", None)  # its only article has no publication time
    assert undated.quoted[0]["latest_article"] == "e" * 32 and undated.timeline == []
    assert entity_page_from_index(opened, "Vladimir Putin", "ORG") is None
    assert entity_page_from_index(opened, "Nobody", None) is None
