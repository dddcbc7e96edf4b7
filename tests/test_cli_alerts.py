"""``monitor alerts ...`` and ``monitor watch --once`` against a real SQLite file."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from helpers_alerts import DESK_YAML, T0, add_event, cli_config, make_runtime, make_store
from monitor.alerts.engine import process_pending_events
from monitor.cli import cli
from monitor.settings import Subscription
from monitor.store.db import transaction



@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.delenv("MONITOR_DATABASE_URL", raising=False)
    cfg = cli_config(tmp_path, DESK_YAML)
    engine, sessions = make_store(tmp_path)
    rt = make_runtime(subscriptions=(Subscription("desk", email=("desk@example.org",), nodes=("bavaria-auto",), min_severity="low"),))
    add_event(sessions, target="fab-dresden", title="[bold]Fire[/bold] \x1b[31mat Dres\u200bden\u00ad fab\u180e")
    add_event(sessions, target="bavaria-auto", type_="strike", title="Strike at BMW", source="Other", confidence=0.9)
    with transaction(sessions) as s:
        process_pending_events(s, rt, T0)
    engine.dispose()
    return cfg


def run(cfg, *args):
    return CliRunner().invoke(cli, ["--config", str(cfg), *args], catch_exceptions=False)


def test_list_json_has_the_documented_fields(env):
    r = run(env, "alerts", "list", "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert len(data) == 2
    for a in data:
        assert {"id", "fingerprint", "target", "type", "severity", "state", "first_seen", "last_seen", "sources"} <= set(a)
    by_type = {a["type"]: a for a in data}
    assert by_type["fire"]["target"] == "fab-dresden" and by_type["fire"]["sources"] == ["Port news"]
    assert json.loads(run(env, "alerts", "list", "--json", "--node", "bavaria-auto").output)  # target or reached
    assert {a["severity"] for a in data} == {"medium"}  # 0.8 x 0.6 and 0.9 x 0.5
    assert len(json.loads(run(env, "alerts", "list", "--json", "--severity", "medium").output)) == 2
    assert json.loads(run(env, "alerts", "list", "--json", "--severity", "high").output) == []
    assert json.loads(run(env, "alerts", "list", "--json", "--state", "resolved").output) == []
    assert "Strike" in run(env, "alerts", "list").output


def test_list_table_shows_feed_text_literally(env):
    r = run(env, "alerts", "show", "1")
    assert r.exit_code == 0, r.output
    assert "[bold]Fire[/bold]" in r.output and "\x1b" not in r.output
    assert not set("\u200b\u00ad\u180e") & set(r.output)
    assert "desk@example.org" in r.output  # the delivery


def test_ack_silence_resolve_and_errors(env):
    r = run(env, "alerts", "ack", "1", "--by", "ana", "--comment", "calling the plant")
    assert r.exit_code == 0, r.output
    a = json.loads(run(env, "alerts", "show", "1", "--json").output)
    assert a["state"] == "acknowledged" and a["acknowledged_by"] == "ana"
    r = run(env, "alerts", "silence", "--node", "bavaria-auto", "--for", "2d", "--reason", "works council talks", "--by", "ana")
    assert r.exit_code == 0, r.output
    assert "1 active alert(s) silenced now" in r.output
    assert json.loads(run(env, "alerts", "show", "2", "--json").output)["state"] == "silenced"
    silences = json.loads(run(env, "alerts", "silences", "--json").output)
    assert silences[0]["matchers"] == {"node": "bavaria-auto"} and silences[0]["author"] == "ana"
    r = run(env, "alerts", "resolve", "1", "--reason", "fire out")
    assert r.exit_code == 0, r.output
    a = json.loads(run(env, "alerts", "show", "1", "--json").output)
    assert a["state"] == "resolved" and "fire out" in a["resolved_reason"]
    # bad input: one line, non-zero
    r = run(env, "alerts", "ack", "99", "--by", "ana")  # not found: exit 1 (2 is for bad input)
    assert r.exit_code == 1 and r.output.startswith("monitor: error: no alert '99'")
    assert run(env, "alerts", "show", "9999").exit_code == 1
    r = run(env, "alerts", "silence", "--type", "fier", "--for", "1d", "--reason", "x")
    assert r.exit_code == 2 and "did you mean" in r.output and "fire" in r.output
    r = run(env, "alerts", "silence", "--node", "fab-dresdn", "--for", "1d", "--reason", "x")
    assert r.exit_code == 2 and "unknown node 'fab-dresdn'" in r.output
    r = run(env, "alerts", "silence", "--node", "fab-dresden", "--for", "soon", "--reason", "x")
    assert r.exit_code == 2 and "--for" in r.output
    r = run(env, "alerts", "resolve", "1")
    assert r.exit_code == 1 and "already resolved" in r.output


def test_export_json_and_cx0146(env):
    out = run(env, "alerts", "export", "--format", "json").output
    data = json.loads(out)
    assert {a["type"] for a in data} == {"fire", "strike"}
    # the stored title carries invisible characters (a row from before ingestion stripped them)
    assert "Dresden fab" in out and not set("\u200b\u00ad\u180e") & set(out)
    run(env, "alerts", "resolve", "2", "--reason", "agreement reached")
    r = run(env, "alerts", "export", "--format", "cx-0146", "--sender-bpn", "BPNL00000001TEST")
    assert r.exit_code == 0, r.output
    docs = {d["content"]["leadingRootCause"]: d for d in json.loads(r.output)}
    fire, strike = docs["production-incident"], docs["strike"]
    uuid4 = r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
    assert fire["header"]["context"] == "CX-DemandAndCapacityNotificationAPI-Receive:2.0.0"
    assert fire["header"]["version"] == "3.0.0" and fire["header"]["senderBpn"] == "BPNL00000001TEST"
    assert re.fullmatch(uuid4, fire["header"]["messageId"])
    assert re.fullmatch("urn:uuid:" + uuid4, fire["content"]["notificationId"])
    assert fire["content"]["status"] == "open" and fire["content"]["effect"] == "capacity-reduction"
    assert strike["content"]["status"] == "resolved"
    assert "agreement reached" in strike["content"]["resolvingMeasureDescription"]
    assert fire["content"]["startDateOfEffect"].startswith("2024-03-04T10:00:00")
    # the products cut by the fire: what the Dresden fab supplies
    assert fire["content"]["materialsAffected"] == [{"customerMaterialNumber": "semiconductors"}]
    # stable identity across exports
    again = {d["content"]["leadingRootCause"]: d for d in json.loads(run(env, "alerts", "export", "--format", "cx-0146").output)}
    assert again["strike"]["content"]["notificationId"] == strike["content"]["notificationId"]
    r = run(env, "alerts", "export", "--format", "cx-0146", "--receiver-bpn", "nope")
    assert r.exit_code == 2 and "BPNL" in r.output


def test_watch_once_renders_a_frame(env):
    r = run(env, "watch", "--once")
    assert r.exit_code == 0, r.output
    assert "Active alerts" in r.output and "Feed health" in r.output and "Recent events" in r.output
    assert "Fire at Dresden fab" in r.output and "notices to subscribers (outbox): 2 waiting" in r.output
    assert "\x1b" not in r.output


def test_actions_print_json_and_default_by_to_the_user(env, monkeypatch):
    monkeypatch.setenv("USER", "opsuser")
    monkeypatch.setenv("LOGNAME", "opsuser")
    r = run(env, "alerts", "ack", "1", "--json")  # --by defaults to the user, as for silence and resolve
    assert r.exit_code == 0, r.output
    acked = json.loads(r.output)
    assert (acked["id"], acked["state"], acked["acknowledged_by"]) == (1, "acknowledged", "opsuser")
    r = run(env, "alerts", "silence", "--node", "bavaria-auto", "--for", "2d", "--reason", "talks", "--json")
    assert r.exit_code == 0, r.output
    silence = json.loads(r.output)
    assert silence["matchers"] == {"node": "bavaria-auto"} and silence["author"] == "opsuser"
    assert silence["silenced"] == [2] and silence["ends_at"] > "2024"
    r = run(env, "alerts", "resolve", "1", "--reason", "fire out", "--json")
    assert r.exit_code == 0, r.output
    resolved = json.loads(r.output)
    assert resolved["state"] == "resolved" and "fire out" in resolved["resolved_reason"]


def test_export_writes_with_out_and_its_aliases(env, tmp_path):
    for flag in ("--out", "-o", "--output"):
        target = tmp_path / f"alerts{flag.strip('-')}.json"
        r = run(env, "alerts", "export", flag, str(target))
        assert r.exit_code == 0, r.output
        assert {a["type"] for a in json.loads(target.read_text())} == {"fire", "strike"}
    assert "--output" not in run(env, "alerts", "export", "--help").output  # hidden old spelling


def test_list_show_and_watch_say_when_it_was_published_and_separately_when_seen(tmp_path, monkeypatch):
    from datetime import timedelta

    import monitor.cli.alerts as cli_alerts
    from monitor.store import models as m

    monkeypatch.delenv("MONITOR_DATABASE_URL", raising=False)
    cfg = cli_config(tmp_path)
    engine, sessions = make_store(tmp_path)
    eid = add_event(sessions, target="fab-dresden", title="Fire at the Dresden fab", now=T0 - timedelta(hours=2))
    with transaction(sessions) as s:
        s.get(m.Event, eid).created_at = T0 - timedelta(minutes=30)  # fetched 90 minutes after publication
        process_pending_events(s, make_runtime(), T0 - timedelta(minutes=30))
    engine.dispose()
    monkeypatch.setattr(cli_alerts, "utcnow", lambda: T0)
    monkeypatch.setenv("COLUMNS", "200")
    listing = run(cfg, "alerts", "list").output
    assert "Published" in listing and "Seen" in listing
    row = next(line for line in listing.splitlines() if "Dresden fab" in line)
    assert "2 h ago" in row and "30 min ago" in row
    data = json.loads(run(cfg, "alerts", "list", "--json").output)
    assert data[0]["published_at"] == (T0 - timedelta(hours=2)).isoformat() and data[0]["types"] == ["fire"]
    shown = run(cfg, "alerts", "show", "1").output
    assert "2 h ago · Mon 04 Mar 2024, 08:00 UTC" in shown
    assert "Port news, published 2 h ago" in shown
    assert re.search(r"Seen\s+30 min ago", shown)
    watch = run(cfg, "watch", "--once").output
    assert "Published" in watch and "Seen" in watch


def test_list_filters_on_any_type_of_the_incident(env):
    assert [a["target"] for a in json.loads(run(env, "alerts", "list", "--json", "--type", "strike").output)] == ["bavaria-auto"]
    assert json.loads(run(env, "alerts", "list", "--json", "--type", "outage").output) == []
    bad = run(env, "alerts", "list", "--type", "fir")
    assert bad.exit_code != 0 and "unknown disruption type 'fir'" in bad.output


def test_show_says_the_severity_each_subscription_gets_and_why(env):
    r = run(env, "alerts", "show", "1", "--json")
    routes = json.loads(r.output)["routes"]
    assert routes == [{"subscription": "desk", "severity": "medium", "score": 0.48,
                       "why": "MEDIUM for you: it reaches Bavarian automotive cluster at 0.60 via Dresden fab "
                              "(confidence 0.80 × 0.60 = 0.48)"}]
    shown = run(env, "alerts", "show", "1").output
    assert "Severity per subscription" in shown and "MEDIUM for you" in shown
