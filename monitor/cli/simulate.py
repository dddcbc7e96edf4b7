"""``monitor simulate`` (what-if), ``monitor graph lint`` and ``monitor graph draw``.

All three read the graph of ``--config`` and leave the heavy lifting to
``graphs.impact``, ``graphs.analysis`` and ``graphs.draw``; this module only
turns their results into rich output or JSON and bad input into one-line
errors (exit 2).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from graphs.analysis import LintReport, lint
from graphs.impact import DEFAULT_FLOOR, ImpactEngine, ImpactError
from graphs.model import ValueChain, split_edge_id
from graphs.types import Impact
from monitor.cli import cli
from monitor.cli.common import BadInput, config_dir, config_option, console, print_json
from monitor.cli.graph import graph_group

TREE_CAP = 80
ALTERNATIVES_CAP = 40
_FLOOR = click.FloatRange(0.0, 1.0, min_open=True)


def _load() -> ValueChain:
    """The running command's graph; ConfigError becomes FILE:LINE messages (exit 2)."""
    from graphs.loader import load_graph  # imported late: loading the CLI stays cheap

    cfg = config_dir()
    graph = cfg / "graph"
    if not graph.is_dir():
        raise BadInput(f"graph directory not found: {graph} (use --config DIR or $MONITOR_CONFIG)")
    return load_graph(graph, display_root=cfg)


def _label(chain: ValueChain, node_id: str) -> Text:
    """``Name (id)`` as plain text: graph text never becomes rich markup."""
    node = chain.nodes.get(node_id)
    text = Text(node.name if node else node_id)
    if node is not None and node.name != node_id:
        text.append(f" ({node_id})", style="dim")
    return text


def impact_to_json(impact: Impact) -> dict[str, Any]:
    """The documented ``simulate --json`` shape (impacted sorted by score, desc)."""
    return {
        "disrupted": list(impact.disrupted),
        "impacted": [
            {"node": h.node, "score": round(h.score, 4), "path": list(h.path)}
            for h in sorted(impact.impacted, key=lambda h: (-h.score, h.node))
        ],
        "alternatives": [
            {
                "node": a.node,
                "product": a.product,
                "replaces": a.replaces,
                "for": a.for_,
                "existing": a.existing,
                "distance_km": a.distance_km,
            }
            for a in impact.alternatives
        ],
        "ecosystems": {
            k: round(v, 4) for k, v in sorted(impact.ecosystems.items(), key=lambda kv: (-kv[1], kv[0]))
        },
    }


def _impact_tree(chain: ValueChain, impact: Impact) -> Tree:
    names = [chain.nodes[d].name if d in chain.nodes else d for d in impact.disrupted]
    root = Tree(Text("Disruption of ", style="bold") + Text(", ".join(names), style="bold red"))
    shown = sorted(impact.impacted, key=lambda h: (-h.score, h.node))[:TREE_CAP]
    branches: dict[tuple[str, ...], Tree] = {}
    disrupted = set(impact.disrupted)
    for target in impact.disrupted:  # every target is a root, even one that reaches nothing
        pair = split_edge_id(target)
        if pair is None:
            label = _label(chain, target)
            label.append("  disrupted", style="bold red")
            branches[(target,)] = root.add(label)
        elif (pair[0],) not in branches:
            label = _label(chain, pair[0])
            label.append(f"  supplier on disrupted edge {target}", style="red")
            branches[(pair[0],)] = root.add(label)
    for hit in sorted(shown, key=lambda h: (len(h.path), -h.score, h.node)):
        parent_key = hit.path[:-1]
        parent = branches.get(parent_key)
        if parent is None:
            # a root: a disrupted node, or the supplier of a disrupted edge
            start = parent_key[0] if parent_key else hit.node
            label = _label(chain, start)
            if start in disrupted:
                label.append("  disrupted", style="bold red")
            else:
                label.append("  disrupted edge supplier", style="red")
            parent = branches.setdefault((start,), root.add(label))
            for k in range(2, len(parent_key) + 1):  # path beyond the cap: keep the chain visible
                key = parent_key[:k]
                if key not in branches:
                    branches[key] = parent.add(_label(chain, key[-1]))
                parent = branches[key]
        label = _label(chain, hit.node)
        label.append(f"  {hit.score:.2f}", style="bold yellow" if hit.score >= 0.5 else "yellow")
        branches[hit.path] = parent.add(label)
    if len(impact.impacted) > len(shown):
        root.add(Text(f"... and {len(impact.impacted) - len(shown)} more (use --json for all)", style="dim"))
    return root


def _alternatives_table(chain: ValueChain, impact: Impact) -> Table:
    table = Table(title="Alternatives", title_justify="left", show_lines=False)
    for col in ("For", "Product", "Replaces", "Alternative", "Existing", "Distance"):
        table.add_column(col, justify="right" if col == "Distance" else "left")
    shown = impact.alternatives[:ALTERNATIVES_CAP]
    for i, alt in enumerate(shown):
        first = i == 0 or (shown[i - 1].for_, shown[i - 1].product) != (alt.for_, alt.product)
        last = i == len(shown) - 1 or (shown[i + 1].for_, shown[i + 1].product) != (alt.for_, alt.product)
        table.add_row(
            _label(chain, alt.for_) if first else Text(""),
            Text(alt.product) if first else Text(""),
            _label(chain, alt.replaces) if first else Text(""),
            _label(chain, alt.node),
            Text("yes" if alt.existing else ""),
            Text("" if alt.distance_km is None else f"{alt.distance_km:,.0f} km"),
            end_section=last,
        )
    if len(impact.alternatives) > ALTERNATIVES_CAP:
        table.caption = f"{ALTERNATIVES_CAP} of {len(impact.alternatives)} shown (use --json for all)"
    return table


@cli.command("simulate")
@config_option
@click.argument("targets", metavar="NODE [NODE...]", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a tree and a table.")
@click.option("--floor", type=_FLOOR, default=DEFAULT_FLOOR, show_default=True,
              help="Impact below this score is ignored and not propagated.")
def simulate_command(targets: Sequence[str], as_json: bool, floor: float) -> None:
    """What-if: the impact and alternatives of disrupting NODE(s).

    A target is a node id or an edge id FROM->TO (quote it in the shell).
    """
    chain = _load()
    engine = ImpactEngine(chain, floor)
    try:
        impact = engine.assess(targets)
    except ImpactError as exc:
        raise BadInput(str(exc)) from None
    if as_json:
        print_json(impact_to_json(impact))
        return
    out = console()
    if impact.impacted:
        out.print(_impact_tree(chain, impact))
    else:
        out.print(Text(f"No node is impacted at or above the floor {floor:g}."))
    if impact.ecosystems:
        line = Text("Ecosystems: ", style="bold")
        for i, (eco, score) in enumerate(impact.ecosystems.items()):
            name = chain.ecosystems[eco].name if eco in chain.ecosystems else eco
            line.append(("" if i == 0 else ", ") + f"{name} {score:.2f}")
        out.print(line)
    if impact.alternatives:
        out.print(_alternatives_table(chain, impact))
    else:
        out.print(Text("No alternative supplier found.", style="dim"))


def _node_cell(chain: ValueChain, node_id: str) -> Text:
    return _label(chain, node_id)


def _print_lint(chain: ValueChain, report: LintReport, top: int) -> None:
    out = console()
    out.print(Text(f"Graph: {report.nodes} nodes, {report.edges} edges", style="bold"))

    def caption(shown: int, total: int) -> str | None:
        return f"{shown} of {total} shown (--top N, or --json for all)" if total > shown else None

    spof = report.single_points_of_failure
    t = Table(title="Single points of failure", title_justify="left", caption=caption(min(top, len(spof)), len(spof)))
    for col in ("Customer", "Product", "Supplier", "Share", "Suppliers", "Kind", "Where"):
        t.add_column(col, justify="right" if col in ("Share", "Suppliers") else "left")
    for s in spof[:top]:
        t.add_row(_node_cell(chain, s.customer), Text(s.product), _node_cell(chain, s.supplier),
                  f"{s.share:.2f}", str(s.suppliers), s.kind, Text(s.where, style="dim"))
    out.print(t)

    cp = report.chokepoints
    t = Table(title="Chokepoints and via-nodes by flow", title_justify="left", caption=caption(min(top, len(cp)), len(cp)))
    for col in ("Node", "Kind", "Flow (sum of shares)", "Edges"):
        t.add_column(col, justify="left" if col in ("Node", "Kind") else "right")
    for c in cp[:top]:
        t.add_row(_node_cell(chain, c.node), c.kind, f"{c.flow:.2f}", str(c.edges))
    out.print(t)

    ap = report.articulation_points
    t = Table(title="Articulation points (removal splits the graph)", title_justify="left",
              caption=caption(min(top, len(ap)), len(ap)))
    for col in ("Node", "Blocks joined", "Degree"):
        t.add_column(col, justify="left" if col == "Node" else "right")
    for a in ap[:top]:
        t.add_row(_node_cell(chain, a.node), str(a.blocks), str(a.degree))
    out.print(t)

    br = report.bridges
    t = Table(title="Cross-ecosystem bridges", title_justify="left", caption=caption(min(top, len(br)), len(br)))
    for col in ("Supplier", "Customer", "Product", "Share", "Ecosystems"):
        t.add_column(col, justify="right" if col == "Share" else "left")
    for b in br[:top]:
        t.add_row(_node_cell(chain, b.source), _node_cell(chain, b.target), Text(b.product), f"{b.share:.2f}",
                  Text(f"{b.source_ecosystem} \u2192 {b.target_ecosystem}"))
    out.print(t)

    rc = report.reach
    title = "Widest reach (nodes impacted if this node is disrupted)"
    if report.reach_sampled:
        title += " \u2014 most connected nodes only"
    t = Table(title=title, title_justify="left", caption=caption(min(top, len(rc)), len(rc)))
    for col in ("Node", "Reach", "Total impact"):
        t.add_column(col, justify="left" if col == "Node" else "right")
    for r in rc[:top]:
        t.add_row(_node_cell(chain, r.node), str(r.reach), f"{r.total_impact:.2f}")
    out.print(t)


@graph_group.command("lint")
@config_option
@click.option("--json", "as_json", is_flag=True, help="Print the whole report as JSON.")
@click.option("--limit", "top", type=click.IntRange(1), default=10, show_default=True,
              help="At most this many rows per table.")
@click.option("--top", "old_top", type=click.IntRange(1), default=None, hidden=True)  # earlier name of --limit
@click.option("--floor", type=_FLOOR, default=DEFAULT_FLOOR, show_default=True,
              help="Impact floor used for the reach figures.")
def lint_command(as_json: bool, top: int, old_top: int | None, floor: float) -> None:
    """Weak spots: single points of failure, chokepoints, articulation points, bridges, reach."""
    top = old_top or top
    chain = _load()
    report = lint(chain, floor=floor)
    if as_json:
        print_json(report.to_dict())
        return
    _print_lint(chain, report, top)


@graph_group.command("draw")
@config_option
@click.option("--out", "-o", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Picture to write: FILE.svg or FILE.png.")
@click.option("--around", default=None, metavar="NODE", help="Draw only this node's neighbourhood.")
@click.option("--depth", type=click.IntRange(0), default=2, show_default=True,
              help="Hops (either direction) around --around.")
@click.option("--max-nodes", type=click.IntRange(2), default=40, show_default=True,
              help="With --around: at most this many nodes, those on the strongest supply paths first.")
@click.option("--disrupt", multiple=True, metavar="NODE",
              help="Highlight the impact of disrupting NODE (repeatable; node or FROM->TO edge).")
@click.option("--floor", type=_FLOOR, default=DEFAULT_FLOOR, show_default=True, help="Impact floor.")
@click.option("--json", "as_json", is_flag=True, help="Print what was drawn as one JSON document.")
def draw_command(out: Path, around: str | None, depth: int, max_nodes: int, disrupt: Sequence[str], floor: float,
                 as_json: bool) -> None:
    """Draw the graph (or a neighbourhood) coloured by ecosystem, with a disruption's impact."""
    from graphs.draw import DrawError, draw  # matplotlib is slow to import: only here

    chain = _load()
    try:
        drawing = draw(chain, out, around=around, depth=depth, disrupt=list(disrupt), floor=floor,
                       max_nodes=max_nodes)
    except (DrawError, ImpactError) as exc:
        raise BadInput(str(exc)) from None
    except OSError as exc:
        raise BadInput(f"cannot write {out}: {exc.strerror or exc}") from None
    if as_json:
        print_json({"path": str(drawing.path), "nodes": drawing.nodes, "edges": drawing.edges,
                    "impacted": drawing.impacted, "available": drawing.available})
        return
    msg = f"wrote {drawing.path}: {drawing.nodes} nodes, {drawing.edges} edges"
    if drawing.available > drawing.nodes:
        msg += f" ({drawing.available - drawing.nodes} more within --depth {depth} left out: raise --max-nodes)"
    if disrupt:
        msg += f", {drawing.impacted} impacted"
    console().print(Text(msg))
