"""Impact snapshots and routing: who gets an alert, at which severity, and when.

Pure functions: they take the alert's stored impact (see :func:`impact_json`),
the subscriptions and the clock, and return decisions; the engine writes them.

Routing rule (``monitor.yaml`` ``subscriptions``): a subscriber gets an alert
when

* the target is one of their ``nodes`` (score 1.0), or one of their nodes is
  downstream of it with an impact score of at least ``alerts.impact_floor``
  (the score is the one the impact engine found for that node), or
* the target node belongs to one of their ``ecosystems`` (score 1.0), or the
  disruption reaches that ecosystem with at least the floor, or
* the subscription names neither nodes nor ecosystems (a catch-all desk): then
  the alert's own severity applies;

and ``severity_of(confidence x best score)`` is at or above their
``min_severity``.

Delivery timing (Alertmanager-like): an ``immediate`` subscriber's notices
open a group that is due ``group_wait`` later; every further notice for the
same recipient and channel created before the group is sent joins it (same due
time) and goes out in the same message. ``hourly`` digests are due at the next
full hour, ``daily@HH:MM`` at the next HH:MM (UTC).
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from graphs.model import ValueChain, split_edge_id
from monitor.alerts.model import (
    ALTERNATIVES_CAP,
    IMPACTED_CAP,
    LOCAL_ONLY_REACH,
    severity_of,
    severity_rank,
    target_facts,
)
from monitor.settings import AlertSettings, Subscription


_HOPS: weakref.WeakKeyDictionary[ValueChain, dict[tuple[str, str], tuple[str, float]]] = weakref.WeakKeyDictionary()


def hop_products(chain: ValueChain) -> dict[tuple[str, str], tuple[str, float]]:
    """``(from, to) -> (product, share)`` for every hop an impact path can take:
    a supply edge, and a via-node to the edge's customer (the largest share wins,
    as in the impact engine). Built once per chain."""
    hops = _HOPS.get(chain)
    if hops is None:
        hops = {}
        for e in chain.edges:
            for a in (e.source, *e.via):
                if (a, e.target) not in hops or e.share > hops[(a, e.target)][1]:
                    hops[(a, e.target)] = (e.product, e.share)
        _HOPS[chain] = hops
    return hops


def products_cut(chain: ValueChain, target: str) -> list[str]:
    """Products that stop flowing when ``target`` is disrupted: what the node
    supplies, what passes through it, or what the edge carries."""
    pair = split_edge_id(target)
    if pair:
        edges = [e for e in chain.edges_from(pair[0]) if e.target == pair[1]]
    else:
        edges = chain.edges_from(target) + chain.edges_via(target)
    return sorted({e.product for e in edges})


def impact_json(chain: ValueChain, engine: Any, target: str) -> dict[str, Any]:
    """What a disruption of ``target`` reaches, as stored on the alert.

    Keeps node names so that the CLI, e-mail and terminal render an alert
    without the graph (which may have been reloaded since).
    """
    pair = split_edge_id(target)
    nodes = list(pair) if pair else [target]
    known = [chain.nodes[n] for n in nodes if n in chain.nodes]
    if pair:
        name = " → ".join(chain.nodes[n].name if n in chain.nodes else n for n in nodes)
    else:
        name = known[0].name if known else target
    names: dict[str, str] = {n.id: n.name for n in known}
    impacted: list[dict[str, Any]] = []
    alternatives: list[dict[str, Any]] = []
    ecosystems: dict[str, float] = {}
    error = None
    try:
        impact = engine.assess([target], limit=ALTERNATIVES_CAP)  # only the first ones are kept
    except Exception as exc:  # unknown target after a reload, broken engine: keep the alert
        impact = None
        error = str(exc)
    paths: list[tuple[str, ...]] = []
    if impact is not None:
        # the engine lists them strongest first (score, then id): the cap keeps the strongest
        kept = impact.impacted[:IMPACTED_CAP]
        impacted = [{"node": hit.node, "score": round(hit.score, 4), "path": list(hit.path)} for hit in kept]
        paths = [tuple(hit.path) for hit in kept]
        for alt in impact.alternatives[:ALTERNATIVES_CAP]:
            alternatives.append(
                {
                    "node": alt.node, "product": alt.product, "replaces": alt.replaces, "for": alt.for_,
                    "existing": bool(getattr(alt, "existing", False)),
                    "distance_km": getattr(alt, "distance_km", None),
                }
            )
        ecosystems = {k: round(v, 4) for k, v in sorted(impact.ecosystems.items(), key=lambda kv: -kv[1])}
    nodes_by_id = chain.nodes
    hops_of = hop_products(chain)
    hops: dict[str, str] = {}
    # Paths share their first steps (the engine extends a node's path by one step for each
    # node it reaches): what a path adds to the names and hops after one seen before is its
    # last node and last hop; anything else is looked at step by step, in the same order.
    seen: set[tuple[str, ...]] = set()
    for path in paths:
        start = len(path) - 1 if path[:-1] in seen else 0
        seen.add(path)
        for node_id in path[start:]:
            if node_id not in names and node_id in nodes_by_id:
                names[node_id] = nodes_by_id[node_id].name
        for i in range(max(start, 1), len(path)):
            hop = hops_of.get((path[i - 1], path[i]))
            if hop is not None:
                hops[f"{path[i - 1]}>{path[i]}"] = hop[0]
    for alt in alternatives:
        for n in (alt["node"], alt["replaces"], alt["for"]):
            if n not in names and n in nodes_by_id:
                names[n] = nodes_by_id[n].name
    customers: dict[str, dict[str, Any]] = {}
    if alternatives:
        for n in {alt["for"] for alt in alternatives}:
            customers[n] = {
                "customers": sorted({e.target for e in chain.edges_from(n)}),
                "ecosystem": chain.nodes[n].ecosystem if n in chain.nodes else None,
            }
    eco_names = {e: chain.ecosystems[e].name for e in ecosystems if e in chain.ecosystems}
    for n in known:
        if n.ecosystem and n.ecosystem in chain.ecosystems:
            eco_names[n.ecosystem] = chain.ecosystems[n.ecosystem].name
    out: dict[str, Any] = {
        "target": {
            "id": target,
            "name": name,
            "nodes": nodes,
            "kinds": sorted({n.kind for n in known}),
            "ecosystems": sorted({n.ecosystem for n in known if n.ecosystem}),
            "known": len(known) == len(nodes),
        },
        "impacted": impacted,
        "ecosystems": ecosystems,
        "alternatives": alternatives,
        "hops": hops,  # "from>to" -> product carried on that hop of an impact path
        "products_cut": products_cut(chain, target),
        "alt_for": customers,  # alternative's customer -> its own customers and ecosystem
        "reach": max((h["score"] for h in impacted), default=0.0),
        "names": names,
        "ecosystem_names": eco_names,
    }
    if error:
        out["error"] = error
    return out


#: Impact snapshots kept per engine (most recently used targets).
IMPACT_CACHE_SIZE = 4096
_IMPACT_CACHE: weakref.WeakKeyDictionary[Any, OrderedDict[tuple[Any, ...], dict[str, Any]]] = weakref.WeakKeyDictionary()


def cached_impact_json(chain: ValueChain, engine: Any, target: str) -> dict[str, Any]:
    """:func:`impact_json`, cached per (engine, graph version, target).

    A runtime's graph only changes on reload, which builds a new engine (and
    a cache entry dies with its engine); the key also holds the chain's
    identity and version, so a chain changed under the same engine misses.
    Snapshots that carry an ``error`` are not cached. The returned dict is
    shared between alerts of the same target: treat it as read-only.
    """
    try:
        per_engine = _IMPACT_CACHE.get(engine)
        if per_engine is None:
            per_engine = _IMPACT_CACHE[engine] = OrderedDict()
    except TypeError:  # an engine that cannot be weakly referenced: no cache
        return impact_json(chain, engine, target)
    key = (target, id(chain), getattr(chain, "version", None), getattr(engine, "floor", None))
    hit = per_engine.get(key)
    if hit is not None:
        per_engine.move_to_end(key)
        return hit
    out = impact_json(chain, engine, target)
    if "error" not in out:
        per_engine[key] = out
        if len(per_engine) > IMPACT_CACHE_SIZE:
            per_engine.popitem(last=False)
    return out


def clear_impact_cache(engine: Any | None = None) -> None:
    """Forget the cached snapshots of ``engine`` (of every engine if ``None``)."""
    if engine is None:
        _IMPACT_CACHE.clear()
    else:
        _IMPACT_CACHE.pop(engine, None)


def alert_score(confidence: float, impact: Mapping[str, Any]) -> float:
    """``confidence x reach`` (see :mod:`monitor.alerts.model`)."""
    reach = float(impact.get("reach") or 0.0)
    return round(confidence * (reach if reach > 0 else LOCAL_ONLY_REACH), 4)


@dataclass(frozen=True)
class Route:
    """One subscriber's view of an alert."""

    subscription: str
    severity: str
    score: float
    nodes: tuple[dict[str, Any], ...] = field(default=())  # {node, score, path} at their nodes
    ecosystems: tuple[str, ...] = field(default=())
    alternatives: tuple[dict[str, Any], ...] = field(default=())  # only those that concern them
    catch_all: bool = False

    def payload(self) -> dict[str, Any]:
        return {"subscription": self.subscription, "severity": self.severity, "score": self.score,
                "nodes": [dict(n) for n in self.nodes], "ecosystems": list(self.ecosystems),
                "alternatives": [dict(a) for a in self.alternatives], "catch_all": self.catch_all}


def alternatives_for(sub: Subscription, impact: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The alternatives that concern a subscriber: a product stops flowing to
    one of their nodes, to a direct supplier of one of their nodes, or to a
    node of one of their ecosystems. A catch-all desk gets them all."""
    alts = list(impact.get("alternatives") or ())
    if not sub.nodes and not sub.ecosystems:
        return alts
    mine = set(sub.nodes)
    ecos = set(sub.ecosystems)
    info = impact.get("alt_for") or {}
    out = []
    for alt in alts:
        customer = alt.get("for")
        facts = info.get(customer) or {}
        if customer in mine or mine & set(facts.get("customers") or ()) or (facts.get("ecosystem") in ecos):
            out.append(alt)
    return out


def route(
    sub: Subscription, *, target: str, confidence: float, impact: Mapping[str, Any], settings: AlertSettings
) -> Route | None:
    """The subscriber's route for an alert, or ``None`` when they should not get it."""
    facts = target_facts(target, impact)
    is_edge = "->" in target
    floor = settings.impact_floor
    hits = {h["node"]: h for h in impact.get("impacted") or ()}
    best = 0.0
    nodes: list[dict[str, Any]] = []
    ecos: list[str] = []
    if not sub.nodes and not sub.ecosystems:
        best = alert_score(confidence, impact) / confidence if confidence > 0 else 0.0
    for n in sub.nodes:
        if not is_edge and n in facts["node"]:
            nodes.append({"node": n, "score": 1.0, "path": [n]})
            best = max(best, 1.0)
        elif n in hits and hits[n]["score"] >= floor:
            nodes.append({"node": n, "score": hits[n]["score"], "path": list(hits[n]["path"])})
            best = max(best, hits[n]["score"])
    eco_scores = impact.get("ecosystems") or {}
    for e in sub.ecosystems:
        if e in facts["ecosystem"]:
            ecos.append(e)
            best = max(best, 1.0)
        elif float(eco_scores.get(e, 0.0)) >= floor:
            ecos.append(e)
            best = max(best, float(eco_scores[e]))
    if best <= 0.0:
        return None
    score = round(confidence * best, 4)
    severity = severity_of(score, settings.severity_thresholds)
    if severity_rank(severity) < severity_rank(sub.min_severity):
        return None
    nodes.sort(key=lambda h: -h["score"])
    return Route(sub.name, severity, score, tuple(nodes), tuple(ecos), tuple(alternatives_for(sub, impact)),
                 catch_all=not sub.nodes and not sub.ecosystems)


def shown_on_terminal(alert: Any, settings: Any) -> bool:
    """Should the daemon print this alert? Yes when no subscription is configured
    (an operator at a terminal sees everything), else when a subscription with
    ``terminal: true`` would receive it."""
    subs = getattr(settings, "subscriptions", ())
    if not subs:
        return True
    return any(
        route(sub, target=alert.target, confidence=alert.confidence, impact=alert.impact or {},
              settings=settings.alerts) is not None
        for sub in subs if sub.terminal
    )


def channels(sub: Subscription) -> list[tuple[str, str]]:
    """``(channel, recipient)`` pairs of a subscription."""
    return [("email", a) for a in sub.email] + [("webhook", u) for u in sub.webhook]


def digest_due(digest: str, now: datetime) -> datetime | None:
    """When a digest subscriber's next message is due; ``None`` for ``immediate``."""
    if digest == "hourly":
        return now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    if digest.startswith("daily@"):
        hh, _, mm = digest[6:].partition(":")
        due = now.replace(hour=int(hh), minute=int(mm), second=0, microsecond=0)
        return due if due > now else due + timedelta(days=1)
    return None
