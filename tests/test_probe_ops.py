"""Probe matrix: operational disruptions at sites and firms -- strikes, production halts and
outages, cyberattacks, industrial accidents and trade restrictions on a named firm or material --
in English, Japanese, Spanish and Portuguese wire copy, on real nodes of the bundled graph.

The constructions a desk uses for such an event, with the node in different places: firm name
and plant city ("Volkswagen's Wolfsburg plant"), the plant named by its city only ("its
Gothenburg plant", "ヨーテボリ工場"), the plant in a prepositional phrase ("fábrica de Seat en
Martorell", "fábrica da Volkswagen em Wolfsburgo"); active, passive and nominal headlines;
notices and votes (a strike called or voted for is an event in the labelled sets, see
test_probe_en); measurable consequences ("cancels 800 flights", "no fabricará coches");
datelined leads ("WOLFSBURG, Germany, Dec 2 (Reuters) -", "【ストックホルム共同】", "(EFE)",
"(Lusa)"). The sentences are written for the matrix (the register, not any one story).

Near misses that must stay silent at the node: strikes called off, averted, suspended or
settled; "strike a deal"; production resumes; a new plant or line opening; earnings that mention
a past halt; product recalls; planned or scheduled maintenance (a cancel phrase of the outage
type); sport; export licences granted or bans lifted. Military strikes are conflict, never
strike: TYPE_NEGATIVE lists cases where only that one type must not appear.

A case is "title" or "title||lead".
"""

from __future__ import annotations

import pytest

from graphs.tagger import Tagger
from helpers_tagging import bundled_tagger, raised_by_case


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return bundled_tagger()


_alerting = raised_by_case


# Acceptable types: a strike or a halt is often told by its consequence.
STRIKE = {"strike"}
STRIKE_HALT = {"strike", "outage", "blockage"}
OUT = {"outage"}
HALT = {"outage", "blockage"}
CYBER = {"cyberattack", "outage"}
ACC = {"accident", "fire", "outage"}
TRADE = {"trade_restriction"}

# (case, node, acceptable types, language)
POSITIVE: list[tuple[str, str, set[str], str]] = [
    # ================================================================ English
    # ---------------------------------------------------------------- strike
    ("IG Metall calls warning strikes at Volkswagen's Wolfsburg plant", "volkswagen-wolfsburg", STRIKE, "en"),
    ("Workers at SEAT's Martorell plant walk out over pay", "seat-martorell", STRIKE, "en"),
    ("Ford Almussafes workers stage 24-hour strike", "ford-almussafes", STRIKE, "en"),
    ("Strike halts production at Stellantis Melfi plant", "stellantis-melfi", STRIKE_HALT, "en"),
    ("Tata Steel IJmuiden staff begin work-to-rule", "tata-steel-ijmuiden", STRIKE, "en"),
    ("Thyssenkrupp Steel workers down tools in Duisburg", "thyssenkrupp-duisburg", STRIKE, "en"),
    ("Go-slow at Port of Gothenburg leaves containers stranded", "port-gothenburg", STRIKE | {"congestion"}, "en"),
    ("Dockers at Port of Algeciras go on indefinite strike", "port-algeciras", STRIKE, "en"),
    ("Lufthansa pilots vote to strike", "lufthansa", STRIKE, "en"),
    ("Verdi issues strike notice at Frankfurt Airport", "frankfurt-airport", STRIKE, "en"),
    ("ArcelorMittal Dunkirk workers strike over job cuts", "arcelormittal-dunkerque", STRIKE, "en"),
    ("Airbus Broughton wing plant hit by strike", "airbus-broughton", STRIKE, "en"),
    ("Strike at Renault's Sandouville plant enters second week", "renault-sandouville", STRIKE, "en"),
    ("Chantiers de l'Atlantique workers strike, halting work on cruise ship", "chantiers-de-l-atlantique",
     STRIKE_HALT, "en"),
    ("Port of Barcelona stevedores stage stoppages", "port-barcelona", STRIKE, "en"),
    ("Frankfurt Airport strike grounds hundreds of flights", "frankfurt-airport", STRIKE_HALT, "en"),
    ("Nationwide general strike shuts Port of Valencia", "port-valencia", STRIKE_HALT, "en"),
    ("Lufthansa cancels 800 flights as ground staff strike", "lufthansa", STRIKE_HALT, "en"),
    ("Work stoppage at BMW Dingolfing plant", "bmw-dingolfing", STRIKE, "en"),
    ("Strike at Stellantis Tychy plant halts Fiat 500 output", "stellantis-tychy", STRIKE_HALT, "en"),
    ("Luka Koper port workers strike", "port-koper", STRIKE, "en"),
    ("Volvo Cars workers walk out at Torslanda plant", "volvo-cars-torslanda", STRIKE, "en"),
    ("Lufthansa pilots threaten new strikes", "lufthansa", STRIKE, "en"),
    ("Meyer Werft workers strike for second day", "meyer-werft-papenburg", STRIKE, "en"),
    ("WOLFSBURG, Germany, Dec 2 (Reuters) - Thousands of Volkswagen workers walked off the job at the "
     "carmaker's Wolfsburg plant on Monday in a warning strike, the IG Metall union said.",
     "volkswagen-wolfsburg", STRIKE, "en"),
    ("Dockers strike||ALGECIRAS, Spain, May 6 (Reuters) - Dockworkers at the Port of Algeciras began a "
     "48-hour strike on Tuesday, stranding container ships in the bay, the port authority said.",
     "port-algeciras", STRIKE_HALT | {"congestion"}, "en"),
    # ---------------------------------------------------------------- production halts, outages
    ("Volvo Cars halts production at Torslanda plant", "volvo-cars-torslanda", OUT, "en"),
    ("Volvo Cars to idle its Gothenburg plant for a week", "volvo-cars-torslanda", OUT, "en"),
    ("SEAT stops output at Martorell plant for three days", "seat-martorell", OUT, "en"),
    ("Ford to halt Almussafes plant for a week over weak demand", "ford-almussafes", OUT, "en"),
    ("Power outage halts Volkswagen Zwickau plant", "volkswagen-zwickau", OUT, "en"),
    ("IT glitch stops production at BMW's Munich plant", "bmw-munich", OUT, "en"),
    ("Audi suspends production at Ingolstadt plant", "audi-ingolstadt", OUT, "en"),
    ("Stellantis idles Sochaux plant as chip shortage bites", "stellantis-sochaux", OUT | {"shortage"}, "en"),
    ("Power cut at Infineon's Dresden fab halts output", "infineon-dresden", OUT, "en"),
    ("Dunkirk aluminium smelter loses power, cuts output", "aluminium-dunkerque", OUT, "en"),
    ("Sunndal smelter hit by power failure", "hydro-sunndal", OUT, "en"),
    ("Lufthansa IT outage strands passengers", "lufthansa", OUT, "en"),
    ("System failure halts check-in at Frankfurt Airport", "frankfurt-airport", OUT, "en"),
    ("Skoda Auto halts production lines in Mlada Boleslav", "skoda-mlada-boleslav", OUT, "en"),
    ("Production at JLR's Slovak plant stopped after IT failure", "jlr-nitra", OUT, "en"),
    ("BASF shuts plants at Ludwigshafen after power failure", "basf-ludwigshafen", OUT, "en"),
    ("Samsung SDI's Hungarian plant halts production", "samsung-sdi-god", OUT, "en"),
    ("Outokumpu Tornio mill shut after breakdown", "outokumpu-tornio", OUT, "en"),
    ("U.S. Steel Kosice idles blast furnace", "us-steel-kosice", OUT, "en"),
    ("Thyssenkrupp Steel shuts blast furnace after fault", "thyssenkrupp-duisburg", OUT, "en"),
    ("Production at Stellantis Trnava plant suspended for a week", "stellantis-trnava", OUT, "en"),
    ("Kia Slovakia halts output over parts shortage", "kia-zilina", OUT | {"shortage"}, "en"),
    ("Volkswagen Bratislava plant at a standstill", "volkswagen-bratislava", OUT, "en"),
    ("GOTHENBURG, Sweden, March 4 (Reuters) - Volvo Cars will stop production at its Torslanda plant "
     "for a week from Monday because of a shortage of semiconductors, the carmaker said.",
     "volvo-cars-torslanda", OUT | {"shortage"}, "en"),
    ("Airbus halts wing production||BROUGHTON, Wales (AP) — Airbus halted production at its Broughton "
     "wing factory on Thursday after a power failure, the company said.", "airbus-broughton", OUT, "en"),
    # ---------------------------------------------------------------- cyberattack
    ("Jaguar Land Rover's Slovak plant halted by cyberattack", "jlr-nitra", CYBER, "en"),
    ("Ransomware attack disrupts production at Thyssenkrupp Steel", "thyssenkrupp-duisburg", CYBER, "en"),
    ("Cyberattack forces Lufthansa to cancel flights", "lufthansa", CYBER, "en"),
    ("Hackers cripple systems at Port of Barcelona", "port-barcelona", CYBER, "en"),
    ("Skoda Auto hit by cyberattack, halts assembly lines", "skoda-mlada-boleslav", CYBER, "en"),
    ("Frankfurt Airport check-in systems down after cyber attack", "frankfurt-airport", CYBER, "en"),
    ("Ransomware shuts Port of Gothenburg terminal systems", "port-gothenburg", CYBER, "en"),
    # ---------------------------------------------------------------- accident
    ("Explosion at BASF Ludwigshafen plant kills one", "basf-ludwigshafen", ACC, "en"),
    ("Freight train derails at Port of Koper", "port-koper", ACC, "en"),
    ("Chemical spill at Chempark Leverkusen", "chempark-leverkusen", ACC, "en"),
    ("Gas leak forces evacuation of Infineon's Dresden plant", "infineon-dresden", ACC, "en"),
    ("Crane collapses at Port of Algeciras terminal", "port-algeciras", ACC, "en"),
    ("Worker killed in accident at ArcelorMittal Dunkirk", "arcelormittal-dunkerque", ACC, "en"),
    ("Ammonia leak at Yara Sluiskil plant", "yara-sluiskil", ACC, "en"),
    ("Oil spill at Shell's Pernis refinery", "shell-pernis", ACC, "en"),
    ("Container ship hits quay at Port of Gothenburg", "port-gothenburg", ACC, "en"),
    # ---------------------------------------------------------------- trade restriction
    ("US adds Nexperia's Chinese unit to entity list", "nexperia-dongguan", TRADE, "en"),
    ("EU sanctions VSMPO-AVISMA", "titanium-vsmpo", TRADE, "en"),
    ("China tightens export controls on gallium exports", "gallium-china", TRADE, "en"),
    ("Beijing requires licences for exports of Chinese germanium", "germanium-china", TRADE, "en"),
    ("US blacklists VSMPO-AVISMA", "titanium-vsmpo", TRADE, "en"),
    ("Congo suspends cobalt exports for four months", "cobalt-drc", TRADE, "en"),
    ("Chinese customs hold up shipments of Chinese rare-earth magnets", "ningbo-magnets", TRADE, "en"),
    ("Dutch government requires ASML to obtain export licences", "asml-veldhoven", TRADE, "en"),
    ("China bans Nexperia China from exporting chips", "nexperia-dongguan", TRADE | OUT, "en"),
    ("BEIJING, Oct 9 (Reuters) - China will require exporters of Chinese rare-earth magnets to obtain "
     "licences, the commerce ministry said on Thursday.", "ningbo-magnets", TRADE, "en"),

    # ---------------------------------------------------------------- more constructions
    ("Volkswagen halts Golf production in Wolfsburg", "volkswagen-wolfsburg", OUT, "en"),
    ("Airbus wing plant idled by power cut", "airbus-broughton", OUT, "en"),
    ("Workers at Tata Steel's Dutch plant to strike from Monday", "tata-steel-ijmuiden", STRIKE, "en"),
    ("Dockworkers at Port of Barcelona vote for strike action", "port-barcelona", STRIKE, "en"),
    ("Lufthansa pilots to stage 48-hour walkout", "lufthansa", STRIKE, "en"),
    ("SEAT's Martorell plant loses 5,000 cars to strike", "seat-martorell", STRIKE, "en"),
    ("Audi Ingolstadt output hit by IT outage", "audi-ingolstadt", OUT, "en"),
    ("Cyber incident halts assembly at BMW Dingolfing", "bmw-dingolfing", CYBER, "en"),
    ("Ransomware attack on Port of Valencia's systems", "port-valencia", CYBER, "en"),
    ("Explosion at Chempark Leverkusen waste incinerator", "chempark-leverkusen", ACC, "en"),
    ("Blast rocks Outokumpu Tornio mill", "outokumpu-tornio", ACC, "en"),
    ("Derailment at Duisburg port halts container trains", "duisport", ACC | HALT, "en"),
    ("Netherlands revokes ASML export licences for China", "asml-veldhoven", TRADE, "en"),
    ("US slaps export curbs on Nexperia's Chinese unit", "nexperia-dongguan", TRADE, "en"),
    ("Dutch customs detain shipment of Russian titanium", "titanium-vsmpo", TRADE, "en"),
    ("EU bans imports of Russian titanium", "titanium-vsmpo", TRADE, "en"),
    ("Tata Steel IJmuiden blast furnace breaks down", "tata-steel-ijmuiden", OUT, "en"),
    ("Workers occupy ArcelorMittal Dunkirk plant", "arcelormittal-dunkerque", STRIKE, "en"),
    ("Lufthansa cuts profit forecast as pilots strike", "lufthansa", STRIKE, "en"),
    ("Volkswagen Zwickau plant to idle for two weeks", "volkswagen-zwickau", OUT, "en"),
    ("Strike-hit Port of Gothenburg diverts ships", "port-gothenburg", STRIKE_HALT, "en"),
    ("Power glitch idles Skoda's Mlada Boleslav plant", "skoda-mlada-boleslav", OUT, "en"),
    ("Frankfurt Airport grinds to a halt as security staff strike", "frankfurt-airport", STRIKE_HALT, "en"),
    ("IG Metall announces overtime ban at Volkswagen Wolfsburg", "volkswagen-wolfsburg", STRIKE, "en"),
    ("Shipments of Chinese rare-earth magnets stuck at customs", "ningbo-magnets", TRADE, "en"),
    ("Volvo halts Swedish plant||Production at Torslanda will be paused temporarily from this evening, "
     "Volvo Cars said in a statement.", "volvo-cars-torslanda", OUT, "en"),

    # ================================================================ Japanese
    # ---------------------------------------------------------------- strike
    ("VWのツヴィッカウ工場で労組が時限スト", "volkswagen-zwickau", STRIKE, "ja"),
    ("ルフトハンザ航空の操縦士労組、スト権を確立", "lufthansa", STRIKE, "ja"),
    ("フランクフルト空港で保安要員がスト、欠航相次ぐ", "frankfurt-airport", STRIKE_HALT, "ja"),
    ("セアトのマルトレル工場で48時間スト", "seat-martorell", STRIKE, "ja"),
    ("アルセロール・ミタルのダンケルク製鉄所でスト、生産に影響", "arcelormittal-dunkerque", STRIKE_HALT, "ja"),
    ("【ストックホルム共同】スウェーデンの自動車大手ボルボ・カーのヨーテボリ工場で4日、従業員がストライキに入った。",
     "volvo-cars-torslanda", STRIKE, "ja"),
    ("エアバスの英工場でスト、主翼の生産が停止", "airbus-broughton", STRIKE_HALT, "ja"),
    ("イェーテボリ港で港湾労働者がスト、荷役が停止", "port-gothenburg", STRIKE_HALT, "ja"),
    ("ウォルフスブルク工場で警告スト、数千人が参加", "volkswagen-wolfsburg", STRIKE, "ja"),
    ("ルフトハンザ航空の客室乗務員がスト突入、数百便が欠航", "lufthansa", STRIKE_HALT, "ja"),
    ("デュイスブルク製鉄所で労組がストライキ", "thyssenkrupp-duisburg", STRIKE, "ja"),
    ("マイヤー造船所でスト続く", "meyer-werft-papenburg", STRIKE, "ja"),
    ("[フランクフルト 2日 ロイター] - ドイツの金属産業労組ＩＧメタルは2日、フォルクスワーゲンのヴォルフスブルク工場などで警告ストを実施した。",
     "volkswagen-wolfsburg", STRIKE, "ja"),
    ("サンナゼール造船所でスト、客船の建造に遅れ", "chantiers-de-l-atlantique", STRIKE | {"congestion"}, "ja"),
    ("ソショー工場で労組がスト入り", "stellantis-sochaux", STRIKE, "ja"),
    # ---------------------------------------------------------------- outage
    ("ボルボ・カー、ヨーテボリ工場の生産を1週間停止", "volvo-cars-torslanda", OUT, "ja"),
    ("トースランダ工場が操業停止", "volvo-cars-torslanda", OUT, "ja"),
    ("インフィニオンのドレスデン工場で停電、生産停止", "infineon-dresden", OUT, "ja"),
    ("BMWのミュンヘン工場、システム障害で生産停止", "bmw-munich", OUT, "ja"),
    ("アウディのインゴルシュタット工場、部品不足で稼働停止", "audi-ingolstadt", OUT | {"shortage"}, "ja"),
    ("ティッセンクルップのデュイスブルク製鉄所で高炉が停止", "thyssenkrupp-duisburg", OUT, "ja"),
    ("ダンケルク製鉄所の高炉を一時休止", "arcelormittal-dunkerque", OUT, "ja"),
    ("ルフトハンザ航空、システム障害で欠航相次ぐ", "lufthansa", HALT, "ja"),
    ("フランクフルト空港でシステム障害、チェックインできず", "frankfurt-airport", OUT, "ja"),
    ("ステランティスのトルナバ工場、半導体不足で生産を一時停止", "stellantis-trnava", OUT | {"shortage"}, "ja"),
    ("ジャガー・ランドローバーのスロバキア工場が生産休止", "jlr-nitra", OUT, "ja"),
    ("サムスンSDIのハンガリー工場、操業を停止", "samsung-sdi-god", OUT, "ja"),
    ("CATLのドイツ工場で生産中断", "catl-erfurt", OUT, "ja"),
    ("マルトレル工場、部品供給の遅れで生産ラインが止まる", "seat-martorell", OUT, "ja"),
    ("フォードのスペイン工場、来週の生産を停止", "ford-almussafes", OUT, "ja"),
    ("ネクスペリアの中国工場、出荷停止が続く", "nexperia-dongguan", OUT | TRADE, "ja"),
    ("ブラチスラバ工場、部品不足で稼働を見合わせ", "volkswagen-bratislava", OUT | {"shortage"}, "ja"),
    ("【ロンドン時事】欧州航空機大手エアバスの英国工場が、部品不足のため生産を当面停止することになった。",
     "airbus-broughton", OUT, "ja"),
    ("[ストックホルム 4日 ロイター] - スウェーデンのボルボ・カーは4日、半導体不足のため、ヨーテボリ工場の生産を来週から1週間停止すると発表した。",
     "volvo-cars-torslanda", OUT | {"shortage"}, "ja"),
    # ---------------------------------------------------------------- cyberattack
    ("JLRのスロバキア工場、サイバー攻撃で生産停止", "jlr-nitra", CYBER, "ja"),
    ("ルフトハンザ航空にサイバー攻撃", "lufthansa", CYBER, "ja"),
    ("ティッセンクルップ・スチールがランサムウェア攻撃を受ける", "thyssenkrupp-duisburg", CYBER, "ja"),
    ("イェーテボリ港のシステムにサイバー攻撃、荷役が停止", "port-gothenburg", CYBER | {"blockage"}, "ja"),
    ("ネクスペリアのハンブルク工場に不正アクセス", "nexperia-hamburg", CYBER, "ja"),
    # ---------------------------------------------------------------- accident
    ("BASFのルートヴィヒスハーフェン工場で爆発", "basf-ludwigshafen", ACC, "ja"),
    ("デュイスブルク製鉄所で事故、作業員が死亡", "thyssenkrupp-duisburg", ACC, "ja"),
    ("インフィニオンのドレスデン工場で化学物質が漏れる", "infineon-dresden", ACC, "ja"),
    ("ペルニス製油所で原油が流出", "shell-pernis", ACC, "ja"),
    ("デュイスブルク港で貨物列車が脱線", "duisport", ACC, "ja"),
    ("アイマイデン製鉄所で爆発事故", "tata-steel-ijmuiden", ACC, "ja"),
    # ---------------------------------------------------------------- trade restriction
    ("中国、ガリウムの輸出を許可制に", "gallium-china", TRADE, "ja"),
    ("中国、ゲルマニウムの輸出を規制", "germanium-china", TRADE, "ja"),
    ("中国税関、ネクスペリアの中国工場の製品の輸出を差し止め", "nexperia-dongguan", TRADE, "ja"),
    ("米国、ロシア産チタンに制裁", "titanium-vsmpo", TRADE, "ja"),
    ("中国、中国産レアアース磁石の輸出管理を強化", "ningbo-magnets", TRADE, "ja"),
    ("【北京共同】中国商務省は9日、ガリウムとゲルマニウムの対米輸出を原則禁止すると発表した。",
     "gallium-china", TRADE, "ja"),

    # ---------------------------------------------------------------- more constructions
    ("ルフトハンザ航空、パイロットのストで800便欠航", "lufthansa", STRIKE_HALT, "ja"),
    ("IGメタル、ウォルフスブルク工場で24時間スト", "volkswagen-wolfsburg", STRIKE, "ja"),
    ("フランクフルト空港のスト、2日目に", "frankfurt-airport", STRIKE, "ja"),
    ("アイマイデン製鉄所で停電、高炉が停止", "tata-steel-ijmuiden", OUT, "ja"),
    ("ボルボ・カーのヨーテボリ工場、ランサムウェア被害で操業停止", "volvo-cars-torslanda", CYBER, "ja"),
    ("エアバスのハンブルク工場、部品不足で生産停止", "airbus-hamburg", OUT | {"shortage"}, "ja"),
    ("ブラチスラバ工場でスト突入", "volkswagen-bratislava", STRIKE, "ja"),
    ("中国、ガリウムとゲルマニウムの輸出規制を発動", "gallium-china", TRADE, "ja"),
    ("BASFのルートヴィヒスハーフェン工場で火災、一部設備が停止", "basf-ludwigshafen", ACC, "ja"),
    ("中国産レアアース磁石、税関で留め置き", "ningbo-magnets", TRADE, "ja"),
    ("ステランティスのスロバキア工場、労組が無期限スト", "stellantis-trnava", STRIKE, "ja"),
    ("ルフトハンザ航空でスト、独国内線の大半が欠航", "lufthansa", STRIKE_HALT, "ja"),
    ("フランクフルト空港で地上職員が24時間の時限ストライキ", "frankfurt-airport", STRIKE, "ja"),
    ("ツヴィッカウ工場、半導体不足で来週から2週間操業停止", "volkswagen-zwickau", OUT | {"shortage"}, "ja"),

    # ================================================================ Spanish
    # ---------------------------------------------------------------- strike
    ("Huelga en la fábrica de Seat en Martorell", "seat-martorell", STRIKE, "es"),
    ("Los trabajadores de Ford Almussafes van a la huelga", "ford-almussafes", STRIKE, "es"),
    ("Paros en la factoría de Almussafes contra el ERE", "ford-almussafes", STRIKE, "es"),
    ("Los estibadores del puerto de Algeciras inician una huelga indefinida", "port-algeciras", STRIKE, "es"),
    ("Huelga de pilotos: Lufthansa cancela cientos de vuelos", "lufthansa", STRIKE_HALT, "es"),
    ("La huelga en el aeropuerto alemán de Fráncfort deja en tierra un millar de vuelos", "frankfurt-airport",
     STRIKE_HALT, "es"),
    ("La plantilla de Celsa convoca huelga en Castellbisbal", "celsa-barcelona", STRIKE, "es"),
    ("El comité convoca paros en la planta de Martorell", "seat-martorell", STRIKE, "es"),
    ("La huelga en el puerto de Barcelona paraliza las terminales", "port-barcelona", STRIKE_HALT, "es"),
    ("Los estibadores del puerto de Valencia paran 24 horas", "port-valencia", STRIKE, "es"),
    ("Huelga en las tiendas de Zara de A Coruña", "inditex", STRIKE, "es"),
    ("Huelga en la acería de Dunkerque de ArcelorMittal", "arcelormittal-dunkerque", STRIKE, "es"),
    ("Huelga en la planta de Stellantis en Eslovaquia", "stellantis-trnava", STRIKE, "es"),
    ("Huelga de celo en el puerto de Algeciras", "port-algeciras", STRIKE, "es"),
    ("Los trabajadores de la planta de Volkswagen en Wolfsburgo secundan una huelga de advertencia",
     "volkswagen-wolfsburg", STRIKE, "es"),
    ("Tercera jornada de huelga en la planta de Ford en Almussafes", "ford-almussafes", STRIKE, "es"),
    ("Berlín, 2 dic (EFE).- Miles de trabajadores de la planta de Volkswagen en Wolfsburgo secundaron este "
     "lunes una huelga de advertencia convocada por el sindicato IG Metall.", "volkswagen-wolfsburg", STRIKE, "es"),
    ("Algeciras (Cádiz), 6 may (EFE).- Los estibadores del puerto de Algeciras iniciaron este martes una huelga "
     "de 48 horas que mantiene paralizada la actividad en las terminales de contenedores.", "port-algeciras",
     STRIKE_HALT, "es"),
    # ---------------------------------------------------------------- outage
    ("Seat para la producción en la planta de Martorell por falta de piezas", "seat-martorell",
     OUT | {"shortage"}, "es"),
    ("Ford Almussafes detiene la producción una semana", "ford-almussafes", OUT, "es"),
    ("La factoría de Almussafes no fabricará coches la próxima semana", "ford-almussafes", OUT, "es"),
    ("Un apagón paraliza las líneas de la fábrica de Seat en Martorell", "seat-martorell", OUT, "es"),
    ("Un fallo informático obliga a Lufthansa a cancelar vuelos", "lufthansa", OUT, "es"),
    ("Caída del sistema en el aeropuerto alemán de Fráncfort", "frankfurt-airport", OUT, "es"),
    ("Celsa apaga sus hornos por el precio de la electricidad", "celsa-barcelona", OUT, "es"),
    ("Volkswagen detiene la producción en Wolfsburgo por falta de chips", "volkswagen-wolfsburg",
     OUT | {"shortage"}, "es"),
    ("ERTE en la planta de Ford en Almussafes por la falta de chips", "ford-almussafes", OUT | {"shortage"}, "es"),
    ("La acería de Dunkerque paraliza un alto horno", "arcelormittal-dunkerque", OUT, "es"),
    ("Tata Steel en los Países Bajos detiene un alto horno tras una avería", "tata-steel-ijmuiden", OUT, "es"),
    ("Stellantis suspende la producción en la planta de Melfi", "stellantis-melfi", OUT, "es"),
    ("La planta de Seat en Martorell, sin actividad por el apagón", "seat-martorell", OUT, "es"),
    ("Parón en la fábrica de Martorell por la falta de motores", "seat-martorell", OUT | {"shortage"}, "es"),
    ("La planta de BMW en Múnich sigue parada por un fallo técnico", "bmw-munich", OUT, "es"),
    ("Madrid, 4 mar (EFE).- Ford parará la producción de su factoría de Almussafes durante cinco días en marzo "
     "por la falta de semiconductores, según informó la empresa.", "ford-almussafes", OUT | {"shortage"}, "es"),
    ("Estocolmo, 4 mar (EFE).- Volvo Cars detendrá la producción en su planta de Torslanda durante una semana "
     "por la escasez de chips, informó el fabricante.", "volvo-cars-torslanda", OUT | {"shortage"}, "es"),
    # ---------------------------------------------------------------- cyberattack
    ("Un ciberataque contra Seat paraliza la fábrica de Martorell", "seat-martorell", CYBER, "es"),
    ("Un ataque de ransomware paraliza la producción de Celsa", "celsa-barcelona", CYBER, "es"),
    ("Hackers atacan los sistemas del puerto de Barcelona", "port-barcelona", CYBER, "es"),
    ("Lufthansa sufre un ciberataque", "lufthansa", CYBER, "es"),
    ("Inditex investiga un ataque informático", "inditex", CYBER, "es"),
    # ---------------------------------------------------------------- accident
    ("Explosión en la planta química de BASF en Ludwigshafen", "basf-ludwigshafen", ACC, "es"),
    ("Muere un trabajador en un accidente en la factoría de Almussafes", "ford-almussafes", ACC, "es"),
    ("Descarrila un tren de mercancías en el puerto de Valencia", "port-valencia", ACC, "es"),
    ("Vertido de fuel en el puerto de Algeciras", "port-algeciras", ACC, "es"),
    ("Derrumbe de una grúa en el puerto de Barcelona", "port-barcelona", ACC, "es"),
    ("Fuga de amoniaco en la planta de Sluiskil", "yara-sluiskil", ACC, "es"),
    # ---------------------------------------------------------------- trade restriction
    ("China restringe las exportaciones de galio chino", "gallium-china", TRADE, "es"),
    ("EEUU impone sanciones a VSMPO-AVISMA", "titanium-vsmpo", TRADE, "es"),
    ("China exige licencias de exportación para los imanes chinos", "ningbo-magnets", TRADE, "es"),
    ("Países Bajos impone controles a la exportación a ASML", "asml-veldhoven", TRADE, "es"),
    ("Pekín prohíbe a la filial china de Nexperia exportar sus chips", "nexperia-dongguan", TRADE, "es"),
    ("La RDC suspende las exportaciones de cobalto congoleño", "cobalt-drc", TRADE, "es"),
    ("Pekín, 3 jul (EFE).- China restringirá a partir del 1 de agosto las exportaciones de galio chino y "
     "germanio chino, anunció el Ministerio de Comercio.", "gallium-china", TRADE, "es"),

    # ---------------------------------------------------------------- more constructions
    ("Los pilotos de Lufthansa votan a favor de la huelga", "lufthansa", STRIKE, "es"),
    ("El sindicato registra el preaviso de huelga en el puerto de Algeciras", "port-algeciras", STRIKE, "es"),
    ("Seat suspende tres turnos en la planta de Martorell por falta de piezas", "seat-martorell",
     OUT | {"shortage"}, "es"),
    ("La factoría de Ford en Almussafes aplica un ERTE de cinco días", "ford-almussafes", OUT, "es"),
    ("Lufthansa cancela 1.000 vuelos por un fallo informático", "lufthansa", OUT, "es"),
    ("El aeropuerto alemán de Fráncfort suspende los vuelos por un apagón", "frankfurt-airport", OUT, "es"),
    ("Ataque informático contra el puerto de Valencia", "port-valencia", CYBER, "es"),
    ("Arde una nave en la planta de Seat en Martorell", "seat-martorell", ACC, "es"),
    ("Estados Unidos incluye a VSMPO-AVISMA en su lista negra", "titanium-vsmpo", TRADE, "es"),
    ("Celsa detiene la producción de su acería por el precio de la luz", "celsa-barcelona", OUT, "es"),
    ("Imanes chinos retenidos en la aduana", "ningbo-magnets", TRADE, "es"),
    ("La aduana china retiene cargamentos de galio chino", "gallium-china", TRADE, "es"),
    ("Paro de 24 horas en el puerto de Valencia", "port-valencia", STRIKE, "es"),
    ("Los trabajadores se encierran en la planta de Seat en Martorell", "seat-martorell", STRIKE, "es"),
    ("Los huelguistas bloquean los accesos a la planta de Seat en Martorell", "seat-martorell",
     STRIKE | {"blockage"}, "es"),
    ("Huelga indefinida en la acería de Celsa", "celsa-barcelona", STRIKE, "es"),
    ("Celsa suspende producción en Castellbisbal por el precio de la luz", "celsa-barcelona", OUT, "es"),
    ("Seat amplía la suspensión de producción en la planta de Martorell", "seat-martorell", OUT, "es"),

    # ================================================================ Portuguese
    # ---------------------------------------------------------------- strike
    ("Trabalhadores da fábrica da Volkswagen em Wolfsburgo fazem greve de advertência", "volkswagen-wolfsburg",
     STRIKE, "pt"),
    ("Greve na fábrica da Seat em Martorell", "seat-martorell", STRIKE, "pt"),
    ("Estivadores do porto de Valência em greve", "port-valencia", STRIKE, "pt"),
    ("Greve paralisa aeroporto alemão de Frankfurt", "frankfurt-airport", STRIKE_HALT, "pt"),
    ("Pilotos da Lufthansa cruzam os braços", "lufthansa", STRIKE, "pt"),
    ("Greve de ferroviários para o porto de Tubarão", "vale-tubarao", STRIKE_HALT, "pt"),
    ("Funcionários do Carrefour Brasil entram em greve", "carrefour", STRIKE, "pt"),
    ("Operários da fábrica da Renault em Sandouville em greve", "renault-sandouville", STRIKE, "pt"),
    ("Paralisação dos estivadores no porto de Gotemburgo", "port-gothenburg", STRIKE, "pt"),
    ("Sindicato marca greve na fábrica da Stellantis na Eslováquia", "stellantis-trnava", STRIKE, "pt"),
    ("Greve dos trabalhadores da ArcelorMittal em Dunquerque", "arcelormittal-dunkerque", STRIKE, "pt"),
    ("Greve na Lufthansa obriga ao cancelamento de centenas de voos", "lufthansa", STRIKE_HALT, "pt"),
    ("Trabalhadores da Ford Valência iniciam greve de 48 horas", "ford-almussafes", STRIKE, "pt"),
    ("Greve no porto de Paranaguá atrasa embarques de soja", "soy-brazil", STRIKE | {"congestion"}, "pt"),
    ("Berlim, 02 dez 2024 (Lusa) - Milhares de trabalhadores da fábrica da Volkswagen em Wolfsburgo fizeram hoje "
     "uma greve de advertência, convocada pelo sindicato IG Metall.", "volkswagen-wolfsburg", STRIKE, "pt"),
    ("Lufthansa: greve||Os pilotos da Lufthansa iniciaram nesta quarta-feira uma greve de dois dias, que obrigou a "
     "companhia aérea a cancelar cerca de 800 voos, informou a empresa.", "lufthansa", STRIKE_HALT, "pt"),
    # ---------------------------------------------------------------- outage
    ("Fábrica da Volvo Cars em Gotemburgo para a produção por falta de peças", "volvo-cars-torslanda",
     OUT | {"shortage"}, "pt"),
    ("Volkswagen suspende produção na fábrica de Wolfsburgo", "volkswagen-wolfsburg", OUT, "pt"),
    ("Apagão paralisa fábrica da Seat em Martorell", "seat-martorell", OUT, "pt"),
    ("Falha informática obriga Lufthansa a cancelar voos", "lufthansa", OUT, "pt"),
    ("Produção na fábrica da Ford em Valência suspensa por falta de chips", "ford-almussafes",
     OUT | {"shortage"}, "pt"),
    ("Vale suspende operações no porto de Tubarão", "vale-tubarao", HALT, "pt"),
    ("Siderúrgica da U.S. Steel em Kosice desliga alto-forno", "us-steel-kosice", OUT, "pt"),
    ("Siderúrgica de Dunquerque paralisa alto-forno", "arcelormittal-dunkerque", OUT, "pt"),
    ("Falha técnica deixa aeroporto alemão de Frankfurt sem voos", "frankfurt-airport", OUT, "pt"),
    ("Fábrica da CATL na Alemanha interrompe produção", "catl-erfurt", OUT, "pt"),
    ("Fábrica da Samsung SDI na Hungria está parada há uma semana", "samsung-sdi-god", OUT, "pt"),
    ("Falta de chips para a fábrica da Stellantis na Eslováquia", "stellantis-trnava", OUT | {"shortage"}, "pt"),
    ("Fábrica da BMW em Munique interrompe a produção após falha no sistema informático", "bmw-munich", OUT, "pt"),
    ("Fábrica da Volkswagen em Zwickau suspende turnos por falta de componentes", "volkswagen-zwickau",
     OUT | {"shortage"}, "pt"),
    ("Estocolmo, 04 mar (Lusa) - A Volvo Cars vai parar a produção na fábrica de Torslanda durante uma semana "
     "devido à escassez de semicondutores, anunciou hoje o fabricante.", "volvo-cars-torslanda",
     OUT | {"shortage"}, "pt"),
    # ---------------------------------------------------------------- cyberattack
    ("Ataque informático paralisa fábrica da Jaguar Land Rover na Eslováquia", "jlr-nitra", CYBER, "pt"),
    ("Lufthansa alvo de ciberataque", "lufthansa", CYBER, "pt"),
    ("Hackers atacam sistemas do porto de Gotemburgo", "port-gothenburg", CYBER, "pt"),
    ("Ataque de ransomware interrompe produção na fábrica da Seat em Martorell", "seat-martorell", CYBER, "pt"),
    ("Aeroporto alemão de Frankfurt sofre ataque cibernético", "frankfurt-airport", CYBER, "pt"),
    # ---------------------------------------------------------------- accident
    ("Explosão em fábrica da BASF em Ludwigshafen", "basf-ludwigshafen", ACC, "pt"),
    ("Trem descarrila no porto de Tubarão", "vale-tubarao", ACC, "pt"),
    ("Acidente na siderúrgica de Dunquerque mata operário", "arcelormittal-dunkerque", ACC, "pt"),
    ("Derrame de petróleo na refinaria da Shell em Roterdão", "shell-pernis", ACC, "pt"),
    ("Vazamento de amônia na fábrica da Yara na Holanda", "yara-sluiskil", ACC, "pt"),
    # ---------------------------------------------------------------- trade restriction
    ("EUA impõem sanções à VSMPO-AVISMA", "titanium-vsmpo", TRADE, "pt"),
    ("China exige licença de exportação para ímanes chineses", "ningbo-magnets", TRADE, "pt"),
    ("China suspende importações de farelo de soja brasileiro", "soy-brazil", TRADE, "pt"),
    ("Exportações da filial chinesa da Nexperia bloqueadas por Pequim", "nexperia-dongguan", TRADE, "pt"),
    ("RDC proíbe exportações de cobalto da RDC por quatro meses", "cobalt-drc", TRADE, "pt"),
    ("EUA sancionam produtora russa de titânio||Washington, 03 jul (Lusa) - Os Estados Unidos impuseram hoje "
     "sanções à VSMPO-AVISMA, a maior produtora de titânio do mundo.", "titanium-vsmpo", TRADE, "pt"),
    # ---------------------------------------------------------------- more constructions
    ("Paralisação de 24 horas no porto de Paranaguá", "soy-brazil", STRIKE_HALT, "pt"),
    ("Carregamentos de ímanes chineses retidos na alfândega", "ningbo-magnets", TRADE, "pt"),
    ("Trabalhadores ocupam a fábrica da Stellantis na Eslováquia", "stellantis-trnava", STRIKE, "pt"),
    ("Greve atinge fábrica da Volkswagen em Wolfsburgo", "volkswagen-wolfsburg", STRIKE, "pt"),
    ("Trabalhadores da Vale cruzam os braços no porto de Tubarão", "vale-tubarao", STRIKE, "pt"),
    ("Greve de caminhoneiros afeta embarques de soja no porto de Paranaguá", "soy-brazil",
     STRIKE | {"congestion"}, "pt"),
    ("Vale declara força maior no porto de Tubarão", "vale-tubarao", HALT, "pt"),
    ("Incêndio e explosão na fábrica da BASF em Ludwigshafen", "basf-ludwigshafen", ACC, "pt"),
    ("Fábrica da Audi em Ingolstadt interrompe produção por falta de peças", "audi-ingolstadt",
     OUT | {"shortage"}, "pt"),
    ("Pilotos da Lufthansa aprovam greve", "lufthansa", STRIKE, "pt"),
    ("Estivadores do porto de Gotemburgo entregam pré-aviso de greve", "port-gothenburg", STRIKE, "pt"),
    ("Falha no sistema informático cancela voos da Lufthansa", "lufthansa", OUT, "pt"),
    ("Ciberataque obriga fábrica da Volvo Cars em Gotemburgo a parar a produção", "volvo-cars-torslanda",
     CYBER, "pt"),
    ("EUA incluem filial chinesa da Nexperia na lista negra", "nexperia-dongguan", TRADE, "pt"),
]

# (case, node, language): no event at the node may alert.
NEGATIVE: list[tuple[str, str, str]] = [
    # ================================================================ English
    ("Lufthansa pilots call off strike after pay deal", "lufthansa", "en"),
    ("Strike at Volkswagen's Wolfsburg plant averted as union accepts offer", "volkswagen-wolfsburg", "en"),
    ("Port of Algeciras dockers suspend strike", "port-algeciras", "en"),
    ("Ford Almussafes workers settle pay dispute, strike called off", "ford-almussafes", "en"),
    ("Lufthansa strikes codeshare deal with ITA Airways", "lufthansa", "en"),
    ("Volkswagen Zwickau works council strikes agreement on shifts", "volkswagen-zwickau", "en"),
    ("Production resumes at Volvo Cars Torslanda plant", "volvo-cars-torslanda", "en"),
    ("SEAT opens new battery assembly plant in Martorell", "seat-martorell", "en"),
    ("Volvo Cars profit hit by last year's production halt at Torslanda plant", "volvo-cars-torslanda", "en"),
    ("Audi recalls 10,000 cars built at Ingolstadt plant", "audi-ingolstadt", "en"),
    ("Stellantis Sochaux plant to close for scheduled maintenance in August", "stellantis-sochaux", "en"),
    ("Power restored at Infineon's Dresden fab, output restarting", "infineon-dresden", "en"),
    ("Lufthansa says IT systems restored after outage", "lufthansa", "en"),
    ("Port of Barcelona says cyberattack had no impact on operations", "port-barcelona", "en"),
    ("Stellantis Melfi workers end strike after agreement reached", "stellantis-melfi", "en"),
    ("Ford Almussafes back to full production after floods", "ford-almussafes", "en"),
    ("China lifts ban on gallium exports to US", "gallium-china", "en"),
    ("Frankfurt Airport handles record passenger numbers", "frankfurt-airport", "en"),
    ("Port of Gothenburg container volumes hit record", "port-gothenburg", "en"),
    ("Airbus Broughton workers accept pay offer, ending strike threat", "airbus-broughton", "en"),
    ("Thyssenkrupp Steel restarts blast furnace after repairs", "thyssenkrupp-duisburg", "en"),
    ("SEAT Martorell plant to add third shift as demand booms", "seat-martorell", "en"),
    ("Lufthansa sponsors striker at Eintracht Frankfurt", "lufthansa", "en"),
    ("Documentary on the 1984 strike at Port of Barcelona premieres", "port-barcelona", "en"),
    ("Skoda Auto raises output at Mlada Boleslav plant", "skoda-mlada-boleslav", "en"),
    ("Verdi and Fraport reach agreement, Frankfurt Airport strike will not go ahead", "frankfurt-airport", "en"),
    ("Samsung SDI's Hungarian plant holds evacuation drill", "samsung-sdi-god", "en"),
    ("Lufthansa pilots' strike suspended pending arbitration", "lufthansa", "en"),
    ("Port of Gothenburg strike ends after ten weeks", "port-gothenburg", "en"),
    ("Volvo Cars says Torslanda plant unaffected by strike at supplier", "volvo-cars-torslanda", "en"),
    ("Ford Almussafes to restart production on Monday", "ford-almussafes", "en"),
    ("Audi Ingolstadt plant wins factory of the year award", "audi-ingolstadt", "en"),
    ("SEAT workers vote to accept pay deal at Martorell plant", "seat-martorell", "en"),
    ("Tata Steel IJmuiden plans maintenance shutdown of blast furnace", "tata-steel-ijmuiden", "en"),
    ("Thyssenkrupp Steel to shut blast furnaces as part of green steel plan", "thyssenkrupp-duisburg", "en"),
    ("Northvolt halts plant expansion in Skelleftea", "northvolt-skelleftea", "en"),
    ("Idle capacity at Volkswagen Zwickau plant could build Audi models", "volkswagen-zwickau", "en"),
    # results and guidance that name a halt already over
    ("Volvo Cars quarterly profit falls after production halt at Torslanda in March", "volvo-cars-torslanda", "en"),
    ("Lufthansa cuts profit forecast after strikes earlier this year", "lufthansa", "en"),
    ("Ford Almussafes strike cost 20 million euros, company says", "ford-almussafes", "en"),
    ("Lufthansa posts loss as strikes weighed on first quarter", "lufthansa", "en"),
    ("Stellantis Melfi output recovered in Q3 after earlier stoppage", "stellantis-melfi", "en"),
    ("Volkswagen stops plant investment plans in Zwickau", "volkswagen-zwickau", "en"),
    # ================================================================ Japanese
    ("ルフトハンザ航空、労使合意でスト回避", "lufthansa", "ja"),
    ("ウォルフスブルク工場のストを中止", "volkswagen-wolfsburg", "ja"),
    ("ボルボ・カーのヨーテボリ工場、生産を再開した", "volvo-cars-torslanda", "ja"),
    ("インフィニオンのドレスデン工場、停電が復旧", "infineon-dresden", "ja"),
    ("BMWのミュンヘン工場で新型EVの生産開始", "bmw-munich", "ja"),
    ("アウディのインゴルシュタット工場、定期点検で一時停止", "audi-ingolstadt", "ja"),
    ("マルトレル工場製の車をリコール", "seat-martorell", "ja"),
    ("中国、ガリウムの輸出規制を解除", "gallium-china", "ja"),
    ("ネクスペリアの中国工場、出荷を再開", "nexperia-dongguan", "ja"),
    ("ダンケルク製鉄所、新しい電炉の建設を開始", "arcelormittal-dunkerque", "ja"),
    ("エアバスの英工場でのストは回避された", "airbus-broughton", "ja"),
    ("ルフトハンザ航空、スト終結で全便を運航", "lufthansa", "ja"),
    ("フランクフルト空港で防災訓練", "frankfurt-airport", "ja"),
    ("ティッセンクルップ・スチール、高炉の運転を再開", "thyssenkrupp-duisburg", "ja"),
    ("トースランダ工場、通常通り稼働", "volvo-cars-torslanda", "ja"),
    ("JLRのスロバキア工場、システムが復旧", "jlr-nitra", "ja"),
    ("ルフトハンザ航空、過去最高益", "lufthansa", "ja"),
    ("イェーテボリ港のコンテナ取扱量、過去最高", "port-gothenburg", "ja"),
    ("セアトのマルトレル工場、生産能力を増強", "seat-martorell", "ja"),
    ("BASFのルートヴィヒスハーフェン工場の火災、鎮火", "basf-ludwigshafen", "ja"),
    ("ルフトハンザ航空のスト、労使が妥結", "lufthansa", "ja"),
    ("ツヴィッカウ工場、週明けから生産を再開", "volkswagen-zwickau", "ja"),
    ("フランクフルト空港、通常通り運航", "frankfurt-airport", "ja"),
    ("ボルボ・カー、ヨーテボリ工場に新ライン", "volvo-cars-torslanda", "ja"),
    ("ルフトハンザ航空、ストが響き4～6月期は赤字", "lufthansa", "ja"),
    ("ボルボ・カー、ヨーテボリ工場の生産停止が響き減益", "volvo-cars-torslanda", "ja"),
    # ================================================================ Spanish
    ("Desconvocada la huelga en la fábrica de Seat en Martorell", "seat-martorell", "es"),
    ("Un acuerdo en Ford Almussafes evita la huelga", "ford-almussafes", "es"),
    ("Los estibadores del puerto de Algeciras suspenden la huelga", "port-algeciras", "es"),
    ("Seat reanuda la producción en la planta de Martorell", "seat-martorell", "es"),
    ("Ford inaugura una nueva línea de baterías en la factoría de Almussafes", "ford-almussafes", "es"),
    ("Seat llama a revisión 5.000 coches fabricados en la planta de Martorell", "seat-martorell", "es"),
    ("Parada programada por mantenimiento en la refinería de Shell en Pernis", "shell-pernis", "es"),
    ("Lufthansa cierra un acuerdo con el sindicato de pilotos y evita la huelga", "lufthansa", "es"),
    ("China levanta la prohibición de exportar galio chino a EEUU", "gallium-china", "es"),
    ("Lufthansa restablece sus sistemas tras el fallo informático", "lufthansa", "es"),
    ("El puerto de Barcelona bate su récord de contenedores", "port-barcelona", "es"),
    ("Inditex gana un 10% más en el primer trimestre", "inditex", "es"),
    ("La planta de Ford en Almussafes recupera la normalidad tras la dana", "ford-almussafes", "es"),
    ("El puerto de Valencia funciona con normalidad pese a la huelga del transporte", "port-valencia", "es"),
    ("Simulacro de incendio en la planta de Seat en Martorell", "seat-martorell", "es"),
    ("Fin de la huelga en el puerto de Algeciras", "port-algeciras", "es"),
    ("Seat contratará 500 trabajadores en la fábrica de Martorell", "seat-martorell", "es"),
    ("El ciberataque contra Inditex no afectó a sus tiendas, según la empresa", "inditex", "es"),
    ("Ford Almussafes vuelve a operar con normalidad tras el apagón", "ford-almussafes", "es"),
    ("El Celta ficha a un delantero del Ford Almussafes CF", "ford-almussafes", "es"),
    ("Los estibadores del puerto de Valencia desconvocan la huelga", "port-valencia", "es"),
    ("La planta de Martorell recupera la actividad tras la huelga", "seat-martorell", "es"),
    ("Seat instala una nueva línea de montaje en la planta de Martorell", "seat-martorell", "es"),
    ("Seat gana un 20% más pese al parón de producción de marzo en la planta de Martorell", "seat-martorell", "es"),
    ("Las mujeres ocupan el 30% de los puestos en la planta de Seat en Martorell", "seat-martorell", "es"),
    # ================================================================ Portuguese
    ("Greve na fábrica da Seat em Martorell desconvocada", "seat-martorell", "pt"),
    ("Sindicato e Lufthansa chegam a acordo e evitam greve", "lufthansa", "pt"),
    ("Fábrica da Volvo Cars em Gotemburgo retoma a produção", "volvo-cars-torslanda", "pt"),
    ("Volkswagen inaugura nova linha na fábrica de Zwickau", "volkswagen-zwickau", "pt"),
    ("Seat faz recall de 3 mil carros produzidos na fábrica de Martorell", "seat-martorell", "pt"),
    ("Paragem programada para manutenção na refinaria da Shell em Roterdão", "shell-pernis", "pt"),
    ("China levanta proibição às exportações de gálio", "gallium-china", "pt"),
    ("Lufthansa restabelece sistemas após falha informática", "lufthansa", "pt"),
    ("Greve no porto de Valência suspensa após acordo", "port-valencia", "pt"),
    ("Fábrica da Seat em Martorell volta a funcionar após apagão", "seat-martorell", "pt"),
    ("Lufthansa patrocina seleção alemã de futebol", "lufthansa", "pt"),
    ("Porto de Tubarão bate recorde de embarques de minério", "vale-tubarao", "pt"),
    ("Carrefour Brasil anuncia abertura de novas lojas", "carrefour", "pt"),
    ("Fábrica da BMW em Munique contrata mais 500 trabalhadores", "bmw-munich", "pt"),
    ("Simulacro de explosão na fábrica da BASF em Ludwigshafen", "basf-ludwigshafen", "pt"),
    ("Greve na Lufthansa foi cancelada", "lufthansa", "pt"),
    ("Aeroporto alemão de Frankfurt opera normalmente apesar da greve geral", "frankfurt-airport", "pt"),
    ("Vale retoma embarques no porto de Tubarão", "vale-tubarao", "pt"),
    ("Fábrica da Volkswagen em Wolfsburgo celebra 75 anos", "volkswagen-wolfsburg", "pt"),
    ("Produção na fábrica da Ford em Valência não será afetada pela greve", "ford-almussafes", "pt"),
    ("Greve dos pilotos da Lufthansa termina após acordo", "lufthansa", "pt"),
    ("Fábrica da Seat em Martorell retoma produção após apagão", "seat-martorell", "pt"),
    ("Vale inaugura novo terminal no porto de Tubarão", "vale-tubarao", "pt"),
    ("Lucro da Lufthansa sobe apesar da greve dos pilotos", "lufthansa", "pt"),
]

# (case, node, type that must not alert at the node, language): the node may carry another event.
TYPE_NEGATIVE: list[tuple[str, str, str, str]] = [
    ("Russian missile strike hits Port of Odesa", "port-odesa", "strike", "en"),
    ("Drone strike sets Ras Tanura refinery ablaze", "ras-tanura", "strike", "en"),
    ("Ukraine claims strike on Russian tanker near Port of Constanta", "port-constanta", "strike", "en"),
    ("Ataque ruso con misiles contra el puerto de Odesa", "port-odesa", "strike", "es"),
    ("Ataque com mísseis atinge o porto de Odessa", "port-odesa", "strike", "pt"),
    ("Lufthansa strikes deal to buy stake in ITA Airways", "lufthansa", "strike", "en"),
    ("ロシア軍、オデーサ港をミサイル攻撃", "port-odesa", "strike", "ja"),
]


def _id(case: str, lang: str) -> str:
    return f"{lang}:{case[:55]}"


@pytest.mark.parametrize("case,target,types,lang", POSITIVE, ids=[_id(c[0], c[3]) for c in POSITIVE])
def test_operational_disruption_alerts(tagger: Tagger, case: str, target: str, types: set[str], lang: str) -> None:
    got = _alerting(tagger, case, lang)
    assert got.get(target, set()) & types, f"{case!r}: {target} {sorted(types)} wanted, got {got}"


@pytest.mark.parametrize("case,target,lang", NEGATIVE, ids=[_id(c[0], c[2]) for c in NEGATIVE])
def test_operational_near_miss_is_silent(tagger: Tagger, case: str, target: str, lang: str) -> None:
    got = _alerting(tagger, case, lang)
    assert target not in got, f"{case!r}: {target} must not alert, got {got[target]}"


@pytest.mark.parametrize("case,target,banned,lang", TYPE_NEGATIVE, ids=[_id(c[0], c[3]) for c in TYPE_NEGATIVE])
def test_military_strike_is_not_a_labour_strike(tagger: Tagger, case: str, target: str, banned: str,
                                                lang: str) -> None:
    got = _alerting(tagger, case, lang)
    assert banned not in got.get(target, set()), f"{case!r}: {target} must not carry {banned}, got {got}"
