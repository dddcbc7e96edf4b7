"""Load and validate the value-chain graph from ``graph/*.yaml``.

Every ``*.yaml`` / ``*.yml`` file under the graph directory -- recursively,
in sorted order of their relative paths, skipping names that start with a dot
(editor and VCS files) -- is merged into one :class:`~graphs.model.ValueChain`.
Checking happens in two stages:

1. **per file** (:func:`parse_part`): YAML syntax, unknown keys, missing
   fields, wrong types, ranges, kinds. The result, a :class:`GraphPart`, only
   depends on the file's name and content, so :class:`GraphCache` keeps it and
   a reload re-parses only the files whose SHA-256 changed;
2. **merged** (:func:`merge_parts`): duplicate ids, edges and ``via`` lists
   naming unknown nodes, unknown ecosystems, duplicate edges -- and warnings.
   This always runs, because any file can break another one's references.

Every problem is reported at once as ``FILE:LINE: message`` with file names
relative to ``display_root`` (by default the config directory, the parent of
``graph/``), so the messages read ``graph/nodes.yaml:42: ...``.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphs import cache
from graphs.model import NODE_KINDS, Ecosystem, Edge, Location, Node, SourceRef, ValueChain
from graphs.util import paused_gc
from graphs.yamlsrc import (
    ConfigError,
    LineDict,
    Problem,
    did_you_mean,
    line_of,
    load_text,
    unknown_keys,
)

__all__ = [
    "TOP_KEYS",
    "ECOSYSTEM_KEYS",
    "NODE_KEYS",
    "LOCATION_KEYS",
    "EDGE_KEYS",
    "EdgeDraft",
    "GraphPart",
    "GraphCache",
    "graph_files",
    "parse_part",
    "parse_bytes",
    "parse_file",
    "merge_parts",
    "validate_graph",
    "load_graph",
]


TOP_KEYS = ("ecosystems", "nodes", "edges")
ECOSYSTEM_KEYS = ("id", "name")
NODE_KEYS = ("id", "name", "kind", "ecosystem", "location", "aliases", "provides", "description", "exonyms", "cues")
LOCATION_KEYS = ("country", "region", "city", "lat", "lon")
EDGE_KEYS = ("from", "to", "product", "share", "via")

_COUNTRY = re.compile(r"^[A-Z]{2}$")
#: Above this many unknown references, stop computing "did you mean" (it is
#: a scan of every node id; a whole missing file would make it quadratic).
_MAX_SUGGESTIONS = 200


@dataclass(frozen=True, slots=True)
class EdgeDraft:
    """An edge plus the lines of its fields, for messages found at merge time.

    ``complete`` is false when a field had an error: the edge still takes part
    in the cross-file checks (so one typo does not cascade into "unknown node"
    errors elsewhere) but never in a graph.
    """

    edge: Edge
    from_line: int
    to_line: int
    via_lines: tuple[int, ...]
    complete: bool = True


@dataclass(frozen=True, slots=True)
class GraphPart:
    """One file's content, checked on its own; depends only on name + content.

    Nodes with an error in a field other than ``id`` are kept (with the bad
    field replaced by a placeholder) so references to them still resolve;
    the file's problems already make the whole graph invalid.
    """

    file: str
    sha256: str
    ecosystems: tuple[Ecosystem, ...] = ()
    nodes: tuple[Node, ...] = ()
    edges: tuple[EdgeDraft, ...] = ()
    problems: tuple[Problem, ...] = ()
    #: node id -> line of its ``ecosystem`` key, for "unknown ecosystem".
    ecosystem_lines: dict[str, int] = field(default_factory=dict)


# --------------------------------------------------------------------------
# Stage 1: one file


def _kind_of(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, str):
        return f"{value!r} (a string)"
    if isinstance(value, (int, float)):
        return f"{value!r} (a number)"
    return f"{value!r} ({type(value).__name__})"


class _Checker:
    """Collects problems for one file; small helpers that read typed fields."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def error(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.file, line, message))

    def text(self, m: LineDict, key: str, what: str, *, required: bool = False) -> str | None:
        """``m[key]`` as a non-empty string, or ``None`` (after a problem if wrong)."""
        value = m.get(key)
        if value is None:
            if required:
                self.error(m.line, f"{what}: missing required field {key!r}")
            return None
        if not isinstance(value, str):
            hint = ""
            if isinstance(value, bool):  # the "Norway problem": country: NO
                hint = "; YAML reads unquoted yes/no/on/off as booleans, put the value in quotes"
            self.error(m.value_line_of(key), f"{what}: {key!r} must be a string, got {_kind_of(value)}{hint}")
            return None
        if not value.strip():
            self.error(m.value_line_of(key), f"{what}: {key!r} must not be empty")
            return None
        return value

    def strings(self, m: LineDict, key: str, what: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
        """``m[key]`` as a list of non-empty strings, with the line of each."""
        value = m.get(key)
        if value is None:
            return (), ()
        if not isinstance(value, list):
            self.error(m.value_line_of(key), f"{what}: {key!r} must be a list, got {_kind_of(value)}")
            return (), ()
        out: list[str] = []
        lines: list[int] = []
        for i, item in enumerate(value):
            line = line_of(value, i, m.value_line_of(key))
            if not isinstance(item, str) or not item.strip():
                shown = _kind_of(item) if not isinstance(item, str) else "an empty string"
                self.error(line, f"{what}: {key!r} item {i + 1} must be a non-empty string, got {shown}")
                continue
            out.append(item)
            lines.append(line)
        return tuple(out), tuple(lines)

    def number(
        self, m: LineDict, key: str, what: str, low: float, high: float, *, low_open: bool = False
    ) -> float | None:
        """``m[key]`` as a float within ``[low, high]`` (``(low, high]`` if ``low_open``)."""
        value = m.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.error(m.value_line_of(key), f"{what}: {key!r} must be a number, got {_kind_of(value)}")
            return None
        number = float(value)
        too_low = number <= low if low_open else number < low
        if math.isnan(number) or too_low or number > high:
            interval = f"({low:g}, {high:g}]" if low_open else f"[{low:g}, {high:g}]"
            self.error(m.value_line_of(key), f"{what}: {key!r} must be in {interval}, got {value!r}")
            return None
        return number

    def entries(self, doc: LineDict, key: str) -> list[LineDict]:
        """The mappings listed under a top-level section."""
        section = doc.get(key)
        if section is None:
            return []
        if not isinstance(section, list):
            self.error(doc.line_of(key), f"{key!r} must be a list, got {_kind_of(section)}")
            return []
        out = []
        for i, entry in enumerate(section):
            if isinstance(entry, LineDict):
                out.append(entry)
            else:
                self.error(
                    line_of(section, i, doc.line_of(key)),
                    f"each entry of {key!r} must be a mapping, got {_kind_of(entry)}",
                )
        return out


def _ident(c: _Checker, m: LineDict, what: str) -> str | None:
    ident = c.text(m, "id", what, required=True)
    if ident is not None and "->" in ident:
        c.error(m.line_of("id"), f"{what} id {ident!r} must not contain '->' (it separates edge ends)")
        return None
    return ident


def _parse_ecosystem(c: _Checker, m: LineDict) -> Ecosystem | None:
    ident = _ident(c, m, "ecosystem")
    what = f"ecosystem {ident!r}" if ident else "ecosystem"
    c.problems.extend(unknown_keys(m, ECOSYSTEM_KEYS, what))
    name = c.text(m, "name", what)
    if ident is None:
        return None
    return Ecosystem(ident, name or ident, SourceRef(c.file, m.line))


def _parse_location(c: _Checker, m: LineDict, what: str) -> Location:
    value = m.get("location")
    if value is None:
        return Location()
    if not isinstance(value, LineDict):
        c.error(m.line_of("location"), f"{what}: 'location' must be a mapping, got {_kind_of(value)}")
        return Location()
    c.problems.extend(unknown_keys(value, LOCATION_KEYS, f"location of {what}"))
    loc_what = f"{what} location"
    country = c.text(value, "country", loc_what)
    if country is not None and not _COUNTRY.match(country):
        c.error(
            value.line_of("country"),
            f"{loc_what}: 'country' must be an ISO 3166-1 alpha-2 code like \"DE\", got {country!r}",
        )
        country = None
    return Location(
        country=country,
        region=c.text(value, "region", loc_what),
        city=c.text(value, "city", loc_what),
        lat=c.number(value, "lat", loc_what, -90.0, 90.0),
        lon=c.number(value, "lon", loc_what, -180.0, 180.0),
    )


def _parse_node(c: _Checker, m: LineDict) -> Node | None:
    ident = _ident(c, m, "node")
    what = f"node {ident!r}" if ident else "node"
    c.problems.extend(unknown_keys(m, NODE_KEYS, what))
    name = c.text(m, "name", what, required=True)
    kind = c.text(m, "kind", what, required=True)
    if kind is not None and kind not in NODE_KINDS:
        hint = did_you_mean(kind, NODE_KINDS) or f" (expected one of: {', '.join(NODE_KINDS)})"
        c.error(m.line_of("kind"), f"{what}: unknown kind {kind!r}{hint}")
        kind = None
    ecosystem = c.text(m, "ecosystem", what)
    location = _parse_location(c, m, what)
    aliases, _ = c.strings(m, "aliases", what)
    cues, _ = c.strings(m, "cues", what)
    provides, _ = c.strings(m, "provides", what)
    description = c.text(m, "description", what)
    exonyms = m.get("exonyms", True)
    if not isinstance(exonyms, bool):
        c.error(m.line_of("exonyms"), f"{what}: 'exonyms' must be true or false, got {_kind_of(exonyms)}")
        exonyms = True
    if ident is None:
        return None
    return Node(
        id=ident,
        name=name or ident,
        kind=kind or "?",
        ecosystem=ecosystem,
        location=location,
        aliases=aliases,
        provides=provides,
        description=description,
        where=SourceRef(c.file, m.line),
        exonyms=exonyms,
        cues=cues,
    )


def _parse_edge(c: _Checker, m: LineDict) -> EdgeDraft | None:
    source = m.get("from") if isinstance(m.get("from"), str) else None
    target = m.get("to") if isinstance(m.get("to"), str) else None
    what = f"edge {source or '?'} -> {target or '?'}"
    c.problems.extend(unknown_keys(m, EDGE_KEYS, what))
    source = c.text(m, "from", what, required=True)
    target = c.text(m, "to", what, required=True)
    product = c.text(m, "product", what, required=True)
    share = c.number(m, "share", what, 0.0, 1.0, low_open=True)
    share_ok = m.get("share") is None or share is not None
    before = len(c.problems)
    via, via_lines = c.strings(m, "via", what)
    if source is None or target is None or product is None:
        return None
    ok = share_ok and len(c.problems) == before
    if source == target:
        c.error(m.line_of("to"), f"{what}: self-loop (a node cannot supply itself)")
        ok = False
    seen: set[str] = set()
    for name, line in zip(via, via_lines):
        if name in (source, target):
            c.error(line, f"{what}: 'via' lists the edge's own end {name!r}")
            ok = False
        elif name in seen:
            c.error(line, f"{what}: 'via' lists {name!r} twice")
            ok = False
        seen.add(name)
    edge = Edge(
        source=source,
        target=target,
        product=product,
        share=1.0 if share is None else share,
        via=via,
        where=SourceRef(c.file, m.line),
    )
    return EdgeDraft(edge, m.line_of("from"), m.line_of("to"), via_lines, ok)


def parse_part(data: Any, file: str, sha256: str = "") -> GraphPart:
    """Check one file's parsed YAML (a :class:`LineDict`) on its own.

    Public so that importers (CSV) can run the same checks on data they built
    as ``LineDict`` with their own file and line numbers.
    """
    c = _Checker(file)
    if data is None:
        return GraphPart(file, sha256)
    if not isinstance(data, LineDict):
        c.error(
            line_of(data, default=1),
            f"a graph file must be a mapping with keys {', '.join(TOP_KEYS)}; got {_kind_of(data)}",
        )
        return GraphPart(file, sha256, problems=tuple(c.problems))
    c.problems.extend(unknown_keys(data, TOP_KEYS, "graph file"))
    ecosystems = [e for e in map(lambda m: _parse_ecosystem(c, m), c.entries(data, "ecosystems")) if e]
    nodes: list[Node] = []
    eco_lines: dict[str, int] = {}
    for m in c.entries(data, "nodes"):
        node = _parse_node(c, m)
        if node is not None:
            nodes.append(node)
            if node.ecosystem is not None:
                eco_lines.setdefault(node.id, m.line_of("ecosystem"))
    edges = [e for e in map(lambda m: _parse_edge(c, m), c.entries(data, "edges")) if e]
    return GraphPart(file, sha256, tuple(ecosystems), tuple(nodes), tuple(edges), tuple(c.problems), eco_lines)


def parse_file(path: Path, display: str) -> GraphPart:
    """Read, hash, parse and check one file."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return GraphPart(display, "", problems=(Problem(display, 0, f"cannot read: {exc.strerror}"),))
    return parse_bytes(raw, display)


def parse_bytes(raw: bytes, display: str) -> GraphPart:
    """Parse and check one file's content."""
    sha = hashlib.sha256(raw).hexdigest()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return GraphPart(display, sha, problems=(Problem(display, 0, f"not UTF-8 text: {exc.reason}"),))
    try:
        data = load_text(text, display)
    except ConfigError as exc:
        return GraphPart(display, sha, problems=tuple(exc.problems))
    return parse_part(data, display, sha)


# --------------------------------------------------------------------------
# Stage 2: merge


class _Suggester:
    """``did you mean`` over node ids, memoised and capped."""

    def __init__(self, choices: Iterable[str]):
        self.choices = list(choices)
        self.memo: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        if word not in self.memo:
            self.memo[word] = did_you_mean(word, self.choices) if len(self.memo) < _MAX_SUGGESTIONS else ""
        return self.memo[word]


def merge_parts(
    parts: Sequence[GraphPart], *, version: str = ""
) -> tuple[ValueChain | None, list[Problem]]:
    """Merge checked files into one graph; cross-file errors and warnings.

    Returns ``(chain, problems)``; ``chain`` is ``None`` when any problem is
    an error. Problems are sorted by file and line.
    """
    problems: list[Problem] = [p for part in parts for p in part.problems]

    def error(ref: SourceRef, message: str, line: int | None = None) -> None:
        problems.append(Problem(ref.file, ref.line if line is None else line, message))

    def warn(ref: SourceRef, message: str) -> None:
        problems.append(Problem(ref.file, ref.line, message, "warning"))

    ecosystems: dict[str, Ecosystem] = {}
    for part in parts:
        for eco in part.ecosystems:
            first = ecosystems.get(eco.id)
            if first is not None:
                error(eco.where, f"duplicate ecosystem id {eco.id!r} (first defined at {first.where})")
            else:
                ecosystems[eco.id] = eco

    nodes: dict[str, Node] = {}
    for part in parts:
        for node in part.nodes:
            first_node = nodes.get(node.id)
            if first_node is not None:
                error(node.where, f"duplicate node id {node.id!r} (first defined at {first_node.where})")
                continue
            nodes[node.id] = node
            if node.ecosystem is not None and node.ecosystem not in ecosystems:
                hint = did_you_mean(node.ecosystem, ecosystems) or (
                    " (no ecosystems are defined)" if not ecosystems else ""
                )
                line = part.ecosystem_lines.get(node.id)
                error(node.where, f"node {node.id!r}: unknown ecosystem {node.ecosystem!r}{hint}", line)

    suggest = _Suggester(nodes)
    edges: list[Edge] = []
    seen_edges: dict[tuple[str, str, str], Edge] = {}
    touched: set[str] = set()
    for part in parts:
        for draft in part.edges:
            edge = draft.edge
            what = f"edge {edge.source} -> {edge.target}"
            ok = True
            for end, name, line in (("from", edge.source, draft.from_line), ("to", edge.target, draft.to_line)):
                if name not in nodes:
                    error(edge.where, f"{what}: {end!r} names unknown node {name!r}{suggest(name)}", line)
                    ok = False
            for name, line in zip(edge.via, draft.via_lines):
                if name not in nodes:
                    error(edge.where, f"{what}: 'via' names unknown node {name!r}{suggest(name)}", line)
                    ok = False
            key = (edge.source, edge.target, edge.product)
            first_edge = seen_edges.get(key)
            if first_edge is not None:
                error(
                    edge.where,
                    f"duplicate edge {edge.source} -> {edge.target} for product {edge.product!r}"
                    f" (first defined at {first_edge.where})",
                )
                ok = False
            else:
                seen_edges[key] = edge
            touched.add(edge.source)
            touched.add(edge.target)
            touched.update(edge.via)
            if ok and draft.complete:
                edges.append(edge)

    # Warnings.
    by_need: dict[tuple[str, str], list[Edge]] = {}
    for edge in edges:
        by_need.setdefault((edge.target, edge.product), []).append(edge)
    for (customer, product), supplies in by_need.items():
        total = math.fsum(e.share for e in supplies)
        if total > 1.0 + 1e-9:
            places = ", ".join(f"{e.source} ({e.share:g}, {e.where})" for e in supplies)
            warn(
                supplies[0].where,
                f"shares of {product!r} supplied to {customer!r} add up to {total:.3g} (more than 1): {places}",
            )
    for node in nodes.values():
        if not node.aliases:
            warn(node.where, f"node {node.id!r} has no aliases: news naming it will only match its name")
        if node.id not in touched:
            warn(node.where, f"node {node.id!r} is not connected: no edge or 'via' touches it")

    problems.sort(key=lambda p: (p.file, p.line))
    if any(p.level == "error" for p in problems):
        return None, problems
    chain = ValueChain(
        ecosystems=ecosystems,
        nodes=nodes,
        edges=edges,
        version=version,
        files=tuple(part.file for part in parts),
    )
    return chain, problems


# --------------------------------------------------------------------------
# Files, cache, entry points


def graph_files(graph_dir: Path) -> list[Path]:
    """The graph's YAML files: recursive, sorted, dot-names skipped."""
    found = []
    for path in graph_dir.rglob("*"):
        rel = path.relative_to(graph_dir)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.suffix in (".yaml", ".yml") and path.is_file():
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(graph_dir).as_posix())


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _version(parts: Sequence[GraphPart]) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(f"{part.file}\0{part.sha256}\n".encode())
    return h.hexdigest()


# --------------------------------------------------------------------------
# On disk: a file's part, by name and content (graphs.cache)


def _stored_part(raw: bytes, display: str, sha: str) -> GraphPart:
    """:func:`parse_bytes`, or the part it gave before for the same name and content.

    Parsing the line-aware YAML is most of a load (seconds for 10,000 nodes,
    in every ``monitor run --once``); a part depends only on the file's name
    and bytes (and the code that checks it), so it is kept in the on-disk cache
    (:mod:`graphs.cache`) keyed by those. The merge and the cross-file checks
    always run, so every problem is reported as before.
    """
    directory = cache.cache_dir()
    key = cache.cache_key("graph", display, sha, files=_code_files()) if directory is not None else None
    return cache.read_or_build(
        "graph", key, directory, lambda: parse_bytes(raw, display), _part_state, _part_from_state,
        f"graph part of {display}",
    )


def _code_files() -> list[Path]:
    here = Path(__file__).parent
    return [here / name for name in ("loader.py", "model.py", "yamlsrc.py", "util.py")]


def _where(ref: SourceRef) -> tuple[str, int]:
    return ref.file, ref.line


def _part_state(part: GraphPart) -> tuple[Any, ...]:
    """``part`` as marshal-able plain data (see :func:`_part_from_state`)."""
    ecosystems = tuple((e.id, e.name, _where(e.where)) for e in part.ecosystems)
    nodes = tuple(
        (n.id, n.name, n.kind, n.ecosystem,
         (n.location.country, n.location.region, n.location.city, n.location.lat, n.location.lon),
         n.aliases, n.provides, n.description, _where(n.where), n.exonyms, n.cues)
        for n in part.nodes
    )
    edges = tuple(
        (d.edge.source, d.edge.target, d.edge.product, d.edge.share, d.edge.via, _where(d.edge.where),
         d.from_line, d.to_line, d.via_lines, d.complete)
        for d in part.edges
    )
    problems = tuple((p.file, p.line, p.message, p.level) for p in part.problems)
    return part.file, part.sha256, ecosystems, nodes, edges, problems, part.ecosystem_lines


def _part_from_state(state: tuple[Any, ...]) -> GraphPart:
    file, sha, ecosystems, nodes, edges, problems, eco_lines = state
    refs: dict[tuple[str, int], SourceRef] = {}

    def ref(t: tuple[str, int]) -> SourceRef:
        r = refs.get(t)
        if r is None:
            r = refs[t] = SourceRef(*t)
        return r

    return GraphPart(
        file, sha,
        tuple(Ecosystem(i, name, ref(w)) for i, name, w in ecosystems),
        tuple(
            Node(i, name, kind, eco, Location(*loc), aliases, provides, desc, ref(w), exonyms, cues)
            for i, name, kind, eco, loc, aliases, provides, desc, w, exonyms, cues in nodes
        ),
        tuple(
            EdgeDraft(Edge(src, dst, product, share, via, ref(w)), from_line, to_line, via_lines, complete)
            for src, dst, product, share, via, w, from_line, to_line, via_lines, complete in edges
        ),
        tuple(Problem(*p) for p in problems),
        dict(eco_lines),
    )


@dataclass
class GraphCache:
    """Keeps each file's :class:`GraphPart` by (path, display name, SHA-256).

    A daemon holds one and calls :meth:`load` on every reload: unchanged
    files are not parsed again (they are still read, to hash them); the merge
    and the cross-file checks always run. ``parsed`` counts files parsed over
    the cache's life, ``last_parsed`` names those of the latest call and
    ``last_problems`` holds its errors and warnings (warnings survive a
    successful :meth:`load`).
    """

    parsed: int = 0
    last_parsed: tuple[str, ...] = ()
    last_problems: tuple[Problem, ...] = ()
    _parts: dict[tuple[str, str], GraphPart] = field(default_factory=dict, repr=False)

    def validate(
        self, graph_dir: Path, *, display_root: Path | None = None
    ) -> tuple[ValueChain | None, list[Problem]]:
        """Like :func:`validate_graph`, reusing unchanged files' parts."""
        # Loading makes millions of small objects and no garbage cycles: the
        # cyclic collector would only rescan them (about 20% of the time on
        # a 100,000-node graph).
        with paused_gc():
            chain, problems = self._validate(Path(graph_dir), display_root)
        self.last_problems = tuple(problems)
        return chain, problems

    def _validate(
        self, graph_dir: Path, display_root: Path | None
    ) -> tuple[ValueChain | None, list[Problem]]:
        root = Path(display_root) if display_root is not None else graph_dir.parent
        shown = _display(graph_dir, root)
        if not graph_dir.is_dir():
            self.last_parsed = ()
            return None, [Problem(shown, 0, "graph directory not found")]
        files = graph_files(graph_dir)
        if not files:
            self.last_parsed = ()
            return None, [Problem(shown, 0, "graph directory has no *.yaml files")]
        parts: list[GraphPart] = []
        parsed: list[str] = []
        keep: dict[tuple[str, str], GraphPart] = {}
        for path in files:
            display = _display(path, root)
            key = (str(path.resolve()), display)
            try:
                raw = path.read_bytes()
            except OSError as exc:
                parts.append(GraphPart(display, "", problems=(Problem(display, 0, f"cannot read: {exc.strerror}"),)))
                continue
            sha = hashlib.sha256(raw).hexdigest()
            part = self._parts.get(key)
            if part is None or part.sha256 != sha:
                part = _stored_part(raw, display, sha)
                parsed.append(display)
            keep[key] = part
            parts.append(part)
        self._parts = keep  # forget files that are gone
        self.parsed += len(parsed)
        self.last_parsed = tuple(parsed)
        return merge_parts(parts, version=_version(parts))

    def declared_ids(self) -> tuple[set[str], set[str], set[str]]:
        """``(node ids, ecosystem ids, edge ids)`` declared by the files of the
        latest :meth:`validate`, even when the graph had errors: lets other
        files be cross-checked in the same run (``monitor check``)."""
        nodes: set[str] = set()
        ecosystems: set[str] = set()
        edges: set[str] = set()
        for part in self._parts.values():
            nodes.update(n.id for n in part.nodes)
            ecosystems.update(e.id for e in part.ecosystems)
            edges.update(f"{d.edge.source}->{d.edge.target}" for d in part.edges)
        return nodes, ecosystems, edges

    def load(self, graph_dir: Path, *, display_root: Path | None = None) -> ValueChain:
        """Like :func:`load_graph`, reusing unchanged files' parts."""
        chain, problems = self.validate(graph_dir, display_root=display_root)
        if chain is None:
            raise ConfigError(problems)
        return chain


def validate_graph(
    graph_dir: Path, *, display_root: Path | None = None, cache: GraphCache | None = None
) -> tuple[ValueChain | None, list[Problem]]:
    """Load ``graph_dir`` and report every error and warning.

    Returns ``(chain, problems)``; ``chain`` is ``None`` if any problem is an
    error (level ``"error"``). File names in problems and in ``where`` are
    relative to ``display_root`` (default: the parent of ``graph_dir``).
    """
    return (cache or GraphCache()).validate(Path(graph_dir), display_root=display_root)


def load_graph(
    graph_dir: Path, *, display_root: Path | None = None, cache: GraphCache | None = None
) -> ValueChain:
    """Load ``graph_dir``; raise :class:`ConfigError` with every problem if any is an error."""
    return (cache or GraphCache()).load(Path(graph_dir), display_root=display_root)
