"""The ``instances`` table and the chores of the store: heartbeats, reaping
instances that died, retention. One process's view of the others lives here.
"""

from __future__ import annotations

import logging
import os
import socket
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from monitor.store import models as m
from monitor.store.db import rowcount, transaction

log = logging.getLogger("monitor.service")

#: Seconds between heartbeats; an instance is alive while its heartbeat is
#: younger than ``ALIVE_FACTOR`` of these.
HEARTBEAT_S = 10.0
ALIVE_FACTOR = 3
#: Finished cycles and stopped instances are kept this long.
CYCLE_RETENTION_S = 7 * 86400.0
INSTANCE_RETENTION_S = 86400.0
#: Rows deleted per statement by housekeeping (short write locks).
DELETE_BATCH = 5000


def register_instance(sessions: sessionmaker[Session], instance_id: str, now: datetime) -> None:
    """Insert (or revive) the ``instances`` row of ``host:pid:random``."""
    host, pid, _ = instance_id.rsplit(":", 2)
    with transaction(sessions) as s:
        s.merge(m.Instance(id=instance_id, host=host, pid=int(pid), started_at=now, heartbeat_at=now, stopped_at=None))


def heartbeat(sessions: sessionmaker[Session], instance_id: str, now: datetime) -> None:
    """Refresh this instance's heartbeat (re-register if the row went missing)."""
    with transaction(sessions) as s:
        done = rowcount(s.execute(
            update(m.Instance).where(m.Instance.id == instance_id).values(heartbeat_at=now, stopped_at=None)
        ))
    if not done:
        register_instance(sessions, instance_id, now)


def mark_stopped(sessions: sessionmaker[Session], instance_id: str, now: datetime) -> None:
    """Record a clean exit and hand back the feed leases this instance holds."""
    with transaction(sessions) as s:
        s.execute(update(m.Instance).where(m.Instance.id == instance_id).values(stopped_at=now, heartbeat_at=now))
        s.execute(
            update(m.Feed)
            .where(m.Feed.lease_owner == instance_id)
            .values(lease_owner=None, lease_until=None, lease_token=None)
        )


def count_live_others(session: Session, now: datetime, *, me: str) -> int:
    """Instances other than ``me`` that have not stopped and whose heartbeat is recent."""
    alive_after = now - timedelta(seconds=ALIVE_FACTOR * HEARTBEAT_S)
    return int(
        session.scalar(
            select(func.count()).select_from(m.Instance).where(
                m.Instance.stopped_at.is_(None), m.Instance.heartbeat_at >= alive_after, m.Instance.id != me,
            )
        )
        or 0
    )


def _pid_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def reap_dead_instances(sessions: sessionmaker[Session], now: datetime, *, me: str, host: str | None = None) -> list[str]:
    """Mark instances that died without stopping, and release their feed leases.

    Dead means: no heartbeat for ``ALIVE_FACTOR x HEARTBEAT_S``, or on this
    host, a pid that no longer exists (a ``kill -9`` seen by the restart).
    Feed polls are idempotent, so their leases are released at once; delivery
    leases are left to expire (the outbox decides what an interrupted send
    means).
    """
    host = host or socket.gethostname()
    stale = now - timedelta(seconds=ALIVE_FACTOR * HEARTBEAT_S)
    dead: list[str] = []
    with transaction(sessions) as s:
        rows = s.execute(
            select(m.Instance.id, m.Instance.host, m.Instance.pid, m.Instance.heartbeat_at).where(
                m.Instance.stopped_at.is_(None), m.Instance.id != me
            )
        ).all()
        for iid, ihost, pid, beat in rows:
            if beat < stale or (ihost == host and _pid_gone(pid)):
                dead.append(iid)
        if dead:
            s.execute(update(m.Instance).where(m.Instance.id.in_(dead)).values(stopped_at=now))
            s.execute(
                update(m.Feed)
                .where(m.Feed.lease_owner.in_(dead))
                .values(lease_owner=None, lease_until=None, lease_token=None)
            )
    for iid in dead:
        log.warning("instance %s died without stopping; released its feed leases", iid, extra={"instance": iid})
    return dead


@dataclass
class HousekeepingStats:
    items: int = 0
    cycles: int = 0
    instances: int = 0
    leases: int = 0
    dead: list[str] = field(default_factory=list)


def housekeeping(
    sessions: sessionmaker[Session], now: datetime, *, retention_s: float, me: str
) -> HousekeepingStats:
    """Retention and clean-up; every statement is idempotent and short.

    - items fetched more than ``retention_s`` ago that are already tagged
      (untagged ones are kept: deleting them would lose work);
    - finished cycles older than :data:`CYCLE_RETENTION_S`, stopped instances
      older than :data:`INSTANCE_RETENTION_S`;
    - expired feed leases are cleared; dead instances are reaped.
    """
    stats = HousekeepingStats(dead=reap_dead_instances(sessions, now, me=me))
    cutoff = now - timedelta(seconds=retention_s)
    while True:
        with transaction(sessions) as s:
            ids = s.scalars(
                select(m.Item.id).where(m.Item.fetched_at < cutoff, m.Item.tagged.is_(True)).limit(DELETE_BATCH)
            ).all()
            if not ids:
                break
            s.execute(delete(m.Item).where(m.Item.id.in_(ids)))
            stats.items += len(ids)
    with transaction(sessions) as s:
        stats.cycles = rowcount(s.execute(
            delete(m.Cycle).where(
                m.Cycle.finished_at.is_not(None), m.Cycle.finished_at < now - timedelta(seconds=CYCLE_RETENTION_S)
            )
        )) or 0
        stats.instances = rowcount(s.execute(
            delete(m.Instance).where(
                m.Instance.stopped_at.is_not(None),
                m.Instance.stopped_at < now - timedelta(seconds=INSTANCE_RETENTION_S),
            )
        )) or 0
        stats.leases = rowcount(s.execute(
            update(m.Feed)
            .where(m.Feed.lease_until.is_not(None), m.Feed.lease_until < now)
            .values(lease_owner=None, lease_until=None, lease_token=None)
        )) or 0
    return stats
