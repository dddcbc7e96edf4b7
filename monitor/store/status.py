"""Read-only status queries over ``feeds``, ``items``, ``trade_observations``,
``events``, ``alerts``, ``deliveries``, ``cycles`` and ``instances``: ``monitor
status``, ``monitor feeds list``, ``monitor watch``, the totals of ``monitor
demo`` and the store gauges of ``/metrics`` (alerts by state, outbox by status,
feeds by health).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, sessionmaker

from monitor.store import models as m
from monitor.store.db import utcnow
from monitor.store.instances import ALIVE_FACTOR, HEARTBEAT_S



def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds").replace("+00:00", "Z") if value else None


def _counts(session: Session, column: Any) -> dict[str, int]:
    return {str(k): int(n) for k, n in session.execute(select(column, func.count()).group_by(column)).all()}


def _feed_health(session: Session, now: datetime) -> dict[str, int]:
    active = and_(m.Feed.in_config.is_(True), m.Feed.enabled.is_(True), m.Feed.disabled_reason.is_(None))

    def count(*where: Any) -> int:
        return int(session.scalar(select(func.count()).select_from(m.Feed).where(*where)) or 0)

    return {
        "total": count(),
        "active": count(active),
        "due": count(active, or_(m.Feed.next_poll.is_(None), m.Feed.next_poll <= now)),
        "failing": count(active, m.Feed.error_count > 0, m.Feed.parked.is_(False)),
        "parked": count(m.Feed.parked.is_(True)),
        "disabled": count(or_(m.Feed.enabled.is_(False), m.Feed.disabled_reason.is_not(None))),
        "removed": count(m.Feed.in_config.is_(False)),
    }


def row_count(sessions: sessionmaker[Session], model: type[m.Base]) -> int:
    """How many rows ``model``'s table holds (the bench's tallies)."""
    with sessions() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def store_counts(sessions: sessionmaker[Session], now: datetime | None = None) -> dict[str, dict[str, int]]:
    """Alerts by state, outbox by status, feeds by health: for metrics and status."""
    now = now or utcnow()
    with sessions() as s:
        return {
            "alerts": _counts(s, m.Alert.state),
            "outbox": _counts(s, m.Delivery.status),
            "feeds": _feed_health(s, now),
        }


def status_report(sessions: sessionmaker[Session], now: datetime | None = None) -> dict[str, Any]:
    """What ``monitor status`` shows: last cycle, feeds, outbox, alerts, instances."""
    now = now or utcnow()
    alive_after = now - timedelta(seconds=ALIVE_FACTOR * HEARTBEAT_S)
    counts = store_counts(sessions, now)
    with sessions() as s:
        cycle = s.scalars(select(m.Cycle).order_by(m.Cycle.started_at.desc(), m.Cycle.id.desc()).limit(1)).first()
        last_cycle = None
        if cycle is not None:
            fin = cycle.finished_at
            last_cycle = {
                "instance": cycle.instance,
                "started_at": _iso(cycle.started_at),
                "finished_at": _iso(fin),
                "duration_s": round((fin - cycle.started_at).total_seconds(), 3) if fin else None,
                "polls": cycle.polls, "items": cycle.items, "events": cycle.events,
                "alerts": cycle.alerts, "deliveries": cycle.deliveries, "errors": cycle.errors,
            }
        feeds_due = [
            name
            for name in s.scalars(
                select(m.Feed.name)
                .where(
                    m.Feed.in_config.is_(True), m.Feed.enabled.is_(True), m.Feed.disabled_reason.is_(None),
                    or_(m.Feed.next_poll.is_(None), m.Feed.next_poll <= now),
                )
                .order_by(m.Feed.name)
            )
        ]
        failing = [
            {"name": f.name, "error_count": f.error_count, "last_status": f.last_status,
             "last_error": f.last_error, "parked": f.parked, "next_poll": _iso(f.next_poll)}
            for f in s.scalars(select(m.Feed).where(m.Feed.error_count > 0).order_by(m.Feed.name))
        ]
        instances = []
        for inst in s.scalars(select(m.Instance).where(m.Instance.stopped_at.is_(None)).order_by(m.Instance.started_at)):
            beat = inst.heartbeat_at
            feeds_held = list(
                s.scalars(
                    select(m.Feed.name).where(m.Feed.lease_owner == inst.id, m.Feed.lease_until > now).order_by(m.Feed.name)
                )
            )
            deliveries_held = int(
                s.scalar(
                    select(func.count()).select_from(m.Delivery).where(
                        m.Delivery.lease_owner == inst.id, m.Delivery.lease_until > now
                    )
                )
                or 0
            )
            instances.append({
                "id": inst.id, "host": inst.host, "pid": inst.pid,
                "started_at": _iso(inst.started_at), "heartbeat_at": _iso(beat),
                "heartbeat_age_s": round((now - beat).total_seconds(), 1),
                "alive": beat >= alive_after,
                "holds": {"feeds": feeds_held, "deliveries": deliveries_held},
            })
    outbox = counts["outbox"]
    return {
        "now": _iso(now),
        "last_cycle": last_cycle,
        "feeds": {**counts["feeds"], "due_names": feeds_due, "failing_feeds": failing},
        "outbox": {**{k: 0 for k in ("pending", "sending", "failed", "sent")}, **outbox},
        "alerts": counts["alerts"],
        "instances": [i for i in instances if i["alive"]],
        "stale_instances": [i["id"] for i in instances if not i["alive"]],
    }


def feed_listing(sessions: sessionmaker[Session], configured: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """One row per feed: the store's view, plus configured feeds not synced yet."""
    with sessions() as s:
        item_counts = dict(s.execute(select(m.Item.feed_id, func.count()).group_by(m.Item.feed_id)).all())
        rows = []
        for f in s.scalars(select(m.Feed).order_by(m.Feed.name)):
            rows.append({
                "name": f.name, "kind": f.kind, "url": f.url, "items": int(item_counts.get(f.id, 0)),
                "last_status": f.last_status, "last_error": f.last_error, "error_count": f.error_count,
                "last_poll": _iso(f.last_poll), "next_poll": _iso(f.next_poll), "interval_s": f.interval_s,
                "enabled": bool(f.enabled and f.disabled_reason is None), "parked": f.parked,
                "disabled_reason": f.disabled_reason, "in_config": f.in_config,
                "skipped_entries": f.skipped_entries or 0,
            })
    known = {r["name"] for r in rows}
    for kind, src in configured:
        if src.name in known:
            continue
        rows.append({
            "name": src.name, "kind": kind, "url": src.url, "items": 0, "last_status": None,
            "last_error": None, "error_count": 0, "last_poll": None, "next_poll": None,
            "interval_s": src.interval, "enabled": src.enabled, "parked": False,
            "disabled_reason": None, "in_config": True, "skipped_entries": 0,
        })
    return sorted(rows, key=lambda r: r["name"])


@dataclass(frozen=True)
class WatchSnapshot:
    """What one frame of ``monitor watch`` shows, read in one transaction."""

    alerts: list[m.Alert]  # the active ones
    feeds: list[m.Feed]  # those in the config
    items_by_feed: dict[int, int]
    observations_by_feed: dict[int, int]
    last_cycle: m.Cycle | None
    events_total: int
    recent_events: list[m.Event]  # newest first
    outbox: dict[str, int]  # deliveries by status
    email_pending: int  # email notices waiting (pending)


def watch_snapshot(session: Session, active_states: Sequence[str], *, events: int = 10) -> WatchSnapshot:
    """Alerts in ``active_states``, configured feeds with their stored counts,
    the last cycle, the ``events`` newest events and the outbox by status."""
    def by_feed(column: Any) -> dict[int, int]:
        return {int(k): int(n) for k, n in session.execute(select(column, func.count()).group_by(column)).all()}

    return WatchSnapshot(
        alerts=list(session.scalars(select(m.Alert).where(m.Alert.state.in_(list(active_states))))),
        feeds=list(session.scalars(select(m.Feed).where(m.Feed.in_config.is_(True)))),
        items_by_feed=by_feed(m.Item.feed_id),
        observations_by_feed=by_feed(m.TradeObservation.feed_id),
        last_cycle=session.scalars(select(m.Cycle).order_by(m.Cycle.started_at.desc()).limit(1)).first(),
        events_total=int(session.scalar(select(func.count()).select_from(m.Event)) or 0),
        recent_events=list(session.scalars(select(m.Event).order_by(m.Event.id.desc()).limit(events))),
        outbox=_counts(session, m.Delivery.status),
        email_pending=int(session.scalar(
            select(func.count()).select_from(m.Delivery).where(m.Delivery.status == "pending",
                                                               m.Delivery.channel == "email")
        ) or 0),
    )


@dataclass(frozen=True)
class StoreTotals:
    """How much a run stored: what ``monitor demo`` reports."""

    alerts: list[m.Alert]
    items: int
    events: int
    old_news: int  # events kept out of every alert as published before alerts.max_age


def store_totals(session: Session) -> StoreTotals:
    def count(table: Any, *where: Any) -> int:
        return int(session.scalar(select(func.count()).select_from(table).where(*where)) or 0)

    return StoreTotals(
        alerts=list(session.scalars(select(m.Alert))),
        items=count(m.Item),
        events=count(m.Event),
        old_news=count(m.Event, m.Event.skipped == "old-news"),
    )
