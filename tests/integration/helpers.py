"""Running the real ``newslake`` command the way a user does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

NEWSLAKE = str(Path(sys.executable).parent / "newslake")
# An article body that reads as prose: the pipeline refuses filler ("Words Words Words…").
PROSE = (
    "The harbour authority said on Tuesday that the new breakwater would be finished before the "
    "winter storms, after two years of delays caused by rising costs and a shortage of granite. "
    "Fishermen who use the port welcomed the news but said the works had already cost them a season."
)


def newslake(*args: str, check: bool = True, bucket: str | None = None) -> subprocess.CompletedProcess:
    """Run the CLI; with ``bucket``, against a separate lake in that bucket."""
    env = {**os.environ, "NEWSLAKE_BUCKET": bucket} if bucket else None
    result = subprocess.run([NEWSLAKE, *args], capture_output=True, text=True, timeout=600, env=env)
    if check and result.returncode != 0:
        raise AssertionError(f"newslake {' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result


def sql_json(query: str) -> list[dict[str, Any]]:
    return json.loads(newslake("sql", query, "--format", "json").stdout)


def lake_in_bucket(settings, bucket: str):
    """Settings for a separate lake in its own bucket, so a test's synthetic data stays apart."""
    from newslake.core import lake
    from newslake.core.storage import ensure_bucket

    isolated = settings.model_copy(update={"bucket": bucket})
    ensure_bucket(isolated)
    lake.ensure_tables(isolated)
    return isolated
