"""A throw-away local stack for benchmarks: its own state folder and port, like the tests."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from tests.shared_data import shared_data_dir

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = shared_data_dir(ROOT)


def isolate_environment() -> Path:
    """Point newslake and Prefect at a fresh temporary state folder. Call before importing them."""
    state = Path(tempfile.mkdtemp(prefix="newslake-bench-"))
    from newslake.stack.processes import free_port  # imports no Prefect

    port = free_port()
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
