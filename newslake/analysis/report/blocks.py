"""Small HTML pieces the report's sections are built of (pure): section, figure, KPI
card, the empty-section message, and words for counts and language codes. Everything
that comes from the data is escaped here or by the charts, so the page stays well-formed."""

from __future__ import annotations

from newslake.analysis.charts import escape, fmt_number
from newslake.analysis.report.labels_data import LANGUAGE_NAMES

NO_DATA = "No data for this period."


def section(anchor: str, heading: str, body: str) -> str:
    """A titled ``<section>`` the page's navigation links to by ``anchor``."""
    return f'<section id="{anchor}"><h2>{heading}</h2>{body}</section>'


def plural(count: int, noun: str) -> str:
    """``1 article``, ``1,234 articles``."""
    return f"{fmt_number(count)} {noun}{'' if count == 1 else 's'}"


def language_name(code: str | None) -> str:
    """``French (fr)`` for a code we can name, the code alone otherwise, ``unknown`` for none."""
    if not code:
        return "unknown"
    name = LANGUAGE_NAMES.get(code)
    return f"{name} ({code})" if name else code


def empty(message: str = NO_DATA) -> str:
    """What a section shows instead of charts: says why, rather than leaving a gap."""
    return f'<p class="empty">{escape(message)}</p>'


def figure(chart_id: str, svg: str, caption: str = "", *, wide: bool = False) -> str:
    """A chart in a ``<figure id=…>``; a ``wide`` one scrolls sideways on narrow screens
    rather than shrinking its text."""
    cap = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    classes = "chart-figure wide" if wide else "chart-figure"
    return f'<figure class="{classes}" id="{escape(chart_id)}">{svg}{cap}</figure>'


def kpi(label: str, value: int | str, detail: str = "") -> str:
    """One card of the overview: a big number with its label and an optional detail line."""
    shown = fmt_number(value) if isinstance(value, (int, float)) else value
    extra = f'<div class="kpi-detail">{escape(detail)}</div>' if detail else ""
    return f'<div class="kpi"><div class="kpi-label">{escape(label)}</div><div class="kpi-value">{escape(shown)}</div>{extra}</div>'
