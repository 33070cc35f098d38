"""The HTTP endpoints in-process (Starlette's TestClient), for everything that needs no
object store: auth, limits, error bodies, S3 notifications. Pushing real payloads into
a real bucket is tested in tests/integration/test_endpoints.py."""

import json
import os
import stat
import warnings

import pytest

with warnings.catch_warnings():  # Starlette 1.x prefers httpx2; httpx is what is installed
    warnings.simplefilter("ignore", UserWarning)
    from starlette.testclient import TestClient

from newslake.core.settings import Settings
from newslake.service.api_token import resolve_token, token_path
from newslake.service.endpoints import bearer_problem, create_app, media_type, record_problems, url_problem
from tests.unit.test_s3_notifications import AWS_PUT, AWS_TEST_EVENT, EVENTBRIDGE_CREATED, MINIO_PUT

TOKEN = "unit-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


class Recorder:
    """Stands in for newslake.events.announce_landed: remembers calls, de-duplicates on (key, token)."""

    def __init__(self, fail: bool = False):
        self.calls: list[tuple[str, str | None, str | None]] = []
        self.fail = fail

    def __call__(self, settings, key, *, token=None, source=None):
        if self.fail:
            raise ConnectionError("no Prefect API")
        seen = any(call[:2] == (key, token) for call in self.calls)
        self.calls.append((key, token, source))
        return not seen


@pytest.fixture
def settings(tmp_path):
    return Settings(bucket="news", landing_prefix="landing", state_dir=tmp_path, max_payload_bytes=5_000)


@pytest.fixture
def recorder():
    return Recorder()


@pytest.fixture
def client(settings, recorder):
    with TestClient(create_app(settings, TOKEN, recorder)) as test_client:
        yield test_client


def test_health_needs_no_token(client):
    response = client.get("/health")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


@pytest.mark.parametrize("path", ["/events/s3", "/push"])
def test_missing_token_is_401_with_a_bearer_challenge(client, path):
    response = client.post(path, content=b"{}", headers={"Content-Type": "application/json"})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert "Authorization: Bearer" in response.json()["error"]


@pytest.mark.parametrize("path", ["/events/s3", "/push"])
def test_wrong_token_is_403_and_basic_auth_is_401(client, path):
    wrong = client.post(path, content=b"{}", headers={"Authorization": "Bearer nope", "Content-Type": "application/json"})
    assert wrong.status_code == 403 and "not valid" in wrong.json()["error"]
    assert TOKEN not in wrong.text
    basic = client.post(path, content=b"{}", headers={"Authorization": "Basic dXNlcjpwYXNz"})
    assert basic.status_code == 401


def test_aws_notification_is_announced_once_per_write(client, recorder):
    first = client.post("/events/s3", json=AWS_PUT, headers=AUTH)
    assert first.status_code == 202
    assert first.json() == {"accepted": 1, "ignored": 0, "duplicates": 0}
    again = client.post("/events/s3", json=AWS_PUT, headers=AUTH)  # S3 delivers at least once
    assert again.json() == {"accepted": 0, "ignored": 0, "duplicates": 1}
    key = "landing/wire/2026/03/02/Morning Brief (1).html"
    assert recorder.calls[0] == (key, "0055AED6DCD90281E5", "wire")


def test_minio_and_eventbridge_notifications(client, recorder):
    assert client.post("/events/s3", json=MINIO_PUT, headers=AUTH).json()["accepted"] == 1
    assert client.post("/events/s3", json=EVENTBRIDGE_CREATED, headers=AUTH).json()["accepted"] == 1
    assert [(key, source) for key, _, source in recorder.calls] == [
        ("landing/drop/2026/03/02/a b.json", "drop"),
        ("landing/feeds/2026/03/02/abc.html", "feeds"),
    ]


def test_sns_style_text_plain_body_is_read_as_json(client):
    response = client.post("/events/s3", content=json.dumps(AWS_PUT), headers={**AUTH, "Content-Type": "text/plain"})
    assert response.status_code == 202


def test_test_event_is_200_and_announces_nothing(client, recorder):
    response = client.post("/events/s3", json=AWS_TEST_EVENT, headers=AUTH)
    assert response.status_code == 200 and response.json()["accepted"] == 0
    assert recorder.calls == []


def test_objects_elsewhere_are_ignored(client, recorder):
    records = []
    for bucket, key in [("other", "landing/x/a.txt"), ("news", "lake/articles/part-0.parquet"), ("news", "landing/"), ("news", "landing/x/b.txt")]:
        record = json.loads(json.dumps(AWS_PUT["Records"][0]))
        record["s3"]["bucket"]["name"], record["s3"]["object"]["key"] = bucket, key
        records.append(record)
    removed = {**records[-1], "eventName": "ObjectRemoved:Delete"}
    response = client.post("/events/s3", json={"Records": [*records, removed]}, headers=AUTH)
    assert response.json() == {"accepted": 1, "ignored": 4, "duplicates": 0}
    assert [call[0] for call in recorder.calls] == ["landing/x/b.txt"]


def test_malformed_notification_is_400_with_the_reason(client):
    response = client.post("/events/s3", content=b'{"Records": [{"eventName": "ObjectCreated:Put"}]}', headers=AUTH)
    assert response.status_code == 400
    assert "Records[0] has no `s3` object" in response.json()["error"]


def test_announce_failure_is_503_so_the_store_retries(settings):
    with TestClient(create_app(settings, TOKEN, Recorder(fail=True))) as client:
        response = client.post("/events/s3", json=AWS_PUT, headers=AUTH)
    assert response.status_code == 503 and "retry" in response.json()["error"]


def test_declared_oversized_body_is_413_before_reading(client):
    response = client.post("/events/s3", content=b"x" * 5_001, headers=AUTH)
    assert response.status_code == 413 and "5000 byte limit" in response.json()["error"]


def test_undeclared_oversized_body_is_413_while_streaming(client):
    def chunks():
        for _ in range(20):
            yield b"x" * 500

    response = client.post("/push", content=chunks(), headers={**AUTH, "Content-Type": "text/plain"})
    assert response.status_code == 413 and "more than 5000" in response.json()["error"]


def test_empty_body_is_400(client):
    response = client.post("/push", content=b"  \n", headers={**AUTH, "Content-Type": "application/json"})
    assert response.status_code == 400 and "empty" in response.json()["error"]


def test_unsupported_content_type_is_415(client):
    response = client.post("/push", content=b"<x/>", headers={**AUTH, "Content-Type": "application/xml"})
    assert response.status_code == 415 and "application/json" in response.json()["error"]


def test_malformed_json_is_400_with_the_parser_message(client):
    response = client.post("/push", content=b'{"text": "a",}', headers={**AUTH, "Content-Type": "application/json"})
    assert response.status_code == 400
    assert "line 1 column 14" in response.json()["error"]


def test_invalid_record_is_422_with_the_fields(client):
    body = json.dumps([{"text": "fine"}, {"title": "no body"}, {"text": "x", "authors": 5}])
    response = client.post("/push", content=body, headers={**AUTH, "Content-Type": "application/json"})
    assert response.status_code == 422
    error = response.json()["error"]
    assert "record 1 has neither `text` nor `html`" in error and "record 2 has invalid fields: authors" in error


def test_html_needs_an_http_url(client):
    page = b"<html><body><p>Story</p></body></html>"
    missing = client.post("/push", content=page, headers={**AUTH, "Content-Type": "text/html"})
    assert missing.status_code == 400 and "X-Source-URL" in missing.json()["error"]
    ftp = client.post("/push?url=ftp://example.org/a", content=page, headers={**AUTH, "Content-Type": "text/html"})
    assert ftp.status_code == 400 and "http or https" in ftp.json()["error"]


def test_binary_text_is_400(client):
    response = client.post("/push", content=b"\x89PNG\r\n\x1a\n\x00\x00", headers={**AUTH, "Content-Type": "text/plain"})
    assert response.status_code == 400 and "binary" in response.json()["error"]


def test_unreachable_store_is_503(client):
    # no local stack was ever set up in this state folder, and no endpoint is configured
    response = client.post("/push", content=b"Some words of an article.", headers={**AUTH, "Content-Type": "text/plain"})
    assert response.status_code == 503
    assert "nothing was stored" in response.json()["error"]


def test_unknown_paths_and_methods_answer_in_json(client):
    missing = client.get("/nope")
    assert missing.status_code == 404 and "POST /push" in missing.json()["error"]
    wrong_method = client.get("/push", headers=AUTH)
    assert wrong_method.status_code == 405 and "GET is not allowed" in wrong_method.json()["error"]


def test_an_empty_token_is_refused(settings):
    with pytest.raises(ValueError, match="non-empty"):
        create_app(settings, "")


@pytest.mark.parametrize(
    ("header", "status"),
    [(None, 401), ("", 401), ("Bearer", 401), ("Token abc", 401), ("Bearer abc", 403), ("bearer  " + TOKEN, None), ("Bearer " + TOKEN, None)],
)
def test_bearer_problem(header, status):
    problem = bearer_problem(header, TOKEN)
    assert (problem[0] if problem else None) == status


def test_small_pure_checks():
    assert media_type("Text/HTML; charset=utf-8") == "text/html"
    assert media_type(None) == ""
    assert url_problem(None, required=False) is None
    assert url_problem("https://example.org/a?b=1", required=True) is None
    assert "not an absolute" in url_problem("example.org/a", required=False)
    assert record_problems({"html": "<p>x</p>"}) == []
    assert record_problems([]) == ["the list is empty: send at least one record"]
    assert "got a str" in record_problems("text")[0]


def test_resolve_token_prefers_the_setting(tmp_path):
    assert resolve_token(Settings(state_dir=tmp_path, api_token="configured")) == "configured"
    assert not token_path(Settings(state_dir=tmp_path)).exists()


def test_resolve_token_creates_a_private_file_once(tmp_path):
    settings = Settings(state_dir=tmp_path / "state")
    token = resolve_token(settings)
    assert len(token) >= 40
    path = token_path(settings)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert resolve_token(settings) == token  # reused across restarts
    path.write_text("")
    assert resolve_token(settings) not in ("", token)  # an emptied file gets a fresh token


def test_text_problem_looks_only_at_the_opening():
    import gzip

    from newslake.service.endpoints import text_problem

    assert text_problem(b"A story.") is None
    assert text_problem(gzip.compress(b"<html>" + b" " * 10_000_000)) is None  # not inflated in full
    assert "binary" in text_problem(gzip.compress(b"\x00\x01"))
    assert "not valid gzip" in text_problem(b"\x1f\x8bnope")


def test_json_nested_too_deeply_is_400_not_500(client):
    deep = b"[" * 2_400 + b"]" * 2_400  # deeper than the interpreter recurses, under the size limit
    pushed = client.post("/push", content=deep, headers={**AUTH, "Content-Type": "application/json"})
    assert pushed.status_code == 400 and "nested too deeply" in pushed.json()["error"]
    notified = client.post("/events/s3", content=b'{"Records": ' + deep + b"}", headers=AUTH)
    assert notified.status_code == 400 and "nested too deeply" in notified.json()["error"]


@pytest.mark.parametrize("url", ["http://[::1", "http://example.org:port/a", "https://[not-an-address]/"])
def test_an_unparseable_source_url_is_400_not_500(client, url):
    page = b"<html><body><p>Story</p></body></html>"
    response = client.post("/push", content=page, headers={**AUTH, "Content-Type": "text/html", "X-Source-URL": url})
    assert response.status_code == 400 and "not a valid URL" in response.json()["error"]


@pytest.mark.parametrize(
    "key", ["landing/../lake/articles/part-0.parquet", "landing%2F..%2Flake%2Fx", "landing/x/./../../lake/x", "landing//x"]
)
def test_keys_that_climb_out_of_the_landing_prefix_are_ignored(client, recorder, key):
    record = json.loads(json.dumps(AWS_PUT["Records"][0]))
    record["s3"]["bucket"]["name"], record["s3"]["object"]["key"] = "news", key
    response = client.post("/events/s3", json={"Records": [record]}, headers=AUTH)
    assert response.json() == {"accepted": 0, "ignored": 1, "duplicates": 0}
    minio = client.post("/events/s3", json={"EventName": "s3:ObjectCreated:Put", "Key": f"news/{key}"}, headers=AUTH)
    assert minio.json()["accepted"] == 0
    assert recorder.calls == []
