"""The sections of the report page (pure): each takes the :class:`ReportData` and returns
its ``<section>``, with a message instead of charts when the period has no data for it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date

from newslake.analysis.charts import (
    PALETTE,
    Bar,
    Series,
    bar_chart,
    escape,
    fmt_number,
    fmt_signed,
    line_chart,
    stacked_bars,
    truncate,
)
from newslake.analysis.report.blocks import NO_DATA, empty, figure, kpi, language_name, plural, section
from newslake.analysis.report.buckets import Timeline, bucket_start, day_span
from newslake.analysis.report.data import TOP_ENTITIES, TOP_LANGUAGES, ClusterRow, EntityRow, ReasonRow, ReportData, ToneRow
from newslake.analysis.report.labels_data import ENTITY_TYPES, OUTCOME_COLORS, STAGE_COLORS
from newslake.analysis.report.period import fmt_time

_OTHER = "__other__"
_TONE_NOTE = ("Tone is scored for <strong>English articles only</strong>, with VADER (a lexicon for English): the compound "
              "score from −1 (negative) to +1 (positive), averaged over paragraphs. Articles in other languages have no "
              "tone and are left out here.")


def overview_section(data: ReportData) -> str:
    """The headline numbers, as cards above the first section."""
    ingest = data.ingest_totals
    cards = [
        kpi("Articles", data.articles, f"+ {fmt_number(data.undated)} undated" if data.undated else "published"),
        kpi("Outlets", data.outlets),
        kpi("Languages", data.languages),
        kpi("Stories on 2+ articles", data.multi_article_clusters),
        kpi("Objects ingested", ingest.get("objects", 0), f"{fmt_number(ingest.get('runs', 0))} runs"),
        kpi("Rejected records", data.rejects_total),
    ]
    return f'<section id="overview" class="kpis">{"".join(cards)}</section>'


# --- coverage ----------------------------------------------------------------------------------


def coverage_section(data: ReportData) -> str:
    """How much was published when, in which languages, and by the biggest outlets."""
    span = day_span(data.period, (d for d, _, _ in data.by_language))
    if span is None:
        note = (f" {plural(data.undated, 'article')} without a publication time {'was' if data.undated == 1 else 'were'} "
                "ingested in it." if data.undated else "")
        return section("coverage", "Coverage", empty(NO_DATA + note))
    timeline = Timeline.spanning(*span)
    body = _language_chart(data, timeline)
    if data.outlet_totals:
        body += _outlet_multiples(data, timeline)
    return section("coverage", "Coverage", body)


def _top_languages(rows: Sequence[tuple[date, str | None, int]]) -> list[str]:
    """The languages with the most articles (ties by code), the unknown one aside."""
    totals: dict[str | None, int] = defaultdict(int)
    for _, language, n in rows:
        totals[language] += n
    ranked = sorted(totals, key=lambda k: (-totals[k], k is None, k or ""))
    return [k for k in ranked if k is not None][:TOP_LANGUAGES]


def _language_chart(data: ReportData, timeline: Timeline) -> str:
    """Articles per bucket stacked by language: the top languages, the rest as one grey segment."""
    top = _top_languages(data.by_language)
    by_lang = timeline.pivot(data.by_language, keys=top, other=_OTHER)
    series = [(language_name(k), by_lang[k], PALETTE[i % len(PALETTE)]) for i, k in enumerate(top)]
    if _OTHER in by_lang:
        series.append(("other / unknown", by_lang[_OTHER], "#bab0ab"))
    subtitle = f"By language of the text (top {TOP_LANGUAGES}); {timeline.note}, by publication time."
    chart = stacked_bars(timeline.buckets, series, title=f"Articles {timeline.per}", subtitle=subtitle, width=1040,
                         height=280, x_format=timeline.label)
    caption = (f"{plural(data.undated, 'article')} ingested in the period {'has' if data.undated == 1 else 'have'} "
               f"no publication time and {'is' if data.undated == 1 else 'are'} not shown." if data.undated else "")
    return figure("chart-coverage-language", chart, caption, wide=True)


def _outlet_multiples(data: ReportData, timeline: Timeline) -> str:
    """Small multiples of the top outlets, on one y scale so their sizes compare."""
    by_outlet = timeline.pivot(data.by_outlet)
    y_max = max((max(v) for v in by_outlet.values()), default=0)
    parts = [f'<h3>Top outlets</h3><p class="lede">Articles {timeline.per} for the {len(data.outlet_totals)} '
             f'outlets with the most articles in the period (of {fmt_number(data.outlets)}), on the same scale.</p>',
             '<div class="grid grid-3">']
    for i, (name, total) in enumerate(data.outlet_totals):
        values = by_outlet.get(name, [0.0] * len(timeline.buckets))
        svg = line_chart(
            [Series(name, list(zip(timeline.buckets, values)), PALETTE[i % len(PALETTE)])],
            title=truncate(name, 40), subtitle=plural(total, "article"), width=340, height=170,
            area=True, y_max=y_max, show_points=len(timeline.buckets) <= 31, x_format=timeline.label,
        )
        parts.append(figure(f"chart-outlet-{i + 1}", svg))
    parts.append("</div>")
    return "".join(parts)


# --- entities ----------------------------------------------------------------------------------


def entities_section(data: ReportData) -> str:
    """Who and what the news named most: one bar chart per entity type."""
    if not data.entities:
        return section("entities", "Top entities", empty())
    lede = (f'<p class="lede">Entities named in the most articles published in the period (top {TOP_ENTITIES} of each '
            "type; named-entity recognition runs where a model exists for the language).</p>")
    charts = "".join(_entity_chart(data.entities, kind, label, color) for kind, label, color in ENTITY_TYPES)
    return section("entities", "Top entities", f'{lede}<div class="grid grid-2">{charts}</div>')


def _entity_chart(entities: Sequence[EntityRow], kind: str, label: str, color: str) -> str:
    """The top entities of one type; an empty chart when there are none, so the grid keeps its shape."""
    bars = [
        Bar(row.entity + (f" ({row.country_code})" if row.country_code else ""), row.articles,
            tooltip=f"{row.entity}{f' ({row.country_code})' if row.country_code else ''}: {fmt_number(row.articles)} "
                    f"articles, {fmt_number(row.mentions)} mentions")
        for row in entities if row.type == kind
    ]
    svg = bar_chart(bars, title=label, subtitle="articles naming each", width=500, color=color, label_chars=30)
    return figure(f"chart-entities-{kind.lower()}", svg)


# --- tone --------------------------------------------------------------------------------------


def tone_section(data: ReportData) -> str:
    """Tone by outlet and over time, led by a note on what the score covers (English only)."""
    body = f'<p class="note">{_tone_note(data.unscored_languages)}</p>'
    if not data.tone_by_outlet:
        return section("tone", "Tone by outlet", body + empty())
    return section("tone", "Tone by outlet", body + _tone_by_outlet(data) + _tone_timeline(data))


def _tone_note(unscored_languages: Sequence[tuple[str | None, int]]) -> str:
    """Why most articles have no tone, and which languages went unscored: the reader
    should not take an English-only average for all of the news."""
    unscored = ", ".join(f"{language_name(lang)} {fmt_number(n)}" for lang, n in unscored_languages[:6])
    more = " …" if len(unscored_languages) > 6 else ""
    return _TONE_NOTE + (f" Without a score in this period: {escape(unscored)}{more}." if unscored else "")


def _tone_bar(row: ToneRow) -> Bar:
    split = (f" (positive {row.positive:.2f}, negative {row.negative:.2f})"
             if row.positive is not None and row.negative is not None else "")
    tooltip = f"{row.outlet}: average tone {fmt_signed(row.tone, 3)} over {fmt_number(row.articles)} English articles{split}"
    return Bar(row.outlet, row.tone, note=f"n={fmt_number(row.articles)}", tooltip=tooltip)


def _tone_by_outlet(data: ReportData) -> str:
    """Average tone per outlet, most positive first, diverging about zero."""
    rows = sorted(data.tone_by_outlet, key=lambda r: (-r.tone, r.outlet))
    shown = len(rows)
    subtitle = (f"Mean compound score per outlet; n = articles scored ({plural(data.tone_scored, 'English article')} in all"
                + (f"; the {shown} of {fmt_number(data.tone_outlets)} outlets with the most are shown)"
                   if data.tone_outlets > shown else ")"))
    svg = bar_chart([_tone_bar(row) for row in rows], title="Average tone", subtitle=subtitle, width=1040,
                    value_format=lambda v: fmt_signed(v, 2), label_chars=36, hints=("more negative", "more positive"))
    return figure("chart-tone-outlets", svg, wide=True)


def _weighted_tone(rows: Sequence[tuple[date, int, float]], timeline: Timeline) -> list[tuple[date, float]]:
    """Daily averages merged per bucket, weighted by their article counts (a busy day
    counts for more); buckets without scored articles are left out."""
    sums: dict[date, list[float]] = {}
    for day, n, avg in rows:
        total = sums.setdefault(bucket_start(day, timeline.bucket), [0.0, 0.0])
        total[0] += n * avg
        total[1] += n
    return [(b, sums[b][0] / sums[b][1]) for b in timeline.buckets if b in sums]


def _tone_timeline(data: ReportData) -> str:
    """The average tone over time (nothing when no article was scored)."""
    span = day_span(data.period, (d for d, _, _ in data.tone_daily))
    if span is None:
        return ""
    timeline = Timeline.spanning(*span)
    points = _weighted_tone(data.tone_daily, timeline)
    svg = line_chart([Series("average tone", points, "#4e79a7")], title=f"Average tone {timeline.per}, all outlets",
                     subtitle=f"English articles, weighted by article; {timeline.note}; days without scored articles are skipped.",
                     width=1040, height=220, integer=False, value_format=lambda v: fmt_signed(v, 2),
                     x_range=(timeline.buckets[0], timeline.buckets[-1]), x_format=timeline.label)
    return figure("chart-tone-timeline", svg, wide=True)


# --- stories -----------------------------------------------------------------------------------


def clusters_section(data: ReportData) -> str:
    """The stories carried most widely, as a table linking to one article of each."""
    if not data.clusters:
        message = "No story was carried by more than one article in this period." if data.articles else NO_DATA
        return section("stories", "Top stories", empty(message))
    lede = (f'<p class="lede">Story clusters — near-duplicate articles: the same story across outlets, wire copy, '
            f'syndication — seen in the period, widest first ({len(data.clusters)} of '
            f'{fmt_number(data.multi_article_clusters)} with two or more articles). Counts cover the whole lake.</p>')
    head = ('<table class="clusters"><thead><tr><th>Story</th><th>Carried by</th><th class="num">Outlets</th>'
            '<th class="num">Articles</th><th>First seen</th><th>Last seen</th></tr></thead><tbody>')
    rows = "".join(_cluster_row(row) for row in data.clusters)
    return section("stories", "Top stories", f"{lede}{head}{rows}</tbody></table>")


def _cluster_row(row: ClusterRow) -> str:
    """One story: its title (a link only for http(s) URLs: no ``javascript:``), the first
    outlets carrying it, counts and when it was seen."""
    title = escape(truncate(row.title or "(untitled)", 140))
    if row.url and row.url.startswith(("http://", "https://")):
        title = f'<a href="{escape(row.url)}" rel="noopener noreferrer">{title}</a>'
    shown = row.domains[:4]
    tags = "".join(f'<span class="tag">{escape(d)}</span>' for d in shown)
    if len(row.domains) > len(shown):
        tags += f'<span class="more">+{len(row.domains) - len(shown)}</span>'
    return (
        f'<tr><td class="story">{title}</td><td class="domains">{tags}</td><td class="num">{fmt_number(row.outlets)}</td>'
        f'<td class="num">{fmt_number(row.articles)}</td><td class="when">{escape(fmt_time(row.first_seen))}</td>'
        f'<td class="when">{escape(fmt_time(row.last_seen))}</td></tr>'
    )


# --- ingestion health --------------------------------------------------------------------------


def ingestion_section(data: ReportData) -> str:
    """Whether ingestion is healthy: outcomes per bucket, rejects by stage, and why records were rejected."""
    days = [d for d, _, _ in data.ingest_daily] + [d for d, _, _ in data.rejects_daily]
    span = day_span(data.period, days)
    if span is None:
        return section("ingestion", "Ingestion health", empty())
    timeline = Timeline.spanning(*span)
    body = _ingest_lede(data.ingest_totals) + _outcomes_chart(data, timeline) + _rejects_chart(data, timeline)
    if data.reasons:
        body += _reasons(data.reasons)
    return section("ingestion", "Ingestion health", body)


def _ingest_lede(totals: Mapping[str, int]) -> str:
    return (
        f'<p class="lede">{fmt_number(totals.get("objects", 0))} landed objects processed in '
        f'{fmt_number(totals.get("runs", 0))} runs: {fmt_number(totals.get("articles_new", 0))} new articles, '
        f'{fmt_number(totals.get("articles_duplicate", 0))} already in the lake, '
        f'{fmt_number(totals.get("records_rejected", 0))} records rejected.</p>'
    )


def _ordered_series(values: Mapping[str, list[float]], colors: Mapping[str, str]) -> list[tuple[str, list[float], str | None]]:
    """Stacked series in the colour table's order (so a kind sits at the same height on
    every report), then any kind the table does not know, by name."""
    order = [k for k in colors if k in values] + sorted(k for k in values if k not in colors)
    return [(k, values[k], colors.get(k)) for k in order]


def _outcomes_chart(data: ReportData, timeline: Timeline) -> str:
    series = _ordered_series(timeline.pivot(data.ingest_daily), OUTCOME_COLORS)
    svg = stacked_bars(timeline.buckets, series, title=f"Landed objects {timeline.per}, by outcome",
                       subtitle=f"ingest_log: each object once per run; {timeline.note}, by time logged.", width=1040,
                       height=260, x_format=timeline.label)
    return figure("chart-ingest-outcomes", svg, wide=True)


def _rejects_chart(data: ReportData, timeline: Timeline) -> str:
    series = _ordered_series(timeline.pivot(data.rejects_daily), STAGE_COLORS)
    svg = stacked_bars(timeline.buckets, series, title=f"Rejected records {timeline.per}, by stage",
                       subtitle=f"rejects: inputs that could not become articles; {timeline.note}.", width=1040, height=220,
                       x_format=timeline.label, empty_message="Nothing was rejected in this period.")
    return figure("chart-rejects-daily", svg, wide=True)


def _reasons(reasons: Sequence[ReasonRow]) -> str:
    """The most common reasons for rejection: a chart to compare them, a table with the
    latest example of each to act on."""
    bars = [Bar(f"{r.stage} · {r.error_class}", r.records, note=f"({fmt_number(r.objects)} {'object' if r.objects == 1 else 'objects'})",
                color=STAGE_COLORS.get(r.stage, PALETTE[0]),
                tooltip=f"{r.stage} · {r.error_class}: {fmt_number(r.records)} records from {fmt_number(r.objects)} objects")
            for r in reasons]
    svg = bar_chart(bars, title="Top reject reasons", subtitle="rejected records by stage and error class",
                    width=1040, label_chars=48)
    head = ('<table class="reasons"><thead><tr><th>Stage</th><th>Error</th><th class="num">Records</th>'
            '<th>Latest example</th><th>Last seen</th></tr></thead><tbody>')
    rows = "".join(_reason_row(r) for r in reasons)
    return f"{figure('chart-reject-reasons', svg, wide=True)}{head}{rows}</tbody></table>"


def _reason_row(r: ReasonRow) -> str:
    source = f'<div class="source">{escape(truncate(r.example_source, 100))}</div>' if r.example_source else ""
    return (
        f'<tr><td>{escape(r.stage)}</td><td><code>{escape(r.error_class)}</code></td>'
        f'<td class="num">{fmt_number(r.records)}</td><td class="example">{escape(truncate(r.example, 200))}{source}</td>'
        f'<td class="when">{escape(fmt_time(r.last_seen))}</td></tr>'
    )
