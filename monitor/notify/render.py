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

from feeds.trade import sparkline
from monitor.alerts.model import (
    AlertSnapshot,
    parse_notice,
    series_picture,
    target_facts,
    type_label,
    types_label,
)
from monitor.notify.text import burst_line, clean, human_time, model_line, one_line, parse_time, safe_url

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
    """``Port of Hamburg —containers→ BMW Dingolfing``: each hop names the product it carries."""
    hops = alert.impact.get("hops") or {}
    out = one_line(alert.name_of(path[0]), 80) if path else ""
    for a, b in zip(path, path[1:]):
        product = hops.get(f"{a}>{b}")
        arrow = f" —{one_line(product, 60)}→ " if product else " → "
        out += arrow + one_line(alert.name_of(b), 80)
    return out


def _names(alert: AlertSnapshot, nodes: list[str]) -> str:
    names = [one_line(alert.name_of(n), 80) for n in nodes]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def why_text(item: NoticeItem) -> str:
    """Why this subscriber's severity is what it is, in one sentence:
    ``HIGH for you: it reaches Bavarian automotive at 0.60 via Port of Hamburg``."""
    a = item.alert
    r = item.route
    nodes = list(r.get("nodes") or [])
    ecos = list(r.get("ecosystems") or [])
    best = 0.0
    if nodes:
        hit = nodes[0]
        best = float(hit.get("score") or 0.0)
        path = list(hit.get("path") or [hit.get("node")])
        if len(path) <= 1:
            reason = f"{one_line(a.name_of(path[0]), 80)} is one of your nodes"
        else:
            reason = (f"it reaches {one_line(a.name_of(path[-1]), 80)} at {best:.2f} "
                      f"via {_names(a, path[:-1])}")
    elif ecos:
        eco_names = a.impact.get("ecosystem_names") or {}
        e = ecos[0]
        name = one_line(eco_names.get(e, e), 80)
        if e in target_facts(a.target, a.impact)["ecosystem"]:
            best = 1.0
            reason = f"{one_line(a.target_name, 80)} is in your ecosystem {name}"
        else:
            best = float((a.impact.get("ecosystems") or {}).get(e) or 0.0)
            reason = f"it reaches your ecosystem {name} at {best:.2f}"
    else:
        reason = "your subscription takes every alert (it names no nodes or ecosystems)"
    text = f"{item.severity.upper()} for you: {reason}"
    if best > 0:
        text += f" (confidence {a.confidence:.2f} × {best:.2f} = {a.confidence * best:.2f})"
    if item.severity != a.severity:
        text += f"; {a.severity.upper()} for the value chain as a whole"
    return text


def chart_cid(alert: AlertSnapshot) -> str:
    """The Content-ID (without brackets) of a trade alert's chart in an email."""
    return f"series-{alert.id}-{alert.revision}@supply-monitor"


def notice_context(item: NoticeItem, now: datetime | None = None) -> dict[str, Any]:
    """Plain values for templates and webhooks (sanitised, not HTML-escaped);
    times in words are relative to ``now`` (the send time)."""
    a = item.alert
    kind = item.kind
    now = now or datetime.now(UTC)
    evidence = []
    for e in a.evidence[:EVIDENCE_SHOWN]:
        evidence.append(
            {
                "headline": one_line(e.get("headline") or "", 300),
                "source": one_line(e.get("source") or "", 120),
                "link": safe_url(e.get("link")),
                "time": _when(e.get("time")),
                "when": human_time(parse_time(e.get("time")), now),
                "recovery": bool(e.get("recovery")),
                "burst": one_line(burst_line(e), 200),
                "model": one_line(model_line(e), 200),
            }
        )
    paths = []
    for hit in (item.route.get("nodes") or [])[:PATHS_SHOWN]:
        path = list(hit.get("path") or [])
        paths.append(
            {
                "node": one_line(hit.get("node"), 120),
                "name": one_line(a.name_of(hit.get("node")), 120),
                "score": float(hit.get("score") or 0.0),
                "path": path_text(a, path) if len(path) > 1 else "",
                "direct": len(path) <= 1,
            }
        )
    eco_names = a.impact.get("ecosystem_names") or {}
    ecosystems = [
        {"id": one_line(k, 80), "name": one_line(eco_names.get(k, k), 120), "score": float(v)}
        for k, v in list((a.impact.get("ecosystems") or {}).items())[:10]
    ]
    alternatives = []
    mine = item.route.get("alternatives")
    for alt in (a.impact.get("alternatives") or [] if mine is None else mine)[:ALTERNATIVES_SHOWN]:
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
    picture = series_picture(a.evidence)
    series = None if picture is None else {
        "sparkline": sparkline([v for _, v in picture.points]),
        "caption": one_line(picture.caption, 200),
        "cid": chart_cid(a),  # the HTML part shows the chart attached under this Content-ID
    }
    return {
        "series": series,
        "id": a.id,
        "fingerprint": a.fingerprint,
        "kind": kind,
        "notice": item.notice,
        "state": a.state,
        "target_id": one_line(a.target, 200),
        "target_name": one_line(a.target_name, 200),
        "type": a.type,
        "type_label": type_label(a.type),
        "types": list(a.types or (a.type,)),
        "types_label": types_label(a.types or (a.type,)),
        "incident": a.incident,
        "why": why_text(item),
        "products_cut": [one_line(p, 80) for p in (a.impact.get("products_cut") or [])[:20]],
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
        "published_at": a.published_at.isoformat() if a.published_at else "",
        "published_text": human_time(a.published_at, now),
        "first_seen_text": human_time(a.first_seen, now),
        "last_seen_text": human_time(a.last_seen, now),
        "resolved_reason": one_line(a.resolved_reason or "", 300),
        "acknowledged_by": one_line(a.acknowledged_by or "", 120),
        "ack_command": f"monitor alerts ack {a.id} --by NAME",
        "silence_command": f'monitor alerts silence {a.id} --for 2d --reason "..."',
        "show_command": f"monitor alerts show {a.id}",
    }


def item_headline(ctx: dict[str, Any]) -> str:
    prefix = "RESOLVED" if ctx["kind"] == "resolved" else ctx["severity"].upper()
    return f"{prefix} {ctx['types_label']} at {ctx['target_name']}"


def _mentions(text: str, phrase: str) -> bool:
    return bool(phrase) and phrase.casefold() in text.casefold()


def single_subject(ctx: dict[str, Any]) -> str:
    """Severity, type(s), target and one headline, each said once: when the
    headline already names the target, it stands for "TYPE at TARGET" and only
    the types it does not mention are added."""
    headline = ctx["evidence"][0]["headline"] if ctx["evidence"] and ctx["kind"] != "resolved" else ""
    prefix = "RESOLVED" if ctx["kind"] == "resolved" else ctx["severity"].upper()
    tag = {"repeat": " (still firing)", "escalated": " (escalated)"}.get(ctx["kind"], "")
    if headline and _mentions(headline, ctx["target_name"]):
        missing = [type_label(t).lower() for t in ctx["types"] if not _mentions(headline, type_label(t))]
        return f"{prefix} {headline}" + (f" (+ {', '.join(missing)})" if missing else "") + tag
    s = f"{prefix} {ctx['types_label']} at {ctx['target_name']}{tag}"
    return f"{s}: {headline}" if headline else s


def subject(group: OutgoingGroup, contexts: list[dict[str, Any]]) -> str:
    """A one-line subject, control characters stripped, at most ``SUBJECT_MAX`` chars."""
    if len(contexts) == 1:
        s = single_subject(contexts[0])
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
