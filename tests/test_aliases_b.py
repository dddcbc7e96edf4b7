"""Every node of mobility.yaml, electronics.yaml and aerospace.yaml found as wire copy in
English, Japanese, Spanish and Portuguese names it (issue #15, task alias-b).

Each sentence is written here in the way Reuters, Kyodo/Jiji/NHK/Nikkei, EFE/Europa Press and
Lusa/Agência Brasil name a plant, firm or cluster ("Wolfsburg plant", "ウォルフスブルク工場",
"fábrica de Wolfsburgo", "fábrica da Volkswagen em Bratislava"); none is copied from a labelled
set. The near misses must name nothing of the node: the city alone for a plant (a Dresden flood,
Volkswagen's own Dresden plant, "カターニア工場" with no firm: Enel also builds in Catania), the
common noun ("seat"), a football club named after the city.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphs.lexicon import load_lexicon
from graphs.loader import load_graph
from graphs.tagger import Tagger

BUNDLED = Path(__file__).resolve().parent.parent / "config"


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    """The bundled graph, names only: no place index, no text model."""
    return Tagger(load_graph(BUNDLED / "graph", display_root=BUNDLED), load_lexicon(), places=False, model=False)


#: node -> language -> a sentence naming it as wire copy does
NAMED: dict[str, dict[str, str]] = {
    "volkswagen-wolfsburg": {
        "en": "Volkswagen halted production at its Wolfsburg plant on Monday because of a shortage of chips.",
        "ja": "独フォルクスワーゲン（VW）は、半導体不足でウォルフスブルク工場の生産を一時停止すると発表した。",
        "es": "Volkswagen detiene la producción en su fábrica de Wolfsburgo por la falta de semiconductores.",
        "pt": "A Volkswagen suspendeu a produção na fábrica de Wolfsburg por falta de peças.",
    },
    "bmw-munich": {
        "en": "BMW's Munich plant stood still on Tuesday after a supplier failed to deliver wiring harnesses.",
        "ja": "独BMWのミュンヘン工場で部品不足により生産が止まった。",
        "es": "BMW paraliza la planta de BMW en Múnich por la falta de cables.",
        "pt": "A BMW interrompeu a produção na fábrica da BMW em Munique por falta de componentes.",
    },
    "bmw-dingolfing": {
        "en": "BMW cut shifts at its Dingolfing plant as a fire at a supplier disrupted deliveries.",
        "ja": "BMWはディンゴルフィング工場の生産を停止した。",
        "es": "BMW suspende turnos en su planta de Dingolfing por un incendio en un proveedor.",
        "pt": "A BMW parou a fábrica de Dingolfing depois de um incêndio num fornecedor.",
    },
    "audi-ingolstadt": {
        "en": "Audi stopped output at its Ingolstadt plant for two days because of a parts shortage.",
        "ja": "アウディのインゴルシュタット工場で生産が停止した。",
        "es": "Audi detiene la producción en su fábrica de Ingolstadt por falta de piezas.",
        "pt": "A Audi suspendeu a produção na fábrica de Ingolstadt por falta de peças.",
    },
    "volkswagen-zwickau": {
        "en": "Volkswagen will pause production at its Zwickau plant, which builds electric cars.",
        "ja": "ＶＷはツヴィッカウ工場の生産を一時停止する。",
        "es": "Volkswagen parará la producción en la planta de Zwickau, donde fabrica coches eléctricos.",
        "pt": "A Volkswagen vai parar a produção na fábrica de Zwickau, que monta carros elétricos.",
    },
    "bosch-mobility": {
        "en": "Robert Bosch said it would cut production after the chip supply dried up.",
        "ja": "ボッシュは半導体の供給が途絶えたため減産すると発表した。",
        "es": "El grupo alemán Bosch anuncia recortes de producción por la falta de chips.",
        "pt": "A alemã Bosch anunciou cortes na produção por falta de chips.",
    },
    "zf-friedrichshafen": {
        "en": "German car parts maker ZF said it would halt some lines because of the chip shortage.",
        "ja": "独ZFは半導体不足で一部の生産ラインを停止すると発表した。",
        "es": "El proveedor alemán ZF parará algunas líneas por la escasez de chips.",
        "pt": "A fornecedora alemã ZF vai parar algumas linhas por falta de chips.",
    },
    "jlr-nitra": {
        "en": "Production at Jaguar Land Rover's Slovak plant remained halted after the cyberattack.",
        "ja": "サイバー攻撃を受け、ジャガー・ランドローバーのスロバキア工場でも生産が止まった。",
        "es": "La planta de Jaguar Land Rover en Eslovaquia sigue parada tras el ciberataque.",
        "pt": "A fábrica da Jaguar Land Rover na Eslováquia continua parada após o ataque cibernético.",
    },
    "kia-zilina": {
        "en": "Kia's Slovak plant suspended output because of a shortage of parts.",
        "ja": "起亜のスロバキア工場が部品不足で生産を停止した。",
        "es": "La planta de Kia en Eslovaquia suspende la producción por falta de piezas.",
        "pt": "A fábrica da Kia na Eslováquia suspendeu a produção por falta de peças.",
    },
    "stellantis-trnava": {
        "en": "Stellantis idled its Trnava plant in Slovakia for a week because of weak demand.",
        "ja": "ステランティスのトルナバ工場が部品不足で操業を停止した。",
        "es": "Stellantis detiene su planta de Trnava por la falta de piezas.",
        "pt": "A Stellantis parou a fábrica de Trnava por falta de peças.",
    },
    "volkswagen-bratislava": {
        "en": "Volkswagen halted its Bratislava plant after floods cut supplies.",
        "ja": "ＶＷのブラチスラバ工場が部品不足で生産を停止した。",
        "es": "La planta de Volkswagen en Bratislava detiene la producción por las inundaciones.",
        "pt": "A fábrica da Volkswagen em Bratislava parou a produção por causa das inundações.",
    },
    "stellantis-sochaux": {
        "en": "Stellantis halted its Sochaux plant because of a shortage of semiconductors.",
        "ja": "ステランティスは半導体不足で仏ソショー工場の生産を停止した。",
        "es": "Stellantis para la fábrica de Sochaux por la falta de semiconductores.",
        "pt": "A Stellantis parou a fábrica de Sochaux por falta de semicondutores.",
    },
    "seat-martorell": {
        "en": "Seat halted production at its Martorell plant near Barcelona because of a parts shortage.",
        "ja": "スペインのセアトはマルトレル工場の生産を停止した。",
        "es": "Seat para la producción en la fábrica de Martorell por la falta de piezas.",
        "pt": "A Seat parou a produção na fábrica da Seat em Martorell por falta de peças.",
    },
    "ford-almussafes": {
        "en": "Ford suspended production at its Valencia plant after the floods.",
        "ja": "米フォードのスペイン工場が洪水で操業を停止した。",
        "es": "La factoría de Ford en Almussafes para la producción por la DANA.",
        "pt": "A fábrica da Ford em Valência parou a produção por causa das inundações.",
    },
    "volvo-cars-torslanda": {
        "en": "Volvo Cars halted its Torslanda plant because of a shortage of chips.",
        "ja": "ボルボ・カーズはイエーテボリのトースランダ工場の操業を停止すると発表した。",
        "es": "Volvo Cars para su planta de Torslanda por la falta de chips.",
        "pt": "A Volvo Cars parou a fábrica de Torslanda por falta de chips.",
    },
    "catl-erfurt": {
        "en": "CATL's German plant halted output after a fire in a production hall.",
        "ja": "CATLのドイツ工場で火災が発生し、生産を停止した。",
        "es": "Un incendio obliga a parar la planta de CATL en Alemania.",
        "pt": "Um incêndio paralisou a fábrica da CATL na Alemanha.",
    },
    "lg-energy-wroclaw": {
        "en": "A fire broke out at LG Energy Solution's plant in Poland, the company said.",
        "ja": "LGエナジーソリューションのポーランド工場で火災が発生した。",
        "es": "Un incendio en la planta de LG Energy Solution en Polonia obliga a evacuar a los trabajadores.",
        "pt": "Um incêndio atingiu a fábrica da LG Energy Solution na Polônia.",
    },
    "samsung-sdi-god": {
        "en": "A fire at Samsung SDI's plant in Hungary forced an evacuation.",
        "ja": "サムスンSDIのハンガリー工場で火災が発生した。",
        "es": "Un incendio en la planta de Samsung SDI en Hungría obliga a evacuar la fábrica.",
        "pt": "Um incêndio na fábrica da Samsung SDI na Hungria obrigou à evacuação.",
    },
    "infineon-dresden": {
        "en": "Infineon halted production at its Dresden plant after a power outage.",
        "ja": "インフィニオンのドレスデン工場が停電で操業を停止した。",
        "es": "Infineon detiene la producción en su planta de Dresde por un apagón.",
        "pt": "A Infineon parou a produção da sua fábrica em Dresden por causa de um apagão.",
    },
    "esmc-dresden": {
        "en": "Work at TSMC's Dresden fab was halted after a fire on the construction site.",
        "ja": "TSMCのドレスデン工場の建設現場で火災が起きた。",
        "es": "Un incendio paraliza las obras de la planta de TSMC en Alemania.",
        "pt": "Um incêndio paralisou as obras da fábrica da TSMC na Alemanha.",
    },
    "nexperia-dongguan": {
        "en": "China blocked exports of Nexperia chips, hitting carmakers' supplies.",
        "ja": "ネクスペリアの半導体の出荷停止で自動車各社に影響が広がっている。",
        "es": "China prohíbe las exportaciones de chips de Nexperia.",
        "pt": "A China proibiu as exportações de chips da Nexperia.",
    },
    "intel-leixlip": {
        "en": "Intel's plant in Ireland halted some production after a power outage.",
        "ja": "インテルのアイルランド工場で停電が発生し、生産が止まった。",
        "es": "Un apagón obliga a detener la planta de Intel en Irlanda.",
        "pt": "Um apagão obrigou a parar a fábrica da Intel na Irlanda.",
    },
    "stmicro-crolles": {
        "en": "Workers at STMicroelectronics' Crolles plant went on strike over pay.",
        "ja": "STマイクロエレクトロニクスのクロル工場でストライキが起きた。",
        "es": "Los trabajadores de la planta de STMicroelectronics en Crolles van a la huelga.",
        "pt": "Os trabalhadores da fábrica da STMicroelectronics em Crolles entraram em greve.",
    },
    "airbus-toulouse": {
        "en": "Airbus halted its Toulouse plant as storms hit southern France.",
        "ja": "エアバスのトゥールーズ工場でストライキが起きた。",
        "es": "Huelga en la planta de Airbus en Toulouse.",
        "pt": "Greve na fábrica da Airbus em Toulouse.",
    },
    "airbus-hamburg": {
        "en": "Airbus halted its Hamburg plant after a fire.",
        "ja": "エアバスのハンブルク工場で火災が発生した。",
        "es": "Un incendio obliga a Airbus a parar su planta en Hamburgo.",
        "pt": "Um incêndio obrigou a Airbus a parar a fábrica de Hamburgo da Airbus.",
    },
    "airbus-broughton": {
        "en": "Workers at Airbus's Broughton plant in Wales staged a strike.",
        "ja": "エアバスの英ブロートン工場でストライキが起きた。",
        "es": "Huelga en la planta de Airbus en Broughton, en Gales.",
        "pt": "Greve na fábrica da Airbus em Broughton, no País de Gales.",
    },
    "rheinmetall-unterluss": {
        "en": "An explosion hit Rheinmetall's Unterluess plant in northern Germany.",
        "ja": "ラインメタルのウンターリュース工場で爆発が起きた。",
        "es": "Una explosión sacude la planta de Rheinmetall en Unterlüß.",
        "pt": "Uma explosão atingiu a fábrica da Rheinmetall em Unterlüß.",
    },
    "lufthansa-technik-hamburg": {
        "en": "Workers at Lufthansa Technik in Hamburg went on strike.",
        "ja": "ルフトハンザ・テクニックの従業員がストライキを実施した。",
        "es": "Huelga en Lufthansa Technik en Hamburgo.",
        "pt": "Greve na Lufthansa Technik em Hamburgo.",
    },
    "skoda-mlada-boleslav": {
        "en": "Skoda Auto halted production at Mlada Boleslav because of a chip shortage.",
        "ja": "チェコのシュコダ・オートは半導体不足で生産を停止した。",
        "es": "Skoda Auto detiene la producción por la falta de chips.",
        "pt": "A Skoda Auto parou a produção por falta de chips.",
    },
    "tsmc-taiwan": {
        "en": "Taiwan Semiconductor Manufacturing Co evacuated fabs after the earthquake.",
        "ja": "台湾積体電路製造（TSMC）は地震で一部の工場から従業員を避難させた。",
        "es": "TSMC evacúa sus fábricas tras el terremoto.",
        "pt": "A TSMC retirou funcionários das fábricas após o terremoto.",
    },
    "northvolt-skelleftea": {
        "en": "Northvolt filed for bankruptcy in Sweden.",
        "ja": "スウェーデンの電池メーカー、ノースボルトが破産を申請した。",
        "es": "Northvolt se declara en quiebra en Suecia.",
        "pt": "A Northvolt pediu falência na Suécia.",
    },
}


@pytest.mark.parametrize(
    ("node_id", "lang", "text"),
    [(node_id, lang, text) for node_id, by_lang in NAMED.items() for lang, text in by_lang.items()],
)
def test_wire_copy_names_the_node(tagger: Tagger, node_id: str, lang: str, text: str) -> None:
    assert node_id in tagger.read(text, "", lang).nodes


def test_every_language_for_every_sampled_node() -> None:
    assert len(NAMED) >= 25
    assert all(set(by_lang) == {"en", "ja", "es", "pt"} for by_lang in NAMED.values())


#: (node that must not be named, language, sentence)
NEAR_MISSES: list[tuple[str, str, str]] = [
    ("volkswagen-wolfsburg", "es", "Un temporal deja sin luz a miles de hogares en Wolfsburgo."),
    ("volkswagen-wolfsburg", "ja", "ウォルフスブルクの市街地で大雨が降った。"),
    ("infineon-dresden", "pt", "A fábrica de Dresden da Volkswagen vai fechar."),
    ("infineon-dresden", "ja", "フォルクスワーゲンはドレスデン工場の生産を停止する。"),
    ("esmc-dresden", "en", "Floods hit the city of Dresden in eastern Germany."),
    ("airbus-toulouse", "es", "El Toulouse gana al Lens en el estadio."),
    ("airbus-hamburg", "ja", "ネクスペリアのハンブルク工場で火災が発生した。"),
    ("bmw-munich", "pt", "Greve no aeroporto de Munique cancela voos."),
    ("seat-martorell", "en", "Please remain in your seat while the bus passes Martorell station."),
    ("ford-almussafes", "es", "La DANA deja inundaciones en Valencia y Almussafes."),
    ("catl-erfurt", "en", "CATL supplies BMW and other carmakers in Germany."),
    ("stmicro-catania", "ja", "カターニア工場で火災が発生した。"),
    ("bosch-reutlingen", "ja", "ロイトリンゲン工場で火災が発生した。"),
    ("stellantis-trnava", "en", "Floods hit the Slovak city of Trnava on Sunday."),
    ("bosch-mobility", "es", "Santo Domingo recuerda al expresidente Juan Bosch en el aniversario de su muerte."),
    ("zf-friedrichshafen", "en", "The zf file format was updated."),
    ("seat-martorell", "en", "Labour Wins Seat in By-Election"),
]


@pytest.mark.parametrize(("node_id", "lang", "text"), NEAR_MISSES)
def test_near_miss_does_not_name_the_node(tagger: Tagger, node_id: str, lang: str, text: str) -> None:
    assert node_id not in tagger.read(text, "", lang).nodes


#: other forms of the same names: a country mark before the city ("エアバスの独ハンブルク工場"), the
#: middle dot Japanese writes or leaves out, a firm named with a qualifier where its bare name is
#: also a word or a surname ("la española Seat", "独ヘラー")
OTHER_FORMS: list[tuple[str, str, str]] = [
    ("airbus-hamburg", "ja", "エアバスの独ハンブルク工場で火災が発生した。"),
    ("esmc-dresden", "ja", "TSMCの独ドレスデン工場の建設が中断した。"),
    ("globalfoundries-dresden", "ja", "グローバル・ファウンドリーズのドレスデン工場で停電が起きた。"),
    ("jlr-nitra", "ja", "ジャガーランドローバーのスロバキア工場も操業を停止した。"),
    ("forvia-hella-lippstadt", "ja", "独ヘラーは部品不足で減産する。"),
    ("ford-almussafes", "es", "Ford España aplicará un ERTE por la falta de chips."),
    ("seat-martorell", "es", "La española Seat para la producción por la falta de semiconductores."),
    ("bosch-mobility", "pt", "O grupo alemão Bosch vai cortar produção."),
    ("volkswagen-wolfsburg", "ja", "VWはヴォルフスブルクの本社工場で減産を始めた。"),
]


@pytest.mark.parametrize(("node_id", "lang", "text"), OTHER_FORMS)
def test_other_forms_name_the_node(tagger: Tagger, node_id: str, lang: str, text: str) -> None:
    assert node_id in tagger.read(text, "", lang).nodes


def test_a_plant_named_with_its_firm_is_not_also_the_firm(tagger: Tagger) -> None:
    """The longest name wins: TSMC's Dresden fab is ESMC, not TSMC's Taiwanese fabs."""
    nodes = tagger.read("TSMCのドレスデン工場で火災が起きた。", "", "ja").nodes
    assert "esmc-dresden" in nodes and "tsmc-taiwan" not in nodes
