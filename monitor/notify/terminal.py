"""Rich panels for alert changes (``monitor run``, ``monitor demo``, ``alerts show``).

Feed text is shown literally: every piece of it goes into a
:class:`rich.text.Text` (never a markup string), after
:func:`monitor.notify.text.clean` removed escape sequences and control
characters. ``[bold]`` in a headline prints as ``[bold]``; ``\\x1b[31m`` never
reaches the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from feeds.trade import sparkline
from monitor.alerts.model import AlertChange, AlertSnapshot, series_picture, types_label
from monitor.notify.text import ago, burst_line, human_time, model_line, one_line, parse_time

SEVERITY_STYLES = {"low": "cyan", "medium": "yellow", "high": "dark_orange", "critical": "bold red"}
CHANGE_LABELS = {
    "new": ("NEW", "bold"),
    "updated": ("UPDATED", ""),
    "reopened": ("REOPENED", "bold"),
    "resolved": ("RESOLVED", "bold green"),
    "silenced": ("SILENCED", "dim"),
    "recorded": ("OLD NEWS", "dim"),
}
EVIDENCE_SHOWN = 3
REACH_SHOWN = 5
ALTERNATIVES_SHOWN = 4


def _t(value: object, limit: int = 200, style: str = "") -> Text:
    return Text(one_line(value, limit), style=style)


def _path(alert: AlertSnapshot, path: list[str]) -> Text:
    """Node names joined by arrows that name the product of each hop."""
    hops = alert.impact.get("hops") or {}
    text = Text()
    for i, node in enumerate(path):
        if i:
            product = hops.get(f"{path[i - 1]}>{node}")
            text.append(f" —{one_line(product, 40)}→ " if product else " → ", style="dim")
        text.append(one_line(alert.name_of(node), 60))
    return text


def alert_body(alert: AlertSnapshot, *, reason: str = "", now: datetime | None = None) -> Table:
    """The key/value grid shown inside a panel (times relative to ``now``)."""
    now = now or datetime.now(UTC)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    target = Text(one_line(alert.target_name, 120))
    target.append(f"  ({one_line(alert.target, 120)})", style="dim")
    grid.add_row("Target", target)
    sev = Text(alert.severity.upper(), style=SEVERITY_STYLES.get(alert.severity, ""))
    sev.append(f"  confidence {alert.confidence:.2f} · score {alert.score:.2f} · {alert.state}", style="dim")
    grid.add_row("Severity", sev)
    if len(alert.types) > 1:
        types = Text(one_line(alert.types[0], 40), style="bold")
        types.append(" (cause) · " + ", ".join(one_line(t, 40) for t in alert.types[1:]))
        grid.add_row("Types", types)
    if alert.published_at:
        grid.add_row("Published", Text(f"{ago(alert.published_at, now)} · {human_time(alert.published_at)}"))
    grid.add_row("Seen", Text(f"{ago(alert.last_seen, now)} · first {human_time(alert.first_seen)}", style="dim"))
    if alert.sources:
        grid.add_row("Sources", _t(", ".join(alert.sources[:8]) + (" …" if len(alert.sources) > 8 else ""), 300))
    if reason or (alert.state == "resolved" and alert.resolved_reason):
        grid.add_row("Resolved", _t(reason or alert.resolved_reason, 300, "green"))
    for i, e in enumerate(alert.evidence[:EVIDENCE_SHOWN]):
        line = Text("• ")
        line.append(one_line(e.get("headline") or "", 200))
        meta = " — " + one_line(e.get("source") or "", 60)
        if parse_time(e.get("time")):
            meta += ", published " + ago(parse_time(e.get("time")), now)
        line.append(meta, style="dim")
        burst = burst_line(e)
        if burst:
            line.append("\n  Burst: " + one_line(burst, 200), style="yellow")
        why = model_line(e)
        if why:
            line.append("\n  Model: " + one_line(why, 200), style="dim")
        grid.add_row("Evidence" if i == 0 else "", line)
    picture = series_picture(alert.evidence)
    if picture is not None:
        line = Text(sparkline([v for _, v in picture.points]), style="bold")
        line.append("  " + one_line(picture.caption, 200), style="dim")
        grid.add_row("Series", line)
    for i, hit in enumerate((alert.impact.get("impacted") or [])[:REACH_SHOWN]):
        line = _path(alert, list(hit.get("path") or []))
        line.append(f"  {float(hit.get('score') or 0):.2f}", style="dim")
        grid.add_row("Reaches" if i == 0 else "", line)
    more = len(alert.impact.get("impacted") or []) - REACH_SHOWN
    if more > 0:
        grid.add_row("", Text(f"… and {more} more nodes downstream", style="dim"))
    eco = alert.impact.get("ecosystems") or {}
    if eco:
        names = alert.impact.get("ecosystem_names") or {}
        grid.add_row("Ecosystems", _t(", ".join(f"{names.get(k, k)} {v:.2f}" for k, v in list(eco.items())[:6]), 300))
    for i, alt in enumerate((alert.impact.get("alternatives") or [])[:ALTERNATIVES_SHOWN]):
        line = Text(one_line(alert.name_of(alt.get("node")), 60), style="green")
        line.append(
            f" could supply {one_line(alt.get('product'), 40)} to {one_line(alert.name_of(alt.get('for')), 50)}"
            f" instead of {one_line(alert.name_of(alt.get('replaces')), 50)}"
        )
        grid.add_row("Alternatives" if i == 0 else "", line)
    return grid


def render_alert(
    alert: AlertSnapshot, change: str | None = None, *, reason: str = "", now: datetime | None = None
) -> Panel:
    """A panel for one alert; ``change`` labels it (new, updated, resolved, ...)."""
    title = Text()
    if change:
        label, style = CHANGE_LABELS.get(change, (change.upper(), ""))
        title.append(label, style=style)
        title.append("  ")
    title.append(alert.severity.upper(), style=SEVERITY_STYLES.get(alert.severity, ""))
    title.append("  ")
    title.append(f"{types_label(alert.types or (alert.type,))} at {one_line(alert.target_name, 80)}", style="bold")
    subtitle = Text(f"alert {alert.id} · {alert.fingerprint}", style="dim")
    if alert.state not in ("resolved",):
        subtitle.append(f" · monitor alerts ack {alert.id} --by NAME", style="dim")
    border = "green" if alert.state == "resolved" else SEVERITY_STYLES.get(alert.severity, "white").replace("bold ", "")
    return Panel(
        alert_body(alert, reason=reason, now=now), title=title, title_align="left", subtitle=subtitle,
        subtitle_align="right", border_style=border, expand=True,
    )


def render_change(change: AlertChange, now: datetime | None = None) -> RenderableType:
    """A panel per change; an incident recorded as over before it was seen
    (a first start over an archive) is one dim line, not a panel."""
    if change.change == "recorded":
        a = change.alert
        line = Text(f"old news: {types_label(a.types or (a.type,))} at {one_line(a.target_name, 80)}", style="dim")
        line.append(f" (published {ago(a.published_at, now or datetime.now(UTC))}, over before it was seen)",
                    style="dim")
        return line
    return render_alert(change.alert, change.change, reason=change.reason, now=now)


def render_changes(changes: Iterable[AlertChange]) -> RenderableType:
    return Group(*(render_change(c) for c in changes))


def print_changes(console: Console, changes: Iterable[AlertChange]) -> int:
    """Print one panel per change; returns how many were printed."""
    n = 0
    for c in changes:
        console.print(render_change(c))
        n += 1
    return n
