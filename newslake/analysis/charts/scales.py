"""Mapping data to pixels: round tick values, x positions of days, coordinates written
short, and the width text will take (estimated: the chart has no font metrics)."""

from __future__ import annotations

import math
from datetime import date, datetime

from newslake.analysis.charts.text import X, as_date

_CHAR_WIDTH = 6.4  # average width of a character at 11 px, for layout estimates
_DAY_STEPS = (1, 2, 3, 7, 14, 28, 56, 91, 182, 364, 728)


def num(value: float) -> str:
    """A coordinate: at most one decimal, no trailing zeros, never ``-0``. Rounding keeps
    the output small and the same on every machine."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def text_width(text: str, size: float = 11) -> float:
    """About how wide ``text`` draws at ``size`` px, to make room for labels."""
    return len(text) * _CHAR_WIDTH * size / 11


def nice_ticks(lo: float, hi: float, count: int = 5, integer: bool = False) -> list[float]:
    """Round tick values covering ``[lo, hi]``: steps of 1, 2 or 5 times a power of ten,
    about ``count`` of them; whole numbers only with ``integer``."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return [0.0]
    if hi < lo:
        lo, hi = hi, lo
    if hi == lo:
        if hi == 0:
            return [0.0, 1.0]
        lo, hi = (min(0.0, lo), max(0.0, hi))
    step = _nice_step((hi - lo) / max(count, 1), integer)
    start = math.floor(lo / step + 1e-9) * step
    stop = math.ceil(hi / step - 1e-9) * step
    ticks = []
    value = start
    while value <= stop + step * 1e-6:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _nice_step(raw: float, integer: bool) -> float:
    """The smallest round step (1, 2, 2.5, 5 or 10 times a power of ten) at least ``raw``."""
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return max(1.0, math.ceil(step)) if integer else step


def x_value(x: X) -> float:
    """An x value on a numeric axis: days count from day 1 of year 1, so one day is 1."""
    if isinstance(x, (date, datetime)):
        return float(as_date(x).toordinal())
    return float(x)


def date_ticks(lo: float, hi: float, max_ticks: int) -> list[float]:
    """Ticks on a day axis (ordinals), every 1, 2, 3, 7, 14… days: calendar-like steps
    rather than round numbers, at most ``max_ticks`` of them where a step allows."""
    span = hi - lo
    step = next((s for s in _DAY_STEPS if span / s <= max(max_ticks - 1, 1)), _DAY_STEPS[-1])
    ticks, value = [], lo
    while value <= hi + 1e-9:
        ticks.append(value)
        value += step
    return ticks
