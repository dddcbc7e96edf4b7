"""Willems (2008) real supply chains as ValueChains, and what-ifs on them."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from graphs.impact import ImpactEngine
from graphs.willems import WillemsFormatError, load_willems


def csv_dir(corpus_dir: Path) -> Path:
    return corpus_dir / "willems2008" / "csv"


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_chain_38_matches_its_csv_files(corpus_dir):
    d = csv_dir(corpus_dir)
    chain = load_willems(d / "38_SD.csv", d / "38_LL.csv", chain_id="38")
    stages = rows(d / "38_SD.csv")
    arcs = rows(d / "38_LL.csv")
    assert len(chain.nodes) == len(stages) == 2025
    assert len(chain.edges) == len(arcs) == 16225
    assert {(e.source, e.target) for e in chain.edges} == {(a["sourceStage"], a["destinationStage"]) for a in arcs}
    kinds = Counter(n.kind for n in chain.nodes.values())
    by_prefix = Counter(s["Stage Name"].split("_")[0] for s in stages)
    assert kinds["material"] == by_prefix["Part"] and kinds["site"] == by_prefix["Manuf"]
    assert kinds["route"] == by_prefix["Trans"] and kinds["company"] == by_prefix["Retail"]
    assert set(chain.ecosystems) == {"willems-38"}
    assert all(n.ecosystem == "willems-38" for n in chain.nodes.values())
    # share = 1 / suppliers of the destination: each customer's shares add up to 1
    total: Counter[str] = Counter()
    for e in chain.edges:
        total[e.target] += e.share
        assert e.product == e.source
    assert all(abs(v - 1.0) < 1e-9 for v in total.values())
    # every edge points back at its CSV line
    assert chain.edges[0].where.file.endswith("38_LL.csv") and chain.edges[0].where.line == 2
    # the networkx view has one edge per arc (keyed by product = source stage)
    assert chain.graph.number_of_edges() == 16225


def test_what_if_on_chain_38_stays_inside_the_chain(corpus_dir):
    d = csv_dir(corpus_dir)
    chain = load_willems(d / "38_SD.csv", d / "38_LL.csv", chain_id="38")
    engine = ImpactEngine(chain)
    manuf = sorted(n for n in chain.nodes if n.startswith("Manuf_"))
    reached = 0
    for node in manuf[:40]:
        impact = engine.assess([node])
        for hit in impact.impacted:
            assert hit.node in chain.nodes and hit.node != node
            assert 0.0 < hit.score <= 1.0
            assert hit.path[0] == node and hit.path[-1] == hit.node
            # downstream only: every step follows an arc
            for a, b in zip(hit.path, hit.path[1:]):
                assert chain.graph.has_edge(a, b)
        reached += len(impact.impacted)
    assert reached > 40
    # a manufacturing stage with one outgoing transport leg hits it fully
    impact = engine.assess(["Manuf_0001"])
    assert impact.score_at("Trans_0001") == 1.0
    assert impact.ecosystems == {"willems-38": 1.0}
    # retailers are the end of the chain
    assert engine.assess(["Retail_0001"]).impacted == ()


def test_every_chain_of_the_corpus_loads(corpus_dir):
    d = csv_dir(corpus_dir)
    nodes = edges = 0
    for sd in sorted(d.glob("*_SD.csv")):
        nn = sd.name.split("_")[0]
        chain = load_willems(sd, d / f"{nn}_LL.csv", chain_id=nn)
        nodes += len(chain.nodes)
        edges += len(chain.edges)
    assert (nodes, edges) == (15877, 43593)  # the README's totals


def test_bad_files_name_file_and_line(tmp_path):
    sd = tmp_path / "x_SD.csv"
    ll = tmp_path / "x_LL.csv"
    sd.write_text("Stage Name,stageCost\nPart_1,1\nFactory_2,3\n", encoding="utf-8")
    ll.write_text("sourceStage,destinationStage\nPart_1,Factory_2\n", encoding="utf-8")
    with pytest.raises(WillemsFormatError, match=r"x_SD\.csv:3: stage 'Factory_2' has no known prefix"):
        load_willems(sd, ll, chain_id="x")
    sd.write_text("Stage Name,stageCost\nPart_1,1\nManuf_2,3\n", encoding="utf-8")
    ll.write_text("sourceStage,destinationStage\nPart_1,Manuf_2\nPart_1,Manuf_3\n", encoding="utf-8")
    with pytest.raises(WillemsFormatError, match=r"x_LL\.csv:3: unknown stage 'Manuf_3'"):
        load_willems(sd, ll, chain_id="x")
    ll.write_text("from,to\n", encoding="utf-8")
    with pytest.raises(WillemsFormatError, match=r"x_LL\.csv:1: missing column"):
        load_willems(sd, ll, chain_id="x")
