"""Cue names (a node's ``cues:`` in the graph): a name that stands for the node only where its
sentence reports one of the node's own disruptions (graphs.gazetteer.CUE_TYPES).

An operator's name is also its business news: "QatarEnergy declares force majeure" is the
Ras Laffan LNG plant stopped, "QatarEnergy signs a supply deal; delays expected" is no
congestion there. Sentences are written for the test, not taken from the labelled sets.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphs.gazetteer import CUE_TYPES, WATER_CUE_TYPES, Cue
from graphs.lexicon import load_lexicon
from graphs.loader import load_graph
from graphs.tagger import DEFAULT_MIN_CONFIDENCE, Tagger
from helpers_graph import write_config

GRAPH = {
    "g.yaml": """
        nodes:
          - id: lng-plant
            name: Northcape LNG
            kind: site
            location: {country: FI, lat: 65.7, lon: 24.6}
            aliases: ["Northcape LNG plant", "Polarco LNG"]
            cues: ["Polarco", "Polar Energy"]
          - id: smelter
            name: Fjord Aluminium
            kind: site
            location: {country: FI, lat: 61.5, lon: 21.8}
        edges:
          - {from: lng-plant, to: smelter, product: natural-gas}
        """,
}


@pytest.fixture(scope="module")
def tagger(tmp_path_factory: pytest.TempPathFactory) -> Tagger:
    cfg = write_config(tmp_path_factory.mktemp("cues"), GRAPH)
    return Tagger(load_graph(cfg / "graph"), load_lexicon(), places=False)


def _raised(tagger: Tagger, title: str, lead: str = "", lang: str = "en") -> set[str]:
    return {e.type for e in tagger.tag(title, lead, lang)
            if e.target == "lng-plant" and e.confidence >= DEFAULT_MIN_CONFIDENCE and not e.recovery}


def test_the_loader_reads_cues(tmp_path: Path) -> None:
    chain = load_graph(write_config(tmp_path, GRAPH) / "graph")
    assert chain.nodes["lng-plant"].cues == ("Polarco", "Polar Energy")
    assert chain.nodes["smelter"].cues == ()


@pytest.mark.parametrize(
    ("lang", "title", "types"),
    [
        ("en", "Polarco declares force majeure after plant shutdown", {"outage"}),
        ("en", "Polar Energy halts production after drone attack", {"outage", "conflict"}),
        ("es", "Polarco declara fuerza mayor y suspende la producción", {"outage"}),
        ("pt", "Polarco suspende a produção após ataque", {"outage", "conflict"}),
    ],
)
def test_a_cue_beside_an_own_disruption_names_the_node(tagger: Tagger, lang: str, title: str, types: set[str]) -> None:
    assert _raised(tagger, title, lang=lang) & types


@pytest.mark.parametrize(
    "title",
    [
        # business news of the operator: delays, restrictions, sanctions are not the plant's own disruption
        "Polarco signs supply deal with utility; delays expected at rival projects",
        "Polarco faces sanctions over Arctic expansion",
        "Polarco shares fall on weaker gas prices",
    ],
)
def test_a_cue_with_another_type_or_none_stays_silent(tagger: Tagger, title: str) -> None:
    assert not _raised(tagger, title)


def test_a_cue_needs_its_term_in_its_own_sentence(tagger: Tagger) -> None:
    assert not _raised(tagger, "Polarco reports quarterly results", "Production at a nearby plant was halted by a fire.")
    assert _raised(tagger, "Northcape LNG plant halted", "Production was halted by a fire.")


def test_a_cue_is_no_unconditional_half_of_a_two_part_alias(tagger: Tagger) -> None:
    # "Polarco LNG" is an alias; "Polarco ... LNG" apart is the cue, not the two-part alias
    assert not _raised(tagger, "Polarco signs LNG supply deal, delays expected")
    assert _raised(tagger, "Polarco LNG plant shut after power outage")


def test_cue_types_are_the_node_s_own_operation() -> None:
    assert {"outage", "conflict", "blockage"} <= CUE_TYPES
    assert not {"congestion", "trade_restriction", "insolvency", "lockdown", "shortage"} & CUE_TYPES
    assert "QatarEnergy" in Cue("QatarEnergy").note


WATER_GRAPH = {
    "w.yaml": """
        nodes:
          - id: strait
            name: Strait of Kvarken
            kind: chokepoint
            location: {country: FI, lat: 63.5, lon: 21.0}
            aliases: ["Kvarken Strait"]
            cues: ["Gulf of Bothnia"]
          - id: port
            name: Port of Vaasa
            kind: port
            location: {country: FI, lat: 63.1, lon: 21.6}
        edges:
          - {from: port, to: strait, product: container-port}
        """,
}


@pytest.fixture(scope="module")
def water(tmp_path_factory: pytest.TempPathFactory) -> Tagger:
    cfg = write_config(tmp_path_factory.mktemp("water-cues"), WATER_GRAPH)
    return Tagger(load_graph(cfg / "graph"), load_lexicon(), places=False)


def _strait(tagger: Tagger, title: str, lang: str = "en") -> set[str]:
    return {e.type for e in tagger.tag(title, "", lang)
            if e.target == "strait" and e.confidence >= DEFAULT_MIN_CONFIDENCE and not e.recovery}


def test_a_gulf_named_for_its_strait_reports_what_happens_on_the_water(water: Tagger) -> None:
    assert WATER_CUE_TYPES == {"blockage", "conflict", "congestion"}
    assert _strait(water, "Ice storm strands ships in the Gulf of Bothnia") & {"blockage"}
    assert _strait(water, "Pirates hijack tanker in the Gulf of Bothnia") & {"conflict"}
    # a fire on its coast, the lands around it
    assert not _strait(water, "Fire at refinery on the Gulf of Bothnia")
    assert not _strait(water, "Drone attacks hit Gulf of Bothnia states")
    assert not _strait(water, "Ataques contra países del golfo de Bothnia", "es")
