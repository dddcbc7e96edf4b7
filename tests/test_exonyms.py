"""The packaged name table (graphs/data/exonyms.yaml): a graph whose analyst wrote English
names still finds its places in Korean, Chinese, Portuguese, Greek and Japanese news.

Titles are written in the publishers' usual headline phrasing (Yonhap, CNA, Lusa, Kathimerini,
NHK) about real events: the Red Sea attacks of December 2023, the Ever Given grounding of
March 2021, the Panama drought of 2023, port strikes.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from graphs.gazetteer import EXONYMS_PATH, ExonymIndex, Gazetteer, fold, load_exonyms
from graphs.lexicon import load_lexicon
from graphs.loader import load_graph
from graphs.model import Node, ValueChain
from graphs.places import PlaceIndex
from graphs.tagger import Tagger
from graphs.yamlsrc import ConfigError
from helpers_tagging import chain_of, node, node_notes


def english_nodes() -> list[Node]:
    return [
        node("red-sea", "Red Sea", "Bab el-Mandeb", kind="chokepoint", country="YE", lat=20.0, lon=38.5),
        node("suez", "Suez Canal", kind="chokepoint", country="EG", lat=30.58, lon=32.27),
        node("panama", "Panama Canal", kind="chokepoint", country="PA", lat=9.08, lon=-79.68),
        node("port-busan", "Port of Busan", kind="port", country="KR", lat=35.08, lon=128.83),
        node("port-shanghai", "Port of Shanghai", kind="port", country="CN", lat=30.63, lon=122.07),
        node("port-hamburg", "Port of Hamburg", "Hamburg", kind="port", country="DE", lat=53.54, lon=9.97),
        node("santos-ltd", "Santos", "Santos Ltd", kind="company", country="AU"),
    ]


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(chain_of(english_nodes(), "exo-1"), load_lexicon(), places=False, exonyms=True)


CASES = [
    ("ko", "홍해 사태에 컨테이너선 운항 중단…수에즈운하 통과 선박 급감", {("red-sea", "blockage"), ("suez", "blockage")}),
    ("zh-TW", "長賜輪擱淺 蘇伊士運河航道堵塞", {("suez", "blockage")}),
    ("pt", "Ataques dos houthis no mar Vermelho interrompem o tráfego de navios", {("red-sea", "conflict")}),
    ("el", "Επιθέσεις των Χούθι στην Ερυθρά Θάλασσα: τα πλοία αλλάζουν πορεία", {("red-sea", "conflict")}),
    ("el", "Κλειστή η Διώρυγα του Παναμά λόγω ξηρασίας", {("panama", "blockage")}),
    ("ja", "釜山港でストライキ、コンテナ搬出入が停止", {("port-busan", "strike")}),
    ("ja", "上海港で滞船が深刻化、コンテナ船の沖待ち続く", {("port-shanghai", "congestion")}),
    ("ko", "부산항 항만 노조 파업…컨테이너 반출입 차질", {("port-busan", "strike")}),
]


@pytest.mark.parametrize(("lang", "title", "expected"), CASES)
def test_english_only_graph_finds_places_named_in_other_languages(tagger, lang, title, expected):
    found = node_notes(tagger, title, lang)
    assert expected <= set(found), found
    for key in expected:  # the evidence says which of the analyst's names the mention stands for
        assert any(note.startswith("exonym of ") for note in found[key]), found[key]


def test_without_the_table_those_items_are_missed():
    plain = Tagger(chain_of(english_nodes(), "exo-1"), load_lexicon(), places=False, exonyms=False)
    for lang, title, _ in CASES:
        assert not node_notes(plain, title, lang), title


def test_a_node_can_opt_out(tmp_path):
    nodes = english_nodes()
    nodes[0] = dataclasses.replace(nodes[0], exonyms=False)
    t = Tagger(chain_of(nodes, "exo-2"), load_lexicon(), places=False, exonyms=True)
    assert not node_notes(t, "홍해 사태에 컨테이너선 운항 중단", "ko")
    assert ("red-sea", "blockage") in node_notes(t, "Red Sea closed to shipping after Houthi attacks", "en")
    assert ("suez", "blockage") in node_notes(t, "수에즈운하 통과 선박 운항 중단", "ko")  # the others keep theirs


def test_the_environment_switches_the_table_off(monkeypatch):
    monkeypatch.setenv("MONITOR_EXONYMS", "off")
    assert Gazetteer(chain_of(english_nodes(), "exo-1")).exonym_count == 0
    monkeypatch.setenv("MONITOR_EXONYMS", "on")
    assert Gazetteer(chain_of(english_nodes(), "exo-1")).exonym_count > 50


def test_kinds_decide_what_attaches():
    index = ExonymIndex(load_exonyms())
    names = {n.id: {x.name for x in index.for_node(n)} for n in english_nodes()}
    assert not names["santos-ltd"]  # a company named like a port gets nothing
    # a port named only as "Port of Busan" gets the port forms, not the bare city ("부산")
    assert {"부산항", "釜山港"} <= names["port-busan"] and "부산" not in names["port-busan"]
    # a port the analyst also named by its city gets the city's names too
    assert {"Hambourg", "Amburgo", "ハンブルク港"} <= names["port-hamburg"]
    # one-word names match in their own languages only: "Duna" is the Danube in Hungarian
    danube = Node("danube", "Danube waterway", "route", aliases=("Danube",))
    duna = next(x for x in index.for_node(danube) if x.name == "Duna")
    assert duna.languages == frozenset({"hu"})
    assert next(x for x in index.for_node(danube) if x.name == "Donau").languages is not None


def test_one_word_names_stay_in_their_language():
    gaz = Gazetteer(chain_of([node("scs", "South China Sea", kind="chokepoint")], "exo-1"), exonyms=True)
    assert gaz.mentions("南海局势紧张", "zh")
    assert not gaz.mentions("南海トラフ地震の被害想定", "ja")  # the Nankai Trough, not the sea


def test_a_city_named_port_in_cjk_follows_the_city_rule(tmp_path, monkeypatch):
    """"함부르크에서 총파업" is a strike in the city (capped like "strike in Hamburg");
    "함부르크항" names the port."""
    monkeypatch.setenv("MONITOR_CACHE_DIR", str(tmp_path))
    places = PlaceIndex(cache_directory=tmp_path)
    t = Tagger(chain_of(english_nodes(), "exo-3"), load_lexicon(), places=places, exonyms=True)
    assert not node_notes(t, "함부르크에서 총파업", "ko")
    assert ("port-hamburg", "strike") in node_notes(t, "함부르크항 항만 노조 파업", "ko")
    assert not node_notes(t, "Grève générale à Hambourg", "fr")
    assert ("port-hamburg", "strike") in node_notes(t, "Grève des dockers au port de Hambourg", "fr")


def test_the_place_index_knows_the_table_names_and_its_cache_key_covers_the_file(tmp_path):
    directory = tmp_path / "cache"
    index = PlaceIndex(cache_directory=directory)
    found = [[index.places[e.ref].name for e in h.entries] for h in index.find(fold("台风袭击高雄"), "zh")]
    assert found == [["Kaohsiung"]]
    assert not PlaceIndex(exonyms_path=None).find(fold("台风袭击高雄"), "zh")
    # an edited table is a new cache entry, never the stale one
    table = tmp_path / "exonyms.yaml"
    text = EXONYMS_PATH.read_text(encoding="utf-8")
    table.write_text(text.replace("      fr: Hambourg\n", "      fr: [Hambourg, Zyxwbourg]\n", 1), encoding="utf-8")
    edited = PlaceIndex(cache_directory=directory, exonyms_path=table)
    assert len(list(directory.glob("places-*.marshal"))) == 2
    assert [h for h in edited.find(fold("grève à Zyxwbourg"), "fr")]
    assert not PlaceIndex(cache_directory=directory).find(fold("grève à Zyxwbourg"), "fr")


def test_table_errors_name_file_line_and_field(tmp_path):
    bad = tmp_path / "exonyms.yaml"
    bad.write_text("entries:\n  - en: [Red Sea]\n    kind: sea\n    names:\n      xx: Mar\n"
                   "  - en: [Foo]\n    kind: lake\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_exonyms(bad, "exonyms.yaml")
    lines = [str(p) for p in err.value.problems]
    assert lines[0].startswith("exonyms.yaml:5: entry 'Red Sea': names: unknown language 'xx'"), lines
    assert lines[1].startswith("exonyms.yaml:7: entry 'Foo': unknown kind 'lake'"), lines


def test_the_packaged_table_loads():
    entries = load_exonyms()
    assert len(entries) >= 60
    assert {e.kind for e in entries} <= {"sea", "strait", "canal", "river", "cape", "bridge", "port", "city", "region",
                                        "airport", "company", "material"}


def _graph(tmp_path: Path, value: str) -> Path:
    d = tmp_path / "graph"
    d.mkdir(exist_ok=True)
    (d / "g.yaml").write_text(
        "ecosystems:\n  - {id: x, name: X}\nnodes:\n"
        "  - id: red-sea\n    name: Red Sea\n    kind: chokepoint\n    ecosystem: x\n"
        f"    exonyms: {value}\n", encoding="utf-8")
    return d


def test_the_graph_yaml_opt_out_is_validated(tmp_path):
    chain = load_graph(_graph(tmp_path, "false"))
    assert chain.nodes["red-sea"].exonyms is False
    with pytest.raises(ConfigError) as err:
        load_graph(_graph(tmp_path, "nope"))
    assert "g.yaml:8: node 'red-sea': 'exonyms' must be true or false, got 'nope' (a string)" in str(err.value)


def test_a_place_named_in_cjk_locates_a_disruption(tmp_path):
    """Place inference in CJK: "新竹で地震" strikes the fab near Hsinchu although the graph
    names neither the city nor in Japanese; the particle of place is the cue."""
    places = PlaceIndex(cache_directory=tmp_path)
    fab = node("fab-12", "TSMC Fab 12", kind="site", country="TW", lat=24.77, lon=121.01)
    t = Tagger(chain_of([fab], "exo-4"), load_lexicon(), places=places)
    assert ("fab-12", "natural_disaster") in node_notes(t, "新竹で地震、半導体工場に被害", "ja")
    assert ("fab-12", "natural_disaster") in node_notes(t, "在新竹发生强烈地震", "zh")
    assert not node_notes(t, "新竹の地震対策を議論", "ja")  # no particle of place, no event
    found = places.find(fold("신부산에서 지진"), "ko")  # "부산" inside another word is not Busan
    assert not [h for h in found if "Busan" in [places.places[e.ref].name for e in h.entries]]


def company_chain() -> ValueChain:
    return chain_of([
        node("maersk", "A.P. Moller-Maersk", "Maersk", kind="company", country="DK"),
        node("toyota", "Toyota Motor", kind="company", country="JP"),
        node("tsmc", "TSMC", kind="company", country="TW"),
        node("ford", "Ford Motor Company", kind="company", country="US"),
        node("port-busan", "Port of Busan", kind="port", country="KR", lat=35.08, lon=128.83),
    ], version="exo-companies")


@pytest.mark.parametrize(("lang", "title", "expected"), [
    ("ja", "マースク、紅海ルートの運航を一時停止", ("maersk", "outage")),
    ("ja", "トヨタ、国内全工場の稼働を停止 システム障害で", ("toyota", "outage")),
    ("zh", "台积电南科厂区停电 部分产线停工", ("tsmc", "outage")),
    ("ko", "도요타, 부품 공급 차질로 일본 내 공장 가동 중단", ("toyota", "outage")),
])
def test_a_firm_written_in_another_script_is_found(lang, title, expected):
    found = node_notes(Tagger(company_chain(), load_lexicon(), places=False, exonyms=True), title, lang)
    assert expected in found, found
    assert any("exonym of" in note for note in found[expected])
    assert expected not in node_notes(Tagger(company_chain(), load_lexicon(), places=False, exonyms=False), title, lang)


def test_a_firm_s_english_names_find_the_node_but_are_not_added_to_it():
    # the analyst wrote "Ford Motor Company" and chose not to alias bare "Ford" (a president, an actor)
    tagger = Tagger(company_chain(), load_lexicon(), places=False, exonyms=True)
    assert ("ford", "strike") not in node_notes(tagger, "Ford strike: actors walk out in Hollywood", "en")
    assert ("ford", "strike") in node_notes(tagger, "포드 노조 파업으로 미국 공장 가동 중단", "ko")
    # and a firm's names never attach to a port, nor a port's to a firm
    assert ExonymIndex(load_exonyms()).for_node(node("x", "Toyota", kind="port", country="JP")) == []
