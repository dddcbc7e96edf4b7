"""``graphs.analysis.lint`` on the hand-built chain (see helpers_impact)."""

from __future__ import annotations

import json

from helpers_impact import hand_chain

from graphs.analysis import lint
from graphs.model import Edge
from graphs.synthetic import random_chain


def test_single_points_of_failure_sole_and_dominant():
    report = lint(hand_chain())
    found = {(s.customer, s.product): (s.supplier, s.kind, s.suppliers) for s in report.single_points_of_failure}
    assert found[("bavaria-automotive", "ecu")] == ("bosch-ecu", "sole", 1)
    assert found[("bosch-ecu", "semiconductors")] == ("silicon-saxony", "sole", 1)
    # two suppliers, one with half the need: dominant
    assert found[("dealer-network", "cars")] == ("bavaria-automotive", "dominant", 2)
    assert found[("silicon-saxony", "neon")][1:] == ("dominant", 2)
    # Bavaria's chips come from Dresden (0.4) and Brno (0.3): no single point
    assert ("bavaria-automotive", "semiconductors") not in found
    shares = [s.share for s in report.single_points_of_failure]
    assert shares == sorted(shares, reverse=True) and shares[0] == 0.9


def test_chokepoints_articulation_points_and_bridges():
    chain = hand_chain()
    chain.edges.append(Edge("fab-austria", "bavaria-automotive", "semiconductors", 0.2, ("port-hamburg",)))
    chain.version = "hand-lint"
    report = lint(chain)
    assert [(c.node, round(c.flow, 6), c.edges, c.kind) for c in report.chokepoints] == [
        ("port-hamburg", 0.5, 2, "port")
    ]
    cut = [a.node for a in report.articulation_points]
    assert cut[0] == "silicon-saxony"  # the neon suppliers hang on it alone
    assert "bavaria-automotive" in cut  # Leixlip only connects through Bavaria
    assert "dealer-network" not in cut and "conti-ecu" not in cut
    bridges = [(b.source, b.target, b.share) for b in report.bridges]
    assert bridges[0] == ("silicon-saxony", "bosch-ecu", 0.8)
    assert ("bosch-ecu", "bavaria-automotive", 0.9) not in bridges  # same ecosystem
    assert {(b.source_ecosystem, b.target_ecosystem) for b in report.bridges} == {("electronics", "automotive")}


def test_reach_ranks_nodes_by_how_much_their_disruption_reaches():
    report = lint(hand_chain())
    reach = {r.node: (r.reach, r.total_impact) for r in report.reach}
    assert reach["silicon-saxony"] == (5, 2.88)  # 0.8 + 0.72 + 0.6 + 0.4 + 0.36
    assert reach["port-hamburg"] == (1, 0.3)
    assert "dealer-network" not in reach  # a sink reaches nothing
    counts = [r.reach for r in report.reach]
    assert counts == sorted(counts, reverse=True)
    assert not report.reach_sampled


def test_report_is_json_and_large_graphs_are_sampled():
    chain = random_chain(400, 1600, seed=2)
    report = lint(chain, reach_limit=50, reach_sample=20)
    assert report.reach_sampled and 0 < len(report.reach) <= 20
    data = json.loads(report.to_json())
    assert data["nodes"] == 400 and data["edges"] == 1600
    assert set(data) >= {
        "single_points_of_failure", "chokepoints", "articulation_points", "bridges", "reach", "reach_sampled",
    }
    assert data["chokepoints"][0]["flow"] >= data["chokepoints"][-1]["flow"]
