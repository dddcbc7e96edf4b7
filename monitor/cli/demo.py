"""``monitor demo``: the full pipeline offline on the bundled default.

It prints one screen first: what was fetched and found, then the top
incidents by severity, one line each. ``--all`` adds every alert's panel and
the full table; ``--keep DIR`` keeps the database and prints the commands
that browse it.
"""

from __future__ import annotations

import shlex
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from monitor.cli import cli
from monitor.cli.common import config_option, console

if TYPE_CHECKING:  # the demo's modules load only when the command runs
    from monitor.demo import DemoResult
    from monitor.store.models import Alert

SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3}
TOP = 8


def _sorted(alerts: list[Alert]) -> list[Alert]:
    return sorted(alerts, key=lambda a: (a.state == "resolved", SEVERITY_ORDER.get(a.severity, 9), -a.score, a.target))


def summary_panel(result: DemoResult, now: datetime) -> Panel:
    """Counts, then the top incidents, two lines each: severity, types, target, reach; when, first headline."""
    from monitor.alerts.model import AlertSnapshot, types_label
    from monitor.notify.terminal import SEVERITY_STYLES
    from monitor.notify.text import ago, human_time, one_line

    rt = result.runtime
    active = [a for a in result.alerts if a.state != "resolved"]
    head = Text()
    head.append(f"{len(rt.chain.nodes)} nodes · {len(rt.chain.edges)} edges · "
                f"{result.stats.polls.polled} feeds polled ({len(rt.feeds.news)} news, {len(rt.feeds.trade)} trade)\n")
    head.append(f"{result.items} items stored · {result.events} events tagged · "
                f"{result.old_news} of them old news (published before alerts.max_age, no alert)\n")
    head.append(f"{len(active)} active incidents", style="bold")
    head.append(f" · {len(result.alerts) - len(active)} over before they were seen or resolved"
                f" · clock: {human_time(now)}\n", style="")
    # Two lines per incident, each cut to the screen: what, where, how far and when; then its headline.
    rows: list[Text] = []
    for row in _sorted(active)[:TOP]:
        a = AlertSnapshot.from_row(row)
        impacted = a.impact.get("impacted") or []
        reach = f"reaches {len(impacted)} nodes ({float(a.impact.get('reach') or 0):.2f})" if impacted else "local"
        headline = a.evidence[-1].get("headline", "") if a.evidence else ""  # evidence is latest first
        first = Text(no_wrap=True, overflow="ellipsis")
        first.append(f"{a.severity.upper():<9}", style=SEVERITY_STYLES.get(a.severity, ""))
        first.append(f"{types_label(a.types)} at {one_line(a.target_name, 60)}", style="bold")
        first.append(f" · {reach}")
        rows.append(first)
        second = Text(f"{'':9}{ago(a.published_at, now)}: ", no_wrap=True, overflow="ellipsis")
        second.append(one_line(headline, 200), style="dim")
        rows.append(second)
    more = len(active) - TOP
    foot = Text(("… and " + str(more) + " more. " if more > 0 else "")
                + "Every alert in full: monitor demo --all", style="dim")
    from rich.console import Group

    return Panel(Group(head, *rows, foot), title="monitor demo", subtitle="bundled sample data, offline",
                 title_align="left")


@cli.command("demo")
@config_option
@click.option("--keep", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Keep the demo database in this directory (default: a temporary one).")
@click.option("--all", "show_all", is_flag=True, help="After the summary, every alert's panel and the full table.")
def demo_command(keep: Path | None, show_all: bool) -> None:
    """Offline run on the bundled graph and sample feeds: a one-screen summary."""
    from monitor.alerts.model import AlertSnapshot
    from monitor.demo import DEMO_NOW, run_demo
    from monitor.notify.terminal import render_alert
    from monitor.paths import default_config_dir

    out = console()
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        keep = keep.resolve()
    with out.status("Fetching the sample feeds from a loopback server, tagging, propagating..."):
        result = run_demo(keep)
    out.print(summary_panel(result, DEMO_NOW))
    if show_all:
        alerts = _sorted(result.alerts)
        for alert in alerts:
            if alert.state != "resolved":
                out.print(render_alert(AlertSnapshot.from_row(alert), now=DEMO_NOW))
        table = Table(title="All alerts of the demo run (resolved ones last)", show_lines=False)
        for col in ("#", "severity", "state", "types", "target", "sources", "reaches"):
            table.add_column(col)
        for alert in alerts:
            node = result.runtime.chain.nodes.get(alert.target)
            name = node.name if node else alert.target
            impacted = (alert.impact or {}).get("impacted", [])
            table.add_row(
                str(alert.id), alert.severity, alert.state, ", ".join(alert.types or [alert.type]), Text(name),
                str(len(alert.sources or [])), f"{len(impacted)} nodes",
            )
        out.print(table)
    if keep is not None:
        env = f"MONITOR_DATABASE_URL={shlex.quote(result.database)}"
        cfg = shlex.quote(str(default_config_dir()))
        # plain lines, never wrapped: they are meant to be copied
        click.echo(f"Database kept at {result.database}. Browse it with:")
        click.echo(f"  {env} monitor --config {cfg} watch")
        click.echo(f"  {env} monitor --config {cfg} alerts list")
