"""Migration 0004 re-keys existing alerts on their target: one alert per incident
(SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import command
from sqlalchemy import MetaData, select, text

from monitor.alerts.model import fingerprint
from monitor.store.db import make_engine
from monitor.store.schema import alembic_config, ensure_schema


def test_active_alerts_of_one_target_merge_into_the_most_severe(db_url: str) -> None:
    engine = make_engine(db_url)
    command.upgrade(alembic_config(db_url), "0002")
    now = datetime(2026, 11, 1, 10, tzinfo=UTC)
    meta = MetaData()
    meta.reflect(engine, only=["alerts", "events", "deliveries"])
    alerts, events, deliveries = (meta.tables[n] for n in ("alerts", "events", "deliveries"))
    rows = [
        # id, fingerprint, target, type, state, severity
        (1, "old-fire", "fab-dresden", "outage", "firing", "medium"),
        (2, "old-outage", "fab-dresden", "fire", "firing", "high"),
        (3, "old-strike", "fab-dresden", "strike", "resolved", "critical"),
        (4, "old-port", "port-hamburg", "strike", "acknowledged", "low"),
    ]
    with engine.begin() as conn:
        conn.execute(alerts.insert(), [
            dict(id=i, fingerprint=fp, target=t, type=ty, state=st, severity=sev, confidence=0.8, score=0.5, title="",
                 sources=[], impact={}, evidence=[], first_seen=now, last_seen=now, revision=1, updated_at=now)
            for i, fp, t, ty, st, sev in rows
        ])
        conn.execute(events.insert(), [dict(id=1, origin="item:1", source="f", target="fab-dresden", type="outage",
                                            confidence=0.8, recovery=False, method="mention", evidence=[], story="",
                                            created_at=now, alert_id=1, processed=True)])
        conn.execute(deliveries.insert(), [dict(id=1, alert_id=1, subscription="s", recipient="a@b", channel="email",
                                                notice="firing", digest="immediate", severity="medium", payload={},
                                                status="pending", attempts=0, created_at=now, next_attempt=now)])
    engine.dispose()
    engine = make_engine(db_url)
    ensure_schema(engine)
    meta = MetaData()
    meta.reflect(engine, only=["alerts", "events", "deliveries"])
    with engine.connect() as conn:
        got = {r.id: r for r in conn.execute(select(meta.tables["alerts"]))}
        assert got[2].fingerprint == fingerprint("fab-dresden") and got[2].state == "firing"
        assert got[2].type == "fire" and got[2].types == ["fire", "outage"] and got[2].incident == 1
        assert got[1].state == "resolved" and "merged into alert 2" in got[1].resolved_reason
        assert got[3].state == "resolved" and got[3].fingerprint == "old-strike"  # history keeps its key
        assert got[4].fingerprint == fingerprint("port-hamburg") and got[4].state == "acknowledged"
        assert conn.execute(text("SELECT alert_id FROM events WHERE id = 1")).scalar() == 2
        assert conn.execute(text("SELECT status FROM deliveries WHERE id = 1")).scalar() == "cancelled"
    engine.dispose()
