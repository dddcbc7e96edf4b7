"""Real parts for the daemon tests: a loopback RSS server, a config dir, the daemon.

- :class:`FeedServer`: a ``ThreadingHTTPServer`` on 127.0.0.1 serving small RSS
  documents per path and recording every request (path, time).
- :func:`write_config`: a tiny graph (three nodes, "Port of Testhaven"),
  ``feeds.yaml`` and ``monitor.yaml`` with second-scale intervals.
- :class:`Daemon`: ``/work/venv/bin/monitor run`` as a subprocess with
  ``MONITOR_DATABASE_URL`` on a temp SQLite file, logs to a file we can read
  while it runs.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from email.utils import format_datetime
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

MONITOR = str(Path(sys.executable).with_name("monitor"))

GRAPH = """\
ecosystems:
  - {id: mobility-automotive, name: Mobility}
  - {id: electronics, name: Electronics}
nodes:
  - id: port-testhaven
    name: Port of Testhaven
    kind: port
    ecosystem: mobility-automotive
    location: {country: NL, lat: 51.9, lon: 4.1}
    aliases: ["Port of Testhaven", "Testhaven port"]
    provides: [container-port]
  - id: chipworks-testburg
    name: Chipworks Testburg
    kind: company
    ecosystem: electronics
    location: {country: DE, lat: 51.0, lon: 13.7}
    aliases: ["Chipworks Testburg"]
    provides: [semiconductors]
  - id: testville-automotive
    name: Testville automotive cluster
    kind: cluster
    ecosystem: mobility-automotive
    location: {country: DE, lat: 48.1, lon: 11.5}
    aliases: ["Testville automotive cluster"]
edges:
  - {from: chipworks-testburg, to: testville-automotive, product: semiconductors, share: 0.6, via: [port-testhaven]}
"""


def rss(items: list[tuple[str, str, str]], title: str = "Test feed") -> bytes:
    """An RSS 2.0 document from ``(guid, title, description)`` triples."""
    now = format_datetime(datetime.now(UTC))
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<rss version="2.0"><channel><title>{escape(title)}</title><link>http://127.0.0.1/</link>',
        f"<description>test</description><lastBuildDate>{now}</lastBuildDate>",
    ]
    for guid, t, d in items:
        parts.append(
            f"<item><guid isPermaLink=\"false\">{escape(guid)}</guid><title>{escape(t)}</title>"
            f"<link>http://127.0.0.1/{escape(guid)}</link><description>{escape(d)}</description>"
            f"<pubDate>{now}</pubDate></item>"
        )
    parts.append("</channel></rss>")
    return "\n".join(parts).encode()


def quiet_items(prefix: str, n: int) -> list[tuple[str, str, str]]:
    """Items that name no graph node (no events)."""
    return [(f"{prefix}-{i}", f"Weather report {prefix} {i}", f"Mild and dry, entry {i}.") for i in range(n)]


FIRE_ITEM = (
    "fire-1",
    "Major fire at Port of Testhaven halts container terminal",
    "A major fire broke out at the Port of Testhaven on Monday; the container terminal is closed.",
)


class FeedServer:
    """RSS over loopback HTTP; ``bodies[path]`` (bytes, or a callable making them
    per request) is served after ``delays[path]`` seconds; every hit is recorded."""

    def __init__(self) -> None:
        self.bodies: dict[str, bytes | Callable[[], bytes]] = {}
        self.delays: dict[str, float] = {}
        self.content_types: dict[str, str] = {}  # per path; default RSS in UTF-8
        self.hits: list[tuple[str, float]] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                path = self.path.split("?", 1)[0]
                with server._lock:
                    server.hits.append((path, time.monotonic()))
                    body = server.bodies.get(path)
                    delay = server.delays.get(path, 0.0)
                if delay:
                    time.sleep(delay)
                if callable(body):
                    body = body()
                if body is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", server.content_types.get(path, "application/rss+xml; charset=utf-8"))
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                return

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> FeedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def hits_of(self, path: str) -> list[float]:
        with self._lock:
            return [t for p, t in self.hits if p == path]


def write_config(
    root: Path,
    feeds: list[dict[str, Any]],
    *,
    schedule: dict[str, str] | None = None,
    monitor_extra: str = "",
    group_wait: str = "0s",
) -> Path:
    """A config dir with the tiny graph, ``feeds.yaml`` and ``monitor.yaml``."""
    cfg = root / "config"
    (cfg / "graph").mkdir(parents=True, exist_ok=True)
    (cfg / "graph" / "test.yaml").write_text(GRAPH)
    lines = ["news:"]
    for f in feeds:
        lines.append("  - " + json.dumps(f))
    (cfg / "feeds.yaml").write_text("\n".join(lines) + "\n")
    sched = {"tick": "1s", "outbox": "1s", "expiry": "5s", "housekeeping": "30s", "lease": "5s"}
    sched.update(schedule or {})
    body = "schedule: {" + ", ".join(f"{k}: {v}" for k, v in sched.items()) + "}\n"
    body += f"alerts: {{group_wait: {group_wait}}}\n" + monitor_extra
    (cfg / "monitor.yaml").write_text(body)
    return cfg


def wait_for(predicate: Callable[[], Any], timeout: float = 15.0, interval: float = 0.1, what: str = "condition",
             state: Callable[[], Any] | None = None) -> Any:
    """Poll ``predicate`` until it is truthy; on timeout fail naming ``what``
    and, if given, what ``state()`` says (so a failure shows which part was missing)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            seen = f"; state: {state()!r}" if state is not None else ""
            raise AssertionError(f"timed out after {timeout}s waiting for {what}{seen}")
        time.sleep(interval)


class Daemon:
    """``monitor run`` as a real subprocess; stderr goes to ``log_path``."""

    def __init__(self, cfg: Path, db: Path, *args: str, env: dict[str, str] | None = None):
        self.cfg, self.db = cfg, db
        self.log_path = db.with_name(f"daemon-{time.monotonic_ns()}.log")
        self.out_path = self.log_path.with_suffix(".out")
        base = {k: v for k, v in os.environ.items() if k != "NOTIFY_SOCKET"}
        self.env = {**base, "MONITOR_DATABASE_URL": f"sqlite:///{db}", **(env or {})}
        self.args = ["run", "--config", str(cfg), "--no-alerts", *args]
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> Daemon:
        self._log = open(self.log_path, "wb")
        self._out = open(self.out_path, "wb")
        self.proc = subprocess.Popen([MONITOR, *self.args], cwd=self.cfg.parent, env=self.env,
                                     stdout=self._out, stderr=self._log)
        return self

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def signal(self, sig: int) -> None:
        assert self.proc is not None
        self.proc.send_signal(sig)

    def wait(self, timeout: float) -> int:
        assert self.proc is not None
        return self.proc.wait(timeout=timeout)

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for fh in (getattr(self, "_log", None), getattr(self, "_out", None)):
            if fh is not None:
                fh.close()

    def __enter__(self) -> Daemon:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def cli(cfg: Path, db: Path, *args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MONITOR_DATABASE_URL": f"sqlite:///{db}"}
    return subprocess.run([MONITOR, *args, "--config", str(cfg)], cwd=cfg.parent, env=env,
                          capture_output=True, text=True, timeout=timeout)


def query(db: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    """Read the daemon's SQLite file directly (a second, independent reader)."""
    if not db.exists():
        return []
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return []
        raise
    finally:
        conn.close()


def scalar(db: Path, sql: str, *params: Any) -> Any:
    rows = query(db, sql, *params)
    return rows[0][0] if rows else None


class TcpProxy:
    """A loopback TCP proxy to ``target`` (host, port) that a test can cut and restore:
    a database that stops answering, or is not there yet, without touching the server."""

    def __init__(self, target: tuple[str, int], port: int | None = None):
        import socket

        self.target = target
        if port is None:
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                port = s.getsockname()[1]
        self.port = port
        self._listener: Any = None
        self._conns: list[Any] = []
        self._lock = threading.Lock()

    def start(self) -> TcpProxy:
        import socket

        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        with self._lock:
            self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def _accept(self, listener: Any) -> None:
        import socket

        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                if self._listener is not listener:  # cut while this one was being set up
                    client.close()
                    upstream.close()
                    continue
                self._conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src: Any, dst: Any) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.close()
                except OSError:
                    pass

    def cut(self) -> None:
        """Refuse new connections and drop the open ones."""
        import socket

        with self._lock:
            if self._listener is not None:
                self._listener.close()
                self._listener = None
            conns, self._conns = self._conns, []
        for c in conns:
            try:
                c.shutdown(socket.SHUT_RDWR)
                c.close()
            except OSError:
                pass
