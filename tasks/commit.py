"""Committing a batch: new articles, rejects and the ingest log, in that order.

The order is what makes a crash harmless: the ingest log is written last, so an
object whose log row is missing is simply processed again by the next run, and
the ``article_id`` merge turns the second commit of its articles into a no-op.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE

from newslake import lake
from newslake.settings import Settings
from schemas import TABLES
from schemas.records import Rejection
from tasks.transform import ObjectResult, RunContext
from tasks.validate import to_table


@dataclass
class CommitPlan:
    articles: list[dict[str, Any]] = field(default_factory=list)
    rejects: list[dict[str, Any]] = field(default_factory=list)
    log: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class BatchSummary:
    objects: int = 0
    articles_new: int = 0
    articles_duplicate: int = 0
    records_rejected: int = 0
    skipped: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)

    def add(self, other: "BatchSummary") -> "BatchSummary":
        outcomes = dict(self.outcomes)
        for name, count in other.outcomes.items():
            outcomes[name] = outcomes.get(name, 0) + count
        return BatchSummary(
            self.objects + other.objects,
            self.articles_new + other.articles_new,
            self.articles_duplicate + other.articles_duplicate,
            self.records_rejected + other.records_rejected,
            self.skipped + other.skipped,
            outcomes,
        )


def outcome(new: int, duplicate: int, rejected: int) -> str:
    if new + duplicate == 0:
        return "rejected"
    if rejected:
        return "partial"
    return "committed" if new else "duplicate"


def reject_row(result: ObjectResult, rejection: Rejection, run: RunContext) -> dict[str, Any]:
    return {
        "raw_key": result.raw_key,
        "record_index": rejection.record_index,
        "stage": rejection.stage,
        "reason": rejection.reason,
        "error_class": rejection.error_class,
        "source": result.source,
        "source_path": result.source_path,
        "pipeline_version": run.pipeline_version,
        "run_id": run.run_id,
        "rejected_at": run.ingested_at,
    }


def log_row(raw_key: str, run: RunContext, result: str, new: int = 0, duplicate: int = 0,
            rejected: int = 0, article_ids: list[str] | None = None) -> dict[str, Any]:
    return {
        "run_id": run.run_id or "",
        "raw_key": raw_key,
        "outcome": result,
        "articles_new": new,
        "articles_duplicate": duplicate,
        "records_rejected": rejected,
        "article_ids": article_ids or [],
        "pipeline_version": run.pipeline_version,
        "logged_at": datetime.now(timezone.utc),
    }


def plan_commit(results: list[ObjectResult], existing_ids: set[str], run: RunContext) -> CommitPlan:
    """Which rows are new (first occurrence, not yet in the lake), and each object's outcome."""
    plan = CommitPlan()
    seen = set(existing_ids)
    for result in results:
        new = duplicate = 0
        for row in result.rows:
            if row["article_id"] in seen:
                duplicate += 1
            else:
                seen.add(row["article_id"])
                plan.articles.append(row)
                new += 1
        plan.rejects.extend(reject_row(result, rejection, run) for rejection in result.rejections)
        rejected = len(result.rejections)
        ids = [row["article_id"] for row in result.rows]
        plan.log.append(log_row(result.raw_key, run, outcome(new, duplicate, rejected), new, duplicate, rejected, ids))
    return plan


def summarize(plan: CommitPlan) -> BatchSummary:
    summary = BatchSummary(objects=len(plan.log))
    for row in plan.log:
        summary.outcomes[row["outcome"]] = summary.outcomes.get(row["outcome"], 0) + 1
        summary.articles_new += row["articles_new"]
        summary.articles_duplicate += row["articles_duplicate"]
        summary.records_rejected += row["records_rejected"]
    summary.skipped = summary.outcomes.get("skipped", 0)
    return summary


def commit_plan(settings: Settings, plan: CommitPlan) -> None:
    """Write the plan: articles (insert new ids only), rejects (upsert), then the log."""
    articles = to_table(plan.articles, TABLES["articles"].schema).sort_by([("published_at", "ascending")])
    lake.merge(settings, "articles", articles)
    lake.merge(settings, "rejects", to_table(plan.rejects, TABLES["rejects"].schema), update_existing=True)
    lake.merge(settings, "ingest_log", to_table(plan.log, TABLES["ingest_log"].schema))


@task(name="commit", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2)
def commit_batch(settings: Settings, results: list[ObjectResult], run: RunContext) -> BatchSummary:
    """Commit one transformed batch; safe to retry, since every write merges on its key."""
    ids = [row["article_id"] for result in results for row in result.rows]
    existing = lake.existing_keys(settings, "articles", "article_id", ids)
    plan = plan_commit(results, existing, run)
    commit_plan(settings, plan)
    return summarize(plan)


@task(name="log-skipped", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2)
def log_skipped(settings: Settings, keys: list[str], run: RunContext) -> BatchSummary:
    """Record objects that an earlier run already ingested, so every key is logged once per run."""
    plan = CommitPlan(log=[log_row(key, run, "skipped") for key in keys])
    commit_plan(settings, plan)
    return summarize(plan)
