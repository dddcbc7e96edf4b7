"""``monitor graph validate|show|export|import`` and ``monitor init``: output and exit codes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
from click.testing import CliRunner

from graphs.loader import validate_graph
from monitor.cli import cli
from monitor.paths import default_config_dir
from tests.helpers_graph import TINY, write_config

REPO = Path(__file__).resolve().parents[1]
MONITOR = [str(Path(sys.executable).parent / "monitor")]  # the installed console script


def run_monitor(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed console script, in a real subprocess."""
    env = {k: v for k, v in os.environ.items() if k != "MONITOR_CONFIG"}
    return subprocess.run(MONITOR + list(args), cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def invoke(*args: str, columns: int = 80):  # -> click.testing.Result
    """In-process run; ``columns`` is the terminal width rich sees."""
    return CliRunner(env={"COLUMNS": str(columns)}).invoke(cli, list(args), catch_exceptions=False)


BROKEN = dict(
    TINY,
    **{"more.yaml": "edges:\n  - from: silicon-saxony\n    to: port-hambrug\n    product: chips\n    share: 2\n"},
)


# ---------------------------------------------------------------- validate


def test_validate_ok_in_a_subprocess_with_default_config_dir(tmp_path: Path) -> None:
    write_config(tmp_path, TINY)  # ./config is the default
    result = run_monitor("graph", "validate", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "graph OK: 4 nodes, 3 edges, 2 ecosystems (0 warnings)\n"


def test_validate_errors_exit_2_with_file_and_line(tmp_path: Path) -> None:
    cfg = write_config(tmp_path, BROKEN)
    result = run_monitor("graph", "validate", "--config", str(cfg), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout.splitlines() == [
        "graph/more.yaml:3: edge silicon-saxony -> port-hambrug: 'to' names unknown node 'port-hambrug'"
        ' (did you mean "port-hamburg"?)',
        "graph/more.yaml:5: edge silicon-saxony -> port-hambrug: 'share' must be in (0, 1], got 2",
    ]
    assert result.stderr == "monitor: error: graph invalid: 2 errors (0 warnings)\n"


def test_validate_json_lists_problems_and_exit_code(tmp_path: Path) -> None:
    cfg = write_config(tmp_path, BROKEN)
    result = invoke("graph", "validate", "--json", "--config", str(cfg))
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    assert (doc["ok"], doc["errors"], doc["warnings"]) == (False, 2, 0)
    assert [(p["file"], p["line"], p["level"]) for p in doc["problems"]] == [
        ("graph/more.yaml", 3, "error"), ("graph/more.yaml", 5, "error"),
    ]
    ok = invoke("graph", "validate", "--json", "--config", str(write_config(tmp_path / "ok", TINY)))
    assert ok.exit_code == 0
    assert json.loads(ok.stdout)["summary"] == {"nodes": 4, "edges": 3, "ecosystems": 2}


def test_validate_prints_warnings_and_exits_0(tmp_path: Path) -> None:
    cfg = write_config(tmp_path, dict(TINY, **{"x.yaml": "nodes:\n  - {id: x, name: X, kind: hub}\n"}))
    result = invoke("graph", "validate", "--config", str(cfg))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "graph/x.yaml:2: warning: node 'x' has no aliases: news naming it will only match its name",
        "graph/x.yaml:2: warning: node 'x' is not connected: no edge or 'via' touches it",
        "graph OK: 5 nodes, 3 edges, 2 ecosystems (2 warnings)",
    ]


def test_missing_config_or_graph_dir_is_one_line_exit_2(tmp_path: Path) -> None:
    result = run_monitor("graph", "validate", "--config", "nowhere", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "monitor: error: config directory not found: nowhere (use --config DIR or $MONITOR_CONFIG)\n"
    )
    (tmp_path / "empty").mkdir()
    for command in (["validate"], ["show", "--json"], ["export", "--format", "json"]):
        result = invoke("graph", *command, "--config", str(tmp_path / "empty"))
        assert result.exit_code == 2
        assert result.stderr.strip().splitlines() == [
            f"monitor: error: graph directory not found: {tmp_path / 'empty' / 'graph'}"
            " (every config needs graph/*.yaml)"
        ]


def test_group_level_config_option_works(tmp_path: Path) -> None:
    cfg = write_config(tmp_path, TINY)
    result = invoke("--config", str(cfg), "graph", "validate")
    assert result.exit_code == 0 and "graph OK: 4 nodes" in result.stdout


# ---------------------------------------------------------------- show


def test_show_json_lists_every_field(tmp_path: Path) -> None:
    cfg = write_config(tmp_path, TINY)
    result = invoke("graph", "show", "--json", "--config", str(cfg))
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {"ecosystems", "nodes", "edges"}
    assert [n["id"] for n in data["nodes"]] == ["silicon-saxony", "bavaria-automotive", "port-hamburg",
                                                "automotive-slovakia"]
    assert set(data["nodes"][0]) == {"id", "name", "kind", "ecosystem", "location", "aliases", "provides",
                                     "description"}
    assert data["nodes"][0]["location"]["city"] == "Dresden"
    assert data["edges"][0] == {"from": "silicon-saxony", "to": "bavaria-automotive", "product": "semiconductors",
                                "share": 0.4, "via": ["port-hamburg"]}


def test_show_table_summarises_per_ecosystem_and_kind(tmp_path: Path) -> None:
    cfg = write_config(tmp_path, TINY)
    result = invoke("graph", "show", "--config", str(cfg), columns=160)
    assert result.exit_code == 0
    out = result.stdout
    assert "4 nodes, 3 edges, 2 ecosystems, 3 files" in out
    assert "Mobility, transport & automotive" in out
    rows = {line.split("│")[1].strip(): line for line in out.splitlines() if line.count("│") > 3}
    assert set(rows) >= {"electronics", "mobility", "-"}
    # mobility: 2 clusters, 2 nodes, 3 edges in, 2 of them from electronics
    cells = [c.strip() for c in rows["mobility"].split("│")[1:-1]]
    assert cells[2:] == ["2", "3", "2", "2 cluster"]
    assert [c.strip() for c in rows["all"].split("│")[1:-1]][2:5] == ["4", "3", "2"]


def test_show_on_a_broken_graph_exits_2_with_each_error(tmp_path: Path) -> None:
    cfg = write_config(tmp_path, BROKEN)
    result = run_monitor("graph", "show", "--config", str(cfg), cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines()[0] == (
        "monitor: error: graph/more.yaml:3: edge silicon-saxony -> port-hambrug: 'to' names unknown node"
        " 'port-hambrug' (did you mean \"port-hamburg\"?)"
    )
    assert len(result.stderr.splitlines()) == 2


# ---------------------------------------------------------------- export / import


def test_export_to_stdout_and_to_a_file(tmp_path: Path) -> None:
    cfg = write_config(tmp_path, TINY)
    result = invoke("graph", "export", "--format", "graphml", "--config", str(cfg))
    assert result.exit_code == 0
    g = nx.read_graphml(io.BytesIO(result.stdout_bytes), force_multigraph=True)
    assert g.number_of_nodes() == 4 and g.number_of_edges() == 3

    out = tmp_path / "g.gexf"
    result = invoke("graph", "export", "--format", "gexf", "--out", str(out), "--config", str(cfg))
    assert result.exit_code == 0 and f"wrote {out}" in result.stdout
    assert nx.read_gexf(out).number_of_edges() == 3

    result = invoke("graph", "export", "--format", "json", "--config", str(cfg))
    assert len(json.loads(result.stdout)["edges"]) == 3


def test_export_csv_needs_a_directory(tmp_path: Path) -> None:
    cfg = write_config(tmp_path, TINY)
    result = invoke("graph", "export", "--format", "csv", "--config", str(cfg))
    assert result.exit_code == 2
    assert result.stderr == "monitor: error: csv export writes nodes.csv and edges.csv: give --out DIR\n"
    result = invoke("graph", "export", "--format", "pdf", "--config", str(cfg))
    assert result.exit_code == 2 and "'pdf' is not one of" in result.stderr


def test_export_csv_then_import_round_trips_through_the_cli(tmp_path: Path) -> None:
    cfg = write_config(tmp_path, TINY)
    result = run_monitor("graph", "export", "--format", "csv", "--out", "sheet", "--config", str(cfg), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    new = tmp_path / "new" / "graph"
    new.mkdir(parents=True)
    result = run_monitor("graph", "import", "sheet/nodes.csv", "sheet/edges.csv", "--out", str(new / "g.yaml"),
                         cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    original, _ = validate_graph(cfg / "graph")
    again, problems = validate_graph(new)
    assert problems == [] and again is not None and original is not None
    assert [(e.source, e.target, e.product, e.share, e.via) for e in again.edges] == [
        (e.source, e.target, e.product, e.share, e.via) for e in original.edges]
    assert {k: (n.name, n.kind, n.ecosystem, n.location, n.aliases, n.provides, n.description)
            for k, n in again.nodes.items()} == {
        k: (n.name, n.kind, n.ecosystem, n.location, n.aliases, n.provides, n.description)
        for k, n in original.nodes.items()}

    # Writing over an existing file needs --force; stdout needs nothing.
    result = run_monitor("graph", "import", "sheet/nodes.csv", "sheet/edges.csv", "--out", str(new / "g.yaml"),
                         cwd=tmp_path)
    assert result.returncode == 2 and "exists (use --force to overwrite)" in result.stderr
    result = run_monitor("graph", "import", "sheet/nodes.csv", "sheet/edges.csv", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("# Imported from sheet/nodes.csv")


def test_import_errors_name_the_csv_file_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "n.csv").write_text("id,name,kind,lat\nport-gdansk,Port of Gdańsk,port,54.4\nx,X,port,far\n")
    (tmp_path / "e.csv").write_text("from,to,product\nport-gdansk,y,steel\n")
    result = run_monitor("graph", "import", "n.csv", "e.csv", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "monitor: error: e.csv:2: edge port-gdansk -> y: 'to' names unknown node 'y'",
        "monitor: error: n.csv:3: column 'lat': expected a number, got 'far'",
    ]


# ---------------------------------------------------------------- init


def test_init_copies_the_defaults_and_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "myconfig"
    result = run_monitor("init", str(target), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"wrote the default config to {target.as_posix()}")
    assert f"monitor check --config {target.as_posix()}" in result.stdout
    source = default_config_dir()
    expected = sorted(p.relative_to(source).as_posix() for p in source.rglob("*")
                      if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith("."))
    got = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert got == expected
    assert any(g.startswith("graph/") for g in got)
    for rel in got:
        assert (target / rel).read_bytes() == (source / rel).read_bytes()
    result = run_monitor("graph", "validate", "--config", str(target), cwd=tmp_path)
    assert result.returncode == 0 and "graph OK: " in result.stdout

    (target / "graph" / "mine.yaml").write_text("# my additions\n")
    result = run_monitor("init", str(target), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == f"monitor: error: {target} exists and is not empty (use --force to overwrite its defaults)\n"
    result = run_monitor("init", str(target), "--force", cwd=tmp_path)
    assert result.returncode == 0
    assert (target / "graph" / "mine.yaml").read_text() == "# my additions\n"  # left alone


def test_init_into_an_existing_empty_dir(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = invoke("init", str(tmp_path / "empty"))
    assert result.exit_code == 0
    assert (tmp_path / "empty" / "graph").is_dir()
    (tmp_path / "afile").write_text("x")
    result = invoke("init", str(tmp_path / "afile"))
    assert result.exit_code == 2 and "is not a directory" in result.stderr


def test_graph_help_lists_the_commands() -> None:
    result = invoke("graph", "--help")
    for command in ("validate", "show", "export", "import"):
        assert command in result.stdout


def test_validate_the_bundled_default_in_a_subprocess(tmp_path: Path) -> None:
    result = run_monitor("graph", "validate", "--config", str(REPO / "config"), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    summary = result.stdout.splitlines()[-1]
    assert summary.startswith("graph OK: ") and "ecosystems (" in summary
    assert not any(": warning: " not in line for line in result.stdout.splitlines()[:-1])


def test_bundled_default_round_trips_through_csv_and_json(tmp_path: Path) -> None:
    cfg = REPO / "config"
    result = invoke("graph", "export", "--format", "csv", "--out", str(tmp_path / "csv"), "--config", str(cfg))
    assert result.exit_code == 0
    result = invoke("graph", "import", str(tmp_path / "csv" / "nodes.csv"), str(tmp_path / "csv" / "edges.csv"))
    assert result.exit_code == 0
    again = write_config(tmp_path / "again", {"all.yaml": result.stdout}, dedent=False)
    shown = [invoke("graph", "show", "--json", "--config", str(c)).stdout for c in (cfg, again)]
    original, imported = (json.loads(s) for s in shown)
    assert imported["nodes"] == original["nodes"] and imported["edges"] == original["edges"]
    assert sorted(imported["ecosystems"], key=str) == sorted(original["ecosystems"], key=str)
