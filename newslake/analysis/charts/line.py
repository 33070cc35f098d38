"""The line (or area) chart: timelines of one or several series over days or numbers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from newslake.analysis.charts.frame import AXIS, MUTED, NO_DATA, PALETTE, chart_top, empty_chart, y_axis_left, y_grid
from newslake.analysis.charts.scales import date_ticks, nice_ticks, num, x_value
from newslake.analysis.charts.text import X, escape, fmt_day, fmt_number


@dataclass(frozen=True)
class Series:
    """A named sequence of ``(x, y)`` points; ``x`` a day or a number. ``color`` defaults
    to the palette, in order."""

    name: str
    points: Sequence[tuple[X, float]]
    color: str | None = None


@dataclass(frozen=True)
class _Plot:
    """The plot area in pixels and the value ranges it shows: one place for the scales the
    grid, the x axis and the lines must agree on."""

    width: float
    top: float
    left: float
    right: float  # the margin right of the plot
    bottom: float
    plot_w: float
    plot_h: float
    x_lo: float
    x_hi: float
    y_lo: float
    y_hi: float

    def sx(self, x: float) -> float:
        if self.x_hi == self.x_lo:
            return self.left + self.plot_w / 2
        return self.left + (x - self.x_lo) / (self.x_hi - self.x_lo) * self.plot_w

    def sy(self, y: float) -> float:
        return self.bottom - (y - self.y_lo) / ((self.y_hi - self.y_lo) or 1) * self.plot_h


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
    items = [(s.name, c) for s, c in zip(series, colors)] if show_legend else []
    parts, top = chart_top("line", title, subtitle, width, height, items)

    xs = [x_value(x) for s in drawn for x, _ in s.points]
    ys = [float(y) for s in drawn for _, y in s.points if y is not None]
    y_ticks = nice_ticks(min(0.0, *ys), max(0.0, *ys, y_max if y_max is not None else 0.0), 4, integer=integer)
    tick_labels = [value_format(t) for t in y_ticks]
    plot = _layout(width, height, top + 8, y_axis_left(tick_labels, y_label), _x_extent(xs, x_range), y_ticks)

    parts.extend(y_grid(y_ticks, tick_labels, plot.sy, left=plot.left, right_x=width - plot.right,
                        mid_y=plot.top + plot.plot_h / 2, y_label=y_label))
    parts.extend(_x_axis(plot, xs, is_dates, fmt_x, year_labels=x_format is None))
    radius = 3.0 if max(len(s.points) for s in drawn) <= 60 else 2.0
    for s, color in zip(series, colors):
        if s.points:
            parts.extend(_series_marks(s, color, plot, area=area, dots=show_points, radius=radius, fmt_x=fmt_x,
                                       value_format=value_format, named=len(series) > 1))
    parts.append("</svg>")
    return "".join(parts)


def _x_extent(xs: Sequence[float], x_range: tuple[X, X] | None) -> tuple[float, float]:
    """The x axis's ends: the points', widened to ``x_range`` when given."""
    x_lo, x_hi = min(xs), max(xs)
    if x_range is not None:
        x_lo, x_hi = min(x_lo, x_value(x_range[0])), max(x_hi, x_value(x_range[1]))
    return x_lo, x_hi


def _layout(
    width: float, height: float, top: float, left: float, x_extent: tuple[float, float], y_ticks: Sequence[float]
) -> _Plot:
    """Place the plot below ``top`` and right of ``left``, leaving room for the x labels;
    at least 20 px tall however little room the header left."""
    right, bottom = 12.0, height - 22
    plot_w, plot_h = width - left - right, bottom - top
    if plot_h < 20:
        bottom, plot_h = top + 20, 20.0
    return _Plot(width, top, left, right, bottom, plot_w, plot_h, *x_extent, y_ticks[0], y_ticks[-1])


def _x_ticks(plot: _Plot, is_dates: bool) -> list[float]:
    """Where the x labels go: about one per 70 px, on calendar steps for days."""
    max_ticks = max(int(plot.plot_w // 70), 2)
    if plot.x_hi == plot.x_lo:
        return [plot.x_lo]
    if is_dates:
        return date_ticks(plot.x_lo, plot.x_hi, max_ticks)
    return [t for t in nice_ticks(plot.x_lo, plot.x_hi, max_ticks - 1) if plot.x_lo <= t <= plot.x_hi]


def _x_axis(plot: _Plot, xs: Sequence[float], is_dates: bool, fmt_x: Callable[[X], str], *, year_labels: bool) -> list[str]:
    """The x axis line at zero (or the bottom), its ticks and labels. With the default day
    format, labels carry the year when the data spans more than one."""
    zero = num(plot.sy(max(plot.y_lo, 0)))
    right_x = plot.width - plot.right
    parts = ['<g class="axis axis-x">',
             f'<line x1="{num(plot.left)}" x2="{num(right_x)}" y1="{zero}" y2="{zero}" stroke="{AXIS}"/>']
    x_ticks = _x_ticks(plot, is_dates)
    years = {date.fromordinal(int(t)).year for t in xs} if is_dates else set()
    for tick in x_ticks:
        x = plot.sx(tick)
        value: X = date.fromordinal(int(tick)) if is_dates else tick
        label = fmt_day(value, with_year=True) if is_dates and len(years) > 1 and year_labels else fmt_x(value)
        several = len(x_ticks) > 1
        anchor = "start" if x - plot.left < 20 and several else "end" if right_x - x < 20 and several else "middle"
        parts.append(f'<line x1="{num(x)}" x2="{num(x)}" y1="{num(plot.bottom)}" y2="{num(plot.bottom + 4)}" stroke="{AXIS}"/>')
        parts.append(f'<text x="{num(x)}" y="{num(plot.bottom + 15)}" text-anchor="{anchor}" fill="{MUTED}">{escape(label)}</text>')
    parts.append("</g>")
    return parts


def _series_marks(
    s: Series, color: str, plot: _Plot, *, area: bool, dots: bool, radius: float,
    fmt_x: Callable[[X], str], value_format: Callable[[float], str], named: bool,
) -> list[str]:
    """One series: its line (and filled area), and a point with a tooltip per value; a
    lone point is always drawn, or nothing would show. ``named`` tooltips start with the
    series name, for charts with several."""
    pts = sorted(((x_value(x), x, float(y)) for x, y in s.points if y is not None), key=lambda p: p[0])
    coords = [(plot.sx(xv), plot.sy(y)) for xv, _, y in pts]
    parts = [f'<g class="series" data-series="{escape(s.name)}">']
    if len(coords) > 1:
        path = " ".join(f"{'M' if i == 0 else 'L'}{num(x)},{num(y)}" for i, (x, y) in enumerate(coords))
        if area:
            base = num(plot.sy(max(plot.y_lo, 0)))
            fill = f"{path} L{num(coords[-1][0])},{base} L{num(coords[0][0])},{base} Z"
            parts.append(f'<path class="area" d="{fill}" fill="{escape(color)}" fill-opacity="0.15" stroke="none"/>')
        parts.append(f'<path class="line" d="{path}" fill="none" stroke="{escape(color)}" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>')
    if dots or len(coords) == 1:
        for (x, y), (_, raw_x, value) in zip(coords, pts):
            tip = f"{s.name} · {fmt_x(raw_x)}: {value_format(value)}" if named else f"{fmt_x(raw_x)}: {value_format(value)}"
            parts.append(
                f'<circle class="point" cx="{num(x)}" cy="{num(y)}" r="{num(radius)}" fill="{escape(color)}" '
                f'stroke="#fff" stroke-width="1"><title>{escape(tip)}</title></circle>'
            )
    parts.append("</g>")
    return parts
