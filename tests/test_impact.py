"""Impact propagation and alternatives on a hand-built chain (see helpers_impact)."""

from __future__ import annotations

import dataclasses

import pytest

from graphs.impact import ImpactEngine, ImpactError, UnknownTargetError, haversine_km
from graphs.model import Edge, Node, ValueChain
from graphs.synthetic import random_chain
from helpers_impact import hand_chain


@pytest.fixture()
def engine() -> ImpactEngine:
    return ImpactEngine(hand_chain())


def scores(impact) -> dict[str, float]:
    return {h.node: round(h.score, 6) for h in impact.impacted}


def paths(impact) -> dict[str, tuple[str, ...]]:
    return {h.node: h.path for h in impact.impacted}


def test_node_disruption_reaches_downstream_with_strongest_path(engine):
    impact = engine.assess(["silicon-saxony"])
    assert scores(impact) == {
        "bosch-ecu": 0.8,
        "bavaria-automotive": 0.72,  # max(0.4 direct, 0.6*0.3 via Brno, 0.8*0.9 via Bosch)
        "fab-czech": 0.6,
        "slovakia-automotive": 0.4,
        "dealer-network": 0.36,  # max(0.72*0.5, 0.4*0.1): not the sum
    }
    assert paths(impact)["bavaria-automotive"] == ("silicon-saxony", "bosch-ecu", "bavaria-automotive")
    assert paths(impact)["dealer-network"] == (
        "silicon-saxony", "bosch-ecu", "bavaria-automotive", "dealer-network",
    )
    # sorted by score, strongest first; upstream suppliers are untouched
    assert [h.score for h in impact.impacted] == sorted((h.score for h in impact.impacted), reverse=True)
    assert "neon-odesa" not in scores(impact)
    assert "silicon-saxony" not in scores(impact)


def test_ecosystems_take_the_highest_score_and_count_disrupted_nodes(engine):
    impact = engine.assess(["silicon-saxony"])
    assert impact.ecosystems == {"electronics": 1.0, "automotive": 0.8}


def test_disrupted_via_node_hits_the_customers_of_flows_passing_it(engine):
    impact = engine.assess(["port-hamburg"])
    assert scores(impact) == {"slovakia-automotive": 0.3}
    assert paths(impact)["slovakia-automotive"] == ("port-hamburg", "slovakia-automotive")
    # the supplier whose flow passes the port is not impacted itself
    assert "fab-taiwan" not in scores(impact)
    assert impact.ecosystems == {"automotive": 0.3}  # the port has no ecosystem


def test_floor_cuts_propagation():
    chain = hand_chain()
    # 0.3 * 0.1 = 0.03 < 0.05: the dealers are not reached ...
    assert "dealer-network" not in scores(ImpactEngine(chain).assess(["port-hamburg"]))
    # ... with a lower floor they are, through the port
    low = ImpactEngine(chain, floor=0.01).assess(["port-hamburg"])
    assert scores(low)["dealer-network"] == 0.03
    assert paths(low)["dealer-network"] == ("port-hamburg", "slovakia-automotive", "dealer-network")
    # a high floor keeps only strong hits
    high = ImpactEngine(chain, floor=0.7).assess(["silicon-saxony"])
    assert set(scores(high)) == {"bosch-ecu", "bavaria-automotive"}


def test_edge_disruption_carries_its_share_to_the_customer_only(engine):
    impact = engine.assess(["bosch-ecu->bavaria-automotive"])
    assert scores(impact) == {"bavaria-automotive": 0.9, "dealer-network": 0.45}
    assert paths(impact)["bavaria-automotive"] == ("bosch-ecu", "bavaria-automotive")
    assert "slovakia-automotive" not in scores(impact)  # Bosch itself still delivers there
    assert [(a.node, a.product, a.replaces, a.for_) for a in impact.alternatives] == [
        ("conti-ecu", "ecu", "bosch-ecu", "bavaria-automotive")
    ]


def test_several_disrupted_nodes_are_not_reported_as_impacted(engine):
    impact = engine.assess(["silicon-saxony", "bosch-ecu"])
    got = scores(impact)
    assert "bosch-ecu" not in got and "silicon-saxony" not in got
    assert got["bavaria-automotive"] == 0.9
    assert paths(impact)["bavaria-automotive"] == ("bosch-ecu", "bavaria-automotive")
    assert impact.ecosystems == {"automotive": 1.0, "electronics": 1.0}
    assert impact.disrupted == ("silicon-saxony", "bosch-ecu")


def test_alternatives_rank_existing_relations_first_then_distance(engine):
    impact = engine.assess(["silicon-saxony"])
    for_bavaria = [a for a in impact.alternatives if a.for_ == "bavaria-automotive"]
    # Leixlip already supplies Bavaria (sensors): first although it is far;
    # then by distance from Munich; the fab without a location last
    assert [a.node for a in for_bavaria] == ["fab-ireland", "fab-austria", "fab-taiwan", "fab-nowhere"]
    assert [a.existing for a in for_bavaria] == [True, False, False, False]
    assert all(a.product == "semiconductors" and a.replaces == "silicon-saxony" for a in for_bavaria)
    assert for_bavaria[1].distance_km == pytest.approx(haversine_km(46.61, 13.85, 48.14, 11.58), abs=0.1)
    assert for_bavaria[-1].distance_km is None
    # customers are listed by how hard they are hit
    assert [a.for_ for a in impact.alternatives][0] == "bosch-ecu"


def test_alternatives_exclude_disrupted_impacted_and_the_customer(engine):
    impact = engine.assess(["silicon-saxony"])
    nodes = {a.node for a in impact.alternatives}
    assert "silicon-saxony" not in nodes  # disrupted
    assert "fab-czech" not in nodes  # impacted (0.6)
    assert not any(a.node == a.for_ for a in impact.alternatives)
    # Brno is hit itself and gets alternatives too, nearest first
    assert [a.node for a in impact.alternatives if a.for_ == "fab-czech"][:2] == ["fab-austria", "fab-ireland"]


def test_via_disruption_alternatives_skip_the_blocked_supplier(engine):
    impact = engine.assess(["port-hamburg"])
    alts = [a for a in impact.alternatives if a.for_ == "slovakia-automotive"]
    # not impacted by a port strike, so Brno (121 km from Bratislava) and Dresden qualify
    assert [a.node for a in alts] == ["fab-czech", "fab-austria", "silicon-saxony", "fab-ireland", "fab-nowhere"]
    assert {a.replaces for a in alts} == {"fab-taiwan"}


def test_alternatives_are_capped_per_product_and_customer():
    chain = hand_chain()
    engine = ImpactEngine(chain, max_alternatives=2)
    alts = [a for a in engine.assess(["silicon-saxony"]).alternatives if a.for_ == "bavaria-automotive"]
    assert [a.node for a in alts] == ["fab-ireland", "fab-austria"]


def test_cycles_terminate_and_keep_the_best_score():
    nodes = {i: Node(i, i.upper(), "company") for i in ("a", "b", "c")}
    edges = [Edge("a", "b", "x", 0.9), Edge("b", "c", "y", 0.9), Edge("c", "a", "z", 0.9), Edge("c", "b", "w", 0.2)]
    impact = ImpactEngine(ValueChain({}, nodes, edges, version="cyc")).assess(["a"])
    assert scores(impact) == {"b": 0.9, "c": 0.81}


def test_unknown_targets_raise_with_a_suggestion(engine):
    with pytest.raises(UnknownTargetError, match='did you mean "silicon-saxony"'):
        engine.assess(["silicon-saxon"])
    with pytest.raises(UnknownTargetError, match="no edge 'bosch-ecu->fab-czech'"):
        engine.assess(["bosch-ecu->fab-czech"])
    with pytest.raises(UnknownTargetError, match="unknown node 'bosh-ecu'"):
        engine.assess(["bosh-ecu->bavaria-automotive"])
    with pytest.raises(ImpactError):
        engine.assess([])
    with pytest.raises(ImpactError):
        ImpactEngine(hand_chain(), floor=0)


def test_results_are_cached_per_disrupted_set_and_rebuilt_on_a_new_version():
    chain = hand_chain()
    engine = ImpactEngine(chain)
    first = engine.assess(["silicon-saxony", "port-hamburg"])
    assert engine.assess(["silicon-saxony", "port-hamburg"]) is first
    swapped = engine.assess(["port-hamburg", "silicon-saxony"])
    assert swapped.impacted == first.impacted and swapped.disrupted == ("port-hamburg", "silicon-saxony")
    # an analyst raises Bosch's share to Slovakia; the new version is picked up
    chain.edges = [
        dataclasses.replace(e, share=1.0) if (e.source, e.target) == ("bosch-ecu", "slovakia-automotive") else e
        for e in chain.edges
    ]
    chain.version = "hand-2"
    assert scores(engine.assess(["silicon-saxony"]))["slovakia-automotive"] == 0.8


def test_random_chain_is_deterministic_and_scores_are_consistent():
    a, b = random_chain(600, 2400, seed=5), random_chain(600, 2400, seed=5)
    assert [(e.source, e.target, e.product, e.share, e.via) for e in a.edges] == [
        (e.source, e.target, e.product, e.share, e.via) for e in b.edges
    ]
    assert len(a.nodes) == 600 and len(a.edges) == 2400
    assert any(e.via for e in a.edges)
    engine = ImpactEngine(a)
    share = {}
    for e in a.edges:
        share[(e.source, e.target)] = max(share.get((e.source, e.target), 0.0), e.share)
        for v in e.via:
            share[(v, e.target)] = max(share.get((v, e.target), 0.0), e.share)
    checked = 0
    for node in list(a.nodes)[:80]:
        impact = engine.assess([node])
        for hit in impact.impacted:
            # the score is the product of the shares along the reported path
            product = 1.0
            for x, y in zip(hit.path, hit.path[1:]):
                product *= share[(x, y)]
            assert hit.score == pytest.approx(product)
            assert 0.05 <= hit.score <= 1.0 and hit.path[0] == node
            checked += 1
    assert checked > 50
