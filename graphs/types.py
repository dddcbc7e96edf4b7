"""Plain data types that ``graphs`` returns: tagging events and impacts."""

from __future__ import annotations

from dataclasses import dataclass, field

#: The disruption types the tagger knows. Trade feeds add ``trade_drop``.
DISRUPTION_TYPES = (
    "fire",
    "strike",
    "natural_disaster",
    "blockage",
    "congestion",
    "shortage",
    "trade_restriction",
    "cyberattack",
    "insolvency",
    "accident",
    "conflict",
    "outage",
    "lockdown",
    "trade_drop",
)


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of evidence: ``text[start:end]`` of ``field`` in the original text.

    ``role`` says what was matched: ``node`` (an alias), ``place`` (a place
    near a node), ``term`` (a disruption term), ``cancel`` or ``recovery``.
    ``note`` explains a match that is not literal: a node named by a name from the
    packaged name table says ``exonym of 'Red Sea'``.
    """

    field: str  # "title" | "text"
    start: int
    end: int
    text: str
    role: str
    ref: str = ""  # node id for node/place spans, type for term spans
    note: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    """A text tied to a graph target with a disruption type.

    ``target`` is a node id, or ``"from->to"`` for an edge. ``recovery`` is
    true when the text reports the end of the disruption (it resolves alerts).
    ``method`` is ``"mention"`` (an alias named the target), ``"place"`` (a
    place near the target) or ``"trade"`` (a trade-series signal).
    """

    target: str
    type: str
    confidence: float
    evidence: tuple[Span, ...] = ()
    recovery: bool = False
    method: str = "mention"


@dataclass(frozen=True, slots=True)
class Reading:
    """What the tagger read in one item: its ``events`` (as :meth:`graphs.tagger.Tagger.tag`
    returns them) and the ids of every node the item names by an alias, whether or not a
    disruption term pairs with it (``nodes``, sorted; datelines and other businesses of a
    brand left out, as in tagging). Counting those mentions over time is what finds a
    burst of news about a node (:mod:`graphs.burst`)."""

    events: list[Event]
    nodes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ImpactedNode:
    node: str
    score: float  # in (0, 1]
    path: tuple[str, ...]  # from a disrupted node (or via-node) to ``node``


@dataclass(frozen=True, slots=True)
class Alternative:
    """``node`` provides ``product`` and could replace ``replaces`` for ``for_``."""

    node: str
    product: str
    replaces: str
    for_: str
    existing: bool = False  # already supplies ``for_`` with something
    distance_km: float | None = None


@dataclass(frozen=True, slots=True)
class Impact:
    """What a disruption of ``disrupted`` (node ids and/or edge ids) reaches."""

    disrupted: tuple[str, ...]
    impacted: tuple[ImpactedNode, ...] = ()  # strongest first: score descending, then node id
    alternatives: tuple[Alternative, ...] = ()
    ecosystems: dict[str, float] = field(default_factory=dict)

    def score_at(self, node: str) -> float:
        for hit in self.impacted:
            if hit.node == node:
                return hit.score
        return 0.0
