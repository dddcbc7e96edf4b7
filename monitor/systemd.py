"""systemd integration: ``sd_notify`` for ``Type=notify`` units.

The daemon says ``READY=1`` once the schema is migrated, the feeds are synced
and the scheduler runs; ``WATCHDOG=1`` each time its heartbeat reaches the
database (so a hung database, not just a dead process, trips ``WatchdogSec``);
``STOPPING=1`` when it starts shutting down; ``STATUS=...`` for
``systemctl status``. Outside systemd (no ``$NOTIFY_SOCKET``) every call is a
no-op.
"""

from __future__ import annotations

import logging
import os

import sdnotify

log = logging.getLogger(__name__)


class Notifier:
    """A thin, never-raising wrapper around :class:`sdnotify.SystemdNotifier`."""

    def __init__(self) -> None:
        self.enabled = bool(os.environ.get("NOTIFY_SOCKET"))
        self._notifier = sdnotify.SystemdNotifier() if self.enabled else None

    def send(self, message: str) -> None:
        if self._notifier is None:
            return
        try:
            self._notifier.notify(message)
        except Exception as exc:  # pragma: no cover - sdnotify already swallows most
            log.debug("sd_notify failed: %s", exc)

    def ready(self, status: str = "running") -> None:
        self.send(f"READY=1\nSTATUS={status}\nMAINPID={os.getpid()}")

    def watchdog(self) -> None:
        self.send("WATCHDOG=1")

    def stopping(self) -> None:
        self.send("STOPPING=1\nSTATUS=stopping")

    def status(self, text: str) -> None:
        self.send(f"STATUS={text}")
