"""The report's world map, drawn from real articles: real pages extracted and enriched as the
pipeline does, their mentions queried by the section's own SQL in DuckDB, the page rendered."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from newslake.analysis.charts.worldmap import MapPoint, world_map
from newslake.analysis.report.data import LakeInfo, ReportData
from newslake.analysis.report.map_section import map_section, place_rows
from newslake.analysis.report.period import Period
from newslake.analysis.report.render import render_report

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def real_mentions() -> pa.Table:
    """Mention rows of the seed article and 8 AEB pages, extracted and annotated for real."""
    from schemas.records import Extracted, RawObject
    from tasks.enrich.annotations import annotate_batch
    from tasks.extract.dispatch import extract_object

    paths = sorted((SHARED / "seed").glob("*.txt")) + sorted((SHARED / "aeb" / "html").glob("*.html.gz"))[:8]
    bodies = [item.body for path in paths for item in extract_object(RawObject(path.name, path.read_bytes()))
              if isinstance(item, Extracted)]
    rows = []
    for i, annotation in enumerate(annotate_batch(bodies, ["en"] * len(bodies))):
        for m in annotation.mentions:
            rows.append({"article_id": f"a{i}", "published_at": datetime(2026, 11, 1, tzinfo=UTC), **m})
    keep = ["article_id", "published_at", "entity", "type", "country_code", "geonames_id", "feature_class",
            "latitude", "longitude"]
    return pa.Table.from_pylist([{k: r[k] for k in keep} for r in rows])


@pytest.fixture(scope="module")
def report(real_mentions) -> ReportData:
    con = duckdb.connect()
    con.register("mentions", real_mentions)
    places = place_rows(lambda sql: con.execute(sql).fetchall(), "TRUE")["places"]
    period = Period(start=None, end=datetime(2026, 12, 1, tzinfo=UTC), label="all time")
    return ReportData(period=period, generated_at=period.end, lake=LakeInfo("s3://test/lake", None, "1.4"),
                      places=places)


def test_places_are_counted_by_article_and_carry_coordinates(report, real_mentions):
    names = {p.name for p in report.places}
    assert {"Iran", "Russia", "Tehran", "Moscow"} <= names
    assert all(-90 <= p.latitude <= 90 and -180 <= p.longitude <= 180 for p in report.places)
    counts = [p.articles for p in report.places]
    assert counts == sorted(counts, reverse=True)
    articles = len(set(real_mentions.column("article_id").to_pylist()))
    assert 1 <= counts[0] <= articles


def test_the_map_has_a_bubble_per_place_with_a_tooltip(report):
    html = map_section(report)
    root = ET.fromstring(html)
    circles = root.findall(f".//{SVG}circle")
    assert len(circles) == len(report.places)
    tips = [c.find(f"{SVG}title").text for c in circles]
    assert any(t.startswith("Tehran: ") and "city, IR" in t for t in tips)
    assert root.findall(f".//{SVG}g[@class='land']/{SVG}rect")  # the land is drawn


def test_the_map_is_in_the_page_and_the_page_is_well_formed(report):
    page = render_report(report)
    assert 'id="map"' in page and 'href="#map"' in page
    ET.fromstring(page.split("\n", 1)[1])
    assert render_report(report) == page  # deterministic


def test_bigger_counts_draw_bigger_bubbles_and_no_places_draw_the_empty_chart():
    svg = world_map([MapPoint("A", 10, 10, 9), MapPoint("B", -10, -10, 1)])
    radii = {c.find(f"{SVG}title").text[0]: float(c.get("r")) for c in ET.fromstring(svg).iter(f"{SVG}circle")}
    assert radii["A"] == pytest.approx(3 * radii["B"], rel=0.01)
    assert "empty" in world_map([])
