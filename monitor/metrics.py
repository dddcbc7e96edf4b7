"""Prometheus metrics and ``/healthz`` for ``monitor run --metrics-port N``.

Counters are updated by the daemon after each step (polls, poll errors, items
stored, events, alert changes, deliveries sent/failed, cycle duration); gauges
that describe the store (alerts by state, outbox depth, feeds due/failing/
parked) are read from the database at scrape time, so they are right even
when several instances share it.

``/healthz`` answers 200 while the last poll tick finished recently (within
``stale_after`` seconds) and 503 otherwise (not started yet, or stuck).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

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

    def __init__(self, snapshot: Callable[[], dict[str, dict[str, int]]] | None = None, *, stale_after: float = 90.0):
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
        self._last_tick_mono: float | None = None
        if snapshot is not None:
            r.register(StoreCollector(snapshot))

    def observe_cycle(self, stats: Any, duration: float) -> None:
        """Count one finished tick from a :class:`monitor.pipeline.CycleStats`."""
        polls = getattr(stats, "polls", None)
        self.polls.inc(getattr(polls, "polled", 0) or 0)
        self.poll_errors.inc(getattr(polls, "errors", 0) or 0)
        self.items.inc(getattr(polls, "items", 0) or 0)
        self.events.inc((getattr(stats, "events", 0) or 0) + (getattr(stats, "trade_events", 0) or 0))
        self.alert_changes.inc(len(getattr(stats, "alert_changes", ()) or ()))
        self.step_errors.inc(getattr(stats, "errors", 0) or 0)
        self.cycle_seconds.observe(duration)
        self.mark_tick()

    def observe_polls(self, polls: Any) -> None:
        """Count one poll job's :class:`monitor.pipeline.PollStats`."""
        self.polls.inc(getattr(polls, "polled", 0) or 0)
        self.poll_errors.inc(getattr(polls, "errors", 0) or 0)
        self.items.inc(getattr(polls, "items", 0) or 0)
        self.events.inc(getattr(polls, "events", 0) or 0)

    def observe_flush(self, stats: Any) -> None:
        """Count one outbox flush (``sent``, ``retried``, ``failed`` of its FlushStats)."""
        for result in ("sent", "retried", "failed"):
            value = getattr(stats, result, 0)
            if isinstance(value, (int, float)) and value > 0:
                self.deliveries.labels(result).inc(value)

    def mark_tick(self) -> None:
        self._last_tick_mono = time.monotonic()
        self.last_tick.set_to_current_time()

    def health(self) -> tuple[bool, dict[str, Any]]:
        """(healthy, details): healthy while the last tick is younger than ``stale_after``."""
        if self._last_tick_mono is None:
            return False, {"status": "starting", "last_tick_age_s": None}
        age = time.monotonic() - self._last_tick_mono
        ok = age <= self.stale_after
        return ok, {"status": "ok" if ok else "stale", "last_tick_age_s": round(age, 3), "stale_after_s": self.stale_after}

    def render(self) -> bytes:
        return generate_latest(self.registry)


class MetricsServer:
    """``/metrics`` and ``/healthz`` on a small threaded HTTP server."""

    def __init__(self, metrics: Metrics, host: str = "127.0.0.1", port: int = 0):
        self.metrics = metrics
        handler = _make_handler(metrics)
        self.httpd = ThreadingHTTPServer((host, port), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="metrics-http", daemon=True)

    @property
    def address(self) -> tuple[str, int]:
        host, port = self.httpd.server_address[:2]
        return str(host), int(port)

    def start(self) -> MetricsServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _make_handler(metrics: Metrics) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "monitor-metrics"

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

    return Handler
