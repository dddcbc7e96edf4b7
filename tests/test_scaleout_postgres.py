"""Scale-out on PostgreSQL: several monitor instances share one database and split the work.

The main test runs three real ``monitor run`` processes against one fresh
PostgreSQL database (a plain ``postgresql://`` URL) with thirty feeds on
loopback HTTP servers and a real SMTP server, kills one with SIGKILL while it
holds leases on slow feeds, and checks that every feed was polled once for its
due time, the dead instance's feeds were taken over after their lease expired,
no item was lost and every alert e-mail went out exactly once.

The smaller tests drive :class:`monitor.pipeline.Pipeline` in-process against
PostgreSQL to pin down the claim rules: concurrent claims are disjoint, each
instance takes a fair share, a slow poll keeps its lease by renewing it, and a
poll whose lease was taken over cannot overwrite the new holder's schedule.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from helpers_scaleout import (
    FeedFarm,
    assert_claims_split,
    fresh_postgres,
    quiet_items,
    race_claims,
    rss,
    run_kill_scenario,
    wait_for,
    write_config,
)
from sqlalchemy import select

from feeds.http import FetchResult
from monitor.config import load_runtime
from monitor.pipeline import Pipeline, PollStats
from monitor.store import models as m
from monitor.store.db import make_engine, make_sessionmaker, resolve_url, transaction
from monitor.store.models import Base
from monitor.store.schema import current_revision, ensure_schema, head_revision

pytestmark = [pytest.mark.postgres]


@pytest.fixture()
def pg(postgres_url: str):
    """A fresh, empty database (plain ``postgresql://`` URL), dropped afterwards."""
    with fresh_postgres(postgres_url, "monitor_so") as url:
        yield url


@pytest.mark.timeout(90)
def test_three_instances_split_the_work_and_survive_a_kill(tmp_path: Path, pg: str) -> None:
    figures = run_kill_scenario(pg, tmp_path)
    print("scale-out figures:", figures)


# --------------------------------------------------------------------------- store and claims


def test_plain_postgresql_url_migrates_from_empty_to_the_models(pg: str) -> None:
    assert pg.startswith("postgresql://")
    url = resolve_url(pg)
    assert url.startswith("postgresql+psycopg://")
    engine = make_engine(url)
    try:
        assert current_revision(engine) is None
        assert ensure_schema(engine) == head_revision()
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
        assert diff == []
    finally:
        engine.dispose()


NOW = datetime(2030, 1, 7, 9, 0, tzinfo=UTC)


def _runtime(tmp_path: Path, farm: FeedFarm, n: int, lease: str = "3s", delay: float = 0.0):
    for i in range(n):
        farm.bodies[f"/c{i}"] = rss(quiet_items(f"c{i}", 2))
        if delay:
            farm.delays[f"/c{i}"] = delay
    feeds = [{"name": f"Feed {i}", "url": farm.url(f"/c{i}"), "interval": "1h"} for i in range(n)]
    cfg = write_config(tmp_path, feeds, smtp_port=2525, schedule={"lease": lease})
    return load_runtime(cfg)


def _store(url: str):
    engine = make_engine(resolve_url(url))
    ensure_schema(engine)
    return engine, make_sessionmaker(engine)


def _register(sessions, *ids: str, now: datetime = NOW) -> None:
    with transaction(sessions) as s:
        for iid in ids:
            s.add(m.Instance(id=iid, host="test", pid=1, started_at=now, heartbeat_at=now))


def test_concurrent_claims_are_disjoint_and_cover_every_due_feed(tmp_path: Path, pg: str) -> None:
    with FeedFarm() as farm:
        runtime = _runtime(tmp_path, farm, 60)
        engine, sessions = _store(pg)
        try:
            Pipeline(lambda: runtime, sessions, clock=lambda: NOW, instance_id="seed").sync_feeds()
            assert_claims_split(race_claims(runtime, pg, NOW), sessions, 60)
        finally:
            engine.dispose()


def test_each_live_instance_claims_a_fair_share(tmp_path: Path, pg: str) -> None:
    with FeedFarm() as farm:
        runtime = _runtime(tmp_path, farm, 10)
        engine, sessions = _store(pg)
        try:
            a = Pipeline(lambda: runtime, sessions, clock=lambda: NOW, instance_id="a")
            b = Pipeline(lambda: runtime, sessions, clock=lambda: NOW, instance_id="b")
            a.sync_feeds()
            assert a.fair_share(NOW) == 10  # alone: everything
            _register(sessions, "a", "b")
            _register(sessions, "dead", now=NOW - timedelta(minutes=5))  # no heartbeat: not counted
            assert a.fair_share(NOW) == 5
            first = a.claim_due(NOW, limit=a.fair_share(NOW))
            assert len(first) == 5
            # ten due this round (five in flight at a), two live instances: b takes the other five
            assert b.fair_share(NOW) == 5
            assert len(b.claim_due(NOW, limit=b.fair_share(NOW))) == 5
            assert a.fair_share(NOW) == 0 and b.fair_share(NOW) == 0  # nothing left to claim
        finally:
            engine.dispose()


def _ok(url: str, body: bytes) -> FetchResult:
    return FetchResult(url=url, final_url=url, status=200, body=body)


def test_a_poll_that_lost_its_lease_cannot_overwrite_the_new_holder(tmp_path: Path, pg: str) -> None:
    with FeedFarm() as farm:
        runtime = _runtime(tmp_path, farm, 1)
        engine, sessions = _store(pg)
        try:
            clock = {"a": NOW, "b": NOW}
            a = Pipeline(lambda: runtime, sessions, clock=lambda: clock["a"], instance_id="slow-a")
            b = Pipeline(lambda: runtime, sessions, clock=lambda: clock["b"], instance_id="fast-b")
            a.sync_feeds()
            (claim_a,) = a.claim_due(NOW)
            assert b.claim_due(NOW + timedelta(seconds=2)) == []  # leased
            # a's lease (3 s) runs out without renewal; b claims the feed and stores its poll
            later = NOW + timedelta(seconds=10)
            clock["b"] = later
            (claim_b,) = b.claim_due(later)
            assert claim_b.token != claim_a.token
            url = farm.url("/c0")
            stats_b = PollStats()
            b._store_poll(claim_b, _ok(url, rss(quiet_items("c0", 2))), later, stats_b)
            with sessions() as s:
                feed = s.scalars(select(m.Feed)).one()
                next_poll_b, polls_b = feed.next_poll, feed.polls
            assert polls_b == 1
            assert abs(next_poll_b - (later + timedelta(hours=1))) <= timedelta(minutes=6)  # 1 h +- 10 % jitter
            # the slow instance finally comes back with a body that has one more item
            stats_a = PollStats()
            a._store_poll(claim_a, _ok(url, rss(quiet_items("c0", 3))), later + timedelta(seconds=5), stats_a)
            assert stats_a.lost_lease == 1
            with sessions() as s:
                feed = s.scalars(select(m.Feed)).one()
                titles = set(s.scalars(select(m.Item.title)))
            assert (feed.polls, feed.next_poll, feed.lease_owner) == (1, next_poll_b, None)
            assert titles == {f"Weather report c0 {i}" for i in range(3)}  # what it fetched is kept
            # and its release after an error cannot free the feed of a newer claim either
            clock["b"] = later + timedelta(hours=2)
            (claim_c,) = b.claim_due(later + timedelta(hours=2))
            a._release(claim_a, "boom")
            with sessions() as s:
                assert s.scalars(select(m.Feed.lease_token)).one() == claim_c.token
        finally:
            engine.dispose()


@pytest.mark.timeout(60)
def test_a_slow_poll_keeps_its_lease_by_renewing_it(tmp_path: Path, pg: str) -> None:
    with FeedFarm() as farm:
        runtime = _runtime(tmp_path, farm, 1, lease="1s", delay=3.5)
        engine, sessions = _store(pg)
        try:
            a = Pipeline(lambda: runtime, sessions, instance_id="a")
            b = Pipeline(lambda: runtime, sessions, instance_id="b")
            a.sync_feeds()
            result = {}
            t = threading.Thread(target=lambda: result.setdefault("a", a.poll_due()))
            t.start()
            wait_for(lambda: farm.hits_of("/c0"), timeout=10, what="a's request")  # a holds the feed now
            polled_by_b = 0
            while t.is_alive():  # b keeps trying for the whole slow poll (3.5 s, lease 1 s)
                polled_by_b += b.poll_due().polled
                time.sleep(0.2)
            t.join()
            assert result["a"].polled == 1 and result["a"].lost_lease == 0
            assert polled_by_b == 0
            assert len(farm.hits_of("/c0")) == 1
        finally:
            engine.dispose()
