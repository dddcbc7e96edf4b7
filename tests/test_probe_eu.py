"""Probe matrix of the basic wire constructions in German, French and Italian (de, fr, it
entries of graphs/data/lexicon.yaml), against the bundled graph.

For every disruption type, the forms a desk writes (dpa, Reuters German, AFP, Reuters
French, ANSA): an active headline (agent + verb + object + place: "Huthis versenken Schiff
im Roten Meer"), a passive or participle one ("Tanker in der Straße von Hormus beschossen",
"Pétrolier attaqué dans le détroit d'Ormuz", "Nave attaccata nel Mar Rosso"), a nominal one
("Grève au port du Havre"), a continuing state ("bleibt gesperrt", "reste à l'arrêt",
"ancora fermo"), a measurable consequence ("Flüge gestrichen", "vols annulés", "voli
cancellati") and a lead under a dateline ("HAMBURG (dpa) -", "PARIS, 3 mars (Reuters) -",
"ROMA, 3 MAR (ANSA) -"). Written for these tests with real node names; none is a
labelled item. The near misses must raise nothing at the node: threats and conditionals,
denials, full recoveries, anniversaries, drills, sport and culture using the name, prices
and statistics, a dateline alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphs.lexicon import load_lexicon
from graphs.loader import load_graph
from graphs.tagger import DEFAULT_MIN_CONFIDENCE, Tagger

BUNDLED = Path(__file__).resolve().parent.parent / "config"


@pytest.fixture(scope="module")
def bundled() -> Tagger:
    return Tagger(load_graph(BUNDLED / "graph", display_root=BUNDLED), load_lexicon())


def raised(tagger: Tagger, lang: str, title: str, text: str = "") -> dict[str, set[str]]:
    """node -> the disruption types raised there at or above the alert threshold."""
    out: dict[str, set[str]] = {}
    for e in tagger.tag(title, text, lang):
        if e.confidence >= DEFAULT_MIN_CONFIDENCE and not e.recovery:
            out.setdefault(e.target, set()).add(e.type)
    return out


CONFLICT = {"conflict"}
BLOCK = {"blockage"}
BLOCK_CONF = {"blockage", "conflict"}
STRIKE = {"strike"}
STRIKE_BLOCK = {"strike", "blockage"}
STRIKE_OUT = {"strike", "outage"}
OUT = {"outage"}
OUT_BLOCK = {"outage", "blockage"}
FIRE = {"fire"}
ACC = {"accident"}
ACC_BLOCK = {"accident", "blockage"}
NAT = {"natural_disaster"}
NAT_BLOCK = {"natural_disaster", "blockage"}
NAT_OUT = {"natural_disaster", "outage", "blockage"}
CONG = {"congestion"}
CONG_BLOCK = {"congestion", "blockage"}
CYBER = {"cyberattack"}
CYBER_OUT = {"cyberattack", "outage"}
INSOLV = {"insolvency"}
SHORT = {"shortage"}
SHORT_OUT = {"shortage", "outage"}
TRADE = {"trade_restriction"}
LOCK = {"lockdown"}
LOCK_OUT = {"lockdown", "outage"}



def LEFT(why: str) -> pytest.MarkDecorator:
    """A construction seen and left as it is (the reason says why)."""
    return pytest.mark.xfail(strict=True, reason=why)


# (lang, title, text, node, acceptable types)
POSITIVES = [
    # ---------------------------------------------------------------- German
    # conflict
    ("de", "Huthis versenken Schiff im Roten Meer", "", "red-sea", CONFLICT),
    ("de", "Huthi-Miliz versenkt Frachter im Roten Meer", "", "red-sea", CONFLICT),
    ("de", "Huthi-Miliz greift Frachter im Roten Meer an", "", "red-sea", CONFLICT),
    ("de", "Huthis greifen erneut Tanker im Roten Meer an", "", "red-sea", CONFLICT),
    ("de", "Huthi-Rebellen beschießen Handelsschiff im Roten Meer", "", "red-sea", CONFLICT),
    ("de", "Huthis attackieren Containerschiff im Roten Meer", "", "red-sea", CONFLICT),
    ("de", "Iran beschlagnahmt Öltanker in der Straße von Hormus", "", "strait-of-hormuz", CONFLICT),
    ("de", "Iran kapert Tanker in der Straße von Hormus", "", "strait-of-hormuz", CONFLICT),
    ("de", "Frachter im Roten Meer angegriffen", "", "red-sea", CONFLICT),
    ("de", "Tanker in der Straße von Hormus beschossen", "", "strait-of-hormuz", CONFLICT),
    ("de", "Handelsschiff im Roten Meer von Rakete getroffen", "", "red-sea", CONFLICT),
    ("de", "Containerschiff im Roten Meer von Drohnen getroffen", "", "red-sea", CONFLICT),
    ("de", "Schiff im Roten Meer versenkt", "", "red-sea", CONFLICT),
    ("de", "Frachter im Roten Meer nach Huthi-Angriff gesunken", "", "red-sea", CONFLICT | ACC),
    ("de", "Drohnenangriff auf Schiff im Roten Meer", "", "red-sea", CONFLICT),
    ("de", "Angriff auf Containerschiff im Roten Meer", "", "red-sea", CONFLICT),
    ("de", "Raketenangriff auf Tanker in der Meerenge Bab al-Mandab", "", "bab-el-mandeb", CONFLICT),
    ("de", "Russische Raketen treffen Hafen Odessa", "", "port-odesa", CONFLICT),
    ("de", "Russland greift Hafen Odessa mit Drohnen an", "", "port-odesa", CONFLICT),
    ("de", "Hafen Odessa bei russischem Drohnenangriff beschädigt", "", "port-odesa", CONFLICT | ACC),
    ("de", "Reedereien meiden das Rote Meer nach Huthi-Angriffen", "", "red-sea", BLOCK_CONF),
    ("de", "Schiff im Roten Meer von Huthis gekapert", "", "red-sea", CONFLICT),
    ("de", "Huthis reklamieren Angriff auf Frachter im Roten Meer für sich",
     "", "red-sea", CONFLICT),
    ("de", "Huthi-Angriffe im Roten Meer gehen weiter", "", "red-sea", CONFLICT),
    ("de", "Neue Angriffe auf Schiffe im Roten Meer",
     "BERLIN (dpa) - Die Huthi-Miliz im Jemen hat erneut ein Handelsschiff im Roten Meer angegriffen.",
     "red-sea", CONFLICT),
    ("de", "Huthis melden Angriff",
     "SANAA (Reuters) - Die jemenitischen Huthis haben nach eigenen Angaben einen Frachter im Roten Meer "
     "mit Raketen beschossen.", "red-sea", CONFLICT),
    # blockage
    ("de", "Iran sperrt die Straße von Hormus", "", "strait-of-hormuz", BLOCK),
    ("de", "Straße von Hormus gesperrt", "", "strait-of-hormuz", BLOCK),
    ("de", "Straße von Hormus bleibt geschlossen", "", "strait-of-hormuz", BLOCK),
    ("de", "Straße von Hormus weiter gesperrt", "", "strait-of-hormuz", BLOCK),
    ("de", "Containerschiff blockiert den Suezkanal", "", "suez-canal", BLOCK | ACC),
    ("de", "Suezkanal nach Havarie blockiert", "", "suez-canal", BLOCK | ACC),
    ("de", "Schiffsverkehr in der Straße von Hormus eingestellt", "", "strait-of-hormuz", BLOCK),
    ("de", "Schiffsverkehr durch den Suezkanal bricht ein", "", "suez-canal", BLOCK),
    ("de", "Zahl der Durchfahrten durch den Suezkanal halbiert", "", "suez-canal", BLOCK),
    ("de", "Reedereien meiden den Suezkanal", "", "suez-canal", BLOCK),
    ("de", "Maersk stoppt alle Fahrten durch das Rote Meer", "", "red-sea", BLOCK),
    ("de", "Hapag-Lloyd setzt Fahrten durch das Rote Meer aus", "", "red-sea", BLOCK),
    ("de", "Reedereien leiten Schiffe um das Kap der Guten Hoffnung um",
     "Sie meiden das Rote Meer wegen der Angriffe der Huthis.", "red-sea", BLOCK_CONF),
    ("de", "Bosporus nach Havarie für den Schiffsverkehr gesperrt", "", "bosporus", BLOCK | ACC),
    ("de", "Klimaaktivisten blockieren Hamburger Hafen", "", "port-hamburg", STRIKE_BLOCK),
    ("de", "Suezkanal weiter blockiert",
     "KAIRO (dpa) - Der Suezkanal ist nach der Havarie eines Containerschiffs weiterhin blockiert. Dutzende "
     "Schiffe warten auf die Durchfahrt.", "suez-canal", BLOCK | ACC | CONG),
    # strike
    ("de", "Warnstreik im Hamburger Hafen", "", "port-hamburg", STRIKE),
    ("de", "Verdi ruft zu Warnstreik im Hamburger Hafen auf", "", "port-hamburg", STRIKE),
    ("de", "Streik legt Hamburger Hafen lahm", "", "port-hamburg", STRIKE),
    ("de", "Hamburger Hafen wird bestreikt", "", "port-hamburg", STRIKE),
    ("de", "Streik im Hamburger Hafen geht in den dritten Tag", "", "port-hamburg", STRIKE),
    ("de", "Hafenarbeiter im Hamburger Hafen legen die Arbeit nieder", "", "port-hamburg", STRIKE),
    ("de", "Lufthansa-Piloten streiken", "", "lufthansa", STRIKE),
    ("de", "Warnstreik bei Lufthansa: Hunderte Flüge gestrichen", "", "lufthansa", STRIKE_OUT),
    ("de", "Streik am Frankfurter Flughafen: Tausende Passagiere gestrandet", "", "frankfurt-airport", STRIKE),
    ("de", "Verdi bestreikt Flughafen Frankfurt", "", "frankfurt-airport", STRIKE),
    ("de", "Streik im VW-Werk Wolfsburg", "", "volkswagen-wolfsburg", STRIKE),
    ("de", "Beschäftigte von Thyssenkrupp Steel treten in den Ausstand", "", "thyssenkrupp-duisburg", STRIKE),
    ("de", "Streik am Flughafen Frankfurt dauert an", "", "frankfurt-airport", STRIKE),
    ("de", "Flughafen lahmgelegt",
     "FRANKFURT (dpa) - Ein Streik des Bodenpersonals hat am Montag den Betrieb am Frankfurter Flughafen "
     "weitgehend lahmgelegt.", "frankfurt-airport", STRIKE),
    ("de", "Streikende blockieren Zufahrt zum Hafen Bremerhaven", "", "port-bremerhaven", STRIKE_BLOCK),
    # outage
    ("de", "Produktionsstopp im VW-Werk Wolfsburg", "", "volkswagen-wolfsburg", OUT | SHORT),
    ("de", "Bänder im VW-Werk Zwickau stehen still", "", "volkswagen-zwickau", OUT | SHORT),
    ("de", "VW-Werk Zwickau stoppt die Produktion", "", "volkswagen-zwickau", OUT | SHORT),
    ("de", "Stromausfall legt Infineon-Werk Dresden lahm", "", "infineon-dresden", OUT),
    ("de", "Infineon Dresden: Produktion nach Stromausfall unterbrochen", "", "infineon-dresden", OUT),
    ("de", "BASF fährt Anlagen in Ludwigshafen herunter", "", "basf-ludwigshafen", OUT),
    ("de", "BASF schaltet Anlagen in Ludwigshafen ab", "", "basf-ludwigshafen", OUT),
    ("de", "Werk Ludwigshafen weiterhin stillgelegt", "", "basf-ludwigshafen", OUT),
    ("de", "Produktion im BASF-Werk Ludwigshafen ruht weiter", "", "basf-ludwigshafen", OUT),
    ("de", "IT-Panne bei Lufthansa: Flüge gestrichen", "", "lufthansa", OUT),
    ("de", "Lufthansa streicht wegen IT-Störung zahlreiche Flüge", "", "lufthansa", OUT),
    ("de", "Lufthansa streicht Hunderte Flüge", "", "lufthansa", OUT | STRIKE),
    ("de", "Flughafen Frankfurt: Flugbetrieb eingestellt", "", "frankfurt-airport", OUT_BLOCK),
    ("de", "Hochofen bei Thyssenkrupp Duisburg außer Betrieb", "", "thyssenkrupp-duisburg", OUT),
    ("de", "LNG-Terminal Wilhelmshaven außer Betrieb", "", "det-wilhelmshaven", OUT),
    ("de", "Gasfluss durch Europipe unterbrochen", "", "norway-gas-pipelines", OUT),
    ("de", "BASF drosselt Produktion in Ludwigshafen", "", "basf-ludwigshafen", OUT | SHORT),
    ("de", "Anlagen abgeschaltet",
     "LUDWIGSHAFEN (Reuters) - Der Chemiekonzern BASF hat nach einem Zwischenfall mehrere Anlagen im "
     "Werk Ludwigshafen abgeschaltet.", "basf-ludwigshafen", OUT | ACC),
    # fire
    ("de", "Großbrand bei BASF in Ludwigshafen", "", "basf-ludwigshafen", FIRE),
    ("de", "Brand im BASF-Werk Ludwigshafen", "", "basf-ludwigshafen", FIRE),
    ("de", "Feuer im Hamburger Hafen: Containerschiff brennt", "", "port-hamburg", FIRE),
    ("de", "Explosion im Chempark Leverkusen", "", "chempark-leverkusen", FIRE),
    ("de", "Tanklager im Chempark Leverkusen explodiert", "", "chempark-leverkusen", FIRE),
    ("de", "Feuer im Airbus-Werk Hamburg", "", "airbus-hamburg", FIRE),
    ("de", "Brand bei der Meyer Werft", "", "meyer-werft-papenburg", FIRE),
    ("de", "Großbrand nach Explosion",
     "LEVERKUSEN (dpa) - Nach einer Explosion im Chempark Leverkusen ist ein Großbrand ausgebrochen.",
     "chempark-leverkusen", FIRE),
    ("de", "Feuer im Chempark Leverkusen weiter nicht unter Kontrolle", "", "chempark-leverkusen", FIRE),
    # accident
    ("de", "Containerschiff rammt Brücke im Hamburger Hafen", "", "port-hamburg", ACC),
    ("de", "Frachter im Suezkanal auf Grund gelaufen", "", "suez-canal", ACC_BLOCK),
    ("de", "Schiffskollision auf dem Rhein bei Kaub", "", "rhine-kaub", ACC),
    ("de", "Tanker in der Straße von Hormus kollidiert", "", "strait-of-hormuz", ACC),
    ("de", "Frachter havariert im Bosporus", "", "bosporus", ACC_BLOCK),
    ("de", "Gasleck im Chempark Leverkusen", "", "chempark-leverkusen", ACC),
    ("de", "Unfall im Chempark Leverkusen: Chemikalien ausgetreten", "", "chempark-leverkusen", ACC),
    ("de", "Frachter sinkt im Bosporus", "", "bosporus", ACC_BLOCK),
    ("de", "Kabel C-Lion1 in der Ostsee beschädigt", "", "c-lion1-cable", ACC | CONFLICT | OUT),
    # natural disaster
    ("de", "Niedrigwasser am Rhein: Pegel Kaub fällt unter 40 Zentimeter", "", "rhine-kaub", NAT),
    ("de", "Pegel Kaub sinkt auf 50 Zentimeter", "", "rhine-kaub", NAT),
    ("de", "Hochwasser: Schifffahrt auf dem Rhein bei Kaub eingestellt", "", "rhine-kaub", NAT_BLOCK),
    ("de", "Sturmtief legt Hamburger Hafen lahm", "", "port-hamburg", NAT_OUT),
    ("de", "Sturmflut überflutet Hamburger Hafen", "", "port-hamburg", NAT),
    ("de", "Orkan: Hamburger Hafen stellt Betrieb ein", "", "port-hamburg", NAT_OUT),
    ("de", "Dürre am Panamakanal: Durchfahrten begrenzt", "", "panama-canal", NAT_BLOCK),
    ("de", "Hochwasser im VW-Werk Zwickau", "", "volkswagen-zwickau", NAT),
    # congestion
    ("de", "Stau vor dem Hamburger Hafen: Dutzende Schiffe warten", "", "port-hamburg", CONG),
    ("de", "Schiffe stauen sich vor dem Suezkanal", "", "suez-canal", CONG_BLOCK),
    ("de", "Lange Wartezeiten im Hamburger Hafen", "", "port-hamburg", CONG),
    ("de", "Containerschiffe warten tagelang vor dem Hafen Bremerhaven", "", "port-bremerhaven", CONG),
    ("de", "Hamburger Hafen überlastet", "", "port-hamburg", CONG),
    # cyberattack
    ("de", "Hacker greifen Lufthansa an", "", "lufthansa", CYBER),
    ("de", "Cyberangriff legt ZF lahm", "", "zf-friedrichshafen", CYBER_OUT),
    ("de", "ZF Friedrichshafen Ziel eines Cyberangriffs", "", "zf-friedrichshafen", CYBER),
    ("de", "Hackerattacke auf Nordex", "", "nordex", CYBER),
    ("de", "Nordex nach Hackerangriff lahmgelegt", "", "nordex", CYBER_OUT),
    ("de", "Fraport Opfer einer Cyberattacke", "", "frankfurt-airport", CYBER),
    # insolvency
    ("de", "Meyer Werft meldet Insolvenz an", "", "meyer-werft-papenburg", INSOLV),
    ("de", "Meyer Werft stellt Insolvenzantrag", "", "meyer-werft-papenburg", INSOLV),
    ("de", "Meyer Werft ist pleite", "", "meyer-werft-papenburg", INSOLV),
    ("de", "Meyer Werft ist zahlungsunfähig", "", "meyer-werft-papenburg", INSOLV),
    ("de", "Insolvenzverfahren über Meyer Werft eröffnet", "", "meyer-werft-papenburg", INSOLV),
    # shortage
    ("de", "Chipmangel: Produktion im VW-Werk Zwickau stockt", "", "volkswagen-zwickau", SHORT_OUT),
    ("de", "Teilemangel bremst VW-Werk Wolfsburg aus", "", "volkswagen-wolfsburg", SHORT_OUT),
    ("de", "Engpass bei Gallium aus China", "", "gallium-china", SHORT | TRADE),
    ("de", "Ivorischer Kakao wird knapp", "", "cocoa-cote-divoire", SHORT),
    ("de", "Halbleiter fehlen: VW-Werk Zwickau steht still", "", "volkswagen-zwickau", SHORT_OUT),
    # trade restriction
    ("de", "China verhängt Exportverbot für Gallium", "", "gallium-china", TRADE),
    ("de", "China beschränkt Ausfuhr von Gallium", "", "gallium-china", TRADE),
    ("de", "Peking stoppt Export von Germanium", "", "germanium-china", TRADE),
    ("de", "China stoppt Ausfuhr seltener Erden", "", "baotou-rare-earths", TRADE),
    ("de", "Exportstopp für seltene Erden aus China", "", "baotou-rare-earths", TRADE),
    # lockdown
    ("de", "Corona-Lockdown: VW-Werk Zwickau steht still", "", "volkswagen-zwickau", LOCK_OUT),

    # ---------------------------------------------------------------- French
    # conflict
    ("fr", "Les Houthis coulent un navire en mer Rouge", "", "red-sea", CONFLICT),
    ("fr", "Les Houthis attaquent un cargo en mer Rouge", "", "red-sea", CONFLICT),
    ("fr", "Les Houthis revendiquent une attaque contre un navire en mer Rouge", "", "red-sea", CONFLICT),
    ("fr", "L'Iran saisit un pétrolier dans le détroit d'Ormuz", "", "strait-of-hormuz", CONFLICT),
    ("fr", "Un pétrolier attaqué dans le détroit d'Ormuz", "", "strait-of-hormuz", CONFLICT),
    ("fr", "Cargo touché par un missile en mer Rouge", "", "red-sea", CONFLICT),
    ("fr", "Un navire marchand visé par des drones en mer Rouge", "", "red-sea", CONFLICT),
    ("fr", "Un navire coulé par les Houthis en mer Rouge", "", "red-sea", CONFLICT | ACC),
    ("fr", "Un pétrolier arraisonné dans le détroit d'Ormuz", "", "strait-of-hormuz", CONFLICT),
    ("fr", "Un navire détourné par les Houthis en mer Rouge", "", "red-sea", CONFLICT | BLOCK),
    ("fr", "Attaque de drones contre un navire en mer Rouge", "", "red-sea", CONFLICT),
    ("fr", "Nouvelle attaque contre un porte-conteneurs en mer Rouge", "", "red-sea", CONFLICT),
    ("fr", "Frappes russes sur le port d'Odessa", "", "port-odesa", CONFLICT),
    ("fr", "Le port d'Odessa visé par des frappes russes", "", "port-odesa", CONFLICT),
    ("fr", "Le port d'Odessa bombardé", "", "port-odesa", CONFLICT),
    ("fr", "Les armateurs évitent la mer Rouge après les attaques houthies", "", "red-sea", BLOCK_CONF),
    ("fr", "Les attaques se poursuivent en mer Rouge", "", "red-sea", CONFLICT),
    ("fr", "Attaque en mer Rouge",
     "PARIS, 3 mars (Reuters) - Les rebelles houthis du Yémen ont attaqué un porte-conteneurs en mer Rouge, a "
     "annoncé lundi l'agence britannique UKMTO.", "red-sea", CONFLICT),
    ("fr", "Un navire touché",
     "DUBAI, 3 mars (AFP) - Un pétrolier a été touché par un missile dans le détroit d'Ormuz, selon "
     "l'agence UKMTO.", "strait-of-hormuz", CONFLICT),
    # blockage
    ("fr", "Le canal de Suez bloqué par un porte-conteneurs échoué", "", "suez-canal", BLOCK | ACC),
    ("fr", "L'Iran ferme le détroit d'Ormuz", "", "strait-of-hormuz", BLOCK),
    ("fr", "Le détroit d'Ormuz reste fermé", "", "strait-of-hormuz", BLOCK),
    ("fr", "Le détroit d'Ormuz toujours fermé à la navigation", "", "strait-of-hormuz", BLOCK),
    ("fr", "Trafic suspendu dans le canal de Suez", "", "suez-canal", BLOCK),
    ("fr", "Navigation interrompue sur le Bosphore", "", "bosporus", BLOCK),
    ("fr", "Maersk suspend ses traversées en mer Rouge", "", "red-sea", BLOCK),
    ("fr", "CMA CGM suspend le transit de ses navires par la mer Rouge", "", "red-sea", BLOCK),
    ("fr", "Les transits par le canal de Suez s'effondrent", "", "suez-canal", BLOCK),
    ("fr", "Le trafic dans le canal de Suez chute de moitié", "", "suez-canal", BLOCK),
    ("fr", "Des navires déroutés pour éviter la mer Rouge", "", "red-sea", BLOCK),
    ("fr", "Blocage du port du Havre par les dockers", "", "port-le-havre", STRIKE_BLOCK),
    ("fr", "Des agriculteurs bloquent le port de Marseille-Fos", "", "port-marseille-fos", STRIKE_BLOCK),
    ("fr", "Le Bosphore fermé à la navigation après une avarie", "", "bosporus", BLOCK | ACC),
    ("fr", "Canal de Suez bloqué",
     "LE CAIRE, 3 mars (AFP) - Le trafic dans le canal de Suez est suspendu après l'échouement d'un "
     "porte-conteneurs, a indiqué l'Autorité du canal.", "suez-canal", BLOCK | ACC),
    # strike
    ("fr", "Grève au port du Havre", "", "port-le-havre", STRIKE),
    ("fr", "Grève des dockers au port du Havre", "", "port-le-havre", STRIKE),
    ("fr", "Le port de Marseille-Fos paralysé par une grève", "", "port-marseille-fos", STRIKE),
    ("fr", "Les dockers du port du Havre en grève", "", "port-le-havre", STRIKE),
    ("fr", "Grève chez ArcelorMittal Dunkerque", "", "arcelormittal-dunkerque", STRIKE),
    ("fr", "Mouvement social à l'usine de Sochaux", "", "stellantis-sochaux", STRIKE),
    ("fr", "Débrayage sur le site Airbus de Toulouse", "", "airbus-toulouse", STRIKE),
    ("fr", "Troisième jour de grève au port du Havre", "", "port-le-havre", STRIKE),
    ("fr", "La grève se poursuit au port de Marseille-Fos", "", "port-marseille-fos", STRIKE),
    ("fr", "Les salariés de l'aciérie de Dunkerque cessent le travail", "", "arcelormittal-dunkerque", STRIKE),
    ("fr", "Grève chez Lufthansa: des centaines de vols annulés", "", "lufthansa", STRIKE_OUT),
    ("fr", "Les pilotes de Lufthansa en grève", "", "lufthansa", STRIKE),
    ("fr", "Les grévistes bloquent le port de Marseille-Fos", "", "port-marseille-fos", STRIKE_BLOCK),
    ("fr", "Grève au Havre",
     "LE HAVRE, 3 mars (AFP) - Les dockers du port du Havre ont entamé mardi une grève de 48 heures contre la "
     "réforme des retraites.", "port-le-havre", STRIKE),
    # outage
    ("fr", "L'usine de Sochaux à l'arrêt", "", "stellantis-sochaux", OUT),
    ("fr", "Production arrêtée à l'usine de Sochaux", "", "stellantis-sochaux", OUT),
    ("fr", "L'usine de Sochaux reste à l'arrêt", "", "stellantis-sochaux", OUT),
    ("fr", "Stellantis suspend la production à l'usine de Mulhouse", "", "stellantis-mulhouse", OUT),
    ("fr", "Stellantis arrête sa production à l'usine de Mulhouse", "", "stellantis-mulhouse", OUT),
    ("fr", "Lilly Fegersheim suspend sa production", "", "lilly-fegersheim", OUT),
    ("fr", "Chômage partiel à l'usine de Sochaux", "", "stellantis-sochaux", OUT),
    ("fr", "Panne géante à l'usine de Crolles", "", "stmicro-crolles", OUT),
    ("fr", "Le haut fourneau d'ArcelorMittal Dunkerque mis à l'arrêt", "", "arcelormittal-dunkerque", OUT),
    ("fr", "ArcelorMittal Dunkerque arrête un haut fourneau", "", "arcelormittal-dunkerque", OUT),
    ("fr", "Aluminium Dunkerque réduit sa production", "", "aluminium-dunkerque", OUT),
    ("fr", "Vols annulés à l'aéroport de Francfort après une panne informatique", "", "frankfurt-airport", OUT),
    ("fr", "Lufthansa annule des centaines de vols", "", "lufthansa", OUT | STRIKE),
    ("fr", "Coupure de courant à l'usine de Crolles", "", "stmicro-crolles", OUT),
    ("fr", "Usine à l'arrêt",
     "SOCHAUX, 3 mars (AFP) - La production est interrompue depuis lundi à l'usine de Sochaux à la suite d'une "
     "panne informatique, a indiqué Stellantis.", "stellantis-sochaux", OUT),
    # fire
    ("fr", "Incendie à l'usine Solvay de La Rochelle", "", "solvay-la-rochelle", FIRE),
    ("fr", "Explosion sur le site ArcelorMittal de Dunkerque", "", "arcelormittal-dunkerque", FIRE),
    ("fr", "Un violent incendie ravage les chantiers de l'Atlantique", "", "chantiers-de-l-atlantique", FIRE),
    ("fr", "Feu sur un porte-conteneurs au port du Havre", "", "port-le-havre", FIRE),
    ("fr", "L'usine Solvay de La Rochelle en feu", "", "solvay-la-rochelle", FIRE),
    ("fr", "L'incendie de l'usine Solvay de La Rochelle toujours pas maîtrisé", "", "solvay-la-rochelle", FIRE),
    ("fr", "Incendie à Dunkerque",
     "DUNKERQUE, 3 mars (AFP) - Un incendie s'est déclaré dans la nuit à l'aciérie de Dunkerque, a-t-on appris "
     "auprès des pompiers.", "arcelormittal-dunkerque", FIRE),
    # accident
    ("fr", "Un porte-conteneurs s'échoue dans le canal de Suez", "", "suez-canal", ACC_BLOCK),
    ("fr", "Collision entre deux navires dans la Manche", "", "dover-strait", ACC),
    ("fr", "Un cargo heurte un quai du port du Havre", "", "port-le-havre", ACC),
    ("fr", "Fuite de gaz à l'usine Solvay de La Rochelle", "", "solvay-la-rochelle", ACC),
    ("fr", "Un cargo chavire dans le Bosphore", "", "bosporus", ACC),
    ("fr", "Accident mortel à l'aciérie de Dunkerque", "", "arcelormittal-dunkerque", ACC),
    ("fr", "Un navire en avarie bloque le Bosphore", "", "bosporus", ACC_BLOCK),
    # natural disaster
    ("fr", "Tempête: le port du Havre fermé", "", "port-le-havre", NAT_BLOCK),
    ("fr", "La tempête Ciaran paralyse le port du Havre", "", "port-le-havre", NAT_BLOCK),
    ("fr", "Inondations: l'usine de Sochaux à l'arrêt", "", "stellantis-sochaux", NAT_OUT),
    ("fr", "Sécheresse: le canal de Panama limite le passage des navires", "", "panama-canal", NAT_BLOCK),
    ("fr", "Crue: navigation interrompue sur le Rhin à Kaub", "", "rhine-kaub", NAT_BLOCK),
    ("fr", "Le port de Marseille-Fos fermé en raison du mistral", "", "port-marseille-fos", NAT_BLOCK),
    # congestion
    ("fr", "Engorgement au port du Havre: des dizaines de navires en attente", "", "port-le-havre", CONG),
    ("fr", "Embouteillage de navires à l'entrée du canal de Suez", "", "suez-canal", CONG),
    ("fr", "Le port d'Anvers saturé", "", "port-antwerp-bruges", CONG),
    ("fr", "Des navires attendent au mouillage devant le port de Marseille-Fos", "", "port-marseille-fos", CONG),
    # cyberattack
    ("fr", "Cyberattaque contre le groupe Carrefour", "", "carrefour", CYBER),
    ("fr", "Le port de Marseille-Fos visé par une cyberattaque", "", "port-marseille-fos", CYBER),
    ("fr", "Le port du Havre victime d'un rançongiciel", "", "port-le-havre", CYBER),
    ("fr", "Des pirates informatiques paralysent le port du Havre", "", "port-le-havre", CYBER | OUT),
    ("fr", "Le groupe Carrefour victime d'un piratage", "", "carrefour", CYBER),
    # insolvency
    ("fr", "Aluminium Dunkerque placé en redressement judiciaire", "", "aluminium-dunkerque", INSOLV),
    ("fr", "Aluminium Dunkerque dépose le bilan", "", "aluminium-dunkerque", INSOLV),
    ("fr", "Aluminium Dunkerque en cessation de paiements", "", "aluminium-dunkerque", INSOLV),
    ("fr", "Faillite de Meyer Werft", "", "meyer-werft-papenburg", INSOLV),
    ("fr", "Aluminium Dunkerque en liquidation judiciaire", "", "aluminium-dunkerque", INSOLV),
    # shortage
    ("fr", "Pénurie de puces: l'usine de Sochaux à l'arrêt", "", "stellantis-sochaux", SHORT_OUT),
    ("fr", "Pénurie de cacao ivoirien", "", "cocoa-cote-divoire", SHORT),
    ("fr", "Le cacao ivoirien vient à manquer", "", "cocoa-cote-divoire", SHORT),
    ("fr", "Faute de pièces, l'usine de Sochaux suspend sa production", "", "stellantis-sochaux", SHORT_OUT),
    ("fr", "Manque de composants: Renault Sandouville à l'arrêt", "", "renault-sandouville", SHORT_OUT),
    # trade restriction
    ("fr", "La Chine interdit les exportations de gallium", "", "gallium-china", TRADE),
    ("fr", "Pékin restreint les exportations de germanium", "", "germanium-china", TRADE),
    ("fr", "Pékin suspend ses exportations de terres rares", "", "baotou-rare-earths", TRADE),
    ("fr", "Restrictions chinoises à l'exportation de gallium", "", "gallium-china", TRADE),
    ("fr", "La Chine impose des contrôles à l'exportation de germanium", "", "germanium-china", TRADE),
    # lockdown
    ("fr", "Confinement: l'usine de Mulhouse ferme ses portes", "", "stellantis-mulhouse", LOCK_OUT),

    # ---------------------------------------------------------------- Italian
    # conflict
    ("it", "Houthi affondano nave nel Mar Rosso", "", "red-sea", CONFLICT),
    ("it", "Gli Houthi attaccano una petroliera nel Mar Rosso", "", "red-sea", CONFLICT),
    ("it", "Nave attaccata nel Mar Rosso", "", "red-sea", CONFLICT),
    ("it", "Petroliera colpita da un missile nello stretto di Hormuz", "", "strait-of-hormuz", CONFLICT),
    ("it", "Mercantile colpito da droni nel Mar Rosso", "", "red-sea", CONFLICT),
    ("it", "Attacco con droni contro una nave nel Mar Rosso", "", "red-sea", CONFLICT),
    ("it", "L'Iran sequestra una petroliera nello stretto di Hormuz", "", "strait-of-hormuz", CONFLICT),
    ("it", "Petroliera sequestrata nello stretto di Hormuz", "", "strait-of-hormuz", CONFLICT),
    ("it", "Nave affondata dagli Houthi nel Mar Rosso", "", "red-sea", CONFLICT | ACC),
    ("it", "Raid russo sul porto di Odessa", "", "port-odesa", CONFLICT),
    ("it", "Porto di Odessa bombardato", "", "port-odesa", CONFLICT),
    ("it", "Missili russi sul porto di Odessa", "", "port-odesa", CONFLICT),
    ("it", "Portacontainer dirottata dagli Houthi nel Mar Rosso", "", "red-sea", CONFLICT | BLOCK),
    ("it", "Gli Houthi rivendicano un attacco a una nave nel Mar Rosso", "", "red-sea", CONFLICT),
    ("it", "Le compagnie evitano il Mar Rosso dopo gli attacchi Houthi", "", "red-sea", BLOCK_CONF),
    ("it", "Proseguono gli attacchi nel Mar Rosso", "", "red-sea", CONFLICT),
    ("it", "Nave attaccata",
     "ROMA, 3 MAR (ANSA) - I ribelli Houthi hanno attaccato una nave mercantile nel Mar Rosso, secondo "
     "quanto riferito dall'agenzia britannica Ukmto.", "red-sea", CONFLICT),
    ("it", "Petroliera colpita",
     "DUBAI, 3 MAR (ANSA) - Una petroliera è stata colpita da un drone nello stretto di Hormuz.",
     "strait-of-hormuz", CONFLICT),
    # blockage
    ("it", "Canale di Suez bloccato da una portacontainer incagliata", "", "suez-canal", BLOCK | ACC),
    ("it", "L'Iran chiude lo stretto di Hormuz", "", "strait-of-hormuz", BLOCK),
    ("it", "Stretto di Hormuz ancora chiuso", "", "strait-of-hormuz", BLOCK),
    ("it", "Lo stretto di Hormuz resta chiuso", "", "strait-of-hormuz", BLOCK),
    ("it", "Navigazione sospesa nel Canale di Suez", "", "suez-canal", BLOCK),
    ("it", "Msc sospende i transiti nel Mar Rosso", "", "red-sea", BLOCK),
    ("it", "Crollano i transiti nel Canale di Suez", "", "suez-canal", BLOCK),
    ("it", "Traffico navale nel Bosforo sospeso", "", "bosporus", BLOCK),
    ("it", "Le navi evitano il Mar Rosso e circumnavigano l'Africa", "", "red-sea", BLOCK),
    ("it", "Navi dirottate per evitare il Mar Rosso", "", "red-sea", BLOCK),
    ("it", "Porto di Genova bloccato dai portuali", "", "port-genoa", STRIKE_BLOCK),
    ("it", "Canale di Suez bloccato",
     "IL CAIRO, 3 MAR (ANSA) - Il traffico nel Canale di Suez è sospeso dopo l'incaglio di una portacontainer, "
     "ha reso noto l'Autorità del Canale.", "suez-canal", BLOCK | ACC),
    # strike
    ("it", "Sciopero al porto di Genova", "", "port-genoa", STRIKE),
    ("it", "Porto di Genova, portuali in sciopero", "", "port-genoa", STRIKE),
    ("it", "Sciopero dei portuali blocca il porto di Trieste", "", "port-trieste", STRIKE_BLOCK),
    ("it", "Sciopero allo stabilimento di Melfi", "", "stellantis-melfi", STRIKE),
    ("it", "Stellantis Melfi, operai in sciopero", "", "stellantis-melfi", STRIKE),
    ("it", "Scioperano i lavoratori del cantiere di Monfalcone", "", "fincantieri-monfalcone", STRIKE),
    ("it", "Sciopero Lufthansa, cancellati centinaia di voli", "", "lufthansa", STRIKE_OUT),
    ("it", "Terzo giorno di sciopero al porto di Trieste", "", "port-trieste", STRIKE),
    ("it", "Prosegue lo sciopero al cantiere di Monfalcone", "", "fincantieri-monfalcone", STRIKE),
    ("it", "Fincantieri Monfalcone, sciopero di otto ore", "", "fincantieri-monfalcone", STRIKE),
    ("it", "Incrociano le braccia i portuali del porto di Genova", "", "port-genoa", STRIKE),
    ("it", "Sciopero al porto",
     "GENOVA, 3 MAR (ANSA) - Sciopero dei lavoratori portuali oggi nel porto di Genova: bloccati i varchi e le "
     "operazioni di carico.", "port-genoa", STRIKE),
    # outage
    pytest.param("it", "Stabilimento di Melfi fermo", "", "stellantis-melfi", OUT, marks=LEFT('a bare "fermo" after a site name: "fermo" alone is also an arrest, a freeze frame, "fermo restando"')),
    ("it", "Stellantis ferma la produzione nello stabilimento di Melfi", "", "stellantis-melfi", OUT),
    ("it", "Stabilimento di Melfi ancora fermo", "", "stellantis-melfi", OUT),
    ("it", "Cassa integrazione allo stabilimento di Melfi", "", "stellantis-melfi", OUT),
    ("it", "Melfi, linee ferme per una settimana allo stabilimento di Melfi", "", "stellantis-melfi", OUT),
    ("it", "Produzione sospesa allo stabilimento ST di Catania", "", "stmicro-catania", OUT),
    ("it", "Stabilimento Barilla di Pedrignano fermo per un guasto", "", "barilla-parma", OUT),
    ("it", "Blackout all'aeroporto di Francoforte, voli cancellati", "", "frankfurt-airport", OUT),
    ("it", "Guasto informatico, Lufthansa cancella decine di voli", "", "lufthansa", OUT),
    ("it", "Lufthansa cancella centinaia di voli", "", "lufthansa", OUT | STRIKE),
    ("it", "Stop alla produzione allo stabilimento di Melfi", "", "stellantis-melfi", OUT),
    ("it", "Stellantis sospende la produzione a Melfi",
     "MELFI, 3 MAR (ANSA) - La produzione nello stabilimento di Melfi è stata sospesa fino a venerdì per "
     "un guasto all'impianto di verniciatura.", "stellantis-melfi", OUT),
    # fire
    ("it", "Incendio allo stabilimento Barilla di Pedrignano", "", "barilla-parma", FIRE),
    ("it", "Incendio nel porto di Genova", "", "port-genoa", FIRE),
    ("it", "Esplosione al cantiere di Monfalcone", "", "fincantieri-monfalcone", FIRE),
    ("it", "Rogo al porto di Trieste", "", "port-trieste", FIRE),
    ("it", "Nave in fiamme nel porto di Genova", "", "port-genoa", FIRE),
    pytest.param("it", "Brucia un deposito nel porto di Trieste", "", "port-trieste", FIRE, marks=LEFT('"brucia" is as often money burnt ("la Borsa brucia 20 miliardi")')),
    ("it", "Incendio a Monfalcone",
     "MONFALCONE, 3 MAR (ANSA) - Un incendio è divampato nella notte nel cantiere di Monfalcone, hanno "
     "riferito i vigili del fuoco.", "fincantieri-monfalcone", FIRE),
    # accident
    ("it", "Nave urta la banchina nel porto di Genova", "", "port-genoa", ACC),
    ("it", "Portacontainer incagliata nel Canale di Suez", "", "suez-canal", ACC_BLOCK),
    ("it", "Nave si incaglia nel Canale di Suez", "", "suez-canal", ACC_BLOCK),
    ("it", "Collisione tra navi nel Bosforo", "", "bosporus", ACC),
    ("it", "Incidente sul lavoro al cantiere di Monfalcone", "", "fincantieri-monfalcone", ACC),
    ("it", "Crolla una gru nel porto di Genova", "", "port-genoa", ACC),
    ("it", "Fuga di gas allo stabilimento di Melfi", "", "stellantis-melfi", ACC),
    ("it", "Nave affonda nel Bosforo", "", "bosporus", ACC_BLOCK),
    # natural disaster
    ("it", "Maltempo, porto di Genova chiuso", "", "port-genoa", NAT_BLOCK),
    ("it", "Mareggiata sul porto di Genova", "", "port-genoa", NAT),
    ("it", "Alluvione, stabilimento di Melfi allagato", "", "stellantis-melfi", NAT),
    ("it", "Terremoto, fermo lo stabilimento ST di Catania", "", "stmicro-catania", NAT_OUT),
    ("it", "Siccità nel Canale di Panama, transiti ridotti", "", "panama-canal", NAT_BLOCK),
    ("it", "Burrasca, chiuso il porto di Trieste", "", "port-trieste", NAT_BLOCK),
    # congestion
    ("it", "Porto di Genova congestionato, navi in rada", "", "port-genoa", CONG),
    ("it", "Lunghe code di camion al porto di Genova", "", "port-genoa", CONG),
    ("it", "Navi in attesa davanti al Canale di Suez", "", "suez-canal", CONG),
    ("it", "Ingorgo di navi all'ingresso del Canale di Suez", "", "suez-canal", CONG),
    # cyberattack
    ("it", "Attacco hacker al porto di Genova", "", "port-genoa", CYBER),
    ("it", "Attacco informatico contro Costa Crociere", "", "costa-crociere", CYBER),
    ("it", "Costa Crociere colpita da un ransomware", "", "costa-crociere", CYBER),
    ("it", "Hacker bloccano i sistemi del porto di Trieste", "", "port-trieste", CYBER | OUT),
    ("it", "Costa Crociere vittima di un attacco informatico", "", "costa-crociere", CYBER),
    # insolvency
    ("it", "Costa Crociere in amministrazione straordinaria", "", "costa-crociere", INSOLV),
    ("it", "Costa Crociere chiede il concordato preventivo", "", "costa-crociere", INSOLV),
    ("it", "Dichiarato il fallimento di Costa Crociere", "", "costa-crociere", INSOLV),
    ("it", "Costa Crociere porta i libri in tribunale", "", "costa-crociere", INSOLV),
    # shortage
    ("it", "Carenza di chip, si ferma lo stabilimento di Melfi", "", "stellantis-melfi", SHORT_OUT),
    ("it", "Mancano i semiconduttori, stabilimento di Melfi in cassa integrazione", "", "stellantis-melfi", SHORT_OUT),
    ("it", "Scarseggia il cacao ivoriano", "", "cocoa-cote-divoire", SHORT),
    ("it", "Carenza di gallio cinese", "", "gallium-china", SHORT),
    pytest.param("it", "Manca il cacao ivoriano", "", "cocoa-cote-divoire", SHORT, marks=LEFT('"manca" alone is too common a verb; only "mancano <parts>" is a term')),
    # trade restriction
    ("it", "La Cina vieta l'export di gallio", "", "gallium-china", TRADE),
    ("it", "Pechino blocca le esportazioni di germanio", "", "germanium-china", TRADE),
    pytest.param("it", "Pechino stringe sull'export di terre rare", "", "baotou-rare-earths", TRADE, marks=LEFT('an idiom ("stringe su"), not a construction')),
    ("it", "Dazi sulla soia brasiliana", "", "soy-brazil", TRADE),
    ("it", "La Cina limita le esportazioni di gallio", "", "gallium-china", TRADE),
    # lockdown
    ("it", "Lockdown, chiude lo stabilimento di Melfi", "", "stellantis-melfi", LOCK_OUT),
]

# (lang, title, text, node): nothing may be raised at the node at >= 0.5 (recoveries apart)
NEGATIVES = [
    # ---------------------------------------------------------------- German
    ("de", "Huthis drohen mit Angriffen auf Schiffe im Roten Meer", "", "red-sea"),
    ("de", "Iran droht mit Schließung der Straße von Hormus", "", "strait-of-hormuz"),
    ("de", "Iran könnte die Straße von Hormus sperren", "", "strait-of-hormuz"),
    ("de", "Was wäre, wenn die Straße von Hormus gesperrt würde? Ein Szenario", "", "strait-of-hormuz"),
    ("de", "Verdi schließt Streik im Hamburger Hafen vorerst aus", "", "port-hamburg"),
    ("de", "Warnstreik bei Lufthansa abgesagt", "", "lufthansa"),
    ("de", "Tarifeinigung im Hamburger Hafen: Streik abgewendet", "", "port-hamburg"),
    ("de", "Streik im Hamburger Hafen beendet", "", "port-hamburg"),
    ("de", "Suezkanal wieder frei: Schiffsverkehr rollt wieder", "", "suez-canal"),
    ("de", "Lufthansa dementiert Berichte über IT-Panne", "", "lufthansa"),
    ("de", "BASF: Keine Auswirkungen auf das Werk Ludwigshafen", "", "basf-ludwigshafen"),
    ("de", "Jahrestag: Vor einem Jahr brannte es im Chempark Leverkusen", "", "chempark-leverkusen"),
    ("de", "Katastrophenschutzübung am Flughafen Frankfurt", "", "frankfurt-airport"),
    ("de", "Feuerwehrübung im Chempark Leverkusen", "", "chempark-leverkusen"),
    ("de", "Fraport Skyliners gewinnen gegen Bamberg", "", "frankfurt-airport"),
    ("de", "Hamburger Hafen meldet Rekordumschlag", "", "port-hamburg"),
    ("de", "Umschlag im Hamburger Hafen sinkt um drei Prozent", "", "port-hamburg"),
    ("de", "Lufthansa-Aktie legt nach Zahlen kräftig zu", "", "lufthansa"),
    ("de", "Ölpreis steigt wegen Spannungen um die Straße von Hormus", "", "strait-of-hormuz"),
    ("de", "Kinofilm über die Havarie im Suezkanal", "", "suez-canal"),
    ("de", "Meyer Werft gerettet: Bund steigt ein", "", "meyer-werft-papenburg"),
    ("de", "Insolvenz der Meyer Werft abgewendet", "", "meyer-werft-papenburg"),
    ("de", "Huthis kündigen Ende der Angriffe im Roten Meer an", "", "red-sea"),
    ("de", "Pegel Kaub steigt wieder: Schiffe fahren voll beladen", "", "rhine-kaub"),
    ("de", "Lufthansa eröffnet neue Lounge am Frankfurter Flughafen", "", "frankfurt-airport"),
    ("de", "Hamburger Hafen: Zahlen vorgelegt",
     "HAMBURG (dpa) - Der Hamburger Hafen hat im vergangenen Jahr mehr Container umgeschlagen.", "port-hamburg"),
    ("de", "VW-Werk Zwickau nimmt Produktion wieder auf", "", "volkswagen-zwickau"),
    ("de", "Lufthansa: Kein Streik über Ostern", "", "lufthansa"),
    ("de", "Wirtschaftsminister besucht Infineon Dresden", "", "infineon-dresden"),
    ("de", "China erwägt Exportbeschränkungen für Gallium", "", "gallium-china"),
    ("de", "Sturm der Entrüstung über Lufthansa-Preise", "", "lufthansa"),
    ("de", "BASF investiert in neue Anlage in Ludwigshafen", "", "basf-ludwigshafen"),
    ("de", "Chempark Leverkusen: Brand gelöscht, Anlagen laufen wieder", "", "chempark-leverkusen"),
    ("de", "Lufthansa verbietet Powerbanks an Bord", "", "lufthansa"),
    ("de", "Roman über einen Brand im Hamburger Hafen", "", "port-hamburg"),

    # ---------------------------------------------------------------- French
    ("fr", "Les Houthis menacent d'attaquer les navires en mer Rouge", "", "red-sea"),
    ("fr", "L'Iran menace de fermer le détroit d'Ormuz", "", "strait-of-hormuz"),
    ("fr", "Et si le détroit d'Ormuz était fermé ?", "", "strait-of-hormuz"),
    ("fr", "Fin de la grève au port du Havre", "", "port-le-havre"),
    ("fr", "Grève évitée au port du Havre après un accord", "", "port-le-havre"),
    ("fr", "Le trafic a repris dans le canal de Suez", "", "suez-canal"),
    ("fr", "Exercice incendie à l'usine Solvay de La Rochelle", "", "solvay-la-rochelle"),
    ("fr", "Il y a un an, l'incendie de l'usine Solvay de La Rochelle", "", "solvay-la-rochelle"),
    ("fr", "Le groupe Carrefour dément toute cyberattaque", "", "carrefour"),
    ("fr", "Aucune perturbation au port de Marseille-Fos malgré la tempête", "", "port-marseille-fos"),
    ("fr", "Le prix du cacao ivoirien bondit", "", "cocoa-cote-divoire"),
    ("fr", "Festival de musique au port du Havre", "", "port-le-havre"),
    ("fr", "Le port du Havre bat son record de trafic", "", "port-le-havre"),
    ("fr", "Les chantiers de l'Atlantique livrent un paquebot géant", "", "chantiers-de-l-atlantique"),
    ("fr", "L'usine de Sochaux redémarre", "", "stellantis-sochaux"),
    ("fr", "La production reprend à l'usine de Sochaux", "", "stellantis-sochaux"),
    ("fr", "Aluminium Dunkerque trouve un repreneur", "", "aluminium-dunkerque"),
    ("fr", "Préavis de grève levé au port de Marseille-Fos", "", "port-marseille-fos"),
    ("fr", "Lufthansa: l'action bondit après les résultats", "", "lufthansa"),
    ("fr", "Le trafic du port de Marseille-Fos a reculé de 2% en 2024", "", "port-marseille-fos"),
    ("fr", "La Chine envisage de restreindre les exportations de gallium", "", "gallium-china"),
    ("fr", "Le ministre visite l'usine de Crolles", "", "stmicro-crolles"),
    ("fr", "Un film sur le blocage du canal de Suez", "", "suez-canal"),
    ("fr", "Les Houthis annoncent la fin des attaques en mer Rouge", "", "red-sea"),
    ("fr", "Le port du Havre",
     "LE HAVRE, 3 mars (AFP) - Le port du Havre a présenté mardi ses résultats annuels.", "port-le-havre"),
    ("fr", "Simulation de cyberattaque au port du Havre", "", "port-le-havre"),
    ("fr", "Incendie maîtrisé à l'usine Solvay de La Rochelle, l'activité reprend", "", "solvay-la-rochelle"),
    ("fr", "Le canal de Suez rouvert à la navigation", "", "suez-canal"),
    ("fr", "Le Bosphore, une exposition photo à Paris", "", "bosporus"),
    ("fr", "Le détroit d'Ormuz pourrait être fermé, prévient Téhéran", "", "strait-of-hormuz"),
    ("fr", "Aucun impact sur l'usine de Crolles, assure STMicroelectronics", "", "stmicro-crolles"),
    ("fr", "Le gouvernement écarte toute pénurie de cacao ivoirien", "", "cocoa-cote-divoire"),
    ("fr", "Airbus: la chaîne d'assemblage de Toulouse accélère les cadences", "", "airbus-toulouse"),
    ("fr", "La grève à l'usine de Sochaux n'aura pas lieu", "", "stellantis-sochaux"),

    # ---------------------------------------------------------------- Italian
    ("it", "Gli Houthi minacciano nuovi attacchi nel Mar Rosso", "", "red-sea"),
    ("it", "L'Iran minaccia di chiudere lo stretto di Hormuz", "", "strait-of-hormuz"),
    ("it", "Cosa succederebbe se lo stretto di Hormuz venisse chiuso", "", "strait-of-hormuz"),
    ("it", "Revocato lo sciopero al porto di Genova", "", "port-genoa"),
    ("it", "Porto di Genova, riprende il traffico", "", "port-genoa"),
    ("it", "Esercitazione antincendio al porto di Trieste", "", "port-trieste"),
    ("it", "Porto di Genova, record di container nel 2024", "", "port-genoa"),
    ("it", "Costa Crociere smentisce l'attacco hacker", "", "costa-crociere"),
    ("it", "Porto di Genova, nessun disagio per il maltempo", "", "port-genoa"),
    ("it", "Un anno fa l'incendio allo stabilimento Barilla di Pedrignano", "", "barilla-parma"),
    ("it", "Stabilimento di Melfi, riparte la produzione", "", "stellantis-melfi"),
    ("it", "Sciopero scongiurato al porto di Trieste", "", "port-trieste"),
    ("it", "Costa Crociere salvata da un nuovo investitore", "", "costa-crociere"),
    ("it", "Il prezzo del cacao ivoriano vola in borsa", "", "cocoa-cote-divoire"),
    ("it", "Film sulla nave incagliata nel Canale di Suez", "", "suez-canal"),
    ("it", "Il ministro visita lo stabilimento di Melfi", "", "stellantis-melfi"),
    ("it", "Canale di Suez, riaperta la navigazione", "", "suez-canal"),
    ("it", "Lufthansa, il titolo vola in borsa", "", "lufthansa"),
    ("it", "Mostra fotografica sul porto di Trieste", "", "port-trieste"),
    ("it", "La Cina valuta restrizioni all'export di gallio", "", "gallium-china"),
    ("it", "Gli Houthi annunciano la fine degli attacchi nel Mar Rosso", "", "red-sea"),
    ("it", "Porto di Trieste, traffico in crescita del 5%", "", "port-trieste"),
    ("it", "Il porto di Genova",
     "GENOVA, 3 MAR (ANSA) - Il porto di Genova ha presentato oggi il bilancio dell'anno.", "port-genoa"),
    ("it", "Incendio spento al porto di Genova, riprendono le operazioni", "", "port-genoa"),
    ("it", "Concerto al cantiere di Monfalcone per i 100 anni", "", "fincantieri-monfalcone"),
    ("it", "Nessun impatto sullo stabilimento ST di Catania", "", "stmicro-catania"),
    ("it", "Sciopero al porto di Genova: accordo raggiunto, revocata la protesta", "", "port-genoa"),
    ("it", "Lo stretto di Hormuz potrebbe essere chiuso, avverte Teheran", "", "strait-of-hormuz"),
    ("it", "Stellantis smentisce lo stop dello stabilimento di Melfi", "", "stellantis-melfi"),
    ("it", "Simulazione di attacco hacker al porto di Genova", "", "port-genoa"),
    ("it", "Costa Crociere presenta la nuova nave ammiraglia", "", "costa-crociere"),
    ("it", "Stabilimento di Melfi torna alla piena capacità", "", "stellantis-melfi"),
]


@pytest.mark.parametrize(("lang", "title", "text", "target", "types"), POSITIVES)
def test_wire_construction_raises(bundled, lang, title, text, target, types):
    got = raised(bundled, lang, title, text)
    assert got.get(target, set()) & types, got


@pytest.mark.parametrize(("lang", "title", "text", "target"), NEGATIVES)
def test_wire_near_miss_stays_quiet(bundled, lang, title, text, target):
    got = raised(bundled, lang, title, text)
    assert target not in got, got
