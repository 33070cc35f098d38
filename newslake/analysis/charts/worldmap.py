"""A world map of where the news is: a bubble per place, sized by the articles naming it.

No country outlines ship offline in a form we can use, so the map is an
equirectangular (plate carrée) projection: longitude → x, latitude → y, with a
graticule every 30° and, as the land, the cells of a coarse grid that hold a
populated place (the caller passes them: GeoNames cities of 15,000+ people draw
the continents well enough to read). The subtitle says so. Bubble area is
proportional to the article count; the biggest places are labelled, every bubble
has a ``<title>`` tooltip. Deterministic: the same input gives the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from newslake.analysis.charts.frame import GRID, MUTED, NO_DATA, PALETTE, chart_header, empty_chart, open_svg
from newslake.analysis.charts.scales import num
from newslake.analysis.charts.text import escape, fmt_number, truncate

_LAND = "#dfe3e8"
_MAX_RADIUS = 22.0
_MIN_RADIUS = 2.0
_LABELS = 10
_LAT_TOP, _LAT_BOTTOM = 84.0, -60.0  # the map leaves out the polar seas


class MapPoint(NamedTuple):
    """A place on the map: its name, position, how many articles name it, and its kind."""

    name: str
    latitude: float
    longitude: float
    articles: int
    detail: str = ""  # shown in the tooltip, e.g. "city, IR"


def world_map(
    points: Sequence[MapPoint],
    land: Sequence[tuple[float, float]] = (),
    *,
    title: str = "Where the news is",
    subtitle: str = "",
    width: float = 960,
    cell: float = 2.0,
) -> str:
    """An inline ``<svg>`` world map with a bubble per point; ``land`` are the
    south-west corners (lat, lon) of ``cell``-degree squares drawn as land."""
    if not points:
        return empty_chart(title, NO_DATA, width=width, subtitle=subtitle)
    header, top = chart_header(title, subtitle)
    scale = width / 360.0
    height = top + (_LAT_TOP - _LAT_BOTTOM) * scale + 8

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return (lon + 180.0) * scale, top + (_LAT_TOP - lat) * scale

    parts = open_svg("worldmap", title, width, height) + header
    parts.append(f'<rect class="sea" x="0" y="{num(top)}" width="{num(width)}" '
                 f'height="{num((_LAT_TOP - _LAT_BOTTOM) * scale)}" fill="#f6f8fa"/>')
    parts.append(_land(land, xy, cell, cell * scale))
    parts.append(_graticule(xy, width, top, height - 8))
    parts.extend(_bubbles(points, xy))
    parts.append("</svg>")
    return "".join(parts)


def _land(cells: Sequence[tuple[float, float]], xy, degrees: float, size: float) -> str:  # noqa: ANN001
    """The land cells, each row's adjacent cells merged into one rectangle (fewer bytes)."""
    rects = []
    for lat, lon, count in _runs(cells, degrees):
        if _LAT_BOTTOM <= lat < _LAT_TOP:
            x, y = xy(lat + degrees, lon)
            rects.append(f'<rect x="{num(x)}" y="{num(y)}" width="{num(size * count)}" height="{num(size)}"/>')
    return f'<g class="land" fill="{_LAND}">{"".join(rects)}</g>'


def _runs(cells: Sequence[tuple[float, float]], degrees: float) -> list[tuple[float, float, int]]:
    """(lat, first lon, cells) of each horizontal run of adjacent cells."""
    runs: list[tuple[float, float, int]] = []
    for lat, lon in sorted(set(cells)):
        if runs and runs[-1][0] == lat and math.isclose(runs[-1][1] + runs[-1][2] * degrees, lon):
            runs[-1] = (lat, runs[-1][1], runs[-1][2] + 1)
        else:
            runs.append((lat, lon, 1))
    return runs


def _graticule(xy, width: float, top: float, bottom: float) -> str:  # noqa: ANN001
    lines = []
    for lon in range(-150, 181, 30):
        x, _ = xy(0, lon)
        lines.append(f'<line x1="{num(x)}" y1="{num(top)}" x2="{num(x)}" y2="{num(bottom)}"/>')
    for lat in (-30, 0, 30, 60):
        _, y = xy(lat, 0)
        lines.append(f'<line x1="0" y1="{num(y)}" x2="{num(width)}" y2="{num(y)}"/>')
        lines.append(f'<text x="3" y="{num(y - 2)}" fill="{MUTED}" font-size="9" stroke="none">{lat}°</text>')
    return f'<g class="grid" stroke="{GRID}" stroke-width="0.6">{"".join(lines)}</g>'


def _bubbles(points: Sequence[MapPoint], xy) -> list[str]:  # noqa: ANN001
    """Big bubbles first so small ones stay visible on top; the biggest get a label."""
    ranked = sorted(points, key=lambda p: (-p.articles, p.name, p.latitude, p.longitude))
    biggest = ranked[0].articles
    parts = ['<g class="places">']
    for p in ranked:
        x, y = xy(max(_LAT_BOTTOM, min(_LAT_TOP, p.latitude)), p.longitude)
        r = max(_MIN_RADIUS, _MAX_RADIUS * math.sqrt(p.articles / biggest))
        tip = f"{p.name}: {fmt_number(p.articles)} article{'' if p.articles == 1 else 's'}"
        tip += f" ({p.detail})" if p.detail else ""
        parts.append(f'<circle class="place" cx="{num(x)}" cy="{num(y)}" r="{num(r)}" fill="{PALETTE[0]}" '
                     f'fill-opacity="0.55" stroke="{PALETTE[0]}" stroke-width="0.8"><title>{escape(tip)}</title></circle>')
    for p in ranked[:_LABELS]:
        x, y = xy(max(_LAT_BOTTOM, min(_LAT_TOP, p.latitude)), p.longitude)
        r = max(_MIN_RADIUS, _MAX_RADIUS * math.sqrt(p.articles / biggest))
        parts.append(f'<text class="place-label" x="{num(x + r + 2)}" y="{num(y + 3)}" font-size="10.5" '
                     f'stroke="#ffffff" stroke-width="2.5" paint-order="stroke">{escape(truncate(p.name, 24))}</text>')
    parts.append("</g>")
    return parts
