"""Text and numbers as the charts write them: escaped for XML, cut to fit, and formatted
the same way whatever the locale, so the same data always gives the same bytes."""

from __future__ import annotations

import html
import math
import re
from datetime import date, datetime

X = date | datetime | int | float
"""An x value: a day (or a time, whose day is used) or a number."""

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


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
    text = _magnitude(abs(value), decimals)
    if text.strip("0.,kM") == "":  # rounded to zero: no sign
        sign = ""
    return sign + text


def _magnitude(value: float, decimals: int | None) -> str:
    """The digits of a non-negative ``value``: fixed decimals, or shortened when large."""
    if decimals is not None:
        return f"{value:,.{decimals}f}"
    if value >= 1_000_000:
        return f"{value / 1_000_000:.1f}".rstrip("0").rstrip(".") + "M"
    if value >= 10_000:
        return f"{value / 1_000:.1f}".rstrip("0").rstrip(".") + "k"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def fmt_signed(value: float | None, decimals: int = 2) -> str:
    """``+0.12`` / ``−0.05`` / ``0.00``."""
    if value is None:
        return "–"
    text = fmt_number(value, decimals)
    return text if text.startswith("−") or float(text.replace(",", "")) == 0 else "+" + text


def fmt_day(value: X, with_year: bool = False) -> str:
    """``Mar 14`` (``Mar 14, 2026`` with the year), in English whatever the locale."""
    day = as_date(value)
    text = f"{MONTHS[day.month - 1]} {day.day}"
    return f"{text}, {day.year}" if with_year else text


def as_date(value: X) -> date:
    """The day of a time; a day (or a number) as it is."""
    return value.date() if isinstance(value, datetime) else value  # type: ignore[return-value]
