"""Alembic migrations: empty -> head, idempotent, concurrent, and equal to models.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from monitor.store.db import make_engine
from monitor.store.models import Base
from monitor.store.schema import current_revision, ensure_schema, head_revision

MONITOR = str(Path(sys.executable).with_name("monitor"))


def _diff(engine) -> list:
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(ctx, Base.metadata)


def test_upgrade_from_empty_creates_every_table_and_matches_models(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    assert current_revision(engine) is None
    assert ensure_schema(engine) == head_revision()
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert "alembic_version" in tables
    # models.py and the migrations cannot drift apart: autogenerate finds nothing to do.
    assert _diff(engine) == []


def test_upgrade_twice_is_a_no_op_and_keeps_data(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    ensure_schema(engine)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO notices (key, message, created_at) VALUES ('k', 'kept', '2024-01-01')"))
    assert ensure_schema(engine) == head_revision()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT message FROM notices")).scalar_one() == "kept"
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1


def _cli(args: list[str], url: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MONITOR_DATABASE_URL": url}
    return subprocess.run([MONITOR, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60)


def test_cli_current_then_upgrade_then_current(tmp_path: Path, sqlite_url: str) -> None:
    before = _cli(["db", "current", "--json", "--config", str(tmp_path)], sqlite_url, tmp_path)
    assert before.returncode == 0, before.stderr
    assert json.loads(before.stdout)["current"] is None
    up = _cli(["db", "upgrade", "--config", str(tmp_path)], sqlite_url, tmp_path)
    assert up.returncode == 0, up.stderr
    assert f"to {head_revision()}" in up.stdout
    again = _cli(["db", "upgrade", "--config", str(tmp_path)], sqlite_url, tmp_path)
    assert "already at revision" in again.stdout
    after = json.loads(_cli(["db", "current", "--json", "--config", str(tmp_path)], sqlite_url, tmp_path).stdout)
    assert after["current"] == head_revision() and after["up_to_date"] is True


def test_cli_reports_an_unusable_database_in_one_line(tmp_path: Path) -> None:
    res = _cli(["db", "upgrade", "--config", str(tmp_path)], "nosuchdriver://x/y", tmp_path)
    assert res.returncode == 1
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("monitor: error:"), res.stderr


def _start_many(n: int, url: str, cwd: Path) -> list[subprocess.CompletedProcess[str]]:
    """``n`` real processes started at once, each running ``monitor db upgrade``."""
    env = {**os.environ, "MONITOR_DATABASE_URL": url}
    procs = [
        subprocess.Popen([MONITOR, "db", "upgrade", "--config", str(cwd)], cwd=cwd, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(n)
    ]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(p.args, p.returncode, out, err))
    return results


def test_several_processes_migrating_at_once_on_sqlite(tmp_path: Path, sqlite_url: str) -> None:
    results = _start_many(3, sqlite_url, tmp_path)
    assert all(r.returncode == 0 for r in results), [r.stderr for r in results]
    upgraded = [r for r in results if "upgraded from" in r.stdout]
    assert len(upgraded) == 1, [r.stdout for r in results]  # one migrates, the others find head
    engine = make_engine(sqlite_url)
    assert current_revision(engine) == head_revision()
    assert _diff(engine) == []


_RACER = """
import os, sys, time
from monitor.store.db import make_engine
from monitor.store.schema import upgrade_schema
engine = make_engine(sys.argv[1])
go = float(sys.argv[2])
while time.time() < go:  # every racer is imported and waiting: start together
    time.sleep(0.001)
before, after = upgrade_schema(engine)
print(before, after)
"""


def _race(n: int, url: str) -> list[str]:
    """``n`` processes calling ``upgrade_schema`` at the same instant."""
    go = time.time() + 3.0
    procs = [subprocess.Popen([sys.executable, "-c", _RACER, url, str(go)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(n)]
    outs = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        outs.append(out.strip())
    return outs


def test_processes_racing_to_migrate_the_same_instant_migrate_once(sqlite_url: str) -> None:
    outs = _race(4, sqlite_url)
    assert sorted(outs) == sorted(["None " + head_revision()] + [f"{head_revision()} {head_revision()}"] * 3), outs
    assert _diff(make_engine(sqlite_url)) == []


def test_several_processes_migrating_at_once_on_postgres(tmp_path: Path, fresh_postgres: str) -> None:
    results = _start_many(3, fresh_postgres, tmp_path)
    assert all(r.returncode == 0 for r in results), [r.stderr for r in results]
    assert len([r for r in results if "upgraded from" in r.stdout]) == 1
    engine = make_engine(fresh_postgres)
    try:
        assert current_revision(engine) == head_revision()
        assert _diff(engine) == []
        assert ensure_schema(engine) == head_revision()  # idempotent here too
    finally:
        engine.dispose()
