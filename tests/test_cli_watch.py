"""``monitor watch --once`` at 80 and 160 columns: nothing collapses, cut tables say so, names not ids."""

from __future__ import annotations

from datetime import timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from helpers_alerts import DESK_YAML, T0, add_event, cli_config, make_runtime, make_store
from monitor.alerts.engine import process_pending_events
from monitor.cli import cli
from monitor.settings import Subscription
from monitor.store import models as m
from monitor.store.db import transaction



@pytest.fixture
def cfg(tmp_path, monkeypatch):
    monkeypatch.delenv("MONITOR_DATABASE_URL", raising=False)
    cfg = cli_config(tmp_path, DESK_YAML)  # no smtp: block, so email notices wait
    engine, sessions = make_store(tmp_path)
    rt = make_runtime(subscriptions=(Subscription("desk", email=("desk@example.org",), nodes=("bavaria-auto",),
                                                  min_severity="low"),))
    add_event(sessions, target="fab-dresden", title="Fire at the fab", source="Port news")
    add_event(sessions, target="fab-dresden->bavaria-auto", type_="trade_drop", title="", source="Chip imports",
              method="trade", confidence=0.9)
    with transaction(sessions) as s:
        process_pending_events(s, rt, T0)
        for i in range(12):  # 12 more news feeds: 14 in all, more than the panel shows
            s.add(m.Feed(name=f"Regional wire {i:02d}", kind="news", url=f"https://w{i}.example.org/rss",
                         last_status="200", next_poll=T0 + timedelta(minutes=15)))
        trade = s.scalars(select(m.Feed).where(m.Feed.name == "Chip imports")).one()
        trade.kind = "trade"
        for month in ("2024-01", "2024-02", "2024-03"):
            s.add(m.TradeObservation(feed_id=trade.id, period=month, value=100.0, fetched_at=T0))
        s.add(m.Cycle(instance="host-1", started_at=T0, finished_at=T0 + timedelta(seconds=2), polls=14, items=3,
                      events=2, alerts=2, deliveries=0, errors=1))
    engine.dispose()
    return cfg


def frame(cfg, columns: int) -> list[str]:
    result = CliRunner(env={"COLUMNS": str(columns), "LINES": "60"}).invoke(
        cli, ["--config", str(cfg), "watch", "--once"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def test_80_columns_fits_and_nothing_collapses(cfg):
    lines = frame(cfg, 80)
    text = "\n".join(lines)
    assert max(len(line) for line in lines) <= 80
    assert "┃┃" not in text and "┃  ┃" not in text  # no column squeezed to nothing
    for header in ("Feed ", "Status", "Stored", "Fail", "Next poll", "Event", "Reported by", "Severity",
                   "Disruption", "Published", "Seen"):
        assert header in text, header
    assert "… 2 more (monitor feeds list)" in text  # 14 feeds, 12 shown
    # names, not ids, in events (node and edge targets) and alerts
    assert "Fire at Dresden fab" in text and "fab-dresden" not in text
    assert "Trade flow drop at Dresden fab →" in text
    # a trade feed shows its observations, labelled
    chip = next(line for line in lines if "Chip imports" in line)
    assert "3 obs." in chip
    # a poll whose time has passed is due, not "2y ago" (which reads as a fault)
    wire = next(line for line in lines if "Regional wire 00" in line)
    assert "due now" in wire and "ago" not in wire
    assert "observations (obs.)" in text
    # every number says what it counts
    assert "polled 14 feeds · stored 3 new items · found 2 events · updated 2 alerts · sent 0 notices · 1 error" \
        in " ".join(lines)
    assert "notices to subscribers (outbox): 2 waiting" in text
    assert "2 email notices wait for an smtp: block in monitor.yaml" in text
    assert "14 feeds (13 news, 1 trade): 0 failing, 0 parked" in text


def test_160_columns_uses_the_width(cfg):
    lines = frame(cfg, 160)
    text = "\n".join(lines)
    assert max(len(line) for line in lines) <= 160
    assert any("Feed health" in line and "Recent events" in line for line in lines)  # side by side
    assert max(len(line) for line in lines) > 150
    for header in ("Kind", "Failures", "Confidence", "State", "Nodes hit"):
        assert header in text, header
    assert "… 2 more (monitor feeds list)" in text
