"""Every URL of the app: (path, handler, methods). See docs/web.md for what each shows."""

from __future__ import annotations

from newslake.web import pages, tools

GET = ["GET", "HEAD"]

ROUTES = [
    ("/", pages.search, GET),
    ("/search", pages.search, GET),
    ("/articles/{article_id}", pages.article, GET),
    ("/raw", pages.raw_object, GET),
    ("/entity", pages.entity, GET),
    ("/clusters/{cluster_id}", pages.cluster, GET),
    ("/report", pages.report, GET),
    ("/sql", tools.sql, GET),
    ("/sql.{fmt}", tools.sql_download, GET),
    ("/analyses", tools.analyses, GET),
    ("/analyses/{name}.{fmt}", tools.analysis_download, GET),
    ("/analyses/{name}", tools.analysis, GET),
    ("/ingestion", tools.ingestion, GET),
    ("/ingestion/retry", tools.retry, ["POST"]),
    ("/ingestion/jobs/{job_id}", tools.job, GET),
    ("/runs/{run_id}", tools.run, GET),
    ("/login", tools.login, ["GET", "POST"]),
    ("/health", pages.health, GET),
]
