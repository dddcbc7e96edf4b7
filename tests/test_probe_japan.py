"""Probe matrix: how Japanese wire copy names the graph's European and supplier nodes, and the
disruption constructions the other Japanese matrices (test_probe_ja and the ja cases of
test_probe_conflict, _shipping, _nature and _ops) do not yet cover.

Names: katakana variants (with or without the 中黒 and the long vowel mark, ヴ/ブ, ウィ/ウイ),
short and long company forms (ジャガー・ランドローバー/JLR, フォルクスワーゲン/VW), full-width
Latin (ＢＭＷ, ＶＷ, ＢＡＳＦ), a country prefix (独, 仏, 蘭, 英), company + 工場 + city
("フォルクスワーゲンのツウィッカウ工場"), a port named "Xの港", names with 社/グループ/傘下.

Constructions: 稼働を停止 / 操業停止 / 生産を見合わせ / 出荷停止 at a plant named after its
company; 欠航 / 運休 / 閉鎖 at airports and ports; strikes and unions in Europe (スト, 労組,
ストライキ, 時限スト); typhoon, heavy rain, earthquake and flood damage (台風, 豪雨, 地震, 洪水
+ 工場/港 被害); 停電; システム障害; サイバー攻撃で…停止; 火災 / 爆発; export controls and
embargoes naming the material (輸出規制, 輸出管理, 禁輸). Headlines in the register of Kyodo,
Jiji, Reuters and Bloomberg Japanese, Nikkei and NHK, written for this matrix; datelined leads.

Near misses that must stay silent at the node: resumption and recovery (再開, 復旧), a strike
or halt averted (回避), worry only (懸念), share prices and markets, earnings that mention a
past halt, sport (サッカー, F1), anniversaries.

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


STRIKE = {"strike"}
STRIKE_HALT = {"strike", "outage", "blockage"}
OUT = {"outage"}
HALT = {"outage", "blockage"}
BLOCK = {"blockage"}
CYBER = {"cyberattack", "outage"}
FIRE = {"fire", "accident", "outage"}
NAT = {"natural_disaster", "outage", "blockage"}
TRADE = {"trade_restriction"}

# (case, node, acceptable types, language)
POSITIVE: list[tuple[str, str, set[str], str]] = [
    # ------------------------------------------------ names: company + plant + city, variants
    ("フォルクスワーゲンのツウィッカウ工場、稼働を停止", "volkswagen-zwickau", OUT, "ja"),
    ("ＶＷのツビッカウ工場で生産見合わせ", "volkswagen-zwickau", OUT, "ja"),
    ("独フォルクスワーゲン（VW）のウォルフスブルク本社工場が操業停止", "volkswagen-wolfsburg", OUT, "ja"),
    ("フォルクスワーゲンのカッセル工場、部品不足で生産を見合わせ", "volkswagen-kassel", OUT | {"shortage"}, "ja"),
    ("ＢＭＷのディンゴルフィング工場、生産ラインを一時停止", "bmw-dingolfing", OUT, "ja"),
    ("BMWの独ミュンヘン工場で生産停止", "bmw-munich", OUT, "ja"),
    ("ジャガーランドローバー（JLR）のニトラ工場、サイバー攻撃で稼働停止", "jlr-nitra", CYBER, "ja"),
    ("タタ・モーターズ傘下のジャガー・ランドローバー、ニトラ工場の稼働停止", "jlr-nitra", OUT, "ja"),
    ("VW傘下のアウディ、インゴルシュタット工場で生産停止", "audi-ingolstadt", OUT, "ja"),
    ("独VW傘下のセアト、マルトレル工場の稼働を停止", "seat-martorell", OUT, "ja"),
    ("VW傘下のシュコダ・オート、部品不足で生産を見合わせ", "skoda-mlada-boleslav", OUT | {"shortage"}, "ja"),
    ("VWグループのツヴィッカウ工場で生産停止", "volkswagen-zwickau", OUT, "ja"),
    ("フォルクスワーゲングループのウォルフスブルク工場で火災", "volkswagen-wolfsburg", FIRE, "ja"),
    ("BASF社のルートヴィヒスハーフェン工場で塩素ガスが漏れる", "basf-ludwigshafen", FIRE, "ja"),
    ("ルフトハンザグループ、システム障害で欠航相次ぐ", "lufthansa", HALT, "ja"),
    ("セアト（SEAT）のマルトレル工場が生産を見合わせ", "seat-martorell", OUT, "ja"),
    ("シュコダ・オート、ムラダー・ボレスラフ工場の稼働を停止", "skoda-mlada-boleslav", OUT, "ja"),
    ("ルノーのサンドゥビル工場で操業停止続く", "renault-sandouville", OUT, "ja"),
    ("CATLのテューリンゲン工場で生産停止", "catl-erfurt", OUT, "ja"),
    ("インフィニオン・テクノロジーズのドレスデン工場、停電で稼働停止", "infineon-dresden", OUT, "ja"),
    ("STマイクロのクロル工場でスト、生産が止まる", "stmicro-crolles", STRIKE_HALT, "ja"),
    ("ＢＡＳＦのルートヴィッヒスハーフェン工場で爆発", "basf-ludwigshafen", FIRE, "ja"),
    ("独化学大手BASFの本社工場で火災、一部プラントを停止", "basf-ludwigshafen", FIRE, "ja"),
    ("ロッテルダムの港で大規模火災", "port-rotterdam", FIRE, "ja"),
    ("アントワープの港で港湾労働者がスト", "port-antwerp-bruges", STRIKE, "ja"),
    ("イエテボリ港で港湾スト、コンテナ船が沖待ち", "port-gothenburg", STRIKE | {"congestion"}, "ja"),
    ("トルコ海峡でタンカーが座礁、通航を停止", "bosporus", BLOCK | {"accident"}, "ja"),
    ("ル・アーヴル港で港湾労働者が24時間スト", "port-le-havre", STRIKE, "ja"),
    ("ブレーマーハーフェン港でスト、自動車の積み出しが停滞", "port-bremerhaven", STRIKE, "ja"),
    ("紅海航路で商船がミサイル攻撃を受ける", "red-sea", {"conflict"}, "ja"),
    ("独ルフトハンザ、システム障害で全便欠航", "lufthansa", HALT, "ja"),
    ("ノボ・ノルディスク、デンマーク工場の出荷を停止", "novo-nordisk-kalundborg", OUT, "ja"),
    # ------------------------------------------------ airports and ports: 欠航 / 運休 / 閉鎖
    ("フランクフルト国際空港が閉鎖、ドローン目撃で", "frankfurt-airport", BLOCK, "ja"),
    ("独フランクフルト空港、発着便の運航を停止", "frankfurt-airport", BLOCK, "ja"),
    ("ピレウス港、強風でフェリーが全面運休", "port-piraeus", NAT, "ja"),
    ("ジェノバ港、暴風雨で港を閉鎖", "port-genoa", NAT, "ja"),
    ("フランクフルト空港、ドローン目撃で発着を一時中断", "frankfurt-airport", BLOCK, "ja"),
    ("フランクフルト空港で電源トラブル、手荷物の処理が停止", "frankfurt-airport", OUT, "ja"),
    ("ハパックロイド、アントワープ港への寄港を一時見合わせ", "port-antwerp-bruges", BLOCK, "ja"),
    ("ロッテルダム港で火災、ターミナルを閉鎖", "port-rotterdam", FIRE | BLOCK, "ja"),
    # ------------------------------------------------ strikes and unions in Europe
    ("IGメタル、フォルクスワーゲンのツヴィッカウ工場で警告スト", "volkswagen-zwickau", STRIKE, "ja"),
    ("ルアーブル港の港湾労組、年金改革に抗議して48時間スト", "port-le-havre", STRIKE, "ja"),
    ("ロッテルダム港でタグボートの乗組員がスト入り、船の出入りが止まる", "port-rotterdam", STRIKE_HALT, "ja"),
    ("ベルディ、ルフトハンザの地上職員に時限ストを指示", "lufthansa", STRIKE, "ja"),
    ("アントワープ港で全国ゼネスト、荷役が停止", "port-antwerp-bruges", STRIKE_HALT, "ja"),
    ("マルセイユ港でCGTがストライキ、フェリーが欠航", "port-marseille-fos", STRIKE_HALT, "ja"),
    ("ピレウス港、船員労組の24時間ストでフェリー運休", "port-piraeus", STRIKE_HALT, "ja"),
    ("アントワープ港、水先案内人のストで船舶の入出港が停止", "port-antwerp-bruges", STRIKE_HALT, "ja"),
    ("ボルボ・カーズのトースランダ工場で労組が職場放棄", "volvo-cars-torslanda", STRIKE, "ja"),
    ("マースク、ストのためルアーブル港への寄港を中止", "port-le-havre", STRIKE_HALT, "ja"),
    ("ロッテルダム港でスト、荷役への影響は限定的", "port-rotterdam", STRIKE, "ja"),
    ("【パリ共同】フランスの労組は10日、ルアーブル港などで港湾労働者のストライキを実施した。", "port-le-havre", STRIKE, "ja"),
    # ------------------------------------------------ weather and earthquakes
    ("台風で台湾積体電路製造（TSMC）の工場に浸水被害", "tsmc-taiwan", NAT, "ja"),
    ("TSMC、地震で一部の生産ラインを停止　装置の点検急ぐ", "tsmc-taiwan", NAT, "ja"),
    ("バレンシア港、豪雨による洪水で操業停止", "port-valencia", NAT, "ja"),
    ("洪水でフォルクスワーゲンのブラチスラバ工場が浸水、生産停止", "volkswagen-bratislava", NAT, "ja"),
    ("【台北共同】台湾で3日に起きた地震で、TSMCは一部工場の操業を一時停止した。", "tsmc-taiwan", NAT, "ja"),
    # ------------------------------------------------ power cuts and system failures
    ("エアバスのハンブルク工場で大規模停電、生産ラインが停止", "airbus-hamburg", OUT, "ja"),
    ("ＢＭＷのレーゲンスブルク工場でシステム障害、操業を見合わせ", "bmw-regensburg", OUT, "ja"),
    ("ルフトハンザ航空、ITシステムの不具合で欠航相次ぐ", "lufthansa", HALT, "ja"),
    ("ルフトハンザ航空、システムの障害で搭乗手続きできず", "lufthansa", OUT, "ja"),
    ("インフィニオンのドレスデン工場、落雷で停電", "infineon-dresden", NAT, "ja"),
    ("台風でTSMCの工場が停電", "tsmc-taiwan", NAT, "ja"),
    # ------------------------------------------------ cyberattacks
    ("ボルボ・カーズのヨーテボリ工場、サイバー攻撃で生産停止", "volvo-cars-torslanda", CYBER, "ja"),
    ("サイバー攻撃でジャガー・ランドローバーのニトラ工場が稼働停止", "jlr-nitra", CYBER, "ja"),
    ("ロッテルダム港のターミナル、ランサムウエア攻撃で荷役停止", "port-rotterdam", CYBER | {"blockage"}, "ja"),
    ("[ロンドン 2日 ロイター] - 英ジャガー・ランドローバー（JLR）は2日、サイバー攻撃を受けスロバキアのニトラ工場の生産を停止したと明らかにした。",
     "jlr-nitra", CYBER, "ja"),
    # ------------------------------------------------ fires and explosions
    ("アルセロール・ミタルのダンケルク製鉄所で爆発、高炉が停止", "arcelormittal-dunkerque", FIRE, "ja"),
    ("タタ・スチールのオランダ工場で火災、一部設備が停止", "tata-steel-ijmuiden", FIRE, "ja"),
    ("ノースボルトのシェレフテオ工場で爆発、作業員1人死亡", "northvolt-skelleftea", FIRE, "ja"),
    ("ワッカー・ケミーのブルクハウゼン工場で爆発事故", "wacker-burghausen", FIRE, "ja"),
    ("アイマイデンのタタ・スチール製鉄所で火災", "tata-steel-ijmuiden", FIRE, "ja"),
    ("ダンケルクのアルセロール・ミタル製鉄所で火災、高炉1基が停止", "arcelormittal-dunkerque", FIRE, "ja"),
    ("【ベルリン時事】ドイツ南部のワッカー・ケミーのブルクハウゼン工場で3日、火災が発生し、一部の生産設備が停止した。",
     "wacker-burghausen", FIRE, "ja"),
    # ------------------------------------------------ export controls naming the material
    ("中国商務省、ガリウム・ゲルマニウムの輸出管理を強化", "gallium-china", TRADE, "ja"),
    ("中国がレアアース磁石の輸出を事実上停止", "ningbo-magnets", TRADE, "ja"),
    ("中国がゲルマニウムの禁輸を発表、対米輸出を全面停止", "germanium-china", TRADE, "ja"),
    ("中国がガリウムの輸出管理を導入", "gallium-china", TRADE, "ja"),
    ("中国、レアアースの輸出許可審査を厳格化", "baotou-rare-earths", TRADE, "ja"),
    ("[北京 4日 ロイター] - 中国商務省は4日、レアアース7種類を輸出管理の対象に加えると発表した。",
     "baotou-rare-earths", TRADE, "ja"),
]

# (case, node, language): nothing may alert at the node
NEGATIVE: list[tuple[str, str, str]] = [
    # resumption and recovery
    ("フォルクスワーゲンのツウィッカウ工場、稼働を再開", "volkswagen-zwickau", "ja"),
    ("ＢＭＷのディンゴルフィング工場、生産を再開した", "bmw-dingolfing", "ja"),
    ("ジャガー・ランドローバー、サイバー攻撃からの生産再開を発表", "jlr-nitra", "ja"),
    ("フランクフルト空港、システム障害から復旧", "frankfurt-airport", "ja"),
    ("ルアーブル港の荷役、全面的に再開", "port-le-havre", "ja"),
    ("バレンシア港、洪水被害から復旧し操業を再開", "port-valencia", "ja"),
    # averted
    ("フォルクスワーゲン労使が合意、ツヴィッカウ工場のスト回避", "volkswagen-zwickau", "ja"),
    ("ルフトハンザ、パイロット労組との交渉妥結でストを回避", "lufthansa", "ja"),
    ("ロッテルダム港のスト、直前で回避", "port-rotterdam", "ja"),
    # worry only
    ("ホルムズ海峡の封鎖懸念で原油高", "strait-of-hormuz", "ja"),
    ("中国の輸出規制強化に懸念、ガリウム調達先の分散急ぐ", "gallium-china", "ja"),
    # shares and markets
    ("BASF株が急落、業績下方修正で", "basf-ludwigshafen", "ja"),
    ("ルフトハンザ株が上昇、ストの影響は限定的との見方", "lufthansa", "ja"),
    ("ガリウム相場が最高値、輸出規制の思惑で", "gallium-china", "ja"),
    ("海運株が軒並み高、紅海情勢をにらむ", "red-sea", "ja"),
    # earnings mentioning a past halt
    ("ジャガー・ランドローバー、サイバー攻撃による生産停止が響き赤字", "jlr-nitra", "ja"),
    ("ノボ・ノルディスク、4～6月期は増益　前年の出荷停止から回復", "novo-nordisk-kalundborg", "ja"),
    ("BMW、7～9月期は減益　ディンゴルフィング工場の一時停止が響く", "bmw-dingolfing", "ja"),
    # sport
    ("サッカー、ヴォルフスブルクが逆転勝ち", "volkswagen-wolfsburg", "ja"),
    ("F1ハンガリーGP、アウディのマシンが炎上リタイア", "audi-ingolstadt", "ja"),
    ("サッカー独1部、ウォルフスブルクのエースが負傷", "volkswagen-wolfsburg", "ja"),
    # anniversaries
    ("スエズ運河の座礁事故から5年、記念式典", "suez-canal", "ja"),
    ("BASFのルートヴィヒスハーフェン工場、創業160周年", "basf-ludwigshafen", "ja"),
    ("フォルクスワーゲンのツヴィッカウ工場、操業120周年を記念", "volkswagen-zwickau", "ja"),
    # business as usual / other subjects
    ("フォルクスワーゲン、ツヴィッカウ工場で新型EVの生産開始", "volkswagen-zwickau", "ja"),
    ("フランクフルト空港、年末年始の発着便が過去最多", "frankfurt-airport", "ja"),
    ("ロッテルダムの港で新ターミナルが開業", "port-rotterdam", "ja"),
    ("中国、ガリウムの輸出許可を一部承認", "gallium-china", "ja"),
    ("ＶＷ、ツヴィッカウ工場の生産停止を否定", "volkswagen-zwickau", "ja"),
    ("フォルクスワーゲン、ツヴィッカウ工場の生産停止を撤回", "volkswagen-zwickau", "ja"),
    ("ＢＭＷのディンゴルフィング工場、操業停止の計画はないと説明", "bmw-dingolfing", "ja"),
    ("ＶＷ労組、ツヴィッカウ工場でのストを見送り", "volkswagen-zwickau", "ja"),
    ("ルフトハンザのパイロット、スト計画を撤回", "lufthansa", "ja"),
    ("ロッテルダム港、ストの可能性に懸念", "port-rotterdam", "ja"),
    ("フランクフルト空港のスト、予定通り終了", "frankfurt-airport", "ja"),
    ("中国のレアアース輸出規制、一部緩和", "baotou-rare-earths", "ja"),
    ("中国、ガリウムの輸出管理を導入する方針を検討", "gallium-china", "ja"),
    ("BMW、4～6月期は2割減益　ミュンヘン工場の生産停止が響く", "bmw-munich", "ja"),
    ("BMWミュンヘン工場、創業100周年で記念式典", "bmw-munich", "ja"),
    ("TSMC、台風接近で警戒態勢", "tsmc-taiwan", "ja"),
]


@pytest.mark.parametrize(("case", "node", "types", "lang"), POSITIVE,
                         ids=[f"{p[3]}:{p[0][:40]}" for p in POSITIVE])
def test_japanese_wire_names_and_constructions_alert(tagger, case, node, types, lang):
    found = _alerting(tagger, case, lang).get(node, set())
    assert found & types, found


@pytest.mark.parametrize(("case", "node", "lang"), NEGATIVE,
                         ids=[f"{n[2]}:{n[0][:40]}" for n in NEGATIVE])
def test_japanese_near_miss_stays_silent(tagger, case, node, lang):
    found = _alerting(tagger, case, lang).get(node, set())
    assert not found, found
