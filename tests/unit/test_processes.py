"""The watchdog that stops a killed command's children (Prefect's ephemeral server)."""

import os
import signal
import subprocess
import sys
import textwrap
import time

from newslake.stack.processes import free_port, port_is_free


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_children_of_a_killed_process_are_stopped():
    script = textwrap.dedent(
        """
        import subprocess, sys, time
        from newslake.stack.processes import stop_children_when_killed
        stop_children_when_killed()
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"], start_new_session=True)
        print(child.pid, flush=True)
        time.sleep(600)
        """
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    time.sleep(1.5)  # the watchdog looks every 0.5 s
    assert _alive(child)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(child), "the child of a SIGKILLed process is still running"


def test_free_port_is_free():
    assert port_is_free(free_port())
