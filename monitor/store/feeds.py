"""The ``feeds`` table: the configured sources, their schedule, leases and health.

What :class:`monitor.pipeline.Pipeline` asks of it, one function per question:
sync the rows with ``feeds.yaml``; count and claim the due feeds with a lease
(see the pipeline's module doc for the protocol); renew, hold (fence) and
release a claim; record a stored poll; raise a one-off notice.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, bindparam, func, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from feeds.health import FeedHealth
from feeds.types import NewsSource, TradeSource
from monitor.store import models as m
from monitor.store.db import rowcount
from monitor.store.upsert import insert_ignore

__all__ = ["FeedClaim", "PolledFeed", "any_due", "claim_due", "count_due", "feed_exists", "hold", "next_due_in",
           "raise_notice", "record_poll", "release", "renew_leases", "sync_config"]


@dataclass
class FeedClaim:
    """A due feed leased by one instance: what polling it needs, and the claim's token."""

    feed_id: int
    name: str
    kind: str
    url: str
    etag: str | None
    last_modified: str | None
    body_hash: str | None
    health: FeedHealth
    interval: float
    token: str = ""


@dataclass(frozen=True)
class PolledFeed:
    """A feed's state after a stored poll (:func:`record_poll`).

    ``validators`` (etag, last_modified, body_hash) only for a body that was
    read; ``redirect`` the new URL of a permanent redirect; ``skipped`` the
    unreadable entries of a parsed news body."""

    health: FeedHealth
    next_poll: datetime | None
    validators: tuple[str | None, str | None, str | None] | None = None
    redirect: str | None = None
    skipped: int | None = None


def sync_config(session: Session, sources: Sequence[tuple[str, NewsSource | TradeSource]], now: datetime) -> None:
    """Make the ``feeds`` rows match the configured ``(kind, source)`` pairs.

    New sources are inserted, due now; a changed URL (the analyst's, which
    wins over redirects) resets validators and health; a feed switched off and
    on again forgets why it was disabled; one no longer configured keeps its
    row and history with ``in_config = false``.
    """
    existing = {f.name: f for f in session.scalars(select(m.Feed))}
    seen = set()
    for kind, src in sources:
        seen.add(src.name)
        feed = existing.get(src.name)
        if feed is None:
            insert_ignore(
                session,
                m.Feed.__table__,
                [
                    dict(
                        name=src.name, kind=kind, url=src.url, config_url=src.url,
                        language=getattr(src, "language", None), interval_s=src.interval,
                        enabled=src.enabled, in_config=True, next_poll=now,
                        error_count=0, parked=False, polls=0,
                    )
                ],
                ["name"],
            )
            continue
        if feed.config_url != src.url:  # the analyst changed it: config wins over redirects
            feed.url = feed.config_url = src.url
            feed.etag = feed.last_modified = feed.body_hash = None
            feed.disabled_reason = None
            feed.parked = False
            feed.error_count = 0
            feed.next_poll = now
        elif src.enabled and (not feed.enabled or not feed.in_config) and feed.disabled_reason:
            # switched off and on again (or removed and re-added) in feeds.yaml: the analyst's
            # way to retry a feed disabled by a 410, as its disabled_reason tells them to
            feed.disabled_reason = None
            feed.parked = False
            feed.error_count = 0
            feed.next_poll = now
        feed.kind = kind
        feed.language = getattr(src, "language", None)
        feed.enabled = src.enabled
        feed.in_config = True
        if feed.interval_s != src.interval:
            feed.interval_s = src.interval
            if feed.next_poll is None or feed.next_poll > now + timedelta(seconds=src.interval):
                feed.next_poll = now
    for name, feed in existing.items():
        if name not in seen and feed.in_config:
            feed.in_config = False


def _active() -> tuple[ColumnElement[bool], ...]:
    return (m.Feed.in_config.is_(True), m.Feed.enabled.is_(True), m.Feed.disabled_reason.is_(None))


def _due(now: datetime) -> tuple[ColumnElement[bool], ...]:
    """Active and at or past its next poll (leased or not)."""
    return (*_active(), or_(m.Feed.next_poll.is_(None), m.Feed.next_poll <= now))


def _free(now: datetime) -> ColumnElement[bool]:
    """Nobody holds its lease."""
    return or_(m.Feed.lease_until.is_(None), m.Feed.lease_until < now)


def any_due(session: Session, now: datetime, exclude: Sequence[int] = ()) -> bool:
    """Whether a due feed nobody holds is left to claim (``exclude``: ids not to count)."""
    stmt = select(func.count()).select_from(m.Feed).where(*_due(now), _free(now))
    if exclude:
        stmt = stmt.where(m.Feed.id.not_in(list(exclude)))
    return bool(session.scalar(stmt))


def count_due(session: Session, now: datetime) -> int:
    """Feeds due now, claimed by some instance or not."""
    return int(session.scalar(select(func.count()).select_from(m.Feed).where(*_due(now))) or 0)


def claim_due(
    session: Session, now: datetime, *, instance_id: str, until: datetime, token: str, limit: int,
    exclude: Sequence[int] = (),
) -> list[FeedClaim]:
    """Lease up to ``limit`` due feeds nobody holds until ``until``, all under ``token``.

    PostgreSQL skips rows another transaction has locked; on both databases a
    conditional ``UPDATE`` re-checks each feed is still due and free, so of
    several instances exactly one wins it.
    """
    due = select(m.Feed).where(*_due(now), _free(now))
    if exclude:
        due = due.where(m.Feed.id.not_in(list(exclude)))
    due = due.order_by(m.Feed.next_poll, m.Feed.id).limit(limit)
    dialect = session.get_bind().dialect
    if dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True)
    candidates = session.scalars(due).all()
    lease_values = dict(lease_owner=instance_id, lease_until=until, lease_token=token)
    if candidates and dialect.update_returning:
        # one statement for the whole batch; RETURNING says which rows we won
        won_ids = set(session.scalars(
            update(m.Feed)
            .where(m.Feed.id.in_([f.id for f in candidates]), *_due(now), _free(now))
            .values(**lease_values)
            .returning(m.Feed.id)
            .execution_options(synchronize_session=False)
        ))
    else:  # SQLite before 3.35: row by row
        won_ids = {
            f.id for f in candidates
            if rowcount(session.execute(
                update(m.Feed).where(m.Feed.id == f.id, *_due(now), _free(now)).values(**lease_values)
                .execution_options(synchronize_session=False)
            ))
        }
    return [
        FeedClaim(
            feed_id=feed.id, name=feed.name, kind=feed.kind, url=feed.url,
            etag=feed.etag, last_modified=feed.last_modified, body_hash=feed.body_hash,
            health=FeedHealth(
                last_status=feed.last_status, last_error=feed.last_error,
                error_count=feed.error_count, parked=feed.parked,
                disabled_reason=feed.disabled_reason, next_poll=feed.next_poll,
            ),
            interval=feed.interval_s,
            token=token,
        )
        for feed in candidates
        if feed.id in won_ids
    ]


def renew_leases(session: Session, tokens: Sequence[str], instance_id: str, until: datetime) -> int:
    """Extend to ``until`` the leases ``instance_id`` holds under ``tokens`` (feeds not stored yet)."""
    return rowcount(session.execute(
        update(m.Feed)
        .where(m.Feed.lease_token.in_(list(tokens)), m.Feed.lease_owner == instance_id)
        .values(lease_until=until)
        .execution_options(synchronize_session=False)
    )) or 0


def next_due_in(sessions: sessionmaker[Session], now: datetime) -> float | None:
    """Seconds until a feed may be claimed: the earliest next poll of a feed
    nobody holds, or the end of a lease held elsewhere (a take-over); 0 when
    one is due now, ``None`` when no feed is active."""
    with sessions() as session:
        if session.scalar(select(m.Feed.id).where(*_active(), _free(now), m.Feed.next_poll.is_(None)).limit(1)):
            return 0.0
        times = [
            session.scalar(select(func.min(m.Feed.next_poll)).where(*_active(), _free(now))),
            session.scalar(select(func.min(m.Feed.lease_until)).where(*_active(), m.Feed.lease_until >= now)),
        ]
    known = [t for t in times if t is not None]
    return max(0.0, (min(known) - now).total_seconds()) if known else None


def release(session: Session, claim: FeedClaim, error: str, retry: datetime) -> None:
    """Hand back a claimed feed (if the claim still holds it) with ``error``, due again at ``retry``."""
    session.execute(
        update(m.Feed)
        .where(m.Feed.id == claim.feed_id, m.Feed.lease_token == claim.token)
        .values(lease_owner=None, lease_until=None, lease_token=None, last_error=error[:2000], next_poll=retry)
        .execution_options(synchronize_session=False)
    )


@functools.cache
def _hold_stmt() -> Any:
    """A no-op ``UPDATE`` of the feed row, only while ``lease_token`` is still ours
    (parameters ``feed_id``, ``token``, ``new_token`` = ``token``), built once."""
    t = m.Feed.__table__
    return (
        update(t)
        .where(t.c.id == bindparam("feed_id"), t.c.lease_token == bindparam("token"))
        .values(lease_token=bindparam("new_token"))
    )


def hold(session: Session, claim: FeedClaim) -> bool:
    """Lock the feed row for this transaction; True while ``claim`` still holds it.

    A no-op ``UPDATE`` fenced by the claim's token: it takes the row lock
    (PostgreSQL) or the write lock (SQLite) first, so no claim can change the
    token until the transaction commits. Prepared once (building it per poll
    cost more than running it).
    """
    params = {"feed_id": claim.feed_id, "token": claim.token, "new_token": claim.token}
    return bool(session.connection().execute(_hold_stmt(), params).rowcount)


def feed_exists(session: Session, feed_id: int) -> bool:
    return session.scalar(select(m.Feed.id).where(m.Feed.id == feed_id)) is not None


@functools.cache
def _feed_polled_stmt(validators: bool, redirect: bool, parsed: bool = False) -> Any:
    """``UPDATE feeds`` recording a stored poll (health, schedule, lease released), built once.

    Parameters: ``feed_id``, ``last_poll``, ``last_status``, ``last_error``,
    ``error_count``, ``parked``, ``disabled_reason``, ``next_poll``; with
    ``validators`` also ``etag``, ``last_modified``, ``body_hash``; with
    ``redirect`` also ``url``; with ``parsed`` (a news body was parsed) also
    ``skipped_entries``. ``polls`` is incremented in SQL.
    """
    t = m.Feed.__table__
    names = ["last_poll", "last_status", "last_error", "error_count", "parked", "disabled_reason", "next_poll"]
    if validators:
        names += ["etag", "last_modified", "body_hash"]
    if redirect:
        names.append("url")
    if parsed:
        names.append("skipped_entries")
    values: dict[str, Any] = {n: bindparam(n, type_=t.c[n].type) for n in names}
    values.update(polls=func.coalesce(t.c.polls, 0) + 1, lease_owner=None, lease_until=None, lease_token=None)
    return update(t).where(t.c.id == bindparam("feed_id")).values(values)


def record_poll(session: Session, feed_id: int, polled: PolledFeed, now: datetime) -> None:
    """Record a stored poll on the feed row this transaction holds, and release its lease.

    One prepared Core ``UPDATE``: no ORM load and flush of the feed."""
    health = polled.health
    params: dict[str, Any] = dict(
        feed_id=feed_id, last_poll=now, last_status=health.last_status, last_error=health.last_error,
        error_count=health.error_count, parked=health.parked, disabled_reason=health.disabled_reason,
        next_poll=polled.next_poll,
    )
    if polled.validators is not None:
        params.update(zip(("etag", "last_modified", "body_hash"), polled.validators, strict=True))
    if polled.redirect:
        params["url"] = polled.redirect
    if polled.skipped is not None:
        params["skipped_entries"] = polled.skipped
    stmt = _feed_polled_stmt(polled.validators is not None, bool(polled.redirect), polled.skipped is not None)
    session.connection().execute(stmt, params)


def raise_notice(session: Session, key: str, message: str, now: datetime) -> bool:
    """Store a one-off operator notice under ``key``; False if it was raised before."""
    return bool(insert_ignore(session, m.Notice.__table__, [dict(key=key, message=message, created_at=now)], ["key"]))
