"""The whole configuration, loaded and cross-checked as one :class:`Runtime`.

A runtime is immutable. The daemon keeps the current one behind a provider and
swaps it atomically on reload; a config that fails validation never replaces
the last good one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from graphs.impact import ImpactEngine
from graphs.lexicon import Lexicon
from graphs.loader import GraphCache
from graphs.model import ValueChain
from graphs.tagger import Tagger
from graphs.yamlsrc import ConfigError, Problem
from monitor.check import check_config, check_trade_targets, load_config_lexicon
from monitor.settings import FeedsConfig, Settings

__all__ = ["Runtime", "check_trade_targets", "load_config_lexicon", "load_runtime", "with_overrides"]


@dataclass(frozen=True, eq=False)
class Runtime:
    """Everything one pipeline pass needs that comes from ``config/``."""

    config_dir: Path
    settings: Settings
    feeds: FeedsConfig
    chain: ValueChain
    lexicon: Lexicon
    tagger: Tagger
    impact: ImpactEngine
    version: str
    warnings: tuple[Problem, ...] = field(default=())


def load_runtime(
    config_dir: Path,
    *,
    graph_cache: GraphCache | None = None,
    feeds: FeedsConfig | None = None,
    settings: Settings | None = None,
) -> Runtime:
    """Load and cross-check ``config_dir``; raise :class:`ConfigError` with every problem.

    ``feeds`` and ``settings`` replace the files' content (the demo and tests
    use them). ``graph_cache`` re-reads only graph files that changed. The
    checks are those of ``monitor check`` (:func:`monitor.check.check_config`).
    """
    config_dir = Path(config_dir)
    if not config_dir.is_dir():
        raise ConfigError([Problem(str(config_dir), 0, "config directory not found")])
    if not (config_dir / "graph").is_dir():
        raise ConfigError([Problem(str(config_dir / "graph"), 0, "graph directory not found (every config needs graph/*.yaml)")])
    check = check_config(config_dir, graph_cache=graph_cache, settings=settings, feeds=feeds)
    if not check.ok:
        raise ConfigError(sorted(check.problems, key=lambda p: p.level != "error"))
    chain, settings, feeds, lexicon = check.chain, check.settings, check.feeds, check.lexicon
    assert chain is not None and settings is not None and feeds is not None and lexicon is not None

    tagger = Tagger(chain, lexicon)
    impact = ImpactEngine(chain, floor=settings.alerts.impact_floor)
    digest = hashlib.sha256()
    for part in (chain.version, getattr(lexicon, "version", ""), repr(settings), repr(feeds)):
        digest.update(str(part).encode())
    return Runtime(
        config_dir=config_dir,
        settings=settings,
        feeds=feeds,
        chain=chain,
        lexicon=lexicon,
        tagger=tagger,
        impact=impact,
        version=digest.hexdigest()[:16],
        warnings=check.warnings,
    )


def with_overrides(runtime: Runtime, **changes) -> Runtime:
    """A copy of ``runtime`` with some fields replaced (tests, demo)."""
    return replace(runtime, **changes)
