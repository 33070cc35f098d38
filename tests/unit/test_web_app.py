"""The web app's answers to requests it can judge without reading the lake: malformed
parameters, unknown pages and ids, foreign hosts, forged POSTs — each a page with the right
status and a sentence, never a traceback — and the headers every response carries."""

from __future__ import annotations

import warnings

import pytest

from newslake.core.settings import Settings
from newslake.web import create_web_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

LOCAL = "http://127.0.0.1:8788"


@pytest.fixture(scope="module")
def client():
    app = create_web_app(Settings(bucket="never-opened"), "secret-token")
    with TestClient(app, base_url=LOCAL, raise_server_exceptions=False) as test_client:
        yield test_client
    assert not app.state.web.lake.is_open  # none of these requests needed the lake


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/search?q=%ff", 400, "not valid UTF-8"),
        ("/search?q=a&q=b", 400, "more than once"),
        ("/search?from=2026-02-30", 400, "is not a day"),
        ("/search?from=2026-03-09&to=2026-03-01", 400, "after"),
        ("/search?page=0", 400, "between 1"),
        ("/search?page=abc", 400, "not a whole number"),
        ("/search?lang=%3Cscript%3E", 400, "not a language code"),
        ("/search?country=ZZZ", 400, "not a country code"),
        ("/search?type=ANIMAL", 400, "not an entity type"),
        ("/articles/not-an-id", 404, "32 hexadecimal digits"),
        ("/clusters/..%2F..%2Fetc", 404, "no page at"),
        ("/clusters/abc", 404, "32 hexadecimal digits"),
        ("/entity", 400, "which entity"),
        ("/entity?name=x&type=ALIEN", 400, "not an entity type"),
        ("/raw?key=lake/articles/_delta_log/0.json", 404, "no landed object"),
        ("/raw?key=landing/../lake/x", 404, "no landed object"),
        ("/report?since=last+tuesday", 400, "not a period"),
        ("/report?since=7d&from=2026-03-01", 400, "not both"),
        ("/sql.xlsx?q=SELECT+1", 404, "use .csv"),
        ("/sql.csv?q=DROP+VIEW+articles", 400, "DROP statements are refused"),
        ("/sql.csv", 400, "type a statement"),
        ("/analyses/no_such_thing", 404, "no analysis named"),
        ("/analyses/..%2Fsecrets", 404, "no page at"),
        ("/analyses/Top-Entities", 404, "no analysis named"),
        ("/ingestion/jobs/abc", 404, "no re-run job"),
        ("/no/such/page", 404, "no page at"),
    ],
)
def test_bad_requests_are_pages_with_a_status_and_a_reason(client, path, status, words):
    response = client.get(path)
    assert response.status_code == status, response.text[:500]
    assert "text/html" in response.headers["content-type"]
    assert words in response.text.replace("&#39;", "'").replace("&lt;", "<")
    assert "Traceback" not in response.text


def test_the_sql_page_refuses_writes_and_file_reads_before_running_anything(client):
    for statement in ("INSERT INTO articles SELECT * FROM articles", "SELECT * FROM read_csv('/etc/passwd')",
                      "ATTACH '/tmp/x.duckdb'", "COPY (SELECT 1) TO '/tmp/x.csv'", "SET threads = 1", "SELECT 1; SELECT 2"):
        response = client.get("/sql", params={"q": statement})
        assert response.status_code == 400
        assert 'id="sql-error"' in response.text
        assert "</textarea>" in response.text  # the statement stays in the form, to fix it


def test_a_long_statement_is_a_413(client):
    response = client.get("/sql", params={"q": "SELECT " + "1+" * 9000 + "1"})
    assert response.status_code == 413


def test_every_response_carries_the_security_headers(client):
    for path in ("/search?q=%ff", "/no/such/page", "/health"):
        headers = client.get(path).headers
        assert "default-src 'none'" in headers["content-security-policy"]
        assert "connect-src" not in headers["content-security-policy"]  # default-src 'none' covers it: no fetches
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


def test_a_foreign_host_is_refused(client):
    response = client.get("/health", headers={"host": "evil.example"})
    assert response.status_code == 400
    assert client.get("/health", headers={"host": "localhost:8788"}).status_code == 200


def test_a_post_needs_the_token_or_the_page_form(client):
    response = client.post("/ingestion/retry", data={"reason": "x"})
    assert response.status_code == 403
    assert "did not come from this app" in response.text
    response = client.post("/ingestion/retry", data={"csrf": "forged"}, headers={"origin": "https://evil.example"})
    assert response.status_code == 403
    assert client.post("/ingestion/retry", content=b"x" * 20_000,
                       headers={"content-type": "application/x-www-form-urlencoded"}).status_code == 413
    assert client.get("/ingestion/retry").status_code == 405
    assert client.post("/search").status_code == 405


def test_served_beyond_localhost_pages_ask_for_the_token():
    app = create_web_app(Settings(bucket="never-opened"), "secret-token", local=False)
    with TestClient(app, base_url="http://news.internal:8788", raise_server_exceptions=False) as remote:
        response = remote.get("/search?q=x", follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login?next=")
        assert remote.get("/health").status_code == 200
        assert remote.get("/login").status_code == 200
        wrong = remote.post("/login", data={"token": "nope", "next": "/search"}, follow_redirects=False)
        assert wrong.status_code == 403
        right = remote.post("/login", data={"token": "secret-token", "next": "//evil.example/"}, follow_redirects=False)
        assert right.status_code == 303 and right.headers["location"] == "/"  # no open redirect
        assert "secret-token" not in right.headers["set-cookie"]
        assert remote.get("/search?q=%ff").status_code == 400  # past the login now (the session cookie)
        assert remote.post("/ingestion/retry", data={}).status_code == 403  # a session still needs the form token
    with pytest.raises(ValueError):
        create_web_app(Settings(bucket="never-opened"), None, local=False)


def test_mounted_under_a_prefix_its_links_and_cookies_follow():
    """How `newslake serve` mounts the app: every link, form and cookie path under the prefix."""
    from starlette.applications import Starlette
    from starlette.routing import Mount

    parent = Starlette(routes=[Mount("/web", app=create_web_app(Settings(bucket="never-opened"), "secret-token"))])
    with TestClient(parent, base_url=LOCAL, raise_server_exceptions=False) as mounted:
        response = mounted.get("/web/search?q=%ff")
        assert response.status_code == 400
        assert 'href="/web/sql"' in response.text and 'action="/web/search"' in response.text
        assert "Path=/web;" in response.headers["set-cookie"]
        assert mounted.get("/web/articles/zzz").status_code == 404
        assert mounted.get("/web/health").status_code == 200
        assert mounted.get("/search").status_code == 404  # the parent's, not the app's
