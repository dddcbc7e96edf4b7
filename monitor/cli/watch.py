"""``monitor watch``: a live terminal dashboard read from the database.

Active alerts by severity, feed health, the last cycle, recent events and the
notices waiting in the outbox. It only reads, so it can run next to the daemon
(SQLite WAL) or against the shared PostgreSQL of several instances. Feed text
goes through ``rich.text.Text`` after :func:`monitor.notify.text.one_line`.

The layout follows the terminal: at 80 columns panels are stacked and tables
keep only the columns that fit (nothing collapses to ``┃ ┃``); from 120 columns
feed health and recent events sit side by side and tables gain columns. Every
count says what it counts, and a table that is cut says how many rows it left
out ("… 3 more").
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

import click
from rich.console import Group, RenderableType
from rich.live import Live
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from graphs.model import split_edge_id
from monitor.alerts.model import (
    ACTIVE_STATES,
    as_utc,
    severity_rank,
    type_label,
    types_label,
)
from monitor.cli import cli
from monitor.cli.common import config_dir, config_option, console
from monitor.cli.db import open_store
from monitor.notify.terminal import SEVERITY_STYLES
from monitor.notify.text import one_line
from monitor.settings import SEVERITIES
from monitor.store.db import transaction
from monitor.store.status import WatchSnapshot, watch_snapshot

#: From this width on, feed health and recent events sit side by side and tables show more columns.
WIDE = 120


@dataclass(frozen=True)
class View:
    """What a frame is drawn for: the terminal width and what the config tells about names."""

    width: int = 80
    names: Mapping[str, str] = field(default_factory=dict)  # node id -> name
    smtp: bool = True  # an smtp: block is configured (email notices can leave the outbox)

    @property
    def wide(self) -> bool:
        return self.width >= WIDE

    def name(self, target: str) -> str:
        """A node's (or an edge's ends') name; the id when the graph does not know it."""
        pair = split_edge_id(target)
        if pair is not None:
            return f"{self.names.get(pair[0], pair[0])} → {self.names.get(pair[1], pair[1])}"
        return self.names.get(target, target)


def _ago(then: datetime | None, now: datetime) -> str:
    if then is None:
        return "—"
    s = (now - as_utc(then)).total_seconds()
    future = s < 0
    s = abs(s)
    text = f"{int(s)}s" if s < 120 else f"{int(s // 60)}m" if s < 7200 else f"{int(s // 3600)}h" if s < 172800 else f"{int(s // 86400)}d"
    return f"in {text}" if future else f"{text} ago"


def _next_poll(when: datetime | None, now: datetime) -> str:
    """``in 4 min``, or ``due now`` for a poll whose time has come ("8d ago" read as a fault)."""
    if when is not None and as_utc(when) <= now:
        return "due now"
    return _ago(when, now)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _more(shown: int, total: int, hint: str = "") -> Text:
    """``… N more`` under a cut table (empty when nothing was cut)."""
    if total <= shown:
        return Text("")
    return Text(f"… {total - shown} more{hint}", style="dim")


def _table() -> Table:
    return Table(show_edge=False, header_style="bold", expand=True, pad_edge=False)


def alerts_panel(snap: WatchSnapshot, now: datetime, view: View = View(), limit: int | None = None) -> Panel:
    limit = limit or (15 if view.wide else 10)
    rows = sorted(snap.alerts, key=lambda a: (-severity_rank(a.severity), -(as_utc(a.last_seen).timestamp())))
    firing = [a for a in rows if a.state == "firing"]
    counts = Text(f"{_plural(len(rows), 'active alert')}: {len(firing)} firing (")
    for i, sev in enumerate(reversed(SEVERITIES)):
        n = sum(1 for a in firing if a.severity == sev)
        counts.append(f"{sev} {n}", style=SEVERITY_STYLES.get(sev, "") if n else "dim")
        counts.append(" · " if i < len(SEVERITIES) - 1 else ")")
    acked = sum(1 for a in rows if a.state == "acknowledged")
    silenced = sum(1 for a in rows if a.state == "silenced")
    counts.append(f", {acked} acknowledged, {silenced} silenced", style="dim")
    table = _table()
    table.add_column("ID", no_wrap=True, justify="right")
    table.add_column("Severity", no_wrap=True)
    if view.wide:
        table.add_column("State", no_wrap=True)
    table.add_column("Disruption", ratio=3, overflow="fold")
    if view.wide:
        table.add_column("Reported by", ratio=2, overflow="fold")
        table.add_column("Nodes hit", justify="right", no_wrap=True)
    table.add_column("Published", no_wrap=True)
    table.add_column("Seen", no_wrap=True)
    for a in rows[:limit]:
        target = (a.impact or {}).get("target", {}).get("name") or view.name(a.target)
        cells: list[RenderableType] = [str(a.id), Text(a.severity, style=SEVERITY_STYLES.get(a.severity, ""))]
        if view.wide:
            cells.append(Text(a.state))
        cells.append(Text(f"{types_label(a.types or [a.type])} at {one_line(target, 80)}"))
        if view.wide:
            cells.append(Text(one_line(", ".join(a.sources or []), 80)))
            cells.append(str(len((a.impact or {}).get("impacted") or ())))
        cells.append(_ago(a.published_at, now))
        cells.append(_ago(a.last_seen, now))
        table.add_row(*cells)
    if not rows:
        table.add_row(*([""] * (len(table.columns) - 1)), Text("no active alerts", style="green"))
    more = _more(min(limit, len(rows)), len(rows), " (monitor alerts list)")
    return Panel(Group(counts, table, more), title="Active alerts", title_align="left",
                 border_style="red" if firing else "green")


def feeds_panel(snap: WatchSnapshot, now: datetime, view: View = View(), limit: int = 12) -> Panel:
    feeds = snap.feeds
    failing = [f for f in feeds if (f.error_count or 0) > 0 or f.parked or f.disabled_reason]
    items, observations = snap.items_by_feed, snap.observations_by_feed
    due = sum(1 for f in feeds if f.next_poll and as_utc(f.next_poll) <= now)
    parked = sum(1 for f in feeds if f.parked)
    trade = sum(1 for f in feeds if f.kind == "trade")
    head = Text(
        f"{_plural(len(feeds), 'feed')} ({len(feeds) - trade} news, {trade} trade): "
        f"{len(failing)} failing, {parked} parked, {due} due now",
        style="dim",
    )
    table = _table()
    table.add_column("Feed", ratio=1, overflow="fold")
    if view.wide:
        table.add_column("Kind", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Stored", no_wrap=True, justify="right")
    table.add_column("Failures" if view.wide else "Fail", no_wrap=True, justify="right")
    table.add_column("Next poll", no_wrap=True)
    ordered = sorted(feeds, key=lambda f: (-(f.error_count or 0), f.name.casefold()))
    for f in ordered[:limit]:
        status = "disabled" if f.disabled_reason else "parked" if f.parked else (f.last_status or "new")
        if status.isdigit():
            status = f"{'ok' if status.startswith(('2', '3')) else 'HTTP'} {status}"
        style = "red" if f.disabled_reason or f.parked else "yellow" if (f.error_count or 0) else ""
        stored = (f"{observations.get(f.id, 0)} obs." if f.kind == "trade" else f"{items.get(f.id, 0)} items")
        cells: list[RenderableType] = [Text(one_line(f.name, 60))]
        if view.wide:
            cells.append(f.kind)
        cells += [Text(one_line(status, 16), style=style), stored, str(f.error_count or 0), _next_poll(f.next_poll, now)]
        table.add_row(*cells)
    if not feeds:
        table.add_row(Text("no feeds yet (monitor feeds add URL)", style="dim"), *([""] * (len(table.columns) - 1)))
    fail = "Failures" if view.wide else "Fail"
    note = Text(f"Stored: news items, or observations (obs.) of a trade series; {fail}: failed polls in a row",
                style="dim") if feeds else Text("")
    more = _more(min(limit, len(feeds)), len(feeds), " (monitor feeds list)")
    return Panel(Group(head, table, more, note), title="Feed health", title_align="left",
                 border_style="yellow" if failing else "blue")


def cycle_text(snap: WatchSnapshot, now: datetime) -> Text:
    c = snap.last_cycle
    text = Text("monitor watch", style="bold")
    text.append(f"   {now:%Y-%m-%d %H:%M:%S} UTC\n", style="dim")
    if c is None:
        text.append("no cycle yet (is `monitor run` running?)", style="yellow")
        return text
    took = (as_utc(c.finished_at) - as_utc(c.started_at)).total_seconds() if c.finished_at else None
    text.append(f"last cycle {_ago(c.started_at, now)} on {one_line(c.instance, 40)}")
    text.append(f" (took {took:.1f}s): " if took is not None else " (running): ", style="dim")
    text.append(
        f"polled {_plural(c.polls, 'feed')} · stored {_plural(c.items, 'new item')} · "
        f"found {_plural(c.events, 'event')} · updated {_plural(c.alerts, 'alert')} · "
        f"sent {_plural(c.deliveries, 'notice')}"
    )
    text.append(f" · {_plural(c.errors, 'error')}", style="red" if c.errors else "dim")
    return text


def events_panel(snap: WatchSnapshot, now: datetime, view: View = View(), limit: int = 10) -> Panel:
    total = snap.events_total
    rows = snap.recent_events[:limit]
    table = _table()
    table.add_column("When", no_wrap=True)
    table.add_column("Event", ratio=3, overflow="fold")
    table.add_column("Reported by", ratio=2, overflow="fold")
    table.add_column("Confidence" if view.wide else "Conf.", no_wrap=True, justify="right")
    for e in rows:
        label = f"{'recovery: ' if e.recovery else ''}{type_label(e.type)} at {view.name(e.target)}"
        table.add_row(_ago(e.created_at, now), Text(one_line(label, 120)), Text(one_line(e.source, 60)),
                      f"{e.confidence:.0%}")
    if not rows:
        table.add_row("", Text("no events yet", style="dim"), "", "")
    more = Text(f"… {total - len(rows)} older events", style="dim") if total > len(rows) else Text("")
    return Panel(Group(table, more), title="Recent events", title_align="left", border_style="blue")


def outbox_text(snap: WatchSnapshot, view: View = View()) -> Text:
    """The notices queued for subscribers (the outbox), with why they wait when that is known."""
    counts = snap.outbox
    text = Text("notices to subscribers (outbox): ")
    labels = (("pending", "waiting"), ("sending", "sending"), ("sent", "sent"), ("failed", "failed"),
              ("cancelled", "cancelled"))
    for i, (status, label) in enumerate(labels):
        n = counts.get(status, 0)
        text.append(f"{n} {label}", style="red" if status == "failed" and n else "dim" if not n else "")
        if i < len(labels) - 1:
            text.append(" · ", style="dim")
    waiting_email = snap.email_pending
    if waiting_email and not view.smtp:
        text.append(f"\n  {_plural(waiting_email, 'email notice')} wait for an smtp: block in monitor.yaml",
                    style="yellow")
    return text


def dashboard(snap: WatchSnapshot, now: datetime, view: View = View()) -> RenderableType:
    """One frame of the dashboard for ``view.width`` columns (no I/O: ``snap`` is what the store held)."""
    feeds, events = feeds_panel(snap, now, view), events_panel(snap, now, view)
    if view.wide:
        grid = Table.grid(expand=True)
        grid.add_column(ratio=1)
        grid.add_column(ratio=1)
        grid.add_row(feeds, events)
        bottom: RenderableType = grid
    else:
        bottom = Group(feeds, events)
    return Group(cycle_text(snap, now), outbox_text(snap, view), alerts_panel(snap, now, view), bottom)


def _config_view() -> tuple[dict[str, str], bool]:
    """Node names and whether SMTP is configured, from the config directory (best effort:
    a broken or missing config leaves ids shown as they are)."""
    from graphs.loader import GraphCache
    from monitor.settings import check_settings

    cfg = config_dir()
    names: dict[str, str] = {}
    if (cfg / "graph").is_dir():
        chain, _ = GraphCache().validate(cfg / "graph", display_root=cfg)
        if chain is not None:
            names = {n.id: n.name for n in chain.nodes.values()}
    settings, _ = check_settings(cfg)
    return names, settings is None or settings.smtp is not None


@cli.command("watch")
@config_option
@click.option("--interval", type=click.FloatRange(0.2), default=2.0, show_default=True, help="Seconds between refreshes.")
@click.option("--once", is_flag=True, help="Render one frame and exit (for scripts and tests).")
def watch_cmd(interval: float, once: bool) -> None:
    """Live dashboard: active alerts by severity, feed health, last cycle, recent events, outbox."""
    engine, sessions = open_store(config_dir(), migrate=True)
    out = console()
    names, smtp = _config_view()

    def frame() -> RenderableType:
        with transaction(sessions) as session:
            snap = watch_snapshot(session, ACTIVE_STATES)
        return dashboard(snap, datetime.now(UTC), View(out.width, names, smtp))

    try:
        if once:
            out.print(frame())
            return
        with Live(frame(), console=out, screen=True, auto_refresh=False) as live:
            while True:
                time.sleep(interval)
                live.update(frame(), refresh=True)
    except KeyboardInterrupt:
        pass
    finally:
        engine.dispose()
