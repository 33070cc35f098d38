"""The landing watcher: announces objects that arrive in the landing prefix.

For object stores that send no event notifications (SeaweedFS among them), and
for producers that just `put_object`: every ``watch_interval_seconds`` it lists
the last two days of landing keys and announces the ones it has not seen. An
announced key the ingest log still lacks after ``reannounce_after`` seconds is
announced again (with a new event id), because Prefect may drop an event or a
rate-limited trigger may ignore it; the scheduled reconcile is the last resort.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from newslake.core.events import announce_landed
from newslake.core.landing import source_from_key
from newslake.core.settings import Settings

logger = logging.getLogger("newslake.service.watcher")

Announce = Callable[..., bool]


@dataclass
class _Pending:
    announced_at: float
    attempts: int = 1


@dataclass
class Watcher:
    """Call :meth:`poll` in a loop (:meth:`start` runs it on a thread)."""

    settings: Settings
    announce: Announce = announce_landed
    reannounce_after: float = 20.0
    days: int = 2
    _seen: set[str] = field(default_factory=set)
    _pending: dict[str, _Pending] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None
    announced: int = 0

    def poll(self, now: float | None = None) -> int:
        """One round: announce new keys, re-announce overdue ones. Returns events sent."""
        from newslake.core.landing import list_recent_landed, logged_keys, logged_since, recent_days

        now = time.monotonic() if now is None else now
        listing = list_recent_landed(self.settings, self.days)
        self._forget_older_than(listing)
        fresh = [key for key in listing if key not in self._seen]
        overdue = [key for key, item in self._pending.items() if now - item.announced_at >= self.reannounce_after]
        if not fresh and not overdue:
            return 0
        logged = logged_keys(self.settings, since=logged_since(recent_days(self.days)))
        self._seen.update(fresh)
        for key in overdue:
            if key in logged:
                del self._pending[key]
        sent = 0
        for key in fresh:
            if key not in logged:
                self._pending[key] = _Pending(now)
                sent += self._announce(key, token=f"watch:{key}")
        for key in overdue:
            item = self._pending.get(key)
            if item is not None:
                item.attempts += 1
                item.announced_at = now
                sent += self._announce(key, token=f"watch:{key}#{item.attempts}")
        self.announced += sent
        return sent

    def _forget_older_than(self, listing: list[str]) -> None:
        """Drop keys that left the listed days, so a service running for weeks stays small;
        one never logged is the scheduled reconcile's from then on."""
        listed = set(listing)
        self._seen.intersection_update(listed)
        for key in [key for key in self._pending if key not in listed]:
            del self._pending[key]

    def _announce(self, key: str, token: str) -> int:
        return int(bool(self.announce(self.settings, key, token=token, source=source_from_key(self.settings, key))))

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="newslake-watcher", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.poll()
            except Exception:  # a hiccup of the store must not end the watcher
                logger.exception("listing the landing prefix failed; trying again")
            self._stop.wait(self.settings.watch_interval_seconds)
