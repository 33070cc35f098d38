"""The guard around one item of work: its limits, and what a failure of it says.

Used by the process pool (:mod:`newslake.core.parallel`) and by steps that turn an
exception into a rejection. Two ways to run a call under :class:`Limits`:

* :func:`call_limited`, in a worker process's main thread — **a soft time limit**: a
  timer (``setitimer``) raises :class:`TimeLimitExceeded` in the item's code when
  ``Limits.seconds`` is up, and again every second after that. It derives from
  ``BaseException``, like ``KeyboardInterrupt``, so that a library's ``except
  Exception`` does not swallow it. **A memory limit**: the address space
  (``RLIMIT_AS``) is capped at what the process held before the item plus
  ``Limits.memory_mb``, so an allocation beyond that raises ``MemoryError`` in the
  item's code instead of exhausting the machine. The pool adds the hard limits (it
  kills a worker that ignores these).
* :func:`call_inline`, in any thread of a process that must not be capped or killed
  (the flow's own): a watchdog thread raises :class:`TimeLimitExceeded`, or
  ``MemoryError`` when the process's resident memory grew by more than the limit, in
  the calling thread. Such an exception takes effect at the next Python instruction:
  an item stuck inside one C call, or one huge allocation, is not stopped — these
  limits are soft.
"""

from __future__ import annotations

import ctypes
import os
import signal
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

MB = 1024 * 1024
_REPEAT_S = 1.0  # the soft time limit fires again this often until the item stops
_SAMPLE_S = 0.05  # how often the inline watchdog reads the resident memory
_DETAIL_CHARS = 2000


@dataclass(frozen=True)
class Limits:
    """What one item may take. ``None``: no limit."""

    seconds: float | None = None
    memory_mb: int | None = None

    @property
    def hard_seconds(self) -> float | None:
        """When the pool kills an item that ignored its soft time limit."""
        if self.seconds is None:
            return None
        return self.seconds + max(2.0, self.seconds / 2)


@dataclass(frozen=True)
class Failure:
    """Why one item has no result: the exception the guard caught, or what the pool saw.
    A broken limit's message ends with the limit, so that a caller can say what it applies to."""

    error_class: str
    message: str
    detail: str | None = None  # a short traceback, when there is one
    limit: str | None = None  # "time" or "memory" when the item broke a limit


class TimeLimitExceeded(BaseException):  # noqa: N818 - named for the reject's error_class
    """An item's time is up. A BaseException, so that ``except Exception`` lets it through."""


def short_traceback(exc: BaseException, frames: int = 8, chars: int = _DETAIL_CHARS) -> str:
    """The last ``frames`` frames of ``exc``'s traceback, at most ``chars`` characters (the end kept)."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename == __file__:  # the guard's own frames
        tb = tb.tb_next
    text = "".join(traceback.format_exception(type(exc), exc, tb, limit=-frames))
    return text if len(text) <= chars else "…" + text[-(chars - 1) :]


def describe(exc: BaseException, limits: Limits | None = None) -> Failure:
    """The :class:`Failure` of an exception raised by an item (a broken limit says which)."""
    limits = limits or Limits()
    detail = short_traceback(exc)
    if isinstance(exc, TimeLimitExceeded):
        return Failure("TimeLimitExceeded", f"stopped at the time limit of {limits.seconds or 0:g} s", detail, "time")
    if isinstance(exc, MemoryError) and limits.memory_mb:
        return Failure("MemoryLimitExceeded", f"went over the memory limit of {limits.memory_mb} MB", detail, "memory")
    return Failure(type(exc).__name__, str(exc) or type(exc).__name__, detail)


def memory_of(pid: int | str = "self") -> tuple[int, int]:
    """(virtual size, resident size) of a process in bytes; (0, 0) where /proc is missing."""
    try:
        with open(f"/proc/{pid}/statm") as handle:
            size, resident = handle.read().split()[:2]
    except (OSError, ValueError):
        return 0, 0
    page = os.sysconf("SC_PAGE_SIZE")
    return int(size) * page, int(resident) * page


# --------------------------------------------------------------------------- in a worker

_timer_armed = False


def install_timer() -> None:
    """Make SIGALRM raise :class:`TimeLimitExceeded` while an item is timed (a worker's main thread)."""
    signal.signal(signal.SIGALRM, _on_alarm)


def _on_alarm(signum: int, frame: Any) -> None:
    if _timer_armed:
        raise TimeLimitExceeded("the time limit per item is up")


def _arm(limits: Limits) -> tuple[int, int] | None:
    """Start the timer and cap the address space; returns the RLIMIT_AS to restore."""
    global _timer_armed
    saved = None
    if limits.memory_mb:
        try:
            import resource

            virtual, _ = memory_of()
            soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            cap = virtual + limits.memory_mb * MB
            if virtual:
                resource.setrlimit(resource.RLIMIT_AS, (cap if hard == resource.RLIM_INFINITY else min(cap, hard), hard))
                saved = (soft, hard)
        except (ImportError, OSError, ValueError):
            saved = None
    if limits.seconds:
        _timer_armed = True
        signal.setitimer(signal.ITIMER_REAL, limits.seconds, _REPEAT_S)
    return saved


def _disarm(saved: tuple[int, int] | None) -> None:
    global _timer_armed
    _timer_armed = False
    signal.setitimer(signal.ITIMER_REAL, 0)
    if saved is not None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, saved)


def call_limited(fn: Callable[..., Any], item: Any, args: tuple, limits: Limits) -> tuple[bool, Any]:
    """(True, ``fn(item, *args)``) or (False, :class:`Failure`), in a worker's main thread."""
    saved = None
    try:
        try:
            saved = _arm(limits)
            return True, fn(item, *args)
        finally:
            _disarm(saved)
    except BaseException as exc:  # the guard: anything an item raises fails that item only
        _disarm(saved)  # again: the timer may have fired inside the first
        return False, describe(exc, limits)


# --------------------------------------------------------------------------- in the calling process


class _Watchdog(threading.Thread):
    """Raises TimeLimitExceeded or MemoryError in ``target`` (a thread id) at its limits."""

    def __init__(self, target: int, limits: Limits) -> None:
        super().__init__(daemon=True, name="newslake-item-watchdog")
        self.target, self.limits = target, limits
        self.done = threading.Event()
        self.lock = threading.Lock()
        self.fired: str | None = None
        self.resident_limit = memory_of()[1] + limits.memory_mb * MB if limits.memory_mb else None

    def run(self) -> None:
        deadline = time.monotonic() + self.limits.seconds if self.limits.seconds else None
        interval = _SAMPLE_S if self.resident_limit else _REPEAT_S
        while not self.done.wait(interval if deadline is None else max(0.0, min(interval, deadline - time.monotonic()))):
            if deadline is not None and time.monotonic() >= deadline:
                self._raise(TimeLimitExceeded, "time")
                deadline = time.monotonic() + _REPEAT_S
            elif self.resident_limit and memory_of()[1] > self.resident_limit:
                self._raise(MemoryError, "memory")

    def _raise(self, exc_type: type[BaseException], limit: str) -> None:
        with self.lock:
            if not self.done.is_set():
                self.fired = self.fired or limit
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.target), ctypes.py_object(exc_type))

    def stop(self) -> None:
        with self.lock:
            self.done.set()
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.target), None)  # clear a pending one


def call_inline(fn: Callable[..., Any], item: Any, args: tuple, limits: Limits) -> tuple[bool, Any]:
    """(True, ``fn(item, *args)``) or (False, :class:`Failure`), in this process, soft limits."""
    watchdog = _Watchdog(threading.get_ident(), limits) if (limits.seconds or limits.memory_mb) else None
    try:
        try:
            if watchdog is not None:
                watchdog.start()
            return True, fn(item, *args)
        finally:
            if watchdog is not None:
                watchdog.stop()
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # the guard
        fired = watchdog.fired if watchdog is not None else None
        if isinstance(exc, TimeLimitExceeded) or (isinstance(exc, MemoryError) and fired == "memory"):
            return False, describe(exc, limits)
        return False, describe(exc)
