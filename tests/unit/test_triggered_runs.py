"""The rules that keep event-triggered ingest runs few and non-overlapping."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from flows.ingest import landed_keys
from newslake.core.runs import MAX_DRAIN, _is_older_drain
from newslake.core.settings import Settings

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def _run(start: datetime, drain: float = 10, run_id: uuid.UUID | None = None) -> SimpleNamespace:
    return SimpleNamespace(id=run_id or uuid.uuid4(), start_time=start, parameters={"drain_seconds": drain})


def test_event_keys_are_hints_filtered_to_the_landing_prefix():
    settings = Settings(landing_prefix="landing")
    keys = ["", "landing/a/2026/11/27/x.json", "elsewhere/y.json", "landing/a/2026/11/27/x.json", "landingz/q"]
    assert landed_keys(settings, keys) == ["landing/a/2026/11/27/x.json"]
    assert landed_keys(settings, None) is None  # None still means: reconcile everything


def test_a_run_defers_only_to_an_older_draining_run():
    me = uuid.uuid4()
    assert _is_older_drain(_run(NOW - timedelta(seconds=30)), me, NOW)
    assert not _is_older_drain(_run(NOW + timedelta(seconds=1)), me, NOW)  # younger: it defers to me
    assert not _is_older_drain(_run(NOW - timedelta(seconds=30), drain=0), me, NOW)  # a reconcile run does not drain
    assert not _is_older_drain(_run(NOW, run_id=me), me, NOW)


def test_two_runs_starting_together_do_not_both_step_aside():
    a, b = uuid.uuid4(), uuid.uuid4()
    run_a, run_b = _run(NOW, run_id=a), _run(NOW, run_id=b)
    assert _is_older_drain(run_a, b, NOW) != _is_older_drain(run_b, a, NOW)


def test_a_run_left_running_by_a_dead_process_is_ignored():
    stale = _run(NOW - MAX_DRAIN - timedelta(minutes=2))
    assert not _is_older_drain(stale, uuid.uuid4(), NOW)


def test_log_reads_for_recent_keys_start_at_their_landing_day_less_a_margin():
    from datetime import date

    from newslake.core.landing import logged_since

    assert logged_since([date(2026, 11, 27), date(2026, 11, 26)]) == datetime(2026, 11, 25, 23, 0, tzinfo=UTC)
    assert logged_since([]) is None  # no day known: read the whole log
