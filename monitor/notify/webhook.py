"""Webhook channel: one JSON POST per group, for chat tools and other systems.

Same outbox guarantees as e-mail. The body carries ``message_id`` and the
request an ``Idempotency-Key`` header with the same value, so a receiver can
drop the duplicate that a crash between its 2xx and our commit may cause.
2xx = delivered; 408, 429, 5xx and network errors = retry with backoff;
other statuses = give up (reported in ``last_error``). Redirects are not
followed (a webhook URL that moved is a config error).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import httpx

from monitor.notify.errors import PermanentSendError, SendError, TransientSendError
from monitor.notify.render import OutgoingGroup, notice_context, plain_summary

USER_AGENT = "eu-supply-monitor (webhook)"


def payload(group: OutgoingGroup, now: datetime) -> dict[str, Any]:
    contexts = [notice_context(i, now) for i in group.items]
    return {
        "message_id": group.message_id,
        "subscription": group.subscription,
        "sent_at": now.isoformat(),
        "text": plain_summary(contexts),
        "notices": [
            {
                "notice": c["notice"], "kind": c["kind"], "severity": c["severity"], "why": c["why"], "alert": {
                    k: c[k] for k in (
                        "id", "fingerprint", "state", "target_id", "target_name", "type", "types", "incident",
                        "alert_severity", "published_at", "products_cut",
                        "confidence", "sources", "evidence", "paths", "downstream", "ecosystems", "alternatives",
                        "first_seen", "last_seen", "resolved_reason",
                    )
                },
            }
            for c in contexts
        ],
    }


class WebhookSender:
    channel = "webhook"

    def __init__(self, *, timeout: float = 10.0, client: httpx.Client | None = None):
        self.timeout = timeout
        self.client = client

    def send_batch(self, groups: Sequence[OutgoingGroup], now: datetime) -> dict[str, SendError | None]:
        results: dict[str, SendError | None] = {}
        client = self.client or httpx.Client(timeout=self.timeout, follow_redirects=False)
        try:
            for group in groups:
                try:
                    body = payload(group, now)
                except Exception as exc:
                    results[group.message_id] = PermanentSendError(f"cannot build the payload: {exc}")
                    continue
                try:
                    resp = client.post(
                        group.recipient, json=body,
                        headers={"Idempotency-Key": group.message_id, "User-Agent": USER_AGENT},
                    )
                except httpx.HTTPError as exc:
                    results[group.message_id] = TransientSendError(f"{type(exc).__name__}: {exc}")
                    continue
                code = resp.status_code
                if 200 <= code < 300:
                    results[group.message_id] = None
                elif code in (408, 425, 429) or code >= 500:
                    results[group.message_id] = TransientSendError(f"HTTP {code} from webhook")
                else:
                    results[group.message_id] = PermanentSendError(f"HTTP {code} from webhook")
        finally:
            if self.client is None:
                client.close()
        return results
