"""The bundled graph's nodes (config/graph/*.yaml) as Japanese, Chinese and Korean news
names them: "台積電德國廠", "歐積電", "英飞凌德累斯顿工厂", "エストニアの磁石工場",
"图巴朗港", "츠비카우 공장", "바스프의 루트비히스하펜 사업장" ... and what must not name
them: the city alone, the firm's plant elsewhere, a football club, a shrimp.

Sentences are real headlines or sentences of the publisher named in the comment unless
marked "phrasing": those follow the publishers' usual wording where no real item with
the name was at hand. Most ports already get their "X港"/"X항" from the exonym table
(graphs/data/exonyms.yaml); the graph's own CJK aliases add the firm-and-plant names
and the forms the table lacks.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphs._exonyms import default_exonyms
from graphs._fold import _cjk_class, fold_phrase
from graphs.lexicon import load_lexicon
from graphs.loader import load_graph
from graphs.model import ValueChain
from graphs.tagger import Tagger
from helpers_tagging import named

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def chain() -> ValueChain:
    return load_graph(REPO / "config" / "graph")


@pytest.fixture(scope="module")
def tagger(chain: ValueChain) -> Tagger:
    return Tagger(chain, load_lexicon())


# (node, language, sentence)
NAMED = [
    # -- ESMC, TSMC's Dresden fab
    ("esmc-dresden", "zh", "台積電德國廠動土週年 總裁：基礎建設已現雛形"),  # CNA via udn.com, 2025-08-18
    ("esmc-dresden", "zh", "蔡訪德國歐積電︰晶片增強台灣防禦"),  # Liberty Times, 2025-11-13
    ("esmc-dresden", "zh", "台积电德国工厂因停电暂停施工"),  # phrasing
    ("esmc-dresden", "ko", "TSMC 독일 공장 건설이 예정보다 늦어지고 있다"),  # phrasing
    # -- Infineon
    ("infineon-dresden", "zh", "德国总理默克尔莅临英飞凌德累斯顿工厂"),  # Infineon China press release, 2015
    ("infineon-dresden", "ko", "인피니언 드레스덴 공장에서 화재가 발생했다"),  # phrasing
    ("infineon-villach", "zh", "据介绍，新工厂将作为一个“虚拟工厂”与英飞凌菲拉赫工厂紧密相连。"),  # news copy on xywbxg.com, 2024-09
    # -- Volkswagen
    ("volkswagen-zwickau", "ko", "폭스바겐은 작센 주 츠비카우 공장에서 내달 6일부터 1주일간 생산을 중단한다."),  # ZDNet Korea, 2025-09-26
    ("volkswagen-zwickau", "ko", "폭스바겐의 독일 쯔비카우 공장이 우크라이나로부터 와이어링 하네스의 공급이 중단되어 4월 초까지 생산을 "
     "재개할 수 없을 것이라고 독일 자동차전문지 오토모빌보헤가 2022년 3월 16일 보도했다."),  # Global Autonews, 2022-03-19
    ("volkswagen-zwickau", "zh", "大众茨维考工厂将暂停生产一周"),  # phrasing
    ("volkswagen-wolfsburg", "ko",
     "폭스바겐이 새로운 배출가스 검사방식 적용을 위해 독일 볼프스부르크 공장의 가동을 일시 중단하면서 "
     "국내 판매되는 티구안의 수급에도 차질이 불가피할 전망이다."),  # Autotimes, 2018
    # -- BASF
    # (the firm's own name, "巴斯夫", "바스프", "BASF", already names the Ludwigshafen site)
    ("basf-ludwigshafen", "ko",
     "실제로 루트비히스하펜 사업장은 연간 가스 사용량이 스위스 전체와 비슷할 정도로 의존도가 높다고 가디언은 "
     "전했다."),  # Yonhap, 2022-09-16
    ("basf-antwerp", "zh", "巴斯夫安特卫普工厂因罢工停产"),  # phrasing
    # -- rare earths and neon
    ("neo-narva-magnets", "ja", "カナダのネオ、エストニアの磁石工場開設"),  # AutoEdge (emb-media), 2025-09
    ("neo-narva-magnets", "ja", "ネオ・パフォーマンス・マテリアルズのナルバの磁石工場が稼働した"),  # phrasing
    ("neo-silmet-sillamae", "ja", "エストニアのシルメットがロシア産原料の調達を停止"),  # phrasing
    ("lynas-malaysia", "zh", "莱纳斯关丹工厂停产"),  # phrasing
    ("cryoin-odesa", "ja", "インガスとクライオインは何と言っていますか?"),  # gas-supplier news page, 2022-03
    ("ingas-mariupol", "ja", "マリウポリのインガスは操業を停止した"),  # phrasing
    # -- iron ore, Vale Tubarão
    ("vale-tubarao", "zh", "奥运来了:巴西港口巡礼之图巴朗港"),  # TCLC, 2016-07-29
    ("vale-tubarao", "ja", "ヴァーレのツバロン港で鉄鉱石の船積みが止まった"),  # phrasing
    ("vale-tubarao", "ko", "브라질산 철광석 수출이 폭우로 차질을 빚었다"),  # phrasing
    # -- ports the exonym table gives no form in that script
    ("port-bremerhaven", "zh", "不来梅哈芬港码头工人举行警告性罢工"),  # phrasing
    ("port-bremerhaven", "ja", "ブレーメルハーフェン港で港湾労働者がスト"),  # phrasing
    ("port-koper", "ko", "슬로베니아 코페르항에서 항만 노동자들이 파업에 들어갔다"),  # phrasing
    ("port-esbjerg", "zh", "丹麦埃斯比约港因风暴关闭"),  # phrasing
    ("port-dubrovnik", "ko", "두브로브니크항에 크루즈선 입항이 제한됐다"),  # phrasing
    # -- tunnels, routes, water levels
    ("fehmarnbelt-tunnel", "zh", "连接丹麦和德国的海底结构——费马恩贝尔特隧道，即将成为世界上最长的公路和铁路隧道"),  # news.lanjingerp.com, 2025
    # report on the German approval, copied on xfjyyzc.com (its pinyin glosses left out)
    ("fehmarnbelt-tunnel", "zh", "媒體報道，費馬恩海底隧道全長19公里，定於2024年完工"),
    ("rhine-kaub", "zh", "莱茵河水位降至历史低点，驳船被迫减载"),  # phrasing
    ("rhine-kaub", "ko", "라인강 수위가 낮아져 바지선 운항이 중단됐다"),  # phrasing
    ("china-europe-rail", "ja", "中欧貨物列車の運行が国境の混雑で遅れている"),  # phrasing
    ("china-europe-rail", "ko", "중국-유럽 화물열차 운행이 중단됐다"),  # phrasing
    # -- firms
    ("asml-veldhoven", "zh", "艾司摩爾受出口管制影響下調展望"),  # phrasing
    ("novo-nordisk-kalundborg", "ko", "노보 노디스크가 비만치료제 공급 부족을 경고했다"),  # phrasing
    ("roche-basel", "zh", "罗氏制药宣布召回部分检测试剂"),  # phrasing
    ("thyssenkrupp-duisburg", "ko", "티센크루프 스틸이 대규모 감원을 발표했다"),  # phrasing
    ("voestalpine-linz", "zh", "奥钢联林茨工厂工人罢工"),  # phrasing
    ("yara-sluiskil", "ja", "ヤラのオランダ工場がアンモニア生産を停止"),  # phrasing
    # -- fairs, regions
    ("frankfurter-buchmesse", "zh", "法兰克福书展因疫情取消线下展览"),  # phrasing
    ("frankfurter-buchmesse", "ko", "프랑크푸르트 도서전이 취소됐다"),  # phrasing
    ("camera-moda-milano", "zh", "米兰时装周开幕"),  # phrasing
    ("ukraine-grain-belt", "ko", "우크라이나산 곡물 수출이 중단됐다"),  # phrasing
    ("jaen-olive-oil", "ja", "スペイン南部ハエン県のオリーブ畑が干ばつに見舞われた"),  # phrasing
]


@pytest.mark.parametrize(("node", "lang", "text"), NAMED, ids=[f"{n}-{lang}-{i}" for i, (n, lang, _) in enumerate(NAMED)])
def test_cjk_copy_names_the_node(tagger, node, lang, text):
    assert node in named(tagger, lang, text)


@pytest.mark.parametrize(("node", "lang", "text"), [
    # the city alone is a place, not the plant
    ("volkswagen-wolfsburg", "ko",
     "폭스바겐의 본사 소재지이자 독일 자동차 산업의 상징인 볼프스부르크의 연방고용지원센터 앞에서 지난달 28일"
     "(현지 시간) 시민들이 차례를 기다리고 있다."),  # Seoul Economic Daily, 2025
    ("infineon-dresden", "ko", "드레스덴 시내에서 전차 운행이 중단됐다"),
    ("basf-ludwigshafen", "zh", "路德维希港市长宣布举办葡萄酒节"),
    ("basf-antwerp", "zh", "安特卫普钻石交易所员工罢工"),
    ("neo-narva-magnets", "ja", "エストニアの首都タリンで停電が発生"),
    ("jaen-olive-oil", "ja", "スペイン南部ハエン県で地震"),
    ("fehmarnbelt-tunnel", "zh", "费马恩岛的渡轮因风暴停航"),
    # the firm's plant elsewhere
    ("esmc-dresden", "zh", "台積電南科廠因地震疏散員工"),
    ("esmc-dresden", "ko", "TSMC 구마모토 공장이 가동을 시작했다"),
    ("infineon-dresden", "zh", "英飞凌居林新厂投产"),
    ("bmw-munich", "zh", "宝马沈阳工厂停产"),
    ("airbus-toulouse", "zh", "空客天津总装线交付首架飞机"),
    # a football club, a motor show, a shrimp, a road
    ("volkswagen-wolfsburg", "ko", "볼프스부르크가 바이에른 뮌헨을 2-1로 꺾었다"),
    ("volkswagen-wolfsburg", "ja", "ヴォルフスブルクがバイエルンに勝利"),
    ("bmw-munich", "ko", "BMW 뮌헨 모터쇼에서 신차 공개"),
    ("roche-basel", "zh", "罗氏沼虾价格上涨"),
    ("trumpf-ditzingen", "zh", "畅通快速路施工"),
])
def test_near_misses_do_not_name_the_node(tagger, node, lang, text):
    assert node not in named(tagger, lang, text)


def test_no_cjk_alias_of_a_port_or_plant_is_a_bare_place_name(chain):
    """A bare city or region name ("ロッテルダム", "德累斯顿") is a place: the tagger's
    city rules handle it, and as an alias it would name the plant in every story
    about the city."""
    places = {
        fold_phrase(name)
        for entry in default_exonyms() if entry.kind in ("city", "port", "region")
        for _, name in entry.names
    }
    bare = [
        (node.id, alias)
        for node in chain.nodes.values() if node.kind in ("port", "site", "company", "hub")
        for alias in node.aliases
        if any(_cjk_class(ch) for ch in alias) and fold_phrase(alias) in places
    ]
    assert bare == []
