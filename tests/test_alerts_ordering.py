"""Reports are judged in the order they were published, not fetched.

Feeds are polled in any order: the "canal reopens" story can be stored before
the "canal blocked" story it follows. The alert must end resolved, and a stale
disruption report must not re-open an alert that a later recovery resolved.
"""

from __future__ import annotations

from datetime import timedelta

from helpers_alerts import T0, add_event, alerts, make_runtime, make_store
from monitor.alerts.engine import process_pending_events
from monitor.store.db import transaction


def process(sessions, runtime, now):
    with transaction(sessions) as s:
        return process_pending_events(s, runtime, now)


def test_recovery_fetched_before_the_disruption_it_ends_resolves_the_alert(tmp_path):
    engine, sessions = make_store(tmp_path)
    rt = make_runtime()
    fetched = T0 + timedelta(days=2, hours=1)  # within the blockage report's TTL (it counts from publication)
    # stored first, published last
    add_event(sessions, target="port-hamburg", type_="blockage", recovery=True,
              title="Port of Hamburg reopens", now=T0 + timedelta(days=2))
    add_event(sessions, target="port-hamburg", type_="blockage",
              title="Port of Hamburg blocked", now=T0)
    process(sessions, rt, fetched)
    (alert,) = alerts(sessions)
    assert alert.state == "resolved"
    assert "reopens" in (alert.resolved_reason or "")
    engine.dispose()


def test_stale_disruption_report_does_not_reopen_a_resolved_alert(tmp_path):
    engine, sessions = make_store(tmp_path)
    rt = make_runtime()
    add_event(sessions, target="port-hamburg", type_="blockage", title="Port of Hamburg blocked", now=T0)
    process(sessions, rt, T0 + timedelta(hours=1))
    add_event(sessions, target="port-hamburg", type_="blockage", recovery=True,
              title="Port of Hamburg reopens", now=T0 + timedelta(days=2))
    process(sessions, rt, T0 + timedelta(days=2, hours=1))
    # a slow feed delivers an old report of the blockage after the reopening
    add_event(sessions, target="port-hamburg", type_="blockage", source="Slow weekly",
              title="Hamburg port blocked (weekly round-up)", now=T0 + timedelta(hours=3))
    process(sessions, rt, T0 + timedelta(days=3))
    (alert,) = alerts(sessions)
    assert alert.state == "resolved"
    assert "Slow weekly" in alert.sources  # kept as evidence, not lost
    # a genuinely new report after the reopening does re-open it
    add_event(sessions, target="port-hamburg", type_="blockage", source="Wire",
              title="Port of Hamburg blocked again", now=T0 + timedelta(days=4))
    process(sessions, rt, T0 + timedelta(days=4, hours=1))
    (alert,) = alerts(sessions)
    assert alert.state == "firing"
    engine.dispose()


def test_recovery_older_than_latest_disruption_report_does_not_resolve(tmp_path):
    engine, sessions = make_store(tmp_path)
    rt = make_runtime()
    add_event(sessions, target="port-hamburg", type_="strike", title="Strike at Port of Hamburg", now=T0)
    add_event(sessions, target="port-hamburg", type_="strike", source="Second",
              title="Strike at Port of Hamburg resumes", now=T0 + timedelta(days=3))
    process(sessions, rt, T0 + timedelta(days=3, hours=1))
    # an old "strike over" report arrives late
    add_event(sessions, target="port-hamburg", type_="strike", recovery=True, source="Late",
              title="Hamburg port strike over", now=T0 + timedelta(days=1))
    process(sessions, rt, T0 + timedelta(days=3, hours=2))
    (alert,) = alerts(sessions)
    assert alert.state == "firing"
    engine.dispose()
