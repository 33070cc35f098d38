"""A local HTTP server in a thread, serving canned feeds and pages to the fetch and feed tests.

Each path answers with a :class:`Route`: a status, a body and headers, optionally
honouring ``If-None-Match``/``If-Modified-Since`` with a 304, stalling before it
answers, or dripping its body slowly. Every request is recorded with its headers
and arrival time, so tests can check what the fetcher sent and when.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0  # seconds before the response starts
    drip: float = 0.0  # seconds between 1 KiB chunks of the body
    send_length: bool = True
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    at: float  # time.monotonic() on arrival
    ended: float = 0.0  # ... and once answered


class LocalServer:
    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                seen = Seen(self.path, {name.lower(): value for name, value in self.headers.items()}, time.monotonic())
                with server._lock:
                    server.requests.append(seen)  # recorded on arrival: the client may look before we finish
                try:
                    server._answer(self, seen.headers)
                finally:
                    seen.ended = time.monotonic()

            def log_message(self, *args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer((host, 0), Handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self.host = host
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def url(self, path: str, host: str | None = None) -> str:
        return f"http://{host or self.host}:{self.port}{path}"

    def hits(self, path: str) -> list[Seen]:
        with self._lock:
            return [seen for seen in self.requests if seen.path == path]

    def _answer(self, handler: BaseHTTPRequestHandler, headers: dict[str, str]) -> None:
        route = self.routes.get(handler.path)
        if route is None:
            body = b"<html><body><h1>Not Found</h1></body></html>"
            handler.send_response(404)
            handler.send_header("Content-Type", "text/html")
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
            return
        if route.delay:
            time.sleep(route.delay)
        validators = {}
        if route.etag:
            validators["ETag"] = route.etag
        if route.last_modified:
            validators["Last-Modified"] = route.last_modified
        unchanged = (route.etag and headers.get("if-none-match") == route.etag) or (
            route.last_modified and headers.get("if-modified-since") == route.last_modified
        )
        if unchanged:
            handler.send_response(304)
            for name, value in validators.items():
                handler.send_header(name, value)
            handler.end_headers()
            return
        handler.send_response(route.status)
        handler.send_header("Content-Type", route.content_type)
        if route.send_length:
            handler.send_header("Content-Length", str(len(route.body)))
        for name, value in {**validators, **route.headers}.items():
            handler.send_header(name, value)
        handler.end_headers()
        try:
            if route.drip:
                for start in range(0, len(route.body), 1024):
                    handler.wfile.write(route.body[start : start + 1024])
                    handler.wfile.flush()
                    time.sleep(route.drip)
            else:
                handler.wfile.write(route.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (size or time limit): that is what the test wanted
