"""``monitor alerts list|show|ack|silence|silences|resolve|export``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.table import Table
from rich.text import Text
from sqlalchemy.orm import Session

from graphs.model import NODE_KINDS
from graphs.types import DISRUPTION_TYPES
from graphs.yamlsrc import did_you_mean, parse_duration
from monitor.alerts import actions
from monitor.alerts.cx0146 import PLACEHOLDER_RECEIVER, PLACEHOLDER_SENDER, to_cx0146
from monitor.alerts.engine import ttl_from_lexicon
from monitor.alerts.model import SEVERITIES, STATES, AlertSnapshot, types_label
from monitor.cli import cli
from monitor.cli.common import (
    BadInput,
    MonitorError,
    MonitorGroup,
    config_dir,
    config_option,
    console,
    current_user,
    json_option,
    print_json,
)
from monitor.cli.db import open_store
from monitor.notify.terminal import SEVERITY_STYLES, render_alert
from monitor.notify.text import ago, clean_tree, one_line
from monitor.settings import load_settings
from monitor.store.db import take_write_lock, transaction, utcnow



@contextmanager
def _session() -> Iterator[Session]:
    engine, sessions = open_store(config_dir(), migrate=True)
    try:
        with transaction(sessions) as session:
            yield session
    except actions.AlertNotFound as exc:  # not found: exit 1, like a failed operation
        raise MonitorError(str(exc)) from None
    except actions.AlertError as exc:
        raise MonitorError(str(exc)) from None
    finally:
        engine.dispose()


def _user() -> str:
    return current_user()


def summary(alert: AlertSnapshot) -> dict:
    """The ``alerts list --json`` object."""
    return {
        "id": alert.id,
        "fingerprint": alert.fingerprint,
        "target": alert.target,
        "target_name": alert.target_name,
        "type": alert.type,
        "types": list(alert.types or (alert.type,)),
        "incident": alert.incident,
        "severity": alert.severity,
        "state": alert.state,
        "confidence": alert.confidence,
        "score": alert.score,
        "title": alert.title,
        "published_at": alert.published_at.isoformat() if alert.published_at else None,
        "first_seen": alert.first_seen.isoformat(),
        "last_seen": alert.last_seen.isoformat(),
        "resolved_at": alert.resolved_at.isoformat() if alert.resolved_at and alert.state == "resolved" else None,
        "resolved_reason": alert.resolved_reason if alert.state == "resolved" else None,
        "acknowledged_by": alert.acknowledged_by,
        "sources": list(alert.sources),
        "impacted": len(alert.impact.get("impacted") or ()),
        "revision": alert.revision,
    }


@cli.group("alerts", cls=MonitorGroup)
@config_option
def alerts_group() -> None:
    """Alerts: list, inspect, acknowledge, silence, resolve, export."""


@alerts_group.command("list")
@config_option
@click.option("--state", type=click.Choice([*STATES, "active"]), default=None, help="Only alerts in this state.")
@click.option("--severity", type=click.Choice(SEVERITIES), default=None, help="Only alerts at or above this severity.")
@click.option("--node", default=None, help="Only alerts at this node or reaching it.")
@click.option("--type", "type_", default=None, help="Only incidents with this type (cause or consequence).")
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many (newest first).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
def list_cmd(state: str | None, severity: str | None, node: str | None, type_: str | None, limit: int | None,
             as_json: bool) -> None:
    """Alerts (one per incident), newest evidence first."""
    if type_ and type_ not in DISRUPTION_TYPES:
        raise BadInput(f"--type: unknown disruption type {type_!r}{did_you_mean(type_, DISRUPTION_TYPES)}")
    now = utcnow()
    with _session() as session:
        alerts = actions.list_alerts(session, state=state, severity=severity, node=node, type_=type_, limit=limit)
    if as_json:
        print_json([summary(a) for a in alerts])
        return
    out = console()
    if not alerts:
        out.print("no alerts" + (" matching the filter" if state or severity or node or type_ else ""))
        return
    table = Table(show_edge=False, header_style="bold")
    for col in ("ID", "Severity", "State", "Types", "Target", "Conf.", "Sources", "Published", "Seen"):
        table.add_column(col, overflow="fold")
    for a in alerts:
        table.add_row(
            str(a.id),
            Text(a.severity, style=SEVERITY_STYLES.get(a.severity, "")),
            Text(a.state, style="dim" if a.state in ("resolved", "silenced") else ""),
            Text(types_label(a.types or (a.type,))),
            Text(one_line(a.target_name, 60)),
            f"{a.confidence:.2f}",
            Text(one_line(", ".join(a.sources[:3]) + (f" +{len(a.sources) - 3}" if len(a.sources) > 3 else ""), 60)),
            ago(a.published_at, now),
            ago(a.last_seen, now),
        )
    out.print(table)


@alerts_group.command("show")
@config_option
@click.argument("alert_id")
@click.option("--json", "as_json", is_flag=True, help="Print the alert, its events and deliveries as JSON.")
def show_cmd(alert_id: str, as_json: bool) -> None:
    """One alert with its evidence, impact, events and deliveries."""
    with _session() as session:
        alert = AlertSnapshot.from_row(actions.find_alert(session, alert_id))
        events = actions.alert_events(session, alert.id)
        deliveries = actions.alert_deliveries(session, alert.id)
    routes = _routes(alert)
    if as_json:
        data = alert.to_dict()
        data["events"] = events
        data["deliveries"] = deliveries
        data["routes"] = routes
        print_json(data)
        return
    out = console()
    out.print(render_alert(alert, now=utcnow()))
    if routes:
        table = Table(title="Severity per subscription", show_edge=False, header_style="bold", title_justify="left")
        for col in ("Subscription", "Severity", "Why"):
            table.add_column(col, overflow="fold")
        for r in routes:
            table.add_row(Text(one_line(r["subscription"], 60)), Text(r["severity"], style=SEVERITY_STYLES.get(
                r["severity"], "")), Text(one_line(r["why"], 300)))
        out.print(table)
    if alert.acknowledged_by:
        out.print(Text(f"acknowledged by {one_line(alert.acknowledged_by, 80)} at {alert.acknowledged_at:%Y-%m-%d %H:%M}"
                       + (f": {one_line(alert.ack_comment, 200)}" if alert.ack_comment else "")))
    if deliveries:
        table = Table(title="Deliveries", show_edge=False, header_style="bold", title_justify="left")
        for col in ("ID", "Recipient", "Channel", "Notice", "Status", "Attempts", "Last error"):
            table.add_column(col, overflow="fold")
        for d in deliveries:
            table.add_row(str(d["id"]), Text(d["recipient"]), d["channel"], Text(d["notice"]), d["status"],
                          str(d["attempts"]), Text(one_line(d["last_error"] or "", 120)))
        out.print(table)


def _routes(alert: AlertSnapshot) -> list[dict]:
    """Who gets the alert at which severity, and why (the sentence their mail starts with)."""
    from monitor.alerts.routing import route
    from monitor.notify.render import NoticeItem, why_text

    try:
        settings = load_settings(config_dir())
    except Exception:  # a broken monitor.yaml must not hide the alert
        return []
    out = []
    for sub in settings.subscriptions:
        r = route(sub, target=alert.target, confidence=alert.confidence, impact=alert.impact, settings=settings.alerts)
        if r is not None:
            item = NoticeItem(0, "firing", r.severity, r.payload(), alert)
            out.append({"subscription": sub.name, "severity": r.severity, "score": r.score, "why": why_text(item)})
    return out


@alerts_group.command("ack")
@config_option
@click.argument("alert_id")
@click.option("--by", "by", default=None, help="Who acknowledges (default: your user name).")
@click.option("--comment", default=None, help="Why, or what is being done.")
@json_option
def ack_cmd(alert_id: str, by: str | None, comment: str | None, as_json: bool) -> None:
    """Acknowledge an alert: it stays active but is no longer repeated."""
    by = by or _user()
    with _session() as session:
        alert = actions.acknowledge(session, alert_id, by=by, comment=comment, now=utcnow())
    if as_json:
        print_json(summary(alert))
        return
    click.echo(f"alert {alert.id} acknowledged by {one_line(by, 80)} ({alert.title})")


def _check_graph_refs(node: str | None, ecosystem: str | None) -> None:
    """Unknown --node/--ecosystem is an error when the graph can be read."""
    if not node and not ecosystem:
        return
    try:
        from graphs.loader import GraphCache

        chain = GraphCache().load(config_dir() / "graph", display_root=config_dir())
    except Exception:  # a broken graph must not stop an operator from silencing
        return
    if node and node not in chain.nodes:
        raise BadInput(f"--node: unknown node {node!r}{did_you_mean(node, chain.nodes)}")
    if ecosystem and ecosystem not in chain.ecosystems:
        raise BadInput(f"--ecosystem: unknown ecosystem {ecosystem!r}{did_you_mean(ecosystem, chain.ecosystems)}")


@alerts_group.command("silence")
@config_option
@click.argument("alert_id", required=False)
@click.option("--node", default=None, help="Silence alerts at this node (or an edge from/to it).")
@click.option("--type", "type_", default=None, help="Silence this disruption type.")
@click.option("--ecosystem", default=None, help="Silence alerts at nodes of this ecosystem.")
@click.option("--kind", default=None, help="Silence alerts at nodes of this kind (port, site, ...).")
@click.option("--for", "duration", required=True, help="How long: 30m, 12h, 2d, 1w.")
@click.option("--reason", required=True, help="Why (shown to everyone who lists silences).")
@click.option("--by", "by", default=None, help="Author (default: your user name).")
@json_option
def silence_cmd(alert_id: str | None, node: str | None, type_: str | None, ecosystem: str | None, kind: str | None,
                duration: str, reason: str, by: str | None, as_json: bool) -> None:
    """Silence one alert (ID) or every alert matching --node/--type/--ecosystem/--kind.

    All given matchers must match. A silenced alert sends no notices until the
    silence ends.
    """
    try:
        seconds = parse_duration(duration)
    except ValueError as exc:
        raise BadInput(f"--for: {exc}") from None
    if type_ and type_ not in DISRUPTION_TYPES:
        raise BadInput(f"--type: unknown disruption type {type_!r}{did_you_mean(type_, DISRUPTION_TYPES)}")
    if kind and kind not in NODE_KINDS:
        raise BadInput(f"--kind: unknown node kind {kind!r}{did_you_mean(kind, NODE_KINDS)}")
    if not (alert_id or node or type_ or ecosystem or kind):
        raise BadInput("give an alert ID or at least one of --node, --type, --ecosystem, --kind")
    _check_graph_refs(node, ecosystem)
    with _session() as session:
        take_write_lock(session)  # read the alert and write the silence in one write transaction
        matchers = {"node": node, "type": type_, "ecosystem": ecosystem, "kind": kind}
        if alert_id:
            matchers["alert"] = actions.find_alert(session, alert_id).fingerprint
        result = actions.add_silence(session, matchers, duration=seconds, author=by or _user(), reason=reason, now=utcnow())
    if as_json:
        print_json({
            "id": result.id, "matchers": dict(result.matchers), "ends_at": result.ends_at.isoformat(),
            "author": by or _user(), "reason": reason, "silenced": list(result.silenced),
        })
        return
    what = ", ".join(f"{k}={v}" for k, v in result.matchers.items())
    click.echo(
        f"silence {result.id} ({one_line(what, 300)}) until {result.ends_at:%Y-%m-%d %H:%M} UTC; "
        f"{len(result.silenced)} active alert(s) silenced now"
    )


@alerts_group.command("silences")
@config_option
@click.option("--all", "include_expired", is_flag=True, help="Include expired silences.")
@json_option
def silences_cmd(include_expired: bool, as_json: bool) -> None:
    """Silences (current and future; --all for expired ones too)."""
    with _session() as session:
        rows = actions.list_silences(session, utcnow(), include_expired=include_expired)
    if as_json:
        print_json(rows)
        return
    if not rows:
        console().print("no silences")
        return
    table = Table(show_edge=False, header_style="bold")
    for col in ("ID", "Matchers", "Until", "Author", "Reason", "Active"):
        table.add_column(col, overflow="fold")
    for s in rows:
        table.add_row(str(s["id"]), Text(", ".join(f"{k}={v}" for k, v in s["matchers"].items())),
                      s["ends_at"][:16], Text(one_line(s["author"], 60)), Text(one_line(s["reason"], 120)),
                      "yes" if s["active"] else "no")
    console().print(table)


@alerts_group.command("resolve")
@config_option
@click.argument("alert_id")
@click.option("--by", "by", default=None, help="Who resolves (default: your user name).")
@click.option("--reason", default=None, help="Why it is over.")
@json_option
def resolve_cmd(alert_id: str, by: str | None, reason: str | None, as_json: bool) -> None:
    """Resolve an alert by hand (subscribers who were told get a resolved notice)."""
    settings = load_settings(config_dir())
    with _session() as session:
        alert = actions.resolve_by_hand(session, alert_id, settings=settings, by=by or _user(), reason=reason, now=utcnow())
    if as_json:
        print_json(summary(alert))
        return
    click.echo(f"alert {alert.id} resolved ({alert.title})")


@alerts_group.command("reject")
@config_option
@click.argument("alert_id")
@click.option("--reason", required=True, type=click.Choice(actions.REJECT_REASONS),
              help="Why the alert is wrong.")
@click.option("--comment", default=None, help="Anything the next analyst (or the labelled set) should know.")
@click.option("--by", "by", default=None, help="Who rejects (default: your user name).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def reject_cmd(alert_id: str, reason: str, comment: str | None, by: str | None, as_json: bool) -> None:
    """Reject a false alert: it resolves without a "resolved" notice, and the
    stories behind it stay silent at its target (later syndicated copies too).

    Rejected and acknowledged alerts become labelled data: see
    `monitor alerts feedback export`.
    """
    settings = load_settings(config_dir())
    with _session() as session:
        result = actions.reject(session, alert_id, reason=reason, comment=comment, by=by or _user(),
                                settings=settings, now=utcnow())
    if as_json:
        print_json({"id": result.alert.id, "state": result.alert.state, "reason": reason,
                    "resolved_reason": result.alert.resolved_reason, "stories": list(result.stories),
                    "was_active": result.was_active})
        return
    what = "resolved without notice" if result.was_active else "already resolved; verdict recorded"
    click.echo(f"alert {result.alert.id} rejected ({reason}): {what}; "
               f"{len(result.stories)} stor{'y' if len(result.stories) == 1 else 'ies'} silenced at "
               f"{one_line(result.alert.target_name, 80)}")


@alerts_group.group("feedback", cls=MonitorGroup)
@config_option
def feedback_group() -> None:
    """Analysts' verdicts (reject, ack) as labelled data."""


@feedback_group.command("export")
@config_option
@click.option("--out", "-o", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the JSON Lines to this file (default: stdout).")
@click.option("--json", "as_json", is_flag=True,
              help="Print a JSON summary (with --out) or the items as one JSON array (without).")
def feedback_export_cmd(out: Path | None, as_json: bool) -> None:
    """The items of rejected and acknowledged alerts as `monitor eval` JSON Lines.

    An acknowledged incident's target is expected with its types; a target
    rejected as not-a-disruption or wrong-target is not expected; wrong-type,
    duplicate and old-news verdicts (and targets nobody judged) are allowed.
    Every deployment grows its own labelled set: `monitor eval FILE`.
    """
    with _session() as session:
        rows = clean_tree(actions.feedback_items(session))
    assert isinstance(rows, list)
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if out is not None:
        out.write_text(lines, encoding="utf-8")
        if as_json:
            print_json({"items": len(rows), "out": str(out),
                        "expect": sum(len(r["expect"]) for r in rows), "allow": sum(len(r["allow"]) for r in rows)})
        else:
            click.echo(f"wrote {len(rows)} labelled item(s) to {out}", err=True)
    elif as_json:
        print_json(rows)
    else:
        click.echo(lines, nl=False)


@alerts_group.command("export")
@config_option
@click.option("--format", "fmt", type=click.Choice(["json", "cx-0146"]), default="json", show_default=True)
@click.option("--state", type=click.Choice([*STATES, "active"]), default=None)
@click.option("--sender-bpn", default=PLACEHOLDER_SENDER, show_default=True, help="CX-0146 header.senderBpn (BPNL).")
@click.option("--receiver-bpn", default=PLACEHOLDER_RECEIVER, show_default=True, help="CX-0146 header.receiverBpn (BPNL).")
@click.option("--out", "-o", "output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of stdout.")
@click.option("--output", "old_output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              hidden=True)  # the earlier spelling of --out
def export_cmd(fmt: str, state: str | None, sender_bpn: str, receiver_bpn: str, output: Path | None,
               old_output: Path | None) -> None:
    """Export alerts as JSON, or as Catena-X CX-0146 disruption notifications."""
    import re

    output = output or old_output
    for opt, bpn in (("--sender-bpn", sender_bpn), ("--receiver-bpn", receiver_bpn)):
        if not re.fullmatch(r"BPNL[A-Z0-9]{12}", bpn):
            raise BadInput(f"{opt}: {bpn!r} is not a BPNL (BPNL followed by 12 letters or digits)")
    now = utcnow()
    with _session() as session:
        alerts = actions.list_alerts(session, state=state)
    if fmt == "json":
        data = [a.to_dict() for a in alerts]
    else:
        settings = load_settings(config_dir())
        lexicon = _lexicon()

        def ttl(type_: str) -> float:
            return settings.alerts.ttl.get(type_) or ttl_from_lexicon(lexicon, type_) or settings.alerts.default_ttl

        data = [to_cx0146(a, now=now, sender_bpn=sender_bpn, receiver_bpn=receiver_bpn, ttl=ttl) for a in alerts]
    text = json.dumps(clean_tree(data), ensure_ascii=False, indent=2, default=str)
    if output is not None:
        output.write_text(text + "\n", encoding="utf-8")
        click.echo(f"wrote {len(data)} alert(s) to {output}", err=True)
    else:
        click.echo(text)


def _lexicon():
    try:
        from graphs.lexicon import load_lexicon

        path = config_dir() / "lexicon.yaml"
        return load_lexicon(path if path.exists() else None)
    except Exception:  # the export works without per-type TTLs
        return None
