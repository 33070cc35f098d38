"""The events newslake emits to Prefect, and the one function that announces a landing.

A landed object is announced as ``newslake.object.landed`` with the resource id
``s3://<bucket>/<key>``; the ``ingest`` deployment's trigger (prefect.yaml) reacts
to it. Events are hints, never the truth: the ingest flow works from the ingest
log, so a lost event only delays an article and a repeated one changes nothing.

Event ids are derived from (bucket, key, token), where the token is whatever
identifies one write of the object (an S3 sequencer or ETag, or the time the
watcher first saw it). The same notification delivered twice therefore gets the
same id and is emitted once per process.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from typing import Any

from newslake.core.settings import Settings

LANDED_EVENT = "newslake.object.landed"
COMMITTED_EVENT = "newslake.batch.committed"

_NAMESPACE = uuid.UUID("6f1c1b55-3c43-4d2e-9d6e-2b3c5a0f7e11")
_RECENT_LIMIT = 100_000


class _RecentIds:
    """A bounded, thread-safe set of event ids this process already emitted."""

    def __init__(self, limit: int) -> None:
        self._ids: OrderedDict[uuid.UUID, None] = OrderedDict()
        self._limit = limit
        self._lock = threading.Lock()

    def add(self, event_id: uuid.UUID) -> bool:
        """True if the id is new (and is now remembered)."""
        with self._lock:
            if event_id in self._ids:
                return False
            self._ids[event_id] = None
            if len(self._ids) > self._limit:
                self._ids.popitem(last=False)
            return True


_recent = _RecentIds(_RECENT_LIMIT)


def object_uri(settings: Settings, key: str) -> str:
    return f"s3://{settings.bucket}/{key}"


def landed_event_id(bucket: str, key: str, token: str | None) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"{bucket}\n{key}\n{token or ''}")


def landed_resource(settings: Settings, key: str, source: str | None = None) -> dict[str, str]:
    resource = {
        "prefect.resource.id": object_uri(settings, key),
        "prefect.resource.name": key,
        "newslake.bucket": settings.bucket,
        "newslake.key": key,
    }
    if source:
        resource["newslake.source"] = source
    return resource


def announce_landed(settings: Settings, key: str, *, token: str | None = None, source: str | None = None) -> bool:
    """Emit ``newslake.object.landed`` for ``key`` unless this process already emitted
    the same (key, token). Returns whether an event was sent."""
    event_id = landed_event_id(settings.bucket, key, token)
    if not _recent.add(event_id):
        return False
    return _emit(LANDED_EVENT, landed_resource(settings, key, source), {"key": key, "token": token}, event_id)


def announce_committed(settings: Settings, run_id: str, counts: dict[str, Any]) -> None:
    """Emit ``newslake.batch.committed`` after a batch is in the lake, for downstream automations."""
    resource = {
        "prefect.resource.id": f"newslake.lake.{settings.bucket}.{settings.lake_prefix}",
        "newslake.bucket": settings.bucket,
    }
    _emit(COMMITTED_EVENT, resource, {"run_id": run_id, **counts}, None)


def _emit(event: str, resource: dict[str, str], payload: dict[str, Any], event_id: uuid.UUID | None) -> bool:
    from prefect.events import emit_event

    kwargs: dict[str, Any] = {"id": event_id} if event_id else {}
    return emit_event(event=event, resource=resource, payload=payload, **kwargs) is not None
