"""Incident = alert, and time from publication.

One alert per target and incident: every report at the target (any type,
source, news or trade series) joins it; the cause is the primary type. An
event's time is its item's publication; TTLs count from the latest evidence's
publication; reports older than ``alerts.max_age`` are stored and tagged but
raise nothing.
"""

from __future__ import annotations

import json
from datetime import timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path

import pytest
from sqlalchemy import select

from helpers_alerts import T0, SmtpServer, add_event, alerts, deliveries, make_runtime, make_store
from monitor.alerts.engine import expire_alerts, process_pending_events
from monitor.alerts.model import as_utc
from monitor.settings import Subscription
from monitor.store import models as m
from monitor.store.db import transaction
from tests.helpers_feeds import ScriptedServer
from tests.helpers_pipeline import START, Harness, Resource, write_config

SUB = Subscription(name="ops", email=("ops@example.org",), nodes=("fab-dresden", "port-hamburg"), min_severity="low")


def process(sessions, rt, now):
    with transaction(sessions) as s:
        return process_pending_events(s, rt, now)


def expire(sessions, rt, now):
    with transaction(sessions) as s:
        return expire_alerts(s, rt, now)


def test_fire_that_halts_production_is_one_alert_with_types_fire_then_outage(tmp_path):
    engine, sessions = make_store(tmp_path)
    rt = make_runtime(subscriptions=(SUB,))
    title = "Fire at the Dresden fab halts production"
    # the tagger makes two events of one story: the consequence may come first
    add_event(sessions, target="fab-dresden", type_="outage", title=title, story="s1", guid="a")
    add_event(sessions, target="fab-dresden", type_="fire", title=title, story="s1", guid="b")
    changes = process(sessions, rt, T0 + timedelta(minutes=5))
    (alert,) = alerts(sessions)
    assert alert.types == ["fire", "outage"] and alert.type == "fire"
    assert alert.title == "Fire and outage at Dresden fab"
    assert [c.change for c in changes] == ["new"]
    # one firing notice for the incident, not one per type
    assert [d.notice for d in deliveries(sessions)] == ["firing"]
    engine.dispose()


def test_a_later_consequence_escalates_the_same_alert_never_a_second_one(tmp_path):
    engine, sessions = make_store(tmp_path)
    rt = make_runtime(subscriptions=(SUB,))
    add_event(sessions, target="port-hamburg", type_="blockage", title="Port of Hamburg blocked", now=T0)
    process(sessions, rt, T0 + timedelta(minutes=1))
    add_event(sessions, target="port-hamburg", type_="conflict", source="Wire", title="Shelling near Port of Hamburg",
              now=T0 + timedelta(hours=2), confidence=0.9)
    changes = process(sessions, rt, T0 + timedelta(hours=2, minutes=1))
    (alert,) = alerts(sessions)
    assert alert.types == ["conflict", "blockage"]  # the war is the cause, the blockage its consequence
    assert [(c.change, c.reason) for c in changes] == [("updated", "new type: conflict")]
    assert alert.revision >= 2
    engine.dispose()


def test_trade_drop_and_a_news_report_at_one_node_are_one_alert(tmp_path):
    engine, sessions = make_store(tmp_path)
    rt = make_runtime(subscriptions=(SUB,))
    add_event(sessions, target="port-hamburg", type_="trade_drop", source="Hamburg TEU", method="trade",
              title="Hamburg TEU: 50,000 in 2024-02 against a baseline of 100,000", now=T0)
    add_event(sessions, target="port-hamburg", type_="strike", source="Port news",
              title="Dockers strike at Port of Hamburg", now=T0 + timedelta(days=1))
    process(sessions, rt, T0 + timedelta(days=1, minutes=1))
    (alert,) = alerts(sessions)
    assert alert.types == ["strike", "trade_drop"]
    assert set(alert.sources) == {"Hamburg TEU", "Port news"}
    engine.dispose()


def test_sixty_day_old_item_is_kept_and_tagged_but_raises_no_alert_and_no_delivery(tmp_path):
    engine, sessions = make_store(tmp_path)
    rt = make_runtime(subscriptions=(SUB,))
    eid = add_event(sessions, target="port-hamburg", type_="strike", title="Port strike", now=T0 - timedelta(days=60))
    process(sessions, rt, T0)
    assert alerts(sessions) == [] and deliveries(sessions) == []
    with transaction(sessions) as s:
        ev = s.get(m.Event, eid)
        assert ev.processed and ev.skipped == "old-news" and ev.alert_id is None
        assert s.get(m.Item, ev.item_id) is not None
    engine.dispose()


def test_max_age_gives_way_to_a_longer_ttl(tmp_path):
    engine, sessions = make_store(tmp_path)
    rt = make_runtime(subscriptions=(SUB,), ttl={"trade_restriction": 30 * 86400.0})
    add_event(sessions, target="fab-dresden", type_="trade_restriction", title="Export ban on chips",
              now=T0 - timedelta(days=20))
    add_event(sessions, target="port-hamburg", type_="strike", title="Port strike", now=T0 - timedelta(days=8))
    process(sessions, rt, T0)
    assert [(a.target, a.types) for a in alerts(sessions)] == [("fab-dresden", ["trade_restriction"])]
    engine.dispose()


def test_ttl_counts_from_publication_not_from_when_the_item_was_fetched(tmp_path):
    engine, sessions = make_store(tmp_path)
    rt = make_runtime(subscriptions=(SUB,), ttl={"strike": 2 * 86400.0})
    # published two days minus an hour before it was fetched
    eid = add_event(sessions, target="port-hamburg", type_="strike", title="Port strike", now=T0)
    with transaction(sessions) as s:
        s.get(m.Event, eid).created_at = T0 + timedelta(days=2) - timedelta(hours=1)
    process(sessions, rt, T0 + timedelta(days=2) - timedelta(hours=1))
    (alert,) = alerts(sessions)
    assert as_utc(alert.published_at) == T0 and as_utc(alert.last_seen) == T0 + timedelta(days=2) - timedelta(hours=1)
    assert expire(sessions, rt, T0 + timedelta(days=2) - timedelta(minutes=1)) == []
    (resolved,) = expire(sessions, rt, T0 + timedelta(days=2))
    assert resolved.change == "resolved" and resolved.reason == "expired: no new evidence for 2d"
    engine.dispose()


def test_incident_over_before_it_was_seen_is_recorded_resolved_and_never_notified(tmp_path):
    engine, sessions = make_store(tmp_path)
    rt = make_runtime(subscriptions=(SUB,), ttl={"outage": 86400.0})
    add_event(sessions, target="fab-dresden", type_="outage", title="Power cut at Dresden fab",
              now=T0 - timedelta(days=3))
    (change,) = process(sessions, rt, T0)
    (alert,) = alerts(sessions)
    assert change.change == "recorded" and alert.state == "resolved"
    assert alert.resolved_reason.startswith("expired before it was seen")
    assert deliveries(sessions) == []
    engine.dispose()


def test_a_future_publication_date_counts_as_now(tmp_path):
    engine, sessions = make_store(tmp_path)
    rt = make_runtime(subscriptions=(SUB,))
    eid = add_event(sessions, target="port-hamburg", type_="strike", title="Port strike", now=T0 + timedelta(days=30))
    with transaction(sessions) as s:
        s.get(m.Event, eid).created_at = T0
    process(sessions, rt, T0)
    (alert,) = alerts(sessions)
    assert as_utc(alert.published_at) == T0
    assert alert.evidence[0]["time"] == T0.isoformat()
    engine.dispose()


def test_reports_a_ttl_apart_are_two_incidents_even_when_seen_together(tmp_path):
    engine, sessions = make_store(tmp_path)
    rt = make_runtime(subscriptions=(SUB,), ttl={"strike": 2 * 86400.0}, max_age=365 * 86400.0)
    # a backlog seen at once: a strike 40 days ago (two reports), and a new one an hour ago
    add_event(sessions, target="port-hamburg", type_="strike", title="Strike day 1", now=T0 - timedelta(days=40))
    add_event(sessions, target="port-hamburg", type_="strike", title="Strike day 2", now=T0 - timedelta(days=39))
    add_event(sessions, target="port-hamburg", type_="strike", title="New strike", now=T0 - timedelta(hours=1))
    process(sessions, rt, T0)
    (alert,) = alerts(sessions)
    assert alert.state == "firing" and alert.incident == 2
    assert as_utc(alert.published_at) == T0 - timedelta(hours=1)
    assert [e["headline"] for e in alert.evidence][0] == "New strike"
    assert [d.notice for d in deliveries(sessions)] == ["firing@" + str(int(T0.timestamp()))]
    engine.dispose()


def _old_rss(n: int, published) -> bytes:
    parts = ['<?xml version="1.0" encoding="utf-8"?>',
             '<rss version="2.0"><channel><title>Archive</title><link>http://127.0.0.1/</link><description>x</description>']
    for i in range(n):
        when = format_datetime(published - timedelta(hours=i))
        parts.append(
            f'<item><guid isPermaLink="false">old-{i}</guid>'
            f"<title>{escape(f'Major fire at Port of Testhaven halts terminal {i}')}</title>"
            f"<description>A fire broke out at the Port of Testhaven, report {i}.</description>"
            f"<pubDate>{when}</pubDate></item>"
        )
    parts.append("</channel></rss>")
    return "\n".join(parts).encode()


def test_first_start_over_a_feed_of_100_old_items_sends_no_email(tmp_path, sqlite_url):
    smtp = SmtpServer().start()
    try:
        with ScriptedServer() as srv:
            url = srv.route("/archive", Resource(_old_rss(100, START - timedelta(days=30))))
            monitor_yaml = (
                "schedule: {jitter: 0}\nalerts: {group_wait: 0s}\n"
                f"smtp: {{host: 127.0.0.1, port: {smtp.port}, starttls: false, sender: monitor@example.org}}\n"
                "subscriptions:\n  - {name: ops, email: [ops@example.org], nodes: [port-testhaven], min_severity: low}\n"
            )
            h = Harness(write_config(tmp_path, [{"name": "Archive", "url": url, "interval": "10m"}],
                                     monitor_yaml=monitor_yaml), sqlite_url)
            try:
                h.pipeline.run_cycle()
                h.clock.advance(60)
                h.pipeline.run_cycle()
                items = h.items("Archive")
                assert len(items) == 100 and all(i.tagged for i in items)
                events = h.all(m.Event)
                assert events and all(e.skipped == "old-news" for e in events)
                assert h.count(m.Alert) == 0 and h.count(m.Delivery) == 0
            finally:
                h.close()
        assert smtp.received == []
    finally:
        smtp.stop()


def test_a_new_type_is_told_once_as_an_escalation_of_the_same_alert(tmp_path):
    import random

    from monitor.notify.outbox import flush

    smtp = SmtpServer().start()
    try:
        engine, sessions = make_store(tmp_path)
        rt = make_runtime(subscriptions=(SUB,), smtp=smtp.settings())
        add_event(sessions, target="fab-dresden", type_="fire", title="Fire at the Dresden fab", now=T0)
        process(sessions, rt, T0)
        flush(sessions, rt, T0 + timedelta(seconds=30), instance_id="t", rng=random.Random(1))
        # an hour later: the fire has halted production
        add_event(sessions, target="fab-dresden", type_="outage", source="Wire", title="Dresden fab production halted",
                  now=T0 + timedelta(hours=1))
        process(sessions, rt, T0 + timedelta(hours=1))
        flush(sessions, rt, T0 + timedelta(hours=1, seconds=30), instance_id="t", rng=random.Random(1))
        # and again, with nothing new: nothing more
        process(sessions, rt, T0 + timedelta(hours=2))
        flush(sessions, rt, T0 + timedelta(hours=2, seconds=30), instance_id="t", rng=random.Random(1))
        (alert,) = alerts(sessions)
        assert alert.types == ["fire", "outage"]
        assert [d.notice for d in deliveries(sessions)] == ["firing", "escalated:+outage"]
        assert len(smtp.received) == 2
        second = smtp.received[1].message
        assert second["Subject"].strip() == "[monitor] CRITICAL Dresden fab production halted (+ fire, outage) (escalated)"
        assert "FIRING" not in second.get_body(("plain",)).get_content()[:20]
        engine.dispose()
    finally:
        smtp.stop()
