"""Shared bits for the graph loader/export/CLI tests: a tiny hand-written graph."""

from __future__ import annotations

import random
import textwrap
from pathlib import Path

#: A small, valid, warning-free value chain in two files (real places).
TINY = {
    "ecosystems.yaml": """\
        ecosystems:
          - {id: electronics, name: Electronics}
          - {id: mobility, name: "Mobility, transport & automotive"}
        """,
    "nodes.yaml": """\
        nodes:
          - id: silicon-saxony
            name: Silicon Saxony
            kind: cluster
            ecosystem: electronics
            location: {country: DE, region: Saxony, city: Dresden, lat: 51.05, lon: 13.74}
            aliases: ["Silicon Saxony", "Dresdner Chipcluster"]
            provides: [semiconductors]
            description: 'Microelectronics cluster around Dresden; "Europe''s largest"'
          - id: bavaria-automotive
            name: Bayern Innovativ automotive cluster
            kind: cluster
            ecosystem: mobility
            location: {country: DE, region: Bavaria}
            aliases: ["Automobilcluster Bayern"]
          - id: port-hamburg
            name: Port of Hamburg
            kind: port
            location: {country: DE, city: Hamburg, lat: 53.54, lon: 9.97}
            aliases: ["Hamburger Hafen", "Port of Hamburg"]
          - id: automotive-slovakia
            name: Slovak automotive cluster
            kind: cluster
            ecosystem: mobility
            location: {country: SK}
            aliases: ["Automotive Cluster Slovakia", "automobilový klaster"]
            provides: [car-parts]
        """,
    "edges.yaml": """\
        edges:
          - from: silicon-saxony
            to: bavaria-automotive
            product: semiconductors
            share: 0.4
            via: [port-hamburg]
          - {from: automotive-slovakia, to: bavaria-automotive, product: car-parts, share: 0.25}
          - {from: silicon-saxony, to: automotive-slovakia, product: semiconductors}
        """,
}


def write_config(root: Path, files: dict[str, str], *, dedent: bool = True) -> Path:
    """Create ``root/config/graph/<name>`` for each entry; return the config dir."""
    cfg = root / "config"
    graph = cfg / "graph"
    graph.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = graph / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text) if dedent else text, encoding="utf-8")
    return cfg


def synthetic_graph(graph_dir: Path, nodes: int, edges: int, seed: int = 7) -> None:
    """A random valid graph (for scale checks), written as nodes.yaml + edges.yaml."""
    rnd = random.Random(seed)
    graph_dir.mkdir(parents=True, exist_ok=True)
    kinds = ["cluster", "company", "site", "port", "chokepoint", "region", "material"]
    out = ["ecosystems:"] + [f"  - {{id: eco-{e}, name: Ecosystem {e}}}" for e in range(14)] + ["nodes:"]
    for i in range(nodes):
        out.append(
            f"  - id: n{i}\n    name: Node {i}\n    kind: {kinds[i % 7]}\n    ecosystem: eco-{i % 14}\n"
            f"    location: {{country: DE, lat: {rnd.uniform(-80, 80):.3f}, lon: {rnd.uniform(-170, 170):.3f}}}\n"
            f'    aliases: ["Node {i}", "Knoten {i}"]\n    provides: [p{i % 50}]'
        )
    (graph_dir / "nodes.yaml").write_text("\n".join(out) + "\n", encoding="utf-8")
    out = ["edges:"]
    seen: set[tuple[int, int]] = set()
    while len(seen) < edges:
        a, b = rnd.randrange(nodes), rnd.randrange(nodes)
        if a == b or (a, b) in seen:
            continue
        seen.add((a, b))
        via = rnd.randrange(nodes)
        via_text = f", via: [n{via}]" if via not in (a, b) and rnd.random() < 0.1 else ""
        out.append(f"  - {{from: n{a}, to: n{b}, product: p{a % 50}, share: 0.1{via_text}}}")
    (graph_dir / "edges.yaml").write_text("\n".join(out) + "\n", encoding="utf-8")
