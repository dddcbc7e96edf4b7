"""Structural weak spots of a value chain (``monitor graph lint``).

Five findings, each a ranked list:

* **Single points of failure** -- a customer that gets a product from one
  supplier only (``sole``), or from several of which one holds a share of at
  least 0.5 (``dominant``). Ranked by share.
* **Chokepoints** -- nodes named in ``via`` lists, by the flow they carry:
  the sum of ``share`` over the edges passing them, and how many edges.
* **Articulation points** -- nodes whose removal disconnects the undirected
  view of the graph (supply edges plus the links of each edge to its
  via-nodes). Ranked by how many biconnected blocks they join, then degree.
* **Cross-ecosystem bridges** -- edges whose supplier and customer belong to
  different ecosystems, by share.
* **Widest reach** -- nodes whose disruption impacts the most other nodes
  (with :class:`graphs.impact.ImpactEngine`, same floor), and the summed
  impact. On a graph larger than ``reach_limit`` nodes only the
  ``reach_sample`` most connected nodes are assessed (``reach_sampled``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from graphs.impact import DEFAULT_FLOOR, ImpactEngine
from graphs.model import ValueChain


@dataclass(frozen=True, slots=True)
class SinglePointOfFailure:
    customer: str
    product: str
    supplier: str
    share: float
    suppliers: int  # how many suppliers the customer has for the product
    kind: str  # "sole" | "dominant"
    where: str = ""


@dataclass(frozen=True, slots=True)
class Chokepoint:
    node: str
    flow: float  # sum of share over the edges passing the node
    edges: int
    kind: str = ""


@dataclass(frozen=True, slots=True)
class ArticulationPoint:
    node: str
    blocks: int  # biconnected blocks the node joins (>= 2)
    degree: int


@dataclass(frozen=True, slots=True)
class Bridge:
    source: str
    target: str
    product: str
    share: float
    source_ecosystem: str
    target_ecosystem: str


@dataclass(frozen=True, slots=True)
class Reach:
    node: str
    reach: int  # impacted nodes when this node is disrupted
    total_impact: float  # sum of their scores


@dataclass
class LintReport:
    """Everything ``monitor graph lint`` shows; lists are ranked, worst first."""

    nodes: int
    edges: int
    single_points_of_failure: list[SinglePointOfFailure] = field(default_factory=list)
    chokepoints: list[Chokepoint] = field(default_factory=list)
    articulation_points: list[ArticulationPoint] = field(default_factory=list)
    bridges: list[Bridge] = field(default_factory=list)
    reach: list[Reach] = field(default_factory=list)
    reach_sampled: bool = False
    floor: float = DEFAULT_FLOOR

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return asdict(self)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def single_points_of_failure(chain: ValueChain, dominant: float = 0.5) -> list[SinglePointOfFailure]:
    """Customers depending on one supplier for a product (sole or dominant)."""
    groups: dict[tuple[str, str], list] = defaultdict(list)
    for edge in chain.edges:
        groups[(edge.target, edge.product)].append(edge)
    out: list[SinglePointOfFailure] = []
    for (customer, product), edges in groups.items():
        suppliers = {e.source for e in edges}
        top = min(edges, key=lambda e: (-e.share, e.source))
        if len(suppliers) == 1:
            kind = "sole"
        elif top.share >= dominant:
            kind = "dominant"
        else:
            continue
        out.append(
            SinglePointOfFailure(customer, product, top.source, top.share, len(suppliers), kind, str(top.where))
        )
    out.sort(key=lambda s: (-s.share, s.kind != "sole", s.customer, s.product))
    return out


def chokepoints(chain: ValueChain) -> list[Chokepoint]:
    """Via-nodes by the flow (sum of shares) passing them."""
    flow: dict[str, float] = defaultdict(float)
    count: dict[str, int] = defaultdict(int)
    for edge in chain.edges:
        for v in dict.fromkeys(edge.via):
            flow[v] += edge.share
            count[v] += 1
    out = [
        Chokepoint(v, round(flow[v], 6), count[v], chain.nodes[v].kind if v in chain.nodes else "")
        for v in flow
    ]
    out.sort(key=lambda c: (-c.flow, -c.edges, c.node))
    return out


def undirected_view(chain: ValueChain) -> nx.Graph:
    """Simple undirected graph: supply edges plus each edge's via hops."""
    g: nx.Graph[str] = nx.Graph()
    g.add_nodes_from(chain.nodes)
    for edge in chain.edges:
        if edge.source != edge.target:
            g.add_edge(edge.source, edge.target)
        hops = [edge.source, *edge.via, edge.target]
        for a, b in zip(hops, hops[1:]):
            if a != b:
                g.add_edge(a, b)
    return g


def articulation_points(chain: ValueChain, g: nx.Graph | None = None) -> list[ArticulationPoint]:
    """Cut vertices of the undirected view, by blocks joined then degree."""
    g = undirected_view(chain) if g is None else g
    blocks: dict[str, int] = defaultdict(int)
    for component in nx.biconnected_components(g):
        for n in component:
            # types-networkx says each component is list[set[node]]; networkx yields set[node]
            blocks[n] += 1  # type: ignore[index]
    # a node in two or more biconnected blocks is exactly a cut vertex
    out = [ArticulationPoint(n, k, g.degree(n)) for n, k in blocks.items() if k >= 2]
    out.sort(key=lambda a: (-a.blocks, -a.degree, a.node))
    return out


def bridges(chain: ValueChain) -> list[Bridge]:
    """Edges between different (known) ecosystems, by share."""
    out: list[Bridge] = []
    for edge in chain.edges:
        s, t = chain.nodes.get(edge.source), chain.nodes.get(edge.target)
        if s is None or t is None or not s.ecosystem or not t.ecosystem:
            continue
        if s.ecosystem != t.ecosystem:
            out.append(Bridge(edge.source, edge.target, edge.product, edge.share, s.ecosystem, t.ecosystem))
    out.sort(key=lambda b: (-b.share, b.source, b.target, b.product))
    return out


def widest_reach(
    chain: ValueChain,
    engine: ImpactEngine | None = None,
    *,
    limit: int = 2000,
    sample: int = 100,
) -> tuple[list[Reach], bool]:
    """Disrupt each node and count what it reaches.

    A graph with more than ``limit`` nodes is sampled: only its ``sample``
    most connected nodes (own edges plus edges passing through) are
    assessed -- the big hubs, ports and chokepoints, where the widest
    reach is. Returns the ranked list and whether it was sampled.
    """
    engine = engine or ImpactEngine(chain)
    candidates = list(chain.nodes)
    sampled = len(candidates) > limit
    if sampled:
        out_deg: dict[str, int] = defaultdict(int)
        for edge in chain.edges:
            out_deg[edge.source] += 1
            for v in edge.via:
                out_deg[v] += 1
        candidates.sort(key=lambda n: (-out_deg.get(n, 0), n))
        candidates = candidates[:sample]
    out: list[Reach] = []
    for node in candidates:
        impact = engine.assess([node], alternatives=False)
        if impact.impacted:
            total = sum(h.score for h in impact.impacted)
            out.append(Reach(node, len(impact.impacted), round(total, 6)))
    out.sort(key=lambda r: (-r.reach, -r.total_impact, r.node))
    return out, sampled


def lint(
    chain: ValueChain, *, floor: float = DEFAULT_FLOOR, reach_limit: int = 2000, reach_sample: int = 100
) -> LintReport:
    """All findings for ``chain`` (see module doc)."""
    engine = ImpactEngine(chain, floor, cache_size=8)
    reach, sampled = widest_reach(chain, engine, limit=reach_limit, sample=reach_sample)
    return LintReport(
        nodes=len(chain.nodes),
        edges=len(chain.edges),
        single_points_of_failure=single_points_of_failure(chain),
        chokepoints=chokepoints(chain),
        articulation_points=articulation_points(chain),
        bridges=bridges(chain),
        reach=reach,
        reach_sampled=sampled,
        floor=floor,
    )
