"""Feedback: rejecting an alert (no resolved notice, syndicated copies stay
silent) and exporting verdicts as a labelled set ``monitor eval`` accepts."""

from __future__ import annotations

import json
import random
from datetime import timedelta

import pytest
from click.testing import CliRunner

from helpers_alerts import (
    T0,
    SmtpServer,
    add_event,
    alerts,
    cli_config,
    deliveries,
    later,
    make_runtime,
    make_store,
)
from monitor.alerts import actions
from monitor.alerts.engine import process_pending_events
from monitor.cli import cli
from monitor.notify.outbox import flush
from monitor.settings import Subscription
from monitor.store import models as m
from monitor.store.db import transaction

SUB = Subscription("fab", email=("fab@example.org",), nodes=("fab-dresden",), min_severity="low")


def process(sessions, rt, now):
    with transaction(sessions) as s:
        return process_pending_events(s, rt, now)


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path):
    if request.param == "sqlite":
        engine, sessions = make_store(tmp_path)
        yield engine, sessions
        engine.dispose()
        return
    from conftest import fresh_postgres_database
    from monitor.store.db import make_engine, make_sessionmaker, resolve_url
    from monitor.store.schema import ensure_schema

    with fresh_postgres_database(request.getfixturevalue("postgres_url")) as url:
        engine = make_engine(resolve_url(url))
        ensure_schema(engine)
        yield engine, make_sessionmaker(engine)
        engine.dispose()


def test_rejected_alert_resolves_silently_and_a_later_syndicated_copy_stays_silent(store):
    smtp = SmtpServer().start()
    try:
        engine, sessions = store
        rt = make_runtime(subscriptions=(SUB,), smtp=smtp.settings())
        add_event(sessions, target="fab-dresden", title="Fire drill at the Dresden fab", story="drill")
        process(sessions, rt, T0)
        flush(sessions, rt, later(30), instance_id="t", rng=random.Random(1))
        assert len(smtp.received) == 1  # the false alarm went out
        with transaction(sessions) as s:
            result = actions.reject(s, 1, reason="not-a-disruption", comment="a drill", by="ana",
                                    settings=rt.settings, now=later(60))
        assert result.was_active and result.stories == ("drill",)
        (alert,) = alerts(sessions)
        assert alert.state == "resolved" and alert.resolved_reason == "rejected (not-a-disruption) by ana: a drill"
        flush(sessions, rt, later(600), instance_id="t", rng=random.Random(1))
        assert len(smtp.received) == 1  # no "resolved" notice for a false alarm
        assert [d.notice for d in deliveries(sessions)] == ["firing"]

        # the same story syndicated by another wire an hour later: stored, tagged, silent
        eid = add_event(sessions, target="fab-dresden", source="Other wire", title="Fire drill at the Dresden fab",
                        story="drill", now=later(3600))
        process(sessions, rt, later(3700))
        flush(sessions, rt, later(4000), instance_id="t", rng=random.Random(1))
        (alert,) = alerts(sessions)
        assert alert.state == "resolved" and len(smtp.received) == 1
        with transaction(sessions) as s:
            assert s.get(m.Event, eid).skipped == "rejected"
        # a different story at the same target is news again
        add_event(sessions, target="fab-dresden", source="Other wire", title="Real fire at the Dresden fab",
                  story="real", now=later(7200))
        process(sessions, rt, later(7300))
        (alert,) = alerts(sessions)
        assert alert.state == "firing" and alert.incident == 2
    finally:
        smtp.stop()




@pytest.fixture
def cfg(tmp_path, monkeypatch):
    monkeypatch.delenv("MONITOR_DATABASE_URL", raising=False)
    monkeypatch.setenv("USER", "tester")
    monkeypatch.setenv("LOGNAME", "tester")
    cfg = cli_config(tmp_path)
    engine, sessions = make_store(tmp_path)
    rt = make_runtime()
    # 1: a real fire (acknowledged), 2: a drill (rejected), 3: a port item with two targets, one rejected
    add_event(sessions, target="fab-dresden", type_="fire", title="Fire at Dresden fab", story="fire", now=T0)
    add_event(sessions, target="bavaria-auto", type_="strike", title="Bavarian automotive cluster strike drill",
              story="drill", now=T0)
    process(sessions, rt, T0 + timedelta(minutes=1))
    engine.dispose()
    return cfg


def run(cfg, *args):
    return CliRunner().invoke(cli, ["--config", str(cfg), *args], catch_exceptions=False)


def test_reject_and_feedback_export_give_a_labelled_set_monitor_eval_accepts(cfg, tmp_path):
    by_target = {a["target"]: a["id"] for a in json.loads(run(cfg, "alerts", "list", "--json").output)}
    assert run(cfg, "alerts", "ack", str(by_target["fab-dresden"]), "--by", "ana").exit_code == 0
    r = run(cfg, "alerts", "reject", str(by_target["bavaria-auto"]), "--reason", "not-a-disruption",
            "--comment", "an exercise", "--json")
    assert r.exit_code == 0, r.output
    got = json.loads(r.output)
    assert got["state"] == "resolved" and got["stories"] == ["drill"] and got["was_active"] is True
    assert got["resolved_reason"] == "rejected (not-a-disruption) by tester: an exercise"  # --by defaults to the user
    bad = run(cfg, "alerts", "reject", str(by_target["bavaria-auto"]), "--reason", "meh")
    assert bad.exit_code == 2 and "not-a-disruption" in bad.output

    out = tmp_path / "feedback.jsonl"
    r = run(cfg, "alerts", "feedback", "export", "--out", str(out), "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.output) == {"items": 2, "out": str(out), "expect": 1, "allow": 0}
    rows = {r["title"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert rows["Fire at Dresden fab"]["expect"] == [{"target": "fab-dresden", "type": ["fire"]}]
    assert rows["Bavarian automotive cluster strike drill"]["expect"] == []
    # stdout without --out: the same JSON Lines
    assert run(cfg, "alerts", "feedback", "export").output == out.read_text()

    # the labelled set runs through monitor eval (the tagger finds the fire; the drill is a negative)
    r = run(cfg, "eval", str(out), "--json")
    assert r.exit_code == 0, r.output
    report = json.loads(r.output)
    assert {i["id"] for i in report["items"]} == {f"item-{n}" for n in (1, 2)}
    assert report["tp"] + report["fn"] == 1  # one expected (item, target): the acknowledged fire
