"""The on-disk cache of the tagger's derived data (graphs.cache): the lexicon as read, its
phrase automaton and the node gazetteer -- keyed by what they come from, never trusted blindly,
and a warm start tags exactly like a cold build."""

from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path

import pytest

from graphs import cache, lexicon
from graphs._exonyms import Exonym, MaterialWord
from graphs._matcher import Entry, PhraseMatcher, _data_from_state, _data_state
from graphs.gazetteer import Gazetteer, fold
from graphs.lexicon import AtNode, Lexicon, load_lexicon
from graphs.loader import load_graph
from graphs.model import ValueChain
from graphs.tagger import Tagger
from helpers_tagging import node, small_chain

REPO = Path(__file__).resolve().parents[1]
ITEMS = REPO / "tests" / "data" / "real-news" / "wire5-tune.jsonl"
HEADS = ["kanal", "hafen", "chips", "blockade"]
SAMPLES = [
    ("Streik im Hamburger Hafen legt Containerumschlag lahm", "de"),
    ("Strike at the Port of Rotterdam halts container traffic", "en"),
    ("Incendie à l'usine de Dunkerque, production arrêtée", "fr"),
    ("Pożar w porcie w Gdańsku", "pl"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A cache directory holding the three entries (the small chain's gazetteer, the
    packaged lexicon and its automaton), built once for the module."""
    directory = tmp_path_factory.mktemp("built")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MONITOR_CACHE_DIR", str(directory))
        mp.setattr(lexicon, "_DEFAULT", None)
        Gazetteer.cached(small_chain(), HEADS, exonyms=False)
        assert len(load_lexicon(None).matcher) > 1000
    return directory


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    """An empty cache directory in the environment, and no lexicon kept from earlier tests."""
    directory = tmp_path / "cache"
    monkeypatch.setenv("MONITOR_CACHE_DIR", str(directory))
    monkeypatch.setattr(lexicon, "_DEFAULT", None)
    return directory


@pytest.fixture
def filled(built, cache_dir) -> Path:
    """``cache_dir`` with copies of the module's built entries."""
    cache_dir.mkdir(mode=0o700)
    for entry in built.glob("*.marshal"):
        (cache_dir / entry.name).write_bytes(entry.read_bytes())
        (cache_dir / entry.name).chmod(0o600)
    return cache_dir


def _entries(directory: Path, name: str) -> list[Path]:
    return sorted(directory.glob(f"{name}-*.marshal"))


def _found(gaz: Gazetteer) -> list[list[tuple[int, int, list[tuple[str, str]]]]]:
    return [[(h.start, h.end, [(e.kind, e.ref) for e in h.entries]) for h in gaz.find(fold(t), lang)]
            for t, lang in SAMPLES]


def _no_builds(monkeypatch) -> None:
    """Any build of what the cache holds now fails the test."""
    def boom(*_a, **_k):
        raise AssertionError("built although the cache holds it")

    monkeypatch.setattr(Gazetteer, "__init__", boom)
    monkeypatch.setattr(Lexicon, "_build_matcher", boom)
    monkeypatch.setattr(lexicon, "_read", boom)


# -- a warm start is a cold build ---------------------------------------------------------


def test_a_warm_start_tags_like_a_cold_build(cache_dir, monkeypatch):
    chain = load_graph(REPO / "config" / "graph")
    items = [json.loads(line) for line in ITEMS.read_text(encoding="utf-8").splitlines()[:120]]

    def readings(tagger: Tagger) -> list[str]:
        return [repr(tagger.read(it["title"], it.get("summary") or "", it.get("language"))) for it in items]

    cold = Tagger(chain, load_lexicon(None))
    for name in ("lexicon", "terms", "gazetteer"):
        assert len(_entries(cache_dir, name)) == 1, name
    expected = readings(cold)
    assert any("Event(" in r for r in expected)  # the items do report disruptions

    monkeypatch.setattr(lexicon, "_DEFAULT", None)
    _no_builds(monkeypatch)
    warm = Tagger(chain, load_lexicon(None))
    assert warm.lexicon is not cold.lexicon and warm.gazetteer is not cold.gazetteer
    assert warm.lexicon == cold.lexicon
    assert warm.terms.state() == cold.terms.state()
    assert warm.gazetteer._state() == cold.gazetteer._state()
    assert readings(warm) == expected


def test_the_same_without_any_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MONITOR_CACHE_DIR", "off")
    monkeypatch.setattr(lexicon, "_DEFAULT", None)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("CACHE_DIRECTORY", raising=False)
    gaz = Gazetteer.cached(small_chain(), HEADS, exonyms=False)
    assert _found(gaz) == _found(Gazetteer(small_chain(), HEADS, exonyms=False))
    assert len(load_lexicon(None).matcher) > 1000
    assert not (tmp_path / "home").exists()


# -- keyed by the inputs ----------------------------------------------------------------


def test_a_changed_node_is_a_new_gazetteer_entry(filled):
    cache_dir = filled
    chain = small_chain()
    first = Gazetteer.cached(chain, HEADS, exonyms=False)
    assert not first.find(fold("Fire at Zyxwport"), "en")
    nodes = dict(chain.nodes)
    nodes["zyxw"] = node("zyxw", "Zyxwport", kind="port")
    changed = Gazetteer.cached(ValueChain(chain.ecosystems, nodes, chain.edges, version=chain.version), HEADS,
                               exonyms=False)
    assert len(_entries(cache_dir, "gazetteer")) == 2
    assert [e.ref for h in changed.find(fold("Fire at Zyxwport"), "en") for e in h.entries] == ["zyxw"]
    # other compound heads, or the name table switched on: other entries too
    Gazetteer.cached(chain, ["werk"], exonyms=False)
    Gazetteer.cached(chain, HEADS, exonyms=True)
    assert len(_entries(cache_dir, "gazetteer")) == 4


def test_a_changed_lexicon_file_is_a_new_entry(filled, tmp_path):
    cache_dir = filled
    override = tmp_path / "lexicon.yaml"
    override.write_text("types:\n  strike:\n    terms:\n      en: [walkout]\n", encoding="utf-8")
    first = load_lexicon(override, display="lexicon.yaml")
    assert "walkout" in first.types["strike"].terms["en"]
    override.write_text("types:\n  strike:\n    terms:\n      en: [sit-down]\n", encoding="utf-8")
    second = load_lexicon(override, display="lexicon.yaml")
    assert "walkout" not in second.types["strike"].terms["en"]
    assert "sit-down" in second.types["strike"].terms["en"]
    assert second.version != first.version
    assert len(_entries(cache_dir, "lexicon")) == 3  # the default, and the two overrides
    assert first.matcher.state() != second.matcher.state()
    assert len(_entries(cache_dir, "terms")) == 3


def test_a_lexicon_with_errors_is_never_stored(filled, tmp_path):
    cache_dir = filled
    bad = tmp_path / "lexicon.yaml"
    bad.write_text("types:\n  strike:\n    terms:\n      xx: [walkout]\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(lexicon.ConfigError, match="unknown language"):
            load_lexicon(bad, display="lexicon.yaml")
    assert len(_entries(cache_dir, "lexicon")) == 1  # the packaged default only


def test_another_package_version_is_a_new_key(filled, monkeypatch):
    cache_dir = filled
    Gazetteer.cached(small_chain(), HEADS, exonyms=False)
    load_lexicon(None)
    monkeypatch.setattr(cache, "package_version", lambda: "999.0")
    monkeypatch.setattr(lexicon, "_DEFAULT", None)
    Gazetteer.cached(small_chain(), HEADS, exonyms=False)
    load_lexicon(None)
    assert len(_entries(cache_dir, "gazetteer")) == 2
    assert len(_entries(cache_dir, "lexicon")) == 2


# -- never trusted blindly ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["gazetteer", "lexicon", "terms"])
def test_a_damaged_entry_is_rebuilt_and_replaced(filled, monkeypatch, caplog, name):
    gaz = Gazetteer.cached(small_chain(), HEADS, exonyms=False)
    lex = load_lexicon(None)
    terms = lex.matcher.state()
    (entry,) = _entries(filled, name)
    good = entry.read_bytes()
    entry.write_bytes(good[:-5000])  # cut short, as by a full disk
    monkeypatch.setattr(lexicon, "_DEFAULT", None)
    with caplog.at_level(logging.WARNING, logger="graphs.cache"):
        gaz2 = Gazetteer.cached(small_chain(), HEADS, exonyms=False)
        lex2 = load_lexicon(None)
        terms2 = lex2.matcher.state()
    assert "unreadable" in caplog.text and entry.name in caplog.text
    assert _found(gaz2) == _found(gaz) and lex2 == lex and terms2 == terms
    assert entry.read_bytes() == good  # replaced by a good one


@pytest.mark.parametrize("name", ["gazetteer", "lexicon", "terms"])
def test_an_entry_of_another_user_or_writable_by_others_is_ignored(filled, monkeypatch, caplog, name):
    gaz = Gazetteer.cached(small_chain(), HEADS, exonyms=False)
    lex = load_lexicon(None)
    terms = lex.matcher.state()
    (entry,) = _entries(filled, name)
    entry.chmod(0o666)
    monkeypatch.setattr(lexicon, "_DEFAULT", None)
    with caplog.at_level(logging.WARNING, logger="graphs.cache"):
        assert _found(Gazetteer.cached(small_chain(), HEADS, exonyms=False)) == _found(gaz)
        assert load_lexicon(None).matcher.state() == terms
    assert "writable by group or others" in caplog.text
    caplog.clear()
    entry.chmod(0o600)
    real = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: real + 1)  # the entry now belongs to someone else
    monkeypatch.setattr(lexicon, "_DEFAULT", None)
    with caplog.at_level(logging.WARNING, logger="graphs.cache"):
        assert _found(Gazetteer.cached(small_chain(), HEADS, exonyms=False)) == _found(gaz)
        assert load_lexicon(None).matcher.state() == terms
    assert "not by this user" in caplog.text


# -- what an entry may hold ---------------------------------------------------------------


def test_entry_data_round_trips_as_plain_data():
    follow = re.compile(r"\s+(?:port|harbour)(?![^ ])")
    values = [
        None, "two-part", ("hafen", 1), ("de", True, "Hafen", None),
        Exonym("Rotterdão", "Rotterdam", frozenset({"pt"})),
        MaterialWord("terras raras", "Chinese rare earths", "CN", frozenset({"pt", "es"})),
        AtNode("before", follow), AtNode("after"),
    ]
    for value in values:
        state = _data_state(value)
        assert _data_from_state(state, {}) == value
        assert "pickle" not in repr(state)
    with pytest.raises(TypeError, match="cannot be cached"):
        _data_state(object())


def test_equal_entries_are_stored_and_read_back_once():
    matcher = PhraseMatcher()
    for key in ("strike", "strikes", "walkout"):
        matcher.add(key, Entry(kind="term", ref="strike"))
    matcher.build()
    state = matcher.state()
    assert state[0][1] is state[1][1] is state[2][1]
    again = PhraseMatcher.from_state(state)
    buckets = list(again._keys.values())
    assert buckets[0] is buckets[1] and buckets[0][0] is buckets[2][0]
    assert again.state() == state


def test_data_the_cache_cannot_hold_keeps_the_build(cache_dir, monkeypatch, caplog):
    class Opaque:
        pass

    gaz = Gazetteer(small_chain(), HEADS, exonyms=False)
    gaz.matcher._keys["zzz"] = [Entry(kind="node", ref="x", data=Opaque())]
    with pytest.raises(TypeError, match="cannot be cached"):
        gaz._state()

    def opaque_state(self):
        raise TypeError("entry data of type Opaque cannot be cached")

    monkeypatch.setattr(Gazetteer, "_state", opaque_state)
    with caplog.at_level(logging.WARNING, logger="graphs.cache"):
        built = Gazetteer.cached(small_chain(), HEADS, exonyms=False)
    assert "not cacheable" in caplog.text
    assert _found(built) == _found(Gazetteer(small_chain(), HEADS, exonyms=False))
    assert not _entries(cache_dir, "gazetteer")
