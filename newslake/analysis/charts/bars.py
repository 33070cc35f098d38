"""The horizontal bar chart: ranked items, and values either side of zero (a diverging
chart) when some are negative."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newslake.analysis.charts.frame import AXIS, MUTED, NEGATIVE, NO_DATA, POSITIVE, chart_header, empty_chart, open_svg
from newslake.analysis.charts.scales import num, text_width
from newslake.analysis.charts.text import escape, fmt_number, truncate


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
    diverging, (lo, hi) = _domain(values, domain)

    header, top = chart_header(title, subtitle)
    top += 8
    rows_bottom = top + len(bars) * (bar_height + gap) + 4
    height = rows_bottom + (16 if hints else 0)
    parts = open_svg("bar", title, width, height) + header
    left = min(max(text_width(label) for label in labels) + 10, width * 0.42)
    plot_x0, plot_x1 = _plot_span(width, left, values, value_texts, diverging)

    def sx(v: float) -> float:
        v = min(max(v, lo), hi)
        return plot_x0 + (v - lo) / ((hi - lo) or 1) * (plot_x1 - plot_x0)

    zero = sx(0.0)
    parts.append('<g class="bars">')
    for i, (bar, value, label, value_text) in enumerate(zip(bars, values, labels, value_texts)):
        fill = bar.color or (negative_color if value < 0 else color)
        tip = bar.tooltip or f"{bar.label}: {value_format(value)}" + (f" ({bar.note})" if bar.note else "")
        y = top + i * (bar_height + gap)
        parts.extend(_bar_row(value, zero, sx(value), y, bar_height, left=left, fill=fill, tip=tip, label=label,
                              value_text=value_text))
    parts.append("</g>")
    axis_top, axis_bottom = top - 4, rows_bottom - 4
    parts.append(f'<line class="axis axis-zero" x1="{num(zero)}" x2="{num(zero)}" y1="{num(axis_top)}" y2="{num(axis_bottom)}" stroke="{AXIS}"/>')
    if hints:
        parts.append(_hints(hints, zero, rows_bottom))
    parts.append("</svg>")
    return "".join(parts)


def _domain(values: Sequence[float], domain: tuple[float, float] | None) -> tuple[bool, tuple[float, float]]:
    """Whether bars diverge from zero, and the value range the bars span: the one given,
    else from zero (or minus the largest magnitude, when diverging) to the largest."""
    diverging = min(values) < 0 or (domain is not None and domain[0] < 0)
    if domain is None:
        hi = max(abs(v) for v in values) if diverging else max(values)
        hi = hi or 1.0
        domain = (-hi, hi) if diverging else (0.0, hi)
    return diverging, domain


def _plot_span(
    width: float, left: float, values: Sequence[float], value_texts: Sequence[str], diverging: bool
) -> tuple[float, float]:
    """The x range bars may cover: right of the labels, leaving room for the value texts
    at the end of the longest bars (on the left too, for negative bars)."""
    value_w = min(max(text_width(t) for t in value_texts) + 8, width * 0.3)
    if diverging:
        neg_w = min(max((text_width(t) for t, v in zip(value_texts, values) if v < 0), default=0) + 8, width * 0.25)
        return left + neg_w, width - value_w
    return left + 2, width - value_w


def _bar_row(
    value: float, zero: float, x_end: float, y: float, bar_height: float, *,
    left: float, fill: str, tip: str, label: str, value_text: str,
) -> list[str]:
    """One row: label, bar from zero to ``x_end`` (a hairline for tiny values, nothing
    for zero) and the value text past the bar's end, all under one tooltip."""
    x, w = (min(zero, x_end), abs(x_end - zero))
    mid = y + bar_height / 2 + 3.8
    parts = [f'<g class="row"><title>{escape(tip)}</title>',
             f'<text class="bar-label" x="{num(left - 8)}" y="{num(mid)}" text-anchor="end">{escape(label)}</text>',
             f'<rect class="bar" x="{num(x)}" y="{num(y)}" width="{num(max(w, 0.5 if value else 0))}" '
             f'height="{num(bar_height)}" rx="2" fill="{escape(fill)}"/>']
    if value < 0:
        parts.append(f'<text class="bar-value" x="{num(x_end - 5)}" y="{num(mid)}" text-anchor="end" fill="{MUTED}">{escape(value_text)}</text>')
    else:
        parts.append(f'<text class="bar-value" x="{num(x_end + 5)}" y="{num(mid)}" fill="{MUTED}">{escape(value_text)}</text>')
    parts.append("</g>")
    return parts


def _hints(hints: tuple[str, str], zero: float, rows_bottom: float) -> str:
    """What each side of zero means, written under the bars."""
    y = num(rows_bottom + 9)
    return (
        f'<g class="hints" fill="{MUTED}" font-size="10.5">'
        f'<text x="{num(zero - 6)}" y="{y}" text-anchor="end">← {escape(hints[0])}</text>'
        f'<text x="{num(zero + 6)}" y="{y}">{escape(hints[1])} →</text></g>'
    )
