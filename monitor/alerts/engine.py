"""Events -> alerts: upsert by fingerprint, corroborate, assess, route, expire.

Both entry points run inside the caller's transaction and are safe to run
again after a crash (an event is marked ``processed`` in the same transaction
that updates its alert and enqueues its deliveries) and from several instances
at once:

* the alert row is created with ``INSERT ... ON CONFLICT (fingerprint) DO
  NOTHING`` and then read back for update, so two instances that see related
  events at the same time converge on one alert;
* on PostgreSQL pending events are claimed with ``FOR UPDATE SKIP LOCKED``
  and the alert row is locked with ``FOR UPDATE``; on SQLite the transaction
  takes the database's write lock first (SQLite has one writer at a time).

State machine (``firing`` -> ``acknowledged`` -> ``resolved``; ``silenced``
while a silence matches):

* a non-recovery event creates the alert (``new``) or adds evidence to it
  (``updated``); on a ``resolved`` alert it **re-opens** it as ``firing``
  (``reopened``) -- a new episode with fresh notices, counting only evidence
  since the resolution;
* a recovery event (recovery news, a trade series back in its band) resolves
  an active alert with a reason (``resolved``); on an unknown or resolved
  alert it is only recorded;
* an active alert no silence matches any more returns to ``acknowledged`` (if
  it was acknowledged) or ``firing``;
* :func:`expire_alerts` resolves alerts without new evidence for the TTL of
  their type (``alerts.ttl[type]``, else the lexicon's TTL for the type if it
  has one, else ``alerts.default_ttl``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from monitor.alerts.model import (
    ACTIVE_STATES,
    AlertChange,
    AlertSnapshot,
    Report,
    as_utc,
    corroborate,
    episode_key,
    fingerprint,
    merge_evidence,
    merge_sources,
    severity_of,
    silence_active,
    silence_matches,
    type_label,
)
from monitor.alerts.notices import cancel_pending, enqueue_resolved, sync_notices
from monitor.alerts.routing import alert_score, impact_json
from monitor.store import models as m
from monitor.store.upsert import insert_ignore

log = logging.getLogger("monitor.alerts")

BATCH = 1000


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def take_write_lock(session: Session) -> None:
    """On SQLite, start the transaction as a writer so it waits (busy timeout)
    for other writers instead of failing when it later upgrades a read."""
    if _dialect(session) == "sqlite":
        session.execute(text("UPDATE alerts SET revision = revision WHERE 0 = 1"))


def _lock_alert(session: Session, fp: str) -> m.Alert | None:
    stmt = select(m.Alert).where(m.Alert.fingerprint == fp)
    if _dialect(session) == "postgresql":
        stmt = stmt.with_for_update()
    return session.scalars(stmt.execution_options(populate_existing=True)).first()


def upsert_alert(session: Session, target: str, type_: str, now: datetime) -> tuple[m.Alert, bool]:
    """The alert for ``(target, type)``, created if missing; ``(row, created)``.

    ``INSERT ... ON CONFLICT DO NOTHING`` then a locked read: concurrent
    callers get the same row and exactly one of them ``created``.
    """
    fp = fingerprint(target, type_)
    alert = _lock_alert(session, fp)
    if alert is not None:
        return alert, False
    created = insert_ignore(
        session,
        m.Alert.__table__,
        [
            dict(
                fingerprint=fp, target=target, type=type_, state="firing", severity="low",
                confidence=0.0, score=0.0, title=f"{type_label(type_)} at {target}", sources=[],
                impact={}, evidence=[], first_seen=now, last_seen=now, revision=0, updated_at=now,
            )
        ],
        ["fingerprint"],
    )
    alert = _lock_alert(session, fp)
    assert alert is not None  # inserted by us or by a concurrent writer
    return alert, bool(created)


def ttl_from_lexicon(lexicon: Any, type_: str) -> float | None:
    """The lexicon's TTL for a type (``lexicon.types[type].ttl_s``), if it has one."""
    types = getattr(lexicon, "types", None)
    entry = types.get(type_) if isinstance(types, dict) else None
    v = getattr(entry, "ttl_s", None)
    return float(v) if isinstance(v, (int, float)) and v > 0 else None


def ttl_for(runtime: Any, type_: str) -> float:
    settings = runtime.settings.alerts
    if type_ in settings.ttl:
        return settings.ttl[type_]
    return ttl_from_lexicon(getattr(runtime, "lexicon", None), type_) or settings.default_ttl


def _active_silences(session: Session, now: datetime) -> list[m.Silence]:
    rows = session.scalars(select(m.Silence).where(m.Silence.ends_at > now)).all()
    return [s for s in rows if silence_active(s.starts_at, s.ends_at, now)]


def matching_silence(alert: m.Alert, silences: Sequence[m.Silence]) -> m.Silence | None:
    for s in silences:
        if silence_matches(
            s.matchers or {}, alert_id=alert.id, fingerprint_=alert.fingerprint, target=alert.target,
            type_=alert.type, impact=alert.impact or {},
        ):
            return s
    return None


def resolve_alert(session: Session, alert: m.Alert, settings: Any, now: datetime, reason: str) -> None:
    """Resolve an active alert: cancel its pending notices, enqueue ``resolved``."""
    episode = episode_key(alert.resolved_at)
    alert.state = "resolved"
    alert.resolved_at = now
    alert.resolved_reason = reason[:2000]
    alert.revision = (alert.revision or 0) + 1
    alert.updated_at = now
    session.flush()
    enqueue_resolved(session, alert, episode, settings, now)


def apply_silences(session: Session, alert: m.Alert, silences: Sequence[m.Silence], now: datetime) -> str | None:
    """Silence or un-silence an active alert; returns ``"silenced"``/``"updated"`` or None."""
    if alert.state not in ACTIVE_STATES:
        return None
    hit = matching_silence(alert, silences)
    if hit is not None and alert.state != "silenced":
        alert.state = "silenced"
        alert.revision += 1
        alert.updated_at = now
        cancel_pending(session, alert.id, episode_key(alert.resolved_at), f"silenced by silence {hit.id}")
        return "silenced"
    if hit is None and alert.state == "silenced":
        alert.state = "acknowledged" if alert.acknowledged_at else "firing"
        alert.revision += 1
        alert.updated_at = now
        return "updated"
    return None


def _evidence_entry(ev: m.Event, item: Any | None) -> dict[str, Any]:
    spans = ev.evidence or []
    if item is not None:
        headline = item.title or ""
        link = item.link
        when = as_utc(item.published) or as_utc(ev.created_at)
    else:
        headline = next((str(s.get("text", "")) for s in spans if isinstance(s, dict)), "") or f"{ev.type} at {ev.target}"
        link = None
        when = as_utc(ev.created_at)
    return {
        "event": ev.id, "headline": headline[:500], "source": ev.source, "link": link,
        "time": when.isoformat() if when else None, "confidence": ev.confidence,
        "story": ev.story or "", "method": ev.method, "recovery": bool(ev.recovery),
        "spans": [
            {k: s.get(k) for k in ("field", "start", "end", "text", "role", "ref")}
            for s in spans[:10] if isinstance(s, dict)
        ],
    }


def _report_time(entry: dict[str, Any]) -> datetime | None:
    """When a piece of evidence was published (or stored), as aware UTC."""
    raw = entry.get("time")
    if not raw:
        return None
    try:
        return as_utc(datetime.fromisoformat(str(raw)))
    except ValueError:
        return None


def _older_than_latest(entry: dict[str, Any], evidence: Any, *, recovery: bool) -> bool:
    """Is ``entry`` older than the newest evidence of the other kind?

    ``recovery=True`` compares with the newest recovery report (does a
    disruption report predate the resolution?), ``False`` with the newest
    disruption report (does a recovery report predate the latest disruption?).
    """
    when = _report_time(entry)
    if when is None:
        return False
    times = [
        t for e in (evidence or ()) if isinstance(e, dict) and bool(e.get("recovery")) == recovery
        and (t := _report_time(e)) is not None
    ]
    return bool(times) and when < max(times)


def _reports(session: Session, alert: m.Alert, episode_ids: set[int]) -> list[Report]:
    since = as_utc(alert.resolved_at)
    stmt = select(m.Event.id, m.Event.source, m.Event.story, m.Event.confidence, m.Event.created_at).where(
        m.Event.alert_id == alert.id, m.Event.recovery.is_(False)
    )
    reports = []
    for eid, source, story, conf, created in session.execute(stmt):
        if since is None or eid in episode_ids or as_utc(created) >= since:
            reports.append(Report(source, story or "", conf))
    return reports


def _refresh(session: Session, alert: m.Alert, runtime: Any, episode_ids: set[int], now: datetime) -> None:
    """Recompute confidence, impact, score, severity and title of an active alert."""
    settings = runtime.settings.alerts
    alert.confidence = max(corroborate(_reports(session, alert, episode_ids)), 0.0)
    alert.impact = impact_json(runtime.chain, runtime.impact, alert.target)
    alert.score = alert_score(alert.confidence, alert.impact)
    alert.severity = severity_of(alert.score, settings.severity_thresholds)
    alert.title = f"{type_label(alert.type)} at {alert.impact['target']['name']}"
    alert.updated_at = now


def process_pending_events(session: Session, runtime: Any, now: datetime, *, batch: int = BATCH) -> list[AlertChange]:
    """Turn unprocessed events into alert changes and deliveries (see module doc)."""
    take_write_lock(session)
    settings = runtime.settings
    min_conf = settings.alerts.min_confidence
    silences = _active_silences(session, now)
    touched: dict[int, m.Alert] = {}
    created_ids: set[int] = set()
    reopened_ids: set[int] = set()
    reasons: dict[int, str] = {}
    event_ids: dict[int, list[int]] = {}
    episode_ids: dict[int, set[int]] = {}
    cache: dict[str, m.Alert] = {}  # rows read (and on PostgreSQL locked) in this transaction

    def note(alert: m.Alert, event_id: int) -> None:
        touched[alert.id] = alert
        event_ids.setdefault(alert.id, []).append(event_id)

    while True:
        stmt = select(m.Event).where(m.Event.processed.is_(False)).order_by(m.Event.id).limit(batch)
        if _dialect(session) == "postgresql":
            stmt = stmt.with_for_update(skip_locked=True)
        events = session.scalars(stmt).all()
        if not events:
            break
        item_ids = {e.item_id for e in events if e.item_id is not None}
        items = {}
        if item_ids:
            items = {
                row.id: row
                for row in session.execute(
                    select(m.Item.id, m.Item.title, m.Item.link, m.Item.published).where(m.Item.id.in_(item_ids))
                )
            }
        entries = {ev.id: _evidence_entry(ev, items.get(ev.item_id)) for ev in events}
        # Judge reports in the order they were published, not fetched: a
        # "reopens" story polled before the "blocked" story must still win.
        events = sorted(events, key=lambda ev: (_report_time(entries[ev.id]) or now, ev.id))
        for ev in events:
            ev.processed = True
            if ev.confidence < min_conf:
                continue
            entry = entries[ev.id]
            fp = fingerprint(ev.target, ev.type)
            if ev.recovery:
                alert = cache.get(fp) or _lock_alert(session, fp)
                if alert is None:
                    continue
                cache[fp] = alert
                ev.alert_id = alert.id
                if alert.state in ACTIVE_STATES and _older_than_latest(entry, alert.evidence, recovery=False):
                    # a recovery report older than the newest disruption report does not resolve
                    alert.evidence = merge_evidence(alert.evidence or [], [entry])
                    note(alert, ev.id)
                elif alert.state in ACTIVE_STATES:
                    alert.evidence = merge_evidence(alert.evidence or [], [entry])
                    label = "trade series back in its band" if ev.method == "trade" else "recovery reported"
                    reason = f"{label}: {entry['source']}: {entry['headline']}"[:500]
                    resolve_alert(session, alert, settings, now, reason)
                    episode_ids.pop(alert.id, None)
                    reasons[alert.id] = reason
                    note(alert, ev.id)
                continue
            if fp in cache:
                alert, created = cache[fp], False
            else:
                alert, created = upsert_alert(session, ev.target, ev.type, now)
                cache[fp] = alert
            if created:
                created_ids.add(alert.id)
            elif alert.state == "resolved" and _older_than_latest(entry, alert.evidence, recovery=True):
                # reported before the recovery that resolved the alert: history, not a new episode
                ev.alert_id = alert.id
                alert.evidence = merge_evidence(alert.evidence or [], [entry])
                alert.sources = merge_sources(alert.sources or [], [ev.source])
                continue
            elif alert.state == "resolved":
                reopened_ids.add(alert.id)
                alert.state = "firing"
                alert.resolved_reason = None
                alert.acknowledged_by = alert.acknowledged_at = alert.ack_comment = None
                episode_ids[alert.id] = set()
            ev.alert_id = alert.id
            episode_ids.setdefault(alert.id, set()).add(ev.id)
            alert.evidence = merge_evidence(alert.evidence or [], [entry])
            alert.sources = merge_sources(alert.sources or [], [ev.source])
            alert.last_seen = max(as_utc(alert.last_seen) or now, now)
            alert.revision = (alert.revision or 0) + 1
            note(alert, ev.id)
        session.flush()
        if len(events) < batch:
            break

    out: list[AlertChange] = []
    for alert_id, alert in touched.items():
        reason = ""
        if alert.state == "resolved":
            kind, reason = "resolved", reasons.get(alert_id, "")
        elif alert_id in created_ids:
            kind = "new"
        elif alert_id in reopened_ids:
            kind = "reopened"
        else:
            kind = "updated"
        if alert.state in ACTIVE_STATES:
            _refresh(session, alert, runtime, episode_ids.get(alert_id, set()), now)
            session.flush()
            sil = apply_silences(session, alert, silences, now)
            if sil == "silenced":
                kind = "silenced"
            sync_notices(session, alert, settings, now, repeats=False)
        session.flush()
        out.append(AlertChange(AlertSnapshot.from_row(alert), kind, reason, tuple(event_ids[alert_id])))
    if out:
        log.info("alerts: %s", ", ".join(f"{c.change} {c.alert.fingerprint}" for c in out))
    return out


def expire_alerts(session: Session, runtime: Any, now: datetime) -> list[AlertChange]:
    """Resolve stale alerts, apply/lift silences, and enqueue repeat notices."""
    take_write_lock(session)
    settings = runtime.settings
    silences = _active_silences(session, now)
    out: list[AlertChange] = []
    stmt = select(m.Alert).where(m.Alert.state.in_(ACTIVE_STATES)).order_by(m.Alert.id)
    if _dialect(session) == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True)
    for alert in session.scalars(stmt).all():
        ttl = ttl_for(runtime, alert.type)
        if as_utc(alert.last_seen) + timedelta(seconds=ttl) <= now:
            reason = f"expired: no new evidence for {_fmt_duration(ttl)}"
            resolve_alert(session, alert, settings, now, reason)
            out.append(AlertChange(AlertSnapshot.from_row(alert), "resolved", reason))
            continue
        change = apply_silences(session, alert, silences, now)
        sync_notices(session, alert, settings, now, repeats=True)
        if change:
            out.append(AlertChange(AlertSnapshot.from_row(alert), change))
    session.flush()
    return out


def _fmt_duration(seconds: float) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{int(seconds)}s"
