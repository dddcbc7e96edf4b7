"""The ``mentions`` table (which items named which node, by which publisher, when) and the
event updates of breaking-news bursts: every statement :mod:`monitor.burst_stage` runs.

Rows are unique per (node, publisher, story key), so a story syndicated in two feeds of
one publisher is one mention; an item re-read after its text changed is not counted again
(:func:`counted_items`). ``mention_coverage`` says since when counting runs. Reads are bounded by
time (``at``, indexed with the node), and :func:`prune` deletes what the baseline no
longer needs, so the table holds a few days whatever the traffic.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from monitor.store import models as m
from monitor.store.db import rowcount
from monitor.store.upsert import insert_ignore_rows


class MentionRow(NamedTuple):
    """One item naming one node (a row of ``mentions``, its columns in this order)."""

    node_id: str
    item_id: int | None
    source: str  # the publisher: host of the item's link, else its feed
    story: str  # syndication key (graphs.corroborate.story_key)
    at: datetime  # published (or first seen), aware UTC


class PendingEvent(NamedTuple):
    """A tagging event not yet taken up by the alert step."""

    id: int
    target: str
    confidence: float
    evidence: list[dict[str, Any]]


def start_counting(session: Session, at: datetime) -> None:
    """Note that mentions are counted from ``at`` on, unless an earlier start is noted."""
    insert_ignore_rows(session, m.MentionCoverage.__table__, ("id", "since"), [(1, at)], ["id"])


def counting_since(session: Session) -> datetime | None:
    """Since when mentions are counted (``None``: not yet)."""
    return session.scalar(select(m.MentionCoverage.since).where(m.MentionCoverage.id == 1))


def counted_items(session: Session, item_ids: Collection[int]) -> set[int]:
    """Those of ``item_ids`` whose mentions are recorded already."""
    if not item_ids:
        return set()
    return set(session.scalars(
        select(m.Mention.item_id).where(m.Mention.item_id.in_(list(item_ids))).distinct()
    ))


def record(session: Session, rows: Sequence[MentionRow]) -> int:
    """Insert the mentions not recorded yet (same node, publisher and story); the number inserted."""
    if not rows:
        return 0
    return insert_ignore_rows(session, m.Mention.__table__, MentionRow._fields, rows, ["node_id", "source", "story"])


def prune(session: Session, before: datetime) -> int:
    """Delete mentions older than ``before``; the number deleted."""
    return rowcount(session.execute(
        delete(m.Mention).where(m.Mention.at < before).execution_options(synchronize_session=False)
    )) or 0


def busy_nodes(session: Session, nodes: Collection[str] | None, since: datetime, until: datetime,
               min_sources: int) -> list[str]:
    """Those of ``nodes`` (``None``: any node) named by at least ``min_sources`` publishers
    in ``(since, until]``."""
    if nodes is not None and not nodes:
        return []
    M = m.Mention
    among = () if nodes is None else (M.node_id.in_(list(nodes)),)
    return list(session.scalars(
        select(M.node_id)
        .where(*among, M.at > since, M.at <= until)
        .group_by(M.node_id)
        .having(func.count(func.distinct(M.source)) >= min_sources)
        .order_by(M.node_id)
    ))


def mentions_of(session: Session, nodes: Collection[str], since: datetime,
                until: datetime) -> dict[str, list[tuple[str, datetime]]]:
    """Per node, its ``(source, at)`` mentions in ``(since, until]``."""
    out: dict[str, list[tuple[str, datetime]]] = {n: [] for n in nodes}
    if not nodes:
        return out
    M = m.Mention
    rows = session.execute(
        select(M.node_id, M.source, M.at).where(M.node_id.in_(list(nodes)), M.at > since, M.at <= until)
    )
    for node_id, source, at in rows:
        out[node_id].append((source, at))
    return out


def _pending() -> tuple[Any, ...]:
    E = m.Event
    return (E.processed.is_(False), E.item_id.is_not(None), E.recovery.is_(False), E.method != "trade")


def pending_targets(session: Session) -> set[str]:
    """The targets of disruption events of items that the alert step has not taken up yet
    (recoveries and trade signals left out)."""
    return set(session.scalars(select(m.Event.target).where(*_pending()).distinct()))


def pending_events(session: Session, targets: Collection[str]) -> list[PendingEvent]:
    """Those events (:func:`pending_targets`) at ``targets``, with their confidence and evidence."""
    if not targets:
        return []
    E = m.Event
    rows = session.execute(
        select(E.id, E.target, E.confidence, E.evidence).where(*_pending(), E.target.in_(list(targets))).order_by(E.id)
    )
    return [PendingEvent(i, t, c, list(ev or [])) for i, t, c, ev in rows]


def raise_event(session: Session, event: PendingEvent, confidence: float, evidence: list[dict[str, Any]]) -> bool:
    """Set a pending event's confidence and evidence, only if nobody changed or took it up
    since it was read (two instances never raise it twice); True when it was updated."""
    E = m.Event
    return bool(rowcount(session.execute(
        update(E)
        .where(E.id == event.id, E.processed.is_(False), E.confidence == event.confidence)
        .values(confidence=confidence, evidence=evidence)
        .execution_options(synchronize_session=False)
    )))
