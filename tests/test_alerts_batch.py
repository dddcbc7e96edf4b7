"""The alert step works per batch of events, with the decisions of one event at a time.

Two stores get the same events; one is processed in one batch, the other one
event per batch (the old per-alert access pattern). Alerts, deliveries and the
changes reported must be the same.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from helpers_alerts import T0, add_event, make_runtime, make_store
from monitor.alerts import actions
from monitor.alerts.engine import expire_alerts, process_pending_events, upsert_alerts
from monitor.alerts.model import as_utc
from monitor.alerts.routing import cached_impact_json, clear_impact_cache, impact_json
from monitor.settings import Subscription
from monitor.store import models as m
from monitor.store.db import transaction

DESK = Subscription("desk", email=("desk@example.org",), min_severity="low")
AUTO = Subscription("auto", email=("auto@example.org",), webhook=("http://127.0.0.1:9/hook",),
                    nodes=("bavaria-auto",), min_severity="low")
DIGEST = Subscription("digest", email=("digest@example.org",), ecosystems=("automotive",), min_severity="low",
                      digest="hourly")


def _events_round_one(sessions) -> None:
    """Published in id order (so one batch and one-by-one judge them alike)."""
    h = timedelta(hours=1)
    # a recovery report before the first disruption report of its alert: only recorded
    add_event(sessions, target="port-hamburg", type_="blockage", recovery=True, source="Wire",
              title="Port of Hamburg reopens", now=T0)
    add_event(sessions, target="port-hamburg", type_="blockage", source="Wire", title="Hamburg port blocked",
              now=T0 + h)
    add_event(sessions, target="fab-dresden", source="A", story="s1", confidence=0.6, title="Fire at Dresden fab",
              now=T0 + 2 * h)
    add_event(sessions, target="fab-dresden", source="B", story="s1", confidence=0.7, title="Dresden fab fire",
              now=T0 + 3 * h)
    add_event(sessions, target="fab-dresden", source="C", story="s2", confidence=0.5, title="Dresden blaze",
              now=T0 + 4 * h)
    add_event(sessions, target="bavaria-auto", type_="strike", source="A", title="Strike at Bavarian plants",
              now=T0 + 5 * h)
    add_event(sessions, target="far-away", type_="strike", source="Low", confidence=0.05, title="Maybe a strike",
              now=T0 + 6 * h)
    add_event(sessions, target="dealer", type_="insolvency", source="B", title="Dealer insolvent", now=T0 + 7 * h)
    # the strike ends within the same batch
    add_event(sessions, target="bavaria-auto", type_="strike", recovery=True, source="B",
              title="Strike at Bavarian plants ends", now=T0 + 8 * h)


def _events_round_two(sessions) -> None:
    d = T0 + timedelta(days=1)
    add_event(sessions, target="bavaria-auto", type_="strike", source="C", title="Bavarian strike resumes", now=d)
    add_event(sessions, target="fab-dresden", source="D", title="Dresden fab still down", now=d + timedelta(hours=1))
    add_event(sessions, target="fab-villach", type_="outage", source="D", title="Power cut at Villach",
              now=d + timedelta(hours=2))


def _state(sessions):
    with transaction(sessions) as s:
        alerts = [
            (a.id, a.fingerprint, a.state, a.severity, a.confidence, a.score, a.title, tuple(a.sources), a.revision,
             a.resolved_reason, a.impact, [e["headline"] for e in a.evidence])
            for a in s.scalars(select(m.Alert).order_by(m.Alert.id))
        ]
        deliveries = [
            (d.alert_id, d.subscription, d.recipient, d.channel, d.notice, d.severity, d.status,
             as_utc(d.next_attempt), d.payload)
            for d in s.scalars(select(m.Delivery).order_by(m.Delivery.alert_id, m.Delivery.recipient,
                                                           m.Delivery.channel, m.Delivery.notice))
        ]
        events = [(e.id, e.alert_id, e.processed) for e in s.scalars(select(m.Event).order_by(m.Event.id))]
    return alerts, deliveries, events


def _changes(changes):
    return [(c.alert.fingerprint, c.change, c.reason, c.events, c.alert.state) for c in changes]


def _run(tmp_path, name: str, batch: int, store=None):
    engine, sessions = store or make_store(tmp_path, name)
    rt = make_runtime(subscriptions=(DESK, AUTO, DIGEST))
    out = []
    _events_round_one(sessions)
    with transaction(sessions) as s:
        out.append(_changes(process_pending_events(s, rt, T0 + timedelta(hours=9), batch=batch)))
    # an operator silences one alert and acknowledges another between the runs
    with transaction(sessions) as s:
        actions.add_silence(s, {"node": "dealer"}, duration=86400 * 7, author="op", reason="known",
                            now=T0 + timedelta(hours=10))
    _events_round_two(sessions)
    with transaction(sessions) as s:
        out.append(_changes(process_pending_events(s, rt, T0 + timedelta(days=1, hours=3), batch=batch)))
    with transaction(sessions) as s:
        out.append(_changes(expire_alerts(s, rt, T0 + timedelta(days=30))))
    state = _state(sessions)
    if store is None:
        engine.dispose()
    return out, state


def test_one_batch_decides_like_one_event_at_a_time(tmp_path):
    clear_impact_cache()
    batched = _run(tmp_path, "batched.db", batch=1000)
    clear_impact_cache()
    single = _run(tmp_path, "single.db", batch=1)
    assert batched == single
    changes, (alerts, deliveries, events) = batched
    first = {fp: (kind, state) for fp, kind, _, _, state in changes[0]}
    # the recovery judged before the first report found no alert; the strike ended in the same batch
    assert sorted(k for k, _ in first.values()) == ["new", "new", "new", "resolved"]
    assert [e for e in events if e[1] is None and e[0] == 1]  # the early recovery joined no alert
    assert all(processed for _, _, processed in events)
    # round two re-opens the strike and silences nothing new; expiry resolves everything
    assert ("reopened" in {c[1] for c in changes[1]})
    assert {c[4] for c in changes[2]} == {"resolved"}
    assert deliveries, "subscribers were notified"


def test_notices_of_one_run_join_the_recipients_open_group(tmp_path):
    engine, sessions = make_store(tmp_path)
    rt = make_runtime(subscriptions=(DESK,))
    for i, target in enumerate(("fab-dresden", "bavaria-auto", "dealer")):
        add_event(sessions, target=target, source=f"S{i}", title=f"Fire {i}")
    with transaction(sessions) as s:
        process_pending_events(s, rt, T0)
    add_event(sessions, target="port-hamburg", type_="blockage", source="S9", title="Port blocked")
    with transaction(sessions) as s:
        process_pending_events(s, rt, T0 + timedelta(seconds=10))
    with transaction(sessions) as s:
        due = {as_utc(d.next_attempt) for d in s.scalars(select(m.Delivery))}
        n = len(s.scalars(select(m.Delivery)).all())
    # one group: the first notice opened it (group_wait 30 s), the others joined it, the late one too
    assert n == 4
    assert due == {T0 + timedelta(seconds=30)}
    engine.dispose()


def test_upsert_alerts_creates_the_missing_ones_in_order_and_reports_which(tmp_path):
    engine, sessions = make_store(tmp_path)
    with transaction(sessions) as s:
        first = upsert_alerts(s, [("fab-dresden", "fire")], T0)
    with transaction(sessions) as s:
        got = upsert_alerts(s, [("dealer", "strike"), ("fab-dresden", "fire"), ("bavaria-auto", "fire")], T0)
        created = {a.target: c for a, c in got.values()}
        ids = {a.target: a.id for a, _ in got.values()}
    assert [c for _, c in first.values()] == [True]
    assert created == {"dealer": True, "fab-dresden": False, "bavaria-auto": True}
    assert ids["dealer"] < ids["bavaria-auto"]
    engine.dispose()


def test_impact_snapshots_are_cached_per_engine_and_follow_a_reload():
    rt = make_runtime()
    clear_impact_cache()
    a = cached_impact_json(rt.chain, rt.impact, "fab-dresden")
    assert a == impact_json(rt.chain, rt.impact, "fab-dresden")
    assert cached_impact_json(rt.chain, rt.impact, "fab-dresden") is a
    # a reload builds a new engine (here the dealer depends more on the cluster): a fresh snapshot
    from dataclasses import replace

    from graphs.impact import ImpactEngine
    from graphs.model import ValueChain

    chain = rt.chain
    edges = [replace(e, share=0.9) if e.target == "dealer" else e for e in chain.edges]
    other = ValueChain(chain.ecosystems, chain.nodes, edges, version="alerts-test-2")
    b = cached_impact_json(other, ImpactEngine(other), "fab-dresden")
    score = {h["node"]: h["score"] for h in b["impacted"]}
    assert score["dealer"] == pytest.approx(0.54) and a["impacted"][1]["score"] == pytest.approx(0.3)
    # unknown targets are not cached: the error is recomputed (a reload may add the node)
    e1 = cached_impact_json(rt.chain, rt.impact, "nowhere")
    assert "error" in e1 and cached_impact_json(rt.chain, rt.impact, "nowhere") is not e1


@pytest.mark.parametrize("batch", [1, 2, 1000])
def test_many_reports_of_one_alert_across_batches_corroborate(tmp_path, batch):
    engine, sessions = make_store(tmp_path)
    rt = make_runtime()
    for i in range(5):
        add_event(sessions, target="fab-dresden", source=f"S{i}", confidence=0.5, story=f"s{i}", title=f"r{i}",
                  now=T0 + timedelta(minutes=i))
    with transaction(sessions) as s:
        changes = process_pending_events(s, rt, T0 + timedelta(hours=1), batch=batch)
    (c,) = changes
    assert c.change == "new" and len(c.events) == 5
    assert c.alert.confidence == pytest.approx(1 - 0.5**5, abs=1e-3)
    assert c.alert.revision == 5
    engine.dispose()


@pytest.fixture
def pg_store(postgres_url):
    """A fresh PostgreSQL database (schema at head) on the server of ``postgres_url``."""
    import uuid

    import psycopg
    from sqlalchemy.engine import make_url

    from monitor.store.db import make_engine, make_sessionmaker, resolve_url
    from monitor.store.schema import ensure_schema

    base = make_url(resolve_url(postgres_url))
    name = f"monitor_batch_{uuid.uuid4().hex[:10]}"
    admin = base.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    engine = make_engine(base.set(database=name).render_as_string(hide_password=False))
    ensure_schema(engine)
    try:
        yield engine, make_sessionmaker(engine)
    finally:
        engine.dispose()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
def test_postgres_decides_like_sqlite(tmp_path, pg_store):
    clear_impact_cache()
    on_sqlite = _run(tmp_path, "sqlite.db", batch=1000)
    clear_impact_cache()
    on_postgres = _run(tmp_path, "", batch=1000, store=pg_store)
    assert on_postgres == on_sqlite
