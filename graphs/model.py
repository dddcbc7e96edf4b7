"""The value-chain model: ecosystems, nodes and edges as analysts write them.

Every object keeps ``where`` (file and line of its YAML) so that errors found
later -- at run time, at reload, in lint -- can point back to the source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import networkx as nx

#: Node kinds the schema knows; others are rejected with "did you mean".
NODE_KINDS = (
    "cluster",
    "company",
    "site",
    "port",
    "chokepoint",
    "region",
    "material",
    "route",
    "hub",
)


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where something was written: ``file:line`` (1-based line)."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


NOWHERE = SourceRef("<memory>", 0)


@dataclass(frozen=True, slots=True)
class Location:
    country: str | None = None  # ISO 3166-1 alpha-2
    region: str | None = None
    city: str | None = None
    lat: float | None = None
    lon: float | None = None

    @property
    def has_coordinates(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True, slots=True)
class Ecosystem:
    id: str
    name: str
    where: SourceRef = NOWHERE


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    name: str
    kind: str
    ecosystem: str | None = None
    location: Location = field(default_factory=Location)
    aliases: tuple[str, ...] = ()
    provides: tuple[str, ...] = ()
    description: str | None = None
    where: SourceRef = NOWHERE
    #: take other-language names from the packaged name table (graphs/data/exonyms.yaml)
    exonyms: bool = True
    #: names that stand for the node only beside one of its own disruptions (see
    #: :class:`graphs.gazetteer.Cue`): an operator's name that business news uses as well
    cues: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Edge:
    """``source`` supplies ``product`` to ``target``.

    ``share`` is the part of the customer's need for ``product`` that this
    supplier meets, in (0, 1]. ``via`` lists logistics nodes the flow passes:
    their disruption is the edge's disruption.
    """

    source: str
    target: str
    product: str
    share: float = 1.0
    via: tuple[str, ...] = ()
    where: SourceRef = NOWHERE

    @property
    def id(self) -> str:
        return edge_id(self.source, self.target)


def edge_id(source: str, target: str) -> str:
    """The textual id of an edge target, as used by events and alerts."""
    return f"{source}->{target}"


def split_edge_id(target: str) -> tuple[str, str] | None:
    """``"a->b"`` -> ``("a", "b")``; a node id -> ``None``."""
    if "->" not in target:
        return None
    a, _, b = target.partition("->")
    return a.strip(), b.strip()


@dataclass(eq=False)
class ValueChain:
    """The merged graph of every file in ``graph/``.

    ``version`` is a content hash of the source files: caches (automaton,
    impact) key on it.
    """

    ecosystems: dict[str, Ecosystem]
    nodes: dict[str, Node]
    edges: list[Edge]
    version: str = ""
    files: tuple[str, ...] = ()

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """networkx view: nodes carry ``node=Node``, edges are keyed by product."""
        g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        for node in self.nodes.values():
            g.add_node(node.id, node=node)
        for edge in self.edges:
            g.add_edge(edge.source, edge.target, key=edge.product, edge=edge)
        return g

    def edges_from(self, node_id: str) -> list[Edge]:
        """Edges whose supplier is ``node_id`` (an index built once per chain)."""
        return self._out_index.get(node_id, [])

    @cached_property
    def _out_index(self) -> dict[str, list[Edge]]:
        index: dict[str, list[Edge]] = {}
        for edge in self.edges:
            index.setdefault(edge.source, []).append(edge)
        return index

    def edges_via(self, node_id: str) -> list[Edge]:
        """Edges whose ``via`` passes through ``node_id``."""
        return self._via_index.get(node_id, [])

    @cached_property
    def _via_index(self) -> dict[str, list[Edge]]:
        index: dict[str, list[Edge]] = {}
        for edge in self.edges:
            for v in edge.via:
                index.setdefault(v, []).append(edge)
        return index
