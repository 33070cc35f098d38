"""Landing events: stable ids, one emission per (key, token), the resource Prefect matches on."""

from __future__ import annotations

import pytest

from newslake.core import events
from newslake.core.settings import Settings


@pytest.fixture
def emitted(monkeypatch):
    sent = []
    monkeypatch.setattr(events, "_emit", lambda name, resource, payload, event_id: sent.append((name, resource, payload, event_id)) or True)
    monkeypatch.setattr(events, "_recent", events._RecentIds(10))
    return sent


def test_the_same_notification_twice_is_emitted_once(emitted):
    settings = Settings(bucket="b")
    assert events.announce_landed(settings, "landing/x/2026/11/27/a.json", token="seq-1")
    assert not events.announce_landed(settings, "landing/x/2026/11/27/a.json", token="seq-1")
    assert events.announce_landed(settings, "landing/x/2026/11/27/a.json", token="seq-2")  # a second write
    assert len(emitted) == 2
    assert emitted[0][3] == events.landed_event_id("b", "landing/x/2026/11/27/a.json", "seq-1")


def test_the_event_names_the_object_as_the_trigger_expects(emitted):
    events.announce_landed(Settings(bucket="b"), "landing/feed-x/2026/11/27/a.html", token="t", source="feed-x")
    name, resource, payload, _ = emitted[0]
    assert name == "newslake.object.landed"
    assert resource["prefect.resource.id"] == "s3://b/landing/feed-x/2026/11/27/a.html"
    assert resource["newslake.source"] == "feed-x"
    assert payload["key"] == "landing/feed-x/2026/11/27/a.html"  # what prefect.yaml templates into `keys`


def test_event_ids_are_stable_across_processes():
    first = events.landed_event_id("b", "k", "etag")
    assert first == events.landed_event_id("b", "k", "etag")
    assert first != events.landed_event_id("b", "k", None)


def test_the_memory_of_emitted_ids_is_bounded():
    recent = events._RecentIds(2)
    ids = [events.landed_event_id("b", str(i), None) for i in range(3)]
    assert all(recent.add(i) for i in ids)
    assert recent.add(ids[0])  # forgotten: the oldest went first
