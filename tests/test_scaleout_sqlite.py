"""Scale-out on the embedded SQLite store: three ``monitor run`` processes on
one database file split the feeds, and a ``kill -9`` of one that holds leases
loses nothing and doubles nothing (the same scenario as on PostgreSQL).

SQLite has no ``SKIP LOCKED``: claims rely on the conditional ``UPDATE`` that
re-checks the feed is still due and unleased, and on WAL + busy timeout.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from helpers_scaleout import (
    FeedFarm,
    assert_claims_split,
    polls_by_name,
    quiet_items,
    race_claims,
    rows,
    rss,
    run_kill_scenario,
    write_config,
)
from helpers_service import wait_for

from feeds.http import Fetcher
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


#: refill period of the polls here: short, since the tests wait for refills, not for time
REFILL_S = 0.05


class _Feeds:
    """``n`` one-item feeds ("Feed 0".."Feed n-1" at ``/f0``..) on a loopback farm, synced
    into one SQLite file; ``gates[i]`` answers a held feed. Polls run in threads."""

    def __init__(self, tmp_path: Path, farm: FeedFarm, fetcher: Fetcher, n: int, held: Sequence[int]) -> None:
        self.farm = farm
        self.fetcher = fetcher
        for i in range(n):
            farm.bodies[f"/f{i}"] = rss(quiet_items(f"f{i}", 1))
        self.gates = {i: farm.hold(f"/f{i}") for i in held}
        feeds = [{"name": f"Feed {i}", "url": farm.url(f"/f{i}"), "interval": "1h"} for i in range(n)]
        self.runtime = load_runtime(write_config(tmp_path, feeds, smtp_port=2525, schedule={"lease": "3s"}))
        self.engine = make_engine(f"sqlite:///{tmp_path / 'monitor.db'}")
        ensure_schema(self.engine)
        self.sessions = make_sessionmaker(self.engine)
        self.threads: list[threading.Thread] = []
        self.results: dict[str, Any] = {}
        #: how often the fetcher asked the polls for more work (each ask is one refill)
        self.refills = 0
        fetch_iter = fetcher.fetch_iter

        def counting_fetch_iter(requests: Any, *, refill: Any = None, refill_every: float = 1.0) -> Any:
            def counted() -> Any:
                self.refills += 1
                return refill()

            return fetch_iter(requests, refill=counted if refill else None, refill_every=refill_every)

        fetcher.fetch_iter = counting_fetch_iter  # type: ignore[method-assign]

    def more_refills(self, n: int = 2) -> None:
        """Wait until the polls asked for more work ``n`` more times (instead of sleeping)."""
        seen = self.refills
        wait_for(lambda: self.refills >= seen + n, timeout=10, what=f"{n} more refills")

    def polls(self) -> dict[str, int]:
        return polls_by_name(self.engine)

    def owners(self) -> dict[str, str | None]:
        return dict(rows(self.engine, "SELECT name, lease_owner FROM feeds"))

    def polled(self, *numbers: int) -> bool:
        seen = self.polls()
        return all(seen[f"Feed {i}"] == 1 for i in numbers)

    def live_instance(self, instance_id: str) -> None:
        from monitor.service import register_instance, utcnow

        register_instance(self.sessions, instance_id, utcnow())

    def pipeline(self, instance_id: str) -> Pipeline:
        """A live instance's pipeline (registered, feeds synced)."""
        self.live_instance(instance_id)
        pipe = Pipeline(lambda: self.runtime, self.sessions, fetcher=self.fetcher, instance_id=instance_id,
                        refill_every=REFILL_S)
        pipe.sync_feeds()
        return pipe

    def poll_in_thread(self, name: str, pipe: Pipeline) -> None:
        """``pipe.poll_due()`` in a thread; its stats land in ``results[name]``."""
        t = threading.Thread(target=lambda: self.results.setdefault(name, pipe.poll_due()))
        t.start()
        self.threads.append(t)

    def finish(self) -> None:
        """Answer every held feed and wait for the polls."""
        for gate in self.gates.values():
            gate.set()
        for t in self.threads:
            t.join(30)


@contextmanager
def _feeds(tmp_path: Path, n: int, held: Sequence[int] = ()) -> Iterator[_Feeds]:
    with FeedFarm() as farm, Fetcher(per_host=4, trust_env=False) as fetcher:
        feeds = _Feeds(tmp_path, farm, fetcher, n, held)
        try:
            yield feeds
        finally:
            feeds.finish()
            feeds.engine.dispose()


def test_slow_feeds_do_not_hold_up_the_feeds_nobody_has_claimed(tmp_path: Path) -> None:
    """An instance waiting on feeds that do not answer goes on claiming due
    feeds -- once its other fetches are done, not after the slow ones answer
    -- but only up to its fair share, counting what it holds: the rest is
    left to the other live instance."""
    with _feeds(tmp_path, 10, held=(0, 5)) as f:  # never answered while the test looks
        a = f.pipeline("host:0:a")
        b = f.pipeline("host:1:b")
        # a: share 5 of 10 (Feeds 0-4); with Feed 0 in flight, 3 of the 6 still due, less the
        # one it holds (5, 6); holding two, 3 of 5 less two (7); then 2 of 4 less two: none
        f.poll_in_thread("a", a)
        wait_for(lambda: f.polled(1, 2, 3, 4, 6, 7), timeout=20,
                 what="a's other feeds polled while Feeds 0 and 5 are in flight", state=f.polls)
        f.more_refills(2)  # two more refills: a must leave Feeds 8 and 9 to b
        assert not f.polled(8) and not f.polled(9), f.polls()
        assert f.owners()["Feed 8"] is None and f.owners()["Feed 9"] is None, f.owners()
        f.poll_in_thread("b", b)
        wait_for(lambda: f.polled(8, 9), timeout=20, what="b polled what a left", state=f.polls)
        assert f.polls()["Feed 0"] == f.polls()["Feed 5"] == 0  # still in flight
        assert [len(f.farm.hits_of(f"/f{i}")) for i in range(10)] == [1] * 10
        f.finish()
        assert (f.results["a"].polled, f.results["b"].polled) == (8, 2)
        assert f.results["a"].errors == f.results["b"].errors == 0
        assert all(n == 1 for n in f.polls().values())
        assert all(owner is None for owner in f.owners().values())


def test_a_failed_refill_keeps_the_fetches_in_flight_and_is_tried_again(tmp_path: Path, caplog) -> None:
    """Claiming more feeds while one is in flight fails once (a locked database,
    say): the poll goes on, stores what is in flight, and the next refill claims."""
    from sqlalchemy.exc import OperationalError

    with _feeds(tmp_path, 4, held=(0,)) as f:
        f.live_instance("elsewhere:1:other")  # halves the share
        pipe = f.pipeline("here:1:me")
        claim_due = pipe.claim_due
        calls: list[int] = []

        def flaky_claim_due(*args: Any, **kwargs: Any) -> Any:
            calls.append(1)
            if len(calls) == 2:  # the first refill
                raise OperationalError("UPDATE feeds ...", {}, Exception("database is locked"))
            return claim_due(*args, **kwargs)

        pipe.claim_due = flaky_claim_due  # type: ignore[method-assign]
        f.poll_in_thread("me", pipe)
        # share 2 of 4 (Feeds 0, 1); the refill fails; the next one takes Feed 2
        # (2 of the 3 still due, less Feed 0 in flight) and leaves Feed 3 to the other
        wait_for(lambda: f.polled(1, 2), timeout=20,
                 what="Feed 2 claimed by a later refill while Feed 0 is in flight", state=f.polls)
        assert f.polls()["Feed 0"] == 0 and len(calls) >= 3
        f.more_refills(2)
        assert f.owners()["Feed 3"] is None, f.owners()  # left to the other instance
        # Once Feed 0 is stored, Feed 3 is this instance's fair share (1 due / 2 instances,
        # rounded up): whether a last refill claims it before the pass ends is a race, so the
        # pass is told to stop claiming (as SIGTERM would) to end it where this test looks.
        pipe.stopping.set()
        f.finish()
        assert f.results["me"].polled == 3 and f.results["me"].errors == 0
        assert f.polls() == {"Feed 0": 1, "Feed 1": 1, "Feed 2": 1, "Feed 3": 0}
        assert any("claiming more due feeds failed" in r.getMessage() and "database is locked" in r.getMessage()
                   for r in caplog.records)


def test_a_stopping_pipeline_claims_nothing_more_while_a_feed_is_in_flight(tmp_path: Path) -> None:
    """On SIGTERM the daemon waits for work in flight; a poll pass must not
    stretch that by claiming newly due feeds while it waits on a slow one."""
    with _feeds(tmp_path, 4, held=(0, 1)) as f:
        f.live_instance("elsewhere:1:other")  # halves the share: Feeds 0, 1
        pipe = f.pipeline("here:1:me")
        f.poll_in_thread("me", pipe)
        # both in flight (nothing more claimed while it holds its whole share), then the stop
        wait_for(lambda: f.farm.hits_of("/f0") and f.farm.hits_of("/f1"), timeout=20,
                 what="Feeds 0 and 1 requested")
        pipe.stopping.set()
        f.gates[1].set()
        wait_for(lambda: f.polled(1), timeout=20, what="Feed 1 polled", state=f.polls)
        f.more_refills(2)  # two refills: without the flag, Feed 2 is claimed within one
        assert f.polls() == {"Feed 0": 0, "Feed 1": 1, "Feed 2": 0, "Feed 3": 0}
        assert [len(f.farm.hits_of(f"/f{i}")) for i in range(4)] == [1, 1, 0, 0]
        f.finish()
        assert f.results["me"].polled == 2  # the feed in flight was still stored
        assert f.polls()["Feed 0"] == 1
        assert pipe.poll_due().polled == 0  # and a new pass does not start
