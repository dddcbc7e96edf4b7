"""``monitor feeds ...``: the feeds group and ``feeds list``.

Other commands (add, remove, check, import-opml, export-opml) register on
:data:`feeds_group` from their own module.
"""

from __future__ import annotations

from typing import Any

import click
from rich.table import Table
from rich.text import Text

from monitor.cli import cli
from monitor.cli.common import MonitorGroup, config_dir, config_option, print_json


@cli.group("feeds", cls=MonitorGroup)
@config_option
def feeds_group() -> None:
    """News and trade feeds: list their health and schedule, manage them."""


def _configured(cfg: Any) -> list[tuple[str, Any]]:
    from monitor.settings import load_feeds

    feeds = load_feeds(cfg)
    return [("news", s) for s in feeds.news] + [("trade", s) for s in feeds.trade]


@feeds_group.command("list")
@config_option
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def list_cmd(as_json: bool) -> None:
    """Every feed with its stored items, last status and error, next poll.

    Reads the database (what the daemon knows); feeds in feeds.yaml that the
    daemon has not synced yet are listed with no history.
    """
    from monitor.cli.db import open_store
    from monitor.cli.run import wide_console
    from monitor.service import feed_listing

    cfg = config_dir()
    configured = _configured(cfg)
    engine, sessions = open_store(cfg, migrate=False)
    try:
        rows = feed_listing(sessions, configured)
    finally:
        engine.dispose()
    if as_json:
        print_json(rows)
        return
    if not rows:
        click.echo("no feeds (add some to feeds.yaml)")
        return
    table = Table("name", "kind", "items", "status", "errors", "next poll", "state", "url", box=None, pad_edge=False)
    for r in rows:
        if not r["in_config"]:
            state = "removed"
        elif r["disabled_reason"]:
            state = "disabled (gone)"
        elif not r["enabled"]:
            state = "disabled"
        elif r["parked"]:
            state = "parked"
        elif r["error_count"]:
            state = "failing"
        else:
            state = "ok"
        table.add_row(
            Text(r["name"]), r["kind"], str(r["items"]), Text(r["last_status"] or "-"), str(r["error_count"]),
            r["next_poll"] or "-", state, Text(r["url"]),
        )
    out = wide_console()
    out.print(table)
    for r in rows:
        if r["last_error"]:
            out.print(Text(f"{r['name']}: {r['last_error']}"))
