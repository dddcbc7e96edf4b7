"""``monitor simulate``, ``monitor graph lint`` and ``monitor graph draw`` on a real config dir."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from helpers_impact import hand_chain

from monitor.cli import cli


def write_config(root: Path) -> Path:
    """The hand-built chain as analysts would write it: config/graph/chain.yaml."""
    chain = hand_chain()
    doc = {
        "ecosystems": [{"id": e.id, "name": e.name} for e in chain.ecosystems.values()],
        "nodes": [],
        "edges": [],
    }
    for n in chain.nodes.values():
        item = {"id": n.id, "name": n.name, "kind": n.kind, "aliases": list(n.aliases)}
        if n.ecosystem:
            item["ecosystem"] = n.ecosystem
        loc = {k: getattr(n.location, k) for k in ("country", "lat", "lon") if getattr(n.location, k) is not None}
        if loc:
            item["location"] = loc
        if n.provides:
            item["provides"] = list(n.provides)
        doc["nodes"].append(item)
    for e in chain.edges:
        item = {"from": e.source, "to": e.target, "product": e.product, "share": e.share}
        if e.via:
            item["via"] = list(e.via)
        doc["edges"].append(item)
    cfg = root / "config"
    (cfg / "graph").mkdir(parents=True)
    (cfg / "graph" / "chain.yaml").write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return cfg


@pytest.fixture()
def cfg(tmp_path: Path) -> Path:
    return write_config(tmp_path)


def run(cfg: Path, *args: str):
    return CliRunner().invoke(cli, ["--config", str(cfg), *args], catch_exceptions=False)


def test_simulate_json_shape_and_values(cfg):
    result = run(cfg, "simulate", "silicon-saxony", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= {"impacted", "alternatives", "ecosystems"}
    hits = data["impacted"]
    assert [h["node"] for h in hits] == [
        "bosch-ecu", "bavaria-automotive", "fab-czech", "slovakia-automotive", "dealer-network",
    ]
    assert [h["score"] for h in hits] == [0.8, 0.72, 0.6, 0.4, 0.36]
    assert hits[1]["path"] == ["silicon-saxony", "bosch-ecu", "bavaria-automotive"]
    assert all(set(h) == {"node", "score", "path"} for h in hits)
    alt = data["alternatives"]
    assert all({"node", "product", "replaces", "for"} <= set(a) for a in alt)
    bavaria = [a["node"] for a in alt if a["for"] == "bavaria-automotive"]
    assert bavaria[:2] == ["fab-ireland", "fab-austria"]
    assert data["ecosystems"] == {"electronics": 1.0, "automotive": 0.8}


def test_simulate_edge_and_floor(cfg):
    data = json.loads(run(cfg, "simulate", "port-hamburg", "--json", "--floor", "0.01").output)
    assert [(h["node"], h["score"]) for h in data["impacted"]] == [
        ("slovakia-automotive", 0.3), ("dealer-network", 0.03),
    ]
    data = json.loads(run(cfg, "simulate", "bosch-ecu->bavaria-automotive", "--json").output)
    assert [h["node"] for h in data["impacted"]] == ["bavaria-automotive", "dealer-network"]
    assert run(cfg, "simulate", "port-hamburg", "--floor", "0").exit_code == 2


def test_simulate_rich_tree_and_table(cfg):
    result = run(cfg, "simulate", "silicon-saxony")
    assert result.exit_code == 0
    out = result.output
    assert "Disruption of Silicon Saxony" in out
    assert "Bosch ECU plant (bosch-ecu)  0.80" in out
    # Bavaria hangs under Bosch in the tree: its line comes after Bosch's, indented deeper
    lines = out.splitlines()
    bosch = next(i for i, line in enumerate(lines) if "Bosch ECU plant (bosch-ecu)  0.80" in line)
    bavaria = next(i for i, line in enumerate(lines) if "Bavarian automotive cluster" in line and "0.72" in line)
    assert bavaria > bosch
    assert lines[bavaria].index("Bavarian") > lines[bosch].index("Bosch")
    assert "Alternatives" in out and "Leixlip fab" in out and "yes" in out
    assert "Ecosystems: Electronics 1.00, Automotive 0.80" in out


def test_unknown_node_is_one_line_with_suggestion_exit_2(cfg):
    # a real process: exit code and stderr as a user sees them
    env = {**os.environ, "MONITOR_CONFIG": str(cfg)}
    proc = subprocess.run(
        [sys.executable, "-c", "from monitor.cli import main; main()", "simulate", "silicon-saxonny"],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    err = proc.stderr.strip().splitlines()
    assert err == ["monitor: error: unknown node 'silicon-saxonny' (did you mean \"silicon-saxony\"?)"]


def test_broken_graph_reports_file_and_line(cfg):
    path = cfg / "graph" / "chain.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("share: 0.9", "share: 1.9"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", str(cfg), "simulate", "silicon-saxony"])
    assert result.exit_code == 2
    assert "graph/chain.yaml:" in result.output and "share" in result.output


def test_lint_json_and_tables(cfg):
    result = run(cfg, "graph", "lint", "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["nodes"] == 14
    assert data["chokepoints"][0]["node"] == "port-hamburg"
    assert data["articulation_points"][0]["node"] == "silicon-saxony"
    assert data["single_points_of_failure"][0]["customer"] == "bavaria-automotive"
    text = run(cfg, "graph", "lint", "--limit", "3").output
    for title in ("Single points of failure", "Chokepoints", "Articulation points", "Cross-ecosystem bridges",
                  "Widest reach"):
        assert title in text
    assert "3 of 8 shown" in text
    assert run(cfg, "graph", "lint", "--top", "3").output == text  # the earlier name still works


def test_draw_writes_pictures_and_rejects_bad_input(cfg, tmp_path):
    out = tmp_path / "pic.png"
    result = run(cfg, "graph", "draw", "--out", str(out), "--disrupt", "silicon-saxony")
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "5 impacted" in result.output
    svg = tmp_path / "around.svg"
    assert run(cfg, "graph", "draw", "--out", str(svg), "--around", "bosch-ecu", "--depth", "1").exit_code == 0
    assert b"<svg" in svg.read_bytes()[:2000]
    bad = CliRunner().invoke(cli, ["--config", str(cfg), "graph", "draw", "--out", str(tmp_path / "x.gif")])
    assert bad.exit_code == 2 and "must end in .png or .svg" in bad.output
    bad = CliRunner().invoke(
        cli, ["--config", str(cfg), "graph", "draw", "--out", str(out), "--around", "bosh-ecu"]
    )
    assert bad.exit_code == 2 and 'did you mean "bosch-ecu"' in bad.output
