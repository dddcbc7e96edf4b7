"""What-if: how a disruption propagates downstream, and who could step in.

Rules (the contract ``monitor simulate`` and the alert rules rely on):

* **Targets.** A disrupted target is a node id, or an edge id ``"from->to"``
  (every product ``from`` supplies to ``to``). A disrupted node has impact 1.0.
* **Edges carry impact.** An edge ``s -> c`` with ``share`` carries
  ``impact(s) * share`` to its customer ``c``.
* **Via-nodes.** An edge whose ``via`` passes through a node ``v`` also carries
  ``impact(v) * share`` to its customer: a blocked port or canal breaks every
  flow that passes it. (The same holds for a via-node that is merely impacted,
  which keeps the rule monotone.) A disrupted edge carries ``1.0 * share`` to
  its customer.
* **Downstream.** Impact continues from every reached node along its own
  edges and the edges passing through it.
* **Strongest path.** A node's score is the largest product of shares over all
  paths from any disrupted target (max-product; several suppliers failing do
  not add up). It is found best-first, like Dijkstra on ``-log(share)``. When
  several edges join the same pair of nodes (several products, or the pair is
  both a supply relation and a via hop) the largest share counts.
* **Floor.** A node reached with a score below ``floor`` (default 0.05) is not
  impacted and does not pass impact on.
* **Output.** Disrupted nodes are not in ``impacted``. Each impacted node has
  the path carrying its score: node ids from the disrupted node -- or the
  disrupted via-node, or the supplier of a disrupted edge -- to the node. The
  ``ecosystems`` map gives, per ecosystem, the highest score of its impacted
  nodes (a disrupted node counts 1.0).

Alternatives: every edge that stops carrying its product -- its supplier is
disrupted, its ``via`` passes a disrupted node, or it is a disrupted edge --
leaves its customer (unless the customer is disrupted itself) looking for
that product. Candidates are the nodes that ``provide`` the product and are
neither disrupted, impacted, the failed supplier nor the customer. They are
ranked: existing relations first (the candidate already supplies the
customer something), then great-circle distance between the two locations
(unknown last), then id; at most ``max_alternatives`` per (product,
customer). ``replaces`` names the failed supplier with the largest share.

Speed: adjacency is built once per chain version (shared by every engine over
that chain, and only when the first what-if needs it: a daemon cycle without
events never pays for it) as plain lists sorted by share, so the search stops
scanning a node's edges as soon as the next one would fall below the floor;
results are cached per (disrupted set, version, options) in a small LRU.
Alternatives are ranked lazily: ``assess(..., limit=N)`` stops after the first
``N`` alternatives of the ranking (the alert path keeps 30), and within a
(product, customer) only the nearest candidates are sorted (a partial
selection that widens only when too many of them are excluded). Either way the
alternatives returned are the first ones of the full ranking.
"""

from __future__ import annotations

import heapq
import math
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from graphs.model import ValueChain, split_edge_id
from graphs.types import Alternative, Impact, ImpactedNode
from graphs.util import paused_gc
from graphs.yamlsrc import did_you_mean

DEFAULT_FLOOR = 0.05
EARTH_RADIUS_KM = 6371.0088


class ImpactError(ValueError):
    """A what-if that cannot be computed."""


class UnknownTargetError(ImpactError):
    """A disrupted target names no node or no edge of the graph."""

    def __init__(self, target: str, message: str):
        self.target = target
        super().__init__(message)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass(slots=True)
class _Index:
    """Integer adjacency of one chain version (built once, read-only)."""

    ids: list[str]
    pos: dict[str, int]
    #: node -> [(customer, share)] over its own edges and edges passing it, share desc
    prop: list[list[tuple[int, float]]]
    #: node -> edge indices leaving it / passing through it / entering it
    out_edges: list[list[int]]
    via_edges: list[list[int]]
    in_edges: list[list[int]]
    e_src: list[int]
    e_tgt: list[int]
    e_share: list[float]
    e_prod: list[int]
    products: list[str]
    provides: list[frozenset[int]]
    #: product -> provider node indices, in id order
    providers: dict[int, np.ndarray]
    #: product -> the providers' latitude, longitude (radians) and cos(latitude)
    prov_geo: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]]
    lat: np.ndarray  # radians, NaN when unknown
    lon: np.ndarray
    eco: list[str | None]
    #: the same coordinates in degrees as Python floats (per-pair distances)
    lat_deg: list[float]
    lon_deg: list[float]


def _build_index(chain: ValueChain) -> _Index:
    ids = list(chain.nodes)
    pos = {nid: i for i, nid in enumerate(ids)}
    n = len(ids)
    best: list[dict[int, float]] = [{} for _ in range(n)]
    out_edges: list[list[int]] = [[] for _ in range(n)]
    via_edges: list[list[int]] = [[] for _ in range(n)]
    in_edges: list[list[int]] = [[] for _ in range(n)]
    prod_pos: dict[str, int] = {}
    products: list[str] = []
    e_src: list[int] = []
    e_tgt: list[int] = []
    e_share: list[float] = []
    e_prod: list[int] = []

    def product_index(name: str) -> int:
        k = prod_pos.get(name)
        if k is None:
            k = prod_pos[name] = len(products)
            products.append(name)
        return k

    for k, edge in enumerate(chain.edges):
        s, t = pos.get(edge.source), pos.get(edge.target)
        if s is None or t is None:  # a validated chain has none; be safe anyway
            s = t = -1
        share = float(edge.share)
        e_src.append(s)
        e_tgt.append(t)
        e_share.append(share)
        e_prod.append(product_index(edge.product))
        if s < 0:
            continue
        out_edges[s].append(k)
        in_edges[t].append(k)
        if s != t:
            row = best[s]
            if row.get(t, 0.0) < share:
                row[t] = share
        for v_id in edge.via:
            v = pos.get(v_id)
            if v is None:
                continue
            via_edges[v].append(k)
            if v != t:
                row = best[v]
                if row.get(t, 0.0) < share:
                    row[t] = share

    prop = [sorted(row.items(), key=lambda kv: -kv[1]) for row in best]
    provides: list[frozenset[int]] = []
    by_product: dict[int, list[int]] = {}
    lat = np.full(n, np.nan)
    lon = np.full(n, np.nan)
    eco: list[str | None] = []
    for i, nid in enumerate(ids):
        node = chain.nodes[nid]
        ks = frozenset(product_index(p) for p in node.provides)
        provides.append(ks)
        for k in ks:
            by_product.setdefault(k, []).append(i)
        loc = node.location
        if loc.has_coordinates:
            lat[i] = math.radians(float(loc.lat))  # type: ignore[arg-type]
            lon[i] = math.radians(float(loc.lon))  # type: ignore[arg-type]
        eco.append(node.ecosystem)
    providers = {
        k: np.array(sorted(members, key=ids.__getitem__), dtype=np.int64)
        for k, members in by_product.items()
    }
    prov_geo = {k: (lat[v], lon[v], np.cos(lat[v])) for k, v in providers.items()}
    return _Index(
        ids=ids, pos=pos, prop=prop, out_edges=out_edges, via_edges=via_edges,
        in_edges=in_edges, e_src=e_src, e_tgt=e_tgt, e_share=e_share, e_prod=e_prod,
        products=products, provides=provides, providers=providers, prov_geo=prov_geo, lat=lat, lon=lon, eco=eco,
        lat_deg=[math.degrees(x) for x in lat.tolist()], lon_deg=[math.degrees(x) for x in lon.tolist()],
    )


_INDEXES: weakref.WeakKeyDictionary[ValueChain, tuple[str, _Index]] = weakref.WeakKeyDictionary()


def _index_for(chain: ValueChain) -> _Index:
    """The chain's index, shared by every engine over the same chain version."""
    cached = _INDEXES.get(chain)
    if cached is not None and cached[0] == chain.version:
        return cached[1]
    with paused_gc():
        index = _build_index(chain)
    _INDEXES[chain] = (chain.version, index)
    return index


class ImpactEngine:
    """Propagates disruptions over one :class:`ValueChain` (see module doc)."""

    def __init__(
        self,
        chain: ValueChain,
        floor: float = DEFAULT_FLOOR,
        *,
        max_alternatives: int = 5,
        cache_size: int = 512,
    ):
        if not 0.0 < floor <= 1.0:
            raise ImpactError(f"floor must be in (0, 1], got {floor!r}")
        self.chain = chain
        self.floor = float(floor)
        self.max_alternatives = max_alternatives
        self._cache_size = cache_size
        self._cache: OrderedDict[tuple[frozenset[str], str, bool, int | None], Impact] = OrderedDict()
        self._version = chain.version
        self._ix: _Index | None = None  # built on first use (see the module doc)

    @property
    def _index(self) -> _Index:
        if self._ix is None:
            self._ix = _index_for(self.chain)
        return self._ix

    # -- public -------------------------------------------------------------

    def assess(self, disrupted: Iterable[str], *, alternatives: bool = True, limit: int | None = None) -> Impact:
        """Impact and alternatives of disrupting ``disrupted`` (node or edge ids).

        ``alternatives=False`` skips the matchmaking (for bulk analysis);
        ``limit`` keeps only the first ``limit`` alternatives of the ranking
        (the same ones, found without ranking the rest).
        Raises :class:`UnknownTargetError` for a target the graph lacks.
        """
        targets = tuple(dict.fromkeys(str(t).strip() for t in disrupted))
        if not targets:
            raise ImpactError("nothing to disrupt: give at least one node or edge id")
        if limit is not None and limit < 0:
            raise ImpactError(f"limit must be >= 0, got {limit!r}")
        if self.chain.version != self._version:
            self._ix = None
            self._version = self.chain.version
            self._cache.clear()
        key = (frozenset(targets), self._version, alternatives, limit if alternatives else None)
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
            if hit.disrupted == targets:
                return hit
            return Impact(targets, hit.impacted, hit.alternatives, dict(hit.ecosystems))
        impact = self._assess(targets, alternatives, limit)
        self._cache[key] = impact
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return impact

    def clear_cache(self) -> None:
        """Forget cached results (the index stays)."""
        self._cache.clear()

    def check_target(self, target: str) -> None:
        """Raise :class:`UnknownTargetError` unless ``target`` names a node or edge."""
        self._resolve([target])

    # -- internals ----------------------------------------------------------

    def _resolve(self, targets: Iterable[str]) -> tuple[list[int], list[int]]:
        """Node indices and edge indices of the targets."""
        ix = self._index
        nodes: list[int] = []
        edges: list[int] = []
        for target in targets:
            pair = split_edge_id(target)
            if pair is None:
                i = ix.pos.get(target)
                if i is None:
                    raise UnknownTargetError(
                        target, f"unknown node {target!r}{did_you_mean(target, ix.ids)}"
                    )
                nodes.append(i)
                continue
            a, b = pair
            for end in (a, b):
                if end not in ix.pos:
                    raise UnknownTargetError(
                        target,
                        f"unknown node {end!r} in edge {target!r}{did_you_mean(end, ix.ids)}",
                    )
            s, t = ix.pos[a], ix.pos[b]
            found = [k for k in ix.out_edges[s] if ix.e_tgt[k] == t]
            if not found:
                others = [f"{a}->{ix.ids[ix.e_tgt[k]]}" for k in ix.out_edges[s]]
                raise UnknownTargetError(
                    target, f"no edge {target!r} in the graph{did_you_mean(target, others)}"
                )
            edges.extend(found)
        return nodes, edges

    def _assess(self, targets: tuple[str, ...], with_alternatives: bool, limit: int | None = None) -> Impact:
        ix = self._index
        floor = self.floor
        node_seeds, edge_seeds = self._resolve(targets)
        disrupted = set(node_seeds)

        score: dict[int, float] = {}
        # pred[x] >= 0: predecessor node; pred[x] < 0: -(root + 1) for an edge seed's supplier
        pred: dict[int, int] = {}
        heap: list[tuple[float, int]] = []
        for i in disrupted:
            score[i] = 1.0
            heap.append((-1.0, i))
        for k in edge_seeds:
            t, share = ix.e_tgt[k], ix.e_share[k]
            if share >= floor and share > score.get(t, 0.0):
                score[t] = share
                pred[t] = -(ix.e_src[k] + 1)
                heap.append((-share, t))
        heapq.heapify(heap)

        done: set[int] = set()
        order: list[int] = []  # finalisation order: a node's predecessor comes first
        prop = ix.prop
        while heap:
            neg, x = heapq.heappop(heap)
            if x in done:
                continue
            done.add(x)
            order.append(x)
            sx = -neg
            for t, share in prop[x]:
                ns = sx * share
                if ns < floor:
                    break  # rows are sorted by share: the rest are weaker
                if ns > score.get(t, 0.0):
                    score[t] = ns
                    pred[t] = x
                    heapq.heappush(heap, (-ns, t))

        ids = ix.ids
        paths: dict[int, tuple[str, ...]] = {}
        impacted: list[ImpactedNode] = []
        for x in order:
            p = pred.get(x)
            if p is None:
                paths[x] = (ids[x],)
            elif p < 0:
                paths[x] = (ids[-p - 1], ids[x])
            else:
                paths[x] = paths[p] + (ids[x],)
            if x not in disrupted:
                impacted.append(ImpactedNode(ids[x], score[x], paths[x]))
        impacted.sort(key=lambda h: (-h.score, h.node))

        ecosystems: dict[str, float] = {}
        for x, sc in score.items():
            eco = ix.eco[x]
            if eco is not None and sc > ecosystems.get(eco, 0.0):
                ecosystems[eco] = sc
        ecosystems = dict(sorted(ecosystems.items(), key=lambda kv: (-kv[1], kv[0])))

        alternatives = self._alternatives(disrupted, edge_seeds, score, limit) if with_alternatives else []
        return Impact(targets, tuple(impacted), tuple(alternatives), ecosystems)

    def _alternatives(
        self, disrupted: set[int], edge_seeds: list[int], score: dict[int, float], limit: int | None = None
    ) -> list[Alternative]:
        ix = self._index
        broken: set[int] = set(edge_seeds)
        for i in disrupted:
            broken.update(ix.out_edges[i])
            broken.update(ix.via_edges[i])
        # (customer, product) -> (failed suppliers, supplier with the largest share, share)
        groups: dict[tuple[int, int], list] = {}
        for k in broken:
            c, s = ix.e_tgt[k], ix.e_src[k]
            if c < 0 or c in disrupted:
                continue
            g = groups.get((c, ix.e_prod[k]))
            if g is None:
                groups[(c, ix.e_prod[k])] = [{s}, s, ix.e_share[k]]
            else:
                g[0].add(s)
                if ix.e_share[k] > g[2] or (ix.e_share[k] == g[2] and ix.ids[s] < ix.ids[g[1]]):
                    g[1], g[2] = s, ix.e_share[k]

        order = sorted(groups, key=lambda cp: (-score.get(cp[0], 0.0), ix.ids[cp[0]], ix.products[cp[1]]))
        out: list[Alternative] = []
        k_max = self.max_alternatives
        for c, p in order:
            if limit is not None and len(out) >= limit:
                break
            failed, replaces, _ = groups[(c, p)]
            cands = ix.providers.get(p)
            if cands is None or len(cands) == 0:
                continue

            def excluded(i: int) -> bool:
                return i == c or i in failed or i in disrupted or i in score

            existing = sorted(
                {ix.e_src[k] for k in ix.in_edges[c] if p in ix.provides[ix.e_src[k]]},
                key=lambda i: ix.ids[i],
            )
            near = [(self._distance_of(i, c), i) for i in existing if not excluded(i)]
            near.sort(key=lambda di: (di[0] is None, di[0] or 0.0, ix.ids[di[1]]))
            picked: list[tuple[int, bool, float | None]] = [(i, True, d) for d, i in near[:k_max]]
            if len(picked) < k_max:
                picked.extend((i, False, self._distance_of(i, c)) for i in self._nearest(
                    p, c, k_max - len(picked), excluded, {i for i, _, _ in picked}))
            for i, is_existing, d in picked:
                out.append(
                    Alternative(
                        node=ix.ids[i],
                        product=ix.products[p],
                        replaces=ix.ids[replaces],
                        for_=ix.ids[c],
                        existing=is_existing,
                        distance_km=None if d is None else round(d, 1),
                    )
                )
        return out if limit is None else out[:limit]

    def _nearest(self, p: int, c: int, need: int, excluded: Callable[[int], bool], chosen: set[int]) -> list[int]:
        """The first ``need`` candidates in (distance, id) order that are not
        excluded nor chosen -- the prefix of a stable argsort of the distances,
        without sorting all of them: take the smallest distances (every tie of
        the last one included) and widen only if too many were skipped."""
        cands = self._index.providers[p]
        dist = self._distances(p, c)
        n = len(cands)
        take = min(n, need + len(chosen) + 8)
        while True:
            if take >= n:
                idx = np.argsort(dist, kind="stable")
            else:
                kth = np.partition(dist, take - 1)[take - 1]
                sel = np.flatnonzero(dist <= kth)  # ascending positions = id order
                idx = sel[np.argsort(dist[sel], kind="stable")]
            found: list[int] = []
            for j in idx.tolist():
                i = int(cands[j])
                if i in chosen or excluded(i):
                    continue
                found.append(i)
                if len(found) >= need:
                    return found
            if take >= n or len(idx) >= n:
                return found
            take = min(n, take * 4)

    def _distances(self, p: int, c: int) -> np.ndarray:
        """Distances (km) from ``c`` to each provider of ``p``; +inf when unknown."""
        ix = self._index
        lat1, lon1 = ix.lat[c], ix.lon[c]
        lat2, lon2, cos2 = ix.prov_geo[p]
        if math.isnan(lat1):
            return np.zeros(len(lat2))  # unknown: keep id order
        a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * cos2 * np.sin((lon2 - lon1) / 2) ** 2
        d = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))
        return np.where(np.isnan(d), np.inf, d)

    def _distance_of(self, i: int, c: int) -> float | None:
        ix = self._index
        lat_i, lat_c = ix.lat_deg[i], ix.lat_deg[c]
        if lat_i != lat_i or lat_c != lat_c:  # NaN: unknown
            return None
        return haversine_km(lat_i, ix.lon_deg[i], lat_c, ix.lon_deg[c])


def assess(chain: ValueChain, disrupted: Iterable[str], floor: float = DEFAULT_FLOOR) -> Impact:
    """One-off convenience: ``ImpactEngine(chain, floor).assess(disrupted)``."""
    return ImpactEngine(chain, floor).assess(disrupted)
