"""The ``deliveries`` table: what is due, claiming rows with a lease, recording
a send, lease renewal, waiting rows, and the outbox summary of ``monitor
status``. :mod:`monitor.notify.outbox` decides which rows form one message and
what a failed send means; every statement it needs is here.
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


def due_rows(session: Session, now: datetime, channels: set[str], limit: int) -> list[m.Delivery]:
    """Up to ``limit`` due rows of ``channels``, oldest due first (PostgreSQL: rows another
    transaction has locked are skipped, and the ones returned stay locked until commit)."""
    stmt = (
        select(m.Delivery)
        .where(m.Delivery.channel.in_(sorted(channels)), due_clause(now))
        .order_by(m.Delivery.next_attempt, m.Delivery.id)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True)
    return list(session.scalars(stmt).all())


def lease(session: Session, delivery_id: int, now: datetime, *, instance_id: str, until: datetime) -> bool:
    """Take one row for sending if it is still due: ``sending``, leased to ``instance_id``
    until ``until``, one more attempt. False if another instance won it meanwhile."""
    return bool(rowcount(session.execute(
        update(m.Delivery)
        .where(m.Delivery.id == delivery_id, due_clause(now))
        .values(status="sending", lease_owner=instance_id, lease_until=until, attempts=m.Delivery.attempts + 1)
        .execution_options(synchronize_session=False)
    )))


def set_message_id(session: Session, ids: Sequence[int], message_id: str) -> None:
    session.execute(
        update(m.Delivery).where(m.Delivery.id.in_(list(ids))).values(message_id=message_id)
        .execution_options(synchronize_session=False)
    )


def alert_fingerprints(session: Session, alert_ids: set[int]) -> dict[int, str]:
    if not alert_ids:
        return {}
    return dict(session.execute(
        select(m.Alert.id, m.Alert.fingerprint).where(m.Alert.id.in_(alert_ids))).all())


def alerts_by_id(session: Session, alert_ids: set[int]) -> dict[int, m.Alert]:
    """The alerts the claimed rows are notices of."""
    return {a.id: a for a in session.scalars(select(m.Alert).where(m.Alert.id.in_(alert_ids)))}


def _held(ids: Sequence[int], instance_id: str) -> Any:
    """Rows of ``ids`` still being sent under ``instance_id``'s lease (not taken over)."""
    return and_(m.Delivery.id.in_(list(ids)), m.Delivery.status == "sending", m.Delivery.lease_owner == instance_id)


def mark_sent(session: Session, ids: Sequence[int], instance_id: str, now: datetime) -> int:
    """Record the rows this instance still holds as sent; how many (the others were taken over)."""
    return rowcount(session.execute(
        update(m.Delivery).where(_held(ids, instance_id))
        .values(status="sent", sent_at=now, lease_owner=None, lease_until=None, last_error=None)
        .execution_options(synchronize_session=False)
    ))


def held_attempts(session: Session, ids: Sequence[int], instance_id: str) -> list[int]:
    """The attempt counts of the rows this instance still holds."""
    return list(session.scalars(select(m.Delivery.attempts).where(_held(ids, instance_id))).all())


def mark_failed(session: Session, ids: Sequence[int], instance_id: str, error: str) -> int:
    """Give up the rows this instance still holds, saying why; how many."""
    return rowcount(session.execute(
        update(m.Delivery).where(_held(ids, instance_id))
        .values(status="failed", last_error=error, lease_owner=None, lease_until=None)
        .execution_options(synchronize_session=False)
    ))


def reschedule(session: Session, ids: Sequence[int], instance_id: str, next_attempt: datetime, error: str) -> int:
    """Put the rows this instance still holds back to ``pending`` until ``next_attempt``; how many."""
    return rowcount(session.execute(
        update(m.Delivery).where(_held(ids, instance_id))
        .values(status="pending", next_attempt=next_attempt, last_error=error, lease_owner=None, lease_until=None)
        .execution_options(synchronize_session=False)
    ))


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
