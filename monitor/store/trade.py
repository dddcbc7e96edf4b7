"""Trade series in the store: observations by feed and period (a revision
replaces the value), and the drop/recovery signals found in them, stored as
``events`` rows whose origin is ``trade:<feed id>:<period>:<kind>``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from feeds.trade import TradeState
from feeds.types import Observation, TradeSignal
from monitor.store import models as m
from monitor.store.events import EventRow, insert_events
from monitor.store.upsert import upsert

__all__ = ["TradeFeed", "last_reported_state", "observations", "series_changes", "store_observations",
           "store_signals", "trade_feeds"]


@dataclass(frozen=True)
class TradeFeed:
    id: int
    name: str


def trade_feeds(session: Session) -> dict[str, TradeFeed]:
    """The trade feeds' rows by name."""
    return {name: TradeFeed(fid, name)
            for fid, name in session.execute(select(m.Feed.id, m.Feed.name).where(m.Feed.kind == "trade"))}


def series_changes(session: Session) -> dict[int, tuple[int, datetime | None]]:
    """Per trade feed: how many observations it has and when one was last stored.

    A poll rewrites ``fetched_at`` of what it stored, so a series whose pair
    is the same as last time has not changed."""
    TO = m.TradeObservation
    return {feed_id: (int(n), last) for feed_id, n, last in session.execute(
        select(TO.feed_id, func.count(), func.max(TO.fetched_at)).group_by(TO.feed_id))}


def observations(session: Session, feed_id: int) -> list[Observation]:
    """A feed's stored series (in no particular order: detection sorts by period)."""
    rows = session.execute(
        select(m.TradeObservation.period, m.TradeObservation.value).where(m.TradeObservation.feed_id == feed_id)
    ).all()
    return [Observation(p, v) for p, v in rows]


def store_observations(session: Session, feed_id: int, series: Sequence[Observation], now: datetime) -> int:
    """Insert or revise (same period, new value) a feed's observations fetched ``now``."""
    upsert(
        session,
        m.TradeObservation.__table__,
        [dict(feed_id=feed_id, period=o.period, value=o.value, fetched_at=now) for o in series],
        ["feed_id", "period"],
        ["value", "fetched_at"],
    )
    return len(series)


def last_reported_state(session: Session, feed_id: int) -> TradeState:
    """The state of a feed's series as last reported: its newest trade event.

    A drop event not followed by a recovery means "in a drop since that
    period"; a recovery, or no event at all, means normal.
    """
    last = session.execute(
        select(m.Event.recovery, m.Event.evidence)
        .where(m.Event.method == "trade", m.Event.origin.like(f"trade:{feed_id}:%"))
        .order_by(m.Event.id.desc())
        .limit(1)
    ).first()
    if last is None or last.recovery:
        return TradeState()
    evidence = last.evidence[0] if last.evidence and isinstance(last.evidence[0], dict) else {}
    # an "ongoing" event names its episode in "since"; a "drop" event is its own episode
    return TradeState(status="drop", since=evidence.get("since") or evidence.get("period"),
                      baseline=evidence.get("baseline"), last_period=evidence.get("period"))


def store_signals(session: Session, feed: TradeFeed, signals: Sequence[TradeSignal], now: datetime) -> int:
    """Store drop/recovery signals as events (one per feed, period and kind); how many are new."""
    return insert_events(session, [_signal_row(feed, sig, now) for sig in signals])


def _signal_row(feed: TradeFeed, sig: TradeSignal, now: datetime) -> EventRow:
    change = f"{sig.change:+.0%}"
    text = f"{sig.source}: {sig.value:,.0f} in {sig.period} against a baseline of {sig.baseline:,.0f} ({change})"
    if sig.kind == "ongoing":  # fresh evidence each observation while the drop lasts
        text += f", below since {sig.since} ({sig.periods} periods)"
    episode = sig.since or sig.period
    return dict(
        origin=f"trade:{feed.id}:{sig.period}:{sig.kind}",
        item_id=None, source=feed.name, target=sig.target, type="trade_drop",
        confidence=1.0, recovery=sig.kind == "recovered", method="trade",
        evidence=[
            dict(field="trade", start=0, end=len(text), text=text, role="trade", ref=sig.target,
                 value=sig.value, baseline=sig.baseline, change=sig.change, period=sig.period,
                 since=episode, periods=sig.periods, kind=sig.kind,
                 series=[[o.period, o.value] for o in sig.series])  # for a sparkline/chart
        ],
        story=f"trade:{feed.id}:{episode}", created_at=now, processed=False,
    )
