"""Starting and stopping the local servers' processes: free ports, process groups."""

from __future__ import annotations

import os
import signal
import socket
import time
from collections.abc import Callable


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


def stop_process_group(pid: int, alive: Callable[[int], bool], timeout_s: float) -> None:
    """SIGTERM a server's process group, wait for it to go, SIGKILL it if it does not."""
    os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and alive(pid):
        reap(pid)
        time.sleep(0.2)
    if alive(pid):
        os.killpg(pid, signal.SIGKILL)
        reap(pid)


def reap(pid: int) -> None:
    """Collect the exit status if this process is the server's parent (avoids a zombie)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass
