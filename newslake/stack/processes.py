"""Starting and stopping the local servers' processes: free ports, process groups."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path


class StackError(RuntimeError):
    """A local server could not be started, reached or stopped."""


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as servers bind: TIME_WAIT is no conflict
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def listening_socket(host: str, port: int, *, backlog: int = 512) -> socket.socket:
    """A socket bound and listening before any server thread starts, so that a busy port
    fails at once with the system's reason, and port 0's choice is known to the caller.
    Raises :class:`StackError` saying which address is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise StackError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from exc
    sock.listen(backlog)
    return sock


def stop_process_group(
    pid: int,
    alive: Callable[[int], bool],
    timeout_s: float,
    *,
    settled: Callable[[], bool] | None = None,
    settled_grace_s: float = 0.0,
) -> None:
    """SIGTERM a server's process group, wait for it to go, SIGKILL it if it does not. Once
    ``settled()`` says its data is safe, it gets only ``settled_grace_s`` more."""
    os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and alive(pid):
        reap(pid)
        if settled is not None and settled():
            deadline = min(deadline, time.monotonic() + settled_grace_s)
            settled = None
        time.sleep(0.05)
    if alive(pid):
        os.killpg(pid, signal.SIGKILL)
        reap(pid)


def reap(pid: int) -> None:
    """Collect the exit status if this process is the server's parent (avoids a zombie)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


_WATCHDOG = r"""
import os, signal, sys, time
parent = int(sys.argv[1])
seen = {}
def start_time(pid):
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None
def children(pid):
    found = set()
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.update(int(c) for c in handle.read().split())
    except OSError:
        pass
    return found - {os.getpid()}
while os.getppid() == parent:
    for pid in children(parent) - seen.keys():
        seen[pid] = start_time(pid)
    time.sleep(0.5)
def stop(sig):
    for pid, started in seen.items():
        if started is not None and start_time(pid) == started:  # the same process, not a reused pid
            try:
                os.kill(pid, sig)
            except OSError:
                pass
stop(signal.SIGTERM)
time.sleep(3)
stop(signal.SIGKILL)
"""


def stop_children_when_killed() -> subprocess.Popen | None:
    """Start a watchdog that stops this process's children if this process dies without
    cleaning up (SIGKILL, OOM kill). Prefect's ephemeral API server is such a child:
    without this, every killed `newslake ingest` left one running (~200 MB each).
    The watchdog notices the death through its parent changing; Linux only."""
    if not Path("/proc/self/task").exists():
        return None
    return subprocess.Popen(
        [sys.executable, "-c", _WATCHDOG, str(os.getpid())],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # a Ctrl-C to the terminal's group is for us, not for it
    )
