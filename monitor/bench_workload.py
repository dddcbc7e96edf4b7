"""Deterministic workloads for ``monitor bench``: named graphs, graph YAML, realistic RSS.

Everything here is a pure function of its ``seed``: the same arguments give
byte-identical feeds and graph files, so figures from two runs (or two
machines) measure the same work.

* :func:`named_chain` -- :func:`graphs.synthetic.random_chain` with realistic,
  unique company names and one longer alias per node ("Brivex Logistik" and
  "Brivex Logistik Dresden"), so the gazetteer has real work to do.
* :func:`write_graph` -- the chain as ``graph/*.yaml`` in the analysts'
  schema (several files, as a real config splits by ecosystem).
* :func:`make_feeds` -- RSS 2.0 feeds in eight EU languages: titles and HTML
  descriptions (paragraphs, links, entities, images). The mix is a parameter:
  by default :data:`DISRUPT_SHARE` (2 %) of the items report a disruption at a
  named node, :data:`NODE_NEUTRAL_SHARE` (10 %) name a node in neutral news
  (a plant opens, sales rise) and the rest is general business news naming
  no node.

Why 2 % and 10 %: a monitor reads general and trade news, where a few percent
of the articles name a monitored company, port or plant at all, and far fewer
report a disruption there (disruptions are news because they are rare). An
earlier version used 10 % disruption items (about 1,900 alerts per 10,000
items), which overstates the alerting work per item several times over. The
disruption share was lowered on purpose to match real feeds, not to hide
cost: alerting is measured on its own (per alert) by ``monitor bench``, and
``monitor bench --disruption-share 0.10`` reproduces the old mix.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import yaml

from graphs.model import ValueChain
from graphs.synthetic import random_chain

__all__ = ["FeedFile", "make_feeds", "named_chain", "company_names", "write_graph", "LANGUAGES",
           "DISRUPT_SHARE", "NODE_NEUTRAL_SHARE"]

LANGUAGES = ("en", "de", "fr", "it", "es", "nl", "pl", "sv")

_SYL_A = (
    "Bri Val Kes Nor Tor Mar Lum Sil Ara Ven Cor Dal Fer Gal Hel Ist Jor Kal Lin Mor "
    "Nex Or Pra Quin Ros Sel Tal Ul Var Wes Zen Alb Bel Cas Dun Eld Fal Gor Hav Kor"
).split()
_SYL_B = (
    "vex dora trel mont ex ion ara tec lis gon mar berg vik dal ford sund ano ria tis lon "
    "den ova ium ens ar is eth ux ora ik ado elt umo ane ast ern ola yr ando ita"
).split()
_INDUSTRY = (
    "Logistik Components Chemie Metall Foundry Werke Industrie Plastics Automotive Energia "
    "Elektronik Systems Pharma Textil Steel Glass Polymers Mobility Aerospace Semiconductors "
    "Maritime Rail Cargo Batteries Motors Precision Tooling Composites Coatings Foods "
    "Fertilizers Paper Cables Optics Robotics Hydraulics Castings Forgings Bearings Pumps "
    "Valves Fasteners Magnets Ceramics Minerals Mining Refining Silicon Photonics Sensors "
    "Drives Gears Turbines Engines Chassis Interiors Seating Lighting Displays Wiring "
    "Stampings Extrusions Alloys Resins Solvents Pigments Adhesives Membranes Filters Lenses "
    "Instruments Controls Actuators Compressors Boilers Furnaces Presses Lasers Printing "
    "Packaging Labels Containers Pallets Terminals Shipping Freight Transport Warehousing "
    "Distribution Trading Holdings Works Technik Technologies Solutions Materials Products "
    "Manufacturing Engineering Fabrication Assembly Supplies Parts Equipment Devices Machines "
    "Industries Group Partners"
).split()
_CITIES = (
    "Dresden Hamburg Rotterdam Antwerp Lyon Turin Milan Bilbao Gdansk Malmo Leipzig Stuttgart "
    "Munich Graz Linz Brno Ostrava Katowice Wroclaw Poznan Gothenburg Aarhus Ghent Lille "
    "Toulouse Grenoble Bologna Genoa Valencia Zaragoza Porto Eindhoven Utrecht Bremen Kiel "
    "Augsburg Regensburg Ingolstadt"
).split()


def company_names(n: int, seed: int) -> list[tuple[str, str]]:
    """``n`` distinct ``(name, alias)`` pairs: "Brivex Logistik", "Brivex Logistik Dresden"."""
    rng = random.Random(seed)
    words = [a + b for a in _SYL_A for b in _SYL_B]
    rng.shuffle(words)
    combos = len(words) * len(_INDUSTRY)
    if n > combos:
        raise ValueError(f"at most {combos} distinct names")
    picks = rng.sample(range(combos), n)
    out = []
    for k in picks:
        w, ind = words[k % len(words)], _INDUSTRY[k // len(words)]
        name = f"{w} {ind}"
        out.append((name, f"{name} {_CITIES[k % len(_CITIES)]}"))
    return out


def named_chain(n_nodes: int, n_edges: int, seed: int = 0) -> ValueChain:
    """A :func:`random_chain` whose nodes carry realistic names and one alias each."""
    chain = random_chain(n_nodes, n_edges, seed=seed)
    names = company_names(len(chain.nodes), seed)
    nodes = {
        nid: replace(node, name=name, aliases=(alias,))
        for (nid, node), (name, alias) in zip(chain.nodes.items(), names, strict=True)
    }
    return ValueChain(ecosystems=chain.ecosystems, nodes=nodes, edges=chain.edges,
                      version=f"named-{chain.version}")


def _node_yaml(node) -> dict:
    d: dict = {"id": node.id, "name": node.name, "kind": node.kind}
    if node.ecosystem:
        d["ecosystem"] = node.ecosystem
    loc = {k: v for k, v in (("country", node.location.country), ("lat", node.location.lat),
                             ("lon", node.location.lon)) if v is not None}
    if loc:
        d["location"] = loc
    if node.aliases:
        d["aliases"] = list(node.aliases)
    if node.provides:
        d["provides"] = list(node.provides)
    return d


def _edge_yaml(edge) -> dict:
    d: dict = {"from": edge.source, "to": edge.target, "product": edge.product, "share": edge.share}
    if edge.via:
        d["via"] = list(edge.via)
    return d


def write_graph(chain: ValueChain, graph_dir: Path, files: int = 10) -> list[Path]:
    """Write ``chain`` as ``graph_dir/*.yaml`` (ecosystems, then nodes and edges in ``files`` parts)."""
    graph_dir.mkdir(parents=True, exist_ok=True)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    written = []

    def dump(name: str, data: dict) -> None:
        path = graph_dir / name
        path.write_text(yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True,
                                  default_flow_style=None, width=120), encoding="utf-8")
        written.append(path)

    dump("00-ecosystems.yaml", {"ecosystems": [{"id": e.id, "name": e.name} for e in chain.ecosystems.values()]})
    nodes = list(chain.nodes.values())
    edges = chain.edges
    for k in range(files):
        part = {
            "nodes": [_node_yaml(n) for n in nodes[k::files]],
            "edges": [_edge_yaml(e) for e in edges[k::files]],
        }
        dump(f"part-{k:02d}.yaml", part)
    return written


# -- news ----------------------------------------------------------------------

#: Disruption headlines per language; {n} is a node's name or alias.
_DISRUPT = {
    "en": ["Fire at {n} halts production", "Workers at {n} go on strike over pay",
           "Flooding forces {n} to shut its plant", "Cyberattack paralyses systems at {n}",
           "{n} files for insolvency", "Explosion at {n} site injures three workers",
           "Power outage stops lines at {n}", "Export ban hits {n} shipments"],
    "de": ["Großbrand bei {n} stoppt die Produktion", "Streik bei {n} legt das Werk lahm",
           "Hochwasser: {n} schließt das Werk", "Cyberangriff legt {n} lahm",
           "{n} meldet Insolvenz an", "Explosion bei {n}: drei Verletzte", "Stromausfall bei {n}"],
    "fr": ["Incendie chez {n} : la production est arrêtée", "Grève chez {n} contre les salaires",
           "Inondations : {n} ferme son usine", "Cyberattaque contre {n}",
           "{n} en redressement judiciaire", "Explosion sur le site de {n}"],
    "it": ["Incendio alla {n}: produzione ferma", "Sciopero alla {n} contro i tagli",
           "Alluvione: {n} chiude lo stabilimento", "Attacco informatico alla {n}",
           "{n} dichiara fallimento", "Esplosione nello stabilimento {n}"],
    "es": ["Incendio en {n} paraliza la producción", "Huelga en {n} por los salarios",
           "Inundaciones obligan a {n} a cerrar su planta", "Ciberataque contra {n}",
           "{n} se declara en quiebra", "Explosión en la planta de {n}"],
    "nl": ["Brand bij {n} legt productie stil", "Staking bij {n} om lonen",
           "Overstroming: {n} sluit fabriek", "Cyberaanval legt {n} plat",
           "{n} failliet verklaard", "Explosie bij {n}"],
    "pl": ["Pożar w zakładzie {n} wstrzymał produkcję", "Strajk w {n}",
           "Powódź: {n} zamyka fabrykę", "Cyberatak na {n}", "Upadłość {n}", "Wybuch w zakładzie {n}"],
    "sv": ["Brand hos {n} stoppar produktionen", "Strejk vid {n}", "Översvämning: {n} stänger fabriken",
           "Cyberattack mot {n}", "{n} i konkurs", "Explosion vid {n}"],
}

#: Headlines naming a node without a disruption.
_NEUTRAL_NODE = {
    "en": ["{n} opens new plant", "{n} reports higher quarterly sales", "{n} appoints new chief executive"],
    "de": ["{n} eröffnet neues Werk", "{n} steigert den Umsatz", "{n} ernennt neuen Vorstandschef"],
    "fr": ["{n} inaugure une nouvelle usine", "{n} annonce un chiffre d'affaires en hausse"],
    "it": ["{n} inaugura un nuovo stabilimento", "{n} aumenta il fatturato"],
    "es": ["{n} inaugura una nueva planta", "{n} aumenta sus ventas"],
    "nl": ["{n} opent nieuwe fabriek", "{n} boekt hogere omzet"],
    "pl": ["{n} otwiera nową fabrykę", "{n} zwiększa sprzedaż"],
    "sv": ["{n} öppnar ny fabrik", "{n} ökar försäljningen"],
}

#: General business headlines (no node, most of them no disruption).
_GENERAL = {
    "en": ["Markets close higher as inflation eases", "Central bank holds rates steady",
           "Retail sales rise for third month", "Energy prices fall on mild weather",
           "Manufacturing index points to slow recovery", "Container freight rates stabilise"],
    "de": ["Börsen schließen fester", "Ifo-Index steigt überraschend", "Inflation sinkt weiter",
           "Exporte legen im Herbst zu", "Auftragseingang der Industrie stabil"],
    "fr": ["La Bourse de Paris termine en hausse", "L'inflation ralentit en novembre",
           "Le moral des industriels s'améliore", "Les exportations progressent"],
    "it": ["Piazza Affari chiude in rialzo", "L'inflazione rallenta", "Cresce la produzione industriale"],
    "es": ["El Ibex cierra en positivo", "La inflación se modera", "Suben las exportaciones"],
    "nl": ["AEX sluit hoger", "Inflatie daalt verder", "Export groeit in het derde kwartaal"],
    "pl": ["WIG20 zamyka się na plusie", "Inflacja spada", "Rośnie produkcja przemysłowa"],
    "sv": ["Stockholmsbörsen stiger", "Inflationen sjunker", "Exporten ökar"],
}

#: Body sentences (filler) per language.
_FILLER = {
    "en": ["Analysts expect demand to remain steady in the coming quarter.",
           "The company said it was working with suppliers and customers.",
           "Shares were little changed in early trading on Monday.",
           "Industry groups have called for more investment in infrastructure.",
           "A spokesperson declined to give further details."],
    "de": ["Analysten erwarten eine stabile Nachfrage im kommenden Quartal.",
           "Das Unternehmen stehe in engem Kontakt mit Lieferanten und Kunden.",
           "Die Aktie notierte im frühen Handel kaum verändert.",
           "Verbände fordern mehr Investitionen in die Infrastruktur.",
           "Ein Sprecher wollte sich nicht näher äußern."],
    "fr": ["Les analystes s'attendent à une demande stable au prochain trimestre.",
           "L'entreprise indique être en contact avec ses fournisseurs et ses clients.",
           "Le titre évoluait peu en début de séance.",
           "Un porte-parole n'a pas souhaité donner plus de détails."],
    "it": ["Gli analisti prevedono una domanda stabile nel prossimo trimestre.",
           "L'azienda ha detto di essere in contatto con fornitori e clienti.",
           "Il titolo è poco mosso nelle prime contrattazioni.",
           "Un portavoce non ha voluto aggiungere dettagli."],
    "es": ["Los analistas esperan una demanda estable en el próximo trimestre.",
           "La empresa afirmó estar en contacto con proveedores y clientes.",
           "Las acciones apenas variaron en la apertura.",
           "Un portavoz declinó dar más detalles."],
    "nl": ["Analisten verwachten een stabiele vraag in het komende kwartaal.",
           "Het bedrijf zegt in contact te staan met leveranciers en klanten.",
           "Het aandeel noteerde vroeg in de handel nauwelijks veranderd.",
           "Een woordvoerder wilde geen verdere details geven."],
    "pl": ["Analitycy spodziewają się stabilnego popytu w kolejnym kwartale.",
           "Firma poinformowała, że jest w kontakcie z dostawcami i klientami.",
           "Kurs akcji niewiele się zmienił na początku sesji.",
           "Rzecznik odmówił podania szczegółów."],
    "sv": ["Analytiker väntar sig en stabil efterfrågan under nästa kvartal.",
           "Företaget uppger att det har kontakt med leverantörer och kunder.",
           "Aktien var i stort sett oförändrad i tidig handel.",
           "En talesperson ville inte ge fler detaljer."],
}

#: Default share of items reporting a disruption at a node, and naming a node
#: neutrally (see the module docstring for why).
DISRUPT_SHARE = 0.02
NODE_NEUTRAL_SHARE = 0.10


@dataclass(frozen=True, slots=True)
class FeedFile:
    """One generated feed: its name, file name, declared language and bytes."""

    name: str
    filename: str
    language: str
    body: bytes
    items: int


def _item_xml(rng: random.Random, lang: str, feed: str, k: int, when: datetime, mention: list[str],
              disruption_share: float = DISRUPT_SHARE, mention_share: float = NODE_NEUTRAL_SHARE) -> str:
    r = rng.random()
    if r < disruption_share:
        n = rng.choice(mention)
        title = rng.choice(_DISRUPT[lang]).format(n=n)
        lead = rng.choice(_DISRUPT[lang]).format(n=n) + "."
    elif r < disruption_share + mention_share:
        n = rng.choice(mention)
        title = rng.choice(_NEUTRAL_NODE[lang]).format(n=n)
        lead = title + "."
    else:
        title = rng.choice(_GENERAL[lang])
        lead = title + "."
    filler = rng.sample(_FILLER[lang], 3)
    link = f"https://news.example.org/{feed}/{when:%Y/%m/%d}/story-{k}"
    html = (
        f"<p><strong>{escape(lead)}</strong> {escape(filler[0])}</p>"
        f"<p>{escape(filler[1])} &amp; {escape(filler[2])}</p>"
        f'<p><img src="https://img.example.org/{feed}/{k}.jpg" alt="photo"/> '
        f'<a href="{link}?utm_source=rss">Read more &raquo;</a></p>'
    )
    return (
        "<item>"
        f"<title>{escape(title)}</title>"
        f"<link>{link}</link>"
        f'<guid isPermaLink="false">{feed}-{k}</guid>'
        f"<pubDate>{format_datetime(when)}</pubDate>"
        f"<description><![CDATA[{html}]]></description>"
        "</item>\n"
    )


def make_feeds(
    chain: ValueChain, n_feeds: int, items_per_feed: int, seed: int = 0, *,
    disruption_share: float = DISRUPT_SHARE, mention_share: float = NODE_NEUTRAL_SHARE,
) -> list[FeedFile]:
    """``n_feeds`` RSS 2.0 feeds of ``items_per_feed`` items naming nodes of ``chain``.

    Each item reports a disruption at a node with probability
    ``disruption_share``, names a node in neutral news with probability
    ``mention_share``, and is general news otherwise.
    """
    if not (0.0 <= disruption_share <= 1.0 and 0.0 <= mention_share <= 1.0
            and disruption_share + mention_share <= 1.0):
        raise ValueError(f"shares must be in [0, 1] and sum to at most 1, got {disruption_share} + {mention_share}")
    rng = random.Random(seed)
    mentions = []
    for node in chain.nodes.values():
        mentions.append(node.name)
        mentions.extend(node.aliases)
    base = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)
    out = []
    for f in range(n_feeds):
        lang = LANGUAGES[f % len(LANGUAGES)]
        name = f"bench-{lang}-{f:03d}"
        pool = rng.sample(mentions, min(len(mentions), 400))
        items = [
            _item_xml(rng, lang, name, k, base - timedelta(minutes=7 * k + f), pool, disruption_share, mention_share)
            for k in range(items_per_feed)
        ]
        body = (
            '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
            f"<title>Bench feed {f}</title><link>https://news.example.org/{name}/</link>"
            f"<description>Generated feed for monitor bench</description><language>{lang}</language>\n"
            + "".join(items)
            + "</channel></rss>\n"
        ).encode("utf-8")
        out.append(FeedFile(name, f"{name}.xml", lang, body, items_per_feed))
    return out
