"""What a notice says, independent of the channel: groups and their context.

A :class:`OutgoingGroup` is what one message carries: the deliveries for one
recipient on one channel that fell due together. :func:`notice_context`
turns one notice into plain, already-sanitised values (control characters
and escape sequences removed, links restricted to http/https); HTML escaping
is left to Jinja2's autoescape, so text is escaped exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from monitor.alerts.model import AlertSnapshot, parse_notice, type_label
from monitor.notify.text import clean, one_line, safe_url

SUBJECT_MAX = 150
EVIDENCE_SHOWN = 5
PATHS_SHOWN = 8
ALTERNATIVES_SHOWN = 6


@dataclass(frozen=True)
class NoticeItem:
    delivery_id: int
    notice: str
    severity: str  # for this subscriber
    route: dict[str, Any]  # Route.payload(): their nodes, paths, ecosystems
    alert: AlertSnapshot

    @property
    def kind(self) -> str:
        return parse_notice(self.notice)[0]


@dataclass(frozen=True)
class OutgoingGroup:
    message_id: str
    channel: str
    recipient: str
    subscription: str
    digest: str
    items: tuple[NoticeItem, ...] = field(default=())

    @property
    def delivery_ids(self) -> tuple[int, ...]:
        return tuple(i.delivery_id for i in self.items)


def _when(value: object) -> str:
    """``2024-03-04 10:00 UTC`` from a stored ISO time (feed-derived: sanitised)."""
    if not value:
        return ""
    try:
        dt = datetime.fromisoformat(str(value))
    except ValueError:
        return one_line(value, 40)
    if dt.tzinfo is not None:
        dt = dt.astimezone(UTC)
    return dt.strftime("%Y-%m-%d %H:%M UTC")


def path_text(alert: AlertSnapshot, path: list[str]) -> str:
    return " → ".join(one_line(alert.name_of(n), 80) for n in path)


def notice_context(item: NoticeItem) -> dict[str, Any]:
    """Plain values for templates and webhooks (sanitised, not HTML-escaped)."""
    a = item.alert
    kind = item.kind
    evidence = []
    for e in a.evidence[:EVIDENCE_SHOWN]:
        evidence.append(
            {
                "headline": one_line(e.get("headline") or "", 300),
                "source": one_line(e.get("source") or "", 120),
                "link": safe_url(e.get("link")),
                "time": _when(e.get("time")),
                "recovery": bool(e.get("recovery")),
            }
        )
    paths = []
    for hit in (item.route.get("nodes") or [])[:PATHS_SHOWN]:
        paths.append(
            {
                "node": one_line(hit.get("node"), 120),
                "name": one_line(a.name_of(hit.get("node")), 120),
                "score": float(hit.get("score") or 0.0),
                "path": path_text(a, list(hit.get("path") or [])),
            }
        )
    eco_names = a.impact.get("ecosystem_names") or {}
    ecosystems = [
        {"id": one_line(k, 80), "name": one_line(eco_names.get(k, k), 120), "score": float(v)}
        for k, v in list((a.impact.get("ecosystems") or {}).items())[:10]
    ]
    alternatives = []
    for alt in (a.impact.get("alternatives") or [])[:ALTERNATIVES_SHOWN]:
        alternatives.append(
            {
                "name": one_line(a.name_of(alt.get("node")), 120),
                "node": one_line(alt.get("node"), 120),
                "product": one_line(alt.get("product"), 80),
                "replaces": one_line(a.name_of(alt.get("replaces")), 120),
                "for": one_line(a.name_of(alt.get("for")), 120),
                "existing": bool(alt.get("existing")),
                "distance_km": alt.get("distance_km"),
            }
        )
    downstream = [
        {"name": one_line(a.name_of(h.get("node")), 120), "score": float(h.get("score") or 0.0),
         "path": path_text(a, list(h.get("path") or []))}
        for h in (a.impact.get("impacted") or [])[:PATHS_SHOWN]
    ]
    return {
        "id": a.id,
        "fingerprint": a.fingerprint,
        "kind": kind,
        "notice": item.notice,
        "state": a.state,
        "target_id": one_line(a.target, 200),
        "target_name": one_line(a.target_name, 200),
        "type": a.type,
        "type_label": type_label(a.type),
        "severity": item.severity,
        "alert_severity": a.severity,
        "confidence": a.confidence,
        "sources": [one_line(s, 120) for s in a.sources[:20]],
        "evidence": evidence,
        "paths": paths,
        "downstream": downstream,
        "ecosystems": ecosystems,
        "alternatives": alternatives,
        "first_seen": a.first_seen.isoformat() if a.first_seen else "",
        "last_seen": a.last_seen.isoformat() if a.last_seen else "",
        "resolved_reason": one_line(a.resolved_reason or "", 300),
        "acknowledged_by": one_line(a.acknowledged_by or "", 120),
        "ack_command": f"monitor alerts ack {a.id} --by NAME",
        "silence_command": f'monitor alerts silence {a.id} --for 2d --reason "..."',
        "show_command": f"monitor alerts show {a.id}",
    }


def item_headline(ctx: dict[str, Any]) -> str:
    prefix = "RESOLVED" if ctx["kind"] == "resolved" else ctx["severity"].upper()
    return f"{prefix} {ctx['type_label']} at {ctx['target_name']}"


def subject(group: OutgoingGroup, contexts: list[dict[str, Any]]) -> str:
    """A one-line subject, control characters stripped, at most ``SUBJECT_MAX`` chars."""
    if len(contexts) == 1:
        ctx = contexts[0]
        s = item_headline(ctx)
        if ctx["kind"] == "repeat":
            s += " (still firing)"
        elif ctx["kind"] == "escalated":
            s += " (escalated)"
        if ctx["evidence"] and ctx["kind"] != "resolved":
            s += f": {ctx['evidence'][0]['headline']}"
    else:
        label = "digest" if group.digest != "immediate" else "alerts"
        s = f"{len(contexts)} {label}: " + "; ".join(item_headline(c) for c in contexts)
    return one_line("[monitor] " + s, SUBJECT_MAX)


def plain_summary(contexts: list[dict[str, Any]]) -> str:
    """A short plain-text summary (webhook ``text`` for chat tools)."""
    lines = []
    for c in contexts:
        line = item_headline(c)
        if c["evidence"]:
            line += f" — {c['evidence'][0]['headline']} ({c['evidence'][0]['source']})"
        lines.append(clean(line))
    return "\n".join(lines)
