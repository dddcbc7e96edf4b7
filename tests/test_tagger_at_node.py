"""Closing verbs next to a node's name (issue #15): "closes", "closed", "cierra", "fecha" are
terms only where they touch the name of a chokepoint, route, port or airport.

Sentences are written in the style of wire copy about the bundled graph's nodes; none is
copied from the labelled sets.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphs.lexicon import load_lexicon
from graphs.loader import load_graph
from graphs.yamlsrc import ConfigError
from graphs.tagger import DEFAULT_MIN_CONFIDENCE, Tagger
from helpers_tagging import alerts

BUNDLED = Path(__file__).resolve().parent.parent / "config"


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(load_graph(BUNDLED / "graph", display_root=BUNDLED), load_lexicon(), places=False)


@pytest.mark.parametrize(
    ("lang", "title", "node"),
    [
        ("en", "Iran closes Strait of Hormuz to tankers after seizure", "strait-of-hormuz"),
        ("en", "Iran says it has closed the Strait of Hormuz", "strait-of-hormuz"),
        ("en", "Strait of Hormuz closed, Revolutionary Guards say", "strait-of-hormuz"),
        ("en", "Egypt shuts Suez Canal after container ship runs aground", "suez-canal"),
        ("en", "Turkey closes Bosphorus to tanker traffic", "bosporus"),
        ("en", "Houthis have closed the Bab el-Mandeb to Israeli-linked ships", "bab-el-mandeb"),
        ("en", "Farmers block the Port of Antwerp with tractors", "port-antwerp-bruges"),
        ("en", "Frankfurt Airport closed after heavy snowfall", "frankfurt-airport"),
        # the name inside the phrase: what stops at the node, and traffic that collapses
        ("en", "Maersk pauses Strait of Hormuz transits after tanker attack", "strait-of-hormuz"),
        ("en", "Tankers halt Hormuz transits as insurers pull cover", "strait-of-hormuz"),
        ("en", "Hormuz crossings fall to single digits", "strait-of-hormuz"),
        ("en", "Container lines avoid the Suez Canal after attacks", "suez-canal"),
        ("es", "Las navieras suspenden el tránsito por el canal de Suez", "suez-canal"),
        ("es", "Irán cierra el estrecho de Ormuz al tráfico de petroleros", "strait-of-hormuz"),
        ("es", "El puerto de Valencia permanece cerrado por el temporal", "port-valencia"),
        ("pt", "Irã fecha o Estreito de Ormuz para petroleiros", "strait-of-hormuz"),
        ("de", "Iran schließt die Straße von Hormus für Tanker", "strait-of-hormuz"),
        ("fr", "L'Iran ferme le détroit d'Ormuz aux pétroliers", "strait-of-hormuz"),
    ],
)
def test_a_closing_verb_at_a_closable_node_is_a_blockage(tagger: Tagger, lang: str, title: str, node: str) -> None:
    raised = {e.type for e in tagger.tag(title, "", lang) if e.target == node and e.confidence >= DEFAULT_MIN_CONFIDENCE}
    assert "blockage" in raised


@pytest.mark.parametrize(
    ("lang", "title", "node"),
    [
        # a result, not a closure
        ("en", "Port of Antwerp closed the year with record container volumes", "port-antwerp-bruges"),
        ("en", "Port of Rotterdam closed 2023 with 439 million tonnes", "port-rotterdam"),
        # threats, possibilities and conditions
        ("en", "Iran threatens to close Strait of Hormuz if attacked", "strait-of-hormuz"),
        ("en", "Iran could block the Strait of Hormuz, analysts say", "strait-of-hormuz"),
        ("en", "Oil would soar if Iran closed the Strait of Hormuz", "strait-of-hormuz"),
        # punctuation folds to spaces: "if Iran, cornered, closed" is still a condition
        ("en", "Oil would soar if Iran, cornered, closed the Strait of Hormuz", "strait-of-hormuz"),
        ("es", "Irán amenaza con cerrar el estrecho de Ormuz", "strait-of-hormuz"),
        ("pt", "Irã ameaça fechar o Estreito de Ormuz", "strait-of-hormuz"),
        # not a node that closes by these words: a trade fair ends, a plant closes for good
        ("en", "Frankfurter Buchmesse closes its doors after record year", "frankfurter-buchmesse"),
    ],
)
def test_closing_words_that_report_no_closure_raise_nothing(tagger: Tagger, lang: str, title: str, node: str) -> None:
    assert node not in alerts(tagger, title, lang=lang)


def test_closing_words_away_from_the_name_are_not_terms(tagger: Tagger) -> None:
    # "closed" belongs to the markets, not to the strait named later in the sentence
    title = "Oil closed higher on Friday as traders watched the Strait of Hormuz"
    assert "strait-of-hormuz" not in alerts(tagger, title)


def test_the_closure_shows_as_the_events_term(tagger: Tagger) -> None:
    events = tagger.tag("Iran closes Strait of Hormuz to tankers", "", "en")
    event = next(e for e in events if e.target == "strait-of-hormuz")
    assert [s.text for s in event.evidence if s.role == "term"] == ["closes"]


def test_a_config_lexicon_adds_at_node_phrases(tmp_path: Path) -> None:
    (tmp_path / "lexicon.yaml").write_text(
        "types:\n  blockage:\n    at_node:\n      nl: [sluit (de |het )@]\n", encoding="utf-8"
    )
    lexicon = load_lexicon(tmp_path / "lexicon.yaml")
    assert "sluit (de |het )@" in lexicon.types["blockage"].at_node["nl"]
    tagger = Tagger(load_graph(BUNDLED / "graph", display_root=BUNDLED), lexicon, places=False)
    assert alerts(tagger, "Iran sluit de Straat van Hormuz", lang="nl").get("strait-of-hormuz") == "blockage"


def test_an_at_node_phrase_without_its_place_is_refused_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text("types:\n  blockage:\n    at_node:\n      en:\n        - closes the\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_lexicon(path)
    assert "lexicon.yaml:5" in str(caught.value) and "'@'" in str(caught.value)
