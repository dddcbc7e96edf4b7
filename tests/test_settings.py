"""monitor.yaml and feeds.yaml: defaults, every knob, and precise file:line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphs.yamlsrc import ConfigError
from monitor.config import load_runtime
from monitor.settings import load_feeds, load_settings


def _problems(fn, cfg: Path) -> list[str]:
    with pytest.raises(ConfigError) as info:
        fn(cfg)
    return [str(p) for p in info.value.problems]


def test_missing_files_mean_defaults_and_no_sources(tmp_path):
    settings = load_settings(tmp_path)
    assert settings.database is None and settings.smtp is None and settings.subscriptions == ()
    assert settings.alerts.group_wait == 30 and settings.schedule.lease == 60
    assert settings.alerts.max_age == 7 * 86400
    feeds = load_feeds(tmp_path)
    assert feeds.news == () and feeds.trade == ()


def test_every_section_is_read(tmp_path):
    (tmp_path / "monitor.yaml").write_text(
        "database: sqlite:///x.db\n"
        "smtp: {host: mail.example.org, port: 465, ssl: true, sender: m@example.org, password_env: PW}\n"
        "subscriptions:\n"
        "  - {name: Desk, email: [d@example.org], nodes: [a], min_severity: high, digest: 'daily@07:30', terminal: false}\n"
        "alerts: {group_wait: 0, repeat_interval: 2h, max_age: 3d, ttl: {strike: 1d}, severity_thresholds: {low: 0, medium: 0.2, high: 0.4, critical: 0.9}}\n"
        "schedule: {tick: 10s, retention: 30d, lease: 2m}\n"
        "fetch: {read_timeout: 5s, max_body_mb: 2, per_host: 1}\n"
    )
    s = load_settings(tmp_path)
    assert (s.smtp.port, s.smtp.ssl, s.smtp.starttls, s.smtp.password_env) == (465, True, False, "PW")
    (sub,) = s.subscriptions
    assert (sub.min_severity, sub.digest, sub.terminal, sub.email) == ("high", "daily@07:30", False, ("d@example.org",))
    assert s.alerts.group_wait == 0 and s.alerts.repeat_interval == 7200 and s.alerts.ttl == {"strike": 86400}
    assert s.alerts.max_age == 3 * 86400
    assert s.alerts.severity_thresholds["critical"] == 0.9
    assert (s.schedule.tick, s.schedule.retention, s.schedule.lease) == (10, 30 * 86400, 120)
    kw = s.fetch.fetcher_kwargs()
    assert kw["read_timeout"] == 5 and kw["max_bytes"] == 2 * 1024 * 1024 and kw["per_host"] == 1


def test_monitor_yaml_errors_name_line_and_suggest(tmp_path):
    (tmp_path / "monitor.yaml").write_text(
        "database: sqlite:///x.db\n"            # 1
        "smtp:\n"                                # 2
        "  host: mail.example.org\n"             # 3
        "  sender: m@example.org\n"              # 4
        "  password: hunter2\n"                  # 5
        "subscriptions:\n"                       # 6
        "  - name: Desk\n"                       # 7
        "    email: [not-an-address]\n"          # 8
        "    min_severity: hgh\n"                # 9
        "    digst: hourly\n"                    # 10
        "alerts:\n"                              # 11
        "  repeat_interval: soon\n"              # 12
        "  severity_thresholds: {low: 0.5, medium: 0.2}\n"  # 13
        "  max_age: a week\n"                   # 14
    )
    problems = _problems(load_settings, tmp_path)
    text = "\n".join(problems)
    assert "monitor.yaml:5: smtp.password is not read from files" in text
    assert "monitor.yaml:8: subscription Desk: 'not-an-address' is not an email address" in text
    assert 'monitor.yaml:9: subscription Desk: min_severity must be one of low, medium, high, critical, got \'hgh\' (did you mean "high"?)' in text
    assert "monitor.yaml:10: unknown key 'digst' in subscription Desk (did you mean \"digest\"?)" in text
    assert "monitor.yaml:12: alerts.repeat_interval: expected a duration like 15m, 2h or 1d, got 'soon'" in text
    assert "monitor.yaml:13: alerts.severity_thresholds must increase from low to critical" in text
    assert "monitor.yaml:14: alerts.max_age: expected a duration like 15m, 2h or 1d, got 'a week'" in text


def test_feeds_yaml_errors_and_relative_paths(tmp_path):
    (tmp_path / "feeds.yaml").write_text(
        "news:\n"
        "  - {name: A, url: feeds/a.xml, interval: 15m}\n"
        "  - {name: A, url: 'http://x.example/rss', intervl: 5m}\n"
        "trade:\n"
        "  - {name: T, url: t.csv, target: a->b, format: xls, drop: 2}\n"
    )
    text = "\n".join(_problems(load_feeds, tmp_path))
    assert 'feeds.yaml:3: unknown key \'intervl\' in news feed A (did you mean "interval"?)' in text
    assert "feeds.yaml:3: duplicate feed name 'A' (first at line 2)" in text
    assert "feeds.yaml:5: trade feed T: format must be csv or json, got 'xls'" in text
    assert "feeds.yaml:5: trade feed T.drop must be between 0.01 and 0.99, got 2" in text
    (tmp_path / "feeds.yaml").write_text("news:\n  - {name: A, url: feeds/a.xml}\n")
    (a,) = load_feeds(tmp_path).news
    assert a.url == str((tmp_path / "feeds" / "a.xml").resolve()) and a.interval == 900


def test_runtime_cross_checks_subscriptions_and_trade_targets_against_the_graph(tmp_path):
    (tmp_path / "graph").mkdir()
    (tmp_path / "graph" / "g.yaml").write_text(
        "ecosystems: [{id: eco, name: Eco}]\n"
        "nodes:\n"
        "  - {id: port-a, name: Port A, kind: port, ecosystem: eco, aliases: [Port A]}\n"
        "  - {id: plant-b, name: Plant B, kind: site, ecosystem: eco, aliases: [Plant B]}\n"
        "edges:\n"
        "  - {from: port-a, to: plant-b, product: parts, share: 0.5}\n"
    )
    (tmp_path / "monitor.yaml").write_text("subscriptions:\n  - {name: S, nodes: [port-b], ecosystems: [ecco]}\n")
    (tmp_path / "feeds.yaml").write_text(
        "trade:\n"
        "  - {name: T1, url: t.csv, target: plant-c}\n"
        "  - {name: T2, url: t.csv, target: plant-b->port-a}\n"
    )
    text = "\n".join(_problems(load_runtime, tmp_path))
    assert "monitor.yaml:2: subscription 'S': unknown node 'port-b' (did you mean \"port-a\"?)" in text
    assert "monitor.yaml:2: subscription 'S': unknown ecosystem 'ecco' (did you mean \"eco\"?)" in text
    assert "feeds.yaml:2: trade feed 'T1': unknown node 'plant-c' (did you mean \"plant-b\"?)" in text
    assert "feeds.yaml:3: trade feed 'T2': no edge plant-b -> port-a in the graph" in text


def test_burst_section_is_read_and_its_errors_name_the_line(tmp_path):
    assert load_settings(tmp_path).burst.enabled is True
    assert (load_settings(tmp_path).burst.window_hours, load_settings(tmp_path).burst.baseline_hours) == (6, 168)
    (tmp_path / "monitor.yaml").write_text("burst: {enabled: false, window: 3h, baseline: 14d}\n")
    b = load_settings(tmp_path).burst
    assert (b.enabled, b.window_hours, b.baseline_hours) == (False, 3, 14 * 24)
    (tmp_path / "monitor.yaml").write_text(
        "burst:\n"                 # 1
        "  enabled: yes please\n"  # 2
        "  window: 90m\n"          # 3
        "  baseline: 2d\n"         # 4
        "  windo: 3h\n"            # 5
    )
    text = "\n".join(_problems(load_settings, tmp_path))
    assert "monitor.yaml:2: burst.enabled must be true or false, got 'yes please'" in text
    assert "monitor.yaml:3: burst.window must be whole hours from 1h to 2d, got '90m'" in text
    assert "monitor.yaml:5: unknown key 'windo' in burst (did you mean \"window\"?)" in text
    (tmp_path / "monitor.yaml").write_text("burst:\n  window: 12h\n  baseline: 1d\n")
    assert _problems(load_settings, tmp_path) == [
        "monitor.yaml:3: burst.baseline (1d) must be at least 4 windows (48h): "
        "the usual rate needs several windows to compare with"]
