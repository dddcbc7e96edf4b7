"""Tag news text with events: which node, which disruption, how sure, evidence.

Rules (all offsets are into the original ``title``/``text``):

1. **Pairs.** A node mention (:mod:`graphs.gazetteer`) and a disruption term
   (:mod:`graphs.lexicon`) in the same sentence make a candidate. The title is
   one sentence. A node named in the title also pairs with a term in the first
   two sentences of the text, and a term in the title with a node there
   ("cross" pairs: the headline sets the topic, the lead gives the detail),
   unless that lead sentence names a node of its own, starts another topic
   ("Separately, ...", "Intanto", "Tymczasem": :data:`ELSEWHERE_PHRASES`;
   "Mientras, ...": :data:`ELSEWHERE_OPENERS`, only at the sentence start) or
   names a place in another country or more than :data:`FAR_KM` away from
   the title's node ("... a strike at Felixstowe"). A title term pairs with
   a lead node when the title names no node, or when that lead sentence has
   no term and extends the headline to its nodes ("Antwerp and Hamburg are
   also affected": :data:`_ALSO`).
2. **Confidence of a pair** = ``base × closeness × near × cancel × question``:

   * ``base``: :data:`W_TITLE` (0.85) in the title, :data:`W_TEXT` (0.70) in
     the text, :data:`W_CROSS` (0.55) for cross pairs;
   * ``closeness``: 1 when node and term are at most 40 characters apart,
     falling linearly to 0.85 at 240 characters and beyond;
   * ``near``: :data:`NEAR_FACTOR` (0.55) when the node is named as a
     landmark ("a fire at a restaurant near the Port of Hamburg",
     "près du port du Havre"; :data:`NEAR_PHRASES`), except a port or a
     waterway for an attack, a blockage or a queue there ("attacked near the
     Strait of Hormuz": :data:`WATER_NEAR_TYPES`);
   * ``cancel``: a cancelling phrase that overlaps a term removes the term
     ("strike price", "fire drill"); one elsewhere in the sentence multiplies
     by :data:`CANCEL_FACTOR` (0.25) for the types it applies to ("ceasefire"
     for conflict, "anniversary"/"drill"/"denies" for every type). The
     title frames the item: its cancelling phrases apply to every sentence
     of the text too ("Katastrophenschutzübung am LNG-Terminal" + "einen
     Brand geübt"), and a global cancelling phrase of the lead sentences
     applies to the title's pairs ("... disaster blockbuster 'The Flood'" +
     "The film, shot in Potsdam, ...");
   * ``question``: :data:`QUESTION_FACTOR` (0.55) for pairs involving a title
     with a sentence that ends with "?" or "？" ("What if the Strait of Hormuz
     were closed?", "Na stacjach Orlen brakuje paliwa? Miały ...").

3. **One event per (node, type)**: the best pair, plus 0.05 for each further
   distinct term (at most +0.15) and 0.05 for each further sentence that
   supports it (at most +0.10), capped at 1 (for place events the bonus is
   scaled by ``1 - distance/radius``). Evidence merges the spans of all
   supporting pairs. A term whose wildcards span a whole alias stays a term
   ("Ruch w korytarzu zbożowym został wstrzymany"); a term inside an alias
   does not ("Storm Logistics"). Among a node's equally sure types the one
   named right after a cause marker (:data:`CAUSE_MARKERS`: "wegen", "due
   to") comes first, then the one the item names first.
4. **Recovery.** A recovery phrase after "yet to", "noch nicht", a date and
   "から", "尚未", "아직" ... (:data:`NOT_YET_BEFORE`) is a plan or a negation:
   no recovery ("8/30から順次再開", "尚未恢复生产"). A title with a general recovery phrase ("services restarting")
   makes every event the title does not itself support a recovery. A recovery phrase of the type (or a global one) in the
   sentence of the best pair, or in a title pair, flags the event
   ``recovery=True`` ("Antwerp port reopens after strike"); so does a term
   right after an "ended" phrase of the lexicon ("Fin du blocage au port",
   "Ende des Streiks", "koniec strajku": ``ended_by``); a node with a
   type's own recovery phrase and no term ("Suez Canal refloated") gives a
   recovery event of that type at ``0.9 × base``. Recovery events resolve
   alerts; they never raise one.
5. **Places** (:mod:`graphs.places`): a term and a place no alias names in
   the same sentence tag the nodes within the type's ``radius_km`` (regions:
   nodes whose ``location.region`` is that region, nodes without a region
   within the larger of the radius and the region's extent, and nodes of
   another region only within the type's radius), ``method="place"``, at
   ``pair × 0.8 × (1 - 0.5·distance/radius)``. How coarse a place is
   (:mod:`graphs.places`): a region or country is located by a more specific
   place inside it named in the same sentence (or, both in the title or the
   lead, in the title or the lead): "Floods in Saxony around Meissen" tags by
   Meissen's radius only; a region named with a part word ("northern
   Lombardy") is partial, × :data:`PARTIAL_FACTOR` with no bonus (below the
   threshold), except for a node of kind ``region`` around that city, which the
   province names whole ("sequía en la provincia de Jaén": :meth:`Tagger._province_of`;
   the region word is also the locative cue such a city needs); a region much larger
   than the type's radius is scaled by
   :func:`graphs.places.coverage` (not for ``country: true`` types, which are
   declared for a whole jurisdiction). In a sentence that names a
   node, the place only locates it: place events are made only for types
   that no node of the item is directly named with ("fire at Nexperia's
   plant in Hamburg" is not a fire at every Hamburg site). Countries (types with
   ``country: true`` only) at ``pair × 0.5`` without the bonus for further
   terms and sentences, which stays below :data:`DEFAULT_MIN_CONFIDENCE`
   unless corroborated. A direct mention of
   the same node and type wins over a place event. At most
   :data:`MAX_PLACE_NODES` nodes per item are tagged by place.
6. **Edges.** Events always target nodes. An edge whose both endpoints are
   named gets two node events; impact propagation covers the edge. (Edge
   disruption via logistics nodes is expressed with ``via`` in the graph.)

7. **Context** (rule steps of :meth:`Tagger.tag`, each tested in
   ``tests/test_tagger_context.py``):

   * *word sense* (``_resolve_senses``): "strike(s)"/"struck" among military
     words (:data:`MILITARY_CUES`: "drone", "missile", "Houthi militants",
     "Russia strikes") and without labour words (:data:`LABOUR_CUES`) is
     conflict, not a walkout; the title and the lead decide for each other.
     Other languages' strike words ("Streik", "grève") are never military;
   * *striking verbs* (``_hit_verbs``): "strikes"/"frappe" right after another
     term or before "by"/"par" and one ("Typhoon strikes Shanghai port", "Un séisme
     frappe Taïwan", "frappé par une grève") is what that storm or strike did,
     neither a walkout nor an armed strike of its own;
   * *datelines* (:func:`dateline_end`): "SINGAPORE, Aug 18 (Reuters) -",
     "BERLIN (dpa) -", "Wien –" name where a story was filed; nodes and places
     in them are ignored;
   * *captions* (``_mark_captions``): a sentence with a photo credit
     ("(Gonzalo Fuentes/Reuters)"), or right before a barred or lone credit
     ("... | Image: Bing Guan / Bloomberg", "... Foto: dpa."), describes a picture,
     often of an earlier event: its pairs are multiplied by :data:`CANCEL_FACTOR`;
   * *commentary* (``_frame``): a title whose first sentence is market or
     analysis commentary (:data:`COMMENTARY_TITLES`: "Oil steadies as investors
     weigh ...", "What's next for ...", "How the strike could hit earnings")
     multiplies every event by :data:`COMMENTARY_FACTOR`;
   * *sports and culture frames, denials, recalls* are global cancelling
     phrases of the lexicon ("Bundesliga", "rules out", "descarta", "recall");
   * *site-specific types* (:data:`SITE_TYPES`: fire, strike, accident,
     insolvency, cyberattack, outage) found only through a city -- a place, or
     a port, airport or cluster named by its city alone with no word for its
     kind in the sentence ("Long Beach boat fire"; :data:`CITY_NAMED_KINDS`) --
     stay at :data:`PLACE_SITE_CAP`, below the threshold; a cut of the power
     grid is regional and exempt;
   * *products and destinations*: a maker named with a model ("Boeing 737
     crash", :data:`PRODUCT_TYPES`) is capped like a city; a node named as a
     ship's destination ("bound for Izmail", :data:`DESTINATION_PHRASES`) is
     × :data:`NEAR_FACTOR` for site-specific types;
   * *outlets*: a company named as the brand of one petrol station or shop
     ("Awaria na stacji Orlen w Koszalinie", :data:`OUTLET_BEFORE`) is capped
     like a city for site-specific types;
   * *another firm's insolvency* (:func:`_other_firm`): an insolvency term with
     another firm's name on it ("Lordstown Motors bankruptcy blames Foxconn",
     "Bankrupt Bed Bath & Beyond ... from MSC", "la faillite de Latécoère",
     "upadłość Getin Banku") is that firm's; so is every insolvency term of an
     item whose headline names it: the node's pairs × :data:`CANCEL_FACTOR`;
   * *another business of a brand* (:data:`BRAND_ELSEWHERE_AFTER`): "MSC cruise",
     "Hapag-Lloyd Cruises", "Ford Foundation", "Volkswagen Arena" are not the node;
   * *road journeys* (:data:`ROUTE_END_PHRASES`): a node named as one end of a
     route ("na trasie przejazdu z Lotniska Chopina do hotelu") is not what is
     closed (× :data:`CANCEL_FACTOR`); an outage of a brand's pumps or stations
     ("awarii dystrybutorów Orlenu") is an outlet's;
   * *a city's port* (:data:`CITY_SITE_WORDS`): a city named with its port's or
     airport's own workers and parts ("Hafenarbeiter in Hamburg ... Containerterminals",
     "dockers in Antwerp", "부산 자성대부두") names that node (within
     :data:`CITY_SITE_KM`): a site-specific type there is not capped as a place;
   * *place-bound types* (:data:`PLACE_BOUND_TYPES`): a storm or a lockdown
     named with a company and a place far from its site is the place's;
   * *node kinds* (``_fit``): a type that cannot befall the node's kind
     (:data:`KIND_MISFITS`: an insolvent strait or airport, a province's road
     crash) is dropped.

:data:`DEFAULT_MIN_CONFIDENCE` (0.5) is the threshold above which an event
counts as a prediction in ``monitor eval`` and may raise an alert.

Per item the work is: fold each field once, one pass of each automaton, then
work proportional to the number of hits -- never to the number of aliases.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from graphs._fold import _cjk_class, has_cjk
from graphs._textmodel import TextModel, default_model, model_text
from graphs.gazetteer import (
    ORIGIN_SCOPED_TYPES, Cue, Entry, Exonym, Folded, Gazetteer, Hit, OriginNamed, base_language, fold,
    resolve_longest,
)
from graphs.lexicon import AtNode, Lexicon, load_lexicon
from graphs.model import ValueChain
from graphs.places import NodeLocator, Place, PlaceIndex, contains, coverage, default_places, haversine_km
from graphs.types import Event, Reading, Span
from graphs.util import paused_gc

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

DEFAULT_MIN_CONFIDENCE = 0.5

W_TITLE = 0.85
W_TEXT = 0.70
W_CROSS = 0.55
CANCEL_FACTOR = 0.25
PLACE_FACTOR = 0.8
COUNTRY_FACTOR = 0.5
#: A region named with a part word ("northern Lombardy") and no place inside it.
PARTIAL_FACTOR = 0.5
MAX_PLACE_NODES = 200
#: A title that asks a question ("What if the Suez Canal closed again?") is speculation.
QUESTION_FACTOR = 0.55
_QUESTION = re.compile(r"[?？](?:\s|[\"'»”’)]|$)")
#: A lead sentence that starts another topic does not pair with the title's node.
ELSEWHERE_PHRASES = (
    "separately", "meanwhile", "elsewhere", "in other news", "unterdessen", "derweil", "indes",
    "andernorts", "par ailleurs", "ailleurs", "parallelement", "intanto", "nel frattempo", "altrove",
    "mientras tanto", "por otra parte", "por otro lado", "en otro orden", "intussen", "ondertussen",
    "elders", "tymczasem", "w miedzyczasie", "samtidigt", "under tiden", "pa annat hall",
)
_ELSEWHERE = None
#: Words that start another topic only when they open the sentence ("Mientras, un
#: terremoto sacudió Japón"; mid-sentence "mientras" is a plain "while").
ELSEWHERE_OPENERS = (
    "mientras", "entretanto", "aparte", "mentre", "frattanto", "pendant ce temps", "de son cote",
    "in another development", "on another front", "in anderen nachrichten", "en otro orden de cosas",
)
_OPENERS = tuple(sorted({" ".join(o.split()) for o in ELSEWHERE_OPENERS}))
#: A place this far (km) from the title's node makes a lead sentence about somewhere else.
FAR_KM = 150.0
MAX_EVIDENCE = 12
#: the most confidence an event of the text model alone gets (rules reach 1.0)
MODEL_MAX_CONFIDENCE = 0.8
LEAD_SENTENCES = 2
#: A node named as a landmark ("a restaurant near the Port of Hamburg") is
#: not where the disruption is: such pairs are multiplied by NEAR_FACTOR.
NEAR_FACTOR = 0.55
NEAR_PHRASES = (
    "near", "near the", "nearby", "close to", "close to the", "next to", "next to the", "outside",
    "outside the", "not far from", "nahe", "nahe dem", "nahe der", "nahe des", "in der nahe von",
    "in der nahe des", "in der nahe der", "unweit", "unweit des", "unweit der", "ausserhalb",
    "pres de", "pres d", "pres du", "a proximite de", "a proximite du", "non loin de", "vicino a", "vicino al",
    "nei pressi di", "nei pressi del", "cerca de", "cerca del", "junto a", "nabij", "in de buurt van",
    "vlakbij", "niedaleko", "w poblizu", "kolo", "obok", "w okolicy", "w okolicach", "nara", "i narheten av", "utanfor",
    "off the coast of", "off the coast of the", "u wybrzezy", "vor der kuste", "vor der kuste von", "au large de",
    "au large du", "al largo di", "al largo del", "frente a la costa de", "voor de kust van", "utanfor kusten av",
)
#: A waterway or a port is an area of sea, not a landmark: a ship attacked, stopped or
#: queuing "near the Strait of Hormuz" or "outside the Port of Piraeus" is there (no
#: :data:`NEAR_FACTOR` for :data:`WATER_NEAR_TYPES`); a fire or a strike "near" one is not.
#: Only in the sentence of the term, and only where "near" places the event ("near", "outside",
#: "off the coast of"): "diverting to the nearby Port of Rotterdam" is another port.
WATER_KINDS = frozenset({"chokepoint", "route", "port"})
WATER_NEAR_TYPES = frozenset({"conflict", "blockage", "congestion"})
_WATER_NEAR_ENDINGS = (" near", " near the", " outside", " outside the", " off the coast of", " off the coast of the")
#: A node named as one end of a journey on roads ("Ulice na trasie przejazdu z Lotniska
#: Chopina do hotelu ... zamknięte", "roads on the route from the airport to the summit
#: closed") is not what is closed: such pairs are multiplied by :data:`CANCEL_FACTOR`.
ROUTE_END_PHRASES = (
    "route from", "route from the", "road from", "road from the", "drive from", "drive from the", "way from the",
    "motorcade from", "motorcade from the", "trasie z", "trasy z", "trasa z", "przejazdu z", "przejazdu ze",
    "przejazd z", "drodze z", "drogi z", "kolumny z", "strecke vom", "strecke von", "fahrt vom", "fahrt von",
    "weg vom", "trajet depuis", "trajet de", "itineraire depuis", "parcours depuis", "percorso da", "percorso dall",
    "tragitto da", "tragitto dall", "ruta desde", "trayecto desde", "recorrido desde", "route vanaf", "rit vanaf",
)
_ROUTE_ENDINGS = tuple(" " + p for p in ROUTE_END_PHRASES)
#: A node named as what a waterway, cable or line links ("the waterway that links the
#: Mediterranean to the Red Sea", "que liga o Mar Mediterrâneo ao Mar Vermelho", "el
#: canal que une el Atlántico con el Pacífico") is its geography, not what is blocked:
#: such pairs are multiplied by :data:`CANCEL_FACTOR`. Folded text before the node, within
#: the clause (a double space is folded punctuation).
_LINK_BEFORE = re.compile(
    r"\b(?:(?:that|which) (?:links?|connects?)|linking|connecting|que (?:une|unen|conecta|conectan|liga|ligam|unem"
    r"|conectam)|uniendo|conectando|ligando|qui (?:relie|relient)|reliant|che (?:collega|collegano)|collegando)\b"
    r"(?: (?! )[^ ]*){0,6} $"
)
#: A firm named as the buyer of the item's subject ("Têxtil de Vizela que vende para Inditex
#: fecha portas", "a supplier to Volkswagen files for insolvency", "el proveedor de Inditex
#: cierra") is that firm's customer, not what is struck, burnt or bankrupt: such pairs of a
#: company or site node, of the types that befall one firm (:data:`_SUPPLIER_OWN_TYPES`), are
#: multiplied by :data:`CANCEL_FACTOR`; export controls or a shortage that hit "fornecedores da
#: Autoeuropa" reach the buyer too. Folded text right before the node: a selling or supplying word,
#: then at most an article. "Supplier of" is left out: "the main supplier of gallium" names
#: the origin of a material, not its buyer.
_CUSTOMER_BEFORE = re.compile(
    r"\b(?:(?:vende|vendem|vendia|vendiam|fornece|fornecem|fornecia|forneciam|trabalha|trabalham|produz|produzem"
    r"|fabrica|fabricam) +para|(?:vende|venden|vendia|vendian|suministra|suministran|suministraba|abastece|abastecen"
    r"|fabrica|fabrican|produce|producen) +(?:para|a)|(?:fornecedor|fornecedora|fornecedores|fornecedoras) +(?:da|do|das|dos)"
    r"|(?:proveedor|proveedora|proveedores|proveedoras) +de|suppliers? +(?:to|for)|sells +to|selling +to|sold +to)"
    r"(?: +(?:a|o|as|os|la|el|los|las|the))? +$"
)
#: Node kinds a buyer can be (:data:`_CUSTOMER_BEFORE`).
_CUSTOMER_KINDS = frozenset({"company", "site"})
#: Types that are the supplier's own, not its buyer's (:data:`_CUSTOMER_BEFORE`).
_SUPPLIER_OWN_TYPES = frozenset({"insolvency", "strike", "fire", "cyberattack", "accident"})
#: A route named as where diverted ships go ("divert around the Cape of Good Hope", "desviar sua
#: frota para o Cabo da Boa Esperança", "rodeando el Cabo de Buena Esperanza") is the way round a
#: disruption, not disrupted itself: × :data:`CANCEL_FACTOR` for every type. "Around" a place says
#: it alone; "via", "to", "para o" say it beside a diversion verb in the sentence (:data:`_DIVERTING`)
#: unless an avoiding word stands just before (:data:`_AVOIDING`: "evitar passar pelo Mar Vermelho").
AROUND_PHRASES = (
    "around the", "round the", "around", "rodeando el", "rodear el", "alrededor del", "bordeando el",
    "em torno do", "ao redor do", "contornando o", "contornar o", "rund um das", "um das", "autour du",
    "contournant le", "attorno al", "circumnavigando il", "om de", "rond de",
)
VIA_PHRASES = (
    "via the", "via", "by way of the", "to the", "towards the", "pelo", "para o", "rumo ao", "em direcao ao",
    "via o", "por el", "via el", "hacia el", "rumbo al", "uber das", "nach", "par le", "vers le", "via le",
    "via il", "per il", "verso il", "naar", "via de",
)
_AROUND_ENDINGS = tuple(" " + p for p in AROUND_PHRASES)
_VIA_ENDINGS = tuple(" " + p for p in VIA_PHRASES)
#: "to avoid sailing via the Red Sea", "para evitar passar pelo Mar Vermelho": the route avoided
_AVOIDING = re.compile(r"\b(?:avoid|evit|evitando|eviter|vermeid|meiden|vermijd|omzeil)")
#: ... but not the passage itself named by its noun right before "via"/"pelo" ("A passagem pelo Canal
#: de Suez permanece suspensa ... e os navios serão desviados pelo Cabo", wire5 vp0005; "transits via
#: the Suez Canal"): that is the route given up, not the one taken. Folded, at the end of the words before.
_PASSAGE_VIA = re.compile(
    r"\b(?:passagem|passagens|travessias?|transitos?|trafego|navegacao|circulacao|transits?|traffic|passages?"
    r"|crossings?|paso|pasos|trafico|navegacion|travesias?) +\S+$"
)
_DIVERTING = re.compile(
    r"\b(?:divert|re-?rout|redirect|detour|desvi|redireciona|redirecciona|umleit|umgeleitet|umfahr|detourn|"
    r"dirott|deviat|omgeleid|omleid|omvaren|contourn|circumnavig)"
)
#: A node named as a ship's destination ("bound for Izmail", "płynęła do portu Izmaił")
#: is not where a fire or an accident happened: × :data:`NEAR_FACTOR` for :data:`SITE_TYPES`.
DESTINATION_PHRASES = (
    "bound for", "headed for", "headed to", "heading to", "heading for", "en route to", "sailing to", "destined for",
    "on its way to", "plynela do", "plynal do", "plynacy do", "plynacego do", "w drodze do", "unterwegs nach",
    "auf dem weg nach", "a destination de", "a destination du", "en route vers", "diretta a", "diretto a", "diretta al",
    "diretto al", "in rotta verso", "con destino a", "rumbo a", "op weg naar", "onderweg naar", "pa vag till",
    "plynela do portu", "plynal do portu", "plynacy do portu",
)
_DEST_ENDINGS = tuple(" " + p for p in DESTINATION_PHRASES)
#: A company named as the brand of one outlet ("Awaria na stacji Orlen w Koszalinie",
#: "fire at a Shell station", "Orlen-Tankstelle") is one petrol station or shop, not the
#: company's plant: site-specific types (:data:`SITE_TYPES`) stay at :data:`PLACE_SITE_CAP`.
OUTLET_BEFORE = (
    "station", "stations", "petrol station", "gas station", "filling station", "service station", "store", "stores",
    "shop", "shops", "outlet", "branch", "stacja", "stacji", "stacje", "stacjach", "stacjami", "sklep", "sklepie",
    "sklepach", "tankstelle", "filiale", "station service", "station essence", "stazione di servizio",
    "distributore", "gasolinera", "estacion de servicio", "tankstation", "bensinstation", "bensinmack",
    # a petrol station's pumps ("Wysyp awarii dystrybutorów Orlenu w Opolu")
    "pump", "pumps", "fuel pumps", "petrol pumps", "dispenser", "dispensers", "dystrybutor", "dystrybutora",
    "dystrybutorow", "dystrybutory", "dystrybutorach", "zapfsaule", "zapfsaulen", "pompe", "pompes",
    "pompe a essence", "distributori", "colonnine", "surtidor", "surtidores", "benzinepomp", "benzinepompen",
)
_OUTLET_ENDINGS = tuple(" " + p for p in OUTLET_BEFORE)
#: An outage term whose object is an outlet's equipment ("awarii dystrybutorów Orlenu",
#: "failure of the pumps at Shell stations", "Ausfall der Zapfsäulen"): the stations'.
_OUTLET_TERM_OBJECT = re.compile(
    r"\s+(?:of |der |des |de |di |dei |delle |van |)(?:the |les |la |los |las |het |de )?(?:dystrybutor\w*|pumps?"
    r"|fuel pumps?|petrol pumps?|dispensers?|zapfsaulen?|pompes?|distributori|colonnine|surtidor\w*|benzinepomp\w*"
    r"|stacj\w*|stations?|tankstellen?|gasolineras?|tankstations?)\b"
)
_OUTLET_AFTER = re.compile(
    r"\s*(?:[-‑]\s*)?(?:petrol |gas |filling |fuel |service )?(?:station|stations|store|stores|shop|shops|outlet|outlets"
    r"|tankstelle|tankstellen|filiale|filialen)\b"
)
_NEAR_ENDINGS = tuple(" " + p for p in NEAR_PHRASES)
#: A gulf's name (a :class:`~graphs.gazetteer.Cue` of a strait) used for the lands around it:
#: "US bases in Persian Gulf states", "países del golfo Pérsico", "costa do Golfo Pérsico".
_CUE_LANDS_AFTER = re.compile(
    r"\s+(?:arab\s+)?(?:states|countries|nations|monarchies|kingdoms|neighbou?rs|allies|rulers|governments|coast|coastline"
    r"|shore|shores|littoral|producers|exporters)\b"
)
_CUE_LANDS_BEFORE = re.compile(
    r"\b(?:paises|estados|naciones|nacoes|monarquias|reinos|vecinos|vizinhos|costa|costas|orilla|orillas|margem|margens"
    r"|litoral|productores|produtores|exportadores)\s+(?:arabes\s+)?(?:del|do|da|de|en el|no|na)\s+$"
)

#: Words right before a recovery phrase that negate it: the disruption goes on ("has yet to
#: resume", "will probably not be restored", "尚未恢复生产", "아직 재개되지 않", "Feuer weiter nicht unter
#: Kontrolle", "incendie toujours pas maîtrisé", "no va a reanudar el paso", "não vai retomar"). Folded,
#: spaces removed (CJK folding puts a space between characters); :data:`NEGATED_BEFORE`.
_NEGATIONS = (
    "notyet|yetto|yettobe|hasnot|havenot|hadnot|didnot|failedto|unableto|nicht|pasencore|pas|aunno|todaviano"
    "|aindanao|nonancora|nogniet|jeszczenie|intean"
    # "will (probably) not be restored", "won't resume", "cannot be reopened", "no podrá reanudar"
    "|notbe|notbeen|wontbe|wont|cannotbe|cannot|nopodra|nopodran|naopodera|naopoderao|naosera|nosera"
    # "no va a reanudar el paso", "não vai retomar" (es, pt: "won't")
    "|novaa|novana|naovai|naovao|naoira|naoirao"
    "|尚未|仍未|还未|還未|未能|没有|沒有|无法|無法|难以|難以|아직"
)
#: Words right before a recovery phrase that make it a plan or a negation (:data:`_NEGATIONS`):
#: the disruption goes on ("waiting for the canal to be cleared", "8/30から順次再開"). Folded, spaces removed.
NOT_YET_BEFORE = re.compile(
    "(?:" + _NEGATIONS
    # a recovery still awaited: "ships wait for the canal to be cleared", "shut until restored",
    # "expected to resume", "scheduled to reopen", "faces more delays before it can restart",
    # "talks ended without reaching an agreement"
    + r"|tobe|until|expectedto|scheduledto|beforeitcan|beforeitcould|beforetheycan|beforetheycould|without"
    # a promise, not an outcome: "Sea traffic will be restored" (a condition, "as soon as weather
    # conditions return to normal": :data:`_CONDITION_BEFORE`)
    r"|willbe|will"
    # a span still to run: "it may take at least a month to return to normal", "tardará meses
    # en reanudar", "levará semanas para retomar"
    r"|(?:day|days|week|weeks|month|months|year|years)to|(?:dias|semanas|meses|anos)(?:en|para)"
    # an aim, not an outcome: "talks aimed at averting strike action", "last-ditch bid to avert a strike"
    r"|aimedat|aimingat|aimsto|aimto|bidto|effortto|effortsto|attemptto|attemptsto|tryingto|triesto|seekingto"
    r"|seeksto|hopingto|hopesto|talksto"
    r"|(?:\d|日|週|月|明日|来週|週明け)から(?:順次)?|順次|以降|にも|预计|預計|计划|計劃|有望)$"
)
#: A recovery as the condition of another (awaited) one, a few words after the conjunction:
#: "will be restored as soon as weather conditions return to normal", "until the U.S. Coast
#: Guard reopens the channel". English only (Swedish "till" is "to", Spanish "once" is
#: "eleven"), and "once" after a determiner is an adjective ("the once-bustling port
#: reopened"). Folded (punctuation leaves double spaces), searched in the 60 characters before
#: the recovery phrase.
_CONDITION_BEFORE = re.compile(
    r"\b(?:as +soon +as|until|till|(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bits )once(?! +again))(?: +\S+){0,4} +$"
)
#: Of those, the negations (not the plans, "8/30から順次再開"): a negated recovery of one
#: type reports that disruption going on ("will probably not be restored for several
#: months", "has yet to resume production", "尚未恢复生产"): it is a term of the type.
NEGATED_BEFORE = re.compile("(?:" + _NEGATIONS + ")$")

_ABBREV = frozenset(
    "st dr mr mrs ms inc co corp ltd nr no bzw ca etc vs jan feb mar apr jun jul aug sep sept oct nov dec "
    "z b u s e g i mme mlle sig sr sra av prof gen".split()
)
#: A photo credit after a bar ("| Image: Bing Guan / Bloomberg via Getty Images",
#: "| Foto: dpa"): the text before it, back to the previous sentence end, is a caption.
_BAR_CREDIT = re.compile(
    r"\|\s*(?:Image|Images|Photo|Photos|Photograph|Illustration|Foto|Fotos|Fot\.|Bild|Zdj[eę]cie|Crédit photo|Imagen)\s*:"
)
#: A photo credit standing alone as a sentence ("Foto: dpa", "Fot. PAP/Leszek Szymański",
#: "Photo: AFP"): the sentence before it is the picture's caption.
_LONE_CREDIT = re.compile(
    r"\s*(?:Foto|Fotos|Fot\.|Photo|Photos|Image|Bild|Zdj[eę]cie|Imagen|Crédit photo|Credit)\s*:?\s*[^.!?\n]{1,50}\.?\s*\Z"
)
_SENT_END = re.compile(r"[.!?…]+[\"'»”’)\]]*\s+|\n\s*\n|[。！？]+[」』）”’]*\s*")
#: Full-width sentence ends (Chinese, Japanese): a sentence ends there whatever follows.
_CJK_END = frozenset("。！？")


def sentence_starts(text: str) -> list[int]:
    """Offsets where sentences of ``text`` start (the first is always 0)."""
    starts = [0]
    for m in _SENT_END.finditer(text):
        nxt = m.end()
        if nxt >= len(text):
            break
        if m.group()[0] in _CJK_END:
            starts.append(nxt)  # no capitals, no abbreviations: "。" ends the sentence
            continue
        if "\n\n" not in m.group().replace(" ", "").replace("\r", ""):
            ch = text[nxt]
            if not (ch.isupper() or ch.isdigit() or ch in "\"'«“„(["):
                continue
            # "U.S. Steel", "St. Nazaire", "Inc. said": not an end
            word = re.search(r"(\w+)\W*$", text[max(0, m.start() - 12) : m.start() + 1])
            if word and (word.group(1).lower() in _ABBREV or len(word.group(1)) == 1):
                continue
        starts.append(nxt)
    # "... as a historic traffic jam started to ease. | Image: Bing Guan / Bloomberg": the
    # credit starts a sentence of its own, so that the caption before it is one too
    for m in _BAR_CREDIT.finditer(text):
        if m.start() > 0:
            bisect.insort(starts, m.start())
    return sorted(set(starts))


@dataclass(slots=True)
class _Sentence:
    field: str  # "title" | "text"
    index: int  # sentence number within the field
    source: str  # the string hits' original offsets point into (title + SEP + text)
    offset: int  # where the field starts in ``source``
    norm: str = ""  # folded ``source``
    frame: _Sentence | None = None  # the title, whose cancelling phrases frame the whole item
    bounds: tuple[int, int] = (0, 0)  # the sentence in ``source``
    #: the sentence in ``norm`` (CJK folding adds spaces, "ß" folds to "ss": not ``bounds``)
    nbounds: tuple[int, int] = (0, 0)
    nodes: list[Hit] = dataclasses.field(default_factory=list)
    terms: list[Hit] = dataclasses.field(default_factory=list)
    cancels: list[Hit] = dataclasses.field(default_factory=list)
    recoveries: list[Hit] = dataclasses.field(default_factory=list)
    places: list[Hit] = dataclasses.field(default_factory=list)
    caption: bool = False  # a photo caption (:data:`_CREDIT`)
    lang: str | None = None  # the item's language (``None``: unknown)
    #: title only: another firm the headline names as the insolvent one (:func:`_other_firm`)
    firm: tuple[int, int] | None = None
    #: ``(start, end)`` of node mentions that are a city's name ("Rotterdam", "Long Beach")
    city_nodes: set[tuple[int, int]] = dataclasses.field(default_factory=set)
    #: ``(start, end)`` of places named without a locative cue: only the city's own port or
    #: airport, named by its workers and parts (:data:`CITY_SITE_WORDS`), is tagged by them
    weak: set[tuple[int, int]] = dataclasses.field(default_factory=set)
    framing: list[Hit] = dataclasses.field(default_factory=list)  # title only: every cancelling phrase, used or not
    #: title only: the lead sentences' global cancelling phrases ("The film, shot in Potsdam, ...")
    lead_frames: list[tuple[Hit, _Sentence]] = dataclasses.field(default_factory=list)

    def span(self, hit: Hit, role: str, ref: str, entry: Entry | None = None) -> Span:
        """Evidence for ``hit``, with offsets into the field's own string (``entry``: the
        node entry matched, whose name may come from the name table)."""
        data = entry.data if entry is not None else None
        return Span(
            self.field, hit.ostart - self.offset, hit.oend - self.offset,
            self.source[hit.ostart : hit.oend], role, ref,
            data.note if isinstance(data, (Exonym, OriginNamed, Cue)) else "",
        )

    def cancelled(self, dtype: str) -> tuple[Hit, _Sentence] | None:
        """A cancelling phrase for ``dtype`` here, or in the title (which frames the item)."""
        for where in (self, self.frame):
            if where is None:
                continue
            for hit in where.cancels if where is self else where.framing:
                for e in hit.entries:
                    if e.ref == "*" or e.ref == dtype:
                        return hit, where
        if self.lead_frames:  # the title only: its lead's global cancelling phrases
            return self.lead_frames[0]
        return None

    def recovered(self, dtype: str) -> Hit | None:
        for hit in self.recoveries:
            for e in hit.entries:
                if e.ref == dtype or e.ref == "*":
                    return hit
        return None


#: Node kinds an ``at_node`` phrase ("closes", "cierra", "fecha") can close (and airports).
CLOSABLE_KINDS = frozenset({"chokepoint", "route", "port"})
#: Determiners of the ``at_node`` languages, folded ("the", "la", "os", "l'" -> "l", "der").
_DETERMINERS = frozenset(
    "the a an its their el la los las un una su o os as um uma seu sua le les l der die das den il lo".split()
)
#: After "closed": an object or a figure makes it a result, not a closure ("closed the year",
#: "closed 2023", "fechou em alta"): a determiner (:data:`_DETERMINERS`), a digit or a market's
#: direction. Folded.
_OBJECT_AFTER = re.compile(
    r"\s+(?:\d|(?:" + "|".join(sorted(_DETERMINERS, key=lambda w: (-len(w), w)))
    + r"|higher|lower|up|down|out|at|em alta|em baixa)\b)"
)
#: Last words of an ``at_node`` phrase after the name that take an object of their own
#: ("El aeropuerto de Fráncfort cierra por la nieve", "cierra hasta el lunes", "closed until
#: the weekend"): the determiner after them is theirs, so :data:`_OBJECT_AFTER` does not
#: apply. Folded.
_OWN_OBJECT = frozenset(
    "por hasta tras durante ante debido desde for until after following amid over due since "
    "pour jusqu apres pendant bis wegen nach per fino dopo ate apos devido".split()
)


#: Right before a closure term or an ``at_node`` phrase: a threat, a possibility, a risk or a
#: condition, not a closure ("could shut", "threatens to close", "risk of a blockade", "if Iran
#: closed", "riesgo de cierre", "amenaza con cerrar", "risco de bloqueio"), or a negation ("did
#: not prevent tankers from using", "has never closed", "no cancelará vuelos"). The modal word next to
#: the term (an adverb between at most), a condition a subject away, and not "would" (reported
#: plans: "said it would close the port on Monday"); a term of a state going on stays ("may remain
#: closed", "would continue to avoid"). Folded.
_NOT_DONE_BEFORE = re.compile(
    r"\b(?:(?:threat\w*|vow\w*|warn\w*|plan\w*|consider\w*|seek\w*|want\w*|tr(?:y|ies|ied)) +to|"
    r"(?:could|may|might|cannot|cant|can +t)(?: +(?:soon|also|still|even|again|now|well|not|never|easily|quickly))?|"
    r"able +to|(?:risk|threat|fears?|prospect|possibility) +of(?: +an?| +the)?|possible|potential|"
    r"(?:did|does|do|has|have|had|was|were|is|are|will|would)(?: +not|n +t)|never|no|nao|"
    r"(?:if|unless|whether)(?: +\S+){0,2}|amenaz\w* +con|podria\w*|riesgo +de(?: +una?| +la| +el)?|posible|"
    r"ameac\w*(?: +de)?|poderia\w*|risco +de(?: +uma?| +o| +a)?|possivel|menac\w* +de|pourrait|droh\w* +mit|"
    # German puts the verb last, a few words after the modal ("Iran könnte die Straße von Hormus sperren"),
    # and folding makes "könnte" "konnte"
    r"k(?:oe|o)nnte\w*(?: +\S+){0,4}|"
    r"minacci\w* +di|potrebbe)\s*$"
)
#: a term that itself says the closure goes on ("remain closed", "continue to avoid")
_GOING_ON = re.compile(r"(?:continu|remain|stay|keep|still|sigue|siguen|permanec|mantien|segue|seguem|permanece|mante)")
#: Cancelling words that the word before them makes something else, so they cancel nothing
#: (folded): a hoped-for end of a disruption that is real ("shortages for weeks even in the
#: unlikely scenario the conflict ends today", "in the best-case scenario the plant restarts in
#: March"), not a what-if exercise ("worst-case scenario"); a film that is a material made at a
#: plant ("would continue to produce ... polyamide film", "BOPP film lines"), not a feature film.
_CANCEL_MISREAD: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("scenario", re.compile(r"(?:best case|most optimistic|optimistic|rosiest|unlikely|even in (?:the|a|an|this|that))\s*$")),
    ("film", re.compile(
        r"\b(?:plastic|polyamide|polyester|polyethylene|polypropylene|polyimide|packaging|cling|shrink|stretch|barrier|"
        r"protective|pet|bopp|bopet|bopa|pvc|cast|blown|solar|optical|photovoltaic|backsheet|separator|battery)\s*$")),
)
#: the types whose terms :data:`_NOT_DONE_BEFORE` applies to: closures and stoppages ("could
#: halt production", "did not stop producing", "has never ceased production")
_CLOSURE_TYPES = frozenset({"blockage", "outage"})


def _misread_cancel(hit: Hit, norm: str) -> bool:
    """A cancelling word that the word before it makes no frame (:data:`_CANCEL_MISREAD`)."""
    return any(
        norm.startswith(word, hit.start) and before.search(norm, max(0, hit.start - 30), hit.start)
        for word, before in _CANCEL_MISREAD
    )


#: The end of a term that is a negated passive or state ("a produção não será interrompida", "voos
#: não foram cancelados", "el paso no queda suspendido"): a gapped phrase ("produção (* )(* )<será>
#: <interrompida>") takes the negation into its gap, and a cancelling phrase inside a longer term
#: cancels nothing. The negation, its auxiliaries, one last word. Folded.
_NEGATED_TAIL = re.compile(
    r"\b(?:nao|no|nunca|jamais)(?: +(?:sera|serao|foi|foram|e|sao|esta|estao|esteve|estiveram|vai|vao|ser|seria|seriam"
    r"|tem|teem|sido|devera|deverao|ficou|ficaram|ficara|continua|continuam|permanece|permanecem|fue|fueron|es|son|ha"
    r"|han|queda|quedan|quedo|sigue|siguen|estan))+ +\S+ *$"
)


def _negated_term(hit: Hit, norm: str) -> bool:
    """A term whose words end in a negated participle (:data:`_NEGATED_TAIL`)."""
    return _NEGATED_TAIL.search(norm, hit.start, hit.end) is not None


def _hypothetical_closure(hit: Hit, norm: str) -> bool:
    """A closure term right after a threat, a possibility or a risk ("could shut the strait")."""
    return (
        all(e.ref in _CLOSURE_TYPES for e in hit.entries)
        and not _GOING_ON.match(norm, hit.start)
        and bool(_NOT_DONE_BEFORE.search(norm, max(0, hit.start - 40), hit.start))
    )


def _inside_term(recovery: Hit, terms: list[Hit]) -> bool:
    """A recovery word inside a longer term is the lexicon's own reading of it, as a cancelling
    word inside one is: "攻撃を再開" (attacks resumed), "ストを再開" are the disruption going on
    again, not "再開" (a restart); the term stays, the recovery goes."""
    return any(
        t.start <= recovery.start and recovery.end <= t.end and t.end - t.start > recovery.end - recovery.start
        for t in terms
    )


def _says_nothing(lex: _Lex) -> bool:
    """No disruption term and no recovery of a type: most news, which the tagger reads no further."""
    return not lex.terms and not lex.at_node and not any(e.ref != "*" for h in lex.recoveries for e in h.entries)


def model_doc(title: str, body: list[_Sentence]) -> str:
    """What the text model reads of an item about one node: the title and the sentences of the
    text that name the node (:func:`graphs._textmodel.model_text`)."""
    return model_text(title, " ".join(s.source[s.bounds[0] : s.bounds[1]].strip() for s in body))


@dataclass(frozen=True, slots=True)
class ModelQuestion:
    """A node an item names and what the item says of it, for the text model (``asked``: the
    tagger asks, see ``Tagger._model_questions``); the mention and the terms there, for evidence."""

    node: str
    doc: str
    asked: bool
    hit: Hit
    sentence: _Sentence
    entry: Entry
    terms: tuple[tuple[Hit, _Sentence], ...] = ()


@dataclass(slots=True)
class _Pair:
    score: float
    sentences: tuple[_Sentence, ...]
    spans: list[Span]
    term_key: str
    recovery: bool
    title: bool
    #: place pairs: ``1 - distance/radius`` (1 inside a named region or country); it scales
    #: the bonus for further terms and sentences, so that a flood story rich in words does
    #: not reach a node at the rim of the radius ("Alluvione a Biella" is not about Casale)
    reach: float = 1.0
    #: place pairs: the place is a city (a site-specific type needs more than that, :data:`SITE_TYPES`)
    city: bool = False


#: How a type ranks as the *cause* of what a text reports: a consequence
#: (outage, blockage, congestion, shortage: rank 0) follows an accident (1),
#: which follows the other disruptions (2): "Explosion im Stahlwerk: Hochofen
#: außer Betrieb" is a fire that causes an outage, "Sciopero, paralizzato il
#: porto" a strike that causes a blockage.
CAUSE_RANK = {"outage": 0, "blockage": 0, "congestion": 0, "shortage": 0, "trade_drop": 0, "accident": 1}


def _causes_first(events: Iterable[Event]) -> list[Event]:
    """Cap each node's consequence events just below its cause events.

    Only when the cause is itself at least :data:`DEFAULT_MIN_CONFIDENCE`:
    the order of a node's types changes (its best type is the cause), never
    whether the node is tagged.
    """
    events = list(events)
    best: dict[tuple[str, int], tuple[float, bool]] = {}
    for e in events:
        if not e.recovery:
            r = CAUSE_RANK.get(e.type, 2)
            old = best.get((e.target, r), (0.0, False))
            best[(e.target, r)] = (max(old[0], e.confidence), old[1] or _in_title(e))
    out = []
    for e in events:
        r = CAUSE_RANK.get(e.type, 2)
        headline = _in_title(e)
        # a consequence the headline names, whose cause only the text gives,
        # stays the item's topic ("La escasez de aceite..." + "sequía")
        above = max(
            (c for (t, rr), (c, titled) in best.items() if t == e.target and rr > r and (titled or not headline)),
            default=0.0,
        )
        if not e.recovery and above >= DEFAULT_MIN_CONFIDENCE and e.confidence >= above:
            e = dataclasses.replace(e, confidence=round(max(DEFAULT_MIN_CONFIDENCE, above - 0.01), 3))
        out.append(e)
    return out


#: Words that introduce a cause ("wegen fehlender Halbleiter", "due to a shortage"):
#: among a node's equally sure types, the one named after them is listed first.
CAUSE_MARKERS = (
    "due to", "because of", "owing to", "amid", "after", "following", "wegen", "aufgrund", "infolge", "nach",
    "a cause de", "en raison de", "suite a", "apres", "a causa di", "per via di", "dopo", "in seguito a",
    "por", "debido a", "a causa de", "tras", "vanwege", "wegens", "door", "na", "z powodu", "wskutek",
    "przez", "po", "pa grund av", "till foljd av", "efter",
)
_CAUSE_ENDINGS = tuple(" " + m for m in CAUSE_MARKERS)


def _order(events: Iterable[Event], title: str, text: str) -> list[Event]:
    """Best confidence first; ties within a node: a type named after a cause marker (an
    article between allowed: "tras un ataque"), then the type the item names first ("Une panne
    informatique paralyse le port": outage)."""

    def where(e: Event) -> tuple[bool, int, int]:
        best = (True, 1 << 30, 1 << 30)
        for sp in e.evidence:
            if sp.role != "term":
                continue
            field_text = title if sp.field == "title" else text
            words = fold(field_text[max(0, sp.start - 30) : sp.start]).norm.split()[-4:]
            if words and words[-1] in _DETERMINERS:  # "tras un ataque", "due to a shortage"
                words.pop()
            before = " " + " ".join(words[-3:])
            cause = before.endswith(_CAUSE_ENDINGS)
            key = (not cause, sp.field != "title", sp.start)
            best = min(best, key)
        return best

    return sorted(events, key=lambda e: (-e.confidence, e.target, *where(e), e.type))


#: Words by which a lead sentence extends the headline's disruption to the nodes it
#: names ("Antwerp and Hamburg are also affected", "Auch Bremerhaven ist betroffen").
_ALSO = re.compile(
    r"\b(also|as well|too|likewise|auch|ebenfalls|aussi|egalement|anche|pure|tambien|asimismo|ook|eveneens"
    r"|rowniez|takze|tez|ocksa|aven)\b"
)


def _extends(s: _Sentence) -> bool:
    a, b = s.nbounds
    return bool(_ALSO.search(s.norm[a:b]))


#: A maker named with a model ("Boeing 737", "Airbus A320", "Tesla Model 3") is its
#: product: a crash or fire of one aircraft or car is not the maker's site. Such
#: events stay at :data:`PLACE_SITE_CAP`.
PRODUCT_TYPES = frozenset({"accident", "fire"})
_MODEL = re.compile(r"\s*(?:[A-Z]{0,3}-?\d{2,4}\w*|Model [A-Z0-9]\w*|MAX\b|Max\b|Dreamliner|Starliner|Cybertruck)")


def _product_named(s: _Sentence, hit: Hit) -> bool:
    return bool(_MODEL.match(s.source, hit.oend))


#: A fire of one vehicle ("Pożar samochodu przy PKP Anin", "car fire near the terminal",
#: "incendio de un camión junto al puerto", "Brand eines Lkw am Hafen") burns the vehicle,
#: not the site beside it: its pairs are multiplied by :data:`NEAR_FACTOR`. Folded words
#: right before the fire term (en compounds) or right after it (a genitive or "de/of ...").
_VEHICLE_BEFORE = re.compile(r"\b(?:car|cars|vehicle|truck|lorry|van|bus|coach|taxi)\s+$")
_VEHICLE_AFTER = re.compile(
    r"\s*(?:samochodu|samochodow|auta|autobusu|ciezarowki|busa|pojazdu|tira|auto|(?:of|in) (?:an? |the )?(?:car|vehicle|truck"
    r"|lorry|van|bus)|(?:de|d) (?:un |una |une |uma |um |la |le |l )?(?:coche|carro|camion|vehiculo|veiculo|voiture|autobus"
    r"|onibus|caminhao)|(?:di|del) (?:un |una )?(?:auto|camion|furgone|pullman)|eines (?:autos|pkw|lkw|busses|fahrzeugs)"
    r"|van een (?:auto|vrachtwagen|bus))\b"
)


def _vehicle_fire(s: _Sentence, term: Hit) -> bool:
    return bool(_VEHICLE_BEFORE.search(s.norm, max(0, term.start - 12), term.start)) or bool(
        _VEHICLE_AFTER.match(s.norm, term.end)
    )


def _mark_captions(sentences: list[_Sentence]) -> None:
    """Photo captions of the text: a sentence ending with a photo credit, and the
    sentence right before a credit that stands alone ("... on Jan. 19, 2023.
    (Gonzalo Fuentes/Reuters)")."""
    text = [s for s in sentences if s.field == "text"]
    for i, s in enumerate(text):
        a, b = s.bounds
        body = s.source[a:b]
        if i > 0 and (_BAR_CREDIT.match(body) or _LONE_CREDIT.match(body)):
            text[i - 1].caption = True  # "... started to ease. | Image: Bing Guan / Bloomberg", "... Foto: dpa"
        if ")" not in body:
            continue
        for m in _CREDIT.finditer(body):
            if not body[m.end() :].strip():
                s.caption = True  # "... on Jan. 19, 2023 (Gonzalo Fuentes/Reuters)"
            if not body[: m.start()].strip() and i > 0:
                text[i - 1].caption = True  # a credit opening the sentence: the caption is the one before


#: Verbs of striking that name what another term did ("Typhoon strikes Shanghai port",
#: "Un séisme frappe Taïwan", "Le port frappé par une grève", "struck by floods"):
#: next to that term they are its verb, neither a walkout nor an armed strike. Folded.
HIT_VERBS = re.compile(r"(?:strike|strikes|struck|striking|frappe|frappent|frappee?s?|hit|hits)")
_HIT_BY = re.compile(r"\s+(?:by|par)\s+(?:(?:an?|the|une?|des|la|le|les)\s+)?(?:\w+\s+)?$")


def _hit_verbs(sentences: list[_Sentence]) -> None:
    """Word sense: a striking verb (:data:`HIT_VERBS`) right after a term of another
    type ("Typhoon strikes") or followed by "by"/"par" and such a term ("frappé par une
    grève") takes that term's types: it is only what the storm, quake or strike did."""
    for s in sentences:
        if len(s.terms) < 2:
            continue
        kept = []
        for t in s.terms:
            types = set(_term_types(t))
            if not (types & {"strike", "conflict"}) or not HIT_VERBS.fullmatch(" ".join(s.norm[t.start : t.end].split())):
                kept.append(t)
                continue
            near: set[str] = set()
            for n in s.terms:
                if n is t:
                    continue
                subject = 0 <= t.start - n.end <= 2
                agent = n.start > t.end and _HIT_BY.fullmatch(s.norm, t.end, n.start) is not None
                if subject or agent:
                    near.update(_term_types(n))
            if not near or near & types == types:
                kept.append(t)
                continue
            same = near & types
            if same:  # "struck by missiles": the verb keeps the types the neighbour confirms
                kept.append(Hit(t.start, t.end, t.ostart, t.oend, [e for e in t.entries if e.ref in same]))
            # else: the verb of a storm or a walkout, not a disruption of its own
        s.terms = kept


def _site_capped(e: Event, plist: list[_Pair]) -> Event:
    """A site-specific type found only through a city (a place, or a node named by its
    city alone) stays just below the alerting threshold (:data:`SITE_TYPES`); a cut of
    the power grid is regional and is not capped."""
    if e.type not in SITE_TYPES or e.confidence <= PLACE_SITE_CAP or not all(p.city for p in plist):
        return e
    if any(_GRID.search(sp.text.casefold()) for sp in e.evidence if sp.role == "term"):
        return e
    return dataclasses.replace(e, confidence=PLACE_SITE_CAP)


def _recovered_by_title(events: dict[tuple[str, str], Event], sentences: list[_Sentence]) -> dict[tuple[str, str], Event]:
    """A headline that reports a recovery in general terms ("Eurostar Channel services
    restarting on Sunday as flooding is cleared") frames the item: an event that only
    the text supports ("... warnings of further delays") is part of that recovery."""
    if not sentences or sentences[0].field != "title":
        return events
    if not any(e.ref == "*" for r in sentences[0].recoveries for e in r.entries):
        return events
    return {
        k: e if e.recovery or _in_title(e) else dataclasses.replace(e, recovery=True) for k, e in events.items()
    }


def _origin_misfit(entry: Entry, dtype: str, same_sentence: bool) -> bool:
    """A bare material word named with its origin (:class:`OriginNamed`) reports only a
    material's disruptions (:data:`ORIGIN_SCOPED_TYPES`), and a node's cue name (:class:`Cue`)
    only the node's own (its ``types``), each with its term in its own sentence."""
    if isinstance(entry.data, OriginNamed):
        return dtype not in ORIGIN_SCOPED_TYPES or not same_sentence
    if isinstance(entry.data, Cue):
        return dtype not in entry.data.types or not same_sentence
    return False


def _in_title(e: Event) -> bool:
    return any(sp.field == "title" and sp.role == "term" for sp in e.evidence)


def _closeness(a: Hit, b: Hit) -> float:
    gap = max(0, max(a.ostart, b.ostart) - min(a.oend, b.oend))
    return 1.0 - 0.15 * min(1.0, max(0, gap - 40) / 200.0)


def _term_types(hit: Hit) -> list[str]:
    return list(dict.fromkeys(e.ref for e in hit.entries))


#: Title and text are folded and scanned as one string, joined by this.
SEP = "\n\n"

# -- context rules (module docstring, rule 7) ---------------------------------

#: Words that make "strike(s)" a military strike, not a walkout ("drone strike
#: on the refinery", "strikes by Houthi militants", "Shelling and strikes ...").
#: Folded (lower case, no accents); a trailing ``*`` continues the word.
MILITARY_CUES = (
    # en
    "missile*", "drone", "drones", "rocket*", "airstrike*", "air strike*", "military", "army", "troops",
    "navy", "naval", "warship*", "destroyer*", "shelling", "artillery", "bomb*", "houthi*", "rebel*",
    "militant*", "munition*", "insurgent*", "hezbollah", "hamas", "idf", "pentagon", "overnight strikes",
    "russian strike*", "ukrainian strike*", "israeli strike*", "russia strikes", "russia struck",
    "ukraine strikes", "israel strikes", "iran strikes", "us strikes", "retaliatory",
    "kamikaze", "ballistic", "cruise missile*", "air raid*", "air defen*",
    # an army's ("Russian forces attack Odesa, governor says, in second regional strike"); not "attack"
    # alone, which is also a hacker's ("Cobalt Strike ... attack simulation software")
    "russian forces", "ukrainian forces", "israeli forces", "russian troops",
    # Iran's army by its name ("Iran's Revolutionary Guards strike Saudi refinery")
    "revolutionary guard*", "irgc",
    # de fr it es nl pl sv (their labour-strike words are unambiguous; the cues still guard
    # the few shared ones, e.g. a "strike" quoted in English)
    "rakete*", "drohne*", "militar*", "armee", "luftangriff*", "missile", "militaire*", "armee",
    "missil*", "droni", "esercito", "misil*", "dron*", "ejercito", "raket*", "leger", "rakiet*",
    "wojsk*", "armia", "armii", "drönar*", "dronar*",
)
#: Words that keep "strike(s)" a labour strike even beside a military cue.
LABOUR_CUES = (
    "union*", "worker*", "staff", "employee*", "wage*", "pay", "walkout*", "picket*", "docker*",
    "driver*", "pilot*", "teacher*", "nurse*", "ballot*", "industrial action", "pension*", "uaw",
    "unite", "verdi", "cgt", "labour", "labor", "salar*", "collective agreement",
    "gewerkschaft*", "syndicat*", "sindacat*", "sindicat*", "vakbond*", "zwiazk*", "fack*",
    "hafenarbeiter*", "portuali", "estibador*", "havenarbeider*", "dokerz*", "hamnarbetar*",
)
#: Only these words of the strike type have a military sense ("strike" in the other
#: languages is "Streik", "grève", "sciopero", ...: never a missile).
AMBIGUOUS_STRIKE = re.compile(r"\b(strike|strikes|struck|striking)\b")
#: Titles of commentary around a disruption: market moves, analysis, explainers
#: ("Oil steadies as investors weigh the standoff", "What's next for the strait",
#: "How the strike could hit earnings"). Regular expressions over the folded title, by
#: language: an item of a known language is read with its own and the English ones
#: ("told the Nordic Power bourse" is no French "Bourse" commentary).
COMMENTARY_BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "en": (
        r"\bwhat s next\b", r"\bwhat next\b", r"\bwhat (it|this|that) means\b", r"\bwhat .{0,60} means? for\b",
        r"\bhere s (what|how|why)\b", r"\bwhy .{0,60} matters?\b", r"\bexplained\b", r"^(analysis|explainer|opinion"
        r"|comment|column|editorial|factbox|podcast|markets? wrap|market view|view)\b",
        r"\bhow .{0,60}\b(could|would|might|may|will|can) (hit|affect|impact|hurt|dent|weigh|shake|reshape)\b",
        r"\b(investors?|traders?|markets?|analysts?) (weigh|weighs|eye|eyes|watch|watches|assess|assesses|fret|frets"
        r"|shrug|shrugs|brace|braces|digest|digests)\b",
        r"\b(oil|crude|brent|gold|wheat|grain|copper|stocks?|shares?|equities|futures|prices?|dollar|bonds?|yields?"
        r"|index|indices|wig20|dax|cac|ftse|nikkei|ibex|aex|omx|gpw)\b.{0,30}\b(steady|steadies|steadied|rise|rises"
        r"|rose|gain|gains|gained|climb|climbs|climbed|fall|falls|fell|slip|slips|slipped|edge|edges|edged|jump|jumps"
        r"|jumped|extend|extends|extended|ease|eases|eased|dip|dips|dipped|surge|surges|surged|firm|firms|firmed"
        r"|tumble|tumbles|tumbled|rally|rallies|rallied|slide|slides|slid|retreat|retreats|retreated)\b",
        r"\b(earnings|profit warning|share price|stock price|price outlook|outlook for)\b",
    ),
    "de": (
        r"\bwas (das|dies) bedeutet\b", r"\bwas .{0,60} bedeutet\b", r"^(analyse|kommentar|meinung)\b",
        r"\b(anleger|borse|borsen|aktie|aktien|olpreis|olpreise|dax)\b",
    ),
    "fr": (
        r"\bce que .{0,60} change\b", r"\bce qu il faut savoir\b", r"^(analyse|decryptage|editorial|tribune)\b",
        r"\b(investisseurs|bourse|le petrole|les cours|cac 40)\b",
    ),
    "it": (
        r"\bcosa (cambia|significa|succede)\b", r"^(analisi|commento|editoriale)\b",
        r"\b(investitori|borsa|borse|piazza affari|il petrolio|ftse mib|spread)\b",
    ),
    "es": (
        r"\bque significa\b", r"\blas claves\b", r"^(analisis|opinion|tribuna)\b",
        r"\b(inversores|bolsa(?! de (?:comercio|cereales))|bolsas|el petroleo|ibex)\b",  # not the grain exchanges
    ),
    "nl": (
        r"\bwat betekent\b", r"^(analyse|column|opinie|commentaar)\b", r"\b(beleggers|beurs|olieprijs|aex)\b",
    ),
    "pl": (
        r"\bco (to )?oznacza\b", r"^(analiza|komentarz|opinia)\b",
        r"\b(inwestorzy|inwestorow|gieldzie|gielda|notowania|gpw|wig20|wig|ropa drozeje|ropa tanieje|kurs akcji)\b",
    ),
    "sv": (
        r"\bvad (betyder|innebar)\b", r"^(analys|kommentar|ledare)\b", r"\b(investerare|borsen|oljepriset|omxs30)\b",
    ),
    "pt": (
        r"\bo que (muda|significa|esta em jogo)\b", r"\bentenda\b", r"^(analise|opiniao|editorial|coluna)\b",
        r"\b(investidores|bolsas?(?! de (?:cereais|cereales|mercadorias|comercio))|ibovespa|o petroleo|psi 20|cotacao|cotacoes)\b",
    ),
    # ja, ko, zh (folded: a space between characters, a katakana run one word): share and
    # oil prices, freight rates and costs, investors, "why", "what happens", analysis headings
    "ja": (
        r"株 価|株 式 市 場|相 場|原 油 (価 格|高)|運 賃 (が )?(上 昇|高 騰)|(輸 送|物 流) コスト|投 資 家|ど う な る|な ぜ"
        r"|^(解 説|分 析|社 説|コラム)",
    ),
    "ko": (r"주 가|증 시|코 스 피|유 가|투 자 자|운 임 (상 승|급 등)|^(분 석|사 설|칼 럼|해 설)",),
    "zh": (
        r"股 价|股 價|股 市|油 价|油 價|投 资 者|投 資 者|运 价|運 價|运 费 (上 涨|飙 升)|運 費 (上 漲|飆 升)|为 什 么|為 什 麼"
        r"|^(分 析|社 评|社 評|评 论|評 論|解 读|解 讀)",
    ),
}
COMMENTARY_TITLES = tuple(dict.fromkeys(p for ps in COMMENTARY_BY_LANGUAGE.values() for p in ps))
#: A photo credit ("(Gonzalo Fuentes/Reuters)", "(AP Photo)", "... via Getty Images)")
#: marks a caption: it describes a picture, often of an earlier event ("during a strike
#: by French SNCF workers in Paris in France, on Jan. 19, 2023"), so pairs in a
#: caption (the credit's sentence, or the sentence right before a credit alone) are
#: multiplied by :data:`CANCEL_FACTOR`.
_CREDIT = re.compile(
    r"\((?:[^()]{0,80}/)?[^()]{0,60}\b(?:Reuters|AP|AFP|EPA|Getty Images|AP Photo|Bloomberg|PAP|ANSA|dpa|Shutterstock"
    r"|Photo|Foto|Zdjęcie|Bild)\b[^()]{0,40}\)"
    r"|\([A-Z][\w.'’\- ]{1,50}/[A-Z][\w.'’\- ]{1,50}\)"  # "(The Canadian Press/Darryl Dyck)"
)
#: Confidence factor for every event of an item whose title is commentary.
COMMENTARY_FACTOR = 0.55
#: Types that happen at one site: a city alone ("a strike in Rotterdam", "a fire
#: in Lyon") never raises them for a node there (at most just below
#: :data:`DEFAULT_MIN_CONFIDENCE`; the node must be named). A region or country
#: is different: a strike declared for it covers it ("Warnstreik in Bayern").
SITE_TYPES = frozenset({"fire", "strike", "accident", "insolvency", "cyberattack", "outage"})
PLACE_SITE_CAP = 0.45
#: Types that befall a place: named with a company and a place far from the company's
#: site ("Foxconn halts production at Chennai factories due to Cyclone Michaung", the
#: graph's Foxconn being Zhengzhou; "Lockdown a Shanghai, Maersk avverte i clienti"),
#: they are the place's, not the company's: × :data:`CANCEL_FACTOR`.
PLACE_BOUND_TYPES = frozenset({"lockdown", "natural_disaster"})
#: A plant word in the sentence of a term of :data:`PLANT_TYPES`: with a far place there, the
#: company's plant in that place is meant, not its site in the graph (:meth:`Tagger._company_there`).
#: A strike or a hack at a far plant stays the company's ("UAW strikes at General Motors plant in
#: Texas"). Folded.
PLANT_TYPES = frozenset({"fire", "accident", "outage"})
_PLANT_WORD = re.compile(r"\b(?:plant|plants|factory|factories|fab|fabs|mill|mills|works|refinery|smelter|facility|facilities)\b")
#: A node named by its city alone ("Rotterdam", "Long Beach", "Gdańsku") is a place:
#: for these kinds, a site-specific type needs the node's kind named in the sentence
#: ("dockers", "port", "terminal", "flights") or it stays below the threshold like a
#: place ("2 killed in Long Beach boat fire", "Walki gangów w Rotterdamie").
CITY_NAMED_KINDS = frozenset({"port", "hub", "cluster"})
_KIND_WORDS = re.compile(
    # at a word start ("report", "support", "export", "championship" are no port or ship) ...
    r"\b(?:port|puert|porci|pristav|pristanisc|satama|sadam|uost|kikoto|harbo|hafen|haven|hamn|terminal|hub\b|dock|wharf"
    r"|quay|berth|pier|container|shipping|vessel|ship|cargo|freight|crane|kade|kaai|nabrzez|przeladun|airport"
    r"|flughafen|lotnisk|aeroport|aeropuerto|luchthaven|flygplats|flight|flug|vol\b|vols\b|vuelo|voli|vlucht|lot\b"
    r"|loty|lotow|flyg|runway|landing|chemi|plant|refiner|werk|usine|stabiliment|planta|fabriek|fabryk|zaklad|fabrik"
    r"|ferr|fahre|prom|farja|traghett)"
    # ... or the head of a compound ("Seehafen", "containerhaven", "Containerterminals", "oljehamnen")
    r"|\B(?:hafen|haven|hamn|terminal|fabrik|fabriek)"
    r"|港 口|港 区|港 區|港 湾|码 头|碼 頭|埠 頭|空 港|机 场|機 場|工 場|工 厂|工 廠|항 만|항 구|부 두|공 항|공 장|터 미 널"
    r"|ターミナル|コンテナ"
)

#: Words for a port's or an airport's own workers and parts: with them, a city names
#: its port or airport ("Hafenarbeiter in Hamburg haben ... die Containerterminals
#: lahmgelegt", "dockers in Antwerp", "estibadores de Valencia", "Flughafen München"
#: written "in München ... Flughafen"), and a site-specific type there is not capped
#: as a place (:data:`SITE_TYPES`). Folded; the node must be within :data:`CITY_SITE_KM`.
CITY_SITE_WORDS = {
    "port": re.compile(
        r"\b(?:dock(?:er|ers|worker|workers)|longshore\w*|port workers?|hafenarbeiter\w*|containerterminal\w*"
        r"|hafen\w*|estibador\w*|portuari\w*|portuali|dockers?|havenarbeider\w*|havenpersoneel|dokerz\w*"
        r"|hamnarbetar\w*|stuwadoor\w*|container terminals?|terminal(?:s|e|i|es)? (?:de )?contene\w*"
        r"|port|porto|puerto|haven|hamn|porcie|portu)\b"
        # CJK (folded with a space between characters): 港湾/码头/埠頭/항만/부두/컨테이너
        r"|港 口|港 区|港 區|港 湾|主 要 港|码 头|碼 頭|埠 頭|항 만|항 구|부 두|컨 테 이 너|コンテナ"
    ),
    "hub": re.compile(
        r"\b(?:airport|flughafen\w*|lotnisk\w*|aeroport\w*|aeropuerto\w*|luchthaven\w*|flygplats\w*"
        r"|ground staff|bodenpersonal|personnel au sol|personale di terra|personal de tierra|grondpersoneel"
        r"|air traffic control\w*|fluglotsen|controleurs aeriens|controllori di volo|controladores aereos)\b"
        r"|空 港|机 场|機 場|공 항"
    ),
}
CITY_SITE_KM = 25.0


def _airport(name: str, provides: Iterable[str]) -> bool:
    """Is a hub node an airport (its name, or an air capability: "air-cargo-hub")?
    Hubs are also data centres and trade fairs, which airport words do not name."""
    return any(p.startswith("air") for p in provides) or bool(CITY_SITE_WORDS["hub"].search(fold(name).norm))


#: A city named as the province around it ("drone attacks in the Odesa region", "la región
#: de Odesa", "região de Odessa", "Odesa oblast") is a wide area, not the city's port or
#: plant: a place mention there is partial (:data:`PARTIAL_FACTOR`). Folded.
_REGION_WORDS = (
    r"(?:region|regions|oblast|province|prefecture|governorate|area|region|regiao|provincia|regione|comarca"
    r"|obwod|obwodu|obwodzie|oblasti|gebiet|umland)"
)
_REGION_AFTER = re.compile(r"\s+" + _REGION_WORDS + r"\b")
_REGION_BEFORE = re.compile(r"\b" + _REGION_WORDS + r"(?:\s+(?:of|de|da|do|di|del|della|du|von))?\s+$")


def _as_province(norm: str, start: int, end: int) -> bool:
    """Is the place at ``norm[start:end]`` named with a region word ("the Odesa region",
    "la provincia de Jaén", "Odesa oblast")? Folded."""
    return bool(_REGION_AFTER.match(norm, end)) or bool(_REGION_BEFORE.search(norm, max(0, start - 30), start))
#: ... except a cut of the power grid, which is regional ("Omfattande strömavbrott i Luleå").
_GRID = re.compile(
    r"power|electric|blackout|black out|strom|courant|corrente|luce|luz|apagon|stroom|prad|\bel\b|elavbrott|ström"
)
#: Node kinds a type cannot befall: a canal or strait is blocked, never insolvent;
#: a commodity is restricted or short, it does not go on strike.
KIND_MISFITS = {
    "chokepoint": frozenset({"insolvency", "strike", "cyberattack"}),
    "route": frozenset({"insolvency"}),
    "region": frozenset({"insolvency", "cyberattack", "accident"}),
    "material": frozenset({"insolvency", "cyberattack"}),
    # (not "port" or "hub": a port or airport is run by a company that can go insolvent,
    # e.g. Luka Koper d.d. or Frankfurt-Hahn in 2021, and its terminal operators can too)
}
#: An insolvency term with another firm's name on it ("Lordstown Motors bankruptcy blames
#: Foxconn", "Bankrupt Bed Bath & Beyond seeks $300 million from MSC", "the insolvency of
#: Galeria", "la faillite de Camaïeu", "upadłość Getin Banku") is that firm's: a node named
#: beside it is its creditor, customer or rival, so the term's insolvency pairs are
#: multiplied by :data:`CANCEL_FACTOR`. The name is capitalised words no node alias covers.
_FIRM = r"[A-ZÀ-ÖØ-Þ][\w&.'’\-]*(?:\s+(?:&\s+)?[A-ZÀ-ÖØ-Þ][\w&.'’\-]*)*"
_FIRM_AFTER = re.compile(
    r"\s+(?:of|von|der|des|du|de|de la|d'|di|del|della|dello|van|het|do|da|dos)\s+(?:the\s+)?(" + _FIRM + ")"
)
_FIRM_AFTER_ADJ = re.compile(r"\s+(" + _FIRM + ")")  # "Bankrupt Bed Bath & Beyond", "insolvent Evergrande"
_FIRM_BEFORE = re.compile("(" + _FIRM + r")(?:'s|’s|')?\s+$")
#: The last word of a firm's name ("Lordstown Motors", "Wirecard AG", "Hanjin Shipping").
_CORPORATE = re.compile(
    r"\b(?:Motors|Inc|Corp|Corporation|Group|Holdings?|Airlines|Airways|Bank|AG|GmbH|SE|SA|S\.A|Ltd|LLC|plc|PLC|NV|BV"
    r"|SpA|S\.p\.A|Co|Company|Shipping|Lines|Logistics|Energy|Steel|Technologies|Systems|Partners|Capital|Brands"
    r"|Retail|Stores|Pharma|Solar|Textil|Werke|Werft)\.?$"
)
#: A business that stands at a node ("hotels owned by X in Versailles, the Charles de Gaulle
#: airport and Bordeaux have been placed in receivership", "Flughafen-Restaurants am BER
#: insolvent", "les boutiques de l'aéroport d'Orly en redressement", "sklepy na lotnisku"):
#: the node is the address of the insolvent tenant, not the insolvent one, so the insolvency
#: pair is multiplied by :data:`CANCEL_FACTOR`. Folded text right before the node's mention:
#: a tenant noun, at most 60 characters, a locative preposition, then the list of places the
#: node stands in ("in A, the B and C").
_TENANT_AT = re.compile(
    r"\b(?:hotels?|restaurants?|shops?|stores?|boutiques?|retailers?|caterers?|cafes?|bars?|outlets?|kiosks?"
    r"|hotel(?:s|es|i)?|geschaft\w*|laden|gaststatt\w*|magasins?|commerces?|tiendas?|negozi|alberghi|lojas?|hoteis"
    r"|winkels?|restauracj\w*|sklep\w*|hotel\w*)\b[^.;:]{0,60}?"
    r"\b(?:in|at|near|am|im|bei|a|au|de|d|en|em|no|na|nel|nell|presso|op|bij|w|we|przy|na)"
    r"\s+(?:[^ ,.;]+(?:\s+[^ ,.;]+){0,3}\s+(?:and|und|et|e|y|en|i|oraz)?\s*)*(?:the|l|le|la|el|o|der|dem|het|de)?\s*$"
)
#: The same in Chinese, Japanese and Korean, which write no capitals: a firm's name ends in
#: a word for its trade ("한진해운 법정관리", "대우조선해양 파산", "恒大集团破产", "日本航空の経営破綻",
#: "ダイエーホールディングスの倒産"), right before the insolvency term or joined to it by the
#: genitive particle (의, の, 的).
_CJK_FIRM_BEFORE = re.compile(
    r"([^\s、，,。「」『』()（）]{0,12}(?:해운|상선|그룹|건설|조선|중공업|조선해양|전자|자동차|항공|물산|산업|화학|제철|로지스틱스"
    r"|海運|汽船|郵船|商船|ホールディングス|グループ|工業|電機|電器|自動車|航空|建設|造船|製鉄|集团|集團|航运|航運|海运|海運|公司|控股"
    r"|地产|地產|汽车|汽車|钢铁|鋼鐵))(?:의|の|的)?\s*$"
)
#: Languages whose genitive needs no preposition: "upadłość Getin Banku", "bankrot Mostostalu".
GENITIVE_LANGS = frozenset({"pl", "cs", "sk", "sl", "hr", "bg", "lt", "lv", "et", "fi", "hu", "ro", "el"})
#: Adjectives of the insolvency type that name the firm right after them.
_INSOLVENT_ADJ = re.compile(r"(?i)^(?:bankrupt|insolvent|collapsed|failed|pleite|insolventen?|failli|fallit[oa])$")
#: Capitalised words that are no firm name: headline words, courts, procedures.
_NOT_FIRM = frozenset(
    "a an the its his her their for of in into to on at as by from with and or files file filed filing seeks seek "
    "enters enter faces face nears near avoids avoid declares declare after amid over under amid files "
    "court courts judge judges protection law code chapter proceedings proceeding filing trustee administrator "
    "administration creditors creditor estate plan petition case cases risk fears fear threat wave "
    "die der das den dem des ein eine nach vor wegen droht drohende gericht verfahren antrag "
    "la le les un une du de des pour apres tribunal procedure el los las una tras por juzgado concurso "
    "il lo gli i per dopo tribunale procedura het een voor na rechtbank po przed sad sadu wniosek "
    # generic words for a firm ("die Insolvenz des Unternehmens", "la faillite du groupe")
    "company firm group unternehmens unternehmen konzerns konzern firma firmy spolki spolka reederei werft gruppe "
    "societe entreprise groupe empresa compania grupo societa azienda gruppo bedrijf onderneming rederij".split()
)
#: Words right after a company's name that make it another business of the brand:
#: its cruise line ("MSC cruise that rerouted", "Hapag-Lloyd Cruises", "MSC Crociere"),
#: its charitable foundation ("Ford Foundation", "Bosch-Stiftung") or a venue named
#: after it ("Volkswagen Arena", "Allianz Stadion"). Such a mention is not the node.
BRAND_ELSEWHERE_AFTER = (
    "cruise", "cruises", "cruise line", "cruise ship", "kreuzfahrt*", "croisiere*", "crociera", "crociere",
    "crucero*", "cruzeiro*", "cruiseschip*", "cruisemaatschappij", "kryssning*", "wycieczkowiec*", "statek wycieczkowy",
    "foundation", "stiftung", "fondation", "fundacion", "fundacao", "fondazione", "stichting", "fundacja", "fundacji",
    "arena", "stadium", "stadion", "stade", "stadio", "estadio",
)
_BRAND_ELSEWHERE = re.compile(
    r"\s*(?:-\s*)?(?:"
    + "|".join(
        sorted((re.escape(w.rstrip("*")) + (r"\w*" if w.endswith("*") else r"\b") for w in BRAND_ELSEWHERE_AFTER),
               key=len, reverse=True)
    )
    + ")"
)
#: A sports club named after its city ("Valencia CF", "Genoa CFC", "Santos FC", "名古屋グランパス",
#: "AC Milan", "Real Valladolid", "Sporting Lisboa") is no place nor port: a mention right
#: before a club's suffix or right after a club's prefix (folded) is dropped, as a node and
#: as a place. (Words that are also English words, "as", "us", "if", are left out.)
_CLUB_AFTER = re.compile(
    r"\s*(?:-\s*)?(?:fc|cf|cfc|afc|calcio|futbol club|futebol clube|football club|グランパス)(?:\b|(?=\s)|$)"
)
_CLUB_BEFORE = re.compile(
    r"(?:^|\s)(?:fc|ac|ss|ssc|cf|cd|ud|sc|afc|real|atletico|sporting|olympique|vfb|vfl|tsv|club atletico)\s+$"
)


def _club(norm: str, start: int, end: int) -> bool:
    """Is the mention at folded ``[start, end)`` part of a sports club's name?"""
    return bool(_CLUB_AFTER.match(norm, end)) or bool(_CLUB_BEFORE.search(norm, max(0, start - 20), start))


#: A dateline opens the text ("SINGAPORE, Aug 18 (Reuters) -", "BERLIN (dpa) -",
#: "Kiew – ", "DUBAI: "): it names where the story was filed, not where the
#: event happened, so node and place mentions inside it are ignored.
_DATELINE = re.compile(
    r"\A\s*(?:"
    # CAPS city, optional date, optional agency, dash or colon
    r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’\- ]{1,30}(?:/[A-ZÀ-ÖØ-Þa-z .]+)?(?:,\s*[\w .]{1,30}?)?\s*(?:\([\w .&/-]{1,25}\))?\s*[-–—:]{1,2}\s"
    r"|"
    # Title-case place (up to three words), optional date, optional agency, then a dash
    r"[A-ZÀ-ÖØ-Þ][\w.'’\-]*(?: [A-ZÀ-ÖØ-Þ(][\w.'’\-)]*){0,2}(?:,\s*[\w .]{1,30}?)?\s*(?:\([\w .&/-]{1,25}\))?\s+[-–—]{1,2}\s"
    r"|"
    # Spanish and Portuguese agencies: "Buenos Aires, 12 mar (EFE).-", "Rosario (Télam).-"
    r"[A-ZÀ-ÖØ-Þ][\w.'’\-]*(?: [\w.'’\-]+){0,3}(?:,\s*[\w .]{1,30}?)?\s*"
    r"\((?:EFE|T[ée]lam|Europa Press|EUROPA PRESS|AFP|AP|Reuters|ANSA|Lusa|Xinhua|NA|dpa|DPA|Servimedia|Sputnik"
    r"|Ag[eê]ncia Brasil|Estad[aã]o Conte[uú]do)\)\s*\.\s*[-–—]{1,2}\s*"
    r"|"
    # Japanese: "【ロンドン共同】", "【ワシントン時事】", "［東京　１８日　ロイター］"
    r"\s*(?:【[^】\n]{1,20}】|[［\[][^］\]\n]{1,30}[］\]])\s*[-–—]?\s*"
    r"|"
    # translated wire copy: "ラス・ラファン:カタールの国営エネルギー大手は…" (a katakana place and a colon
    # before a long sentence; a short "スエズ運河：通航再開" headline names its subject, not a dateline)
    r"[\u30A0-\u30FF・ー]{2,15}\s*[:：]\s*(?=[^\n]{40})"
    r"|"
    # Korean: "(부산=연합뉴스) 김철수 기자 =" ; Chinese: "新华社北京5月1日电", "（中央社記者王小明台北1日電）"
    r"[(（][^()（）=\n]{1,15}=[^()（）\n]{1,15}[)）](?:\s*[^=\n]{1,25}\s*기자\s*=)?\s*"
    r"|(?:新华社|新華社|中新社|中新网|中新網)[^电電\n]{1,20}[电電]\s*"
    r"|[(（]中央社[^()（）\n]{1,30}[电電][)）]\s*"
    r")"
)


def _firm_name(name: str, nodes: Iterable[Hit], at: int, trailing: bool) -> tuple[int, int] | None:
    """``(start, end)`` of the firm in ``name`` (which starts at offset ``at``) once headline
    and generic words are trimmed (from the end when ``trailing``, else from the start), or
    ``None`` when nothing is left or a node's mention covers it."""
    words = list(re.finditer(r"\S+", name))
    keep: list[re.Match[str]] = []
    for w in reversed(words) if trailing else words:
        if " ".join(fold(w.group()).norm.split()) in _NOT_FIRM:
            break
        keep.append(w)
    if not keep:
        return None
    first, last = (keep[-1], keep[0]) if trailing else (keep[0], keep[-1])
    start, end = at + first.start(), at + last.end()
    if any(n.ostart < end and start < n.oend for n in nodes):
        return None  # the node itself: "Bankrupt Hanjin", "Hanjin's bankruptcy"
    return start, end


def _other_firm(s: _Sentence, term: Hit) -> tuple[int, int] | None:
    """Where the sentence names another firm as the insolvent one, right beside the
    insolvency term ("Lordstown Motors bankruptcy", "Bankrupt Bed Bath & Beyond", "the
    insolvency of Galeria"), or ``None``; a node's own name there is no other firm."""
    src, (a, b) = s.source, s.bounds
    end = min(b, len(src))
    if has_cjk(src[term.ostart : term.oend]):
        c = _CJK_FIRM_BEFORE.search(src, a, term.ostart)
        if c is None or any(n.ostart < c.end(1) and c.start(1) < n.oend for n in s.nodes):
            return None  # none, or the node's own name: "부산항 법정관리"
        return c.start(1), c.end(1)
    m = _FIRM_AFTER.match(src, term.oend, end)
    if m is None and (_INSOLVENT_ADJ.match(src[term.ostart : term.oend]) or s.lang in GENITIVE_LANGS):
        m = _FIRM_AFTER_ADJ.match(src, term.oend, end)
    if m is not None:
        found = _firm_name(m.group(1), s.nodes, m.start(1), trailing=False)
        if found is not None:
            return found
    m = _FIRM_BEFORE.search(src, a, term.ostart)
    if m is None:
        return None
    possessive = m.group(0).rstrip().endswith(("'s", "’s", "'"))
    words = re.findall(r"[^\W\d_]{4,}", src[a:end])
    title_case = bool(words) and sum(w[0].isupper() for w in words) > 0.6 * len(words)
    found = _firm_name(m.group(1), s.nodes, m.start(1), trailing=True)
    if found is None:
        return None
    # before the term, a firm must say it is one ("Lordstown Motors bankruptcy"): "US
    # bankruptcy protection", "German insolvency law" name a jurisdiction
    corporate = _CORPORATE.search(src[found[0] : found[1]]) is not None
    if possessive or (corporate and not title_case):
        return found
    return None


def _norm_index(folded: Folded, i: int) -> int:
    """Where original index ``i`` of ``folded.text`` falls in ``folded.norm`` (the first
    folded character from ``i`` on): the inverse of :meth:`Folded.span`."""
    if folded.starts is not None:
        return bisect.bisect_left(folded.starts, i)
    exps = folded.expansions
    if not exps:
        return i
    k = bisect.bisect_left([orig for _, orig, _ in exps], i)
    if k == 0:
        return i
    fstart, orig, length = exps[k - 1]
    return fstart + length + (i - orig - 1)


def _node_ids(hits: Iterable[Hit]) -> tuple[str, ...]:
    """The distinct node ids of gazetteer hits, sorted."""
    return tuple(sorted({e.ref for h in hits for e in h.entries}))


def dateline_end(text: str) -> int:
    """Length of the dateline that opens ``text`` (0 when there is none)."""
    m = _DATELINE.match(text)
    return m.end() if m else 0


def _cue_regex(cues: Iterable[str]) -> re.Pattern[str]:
    parts = []
    for c in cues:
        stem = re.escape(" ".join(fold(c.rstrip("*")).norm.split()))
        parts.append(stem + (r"\w*" if c.endswith("*") else r"\b"))
    return re.compile(r"\b(?:" + "|".join(sorted(set(parts), key=len, reverse=True)) + ")")


_MILITARY = _cue_regex(MILITARY_CUES)
_LABOUR = _cue_regex(LABOUR_CUES)
_COMMENTARY = re.compile("|".join(COMMENTARY_TITLES))
#: Right before a market phrase: it is the cause of what the headline reports, not a market
#: report ("smelter cuts output on power price surge", "... amid gas price jump"). Folded.
_CAUSE_BEFORE = re.compile(r"\b(?:on|after|amid|over|due +to|because +of|following)(?: +the| +a| +an)?(?: +\S+){0,2} +$")
_COMMENTARY_OF = {
    lang: re.compile("|".join(dict.fromkeys((*COMMENTARY_BY_LANGUAGE["en"], *patterns))))
    for lang, patterns in COMMENTARY_BY_LANGUAGE.items()
}
#: Words one of which every commentary title contains: the regular expressions run only then.
_COMMENTARY_WORDS = frozenset(
    form
    for pattern in COMMENTARY_TITLES
    for w in re.findall(r"[a-z][a-z0-9]+", re.sub(r"\\[bsw]", " ", pattern))
    for form in (w, w[:-1] if w.endswith("s") else w)  # "prices?": "price" too
)


class _Lex(NamedTuple):
    """The lexicon's hits in one item: terms (overlaps resolved), cancelling and recovery
    phrases, and the phrases that are terms only next to a closable node's name (``at_node``)."""

    terms: list[Hit]
    cancels: list[Hit]
    recoveries: list[Hit]
    at_node: list[Hit]


@dataclass(slots=True)
class _Frame:
    """What the title says about the whole item."""

    question: bool = False  # "What if the Suez Canal closed again?"
    commentary: Span | None = None  # "Oil steadies as investors weigh the standoff"


class Tagger:
    """Tags text against one graph version with one lexicon.

    ``places``: ``None`` uses the shared offline place index (built on first
    use, a few seconds once per process), ``False`` switches place tagging
    off, or pass a :class:`PlaceIndex`. ``exonyms``: give nodes the other-language
    names of the places they name (``graphs/data/exonyms.yaml``); ``None`` follows
    ``MONITOR_EXONYMS`` (on unless ``off``). ``model``: the text model asked about a node
    no rule raised (:mod:`graphs._textmodel`); ``None`` uses the packaged one, ``False``
    switches it off.
    """

    def __init__(
        self,
        chain: ValueChain,
        lexicon: Lexicon | None = None,
        *,
        places: PlaceIndex | bool | None = None,
        exonyms: bool | None = None,
        model: TextModel | bool | None = None,
    ) -> None:
        self.chain = chain
        #: the text model asked beside the rules (``None``: the packaged one, read on first use; ``False``: off)
        self._model_opt = model
        with paused_gc():  # hundreds of thousands of small objects, no cycles (see paused_gc)
            self.lexicon = lexicon or load_lexicon()
            self.gazetteer = Gazetteer.cached(chain, self.lexicon.heads(), exonyms=exonyms)
            self.terms = self.lexicon.matcher
        self._places_opt = places
        self._places: PlaceIndex | None = places if isinstance(places, PlaceIndex) else None
        self._places_lock = threading.Lock()
        self.locator = NodeLocator(chain)
        self.languages = self.lexicon.languages
        self._langid: LanguageIdentifier | None = None  # built on first use
        #: nodes an ``at_node`` phrase can close (:meth:`_bind`): chokepoints, routes, ports and
        #: airports; plants close for good and fairs close their doors, not by these words
        self._closable = frozenset(
            n.id for n in chain.nodes.values()
            if n.kind in CLOSABLE_KINDS or (n.kind == "hub" and _airport(n.name, n.provides))
        )
        self._place_types = frozenset(
            name for name, t in self.lexicon.types.items() if t.radius_km > 0 or t.country
        )

    @property
    def version(self) -> str:
        return self.chain.version

    def warm(self) -> Tagger:
        """Build the lazily built parts now (place index, language model): call
        before timing or before serving, so the first item does not pay for them."""
        self.places()
        self.detect_language("warm up")
        return self

    # -- helpers -----------------------------------------------------------

    def places(self) -> PlaceIndex | None:
        """The place index in use (``None`` when switched off)."""
        if self._places_opt is False:
            return None
        if self._places is None:
            with self._places_lock:
                if self._places is None:
                    # one index per process; places that overlap a term are dropped per item
                    self._places = default_places()
        return self._places

    def model(self) -> TextModel | None:
        """The text model in use (``None``: switched off or none packaged)."""
        if self._model_opt is False:
            return None
        if isinstance(self._model_opt, TextModel):
            return self._model_opt
        return default_model()

    def detect_language(self, text: str) -> str | None:
        """Best guess among the lexicon's languages (py3langid), or ``None``."""
        if not text.strip():
            return None
        if self._langid is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
            ident.set_languages(sorted(self.languages))
            self._langid = ident
        return self._langid.classify(text)[0]

    def language_of(self, title: str, text: str, language: str | None) -> str | None:
        """The language whose phrases apply; ``None`` means all languages."""
        lang = base_language(language)
        if lang is None:
            lang = self.detect_language(f"{title}\n{text[:1000]}")
        if lang not in self.languages:
            return None  # unknown language: every language's phrases apply
        return lang

    def _lex(self, folded: Folded, lang: str | None) -> _Lex:
        """Terms (overlaps resolved), cancelling and recovery phrases."""
        terms: list[Hit] = []
        cancels: list[Hit] = []
        recoveries: list[Hit] = []
        ended: list[Hit] = []
        at_node: list[Hit] = []
        buckets = {"term": terms, "cancel": cancels, "recovery": recoveries, "ended": ended, "at_node": at_node}
        for hit in self.terms.find(folded, lang):
            entries = hit.entries
            kind = entries[0].kind
            if all(e.kind == kind for e in entries):  # one kind (most hits): its bucket, no sorting out
                if kind == "term":
                    terms.append(hit)
                elif kind in buckets:
                    buckets[kind].append(Hit(hit.start, hit.end, hit.ostart, hit.oend, list(entries)))
                continue
            for kind, bucket in buckets.items():
                picked = [e for e in entries if e.kind == kind]
                if picked:
                    bucket.append(Hit(hit.start, hit.end, hit.ostart, hit.oend, picked))
        terms = [
            t for t in resolve_longest(terms)
            if not _hypothetical_closure(t, folded.norm) and not _negated_term(t, folded.norm)
        ]
        if recoveries and terms:
            recoveries = [r for r in recoveries if not _inside_term(r, terms)]
        if recoveries:
            # "8/30から順次再開", "尚未恢复生产", "has yet to resume": still disrupted; a negated
            # recovery of one type ("will probably not be restored for months") reports it going on
            norm = folded.norm
            negated = [
                r for r in recoveries
                if NOT_YET_BEFORE.search(norm[max(0, r.start - 16) : r.start].replace(" ", ""))
                or (lang is None or base_language(lang) == "en")
                and _CONDITION_BEFORE.search(norm, max(0, r.start - 60), r.start) is not None
            ]
            if negated:
                recoveries = [r for r in recoveries if r not in negated]
                going_on = [
                    Hit(r.start, r.end, r.ostart, r.oend, [Entry(kind="term", ref=e.ref) for e in r.entries if e.ref != "*"])
                    for r in negated
                    if NEGATED_BEFORE.search(norm[max(0, r.start - 16) : r.start].replace(" ", ""))
                ]
                terms = resolve_longest(terms + [h for h in going_on if h.entries])
        if ended:
            # "Fin du blocage", "Ende des Streiks": the term right after the
            # phrase names a disruption that is over -> a recovery of its types
            for t in terms:
                if any(0 <= t.start - m.end <= 1 for m in ended):
                    m = next(m for m in ended if 0 <= t.start - m.end <= 1)
                    entries = [Entry(kind="recovery", ref=d) for d in _term_types(t)]
                    recoveries.append(Hit(m.start, t.end, m.ostart, t.oend, entries))
        return _Lex(terms, cancels, recoveries, at_node)

    def _dateline(self, folded: Folded, title_len: int) -> tuple[int, int]:
        """Where the dateline of the text stands ("SINGAPORE, Aug 18 (Reuters) -"), or (0, 0)."""
        source = folded.text
        text_at = title_len + len(SEP) if title_len else 0
        return (text_at, text_at + dateline_end(source[text_at:])) if len(source) > text_at else (0, 0)

    def _named(self, folded: Folded, lang: str | None, title_len: int) -> list[Hit]:
        """The node mentions of an item, less those in its dateline and other businesses of a brand."""
        nodes = self.gazetteer.find(folded, lang)
        if not nodes:
            return nodes
        # "SINGAPORE, Aug 18 (Reuters) -": where the story was filed, not where it happened
        dateline = self._dateline(folded, title_len)
        if dateline[1] > dateline[0]:
            nodes = [n for n in nodes if not dateline[0] <= n.ostart < dateline[1]]
        # "MSC cruise", "Ford Foundation", "Volkswagen Arena": another business of the brand
        nodes = [n for n in nodes if not _BRAND_ELSEWHERE.match(folded.norm, n.end)]
        # "Valencia CF", "AC Milan": a club named after the city
        return [n for n in nodes if not _club(folded.norm, n.start, n.end)]

    def _sentences(self, folded: Folded, lex: _Lex, lang: str | None, title_len: int,
                   nodes: list[Hit] | None = None) -> list[_Sentence]:
        """Hits of the joined title and text, grouped by sentence (``nodes``: :meth:`_named`'s, if known).

        An alias wins over a term that overlaps it, except a term around the whole alias, one
        that begins in the alias's last words and goes on ("Pernis refinery shut"), and one
        that ends in the first words of an alias naming a facility by its kind (:data:`_KIND_WORDS`:
        "Rusia bombardea los puertos de Odesa", "attack on the Port of Odesa"): the verb with
        its object, the object being the name's head."""
        source = folded.text
        terms, cancels, recoveries, _ = lex
        dateline = self._dateline(folded, title_len)
        if nodes is None:
            nodes = self._named(folded, lang, title_len)
        # an alias wins over a term inside it ("Brandenburg", "Storm Logistics")
        if nodes and terms:
            # (a two-part mention spans the words between its halves: those stay terms)
            solid = [n for n in nodes if n.entries[0].data != "two-part"]
            # (a term that spans a whole alias with its wildcards stays: "Ruch w korytarzu
            # zbożowym został wstrzymany" names the corridor and a blockage)
            # ("喜望峰回り", "紅海を回避", "희망봉으로 우회": a term longer than the alias it starts with stays too)
            # (and one that begins with the alias's last words and goes on past it: "Pernis refinery
            # shut", "IJmuiden blast furnace offline" - the facility word is the name's and the term's)
            # (and, the mirror of that, one that ends in the first words of an alias naming a facility by
            # its kind, its object: "Rusia bombardea los puertos de Odesa", "atacou ... a infraestrutura
            # portuária da região de Odessa", "attack on the Port of Odesa" - the verb is the term's, the
            # facility word both's; not a place's name: "Protest na granicy z Ukrainą")
            terms = [
                t for t in terms
                if not any(
                    t.overlaps(n)
                    and not (t.start <= n.start and n.end <= t.end and t.end - t.start > n.end - n.start)
                    and not (n.start < t.start < n.end < t.end)
                    and not (t.start < n.start < t.end < n.end and _KIND_WORDS.search(folded.norm, n.start, n.end))
                    for n in solid
                )
            ]
        # a longer term around a cancelling word is the lexicon's own reading of it: "novel
        # coronavirus outbreak" is no "novel" (a book), so the word cancels nothing here
        cancels = [
            c for c in cancels
            if not any(t.start <= c.start and c.end <= t.end and t.end - t.start > c.end - c.start for t in terms)
            and not _misread_cancel(c, folded.norm)
        ]
        framing = [
            Hit(c.start, c.end, c.ostart, c.oend, list(c.entries)) for c in cancels if c.ostart < title_len
        ]
        # a cancelling phrase over a term removes that term ("strike price")
        if cancels and terms:
            kept = []
            for t in terms:
                types = set(_term_types(t))
                killers = [
                    c for c in cancels if c.overlaps(t) and any(e.ref == "*" or e.ref in types for e in c.entries)
                ]
                if killers:
                    # the phrase has done its work; it does not also cancel the sentence
                    for c in killers:
                        c.entries = [e for e in c.entries if e.ref not in types and e.ref != "*"]
                    continue
                kept.append(t)
            terms = kept
            # a phrase that has done its work stays, emptied, in its sentence: the rules have
            # read that word and decided ("ロシアの侵攻が続くウクライナ"), so the text model is not
            # asked there (:meth:`_model_questions`); with no entries it cancels nothing
        place_hits: list[Hit] = []
        weak: list[Hit] = []  # cities named without a locative cue (:data:`CITY_SITE_WORDS`)
        city_nodes: set[tuple[int, int]] = set()
        if terms:
            index = self.places()
            if index is not None:
                for p in index.find(folded, lang):
                    if dateline[0] <= p.ostart < dateline[1] or _club(folded.norm, p.start, p.end):
                        continue
                    if any(index.places[e.ref].kind == "city" for e in p.entries):
                        # a node named by its city: "Rotterdam", "Gdańsku" (an ending of a few letters)
                        # ("上海港", "부산항" are the port: no CJK character may follow the city)
                        city_nodes.update(
                            (n.start, n.end) for n in nodes if p.start <= n.start and 0 <= n.end - p.end <= 3
                            and not has_cjk(folded.norm[p.end : n.end])
                        )
                    if any(p.overlaps(n) for n in nodes) or any(p.overlaps(t) for t in terms):
                        continue
                    # a term touching the place ("Ibaraki earthquake"), or one word before it
                    # ("quake jolts Hsinchu", "Skyfall dränker Göteborg"): the place is where it struck
                    touching = any(
                        0 <= t.start - p.end <= 1
                        or (0 <= p.start - t.end and len(folded.norm[t.end : p.start].split()) <= 1)
                        for t in terms
                    )
                    # a city named as its province ("la provincia de Jaén") is a place, not a name
                    # a city named as its province ("la provincia de Jaén") is a place, not a name
                    if touching or _as_province(folded.norm, p.start, p.end) or index.has_cue(folded, p, lang):
                        place_hits.append(p)
                    elif self._is_city(p):
                        # "Rotterdam Slows as Dockworkers Walk Out", "Europe's largest sea port,
                        # Rotterdam, began a strike": no cue, but kept for the city's own port or
                        # airport when the sentence has its words (checked per sentence below)
                        weak.append(p)
                        place_hits.append(p)

        # sentence starts in ``source``: the title is one sentence
        text_offset = title_len + len(SEP)
        sentences: list[_Sentence] = []
        starts: list[int] = []
        if title_len:
            sentences.append(_Sentence("title", 0, source, 0, folded.norm, lang=lang))
            starts.append(0)
        if len(source) > title_len:
            offset = text_offset if title_len else 0
            for i, st in enumerate(sentence_starts(source[offset:])):
                sentences.append(_Sentence("text", i, source, offset, folded.norm, lang=lang))
                starts.append(offset + st)

        def put(hits: Iterable[Hit], attr: str) -> None:
            for h in hits:
                i = bisect.bisect_right(starts, h.ostart) - 1
                getattr(sentences[max(0, i)], attr).append(h)

        put(nodes, "nodes")
        put(terms, "terms")
        put(cancels, "cancels")
        put(recoveries, "recoveries")
        put(place_hits, "places")
        for sent in sentences:
            sent.city_nodes = city_nodes
            if weak and sent.places:
                sent.weak = {(h.start, h.end) for h in sent.places if h in weak}
        for i, sent in enumerate(sentences):
            end = starts[i + 1] if i + 1 < len(starts) else len(source)
            sent.bounds = (starts[i], min(end, title_len) if sent.field == "title" else end)
            sent.nbounds = (_norm_index(folded, sent.bounds[0]), _norm_index(folded, sent.bounds[1]))
        if title_len:
            sentences[0].framing = framing
            for sent in sentences[1:]:
                sent.frame = sentences[0]
                # the lead frames the headline too: "Studio X disaster blockbuster 'The Flood'"
                # + "The film, shot in ...": a global cancelling phrase of the lead cancels title pairs
                if sent.field == "text" and sent.index < LEAD_SENTENCES:
                    for c in sent.cancels:
                        if any(e.ref == "*" for e in c.entries):
                            sentences[0].lead_frames.append((c, sent))
        return sentences

    def _bind(self, lex: _Lex, norm: str, nodes: list[Hit]) -> _Lex:
        """``lex`` with its ``at_node`` phrases placed next to a closable node's name made terms
        (the others dropped; :mod:`graphs.lexicon` describes the placement): "closes (the) @"
        ending where the name starts, "@ closed" starting where it ends - unless a determiner
        or a number follows ("Port of Antwerp closed the year with ...", "closed 2023") - and
        neither after a threat, a wish or a condition ("threatens to close", "could close",
        "if Iran closed")."""
        if not lex.at_node:
            return lex
        closable = [n for n in nodes if any(e.ref in self._closable for e in n.entries)]
        bound: list[Hit] = []
        for h in lex.at_node:
            if not closable or _NOT_DONE_BEFORE.search(norm, max(0, h.start - 40), h.start):
                continue
            refs = [e.ref for e in h.entries if self._placed(e.data, h, norm, closable)]
            if refs:
                bound.append(Hit(h.start, h.end, h.ostart, h.oend, [Entry(kind="term", ref=r) for r in dict.fromkeys(refs)]))
        terms = lex.terms
        if bound:
            # a longer term across the name ("airport closed after" in "Frankfurt Airport closed
            # after ...") would win here and then lose to the name: the placed phrase stays
            terms = [
                t for t in terms
                if not any(t.overlaps(b) for b in bound)
                or not any(t.overlaps(n) and not (t.start <= n.start and n.end <= t.end) for n in closable)
            ]
            terms = resolve_longest(terms + bound)
        return _Lex(terms, lex.cancels, lex.recoveries, [])

    @staticmethod
    def _placed(where: AtNode, h: Hit, norm: str, nodes: list[Hit]) -> bool:
        """Does the ``at_node`` phrase ``h`` stand where ``where`` says, next to one of ``nodes``
        (one space between: a comma or a full stop there ends the clause, "... at the close.
        Strait of Hormuz ...")? After the name, not when an object or a figure follows
        (:data:`_OBJECT_AFTER`), unless the phrase ends in a word that takes it ("cierra por
        la nieve": :data:`_OWN_OBJECT`)."""
        if where.side == "before":
            return any(
                0 <= n.start - h.end <= 1 and not norm[h.end : n.start].strip()
                and (where.follow is None or where.follow.match(norm, n.end) is not None)
                for n in nodes
            )
        last = norm[h.start : h.end].split()[-1]
        if last in _DETERMINERS or (last not in _OWN_OBJECT and _OBJECT_AFTER.match(norm, h.end)):
            return False
        return any(0 <= h.start - n.end <= 1 and not norm[n.end : h.start].strip() for n in nodes)

    # -- tagging -----------------------------------------------------------

    def tag(self, title: str, text: str = "", language: str | None = None) -> list[Event]:
        """Events for one item, best confidence first (see the module docstring)."""
        return self._read(title, text, language, False).events

    def read(self, title: str, text: str = "", language: str | None = None) -> Reading:
        """:meth:`tag`'s events and the nodes the item names, cue or not (one pass over the
        text: the language, folding and node matching are shared). Pure, like :meth:`tag`."""
        return self._read(title, text, language, True)

    def _read(self, title: str, text: str, language: str | None, want_nodes: bool) -> Reading:
        prepared = self._prepare(title, text, language)
        if prepared is None:
            return Reading([])
        title, text, lang, folded, lex = prepared
        # most news reports no disruption: stop before looking for nodes (unless they are asked for)
        if _says_nothing(lex):
            if not want_nodes:
                return Reading([])
            return Reading([], _node_ids(self._named(folded, lang, len(title))))
        named = self._named(folded, lang, len(title))
        nodes = _node_ids(named) if want_nodes else ()
        lex = self._bind(lex, folded.norm, named)
        if _says_nothing(lex):
            return Reading([], nodes)
        sentences = self._read_sentences(folded, lex, lang, len(title), named)
        if not any(s.nodes or s.places for s in sentences):
            return Reading([], nodes)
        frame = self._frame(sentences, title)
        events = self._rule_events(sentences, frame, lang)
        events.update(self._model_events(title, sentences, events, frame))
        return Reading(_order(_causes_first(self._fit(events.values(), frame)), title, text), nodes)

    def _prepare(
        self, title: str, text: str, language: str | None
    ) -> tuple[str, str, str | None, Folded, _Lex] | None:
        """Title and text (blank ones as ""), the language whose phrases apply, the folded
        item and its lexicon hits; ``None`` for an item without words."""
        title = title if title and title.strip() else ""
        text = text if text and text.strip() else ""
        if not title and not text:
            return None
        lang = self.language_of(title, text, language)
        folded = fold(f"{title}{SEP}{text}" if title and text else (title or text))
        return title, text, lang, folded, self._lex(folded, lang)

    def _read_sentences(
        self, folded: Folded, lex: _Lex, lang: str | None, title_len: int, named: list[Hit] | None = None
    ) -> list[_Sentence]:
        """The item's sentences with their hits, verbs marked, word senses resolved and photo
        captions marked (when a node or a place is named at all)."""
        sentences = self._sentences(folded, lex, lang, title_len, named)
        if any(s.nodes or s.places for s in sentences):
            _hit_verbs(sentences)
            self._resolve_senses(sentences)
            _mark_captions(sentences)
        return sentences

    def _rule_events(self, sentences: list[_Sentence], frame: _Frame, lang: str | None) -> dict[tuple[str, str], Event]:
        """The rules' events, before the text model and the kind and commentary checks."""
        pairs: dict[tuple[str, str], list[_Pair]] = {}
        self._direct_pairs(pairs, sentences, frame)
        self._cross_pairs(pairs, sentences, frame)
        events: dict[tuple[str, str], Event] = {}
        for (node_id, dtype), plist in pairs.items():
            if dtype in self.lexicon.types:
                events[(node_id, dtype)] = _site_capped(self._merge(node_id, dtype, plist, "mention"), plist)
        events.update(self._place_events(sentences, events, frame, lang))
        return _recovered_by_title(events, sentences)

    # -- rule steps (each is tested on its own in tests/test_tagger_context.py) --

    def _resolve_senses(self, sentences: list[_Sentence]) -> None:
        """Word sense: a "strike" among military words is a military strike (conflict),
        not a walkout ("drone strike on the refinery", "strikes by Houthi militants",
        "Russia Strikes Danube Port"), unless labour words say otherwise ("workers",
        "union"). The title's or the lead's military words decide for each other."""
        def cues(s: _Sentence) -> tuple[bool, bool]:
            a, b = s.nbounds
            norm = s.norm[a:b]
            return bool(_MILITARY.search(norm)), bool(_LABOUR.search(norm))

        if not any("strike" in _term_types(t) for s in sentences for t in s.terms):
            return
        seen: dict[int, tuple[bool, bool]] = {}

        def cue(s: _Sentence) -> tuple[bool, bool]:
            if id(s) not in seen:
                seen[id(s)] = cues(s)
            return seen[id(s)]

        head = [s for s in sentences if s.field == "title" or s.index < LEAD_SENTENCES]
        in_head = {id(s) for s in head}
        for s in sentences:
            if not any("strike" in _term_types(t) for t in s.terms):
                continue
            military, labour = cue(s)
            if labour:
                continue
            if not military and id(s) in in_head:
                military = any(cue(h)[0] and not cue(h)[1] for h in head)
            if not military:
                continue
            retyped = []
            for t in s.terms:
                if "strike" in _term_types(t) and AMBIGUOUS_STRIKE.search(s.norm[t.start : t.end]):
                    entries = [dataclasses.replace(e, ref="conflict") if e.ref == "strike" else e for e in t.entries]
                    t = Hit(t.start, t.end, t.ostart, t.oend, list({(e.kind, e.ref): e for e in entries}.values()))
                retyped.append(t)
            s.terms = retyped

    def _frame(self, sentences: list[_Sentence], title: str) -> _Frame:
        """The title's frame: a question, or commentary around a disruption (price moves,
        analysis, "what's next for ...", "how the strike could hit earnings")."""
        frame = _Frame(question=bool(_QUESTION.search(title.rstrip())))
        if sentences and sentences[0].field == "title":
            t = sentences[0]
            a, b = t.bounds
            # the headline's first sentence decides: "Russia suspends Ukraine grain deal.
            # Here's what it means ..." reports first and explains after
            first = re.search(r"[.!?]\s", t.source[a:b])
            end = a + first.start() if first else b
            # folded on its own: CJK folding adds spaces, so ``t.norm`` is not aligned with the source
            folded = fold(t.source[a:end])
            head = folded.norm
            words = _COMMENTARY_WORDS.intersection(head.split())
            commentary = _COMMENTARY_OF.get(t.lang or "", _COMMENTARY)
            m = next(
                (x for x in commentary.finditer(head) if not _CAUSE_BEFORE.search(head, 0, x.start())), None
            ) if words or has_cjk(head) else None
            for term in t.terms:
                if "insolvency" in _term_types(term) and t.firm is None:
                    t.firm = _other_firm(t, term)
            if m:
                ms, me = folded.span(m.start(), m.end())
                frame.commentary = Span(
                    "title", a + ms - t.offset, a + me - t.offset, t.source[a + ms : a + me], "cancel", "*"
                )
        return frame

    def _direct_pairs(self, pairs: dict[tuple[str, str], list[_Pair]], sentences: list[_Sentence], frame: _Frame) -> None:
        """Rule 1: a node and a term in one sentence; rule 4: a type's own recovery phrase
        without a term ("Suez Canal refloated")."""
        for s in sentences:
            base = W_TITLE if s.field == "title" else W_TEXT
            for n in s.nodes:
                for t in s.terms:
                    self._pair(pairs, s, n, s, t, base, frame.question)
                for r in s.recoveries:
                    for e in r.entries:
                        if e.ref == "*" or any(e.ref in _term_types(t) for t in s.terms):
                            continue
                        for ne in n.entries:
                            if _origin_misfit(ne, e.ref, True):
                                continue
                            pairs.setdefault((ne.ref, e.ref), []).append(
                                _Pair(
                                    0.9 * base, (s,),
                                    [s.span(n, "node", ne.ref, ne), s.span(r, "recovery", e.ref)],
                                    "", True, s.field == "title",
                                )
                            )

    def _cross_pairs(self, pairs: dict[tuple[str, str], list[_Pair]], sentences: list[_Sentence], frame: _Frame) -> None:
        """Rule 1, cross pairs: the title's node with a lead sentence's term, and the
        title's term with a lead sentence's node."""
        title_s = [s for s in sentences if s.field == "title"]
        lead_s = [s for s in sentences if s.field == "text" and s.index < LEAD_SENTENCES]
        for ts in title_s:
            for ls in lead_s:
                if ls.terms and not ls.nodes and not self._elsewhere(ls):
                    for n in ts.nodes:
                        if self._places_agree(ls, n):
                            for t in ls.terms:
                                self._pair(pairs, ts, n, ls, t, W_CROSS, frame.question)
                # the title's disruption extends to the lead's nodes when the title names none,
                # or when the lead says they are hit too ("Antwerp and Hamburg are also affected")
                if ts.terms and ls.nodes and (not ts.nodes or (not ls.terms and _extends(ls))):
                    for n in ls.nodes:
                        for t in ts.terms:
                            self._pair(pairs, ls, n, ts, t, W_CROSS, frame.question)

    def _place_events(
        self, sentences: list[_Sentence], events: dict[tuple[str, str], Event], frame: _Frame, lang: str | None
    ) -> dict[tuple[str, str], Event]:
        """Rule 5: places near nodes, for types no node is named with. A site-specific
        type (:data:`SITE_TYPES`) found by place alone stays below the alerting threshold."""
        question = frame.question
        direct_types = {dtype for _, dtype in events}
        place_pairs: dict[tuple[str, str], list[_Pair]] = {}
        for s in sentences:
            if not s.places or not s.terms:
                continue
            base = W_TITLE if s.field == "title" else W_TEXT
            for p in s.places:
                # the most specific place wins: "Floods in Saxony ... in Meissen" locates by Meissen
                located = self._narrowed(p, s, sentences) or [(p, s, self._qualified(p, s, lang))]
                for t in s.terms:
                    for dtype in _term_types(t):
                        if dtype in direct_types:
                            continue  # "fire at Nexperia's plant in Hamburg": the place locates the node
                        near: dict[str, tuple[float, float, Span, bool]] = {}
                        for q, qs, partial in located:
                            is_city = self._is_city(q)
                            weak = (q.start, q.end) in qs.weak
                            for node_id, factor, reach in self._near(q, dtype, partial):
                                # "Hafenarbeiter in Hamburg", "dockers in Antwerp": the city's port
                                site = is_city and self._city_site(node_id, q, s, sentences)
                                if weak and not site:
                                    continue  # no cue: the city names only its port or airport
                                city = is_city and not site
                                if site:  # the port is named: its distance from the city centre says nothing
                                    factor, reach = max(factor, PLACE_FACTOR * (PARTIAL_FACTOR if partial else 1.0)), 1.0
                                if node_id not in near or factor > near[node_id][0]:
                                    near[node_id] = (factor, reach, qs.span(q, "place", node_id), city)
                        if not near:
                            continue
                        score0 = base * _closeness(p, t)
                        extra = []
                        c = s.cancelled(dtype)
                        if c is not None:
                            score0 *= CANCEL_FACTOR
                            extra.append(c[1].span(c[0], "cancel", dtype))
                        if question and s.field == "title":
                            score0 *= QUESTION_FACTOR
                        if s.caption:
                            score0 *= CANCEL_FACTOR
                        rec = s.recovered(dtype)
                        if rec is not None:
                            extra.append(s.span(rec, "recovery", dtype))
                        key = s.source[t.ostart : t.oend].casefold()
                        for node_id, (factor, reach, place_span, city) in near.items():
                            if (node_id, dtype) in events:
                                continue  # a direct mention wins
                            spans = [place_span, s.span(t, "term", dtype), *extra]
                            place_pairs.setdefault((node_id, dtype), []).append(
                                _Pair(
                                    score0 * factor, (s,), spans, key, rec is not None, s.field == "title", reach, city
                                )
                            )
        return {key: _site_capped(self._merge(*key, plist, "place"), plist) for key, plist in place_pairs.items()}

    def _model_questions(
        self, title: str, sentences: list[_Sentence], events: dict[tuple[str, str], Event] | None,
        frame: _Frame | None = None,
    ) -> list[ModelQuestion]:
        """What the text model may be asked, a question per node the item names: the node, what
        the item says of it (the title and the sentences naming it, :func:`model_doc`) and
        whether the tagger asks (``asked``). It asks only where the rules had nothing to say: no
        rule raised an event at the node, however weak (a rule that paired a term and lowered it
        — a denial, a past event, a recall, a city named alone — has decided); the item has no
        cancelling or recovery phrase and is no commentary or question; and the node is named in
        the title or is the only node named (the title is part of every node's text). It needs no disruption term in the node's sentences
        — reading phrasings the lexicon lacks is what it is for — but an item without any term
        never gets this far (most news: :meth:`_read` stops early).
        ``events=None``: the rules' events are not known (training: every question is asked)."""
        mentions: dict[str, tuple[Hit, _Sentence, Entry]] = {}
        where: dict[str, set[int]] = {}
        for i, s in enumerate(sentences):
            for hit in s.nodes:
                for entry in hit.entries:
                    # a bare material word with its origin ("terras raras" … "China") reports only a
                    # material's disruptions, its term beside it: the rules decide it, not the model
                    if entry.ref in self.chain.nodes and not isinstance(entry.data, (OriginNamed, Cue)):
                        mentions.setdefault(entry.ref, (hit, s, entry))
                        where.setdefault(entry.ref, set()).add(i)
        if not mentions:
            return []
        quiet = not (frame and (frame.commentary or frame.question)) and not any(
            s.cancels or s.recoveries or s.framing or s.lead_frames for s in sentences
        )
        # a rule's weaker event is a decision: a city alone never raises a site-specific type,
        # a term far from the node is about something else
        ruled = set() if events is None else {e.target for e in events.values()}
        out = []
        for node_id, (hit, s, entry) in mentions.items():
            mine = [x for i, x in enumerate(sentences) if x.field == "title" or i in where[node_id]]
            doc = model_doc(title, [x for x in mine if x.field != "title"])
            in_title = any(x.field == "title" for x in (sentences[i] for i in where[node_id]))
            terms = [(t, x) for x in mine if not x.caption for t in x.terms]
            asked = events is None or (quiet and node_id not in ruled and (in_title or len(mentions) == 1))
            out.append(ModelQuestion(node_id, doc, asked, hit, s, entry, tuple(terms)))
        return out

    def _model_events(
        self, title: str, sentences: list[_Sentence], events: dict[tuple[str, str], Event], frame: _Frame
    ) -> dict[tuple[str, str], Event]:
        """Events the text model adds beside the rules (:mod:`graphs._textmodel`), where
        :meth:`_model_questions` says it is asked. Its type is the likeliest among the terms of
        what the item says of the node. Confidence runs from the alerting threshold at the
        model's threshold up to :data:`MODEL_MAX_CONFIDENCE`; the evidence names the node, a term
        of that type and the words that weighed most."""
        model = self.model()
        if model is None:
            return {}
        out: dict[tuple[str, str], Event] = {}
        for q in self._model_questions(title, sentences, events, frame):
            if not q.asked:
                continue
            # the types of the terms in what the item says of the node, else of the item's, else any
            types = sorted({d for t, _ in q.terms for d in _term_types(t) if d in self.lexicon.types}) or sorted(
                {d for x in sentences for t in x.terms for d in _term_types(t) if d in self.lexicon.types}
            )
            judged = model.judge(q.doc, types or None)
            if judged.probability < model.threshold or judged.type is None:
                continue
            dtype = judged.type
            lift = (judged.probability - model.threshold) / max(1e-9, 1.0 - model.threshold)
            conf = round(DEFAULT_MIN_CONFIDENCE + lift * (MODEL_MAX_CONFIDENCE - DEFAULT_MIN_CONFIDENCE), 3)
            term = next(((t, ts) for t, ts in q.terms if dtype in _term_types(t)), None)
            why = ", ".join(f"'{w}'" for w in judged.reasons)
            evidence = [q.sentence.span(q.hit, "node", q.node, q.entry)]
            if term is not None:
                evidence.append(term[1].span(term[0], "term", dtype))
            evidence.append(Span(
                "model", 0, 0, f"text model {judged.probability:.2f} (threshold {model.threshold:.2f})"
                + (f": {why}" if why else ""), "model", dtype,
            ))
            out[(q.node, dtype)] = Event(q.node, dtype, conf, tuple(evidence), False, "model")
        return out

    def model_questions(self, title: str, text: str = "", language: str | None = None) -> list[ModelQuestion]:
        """:meth:`_model_questions` of one item, the rules' events known, as :meth:`tag` asks
        them (for training and for looking at what the model is asked). Unlike :meth:`tag`,
        an item without a disruption term gets its questions too (never asked): training
        learns from them."""
        prepared = self._prepare(title, text, language)
        if prepared is None:
            return []
        title, _, lang, folded, lex = prepared
        named = self._named(folded, lang, len(title))
        lex = self._bind(lex, folded.norm, named)
        sentences = self._read_sentences(folded, lex, lang, len(title), named)
        frame = self._frame(sentences, title)
        questions = self._model_questions(title, sentences, self._rule_events(sentences, frame, lang), frame)
        if _says_nothing(lex):  # :meth:`tag` stops before asking
            return [dataclasses.replace(q, asked=False) for q in questions]
        return questions

    def _city_site(self, node_id: str, place_hit: Hit, s: _Sentence, sentences: list[_Sentence]) -> bool:
        """Does the sentence name the city's port or airport by words of the node's own
        kind ("Hafenarbeiter in Hamburg", "dockers in Antwerp": :data:`CITY_SITE_WORDS`),
        the node being within :data:`CITY_SITE_KM` of the city? For a city in the title,
        the lead's words count too ("La huelga ... en Barcelona paraliza la actividad" +
        "el puerto trabaja a un tercio")."""
        node = self.chain.nodes.get(node_id)
        index = self._places
        words = CITY_SITE_WORDS.get(node.kind) if node is not None else None
        if words is None or index is None or node is None:
            return False
        if node.kind == "hub" and not _airport(node.name, node.provides):
            return False  # a data-centre hub or a trade fair: airport workers are not its own
        loc = node.location
        if loc.lat is None or loc.lon is None:
            return False
        context = [s]
        if s.field == "title":
            context += [x for x in sentences if x.field == "text" and x.index < LEAD_SENTENCES]
        if not any(words.search(x.norm[x.nbounds[0] : x.nbounds[1]]) for x in context):
            return False
        for e in place_hit.entries:
            place = index.places[e.ref]
            if place.lat is not None and place.lon is not None:
                if haversine_km(loc.lat, loc.lon, place.lat, place.lon) <= CITY_SITE_KM:
                    return True
        return False

    def _city_named(self, node_id: str, hit: Hit, sentences: tuple[_Sentence, ...]) -> bool:
        """Is the node named only by its city ("Rotterdam", not "Port of Rotterdam"),
        with no word for its kind in the sentences ("dockers", "terminal", "flights")?"""
        if (hit.start, hit.end) not in sentences[0].city_nodes:
            return False  # "Port of Rotterdam", "Rotterdamse haven", "Maersk"
        node = self.chain.nodes.get(node_id)
        if node is None or node.kind not in CITY_NAMED_KINDS:
            return False
        for s in sentences:
            a, b = s.nbounds
            if _KIND_WORDS.search(s.norm[a:b]):
                return False
        return True

    def _fit(self, events: Iterable[Event], frame: _Frame) -> list[Event]:
        """Drop events whose type cannot befall the node's kind (:data:`KIND_MISFITS`:
        an insolvent strait), and lower every event of a commentary item
        (:data:`COMMENTARY_FACTOR`)."""
        out = []
        for e in events:
            node = self.chain.nodes.get(e.target)
            if node is not None and e.type in KIND_MISFITS.get(node.kind, ()):
                continue
            if frame.commentary is not None:
                sp = dataclasses.replace(frame.commentary, ref=e.type)
                e = dataclasses.replace(
                    e, confidence=round(e.confidence * COMMENTARY_FACTOR, 3), evidence=(*e.evidence, sp)[:MAX_EVIDENCE]
                )
            out.append(e)
        return out

    def _pair(
        self,
        pairs: dict[tuple[str, str], list[_Pair]],
        s_node: _Sentence,
        node_hit: Hit,
        s_term: _Sentence,
        term_hit: Hit,
        base: float,
        question: bool = False,
    ) -> None:
        close = _closeness(node_hit, term_hit) if s_node is s_term else 1.0
        before = " " + " ".join(s_node.norm[max(0, node_hit.start - 40) : node_hit.start].split()[-4:])
        near = before.endswith(_NEAR_ENDINGS)
        waters = (
            near and s_node is s_term and before.endswith(_WATER_NEAR_ENDINGS)
            and self._all_of_kinds(node_hit, WATER_KINDS)
        )
        if before.endswith(_ROUTE_ENDINGS):
            close *= CANCEL_FACTOR  # "na trasie przejazdu z Lotniska Chopina do hotelu"
        if _LINK_BEFORE.search(s_node.norm, max(0, node_hit.start - 60), node_hit.start):
            close *= CANCEL_FACTOR  # "the waterway that links the Mediterranean to the Red Sea"
        customer = bool(_CUSTOMER_BEFORE.search(s_node.norm, max(0, node_hit.start - 40), node_hit.start)) and (
            self._all_of_kinds(node_hit, _CUSTOMER_KINDS)
        )
        key = s_term.source[term_hit.ostart : term_hit.oend].casefold()
        both = (s_node,) if s_node is s_term else (s_node, s_term)
        destination = before.endswith(_DEST_ENDINGS)
        if before.endswith(_AROUND_ENDINGS) or (
            before.endswith(_VIA_ENDINGS) and not _AVOIDING.search(before) and not _PASSAGE_VIA.search(before)
            and _DIVERTING.search(s_node.norm, *s_node.nbounds)
        ):
            close *= CANCEL_FACTOR  # where diverted ships go: "around the Cape of Good Hope"
        outlet = (
            before.endswith(_OUTLET_ENDINGS)
            or bool(_OUTLET_AFTER.match(s_node.norm, node_hit.end))
            or bool(_OUTLET_TERM_OBJECT.match(s_term.norm, term_hit.end))
        )
        product: bool | None = None  # a maker's model ("Boeing 737"), looked up when a type needs it
        # a gulf's name before "states" or after "costa do": its lands, for a cue (:data:`_CUE_LANDS_AFTER`)
        lands = any(isinstance(e.data, Cue) for e in node_hit.entries) and bool(
            _CUE_LANDS_AFTER.match(s_node.norm, node_hit.end)
            or _CUE_LANDS_BEFORE.search(s_node.norm, max(0, node_hit.start - 30), node_hit.start)
        )
        company_there: bool | None = None  # the company's site where the sentences place the event, likewise
        for dtype in _term_types(term_hit):
            score = base * close
            if near and not (waters and dtype in WATER_NEAR_TYPES):
                score *= NEAR_FACTOR
            if customer and dtype in _SUPPLIER_OWN_TYPES:
                score *= CANCEL_FACTOR  # "que vende para Inditex": the subject's buyer
            if destination and dtype in SITE_TYPES:
                score *= NEAR_FACTOR
            if dtype == "fire" and _vehicle_fire(s_term, term_hit):
                score *= NEAR_FACTOR
            if dtype in PLACE_BOUND_TYPES or (dtype in PLANT_TYPES and _PLANT_WORD.search(s_term.norm, *s_term.nbounds)):
                # a far place in the node's sentence or in the term's ("Maersk warns of costs from the
                # Shanghai lockdown. The city locks down its districts ..."); with a plant word, a firm's
                # other plant ("Foxconn, Pegatron halt iPhone production at Chennai plant" is not the
                # Zhengzhou site the node stands for)
                if company_there is None:
                    company_there = all(self._company_there(s, node_hit) for s in both)
                if not company_there:
                    score *= CANCEL_FACTOR
            spans = [s_term.span(term_hit, "term", dtype)]
            if dtype == "insolvency":
                # "Lordstown Motors bankruptcy blames Foxconn": another firm is the insolvent one
                # (the headline's insolvent firm is the item's: "The bankruptcy estate wants ...")
                other, said = _other_firm(s_term, term_hit), s_term
                if other is None and s_term.frame is not None:
                    other, said = s_term.frame.firm, s_term.frame
                if other is not None:
                    score *= CANCEL_FACTOR
                    spans.append(said.span(Hit(0, 0, other[0], other[1], []), "cancel", dtype))
                elif s_node is s_term and _TENANT_AT.search(s_node.norm, max(0, node_hit.start - 140), node_hit.start):
                    score *= CANCEL_FACTOR  # the node is the insolvent tenant's address
            for s in both:
                c = s.cancelled(dtype)
                if c is not None:
                    score *= CANCEL_FACTOR
                    spans.append(c[1].span(c[0], "cancel", dtype))
                    break
            if question and (s_node.field == "title" or s_term.field == "title"):
                score *= QUESTION_FACTOR
            if any(s.caption for s in both):
                score *= CANCEL_FACTOR
            recovery = False
            for s in (s_term, s_node) if s_term is not s_node else (s_term,):
                rec = s.recovered(dtype)
                if rec is not None:
                    spans.append(s.span(rec, "recovery", dtype))
                    recovery = True
                    break
            title = s_node.field == "title" and s_term.field == "title"
            if product is None and dtype in PRODUCT_TYPES:
                product = _product_named(s_node, node_hit)
            for entry in node_hit.entries:
                if _origin_misfit(entry, dtype, s_node is s_term):
                    continue
                if isinstance(entry.data, Cue) and lands:
                    continue  # the lands around the gulf, not ships on it
                city = dtype in SITE_TYPES and (
                    outlet or bool(product and dtype in PRODUCT_TYPES) or self._city_named(entry.ref, node_hit, both)
                )
                pairs.setdefault((entry.ref, dtype), []).append(
                    _Pair(
                        score, both, [s_node.span(node_hit, "node", entry.ref, entry), *spans], key, recovery, title,
                        city=city,
                    )
                )

    def _all_of_kinds(self, hit: Hit, kinds: frozenset[str]) -> bool:
        """Is every node ``hit`` names in the graph and of one of ``kinds``?"""
        nodes = self.chain.nodes
        return all(e.ref in nodes and nodes[e.ref].kind in kinds for e in hit.entries)

    def _company_there(self, s: _Sentence, node_hit: Hit) -> bool:
        """False for a company whose site is in another country than, or more than
        :data:`FAR_KM` from, a place the sentence names (:data:`PLACE_BOUND_TYPES`)."""
        kinds = {self.chain.nodes[e.ref].kind for e in node_hit.entries if e.ref in self.chain.nodes}
        if kinds != {"company"}:
            return True
        return self._places_agree(s, node_hit)

    def _elsewhere(self, s: _Sentence) -> bool:
        """Does the sentence start another topic ("Separately, ...", "Intanto ...")?"""
        global _ELSEWHERE
        if _ELSEWHERE is None:
            from graphs.gazetteer import Entry, PhraseMatcher, fold_phrase

            m = PhraseMatcher()
            for phrase in ELSEWHERE_PHRASES:
                m.add(fold_phrase(phrase), Entry(kind="shift", ref="*"))
            _ELSEWHERE = m.build()
        a, b = s.bounds
        folded = fold(s.source[a:b])
        opening = " ".join(folded.norm.split()[:4]) + " "
        if any(opening.startswith(o + " ") for o in _OPENERS):
            return True
        return any(True for _ in _ELSEWHERE.iter_raw(folded))

    def _places_agree(self, s: _Sentence, node_hit: Hit) -> bool:
        """False when the sentence names a place far from the node (another country, > FAR_KM)."""
        index = self._places
        if not s.places or index is None:
            return True
        for hit in s.places:
            if (hit.start, hit.end) in s.weak:
                continue  # named without a cue: a city's port at most, never "elsewhere"
            for entry in hit.entries:
                place = index.places[entry.ref]
                for ne in node_hit.entries:
                    node = self.chain.nodes.get(ne.ref)
                    if node is None:
                        continue
                    loc = node.location
                    if place.kind == "country":
                        if loc.country and loc.country.upper() != place.country:
                            return False
                        continue
                    if loc.lat is None or loc.lon is None or place.lat is None or place.lon is None:
                        if loc.country and place.country and loc.country.upper() != place.country:
                            return False
                        continue
                    if haversine_km(loc.lat, loc.lon, place.lat, place.lon) > FAR_KM + place.extent_km:
                        return False
        return True

    def _is_city(self, hit: Hit) -> bool:
        """A city (or smaller) place, not a region or country (which a strike or outage
        may cover as a whole: "Warnstreik in Bayern legt Betriebe lahm")."""
        index = self._places
        return index is not None and all(index.places[e.ref].kind == "city" for e in hit.entries)

    def _qualified(self, hit: Hit, s: _Sentence, lang: str | None) -> bool:
        """A region or country named with a part word ("Lower Bavaria", "northern Italy"),
        or a city named as its province ("in the Odesa region", "la región de Odesa"):
        partial (:data:`PARTIAL_FACTOR`)."""
        index = self._places
        if index is None:
            return False
        if all(index.places[e.ref].kind == "city" for e in hit.entries):
            return _as_province(s.norm, hit.start, hit.end)
        return index.qualified(s.norm, hit, lang)

    def _narrowed(self, hit: Hit, s: _Sentence, sentences: list[_Sentence]) -> list[tuple[Hit, _Sentence, bool]]:
        """More specific places that locate a region or country mention: places inside it
        named in the same sentence, or -- both in the title or the lead -- in the title or
        the lead (:func:`graphs.places.contains`). Empty when there are none."""
        index = self._places
        if index is None:
            return []
        outer = [index.places[e.ref] for e in hit.entries]
        if all(p.kind == "city" for p in outer):
            return []
        lead = s.field == "title" or s.index < LEAD_SENTENCES
        scope = [
            x for x in sentences
            if x is s or (lead and (x.field == "title" or x.index < LEAD_SENTENCES))
        ]
        out = []
        for x in scope:
            for q in x.places:
                if q is hit or (q.start, q.end) in x.weak:
                    continue
                inner = [index.places[e.ref] for e in q.entries]
                if any(contains(o, i) for o in outer for i in inner):
                    out.append((q, x, self._qualified(q, x, x.lang)))  # "Ukraine ... the Odesa region": partial
        return out

    def _near(self, place_hit: Hit, dtype: str, partial: bool = False) -> list[tuple[str, float, float]]:
        """``(node_id, factor, reach)`` for nodes near a place mention, for one type
        (``reach``: ``1 - distance/radius``, 1 for a node inside a named region; it
        scales the bonus for further terms and sentences).

        ``partial``: the place was named with a part word ("northern Lombardy"):
        factor × :data:`PARTIAL_FACTOR` and no bonus, below the alerting threshold.
        A region is scaled by :func:`graphs.places.coverage` for types that are not
        declared for a whole jurisdiction (``country: false``); countries get no
        bonus, so they stay below the threshold on their own.
        """
        index = self._places
        t = self.lexicon.types.get(dtype)
        if index is None or t is None:
            return []
        scale = PARTIAL_FACTOR if partial else 1.0
        out: dict[str, tuple[float, float]] = {}
        for entry in place_hit.entries:
            place = index.places[entry.ref]
            if place.kind == "country":
                if t.country:
                    for node_id in self.locator.in_country(place.country):
                        out.setdefault(node_id, (COUNTRY_FACTOR * scale, 0.0))
                continue
            if t.radius_km <= 0 or place.lat is None or place.lon is None:
                continue
            cover = 1.0 if t.country else coverage(place, t.radius_km)
            weight = scale * cover
            keep = 0.0 if partial else cover  # how much of the bonus the node keeps
            radius = max(t.radius_km, place.extent_km)
            inside: set[str] = set()
            if place.kind == "region":
                inside = set(self.locator.in_region(place.names))
                for node_id in inside:
                    out[node_id] = max(out.get(node_id, (0.0, 0.0)), (PLACE_FACTOR * weight, keep))
            for node_id, d in self.locator.within(place.lat, place.lon, radius):
                r = radius
                if place.kind == "region" and node_id not in inside and self.locator.has_region(node_id):
                    # a node of another region: only the type's own radius reaches across the border
                    if d > t.radius_km:
                        continue
                    r = t.radius_km
                w, k = weight, keep
                if partial and self._province_of(node_id, place, d):
                    w, k = cover, cover  # "sequía en la provincia de Jaén": the province is the node
                f = PLACE_FACTOR * w * (1.0 - 0.5 * d / r)
                out[node_id] = max(out.get(node_id, (0.0, 0.0)), (f, k * (1.0 - d / r)))
        ranked = sorted(((n, f, r) for n, (f, r) in out.items()), key=lambda x: -x[1])
        return ranked[:MAX_PLACE_NODES]

    def _province_of(self, node_id: str, place: Place, distance_km: float) -> bool:
        """Is the node an area (kind ``region``: "Jaén olive-oil region", "Lublin Province
        farming") around this city? Then the city named as its province ("la provincia de
        Jaén", "województwo lubelskie") is the node itself, not a part of a wider place
        (:func:`_qualified`), and is not scaled by :data:`PARTIAL_FACTOR`."""
        node = self.chain.nodes.get(node_id)
        return (
            place.kind == "city" and node is not None and node.kind == "region"
            and distance_km <= CITY_SITE_KM and node.location.city is not None
        )

    def _merge(self, node_id: str, dtype: str, plist: list[_Pair], method: str) -> Event:
        best = max(plist, key=lambda p: (p.score, p.title))
        live = CANCEL_FACTOR * W_TITLE
        terms = {p.term_key for p in plist if p.term_key and p.score > live}
        sents = {(s.field, s.index) for p in plist if p.score > live for s in p.sentences}
        conf = best.score
        bonus = 0.05 * min(3, max(0, len(terms) - 1)) + 0.05 * min(2, max(0, len(sents) - 1))
        conf += bonus * max(p.reach for p in plist)
        conf = round(min(1.0, max(0.0, conf)), 3)
        recovery = best.recovery or any(p.recovery and p.title for p in plist)
        spans: dict[tuple[str, int, int, str, str], Span] = {}
        for p in sorted(plist, key=lambda p: -p.score):
            for sp in p.spans:
                spans.setdefault((sp.field, sp.start, sp.end, sp.role, sp.ref), sp)
        evidence = sorted(spans.values(), key=lambda s: (s.field != "title", s.start))[:MAX_EVIDENCE]
        return Event(node_id, dtype, conf, tuple(evidence), recovery, method)
