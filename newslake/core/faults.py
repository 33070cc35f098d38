"""Fault injection for the fault suite (tests/integration/test_faults.py).

A commit has steps whose order makes a crash harmless; the only way to show that for
each step is to crash there. With ``NEWSLAKE_CRASH_AT=<point>`` in its environment, a
process kills itself with SIGKILL when it reaches that point, as a power cut or the OOM
killer would: no ``finally``, no ``atexit``. Unset (always, outside the tests), a point
costs one dictionary lookup.
"""

from __future__ import annotations

import os
import signal

CRASH_POINTS = ("commit:keys", "commit:children", "commit:articles", "commit:before-log", "commit:after-log")


def crash_point(name: str) -> None:
    if os.environ.get("NEWSLAKE_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)
