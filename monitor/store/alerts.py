"""Tables ``alerts``, ``events`` (as an alert's evidence), ``silences`` and
``verdicts``: the queries of the alerts engine and of ``monitor alerts ...``.

Every function runs in the caller's session and transaction. Reads of alerts
the engine is about to change take row locks on PostgreSQL (``FOR UPDATE``,
in fingerprint order so that instances lock in the same order; pending events
``FOR UPDATE SKIP LOCKED``); on SQLite the caller holds the database's write
lock (:func:`monitor.store.db.take_write_lock`). The delivery rows of alerts
(their notices) are in :mod:`monitor.store.alert_deliveries`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from monitor.store import models as m
from monitor.store.upsert import insert_ignore

#: Most values in one ``IN (...)`` list.
IN_CHUNK = 5000


def _chunks(values: Sequence[Any], size: int = IN_CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(values), size):
        yield values[i:i + size]


def _postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


# -- alerts -------------------------------------------------------------------------------------


def save(session: Session) -> None:
    """Write the changes made to loaded alert rows now, inside the caller's transaction
    (so the ids and constraints they carry are checked before the next step reads them)."""
    session.flush()


def lock_alert(session: Session, fingerprint: str) -> m.Alert | None:
    """The alert with this fingerprint, re-read (and locked on PostgreSQL)."""
    stmt = select(m.Alert).where(m.Alert.fingerprint == fingerprint)
    if _postgres(session):
        stmt = stmt.with_for_update()
    return session.scalars(stmt.execution_options(populate_existing=True)).first()


def lock_alerts(session: Session, fingerprints: Iterable[str]) -> dict[str, m.Alert]:
    """The alerts with these fingerprints, re-read (and on PostgreSQL locked, in
    fingerprint order) in one query per :data:`IN_CHUNK` fingerprints."""
    out: dict[str, m.Alert] = {}
    for chunk in _chunks(sorted(set(fingerprints))):
        stmt = select(m.Alert).where(m.Alert.fingerprint.in_(chunk)).order_by(m.Alert.fingerprint)
        if _postgres(session):
            stmt = stmt.with_for_update()
        for alert in session.scalars(stmt.execution_options(populate_existing=True)):
            out[alert.fingerprint] = alert
    return out


def insert_alerts(session: Session, rows: Sequence[Mapping[str, Any]]) -> set[str]:
    """``INSERT ... ON CONFLICT (fingerprint) DO NOTHING RETURNING fingerprint``:
    the fingerprints this call created (rows another writer made are skipped).
    One executemany, sent as multi-row INSERTs in the order of ``rows``."""
    if not rows:
        return set()
    table = m.Alert.__table__
    dialect = postgresql if _postgres(session) else sqlite
    stmt = (
        dialect.insert(table)
        .on_conflict_do_nothing(index_elements=["fingerprint"])
        .returning(table.c.fingerprint)
    )
    return set(session.execute(stmt, [dict(r) for r in rows]).scalars())


def insert_alert(session: Session, row: Mapping[str, Any]) -> bool:
    """Insert one alert unless its fingerprint exists; True if this call created it."""
    return bool(insert_ignore(session, m.Alert.__table__, [dict(row)], ["fingerprint"]))


def active_alerts(session: Session, states: Sequence[str], *, lock: bool = False) -> list[m.Alert]:
    """Alerts in ``states`` by id; ``lock``: on PostgreSQL lock them, skipping those
    another instance holds (expiry runs on every instance)."""
    stmt = select(m.Alert).where(m.Alert.state.in_(list(states))).order_by(m.Alert.id)
    if lock and _postgres(session):
        stmt = stmt.with_for_update(skip_locked=True)
    return list(session.scalars(stmt))


def alert_by_id(session: Session, alert_id: int) -> m.Alert | None:
    return session.get(m.Alert, alert_id)


def alert_by_fingerprint(session: Session, fingerprint: str) -> m.Alert | None:
    return session.scalars(select(m.Alert).where(m.Alert.fingerprint == fingerprint)).first()


def alerts_newest_first(
    session: Session, *, states: Sequence[str] | None = None, severities: Sequence[str] | None = None
) -> Iterator[m.Alert]:
    """Alerts by last sighting, newest first; only ``states``/``severities`` when given."""
    stmt = select(m.Alert).order_by(m.Alert.last_seen.desc(), m.Alert.id.desc())
    if states is not None:
        stmt = stmt.where(m.Alert.state.in_(list(states)))
    if severities is not None:
        stmt = stmt.where(m.Alert.severity.in_(list(severities)))
    yield from session.scalars(stmt)


def acknowledged_alerts(session: Session) -> list[m.Alert]:
    return list(session.scalars(select(m.Alert).where(m.Alert.acknowledged_by.is_not(None)).order_by(m.Alert.id)))


# -- events as evidence --------------------------------------------------------------------------


@dataclass(frozen=True)
class PendingEvent:
    """An event not yet turned into alert changes: what the engine reads of it."""

    id: int
    item_id: int | None
    source: str
    target: str
    type: str
    confidence: float
    recovery: bool
    method: str
    evidence: Any  # JSON spans as the tagger stored them
    story: str | None
    created_at: datetime


_PENDING_COLUMNS = (
    m.Event.id, m.Event.item_id, m.Event.source, m.Event.target, m.Event.type, m.Event.confidence,
    m.Event.recovery, m.Event.method, m.Event.evidence, m.Event.story, m.Event.created_at,
)


def claim_events(session: Session, limit: int) -> list[PendingEvent]:
    """The next ``limit`` unprocessed events by id (PostgreSQL: locked, skipping
    those another instance holds)."""
    stmt = select(*_PENDING_COLUMNS).where(m.Event.processed.is_(False)).order_by(m.Event.id).limit(limit)
    if _postgres(session):
        stmt = stmt.with_for_update(skip_locked=True)
    return [PendingEvent(*row) for row in session.execute(stmt)]


@dataclass(frozen=True)
class ItemRef:
    """What evidence shows of the item behind an event."""

    id: int
    title: str
    link: str | None
    published: datetime | None
    fetched_at: datetime


def item_refs(session: Session, item_ids: Iterable[int]) -> dict[int, ItemRef]:
    """Headline, link and times of these items, by id."""
    ids = sorted(set(item_ids))
    out: dict[int, ItemRef] = {}
    for chunk in _chunks(ids):
        stmt = select(m.Item.id, m.Item.title, m.Item.link, m.Item.published, m.Item.fetched_at).where(
            m.Item.id.in_(chunk))
        out.update((row.id, ItemRef(*row)) for row in session.execute(stmt))
    return out


@dataclass(frozen=True)
class ReportRow:
    """A disruption (not recovery) event that joined an alert."""

    alert_id: int
    event_id: int
    source: str
    story: str
    confidence: float
    created_at: datetime


def disruption_events(session: Session, alert_ids: Iterable[int]) -> list[ReportRow]:
    """The disruption events of these alerts, by event id, in one query per chunk."""
    E = m.Event
    out: list[ReportRow] = []
    for chunk in _chunks(sorted(set(alert_ids))):
        stmt = (
            select(E.alert_id, E.id, E.source, E.story, E.confidence, E.created_at)
            .where(E.alert_id.in_(chunk), E.recovery.is_(False))
            .order_by(E.id)
        )
        for alert_id, eid, source, story, conf, created in session.execute(stmt):
            if alert_id is not None:  # excluded by the query; the column is nullable
                out.append(ReportRow(alert_id, eid, source, story or "", conf, created))
    out.sort(key=lambda r: r.event_id)
    return out


def mark_events(
    session: Session, ids: Sequence[int], joined: Mapping[int, tuple[int, int]],
    skipped: Mapping[int, str] | None = None,
) -> None:
    """``processed = true`` for ``ids``; ``joined`` maps an event to the (alert id,
    incident) it joined, ``skipped`` to why it was kept out of every alert."""
    t = m.Event.__table__
    for chunk in _chunks(list(ids)):
        session.execute(update(t).where(t.c.id.in_(chunk)).values(processed=True))
    if skipped:
        session.execute(
            update(t).where(t.c.id == bindparam("eid")).values(skipped=bindparam("why")),
            [{"eid": e, "why": w} for e, w in skipped.items()],
        )
    if joined:
        session.execute(
            update(t).where(t.c.id == bindparam("eid")).values(alert_id=bindparam("aid"), incident=bindparam("inc")),
            [{"eid": e, "aid": a, "inc": inc} for e, (a, inc) in joined.items()],
        )


def incident_events(session: Session, alert_id: int, incident: int) -> list[m.Event]:
    """The events of one incident of an alert, by id (events from before
    migration 0004 have no incident: they count as the first)."""
    E = m.Event
    cond = E.incident == incident
    if incident == 1:
        cond = cond | E.incident.is_(None)
    return list(session.scalars(select(E).where(E.alert_id == alert_id, cond).order_by(E.id)))


def events_with_items(session: Session, alert_id: int, limit: int) -> list[tuple[m.Event, str | None, str | None]]:
    """An alert's events newest first, each with its item's title and link (None without an item)."""
    rows = session.execute(
        select(m.Event, m.Item.title, m.Item.link)
        .outerjoin(m.Item, m.Item.id == m.Event.item_id)
        .where(m.Event.alert_id == alert_id)
        .order_by(m.Event.id.desc())
        .limit(limit)
    ).all()
    return [(e, title, link) for e, title, link in rows]


def items_of_story(session: Session, target: str, story: str) -> list[int]:
    """The items whose events name ``story`` at ``target``."""
    E = m.Event
    stmt = select(E.item_id).where(E.target == target, E.story == story, E.item_id.is_not(None)).distinct()
    return [item_id for (item_id,) in session.execute(stmt) if item_id is not None]


def disruption_targets(session: Session, item_ids: Sequence[int]) -> dict[int, set[str]]:
    """Item id -> the targets its disruption (not recovery) events name."""
    E = m.Event
    out: dict[int, set[str]] = {}
    for chunk in _chunks(list(item_ids)):
        for item_id, target in session.execute(
            select(E.item_id, E.target).where(E.item_id.in_(chunk), E.recovery.is_(False))
        ):
            if item_id is not None:  # excluded by the query; the column is nullable
                out.setdefault(item_id, set()).add(target)
    return out


def items_by_id(session: Session, item_ids: Sequence[int]) -> dict[int, m.Item]:
    out: dict[int, m.Item] = {}
    for chunk in _chunks(list(item_ids)):
        out.update((i.id, i) for i in session.scalars(select(m.Item).where(m.Item.id.in_(chunk))))
    return out


# -- silences ------------------------------------------------------------------------------------


def silences_ending_after(session: Session, now: datetime) -> list[m.Silence]:
    """Silences that have not ended by ``now`` (some may not have started yet)."""
    return list(session.scalars(select(m.Silence).where(m.Silence.ends_at > now)))


def all_silences(session: Session) -> list[m.Silence]:
    return list(session.scalars(select(m.Silence).order_by(m.Silence.id)))


def add_silence(
    session: Session, matchers: Mapping[str, str], *, starts_at: datetime, ends_at: datetime, author: str,
    reason: str, now: datetime,
) -> m.Silence:
    """Store a silence; its id is known on return."""
    silence = m.Silence(matchers=dict(matchers), starts_at=starts_at, ends_at=ends_at, author=author, reason=reason,
                        created_at=now)
    session.add(silence)
    session.flush()
    return silence


# -- verdicts ------------------------------------------------------------------------------------


def rejected_stories(session: Session, stories: Iterable[str]) -> set[tuple[str, str]]:
    """The (target, story) pairs among ``stories`` an analyst rejected."""
    out: set[tuple[str, str]] = set()
    for chunk in _chunks(sorted(set(stories))):
        out.update((t, st) for t, st in session.execute(
            select(m.Verdict.target, m.Verdict.story).where(m.Verdict.story.in_(chunk))))
    return out


def add_verdicts(
    session: Session, alert_id: int, target: str, stories: Iterable[str], *, reason: str, comment: str, author: str,
    now: datetime,
) -> int:
    """Remember ``stories`` as rejected at ``target`` (a story judged before keeps its verdict)."""
    rows = [
        dict(target=target, story=s, alert_id=alert_id, reason=reason, comment=comment, author=author, created_at=now)
        for s in stories
    ]
    return insert_ignore(session, m.Verdict.__table__, rows, ["target", "story"]) if rows else 0


def all_verdicts(session: Session) -> list[m.Verdict]:
    return list(session.scalars(select(m.Verdict).order_by(m.Verdict.id)))
