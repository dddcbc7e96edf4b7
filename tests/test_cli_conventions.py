"""CLI conventions (gh, kubectl): --json on listings and actions, --out/-o, --limit, --by, exit statuses."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from helpers_graph import TINY, write_config
from monitor.cli import COMMAND_MODULES, cli

#: Commands whose output *is* the data (a file or a stream in a chosen format) or a live screen.
NO_JSON = {
    "run", "watch", "demo", "graph export", "graph import", "alerts export", "feeds export-opml",
}


def _commands() -> list[tuple[str, click.Command]]:
    ctx = click.Context(cli)
    out = []

    def walk(path: str, cmd: click.Command | None) -> None:
        assert cmd is not None, path
        if isinstance(cmd, click.Group):  # a group only dispatches: its commands follow the conventions
            for sub in cmd.list_commands(ctx):
                walk(f"{path} {sub}", cmd.get_command(ctx, sub))
        else:
            out.append((path, cmd))

    for name in COMMAND_MODULES:
        walk(name, cli.get_command(ctx, name))
    return out


def _options(cmd: click.Command) -> dict[str, click.Option]:
    return {o: p for p in cmd.params if isinstance(p, click.Option) for o in p.opts}


@pytest.mark.parametrize(("path", "cmd"), _commands(), ids=[p for p, _ in _commands()])
def test_command_follows_the_conventions(path: str, cmd: click.Command) -> None:
    opts = _options(cmd)
    if path not in NO_JSON:
        assert "--json" in opts, f"monitor {path} has no --json"
    if "--json" in opts:
        assert opts["--json"].is_flag
    for spelling in ("--output", "--top", "-O"):
        assert spelling not in opts or opts[spelling].hidden, f"monitor {path}: {spelling} is shown"
    if "--out" in opts:
        assert "-o" in opts["--out"].opts, f"monitor {path}: --out without -o"
    if "--by" in opts:
        by = opts["--by"]
        assert not by.required and by.default is None and "your user name" in (by.help or "")
    if path == "init":
        assert "--config" not in opts  # DIR is the config it creates
    help_text = cmd.get_help(click.Context(cmd, info_name=path))
    assert "Exit status" in help_text, f"monitor {path} --help does not state its exit statuses"


def test_init_json_lists_the_files_written(tmp_path: Path) -> None:
    target = tmp_path / "cfg"
    result = CliRunner().invoke(cli, ["init", str(target), "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["directory"] == target.as_posix()
    assert {"monitor.yaml", "feeds.yaml", "lexicon.yaml"} <= set(doc["files"])
    assert doc["graph_files"] == sum(1 for f in doc["files"] if f.startswith("graph/")) > 0
    assert all((target / f).is_file() for f in doc["files"])
    again = CliRunner().invoke(cli, ["init", str(target)], catch_exceptions=False)
    assert again.exit_code == 2  # not empty: bad input


def test_draw_json_reports_what_was_drawn(tmp_path: Path) -> None:
    cfg = write_config(tmp_path, TINY)
    out = tmp_path / "g.svg"
    result = CliRunner().invoke(cli, ["--config", str(cfg), "graph", "draw", "-o", str(out), "--json",
                                      "--disrupt", "silicon-saxony"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc == {"path": str(out), "nodes": 4, "edges": 3, "impacted": doc["impacted"], "available": 4}
    assert doc["impacted"] >= 2 and out.read_bytes().lstrip().startswith((b"<?xml", b"<svg"))


def test_root_and_group_help_state_the_exit_statuses() -> None:
    for args in ([], ["graph"], ["alerts"], ["feeds"], ["db"]):
        result = CliRunner().invoke(cli, [*args, "--help"], catch_exceptions=False)
        assert result.exit_code == 0
        assert "Exit status: 0 done; 1 not found or the operation failed; 2 bad input" in result.output, args
