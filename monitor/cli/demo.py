"""``monitor demo``: the full pipeline offline on the bundled default."""

from __future__ import annotations

from pathlib import Path

import click
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from monitor.cli import cli
from monitor.cli.common import config_option, console

SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3}


@cli.command("demo")
@config_option
@click.option("--keep", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Keep the demo database in this directory (default: a temporary one).")
def demo_command(keep: Path | None) -> None:
    """Offline run on the bundled graph and sample feeds; prints the alerts."""
    from monitor.demo import run_demo
    from monitor.alerts.model import AlertSnapshot
    from monitor.notify.terminal import render_alert

    out = console()
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
    with out.status("Fetching the sample feeds from a loopback server, tagging, propagating..."):
        result = run_demo(keep)
    rt = result.runtime
    chain = rt.chain
    out.print(
        Panel(
            Text.assemble(
                ("Value-chain graph  ", "bold"),
                f"{len(chain.nodes)} nodes, {len(chain.edges)} edges, {len(chain.ecosystems)} ecosystems\n",
                ("Feeds polled       ", "bold"),
                f"{result.stats.polls.polled} ({len(rt.feeds.news)} news, {len(rt.feeds.trade)} trade)\n",
                ("Items stored       ", "bold"),
                f"{result.items}\n",
                ("Events tagged      ", "bold"),
                f"{result.events}\n",
                ("Alerts             ", "bold"),
                f"{len(result.alerts)}",
            ),
            title="monitor demo",
            subtitle="bundled sample data, offline",
        )
    )
    alerts = sorted(
        result.alerts,
        key=lambda a: (a.state == "resolved", SEVERITY_ORDER.get(a.severity, 9), -a.score, a.target),
    )
    # Panels for what still needs attention; resolved alerts (a recovery was
    # reported after the disruption) are listed in the table below.
    for alert in alerts:
        if alert.state != "resolved":
            out.print(render_alert(AlertSnapshot.from_row(alert)))
    table = Table(title="All alerts of the demo run (resolved ones last)", show_lines=False)
    for col in ("#", "severity", "state", "type", "target", "sources", "reaches"):
        table.add_column(col)
    for alert in alerts:
        node = chain.nodes.get(alert.target)
        name = node.name if node else alert.target
        impacted = (alert.impact or {}).get("impacted", [])
        table.add_row(
            str(alert.id), alert.severity, alert.state, alert.type, Text(name),
            str(len(alert.sources or [])), f"{len(impacted)} nodes",
        )
    out.print(table)
    if keep is not None:
        out.print(Text(f"Database kept at {result.database}"))
