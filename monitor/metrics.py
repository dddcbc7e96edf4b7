"""Prometheus metrics and ``/healthz`` for ``monitor run --metrics-port N``.

Counters are updated by the daemon after each step (polls, poll errors, items
stored, events, alert changes, deliveries sent/failed, cycle duration); gauges
that describe the store (alerts by state, outbox depth, feeds due/failing/
parked) are read from the database at scrape time, so they are right even
when several instances share it.

``/healthz`` answers 200 while the last assess tick finished recently (within
``stale_after`` seconds) and the database answered the last heartbeat (within
``db_stale_after``), and 503 otherwise (not started yet, stuck, or the database
does not answer: its error is in the JSON body).

The server runs a thread per connection, so it guards against clients that
hold connections open (by mistake, or to starve the daemon of threads):

* every socket read and write times out after ``timeout`` seconds (5 by
  default), which also reaps half-open connections whose peer vanished;
* a connection must deliver its whole request within ``timeout`` seconds of
  being accepted, however slowly it trickles bytes in (checked by the
  serving loop at least every ``timeout / 4`` seconds);
* at most ``max_connections`` (16) connections are served at once. A new
  connection over the cap takes the slot of the oldest connection that has
  not yet sent its request (that one is closed), so idle connections cannot
  lock out a scrape; if every slot is serving a request, the new connection
  is closed at once.
"""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any, ClassVar

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

if TYPE_CHECKING:
    from monitor.notify.outbox import FlushStats
    from monitor.pipeline import CycleStats, PollStats

log = logging.getLogger(__name__)

#: Store gauges are computed at most this often, however often Prometheus scrapes.
STORE_CACHE_S = 5.0


class StoreCollector(Collector):
    """Gauges read from the database at scrape time (cached briefly)."""

    def __init__(self, snapshot: Callable[[], dict[str, dict[str, int]]]):
        self._snapshot = snapshot
        self._cache: tuple[float, dict[str, dict[str, int]]] | None = None
        self._lock = threading.Lock()

    def _data(self) -> dict[str, dict[str, int]]:
        with self._lock:
            now = time.monotonic()
            if self._cache is None or now - self._cache[0] > STORE_CACHE_S:
                try:
                    self._cache = (now, self._snapshot())
                except Exception as exc:  # a scrape must not crash the daemon
                    log.warning("metrics: reading the store failed: %s", exc)
                    return self._cache[1] if self._cache else {}
            return self._cache[1]

    def collect(self) -> Iterator[GaugeMetricFamily]:
        data = self._data()
        specs = (
            ("alerts", "monitor_alerts", "Alerts by state.", "state"),
            ("outbox", "monitor_outbox_deliveries", "Deliveries in the outbox by status.", "status"),
            ("feeds", "monitor_feeds", "Feeds by health (due, failing, parked, enabled).", "state"),
        )
        for key, name, doc, label in specs:
            family = GaugeMetricFamily(name, doc, labels=[label])
            for value, count in sorted(data.get(key, {}).items()):
                family.add_metric([value], count)
            yield family


class Metrics:
    """The daemon's metrics in their own registry (no global state)."""

    def __init__(self, snapshot: Callable[[], dict[str, dict[str, int]]] | None = None, *, stale_after: float = 90.0,
                 db_stale_after: float | None = None, clock: Callable[[], float] = time.monotonic):
        self.registry = CollectorRegistry()
        r = self.registry
        self.polls = Counter("monitor_polls", "Feed polls done.", registry=r)
        self.poll_errors = Counter("monitor_poll_errors", "Feed polls that failed.", registry=r)
        self.items = Counter("monitor_items_stored", "New items stored.", registry=r)
        self.events = Counter("monitor_events", "Events created by tagging and trade signals.", registry=r)
        self.alert_changes = Counter("monitor_alert_changes", "Alert changes (new, updated, resolved).", registry=r)
        self.deliveries = Counter("monitor_deliveries", "Deliveries attempted, by result.", ["result"], registry=r)
        self.step_errors = Counter("monitor_step_errors", "Pipeline steps that raised.", registry=r)
        self.cycle_seconds = Histogram(
            "monitor_cycle_duration_seconds", "Duration of one poll tick (poll, tag, alert).",
            buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600), registry=r,
        )
        self.last_tick = Gauge("monitor_last_tick_timestamp_seconds", "When the last poll tick finished.", registry=r)
        self.reloads = Counter("monitor_reloads", "Config reloads, by result.", ["result"], registry=r)
        self.stale_after = stale_after
        #: the database must have answered a heartbeat within this many seconds (None: not checked)
        self.db_stale_after = db_stale_after
        self._clock = clock
        self._last_tick_mono: float | None = None
        self._db_ok_mono: float | None = None
        self._db_error: str | None = None
        if snapshot is not None:
            r.register(StoreCollector(snapshot))

    def observe_cycle(self, stats: CycleStats, duration: float) -> None:
        """Count one finished tick."""
        self.polls.inc(stats.polls.polled)
        self.poll_errors.inc(stats.polls.errors)
        self.items.inc(stats.polls.items)
        self.events.inc(stats.events + stats.trade_events)
        self.alert_changes.inc(len(stats.alert_changes))
        self.step_errors.inc(stats.errors)
        self.cycle_seconds.observe(duration)
        self.mark_tick()

    def observe_polls(self, polls: PollStats) -> None:
        """Count one poll pass."""
        self.polls.inc(polls.polled)
        self.poll_errors.inc(polls.errors)
        self.items.inc(polls.items)
        self.events.inc(polls.events)

    def observe_flush(self, stats: FlushStats) -> None:
        """Count one outbox flush: deliveries sent, retried, given up."""
        for result, value in (("sent", stats.sent), ("retried", stats.retried), ("failed", stats.failed)):
            if value > 0:
                self.deliveries.labels(result).inc(value)

    def mark_tick(self) -> None:
        self._last_tick_mono = self._clock()
        self.last_tick.set_to_current_time()

    def mark_database(self, error: str | None) -> None:
        """The outcome of a heartbeat's write: ``None`` when the database answered."""
        if error is None:
            self._db_ok_mono = self._clock()
        self._db_error = error

    def health(self) -> tuple[bool, dict[str, Any]]:
        """(healthy, details): healthy while the last tick is younger than ``stale_after``
        and the database answered the last heartbeat, within ``db_stale_after``."""
        now = self._clock()
        if self.db_stale_after is not None:
            db_age = None if self._db_ok_mono is None else now - self._db_ok_mono
            if self._db_error is not None or (db_age is not None and db_age > self.db_stale_after):
                return False, {"status": "database", "error": self._db_error or "the heartbeat does not return",
                               "database_age_s": None if db_age is None else round(db_age, 3)}
        if self._last_tick_mono is None:
            return False, {"status": "starting", "last_tick_age_s": None}
        age = now - self._last_tick_mono
        ok = age <= self.stale_after
        return ok, {"status": "ok" if ok else "stale", "last_tick_age_s": round(age, 3), "stale_after_s": self.stale_after}

    def render(self) -> bytes:
        return generate_latest(self.registry)


class _Conn:
    __slots__ = ("sock", "accepted", "waiting")

    def __init__(self, sock: socket.socket, accepted: float) -> None:
        self.sock = sock
        self.accepted = accepted
        self.waiting = True  # no complete request line and headers yet


class _GuardedHTTPServer(ThreadingHTTPServer):
    """A thread per connection, at most ``max_connections`` of them, none living on idle."""

    daemon_threads = True
    request_queue_size = 64  # listen backlog (socketserver's 5 drops SYNs in a burst: 1 s client retries)

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler], *, timeout: float,
                 max_connections: int, clock: Callable[[], float] = time.monotonic) -> None:
        if timeout <= 0 or max_connections < 1:
            raise ValueError("timeout must be positive and max_connections at least 1")
        self.conn_timeout = timeout
        self.max_connections = max_connections
        self._clock = clock
        self._conns: dict[socket.socket, _Conn] = {}  # insertion order: oldest first
        self._guard = threading.Lock()
        self.rejected = 0  # closed at once: every slot was serving a request
        self.evicted = 0  # idle connections closed to make room
        self.reaped = 0  # closed for not sending a request in time
        super().__init__(address, handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._guard:
            if len(self._conns) >= self.max_connections:
                idle = next((c for c in self._conns.values() if c.waiting), None)
                if idle is None:
                    self.rejected += 1
                    reject = True
                else:
                    self.evicted += 1
                    self._drop(idle)
                    reject = False
            else:
                reject = False
            if not reject:
                self._conns[request] = _Conn(request, self._clock())
        if reject:
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            with self._guard:
                self._conns.pop(request, None)
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._guard:
                self._conns.pop(request, None)

    def request_started(self, request: Any) -> None:
        """The handler has read a whole request: the connection is no longer idle."""
        with self._guard:
            conn = self._conns.get(request)
            if conn is not None:
                conn.waiting = False

    def service_actions(self) -> None:
        """Called by ``serve_forever`` between polls: close connections whose request is overdue."""
        deadline = self._clock() - self.conn_timeout
        with self._guard:
            for conn in [c for c in self._conns.values() if c.waiting and c.accepted <= deadline]:
                self.reaped += 1
                self._drop(conn)

    def _drop(self, conn: _Conn) -> None:
        """Wake the connection's thread with EOF (it closes the socket itself); caller holds the guard."""
        self._conns.pop(conn.sock, None)
        try:
            conn.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def close_all(self) -> None:
        with self._guard:
            for conn in list(self._conns.values()):
                self._drop(conn)

    def connections(self) -> tuple[int, int]:
        """``(open, idle)``: connections held, and those of them still waiting for their request."""
        with self._guard:
            return len(self._conns), sum(c.waiting for c in self._conns.values())

    def handle_error(self, request: Any, client_address: Any) -> None:
        # a client that resets or times out is not worth a traceback on stderr
        log.debug("metrics: connection from %s failed", client_address, exc_info=True)


class MetricsServer:
    """``/metrics`` and ``/healthz`` on a small threaded HTTP server.

    ``timeout`` (seconds) bounds every socket read/write and the time a
    connection may take to send its request; ``max_connections`` caps the
    connections (and so the threads) served at once (see the module docstring).
    """

    def __init__(self, metrics: Metrics, host: str = "127.0.0.1", port: int = 0, *, timeout: float = 5.0,
                 max_connections: int = 16):
        self.metrics = metrics
        handler = _make_handler(metrics, timeout)
        self.httpd = _GuardedHTTPServer((host, port), handler, timeout=timeout, max_connections=max_connections)
        self._poll = min(0.5, timeout / 4)
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": self._poll},
                                       name="metrics-http", daemon=True)

    @property
    def address(self) -> tuple[str, int]:
        host, port = self.httpd.server_address[:2]
        return str(host), int(port)

    def start(self) -> MetricsServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.close_all()  # so server_close does not wait for idle connections to time out
        self.httpd.server_close()


def _make_handler(metrics: Metrics, timeout: float) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "monitor-metrics"
        timeout: ClassVar[float | None] = None  # set below: StreamRequestHandler applies it to the socket

        def parse_request(self) -> bool:
            ok = super().parse_request()
            self.server.request_started(self.connection)  # type: ignore[attr-defined]
            return ok

        def do_GET(self) -> None:  # noqa: N802 - http.server API
            path = self.path.split("?", 1)[0]
            if path == "/metrics":
                self._send(200, metrics.render(), CONTENT_TYPE_LATEST)
            elif path == "/healthz":
                ok, details = metrics.health()
                self._send(200 if ok else 503, json.dumps(details).encode() + b"\n", "application/json")
            else:
                self._send(404, b"not found: try /metrics or /healthz\n", "text/plain; charset=utf-8")

        def _send(self, code: int, body: bytes, ctype: str) -> None:
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - scrapes are not events
            return

    Handler.timeout = timeout
    return Handler
