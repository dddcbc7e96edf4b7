"""Trade drops through the daemon's pipeline: a long disruption stays open past any TTL, recovery resolves it.

Real series (tests/data/trade) served over loopback and grown one observation per poll, on a SQLite file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from feeds.trade import sparkline
from monitor.alerts.model import series_picture
from monitor.store import models as m
from tests.helpers_feeds import ScriptedServer
from tests.helpers_pipeline import Harness, Resource, write_config

DATA = Path(__file__).parent / "data" / "trade"


@pytest.fixture()
def server():
    with ScriptedServer() as srv:
        yield srv


def _lines(file: str) -> tuple[bytes, list[bytes]]:
    header, *rows = (DATA / file).read_bytes().splitlines(keepends=True)
    return header, rows


def _replay(tmp_path: Path, sqlite_url: str, server: ScriptedServer, file: str, value: str, ttl: str,
            step_days: int):
    header, rows = _lines(file)
    res = Resource(header, content_type="text/csv")
    feed = {"name": "Transits", "url": server.route("/t.csv", res), "time": "arrival_date", "value": value,
            "target": "port-testhaven", "interval": "1d"}
    cfg = write_config(tmp_path, [], [feed],
                       monitor_yaml=f"schedule: {{jitter: 0}}\nalerts: {{group_wait: 0s, ttl: {{trade_drop: {ttl}}}}}\n")
    h = Harness(cfg, sqlite_url)
    try:
        for n in range(1, len(rows) + 1):
            res.body = header + b"".join(rows[:n])
            h.clock.advance(86400 * step_days)
            h.pipeline.poll_due()
            h.pipeline.process_trade()
            h.pipeline.alert_pending()
            h.pipeline.expire()
            states = [a.state for a in h.all(m.Alert) if a.type == "trade_drop"]
            period = rows[n - 1].split(b",", 1)[0].decode()
            yield period, states, h
    finally:
        h.close()


def test_a_long_weekly_drop_stays_firing_past_the_ttl(tmp_path, sqlite_url, server):
    """Containerships through Bab el-Mandeb: -75 % for 14 weeks; the alert TTL is 30 days."""
    seen: dict[str, list] = {}
    for period, states, h in _replay(tmp_path, sqlite_url, server, "bab-el-mandeb-weekly-ais-2023-24.csv",
                                     "Containership", "30d", 7):
        seen[period] = states
        if period == "2024-04-01":
            events = [e for e in h.all(m.Event) if e.type == "trade_drop"]
            (alert,) = [a for a in h.all(m.Alert) if a.type == "trade_drop"]
    assert seen["2023-12-18"] == []
    firing_from = next(p for p, s in seen.items() if s == ["firing"])
    assert firing_from <= "2024-01-01"
    # from then on one alert, firing every week until the end: 13+ weeks, far past the 30-day TTL
    assert all(s == ["firing"] for p, s in seen.items() if p >= firing_from)
    kinds = [e.evidence[0]["kind"] for e in events]
    assert kinds[0] == "drop" and set(kinds[1:]) == {"ongoing"} and not any(e.recovery for e in events)
    last = events[-1].evidence[0]
    assert last["period"] == "2024-04-01" and last["change"] < -0.6 and last["since"] == events[0].evidence[0]["period"]
    assert len({e.story for e in events}) == 1  # one episode, one story
    # the evidence carries the recent series, for the alert's picture (sparkline in the terminal)
    assert last["series"][-1] == ["2024-04-01", 31.0] and len(last["series"]) == 22  # all 22 weeks (up to 24 are kept)
    assert sparkline([v for _, v in last["series"]])[-1] == "▁"
    # ... and the alert keeps the newest of it: what its terminal panel and mail draw
    picture = series_picture(alert.evidence)
    assert picture is not None and picture.points[-1] == ("2024-04-01", 31.0) and picture.change < -0.6


def test_a_closure_fires_and_resolves_when_the_canal_reopens(tmp_path, sqlite_url, server):
    """Suez, March 2021, replayed day by day with a 2-day TTL shorter than the 6-day closure."""
    seen: dict[str, list] = {}
    for period, states, _h in _replay(tmp_path, sqlite_url, server, "suez-canal-daily-ais-2021.csv",
                                      "transit_per_arrival_day", "2d", 1):
        seen[period] = states
    days = list(seen)
    fired = next(d for d in days if seen[d] == ["firing"])
    assert 0 <= days.index(fired) - days.index("2021-03-23") <= 3
    resolved = next(d for d in days if seen[d] == ["resolved"])
    assert 0 < days.index(resolved) - days.index("2021-03-29") <= 3, resolved  # resolved by the reopening
    # firing every day in between although the TTL is 2 days: each low day refreshed it
    assert all(seen[d] == ["firing"] for d in days[days.index(fired):days.index(resolved)])
    assert all(seen[d] == ["resolved"] for d in days[days.index(resolved):])

