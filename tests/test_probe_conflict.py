"""Probe matrix: armed conflict hitting supply-chain infrastructure on land and at the shore
(type ``conflict``), in English, Japanese, Spanish and Portuguese wire copy.

Missile, drone, artillery and air strikes on ports (from the land side), refineries, LNG
plants, grain stores, factories and rail; shelling and fighting at a plant; air-raid alerts
halting a port; and the consequences a desk reports with the cause named ("port operations
suspended after Russian attack", "refinery halted after drone strike", "force majeure after
the attack"). Theatres with nodes in ``config/graph``: the Odesa ports (Chornomorsk,
Pivdennyi), Ukrainian grain, the neon makers Cryoin (Odesa) and Ingas (Mariupol), the Urals
titanium of VSMPO-AVISMA, and the Gulf in the 2026 Iran war (Ras Tanura, Ras Laffan).
Attacks on ships at sea and the sea lanes themselves are another matrix's.

Written for this matrix in the register of each desk -- Reuters and Bloomberg English
("KYIV, March 3 (Reuters) -", "(Bloomberg) --"), Kyodo, Jiji, NHK, Nikkei and Reuters
Japanese ("【キーウ共同】", "[ドバイ 2日 ロイター] -"), EFE, Europa Press and Reuters in
Spanish ("KIEV, 10 oct (EFE).-"), Lusa, Agência Brasil, Reuters Brasil and Folhapress
("(Lusa) -"): active, passive and nominal headlines, continuing states, measurable
consequences, title-only and lead-only, the node early or late in the sentence.

The near misses must raise nothing at the node: peace talks, a ceasefire holding, arms
deals, defence budgets, drills, anniversaries, films and books, sport, market talk, "strike a
deal", threats and denials, an attack in another city. A dockers' strike must be typed
``strike`` and never ``conflict``; a drone strike ``conflict`` and never ``strike``.
"""

from __future__ import annotations

import pytest

from graphs.tagger import Tagger
from helpers_tagging import bundled_tagger, raised


@pytest.fixture(scope="module")
def bundled() -> Tagger:
    return bundled_tagger()


CONF = {"conflict"}


def LEFT(why: str) -> pytest.MarkDecorator:
    """A construction seen and left as it is (the reason says why)."""
    return pytest.mark.xfail(strict=True, reason=why)


# (lang, title, lead, node, acceptable types)
POSITIVES = [
    # ---------------------------------------------------------------- English
    # Odesa ports
    ("en", "Russian missiles strike Odesa port, damaging grain terminal", "", "port-odesa", CONF),
    ("en", "Russia hits Ukraine's Pivdennyi port in overnight drone attack", "", "port-odesa", CONF),
    ("en", "Drone attack damages port infrastructure in Odesa region, governor says", "", "port-odesa", CONF),
    ("en", "Chornomorsk port hit by Russian ballistic missile, four killed", "", "port-odesa", CONF),
    ("en", "Port of Odesa suspends operations after Russian strike", "", "port-odesa", CONF),
    ("en", "Ukraine halts grain loading at Odesa ports after missile attack", "", "port-odesa", CONF),
    ("en", "Odesa port facilities ablaze after Russian drone strike", "", "port-odesa", CONF),
    ("en", "Grain terminal at Odesa port damaged in Russian attack", "", "port-odesa", CONF),
    ("en", "Russia bombards Chornomorsk port, damaging two civilian ships", "", "port-odesa", CONF),
    ("en", "Air raid alert halts operations at Odesa ports", "", "port-odesa", CONF),
    ("en", "Odesa ports under attack as Russia escalates strikes on shipping infrastructure", "", "port-odesa", CONF),
    ("en", "Two civilian ships hit in Russian attack on Pivdennyi port", "", "port-odesa", CONF),
    ("en", "Russian attack on Odesa port kills three dock workers", "", "port-odesa", CONF),
    ("en", "Port of Odesa reports damage after massive overnight Russian drone and missile attack", "", "port-odesa", CONF),
    ("en", "Russian drones pound Odesa port for second straight night", "", "port-odesa", CONF),
    ("en", "Russia Targets Ukraine's Odesa Ports in Largest Attack in Months", "", "port-odesa", CONF),
    ("en", "Odesa Port Infrastructure Damaged in Russian Missile Strike", "", "port-odesa", CONF),
    ("en", "Russia strikes Ukrainian grain port of Chornomorsk, damaging ship", "", "port-odesa", CONF),
    ("en", "Ukrainian ports in Odesa region targeted by Russian drones overnight", "", "port-odesa", CONF),
    ("en", "Odesa port shut after shelling", "", "port-odesa", CONF),
    ("en", "Ukraine's Pivdennyi port halts loadings after Russian strikes knock out power", "", "port-odesa", CONF),
    ("en", "", "ODESA, Ukraine, Dec 12 (Reuters) - A Russian ballistic missile struck the port of Chornomorsk on "
     "Friday, killing one person and damaging a civilian vessel loading grain, Ukrainian officials said.",
     "port-odesa", CONF),
    ("en", "Ukraine says Russia attacked port overnight",
     "KYIV, Oct 10 (Reuters) - Russian drones attacked port infrastructure in Ukraine's southern Odesa region "
     "overnight, setting warehouses on fire, the regional governor said on Friday.", "port-odesa", CONF),
    ("en", "Russia steps up attacks on Ukraine's Black Sea ports",
     "(Bloomberg) -- Russia struck the port of Pivdennyi for the third time this week, damaging berths and "
     "grain silos and halting loadings, Ukraine's deputy prime minister said.", "port-odesa", CONF),
    # Ukrainian grain
    ("en", "Russian strikes destroy Ukrainian grain stored at Odesa port", "", "ukraine-grain-belt", CONF),
    ("en", "Russian attacks on storage sites destroy 60,000 tonnes of Ukrainian grain", "", "ukraine-grain-belt", CONF),
    ("en", "Russian missile strike hits warehouse storing Ukrainian grain", "", "ukraine-grain-belt", CONF),
    ("en", "Ukrainian grain exports slump as Russia pounds ports with drones", "", "ukraine-grain-belt", CONF),
    # neon makers
    ("en", "Cryoin neon plant in Odesa damaged in Russian missile attack", "", "cryoin-odesa", CONF),
    ("en", "Neon maker Cryoin suspends production after Russian strikes on Odesa", "", "cryoin-odesa", CONF),
    ("en", "Ingas neon plant in Mariupol shelled as Russian forces advance", "", "ingas-mariupol", CONF),
    ("en", "Ingas halts neon output as fighting rages in Mariupol", "", "ingas-mariupol", CONF),
    # Urals titanium
    ("en", "Ukrainian drones attack VSMPO-AVISMA titanium plant in Urals, governor says", "", "titanium-vsmpo", CONF),
    ("en", "Drone strike sparks fire at VSMPO-AVISMA plant", "", "titanium-vsmpo", CONF),
    # Ras Tanura
    ("en", "Saudi Aramco shuts Ras Tanura refinery after drone strike", "", "ras-tanura", CONF),
    ("en", "Iranian drone attack sparks fire at Saudi Aramco's Ras Tanura refinery", "", "ras-tanura", CONF),
    ("en", "Ras Tanura oil terminal hit by missiles, Saudi ministry says", "", "ras-tanura", CONF),
    ("en", "Aramco halts Ras Tanura loadings after Iranian missile attack", "", "ras-tanura", CONF),
    ("en", "Saudi Arabia intercepts drones targeting Ras Tanura", "", "ras-tanura", CONF),
    ("en", "Iran strikes Saudi oil export hub Ras Tanura", "", "ras-tanura", CONF),
    ("en", "Ras Tanura refinery remains shut a week after Iranian strike", "", "ras-tanura", CONF),
    ("en", "", "DUBAI, March 2 (Reuters) - Saudi Aramco shut its Ras Tanura refinery on Monday after debris from an "
     "intercepted drone sparked a fire at the facility, an industry source said.", "ras-tanura", CONF),
    ("en", "Aramco halts Ras Tanura refinery",
     "(Bloomberg) -- Saudi Aramco halted operations at its Ras Tanura refinery after a drone attack, according to "
     "people familiar with the matter.", "ras-tanura", CONF),
    ("en", "Iran war",
     "Iranian drones hit the Ras Tanura complex overnight, Saudi Arabia's energy ministry said, forcing Aramco to "
     "shut the refinery.", "ras-tanura", CONF),
    # Ras Laffan
    ("en", "Iranian missiles strike Ras Laffan, QatarEnergy halts LNG output", "", "ras-laffan-lng", CONF),
    ("en", "QatarEnergy declares force majeure after attacks on Ras Laffan", "", "ras-laffan-lng", CONF),
    ("en", "Qatar's LNG exports halted as Iran targets Ras Laffan industrial city", "", "ras-laffan-lng", CONF),
    ("en", "Fire at Ras Laffan after Iranian drone attack, Qatar says", "", "ras-laffan-lng", CONF),
    ("en", "Ras Laffan damaged in missile strike; repairs could take months", "", "ras-laffan-lng", CONF),
    ("en", "Drone attack on Ras Laffan knocks out LNG trains", "", "ras-laffan-lng", CONF),
    ("en", "Qatari LNG output to stay offline for weeks after Iranian strikes on Ras Laffan", "", "ras-laffan-lng", CONF),
    ("en", "Iran hits Qatar's Ras Laffan gas hub", "", "ras-laffan-lng", CONF),
    ("en", "", "DOHA, March 3 (Reuters) - QatarEnergy stopped producing liquefied natural gas at Ras Laffan on "
     "Tuesday after Iranian drones struck the complex, the state company said.", "ras-laffan-lng", CONF),
    ("en", "Qatar LNG halt",
     "(Bloomberg) -- Qatar shut the world's largest LNG export facility after an Iranian missile barrage on Ras "
     "Laffan, removing about a fifth of global supply.", "ras-laffan-lng", CONF),
    # more verbs and consequences
    ("en", "Russia bombarded Odesa port with drones overnight", "", "port-odesa", CONF),
    ("en", "Port of Odesa evacuated after air-raid alert", "", "port-odesa", CONF),
    ("en", "Russian strikes knock out power to Odesa ports, halting grain loadings", "", "port-odesa", CONF),
    ("en", "Odesa port operations disrupted by Russian shelling", "", "port-odesa", CONF),
    ("en", "Ukrainian drones set VSMPO-AVISMA plant ablaze", "", "titanium-vsmpo", CONF),
    ("en", "Drone debris sparks fire at Ras Tanura refinery", "", "ras-tanura", CONF),
    ("en", "Iran's Revolutionary Guards strike Saudi refinery at Ras Tanura", "", "ras-tanura", CONF),
    ("en", "Russian troops seize Mariupol's Ingas neon plant", "", "ingas-mariupol", CONF),
    # rail
    ("en", "Explosion on Polish rail line used by China-Europe freight trains was sabotage, Tusk says", "",
     "china-europe-rail", CONF),

    # ---------------------------------------------------------------- Japanese
    ("ja", "ロシア軍、オデーサ港をミサイル攻撃", "", "port-odesa", CONF),
    ("ja", "オデーサ港にドローン攻撃、穀物ターミナル損傷", "", "port-odesa", CONF),
    ("ja", "ロシアの無人機攻撃でオデーサの港湾施設に被害", "", "port-odesa", CONF),
    ("ja", "オデッサ港にミサイル着弾、穀物輸出に支障", "", "port-odesa", CONF),
    ("ja", "オデーサ州の港湾にロシア軍が大規模攻撃", "", "port-odesa", CONF),
    ("ja", "チョルノモルスク港が弾道ミサイル攻撃受ける、民間船が損傷", "", "port-odesa", CONF),
    ("ja", "ピウデンニ港が攻撃され、船舶が損傷", "", "port-odesa", CONF),
    ("ja", "オデーサ港への攻撃続く、3夜連続", "", "port-odesa", CONF),
    ("ja", "空襲警報でオデーサ港の荷役が一時停止", "", "port-odesa", CONF),
    ("ja", "ロシア軍がオデーサ港を砲撃、港湾労働者3人死亡", "", "port-odesa", CONF),
    ("ja", "オデーサの港湾施設が炎上　ロシアの無人機攻撃で", "", "port-odesa", CONF),
    ("ja", "ウクライナ南部オデーサ　ロシア軍の攻撃で港湾施設に被害", "", "port-odesa", CONF),
    ("ja", "ロシア、オデーサ州の港湾を集中攻撃　穀物倉庫が破壊される", "", "port-odesa", CONF),
    ("ja", "", "【キーウ共同】ウクライナ南部オデーサ州の知事は10日、ロシア軍の無人機攻撃で港湾インフラが損傷したと明らかにした。",
     "port-odesa", CONF),
    ("ja", "", "[キーウ 12日 ロイター] - ウクライナ当局によると、ロシア軍は12日未明、南部オデーサの港湾施設をミサイルで攻撃し、"
     "穀物倉庫が炎上した。", "port-odesa", CONF),
    ("ja", "オデーサ港に攻撃", "【モスクワ時事】ロシア国防省は3日、ウクライナ南部オデーサ港の軍事関連施設を精密兵器で攻撃したと発表した。",
     "port-odesa", CONF),
    ("ja", "ロシアの攻撃でウクライナ産穀物6万トンが焼失", "", "ukraine-grain-belt", CONF),
    ("ja", "ウクライナ産穀物の倉庫にミサイル、数千トン焼失", "", "ukraine-grain-belt", CONF),
    ("ja", "ロシア軍の港湾攻撃でウクライナ産穀物の輸出が急減", "", "ukraine-grain-belt", CONF),
    ("ja", "クリオインの工場、ロシア軍の砲撃で損傷", "", "cryoin-odesa", CONF),
    ("ja", "オデーサのネオン製造クリオイン、ミサイル攻撃で生産停止", "", "cryoin-odesa", CONF),
    ("ja", "マリウポリのインガス、戦闘で操業停止", "", "ingas-mariupol", CONF),
    ("ja", "VSMPOアビスマの工場にウクライナの無人機攻撃", "", "titanium-vsmpo", CONF),
    ("ja", "サウジのラスタヌーラ製油所にドローン攻撃、操業停止", "", "ras-tanura", CONF),
    ("ja", "ラスタヌーラの石油施設に無人機、火災発生", "", "ras-tanura", CONF),
    ("ja", "イラン、サウジのラス・タヌーラを攻撃", "", "ras-tanura", CONF),
    ("ja", "サウジアラムコ、ラスタヌーラ製油所を停止　無人機攻撃受け", "", "ras-tanura", CONF),
    ("ja", "サウジ石油施設に無人機攻撃　ラスタヌーラで火災", "", "ras-tanura", CONF),
    ("ja", "ラスタヌーラにミサイル、原油出荷を停止", "", "ras-tanura", CONF),
    ("ja", "ラスタヌーラ製油所、攻撃から1週間たっても停止続く", "", "ras-tanura", CONF),
    ("ja", "", "【ドバイ共同】サウジアラビア国営石油会社サウジアラムコの東部ラスタヌーラ製油所が2日、無人機攻撃を受け、火災が発生した。",
     "ras-tanura", CONF),
    ("ja", "", "[ドバイ 2日 ロイター] - 業界筋によると、サウジアラムコは2日、ラスタヌーラ製油所で迎撃した無人機の破片による"
     "火災が起き、操業を停止した。", "ras-tanura", CONF),
    ("ja", "カタールのラスラファンにイランのミサイル、LNG生産停止", "", "ras-laffan-lng", CONF),
    ("ja", "カタールエナジー、ラスラファンへの攻撃で不可抗力宣言", "", "ras-laffan-lng", CONF),
    ("ja", "ラス・ラファンがイランの無人機攻撃受ける", "", "ras-laffan-lng", CONF),
    ("ja", "ラスラファン、攻撃で損傷　生産再開に数カ月", "", "ras-laffan-lng", CONF),
    ("ja", "イラン、カタールのLNG拠点ラスラファンを攻撃　世界供給の2割停止", "", "ras-laffan-lng", CONF),
    ("ja", "ラスラファンに弾道ミサイル着弾、液化設備が被弾", "", "ras-laffan-lng", CONF),
    ("ja", "", "【ドーハ時事】カタール国営カタールエナジーは3日、ラスラファンの液化天然ガス（LNG）施設がイランの攻撃を受けたため、"
     "生産を停止したと発表した。", "ras-laffan-lng", CONF),
    ("ja", "カタールLNG停止", "[ドーハ 3日 ロイター] - カタールエナジーは3日、イランのドローンがラスラファンの施設に命中し、"
     "火災が発生したと明らかにした。", "ras-laffan-lng", CONF),
    ("ja", "オデーサ港に無人機攻撃、穀物倉庫が炎上", "", "port-odesa", CONF),
    ("ja", "ロシア軍、オデーサ州の港湾インフラを夜間攻撃", "", "port-odesa", CONF),
    ("ja", "ウクライナ南部の港湾都市オデーサで港湾施設に攻撃、輸出停止", "", "port-odesa", CONF),
    ("ja", "オデーサ港周辺に砲撃、荷役中断", "", "port-odesa", CONF),
    ("ja", "サウジのラスタヌーラ製油所、イランの攻撃で火災　操業停止続く", "", "ras-tanura", CONF),
    ("ja", "ラスタヌーラ、迎撃ミサイルの破片で火災", "", "ras-tanura", CONF),
    ("ja", "ラスラファンの液化設備、ミサイル攻撃で損傷　カタールエナジーが不可抗力宣言", "", "ras-laffan-lng", CONF),
    ("ja", "マリウポリのインガス、ロシア軍の占領下に", "", "ingas-mariupol", CONF),
    ("ja", "ウクライナ南部オデーサの港湾施設がロシア軍の攻撃を受けたことが分かりました", "", "port-odesa", CONF),
    ("ja", "露軍、オデーサ港に無人機攻撃", "", "port-odesa", CONF),
    ("ja", "ロシア軍の砲撃でオデーサ港が停電、荷役停止", "", "port-odesa", CONF),
    ("ja", "カタールのLNG拠点ラスラファンが被弾、生産停止", "", "ras-laffan-lng", CONF),
    ("ja", "ウクライナ軍の無人機がVSMPOアビスマの工場に命中", "", "titanium-vsmpo", CONF),
    ("ja", "中欧班列の路線で爆発、ポーランド首相「破壊工作」", "", "china-europe-rail", CONF),

    # ---------------------------------------------------------------- Spanish
    ("es", "Rusia ataca con drones el puerto de Odesa", "", "port-odesa", CONF),
    ("es", "Un ataque ruso con misiles daña la infraestructura portuaria de Odesa", "", "port-odesa", CONF),
    ("es", "Bombardeo ruso contra el puerto de Odesa deja dos muertos", "", "port-odesa", CONF),
    ("es", "El puerto de Chornomorsk, alcanzado por un misil balístico ruso", "", "port-odesa", CONF),
    ("es", "Rusia bombardea los puertos de Odesa por tercera noche consecutiva", "", "port-odesa", CONF),
    ("es", "Suspendida la actividad en los puertos de Odesa tras un ataque ruso", "", "port-odesa", CONF),
    ("es", "Incendio en una terminal de grano del puerto de Odesa tras un ataque con drones", "", "port-odesa", CONF),
    ("es", "Una alerta antiaérea paraliza las operaciones en el puerto de Odesa", "", "port-odesa", CONF),
    ("es", "Ucrania denuncia un ataque ruso contra el puerto de Odesa que ha dañado un buque civil", "", "port-odesa", CONF),
    ("es", "El ataque ruso al puerto de Odesa obliga a suspender la carga de cereal", "", "port-odesa", CONF),
    ("es", "Drones rusos impactan en la infraestructura portuaria de la región de Odesa", "", "port-odesa", CONF),
    ("es", "Los puertos de Odesa, blanco de un nuevo ataque ruso", "", "port-odesa", CONF),
    ("es", "Muere un estibador en un bombardeo ruso sobre el puerto de Odesa", "", "port-odesa", CONF),
    ("es", "", "KIEV, 10 oct (EFE).- Rusia atacó durante la noche con drones la infraestructura portuaria de la región "
     "de Odesa, en el sur de Ucrania, según informó el gobernador regional.", "port-odesa", CONF),
    ("es", "Rusia ataca el puerto de Chornomorsk",
     "Kiev, 12 dic (Reuters) - Un misil balístico ruso impactó el viernes en el puerto de Chornomorsk, en la región "
     "de Odesa, y dañó un buque civil que cargaba grano, según las autoridades ucranianas.", "port-odesa", CONF),
    ("es", "Rusia destruye miles de toneladas de grano ucraniano en ataques a puertos", "", "ukraine-grain-belt", CONF),
    ("es", "Un misil ruso destruye un almacén con cereal ucraniano en Odesa", "", "ukraine-grain-belt", CONF),
    ("es", "La planta de Cryoin en Odesa, dañada por un bombardeo ruso", "", "cryoin-odesa", CONF),
    ("es", "Drones ucranianos atacan la planta de titanio VSMPO-AVISMA en los Urales", "", "titanium-vsmpo", CONF),
    ("es", "Ataque con drones contra la refinería de Ras Tanura de Saudi Aramco", "", "ras-tanura", CONF),
    ("es", "Aramco cierra la refinería de Ras Tanura tras un ataque con drones", "", "ras-tanura", CONF),
    ("es", "Irán ataca la terminal petrolera saudí de Ras Tanura", "", "ras-tanura", CONF),
    ("es", "Incendio en Ras Tanura tras el impacto de un dron iraní", "", "ras-tanura", CONF),
    ("es", "Misiles iraníes alcanzan la refinería de Ras Tanura", "", "ras-tanura", CONF),
    ("es", "La refinería de Ras Tanura sigue cerrada una semana después del ataque iraní", "", "ras-tanura", CONF),
    ("es", "", "DUBÁI, 2 mar (EFE).- La petrolera estatal saudí Aramco cerró este lunes su refinería de Ras Tanura "
     "después de que los restos de un dron interceptado provocaran un incendio, según fuentes del sector.",
     "ras-tanura", CONF),
    ("es", "Misiles iraníes alcanzan Ras Laffan y QatarEnergy detiene la producción de GNL", "", "ras-laffan-lng", CONF),
    ("es", "Catar suspende la producción de GNL en Ras Laffan tras ataques iraníes", "", "ras-laffan-lng", CONF),
    ("es", "QatarEnergy declara fuerza mayor tras el ataque a Ras Laffan", "", "ras-laffan-lng", CONF),
    ("es", "Irán bombardea el complejo gasista de Ras Laffan", "", "ras-laffan-lng", CONF),
    ("es", "Ras Laffan, dañado por los misiles iraníes, tardará meses en volver a producir", "", "ras-laffan-lng", CONF),
    ("es", "El ataque a Ras Laffan deja sin GNL catarí a Europa y Asia", "", "ras-laffan-lng", CONF),
    ("es", "", "DOHA, 3 mar (Reuters) - QatarEnergy detuvo el martes la producción de gas natural licuado en Ras Laffan "
     "después de que drones iraníes atacaran el complejo, informó la compañía estatal.", "ras-laffan-lng", CONF),
    ("es", "Catar cierra Ras Laffan",
     "Madrid, 3 mar (EUROPA PRESS) - Las autoridades de Catar han confirmado este martes que varios misiles "
     "lanzados desde Irán han alcanzado las instalaciones de Ras Laffan, que ha detenido su producción.",
     "ras-laffan-lng", CONF),
    ("es", "Irán lanza drones contra Ras Tanura; Aramco suspende la carga de crudo", "", "ras-tanura", CONF),
    ("es", "Las defensas saudíes interceptan drones dirigidos contra Ras Tanura", "", "ras-tanura", CONF),
    ("es", "La refinería de Ras Tanura arde tras un ataque con drones", "", "ras-tanura", CONF),
    ("es", "Rusia castiga con misiles los puertos de Odesa", "", "port-odesa", CONF),
    ("es", "Nuevo ataque ruso contra los puertos de Odesa", "", "port-odesa", CONF),
    ("es", "Un dron ruso impacta en un silo del puerto de Chornomorsk", "", "port-odesa", CONF),
    ("es", "Los puertos de Odesa, paralizados por los bombardeos rusos", "", "port-odesa", CONF),
    ("es", "Ucrania suspende las exportaciones por el puerto de Pivdenni tras los bombardeos", "", "port-odesa", CONF),
    ("es", "", "Kiev, 5 mar (EUROPA PRESS) - Las autoridades ucranianas han denunciado este jueves un ataque ruso con "
     "drones contra infraestructuras portuarias de la región de Odesa, que ha provocado un incendio.", "port-odesa", CONF),
    ("es", "Odesa: los ataques rusos destruyen 20.000 toneladas de grano ucraniano", "", "ukraine-grain-belt", CONF),
    ("es", "Catar declara fuerza mayor en sus exportaciones de GNL tras el ataque iraní contra Ras Laffan", "",
     "ras-laffan-lng", CONF),
    ("es", "Ataque con misiles contra la planta de GNL de Ras Laffan", "", "ras-laffan-lng", CONF),
    ("es", "La planta de Ingas en Mariúpol, en manos rusas tras semanas de combates", "", "ingas-mariupol", CONF),
    ("es", "La ocupación rusa paraliza la planta de Ingas en Mariúpol", "", "ingas-mariupol", CONF),
    ("es", "Las fuerzas rusas bombardean el puerto de Chornomorsk", "", "port-odesa", CONF),
    ("es", "Rusia vuelve a atacar los puertos de Odesa", "", "port-odesa", CONF),
    ("es", "Una explosión en una vía usada por los trenes de mercancías China-Europa fue un sabotaje, dice Tusk", "",
     "china-europe-rail", CONF),

    # ---------------------------------------------------------------- Portuguese
    ("pt", "Rússia ataca porto de Odessa com drones", "", "port-odesa", CONF),
    ("pt", "Ataque russo com mísseis danifica infraestrutura portuária de Odessa", "", "port-odesa", CONF),
    ("pt", "Bombardeamento russo contra o porto de Odessa faz dois mortos", "", "port-odesa", CONF),
    ("pt", "Porto de Chornomorsk atingido por míssil balístico russo", "", "port-odesa", CONF),
    ("pt", "Rússia bombardeia portos de Odessa pela terceira noite seguida", "", "port-odesa", CONF),
    ("pt", "Atividade suspensa nos portos de Odessa após ataque russo", "", "port-odesa", CONF),
    ("pt", "Incêndio em terminal de cereais do porto de Odessa após ataque de drones", "", "port-odesa", CONF),
    ("pt", "Alerta antiaéreo paralisa operações no porto de Odessa", "", "port-odesa", CONF),
    ("pt", "Ucrânia denuncia ataque russo ao porto de Odessa que danificou navio civil", "", "port-odesa", CONF),
    ("pt", "Porto de Odessa é alvo de novo ataque russo", "", "port-odesa", CONF),
    ("pt", "Drones russos atingem infraestrutura portuária na região de Odessa", "", "port-odesa", CONF),
    ("pt", "Estivador morre em bombardeio russo ao porto de Odesa", "", "port-odesa", CONF),
    ("pt", "", "Kiev, 10 out (Lusa) - A Rússia atacou durante a noite com drones a infraestrutura portuária da região "
     "de Odessa, no sul da Ucrânia, informou o governador regional.", "port-odesa", CONF),
    ("pt", "Rússia ataca porto de Chornomorsk",
     "KIEV (Reuters) - Um míssil balístico russo atingiu nesta sexta-feira o porto de Chornomorsk, na região de "
     "Odessa, danificando um navio civil que carregava grãos, disseram autoridades ucranianas.", "port-odesa", CONF),
    ("pt", "Rússia destrói milhares de toneladas de grãos ucranianos em ataques a portos", "", "ukraine-grain-belt", CONF),
    ("pt", "Míssil russo destrói armazém com cereais da Ucrânia em Odessa", "", "ukraine-grain-belt", CONF),
    ("pt", "Fábrica da Cryoin em Odessa danificada por bombardeamento russo", "", "cryoin-odesa", CONF),
    ("pt", "Drones ucranianos atacam fábrica de titânio VSMPO-AVISMA nos Urais", "", "titanium-vsmpo", CONF),
    ("pt", "Ataque de drones contra a refinaria de Ras Tanura da Saudi Aramco", "", "ras-tanura", CONF),
    ("pt", "Aramco fecha refinaria de Ras Tanura após ataque com drones", "", "ras-tanura", CONF),
    ("pt", "Irã ataca terminal petrolífero saudita de Ras Tanura", "", "ras-tanura", CONF),
    ("pt", "Irão ataca terminal petrolífero saudita de Ras Tanura", "", "ras-tanura", CONF),
    ("pt", "Incêndio em Ras Tanura após impacto de drone iraniano", "", "ras-tanura", CONF),
    ("pt", "Mísseis iranianos atingem refinaria de Ras Tanura", "", "ras-tanura", CONF),
    ("pt", "Refinaria de Ras Tanura segue fechada uma semana após ataque iraniano", "", "ras-tanura", CONF),
    ("pt", "", "Dubai, 02 mar (Lusa) - A petrolífera estatal saudita Aramco encerrou hoje a refinaria de Ras Tanura "
     "depois de destroços de um drone intercetado terem provocado um incêndio, segundo fontes do setor.",
     "ras-tanura", CONF),
    ("pt", "Mísseis iranianos atingem Ras Laffan e QatarEnergy suspende produção de GNL", "", "ras-laffan-lng", CONF),
    ("pt", "Catar suspende produção de GNL em Ras Laffan após ataques iranianos", "", "ras-laffan-lng", CONF),
    ("pt", "QatarEnergy declara força maior após ataque a Ras Laffan", "", "ras-laffan-lng", CONF),
    ("pt", "Irã bombardeia complexo de gás de Ras Laffan", "", "ras-laffan-lng", CONF),
    ("pt", "Ras Laffan, danificado por mísseis iranianos, levará meses para voltar a produzir", "", "ras-laffan-lng", CONF),
    ("pt", "", "DOHA (Reuters) - A QatarEnergy interrompeu nesta terça-feira a produção de gás natural liquefeito em "
     "Ras Laffan depois que drones iranianos atingiram o complexo, informou a estatal.", "ras-laffan-lng", CONF),
    ("pt", "Catar fecha Ras Laffan",
     "Brasília (Agência Brasil) - As autoridades do Catar confirmaram nesta terça-feira que mísseis lançados pelo "
     "Irã atingiram as instalações de Ras Laffan, que teve a produção interrompida.", "ras-laffan-lng", CONF),
    ("pt", "Ataque com mísseis contra fábrica de GNL de Ras Laffan", "", "ras-laffan-lng", CONF),
    ("pt", "Catar declara força maior nas exportações de GNL após ataque iraniano contra Ras Laffan", "",
     "ras-laffan-lng", CONF),
    ("pt", "Defesas sauditas intercetam drones dirigidos a Ras Tanura", "", "ras-tanura", CONF),
    ("pt", "Refinaria de Ras Tanura em chamas após ataque com drones", "", "ras-tanura", CONF),
    ("pt", "", "SÃO PAULO (Folhapress) - O Irã atacou nesta segunda-feira a refinaria de Ras Tanura, na Arábia "
     "Saudita, segundo a agência estatal saudita.", "ras-tanura", CONF),
    ("pt", "Novo ataque russo contra os portos de Odessa", "", "port-odesa", CONF),
    ("pt", "Drone russo atinge silo no porto de Chornomorsk", "", "port-odesa", CONF),
    ("pt", "Portos de Odessa paralisados por bombardeios russos", "", "port-odesa", CONF),
    ("pt", "Ucrânia suspende exportações pelo porto de Pivdennyi após bombardeios", "", "port-odesa", CONF),
    ("pt", "Rússia lança drones contra portos de Odessa", "", "port-odesa", CONF),
    ("pt", "Ataques russos destroem 20 mil toneladas de grãos ucranianos em Odessa", "", "ukraine-grain-belt", CONF),
    ("pt", "Fábrica da Ingas em Mariupol sob ocupação russa após semanas de combates", "", "ingas-mariupol", CONF),
    ("pt", "Forças russas bombardeiam porto de Chornomorsk", "", "port-odesa", CONF),
    ("pt", "Rússia volta a atacar portos de Odessa", "", "port-odesa", CONF),
    ("pt", "Ataque de drones deixa porto de Odessa sem energia", "", "port-odesa", CONF),
    ("pt", "Explosão em linha usada por trens de carga China-Europa foi sabotagem, diz Tusk", "",
     "china-europe-rail", CONF),
]

# (lang, title, lead, node): nothing at the node
NEGATIVES = [
    # ---------------------------------------------------------------- English
    ("en", "Ukraine, Russia peace talks to cover safety of Odesa ports", "", "port-odesa"),
    ("en", "Ceasefire holds as Port of Odesa ships record grain volumes", "", "port-odesa"),
    ("en", "Ukraine's grain exports via Odesa ports rise 20% despite war", "", "port-odesa"),
    ("en", "Ukrainian navy holds drills off Odesa port", "", "port-odesa"),
    ("en", "Odesa port marks anniversary of Russian missile strike", "", "port-odesa"),
    ("en", "Film about Odesa port under bombardment premieres in Venice", "", "port-odesa"),
    ("en", "Odesa port war-risk insurance premiums fall to lowest since 2022", "", "port-odesa"),
    pytest.param("en", "Russia warns it could strike Odesa ports if corridor used for weapons", "", "port-odesa",
                 marks=LEFT("a state's threat to 'strike' reads as a walkout threat, which counts as an event; "
                            "no cue tells it from a union that 'warns it could strike'")),
    ("en", "Russian drones attack power plant in Kharkiv", "", "port-odesa"),
    ("en", "Russian missiles hit Lviv, Odesa port operating normally", "", "port-odesa"),
    ("en", "Ukraine boosts defence budget to protect Odesa ports with air defences", "", "port-odesa"),
    ("en", "Ukraine signs arms deal with Germany for air defence of Odesa ports", "", "port-odesa"),
    ("en", "Oil rises on Middle East tension; Ras Tanura loadings steady", "", "ras-tanura"),
    ("en", "Oil jumps as traders fear attacks on Ras Tanura", "", "ras-tanura"),
    ("en", "Saudi Arabia denies reports of attack on Ras Tanura", "", "ras-tanura"),
    ("en", "Saudi Arabia and Iran hold talks; Ras Tanura exports unaffected", "", "ras-tanura"),
    ("en", "Saudi air defence drill held near Ras Tanura", "", "ras-tanura"),
    ("en", "A year after the drone attack, Ras Tanura runs at full capacity", "", "ras-tanura"),
    ("en", "Israeli strikes hit Iranian refinery in Abadan", "", "ras-tanura"),
    ("en", "QatarEnergy strikes 27-year LNG deal with Sinopec from Ras Laffan", "", "ras-laffan-lng"),
    ("en", "Qatar hosts Gaza ceasefire talks; Ras Laffan LNG cargoes unaffected", "", "ras-laffan-lng"),
    ("en", "Qatar raises defence spending to protect Ras Laffan", "", "ras-laffan-lng"),
    ("en", "Asian LNG prices rise on Iran war fears, Ras Laffan output steady", "", "ras-laffan-lng"),
    ("en", "Ras Laffan expansion on track despite regional war", "", "ras-laffan-lng"),
    ("en", "Ukrainian drones hit Ryazan refinery", "", "titanium-vsmpo"),
    ("en", "VSMPO-AVISMA strikes titanium supply deal with Boeing", "", "titanium-vsmpo"),
    ("en", "Book recounts the siege of Mariupol and its Ingas neon plant", "", "ingas-mariupol"),
    ("en", "Cryoin chief says neon output is back to pre-war levels", "", "cryoin-odesa"),
    ("en", "Ukrainian grain prices fall as peace talks advance", "", "ukraine-grain-belt"),
    ("en", "Iran targets higher oil exports to rival Saudi Ras Tanura", "", "ras-tanura"),
    ("en", "Russia attacks EU plan as Odesa port volumes rise", "", "port-odesa"),
    ("en", "Russia hits record grain exports, squeezing Ukrainian grain", "", "ukraine-grain-belt"),
    ("en", "Russia strikes grain deal with Turkey over Ukrainian grain", "", "ukraine-grain-belt"),
    ("en", "Saudi Arabia buys interceptor missiles to protect Ras Tanura", "", "ras-tanura"),
    ("en", "Iran hits out at Qatar over Ras Laffan expansion", "", "ras-laffan-lng"),
    ("en", "Fighting rages over Lufthansa board seats", "", "lufthansa"),
    ("en", "Lufthansa bombarded with refund requests", "", "lufthansa"),
    ("en", "Odesa port chief: striker's goal lifts dockers' football club", "", "port-odesa"),

    # ---------------------------------------------------------------- Japanese
    ("ja", "オデーサ港の安全巡り和平交渉", "", "port-odesa"),
    ("ja", "停戦維持、オデーサ港からの穀物輸出が過去最高", "", "port-odesa"),
    ("ja", "オデーサ港で防空訓練", "", "port-odesa"),
    ("ja", "オデーサ港へのミサイル攻撃から1年、追悼式典", "", "port-odesa"),
    ("ja", "ロシア、オデーサ港を攻撃すると警告", "", "port-odesa"),
    ("ja", "ロシア軍、ハルキウの発電所を攻撃", "", "port-odesa"),
    ("ja", "ウクライナ、国防費を増額　オデーサ港の防空強化", "", "port-odesa"),
    ("ja", "映画「オデーサの港」公開　戦争下の港湾労働者描く", "", "port-odesa"),
    ("ja", "中東情勢の緊迫で原油高、ラスタヌーラの出荷は平常通り", "", "ras-tanura"),
    ("ja", "サウジ、ラスタヌーラへの攻撃報道を否定した", "", "ras-tanura"),
    ("ja", "ラスタヌーラ攻撃から1年", "", "ras-tanura"),
    ("ja", "サウジ、ラスタヌーラで合同演習", "", "ras-tanura"),
    ("ja", "イスラエル、イランのアバダン製油所を空爆", "", "ras-tanura"),
    ("ja", "カタールエナジー、中国と長期LNG契約　ラスラファンの拡張進む", "", "ras-laffan-lng"),
    ("ja", "カタール、ガザ停戦協議を仲介　ラスラファンのLNG出荷に影響なし", "", "ras-laffan-lng"),
    ("ja", "アジアLNG価格、イラン情勢の緊迫で上昇　ラスラファンは通常通り稼働", "", "ras-laffan-lng"),
    ("ja", "ウクライナの無人機、リャザンの製油所を攻撃", "", "titanium-vsmpo"),
    ("ja", "ウクライナ産穀物の価格下落、和平交渉の進展で", "", "ukraine-grain-belt"),
    ("ja", "サッカー、オデーサの攻撃陣が爆発", "", "port-odesa"),
    ("ja", "オデーサ港攻撃の映画、ベネチアで上映", "", "port-odesa"),
    ("ja", "ラスラファン攻撃の恐れでLNG価格上昇", "", "ras-laffan-lng"),
    ("ja", "サウジ、迎撃ミサイルを追加購入　ラスタヌーラ防衛", "", "ras-tanura"),
    ("ja", "ウクライナ産穀物、和平合意で輸出拡大へ", "", "ukraine-grain-belt"),
    ("ja", "カタールエナジー、ラスラファンでテロ対策訓練", "", "ras-laffan-lng"),
    ("ja", "ウクライナ産穀物の輸出、停戦合意後に回復", "", "ukraine-grain-belt"),

    # ---------------------------------------------------------------- Spanish
    ("es", "Las conversaciones de paz abordan la seguridad de los puertos de Odesa", "", "port-odesa"),
    ("es", "El alto el fuego se mantiene y el puerto de Odesa bate su récord de exportaciones", "", "port-odesa"),
    ("es", "Se cumplen dos años del ataque ruso al puerto de Odesa", "", "port-odesa"),
    ("es", "Simulacro de ataque aéreo en el puerto de Odesa", "", "port-odesa"),
    ("es", "Rusia amenaza con atacar los puertos de Odesa", "", "port-odesa"),
    ("es", "Rusia ataca una central eléctrica en Járkov", "", "port-odesa"),
    ("es", "Ucrania aumenta su presupuesto de defensa para proteger el puerto de Odesa", "", "port-odesa"),
    ("es", "Una película sobre la guerra en el puerto de Odesa se estrena en Venecia", "", "port-odesa"),
    ("es", "Las exportaciones del puerto de Odesa crecen un 20% pese a la guerra", "", "port-odesa"),
    ("es", "El petróleo sube por la tensión en Oriente Medio; Ras Tanura carga con normalidad", "", "ras-tanura"),
    ("es", "Arabia Saudí desmiente un ataque contra Ras Tanura", "", "ras-tanura"),
    ("es", "Israel bombardea la refinería iraní de Abadán", "", "ras-tanura"),
    ("es", "QatarEnergy cierra un acuerdo de GNL a 27 años desde Ras Laffan", "", "ras-laffan-lng"),
    ("es", "Catar acoge negociaciones de alto el fuego; Ras Laffan opera con normalidad", "", "ras-laffan-lng"),
    ("es", "Drones ucranianos atacan la refinería de Riazán", "", "titanium-vsmpo"),
    ("es", "El precio del grano ucraniano cae ante el avance de las negociaciones de paz", "", "ukraine-grain-belt"),
    ("es", "El delantero del club de Odesa ataca el liderato", "", "port-odesa"),
    ("es", "Irán amenaza con atacar Ras Tanura si Arabia Saudí apoya a EEUU", "", "ras-tanura"),
    ("es", "Maniobras militares saudíes cerca de Ras Tanura", "", "ras-tanura"),
    ("es", "Documental sobre el bombardeo del puerto de Odesa se estrena en Kiev", "", "port-odesa"),
    ("es", "Rusia y Ucrania negocian un alto el fuego que protegería los puertos de Odesa", "", "port-odesa"),
    ("es", "El precio del GNL sube por temor a ataques contra Ras Laffan", "", "ras-laffan-lng"),
    ("es", "Arabia Saudí compra misiles interceptores para proteger Ras Tanura", "", "ras-tanura"),
    ("es", "Ucrania firma un acuerdo de armas con Alemania para defender el puerto de Odesa", "", "port-odesa"),

    # ---------------------------------------------------------------- Portuguese
    ("pt", "Negociações de paz abordam segurança dos portos de Odessa", "", "port-odesa"),
    ("pt", "Cessar-fogo mantém-se e porto de Odessa bate recorde de exportações", "", "port-odesa"),
    ("pt", "Há dois anos, ataque russo atingia o porto de Odessa", "", "port-odesa"),
    ("pt", "Simulacro de ataque aéreo no porto de Odessa", "", "port-odesa"),
    ("pt", "Rússia ameaça atacar portos de Odessa", "", "port-odesa"),
    ("pt", "Rússia ataca central elétrica em Kharkiv", "", "port-odesa"),
    ("pt", "Ucrânia aumenta orçamento de defesa para proteger porto de Odessa", "", "port-odesa"),
    ("pt", "Filme sobre a guerra no porto de Odessa estreia em Veneza", "", "port-odesa"),
    ("pt", "Petróleo sobe com tensão no Oriente Médio; Ras Tanura opera normalmente", "", "ras-tanura"),
    ("pt", "Arábia Saudita desmente ataque a Ras Tanura", "", "ras-tanura"),
    ("pt", "Israel bombardeia refinaria iraniana de Abadan", "", "ras-tanura"),
    ("pt", "QatarEnergy fecha acordo de GNL de 27 anos a partir de Ras Laffan", "", "ras-laffan-lng"),
    ("pt", "Catar sedia negociações de cessar-fogo; Ras Laffan sem qualquer impacto", "", "ras-laffan-lng"),
    ("pt", "Drones ucranianos atacam refinaria de Ryazan", "", "titanium-vsmpo"),
    ("pt", "Preço dos grãos ucranianos cai com avanço das negociações de paz", "", "ukraine-grain-belt"),
    ("pt", "Atacante do clube de Odessa marca dois golos", "", "port-odesa"),
    ("pt", "Irã ameaça atacar Ras Tanura", "", "ras-tanura"),
    ("pt", "Preço do GNL sobe por temor de ataques a Ras Laffan", "", "ras-laffan-lng"),
    ("pt", "Documentário sobre bombardeio ao porto de Odessa estreia em Kiev", "", "port-odesa"),
    ("pt", "Rússia e Ucrânia negociam cessar-fogo que protegeria portos de Odessa", "", "port-odesa"),
    ("pt", "Exercícios militares sauditas perto de Ras Tanura", "", "ras-tanura"),
    ("pt", "Arábia Saudita compra mísseis intercetores para proteger Ras Tanura", "", "ras-tanura"),
    ("pt", "Ucrânia assina acordo de armas com a Alemanha para defender porto de Odessa", "", "port-odesa"),
]

# (lang, title, lead, node, wanted type, forbidden type): a labour strike is no attack, a drone strike no walkout
TYPED = [
    ("en", "Dockworkers at Port of Odesa go on strike over unpaid wages", "", "port-odesa", "strike", "conflict"),
    ("en", "Russian strike on Odesa port damages grain terminal", "", "port-odesa", "conflict", "strike"),
    ("en", "Drone strike halts Ras Tanura refinery", "", "ras-tanura", "conflict", "strike"),
    ("en", "Missile strikes hit Ras Laffan", "", "ras-laffan-lng", "conflict", "strike"),
    ("en", "Iran's Revolutionary Guards strike Saudi refinery at Ras Tanura", "", "ras-tanura", "conflict", "strike"),
    ("en", "Russian forces strike Odesa port overnight", "", "port-odesa", "conflict", "strike"),
    pytest.param("en", "Ukraine's Odesa port hit by strikes for a third night", "", "port-odesa", "conflict", "strike",
                 marks=LEFT("'hit by strikes' with no weapon, army or side named is a walkout as often")),
    ("ja", "オデーサ港で港湾労働者がスト", "", "port-odesa", "strike", "conflict"),
    ("ja", "オデーサ港にミサイル攻撃", "", "port-odesa", "conflict", "strike"),
    ("es", "Los estibadores del puerto de Odesa, en huelga por los salarios", "", "port-odesa", "strike", "conflict"),
    ("es", "Un ataque ruso golpea el puerto de Odesa", "", "port-odesa", "conflict", "strike"),
    ("pt", "Estivadores do porto de Odessa entram em greve por salários", "", "port-odesa", "strike", "conflict"),
    ("pt", "Ataque russo atinge porto de Odessa", "", "port-odesa", "conflict", "strike"),
]


def _id(case) -> str:
    values = case.values if hasattr(case, "values") else case
    return f"{values[0]}:{(values[1] or values[2])[:50]}"


@pytest.mark.parametrize(("lang", "title", "text", "target", "types"), POSITIVES,
                         ids=[_id(p) for p in POSITIVES])
def test_conflict_construction_raises(bundled, lang, title, text, target, types):
    got = raised(bundled, lang, title, text)
    assert got.get(target, set()) & types, got


@pytest.mark.parametrize(("lang", "title", "text", "target"), NEGATIVES,
                         ids=[_id(n) for n in NEGATIVES])
def test_conflict_near_miss_stays_quiet(bundled, lang, title, text, target):
    got = raised(bundled, lang, title, text)
    assert target not in got, got


@pytest.mark.parametrize(("lang", "title", "text", "target", "wanted", "forbidden"), TYPED,
                         ids=[_id(t) for t in TYPED])
def test_military_and_labour_strike_typed_apart(bundled, lang, title, text, target, wanted, forbidden):
    got = raised(bundled, lang, title, text).get(target, set())
    assert wanted in got and forbidden not in got, got
