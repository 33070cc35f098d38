"""The analysis surface against the real S3 server: derived views over Delta, the Python
API, full-text search following the lake, exports that plain DuckDB opens, and saved
analyses.

The synthetic lake lives in buckets of its own, so it neither sees nor disturbs what
the other integration tests ingest into the session's bucket.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date

import pyarrow as pa
import pytest

import newslake
from newslake.analysis.export import export_database, setup_sql
from newslake.analysis.saved import run_analysis
from newslake.analysis.search import index_path, refresh_index, search
from newslake.core import lake
from newslake.core.query import _extension_file, connect
from newslake.core.views import DERIVED_VIEWS
from schemas import SCHEMA_VERSION, TABLES
from tests.integration.helpers import lake_in_bucket
from tests.unit.test_views_sql import DRONES, OIL, SEED, VELOS, _article, article_id, corpus, seed_body, utc


@pytest.fixture(scope="module")
def empty_lake(settings, local_stack):
    return lake_in_bucket(settings, "newslake-analysis-empty")


@pytest.fixture(scope="module")
def news(settings, local_stack, seed_path):
    isolated = lake_in_bucket(settings, "newslake-analysis")
    for name, table in corpus(seed_body(seed_path)).items():
        lake.merge(isolated, name, table)
    return isolated


def _plain_duckdb(script: str) -> dict:
    """Run ``script`` in a fresh interpreter that imports nothing but duckdb, with automatic
    extension downloads off: what a user with only ``pip install duckdb`` has."""
    prelude = (
        "import json, sys, duckdb\n"
        "def connect(path):\n"
        "    con = duckdb.connect(path, config={'autoinstall_known_extensions': False, 'autoload_known_extensions': False})\n"
        "    return con\n"
    )
    result = subprocess.run([sys.executable, "-c", prelude + script], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_views_work_on_an_empty_lake(empty_lake):
    con = connect(empty_lake)
    for view in (*TABLES, *(v.name for v in DERIVED_VIEWS)):
        assert con.sql(f"SELECT count(*) FROM {view}").fetchone()[0] == 0, view
    assert search(empty_lake, "Putin") == []


def test_newslake_connect_reads_settings_from_the_environment(settings, local_stack):
    assert newslake.connect is connect
    con = newslake.connect()
    secrets = con.sql("SELECT name, type, persistent FROM duckdb_secrets()").fetchall()
    assert secrets == [("newslake_s3", "s3", False)]
    views = {name for (name,) in con.sql("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    assert {*TABLES, *(v.name for v in DERIVED_VIEWS)} <= views


def test_derived_views_over_delta_and_arrow_results(news):
    con = connect(news)
    rows = con.sql("SELECT day, articles FROM daily_coverage WHERE domain = 'eurasia.example' ORDER BY day").fetchall()
    assert rows == [(date(2026, 3, 10), 1), (date(2026, 3, 11), 1)]
    iran = con.sql("SELECT sum(articles), sum(mentions) FROM entity_mentions_daily WHERE entity = 'Iran'").fetchone()
    assert iran == (3, 14)
    pair = con.sql("SELECT articles FROM entity_cooccurrence WHERE entity_a = 'Iran' AND entity_b = 'OPEC'").fetchone()
    assert pair == (2,)
    table = con.sql("SELECT cluster_id, articles, outlets, title FROM story_clusters ORDER BY articles DESC, cluster_id").arrow().read_all()
    assert isinstance(table, pa.Table)
    assert table.num_rows == 6
    assert table.slice(0, 1).to_pylist() == [
        {"cluster_id": OIL, "articles": 2, "outlets": 2, "title": "Iran oil exports climb to five-year high"}]


def test_search_ranks_the_seed_story_first(news):
    hits = search(news, "Putin Iran drones")
    assert hits[0].article_id == SEED
    assert hits[0].title == "President Putin Visit Iran To Forge New Anti-West Alliance"
    assert (hits[0].domain, hits[0].published_at) == ("eurasia.example", utc(2026, 3, 10, 8))
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    assert {DRONES, OIL}.issubset({hit.article_id for hit in hits})  # each shares one word with the query
    assert VELOS not in {hit.article_id for hit in hits}
    marked = hits[0].snippet
    assert len({word.lower() for word in re.findall(r"«(\w+)»", marked)}) >= 2  # a passage holding several terms
    assert marked.replace("«", "").replace("»", "").strip("… ") in " ".join(seed_body_words(news))


def seed_body_words(settings) -> list[str]:
    body = connect(settings).sql("SELECT body FROM articles WHERE article_id = ?", params=[SEED]).fetchone()[0]
    return body.split()


def test_search_filters_and_limits(news):
    assert [hit.article_id for hit in search(news, "vélos", lang="fr")] == [VELOS]
    assert search(news, "velo", lang="en") == []
    assert SEED not in {hit.article_id for hit in search(news, "Putin", since="2026-03-11")}
    assert len(search(news, "Iran", limit=1)) == 1
    assert search(news, "the and of") == []  # stop words only


def test_materialized_export_opens_in_plain_duckdb(news, tmp_path):
    path = tmp_path / "news.duckdb"
    result = export_database(news, path, materialize=True)
    expected = {name: connect(news).sql(f"SELECT count(*) FROM {name}").fetchone()[0] for name in TABLES}
    assert result.rows == expected and expected["articles"] >= 7 and expected["mentions"] == 12
    opened = _plain_duckdb(
        f"con = connect({str(path)!r})\n"
        "counts = {t: con.sql(f'SELECT count(*) FROM {t}').fetchone()[0] for t in " + repr(sorted(TABLES)) + "}\n"
        "loaded = [n for (n,) in con.sql('SELECT extension_name FROM duckdb_extensions() WHERE loaded').fetchall()]\n"
        "clusters = con.sql('SELECT articles FROM story_clusters ORDER BY articles DESC LIMIT 1').fetchone()[0]\n"
        "meta = con.sql('SELECT materialized, schema_version, setup_sql FROM newslake_export').fetchone()\n"
        "print(json.dumps({'counts': counts, 'loaded': loaded, 'clusters': clusters, 'meta': meta}))\n"
    )
    assert opened["counts"] == expected
    assert "delta" not in opened["loaded"] and "httpfs" not in opened["loaded"]
    assert opened["clusters"] == 2
    assert opened["meta"] == [True, SCHEMA_VERSION, None]
    with pytest.raises(FileExistsError):
        export_database(news, path, materialize=True)
    assert [p.name for p in tmp_path.iterdir()] == ["news.duckdb"]  # no temporary file left


def test_view_export_reads_the_live_lake_after_setup(news, tmp_path):
    path = tmp_path / "live.duckdb"
    result = export_database(news, path, materialize=False)
    assert result.rows == {} and {"articles", "daily_coverage", "story_clusters"} <= set(result.views)
    from newslake.core.storage import s3_access

    assert s3_access(news).secret_key not in result.setup_sql and "CREATE OR REPLACE PERSISTENT SECRET" in result.setup_sql
    setup = setup_sql(news, credentials=True, persistent=False)  # temporary: nothing written to ~/.duckdb
    wheels = {name: str(_extension_file(name)) for name in ("httpfs", "delta")}
    opened = _plain_duckdb(
        f"con = connect({str(path)!r})\n"
        "try:\n"
        "    con.sql('SELECT count(*) FROM articles').fetchall(); before = 'read'\n"
        "except duckdb.Error as exc:\n"
        "    before = str(exc)\n"
        f"for path in {list(wheels.values())!r}:\n"
        "    con.execute(f\"INSTALL '{path}'\")\n"
        f"con.execute({setup!r})\n"
        "count = con.sql('SELECT count(*) FROM articles').fetchone()[0]\n"
        "days = con.sql('SELECT count(*) FROM daily_coverage').fetchone()[0]\n"
        "print(json.dumps({'before': before, 'count': count, 'days': days}))\n"
    )
    assert "delta" in opened["before"].lower()  # the views need the delta extension…
    live = connect(news)
    assert opened["count"] == live.sql("SELECT count(*) FROM articles").fetchone()[0]  # …then read the lake
    assert opened["days"] == live.sql("SELECT count(*) FROM daily_coverage").fetchone()[0]


def test_saved_analysis_over_the_lake(news):
    relation = run_analysis(news, "top_entities", {"since": "2026-03-01", "until": "2026-03-31", "limit": "2"})
    assert relation.columns[:4] == ["entity", "type", "country_code", "articles"]
    assert [row[:4] for row in relation.fetchall()] == [("Iran", "PLACE", "IR", 3), ("Vladimir Putin", "PERSON", None, 2)]
    quoted = run_analysis(news, "quoted_about", {"entity": "Vladimir Putin", "since": "2026-03-01", "until": "2026-03-31"})
    assert quoted.arrow().read_all().column("speaker").to_pylist() == ["Andrey Kortunov", "Dmitry Peskov"]


def test_search_index_follows_the_lake(news):
    """Last in this module: it adds an article to the shared synthetic lake."""
    before = refresh_index(news)
    assert before.exists()
    assert refresh_index(news) == before  # no change in the lake: the same file, not rebuilt
    fresh = _article(article_id("zeppelin"), "Zeppelin returns", "A zeppelinoscope was unveiled at the harbour today.",
                     domain="harbour.example", published_at=utc(2026, 3, 13, 10))
    lake.merge(news, "articles", pa.Table.from_pylist([fresh], schema=TABLES["articles"].schema))
    hits = search(news, "zeppelinoscope")
    assert [hit.article_id for hit in hits] == [article_id("zeppelin")]
    assert "«zeppelinoscope»" in hits[0].snippet
    after = index_path(news, lake.open_table(news, "articles").version())
    assert after != before and after.exists() and not before.exists()
    lake_key = after.name.rsplit("-v", 1)[0]
    this_lake = [p.name for p in after.parent.iterdir() if p.name.startswith(lake_key) or "partial" in p.name]
    assert this_lake == [after.name]  # older versions and temporary files gone
