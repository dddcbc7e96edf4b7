"""Where the shipped defaults live, installed or in a source checkout."""

from __future__ import annotations

import os
from pathlib import Path

_PKG = Path(__file__).resolve().parent


def default_config_dir() -> Path:
    """The read-only default config that ships with the package.

    A wheel carries it as ``monitor/defaults`` (see ``pyproject.toml``); in a
    source checkout or editable install it is the repository's ``config/``.
    """
    for candidate in (_PKG / "defaults", _PKG.parent / "config"):
        if (candidate / "graph").is_dir():
            return candidate
    raise FileNotFoundError("the packaged default config is missing (broken install?)")


def demo_data_dir() -> Path:
    """Bundled sample news feeds and trade series for ``monitor demo``."""
    return _PKG / "demo_data"


def resolve_config_dir(option: str | os.PathLike[str] | None) -> Path:
    """``--config`` if given, else ``$MONITOR_CONFIG``, else ``./config``."""
    chosen = option or os.environ.get("MONITOR_CONFIG") or "config"
    return Path(chosen)
