"""``monitor demo`` end to end: the bundled feeds produce alerts with evidence,
impact paths and alternatives, offline, from any working directory."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from monitor.demo import run_demo

MONITOR = [sys.executable, "-c", "from monitor.cli import main; main()"]
MONITOR_BIN = str(Path(sys.executable).with_name("monitor"))


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return run_demo(tmp_path_factory.mktemp("demo"))


def test_demo_polls_every_bundled_feed_and_stores_every_item(demo):
    rt = demo.runtime
    assert demo.stats.polls.polled == len(rt.feeds.news) + len(rt.feeds.trade)
    assert demo.stats.polls.errors == 0
    assert len(rt.feeds.news) >= 5
    assert demo.items >= 100  # every sample item stored once


def test_demo_raises_alerts_with_evidence_paths_and_alternatives(demo):
    firing = [a for a in demo.alerts if a.state == "firing"]
    assert len(firing) >= 3
    with_paths = [a for a in firing if (a.impact or {}).get("impacted")]
    assert len(with_paths) >= 3
    for alert in with_paths:
        for hit in alert.impact["impacted"]:
            path = hit["path"]
            assert path[-1] == hit["node"] and len(path) >= 2
            assert 0 < hit["score"] <= 1
        for ev in alert.evidence:
            assert ev["headline"] and ev["source"]
    assert any((a.impact or {}).get("alternatives") for a in firing)


def _events(demo) -> list[tuple]:
    from sqlalchemy import create_engine, text

    engine = create_engine(demo.database)
    with engine.connect() as conn:
        rows = list(conn.execute(text(
            "SELECT e.target, e.type, e.recovery, e.skipped, e.alert_id, i.title FROM events e "
            "LEFT JOIN items i ON i.id = e.item_id")))
    engine.dispose()
    return rows


def test_demo_finds_the_disruptions_it_should(demo):
    by_target = {a.target: a for a in demo.alerts}
    # the insolvency filed two days before the sample data's "today" is the top news incident
    assert by_target["meyer-werft-papenburg"].types == ["insolvency"]
    # the trade series with a persistent drop raises a trade_drop on its target, and on an edge
    assert by_target["port-rotterdam"].types == ["trade_drop"]
    edge = by_target["gallium-china->ams-osram-regensburg"]
    assert edge.types == ["trade_drop"] and edge.severity == "critical"
    # the control series (no drop) does not
    assert "port-hamburg" not in by_target or "trade_drop" not in by_target["port-hamburg"].types
    # one alert per target: a lockdown that stops deliveries already held up by export rules joins them
    assert {"trade_restriction", "lockdown"} <= set(by_target["nexperia-dongguan"].types)
    assert len(by_target) == len(demo.alerts)


def test_demo_month_old_news_is_stored_and_tagged_but_raises_nothing(demo):
    rows = _events(demo)
    # the gallium export ban of 16 October is 43 days old on the demo's clock (TTL 30 days)
    ban = [r for r in rows if r.target == "gallium-china" and r.type == "trade_restriction"]
    assert ban and all(r.skipped == "old-news" and r.alert_id is None for r in ban)
    assert "gallium-china" not in {a.target for a in demo.alerts}
    # the Suez grounding and its reopening (mid-October) are history too
    suez = [r for r in rows if r.target == "suez-canal"]
    assert suez and all(r.skipped == "old-news" for r in suez)
    for alert in demo.alerts:
        assert alert.published_at is not None
        for ev in alert.evidence:
            text = ev["headline"].lower()
            assert "fire drill" not in text and "strikes a deal" not in text and "flood of orders" not in text


def test_demo_command_prints_one_screen_summary_and_exits_0_from_any_directory(tmp_path):
    env = {**os.environ, "COLUMNS": "80"}  # the narrowest usual terminal
    env.pop("MONITOR_CONFIG", None)
    env.pop("MONITOR_DATABASE_URL", None)
    proc = subprocess.run(MONITOR + ["demo"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    lines = out.splitlines()
    assert len(lines) <= 30  # one screen
    assert "150 items stored" in out and "old news" in out and "active incidents" in out
    # the top incidents, one line each, most severe first: the critical trade drops, then the high ones
    # (Congo's cobalt export ban, still in force, and the insolvency)
    rows = [line for line in lines if re.search(r"│\s+(CRITICAL|HIGH|MEDIUM|LOW)\s", line)]
    assert 3 <= len(rows) <= 8
    severities = [re.search(r"(CRITICAL|HIGH|MEDIUM|LOW)", r).group(1) for r in rows]
    assert severities == sorted(severities, key=["CRITICAL", "HIGH", "MEDIUM", "LOW"].index)
    assert severities[0] == "CRITICAL"
    meyer = next(r for r in rows if "Insolvency at Meyer Werft Papenburg" in r)
    assert meyer.lstrip("│ ").startswith("HIGH")
    assert any("Trade restriction at Congolese cobalt" in r for r in rows if "HIGH" in r)
    # each incident's second line: when it was published, then its headline
    high = lines.index(meyer)
    assert re.search(r"│\s+2 days ago: Meyer Werft stellt erneut Insolvenzantrag\s+│", lines[high + 1])
    assert max(len(line) for line in lines) <= 80
    assert "Every alert in full: monitor demo --all" in out
    assert "Evidence" not in out  # no panels without --all
    assert "\x1b[" not in out  # no escape sequence from feed text (nor colour: not a TTY)
    # the item titled "[bold red]FAKE[/] Retail sales rise ..." is no disruption: it is not shown,
    # and if it ever were, rich would print its markup literally instead of obeying it
    assert "Retail sales rise" not in out
    assert "FAKE" not in out or "[bold red]FAKE[/]" in out
    assert list(tmp_path.iterdir()) == []  # nothing left behind in the working directory


def test_demo_all_shows_every_panel_and_keep_prints_the_commands_that_browse_it(tmp_path):
    env = {**os.environ, "COLUMNS": "160"}
    env.pop("MONITOR_CONFIG", None)
    env.pop("MONITOR_DATABASE_URL", None)
    keep = tmp_path / "kept"
    proc = subprocess.run(MONITOR + ["demo", "--all", "--keep", str(keep)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.count("Reaches") >= 3 and out.count("Evidence") >= 3 and "Alternatives" in out
    assert "\x1b[" not in out
    commands = [line.strip() for line in out.splitlines() if line.strip().startswith("MONITOR_DATABASE_URL=")]
    assert [c.split()[-1] for c in commands] == ["watch", "list"]
    # the printed command works as printed (run through a shell), from another directory
    listing = commands[1] + " --json"
    r = subprocess.run(["sh", "-c", listing.replace("monitor ", f"{shlex.quote(MONITOR_BIN)} ", 1)],
                       cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    targets = {a["target"] for a in json.loads(r.stdout)}
    assert "meyer-werft-papenburg" in targets and "port-rotterdam" in targets


def test_graph_show_json_lists_the_bundled_default(tmp_path):
    from monitor.paths import default_config_dir

    proc = subprocess.run(
        MONITOR + ["graph", "show", "--json", "--config", str(default_config_dir())],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert len(data["nodes"]) >= 80 and len(data["edges"]) >= 150
    assert len({n["ecosystem"] for n in data["nodes"]}) >= 10
    node = data["nodes"][0]
    for key in ("id", "name", "kind", "ecosystem", "location", "aliases", "provides"):
        assert key in node
    edge = data["edges"][0]
    for key in ("from", "to", "product", "share", "via"):
        assert key in edge


@pytest.mark.parametrize(
    "args, code, needle",
    [
        (["graph", "validate", "--config", "/nonexistent/config"], 2, "not found"),
        (["simulate", "no-such-node", "--config", "CONFIG"], 2, "no-such-node"),
        (["eval", "/nonexistent.jsonl", "--config", "CONFIG"], 2, ""),
        (["alerts", "show", "999999"], 1, "999999"),  # not found: 1 (2 is bad input)
    ],
)
def test_cli_exit_codes_with_one_line_reasons(tmp_path, args, code, needle):
    from monitor.paths import default_config_dir

    args = [str(default_config_dir()) if a == "CONFIG" else a for a in args]
    if args[0] == "alerts":
        args += ["--config", str(default_config_dir())]
    env = {**os.environ, "MONITOR_DATABASE_URL": f"sqlite:///{tmp_path / 'm.db'}"}
    proc = subprocess.run(MONITOR + args, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == code, (proc.stdout, proc.stderr)
    lines = [l for l in proc.stderr.splitlines() if l.strip()]
    assert lines and len(lines) <= 3, proc.stderr
    assert needle in proc.stderr
    assert "Traceback" not in proc.stderr
