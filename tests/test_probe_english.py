"""Probe matrix: English wire copy where the node or the disruption is not in a plain headline.

The constructions of Reuters, Bloomberg, AP, AFP, FT, Nikkei Asia and Lloyd's List that the
basic matrix (test_probe_en.py) and the type matrices (conflict, shipping, nature, ops) leave
out:

1. lead-only stories: a generic title ("Europe's ports brace for...", "Exclusive: ...",
   "Factbox: ...", "UPDATE 2-...") and the node and the disruption in the lead, often in
   different clauses ("..., forcing X to halt output", "X, which supplies ..., was shut after ...");
2. reported speech and attribution: "X said on Tuesday it had halted ...", "according to a
   company statement", "sources told Reuters";
3. the consequence named first: "Carmakers scramble as ... plant shut", "Prices jump after ...
   outage at X" -- a positive when the lead states the disruption as a fact (the convention of
   the labelled sets: a current or imminent disruption of the node's own operation);
4. apposition names: "Shell's Pernis refinery, Europe's largest,", "the world's biggest salmon
   farmer Mowi".

Near misses that must stay silent: outlooks, analyst notes and conditionals ("could", "may",
"risks"), market wraps, recoveries and restarts, denials, sport and culture at the same places.

A case is "title" or "title||lead". The sentences are written for the matrix, not taken from
the labelled sets.
"""

from __future__ import annotations

import pytest

from graphs.tagger import Tagger
from helpers_tagging import bundled_tagger, raised_by_case


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return bundled_tagger()


FIRE = {"fire", "accident", "outage"}
STRIKE = {"strike"}
OUT = {"outage"}
HALT = {"outage", "blockage"}
WAR = {"conflict"}
NAT = {"natural_disaster"}
BLOCK = {"blockage"}
QUEUE = {"congestion", "blockage"}
CYBER = {"cyberattack", "outage"}
BUST = {"insolvency"}
SHORT = {"shortage"}
TRADE = {"trade_restriction"}
ACC = {"accident", "outage"}

# (case "title||lead", node, acceptable types)
POSITIVE: list = [
    # ---------------------------------------------------------------- 1. lead-only, generic title
    ("Europe's ports brace for more disruption||ROTTERDAM, June 3 (Reuters) - Dock workers at the Port of "
     "Rotterdam walked off the job on Monday, halting container handling at Europe's largest port.",
     "port-rotterdam", STRIKE),
    ("UPDATE 2-Chip supply worries mount||DRESDEN, Germany, May 14 (Reuters) - Infineon halted production at its "
     "Dresden fab on Tuesday after a power outage, the company said.", "infineon-dresden", OUT),
    ("Exclusive: German carmaker weighs options||MUNICH, Oct 2 (Reuters) - A fire broke out overnight at BMW's "
     "Munich plant, forcing the carmaker to halt output, two sources told Reuters.", "bmw-munich", FIRE),
    ("UPDATE 1-Steel sector woes deepen||AMSTERDAM, Feb 20 (Reuters) - Tata Steel IJmuiden, the largest steel "
     "plant in the Netherlands, was shut on Tuesday after a blast furnace explosion, the company said.",
     "tata-steel-ijmuiden", FIRE),
    ("Europe's chemical industry under pressure||LUDWIGSHAFEN, Germany (AP) - A fire at BASF's Ludwigshafen site "
     "forced the chemical giant to shut down two crackers on Wednesday.", "basf-ludwigshafen", FIRE),
    pytest.param("Baltic power link hit again||HELSINKI, Dec 26 (Reuters) - The Estlink 2 power cable between Finland and "
     "Estonia was disconnected on Wednesday after a fault, grid operator Fingrid said.", "estlink-2", OUT | ACC, marks=pytest.mark.xfail(strict=True, reason="'The Estlink 2 power cable between Finland and Estonia was disconnected': the term is far from the name")),
    pytest.param("Aviation supply chain strained||TOULOUSE, France (AFP) - Airbus halted its Toulouse assembly lines on Friday "
     "after a strike by workers over pay, a union official said.", "airbus-toulouse", STRIKE | OUT, marks=pytest.mark.xfail(strict=True, reason="the maker and the site apart ('Airbus halted its Toulouse assembly lines') name no node")),
    ("Container lines reroute||GENOA, Italy, Nov 8 (Reuters) - Dockworkers at the Port of Genoa began a 48-hour "
     "strike on Monday, leaving ships waiting at anchor, the port authority said.", "port-genoa", STRIKE | QUEUE),
    ("European aluminium output falls further||PARIS, Jan 12 (Reuters) - Aluminium Dunkerque, Europe's largest "
     "smelter, cut production by a third after a power failure, the company said.", "aluminium-dunkerque", OUT),
    ("Exclusive: Fertiliser supply hit||WARSAW, Sept 1 (Reuters) - Grupa Azoty has halted ammonia production at "
     "its Pulawy plant because of high gas prices, three sources familiar with the matter told Reuters.",
     "grupa-azoty-pulawy", OUT),
    ("Lloyd's List: Boxship queues lengthen||Vessels are waiting up to five days for a berth at the Port of "
     "Antwerp-Bruges as congestion worsens after a week of strikes.", "port-antwerp-bruges", QUEUE | STRIKE),
    ("Nikkei Asia: Chip supply at risk||TAIPEI -- TSMC said on Wednesday it had evacuated staff and halted some "
     "production lines after a powerful earthquake struck Taiwan.", "tsmc-taiwan", NAT | OUT),
    ("UPDATE 1-Airline cancels hundreds of flights||FRANKFURT, Feb 7 (Reuters) - Lufthansa cancelled more than "
     "800 flights on Wednesday as ground staff went on strike, the airline said.", "lufthansa", STRIKE),
    ("Steelmaker files for protection||VIENNA (Reuters) - Voestalpine's Linz steelworks, which supplies carmakers "
     "across Europe, was shut on Monday after a flood, the company said.", "voestalpine-linz", NAT | OUT),
    ("Shipyard in trouble||PAPENBURG, Germany (AP) - Meyer Werft, the cruise shipbuilder, filed for insolvency on "
     "Monday, the local court said.", "meyer-werft-papenburg", BUST),
    ("Gas exports cut||OSLO, Sept 14 (Reuters) - Equinor shut the Troll gas field on Thursday due to an outage at "
     "the Kollsnes processing plant, the company said.", "equinor-troll", OUT),
    ("What's behind the cobalt squeeze||KINSHASA (Reuters) - Congo suspended cobalt exports for four months on "
     "Saturday, the country's mining regulator said.", "cobalt-drc", TRADE),
    # ---------------------------------------------------------------- 2. reported speech, attribution
    ("Northvolt said on Tuesday it had halted production at its Skelleftea plant after a fire",
     "northvolt-skelleftea", FIRE),
    ("Umicore said it had stopped output at its Kokkola cobalt refinery following a leak",
     "umicore-kokkola", ACC | OUT),
    ("Port of Gothenburg strike to continue, union says", "port-gothenburg", STRIKE),
    ("Stellantis halts Mulhouse plant, according to a company statement", "stellantis-mulhouse", OUT),
    ("Renault's Sandouville plant idled by parts shortage, sources say", "renault-sandouville", SHORT | OUT),
    ("Lilly's Fegersheim plant shut after contamination, French regulator says", "lilly-fegersheim", OUT),
    pytest.param("VW's Zwickau plant to halt production next week, works council says", "volkswagen-zwickau", OUT, marks=pytest.mark.xfail(strict=True, reason="'to halt production next week' raises nothing (future halt with a date)")),
    ("Port of Le Havre blocked by dockers, HAROPA says", "port-le-havre", STRIKE | BLOCK),
    ("BRUSSELS, May 2 (Reuters) - Barry Callebaut has halted production at its Wieze chocolate factory after "
     "detecting salmonella, a company spokesperson said on Friday.", "barry-callebaut-wieze", OUT),
    ("LONDON, March 1 (Reuters) - Sandoz has stopped penicillin production at its Kundl plant in Austria after a "
     "technical fault, according to a statement posted on its website.", "sandoz-kundl", OUT),
    ("FRANKFURT, Jan 17 (Reuters) - Flights at Frankfurt Airport were suspended for several hours on Thursday "
     "because of drone sightings, a spokesperson for operator Fraport said.", "frankfurt-airport", HALT),
    pytest.param("STOCKHOLM (Reuters) - Swedish steelmaker SSAB said on Monday it had halted production at its Lulea mill "
     "after a blast furnace breakdown.", "ssab-lulea", OUT | ACC, marks=pytest.mark.xfail(strict=True, reason="'SSAB ... its Lulea mill' is found only as the place Lulea, capped below the threshold")),
    ("SEOUL (Reuters) - A fire broke out at POSCO's Gwangyang steelworks on Tuesday, halting the neon gas plant, "
     "a company official told Reuters.", "posco-gwangyang-neon", FIRE),
    ("BERLIN (Reuters) - German chemicals group Wacker Chemie said its Burghausen site had been hit by a power "
     "outage on Wednesday, halting production of polysilicon.", "wacker-burghausen", OUT),
    ("ATHENS, Nov 9 (Reuters) - Dockworkers at the Port of Piraeus will hold a 24-hour strike on Thursday, their "
     "union said in a statement.", "port-piraeus", STRIKE),
    ("The Port of Constanta has suspended grain loadings after Russian drones hit the Danube region, Romanian "
     "port officials said on Sunday.", "port-constanta", WAR | HALT),
    ("MADRID, Sept 30 (Reuters) - SEAT stopped production at its Martorell plant on Monday because of a shortage "
     "of parts, a spokesman told Reuters.", "seat-martorell", SHORT | OUT),
    ("LONDON (Bloomberg) -- Aluminium Dunkerque has cut output after a power outage, people familiar with the "
     "matter said, asking not to be identified.", "aluminium-dunkerque", OUT),
    # ---------------------------------------------------------------- 3. consequences named first
    ("Carmakers scramble as Infineon Dresden plant shut by fire", "infineon-dresden", FIRE),
    pytest.param("Prices jump after outage at Sabine Pass LNG", "sabine-pass-lng", OUT, marks=pytest.mark.xfail(strict=True, reason="a price title stating the outage as fact is a positive in the labelled sets, but the commentary factor keeps it at 0.47")),
    ("Shipping rates soar as Bosphorus closes to tankers", "bosporus", BLOCK),
    ("Chocolate makers scramble after Barry Callebaut halts Wieze plant", "barry-callebaut-wieze", OUT),
    ("UPDATE 1-Europe gas supply jolt||LONDON, Sept 14 (Reuters) - Dutch and British wholesale gas prices jumped on "
     "Thursday after an unplanned outage at Norway's Troll gas field cut exports.", "equinor-troll", OUT),
    ("Freight rates surge as Panama Canal cuts transits amid drought", "panama-canal", NAT | BLOCK),
    ("Flights cancelled, passengers stranded as strike hits Frankfurt Airport", "frankfurt-airport", STRIKE),
    ("Supermarket shelves empty as Ahold Delhaize hit by cyberattack", "ahold-delhaize", CYBER),
    ("Aluminium price hits one-year high after Hydro Sunndal smelter outage", "hydro-sunndal", OUT),
    ("Tanker rates jump as Ras Laffan halts LNG output", "ras-laffan-lng", OUT | WAR),
    ("Steel users scramble||DUISBURG, Germany (Reuters) - Thyssenkrupp Steel's Duisburg works, Europe's largest "
     "steel site, halted two blast furnaces on Tuesday after a power failure.", "thyssenkrupp-duisburg", OUT),
    ("Penicillin shortage looms as Sandoz Kundl plant halts production", "sandoz-kundl", OUT | SHORT),
    ("Hospitals postpone operations as cyberattack hits Charite", "charite-berlin", CYBER),
    ("Car buyers face delays as fire hits Audi Ingolstadt plant", "audi-ingolstadt", FIRE),
    # ---------------------------------------------------------------- 4. apposition names
    ("Shell's Pernis refinery, Europe's largest, shut after fire", "shell-pernis", FIRE),
    ("Fire at Pernis, Europe's biggest refinery, halts crude processing", "shell-pernis", FIRE),
    ("The world's biggest chipmaker TSMC halts production after quake", "tsmc-taiwan", NAT | OUT),
    ("Lynas, the largest rare earths producer outside China, halts Malaysian plant after power outage",
     "lynas-malaysia", OUT),
    ("Novo Nordisk, Europe's most valuable company, halts Kalundborg line after fire",
     "novo-nordisk-kalundborg", FIRE),
    ("Lenzing, the Austrian fibre maker, halts production after flood", "lenzing", NAT | OUT),
    pytest.param("Kiruna, the world's largest underground iron ore mine, halted after seismic event", "lkab-kiruna", NAT | OUT, marks=pytest.mark.xfail(strict=True, reason="'Kiruna' alone is the town: the apposition naming the mine is not read")),
    ("Mowi, the world's biggest salmon farmer, hit by cyberattack", "mowi-bergen", CYBER),
    ("Europe's biggest container port Rotterdam hit by strike", "port-rotterdam", STRIKE),
    ("Zara owner Inditex closes stores in Spain as storm hits", "inditex", NAT | OUT),
]

# (case, node that must not alert)
NEGATIVE: list = [
    # outlooks, analyst notes, conditionals
    ("Factbox: How a closure of the Strait of Hormuz could hit oil markets", "strait-of-hormuz"),
    pytest.param("Analysts say a strike at the Port of Rotterdam could disrupt supply chains", "port-rotterdam", marks=pytest.mark.xfail(strict=True, reason="the conditional governs the consequence, not the strike")),
    ("Exclusive: Infineon may cut output at Dresden if demand weakens, sources say", "infineon-dresden"),
    pytest.param("Drought risks further limits on Panama Canal next year, analysts warn", "panama-canal", marks=pytest.mark.xfail(strict=True, reason="'risks' as a verb of outlook is not read as a condition")),
    ("Analysis: What a TSMC outage would mean for the world's chip supply", "tsmc-taiwan"),
    pytest.param("UPDATE 1-Lufthansa says strike talks progressing, no walkouts planned", "lufthansa", marks=pytest.mark.xfail(strict=True, reason="'strike talks' and 'no walkouts planned' are not read as no strike")),
    ("Nexperia says cyber defences strengthened after sector-wide warnings", "nexperia-hamburg"),
    # market wraps
    ("European shares: BASF drags on chemicals index after profit warning", "basf-ludwigshafen"),
    ("Aluminium prices fall as Chinese output rises; Hydro shares slip", "hydro-sunndal"),
    ("Oil prices jump on Middle East tensions, Brent tops $90", "strait-of-hormuz"),
    ("Gas prices ease as Norwegian flows via Troll field stay strong", "equinor-troll"),
    ("Freight rates soar on booming demand, Port of Rotterdam volumes rise", "port-rotterdam"),
    ("Cocoa prices hit record as Ivorian cocoa arrivals lag, traders say", "cocoa-cote-divoire"),
    # recoveries and restarts
    ("UPDATE 2-Shell's Pernis refinery restarts after fire, company says", "shell-pernis"),
    ("Port of Antwerp-Bruges says congestion has cleared", "port-antwerp-bruges"),
    ("Frankfurt Airport resumes flights after drone sighting", "frankfurt-airport"),
    ("BMW resumes production at Munich plant, spokesman says", "bmw-munich"),
    ("TSMC says production fully recovered after earthquake", "tsmc-taiwan"),
    # denials
    ("Volkswagen denies report it will halt Zwickau plant", "volkswagen-zwickau"),
    ("Mowi says operations unaffected by IT issue at supplier", "mowi-bergen"),
    # business, sport, culture at the same places
    ("Exclusive: Meyer Werft in talks over new cruise ship order, sources say", "meyer-werft-papenburg"),
    ("Factbox: Who are the biggest customers of TSMC?", "tsmc-taiwan"),
    ("UPDATE 3-Novo Nordisk invests $6 billion in Kalundborg expansion", "novo-nordisk-kalundborg"),
    ("Feyenoord fans fire flares as Rotterdam derby ends in draw", "port-rotterdam"),
    ("Frankfurt Book Fair opens with record number of exhibitors", "frankfurter-buchmesse"),
    ("Port of Hamburg hosts tall ships festival, crowds jam waterfront", "port-hamburg"),
    ("Lufthansa strikes deal to buy stake in ITA Airways", "lufthansa"),
    ("Carmakers scramble to secure chips as demand rebounds, BMW says", "bmw-munich"),
    ("Shipping rates soar as Christmas demand peaks, Maersk says", "port-rotterdam"),
    ("Fire drill at Airbus Hamburg plant passes without incident", "airbus-hamburg"),
    ("Inditex shares jump after Zara owner beats forecasts", "inditex"),
    ("Strait of Hormuz: the history of the world's most important oil chokepoint", "strait-of-hormuz"),
    # commentary titles (explainer, market move) frame the item even when the lead states the event: the
    # convention of the labelled sets (tagger COMMENTARY_BY_LANGUAGE) keeps them below the alert threshold
    ("Factbox: What we know so far||HAMBURG, Jan 9 (Reuters) - A cyberattack crippled IT systems at Nexperia, the "
     "Dutch chipmaker said on Thursday, forcing it to stop production at its Hamburg plant.", "nexperia-hamburg"),
    ("UPDATE 3-Oil markets on edge||DUBAI, March 5 (Reuters) - Saudi Aramco shut its Ras Tanura refinery on "
     "Thursday after a drone strike sparked a fire, an industry source said.", "ras-tanura"),
    ("UPDATE 2-Salmon prices climb||OSLO, Aug 3 (Reuters) - Mowi, the world's biggest salmon farmer, said on "
     "Tuesday a cyberattack had disrupted production at several of its plants.", "mowi-bergen"),
]


def _id(c: object) -> str:
    values = c.values if hasattr(c, "values") else c  # pytest.param or a plain tuple
    return str(values[0])[:60]


@pytest.mark.parametrize("case,target,types", POSITIVE, ids=[_id(c) for c in POSITIVE])
def test_positive(tagger: Tagger, case: str, target: str, types: set[str]) -> None:
    got = raised_by_case(tagger, case, "en")
    assert got.get(target, set()) & types, f"{case!r}: {target} {sorted(types)} wanted, got {got}"


@pytest.mark.parametrize("case,target", NEGATIVE, ids=[_id(c) for c in NEGATIVE])
def test_negative(tagger: Tagger, case: str, target: str) -> None:
    got = raised_by_case(tagger, case, "en")
    assert target not in got, f"{case!r}: {target} must not alert, got {got[target]}"
