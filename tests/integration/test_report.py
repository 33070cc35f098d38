"""``newslake report`` end to end: a synthetic lake on the real S3 server, the page built
from it, then opened in headless Chromium to check that the charts render.

Chromium is Debian's ``chromium`` package (``/usr/bin/chromium``); without it these tests
fail (they do not skip): install it with ``apt-get install -y chromium``.

The synthetic lake lives in buckets of its own, so it neither sees nor disturbs what
the other integration tests write into the session's bucket.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import struct
import subprocess
import zlib
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pyarrow as pa
import pytest

from newslake.analysis.report import build_report
from newslake.core import lake
from schemas import SCHEMA_VERSION, TABLES
from tasks.enrich.geo import geonames_columns, resolve
from tests.integration.helpers import lake_in_bucket
from tests.unit.test_views_sql import _article, article_id, utc

NOW = datetime(2026, 3, 9, 12, tzinfo=UTC)
SINCE = date(2026, 3, 2)
PERIOD_DAYS = [SINCE + timedelta(days=i) for i in range(8)]  # Mar 2 … Mar 9
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--force-color-profile=srgb", "--force-device-scale-factor=1",
)
ENGLISH_BLUE = (0x4E, 0x79, 0xA7)  # charts.PALETTE[0]: English in the coverage chart, people in the entities
FRENCH_ORANGE = (0xF2, 0x8E, 0x2C)  # charts.PALETTE[1]: the second language

# (day in March, outlet, language, title, tone, story) — the articles of the synthetic lake.
ARTICLES = [
    (2, "harbour.example", "en", "Dockworkers vote to strike at Rotterdam", 0.12, "strike"),
    (2, "ouest.example", "fr", "Grève des dockers à Rotterdam", None, None),
    (3, "eurasia.example", "en", "Rotterdam dockworkers walk out", -0.31, "strike"),
    (3, "energywire.example", "en", "Iran oil exports climb", 0.22, "oil"),
    (4, "energywire.example", "en", "Port strike hits fuel shipments", -0.18, "strike"),
    (4, "harbour.example", "en", "Harbour Authority extends opening hours", 0.41, None),
    (4, "berlin.example", "de", "Hafenstreik in Rotterdam", None, None),
    (5, "dailyherald.example", "en", "Iranian oil exports hit high", 0.09, "oil"),
    (5, "ouest.example", "fr", "Les vélos de Saint-Aubin", None, None),
    (6, "harbour.example", "en", "Strike talks resume", 0.05, None),
    (7, "eurasia.example", "en", "OPEC weighs output cut", -0.07, None),
    (8, "harbour.example", "en", "Port strike ends after nine days", 0.36, None),
    (8, "ouest.example", "fr", "Fin de la grève au port", None, None),
]
OLD = (20, "harbour.example", "en", "An older story, before the period", 0.2, None)  # February 20
ENTITIES = {  # title → [(entity, type, count, country)]
    "Dockworkers vote to strike at Rotterdam": [("Maria Lindqvist", "PERSON", 2, None), ("Rotterdam", "PLACE", 3, "NL"),
                                                ("Harbour Authority", "ORG", 1, None), ("Dutch", "NORP", 1, "NL")],
    "Rotterdam dockworkers walk out": [("Maria Lindqvist", "PERSON", 1, None), ("Rotterdam", "PLACE", 2, "NL")],
    "Iran oil exports climb": [("Iran", "PLACE", 3, "IR"), ("OPEC", "ORG", 1, None)],
    "Port strike hits fuel shipments": [("Tom Okafor", "PERSON", 1, None), ("Rotterdam", "PLACE", 1, "NL")],
    "Harbour Authority extends opening hours": [("Harbour Authority", "ORG", 2, None)],
    "Iranian oil exports hit high": [("Iran", "PLACE", 2, "IR"), ("OPEC", "ORG", 1, None)],
    "Port strike ends after nine days": [("Maria Lindqvist", "PERSON", 1, None), ("Tom Okafor", "PERSON", 1, None)],
    "An older story, before the period": [("Old Entity", "PERSON", 5, None)],
}
# (day in March, outcome) — ingest_log rows
INGEST = [(2, "committed"), (2, "committed"), (2, "rejected"), (3, "committed"), (3, "duplicate"),
          (4, "committed"), (4, "partial"), (4, "rejected"), (5, "committed"), (5, "skipped"),
          (6, "committed"), (8, "committed"), (8, "duplicate"), (8, "rejected")]
# (day in March, stage, error class, reason)
REJECTS = [
    (2, "parse", "JSONDecodeError", "not valid JSON: Unterminated string starting at: line 5 column 11 (char 310)"),
    (4, "parse", "JSONDecodeError", "not valid JSON: Expecting value: line 1 column 1 (char 0)"),
    (4, "validate", "BodyTooShort", "body has 3 words <fewer than 5> & no title"),
    (8, "extract", "MissingBody", "no article text found in the page"),
]


def _when(day: int, hour: int = 9, month: int = 3) -> datetime:
    return utc(2026, month, day, hour)


def _articles() -> list[dict]:
    ids = {title: article_id(title) for _, _, _, title, _, _ in [*ARTICLES, OLD]}
    founders: dict[str, str] = {}
    rows = []
    for day, outlet, language, title, tone, story in [*ARTICLES, OLD]:
        aid = ids[title]
        cluster = founders.setdefault(story, aid) if story else aid
        month = 2 if (day, title) == (OLD[0], OLD[3]) else 3
        rows.append(_article(
            aid, title, f"{title}. Reported from the harbour; more to follow.", domain=outlet, site_name=outlet.split(".")[0].title(),
            url=f"https://{outlet}/{aid[:8]}", language=language, published_at=_when(day, 9, month), tone=tone,
            cluster_id=cluster, ingested_at=_when(day, 10, month)))
    rows.append(_article(article_id("undated"), None, "A scrape with no date about harbour fees.", format="text",
                         ingested_at=_when(6, 11)))
    return rows


def _mentions(articles: list[dict]) -> list[dict]:
    by_title = {row["title"]: row for row in articles if row["title"]}
    return [
        {"article_id": by_title[title]["article_id"], "entity": entity, "type": kind, "count": count, "offsets": [],
         "country_code": code, "published_at": by_title[title]["published_at"], "language": "en", "enrichment_version": 1,
         **geonames_columns(resolve(entity) if kind == "PLACE" else None)}
        for title, found in ENTITIES.items() for entity, kind, count, code in found
    ]


def _ingest_log() -> list[dict]:
    return [
        {"run_id": f"run-{day}", "raw_key": f"landing/files/2026/03/{day:02d}/{i:04d}.json", "outcome": outcome,
         "articles_new": int(outcome in ("committed", "partial")), "articles_duplicate": int(outcome == "duplicate"),
         "records_rejected": int(outcome in ("rejected", "partial")), "article_ids": [], "pipeline_version": "test",
         "logged_at": _when(day, 12)}
        for i, (day, outcome) in enumerate(INGEST)
    ]


def _rejects() -> list[dict]:
    return [
        {"raw_key": f"landing/files/2026/03/{day:02d}/bad{i}.json", "record_index": None, "stage": stage, "reason": reason,
         "error_class": error, "source": "files", "source_path": f"broken/{i}.json", "pipeline_version": "test",
         "run_id": f"run-{day}", "rejected_at": _when(day, 12)}
        for i, (day, stage, error, reason) in enumerate(REJECTS)
    ]


@pytest.fixture(scope="module")
def report_lake(settings, local_stack):
    isolated = lake_in_bucket(settings, "newslake-report")
    articles = _articles()
    quotes = [{"article_id": articles[0]["article_id"], "quote_index": 0, "quote": "We stay out until the deal is fair.",
               "speaker": "Maria Lindqvist", "start": 0, "end": 10, "published_at": articles[0]["published_at"],
               "enrichment_version": 1}]
    tables = {"articles": articles, "mentions": _mentions(articles), "quotes": quotes, "ingest_log": _ingest_log(),
              "rejects": _rejects()}
    for name, rows in tables.items():
        lake.merge(isolated, name, pa.Table.from_pylist(rows, schema=TABLES[name].schema))
    return isolated


@pytest.fixture(scope="module")
def empty_report_lake(settings, local_stack):
    return lake_in_bucket(settings, "newslake-report-empty")


@pytest.fixture(scope="session")
def chromium() -> str:
    path = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if path is None:
        pytest.fail(
            "headless Chromium is needed to check that the report renders, and it is not installed: "
            "install the Debian package `chromium` (sudo apt-get install -y chromium)",
            pytrace=False,
        )
    return path


def run_chromium(chromium: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "chromium-profile"
    result = subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=180,
    )
    assert result.returncode == 0, f"chromium exited {result.returncode}:\n{result.stderr[-3000:]}"
    return result


# --- reading what Chromium gives back ----------------------------------------------------------------


class FigureCounter(HTMLParser):
    """Counts elements by tag and class inside each ``<figure id=…>`` of a serialised DOM."""

    def __init__(self) -> None:
        super().__init__()
        self.current: str | None = None
        self.counts: dict[str, Counter] = {}
        self.rows: dict[str, int] = Counter()
        self.table: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "figure" and attributes.get("id"):
            self.current = attributes["id"]
            self.counts[self.current] = Counter()
        elif self.current:
            for name in (attributes.get("class") or "").split():
                self.counts[self.current][f"{tag}.{name}"] += 1
            self.counts[self.current][tag] += 1
        if tag == "table":
            self.table = (attributes.get("class") or "").split()[0] if attributes.get("class") else None
        elif tag == "tr" and self.table:
            self.rows[self.table] += 1

    def handle_endtag(self, tag):
        if tag == "figure":
            self.current = None
        elif tag == "table":
            self.table = None


def read_png(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and RGB rows of an 8-bit RGB/RGBA, non-interlaced PNG (what Chromium writes)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    pos, chunks = 8, []
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    assert depth == 8 and color in (2, 6) and interlace == 0, (depth, color, interlace)
    bpp = 3 if color == 2 else 4
    raw, stride = zlib.decompress(b"".join(chunks)), width * bpp
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:  # Sub
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif kind == 2:  # Up
            line = bytearray((a + b) & 255 for a, b in zip(line, previous))
        elif kind == 3:  # Average
            for i in range(stride):
                line[i] = (line[i] + (((line[i - bpp] if i >= bpp else 0) + previous[i]) >> 1)) & 255
        elif kind == 4:  # Paeth
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = previous[i], (previous[i - bpp] if i >= bpp else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        previous = line
        rows.append(bytes(line) if bpp == 3 else bytes(v for i, v in enumerate(line) if i % 4 != 3))
    return width, height, rows


RENDER_CHECK = """<script>
(function () {
  var out = {resources: performance.getEntriesByType('resource').length, figures: {}};
  function drawn(figure, selector) {
    var n = 0;
    figure.querySelectorAll(selector).forEach(function (el) {
      var box = el.getBBox();  // a line may be flat: it needs a width only
      if (box.width > 0 && (box.height > 0 || el.tagName === 'path')) { n += 1; }
    });
    return n;
  }
  document.querySelectorAll('figure[id]').forEach(function (figure) {
    var svg = figure.querySelector('svg');
    var box = svg.getBoundingClientRect();
    out.figures[figure.id] = {namespace: svg.namespaceURI, width: box.width, height: box.height,
                              bars: drawn(figure, 'rect.bar'), points: drawn(figure, 'circle.point'),
                              lines: drawn(figure, 'path.line'), texts: drawn(figure, 'text')};
  });
  var pre = document.createElement('pre');
  pre.id = 'render-check';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>"""


# --- expectations from the synthetic lake ------------------------------------------------------------


def _in_period(day: int) -> bool:
    return 2 <= day <= 9


def expected_counts() -> dict[str, int]:
    in_period = [a for a in ARTICLES if _in_period(a[0])]
    titles = {a[3] for a in in_period}
    entity_types = Counter(kind for entity, kind in {(e, k) for t, found in ENTITIES.items() if t in titles for e, k, _, _ in found})
    return {
        "chart-coverage-language": len({(day, language) for day, _, language, *_ in in_period}),
        "chart-entities-person": entity_types["PERSON"],
        "chart-entities-org": entity_types["ORG"],
        "chart-entities-place": entity_types["PLACE"],
        "chart-entities-norp": entity_types["NORP"],
        "chart-tone-outlets": len({outlet for _, outlet, _, _, tone, _ in in_period if tone is not None}),
        "chart-ingest-outcomes": len(set(INGEST)),
        "chart-rejects-daily": len({(day, stage) for day, stage, _, _ in REJECTS}),
        "chart-reject-reasons": len({(stage, error) for _, stage, error, _ in REJECTS}),
    }


def test_expectations_are_what_the_data_says():
    counts = expected_counts()
    assert counts["chart-coverage-language"] == 11  # en every day but Mar 9; fr on 2, 5, 8; de on 4
    assert counts["chart-entities-person"] == 2 and counts["chart-entities-norp"] == 1  # "Old Entity" is out of the period
    assert counts["chart-tone-outlets"] == 4 and counts["chart-reject-reasons"] == 3


# --- the tests ---------------------------------------------------------------------------------------


def test_report_renders_in_headless_chromium(report_lake, chromium, tmp_path):
    out = tmp_path / "site" / "report"
    index = build_report(report_lake, SINCE, out, now=NOW)
    assert index == out / "index.html" and index.is_file()
    assert [p.name for p in out.iterdir()] == ["index.html"]  # no temporary file left
    page = index.read_text(encoding="utf-8")
    for forbidden in ("<script", "<link", "<img", "@import", "url(", " src="):
        assert forbidden not in page, forbidden
    assert "English articles only" in page and "VADER" in page
    assert "Mar 2, 2026 00:00 → Mar 9, 2026 12:00 UTC" in page and "s3://newslake-report/lake" in page
    assert f"version {SCHEMA_VERSION}" in page
    assert "body has 3 words &lt;fewer than 5&gt; &amp; no title" in page  # reject reasons are escaped

    # The DOM Chromium builds from it, with a probe that measures what was laid out.
    probe = tmp_path / "probe.html"
    probe.write_text(page.replace("</body>", RENDER_CHECK + "</body>"), encoding="utf-8")
    dom = run_chromium(chromium, tmp_path, "--dump-dom", probe.as_uri()).stdout
    check = json.loads(html.unescape(re.search(r'<pre id="render-check">(.*?)</pre>', dom, re.S)[1]))
    assert check["resources"] == 0  # the page loaded nothing besides itself
    figures = check["figures"]
    counter = FigureCounter()
    counter.feed(dom)
    expected = expected_counts()
    for figure_id, bars in expected.items():
        assert counter.counts[figure_id]["rect.bar"] == bars, figure_id  # in the DOM…
        assert figures[figure_id]["bars"] == bars, figure_id  # …and drawn with a size
    for figure_id, rendered in figures.items():
        assert rendered["namespace"] == "http://www.w3.org/2000/svg", figure_id
        assert rendered["width"] > 100 and rendered["height"] > 50, (figure_id, rendered)
        assert rendered["texts"] >= 1, figure_id
    outlets = [f for f in figures if f.startswith("chart-outlet-")]
    assert len(outlets) == 6  # the six outlets with the most articles, as small multiples
    for figure_id in outlets:
        assert figures[figure_id]["points"] == len(PERIOD_DAYS), figure_id  # a point a day, zeros included
        assert figures[figure_id]["lines"] == 1, figure_id
    assert figures["chart-tone-timeline"]["points"] == len({a[0] for a in ARTICLES if a[4] is not None})
    assert page.count('<circle class="place"') == expected["chart-entities-place"]  # a bubble per place on the map
    assert counter.rows["clusters"] == 1 + 2  # header, the strike story (3 outlets), the oil story (2)
    assert counter.rows["reasons"] == 1 + 3
    strike = re.search(r'<td class="story"><a href="[^"]+" rel="noopener noreferrer">([^<]+)</a>', dom)
    assert strike[1] == "Dockworkers vote to strike at Rotterdam"  # the widest story first, by its founding article

    # A screenshot: the page is drawn, with the charts' colours in it.
    png = tmp_path / "report.png"
    run_chromium(chromium, tmp_path, f"--screenshot={png}", "--window-size=1200,2000", index.as_uri())
    width, height, rows = read_png(png)
    assert (width, height) == (1200, 2000)
    pixels = Counter(bytes(row[i:i + 3]) for row in rows[::2] for i in range(0, len(row), 6))
    total = sum(pixels.values())
    white = pixels[b"\xff\xff\xff"]
    assert len(pixels) > 100, f"only {len(pixels)} distinct colours: the page looks blank"
    assert white / total < 0.95, f"{white / total:.0%} of the page is white"
    assert pixels[bytes(ENGLISH_BLUE)] > 500, "no English bars (charts.PALETTE[0]) on the screenshot"
    assert pixels[bytes(FRENCH_ORANGE)] > 50, "no French bars (charts.PALETTE[1]) on the screenshot"


def test_report_over_all_time_starts_at_the_first_article(report_lake, tmp_path):
    page = build_report(report_lake, None, tmp_path, now=NOW).read_text(encoding="utf-8")
    assert "all time, to Mar 9, 2026 12:00 UTC" in page
    coverage = re.search(r'<figure [^>]*id="chart-coverage-language">(.*?)</figure>', page, re.S)[1]
    assert "Feb 20 · English (en): 1 of 1" in coverage and coverage.count('class="bar segment"') == 12
    assert "Old Entity" in page
    assert "1 article ingested in the period has no publication time and is not shown." in page


def test_report_on_an_empty_lake_says_there_is_no_data(empty_report_lake, chromium, tmp_path):
    index = build_report(empty_report_lake, timedelta(days=7), tmp_path / "empty", now=NOW)
    page = index.read_text(encoding="utf-8")
    assert page.count("No data for this period.") == 6
    assert "<svg" not in page and "last 7 days" in page.lower()
    dom = run_chromium(chromium, tmp_path, "--dump-dom", index.as_uri()).stdout
    assert dom.count('<p class="empty">No data for this period.</p>') == 6
