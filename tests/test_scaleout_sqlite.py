"""Scale-out on the embedded SQLite store: three ``monitor run`` processes on
one database file split the feeds, and a ``kill -9`` of one that holds leases
loses nothing and doubles nothing (the same scenario as on PostgreSQL).

SQLite has no ``SKIP LOCKED``: claims rely on the conditional ``UPDATE`` that
re-checks the feed is still due and unleased, and on WAL + busy timeout.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from helpers_scaleout import (
    FeedFarm,
    assert_claims_split,
    quiet_items,
    race_claims,
    rss,
    run_kill_scenario,
    write_config,
)
from sqlalchemy import text

from monitor.config import load_runtime
from monitor.pipeline import Pipeline
from monitor.store.db import make_engine, make_sessionmaker
from monitor.store.schema import ensure_schema


@pytest.mark.slow
@pytest.mark.timeout(90)
def test_three_instances_on_one_sqlite_file_survive_a_kill(tmp_path: Path) -> None:
    figures = run_kill_scenario(f"sqlite:///{tmp_path / 'monitor.db'}", tmp_path)
    print("scale-out figures (SQLite):", figures)


@pytest.mark.parametrize("update_returning", [True, False], ids=["one-statement", "row-by-row"])
def test_concurrent_claims_on_one_file_are_disjoint_and_cover_every_due_feed(tmp_path: Path,
                                                                            update_returning: bool) -> None:
    now = datetime(2030, 1, 7, 9, 0, tzinfo=UTC)
    url = f"sqlite:///{tmp_path / 'monitor.db'}"
    with FeedFarm() as farm:
        for i in range(60):
            farm.bodies[f"/c{i}"] = rss(quiet_items(f"c{i}", 1))
        feeds = [{"name": f"Feed {i}", "url": farm.url(f"/c{i}"), "interval": "1h"} for i in range(60)]
        runtime = load_runtime(write_config(tmp_path, feeds, smtp_port=2525, schedule={"lease": "3s"}))
        engine = make_engine(url)
        ensure_schema(engine)
        sessions = make_sessionmaker(engine)
        try:
            Pipeline(lambda: runtime, sessions, clock=lambda: now, instance_id="seed").sync_feeds()
            # no SKIP LOCKED here: racers read the same due rows and the conditional
            # UPDATE gives each row to one of them; claiming again picks up the rest
            got = race_claims(runtime, url, now, update_returning=update_returning, until_empty=True)
            assert len(got) == 4
            assert_claims_split(got, sessions, 60)
        finally:
            engine.dispose()


def test_slow_feeds_do_not_hold_up_the_feeds_nobody_has_claimed(tmp_path: Path) -> None:
    """An instance waiting on feeds that do not answer goes on claiming due
    feeds -- once its other fetches are done, not after the slow ones answer
    -- but only up to its fair share, counting what it holds: the rest is
    left to the other live instance."""
    from helpers_service import wait_for

    from feeds.http import Fetcher
    from monitor.service import register_instance, utcnow

    url = f"sqlite:///{tmp_path / 'monitor.db'}"
    with FeedFarm() as farm:
        for i in range(10):
            farm.bodies[f"/f{i}"] = rss(quiet_items(f"f{i}", 1))
        gates = [farm.hold("/f0"), farm.hold("/f5")]  # never answered while the test looks
        feeds = [{"name": f"Feed {i}", "url": farm.url(f"/f{i}"), "interval": "1h"} for i in range(10)]
        runtime = load_runtime(write_config(tmp_path, feeds, smtp_port=2525, schedule={"lease": "3s"}))
        engine = make_engine(url)
        ensure_schema(engine)
        sessions = make_sessionmaker(engine)

        def polls() -> dict[str, int]:
            with engine.connect() as conn:
                return dict(conn.execute(text("SELECT name, polls FROM feeds")).all())

        def owners() -> dict[str, str]:
            with engine.connect() as conn:
                return dict(conn.execute(text("SELECT name, lease_owner FROM feeds")).all())

        def polled(*numbers: int) -> bool:
            seen = polls()
            return all(seen[f"Feed {i}"] == 1 for i in numbers)

        ids = {who: f"host:{n}:{who}" for n, who in enumerate(("a", "b"))}
        try:
            for instance in ids.values():
                register_instance(sessions, instance, utcnow())
            results: dict[str, Any] = {}
            threads: list[threading.Thread] = []
            with Fetcher(per_host=4, trust_env=False) as fetcher:
                pipes = {who: Pipeline(lambda: runtime, sessions, fetcher=fetcher, instance_id=ids[who])
                         for who in ids}
                pipes["a"].sync_feeds()

                def start(who: str) -> None:
                    t = threading.Thread(target=lambda: results.setdefault(who, pipes[who].poll_due()))
                    t.start()
                    threads.append(t)

                try:
                    # a: share 5 of 10 (Feeds 0-4); with Feed 0 in flight, 3 of the 6 still due, less the
                    # one it holds (5, 6); holding two, 3 of 5 less two (7); then 2 of 4 less two: none
                    start("a")
                    wait_for(lambda: polled(1, 2, 3, 4, 6, 7), timeout=20,
                             what="a's other feeds polled while Feeds 0 and 5 are in flight", state=polls)
                    time.sleep(2.5)  # two more refills: a must leave Feeds 8 and 9 to b
                    assert not polled(8) and not polled(9), polls()
                    assert owners()["Feed 8"] is None and owners()["Feed 9"] is None, owners()
                    start("b")
                    wait_for(lambda: polled(8, 9), timeout=20, what="b polled what a left", state=polls)
                    assert polls()["Feed 0"] == polls()["Feed 5"] == 0  # still in flight
                    assert [len(farm.hits_of(f"/f{i}")) for i in range(10)] == [1] * 10
                finally:
                    for gate in gates:
                        gate.set()
                    for t in threads:
                        t.join(30)
            assert (results["a"].polled, results["b"].polled) == (8, 2)
            assert results["a"].errors == results["b"].errors == 0
            assert all(n == 1 for n in polls().values())
            assert all(owner is None for owner in owners().values())
        finally:
            engine.dispose()


def test_a_failed_refill_keeps_the_fetches_in_flight_and_is_tried_again(tmp_path: Path, caplog) -> None:
    """Claiming more feeds while one is in flight fails once (a locked database,
    say): the poll goes on, stores what is in flight, and the next refill claims."""
    from helpers_service import wait_for
    from sqlalchemy.exc import OperationalError

    from feeds.http import Fetcher
    from monitor.service import register_instance, utcnow

    url = f"sqlite:///{tmp_path / 'monitor.db'}"
    with FeedFarm() as farm:
        for i in range(4):
            farm.bodies[f"/f{i}"] = rss(quiet_items(f"f{i}", 1))
        gate = farm.hold("/f0")
        feeds = [{"name": f"Feed {i}", "url": farm.url(f"/f{i}"), "interval": "1h"} for i in range(4)]
        runtime = load_runtime(write_config(tmp_path, feeds, smtp_port=2525, schedule={"lease": "3s"}))
        engine = make_engine(url)
        ensure_schema(engine)
        sessions = make_sessionmaker(engine)

        def polls() -> dict[str, int]:
            with engine.connect() as conn:
                return dict(conn.execute(text("SELECT name, polls FROM feeds")).all())

        try:
            register_instance(sessions, "elsewhere:1:other", utcnow())  # halves the share
            with Fetcher(per_host=4, trust_env=False) as fetcher:
                pipe = Pipeline(lambda: runtime, sessions, fetcher=fetcher, instance_id="here:1:me")
                pipe.sync_feeds()
                claim_due = pipe.claim_due
                calls: list[int] = []

                def flaky_claim_due(*args: Any, **kwargs: Any) -> Any:
                    calls.append(1)
                    if len(calls) == 2:  # the first refill
                        raise OperationalError("UPDATE feeds ...", {}, Exception("database is locked"))
                    return claim_due(*args, **kwargs)

                pipe.claim_due = flaky_claim_due  # type: ignore[method-assign]
                result: list[Any] = []
                poller = threading.Thread(target=lambda: result.append(pipe.poll_due()))
                poller.start()
                try:
                    # share 2 of 4 (Feeds 0, 1); the refill fails; the next one takes Feed 2
                    # (2 of the 3 still due, less Feed 0 in flight) and leaves Feed 3 to the other
                    wait_for(lambda: polls()["Feed 1"] == 1 and polls()["Feed 2"] == 1, timeout=20,
                             what="Feed 2 claimed by a later refill while Feed 0 is in flight", state=polls)
                    assert polls()["Feed 0"] == 0 and len(calls) >= 3
                finally:
                    gate.set()
                    poller.join(30)
            assert result and result[0].polled == 3 and result[0].errors == 0
            assert polls() == {"Feed 0": 1, "Feed 1": 1, "Feed 2": 1, "Feed 3": 0}
            assert any("claiming more due feeds failed" in r.getMessage() and "database is locked" in r.getMessage()
                       for r in caplog.records)
        finally:
            engine.dispose()


def test_a_stopping_pipeline_claims_nothing_more_while_a_feed_is_in_flight(tmp_path: Path) -> None:
    """On SIGTERM the daemon waits for work in flight; a poll pass must not
    stretch that by claiming newly due feeds while it waits on a slow one."""
    from helpers_service import wait_for

    from feeds.http import Fetcher
    from monitor.service import register_instance, utcnow

    url = f"sqlite:///{tmp_path / 'monitor.db'}"
    with FeedFarm() as farm:
        for i in range(4):
            farm.bodies[f"/f{i}"] = rss(quiet_items(f"f{i}", 1))
        gate, gate1 = farm.hold("/f0"), farm.hold("/f1")
        feeds = [{"name": f"Feed {i}", "url": farm.url(f"/f{i}"), "interval": "1h"} for i in range(4)]
        runtime = load_runtime(write_config(tmp_path, feeds, smtp_port=2525, schedule={"lease": "3s"}))
        engine = make_engine(url)
        ensure_schema(engine)
        sessions = make_sessionmaker(engine)

        def polls() -> dict[str, int]:
            with engine.connect() as conn:
                return dict(conn.execute(text("SELECT name, polls FROM feeds")).all())

        try:
            register_instance(sessions, "elsewhere:1:other", utcnow())  # halves the share: Feeds 0, 1
            with Fetcher(per_host=4, trust_env=False) as fetcher:
                pipe = Pipeline(lambda: runtime, sessions, fetcher=fetcher, instance_id="here:1:me")
                pipe.sync_feeds()
                result: list[Any] = []
                poller = threading.Thread(target=lambda: result.append(pipe.poll_due()))
                poller.start()
                try:
                    # both in flight (a's share: 2 of 4, nothing more while it holds both), then the stop
                    wait_for(lambda: farm.hits_of("/f0") and farm.hits_of("/f1"), timeout=20,
                             what="Feeds 0 and 1 requested")
                    pipe.stopping.set()
                    gate1.set()
                    wait_for(lambda: polls()["Feed 1"] == 1, timeout=20, what="Feed 1 polled", state=polls)
                    time.sleep(2.5)  # two refill periods: without the flag, Feed 2 is claimed within one
                    assert polls() == {"Feed 0": 0, "Feed 1": 1, "Feed 2": 0, "Feed 3": 0}
                    assert [len(farm.hits_of(f"/f{i}")) for i in range(4)] == [1, 1, 0, 0]
                finally:
                    gate.set()
                    gate1.set()
                    poller.join(30)
            assert result and result[0].polled == 2  # the feed in flight was still stored
            assert polls()["Feed 0"] == 1
            assert pipe.poll_due().polled == 0  # and a new pass does not start
        finally:
            engine.dispose()
