"""Deterministic random value chains for tests and the benchmark.

The shape imitates a real multi-tier chain, so propagation figures mean
something: nodes sit in tiers (materials -> sites -> component makers ->
integrators -> clusters/regions) inside a few ecosystems; most edges go one
tier down-stream within an ecosystem, some skip a tier or cross ecosystems;
a customer's suppliers of one product split its need (shares sum to at most
1, a lone supplier usually meets most of it); about a third of the flows pass
a port (a few ports carry most of it) and some also a chokepoint; every
producer ``provides`` one or two products of its tier, so alternatives exist.
"""

from __future__ import annotations

import bisect
import itertools
import random

from graphs.model import Ecosystem, Edge, Location, Node, ValueChain

ECOSYSTEMS = (
    ("automotive", "Automotive"),
    ("electronics", "Electronics"),
    ("chemicals", "Chemicals"),
    ("energy", "Energy"),
    ("aerospace", "Aerospace"),
    ("health", "Health"),
    ("machinery", "Machinery"),
    ("agrifood", "Agri-food"),
)

#: (kind, part of the producing nodes) per tier, upstream first.
TIERS = (
    ("material", 0.15),
    ("site", 0.25),
    ("company", 0.30),
    ("company", 0.20),
    ("cluster", 0.10),
)


def random_chain(n_nodes: int, n_edges: int, seed: int = 0) -> ValueChain:
    """A layered random :class:`ValueChain` with ``n_nodes`` nodes and ``n_edges`` edges.

    Same arguments, same chain (ids, shares, via lists, locations). Asking for
    more edges than distinct (supplier, customer, product) triples allow
    yields fewer edges.
    """
    if n_nodes < 10:
        raise ValueError("random_chain needs at least 10 nodes")
    rng = random.Random(seed)
    ecos = {eid: Ecosystem(eid, name) for eid, name in ECOSYSTEMS}
    eco_ids = list(ecos)

    n_choke = max(1, min(12, n_nodes // 5000))
    n_ports = max(2, n_nodes // 500)
    n_prod = n_nodes - n_ports - n_choke
    nodes: dict[str, Node] = {}
    counter = itertools.count()

    def new_id() -> str:
        return f"n{next(counter):06d}"

    ports: list[str] = []
    for k in range(n_ports):
        nid = new_id()
        lat, lon = rng.uniform(36, 60), rng.uniform(-9, 28)
        nodes[nid] = Node(nid, f"Port {k + 1}", "port", None, Location(lat=round(lat, 4), lon=round(lon, 4)))
        ports.append(nid)
    chokes: list[str] = []
    for k in range(n_choke):
        nid = new_id()
        lat, lon = rng.uniform(0, 40), rng.uniform(-10, 110)
        nodes[nid] = Node(nid, f"Strait {k + 1}", "chokepoint", None, Location(lat=round(lat, 4), lon=round(lon, 4)))
        chokes.append(nid)

    # product pools per (ecosystem, tier)
    per_pool = max(3, n_nodes // 2000)
    pools = {
        (e, t): [f"{e}-t{t}-p{k}" for k in range(per_pool)]
        for e in eco_ids
        for t in range(len(TIERS) - 1)
    }

    # producing nodes: members[(eco, tier)] -> ids; tier_of, eco_of, provides_of
    members: dict[tuple[str, int], list[str]] = {(e, t): [] for e in eco_ids for t in range(len(TIERS))}
    tier_of: dict[str, int] = {}
    provides_of: dict[str, tuple[str, ...]] = {}
    counts = [int(n_prod * part) for _, part in TIERS]
    counts[-1] += n_prod - sum(counts)
    for t, ((kind, _), count) in enumerate(zip(TIERS, counts, strict=True)):
        for k in range(count):
            eco = eco_ids[rng.randrange(len(eco_ids))]
            nid = new_id()
            if t < len(TIERS) - 1:
                pool = pools[(eco, t)]
                provides = tuple(sorted(set(rng.sample(pool, min(len(pool), rng.choice((1, 1, 2)))))))
            else:
                provides = ()
            if kind == "material" and rng.random() < 0.3:
                lat, lon = rng.uniform(-35, 60), rng.uniform(-120, 140)
            else:
                lat, lon = rng.uniform(36, 62), rng.uniform(-9, 30)
            nodes[nid] = Node(
                nid,
                f"{ecos[eco].name} {kind} {k + 1}",
                kind,
                eco,
                Location(lat=round(lat, 4), lon=round(lon, 4)),
                provides=provides,
            )
            members[(eco, t)].append(nid)
            tier_of[nid] = t
            provides_of[nid] = provides

    # Zipf-like port popularity: a few ports carry most flows.
    port_cum = list(itertools.accumulate(1.0 / (r + 1) for r in range(len(ports))))

    def pick_port() -> str:
        return ports[bisect.bisect_left(port_cum, rng.random() * port_cum[-1])]

    customers = [nid for nid in nodes if tier_of.get(nid, 0) > 0]
    raw: dict[tuple[str, str], list[tuple[str, tuple[str, ...]]]] = {}  # (customer, product) -> [(supplier, via)]
    seen: set[tuple[str, str, str]] = set()
    # a customer needs two products of each (ecosystem, tier) it buys from, each
    # from a few suppliers: shares split, as in real sourcing
    needs_of: dict[tuple[str, str | None, int], list[str]] = {}
    providers: dict[str, list[str]] = {}
    for nid, provided in provides_of.items():
        for product in provided:
            providers.setdefault(product, []).append(nid)
    made, attempts = 0, 0
    while made < n_edges and attempts < n_edges * 4:
        attempts += 1
        c = customers[rng.randrange(len(customers))]
        ct = tier_of[c]
        st = ct - 1 if (ct == 1 or rng.random() < 0.8) else rng.randrange(ct - 1)
        own = nodes[c].ecosystem  # every synthetic node has one
        eco = own if own is not None and rng.random() < 0.85 else eco_ids[rng.randrange(len(eco_ids))]
        key = (c, eco, st)
        needs = needs_of.get(key)
        if needs is None:
            pool = pools[(eco, st)]
            needs = needs_of[key] = rng.sample(pool, min(2, len(pool)))
        product = needs[rng.randrange(len(needs))]
        group = providers.get(product)
        if not group:
            continue
        s = group[rng.randrange(len(group))]
        if (s, c, product) in seen:
            continue
        seen.add((s, c, product))
        r = rng.random()
        if r < 0.3:
            via: tuple[str, ...] = (pick_port(),)
            if r < 0.05:
                via = (via[0], chokes[rng.randrange(len(chokes))])
        else:
            via = ()
        raw.setdefault((c, product), []).append((s, via))
        made += 1

    edges: list[Edge] = []
    for (c, product), suppliers in raw.items():
        if len(suppliers) == 1:
            weights = [rng.uniform(0.5, 1.0)]
        else:
            w = [rng.uniform(0.2, 1.0) for _ in suppliers]
            cover = 1.0 if rng.random() < 0.8 else rng.uniform(0.6, 1.0)
            total = sum(w)
            weights = [x / total * cover for x in w]
        for (s, via), share in zip(suppliers, weights, strict=True):
            edges.append(Edge(s, c, product, round(max(share, 0.01), 3), via))
    rng.shuffle(edges)
    return ValueChain(
        ecosystems=ecos,
        nodes=nodes,
        edges=edges,
        version=f"synthetic-{n_nodes}-{n_edges}-{seed}",
    )
