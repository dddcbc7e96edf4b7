"""Export (graphml, gexf, json, csv) and CSV import round trips."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import pytest

from graphs.export import (
    EDGE_COLUMNS,
    NODE_COLUMNS,
    ExportError,
    csv_tables,
    export_csv,
    export_graph,
    import_csv,
    to_dict,
)
from graphs.loader import load_graph, validate_graph
from graphs.model import ValueChain
from graphs.yamlsrc import ConfigError
from tests.helpers_graph import TINY, synthetic_graph, write_config


@pytest.fixture()
def chain(tmp_path: Path) -> ValueChain:
    cfg = write_config(tmp_path / "src", TINY)
    return load_graph(cfg / "graph")


def same_graph(a: ValueChain, b: ValueChain) -> None:
    """Equal in every config field (``where`` differs by construction)."""
    assert to_dict(a) == to_dict(b)


def test_json_has_every_config_field(chain: ValueChain) -> None:
    data = json.loads(export_graph(chain, "json"))
    assert data["ecosystems"] == [
        {"id": "electronics", "name": "Electronics"},
        {"id": "mobility", "name": "Mobility, transport & automotive"},
    ]
    assert data["nodes"][0] == {
        "id": "silicon-saxony",
        "name": "Silicon Saxony",
        "kind": "cluster",
        "ecosystem": "electronics",
        "location": {"country": "DE", "region": "Saxony", "city": "Dresden", "lat": 51.05, "lon": 13.74},
        "aliases": ["Silicon Saxony", "Dresdner Chipcluster"],
        "provides": ["semiconductors"],
        "description": 'Microelectronics cluster around Dresden; "Europe\'s largest"',
    }
    assert data["edges"][0] == {
        "from": "silicon-saxony",
        "to": "bavaria-automotive",
        "product": "semiconductors",
        "share": 0.4,
        "via": ["port-hamburg"],
    }
    assert len(data["nodes"]) == 4 and len(data["edges"]) == 3


def test_json_export_is_itself_a_valid_graph_file(chain: ValueChain, tmp_path: Path) -> None:
    cfg = write_config(tmp_path / "again", {"all.yaml": export_graph(chain, "json")}, dedent=False)
    chain2, problems = validate_graph(cfg / "graph")
    assert problems == [] and chain2 is not None
    same_graph(chain, chain2)


def test_graphml_is_read_back_by_networkx(chain: ValueChain) -> None:
    data = export_graph(chain, "graphml")
    assert isinstance(data, bytes)
    g = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    assert set(g.nodes) == set(chain.nodes)
    saxony = g.nodes["silicon-saxony"]
    assert saxony["aliases"] == "Silicon Saxony;Dresdner Chipcluster"
    assert saxony["lat"] == 51.05 and saxony["country"] == "DE" and saxony["ecosystem_name"] == "Electronics"
    assert "lat" not in g.nodes["bavaria-automotive"]  # absent values are left out, not "None"
    edges = {(u, v, d["product"]): d for u, v, d in g.edges(data=True)}
    assert edges[("silicon-saxony", "bavaria-automotive", "semiconductors")]["share"] == 0.4
    assert edges[("silicon-saxony", "bavaria-automotive", "semiconductors")]["via"] == "port-hamburg"
    assert len(edges) == 3


def test_gexf_is_read_back_by_networkx(chain: ValueChain) -> None:
    data = export_graph(chain, "gexf")
    g = nx.read_gexf(io.BytesIO(data))
    assert g.number_of_nodes() == 4 and g.number_of_edges() == 3
    assert g.nodes["silicon-saxony"]["label"] == "Silicon Saxony"
    assert g.nodes["port-hamburg"]["kind"] == "port"
    products = sorted(d["product"] for _, _, d in g.edges(data=True))
    assert products == ["car-parts", "semiconductors", "semiconductors"]


def test_parallel_edges_for_two_products_survive_graphml(tmp_path: Path) -> None:
    extra = "edges:\n  - {from: silicon-saxony, to: bavaria-automotive, product: sensors, share: 0.1}\n"
    cfg = write_config(tmp_path, dict(TINY, **{"more.yaml": extra}))
    chain = load_graph(cfg / "graph")
    g = nx.read_graphml(io.BytesIO(export_graph(chain, "graphml")), force_multigraph=True)
    assert g.number_of_edges("silicon-saxony", "bavaria-automotive") == 2


def test_unknown_format_and_csv_through_export_graph(chain: ValueChain) -> None:
    with pytest.raises(ExportError, match='did you mean "graphml"'):
        export_graph(chain, "grapml")
    with pytest.raises(ExportError, match="export_csv"):
        export_graph(chain, "csv")


def test_csv_round_trip(chain: ValueChain, tmp_path: Path) -> None:
    nodes_csv, edges_csv = export_csv(chain, tmp_path / "csv")
    assert nodes_csv.read_text().splitlines()[0] == ",".join(NODE_COLUMNS)
    assert edges_csv.read_text().splitlines()[0] == ",".join(EDGE_COLUMNS)
    text = import_csv(nodes_csv, edges_csv)
    cfg = write_config(tmp_path / "imported", {"imported.yaml": text}, dedent=False)
    chain2, problems = validate_graph(cfg / "graph")
    assert problems == [] and chain2 is not None
    same_graph(chain, chain2)


def test_csv_round_trip_of_a_larger_graph(tmp_path: Path) -> None:
    synthetic_graph(tmp_path / "graph", nodes=300, edges=900)
    chain = load_graph(tmp_path / "graph")
    nodes_csv, edges_csv = export_csv(chain, tmp_path / "csv")
    cfg = write_config(tmp_path / "b", {"g.yaml": import_csv(nodes_csv, edges_csv)}, dedent=False)
    same_graph(chain, load_graph(cfg / "graph"))


def write_csv(tmp_path: Path, nodes: str, edges: str) -> tuple[Path, Path]:
    n, e = tmp_path / "nodes.csv", tmp_path / "edges.csv"
    n.write_text(nodes, encoding="utf-8")
    e.write_text(edges, encoding="utf-8")
    return n, e


GOOD_NODES = (
    "id,name,kind,ecosystem,ecosystem_name,country,lat,lon,aliases\n"
    "port-rotterdam,Port of Rotterdam,port,,,NL,51.95,4.14,Haven van Rotterdam;Rotterdam port\n"
    "brainport,Brainport Eindhoven,cluster,electronics,Electronics,NL,,,Brainport\n"
    "asml,ASML,company,electronics,,NL,51.41,5.46,ASML\n"
)
GOOD_EDGES = "from,to,product,share,via\nasml,brainport,lithography,0.9,port-rotterdam\n"


def test_import_of_a_hand_written_spreadsheet(tmp_path: Path) -> None:
    text = import_csv(*write_csv(tmp_path, GOOD_NODES, GOOD_EDGES))
    cfg = write_config(tmp_path, {"g.yaml": text}, dedent=False)
    chain = load_graph(cfg / "graph")
    assert chain.ecosystems["electronics"].name == "Electronics"
    assert chain.nodes["port-rotterdam"].aliases == ("Haven van Rotterdam", "Rotterdam port")
    assert chain.nodes["asml"].location.lat == 51.41
    assert chain.edges[0].via == ("port-rotterdam",)


IMPORT_ERRORS = [
    pytest.param(
        GOOD_NODES.replace("51.95", "north"), GOOD_EDGES,
        "nodes.csv:2: column 'lat': expected a number, got 'north'", id="not-a-number",
    ),
    pytest.param(
        GOOD_NODES.replace("lon,aliases", "lon,alias"), GOOD_EDGES,
        "nodes.csv:1: column 9: unknown column 'alias' (did you mean \"aliases\"?)", id="unknown-column",
    ),
    pytest.param(
        GOOD_NODES, GOOD_EDGES.replace("from,", "source,"),
        "edges.csv:1: missing required column 'from'", id="missing-column",
    ),
    pytest.param(
        GOOD_NODES, GOOD_EDGES.replace("0.9", "1.9"),
        "edges.csv:2: edge asml -> brainport: 'share' must be in (0, 1], got 1.9", id="share-range",
    ),
    pytest.param(
        GOOD_NODES, GOOD_EDGES.replace("asml,brainport", "asml,brainprot"),
        "edges.csv:2: edge asml -> brainprot: 'to' names unknown node 'brainprot' (did you mean \"brainport\"?)",
        id="unknown-node",
    ),
    pytest.param(
        GOOD_NODES.replace("company", "compnay"), GOOD_EDGES,
        "nodes.csv:4: node 'asml': unknown kind 'compnay' (did you mean \"company\"?)", id="unknown-kind",
    ),
    pytest.param(
        GOOD_NODES + "asml,ASML Holding,company,,,NL,,,ASML\n", GOOD_EDGES,
        "nodes.csv:5: duplicate node id 'asml' (first defined at nodes.csv:4)", id="duplicate-id",
    ),
    pytest.param(
        GOOD_NODES.replace(",Electronics,NL,,,", ",\"Electronics,\nand more\",NL,,,")
        + "x,,port,,,,,,X\n", GOOD_EDGES,
        "nodes.csv:6: node 'x': missing required field 'name'", id="line-after-multiline-cell",
    ),
    pytest.param(
        GOOD_NODES, GOOD_EDGES + "asml,brainport,lithography,0.1,,extra\n",
        "edges.csv:3: row has 6 cells but the header has 5 columns", id="too-many-cells",
    ),
    pytest.param(
        GOOD_NODES.replace("asml,ASML,company,electronics,,", "asml,ASML,company,electronics,Elektronik,"),
        GOOD_EDGES,
        "nodes.csv:4: column 'ecosystem_name': 'Elektronik' differs from 'Electronics' given for ecosystem"
        " 'electronics' at line 3",
        id="conflicting-ecosystem-name",
    ),
]


@pytest.mark.parametrize(("nodes", "edges", "expected"), IMPORT_ERRORS)
def test_import_errors_name_csv_file_line_and_column(tmp_path: Path, nodes: str, edges: str, expected: str) -> None:
    with pytest.raises(ConfigError) as info:
        import_csv(*write_csv(tmp_path, nodes, edges))
    messages = [str(p) for p in info.value.problems]
    assert expected in messages, "\n".join(messages)


def test_csv_tables_join_lists_and_leave_blanks(chain: ValueChain) -> None:
    nodes_text, edges_text = csv_tables(chain)
    lines = nodes_text.splitlines()
    assert lines[3] == "port-hamburg,Port of Hamburg,port,,,DE,,Hamburg,53.54,9.97,Hamburger Hafen;Port of Hamburg,,"
    assert edges_text.splitlines()[1] == "silicon-saxony,bavaria-automotive,semiconductors,0.4,port-hamburg"
