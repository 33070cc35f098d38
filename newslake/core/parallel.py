"""CPU-bound work over processes, with one pool per process reused across batches.

Workers are started with ``spawn``: forking a process that runs Prefect's
threads can deadlock. Starting a worker costs about a second of imports, so
a single item runs inline instead.
"""

from __future__ import annotations

import atexit
import ctypes
import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_PR_SET_PDEATHSIG = 1
_pool: ProcessPoolExecutor | None = None
_pool_size = 0


def _get_pool(workers: int) -> ProcessPoolExecutor:
    global _pool, _pool_size
    if _pool is None or _pool_size != workers:
        shutdown()
        _pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=_die_with_parent, initargs=(os.getpid(),)
        )
        _pool_size = workers
    return _pool


def _die_with_parent(parent: int) -> None:
    """A worker ends when the process that started it does, even a killed one (a served
    flow run stopped with `newslake serve`): atexit never runs then, and orphaned
    workers would keep their spaCy models in memory. Linux only; elsewhere a no-op."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # it died while this worker was starting
        os._exit(0)


def shutdown() -> None:
    global _pool
    if _pool is not None:
        _pool.shutdown(cancel_futures=True)
        _pool = None


atexit.register(shutdown)


def cpu_map(fn: Callable[..., R], items: Sequence[T], *args: Any, workers: int) -> list[R]:
    """``[fn(item, *args) for item in items]``, over ``workers`` processes when it pays off."""
    call = partial(_apply, fn, args)
    if workers <= 1 or len(items) <= 1:
        return [call(item) for item in items]
    return list(_get_pool(workers).map(call, items))


def _apply(fn: Callable[..., R], args: tuple[Any, ...], item: T) -> R:
    return fn(item, *args)
