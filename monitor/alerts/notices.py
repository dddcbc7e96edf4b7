"""Enqueue deliveries (the outbox) for alerts: first notice, repeats, resolved.

One ``deliveries`` row per alert x recipient x channel x notice. Notices are
``firing``, ``repeat:N`` and ``resolved``; an alert that re-opens after being
resolved starts a new *episode* whose notices carry a suffix (see
:func:`monitor.alerts.model.episode_key`), so the unique key
``(alert, recipient, channel, notice)`` lets each notice exist -- and be sent
-- once, even when two instances or a retry after a crash enqueue it again
(``INSERT ... ON CONFLICT DO NOTHING``).

Rules:

* ``firing``: when an active (firing or acknowledged) alert routes to a
  subscriber and they have no notice in this episode yet -- a new alert, or an
  alert whose severity rose to their ``min_severity``.
* ``repeat:N``: for a *firing* alert (not acknowledged, not silenced) when the
  last notice to that recipient was sent ``repeat_interval`` ago or more.
* ``resolved``: when the alert resolves, if ``send_resolved``, to every
  recipient who was sent (or is being sent) a notice in this episode. Notices
  of the episode still pending are cancelled (status ``cancelled``): nobody is
  told about an alert that is already over.
* Silencing an alert cancels its pending notices; when the silence ends the
  alert routes again (cancelled notices are revived).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from monitor.alerts.model import as_utc, episode_key, notice_name, parse_notice
from monitor.alerts.routing import Route, channels, digest_due, route
from monitor.settings import Settings, Subscription
from monitor.store import models as m
from monitor.store.upsert import insert_ignore

CANCELLED = "cancelled"


def _episode_rows(session: Session, alert_id: int, episode: str) -> list[m.Delivery]:
    rows = session.scalars(select(m.Delivery).where(m.Delivery.alert_id == alert_id)).all()
    return [d for d in rows if parse_notice(d.notice)[2] == episode]


def due_time(session: Session, sub: Subscription, channel: str, recipient: str, now: datetime, group_wait: float) -> datetime:
    """When a new notice for this recipient is due (group or digest, see routing)."""
    digest = digest_due(sub.digest, now)
    if digest is not None:
        return digest
    open_group = session.scalar(
        select(func.min(m.Delivery.next_attempt)).where(
            m.Delivery.recipient == recipient,
            m.Delivery.channel == channel,
            m.Delivery.status == "pending",
            m.Delivery.attempts == 0,
            m.Delivery.message_id.is_(None),
            m.Delivery.digest == "immediate",
        )
    )
    if open_group is not None:
        return as_utc(open_group)
    return now + timedelta(seconds=group_wait)


def _row(alert: m.Alert, sub: Subscription, r: Route, channel: str, recipient: str, notice: str, due: datetime, now: datetime) -> dict[str, Any]:
    return dict(
        alert_id=alert.id, subscription=sub.name, recipient=recipient, channel=channel, notice=notice,
        digest=sub.digest, severity=r.severity, payload=r.payload(), status="pending", attempts=0,
        created_at=now, next_attempt=due,
    )


def routes_for(alert: m.Alert, settings: Settings) -> list[tuple[Subscription, Route]]:
    out = []
    for sub in settings.subscriptions:
        r = route(sub, target=alert.target, confidence=alert.confidence, impact=alert.impact or {}, settings=settings.alerts)
        if r is not None:
            out.append((sub, r))
    return out


def sync_notices(session: Session, alert: m.Alert, settings: Settings, now: datetime, *, repeats: bool) -> int:
    """Enqueue the ``firing`` (and, if ``repeats``, ``repeat:N``) notices due now.

    Returns the number of deliveries created or revived.
    """
    if alert.state not in ("firing", "acknowledged"):
        return 0
    episode = episode_key(alert.resolved_at)
    existing: dict[tuple[str, str], list[m.Delivery]] = {}
    for d in _episode_rows(session, alert.id, episode):
        existing.setdefault((d.channel, d.recipient), []).append(d)
    created = 0
    interval = timedelta(seconds=settings.alerts.repeat_interval)
    for sub, r in routes_for(alert, settings):
        for channel, recipient in channels(sub):
            rows = existing.get((channel, recipient), [])
            if not rows:
                due = due_time(session, sub, channel, recipient, now, settings.alerts.group_wait)
                created += insert_ignore(
                    session, m.Delivery.__table__,
                    [_row(alert, sub, r, channel, recipient, notice_name("firing", episode), due, now)],
                    ["alert_id", "recipient", "channel", "notice"],
                )
                continue
            live = [d for d in rows if d.status != CANCELLED]
            if not live:  # silenced before it went out: revive the latest
                latest = max(rows, key=lambda d: (parse_notice(d.notice)[1], d.id))
                latest.status = "pending"
                latest.next_attempt = due_time(session, sub, channel, recipient, now, settings.alerts.group_wait)
                latest.severity, latest.payload, latest.last_error = r.severity, r.payload(), None
                created += 1
                continue
            if not repeats or alert.state != "firing":
                continue
            latest = max(live, key=lambda d: (parse_notice(d.notice)[1], d.id))
            if latest.status in ("pending", "sending"):
                continue
            last = as_utc(latest.sent_at) or as_utc(latest.next_attempt) or as_utc(latest.created_at)
            if latest.status == "sent" or latest.status == "failed":
                if last + interval <= now:
                    n = parse_notice(latest.notice)[1] + 1
                    due = due_time(session, sub, channel, recipient, now, settings.alerts.group_wait)
                    created += insert_ignore(
                        session, m.Delivery.__table__,
                        [_row(alert, sub, r, channel, recipient, notice_name("repeat", episode, n), due, now)],
                        ["alert_id", "recipient", "channel", "notice"],
                    )
    return created


def cancel_pending(session: Session, alert_id: int, episode: str, reason: str, kinds: Iterable[str] = ("firing", "repeat")) -> int:
    """Cancel this episode's notices that have not gone out yet."""
    kinds = set(kinds)
    ids = [
        d.id for d in _episode_rows(session, alert_id, episode)
        if d.status == "pending" and parse_notice(d.notice)[0] in kinds
    ]
    if not ids:
        return 0
    session.execute(
        update(m.Delivery)
        .where(m.Delivery.id.in_(ids), m.Delivery.status == "pending")
        .values(status=CANCELLED, last_error=reason)
        .execution_options(synchronize_session="fetch")
    )
    return len(ids)


def enqueue_resolved(session: Session, alert: m.Alert, episode: str, settings: Settings, now: datetime) -> int:
    """``resolved`` notices to everyone told about this episode (if ``send_resolved``)."""
    rows = _episode_rows(session, alert.id, episode)
    cancel_pending(session, alert.id, episode, "alert resolved before this notice went out")
    if not settings.alerts.send_resolved:
        return 0
    told: dict[tuple[str, str], m.Delivery] = {}
    for d in rows:
        if d.status in ("sent", "sending") and parse_notice(d.notice)[0] in ("firing", "repeat"):
            told[(d.channel, d.recipient)] = d
    subs = {s.name: s for s in settings.subscriptions}
    new_rows = []
    for (channel, recipient), d in told.items():
        sub = subs.get(d.subscription) or Subscription(name=d.subscription, digest=d.digest)
        due = due_time(session, sub, channel, recipient, now, settings.alerts.group_wait)
        new_rows.append(
            dict(
                alert_id=alert.id, subscription=d.subscription, recipient=recipient, channel=channel,
                notice=notice_name("resolved", episode), digest=sub.digest, severity=d.severity,
                payload=dict(d.payload or {}), status="pending", attempts=0, created_at=now, next_attempt=due,
            )
        )
    return insert_ignore(session, m.Delivery.__table__, new_rows, ["alert_id", "recipient", "channel", "notice"])
