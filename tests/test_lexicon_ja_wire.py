"""Japanese wire phrasing of the lexicon (graphs/data/lexicon.d/ja.yaml) on the bundled graph.

Every sentence is real publisher text (Kyodo, Jiji, NHK, Reuters Japanese, AFPBB-style
agency copy and the Japanese trade press), quoted verbatim; the pages are listed in
seen-urls.txt of the branch that added them, so they stay out of any held-out set.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphs.lexicon import load_lexicon
from graphs.loader import load_graph
from graphs.tagger import Tagger
from helpers_tagging import alerts

BUNDLED = Path(__file__).resolve().parent.parent / "config"


@pytest.fixture(scope="module")
def bundled() -> Tagger:
    return Tagger(load_graph(BUNDLED / "graph", display_root=BUNDLED), load_lexicon())


@pytest.mark.parametrize(
    ("title", "target", "types"),
    [
        # measurable collapse of a chokepoint's traffic: 半減, 激減, "N隻に減らされる"
        ("スエズ運河通過の船は半減。", "suez-canal", {"blockage"}),
        ("世界の物流の要衝であるスエズ運河やパナマ運河を利用する船舶が激減していることが、"
         "国連貿易開発会議が25日までに発表した報告書で分かった。", "suez-canal", {"blockage"}),
        ("世界の物流の要衝であるスエズ運河やパナマ運河を利用する船舶が激減していることが、"
         "国連貿易開発会議が25日までに発表した報告書で分かった。", "panama-canal", {"blockage"}),
        ("大西洋と太平洋を結ぶパナマ運河を航行できる船舶の最大数が1日32隻から31隻に減らされる予定だ。",
         "panama-canal", {"blockage"}),
        # a carrier gives up a route: 航路の使用を取りやめる
        ("日本の海運大手、ONE(オーシャンネットワークエクスプレス)は2023年12月19日、紅海ならびにアデン湾での"
         "安全性低下を鑑みて、スエズ運河および紅海を通る航路の使用を取りやめると発表しました。",
         "suez-canal", {"blockage"}),
        # a port's operations in disarray (操業が混乱) or under a navigation ban (航行禁止)
        ("欧州ではロッテルダムに続いて2番目の規模を誇るコンテナ港であり世界有数の化学品取扱高を誇る"
         "アントワープ・ブルージュ港の操業が混乱している。", "port-antwerp-bruges", {"congestion", "blockage"}),
        ("現地時間6月6日夜、欧州第2位のコンテナ港であるベルギーのアントワープ・ブルージュ港で燃料漏れが発生し、"
         "欧州最大の単一コンテナターミナルであるドゥルガンクドックは限定的な航行禁止を余儀なくされた。",
         "port-antwerp-bruges", {"blockage", "accident"}),
        # a quake halts part of a fab (already covered: a guard against the new terms' overlaps)
        ("台湾東部沖で発生した大規模な地震により、世界をリードする半導体製造企業である台湾積体電路製造(TSMC)が"
         "一部の製造設備の稼働を停止したことが報告された。", "tsmc-taiwan", {"natural_disaster", "outage"}),
    ],
)
def test_japanese_wire_disruptions_alert(bundled, title, target, types):
    assert alerts(bundled, title, "", "ja").get(target) in types


def test_a_port_paralysed_is_blocked_and_its_interrupted_handling_too(bundled):
    # 麻痺 (paralysed) and 荷役が中断 (cargo handling interrupted) are blockage words of a port
    title = ("欧州一の取扱高を誇るオランダのロッテルダム港では、甲板上のコンテナを固定する作業をおこなうラッシング会社"
             "(International Lashing Services B.V.とMatrans Marine Services B.V.)による賃上げ要求のための48時間の"
             "ストライキを開始したことにより港のコンテナ荷役が中断した。")
    events = {(e.target, e.type) for e in bundled.tag(title, "", "ja") if not e.recovery}
    assert ("port-rotterdam", "blockage") in events
    assert ("port-rotterdam", "strike") in events


def test_force_majeure_is_an_outage():
    from helpers_tagging import chain_of, node, sure

    petronas = node("petronas", "ペトロナス", "ペトロナス", kind="company", country="MY")
    tagger = Tagger(chain_of([petronas], "ja-wire-1"), load_lexicon())
    title = ("これを受けてLNGの製造と販売を手がける「ペトロナス」の子会社は、購入相手への供給義務を免れる"
             "「不可抗力条項」を宣言しました。")
    assert ("petronas", "outage") in sure(tagger, "ja", title)


def test_a_continuing_production_halt_is_an_outage():
    # Reuters Japanese headline: 製造停止継続 (the halt goes on)
    from helpers_tagging import chain_of, node, sure

    ford = node("ford", "フォード", "フォード", kind="company", country="US")
    tagger = Tagger(chain_of([ford], "ja-wire-2"), load_lexicon())
    assert ("ford", "outage") in sure(tagger, "ja", "米フォード、一部工場の製造停止継続 半導体不足で")


def test_production_affected_now_is_an_outage_but_a_feared_effect_is_not_a_term():
    from graphs.lexicon import parse_phrase
    from helpers_tagging import chain_of, node, sure

    petronas = node("petronas", "ペトロナス", "ペトロナス", kind="company", country="MY")
    tagger = Tagger(chain_of([petronas], "ja-wire-3"), load_lexicon())
    # NHK: 生産に影響が出ている (production is affected)
    title = ("マレーシアの国営エネルギー会社「ペトロナス」は、LNGの原料となるガスを運ぶパイプラインでガス漏れの"
             "トラブルが発生し、一部のプラントで生産に影響が出ていることを8日、発表しました。")
    assert ("petronas", "outage") in sure(tagger, "ja", title)
    # "影響が出ないか懸念" (a feared effect) must not match: the phrase shipped excludes a following ない
    outage_ja = load_lexicon().types["outage"].terms["ja"]
    guarded = [t for t in outage_ja if t.startswith("生産に影響が出")]
    assert guarded and all("!" in t and "な" in t.split("!")[1].split("|") for t in guarded)
    assert parse_phrase(guarded[0])[0].tail is not None


def test_draught_limits_block_the_canal(bundled):
    # Japan Press on the drought-hit Panama Canal
    title = "パナマ運河では、前例のない干ばつにより水位が下がり、運河を通航する船舶の喫水制限を行っている。"
    assert ("panama-canal", "blockage") in {(e.target, e.type) for e in bundled.tag(title, "", "ja")}


def test_an_airport_out_of_operation_is_out():
    from helpers_tagging import chain_of, node, sure

    sendai = node("sendai-airport", "仙台空港", "仙台空港", kind="hub", country="JP")
    tagger = Tagger(chain_of([sendai], "ja-wire-4"), load_lexicon())
    # FlyTeam after the 2011 quake: 運用を停止している (the airport is not operating)
    assert ("sendai-airport", "outage") in sure(tagger, "ja", "なお、現在、運用を停止しているのは滑走路が水没した仙台空港。")


def test_a_gale_at_a_port_is_a_natural_disaster():
    from helpers_tagging import chain_of, node, sure

    shanghai = node("port-shanghai", "上海港", "上海港", kind="port", country="CN")
    tagger = Tagger(chain_of([shanghai], "ja-wire-5"), load_lexicon())
    # Eastday (Xinhua): 強風 keeps a hundred ships from sailing
    title = ("12日昼ごろから7〜8級の強風が上海港長江口地域を襲い、外高橋、呉淞、洋山をはじめ、上海港の百隻近くの船舶は"
             "航行計画を見合わせるか、取り消すことになり、長江口で錨を下ろし、出入港を待ち受けている。")
    assert ("port-shanghai", "natural_disaster") in sure(tagger, "ja", title)


# -- wire3-tune (Japanese): the sentences that failed, each with a near-miss that must not fire


@pytest.mark.parametrize(
    ("title", "target", "types"),
    [
        # yj0013: a Latin gloss between the katakana name and 工場 ("ツイッカウ(Zwickau)工場")
        ("ドイツの自動車大手フォルクスワーゲン(VW)は、東部ザクセン州ツイッカウ(Zwickau)工場で減産に踏み切った。",
         "volkswagen-zwickau", {"shortage", "outage"}),
        # yj0030: 供給への懸念 is 供給懸念 spelled out
        ("コートジボワールの現地報道によると、世界最大のカカオ豆生産国の同国は7月13日、2023/2024カカオ収穫年度"
         "(2023年10月1日~2024年9月30日)に収穫・出荷されるカカオ豆の取引について、供給への懸念から先物販売を"
         "一時停止することを発表した。", "cocoa-cote-divoire", {"shortage", "trade_restriction", "natural_disaster"}),
        # near-misses of the rules below that must still fire: a live attack beside the war as epithet,
        # a problem not yet solved, an easing only expected
        ("ロシアの侵攻が続くウクライナ南部のオデーサ港がミサイル攻撃を受けた。", "port-odesa", {"conflict"}),
        ("ボッシュ・モビリティからの部品供給が滞り、生産を停止している問題は解消されていない。",
         "bosch-mobility", {"shortage", "outage"}),
        ("パナマ運河庁は、喫水制限を緩和する見通しを示したが、運河を通航する船舶の喫水制限は続いている。",
         "panama-canal", {"blockage"}),
    ],
)
def test_japanese_wire3_disruptions_alert(bundled, title, target, types):
    assert alerts(bundled, title, "", "ja").get(target) in types


def test_the_plant_of_melfi_is_stellantis_melfi(bundled):
    # yj0009: "メルフィの工場" (the plant of Melfi) under a headline of cuts for want of chips
    title = "ルノーとステランティス、一部工場で減産-半導体不足で"
    text = ("フィアット・クライスラー・オートモービルズ(FCA)とフランスのグループPSAの統合で誕生したステランティスは、"
            "イタリアのメルフィの工場の稼働を2月15-16日と同月22-23日に停止する。")
    assert alerts(bundled, title, text, "ja").get("stellantis-melfi") in {"shortage", "outage"}


@pytest.mark.parametrize(
    ("title", "text", "target"),
    [
        # the gloss folds away only before a kanji word: the city alone is no plant
        ("東部ザクセン州ツイッカウ(Zwickau)で減産に踏み切った企業が相次いだ。", "", "volkswagen-zwickau"),
        # a supplier's plant in Melfi is not Stellantis's
        ("イタリアのメルフィの部品工場の稼働を停止する。", "", "stellantis-melfi"),
        # yj0045: the supply problem has been solved (問題が解消したもようだ)
        ("独高級車大手BMWの一部の工場で、独自動車部品大手ボッシュからの部品供給が滞り、生産を縮小・停止していた問題が"
         "解消したもようだ。", "", "bosch-mobility"),
        # yj0047: a draft limit eased is the canal reopening, not closing
        ("パナマ運河庁(ACP)は、ガトゥン湖の現在の水位と今後数週間の予測水位に基づき、8月15日から同運河の最大喫水制限を"
         "50ft(15.24m)に緩和し、9月1日から1日あたりの通航枠を36隻とする。", "", "panama-canal"),
        # yj0055: the war as Ukraine's epithet; the port's ship sails
        ("ウクライナ南部港から穀物船出港 ロシアの合意離脱後に初めて",
         "【キーウ共同】ロシアの侵攻が続くウクライナのクブラコフ副首相兼インフラ相は19日、フェイスブックの投稿で、"
         "南部オデッサ州のチョルノモルスク港から小麦を積んだ民間貨物船が黒海に出港したと明らかにした。", "port-odesa"),
        # wire-tune w0146: the war's start as a point in time (戦争を命令して以来)
        ("ラス・ラファン:カタールの国営エネルギー大手は火曜日、湾岸首長国の北東海岸にある輸出ターミナルを通じて"
         "世界最大の天然ガス田からの生産を拡大するプロジェクトの建設を開始した。",
         "昨年初めにウラジミール・プーチン大統領が対ウクライナ全面戦争を命令して以来、ヨーロッパの消費国がロシアからの"
         "供給が失われたものを補充しようと躍起になっており、カタール・ガスの需要が高まっている。", "ras-laffan-lng"),
    ],
)
def test_japanese_wire3_near_misses_stay_quiet(bundled, title, text, target):
    assert target not in alerts(bundled, title, text, "ja")


def test_a_latin_gloss_before_kana_stays_a_name():
    from graphs.gazetteer import fold

    assert fold("ツイッカウ(Zwickau)工場").norm.split() == ["ツイッカウ", "工", "場"]
    assert "vw" in fold("フォルクスワーゲン(VW)は").norm.split()
    assert "bosch" in fold("ボッシュ(Bosch)社").norm.split()


def test_the_car_plant_of_a_place_is_its_plant(bundled):
    # yj0012: "ヴォルフスブルクの乗用車工場" (Wolfsburg's car plant) names the plant "ヴォルフスブルク工場"
    title = "VWが減産、サプライヤー工場でコロナ感染発生"
    text = "自動車大手の独フォルクスワーゲン(VW)は本社所在地ヴォルフスブルクの乗用車工場で14日から減産を開始した。"
    assert alerts(bundled, title, text, "ja").get("volkswagen-wolfsburg") in {"shortage", "outage"}
    # the same item's parts plant in Braunschweig is not the Wolfsburg plant
    near = "ブラウンシュヴァイクにあるVWの部品工場でも生産規模を縮小する。減産を開始した。"
    assert "volkswagen-wolfsburg" not in alerts(bundled, near, "", "ja")


def test_japanese_plant_forms_only_for_a_katakana_place():
    from graphs.gazetteer import japanese_plant_forms

    assert "メルフィの工場" in japanese_plant_forms("メルフィ工場")
    assert "ツイッカウにある工場" in japanese_plant_forms("ツイッカウ工場")
    # a firm's own plant name or a Latin alias gets no forms
    assert japanese_plant_forms("VW本社工場") == ()
    assert japanese_plant_forms("Zwickau plant") == ()


def test_cannot_be_ruled_out_is_no_denial(bundled):
    # wire-tune w0143 (Reuters Japanese): 否定できなくなる ("can no longer be ruled out") is no denial
    title = "中国レアアース輸出規制、世界の自動車会社が悲鳴 生産停止懸念"
    text = ("[3日 ロイター] - ドイツ自動車工業会(VDA)のヒルデガルト・ミュラー会長は3日、中国によるレアアース(希土類)"
            "合金・化合物・磁石の輸出規制について「この状況がすぐに変わらなければ、生産の遅れや停止も否定できなくなる」と"
            "懸念を示した。")
    assert alerts(bundled, title, text, "ja").get("baotou-rare-earths") == "trade_restriction"
    # a denial still cancels
    denied = "中国レアアース輸出規制の報道、中国商務省が否定"
    assert "baotou-rare-earths" not in alerts(bundled, denied, "", "ja")


def test_a_limit_imposed_to_ease_congestion_is_no_recovery(bundled):
    # near-miss of 喫水制限を…に緩和 (yj0047): a limit imposed "to ease" (緩和するため) something else
    title = "パナマ運河庁は混雑を緩和するため、運河を通航する船舶の喫水制限を行っている。"
    events = {(e.target, e.type, e.recovery) for e in bundled.tag(title, "", "ja")}
    assert ("panama-canal", "blockage", False) in events


# -- wire4-tune (Japanese): the sentences that failed, each with a near-miss that must not fire


@pytest.mark.parametrize(
    ("title", "target", "types"),
    [
        # zj0010 (NHK): transits collapsed to a handful of ships, even with a ceasefire in the same sentence
        ("アメリカとイラン 停戦合意後にホルムズ海峡を通過した船舶は3隻のみ 船の位置情報の分析で判明",
         "strait-of-hormuz", {"blockage"}),
        # zj0002 (AFP): "わずか9隻にとどまった"
        ("【3月7日 AFP】AFPが船舶の位置情報などを提供するウェブサイト「マリントラフィック」を分析したところによると、"
         "2日以降にホルムズ海峡を通過したと記録されているタンカーや貨物船、コンテナ船は合わせてわずか9隻にとどまった。",
         "strait-of-hormuz", {"blockage"}),
        # zj0016: the first attack since the ceasefire (停戦合意後初めて) breaks it, it does not cancel the attack
        ("フーシ派、紅海で船舶攻撃 米との停戦合意後初めて", "red-sea", {"conflict"}),
        # zj0043: an export halt spelled with の and a time adverb (輸出を一時停止, 輸出の一時停止)
        ("コンゴ民主共和国が「コバルト」の輸出を一時停止", "cobalt-drc", {"trade_restriction"}),
        ("世界最大のコバルト産出国であるアフリカのコンゴ民主共和国(旧ザイール)が、コバルト製品の輸出の一時停止に踏み切った。",
         "cobalt-drc", {"trade_restriction"}),
    ],
)
def test_japanese_wire4_disruptions_alert(bundled, title, target, types):
    assert alerts(bundled, title, "", "ja").get(target) in types


@pytest.mark.parametrize(
    ("title", "target", "quiet_type"),
    [
        # a count of ships that grows is no collapse of transits
        ("ホルムズ海峡を通過した船舶は前週比で増え、1日40隻に達した。", "strait-of-hormuz", "blockage"),
        # "only one ship was hit" near the strait is the attack, not a transit count
        ("ホルムズ海峡付近で攻撃を受けた船は1隻のみで、被害は軽微だった。", "strait-of-hormuz", "blockage"),
        # a ceasefire reached still cancels the attack it ends; and attacks stopped are no outage
        ("紅海での攻撃をめぐり、フーシ派と米国は停戦で合意した。", "red-sea", "conflict"),
        ("紅海で停戦合意が発効し、フーシ派は攻撃を停止した。", "red-sea", "outage"),
        # a ceasefire as a point in time is no attack either
        ("停戦合意後初めて、ホルムズ海峡をタンカーが通過した。", "strait-of-hormuz", "conflict"),
        # zj0062: the war's start as a point in time (全面戦争を命じて以来), not a war at the terminal
        ("ラス・ラファン、カタール:カタールの国有大手エネルギー企業は3日、同国北東部沿岸の輸出ターミナルを通して世界最大の"
         "天然ガス田からの生産を拡大するプロジェクトの建設工事を開始した。ロシアのウラジミール・プーチン大統領が昨年はじめに"
         "ウクライナに対する全面戦争を命じて以来、ロシアからの天然ガス供給を失った欧州の消費国が代替調達先の確保に奔走する中、"
         "カタール産天然ガスに対する需要が高まっている。", "ras-laffan-lng", "conflict"),
    ],
)
def test_japanese_wire4_near_misses_stay_quiet(bundled, title, target, quiet_type):
    assert alerts(bundled, title, "", "ja").get(target) != quiet_type


# The family of wordings for a strait whose traffic has stopped, beyond the one item that failed
# (sentences written for the check, in the wire's phrasing): carriers keep off it, traffic is at
# or near zero, transits are a fraction of normal; threats, recoveries and growth stay quiet.
@pytest.mark.parametrize(
    ("title", "fires"),
    [
        ("海運大手各社はホルムズ海峡の通過を見送っている。", True),
        ("タンカー各社がホルムズ海峡の航行を避けている。", True),
        ("ホルムズ海峡を航行する船舶はほぼゼロとなった。", True),
        ("ホルムズ海峡の船舶の通航は事実上止まっている。", True),
        ("ホルムズ海峡を通過する船舶が途絶えた。", True),
        ("タンカーの運航会社はホルムズ海峡経由の配船を停止した。", True),
        ("ホルムズ海峡の通過隻数は平時の1割程度に減った。", True),
        ("ホルムズ海峡の通航が事実上停止した。", True),
        ("ホルムズ海峡の通航が止まる恐れがある。", False),
        ("ホルムズ海峡の通航が事実上停止する恐れがある。", False),
        ("海運各社はホルムズ海峡の通過を見送る可能性がある。", False),
        ("ホルムズ海峡の通航が止まれば原油価格は急騰する。", False),
        ("ホルムズ海峡の通航量は平時の9割程度に回復した。", False),
        ("ホルムズ海峡を通過する船舶は増加傾向にある。", False),
    ],
)
def test_a_strait_with_traffic_stopped_is_blocked(bundled, title, fires):
    assert (alerts(bundled, title, "", "ja").get("strait-of-hormuz") == "blockage") is fires


# Carriers pausing or avoiding a canal or sea route, and closures only threatened (written for the check)
@pytest.mark.parametrize(
    ("title", "target", "fires"),
    [
        ("マースクはスエズ運河の通航を一時見合わせると発表した。", "suez-canal", True),
        ("コンテナ船各社はスエズ運河経由の航路を回避している。", "suez-canal", True),
        ("大手海運会社は紅海ルートの利用を停止した。", "red-sea", True),
        ("スエズ運河の通航隻数は前年同期比で半分以下に落ち込んだ。", "suez-canal", True),
        ("イランはホルムズ海峡の通航を許可制にした。", "strait-of-hormuz", True),
        ("イランが警告していたホルムズ海峡の封鎖が現実となり、タンカーの通航が止まった。", "strait-of-hormuz", True),
        # threatened, feared, avoided: no closure yet
        ("イランがホルムズ海峡を閉鎖すると警告した。", "strait-of-hormuz", False),
        ("ホルムズ海峡の封鎖は避けられる見通しだ。", "strait-of-hormuz", False),
        ("ホルムズ海峡が封鎖される恐れがあり、タンカーの運賃が高騰した。", "strait-of-hormuz", False),
    ],
)
def test_a_route_paused_is_blocked_a_closure_threatened_is_not(bundled, title, target, fires):
    assert (alerts(bundled, title, "", "ja").get(target) == "blockage") is fires


# A plant's output stopped, cut off or lost, beside conditions and outlooks (written for the check)
@pytest.mark.parametrize(
    ("title", "fires"),
    [
        ("ラス・ラファンでのLNG生産は全面的に止まっている。", True),
        ("ラス・ラファンからのLNG出荷が途絶えている。", True),
        ("ラス・ラファンの生産能力の約17%が失われた。", True),
        ("ラス・ラファンのLNG出荷ができなくなる恐れがある。", False),
        ("ラス・ラファンの生産が止まれば欧州のガス価格は急騰する。", False),
        ("ラス・ラファンの生産は止まらず、出荷も続いている。", False),
    ],
)
def test_a_plant_whose_output_stopped_is_out(bundled, title, fires):
    assert (alerts(bundled, title, "", "ja").get("ras-laffan-lng") == "outage") is fires


def test_a_strait_whose_traffic_stopped_is_blocked_not_out(bundled):
    # 通航が(一時)停止した at a strait is its blockage (it used to read as the plant outage 停止した)
    assert alerts(bundled, "ボスポラス海峡で船舶の通航が停止した。", "", "ja").get("bosporus") == "blockage"
    assert alerts(bundled, "ドーバー海峡で船舶の通航が一時停止した。", "", "ja").get("dover-strait") == "blockage"
    assert "bosporus" not in alerts(bundled, "ボスポラス海峡の通航が停止する可能性がある。", "", "ja")


def test_a_plant_closed_is_out_and_bad_weather_is_the_cause(bundled):
    # wire3-tune yj0037: a plant closed (工場を一時閉鎖) is its outage, not a blockage
    assert alerts(bundled, "豪ライナス、マレーシア工場を一時閉鎖", "", "ja").get("lynas-malaysia") == "outage"
    # wire3-tune yj0043: flights cancelled "悪天候の影響で" are the weather's doing
    title = ("【1月17日 AFP】ドイツで最も交通量が多いフランクフルト空港(Frankfurt airport)で17日、"
             "悪天候の影響で数百の航空便が欠航となった。")
    assert alerts(bundled, title, "", "ja").get("frankfurt-airport") == "natural_disaster"
    # preparing for bad weather is nothing yet
    assert "frankfurt-airport" not in alerts(bundled, "フランクフルト空港は悪天候に備えて除雪体制を強化した。", "", "ja")


# Ships hit by mines, drone boats, boarders or jamming (written for the check), beside mine threats
@pytest.mark.parametrize(
    ("title", "target", "fires"),
    [
        ("ホルムズ海峡付近でタンカーが機雷に触れて損傷した。", "strait-of-hormuz", True),
        ("紅海でタンカーが無人艇の体当たりを受けた。", "red-sea", True),
        ("紅海で商船が襲われた。", "red-sea", True),
        ("ホルムズ海峡周辺でGPS妨害が相次いでいる。", "strait-of-hormuz", True),
        ("ホルムズ海峡での機雷敷設の恐れが指摘されている。", "strait-of-hormuz", False),
        ("イランがホルムズ海峡に機雷を敷設する可能性がある。", "strait-of-hormuz", False),
    ],
)
def test_ships_hit_by_other_means_are_conflict(bundled, title, target, fires):
    assert (alerts(bundled, title, "", "ja").get(target) == "conflict") is fires


# Ships that cannot get through or out, or wait before the strait (written for the check)
@pytest.mark.parametrize(
    ("title", "types"),
    [
        ("ホルムズ海峡を出られなくなったタンカーが100隻を超えた。", {"blockage"}),
        ("ホルムズ海峡を通過できずに停泊しているタンカーは約150隻に上る。", {"blockage"}),
        ("ホルムズ海峡の手前で待機しているタンカーが増えている。", {"congestion"}),
        ("ホルムズ海峡を抜けて閉じ込められた状態から脱出した。", {None}),
    ],
)
def test_ships_that_cannot_get_out(bundled, title, types):
    assert alerts(bundled, title, "", "ja").get("strait-of-hormuz") in types
