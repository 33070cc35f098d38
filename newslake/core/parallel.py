"""CPU-bound work over processes, one item at a time inside a guard with limits.

:func:`guarded_map` runs ``fn(item, *args)`` for every item and never raises because
of one item: whatever an item does — raises, runs forever, allocates without end,
crashes its process — becomes a :class:`~newslake.core.guard.Failure` in that item's
place, and the other items' results are intact.

In a worker, each item runs under the soft limits of :func:`newslake.core.guard.call_limited`
(a timer raising ``TimeLimitExceeded``, a capped address space raising ``MemoryError``).
The parent adds the **hard limits**: an item still running ``Limits.hard_seconds`` after
it began (stuck in C code that never returns to Python), or whose worker's resident
memory grew past the limit, gets its worker killed. A worker that dies (killed, or a
crash such as a segfault) fails only the item it was running — the parent always knows
which one — and is replaced by a fresh process; the other items go on. A worker that
held much more memory after an item than before retires and is replaced.

Workers fork from a **forkserver**: a fresh interpreter started once per process, without
the caller's threads (forking a process that runs Prefect's threads can deadlock), which
runs the pool's warm-up (model loading) before its first fork (``pool_preload``). Every
worker — the first ones and each replacement of a killed or retired one — then starts with
the models already loaded, in a fraction of a second, sharing their memory copy-on-write.
Workers end with the process that started them, even a killed one (Linux
``PR_SET_PDEATHSIG`` on the forkserver, which ends with its owner), and one pool per
process is reused across calls.

Inline (``workers <= 1``, or a single item unless the caller passes ``inline=False``)
items run in the calling process, where nothing can be killed or capped: the limits
are then the soft ones of :func:`newslake.core.guard.call_inline` — an item stuck
inside one C call is not stopped. Steps that need the hard limits for a single item
pass ``inline=False``.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import faulthandler
import functools
import multiprocessing
import os
import pickle
import signal
import tempfile
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Sequence
from multiprocessing import forkserver
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

from newslake.core.guard import (
    MB,
    Failure,
    Limits,
    TimeLimitExceeded,
    call_inline,
    call_limited,
    describe,
    install_timer,
    memory_of,
    short_traceback,
)

__all__ = [
    "Failure", "Limits", "TimeLimitExceeded", "WorkerError", "cpu_map", "describe", "guarded_map", "short_traceback",
    "shutdown", "worker_pids",
]

T = TypeVar("T")
R = TypeVar("R")

_PR_SET_PDEATHSIG = 1
_POLL_S = 0.25  # how often the parent looks at busy workers' memory
_WARMUP_S = 300.0  # hard limit on unpickling an item and a worker's warm-up
_START_FAILURES = 3  # workers dying before they are ready, in a row: the environment is broken
_STACK_CHARS = 2000

# worker → parent messages (first byte)
_READY, _STARTED, _DONE = b"R", b"S", b"D"


class WorkerError(RuntimeError):
    """An item failed in a worker (:func:`cpu_map` only, which has no failures to return)."""


def _worker_main(conn: Connection, parent: int, stack_path: str) -> None:
    """A worker: run items sent by the parent until it closes the pipe."""
    _die_with_parent(parent)
    install_timer()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    # Where the item was when the worker crashed, or when the parent asks before killing it
    # (written by C signal handlers: they work while Python is stuck in C code).
    stack = open(stack_path, "w")  # noqa: SIM115 - open for the worker's life
    faulthandler.enable(file=stack, all_threads=False)
    faulthandler.register(signal.SIGUSR1, file=stack, all_threads=False)
    try:
        conn.send_bytes(_READY)
    except OSError:  # the pool was shut down while this worker started
        return
    while True:
        try:
            data = conn.recv_bytes()
        except (EOFError, OSError):
            return
        try:
            fn, args, item, limits, warmup = pickle.loads(data)
            del data
            warm_up_once(warmup)
            os.ftruncate(stack.fileno(), 0)
            os.lseek(stack.fileno(), 0, os.SEEK_SET)
            conn.send_bytes(_STARTED)
            _, resident_before = memory_of()
            outcome = call_limited(fn, item, args, limits)
            del item
        except BaseException as exc:  # an item that cannot be unpickled, or a failed send
            outcome, limits, resident_before = (False, describe(exc)), Limits(), 0
        try:
            payload = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as exc:  # a result that cannot be pickled
            payload = pickle.dumps((False, describe(exc)), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            conn.send_bytes(_DONE + payload)
        except (OSError, ValueError):
            return
        if _should_retire(resident_before, limits):
            return
        _trim()


def _trim() -> None:
    """Give the memory an item freed back to the system (glibc keeps it otherwise), so that
    a worker's resident size returns to its baseline between items."""
    try:
        _libc().malloc_trim(0)
    except (OSError, AttributeError):
        pass


@functools.cache
def _libc() -> ctypes.CDLL:
    return ctypes.CDLL("libc.so.6")


_warmed: set[str] = set()


def warm_up_once(warmup: Callable[[], Any] | None) -> None:
    """Run the caller's warm-up (model loading, say) once per process, outside the limits."""
    if warmup is None:
        return
    name = _qualname(warmup)
    if name not in _warmed:
        _warmed.add(name)
        try:
            warmup()
        except Exception:  # the items will fail, each with its own reason
            traceback.print_exc()


def _should_retire(resident_before: int, limits: Limits) -> bool:
    """A worker whose item left it holding much more memory retires (memory is rarely returned)."""
    if not limits.memory_mb or not resident_before:
        return False
    _, resident = memory_of()
    return resident - resident_before > limits.memory_mb * MB // 2


def _die_with_parent(owner: int) -> None:
    """A worker ends when the process that owns the pool does, even a killed one (a served
    flow run stopped with `newslake serve`): atexit never runs then, and orphaned
    workers would keep their spaCy models in memory. The worker's parent is the
    forkserver, which ends when the owner does; the signal follows. Linux only."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        return
    try:
        os.kill(owner, 0)
    except ProcessLookupError:  # the owner died while this worker was starting
        os._exit(0)


# --------------------------------------------------------------------------- the pool, in the parent


class _Worker:
    def __init__(self, context: Any) -> None:
        self.conn, child = context.Pipe(duplex=True)
        # The worker's stack dumps go to a file no one else sees, gone with the last process
        # that holds it open: created, unlinked, and opened by the worker through /proc.
        self.stack_fd, path = tempfile.mkstemp(prefix="newslake-worker-", suffix=".stack")
        os.unlink(path)
        stack_path = f"/proc/{os.getpid()}/fd/{self.stack_fd}"
        self.process = context.Process(target=_worker_main, args=(child, os.getpid(), stack_path), daemon=True)
        self.process.start()
        child.close()
        self.ready = False
        self.spawned_at = time.monotonic()
        self.task: int | None = None
        self.sent_at = 0.0
        self.started_at: float | None = None  # when the item itself began (after warm-up)
        self.resident_at_start = 0

    @property
    def idle(self) -> bool:
        return self.ready and self.task is None

    def stop(self, kill: bool = False) -> None:
        try:
            self.conn.close()
        except OSError:
            pass
        if kill and self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)
        with contextlib.suppress(OSError):
            os.close(self.stack_fd)

    def stack(self, ask: bool = False) -> str | None:
        """The Python stack the worker dumped (on a crash; with ``ask``, now, on request)."""
        if ask and self.process.pid and self.process.is_alive():
            with contextlib.suppress(OSError):
                os.kill(self.process.pid, signal.SIGUSR1)
                deadline = time.monotonic() + 1.0
                while time.monotonic() < deadline and not os.fstat(self.stack_fd).st_size:
                    time.sleep(0.02)
                time.sleep(0.05)  # let it finish writing
        try:
            text = os.pread(self.stack_fd, 4 * _STACK_CHARS, 0).decode(errors="replace").strip()
        except OSError:
            return None
        return text[:_STACK_CHARS] or None

    def death(self) -> str:
        code = self.process.exitcode
        if code is not None and code < 0:
            try:
                return f"the worker process died of signal {signal.Signals(-code).name}"
            except ValueError:
                return f"the worker process died of signal {-code}"
        return f"the worker process ended (exit code {code})"


PRELOAD_ENV = "NEWSLAKE_POOL_WARMUP"


def _forkserver(warmup: Callable[[], Any] | None) -> Any:
    """The forkserver context, its server started with ``warmup`` run in it (once per
    process: a later pool forks from the same server)."""
    context = multiprocessing.get_context("forkserver")
    if warmup is not None:
        context.set_forkserver_preload(["newslake.core.pool_preload"])
        os.environ[PRELOAD_ENV] = f"{warmup.__module__}:{warmup.__qualname__}"
    try:
        forkserver.ensure_running()
    finally:
        os.environ.pop(PRELOAD_ENV, None)
    return context


class _Pool:
    def __init__(self, size: int, warmup: Callable[[], Any] | None = None) -> None:
        self.size = size
        self.context = _forkserver(warmup)
        self.workers: list[_Worker] = []
        self.start_failures = 0

    def _spawn(self) -> None:
        self.workers.append(_Worker(self.context))

    def _replace(self, worker: _Worker, kill: bool = False) -> None:
        worker.stop(kill=kill)
        self.workers.remove(worker)
        if not worker.ready:
            self.start_failures += 1
            if self.start_failures >= _START_FAILURES:
                raise RuntimeError(f"extraction workers fail to start: {worker.death()}")
        self._spawn()

    def shutdown(self) -> None:
        for worker in self.workers:
            worker.stop(kill=worker.task is not None)
        self.workers = []

    def run(
        self, fn: Callable[..., Any], items: Sequence[Any], args: tuple, limits: Limits, warmup: Callable[[], Any] | None
    ) -> list[tuple[bool, Any]]:
        results: list[tuple[bool, Any] | None] = [None] * len(items)
        todo = deque(range(len(items)))
        for worker in [w for w in self.workers if not w.process.is_alive()]:
            self._replace(worker)
        while len(self.workers) < min(self.size, len(items)):
            self._spawn()
        while todo or any(w.task is not None for w in self.workers):
            self._dispatch(fn, items, args, limits, warmup, todo, results)
            self._collect(results, limits)
        return [result if result is not None else (False, Failure("Lost", "no result")) for result in results]

    def _dispatch(self, fn, items, args, limits, warmup, todo: deque, results: list) -> None:
        for worker in [w for w in self.workers if w.idle]:
            if not todo:
                return
            index = todo.popleft()
            try:
                message = pickle.dumps((fn, args, items[index], limits, warmup), protocol=pickle.HIGHEST_PROTOCOL)
            except Exception as exc:  # an item that cannot be sent fails alone
                results[index] = (False, describe(exc))
                continue
            try:
                worker.conn.send_bytes(message)
            except (OSError, ValueError):  # it died while idle: the item goes to the next worker
                todo.appendleft(index)
                self._replace(worker)
                continue
            worker.task, worker.sent_at, worker.started_at = index, time.monotonic(), None

    def _collect(self, results: list, limits: Limits) -> None:
        timeout = self._next_check(limits)
        waitables = [w.conn for w in self.workers] + [w.process.sentinel for w in self.workers]
        ready = set(wait(waitables, timeout))
        for worker in list(self.workers):
            if worker.conn in ready:
                self._receive(worker, results, limits)
            if worker in self.workers and not worker.process.is_alive() and not worker.conn.poll():
                if worker.task is not None:
                    results[worker.task] = (False, Failure("WorkerDied", worker.death(), worker.stack()))
                    worker.task = None
                self._replace(worker)
        self._enforce(results, limits)

    def _receive(self, worker: _Worker, results: list, limits: Limits) -> None:
        try:
            while worker.conn.poll():
                message = worker.conn.recv_bytes()
                tag = message[:1]
                if tag == _READY:
                    worker.ready, self.start_failures = True, 0
                elif tag == _STARTED:
                    worker.started_at = time.monotonic()
                    worker.resident_at_start = memory_of(worker.process.pid)[1]
                elif tag == _DONE and worker.task is not None:
                    try:
                        results[worker.task] = pickle.loads(message[1:])
                    except Exception as exc:  # a result the parent cannot unpickle
                        results[worker.task] = (False, describe(exc))
                    worker.task = None
        except (EOFError, OSError):  # died: the sentinel says how
            worker.process.join(timeout=5)
            if worker.task is not None:
                results[worker.task] = (False, Failure("WorkerDied", worker.death(), worker.stack()))
                worker.task = None
            self._replace(worker)

    def _next_check(self, limits: Limits) -> float | None:
        busy = [w for w in self.workers if w.task is not None]
        if not busy:
            return None if all(w.ready for w in self.workers) else _POLL_S
        deadlines = [self._deadline(w, limits) for w in busy]
        soonest = min((d for d in deadlines if d is not None), default=None)
        timeout = None if soonest is None else max(0.0, soonest - time.monotonic())
        if limits.memory_mb:
            timeout = _POLL_S if timeout is None else min(timeout, _POLL_S)
        return timeout

    @staticmethod
    def _deadline(worker: _Worker, limits: Limits) -> float | None:
        if worker.started_at is None:
            return worker.sent_at + max(_WARMUP_S, limits.hard_seconds or 0)
        hard = limits.hard_seconds
        return None if hard is None else worker.started_at + hard

    def _enforce(self, results: list, limits: Limits) -> None:
        """Kill the workers whose item broke a hard limit; the item fails with that limit."""
        now = time.monotonic()
        for worker in [w for w in self.workers if not w.ready and now - w.spawned_at > _WARMUP_S]:
            self._replace(worker, kill=True)  # hung while starting
        for worker in [w for w in self.workers if w.task is not None]:
            failure = None
            deadline = self._deadline(worker, limits)
            if deadline is not None and now >= deadline:
                seconds = now - (worker.started_at or worker.sent_at)
                failure = Failure(
                    "TimeLimitExceeded",
                    f"ignored the soft limit: its worker was killed after {seconds:.0f} s, "
                    f"past the time limit of {limits.seconds or 0:g} s",
                    worker.stack(ask=True),
                    limit="time",
                )
            elif limits.memory_mb and worker.started_at is not None:
                resident = memory_of(worker.process.pid)[1]
                if resident - worker.resident_at_start > limits.memory_mb * MB:
                    failure = Failure(
                        "MemoryLimitExceeded",
                        f"its worker was killed at {resident // MB} MB resident, over the memory limit of {limits.memory_mb} MB",
                        worker.stack(ask=True),
                        limit="memory",
                    )
            if failure is not None:
                results[worker.task] = (False, failure)
                worker.task = None
                self._replace(worker, kill=True)


_pool: _Pool | None = None
_lock = threading.Lock()


def _get_pool(workers: int, warmup: Callable[[], Any] | None = None) -> _Pool:
    global _pool
    if _pool is None or _pool.size != workers:
        shutdown()
        _pool = _Pool(workers, warmup)
    return _pool


def shutdown() -> None:
    global _pool
    if _pool is not None:
        _pool.shutdown()
        _pool = None


atexit.register(shutdown)


def worker_pids() -> list[int]:
    """Process ids of this process's pool workers (benchmarks sum their memory)."""
    return [w.process.pid for w in _pool.workers if w.process.pid] if _pool is not None else []


# --------------------------------------------------------------------------- the API


def guarded_map(
    fn: Callable[..., R],
    items: Sequence[T],
    *args: Any,
    workers: int,
    limits: Limits | None = None,
    warmup: Callable[[], Any] | None = None,
    inline: bool | None = None,
) -> list[R | Failure]:
    """``[fn(item, *args) for item in items]``, each item guarded: an item that fails,
    breaks a limit or kills its worker yields a :class:`Failure` instead of a result.

    ``fn``, ``args``, the items and the results must pickle. ``warmup`` runs once per
    worker before its first item, outside the limits (load models there). ``inline``:
    run in this process (soft limits); by default when ``workers <= 1`` or there is
    only one item.
    """
    limits = limits or Limits()
    if not items:
        return []
    if inline is None:
        inline = workers <= 1 or len(items) <= 1
    if inline:
        warm_up_once(warmup)
        outcomes = [call_inline(fn, item, args, limits) for item in items]
    else:
        with _lock:
            outcomes = _get_pool(max(1, workers), warmup).run(fn, items, args, limits, warmup)
    return [value for _, value in outcomes]


def _qualname(fn: Callable[..., Any]) -> str:
    return f"{getattr(fn, '__module__', '')}.{getattr(fn, '__qualname__', repr(fn))}"


def cpu_map(fn: Callable[..., R], items: Sequence[T], *args: Any, workers: int) -> list[R]:
    """``[fn(item, *args) for item in items]``, over ``workers`` processes when it pays off.
    Without limits; an item's exception is raised (as :class:`WorkerError` from a worker)."""
    if workers <= 1 or len(items) <= 1:
        return [fn(item, *args) for item in items]
    results = guarded_map(fn, items, *args, workers=workers, inline=False)
    for result in results:
        if isinstance(result, Failure):
            raise WorkerError(f"{result.error_class}: {result.message}\n{result.detail or ''}")
    return results  # type: ignore[return-value]
