"""The outbox: claim due deliveries with a lease, group them, send, record.

Life of a delivery row: ``pending`` -> ``sending`` (claimed, leased, Message-ID
fixed) -> ``sent``; or back to ``pending`` with a later ``next_attempt``
(transient error, exponential backoff with jitter), or ``failed`` (permanent
error, or ``alerts.max_attempts`` reached; ``last_error`` says why and
``monitor status`` shows it). ``cancelled`` rows (alert resolved or silenced
before they went out) are never sent.

Claiming (several instances may flush at once):

* due = ``pending`` with ``next_attempt <= now``, or ``sending`` whose lease
  expired (its instance died mid-send);
* on PostgreSQL the due rows are selected ``FOR UPDATE SKIP LOCKED``; on both
  databases each row is then taken with a conditional ``UPDATE ... WHERE`` the
  row is still due, so exactly one instance wins it;
* while a claimed batch is being sent its leases are renewed (every third of
  ``schedule.lease``, :class:`monitor.leases.LeaseKeeper`), so a slow server
  or a long batch is not taken over and sent again by another instance;
* rows due together for one recipient and channel form one *group* (one
  message); Alertmanager-style grouping already gave them one due time (see
  :mod:`monitor.alerts.routing`). The group's Message-ID is derived from its
  delivery keys (id, alert fingerprint, notice, channel, recipient, creation
  time) *of exactly the rows it carries*, and written to the rows in the
  claiming transaction. Retries and take-overs regroup rows by it, so the
  same rows go out again under the same Message-ID; if a group comes back
  with fewer rows (some cancelled, or claimed elsewhere) its message differs
  and so does its Message-ID. One Message-ID never names two different
  messages, which is what a receiver that drops repeated ids relies on;
* a failed group is recorded as one: all its rows get the same next attempt
  (one backoff) or are given up together.

Exactly once, and the crash window: SMTP has no two-phase commit, so a crash
after the server accepted a message and before our ``sent`` commit cannot be
told apart from a crash before sending. We choose *at-least-once with a
stable identity*: the row stays ``sending`` with a lease and the Message-ID;
when the lease expires another instance (or the restarted one) sends the
same group again **with the same Message-ID** (webhooks: the same
``Idempotency-Key``), so mail systems and receivers that deduplicate on it
show one message. Outside that window (milliseconds per message) every
delivery is sent exactly once: the unique key on (alert, recipient, channel,
notice) stops duplicate rows, the lease stops two senders, and the ``sent``
commit happens in one transaction per group.

When SMTP is not configured, e-mail rows stay ``pending`` with a clear
``last_error``: nothing is lost, they go out once ``smtp`` is configured.
"""

from __future__ import annotations

import hashlib
import logging
import random
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy.orm import Session, sessionmaker

from monitor.alerts.model import AlertSnapshot
from monitor.leases import LeaseKeeper
from monitor.notify.errors import PermanentSendError, SendError, TransientSendError
from monitor.notify.render import NoticeItem, OutgoingGroup
from monitor.store import deliveries
from monitor.store import models as m
from monitor.store.db import take_write_lock, transaction
from monitor.store.deliveries import (
    mark_waiting,
    next_due_in,
    outbox_summary,
    renew_leases,
)

log = logging.getLogger("monitor.notify")

__all__ = ["FlushStats", "NO_SMTP", "Sender", "backoff", "claim", "configured_channels", "default_senders",
           "flush", "message_id", "next_due_in", "outbox_summary"]

BACKOFF_BASE = 60.0
BACKOFF_CAP = 6 * 3600.0
NO_SMTP = "smtp is not configured in monitor.yaml: this e-mail waits in the outbox until it is"
CLAIM_LIMIT = 500


class Sender(Protocol):
    channel: str

    def send_batch(self, groups: Sequence[OutgoingGroup], now: datetime) -> dict[str, SendError | None]: ...


@dataclass
class FlushStats:
    claimed: int = 0  # deliveries claimed
    messages: int = 0  # groups attempted
    sent: int = 0  # deliveries sent
    retried: int = 0  # deliveries rescheduled
    failed: int = 0  # deliveries given up
    waiting: int = 0  # due deliveries without a configured channel
    lost_lease: int = 0  # sent, but another instance had taken the rows over


def backoff(attempts: int, rng: random.Random) -> float:
    """Seconds before the next attempt: 60 s x 2^(n-1), capped at 6 h, +-20 % jitter."""
    base = min(BACKOFF_BASE * (2 ** max(attempts - 1, 0)), BACKOFF_CAP)
    return base * rng.uniform(0.8, 1.2)


def message_id(keys: Sequence[str], domain: str) -> str:
    """A deterministic Message-ID for a group of deliveries.

    ``keys`` identify the deliveries (id, alert fingerprint, notice, recipient,
    creation time), so two databases never produce the same id by chance.
    """
    key = "\n".join(sorted(keys))
    return f"<monitor.{hashlib.sha256(key.encode()).hexdigest()[:32]}@{domain}>"


def _delivery_key(d: m.Delivery, fingerprints: Mapping[int, str]) -> str:
    created = d.created_at
    return f"{d.id}|{fingerprints.get(d.alert_id, '')}|{d.notice}|{d.channel}|{d.recipient}|{created.isoformat() if created else ''}"


def _domain(runtime: Any) -> str:
    smtp = runtime.settings.smtp
    if smtp is not None and "@" in smtp.sender:
        return smtp.sender.rsplit("@", 1)[1].strip(">").strip() or "localhost"
    return "eu-supply-monitor.invalid"


def default_senders(runtime: Any) -> dict[str, Sender]:
    """E-mail (if ``smtp`` is configured) and webhook senders."""
    from monitor.notify.email import SmtpSender
    from monitor.notify.webhook import WebhookSender

    senders: dict[str, Sender] = {"webhook": WebhookSender()}
    if runtime.settings.smtp is not None:
        senders["email"] = SmtpSender(runtime.settings.smtp)
    return senders


def claim(
    session: Session, now: datetime, *, instance_id: str, lease: float, channels: set[str], domain: str, limit: int = CLAIM_LIMIT
) -> list[OutgoingGroup]:
    """Lease due deliveries of ``channels`` and return them grouped (see module doc)."""
    if not channels:
        return []
    take_write_lock(session)
    rows = deliveries.due_rows(session, now, channels, limit)
    fingerprints = deliveries.alert_fingerprints(session, {d.alert_id for d in rows})
    buckets: dict[tuple[str, ...], list[m.Delivery]] = {}
    for d in rows:
        key = ("mid", d.message_id) if d.message_id else ("new", d.channel, d.recipient)
        buckets.setdefault(key, []).append(d)
    until = now + timedelta(seconds=lease)
    claimed: list[tuple[str, list[m.Delivery]]] = []
    for ds in buckets.values():
        won = [d for d in ds if deliveries.lease(session, d.id, now, instance_id=instance_id, until=until)]
        if not won:
            continue
        # The Message-ID names exactly the rows this message carries: the same rows sent again
        # (a retry, a take-over) get the same id; a group that lost rows (cancelled, claimed
        # elsewhere, cut by the claim limit) is a different message and gets a new one.
        mid = message_id([_delivery_key(d, fingerprints) for d in won], domain)
        if any(d.message_id != mid for d in won):
            deliveries.set_message_id(session, [d.id for d in won], mid)
        claimed.append((mid, won))
    if not claimed:
        return []
    alerts = {i: AlertSnapshot.from_row(a)
              for i, a in deliveries.alerts_by_id(session, {d.alert_id for _, ds in claimed for d in ds}).items()}
    groups = []
    for mid, ds in claimed:
        items = tuple(
            NoticeItem(d.id, d.notice, d.severity, dict(d.payload or {}), alerts[d.alert_id])
            for d in sorted(ds, key=lambda d: (_rank(d.severity), d.id))
            if d.alert_id in alerts
        )
        first = ds[0]
        groups.append(OutgoingGroup(mid, first.channel, first.recipient, first.subscription, first.digest, items))
    return groups


def _rank(severity: str) -> int:
    order = {"critical": 0, "high": 1, "medium": 2, "low": 3}
    return order.get(severity, 4)


def _record(
    sessions: sessionmaker[Session], group: OutgoingGroup, outcome: SendError | None, now: datetime, *,
    instance_id: str, max_attempts: int, rng: random.Random, stats: FlushStats,
) -> None:
    ids = list(group.delivery_ids)
    with transaction(sessions) as session:
        take_write_lock(session)
        if outcome is None:
            n = deliveries.mark_sent(session, ids, instance_id, now)
            stats.sent += n
            if n < len(ids):
                stats.lost_lease += len(ids) - n
                log.warning("delivery group %s: sent, but %d rows were taken over", group.message_id, len(ids) - n)
            return
        error = str(outcome)[:2000]
        attempts = deliveries.held_attempts(session, ids, instance_id)
        if not attempts:
            return
        # one decision and one next attempt for the whole group: its rows went out as one
        # message and go out again as that same message, or not at all
        attempt = max(attempts)
        permanent = isinstance(outcome, PermanentSendError)
        next_attempt = now + timedelta(seconds=backoff(attempt, rng))
        if permanent or attempt >= max_attempts:
            reason = error if permanent else f"gave up after {attempt} attempts: {error}"
            stats.failed += deliveries.mark_failed(session, ids, instance_id, reason)
        else:
            stats.retried += deliveries.reschedule(session, ids, instance_id, next_attempt, error)
    level = logging.ERROR if isinstance(outcome, PermanentSendError) else logging.WARNING
    log.log(level, "delivery to %s via %s failed: %s", group.recipient, group.channel, outcome)


def flush(
    sessions: sessionmaker[Session], runtime: Any, now: datetime, *, instance_id: str,
    senders: Mapping[str, Sender] | None = None, rng: random.Random | None = None, limit: int = CLAIM_LIMIT,
) -> FlushStats:
    """Send every due delivery once; returns what happened (see module doc)."""
    senders = dict(senders) if senders is not None else default_senders(runtime)
    rng = rng or random.Random()
    stats = FlushStats()
    with transaction(sessions) as session:
        take_write_lock(session)
        stats.waiting = mark_waiting(session, now, {"email", "webhook"} - set(senders), NO_SMTP)
    while True:
        with transaction(sessions) as session:
            groups = claim(
                session, now, instance_id=instance_id, lease=runtime.settings.schedule.lease,
                channels=set(senders), domain=_domain(runtime), limit=limit,
            )
        if not groups:
            break
        stats.claimed += sum(len(g.items) for g in groups)
        by_channel: dict[str, list[OutgoingGroup]] = {}
        for g in groups:
            by_channel.setdefault(g.channel, []).append(g)
        lease = runtime.settings.schedule.lease
        ids = [i for g in groups for i in g.delivery_ids]
        started = time.monotonic()
        # a slow server or a long batch must not outlast the lease: another instance would send again
        with LeaseKeeper(lambda: renew_leases(sessions, ids, instance_id, now, started, lease), lease,
                         what="delivery leases"):
            for channel, gs in by_channel.items():
                try:
                    results = senders[channel].send_batch(gs, now)
                except Exception as exc:  # a broken sender must not lose the batch
                    log.exception("sender %s failed", channel)
                    results = {g.message_id: TransientSendError(f"{type(exc).__name__}: {exc}") for g in gs}
                for g in gs:
                    stats.messages += 1
                    outcome = results.get(g.message_id)
                    if g.message_id not in results:
                        outcome = TransientSendError("sender returned no result")
                    _record(sessions, g, outcome, now, instance_id=instance_id,
                            max_attempts=runtime.settings.alerts.max_attempts, rng=rng, stats=stats)
        if sum(len(g.items) for g in groups) < limit:
            break
    return stats


def configured_channels(runtime: Any) -> set[str]:
    """The channels :func:`default_senders` can send on."""
    return {"webhook", "email"} if runtime.settings.smtp is not None else {"webhook"}
