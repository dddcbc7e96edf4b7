"""Two real daemons on one PostgreSQL database: one migration, split polls, live status."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from helpers_service import FeedServer, quiet_items, rss, wait_for, write_config

MONITOR = str(Path(sys.executable).with_name("monitor"))

pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.timeout(90)]


def test_two_daemons_share_one_database_without_polling_a_feed_twice(tmp_path: Path, fresh_postgres: str) -> None:
    env = {**{k: v for k, v in os.environ.items() if k != "NOTIFY_SOCKET"}, "MONITOR_DATABASE_URL": fresh_postgres}
    with FeedServer() as server:
        feeds = []
        for i in range(12):
            server.bodies[f"/f{i}"] = rss(quiet_items(f"f{i}", 3))
            server.delays[f"/f{i}"] = 0.2
            feeds.append({"name": f"Feed {i}", "url": server.url(f"/f{i}"), "interval": "1h"})
        cfg = write_config(tmp_path, feeds)
        logs = [open(tmp_path / f"d{i}.log", "wb") for i in range(2)]
        procs = [
            subprocess.Popen([MONITOR, "run", "--config", str(cfg), "--no-alerts"], env=env, cwd=tmp_path,
                             stdout=subprocess.DEVNULL, stderr=logs[i])
            for i in range(2)
        ]
        try:
            wait_for(lambda: all(server.hits_of(f"/f{i}") for i in range(12)), timeout=30, what="every feed polled")

            def status() -> dict:
                res = subprocess.run([MONITOR, "status", "--json", "--config", str(cfg)], env=env,
                                     capture_output=True, text=True, timeout=30)
                assert res.returncode == 0, res.stderr
                return json.loads(res.stdout)

            report = wait_for(lambda: (r := status()) and len(r["instances"]) == 2 and r, what="two live instances")
            assert {i["pid"] for i in report["instances"]} == {p.pid for p in procs}
            for p in procs:
                p.send_signal(signal.SIGTERM)
            assert [p.wait(timeout=12) for p in procs] == [0, 0]
        finally:
            for p in procs:
                if p.poll() is None:
                    p.kill()
            for fh in logs:
                fh.close()
        # Each feed was due once: exactly one poll each, whichever instance claimed it.
        assert [len(server.hits_of(f"/f{i}")) for i in range(12)] == [1] * 12
    text_logs = [(tmp_path / f"d{i}.log").read_text() for i in range(2)]
    assert sum("migrating database schema" in t for t in text_logs) == 1, text_logs
    assert status_after_stop(cfg, env)["instances"] == []


def status_after_stop(cfg: Path, env: dict[str, str]) -> dict:
    res = subprocess.run([MONITOR, "status", "--json", "--config", str(cfg)], env=env,
                         capture_output=True, text=True, timeout=30)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)
