"""The name table's coverage of the places and firms of the bundled graph: inflected and
adjectival forms the suffix rules do not derive ("v Rudém moři", "vörös-tengeri"), airports,
"the port of X" around a city's name in each language ("porto di Amburgo", "Odessa port"), and firms in Japanese, Chinese and Korean — each on a
graph whose analyst wrote English names only, so only the table can find them.

Sentences are written in the publishers' usual phrasing (ČTK, TASR, MTI, Agerpres, HINA,
LETA, ELTA, NHK, Folha, Yonhap, Xinhua) about real events: the Houthi attacks on Red Sea
shipping (2023-24), the Danube drought of 2022, the Frankfurt airport strikes of 2023-24,
the drone attacks on the Odesa ports in 2023.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphs.gazetteer import ExonymIndex, load_exonyms
from graphs.lexicon import load_lexicon
from graphs.model import Node
from graphs.places import PlaceIndex
from graphs.tagger import Tagger
from helpers_tagging import chain_of, node, node_notes


def english_nodes() -> list[Node]:
    return [
        node("red-sea", "Red Sea", kind="route", country="YE", lat=20.0, lon=38.5),
        node("suez", "Suez Canal", kind="chokepoint", country="EG", lat=30.58, lon=32.27),
        node("black-sea", "Black Sea", kind="route", country="UA", lat=43.4, lon=34.0),
        node("danube", "Danube waterway", "Danube", kind="route", country="RO", lat=44.1, lon=27.3),
        node("kerch", "Kerch Bridge", kind="route", country="UA", lat=45.31, lon=36.51),
        node("fra", "Frankfurt Airport (FRA)", "Frankfurt Airport", kind="hub", country="DE", lat=50.04, lon=8.56),
        node("port-odesa", "Port of Odesa", kind="port", country="UA", lat=46.49, lon=30.74),
        node("port-helsinki", "Port of Helsinki", kind="port", country="FI", lat=60.21, lon=25.19),
        node("duisport", "duisport", "Port of Duisburg", kind="hub", country="DE", lat=51.45, lon=6.74),
        node("bosch", "Bosch Mobility", "Robert Bosch GmbH", kind="company", country="DE"),
        node("carrefour", "Groupe Carrefour", "Carrefour group", kind="company", country="FR"),
        node("vestas", "Vestas Wind Systems", "Vestas", kind="company", country="DK"),
        node("nexperia", "Nexperia Hamburg", "Nexperia", kind="site", country="DE", lat=53.59, lon=9.96),
        node("port-hamburg", "Port of Hamburg", kind="port", country="DE", lat=53.54, lon=9.97),
    ]


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(chain_of(english_nodes(), "exo-cov-1"), load_lexicon(), places=False, exonyms=True)


CASES = [
    # inflected seas and canals: both words take the case ending
    ("cs", "Húsíové zaútočili v Rudém moři na další nákladní loď", "red-sea"),
    ("sk", "Húsíovia zaútočili v Červenom mori na obchodnú loď", "red-sea"),
    ("sl", "Húti so v Rdečem morju napadli tovorno ladjo", "red-sea"),
    ("hr", "Huti napali teretni brod u Crvenom moru", "red-sea"),
    ("lv", "Husīti Sarkanajā jūrā uzbrukuši kravas kuģim", "red-sea"),
    ("lt", "Husiai Raudonojoje jūroje atakavo laivą, pataikė raketa", "red-sea"),
    ("hu", "Újabb rakétatámadás érte a vörös-tengeri kereskedelmi hajózást", "red-sea"),
    ("cs", "Egypt: Ve Suezském průplavu uvízla nákladní loď, provoz je zablokován", "suez"),
    ("hr", "Brod se nasukao u Sueskom kanalu, promet blokiran", "suez"),
    ("hu", "Dróntámadás érte a fekete-tengeri kikötőket", "black-sea"),
    ("ro", "Seceta blochează navigația pe Dunăre, zeci de nave sunt blocate", "danube"),
    # airports, in the languages that name them
    ("ja", "フランクフルト空港でストライキ 国内線が欠航", "fra"),
    ("pt", "Greve no aeroporto de Frankfurt cancela centenas de voos", "fra"),
    ("pl", "Strajk na lotnisku we Frankfurcie paraliżuje ruch lotniczy", "fra"),
    ("ko", "프랑크푸르트 공항 파업으로 항공편 무더기 결항", "fra"),
    # "Odessa port", "Crimea bridge": the other English spelling
    ("en", "Odessa port targeted by Russian drones overnight, grain terminals on fire", "port-odesa"),
    ("en", "Russia closes Crimea bridge after explosion", "kerch"),
    # "the port of X" as each language writes it, around the city's name in that language
    ("pt", "Greve dos estivadores paralisa o porto de Hamburgo", "port-hamburg"),
    ("it", "Sciopero dei portuali, bloccato il porto di Amburgo", "port-hamburg"),
    ("sv", "Strejk stoppar trafiken i hamnen i Helsingfors", "port-helsinki"),
    ("ro", "Grevă în portul Helsinki, feriboturile nu circulă", "port-helsinki"),
    # ports named by their fixed CJK port forms
    ("ja", "ヘルシンキ港でストライキ、フェリーの運航が停止", "port-helsinki"),
    ("zh", "杜伊斯堡港发生火灾 集装箱码头暂停作业", "duisport"),
    # firms of the bundled graph as Japanese, Chinese and Korean newsrooms write them
    ("ja", "ボッシュ、ドイツの工場で火災 生産を停止", "bosch"),
    ("zh", "博世德国工厂发生火灾 生产暂停", "bosch"),
    ("ko", "보쉬 독일 공장 화재로 생산 중단", "bosch"),
    ("zh", "家乐福法国员工罢工 多家门店关闭", "carrefour"),
    ("ko", "베스타스 덴마크 공장 화재", "vestas"),
    ("ja", "ネクスペリアの半導体出荷停止で自動車生産に影響", "nexperia"),
]


@pytest.mark.parametrize(("lang", "title", "target"), CASES)
def test_a_name_in_each_newly_covered_language_finds_the_node(tagger, lang, title, target):
    found = {key: notes for key, notes in node_notes(tagger, title, lang).items() if key[0] == target}
    assert found, node_notes(tagger, title, lang)
    assert any(note.startswith("exonym of ") for notes in found.values() for note in notes), found


def test_without_the_table_those_items_are_missed():
    plain = Tagger(chain_of(english_nodes(), "exo-cov-2"), load_lexicon(), places=False, exonyms=False)
    for lang, title, target in CASES:
        assert target not in {t for t, _ in node_notes(plain, title, lang)}, title


def test_a_city_name_alone_does_not_make_a_port_strike(tmp_path):
    """The port forms name the port; the bare city, in any script, is a place, and a strike
    "in Helsinki" is the city's (a general strike), capped below the threshold."""
    places = PlaceIndex(cache_directory=tmp_path)
    t = Tagger(chain_of(english_nodes(), "exo-cov-3"), load_lexicon(), places=places, exonyms=True)
    assert ("port-helsinki", "strike") in node_notes(t, "ヘルシンキ港でストライキ", "ja")
    assert ("port-helsinki", "strike") not in node_notes(t, "ヘルシンキで大規模ストライキ、交通機関が停止", "ja")
    assert ("port-helsinki", "strike") not in node_notes(t, "Yleislakko pysäytti Helsingin", "fi")
    index = ExonymIndex(load_exonyms())
    helsinki = {x.name for x in index.for_node(english_nodes()[7])}
    assert {"ヘルシンキ港", "Helsinki port"} <= helsinki and not {"ヘルシンキ", "Helsingfors"} & helsinki


def test_airport_names_attach_to_airports_only():
    index = ExonymIndex(load_exonyms())
    fra = {x.name for x in index.for_node(english_nodes()[5])}
    assert {"フランクフルト空港", "aeroporto de Frankfurt", "Flughafen Frankfurt"} <= fra
    # the city's name alone is not the airport's, and an airport's names never go to a firm or a port
    assert "Frankfurt" not in fra and "フランクフルト" not in fra
    assert index.for_node(node("x", "Frankfurt Airport", kind="company")) == []
    assert index.for_node(node("y", "Frankfurt Airport", kind="port")) == []


def test_one_word_forms_stay_in_their_language():
    index = ExonymIndex(load_exonyms())
    danube = Node("danube", "Danube waterway", "route", aliases=("Danube",))
    dunare = next(x for x in index.for_node(danube) if x.name == "Dunăre")
    assert dunare.languages == frozenset({"ro"})
    gaz = Tagger(chain_of(english_nodes(), "exo-cov-4"), load_lexicon(), places=False, exonyms=True).gazetteer
    assert gaz.mentions("navigația pe Dunăre", "ro")
    assert not gaz.mentions("navigația pe Dunăre", "it")


def test_every_entry_names_something():
    """Every entry loads and gives at least one name or port form: none is an empty shell."""
    entries = load_exonyms(Path(__file__).resolve().parents[1] / "graphs" / "data" / "exonyms.yaml")
    for e in entries:
        assert e.names or e.port, e.label
