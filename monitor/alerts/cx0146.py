"""Export alerts as Catena-X CX-0146 Supply Chain Disruption Notifications.

CX-0146 (v2.0, aspect model ``urn:samm:io.catenax.demand_and_capacity_notification:3.0.0``)
exchanges a ``{"header": <MessageHeader 3.0.0>, "content": <DemandAndCapacityNotification>}``
JSON document per notification (POSTed to a partner's notification endpoint
through a dataspace connector; here we only produce the documents).

Mapping from a monitor alert:

=========================== ==================================================
CX-0146 field               monitor
=========================== ==================================================
header.messageId            UUIDv4-shaped, derived from fingerprint + revision
                            (the same alert revision always gives the same id)
header.context              ``CX-DemandAndCapacityNotificationAPI-Receive:2.0.0``
header.version              ``3.0.0`` (aspect model version)
header.senderBpn/receiverBpn ``--sender-bpn`` / ``--receiver-bpn`` (BPNL); the
                            graph has no BPNs, so placeholders by default
header.sentDateTime         export time (ISO-8601, UTC)
content.notificationId      ``urn:uuid:`` UUIDv4-shaped from the fingerprint
                            (stable: updates and resolution reuse it, as the
                            standard requires)
content.sourceDisruptionId  ``urn:uuid:`` from the fingerprint (other namespace)
content.relatedNotificationIds  ``[]``
content.text                title, target, confidence, top evidence headlines
                            (plain text, max 4000 chars)
content.effect              ``capacity-reduction`` (a disruption reduces the
                            supplier side's capacity)
content.leadingRootCause    disruption type mapped to strike | natural-disaster
                            | production-incident | pandemic-or-epidemic |
                            logistics-disruption | war | other (table below)
content.status              ``open`` while firing/acknowledged/silenced,
                            ``resolved`` when resolved
content.resolvingMeasureDescription  the resolution reason, when resolved
content.contentChangedAt    alert ``updated_at``
content.startDateOfEffect   alert ``first_seen``
content.expectedEndDateOfEffect  ``published_at`` + the longest TTL of its types while open
                            (the monitor's own expectation), ``resolved_at``
                            when resolved
content.affectedSitesSender / affectedSitesRecipient  ``[]`` (BPNS unknown)
content.materialsAffected   one entry per product that stops flowing (impact "products_cut")
                            (``customerMaterialNumber`` = product name); may
                            be empty
=========================== ==================================================

Consumers must ignore unknown properties (CX-0146 4.1.2.2); we add none to
``content`` and keep our own identifiers out of the standard fields.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from monitor.alerts.model import AlertSnapshot

CONTEXT = "CX-DemandAndCapacityNotificationAPI-Receive:2.0.0"
ASPECT_VERSION = "3.0.0"
PLACEHOLDER_SENDER = "BPNL000000000000"
PLACEHOLDER_RECEIVER = "BPNL000000000000"

ROOT_CAUSES = {
    "fire": "production-incident",
    "strike": "strike",
    "natural_disaster": "natural-disaster",
    "blockage": "logistics-disruption",
    "congestion": "logistics-disruption",
    "shortage": "other",
    "trade_restriction": "other",
    "cyberattack": "production-incident",
    "insolvency": "other",
    "accident": "production-incident",
    "conflict": "war",
    "outage": "production-incident",
    "lockdown": "pandemic-or-epidemic",
    "trade_drop": "logistics-disruption",
}


def uuid4_from(*parts: str) -> str:
    """A deterministic UUID with version 4 bits (CX-0146 requires UUIDv4 format)."""
    digest = hashlib.sha256("|".join(parts).encode()).digest()
    return str(uuid.UUID(bytes=digest[:16], version=4))


def _iso(dt: datetime | None) -> str | None:
    return dt.isoformat().replace("+00:00", "Z") if dt else None


def _text(alert: AlertSnapshot) -> str:
    lines = [
        f"{alert.title} ({alert.severity}, confidence {alert.confidence:.2f}).",
        f"Target: {alert.target_name} [{alert.target}].",
    ]
    eco = alert.impact.get("ecosystems") or {}
    if eco:
        lines.append("Ecosystems reached: " + ", ".join(f"{k} {v:.2f}" for k, v in list(eco.items())[:10]) + ".")
    for e in alert.evidence[:3]:
        lines.append(f"- {e.get('source')}: {e.get('headline')}")
    text = "\n".join(lines)
    return "".join(ch for ch in text if ch == "\n" or ch.isprintable())[:4000]


def to_cx0146(
    alert: AlertSnapshot, *, now: datetime, sender_bpn: str = PLACEHOLDER_SENDER,
    receiver_bpn: str = PLACEHOLDER_RECEIVER, ttl: Callable[[str], float] | None = None,
) -> dict[str, Any]:
    """One CX-0146 notification document for ``alert`` (see the mapping above)."""
    resolved = alert.state == "resolved"
    if resolved:
        end = alert.resolved_at
    else:
        # the incident lasts its longest-lived type's TTL after its latest news
        latest = alert.published_at or alert.last_seen
        end = latest + timedelta(seconds=max(ttl(t) for t in (alert.types or (alert.type,)))) if ttl else None
    # the products that stop flowing (stored with the impact); older rows: those alternatives are sought for
    cut = alert.impact.get("products_cut")
    products = sorted(set(cut) if cut is not None else {
        a.get("product") for a in alert.impact.get("alternatives") or () if a.get("product")})
    content: dict[str, Any] = {
        "notificationId": "urn:uuid:" + uuid4_from("notification", alert.fingerprint),
        "relatedNotificationIds": [],
        "sourceDisruptionId": "urn:uuid:" + uuid4_from("disruption", alert.fingerprint),
        "text": _text(alert),
        "effect": "capacity-reduction",
        "leadingRootCause": ROOT_CAUSES.get(alert.type, "other"),
        "status": "resolved" if resolved else "open",
        "contentChangedAt": _iso(alert.updated_at or alert.last_seen),
        "startDateOfEffect": _iso(alert.first_seen),
        "affectedSitesSender": [],
        "affectedSitesRecipient": [],
        "materialsAffected": [{"customerMaterialNumber": p} for p in products],
    }
    if end is not None:
        content["expectedEndDateOfEffect"] = _iso(end)
    if resolved and alert.resolved_reason:
        content["resolvingMeasureDescription"] = alert.resolved_reason[:4000]
    return {
        "header": {
            "messageId": uuid4_from("message", alert.fingerprint, str(alert.revision)),
            "context": CONTEXT,
            "senderBpn": sender_bpn,
            "receiverBpn": receiver_bpn,
            "sentDateTime": _iso(now),
            "version": ASPECT_VERSION,
        },
        "content": content,
    }
