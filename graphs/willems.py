"""Import a Willems (2008) multi-echelon supply chain as a :class:`ValueChain`.

Willems, S. P. (2008). Real-World Multi-Echelon Supply Chains Used for
Inventory Optimization. M&SOM 10(1):19-23. Each chain comes as two CSV
exports: ``NN_SD.csv`` (one row per stage) and ``NN_LL.csv`` (arcs
``sourceStage,destinationStage``, upstream -> downstream).

Mapping: each stage becomes a node whose id and name are the stage name, with
a kind from its prefix (``Part_`` material, ``Manuf_`` site, ``Trans_`` route,
``Dist_`` hub, ``Retail_`` company) and ``provides`` its own name; each arc
becomes an edge whose product is the source stage's name and whose share is
``1 / number of suppliers of the destination`` (the data has no quantities).
All nodes share one ecosystem, ``willems-<chain_id>``. These are real graphs
to test the model, propagation and drawings on at realistic sizes.
"""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from pathlib import Path

from graphs.model import Ecosystem, Edge, Node, SourceRef, ValueChain

KIND_BY_PREFIX = {
    "Part": "material",
    "Manuf": "site",
    "Trans": "route",
    "Dist": "hub",
    "Retail": "company",
}


class WillemsFormatError(ValueError):
    """A Willems CSV that does not have the expected shape (names file and line)."""


def _rows(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise WillemsFormatError(f"{path}: cannot read: {exc.strerror}") from None
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise WillemsFormatError(f"{path}:1: missing column(s) {', '.join(missing)}")
        return [(reader.line_num, row) for row in reader]


def _describe(row: dict[str, str]) -> str | None:
    parts = []
    for key, label in (("stageCost", "cost"), ("stageTime", "stage time (d)"), ("relDepth", "depth")):
        value = (row.get(key) or "").strip()
        if value:
            parts.append(f"{label} {value}")
    return ", ".join(parts) or None


def load_willems(sd_csv: str | Path, ll_csv: str | Path, *, chain_id: str) -> ValueChain:
    """Read one Willems chain (stages and arcs CSV) into a :class:`ValueChain`."""
    sd_path, ll_path = Path(sd_csv), Path(ll_csv)
    eco_id = f"willems-{chain_id}"
    nodes: dict[str, Node] = {}
    for line, row in _rows(sd_path, ("Stage Name",)):
        name = (row["Stage Name"] or "").strip()
        if not name:
            continue
        prefix = name.split("_", 1)[0]
        kind = KIND_BY_PREFIX.get(prefix)
        if kind is None:
            raise WillemsFormatError(
                f"{sd_path}:{line}: stage {name!r} has no known prefix ({', '.join(k + '_' for k in KIND_BY_PREFIX)})"
            )
        if name in nodes:
            raise WillemsFormatError(f"{sd_path}:{line}: duplicate stage {name!r} (first at line {nodes[name].where.line})")
        nodes[name] = Node(
            id=name,
            name=name,
            kind=kind,
            ecosystem=eco_id,
            provides=(name,),
            description=_describe(row),
            where=SourceRef(str(sd_path), line),
        )

    arcs: list[tuple[int, str, str]] = []
    seen: set[tuple[str, str]] = set()
    for line, row in _rows(ll_path, ("sourceStage", "destinationStage")):
        s, t = (row["sourceStage"] or "").strip(), (row["destinationStage"] or "").strip()
        if not s and not t:
            continue
        for stage in (s, t):
            if stage not in nodes:
                raise WillemsFormatError(f"{ll_path}:{line}: unknown stage {stage!r}")
        if (s, t) in seen:
            continue
        seen.add((s, t))
        arcs.append((line, s, t))

    suppliers = Counter(t for _, _, t in arcs)
    edges = [
        Edge(s, t, product=s, share=1.0 / suppliers[t], where=SourceRef(str(ll_path), line))
        for line, s, t in arcs
    ]
    digest = hashlib.sha256()
    for path in (sd_path, ll_path):
        digest.update(path.read_bytes())
    return ValueChain(
        ecosystems={eco_id: Ecosystem(eco_id, f"Willems (2008) chain {chain_id}")},
        nodes=nodes,
        edges=edges,
        version=f"willems-{chain_id}-{digest.hexdigest()[:16]}",
        files=(str(sd_path), str(ll_path)),
    )
