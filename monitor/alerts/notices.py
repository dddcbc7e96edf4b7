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
* ``escalated:SEVERITY``: when the alert's severity for a subscriber rises
  above every severity they were sent in this episode (new independent
  evidence, a larger impact after a graph change). A notice still waiting to
  go out is updated to the new severity instead. Each level is announced at
  most once per episode; acknowledging an alert does not mute its escalation
  (it is news the acknowledger has not seen), silencing does.
* ``repeat:N``: for a *firing* alert (not acknowledged, not silenced) when the
  last notice to that recipient was sent ``repeat_interval`` ago or more.
* ``resolved``: when the alert resolves, if ``send_resolved``, to every
  recipient who was sent (or is being sent) a notice in this episode. Notices
  of the episode still pending are cancelled (status ``cancelled``): nobody is
  told about an alert that is already over.
* Silencing an alert cancels its pending notices; when the silence ends the
  alert routes again (cancelled notices are revived).

Batching: the engine handles many alerts per transaction, so it passes a
:class:`NoticeBatch` that reads the delivery rows of all those alerts in one
query, looks up each recipient's open group once (then keeps it up to date in
memory as notices join it) and inserts the new notices in one statement. The
decisions are the ones the one-alert-at-a-time path makes; without a batch
every function reads and writes for its one alert.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from monitor.alerts.model import as_utc, episode_key, notice_name, parse_notice, severity_rank
from monitor.alerts.routing import Route, channels, digest_due, route
from monitor.settings import Settings, Subscription
from monitor.store import alert_deliveries as store
from monitor.store import models as m

CANCELLED = "cancelled"


_IDENTITY = store.IDENTITY


def _joins_group(row: dict[str, Any]) -> bool:
    return row["digest"] == "immediate" and row["status"] == "pending" and row["attempts"] == 0


class NoticeBatch:
    """Delivery reads and writes of many alerts in one transaction, with few queries.

    * :meth:`preload` reads the delivery rows of many alerts at once;
      :meth:`episode_rows` serves them (and reads an alert not preloaded on
      its own);
    * :meth:`due` looks up a recipient's open group once, then follows the
      notices this batch adds to it;
    * :meth:`add` queues a new delivery (one per identity), :meth:`flush`
      inserts the queue with one ``INSERT ... ON CONFLICT DO NOTHING``. Any
      read that must see the queued rows flushes it first.
    """

    def __init__(self, session: Session):
        self.session = session
        self._rows: dict[int, list[m.Delivery]] = {}
        self._groups: dict[tuple[str, str], datetime | None] = {}
        self._queue: list[dict[str, Any]] = []
        self._queued: set[tuple[Any, ...]] = set()
        self._queued_alerts: set[int] = set()

    def preload(self, alert_ids: Iterable[int]) -> None:
        """Read the delivery rows of ``alert_ids`` in one query."""
        ids = {int(i) for i in alert_ids} - self._rows.keys()
        self._rows.update(store.deliveries_of(self.session, ids))

    def episode_rows(self, alert_id: int, episode: str) -> list[m.Delivery]:
        """The alert's delivery rows of this episode."""
        if alert_id in self._queued_alerts:
            self.flush()
            self._rows.pop(alert_id, None)
        rows = self._rows.get(alert_id)
        if rows is None:
            rows = store.deliveries_of_alert(self.session, alert_id)
        return [d for d in rows if parse_notice(d.notice)[2] == episode]

    def due(self, sub: Subscription, channel: str, recipient: str, now: datetime, group_wait: float) -> datetime:
        """When a new notice for this recipient is due (group or digest, see routing)."""
        digest = digest_due(sub.digest, now)
        if digest is not None:
            return digest
        key = (channel, recipient)
        if key not in self._groups:
            self.flush()
            self._groups[key] = as_utc(store.open_group_due(self.session, channel, recipient))
        open_group = self._groups[key]
        if open_group is not None:
            return open_group
        return now + timedelta(seconds=group_wait)

    def add(self, row: dict[str, Any]) -> int:
        """Queue a delivery row; 0 if this batch already queued its identity."""
        ident = tuple(row[k] for k in _IDENTITY)
        if ident in self._queued:
            return 0
        self._queued.add(ident)
        self._queue.append(row)
        self._queued_alerts.add(row["alert_id"])
        key = (row["channel"], row["recipient"])
        if _joins_group(row) and key in self._groups:
            current = self._groups[key]
            due = as_utc(row["next_attempt"])
            self._groups[key] = due if current is None else min(current, due)
        return 1

    def changed(self, keys: Iterable[tuple[str, str]] | None = None) -> None:
        """Rows changed status outside :meth:`add`: forget the affected groups (all if ``None``)."""
        if keys is None:
            self._groups.clear()
        else:
            for k in keys:
                self._groups.pop(k, None)

    def flush(self) -> int:
        """Insert the queued rows; returns how many were new."""
        if not self._queue:
            return 0
        rows, self._queue = self._queue, []
        self._queued.clear()
        for a in self._queued_alerts:
            self._rows.pop(a, None)  # re-read with the new rows when asked again
        self._queued_alerts.clear()
        return store.enqueue(self.session, rows)


def _episode_rows(session: Session, alert_id: int, episode: str) -> list[m.Delivery]:
    rows = store.deliveries_of_alert(session, alert_id)
    return [d for d in rows if parse_notice(d.notice)[2] == episode]


def _payload(alert: m.Alert, r: Route) -> dict[str, Any]:
    """The route as stored on a delivery, with the incident's types it announces."""
    return {**r.payload(), "types": list(alert.types or [alert.type])}


def _told_types(rows: Iterable[m.Delivery]) -> set[str] | None:
    """The types these notices announced (``None``: a notice from before types were recorded)."""
    told: set[str] = set()
    for d in rows:
        types = (d.payload or {}).get("types")
        if types is None:
            return None
        told.update(types)
    return told


def _row(alert: m.Alert, sub: Subscription, r: Route, channel: str, recipient: str, notice: str, due: datetime, now: datetime) -> dict[str, Any]:
    return dict(
        alert_id=alert.id, subscription=sub.name, recipient=recipient, channel=channel, notice=notice,
        digest=sub.digest, severity=r.severity, payload=_payload(alert, r), status="pending", attempts=0,
        created_at=now, next_attempt=due,
    )


def routes_for(alert: m.Alert, settings: Settings) -> list[tuple[Subscription, Route]]:
    out = []
    for sub in settings.subscriptions:
        r = route(sub, target=alert.target, confidence=alert.confidence, impact=alert.impact or {}, settings=settings.alerts)
        if r is not None:
            out.append((sub, r))
    return out


def sync_notices(
    session: Session, alert: m.Alert, settings: Settings, now: datetime, *, repeats: bool,
    batch: NoticeBatch | None = None,
) -> int:
    """Enqueue the ``firing`` (and, if ``repeats``, ``repeat:N``) notices due now.

    Returns the number of deliveries queued or revived (with a ``batch``, the
    new rows are inserted when the batch flushes).
    """
    if alert.state not in ("firing", "acknowledged"):
        return 0
    own = batch is None
    batch = batch or NoticeBatch(session)
    episode = episode_key(alert.resolved_at)
    existing: dict[tuple[str, str], list[m.Delivery]] = {}
    for d in batch.episode_rows(alert.id, episode):
        existing.setdefault((d.channel, d.recipient), []).append(d)
    created = revived = escalated = 0
    interval = timedelta(seconds=settings.alerts.repeat_interval)
    gw = settings.alerts.group_wait
    for sub, r in routes_for(alert, settings):
        for channel, recipient in channels(sub):
            rows = existing.get((channel, recipient), [])
            if not rows:
                due = batch.due(sub, channel, recipient, now, gw)
                created += batch.add(_row(alert, sub, r, channel, recipient, notice_name("firing", episode), due, now))
                continue
            live = [d for d in rows if d.status != CANCELLED]
            if not live:  # silenced before it went out: revive the latest
                latest = max(rows, key=lambda d: (parse_notice(d.notice)[1], d.id))
                latest.status = "pending"
                latest.next_attempt = batch.due(sub, channel, recipient, now, gw)
                latest.severity, latest.payload, latest.last_error = r.severity, _payload(alert, r), None
                batch.changed([(channel, recipient)])
                revived += 1
                continue
            if severity_rank(r.severity) > max(severity_rank(d.severity) for d in live):
                waiting = [d for d in live if d.status == "pending"]
                if waiting:  # not out yet: it goes out with the severity as it is now
                    for d in waiting:
                        d.severity, d.payload = r.severity, _payload(alert, r)
                    escalated += 1
                else:
                    due = batch.due(sub, channel, recipient, now, gw)
                    created += batch.add(_row(alert, sub, r, channel, recipient,
                                              notice_name("escalated", episode, severity=r.severity), due, now))
                continue
            told = _told_types(live)
            new = [t for t in (alert.types or [alert.type]) if told is not None and t not in told]
            if new:
                # the incident grew a type (a fire now halts production): the same alert, told once more
                waiting = [d for d in live if d.status == "pending"]
                if waiting:
                    for d in waiting:
                        d.severity, d.payload = r.severity, _payload(alert, r)
                    escalated += 1
                else:
                    due = batch.due(sub, channel, recipient, now, gw)
                    created += batch.add(_row(alert, sub, r, channel, recipient, f"escalated:+{new[0]}{episode}",
                                              due, now))
                continue
            if not repeats or alert.state != "firing":
                continue
            latest = max(live, key=lambda d: d.id)
            if latest.status in ("pending", "sending"):
                continue
            last = as_utc(latest.sent_at) or as_utc(latest.next_attempt) or as_utc(latest.created_at)
            if latest.status == "sent" or latest.status == "failed":
                if last + interval <= now:
                    n = max((parse_notice(d.notice)[1] for d in rows), default=0) + 1
                    due = batch.due(sub, channel, recipient, now, gw)
                    created += batch.add(
                        _row(alert, sub, r, channel, recipient, notice_name("repeat", episode, n), due, now)
                    )
    if own:
        return batch.flush() + revived + escalated
    return created + revived + escalated


def cancel_pending(
    session: Session, alert_id: int, episode: str, reason: str,
    kinds: Iterable[str] = ("firing", "repeat", "escalated"),
    *, batch: NoticeBatch | None = None,
) -> int:
    """Cancel this episode's notices that have not gone out yet."""
    kinds = set(kinds)
    rows = batch.episode_rows(alert_id, episode) if batch else _episode_rows(session, alert_id, episode)
    pending = [d for d in rows if d.status == "pending" and parse_notice(d.notice)[0] in kinds]
    if not pending:
        return 0
    store.cancel(session, [d.id for d in pending], reason, status=CANCELLED)
    if batch is not None:
        batch.changed({(d.channel, d.recipient) for d in pending})
    return len(pending)


def enqueue_resolved(
    session: Session, alert: m.Alert, episode: str, settings: Settings, now: datetime,
    *, batch: NoticeBatch | None = None,
) -> int:
    """``resolved`` notices to everyone told about this episode (if ``send_resolved``)."""
    own = batch is None
    batch = batch or NoticeBatch(session)
    rows = batch.episode_rows(alert.id, episode)
    cancel_pending(session, alert.id, episode, "alert resolved before this notice went out", batch=batch)
    if not settings.alerts.send_resolved:
        return 0
    told: dict[tuple[str, str], m.Delivery] = {}
    for d in rows:
        if d.status in ("sent", "sending") and parse_notice(d.notice)[0] in ("firing", "repeat", "escalated"):
            told[(d.channel, d.recipient)] = d
    subs = {s.name: s for s in settings.subscriptions}
    created = 0
    for (channel, recipient), d in told.items():
        sub = subs.get(d.subscription) or Subscription(name=d.subscription, digest=d.digest)
        due = batch.due(sub, channel, recipient, now, settings.alerts.group_wait)
        created += batch.add(
            dict(
                alert_id=alert.id, subscription=d.subscription, recipient=recipient, channel=channel,
                notice=notice_name("resolved", episode), digest=sub.digest, severity=d.severity,
                payload=dict(d.payload or {}), status="pending", attempts=0, created_at=now, next_attempt=due,
            )
        )
    if own:
        return batch.flush()
    return created
