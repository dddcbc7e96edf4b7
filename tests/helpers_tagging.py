"""Hand-built value chains for the tagging tests (no YAML, no config), and what a user
would see of a tagger's events: the targets that alert (at or above the alerting
threshold) and how."""

from __future__ import annotations

from pathlib import Path

from graphs.lexicon import load_lexicon
from graphs.loader import load_graph
from graphs.model import Edge, Ecosystem, Location, Node, ValueChain
from graphs.tagger import DEFAULT_MIN_CONFIDENCE, Tagger

BUNDLED = Path(__file__).resolve().parent.parent / "config"


def bundled_tagger() -> Tagger:
    """The tagger of the bundled config (config/graph and the packaged lexicon), as
    `monitor run` builds it: what the probe matrices run against."""
    return Tagger(load_graph(BUNDLED / "graph", display_root=BUNDLED), load_lexicon())


def raised(tagger: Tagger, lang: str, title: str, text: str = "") -> dict[str, set[str]]:
    """node -> the disruption types raised there at or above the alert threshold
    (recoveries apart)."""
    out: dict[str, set[str]] = {}
    for e in tagger.tag(title, text, lang):
        if e.confidence >= DEFAULT_MIN_CONFIDENCE and not e.recovery:
            out.setdefault(e.target, set()).add(e.type)
    return out


def raised_by_case(tagger: Tagger, case: str, lang: str) -> dict[str, set[str]]:
    """:func:`raised` for a probe case written "title" or "title||lead"."""
    title, _, lead = case.partition("||")
    return raised(tagger, lang, title, lead)


def node(id: str, name: str, *aliases: str, kind: str = "site", lat=None, lon=None, country=None, region=None) -> Node:
    return Node(
        id=id,
        name=name,
        kind=kind,
        location=Location(country=country, region=region, lat=lat, lon=lon),
        aliases=tuple(aliases),
    )


def small_chain() -> ValueChain:
    """A few real places and firms, enough for every tagging rule."""
    nodes = [
        node("port-antwerp", "Port of Antwerp-Bruges", "Port of Antwerp", "Antwerp port", "Antwerpen", "Anvers",
             kind="port", lat=51.26, lon=4.40, country="BE", region="Flanders"),
        node("antwerp-chem", "Antwerp chemical cluster", "Antwerp", kind="cluster", lat=51.22, lon=4.40, country="BE"),
        node("port-rotterdam", "Port of Rotterdam", "Rotterdam", "Rotterdamse haven", kind="port",
             lat=51.95, lon=4.14, country="NL"),
        node("port-hamburg", "Port of Hamburg", "Hamburg", "Hamburger Hafen", kind="port", lat=53.54, lon=9.97, country="DE"),
        node("suez", "Suez Canal", "Suez", "canal de Suez", kind="chokepoint", lat=30.58, lon=32.27, country="EG"),
        node("nexperia", "Nexperia", kind="company", lat=53.55, lon=9.99, country="DE"),
        node("asml", "ASML", kind="company", lat=51.41, lon=5.41, country="NL"),
        node("continental", "Continental", "Continental AG", kind="company", lat=52.37, lon=9.73, country="DE"),
        node("porto", "Port Authority", "Port", kind="port", lat=38.7, lon=-9.1, country="PT"),
        node("muenchen", "München cluster", "München", kind="cluster", lat=48.14, lon=11.58, country="DE", region="Bayern"),
        node("strasse", "Großstraße works", "Großstraße", kind="site", lat=50.0, lon=8.0, country="DE"),
        node("istanbul", "İstanbul hub", "İstanbul", kind="hub", lat=41.0, lon=28.97, country="TR"),
        node("hitachi-ibaraki", "Hitachi Astemo plant", kind="site", lat=36.50, lon=140.60, country="JP"),
        node("ferrari", "Maranello works", kind="site", lat=44.53, lon=10.86, country="IT", region="Emilia-Romagna"),
        node("gdansk", "Port of Gdańsk", "Gdańsk", kind="port", lat=54.40, lon=18.67, country="PL"),
    ]
    edges = [Edge("nexperia", "muenchen", "chips", 0.5, ("port-hamburg",))]
    return ValueChain(
        ecosystems={"x": Ecosystem("x", "X")},
        nodes={n.id: n for n in nodes},
        edges=edges,
        version="test-1",
    )


def alerts(t: Tagger, title: str, text: str = "", lang: str | None = "en") -> dict[str, str]:
    """Alerting targets and their best type, recoveries apart."""
    out: dict[str, str] = {}
    for e in t.tag(title, text, lang):
        if e.confidence >= DEFAULT_MIN_CONFIDENCE and not e.recovery:
            out.setdefault(e.target, e.type)
    return out


def sure(tagger: Tagger, lang: str, title: str, text: str = "") -> dict[tuple[str, str], bool]:
    """(node, type) -> recovery flag of the events at or above the alert threshold."""
    return {
        (e.target, e.type): e.recovery
        for e in tagger.tag(title, text, lang)
        if e.confidence >= DEFAULT_MIN_CONFIDENCE
    }


def chain_of(nodes: list[Node], version: str) -> ValueChain:
    """A chain of ``nodes`` alone: one ecosystem, no edges."""
    return ValueChain(ecosystems={"x": Ecosystem("x", "X")}, nodes={n.id: n for n in nodes}, edges=[], version=version)


def node_notes(tagger: Tagger, title: str, lang: str) -> dict[tuple[str, str], list[str]]:
    """(node, type) -> the evidence notes naming the node ("exonym of ..."), for the
    disruptions at or above the alerting threshold."""
    return {
        (e.target, e.type): [sp.note for sp in e.evidence if sp.role == "node"]
        for e in tagger.tag(title, "", lang) if e.confidence >= DEFAULT_MIN_CONFIDENCE and not e.recovery
    }


def named(tagger: Tagger, lang: str, text: str) -> set[str]:
    """The nodes an item with ``text`` as its title names (whatever it reports of them)."""
    return set(tagger.read(text, "", lang).nodes)
