"""The real daemon (``monitor run``) as a subprocess: schedule, signals, reload, crash.

Every test drives ``/work/venv/bin/monitor run`` against a temp SQLite file and
RSS feeds on a loopback HTTP server, with second-scale intervals.
"""

from __future__ import annotations

import json
import signal
import socket
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from helpers_service import (
    FIRE_ITEM,
    Daemon,
    FeedServer,
    cli,
    query,
    quiet_items,
    rss,
    scalar,
    wait_for,
    write_config,
)

pytestmark = pytest.mark.timeout(90)


@pytest.fixture()
def server():
    with FeedServer() as srv:
        yield srv


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _items(db: Path) -> int:
    return scalar(db, "SELECT count(*) FROM items") or 0


def test_feeds_are_polled_at_their_own_interval(tmp_path: Path, server: FeedServer) -> None:
    server.bodies["/fast"] = rss(quiet_items("fast", 2))
    server.bodies["/slow"] = rss(quiet_items("slow", 2))
    cfg = write_config(tmp_path, [
        {"name": "Fast", "url": server.url("/fast"), "interval": "2s"},
        {"name": "Slow", "url": server.url("/slow"), "interval": "1h"},
    ])
    db = tmp_path / "monitor.db"
    with Daemon(cfg, db) as daemon:
        wait_for(lambda: len(server.hits_of("/fast")) >= 3, timeout=20, what="three polls of the 2s feed")
        assert daemon.alive(), daemon.log()
    fast, slow = server.hits_of("/fast"), server.hits_of("/slow")
    gaps = [b - a for a, b in zip(fast, fast[1:])]
    # 2 s +- 10 % jitter, rounded up to the 1 s tick, plus scheduling slack on a
    # loaded 2-core machine: never every tick (1 s), never far past the interval.
    assert all(1.5 <= g <= 6.0 for g in gaps), gaps
    assert len(slow) == 1  # an hourly feed is polled once, at start
    assert _items(db) == 4  # re-polls of unchanged feeds store nothing twice
    assert scalar(db, "SELECT polls FROM feeds WHERE name = 'Fast'") >= 3


@pytest.mark.slow
def test_sigterm_stops_cleanly_within_ten_seconds_even_with_a_poll_in_flight(tmp_path: Path, server: FeedServer) -> None:
    server.bodies["/a"] = rss(quiet_items("a", 3))
    server.bodies["/hang"] = rss(quiet_items("hang", 3))
    cfg = write_config(tmp_path, [
        {"name": "A", "url": server.url("/a"), "interval": "1h"},
        {"name": "Hang", "url": server.url("/hang"), "interval": "2s"},
    ])
    db = tmp_path / "monitor.db"
    with Daemon(cfg, db) as daemon:
        wait_for(lambda: _items(db) == 6, what="first polls stored")
        server.delays["/hang"] = 60.0  # the next poll of this feed hangs
        n = len(server.hits_of("/hang"))
        wait_for(lambda: len(server.hits_of("/hang")) > n, what="a poll in flight")
        started = time.monotonic()
        daemon.signal(signal.SIGTERM)
        code = daemon.wait(timeout=12)
        took = time.monotonic() - started
        log = daemon.log()
    assert code == 0, log
    assert took < 10.0, took
    assert "stopping" in log and "stopped" in log
    # The restart resumes: the abandoned feed is polled again, nothing is lost or doubled.
    server.delays.clear()
    res = cli(cfg, db, "run", "--once", "--no-alerts")
    assert res.returncode == 0, res.stderr
    assert _items(db) == 6
    stopped = query(db, "SELECT stopped_at FROM instances")
    assert stopped and all(row[0] is not None for row in stopped)


def test_sigint_stops_an_idle_daemon_with_exit_0_and_marks_the_instance_stopped(tmp_path: Path, server: FeedServer) -> None:
    server.bodies["/a"] = rss(quiet_items("a", 1))
    cfg = write_config(tmp_path, [{"name": "A", "url": server.url("/a"), "interval": "1h"}])
    db = tmp_path / "monitor.db"
    with Daemon(cfg, db) as daemon:
        wait_for(lambda: _items(db) == 1, what="first poll")
        wait_for(lambda: scalar(db, "SELECT count(*) FROM instances WHERE stopped_at IS NULL") == 1, what="heartbeat")
        daemon.signal(signal.SIGINT)
        assert daemon.wait(timeout=10) == 0
    assert scalar(db, "SELECT count(*) FROM instances WHERE stopped_at IS NULL") == 0
    assert scalar(db, "SELECT count(*) FROM feeds WHERE lease_owner IS NOT NULL") == 0


def test_cli_reads_succeed_while_the_daemon_writes(tmp_path: Path, server: FeedServer) -> None:
    counter = {"n": 0}

    def busy() -> bytes:  # 300 new items on every poll: the daemon writes all the time
        counter["n"] += 1
        return rss(quiet_items(f"p{counter['n']}", 300))

    server.bodies["/busy"] = busy
    server.bodies["/busy2"] = busy
    cfg = write_config(tmp_path, [
        {"name": "Busy", "url": server.url("/busy"), "interval": "1s"},
        {"name": "Busy two", "url": server.url("/busy2"), "interval": "1s"},
    ])
    db = tmp_path / "monitor.db"
    with Daemon(cfg, db) as daemon:
        wait_for(lambda: _items(db) >= 300, what="first items")
        seen: list[int] = []
        deadline = time.monotonic() + 20
        # Read until a write lands between two reads (CLI reads take well under the
        # poll interval, so two back-to-back reads may both fall between polls).
        while len(seen) < 2 or (seen[-1] == seen[0] and time.monotonic() < deadline):
            st = cli(cfg, db, "status", "--json")
            assert st.returncode == 0, st.stderr
            fl = cli(cfg, db, "feeds", "list", "--json")
            assert fl.returncode == 0, fl.stderr
            rows = {r["name"]: r for r in json.loads(fl.stdout)}
            seen.append(rows["Busy"]["items"] + rows["Busy two"]["items"])
            report = json.loads(st.stdout)
            assert report["feeds"]["total"] == 2
            assert [i["alive"] for i in report["instances"]] == [True]
        assert daemon.alive(), daemon.log()
    assert seen == sorted(seen) and seen[-1] > seen[0], seen  # reads saw the writes progress


def _targets(db: Path) -> set[str]:
    return {r[0] for r in query(db, "SELECT target FROM events")}


LOCK_NODE = """\
  - id: testhaven-lock
    name: Testhaven sea lock
    kind: chokepoint
    ecosystem: mobility-automotive
    location: {country: NL, lat: 51.95, lon: 4.05}
    aliases: ["Testhaven sea lock"]
"""


def test_sighup_with_a_broken_graph_keeps_the_old_config_and_a_valid_change_takes_effect(
    tmp_path: Path, server: FeedServer
) -> None:
    server.bodies["/a"] = rss(quiet_items("a", 1))
    server.bodies["/b"] = rss(quiet_items("b", 2))
    cfg = write_config(tmp_path, [{"name": "A", "url": server.url("/a"), "interval": "1s"}])
    db = tmp_path / "monitor.db"
    graph = cfg / "graph" / "test.yaml"
    good = graph.read_text()
    with Daemon(cfg, db) as daemon:
        wait_for(lambda: _items(db) == 1, what="first poll")
        # Rejected as a whole: the port loses its alias, the lock node is added,
        # a new feed appears, the outbox interval changes, and one edge names a
        # node that does not exist.
        bad_edge = "  - {from: chipworks-testburg, to: no-such-node, product: chips, share: 0.5}"
        broken = good.replace('"Port of Testhaven", ', "").replace("edges:\n", LOCK_NODE + "edges:\n") + bad_edge + "\n"
        write_config(tmp_path, [{"name": "A", "url": server.url("/a"), "interval": "1s"},
                                {"name": "B", "url": server.url("/b"), "interval": "1h"}],
                     schedule={"outbox": "3s"})
        graph.write_text(broken)
        bad_line = broken.splitlines().index(bad_edge) + 1
        daemon.signal(signal.SIGHUP)
        wait_for(lambda: "reload failed" in daemon.log(), what="the reload error")
        log = daemon.log()
        assert f"graph/test.yaml:{bad_line}:" in log, log
        assert "no-such-node" in log
        # Still running on the old graph: the alias it lost in the rejected file still tags.
        server.bodies["/a"] = rss([*quiet_items("a", 1), FIRE_ITEM, ("lock-1", "Fire at Testhaven sea lock", "A fire.")])
        wait_for(lambda: "port-testhaven" in _targets(db), what="the old graph tagging the port")
        assert "testhaven-lock" not in _targets(db)
        assert daemon.alive() and server.hits_of("/b") == []
        # Fix the edge: the reload succeeds; the new feed is polled and the new node tags.
        graph.write_text(broken.replace(bad_edge + "\n", ""))
        daemon.signal(signal.SIGHUP)
        wait_for(lambda: len(server.hits_of("/b")) == 1, what="the new feed polled after a good reload")
        assert "config reloaded" in daemon.log()
        assert "stage outbox now sleeps at most 3s" in daemon.log()
        server.bodies["/a"] = rss([*quiet_items("a", 1), FIRE_ITEM, ("lock-2", "Fire at Testhaven sea lock", "A fire.")])
        wait_for(lambda: "testhaven-lock" in _targets(db), what="the new graph tagging the lock")
        daemon.signal(signal.SIGTERM)
        assert daemon.wait(timeout=10) == 0


def test_json_logs_systemd_notifications_and_metrics(tmp_path: Path, server: FeedServer) -> None:
    server.bodies["/a"] = rss(quiet_items("a", 2))
    server.bodies["/bad"] = b"<html>not a feed</html>"
    cfg = write_config(tmp_path, [
        {"name": "A", "url": server.url("/a"), "interval": "1h"},
        {"name": "Missing", "url": server.url("/missing"), "interval": "1h"},
    ])
    db = tmp_path / "monitor.db"
    sock_dir = Path(tempfile.mkdtemp(prefix="sd", dir="/tmp"))
    sock_path = sock_dir / "notify"
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    notify.bind(str(sock_path))
    notify.settimeout(15)
    port = _free_port()
    try:
        daemon = Daemon(cfg, db, "--log-format", "json", "--metrics-port", str(port),
                        env={"NOTIFY_SOCKET": str(sock_path)})
        with daemon:
            messages: list[str] = []

            def got(word: str) -> bool:
                while not any(word in msg for msg in messages):
                    messages.append(notify.recv(4096).decode())
                return True

            assert got("READY=1") and got("WATCHDOG=1")
            wait_for(lambda: _items(db) == 2, what="first poll")

            def health() -> int:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as resp:
                        return resp.status
                except Exception:
                    return 0

            def metrics() -> str:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as resp:
                    return resp.read().decode()

            wait_for(lambda: health() == 200, what="healthy")
            # the poll job counts its polls when the whole batch is done, just after
            # the items it stored became visible
            wait_for(lambda: "monitor_polls_total 2.0" in metrics(), what="polls counted")
            text = metrics()
            assert "monitor_poll_errors_total 1.0" in text
            assert "monitor_items_stored_total 2.0" in text
            assert 'monitor_feeds{state="failing"} 1.0' in text
            daemon.signal(signal.SIGTERM)
            assert got("STOPPING=1")
            assert daemon.wait(timeout=10) == 0
            log = daemon.log()
    finally:
        notify.close()
        sock_path.unlink(missing_ok=True)
        sock_dir.rmdir()
    lines = [json.loads(line) for line in log.splitlines() if line.strip()]
    assert lines and all({"ts", "level", "logger", "msg"} <= set(d) for d in lines)
    assert any(d["msg"].startswith("monitor started") and d.get("instance") for d in lines)
    assert any(d["level"] == "WARNING" and "Missing" in d["msg"] for d in lines)


def test_run_once_polls_what_is_due_then_exits(tmp_path: Path, server: FeedServer) -> None:
    server.bodies["/a"] = rss(quiet_items("a", 3))
    cfg = write_config(tmp_path, [{"name": "A", "url": server.url("/a"), "interval": "1h"}])
    db = tmp_path / "monitor.db"
    first = cli(cfg, db, "run", "--once", "--no-alerts")
    assert first.returncode == 0, first.stderr
    assert _items(db) == 3 and len(server.hits_of("/a")) == 1
    second = cli(cfg, db, "run", "--once", "--no-alerts")
    assert second.returncode == 0, second.stderr
    assert len(server.hits_of("/a")) == 1  # not due again for an hour
    assert scalar(db, "SELECT count(*) FROM cycles WHERE finished_at IS NOT NULL") == 2


def test_a_broken_config_at_start_is_a_one_line_error_per_problem(tmp_path: Path) -> None:
    cfg = write_config(tmp_path, [{"name": "A", "url": "http://127.0.0.1:9/x", "interval": "soon"}])
    res = cli(cfg, tmp_path / "monitor.db", "run", "--once")
    assert res.returncode == 2
    assert res.stderr.startswith("monitor: error: feeds.yaml:2:"), res.stderr


def test_new_alerts_are_printed_as_panels_only_when_asked(tmp_path: Path, server: FeedServer) -> None:
    hostile = ("hostile-1", "[bold red]Fire[/] at Port of Testhaven \x1b[2J terminal closed",
               "A fire at the Port of Testhaven closed the container terminal.")
    server.bodies["/a"] = rss([hostile])
    cfg = write_config(tmp_path, [{"name": "A", "url": server.url("/a"), "interval": "1h"}])
    db = tmp_path / "monitor.db"
    quiet = cli(cfg, db, "run", "--once")  # stdout is a pipe, not a terminal: no panels
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stdout == ""
    assert scalar(db, "SELECT count(*) FROM alerts") == 1
    # A second database, the same feed, panels asked for.
    db2 = tmp_path / "second.db"
    shown = cli(cfg, db2, "run", "--once", "--alerts")
    assert shown.returncode == 0, shown.stderr
    assert "Port of Testhaven" in shown.stdout
    assert "[bold red]" in shown.stdout  # feed text is never interpreted as markup
    assert "\x1b[2J" not in shown.stdout  # nor are its control characters passed through
