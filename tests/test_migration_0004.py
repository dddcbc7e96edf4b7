"""Migration 0004 re-keys existing alerts on their target: one alert per incident."""

from __future__ import annotations

import json

from alembic import command
from sqlalchemy import text

from monitor.alerts.model import fingerprint
from monitor.store.db import make_engine
from monitor.store.schema import alembic_config, ensure_schema


def test_active_alerts_of_one_target_merge_into_the_most_severe(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    command.upgrade(alembic_config(sqlite_url), "0002")
    now = "2026-11-01 10:00:00"
    rows = [
        # id, fingerprint, target, type, state, severity
        (1, "old-fire", "fab-dresden", "outage", "firing", "medium"),
        (2, "old-outage", "fab-dresden", "fire", "firing", "high"),
        (3, "old-strike", "fab-dresden", "strike", "resolved", "critical"),
        (4, "old-port", "port-hamburg", "strike", "acknowledged", "low"),
    ]
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO feeds (id, name, kind, url, interval_s, enabled, in_config, error_count, parked, "
                          "polls, skipped_entries) VALUES (1, 'f', 'news', 'u', 60, 1, 1, 0, 0, 0, 0)"))
        for id_, fp, target, type_, state, sev in rows:
            conn.execute(text(
                "INSERT INTO alerts (id, fingerprint, target, type, state, severity, confidence, score, title, sources,"
                " impact, evidence, first_seen, last_seen, revision, updated_at) VALUES "
                "(:id, :fp, :t, :ty, :st, :sev, 0.8, 0.5, '', '[]', '{}', '[]', :now, :now, 1, :now)"),
                dict(id=id_, fp=fp, t=target, ty=type_, st=state, sev=sev, now=now))
        conn.execute(text("INSERT INTO events (id, origin, source, target, type, confidence, recovery, method, evidence,"
                          " story, created_at, alert_id, processed) VALUES (1, 'item:1', 'f', 'fab-dresden', 'outage',"
                          " 0.8, 0, 'mention', '[]', '', :now, 1, 1)"), dict(now=now))
        conn.execute(text("INSERT INTO deliveries (id, alert_id, subscription, recipient, channel, notice, digest, severity,"
                          " payload, status, attempts, created_at, next_attempt) VALUES (1, 1, 's', 'a@b', 'email',"
                          " 'firing', 'immediate', 'medium', '{}', 'pending', 0, :now, :now)"), dict(now=now))
    ensure_schema(engine)
    with engine.connect() as conn:
        got = {r.id: r for r in conn.execute(text("SELECT * FROM alerts"))}
        assert got[2].fingerprint == fingerprint("fab-dresden") and got[2].state == "firing"
        assert got[2].type == "fire" and json.loads(got[2].types) == ["fire", "outage"]
        assert got[1].state == "resolved" and "merged into alert 2" in got[1].resolved_reason
        assert got[3].state == "resolved" and got[3].fingerprint == "old-strike"  # history keeps its key
        assert got[4].fingerprint == fingerprint("port-hamburg") and got[4].state == "acknowledged"
        assert conn.execute(text("SELECT alert_id FROM events WHERE id = 1")).scalar() == 2
        assert conn.execute(text("SELECT status FROM deliveries WHERE id = 1")).scalar() == "cancelled"
    engine.dispose()
