"""Check a whole config directory the way the daemon loads it, without raising.

``monitor check`` (like ``promtool check config`` or ``nginx -t``) and
:func:`monitor.config.load_runtime` share :func:`check_config`: it reads
``monitor.yaml``, ``feeds.yaml``, ``lexicon.yaml`` (over the packaged lexicon
and its ``lexicon.d`` files) and ``graph/``, then cross-checks subscriptions and
trade feeds against the graph -- even when some file had errors, so every
problem is reported in one run. File names are relative to the config
directory. No side effects beyond reading files and environment variables.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from graphs.lexicon import Lexicon, load_lexicon
from graphs.loader import GraphCache
from graphs.model import ValueChain, split_edge_id
from graphs.yamlsrc import ConfigError, Problem, did_you_mean
from monitor.settings import (
    FeedsConfig,
    Settings,
    check_feeds,
    check_settings,
    check_subscription_targets,
)

#: The files of a config directory, in the order they are reported.
CONFIG_FILES = ("monitor.yaml", "feeds.yaml", "lexicon.yaml", "graph/")


@dataclass(frozen=True, eq=False)
class ConfigCheck:
    """What :func:`check_config` read (``None`` where a part could not be used) and every problem."""

    config_dir: Path
    problems: tuple[Problem, ...]
    chain: ValueChain | None = None
    settings: Settings | None = None
    feeds: FeedsConfig | None = None
    lexicon: Lexicon | None = None
    files: tuple[str, ...] = field(default=())

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.level == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.level != "error")

    @property
    def ok(self) -> bool:
        """True when the daemon would start (or reload) with this config."""
        return not self.errors and None not in (self.chain, self.settings, self.feeds, self.lexicon)

    def summary(self) -> dict[str, int]:
        """What the config holds, as far as it could be read."""
        out: dict[str, int] = {}
        if self.chain is not None:
            out.update(nodes=len(self.chain.nodes), edges=len(self.chain.edges), ecosystems=len(self.chain.ecosystems))
        if self.settings is not None:
            out["subscriptions"] = len(self.settings.subscriptions)
        if self.feeds is not None:
            out.update(news_feeds=len(self.feeds.news), trade_feeds=len(self.feeds.trade))
        if self.lexicon is not None:
            out["disruption_types"] = len(self.lexicon.types)
        return out

    def to_dict(self) -> dict[str, object]:
        """The JSON form printed by ``monitor check --json``."""
        return {
            "config_dir": str(self.config_dir),
            "ok": self.ok,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "files": list(self.files),
            "summary": self.summary(),
            "problems": [
                {"file": p.file, "line": p.line, "level": p.level, "message": p.message} for p in self.problems
            ],
        }


def check_trade_targets(
    feeds: FeedsConfig, chain: ValueChain | None = None, *, ids: tuple[set[str], set[str]] | None = None
) -> list[Problem]:
    """Trade feeds must name an existing node, or ``from->to`` of an existing edge.

    ``ids`` (node ids, edge ids) stands in for ``chain`` when the graph had
    errors, so the check still runs in the same pass.
    """
    if ids is not None:
        nodes, edges = ids
    elif chain is not None:
        nodes, edges = set(chain.nodes), {e.id for e in chain.edges}
    else:
        raise ValueError("check_trade_targets needs a chain or ids")
    problems = []
    for src in feeds.trade:
        if not src.target:
            continue  # reported by the feeds.yaml checks (missing target)
        line = feeds.target_lines.get(src.name) or feeds.lines.get(src.name, 0)
        pair = split_edge_id(src.target)
        if pair is None:
            if src.target not in nodes:
                problems.append(
                    Problem(feeds.source, line, f"trade feed {src.name!r}: unknown node {src.target!r}{did_you_mean(src.target, nodes)}")
                )
        elif src.target not in edges:
            problems.append(
                Problem(feeds.source, line, f"trade feed {src.name!r}: no edge {pair[0]} -> {pair[1]} in the graph{did_you_mean(src.target, edges)}")
            )
    return problems


def _database_problems(settings: Settings, env: Mapping[str, str]) -> list[Problem]:
    """A ``database:`` URL that does not parse, or whose driver is not installed.

    Skipped when ``$MONITOR_DATABASE_URL`` overrides the file's value (in
    ``env`` or in this process's environment, which ``resolve_url`` reads).
    """
    from sqlalchemy.engine import make_url

    from monitor.store.db import DATABASE_ENV, DatabaseURLError, resolve_url

    if not settings.database or env.get(DATABASE_ENV) or os.environ.get(DATABASE_ENV):
        return []
    line = settings.database_line
    try:
        url = resolve_url(settings.database)
    except DatabaseURLError as exc:
        return [Problem(settings.source, line, str(exc).replace("monitor.yaml's database", "database"))]
    try:
        dialect = make_url(url).get_dialect()
        dialect.import_dbapi()
    except ImportError as exc:
        extra = " (pip install 'eu-supply-monitor[postgres]')" if "postgres" in url.split(":", 1)[0] else ""
        return [Problem(settings.source, line, f"database: the driver for {url.split(':', 1)[0]} is not installed"
                        f" ({exc.name or exc}){extra}")]
    except Exception as exc:  # NoSuchModuleError: an unknown dialect
        return [Problem(settings.source, line, f"database: unknown database kind {url.split(':', 1)[0]!r} ({exc})")]
    return []


def _secret_warnings(settings: Settings, env: Mapping[str, str]) -> list[Problem]:
    smtp = settings.smtp
    if smtp is None or not smtp.password_env or smtp.password_env in env:
        return []
    return [
        Problem(
            settings.source, settings.smtp_line,
            f"smtp.password_env names {smtp.password_env}, which is not set here"
            " (set it in the daemon's environment, e.g. the systemd EnvironmentFile)",
            "warning",
        )
    ]


def check_config(
    config_dir: Path,
    *,
    graph_cache: GraphCache | None = None,
    settings: Settings | None = None,
    feeds: FeedsConfig | None = None,
    env: Mapping[str, str] | None = None,
) -> ConfigCheck:
    """Read and cross-check everything the daemon loads from ``config_dir``.

    ``settings`` and ``feeds`` replace the files' content (demo, tests);
    ``graph_cache`` re-reads only graph files that changed; ``env`` is the
    environment secrets are looked up in (default ``os.environ``).
    """
    config_dir = Path(config_dir)
    if not config_dir.is_dir():
        return ConfigCheck(config_dir, (Problem(str(config_dir), 0, "config directory not found"),))
    problems: list[Problem] = []
    files = [name for name in CONFIG_FILES if (config_dir / name).exists()]

    cache = graph_cache or GraphCache()
    chain: ValueChain | None = None
    if not (config_dir / "graph").is_dir():
        problems.append(Problem("graph/", 0, "graph directory not found (every config needs graph/*.yaml)"))
    else:
        chain, found = cache.validate(config_dir / "graph", display_root=config_dir)
        problems += found
    if settings is None:
        settings, found = check_settings(config_dir)
        problems += found
    if feeds is None:
        feeds, found = check_feeds(config_dir)
        problems += found
    lexicon: Lexicon | None = None
    try:
        lexicon = load_config_lexicon(config_dir)
    except ConfigError as exc:
        problems += exc.problems

    # Cross-checks run even when a file had errors, so every problem shows in one run.
    if chain is not None:
        node_ids, eco_ids, edge_ids = set(chain.nodes), set(chain.ecosystems), {e.id for e in chain.edges}
    else:
        node_ids, eco_ids, edge_ids = cache.declared_ids()
    if node_ids:
        if settings is not None:
            problems += check_subscription_targets(settings, node_ids, eco_ids)
        if feeds is not None:
            problems += check_trade_targets(feeds, ids=(node_ids, edge_ids))
    if settings is not None:
        problems += _database_problems(settings, os.environ if env is None else env)
        problems += _secret_warnings(settings, os.environ if env is None else env)

    order = {name: i for i, name in enumerate(CONFIG_FILES)}

    def key(p: Problem) -> tuple[int, str, int]:
        head = "graph/" if p.file.startswith("graph/") else p.file
        return order.get(head, len(order)), p.file, p.line

    problems.sort(key=key)
    return ConfigCheck(
        config_dir, tuple(problems), chain=chain, settings=settings, feeds=feeds, lexicon=lexicon, files=tuple(files)
    )


def _lexicon_path(config_dir: Path) -> Path | None:
    path = config_dir / "lexicon.yaml"
    return path if path.exists() else None


def load_config_lexicon(config_dir: Path) -> Lexicon:
    """The packaged lexicon with ``<config_dir>/lexicon.yaml`` applied (named
    ``lexicon.yaml`` in messages, like the other files of the directory)."""
    return load_lexicon(_lexicon_path(config_dir), display="lexicon.yaml")
