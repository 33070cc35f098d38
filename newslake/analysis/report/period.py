"""The period a report covers: read from the command line's ``--since``, resolved to UTC
times, and described for the page's header."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from newslake.analysis.charts import fmt_day

_RELATIVE = re.compile(r"(\d+)\s*(h|d|w)")
_UNIT_NAMES = {"h": ("hour", "hours"), "d": ("day", "days")}


def parse_since(text: str) -> timedelta | date | None:
    """The ``--since`` option: ``24h``, ``7d``, ``2w`` (a span back from now), a day
    ``YYYY-MM-DD`` (from its start, UTC), or ``all`` (the whole lake: None).

    Raises ``ValueError`` with a message fit for the command line."""
    value = text.strip().lower()
    if value == "all":
        return None
    if match := _RELATIVE.fullmatch(value):
        amount = int(match[1])
        if amount > 0:
            unit = match[2]
            return timedelta(hours=amount) if unit == "h" else timedelta(days=amount) if unit == "d" else timedelta(weeks=amount)
    else:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"{text!r} is not a period: use 24h, 7d, 2w (hours, days, weeks back from now), a day YYYY-MM-DD, or 'all'")


@dataclass(frozen=True)
class Period:
    """From ``start`` (None: the beginning of the lake) to ``end`` (the generation time), UTC."""

    start: datetime | None
    end: datetime
    label: str

    def describe(self) -> str:
        """``Mar 2, 2026 00:00 → Mar 9, 2026 12:00 UTC``."""
        end = fmt_time(self.end)
        return f"all time, to {end} UTC" if self.start is None else f"{fmt_time(self.start)} → {end} UTC"


def fmt_time(moment: datetime) -> str:
    """``Mar 9, 2026 12:00``, in UTC: the page states its times in one zone, whatever the reader's."""
    moment = moment.astimezone(UTC)
    return f"{fmt_day(moment, with_year=True)} {moment:%H:%M}"


def _span_label(span: timedelta) -> str:
    """``last 7 days``, ``last 24 hours``: the span in the largest whole unit."""
    seconds = int(span.total_seconds())
    for unit, size in (("d", 86400), ("h", 3600)):
        if seconds % size == 0 and seconds // size:
            count = seconds // size
            one, many = _UNIT_NAMES[unit]
            if unit == "d" and count == 1:
                return "last 24 hours"
            return f"last {count} {one if count == 1 else many}"
    return f"last {span}"


def resolve_period(since: timedelta | date | datetime | None, now: datetime) -> Period:
    """The period ``since`` describes, ending at ``now`` (a timezone-aware time; naive means UTC)."""
    now = now.replace(tzinfo=UTC) if now.tzinfo is None else now.astimezone(UTC)
    if since is None:
        return Period(None, now, "all time")
    if isinstance(since, timedelta):
        if since <= timedelta(0):
            raise ValueError(f"the period must be positive, not {since}")
        return Period(now - since, now, _span_label(since))
    if isinstance(since, datetime):
        start = since.replace(tzinfo=UTC) if since.tzinfo is None else since.astimezone(UTC)
        label = f"since {fmt_time(start)} UTC"
    else:
        start = datetime.combine(since, time(0), UTC)
        label = f"since {since.isoformat()}"
    if start > now:
        raise ValueError(f"the period starts in the future ({start:%Y-%m-%d %H:%M} UTC)")
    return Period(start, now, label)
