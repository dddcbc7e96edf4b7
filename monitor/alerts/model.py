"""Pure alert rules: fingerprint, corroboration, severity, evidence, silences.

Nothing here touches the database or the clock; :mod:`monitor.alerts.engine`
feeds these functions with rows and ``now``.

Severity model (thresholds in ``alerts.severity_thresholds``, lower bounds on
a score in [0, 1]; defaults low 0, medium 0.25, high 0.5, critical 0.8):

* **Alert severity** (``alerts list``, terminal, dashboard) is computed on
  ``score = confidence x reach``. ``reach`` is the highest impact score of any
  node *downstream* of the target (the impact engine's ``impacted`` list,
  which excludes the disrupted target itself). A disruption that reaches
  nothing downstream has ``reach = LOCAL_ONLY_REACH`` (0.5): it matters to the
  people subscribed to the target itself, but less to the chain as a whole.
* **Subscriber severity** (routing and e-mail) is computed on
  ``confidence x best``, where ``best`` is the subscriber's best impact score:
  1.0 when the target is one of their nodes (or in one of their ecosystems),
  else the highest impact score at one of their nodes or ecosystems (nodes
  reached below ``alerts.impact_floor`` do not count).

Corroboration: each event brings a confidence. Events are grouped into
*independent reports*: one report per source (feed), and sources that carried
the same syndicated story (same ``story`` key) count as one report. A report's
confidence is its best event's; the alert's confidence is the noisy-OR
``1 - prod(1 - c)`` of its reports, capped at ``MAX_CONFIDENCE``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any, overload

from monitor.settings import SEVERITIES

#: Alert states. ``acknowledged`` and ``silenced`` are still active.
STATES = ("firing", "acknowledged", "silenced", "resolved")
ACTIVE_STATES = ("firing", "acknowledged", "silenced")
#: Change kinds reported by the engine.
#: ``recorded``: an incident that was over before it was seen (resolved at once, never notified).
CHANGES = ("new", "updated", "resolved", "reopened", "silenced", "recorded")

LOCAL_ONLY_REACH = 0.5
MAX_CONFIDENCE = 0.99
EVIDENCE_CAP = 20
IMPACTED_CAP = 200
ALTERNATIVES_CAP = 30

#: Silence matcher keys (all given must match).
SILENCE_KEYS = ("alert", "node", "type", "ecosystem", "kind")


@overload
def as_utc(value: datetime) -> datetime: ...
@overload
def as_utc(value: None) -> None: ...
@overload
def as_utc(value: datetime | None) -> datetime | None: ...
def as_utc(value: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes; everything in the monitor is UTC."""
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def fingerprint(target: str) -> str:
    """The identity of an alert: ``sha256("incident|target")``, 16 hex digits.

    One alert per target: every report at the target -- any type, source,
    language, news or trade series -- joins the target's current incident
    while it is active; a report after it resolved opens the next incident
    (a new episode of the same alert). The key depends on nothing but the
    target, so restarts and other instances compute the same one.
    """
    return hashlib.sha256(f"incident|{target}".encode()).hexdigest()[:16]


#: Disruption types, causes first: the primary type of an incident is the
#: most causal of its types (a fire that halts a plant is a fire with an
#: outage; a war that closes a strait is a conflict with a blockage).
CAUSE_ORDER = (
    "conflict", "natural_disaster", "fire", "accident", "cyberattack", "strike", "insolvency",
    "trade_restriction", "lockdown", "blockage", "congestion", "outage", "shortage", "trade_drop",
)


def order_types(types: Iterable[str]) -> list[str]:
    """Distinct types, the cause first, then consequences (see :data:`CAUSE_ORDER`)."""
    distinct = list(dict.fromkeys(t for t in types if t))
    return sorted(distinct, key=lambda t: (CAUSE_ORDER.index(t) if t in CAUSE_ORDER else len(CAUSE_ORDER),
                                           distinct.index(t)))


def severity_of(score: float, thresholds: Mapping[str, float]) -> str:
    """The highest severity whose lower bound ``score`` reaches."""
    result = SEVERITIES[0]
    for sev in SEVERITIES:
        if score >= thresholds.get(sev, 0.0) - 1e-12:
            result = sev
    return result


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else 0


@dataclass(frozen=True, slots=True)
class Report:
    """One event as corroboration sees it."""

    source: str
    story: str
    confidence: float


def corroborate(reports: Iterable[Report]) -> float:
    """Noisy-OR over independent reports (see the module docstring)."""
    reports = list(reports)
    if not reports:
        return 0.0
    # union-find: sources sharing a story key are one report
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    story_owner: dict[str, str] = {}
    for r in reports:
        find(r.source)
        if r.story:
            if r.story in story_owner:
                parent[find(r.source)] = find(story_owner[r.story])
            else:
                story_owner[r.story] = r.source
    best: dict[str, float] = {}
    for r in reports:
        root = find(r.source)
        best[root] = max(best.get(root, 0.0), r.confidence)
    miss = 1.0
    for c in best.values():
        miss *= 1.0 - min(max(c, 0.0), 1.0)
    return round(min(1.0 - miss, MAX_CONFIDENCE), 4)


def independent_reports(reports: Iterable[Report]) -> int:
    """How many independent reports (sources, syndication merged) back an alert."""
    reports = list(reports)
    groups: list[set[str]] = []
    for r in reports:
        keys = {f"s:{r.source}"} | ({f"t:{r.story}"} if r.story else set())
        merged = [g for g in groups if g & keys]
        for g in merged:
            groups.remove(g)
            keys |= g
        groups.append(keys)
    return len(groups)


def merge_evidence(existing: Sequence[Mapping[str, Any]], new: Iterable[Mapping[str, Any]], cap: int = EVIDENCE_CAP) -> list[dict[str, Any]]:
    """Latest first, one entry per (source, link or headline), at most ``cap``."""
    seen: set[tuple[str, str]] = set()
    out: list[dict[str, Any]] = []
    combined = [dict(e) for e in new] + [dict(e) for e in existing]
    combined.sort(key=lambda e: str(e.get("time") or ""), reverse=True)
    for e in combined:
        key = (str(e.get("source", "")), str(e.get("link") or e.get("headline") or ""))
        if key in seen:
            continue
        seen.add(key)
        out.append(e)
        if len(out) >= cap:
            break
    return out


def merge_sources(existing: Sequence[str], new: Iterable[str]) -> list[str]:
    """Distinct source names, in order of first appearance."""
    out = list(dict.fromkeys(existing))
    for s in new:
        if s not in out:
            out.append(s)
    return out


def episode_key(resolved_at: datetime | None) -> str:
    """Suffix that makes notices of a re-opened alert distinct from earlier ones.

    ``resolved_at`` keeps the time of the *last* resolution while an alert is
    active again, so the first episode has the key ``""`` and each re-opened
    episode ``"@<epoch seconds of the resolution that preceded it>"``.
    """
    if resolved_at is None:
        return ""
    return f"@{int(as_utc(resolved_at).timestamp())}"


def notice_name(kind: str, episode: str, n: int = 0, severity: str = "") -> str:
    """``firing``, ``repeat:N``, ``escalated:SEVERITY`` or ``resolved``, with the episode suffix.

    An escalation is named by the severity it reached, so each level is
    announced at most once per episode and recipient, by any instance.
    """
    if kind == "repeat":
        base = f"repeat:{n}"
    elif kind == "escalated":
        base = f"escalated:{severity}"
    else:
        base = kind
    return base + episode


def parse_notice(notice: str) -> tuple[str, int, str]:
    """``"repeat:3@17"`` -> ``("repeat", 3, "@17")``; ``"escalated:high"`` -> ``("escalated", 0, "")``."""
    base, at, ep = notice.partition("@")
    episode = at + ep
    if base.startswith("repeat:"):
        try:
            return "repeat", int(base.split(":", 1)[1]), episode
        except ValueError:
            return "repeat", 0, episode
    if base.startswith("escalated:"):
        return "escalated", 0, episode
    return base, 0, episode


# --------------------------------------------------------------------------- silences


def target_facts(target: str, impact: Mapping[str, Any]) -> dict[str, set[str]]:
    """Node ids, kinds and ecosystems of an alert's target, from its stored impact."""
    info = impact.get("target") or {}
    nodes = set(info.get("nodes") or [])
    if not nodes:
        nodes = {p.strip() for p in target.split("->")} if "->" in target else {target}
    return {
        "node": nodes,
        "kind": set(info.get("kinds") or []),
        "ecosystem": set(info.get("ecosystems") or []),
    }


def silence_matches(
    matchers: Mapping[str, Any], *, alert_id: int | None, fingerprint_: str, target: str, type_: str,
    impact: Mapping[str, Any], types: Sequence[str] = (),
) -> bool:
    """Whether every matcher of a silence matches the alert.

    ``alert`` matches the alert id or fingerprint; ``node`` the target node
    (either end of an edge target); ``type`` any of the incident's types; ``kind`` and
    ``ecosystem`` those of the target node(s). An empty silence matches nothing.
    """
    if not matchers:
        return False
    facts = target_facts(target, impact)
    for key, value in matchers.items():
        value = str(value)
        if key == "alert":
            if value not in (fingerprint_, str(alert_id)):
                return False
        elif key == "type":
            if value != type_ and value not in types:
                return False
        elif key in facts:
            if value not in facts[key]:
                return False
        else:
            return False
    return True


def silence_active(starts_at: datetime, ends_at: datetime, now: datetime) -> bool:
    return as_utc(starts_at) <= now < as_utc(ends_at)


# --------------------------------------------------------------------------- snapshots


@dataclass(frozen=True)
class AlertSnapshot:
    """A plain copy of an alert row (safe to use after the session closed)."""

    id: int
    fingerprint: str
    target: str
    type: str
    state: str
    severity: str
    confidence: float
    score: float
    title: str
    sources: tuple[str, ...]
    impact: dict[str, Any]
    evidence: tuple[dict[str, Any], ...]
    first_seen: datetime
    last_seen: datetime
    resolved_at: datetime | None = None
    resolved_reason: str | None = None
    acknowledged_by: str | None = None
    acknowledged_at: datetime | None = None
    ack_comment: str | None = None
    revision: int = 1
    updated_at: datetime | None = None
    types: tuple[str, ...] = ()
    published_at: datetime | None = None
    incident: int = 1

    @classmethod
    def from_row(cls, row: Any) -> AlertSnapshot:
        return cls(
            id=row.id, fingerprint=row.fingerprint, target=row.target, type=row.type,
            state=row.state, severity=row.severity, confidence=row.confidence, score=row.score or 0.0,
            title=row.title or "", sources=tuple(row.sources or ()), impact=dict(row.impact or {}),
            evidence=tuple(dict(e) for e in (row.evidence or ())),
            first_seen=as_utc(row.first_seen), last_seen=as_utc(row.last_seen),
            resolved_at=as_utc(row.resolved_at), resolved_reason=row.resolved_reason,
            acknowledged_by=row.acknowledged_by, acknowledged_at=as_utc(row.acknowledged_at),
            ack_comment=row.ack_comment, revision=row.revision or 1, updated_at=as_utc(row.updated_at),
            types=tuple(getattr(row, "types", None) or (row.type,)),
            published_at=as_utc(getattr(row, "published_at", None)),
            incident=getattr(row, "incident", None) or 1,
        )

    @property
    def target_name(self) -> str:
        return str((self.impact.get("target") or {}).get("name") or self.target)

    def name_of(self, node: str) -> str:
        return str((self.impact.get("names") or {}).get(node) or node)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (ISO-8601 times)."""
        d = asdict(self)
        for k, v in list(d.items()):
            if isinstance(v, datetime):
                d[k] = v.isoformat()
        d["sources"] = list(self.sources)
        d["types"] = list(self.types or (self.type,))
        d["evidence"] = list(self.evidence)
        d["target_name"] = self.target_name
        return d


@dataclass(frozen=True)
class AlertChange:
    """What one pipeline step did to an alert: ``new``, ``updated``, ``resolved``,
    ``reopened`` or ``silenced``."""

    alert: AlertSnapshot
    change: str
    reason: str = ""
    events: tuple[int, ...] = field(default=())


TYPE_LABELS = {
    "fire": "Fire",
    "strike": "Strike",
    "natural_disaster": "Natural disaster",
    "blockage": "Blockage",
    "congestion": "Congestion",
    "shortage": "Shortage",
    "trade_restriction": "Trade restriction",
    "cyberattack": "Cyberattack",
    "insolvency": "Insolvency",
    "accident": "Accident",
    "conflict": "Conflict",
    "outage": "Outage",
    "lockdown": "Lockdown",
    "trade_drop": "Trade flow drop",
}


@dataclass(frozen=True)
class SeriesPicture:
    """The recent observations behind a trade alert, for a sparkline or a chart."""

    source: str
    points: tuple[tuple[str, float], ...]
    value: float | None
    baseline: float | None
    change: float | None

    @property
    def caption(self) -> str:
        """``"649,600 in 2026-09 against a baseline of 1,147,300 (-43%), last 12 periods"``."""
        last = self.points[-1][0]
        text = f"{self.value:,.0f} in {last}" if self.value is not None else f"last {last}"
        if self.baseline is not None:
            text += f" against a baseline of {self.baseline:,.0f}"
        if self.change is not None:
            text += f" ({self.change:+.0%})"
        return f"{text}, last {len(self.points)} periods"


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) else None


def series_picture(evidence: Iterable[Mapping[str, Any]]) -> SeriesPicture | None:
    """The newest trade evidence's series (evidence is latest first), or ``None`` for news alone."""
    for e in evidence:
        raw = e.get("series")
        if not isinstance(raw, list):
            continue
        points = tuple(
            (str(pair[0]), float(pair[1])) for pair in raw
            if isinstance(pair, (list, tuple)) and len(pair) == 2 and isinstance(pair[1], (int, float))
        )
        if len(points) >= 2:
            return SeriesPicture(str(e.get("source") or ""), points, _number(e.get("value")),
                                 _number(e.get("baseline")), _number(e.get("change")))
    return None


def type_label(type_: str) -> str:
    return TYPE_LABELS.get(type_, type_.replace("_", " ").capitalize())


def types_label(types: Sequence[str]) -> str:
    """``"Fire"``, ``"Fire and outage"``, ``"Conflict, blockage and accident"``."""
    labels = [type_label(t) for t in types]
    if not labels:
        return ""
    rest = [label.lower() for label in labels[1:]]
    if not rest:
        return labels[0]
    return f"{', '.join([labels[0], *rest[:-1]])} and {rest[-1]}"


def incident_title(types: Sequence[str], target_name: str) -> str:
    return f"{types_label(types)} at {target_name}"
