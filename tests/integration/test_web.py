"""``newslake web`` end to end, over HTTP: a lake of its own (the examples, the seed article
and 1,500 synthetic articles), the real command serving it, and every page asked for the
way a browser asks — search with facets, articles and their raw objects, entities,
stories, SQL with downloads, saved analyses, the report, ingestion and re-running
rejects — plus what must be refused: writes, file reads, malformed requests, unknown ids.

The browser tests (test_web_browser.py) drive the same server.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pyarrow.parquet as pq
import pytest

from newslake.core.lake import merge
from newslake.stack.processes import free_port
from schemas import TABLES
from tests.conftest import EXAMPLES
from tests.integration.helpers import lake_in_bucket, newslake

BUCKET = "newslake-web"
SEED_TITLE = "President Putin Visit Iran To Forge New Anti-West Alliance"
SYNTHETIC = 1500
ROOT = Path(__file__).resolve().parents[2]


class WebServer:
    """``newslake web`` as a child process on a free port, for the lake in ``BUCKET``."""

    def __init__(self, settings, bucket: str) -> None:
        self.settings = settings
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = Path(settings.state_dir) / f"web-{bucket}.log"
        env = {**os.environ, "NEWSLAKE_BUCKET": bucket, "PREFECT_LOGGING_LEVEL": "WARNING"}
        # `newslake web`; the module is imported first, so the command exists before it is registered in newslake.cli
        command = [sys.executable, "-c", "import newslake.cli.web_commands; from newslake.cli import app; app()",
                   "web", "--port", str(self.port)]
        self.process = subprocess.Popen(command, env=env, stdout=self.log.open("w"), stderr=subprocess.STDOUT,
                                        cwd=ROOT, start_new_session=True)
        self.client = httpx.Client(base_url=self.url, timeout=120)

    def wait_until_ready(self, timeout: float = 600) -> None:
        """Serving, and the search index built (the first search answers 200, not 503)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"newslake web exited {self.process.returncode}:\n{self.log.read_text()}")
            try:
                if self.client.get("/search", params={"q": "harbour"}).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.5)
        raise AssertionError(f"newslake web was not ready in {timeout:g} s:\n{self.log.read_text()}")

    def stop(self) -> None:
        self.client.close()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)


def _synthetic(isolated, count: int) -> None:
    """Synthetic articles of the last 30 days with their mentions, quotes and figures (no
    ingest log or rejects: those stay the real ones of the examples)."""
    from bench.synthetic import NewsGenerator
    from bench.web import synthetic_chunks

    generator = NewsGenerator(count, 20261201, end=datetime.now(UTC), days=30, chunk_size=count - count % 250)
    for chunk in synthetic_chunks(generator):
        for name in ("mentions", "quotes", "figures", "articles"):
            merge(isolated, name, chunk[name].cast(TABLES[name].schema))


def build_web_lake(settings, seed_path: Path):
    """The lake of these tests, in its own bucket: built by the first module that needs it in a
    session (test_web_browser.py uses it too), found in place by the next."""
    from newslake.core.lake import read_columns

    isolated = lake_in_bucket(settings, BUCKET)
    if read_columns(isolated, "articles", ["article_id"]).num_rows < SYNTHETIC:
        newslake("ingest", str(EXAMPLES), str(seed_path), bucket=BUCKET)
        _synthetic(isolated, SYNTHETIC)
    return isolated


@contextmanager
def serving(lake) -> Iterator[WebServer]:
    server = WebServer(lake, BUCKET)
    try:
        server.wait_until_ready()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def web_lake(settings, local_stack, seed_path):
    return build_web_lake(settings, seed_path)


@pytest.fixture(scope="module")
def web(web_lake):
    with serving(web_lake) as server:
        yield server


def _text(response: httpx.Response) -> str:
    return response.text.replace("&#39;", "'").replace("&#34;", '"').replace("&amp;", "&")


def _seed_id(web: WebServer) -> str:
    page = web.client.get("/search", params={"q": "Putin Iran anti-west alliance"}).text
    return re.search(r'href="/articles/([0-9a-f]{32})"', page)[1]


# ------------------------------------------------------------------ search


def test_search_ranks_the_seed_story_first_with_marked_snippets_and_facets(web):
    response = web.client.get("/search", params={"q": "Putin Iran anti-west alliance"})
    assert response.status_code == 200
    titles = re.findall(r'class="title" href="/articles/[0-9a-f]{32}">([^<]+)<', response.text)
    assert titles[0] == SEED_TITLE
    assert "<mark>" in response.text
    for facet in ("facet-lang", "facet-domain", "facet-entity", "facet-time"):
        assert f'id="{facet}"' in response.text
    assert 'rel="next"' in response.text  # more than one page of results


def test_facets_narrow_the_search(web):
    everything = web.client.get("/search", params={"q": "harbour"})
    total = int(re.search(r'id="result-count">\s*([\d,]+)', everything.text)[1].replace(",", ""))
    narrowed = web.client.get("/search", params={"q": "harbour", "lang": "fr"})
    assert narrowed.status_code == 200
    shown = re.search(r'id="result-count">\s*([\d,]+)', narrowed.text)
    assert shown is None or int(shown[1].replace(",", "")) < total
    assert 'title="remove">French (fr) ✕' in narrowed.text
    beyond = web.client.get("/search", params={"q": "harbour", "page": 499})
    assert beyond.status_code == 404 and "past the last page" in beyond.text


# ------------------------------------------------------------------ article, raw object, entity, cluster


def test_the_article_page_marks_entities_quotes_and_shows_provenance(web, web_lake):
    from newslake.core.storage import s3_client

    article_id = _seed_id(web)
    page = web.client.get(f"/articles/{article_id}")
    assert page.status_code == 200
    text = _text(page)
    assert SEED_TITLE in text
    assert len(re.findall(r'<a class="entity ent-person" href="/entity\?name=', page.text)) >= 3
    assert 'class="quote"' in page.text and 'id="quotes"' in page.text
    assert 'id="provenance"' in page.text and "landing/files/" in text
    raw_link = re.search(r'href="(/raw\?key=[^"]+)" id="raw-download"', page.text)[1].replace("&amp;", "&")
    raw = web.client.get(raw_link)
    assert raw.status_code == 200
    assert raw.headers["content-disposition"].startswith("attachment")
    assert raw.headers["content-type"] == "application/octet-stream"
    key = httpx.URL(raw_link).params["key"]
    stored = s3_client(web_lake).get_object(Bucket=web_lake.bucket, Key=key)["Body"].read()
    assert raw.content == stored


def test_following_an_entity(web):
    page = web.client.get(f"/articles/{_seed_id(web)}").text
    link = re.search(r'<a class="entity ent-person" href="(/entity\?name=[^"]+)"', page)[1].replace("&amp;", "&")
    entity = web.client.get(link)
    assert entity.status_code == 200
    name = httpx.URL(link).params["name"]
    assert f'id="entity-name">{name}<' in _text(entity)
    for section in ("entity-timeline", "cooccurring", "quoted", "recent"):
        assert f'id="{section}"' in entity.text
    busiest = web.client.get("/sql", params={"q": "SELECT entity, type FROM mentions WHERE published_at IS NOT NULL "
                                                  "GROUP BY ALL ORDER BY count(*) DESC LIMIT 1"}).text
    top, kind = (html.unescape(cell) for cell in re.findall(r"<td>([^<]+)</td>", busiest)[:2])
    assert "<svg" in web.client.get("/entity", params={"name": top, "type": kind}).text  # its timeline


def test_a_story_cluster(web):
    page = web.client.get("/sql", params={"q": "SELECT cluster_id FROM story_clusters WHERE articles > 1 LIMIT 1"}).text
    cluster_id = re.search(r'/clusters/([0-9a-f]{32})', page)[1]
    cluster = web.client.get(f"/clusters/{cluster_id}")
    assert cluster.status_code == 200
    assert len(re.findall(r'href="/articles/[0-9a-f]{32}"', cluster.text)) >= 2


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/articles/" + "0" * 32, 404),
        ("/clusters/" + "0" * 32, 404),
        ("/entity?name=Nobody+At+All", 404),
        ("/runs/no-such-run", 404),
        ("/raw?key=landing/files/2020/01/01/none.txt", 404),
        ("/search?q=%ff", 400),
        ("/search?from=yesterday", 400),
    ],
)
def test_unknown_ids_and_malformed_requests(web, path, status):
    response = web.client.get(path)
    assert response.status_code == status
    assert "Traceback" not in response.text and 'id="error-message"' in response.text


# ------------------------------------------------------------------ SQL and downloads


def test_sql_results_and_their_downloads_agree(web):
    statement = "SELECT language, count(*) AS articles FROM articles GROUP BY language ORDER BY articles DESC, language"
    page = web.client.get("/sql", params={"q": statement})
    assert page.status_code == 200 and '<table class="results">' in page.text
    rows_csv = list(csv.DictReader(io.StringIO(web.client.get("/sql.csv", params={"q": statement}).text)))
    rows_json = web.client.get("/sql.json", params={"q": statement}).json()
    parquet = web.client.get("/sql.parquet", params={"q": statement})
    assert parquet.headers["content-disposition"] == 'attachment; filename="newslake-query.parquet"'
    table = pq.read_table(io.BytesIO(parquet.content))
    assert [r["language"] or None for r in rows_csv] == [r["language"] for r in rows_json] == table.column("language").to_pylist()
    assert sum(int(r["articles"]) for r in rows_csv) == sum(r["articles"] for r in rows_json) > SYNTHETIC


def test_a_huge_result_is_capped_and_a_huge_download_refused(web):
    page = web.client.get("/sql", params={"q": "SELECT range AS n FROM range(25000)"})
    assert page.status_code == 200
    assert 'id="truncated"' in page.text
    assert page.text.count("<tr>") == 10_001  # the header row and 10,000 rows
    refused = web.client.get("/sql.csv", params={"q": "SELECT range AS n FROM range(1000001)"})
    assert refused.status_code == 413 and "more than 1,000,000 rows" in refused.text
    allowed = web.client.get("/sql.csv", params={"q": "SELECT range AS n FROM range(200000)"})
    assert allowed.status_code == 200 and allowed.text.count("\n") == 200_001


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO articles SELECT * FROM articles",
        "CREATE TABLE copy AS SELECT * FROM articles",
        "COPY (SELECT * FROM articles) TO '/tmp/stolen.csv'",
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_text('/etc/hostname')",
        "SELECT * FROM '/etc/passwd'",
        "ATTACH '/tmp/other.duckdb' AS other",
        "SET enable_external_access = true",
        "SELECT * FROM articles; DROP VIEW articles",
    ],
)
def test_sql_that_writes_or_reads_files_is_refused_with_a_400_page(web, statement):
    response = web.client.get("/sql", params={"q": statement})
    assert response.status_code == 400
    assert 'id="sql-error"' in response.text
    assert not Path("/tmp/stolen.csv").exists()


def test_the_connection_refuses_file_reads_even_past_the_page_guard(web_lake):
    """The second wall: a statement the guard would stop, sent straight to the app's lake connection."""
    from newslake.web.lake import Lake
    from newslake.web.params import WebError
    from newslake.web.sql_page import run_rows

    lake = Lake(web_lake)
    try:
        for statement in ("SELECT * FROM read_text('/etc/hostname')", "COPY (SELECT 1) TO '/tmp/stolen.csv'",
                          "ATTACH '/tmp/other.duckdb' AS other", "SET enable_external_access = true",
                          f"SELECT count(*) FROM read_text('s3://{web_lake.bucket}/landing/**')"):
            with pytest.raises(WebError) as caught:
                run_rows(lake, statement)
            assert caught.value.status == 400, statement
        assert run_rows(lake, "SELECT count(*) FROM articles").rows[0][0] > SYNTHETIC
    finally:
        lake.close()
    assert not Path("/tmp/stolen.csv").exists()


# ------------------------------------------------------------------ saved analyses


def test_a_saved_analysis_from_its_form(web):
    form = web.client.get("/analyses/top_entities")
    assert form.status_code == 200
    for name in ("since", "until", "type", "limit"):
        assert f'name="{name}"' in form.text
    result = web.client.get("/analyses/top_entities", params={"run": "1", "since": "30 days ago", "type": "PERSON", "limit": "5"})
    assert result.status_code == 200
    assert result.text.count("<tr>") == 6
    download = web.client.get("/analyses/top_entities.csv", params={"since": "30 days ago", "type": "PERSON", "limit": "5"})
    rows = list(csv.DictReader(io.StringIO(download.text)))
    assert len(rows) == 5 and all(row["type"] == "PERSON" for row in rows)
    bad = web.client.get("/analyses/top_entities", params={"run": "1", "since": "last tuesday"})
    assert bad.status_code == 400 and "is not a date" in _text(bad)
    missing = web.client.get("/analyses/quoted_about", params={"run": "1"})
    assert missing.status_code == 400 and "is required" in _text(missing)


# ------------------------------------------------------------------ report and ingestion


def test_the_report_for_any_period(web):
    for params in ({"since": "all"}, {"since": "7d"}, {"from": "2026-01-01", "to": "2026-12-31"}):
        response = web.client.get("/report", params=params)
        assert response.status_code == 200, params
        assert 'id="overview"' in response.text and 'id="stories"' in response.text
    assert web.client.get("/report", params={"since": "all"}).text.count("<svg") >= 4


def test_ingestion_shows_runs_and_rejects_and_re_runs_them_with_the_token(web, web_lake):
    from newslake.service.api_token import resolve_token

    page = web.client.get("/ingestion")
    assert page.status_code == 200
    assert 'href="/runs/' in page.text
    assert "truncated.json" in page.text and "JSONDecodeError" in page.text
    assert web.client.post("/ingestion/retry", data={}).status_code == 403
    wrong = web.client.post("/ingestion/retry", data={}, headers={"authorization": "Bearer wrong"})
    assert wrong.status_code == 403
    started = web.client.post("/ingestion/retry", data={"reason": "JSON"},
                              headers={"authorization": f"Bearer {resolve_token(web_lake)}"})
    assert started.status_code == 303, started.text[:500]
    job_url = started.headers["location"]
    deadline = time.monotonic() + 300
    while "Running" in (job := web.client.get(job_url)).text and time.monotonic() < deadline:
        time.sleep(1)
    assert 'id="job-report"' in job.text, job.text[-2000:]
    assert "1 rejected" in job.text  # the object is still broken: rejected again, kept once
    run_page = web.client.get(re.search(r'href="(/runs/[^"]+)"', job.text)[1])
    assert run_page.status_code == 200 and "JSONDecodeError" in run_page.text


def test_the_pages_follow_the_lake(web, web_lake, tmp_path):
    def count() -> int:
        page = web.client.get("/sql", params={"q": "SELECT count(*) AS n FROM articles"}).text
        return int(re.search(r'<td class="num">(\d+)</td>', page)[1])

    before = count()
    story = tmp_path / "late-edition.txt"
    story.write_text("Late edition\n\nThe quayside lanterns of Oddhaven were relit on Sunday evening, "
                     "the harbour master said, after a week of repairs.\n", encoding="utf-8")
    newslake("ingest", str(story), bucket=BUCKET)
    deadline = time.monotonic() + 60
    while count() == before and time.monotonic() < deadline:
        time.sleep(0.5)
    assert count() == before + 1
    deadline = time.monotonic() + 120
    while "Late edition" not in web.client.get("/search", params={"q": "Oddhaven lanterns"}).text:
        assert time.monotonic() < deadline, "the search index did not follow the lake"
        time.sleep(1)


def test_downloads_stream_json_that_parses(web):
    response = web.client.get("/sql.json", params={"q": "SELECT article_id, title, keywords, published_at FROM articles"})
    rows = json.loads(response.content)
    assert len(rows) > SYNTHETIC and set(rows[0]) == {"article_id", "title", "keywords", "published_at"}


def test_the_live_report_reads_what_newslake_report_reads(web_lake):
    """The web report lets a table of the clusters of two articles or more stand in for
    `story_clusters` and runs the sections side by side: the report's data must not change."""
    from newslake.analysis.report import fetch_report_data, resolve_period
    from newslake.web.lake import Lake
    from newslake.web.report_page import lake_info, multi_article_clusters, report_data

    lake = Lake(web_lake)
    try:
        for since in (None, timedelta(days=7)):
            period = resolve_period(since, datetime.now(UTC))
            with lake.cursor() as cur:
                plain = fetch_report_data(cur, period, lake_info(lake), period.end)
            assert plain.articles and plain.clusters
            assert report_data(lake, period, multi_article_clusters(lake), period.end) == plain
    finally:
        lake.close()
