"""Fetching feeds and pages over HTTP: conditional, bounded and polite.

- Conditional GET: the caller passes the ``ETag``/``Last-Modified`` it stored, and a
  ``304 Not Modified`` comes back as a :class:`Fetched` with ``not_modified`` set, so an
  unchanged feed costs one small request.
- Bounds: one fetch may take ``fetch_timeout_seconds`` in all (not per read, so a
  server dripping bytes cannot hold a worker), and its body may not exceed
  ``fetch_max_bytes`` (checked against ``Content-Length``, then counted while
  streaming, after decompression — a gzip bomb stops at the limit too).
- Politeness: :class:`HostClock` lets one request at a time reach a host and keeps
  ``host_delay_seconds`` between the end of one and the start of the next, across
  all threads of the process.

Every failure is a :class:`FetchError` that names the URL, says what happened and
what to do about it; nothing else escapes :func:`fetch`.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from newslake.core.settings import Settings

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
MAX_REDIRECTS = 5


class FetchError(RuntimeError):
    """A fetch that failed. ``kind`` is one of ``status``, ``timeout``, ``too_large``,
    ``not_http``, ``not_html``, ``network``; ``permanent`` failures are not worth retrying."""

    def __init__(self, url: str, reason: str, *, kind: str, hint: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}; {hint}")
        self.url = url
        self.reason = reason
        self.kind = kind
        self.status = status
        self.hint = hint

    @property
    def permanent(self) -> bool:
        return self.kind in ("not_http", "not_html", "not_public")

    @property
    def error_class(self) -> str:
        """A short, groupable name for the ``rejects.error_class`` column."""
        if self.kind == "status":
            return f"HTTP{self.status}"
        names = {
            "timeout": "Timeout", "too_large": "TooLarge", "not_http": "NotHttp", "not_html": "NotHtml",
            "not_public": "NotPublic",
        }
        return names.get(self.kind, "NetworkError")


@dataclass(frozen=True)
class FetchLimits:
    timeout_seconds: float
    max_bytes: int
    host_delay_seconds: float
    user_agent: str
    # Item links come from third parties: refuse ones (or redirects) that resolve to private,
    # loopback or link-local addresses, except on the origins the operator named (the feed's
    # own scheme, host and port: another port of the same host may be an internal service).
    public_only: bool = False
    trusted_origins: frozenset[tuple[str, str, int]] = frozenset()

    @classmethod
    def from_settings(cls, settings: Settings, trusted_origins: frozenset[tuple[str, str, int]] = frozenset()) -> FetchLimits:
        return cls(
            settings.fetch_timeout_seconds,
            settings.fetch_max_bytes,
            settings.host_delay_seconds,
            settings.user_agent,
            public_only=not settings.fetch_private_addresses,
            trusted_origins=trusted_origins,
        )


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int
    content: bytes
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class _HostSlot:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.next_at = 0.0


class HostClock:
    """One request at a time per host, and a pause between two of them.

    Thread-safe; one clock per process (:data:`HOST_CLOCK`) so that feeds polled
    concurrently still share one budget per host. Hosts are compared by name,
    without port, case-insensitively.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._slots: dict[str, _HostSlot] = {}

    def _slot(self, host: str) -> _HostSlot:
        with self._lock:
            return self._slots.setdefault(host.lower(), _HostSlot())

    @contextmanager
    def turn(self, host: str, delay: float) -> Iterator[None]:
        """Wait for this host's turn, hold it for the block, then start its pause."""
        slot = self._slot(host)
        with slot.lock:
            wait = slot.next_at - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                yield
            finally:
                slot.next_at = time.monotonic() + delay


HOST_CLOCK = HostClock()


def is_http_url(url: str | None) -> bool:
    if not url:
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


_DEFAULT_PORTS = {"http": 80, "https": 443}


def origin(url: str | httpx.URL) -> tuple[str, str, int] | None:
    """(scheme, host, port) of a URL, the port made explicit; None if it has none."""
    parsed = httpx.URL(str(url)) if not isinstance(url, httpx.URL) else url
    scheme, host = parsed.scheme.lower(), (parsed.host or "").lower()
    if scheme not in _DEFAULT_PORTS or not host:
        return None
    return scheme, host, parsed.port or _DEFAULT_PORTS[scheme]


def open_client(limits: FetchLimits) -> httpx.Client:
    """An HTTP client for a poll (thread-safe; reuses connections per host). With
    ``limits.public_only``, every request, redirects included, passes :func:`refuse_private`."""
    hooks = {"request": [lambda request: refuse_private(request.url, limits.trusted_origins)]} if limits.public_only else {}
    return httpx.Client(
        headers={"User-Agent": limits.user_agent},
        timeout=httpx.Timeout(limits.timeout_seconds),
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        event_hooks=hooks,
    )


def refuse_private(url: httpx.URL, trusted_origins: frozenset[tuple[str, str, int]]) -> None:
    """Raise :class:`FetchError` if ``url``'s host resolves to a non-public address and the
    operator did not name that origin. A name that does not resolve is left to the request."""
    host = url.host
    if origin(url) in trusted_origins:
        return
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, url.port or 443, proto=socket.IPPROTO_TCP)}
    except socket.gaierror:
        return
    for address in sorted(addresses):
        if not ipaddress.ip_address(address.split("%", 1)[0]).is_global:
            raise FetchError(
                str(url), f"{host} resolves to {address}, which is not a public address", kind="not_public",
                hint="item pages are fetched from public addresses only; set NEWSLAKE_FETCH_PRIVATE_ADDRESSES=true "
                "if this feed's pages really live on your own network",
            )


def conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def fetch(
    client: httpx.Client,
    url: str,
    limits: FetchLimits,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    accept: str = PAGE_ACCEPT,
    clock: HostClock = HOST_CLOCK,
) -> Fetched:
    """GET ``url`` within the limits, in the host's turn. Raises :class:`FetchError`."""
    if not is_http_url(url):
        raise FetchError(url, "not an http(s) URL", kind="not_http", hint="only http and https links are fetched")
    headers = {"Accept": accept, **conditional_headers(etag, last_modified)}
    host = urlsplit(url).hostname or ""
    with clock.turn(host, limits.host_delay_seconds):
        deadline = time.monotonic() + limits.timeout_seconds
        try:
            with client.stream("GET", url, headers=headers) as response:
                if response.status_code == 304:
                    return Fetched(
                        str(response.url), 304, b"",
                        response.headers.get("ETag") or etag,
                        response.headers.get("Last-Modified") or last_modified,
                        response.headers.get("Content-Type"),
                    )
                if not 200 <= response.status_code < 300:
                    raise status_error(url, response.status_code, response.reason_phrase)
                content = read_bounded(url, response, limits, deadline)
                return Fetched(
                    str(response.url),
                    response.status_code,
                    content,
                    response.headers.get("ETag"),
                    response.headers.get("Last-Modified"),
                    response.headers.get("Content-Type"),
                )
        except httpx.TimeoutException:
            raise timeout_error(url, limits) from None
        except httpx.HTTPError as exc:
            raise FetchError(
                url, f"{type(exc).__name__}: {exc}", kind="network",
                hint="check the host name and that the server is reachable; it is retried on the next poll",
            ) from None


def read_bounded(url: str, response: httpx.Response, limits: FetchLimits, deadline: float) -> bytes:
    """The decoded body, or a FetchError as soon as it passes the size or time limit."""
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > limits.max_bytes:
        raise too_large_error(url, limits, f"declares {int(declared):,} bytes")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limits.max_bytes:
            raise too_large_error(url, limits, f"passed {limits.max_bytes:,} bytes")
        if time.monotonic() > deadline:
            raise timeout_error(url, limits)
        chunks.append(chunk)
    return b"".join(chunks)


def status_error(url: str, status: int, phrase: str | None) -> FetchError:
    if status in (401, 402, 403):
        hint = "the site refuses this fetcher: check NEWSLAKE_USER_AGENT, or whether the page needs a login"
    elif status in (404, 410):
        hint = "the page is gone or the link is wrong; it is retried on later polls, up to the attempt limit"
    elif status == 429 or status >= 500:
        hint = "the server is busy or failing; it is retried on the next poll (raise NEWSLAKE_HOST_DELAY_SECONDS if 429 persists)"
    else:
        hint = "check the URL in a browser"
    reason = f"HTTP {status} {phrase}".rstrip()
    return FetchError(url, reason, kind="status", status=status, hint=hint)


def timeout_error(url: str, limits: FetchLimits) -> FetchError:
    return FetchError(
        url, f"timed out after {limits.timeout_seconds:g} s", kind="timeout",
        hint="it is retried on the next poll; raise NEWSLAKE_FETCH_TIMEOUT_SECONDS if this server is always slow",
    )


def too_large_error(url: str, limits: FetchLimits, detail: str) -> FetchError:
    return FetchError(
        url, f"too large: the response {detail}, over the limit of {limits.max_bytes:,} bytes", kind="too_large",
        hint="raise NEWSLAKE_FETCH_MAX_BYTES if this page is legitimate",
    )


def page_extension(url: str, content_type: str | None) -> str:
    """The landing extension of a fetched page: ``.html`` (also when the server names no
    type), ``.txt`` for plain text. Anything else (PDF, images, video) is refused."""
    media = (content_type or "").split(";", 1)[0].strip().lower()
    if media in ("", "text/html", "application/xhtml+xml"):
        return ".html"
    if media == "text/plain":
        return ".txt"
    raise FetchError(
        url, f"not a web page (Content-Type {media})", kind="not_html",
        hint="only HTML and plain-text pages are landed; set fetch_pages = false for this feed if its items carry the full text",
    )
