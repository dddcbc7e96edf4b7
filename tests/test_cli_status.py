"""``monitor status`` and ``monitor feeds list`` after real runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers_service import FeedServer, cli, quiet_items, rss, write_config


@pytest.fixture(scope="module")
def ran_once(tmp_path_factory: pytest.TempPathFactory):
    """One ``run --once`` over a good feed and a 404 (shared by the read-only tests)."""
    tmp_path = tmp_path_factory.mktemp("status")
    with FeedServer() as server:
        server.bodies["/good"] = rss(quiet_items("g", 4))
        cfg = write_config(tmp_path, [
            {"name": "Good", "url": server.url("/good"), "interval": "1h"},
            {"name": "Broken", "url": server.url("/broken"), "interval": "1h"},
        ])
        db = tmp_path / "monitor.db"
        res = cli(cfg, db, "run", "--once", "--no-alerts")
        assert res.returncode == 0, res.stderr
        yield cfg, db, server


def test_feeds_list_json_has_health_and_item_counts(ran_once) -> None:
    cfg, db, _ = ran_once
    # A feed added to feeds.yaml since the run shows up with no history yet.
    text = (cfg / "feeds.yaml").read_text() + '  - {"name": "Later", "url": "http://127.0.0.1:9/later"}\n'
    (cfg / "feeds.yaml").write_text(text)
    res = cli(cfg, db, "feeds", "list", "--json")
    assert res.returncode == 0, res.stderr
    rows = {r["name"]: r for r in json.loads(res.stdout)}
    assert set(rows) == {"Good", "Broken", "Later"}
    good, broken, later = rows["Good"], rows["Broken"], rows["Later"]
    for row in rows.values():
        assert {"name", "url", "items", "last_status", "last_error", "error_count", "next_poll", "enabled", "parked"} <= set(row)
    assert (good["items"], good["last_status"], good["error_count"], good["last_error"]) == (4, "200", 0, None)
    assert good["next_poll"] and good["enabled"] is True
    assert (broken["items"], broken["last_status"], broken["error_count"]) == (0, "404", 1)
    assert "404" in broken["last_error"]
    assert (later["items"], later["last_status"], later["next_poll"]) == (0, None, None)


def test_status_json_reports_last_cycle_feeds_outbox_and_alerts(ran_once) -> None:
    cfg, db, _ = ran_once
    res = cli(cfg, db, "status", "--json")
    assert res.returncode == 0, res.stderr
    report = json.loads(res.stdout)
    cycle = report["last_cycle"]
    assert cycle["polls"] == 2 and cycle["items"] == 4 and cycle["finished_at"]
    assert report["feeds"]["total"] == 2 and report["feeds"]["failing"] == 1 and report["feeds"]["due"] == 0
    assert [f["name"] for f in report["feeds"]["failing_feeds"]] == ["Broken"]
    assert report["outbox"] == {"pending": 0, "sending": 0, "failed": 0, "sent": 0}
    assert report["alerts"] == {}
    assert report["instances"] == []  # --once marked itself stopped


def test_status_text_names_the_failing_feed(ran_once) -> None:
    cfg, db, _ = ran_once
    res = cli(cfg, db, "status")
    assert res.returncode == 0, res.stderr
    assert "last cycle" in res.stdout and "2 polls" in res.stdout
    assert "1 failing" in res.stdout and "! Broken" in res.stdout
    assert "instances   none running" in res.stdout


def test_status_on_a_database_without_schema_is_a_one_line_error(tmp_path: Path) -> None:
    cfg = write_config(tmp_path, [])
    res = cli(cfg, tmp_path / "empty.db", "status")
    assert res.returncode == 1
    assert res.stderr.count("\n") == 1 and "monitor db upgrade" in res.stderr, res.stderr
    res = cli(cfg, tmp_path / "empty.db", "feeds", "list")
    assert res.returncode == 1 and "no monitor schema" in res.stderr


def test_status_lists_a_node_in_a_burst_of_news(ran_once) -> None:
    """Nine publishers naming a port in the last hours, against a week of one quiet paper:
    `monitor status` names the node and says how far above its usual rate it is."""
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import update
    from sqlalchemy.orm import sessionmaker

    from monitor.store import mentions
    from monitor.store.db import make_engine
    from monitor.store.mentions import MentionRow
    from monitor.store.models import MentionCoverage

    cfg, db, _ = ran_once
    res = cli(cfg, db, "status", "--json")
    assert res.returncode == 0, res.stderr
    bursts = json.loads(res.stdout)["bursts"]
    assert bursts == {"baseline_complete_at": None, "baseline_complete": False, "nodes": []}  # nothing named
    now = datetime.now(UTC)
    rows = [MentionRow("port-quiet", None, "paper.example", f"base{h}", now - timedelta(hours=h))
            for h in range(12, 7 * 24, 24)]
    rows += [MentionRow("port-quiet", None, f"paper{k}.example", f"burst{k}", now - timedelta(hours=1 + k % 3))
             for k in range(9)]
    engine = make_engine(f"sqlite:///{db}")
    try:
        with sessionmaker(engine)() as s, s.begin():
            mentions.start_counting(s, now - timedelta(days=2))
            mentions.record(s, rows)
        res = cli(cfg, db, "status")  # counted for two days: no usual rate yet, so no burst
        assert res.returncode == 0, res.stderr
        assert "bursts      none yet: the usual rates are being counted until" in res.stdout, res.stdout
        with sessionmaker(engine)() as s, s.begin():
            s.execute(update(MentionCoverage).values(since=now - timedelta(days=8)))  # a week on
    finally:
        engine.dispose()
    res = cli(cfg, db, "status", "--json")
    assert res.returncode == 0, res.stderr
    (burst,) = json.loads(res.stdout)["bursts"]["nodes"]
    assert burst["node"] == "port-quiet" and burst["sources"] == 9 and burst["ratio"] > 5
    res = cli(cfg, db, "status")
    assert "bursts      1 node(s)" in res.stdout
    assert "port-quiet: named in 9 items from 9 sources in 6 h" in res.stdout, res.stdout
