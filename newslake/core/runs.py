"""What a flow run tells Prefect about itself and learns about its siblings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

MAX_DRAIN = timedelta(minutes=15)
"""A draining ingest run stops sweeping after this long; an older "running" one is a leftover."""


def active_flow_runs(client: Any, flow_names: list[str]) -> list[Any]:
    """Runs of these flows that are pending or running, as the Prefect server sees them."""
    from prefect.client.schemas.filters import (
        FlowFilter,
        FlowFilterName,
        FlowRunFilter,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType

    return client.read_flow_runs(
        flow_filter=FlowFilter(name=FlowFilterName(any_=flow_names)),
        flow_run_filter=FlowRunFilter(
            state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.RUNNING, StateType.PENDING]))
        ),
    )


def older_run_draining(run_id: str) -> bool:
    """Whether another ``ingest`` run that drains the landing prefix started before this one
    and is still running (so this one would only repeat its work)."""
    if not run_id:
        return False
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        mine = client.read_flow_run(run_id)
        active = active_flow_runs(client, ["ingest"])
    my_start = mine.start_time or datetime.now(UTC)
    return any(_is_older_drain(other, mine.id, my_start) for other in active)


def _is_older_drain(other: Any, my_id: Any, my_start: datetime) -> bool:
    if other.id == my_id or not other.start_time or not (other.parameters or {}).get("drain_seconds"):
        return False
    if my_start - other.start_time > MAX_DRAIN + timedelta(minutes=1):
        return False  # left behind by a process that died: it drains nothing
    return (other.start_time, str(other.id)) < (my_start, str(my_id))


def publish_run_summary(report: dict[str, Any]) -> None:
    """A table artifact per run: what the Prefect UI shows under the run's Artifacts tab."""
    from prefect.artifacts import create_table_artifact

    row = {
        "landed objects": report.get("objects", 0),
        "committed": report.get("outcomes", {}).get("committed", 0) + report.get("outcomes", {}).get("partial", 0),
        "new articles": report.get("articles_new", 0),
        "duplicates": report.get("articles_duplicate", 0),
        "rejected records": report.get("records_rejected", 0),
        "skipped": report.get("skipped", 0),
        "seconds": report.get("seconds", 0),
    }
    create_table_artifact(table=[row], key="ingest-run", description="What this ingest run took in.")
