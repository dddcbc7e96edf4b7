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

from conftest import platform_lacks
from helpers_service import FIRE_ITEM, Daemon, FeedServer, quiet_items, rss, wait_for, write_config
from monitor.service import EXIT_UNWRITABLE

UNIT = Path(__file__).resolve().parents[1] / "contrib" / "systemd" / "monitor.service"


def _restart_prevented() -> set[int]:
    """The exit statuses after which the shipped systemd unit does not restart the daemon."""
    codes: set[int] = set()
    for line in UNIT.read_text().splitlines():
        key, _, value = line.strip().partition("=")
        if key == "RestartPreventExitStatus":
            codes.update(int(v) for v in value.split())
    return codes

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
        # the slow feeds were in flight the whole time (their deadline is 60 s): neither the
        # healthy polls nor the daemon's stop waited for it (on a quiet machine ~20 s; the
        # margin is for a loaded one, where the stop alone has taken 10 s)
        assert time.monotonic() - started < 50
    for i in range(HEALTHY):
        hits = server.hits_of(f"/h{i}")
        gaps = [b - a for a, b in pairwise(hits)]
        print(f"healthy feed {i}: gaps {min(gaps):.2f}-{max(gaps):.2f}s beside a slowloris and a black hole")
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


# --------------------------------------------------------------------------- storage faults


def _chattr(flag: str, *paths: Path) -> bool:
    """``chattr +i`` makes a file read-only even for root (and for a file already open)."""
    import subprocess

    existing = [str(p) for p in paths if p.exists()]
    done = subprocess.run(["chattr", flag, *existing], capture_output=True)
    return done.returncode == 0


@pytest.fixture
def immutable(tmp_path: Path):
    """Make a SQLite database (and its -wal, -shm) read-only; undone at the end."""
    frozen: list[Path] = []

    def freeze(db: Path) -> None:
        files = [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")]
        if not _chattr("+i", *files):
            platform_lacks("chattr +i (root and a file system with attributes)")
        frozen.extend(files)

    yield freeze
    _chattr("-i", *frozen)


def _growing_feed(prefix: str):
    """A feed with one more item at every request: the daemon keeps writing."""
    count = {"n": 2}

    def body() -> bytes:
        count["n"] += 1
        return rss(quiet_items(prefix, count["n"]))

    return body


@pytest.mark.timeout(90)
def test_a_database_made_read_only_mid_run_stops_the_daemon_with_one_line_and_loses_nothing(
    tmp_path: Path, immutable
) -> None:
    from helpers_service import cli, scalar

    db = tmp_path / "monitor.db"
    with FeedServer() as server:
        feeds = []
        for i in range(4):
            server.bodies[f"/g{i}"] = _growing_feed(f"g{i}")
            feeds.append({"name": f"Growing {i}", "url": server.url(f"/g{i}"), "interval": "2s"})
        cfg = write_config(tmp_path, feeds)
        with Daemon(cfg, db) as daemon:
            wait_for(lambda: (scalar(db, "SELECT count(*) FROM items") or 0) >= 20, timeout=30,
                     what="items stored")
            immutable(db)
            frozen_at = time.monotonic()
            code = daemon.proc.wait(timeout=40)
            log = daemon.log()
        stopped_after = time.monotonic() - frozen_at
    assert code == EXIT_UNWRITABLE == 74, log  # not -7 (SIGBUS), not 0, not 1 (which systemd restarts)
    assert "Fatal Python error" not in log and "Traceback" not in log, log
    errors = [line for line in log.splitlines() if " ERROR " in line]
    assert len(errors) == 1 and "cannot be written" in errors[0] and "read-only" in errors[0], log
    assert stopped_after < 25, stopped_after  # within a heartbeat plus the stop deadline
    _chattr("-i", db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm"))
    # everything stored before is still there, and the database opens and runs again
    items = scalar(db, "SELECT count(*) FROM items")
    assert items >= 20
    again = cli(cfg, db, "run", "--once", "--no-alerts")
    assert again.returncode == 0, again.stderr
    assert scalar(db, "SELECT count(*) FROM items") >= items


def test_a_read_only_database_at_start_is_a_one_line_error_and_an_exit_systemd_does_not_restart(
    tmp_path: Path, immutable
) -> None:
    from helpers_service import cli, scalar

    db = tmp_path / "monitor.db"
    with FeedServer() as server:
        server.bodies["/a"] = rss(quiet_items("a", 3))
        cfg = write_config(tmp_path, [{"name": "A", "url": server.url("/a"), "interval": "2s"}])
        assert cli(cfg, db, "run", "--once", "--no-alerts").returncode == 0
        immutable(db)
        for args in (("run", "--no-alerts"), ("run", "--once", "--no-alerts")):
            done = cli(cfg, db, *args, timeout=30)
            # 74, and the unit names it: no restart every RestartSec=5 against a read-only file
            assert done.returncode == EXIT_UNWRITABLE == 74, done.stderr
            assert done.returncode in _restart_prevented(), done.stderr
            errors = [line for line in done.stderr.splitlines() if "error" in line.lower()]
            assert len(errors) == 1 and "read-only" in errors[0], done.stderr
            assert "Traceback" not in done.stderr and "Fatal Python error" not in done.stderr, done.stderr
    assert scalar(db, "SELECT count(*) FROM items") == 3


def _via(proxy_port: int, url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(host="127.0.0.1", port=proxy_port).render_as_string(hide_password=False)


def _pg_target(url: str) -> tuple[str, int]:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return parsed.host or "127.0.0.1", parsed.port or 5432


@pytest.mark.timeout(90)
def test_a_daemon_started_while_postgresql_is_down_waits_and_retries_then_runs(
    tmp_path: Path, fresh_postgres: str
) -> None:
    from helpers_service import TcpProxy

    proxy = TcpProxy(_pg_target(fresh_postgres))  # not listening yet: the database is "down"
    with FeedServer() as server:
        server.bodies["/a"] = rss(quiet_items("a", 3))
        cfg = write_config(tmp_path, [{"name": "A", "url": server.url("/a"), "interval": "2s"}])
        env = {"MONITOR_DATABASE_URL": _via(proxy.port, fresh_postgres)}
        with Daemon(cfg, tmp_path / "unused.db", env=env) as daemon:
            wait_for(lambda: daemon.log().count("does not answer") >= 2, timeout=20,
                     what="two logged retries", state=daemon.log)
            assert daemon.alive(), daemon.log()
            assert "retrying in 1s" in daemon.log() and "retrying in 2s" in daemon.log()  # backoff
            proxy.start()
            try:
                wait_for(lambda: server.hits_of("/a"), timeout=30, what="the first poll once the database is up",
                         state=daemon.log)
                daemon.signal(15)
                assert daemon.wait(15) == 0, daemon.log()
            finally:
                proxy.cut()
    assert "Traceback" not in daemon.log()


@pytest.mark.timeout(120)
def test_healthz_turns_503_within_one_heartbeat_when_postgresql_stops_answering(
    tmp_path: Path, fresh_postgres: str
) -> None:
    import json
    import urllib.error
    import urllib.request

    from helpers_service import TcpProxy
    from monitor.service import HEARTBEAT_S

    def health() -> tuple[int, dict]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as resp:
                return resp.status, json.loads(resp.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read())
        except OSError:
            return 0, {}

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proxy = TcpProxy(_pg_target(fresh_postgres)).start()
    with FeedServer() as server:
        server.bodies["/a"] = rss(quiet_items("a", 3))
        cfg = write_config(tmp_path, [{"name": "A", "url": server.url("/a"), "interval": "2s"}])
        env = {"MONITOR_DATABASE_URL": _via(proxy.port, fresh_postgres)}
        with Daemon(cfg, tmp_path / "unused.db", "--metrics-port", str(port), env=env) as daemon:
            try:
                wait_for(lambda: health()[0] == 200, timeout=30, what="/healthz 200", state=daemon.log)
                proxy.cut()
                cut_at = time.monotonic()
                code, body = wait_for(lambda: (h := health())[0] == 503 and h, timeout=3 * HEARTBEAT_S,
                                      what="/healthz 503", state=lambda: (health(), [
                                          line for line in daemon.log().splitlines()
                                          if "job tick" not in line and "job poll" not in line
                                          and "job outbox" not in line and "pipeline step" not in line]))
                assert time.monotonic() - cut_at <= HEARTBEAT_S + 3.0, daemon.log()
                assert body["status"] == "database", body
                assert daemon.alive(), daemon.log()  # an outage is waited out, not fatal
                proxy.start()
                wait_for(lambda: health()[0] == 200, timeout=3 * HEARTBEAT_S, what="/healthz 200 again",
                         state=daemon.log)
            finally:
                proxy.cut()
