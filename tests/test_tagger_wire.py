"""Wire-copy rules of the tagger (issue #15): how agencies write about ports,
plants and chokepoints in en, ja, es and pt.

Sentences are written in the style of wire copy (Reuters, EFE, Lusa, Kyodo);
none is copied from the labelled wire sets. The graph is the real-news dev
graph (tests/data/real-news/graph) unless a test says otherwise.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphs.lexicon import load_lexicon
from graphs.loader import load_graph
from graphs.tagger import DEFAULT_MIN_CONFIDENCE, Tagger
from helpers_tagging import alerts

ROOT = Path(__file__).resolve().parent
DEV = ROOT / "data" / "real-news"
BUNDLED = ROOT.parent / "config"


@pytest.fixture(scope="module")
def placed() -> Tagger:
    """Dev graph with the offline place index (a few seconds to build, once)."""
    return Tagger(load_graph(DEV / "graph", display_root=DEV), load_lexicon())


@pytest.fixture(scope="module")
def bundled() -> Tagger:
    """The bundled graph (``config/graph``), which names ports "Port of Rotterdam", not "Rotterdam"."""
    return Tagger(load_graph(BUNDLED / "graph", display_root=BUNDLED), load_lexicon())




# -- a port named by its city: which words name the port ---------------------------


@pytest.mark.parametrize(
    "title",
    [
        "Fire in Rotterdam kills two, police report says",
        "Police in Rotterdam support residents after fire in apartment block",
        "Strike in Rotterdam, union reports",
        "Rotterdam championship parade cancelled after fire",
    ],
)
def test_words_that_only_contain_port_or_ship_do_not_name_the_port(placed, title):
    # "report", "support", "championship": no word for the port, so a fire or strike
    # "in Rotterdam" stays a city's, below the alerting threshold
    assert "port-rotterdam" not in alerts(placed, title)


def test_a_word_for_the_port_still_names_it_in_compounds(placed):
    assert alerts(placed, "Fire at a Rotterdam terminal halts loading") == {"port-rotterdam": "fire"}
    assert "port-rotterdam" in alerts(placed, "Brand in Rotterdam: Seehafen meldet Störungen", "", "de")


@pytest.mark.parametrize(
    ("title", "text", "lang", "target"),
    [
        ("Hamburg grinds to a halt as dockworkers walk out over pay", "", "en", "port-hamburg"),
        ("Europe's second-busiest container port, Antwerp, was hit by a 24-hour strike of dockers", "", "en",
         "port-antwerp-bruges"),
        ("Rotterdam: estibadores inician una huelga de 48 horas en las terminales de contenedores", "", "es",
         "port-rotterdam"),
    ],
)
def test_a_city_named_without_a_cue_is_its_port_when_the_port_workers_are_named(bundled, title, text, lang, target):
    # wire copy names the port by its city, with no "in" before it: dockworkers, container
    # terminals or "container port" say which site of the city is struck
    assert alerts(bundled, title, text, lang).get(target) == "strike"


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # no word for the port: a city's walkout stays the city's
        ("Hamburg slows as bus drivers walk out over pay", ""),
        # the city is where the story was filed
        ("Strike hits Dutch ports", "ROTTERDAM (Reuters) - Dockworkers in Amsterdam walked out on Monday."),
        # a club named after the city
        ("Hamburger SV players walk out of training; container port sponsor unhappy", ""),
    ],
)
def test_a_city_without_a_cue_is_no_port_without_its_workers_nor_in_a_dateline(bundled, title, text):
    got = alerts(bundled, title, text)
    assert "port-hamburg" not in got and "port-rotterdam" not in got


# -- negated recoveries: the disruption goes on ---------------------------------------


@pytest.mark.parametrize(
    ("title", "lang"),
    [
        ("The damaged C-Lion1 data cable between Finland and Germany will not be restored before spring, operator says", "en"),
        ("Data traffic through the C-Lion1 cable has yet to be restored after the anchor damage", "en"),
    ],
)
def test_a_negated_recovery_reports_the_disruption_going_on(bundled, title, lang):
    got = {e.type for e in bundled.tag(title, "", lang) if e.confidence >= DEFAULT_MIN_CONFIDENCE and not e.recovery}
    assert "outage" in got


def test_a_recovery_still_resolves_and_a_dated_plan_is_no_disruption(bundled):
    events = bundled.tag("Power to the C-Lion1 cable restored, operator says", "", "en")
    assert events and all(e.recovery for e in events if e.target == "c-lion1-cable")


# -- commentary titles are read in the item's own language ----------------------------


def test_another_languages_market_word_does_not_make_an_english_report_commentary(bundled):
    # "bourse" is French commentary ("La Bourse de Paris recule"), but an English wire
    # names the exchange an operator reported to
    title = "Norway's Kollsnes gas plant hit by power failure, Gassco tells the Oslo bourse"
    assert alerts(bundled, title).get("equinor-troll") == "outage"
    # the French commentary headline is still commentary
    fr = "La Bourse de Paris recule après une panne à l'usine de traitement de Kollsnes"
    assert "equinor-troll" not in alerts(bundled, fr, "", "fr")


# -- wire phrase families (lexicon) ---------------------------------------------------


@pytest.mark.parametrize(
    ("title", "lang", "target", "kind"),
    [
        # diversions to avoid a sea: the Cape route needs more than its alias, which is a node
        ("Hapag-Lloyd desviará sus portacontenedores por el cabo de Buena Esperanza para evitar el mar Rojo", "es",
         "red-sea", "blockage"),
        ("La naviera desvía sus buques para evitar el mar Rojo tras nuevos ataques", "es", "red-sea", "blockage"),
        ("Armadores desviam os navios para evitar o Mar Vermelho", "pt", "red-sea", "blockage"),
        # traffic stopped on a strait, access blocked in the past tense
        ("Turkey stops all shipping traffic in the Bosphorus after a tanker's rudder failure", "en", "bosporus",
         "blockage"),
        ("Manifestantes bloqueaban el acceso al puerto de Algeciras", "es", "port-algeciras", "blockage"),
        # a site's operations halted (not only its "production")
        ("Vazamento de óleo paralisa as atividades do porto de Tubarão, informa a Vale", "pt", "vale-tubarao", "outage"),
        ("Las inundaciones obligan a la suspensión de la producción en la planta de Ford en Almussafes", "es",
         "ford-almussafes", "outage"),
    ],
)
def test_wire_phrase_families_are_disruptions(bundled, title, lang, target, kind):
    got = {e.type for e in bundled.tag(title, "", lang) if e.target == target and e.confidence >= DEFAULT_MIN_CONFIDENCE}
    assert kind in got


@pytest.mark.parametrize(
    ("title", "lang"),
    [
        ("Panama Canal lifts remaining draft restrictions, operating normally", "en"),
        ("El Canal de Panamá levanta las restricciones de calado y opera con normalidad", "es"),
        ("Canal do Panamá suspende as restrições de calado e opera normalmente", "pt"),
    ],
)
def test_restrictions_lifted_or_suspended_are_a_recovery(bundled, title, lang):
    assert "panama-canal" not in alerts(bundled, title, "", lang)


# -- what a waterway links is its geography ---------------------------------------------


@pytest.mark.parametrize(
    ("title", "lang"),
    [
        ("A bulk carrier ran aground in the Suez Canal, the waterway that links the Mediterranean to the Red Sea", "en"),
        ("Un vraquier échoué bloque le canal de Suez, qui relie la Méditerranée à la mer Rouge", "fr"),
        ("Un granelero encalló en el canal de Suez, que une el Mediterráneo con el mar Rojo", "es"),
        ("Graneleiro encalhado bloqueia o Canal de Suez, via que liga o Mediterrâneo ao Mar Vermelho", "pt"),
    ],
)
def test_the_seas_a_blocked_canal_links_are_not_blocked(bundled, title, lang):
    got = alerts(bundled, title, "", lang)
    assert "suez-canal" in got and "red-sea" not in got


def test_a_sea_named_as_where_ships_are_attacked_is_still_hit(bundled):
    title = "Houthi attacks on ships in the Red Sea continue; the strait links Europe to Asia"
    assert alerts(bundled, title).get("red-sea") == "conflict"


# -- a city named as its province ---------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "lang"),
    [
        ("Russian drone attacks damage grain silos in the Odesa region overnight, governor says", "en"),
        ("Ataques con drones dañan silos de grano en la región de Odesa, en el sur de Ucrania", "es"),
        ("Ataques de drones atingem silos de cereais na região de Odessa, no sul da Ucrânia", "pt"),
    ],
)
def test_a_city_named_as_its_province_does_not_tag_the_citys_port(bundled, title, lang):
    # the province's Danube ports are not the port of Odesa: below the threshold
    got = alerts(bundled, title, "", lang)
    assert "port-odesa" not in got and "cryoin-odesa" not in got


def test_the_citys_port_named_with_drones_still_alerts(bundled):
    title = "Grain terminal in the port of Odesa targeted by Russian drones, governor says"
    assert alerts(bundled, title).get("port-odesa") == "conflict"


# -- CJK place names with an administrative suffix -----------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "cue"),
    [
        ("上海市で大規模な停電が発生した", "ja", True),
        ("上海市に台風が上陸", "ja", True),
        ("高雄港で火災が発生", "ja", True),
        ("上海で大規模な停電が発生した", "ja", True),
        # the suffix alone is no cue: "上海市长表示" (the mayor of Shanghai said)
        ("上海市长表示", "zh", False),
    ],
)
def test_a_cjk_place_with_its_city_suffix_keeps_its_particle_cue(placed, text, lang, cue):
    from graphs.gazetteer import fold

    index = placed.places()
    assert index is not None
    folded = fold(text)
    hits = [h for h in index.find(folded, lang) if folded.norm[h.start : h.end].replace(" ", "") in ("上海", "高雄")]
    assert hits and index.has_cue(folded, hits[0], lang) is cue


def test_a_korean_place_with_its_city_suffix_is_found_with_its_particle(placed):
    from graphs.gazetteer import fold

    index = placed.places()
    assert index is not None
    folded = fold("부산시에서 대규모 정전이 발생했다")
    hits = [h for h in index.find(folded, "ko") if folded.norm[h.start : h.end].replace(" ", "") == "부산"]
    assert hits and index.has_cue(folded, hits[0], "ko")
    # still a whole word: "신부산" is not Busan
    assert not [h for h in index.find(fold("신부산역에서 화재"), "ko") if h.start == 0]


def test_a_headline_city_is_its_port_when_the_lead_names_the_port(bundled):
    title = "La huelga del metal en Valencia paraliza buena parte de la actividad"
    text = "Los piquetes impiden la entrada de camiones y el puerto opera a medio gas."
    assert alerts(bundled, title, text, "es").get("port-valencia") == "strike"
    # without the port in the lead, the city's strike stays the city's
    other = "Los piquetes cortan el acceso a los polígonos industriales del sur."
    assert "port-valencia" not in alerts(bundled, title, other, "es")


def test_airport_words_name_only_the_citys_airport_not_its_other_hubs(bundled):
    # Frankfurt's data-centre hub, internet exchange and book fair are hubs too, but
    # ground staff are the airport's
    got = alerts(bundled, "Frankfurt grinds to a halt as ground staff walk out")
    assert got.get("frankfurt-airport") == "strike"
    assert not {"de-cix-frankfurt", "frankfurt-data-centre-hub", "frankfurter-buchmesse"} & set(got)


@pytest.mark.parametrize(
    "title",
    [
        "Output at Norway's Kollsnes processing plant to remain reduced until Thursday, Gassco says",
        "Kollsnes gas plant capacity reduced after compressor fault, flows to Europe lower",
        "Unplanned maintenance at Kollsnes extended by two days",
    ],
)
def test_reduced_output_and_extended_maintenance_are_outages(bundled, title):
    assert alerts(bundled, title).get("equinor-troll") == "outage"


def test_planned_maintenance_stays_no_disruption(bundled):
    assert "equinor-troll" not in alerts(bundled, "Kollsnes gas plant to undergo planned maintenance in June")


@pytest.mark.parametrize(
    ("title", "lang"),
    [
        ("海運大手が紅海を回避し喜望峰回りに", "ja"),
        ("多家航运公司避开红海，绕道好望角", "zh"),
        ("해운사들이 홍해를 피해 희망봉으로 우회", "ko"),
    ],
)
def test_a_cjk_diversion_term_that_starts_with_the_capes_name_is_still_a_term(bundled, title, lang):
    # "喜望峰回り" (round the Cape) is longer than the alias "喜望峰" it starts with
    assert alerts(bundled, title, "", lang).get("red-sea") == "blockage"


# -- where diverted ships go is not disrupted --------------------------------------------------


@pytest.mark.parametrize(("lang", "title"), [
    ("en", "Maersk will divert ships around the Cape of Good Hope after Houthi attacks in the Red Sea"),
    # wire2-tune xp0028 (AFP via Estado de Minas)
    ("pt", "O gigante dinamarquês do transporte marítimo Maersk anunciou, nesta sexta-feira (5), que vai desviar sua "
           "frota para o Cabo da Boa Esperança para evitar passar pelo Mar Vermelho, onde suspendeu o trânsito, devido "
           "aos ataques dos rebeldes huthis do Iêmen."),
    ("es", "Las navieras desvían sus buques por el Cabo de Buena Esperanza tras los ataques en el mar Rojo"),
    ("en", "Shipping lines reroute vessels via the Cape of Good Hope as Red Sea attacks continue"),
])
def test_the_route_diverted_ships_take_is_not_disrupted(bundled, lang, title):
    found = alerts(bundled, title, "", lang)
    assert "red-sea" in found and "cape-of-good-hope" not in found, found


def test_a_storm_at_the_cape_is_still_the_capes(bundled):
    assert "cape-of-good-hope" in alerts(bundled, "Storm off the Cape of Good Hope halts shipping", "", "en")


# -- denials, deals and ends of bans in wire copy (wire2-tune items) ---------------------------


def test_a_spanish_denial_of_effects_does_not_alert(bundled):
    # xs0060 (Reuters Spanish via MarketScreener)
    title = ("Taiwan Semiconductor Manufacturing Co dijo el viernes que sus ingresos para todo el año no se verían "
             "afectados por el fuerte terremoto del 3 de abril, disipando las preocupaciones de un golpe a la oferta "
             "mundial de semiconductores.")
    assert "tsmc-taiwan" not in alerts(bundled, title, "", "es")


def test_a_wage_deal_in_the_headline_ends_the_strike(bundled):
    # xe0050 (AP via Business Recorder)
    events = bundled.tag("Lufthansa, Verdi union reach deal for ground staff",
                         "Earlier strikes caused mass cancellations of Lufthansa flights.", "en")
    assert [(e.target, e.recovery) for e in events if e.type == "strike"] == [("lufthansa", True)]


def test_putting_an_end_to_a_ban_in_portuguese_is_its_recovery(bundled):
    # xp0022 (Lusa via Dinheiro Vivo): "pôs fim à proibição de exportações"
    title = ("A China pôs fim à proibição de exportações de semicondutores da Nexperia, desde que para fins civis, o que "
             "abrange a indústria automóvel, de que a empresa é um dos principais fornecedores.")
    events = [e for e in bundled.tag(title, "", "pt") if e.type == "trade_restriction"]
    assert events and all(e.recovery for e in events)


# -- states and consequences in wire copy (wire2-tune items, verbatim) -------------------------


@pytest.mark.parametrize(("lang", "title", "text", "target", "dtype"), [
    ("en", "KUANTAN, Nov 27 — Lynas Corporation Ltd (Lynas), which processes rare earths at its factory in the Gebeng "
           "Industrial Zone here, will be temporarily halting operations next month.", "", "lynas-malaysia", "outage"),
    ("en", "Rainy roads slow arrivals of cocoa at Ivory Coast ports", "", "cocoa-cote-divoire", "shortage"),
    ("ja", "年金改革の抗議行動、全国の港湾でも展開",
           "最大の貿易港であるルアーブル港では、14日から船舶の入出港ができない状態にあり、一部の船舶は近隣の港湾に向かった。",
           "port-le-havre", "blockage"),
    ("pt", "Companhias de cruzeiros marítimos suspendem operações no Brasil até 21 de janeiro",
           "As duas companhias de cruzeiros marítimos que operam no país – MSC Cruzeiros e Costa Cruzeiros – decidiram "
           "suspender suas operações até 21 de janeiro após o surgimento de surtos de Covid-19.", "msc-cruises", "outage"),
    ("es", "Ataques en el Mar Rojo obligan a cancelar itinerarios de Royal Caribbean", "", "red-sea", "conflict"),
])
def test_wire_states_and_consequences(bundled, lang, title, text, target, dtype):
    assert alerts(bundled, title, text, lang).get(target) == dtype, bundled.tag(title, text, lang)
