"""``newslake report``: one self-contained HTML page about the lake over a period.

The page has inline CSS and inline SVG charts (:mod:`newslake.analysis.charts`) and nothing
else: no scripts, web fonts, images or style sheets to fetch, so it opens offline, from
a file, an e-mail attachment or an artifact store. Sections:

- an overview (articles, outlets, languages, stories, ingested objects, rejects);
- coverage: articles per day by language, and small multiples of the top outlets;
- top entities of each type (people, organisations, places, nationalities/groups);
- tone by outlet (English articles only: VADER) and the daily average;
- the widest story clusters (same story across outlets);
- ingestion health: objects per day by outcome, rejected records per day by stage,
  and the most common reasons for rejection.

The work is split in three: :func:`fetch_report_data` (:mod:`.queries`) runs the
queries (I/O) and returns plain rows in a :class:`ReportData` (:mod:`.data`);
:func:`render_report` (:mod:`.render`, with :mod:`.sections` and :mod:`.blocks`) turns
that into HTML (pure: same data, same bytes); :func:`build_report`, here, ties them
together and writes ``index.html``. :func:`parse_since` (:mod:`.period`) reads the
command line's ``--since``; :mod:`.buckets` picks days, weeks or months for the charts.

Every table is read at one Delta version (:mod:`.snapshot`, listed at the foot of the
page), so the sections agree with each other even while an ingest commits.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from newslake.analysis.report.blocks import NO_DATA
from newslake.analysis.report.buckets import bucket_range, bucket_start, choose_bucket, pivot
from newslake.analysis.report.data import (
    TOP_CLUSTERS,
    TOP_ENTITIES,
    TOP_LANGUAGES,
    TOP_OUTLETS,
    TOP_REASONS,
    TOP_TONE_OUTLETS,
    ClusterRow,
    EntityRow,
    LakeInfo,
    ReasonRow,
    ReportData,
    ToneRow,
)
from newslake.analysis.report.labels_data import ENTITY_TYPES, LANGUAGE_NAMES, OUTCOME_COLORS, STAGE_COLORS
from newslake.analysis.report.page_css_data import CSS
from newslake.analysis.report.period import Period, parse_since, resolve_period
from newslake.analysis.report.queries import fetch_report_data
from newslake.analysis.report.render import render_report
from newslake.analysis.report.sections import (
    clusters_section,
    coverage_section,
    entities_section,
    ingestion_section,
    overview_section,
    tone_section,
)
from newslake.analysis.report.snapshot import pin_snapshot

if TYPE_CHECKING:
    from newslake.core.settings import Settings

__all__ = [
    "CSS", "ENTITY_TYPES", "LANGUAGE_NAMES", "NO_DATA", "OUTCOME_COLORS", "STAGE_COLORS",
    "TOP_CLUSTERS", "TOP_ENTITIES", "TOP_LANGUAGES", "TOP_OUTLETS", "TOP_REASONS", "TOP_TONE_OUTLETS",
    "ClusterRow", "EntityRow", "LakeInfo", "Period", "ReasonRow", "ReportData", "ToneRow",
    "bucket_range", "bucket_start", "build_report", "choose_bucket", "clusters_section", "coverage_section",
    "entities_section", "fetch_report_data", "ingestion_section", "overview_section", "parse_since", "pin_snapshot",
    "pivot", "render_report", "resolve_period", "tone_section",
]


def build_report(
    settings: Settings, since: timedelta | date | None, out_dir: Path, *, now: datetime | None = None
) -> Path:
    """Query the lake over the period ``since`` describes (see :func:`parse_since`; None:
    everything) up to ``now`` (default: the current time), and write the page to
    ``out_dir/index.html`` (the folder is created; the file is replaced atomically).
    Returns the path of ``index.html``."""
    from newslake.core.query import connect

    generated = datetime.now(UTC) if now is None else now
    period = resolve_period(since, generated)
    con = connect(settings)
    try:
        lake = pin_snapshot(con, settings)
        data = fetch_report_data(con, period, lake, period.end)
    finally:
        con.close()
    return _write_atomically(Path(out_dir), "index.html", render_report(data))


def _write_atomically(out_dir: Path, name: str, text: str) -> Path:
    """Write ``out_dir/name`` through a temporary file and a rename, so a browser or a web
    server never sees half a page (the folder is created)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / name
    partial = out_dir / f".{name}.{os.getpid()}.partial"
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, target)
    return target
