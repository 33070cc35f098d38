"""The HTTP endpoints as a real uvicorn server on a free port, talking to the session's
SeaweedFS: pushes land real objects, S3 notifications are announced once per write.

The announce callable is a recorder here; emitting real Prefect events is the
end-to-end test's business.
"""

from __future__ import annotations

import json
import socket
import time
import uuid

import httpx
import pytest

from newslake.core.landing import source_url_from_metadata
from newslake.core.storage import s3_client
from newslake.service.endpoints import EndpointServer
from tests.integration.helpers import PROSE, lake_in_bucket

TOKEN = "integration-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
LIMIT = 50_000


class Recorder:
    """Stands in for newslake.events.announce_landed, with its (key, token) de-duplication."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str | None, str | None]] = []
        self.sent: set[tuple[str, str | None]] = set()

    def __call__(self, settings, key, *, token=None, source=None) -> bool:
        self.calls.append((key, token, source))
        if (key, token) in self.sent:
            return False
        self.sent.add((key, token))
        return True

    def announced(self, key: str) -> list[tuple[str, str | None, str | None]]:
        return [call for call in self.calls if call[0] == key]


@pytest.fixture(scope="module")
def lake(settings, local_stack):
    """A bucket of its own, so these pushes never show up in other tests' lakes."""
    return lake_in_bucket(settings, "newslake-endpoints").model_copy(update={"max_payload_bytes": LIMIT})


@pytest.fixture(scope="module")
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture(scope="module")
def server(lake, recorder):
    endpoints = EndpointServer(lake, TOKEN, announce=recorder, host="127.0.0.1", port=0)
    endpoints.start()
    yield endpoints
    endpoints.stop()


@pytest.fixture
def client(server):
    with httpx.Client(base_url=server.url, timeout=30) as http:
        yield http


def _object(lake, key: str) -> dict:
    return s3_client(lake).get_object(Bucket=lake.bucket, Key=key)


def test_server_reports_the_port_it_picked(server, client):
    assert server.port and server.port > 0 and server.url == f"http://127.0.0.1:{server.port}"
    assert client.get("/health").json() == {"status": "ok"}


def test_push_json_lands_the_exact_bytes_and_announces_once(lake, client, recorder):
    body = json.dumps(
        {"url": f"https://wire.example/{uuid.uuid4()}", "title": "Harbour Reopens", "text": "The harbour reopened today. " + PROSE},
        indent=1,
    ).encode()
    response = client.post("/push", content=body, headers={**AUTH, "Content-Type": "application/json"})
    assert response.status_code == 201, response.text
    reply = response.json()
    key = reply["key"]
    assert key.startswith("landing/push/") and key.endswith(".json")
    assert reply["created"] is True and reply["uri"] == f"s3://{lake.bucket}/{key}" and reply["event"] == "sent"
    assert _object(lake, key)["Body"].read() == body
    assert recorder.announced(key) == [(key, key, "push")]

    again = client.post("/push", content=body, headers={**AUTH, "Content-Type": "application/json; charset=utf-8"})
    assert again.status_code == 200
    assert again.json()["key"] == key and again.json()["created"] is False and again.json()["event"] == "duplicate"


def test_push_a_list_of_records(lake, client):
    records = [{"title": f"Item {n}", "text": f"Story number {n} {uuid.uuid4()} in several words."} for n in range(3)]
    response = client.post("/push", json=records, headers=AUTH)
    assert response.status_code == 201, response.text
    assert json.loads(_object(lake, response.json()["key"])["Body"].read()) == records


def test_push_html_keeps_its_url_as_metadata(lake, client, recorder):
    url = f"https://news.example/2026/03/harbour?id={uuid.uuid4()}&lang=en"
    page = f"<!DOCTYPE html><html><head><title>Harbour</title></head><body><article><p>{url}</p></article></body></html>"
    response = client.post("/push", params={"url": url}, content=page.encode(), headers={**AUTH, "Content-Type": "text/html; charset=utf-8"})
    assert response.status_code == 201, response.text
    key = response.json()["key"]
    assert key.endswith(".html")
    stored = _object(lake, key)
    assert source_url_from_metadata(stored["Metadata"]) == url
    assert stored["Body"].read() == page.encode()
    assert recorder.announced(key) == [(key, key, "push")]


def test_push_text_with_the_url_in_a_header(lake, client):
    url = f"https://blog.example/post/{uuid.uuid4()}"
    response = client.post(
        "/push", content=b"A plain text article body, long enough to read.", headers={**AUTH, "Content-Type": "text/plain", "X-Source-URL": url}
    )
    assert response.status_code == 201, response.text
    assert response.json()["key"].endswith(".txt")
    assert source_url_from_metadata(_object(lake, response.json()["key"])["Metadata"]) == url


def test_refusals_are_json_4xx(client):
    json_type = {"Content-Type": "application/json"}
    cases = [
        (client.post("/push", content=b'{"text": "x"}', headers=json_type), 401),
        (client.post("/push", content=b'{"text": "x"}', headers={**json_type, "Authorization": "Bearer wrong"}), 403),
        (client.post("/push", content=b'{"text": ', headers={**json_type, **AUTH}), 400),
        (client.post("/push", content=b'{"title": "no body"}', headers={**json_type, **AUTH}), 422),
        (client.post("/push", content=b"%PDF-1.7", headers={**AUTH, "Content-Type": "application/pdf"}), 415),
        (client.post("/push", content=b"x" * (LIMIT + 1), headers={**AUTH, "Content-Type": "text/plain"}), 413),
        (client.post("/push", content=b"", headers={**json_type, **AUTH}), 400),
    ]
    for response, status in cases:
        assert response.status_code == status, (status, response.text)
        assert response.headers["content-type"] == "application/json"
        assert response.json()["error"]
        assert TOKEN not in response.text
    assert cases[0][0].headers["www-authenticate"] == "Bearer"
    assert "Expecting value" in cases[2][0].json()["error"]


def test_oversized_chunked_push_is_cut_off(client):
    def chunks():
        for _ in range(LIMIT // 4_000 + 2):
            yield b"y" * 4_000

    response = client.post("/push", content=chunks(), headers={**AUTH, "Content-Type": "text/plain"})
    assert response.status_code == 413 and "more than" in response.json()["error"]


def _land_directly(lake, key: str) -> dict:
    """An object written behind the service's back, as a producer writing to the bucket would."""
    put = s3_client(lake).put_object(Bucket=lake.bucket, Key=key, Body=f"Dropped file {key}".encode())
    return {"eTag": put["ETag"].strip('"'), "size": len(f"Dropped file {key}")}


def _aws_notification(bucket: str, encoded_key: str, etag: str, sequencer: str) -> dict:
    return {
        "Records": [
            {
                "eventVersion": "2.1",
                "eventSource": "aws:s3",
                "awsRegion": "us-east-1",
                "eventTime": "2026-03-02T10:15:30.123Z",
                "eventName": "ObjectCreated:Put",
                "userIdentity": {"principalId": "AWS:AIDAEXAMPLE"},
                "requestParameters": {"sourceIPAddress": "127.0.0.1"},
                "responseElements": {"x-amz-request-id": "C3D13FE58DE4C810", "x-amz-id-2": "example"},
                "s3": {
                    "s3SchemaVersion": "1.0",
                    "configurationId": "newslake",
                    "bucket": {"name": bucket, "ownerIdentity": {"principalId": "EXAMPLE"}, "arn": f"arn:aws:s3:::{bucket}"},
                    "object": {"key": encoded_key, "size": 10, "eTag": etag, "sequencer": sequencer},
                },
            }
        ]
    }


def test_aws_notification_is_announced_once_per_key_and_sequencer(lake, client, recorder):
    key = f"landing/drop/2026/03/02/morning brief {uuid.uuid4().hex[:8]}.txt"
    landed = _land_directly(lake, key)
    notification = _aws_notification(lake.bucket, key.replace(" ", "+"), landed["eTag"], "0055AED6DCD90281E5")

    first = client.post("/events/s3", json=notification, headers=AUTH)
    assert first.status_code == 202 and first.json() == {"accepted": 1, "ignored": 0, "duplicates": 0}
    redelivered = client.post("/events/s3", json=notification, headers=AUTH)
    assert redelivered.json() == {"accepted": 0, "ignored": 0, "duplicates": 1}
    assert recorder.sent & {(key, "0055AED6DCD90281E5")}
    assert [call for call in recorder.announced(key)] == [(key, "0055AED6DCD90281E5", "drop")] * 2  # the 2nd was a no-op

    rewritten = _aws_notification(lake.bucket, key.replace(" ", "+"), landed["eTag"], "0055AED6DCD90281F0")
    assert client.post("/events/s3", json=rewritten, headers=AUTH).json()["accepted"] == 1  # a new write of the key


def test_minio_webhook_notification(lake, client, recorder):
    key = f"landing/minio/2026/03/02/{uuid.uuid4().hex}.json"
    landed = _land_directly(lake, key)
    notification = {
        "EventName": "s3:ObjectCreated:Put",
        "Key": f"{lake.bucket}/{key}",
        "Records": [
            {
                "eventVersion": "2.0",
                "eventSource": "minio:s3",
                "awsRegion": "",
                "eventTime": "2026-03-02T10:15:31.000Z",
                "eventName": "s3:ObjectCreated:Put",
                "userIdentity": {"principalId": "minioadmin"},
                "requestParameters": {"principalId": "minioadmin", "region": "", "sourceIPAddress": "127.0.0.1"},
                "responseElements": {"x-amz-request-id": "17A9D2B0C5E4F001", "x-minio-origin-endpoint": "http://127.0.0.1:9000"},
                "s3": {
                    "s3SchemaVersion": "1.0",
                    "configurationId": "Config",
                    "bucket": {"name": lake.bucket, "ownerIdentity": {"principalId": "minioadmin"}, "arn": f"arn:aws:s3:::{lake.bucket}"},
                    "object": {
                        "key": key.replace("/", "%2F"),
                        "size": landed["size"],
                        "eTag": landed["eTag"],
                        "contentType": "application/json",
                        "userMetadata": {"content-type": "application/json"},
                        "sequencer": "17A9D2B0C5E4F001",
                    },
                },
                "source": {"host": "127.0.0.1", "port": "", "userAgent": "MinIO (linux; amd64) minio-go/v7.0.70"},
            }
        ],
    }
    response = client.post("/events/s3", json=notification, headers=AUTH)
    assert response.status_code == 202 and response.json()["accepted"] == 1
    assert recorder.announced(key) == [(key, "17A9D2B0C5E4F001", "minio")]
    assert client.post("/events/s3", json=notification, headers=AUTH).json()["duplicates"] == 1


def test_test_event_and_foreign_objects(lake, client, recorder):
    before = len(recorder.calls)
    test_event = {"Service": "Amazon S3", "Event": "s3:TestEvent", "Time": "2026-03-02T10:00:00.000Z", "Bucket": lake.bucket,
                  "RequestId": "5582815E1AEA5ADF", "HostId": "example"}
    response = client.post("/events/s3", json=test_event, headers=AUTH)
    assert response.status_code == 200 and response.json()["accepted"] == 0
    elsewhere = _aws_notification("another-bucket", "landing/x/a.txt", "abc", "01")
    assert client.post("/events/s3", json=elsewhere, headers=AUTH).json() == {"accepted": 0, "ignored": 1, "duplicates": 0}
    assert len(recorder.calls) == before
    bad = client.post("/events/s3", content=b'{"Records": 3}', headers=AUTH)
    assert bad.status_code == 400 and "must be a list" in bad.json()["error"]


def test_stop_is_quick_with_an_idle_connection_open(lake):
    endpoints = EndpointServer(lake, TOKEN, announce=Recorder(), host="127.0.0.1", port=0)
    url = endpoints.start()
    with httpx.Client(base_url=url) as http:  # keeps its connection alive
        assert http.get("/health").status_code == 200
        started = time.monotonic()
        endpoints.stop()
        assert time.monotonic() - started < 3
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{url}/health", timeout=2)
    endpoints.stop()  # idempotent


def test_a_busy_port_fails_start_with_a_clear_message(lake):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        with pytest.raises(RuntimeError, match="NEWSLAKE_HTTP_PORT"):
            EndpointServer(lake, TOKEN, announce=Recorder(), host="127.0.0.1", port=port).start()


def test_push_lands_even_when_the_event_cannot_be_sent(lake):
    """The object is the truth, the event a hint: a failed announcement is reported, not fatal."""

    def unreachable(settings, key, *, token=None, source=None):
        raise ConnectionError("no Prefect API")

    with EndpointServer(lake, TOKEN, announce=unreachable, host="127.0.0.1", port=0) as endpoints:
        response = httpx.post(f"{endpoints.url}/push", content=f"Words {uuid.uuid4()} for the lake.".encode(),
                              headers={**AUTH, "Content-Type": "text/plain"}, timeout=30)
    assert response.status_code == 201 and response.json()["event"] == "failed"
    assert _object(lake, response.json()["key"])["ContentLength"] > 0


def test_pushed_record_becomes_an_article(settings, local_stack, monkeypatch):
    """Push, then ingest the key: one `articles` row. The flow reads the session's settings
    (get_settings()), pointed here at this module's bucket so other tests' lakes stay as
    they expect them."""
    from flows.ingest import ingest
    from newslake.core.query import connect

    lake_in_bucket(settings, "newslake-endpoints")
    monkeypatch.setattr(settings, "bucket", "newslake-endpoints")
    url = f"https://wire.example/pushed/{uuid.uuid4()}"
    record = {"url": url, "title": "Pushed Over HTTP", "authors": "Ada Lovelace and Charles Babbage",
              "published_at": "2026-03-01T08:00:00Z", "text": "Engineers pushed this article over HTTP to the lake. " + PROSE}
    recorder = Recorder()
    with EndpointServer(settings, TOKEN, announce=recorder, host="127.0.0.1", port=0) as endpoints:
        response = httpx.post(f"{endpoints.url}/push", json=record, headers=AUTH, timeout=30)
    assert response.status_code == 201, response.text
    key = response.json()["key"]
    assert recorder.calls == [(key, key, "push")]

    report = ingest(keys=[key])
    assert report["articles_new"] == 1, report
    rows = connect(settings).sql(f"SELECT title, source, authors FROM articles WHERE url = '{url}'").fetchall()
    assert len(rows) == 1
    title, source, authors = rows[0]
    assert title == "Pushed Over HTTP" and source == "push"
    assert list(authors) == ["Ada Lovelace", "Charles Babbage"]
