"""The shipped systemd unit: Type=notify, reload by SIGHUP, watchdog, hardening."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

UNIT = Path(__file__).resolve().parents[1] / "contrib" / "systemd" / "monitor.service"


def _settings(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith(("#", "[")) and "=" in line:
            key, _, value = line.partition("=")
            out.setdefault(key, []).append(value)
    return out


def test_unit_runs_the_daemon_as_a_hardened_notify_service() -> None:
    s = _settings(UNIT.read_text())
    assert s["Type"] == ["notify"]
    assert s["ExecStart"][0].startswith("/usr/local/bin/monitor run --config /etc/monitor")
    # `monitor check` runs first: a broken config fails the reload before the daemon is signalled.
    assert s["ExecReload"] == ["/usr/local/bin/monitor check --config /etc/monitor", "/bin/kill -HUP $MAINPID"]
    assert s["Restart"] == ["on-failure"] and s["WatchdogSec"] == ["60"]
    # a read-only database is not restarted every RestartSec: it exits with EXIT_UNWRITABLE
    from monitor.service import EXIT_UNWRITABLE

    assert s["RestartPreventExitStatus"] == [str(EXIT_UNWRITABLE)]
    assert any(v.startswith("MONITOR_DATABASE_URL=") for v in s["Environment"])
    assert s["StateDirectory"] == ["monitor"] and s["WorkingDirectory"] == ["/var/lib/monitor"]
    assert s["CacheDirectory"] == ["monitor"]  # graphs.cache reads $CACHE_DIRECTORY
    for key in ("NoNewPrivileges", "ProtectHome", "PrivateTmp", "PrivateDevices", "ProtectKernelTunables",
                "ProtectKernelModules", "ProtectControlGroups", "RestrictNamespaces", "LockPersonality",
                "MemoryDenyWriteExecute", "DynamicUser"):
        assert s[key] == ["yes"], key
    assert s["ProtectSystem"] == ["strict"] and s["SystemCallArchitectures"] == ["native"]
    assert s["RestrictAddressFamilies"] == ["AF_INET AF_INET6 AF_UNIX"]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
def test_systemd_accepts_the_unit(tmp_path: Path) -> None:
    monitor = Path(sys.executable).with_name("monitor")
    unit = tmp_path / "monitor.service"
    unit.write_text(UNIT.read_text().replace("/usr/local/bin/monitor", str(monitor)))
    res = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0 and res.stderr.strip() == "", res.stderr


def test_run_help_names_the_exit_status_the_unit_does_not_restart() -> None:
    from click.testing import CliRunner

    from monitor.cli import cli
    from monitor.service import EXIT_UNWRITABLE

    out = CliRunner().invoke(cli, ["run", "--help"], catch_exceptions=False).output
    assert f"{EXIT_UNWRITABLE} the database cannot be written" in " ".join(out.split())
