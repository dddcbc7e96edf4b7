"""A small hand-built value chain for impact, lint, draw and simulate tests.

Shape (shares on the arrows)::

    neon-odesa --0.5--> silicon-saxony --0.8--> bosch-ecu --0.9--> bavaria-automotive --0.5--> dealer-network
    neon-prague --0.5-/        |  \\--0.4----------------------------/^   ^                 /
                               \\--0.6--> fab-czech --0.3---------------/  |   slovakia --0.1/
    fab-ireland --0.2 (sensors)---------------------------------------------/   ^   ^
    fab-taiwan --0.3 via port-hamburg-----------------------------------------/   |
    bosch-ecu --0.5----------------------------------------------------------------/

Semiconductor providers without a failing link: fab-ireland (Dublin, already
supplies Bavaria), fab-austria (Villach), fab-taiwan (Hsinchu), fab-nowhere
(no location). conti-ecu (Regensburg) provides ECUs and supplies no one.
"""

from __future__ import annotations

from graphs.model import Ecosystem, Edge, Location, Node, ValueChain


def _n(id_, name, kind, eco, lat=None, lon=None, provides=(), country=None):
    return Node(id_, name, kind, eco, Location(country=country, lat=lat, lon=lon), (name,), tuple(provides))


def hand_chain(version: str = "hand-1") -> ValueChain:
    nodes = [
        _n("neon-odesa", "Neon plant Odesa", "material", "electronics", 46.48, 30.72, ["neon"], "UA"),
        _n("neon-prague", "Neon plant Prague", "material", "electronics", 50.08, 14.43, ["neon"], "CZ"),
        _n("silicon-saxony", "Silicon Saxony", "cluster", "electronics", 51.05, 13.74, ["semiconductors"], "DE"),
        _n("fab-czech", "Brno fab", "site", "electronics", 49.19, 16.61, ["semiconductors"], "CZ"),
        _n("fab-ireland", "Leixlip fab", "site", "electronics", 53.35, -6.26, ["semiconductors"], "IE"),
        _n("fab-austria", "Villach fab", "site", "electronics", 46.61, 13.85, ["semiconductors"], "AT"),
        _n("fab-taiwan", "Hsinchu fab", "site", "electronics", 24.80, 120.97, ["semiconductors"], "TW"),
        _n("fab-nowhere", "Unlocated fab", "site", "electronics", None, None, ["semiconductors"]),
        _n("port-hamburg", "Port of Hamburg", "port", None, 53.55, 9.99, [], "DE"),
        _n("bosch-ecu", "Bosch ECU plant", "company", "automotive", 48.78, 9.18, ["ecu"], "DE"),
        _n("conti-ecu", "Continental ECU plant", "company", "automotive", 49.01, 12.10, ["ecu"], "DE"),
        _n("bavaria-automotive", "Bavarian automotive cluster", "cluster", "automotive", 48.14, 11.58, ["cars"], "DE"),
        _n("slovakia-automotive", "Slovak automotive cluster", "cluster", "automotive", 48.15, 17.11, ["cars"], "SK"),
        _n("dealer-network", "Dealer network", "company", "automotive", 50.11, 8.68, [], "DE"),
    ]
    edges = [
        Edge("neon-odesa", "silicon-saxony", "neon", 0.5),
        Edge("neon-prague", "silicon-saxony", "neon", 0.5),
        Edge("silicon-saxony", "bosch-ecu", "semiconductors", 0.8),
        Edge("silicon-saxony", "bavaria-automotive", "semiconductors", 0.4),
        Edge("silicon-saxony", "fab-czech", "semiconductors", 0.6),
        Edge("fab-czech", "bavaria-automotive", "semiconductors", 0.3),
        Edge("bosch-ecu", "bavaria-automotive", "ecu", 0.9),
        Edge("fab-ireland", "bavaria-automotive", "sensors", 0.2),
        Edge("fab-taiwan", "slovakia-automotive", "semiconductors", 0.3, ("port-hamburg",)),
        Edge("bosch-ecu", "slovakia-automotive", "ecu", 0.5),
        Edge("slovakia-automotive", "dealer-network", "cars", 0.1),
        Edge("bavaria-automotive", "dealer-network", "cars", 0.5),
    ]
    return ValueChain(
        ecosystems={
            "electronics": Ecosystem("electronics", "Electronics"),
            "automotive": Ecosystem("automotive", "Automotive"),
        },
        nodes={n.id: n for n in nodes},
        edges=edges,
        version=version,
    )
