"""Probe matrix: sea chokepoints, shipping lanes and energy export terminals, in en, ja, es, pt.

The constructions a wire desk uses when a lane or an export terminal is disrupted: closure and
transit suspension, carriers pausing transits or sailing round the Cape, ships attacked, seized,
mined, stranded or ordered to shelter, tankers waiting at anchor, transits falling to a handful a
day, war-risk cover withdrawn, queues and waiting times, low water limiting loads on the Rhine,
force majeure on LNG exports. Wire copy often names the lane by another name ("the Persian
Gulf", "the Gulf of Aden", "the grain corridor", "QatarEnergy" for Ras Laffan). The sentences
are written for the matrix (the register of Reuters, Bloomberg, Kyodo, Jiji, NHK, EFE, Europa
Press, Lusa, Agência Brasil), not taken from the labelled sets.

Near misses that must stay silent: recoveries, canal revenue and toll statistics, freight-rate
and oil-price talk, naval drills, threats and conditionals, cruise itineraries, sailing races,
anniversaries, and business news of the same firms (QatarEnergy supply deals).

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


BLOCK = {"blockage"}
WAR = {"conflict"}
LANE = {"blockage", "conflict"}
QUEUE = {"congestion", "blockage"}
DOWN = {"outage", "blockage"}
LNG = {"outage", "conflict", "blockage"}
LOW = {"natural_disaster", "blockage"}

# (case, node, acceptable types, language)
POSITIVE: list[tuple[str, str, set[str], str]] = [
    # ================================================================ en
    # Hormuz: closure, transits collapsing, ships stranded / sheltering, seizures, mines, insurance
    ("Tanker traffic through Hormuz slows to a trickle as war widens", "strait-of-hormuz", BLOCK, "en"),
    ("Strait of Hormuz transits fall to three a day, ship-tracking data shows", "strait-of-hormuz", BLOCK, "en"),
    ("Only a handful of tankers cross Strait of Hormuz on Tuesday", "strait-of-hormuz", BLOCK, "en"),
    ("Hundreds of tankers stranded in the Gulf as Strait of Hormuz stays shut", "strait-of-hormuz", BLOCK, "en"),
    ("Iran's Revolutionary Guards seize oil tanker in Strait of Hormuz", "strait-of-hormuz", LANE, "en"),
    ("Tanker hit by mine near Strait of Hormuz", "strait-of-hormuz", LANE | {"accident"}, "en"),
    ("Tanker struck by projectile in Strait of Hormuz, crew safe", "strait-of-hormuz", LANE, "en"),
    ("Insurers withdraw war-risk cover for ships in Strait of Hormuz", "strait-of-hormuz", LANE, "en"),
    ("War-risk insurers cancel cover for vessels transiting Hormuz", "strait-of-hormuz", LANE, "en"),
    ("Tankers wait at anchor outside Strait of Hormuz", "strait-of-hormuz", QUEUE, "en"),
    ("Shipowners order vessels to stay away from Strait of Hormuz", "strait-of-hormuz", BLOCK, "en"),
    ("Frontline halts new bookings through Strait of Hormuz", "strait-of-hormuz", BLOCK, "en"),
    ("DUBAI, March 4 (Reuters) - Tanker traffic through the Strait of Hormuz remained at a near standstill "
     "on Wednesday, with only a handful of vessels crossing, ship-tracking data showed.", "strait-of-hormuz",
     BLOCK, "en"),
    ("Gulf shipping paralysed||LONDON, March 2 (Reuters) - Shipping companies ordered their vessels in the "
     "Strait of Hormuz to seek shelter on Monday after several tankers were attacked.", "strait-of-hormuz",
     LANE, "en"),
    # the gulf the lane leads to, named instead of the strait
    ("Shipping lines order vessels in the Persian Gulf to seek shelter", "strait-of-hormuz", LANE, "en"),
    ("Hundreds of ships stranded in Persian Gulf as war rages", "strait-of-hormuz", LANE, "en"),
    ("Houthi missile hits cargo ship in Gulf of Aden", "red-sea", WAR, "en"),
    ("Pirates hijack bulk carrier in Gulf of Aden", "red-sea", WAR, "en"),
    ("SINGAPORE, March 3 (Bloomberg) - Marine insurers have cancelled war-risk cover for ships sailing "
     "through the Strait of Hormuz, leaving dozens of tankers idle.", "strait-of-hormuz", LANE, "en"),
    # Red Sea, Bab el-Mandeb, Gulf of Aden, Suez
    ("Houthi missile hits bulk carrier in Red Sea, crew abandon ship", "red-sea", WAR, "en"),
    ("Container ship ablaze after drone attack in Red Sea", "red-sea", WAR, "en"),
    ("Greek-owned tanker attacked off Yemen in the Red Sea", "red-sea", WAR, "en"),
    ("Houthis seize car carrier in Red Sea", "red-sea", WAR, "en"),
    ("Cargo ship sinks in Red Sea after Houthi attack", "red-sea", WAR, "en"),
    ("Ship hit by explosion in Bab el-Mandeb Strait, UKMTO says", "bab-el-mandeb", WAR | {"accident", "fire"}, "en"),
    ("Ship attacked in Bab el-Mandeb Strait", "bab-el-mandeb", WAR, "en"),
    ("Hapag-Lloyd to keep ships out of Red Sea until further notice", "red-sea", BLOCK, "en"),
    ("CMA CGM diverts vessels around the Cape of Good Hope to avoid Red Sea", "red-sea", BLOCK, "en"),
    ("Suez Canal transits halve as carriers sail around Africa", "suez-canal", BLOCK, "en"),
    ("Carriers avoid Suez Canal as Houthi attacks continue", "suez-canal", BLOCK, "en"),
    ("Suez Canal traffic down 60% since Houthi attacks began", "suez-canal", LANE, "en"),
    ("CAIRO, Jan 11 (Reuters) - Suez Canal revenue fell by 40% in the first weeks of the year as Houthi attacks "
     "on ships in the Red Sea forced shipping lines to divert vessels.", "red-sea", LANE, "en"),
    ("Red Sea attacks||DUBAI, Feb 19 (Reuters) - Yemen's Houthis attacked a Belize-flagged cargo ship in the "
     "Red Sea on Monday, forcing the crew to abandon the vessel, the British military said.", "red-sea",
     WAR, "en"),
    # Black Sea corridor, Bosporus
    ("Russian drone hits civilian ship in Ukraine's Black Sea corridor", "ukrainian-sea-corridor", WAR, "en"),
    ("Cargo ship hits mine in Ukraine's grain corridor", "ukrainian-sea-corridor", WAR | {"accident"}, "en"),
    ("Shipowners halt voyages through Ukrainian grain corridor after attacks", "ukrainian-sea-corridor",
     LANE, "en"),
    ("Russia pulls out of Black Sea grain deal", "ukrainian-sea-corridor", BLOCK, "en"),
    ("Bosphorus shut to tankers after vessel runs aground", "bosporus", BLOCK | {"accident"}, "en"),
    ("Tanker queue at Turkish Straits grows to 40 vessels", "bosporus", QUEUE, "en"),
    ("Turkey suspends Bosphorus traffic as fog descends", "bosporus", BLOCK | {"natural_disaster"}, "en"),
    # Taiwan, Panama, Malacca, Gibraltar, Dover
    ("Container lines suspend Taiwan Strait transits", "taiwan-strait", BLOCK, "en"),
    ("Ships reroute away from Taiwan Strait as China imposes blockade", "taiwan-strait", LANE, "en"),
    ("Panama Canal cuts daily transits to 22 as drought deepens", "panama-canal", LOW, "en"),
    ("Queue of ships waiting to cross Panama Canal swells to 160", "panama-canal", QUEUE, "en"),
    ("Waiting times at Panama Canal stretch to 20 days", "panama-canal", QUEUE, "en"),
    ("Panama Canal imposes draft restrictions as Gatun Lake water level falls", "panama-canal", LOW, "en"),
    ("Collision in Strait of Malacca halts shipping traffic", "strait-of-malacca", BLOCK | {"accident"}, "en"),
    ("Pirates board tanker in Strait of Malacca", "strait-of-malacca", WAR, "en"),
    ("Ferry traffic across Strait of Gibraltar suspended due to high winds", "strait-of-gibraltar",
     BLOCK | {"natural_disaster"}, "en"),
    # Rhine low water
    ("Low Rhine water forces barges to sail a third full", "rhine-kaub", LOW, "en"),
    ("Rhine water level at Kaub falls below 40 cm, barge loads cut", "rhine-kaub", LOW, "en"),
    ("Low water on the Rhine halts some barge shipping", "rhine-kaub", LOW, "en"),
    # export terminals
    ("QatarEnergy declares force majeure on LNG exports", "ras-laffan-lng", LNG, "en"),
    ("QatarEnergy halts LNG production after attacks on Ras Laffan", "ras-laffan-lng", LNG, "en"),
    ("Qatar's LNG exports halted as tankers avoid Hormuz", "ras-laffan-lng", LNG, "en"),
    ("Sabine Pass LNG shut as hurricane nears Louisiana coast", "sabine-pass-lng", LNG | {"natural_disaster"}, "en"),
    ("Cheniere halts Sabine Pass LNG trains after power outage", "sabine-pass-lng", LNG, "en"),
    ("Saudi Aramco suspends loadings at Ras Tanura terminal", "ras-tanura", LNG, "en"),
    ("DOHA, March 2 (Reuters) - QatarEnergy has declared force majeure to its buyers after halting liquefied "
     "natural gas production at Ras Laffan, the company said.", "ras-laffan-lng", LNG, "en"),
    # ================================================================ ja
    ("ホルムズ海峡が事実上封鎖、タンカーの通航止まる", "strait-of-hormuz", BLOCK, "ja"),
    ("ホルムズ海峡の通航船舶、1日数隻に激減", "strait-of-hormuz", BLOCK, "ja"),
    ("ホルムズ海峡でタンカー拿捕、イラン革命防衛隊", "strait-of-hormuz", LANE, "ja"),
    ("ホルムズ海峡付近でタンカーが触雷", "strait-of-hormuz", LANE | {"accident"}, "ja"),
    ("ホルムズ海峡の戦争保険、引き受け停止相次ぐ", "strait-of-hormuz", LANE, "ja"),
    ("商船三井、ホルムズ海峡の通航を停止", "strait-of-hormuz", BLOCK, "ja"),
    ("ホルムズ海峡の手前でタンカーが沖待ち", "strait-of-hormuz", QUEUE, "ja"),
    ("ホルムズ海峡の封鎖でペルシャ湾内に日本関係船舶45隻が足止め", "strait-of-hormuz", BLOCK, "ja"),
    ("日本郵船、紅海の航行を当面見合わせ", "red-sea", BLOCK, "ja"),
    ("紅海で貨物船にミサイル命中、乗組員が退避", "red-sea", WAR, "ja"),
    ("フーシ派、紅海で商船を攻撃", "red-sea", WAR, "ja"),
    ("海運大手、喜望峰経由に迂回 紅海の攻撃受け", "red-sea", LANE, "ja"),
    ("バベルマンデブ海峡で商船が攻撃受ける", "bab-el-mandeb", WAR, "ja"),
    ("スエズ運河の通航量が半減、フーシ派の攻撃で", "suez-canal", LANE, "ja"),
    ("スエズ運河でコンテナ船が座礁、航行止まる", "suez-canal", BLOCK | {"accident"}, "ja"),
    ("パナマ運河、渇水で通航制限を強化", "panama-canal", LOW, "ja"),
    ("パナマ運河で通航待ちの船舶が160隻に", "panama-canal", QUEUE, "ja"),
    ("パナマ運河、1日の通航枠を削減", "panama-canal", BLOCK, "ja"),
    ("ライン川の水位低下、はしけの積載制限", "rhine-kaub", LOW, "ja"),
    ("カタールエナジー、LNG輸出で不可抗力宣言", "ras-laffan-lng", LNG, "ja"),
    ("ラスラファンのLNG生産停止、イランの攻撃で", "ras-laffan-lng", LNG, "ja"),
    ("ボスポラス海峡で船舶の通航停止、タンカー故障で", "bosporus", BLOCK, "ja"),
    ("ペルシャ湾内に日本関係船舶40隻が足止め", "strait-of-hormuz", BLOCK, "ja"),
    ("フーシ派、アデン湾で商船を攻撃", "red-sea", WAR, "ja"),
    ("黒海の穀物回廊で貨物船に無人機攻撃", "ukrainian-sea-corridor", WAR, "ja"),
    ("台湾海峡の航行を一時停止、海運各社", "taiwan-strait", BLOCK, "ja"),
    ("マラッカ海峡でタンカー衝突、航行に支障", "strait-of-malacca", BLOCK | {"accident"}, "ja"),
    ("【ドバイ共同】イラン革命防衛隊は4日、ホルムズ海峡を航行していたタンカーを拿捕したと発表した。",
     "strait-of-hormuz", LANE, "ja"),
    ("[ドバイ 3日 ロイター] - 船舶追跡データによると、ホルムズ海峡を通過するタンカーは3日、ほぼ停止状態となった。",
     "strait-of-hormuz", BLOCK, "ja"),
    ("【カイロ時事】スエズ運河庁は、フーシ派の攻撃を受けて運河の通航隻数が前年比で半減したと明らかにした。",
     "suez-canal", LANE, "ja"),
    ("【ドーハ共同】カタールの国営エネルギー企業カタールエナジーは2日、LNGの生産を停止したと発表した。",
     "ras-laffan-lng", LNG, "ja"),
    ("ホルムズ海峡、タンカーの通航ほぼ途絶える", "strait-of-hormuz", BLOCK, "ja"),
    ("紅海を航行中のばら積み船にミサイル、船体に損傷", "red-sea", WAR, "ja"),
    ("フーシ派が商船を拿捕、紅海南部で", "red-sea", WAR, "ja"),
    ("コンテナ船大手、スエズ運河の通航を停止 喜望峰回りに", "suez-canal", BLOCK, "ja"),
    ("パナマ運河、喫水制限を強化 ガトゥン湖の水位低下で", "panama-canal", LOW, "ja"),
    ("パナマ運河の通航待ち、平均待ち時間が20日に", "panama-canal", QUEUE, "ja"),
    ("ボスポラス海峡でタンカーが座礁、通航止め", "bosporus", BLOCK | {"accident"}, "ja"),
    ("ウクライナの穀物回廊で貨物船が触雷", "ukrainian-sea-corridor", WAR | {"accident"}, "ja"),
    ("ロシアが黒海穀物合意から離脱、穀物輸出停止", "ukrainian-sea-corridor", BLOCK | {"trade_restriction"}, "ja"),
    ("台湾海峡、中国の封鎖で商船の航行困難に", "taiwan-strait", LANE, "ja"),
    ("ライン川の渇水深刻、はしけの積載制限広がる", "rhine-kaub", LOW, "ja"),
    ("ラスタヌーラの原油積み出し停止", "ras-tanura", DOWN, "ja"),
    ("[東京 4日 ロイター] - 商船三井は4日、ホルムズ海峡の通航を当面見合わせると明らかにした。",
     "strait-of-hormuz", BLOCK, "ja"),
    ("【ワシントン共同】米中央軍は3日、紅海でフーシ派の無人機攻撃を受けた商船の乗組員を救助したと発表した。",
     "red-sea", WAR, "ja"),
    # ================================================================ es
    ("Cae a tres el número de buques que cruzan al día el estrecho de Ormuz", "strait-of-hormuz", BLOCK, "es"),
    ("Decenas de petroleros esperan fondeados para cruzar el estrecho de Ormuz", "strait-of-hormuz", QUEUE, "es"),
    ("La Guardia Revolucionaria iraní apresa un petrolero en el estrecho de Ormuz", "strait-of-hormuz", LANE, "es"),
    ("Un petrolero choca con una mina en el estrecho de Ormuz", "strait-of-hormuz", LANE | {"accident"}, "es"),
    ("Las aseguradoras retiran la cobertura de riesgo de guerra en el estrecho de Ormuz", "strait-of-hormuz",
     LANE, "es"),
    ("Cientos de buques, atrapados en el golfo Pérsico por el cierre de Ormuz", "strait-of-hormuz", BLOCK, "es"),
    ("Las navieras ordenan a sus buques en el estrecho de Ormuz ponerse a salvo", "strait-of-hormuz", LANE, "es"),
    ("Los hutíes atacan un buque mercante en el mar Rojo", "red-sea", WAR, "es"),
    ("Las aseguradoras cancelan la cobertura de riesgo de guerra para los buques en el golfo Pérsico",
     "strait-of-hormuz", LANE, "es"),
    ("Los hutíes atacan un carguero en el golfo de Adén", "red-sea", WAR, "es"),
    ("Un carguero se hunde en el mar Rojo tras un ataque hutí", "red-sea", WAR, "es"),
    ("Maersk suspende hasta nuevo aviso el tránsito de sus buques por el mar Rojo", "red-sea", BLOCK, "es"),
    ("Las navieras desvían sus buques por el cabo de Buena Esperanza para evitar el mar Rojo", "red-sea",
     BLOCK, "es"),
    ("El tráfico por el canal de Suez cae un 50 % por los ataques hutíes", "suez-canal", LANE, "es"),
    ("Un buque atacado en el estrecho de Bab el-Mandeb", "bab-el-mandeb", WAR, "es"),
    ("El canal de Panamá reduce los tránsitos diarios por la sequía", "panama-canal", LOW, "es"),
    ("Se acumulan los buques a la espera de cruzar el canal de Panamá", "panama-canal", QUEUE, "es"),
    ("Turquía suspende el tráfico marítimo en el Bósforo por la niebla", "bosporus", BLOCK | {"natural_disaster"},
     "es"),
    ("QatarEnergy declara fuerza mayor en sus exportaciones de GNL", "ras-laffan-lng", LNG, "es"),
    ("Catar detiene la producción de GNL en Ras Laffan tras un ataque con drones", "ras-laffan-lng", LNG, "es"),
    ("Rusia abandona el acuerdo de cereales del mar Negro", "ukrainian-sea-corridor", BLOCK, "es"),
    ("Un dron ruso alcanza un buque en el corredor marítimo ucraniano", "ukrainian-sea-corridor", WAR, "es"),
    ("El bajo nivel del Rin obliga a las barcazas a reducir su carga", "rhine-kaub", LOW, "es"),
    ("Dubái, 3 mar (EFE).- El tráfico de petroleros por el estrecho de Ormuz quedó prácticamente paralizado este "
     "martes, según datos de seguimiento de buques.", "strait-of-hormuz", BLOCK, "es"),
    ("El Cairo, 5 ene (EFE).- Los ingresos del canal de Suez cayeron un 40 % debido a los ataques de los hutíes "
     "contra buques en el mar Rojo, que obligaron a las navieras a desviar sus barcos.", "red-sea", LANE, "es"),
    ("Londres, 2 mar (Europa Press) - Las aseguradoras marítimas han cancelado la cobertura de riesgo de guerra "
     "para los buques que navegan por el estrecho de Ormuz.", "strait-of-hormuz", LANE, "es"),
    ("Doha, 2 mar (EFE).- QatarEnergy ha suspendido la producción de gas natural licuado después de que dos de "
     "sus instalaciones fueran atacadas, según informó la compañía.", "ras-laffan-lng", LNG, "es"),
    ("Los petroleros evitan el golfo Pérsico por la guerra", "strait-of-hormuz", LANE, "es"),
    ("Irán apresa un petrolero con bandera de Panamá en Ormuz", "strait-of-hormuz", LANE, "es"),
    ("Decenas de buques, varados en el golfo Pérsico", "strait-of-hormuz", BLOCK, "es"),
    ("Hapag-Lloyd suspende los tránsitos por el estrecho de Ormuz", "strait-of-hormuz", BLOCK, "es"),
    ("Un misil alcanza un petrolero frente a Yemen en el mar Rojo", "red-sea", WAR, "es"),
    ("Los hutíes secuestran un buque de carga en el mar Rojo", "red-sea", WAR, "es"),
    ("Las navieras mantienen el desvío por el cabo de Buena Esperanza y evitan el canal de Suez", "suez-canal",
     BLOCK, "es"),
    ("Los tránsitos por el canal de Suez caen a la mitad", "suez-canal", BLOCK, "es"),
    ("El canal de Panamá limita a 24 los tránsitos diarios por la sequía", "panama-canal", LOW, "es"),
    ("Largas colas de buques para cruzar el canal de Panamá", "panama-canal", QUEUE, "es"),
    ("Turquía cierra el Bósforo al tráfico marítimo tras la avería de un petrolero", "bosporus", BLOCK, "es"),
    ("El nivel del Rin cae a mínimos y las barcazas navegan a media carga", "rhine-kaub", LOW, "es"),
    ("Rusia ataca un buque civil en el corredor de cereales del mar Negro", "ukrainian-sea-corridor", WAR, "es"),
    ("QatarEnergy detiene la producción de GNL tras un ataque con drones iraní", "ras-laffan-lng", LNG, "es"),
    ("La terminal de Sabine Pass suspende sus exportaciones de GNL por el huracán", "sabine-pass-lng",
     LNG | {"natural_disaster", "trade_restriction"}, "es"),
    ("Madrid, 4 mar (Europa Press) - Más de 150 petroleros permanecen fondeados a la espera de cruzar "
     "el estrecho de Ormuz, según datos de seguimiento marítimo.", "strait-of-hormuz", QUEUE, "es"),
    # ================================================================ pt
    ("Petroleiros evitam o Estreito de Ormuz após ataques", "strait-of-hormuz", BLOCK, "pt"),
    ("Tráfego de navios pelo Estreito de Ormuz cai para quase zero", "strait-of-hormuz", BLOCK, "pt"),
    ("Seguradoras cancelam cobertura de risco de guerra no Estreito de Ormuz", "strait-of-hormuz", LANE, "pt"),
    ("Centenas de navios retidos no Golfo Pérsico após fechamento de Ormuz", "strait-of-hormuz", BLOCK, "pt"),
    ("Petroleiro atinge mina no Estreito de Ormuz", "strait-of-hormuz", LANE | {"accident"}, "pt"),
    ("Petroleiros aguardam ancorados para atravessar o Estreito de Ormuz", "strait-of-hormuz", QUEUE, "pt"),
    ("Houthis atacam navio cargueiro no Mar Vermelho", "red-sea", WAR, "pt"),
    ("Navios retidos no Golfo Pérsico após ataques", "strait-of-hormuz", LANE, "pt"),
    ("Houthis atacam navio no Golfo de Áden", "red-sea", WAR, "pt"),
    ("Navio afunda no Mar Vermelho após ataque dos houthis", "red-sea", WAR, "pt"),
    ("Navios contornam o Cabo da Boa Esperança para evitar o Mar Vermelho", "red-sea", BLOCK, "pt"),
    ("Tráfego no Canal de Suez cai pela metade com ataques no Mar Vermelho", "suez-canal", LANE, "pt"),
    ("Canal do Panamá reduz número de travessias diárias por causa da seca", "panama-canal", LOW, "pt"),
    ("Fila de navios à espera para atravessar o Canal do Panamá chega a 160", "panama-canal", QUEUE, "pt"),
    ("QatarEnergy declara força maior nas exportações de GNL", "ras-laffan-lng", LNG, "pt"),
    ("Catar suspende produção de GNL em Ras Laffan após ataque", "ras-laffan-lng", LNG, "pt"),
    ("Rússia abandona acordo de grãos do Mar Negro", "ukrainian-sea-corridor", BLOCK, "pt"),
    ("Navio atingido por drone no corredor marítimo da Ucrânia", "ukrainian-sea-corridor", WAR, "pt"),
    ("Nível baixo do Reno limita carga das barcaças", "rhine-kaub", LOW, "pt"),
    ("Lisboa, 3 mar (Lusa) - A MSC anunciou hoje a suspensão de todas as travessias pelo Estreito de Ormuz, "
     "devido à escalada do conflito no Médio Oriente.", "strait-of-hormuz", LANE, "pt"),
    ("O tráfego de petroleiros pelo Estreito de Ormuz caiu para quase zero nesta terça-feira (3), segundo dados "
     "de rastreamento de navios.", "strait-of-hormuz", BLOCK, "pt"),
    ("SÃO PAULO, 2 mar (Reuters) - A QatarEnergy declarou força maior aos seus compradores após interromper a "
     "produção de gás natural liquefeito em Ras Laffan.", "ras-laffan-lng", LNG, "pt"),
    ("Guarda Revolucionária apreende navio-tanque no Golfo Pérsico", "strait-of-hormuz", LANE, "pt"),
    ("Seguradoras suspendem cobertura de risco de guerra para navios no Golfo Pérsico", "strait-of-hormuz", LANE, "pt"),
    ("Míssil atinge navio mercante no Golfo de Áden", "red-sea", WAR, "pt"),
    ("Houthis sequestram navio cargueiro no Mar Vermelho", "red-sea", WAR, "pt"),
    ("Hapag-Lloyd suspende travessias pelo Canal de Suez", "suez-canal", BLOCK, "pt"),
    ("Armadores mantêm desvio pelo Cabo da Boa Esperança e evitam o Mar Vermelho", "red-sea", BLOCK, "pt"),
    ("Número de navios que atravessam o Estreito de Ormuz cai para três por dia", "strait-of-hormuz", BLOCK, "pt"),
    ("Dezenas de petroleiros aguardam fundeados para cruzar o Estreito de Ormuz", "strait-of-hormuz", QUEUE, "pt"),
    ("Canal do Panamá restringe o calado dos navios por causa da seca", "panama-canal", LOW, "pt"),
    ("Espera para atravessar o Canal do Panamá chega a 20 dias", "panama-canal", QUEUE, "pt"),
    ("Turquia suspende tráfego marítimo no Bósforo após avaria de petroleiro", "bosporus", BLOCK, "pt"),
    ("Navio encalhado bloqueia o Bósforo", "bosporus", BLOCK | {"accident"}, "pt"),
    ("Drone russo atinge navio no corredor de grãos do Mar Negro", "ukrainian-sea-corridor", WAR, "pt"),
    ("Navio atinge mina no corredor marítimo da Ucrânia", "ukrainian-sea-corridor", WAR | {"accident"}, "pt"),
    ("Ataque iraniano paralisa produção de GNL em Ras Laffan", "ras-laffan-lng", LNG, "pt"),
    ("QatarEnergy interrompe produção de GNL após ataques", "ras-laffan-lng", LNG, "pt"),
    ("Brasília, 3 mar (Agência Brasil) - A Petrobras informou que dois navios contratados pela "
     "empresa estão retidos no Golfo Pérsico por causa do fechamento do Estreito de Ormuz.", "strait-of-hormuz",
     BLOCK, "pt"),
    ("Cargueiro com bandeira da Libéria é atacado no Mar Vermelho, diz agência britânica", "red-sea", WAR, "pt"),
]

# (case, node, language): no event at the node may alert.
NEGATIVE: list[tuple[str, str, str]] = [
    # ================================================================ en
    ("Red Sea transits recover as Houthi attacks ease", "red-sea", "en"),
    ("Shipping lines resume Suez Canal transits", "suez-canal", "en"),
    ("Suez Canal revenue hits record $10 billion", "suez-canal", "en"),
    ("Suez Canal Authority raises transit tolls by 15%", "suez-canal", "en"),
    ("Panama Canal transits rise to 36 a day as rains return", "panama-canal", "en"),
    ("Oil rises as investors weigh Hormuz risk", "strait-of-hormuz", "en"),
    ("Tanker rates climb on Strait of Hormuz worries", "strait-of-hormuz", "en"),
    ("Iran stages naval drills near Strait of Hormuz", "strait-of-hormuz", "en"),
    ("China holds military drills around Taiwan Strait", "taiwan-strait", "en"),
    ("Iran warns it could close the Strait of Hormuz", "strait-of-hormuz", "en"),
    ("Houthis threaten to resume attacks on Red Sea shipping", "red-sea", "en"),
    ("What a Hormuz closure would mean for Asia's oil buyers", "strait-of-hormuz", "en"),
    ("Insurers could pull war-risk cover if Gulf conflict escalates, brokers say", "strait-of-hormuz", "en"),
    ("Cruise line adds Suez Canal transit to 2027 itinerary", "suez-canal", "en"),
    ("SailGP fleet races on the Bosphorus", "bosporus", "en"),
    ("Two years since Houthis began Red Sea attacks", "red-sea", "en"),
    ("QatarEnergy signs 27-year LNG supply deal with Sinopec", "ras-laffan-lng", "en"),
    ("QatarEnergy raises stake in North Field expansion", "ras-laffan-lng", "en"),
    ("QatarEnergy signs LNG supply deal as North Field expansion delays mount", "ras-laffan-lng", "en"),
    ("QatarEnergy faces scrutiny over sanctions on Russian partner", "ras-laffan-lng", "en"),
    ("Fire at refinery on Persian Gulf coast", "strait-of-hormuz", "en"),
    ("Iran strikes US bases in Persian Gulf states", "strait-of-hormuz", "en"),
    ("Persian Gulf states sign free trade pact", "strait-of-hormuz", "en"),
    ("Navy task force to patrol Gulf of Aden", "red-sea", "en"),
    ("Sabine Pass LNG exports hit record in March", "sabine-pass-lng", "en"),
    ("Ukraine's grain corridor exports hit record in October", "ukrainian-sea-corridor", "en"),
    ("Rhine water levels rise after rain, barges load fully again", "rhine-kaub", "en"),
    ("Malacca Strait ship traffic at record high", "strait-of-malacca", "en"),
    ("Panama Canal expects normal transits next season", "panama-canal", "en"),
    ("Bosphorus tanker traffic steady, Turkish authorities say", "bosporus", "en"),
    # ================================================================ ja
    ("ホルムズ海峡の通航が再開", "strait-of-hormuz", "ja"),
    ("スエズ運河の通航料収入が過去最高", "suez-canal", "ja"),
    ("パナマ運河、通航枠を拡大 水位回復で", "panama-canal", "ja"),
    ("原油価格上昇、ホルムズ海峡リスクを意識", "strait-of-hormuz", "ja"),
    ("イラン海軍がホルムズ海峡で軍事演習", "strait-of-hormuz", "ja"),
    ("中国軍、台湾海峡周辺で演習", "taiwan-strait", "ja"),
    ("イラン、ホルムズ海峡の封鎖を示唆", "strait-of-hormuz", "ja"),
    ("カタールエナジー、中国企業とLNG長期契約", "ras-laffan-lng", "ja"),
    ("ボスポラス海峡でセーリングの国際大会", "bosporus", "ja"),
    ("スエズ運河を通るクルーズ、来年の日程発表", "suez-canal", "ja"),
    ("紅海の航行再開、海運大手", "red-sea", "ja"),
    ("パナマ運河の1月の通航量は1日平均32隻、全体で1011隻に減少", "panama-canal", "ja"),
    ("ペルシャ湾岸の製油所で火災", "strait-of-hormuz", "ja"),
    ("スエズ運河、通航隻数が回復", "suez-canal", "ja"),
    ("日本郵船、ホルムズ海峡の通過を再開", "strait-of-hormuz", "ja"),
    ("原油先物が上昇、ホルムズ海峡の地政学リスク意識", "strait-of-hormuz", "ja"),
    ("フーシ派、紅海での船舶攻撃を示唆", "red-sea", "ja"),
    ("スエズ運河庁、通航料を値上げ", "suez-canal", "ja"),
    ("台湾海峡を米駆逐艦が通過", "taiwan-strait", "ja"),
    ("ライン川の水位回復、はしけの積載制限を解除", "rhine-kaub", "ja"),
    ("カタールエナジー、北部ガス田の拡張で遅延", "ras-laffan-lng", "ja"),
    # ================================================================ es
    ("Se reanuda el tráfico de petroleros en el estrecho de Ormuz", "strait-of-hormuz", "es"),
    ("El canal de Suez registra ingresos récord", "suez-canal", "es"),
    ("El petróleo sube por la tensión en Ormuz", "strait-of-hormuz", "es"),
    ("Irán amenaza con cerrar el estrecho de Ormuz", "strait-of-hormuz", "es"),
    ("Irán realiza maniobras navales en el estrecho de Ormuz", "strait-of-hormuz", "es"),
    ("El canal de Panamá aumenta los tránsitos diarios tras las lluvias", "panama-canal", "es"),
    ("QatarEnergy firma un contrato de suministro de GNL con Alemania", "ras-laffan-lng", "es"),
    ("Regata internacional en el estrecho de Gibraltar", "strait-of-gibraltar", "es"),
    ("Se cumplen dos años de los ataques hutíes en el mar Rojo", "red-sea", "es"),
    ("Las navieras vuelven al mar Rojo tras la tregua", "red-sea", "es"),
    ("Incendio en una refinería a orillas del golfo Pérsico", "strait-of-hormuz", "es"),
    ("Irán ataca bases estadounidenses en países del golfo Pérsico", "strait-of-hormuz", "es"),
    ("El tráfico por el canal de Suez se recupera tras la tregua", "suez-canal", "es"),
    ("Maersk vuelve a enviar buques por el mar Rojo", "red-sea", "es"),
    ("Ormuz: qué pasaría si Irán cerrara el estrecho", "strait-of-hormuz", "es"),
    ("El canal de Panamá eleva sus peajes un 10 %", "panama-canal", "es"),
    ("China realiza ejercicios militares en el estrecho de Taiwán", "taiwan-strait", "es"),
    ("Un crucero atraviesa el canal de Panamá con 3.000 pasajeros", "panama-canal", "es"),
    ("QatarEnergy anuncia retrasos en la ampliación de North Field", "ras-laffan-lng", "es"),
    ("Incendio en una planta petroquímica de la costa del golfo Pérsico", "strait-of-hormuz", "es"),
    ("Los hutíes amenazan con atacar buques en el mar Rojo", "red-sea", "es"),
    # ================================================================ pt
    ("Navios voltam a atravessar o Estreito de Ormuz", "strait-of-hormuz", "pt"),
    ("Receita do Canal de Suez bate recorde", "suez-canal", "pt"),
    ("Petróleo sobe com tensão no Estreito de Ormuz", "strait-of-hormuz", "pt"),
    ("Irã ameaça fechar o Estreito de Ormuz", "strait-of-hormuz", "pt"),
    ("Irã realiza exercícios navais no Estreito de Ormuz", "strait-of-hormuz", "pt"),
    ("QatarEnergy assina contrato de fornecimento de GNL com a Petrobras", "ras-laffan-lng", "pt"),
    ("Canal do Panamá aumenta travessias diárias após chuvas", "panama-canal", "pt"),
    ("Cruzeiro pelo Canal do Panamá é destaque da temporada", "panama-canal", "pt"),
    ("QatarEnergy amplia participação em projeto de GNL apesar de atrasos", "ras-laffan-lng", "pt"),
    ("Tráfego no Canal de Suez volta ao normal", "suez-canal", "pt"),
    ("Maersk retoma travessias pelo Mar Vermelho", "red-sea", "pt"),
    ("Canal do Panamá amplia número de travessias diárias", "panama-canal", "pt"),
    ("Petróleo dispara com temores sobre o Estreito de Ormuz", "strait-of-hormuz", "pt"),
    ("E se o Irã fechar o Estreito de Ormuz?", "strait-of-hormuz", "pt"),
    ("China faz exercícios militares no Estreito de Taiwan", "taiwan-strait", "pt"),
    ("Receita do Canal do Panamá cresce 10% no ano fiscal", "panama-canal", "pt"),
    ("Regata internacional cruza o Estreito de Gibraltar", "strait-of-gibraltar", "pt"),
    ("QatarEnergy anuncia atrasos na expansão de North Field", "ras-laffan-lng", "pt"),
    ("Incêndio em refinaria na costa do Golfo Pérsico", "strait-of-hormuz", "pt"),
    ("Houthis ameaçam atacar navios no Mar Vermelho", "red-sea", "pt"),
]


@pytest.mark.parametrize("case,target,types,lang", POSITIVE, ids=[f"{c[3]}:{c[0][:55]}" for c in POSITIVE])
def test_positive(tagger: Tagger, case: str, target: str, types: set[str], lang: str) -> None:
    got = _alerting(tagger, case, lang)
    assert got.get(target, set()) & types, f"{case!r}: {target} {sorted(types)} wanted, got {got}"


@pytest.mark.parametrize("case,target,lang", NEGATIVE, ids=[f"{c[2]}:{c[0][:55]}" for c in NEGATIVE])
def test_negative(tagger: Tagger, case: str, target: str, lang: str) -> None:
    got = _alerting(tagger, case, lang)
    assert target not in got, f"{case!r}: {target} must not alert, got {got[target]}"
