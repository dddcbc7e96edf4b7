"""Graph files' parts in the on-disk cache (graphs.cache): read back equal to a parse, keyed by
the file's name and bytes, never trusted blindly; the merge and its problems are unchanged."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from graphs import loader
from graphs.loader import GraphCache, parse_bytes

REPO = Path(__file__).resolve().parents[1]
#: one error-free file and one with a warning (a node nothing touches) and an error (a bad share)
FILES = {
    "a.yaml": "ecosystems:\n  - {id: eco, name: Eco}\nnodes:\n"
              "  - {id: x, name: X Works, kind: site, ecosystem: eco, location: {country: DE, lat: 51, lon: 9.5},"
              " aliases: [Ex Works]}\n"
              "  - {id: y, name: Y Port, kind: port, location: {country: NL}}\n"
              "  - {id: lone, name: Lone Plant, kind: site}\n",
    "b.yaml": "edges:\n  - {from: x, to: y, product: chips, share: 0.4}\n  - {from: y, to: x, product: ore, share: 2}\n",
}


def _graph(root: Path, files: dict[str, str]) -> Path:
    graph = root / "config" / "graph"
    graph.mkdir(parents=True)
    for name, text in files.items():
        (graph / name).write_text(text, encoding="utf-8")
    return graph


def _entries(directory: Path) -> list[Path]:
    return sorted(directory.glob("graph-*.marshal"))


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("MONITOR_CACHE_DIR", str(directory))
    return directory


def _no_parse(monkeypatch) -> None:
    def boom(*_a, **_k):
        raise AssertionError("parsed although the cache holds the part")

    monkeypatch.setattr(loader, "parse_bytes", boom)


def test_the_packaged_graph_reads_back_as_parsed(cache_dir, tmp_path, monkeypatch):
    graph = tmp_path / "config" / "graph"
    shutil.copytree(REPO / "config" / "graph", graph)
    cold, cold_problems = GraphCache().validate(graph)
    assert cold is not None and len(_entries(cache_dir)) == len(list(graph.glob("*.yaml")))
    _no_parse(monkeypatch)
    warm, warm_problems = GraphCache().validate(graph)
    assert warm is not None
    assert warm_problems == cold_problems
    assert warm.version == cold.version
    assert warm.nodes == cold.nodes and warm.edges == cold.edges and warm.ecosystems == cold.ecosystems


def test_problems_and_parts_are_the_same_warm(cache_dir, tmp_path, monkeypatch):
    graph = _graph(tmp_path, FILES)
    chain, problems = GraphCache().validate(graph)
    assert chain is None  # the share of 2 is an error
    assert any(p.level == "error" and "share" in p.message for p in problems)
    parts = {p.name: parse_bytes(p.read_bytes(), f"graph/{p.name}") for p in graph.glob("*.yaml")}
    _no_parse(monkeypatch)
    cache = GraphCache()
    assert cache.validate(graph) == (None, problems)
    assert {Path(p.file).name: p for p in cache._parts.values()} == parts


def test_a_changed_file_is_parsed_again(cache_dir, tmp_path):
    graph = _graph(tmp_path, FILES)
    GraphCache().validate(graph)
    assert len(_entries(cache_dir)) == 2
    (graph / "b.yaml").write_text("edges:\n  - {from: x, to: y, product: chips, share: 0.4}\n", encoding="utf-8")
    cache = GraphCache()
    chain, problems = cache.validate(graph)
    assert chain is not None and [e.product for e in chain.edges] == ["chips"]
    assert len(_entries(cache_dir)) == 3


def test_a_damaged_or_foreign_entry_is_parsed_again(cache_dir, tmp_path, caplog):
    graph = _graph(tmp_path, FILES)
    expected = GraphCache().validate(graph)
    first, second = _entries(cache_dir)
    good = first.read_bytes()
    first.write_bytes(good[:-40])
    second.chmod(0o666)
    with caplog.at_level(logging.WARNING, logger="graphs.cache"):
        assert GraphCache().validate(graph) == expected
    assert "unreadable" in caplog.text and "writable by group or others" in caplog.text
    assert first.read_bytes() == good


def test_no_cache_no_files(tmp_path, monkeypatch):
    monkeypatch.setenv("MONITOR_CACHE_DIR", "off")
    graph = _graph(tmp_path, FILES)
    chain, problems = GraphCache().validate(graph)
    assert problems and not list(tmp_path.rglob("*.marshal"))
