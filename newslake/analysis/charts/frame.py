"""What every chart shares: the colours and font, the ``<svg>`` element with its
accessible title, the visible title and subtitle, the legend, the y grid, and the frame
drawn instead of a chart when there is no data.

Colours and the font are written as attributes, not CSS, so a chart saved on its own as
a ``.svg`` file looks the same as on the page."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from newslake.analysis.charts.scales import num, text_width
from newslake.analysis.charts.text import escape, truncate

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

_TITLE_HEIGHT = 24
_SUBTITLE_HEIGHT = 18
_LEGEND_ROW = 18


def open_svg(kind: str, title: str, width: float, height: float, extra_class: str = "") -> list[str]:
    """The opening ``<svg>`` tag (namespace, size, font, ``chart-<kind>`` class) and the
    ``<title>`` that names the chart for screen readers."""
    classes = f"chart chart-{kind}" + (f" {extra_class}" if extra_class else "")
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{classes}" viewBox="0 0 {num(width)} {num(height)}" '
        f'width="{num(width)}" height="{num(height)}" role="img" aria-label="{escape(title)}" '
        f'font-family="{escape(FONT)}" font-size="11" fill="{INK}">',
        f"<title>{escape(title)}</title>",
    ]


def chart_header(title: str, subtitle: str) -> tuple[list[str], float]:
    """The visible title and subtitle; returns the elements and the height they take."""
    parts = [f'<text class="chart-title" x="0" y="15" font-size="14" font-weight="600">{escape(title)}</text>']
    top = _TITLE_HEIGHT
    if subtitle:
        parts.append(f'<text class="chart-subtitle" x="0" y="{num(top + 9)}" font-size="11.5" fill="{MUTED}">{escape(subtitle)}</text>')
        top += _SUBTITLE_HEIGHT
    return parts, top


def legend(items: Sequence[tuple[str, str]], top: float, width: float) -> tuple[list[str], float]:
    """Colour swatches and names, wrapped over rows; returns the elements and the height."""
    if not items:
        return [], 0.0
    parts = ['<g class="legend">']
    x, y = 0.0, top + 4
    for name, color in items:
        label = truncate(name, 28)
        item_width = 14 + text_width(label) + 16
        if x > 0 and x + item_width > width:
            x, y = 0.0, y + _LEGEND_ROW
        parts.append(
            f'<g class="legend-item"><title>{escape(name)}</title>'
            f'<rect x="{num(x)}" y="{num(y)}" width="10" height="10" rx="2" fill="{escape(color)}"/>'
            f'<text x="{num(x + 14)}" y="{num(y + 9)}" fill="{MUTED}">{escape(label)}</text></g>'
        )
        x += item_width
    parts.append("</g>")
    return parts, (y - top) + _LEGEND_ROW + 2


def chart_top(
    kind: str, title: str, subtitle: str, width: float, height: float, items: Sequence[tuple[str, str]]
) -> tuple[list[str], float]:
    """The start of a chart with a legend (none when ``items`` is empty): the elements,
    and where the plot may begin below them."""
    parts = open_svg(kind, title, width, height)
    header, top = chart_header(title, subtitle)
    parts += header
    if not items:
        return parts, top
    legend_parts, legend_height = legend(items, top, width)
    return parts + legend_parts, top + legend_height


def empty_chart(title: str, message: str = NO_DATA, *, width: float = 640, height: float = 120, subtitle: str = "") -> str:
    """A chart frame holding only ``message``: what every chart draws without data, so a
    page keeps its layout and says why a chart is missing."""
    parts = open_svg("empty", title, width, height, "empty")
    header, top = chart_header(title, subtitle)
    parts += header
    box_h = max(height - top - 4, 24)
    parts.append(
        f'<rect x="0.5" y="{num(top + 0.5)}" width="{num(width - 1)}" height="{num(box_h - 1)}" rx="6" '
        f'fill="#f6f8fa" stroke="{GRID}"/>'
    )
    parts.append(
        f'<text class="empty-message" x="{num(width / 2)}" y="{num(top + box_h / 2 + 4)}" text-anchor="middle" '
        f'fill="{MUTED}" font-size="12">{escape(message)}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def y_grid(
    ticks: Sequence[float], labels: Sequence[str], sy: Callable[[float], float], *,
    left: float, right_x: float, mid_y: float, y_label: str,
) -> list[str]:
    """Horizontal grid lines with their value labels, and the rotated y-axis label."""
    parts = ['<g class="grid">']
    for tick, label in zip(ticks, labels):
        y = sy(tick)
        parts.append(f'<line x1="{num(left)}" x2="{num(right_x)}" y1="{num(y)}" y2="{num(y)}" stroke="{GRID}"/>')
        parts.append(f'<text x="{num(left - 6)}" y="{num(y + 3.5)}" text-anchor="end" fill="{MUTED}">{escape(label)}</text>')
    parts.append("</g>")
    if y_label:
        parts.append(f'<text class="axis-label" transform="translate(9 {num(mid_y)}) rotate(-90)" text-anchor="middle" fill="{MUTED}">{escape(y_label)}</text>')
    return parts


def y_axis_left(tick_labels: Sequence[str], y_label: str) -> float:
    """The x where the plot starts: room for the widest tick label, and the y-axis label."""
    return max(text_width(label) for label in tick_labels) + 10 + (14 if y_label else 0)
