"""Table ``deliveries`` as the notices of alerts: an alert's rows, a recipient's
open group, enqueueing and cancelling notices (:mod:`monitor.alerts.notices`
decides which). Sending them is :mod:`monitor.store.deliveries`' part.

Every function runs in the caller's session and transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from monitor.store import models as m
from monitor.store.upsert import insert_ignore

#: The unique key of a notice: each one exists (and is sent) once.
IDENTITY = ("alert_id", "recipient", "channel", "notice")

#: Most values in one ``IN (...)`` list.
IN_CHUNK = 5000


def open_group_due(session: Session, channel: str, recipient: str) -> datetime | None:
    """Due time of the recipient's open ``immediate`` group (pending, never tried), if any."""
    return session.scalar(
        select(func.min(m.Delivery.next_attempt)).where(
            m.Delivery.recipient == recipient,
            m.Delivery.channel == channel,
            m.Delivery.status == "pending",
            m.Delivery.attempts == 0,
            m.Delivery.message_id.is_(None),
            m.Delivery.digest == "immediate",
        )
    )


def deliveries_of(session: Session, alert_ids: Iterable[int]) -> dict[int, list[m.Delivery]]:
    """Alert id -> its delivery rows by id (an empty list for an alert without any)."""
    ids = sorted({int(i) for i in alert_ids})
    out: dict[int, list[m.Delivery]] = {i: [] for i in ids}
    for start in range(0, len(ids), IN_CHUNK):
        chunk = ids[start:start + IN_CHUNK]
        for d in session.scalars(select(m.Delivery).where(m.Delivery.alert_id.in_(chunk)).order_by(m.Delivery.id)):
            out[d.alert_id].append(d)
    return out


def deliveries_of_alert(session: Session, alert_id: int) -> list[m.Delivery]:
    """One alert's delivery rows by id."""
    return list(session.scalars(select(m.Delivery).where(m.Delivery.alert_id == alert_id).order_by(m.Delivery.id)))


def enqueue(session: Session, rows: Sequence[Mapping[str, Any]]) -> int:
    """Insert notices, skipping those whose :data:`IDENTITY` exists; how many were new."""
    return insert_ignore(session, m.Delivery.__table__, [dict(r) for r in rows], list(IDENTITY))


def cancel(session: Session, ids: Sequence[int], reason: str, *, status: str = "cancelled") -> None:
    """Cancel these rows if they are still pending (loaded rows are updated too)."""
    session.execute(
        update(m.Delivery)
        .where(m.Delivery.id.in_(list(ids)), m.Delivery.status == "pending")
        .values(status=status, last_error=reason)
        .execution_options(synchronize_session="fetch")
    )
