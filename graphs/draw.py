"""Pictures of the value chain (``monitor graph draw``), as SVG or PNG.

The layout follows the flow: supply goes left to right in layers (longest
path layering of every drawn hop, a via-node between the supplier and the
customer it connects, so every arrow points right except inside a supply
cycle, whose members share a column), and nodes inside a layer are ordered by
the barycentre of their neighbours to cut crossings. Colours are ecosystems
(Paul Tol's colour-blind-safe "muted" palette for the nine ecosystems with the
most nodes in the picture), shapes are node kinds. Labels are whole names,
wrapped on two lines when long, and columns are as wide as their longest
label: no label is cut. With ``disrupt``, disrupted nodes are red, impacted
ones shaded by score, the paths carrying the impact drawn thick red and the
rest faded. ``around`` draws the neighbourhood of one node within ``depth``
hops, at most ``max_nodes`` of them: the nodes on the strongest supply paths
into and out of it first (the product of the shares along the path).
Everything is deterministic: same graph, same picture.
"""

from __future__ import annotations

import math
import textwrap
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display; must precede pyplot-free figure use  # noqa: E402

import networkx as nx  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib import colormaps  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.colors import ListedColormap, Normalize, to_rgba  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from graphs.analysis import undirected_view  # noqa: E402
from graphs.impact import DEFAULT_FLOOR, ImpactEngine  # noqa: E402
from graphs.model import Edge, ValueChain  # noqa: E402
from graphs.types import Impact  # noqa: E402
from graphs.yamlsrc import did_you_mean  # noqa: E402

FORMATS = ("png", "svg")

#: kind -> (matplotlib marker, base size in points^2)
KIND_STYLE: dict[str, tuple[str, float]] = {
    "cluster": ("o", 900),
    "region": ("H", 950),
    "company": ("s", 420),
    "site": ("^", 430),
    "material": ("p", 430),
    "port": ("D", 380),
    "chokepoint": ("X", 520),
    "route": (">", 260),
    "hub": ("8", 420),
}
DEFAULT_STYLE = ("o", 380)
#: Ecosystem colours, assigned per picture to the ecosystems with the most nodes first.
#: The first nine are Paul Tol's "muted" scheme, distinct under the common colour-vision
#: deficiencies (https://personal.sron.nl/~pault/); a picture with more ecosystems
#: continues with Tol's "bright"/"light" colours that differ most from them. No grey
#: (no ecosystem) and no red (disrupted).
CVD_SAFE = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499")
PALETTE = CVD_SAFE + ("#4477AA", "#EE8866", "#FFAABB", "#BBCC33", "#77AADD", "#000000")
NO_ECOSYSTEM = "#BBBBBB"
DISRUPTED = "#d62728"
PATH_RED = "#c0001a"
LABEL_WRAP = 24  # a node label longer than this wraps onto a second line
MAX_PER_COLUMN = 45
#: ``around`` draws at most this many nodes by default: past ~40 a neighbourhood stops being readable.
AROUND_MAX_NODES = 40
GROW_DISRUPTED = 1.9  # disrupted nodes are drawn bigger, to be found at a glance
#: Above this many nodes a whole picture is unreadable and slow: ask for --around.
MAX_NODES = 5000
#: Above this many drawn segments, arrows (one patch each) get slow: plain lines.
MAX_ARROWS = 1500


class DrawError(ValueError):
    """A drawing that cannot be made (unknown node, unsupported format)."""


#: A matplotlib colour: a name or hex string, or an RGBA tuple.
_Colour = str | tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class Drawing:
    """What was drawn.

    ``available`` is how many nodes the request covered before ``max_nodes``
    (equal to ``nodes`` when nothing was left out). ``labels`` maps each node
    label's text to its box in pixels ``(x0, y0, x1, y1)`` and ``size`` is the
    picture's ``(width, height)`` in pixels, so a caller can check that no
    label leaves the picture or runs into another. ``backward`` counts drawn
    hops that point left (none: members of a supply cycle share a column).
    """

    path: Path
    nodes: int
    edges: int
    impacted: int = 0
    available: int = 0
    labels: tuple[tuple[str, tuple[float, float, float, float]], ...] = ()
    size: tuple[float, float] = (0.0, 0.0)
    backward: int = 0
    colours: tuple[tuple[str, str], ...] = ()  # (ecosystem id, colour) of the ecosystems drawn
    title: tuple[str, tuple[float, float, float, float]] = ("", (0.0, 0.0, 0.0, 0.0))  # text and box
    legend: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # box of the legend


def _box(extents: Iterable[float]) -> tuple[float, float, float, float]:
    """A matplotlib ``Bbox.extents`` as plain floats ``(x0, y0, x1, y1)``."""
    x0, y0, x1, y1 = (float(v) for v in extents)
    return (x0, y0, x1, y1)


def _wrap(text: str, width: int = LABEL_WRAP) -> str:
    """The whole text, on as many lines of about ``width`` characters as it needs."""
    text = " ".join(str(text).split())
    return "\n".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)) or text


def _hop_graph(chain: ValueChain) -> nx.DiGraph:
    """Every hop a flow takes (source, via..., target), weighted by the strongest share over it."""
    g: nx.DiGraph[str] = nx.DiGraph()
    for edge in chain.edges:
        hops = [edge.source, *edge.via, edge.target]
        for a, b in zip(hops, hops[1:]):
            if a != b and edge.share > g.get_edge_data(a, b, {"share": 0.0})["share"]:
                g.add_edge(a, b, share=edge.share)
    return g


def _strongest_paths(g: nx.DiGraph, start: str, depth: int) -> dict[str, tuple[float, list[str]]]:
    """Per node within ``depth`` hops of ``start`` along ``g``: the strongest path's
    strength (product of shares) and the path itself, ``start`` first."""
    best: dict[str, tuple[float, list[str]]] = {start: (1.0, [start])}
    frontier = {start}
    for _ in range(depth):
        nxt: set[str] = set()
        for a in sorted(frontier):
            strength, path = best[a]
            for b in sorted(g.successors(a)):
                if b in path:
                    continue
                s = strength * g[a][b]["share"]
                if b not in best or s > best[b][0] + 1e-12:
                    best[b] = (s, path + [b])
                    nxt.add(b)
        frontier = nxt
    return best


def neighbourhood(chain: ValueChain, around: str, depth: int, max_nodes: int | None) -> tuple[list[str], int]:
    """The nodes drawn ``around`` a node, and how many lie within ``depth`` hops.

    Within ``depth`` hops up- and downstream, nodes join in the order of the
    strongest supply path linking them to ``around`` (the product of the
    shares along it), each with its whole path, until ``max_nodes``.
    """
    hops = _hop_graph(chain)
    within = nx.single_source_shortest_path(undirected_view(chain), around, cutoff=depth)
    down = _strongest_paths(hops, around, depth)
    up = _strongest_paths(hops.reverse(copy=False), around, depth)
    candidates = [(s, p) for s, p in down.values() if len(p) > 1] + [(s, p) for s, p in up.values() if len(p) > 1]
    candidates.sort(key=lambda sp: (-sp[0], len(sp[1]), chain.nodes[sp[1][-1]].name, sp[1][-1]))
    # then what is near without a supply path through ``around`` (a customer's other suppliers), nearest first
    linked = set(down) | set(up)
    rest = sorted((p for n, p in within.items() if n not in linked),
                  key=lambda p: (len(p), chain.nodes[p[-1]].name, p[-1]))
    candidates += [(0.0, p) for p in rest]
    total = len(within)
    keep = [around]
    kept = {around}
    limit = max_nodes if max_nodes is not None else math.inf
    for _strength, path in candidates:
        missing = [n for n in path if n not in kept]
        if missing and len(kept) + len(missing) <= limit:
            keep.extend(missing)
            kept.update(missing)
    return keep, total


def _check_node(chain: ValueChain, node: str, what: str) -> None:
    if node not in chain.nodes:
        raise DrawError(f"unknown node {node!r} for {what}{did_you_mean(node, chain.nodes)}")


def _polylines(chain: ValueChain, keep: set[str]) -> list[tuple[list[str], float, Edge]]:
    """Each edge as the part of its route [source, via..., target] inside ``keep``.

    An end outside the picture still shows where its flow enters or leaves
    (a kept via-node), so every kept node on a flow is connected.
    """
    out: list[tuple[list[str], float, Edge]] = []
    for edge in chain.edges:
        if edge.source == edge.target:
            continue
        hops = [edge.source, *(v for v in edge.via if v not in (edge.source, edge.target)), edge.target]
        route = [h for h in dict.fromkeys(hops) if h in keep]
        if len(route) < 2:
            continue
        out.append((route, edge.share, edge))
    return out


def _layers(nodes: list[str], hops: Iterable[tuple[str, str]]) -> dict[str, float]:
    """Layer (x) per node along the flow.

    Longest-path layering of every drawn hop -- supplier to via-node to
    customer -- so each arrow points right (cycles collapse to one layer),
    with sources pulled to one layer before their first customer.
    """
    g: nx.DiGraph[str] = nx.DiGraph()
    layered = list(nodes)
    g.add_nodes_from(layered)
    g.add_edges_from((a, b) for a, b in hops if a != b and a in g and b in g)
    cond = nx.condensation(g)
    member = cond.graph["mapping"]
    level: dict[int, int] = {}
    for c in nx.topological_sort(cond):
        level[c] = max((level[p] + 1 for p in cond.predecessors(c)), default=0)
    for c in cond.nodes:
        succ = list(cond.successors(c))
        if not list(cond.predecessors(c)) and succ:
            level[c] = max(level[c], min(level[s] for s in succ) - 1)
    return {n: float(level[member[n]]) for n in layered}


def _order(layers: dict[str, float], und: nx.Graph, key: dict[str, tuple]) -> dict[float, list[str]]:
    """Order nodes inside each layer by neighbour barycentre (a few sweeps)."""
    by_layer: dict[float, list[str]] = defaultdict(list)
    isolated = {n for n in layers if und.degree(n) == 0}
    for n in sorted(layers, key=lambda n: (n in isolated, key[n])):
        by_layer[layers[n]].append(n)
    pos = {n: i / max(1, len(col) - 1) for col in by_layer.values() for i, n in enumerate(col)}
    ordered = sorted(by_layer)
    for sweep in range(10):
        seq = ordered if sweep % 2 == 0 else list(reversed(ordered))
        for layer in seq:
            col = by_layer[layer]

            def bary(n: str) -> tuple[bool, float, tuple]:
                nbrs = [pos[m] for m in und.neighbors(n) if m in pos and layers[m] != layers[n]]
                return (n in isolated, sum(nbrs) / len(nbrs) if nbrs else pos[n], key[n])

            col.sort(key=bary)
            for i, n in enumerate(col):
                pos[n] = i / max(1, len(col) - 1)
    return by_layer


def _positions(by_layer: dict[float, list[str]]) -> tuple[dict[str, tuple[float, float]], int, int]:
    """One slot (x = 0, 1, 2, ...) per column, so labels never run into the next column.

    Layers (and the half-layers of via-nodes) are columns in flow order; a
    layer taller than ``MAX_PER_COLUMN`` wraps into several columns, every
    other one shifted half a row so edges do not run straight through nodes.
    Returns positions, the number of columns and the tallest column's height.
    """
    pos: dict[str, tuple[float, float]] = {}
    tallest = 1
    slot = 0
    for layer in sorted(by_layer):
        col = by_layer[layer]
        n_chunks = -(-len(col) // MAX_PER_COLUMN)
        per = -(-len(col) // n_chunks)  # balance the wrapped columns
        for k in range(n_chunks):
            chunk = col[k * per : (k + 1) * per]
            tallest = max(tallest, len(chunk))
            for i, n in enumerate(chunk):
                pos[n] = (float(slot), (len(chunk) - 1) / 2 - i + (0.5 if k % 2 else 0.0))
            slot += 1
    return pos, max(1, slot), tallest


def _ecosystem_colours(chain: ValueChain, nodes: Iterable[str]) -> dict[str | None, str]:
    """A distinct colour per ecosystem drawn, the colour-blind-safe ones to the largest."""
    count: dict[str, int] = defaultdict(int)
    for n in nodes:
        eco = chain.nodes[n].ecosystem
        if eco is not None:
            count[eco] += 1
    colours: dict[str | None, str] = {None: NO_ECOSYSTEM}
    for i, eco in enumerate(sorted(count, key=lambda e: (-count[e], e))):
        colours[eco] = PALETTE[i] if i < len(PALETTE) else PALETTE[i % len(PALETTE)]
    return colours


def _text_widths(texts: dict[str, str], fontsize: float, bold: set[str]) -> dict[str, float]:
    """Width in inches of each label as it will be rendered."""
    fig = Figure(dpi=100)
    renderer = FigureCanvasAgg(fig).get_renderer()
    out = {}
    for key, text in texts.items():
        t = fig.text(0, 0, text, fontsize=fontsize, fontweight="bold" if key in bold else "normal")
        out[key] = t.get_window_extent(renderer).width / fig.dpi
    return out


def draw(
    chain: ValueChain,
    out_path: str | Path,
    *,
    around: str | None = None,
    depth: int = 2,
    disrupt: Iterable[str] | None = None,
    floor: float = DEFAULT_FLOOR,
    title: str | None = None,
    max_nodes: int | None = AROUND_MAX_NODES,
) -> Drawing:
    """Write a picture of ``chain`` (or of ``around``'s neighbourhood) to ``out_path``.

    With ``around``, at most ``max_nodes`` nodes (``None``: all within
    ``depth``), strongest supply paths first; the paths carrying a
    ``disrupt``-ion into them are added.

    The format follows the extension (``.png`` or ``.svg``). Raises
    :class:`DrawError` for an unknown node or format; impact targets that the
    graph lacks raise :class:`graphs.impact.UnknownTargetError`.
    """
    out = Path(out_path)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise DrawError(f"cannot draw {out.name!r}: the file name must end in .png or .svg")
    if depth < 0:
        raise DrawError(f"depth must be >= 0, got {depth}")
    if max_nodes is not None and max_nodes < 2:
        raise DrawError(f"max_nodes must be at least 2, got {max_nodes}")

    disrupted = list(dict.fromkeys(disrupt or ()))
    impact: Impact | None = None
    if disrupted:
        impact = ImpactEngine(chain, floor).assess(disrupted, alternatives=False)

    if around is not None:
        _check_node(chain, around, "--around")
        picked, available = neighbourhood(chain, around, depth, max_nodes)
        keep = set(picked)
    else:
        keep = set(chain.nodes)
        available = len(keep)
    if impact is not None and around is not None:
        # show where the impact in the neighbourhood comes from: the paths into it
        keep.update(d for d in impact.disrupted if d in chain.nodes)
        for hit in impact.impacted:
            if hit.node in keep:
                keep.update(hit.path)

    if len(keep) > MAX_NODES:
        raise DrawError(
            f"{len(keep)} nodes are too many for one picture (limit {MAX_NODES}); "
            "draw a neighbourhood with --around NODE --depth N"
        )
    routes = _polylines(chain, keep)
    segments: dict[tuple[str, str], float] = {}
    for route, share, _edge in routes:
        for a, b in zip(route, route[1:]):
            segments[(a, b)] = max(segments.get((a, b), 0.0), share)
    via_hops = {
        (a, b)
        for route, _s, _e in routes
        for a, b in zip(route, route[1:])
        if len(route) > 2
    }
    direct = {(r[0], r[-1]) for r, _s, _e in routes if len(r) == 2}
    via_hops -= direct

    nodes = sorted(keep, key=lambda n: (chain.nodes[n].ecosystem or "~", chain.nodes[n].kind, chain.nodes[n].name, n))
    sortkey = {n: (chain.nodes[n].ecosystem or "~", chain.nodes[n].kind, chain.nodes[n].name.lower(), n) for n in nodes}
    layers = _layers(nodes, segments)
    und: nx.Graph[str] = nx.Graph()
    und.add_nodes_from(nodes)
    und.add_edges_from(segments)
    by_layer = _order(layers, und, sortkey)
    pos, width_units, tallest = _positions(by_layer)

    n_nodes = len(nodes)
    big = n_nodes > 400
    scale = 1.0 if n_nodes <= 150 else max(0.15, (150 / n_nodes) ** 0.5)
    sizes = {n: KIND_STYLE.get(chain.nodes[n].kind, DEFAULT_STYLE)[1] * scale for n in nodes}

    # --- impact scores first: they are part of the labels, and labels size the columns
    scores: dict[str, float] = {}
    if impact is not None:
        for d in impact.disrupted:
            if d in chain.nodes:
                scores[d] = 1.0
        for hit in impact.impacted:
            scores[hit.node] = hit.score
    disrupted_nodes = {d for d in disrupted if d in chain.nodes}
    label_all = n_nodes <= 400
    fontsize = 8.5 if n_nodes <= 150 else 7
    labels: dict[str, str] = {}
    for n in nodes:
        if not (label_all or n in scores):
            continue
        text = _wrap(chain.nodes[n].name)
        if impact is not None and n in scores and n not in disrupted_nodes:
            text += f"  {scores[n]:.2f}"
        labels[n] = text
    bold = disrupted_nodes | ({around} if around is not None else set())  # easy to find
    label_in = _text_widths(labels, fontsize, bold)
    # inches: each column is as wide as its widest node + label, so no label runs into the next column
    widest = max(
        ((sizes[n] * (GROW_DISRUPTED if n in disrupted_nodes else 1.0)) ** 0.5 / 2 + 3) / 72 + label_in.get(n, 0.0)
        for n in nodes
    ) if nodes else 1.0
    slot_in = max(1.4, widest + 0.45)
    legend_in = 3.6
    plot_w = max(7.0, slot_in * (width_units - 1) + slot_in * 1.1 + 0.6)
    fig_w = min(90.0, plot_w + legend_in)
    # tall enough for the legend (about 0.25 in an entry) and, below it, the impact colour bar
    legend_entries = len({chain.nodes[n].ecosystem for n in nodes}) + len({chain.nodes[n].kind for n in nodes}) + 3
    legend_h = 0.25 * legend_entries + 1.6 + (3.2 if impact is not None else 0.0)
    fig_h = min(90.0, max(7.5, legend_h, (0.5 if n_nodes <= 400 else 0.3) * tallest + 1.8))
    n_edges = len(routes)
    if title is None:
        if impact is not None:
            names = ", ".join(
                chain.nodes[d].name if d in chain.nodes else d for d in impact.disrupted
            )
            k = len(impact.impacted)
            title = f"Disruption of {names}: {k} node{'s' * (k != 1)} impacted"
            if impact.ecosystems:
                title += f" in {len(impact.ecosystems)} ecosystem" + ("s" if len(impact.ecosystems) != 1 else "")
        elif around is not None:
            title = f"Around {chain.nodes[around].name} (within {depth} hop{'s' * (depth != 1)}): "
            if n_nodes < available:
                title += f"{n_nodes} of {available} nodes, strongest supply paths first, {n_edges} edges"
            else:
                title += f"{n_nodes} nodes, {n_edges} edges"
            title += " (supply flows left to right)"
        else:
            title = f"Value chain: {n_nodes} nodes, {n_edges} edges (supply flows left to right)"
        if around is not None and impact is not None:
            title += f" \u2014 around {chain.nodes[around].name}, {depth} hop{'s' * (depth != 1)}, and the paths into it"
    # the whole title, wrapped to the picture's width (about 0.6 em a character)
    title_size = 14 if fig_w >= 14 else 12
    title_lines = textwrap.wrap(" ".join(title.split()), max(30, int((fig_w - 0.3) * 72 / (title_size * 0.62))),
                                break_long_words=False) or [""]
    title = "\n".join(title_lines)
    fig_h += 0.3 * (len(title_lines) - 1)
    fig = Figure(figsize=(fig_w, fig_h), dpi=100, facecolor="white")
    canvas = FigureCanvasAgg(fig)
    top_in = 1.05 + 0.3 * (len(title_lines) - 1)
    ax = fig.add_axes((0.25 / fig_w, 0.25 / fig_h, (plot_w - 0.25) / fig_w, 1 - top_in / fig_h))
    ax.set_axis_off()

    colours = _ecosystem_colours(chain, nodes)

    # --- impact paths
    hot_segments: dict[tuple[str, str], float] = {}
    if impact is not None:
        step_routes: dict[tuple[str, str], list[str]] = {}
        for route, _share, _edge in routes:
            step_routes.setdefault((route[0], route[-1]), route)
            for i, v in enumerate(route[1:-1], start=1):
                step_routes.setdefault((v, route[-1]), route[i:])
        for hit in impact.impacted:
            for a, b in zip(hit.path, hit.path[1:]):
                route = step_routes.get((a, b), [a, b])
                for x, y in zip(route, route[1:]):
                    if (x, y) in segments:
                        hot_segments[(x, y)] = max(hot_segments.get((x, y), 0.0), hit.score)
    # impacted: light yellow (weak) to deep orange (strong); red is kept for disrupted nodes
    cmap = ListedColormap(colormaps["YlOrBr"](np.linspace(0.08, 0.62, 256)), name="impact")
    norm = Normalize(vmin=0.0, vmax=1.0)

    # --- edges
    gdraw: nx.DiGraph[str] = nx.DiGraph()
    gdraw.add_nodes_from(nodes)
    for (a, b), share in segments.items():
        gdraw.add_edge(a, b, share=share)
    node_order = list(gdraw.nodes)
    size_list = [sizes[n] * (GROW_DISRUPTED if n in disrupted_nodes else 1.0) for n in node_order]
    arrows = len(segments) <= MAX_ARROWS

    def bend(e: tuple[str, str]) -> float:
        """Straight lines, except where a straight one would hide another edge or run along a column."""
        a, b = e
        if abs(pos[a][0] - pos[b][0]) < 1e-9:
            return 0.35
        if (b, a) in segments:
            return 0.15
        # an edge skipping columns would run along a row through the nodes between: bow it
        return 0.1 if abs(pos[a][0] - pos[b][0]) > 1.5 else 0.0

    for style_name, linestyle in (("direct", "solid"), ("via", (0, (4, 3)))):
        for hot in (False, True):
            groups: dict[float, list[tuple[str, str]]] = defaultdict(list)
            for e in segments:
                if (e in via_hops) == (style_name == "via") and ((e in hot_segments) == hot):
                    groups[bend(e)].append(e)
            for rad, elist in sorted(groups.items()):
                ecolors: list[_Colour]
                if hot:
                    widths = [1.8 + 3.2 * hot_segments[e] for e in elist]
                    ecolors = [PATH_RED] * len(elist)
                    alpha = 0.95
                else:
                    widths = [(0.5 + 1.6 * segments[e]) * (0.6 if big else 1.0) for e in elist]
                    base = [colours.get(chain.nodes[a].ecosystem, NO_ECOSYSTEM) for a, _b in elist]
                    faded = impact is not None
                    ecolors = [to_rgba(c, 0.12 if faded else (0.25 if big else 0.5)) for c in base]
                    alpha = None
                if arrows or hot:
                    # types-networkx types ``style`` as str, but networkx documents and
                    # supports matplotlib's (offset, on-off dashes) tuple used for "via" hops
                    nx.draw_networkx_edges(  # type: ignore[call-overload]
                        gdraw, pos, edgelist=elist, ax=ax, width=widths, edge_color=ecolors, alpha=alpha,
                        style=linestyle, arrows=True, arrowstyle="-|>", arrowsize=max(5, int(12 * scale)),
                        node_size=size_list, nodelist=node_order, connectionstyle=f"arc3,rad={rad}",
                        min_source_margin=2, min_target_margin=4,
                    )
                else:
                    # types-networkx types ``style`` as str, but networkx documents and
                    # supports matplotlib's (offset, on-off dashes) tuple used for "via" hops
                    nx.draw_networkx_edges(  # type: ignore[call-overload]
                        gdraw, pos, edgelist=elist, ax=ax, width=widths, edge_color=ecolors, alpha=alpha,
                        style=linestyle, arrows=False,
                    )

    # --- nodes, one call per kind (markers differ)
    by_kind: dict[str, list[str]] = defaultdict(list)
    for n in nodes:
        by_kind[chain.nodes[n].kind].append(n)
    for kind, members in sorted(by_kind.items()):
        marker, _base = KIND_STYLE.get(kind, DEFAULT_STYLE)
        fills: list[_Colour] = []
        edges_c: list[_Colour] = []
        widths = []
        for n in members:
            eco_col = colours.get(chain.nodes[n].ecosystem, NO_ECOSYSTEM)
            if impact is None:
                fills.append(to_rgba(eco_col, 0.95))
                edges_c.append("#333333")
                widths.append(0.8)
            elif n in disrupted_nodes:
                fills.append(to_rgba(DISRUPTED, 1.0))
                edges_c.append("#000000")
                widths.append(2.4)
            elif n in scores:
                fills.append(cmap(norm(scores[n])))
                edges_c.append(PATH_RED)
                widths.append(1.6)
            else:
                fills.append(to_rgba(eco_col, 0.22))
                edges_c.append(to_rgba("#555555", 0.35))
                widths.append(0.6)
        nx.draw_networkx_nodes(
            gdraw, pos, nodelist=members, ax=ax, node_shape=marker,
            node_size=[sizes[n] * (GROW_DISRUPTED if n in disrupted_nodes else 1.0) for n in members],
            node_color=fills, edgecolors=edges_c, linewidths=widths,
        )

    # --- labels: whole names, not ids; to the right of the node, on a light box
    annotations = {}
    for n, text in labels.items():
        faded = impact is not None and n not in scores
        grow = GROW_DISRUPTED if n in disrupted_nodes else 1.0
        annotations[n] = ax.annotate(
            text,
            xy=pos[n],
            xytext=((sizes[n] * grow) ** 0.5 / 2 + 3, 0),  # just right of the marker, in points
            textcoords="offset points",
            fontsize=fontsize,
            fontweight="bold" if n in bold else "normal",
            color=(0.55, 0.55, 0.55) if faded else (0.05, 0.05, 0.05),
            va="center",
            ha="left",
            zorder=5,
            bbox=dict(boxstyle="round,pad=0.15", fc=(1, 1, 1, 0.8), ec="none"),
            clip_on=False,
        )

    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    ax.set_xlim(min(xs) - 0.15, max(xs) + 1.0)
    ax.set_ylim(min(ys) - 0.7, max(ys) + 0.7)

    # --- legend: ecosystems, kinds, impact
    handles: list = []
    used_ecos = sorted({chain.nodes[n].ecosystem for n in nodes}, key=lambda e: (e is None, e or ""))
    for eco in used_ecos:
        label = chain.ecosystems[eco].name if eco in chain.ecosystems else (eco or "no ecosystem")
        handles.append(Patch(facecolor=colours.get(eco, NO_ECOSYSTEM), edgecolor="#333333", label=_wrap(label, 30)))
    for kind in sorted(by_kind):
        marker, _ = KIND_STYLE.get(kind, DEFAULT_STYLE)
        handles.append(
            Line2D([], [], linestyle="none", marker=marker, markersize=9, markerfacecolor="#dddddd",
                   markeredgecolor="#333333", label=kind)
        )
    if via_hops:
        handles.append(Line2D([], [], color="#777777", linestyle=(0, (4, 3)), label="flow via port/chokepoint"))
    if impact is not None:
        handles.append(Line2D([], [], linestyle="none", marker="o", markersize=11, markerfacecolor=DISRUPTED,
                              markeredgecolor="black", label="disrupted"))
        handles.append(Line2D([], [], color=PATH_RED, linewidth=3, label="impact path"))
    legend = ax.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(1.005, 1.0), frameon=True,
        fontsize=9, title="Ecosystems and kinds", title_fontsize=10, borderaxespad=0.0,
    )
    legend.get_frame().set_edgecolor("#cccccc")
    if impact is not None:
        cax = fig.add_axes(((plot_w + 0.3) / fig_w, 0.6 / fig_h, 0.18 / fig_w, min(0.3, 2.6 / fig_h)))
        from matplotlib.cm import ScalarMappable

        bar = fig.colorbar(ScalarMappable(norm=norm, cmap=cmap), cax=cax)
        bar.set_label("impact score", fontsize=9)

    title_artist = fig.suptitle(title, x=0.01, ha="left", fontsize=title_size, fontweight="bold")

    out.parent.mkdir(parents=True, exist_ok=True)
    # SVG keeps text as text (searchable, selectable) instead of glyph outlines
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig.savefig(out, format=fmt, dpi=110 if fmt == "png" else 100, facecolor="white")
    renderer = canvas.get_renderer()
    boxes = tuple((labels[n], _box(a.get_window_extent(renderer).extents)) for n, a in annotations.items())
    backward = sum(1 for a, b in segments if pos[b][0] < pos[a][0])
    drawn_ecos = sorted({eco for n in nodes if (eco := chain.nodes[n].ecosystem) is not None})
    return Drawing(
        out, n_nodes, n_edges, len(impact.impacted) if impact is not None else 0,
        available=available, labels=boxes, size=(fig.bbox.width, fig.bbox.height), backward=backward,
        title=(title, _box(title_artist.get_window_extent(renderer).extents)),
        legend=_box(legend.get_window_extent(renderer).extents),
        colours=tuple((e, colours[e]) for e in drawn_ecos),
    )
