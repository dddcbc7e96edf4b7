"""Files the monitor creates are owner-only (0600), whatever the umask it was started with.

The SQLite database holds webhook URLs with their tokens; its -wal/-shm files
hold the same pages. Each test starts the real ``monitor`` command with a
permissive umask (022, the usual default) and looks at the modes of every file
it left in the data directory.
"""

from __future__ import annotations

import os
import stat
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from helpers_service import FIRE_ITEM, MONITOR, FeedServer, query, rss, write_config
from monitor.store.db import make_engine

pytestmark = pytest.mark.timeout(120)


def _modes(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): stat.S_IMODE(p.stat().st_mode) for p in sorted(root.rglob("*"))}


def _env(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "NOTIFY_SOCKET"}
    env.update(MONITOR_DATABASE_URL=f"sqlite:///{data / 'monitor.db'}", MONITOR_CACHE_DIR=str(data / "cache"))
    return env


def test_run_once_with_umask_022_leaves_only_owner_only_files(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    with FeedServer() as server:
        server.bodies["/news"] = rss([FIRE_ITEM])  # an item to tag, so the place index is built and cached
        cfg = write_config(tmp_path, [{"name": "News", "url": server.url("/news"), "interval": "1h"}])
        res = subprocess.run([MONITOR, "run", "--once", "--no-alerts", "--config", str(cfg)], cwd=tmp_path,
                             env=_env(data), capture_output=True, text=True, timeout=100, umask=0o022)
    assert res.returncode == 0, res.stderr
    assert query(data / "monitor.db", "SELECT count(*) FROM items")[0][0] == 1  # it really ran
    modes = _modes(data)
    # what a run creates: the database, its migration lock, the place-index cache
    assert {"monitor.db", "monitor.db.migrate.lock", "cache"} <= set(modes), modes
    assert any(name.startswith("cache/") for name in modes), modes
    files = {n: oct(m) for n, m in modes.items() if (data / n).is_file()}
    dirs = {n: oct(m) for n, m in modes.items() if (data / n).is_dir()}
    assert files == {n: "0o600" for n in files}
    assert dirs == {n: "0o700" for n in dirs}


def test_running_daemon_keeps_wal_and_shm_owner_only(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    db = data / "monitor.db"
    with FeedServer() as server:
        server.bodies["/news"] = rss([FIRE_ITEM])
        cfg = write_config(tmp_path, [{"name": "News", "url": server.url("/news"), "interval": "1h"}])
        with open(tmp_path / "daemon.log", "wb") as log:
            proc = subprocess.Popen([MONITOR, "run", "--no-alerts", "--config", str(cfg)], cwd=tmp_path,
                                    env=_env(data), stdout=subprocess.DEVNULL, stderr=log, umask=0o022)
            try:
                deadline = time.monotonic() + 60
                # the daemon holds its connections open, so -wal/-shm exist while it runs
                while not (db.with_name("monitor.db-wal").exists() and db.with_name("monitor.db-shm").exists()
                           and (query(db, "SELECT count(*) FROM items") or [(0,)])[0][0] == 1):
                    assert proc.poll() is None, (tmp_path / "daemon.log").read_text()
                    assert time.monotonic() < deadline, "the daemon never stored the item"
                    time.sleep(0.1)  # waiting on another process: nothing to inject
                modes = {n: oct(m) for n, m in _modes(data).items() if (data / n).is_file()}
            finally:
                proc.terminate()
                proc.wait(timeout=20)
    assert {"monitor.db", "monitor.db-wal", "monitor.db-shm"} <= set(modes)
    assert modes == {n: "0o600" for n in modes}


def test_library_use_creates_a_private_database_and_tightens_an_old_one(tmp_path: Path) -> None:
    """Without the CLI's umask (an embedding program, the tests): make_engine still makes it 0600."""
    old_umask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.db"
        old = tmp_path / "old.db"
        old.touch(mode=0o644)
        os.chmod(old, 0o644)  # a database created by an earlier version
        later = tmp_path / "not-yet" / "later.db"  # its directory is made after the engine
        for path in (fresh, old, later):
            engine = make_engine(f"sqlite:///{path}")
            path.parent.mkdir(exist_ok=True)
            with engine.connect() as conn:
                conn.execute(text("CREATE TABLE t (x)"))
                conn.execute(text("INSERT INTO t VALUES (1)"))
                conn.commit()
                names = {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in path.parent.iterdir()
                         if p.name.startswith(path.name)}
            engine.dispose()
            assert {path.name, path.name + "-wal", path.name + "-shm"} <= set(names)
            assert names == {n: "0o600" for n in names}
    finally:
        os.umask(old_umask)
