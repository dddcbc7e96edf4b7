"""``monitor watch``: a live terminal dashboard read from the database.

Firing alerts by severity, feed health, the last cycle, recent events and the
outbox. It only reads, so it can run next to the daemon (SQLite WAL) or
against the shared PostgreSQL of several instances. Feed text goes through
``rich.text.Text`` after :func:`monitor.notify.text.one_line`.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

import click
from rich.console import Group, RenderableType
from rich.live import Live
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from monitor.alerts.model import ACTIVE_STATES, as_utc, severity_rank, type_label, types_label
from monitor.cli import cli
from monitor.cli.common import config_dir, config_option, console
from monitor.cli.db import open_store
from monitor.notify.terminal import SEVERITY_STYLES
from monitor.notify.text import one_line
from monitor.settings import SEVERITIES
from monitor.store import models as m
from monitor.store.db import transaction


def _ago(then: datetime | None, now: datetime) -> str:
    if then is None:
        return "—"
    s = (now - as_utc(then)).total_seconds()
    future = s < 0
    s = abs(s)
    text = f"{int(s)}s" if s < 120 else f"{int(s // 60)}m" if s < 7200 else f"{int(s // 3600)}h" if s < 172800 else f"{int(s // 86400)}d"
    return f"in {text}" if future else f"{text} ago"


def alerts_panel(session: Session, now: datetime, limit: int = 15) -> Panel:
    rows = session.scalars(select(m.Alert).where(m.Alert.state.in_(ACTIVE_STATES))).all()
    rows = sorted(rows, key=lambda a: (-severity_rank(a.severity), -(as_utc(a.last_seen).timestamp())))
    counts = Text()
    for sev in reversed(SEVERITIES):
        n = sum(1 for a in rows if a.severity == sev and a.state == "firing")
        counts.append(f"{sev} {n}   ", style=SEVERITY_STYLES.get(sev, "") if n else "dim")
    acked = sum(1 for a in rows if a.state == "acknowledged")
    silenced = sum(1 for a in rows if a.state == "silenced")
    counts.append(f"acknowledged {acked}   silenced {silenced}", style="dim")
    table = Table(show_edge=False, header_style="bold", expand=True)
    for col, kw in (("ID", {"no_wrap": True}), ("Sev.", {}), ("State", {}), ("Disruption", {"ratio": 4}),
                    ("Sources", {"ratio": 1}), ("Published", {"no_wrap": True}), ("Seen", {"no_wrap": True})):
        table.add_column(col, overflow="ellipsis", **kw)
    for a in rows[:limit]:
        target = (a.impact or {}).get("target", {}).get("name") or a.target
        table.add_row(
            str(a.id), Text(a.severity, style=SEVERITY_STYLES.get(a.severity, "")), Text(a.state),
            Text(f"{types_label(a.types or [a.type])} at {one_line(target, 60)}"),
            Text(one_line(", ".join(a.sources or []), 80)), _ago(a.published_at, now), _ago(a.last_seen, now),
        )
    if not rows:
        table.add_row("", "", "", Text("no active alerts", style="green"), "", "", "")
    more = Text(f"… {len(rows) - limit} more", style="dim") if len(rows) > limit else Text("")
    return Panel(Group(counts, table, more), title="Firing alerts", title_align="left", border_style="red" if rows else "green")


def feeds_panel(session: Session, now: datetime, limit: int = 12) -> Panel:
    feeds = session.scalars(select(m.Feed).where(m.Feed.in_config.is_(True))).all()
    failing = [f for f in feeds if (f.error_count or 0) > 0 or f.parked or f.disabled_reason]
    items = dict(session.execute(select(m.Item.feed_id, func.count()).group_by(m.Item.feed_id)).all())
    head = Text(f"{len(feeds)} feeds · {len(failing)} failing · "
                f"{sum(1 for f in feeds if f.parked)} parked · "
                f"{sum(1 for f in feeds if f.next_poll and as_utc(f.next_poll) <= now)} due", style="dim")
    table = Table(show_edge=False, header_style="bold", expand=True)
    for col in ("Feed", "Status", "Items", "Errors", "Next poll"):
        table.add_column(col, overflow="ellipsis", no_wrap=True)
    ordered = sorted(feeds, key=lambda f: (-(f.error_count or 0), f.name))
    for f in ordered[:limit]:
        status = "disabled" if f.disabled_reason else "parked" if f.parked else (f.last_status or "new")
        style = "red" if f.disabled_reason or f.parked else "yellow" if (f.error_count or 0) else ""
        table.add_row(Text(one_line(f.name, 40)), Text(one_line(status, 20), style=style), str(items.get(f.id, 0)),
                      str(f.error_count or 0), _ago(f.next_poll, now))
    return Panel(Group(head, table), title="Feed health", title_align="left", border_style="yellow" if failing else "blue")


def cycle_text(session: Session, now: datetime) -> Text:
    c = session.scalars(select(m.Cycle).order_by(m.Cycle.started_at.desc()).limit(1)).first()
    text = Text("monitor watch", style="bold")
    text.append(f"   {now:%Y-%m-%d %H:%M:%S} UTC   ", style="dim")
    if c is None:
        text.append("no cycle yet (is `monitor run` running?)", style="yellow")
        return text
    took = (as_utc(c.finished_at) - as_utc(c.started_at)).total_seconds() if c.finished_at else None
    text.append(f"last cycle {_ago(c.started_at, now)} on {one_line(c.instance, 40)}")
    text.append(f" ({took:.1f}s)" if took is not None else " (running)", style="dim")
    text.append(f" · polls {c.polls} · items {c.items} · events {c.events} · alerts {c.alerts} · sent {c.deliveries}")
    if c.errors:
        text.append(f" · errors {c.errors}", style="red")
    return text


def events_panel(session: Session, now: datetime, limit: int = 10) -> Panel:
    rows = session.scalars(select(m.Event).order_by(m.Event.id.desc()).limit(limit)).all()
    table = Table(show_edge=False, header_style="bold", expand=True)
    for col in ("When", "Source", "Event", "Conf."):
        table.add_column(col, overflow="ellipsis", no_wrap=True)
    for e in rows:
        label = f"{'recovery: ' if e.recovery else ''}{type_label(e.type)} at {e.target}"
        table.add_row(_ago(e.created_at, now), Text(one_line(e.source, 30)), Text(one_line(label, 80)), f"{e.confidence:.2f}")
    if not rows:
        table.add_row("", "", Text("no events yet", style="dim"), "")
    return Panel(table, title="Recent events", title_align="left", border_style="blue")


def outbox_text(session: Session) -> Text:
    counts = dict(session.execute(select(m.Delivery.status, func.count()).group_by(m.Delivery.status)).all())
    text = Text("outbox: ")
    for status in ("pending", "sending", "sent", "failed", "cancelled"):
        n = counts.get(status, 0)
        text.append(f"{status} {n}   ", style="red" if status == "failed" and n else "dim" if not n else "")
    return text


def dashboard(session: Session, now: datetime) -> RenderableType:
    """One frame of the dashboard."""
    bottom = Table.grid(expand=True)
    bottom.add_column(ratio=1)
    bottom.add_column(ratio=1)
    bottom.add_row(feeds_panel(session, now), events_panel(session, now))
    return Group(cycle_text(session, now), outbox_text(session), alerts_panel(session, now), bottom)


@cli.command("watch")
@config_option
@click.option("--interval", type=click.FloatRange(0.2), default=2.0, show_default=True, help="Seconds between refreshes.")
@click.option("--once", is_flag=True, help="Render one frame and exit (for scripts and tests).")
def watch_cmd(interval: float, once: bool) -> None:
    """Live dashboard: firing alerts by severity, feed health, last cycle, recent events."""
    engine, sessions = open_store(config_dir(), migrate=True)
    out = console()

    def frame() -> RenderableType:
        with transaction(sessions) as session:
            return dashboard(session, datetime.now(UTC))

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
