"""Time buckets for the charts (pure): a period of a few weeks reads best per day, a few
years per week or month. :class:`Timeline` picks the bucket for a span of days and
carries what a chart needs to draw it; :func:`pivot` sums query rows into it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from newslake.analysis.charts import fmt_day
from newslake.analysis.report.period import Period


def choose_bucket(first: date, last: date) -> str:
    """``day`` for up to four months, ``week`` up to three years, else ``month``."""
    span = (last - first).days
    return "day" if span <= 120 else "week" if span <= 3 * 366 else "month"


def bucket_start(day: date, bucket: str) -> date:
    """The first day of the bucket holding ``day``: the day itself, its Monday, or the 1st."""
    if bucket == "week":
        return day - timedelta(days=day.weekday())
    if bucket == "month":
        return day.replace(day=1)
    return day


def bucket_range(first: date, last: date, bucket: str) -> list[date]:
    """Every bucket from the one holding ``first`` to the one holding ``last``, in order."""
    current, stop, out = bucket_start(first, bucket), bucket_start(last, bucket), []
    while current <= stop:
        out.append(current)
        if bucket == "month":
            current = (current.replace(day=28) + timedelta(days=4)).replace(day=1)
        else:
            current += timedelta(days=7 if bucket == "week" else 1)
    return out


def pivot(
    rows: Iterable[tuple[date, Any, float]], buckets: Sequence[date], bucket: str, keys: Sequence[Any] | None = None,
    other: Any = None,
) -> dict[Any, list[float]]:
    """``(day, key, value)`` rows summed per key into one list aligned with ``buckets``
    (missing buckets are 0). With ``keys``, other keys are summed under ``other`` (dropped
    when ``other`` is None); rows outside the buckets are ignored."""
    index = {b: i for i, b in enumerate(buckets)}
    wanted = None if keys is None else set(keys)
    out: dict[Any, list[float]] = {k: [0.0] * len(buckets) for k in (keys or ())}
    for day, key, value in rows:
        if day is None:
            continue
        position = index.get(bucket_start(day, bucket))
        if position is None:
            continue
        if wanted is not None and key not in wanted:
            if other is None:
                continue
            key = other
        out.setdefault(key, [0.0] * len(buckets))[position] += float(value or 0)
    return out


def day_span(period: Period, days: Iterable[date | None]) -> tuple[date, date] | None:
    """The days a timeline covers: the period's (from the first day with data when the
    period is open-ended); None when there are no days at all."""
    present = [d for d in days if d is not None]
    if not present:
        return None
    first = period.start.date() if period.start is not None else min(present)
    last = max(period.end.date(), max(present)) if period.start is None else period.end.date()
    return first, last


_BUCKET_WORDS = {
    "day": ("per day", "UTC days"),
    "week": ("per week", "weeks starting Monday, UTC"),
    "month": ("per month", "calendar months, UTC"),
}


@dataclass(frozen=True)
class Timeline:
    """A time axis over a span of days: the bucket chosen for it, every bucket in order,
    the words for titles (``per day``) and subtitles (``UTC days``), and the label of a bucket."""

    bucket: str
    buckets: list[date]
    per: str
    note: str
    label: Callable[[date], str]

    @classmethod
    def spanning(cls, first: date, last: date) -> Timeline:
        bucket = choose_bucket(first, last)
        buckets = bucket_range(first, last, bucket)
        per, note = _BUCKET_WORDS[bucket]
        return cls(bucket, buckets, per, note, _bucket_format(bucket, buckets))

    def pivot(self, rows: Iterable[tuple[date, Any, float]], keys: Sequence[Any] | None = None, other: Any = None) -> dict[Any, list[float]]:
        """:func:`pivot` over this timeline's buckets."""
        return pivot(rows, self.buckets, self.bucket, keys=keys, other=other)


def _bucket_format(bucket: str, buckets: Sequence[date]) -> Callable[[date], str]:
    """``Mar 2026`` for months; ``Mar 9`` for days and weeks, with the year when they span several."""
    if bucket == "month":
        return lambda d: f"{fmt_day(d)[:3]} {d.year}"
    years = {d.year for d in buckets}
    return lambda d: fmt_day(d, with_year=len(years) > 1)
