"""End to end: `newslake serve` with SeaweedFS, its own Prefect server, the endpoints,
the watcher and the served deployments, fed the three ways an operator feeds it."""

from __future__ import annotations

import json
import threading
import time

import httpx
import pytest

from tests.feed_server import LocalServer, Route
from tests.integration.helpers import lake_in_bucket, newslake
from tests.integration.service_process import ServiceProcess, article_json, landing_key

BUCKET = "newslake-service-test"

PAGE = """<!doctype html><html><head><title>{title} | Local Gazette</title></head>
<body><nav>Home | World | Sport</nav><article><h1>{title}</h1>
<p>{lead} The decision follows a two-year consultation with residents, businesses and unions across the region.</p>
<p>Officials said the first phase would cost 40 million euros and employ about 300 people when it opens next spring.</p>
<p>"This is the most important investment in a generation," the regional president told reporters on Wednesday.</p>
</article><footer>© Local Gazette</footer></body></html>"""


def _rss(site: LocalServer, items: list[tuple[str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{title}</title><link>{site.url(path)}</link><guid>{site.url(path)}</guid>"
        f"<pubDate>Wed, 25 Nov 2026 10:00:00 GMT</pubDate></item>"
        for path, title in items
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Local Gazette</title>'
        f"<link>{site.url('/')}</link><description>News</description>{entries}</channel></rss>"
    ).encode()


FEED_ITEMS = [
    ("/news/harbour.html", "Harbour tunnel approved after long consultation"),
    ("/news/trams.html", "New tram line to link the airport and the old town"),
]


@pytest.fixture(scope="module")
def lake(settings, local_stack):
    return lake_in_bucket(settings, BUCKET)


@pytest.fixture(scope="module")
def feed_site():
    with LocalServer() as site:
        for path, title in FEED_ITEMS:
            site.routes[path] = Route(PAGE.format(title=title, lead=f"{title}.").encode())
        site.routes["/feed.xml"] = Route(_rss(site, FEED_ITEMS), content_type="application/rss+xml", etag='"v1"')
        yield site


@pytest.fixture(scope="module")
def service(lake, feed_site, tmp_path_factory):
    feeds = tmp_path_factory.mktemp("service") / "feeds.toml"
    feeds.write_text(f'[[feeds]]\nname = "gazette"\nurl = "{feed_site.url("/feed.xml")}"\nevery = "1m"\n')
    service = ServiceProcess(
        lake.state_dir,
        {"NEWSLAKE_BUCKET": BUCKET, "NEWSLAKE_FEEDS_FILE": str(feeds), "NEWSLAKE_HOST_DELAY_SECONDS": "0"},
    ).start()
    yield service
    assert service.stop() == 0, service.log()
    # Everything serve started is stopped; the S3 server the session started is not.
    assert not (lake.state_dir / "prefect-server.json").exists()
    assert not (lake.state_dir / "service.json").exists()


def _titles(lake) -> list[str]:
    from newslake.core import lake as lake_tables

    return lake_tables.read_columns(lake, "articles", ["title"]).column("title").to_pylist()


def _wait_for(condition, timeout: float, what: str, service: ServiceProcess) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if condition():
            return time.monotonic() - started
        time.sleep(0.5)
    raise AssertionError(f"{what} did not happen within {timeout:.0f} s; service log:\n{service.log()}")


def test_an_object_put_into_the_landing_prefix_becomes_a_row(service, lake):
    from newslake.core.storage import s3_client

    data = article_json(1, run="put")
    s3_client(lake).put_object(Bucket=BUCKET, Key=landing_key("dropbox", data, ".json"), Body=data)
    _wait_for(lambda: "Lisbon approves plan on a rail link (put1)" in _titles(lake), 120, "the put object's row", service)


def test_a_pushed_article_becomes_a_row(service, lake):
    response = httpx.post(
        f"{service.endpoints_url}/push",
        content=article_json(2, run="push"),
        headers={"Authorization": f"Bearer {service.token}", "Content-Type": "application/json"},
    )
    assert response.status_code == 201, response.text
    assert response.json()["event"] == "sent"
    _wait_for(lambda: "Osaka approves plan on school meals (push2)" in _titles(lake), 120, "the pushed row", service)


def test_a_feeds_items_become_rows_with_their_links(service, lake, feed_site):
    from newslake.core import lake as lake_tables

    service.run_deployment("poll-feeds")  # the served deployment, as its schedule would start it
    wanted = {title for _, title in FEED_ITEMS}
    _wait_for(lambda: wanted <= set(_titles(lake)), 180, "the feed's rows", service)
    rows = lake_tables.read_columns(lake, "articles", ["title", "url"]).to_pylist()
    urls = {row["title"]: row["url"] for row in rows if row["title"] in wanted}
    assert urls == {title: feed_site.url(path) for path, title in FEED_ITEMS}


def test_runs_are_triggered_by_events_and_leave_an_artifact(service):
    def triggered_and_done() -> list[dict]:
        return [
            run
            for run in service.flow_runs("ingest")
            if (run.get("parameters") or {}).get("drain_seconds") and run["state_type"] == "COMPLETED"
        ]

    _wait_for(lambda: triggered_and_done(), 60, "a completed, event-triggered ingest run", service)
    run = triggered_and_done()[0]
    artifacts = httpx.post(
        f"{service.api_url}/artifacts/filter",
        json={"artifacts": {"flow_run_id": {"any_": [run["id"]]}}},
    ).json()
    assert [(item["key"], item["type"]) for item in artifacts] == [("ingest-run", "table")]
    assert "new articles" in artifacts[0]["data"]


def test_the_web_app_is_served_under_web_on_the_endpoints_port(service, lake):
    _wait_for(lambda: "Osaka approves plan on school meals (push2)" in _titles(lake), 120, "the pushed row", service)
    home = httpx.get(f"{service.endpoints_url}/web/", timeout=30)
    assert home.status_code == 200, home.text[:500]
    assert 'href="/web/search' in home.text  # links stay under the mount

    def found() -> bool:  # the page searches the previous index while the new one builds
        page = httpx.get(f"{service.endpoints_url}/web/search", params={"q": "Osaka school meals"}, timeout=30)
        assert page.status_code == 200, page.text[:500]
        return "Osaka approves plan on school meals" in page.text

    _wait_for(found, 90, "the pushed article in the web app's search", service)
    missing = httpx.get(f"{service.endpoints_url}/web/article/0000", timeout=30)
    assert missing.status_code == 404 and "Traceback" not in missing.text
    assert httpx.get(f"{service.endpoints_url}/health").json() == {"status": "ok"}


def test_status_shows_the_service_its_endpoints_and_last_runs(service):
    report = json.loads(newslake("status", "--json", bucket=BUCKET).stdout)
    assert report["service"]["push_endpoint"] == f"{service.endpoints_url}/push"
    assert report["service"]["s3_events_endpoint"] == f"{service.endpoints_url}/events/s3"
    assert {"ingest", "poll-feeds", "reconcile-landing", "compact"} <= set(report["service"]["deployments"])
    assert report["prefect_api_url"] == service.api_url
    assert isinstance(report["pending_landings"], int)
    assert any(run["deployment"] == "ingest" and run["state"] == "Completed" for run in report["last_runs"])


def test_a_restart_in_the_middle_of_a_burst_loses_and_duplicates_nothing(service, lake):
    """Runs last in this module: it stops the shared service and starts it again."""
    from newslake.core import lake as lake_tables
    from newslake.core.storage import s3_client

    client = s3_client(lake)
    count = 80
    keys = [landing_key("burst", article_json(i, run="restart"), ".json") for i in range(count)]

    def land() -> None:
        for i, key in enumerate(keys):
            client.put_object(Bucket=BUCKET, Key=key, Body=article_json(i, run="restart"))
            time.sleep(0.4)  # a burst spread over ~30 s: the stop lands in the middle of it

    lander = threading.Thread(target=land)
    lander.start()

    def logged() -> set[str]:
        return set(lake_tables.read_columns(lake, "ingest_log", ["raw_key"]).column("raw_key").to_pylist()) & set(keys)

    _wait_for(lambda: len(logged()) >= 1, 180, "the first burst commit", service)
    assert service.stop() == 0, service.log()
    assert len(logged()) < count, "the burst finished before the stop: nothing was interrupted"
    lander.join()  # objects also land while the service is down
    service.start()
    _wait_for(lambda: len(logged()) == count, 300, "every burst object in the ingest log", service)

    articles = lake_tables.read_columns(lake, "articles", ["article_id", "raw_key"]).to_pylist()
    from_burst = [row for row in articles if row["raw_key"] in set(keys)]
    assert len(from_burst) == count
    assert len({row["article_id"] for row in articles}) == len(articles), "an article row is duplicated"
    # One log row per object: committed, or "duplicate" for one whose article the stopped
    # run had committed before it could log the object (its retry found the article there).
    log = lake_tables.read_columns(lake, "ingest_log", ["raw_key", "outcome"]).to_pylist()
    burst_log = [row for row in log if row["raw_key"] in set(keys)]
    assert sorted(row["raw_key"] for row in burst_log) == sorted(keys), "an object is logged twice"
    assert {row["outcome"] for row in burst_log} <= {"committed", "duplicate"}
