"""A throw-away local stack for benchmarks: its own state folder and port, like the tests."""

from __future__ import annotations

import os
import socket
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("NEWSLAKE_SHARED_DATA", ROOT.parent / "shared" / "data"))


def isolate_environment() -> Path:
    """Point newslake and Prefect at a fresh temporary state folder. Call before importing them."""
    state = Path(tempfile.mkdtemp(prefix="newslake-bench-"))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    os.environ.update(
        NEWSLAKE_STATE_DIR=str(state),
        NEWSLAKE_LOCAL_S3_PORT=str(port),
        NEWSLAKE_BUCKET="newslake-bench",
        PREFECT_HOME=str(state / "prefect"),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_LOGGING_LEVEL="WARNING",
        PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="90",
    )
    os.environ.pop("NEWSLAKE_S3_ENDPOINT", None)
    os.environ.pop("PREFECT_API_URL", None)
    return state
