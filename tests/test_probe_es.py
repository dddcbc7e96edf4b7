"""Probe matrix for Spanish wire copy: the basic constructions every desk uses, for every type.

Short headlines and leads written the way EFE, Europa Press, Reuters and AFP write them in
Spanish ("MADRID, 12 Feb. (EUROPA PRESS) -"), with real names of the bundled graph's nodes:
active headlines (agent + verb + object + place), participle headlines ("Atacado un petrolero
en ..."), nominal headlines ("Huelga en el puerto de ..."), continuing states ("sigue
cerrado", "tercer día"), measurable consequences ("vuelos cancelados", "producción
detenida") and leads with a dateline. None is copied from a labelled set.

Positives must raise an event at the node, of an acceptable type, at confidence >= 0.5 (not a
recovery); near misses (threats, denials, recoveries, past events, drills, culture, markets,
statistics, datelines) must raise nothing at the node at that confidence.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphs.lexicon import load_lexicon
from graphs.loader import load_graph
from graphs.tagger import DEFAULT_MIN_CONFIDENCE, Tagger

BUNDLED = Path(__file__).resolve().parent.parent / "config"


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(load_graph(BUNDLED / "graph", display_root=BUNDLED), load_lexicon())


def _split(text: str) -> tuple[str, str]:
    title, _, summary = text.partition("||")
    return title, summary


STRIKE = "strike"
BLOCK = "blockage"
CONG = "congestion"
OUT = "outage"
FIRE = "fire"
ACC = "accident"
NAT = "natural_disaster"
WAR = "conflict"
CYBER = "cyberattack"
INSOLV = "insolvency"
SHORT = "shortage"
TRADE = "trade_restriction"
LOCK = "lockdown"

POSITIVES: list = [
    # -- strike ------------------------------------------------------------------------------
    ("port-algeciras", STRIKE, "Los estibadores del puerto de Algeciras van a la huelga"),
    ("seat-martorell", STRIKE, "Los trabajadores de la fábrica de SEAT en Martorell inician una huelga indefinida"),
    ("port-valencia", STRIKE, "Huelga en el puerto de Valencia"),
    ("port-barcelona", STRIKE, "Huelga de estibadores en el puerto de Barcelona"),
    ("port-rotterdam", STRIKE, "El puerto de Róterdam, paralizado por la huelga de los amarradores"),
    ("port-antwerp-bruges", STRIKE, "La huelga de los prácticos paraliza el puerto de Amberes"),
    ("port-hamburg", STRIKE, "La huelga en el puerto de Hamburgo cumple su tercer día"),
    ("seat-martorell", STRIKE, "Sigue la huelga en la planta de Martorell"),
    ("lufthansa", STRIKE + "|" + OUT, "Los pilotos de Lufthansa van a la huelga y la aerolínea cancela 800 vuelos"),
    ("port-algeciras", STRIKE, "La estiba convoca tres días de paros||MADRID, 12 Feb. (EUROPA PRESS) - Los sindicatos de la estiba han convocado una huelga de tres días en el puerto de Algeciras a partir del lunes."),
    ("lufthansa", STRIKE, "Los pilotos de Lufthansa, en huelga"),
    ("lufthansa", STRIKE, "El personal de tierra de Lufthansa se declara en huelga"),
    ("celsa-barcelona", STRIKE, "La plantilla de Celsa se declara en huelga"),
    ("port-valencia", STRIKE, "Los amarradores del puerto de Valencia mantienen la huelga por quinto día"),
    ("lufthansa", STRIKE, "Huelga del personal de tierra de Lufthansa"),
    ("port-marseille-fos", STRIKE + "|" + BLOCK, "Los estibadores en huelga bloquean el puerto de Marsella"),
    ("frankfurt-airport", STRIKE + "|" + OUT, "Una huelga obliga a cancelar cientos de vuelos en el aeropuerto de Fráncfort"),
    ("port-antwerp-bruges", STRIKE, "Los portuarios belgas paran 48 horas||BRUSELAS, 3 Mar. (EUROPA PRESS) - Los trabajadores portuarios iniciaron este lunes una huelga de 48 horas que ha paralizado la actividad del puerto de Amberes."),
    ("volkswagen-wolfsburg", STRIKE, "Huelguistas bloquean el acceso a la planta de Volkswagen en Wolfsburgo"),
    ("inditex", STRIKE, "Jornada de huelga en las tiendas de Inditex"),
    ("port-barcelona", STRIKE, "Paros parciales en el puerto de Barcelona"),
    ("port-le-havre", STRIKE, "Nueva jornada de paros en el puerto de Le Havre"),
    ("port-genoa", STRIKE, "Los estibadores del puerto de Génova paran 24 horas"),
    ("ford-almussafes", STRIKE, "Los trabajadores de la factoría de Almussafes secundan la huelga del metal"),
    ("port-gothenburg", STRIKE, "Tercera semana de huelga en el puerto de Gotemburgo"),
    ("lufthansa", STRIKE, "Los auxiliares de vuelo alemanes, en huelga||FRÁNCFORT, 7 Feb. (Reuters) - Los auxiliares de vuelo de Lufthansa comenzaron el viernes una huelga de dos días."),
    ("port-rotterdam", STRIKE, "Los trabajadores del puerto de Róterdam protagonizan una huelga de 24 horas"),
    ("meyer-werft-papenburg", STRIKE, "Los trabajadores de Meyer Werft secundan una huelga de advertencia"),
    # -- blockage ----------------------------------------------------------------------------
    ("strait-of-hormuz", BLOCK, "Irán cierra el estrecho de Ormuz"),
    ("strait-of-hormuz", BLOCK, "Irán corta el paso de petroleros||DUBÁI, 3 Mar. (Reuters) - Irán ha cerrado el estrecho de Ormuz al tráfico de petroleros, según la televisión estatal."),
    ("strait-of-hormuz", BLOCK, "Irán mantiene cerrado el estrecho de Ormuz"),
    ("strait-of-hormuz", BLOCK, "El estrecho de Ormuz sigue cerrado por tercer día"),
    ("strait-of-hormuz", BLOCK, "Cierre del estrecho de Ormuz"),
    ("strait-of-hormuz", BLOCK + "|" + WAR, "Irán bloquea el estrecho de Ormuz"),
    ("strait-of-hormuz", BLOCK, "Cerrado el estrecho de Ormuz"),
    ("strait-of-hormuz", BLOCK, "Ningún petrolero ha cruzado el estrecho de Ormuz en las últimas 24 horas"),
    pytest.param("strait-of-hormuz", BLOCK + "|" + WAR, "Irán afirma controlar el estrecho de Ormuz", marks=pytest.mark.xfail(reason="controlling a strait: 'controla el puerto' is also a terminal operator's business", strict=True)),
    pytest.param("strait-of-hormuz", BLOCK + "|" + WAR, "Irán toma el control del estrecho de Ormuz", marks=pytest.mark.xfail(reason="'toma el control del puerto de X' is also an acquisition", strict=True)),
    ("strait-of-hormuz", BLOCK + "|" + WAR, "Irán dice tener el control del estrecho de Ormuz||El tráfico de petroleros por el estrecho se desploma un 80 % y algunos buques apagan sus transpondedores."),
    ("strait-of-hormuz", BLOCK, "Los petroleros evitan el estrecho de Ormuz"),
    ("strait-of-hormuz", BLOCK, "El tráfico de petroleros por el estrecho de Ormuz se ha desplomado"),
    ("strait-of-hormuz", BLOCK, "Las navieras suspenden el tránsito por el estrecho de Ormuz"),
    ("suez-canal", BLOCK + "|" + ACC, "El canal de Suez, bloqueado por un portacontenedores encallado"),
    ("suez-canal", BLOCK + "|" + ACC, "Un portacontenedores encallado bloquea el canal de Suez"),
    ("suez-canal", BLOCK, "Los buques evitan el canal de Suez"),
    ("suez-canal", BLOCK, "El tráfico por el canal de Suez cae a la mitad"),
    ("suez-canal", BLOCK, "Suspendida la navegación en el canal de Suez"),
    ("red-sea", BLOCK, "Las navieras desvían sus buques del mar Rojo hacia el cabo de Buena Esperanza"),
    ("red-sea", BLOCK, "Maersk evita el mar Rojo"),
    ("red-sea", BLOCK, "Maersk suspende sus travesías por el mar Rojo"),
    ("red-sea", BLOCK, "Hapag-Lloyd desviará sus buques del mar Rojo"),
    ("red-sea", BLOCK, "Buques desviados del mar Rojo por los ataques"),
    ("red-sea", BLOCK, "Las navieras siguen evitando el mar Rojo"),
    pytest.param("red-sea", BLOCK + "|" + WAR, "Las navieras abandonan el mar Rojo", marks=pytest.mark.xfail(reason="'abandona el puerto' is also a ship leaving port", strict=True)),
    pytest.param("cape-of-good-hope", BLOCK, "Las navieras desvían sus buques por el cabo de Buena Esperanza", marks=pytest.mark.xfail(reason="a detour round the Cape is the Red Sea's disruption, not the Cape's (kept low by design)", strict=True)),
    ("strait-of-gibraltar", BLOCK + "|" + NAT, "Suspendido el tráfico marítimo en el estrecho de Gibraltar por el temporal"),
    ("port-algeciras", BLOCK + "|" + NAT, "El puerto de Algeciras cierra por el temporal de levante"),
    ("port-algeciras", BLOCK, "Cerrado el puerto de Algeciras"),
    ("port-algeciras", BLOCK, "Segundo día de cierre del puerto de Algeciras"),
    ("port-algeciras", BLOCK + "|" + NAT, "El puerto de Algeciras permanece cerrado por el viento"),
    ("port-valencia", BLOCK + "|" + STRIKE, "Los agricultores bloquean el puerto de Valencia"),
    ("port-barcelona", BLOCK + "|" + STRIKE, "Bloqueo en el puerto de Barcelona"),
    ("port-barcelona", BLOCK + "|" + STRIKE, "Los transportistas bloquean los accesos al puerto de Barcelona"),
    ("bab-el-mandeb", BLOCK, "Bloqueado el estrecho de Bab el Mandeb"),
    ("panama-canal", BLOCK + "|" + NAT, "El canal de Panamá limita el tránsito de buques por la sequía"),
    ("panama-canal", BLOCK + "|" + NAT, "El canal de Panamá reduce los tránsitos diarios por la sequía"),
    ("panama-canal", BLOCK + "|" + NAT, "El canal de Panamá restringe el calado de los buques"),
    ("brenner-base-tunnel", BLOCK, "Cortado el tráfico en el túnel del Brennero"),
    ("brenner-base-tunnel", BLOCK, "El túnel del Brennero, cerrado al tráfico"),
    ("bosporus", BLOCK + "|" + ACC + "|" + OUT, "Turquía cierra el Bósforo al tráfico marítimo tras la avería de un petrolero"),
    ("bosporus", BLOCK + "|" + ACC, "Suspendido el tráfico marítimo en el Bósforo"),
    ("ukrainian-sea-corridor", BLOCK + "|" + WAR, "Rusia bloquea el corredor marítimo ucraniano"),
    ("port-odesa", BLOCK + "|" + WAR, "El puerto ucraniano de Odesa, bloqueado"),
    ("frankfurt-airport", BLOCK + "|" + OUT + "|" + NAT, "El aeropuerto de Fráncfort cierra por la nieve"),
    ("frankfurt-airport", BLOCK + "|" + OUT, "Cerrado el aeropuerto de Fráncfort"),
    ("suez-canal", BLOCK, "Desplome del tráfico marítimo||EL CAIRO, 5 Ene. (EFE) - El tráfico por el canal de Suez ha caído un 60 % desde el inicio de los ataques hutíes, según la Autoridad del Canal."),
    # -- congestion ------------------------------------------------------------------------
    ("port-valencia", CONG, "Congestión en el puerto de Valencia"),
    ("port-barcelona", CONG, "El puerto de Barcelona, saturado"),
    ("suez-canal", CONG, "Atasco de buques en el canal de Suez"),
    ("panama-canal", CONG, "Más de 100 buques esperan para cruzar el canal de Panamá"),
    ("port-rotterdam", CONG, "Decenas de buques esperan fondeados para entrar en el puerto de Róterdam"),
    ("port-antwerp-bruges", CONG, "Largas esperas en el puerto de Amberes por la congestión"),
    ("port-algeciras", CONG, "Colapso en el puerto de Algeciras"),
    ("port-hamburg", CONG, "El puerto de Hamburgo sigue congestionado"),
    ("port-rotterdam", CONG, "La congestión en el puerto de Róterdam retrasa las entregas"),
    ("port-algeciras", CONG, "Colas de camiones de varios kilómetros en el puerto de Algeciras"),
    ("panama-canal", CONG, "Cientos de buques atascados a la espera de cruzar el canal de Panamá"),
    ("port-valencia", CONG, "Retrasos en el puerto de Valencia por la acumulación de contenedores"),
    ("port-antwerp-bruges", CONG, "Los buques esperan hasta cinco días para atracar en el puerto de Amberes"),
    ("port-rotterdam", CONG, "Se agravan las esperas en los puertos europeos||ROTTERDAM, 4 Jun. (Reuters) - La congestión en el puerto de Róterdam se ha agravado esta semana, con tiempos de espera de hasta siete días."),
    # -- outage ------------------------------------------------------------------------------
    ("lufthansa", OUT + "|" + STRIKE, "Lufthansa ha cancelado casi 800 vuelos desde aeropuertos alemanes"),
    ("lufthansa", OUT, "Lufthansa cancela cientos de vuelos por un fallo informático"),
    ("lufthansa", OUT, "Lufthansa suspende sus vuelos a Oriente Próximo"),
    ("lufthansa", OUT, "Cancelados cientos de vuelos de Lufthansa"),
    ("lufthansa", OUT + "|" + STRIKE, "Lufthansa cancelará 1.000 vuelos el jueves"),
    ("lufthansa", OUT, "Vuelos cancelados y pasajeros varados: Lufthansa sufre un fallo informático"),
    ("frankfurt-airport", OUT, "Cancelados cientos de vuelos en el aeropuerto de Fráncfort"),
    ("frankfurt-airport", OUT, "Caos en el aeropuerto de Fráncfort por un fallo informático"),
    ("frankfurt-airport", OUT + "|" + BLOCK, "El aeropuerto de Fráncfort suspende todos los vuelos"),
    ("seat-martorell", OUT, "Apagón en la fábrica de SEAT en Martorell"),
    ("seat-martorell", OUT + "|" + SHORT, "La planta de Martorell, parada por falta de chips"),
    ("seat-martorell", OUT, "SEAT detiene la producción en la planta de Martorell"),
    ("seat-martorell", OUT, "La planta de Martorell detendrá su producción durante una semana"),
    pytest.param("seat-martorell", OUT, "SEAT para la planta de Martorell durante tres días", marks=pytest.mark.xfail(reason="'para' is also the preposition ('ayudas para la planta')", strict=True)),
    ("ford-almussafes", OUT, "Paralizada la producción en la factoría de Almussafes"),
    ("ford-almussafes", OUT, "Ford para la producción en la factoría de Almussafes"),
    ("ford-almussafes", OUT, "Avería en la factoría de Almussafes"),
    ("ford-almussafes", OUT, "ERTE en la fábrica de Ford en Almussafes"),
    ("ford-almussafes", OUT, "La factoría de Almussafes sigue parada"),
    ("ford-almussafes", OUT, "La fábrica de Ford en Almussafes suspende su actividad"),
    ("volkswagen-wolfsburg", OUT, "Volkswagen suspende la producción en su planta de Wolfsburgo"),
    ("volkswagen-wolfsburg", OUT, "La planta de Volkswagen en Wolfsburgo sigue parada"),
    ("volkswagen-wolfsburg", OUT, "Volkswagen detiene las líneas de montaje de Wolfsburgo"),
    ("ras-laffan-lng", OUT, "QatarEnergy declara fuerza mayor en Ras Laffan"),
    ("ras-laffan-lng", OUT, "Ras Laffan detiene la producción de GNL"),
    ("ras-laffan-lng", OUT, "QatarEnergy ha detenido la producción de GNL en Ras Laffan"),
    ("ras-laffan-lng", OUT, "Qatar suspende la producción de GNL en Ras Laffan"),
    ("ras-tanura", OUT, "Interrumpidas las exportaciones desde Ras Tanura"),
    pytest.param("ras-tanura", OUT, "Aramco cierra la refinería de Ras Tanura", marks=pytest.mark.xfail(reason="'cierra la planta/refinería' is as often a closure for good", strict=True)),
    ("ras-tanura", OUT, "Paralizada la refinería de Ras Tanura"),
    ("sabine-pass-lng", OUT, "Sabine Pass deja de exportar GNL"),
    ("sabine-pass-lng", OUT, "Exportaciones suspendidas en Sabine Pass"),
    pytest.param("sabine-pass-lng", OUT, "Cheniere cierra la terminal de Sabine Pass", marks=pytest.mark.xfail(reason="'cierra la terminal' of a site: as often a closure for good", strict=True)),
    ("celsa-barcelona", OUT, "Celsa apaga sus hornos por el precio de la electricidad"),
    pytest.param("celsa-barcelona", OUT, "Celsa para su producción por el coste de la energía", marks=pytest.mark.xfail(reason="'para su producción' is also the preposition", strict=True)),
    ("arcelormittal-dunkerque", OUT, "ArcelorMittal apaga un alto horno en Dunkerque"),
    ("arcelormittal-dunkerque", OUT, "ArcelorMittal detiene un alto horno de la acería de Dunkerque"),
    pytest.param("tata-steel-ijmuiden", OUT, "Tata Steel para un alto horno en IJmuiden", marks=pytest.mark.xfail(reason="'para un alto horno' is also the preposition", strict=True)),
    ("tsmc-taiwan", OUT, "Un corte de luz interrumpe la producción de TSMC"),
    ("tsmc-taiwan", OUT, "TSMC suspende la producción en sus fábricas"),
    ("northvolt-skelleftea", OUT, "Northvolt suspende la producción en Skellefteå"),
    ("c-lion1-cable", OUT + "|" + ACC + "|" + WAR, "Dañado el cable submarino C-Lion1"),
    ("c-lion1-cable", OUT + "|" + ACC + "|" + WAR, "Corte del cable C-Lion1 entre Finlandia y Alemania"),
    ("estlink-2", OUT, "Estlink 2, fuera de servicio"),
    ("estlink-2", OUT + "|" + ACC, "Avería en Estlink 2"),
    ("iberdrola", OUT, "Un apagón deja sin luz a miles de clientes de Iberdrola"),
    ("port-valencia", OUT, "Un fallo informático paraliza el puerto de Valencia"),
    ("lkab-kiruna", OUT, "LKAB detiene la producción en la mina de Kiruna"),
    ("novo-nordisk-kalundborg", OUT, "Novo Nordisk suspende la producción en Kalundborg"),
    ("seat-martorell", OUT + "|" + SHORT, "Nuevo parón en la automoción catalana||BARCELONA, 10 Nov. (EUROPA PRESS) - SEAT ha detenido la producción en la planta de Martorell por la falta de componentes."),
    ("ford-almussafes", OUT, "La factoría de Almussafes no producirá coches esta semana"),
    ("ras-laffan-lng", OUT + "|" + WAR, "Las exportaciones de GNL de Ras Laffan, suspendidas"),
    ("ford-almussafes", OUT, "Ford Almussafes, tercer día sin producción"),
    # -- fire --------------------------------------------------------------------------------
    ("seat-martorell", FIRE, "Incendio en la fábrica de SEAT en Martorell"),
    ("ford-almussafes", FIRE, "Un incendio obliga a desalojar la factoría de Almussafes"),
    ("port-valencia", FIRE, "Arde un almacén en el puerto de Valencia"),
    ("basf-ludwigshafen", FIRE, "Explosión en la planta de BASF en Ludwigshafen"),
    ("basf-ludwigshafen", FIRE, "Una explosión sacude la planta de BASF en Ludwigshafen"),
    ("port-barcelona", FIRE, "Se declara un incendio en un buque en el puerto de Barcelona"),
    ("ras-tanura", FIRE + "|" + WAR, "Incendio en la refinería de Ras Tanura"),
    ("inditex", FIRE, "Un incendio calcina un almacén de Inditex"),
    ("port-hamburg", FIRE, "Fuego en el puerto de Hamburgo"),
    ("tata-steel-ijmuiden", FIRE, "Continúa el incendio en la planta de Tata Steel en IJmuiden"),
    pytest.param("ras-laffan-lng", FIRE + "|" + WAR, "Explota un tanque de GNL en Ras Laffan", marks=pytest.mark.xfail(reason="'explota' is also 'operates' ('la empresa que explota la terminal')", strict=True)),
    ("port-algeciras", FIRE, "Un buque en llamas en el puerto de Algeciras"),
    ("strait-of-hormuz", FIRE + "|" + WAR, "Arde un petrolero en el estrecho de Ormuz"),
    ("port-valencia", FIRE, "Se incendia un portacontenedores en el puerto de Valencia"),
    ("port-barcelona", FIRE, "Un incendio en el puerto de Barcelona obliga a cortar el tráfico"),
    ("celsa-barcelona", FIRE, "Incendio en una acería catalana||BARCELONA, 2 May. (EFE) - Un incendio declarado esta madrugada en la acería de Celsa ha obligado a detener la producción."),
    ("basf-ludwigshafen", FIRE, "Una explosión seguida de un incendio en BASF deja dos heridos"),
    # -- accident ----------------------------------------------------------------------------
    ("strait-of-gibraltar", ACC, "Choque de dos buques en el estrecho de Gibraltar"),
    ("suez-canal", ACC, "Colisión entre dos buques en el canal de Suez"),
    ("port-valencia", ACC, "Un buque choca contra el muelle del puerto de Valencia"),
    ("suez-canal", ACC + "|" + BLOCK, "Encalla un portacontenedores en el canal de Suez"),
    ("strait-of-gibraltar", ACC, "Naufraga un carguero en el estrecho de Gibraltar"),
    ("bab-el-mandeb", ACC + "|" + WAR, "Se hunde un buque en el estrecho de Bab el Mandeb"),
    ("brenner-base-tunnel", ACC, "Descarrila un tren de mercancías en el túnel del Brennero"),
    ("port-algeciras", ACC, "Vertido de crudo en el puerto de Algeciras"),
    ("lkab-kiruna", ACC, "Derrumbe en la mina de Kiruna"),
    ("yara-sluiskil", ACC, "Fuga de amoniaco en la planta de Yara en Sluiskil"),
    ("strait-of-hormuz", ACC, "Un petrolero colisiona con un carguero en el estrecho de Ormuz"),
    ("port-rotterdam", ACC, "Un portacontenedores embiste una grúa en el puerto de Róterdam"),
    ("strait-of-gibraltar", ACC, "Hundido un pesquero en el estrecho de Gibraltar tras chocar con un mercante"),
    ("port-barcelona", ACC, "Accidente en el puerto de Barcelona"),
    ("bosporus", ACC + "|" + BLOCK, "Un carguero encallado bloquea el Bósforo"),
    # -- natural disaster --------------------------------------------------------------------
    ("tsmc-taiwan", NAT, "Un terremoto sacude Taiwán y TSMC evacúa sus fábricas"),
    ("ford-almussafes", NAT, "La dana inunda la factoría de Almussafes"),
    ("ford-almussafes", NAT, "Inundaciones en la fábrica de Ford en Almussafes"),
    ("port-algeciras", NAT + "|" + BLOCK, "El temporal obliga a cerrar el puerto de Algeciras"),
    ("port-algeciras", NAT + "|" + BLOCK, "El temporal de levante cierra el puerto de Algeciras"),
    ("panama-canal", NAT + "|" + BLOCK, "La sequía reduce el tránsito en el canal de Panamá"),
    ("panama-canal", NAT + "|" + BLOCK, "La sequía obliga al canal de Panamá a limitar el paso de buques"),
    ("rhine-kaub", NAT, "El nivel del Rin en Kaub cae por debajo de 40 centímetros"),
    ("rhine-kaub", NAT, "Aguas bajas en el Rin en Kaub"),
    ("jaen-olive-oil", NAT + "|" + SHORT, "La sequía arruina la cosecha de aceite de oliva de Jaén"),
    ("jaen-olive-oil", NAT, "Granizada en los olivares de Jaén"),
    ("port-le-havre", NAT + "|" + BLOCK, "La tormenta Ciarán obliga a cerrar el puerto de Le Havre"),
    ("port-valencia", NAT, "Las lluvias torrenciales anegan el puerto de Valencia"),
    ("tsmc-taiwan", NAT, "Un sismo de magnitud 7,4 sacude Taiwán; TSMC evacúa sus plantas"),
    ("tsmc-taiwan", NAT, "TSMC evacúa sus fábricas tras un terremoto"),
    ("cocoa-cote-divoire", NAT + "|" + SHORT, "La sequía golpea el cacao marfileño"),
    ("port-valencia", NAT, "La dana golpea la logística valenciana||VALENCIA, 30 Oct. (EUROPA PRESS) - La dana ha inundado varias terminales del puerto de Valencia, que ha suspendido la actividad."),
    ("port-barcelona", NAT, "Un temporal azota el puerto de Barcelona"),
    ("port-rotterdam", NAT, "Una tormenta obliga a suspender la actividad en el puerto de Róterdam"),
    # -- conflict ----------------------------------------------------------------------------
    ("red-sea", WAR, "Los hutíes atacan un petrolero en el mar Rojo"),
    ("ras-tanura", WAR, "Ataque con drones contra Ras Tanura"),
    ("ras-tanura", WAR, "Un dron impacta en la refinería de Ras Tanura"),
    ("ras-laffan-lng", WAR, "Misiles iraníes alcanzan Ras Laffan"),
    ("port-odesa", WAR, "Rusia bombardea el puerto de Odesa"),
    ("port-odesa", WAR, "Bombardeado el puerto de Odesa"),
    ("port-odesa", WAR, "Ataque ruso contra el puerto de Odesa"),
    ("port-odesa", WAR, "Explosiones en el puerto de Odesa tras un ataque ruso con drones"),
    ("strait-of-hormuz", WAR, "Irán ataca un buque en el estrecho de Ormuz"),
    ("strait-of-hormuz", WAR, "Irán captura un petrolero en el estrecho de Ormuz"),
    ("strait-of-hormuz", WAR, "Irán se incauta de un petrolero en el estrecho de Ormuz"),
    ("strait-of-hormuz", WAR, "Apresado un petrolero en el estrecho de Ormuz"),
    ("red-sea", WAR, "Un misil impacta contra un buque en el mar Rojo"),
    ("red-sea", WAR, "Los hutíes reivindican un ataque contra un carguero en el mar Rojo"),
    ("red-sea", WAR, "Atacado un carguero en el mar Rojo"),
    ("bab-el-mandeb", WAR, "Un buque es alcanzado por un misil en el estrecho de Bab el Mandeb"),
    ("red-sea", WAR, "Nuevo ataque hutí||SANA, 12 Ene. (EFE) - Los hutíes lanzaron este viernes dos misiles contra un buque mercante en el mar Rojo, según el Ejército estadounidense."),
    ("port-odesa", WAR, "Un ataque ruso daña el puerto de Odesa"),
    pytest.param("ras-laffan-lng", WAR, "Irán ataca Ras Laffan", marks=pytest.mark.xfail(reason="'ataca' + a site's name: needs an at-node conflict phrase for sites ('ataca' is also political)", strict=True)),
    ("port-odesa", WAR, "Drones rusos golpean el puerto de Odesa"),
    # -- cyberattack -------------------------------------------------------------------------
    ("port-barcelona", CYBER, "Ciberataque contra el puerto de Barcelona"),
    ("port-valencia", CYBER, "Un ciberataque paraliza el puerto de Valencia"),
    ("inditex", CYBER, "Inditex sufre un ciberataque"),
    ("lufthansa", CYBER, "Hackers atacan los sistemas de Lufthansa"),
    ("port-rotterdam", CYBER, "El puerto de Róterdam, víctima de un ciberataque"),
    ("iberdrola", CYBER, "Ataque informático contra Iberdrola"),
    ("eroski", CYBER, "Eroski, objeto de un ciberataque"),
    ("nexperia-hamburg", CYBER, "Nexperia Hamburgo, afectada por un ataque de ransomware"),
    ("iberdrola", CYBER, "Iberdrola sufre un hackeo que expone datos de sus clientes"),
    ("port-antwerp-bruges", CYBER, "Piratas informáticos atacan el puerto de Amberes"),
    ("iberdrola", CYBER, "Ciberataque contra una eléctrica española||MADRID, 18 Mar. (EUROPA PRESS) - Iberdrola ha sufrido un ciberataque que ha afectado a los datos de 850.000 clientes."),
    # -- insolvency --------------------------------------------------------------------------
    ("northvolt-skelleftea", INSOLV, "Northvolt se declara en quiebra"),
    ("northvolt-skelleftea", INSOLV, "Northvolt presenta concurso de acreedores"),
    ("celsa-barcelona", INSOLV, "Celsa, en preconcurso"),
    ("northvolt-skelleftea", INSOLV, "Northvolt solicita la protección por bancarrota"),
    ("northvolt-skelleftea", INSOLV, "Quiebra de Northvolt"),
    ("northvolt-skelleftea", INSOLV, "Northvolt se acoge al capítulo 11 de la ley de quiebras"),
    ("eroski", INSOLV, "Eroski entra en concurso de acreedores"),
    ("northvolt-skelleftea", INSOLV, "Northvolt, en suspensión de pagos"),
    ("northvolt-skelleftea", INSOLV, "El fabricante sueco de baterías quiebra||ESTOCOLMO, 12 Mar. (Reuters) - Northvolt se declaró en quiebra en Suecia tras no lograr nueva financiación."),
    ("meyer-werft-papenburg", INSOLV, "Meyer Werft se declara insolvente"),
    # -- shortage ----------------------------------------------------------------------------
    ("seat-martorell", SHORT + "|" + OUT, "La escasez de chips frena la producción en la planta de Martorell"),
    ("ford-almussafes", SHORT + "|" + OUT, "La falta de piezas obliga a parar la factoría de Almussafes"),
    ("gallium-china", SHORT + "|" + TRADE, "Escasez de galio chino"),
    ("cocoa-cote-divoire", SHORT, "Escasez de cacao marfileño"),
    ("seat-martorell", SHORT + "|" + OUT, "La planta de Martorell se queda sin chips"),
    ("ford-almussafes", SHORT + "|" + OUT, "La factoría de Almussafes parará por falta de motores"),
    ("eroski", SHORT, "Escasean los productos en los supermercados Eroski"),
    ("jaen-olive-oil", SHORT + "|" + NAT, "Mala cosecha de aceite de oliva de Jaén"),
    ("ukraine-grain-belt", SHORT + "|" + TRADE, "Desabastecimiento de grano ucraniano"),
    pytest.param("soy-brazil", SHORT, "Falta soja brasileña en los puertos europeos", marks=pytest.mark.xfail(reason="'falta' alone is too common", strict=True)),
    # -- trade restriction -------------------------------------------------------------------
    ("gallium-china", TRADE, "China restringe las exportaciones de galio"),
    ("germanium-china", TRADE, "China prohíbe exportar germanio a Estados Unidos"),
    ("gallium-china", TRADE, "Pekín impone controles a la exportación de galio y germanio"),
    ("jaen-olive-oil", TRADE, "Aranceles de Trump al aceite de oliva de Jaén"),
    ("jaen-olive-oil", TRADE, "EEUU impone aranceles al aceite de oliva de Jaén"),
    ("ukraine-grain-belt", TRADE, "Polonia prohíbe la importación de grano ucraniano"),
    ("ukraine-grain-belt", TRADE, "Veto a las importaciones de grano ucraniano"),
    ("cobalt-drc", TRADE, "El Congo suspende las exportaciones de cobalto de Kolwezi"),
    ("titanium-vsmpo", TRADE, "Sanciones de la UE contra VSMPO-AVISMA"),
    ("lithium-chile", TRADE, "Chile limita las exportaciones de litio chileno"),
    ("gallium-china", TRADE, "Pekín endurece su pulso tecnológico con Washington||PEKÍN, 3 Dic. (Reuters) - China ha prohibido las exportaciones de galio y germanio a Estados Unidos."),
    ("ukraine-grain-belt", TRADE, "Hungría mantiene el veto al grano ucraniano"),
    # -- lockdown ----------------------------------------------------------------------------
    ("nexperia-dongguan", LOCK, "El confinamiento de Dongguan paraliza la planta de Nexperia"),
    ("tsmc-taiwan", LOCK, "TSMC, afectada por la cuarentena en Taiwán"),
    ("port-valencia", LOCK, "Cuarentena en el puerto de Valencia por un brote de covid"),
]

NEGATIVES: list[tuple[str, str]] = [
    # threats and conditionals
    ("strait-of-hormuz", "Irán amenaza con cerrar el estrecho de Ormuz"),
    ("strait-of-hormuz", "Si Irán cierra el estrecho de Ormuz, el petróleo superará los 100 dólares"),
    ("strait-of-hormuz", "Irán podría cerrar el estrecho de Ormuz, advierten los analistas"),
    ("port-algeciras", "Los estibadores amenazan con ir a la huelga en el puerto de Algeciras"),
    ("seat-martorell", "Los sindicatos de la planta de Martorell no descartan una huelga"),
    ("lufthansa", "Lufthansa advierte de posibles cancelaciones si los pilotos van a la huelga"),
    ("red-sea", "Las navieras estudian volver al mar Rojo"),
    ("suez-canal", "¿Qué pasaría si se cerrara el canal de Suez?"),
    ("port-valencia", "Los transportistas amenazan con bloquear el puerto de Valencia"),
    ("strait-of-hormuz", "El riesgo de un cierre del estrecho de Ormuz preocupa a los mercados"),
    # denials
    ("lufthansa", "Lufthansa niega que vaya a cancelar vuelos"),
    ("port-valencia", "El puerto de Valencia desmiente el cierre de sus terminales"),
    ("iberdrola", "Iberdrola descarta apagones este invierno"),
    ("inditex", "Inditex niega haber sufrido un ciberataque"),
    ("ford-almussafes", "La factoría de Almussafes no se ha visto afectada por la dana"),
    ("suez-canal", "El tráfico por el canal de Suez no se ha visto afectado"),
    # recoveries
    ("port-algeciras", "El puerto de Algeciras reabre tras el temporal"),
    ("suez-canal", "Se reanuda el tráfico en el canal de Suez"),
    ("port-valencia", "Desconvocada la huelga en el puerto de Valencia"),
    ("ford-almussafes", "La factoría de Almussafes reanuda la producción"),
    ("lufthansa", "Lufthansa recupera la normalidad tras la huelga"),
    ("port-barcelona", "Fin de la huelga en el puerto de Barcelona"),
    ("strait-of-hormuz", "Irán reabre el estrecho de Ormuz"),
    ("ras-laffan-lng", "Ras Laffan reanuda la producción de GNL"),
    ("seat-martorell", "La planta de Martorell vuelve a la normalidad"),
    ("suez-canal", "Reflotado el portacontenedores que bloqueaba el canal de Suez"),
    ("port-antwerp-bruges", "Acuerdo para poner fin a la huelga en el puerto de Amberes"),
    ("frankfurt-airport", "El aeropuerto de Fráncfort recupera la normalidad"),
    ("red-sea", "Las navieras vuelven al mar Rojo"),
    ("sabine-pass-lng", "Sabine Pass reanuda las exportaciones de GNL"),
    # past events, anniversaries
    ("suez-canal", "Se cumplen tres años del bloqueo del canal de Suez por el Ever Given"),
    ("port-barcelona", "Hace diez años del incendio en el puerto de Barcelona"),
    ("tsmc-taiwan", "Aniversario del terremoto que obligó a TSMC a evacuar sus plantas"),
    ("port-valencia", "Un año después de la dana, el puerto de Valencia bate récords"),
    ("lufthansa", "Lufthansa recuerda la huelga de pilotos de 2022"),
    # drills
    ("port-barcelona", "Simulacro de incendio en el puerto de Barcelona"),
    ("frankfurt-airport", "Simulacro de accidente aéreo en el aeropuerto de Fráncfort"),
    ("port-algeciras", "El puerto de Algeciras realiza un simulacro de vertido"),
    ("basf-ludwigshafen", "BASF ensaya una explosión en Ludwigshafen en un simulacro"),
    # sports and culture
    ("port-barcelona", "Exposición sobre la historia del puerto de Barcelona"),
    ("panama-canal", "Una película recrea la construcción del canal de Panamá"),
    ("port-valencia", "El puerto de Valencia acoge un festival de música"),
    ("lufthansa", "Lufthansa patrocina al equipo de fútbol del Eintracht"),
    ("red-sea", "Una novela ambientada en el mar Rojo gana el premio"),
    ("strait-of-gibraltar", "Un nadador cruza el estrecho de Gibraltar en tiempo récord"),
    ("port-algeciras", "El concierto en el puerto de Algeciras reúne a 5.000 personas"),
    # prices, markets, results
    ("lufthansa", "Las acciones de Lufthansa caen un 5 % en bolsa"),
    ("inditex", "Inditex dispara sus beneficios un 30 %"),
    ("iberdrola", "Iberdrola gana un 10 % más en el primer trimestre"),
    ("strait-of-hormuz", "El Brent sube un 3 % por la tensión en torno al estrecho de Ormuz"),
    ("lufthansa", "Lufthansa eleva sus previsiones tras un verano récord"),
    ("celsa-barcelona", "Celsa cierra el ejercicio con beneficios"),
    ("inditex", "Inditex cierra el trimestre con un alza de ventas"),
    ("iberdrola", "Iberdrola cierra la compra de una eléctrica británica"),
    ("port-valencia", "El puerto de Valencia cierra el año con un récord de contenedores"),
    # statistics and ordinary business
    ("port-valencia", "El puerto de Valencia movió 5 millones de contenedores en 2024"),
    ("panama-canal", "El tráfico por el canal de Panamá crece un 10 %"),
    ("lufthansa", "Lufthansa estrena una ruta entre Fráncfort y Bilbao"),
    ("seat-martorell", "SEAT invierte 300 millones en la planta de Martorell"),
    ("port-algeciras", "El puerto de Algeciras amplía su terminal de contenedores"),
    ("tsmc-taiwan", "TSMC construirá una nueva fábrica en Japón"),
    ("northvolt-skelleftea", "Northvolt recibe un nuevo pedido de Volvo"),
    ("port-barcelona", "Récord de cruceros en el puerto de Barcelona"),
    ("ford-almussafes", "La factoría de Almussafes fabricará un nuevo modelo eléctrico"),
    ("strait-of-hormuz", "Un tercio del crudo mundial pasa por el estrecho de Ormuz"),
    ("inditex", "Inditex abre su mayor tienda en Madrid"),
    ("iberdrola", "Iberdrola controla el 40 % de la eólica marina del país"),
    ("strait-of-hormuz", "Estados Unidos refuerza su presencia naval para garantizar la libre navegación en el estrecho de Ormuz"),
    ("red-sea", "La UE prorroga la misión Aspides en el mar Rojo"),
    # words of the new constructions in other senses
    ("inditex", "Las redes arden tras el anuncio de Inditex"),
    ("iberdrola", "Hackers éticos premiados por Iberdrola"),
    ("port-algeciras", "La patronal de la estiba choca con los sindicatos del puerto de Algeciras"),
    ("frankfurt-airport", "El tráfico de pasajeros del aeropuerto de Fráncfort cae un 5 %"),
    ("lufthansa", "Lufthansa no cancelará vuelos este verano"),
    ("strait-of-hormuz", "Irán no cerrará el estrecho de Ormuz, según su ministro de Exteriores"),
    ("port-valencia", "El puerto de Valencia cerró el año con un récord de tráfico"),
    ("seat-martorell", "Ayudas para la planta de Martorell"),
    ("inditex", "Inditex se queda sin rival en bolsa"),
    ("frankfurter-buchmesse", "La Feria del Libro de Fráncfort abre un espacio de diálogo entre países en guerra"),
    ("port-barcelona", "El puerto de Barcelona bloquea la venta de su terminal de cruceros"),
    # datelines and the city alone
    ("port-valencia", "Los médicos valencianos irán a la huelga||VALENCIA, 3 Mar. (EUROPA PRESS) - Los médicos de la Comunitat Valenciana irán a la huelga el próximo lunes."),
    ("port-barcelona", "Desalojados veinte vecinos por un incendio||BARCELONA, 5 Abr. (EFE) - Un incendio en un piso del Eixample obliga a desalojar a veinte vecinos."),
    ("port-algeciras", "Dos detenidos por un robo||ALGECIRAS (CÁDIZ), 9 Jul. (EUROPA PRESS) - La Policía Nacional ha detenido a dos personas por un robo."),
    ("frankfurt-airport", "El Bundesbank mantiene sus previsiones||FRÁNCFORT, 12 Feb. (Reuters) - El Bundesbank mantiene sus previsiones de crecimiento pese a la huelga de maquinistas."),
    ("port-rotterdam", "Róterdam celebra su maratón anual"),
    # other senses of the words
    ("lufthansa", "Huelga de hambre de un activista frente a la sede de Lufthansa"),
    ("red-sea", "Alto el fuego en el mar Rojo, según los hutíes"),
    ("suez-canal", "Egipto celebra el aniversario de la nacionalización del canal de Suez"),
    ("port-valencia", "El paro baja en Valencia gracias al puerto"),
    ("iberdrola", "Iberdrola lanza una tarifa sin cortes de precio"),
    ("inditex", "Inditex bloquea la venta de su filial rusa"),
    ("northvolt-skelleftea", "Northvolt descarta la quiebra tras lograr financiación"),
    ("seat-martorell", "SEAT celebra los 30 años de la planta de Martorell"),
    ("tsmc-taiwan", "TSMC sale indemne del terremoto de Taiwán"),
    ("port-algeciras", "La Operación Paso del Estrecho transcurre sin incidencias en el puerto de Algeciras"),
]


@pytest.mark.parametrize(("node_id", "types", "text"), POSITIVES)
def test_wire_construction_raises_the_node(tagger: Tagger, node_id: str, types: str, text: str) -> None:
    title, summary = _split(text)
    events = tagger.tag(title, summary, "es")
    ok = set(types.split("|"))
    hits = [e for e in events if e.target == node_id and e.confidence >= DEFAULT_MIN_CONFIDENCE and not e.recovery]
    # the node's best event is the one `monitor eval` scores the type of
    assert hits and hits[0].type in ok, [(e.target, e.type, round(e.confidence, 2), e.recovery) for e in events]


@pytest.mark.parametrize(("node_id", "text"), NEGATIVES)
def test_near_miss_raises_nothing_at_the_node(tagger: Tagger, node_id: str, text: str) -> None:
    title, summary = _split(text)
    events = tagger.tag(title, summary, "es")
    bad = [e for e in events if e.target == node_id and e.confidence >= DEFAULT_MIN_CONFIDENCE and not e.recovery]
    assert not bad, [(e.target, e.type, round(e.confidence, 2)) for e in bad]
