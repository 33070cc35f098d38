"""Open rejects and what to retry, over small in-memory tables."""

from datetime import date

import duckdb
import pytest

from newslake.analysis.quarantine import RejectFilter, keys_to_retry, reject_rows, reject_summary


@pytest.fixture
def con():
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE rejects (raw_key VARCHAR, record_index INT, stage VARCHAR, error_class VARCHAR, reason VARCHAR, "
        "rejected_at TIMESTAMPTZ, source_path VARCHAR)"
    )
    con.execute("CREATE TABLE ingest_log (raw_key VARCHAR, outcome VARCHAR, logged_at TIMESTAMPTZ)")
    con.executemany(
        "INSERT INTO rejects VALUES (?, ?, ?, ?, ?, ?::TIMESTAMPTZ, NULL)",
        [
            ("landing/a/x.html", None, "extract", "TimeLimit", "took over 60 s", "2026-11-01 10:00:00+00"),
            ("landing/a/y.json", 2, "parse", "JSONDecodeError", "line 3 is not JSON", "2026-11-02 10:00:00+00"),
            ("landing/a/z.html", None, "extract", "TimeLimit", "took over 60 s", "2026-11-03 10:00:00+00"),
            ("https://example.org/item", None, "fetch", "HTTPError", "404 Not Found", "2026-11-03 11:00:00+00"),
        ],
    )
    con.executemany(
        "INSERT INTO ingest_log VALUES (?, ?, ?::TIMESTAMPTZ)",
        [
            ("landing/a/x.html", "rejected", "2026-11-01 10:00:00+00"),
            ("landing/a/y.json", "partial", "2026-11-02 10:00:00+00"),
            ("landing/a/z.html", "rejected", "2026-11-03 10:00:00+00"),
            ("landing/a/z.html", "committed", "2026-11-04 10:00:00+00"),  # retried after a fix
        ],
    )
    return con


def test_resolved_rejects_leave_the_quarantine(con):
    columns, rows = reject_rows(con, RejectFilter())
    assert {row[columns.index("raw_key")] for row in rows} == {"landing/a/x.html", "landing/a/y.json", "https://example.org/item"}
    _, every = reject_rows(con, RejectFilter(include_resolved=True))
    assert len(every) == 4


def test_summary_counts_by_stage_and_class(con):
    columns, rows = reject_summary(con, RejectFilter())
    summary = {(row[0], row[1]): row[columns.index("records")] for row in rows}
    assert summary == {("extract", "TimeLimit"): 1, ("parse", "JSONDecodeError"): 1, ("fetch", "HTTPError"): 1}


def test_only_wholly_rejected_objects_are_retried(con):
    assert keys_to_retry(con, RejectFilter()) == ["landing/a/x.html"]
    assert keys_to_retry(con, RejectFilter(reason="timelimit")) == ["landing/a/x.html"]
    assert keys_to_retry(con, RejectFilter(stage="parse")) == []
    assert keys_to_retry(con, RejectFilter(since=date(2026, 11, 2))) == []
