"""The SVG chart helpers (``newslake.analysis.charts``) and the report's pure parts
(``newslake.analysis.report``: the period, time buckets, and the page rendered from plain data)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, timedelta

import pytest

from newslake.analysis.charts import (
    NO_DATA,
    Bar,
    Series,
    bar_chart,
    empty_chart,
    escape,
    fmt_number,
    fmt_signed,
    line_chart,
    nice_ticks,
    stacked_bars,
    truncate,
)
from newslake.analysis.report import (
    ClusterRow,
    EntityRow,
    LakeInfo,
    ReasonRow,
    ReportData,
    ToneRow,
    bucket_range,
    choose_bucket,
    parse_since,
    pivot,
    render_report,
    resolve_period,
)

SVG = "{http://www.w3.org/2000/svg}"
XHTML = "{http://www.w3.org/1999/xhtml}"
UTC = UTC
HOSTILE = "A & B <script>alert('x')</script> \"quoted\"\x00\x07"
HOSTILE_CLEAN = "A & B <script>alert('x')</script> \"quoted\""
DAYS = [date(2026, 3, 10) + timedelta(days=i) for i in range(5)]


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox", "").startswith("0 0 ")
    width, height = (float(v) for v in root.get("viewBox").split()[2:])
    assert width > 0 and height > 0
    assert root.find(f"{SVG}title") is not None  # the accessible name, first child
    return root


def with_class(root: ET.Element, name: str, tag: str | None = None) -> list[ET.Element]:
    return [el for el in root.iter() if name in (el.get("class") or "").split() and (tag is None or el.tag == f"{SVG}{tag}")]


def texts(root: ET.Element) -> list[str]:
    return ["".join(el.itertext()) for el in root.iter(f"{SVG}text")]


def tooltips(root: ET.Element) -> list[str]:
    return [el.text or "" for el in root.iter(f"{SVG}title")]


# --- text ------------------------------------------------------------------------------------


def test_escape_makes_any_text_safe_xml():
    escaped = escape(HOSTILE)
    assert "<" not in escaped and '"' not in escaped and "\x00" not in escaped
    assert ET.fromstring(f'<a title="{escaped}">{escaped}</a>').text == HOSTILE_CLEAN
    assert escape(None) == "None" and escape(3) == "3"


def test_numbers_and_truncation():
    assert fmt_number(1234) == "1,234"
    assert fmt_number(12500) == "12.5k" and fmt_number(3_400_000) == "3.4M"
    assert fmt_number(0.25) == "0.25" and fmt_number(-0.5) == "−0.5"
    assert fmt_number(-0.001, 2) == "0.00"  # no minus sign on a rounded zero
    assert fmt_signed(0.123) == "+0.12" and fmt_signed(-0.123) == "−0.12" and fmt_signed(0.0) == "0.00"
    assert truncate("a very long entity name", 10) == "a very lo…"
    assert truncate("short", 10) == "short"


def test_nice_ticks():
    assert nice_ticks(0, 7, 4) == [0, 2, 4, 6, 8]
    assert nice_ticks(0, 1, 4, integer=True) == [0, 1]
    assert nice_ticks(0, 0) == [0, 1]
    ticks = nice_ticks(-0.37, 0.35, 4)
    assert ticks[0] <= -0.37 and ticks[-1] >= 0.35 and 0 in ticks


# --- line chart ------------------------------------------------------------------------------


def test_line_chart_draws_a_point_per_value_and_a_line_per_series():
    series = [Series("en", [(d, i) for i, d in enumerate(DAYS)]), Series("fr", [(DAYS[0], 2), (DAYS[2], 1)])]
    root = parse(line_chart(series, title="Articles per day", y_label="articles", area=True))
    assert len(with_class(root, "point", "circle")) == 7
    assert len(with_class(root, "line", "path")) == 2
    assert len(with_class(root, "area", "path")) == 2
    assert len(with_class(root, "legend-item")) == 2  # several series: a legend
    assert "Articles per day" in texts(root)
    assert "en · Mar 12: 2" in tooltips(root)


def test_line_chart_with_one_point_draws_a_dot():
    root = parse(line_chart([Series("only", [(date(2026, 3, 10), 5)])], title="One day"))
    assert len(with_class(root, "point", "circle")) == 1
    assert with_class(root, "line") == []
    assert "Mar 10: 5" in tooltips(root)


def test_line_chart_without_points_says_so():
    for series in ([], [Series("nothing", [])]):
        root = parse(line_chart(series, title="Empty"))
        assert "empty" in root.get("class").split()
        assert NO_DATA in texts(root)
        assert with_class(root, "point") == []


def test_line_chart_numbers_negative_values_and_years():
    root = parse(line_chart([Series("tone", [(1, -0.5), (2, 0.25), (3, 0.0)])], title="Tone", integer=False))
    assert len(with_class(root, "point")) == 3
    spanning = parse(line_chart([Series("s", [(date(2025, 12, 30), 1), (date(2026, 1, 2), 2)])], title="Years"))
    assert any("2026" in t for t in texts(spanning))  # the year shows when the axis crosses one


def test_line_chart_shared_scale_and_wider_period():
    small = parse(line_chart([Series("a", [(DAYS[0], 1), (DAYS[1], 2)])], title="A", y_max=100))
    assert "100" in texts(small)
    narrow = parse(line_chart([Series("a", [(DAYS[1], 1), (DAYS[2], 2)])], title="A"))
    wide = parse(line_chart([Series("a", [(DAYS[1], 1), (DAYS[2], 2)])], title="A", x_range=(DAYS[0], DAYS[4])))
    assert "Mar 14" in texts(wide) and "Mar 14" not in texts(narrow)
    first = [float(c.get("cx")) for c in with_class(narrow, "point")][0]
    assert [float(c.get("cx")) for c in with_class(wide, "point")][0] > first  # the first point moves right


# --- bar chart -------------------------------------------------------------------------------


def test_bar_chart_one_bar_per_item_with_labels_and_tooltips():
    bars = [Bar("Iran", 3, tooltip="Iran: 3 articles"), Bar("Vladimir Putin", 2), Bar("OPEC", 1, note="(1 object)")]
    root = parse(bar_chart(bars, title="Places"))
    rects = with_class(root, "bar", "rect")
    assert len(rects) == 3
    widths = [float(r.get("width")) for r in rects]
    assert widths[0] > widths[1] > widths[2] > 0
    assert {"Iran", "Vladimir Putin", "OPEC", "3", "1  (1 object)"} <= set(texts(root))
    assert "Iran: 3 articles" in tooltips(root) and "Vladimir Putin: 2" in tooltips(root)


def test_bar_chart_diverges_around_zero():
    bars = [Bar("up", 0.4), Bar("flat", 0.0), Bar("down", -0.2)]
    root = parse(bar_chart(bars, title="Tone", value_format=fmt_signed, hints=("negative", "positive")))
    zero = float(with_class(root, "axis-zero", "line")[0].get("x1"))
    up, flat, down = with_class(root, "bar", "rect")
    assert float(up.get("x")) == pytest.approx(zero, abs=0.1) and float(up.get("width")) > 0
    assert float(down.get("x")) + float(down.get("width")) == pytest.approx(zero, abs=0.1)
    assert float(flat.get("width")) == 0
    assert {"+0.40", "−0.20", "← negative", "positive →"} <= set(texts(root))


def test_bar_chart_escapes_and_truncates_labels():
    root = parse(bar_chart([Bar(HOSTILE, 1)], title=HOSTILE, label_chars=12))
    assert HOSTILE_CLEAN in texts(root)  # the title, whole
    assert "A & B <scri…" in texts(root)  # the label, cut
    assert any(t.startswith(HOSTILE_CLEAN) for t in tooltips(root))  # the tooltip, whole


def test_bar_chart_empty_and_single():
    assert NO_DATA in texts(parse(bar_chart([], title="Nothing")))
    root = parse(bar_chart([Bar("alone", 0)], title="Zero"))
    assert len(with_class(root, "bar", "rect")) == 1


# --- stacked bars ----------------------------------------------------------------------------


def test_stacked_bars_stack_non_zero_segments():
    series = [("committed", [3, 0, 1, 0, 2], "#59a14f"), ("rejected", [1, 2, 0, 0, 0], None)]
    root = parse(stacked_bars(DAYS, series, title="Outcomes"))
    segments = with_class(root, "segment", "rect")
    assert len(segments) == 5  # zeros draw nothing
    assert [s.get("data-series") for s in segments] == ["committed", "rejected", "rejected", "committed", "committed"]
    first_day = [s for s in segments if "Mar 10" in s.find(f"{SVG}title").text]
    committed, rejected = first_day
    assert float(rejected.get("y")) + float(rejected.get("height")) == pytest.approx(float(committed.get("y")), abs=0.1)
    assert "Mar 10 · committed: 3 of 4" in tooltips(root)
    assert len(with_class(root, "column")) == 5
    assert len(with_class(root, "legend-item")) == 2


def test_stacked_bars_empty_one_and_mismatched():
    assert NO_DATA in texts(parse(stacked_bars([], [], title="None")))
    assert "empty" in parse(stacked_bars(DAYS, [("a", [0] * 5, None)], title="Zeros")).get("class")
    root = parse(stacked_bars(["only"], [("a", [4], None)], title="One"))
    assert len(with_class(root, "segment")) == 1 and "only" in texts(root)
    with pytest.raises(ValueError, match="series 'a' has 2 values for 5 categories"):
        stacked_bars(DAYS, [("a", [1, 2], None)], title="Bad")


def test_charts_are_deterministic():
    def draw() -> str:
        return "".join((
            line_chart([Series("a", [(d, i * 1.5) for i, d in enumerate(DAYS)])], title="t", area=True),
            bar_chart([Bar("x", 1.25), Bar("y", -3)], title="b"),
            stacked_bars(DAYS, [("s", [1, 2, 3, 4, 5], None)], title="s"),
            empty_chart("e"),
        ))

    assert draw() == draw()


# --- the report's pure parts ---------------------------------------------------------------------


def test_parse_since():
    assert parse_since("7d") == timedelta(days=7)
    assert parse_since("24h") == timedelta(hours=24)
    assert parse_since(" 2W ") == timedelta(weeks=2)
    assert parse_since("2026-01-01") == date(2026, 1, 1)
    assert parse_since("all") is None
    for bad in ("0d", "7", "yesterday", "2026-13-01", "-3d", ""):
        with pytest.raises(ValueError, match="is not a period: use 24h, 7d"):
            parse_since(bad)


def test_resolve_period():
    now = datetime(2026, 3, 9, 12, tzinfo=UTC)
    week = resolve_period(timedelta(days=7), now)
    assert (week.start, week.end, week.label) == (datetime(2026, 3, 2, 12, tzinfo=UTC), now, "last 7 days")
    assert resolve_period(timedelta(hours=24), now).label == "last 24 hours"
    day = resolve_period(date(2026, 3, 1), now)
    assert day.start == datetime(2026, 3, 1, tzinfo=UTC) and day.label == "since 2026-03-01"
    assert day.describe() == "Mar 1, 2026 00:00 → Mar 9, 2026 12:00 UTC"
    assert resolve_period(None, now).start is None
    with pytest.raises(ValueError, match="future"):
        resolve_period(date(2026, 3, 10), now)


def test_buckets_and_pivot():
    assert choose_bucket(date(2026, 1, 1), date(2026, 3, 1)) == "day"
    assert choose_bucket(date(2025, 1, 1), date(2026, 3, 1)) == "week"
    assert choose_bucket(date(2020, 1, 1), date(2026, 3, 1)) == "month"
    assert bucket_range(date(2025, 11, 15), date(2026, 2, 3), "month") == [
        date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
    assert bucket_range(date(2026, 3, 11), date(2026, 3, 17), "week") == [date(2026, 3, 9), date(2026, 3, 16)]
    rows = [(DAYS[0], "en", 2), (DAYS[0], "fr", 1), (DAYS[2], "de", 4), (None, "en", 9), (date(2020, 1, 1), "en", 5)]
    assert pivot(rows, DAYS, "day", keys=["en"], other="other") == {"en": [2, 0, 0, 0, 0], "other": [1, 0, 4, 0, 0]}
    assert pivot(rows, DAYS, "day", keys=["en", "it"]) == {"en": [2, 0, 0, 0, 0], "it": [0] * 5}


NOW = datetime(2026, 3, 14, 12, tzinfo=UTC)
LAKE = LakeInfo("s3://newslake/lake", "http://127.0.0.1:8333", "1.1", {"articles": "1.1"}, {"articles": 3}, "0.1.0")


def sample_data(**changes) -> ReportData:
    period = resolve_period(date(2026, 3, 10), NOW)
    data = dict(
        articles=6, outlets=3, languages=2, undated=1,
        by_language=[(DAYS[0], "en", 2), (DAYS[1], "en", 1), (DAYS[1], "fr", 1), (DAYS[3], None, 2)],
        outlet_totals=[("a.example", 3), ("b.example", 2)],
        by_outlet=[(DAYS[0], "a.example", 2), (DAYS[1], "a.example", 1), (DAYS[1], "b.example", 2)],
        entities=[EntityRow("PLACE", "Iran", "IR", 3, 14), EntityRow("PERSON", HOSTILE, None, 1, 2)],
        tone_by_outlet=[ToneRow("a.example", 3, 0.2, 0.1, 0.05), ToneRow("b.example", 2, -0.1, None, None)],
        tone_daily=[(DAYS[0], 2, 0.1), (DAYS[1], 3, -0.05)], tone_scored=5, tone_outlets=2,
        unscored_languages=[("fr", 1)],
        clusters=[ClusterRow("c1", HOSTILE, "javascript:alert(1)", 2, 3, ["a.example", "b.example"],
                             datetime(2026, 3, 10, 8, tzinfo=UTC), datetime(2026, 3, 11, 9, tzinfo=UTC))],
        multi_article_clusters=1,
        ingest_daily=[(DAYS[0], "committed", 3), (DAYS[0], "rejected", 1), (DAYS[2], "duplicate", 2)],
        ingest_totals={"objects": 6, "runs": 2, "articles_new": 6, "articles_duplicate": 2, "records_rejected": 1},
        rejects_daily=[(DAYS[0], "parse", 1)], rejects_total=1,
        reasons=[ReasonRow("parse", "JSONDecodeError", 1, 1, "not valid JSON <here>", "broken.json", NOW)],
    )
    return ReportData(period, NOW, LAKE, **(data | changes))


def page_tree(page: str) -> ET.Element:
    assert page.startswith("<!DOCTYPE html>")
    return ET.fromstring(page)  # the page is well-formed XML (XHTML syntax)


def figure(root: ET.Element, figure_id: str) -> ET.Element:
    found = [el for el in root.iter(f"{XHTML}figure") if el.get("id") == figure_id]
    assert len(found) == 1, figure_id
    return found[0]


def test_render_report_draws_every_section():
    page = render_report(sample_data())
    assert page == render_report(sample_data())  # pure
    root = page_tree(page)
    sections = [el.get("id") for el in root.iter(f"{XHTML}section")]
    assert sections == ["overview", "coverage", "entities", "map", "tone", "stories", "ingestion"]
    coverage = figure(root, "chart-coverage-language")
    assert len(with_class(coverage, "segment")) == 4  # Mar 10 en, Mar 11 en + fr, Mar 13 unknown
    assert len(with_class(figure(root, "chart-outlet-1"), "point")) == 5  # a.example, every day Mar 10–14
    assert len(with_class(figure(root, "chart-entities-place"), "bar")) == 1
    assert "empty" in figure(root, "chart-entities-org").find(f"{SVG}svg").get("class")
    tone = with_class(figure(root, "chart-tone-outlets"), "bar")
    assert len(tone) == 2
    assert len(with_class(figure(root, "chart-tone-timeline"), "point")) == 2
    assert len(with_class(figure(root, "chart-ingest-outcomes"), "segment")) == 3
    assert len(with_class(figure(root, "chart-rejects-daily"), "segment")) == 1
    assert "English articles only" in "".join(root.itertext())
    text = "".join(root.itertext())
    assert HOSTILE_CLEAN in text and "<script>" not in page and "javascript:" not in page  # escaped, unsafe link dropped
    header = "".join(next(root.iter(f"{XHTML}header")).itertext())
    for expected in ("Mar 10, 2026 00:00 → Mar 14, 2026 12:00 UTC", "s3://newslake/lake", "version 1.1", "Generated"):
        assert expected in header


def test_render_report_on_an_empty_lake_says_no_data_everywhere():
    period = resolve_period(timedelta(days=7), NOW)
    root = page_tree(render_report(ReportData(period, NOW, LAKE)))
    empties = [el for el in root.iter(f"{XHTML}p") if el.get("class") == "empty"]
    assert len(empties) == 6 and all(el.text == "No data for this period." for el in empties)
    assert root.find(f".//{SVG}svg") is None
    assert "English articles only" in "".join(root.itertext())


def test_the_page_references_nothing_outside_itself():
    page = render_report(sample_data(clusters=[ClusterRow("c", "t", "https://a.example/x", 2, 2, [], NOW, NOW)]))
    root = page_tree(page)
    assert not list(root.iter(f"{XHTML}script")) and not list(root.iter(f"{XHTML}img")) and not list(root.iter(f"{XHTML}link"))
    assert "@import" not in page and "url(" not in page and " src=" not in page
    links = [el.get("href") for el in root.iter(f"{XHTML}a")]
    assert "https://a.example/x" in links  # plain links to the articles, which load nothing
