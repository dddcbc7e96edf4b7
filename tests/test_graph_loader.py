"""The graph loader: every kind of config error with its file and line, warnings, merge, cache."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from graphs import yamlsrc
from graphs.loader import GraphCache, graph_files, load_graph, validate_graph
from graphs.model import Location
from graphs.yamlsrc import ConfigError, Problem
from tests.helpers_graph import TINY, synthetic_graph, write_config
from conftest import platform_lacks

REPO = Path(__file__).resolve().parents[1]


def problems_of(tmp_path: Path, files: dict[str, str]) -> list[Problem]:
    cfg = write_config(tmp_path, files)
    _, problems = validate_graph(cfg / "graph", display_root=cfg)
    return problems


def errors_of(tmp_path: Path, files: dict[str, str]) -> list[str]:
    return [str(p) for p in problems_of(tmp_path, files) if p.level == "error"]


def with_tiny(**extra: str) -> dict[str, str]:
    files = dict(TINY)
    files.update({name.replace("__", "."): text for name, text in extra.items()})
    return files


# ---------------------------------------------------------------- the good case


def test_tiny_graph_loads_with_lines_kept(tmp_path: Path) -> None:
    cfg = write_config(tmp_path, TINY)
    chain, problems = validate_graph(cfg / "graph")
    assert problems == []
    assert chain is not None
    assert set(chain.ecosystems) == {"electronics", "mobility"}
    assert len(chain.nodes) == 4 and len(chain.edges) == 3
    saxony = chain.nodes["silicon-saxony"]
    assert saxony.location == Location("DE", "Saxony", "Dresden", 51.05, 13.74)
    assert saxony.aliases == ("Silicon Saxony", "Dresdner Chipcluster")
    assert saxony.description == 'Microelectronics cluster around Dresden; "Europe\'s largest"'
    assert str(saxony.where) == "graph/nodes.yaml:2"
    assert str(chain.nodes["port-hamburg"].where) == "graph/nodes.yaml:16"
    assert str(chain.ecosystems["mobility"].where) == "graph/ecosystems.yaml:3"
    first, second, third = chain.edges
    assert (first.source, first.target, first.product, first.share, first.via) == (
        "silicon-saxony", "bavaria-automotive", "semiconductors", 0.4, ("port-hamburg",))
    assert str(first.where) == "graph/edges.yaml:2"
    assert str(second.where) == "graph/edges.yaml:7"
    assert third.share == 1.0  # default
    assert chain.files == ("graph/ecosystems.yaml", "graph/edges.yaml", "graph/nodes.yaml")
    assert len(chain.version) == 64
    assert chain.edges_via("port-hamburg") == [first]


def test_load_graph_returns_chain_and_display_root_changes_names(tmp_path: Path) -> None:
    cfg = write_config(tmp_path, TINY)
    chain = load_graph(cfg / "graph", display_root=tmp_path)
    assert chain.files[0] == "config/graph/ecosystems.yaml"
    assert str(chain.nodes["silicon-saxony"].where) == "config/graph/nodes.yaml:2"


def test_version_follows_content_and_names(tmp_path: Path) -> None:
    cfg = write_config(tmp_path, TINY)
    v1 = load_graph(cfg / "graph").version
    assert load_graph(cfg / "graph").version == v1
    path = cfg / "graph" / "edges.yaml"
    path.write_text(path.read_text().replace("0.25", "0.3"))
    v2 = load_graph(cfg / "graph").version
    assert v2 != v1
    path.rename(cfg / "graph" / "edges2.yaml")
    assert load_graph(cfg / "graph").version not in (v1, v2)


def test_files_merged_recursively_sorted_and_dot_files_skipped(tmp_path: Path) -> None:
    files = {
        "a.yaml": "ecosystems:\n  - {id: electronics, name: Electronics}\n",
        "sub/nodes.yml": TINY["nodes.yaml"].replace("ecosystem: mobility", "ecosystem: electronics"),
        "z/edges.yaml": TINY["edges.yaml"],
        ".#nodes.yaml": "this: [is not: yaml",
        ".hidden/x.yaml": "junk: 1",
        "notes.txt": "not yaml at all: [",
    }
    cfg = write_config(tmp_path, files)
    assert [p.relative_to(cfg / "graph").as_posix() for p in graph_files(cfg / "graph")] == [
        "a.yaml", "sub/nodes.yml", "z/edges.yaml"]
    chain = load_graph(cfg / "graph")
    assert chain.files == ("graph/a.yaml", "graph/sub/nodes.yml", "graph/z/edges.yaml")
    assert len(chain.nodes) == 4 and len(chain.edges) == 3
    assert str(chain.edges[0].where) == "graph/z/edges.yaml:2"


def test_empty_files_are_fine_but_an_empty_graph_is_not(tmp_path: Path) -> None:
    assert errors_of(tmp_path / "a", with_tiny(empty__yaml="", comment__yaml="# nothing yet\n")) == []
    cfg = write_config(tmp_path / "b", {})
    _, problems = validate_graph(cfg / "graph")
    assert [str(p) for p in problems] == ["graph:0: graph directory has no *.yaml files"]
    _, problems = validate_graph(tmp_path / "nowhere" / "graph")
    assert [str(p) for p in problems] == ["graph:0: graph directory not found"]
    with pytest.raises(ConfigError, match="graph directory not found"):
        load_graph(tmp_path / "nowhere" / "graph")


# ---------------------------------------------------------------- errors: file, line, message

ERROR_CASES = [
    pytest.param(
        {"bad.yaml": "nodes:\n  - id: a\n    name: [unclosed\n"},
        "graph/bad.yaml:3: YAML syntax error: '[' opened here (flow sequence) is not closed:"
        " expected ',' or ']', but got the end of the file",
        id="yaml-syntax",
    ),
    pytest.param(
        {"bad.yaml": "nodes:\n  - id: a\n    id: b\n"},
        "graph/bad.yaml:3: duplicate key 'id' (first at line 2)",
        id="yaml-duplicate-key",
    ),
    pytest.param(
        {"bad.yaml": "- just\n- a list\n"},
        "graph/bad.yaml:1: a graph file must be a mapping with keys ecosystems, nodes, edges; got a list",
        id="top-level-not-mapping",
    ),
    pytest.param(
        {"bad.yaml": "ecosystems: []\nnodse: []\n"},
        "graph/bad.yaml:2: unknown key 'nodse' in graph file (did you mean \"nodes\"?)",
        id="unknown-top-key",
    ),
    pytest.param(
        {"bad.yaml": "nodes:\n  id: x\n"},
        "graph/bad.yaml:1: 'nodes' must be a list, got a mapping",
        id="section-not-list",
    ),
    pytest.param(
        {"bad.yaml": "nodes:\n  - port-hamburg\n"},
        "graph/bad.yaml:2: each entry of 'nodes' must be a mapping, got 'port-hamburg' (a string)",
        id="entry-not-mapping",
    ),
    pytest.param(
        {"bad.yaml": "nodes:\n  - id: x\n    name: X\n    kind: port\n    alias: [X]\n"},
        "graph/bad.yaml:5: unknown key 'alias' in node 'x' (did you mean \"aliases\"?)",
        id="unknown-node-key",
    ),
    pytest.param(
        {"bad.yaml": "nodes:\n  - id: x\n    name: X\n    kind: port\n    cues: Gulf of X\n"},
        "graph/bad.yaml:5: node 'x': 'cues' must be a list, got 'Gulf of X' (a string)",
        id="cues-not-list",
    ),
    pytest.param(
        {"bad.yaml": "nodes:\n  - id: x\n    name: X\n    kind: port\n    location:\n      contry: DE\n"},
        "graph/bad.yaml:6: unknown key 'contry' in location of node 'x' (did you mean \"country\"?)",
        id="unknown-location-key",
    ),
    pytest.param(
        {"bad.yaml": "edges:\n  - {from: silicon-saxony, to: port-hamburg, product: x, shares: 0.2}\n"},
        "graph/bad.yaml:2: unknown key 'shares' in edge silicon-saxony -> port-hamburg (did you mean \"share\"?)",
        id="unknown-edge-key",
    ),
    pytest.param(
        {"bad.yaml": "nodes:\n  - id: x\n    kind: port\n"},
        "graph/bad.yaml:2: node 'x': missing required field 'name'",
        id="missing-node-name",
    ),
    pytest.param(
        {"bad.yaml": "nodes:\n  - name: X\n    kind: port\n"},
        "graph/bad.yaml:2: node: missing required field 'id'",
        id="missing-node-id",
    ),
    pytest.param(
        {"bad.yaml": "nodes:\n  - id: x\n    name: X\n"},
        "graph/bad.yaml:2: node 'x': missing required field 'kind'",
        id="missing-node-kind",
    ),
    pytest.param(
        {"bad.yaml": "edges:\n  - from: silicon-saxony\n    to: port-hamburg\n"},
        "graph/bad.yaml:2: edge silicon-saxony -> port-hamburg: missing required field 'product'",
        id="missing-edge-product",
    ),
    pytest.param(
        {"bad.yaml": "edges:\n  - {to: port-hamburg, product: x}\n"},
        "graph/bad.yaml:2: edge ? -> port-hamburg: missing required field 'from'",
        id="missing-edge-from",
    ),
    pytest.param(
        {"dup.yaml": "\n\nnodes:\n  - {id: port-hamburg, name: Hamburg, kind: port, aliases: [HH]}\n"},
        # dup.yaml sorts first, so the copy in nodes.yaml is the duplicate.
        "graph/nodes.yaml:16: duplicate node id 'port-hamburg' (first defined at graph/dup.yaml:4)",
        id="duplicate-node-id-across-files",
    ),
    pytest.param(
        {"x-dup.yaml": "ecosystems:\n  - {id: mobility, name: Mobility}\n"},
        "graph/x-dup.yaml:2: duplicate ecosystem id 'mobility' (first defined at graph/ecosystems.yaml:3)",
        id="duplicate-ecosystem",
    ),
    pytest.param(
        {"more.yaml": "edges:\n  - from: silicon-saxony\n    to: bavaria-automotve\n    product: x\n"},
        "graph/more.yaml:3: edge silicon-saxony -> bavaria-automotve: 'to' names unknown node"
        " 'bavaria-automotve' (did you mean \"bavaria-automotive\"?)",
        id="edge-unknown-to",
    ),
    pytest.param(
        {"more.yaml": "edges:\n  - {from: silicon-saxon, to: port-hamburg, product: x}\n"},
        "graph/more.yaml:2: edge silicon-saxon -> port-hamburg: 'from' names unknown node"
        " 'silicon-saxon' (did you mean \"silicon-saxony\"?)",
        id="edge-unknown-from",
    ),
    pytest.param(
        {"more.yaml": "edges:\n  - from: silicon-saxony\n    to: automotive-slovakia\n    product: x\n"
                      "    via:\n      - port-hamburg\n      - port-hambrug\n"},
        "graph/more.yaml:7: edge silicon-saxony -> automotive-slovakia: 'via' names unknown node"
        " 'port-hambrug' (did you mean \"port-hamburg\"?)",
        id="via-unknown-node",
    ),
    pytest.param(
        {"more.yaml": "edges:\n  - {from: silicon-saxony, to: port-hamburg, product: x, share: 1.5}\n"},
        "graph/more.yaml:2: edge silicon-saxony -> port-hamburg: 'share' must be in (0, 1], got 1.5",
        id="share-above-one",
    ),
    pytest.param(
        {"more.yaml": "edges:\n  - from: silicon-saxony\n    to: port-hamburg\n    product: x\n    share: 0\n"},
        "graph/more.yaml:5: edge silicon-saxony -> port-hamburg: 'share' must be in (0, 1], got 0",
        id="share-zero",
    ),
    pytest.param(
        {"more.yaml": "edges:\n  - {from: silicon-saxony, to: port-hamburg, product: x, share: '40%'}\n"},
        "graph/more.yaml:2: edge silicon-saxony -> port-hamburg: 'share' must be a number, got '40%' (a string)",
        id="share-not-number",
    ),
    pytest.param(
        {"more.yaml": "nodes:\n  - {id: x, name: X, kind: port, ecosystem: electronic, aliases: [X]}\n"},
        "graph/more.yaml:2: node 'x': unknown ecosystem 'electronic' (did you mean \"electronics\"?)",
        id="unknown-ecosystem",
    ),
    pytest.param(
        {"more.yaml": "nodes:\n  - id: x\n    name: X\n    kind: clustr\n"},
        "graph/more.yaml:4: node 'x': unknown kind 'clustr' (did you mean \"cluster\"?)",
        id="unknown-kind-suggested",
    ),
    pytest.param(
        {"more.yaml": "nodes:\n  - id: x\n    name: X\n    kind: spaceship\n"},
        "graph/more.yaml:4: node 'x': unknown kind 'spaceship' (expected one of: cluster, company, site,"
        " port, chokepoint, region, material, route, hub)",
        id="unknown-kind-listed",
    ),
    pytest.param(
        {"more.yaml": "edges:\n  - from: port-hamburg\n    to: port-hamburg\n    product: x\n"},
        "graph/more.yaml:3: edge port-hamburg -> port-hamburg: self-loop (a node cannot supply itself)",
        id="self-loop",
    ),
    pytest.param(
        {"more.yaml": "nodes:\n  - id: x\n    name: 42\n    kind: port\n"},
        "graph/more.yaml:3: node 'x': 'name' must be a string, got 42 (a number)",
        id="string-expected",
    ),
    pytest.param(
        {"more.yaml": "nodes:\n  - id: x\n    name: X\n    kind: port\n    location: {country: NO}\n"},
        "graph/more.yaml:5: node 'x' location: 'country' must be a string, got false (a boolean); YAML reads"
        " unquoted yes/no/on/off as booleans, put the value in quotes",
        id="norway-problem",
    ),
    pytest.param(
        {"more.yaml": "nodes:\n  - id: x\n    name: X\n    kind: port\n    aliases: Hamburg\n"},
        "graph/more.yaml:5: node 'x': 'aliases' must be a list, got 'Hamburg' (a string)",
        id="list-expected",
    ),
    pytest.param(
        {"more.yaml": "nodes:\n  - id: x\n    name: X\n    kind: port\n    provides:\n      - steel\n      - 7\n"},
        "graph/more.yaml:7: node 'x': 'provides' item 2 must be a non-empty string, got 7 (a number)",
        id="list-item-not-string",
    ),
    pytest.param(
        {"more.yaml": "nodes:\n  - id: x\n    name: X\n    kind: port\n    location: {lat: north}\n"},
        "graph/more.yaml:5: node 'x' location: 'lat' must be a number, got 'north' (a string)",
        id="number-expected",
    ),
    pytest.param(
        {"more.yaml": "nodes:\n  - id: x\n    name: X\n    kind: port\n    location:\n      lat: 10\n      lon: 200\n"},
        "graph/more.yaml:7: node 'x' location: 'lon' must be in [-180, 180], got 200",
        id="lon-range",
    ),
    pytest.param(
        {"more.yaml": "nodes:\n  - id: x\n    name: X\n    kind: port\n    location: {lat: -91}\n"},
        "graph/more.yaml:5: node 'x' location: 'lat' must be in [-90, 90], got -91",
        id="lat-range",
    ),
    pytest.param(
        {"more.yaml": "nodes:\n  - id: x\n    name: X\n    kind: port\n    location: Hamburg\n"},
        "graph/more.yaml:5: node 'x': 'location' must be a mapping, got 'Hamburg' (a string)",
        id="location-not-mapping",
    ),
    pytest.param(
        {"more.yaml": "nodes:\n  - id: x\n    name: X\n    kind: port\n    location: {country: Germany}\n"},
        "graph/more.yaml:5: node 'x' location: 'country' must be an ISO 3166-1 alpha-2 code like \"DE\","
        " got 'Germany'",
        id="country-code",
    ),
    pytest.param(
        {"more.yaml": "nodes:\n  - {id: 'a->b', name: X, kind: port}\n"},
        "graph/more.yaml:2: node id 'a->b' must not contain '->' (it separates edge ends)",
        id="arrow-in-id",
    ),
    pytest.param(
        {"more.yaml": "edges:\n  - product: semiconductors\n    from: silicon-saxony\n    to: bavaria-automotive\n"},
        "graph/more.yaml:2: duplicate edge silicon-saxony -> bavaria-automotive for product 'semiconductors'"
        " (first defined at graph/edges.yaml:2)",
        id="duplicate-edge",
    ),
    pytest.param(
        {"more.yaml": "edges:\n  - from: silicon-saxony\n    to: bavaria-automotive\n    product: x\n"
                      "    via: [port-hamburg, bavaria-automotive]\n"},
        "graph/more.yaml:5: edge silicon-saxony -> bavaria-automotive: 'via' lists the edge's own end"
        " 'bavaria-automotive'",
        id="via-names-endpoint",
    ),
]


@pytest.mark.parametrize(("extra", "expected"), ERROR_CASES)
def test_each_error_names_file_line_and_what(tmp_path: Path, extra: dict[str, str], expected: str) -> None:
    files = dict(TINY)
    files.update(extra)
    errors = errors_of(tmp_path, files)
    assert expected in errors, "\n".join(errors)
    cfg = tmp_path / "config"
    with pytest.raises(ConfigError) as info:
        load_graph(cfg / "graph", display_root=cfg)
    assert expected in [str(p) for p in info.value.problems]


def test_all_errors_reported_at_once_without_cascades(tmp_path: Path) -> None:
    files = dict(TINY)
    # Bad kind and bad share: the node and the edge still count for references.
    files["nodes.yaml"] = TINY["nodes.yaml"].replace("kind: port", "kind: harbour")
    files["edges.yaml"] = TINY["edges.yaml"].replace("share: 0.4", "share: 4")
    files["broken.yaml"] = "edges: [\n"
    errors = errors_of(tmp_path, files)
    assert errors == [
        "graph/broken.yaml:1: YAML syntax error: '[' opened here (flow sequence) is not closed:"
        " expected the node content, but found the end of the file",
        "graph/edges.yaml:5: edge silicon-saxony -> bavaria-automotive: 'share' must be in (0, 1], got 4",
        "graph/nodes.yaml:18: node 'port-hamburg': unknown kind 'harbour' (expected one of: cluster,"
        " company, site, port, chokepoint, region, material, route, hub)",
    ]
    with pytest.raises(ConfigError) as info:
        load_graph(tmp_path / "config" / "graph")
    assert str(info.value) == errors[0] + " (and 2 more)"


def test_optional_fields_accept_null(tmp_path: Path) -> None:
    extra = "nodes:\n  - {id: x, name: X, kind: hub, ecosystem: null, description: ~, location: {country: null},"
    extra += " aliases: [X]}\nedges:\n  - {from: x, to: port-hamburg, product: y, share: null, via: null}\n"
    cfg = write_config(tmp_path, with_tiny(x__yaml=extra))
    chain = load_graph(cfg / "graph")
    assert chain.nodes["x"].ecosystem is None and chain.nodes["x"].location == Location()
    assert chain.edges[-1].share == 1.0 and chain.edges[-1].via == ()


# ---------------------------------------------------------------- warnings


def test_warnings_do_not_fail_the_load(tmp_path: Path) -> None:
    extra = """\
        nodes:
          - {id: lonely-port, name: Lonely port, kind: port, aliases: [Lonely]}
          - {id: no-alias-site, name: No alias site, kind: site}
        edges:
          - {from: no-alias-site, to: bavaria-automotive, product: car-parts, share: 0.5}
          - {from: silicon-saxony, to: bavaria-automotive, product: car-parts, share: 0.5}
        """
    problems = problems_of(tmp_path, with_tiny(extra__yaml=extra))
    assert all(p.level == "warning" for p in problems)
    assert [str(p) for p in problems] == [
        # Reported at the first edge that supplies the product to the customer.
        "graph/edges.yaml:7: warning: shares of 'car-parts' supplied to 'bavaria-automotive' add up to 1.25"
        " (more than 1): automotive-slovakia (0.25, graph/edges.yaml:7), no-alias-site (0.5, graph/extra.yaml:5),"
        " silicon-saxony (0.5, graph/extra.yaml:6)",
        "graph/extra.yaml:2: warning: node 'lonely-port' is not connected: no edge or 'via' touches it",
        "graph/extra.yaml:3: warning: node 'no-alias-site' has no aliases: news naming it will only match its name",
    ]
    chain = load_graph(tmp_path / "config" / "graph")
    assert "lonely-port" in chain.nodes


def test_via_only_node_counts_as_connected(tmp_path: Path) -> None:
    # port-hamburg appears only in a via list in TINY: no "not connected" warning.
    assert problems_of(tmp_path, TINY) == []


# ---------------------------------------------------------------- cache


def test_cache_reparses_only_changed_files(tmp_path: Path) -> None:
    cfg = write_config(tmp_path, TINY)
    cache = GraphCache()
    first = cache.load(cfg / "graph", display_root=cfg)
    assert cache.parsed == 3 and set(cache.last_parsed) == set(first.files)
    again = cache.load(cfg / "graph", display_root=cfg)
    assert cache.last_parsed == () and cache.parsed == 3
    assert again.version == first.version and again is not first  # merge ran again

    edges = cfg / "graph" / "edges.yaml"
    edges.write_text(edges.read_text().replace("share: 0.25", "share: 0.3"))
    changed = cache.load(cfg / "graph", display_root=cfg)
    assert cache.last_parsed == ("graph/edges.yaml",) and cache.parsed == 4
    assert changed.version != first.version
    assert changed.edges[1].share == 0.3

    # Touching a file without changing it costs no parse.
    os.utime(edges, (1, 1))
    cache.load(cfg / "graph", display_root=cfg)
    assert cache.last_parsed == ()


def test_cache_still_runs_cross_file_checks(tmp_path: Path) -> None:
    cfg = write_config(tmp_path, TINY)
    cache = GraphCache()
    cache.load(cfg / "graph")
    # Removing a node file breaks the references of the unchanged edge file.
    (cfg / "graph" / "nodes.yaml").unlink()
    chain, problems = cache.validate(cfg / "graph")
    assert chain is None and cache.last_parsed == ()
    assert "graph/edges.yaml:2: edge silicon-saxony -> bavaria-automotive: 'from' names unknown node" \
        " 'silicon-saxony'" in [str(p) for p in problems]
    write_config(tmp_path, {"nodes.yaml": TINY["nodes.yaml"]})
    assert len(cache.load(cfg / "graph").nodes) == 4
    assert cache.last_parsed == ("graph/nodes.yaml",)


def test_cache_keeps_warnings_of_a_good_load(tmp_path: Path) -> None:
    cfg = write_config(tmp_path, with_tiny(x__yaml="nodes:\n  - {id: x, name: X, kind: hub}\n"))
    cache = GraphCache()
    cache.load(cfg / "graph")
    assert [p.level for p in cache.last_problems] == ["warning", "warning"]


# ---------------------------------------------------------------- yamlsrc fast path


YAML_SAMPLES = [
    "",
    "# only a comment\n",
    "a: 1\nb: 2.5\nc: true\nd: ~\ne: 2020-01-02\nf: '1'\ng: \"x\\u00e9\"\nh: 0x1f\ni: .inf\nj: 1_000\nk: yes\n",
    "nodes:\n- id: a\n  location: {lat: 1.5, lon: -3}\n  aliases: [\"A\", 'B', C]\n\n- id: b\n  provides: []\n",
    "a: |\n  literal\n  text\nb: >\n  folded\n  text\n",
    "1: int key\ntrue: bool key\n'': empty key\n",
    "a: &x {b: 1}\nc: *x\n",
    "<<: {a: 1}\nb: 2\n",
    "a: !!str 12\n",
    "--- 1\n--- 2\n",
    "a: [1\n",
    "a: 1\na: 2\n",
    "? [complex]\n: key\n",
    "a: b: c\n",
    "a: \x07bell\n",
]


def _shape(value: object) -> object:
    """A comparable picture of a loaded value, lines included."""
    if isinstance(value, yamlsrc.LineDict):
        return ("map", value.file, value.line,
                [(_shape(k), _shape(v), value.key_lines[k]) for k, v in value.items()])
    if isinstance(value, yamlsrc.LineList):
        return ("seq", value.file, value.line, [_shape(v) for v in value], list(value.item_lines))
    return (type(value).__name__, value)


def _reference(text: str) -> object:
    try:
        return _shape(yaml.load(text, Loader=yamlsrc._make_loader("f.yaml")))  # noqa: S506
    except yaml.YAMLError as exc:
        return ("error", type(exc).__name__)


@pytest.mark.parametrize("text", YAML_SAMPLES)
def test_yamlsrc_gives_the_reference_loaders_result(text: str) -> None:
    try:
        got: object = _shape(yamlsrc.load_text(text, "f.yaml"))
    except ConfigError:
        got = "config-error"
    expected = _reference(text)
    if expected and expected[0] == "error":
        assert got == "config-error"
    else:
        assert got == expected


def test_yamlsrc_fast_path_is_used_for_plain_config() -> None:
    text = TINY["nodes.yaml"].replace("        ", "", -1)
    if yamlsrc._CParser is None:  # pragma: no cover - PyYAML without libyaml
        platform_lacks("PyYAML built with libyaml")
    assert _shape(yamlsrc._fast_load(text, "f.yaml")) == _reference(text)
    with pytest.raises(yamlsrc._Fallback):
        yamlsrc._fast_load("a: &x 1\nb: *x\n", "f.yaml")


def test_yamlsrc_errors_name_the_line_that_opened_the_unclosed_construct() -> None:
    with pytest.raises(ConfigError) as info:
        yamlsrc.load_text("a: 1\nb: [2\n", "x.yaml")
    assert str(info.value) == (
        "x.yaml:2: YAML syntax error: '[' opened here (flow sequence) is not closed:"
        " expected ',' or ']', but got the end of the file"
    )
    with pytest.raises(ConfigError) as info:
        yamlsrc.load_text("a: 1\nb: {c: 2,\n  d: 3\ne: 4\n", "x.yaml")
    assert str(info.value) == (
        "x.yaml:2: YAML syntax error: '{' opened here (flow mapping) is not closed;"
        " the parser stopped at line 4: expected ',' or '}', but got ':'"
    )
    with pytest.raises(ConfigError) as info:
        yamlsrc.load_text('a: 1\nb: 2\nc: "unterminated\nd: 4\ne: 5\nf: 6\n', "x.yaml")
    assert str(info.value) == (
        "x.yaml:3: YAML syntax error: quote opened here (quoted scalar) is not closed;"
        " the parser stopped at line 6: found unexpected end of the file"
    )
    with pytest.raises(ConfigError) as info:
        yamlsrc.load_text("a: 1\nb: 2\na: 3\n", "x.yaml")
    assert str(info.value) == "x.yaml:3: duplicate key 'a' (first at line 1)"


# ---------------------------------------------------------------- scale and the bundled default


def test_a_larger_graph_loads(tmp_path: Path) -> None:
    synthetic_graph(tmp_path / "graph", nodes=2000, edges=8000)
    chain, problems = validate_graph(tmp_path / "graph")
    assert chain is not None, problems[:3]
    assert len(chain.nodes) == 2000 and len(chain.edges) == 8000
    assert chain.graph.number_of_edges() == 8000


@pytest.mark.slow
def test_ten_thousand_nodes_fifty_thousand_edges(tmp_path: Path) -> None:
    synthetic_graph(tmp_path / "graph", nodes=10_000, edges=50_000)
    chain = load_graph(tmp_path / "graph")
    assert len(chain.nodes) == 10_000 and len(chain.edges) == 50_000


def test_bundled_default_graph_validates_cleanly() -> None:
    """The shipped config/graph: no errors, and the size issue 2 asks for."""
    cfg = REPO / "config"
    chain, problems = validate_graph(cfg / "graph", display_root=cfg)
    errors = [str(p) for p in problems if p.level == "error"]
    assert errors == [] and chain is not None
    assert len(chain.nodes) >= 80
    assert len(chain.edges) >= 150
    assert len(chain.ecosystems) >= 10
    assert all(f.startswith("graph/") for f in chain.files)


def test_edges_from_and_via_are_the_chain_s_own_edges(tmp_path: Path) -> None:
    # the indexes alert routing uses per target (a scan of every edge cost 6 ms a target on 50,000 edges)
    synthetic_graph(tmp_path / "graph", 300, 1500, seed=7)
    chain = load_graph(tmp_path / "graph")
    assert any(e.via for e in chain.edges)
    for node_id in list(chain.nodes)[:60]:
        assert chain.edges_from(node_id) == [e for e in chain.edges if e.source == node_id]
        assert chain.edges_via(node_id) == [e for e in chain.edges if node_id in e.via]
