"""The Dask cluster the transform step runs on when ``runner = "dask"``.

With ``dask_address`` set, runs use that scheduler (a cluster somebody else runs, e.g. the
Dask operator on Kubernetes: docs/scaling.md). Without it, the first run in a process
starts a :class:`distributed.LocalCluster` of ``dask_workers`` worker processes, one
thread each, and later runs in that process reuse it: models loaded by a worker (spaCy,
language identification) stay loaded for the next batch and the next run.

Work reaches the cluster through prefect-dask's :class:`DaskTaskRunner`, so every piece
of work is a Prefect task run. Only names travel: a task is given landed keys or a WARC
segment (key and byte range) and reads the bytes from S3 itself; models are never
pickled, each worker loads them once through the module-level caches of ``tasks/``.
"""

from __future__ import annotations

import atexit
import threading
from collections import deque
from collections.abc import Iterator
from typing import Any

from newslake.core.settings import Settings

_cluster: Any = None
_lock = threading.Lock()


def scheduler_address(settings: Settings, prefect_api_url: str | None = None) -> str:
    """The scheduler to use: ``dask_address``, else this process's LocalCluster (started on
    first use). ``prefect_api_url`` is handed to a new LocalCluster's workers so that the
    task runs they execute report to the same Prefect API as the flow run (in ephemeral
    mode each worker would otherwise start a Prefect server of its own)."""
    if settings.dask_address:
        return settings.dask_address
    global _cluster
    with _lock:
        if _cluster is None or _cluster.status.name in ("closing", "closed"):
            _cluster = _start_local_cluster(settings.effective_dask_workers, prefect_api_url)
        return _cluster.scheduler_address


def _start_local_cluster(workers: int, prefect_api_url: str | None) -> Any:
    import dask
    from distributed import LocalCluster

    env = {"PREFECT_API_URL": prefect_api_url} if prefect_api_url else {}
    # A worker that dies (killed, out of memory) fails its task at once instead of taking
    # two more workers with it: the caller then splits the work to find the culprit.
    dask.config.set({"distributed.scheduler.allowed-failures": 0})
    return LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=40,  # errors only: a worker's start and stop are not news
        env=env,
    )


def task_runner(settings: Settings, prefect_api_url: str | None = None) -> Any:
    """A prefect-dask task runner on the cluster (enter it with ``with``)."""
    from prefect_dask import DaskTaskRunner

    return DaskTaskRunner(address=scheduler_address(settings, prefect_api_url))


def prefect_api_url() -> str | None:
    """The Prefect API the calling flow run reports to (an ephemeral server's address too)."""
    try:
        from prefect.client.orchestration import get_client

        with get_client(sync_client=True) as client:
            return str(client.api_url)
    except Exception:  # noqa: BLE001 - no API: workers fall back to their own
        return None


def run_pieces(settings: Settings, task: Any, pieces: list[dict[str, Any]]) -> list[tuple[bool, Any]]:
    """Run ``task`` once per parameter dict on the cluster, as Prefect task runs; for each
    piece ``(True, result)`` or ``(False, exception)`` (a failed task, a dead worker), in order.
    Never raises for one piece: the caller decides what a failure means for its items."""
    return list(stream_pieces(settings, task, pieces, in_flight=max(1, len(pieces))))


def stream_pieces(settings: Settings, task: Any, pieces: list[dict[str, Any]], in_flight: int) -> Iterator[tuple[bool, Any]]:
    """As :func:`run_pieces`, yielding each outcome in order as soon as it and those before it
    are done, with at most ``in_flight`` pieces submitted: the workers go on with the next
    pieces while the caller commits one (the scheduler never holds the whole list)."""
    if not pieces:
        return
    with task_runner(settings, prefect_api_url()) as runner:
        waiting = iter(pieces)
        submitted: deque[Any] = deque()

        def top_up() -> None:
            while len(submitted) < in_flight:
                piece = next(waiting, None)
                if piece is None:
                    return
                submitted.append(runner.submit(task, parameters=piece))

        top_up()
        while submitted:
            future = submitted.popleft()
            try:
                outcome: tuple[bool, Any] = (True, future.result())
            except BaseException as exc:  # noqa: BLE001 - KilledWorker, the task's own error, a lost connection
                outcome = (False, exc)
            top_up()
            yield outcome


def split_evenly(items: list[Any], parts: int) -> list[list[Any]]:
    """``items`` in at most ``parts`` consecutive runs of nearly equal length (order kept)."""
    parts = max(1, min(parts, len(items)))
    size, extra = divmod(len(items), parts)
    out, start = [], 0
    for index in range(parts):
        end = start + size + (1 if index < extra else 0)
        out.append(items[start:end])
        start = end
    return [part for part in out if part]


def worker_count(settings: Settings) -> int:
    """How many workers the cluster has now (at least 1), to size the pieces of a batch."""
    if not settings.dask_address:
        return settings.effective_dask_workers
    from distributed import Client

    with Client(settings.dask_address, timeout=30) as client:
        return max(1, len(client.scheduler_info(n_workers=-1).get("workers", {})))


def shutdown() -> None:
    """Close this process's LocalCluster, if it started one."""
    global _cluster
    with _lock:
        if _cluster is not None:
            try:
                _cluster.close()
            finally:
                _cluster = None


atexit.register(shutdown)
