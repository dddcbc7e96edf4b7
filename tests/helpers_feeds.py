"""A real loopback HTTP server whose responses tests script per path.

``ScriptedServer`` runs :class:`http.server.ThreadingHTTPServer` on
127.0.0.1 (or another loopback address) in a thread. Each route is a function
``handler(req)`` that writes the response with the usual
``BaseHTTPRequestHandler`` calls. The server records every request (path and
headers) and the highest number of requests it was serving at once, which is
how the concurrency tests observe the client's per-host limit from outside.
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Handler = Callable[[BaseHTTPRequestHandler], None]


class ConcurrencyGauge:
    """Counts requests in flight; shared between servers to see concurrency across hosts."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.active = 0
        self.max_active = 0

    def enter(self) -> None:
        with self.lock:
            self.active += 1
            self.max_active = max(self.max_active, self.active)

    def leave(self) -> None:
        with self.lock:
            self.active -= 1


class ScriptedServer:
    def __init__(self, host: str = "127.0.0.1", gauge: ConcurrencyGauge | None = None) -> None:
        self.routes: dict[str, Handler] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.gauge = ConcurrencyGauge()
        self.shared_gauge = gauge
        self.stop = threading.Event()  # stalling handlers wait on this so teardown is quick
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # else header+body writes meet delayed ACKs: 40 ms each

            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:  # noqa: N802 (stdlib name)
                path = self.path.split("?", 1)[0]
                with server.gauge.lock:
                    server.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                server.gauge.enter()
                if server.shared_gauge:
                    server.shared_gauge.enter()
                try:
                    handler = server.routes.get(path)
                    if handler is None:
                        send(self, 404, b"not found")
                    else:
                        handler(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    server.gauge.leave()
                    if server.shared_gauge:
                        server.shared_gauge.leave()

        self.httpd = ThreadingHTTPServer((host, 0), _Handler)
        self.httpd.daemon_threads = True
        self.host = host
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> ScriptedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def route(self, path: str, handler: Handler) -> str:
        self.routes[path] = handler
        return self.url(path)

    def hits(self, path: str) -> list[dict[str, str]]:
        return [h for p, h in self.requests if p.split("?", 1)[0] == path]


def send(req: BaseHTTPRequestHandler, status: int, body: bytes = b"", headers: dict[str, str] | None = None,
         content_length: bool = True) -> None:
    req.send_response(status)
    headers = dict(headers or {})
    if content_length:
        headers.setdefault("Content-Length", str(len(body)))
    else:
        headers["Connection"] = "close"
        req.close_connection = True
    for k, v in headers.items():
        req.send_header(k, v)
    req.end_headers()
    if body:
        req.wfile.write(body)


def static(body: bytes, status: int = 200, headers: dict[str, str] | None = None, **kw: Any) -> Handler:
    return lambda req: send(req, status, body, headers, **kw)


def cached(body: bytes, etag: str = '"v1"', last_modified: str = "Mon, 01 Jan 2024 00:00:00 GMT",
           content_type: str = "application/xml") -> Handler:
    """200 with validators, 304 when the request carries a matching one."""

    def handler(req: BaseHTTPRequestHandler) -> None:
        inm = req.headers.get("If-None-Match")
        ims = req.headers.get("If-Modified-Since")
        if (inm is not None and inm == etag) or (inm is None and ims == last_modified):
            send(req, 304, b"", {"ETag": etag, "Last-Modified": last_modified})
        else:
            send(req, 200, body, {"ETag": etag, "Last-Modified": last_modified, "Content-Type": content_type})

    return handler


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def gzip_bomb(decoded_mb: int) -> bytes:
    """A gzip stream that inflates to ``decoded_mb`` MB of zeros, built from 1 MB members.

    Concatenated members are valid gzip (RFC 1952 §2.2); each 1 MB member of
    zeros is about 1 KB, so a 10 GB bomb is about 10 MB on the wire and costs
    no time to build.
    """
    member = gzip.compress(b"\0" * (1024 * 1024), compresslevel=9, mtime=0)
    return member * decoded_mb


def rss(items: list[dict[str, str]], title: str = "Test feed", extra_head: str = "",
        encoding: str = "utf-8", language: str | None = "en") -> bytes:
    """A small RSS 2.0 document; each item dict may have title, link, guid, description, pubDate."""
    parts = [f'<?xml version="1.0" encoding="{encoding}"?>', extra_head,
             '<rss version="2.0"><channel>', f"<title>{title}</title>", "<link>http://example.org/</link>"]
    if language:
        parts.append(f"<language>{language}</language>")
    for it in items:
        parts.append("<item>")
        for key in ("title", "link", "guid", "description", "pubDate"):
            if key in it:
                attr = ' isPermaLink="false"' if key == "guid" and not it[key].startswith("http") else ""
                parts.append(f"<{key}{attr}>{it[key]}</{key}>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "\n".join(parts).encode(encoding)
