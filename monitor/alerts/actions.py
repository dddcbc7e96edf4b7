"""What operators do to alerts: acknowledge, silence, resolve by hand; queries.

Used by ``monitor alerts ...``; every function runs in the caller's
transaction and takes ``now`` (the clock is injected).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from monitor.alerts.engine import active_silences, apply_silences, resolve_alert
from monitor.alerts.model import ACTIVE_STATES, SILENCE_KEYS, STATES, AlertSnapshot, as_utc
from monitor.settings import SEVERITIES, Settings
from monitor.store import alert_deliveries as notice_rows
from monitor.store import alerts as store
from monitor.store import models as m
from monitor.store.db import take_write_lock


class AlertError(Exception):
    """An alert operation that cannot be done; the message says why."""


class AlertNotFound(AlertError):
    pass


def find_alert(session: Session, ref: str | int) -> m.Alert:
    """An alert by id or fingerprint."""
    ref = str(ref).strip()
    row = None
    if ref.isdigit():
        row = store.alert_by_id(session, int(ref))
    if row is None:
        row = store.alert_by_fingerprint(session, ref)
    if row is None:
        raise AlertNotFound(f"no alert {ref!r} (give an id or a fingerprint from `monitor alerts list`)")
    return row


def acknowledge(session: Session, ref: str | int, *, by: str, comment: str | None, now: datetime) -> AlertSnapshot:
    """Record who acknowledged an alert; a firing alert stops repeating."""
    take_write_lock(session)
    alert = find_alert(session, ref)
    if alert.state == "resolved":
        raise AlertError(f"alert {alert.id} is resolved ({alert.resolved_reason or 'no reason'}); nothing to acknowledge")
    alert.acknowledged_by = by
    alert.acknowledged_at = now
    alert.ack_comment = comment
    if alert.state == "firing":
        alert.state = "acknowledged"
    alert.revision += 1
    alert.updated_at = now
    store.save(session)
    return AlertSnapshot.from_row(alert)


def resolve_by_hand(session: Session, ref: str | int, *, settings: Settings, by: str, reason: str | None, now: datetime) -> AlertSnapshot:
    take_write_lock(session)
    alert = find_alert(session, ref)
    if alert.state == "resolved":
        raise AlertError(f"alert {alert.id} is already resolved")
    text = f"resolved by hand by {by}" + (f": {reason}" if reason else "")
    resolve_alert(session, alert, settings, now, text)
    return AlertSnapshot.from_row(alert)


@dataclass(frozen=True)
class SilenceResult:
    id: int
    matchers: dict[str, Any]
    starts_at: datetime
    ends_at: datetime
    silenced: tuple[int, ...]  # alert ids silenced now


def add_silence(
    session: Session, matchers: Mapping[str, Any], *, duration: float, author: str, reason: str,
    now: datetime, starts_at: datetime | None = None,
) -> SilenceResult:
    """Store a silence and apply it at once to the active alerts it matches."""
    clean = {k: str(v) for k, v in matchers.items() if v not in (None, "")}
    if not clean:
        raise AlertError("a silence needs an alert id or at least one of --node, --type, --ecosystem, --kind")
    unknown = set(clean) - set(SILENCE_KEYS)
    if unknown:
        raise AlertError(f"unknown silence matcher(s): {', '.join(sorted(unknown))}")
    if duration <= 0:
        raise AlertError("a silence needs a positive duration (--for 2d)")
    take_write_lock(session)
    start = starts_at or now
    silence = store.add_silence(
        session, clean, starts_at=start, ends_at=start + timedelta(seconds=duration), author=author,
        reason=reason, now=now,
    )
    silenced = []
    active = active_silences(session, now)
    for alert in store.active_alerts(session, ACTIVE_STATES):
        if apply_silences(session, alert, active, now) == "silenced":
            silenced.append(alert.id)
    store.save(session)
    return SilenceResult(silence.id, clean, as_utc(silence.starts_at), as_utc(silence.ends_at), tuple(silenced))


def list_alerts(
    session: Session, *, state: str | None = None, severity: str | None = None, node: str | None = None,
    type_: str | None = None, limit: int | None = None,
) -> list[AlertSnapshot]:
    """Alerts newest first; ``node`` matches the target or any impacted node,
    ``type_`` any type of the incident (its cause or a consequence).

    ``state`` may be one state or ``active`` (firing, acknowledged, silenced);
    ``severity`` keeps alerts at or above it.
    """
    if state is not None and state not in (*STATES, "active"):
        raise AlertError(f"unknown state {state!r}: choose one of {', '.join((*STATES, 'active'))}")
    if severity is not None and severity not in SEVERITIES:
        raise AlertError(f"unknown severity {severity!r}: choose one of {', '.join(SEVERITIES)}")
    states = ACTIVE_STATES if state == "active" else (state,) if state else None
    severities = SEVERITIES[SEVERITIES.index(severity):] if severity else None
    out = []
    for row in store.alerts_newest_first(session, states=states, severities=severities):
        snap = AlertSnapshot.from_row(row)
        if node and not _touches(snap, node):
            continue
        if type_ and type_ not in (snap.types or (snap.type,)):
            continue
        out.append(snap)
        if limit and len(out) >= limit:
            break
    return out


def _touches(alert: AlertSnapshot, node: str) -> bool:
    if node == alert.target or node in alert.target.split("->"):
        return True
    return any(h.get("node") == node for h in alert.impact.get("impacted") or ())


def alert_deliveries(session: Session, alert_id: int) -> list[dict[str, Any]]:
    rows = notice_rows.deliveries_of_alert(session, alert_id)
    return [
        {
            "id": d.id, "subscription": d.subscription, "recipient": d.recipient, "channel": d.channel,
            "notice": d.notice, "severity": d.severity, "status": d.status, "attempts": d.attempts,
            "next_attempt": _iso(d.next_attempt), "sent_at": _iso(d.sent_at), "last_error": d.last_error,
            "message_id": d.message_id,
        }
        for d in rows
    ]


def alert_events(session: Session, alert_id: int, limit: int = 50) -> list[dict[str, Any]]:
    rows = store.events_with_items(session, alert_id, limit)
    return [
        {
            "id": e.id, "source": e.source, "type": e.type, "confidence": e.confidence, "recovery": e.recovery,
            "method": e.method, "story": e.story, "created_at": _iso(e.created_at), "headline": title, "link": link,
        }
        for e, title, link in rows
    ]


def list_silences(session: Session, now: datetime, *, include_expired: bool = False) -> list[dict[str, Any]]:
    out = []
    for s in store.all_silences(session):
        active = as_utc(s.starts_at) <= now < as_utc(s.ends_at)
        if not include_expired and as_utc(s.ends_at) <= now:
            continue
        out.append({"id": s.id, "matchers": s.matchers, "starts_at": _iso(s.starts_at), "ends_at": _iso(s.ends_at),
                    "author": s.author, "reason": s.reason, "active": active})
    return out


def _iso(value: datetime | None) -> str | None:
    v = as_utc(value)
    return v.isoformat() if v else None


#: Why an analyst rejects an alert (the reasons commercial tools offer).
REJECT_REASONS = ("not-a-disruption", "wrong-target", "wrong-type", "duplicate", "old-news")


@dataclass(frozen=True)
class RejectResult:
    alert: AlertSnapshot
    stories: tuple[str, ...]  # story keys now silent at the alert's target
    was_active: bool


def _incident_events(session: Session, alert: m.Alert) -> list[m.Event]:
    """The events of the alert's current incident (rows from before 0004 have no incident: the first)."""
    return store.incident_events(session, alert.id, alert.incident or 1)


def reject(
    session: Session, ref: str | int, *, reason: str, comment: str | None, by: str, settings: Settings, now: datetime
) -> RejectResult:
    """An analyst's verdict that the alert is wrong: it resolves without a
    "resolved" notice (nobody is told a false alarm is over) and every story
    behind its current incident is remembered for its target, so later
    syndicated copies of those stories raise nothing there."""
    if reason not in REJECT_REASONS:
        raise AlertError(f"unknown reason {reason!r}: choose one of {', '.join(REJECT_REASONS)}")
    take_write_lock(session)
    alert = find_alert(session, ref)
    stories = sorted({e.story for e in _incident_events(session, alert) if e.story and not e.recovery})
    store.add_verdicts(session, alert.id, alert.target, stories, reason=reason, comment=comment or "", author=by,
                       now=now)
    text = f"rejected ({reason}) by {by}" + (f": {comment}" if comment else "")
    was_active = alert.state in ACTIVE_STATES
    if was_active:
        resolve_alert(session, alert, settings, now, text, notify=False)
    else:
        alert.resolved_reason = text[:2000]
        alert.revision += 1
        alert.updated_at = now
    store.save(session)
    return RejectResult(AlertSnapshot.from_row(alert), tuple(stories), was_active)


def feedback_items(session: Session) -> list[dict[str, Any]]:
    """The items behind rejected and acknowledged alerts as ``monitor eval``
    JSON Lines objects: an acknowledged incident's target is expected with the
    incident's types; a target rejected as not-a-disruption or wrong-target is
    simply not expected (so predicting it is a false alarm); wrong-type,
    duplicate and old-news verdicts, and targets nobody judged, are allowed."""
    expect: dict[int, dict[str, list[str]]] = {}  # item id -> target -> types
    allow: dict[int, set[str]] = {}
    judged: dict[int, set[str]] = {}
    for v in store.all_verdicts(session):
        for item_id in store.items_of_story(session, v.target, v.story):
            judged.setdefault(item_id, set()).add(v.target)
            if v.reason not in ("not-a-disruption", "wrong-target"):
                allow.setdefault(item_id, set()).add(v.target)
    for alert in store.acknowledged_alerts(session):
        for e in _incident_events(session, alert):
            if e.item_id is None or e.recovery or alert.target in judged.get(e.item_id, ()):
                continue
            types = expect.setdefault(e.item_id, {}).setdefault(alert.target, [])
            for t in list(alert.types or [alert.type]):
                if t not in types:
                    types.append(t)
    ids = sorted(set(expect) | set(judged))
    out = []
    for chunk in (ids[i:i + 1000] for i in range(0, len(ids), 1000)):
        items = store.items_by_id(session, chunk)
        others = store.disruption_targets(session, chunk)
        for item_id in chunk:
            item = items.get(item_id)
            if item is None:
                continue
            exp = expect.get(item_id, {})
            known = set(exp) | judged.get(item_id, set())
            # what the tagger also found in the item, that nobody judged, is neither right nor wrong
            allowed = sorted((allow.get(item_id, set()) | (others.get(item_id, set()) - known)) - set(exp))
            row: dict[str, Any] = {
                "id": f"item-{item_id}", "title": item.title or "(no title)", "summary": (item.text or "")[:2000],
                "expect": [{"target": t, "type": types} for t, types in sorted(exp.items())],
                "allow": allowed,
            }
            if item.language:
                row["language"] = item.language
            out.append(row)
    return out
