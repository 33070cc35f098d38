from datetime import UTC, datetime

from schemas.records import Extracted, ObjectResult, Rejection, RunContext
from tasks.commit import outcome, plan_commit
from tasks.enrich.basic import Provenance, article_id, content_hash, detect_language, enrich_basic

NOW = datetime(2026, 1, 1, tzinfo=UTC)
RUN = RunContext("test", NOW, 5, run_id="run-1")


def test_article_id_prefers_the_url_and_ignores_whitespace_in_text():
    assert article_id("https://a.example/x", "h1") == article_id("https://a.example/x", "h2")
    assert content_hash("Hello,  world\n\nagain") == content_hash("hello world again")
    assert article_id(None, content_hash("a b")) != article_id(None, content_hash("a c"))


def test_language_is_detected_from_text():
    assert detect_language("Le conseil municipal a voté hier soir un nouveau plan pour les vélos en ville.") == "fr"
    assert detect_language("The council voted last night for a new plan for bicycles in the city.") == "en"
    assert detect_language("", "de-DE") == "de"


def test_enriched_row_counts_words_and_reading_time():
    body = " ".join(["word"] * 460)
    row = enrich_basic(
        Extracted(body=body, format="text", extractor="x", url="https://www.Example.com/a?utm_source=z"),
        Provenance(source="files", pipeline_version="t", ingested_at=NOW),
    )
    assert row["word_count"] == 460
    assert row["reading_time_minutes"] == 2
    assert row["url"] == "https://www.example.com/a"
    assert row["domain"] == "example.com"


def _row(aid: str) -> dict:
    return {"article_id": aid}


def test_plan_commits_each_article_once_and_reports_outcomes():
    results = [
        ObjectResult("k1", "files", None, rows=[_row("a"), _row("b")]),
        ObjectResult("k2", "files", None, rows=[_row("a")]),  # same article twice in a batch
        ObjectResult("k3", "files", None, rows=[_row("old")]),  # already in the lake
        ObjectResult("k4", "files", None, rejections=[Rejection("parse", "bad", "E")]),
        ObjectResult("k5", "files", None, rows=[_row("c")], rejections=[Rejection("parse", "bad", "E", 1)]),
    ]
    plan = plan_commit(results, {"old"}, RUN)
    assert [row["article_id"] for row in plan.articles] == ["a", "b", "c"]
    assert [row["outcome"] for row in plan.log] == ["committed", "duplicate", "duplicate", "rejected", "partial"]
    assert [(row["raw_key"], row["record_index"]) for row in plan.rejects] == [("k4", None), ("k5", 1)]
    assert all(row["run_id"] == "run-1" for row in plan.log)


def test_outcome_rules():
    assert outcome(1, 0, 0) == "committed"
    assert outcome(0, 2, 0) == "duplicate"
    assert outcome(0, 0, 1) == "rejected"
    assert outcome(1, 0, 1) == "partial"
