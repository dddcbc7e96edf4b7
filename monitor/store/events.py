"""The ``events`` table: rows of tagging and trade events, inserted once per origin,
target and type (a retry or a second instance adds nothing)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from graphs.corroborate import story_key
from graphs.types import Event, Span
from monitor.store import models as m
from monitor.store.upsert import insert_ignore

__all__ = ["EventRow", "event_row", "insert_events", "item_event_rows", "pending_targets", "span_dict"]

#: one ``events`` row, as :func:`insert_events` takes it (every row names the same columns)
EventRow = dict[str, Any]


def insert_events(session: Session, rows: Sequence[EventRow]) -> int:
    """Insert the events not stored yet (unique on origin, target, type); how many went in."""
    return insert_ignore(session, m.Event.__table__, rows, ["origin", "target", "type"])


def item_event_rows(events: Sequence[Event], item_id: int, title: str | None, text: str | None, *, source: str,
                    now: datetime) -> list[EventRow]:
    """The ``events`` rows of one stored item's tagging events (origin ``item:<id>``, one story key)."""
    story = story_key(title or "", text or "")
    return [event_row(ev, origin=f"item:{item_id}", item_id=item_id, source=source, story=story, now=now)
            for ev in events]


def event_row(ev: Event, *, origin: str, item_id: int | None, source: str, story: str, now: datetime) -> EventRow:
    """The ``events`` table row for a tagging :class:`Event`."""
    return dict(
        origin=origin, item_id=item_id, source=source, target=ev.target, type=ev.type,
        confidence=round(ev.confidence, 4), recovery=ev.recovery, method=ev.method,
        evidence=[span_dict(s) for s in ev.evidence], story=story, created_at=now, processed=False,
    )


def span_dict(span: Span) -> dict[str, Any]:
    out = dict(field=span.field, start=span.start, end=span.end, text=span.text, role=span.role, ref=span.ref)
    if span.note:  # "exonym of 'Red Sea'"
        out["note"] = span.note
    return out


def pending_targets(session: Session, min_confidence: float) -> list[str]:
    """The distinct targets of disruption (non-recovery) events not yet alerted on,
    at or above ``min_confidence``: those the alert step assesses."""
    return list(session.scalars(
        select(m.Event.target).distinct().where(
            m.Event.processed.is_(False), m.Event.recovery.is_(False), m.Event.confidence >= min_confidence,
        )
    ).all())
