"""Keep leases alive while slow work runs.

Feed polls and outbox sends are claimed with a lease (``schedule.lease``) so
that another instance takes the work over when this one dies. Work that
outlasts the lease -- a slow feed, a slow SMTP server, a long batch -- would
then be taken over while it is still being done. A :class:`LeaseKeeper`
renews the lease from a background thread, every third of its length, for
as long as the ``with`` block runs; a process that dies stops renewing, so
take-over after a crash still works.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)

__all__ = ["LeaseKeeper"]


class LeaseKeeper:
    """Calls ``renew`` every ``lease_s / 3`` seconds (at least 0.2 s) while the ``with`` block runs.

    ``renew`` extends the leases (an ``UPDATE`` in its own transaction); its
    errors are logged and the next period tries again -- the fences that
    guard storing the results cover a lease lost meanwhile.
    """

    def __init__(self, renew: Callable[[], object], lease_s: float, *, what: str = "leases") -> None:
        self.renew = renew
        self.what = what
        self.every = max(lease_s / 3.0, 0.2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="lease-keeper", daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            try:
                self.renew()
            except Exception as exc:
                log.warning("renewing %s failed: %s", self.what, exc)

    def __enter__(self) -> LeaseKeeper:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
