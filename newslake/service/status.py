"""What `newslake status` reports: where things are, what runs, what waits."""

from __future__ import annotations

import os
from typing import Any

from newslake.core import PIPELINE_VERSION
from newslake.core.settings import Settings
from newslake.service import serve
from newslake.stack import prefect_server, s3_server


def status_report(settings: Settings, *, runs: int = 5) -> dict[str, Any]:
    """Addresses and liveness of the parts, then (when reachable) the landings no run has
    logged yet and the last flow runs. Never starts anything."""
    from newslake.core.storage import s3_access

    state = s3_server.load_state(settings)
    local = settings.uses_local_stack
    endpoint = (state.endpoint if state else None) if local else s3_access(settings).endpoint_url
    running_service = serve.load_state(settings)
    api_url = os.environ.get("PREFECT_API_URL") or (running_service.prefect_api_url if running_service else None)
    api_url = api_url or prefect_server.running_url(settings)
    storage_up = not local or s3_server.is_running(settings)
    return {
        "s3_endpoint": endpoint,
        "bucket": settings.bucket,
        "landing_prefix": settings.landing_prefix,
        "lake_prefix": settings.lake_prefix,
        "prefect_api_url": api_url,
        "local_stack": local,
        "local_stack_running": storage_up if local else None,
        "service": _service(running_service),
        # Read in this thread: a lake read in a helper thread can abort the exit (lake.read_columns).
        "pending_landings": _pending_count(settings) if storage_up else None,
        "last_runs": _last_runs(api_url, runs) if api_url else [],
        "state_dir": str(settings.state_dir.resolve()),
        "pipeline_version": PIPELINE_VERSION,
    }


def _service(state: serve.ServiceState | None) -> dict[str, Any] | None:
    if state is None:
        return None
    return {
        "pid": state.pid,
        "started_at": state.started_at,
        "push_endpoint": f"{state.endpoints_url}/push",
        "s3_events_endpoint": f"{state.endpoints_url}/events/s3",
        "deployments": state.deployments,
    }


def _pending_count(settings: Settings) -> int | str:
    """Objects landed today or yesterday that no run has logged."""
    from newslake.core.landing import list_recent_landed, logged_keys, logged_since, recent_days

    try:
        recent = list_recent_landed(settings)
        return len(set(recent) - logged_keys(settings, since=logged_since(recent_days(2)))) if recent else 0
    except Exception as exc:  # status must answer even when the store does not
        return f"unknown ({type(exc).__name__}: {exc})"


def _last_runs(api_url: str, limit: int) -> list[dict[str, Any]] | str:
    import httpx

    base = api_url.rstrip("/")
    # One client for both calls, and no certificate store for a plain-http API: loading it
    # costs ~0.15 s each time, a tenth of what `status` may take.
    try:
        with httpx.Client(timeout=5, verify=base.startswith("https:")) as client:
            response = client.post(
                f"{base}/flow_runs/filter",
                json={"sort": "START_TIME_DESC", "limit": limit, "flow_runs": {"start_time": {"is_null_": False}}},
            )
            response.raise_for_status()
            deployments = client.post(f"{base}/deployments/filter", json={})
            deployments.raise_for_status()
    except httpx.HTTPError as exc:
        return f"Prefect API unreachable at {api_url}: {exc}"
    names = {item["id"]: item["name"] for item in deployments.json()}
    return [
        {
            "name": run["name"],
            "deployment": names.get(run.get("deployment_id"), "(none)"),
            "state": run["state_name"],
            "started": run.get("start_time"),
            "seconds": round(run.get("total_run_time") or 0, 1),
        }
        for run in response.json()
    ]
