"""Derived views: the questions most analyses start from, as SQL over the lake's tables.

They are plain SQL over ``articles`` and ``mentions`` by name, so the same definitions
work over the live lake views (:func:`newslake.query.connect`) and over the tables of a
materialized export, and need no extension beyond what every DuckDB build has (ICU).
Days are UTC calendar days whatever the session's time zone (``timezone('UTC', …)``).
Documented, with example queries, in ``docs/analysis.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

COOCCURRENCE_TYPES = ("PERSON", "ORG", "PLACE")
COOCCURRENCE_TOP_ENTITIES = 25
"""Pairs are formed among each article's most-mentioned entities only: an article
listing 200 places would otherwise add 20,000 pairs on its own."""


@dataclass(frozen=True)
class DerivedView:
    name: str
    description: str
    sql: str


DAILY_COVERAGE = DerivedView(
    "daily_coverage",
    "Articles per UTC publication day, outlet (domain, site name) and language.",
    """
SELECT timezone('UTC', published_at)::DATE AS day,
       domain,
       site_name,
       language,
       count(*) AS articles
FROM articles
GROUP BY ALL
""",
)

ENTITY_MENTIONS_DAILY = DerivedView(
    "entity_mentions_daily",
    "Per UTC day and entity: articles mentioning it and total mentions.",
    """
SELECT timezone('UTC', published_at)::DATE AS day,
       entity,
       type,
       mode(country_code) AS country_code,
       count(DISTINCT article_id) AS articles,
       sum(count)::BIGINT AS mentions
FROM mentions
GROUP BY ALL
""",
)

_TYPES = ", ".join(f"'{t}'" for t in COOCCURRENCE_TYPES)

ENTITY_COOCCURRENCE = DerivedView(
    "entity_cooccurrence",
    "Pairs of PERSON/ORG/PLACE entities (entity_a < entity_b) and the articles naming both.",
    f"""
WITH ranked AS (
    SELECT article_id, entity, type, published_at
    FROM mentions
    WHERE type IN ({_TYPES})
    QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY count DESC, entity, type) <= {COOCCURRENCE_TOP_ENTITIES}
)
SELECT a.entity AS entity_a,
       a.type AS type_a,
       b.entity AS entity_b,
       b.type AS type_b,
       count(*) AS articles,
       min(a.published_at) AS first_seen,
       max(a.published_at) AS last_seen
FROM ranked AS a
JOIN ranked AS b ON a.article_id = b.article_id AND a.entity < b.entity
GROUP BY ALL
""",
)

STORY_CLUSTERS = DerivedView(
    "story_clusters",
    "Story clusters (near-duplicate articles across outlets): size, outlets, first/last seen, a title.",
    """
SELECT coalesce(cluster_id, article_id) AS cluster_id,
       coalesce(
           max(title) FILTER (WHERE article_id = coalesce(cluster_id, article_id)),
           arg_min(title, coalesce(published_at, ingested_at)) FILTER (WHERE title IS NOT NULL)
       ) AS title,
       count(*) AS articles,
       count(DISTINCT coalesce(domain, site_name)) AS outlets,
       list(DISTINCT domain ORDER BY domain) FILTER (WHERE domain IS NOT NULL) AS domains,
       min(coalesce(published_at, ingested_at)) AS first_seen,
       max(coalesce(published_at, ingested_at)) AS last_seen
FROM articles
GROUP BY 1
""",
)

ENTITIES = DerivedView(
    "entities",
    "One row per canonical entity: id, name, type, the surface forms it was written as, "
    "country, first and last seen, articles and mentions, languages.",
    """
WITH m AS (
    SELECT coalesce(entity_id, lower(type) || ':' || md5(type || '|' || lower(entity))[1:16]) AS entity_id,
           entity, type, article_id, count, offsets, country_code, published_at, language
    FROM mentions
),
named AS (
    SELECT entity_id,
           arg_max(entity, published_at) AS name,
           arg_max(type, published_at) AS type,
           mode(country_code) AS country_code,
           min(published_at) AS first_seen,
           max(published_at) AS last_seen,
           count(DISTINCT article_id) AS article_count,
           sum(count)::BIGINT AS mention_count,
           list(DISTINCT language ORDER BY language) FILTER (WHERE language IS NOT NULL) AS languages
    FROM m
    GROUP BY entity_id
),
surfaces AS (
    SELECT m.entity_id,
           list(DISTINCT substr(a.body, o.start + 1, o."end" - o.start) ORDER BY 1) AS aliases
    FROM (SELECT entity_id, article_id, unnest(offsets) AS o FROM m) AS m
    JOIN articles AS a USING (article_id)
    GROUP BY m.entity_id
)
SELECT n.entity_id, n.name, n.type,
       list_distinct(list_concat([n.name], coalesce(s.aliases, []))) AS aliases,
       n.country_code, n.first_seen, n.last_seen, n.article_count, n.mention_count, n.languages
FROM named AS n LEFT JOIN surfaces AS s USING (entity_id)
""",
)

DERIVED_VIEWS: tuple[DerivedView, ...] = (
    DAILY_COVERAGE, ENTITY_MENTIONS_DAILY, ENTITY_COOCCURRENCE, STORY_CLUSTERS, ENTITIES,
)
