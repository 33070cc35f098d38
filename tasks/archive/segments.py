"""Segments: a WARC file cut into byte ranges of whole units, the pieces a backfill
processes, commits and logs one at a time.

One scan of the landed file (:func:`plan_segments`) walks its units and groups
consecutive ones into segments of at most ``segment_bytes`` stored bytes and
``batch_size`` units (a larger unit forms a segment alone). A segment is named by its
file and byte range; that name, ``<raw_key>#<start>-<end>``, is its ``raw_key`` in the
ingest log, so that a backfill started again knows which segments are done. The plan is
kept beside the archive (``<raw_key>.segments.json``) and reused, so that segment names
stay the same whatever the settings of a later run.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from tasks.archive.units import Unit

PLAN_VERSION = 1


@dataclass(frozen=True)
class Segment:
    """Units ``first_record`` .. ``first_record + records - 1`` of a WARC file, bytes ``start`` .. ``end``."""

    raw_key: str
    start: int
    end: int
    first_record: int
    records: int

    @property
    def key(self) -> str:
        return segment_key(self.raw_key, self.start, self.end)


def segment_key(raw_key: str, start: int, end: int) -> str:
    """The ingest-log name of a segment."""
    return f"{raw_key}#{start}-{end}"


def plan_segments(units: Iterable[Unit], raw_key: str, max_bytes: int, max_records: int) -> list[Segment]:
    """Consecutive units in segments of at most ``max_bytes`` stored bytes and ``max_records`` units."""
    segments: list[Segment] = []
    start = first = count = 0
    end = None
    for index, unit in enumerate(units):
        if end is None:
            start, first, end = unit.offset, index, unit.offset
        elif count >= max_records or (count and unit.offset + unit.length - start > max_bytes):
            segments.append(Segment(raw_key, start, end, first, count))
            start, first, count = unit.offset, index, 0
        end = unit.offset + unit.length
        count += 1
    if end is not None and count:
        segments.append(Segment(raw_key, start, end, first, count))
    return segments


def plan_to_json(segments: list[Segment], size: int) -> bytes:
    return json.dumps({"version": PLAN_VERSION, "size": size, "segments": [asdict(s) for s in segments]}).encode()


def plan_from_json(data: bytes, raw_key: str) -> list[Segment] | None:
    """A stored plan, or None when it is of another version or file (then the file is scanned again)."""
    try:
        plan = json.loads(data)
        if plan.get("version") != PLAN_VERSION:
            return None
        segments = [Segment(**item) for item in plan["segments"]]
    except (ValueError, TypeError, KeyError):
        return None
    return segments if all(s.raw_key == raw_key for s in segments) else None
