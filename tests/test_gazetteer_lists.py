"""Names a reader sees that no alias spells out: a plural kind word before (or after) a
list of names ("os aeroportos de Frankfurt e Munique", "the Rotterdam and Antwerp ports")
and an English kind word written before the name ("the country's biggest gas field
Troll"). See ``coordination`` and ``apposition`` in ``graphs/data/inflection.yaml``.

The Portuguese Lufthansa sentence and the Troll sentence are verbatim wire text (Lusa,
Reuters via Offshore Energy); the others follow the usual phrasing of each language.
"""

from __future__ import annotations

import pytest

from graphs.gazetteer import Gazetteer, apposed
from graphs.lexicon import load_lexicon
from graphs.model import ValueChain
from graphs.tagger import Tagger
from helpers_tagging import chain_of, node, sure


def nodes():
    return [
        node("fra", "Frankfurt Airport (FRA)", "Frankfurt Airport", "aeroporto de Frankfurt", kind="hub",
             lat=50.03, lon=8.56, country="DE"),
        node("rtm", "Port of Rotterdam", "Port of Rotterdam", "Rotterdam port", "port de Rotterdam",
             "haven van Rotterdam", "puerto de Rotterdam", kind="port", lat=51.95, lon=4.14, country="NL"),
        node("antwerp", "Port of Antwerp-Bruges", "Port of Antwerp", "Antwerp port", "port d'Anvers",
             "haven van Antwerpen", kind="port", lat=51.26, lon=4.40, country="BE"),
        node("ham", "Port of Hamburg", "Hafen Hamburg", "porto di Amburgo", kind="port",
             lat=53.54, lon=9.97, country="DE"),
        node("bhv", "Port of Bremerhaven", "Hafen Bremerhaven", kind="port", lat=53.55, lon=8.58, country="DE"),
        node("troll", "Troll gas field and Kollsnes plant (Equinor)", "Troll gas field", "Pernis refinery",
             kind="site", lat=60.64, lon=3.72, country="NO"),
    ]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer(chain_of(nodes(), "lists-1"), exonyms=False)


def named(gaz: Gazetteer, text: str, lang: str) -> list[tuple[str, str]]:
    return [(nid, text[s:e]) for nid, s, e in gaz.mentions(text, lang)]


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("pt", 'Os aeroportos de Frankfurt e Munique, os dois principais "hubs" (centros de conexões) da Lufthansa, '
           "foram afetados pelo movimento de greve", [("fra", "Frankfurt")]),
    ("fr", "Grève dans les ports d'Anvers et de Rotterdam", [("antwerp", "Anvers"), ("rtm", "Rotterdam")]),
    ("de", "Warnstreik legt die Häfen Hamburg und Bremerhaven lahm", [("ham", "Häfen Hamburg"), ("bhv", "Bremerhaven")]),
    ("nl", "Staking in de havens van Rotterdam en Antwerpen", [("rtm", "Rotterdam"), ("antwerp", "Antwerpen")]),
    ("en", "Dockworkers walk out at the Rotterdam and Antwerp ports", [("rtm", "Rotterdam"), ("antwerp", "Antwerp port")]),
    ("en", "Strike hits Frankfurt and Munich airports", [("fra", "Frankfurt")]),
    ("it", "Sciopero nei porti di Amburgo, Genova e Trieste", [("ham", "Amburgo")]),
])
def test_a_plural_kind_word_names_each_listed_node(gaz, lang, text, expected):
    assert named(gaz, text, lang) == expected


@pytest.mark.parametrize(("lang", "text"), [
    # one name is no list: the plural is no kind word of it
    ("pt", "Os aeroportos de Frankfurt registaram atrasos"),
    # the list stops at a lower-case word or a clause end
    ("pt", "os aeroportos de grande porte e Frankfurt"),
    ("en", "Frankfurt. And Munich airports reopened"),
    # a singular kind word and a list: only the name it stands before
    ("fr", "le port de Rotterdam et Anvers"),
])
def test_no_list_no_names(gaz, lang, text):
    assert [nid for nid, _ in named(gaz, text, lang) if nid != "rtm"] == []


def test_the_listed_names_report_disruptions_as_the_singular_phrase_does():
    tagger = Tagger(chain_of(nodes(), "lists-2"), load_lexicon(), places=False, exonyms=False)
    # es: "puertos" is the port's kind word (a listed city name is not capped as a bare city)
    assert sure(tagger, "fr", "Grève dans les ports d'Anvers et de Rotterdam") == {
        ("antwerp", "strike"): False, ("rtm", "strike"): False,
    }


def test_an_english_kind_word_before_the_name(gaz):
    text = ("Gas output from Norway will be hit by a massive outage at the country's biggest gas field Troll, "
            "the country's gas system operator Gassco said.")
    assert named(gaz, text, "en") == [("troll", "gas field Troll")]
    assert named(gaz, "a fire at the refinery Pernis", "en") == [("troll", "refinery Pernis")]


def test_apposition_needs_a_name_before_the_kind_word():
    assert apposed("Troll gas field") == "gas field Troll"
    assert apposed("Kollsnes gas plant") == "gas plant Kollsnes"
    assert apposed("Nexperia's Chinese plant") is None  # no kind word of the table
    assert apposed("largest gas field") is None  # no name
    assert apposed("Troll") is None


def test_spanish_puertos_is_a_port_word():
    chain = ValueChain(ecosystems={}, nodes={
        "vlc": node("vlc", "Port of Valencia", "puerto de Valencia", kind="port", lat=39.44, lon=-0.32, country="ES"),
        "bcn": node("bcn", "Port of Barcelona", "puerto de Barcelona", kind="port", lat=41.35, lon=2.16, country="ES"),
    }, edges=[], version="lists-3")
    tagger = Tagger(chain, load_lexicon(), exonyms=False)
    assert sure(tagger, "es", "Huelga en los puertos de Valencia y Barcelona") == {
        ("vlc", "strike"): False, ("bcn", "strike"): False,
    }


def test_japanese_major_ports_names_a_bare_citys_port():
    """"主要港" (the major ports) is a port word: a bare city's name in its sentence is
    the city's port, as "puerto" or "Hafen" make it in Latin script."""
    chain = chain_of([nodes()[2]], "lists-4")
    tagger = Tagger(chain, load_lexicon(), exonyms=True)
    # the strike, and the paralysis it causes (麻痺: a blockage), both at the port
    assert set(sure(tagger, "ja", "アントワープのストライキで主要港が麻痺")) <= {("antwerp", "strike"), ("antwerp", "blockage")}
    assert ("antwerp", "strike") in sure(tagger, "ja", "アントワープのストライキで主要港が麻痺")
    assert sure(tagger, "ja", "アントワープでストライキ、市内の交通が麻痺") == {}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # a singular template around the name: "airports in X and Y" -> "X airport", "Y airport"
    ("en", "Strikes shut airports in Frankfurt and Rotterdam", [("fra", "Frankfurt")]),
    ("de", "Warnstreik an den Häfen in Hamburg und Bremerhaven", [("ham", "Hamburg"), ("bhv", "Bremerhaven")]),
    # "Hafen" folds like "Häfen" but is no plural: no list
    ("de", "Am Hafen in Hamburg und Bremerhaven wird gestreikt", []),
])
def test_plural_phrases_with_the_name_inside_the_singular(gaz, lang, text, expected):
    assert named(gaz, text, lang) == expected


def test_a_capitalised_noun_after_the_last_name_is_not_part_of_it(gaz):
    text = "Streik legt die Häfen Hamburg und Bremerhaven Containerumschlag lahm"
    assert named(gaz, text, "de") == [("ham", "Häfen Hamburg"), ("bhv", "Bremerhaven")]


@pytest.mark.parametrize(("text", "expected"), [
    # Reuters Japan, on the German airport strikes of February 2023
    ("ADV空港協会によると、フランクフルトやミュンヘン、ブレーメンの7空港で約2340便が欠航となり",
     [("fra", "フランクフルト")]),
    ("ロッテルダムとアントワープの港でストライキ", [("rtm", "ロッテルダム"), ("antwerp", "アントワープ")]),
    # the last name's alias swallows the kind word: "アントワープ港"
    ("ロッテルダムとアントワープ港でストライキ", [("rtm", "ロッテルダム"), ("antwerp", "アントワープ港")]),
    # no katakana list: "香港" is no list of ports
    ("香港と上海の港で混雑", []),
])
def test_japanese_lists_before_a_kind_word(text, expected):
    nodes_ja = [
        node("fra", "Frankfurt Airport (FRA)", "Frankfurt Airport", "フランクフルト空港", kind="hub", country="DE"),
        node("rtm", "Port of Rotterdam", "ロッテルダム港", kind="port", country="NL"),
        node("antwerp", "Port of Antwerp-Bruges", "アントワープ港", kind="port", country="BE"),
    ]
    gaz = Gazetteer(chain_of(nodes_ja, "lists-ja"), exonyms=False)
    assert named(gaz, text, "ja") == expected
