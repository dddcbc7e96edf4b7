"""Events -> alerts on a real SQLite file: upsert, corroboration, lifecycle, TTL, concurrency."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from helpers_alerts import T0, add_event, alerts, deliveries, later, make_runtime, make_store
from monitor.alerts import actions
from monitor.alerts.engine import expire_alerts, process_pending_events, upsert_alert
from monitor.settings import Subscription
from monitor.store import models as m
from monitor.store.db import make_engine, make_sessionmaker, transaction

SUB = Subscription("bav", email=("desk@example.org",), nodes=("bavaria-auto",), min_severity="low")


@pytest.fixture
def store(tmp_path):
    engine, sessions = make_store(tmp_path)
    yield sessions
    engine.dispose()


def process(sessions, runtime, now=T0):
    with transaction(sessions) as s:
        return process_pending_events(s, runtime, now)


def _mark_sent(sessions, at):
    """As if every pending notice went out at ``at``."""
    with transaction(sessions) as s:
        s.execute(m.Delivery.__table__.update().where(m.Delivery.status == "pending")
                  .values(status="sent", sent_at=at))


def expire(sessions, runtime, now):
    with transaction(sessions) as s:
        return expire_alerts(s, runtime, now)


def test_event_creates_one_alert_with_evidence_impact_and_links(store):
    rt = make_runtime(subscriptions=(SUB,))
    e1 = add_event(store, target="fab-dresden", title="Großbrand in Dresdner Chipfabrik", link="https://a.example/1")
    changes = process(store, rt)
    assert [c.change for c in changes] == ["new"]
    a = changes[0].alert
    assert (a.target, a.type, a.state) == ("fab-dresden", "fire", "firing")
    assert a.title == "Fire at Dresden fab"
    assert a.sources == ("Port news",)
    assert a.evidence[0]["headline"] == "Großbrand in Dresdner Chipfabrik"
    assert a.evidence[0]["link"] == "https://a.example/1"
    assert a.confidence == pytest.approx(0.8)
    assert a.score == pytest.approx(0.48) and a.severity == "medium"  # 0.8 x reach 0.6
    assert {h["node"] for h in a.impact["impacted"]} == {"bavaria-auto", "dealer"}
    with transaction(store) as s:
        ev = s.get(m.Event, e1)
        assert ev.processed and ev.alert_id == a.id
    # the subscriber downstream gets one firing notice, due after group_wait
    (d,) = deliveries(store)
    assert (d.recipient, d.notice, d.status, d.severity) == ("desk@example.org", "firing", "pending", "medium")
    assert d.payload["nodes"][0]["path"] == ["fab-dresden", "bavaria-auto"]
    assert process(store, rt) == []  # nothing left to do: idempotent


def test_new_evidence_updates_and_corroboration_counts_independent_sources(store):
    rt = make_runtime(subscriptions=(SUB,))
    add_event(store, target="fab-dresden", source="A", confidence=0.6, story="s1", title="t1")
    process(store, rt)
    add_event(store, target="fab-dresden", source="B", confidence=0.6, story="s1", title="t1 (syndicated)", now=later(60))
    (c,) = process(store, rt, later(60))
    assert c.change == "updated" and c.alert.confidence == pytest.approx(0.6)  # same story: once
    assert c.alert.sources == ("A", "B")
    add_event(store, target="fab-dresden", source="C", confidence=0.6, story="s2", title="independent", now=later(120))
    (c,) = process(store, rt, later(120))
    assert c.alert.confidence == pytest.approx(0.84)
    assert c.alert.evidence[0]["headline"] == "independent"  # latest first
    assert len(alerts(store)) == 1
    assert len(deliveries(store)) == 1  # updates do not re-notify


def test_low_confidence_events_are_processed_without_alert(store):
    rt = make_runtime(min_confidence=0.5)
    add_event(store, target="fab-dresden", confidence=0.3)
    assert process(store, rt) == []
    assert alerts(store) == []
    with transaction(store) as s:
        assert s.scalars(select(m.Event)).one().processed


def test_recovery_resolves_and_new_evidence_reopens_as_a_new_episode(store):
    rt = make_runtime(subscriptions=(SUB,))
    add_event(store, target="fab-dresden")
    (new,) = process(store, rt)
    _mark_sent(store, later(40))  # pretend the firing notice went out
    add_event(store, target="fab-dresden", recovery=True, title="Dresden fab back in production", now=later(3600))
    (res,) = process(store, rt, later(3600))
    assert res.change == "resolved" and res.alert.state == "resolved"
    assert "recovery reported" in res.reason and "back in production" in res.alert.resolved_reason
    notices = [d.notice for d in deliveries(store)]
    assert notices == ["firing", "resolved"]
    # a recovery for an alert that does not exist is only recorded
    add_event(store, target="bavaria-auto", type_="strike", recovery=True, now=later(3700))
    assert process(store, rt, later(3700)) == []
    # new non-recovery evidence re-opens it
    add_event(store, target="fab-dresden", title="Second fire at Dresden fab", source="Other", confidence=0.7, now=later(7200))
    (re,) = process(store, rt, later(7200))
    assert re.change == "reopened" and re.alert.state == "firing" and re.alert.id == new.alert.id
    assert re.alert.confidence == pytest.approx(0.7)  # only evidence since the resolution counts
    notices = [d.notice for d in deliveries(store)]
    assert len(notices) == 3 and notices[2].startswith("firing@")


def test_trade_drop_and_recovery_go_through_the_same_path(store):
    rt = make_runtime(subscriptions=(SUB,))
    add_event(store, target="port-hamburg", type_="trade_drop", source="Hamburg TEU", confidence=1.0,
              method="trade", title="Hamburg TEU: 500,000 in 2024-02 against 800,000 (-38%)")
    (c,) = process(store, rt)
    assert c.change == "new" and c.alert.type == "trade_drop"
    assert c.alert.evidence[0]["headline"].startswith("Hamburg TEU: 500,000")
    # a via-node disruption reaches the customer of the edge passing it
    assert any(h["node"] == "bavaria-auto" for h in c.alert.impact["impacted"])
    add_event(store, target="port-hamburg", type_="trade_drop", source="Hamburg TEU", confidence=1.0,
              method="trade", recovery=True, title="Hamburg TEU: back to 790,000", now=later(86400))
    (r,) = process(store, rt, later(86400))
    assert r.change == "resolved" and "trade series back in its band" in r.alert.resolved_reason


def test_ttl_expiry_per_type(store):
    rt = make_runtime(ttl={"fire": 3600.0}, default_ttl=86400.0)
    add_event(store, target="fab-dresden")
    add_event(store, target="bavaria-auto", type_="strike")
    process(store, rt)
    assert expire(store, rt, later(3599)) == []
    (c,) = expire(store, rt, later(3600))
    assert c.change == "resolved" and c.alert.type == "fire"
    assert c.alert.resolved_reason == "expired: no new evidence for 1h"
    (c,) = expire(store, rt, later(86400))
    assert c.alert.type == "strike" and c.alert.resolved_reason == "expired: no new evidence for 1d"


def test_ack_and_silence_states(store):
    rt = make_runtime()
    add_event(store, target="fab-dresden")
    (c,) = process(store, rt)
    with transaction(store) as s:
        snap = actions.acknowledge(s, c.alert.id, by="ana", comment="on it", now=later(10))
    assert snap.state == "acknowledged" and snap.acknowledged_by == "ana" and snap.ack_comment == "on it"
    with transaction(store) as s:
        res = actions.add_silence(s, {"kind": "site"}, duration=3600, author="ana", reason="maintenance", now=later(20))
    assert res.silenced == (c.alert.id,)
    # new evidence while silenced: updated but stays silenced
    add_event(store, target="fab-dresden", source="B", now=later(30))
    (u,) = process(store, rt, later(30))
    assert u.alert.state == "silenced"
    # the silence ends: back to acknowledged (it was acknowledged before)
    (back,) = expire(store, rt, later(3620))
    assert back.change == "updated" and back.alert.state == "acknowledged"
    with transaction(store) as s, pytest.raises(actions.AlertNotFound):
        actions.find_alert(s, "999")


def test_two_concurrent_upserts_of_one_fingerprint_converge(tmp_path):
    engine, _ = make_store(tmp_path)
    url = f"sqlite:///{tmp_path / 'monitor.db'}"
    barrier = threading.Barrier(2)
    results: list[tuple[int, bool]] = []
    errors: list[BaseException] = []

    def worker():
        eng = make_engine(url)
        sessions = make_sessionmaker(eng)
        try:
            barrier.wait()
            with transaction(sessions) as s:
                alert, created = upsert_alert(s, "fab-dresden", "fire", T0)
                results.append((alert.id, created))
        except BaseException as exc:  # surfaced below
            errors.append(exc)
        finally:
            eng.dispose()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors
    assert len({r[0] for r in results}) == 1
    assert sorted(r[1] for r in results) == [False, True]
    engine.dispose()


def test_two_instances_processing_related_events_at_once_make_one_alert(tmp_path):
    engine, sessions = make_store(tmp_path)
    rt = make_runtime(subscriptions=(SUB,))
    for i, src in enumerate(("A", "B", "C", "D")):
        add_event(sessions, target="fab-dresden", source=src, confidence=0.6, story=f"s{i}", title=f"report {i}")
    url = f"sqlite:///{tmp_path / 'monitor.db'}"
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def worker():
        eng = make_engine(url)
        try:
            barrier.wait()
            with transaction(make_sessionmaker(eng)) as s:
                process_pending_events(s, rt, T0)
        except BaseException as exc:
            errors.append(exc)
        finally:
            eng.dispose()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors
    (a,) = alerts(sessions)
    assert sorted(a.sources) == ["A", "B", "C", "D"]
    assert a.confidence == pytest.approx(1 - 0.4**4, abs=1e-3)
    assert len(deliveries(sessions)) == 1
    engine.dispose()


def test_a_rise_in_severity_is_announced_once_per_level(store):
    rt = make_runtime(subscriptions=(SUB,))
    add_event(store, target="fab-dresden", source="A", confidence=0.5, story="s1", title="Small fire at Dresden fab")
    process(store, rt)
    (first,) = deliveries(store)
    assert (first.notice, first.severity) == ("firing", "medium")
    _mark_sent(store, later(40))

    # an independent report: confidence 1 - 0.5 x 0.1 = 0.95, score 0.57 -> high for the subscriber
    add_event(store, target="fab-dresden", source="B", confidence=0.9, story="s2", title="Fab fire spreads",
              now=later(600))
    (c,) = process(store, rt, later(600))
    assert c.alert.severity == "high"
    notices = [(d.notice, d.severity, d.status) for d in deliveries(store)]
    assert notices == [("firing", "medium", "sent"), ("escalated:high", "high", "pending")]

    # more of the same, and a dip and a rise back to a level already announced: nothing new
    add_event(store, target="fab-dresden", source="C", confidence=0.5, story="s2", title="Fab fire (syndicated)",
              now=later(900))
    process(store, rt, later(900))
    assert len(deliveries(store)) == 2

    # everyone told about it, escalation included, hears it resolved
    _mark_sent(store, later(950))
    add_event(store, target="fab-dresden", recovery=True, title="Dresden fab back in production", now=later(3600))
    process(store, rt, later(3600))
    assert [d.notice for d in deliveries(store)] == ["firing", "escalated:high", "resolved"]


def test_a_notice_not_yet_sent_goes_out_with_the_new_severity(store):
    rt = make_runtime(subscriptions=(SUB,))
    add_event(store, target="fab-dresden", source="A", confidence=0.5, story="s1")
    process(store, rt)
    add_event(store, target="fab-dresden", source="B", confidence=0.9, story="s2", now=later(5))
    process(store, rt, later(5))
    (d,) = deliveries(store)  # still in its group_wait: updated, not doubled
    assert (d.notice, d.severity, d.status) == ("firing", "high", "pending")
    assert d.payload["severity"] == "high"


def test_an_acknowledged_alert_still_announces_an_escalation(store):
    rt = make_runtime(subscriptions=(SUB,))
    add_event(store, target="fab-dresden", source="A", confidence=0.5, story="s1")
    (c,) = process(store, rt)
    _mark_sent(store, later(40))
    with transaction(store) as s:
        actions.acknowledge(s, c.alert.id, by="desk", comment=None, now=later(60))
    add_event(store, target="fab-dresden", source="B", confidence=0.9, story="s2", now=later(600))
    process(store, rt, later(600))
    assert [d.notice for d in deliveries(store)] == ["firing", "escalated:high"]



def test_a_silenced_alert_announces_its_escalation_only_when_the_silence_ends(store):
    rt = make_runtime(subscriptions=(SUB,))
    add_event(store, target="fab-dresden", source="A", confidence=0.5, story="s1")
    process(store, rt)
    _mark_sent(store, later(40))
    with transaction(store) as s:
        actions.add_silence(s, {"node": "fab-dresden"}, duration=3600, author="ana", reason="known", now=later(60))
    add_event(store, target="fab-dresden", source="B", confidence=0.9, story="s2", now=later(600))
    (u,) = process(store, rt, later(600))
    assert u.alert.state == "silenced" and u.alert.severity == "high"
    assert [d.notice for d in deliveries(store)] == ["firing"]
    expire(store, rt, later(3700))  # the silence is over: the subscriber learns it is high now
    assert [(d.notice, d.severity) for d in deliveries(store)] == [("firing", "medium"), ("escalated:high", "high")]
