"""Alerts: events -> stateful, deduplicated alerts, routed to subscribers.

- :mod:`monitor.alerts.model`: pure rules (fingerprint, corroboration, severity, silences)
- :mod:`monitor.alerts.routing`: impact snapshot and who gets what
- :mod:`monitor.alerts.notices`: deliveries enqueued in the outbox
- :mod:`monitor.alerts.engine`: ``process_pending_events``, ``expire_alerts``
- :mod:`monitor.alerts.actions`: acknowledge, silence, resolve, queries
- :mod:`monitor.alerts.cx0146`: Catena-X CX-0146 export

The SQL they run is in :mod:`monitor.store.alerts` and :mod:`monitor.store.alert_deliveries`.
"""

from monitor.alerts.model import AlertChange, AlertSnapshot, fingerprint

__all__ = ["AlertChange", "AlertSnapshot", "fingerprint"]
