"""Spanish wire phrasing of the lexicon (es entries of graphs/data/lexicon.yaml).

Every sentence is real publisher text (EFE, Europa Press, Reuters and AFP copy in
Spanish-language outlets), quoted verbatim; the pages are listed in seen-urls.txt of the
branch that added them, so they stay out of any held-out set. Sentences naming a place
the bundled graph lacks are tagged against a one-node chain of that place.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphs.lexicon import load_lexicon
from graphs.loader import load_graph
from graphs.tagger import Tagger
from helpers_tagging import alerts, chain_of, node, sure

BUNDLED = Path(__file__).resolve().parent.parent / "config"


@pytest.fixture(scope="module")
def bundled() -> Tagger:
    return Tagger(load_graph(BUNDLED / "graph", display_root=BUNDLED), load_lexicon())


@pytest.mark.parametrize(
    ("title", "text", "target", "types"),
    [
        # drought at the Panama Canal: waiting ships, restricted navigation, "escasez de lluvias" (no shortage)
        ("Buques de carga esperan para cruzar por el Canal de Panamá tanto en la entrada por el Océano Pacífico "
         "como por el Mar Caribe, debido a restricciones impuestas por las autoridades por el bajo nivel del agua "
         "provocado por la escasez de lluvias a raíz del cambio climático y del fenómeno de El Niño.", "",
         "panama-canal", {"natural_disaster", "congestion", "blockage"}),
        ("Alrededor de 130 buques, más del doble de lo que normalmente maneja el Canal de Panamá, esperan para "
         "cruzar la vía.", "", "panama-canal", {"congestion"}),
        ("El bajo nivel de las aguas del Canal de Panamá, en descenso desde junio de 2023, cuando el fenómeno de "
         "El Niño comenzó a impactar, ha llevado a las autoridades marítimas a restringir la navegación por la ruta "
         "que mueve cerca del 6% del comercio mundial.", "", "panama-canal", {"natural_disaster", "blockage"}),
        ("El Canal de Panamá mantendrá un año más las restricciones al tránsito de barcos debido al impacto de una "
         "sequía prolongada en la zona.", "", "panama-canal", {"natural_disaster", "blockage"}),
        # carriers suspend Red Sea sailings; Suez traffic falls by a measured share
        ("En el período del 1 al 11 de enero, el tráfico de buques se redujo en un 30% en comparación con el año "
         "anterior, informó Rabie durante una entrevista en un programa nocturno.",
         "El número de buques que han transitado por el canal de Suez en lo que va del año se redujo a 544, en "
         "contraste con los 777 del mismo período en 2023.", "suez-canal", {"blockage"}),
        # an airline's grounded fleet at its hub
        ("La aerolínea Lufthansa no ha comunicado el número de vuelos que va a anular pero cientos de aviones "
         "permanecen en tierra en el aeropuerto de Fráncfort.", "", "lufthansa", {"outage", "strike"}),
        ("La aerolínea Lufthansa no ha comunicado el número de vuelos que va a anular pero cientos de aviones "
         "permanecen en tierra en el aeropuerto de Fráncfort.", "", "frankfurt-airport", {"outage", "strike"}),
        # a continuing closure (guard: the strike-recovery word "suspendida" must not hide it)
        ("Por su parte, el puerto de Barcelona también sigue cerrado al tráfico marítimo desde ayer y suspendida la "
         "operativa terrestre en las terminales de APM, Port Nou y Best, “hasta nuevo aviso”.", "",
         "port-barcelona", {"blockage"}),
    ],
)
def test_spanish_wire_disruptions_alert(bundled, title, text, target, types):
    assert alerts(bundled, title, text, "es").get(target) in types


@pytest.mark.parametrize(
    ("title", "targets"),
    [
        # half-year statistics: "daña Valencia" is no DANA storm, "dispara Barcelona" no shooting
        ("La huelga de la estiba hunde Algeciras, daña Valencia y dispara Barcelona",
         {"port-valencia", "port-barcelona", "ford-almussafes"}),
        ("Este último caso es el del Puerto de Barcelona, que ha sacado partido de la situación de instalaciones "
         "como la de Valencia, disparando sus resultados.", {"port-barcelona"}),
        # full recoveries after a storm
        ("Los puertos gaditanos de Tarifa y Algeciras vuelven a operar con total normalidad después de que haya "
         "amainado \"de forma considerable\" en las últimas horas el temporal de poniente que azota la Bahía de "
         "Algeciras y el Estrecho de Gibraltar.", {"port-algeciras", "strait-of-gibraltar"}),
        ("En cuanto al puerto de Algeciras, explican las mismas fuentes que no se han registrado cancelaciones en "
         "la línea con Tánger, que está operando con normalidad.", {"port-algeciras"}),
    ],
)
def test_spanish_wire_negatives_do_not_alert(bundled, title, targets):
    assert not targets & set(alerts(bundled, title, "", "es"))


def test_the_storm_noun_still_names_a_storm(bundled):
    # "el temporal" with an article or a following "de"/"marítimo" is the storm
    assert alerts(bundled, "El temporal de Levante provoca cancelaciones en Algeciras y Tarifa", "", "es").get(
        "port-algeciras") == "natural_disaster"


def test_a_temporary_suspension_is_no_storm(bundled):
    # "temporal" is the storm noun and the adjective "temporary": "suspensión temporal" is the latter, and
    # being no term it needs no cancelling phrase (which would weaken a real storm elsewhere in the sentence)
    title = ("Asimismo, Rabie dijo que varias de las principales navieras han confirmado la “suspensión temporal” "
             "de la navegación de sus cargueros a través del canal de Suez para evitar transitar por el mar Rojo")
    found = sure(bundled, "es", title)
    assert ("suez-canal", "natural_disaster") not in found
    assert ("red-sea", "natural_disaster") not in found


def test_export_curbs_on_a_named_material_are_trade_restrictions():
    gallium = node("galio", "galio", "galio", kind="material", country="CN")
    tagger = Tagger(chain_of([gallium], "es-wire-1"), load_lexicon())
    title = ("El gobierno de China decidió restringir desde el mes próximo la exportación de galio y germanio, dos "
             "metales clave en la fabricación de semiconductores y otros componentes utilizados en la transición "
             "energética.")
    assert alerts(tagger, title, "", "es") == {"galio": "trade_restriction"}


def test_force_majeure_on_shipments_is_an_outage():
    qatar = node("catar", "Catar", "Catar", kind="site", country="QA")
    tagger = Tagger(chain_of([qatar], "es-wire-2"), load_lexicon())
    title = ("Catar, que es el segundo mayor exportador mundial de GNL, anunció la semana pasada la suspensión de la "
             "producción en su planta de setenta y siete millones de toneladas anuales (Mt/a) y declaró fuerza mayor "
             "para los envíos de GNL, en el marco de la guerra de EE.UU. e Israel contra Irán.")
    assert ("catar", "outage") in sure(tagger, "es", title)


@pytest.mark.parametrize(
    ("title", "text", "target", "types"),
    [
        # the Houthis named with a ship they hit: an attack, as "houthi" in en and pt
        ("Los hutíes alcanzan otro barco con un dron en el mar Rojo", "", "red-sea", {"conflict"}),
        ("Un presunto ataque llevado a cabo por islamistas hutíes en Yemen habría tenido como blanco un barco "
         "comercial que navegaba en el sur del mar Rojo el domingo por la noche.", "", "red-sea", {"conflict"}),
        # "sus ataques a los buques que atraviesan el estrecho"
        ("El MV Genco Picardy, un buque granelero estadounidense, se sumó a las víctimas de los ataques de los "
         "hutíes en el mar Rojo el 17 de enero.",
         "Estos ataques han convertido a esta ruta, una de las más concurridas del mundo, en la más peligrosa de "
         "transitar. Desde noviembre, los hutíes han dirigido sus ataques a los buques que atraviesan el estrecho "
         "de Bab al Mandab, un canal entre el noreste de África y Yemen.", "bab-el-mandeb", {"conflict"}),
        # a waterway become a no-go area
        ("Hay que suponer que el Mar Rojo seguirá siendo una zona prohibida indefinidamente para muchos operadores.",
         "", "red-sea", {"blockage"}),
    ],
)
def test_spanish_wire_attacks_on_shipping_alert(bundled, title, text, target, types):
    assert alerts(bundled, title, text, "es").get(target) in types


@pytest.mark.parametrize(
    ("title", "target"),
    [
        # elEconomista on the Iberian blackout: plants that stopped or braked their production
        ("A pocos kilómetros de Martorell ha detenido su actividad la acería de Celsa, ubicada en Castellbisbal "
         "(Barcelona) y que funciona con hornos eléctricos, más sostenibles que el método tradicional utilizado en "
         "la siderurgia.", "celsa-barcelona"),
        ("La gran industria se ha visto obligada a suspender su actividad por el apagón que ha afectado a toda la "
         "Península Ibérica. Grandes fábricas como la de Seat en Martorell (Barcelona) o la planta de alúmina de "
         "Alcoa en San Ciprián (Lugo) se han visto a frenar su producción debido a la falta de energía eléctrica.",
         "seat-martorell"),
    ],
)
def test_a_plant_that_has_stopped_its_activity_is_out(bundled, title, target):
    assert alerts(bundled, title, "", "es").get(target) == "outage"


def test_a_mine_that_halted_its_work_is_out():
    masisa = node("masisa", "Masisa", "Masisa", kind="company", country="CL")
    tagger = Tagger(chain_of([masisa], "es-wire-3"), load_lexicon())
    title = ("La productora chilena de tableros aglomerados Masisa dijo el miércoles que paralizó las faenas en varias "
             "de sus plantas por problemas de abastecimiento eléctrico o por revisiones, tras el terremoto del fin de "
             "semana.")
    assert ("masisa", "outage") in sure(tagger, "es", title)


@pytest.mark.parametrize(
    ("title", "target"),
    [
        # carriers quit the route (Reuters, AFP, Europa Press in Spanish)
        ("Maersk y la alemana Hapag-Lloyd dejaron de utilizar las rutas del Mar Rojo y el Canal de Suez después de "
         "que las fuerzas hutíes comenzaran a atacar buques, interrumpiendo el comercio mundial en solidaridad con "
         "los palestinos que luchan contra los israelíes en la franja de Gaza.", "suez-canal"),
        ("El paso por el mar Rojo de los buques de Maersk queda suspendido \"hasta nuevo aviso\", según ha anunciado "
         "la compañía.", "red-sea"),
    ],
)
def test_carriers_quitting_a_route_block_it(bundled, title, target):
    found = sure(bundled, "es", title)
    assert found.get((target, "blockage")) is False


def test_a_route_that_will_not_resume_is_no_recovery(bundled):
    # "no va a reanudar el paso": the negated resumption reports the suspension going on
    title = ("Maersk indicó el martes que no va a reanudar el paso de su flota por el estratégico estrecho del mar "
             "Rojo, después de la suspensión decidida el domingo tras un ataque de los rebeldes hutíes contra uno de "
             "sus buques.")
    assert "red-sea" in alerts(bundled, title, "", "es")


def test_a_port_found_closed_to_navigation_is_blocked():
    tarifa = node("tarifa", "Puerto de Tarifa", "puerto de Tarifa", kind="port", country="ES")
    tagger = Tagger(chain_of([tarifa], "es-wire-4"), load_lexicon())
    # Europa Press: "se encuentra este martes cerrado a la navegación"
    title = ("El puerto de Tarifa (Cádiz) se encuentra este martes cerrado a la navegación por el temporal de viento y "
             "oleaje, lo que también ha provocado algunas restricciones en el puerto de Algeciras, concretamente en la "
             "línea con Ceuta.")
    assert ("tarifa", "blockage") in sure(tagger, "es", title)


def test_a_port_left_without_activity_is_down(bundled):
    # wire3-tune ys0023 (El País): stevedores mourning a colleague leave the port idle
    text = "El puerto de Barcelona permanece este miércoles por la mañana prácticamente sin actividad."
    assert alerts(bundled, "El puerto de Barcelona para por la muerte de un estibador", text, "es").get(
        "port-barcelona") == "outage"
    # near-miss: activity resumes after the idle morning
    assert "port-barcelona" not in alerts(
        bundled, "El puerto de Barcelona retoma la actividad tras una mañana sin actividad.", "", "es")


@pytest.mark.parametrize(
    "title",
    [
        # wire3-tune ys0033: the ban goes on
        "La República Democrática del Congo (RDC), responsable de más del 70% del cobalto mundial, mantiene "
        "suspendidas las exportaciones del mineral a pesar de haber anunciado un nuevo sistema de cuotas.",
        # wire3-tune ys0034 (Reuters): shipments let out only under quotas
        "KINSHASA, 31 dic (Reuters) - La República Democrática del Congo permitirá los envíos de cobalto bajo cuotas "
        "establecidas para los tres últimos meses de 2025 hasta finales de marzo, según declaró el regulador minero "
        "del país, ya que los preparativos para aplicar su nuevo sistema de cuotas se prolongan.",
    ],
)
def test_a_continuing_export_ban_and_quotas_restrict_trade(bundled, title):
    assert alerts(bundled, title, "", "es").get("cobalt-drc") == "trade_restriction"


def test_quotas_without_the_origin_name_nothing(bundled):
    # near-miss: the bare material under quotas, with no origin in the sentence
    assert "cobalt-drc" not in alerts(bundled, "Glencore venderá cobalto bajo cuotas.", "", "es")
    assert "cobalt-drc" not in alerts(
        bundled, "La República Democrática del Congo reanuda las exportaciones de cobalto, suspendidas desde marzo.",
        "", "es")


def test_a_refinery_named_by_its_firm_and_city(bundled):
    # wire3-tune ys0049 (EFE): "la refinería de la empresa angloholandesa Shell en Rotterdam"
    title = ("Un fuerte incendio declarado esta madrugada a causa de un cortocircuito obligó a cerrar parte de la "
             "refinería de la empresa angloholandesa Shell en Rotterdam (Holanda), considerada la más grande de esta "
             "compañía en toda Europa.")
    assert alerts(bundled, title, "", "es").get("shell-pernis") == "fire"
    # near-miss: Shell and Rotterdam in one sentence, apart
    assert "shell-pernis" not in alerts(bundled, "Shell recorta su plantilla y un incendio afecta a Rotterdam.", "", "es")


def test_a_tariff_war_is_no_armed_conflict_at_a_port(bundled):
    # wire4-tune zs0037 (Europa Press): the port's year marked by the US tariff war
    title = ("El Puerto de Algeciras cerró en 2025 una década con tráficos por encima de los 100 millones de toneladas "
             "tras un complejo ejercicio marcado por situaciones coyunturales como la guerra arancelaria de Estados "
             "Unidos y la crisis del mar Rojo.")
    assert "port-algeciras" not in alerts(bundled, title, "", "es")
    # near-miss: a war that does hit the port
    assert alerts(bundled, "Un ataque con misiles alcanzó el puerto de Algeciras.", "", "es").get(
        "port-algeciras") == "conflict"


def test_a_firm_calling_the_war_impact_limited_is_no_alert(bundled):
    # wire4-tune zs0034 (AFP): Inditex reports record profit and plays down the war
    title = "Inditex (Zara) registra un beneficio récord y minimiza el impacto de la guerra"
    text = ("Con el anuncio de un nuevo beneficio anual récord, el gigante español de la moda Inditex, propietario de "
            "la marca Zara, consideró que de momento el impacto de la guerra en Oriente Medio es «limitado», a pesar "
            "de cierres temporales de tiendas en la región.")
    assert "inditex" not in alerts(bundled, title, text, "es")


def test_ferry_sailings_cancelled_at_a_port_are_a_blockage(bundled):
    # wire4-tune zs0052 (Europa Press): storm in the Strait of Gibraltar
    text = "Paralelamente, el Puerto de Algeciras enfrenta retrasos y cancelaciones en sus rutas hacia Tánger Med y Ceuta."
    assert alerts(bundled, text, "", "es").get("port-algeciras") == "blockage"
    # near-miss: a delay of a building project is no blockage
    assert "port-algeciras" not in alerts(
        bundled, "El Puerto de Algeciras registra retrasos en la entrega de su nueva terminal.", "", "es")


@pytest.mark.parametrize(
    ("title", "target", "types"),
    [
        ("El Canal de Panamá restringirá temporalmente el calado máximo de los buques por la sequía.",
         "panama-canal", {"blockage", "natural_disaster"}),
        ("Solo 12 buques cruzaron el estrecho de Ormuz en toda la semana.", "strait-of-hormuz", {"blockage"}),
        ("Ningún petrolero ha cruzado el estrecho de Ormuz desde el sábado.", "strait-of-hormuz", {"blockage"}),
    ],
)
def test_capped_or_collapsed_transits_block_a_passage(bundled, title, target, types):
    # the Spanish family of wire4-tune zp0015 / zp0044 (written in the family, checked against near misses below)
    assert alerts(bundled, title, "", "es").get(target) in types


def test_a_widened_draft_is_no_blockage(bundled):
    assert "panama-canal" not in alerts(bundled, "El Canal de Panamá amplía el calado máximo permitido a 50 pies.", "", "es")


# The family of the 2025-26 Hormuz copy in wire4-tune (stuck ships, passage denied or let through only to some,
# traffic gone or down to a trickle, ships at anchor waiting): sentences written in that family, not quoted.
@pytest.mark.parametrize(
    "title",
    [
        "Decenas de petroleros están atrapados en el golfo Pérsico sin poder cruzar el estrecho de Ormuz.",
        "El tránsito de buques por el estrecho de Ormuz se ha desplomado un 90%.",
        "Irán impide el paso de buques por el estrecho de Ormuz.",
        "Cientos de buques esperan fondeados para cruzar el estrecho de Ormuz.",
        "El estrecho de Ormuz, prácticamente cerrado desde el inicio de la guerra, sigue sin tráfico.",
        "El paso de petroleros por el estrecho de Ormuz se ha reducido a un goteo.",
        "Irán solo permite el paso por el estrecho de Ormuz a los buques de países aliados.",
        "Los buques varados en el estrecho de Ormuz no pueden salir.",
    ],
)
def test_stuck_or_denied_ships_block_a_strait(bundled, title):
    assert alerts(bundled, title, "", "es").get("strait-of-hormuz") in {"blockage", "congestion"}


@pytest.mark.parametrize(
    ("title", "target"),
    [
        ("El Canal de Panamá solo permite el paso de buques neopanamax por las nuevas esclusas.", "panama-canal"),
        ("El puerto de Algeciras está sin tráfico de cruceros en invierno.", "port-algeciras"),
        ("El puerto de Valencia impide el paso de camiones sin cita previa.", "port-valencia"),
    ],
)
def test_rules_and_seasons_of_a_passage_are_no_blockage(bundled, title, target):
    assert target not in alerts(bundled, title, "", "es")


def test_a_failed_harvest_is_a_shortage_of_the_crop(bundled):
    # the family of wire2-tune xs0050 ("la cosecha global de cacao de este año ... será muy baja"), written
    assert alerts(bundled, "Tras unas lluvias excepcionalmente intensas, la cosecha de cacao de Costa de Marfil será "
                  "muy baja.", "", "es").get("cocoa-cote-divoire") == "shortage"
    # near-misses: a good or record harvest
    assert "cocoa-cote-divoire" not in alerts(bundled, "Costa de Marfil espera una buena cosecha de cacao este año.", "", "es")
    assert "cocoa-cote-divoire" not in alerts(bundled, "La cosecha de cacao de Costa de Marfil fue récord.", "", "es")
