"""Process state files: what a started server left in the state folder for later commands.

``up`` writes ``stack.json`` (the local S3 server's pid, ports and generated key),
``serve`` writes ``service.json`` and a Prefect server ``prefect-server.json``. The S3
client factory reads the first to find the local store; ``status`` and ``down`` read
all three. One reader and one writer serve them all, so a state file is always
replaced atomically and one holding a secret is never readable by others.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any, TypeVar

from newslake.core.settings import Settings

T = TypeVar("T")

STACK = "stack.json"
SERVICE = "service.json"
PREFECT_SERVER = "prefect-server.json"
RUNNER = "runner.json"


@dataclass
class StackState:
    """What ``up`` recorded about the local S3 server it started.

    ``access_key``/``secret_key`` may write (the pipeline's key); ``read_access_key``/
    ``read_secret_key`` may only read and list (the analysis connections' key). A state
    file written before the read-only key existed has none: ``up`` adds one. ``secured``:
    the running server was started with every internal port requiring credentials
    (mutual TLS and signed tokens, see ``newslake/stack/s3_server.py``)."""

    s3_port: int
    access_key: str
    secret_key: str
    pid: int | None = None
    ports: dict[str, int] = field(default_factory=dict)
    read_access_key: str | None = None
    read_secret_key: str | None = None
    secured: bool = False

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.s3_port}"


@dataclass
class ServiceState:
    """What `newslake status` shows about a running service."""

    pid: int
    started_at: str
    endpoints_url: str
    prefect_api_url: str
    deployments: list[str]


@dataclass
class ServerState:
    """A Prefect server started from this state folder."""

    pid: int
    port: int

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"


@dataclass
class RunnerState:
    """The warm runner ``up`` started (``newslake/service/runner.py``): its address once it
    listens, whether the pipeline is loaded, and why it stopped if it failed to start."""

    pid: int
    url: str = ""
    ready: bool = False
    error: str = ""
    settings_digest: str = ""


def state_path(settings: Settings, name: str) -> Path:
    return settings.state_dir / name


def read_state(settings: Settings, name: str, kind: type[T]) -> T | None:
    """The state ``name`` as a ``kind``, or None when no server has written it."""
    path = state_path(settings, name)
    if not path.exists():
        return None
    values = json.loads(path.read_text())
    known = {f.name for f in fields(kind)} if is_dataclass(kind) else set(values)
    return kind(**{key: value for key, value in values.items() if key in known})  # a newer version's extra fields are ignored


def write_state(settings: Settings, name: str, state: Any) -> None:
    """Replace the state file atomically, readable by its owner only (it may hold a key)."""
    path = state_path(settings, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(state), indent=2))
    os.chmod(tmp, 0o600)
    tmp.replace(path)


def remove_state(settings: Settings, name: str) -> None:
    state_path(settings, name).unlink(missing_ok=True)


def process_runs(pid: int | None, *markers: bytes) -> bool:
    """Whether ``pid`` is alive and its command line holds every marker: a recorded pid
    may have been reused by an unrelated program since."""
    if not pid:
        return False
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return all(marker in cmdline for marker in markers)
