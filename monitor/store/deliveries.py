"""The ``deliveries`` table: what is due, lease renewal, waiting rows, and the
outbox summary of ``monitor status``. Claiming and recording a send stay in
:mod:`monitor.notify.outbox`, which groups rows into messages.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from monitor.store import models as m
from monitor.store.db import rowcount, transaction


def due_clause(now: datetime) -> Any:
    """Due: ``pending`` at or past its next attempt, or ``sending`` with a lapsed lease (its sender died)."""
    return or_(
        and_(m.Delivery.status == "pending", m.Delivery.next_attempt <= now),
        and_(m.Delivery.status == "sending", or_(m.Delivery.lease_until.is_(None), m.Delivery.lease_until < now)),
    )


def renew_leases(sessions: sessionmaker[Session], ids: Sequence[int], instance_id: str, now: datetime,
                 started: float, lease: float) -> int:
    """Extend the lease of the claimed rows not recorded yet (``now`` is the flush's clock,
    advanced by the time spent since, so an injected clock stays consistent)."""
    until = now + timedelta(seconds=time.monotonic() - started + lease)
    with transaction(sessions) as session:
        return rowcount(session.execute(
            update(m.Delivery)
            .where(m.Delivery.id.in_(list(ids)), m.Delivery.status == "sending",
                   m.Delivery.lease_owner == instance_id)
            .values(lease_until=until)
            .execution_options(synchronize_session=False)
        )) or 0


def mark_waiting(session: Session, now: datetime, channels_missing: set[str], reason: str) -> int:
    if "email" not in channels_missing:
        return 0
    cond = and_(m.Delivery.channel == "email", m.Delivery.status == "pending", m.Delivery.next_attempt <= now)
    waiting = session.scalar(select(func.count()).select_from(m.Delivery).where(cond)) or 0
    if waiting:
        session.execute(
            update(m.Delivery)
            .where(cond, or_(m.Delivery.last_error.is_(None), m.Delivery.last_error != reason))
            .values(last_error=reason)
            .execution_options(synchronize_session=False)
        )
    return waiting


def next_due_in(sessions: sessionmaker[Session], now: datetime, channels: set[str]) -> float | None:
    """Seconds until a delivery of ``channels`` is due: the earliest ``next_attempt``
    of a pending row (the end of its ``group_wait``, or its retry time) or lease
    end of a row being sent elsewhere; 0 when one is due now, ``None`` when none waits."""
    if not channels:
        return None
    chan = m.Delivery.channel.in_(sorted(channels))
    with sessions() as session:
        times = [
            session.scalar(select(func.min(m.Delivery.next_attempt)).where(chan, m.Delivery.status == "pending")),
            session.scalar(select(func.min(m.Delivery.lease_until)).where(chan, m.Delivery.status == "sending")),
        ]
    known = [t for t in times if t is not None]
    return max(0.0, (min(known) - now).total_seconds()) if known else None


def outbox_summary(session: Session, *, failed_limit: int = 10) -> dict[str, Any]:
    """Counts by status and the latest failures, for ``monitor status``."""
    counts = dict(session.execute(select(m.Delivery.status, func.count()).group_by(m.Delivery.status)).all())
    failed = session.scalars(
        select(m.Delivery).where(m.Delivery.status == "failed").order_by(m.Delivery.id.desc()).limit(failed_limit)
    ).all()
    waiting = session.scalars(
        select(m.Delivery).where(m.Delivery.status == "pending", m.Delivery.last_error.is_not(None))
        .order_by(m.Delivery.id.desc()).limit(failed_limit)
    ).all()
    return {
        "by_status": {k: int(v) for k, v in counts.items()},
        "failed": [
            {"id": d.id, "alert_id": d.alert_id, "recipient": d.recipient, "channel": d.channel,
             "notice": d.notice, "attempts": d.attempts, "last_error": d.last_error}
            for d in failed
        ],
        "retrying": [
            {"id": d.id, "alert_id": d.alert_id, "recipient": d.recipient, "channel": d.channel,
             "attempts": d.attempts, "next_attempt": d.next_attempt.isoformat() if d.next_attempt else None,
             "last_error": d.last_error}
            for d in waiting
        ],
    }
