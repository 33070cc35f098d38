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


def test_a_missing_file_says_where_it_looked(tmp_path):
    with pytest.raises(DeploymentsError, match="prefect.yaml not found"):
        read_specs(tmp_path)


def test_a_deployment_without_an_entrypoint_is_refused(tmp_path):
    (tmp_path / "prefect.yaml").write_text("deployments:\n  - name: ingest\n")
    with pytest.raises(DeploymentsError, match="entrypoint"):
        read_specs(tmp_path)
