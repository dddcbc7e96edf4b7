"""``monitor demo`` end to end: the bundled feeds produce alerts with evidence,
impact paths and alternatives, offline, from any working directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from monitor.demo import run_demo

MONITOR = [sys.executable, "-c", "from monitor.cli import main; main()"]


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


def test_demo_finds_the_disruptions_it_should(demo):
    by_key = {(a.target, a.type): a for a in demo.alerts}
    # an export ban on Chinese gallium reaches the chip fabs that use it
    assert ("gallium-china", "trade_restriction") in by_key
    gallium = by_key[("gallium-china", "trade_restriction")]
    assert "ams-osram-regensburg" in {h["node"] for h in gallium.impact["impacted"]}
    # the trade series with a persistent drop raises a trade_drop on its target
    assert any(a.type == "trade_drop" and a.target == "port-rotterdam" for a in demo.alerts)
    # the control series (no drop) does not
    assert not any(a.type == "trade_drop" and a.target == "port-hamburg" for a in demo.alerts)


def test_demo_recovery_news_resolves_and_hard_negatives_stay_quiet(demo):
    by_key = {(a.target, a.type): a for a in demo.alerts}
    suez = by_key.get(("suez-canal", "blockage"))
    assert suez is not None and suez.state == "resolved"  # "Suez Canal reopens" came after the grounding
    for alert in demo.alerts:
        for ev in alert.evidence:
            text = ev["headline"].lower()
            assert "fire drill" not in text and "strikes a deal" not in text and "flood of orders" not in text


def test_demo_command_prints_alerts_and_exits_0_from_any_directory(tmp_path):
    env = {**os.environ, "COLUMNS": "160"}
    env.pop("MONITOR_CONFIG", None)
    proc = subprocess.run(MONITOR + ["demo"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.count("Reaches") >= 3 and out.count("Evidence") >= 3
    assert "Alternatives" in out
    assert "\x1b[" not in out  # no escape sequence from feed text (nor colour: not a TTY)
    # the item titled "[bold red]FAKE[/] Retail sales rise ..." is no disruption: it is not shown,
    # and if it ever were, rich would print its markup literally instead of obeying it
    assert "Retail sales rise" not in out
    assert "FAKE" not in out or "[bold red]FAKE[/]" in out
    assert list(tmp_path.iterdir()) == []  # nothing left behind in the working directory


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
        (["alerts", "show", "999999"], 2, "999999"),
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
