"""Probe matrix portugal: how Portuguese wire copy (pt-BR and pt-PT) names the graph's nodes, and the
constructions the pt, conflict, shipping, nature and ops matrices do not cover yet.

Names: Brazilian and European spellings of the same place (porto de Roterdã / Roterdão, Antuérpia,
Hamburgo, Gênova / Génova, Pireu, Constança, estreito de Hormuz / Ormuz, Irã / Irão), plants named as
"fábrica da Volkswagen em Wolfsburg(o)", "refinaria da Shell em Roterdã", "usinas de pelotização de
Tubarão", "siderúrgica da Tata Steel em IJmuiden", "mina de Kiruna". Constructions: periphrastic and
continuing states (vem sofrendo, segue paralisado, continua fechado, permanece interditado, seguem
suspensas), passives with ser/estar (está suspensa, foi interrompido, foi paralisada), nominal
headlines ("Greve no porto de Gênova"), "em meio a" causes, datelined leads ("SÃO PAULO, 3 Mar
(Reuters) -", "(Lusa)"), consequences (voos cancelados, navios desviados, produção parada, turnos
suspensos). The sentences are written for the matrix in the register of Agência Brasil, Reuters
Brasil, Folhapress, Estadão, Valor, G1, Lusa, Público, Expresso, RTP and Observador; none is taken
from the labelled sets.

Near misses that must stay silent: operations normalised, a strike suspended, ended or ruled out, a
strike or a closure threatened or feared, prices and freight markets, quarterly results, football
(Santos FC, FC Porto, Hamburgo SV, Wolfsburg), anniversaries and plain statistics.

A case is "title" or "title||lead".
"""

from __future__ import annotations

import pytest

from graphs.tagger import Tagger
from helpers_tagging import bundled_tagger, raised_by_case


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return bundled_tagger()


STRIKE = {"strike", "blockage", "outage"}
BLOCK = {"blockage", "conflict", "natural_disaster", "congestion"}
CYBER = {"cyberattack", "outage"}
FIRE = {"fire", "accident", "outage"}
NATURAL = {"natural_disaster", "blockage", "outage"}
QUEUE = {"congestion", "blockage"}
WAR = {"conflict", "blockage", "fire"}
OUTAGE = {"outage", "shortage", "strike"}
HALT = {"outage", "blockage", "shortage"}
LNG = {"outage", "conflict", "blockage"}
ACCIDENT = {"accident", "outage", "fire"}
INSOLVENCY = {"insolvency"}

REASON_SHIPMENTS = ("'embarques suspensos' / 'interrompe embarques de' reads as a trade restriction (an importer "
                    "halting purchases); the cause ('em meio a ataques', 'por causa das chuvas') is no cue of its own")

# (case, node, acceptable types, language)
POSITIVE: list = [
    ('Greve de estivadores paralisa o porto de Roterdã', 'port-rotterdam', STRIKE, "pt"),
    ('Porto de Roterdão continua fechado por causa da tempestade', 'port-rotterdam', BLOCK, "pt"),
    ('Ciberataque deixa terminais do porto de Roterdã sem sistema', 'port-rotterdam', CYBER, "pt"),
    ('Navios desviados do porto de Roterdão após incêndio em terminal', 'port-rotterdam', FIRE, "pt"),
    ('Estivadores do porto de Roterdã cruzam os braços e navios ficam parados', 'port-rotterdam', STRIKE, "pt"),
    ('Porto de Antuérpia segue paralisado pelo segundo dia de greve', 'port-antwerp-bruges', STRIKE, "pt"),
    ('Greve geral na Bélgica fecha porto de Antuérpia', 'port-antwerp-bruges', STRIKE, "pt"),
    ('Porto de Antuérpia-Bruges suspende operações por tempestade', 'port-antwerp-bruges', NATURAL, "pt"),
    ('Pilotos de barra em greve bloqueiam porto de Antuérpia', 'port-antwerp-bruges', STRIKE, "pt"),
    ('Porto de Hamburgo vem sofrendo com greves de advertência', 'port-hamburg', STRIKE, "pt"),
    ('Greve de advertência paralisa porto de Hamburgo', 'port-hamburg', STRIKE, "pt"),
    ('Tempestade interrompe operações no porto de Hamburgo', 'port-hamburg', NATURAL, "pt"),
    ('Greve no porto de Gênova', 'port-genoa', STRIKE, "pt"),
    ('Incêndio no porto de Génova', 'port-genoa', FIRE, "pt"),
    ('Porto de Marselha bloqueado por estivadores', 'port-marseille-fos', STRIKE, "pt"),
    ('Estivadores do porto de Le Havre paralisam atividades contra reforma da Previdência', 'port-le-havre', STRIKE, "pt"),
    ('Greve dos estivadores no porto do Pireu paralisa terminal da Cosco', 'port-piraeus', STRIKE, "pt"),
    ('Porto de Gdansk interrompe operações após tempestade', 'port-gdansk', NATURAL, "pt"),
    ('Porto de Constança congestionado com exportações de grãos ucranianos', 'port-constanta', QUEUE, "pt"),
    ('Porto de Valência está fechado devido às inundações', 'port-valencia', NATURAL, "pt"),
    ('Porto de Barcelona é alvo de ataque informático', 'port-barcelona', CYBER, "pt"),
    ('Porto de Algeciras parado por greve dos estivadores', 'port-algeciras', STRIKE, "pt"),
    ('Estreito de Hormuz permanece fechado pelo quinto dia', 'strait-of-hormuz', BLOCK, "pt"),
    ('Irã fecha o Estreito de Hormuz e petroleiros ficam retidos', 'strait-of-hormuz', BLOCK, "pt"),
    ('Irão mantém encerrado o estreito de Ormuz', 'strait-of-hormuz', BLOCK, "pt"),
    ('Navegação no estreito de Ormuz está suspensa', 'strait-of-hormuz', BLOCK, "pt"),
    ('Tráfego no Estreito de Ormuz foi interrompido após ataque a petroleiro', 'strait-of-hormuz', BLOCK, "pt"),
    ('Travessias pelo Canal de Suez seguem suspensas', 'suez-canal', BLOCK, "pt"),
    ('Navio encalhado no Canal de Suez continua a bloquear a passagem', 'suez-canal', BLOCK, "pt"),
    ('Canal de Suez permanece interditado após encalhe de porta-contêineres', 'suez-canal', BLOCK, "pt"),
    ('Canal do Panamá vem sofrendo com a pior seca em 70 anos', 'panama-canal', NATURAL, "pt"),
    ('Seca no Canal do Panamá deixa mais de cem navios na fila', 'panama-canal', NATURAL, "pt"),
    ('Navios desviados do Mar Vermelho em meio a ataques dos houthis', 'red-sea', BLOCK, "pt"),
    pytest.param('Embarques pelo Mar Vermelho suspensos em meio a ataques', 'red-sea', BLOCK, "pt",
                 marks=pytest.mark.xfail(strict=True, reason=REASON_SHIPMENTS)),
    ('Maersk segue evitando o Mar Vermelho', 'red-sea', BLOCK, "pt"),
    ('Houthis voltam a atacar navios no Mar Vermelho', 'red-sea', WAR, "pt"),
    ('Bósforo segue fechado ao tráfego de petroleiros por causa de nevoeiro', 'bosporus', BLOCK, "pt"),
    ('Fábrica da Volkswagen em Wolfsburg segue parada por falta de peças', 'volkswagen-wolfsburg', OUTAGE, "pt"),
    ('Produção na fábrica da Volkswagen em Wolfsburgo está suspensa', 'volkswagen-wolfsburg', OUTAGE, "pt"),
    ('Volkswagen para linha de montagem em Wolfsburg em meio à falta de chips', 'volkswagen-wolfsburg', OUTAGE, "pt"),
    ('Fábrica da Volkswagen em Zwickau foi paralisada por greve', 'volkswagen-zwickau', STRIKE, "pt"),
    ('Trabalhadores da Volkswagen em Zwickau fazem greve de advertência', 'volkswagen-zwickau', STRIKE, "pt"),
    ('Volkswagen suspende turnos em Zwickau', 'volkswagen-zwickau', OUTAGE, "pt"),
    ('Produção da Volkswagen em Zwickau continua interrompida', 'volkswagen-zwickau', OUTAGE, "pt"),
    ('Fábrica da BMW em Munique para por falta de peças', 'bmw-munich', OUTAGE, "pt"),
    ('Fábrica da Audi em Ingolstadt interrompe produção por falta de chips', 'audi-ingolstadt', OUTAGE, "pt"),
    ('Incêndio em fábrica da BASF em Ludwigshafen deixa feridos', 'basf-ludwigshafen', FIRE, "pt"),
    ('BASF paralisa unidades em Ludwigshafen após vazamento', 'basf-ludwigshafen', ACCIDENT, "pt"),
    ('Refinaria de Pernis, da Shell, é fechada após incêndio', 'shell-pernis', FIRE, "pt"),
    ('Refinaria da Shell em Roterdã segue parada após falha técnica', 'shell-pernis', OUTAGE, "pt"),
    ('Siderúrgica da Tata Steel em IJmuiden desliga alto-forno', 'tata-steel-ijmuiden', OUTAGE, "pt"),
    ('Greve na siderúrgica da ThyssenKrupp em Duisburg', 'thyssenkrupp-duisburg', STRIKE, "pt"),
    ('Siderúrgica da ArcelorMittal em Dunquerque para alto-forno após incêndio', 'arcelormittal-dunkerque', FIRE, "pt"),
    ('Mina de Kiruna segue fechada após terremoto', 'lkab-kiruna', NATURAL, "pt"),
    ('LKAB suspende produção na mina de Kiruna após descarrilamento', 'lkab-kiruna', ACCIDENT, "pt"),
    ('Usinas de pelotização de Tubarão paradas', 'vale-tubarao', OUTAGE, "pt"),
    pytest.param('Vale interrompe embarques de minério no porto de Tubarão por causa das chuvas', 'vale-tubarao', NATURAL, "pt",
                 marks=pytest.mark.xfail(strict=True, reason=REASON_SHIPMENTS)),
    ('Terminal de GNL de Sabine Pass fechado por furacão', 'sabine-pass-lng', NATURAL, "pt"),
    ('Ras Laffan segue sem produzir GNL após ataque', 'ras-laffan-lng', LNG, "pt"),
    ('Greve no porto de Paranaguá deixa navios de soja parados', 'soy-brazil', STRIKE, "pt"),
    ('||SÃO PAULO, 3 Mar (Reuters) - Os estivadores do porto de Roterdã entraram em greve nesta terça-feira, paralisando os terminais de contêineres, segundo o sindicato FNV.', 'port-rotterdam', STRIKE, "pt"),
    ('||LISBOA, 3 mar (Lusa) - O porto de Antuérpia está paralisado desde a madrugada devido a uma greve nacional na Bélgica, disse a autoridade portuária.', 'port-antwerp-bruges', STRIKE, "pt"),
    ('||BERLIM, 10 fev (Reuters) - A Volkswagen interrompeu a produção na fábrica de Zwickau, no leste da Alemanha, por falta de componentes, informou a montadora.', 'volkswagen-zwickau', OUTAGE, "pt"),
    ('Voos cancelados em Frankfurt por causa de greve no aeroporto', 'frankfurt-airport', STRIKE, "pt"),
    ('Aeroporto de Frankfurt cancela centenas de voos em meio a nevasca', 'frankfurt-airport', NATURAL, "pt"),
    ('Lufthansa cancela voos em meio a greve de pilotos', 'lufthansa', STRIKE, "pt"),
    pytest.param('Embarques de soja suspensos no porto de Paranaguá por causa da chuva', 'soy-brazil', NATURAL, "pt",
                 marks=pytest.mark.xfail(strict=True, reason=REASON_SHIPMENTS)),
    ('Navios desviados de Hamburgo por causa da greve', 'port-hamburg', STRIKE, "pt"),
    ('Greve||Os estivadores do porto de Hamburgo cruzaram os braços nesta quinta-feira.', 'port-hamburg', STRIKE, "pt"),
    ('Trânsito de navios no Canal do Panamá é reduzido em meio à seca', 'panama-canal', NATURAL, "pt"),
    ('Northvolt entra em recuperação judicial', 'northvolt-skelleftea', INSOLVENCY, "pt"),
    ('Fábrica da Stellantis em Melfi segue parada', 'stellantis-melfi', HALT, "pt"),
    ('Produção parada na fábrica da Seat em Martorell após apagão', 'seat-martorell', OUTAGE, "pt"),
    ('Fábrica da Ford em Almussafes, na Espanha, segue fechada após inundações', 'ford-almussafes', NATURAL, "pt"),
    ('Ataque de drones provoca incêndio em refinaria de Ras Tanura', 'ras-tanura', WAR, "pt"),
    ("Incêndio atinge siderúrgica da Thyssenkrupp em Duisburgo", "thyssenkrupp-duisburg", FIRE, "pt"),
    ("Siderúrgica de Duisburgo da Thyssenkrupp segue com alto-forno desligado após falha técnica", "thyssenkrupp-duisburg", OUTAGE, "pt"),
    ("Ataques iranianos paralisam produção de GNL catariano", "ras-laffan-lng", LNG, "pt"),
    ("Exportações de GNL do Qatar suspensas após ataques a Ras Laffan", "ras-laffan-lng", LNG, "pt"),
]

# (case, node, language): must not raise at node
NEGATIVE: list[tuple[str, str, str]] = [
    ('Porto de Roterdã normaliza operações após greve', 'port-rotterdam', "pt"),
    ('Normalização das operações no porto de Antuérpia está concluída', 'port-antwerp-bruges', "pt"),
    ('Greve no porto de Hamburgo é suspensa após acordo salarial', 'port-hamburg', "pt"),
    ('Estivadores encerram greve no porto de Roterdão', 'port-rotterdam', "pt"),
    ('Sindicato ameaça greve no porto de Antuérpia', 'port-antwerp-bruges', "pt"),
    ('Estivadores de Hamburgo ameaçam cruzar os braços', 'port-hamburg', "pt"),
    ('Frete sobe com tensão no Mar Vermelho', 'red-sea', "pt"),
    ('Preço do petróleo dispara com temor de fechamento do Estreito de Hormuz', 'strait-of-hormuz', "pt"),
    ('Mercado de frete marítimo reage a incertezas no Canal de Suez', 'suez-canal', "pt"),
    ('Volkswagen divulga balanço do terceiro trimestre com lucro menor', 'volkswagen-wolfsburg', "pt"),
    ('BASF registra prejuízo no trimestre', 'basf-ludwigshafen', "pt"),
    ('Santos FC vence e segue na liderança', 'soy-brazil', "pt"),
    ('Porto FC goleia e encosta no Benfica', 'port-rotterdam', "pt"),
    ('FC Porto vence em Roterdão e avança na Liga Europa', 'port-rotterdam', "pt"),
    ('Hamburgo SV perde em casa e segue na lanterna', 'port-hamburg', "pt"),
    ('Wolfsburg vence o Bayern de Munique na Bundesliga', 'volkswagen-wolfsburg', "pt"),
    ('Porto de Roterdã comemora 50 anos do terminal de Maasvlakte', 'port-rotterdam', "pt"),
    ('Dez anos após o bloqueio, Canal de Suez bate recorde de receita', 'suez-canal', "pt"),
    ('Canal do Panamá retoma calado normal após chuvas', 'panama-canal', "pt"),
    ('Volkswagen retoma produção em Zwickau', 'volkswagen-zwickau', "pt"),
    ('Tráfego no Estreito de Ormuz volta ao normal', 'strait-of-hormuz', "pt"),
    ('Irã ameaça fechar Hormuz se sofrer ataque', 'strait-of-hormuz', "pt"),
    ('Greve no aeroporto de Frankfurt encerrada após acordo', 'frankfurt-airport', "pt"),
    ('Porto de Antuérpia registra movimentação recorde de contêineres', 'port-antwerp-bruges', "pt"),
    ('Vale anuncia investimento no porto de Tubarão', 'vale-tubarao', "pt"),
    ('Maersk eleva previsão de lucro com desvios no Mar Vermelho', 'red-sea', "pt"),
    ('Sindicato IG Metall convoca assembleia na fábrica de Wolfsburg', 'volkswagen-wolfsburg', "pt"),
    ('Mina de Kiruna: cidade sueca é transferida para dar lugar à expansão', 'lkab-kiruna', "pt"),
    ('Frankfurt: Bolsa fecha em queda', 'frankfurt-airport', "pt"),
    ('Estivadores do porto de Roterdã aprovam acordo e descartam greve', 'port-rotterdam', "pt"),
    ('Canal de Suez: Egito reduz tarifas para atrair navios de volta', 'suez-canal', "pt"),
    ("Thyssenkrupp em Duisburgo anuncia corte de 11 mil empregos", "thyssenkrupp-duisburg", "pt"),
    ("QatarEnergy amplia contratos de GNL catariano com a Petrobras", "ras-laffan-lng", "pt"),
]


@pytest.mark.parametrize(("case", "node", "types", "lang"), POSITIVE)
def test_portuguese_wire_copy_raises_at_node(tagger, case, node, types, lang):
    found = raised_by_case(tagger, case, lang)
    assert found.get(node, set()) & types, f"{node}: {found}"


@pytest.mark.parametrize(("case", "node", "lang"), NEGATIVE)
def test_portuguese_near_miss_stays_silent(tagger, case, node, lang):
    found = raised_by_case(tagger, case, lang)
    assert node not in found, f"{node}: {found}"
