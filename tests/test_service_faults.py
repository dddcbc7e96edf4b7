"""The daemon under hostile feeds: a real ``monitor run`` subprocess, real servers on loopback.

A slowloris feed (headers, then one byte every few seconds) and a black-hole
feed (accepts the connection, never answers) sit beside healthy feeds on
other loopback hosts. Each fetch is its own unit with its own deadline, and the
poller sleeps until the earliest due feed, so the healthy feeds keep their
intervals even with ``schedule.tick`` at its default of 30 s.
"""

from __future__ import annotations

import socket
import socketserver
import threading
import time
from itertools import pairwise
from pathlib import Path

import pytest

from helpers_service import FIRE_ITEM, Daemon, FeedServer, quiet_items, rss, wait_for, write_config

HEALTHY = 3
INTERVAL_S = 2.0


class _Slowloris(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        self.request.recv(65536)
        self.request.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n\r\n<")
        try:
            while not self.server.closing.wait(3.0):  # type: ignore[attr-defined]
                self.request.sendall(b" ")
        except OSError:
            pass


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, host: str, handler: type[socketserver.BaseRequestHandler]):
        super().__init__((host, 0), handler)
        self.closing = threading.Event()
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.closing.set()
        self.shutdown()
        self.server_close()


@pytest.fixture
def slowloris():
    server = _Server("127.0.0.2", _Slowloris)
    yield f"http://127.0.0.2:{server.server_address[1]}/feed.xml"
    server.close()


@pytest.fixture
def black_hole():
    """Listens on 127.0.0.3 and never accepts: the connection opens, nothing answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.3", 0))
    sock.listen(16)
    yield f"http://127.0.0.3:{sock.getsockname()[1]}/feed.xml"
    sock.close()


@pytest.mark.timeout(90)
def test_a_slowloris_and_a_black_hole_feed_do_not_delay_the_healthy_feeds(
    tmp_path: Path, slowloris: str, black_hole: str
) -> None:
    with FeedServer() as server:
        feeds = [{"name": "Slowloris", "url": slowloris, "interval": "2s"},
                 {"name": "Black hole", "url": black_hole, "interval": "2s"}]
        for i in range(HEALTHY):
            server.bodies[f"/h{i}"] = rss(quiet_items(f"h{i}", 2))
            feeds.append({"name": f"Healthy {i}", "url": server.url(f"/h{i}"), "interval": "2s"})
        cfg = write_config(tmp_path, feeds, schedule={"tick": "30s", "outbox": "30s"})
        with Daemon(cfg, tmp_path / "monitor.db") as daemon:
            started = time.monotonic()
            wait_for(lambda: all(len(server.hits_of(f"/h{i}")) >= 6 for i in range(HEALTHY)), timeout=40,
                     what="six polls of every healthy feed",
                     state=lambda: [len(server.hits_of(f"/h{i}")) for i in range(HEALTHY)])
            assert daemon.alive(), daemon.log()
        # the slow feeds were in flight the whole time (their deadline is 60 s)
        assert time.monotonic() - started < 30
    for i in range(HEALTHY):
        hits = server.hits_of(f"/h{i}")
        gaps = [b - a for a, b in pairwise(hits)]
        assert all(gap <= INTERVAL_S + 2.0 for gap in gaps), (i, gaps)
        assert all(gap >= INTERVAL_S * 0.85 for gap in gaps), (i, gaps)  # and never faster than asked


#: monitor.yaml's defaults: the latency must hold without tuning the schedule
DEFAULT_SCHEDULE = {"tick": "30s", "outbox": "15s", "expiry": "5m", "housekeeping": "1h", "lease": "60s"}


@pytest.mark.timeout(90)
def test_a_disruption_reaches_the_inbox_within_interval_plus_group_wait_plus_5s(tmp_path: Path) -> None:
    """From the moment a fire appears in a feed polled every 5 s to the e-mail at a
    real SMTP server (group_wait 5 s), with the default schedule: at most 15 s."""
    from helpers_alerts import SmtpServer

    interval, group_wait = 5.0, 5.0
    smtp = SmtpServer().start()
    try:
        with FeedServer() as server:
            server.bodies["/port"] = rss(quiet_items("port", 2))
            extra = (
                f"smtp: {{host: 127.0.0.1, port: {smtp.port}, starttls: false, sender: monitor@example.org}}\n"
                "subscriptions:\n"
                "  - {name: desk, email: [desk@example.org], min_severity: low, nodes: [port-testhaven]}\n"
            )
            cfg = write_config(tmp_path, [{"name": "Port news", "url": server.url("/port"), "interval": "5s"}],
                               schedule=DEFAULT_SCHEDULE, monitor_extra=extra, group_wait="5s")
            with Daemon(cfg, tmp_path / "monitor.db") as daemon:
                wait_for(lambda: server.hits_of("/port"), timeout=20, what="the first poll")
                # the worst case: the story appears just after a poll, so it waits a whole interval
                server.bodies["/port"] = rss([FIRE_ITEM, *quiet_items("port", 2)])
                appeared = time.monotonic()
                wait_for(lambda: smtp.handler.received, timeout=40, what="the alert e-mail",
                         state=daemon.log)
                latency = time.monotonic() - appeared
                assert daemon.alive(), daemon.log()
    finally:
        smtp.stop()
    (mail,) = smtp.received
    assert "Testhaven" in mail.message["Subject"]
    print(f"feed-to-inbox latency {latency:.2f}s")
    assert latency <= interval + group_wait + 5.0, latency
