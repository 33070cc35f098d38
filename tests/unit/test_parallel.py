"""The guarded pool: whatever one item does becomes a failure of that item alone, the
others' results are intact, and the pool keeps working."""

from __future__ import annotations

import os
import signal
import sys
import time

import pytest

from newslake.core.parallel import Failure, Limits, WorkerError, cpu_map, guarded_map

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="limits use Linux facilities")

LIMITS = Limits(seconds=1.0, memory_mb=300)


def behave(item: tuple[str, int]) -> object:
    """An item that does what its name says."""
    kind, value = item
    if kind == "ok":
        return value * 2
    if kind == "raise":
        raise ValueError(f"bad item {value}")
    if kind == "sleep":  # forever, in Python: the soft limit stops it
        while True:
            time.sleep(0.05)
    if kind == "stuck":  # forever, deaf to the soft limit: only the parent's kill stops it
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        while True:
            time.sleep(0.05)
    if kind == "allocate":  # 10 GB at once
        return len(bytearray(10 * 1024**3))
    if kind == "grow":  # memory written 10 MB at a time, up to 2 GB
        held = []
        for _ in range(200):
            held.append(b"x" * (10 * 1024 * 1024))
            time.sleep(0.01)
        return "not stopped"
    if kind == "segfault":
        os.kill(os.getpid(), signal.SIGSEGV)
    if kind == "unpicklable":
        return lambda: value
    raise AssertionError(kind)


def slow_warmup() -> None:
    time.sleep(1.5)


def square(value: int) -> int:
    return value * value


def test_each_bad_item_fails_alone_and_the_pool_lives_on():
    items = [("ok", 1), ("raise", 2), ("sleep", 3), ("ok", 4), ("allocate", 5), ("segfault", 6), ("stuck", 7),
             ("unpicklable", 8), ("ok", 9)]
    started = time.monotonic()
    results = guarded_map(behave, items, workers=2, limits=LIMITS, inline=False)
    assert time.monotonic() - started < 60
    assert [results[0], results[3], results[8]] == [2, 8, 18]
    failures = {items[i][0]: r for i, r in enumerate(results) if isinstance(r, Failure)}
    assert set(failures) == {"raise", "sleep", "allocate", "segfault", "stuck", "unpicklable"}

    assert failures["raise"].error_class == "ValueError" and failures["raise"].message == "bad item 2"
    assert "Traceback" in failures["raise"].detail and "behave" in failures["raise"].detail
    assert (failures["sleep"].error_class, failures["sleep"].limit) == ("TimeLimitExceeded", "time")
    assert "time.sleep" in failures["sleep"].detail  # where it was when stopped
    assert (failures["stuck"].error_class, failures["stuck"].limit) == ("TimeLimitExceeded", "time")
    assert "killed" in failures["stuck"].message
    assert "in behave" in failures["stuck"].detail  # its stack, dumped before the kill
    assert (failures["allocate"].error_class, failures["allocate"].limit) == ("MemoryLimitExceeded", "memory")
    assert "300 MB" in failures["allocate"].message
    assert failures["segfault"].error_class == "WorkerDied" and "SIGSEGV" in failures["segfault"].message
    assert "Segmentation fault" in failures["segfault"].detail and "in behave" in failures["segfault"].detail
    assert failures["unpicklable"].limit is None

    again = guarded_map(behave, [("ok", n) for n in range(6)], workers=2, limits=LIMITS, inline=False)
    assert again == [0, 2, 4, 6, 8, 10]


def test_a_single_item_can_ask_for_a_worker():
    [killed] = guarded_map(behave, [("segfault", 1)], workers=2, limits=LIMITS, inline=False)
    assert isinstance(killed, Failure) and killed.error_class == "WorkerDied"  # this process survived it


def test_warmup_runs_before_the_clock_starts():
    results = guarded_map(behave, [("ok", 1), ("ok", 2), ("ok", 3)], workers=2, limits=Limits(seconds=1.0),
                          warmup=slow_warmup, inline=False)
    assert results == [2, 4, 6]


def test_inline_limits_are_soft_but_apply():
    items = [("ok", 1), ("raise", 2), ("sleep", 3), ("grow", 4), ("ok", 5)]
    results = guarded_map(behave, items, workers=1, limits=Limits(seconds=1.0, memory_mb=200))
    assert [results[0], results[4]] == [2, 10]
    assert isinstance(results[1], Failure) and results[1].error_class == "ValueError"
    assert isinstance(results[2], Failure) and results[2].limit == "time"
    assert isinstance(results[3], Failure) and results[3].limit == "memory", results[3]


def test_cpu_map_maps_and_raises():
    assert cpu_map(square, [1, 2, 3, 4], workers=2) == [1, 4, 9, 16]
    assert cpu_map(square, [5], workers=2) == [25]
    with pytest.raises(WorkerError, match="bad item"):
        cpu_map(behave, [("ok", 1), ("raise", 2)], workers=2)
