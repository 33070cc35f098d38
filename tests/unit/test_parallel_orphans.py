"""Extraction workers must not outlive a process that is killed (a served flow run stopped)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import os, sys
sys.path.insert(0, {root!r})
from newslake.core.parallel import cpu_map
from tests.unit.test_parallel_orphans import square
if __name__ == "__main__":
    cpu_map(square, [1, 2, 3, 4], workers=2)
    import multiprocessing
    print(" ".join(str(child.pid) for child in multiprocessing.active_children()), flush=True)
    os.kill(os.getpid(), 9)
"""


def square(value: int) -> int:
    return value * value


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signals are Linux's")
def test_workers_end_with_a_killed_parent(tmp_path):
    script = tmp_path / "killed.py"
    script.write_text(SCRIPT.format(root=str(ROOT)))
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    workers = [int(pid) for pid in result.stdout.split()]
    assert result.returncode == -9 and workers
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in workers), "a worker outlived its killed parent"


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False
    return state != "Z"
