"""Scale-out on the embedded SQLite store: three ``monitor run`` processes on
one database file split the feeds, and a ``kill -9`` of one that holds leases
loses nothing and doubles nothing (the same scenario as on PostgreSQL).

SQLite has no ``SKIP LOCKED``: claims rely on the conditional ``UPDATE`` that
re-checks the feed is still due and unleased, and on WAL + busy timeout.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers_scaleout import run_kill_scenario


@pytest.mark.slow
@pytest.mark.timeout(90)
def test_three_instances_on_one_sqlite_file_survive_a_kill(tmp_path: Path) -> None:
    figures = run_kill_scenario(f"sqlite:///{tmp_path / 'monitor.db'}", tmp_path)
    print("scale-out figures (SQLite):", figures)
