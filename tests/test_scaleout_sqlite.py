"""Scale-out on the embedded SQLite store: three ``monitor run`` processes on
one database file split the feeds, and a ``kill -9`` of one that holds leases
loses nothing and doubles nothing (the same scenario as on PostgreSQL).

SQLite has no ``SKIP LOCKED``: claims rely on the conditional ``UPDATE`` that
re-checks the feed is still due and unleased, and on WAL + busy timeout.
"""

from __future__ import annotations

import threading
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


def test_a_slow_feed_does_not_hold_up_the_feeds_nobody_has_claimed(tmp_path: Path) -> None:
    """Another live instance halves this one's share, and that share holds a
    feed that does not answer. The due feeds outside the share must still be
    polled now -- claimed once this instance's other fetches are done -- not
    after the slow feed answers (the other instance may be stuck the same way)."""
    from helpers_service import wait_for

    from feeds.http import Fetcher
    from monitor.service import register_instance, utcnow

    url = f"sqlite:///{tmp_path / 'monitor.db'}"
    with FeedFarm() as farm:
        for i in range(10):
            farm.bodies[f"/f{i}"] = rss(quiet_items(f"f{i}", 1))
        gate = farm.hold("/f0")  # the first in claim order
        feeds = [{"name": f"Feed {i}", "url": farm.url(f"/f{i}"), "interval": "1h"} for i in range(10)]
        runtime = load_runtime(write_config(tmp_path, feeds, smtp_port=2525, schedule={"lease": "3s"}))
        engine = make_engine(url)
        ensure_schema(engine)
        sessions = make_sessionmaker(engine)
        try:
            register_instance(sessions, "elsewhere:1:other", utcnow())  # alive, but it never polls
            with Fetcher(per_host=4, trust_env=False) as fetcher:
                pipeline = Pipeline(lambda: runtime, sessions, fetcher=fetcher, instance_id="me")
                pipeline.sync_feeds()
                assert pipeline.fair_share(utcnow()) == 5
                result: list[Any] = []
                poller = threading.Thread(target=lambda: result.append(pipeline.poll_due()))
                poller.start()
                try:
                    def polls() -> dict[str, int]:
                        with engine.connect() as conn:
                            return dict(conn.execute(text("SELECT name, polls FROM feeds")).all())

                    wait_for(lambda: all(polls()[f"Feed {i}"] == 1 for i in range(1, 10)), timeout=20,
                             what="every fast feed polled while Feed 0 is in flight", state=polls)
                    assert polls()["Feed 0"] == 0 and len(farm.hits_of("/f0")) == 1
                finally:
                    gate.set()
                    poller.join(30)
            assert result and result[0].polled == 10 and result[0].errors == 0
            assert all(n == 1 for n in polls().values())
            with engine.connect() as conn:
                assert conn.execute(text("SELECT count(*) FROM feeds WHERE lease_owner IS NOT NULL")).scalar() == 0
        finally:
            engine.dispose()
