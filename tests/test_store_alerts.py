"""The store functions of the alerts engine, where the engine tests do not reach:
rows from before migration 0004, a row a sender claimed meanwhile, and
fingerprint lists longer than one ``IN (...)`` chunk. Real SQLite files."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from helpers_alerts import T0, add_event, make_store
from monitor.store import alert_deliveries, alerts
from monitor.store import models as m
from monitor.store.db import transaction


def _alert_row(target: str) -> dict[str, object]:
    return dict(
        fingerprint=f"fp-{target}", target=target, type="fire", types=["fire"], state="firing", severity="low",
        confidence=0.0, score=0.0, title=f"Fire at {target}", sources=[], impact={}, evidence=[], first_seen=T0,
        last_seen=T0, published_at=None, revision=0, updated_at=T0,
    )


def test_events_from_before_incidents_were_numbered_count_as_the_first_incident(tmp_path) -> None:
    engine, sessions = make_store(tmp_path)
    ids = [add_event(sessions, target="fab-dresden", title=f"report {i}", now=T0 + timedelta(hours=i))
           for i in range(3)]
    with transaction(sessions) as s:
        alerts.insert_alerts(s, [_alert_row("fab-dresden")])
        (alert,) = alerts.lock_alerts(s, ["fp-fab-dresden"]).values()
        # a row stored before migration 0004 (no incident), one of incident 1, one of incident 2
        alerts.mark_events(s, ids, {ids[1]: (alert.id, 1), ids[2]: (alert.id, 2)})
        s.execute(m.Event.__table__.update().where(m.Event.id == ids[0]).values(alert_id=alert.id, incident=None))
    with transaction(sessions) as s:
        assert [e.id for e in alerts.incident_events(s, alert.id, 1)] == ids[:2]
        assert [e.id for e in alerts.incident_events(s, alert.id, 2)] == ids[2:]
    engine.dispose()


def test_cancelling_leaves_a_notice_a_sender_has_claimed_meanwhile(tmp_path) -> None:
    engine, sessions = make_store(tmp_path)
    with transaction(sessions) as s:
        alerts.insert_alerts(s, [_alert_row("fab-dresden")])
        alert_id = alerts.lock_alerts(s, ["fp-fab-dresden"])["fp-fab-dresden"].id
        base = dict(alert_id=alert_id, subscription="desk", channel="email", digest="immediate", severity="low",
                    payload={}, status="pending", attempts=0, created_at=T0, next_attempt=T0)
        assert alert_deliveries.enqueue(s, [{**base, "recipient": "a@example.org", "notice": "firing"},
                                            {**base, "recipient": "b@example.org", "notice": "firing"}]) == 2
        assert alert_deliveries.enqueue(s, [{**base, "recipient": "a@example.org", "notice": "firing"}]) == 0
        rows = alert_deliveries.deliveries_of_alert(s, alert_id)
    with transaction(sessions) as s:  # another instance's sender claims b's notice
        s.execute(m.Delivery.__table__.update().where(m.Delivery.id == rows[1].id).values(status="sending"))
    with transaction(sessions) as s:
        alert_deliveries.cancel(s, [d.id for d in rows], "alert resolved before this notice went out")
    with transaction(sessions) as s:
        got = {d.recipient: (d.status, d.last_error) for d in s.scalars(select(m.Delivery))}
    assert got == {"a@example.org": ("cancelled", "alert resolved before this notice went out"),
                   "b@example.org": ("sending", None)}
    engine.dispose()


def test_more_alerts_than_one_in_list_holds_are_all_created_and_read_back(tmp_path) -> None:
    engine, sessions = make_store(tmp_path)
    n = alerts.IN_CHUNK + 7
    targets = [f"site-{i:05d}" for i in range(n)]
    with transaction(sessions) as s:
        assert alerts.insert_alerts(s, [_alert_row(t) for t in targets[:10]]) == {f"fp-{t}" for t in targets[:10]}
    with transaction(sessions) as s:
        created = alerts.insert_alerts(s, [_alert_row(t) for t in targets])
        found = alerts.lock_alerts(s, [f"fp-{t}" for t in targets])
        by_id = alert_deliveries.deliveries_of(s, [a.id for a in found.values()])
    assert created == {f"fp-{t}" for t in targets[10:]}  # the first ten existed already
    assert sorted(a.target for a in found.values()) == targets
    assert len(by_id) == n and not any(by_id.values())
    engine.dispose()
