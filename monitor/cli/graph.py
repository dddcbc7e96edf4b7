"""``monitor graph ...``: validate, show, export, import (lint and draw: see analysis)."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import click
from rich.table import Table
from rich.text import Text

from graphs.export import FORMATS, export_csv, export_graph, import_csv, to_dict
from graphs.loader import validate_graph
from graphs.model import NODE_KINDS, ValueChain
from graphs.yamlsrc import ConfigError, Problem
from monitor.cli import cli
from monitor.cli.common import EXIT_BAD_INPUT, MonitorGroup, config_dir, config_option, console, fail, print_json

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@cli.group("graph", cls=MonitorGroup)
@config_option
def graph_group() -> None:
    """Validate, inspect, export and draw the value-chain graph."""


def graph_paths() -> tuple[Path, Path]:
    """``(config dir, graph dir)`` of the running command; exit 2 if either is missing."""
    cfg = config_dir()
    if not cfg.is_dir():
        fail(f"config directory not found: {cfg} (use --config DIR or $MONITOR_CONFIG)", EXIT_BAD_INPUT)
    graph = cfg / "graph"
    if not graph.is_dir():
        fail(f"graph directory not found: {graph} (every config needs graph/*.yaml)", EXIT_BAD_INPUT)
    return cfg, graph


def load_chain() -> tuple[ValueChain, list[Problem]]:
    """The graph of the running command's config, with its warnings.

    Errors raise :class:`ConfigError` (turned into one-line messages, exit 2).
    """
    cfg, graph = graph_paths()
    chain, problems = validate_graph(graph, display_root=cfg)
    if chain is None:
        raise ConfigError(problems)
    return chain, problems


def _clean(text: str) -> str:
    """Config text for the terminal: no control characters."""
    return _CONTROL.sub("?", text)


@graph_group.command("validate")
@config_option
@click.option("--json", "as_json", is_flag=True, help="One JSON document: ok, counts, every problem.")
def validate_command(as_json: bool) -> None:
    """Check every graph file; print each problem as FILE:LINE: message.

    The graph-only part of `monitor check` (which also checks monitor.yaml,
    feeds.yaml and lexicon.yaml: run that before a reload).

    Exit status: 0 when there are only warnings, 2 when there are errors.
    """
    cfg, graph = graph_paths()
    chain, problems = validate_graph(graph, display_root=cfg)
    if as_json:
        errors = [p for p in problems if p.level == "error"]
        print_json({
            "ok": chain is not None,
            "errors": len(errors),
            "warnings": len(problems) - len(errors),
            "summary": {} if chain is None else {
                "nodes": len(chain.nodes), "edges": len(chain.edges), "ecosystems": len(chain.ecosystems),
            },
            "problems": [{"file": p.file, "line": p.line, "level": p.level, "message": p.message} for p in problems],
        })
        sys.exit(0 if chain is not None else EXIT_BAD_INPUT)
    for problem in problems:
        click.echo(_clean(str(problem)))
    warnings = sum(1 for p in problems if p.level != "error")
    if chain is None:
        n_errors = len(problems) - warnings
        sys.stdout.flush()
        fail(f"graph invalid: {n_errors} error{'s' * (n_errors != 1)} ({warnings} warning{'s' * (warnings != 1)})",
             EXIT_BAD_INPUT)
    click.echo(
        f"graph OK: {len(chain.nodes)} nodes, {len(chain.edges)} edges, "
        f"{len(chain.ecosystems)} ecosystems ({warnings} warning{'s' * (warnings != 1)})"
    )


@graph_group.command("show")
@config_option
@click.option("--json", "as_json", is_flag=True, help="Every ecosystem, node and edge with all config fields.")
def show_command(as_json: bool) -> None:
    """Summarise the graph per ecosystem and kind (or dump it with --json)."""
    chain, _ = load_chain()
    if as_json:
        print_json(to_dict(chain))
        return
    out = console()
    per_eco: dict[str | None, Counter[str]] = {}
    for node in chain.nodes.values():
        per_eco.setdefault(node.ecosystem, Counter())[node.kind] += 1
    eco_of = {n.id: n.ecosystem for n in chain.nodes.values()}
    supplied: Counter[str | None] = Counter()
    crossing: Counter[str | None] = Counter()
    for edge in chain.edges:
        supplied[eco_of[edge.target]] += 1
        if eco_of[edge.source] != eco_of[edge.target]:
            crossing[eco_of[edge.target]] += 1

    table = Table(title=Text(f"Value chain: {len(chain.nodes)} nodes, {len(chain.edges)} edges, "
                             f"{len(chain.ecosystems)} ecosystems, {len(chain.files)} "
                             f"file{'s' * (len(chain.files) != 1)}"))
    table.add_column("ecosystem", overflow="fold")
    table.add_column("name", overflow="fold")
    table.add_column("nodes", justify="right")
    table.add_column("edges in", justify="right")
    table.add_column("from other ecosystems", justify="right")
    table.add_column("kinds")
    order: list[str | None] = list(chain.ecosystems)
    if None in per_eco:
        order.append(None)
    for eco in order:
        counts = per_eco.get(eco, Counter())
        name = chain.ecosystems[eco].name if eco in chain.ecosystems else "(none)"
        kinds_text = ", ".join(f"{n} {k}" for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        table.add_row(
            Text(_clean(eco or "-")),
            Text(_clean(name)),
            str(sum(counts.values())),
            str(supplied[eco]),
            str(crossing[eco]),
            Text(kinds_text),
        )
    total_kinds = Counter(n.kind for n in chain.nodes.values())
    table.add_section()
    table.add_row(
        "all", "", str(len(chain.nodes)), str(len(chain.edges)), str(sum(crossing.values())),
        Text(", ".join(f"{total_kinds[k]} {k}" for k in NODE_KINDS if total_kinds[k])),
    )
    out.print(table)


@graph_group.command("export")
@config_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True, help="Output format.")
@click.option("--out", "-o", "out", type=click.Path(path_type=Path), default=None,
              help="Output file (a directory for csv). Text formats go to stdout without it.")
def export_command(fmt: str, out: Path | None) -> None:
    """Export the graph for Gephi, yEd, Cytoscape or a spreadsheet."""
    chain, _ = load_chain()
    if fmt == "csv":
        if out is None:
            fail("csv export writes nodes.csv and edges.csv: give --out DIR", EXIT_BAD_INPUT)
        if out.exists() and not out.is_dir():
            fail(f"--out {out}: csv export needs a directory, not a file", EXIT_BAD_INPUT)
        nodes_path, edges_path = export_csv(chain, out)
        click.echo(f"wrote {nodes_path} ({len(chain.nodes)} nodes) and {edges_path} ({len(chain.edges)} edges)")
        return
    data = export_graph(chain, fmt)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if out is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(raw)
        sys.stdout.buffer.flush()
        return
    if out.is_dir():
        fail(f"--out {out} is a directory; give a file name", EXIT_BAD_INPUT)
    try:
        out.write_bytes(raw)
    except OSError as exc:
        fail(f"cannot write {out}: {exc.strerror}")
    click.echo(f"wrote {out} ({fmt}, {len(chain.nodes)} nodes, {len(chain.edges)} edges)")


@graph_group.command("import")
@config_option
@click.argument("nodes_csv", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("edges_csv", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "-o", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the YAML here (default: stdout).")
@click.option("--force", is_flag=True, help="Overwrite --out if it exists.")
def import_command(nodes_csv: Path, edges_csv: Path, out: Path | None, force: bool) -> None:
    """Turn NODES.csv and EDGES.csv (as `graph export --format csv` writes them) into graph YAML.

    The YAML is only written if it validates on its own; it declares the
    ecosystems its nodes use, so it replaces -- not adds to -- the graph
    files the CSV was exported from.
    """
    text = import_csv(nodes_csv, edges_csv, nodes_name=str(nodes_csv), edges_name=str(edges_csv))
    if out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    if out.exists() and not force:
        fail(f"{out} exists (use --force to overwrite)", EXIT_BAD_INPUT)
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {out}: {exc.strerror}")
    click.echo(f"wrote {out}")
