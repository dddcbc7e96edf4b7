"""The name table's material entries: a commodity of one origin, as the analyst scoped it
("Chinese rare earths", "Brazilian soy"), named as news in other languages writes it.

The graph below is written the way the bundled graph's analyst wrote it — English names
only — so only the table can find these items. Sentences are in the publishers' usual
phrasing (Reuters Japan, Folha, Yonhap, Kathimerini, Yle, Agerpres, Xinhua) about real
events: China's export controls on gallium and germanium (July 2023) and on rare earths
and magnets (April and October 2025), and its suspension of soy purchases from Brazilian
exporters (2025).
"""

from __future__ import annotations

import pytest

from graphs.gazetteer import ExonymIndex, load_exonyms
from graphs.lexicon import load_lexicon
from graphs.model import Node
from graphs.tagger import Tagger
from helpers_tagging import chain_of, node, node_notes


def english_nodes() -> list[Node]:
    return [
        node("rare-earths", "Baotou rare-earth base", "Chinese rare earths", "terres rares chinoises",
             kind="material", country="CN"),
        node("magnets", "Ningbo NdFeB magnet industry", "Chinese rare-earth magnets", kind="cluster", country="CN"),
        node("gallium", "Chinese primary gallium", "Chinese gallium", kind="material", country="CN"),
        node("soy", "Brazilian soy (Santos)", "Brazilian soy", kind="material", country="BR"),
        node("lithium", "Chilean lithium (Salar de Atacama)", "Chilean lithium", kind="material", country="CL"),
        node("cobalt", "Congolese cobalt", "Congolese cobalt", kind="material", country="CD"),
    ]


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(chain_of(english_nodes(), "exo-mat-1"), load_lexicon(), places=False, exonyms=True)


CASES = [
    ("ja", "中国レアアース輸出規制、欧州の自動車メーカーに打撃", "rare-earths"),
    ("ko", "중국 희토류 수출 통제 강화에 완성차 업계 비상", "rare-earths"),
    ("zh", "商务部宣布对中国稀土实施出口管制", "rare-earths"),
    ("pt", "Pequim anuncia novas restrições às exportações de terras raras chinesas", "rare-earths"),
    ("el", "Η Κίνα επιβάλλει περιορισμούς στις εξαγωγές για τις κινεζικές σπάνιες γαίες", "rare-earths"),
    ("pt", "Pequim impõe embargo às exportações de ímãs de terras raras chineses", "magnets"),
    ("ko", "중국산 희토류 자석 수출 통제로 유럽 공장 생산 차질", "magnets"),
    ("da", "Kina indfører eksportkontrol på kinesisk gallium", "gallium"),
    ("pt", "China suspende as importações de soja brasileira de cinco exportadoras", "soy"),
    ("ja", "中国、ブラジル産大豆の輸入を一時停止", "soy"),
    ("ro", "Grevă la minele care produc litiu din Chile", "lithium"),
    ("pt", "Congo proíbe as exportações de cobalto do Congo por quatro meses", "cobalt"),
]


@pytest.mark.parametrize(("lang", "title", "target"), CASES)
def test_a_material_named_in_another_language_finds_its_node(tagger, lang, title, target):
    found = {key: notes for key, notes in node_notes(tagger, title, lang).items() if key[0] == target}
    assert found, node_notes(tagger, title, lang)
    assert any(note.startswith("exonym of ") for notes in found.values() for note in notes), found


def test_without_the_table_those_items_are_missed():
    plain = Tagger(chain_of(english_nodes(), "exo-mat-2"), load_lexicon(), places=False, exonyms=False)
    for lang, title, target in CASES:
        assert target not in {t for t, _ in node_notes(plain, title, lang)}, title


@pytest.mark.parametrize(("lang", "title"), [
    # a bare material name is every price report's subject and says nothing of origin
    ("pt", "Preço da soja dispara em Chicago após a China suspender as importações de soja dos EUA"),
    ("ja", "レアアース価格が急騰、輸出規制を受け"),
    ("pt", "Índia proíbe as exportações de algodão e de lítio"),
    ("ko", "희토류 수출 통제 우려에 관련주 급등"),
])
def test_a_bare_material_name_names_no_node(tagger, lang, title):
    assert not node_notes(tagger, title, lang)


def test_the_evidence_names_the_analysts_english_name():
    """The rare-earth node also has a French alias the entry lists: the note still says
    which English name the Japanese one stands for."""
    notes = node_notes(Tagger(chain_of(english_nodes(), "exo-mat-3"), load_lexicon(), places=False, exonyms=True),
                 "中国レアアース輸出規制", "ja")
    assert notes[("rare-earths", "trade_restriction")] == ["exonym of 'Chinese rare earths'"]


def test_material_names_attach_to_materials_and_product_clusters_only():
    index = ExonymIndex(load_exonyms())
    site = node("mine", "Atacama brine site", "Chilean lithium", kind="site", country="CL")
    company = node("firm", "Brazilian soy", kind="company", country="BR")
    port = node("port", "Port of Santos", "Brazilian soy", kind="port", country="BR")
    material = node("soy", "Brazilian soy", kind="material", country="BR")
    assert index.for_node(site) == [] and index.for_node(company) == []
    assert "soja brasileira" not in {x.name for x in index.for_node(port)}
    assert "soja brasileira" in {x.name for x in index.for_node(material)}
    # and place entries never attach to a material node named like a place
    assert index.for_node(node("santos", "Santos", kind="material", country="BR")) == []
