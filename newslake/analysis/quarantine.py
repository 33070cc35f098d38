"""The quarantine: rejects that are still open, and the landed objects to try again.

A reject stays *open* until its object is ingested again with a better outcome: the
latest ingest-log row of its ``raw_key`` decides (``rejected`` or ``partial``: open;
anything else: resolved). Feed fetch failures, whose ``raw_key`` is the item URL, have
no log row and stay open until the feed poller's own retries succeed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

_OPEN = """
WITH latest AS (
    SELECT raw_key, arg_max(outcome, logged_at) AS outcome FROM ingest_log GROUP BY raw_key
)
SELECT r.*, l.outcome AS latest_outcome
FROM rejects r LEFT JOIN latest l USING (raw_key)
WHERE {where}
"""


@dataclass(frozen=True)
class RejectFilter:
    """Which rejects: by words of the reason, by stage, by day, open only or all."""

    reason: str | None = None
    stage: str | None = None
    since: date | None = None
    include_resolved: bool = False

    def where(self) -> tuple[str, list[object]]:
        terms, params = ["TRUE"], []
        if not self.include_resolved:
            terms.append("(l.outcome IS NULL OR l.outcome IN ('rejected', 'partial'))")
        if self.reason:
            terms.append("(r.reason ILIKE '%' || ? || '%' OR r.error_class ILIKE ?)")
            params += [self.reason, self.reason]
        if self.stage:
            terms.append("r.stage = ?")
            params.append(self.stage)
        if self.since:
            terms.append("r.rejected_at >= ?::DATE")
            params.append(self.since.isoformat())
        return " AND ".join(terms), params


def reject_summary(con: duckdb.DuckDBPyConnection, which: RejectFilter) -> tuple[list[str], list[tuple]]:
    """Open rejects grouped by stage and error class, most frequent first, with an example."""
    where, params = which.where()
    query = f"""
        SELECT stage, error_class, count(*) AS records, count(DISTINCT raw_key) AS objects,
               max(rejected_at) AS last_seen, arg_max(reason, rejected_at) AS latest_reason
        FROM ({_OPEN.format(where=where)}) GROUP BY ALL ORDER BY records DESC, last_seen DESC
    """
    result = con.execute(query, params)
    return [column[0] for column in result.description], result.fetchall()


def reject_rows(con: duckdb.DuckDBPyConnection, which: RejectFilter, limit: int = 1000) -> tuple[list[str], list[tuple]]:
    """The rejects themselves, newest first."""
    where, params = which.where()
    query = f"""
        SELECT raw_key, record_index, stage, error_class, reason, rejected_at, source_path, latest_outcome
        FROM ({_OPEN.format(where=where)}) ORDER BY rejected_at DESC, raw_key, record_index LIMIT {int(limit)}
    """
    result = con.execute(query, params)
    return [column[0] for column in result.description], result.fetchall()


def keys_to_retry(con: duckdb.DuckDBPyConnection, which: RejectFilter) -> list[str]:
    """Landed objects whose whole ingestion failed last time and match ``which``. Objects
    that were partly committed are left out: their good records are in the lake, and
    running them again would count those twice."""
    where, params = which.where()
    query = f"""
        SELECT DISTINCT raw_key FROM ({_OPEN.format(where=where)})
        WHERE latest_outcome = 'rejected' ORDER BY raw_key
    """
    return [row[0] for row in con.execute(query, params).fetchall()]
