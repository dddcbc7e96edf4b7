"""A malformed database URL is a one-line error with the password masked, never a traceback.

The URL comes from ``$MONITOR_DATABASE_URL`` or monitor.yaml's ``database:``;
the real ``monitor`` command runs in a subprocess, as an operator would see it.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from helpers_service import MONITOR, write_config
from monitor.store.db import mask_url

pytestmark = pytest.mark.timeout(120)


def _monitor(cfg: Path, *args: str, env_url: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "MONITOR_DATABASE_URL"}
    if env_url is not None:
        env["MONITOR_DATABASE_URL"] = env_url
    return subprocess.run([MONITOR, *args, "--config", str(cfg)], cwd=cfg.parent, env=env,
                          capture_output=True, text=True, timeout=60)


def _assert_one_masked_line(res: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert res.returncode == 2, res.stderr  # 2 = bad input (monitor.cli.common.EXIT_BAD_INPUT)
    assert "Traceback" not in res.stderr
    assert "secret" not in res.stderr and "secret" not in res.stdout
    lines = res.stderr.splitlines()
    assert len(lines) == 1, res.stderr
    for part in expected:
        assert part in lines[0], lines[0]


@pytest.mark.parametrize("command", [("run", "--once", "--no-alerts"), ("status",), ("db", "upgrade")])
def test_malformed_url_in_the_environment(tmp_path: Path, command: tuple[str, ...]) -> None:
    cfg = write_config(tmp_path, [])
    res = _monitor(cfg, *command, env_url="postgresql://u:secret@host:notaport/db")
    _assert_one_masked_line(res, "monitor: error: $MONITOR_DATABASE_URL is not a valid database URL",
                            "postgresql://u:***@host:notaport/db", "the port is not a number")


@pytest.mark.parametrize("url, problem", [
    ("postgresql://u:secret@db.example:99999/monitor", "port 99999 is out of range"),
    ("postgresql://u:p@secret@db.example/monitor", "contains '@'"),  # the tail must not pass for a host
    ("postgresql//u:secret@db.example/monitor", "does not parse"),
])
def test_malformed_url_in_monitor_yaml(tmp_path: Path, url: str, problem: str) -> None:
    cfg = write_config(tmp_path, [], monitor_extra=f"database: '{url}'\n")
    res = _monitor(cfg, "run", "--once", "--no-alerts", env_url=None)
    # reported like every config problem: FILE:LINE of the database: value
    _assert_one_masked_line(res, "monitor: error: monitor.yaml:", ": database is not a valid database URL", "***",
                            problem)


def test_mask_url_hides_passwords_even_in_urls_that_do_not_parse():
    assert mask_url("postgresql://u:secret@h:5432/db") == "postgresql://u:***@h:5432/db"
    assert mask_url("postgresql://u:se@cret@h/db") == "postgresql://u:***@h/db"
    assert mask_url("postgresql://u:secret/db") == "postgresql://u:***/db"  # the '@' forgotten
    assert mask_url("postgresql://h/db?sslmode=require&password=secret") == \
        "postgresql://h/db?sslmode=require&password=***"
    assert mask_url("postgresql//u:secret@h/db") == "***@h/db"
    assert mask_url("postgresql://u:sec\nret@h/db") == "postgresql://u:***@h/db"
    assert mask_url("postgresql://h:5432/db") == "postgresql://h:5432/db"
