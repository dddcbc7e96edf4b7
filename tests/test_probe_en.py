"""Probe matrix: the basic English wire constructions (Reuters, Bloomberg, AP, AFP) for every
disruption type, on real nodes of the bundled graph (config/graph).

For each type the constructions a desk uses: active headline (agent + verb + object + place),
passive/participle headline ("X attacked in Y", "X hit by", "X shut by"), nominal headline
("Strike at port of X", "Fire at X plant"), continuing state ("remains shut", "third day"),
measurable consequence ("ships diverted", "flights cancelled", "production halted") and a lead
under a dateline ("ROTTERDAM, March 3 (Reuters) -"). The sentences are written for the matrix
(the register, not any one story); the near misses below must not raise: threats and
conditionals, denials, recoveries, anniversaries, drills, sports and culture, market talk.
(A strike threatened or voted for is an event in the labelled sets -- "postal workers threaten
further strikes", "workers vote to strike" -- so it is no near miss here.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphs.lexicon import load_lexicon
from graphs.loader import load_graph
from graphs.tagger import DEFAULT_MIN_CONFIDENCE, Tagger

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(load_graph(REPO / "config" / "graph"), load_lexicon())


def _split(case: str) -> tuple[str, str]:
    title, _, lead = case.partition("||")
    return title, lead


def _alerting(tagger: Tagger, case: str) -> dict[str, set[str]]:
    title, lead = _split(case)
    out: dict[str, set[str]] = {}
    for e in tagger.tag(title, lead, "en"):
        if e.confidence >= DEFAULT_MIN_CONFIDENCE and not e.recovery:
            out.setdefault(e.target, set()).add(e.type)
    return out


# Acceptable types of the constructions that are ambiguous by nature.
STRIKE = {"strike"}
SHUT = {"blockage", "outage"}
HALT = {"outage", "blockage"}

# (case "title||lead", node, acceptable types)
POSITIVE: list[tuple[str, str, set[str]]] = [
    # ---------------------------------------------------------------- strike
    ("Dockworkers strike at Port of Rotterdam", "port-rotterdam", STRIKE),
    ("Port of Antwerp dockers walk out over pay", "port-antwerp-bruges", STRIKE),
    ("Port of Hamburg hit by strike", "port-hamburg", STRIKE),
    ("Port of Le Havre paralysed by strike", "port-le-havre", STRIKE),
    ("Strike at Port of Genoa", "port-genoa", STRIKE),
    ("Strike halts operations at Port of Piraeus", "port-piraeus", STRIKE | HALT),
    ("Lufthansa pilots strike, hundreds of flights cancelled", "lufthansa", STRIKE | HALT),
    ("Lufthansa strike enters third day", "lufthansa", STRIKE),
    ("Strike at Volkswagen's Wolfsburg plant continues", "volkswagen-wolfsburg", STRIKE),
    ("Walkout at Airbus Toulouse halts production", "airbus-toulouse", STRIKE | HALT),
    ("Striking dockers block Port of Marseille-Fos", "port-marseille-fos", STRIKE | {"blockage"}),
    ("Port of Genoa dockers stage 24-hour strike", "port-genoa", STRIKE),
    ("Strike shuts Port of Valencia for second day", "port-valencia", STRIKE | SHUT),
    ("Workers at Tata Steel IJmuiden down tools", "tata-steel-ijmuiden", STRIKE),
    ("Frankfurt Airport security staff strike, flights cancelled", "frankfurt-airport", STRIKE | HALT),
    ("Lufthansa cabin crew go on strike", "lufthansa", STRIKE),
    ("Lufthansa cancels flights as pilots strike", "lufthansa", STRIKE | HALT),
    ("Industrial action at Frankfurt Airport grounds flights", "frankfurt-airport", STRIKE | HALT),
    ("Port of Antwerp strike leaves ships stranded", "port-antwerp-bruges", STRIKE | {"blockage"}),
    ("Lufthansa ground staff stage warning strike", "lufthansa", STRIKE),
    ("Dockers' strike at Port of Le Havre enters second week", "port-le-havre", STRIKE),
    ("Ships diverted as strike hits Port of Rotterdam", "port-rotterdam", STRIKE | {"blockage"}),
    ("Airbus workers strike at Toulouse plant", "airbus-toulouse", STRIKE),
    ("ROTTERDAM, March 3 (Reuters) - Dockworkers at the Port of Rotterdam began a 24-hour strike on Monday, "
     "halting container handling, the FNV union said.", "port-rotterdam", STRIKE | HALT),
    ("Lufthansa pilots walk out||FRANKFURT, Feb 7 (Reuters) - Pilots at Lufthansa walked out on Wednesday in a "
     "dispute over pensions, forcing the airline to cancel more than 800 flights.", "lufthansa", STRIKE | HALT),
    ("Work stoppage at Port of Piraeus container terminal", "port-piraeus", STRIKE),
    # ---------------------------------------------------------------- blockage
    ("Suez Canal blocked by grounded container ship", "suez-canal", {"blockage", "accident"}),
    ("Container ship runs aground in Suez Canal, blocking traffic", "suez-canal", {"blockage", "accident"}),
    ("Iran closes Strait of Hormuz", "strait-of-hormuz", {"blockage", "conflict"}),
    ("Strait of Hormuz closed to shipping", "strait-of-hormuz", {"blockage"}),
    ("Shipping through Strait of Hormuz halted", "strait-of-hormuz", {"blockage"}),
    ("Tanker traffic through Strait of Hormuz grinds to a halt", "strait-of-hormuz", {"blockage", "outage"}),
    ("Shipping lines divert vessels away from Red Sea", "red-sea", {"blockage"}),
    ("Container lines pause Red Sea transits", "red-sea", {"blockage"}),
    ("Bosphorus closed to shipping after tanker breaks down", "bosporus", {"blockage", "accident"}),
    ("Suez Canal remains blocked for third day", "suez-canal", {"blockage"}),
    ("Houthis block Bab el-Mandeb to shipping", "bab-el-mandeb", {"blockage", "conflict"}),
    ("Traffic in the Bosphorus suspended", "bosporus", {"blockage"}),
    ("Farmers blockade Port of Antwerp", "port-antwerp-bruges", {"blockage", "strike"}),
    ("Protesters block access to Port of Le Havre", "port-le-havre", {"blockage", "strike"}),
    ("Panama Canal cuts daily transits", "panama-canal", {"blockage", "natural_disaster"}),
    ("Ships avoid Red Sea after attacks", "red-sea", {"blockage", "conflict"}),
    ("Tanker owners halt shipments through Strait of Hormuz", "strait-of-hormuz", {"blockage"}),
    ("Several tanker owners have suspended crude oil shipments via the Strait of Hormuz after Tehran said it "
     "had closed navigation", "strait-of-hormuz", {"blockage"}),
    ("Shipping companies suspend transits through Bab el-Mandeb", "bab-el-mandeb", {"blockage"}),
    ("Maersk suspends all Red Sea sailings", "red-sea", {"blockage"}),
    ("Ships reroute around Africa to avoid the Red Sea", "red-sea", {"blockage"}),
    ("Suez Canal traffic plunges as carriers shun Red Sea", "suez-canal", {"blockage"}),
    ("Strait of Hormuz shut for a second day", "strait-of-hormuz", {"blockage"}),
    ("Dozens of ships stuck in Suez Canal", "suez-canal", {"blockage", "congestion"}),
    ("Closure of the Strait of Hormuz strands tankers", "strait-of-hormuz", {"blockage"}),
    ("Bosphorus shipping traffic halted after collision", "bosporus", {"blockage", "accident"}),
    ("Panama Canal restricts transits as drought deepens", "panama-canal", {"blockage", "natural_disaster"}),
    ("DUBAI, June 22 (Reuters) - Iran closed the Strait of Hormuz to commercial shipping on Sunday, "
     "the Revolutionary Guards said, stranding dozens of tankers in the Gulf.", "strait-of-hormuz", {"blockage"}),
    ("Suez Canal blocked||CAIRO, March 24 (Reuters) - A giant container ship ran aground in the Suez Canal on "
     "Tuesday, blocking one of the world's busiest waterways.", "suez-canal", {"blockage", "accident"}),
    ("Port of Rotterdam shut to shipping after storm", "port-rotterdam", SHUT | {"natural_disaster"}),
    # ---------------------------------------------------------------- congestion
    ("Congestion at Port of Rotterdam worsens", "port-rotterdam", {"congestion"}),
    ("Ships wait days to berth at Port of Antwerp", "port-antwerp-bruges", {"congestion"}),
    ("Port of Hamburg congested as vessels pile up", "port-hamburg", {"congestion"}),
    ("Container backlog builds at Port of Valencia", "port-valencia", {"congestion"}),
    ("Queues of ships form outside Port of Piraeus", "port-piraeus", {"congestion"}),
    ("Delays mount at Port of Le Havre", "port-le-havre", {"congestion"}),
    ("Waiting times at Port of Rotterdam rise to five days", "port-rotterdam", {"congestion"}),
    ("Vessels wait at anchor off Port of Genoa", "port-genoa", {"congestion"}),
    ("Congestion at Port of Antwerp persists", "port-antwerp-bruges", {"congestion"}),
    ("Port of Hamburg struggles with congestion", "port-hamburg", {"congestion"}),
    ("Containers pile up at Port of Rotterdam", "port-rotterdam", {"congestion"}),
    ("Bottleneck at Port of Gdansk as cargo volumes surge", "port-gdansk", {"congestion"}),
    ("Port of Rotterdam hit by congestion", "port-rotterdam", {"congestion"}),
    ("Ships queue to enter Suez Canal", "suez-canal", {"congestion", "blockage"}),
    ("Dozens of ships wait to transit Panama Canal", "panama-canal", {"congestion", "blockage"}),
    ("HAMBURG, June 5 (Reuters) - Container ships are waiting up to a week to berth at the Port of Hamburg "
     "as congestion spreads across north European ports.", "port-hamburg", {"congestion"}),
    ("Port of Antwerp congestion||ANTWERP, Belgium (AP) — Vessels are queuing for days outside the Port of "
     "Antwerp, where a backlog of containers has built up after weeks of disruption.", "port-antwerp-bruges",
     {"congestion"}),
    # ---------------------------------------------------------------- outage
    ("Power outage halts production at Tata Steel IJmuiden", "tata-steel-ijmuiden", {"outage"}),
    ("Shell Pernis refinery shut after power failure", "shell-pernis", {"outage"} | SHUT),
    ("Lufthansa grounds flights after IT glitch", "lufthansa", {"outage"}),
    ("Lufthansa cancels flights after computer failure", "lufthansa", {"outage"}),
    ("Estlink 2 power cable out of service after fault", "estlink-2", {"outage", "accident"}),
    ("Production halted at Volkswagen Wolfsburg plant", "volkswagen-wolfsburg", {"outage"}),
    ("Equinor shuts Troll gas field after power failure", "equinor-troll", {"outage"}),
    ("Ras Laffan LNG output halted", "ras-laffan-lng", {"outage"}),
    ("QatarEnergy declares force majeure on LNG exports from Ras Laffan", "ras-laffan-lng", {"outage"}),
    ("Sabine Pass LNG shut by outage", "sabine-pass-lng", {"outage"}),
    ("Pernis refinery remains shut", "shell-pernis", SHUT),
    ("Infineon Dresden fab hit by power cut", "infineon-dresden", {"outage"}),
    ("Blackout hits Port of Valencia", "port-valencia", {"outage"}),
    ("Airbus halts production at Toulouse plant", "airbus-toulouse", {"outage"}),
    ("Production at Tata Steel IJmuiden remains suspended", "tata-steel-ijmuiden", {"outage"}),
    ("Flights cancelled at Frankfurt Airport after power outage", "frankfurt-airport", {"outage"}),
    ("Troll gas field outage cuts Norwegian exports", "equinor-troll", {"outage"}),
    ("Unplanned outage at Troll gas field", "equinor-troll", {"outage"}),
    ("Kollsnes gas plant shut down after technical fault", "equinor-troll", {"outage"}),
    ("Technical problem halts Sabine Pass LNG train", "sabine-pass-lng", {"outage"}),
    ("Ras Tanura refinery shut", "ras-tanura", SHUT),
    ("Northvolt halts production at Skelleftea gigafactory", "northvolt-skelleftea", {"outage"}),
    ("Shell Pernis refinery to stay shut for weeks", "shell-pernis", SHUT),
    ("Tata Steel IJmuiden blast furnace offline", "tata-steel-ijmuiden", {"outage"}),
    ("Frankfurt Airport suspends flights", "frankfurt-airport", {"outage", "blockage"}),
    ("Lufthansa flights grounded by IT outage", "lufthansa", {"outage"}),
    ("Estlink 2 cable knocked offline", "estlink-2", {"outage"}),
    ("Damaged Estlink 2 cable cuts power flows to Finland", "estlink-2", {"outage", "accident"}),
    ("OSLO, Feb 3 (Reuters) - Equinor's Troll gas field was shut on Monday because of a power outage, "
     "the company said, cutting Norwegian gas exports.", "equinor-troll", {"outage"}),
    ("Volkswagen halts Wolfsburg plant||WOLFSBURG, Germany (AP) — Volkswagen stopped production at its "
     "Wolfsburg plant on Tuesday because of a fault in its IT systems, the company said.", "volkswagen-wolfsburg",
     {"outage"}),
    ("Shell shuts Pernis refinery unit after outage", "shell-pernis", {"outage"}),
    # ---------------------------------------------------------------- fire
    ("Fire at Shell Pernis refinery", "shell-pernis", {"fire"}),
    ("Fire breaks out at BASF Ludwigshafen", "basf-ludwigshafen", {"fire"}),
    ("Blaze hits Tata Steel IJmuiden plant", "tata-steel-ijmuiden", {"fire"}),
    ("Shell Pernis refinery hit by fire", "shell-pernis", {"fire"}),
    ("Explosion rocks BASF Ludwigshafen site", "basf-ludwigshafen", {"fire"}),
    ("Fire shuts Pernis refinery", "shell-pernis", {"fire"}),
    ("Firefighters battle blaze at Volkswagen Wolfsburg plant", "volkswagen-wolfsburg", {"fire"}),
    ("Shell Pernis refinery remains shut after fire", "shell-pernis", {"fire"} | SHUT),
    ("Container ship ablaze at Port of Hamburg", "port-hamburg", {"fire"}),
    ("Warehouse gutted by fire at Port of Gdansk", "port-gdansk", {"fire"}),
    ("Huge fire at Chemelot chemical park", "chemelot", {"fire"}),
    ("Blast at BASF Ludwigshafen kills two", "basf-ludwigshafen", {"fire", "accident"}),
    ("Fire still burning at Shell Pernis refinery", "shell-pernis", {"fire"}),
    ("Tata Steel IJmuiden plant catches fire", "tata-steel-ijmuiden", {"fire"}),
    ("Flames engulf Chemelot cracker", "chemelot", {"fire"}),
    ("Europe's biggest oil refinery will remain shut after a power station on the site was hit by a huge "
     "fire||The Shell Pernis refinery near Rotterdam will stay closed for several days, the company said.",
     "shell-pernis", {"fire"} | SHUT),
    ("ROTTERDAM, Jan 10 (Reuters) - A fire broke out at Shell's Pernis refinery on Friday, forcing the "
     "shutdown of a crude distillation unit, the company said.", "shell-pernis", {"fire", "outage"}),
    ("Explosion and fire at BASF||LUDWIGSHAFEN, Germany (AP) — An explosion at chemical giant BASF's main "
     "plant in Ludwigshafen set off a large fire on Monday, the company said.", "basf-ludwigshafen", {"fire"}),
    ("Blaze on container ship at Port of Antwerp", "port-antwerp-bruges", {"fire"}),
    ("Massive fire hits Northvolt plant", "northvolt-skelleftea", {"fire"}),
    # ---------------------------------------------------------------- accident
    ("Tanker collides with cargo ship in Bosphorus", "bosporus", {"accident"}),
    ("Crane collapses at Port of Rotterdam", "port-rotterdam", {"accident"}),
    ("Chemical leak at BASF Ludwigshafen", "basf-ludwigshafen", {"accident"}),
    ("Gas leak forces evacuation at Chemelot", "chemelot", {"accident"}),
    ("Two ships collide in Bosphorus, traffic suspended", "bosporus", {"accident", "blockage"}),
    ("Cargo ship capsizes in Bosphorus", "bosporus", {"accident"}),
    ("Tanker runs aground in Bosphorus", "bosporus", {"accident", "blockage"}),
    ("Oil spill closes part of Port of Rotterdam", "port-rotterdam", {"accident", "blockage"}),
    ("Cargo ship sinks in Red Sea", "red-sea", {"accident", "conflict"}),
    ("Container ship hits quay at Port of Hamburg", "port-hamburg", {"accident"}),
    ("Ship collision in Suez Canal halts traffic", "suez-canal", {"accident", "blockage"}),
    ("Freight train derails at Port of Hamburg", "port-hamburg", {"accident"}),
    ("Estlink 2 cable damaged by ship's anchor", "estlink-2", {"accident", "outage", "conflict"}),
    ("C-Lion1 cable severed in Baltic Sea", "c-lion1-cable", {"accident", "outage", "conflict"}),
    ("Ammonia leak at Chemelot plant", "chemelot", {"accident"}),
    ("ISTANBUL, Jan 6 (Reuters) - A cargo ship ran aground in the Bosphorus on Monday, forcing authorities "
     "to suspend traffic through the strait.", "bosporus", {"accident", "blockage"}),
    ("Ship collides with bridge||HAMBURG, Germany (AP) — A container ship collided with a crane at the Port "
     "of Hamburg on Sunday, damaging the quay, police said.", "port-hamburg", {"accident"}),
    # ---------------------------------------------------------------- natural disaster
    ("TSMC halts production after strong earthquake", "tsmc-taiwan", {"natural_disaster", "outage"}),
    ("Earthquake hits Taiwan, TSMC evacuates fabs", "tsmc-taiwan", {"natural_disaster"}),
    ("Floods halt production at Ford Almussafes plant", "ford-almussafes", {"natural_disaster", "outage"}),
    ("Ford's Valencia plant hit by floods", "ford-almussafes", {"natural_disaster"}),
    ("Storm closes Port of Rotterdam", "port-rotterdam", {"natural_disaster", "blockage"}),
    ("Drought forces Panama Canal to cut transits", "panama-canal", {"natural_disaster", "blockage"}),
    ("Hurricane shuts Sabine Pass LNG", "sabine-pass-lng", {"natural_disaster", "outage"}),
    ("Heavy snow grounds flights at Frankfurt Airport", "frankfurt-airport", {"natural_disaster", "outage"}),
    ("Frankfurt Airport cancels flights due to snow", "frankfurt-airport", {"natural_disaster", "outage"}),
    ("Storm halts operations at Port of Le Havre", "port-le-havre", {"natural_disaster", "outage", "blockage"}),
    ("Ivorian cocoa crop hit by heavy rains", "cocoa-cote-divoire", {"natural_disaster"}),
    ("Drought hits Brazilian soy crop", "soy-brazil", {"natural_disaster"}),
    ("Low water on the Rhine at Kaub disrupts barge traffic", "rhine-kaub", {"natural_disaster", "blockage"}),
    ("Panama Canal drought persists, restrictions extended", "panama-canal", {"natural_disaster", "blockage"}),
    ("Typhoon shuts TSMC fabs", "tsmc-taiwan", {"natural_disaster", "outage"}),
    ("Sabine Pass LNG damaged by hurricane", "sabine-pass-lng", {"natural_disaster"}),
    ("Port of Valencia flooded after torrential rain", "port-valencia", {"natural_disaster"}),
    ("TAIPEI, April 3 (Reuters) - TSMC evacuated some production lines after a 7.4-magnitude earthquake "
     "struck Taiwan on Wednesday, the chipmaker said.", "tsmc-taiwan", {"natural_disaster"}),
    ("Floods swamp Ford plant||VALENCIA, Spain (AFP) - Ford suspended production at its Almussafes plant on "
     "Wednesday after flash floods swept through the region.", "ford-almussafes", {"natural_disaster", "outage"}),
    ("Ghana cocoa harvest hit by drought", "cocoa-ghana", {"natural_disaster"}),
    # ---------------------------------------------------------------- conflict
    ("Cargo ship attacked in Red Sea", "red-sea", {"conflict"}),
    ("Tanker attacked in Strait of Hormuz", "strait-of-hormuz", {"conflict"}),
    ("Thai cargo ship attacked near Strait of Hormuz", "strait-of-hormuz", {"conflict"}),
    ("Houthis attack ship in Red Sea", "red-sea", {"conflict"}),
    ("Houthis sink ship in Red Sea", "red-sea", {"conflict"}),
    ("Ship hit by missile in Red Sea", "red-sea", {"conflict"}),
    ("Iran seizes tanker in Strait of Hormuz", "strait-of-hormuz", {"conflict"}),
    ("Tanker seized in Strait of Hormuz", "strait-of-hormuz", {"conflict"}),
    ("Russian drones hit Port of Odesa", "port-odesa", {"conflict"}),
    ("Russian missile strike on Odesa port", "port-odesa", {"conflict"}),
    ("Russia strikes Odesa port infrastructure", "port-odesa", {"conflict"}),
    ("Russian forces attack Odesa port in second regional strike", "port-odesa", {"conflict"}),
    ("Port of Odesa attacked by drones", "port-odesa", {"conflict"}),
    ("Ras Tanura refinery hit in drone attack", "ras-tanura", {"conflict", "fire"}),
    ("Houthis target ships in Bab el-Mandeb", "bab-el-mandeb", {"conflict"}),
    ("Houthis claim attack on tanker in Red Sea", "red-sea", {"conflict"}),
    ("Vessel struck by projectile in Red Sea", "red-sea", {"conflict"}),
    ("Merchant ship hit by explosion in Red Sea", "red-sea", {"conflict", "fire"}),
    ("Houthi rebels fire missiles at ship in Red Sea", "red-sea", {"conflict"}),
    ("Drone attack on Ras Tanura", "ras-tanura", {"conflict"}),
    ("Tanker struck off Yemen in Red Sea", "red-sea", {"conflict"}),
    ("Ship sunk by Houthis in Red Sea", "red-sea", {"conflict", "accident"}),
    ("Russia pounds Odesa port with drones", "port-odesa", {"conflict"}),
    ("Russian attack damages grain terminals at Port of Odesa", "port-odesa", {"conflict"}),
    ("Ships attacked in Red Sea as Houthis step up campaign", "red-sea", {"conflict"}),
    ("Pirates hijack bulk carrier near Bab el-Mandeb", "bab-el-mandeb", {"conflict"}),
    ("Attack on tanker in Strait of Hormuz", "strait-of-hormuz", {"conflict"}),
    ("Iran's Revolutionary Guards seize foreign tanker in Strait of Hormuz", "strait-of-hormuz", {"conflict"}),
    ("DUBAI, March 3 (Reuters) - A merchant vessel was struck by a projectile in the Red Sea off Yemen on "
     "Monday, British maritime security agency UKMTO said.", "red-sea", {"conflict"}),
    ("Russian strike on Odesa||KYIV, Ukraine (AP) — Russian drones attacked the port of Odesa overnight, "
     "damaging port infrastructure and a grain silo, the regional governor said.", "port-odesa", {"conflict"}),
    ("Drone strikes hit Ras Tanura", "ras-tanura", {"conflict"}),
    ("Two ships targeted in Red Sea", "red-sea", {"conflict"}),
    ("Ship ablaze after Houthi attack in Red Sea", "red-sea", {"conflict", "fire"}),
    ("Shipping costs soar as Red Sea attacks continue", "red-sea", {"conflict"}),
    # ---------------------------------------------------------------- cyberattack
    ("Cyberattack hits Port of Rotterdam", "port-rotterdam", {"cyberattack"}),
    ("Port of Antwerp hit by cyberattack", "port-antwerp-bruges", {"cyberattack"}),
    ("Hackers target Lufthansa systems", "lufthansa", {"cyberattack"}),
    ("Nexperia hit by ransomware attack", "nexperia-hamburg", {"cyberattack"}),
    ("Cyber attack disrupts operations at Port of Hamburg", "port-hamburg", {"cyberattack"}),
    ("Frankfurt Airport website hit by DDoS attack", "frankfurt-airport", {"cyberattack"}),
    ("Lufthansa IT systems hacked", "lufthansa", {"cyberattack"}),
    ("Hackers breach Nexperia", "nexperia-hamburg", {"cyberattack"}),
    ("Cyberattack on Port of Piraeus", "port-piraeus", {"cyberattack"}),
    ("Ransomware attack on Frankfurt Airport", "frankfurt-airport", {"cyberattack"}),
    ("Nexperia confirms cyber attack", "nexperia-hamburg", {"cyberattack"}),
    ("Port of Rotterdam still recovering from cyber attack", "port-rotterdam", {"cyberattack"}),
    ("Pro-Russian hackers knock Port of Hamburg website offline", "port-hamburg", {"cyberattack"}),
    ("Chipmaker hit by cyberattack||AMSTERDAM, April 12 (Reuters) - Chipmaker Nexperia said on Friday it had "
     "been hit by a cyberattack and had taken some IT systems offline.", "nexperia-hamburg", {"cyberattack"}),
    # ---------------------------------------------------------------- insolvency
    ("Northvolt files for bankruptcy", "northvolt-skelleftea", {"insolvency"}),
    ("Northvolt files for Chapter 11 bankruptcy protection", "northvolt-skelleftea", {"insolvency"}),
    ("Northvolt declared bankrupt", "northvolt-skelleftea", {"insolvency"}),
    ("Swedish court declares Northvolt bankrupt", "northvolt-skelleftea", {"insolvency"}),
    ("Northvolt goes bust", "northvolt-skelleftea", {"insolvency"}),
    ("Bankruptcy of Northvolt", "northvolt-skelleftea", {"insolvency"}),
    ("Meyer Werft seeks creditor protection", "meyer-werft-papenburg", {"insolvency"}),
    ("Meyer Werft files for insolvency", "meyer-werft-papenburg", {"insolvency"}),
    ("Northvolt collapses into bankruptcy", "northvolt-skelleftea", {"insolvency"}),
    ("Northvolt's Chapter 11 case", "northvolt-skelleftea", {"insolvency"}),
    ("Northvolt bankruptcy leaves Skelleftea workers in limbo", "northvolt-skelleftea", {"insolvency"}),
    ("Meyer Werft placed into administration", "meyer-werft-papenburg", {"insolvency"}),
    ("STOCKHOLM, March 12 (Reuters) - Swedish battery maker Northvolt filed for bankruptcy in Sweden on "
     "Wednesday after failing to secure new funding.", "northvolt-skelleftea", {"insolvency"}),
    ("Shipyard insolvent||PAPENBURG, Germany (AP) — Meyer Werft filed for insolvency on Monday, putting "
     "thousands of jobs at risk.", "meyer-werft-papenburg", {"insolvency"}),
    # ---------------------------------------------------------------- shortage
    ("Shortage of Nexperia chips hits carmakers", "nexperia-hamburg", {"shortage"}),
    ("Carmakers face shortage of Nexperia chips", "nexperia-hamburg", {"shortage"}),
    ("Chinese gallium supplies dry up", "gallium-china", {"shortage", "trade_restriction"}),
    ("Ivorian cocoa shortage deepens", "cocoa-cote-divoire", {"shortage"}),
    ("Ghana cocoa supply shortfall widens", "cocoa-ghana", {"shortage"}),
    ("Europe runs short of Chinese germanium", "germanium-china", {"shortage"}),
    ("Volkswagen halts Wolfsburg plant due to shortage of Nexperia chips", "nexperia-hamburg",
     {"shortage", "outage", "trade_restriction"}),
    ("Lack of Nexperia chips halts car production", "nexperia-hamburg", {"shortage", "outage"}),
    ("Shortage of Chinese rare-earth magnets halts European car lines", "ningbo-magnets",
     {"shortage", "trade_restriction"}),
    ("Ghana cocoa arrivals fall sharply", "cocoa-ghana", {"shortage"}),
    ("Buyers scramble as Ivorian cocoa runs scarce", "cocoa-cote-divoire", {"shortage"}),
    ("LONDON, Feb 2 (Reuters) - European carmakers are running out of Nexperia chips after exports from "
     "the company's Chinese plant stalled, industry groups said.", "nexperia-hamburg",
     {"shortage", "outage", "trade_restriction"}),
    # ---------------------------------------------------------------- trade restriction
    ("China bans exports of Chinese gallium to US", "gallium-china", {"trade_restriction"}),
    ("China restricts gallium exports", "gallium-china", {"trade_restriction"}),
    ("China imposes export controls on germanium exports", "germanium-china", {"trade_restriction"}),
    ("Beijing curbs exports of Chinese rare-earth magnets", "ningbo-magnets", {"trade_restriction"}),
    ("Export ban on Chinese gallium takes effect", "gallium-china", {"trade_restriction"}),
    ("China suspends gallium exports to the United States", "gallium-china", {"trade_restriction"}),
    ("Russia restricts exports of Russian titanium", "titanium-vsmpo", {"trade_restriction"}),
    ("US sanctions VSMPO-AVISMA", "titanium-vsmpo", {"trade_restriction"}),
    ("EU slaps sanctions on VSMPO", "titanium-vsmpo", {"trade_restriction"}),
    ("China halts exports of Nexperia chips", "nexperia-dongguan", {"trade_restriction", "outage"}),
    ("Chinese rare earths export curbs tighten", "baotou-rare-earths", {"trade_restriction"}),
    ("BEIJING, July 3 (Reuters) - China will restrict exports of gallium and germanium from August 1, "
     "the commerce ministry said on Monday.", "gallium-china", {"trade_restriction"}),
    # ---------------------------------------------------------------- lockdown
    ("Covid lockdown shuts Nexperia's Dongguan plant", "nexperia-dongguan", {"lockdown"}),
    ("Baotou placed under lockdown", "baotou-rare-earths", {"lockdown"}),
    ("Lockdown in Baotou disrupts rare earth output", "baotou-rare-earths", {"lockdown"}),
    ("Nexperia Dongguan plant halted by Covid restrictions", "nexperia-dongguan", {"lockdown", "outage"}),
    ("Baotou lockdown extended", "baotou-rare-earths", {"lockdown"}),
    ("BEIJING, Oct 3 (Reuters) - Authorities in the northern city of Baotou imposed a lockdown on Monday "
     "after a Covid outbreak, halting rare earth smelters.", "baotou-rare-earths", {"lockdown"}),
]

# (case, node): no event at the node may alert.
NEGATIVE: list[tuple[str, str]] = [
    # threats and conditionals
    ("Iran threatens to close Strait of Hormuz", "strait-of-hormuz"),
    ("What would happen if the Strait of Hormuz were closed?", "strait-of-hormuz"),
    ("Houthis threaten to attack ships in Red Sea", "red-sea"),
    ("Panama Canal could cut transits next year, analysts say", "panama-canal"),
    ("China could ban gallium exports, analysts say", "gallium-china"),
    ("Port of Rotterdam warns of possible congestion this summer", "port-rotterdam"),
    ("Northvolt could face bankruptcy without new funding, sources say", "northvolt-skelleftea"),
    ("Iran says it may close Strait of Hormuz if attacked", "strait-of-hormuz"),
    # denials
    ("Iran denies closing Strait of Hormuz", "strait-of-hormuz"),
    ("Northvolt denies bankruptcy rumours", "northvolt-skelleftea"),
    ("Northvolt rules out bankruptcy", "northvolt-skelleftea"),
    ("TSMC says earthquake had no impact on operations", "tsmc-taiwan"),
    ("Port of Rotterdam says cyberattack reports unfounded", "port-rotterdam"),
    ("Shell says Pernis refinery not affected by fire at nearby plant", "shell-pernis"),
    # recoveries
    ("Port of Antwerp strike called off", "port-antwerp-bruges"),
    ("Port of Hamburg reopens after strike", "port-hamburg"),
    ("Suez Canal traffic back to normal", "suez-canal"),
    ("Shell Pernis refinery restarts after outage", "shell-pernis"),
    ("Lufthansa resumes flights after strike", "lufthansa"),
    ("Lufthansa and union reach deal, averting strike", "lufthansa"),
    ("China lifts ban on gallium exports to US", "gallium-china"),
    ("Port of Hamburg congestion eases", "port-hamburg"),
    ("Power restored at Frankfurt Airport", "frankfurt-airport"),
    ("Panama Canal lifts draft restrictions", "panama-canal"),
    ("Ever Given refloated, Suez Canal reopens", "suez-canal"),
    ("Fire at Shell Pernis refinery extinguished", "shell-pernis"),
    ("Bosphorus reopened to shipping after tanker towed away", "bosporus"),
    ("Production resumes at Volkswagen Wolfsburg plant", "volkswagen-wolfsburg"),
    ("Strike at Port of Le Havre ends", "port-le-havre"),
    ("Flights at Frankfurt Airport back to normal after snow", "frankfurt-airport"),
    ("Tata Steel IJmuiden restarts blast furnace", "tata-steel-ijmuiden"),
    ("Red Sea shipping resumes as attacks ease", "red-sea"),
    # past events, anniversaries
    ("Ten years after the Pernis refinery fire", "shell-pernis"),
    ("A year after the Ever Given blocked the Suez Canal", "suez-canal"),
    ("Anniversary of the Port of Antwerp strike", "port-antwerp-bruges"),
    ("Lessons from the 2021 Suez Canal blockage, years on", "suez-canal"),
    ("Lufthansa settles claims over last year's strike", "lufthansa"),
    # drills and exercises
    ("Fire drill at Port of Rotterdam", "port-rotterdam"),
    ("Port of Antwerp holds emergency exercise simulating explosion", "port-antwerp-bruges"),
    ("Frankfurt Airport stages crash drill", "frankfurt-airport"),
    ("Iran holds naval drills in Strait of Hormuz", "strait-of-hormuz"),
    ("BASF Ludwigshafen tests sirens in disaster drill", "basf-ludwigshafen"),
    # sports and culture
    ("Red Sea International Film Festival opens with premiere", "red-sea"),
    ("Lufthansa sponsors football club in title race", "lufthansa"),
    ("Documentary on the Suez Canal blockage premieres", "suez-canal"),
    ("Frankfurt Airport marathon: striker wins", "frankfurt-airport"),
    ("Novel set at Port of Hamburg tells of wartime fire", "port-hamburg"),
    # price, market and statistics
    ("Oil prices rise on Strait of Hormuz tension", "strait-of-hormuz"),
    ("Cocoa prices fall as Ivorian cocoa arrivals pick up", "cocoa-cote-divoire"),
    ("Port of Rotterdam throughput fell 3% in 2023", "port-rotterdam"),
    ("Lufthansa shares fall after profit warning", "lufthansa"),
    ("TSMC shares hit record high", "tsmc-taiwan"),
    ("Suez Canal revenue rose 20% last fiscal year", "suez-canal"),
    ("Lufthansa strikes deal with union over pay", "lufthansa"),
    ("Volkswagen strikes partnership with Northvolt", "northvolt-skelleftea"),
    ("Tanker rates ease as Strait of Hormuz traffic steady", "strait-of-hormuz"),
    ("Northvolt raises $5 billion in debt to expand Skelleftea gigafactory", "northvolt-skelleftea"),
    ("Port of Antwerp container volumes hit record", "port-antwerp-bruges"),
    ("Analysis: Who wins from a Panama Canal drought?", "panama-canal"),
    ("Shell to close Pernis unit in 2030 under planned closure", "shell-pernis"),
    ("Europe's gas prices rise on Troll field maintenance plans", "equinor-troll"),
    ("Lufthansa to cut 4,000 jobs in restructuring", "lufthansa"),
    ("Port of Gdansk expands Baltic Hub terminal", "port-gdansk"),
    # datelines only and other places
    ("ROTTERDAM, March 3 (Reuters) - Oil prices rose on Monday as traders weighed supply risks.", "port-rotterdam"),
    ("ODESA, Ukraine (AP) — Ukraine's grain harvest is expected to rise this year, officials said.", "port-odesa"),
    ("HAMBURG, June 3 (Reuters) - Airbus raised its delivery target on Tuesday.", "port-hamburg"),
    # other uses of disruption words
    ("Port of Rotterdam blocks takeover of terminal operator", "port-rotterdam"),
    ("Lufthansa fires chief executive", "lufthansa"),
    ("Northvolt shares crash on funding fears", "northvolt-skelleftea"),
    ("US Navy destroyer escorts tankers through Strait of Hormuz", "strait-of-hormuz"),
    ("Port of Antwerp says strike in Rotterdam will not affect its operations", "port-antwerp-bruges"),
    ("Shell Pernis refinery plans maintenance in spring", "shell-pernis"),
    ("TSMC plans to build new fab as demand booms", "tsmc-taiwan"),
    ("Suez Canal Authority cuts fees to win back ships", "suez-canal"),
    ("Panama Canal water levels recover after rains", "panama-canal"),
    ("Frankfurt Airport braces for strike next week, says operations will run normally", "frankfurt-airport"),
]


@pytest.mark.parametrize("case,target,types", POSITIVE, ids=[c[0][:60] for c in POSITIVE])
def test_positive(tagger: Tagger, case: str, target: str, types: set[str]) -> None:
    got = _alerting(tagger, case)
    assert got.get(target, set()) & types, f"{case!r}: {target} {sorted(types)} wanted, got {got}"


@pytest.mark.parametrize("case,target", NEGATIVE, ids=[c[0][:60] for c in NEGATIVE])
def test_negative(tagger: Tagger, case: str, target: str) -> None:
    got = _alerting(tagger, case)
    assert target not in got, f"{case!r}: {target} must not alert, got {got[target]}"
