"""Export the value chain for other tools, and import it back from spreadsheets.

- ``graphml`` and ``gexf`` (Gephi, yEd, Cytoscape) through networkx's
  writers. Their attributes must be scalars, so lists (aliases, provides, via)
  are joined with ``;`` and the location is flattened into ``country``,
  ``region``, ``city``, ``lat``, ``lon``; absent values are left out.
- ``json``: ``{"ecosystems": [...], "nodes": [...], "edges": [...]}`` with
  every config field. JSON is YAML, so this document is itself a valid
  ``graph/*.yaml`` file.
- ``csv``: two files, ``nodes.csv`` and ``edges.csv`` (:func:`export_csv`);
  :func:`import_csv` turns such a pair back into YAML that validates, with
  errors naming the CSV file, line and column.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import yaml

from graphs.loader import EDGE_KEYS, merge_parts, parse_part
from graphs.model import Edge, Node, ValueChain
from graphs.yamlsrc import ConfigError, LineDict, LineList, Problem, did_you_mean

__all__ = [
    "FORMATS",
    "NODE_COLUMNS",
    "EDGE_COLUMNS",
    "ExportError",
    "export_graph",
    "to_dict",
    "scalar_graph",
    "csv_tables",
    "export_csv",
    "import_csv",
]

FORMATS = ("graphml", "gexf", "json", "csv")
LIST_SEPARATOR = ";"
NODE_COLUMNS = (
    "id",
    "name",
    "kind",
    "ecosystem",
    "ecosystem_name",
    "country",
    "region",
    "city",
    "lat",
    "lon",
    "aliases",
    "provides",
    "description",
)
EDGE_COLUMNS = EDGE_KEYS  # from, to, product, share, via
_REQUIRED_NODE_COLUMNS = ("id", "name", "kind")
_REQUIRED_EDGE_COLUMNS = ("from", "to", "product")
_LOCATION_COLUMNS = ("country", "region", "city", "lat", "lon")


class ExportError(ValueError):
    """An export that cannot be made (unknown format, csv without a directory)."""


# --------------------------------------------------------------------------
# Plain structures


def node_dict(node: Node) -> dict[str, Any]:
    """Every config field of a node, in config order."""
    loc = node.location
    return {
        "id": node.id,
        "name": node.name,
        "kind": node.kind,
        "ecosystem": node.ecosystem,
        "location": {
            "country": loc.country,
            "region": loc.region,
            "city": loc.city,
            "lat": loc.lat,
            "lon": loc.lon,
        },
        "aliases": list(node.aliases),
        "provides": list(node.provides),
        "description": node.description,
    }


def edge_dict(edge: Edge) -> dict[str, Any]:
    """Every config field of an edge, with the config's key names."""
    return {
        "from": edge.source,
        "to": edge.target,
        "product": edge.product,
        "share": edge.share,
        "via": list(edge.via),
    }


def to_dict(chain: ValueChain) -> dict[str, list[dict[str, Any]]]:
    """``{"ecosystems", "nodes", "edges"}`` with every config field."""
    return {
        "ecosystems": [{"id": e.id, "name": e.name} for e in chain.ecosystems.values()],
        "nodes": [node_dict(n) for n in chain.nodes.values()],
        "edges": [edge_dict(e) for e in chain.edges],
    }


def _node_attrs(node: Node, chain: ValueChain) -> dict[str, Any]:
    loc = node.location
    eco = chain.ecosystems.get(node.ecosystem) if node.ecosystem else None
    attrs: dict[str, Any] = {
        "label": node.name,
        "name": node.name,
        "kind": node.kind,
        "ecosystem": node.ecosystem,
        "ecosystem_name": eco.name if eco else None,
        "country": loc.country,
        "region": loc.region,
        "city": loc.city,
        "lat": loc.lat,
        "lon": loc.lon,
        "aliases": LIST_SEPARATOR.join(node.aliases) or None,
        "provides": LIST_SEPARATOR.join(node.provides) or None,
        "description": node.description,
    }
    return {k: v for k, v in attrs.items() if v is not None}


def scalar_graph(chain: ValueChain) -> nx.MultiDiGraph:
    """A networkx graph whose attributes are all scalars (for file writers).

    Edges are keyed by product; each edge carries an ``id`` ``from->to:product``.
    """
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph(name="value chain", version=chain.version)
    for node in chain.nodes.values():
        g.add_node(node.id, **_node_attrs(node, chain))
    for edge in chain.edges:
        attrs: dict[str, Any] = {"product": edge.product, "share": float(edge.share)}
        if edge.via:
            attrs["via"] = LIST_SEPARATOR.join(edge.via)
        g.add_edge(edge.source, edge.target, key=edge.product, id=f"{edge.id}:{edge.product}", **attrs)
    return g


def export_graph(chain: ValueChain, fmt: str) -> bytes | str:
    """The graph as ``graphml`` or ``gexf`` (bytes, UTF-8 XML) or ``json`` (str).

    CSV is two files: use :func:`export_csv` or :func:`csv_tables`.
    """
    if fmt == "json":
        return json.dumps(to_dict(chain), ensure_ascii=False, indent=2) + "\n"
    if fmt in ("graphml", "gexf"):
        g = scalar_graph(chain)
        buf = io.BytesIO()
        if fmt == "graphml":
            nx.write_graphml(g, buf, encoding="utf-8", prettyprint=True)
        else:
            nx.write_gexf(g, buf, encoding="utf-8", prettyprint=True)
        return buf.getvalue()
    if fmt == "csv":
        raise ExportError("csv export writes two files (nodes.csv, edges.csv): use export_csv(chain, out_dir)")
    raise ExportError(f"unknown export format {fmt!r}{did_you_mean(fmt, FORMATS)}")


# --------------------------------------------------------------------------
# CSV


def _fmt_number(value: float | None) -> str:
    return "" if value is None else repr(value)


def csv_tables(chain: ValueChain) -> tuple[str, str]:
    """``(nodes.csv, edges.csv)`` as text; lists joined with ``;``."""
    nodes_buf, edges_buf = io.StringIO(), io.StringIO()
    w = csv.writer(nodes_buf, lineterminator="\n")
    w.writerow(NODE_COLUMNS)
    for node in chain.nodes.values():
        loc = node.location
        eco = chain.ecosystems.get(node.ecosystem) if node.ecosystem else None
        w.writerow(
            [
                node.id,
                node.name,
                node.kind,
                node.ecosystem or "",
                eco.name if eco else "",
                loc.country or "",
                loc.region or "",
                loc.city or "",
                _fmt_number(loc.lat),
                _fmt_number(loc.lon),
                LIST_SEPARATOR.join(node.aliases),
                LIST_SEPARATOR.join(node.provides),
                node.description or "",
            ]
        )
    w = csv.writer(edges_buf, lineterminator="\n")
    w.writerow(EDGE_COLUMNS)
    for edge in chain.edges:
        w.writerow([edge.source, edge.target, edge.product, repr(float(edge.share)), LIST_SEPARATOR.join(edge.via)])
    return nodes_buf.getvalue(), edges_buf.getvalue()


def export_csv(chain: ValueChain, out_dir: Path) -> tuple[Path, Path]:
    """Write ``nodes.csv`` and ``edges.csv`` into ``out_dir`` (created if needed)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    nodes_text, edges_text = csv_tables(chain)
    nodes_path, edges_path = out_dir / "nodes.csv", out_dir / "edges.csv"
    nodes_path.write_text(nodes_text, encoding="utf-8")
    edges_path.write_text(edges_text, encoding="utf-8")
    return nodes_path, edges_path


def _rows(
    text: str, file: str, columns: tuple[str, ...], required: tuple[str, ...], problems: list[Problem]
) -> Iterator[tuple[int, dict[str, str]]]:
    """``(line, {column: cell})`` for each non-blank row; header problems collected."""
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        problems.append(Problem(file, 1, "empty file: expected a header row"))
        return
    except csv.Error as exc:
        problems.append(Problem(file, 1, f"CSV syntax error: {exc}"))
        return
    names = [h.strip() for h in header]
    for col, name in enumerate(names, start=1):
        if name not in columns:
            problems.append(
                Problem(file, 1, f"column {col}: unknown column {name!r}{did_you_mean(name, columns)}")
            )
    for name in required:
        if name not in names:
            problems.append(Problem(file, 1, f"missing required column {name!r}"))
    if any(p.file == file for p in problems):
        return
    line = reader.line_num
    while True:
        start = line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.append(Problem(file, reader.line_num, f"CSV syntax error: {exc}"))
            return
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(names):
            problems.append(
                Problem(file, start, f"row has {len(row)} cells but the header has {len(names)} columns")
            )
            continue
        yield start, {name: cell.strip() for name, cell in zip(names, row)}


def _number(cell: str, file: str, line: int, column: str, problems: list[Problem]) -> float | None:
    try:
        return float(cell)
    except ValueError:
        problems.append(Problem(file, line, f"column {column!r}: expected a number, got {cell!r}"))
        return None


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(LIST_SEPARATOR) if part.strip()]


def _mapping(file: str, line: int, items: dict[str, Any]) -> LineDict:
    m = LineDict(items)
    m.file, m.line, m.key_lines = file, line, {k: line for k in items}
    return m


def _listing(file: str, line: int, items: list[Any]) -> LineList:
    seq = LineList(items)
    seq.file, seq.line, seq.item_lines = file, line, [line] * len(items)
    return seq


def import_csv(
    nodes_csv: Path | str,
    edges_csv: Path | str,
    *,
    nodes_name: str | None = None,
    edges_name: str | None = None,
) -> str:
    """Turn ``nodes.csv`` + ``edges.csv`` into one ``graph/*.yaml`` text.

    Columns are those :func:`csv_tables` writes (``ecosystem_name`` names the
    ecosystems to declare; missing names default to the id). Lists are ``;``
    separated (so a ``;`` inside one alias cannot survive a CSV round trip).
    ``nodes_name``/``edges_name`` are the file names used in messages
    (default: the base names). The result is checked with the same rules as
    the loader, and every problem is raised at once as :class:`ConfigError`
    naming the CSV file, its line and the column: a YAML file is only
    produced if it validates.
    """
    nodes_path, edges_path = Path(nodes_csv), Path(edges_csv)
    nfile, efile = nodes_name or nodes_path.name, edges_name or edges_path.name
    problems: list[Problem] = []
    texts = {}
    for path, name in ((nodes_path, nfile), (edges_path, efile)):
        try:
            texts[name] = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            problems.append(Problem(name, 0, f"not UTF-8 text: {exc.reason}"))
        except OSError as exc:
            problems.append(Problem(name, 0, f"cannot read: {exc.strerror}"))
    if problems:
        raise ConfigError(problems)

    ecosystems: dict[str, dict[str, Any]] = {}
    eco_names: dict[str, tuple[str, int]] = {}
    nodes: list[dict[str, Any]] = []
    node_lines: list[int] = []
    for line, row in _rows(texts[nfile], nfile, NODE_COLUMNS, _REQUIRED_NODE_COLUMNS, problems):
        node: dict[str, Any] = {k: row[k] for k in ("id", "name", "kind") if row.get(k)}
        eco = row.get("ecosystem", "")
        if eco:
            node["ecosystem"] = eco
            eco_name = row.get("ecosystem_name", "")
            if eco not in ecosystems:
                ecosystems[eco] = {"id": eco, "name": eco_name or eco}
                eco_names[eco] = (eco_name, line)
            elif eco_name and eco_names[eco][0] and eco_name != eco_names[eco][0]:
                problems.append(
                    Problem(
                        nfile,
                        line,
                        f"column 'ecosystem_name': {eco_name!r} differs from {eco_names[eco][0]!r}"
                        f" given for ecosystem {eco!r} at line {eco_names[eco][1]}",
                    )
                )
            elif eco_name and not eco_names[eco][0]:
                ecosystems[eco]["name"] = eco_name
                eco_names[eco] = (eco_name, line)
        location: dict[str, Any] = {}
        for col in _LOCATION_COLUMNS:
            cell = row.get(col, "")
            if not cell:
                continue
            if col in ("lat", "lon"):
                value = _number(cell, nfile, line, col, problems)
                if value is not None:
                    location[col] = value
            else:
                location[col] = cell
        if location:
            node["location"] = _mapping(nfile, line, location)
        for col in ("aliases", "provides"):
            items = _split(row.get(col, ""))
            if items:
                node[col] = _listing(nfile, line, items)
        if row.get("description"):
            node["description"] = row["description"]
        nodes.append(node)
        node_lines.append(line)

    edges: list[dict[str, Any]] = []
    edge_lines: list[int] = []
    for line, row in _rows(texts[efile], efile, EDGE_COLUMNS, _REQUIRED_EDGE_COLUMNS, problems):
        edge: dict[str, Any] = {k: row[k] for k in ("from", "to", "product") if row.get(k)}
        if row.get("share"):
            share = _number(row["share"], efile, line, "share", problems)
            if share is not None:
                edge["share"] = share
        via = _split(row.get("via", ""))
        if via:
            edge["via"] = _listing(efile, line, via)
        edges.append(edge)
        edge_lines.append(line)

    # The loader's own checks, with CSV files and lines as the source.
    eco_entries = [_mapping(nfile, eco_names[e][1], d) for e, d in ecosystems.items()]
    eco_part = parse_part(_mapping(nfile, 1, {"ecosystems": _listing(nfile, 1, eco_entries)}), nfile)
    node_part = parse_part(
        _mapping(nfile, 1, {"nodes": LineList(_mapping(nfile, ln, n) for n, ln in zip(nodes, node_lines))}),
        nfile,
    )
    edge_part = parse_part(
        _mapping(efile, 1, {"edges": LineList(_mapping(efile, ln, e) for e, ln in zip(edges, edge_lines))}),
        efile,
    )
    _, checked = merge_parts([eco_part, node_part, edge_part])
    problems.extend(p for p in checked if p.level == "error")
    if problems:
        problems.sort(key=lambda p: (p.file, p.line))
        raise ConfigError(problems)

    doc = {
        "ecosystems": list(ecosystems.values()),
        "nodes": [_plain(n) for n in nodes],
        "edges": [_plain(e) for e in edges],
    }
    header = f"# Imported from {nfile} and {efile} by `monitor graph import`.\n"
    return header + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, default_flow_style=None, width=100)


def _plain(value: Any) -> Any:
    """LineDict/LineList -> dict/list, for the YAML dumper."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
