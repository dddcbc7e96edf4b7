"""``monitor check``: every problem of every config file in one run, at the line of the value."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from helpers_graph import TINY, write_config
from monitor.cli import cli

REPO = Path(__file__).resolve().parents[1]


def invoke(cfg: Path, *args: str):  # -> click.testing.Result
    return CliRunner().invoke(cli, ["check", "--config", str(cfg), *args], catch_exceptions=False)


def planted(tmp_path: Path) -> Path:
    """A config with errors in monitor.yaml, feeds.yaml, lexicon.yaml and two graph files."""
    files = dict(TINY)
    files["more.yaml"] = (
        "nodes:\n"                                      # 1
        "  - id: lonely\n"                              # 2
        "    name: Lonely\n"                            # 3
        "    kind: harbour\n"                           # 4  unknown kind
        "    aliases: [Lonely]\n"                       # 5
        "    provides: [x, [nested]]\n"                 # 6  list item that is not a string
    )
    files["broken.yaml"] = "edges:\n  - {from: a, to: [b,\n\n"  # '[' opened on line 2, never closed
    cfg = write_config(tmp_path, files)
    (cfg / "monitor.yaml").write_text(
        "database: sqlite:///x.db\n"                                     # 1
        "subscriptions:\n"                                               # 2
        "  - name: Desk\n"                                               # 3
        "    email: [ok@example.org,\n"                                  # 4
        "            not-an-address]\n"                                  # 5  value inside a flow list
        "    nodes:\n"                                                   # 6
        "      - silicon-saxony\n"                                       # 7
        "      - silicon-saxonny\n"                                      # 8  unknown node (did you mean)
        "    min_severity: meduim\n"                                     # 9
        "  - {name: Flow, ecosystems: [electronics, mobilty],\n"         # 10
        "     digest: weekly}\n"                                         # 11 value inside a flow mapping
        "alerts:\n"                                                      # 12
        "  group_wait:\n"                                                # 13
        "    soon\n"                                                     # 14 value on the line after its key
    )
    (cfg / "feeds.yaml").write_text(
        "news:\n"                                                        # 1
        "  - {name: A, url: 'https://a.example/feed', intervall: 15m}\n"  # 2 unknown key
        "trade:\n"                                                       # 3
        "  - name: T\n"                                                  # 4
        "    url: t.csv\n"                                               # 5
        "    target: silicon-saxony->bavaria-automotiv\n"                # 6 no such edge
    )
    (cfg / "lexicon.yaml").write_text(
        "types:\n"                                                       # 1
        "  fire:\n"                                                      # 2
        "    termz: {en: [blaze]}\n"                                     # 3
    )
    return cfg


EXPECTED = [
    "monitor.yaml:5: subscription Desk: 'not-an-address' is not an email address",
    "monitor.yaml:8: subscription 'Desk': unknown node 'silicon-saxonny' (did you mean \"silicon-saxony\"?)",
    "monitor.yaml:9: subscription Desk: min_severity must be one of low, medium, high, critical, got 'meduim'"
    ' (did you mean "medium"?)',
    "monitor.yaml:10: subscription 'Flow': unknown ecosystem 'mobilty' (did you mean \"mobility\"?)",
    "monitor.yaml:11: subscription Flow: digest must be immediate, hourly or daily@HH:MM, got 'weekly'",
    "monitor.yaml:14: alerts.group_wait: expected a duration like 15m, 2h or 1d, got 'soon'",
    "feeds.yaml:2: unknown key 'intervall' in news feed A (did you mean \"interval\"?)",
    "feeds.yaml:6: trade feed 'T': no edge silicon-saxony -> bavaria-automotiv in the graph"
    ' (did you mean "silicon-saxony->bavaria-automotive"?)',
    "lexicon.yaml:3: unknown key 'termz' in types.fire (did you mean \"terms\"?)",
    "graph/broken.yaml:2: YAML syntax error: '[' opened here (flow sequence) is not closed;"
    " the parser stopped at line 3: expected the node content, but found the end of the file",
    "graph/more.yaml:4: node 'lonely': unknown kind 'harbour'",
    "graph/more.yaml:6: node 'lonely': 'provides' item 2 must be a non-empty string, got a list",
]


def test_every_planted_error_reported_in_one_run_at_its_value_line(tmp_path):
    cfg = planted(tmp_path)
    result = invoke(cfg)
    assert result.exit_code == 2, result.output
    lines = result.stdout.splitlines()
    for expected in EXPECTED:
        assert any(line.startswith(expected) for line in lines), f"missing {expected!r} in:\n" + "\n".join(lines)
    # Every line names a file relative to the config dir: no absolute or ../ paths.
    assert all(line.split(":", 1)[0] in ("monitor.yaml", "feeds.yaml", "lexicon.yaml") or line.startswith("graph/")
               for line in lines), lines
    # Files in a fixed order: monitor.yaml, feeds.yaml, lexicon.yaml, graph/.
    heads = [line.split(":", 1)[0].split("/")[0] for line in lines]
    assert heads == sorted(heads, key=["monitor.yaml", "feeds.yaml", "lexicon.yaml", "graph"].index)
    assert "config invalid: 12 errors" in result.stderr


def test_json_lists_the_same_problems(tmp_path):
    cfg = planted(tmp_path)
    result = invoke(cfg, "--json")
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    assert doc["ok"] is False and doc["errors"] == len(EXPECTED)
    got = [f"{p['file']}:{p['line']}: {p['message']}" for p in doc["problems"]]
    for expected in EXPECTED:
        assert any(g.startswith(expected) for g in got), expected
    assert {"monitor.yaml", "feeds.yaml", "lexicon.yaml", "graph/"} <= set(doc["files"])


def test_unterminated_quote_is_reported_where_it_opened(tmp_path):
    cfg = write_config(tmp_path, TINY)
    (cfg / "monitor.yaml").write_text('database: sqlite:///x.db\nsubscriptions:\n  - name: "Desk\n    nodes: [a]\n')
    (cfg / "feeds.yaml").write_text("news: [{name: A, url: 'https://a.example/feed'}\n")
    result = invoke(cfg)
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [
        "monitor.yaml:3: YAML syntax error: quote opened here (quoted scalar) is not closed;"
        " the parser stopped at line 4: found unexpected end of the file",
        "feeds.yaml:1: YAML syntax error: '[' opened here (flow sequence) is not closed:"
        " expected ',' or ']', but got the end of the file",
    ]


def test_valid_config_with_warning_exits_0(tmp_path):
    cfg = write_config(tmp_path, TINY)
    (cfg / "monitor.yaml").write_text(
        "smtp: {host: mail.example.org, sender: m@example.org,\n"
        "       password_env: UX_TEST_UNSET_PASSWORD}\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "UX_TEST_UNSET_PASSWORD"}
    result = CliRunner(env=env).invoke(cli, ["check", "--config", str(cfg)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("monitor.yaml:2: warning: smtp.password_env names UX_TEST_UNSET_PASSWORD")
    assert "config OK (1 warning): graph 4 nodes, 3 edges, 2 ecosystems" in lines[-1]
    doc = json.loads(invoke(cfg, "--json").stdout)
    assert doc["ok"] is True and doc["summary"]["nodes"] == 4


def test_shipped_config_passes_and_graph_validate_stays_graph_only(tmp_path):
    result = invoke(REPO / "config")
    assert result.exit_code == 0, result.output
    assert "config OK" in result.stdout
    # graph validate checks only graph/: a broken monitor.yaml does not fail it.
    cfg = write_config(tmp_path, TINY)
    (cfg / "monitor.yaml").write_text("subscriptions: [{name: D, min_severity: meduim}]\n")
    graph_only = CliRunner().invoke(cli, ["graph", "validate", "--config", str(cfg)], catch_exceptions=False)
    assert graph_only.exit_code == 0
    assert invoke(cfg).exit_code == 2


def test_daemon_refuses_the_same_config_with_the_same_lines(tmp_path):
    """`monitor run` loads through the same checks: what check reports is why run refuses."""
    cfg = planted(tmp_path)
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "monitor"), "run", "--once", "--config", str(cfg)],
        capture_output=True, text=True, timeout=60, cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert proc.returncode == 2, proc.stderr
    assert "monitor.yaml:8: subscription 'Desk': unknown node 'silicon-saxonny'" in proc.stderr


def test_database_url_and_driver_are_checked_at_their_line(tmp_path):
    cfg = write_config(tmp_path, TINY)
    (cfg / "monitor.yaml").write_text("# the store\ndatabase: 'postgresql://monitor:s3cret@db:99999/monitor'\n")
    runner = CliRunner(env={"MONITOR_DATABASE_URL": None})
    result = runner.invoke(cli, ["check", "--config", str(cfg)], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [
        "monitor.yaml:2: database is not a valid database URL: postgresql://monitor:***@db:99999/monitor:"
        " port 99999 is out of range"
    ]
    assert "s3cret" not in result.output
    (cfg / "monitor.yaml").write_text("database: 'nosuchdb://x'\n")
    result = runner.invoke(cli, ["check", "--config", str(cfg)], catch_exceptions=False)
    assert result.exit_code == 2 and "monitor.yaml:1: database: unknown database kind 'nosuchdb'" in result.stdout
    # $MONITOR_DATABASE_URL overrides the file, as for the daemon
    env_runner = CliRunner(env={"MONITOR_DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"})
    assert env_runner.invoke(cli, ["check", "--config", str(cfg)], catch_exceptions=False).exit_code == 0


def test_values_on_the_line_after_their_key_are_reported_there(tmp_path):
    files = dict(TINY)
    files["odd.yaml"] = (
        "nodes:\n"                 # 1
        "  - id: odd\n"            # 2
        "    name: Odd\n"          # 3
        "    kind:\n"              # 4
        "      7\n"                # 5  the value, a line below its key
        "    aliases: [Odd]\n"     # 6
    )
    cfg = write_config(tmp_path, files)
    (cfg / "lexicon.yaml").write_text("types:\n  fire:\n    ttl:\n      soon\n")
    lines = invoke(cfg).stdout.splitlines()
    assert "lexicon.yaml:4: types.fire.ttl: expected a duration like 15m, 2h or 1d, got 'soon'" in lines
    assert any(line.startswith("graph/odd.yaml:5: node 'odd': 'kind' must be a string, got 7") for line in lines), lines


def test_duplicate_feed_names_point_at_the_second_name_even_after_a_bad_entry(tmp_path):
    cfg = write_config(tmp_path, TINY)
    (cfg / "feeds.yaml").write_text(
        "news:\n"                                            # 1
        "  - just a string\n"                                # 2 not a mapping: reported, skipped
        "  - {name: A, url: 'https://a.example/1'}\n"        # 3
        "  - {name: B, url: 'https://a.example/2'}\n"        # 4
        "  - url: 'https://a.example/3'\n"                   # 5
        "    name: A\n"                                      # 6 the duplicate's name
    )
    lines = invoke(cfg).stdout.splitlines()
    assert "feeds.yaml:6: duplicate feed name 'A' (first at line 3)" in lines, lines
    assert any(line.startswith("feeds.yaml:2: ") for line in lines)
