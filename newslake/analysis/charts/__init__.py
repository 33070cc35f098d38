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

The modules: :mod:`.text` (escaping and number/day formats), :mod:`.scales` (ticks and
coordinates), :mod:`.frame` (colours, the ``<svg>`` frame, legend, grid, the empty
chart), and one per chart kind: :mod:`.line`, :mod:`.bars`, :mod:`.stacked`. Import
from this package: its names are the stable ones.
"""

from __future__ import annotations

from newslake.analysis.charts.bars import Bar, bar_chart
from newslake.analysis.charts.frame import (
    AXIS,
    FONT,
    GRID,
    INK,
    MUTED,
    NEGATIVE,
    NO_DATA,
    PALETTE,
    POSITIVE,
    empty_chart,
)
from newslake.analysis.charts.line import Series, line_chart
from newslake.analysis.charts.scales import nice_ticks
from newslake.analysis.charts.stacked import stacked_bars
from newslake.analysis.charts.text import MONTHS, X, escape, fmt_day, fmt_number, fmt_signed, truncate

__all__ = [
    "AXIS", "FONT", "GRID", "INK", "MONTHS", "MUTED", "NEGATIVE", "NO_DATA", "PALETTE", "POSITIVE", "X",
    "Bar", "Series",
    "bar_chart", "empty_chart", "escape", "fmt_day", "fmt_number", "fmt_signed", "line_chart", "nice_ticks",
    "stacked_bars", "truncate",
]
