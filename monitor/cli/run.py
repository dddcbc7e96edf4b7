"""``monitor run [--once]`` (the daemon) and ``monitor status``."""

from __future__ import annotations

import faulthandler
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

import click
from sqlalchemy import Engine
from rich.panel import Panel
from rich.console import Console
from rich.text import Text

from monitor.cli import cli
from monitor.cli.common import BadInput, MonitorError, config_dir, config_option, console, print_json
from monitor.cli.db import open_store, safe_url
from monitor.logs import LOG_FORMATS, one_line, setup_logging
from monitor.store.db import DatabaseError, DatabaseURLError, is_unwritable, resolve_url

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy.orm import Session, sessionmaker

    from monitor.alerts.model import AlertChange

log = logging.getLogger("monitor.cli.run")

_SEVERITY_STYLE = {"low": "cyan", "medium": "yellow", "high": "red", "critical": "bold white on red"}


def _fallback_panel(change: AlertChange) -> Panel:
    """A panel for one alert change; every feed-derived string is plain Text."""
    alert = change.alert
    body = Text()
    body.append(f"{alert.severity.upper()}", style=_SEVERITY_STYLE.get(alert.severity, ""))
    body.append(f"  {alert.type} at {alert.target}  confidence {alert.confidence:.2f}\n")
    body.append(one_line(alert.title or ""))
    if alert.sources:
        body.append("\nsources: " + one_line(", ".join(alert.sources)))
    title = Text(f"{change.change}: alert #{alert.id}")
    return Panel(body, title=title, border_style=_SEVERITY_STYLE.get(alert.severity, "white"))


def terminal_alert_sink() -> Callable[[Sequence[AlertChange]], None]:
    """A callable printing alert changes as rich panels on stdout.

    Uses :func:`monitor.notify.terminal.render_change`, and a plain panel when
    that fails.
    """
    from monitor.notify.terminal import render_change

    out = console()

    def sink(changes: Sequence[AlertChange]) -> None:
        for change in changes:
            try:
                out.print(render_change(change))
            except Exception:  # a renderer bug must not hide the alert
                out.print(_fallback_panel(change))

    return sink


@cli.command("run")
@config_option
@click.option("--once", is_flag=True, help="One pass of everything that is due, then exit (for cron and tests).")
@click.option("--log-format", type=click.Choice(LOG_FORMATS), default="text", show_default=True,
              help="Log lines on stderr: text or one JSON object per line.")
@click.option("--log-level", type=click.Choice(["debug", "info", "warning", "error"]), default="info",
              show_default=True)
@click.option("--metrics-port", type=click.IntRange(0, 65535), default=None,
              help="Serve Prometheus /metrics and /healthz on this port.")
@click.option("--metrics-host", default="127.0.0.1", show_default=True, help="Address for --metrics-port.")
@click.option("--alerts/--no-alerts", "show_alerts", default=None,
              help="Print new alerts as panels on stdout (default: when stdout is a terminal).")
def run_cmd(once: bool, log_format: str, log_level: str, metrics_port: int | None, metrics_host: str,
            show_alerts: bool | None) -> None:
    """Run the monitor: poll feeds on their schedule, tag, alert, deliver.

    SIGTERM/SIGINT stop it cleanly, SIGHUP reloads the config (a broken
    config is rejected with file:line errors; the last good one stays).

    Exit status: 0 done (or stopped); 1 the operation failed; 2 bad input
    (usage, config, database URL); 74 the database cannot be written (a
    read-only file or file system: fix it, then start again; the systemd
    unit does not restart on 74).
    """
    from monitor.allocator import freeze_heap
    from monitor.config import load_runtime
    from monitor.metrics import Metrics
    from monitor.pipeline import Pipeline
    from monitor.service import HEARTBEAT_S, ALIVE_FACTOR, Service, serve_metrics, store_counts
    from monitor.store.db import make_sessionmaker

    setup_logging(log_format, log_level.upper())
    faulthandler.enable()  # a fatal signal (SIGBUS, SIGSEGV) leaves a traceback, never silence
    cfg = config_dir()
    runtime = load_runtime(cfg)  # ConfigError -> one line per problem, exit 2
    freeze_heap(reclaim=False)  # the runtime lives as long as the config: keep full GC passes off it
    try:
        url = resolve_url(runtime.settings.database)
    except DatabaseURLError as exc:
        raise BadInput(str(exc)) from None  # exit 2, one line, password masked
    engine, revision = _open_store(url, wait=not once)
    log.info("database %s at schema revision %s", safe_url(url), revision,
             extra={"database": safe_url(url), "revision": revision})
    sessions = make_sessionmaker(engine)

    tick = runtime.settings.schedule.tick
    metrics = Metrics(lambda: store_counts(sessions), stale_after=max(3 * tick, ALIVE_FACTOR * HEARTBEAT_S, 60.0),
                      db_stale_after=1.5 * HEARTBEAT_S)
    if show_alerts is None:
        show_alerts = sys.stdout.isatty()
    service = Service(
        cfg, runtime, engine=engine, sessions=sessions, pipeline_factory=Pipeline, load_runtime=load_runtime,
        metrics=metrics, alert_sink=terminal_alert_sink() if show_alerts else None,
    )
    if once:
        sys.exit(_unless_unwritable(service.run_once))
    server = None
    if metrics_port is not None:
        try:
            server = serve_metrics(metrics, metrics_host, metrics_port)
        except OSError as exc:
            raise MonitorError(f"cannot serve metrics on {metrics_host}:{metrics_port}: {exc.strerror or exc}") from None
    try:
        code = _unless_unwritable(service.run_forever)
    finally:
        if server is not None:
            server.stop()
    sys.exit(code)


#: Waiting for a database that does not answer at start: first and longest pause (seconds).
WAIT_FIRST_S = 1.0
WAIT_MAX_S = 30.0


def _open_store(url: str, *, wait: bool) -> tuple[Engine, str]:
    """The engine, at schema head. A database server that does not answer is waited for
    (``wait``; backoff from :data:`WAIT_FIRST_S` to :data:`WAIT_MAX_S`, each retry logged;
    SIGTERM/SIGINT end the wait with exit 0): a daemon started before its database
    must not exit into a restart loop. Anything else is a one-line error."""
    from monitor.store.db import is_sqlite, is_unreachable, make_engine
    from monitor.store.schema import ensure_schema

    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGTERM, signal.SIGINT)}
    delay = WAIT_FIRST_S
    try:
        while True:
            engine: Engine | None = None
            try:
                engine = make_engine(url)
                return engine, ensure_schema(engine)
            except DatabaseError as exc:
                if is_unwritable(exc):
                    _exit_unwritable(exc)
                if engine is not None:
                    engine.dispose()
                if not wait or is_sqlite(url) or not is_unreachable(exc):
                    raise MonitorError(str(exc).splitlines()[0]) from None
                reason = str(exc.__cause__ or exc).strip().splitlines()[0]
                log.warning("database %s does not answer (%s); retrying in %gs", safe_url(url), reason, delay,
                            extra={"database": safe_url(url), "retry_in_s": delay})
            if stop.wait(delay):
                log.info("stopped while waiting for the database")
                sys.exit(0)
            delay = min(delay * 2, WAIT_MAX_S)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _exit_unwritable(exc: BaseException) -> NoReturn:
    """One line, then leave without closing SQLite connections (see
    :func:`monitor.store.db.sqlite_unwritable`: closing one could die of SIGBUS)."""
    from monitor.service import EXIT_UNWRITABLE

    click.echo(f"monitor: error: {str(exc).splitlines()[0]}", err=True)
    for handler in logging.getLogger().handlers:
        handler.flush()
    sys.stderr.flush()
    os._exit(EXIT_UNWRITABLE)


def _unless_unwritable(run: Callable[[], int]) -> int:
    try:
        return run()
    except Exception as exc:
        if is_unwritable(exc):
            _exit_unwritable(exc)
        raise


def wide_console() -> Console:
    """A console that does not wrap or truncate when stdout is a pipe or file."""
    out = console()
    if not out.is_terminal:
        out.width = 250
    return out


def _render_status(report: dict[str, Any], db: str) -> None:
    echo = click.echo  # plain lines: no wrapping, no markup (feed names and errors are hostile)
    echo(f"database    {db}")
    cyc = report["last_cycle"]
    if cyc is None:
        echo("last cycle  none yet")
    else:
        state = f"finished {cyc['finished_at']} in {cyc['duration_s']}s" if cyc["finished_at"] else "running"
        echo(
            f"last cycle  started {cyc['started_at']}, {state} ({cyc['instance']}): {cyc['polls']} polls, "
            f"{cyc['items']} items, {cyc['events']} events, {cyc['alerts']} alert changes, "
            f"{cyc['deliveries']} deliveries, {cyc['errors']} errors"
        )
    f = report["feeds"]
    echo(f"feeds       {f['total']} total, {f['active']} active, {f['due']} due, "
         f"{f['failing']} failing, {f['parked']} parked, {f['disabled']} disabled")
    for feed in f["failing_feeds"]:
        park = " (parked)" if feed["parked"] else ""
        last = feed["last_error"] or feed["last_status"]
        echo(one_line(f"  ! {feed['name']}{park}: {feed['error_count']} errors, last: {last}"))
    o = report["outbox"]
    echo("outbox      " + ", ".join(f"{n} {status}" for status, n in o.items()))
    alerts = report["alerts"]
    echo("alerts      " + (", ".join(f"{n} {s}" for s, n in sorted(alerts.items())) or "none"))
    if not report["instances"]:
        echo("instances   none running")
    else:
        echo(f"instances   {len(report['instances'])} alive")
        for inst in report["instances"]:
            held = inst["holds"]
            holds = ", ".join(held["feeds"]) or "no feeds"
            if held["deliveries"]:
                holds += f"; {held['deliveries']} deliveries"
            echo(one_line(f"  {inst['id']}  heartbeat {inst['heartbeat_age_s']}s ago  holds: {holds}"))
    bursts = report.get("bursts")
    if bursts is not None:
        nodes = bursts["nodes"]
        if not bursts["baseline_complete"]:
            until = bursts["baseline_complete_at"]
            echo("bursts      none yet: " + (f"the usual rates are being counted until {until}" if until
                                             else "no node named yet"))
        else:
            echo("bursts      " + ("none now" if not nodes else f"{len(nodes)} node(s) named far more often than usual"))
        for b in nodes:
            echo(one_line(f"  {b['node']}: {b['evidence']}"))
    if report.get("stale_instances"):
        echo("stale       " + ", ".join(report["stale_instances"]) + " (no heartbeat: died?)")


def _bursts(cfg: Path, sessions: sessionmaker[Session]) -> dict[str, Any] | None:
    """The nodes in a burst of news now, and when the counts cover a whole baseline
    (``None``: bursts are off, or the schema predates them)."""
    from sqlalchemy.exc import DBAPIError

    from monitor.burst_stage import baseline_complete_at, bursts_now
    from monitor.settings import load_settings
    from monitor.store.status import utcnow

    settings = load_settings(cfg).burst
    if not settings.enabled:
        return None
    now = utcnow()
    try:
        with sessions() as session:
            complete = baseline_complete_at(session, settings)
            found = bursts_now(session, settings, None, now)
    except DBAPIError:  # a database not upgraded to 0005 has no mentions table
        return None
    return {
        "baseline_complete_at": complete.isoformat() if complete else None,
        "baseline_complete": complete is not None and complete <= now,
        "nodes": [
            {"node": node, "items": b.items, "sources": b.sources, "window_hours": b.window_hours,
             "ratio": round(b.ratio, 1), "evidence": b.evidence}
            for node, b in sorted(found.items(), key=lambda kv: -kv[1].score)
        ],
    }


@cli.command("status")
@config_option
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def status_cmd(as_json: bool) -> None:
    """Last cycle, feed health, outbox depth, alerts by state, live instances, bursts of news."""
    from monitor.service import status_report

    cfg = config_dir()
    engine, sessions = open_store(cfg, migrate=False)
    try:
        report = status_report(sessions)
        report["bursts"] = _bursts(cfg, sessions)
    finally:
        engine.dispose()
    db = safe_url(str(engine.url.render_as_string(hide_password=False)))
    if as_json:
        print_json({"database": db, **report})
    else:
        _render_status(report, db)
