"""The daemon's store chores on a real SQLite file: heartbeat, reaping, retention, status."""

from __future__ import annotations

import json
import logging
import subprocess
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest

from monitor.logs import setup_logging
from monitor.metrics import Metrics, MetricsServer
from monitor.service import (
    ALIVE_FACTOR,
    HEARTBEAT_S,
    feed_listing,
    heartbeat,
    housekeeping,
    mark_stopped,
    reap_dead_instances,
    register_instance,
    status_report,
    store_counts,
)
from monitor.store import models as m
from monitor.store.db import make_engine, make_sessionmaker, transaction
from monitor.store.schema import ensure_schema

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture()
def sessions(sqlite_url: str):
    engine = make_engine(sqlite_url)
    ensure_schema(engine)
    yield make_sessionmaker(engine)
    engine.dispose()


def _feed(s, name: str, **kw) -> m.Feed:
    kw = {"error_count": 0, "parked": False, **kw}
    f = m.Feed(name=name, kind="news", url=f"http://example.org/{name}", interval_s=60.0, enabled=True,
               in_config=True, polls=0, **kw)
    s.add(f)
    s.flush()
    return f


def _alert(s, fp: str, state: str) -> m.Alert:
    a = m.Alert(fingerprint=fp, target="port-x", type="fire", state=state, severity="high", confidence=0.9,
                score=0.5, title="t", sources=[], impact={}, evidence=[], first_seen=NOW, last_seen=NOW,
                revision=1, updated_at=NOW)
    s.add(a)
    s.flush()
    return a


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def test_status_shows_alive_instances_with_their_leases_and_hides_dead_ones(sessions) -> None:
    me, other = "hostA:1:aaa", "hostB:2:bbb"
    register_instance(sessions, me, NOW)
    register_instance(sessions, other, NOW - timedelta(seconds=ALIVE_FACTOR * HEARTBEAT_S + 5))
    with transaction(sessions) as s:
        _feed(s, "held", lease_owner=me, lease_until=NOW + timedelta(minutes=5), next_poll=NOW)
        _feed(s, "due", next_poll=NOW - timedelta(seconds=1))
        _feed(s, "later", next_poll=NOW + timedelta(hours=1))
        _feed(s, "broken", next_poll=NOW + timedelta(hours=1), error_count=3, last_error="HTTP 500")
        _feed(s, "parked", next_poll=NOW + timedelta(days=1), error_count=10, parked=True)
        a = _alert(s, "f1", "firing")
        _alert(s, "f2", "resolved")
        for i, status in enumerate(["pending", "pending", "failed", "sent"]):
            s.add(m.Delivery(alert_id=a.id, subscription="desk", recipient=f"r{i}@x", channel="email",
                             notice="firing", severity="high", payload={}, status=status, attempts=0,
                             created_at=NOW, next_attempt=NOW,
                             lease_owner=me if i == 0 else None,
                             lease_until=NOW + timedelta(minutes=1) if i == 0 else None))
    report = status_report(sessions, NOW)
    assert [i["id"] for i in report["instances"]] == [me]
    assert report["instances"][0]["holds"] == {"feeds": ["held"], "deliveries": 1}
    assert report["stale_instances"] == [other]
    assert report["feeds"]["due_names"] == ["due", "held"]
    assert report["feeds"]["failing"] == 1 and report["feeds"]["parked"] == 1
    assert {f["name"] for f in report["feeds"]["failing_feeds"]} == {"broken", "parked"}
    assert report["outbox"] == {"pending": 2, "sending": 0, "failed": 1, "sent": 1}
    assert report["alerts"] == {"firing": 1, "resolved": 1}
    assert report["last_cycle"] is None
    json.dumps(report)  # the --json output is plain JSON


def test_heartbeat_keeps_an_instance_alive_and_a_clean_stop_releases_its_feeds(sessions) -> None:
    me = "hostA:1:aaa"
    register_instance(sessions, me, NOW - timedelta(minutes=5))
    heartbeat(sessions, me, NOW)
    assert [i["id"] for i in status_report(sessions, NOW)["instances"]] == [me]
    with transaction(sessions) as s:
        _feed(s, "held", lease_owner=me, lease_until=NOW + timedelta(minutes=5))
    mark_stopped(sessions, me, NOW)
    report = status_report(sessions, NOW)
    assert report["instances"] == []
    with sessions() as s:
        assert s.query(m.Feed).one().lease_owner is None


def test_a_killed_instance_on_this_host_is_reaped_at_once_and_its_feed_leases_released(sessions) -> None:
    host = "testhost"
    dead = f"{host}:{_dead_pid()}:dead"
    me = f"{host}:1:me"
    register_instance(sessions, dead, NOW)  # fresh heartbeat, but its process is gone
    with transaction(sessions) as s:
        _feed(s, "stuck", lease_owner=dead, lease_until=NOW + timedelta(minutes=5))
    # Same pid on another host: not ours to judge until its heartbeat is stale.
    remote = f"elsewhere:{_dead_pid()}:x"
    register_instance(sessions, remote, NOW)
    assert reap_dead_instances(sessions, NOW, me=me, host=host) == [dead]
    with sessions() as s:
        assert s.query(m.Feed).one().lease_owner is None
        assert s.get(m.Instance, dead).stopped_at is not None
        assert s.get(m.Instance, remote).stopped_at is None
    later = NOW + timedelta(seconds=ALIVE_FACTOR * HEARTBEAT_S + 1)
    assert reap_dead_instances(sessions, later, me=me, host=host) == [remote]


def test_housekeeping_deletes_old_tagged_items_only_and_old_cycles(sessions) -> None:
    with transaction(sessions) as s:
        f = _feed(s, "f")
        old = NOW - timedelta(days=10)
        for guid, fetched, tagged in [("old-tagged", old, True), ("old-untagged", old, False), ("new", NOW, True)]:
            s.add(m.Item(feed_id=f.id, guid=guid, title="t", text="x", fetched_at=fetched, content_hash="h",
                         tagged=tagged))
        s.add(m.Cycle(instance="i", started_at=old, finished_at=old))
        s.add(m.Cycle(instance="i", started_at=NOW, finished_at=NOW))
        _feed(s, "expired-lease", lease_owner="gone", lease_until=NOW - timedelta(seconds=1))
    stats = housekeeping(sessions, NOW, retention_s=7 * 86400, me="me")
    assert (stats.items, stats.cycles, stats.leases) == (1, 1, 1)
    with sessions() as s:
        assert sorted(i.guid for i in s.query(m.Item)) == ["new", "old-untagged"]
    again = housekeeping(sessions, NOW, retention_s=7 * 86400, me="me")
    assert (again.items, again.cycles, again.leases) == (0, 0, 0)


def test_feed_listing_counts_items_and_lists_configured_feeds_not_synced_yet(sessions) -> None:
    from feeds.types import NewsSource

    with transaction(sessions) as s:
        f = _feed(s, "stored", last_status="200")
        for i in range(3):
            s.add(m.Item(feed_id=f.id, guid=str(i), title="t", text="x", fetched_at=NOW, content_hash="h"))
    rows = feed_listing(sessions, [("news", NewsSource("stored", "http://x")), ("news", NewsSource("new", "http://y"))])
    assert [(r["name"], r["items"], r["last_status"]) for r in rows] == [("new", 0, None), ("stored", 3, "200")]
    assert store_counts(sessions, NOW)["feeds"]["total"] == 1


def test_metrics_endpoint_and_healthz_follow_the_tick(sessions) -> None:
    metrics = Metrics(lambda: store_counts(sessions), stale_after=0.5)
    server = MetricsServer(metrics, "127.0.0.1", 0).start()
    base = "http://127.0.0.1:%d" % server.address[1]
    try:
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(base + "/healthz", timeout=5)
        assert err.value.code == 503  # no tick yet
        metrics.mark_tick()
        with urllib.request.urlopen(base + "/healthz", timeout=5) as resp:
            assert resp.status == 200 and json.loads(resp.read())["status"] == "ok"
        assert metrics._last_tick_mono is not None
        metrics._last_tick_mono -= 1.0  # the tick is now older than stale_after
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(base + "/healthz", timeout=5)
        assert err.value.code == 503
        with urllib.request.urlopen(base + "/metrics", timeout=5) as resp:
            text = resp.read().decode()
        assert "monitor_polls_total 0.0" in text
        assert 'monitor_feeds{state="total"} 0.0' in text
    finally:
        server.stop()


def test_healthz_follows_the_database_heartbeat_on_an_injected_clock() -> None:
    now = [100.0]
    metrics = Metrics(stale_after=60.0, db_stale_after=15.0, clock=lambda: now[0])
    metrics.mark_tick()
    metrics.mark_database("connection refused")  # even before any heartbeat succeeded
    assert not metrics.health()[0]
    metrics.mark_database(None)
    assert metrics.health()[0]
    metrics.mark_database("connection refused")  # a heartbeat failed: unhealthy at once
    ok, details = metrics.health()
    assert not ok and details["status"] == "database" and details["error"] == "connection refused"
    metrics.mark_database(None)
    now[0] += 14.0
    assert metrics.health()[0]
    now[0] += 2.0  # the last answered heartbeat is 16 s old: one is hanging
    ok, details = metrics.health()
    assert not ok and details["status"] == "database" and details["database_age_s"] == 16.0


def test_json_logs_are_one_object_per_line_with_extras_and_text_logs_stay_on_one_line() -> None:
    stream = StringIO()
    setup_logging("json", stream=stream)
    logging.getLogger("monitor.test").warning("feed %r:\nbad", "x", extra={"feed": "x", "errors": 2})
    setup_logging("text", stream=stream)
    logging.getLogger("monitor.test").info("line one\nline two\x1b[31m", extra={"feed": "y"})
    first, second = stream.getvalue().splitlines()
    data = json.loads(first)
    assert data["level"] == "WARNING" and data["logger"] == "monitor.test"
    assert data["msg"] == "feed 'x':\nbad" and data["feed"] == "x" and data["errors"] == 2
    assert data["ts"].endswith("Z")
    assert "line one\\nline two[31m" in second and second.endswith("feed=y")
    logging.getLogger().handlers.clear()


def test_instance_ids_are_unique_per_process() -> None:
    from monitor.service import make_instance_id

    a, b = make_instance_id(), make_instance_id()
    assert a != b and a.split(":")[1] == b.split(":")[1]
