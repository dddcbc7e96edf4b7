"""Feed health as data, and the pure policy that moves it after each poll.

:func:`next_state` takes the current :class:`FeedHealth`, the poll's
:class:`~feeds.http.FetchResult`, the time and the feed's interval, and
returns the new state — no clock, no randomness and no I/O of its own (both
are injected), so the whole backoff/parking sequence is unit-testable.

Rules (defaults in :class:`HealthPolicy`):

* success (2xx, or 304 not modified) resets the error count, un-parks the
  feed and schedules the next poll one ``interval`` later;
* an error schedules the next poll after an exponential backoff —
  ``min(max_backoff, base × 2^(errors-1))`` with ``base = min(interval,
  backoff_base)`` — times a jitter factor in ``[1 - jitter, 1 + jitter]``;
  a ``Retry-After`` from the server is honoured as a lower bound;
* after ``park_after`` consecutive errors the feed is *parked*: it is retried
  only every ``parked_interval`` (a day by default) and ``notify`` is set to
  ``"parked"`` on that one transition only, so the operator gets one notice,
  not one per poll; a parked feed that succeeds again sets ``notify`` to
  ``"recovered"`` once;
* 410 Gone disables the feed (``disabled_reason`` says why, ``next_poll`` is
  None) and sets ``notify`` to ``"disabled"``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Protocol

__all__ = ["FeedHealth", "HealthPolicy", "next_state", "backoff_delay"]


class _PollOutcome(Protocol):  # what next_state needs from a FetchResult (read-only)
    @property
    def status(self) -> int | None: ...
    @property
    def error(self) -> str | None: ...
    @property
    def error_kind(self) -> str | None: ...
    @property
    def gone(self) -> bool: ...
    @property
    def retry_after(self) -> float | None: ...
    @property
    def not_modified(self) -> bool: ...
    @property
    def final_url(self) -> str: ...


@dataclass(slots=True)
class FeedHealth:
    """Health and schedule of one feed (mirrors the ``feeds`` table's columns).

    ``last_status`` is the HTTP status as text ("200", "304", "410", ...) or,
    when no response arrived, the error kind ("timeout", "connect", ...).
    ``notify`` is non-empty only right after a transition the operator should
    hear about once: "parked", "recovered" or "disabled".
    """

    last_status: str | None = None
    last_error: str | None = None
    error_count: int = 0
    parked: bool = False
    disabled_reason: str | None = None
    next_poll: datetime | None = None
    notify: str | None = None


@dataclass(frozen=True, slots=True)
class HealthPolicy:
    """Tunables of :func:`next_state`, in seconds."""

    park_after: int = 10  # consecutive errors before parking
    parked_interval: float = 86400.0  # retry parked feeds daily
    backoff_base: float = 300.0  # first retry after at most 5 minutes
    max_backoff: float = 6 * 3600.0
    jitter: float = 0.2  # ± share of the delay
    max_retry_after: float = 7 * 86400.0


def backoff_delay(errors: int, interval: float, policy: HealthPolicy, rand: Callable[[], float]) -> float:
    """Seconds until the next try after ``errors`` consecutive errors (≥ 1), jittered."""
    base = max(1.0, min(interval, policy.backoff_base))
    delay = min(policy.max_backoff, base * (2 ** min(errors - 1, 32)))
    factor = 1.0 - policy.jitter + 2.0 * policy.jitter * rand()
    return delay * factor


def next_state(
    state: FeedHealth,
    result: _PollOutcome,
    now: datetime,
    interval: float,
    *,
    parse_error: str | None = None,
    policy: HealthPolicy = HealthPolicy(),
    rand: Callable[[], float] = random.random,
) -> FeedHealth:
    """Return the health after a poll that produced ``result`` at ``now``.

    ``parse_error`` lets the caller count a 200 whose body is not a readable
    feed as an error too. ``now`` must be timezone-aware; ``interval`` is the
    feed's poll interval in seconds.
    """
    status = str(result.status) if result.status is not None else (result.error_kind or "error")
    error = result.error or parse_error

    if result.gone:
        return FeedHealth(
            last_status=status,
            last_error=error or "HTTP 410 Gone",
            error_count=state.error_count + 1,
            parked=False,
            disabled_reason=(
                f"the publisher answered 410 Gone for {result.final_url} at "
                f"{now.isoformat(timespec='seconds')}: the feed was removed; remove it from feeds.yaml "
                "or fix its URL and re-enable it"
            ),
            next_poll=None,
            notify=None if state.disabled_reason else "disabled",
        )

    if error is None:
        return FeedHealth(
            last_status=status,
            last_error=None,
            error_count=0,
            parked=False,
            disabled_reason=None,
            next_poll=now + timedelta(seconds=interval),
            notify="recovered" if state.parked else None,
        )

    errors = state.error_count + 1
    parked = errors >= policy.park_after
    if parked:
        delay = policy.parked_interval * (1.0 - policy.jitter / 4 + policy.jitter / 2 * rand())
    else:
        delay = backoff_delay(errors, interval, policy, rand)
    if result.retry_after is not None:
        delay = max(delay, min(result.retry_after, policy.max_retry_after))
    return replace(
        state,
        last_status=status,
        last_error=error,
        error_count=errors,
        parked=parked,
        next_poll=now + timedelta(seconds=delay),
        notify="parked" if parked and not state.parked else None,
    )
