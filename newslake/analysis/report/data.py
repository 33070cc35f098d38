"""What the report shows, as plain values: the rows the queries return and the page is
drawn from. Keeping them plain is what lets the page be rendered, and tested, without a lake."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from newslake.analysis.report.period import Period

# How many of each the page lists: the queries fetch no more, the page says so.
TOP_LANGUAGES = 5
TOP_OUTLETS = 6
TOP_ENTITIES = 10
TOP_TONE_OUTLETS = 15
TOP_CLUSTERS = 15
TOP_REASONS = 10
TOP_PLACES = 150


class EntityRow(NamedTuple):
    type: str
    entity: str
    country_code: str | None
    articles: int
    mentions: int


class PlaceRow(NamedTuple):
    name: str
    latitude: float
    longitude: float
    feature_class: str | None
    country_code: str | None
    articles: int


class ToneRow(NamedTuple):
    outlet: str
    articles: int
    tone: float
    positive: float | None
    negative: float | None


class ClusterRow(NamedTuple):
    cluster_id: str
    title: str | None
    url: str | None
    outlets: int
    articles: int
    domains: list[str]
    first_seen: datetime
    last_seen: datetime


class ReasonRow(NamedTuple):
    stage: str
    error_class: str
    records: int
    objects: int
    example: str
    example_source: str | None
    last_seen: datetime


@dataclass(frozen=True)
class LakeInfo:
    """Where the lake is and which snapshot the report read."""

    location: str
    endpoint: str | None
    schema_version: str
    table_schema_versions: dict[str, str | None] = field(default_factory=dict)
    table_versions: dict[str, int] = field(default_factory=dict)
    pipeline_version: str = ""


@dataclass(frozen=True)
class ReportData:
    """Everything the page shows, as plain values: what :func:`render_report` needs."""

    period: Period
    generated_at: datetime
    lake: LakeInfo
    articles: int = 0
    undated: int = 0
    outlets: int = 0
    languages: int = 0
    by_language: list[tuple[date, str | None, int]] = field(default_factory=list)
    outlet_totals: list[tuple[str, int]] = field(default_factory=list)
    by_outlet: list[tuple[date, str, int]] = field(default_factory=list)
    entities: list[EntityRow] = field(default_factory=list)
    places: list[PlaceRow] = field(default_factory=list)
    tone_by_outlet: list[ToneRow] = field(default_factory=list)
    tone_daily: list[tuple[date, int, float]] = field(default_factory=list)
    tone_scored: int = 0
    tone_outlets: int = 0
    unscored_languages: list[tuple[str | None, int]] = field(default_factory=list)
    clusters: list[ClusterRow] = field(default_factory=list)
    multi_article_clusters: int = 0
    ingest_daily: list[tuple[date, str, int]] = field(default_factory=list)
    ingest_totals: dict[str, int] = field(default_factory=dict)
    rejects_daily: list[tuple[date, str, int]] = field(default_factory=list)
    rejects_total: int = 0
    reasons: list[ReasonRow] = field(default_factory=list)
