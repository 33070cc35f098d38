"""Vertical stacked bars: a column per category (usually a day), each stacking the
series' values bottom-up, for counts that split into kinds (outcomes, stages)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date, datetime

from newslake.analysis.charts.frame import AXIS, MUTED, NO_DATA, PALETTE, chart_top, empty_chart, y_axis_left, y_grid
from newslake.analysis.charts.scales import nice_ticks, num, text_width
from newslake.analysis.charts.text import X, as_date, escape, fmt_day, fmt_number

StackedSeries = tuple[str, Sequence[float], str | None]
"""``(name, values, colour)``: one value per category; no colour means the palette's."""


def stacked_bars(
    categories: Sequence[X | str],
    series: Sequence[StackedSeries],
    *,
    title: str,
    subtitle: str = "",
    y_label: str = "",
    width: float = 720,
    height: float = 260,
    integer: bool = True,
    x_format: Callable[[X | str], str] | None = None,
    value_format: Callable[[float], str] = fmt_number,
    empty_message: str = NO_DATA,
) -> str:
    """One column per category (days, in order, or names), each stacking the series'
    values for it bottom-up in the order given. ``series`` are ``(name, values, colour)``
    with one value per category; zeros draw nothing. All zero or no categories draws
    :func:`empty_chart`. The legend lists the series."""
    _check_lengths(categories, series)
    totals = [sum(float(values[i] or 0) for _, values, _ in series) for i in range(len(categories))]
    if not categories or not any(totals):
        return empty_chart(title, empty_message, width=width, subtitle=subtitle)
    fmt_x = x_format or _default_format(categories)
    colors = [c or PALETTE[i % len(PALETTE)] for i, (_, _, c) in enumerate(series)]
    parts, top = chart_top("stacked", title, subtitle, width, height, [(name, c) for (name, _, _), c in zip(series, colors)])
    top += 8

    y_ticks = nice_ticks(0.0, max(totals), 4, integer=integer)
    tick_labels = [value_format(t) for t in y_ticks]
    left = y_axis_left(tick_labels, y_label)
    right, bottom = 8.0, height - 22
    plot_w, plot_h = width - left - right, max(bottom - top, 20)
    bottom = top + plot_h
    y_hi = y_ticks[-1] or 1.0

    def sy(v: float) -> float:
        return bottom - v / y_hi * plot_h

    parts.extend(y_grid(y_ticks, tick_labels, sy, left=left, right_x=width - right, mid_y=top + plot_h / 2, y_label=y_label))
    slot = plot_w / len(categories)
    bar_w = min(max(slot * 0.78, 1.0), 48.0)
    parts.append('<g class="columns">')
    for i, category in enumerate(categories):
        column = [(name, float(values[i] or 0), color) for (name, values, _), color in zip(series, colors)]
        parts.extend(_column(fmt_x(category), column, totals[i], left + slot * (i + 0.5), bar_w, sy, value_format))
    parts.append("</g>")
    parts.extend(_category_axis(categories, fmt_x, left=left, right_x=width - right, bottom=bottom, slot=slot))
    parts.append("</svg>")
    return "".join(parts)


def _check_lengths(categories: Sequence[X | str], series: Sequence[StackedSeries]) -> None:
    """A series with a value too many or too few would stack on the wrong days: refuse it."""
    for name, values, _ in series:
        if len(values) != len(categories):
            raise ValueError(f"series {name!r} has {len(values)} values for {len(categories)} categories")


def _default_format(categories: Sequence[X | str]) -> Callable[[X | str], str]:
    """Days as ``Mar 14`` (with the year when the columns span more than one); names as they are."""
    is_dates = isinstance(categories[0], (date, datetime))
    years = {as_date(c).year for c in categories} if is_dates else set()  # type: ignore[arg-type]

    def default_format(c: X | str) -> str:
        if isinstance(c, (date, datetime)):
            return fmt_day(c, with_year=len(years) > 1)
        return str(c)

    return default_format


def _column(
    label: str, segments: Sequence[tuple[str, float, str]], total: float, cx: float, bar_w: float,
    sy: Callable[[float], float], value_format: Callable[[float], str],
) -> list[str]:
    """One category's column: its non-zero ``(name, value, colour)`` segments stacked from
    zero, each with a tooltip giving its share of the column's ``total``."""
    parts = [f'<g class="column" data-category="{escape(label)}">']
    base = 0.0
    for name, value, color in segments:
        if value <= 0:
            continue
        y0, y1 = sy(base), sy(base + value)
        tip = f"{label} · {name}: {value_format(value)} of {value_format(total)}"
        parts.append(
            f'<rect class="bar segment" data-series="{escape(name)}" x="{num(cx - bar_w / 2)}" y="{num(y1)}" '
            f'width="{num(bar_w)}" height="{num(max(y0 - y1, 0.5))}" fill="{escape(color)}">'
            f"<title>{escape(tip)}</title></rect>"
        )
        base += value
    parts.append("</g>")
    return parts


def _category_axis(
    categories: Sequence[X | str], fmt_x: Callable[[X | str], str], *, left: float, right_x: float, bottom: float, slot: float
) -> list[str]:
    """The x axis under the columns, labelling every n-th column so labels never overlap."""
    parts = ['<g class="axis axis-x">',
             f'<line x1="{num(left)}" x2="{num(right_x)}" y1="{num(bottom)}" y2="{num(bottom)}" stroke="{AXIS}"/>']
    longest = max(text_width(fmt_x(c)) for c in categories) + 12
    every = max(1, math.ceil(longest / slot))
    for i in range(0, len(categories), every):
        cx = left + slot * (i + 0.5)
        parts.append(f'<line x1="{num(cx)}" x2="{num(cx)}" y1="{num(bottom)}" y2="{num(bottom + 4)}" stroke="{AXIS}"/>')
        parts.append(f'<text x="{num(cx)}" y="{num(bottom + 15)}" text-anchor="middle" fill="{MUTED}">{escape(fmt_x(categories[i]))}</text>')
    parts.append("</g>")
    return parts
