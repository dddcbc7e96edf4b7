"""The bundled logistics and energy nodes (config/graph/logistics.yaml, energy.yaml) as
English, Japanese, Spanish and Portuguese wire copy names them: "Antwerp-Bruges port",
"アントウェルペン港", "el puerto belga de Amberes", "o porto holandês de Roterdã", "the
Troll field", "トロール・ガス田", "el yacimiento de Troll", "BASFのアントワープ工場",
"la planta de ArcelorMittal en Dunkerque", "a usina da Tata Steel em IJmuiden" ...
and what must not name them: a plant's city alone, a football club, a river's
state, a firm's other sites."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphs.lexicon import load_lexicon
from graphs.loader import load_graph
from graphs.tagger import Tagger
from helpers_tagging import named

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(load_graph(REPO / "config" / "graph"), load_lexicon())


# (node, {language: sentence}) -- one sentence per language, as the agencies word it
NAMED = {
    "port-rotterdam": {
        "en": "Lashers at Rotterdam port began a 48-hour strike on Wednesday",
        "ja": "オランダのロッテルダム港でラッシング作業員がストライキ",
        "es": "Los amarradores mantienen la huelga en el puerto de Rotterdam",
        "pt": "Greve de amarradores paralisa o porto holandês de Roterdã",
    },
    "port-antwerp-bruges": {
        "en": "Pilots' strike strands dozens of ships at Antwerp-Bruges port",
        "ja": "アントウェルペン港で水先案内人がストライキ",
        "es": "La huelga de prácticos bloquea el puerto belga de Amberes",
        "pt": "Greve de pilotos bloqueia o porto da Antuérpia",
    },
    "port-hamburg": {
        "en": "Warning strike paralyses Hamburg port container terminals",
        "ja": "ハンブルク港で港湾労働者が警告スト",
        "es": "Los estibadores convocan una huelga de advertencia en el puerto alemán de Hamburgo",
        "pt": "Estivadores fazem greve de advertência no porto alemão de Hamburgo",
    },
    "port-bremerhaven": {
        "en": "Dockworkers strike at the port of Bremerhaven",
        "ja": "ブレーマーハーフェン港で港湾スト",
        "es": "Huelga de estibadores en el puerto alemán de Bremerhaven",
        "pt": "Greve de estivadores no porto de Bremerhaven",
    },
    "port-le-havre": {
        "en": "Pension protests block Le Havre port for a third day",
        "ja": "ル・アーヴル港でストライキ、船舶の入出港ができない状態",
        "es": "Los estibadores bloquean el puerto francés de Le Havre",
        "pt": "Protestos bloqueiam o porto do Havre",
    },
    "port-gothenburg": {
        "en": "Strike halts container handling at Gothenburg port",
        "ja": "スウェーデンのイェーテボリ港でストライキ",
        "es": "Huelga en el puerto sueco de Gotemburgo",
        "pt": "Greve no porto de Gotemburgo",
    },
    "port-genoa": {
        "en": "Dockers strike at Genoa port",
        "ja": "イタリアのジェノバ港で港湾労働者がスト",
        "es": "Huelga de estibadores en el puerto italiano de Génova",
        "pt": "Estivadores entram em greve no porto de Gênova",
    },
    "port-marseille-fos": {
        "en": "CGT dockers block the port of Fos-sur-Mer",
        "ja": "マルセイユ・フォス港でストライキ",
        "es": "Bloqueo en el puerto francés de Marsella",
        "pt": "Greve bloqueia o porto de Marselha-Fos",
    },
    "port-dubrovnik": {
        "en": "Cruise ships diverted from the port of Dubrovnik",
        "ja": "ドブロブニク港にクルーズ船が入港できず",
        "es": "Los cruceros no pueden atracar en el puerto de Dubrovnik",
        "pt": "Cruzeiros desviados do porto de Dubrovnik",
    },
    "port-constanta": {
        "en": "Farmers block the port of Constanta",
        "ja": "ルーマニアのコンスタンツァ港を農民が封鎖",
        "es": "Los agricultores bloquean el puerto rumano de Constanza",
        "pt": "Agricultores bloqueiam o porto de Constança",
    },
    "port-odesa": {
        "en": "Russian missiles hit the port of Chornomorsk",
        "ja": "ロシア軍がチョルノモルスク港を攻撃",
        "es": "Rusia ataca con drones el puerto ucraniano de Odesa",
        "pt": "Rússia ataca o porto ucraniano de Odessa",
    },
    "duisport": {
        "en": "Low water halts barges at Duisburg port",
        "ja": "デュイスブルク港で荷役が停止",
        "es": "El bajo caudal paraliza el puerto fluvial de Duisburgo",
        "pt": "Seca paralisa o porto fluvial de Duisburg",
    },
    "frankfurt-airport": {
        "en": "Ground staff strike halts flights at Frankfurt airport",
        "ja": "独フランクフルト空港で地上職員がスト",
        "es": "La huelga paraliza el aeropuerto alemán de Fráncfort",
        "pt": "Greve paralisa o aeroporto alemão de Frankfurt",
    },
    "taiwan-strait": {
        "en": "China's drills in the Taiwan Strait force ships to reroute",
        "ja": "台湾海峡で中国軍が演習、船舶が迂回",
        "es": "Las maniobras chinas en el estrecho de Taiwán desvían buques",
        "pt": "Manobras chinesas no estreito da Formosa desviam navios",
    },
    "strait-of-hormuz": {
        "en": "Tankers avoid Hormuz after Iran seizes a vessel",
        "ja": "イランがホルムズ海峡を封鎖",
        "es": "Los petroleros evitan Ormuz tras la incautación de un buque",
        "pt": "Petroleiros evitam Ormuz após apreensão de navio",
    },
    "dover-strait": {
        "en": "Ferries suspended in the English Channel as storm hits",
        "ja": "嵐で英仏海峡のフェリーが運休",
        "es": "Suspendidos los ferris en el canal de la Mancha por la tormenta",
        "pt": "Ferries suspensos no canal da Mancha por causa da tempestade",
    },
    "rhine-kaub": {
        "en": "Rhine water levels at Kaub fall below 40 cm, barges cut loads",
        "ja": "ライン川の水位が低下、はしけの積載量を制限",
        "es": "El nivel del Rin cae a mínimos y complica el transporte fluvial",
        "pt": "O nível do rio Reno cai e dificulta o transporte de cargas",
    },
    "ukrainian-sea-corridor": {
        "en": "Russian drones hit ships in Ukraine's Black Sea corridor",
        "ja": "ロシア軍が黒海穀物回廊の船舶を攻撃",
        "es": "Rusia ataca buques en el corredor de granos del mar Negro",
        "pt": "Rússia ataca navios no corredor de grãos do Mar Negro",
    },
    "equinor-troll": {
        "en": "Outage at Norway's Troll field extended, Equinor says",
        "ja": "ノルウェーのトロル・ガス田で生産停止",
        "es": "Equinor prolonga la parada del yacimiento de Troll",
        "pt": "Equinor prolonga a parada no campo de Troll",
    },
    "det-wilhelmshaven": {
        "en": "Wilhelmshaven LNG terminal halts regasification",
        "ja": "ヴィルヘルムスハーフェンのLNGターミナルが停止",
        "es": "Se detiene la terminal de GNL de Wilhelmshaven",
        "pt": "Parado o terminal de GNL de Wilhelmshaven",
    },
    "shell-pernis": {
        "en": "Fire breaks out at Shell's Rotterdam refinery",
        "ja": "シェルのペルニス製油所で火災",
        "es": "Incendio en la refinería de Pernis de Shell",
        "pt": "Incêndio na refinaria de Pernis da Shell",
    },
    "basf-antwerp": {
        "en": "Fire at BASF's Antwerp site forces cracker shutdown",
        "ja": "BASFのアントワープ工場で火災",
        "es": "Incendio en la planta de BASF en Amberes",
        "pt": "Incêndio na fábrica da BASF em Antuérpia",
    },
    "chempark-leverkusen": {
        "en": "Explosion at Leverkusen chemical park kills workers",
        "ja": "レバークーゼンの化学工業団地で爆発",
        "es": "Explosión en el parque químico de Leverkusen",
        "pt": "Explosão no parque químico de Leverkusen",
    },
    "thyssenkrupp-duisburg": {
        "en": "Blast furnace fire at Thyssenkrupp's Duisburg steelworks",
        "ja": "ティッセンクルップのデュイスブルク製鉄所で高炉火災",
        "es": "Incendio en el alto horno de Thyssenkrupp en Duisburgo",
        "pt": "Incêndio em alto-forno da Thyssenkrupp em Duisburg",
    },
    "tata-steel-ijmuiden": {
        "en": "Tata Steel's IJmuiden plant halts a blast furnace",
        "ja": "タタ・スチールのアイマイデン製鉄所で高炉停止",
        "es": "Tata Steel en IJmuiden detiene un alto horno",
        "pt": "Tata Steel em IJmuiden paralisa um alto-forno",
    },
    "arcelormittal-dunkerque": {
        "en": "Fire shuts blast furnace at ArcelorMittal's Dunkirk plant",
        "ja": "アルセロール・ミタルのダンケルク製鉄所で火災",
        "es": "Incendio en la planta de ArcelorMittal en Dunkerque",
        "pt": "Incêndio na usina da ArcelorMittal em Dunquerque",
    },
    "us-steel-kosice": {
        "en": "U.S. Steel Kosice idles a blast furnace",
        "ja": "USスチール・コシツェが高炉を停止",
        "es": "U.S. Steel Kosice detiene un alto horno",
        "pt": "U.S. Steel Kosice paralisa um alto-forno",
    },
    "ssab-lulea": {
        "en": "Strike halts SSAB Lulea steelworks",
        "ja": "SSABのルレオ製鉄所でスト",
        "es": "Huelga en SSAB Luleå",
        "pt": "Greve na SSAB Luleå",
    },
    "outokumpu-tornio": {
        "en": "Strike halts Outokumpu Tornio mill",
        "ja": "オウトクンプのトルニオ工場でスト",
        "es": "Huelga en la planta de Outokumpu Tornio",
        "pt": "Greve na usina Outokumpu Tornio",
    },
    "hydro-sunndal": {
        "en": "Power cut halts potlines at Hydro Sunndal",
        "ja": "ノルスク・ハイドロのスンダル製錬所で停電",
        "es": "Un apagón detiene Hydro Sunndal",
        "pt": "Apagão paralisa a Hydro Sunndal",
    },
    "fingrid": {
        "en": "Fingrid says Estlink 2 is out of service",
        "ja": "フィングリッドによると送電線が停止",
        "es": "Fingrid informa de una avería en el cable",
        "pt": "Fingrid informa falha no cabo",
    },
    "estlink-2": {
        "en": "Estlink 2 cable between Finland and Estonia damaged",
        "ja": "フィンランドとエストニアを結ぶ送電ケーブル「エストリンク2」が損傷",
        "es": "Dañado el cable Estlink 2 entre Finlandia y Estonia",
        "pt": "Danificado o cabo Estlink 2 entre a Finlândia e a Estônia",
    },
}

CASES = [(node, lang, text) for node, by_lang in NAMED.items() for lang, text in by_lang.items()]


def test_every_sample_covers_the_four_languages():
    assert len(NAMED) >= 25
    assert all(set(by_lang) == {"en", "ja", "es", "pt"} for by_lang in NAMED.values())


@pytest.mark.parametrize(("node", "lang", "text"), CASES, ids=[f"{n}-{lang}" for n, lang, _ in CASES])
def test_wire_copy_names_the_node(tagger, node, lang, text):
    assert node in named(tagger, lang, text)


@pytest.mark.parametrize(("node", "lang", "text"), [
    # a plant's city alone is a place, not the plant
    ("basf-ludwigshafen", "en", "Ludwigshafen's mayor opens the wine festival"),
    ("thyssenkrupp-duisburg", "en", "Duisburg beat Essen 2-1 in the derby"),
    ("arcelormittal-dunkerque", "es", "Dunkerque celebra su carnaval"),
    # a firm's other site
    ("tata-steel-ijmuiden", "en", "Tata Steel's Port Talbot plant shuts its last blast furnace"),
    ("basf-antwerp", "en", "Fire at BASF's Ludwigshafen plant"),
    # a football club named after the port city
    ("port-marseille-fos", "en", "Olympique de Marseille beat Lyon"),
    ("port-marseille-fos", "es", "El Olympique de Marsella gana al Lyon"),
    # the river's state, not the river
    ("rhine-kaub", "en", "Floods hit North Rhine-Westphalia"),
    # the common noun
    ("equinor-troll", "en", "Internet troll jailed for threats"),
])
def test_near_misses_do_not_name_the_node(tagger, node, lang, text):
    assert node not in named(tagger, lang, text)
