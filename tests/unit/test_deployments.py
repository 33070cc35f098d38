"""prefect.yaml, as both `newslake serve` and `prefect deploy` read it."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslake.service.deployments import DeploymentsError, read_specs, runner_deployments

ROOT = Path(__file__).resolve().parents[2]


def test_every_deployment_the_issue_asks_for_is_declared():
    names = {spec["name"] for spec in read_specs(ROOT)}
    assert {"ingest", "poll-feeds", "reconcile-landing", "compact"} <= names


def test_the_served_deployments_carry_the_yaml_triggers_and_schedules():
    deployments = {d.name: d for d in runner_deployments(ROOT)}
    trigger = deployments["ingest"].triggers[0]
    assert trigger.expect == {"newslake.object.landed"}
    assert trigger.within.total_seconds() > 0, "without a window every landing would start its own run"
    assert trigger.parameters["drain_seconds"] >= trigger.within.total_seconds(), (
        "a run must drain at least as long as the trigger ignores events, or landings in the window wait for reconcile"
    )
    # A missing key must not fail the template silently: it renders to '' and the flow drops it.
    assert all("| default(" in key for key in trigger.parameters["keys"])
    assert deployments["reconcile-landing"].schedules and deployments["reconcile-landing"].parameters == {"keys": None}
    assert deployments["poll-feeds"].schedules and deployments["compact"].schedules
    assert all(d.paused is False for d in deployments.values())


def test_the_fan_out_deployments_are_declared_for_the_work_pool_only():
    specs = {spec["name"]: spec for spec in read_specs(ROOT)}
    assert specs["ingest-partition"]["entrypoint"] == "flows/ingest.py:ingest"
    assert specs["backfill-segment"]["entrypoint"] == "flows/backfill.py:backfill_segment"
    assert specs["ingest-partitioned"]["entrypoint"] == "flows/partitions.py:ingest_partitioned"
    for name in ("ingest-partition", "backfill-segment", "ingest-partitioned"):
        assert specs[name]["work_pool"]["name"] == "newslake"
        assert specs[name]["serve"] is False, f"{name} is for workers: newslake serve must leave it out"
    # The parent's default must name the deployment prefect.yaml declares for a partition.
    from flows.partitions import INGEST_PARTITION

    assert INGEST_PARTITION.split("/")[1] in specs


def test_serve_leaves_worker_only_deployments_out_unless_named(tmp_path):
    flows = tmp_path / "flows"
    flows.mkdir()
    (flows / "hello.py").write_text("from prefect import flow\n\n@flow\ndef hello():\n    return 1\n")
    (tmp_path / "prefect.yaml").write_text(
        "deployments:\n"
        "  - {name: served, entrypoint: flows/hello.py:hello}\n"
        "  - {name: pool-only, entrypoint: flows/hello.py:hello, serve: false}\n"
    )
    assert [d.name for d in runner_deployments(tmp_path)] == ["served"]
    assert [d.name for d in runner_deployments(tmp_path, ["pool-only"])] == ["pool-only"]


def test_a_missing_file_says_where_it_looked(tmp_path):
    with pytest.raises(DeploymentsError, match="prefect.yaml not found"):
        read_specs(tmp_path)


def test_a_deployment_without_an_entrypoint_is_refused(tmp_path):
    (tmp_path / "prefect.yaml").write_text("deployments:\n  - name: ingest\n")
    with pytest.raises(DeploymentsError, match="entrypoint"):
        read_specs(tmp_path)


def test_a_fan_out_report_sums_the_partitions_and_names_each_failure():
    from flows.partitions import FanOutReport, PartitionOutcome, PartitionsFailed

    report = FanOutReport(
        "ingest/ingest-partition",
        [
            PartitionOutcome(0, {"keys": ["a"]}, "id-0", "run-0", "COMPLETED", attempts=1,
                             result={"new articles": 3, "committed": 1, "seconds": 2.5}),
            PartitionOutcome(1, {"keys": ["b"]}, "id-1", "run-1", "CRASHED", "process exited 137", attempts=2),
            PartitionOutcome(2, {"keys": ["c"]}, "id-2", "run-2", "COMPLETED", attempts=1,
                             result={"new articles": 2, "committed": 1, "seconds": 1.0}),
        ],
    )
    assert report.totals() == {"new articles": 5, "committed": 2}, "seconds overlap across runs: not summed"
    assert [outcome.index for outcome in report.failed] == [1]
    text = str(PartitionsFailed(report))
    assert "1 of 3 partitions" in text and "run-1" in text and "CRASHED process exited 137" in text
    assert "2 attempt(s)" in text and '"b"' in text


def test_the_fan_out_refuses_a_bound_of_zero():
    from flows.partitions import run_partitions

    with pytest.raises(ValueError, match="max_in_flight"):
        run_partitions("ingest/ingest-partition", [{}], max_in_flight=0)
