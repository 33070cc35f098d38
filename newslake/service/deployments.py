"""The deployments of prefect.yaml, as `newslake serve` runs them.

`prefect deploy` reads prefect.yaml for a work pool; `newslake serve` reads the
same file and serves the same flows with the same parameters, schedules and
triggers from its own process, so there is one definition, not two. Only the
work pool is ignored (a served deployment needs none). A deployment marked
``serve: false`` (a key Prefect ignores) exists for workers on a pool only, such
as the runs a fan-out parent starts per partition: serve leaves it out unless
it is named explicitly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class DeploymentsError(ValueError):
    """prefect.yaml is missing or does not describe deployments newslake can serve."""


def read_specs(project_dir: Path) -> list[dict[str, Any]]:
    path = project_dir / "prefect.yaml"
    if not path.exists():
        raise DeploymentsError(f"{path} not found: run `newslake serve` from the project folder or pass --project")
    try:
        specs = (yaml.safe_load(path.read_text()) or {}).get("deployments") or []
    except yaml.YAMLError as exc:
        raise DeploymentsError(f"{path} is not valid YAML: {exc}") from exc
    for spec in specs:
        if not spec.get("name") or not spec.get("entrypoint"):
            raise DeploymentsError(f"{path}: every deployment needs a name and an entrypoint (got {spec!r})")
    return specs


def runner_deployments(project_dir: Path, names: list[str] | None = None) -> list[Any]:
    """RunnerDeployments for ``prefect.serve``, one per deployment in prefect.yaml that is
    not ``serve: false`` (or only those ``names``, whatever their flag)."""
    from prefect.flows import load_flow_from_entrypoint

    deployments = []
    for spec in read_specs(project_dir):
        if (names and spec["name"] not in names) or (not names and spec.get("serve") is False):
            continue
        flow = load_flow_from_entrypoint(str(project_dir / spec["entrypoint"]))
        deployments.append(
            flow.to_deployment(
                name=spec["name"],
                description=spec.get("description"),
                parameters=spec.get("parameters") or {},
                schedules=_schedules(spec),
                triggers=_triggers(spec),
                tags=spec.get("tags"),
                paused=False,
            )
        )
    return deployments


def _schedules(spec: dict[str, Any]) -> list[dict[str, Any]] | None:
    from prefect.cli.deploy._schedules import _schedule_config_to_deployment_schedule

    configs = spec.get("schedules")
    return [_schedule_config_to_deployment_schedule(dict(config)) for config in configs] if configs else None


def _triggers(spec: dict[str, Any]) -> list[Any] | None:
    from prefect.cli.deploy._triggers import _initialize_deployment_triggers

    configs = spec.get("triggers")
    return _initialize_deployment_triggers(spec["name"], [dict(config) for config in configs]) if configs else None
