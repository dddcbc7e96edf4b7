"""Spanish and Portuguese spellings of ports and airports that fold differently from the
English name: the RAE's "Róterdam", Brazil's "Roterdã" and Portugal's "Roterdão",
"Dunquerque", "aeropuerto de Frankfurt" beside "Fráncfort", Portugal's "Francoforte".
Sentences in the usual phrasing of EFE, Europa Press, Folha and Lusa about the port and
airport strikes of 2023-24."""

from __future__ import annotations

import pytest

from graphs.lexicon import load_lexicon
from graphs.tagger import Tagger
from helpers_tagging import chain_of, node, node_notes


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    nodes = [
        node("rtm", "Port of Rotterdam", kind="port", country="NL", lat=51.95, lon=4.14),
        node("dkq", "Port of Dunkirk", kind="port", country="FR", lat=51.05, lon=2.35),
        node("fra", "Frankfurt Airport (FRA)", "Frankfurt Airport", kind="hub", country="DE", lat=50.04, lon=8.56),
    ]
    return Tagger(chain_of(nodes, "exo-iberian-1"), load_lexicon(), places=False, exonyms=True)


@pytest.mark.parametrize(("lang", "title", "target"), [
    ("pt", "Greve paralisa o porto de Roterdã", "rtm"),
    ("pt", "Greve de estivadores paralisa o porto de Roterdão", "rtm"),
    ("es", "Huelga de estibadores en el puerto de Róterdam", "rtm"),
    ("es", "Huelga en el puerto de Dunquerque", "dkq"),
    ("es", "Huelga en el aeropuerto de Frankfurt: Lufthansa cancela cientos de vuelos", "fra"),
    ("pt", "Greve no aeroporto de Francoforte obriga a cancelar voos", "fra"),
])
def test_iberian_spellings_name_the_node(tagger, lang, title, target):
    found = {k: v for k, v in node_notes(tagger, title, lang).items() if k[0] == target}
    assert found and all(n.startswith("exonym of ") for ns in found.values() for n in ns), node_notes(tagger, title, lang)


def test_the_strait_of_dover_in_other_languages():
    tagger = Tagger(chain_of([node("dover", "Dover Strait / English Channel", "Dover Strait", kind="chokepoint",
                                   country="GB", lat=51.0, lon=1.45)], "exo-iberian-2"),
                    load_lexicon(), places=False, exonyms=True)
    for lang, title in [("ja", "ドーバー海峡でフェリーが運航停止"), ("es", "Tráfico bloqueado en el paso de Calais")]:
        notes = node_notes(tagger, title, lang)
        assert any(k[0] == "dover" for k in notes), (title, notes)


@pytest.mark.parametrize(("lang", "text", "target"), [
    ("pt", "As duas companhias que operam no país – MSC Cruzeiros e Costa Cruzeiros – decidiram suspender", "msc"),
    ("pt", "As duas companhias que operam no país – MSC Cruzeiros e Costa Cruzeiros – decidiram suspender", "costa"),
    ("es", "Costa Cruceros cancela sus salidas desde Barcelona", "costa"),
    ("ja", "コスタ・クルーズは9本のクルーズの出航中止を決定", "costa"),
    ("pt", "A Volkswagen trabalhará com apenas 1 turno na fábrica de Wolfsburg", "vw"),
    ("ja", "最大の貿易港であるルアーブル港では船舶の入出港ができない", "havre"),
    ("ja", "シェニエール・エナジーのサビーンパス輸出ターミナル", "sabine"),
])
def test_firms_and_ports_as_iberian_and_japanese_news_write_them(lang, text, target):
    from graphs.gazetteer import Gazetteer

    nodes = [
        node("msc", "MSC Cruises", kind="company", country="CH"),
        node("costa", "Costa Crociere", "Costa Cruises", kind="company", country="IT"),
        node("vw", "Volkswagen Wolfsburg", kind="site", country="DE"),
        node("havre", "Port of Le Havre", kind="port", country="FR"),
        node("sabine", "Sabine Pass LNG (Cheniere)", "Sabine Pass", kind="site", country="US"),
    ]
    gaz = Gazetteer(chain_of(nodes, "exo-iberian-3"), exonyms=True)
    assert target in {nid for nid, _, _ in gaz.mentions(text, lang)}
