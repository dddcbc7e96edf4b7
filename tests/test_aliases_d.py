"""The bundled graph's ports, chokepoints, pipelines, LNG terminals, plants and materials
named the way English, Spanish and Portuguese wire copy names them where no alias or rule
did before (task names-latin): the English possessive of a place ("Rotterdam's container
terminals", "Frankfurt's airport"), a firm's plant by its country ("Tata Steel's Dutch
plant", "U.S. Steel's Slovak unit"), the port authority standing for the port ("la
Autoridad Portuaria de Valencia", "a Autoridade Portuária de Roterdã"), Odesa's ports in
the plural, the EFE spelling "Bab al Mandeb", Brazilian "a fábrica da VW em Wolfsburg".

Some sentences are as the publishers wrote them (Reuters: "Tata Steel's Dutch plant gets
year to clean up coke oven"; EFE via Andalucía Información: "incidentes cerca del estrecho
de Bab al Mandeb"; Sindicomis: "Um porta-voz da Autoridade Portuária de Roterdã
confirmou"), the others worded like them. Each near miss names a neighbour the new forms
must leave alone: the city's mayor or stock exchange, the firm's plant in another country,
Volvo's truck plant in the same city, the firm's grid in the same city, a port authority
with no city.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphs._inflection import possessive_spellings
from graphs.gazetteer import Gazetteer
from graphs.lexicon import load_lexicon
from graphs.loader import load_graph
from graphs.model import ValueChain
from graphs.tagger import Tagger
from helpers_tagging import named, node

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(load_graph(REPO / "config" / "graph"), load_lexicon(), places=False)


# (node, language, sentence): none of these named its node before
NAMED = [
    # -- English: possessives of a place, a firm's plant by country, descriptive names
    ("port-rotterdam", "en", "Lashers at Rotterdam's container terminals began a 48-hour strike on Wednesday afternoon"),
    ("port-antwerp-bruges", "en", "Only 31 ships were handled at Antwerp's port on Tuesday as Flemish pilots protested pension reforms"),
    ("port-genoa", "en", "Dockers blocked Genoa's port for a second day in protest at arms shipments"),
    ("frankfurt-airport", "en", "Verdi called a one-day strike at Frankfurt's airport, grounding hundreds of flights"),
    ("duisport", "en", "Low water on the Rhine stranded barges at Duisburg's inland port"),
    ("tata-steel-ijmuiden", "en", "Tata Steel's Dutch plant gets year to clean up coke oven"),
    ("us-steel-kosice", "en", "Investors have expressed interest in U.S. Steel's Slovak unit, the company said on Monday"),
    ("lg-energy-wroclaw", "en", "LG Energy Solution's Wroclaw plant will switch some lines to energy storage batteries"),
    ("lg-energy-wroclaw", "en", "The LFP batteries will be produced at LG Energy Solution's plant in Wroclaw"),
    ("samsung-sdi-god", "en", "Hungarian authorities fined Samsung SDI's battery plant in Goed over emissions"),
    ("esmc-dresden", "en", "Construction of TSMC's German plant was halted after a fire at the site"),
    ("enel-3sun-catania", "en", "Enel's Catania solar panel factory halted production after a fire"),
    ("prato-textile-district", "en", "Police raided sweatshops in Prato's textile district after a deadly fire"),
    ("ukrainian-sea-corridor", "en", "Russian drones struck two cargo ships in the Black Sea shipping corridor"),
    ("norway-gas-pipelines", "en", "An outage at Nyhamna cut flows through Norway's gas pipelines to Britain"),
    ("dover-strait", "en", "Storm Ciaran forced the suspension of cross-Channel ferries on Thursday"),
    # operators' names of terminals, the mines a material's origin is reported by
    ("port-rotterdam", "en", "Operations at the ECT Delta terminal were halted by the lashers' strike"),
    ("cobalt-drc", "en", "CMOC's Tenke Fungurume mine halted cobalt shipments after the export ban"),
    ("lithium-australia", "en", "Pilbara Minerals cut spodumene output at Pilgangoora"),
    # -- Spanish (EFE, Europa Press, Reuters es)
    ("port-valencia", "es", "La Autoridad Portuaria de Valencia suspendió la actividad por el temporal de viento"),
    ("volkswagen-wolfsburg", "es", "Los trabajadores paran dos horas en la fábrica de Volkswagen en Wolfsburgo"),
    ("bab-el-mandeb", "es", "La Marina británica alertó de dos nuevos incidentes cerca del estrecho de Bab al Mandeb"),
    ("det-wilhelmshaven", "es", "Alemania espera el primer suministro para su terminal flotante de gas natural licuado de Wilhelmshaven"),
    ("skoda-mlada-boleslav", "es", "Škoda detiene la producción en su factoría de Mladá Boleslav por la falta de chips"),
    ("shell-pernis", "es", "Un incendio obliga a parar una unidad de la refinería de Shell en Róterdam"),
    ("port-esbjerg", "es", "El temporal obliga a cerrar el puerto danés de Esbjerg"),
    ("lg-energy-wroclaw", "es", "Un incendio paraliza la planta de LG Energy Solution en Breslavia"),
    ("bosporus", "es", "Turquía cierra los estrechos turcos al paso de buques de guerra"),
    ("egyptian-cotton", "es", "La sequía reduce la cosecha de algodón de Egipto"),
    ("port-odesa", "es", "Rusia ataca con drones los puertos de Odesa"),
    ("port-algeciras", "es", "La huelga de estibadores paraliza APM Terminals Algeciras"),
    ("roche-basel", "es", "Un incendio obliga a evacuar la planta de Roche en Basilea"),
    # -- Portuguese (Lusa, Agência Brasil, Estadão, Reuters pt), Brazilian and European spellings
    ("port-rotterdam", "pt", "Um porta-voz da Autoridade Portuária de Roterdã confirmou que a movimentação será afetada pela greve"),
    ("port-valencia", "pt", "A Autoridade Portuária de Valência suspendeu as operações por causa do temporal"),
    ("volkswagen-wolfsburg", "pt", "Metalúrgicos fazem greve de advertência na fábrica da VW em Wolfsburg"),
    ("basf-antwerp", "pt", "Incêndio na fábrica da BASF na Antuérpia obriga a parar o cracker"),
    ("catl-erfurt", "pt", "A fábrica da CATL na Turíngia suspende a produção por falta de encomendas"),
    ("norway-gas-pipelines", "pt", "Falha nos gasodutos noruegueses faz disparar o preço do gás na Europa"),
    ("port-odesa", "pt", "Rússia volta a atacar os portos de Odessa com mísseis"),
    ("port-constanta", "pt", "Agricultores bloqueiam os acessos ao porto romeno de Constanța"),
    ("arcelormittal-dunkerque", "pt", "Incêndio na siderúrgica de Dunquerque paralisa um alto-forno"),
    ("det-wilhelmshaven", "pt", "O navio chegou ao terminal flutuante de GNL em Wilhelmshaven com atraso"),
]


@pytest.mark.parametrize(("node", "lang", "text"), NAMED, ids=[f"{n}-{lang}" for n, lang, _ in NAMED])
def test_wire_copy_names_the_node(tagger: Tagger, node: str, lang: str, text: str) -> None:
    assert node in named(tagger, lang, text), text


def test_the_sample_covers_the_three_languages() -> None:
    """Ten cases or more per language, so no language's forms go untested."""
    by_lang = {lang: sum(1 for _, la, _ in NAMED if la == lang) for lang in ("en", "es", "pt")}
    assert min(by_lang.values()) >= 10, by_lang


@pytest.mark.parametrize(("node", "lang", "text"), [
    # a place's possessive that is not its port or airport
    ("port-rotterdam", "en", "Rotterdam's mayor opened the city's summer festival"),
    ("frankfurt-airport", "en", "Frankfurt's stock exchange closed higher on Friday"),
    ("prato-textile-district", "en", "Prato's mayor resigned on Monday"),
    # the firm's plant in another country
    ("tata-steel-ijmuiden", "en", "Tata Steel's British plant at Port Talbot shuts its last blast furnace"),
    ("us-steel-kosice", "en", "U.S. Steel's Gary Works in Indiana idled a blast furnace"),
    ("lg-energy-wroclaw", "en", "LG Energy Solution's Michigan plant cut shifts"),
    ("catl-erfurt", "en", "CATL's Hungarian plant in Debrecen delayed its start"),
    ("esmc-dresden", "en", "TSMC's Arizona plant delayed production"),
    ("shell-pernis", "en", "Shell's Moerdijk chemical plant was shut after a fire"),
    ("amg-lithium-bitterfeld", "en", "Mercedes-AMG's Affalterbach plant halted engine assembly"),
    ("roche-basel", "es", "La planta de Novartis en Basilea"),
    # another firm of the name, or the firm's other business, in the same city
    ("volvo-cars-torslanda", "es", "Huelga en la planta de Volvo en Gotemburgo, que fabrica camiones"),
    ("enel-3sun-catania", "es", "Apagón en Catania por una avería en la red de Enel"),
    ("volkswagen-wolfsburg", "pt", "A Volks anunciou férias coletivas na fábrica de Taubaté"),
    # a port authority with no city, another strait, another country's pipelines, the region
    ("port-valencia", "es", "La autoridad portuaria informó de retrasos en la descarga"),
    ("strait-of-malacca", "en", "Piracy incidents rose in the Singapore Strait"),
    ("norway-gas-pipelines", "es", "Los gasoductos rusos siguen cerrados"),
    ("port-odesa", "es", "Rusia ataca la región de Odesa con drones"),
])
def test_near_misses_do_not_name_the_node(tagger: Tagger, node: str, lang: str, text: str) -> None:
    assert node not in named(tagger, lang, text), text


def test_possessive_spellings_of_a_place_kind_alias() -> None:
    # a place's name before an English kind word: its possessive, with the kind's other words
    forms = possessive_spellings("Rotterdam port")["en"]
    assert "Rotterdam's port" in forms and "Rotterdam's container terminals" in forms
    assert possessive_spellings("Frankfurt Airport") == {"en": ["Frankfurt's airport"]}
    # not a phrase that is no name before the kind word, nor an alias with no kind word
    assert possessive_spellings("porto de Roterdã") == {}
    assert possessive_spellings("Duisburg inland port") == {}
    assert possessive_spellings("Tata Steel IJmuiden") == {}


def test_possessives_are_english_only(tagger: Tagger) -> None:
    assert "port-rotterdam" in named(tagger, "en", "Strike halts Rotterdam's port")
    assert "port-rotterdam" not in named(tagger, "nl", "Strike halts Rotterdam's port")


def test_a_longer_alias_that_stops_inside_a_word_does_not_hide_a_name_running_on() -> None:
    """"fábrica de Volkswagen en Wolfsburg" (another node's alias here) matches up to
    "Wolfsburg" of "Wolfsburgo" and fails there; the alias "Wolfsburgo" starts inside it
    and ends after it, and used to be lost with it."""
    nodes = [node("plant", "fábrica de Volkswagen en Wolfsburg"), node("city-plant", "Wolfsburgo")]
    gaz = Gazetteer(ValueChain(ecosystems={}, nodes={n.id: n for n in nodes}, edges=[], version="t"), exonyms=False)
    text = "Huelga en la fábrica de Volkswagen en Wolfsburgo"
    assert [(n, text[s:e]) for n, s, e in gaz.mentions(text, "es")] == [("city-plant", "Wolfsburgo")]
    # and the longer alias still wins where it ends at a word's end
    text = "Huelga en la fábrica de Volkswagen en Wolfsburg"
    assert [n for n, _, _ in gaz.mentions(text, "es")] == ["plant"]


@pytest.mark.parametrize(("lang", "text", "nodes"), [
    # a nationality between the plural kind word and the list
    ("es", "Los estibadores de los puertos italianos de Génova y Trieste van a la huelga", {"port-genoa", "port-trieste"}),
    ("pt", "Estivadores dos portos italianos de Gênova e Trieste entram em greve", {"port-genoa", "port-trieste"}),
    # the first name's article contracted with the preposition, the next one's not
    ("pt", "Sindicalistas da CGT mantêm bloqueios nos portos do Havre e de Marselha", {"port-le-havre", "port-marseille-fos"}),
])
def test_ports_listed_after_a_qualified_plural(tagger: Tagger, lang: str, text: str, nodes: set[str]) -> None:
    assert nodes <= named(tagger, lang, text), text


def test_a_qualified_plural_needs_a_list_of_names(tagger: Tagger) -> None:
    text = "Los puertos italianos de la costa adriática registran retrasos"
    assert not {"port-genoa", "port-trieste"} & named(tagger, "es", text)
