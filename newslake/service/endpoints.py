"""The HTTP endpoints of the service: S3 event notifications in, articles pushed in.

- ``POST /events/s3`` — an object store tells us an object was written under the
  landing prefix; we announce it (``newslake.object.landed``) so the ingest
  deployment picks it up. Formats: AWS S3, MinIO webhooks, EventBridge
  (:mod:`newslake.service.s3_notifications`).
- ``POST /push`` — a producer hands us an article (a JSON record, a list of them,
  or a raw HTML/text page with its URL); we land it as an immutable raw object,
  exactly as received, and announce it.
- ``GET /health`` — liveness, without authentication.

Both POST endpoints want ``Authorization: Bearer <token>`` (see
:mod:`newslake.service.api_token`). Every refusal is a 4xx with a JSON body
``{"error": "..."}`` saying what was wrong and what to do. The server runs in a
background thread (:class:`EndpointServer`) so ``newslake serve`` can run it
beside the watcher and the feed poller.

Events are hints: an announcement that fails is logged, never fatal — the
ingest flow's reconcile finds every landed object anyway.
"""

from __future__ import annotations

import hmac
import json
import logging
import socket
import threading
import time
import zlib
from collections.abc import Callable, Sequence
from typing import Any, Protocol
from urllib.parse import urlsplit

import uvicorn
from botocore.exceptions import BotoCoreError, ClientError
from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Route

from newslake.core.events import announce_landed, object_uri
from newslake.core.landing import Landed, is_landing_key, land_bytes, source_from_key
from newslake.core.settings import Settings
from newslake.core.storage import StorageError
from newslake.service.s3_notifications import NotificationError, ObjectCreated, read_notification
from newslake.stack.processes import StackError, listening_socket
from schemas.records import ArticleRecord

log = logging.getLogger(__name__)

PUSH_SOURCE = "push"
_PUSH_NAMES = {"application/json": "push.json", "text/html": "push.html", "text/plain": "push.txt"}
_ENDPOINTS = "GET /health, POST /events/s3 and POST /push"


class Announce(Protocol):
    """The shape of :func:`newslake.events.announce_landed`: True if an event was sent,
    False if this (key, token) was already announced."""

    def __call__(self, settings: Settings, key: str, *, token: str | None = None, source: str | None = None) -> bool: ...


# ---------------------------------------------------------------- pure checks


def bearer_problem(header: str | None, token: str) -> tuple[int, str] | None:
    """(status, message) if the Authorization header does not carry ``token``, else None.
    Missing or non-Bearer credentials are 401 (authenticate); a wrong token is 403."""
    if not header or not header.strip():
        return 401, "authentication required: send the header `Authorization: Bearer <token>`"
    scheme, _, credentials = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not credentials.strip():
        return 401, "unsupported credentials: send the header `Authorization: Bearer <token>`"
    if not hmac.compare_digest(credentials.strip().encode("utf-8"), token.encode("utf-8")):
        return 403, "the bearer token is not valid: use the token of this service (NEWSLAKE_API_TOKEN or <state_dir>/api_token)"
    return None


def media_type(content_type: str | None) -> str:
    """``text/html; charset=utf-8`` → ``text/html``."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def url_problem(url: str | None, *, required: bool) -> str | None:
    """Why ``url`` cannot be the source URL of a pushed page, or None if it can."""
    if not url:
        return "a source URL is required: pass it as the `url` query parameter or the `X-Source-URL` header" if required else None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError as exc:
        return f"the source URL {url!r} is not a valid URL ({exc})"
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return f"the source URL {url!r} is not an absolute http or https URL"
    return None


def record_problems(value: Any) -> list[str]:
    """Why a decoded JSON push is not one article record or a list of them (empty: it is).
    A record must validate as :class:`~schemas.records.ArticleRecord` and carry a body."""
    if isinstance(value, dict):
        items: list[Any] = [value]
    elif isinstance(value, list):
        if not value:
            return ["the list is empty: send at least one record"]
        items = value
    else:
        return [f"expected a JSON object (one record) or a list of records, got a {type(value).__name__}"]
    problems = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            problems.append(f"record {index} is a {type(item).__name__}, not a JSON object")
            continue
        try:
            record = ArticleRecord.model_validate(item)
        except ValidationError as exc:
            fields = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'record'}: {e['msg']}" for e in exc.errors())
            problems.append(f"record {index} has invalid fields: {fields}")
            continue
        if not (record.text or record.html):
            problems.append(f"record {index} has neither `text` nor `html`: an article needs its body")
    return problems


def text_problem(body: bytes) -> str | None:
    """Why a pushed HTML/text body is not text, or None. Only its opening is looked at —
    decompressed with a bound when gzipped, so a compressed bomb costs nothing here."""
    head = body[:4096]
    if body[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS).decompress(body, 4096)
        except zlib.error as exc:
            return f"the body starts like gzip but is not valid gzip data ({exc})"
    if b"\x00" in head:
        return "the body is binary (it contains NUL bytes), not an HTML page or a text article"
    if not head.strip():
        return "the body is empty once decompressed: send the article's text"
    return None


def in_landing(settings: Settings, created: ObjectCreated) -> bool:
    """Only objects in our bucket under the landing prefix are ours to ingest; a key that
    climbs out of it (``landing/../lake/...``) is not."""
    return created.bucket == settings.bucket and is_landing_key(settings, created.key)


# ---------------------------------------------------------------- the app


def create_app(
    settings: Settings, token: str, announce: Announce = announce_landed, mounts: Sequence[BaseRoute] = ()
) -> Starlette:
    """The endpoints as an ASGI app. ``announce`` is called for every landed object
    (tests pass a recorder; the service passes :func:`newslake.events.announce_landed`).
    ``mounts`` are served beside them on the same port (the service mounts the web app)."""
    if not token:
        raise ValueError("the endpoints need a non-empty bearer token (see newslake.api_token.resolve_token)")
    limit = settings.max_payload_bytes

    def authorize(request: Request) -> None:
        problem = bearer_problem(request.headers.get("authorization"), token)
        if problem:
            status, message = problem
            headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
            raise HTTPException(status, message, headers=headers)

    def check_length(request: Request) -> None:
        """Refuse a declared oversized body before reading a byte of it."""
        declared = request.headers.get("content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                raise HTTPException(400, f"the Content-Length header {declared!r} is not a number")
            if int(declared) > limit:
                raise HTTPException(413, _too_large(int(declared), limit))

    async def read_body(request: Request) -> bytes:
        """The body, counted as it streams in: a missing or false Content-Length does not
        get a larger body past the limit."""
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise HTTPException(413, _too_large(size, limit, at_least=True))
            chunks.append(chunk)
        body = b"".join(chunks)
        if not body.strip():
            raise HTTPException(400, "the request body is empty: send the payload in the body")
        return body

    async def emit(key: str, token_: str | None, source: str) -> bool | None:
        """True/False as ``announce`` says; None if it failed (logged: the watcher or the
        ingest reconcile will still find the object)."""
        try:
            return bool(await run_in_threadpool(announce, settings, key, token=token_, source=source))
        except Exception:  # noqa: BLE001 - an event is a hint; failing to send one is not the caller's fault
            log.warning("could not announce %s", object_uri(settings, key), exc_info=True)
            return None

    async def health(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def s3_events(request: Request) -> JSONResponse:
        authorize(request)
        check_length(request)
        body = await read_body(request)
        try:
            notification = read_notification(body)
        except NotificationError as exc:
            raise HTTPException(400, f"not an S3 event notification: {exc}") from exc
        if notification.test_event:
            return JSONResponse({"accepted": 0, "ignored": 0, "duplicates": 0, "test_event": True})
        ours = [created for created in notification.created if in_landing(settings, created)]
        ignored = notification.other_events + len(notification.created) - len(ours)
        accepted = duplicates = 0
        for created in ours:
            sent = await emit(created.key, created.token, source_from_key(settings, created.key))
            if sent is None:
                raise HTTPException(
                    503, f"could not announce {object_uri(settings, created.key)}: the event system is "
                    "unavailable; retry the delivery later"
                )
            accepted += sent
            duplicates += not sent
        log.info("S3 notification: %d announced, %d duplicates, %d ignored", accepted, duplicates, ignored)
        return JSONResponse({"accepted": accepted, "ignored": ignored, "duplicates": duplicates}, status_code=202)

    async def push(request: Request) -> JSONResponse:
        authorize(request)
        check_length(request)
        kind = media_type(request.headers.get("content-type"))
        if kind not in _PUSH_NAMES:
            raise HTTPException(
                415, f"unsupported Content-Type {kind or '(none)'!r}: send application/json (an article "
                "record or a list of them), text/html or text/plain"
            )
        url = request.query_params.get("url") or request.headers.get("x-source-url") or None
        problem = url_problem(url, required=kind == "text/html")
        if problem:
            raise HTTPException(400, problem)
        body = await read_body(request)
        await run_in_threadpool(_check_payload, kind, body)  # parsing megabytes must not stall the loop
        landed = await _land(settings, body, _PUSH_NAMES[kind], url)
        sent = await emit(landed.key, landed.key, PUSH_SOURCE)
        log.info("pushed %d bytes → %s (new: %s)", len(body), landed.key, landed.created)
        return JSONResponse(
            {
                "key": landed.key,
                "created": landed.created,
                "uri": object_uri(settings, landed.key),
                "event": {True: "sent", False: "duplicate", None: "failed"}[sent],
            },
            status_code=201 if landed.created else 200,
        )

    return Starlette(
        routes=[
            Route("/health", health, methods=["GET"]),
            Route("/events/s3", s3_events, methods=["POST"]),
            Route("/push", push, methods=["POST"]),
            *mounts,
        ],
        exception_handlers={HTTPException: _http_error, Exception: _server_error},
    )


def _check_payload(kind: str, body: bytes) -> None:
    if kind == "application/json":
        _check_records(body)
        return
    problem = text_problem(body)
    if problem:
        raise HTTPException(400, problem)


def _check_records(body: bytes) -> None:
    try:
        value = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise HTTPException(400, f"the body is not valid JSON: {exc}") from exc
    except RecursionError as exc:
        raise HTTPException(400, "the body is JSON nested too deeply to be an article record") from exc
    problems = record_problems(value)
    if problems:
        shown = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
        raise HTTPException(422, f"not an article record: {shown}")


async def _land(settings: Settings, body: bytes, name: str, url: str | None) -> Landed:
    try:
        return await run_in_threadpool(land_bytes, settings, body, source=PUSH_SOURCE, name=name, source_url=url)
    except (ClientError, BotoCoreError, StorageError) as exc:
        log.error("could not land a pushed payload in s3://%s: %s", settings.bucket, exc)
        raise HTTPException(
            503, f"could not store the payload in s3://{settings.bucket}: the object store is unavailable "
            f"({type(exc).__name__}); nothing was stored, retry later"
        ) from exc


def _too_large(size: int, limit: int, *, at_least: bool = False) -> str:
    amount = f"more than {limit}" if at_least else str(size)
    return f"the body is {amount} bytes, over the {limit} byte limit (NEWSLAKE_MAX_PAYLOAD_BYTES): send less per request"


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    message = exc.detail
    if exc.status_code == 404:
        message = f"no endpoint at {request.url.path}: the endpoints are {_ENDPOINTS}"
    elif exc.status_code == 405:
        message = f"{request.method} is not allowed on {request.url.path}: the endpoints are {_ENDPOINTS}"
    return JSONResponse({"error": message}, status_code=exc.status_code, headers=exc.headers)


async def _server_error(request: Request, exc: Exception) -> JSONResponse:
    """Starlette re-raises after this reply, so uvicorn still logs the traceback."""
    return JSONResponse({"error": "internal error; the server log has the details"}, status_code=500)


# ---------------------------------------------------------------- the server


class EndpointServer:
    """The app served by uvicorn on a background thread.

    ``start()`` returns once the socket is listening (port 0 picks a free port;
    :attr:`url` reports the real one); ``stop()`` asks uvicorn to exit and joins
    the thread, forcing the exit if open connections keep it past ``timeout``.
    """

    def __init__(
        self,
        settings: Settings,
        token: str,
        *,
        announce: Announce = announce_landed,
        host: str | None = None,
        port: int | None = None,
        mounts: Sequence[BaseRoute] = (),
    ) -> None:
        self.host = host or settings.http_host
        self._requested_port = settings.http_port if port is None else port
        self._app = create_app(settings, token, announce, mounts)
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None
        self.port: int | None = None

    @property
    def url(self) -> str:
        if self.port is None:
            raise RuntimeError("the endpoint server is not started")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def start(self, timeout: float = 10.0) -> str:
        """Bind, serve in a daemon thread, and return the URL once requests are accepted."""
        if self._thread is not None:
            return self.url
        try:
            self._socket = listening_socket(self.host, self._requested_port, backlog=2048)
        except StackError as exc:
            raise RuntimeError(f"{exc}: stop the program using it, or choose another port with NEWSLAKE_HTTP_PORT") from exc
        self._socket.setblocking(False)
        self.port = self._socket.getsockname()[1]
        config = uvicorn.Config(
            self._app,
            log_config=None,  # keep the process's logging setup (Prefect's, the CLI's)
            lifespan="off",
            timeout_graceful_shutdown=2,
            server_header=False,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, name="newslake-endpoints", daemon=True
        )
        self._thread.start()
        if not _wait(lambda: self._server.started or not self._thread.is_alive(), timeout) or not self._server.started:
            self.stop()
            raise RuntimeError(f"the HTTP endpoints did not start on {self.host}:{self.port} within {timeout:g} s")
        log.info("HTTP endpoints listening on %s", self.url)
        return self.url

    def stop(self, timeout: float = 5.0) -> None:
        """Ask uvicorn to exit, wait for it; idempotent."""
        server, thread = self._server, self._thread
        if server is not None and thread is not None:
            server.should_exit = True
            thread.join(timeout)
            if thread.is_alive():
                server.force_exit = True
                thread.join(timeout)
        if self._socket is not None:
            self._socket.close()
        self._server = self._thread = self._socket = None

    def __enter__(self) -> EndpointServer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def _wait(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True
