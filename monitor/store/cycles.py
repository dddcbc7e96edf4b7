"""The ``cycles`` table: one row per pass of the pipeline, for ``monitor status``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from monitor.store import models as m
from monitor.store.db import transaction

__all__ = ["CycleTotals", "finish_cycle", "start_cycle"]


@dataclass(frozen=True)
class CycleTotals:
    polls: int
    items: int
    events: int
    alerts: int
    deliveries: int
    errors: int


def start_cycle(sessions: sessionmaker[Session], instance_id: str, started: datetime) -> int:
    """Record a cycle starting; its id."""
    with transaction(sessions) as session:
        cycle = m.Cycle(instance=instance_id, started_at=started)
        session.add(cycle)
        session.flush()
        return cycle.id


def finish_cycle(sessions: sessionmaker[Session], cycle_id: int, finished: datetime, totals: CycleTotals) -> None:
    with transaction(sessions) as session:
        session.execute(
            update(m.Cycle).where(m.Cycle.id == cycle_id).values(
                finished_at=finished, polls=totals.polls, items=totals.items, events=totals.events,
                alerts=totals.alerts, deliveries=totals.deliveries, errors=totals.errors,
            )
        )
