"""Tagging Japanese, Chinese and Korean news through the real Tagger and lexicon.

Titles and lead sentences are real headlines and teasers written by their
publishers (source and date in the comment) unless marked "phrasing": those
are written in the publishers' usual headline phrasing where no real item
with a node of the test chain was at hand.
"""

from __future__ import annotations

import pytest

from graphs.lexicon import load_lexicon
from graphs.model import Ecosystem, ValueChain
from graphs.tagger import DEFAULT_MIN_CONFIDENCE, Tagger
from helpers_tagging import node


def cjk_chain() -> ValueChain:
    nodes = [
        node("toyota", "Toyota Motor", "トヨタ", "トヨタ自動車", "丰田", "豐田", "도요타", kind="company", country="JP"),
        node("port-nagoya", "Port of Nagoya", "名古屋港", kind="port", country="JP"),
        node("port-yokohama", "Port of Yokohama", "横浜港", kind="port", country="JP"),
        node("haneda", "Tokyo Haneda Airport", "羽田空港", kind="airport", country="JP"),
        node("kaga-toshiba", "Kaga Toshiba Electronics", "加賀東芝エレクトロニクス", kind="site", country="JP"),
        node("renesas-naka", "Renesas Naka fab", "ルネサス那珂工場", "那珂工場", kind="site", country="JP"),
        node("red-sea", "Red Sea", "紅海", "红海", "홍해", kind="chokepoint", country="YE"),
        node("suez", "Suez Canal", "スエズ運河", "苏伊士运河", "蘇伊士運河", "수에즈 운하", "수에즈운하",
             kind="chokepoint", country="EG"),
        node("panama", "Panama Canal", "パナマ運河", "巴拿马运河", "파나마 운하", "파나마운하", kind="chokepoint", country="PA"),
        node("tsmc", "TSMC", "台積電", "台积电", kind="company", country="TW"),
        node("samsung", "Samsung Electronics", "삼성전자", "三星电子", "三星電子", "サムスン電子", kind="company", country="KR"),
        node("sk-hynix", "SK hynix", "SK하이닉스", kind="company", country="KR"),
        node("port-busan", "Port of Busan", "부산항", "釜山港", kind="port", country="KR"),
        node("hanjin", "Hanjin Shipping", "한진해운", kind="company", country="KR"),
        node("urea-china", "Chinese urea", "요소수", kind="commodity", country="CN"),
        node("foxconn", "Foxconn", "鴻海", "鸿海", "富士康", kind="company", country="TW"),
        node("evergrande", "China Evergrande", "恒大", "恆大", kind="company", country="CN"),
        node("gallium", "Chinese gallium", "镓", "鎵", "ガリウム", kind="commodity", country="CN"),
        node("tesla-shanghai", "Tesla Giga Shanghai", "特斯拉上海工厂", "特斯拉上海超级工厂", "테슬라 상하이 공장",
             kind="site", country="CN"),
        node("port-shanghai", "Port of Shanghai", "上海港", "상하이항", kind="port", country="CN"),
    ]
    return ValueChain(
        ecosystems={"x": Ecosystem("x", "X")}, nodes={n.id: n for n in nodes}, edges=[], version="cjk-1"
    )


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(cjk_chain(), load_lexicon(), places=False)


def events(tagger: Tagger, title: str, text: str, lang: str | None):
    return {(e.target, e.type): e for e in tagger.tag(title, text, lang)}


def sure(tagger: Tagger, title: str, text: str, lang: str | None):
    """(node, type) of the disruptions reported at or above the alerting threshold."""
    return {
        k for k, e in events(tagger, title, text, lang).items()
        if e.confidence >= DEFAULT_MIN_CONFIDENCE and not e.recovery
    }


# (language, title, text, node, type): one item per disruption type and language
CASES = [
    # -- Japanese
    ("ja", "ルネサス那珂工場で火災、車載半導体の生産停止", "", "renesas-naka", "fire"),  # phrasing (2021-03-19)
    # Nikkei 2019-04-15
    ("ja", "首都圏でも港湾スト コンテナ荷役ストップ",
     "港湾労働者でつくる労働組合が14~15日にストライキを実施し、首都圏の港湾の荷役作業にも影響が出ている。"
     "国内有数のコンテナ貨物取扱量を誇る横浜港はコンテナ船の荷役作業が全面的にストップ。", "port-yokohama", "strike"),
    # Jiji via risktaisaku.com, 2024-01
    ("ja", "", "石川県能登地方を震源とする地震では、多くのメーカーの工場が影響を受けた。東芝では、半導体子会社の"
     "加賀東芝エレクトロニクス(石川県能美市)が1日に操業していたが、地震発生を受けて稼働を止めた。",
     "kaga-toshiba", "natural_disaster"),
    ("ja", "紅海で商船攻撃相次ぐ 海運大手が航行見合わせ、世界貿易に影響も", "", "red-sea", "blockage"),  # Forbes Japan 2023-12
    ("ja", "横浜港でコンテナ船の沖待ち続く 荷役遅れで滞船", "", "port-yokohama", "congestion"),  # phrasing
    ("ja", "トヨタ、半導体不足で6月に2工場停止へ 約2万台を減産 - 日本経済新聞",  # Nikkei 2021-05-18
     "トヨタ自動車は18日、半導体不足の影響で国内の2工場3ラインでの生産を6月に停止すると発表した。", "toyota", "shortage"),
    ("ja", "中国、半導体材料の輸出規制 ガリウムなど8月から", "", "gallium", "trade_restriction"),  # phrasing (2023-07-03)
    ("ja", "国内最大の名古屋港にサイバー攻撃か、脅迫文も コンテナ搬出入停止", "", "port-nagoya", "cyberattack"),  # Asahi 2023-07-05
    ("ja", "中国恒大に清算命令、香港高裁 再建案まとまらず", "", "evergrande", "insolvency"),  # phrasing (2024-01-29)
    ("ja", "羽田空港で日航機が炎上 海保機と衝突か", "", "haneda", "accident"),  # phrasing (2024-01-02)
    ("ja", "フーシ派 紅海でコンテナ船にミサイル攻撃 物流の混乱も懸念", "", "red-sea", "conflict"),  # NHK 2023-12-27
    ("ja", "トヨタの工場稼働停止、システム不具合 国内全14工場に拡大へ", "", "toyota", "outage"),  # Reuters JP 2023-08-29
    ("ja", "トヨタ 国内10工場を最長5日間の稼働停止へ 上海ロックダウン影響", "", "toyota", "lockdown"),  # TV Asahi 2022-05-24
    # -- Chinese (Simplified and Traditional)
    ("zh", "傳台積電美亞利桑那州新廠 遭祝融之災", "", "tsmc", "fire"),  # cnyes 2023-04-29
    ("zh", "韩媒:三星电子工会7日举行史上首次罢工", "", "samsung", "strike"),  # 2024-06-07
    ("zh", "花蓮強震 台積電部分廠區人員疏散", "", "tsmc", "natural_disaster"),  # phrasing (2024-04-03)
    ("zh", "长赐号货轮搁浅 苏伊士运河航道堵塞", "", "suez", "blockage"),  # phrasing (2021-03)
    ("zh", "", "上海港的擁堵非常嚴重,海空碼頭近60%的貨物都被卡住了。", "port-shanghai", "congestion"),  # Global Times quote 2022-04
    ("zh", "芯片短缺 丰田日本两座工厂停产", "", "toyota", "shortage"),  # phrasing
    ("zh", "商务部回应对镓、锗相关物项实施出口管制", "", "gallium", "trade_restriction"),  # Xinhua 2023-07-06
    ("zh", "商務部回應對鎵、鍺相關物項實施出口管制", "", "gallium", "trade_restriction"),  # same, Traditional
    ("zh", "鴻海證實美洲廠區受勒索病毒攻擊 傳金額達10億台幣", "", "foxconn", "cyberattack"),  # CNA 2020-12-08
    ("zh", "中國恒大(03333)被香港高等法院頒令清盤", "", "evergrande", "insolvency"),  # hkej 2024-01-29
    ("zh", "上海港两艘货轮相撞 一船倾覆", "", "port-shanghai", "accident"),  # phrasing
    ("zh", "胡塞武装称用导弹袭击红海一艘商船", "", "red-sea", "conflict"),  # phrasing (Xinhua style)
    ("zh", "南科跳電!承包商施工不慎 波及台積電等10多家廠商", "", "tsmc", "outage"),  # China Times 2021-04-14
    ("zh", "特斯拉上海工厂因疫情政策停工4天", "", "tesla-shanghai", "lockdown"),  # Epoch Times 2022-03-29
    # -- Korean
    ("ko", "SK하이닉스, 中 우시공장 화재 발생..피해파악중", "", "sk-hynix", "fire"),  # news1 2013-09-04
    ("ko", "화물연대 부산지부 총파업…최대 무역항 부산항도 ‘비상’", "", "port-busan", "strike"),  # Seoul Economic Daily
    # CargoNews (cargonews.co.kr), 2023-08
    ("ko", "", "파나마운하는 사상 최악의 가뭄으로 운하 수위가 낮아져 통항에 큰 지장을 초래하고 있다.", "panama",
     "natural_disaster"),
    ("ko", "수에즈 운하서 대형 컨테이너선 좌초…통항 중단", "", "suez", "blockage"),  # phrasing (2021-03)
    ("ko", "상하이항 체선 심화…선박 대기 장기화", "", "port-shanghai", "congestion"),  # phrasing
    # Maeil 2021-11-03
    ("ko", "", "국내 요소 공급의 3분의 2를 차지하는 중국이 지난달 요소수의 원료인 요소의 수출을 제한하면서 "
     "요소수 품귀현상이 나타나고 있다.", "urea-china", "shortage"),
    # Hankyung 2023-12-04
    ("ko", "", "중국 정부가 지난달 30일 한국에 수출하는 요소의 통관을 보류하면서 ‘제2의 요소수 대란’ 우려가 커지고 있다.",
     "urea-china", "trade_restriction"),
    ("ko", "삼성전자, 해킹으로 갤럭시 소스코드 유출 확인", "", "samsung", "cyberattack"),  # phrasing (2022-03)
    ("ko", "한진해운 법정관리 후폭풍…전세계 곳곳 운항 위기 현실로", "", "hanjin", "insolvency"),  # Hankyung 2016-09-04
    ("ko", "부산항 신항서 컨테이너선 충돌 사고", "", "port-busan", "accident"),  # phrasing
    ("ko", "후티 공격으로 인한 글로벌 컨테이너 해운의 90% 감소, 홍해 항로 혼란", "", "red-sea", "conflict"),  # ctol-kr
    ("ko", "삼성전자 반도체 공장서 ‘1분 정전’…최소 수십억 피해", "", "samsung", "outage"),  # YTN 2020-01-01
    ("ko", "상하이 봉쇄령 장기화에…테슬라 상하이 공장 가동 중단", "", "tesla-shanghai", "lockdown"),  # phrasing (2022-04)
]


@pytest.mark.parametrize(("lang", "title", "text", "target", "dtype"), CASES)
def test_each_type_is_read_in_each_language(tagger, lang, title, text, target, dtype):
    assert (target, dtype) in sure(tagger, title, text, lang)


def test_every_type_has_a_case_in_every_language():
    from graphs.types import DISRUPTION_TYPES

    types = set(DISRUPTION_TYPES) - {"trade_drop"}
    for lang in ("ja", "zh", "ko"):
        assert {c[4] for c in CASES if c[0] == lang} == types, lang


@pytest.mark.parametrize(("lang", "title", "text", "target", "dtype"), CASES)
def test_language_unknown_still_reads_the_item(tagger, lang, title, text, target, dtype):
    """A feed without a language tag: detection (or all languages' phrases) finds it too."""
    assert (target, dtype) in sure(tagger, title, text, None)


def test_missile_attack_is_conflict_not_strike(tagger):
    found = sure(tagger, "フーシ派 紅海でコンテナ船にミサイル攻撃 物流の混乱も懸念", "", "ja")
    assert ("red-sea", "conflict") in found and ("red-sea", "strike") not in found
    found = sure(tagger, "首都圏でも港湾スト コンテナ荷役ストップ", "横浜港はコンテナ船の荷役作業が全面的にストップ。", "ja")
    assert ("port-yokohama", "strike") in found and ("port-yokohama", "conflict") not in found


def test_a_typhoon_striking_a_port_is_weather_not_an_attack(tagger):
    # 袭击 is an armed attack, but also what a typhoon does to a city
    found = events(tagger, "台风袭击上海港 集装箱码头全面停工", "", "zh")
    assert ("port-shanghai", "conflict") not in found
    assert ("port-shanghai", "natural_disaster") in found
    assert ("port-shanghai", "conflict") in events(tagger, "上海港集装箱船遇袭", "", "zh")


def test_katakana_word_does_not_hide_a_term(tagger):
    # "スト" (strike) is not in "ストップ" (stop), "リスト" (list) nor "ハンガーストライキ"
    assert sure(tagger, "横浜港でリスト更新 荷役はストップせず", "", "ja") == set()
    assert ("port-yokohama", "strike") not in sure(tagger, "横浜港の前で活動家がハンガーストライキ", "", "ja")


def test_continuing_state_is_a_disruption_not_a_recovery(tagger):
    # Yomiuri 2023-07-05: "名古屋港システム障害、原因は身代金要求型ウイルス…コンテナ搬出入停止続く"
    ev = events(tagger, "名古屋港システム障害、原因は身代金要求型ウイルス…コンテナ搬出入停止続く", "", "ja")
    assert ev[("port-nagoya", "cyberattack")].confidence >= DEFAULT_MIN_CONFIDENCE
    assert not any(e.recovery for e in ev.values())
    # "復旧急ぐ" (hurry to restore) and "めど立たず" (no resumption in sight) are not recoveries
    ev = events(tagger, "トヨタが国内全工場の稼働停止へ、システム不具合 復旧急ぐ", "", "ja")  # Reuters JP 2023-08-29
    assert ("toyota", "outage") in ev and not ev[("toyota", "outage")].recovery
    ev = events(tagger, "名古屋港 コンテナ搬出入停止 運転再開のめど立たず", "", "ja")  # phrasing
    assert ("port-nagoya", "blockage") in ev and not any(e.recovery for e in ev.values())
    # "8日にも再開へ" (to reopen as early as the 8th) is a plan: the runway is still closed
    ev = events(  # real-news multi-tune m0146 (Kyodo via Yahoo!ニュース, 2024-01-06)
        tagger, "羽田衝突、15万人超影響 滑走路、8日にも再開へ",
        "羽田空港の日航と海上保安庁の航空機が衝突した事故で、滑走路閉鎖による空の便の混乱は6日も続いた。", "ja",
    )
    assert ("haneda", "blockage") in ev and not any(e.recovery for e in ev.values())
    ev = events(tagger, "外媒:特斯拉上海工厂停产时间再延长 已停工近1周", "", "zh")  # 163.com 2022-04-04
    assert ("tesla-shanghai", "outage") in ev and not ev[("tesla-shanghai", "outage")].recovery


@pytest.mark.parametrize(
    ("lang", "title", "control", "target"),
    [
        # drills (all phrasing)
        ("ja", "名古屋港で津波避難訓練 コンテナターミナルで実施", "名古屋港に津波 コンテナターミナルが浸水", "port-nagoya"),
        ("zh", "台积电举行地震演练 厂区人员疏散", "台积电厂区发生地震 人员疏散", "tsmc"),
        ("ko", "부산항서 화재 대응 합동훈련 실시", "부산항서 화재 발생", "port-busan"),
        # denials, "no impact"
        ("zh", "竹園變電所火警 台積電:供電正常、不預期產生影響", "台積電竹科廠區火警", "tsmc"),  # CNA 2026-03-16
        ("ja", "トヨタ、工場火災の報道を否定 「事実無根」", "トヨタの工場で火災", "toyota"),  # phrasing
        ("ko", "삼성전자, 공장 화재설 부인…\"사실무근\"", "삼성전자 공장 화재", "samsung"),  # phrasing
        ("ja", "能登で震度5強 トヨタ「工場への影響はない」", "能登で震度5強 トヨタの工場が被災", "toyota"),  # phrasing
        # anniversaries, films, sports (phrasing)
        ("ja", "スエズ運河座礁事故の教訓 海運各社が振り返る", "スエズ運河で座礁事故", "suez"),
        ("zh", "灾难电影在上海港拍摄 火灾场景震撼", "上海港发生火灾", "port-shanghai"),
        ("ko", "삼성전자 야구단 공격력 폭발", "삼성전자 공장 폭발", "samsung"),
    ],
)
def test_cancelling_contexts(tagger, lang, title, control, target):
    """The context cancels: without its cancelling words the same headline is a disruption."""
    assert {k for k in sure(tagger, control, "", lang) if k[0] == target}
    assert not {k for k in sure(tagger, title, "", lang) if k[0] == target}


def test_recovery_per_language(tagger):
    # NHK 2023-07-06
    ev = events(tagger, "名古屋港システム障害 ターミナルすべてで運用再開 物流混乱も", "", "ja")
    assert ev and all(e.recovery for (n, _), e in ev.items() if n == "port-nagoya")
    assert any(n == "port-nagoya" for n, _ in ev)
    # widely reported headline, 2022-04-19
    ev = events(tagger, "特斯拉上海超级工厂正式复工", "", "zh")
    assert ev and all(e.recovery for e in ev.values())
    # Digital Daily 2018-06-06
    ev = events(
        tagger, "SK하이닉스 우시 건설현장서 화재…곧바로 진화",
        "불은 곧바로 진화됐으며 D램 생산이 이뤄지고 있는 장소와는 관계가 없어 메모리 반도체 공급에는 차질이 없을 전망이다.",
        "ko",
    )
    assert ev[("sk-hynix", "fire")].recovery
    assert ("sk-hynix", "fire") not in sure(tagger, "SK하이닉스 우시 건설현장서 화재…곧바로 진화", "", "ko")


def test_korean_particles_follow_names_and_terms(tagger):
    found = sure(tagger, "부산항에서 화물연대 파업으로 물류 차질", "", "ko")  # phrasing
    assert ("port-busan", "strike") in found
    # a Hangul name starts its word and is followed by a particle only: "부산항" is not in
    # "신부산항만공사", while a term may stand inside a compound ("총파업")
    assert sure(tagger, "신부산항만공사 노조 총파업", "", "ko") == set()
    assert ("port-busan", "strike") in sure(tagger, "부산항 노조 총파업", "", "ko")


def test_evidence_offsets_point_into_the_original_text(tagger):
    title = "ＴＳＭＣ南科工廠停電 部分產線停工"
    # full-width Latin folds to ASCII, offsets stay in the original text
    ev = events(tagger, title, "", "zh")
    e = ev[("tsmc", "outage")]
    spans = {(s.role, title[s.start:s.end]) for s in e.evidence if s.field == "title"}
    assert ("node", "ＴＳＭＣ") in spans and ("term", "停電") in spans


def test_regional_language_tags_scope_to_the_cjk_phrases(tagger):
    from graphs.gazetteer import base_language

    assert [base_language(t) for t in ("ja-JP", "zh-TW", "zh_Hant_HK", "ko-KR")] == ["ja", "zh", "zh", "ko"]
    # CNA 2020-12-08, a Taiwanese feed tagged zh-TW
    assert ("foxconn", "cyberattack") in sure(tagger, "鴻海證實美洲廠區受勒索病毒攻擊 傳金額達10億台幣", "", "zh-TW")
    # Reuters JP 2023-08-29, a feed tagged ja-JP
    assert ("toyota", "outage") in sure(tagger, "トヨタの工場稼働停止、システム不具合 国内全14工場に拡大へ", "", "ja-JP")


def test_feed_language_detection_knows_japanese_chinese_and_korean():
    from feeds.normalise import EU_LANGUAGES, detect_language

    assert detect_language("名古屋港システム障害、原因は身代金要求型ウイルス…コンテナ搬出入停止続く") == "ja"
    assert detect_language("商务部回应对镓、锗相关物项实施出口管制 公告自2023年8月1日起正式实施") == "zh"
    assert detect_language("화물연대 부산지부 총파업…최대 무역항 부산항도 ‘비상’") == "ko"
    assert detect_language("Strajk w porcie w Gdańsku sparaliżował przeładunki kontenerów") == "pl"
    assert not {"ja", "zh", "ko"} & EU_LANGUAGES


def test_full_width_stops_end_sentences():
    from graphs.tagger import sentence_starts

    text = "愛知県の工場で火災が発生した。操業を停止した！再開の見通しは？"
    assert [text[i:i + 3] for i in sentence_starts(text)] == ["愛知県", "操業を", "再開の"]


def test_a_drill_later_in_the_summary_does_not_cancel_the_headline(tagger):
    # phrasing: the third sentence mentions a drill; as one long "sentence" it cancelled the fire
    title = "トヨタ工場で火災"
    text = "愛知県の工場で火災が発生した。トヨタは操業を停止した。同社は来月、防災訓練を予定している。"
    assert ("toyota", "fire") in sure(tagger, title, text, "ja")
    # a drill in the headline itself still cancels
    assert ("toyota", "fire") not in sure(tagger, "トヨタ工場で火災想定の防災訓練", "", "ja")


def test_full_width_question_mark_is_speculation(tagger):
    plain = events(tagger, "スエズ運河が封鎖", "", "ja")
    asked = events(tagger, "スエズ運河が封鎖？", "", "ja")
    key = next(k for k in plain if k[0] == "suez")
    assert asked[key].confidence < plain[key].confidence


@pytest.mark.parametrize(
    "title,lang,target",
    [
        # phrasing (Yonhap, Nikkei, Xinhua style): another firm, named by its trade, is the insolvent one
        ("현대상선 법정관리 여파로 부산항 환적 물량 감소", "ko", "port-busan"),
        ("日本航空の経営破綻で羽田空港の発着枠に空き", "ja", "haneda"),
        ("韩进海运破产 釜山港集装箱吞吐量下降", "zh", "port-busan"),
    ],
)
def test_another_firm_s_insolvency_beside_a_node_is_not_the_node_s(tagger, title, lang, target):
    assert (target, "insolvency") not in sure(tagger, title, "", lang)


def test_a_firm_s_own_insolvency_in_cjk_stays(tagger):
    assert ("hanjin", "insolvency") in sure(tagger, "한진해운 법정관리 신청", "", "ko")
    assert ("port-busan", "insolvency") in sure(tagger, "부산항 운영사 파산", "", "ko")
