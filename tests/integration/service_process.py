"""`newslake serve` as a child process, the way an operator runs it: for the
end-to-end tests and the service benchmarks (bench/latency.py, bench/burst.py)."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

from newslake.stack.processes import free_port

_API_TRIES = 5

ROOT = Path(__file__).resolve().parents[2]
NEWSLAKE = str(Path(sys.executable).parent / "newslake")


class ServiceProcess:
    """Start with :meth:`start`, stop with :meth:`stop` (SIGINT, as Ctrl-C does).

    The environment is this process's (state folder, bucket, S3 port) with the
    service's own ports, and without ``PREFECT_API_URL``, so that serve starts
    and later stops its own Prefect server under the state folder.
    """

    def __init__(
        self,
        state_dir: Path,
        extra_env: dict[str, str] | None = None,
        deployments: list[str] | None = None,
        events_only: bool = False,
    ):
        self.state_dir = state_dir
        self.env = {
            **os.environ,
            "NEWSLAKE_STATE_DIR": str(state_dir),
            "NEWSLAKE_HTTP_PORT": str(free_port()),
            "NEWSLAKE_PREFECT_PORT": str(free_port()),
            "PREFECT_LOGGING_LEVEL": "INFO",
            **(extra_env or {}),
        }
        self.env.pop("PREFECT_API_URL", None)
        self.env.pop("PREFECT_HOME", None)
        self.deployments = deployments or []
        self.events_only = events_only
        self.log_path = state_dir / "serve.log"
        self.process: subprocess.Popen | None = None
        self.api_url = ""
        self.endpoints_url = ""

    @property
    def token(self) -> str:
        return self.env.get("NEWSLAKE_API_TOKEN") or (self.state_dir / "api_token").read_text().strip()

    def start(self, timeout: float = 240) -> ServiceProcess:
        args = [NEWSLAKE, "serve", "--project", str(ROOT)]
        for name in self.deployments:
            args += ["--deployment", name]
        if self.events_only:
            args.append("--events-only")
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            args, env=self.env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"newslake serve exited {self.process.returncode}:\n{self.log()}")
            if self._ready():
                return self
            time.sleep(0.5)
        self.stop()
        raise AssertionError(f"newslake serve was not ready within {timeout:.0f} s:\n{self.log()}")

    def _ready(self) -> bool:
        """The endpoints answer and every deployment is registered and unpaused."""
        path = self.state_dir / "service.json"
        if not path.exists():
            return False
        state = json.loads(path.read_text())
        if state["pid"] != self.process.pid or not (state["deployments"] or self.events_only):
            return False
        self.api_url, self.endpoints_url = state["prefect_api_url"], state["endpoints_url"]
        try:
            if httpx.get(f"{self.endpoints_url}/health", timeout=2).status_code != 200:
                return False
            if self.events_only:
                return "Events only" in self.log()
            served = httpx.post(f"{self.api_url}/deployments/filter", json={}, timeout=5).json()
        except httpx.HTTPError:
            return False
        active = {item["name"] for item in served if not item.get("paused")}
        return set(state["deployments"]) <= active and "Serving" in self.log()

    def stop(self, timeout: float = 90) -> int:
        """Ctrl-C, then wait; returns the exit code."""
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else 0
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)
            raise AssertionError(f"newslake serve did not stop within {timeout:.0f} s of Ctrl-C:\n{self.log()}") from None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-6000:] if self.log_path.exists() else ""

    def api(self, path: str, body: dict) -> object:
        """POST to the service's Prefect API, retrying a busy answer (429, 502, 503) as Prefect's
        own client does: its SQLite store answers 503 for a moment under load."""
        for attempt in range(_API_TRIES):
            response = httpx.post(f"{self.api_url}{path}", json=body, timeout=10)
            if response.status_code not in (429, 502, 503) or attempt == _API_TRIES - 1:
                break
            time.sleep(0.5 * 2**attempt)
        response.raise_for_status()
        return response.json()

    def flow_runs(self, deployment: str | None = None) -> list[dict]:
        """Flow runs the service's Prefect server knows (of one deployment's flow, if named)."""
        runs = self.api("/flow_runs/filter", {"limit": 200})
        if deployment is None:
            return runs
        ids = {item["id"] for item in self.api("/deployments/filter", {}) if item["name"] == deployment}
        return [run for run in runs if run.get("deployment_id") in ids]

    def run_deployment(self, name: str, parameters: dict | None = None) -> str:
        """Start a run of a served deployment now (as `prefect deployment run` does); its id."""
        deployment = next(item for item in self.api("/deployments/filter", {}) if item["name"] == name)
        return self.api(f"/deployments/{deployment['id']}/create_flow_run", {"parameters": parameters or {}})["id"]


def landing_key(source: str, data: bytes, ext: str = ".json", day: datetime | None = None) -> str:
    """The content-addressed key newslake itself would give ``data`` landed today (or on ``day``)."""
    day = day or datetime.now(UTC)
    return f"landing/{source}/{day:%Y/%m/%d}/{hashlib.sha256(data).hexdigest()}{ext}"


_PLACES = ["Nairobi", "Lisbon", "Osaka", "Quito", "Tbilisi", "Hanoi", "Accra", "Oslo", "Lima", "Perth"]
_PEOPLE = ["Amina Odhiambo", "Rui Tavares", "Kenji Sato", "Lucia Mendez", "Nino Beridze", "Tran Van Minh"]
_TOPICS = ["water rates", "a rail link", "school meals", "port expansion", "wildfire response", "bus fares"]


def article_json(index: int, run: str = "") -> bytes:
    """A distinct, realistic JSON article record (the push/landing JSON format)."""
    place, person, topic = _PLACES[index % 10], _PEOPLE[index % 6], _TOPICS[index % 6]
    body = (
        f"{place} city council voted {index % 9 + 3} to {index % 4 + 1} on Tuesday to approve a plan on {topic}, "
        f"ending months of debate over a budget of {index + 12} million dollars. "
        f"\"We listened to residents and changed the plan twice,\" said {person}, who chairs the finance committee. "
        f"Opponents said the vote came too quickly and asked for a review of case {run}{index}. "
        f"The first works are due to start in {['March', 'June', 'September'][index % 3]}, officials in {place} said."
    )
    record = {
        "url": f"https://news.example.org/{run or 'story'}/{index}",
        "title": f"{place} approves plan on {topic} ({run}{index})",
        "text": body,
        "published_at": "2026-11-20T09:30:00Z",
        "authors": ["Staff reporter"],
    }
    return json.dumps(record).encode()
