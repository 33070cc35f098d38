"""Small SVG charts with no dependencies: a line/area chart for timelines, a horizontal
bar chart (with negative values drawn either side of zero) and vertical stacked bars.

Each function returns one inline ``<svg>`` element as a string, ready to paste into an
HTML page or to save as a ``.svg`` file: it declares the SVG namespace, carries its own
title, axes, legend and labels, sets every colour and font as an attribute (no
stylesheet needed), and gives every bar, segment and point a ``<title>`` that browsers
show as a tooltip. All text is escaped (and characters XML forbids are dropped), so
what comes out is well-formed XML whatever the data holds.

Output is deterministic: the same input gives the same bytes (no random ids, no
locale-dependent month names, coordinates rounded to 0.1 px).

Elements carry classes for whoever inspects or styles the result: ``bar`` (a bar or a
stacked segment, with ``data-series`` for segments), ``point`` (a data point of a
line), ``line``, ``area``, ``axis``, ``grid``, ``legend``, and ``empty`` on the chart
drawn when there is no data.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

X = date | datetime | int | float
"""An x value: a day (or a time, whose day is used) or a number."""

PALETTE = ("#4e79a7", "#f28e2c", "#59a14f", "#e15759", "#76b7b2", "#edc949", "#af7aa1", "#ff9da7", "#9c755f", "#bab0ab")
"""Tableau 10: distinct, colour-blind-tolerant categorical colours."""

FONT = "system-ui, -apple-system, 'Segoe UI', 'Liberation Sans', 'DejaVu Sans', Arial, sans-serif"
INK = "#1f2328"
MUTED = "#656d76"
GRID = "#e6e8eb"
AXIS = "#8c959f"
POSITIVE = "#4e79a7"
NEGATIVE = "#e15759"
NO_DATA = "No data for this period"

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_CHAR_WIDTH = 6.4  # average width of a character at 11 px, for layout estimates
_TITLE_HEIGHT = 24
_SUBTITLE_HEIGHT = 18
_LEGEND_ROW = 18


# --- text and numbers ----------------------------------------------------------------


def escape(text: object) -> str:
    """``text`` as XML/HTML character data or attribute value: ``& < > " '`` escaped and
    the control characters XML 1.0 forbids removed."""
    return html.escape(_XML_INVALID.sub("", str(text)), quote=True)


def truncate(text: str, max_chars: int) -> str:
    """``text`` cut to ``max_chars`` characters, ending with an ellipsis when cut."""
    text = " ".join(str(text).split())
    if max_chars < 1:
        return ""
    return text if len(text) <= max_chars else text[: max(max_chars - 1, 0)].rstrip() + "…"


def fmt_number(value: float | None, decimals: int | None = None) -> str:
    """A number for a label: ``1,234``; ``0.25``; ``12.5k`` and ``3.4M`` for large values;
    a typographic minus sign. ``decimals`` fixes the number of decimals."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    sign = "−" if value < 0 else ""
    value = abs(value)
    if decimals is not None:
        text = f"{value:,.{decimals}f}"
    elif value >= 1_000_000:
        text = f"{value / 1_000_000:.1f}".rstrip("0").rstrip(".") + "M"
    elif value >= 10_000:
        text = f"{value / 1_000:.1f}".rstrip("0").rstrip(".") + "k"
    elif float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if text.strip("0.,kM") == "":  # rounded to zero: no sign
        sign = ""
    return sign + text


def fmt_signed(value: float | None, decimals: int = 2) -> str:
    """``+0.12`` / ``−0.05`` / ``0.00``."""
    if value is None:
        return "–"
    text = fmt_number(value, decimals)
    return text if text.startswith("−") or float(text.replace(",", "")) == 0 else "+" + text


def fmt_day(value: X, with_year: bool = False) -> str:
    """``Mar 14`` (``Mar 14, 2026`` with the year), in English whatever the locale."""
    day = _as_date(value)
    text = f"{MONTHS[day.month - 1]} {day.day}"
    return f"{text}, {day.year}" if with_year else text


def _as_date(value: X) -> date:
    return value.date() if isinstance(value, datetime) else value  # type: ignore[return-value]


def _num(value: float) -> str:
    """A coordinate: at most one decimal, no trailing zeros, never ``-0``."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


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
    raw = (hi - lo) / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    if integer:
        step = max(1.0, math.ceil(step))
    start = math.floor(lo / step + 1e-9) * step
    stop = math.ceil(hi / step - 1e-9) * step
    ticks = []
    value = start
    while value <= stop + step * 1e-6:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _text_width(text: str, size: float = 11) -> float:
    return len(text) * _CHAR_WIDTH * size / 11


# --- SVG scaffolding ---------------------------------------------------------------------


def _open_svg(kind: str, title: str, width: float, height: float, extra_class: str = "") -> list[str]:
    classes = f"chart chart-{kind}" + (f" {extra_class}" if extra_class else "")
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{classes}" viewBox="0 0 {_num(width)} {_num(height)}" '
        f'width="{_num(width)}" height="{_num(height)}" role="img" aria-label="{escape(title)}" '
        f'font-family="{escape(FONT)}" font-size="11" fill="{INK}">',
        f"<title>{escape(title)}</title>",
    ]


def _header(title: str, subtitle: str) -> tuple[list[str], float]:
    """The visible title and subtitle; returns the elements and the height they take."""
    parts = [f'<text class="chart-title" x="0" y="15" font-size="14" font-weight="600">{escape(title)}</text>']
    top = _TITLE_HEIGHT
    if subtitle:
        parts.append(f'<text class="chart-subtitle" x="0" y="{_num(top + 9)}" font-size="11.5" fill="{MUTED}">{escape(subtitle)}</text>')
        top += _SUBTITLE_HEIGHT
    return parts, top


def _legend(items: Sequence[tuple[str, str]], top: float, width: float) -> tuple[list[str], float]:
    """Colour swatches and names, wrapped over rows; returns the elements and the height."""
    if not items:
        return [], 0.0
    parts = ['<g class="legend">']
    x, y = 0.0, top + 4
    for name, color in items:
        label = truncate(name, 28)
        item_width = 14 + _text_width(label) + 16
        if x > 0 and x + item_width > width:
            x, y = 0.0, y + _LEGEND_ROW
        parts.append(
            f'<g class="legend-item"><title>{escape(name)}</title>'
            f'<rect x="{_num(x)}" y="{_num(y)}" width="10" height="10" rx="2" fill="{escape(color)}"/>'
            f'<text x="{_num(x + 14)}" y="{_num(y + 9)}" fill="{MUTED}">{escape(label)}</text></g>'
        )
        x += item_width
    parts.append("</g>")
    return parts, (y - top) + _LEGEND_ROW + 2


def empty_chart(title: str, message: str = NO_DATA, *, width: float = 640, height: float = 120, subtitle: str = "") -> str:
    """A chart frame holding only ``message``: what every chart draws without data."""
    parts = _open_svg("empty", title, width, height, "empty")
    header, top = _header(title, subtitle)
    parts += header
    box_h = max(height - top - 4, 24)
    parts.append(
        f'<rect x="0.5" y="{_num(top + 0.5)}" width="{_num(width - 1)}" height="{_num(box_h - 1)}" rx="6" '
        f'fill="#f6f8fa" stroke="{GRID}"/>'
    )
    parts.append(
        f'<text class="empty-message" x="{_num(width / 2)}" y="{_num(top + box_h / 2 + 4)}" text-anchor="middle" '
        f'fill="{MUTED}" font-size="12">{escape(message)}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


# --- line / area chart ----------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    """A named sequence of ``(x, y)`` points; ``x`` a day or a number. ``color`` defaults
    to the palette, in order."""

    name: str
    points: Sequence[tuple[X, float]]
    color: str | None = None


def _x_value(x: X) -> float:
    if isinstance(x, (date, datetime)):
        return float(_as_date(x).toordinal())
    return float(x)


_DAY_STEPS = (1, 2, 3, 7, 14, 28, 56, 91, 182, 364, 728)


def _date_ticks(lo: float, hi: float, max_ticks: int) -> list[float]:
    span = hi - lo
    step = next((s for s in _DAY_STEPS if span / s <= max(max_ticks - 1, 1)), _DAY_STEPS[-1])
    ticks, value = [], lo
    while value <= hi + 1e-9:
        ticks.append(value)
        value += step
    return ticks


def line_chart(
    series: Sequence[Series],
    *,
    title: str,
    subtitle: str = "",
    y_label: str = "",
    width: float = 720,
    height: float = 260,
    area: bool = False,
    show_points: bool = True,
    y_max: float | None = None,
    x_range: tuple[X, X] | None = None,
    integer: bool = True,
    legend: bool | None = None,
    x_format: Callable[[X], str] | None = None,
    value_format: Callable[[float], str] = fmt_number,
    empty_message: str = NO_DATA,
) -> str:
    """A timeline: one line per series over a shared x axis (days or numbers), y from zero
    (or below, for negative values). ``area`` fills under each line (for one or a few
    series). ``y_max`` fixes the top of the scale, so small multiples compare; ``x_range``
    widens the x axis to cover a period beyond the points. One point draws as a dot; no
    points at all draws :func:`empty_chart`."""
    drawn = [s for s in series if s.points]
    if not drawn:
        return empty_chart(title, empty_message, width=width, subtitle=subtitle)
    is_dates = isinstance(drawn[0].points[0][0], (date, datetime))
    fmt_x = x_format or (fmt_day if is_dates else (lambda v: fmt_number(float(v))))  # type: ignore[arg-type]
    colors = [s.color or PALETTE[i % len(PALETTE)] for i, s in enumerate(series)]
    show_legend = len(series) > 1 if legend is None else legend

    parts = _open_svg("line", title, width, height)
    header, top = _header(title, subtitle)
    parts += header
    if show_legend:
        legend_parts, legend_height = _legend([(s.name, c) for s, c in zip(series, colors)], top, width)
        parts += legend_parts
        top += legend_height
    top += 8

    xs = [_x_value(x) for s in drawn for x, _ in s.points]
    ys = [float(y) for s in drawn for _, y in s.points if y is not None]
    x_lo, x_hi = min(xs), max(xs)
    if x_range is not None:
        x_lo, x_hi = min(x_lo, _x_value(x_range[0])), max(x_hi, _x_value(x_range[1]))
    y_ticks = nice_ticks(min(0.0, *ys), max(0.0, *ys, y_max if y_max is not None else 0.0), 4, integer=integer)
    y_lo, y_hi = y_ticks[0], y_ticks[-1]
    tick_labels = [value_format(t) for t in y_ticks]
    left = max(_text_width(label) for label in tick_labels) + 10 + (14 if y_label else 0)
    right, bottom = 12.0, height - 22
    plot_w, plot_h = width - left - right, bottom - top
    if plot_h < 20:
        bottom, plot_h = top + 20, 20.0

    def sx(x: float) -> float:
        return left + plot_w / 2 if x_hi == x_lo else left + (x - x_lo) / (x_hi - x_lo) * plot_w

    def sy(y: float) -> float:
        return bottom - (y - y_lo) / ((y_hi - y_lo) or 1) * plot_h

    parts.extend(_y_grid(y_ticks, tick_labels, sy, left=left, right_x=width - right, mid_y=top + plot_h / 2, y_label=y_label))

    parts.append('<g class="axis axis-x">')
    parts.append(f'<line x1="{_num(left)}" x2="{_num(width - right)}" y1="{_num(sy(max(y_lo, 0)))}" y2="{_num(sy(max(y_lo, 0)))}" stroke="{AXIS}"/>')
    max_ticks = max(int(plot_w // 70), 2)
    if x_hi == x_lo:
        x_ticks = [x_lo]
    elif is_dates:
        x_ticks = _date_ticks(x_lo, x_hi, max_ticks)
    else:
        x_ticks = [t for t in nice_ticks(x_lo, x_hi, max_ticks - 1) if x_lo <= t <= x_hi]
    years = {date.fromordinal(int(t)).year for t in xs} if is_dates else set()
    for tick in x_ticks:
        x = sx(tick)
        value: X = date.fromordinal(int(tick)) if is_dates else tick
        label = fmt_day(value, with_year=True) if is_dates and len(years) > 1 and x_format is None else fmt_x(value)
        anchor = "start" if x - left < 20 and len(x_ticks) > 1 else "end" if width - right - x < 20 and len(x_ticks) > 1 else "middle"
        parts.append(f'<line x1="{_num(x)}" x2="{_num(x)}" y1="{_num(bottom)}" y2="{_num(bottom + 4)}" stroke="{AXIS}"/>')
        parts.append(f'<text x="{_num(x)}" y="{_num(bottom + 15)}" text-anchor="{anchor}" fill="{MUTED}">{escape(label)}</text>')
    parts.append("</g>")

    radius = 3.0 if max(len(s.points) for s in drawn) <= 60 else 2.0
    for s, color in zip(series, colors):
        if not s.points:
            continue
        pts = sorted(((_x_value(x), x, float(y)) for x, y in s.points if y is not None), key=lambda p: p[0])
        coords = [(sx(xv), sy(y)) for xv, _, y in pts]
        parts.append(f'<g class="series" data-series="{escape(s.name)}">')
        if len(coords) > 1:
            path = " ".join(f"{'M' if i == 0 else 'L'}{_num(x)},{_num(y)}" for i, (x, y) in enumerate(coords))
            if area:
                base = _num(sy(max(y_lo, 0)))
                fill = f"{path} L{_num(coords[-1][0])},{base} L{_num(coords[0][0])},{base} Z"
                parts.append(f'<path class="area" d="{fill}" fill="{escape(color)}" fill-opacity="0.15" stroke="none"/>')
            parts.append(f'<path class="line" d="{path}" fill="none" stroke="{escape(color)}" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>')
        if show_points or len(coords) == 1:
            for (x, y), (_, raw_x, value) in zip(coords, pts):
                tip = f"{s.name} · {fmt_x(raw_x)}: {value_format(value)}" if len(series) > 1 else f"{fmt_x(raw_x)}: {value_format(value)}"
                parts.append(
                    f'<circle class="point" cx="{_num(x)}" cy="{_num(y)}" r="{_num(radius)}" fill="{escape(color)}" '
                    f'stroke="#fff" stroke-width="1"><title>{escape(tip)}</title></circle>'
                )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


# --- horizontal bars --------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    """One bar: its label, value, an optional note written after the value (``12 articles``),
    colour (default: the chart's, or its negative colour below zero) and tooltip."""

    label: str
    value: float
    note: str = ""
    color: str | None = None
    tooltip: str | None = None


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    subtitle: str = "",
    width: float = 520,
    bar_height: float = 18,
    gap: float = 6,
    color: str = POSITIVE,
    negative_color: str = NEGATIVE,
    value_format: Callable[[float], str] = fmt_number,
    label_chars: int = 28,
    domain: tuple[float, float] | None = None,
    hints: tuple[str, str] | None = None,
    empty_message: str = NO_DATA,
) -> str:
    """Horizontal bars, one per row in the given order, labels on the left and the value
    (and note) at the end of each bar. With negative values, bars grow left and right of a
    zero line (a diverging chart, symmetric about zero unless ``domain`` says otherwise);
    ``hints`` writes what each side means under it (``("more negative", "more positive")``)."""
    if not bars:
        return empty_chart(title, empty_message, width=width, subtitle=subtitle)
    values = [float(b.value) for b in bars]
    labels = [truncate(b.label, label_chars) for b in bars]
    value_texts = [value_format(v) + (f"  {b.note}" if b.note else "") for v, b in zip(values, bars)]
    diverging = min(values) < 0 or (domain is not None and domain[0] < 0)
    if domain is None:
        hi = max(abs(v) for v in values) if diverging else max(values)
        hi = hi or 1.0
        domain = (-hi, hi) if diverging else (0.0, hi)
    lo, hi = domain

    header, top = _header(title, subtitle)
    top += 8
    rows_bottom = top + len(bars) * (bar_height + gap) + 4
    height = rows_bottom + (16 if hints else 0)
    parts = _open_svg("bar", title, width, height) + header
    label_w = min(max(_text_width(label) for label in labels) + 10, width * 0.42)
    value_w = min(max(_text_width(t) for t in value_texts) + 8, width * 0.3)
    left = label_w
    if diverging:
        neg_w = min(max((_text_width(t) for t, v in zip(value_texts, values) if v < 0), default=0) + 8, width * 0.25)
        plot_x0, plot_x1 = left + neg_w, width - value_w
    else:
        plot_x0, plot_x1 = left + 2, width - value_w

    def sx(v: float) -> float:
        v = min(max(v, lo), hi)
        return plot_x0 + (v - lo) / ((hi - lo) or 1) * (plot_x1 - plot_x0)

    zero = sx(0.0)
    parts.append('<g class="bars">')
    for i, (bar, value, label, value_text) in enumerate(zip(bars, values, labels, value_texts)):
        y = top + i * (bar_height + gap)
        x_end = sx(value)
        x, w = (min(zero, x_end), abs(x_end - zero))
        fill = bar.color or (negative_color if value < 0 else color)
        tip = bar.tooltip or f"{bar.label}: {value_format(value)}" + (f" ({bar.note})" if bar.note else "")
        mid = y + bar_height / 2 + 3.8
        parts.append(f'<g class="row"><title>{escape(tip)}</title>')
        parts.append(f'<text class="bar-label" x="{_num(left - 8)}" y="{_num(mid)}" text-anchor="end">{escape(label)}</text>')
        parts.append(
            f'<rect class="bar" x="{_num(x)}" y="{_num(y)}" width="{_num(max(w, 0.5 if value else 0))}" '
            f'height="{_num(bar_height)}" rx="2" fill="{escape(fill)}"/>'
        )
        if value < 0:
            parts.append(f'<text class="bar-value" x="{_num(x_end - 5)}" y="{_num(mid)}" text-anchor="end" fill="{MUTED}">{escape(value_text)}</text>')
        else:
            parts.append(f'<text class="bar-value" x="{_num(x_end + 5)}" y="{_num(mid)}" fill="{MUTED}">{escape(value_text)}</text>')
        parts.append("</g>")
    parts.append("</g>")
    axis_top, axis_bottom = top - 4, rows_bottom - 4
    parts.append(f'<line class="axis axis-zero" x1="{_num(zero)}" x2="{_num(zero)}" y1="{_num(axis_top)}" y2="{_num(axis_bottom)}" stroke="{AXIS}"/>')
    if hints:
        y = _num(rows_bottom + 9)
        parts.append(
            f'<g class="hints" fill="{MUTED}" font-size="10.5">'
            f'<text x="{_num(zero - 6)}" y="{y}" text-anchor="end">← {escape(hints[0])}</text>'
            f'<text x="{_num(zero + 6)}" y="{y}">{escape(hints[1])} →</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


# --- vertical stacked bars ------------------------------------------------------------------


def stacked_bars(
    categories: Sequence[X | str],
    series: Sequence[tuple[str, Sequence[float], str | None]],
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
    for name, values, _ in series:
        if len(values) != len(categories):
            raise ValueError(f"series {name!r} has {len(values)} values for {len(categories)} categories")
    totals = [sum(float(values[i] or 0) for _, values, _ in series) for i in range(len(categories))]
    if not categories or not any(totals):
        return empty_chart(title, empty_message, width=width, subtitle=subtitle)
    is_dates = isinstance(categories[0], (date, datetime))
    years = {_as_date(c).year for c in categories} if is_dates else set()  # type: ignore[arg-type]

    def default_format(c: X | str) -> str:
        if isinstance(c, (date, datetime)):
            return fmt_day(c, with_year=len(years) > 1)
        return str(c)

    fmt_x = x_format or default_format
    colors = [c or PALETTE[i % len(PALETTE)] for i, (_, _, c) in enumerate(series)]

    parts = _open_svg("stacked", title, width, height)
    header, top = _header(title, subtitle)
    parts += header
    legend_parts, legend_height = _legend([(name, c) for (name, _, _), c in zip(series, colors)], top, width)
    parts += legend_parts
    top += legend_height + 8

    y_ticks = nice_ticks(0.0, max(totals), 4, integer=integer)
    tick_labels = [value_format(t) for t in y_ticks]
    left = max(_text_width(label) for label in tick_labels) + 10 + (14 if y_label else 0)
    right, bottom = 8.0, height - 22
    plot_w, plot_h = width - left - right, max(bottom - top, 20)
    bottom = top + plot_h
    y_hi = y_ticks[-1] or 1.0

    def sy(v: float) -> float:
        return bottom - v / y_hi * plot_h

    parts.extend(_y_grid(y_ticks, tick_labels, sy, left=left, right_x=width - right, mid_y=top + plot_h / 2, y_label=y_label))

    n = len(categories)
    slot = plot_w / n
    bar_w = min(max(slot * 0.78, 1.0), 48.0)
    parts.append('<g class="columns">')
    for i, category in enumerate(categories):
        cx = left + slot * (i + 0.5)
        label = fmt_x(category)
        parts.append(f'<g class="column" data-category="{escape(label)}">')
        base = 0.0
        for (name, values, _), color in zip(series, colors):
            value = float(values[i] or 0)
            if value <= 0:
                continue
            y0, y1 = sy(base), sy(base + value)
            tip = f"{label} · {name}: {value_format(value)} of {value_format(totals[i])}"
            parts.append(
                f'<rect class="bar segment" data-series="{escape(name)}" x="{_num(cx - bar_w / 2)}" y="{_num(y1)}" '
                f'width="{_num(bar_w)}" height="{_num(max(y0 - y1, 0.5))}" fill="{escape(color)}">'
                f"<title>{escape(tip)}</title></rect>"
            )
            base += value
        parts.append("</g>")
    parts.append("</g>")

    parts.append('<g class="axis axis-x">')
    parts.append(f'<line x1="{_num(left)}" x2="{_num(width - right)}" y1="{_num(bottom)}" y2="{_num(bottom)}" stroke="{AXIS}"/>')
    longest = max(_text_width(fmt_x(c)) for c in categories) + 12
    every = max(1, math.ceil(longest / slot))
    for i in range(0, n, every):
        cx = left + slot * (i + 0.5)
        parts.append(f'<line x1="{_num(cx)}" x2="{_num(cx)}" y1="{_num(bottom)}" y2="{_num(bottom + 4)}" stroke="{AXIS}"/>')
        parts.append(f'<text x="{_num(cx)}" y="{_num(bottom + 15)}" text-anchor="middle" fill="{MUTED}">{escape(fmt_x(categories[i]))}</text>')
    parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def _y_grid(ticks, labels, sy, *, left: float, right_x: float, mid_y: float, y_label: str) -> list[str]:
    """Horizontal grid lines with their value labels, and the rotated y-axis label."""
    parts = ['<g class="grid">']
    for tick, label in zip(ticks, labels):
        y = sy(tick)
        parts.append(f'<line x1="{_num(left)}" x2="{_num(right_x)}" y1="{_num(y)}" y2="{_num(y)}" stroke="{GRID}"/>')
        parts.append(f'<text x="{_num(left - 6)}" y="{_num(y + 3.5)}" text-anchor="end" fill="{MUTED}">{escape(label)}</text>')
    parts.append("</g>")
    if y_label:
        parts.append(f'<text class="axis-label" transform="translate(9 {_num(mid_y)}) rotate(-90)" text-anchor="middle" fill="{MUTED}">{escape(y_label)}</text>')
    return parts
