"""End to end through the CLI: land files, run the Prefect flow, query the lake."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from tests.conftest import EXAMPLES
from tests.integration.helpers import newslake, sql_json

SEED_TITLE = "President Putin Visit Iran To Forge New Anti-West Alliance"
CHROME = [
    "Connect with us", "Advertisement", "Click to comment", "Leave a Reply",
    "Your email address will not be published", "error: Content is protected", "< /div>",
]


@pytest.fixture(scope="module")
def first_run(local_stack, seed_path):
    newslake("ingest", str(EXAMPLES), str(seed_path))
    return sql_json("SELECT DISTINCT run_id FROM ingest_log")


def test_seed_becomes_a_clean_article(first_run):
    [seed] = sql_json(f"SELECT title, section, language, body, word_count FROM articles WHERE title = '{SEED_TITLE}'")
    assert seed["section"] == "News"
    assert seed["language"] == "en"
    assert seed["body"].startswith("Putin arrived in Iran")
    assert seed["body"].endswith("also relies on the Russian market.")
    for chrome in CHROME:
        assert chrome not in seed["body"]
    assert 700 < seed["word_count"] < 800


def test_every_example_format_is_ingested(first_run):
    formats = {row["format"]: row["n"] for row in sql_json("SELECT format, count(*) AS n FROM articles GROUP BY format")}
    assert formats.get("html", 0) >= 3
    assert formats.get("text", 0) >= 2  # an example scrape and the seed
    assert formats.get("json", 0) >= 4  # the record and the JSON Lines wire
    languages = {row["language"] for row in sql_json("SELECT DISTINCT language FROM articles")}
    assert {"en", "fr"} <= languages


def test_unparseable_file_is_a_reject_and_the_rest_commits(first_run):
    rejects = sql_json("SELECT raw_key, stage, reason, error_class, source_path FROM rejects")
    broken = [row for row in rejects if row["source_path"].endswith("broken/truncated.json")]
    assert len(broken) == 1
    assert broken[0]["stage"] == "parse"
    assert "JSON" in broken[0]["reason"]
    good_files = [p for p in EXAMPLES.rglob("*") if p.is_file() and "broken" not in p.parts]
    committed = sql_json("SELECT count(*) AS n FROM ingest_log WHERE outcome = 'committed'")[0]["n"]
    assert committed == len(good_files) + 1  # and the seed


def test_reingesting_adds_no_rows_and_logs_every_key_once_per_run(first_run, seed_path):
    before = sql_json("SELECT count(*) AS n, count(DISTINCT article_id) AS ids FROM articles")[0]
    assert before["n"] == before["ids"]
    newslake("ingest", str(EXAMPLES), str(seed_path))
    after = sql_json("SELECT count(*) AS n FROM articles")[0]
    assert after["n"] == before["n"]

    log = sql_json("SELECT run_id, raw_key, outcome FROM ingest_log")
    per_run = Counter((row["run_id"], row["raw_key"]) for row in log)
    assert set(per_run.values()) == {1}
    runs = {row["run_id"] for row in log}
    assert len(runs) == 2
    second = [row for row in log if row["run_id"] not in {r["run_id"] for r in first_run}]
    keys_first = {row["raw_key"] for row in log if row["run_id"] in {r["run_id"] for r in first_run}}
    assert {row["raw_key"] for row in second} == keys_first
    outcomes = Counter(row["outcome"] for row in second)
    assert outcomes["skipped"] == len(keys_first) - 1  # everything but the broken file
    assert outcomes["rejected"] == 1  # the broken file is tried again, and fails again
    assert sql_json("SELECT count(*) AS n FROM rejects")[0]["n"] == 1  # …without a second reject row


def test_sql_formats(first_run):
    rows = json.loads(newslake("sql", "SELECT 1 AS one, 'x' AS letter", "--format", "json").stdout)
    assert rows == [{"one": 1, "letter": "x"}]
    csv_out = newslake("sql", "SELECT 1 AS one", "--format", "csv").stdout.splitlines()
    assert csv_out == ["one", "1"]
    failed = newslake("sql", "SELECT * FROM no_such_view", check=False)
    assert failed.returncode == 1 and "no_such_view" in failed.stderr


def test_extract_is_a_dry_run_printing_json_lines(first_run, seed_path):
    before = sql_json("SELECT count(*) AS n FROM ingest_log")[0]["n"]
    out = newslake("extract", str(seed_path), str(EXAMPLES / "jsonl")).stdout.splitlines()
    records = [json.loads(line) for line in out]
    assert len(records) == 4
    for key in ("source_path", "article_id", "title", "section", "authors", "published_at", "language", "body", "word_count"):
        assert key in records[0], key
    from schemas import TABLES

    stored = set(TABLES["articles"].schema.names) - {"cluster_id"} | {"mentions", "quotes", "figures"}
    assert stored <= set(records[0]), stored - set(records[0])
    assert any(q["speaker"] == "Andrey Kortunov" for q in records[0]["quotes"])
    assert records[0]["title"] == SEED_TITLE
    assert sql_json("SELECT count(*) AS n FROM ingest_log")[0]["n"] == before


def test_seed_enrichment_reaches_the_child_tables(first_run):
    [seed] = sql_json(f"SELECT article_id, persons, country_codes, quote_count, figure_count, tone_method, "
                      f"enrichment_version, cluster_id, models FROM articles WHERE title = '{SEED_TITLE}'")
    assert {"Yuri Ushakov", "Andrey Kortunov", "Recep Tayyip Erdogan"} <= set(seed["persons"])
    assert {"IR", "RU", "UA", "TR", "SY", "IL", "SA", "IQ", "KP", "TM", "AZ", "LY", "US"} <= set(seed["country_codes"])
    assert seed["tone_method"].startswith("vader/") and seed["enrichment_version"] >= 1
    assert seed["cluster_id"] and "spacy" in seed["models"]
    mentions = sql_json(f"SELECT entity, type, country_code, count, offsets FROM mentions WHERE article_id = '{seed['article_id']}'")
    by_name = {(m["entity"], m["type"]): m for m in mentions}
    assert by_name[("Tehran", "PLACE")]["country_code"] == "IR"
    assert ("NATO", "ORG") in by_name and ("Kremlin", "ORG") in by_name
    body = sql_json(f"SELECT body FROM articles WHERE article_id = '{seed['article_id']}'")[0]["body"]
    for offset in by_name[("Tehran", "PLACE")]["offsets"]:
        assert body[offset["start"]:offset["end"]] == "Tehran"
    quotes = sql_json(f"SELECT quote, speaker FROM quotes WHERE article_id = '{seed['article_id']}' ORDER BY quote_index")
    assert {"quote": "This is an important visit for Putin personally.", "speaker": "Andrey Kortunov"} in quotes
    assert len(quotes) == seed["quote_count"]
    figures = sql_json(f"SELECT text, value, unit, counts FROM figures WHERE article_id = '{seed['article_id']}'")
    assert {"text": "22million tons", "value": 22e6, "unit": "tons", "counts": "grain"} in figures


def test_search_analyses_export_and_prompt(first_run, tmp_path):
    found = json.loads(newslake("search", "putin iran drones", "--format", "json").stdout)
    assert found[0]["title"] == SEED_TITLE
    listed = newslake("analyses", "list").stdout
    assert "top_entities" in listed and "story_clusters" in listed
    bad = newslake("analyses", "run", "top_entities", "--param", "since=yesterday-ish", check=False)
    assert bad.returncode == 2 and "since" in bad.stderr
    target = tmp_path / "lake.duckdb"
    newslake("export", str(target), "--materialize")
    import duckdb

    with duckdb.connect(str(target), read_only=True) as con:
        assert con.sql("SELECT count(*) FROM articles").fetchone()[0] == sql_json("SELECT count(*) AS n FROM articles")[0]["n"]
    import subprocess

    from tests.integration.helpers import NEWSLAKE

    prompt = subprocess.run([NEWSLAKE, "sql"], input="SELECT 40 +\n2 AS answer;\n.quit\n", capture_output=True, text=True, timeout=120)
    assert prompt.returncode == 0 and "42" in prompt.stdout


def test_report_command_writes_a_page_with_charts(first_run, tmp_path):
    out = newslake("report", "--since", "all", "--out", str(tmp_path / "report"))
    page = (tmp_path / "report" / "index.html").read_text()
    assert "index.html" in out.stderr
    assert page.count("<svg") >= 5
    assert "not valid JSON" in page  # the broken example's reject, under ingestion health
    bad = newslake("report", "--since", "fortnight-ish", check=False)
    assert bad.returncode == 2
