"""Committing a batch: new articles, rejects and the ingest log, in that order.

The order is what makes a crash harmless: the ingest log is written last, so an
object whose log row is missing is simply processed again by the next run, and
the ``article_id`` merge turns the second commit of its articles into a no-op.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from prefect import task
from prefect.cache_policies import NO_CACHE

from newslake.core import key_index, lake
from newslake.core.faults import crash_point
from newslake.core.landing import logged_keys
from newslake.core.settings import Settings
from schemas import TABLES
from schemas.records import ObjectResult, Rejection, RunContext
from schemas.validate import to_table
from tasks.enrich.dedup import assign_clusters, within_reach

CHILD_TABLES = ("mentions", "quotes", "figures")


@dataclass
class CommitPlan:
    articles: list[dict[str, Any]] = field(default_factory=list)
    children: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {t: [] for t in CHILD_TABLES})
    rejects: list[dict[str, Any]] = field(default_factory=list)
    log: list[dict[str, Any]] = field(default_factory=list)
    # the ids each log row counts as new, in log order: settled against what the merge
    # really inserted when a concurrent run committed some of them first
    new_ids: list[set[str]] = field(default_factory=list)


@dataclass
class BatchSummary:
    objects: int = 0
    articles_new: int = 0
    articles_duplicate: int = 0
    records_rejected: int = 0
    skipped: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)

    def add(self, other: BatchSummary) -> BatchSummary:
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


def reject_row(
    raw_key: str,
    rejection: Rejection,
    *,
    source: str | None,
    pipeline_version: str,
    run_id: str | None,
    rejected_at: datetime,
    source_path: str | None = None,
) -> dict[str, Any]:
    """One ``rejects`` row. Every step that gives up on an input (a record here, a feed or
    a page in tasks.feeds.plan) builds it with this one function, so the rows agree."""
    return {
        "raw_key": raw_key,
        "record_index": rejection.record_index,
        "stage": rejection.stage,
        "reason": rejection.reason,
        "error_class": rejection.error_class,
        "detail": rejection.detail,
        "raw_offset": rejection.raw_offset,
        "source": source,
        "source_path": source_path,
        "pipeline_version": pipeline_version,
        "run_id": run_id,
        "rejected_at": rejected_at,
    }


def object_reject_rows(result: ObjectResult, run: RunContext) -> list[dict[str, Any]]:
    """The ``rejects`` rows of one object's rejections, stamped with the run."""
    return [
        reject_row(
            result.raw_key, rejection, source=result.source, source_path=result.source_path,
            pipeline_version=run.pipeline_version, run_id=run.run_id, rejected_at=run.ingested_at,
        )
        for rejection in result.rejections
    ]


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
        "logged_at": datetime.now(UTC),
    }


def plan_commit(
    results: list[ObjectResult], existing_ids: set[str], run: RunContext, resumed: frozenset[tuple[str, str]] = frozenset()
) -> CommitPlan:
    """Which rows are new (first occurrence, not yet in the lake), and each object's outcome.

    ``resumed`` holds (raw_key, article_id) pairs in the key index from an attempt at the
    same object that crashed before logging it: they count as new for that object (this is
    the attempt that completes it), and are written again, since the crash may have come
    before their rows were (every write merges on its key, so none is written twice)."""
    plan = CommitPlan()
    seen = set(existing_ids)
    for result in results:
        new = duplicate = 0
        new_ids: set[str] = set()
        written: set[str] = set()
        for row in result.rows:
            if (result.raw_key, row["article_id"]) in resumed and row["article_id"] in existing_ids:
                existing_ids = existing_ids - {row["article_id"]}  # once, for its first object
                written.add(row["article_id"])
                plan.articles.append(row)
                new += 1
            elif row["article_id"] in seen:
                duplicate += 1
            else:
                seen.add(row["article_id"])
                new_ids.add(row["article_id"])
                written.add(row["article_id"])
                plan.articles.append(row)
                new += 1
        for table, rows in result.children.items():
            plan.children[table].extend(row for row in rows if row["article_id"] in written)
        plan.rejects.extend(object_reject_rows(result, run))
        rejected = len(result.rejections)
        ids = [row["article_id"] for row in result.rows]
        plan.log.append(log_row(result.raw_key, run, outcome(new, duplicate, rejected), new, duplicate, rejected, ids))
        plan.new_ids.append(new_ids)
    return plan


def settle_new(plan: CommitPlan, inserted: set[str]) -> None:
    """Count as new only the articles this run's merge inserted: an id another run
    committed between this run's read and its merge is a duplicate after all. Without
    this, two concurrent ingests of one folder both claimed every article as new."""
    for row, planned in zip(plan.log, plan.new_ids):
        lost = len(planned - inserted)
        if lost:
            row["articles_new"] -= lost
            row["articles_duplicate"] += lost
            row["outcome"] = outcome(row["articles_new"], row["articles_duplicate"], row["records_rejected"])


def left_by_crashed_attempts(settings: Settings, results: list[ObjectResult], stored: Stored) -> frozenset[tuple[str, str]]:
    """(raw_key, article_id) of stored articles that one of these very objects committed to
    the key index. Objects are only transformed while unlogged, so such an article comes
    from an attempt that died before writing the ingest log."""
    pairs = frozenset(
        (result.raw_key, row["article_id"])
        for result in results
        for row in result.rows
        if row["article_id"] in stored.committed_by
        and stored.committed_by[row["article_id"]][0] == key_index.raw_key_hash(result.raw_key)
    )
    if not pairs:
        return frozenset()
    logged = logged_keys(settings)  # a commit retried after its log was written resumes nothing
    return frozenset(pair for pair in pairs if pair[0] not in logged)


def inserted_by_run(settings: Settings, run_id: str | None, ids: list[str]) -> set[str]:
    """Which of ``ids`` the lake holds as written by ``run_id``."""
    return {row["article_id"] for row in stored_rows_with_ids(settings, ["article_id", "run_id"], set(ids)) if row["run_id"] == run_id}


def stored_rows_with_ids(settings: Settings, columns: list[str], ids: set[str]) -> list[dict[str, Any]]:
    """``columns`` of the stored articles whose id is in ``ids``. Filtered after the read, not
    in the scan: the lake's string_view columns have no comparison kernel against a string list."""
    stored = lake.read_columns(settings, "articles", columns)
    return stored.filter(_is_one_of(stored.column("article_id"), ids)).to_pylist()


def _is_one_of(column: pa.ChunkedArray, values: Iterable[str]) -> pa.ChunkedArray:
    """Mask of ``column`` rows whose value is in ``values``: in Arrow, so a lake of millions of
    articles is never turned into Python objects (one per row) for a batch of a few hundred."""
    return pc.is_in(column, value_set=pa.array(sorted(values), pa.string()))


@dataclass
class Stored:
    """What a commit needs of the stored articles for one batch, from the key index: which
    of the batch's ids the lake holds, where each of them was committed from (the hash of
    its raw key, and its offset in an archive), their story clusters, and the stored
    articles that may be near-duplicates of the batch."""

    ids: set[str]
    committed_by: dict[str, tuple[int, int | None]]
    clusters: dict[str, str]
    near: list[dict[str, Any]]


def read_stored(settings: Settings, results: list[ObjectResult]) -> Stored:
    """The key index narrowed to this batch: its held ids and its SimHash neighbours."""
    keys = key_index.stored_keys(settings)
    rows = [row for result in results for row in result.rows]
    held = keys.filter(_is_one_of(keys.column("article_id"), {row["article_id"] for row in rows})).to_pylist()
    signatures = pc.fill_null(keys.column("simhash"), 0).to_numpy()
    near = keys.filter(pa.array(within_reach(signatures, [row.get("simhash") or 0 for row in rows])))
    return Stored(
        ids={row["article_id"] for row in held},
        committed_by={row["article_id"]: (row["raw_key_hash"], row["raw_offset"]) for row in held},
        clusters={row["article_id"]: row["cluster_id"] or row["article_id"] for row in held},
        near=near.select(["article_id", "simhash", "cluster_id"]).to_pylist(),
    )


def assign_cluster_ids(new_rows: list[dict[str, Any]], stored: list[dict[str, Any]], kept: Mapping[str, str] | None = None) -> None:
    """Set ``cluster_id`` on new rows: the story cluster of a near-duplicate already in the
    lake (or earlier in this batch), else the article's own id. ``stored`` may be narrowed
    to the articles within reach of the new rows' SimHash (:func:`read_stored`); a null
    ``cluster_id`` there means the article leads its own. A row
    whose id is in ``kept`` (a resumed or rebuilt article) stays in the cluster given there."""
    existing = [(r["article_id"], r["simhash"], r["cluster_id"] or r["article_id"]) for r in stored if r["simhash"]]
    clusters = assign_clusters(((row["article_id"], row["simhash"] or 0) for row in new_rows), existing)
    for row in new_rows:
        row["cluster_id"] = (kept or {}).get(row["article_id"]) or clusters[row["article_id"]]


def summarize(plan: CommitPlan) -> BatchSummary:
    summary = BatchSummary(objects=len(plan.log))
    for row in plan.log:
        summary.outcomes[row["outcome"]] = summary.outcomes.get(row["outcome"], 0) + 1
        summary.articles_new += row["articles_new"]
        summary.articles_duplicate += row["articles_duplicate"]
        summary.records_rejected += row["records_rejected"]
    summary.skipped = summary.outcomes.get("skipped", 0)
    return summary


def commit_plan(
    settings: Settings, plan: CommitPlan, run_id: str | None = None, *, recent_only: bool = False, **article_merge: Any
) -> None:
    """Write the plan: the articles' keys, child rows, articles (insert new ids only, unless
    ``article_merge`` says how to update existing ones), rejects (upsert), then the log.
    When the merge inserted fewer articles than planned, another run got there first: the
    log then counts only ``run_id``'s own as new.

    Keys go first, so that an article whose rows a crash cut short is found in the index
    by the attempt that completes it (``left_by_crashed_attempts``); child rows go before
    articles, so that an article is never visible without its mentions. Every write
    merges on its key, which makes a repeat after a crash harmless; with ``recent_only``
    (the plan's articles are new to the key index) the merges look at recent files only.
    Writes to different tables that need no order between them run side by side (each is
    mostly S3 round trips).
    """
    articles = to_table(plan.articles, TABLES["articles"].schema).sort_by([("published_at", "ascending")])
    keys = to_table(key_index.key_rows(plan.articles), TABLES[key_index.TABLE].schema)
    lake.merge(settings, key_index.TABLE, keys, recent_only=recent_only, update_existing=bool(article_merge))
    crash_point("commit:keys")
    with ThreadPoolExecutor(max_workers=3) as pool:
        children = [
            pool.submit(lake.merge, settings, table, to_table(rows, TABLES[table].schema), recent_only=recent_only)
            for table, rows in plan.children.items()
        ]
        for write in children:
            write.result()
        crash_point("commit:children")
        rejects = pool.submit(lake.merge, settings, "rejects", to_table(plan.rejects, TABLES["rejects"].schema), update_existing=True)
        metrics = lake.merge(settings, "articles", articles, recent_only=recent_only, **article_merge)
        crash_point("commit:articles")
        rejects.result()
    crash_point("commit:before-log")
    if not article_merge and metrics.get("num_target_rows_inserted", 0) < len(plan.articles):
        settle_new(plan, inserted_by_run(settings, run_id, [row["article_id"] for row in plan.articles]))
    lake.merge(settings, "ingest_log", to_table(plan.log, TABLES["ingest_log"].schema), recent_only=recent_only)
    crash_point("commit:after-log")


@task(name="commit", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2)
def commit_batch(settings: Settings, results: list[ObjectResult], run: RunContext) -> BatchSummary:
    """Commit one transformed batch; safe to retry, since every write merges on its key.

    The new articles were checked against the key index, so the merges compare them with
    recent files only; an object that resumes a crashed attempt is merged against the
    whole lake, where that attempt's rows may lie."""
    stored = read_stored(settings, results)
    resumed = left_by_crashed_attempts(settings, results, stored)
    plan = plan_commit(results, stored.ids, run, resumed)
    assign_cluster_ids(plan.articles, stored.near, kept=stored.clusters)
    commit_plan(settings, plan, run.run_id, recent_only=not resumed)
    return summarize(plan)


@task(name="log-skipped", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2)
def log_skipped(settings: Settings, keys: list[str], run: RunContext) -> BatchSummary:
    """Record objects that an earlier run already ingested, so every key is logged once per run."""
    plan = CommitPlan(log=[log_row(key, run, "skipped") for key in keys])
    commit_plan(settings, plan, recent_only=True)
    return summarize(plan)


def plan_reprocess(
    results: list[ObjectResult], stored_versions: dict[str, int | None], run: RunContext, current: int
) -> tuple[CommitPlan, list[str]]:
    """Rows to write when rebuilding from raw objects: articles the lake lacks, and articles
    whose stored enrichment is older than ``current`` (returned as ids to replace)."""
    plan = CommitPlan()
    replace: list[str] = []
    seen: set[str] = set()
    for result in results:
        written = current_already = 0
        ids_written: set[str] = set()
        for row in result.rows:
            article_id = row["article_id"]
            if article_id in seen:
                current_already += 1
                continue
            seen.add(article_id)
            stored = stored_versions.get(article_id, -1)
            if article_id in stored_versions and stored is not None and stored >= current:
                current_already += 1
                continue
            if article_id in stored_versions:
                replace.append(article_id)
            plan.articles.append(row)
            ids_written.add(article_id)
            written += 1
        for table, rows in result.children.items():
            plan.children[table].extend(row for row in rows if row["article_id"] in ids_written)
        plan.rejects.extend(object_reject_rows(result, run))
        rejected = len(result.rejections)
        result_outcome = "reprocessed" if written and not rejected else outcome(written, current_already, rejected)
        ids = [row["article_id"] for row in result.rows]
        plan.log.append(log_row(result.raw_key, run, result_outcome, written, current_already, rejected, ids))
    return plan, replace


@task(name="commit-reprocessed", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=2)
def commit_reprocessed(settings: Settings, results: list[ObjectResult], run: RunContext, current: int) -> BatchSummary:
    """Replace articles enriched by an older version in place; add the ones the lake lacks.

    Child rows of replaced articles are deleted first, then rewritten, so an entity
    the new enrichment no longer finds does not linger.
    """
    stored = lake.read_columns(settings, "articles", ["article_id", "enrichment_version", "simhash", "cluster_id"])
    rows = stored.to_pylist()
    plan, replace = plan_reprocess(results, {r["article_id"]: r["enrichment_version"] for r in rows}, run, current)
    assign_cluster_ids(plan.articles, rows, kept={r["article_id"]: r["cluster_id"] for r in rows if r["cluster_id"]})
    if replace:
        for table in CHILD_TABLES:
            lake.delete(settings, table, f"article_id IN ({lake.sql_strings(replace)})")
    commit_plan(
        settings, plan,
        update_existing=True,
        update_when="t.enrichment_version IS NULL OR t.enrichment_version < s.enrichment_version",
        keep_on_update=("ingested_at",),
    )
    return summarize(plan)
