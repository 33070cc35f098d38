"""HTTP fetching against a local server: conditional GET, limits, errors, politeness."""

from __future__ import annotations

import gzip
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tasks.feeds.fetch import FetchError, FetchLimits, HostClock, fetch, open_client, origin, page_extension
from tests.feed_server import LocalServer, Route

LIMITS = FetchLimits(timeout_seconds=2.0, max_bytes=50_000, host_delay_seconds=0.0, user_agent="newslake-test/1.0")
PAGE = b"<html><body><p>" + b"Harbour news. " * 100 + b"</p></body></html>"


@pytest.fixture()
def server():
    with LocalServer() as running:
        yield running


def _fetch(server: LocalServer, path: str, limits: FetchLimits = LIMITS, **kwargs):
    with open_client(limits) as client:
        return fetch(client, server.url(path), limits, clock=HostClock(), **kwargs)


def test_a_page_comes_back_with_its_validators_and_the_user_agent_is_sent(server):
    server.routes["/a"] = Route(PAGE, etag='"v1"', last_modified="Tue, 03 Mar 2026 10:00:00 GMT")
    page = _fetch(server, "/a")
    assert page.status == 200 and page.content == PAGE and not page.not_modified
    assert page.etag == '"v1"' and page.last_modified == "Tue, 03 Mar 2026 10:00:00 GMT"
    assert page.content_type.startswith("text/html")
    [seen] = server.hits("/a")
    assert seen.headers["user-agent"] == "newslake-test/1.0"
    assert "if-none-match" not in seen.headers


def test_conditional_get_with_an_etag_gets_304(server):
    server.routes["/feed"] = Route(b"<rss/>", etag='"abc"')
    result = _fetch(server, "/feed", etag='"abc"')
    assert result.not_modified and result.status == 304 and result.content == b""
    assert result.etag == '"abc"'
    assert server.hits("/feed")[0].headers["if-none-match"] == '"abc"'


def test_conditional_get_with_last_modified_gets_304_and_keeps_the_validator(server):
    stamp = "Mon, 02 Mar 2026 08:00:00 GMT"
    server.routes["/feed"] = Route(b"<rss/>", last_modified=stamp)
    result = _fetch(server, "/feed", last_modified=stamp)
    assert result.not_modified and result.last_modified == stamp
    assert server.hits("/feed")[0].headers["if-modified-since"] == stamp


def test_a_changed_resource_is_fetched_in_full_despite_old_validators(server):
    server.routes["/feed"] = Route(b"<rss>new</rss>", etag='"v2"')
    result = _fetch(server, "/feed", etag='"v1"')
    assert result.status == 200 and result.content == b"<rss>new</rss>" and result.etag == '"v2"'


def test_a_declared_length_over_the_limit_is_refused_before_reading(server):
    server.routes["/big"] = Route(b"x" * 60_000)
    with pytest.raises(FetchError) as raised:
        _fetch(server, "/big")
    assert raised.value.kind == "too_large" and raised.value.error_class == "TooLarge"
    assert server.url("/big") in str(raised.value) and "NEWSLAKE_FETCH_MAX_BYTES" in str(raised.value)


def test_an_undeclared_body_is_cut_off_at_the_limit_while_streaming(server):
    server.routes["/stream"] = Route(b"y" * 200_000, send_length=False)
    with pytest.raises(FetchError) as raised:
        _fetch(server, "/stream")
    assert raised.value.kind == "too_large" and "passed 50,000 bytes" in str(raised.value)


def test_the_limit_applies_to_the_decompressed_body(server):
    bomb = gzip.compress(b"z" * 400_000)  # ~400 bytes on the wire
    server.routes["/bomb"] = Route(bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError) as raised:
        _fetch(server, "/bomb")
    assert raised.value.kind == "too_large"


def test_a_server_that_does_not_answer_times_out(server):
    server.routes["/slow"] = Route(PAGE, delay=3.0)
    limits = FetchLimits(0.5, 50_000, 0.0, "t")
    started = time.monotonic()
    with pytest.raises(FetchError) as raised:
        _fetch(server, "/slow", limits)
    assert time.monotonic() - started < 2.0
    assert raised.value.kind == "timeout" and "timed out after 0.5 s" in str(raised.value)
    assert "NEWSLAKE_FETCH_TIMEOUT_SECONDS" in str(raised.value)


def test_a_body_dripped_slowly_stops_at_the_overall_deadline(server):
    server.routes["/drip"] = Route(b"d" * 20 * 1024, drip=0.15)  # 20 chunks, 3 s in all; no single read is slow
    limits = FetchLimits(0.6, 50_000, 0.0, "t")
    started = time.monotonic()
    with pytest.raises(FetchError) as raised:
        _fetch(server, "/drip", limits)
    assert raised.value.kind == "timeout"
    assert time.monotonic() - started < 1.5


@pytest.mark.parametrize("status, hint", [(404, "gone"), (403, "NEWSLAKE_USER_AGENT"), (503, "retried on the next poll")])
def test_error_statuses_name_the_url_the_status_and_what_to_do(server, status, hint):
    server.routes["/x"] = Route(b"no", status=status)
    with pytest.raises(FetchError) as raised:
        _fetch(server, "/x")
    error = raised.value
    assert error.kind == "status" and error.status == status and error.error_class == f"HTTP{status}"
    assert server.url("/x") in str(error) and f"HTTP {status}" in str(error) and hint in str(error)
    assert not error.permanent


def test_redirects_are_followed_and_the_final_url_reported(server):
    server.routes["/old"] = Route(b"", status=301, headers={"Location": "/new"})
    server.routes["/new"] = Route(PAGE)
    page = _fetch(server, "/old")
    assert page.content == PAGE and page.url == server.url("/new")


@pytest.mark.parametrize("url", ["ftp://files.example/a.html", "file:///etc/passwd", "javascript:alert(1)", "", "http://"])
def test_only_http_urls_are_fetched(url):
    with open_client(LIMITS) as client, pytest.raises(FetchError) as raised:
        fetch(client, url, LIMITS, clock=HostClock())
    assert raised.value.kind == "not_http" and raised.value.permanent


def test_an_unreachable_server_is_a_network_error():
    with LocalServer() as closed:
        url = closed.url("/gone")
    with open_client(LIMITS) as client, pytest.raises(FetchError) as raised:
        fetch(client, url, LIMITS, clock=HostClock())
    assert raised.value.kind == "network" and url in str(raised.value)


def test_two_requests_to_one_host_are_spaced_by_the_host_delay(server):
    server.routes["/p1"] = Route(PAGE)
    server.routes["/p2"] = Route(PAGE)
    limits = FetchLimits(2.0, 50_000, 0.4, "t")
    clock = HostClock()
    with open_client(limits) as client:
        fetch(client, server.url("/p1"), limits, clock=clock)
        fetch(client, server.url("/p2"), limits, clock=clock)
    first, second = server.hits("/p1")[0], server.hits("/p2")[0]
    assert second.at - first.ended >= 0.35


def test_concurrent_fetches_to_one_host_take_turns(server):
    for index in range(4):
        server.routes[f"/c{index}"] = Route(PAGE)
    limits = FetchLimits(5.0, 50_000, 0.2, "t")
    clock = HostClock()
    with open_client(limits) as client, ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda i: fetch(client, server.url(f"/c{i}"), limits, clock=clock), range(4)))
    arrivals = sorted(seen.at for seen in server.requests)
    gaps = [later - earlier for earlier, later in zip(arrivals, arrivals[1:])]
    assert len(arrivals) == 4 and min(gaps) >= 0.18


def test_the_host_clock_keeps_hosts_apart():
    clock = HostClock()
    starts: dict[str, list[float]] = {"a.example": [], "b.example": []}
    lock = threading.Lock()

    def visit(host: str) -> None:
        with clock.turn(host, 0.3):
            with lock:
                starts[host.lower()].append(time.monotonic())

    began = time.monotonic()
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(visit, ["a.example", "b.example", "A.example", "b.example"]))
    assert all(len(times) == 2 for times in starts.values())
    for times in starts.values():
        assert times[1] - times[0] >= 0.28  # same host (case-insensitive): spaced
    assert abs(starts["a.example"][0] - starts["b.example"][0]) < 0.2  # different hosts: at once
    assert time.monotonic() - began < 1.0


@pytest.mark.parametrize(
    "content_type, extension",
    [(None, ".html"), ("text/html; charset=utf-8", ".html"), ("application/xhtml+xml", ".html"), ("text/plain", ".txt")],
)
def test_pages_land_as_html_or_text(content_type, extension):
    assert page_extension("https://a.example/x", content_type) == extension


def test_other_content_types_are_refused_permanently():
    with pytest.raises(FetchError) as raised:
        page_extension("https://a.example/report.pdf", "application/pdf")
    assert raised.value.permanent and "application/pdf" in str(raised.value) and "fetch_pages = false" in str(raised.value)


def test_item_links_to_private_addresses_are_refused_unless_the_operator_named_the_host(server):
    from dataclasses import replace

    guarded = replace(LIMITS, public_only=True)
    server.routes["/story"] = Route(PAGE)
    with pytest.raises(FetchError) as refused:
        _fetch(server, "/story", guarded)
    assert refused.value.error_class == "NotPublic" and refused.value.permanent
    assert "127.0.0.1" in str(refused.value) and "NEWSLAKE_FETCH_PRIVATE_ADDRESSES" in str(refused.value)
    assert server.hits("/story") == []  # refused before any request left

    trusted = replace(guarded, trusted_origins=frozenset([origin(server.url("/"))]))  # the feed's own origin
    assert _fetch(server, "/story", trusted).content == PAGE


def test_a_redirect_from_a_trusted_host_to_a_private_one_is_refused(server):
    from dataclasses import replace

    server.routes["/moved"] = Route(status=302, headers={"Location": server.url("/inside", host="localhost")})
    server.routes["/inside"] = Route(PAGE)
    trusted = replace(LIMITS, public_only=True, trusted_origins=frozenset([origin(server.url("/"))]))
    with pytest.raises(FetchError) as refused:
        _fetch(server, "/moved", trusted)
    assert refused.value.error_class == "NotPublic" and "localhost" in str(refused.value)
    assert server.hits("/inside") == []


def test_the_feeds_own_host_on_another_port_is_not_trusted(server):
    """A feed on localhost:8080 may not make us fetch localhost's other services (the S3
    filer, a database admin page): the exemption is the feed's origin, not its host."""
    from dataclasses import replace

    feed_origin = origin(server.url("/"))
    other_port = (feed_origin[0], feed_origin[1], feed_origin[2] + 1)
    guarded = replace(LIMITS, public_only=True, trusted_origins=frozenset([other_port]))
    server.routes["/story"] = Route(PAGE)
    with pytest.raises(FetchError) as refused:
        _fetch(server, "/story", guarded)
    assert refused.value.error_class == "NotPublic"
    assert server.hits("/story") == []


def test_origins_make_the_default_port_explicit():
    assert origin("https://Example.org/feed.xml") == ("https", "example.org", 443)
    assert origin("http://example.org:8080/a") == ("http", "example.org", 8080)
    assert origin("ftp://example.org/") is None
