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
from graphs.lexicon import Lexicon, load_lexicon
from graphs.loader import GraphCache
from graphs.model import ValueChain, split_edge_id
from graphs.tagger import Tagger
from graphs.yamlsrc import ConfigError, Problem, did_you_mean
from monitor.settings import (
    FeedsConfig,
    Settings,
    check_subscription_targets,
    load_feeds,
    load_settings,
)


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


def _lexicon_path(config_dir: Path) -> Path | None:
    path = config_dir / "lexicon.yaml"
    return path if path.exists() else None


def check_trade_targets(feeds: FeedsConfig, chain: ValueChain) -> list[Problem]:
    """Trade feeds must name an existing node or edge of the graph."""
    problems = []
    edges = {e.id for e in chain.edges}
    for src in feeds.trade:
        line = feeds.lines.get(src.name, 0)
        pair = split_edge_id(src.target)
        if pair is None:
            if src.target not in chain.nodes:
                problems.append(
                    Problem(feeds.source, line, f"trade feed {src.name!r}: unknown node {src.target!r}{did_you_mean(src.target, chain.nodes)}")
                )
        elif src.target not in edges:
            problems.append(
                Problem(feeds.source, line, f"trade feed {src.name!r}: no edge {pair[0]} -> {pair[1]} in the graph{did_you_mean(src.target, edges)}")
            )
    return problems


def load_runtime(
    config_dir: Path,
    *,
    graph_cache: GraphCache | None = None,
    feeds: FeedsConfig | None = None,
    settings: Settings | None = None,
) -> Runtime:
    """Load and cross-check ``config_dir``; raise :class:`ConfigError` with every problem.

    ``feeds`` and ``settings`` replace the files' content (the demo and tests
    use them). ``graph_cache`` re-reads only graph files that changed.
    """
    config_dir = Path(config_dir)
    if not config_dir.is_dir():
        raise ConfigError([Problem(str(config_dir), 0, "config directory not found")])
    if not (config_dir / "graph").is_dir():
        raise ConfigError([Problem(str(config_dir / "graph"), 0, "graph directory not found (every config needs graph/*.yaml)")])

    problems: list[Problem] = []

    def attempt(fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except ConfigError as exc:
            problems.extend(exc.problems)
            return None

    cache = graph_cache or GraphCache()
    chain = attempt(cache.load, config_dir / "graph", display_root=config_dir)
    settings = settings or attempt(load_settings, config_dir)
    feeds = feeds or attempt(load_feeds, config_dir)
    lexicon = attempt(load_lexicon, _lexicon_path(config_dir))
    if chain is not None:
        if settings is not None:
            problems += check_subscription_targets(settings, set(chain.nodes), set(chain.ecosystems))
        if feeds is not None:
            problems += check_trade_targets(feeds, chain)
    errors = [p for p in problems if p.level == "error"]
    if errors or chain is None or settings is None or feeds is None or lexicon is None:
        raise ConfigError(problems)

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
        warnings=tuple(p for p in problems if p.level != "error"),
    )


def with_overrides(runtime: Runtime, **changes) -> Runtime:
    """A copy of ``runtime`` with some fields replaced (tests, demo)."""
    return replace(runtime, **changes)
