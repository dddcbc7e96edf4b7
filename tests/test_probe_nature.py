"""Probe matrix: natural disasters, shortages and trade drops on producing regions,
material nodes, plants and ports, in the wire copy of four desks (Reuters/Bloomberg English;
Kyodo, Jiji, NHK, Nikkei and Reuters Japanese; EFE, Europa Press and Reuters in Spanish;
Lusa, Agência Brasil, Reuters Brasil and Folhapress in Portuguese).

The constructions: weather extremes hitting a crop, a mine or a plant (drought, lack of rain,
floods, heatwave, frost, typhoon, cyclone, earthquake, volcanic ash, wildfire); harvest
failures and output slumps ("cocoa production collapses in Ghana", "Jaén olive harvest
halved"); export and production plunges with figures ("rare earth magnet exports fell 74%");
a shortage of an input that stops or cuts output at a plant ("chip shortage forces VW to halt
Wolfsburg line"); rationing. Active, passive and nominal headlines, continuing states, the
node before or after the verb, title only, lead only, datelined leads.

A harvest failure is a shortage of the crop or the disaster that caused it; an export plunge
is a shortage (the labelled sets' reading of "磁石の輸出量は…74%減少") or a trade drop (the
trade feeds' type); an input shortage that stops a line is a shortage or an outage.

The near misses must not raise: good-harvest forecasts, price moves alone, weather forecasts
without impact, anniversaries, growth statistics, "shortage" in other senses, aid appeals
about people, earnings. A text is "title" or "title||lead".
"""

from __future__ import annotations

import pytest

from graphs.tagger import Tagger
from helpers_tagging import bundled_tagger, raised_by_case


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return bundled_tagger()


_alerting = raised_by_case


NAT = {"natural_disaster"}
SHORT = {"shortage"}
#: a failed harvest or slumping output: the shortage of the crop, or the weather behind it
CROP = {"natural_disaster", "shortage", "trade_drop"}
#: an export or production plunge with a figure
DROP = {"shortage", "trade_drop", "trade_restriction"}
#: weather that stops a mine or plant
NAT_OUT = {"natural_disaster", "outage"}
#: an input runs short and a line stops
PLANT = {"shortage", "outage"}

# (case "title||lead", node, acceptable types, language)
POSITIVE: list[tuple[str, str, set[str], str] | object] = [
    # ================================================================== English
    # --- weather on crops, mines, plants
    ("Drought hits Ivory Coast cocoa crop", "cocoa-cote-divoire", CROP, "en"),
    ("Ghana's cocoa harvest halved by drought", "cocoa-ghana", CROP, "en"),
    ("Jaén olive harvest halved by drought", "jaen-olive-oil", CROP, "en"),
    ("Heatwave scorches olive groves in Jaén", "jaen-olive-oil", CROP, "en"),
    ("Frost damages Jaén olive groves ahead of harvest", "jaen-olive-oil", CROP, "en"),
    ("Floods in Rio Grande do Sul hit Brazilian soy harvest", "soy-brazil", CROP, "en"),
    ("Lack of rain withers Brazilian soybean fields", "soy-brazil", CROP, "en"),
    ("Drought cuts Ukrainian wheat harvest", "ukraine-grain-belt", CROP, "en"),
    ("Heatwave shrivels Ukraine's corn crop", "ukraine-grain-belt", CROP, "en"),
    ("Drought forces Australian wool growers to cull flocks", "australian-wool", CROP, "en"),
    ("Floods in Gujarat damage Indian cotton crop", "indian-cotton", CROP, "en"),
    ("Heavy rains batter Egyptian cotton fields", "egyptian-cotton", CROP, "en"),
    ("Flooding halts operations at Kolwezi cobalt mines", "cobalt-drc", NAT_OUT | SHORT, "en"),
    ("Heavy rains force SQM to suspend operations at Salar de Atacama", "lithium-chile", NAT_OUT, "en"),
    ("Wildfire forces Greenbushes lithium mine to halt", "lithium-australia", NAT_OUT | {"fire"}, "en"),
    ("Cyclone shuts Pilgangoora lithium mine", "lithium-australia", NAT_OUT, "en"),
    ("Earthquake halts output at LKAB's Kiruna mine", "lkab-kiruna", NAT_OUT, "en"),
    ("Etna ash forces STMicro Catania plant to slow production", "stmicro-catania", NAT_OUT, "en"),
    ("Ivory Coast Cocoa Crop Withers as Harmattan Winds Arrive Early", "cocoa-cote-divoire", CROP, "en"),
    ("Typhoon floods TSMC's fabs, halting output", "tsmc-taiwan", NAT_OUT, "en"),
    # --- harvest failures, output slumps
    ("Cocoa production collapses in Ghana", "cocoa-ghana", CROP, "en"),
    ("Ivory Coast cocoa output slumps 30%", "cocoa-cote-divoire", CROP, "en"),
    ("Ghana's cocoa crop falls to 20-year low", "cocoa-ghana", CROP, "en"),
    pytest.param("Lithium output in Chile falls after SQM halts brine pumping", "lithium-chile", CROP | DROP, "en",
                 marks=pytest.mark.xfail(strict=True, reason="a plain fall with no size: quarterly production reports say 'output falls' of every small dip")),
    ("Chilean lithium production plunges 40%", "lithium-chile", CROP | DROP, "en"),
    ("Congo cobalt output slumps as mines flood", "cobalt-drc", CROP | DROP, "en"),
    ("Jaén olive oil output halves after second dry year", "jaen-olive-oil", CROP, "en"),
    ("Ukraine's grain harvest shrinks by a third", "ukraine-grain-belt", CROP, "en"),
    ("Brazilian soy crop shrinks as drought bites", "soy-brazil", CROP, "en"),
    ("Indian cotton output set to slump to 15-year low", "indian-cotton", CROP, "en"),
    ("Ghana cocoa harvest fails for third year", "cocoa-ghana", CROP, "en"),
    # --- export and production plunges with figures
    ("China's rare earth magnet exports fell 74% in May", "ningbo-magnets", DROP, "en"),
    ("China's gallium exports plunge after curbs", "gallium-china", DROP, "en"),
    ("Chinese germanium exports slump to zero", "germanium-china", DROP, "en"),
    ("Rare earth exports from China drop by half", "baotou-rare-earths", DROP, "en"),
    ("Ukrainian grain exports plunge as ports shut", "ukraine-grain-belt", DROP, "en"),
    ("Congo's cobalt exports collapse under export ban", "cobalt-drc", DROP, "en"),
    ("Brazil's soy exports to China tumble 40%", "soy-brazil", DROP, "en"),
    # --- an input runs short at a plant
    pytest.param("Chip shortage forces VW to halt Wolfsburg line", "volkswagen-wolfsburg", PLANT, "en",
                 marks=pytest.mark.xfail(strict=True, reason="'Wolfsburg line' names the plant by its city only (VfL Wolfsburg); no alias")),
    ("Rare earth shortage threatens output at Volkswagen's Wolfsburg plant", "volkswagen-wolfsburg", PLANT, "en"),
    ("Seat halts Martorell plant as parts run short", "seat-martorell", PLANT, "en"),
    ("Magnet shortage idles Audi's Ingolstadt plant", "audi-ingolstadt", PLANT, "en"),
    ("Volvo Cars halts Torslanda plant over chip shortage", "volvo-cars-torslanda", PLANT, "en"),
    ("Shortage of semiconductors cuts output at Stellantis plant in Melfi", "stellantis-melfi", PLANT, "en"),
    ("Lack of engines stops production at Zwickau plant", "volkswagen-zwickau", PLANT, "en"),
    ("BMW Dingolfing plant idled by parts shortage", "bmw-dingolfing", PLANT, "en"),
    ("Neon shortage looms as Ukraine's Ingas halts output", "ingas-mariupol", PLANT | {"conflict"}, "en"),
    ("Gas shortage forces Yara to cut ammonia output at Sluiskil plant", "yara-sluiskil", PLANT, "en"),
    ("Cocoa shortage forces Barry Callebaut to slow Wieze factory", "barry-callebaut-wieze", PLANT, "en"),
    ("Taiwan rations water to TSMC fabs as drought deepens", "tsmc-taiwan", NAT | SHORT, "en"),
    ("Gallium scarce in Europe after China halts exports", "gallium-china", DROP, "en"),
    # --- datelined leads, lead only
    pytest.param("ACCRA, March 5 (Reuters) - Ghana's cocoa output is expected to fall to about 580,000 tonnes this season, "
     "its lowest in more than a decade, as disease and smuggling hit production, COCOBOD said.", "cocoa-ghana", CROP, "en",
                 marks=pytest.mark.xfail(strict=True, reason="the size is 'its lowest in more than a decade', twelve words after the subject")),
    ("SANTIAGO, Jan 31 (Reuters) - Chile's lithium production fell 15% in the fourth quarter after heavy rains "
     "flooded evaporation ponds at the Salar de Atacama, SQM said on Wednesday.", "lithium-chile", CROP | NAT_OUT, "en"),
    ("BEIJING, June 20 (Reuters) - China's exports of rare earth magnets plunged 74% in May from a year earlier, "
     "customs data showed on Friday, as export curbs choked supply to carmakers.", "ningbo-magnets", DROP, "en"),
    ("Golf output halted||WOLFSBURG, Germany, Oct 30 (Reuters) - Volkswagen will halt production at its Wolfsburg "
     "plant next week because of a shortage of chips, a works council source said.", "volkswagen-wolfsburg", PLANT, "en"),
    ("Carmakers feel the pinch||Volvo Cars halted production at its Torslanda plant on Monday because of a "
     "shortage of semiconductors, the company said.", "volvo-cars-torslanda", PLANT, "en"),
    ("Spain's olive oil belt parched||JAEN, Spain, Nov 2 (Reuters) - Olive growers in Jaén expect their harvest "
     "to fall by half after the driest spring on record, the farmers' union COAG said.", "jaen-olive-oil", CROP, "en"),
    ("Ivory Coast cocoa arrivals lag as dry spell hits farms", "cocoa-cote-divoire", CROP, "en"),

    # ================================================================= Japanese
    # --- weather on crops, mines, plants
    ("ガーナ、干ばつでカカオ収穫が半減", "cocoa-ghana", CROP, "ja"),
    pytest.param("コートジボワールのカカオ、乾燥した季節風で被害", "cocoa-cote-divoire", CROP, "ja",
                 marks=pytest.mark.xfail(strict=True, reason="a dry wind by description ('乾燥した季節風'), no disaster word")),
    ("スペイン南部ハエン県のオリーブ、猛暑で収穫量が激減", "jaen-olive-oil", CROP, "ja"),
    ("ハエンのオリーブ、記録的な干ばつで収穫ほぼ半減", "jaen-olive-oil", CROP, "ja"),
    ("ウクライナ産小麦、干ばつで減産", "ukraine-grain-belt", CROP, "ja"),
    ("ブラジル産大豆、干ばつで収穫減", "soy-brazil", CROP, "ja"),
    ("コンゴのコバルト鉱山、豪雨で操業停止", "cobalt-drc", NAT_OUT, "ja"),
    ("豪州産リチウム、サイクロンで出荷停止", "lithium-australia", NAT_OUT, "ja"),
    ("キルナ鉱山で地震、LKABが操業停止", "lkab-kiruna", NAT_OUT, "ja"),
    ("エトナ火山が噴火、STマイクロのカターニア工場に降灰", "stmicro-catania", NAT_OUT, "ja"),
    ("インドの綿花、モンスーンの雨不足で生産量が大幅減少", "indian-cotton", CROP, "ja"),
    ("エジプト産綿花、熱波で収穫に打撃", "egyptian-cotton", CROP, "ja"),
    ("豪州産羊毛、干ばつで生産量が過去最低", "australian-wool", CROP, "ja"),
    ("アタカマ塩湖で豪雨、リチウム生産に影響", "lithium-chile", NAT_OUT, "ja"),
    ("渇水で台湾当局がTSMCへの給水を制限", "tsmc-taiwan", NAT | SHORT, "ja"),
    ("台湾の水不足深刻化、TSMCが給水車で水を確保", "tsmc-taiwan", NAT | SHORT, "ja"),
    # --- harvest failures, output slumps
    ("コートジボワール、カカオ豆の生産が激減", "cocoa-cote-divoire", CROP, "ja"),
    ("ガーナのカカオ生産、20年ぶりの低水準に落ち込む", "cocoa-ghana", CROP, "ja"),
    ("チリ産リチウムの生産量が大幅に減少", "lithium-chile", CROP | DROP, "ja"),
    ("コンゴのコバルト、生産が急減", "cobalt-drc", CROP | DROP, "ja"),
    ("ウクライナの穀物、収穫量が3割減", "ukraine-grain-belt", CROP, "ja"),
    ("ガーナのカカオが凶作、輸出も大幅減", "cocoa-ghana", CROP, "ja"),
    ("ハエン県のオリーブ、2年連続の不作", "jaen-olive-oil", CROP, "ja"),
    # --- export and production plunges with figures
    ("中国のレアアース磁石輸出、74%減", "ningbo-magnets", DROP, "ja"),
    ("中国産ガリウムの輸出がゼロに", "gallium-china", DROP, "ja"),
    ("ゲルマニウム輸出、前月比で9割減", "germanium-china", DROP, "ja"),
    ("中国のレアアース輸出量が半減", "baotou-rare-earths", DROP, "ja"),
    ("ウクライナ産穀物の輸出が激減", "ukraine-grain-belt", DROP, "ja"),
    ("ブラジル産大豆の対中輸出が4割減少", "soy-brazil", DROP, "ja"),
    # --- an input runs short at a plant
    ("半導体不足でVWがウォルフスブルク工場の生産停止", "volkswagen-wolfsburg", PLANT, "ja"),
    ("部品不足でセアトのマルトレル工場が操業停止", "seat-martorell", PLANT, "ja"),
    ("ボルボ、半導体不足でトースランダ工場を一時停止", "volvo-cars-torslanda", PLANT, "ja"),
    ("磁石不足でアウディのインゴルシュタット工場が減産", "audi-ingolstadt", PLANT, "ja"),
    ("ネオン不足が深刻化、ウクライナのインガスが生産停止", "ingas-mariupol", PLANT | {"conflict"}, "ja"),
    ("ガス不足でヤラのオランダ工場がアンモニアを減産", "yara-sluiskil", PLANT, "ja"),
    ("カカオ豆不足でバリーカレボーが生産を縮小", "barry-callebaut-wieze", PLANT, "ja"),
    ("レアアース不足、ツヴィッカウ工場の生産に支障", "volkswagen-zwickau", PLANT, "ja"),
    ("メルフィ工場、半導体の供給不足で稼働停止", "stellantis-melfi", PLANT, "ja"),
    # --- datelined leads, lead only
    ("【アビジャン共同】西アフリカのコートジボワールで記録的な少雨が続き、主要産品のカカオの収穫量が前年の半分以下に"
     "落ち込んだ。", "cocoa-cote-divoire", CROP, "ja"),
    ("[サンティアゴ 31日 ロイター] - チリのリチウム大手SQMは31日、アタカマ塩湖で豪雨による被害が出て、"
     "リチウムの生産を一時停止したと発表した。", "lithium-chile", CROP | NAT_OUT, "ja"),
    ("【北京時事】中国税関総署が発表した7月の貿易統計によると、ガリウムの輸出量はゼロだった。", "gallium-china", DROP, "ja"),
    ("【北京共同】中国税関総署が20日公表した貿易データによると、5月のレアアース磁石の輸出量は前年同月比74%減少した。",
     "ningbo-magnets", DROP, "ja"),
    ("【北京時事】中国税関総署によると、6月のゲルマニウムの輸出量は3トンで、前月比85%減少した。", "germanium-china", DROP, "ja"),
    ("欧州自動車各社に打撃||[フランクフルト 30日 ロイター] - 独フォルクスワーゲン（VW）は30日、半導体不足のため、"
     "ウォルフスブルク工場の生産を来週停止すると明らかにした。", "volkswagen-wolfsburg", PLANT, "ja"),
    ("ボルボ・カー、スウェーデンの工場停止||ボルボ・カーズは、半導体の不足によりトースランダ工場の生産を停止した。",
     "volvo-cars-torslanda", PLANT, "ja"),

    # ================================================================== Spanish
    # --- weather on crops, mines, plants
    ("La falta de lluvia hunde la cosecha del olivar de Jaén", "jaen-olive-oil", CROP, "es"),
    ("Las heladas dañan el olivar jiennense", "jaen-olive-oil", CROP, "es"),
    ("La ola de calor merma la producción de aceite de oliva de Jaén", "jaen-olive-oil", CROP, "es"),
    ("Una granizada arrasa olivares de Jaén", "jaen-olive-oil", CROP, "es"),
    ("La sequía reduce a la mitad la cosecha de aceite de Jaén", "jaen-olive-oil", CROP, "es"),
    ("Los olivareros de Jaén pierden la mitad de la cosecha por la sequía", "jaen-olive-oil", CROP, "es"),
    ("Las lluvias torrenciales inundan las minas de cobalto de Kolwezi", "cobalt-drc", NAT_OUT, "es"),
    ("SQM suspende operaciones en el Salar de Atacama por lluvias intensas", "lithium-chile", NAT_OUT, "es"),
    ("Un terremoto sacude el norte de Chile y paraliza faenas en el Salar de Atacama", "lithium-chile", NAT_OUT, "es"),
    ("La sequía recorta la cosecha de soja brasileña", "soy-brazil", CROP, "es"),
    ("La sequía golpea al trigo ucraniano", "ukraine-grain-belt", CROP, "es"),
    ("El algodón indio sufre la peor cosecha en 15 años por el monzón", "indian-cotton", CROP, "es"),
    ("Un tifón obliga a TSMC a detener varias fábricas", "tsmc-taiwan", NAT_OUT, "es"),
    # --- harvest failures, output slumps
    ("La cosecha de cacao de Costa de Marfil cae un 30% por la sequía", "cocoa-cote-divoire", CROP, "es"),
    ("Se desploma la producción de cacao en Ghana", "cocoa-ghana", CROP, "es"),
    ("El cacao marfileño sufre la peor cosecha en una década", "cocoa-cote-divoire", CROP, "es"),
    ("La producción de aceite de Jaén se desploma un 50%", "jaen-olive-oil", CROP, "es"),
    ("La producción de litio chileno cae un 20% tras las lluvias en el Salar de Atacama", "lithium-chile",
     CROP | DROP | NAT_OUT, "es"),
    ("Se hunde la producción de cobalto congoleño", "cobalt-drc", CROP | DROP, "es"),
    ("Desplome de la cosecha de cacao ghanés", "cocoa-ghana", CROP, "es"),
    # --- export and production plunges with figures
    ("Las exportaciones chinas de imanes de tierras raras se desploman un 74%", "ningbo-magnets", DROP, "es"),
    ("Las exportaciones de galio de China caen a cero", "gallium-china", DROP, "es"),
    ("Se hunden las exportaciones de trigo ucraniano", "ukraine-grain-belt", DROP, "es"),
    ("Las exportaciones de soja brasileña a China caen un 40%", "soy-brazil", DROP, "es"),
    ("China recorta a la mitad sus exportaciones de tierras raras", "baotou-rare-earths", DROP, "es"),
    ("Caen en picado las exportaciones de germanio chino", "germanium-china", DROP, "es"),
    # --- an input runs short at a plant
    ("La escasez de chips obliga a Seat a parar la fábrica de Martorell", "seat-martorell", PLANT, "es"),
    ("Ford para la planta de Almussafes por falta de motores", "ford-almussafes", PLANT, "es"),
    ("La falta de semiconductores detiene la producción en la planta de Wolfsburgo", "volkswagen-wolfsburg", PLANT, "es"),
    ("Stellantis detiene la planta de Melfi por la falta de piezas", "stellantis-melfi", PLANT, "es"),
    ("La escasez de imanes chinos amenaza con parar la fábrica de Martorell", "seat-martorell", PLANT, "es"),
    ("Racionamiento de agua en Taiwán: TSMC recorta el consumo en sus fábricas", "tsmc-taiwan", NAT | SHORT, "es"),
    ("La planta de Sluiskil de Yara reduce su producción por la escasez de gas", "yara-sluiskil", PLANT, "es"),
    ("Escasez de cobalto congoleño tras el veto a las exportaciones", "cobalt-drc", DROP, "es"),
    ("La falta de gas obliga a Yara a parar la planta de Sluiskil", "yara-sluiskil", PLANT, "es"),
    ("Paradas en la planta de Ford en Almussafes por el desabastecimiento de piezas", "ford-almussafes", PLANT, "es"),
    # --- datelined leads, lead only
    ("Abiyán, 3 mar (EFE).- La producción de cacao de Costa de Marfil, primer productor mundial, ha caído un 25 % "
     "en la actual campaña debido a la sequía y a las enfermedades que afectan a las plantaciones.",
     "cocoa-cote-divoire", CROP, "es"),
    ("JAÉN, 24 Oct. (EUROPA PRESS) - La falta de lluvia en los meses clave ha reducido a la mitad la previsión de "
     "cosecha de aceite de oliva de Jaén, según COAG.", "jaen-olive-oil", CROP, "es"),
    ("Santiago de Chile, 5 feb (EFE).- La empresa SQM suspendió temporalmente la extracción de salmuera en el Salar "
     "de Atacama tras las intensas lluvias que inundaron parte de sus instalaciones.", "lithium-chile", NAT_OUT, "es"),
    ("Pekín, 20 jun (EFE).- Las exportaciones chinas de imanes de tierras raras cayeron un 74 % interanual en mayo, "
     "según datos de Aduanas.", "ningbo-magnets", DROP, "es"),
    ("BARCELONA, 13 Dic. (EUROPA PRESS) - Seat ha anunciado la parada de la producción en la fábrica de Martorell "
     "durante tres días por la falta de semiconductores.", "seat-martorell", PLANT, "es"),
    ("El campo andaluz, en vilo||Los aceituneros de Jaén dan por perdida media cosecha tras un verano de calor extremo "
     "y sin lluvias.", "jaen-olive-oil", CROP, "es"),

    # =============================================================== Portuguese
    # --- weather on crops, mines, plants
    ("Seca reduz safra de soja brasileira", "soy-brazil", CROP, "pt"),
    ("Estiagem derruba produção de soja brasileira", "soy-brazil", CROP, "pt"),
    ("Seca corta pela metade a colheita de azeite de Jaén", "jaen-olive-oil", CROP, "pt"),
    ("Olivais de Jaén sofrem com onda de calor", "jaen-olive-oil", CROP, "pt"),
    ("Chuvas fortes paralisam embarques no porto de Tubarão", "vale-tubarao", NAT_OUT | {"blockage"}, "pt"),
    ("Terremoto paralisa mina de Kiruna", "lkab-kiruna", NAT_OUT, "pt"),
    # a drought of a material named by its bare word and origin (natural_disaster is origin-scoped)
    ("Falta de chuva compromete safra de cacau na Costa do Marfim", "cocoa-cote-divoire", CROP, "pt"),
    ("Geada atinge lavouras de trigo ucraniano", "ukraine-grain-belt", CROP, "pt"),
    ("Inundações paralisam minas de cobalto do Congo", "cobalt-drc", NAT_OUT | SHORT, "pt"),
    ("Tufão obriga TSMC a parar fábricas em Taiwan", "tsmc-taiwan", NAT_OUT, "pt"),
    ("Lã australiana: seca reduz produção ao menor nível em um século", "australian-wool", CROP, "pt"),
    ("Algodão indiano tem quebra de safra por falta de chuvas", "indian-cotton", CROP, "pt"),
    # --- harvest failures, output slumps
    ("Produção de cacau despenca na Costa do Marfim", "cocoa-cote-divoire", CROP, "pt"),
    ("Colheita de cacau ganês é a pior em duas décadas", "cocoa-ghana", CROP, "pt"),
    ("Quebra de safra de soja no Brasil", "soy-brazil", CROP, "pt"),
    pytest.param("Produção de lítio chileno cai após chuvas no Salar de Atacama", "lithium-chile", CROP | DROP | NAT_OUT, "pt",
                 marks=pytest.mark.xfail(strict=True, reason="a plain fall with no size, and 'chuvas' alone is no disaster word")),
    ("Safra de cacau de Gana desaba", "cocoa-ghana", CROP, "pt"),
    ("Produção de cobalto do Congo tomba 30%", "cobalt-drc", CROP | DROP, "pt"),
    # --- export and production plunges with figures
    ("Exportações chinesas de ímãs de terras raras despencam 74%", "ningbo-magnets", DROP, "pt"),
    ("Exportações de gálio da China caem a zero", "gallium-china", DROP, "pt"),
    ("Exportações de milho ucraniano despencam", "ukraine-grain-belt", DROP, "pt"),
    ("Exportações de cacau de Gana caem 40%", "cocoa-ghana", DROP | CROP, "pt"),
    ("Exportações de soja do Brasil para a China recuam 30%", "soy-brazil", DROP, "pt"),
    ("China corta pela metade exportações de terras raras", "baotou-rare-earths", DROP, "pt"),
    # --- an input runs short at a plant
    ("Falta de chips faz Volkswagen parar fábrica de Wolfsburg", "volkswagen-wolfsburg", PLANT, "pt"),
    ("Escassez de peças paralisa fábrica da Ford em Valência", "ford-almussafes", PLANT, "pt"),
    ("Falta de semicondutores para produção na fábrica de Martorell", "seat-martorell", PLANT, "pt"),
    ("Racionamento de água em Taiwan atinge fábricas da TSMC", "tsmc-taiwan", NAT | SHORT, "pt"),
    ("Racionamento de gás ameaça fábrica da Yara na Holanda", "yara-sluiskil", PLANT, "pt"),
    ("Escassez de ímãs chineses paralisa fábrica de Sochaux", "stellantis-sochaux", PLANT, "pt"),
    ("Fábrica da Volkswagen em Zwickau para por falta de peças", "volkswagen-zwickau", PLANT, "pt"),
    ("Escassez de gálio chinês ameaça fabricantes de chips", "gallium-china", DROP, "pt"),
    ("Ciclone extratropical paralisa embarques no porto de Paranaguá", "soy-brazil", NAT_OUT | {"blockage"}, "pt"),
    ("Onda de calor derruba produção de azeite de Jaén", "jaen-olive-oil", CROP, "pt"),
    ("Cheias inundam minas de cobalto congolês", "cobalt-drc", NAT_OUT, "pt"),
    ("Exportações de cobalto congolês desabam após proibição", "cobalt-drc", DROP, "pt"),
    ("Colheita de azeite de Jaén cai pela metade", "jaen-olive-oil", CROP, "pt"),
    ("Falta de gás obriga a Yara a parar a fábrica de Sluiskil", "yara-sluiskil", PLANT, "pt"),
    # --- datelined leads, lead only
    ("ACRA, 5 mar (Lusa) - A produção de cacau no Gana caiu para o nível mais baixo em 20 anos devido à seca e a "
     "doenças nas plantações, anunciou hoje o Cocobod.", "cocoa-ghana", CROP, "pt"),
    ("Conab revê safra||A estiagem prolongada reduziu a safra de soja brasileira em 15%, segundo a Conab.",
     "soy-brazil", CROP, "pt"),
    ("SÃO PAULO (Reuters) - As exportações de soja do Brasil caíram 30% em março em relação ao mesmo mês do ano "
     "anterior, após a seca atingir as lavouras.", "soy-brazil", DROP | CROP, "pt"),
    ("PEQUIM, 20 jun (Lusa) - As exportações chinesas de ímãs de terras raras caíram 74% em maio, em termos "
     "homólogos, segundo dados das alfândegas.", "ningbo-magnets", DROP, "pt"),
    ("Montadoras sofrem||A falta de semicondutores levou a Volkswagen a parar a produção na fábrica de Wolfsburg "
     "nesta segunda-feira.", "volkswagen-wolfsburg", PLANT, "pt"),
    ("Seca no Salar de Atacama||SANTIAGO, 5 fev (Lusa) - Chuvas intensas inundaram piscinas de evaporação no Salar "
     "de Atacama e obrigaram a SQM a suspender a produção de lítio, informou hoje a empresa.", "lithium-chile",
     NAT_OUT | CROP, "pt"),
]

# (case, node, language): must not alert on the node
NEGATIVE: list[tuple[str, str, str]] = [
    # ================================================================== English
    # good harvests, forecasts
    ("Ivory Coast expects bumper cocoa harvest", "cocoa-cote-divoire", "en"),
    ("Ghana cocoa crop outlook improves after rains", "cocoa-ghana", "en"),
    ("Jaén olive growers expect record harvest", "jaen-olive-oil", "en"),
    ("Forecasters see rain for Jaén olive groves this week", "jaen-olive-oil", "en"),
    # price moves alone
    ("Cocoa futures rise as traders eye Ivory Coast weather", "cocoa-cote-divoire", "en"),
    ("Lithium prices slump, SQM shares fall", "lithium-chile", "en"),
    ("Lynas shares plunge 10% after capital raising", "lynas-malaysia", "en"),
    ("Brazilian soy premiums fall at Paranaguá", "soy-brazil", "en"),
    # growth statistics
    ("China's rare earth magnet exports rose 5% in May", "ningbo-magnets", "en"),
    ("Ukrainian grain exports rise 5% in October", "ukraine-grain-belt", "en"),
    ("Chilean lithium output rose 12% last year", "lithium-chile", "en"),
    ("Ghana cocoa arrivals up 10% on year", "cocoa-ghana", "en"),
    ("LKAB posts record output at Kiruna mine", "lkab-kiruna", "en"),
    # anniversaries, drills, preparedness
    ("Five years after the drought that halved Jaén's olive harvest", "jaen-olive-oil", "en"),
    ("TSMC holds earthquake drill at its fabs", "tsmc-taiwan", "en"),
    ("Drought-resistant olive trees planted in Jaén", "jaen-olive-oil", "en"),
    # shortage in other senses, no shortage, recovery
    ("VfL Wolfsburg's shortage of goals puts coach under pressure", "volkswagen-wolfsburg", "en"),
    ("COCOBOD says there is no shortage of beans for local grinders", "cocoa-ghana", "en"),
    ("Volkswagen says chip shortage will not affect Wolfsburg plant", "volkswagen-wolfsburg", "en"),
    ("Production resumes at Volvo Cars Torslanda plant as chip shortage eases", "volvo-cars-torslanda", "en"),
    # earnings, talks
    ("SQM profit falls as lithium prices slump", "lithium-chile", "en"),
    ("COCOBOD loan talks collapse", "cocoa-ghana", "en"),
    ("Barry Callebaut sales volumes drop 5% as cocoa prices soar", "barry-callebaut-wieze", "en"),
    ("Greenbushes mine owner Talison posts record output", "lithium-australia", "en"),
    # a small fall is a statistic; a price or a share collapse is no output slump
    ("Ghana cocoa exports fell 3% in March", "cocoa-ghana", "en"),
    ("Brazil's soy exports dipped 2% in May", "soy-brazil", "en"),
    ("Vale iron ore output falls 2% in quarter", "vale-tubarao", "en"),
    ("Chilean lithium exports seen falling 5% next year, SQM says", "lithium-chile", "en"),
    ("Marine Harvest shares slump after profit warning", "mowi-bergen", "en"),
    ("Cocoa prices collapse as Ivory Coast harvest recovers", "cocoa-cote-divoire", "en"),
    ("Harvest festival draws crowds to olive groves in Jaén", "jaen-olive-oil", "en"),
    ("Bumper Ivory Coast cocoa harvest fails to lift farmers' incomes", "cocoa-cote-divoire", "en"),
    ("Frost & Sullivan analyst says Volkswagen Wolfsburg plant is well supplied", "volkswagen-wolfsburg", "en"),

    # ================================================================= Japanese
    ("コートジボワールのカカオ、今季は豊作の見通し", "cocoa-cote-divoire", "ja"),
    ("カカオ先物が上昇、ガーナのカカオの天候を注視", "cocoa-ghana", "ja"),
    ("ガーナのカカオ、輸出量が5%増", "cocoa-ghana", "ja"),
    ("中国のレアアース磁石輸出、前年比5%増", "ningbo-magnets", "ja"),
    ("チリのリチウム生産が過去最高", "lithium-chile", "ja"),
    ("TSMC、台風接近も通常通り稼働", "tsmc-taiwan", "ja"),
    ("TSMCの工場で地震を想定した訓練", "tsmc-taiwan", "ja"),
    ("ウォルフスブルク工場、半導体の不足はない", "volkswagen-wolfsburg", "ja"),
    ("ヤラ、天然ガス価格の下落で増益", "yara-sluiskil", "ja"),
    ("キルナ鉱山、鉄鉱石の生産量が過去最高", "lkab-kiruna", "ja"),
    ("ガリウムの輸出量、前月から増加", "gallium-china", "ja"),
    ("トースランダ工場で新型EVの生産開始", "volvo-cars-torslanda", "ja"),
    ("ハエン県のオリーブ農家、天気予報に注目", "jaen-olive-oil", "ja"),
    ("ブラジル産大豆、今年は豊作で輸出拡大へ", "soy-brazil", "ja"),
    ("リチウム価格が下落、アタカマ塩湖の開発に逆風", "lithium-chile", "ja"),
    ("ウクライナ産小麦の輸出が回復", "ukraine-grain-belt", "ja"),
    ("半導体不足が解消、ボルボのトースランダ工場がフル稼働", "volvo-cars-torslanda", "ja"),
    ("TSMC、渇水対策で再生水工場を建設", "tsmc-taiwan", "ja"),
    ("ゲルマニウム価格、過去最高値を更新", "germanium-china", "ja"),
    ("ガーナのカカオ農家、不作を免れる", "cocoa-ghana", "ja"),
    ("ガーナのカカオ、輸出量が5%減", "cocoa-ghana", "ja"),
    ("TSMCの純利益が30%減", "tsmc-taiwan", "ja"),
    ("TSMCの株価、1年ぶりの低水準に落ち込む", "tsmc-taiwan", "ja"),
    ("中国のレアアース輸出、前年比で3割増", "baotou-rare-earths", "ja"),
    ("チリのリチウム、輸出額が3%減", "lithium-chile", "ja"),
    ("TSMC、生産コストを20%減らす", "tsmc-taiwan", "ja"),
    ("ボルボ、トースランダ工場の生産能力を3割減らす計画", "volvo-cars-torslanda", "ja"),
    ("TSMC、新技術で生産コストを半分以下に", "tsmc-taiwan", "ja"),

    # ================================================================== Spanish
    ("Jaén espera una cosecha récord de aceite de oliva", "jaen-olive-oil", "es"),
    ("El precio del aceite de oliva de Jaén sube en origen", "jaen-olive-oil", "es"),
    ("Las exportaciones de aceite de Jaén crecen un 5%", "jaen-olive-oil", "es"),
    ("La Aemet prevé lluvias en el olivar de Jaén esta semana", "jaen-olive-oil", "es"),
    ("Se cumplen diez años de la sequía que arruinó la cosecha del olivar de Jaén", "jaen-olive-oil", "es"),
    ("SQM gana un 30% menos por la caída del precio del litio", "lithium-chile", "es"),
    ("Las exportaciones chinas de tierras raras suben un 5%", "baotou-rare-earths", "es"),
    ("Seat descarta que la escasez de chips afecte a la fábrica de Martorell", "seat-martorell", "es"),
    ("La planta de Martorell recupera la normalidad tras la escasez de chips", "seat-martorell", "es"),
    ("Simulacro de inundación en la planta de Ford en Almussafes", "ford-almussafes", "es"),
    ("El precio del cacao marfileño se dispara en Londres", "cocoa-cote-divoire", "es"),
    ("La cosecha de cacao ghanés será la mayor en cinco años", "cocoa-ghana", "es"),
    ("Las acciones de SQM se desploman en la Bolsa de Santiago", "lithium-chile", "es"),
    ("No hay escasez de soja brasileña, asegura el Gobierno", "soy-brazil", "es"),
    ("La producción de litio chileno crece un 12%", "lithium-chile", "es"),
    ("Los olivareros de Jaén reclaman ayudas para modernizar el riego", "jaen-olive-oil", "es"),
    ("La Bolsa de Madrid se desploma un 3%; Ford Almussafes presenta su nuevo modelo", "ford-almussafes", "es"),
    ("Las exportaciones de aceite de Jaén caen un 3%", "jaen-olive-oil", "es"),
    ("La producción de litio chileno cae un 2% en el trimestre", "lithium-chile", "es"),
    ("Los precios del cacao se desploman un 30% por la mejora de la cosecha de Costa de Marfil",
     "cocoa-cote-divoire", "es"),
    ("El precio del aceite de oliva de Jaén se desploma un 40% en origen", "jaen-olive-oil", "es"),
    ("Las ventas de Seat en la fábrica de Martorell se desploman en bolsa", "seat-martorell", "es"),

    # =============================================================== Portuguese
    ("Brasil deve colher safra recorde de soja brasileira", "soy-brazil", "pt"),
    ("Exportações de soja do Brasil crescem 5% em março", "soy-brazil", "pt"),
    ("Preço do cacau marfinense dispara em Nova York", "cocoa-cote-divoire", "pt"),
    ("Previsão do tempo: chuva volta ao Salar de Atacama", "lithium-chile", "pt"),
    ("Há dez anos, seca devastava olivais de Jaén", "jaen-olive-oil", "pt"),
    ("Volkswagen descarta falta de chips na fábrica de Wolfsburg", "volkswagen-wolfsburg", "pt"),
    ("Produção de lítio chileno sobe 10%", "lithium-chile", "pt"),
    ("Ações da SQM despencam na bolsa de Santiago", "lithium-chile", "pt"),
    ("Exportações chinesas de terras raras crescem 5%", "baotou-rare-earths", "pt"),
    ("Fábrica da Volkswagen em Wolfsburg retoma produção após falta de chips", "volkswagen-wolfsburg", "pt"),
    ("Colheita de cacau de Gana deve ser a maior em cinco anos", "cocoa-ghana", "pt"),
    ("Safra de soja brasileira bate recorde", "soy-brazil", "pt"),
    ("Cocobod anuncia aumento do preço pago aos produtores de cacau de Gana", "cocoa-ghana", "pt"),
    ("Simulado de terremoto na mina de Kiruna", "lkab-kiruna", "pt"),
    ("Lucro da Yara cai com preços baixos de fertilizantes; fábrica da Yara na Holanda opera normalmente",
     "yara-sluiskil", "pt"),
    ("Preços do cacau despencam 30% com safra maior na Costa do Marfim", "cocoa-cote-divoire", "pt"),
    ("Exportações de soja do Brasil caem 3% em março", "soy-brazil", "pt"),
    ("Produção de lítio chileno cai 2% no trimestre", "lithium-chile", "pt"),
    ("Preço do azeite de Jaén despenca 40% na origem", "jaen-olive-oil", "pt"),
    ("Exportações de soja brasileira batem recorde apesar de geada no Paraná", "soy-brazil", "pt"),
]


def _id(case: object) -> str:
    values = getattr(case, "values", case)
    assert isinstance(values, tuple)
    return f"{values[-1]}:{values[0][:50]}"


@pytest.mark.parametrize("case,target,types,lang", POSITIVE, ids=[_id(c) for c in POSITIVE])
def test_positive(tagger: Tagger, case: str, target: str, types: set[str], lang: str) -> None:
    got = _alerting(tagger, case, lang)
    assert got.get(target, set()) & types, f"{case!r}: {target} {sorted(types)} wanted, got {got}"


@pytest.mark.parametrize("case,target,lang", NEGATIVE, ids=[_id(c) for c in NEGATIVE])
def test_negative(tagger: Tagger, case: str, target: str, lang: str) -> None:
    got = _alerting(tagger, case, lang)
    assert target not in got, f"{case!r}: {target} must not alert, got {got[target]}"
