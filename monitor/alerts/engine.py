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
  takes the database's write lock first (SQLite has one writer at a time,
  :func:`monitor.store.db.take_write_lock`).

The statements are in :mod:`monitor.store.alerts` and
:mod:`monitor.store.alert_deliveries`; this module is the sequence of stages
over their rows: claim events, triage (rejected stories, old news), find or
open alerts, apply each report to its alert, mark the events, expire what was
over before it was seen, refresh and route what is active.

Work is done per batch of events, not per alert, with the same decisions as
one event at a time: one ``SELECT ... WHERE fingerprint IN (...)`` (locked, in
fingerprint order, on PostgreSQL) for the batch's alerts, one ``INSERT ... ON
CONFLICT DO NOTHING RETURNING`` for the missing ones and one locked re-read of
those; one query for the reports behind all touched alerts, one for their
delivery rows (:class:`monitor.alerts.notices.NoticeBatch`), events marked with
two Core statements. Impact snapshots are cached per (graph, target)
(:func:`monitor.alerts.routing.cached_impact_json`): the graph only changes on
reload.

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
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

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
    incident_title,
    merge_evidence,
    order_types,
    merge_sources,
    severity_of,
    silence_active,
    silence_matches,
    type_label,
)
from monitor.alerts.notices import NoticeBatch, cancel_pending, enqueue_resolved, sync_notices
from monitor.alerts.routing import alert_score, cached_impact_json
from monitor.store import alerts as store
from monitor.store import models as m
from monitor.store.alerts import ItemRef, PendingEvent
from monitor.store.db import take_write_lock

log = logging.getLogger("monitor.alerts")

BATCH = 1000


def upsert_alert(session: Session, target: str, type_: str, now: datetime) -> tuple[m.Alert, bool]:
    """The alert for ``(target, type)``, created if missing; ``(row, created)``.

    ``INSERT ... ON CONFLICT DO NOTHING`` then a locked read: concurrent
    callers get the same row and exactly one of them ``created``.
    """
    fp = fingerprint(target)
    alert = store.lock_alert(session, fp)
    if alert is not None:
        return alert, False
    created = store.insert_alert(session, _new_alert_row(target, type_, now))
    alert = store.lock_alert(session, fp)
    assert alert is not None  # inserted by us or by a concurrent writer
    return alert, created


def _new_alert_row(target: str, type_: str, now: datetime) -> dict[str, Any]:
    return dict(
        fingerprint=fingerprint(target), target=target, type=type_, types=[type_], state="firing", severity="low",
        confidence=0.0, score=0.0, title=f"{type_label(type_)} at {target}", sources=[],
        impact={}, evidence=[], first_seen=now, last_seen=now, published_at=None, revision=0, updated_at=now,
    )


def _create_alerts(
    session: Session, keys: Sequence[tuple[str, str]], now: datetime
) -> dict[str, tuple[m.Alert, bool]]:
    """Insert the alerts for ``keys`` (believed missing) and read them back locked.

    One ``INSERT ... ON CONFLICT DO NOTHING`` (rows in the order of ``keys``,
    so ids follow it) and one locked read; a row another writer created
    meanwhile is read back with ``created=False``.
    """
    rows = list({fingerprint(t): _new_alert_row(t, ty, now) for t, ty in keys}.values())
    if not rows:
        return {}
    created = store.insert_alerts(session, rows)
    found = store.lock_alerts(session, [r["fingerprint"] for r in rows])
    return {r["fingerprint"]: (found[r["fingerprint"]], r["fingerprint"] in created) for r in rows}


def upsert_alerts(
    session: Session, keys: Sequence[tuple[str, str]], now: datetime
) -> dict[str, tuple[m.Alert, bool]]:
    """:func:`upsert_alert` for many ``(target, type)`` at once: fingerprint ->
    ``(row, created)``, with one locked read, one insert of the missing ones
    and one locked read of those.
    """
    want = {fingerprint(t): (t, ty) for t, ty in keys}
    found = store.lock_alerts(session, want)
    out = {fp: (row, False) for fp, row in found.items()}
    out.update(_create_alerts(session, [k for fp, k in want.items() if fp not in found], now))
    return {fp: out[fp] for fp in want}


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


def incident_ttl(runtime: Any, types: Sequence[str]) -> float:
    """An incident lasts as long as its longest-lived type: a fire that causes a
    shortage is over when the shortage is."""
    return max((ttl_for(runtime, t) for t in types), default=runtime.settings.alerts.default_ttl)


def max_age_for(runtime: Any, type_: str) -> float:
    """``alerts.max_age``, or the type's TTL where that is longer."""
    return max(runtime.settings.alerts.max_age, ttl_for(runtime, type_))


def alert_types(alert: m.Alert) -> list[str]:
    return list(alert.types or [alert.type])


def latest_published(alert: m.Alert) -> datetime:
    """When the incident's latest evidence was published (rows from before
    migration 0004 have none: their last ingestion stands in)."""
    return as_utc(alert.published_at) or as_utc(alert.last_seen)


def active_silences(session: Session, now: datetime) -> list[m.Silence]:
    """The silences in force at ``now``."""
    rows = store.silences_ending_after(session, now)
    return [s for s in rows if silence_active(s.starts_at, s.ends_at, now)]


def matching_silence(alert: m.Alert, silences: Sequence[m.Silence]) -> m.Silence | None:
    for s in silences:
        if silence_matches(
            s.matchers or {}, alert_id=alert.id, fingerprint_=alert.fingerprint, target=alert.target,
            type_=alert.type, impact=alert.impact or {}, types=alert_types(alert),
        ):
            return s
    return None


def resolve_alert(
    session: Session, alert: m.Alert, settings: Any, now: datetime, reason: str, *, batch: NoticeBatch | None = None,
    notify: bool = True,
) -> None:
    """Resolve an active alert: cancel its pending notices, enqueue ``resolved``
    (unless ``notify`` is false: a rejected alert was never real)."""
    episode = episode_key(alert.resolved_at)
    alert.state = "resolved"
    alert.resolved_at = now
    alert.resolved_reason = reason[:2000]
    alert.revision = (alert.revision or 0) + 1
    alert.updated_at = now
    store.save(session)
    if notify:
        enqueue_resolved(session, alert, episode, settings, now, batch=batch)
    else:
        cancel_pending(session, alert.id, episode, reason[:200], batch=batch)


def apply_silences(
    session: Session, alert: m.Alert, silences: Sequence[m.Silence], now: datetime, *, batch: NoticeBatch | None = None
) -> str | None:
    """Silence or un-silence an active alert; returns ``"silenced"``/``"updated"`` or None."""
    if alert.state not in ACTIVE_STATES:
        return None
    hit = matching_silence(alert, silences)
    if hit is not None and alert.state != "silenced":
        alert.state = "silenced"
        alert.revision += 1
        alert.updated_at = now
        cancel_pending(session, alert.id, episode_key(alert.resolved_at), f"silenced by silence {hit.id}", batch=batch)
        return "silenced"
    if hit is None and alert.state == "silenced":
        alert.state = "acknowledged" if alert.acknowledged_at else "firing"
        alert.revision += 1
        alert.updated_at = now
        return "updated"
    return None


def event_time(published: datetime | None, first_seen: datetime | None, created: datetime, now: datetime) -> datetime:
    """An event's time: its item's publication (first-seen when the feed gave
    none), never later than ``now`` (a future date is a feed's mistake)."""
    when = as_utc(published) or as_utc(first_seen) or as_utc(created)
    return min(when, now)


def _evidence_entry(ev: PendingEvent, item: ItemRef | None, now: datetime) -> dict[str, Any]:
    spans = ev.evidence or []
    if item is not None:
        headline = item.title or ""
        link = item.link
        when = event_time(item.published, item.fetched_at, ev.created_at, now)
    else:
        headline = next((str(s.get("text", "")) for s in spans if isinstance(s, dict)), "") or f"{ev.type} at {ev.target}"
        link = None
        when = event_time(None, None, ev.created_at, now)
    seen = as_utc(ev.created_at)
    trade = next((s for s in spans if isinstance(s, dict) and isinstance(s.get("series"), list)), None)
    picture = {} if trade is None else {  # a trade drop's recent observations, for its sparkline and chart
        "series": trade["series"][-24:], "value": trade.get("value"), "baseline": trade.get("baseline"),
        "change": trade.get("change"),
    }
    return {
        **picture,
        "event": ev.id, "headline": headline[:500], "source": ev.source, "link": link,
        "time": when.isoformat(), "seen": seen.isoformat() if seen else None, "type": ev.type,
        "confidence": ev.confidence,
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


def _reports(session: Session, alerts: Sequence[m.Alert], episode_ids: dict[int, set[int]]) -> dict[int, list[Report]]:
    """The disruption reports behind each alert of this episode, in one query per chunk.

    A report counts when the alert never resolved, or the event joined the
    alert in this run's episode, or it was stored since the last resolution.
    """
    since = {a.id: as_utc(a.resolved_at) for a in alerts}
    out: dict[int, list[Report]] = {a.id: [] for a in alerts}
    for row in store.disruption_events(session, since):
        t = since[row.alert_id]
        if t is None or row.event_id in episode_ids.get(row.alert_id, ()) or as_utc(row.created_at) >= t:
            out[row.alert_id].append(Report(row.source, row.story, row.confidence))
    return out


def _refresh(alert: m.Alert, runtime: Any, reports: Sequence[Report], now: datetime) -> None:
    """Recompute confidence, impact, score, severity and title of an active alert."""
    settings = runtime.settings.alerts
    alert.confidence = max(corroborate(reports), 0.0)
    alert.impact = cached_impact_json(runtime.chain, runtime.impact, alert.target)
    alert.score = alert_score(alert.confidence, alert.impact)
    alert.severity = severity_of(alert.score, settings.severity_thresholds)
    alert.title = incident_title(alert_types(alert), alert.impact["target"]["name"])
    alert.updated_at = now


def _triage(
    events: Sequence[PendingEvent], entries: dict[int, dict[str, Any]], rejected: set[tuple[str, str]],
    runtime: Any, now: datetime,
) -> tuple[list[PendingEvent], dict[int, str]]:
    """Which events go on to alerts (``live``) and which are kept out and why
    (``skipped``: an analyst rejected the story at this target, or it is old
    news); events below ``alerts.min_confidence`` are in neither."""
    min_conf = runtime.settings.alerts.min_confidence
    skipped: dict[int, str] = {}
    live = []
    for ev in events:
        if ev.confidence < min_conf:
            continue
        published = _report_time(entries[ev.id]) or now
        if (ev.target, ev.story or "") in rejected:
            skipped[ev.id] = "rejected"
        elif published + timedelta(seconds=max_age_for(runtime, ev.type)) <= now:
            skipped[ev.id] = "old-news"
        else:
            live.append(ev)
    return live, skipped


@dataclass
class _Run:
    """One run of :func:`process_pending_events`: its transaction, clock and what it did to which alert."""

    session: Session
    runtime: Any
    now: datetime
    notices: NoticeBatch
    touched: dict[int, m.Alert] = field(default_factory=dict)  # alert id -> row, in the order first touched
    created: set[int] = field(default_factory=set)
    reopened: set[int] = field(default_factory=set)
    recorded: set[int] = field(default_factory=set)  # over before it was seen: resolved, never notified
    reasons: dict[int, str] = field(default_factory=dict)
    event_ids: dict[int, list[int]] = field(default_factory=dict)
    episode_ids: dict[int, set[int]] = field(default_factory=dict)  # events that joined this run's episode
    new_types: dict[int, list[str]] = field(default_factory=dict)

    def note(self, alert: m.Alert, event_id: int) -> None:
        self.touched[alert.id] = alert
        self.event_ids.setdefault(alert.id, []).append(event_id)

    def resolve(self, alert: m.Alert, reason: str, *, notify: bool = True) -> None:
        resolve_alert(self.session, alert, self.runtime.settings, self.now, reason, batch=self.notices, notify=notify)
        self.reasons[alert.id] = reason


def _apply_recovery(run: _Run, alert: m.Alert, ev: PendingEvent, entry: dict[str, Any]) -> None:
    """A recovery report on a known alert: it resolves an active alert, unless it
    is older than the newest disruption report or about another of its types."""
    if alert.state not in ACTIVE_STATES:
        return
    stale = _older_than_latest(entry, alert.evidence, recovery=False) or ev.type not in alert_types(alert)
    alert.evidence = merge_evidence(alert.evidence or [], [entry])
    if not stale:
        label = "trade series back in its band" if ev.method == "trade" else "recovery reported"
        run.resolve(alert, f"{label}: {entry['source']}: {entry['headline']}"[:500])
        run.episode_ids.pop(alert.id, None)
    run.note(alert, ev.id)


def _apply_report(
    run: _Run, alert: m.Alert, created: bool, ev: PendingEvent, entry: dict[str, Any]
) -> tuple[int, int]:
    """A disruption report joins its alert: opens it, re-opens it (a new
    incident), adds a type or evidence; returns the (alert id, incident) it joined."""
    now = run.now
    published = _report_time(entry) or now
    ttl = incident_ttl(run.runtime, alert_types(alert))
    if not created and alert.state in ACTIVE_STATES and published - latest_published(alert) >= timedelta(seconds=ttl):
        # published after the incident had gone quiet for its TTL: that
        # incident is over (replaying history), this report opens the next
        run.resolve(alert, f"expired: no new evidence for {_fmt_duration(ttl)}")
        run.episode_ids.pop(alert.id, None)
    if created:
        run.created.add(alert.id)
        alert.types = [ev.type]
        alert.type = ev.type
    elif alert.state == "resolved" and _older_than_latest(entry, alert.evidence, recovery=True):
        # reported before the recovery that resolved the alert: history, not a new episode
        alert.evidence = merge_evidence(alert.evidence or [], [entry])
        alert.sources = merge_sources(alert.sources or [], [ev.source])
        return alert.id, alert.incident or 1
    elif alert.state == "resolved":
        run.reopened.add(alert.id)
        alert.state = "firing"
        alert.resolved_reason = None
        alert.acknowledged_by = alert.acknowledged_at = alert.ack_comment = None
        alert.types = [ev.type]
        alert.type = ev.type
        alert.published_at = None
        alert.incident = (alert.incident or 1) + 1
        run.episode_ids[alert.id] = set()
    elif ev.type not in alert_types(alert):
        # a consequence (or a cause) of the same incident: one alert, one more type
        run.new_types.setdefault(alert.id, []).append(ev.type)
    types = order_types([*alert_types(alert), ev.type])
    alert.types = types
    alert.type = types[0]
    run.episode_ids.setdefault(alert.id, set()).add(ev.id)
    alert.evidence = merge_evidence(alert.evidence or [], [entry])
    alert.sources = merge_sources(alert.sources or [], [ev.source])
    alert.last_seen = max(as_utc(alert.last_seen) or now, now)
    alert.published_at = max(as_utc(alert.published_at) or published, published)
    alert.revision = (alert.revision or 0) + 1
    run.note(alert, ev.id)
    return alert.id, alert.incident or 1


def _record_over(run: _Run) -> None:
    """An incident that was over before we saw it: on record (with its impact), resolved, never notified."""
    over = [
        a for a in run.touched.values()
        if a.state in ACTIVE_STATES and a.id in run.created | run.reopened
        and latest_published(a) + timedelta(seconds=incident_ttl(run.runtime, alert_types(a))) <= run.now
    ]
    reports = _reports(run.session, over, run.episode_ids) if over else {}
    for alert in over:
        _refresh(alert, run.runtime, reports[alert.id], run.now)
        ttl = incident_ttl(run.runtime, alert_types(alert))
        run.resolve(alert, f"expired before it was seen: no evidence published in the last {_fmt_duration(ttl)}",
                    notify=False)
        run.recorded.add(alert.id)


def _route(run: _Run, silences: Sequence[m.Silence]) -> list[AlertChange]:
    """Refresh, silence and notify every active alert the run touched; what changed and why."""
    active = [a for a in run.touched.values() if a.state in ACTIVE_STATES]
    reports = _reports(run.session, active, run.episode_ids)
    run.notices.preload(a.id for a in active)
    out: list[AlertChange] = []
    for alert_id, alert in run.touched.items():
        reason = ""
        if alert_id in run.recorded:
            kind, reason = "recorded", run.reasons[alert_id]
        elif alert.state == "resolved":
            kind, reason = "resolved", run.reasons.get(alert_id, "")
        elif alert_id in run.created:
            kind = "new"
        elif alert_id in run.reopened:
            kind = "reopened"
        else:
            kind = "updated"
            if alert_id in run.new_types:
                reason = "new type: " + ", ".join(run.new_types[alert_id])
        if alert.state in ACTIVE_STATES:
            _refresh(alert, run.runtime, reports[alert_id], run.now)
            if apply_silences(run.session, alert, silences, run.now, batch=run.notices) == "silenced":
                kind = "silenced"
            sync_notices(run.session, alert, run.runtime.settings, run.now, repeats=False, batch=run.notices)
        out.append(AlertChange(AlertSnapshot.from_row(alert), kind, reason, tuple(run.event_ids[alert_id])))
    return out


def process_pending_events(session: Session, runtime: Any, now: datetime, *, batch: int = BATCH) -> list[AlertChange]:
    """Turn unprocessed events into alert changes and deliveries (see module doc)."""
    take_write_lock(session)
    silences = active_silences(session, now)
    run = _Run(session, runtime, now, NoticeBatch(session))
    cache: dict[str, m.Alert] = {}  # rows read (and on PostgreSQL locked) in this transaction
    while True:
        events = store.claim_events(session, batch)
        if not events:
            break
        items = store.item_refs(session, (e.item_id for e in events if e.item_id is not None))
        entries = {ev.id: _evidence_entry(ev, items.get(ev.item_id) if ev.item_id is not None else None, now)
                   for ev in events}
        # Judge reports in the order they were published, not fetched: a
        # "reopens" story polled before the "blocked" story must still win.
        events = sorted(events, key=lambda ev: (_report_time(entries[ev.id]) or now, ev.id))
        rejected = store.rejected_stories(session, (ev.story for ev in events if ev.story))
        live, skipped = _triage(events, entries, rejected, runtime, now)
        # The batch's alerts in one locked read; the missing ones that a
        # disruption report will open are inserted at once (in report order,
        # so ids follow it) but only join the run when that report comes up:
        # a recovery report judged before it still finds no alert.
        fps = {ev.id: fingerprint(ev.target) for ev in live}
        cache.update(store.lock_alerts(session, [fp for fp in dict.fromkeys(fps.values()) if fp not in cache]))
        opening = list(dict.fromkeys((ev.target, ev.type) for ev in live if not ev.recovery and fps[ev.id] not in cache))
        fresh = _create_alerts(session, opening, now)
        joined: dict[int, tuple[int, int]] = {}
        for ev in live:
            fp = fps[ev.id]
            if ev.recovery:
                known = cache.get(fp)
                if known is not None:  # a recovery of an alert never opened is only recorded
                    joined[ev.id] = (known.id, known.incident or 1)
                    _apply_recovery(run, known, ev, entries[ev.id])
                continue
            if fp in cache:
                alert, created = cache[fp], False
            else:
                alert, created = fresh.pop(fp)
                cache[fp] = alert
            joined[ev.id] = _apply_report(run, alert, created, ev, entries[ev.id])
        store.mark_events(session, [ev.id for ev in events], joined, skipped)
        if len(events) < batch:
            break
    _record_over(run)
    out = _route(run, silences)
    run.notices.flush()
    store.save(session)
    if out:
        log.info("alerts: %s", ", ".join(f"{c.change} {c.alert.fingerprint}" for c in out))
    return out


def expire_alerts(session: Session, runtime: Any, now: datetime) -> list[AlertChange]:
    """Resolve stale alerts, apply/lift silences, and enqueue repeat notices."""
    take_write_lock(session)
    settings = runtime.settings
    silences = active_silences(session, now)
    out: list[AlertChange] = []
    alerts = store.active_alerts(session, ACTIVE_STATES, lock=True)
    notices = NoticeBatch(session)
    notices.preload(a.id for a in alerts)
    for alert in alerts:
        ttl = incident_ttl(runtime, alert_types(alert))
        if latest_published(alert) + timedelta(seconds=ttl) <= now:
            reason = f"expired: no new evidence for {_fmt_duration(ttl)}"
            resolve_alert(session, alert, settings, now, reason, batch=notices)
            out.append(AlertChange(AlertSnapshot.from_row(alert), "resolved", reason))
            continue
        change = apply_silences(session, alert, silences, now, batch=notices)
        sync_notices(session, alert, settings, now, repeats=True, batch=notices)
        if change:
            out.append(AlertChange(AlertSnapshot.from_row(alert), change))
    notices.flush()
    store.save(session)
    return out


def _fmt_duration(seconds: float) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{int(seconds)}s"
