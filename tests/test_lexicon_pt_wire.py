"""Portuguese wire phrasing of the lexicon (graphs/data/lexicon.d/pt.yaml).

Every sentence is real publisher text (Reuters, AFP, ANSA, Lusa and Estadão copy in
Brazilian and Portuguese outlets), quoted verbatim; the pages are listed in seen-urls.txt
of the branch that added them, so they stay out of any held-out set. Sentences naming a
place the bundled graph lacks are tagged against a one-node chain of that place.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphs.lexicon import load_lexicon
from graphs.loader import load_graph
from graphs.tagger import Tagger
from helpers_tagging import alerts, chain_of, node, sure

BUNDLED = Path(__file__).resolve().parent.parent / "config"


@pytest.fixture(scope="module")
def bundled() -> Tagger:
    return Tagger(load_graph(BUNDLED / "graph", display_root=BUNDLED), load_lexicon())


@pytest.mark.parametrize(
    ("title", "target", "types"),
    [
        # drought caps at the Panama Canal: "escassez de chuvas" is the weather, not a shortage
        ("A escassez de chuvas, provocada pelas mudanças climáticas e pelo fenômeno El Niño, fez com que o Canal "
         "do Panamá reduzisse, desde 30 de julho, o número de passagens para economizar água.",
         "panama-canal", {"natural_disaster", "blockage"}),
        ("Canal do Panamá fará restrição de tráfego por mais 10 meses", "panama-canal", {"blockage"}),
        ("O Canal do Panamá manterá por pelo menos mais 10 meses as restrições para a passagem de navios.",
         "panama-canal", {"blockage"}),
        ("Seca extrema afeta o Canal do Panamá. Há mais de 200 navios parados à espera para atravessar",
         "panama-canal", {"natural_disaster", "congestion"}),
        # Suez traffic falls by a measured share; carriers avoid the canal and the Red Sea
        ("Desde o início dos ataques, o tráfego do canal de Suez caiu 42% em comparação com o que é considerado o "
         "seu pico, no início de 2023.", "suez-canal", {"blockage"}),
        ("É uma diversão extraordinária: centenas de navios evitam o Canal de Suez e navegam mais 6.500 quilómetros "
         "em torno de África, queimando combustível, aumentando os custos e acrescentando 10 ou mais dias de "
         "viagem em cada sentido.", "suez-canal", {"blockage"}),
        ("Desde dezembro, muitas empresas de navegação interromperam a passagem pelo Mar Vermelho por conta dos "
         "ataques, optando pela rota em torno do Cabo da Boa Esperança, o que tem causado aumento no tempo de "
         "trânsito e nos custos de frete.", "red-sea", {"blockage"}),
        # an airline stops its services; an airport among those hit by cancelled flights
        ("A Lufthansa diz que foi forçada a interromper temporariamente os serviços porque o sindicato que "
         "representa os cerca de 20 mil empregados da companhia convocou uma paralisação.",
         "lufthansa", {"outage", "strike"}),
        ("Os aeroportos de Frankfurt e Munique estão entre os mais afetados pela paralisação, mas também houve voos "
         "cancelados em Düsseldorf, Hamburgo, Berlim, Bremen, Hannover, Estugarda e Colônia.",
         "frankfurt-airport", {"outage", "strike"}),
    ],
)
def test_portuguese_wire_disruptions_alert(bundled, title, target, types):
    assert alerts(bundled, title, "", "pt").get(target) in types


@pytest.fixture(scope="module")
def santos() -> Tagger:
    port = node("port-santos", "Porto de Santos", "Porto de Santos", "porto de Santos", kind="port", country="BR")
    return Tagger(chain_of([port], "pt-wire-1"), load_lexicon())


def test_a_port_that_dawned_idle_is_blocked(santos):
    # "amanheceu parado": the port stood still from the morning on (the strike is in the headline)
    found = {(e.target, e.type) for e in santos.tag(
        "Estivadores estão em greve no Porto de Santos",
        "O Porto de Santos, o maior da América Latina, amanheceu parado.", "pt") if not e.recovery}
    assert ("port-santos", "strike") in found
    assert ("port-santos", "blockage") in found


def test_export_curbs_on_a_named_material_are_trade_restrictions():
    # a wire-tune headline (AFP via Estado de Minas): "começou a interromper a exportação de ... minerais"
    minerals = node("minerais", "minerais críticos", "minerais", kind="material", country="CN")
    tagger = Tagger(chain_of([minerals], "pt-wire-2"), load_lexicon())
    title = ("Diante da escala da \"guerra tarifária\", a China começou a interromper a exportação de uma ampla "
             "gama de minerais e ímãs críticos.")
    assert alerts(tagger, title, "", "pt").get("minerais") == "trade_restriction"


def test_force_majeure_is_an_outage(bundled):
    title = ("A Vale declarou força maior em uma série de contratos de minério de ferro, devido às fortes chuvas desde "
             "dezembro na região Sudeste.")
    text = ("Segundo a mineradora, no Espírito Santo as inundações e deslizamentos de terra afetaram a capacidade de "
            "transporte de minério de ferro por meio da ferrovia EFVM e as operações no porto de Tubarão.")
    assert ("vale-tubarao", "outage") in sure(bundled, "pt", title, text)


def test_a_halt_with_words_between_the_verb_and_what_stops():
    # "interrompeu hoje a produção": a time word between the verb and its object (Lusa)
    petrobras = node("petrobras", "Petrobras", "Petrobras", kind="company", country="BR")
    tagger = Tagger(chain_of([petrobras], "pt-wire-3"), load_lexicon())
    title = ("A petrolífera estatal brasileira Petrobras interrompeu hoje a produção da sua maior refinaria no país "
             "depois de um incêndio, que já está controlado e não provocou feridos.")
    found = sure(tagger, "pt", title)
    assert found.get(("petrobras", "outage")) is False


@pytest.fixture(scope="module")
def sines() -> Tagger:
    port = node("port-sines", "Porto de Sines", "Porto de Sines", "Sines", kind="port", country="PT")
    return Tagger(chain_of([port], "pt-wire-4"), load_lexicon())


@pytest.mark.parametrize(
    ("title", "types"),
    [
        # Lusa on a storm at Sines: entry limited, activity conditioned by heavy seas
        ("No Porto de Sines (distrito de Setúbal) está limitada a entrada de navios em dois dos terminais.",
         {"blockage"}),
        ("De acordo com a mesma fonte da autoridade portuária de Sines, a agitação marítima está a condicionar a "
         "atividade do porto.", {"natural_disaster", "blockage"}),
    ],
)
def test_a_port_restricted_by_heavy_seas(sines, title, types):
    assert alerts(sines, title, "", "pt").get("port-sines") in types


@pytest.mark.parametrize(
    "title",
    [
        # Reuters/Estadão/Agência Brasil copy in Portuguese: the route given up, the detour kept, traffic halted
        "A Maersk e a alemã Hapag-Lloyd pararam de usar as rotas do Mar Vermelho e do Canal de Suez depois que as "
        "forças Houthi começaram a atacar navios, interrompendo o comércio global em solidariedade aos palestinos "
        "que lutam contra os israelenses na Faixa de Gaza.",
        "A Maersk avisa que vai manter o desvio à rota do Mar Vermelho no \"futuro previsível\", indicando que os "
        "riscos ao transporte marítimo na região permanecem \"significativamente elevados\" após uma das "
        "embarcações da companhia de navegação dinamarquesa ter sido alvo de ataque por rebeldes houthis a partir "
        "do Iémen.",
        "A gigante do transporte marítimo Maersk anunciou hoje (5) que vai interromper por tempo indeterminado o "
        "tráfego no Mar Vermelho e o Golfo de Áden, por conta de ataques a embarcações pelos Houthis.",
    ],
)
def test_carriers_quitting_the_red_sea_block_it(bundled, title):
    assert sure(bundled, "pt", title).get(("red-sea", "blockage")) is False


def test_a_reduced_draught_blocks_the_canal():
    # AFP via UOL: "a autoridade do Canal também reduziu o calado dos navios"
    canal = node("canal", "Canal", "Canal", kind="chokepoint", country="PA")
    tagger = Tagger(chain_of([canal], "pt-wire-5"), load_lexicon())
    title = ("Além disso, a autoridade do Canal também reduziu o calado dos navios para 44 pés (13,4 metros), dois pés a "
             "menos do que antes era permitido nesta via.")
    assert ("canal", "blockage") in sure(tagger, "pt", title)


def test_high_water_at_a_river_gauge_is_a_natural_disaster(bundled):
    # wire3-tune yp0009 (AgriCensus via Notícias Agrícolas): high water, not low, at Kaub
    text = ("Níveis de água acima da média no Rio Reno têm causado problemas no transporte para algumas empresas de "
            "esmagamento europeias, conforme relatado pelo AgriCensus. No gargalo de Kaub, os níveis de água foram "
            "registrados em 521 cm, significativamente mais elevados do que a média, causando problemas logísticos, "
            "conforme apontado no relatório de 21 de novembro.")
    assert "rhine-kaub" in alerts(bundled, "Altos níveis de água no Reno causam problemas logísticos", text, "pt")
    # near-miss: the water receded and navigation resumed
    assert sure(bundled, "pt", "No gargalo de Kaub, os níveis de água acima da média recuaram e a navegação foi "
                "retomada.").get(("rhine-kaub", "natural_disaster")) is not False


def test_antwerp_bruges_is_the_ports_own_name(bundled):
    # wire3-tune yp0003: "Roterdã e Antuérpia-Bruges", the merged port named without "porto"
    title = ("Os principais portos da Europa, Roterdã e Antuérpia-Bruges, enfrentam graves interrupções devido a "
             "greves que paralisaram o transporte marítimo de contêineres e já afetam a logística regional.")
    assert alerts(bundled, title, "", "pt").get("port-antwerp-bruges") == "strike"
    # near-miss: Bruges alone is a city, not the port
    assert "port-antwerp-bruges" not in alerts(bundled, "Greve em Bruges paralisa museus e transportes públicos.", "", "pt")


def test_the_buyer_of_an_insolvent_supplier_is_not_insolvent(bundled):
    # wire3-tune yp0017 (Jornal de Notícias): the textile firm sells to Inditex, Inditex is not the insolvent one
    title = "Têxtil de Vizela que vende para Inditex fecha portas e deixa mais 160 sem emprego no Vale do Ave"
    text = ("Textil Confiberica entrou com um pedido de insolvência e já não volta a abrir portas. Trabalhadores estão em "
            "casa desde dia 12 de setembro e já não deverão receber o salário deste mês.")
    found = alerts(bundled, title, text, "pt")
    assert "inditex" not in found
    assert found.get("vale-do-ave-textile") == "insolvency"
    # near-miss: the firm itself files
    assert alerts(bundled, "A Inditex entrou com um pedido de insolvência.", "", "pt").get("inditex") == "insolvency"


def test_truckers_protests_at_a_port_are_a_strike():
    # wire3-tune yp0037 (Reuters via Money Times); Paranaguá is no node of the bundled graph
    port = node("port-paranagua", "Porto de Paranaguá", "porto de Paranaguá", kind="port", country="BR")
    tagger = Tagger(chain_of([port], "pt-wire-6"), load_lexicon())
    title = ("Os protestos de caminhoneiros em rodovias brasileiras afetam a chegada de caminhões com soja e milho no "
             "porto de Paranaguá, um dos principais exportadores de grãos do Brasil, informou a autoridade portuária "
             "nesta terça-feira.")
    assert alerts(tagger, title, "", "pt").get("port-paranagua") == "strike"
    # near-miss: a protest of other people is no strike
    assert "port-paranagua" not in alerts(tagger, "Protestos de ambientalistas no porto de Paranaguá.", "", "pt")


def test_supply_cut_off_to_a_named_buyer_is_its_shortage(bundled):
    # wire2-tune xp0005 (Agência Brasil): meatpackers stop supplying Carrefour
    title = "Frigoríficos brasileiros suspendem fornecimento de carne ao Carrefour após declaração polêmica"
    assert alerts(bundled, title, "", "pt").get("carrefour") == "shortage"
    # near-miss: Carrefour is the one that stops buying, nothing is cut off to it
    assert "carrefour" not in alerts(
        bundled, "O Carrefour suspendeu o fornecimento de carne do Mercosul às suas lojas.", "", "pt")


def test_transits_capped_by_ship_size_block_a_canal(bundled):
    # wire4-tune zp0015: the Panama Canal caps ship size in a drought
    title = ("O Canal do Panamá restringirá temporariamente o tamanho de navios que atravessam o canal por causa da "
             "grave seca que afeta o país, noticiou nesta segunda-feira a administração da rota.")
    assert alerts(bundled, title, "", "pt").get("panama-canal") == "blockage"
    # near-miss: a canal's standing maximum draft is a fact, not a cap
    assert "panama-canal" not in alerts(bundled, "O Canal do Panamá tem um calado máximo de 15 metros.", "", "pt")


def test_only_a_handful_of_ships_crossing_is_a_blockage(bundled):
    # the family of wire4-tune zp0044 ("somente 16 petroleiros ..."): a crossing count that has collapsed
    assert alerts(bundled, "Apenas 16 petroleiros cruzaram o Estreito de Ormuz em 21 dias.", "", "pt").get(
        "strait-of-hormuz") == "blockage"
    assert alerts(bundled, "Nenhum petroleiro carregado navegou pelo Estreito de Ormuz nas últimas 24 horas.", "",
                  "pt").get("strait-of-hormuz") == "blockage"
    # near-miss: ships that want to cross
    assert "strait-of-hormuz" not in alerts(
        bundled, "Os armadores querem aumentar o número de navios que atravessam o Estreito de Ormuz.", "", "pt")


def test_the_portuguese_name_of_algeciras_names_its_port(bundled):
    # wire4-tune zp0033 (Portuguese press form 'Aljeciras')
    text = ("De acordo com o jornal ‘El País’, só de uma empresa da província de Cuenca está a apodrecer fruta em 14 "
            "contentores frigoríficos no porto de Aljeciras e em mais dois no de Vigo.")
    title = ("A greve dos transportadores, em Espanha, que já dura há 12 dias, está a bloquear os portos e a afetar a "
             "distribuição de mercadorias, causando prejuízos muito avultados.")
    assert "port-algeciras" in alerts(bundled, title, text, "pt")
    # near-miss: the bare town name is a place, not the port
    assert "port-algeciras" not in alerts(bundled, "Aljeciras é uma cidade espanhola onde a greve decorre.", "", "pt")


def test_exporters_needing_a_permit_is_a_trade_restriction(bundled):
    # wire3-tune yp0028 (AFP): China's gallium/germanium export licensing
    text = ("De acordo com uma diretriz do Ministério do Comércio, que entra em vigor nesta terça, os exportadores "
            "chineses de gálio e germânio deverão, a partir de agora, ter permissão, além de fornecer informações "
            "sobre o destinatário final.")
    found = alerts(bundled, text, "", "pt")
    assert found.get("gallium-china") == "trade_restriction"
    assert found.get("germanium-china") == "trade_restriction"
    # near-miss: the same exporters doing business
    assert "gallium-china" not in alerts(
        bundled, "Os exportadores chineses de gálio registaram vendas recorde este ano.", "", "pt")


# The family of the 2025-26 Hormuz copy in wire4-tune (stuck ships, passage denied or let through only to some,
# traffic gone or down to a trickle, ships at anchor waiting): sentences written in that family, not quoted.
@pytest.mark.parametrize(
    "title",
    [
        "Dezenas de petroleiros estão presos no Golfo Pérsico sem poder atravessar o Estreito de Ormuz.",
        "O Irã impede a passagem de navios pelo Estreito de Ormuz.",
        "Centenas de navios aguardam ancorados para atravessar o Estreito de Ormuz.",
        "A passagem de petroleiros pelo Estreito de Ormuz reduziu-se a um fio.",
        "O Irã só permite a passagem pelo Estreito de Ormuz a navios de países aliados.",
        "Os navios retidos no Estreito de Ormuz não conseguem sair.",
        "O fechamento de fato do Estreito de Ormuz faz disparar o preço do petróleo.",
        "Os navios estão encurralados no Golfo Pérsico sem poder passar pelo Estreito de Ormuz.",
    ],
)
def test_stuck_or_denied_ships_block_a_strait(bundled, title):
    assert alerts(bundled, title, "", "pt").get("strait-of-hormuz") in {"blockage", "congestion"}


@pytest.mark.parametrize(
    ("title", "target"),
    [
        ("O Canal do Panamá só permite a passagem de navios neopanamax pelas novas eclusas.", "panama-canal"),
        ("Os petroleiros retidos pelo Irã no ano passado foram libertados no Estreito de Ormuz.", "strait-of-hormuz"),
    ],
)
def test_rules_and_past_seizures_at_a_passage_are_no_blockage(bundled, title, target):
    assert target not in alerts(bundled, title, "", "pt")


def test_a_crop_failure_is_a_shortage_of_the_crop(bundled):
    # Brazilian 'quebra de safra', written in the family of the harvest items of the wire sets
    assert alerts(bundled, "Quebra de safra de soja no Brasil eleva preços.", "", "pt").get("soy-brazil") == "shortage"
    # near-misses: a record crop, a harvest under way
    assert "soy-brazil" not in alerts(bundled, "O Brasil espera uma safra recorde de soja.", "", "pt")
    assert "soy-brazil" not in alerts(bundled, "A colheita de soja no Brasil avança a bom ritmo.", "", "pt")
