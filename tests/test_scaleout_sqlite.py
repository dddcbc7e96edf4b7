"""Scale-out on the embedded SQLite store: three ``monitor run`` processes on
one database file split the feeds, and a ``kill -9`` of one that holds leases
loses nothing and doubles nothing (the same scenario as on PostgreSQL).

SQLite has no ``SKIP LOCKED``: claims rely on the conditional ``UPDATE`` that
re-checks the feed is still due and unleased, and on WAL + busy timeout.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

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
