"""A term that ends in the first words of a node's alias: the verb with its object, the
object being a facility named by its kind ("Rusia bombardea los puertos de Odesa"), stays a
term; one ending in a place's name ("Protest na granicy z Ukrainą") gives way to the alias."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphs.lexicon import load_lexicon
from graphs.loader import load_graph
from graphs.tagger import DEFAULT_MIN_CONFIDENCE, Tagger

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bundled() -> Tagger:
    return Tagger(load_graph(ROOT / "config" / "graph", display_root=ROOT / "config"), load_lexicon())


@pytest.fixture(scope="module")
def dev() -> Tagger:
    return Tagger(load_graph(ROOT / "tests" / "data" / "real-news" / "graph"), load_lexicon())


def _terms(tagger: Tagger, title: str, text: str, lang: str, target: str, dtype: str) -> list[str]:
    """The term evidence of the event (target, dtype) at or above the threshold."""
    for e in tagger.tag(title, text, lang):
        if e.target == target and e.type == dtype and e.confidence >= DEFAULT_MIN_CONFIDENCE:
            return [s.text for s in e.evidence if s.role == "term"]
    return []


@pytest.mark.parametrize(("lang", "title", "text", "word"), [
    ("es", "Rusia bombardea los puertos de Odesa por tercera noche consecutiva", "", "bombardea"),
    ("pt", "", "Kiev, 10 out (Lusa) - A Rússia atacou durante a noite com drones a infraestrutura portuária da "
     "região de Odessa, no sul da Ucrânia, informou o governador regional.", "atacou"),
    ("pt", "Drones ucranianos atacam porto de Odessa", "", "atacam"),
])
def test_verb_and_object_that_heads_a_facility_alias_stay_a_term(bundled, lang, title, text, word):
    terms = _terms(bundled, title, text, lang, "port-odesa", "conflict")
    assert any(t.lower().startswith(word) for t in terms), terms


def test_term_ending_inside_a_place_alias_gives_way_to_the_alias(dev):
    # "protest na granicy" (a strike term) ends inside the alias "granicy z Ukrainą": no facility
    # word names the node, so the alias wins and the political speech raises nothing
    got = {(e.target, e.type) for e in dev.tag(
        "Protest na granicy z Ukrainą. Krzysztof Bosak: Rolnicy i przewoźnicy zostali zdradzeni przez rząd", "", "pl")
        if e.confidence >= DEFAULT_MIN_CONFIDENCE}
    assert ("pl-ua-border", "strike") not in got
