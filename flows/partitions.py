"""Fan-out across flow runs: a parent hands partitions of work to runs of a deployment.

One flow run uses one machine. To use many, a parent splits the work into
partitions (N landed keys, one WARC segment) and starts each as a run of a
deployment in prefect.yaml; every worker polling that deployment's work pool
takes runs as it has room, whatever machine it is on. Prefect does the
scheduling; this module only starts runs, keeps a bounded number in flight,
waits, retries a crashed run once and collects what each run reported.

Concurrent runs are safe because the lake is: each partition commits through
Delta's conditional puts, and keys an earlier run logged are skipped, so a
partition that is run twice (a crash retried, say) adds nothing twice.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from prefect import flow, get_run_logger
from prefect.deployments import run_deployment

from flows.ingest import batches
from newslake.core.settings import get_settings
from tasks.pending import find_pending

INGEST_PARTITION = "ingest/ingest-partition"
"""The deployment that ingests one partition of explicit landed keys (prefect.yaml)."""
BACKFILL_SEGMENT = "backfill-segment"
"""The deployment that turns one WARC segment into articles (prefect.yaml; flows/backfill.py)."""

_MAX_ATTEMPTS = 2  # a crashed partition (its process died) is started once more
_SUMMED_KEYS_SKIP = {"seconds"}


@dataclass
class PartitionOutcome:
    """What became of one partition: the last run started for it and what it reported."""

    index: int
    parameters: dict[str, Any]
    flow_run_id: str = ""
    flow_run_name: str = ""
    state: str = "NOT STARTED"
    message: str = ""
    attempts: int = 0
    result: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        return self.state == "COMPLETED"


@dataclass
class FanOutReport:
    deployment: str
    outcomes: list[PartitionOutcome] = field(default_factory=list)

    @property
    def failed(self) -> list[PartitionOutcome]:
        return [outcome for outcome in self.outcomes if not outcome.ok]

    def totals(self) -> dict[str, float]:
        """Every numeric field of the partitions' results, summed (seconds excepted)."""
        totals: dict[str, float] = {}
        for outcome in self.outcomes:
            for key, value in (outcome.result or {}).items():
                if isinstance(value, int | float) and not isinstance(value, bool) and key not in _SUMMED_KEYS_SKIP:
                    totals[key] = totals.get(key, 0) + value
        return totals

    def failure_text(self) -> str:
        lines = [f"{len(self.failed)} of {len(self.outcomes)} partitions of {self.deployment} did not complete:"]
        for outcome in self.failed:
            lines.append(
                f"  partition {outcome.index} (run {outcome.flow_run_name or '-'} {outcome.flow_run_id or ''}, "
                f"{outcome.attempts} attempt(s)): {outcome.state} {outcome.message}".rstrip()
                + f"; parameters {_short(outcome.parameters)}"
            )
        lines.append("Read the runs' logs in the Prefect UI; rerunning the parent redoes only what is not committed.")
        return "\n".join(lines)


class PartitionsFailed(RuntimeError):
    """Some partitions ended in a state other than Completed."""

    def __init__(self, report: FanOutReport):
        super().__init__(report.failure_text())
        self.report = report


def run_partitions(
    deployment: str,
    partitions: list[dict[str, Any]],
    max_in_flight: int = 8,
    poll_seconds: float = 1.0,
    timeout_seconds: float | None = None,
    on_finished: Callable[[PartitionOutcome], None] | None = None,
) -> FanOutReport:
    """Start one run of ``deployment`` per parameter dict, at most ``max_in_flight`` at a time,
    wait for all, and return their final states and results.

    ``deployment`` is ``flow-name/deployment-name`` or a deployment name alone (then it must be
    unique on the server). Called inside a flow, each run is linked to it as a subflow in the UI.
    A run that crashed (its process or machine died) is started once more; a failed run is not
    (its error would repeat). Runs still going at ``timeout_seconds`` are reported as failures and
    left to finish. Raises nothing for failed partitions: see :class:`FanOutReport` ``.failed``.
    """
    from prefect.client.orchestration import get_client

    if max_in_flight < 1:
        raise ValueError(f"max_in_flight must be at least 1, got {max_in_flight}")
    report = FanOutReport(deployment, [PartitionOutcome(i, dict(p)) for i, p in enumerate(partitions)])
    waiting = list(reversed(report.outcomes))
    in_flight: dict[str, PartitionOutcome] = {}
    deadline = time.monotonic() + timeout_seconds if timeout_seconds else None
    with get_client(sync_client=True) as client:
        deployment = resolve_deployment(client, deployment)
        report.deployment = deployment
        while waiting or in_flight:
            while waiting and len(in_flight) < max_in_flight:
                outcome = waiting.pop()
                _start(deployment, outcome)
                in_flight[outcome.flow_run_id] = outcome
            for run in _read_runs(client, list(in_flight)):
                if run.state is None or not run.state.is_final():
                    continue
                outcome = in_flight.pop(str(run.id))
                _finish(client, outcome, run)
                if run.state.is_crashed() and outcome.attempts < _MAX_ATTEMPTS:
                    waiting.append(outcome)  # started again on the next pass
                elif on_finished:
                    on_finished(outcome)
            if deadline and time.monotonic() > deadline:
                for outcome in [*in_flight.values(), *waiting]:
                    outcome.message = f"still {outcome.state.lower()} after {timeout_seconds:.0f} s; left running"
                    outcome.state = "TIMED OUT" if outcome.flow_run_id else "NOT STARTED"
                break
            if in_flight:
                time.sleep(poll_seconds)
    return report


def resolve_deployment(client: Any, name: str) -> str:
    """``flow-name/deployment-name`` for a deployment given by that or by its name alone."""
    if "/" in name:
        return name
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterName

    found = client.read_deployments(deployment_filter=DeploymentFilter(name=DeploymentFilterName(any_=[name])))
    flows = {client.read_flow(deployment.flow_id).name for deployment in found}
    if len(flows) != 1:
        raise ValueError(
            f"deployment {name!r}: {'not on the Prefect server' if not flows else f'ambiguous, flows {sorted(flows)}'}; "
            "run `prefect deploy --all` in the project folder, or pass flow-name/deployment-name"
        )
    return f"{flows.pop()}/{name}"


def _start(deployment: str, outcome: PartitionOutcome) -> None:
    outcome.attempts += 1
    run = run_deployment(deployment, parameters=outcome.parameters, timeout=0, tags=["partition"])
    outcome.flow_run_id, outcome.flow_run_name = str(run.id), run.name
    outcome.state, outcome.message, outcome.result = "SCHEDULED", "", None


def _read_runs(client: Any, ids: list[str]) -> list[Any]:
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    if not ids:
        return []
    return client.read_flow_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=ids)), limit=len(ids))


def _finish(client: Any, outcome: PartitionOutcome, run: Any) -> None:
    outcome.state = run.state.type.value
    outcome.message = "" if run.state.is_completed() else (run.state.message or run.state.name or "")
    outcome.result = run_result(client, run)


def run_result(client: Any, run: Any) -> dict[str, Any] | None:
    """What a finished run reported: its persisted return value when it is a dict, else the
    first row of its table artifact (the run summary ``publish_run_summary`` writes)."""
    try:
        value = run.state.result(raise_on_failure=False)
        if isinstance(value, dict):
            return value
    except Exception:  # noqa: BLE001 - results are persisted only when configured; the artifact is the fallback
        pass
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId, ArtifactFilterType

    artifacts = client.read_artifacts(
        artifact_filter=ArtifactFilter(
            flow_run_id=ArtifactFilterFlowRunId(any_=[run.id]), type=ArtifactFilterType(any_=["table"])
        )
    )
    for artifact in artifacts:
        rows = json.loads(artifact.data) if isinstance(artifact.data, str) else artifact.data
        if isinstance(rows, list) and rows and isinstance(rows[0], dict):
            return rows[0]
    return None


def _short(parameters: dict[str, Any], limit: int = 160) -> str:
    text = json.dumps(parameters, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@flow(name="ingest-partitioned")
def ingest_partitioned(
    keys: list[str] | None = None,
    partition_size: int = 500,
    max_in_flight: int = 8,
    batch_size: int | None = None,
    deployment: str = INGEST_PARTITION,
) -> dict:
    """Reconcile at scale: split the given keys (or every landed key no run has logged) into
    partitions of ``partition_size`` keys and ingest each as a run of ``deployment``, so that
    every worker on its work pool takes a share. Fails, naming each failed partition, if any
    did not complete. Returns the partitions' summed counts.
    """
    logger = get_run_logger()
    if partition_size < 1:
        raise ValueError(f"partition_size must be at least 1, got {partition_size}")
    todo = list(dict.fromkeys(keys)) if keys is not None else find_pending(get_settings())
    partitions = [{"keys": part, "batch_size": batch_size} for part in batches(todo, partition_size)]
    logger.info("%d keys in %d partitions of at most %d for %s", len(todo), len(partitions), partition_size, deployment)

    def finished(outcome: PartitionOutcome) -> None:
        logger.info("partition %d %s: %s %s", outcome.index, outcome.flow_run_name, outcome.state, outcome.result or "")

    report = run_partitions(deployment, partitions, max_in_flight=max_in_flight, on_finished=finished)
    if report.failed:
        raise PartitionsFailed(report)
    return {
        "keys": len(todo),
        "partitions": len(partitions),
        "retried": sum(outcome.attempts - 1 for outcome in report.outcomes),
        "runs": [outcome.flow_run_name for outcome in report.outcomes],
        **report.totals(),
    }
