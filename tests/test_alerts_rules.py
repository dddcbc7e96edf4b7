"""Pure alert rules: fingerprint, corroboration, severity, routing, silences, digests."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from monitor.alerts.model import (
    Report,
    corroborate,
    episode_key,
    fingerprint,
    order_types,
    independent_reports,
    merge_evidence,
    notice_name,
    parse_notice,
    severity_of,
    silence_matches,
)
from monitor.alerts.routing import alert_score, digest_due, impact_json, route
from monitor.settings import AlertSettings, Subscription
from helpers_alerts import make_runtime

THRESHOLDS = AlertSettings().severity_thresholds


def test_fingerprint_is_the_target_alone_and_stable_across_processes():
    import subprocess
    import sys

    assert len(fingerprint("fab-dresden")) == 16
    assert fingerprint("fab-dresden") != fingerprint("port-hamburg")
    assert fingerprint("a->b") != fingerprint("a")
    # another interpreter (another instance, a restart, another hash seed) computes the same key
    other = subprocess.run(
        [sys.executable, "-c", "from monitor.alerts.model import fingerprint; print(fingerprint('fab-dresden'))"],
        capture_output=True, text=True, check=True, env={"PYTHONHASHSEED": "12345", "PATH": ""},
    ).stdout.strip()
    assert other == fingerprint("fab-dresden")


def test_the_cause_is_the_primary_type_and_consequences_follow():
    assert order_types(["outage", "fire"]) == ["fire", "outage"]
    assert order_types(["blockage", "accident", "conflict", "blockage"]) == ["conflict", "accident", "blockage"]
    assert order_types(["shortage", "trade_drop"]) == ["shortage", "trade_drop"]


@pytest.mark.parametrize(
    "score,expected",
    [(0.0, "low"), (0.249, "low"), (0.25, "medium"), (0.5, "high"), (0.79, "high"), (0.8, "critical"), (1.0, "critical")],
)
def test_severity_thresholds_are_lower_bounds(score, expected):
    assert severity_of(score, THRESHOLDS) == expected


def test_corroboration_counts_sources_and_syndicated_stories_once():
    one = corroborate([Report("A", "s1", 0.6)])
    assert one == pytest.approx(0.6)
    # a second independent source raises confidence (noisy-OR)
    assert corroborate([Report("A", "s1", 0.6), Report("B", "s2", 0.6)]) == pytest.approx(0.84)
    # the same story syndicated by B counts once
    assert corroborate([Report("A", "s1", 0.6), Report("B", "s1", 0.6)]) == pytest.approx(0.6)
    # the same source twice counts once (its best report)
    assert corroborate([Report("A", "s1", 0.6), Report("A", "s2", 0.7)]) == pytest.approx(0.7)
    assert independent_reports([Report("A", "s1", 0.6), Report("B", "s1", 0.6), Report("C", "", 0.5)]) == 2
    # capped below certainty
    assert corroborate([Report(str(i), "", 0.9) for i in range(10)]) == 0.99


def test_evidence_is_latest_first_distinct_and_capped():
    old = [{"source": "A", "link": "l1", "time": "2024-01-01T00:00:00+00:00", "headline": "old"}]
    new = [{"source": f"S{i}", "link": f"n{i}", "time": f"2024-01-02T00:00:{i:02d}+00:00", "headline": str(i)} for i in range(30)]
    merged = merge_evidence(old, new + [dict(old[0])], cap=20)
    assert len(merged) == 20
    assert merged[0]["headline"] == "29"
    assert [e["source"] for e in merged].count("A") <= 1


def test_notice_names_carry_the_episode():
    assert notice_name("firing", "") == "firing"
    ep = episode_key(datetime(2024, 3, 4, tzinfo=UTC))
    assert notice_name("repeat", ep, 2) == f"repeat:2{ep}"
    assert parse_notice(f"repeat:2{ep}") == ("repeat", 2, ep)
    assert parse_notice("resolved") == ("resolved", 0, "")


def _impact(target: str):
    rt = make_runtime()
    return impact_json(rt.chain, rt.impact, target)


def test_impact_snapshot_keeps_names_paths_and_target_facts():
    imp = _impact("fab-dresden")
    assert imp["target"]["name"] == "Dresden fab"
    assert imp["target"]["kinds"] == ["site"] and imp["target"]["ecosystems"] == ["electronics"]
    hits = {h["node"]: h for h in imp["impacted"]}
    assert hits["bavaria-auto"]["score"] == pytest.approx(0.6)
    assert hits["dealer"]["path"] == ["fab-dresden", "bavaria-auto", "dealer"]
    assert "tiny-customer" not in hits  # 0.04 < floor
    assert imp["names"]["dealer"] == "Dealer network"
    assert any(a["node"] == "fab-villach" for a in imp["alternatives"])
    assert imp["reach"] == pytest.approx(0.6)
    # a disruption reaching nothing downstream counts half
    assert alert_score(0.8, _impact("far-away")) == pytest.approx(0.4)
    assert alert_score(0.8, imp) == pytest.approx(0.48)


def test_unknown_target_keeps_an_alert_with_an_empty_impact():
    imp = _impact("gone-node")
    assert imp["impacted"] == [] and imp["target"]["known"] is False and "error" in imp


def test_routing_at_own_node_downstream_ecosystem_and_floor():
    settings = AlertSettings()
    imp = _impact("fab-dresden")
    at_node = Subscription("fab", nodes=("fab-dresden",), min_severity="low")
    downstream = Subscription("bav", nodes=("dealer", "bavaria-auto"), min_severity="low")
    below_floor = Subscription("tiny", nodes=("tiny-customer",), min_severity="low")
    eco = Subscription("auto", ecosystems=("automotive",), min_severity="low")
    unrelated = Subscription("tex", nodes=("far-away",), ecosystems=("textiles",), min_severity="low")
    strict = Subscription("strict", nodes=("dealer",), min_severity="high")

    r = route(at_node, target="fab-dresden", confidence=0.9, impact=imp, settings=settings)
    assert r.severity == "critical" and r.score == pytest.approx(0.9)
    r = route(downstream, target="fab-dresden", confidence=0.9, impact=imp, settings=settings)
    assert r.score == pytest.approx(0.54) and r.severity == "high"
    assert r.nodes[0]["node"] == "bavaria-auto"  # best first, with its path
    assert r.nodes[0]["path"] == ["fab-dresden", "bavaria-auto"]
    assert route(below_floor, target="fab-dresden", confidence=0.9, impact=imp, settings=settings) is None
    r = route(eco, target="fab-dresden", confidence=0.9, impact=imp, settings=settings)
    assert r.ecosystems == ("automotive",) and r.score == pytest.approx(0.54)
    assert route(unrelated, target="fab-dresden", confidence=0.9, impact=imp, settings=settings) is None
    # dealer: 0.9 x 0.3 = 0.27 -> medium, below "high"
    assert route(strict, target="fab-dresden", confidence=0.9, impact=imp, settings=settings) is None
    catch_all = Subscription("all", min_severity="low")
    assert route(catch_all, target="fab-dresden", confidence=0.9, impact=imp, settings=settings).severity == "high"


def test_silence_matchers_all_must_match():
    imp = _impact("fab-dresden")
    kw = dict(alert_id=7, fingerprint_="abc", target="fab-dresden", type_="fire", impact=imp)
    assert silence_matches({"node": "fab-dresden"}, **kw)
    assert silence_matches({"kind": "site", "type": "fire"}, **kw)
    assert silence_matches({"ecosystem": "electronics"}, **kw)
    assert silence_matches({"alert": "7"}, **kw) and silence_matches({"alert": "abc"}, **kw)
    assert not silence_matches({"node": "fab-dresden", "type": "strike"}, **kw)
    assert not silence_matches({"kind": "port"}, **kw)
    assert not silence_matches({}, **kw)
    edge = dict(alert_id=8, fingerprint_="x", target="fab-dresden->bavaria-auto", type_="blockage",
                impact=_impact("fab-dresden->bavaria-auto"))
    assert silence_matches({"node": "bavaria-auto"}, **edge)
    # a --type silence matches any type of the incident, cause or consequence
    incident = dict(kw, types=["fire", "outage"])
    assert silence_matches({"type": "outage"}, **incident) and silence_matches({"type": "fire"}, **incident)
    assert not silence_matches({"type": "strike"}, **incident)


def test_digest_due_times():
    now = datetime(2024, 3, 4, 10, 17, tzinfo=UTC)
    assert digest_due("immediate", now) is None
    assert digest_due("hourly", now) == datetime(2024, 3, 4, 11, 0, tzinfo=UTC)
    assert digest_due("daily@08:00", now) == datetime(2024, 3, 5, 8, 0, tzinfo=UTC)
    assert digest_due("daily@18:30", now) == datetime(2024, 3, 4, 18, 30, tzinfo=UTC)


def test_terminal_flag_decides_which_alerts_the_daemon_prints():
    """`terminal: false` subscriptions keep their alerts off the terminal;
    with no subscriptions at all, every alert is shown."""
    from dataclasses import replace as _replace

    from monitor.alerts.routing import shown_on_terminal
    from monitor.settings import AlertSettings, Settings, Subscription

    class A:  # the fields shown_on_terminal reads from an alert snapshot
        target, confidence = "fab-dresden", 0.9
        impact = {"impacted": [{"node": "bavaria-auto", "score": 0.6, "path": ["fab-dresden", "bavaria-auto"]}],
                  "ecosystems": {"electronics": 1.0, "automotive": 0.6}, "target": {"node": "fab-dresden"}}

    quiet = Subscription("desk", email=("d@x.org",), nodes=("bavaria-auto",), min_severity="low", terminal=False)
    loud = _replace(quiet, name="ops", terminal=True)
    other = Subscription("far", nodes=("far-away",), min_severity="low", terminal=True)
    assert shown_on_terminal(A(), Settings(alerts=AlertSettings()))
    assert not shown_on_terminal(A(), Settings(subscriptions=(quiet,), alerts=AlertSettings()))
    assert shown_on_terminal(A(), Settings(subscriptions=(quiet, loud), alerts=AlertSettings()))
    assert not shown_on_terminal(A(), Settings(subscriptions=(other,), alerts=AlertSettings()))
