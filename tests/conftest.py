"""Test session setup.

Integration tests run against a real SeaweedFS S3 server started for the
session (on a free port, in a temporary state folder, so a developer's own
`newslake up` is never touched) and a real Prefect API (ephemeral server).
Environment variables are set here, at import time, because Prefect reads its
settings when it is first imported.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from newslake.stack.processes import free_port
from tests.shared_data import shared_data_dir  # imports no Prefect: the environment below still comes first

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = shared_data_dir(ROOT)
SEED = SHARED_DATA / "seed" / "000_4294ec14b11da705.txt"
EXAMPLES = ROOT / "examples"

_STATE = Path(tempfile.mkdtemp(prefix="newslake-test-"))


os.environ.update(
    NEWSLAKE_STATE_DIR=str(_STATE),
    NEWSLAKE_LOCAL_S3_PORT=str(free_port()),
    NEWSLAKE_BUCKET="newslake-test",
    NEWSLAKE_CONFIG=str(_STATE / "absent.toml"),
    PREFECT_HOME=str(_STATE / "prefect"),
    PREFECT_SERVER_ANALYTICS_ENABLED="false",
    PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="90",
)
os.environ.pop("NEWSLAKE_S3_ENDPOINT", None)
os.environ.pop("PREFECT_API_URL", None)


@pytest.fixture(scope="session")
def settings():
    from newslake.core.settings import get_settings

    get_settings.cache_clear()
    return get_settings()


@pytest.fixture(scope="session")
def local_stack(settings) -> Iterator[object]:
    """The session's S3 server, stopped at the end."""
    from newslake.stack import s3_server

    state = s3_server.up(settings)
    yield state
    s3_server.down(settings)


@pytest.fixture(scope="session")
def seed_path() -> Path:
    assert SEED.exists(), f"the seed article is missing at {SEED}: set NEWSLAKE_SHARED_DATA to the shared data folder"
    return SEED


def pytest_collection_modifyitems(config, items):
    """Tests under tests/integration/ need the real servers: marked by folder, so that
    `pytest -m "not integration"` (make unit) runs the pure tests alone."""
    integration = ROOT / "tests" / "integration"
    for item in items:
        if integration in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.integration)


def pytest_sessionfinish(session, exitstatus):
    """Stop Prefect's temporary server while pytest still owns the log streams
    (otherwise it logs its own shutdown into a closed stream at exit)."""
    import sys

    if "prefect.server.api.server" in sys.modules:
        from prefect.server.api.server import SubprocessASGIServer

        for server in list(SubprocessASGIServer._instances.values()):
            server.stop()
