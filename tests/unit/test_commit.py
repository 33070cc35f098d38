"""Commit planning: what counts as new when another run commits the same articles first."""

from datetime import UTC, datetime

from schemas.records import ObjectResult, RunContext
from tasks.commit import plan_commit, settle_new

RUN = RunContext("test", datetime(2026, 1, 1, tzinfo=UTC), 5, run_id="run-a")


def result(key: str, *ids: str) -> ObjectResult:
    return ObjectResult(key, "files", None, rows=[{"article_id": i} for i in ids])


def test_articles_another_run_inserted_first_count_as_duplicates():
    plan = plan_commit([result("k1", "a", "b"), result("k2", "c"), result("k3", "a")], set(), RUN)
    assert [row["articles_new"] for row in plan.log] == [2, 1, 0]
    settle_new(plan, inserted={"b"})  # the concurrent run won "a" and "c"
    assert [(row["articles_new"], row["articles_duplicate"], row["outcome"]) for row in plan.log] == [
        (1, 1, "committed"),
        (0, 1, "duplicate"),
        (0, 1, "duplicate"),
    ]


def test_nothing_changes_when_every_planned_article_was_inserted():
    plan = plan_commit([result("k1", "a", "b")], {"z"}, RUN)
    settle_new(plan, inserted={"a", "b"})
    assert plan.log[0]["articles_new"] == 2 and plan.log[0]["outcome"] == "committed"


def test_articles_a_crashed_attempt_committed_count_as_new_for_their_object():
    resumed = frozenset({("k1", "a")})
    plan = plan_commit([result("k1", "a", "b"), result("k2", "a")], {"a", "z"}, RUN, resumed)
    assert [(row["articles_new"], row["articles_duplicate"]) for row in plan.log] == [(2, 0), (0, 1)]
    # "a" is written again (its attempt may have died before writing it), "b" for the first time
    assert [row["article_id"] for row in plan.articles] == ["a", "b"]
    assert plan.new_ids == [{"b"}, set()]  # only "b" is settled against what the merge inserted
