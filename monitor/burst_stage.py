"""Breaking-news bursts in the pipeline: mentions are counted as items are tagged, and a
disruption event at a node in burst is made more certain.

The test itself is :mod:`graphs.burst` (EARS C2 + Poisson over a node's hourly mentions
per publisher, against its own trailing baseline; at least three publishers). Here:

* **Counting** (:func:`record_new_items`, :func:`record_stored_items`): every item that
  names a node by an alias, disruption cue or not (:meth:`graphs.tagger.Tagger.read`),
  adds one mention per node, with its publisher -- the host of the item's link, else its
  feed -- and its publication time (its first sighting if it has none, never later). A
  story syndicated in several feeds of one publisher counts once (unique node x
  publisher x story key). Counts live in the database (:mod:`monitor.store.mentions`),
  so every instance sees the mentions of all; rows older than the baseline are pruned.
* **Effect** (:func:`raise_pending`, run by the tag step before alerts are raised): each
  disruption event not yet taken up by the alert step whose node is in burst now gets
  ``confidence + 0.5 x score x (1 - confidence)`` (``score`` 0.5..1 with the burst's
  surprise: at most half the way to 1, never above it) and, first in its evidence, the
  line "named in 41 items from 9 sources in 6 h, 12x its usual rate" (role ``burst``),
  which alerts show under the item's headline. A burst raises only events the tagger
  found (a disruption cue in the item); a burst of ordinary news raises nothing, and
  recoveries are left as they are.

``burst.enabled: false`` in ``monitor.yaml`` stops both; ``burst.window`` and
``burst.baseline`` set the test's spans. Time is always passed in (``now``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from feeds.types import Item
from graphs.burst import GUARD_HOURS, MIN_SOURCES, Burst, boosted, detect, hourly_counts
from graphs.corroborate import story_key
from monitor.config import Runtime
from monitor.settings import BurstSettings
from monitor.store import mentions as store
from monitor.store.mentions import MentionRow, PendingEvent

__all__ = [
    "BURST_ROLE", "NamedItem", "baseline_complete_at", "burst_span", "bursts_now", "horizon", "mention_rows", "publisher", "raise_pending",
    "record_new_items", "record_stored_items",
]

#: ``role`` of the evidence span a burst adds to an event.
BURST_ROLE = "burst"


@dataclass(frozen=True, slots=True)
class NamedItem:
    """A stored item and the nodes it names."""

    item_id: int
    nodes: tuple[str, ...]
    title: str
    text: str
    link: str | None
    published: datetime | None
    seen: datetime
    feed: str


#: an http(s) link whose host ``urlsplit`` would read as it stands: no user info, no IPv6
#: literal, no blank or control character before the path (group: the host)
_PLAIN_HOST = re.compile(r"(?i:https?)://([A-Za-z0-9.-]*)(?::[0-9]*)?(?:[/?#]|\Z)")


def publisher(link: str | None, feed: str) -> str:
    """Who published an item: the host of its link ("www." dropped, lower case), else its feed's name."""
    host = ""
    if link:
        link = link.strip()
        plain = _PLAIN_HOST.match(link)
        if plain is not None:  # most links: the host without parsing the whole link (urlsplit's answer)
            host = plain.group(1).lower()
        else:
            try:
                host = (urlsplit(link).hostname or "").lower()
            except ValueError:
                host = ""
    host = host.removeprefix("www.")
    return host[:200] if host else f"feed:{feed}"[:200]


def horizon(settings: BurstSettings) -> timedelta:
    """How far back the test looks: baseline, guard band and window (what the table keeps)."""
    return timedelta(hours=settings.baseline_hours + GUARD_HOURS + settings.window_hours)


def mention_rows(items: Iterable[NamedItem], now: datetime, settings: BurstSettings) -> list[MentionRow]:
    """The mentions of ``items``: one per node and item, timed at publication (first sighting
    when there is none; never in the future); items older than :func:`horizon` count for
    nothing and are left out."""
    oldest = now - horizon(settings)
    rows = []
    for it in items:
        if not it.nodes:
            continue
        at = min(it.published or it.seen, it.seen, now).astimezone(UTC)
        if at <= oldest:
            continue
        source = publisher(it.link, it.feed)
        story = story_key(it.title, it.text)
        rows += [MentionRow(node, it.item_id, source, story, at) for node in it.nodes]
    return rows


def record_new_items(session: Session, runtime: Runtime, feed: str, named: Sequence[tuple[int, Item, tuple[str, ...]]],
                     now: datetime, *, note_start: bool = True) -> int:
    """Record the mentions of a poll's new items (``(item id, item, nodes)``); the number stored.

    ``note_start=False``: the database already notes since when mentions are counted (a
    committed earlier call did), so that statement is left out."""
    settings = runtime.settings.burst
    if not settings.enabled or not named:
        return 0
    items = [NamedItem(item_id, nodes, it.title or "", it.text or "", it.link, it.published, now, feed)
             for item_id, it, nodes in named]
    if note_start:
        store.start_counting(session, now)
    return store.record(session, mention_rows(items, now, settings))


def record_stored_items(session: Session, runtime: Runtime, items: Sequence[NamedItem], now: datetime) -> int:
    """Record the mentions of items tagged after they were stored (read with all a mention
    needs, :func:`monitor.store.items.untagged`); an item counted already (tagged again
    because its text changed) is not counted twice."""
    settings = runtime.settings.burst
    items = [it for it in items if it.nodes]
    if not settings.enabled or not items:
        return 0
    counted = store.counted_items(session, [it.item_id for it in items])
    items = [it for it in items if it.item_id not in counted]
    if not items:
        return 0
    store.start_counting(session, now)
    return store.record(session, mention_rows(items, now, settings))


def burst_span(node_id: str, burst: Burst) -> dict[str, Any]:
    """The evidence entry a burst adds to an event (shown under the item's headline)."""
    text = burst.evidence
    return dict(field=BURST_ROLE, start=0, end=len(text), text=text, role=BURST_ROLE, ref=node_id,
                items=burst.items, sources=burst.sources, ratio=round(burst.ratio, 1), score=burst.score)


def baseline_complete_at(session: Session, settings: BurstSettings) -> datetime | None:
    """When the counts first cover a whole baseline (``None``: nothing counted yet). Before
    then no node is in burst: a new or upgraded database knows no usual rate, and its first
    poll brings only each feed's last few items."""
    since = store.counting_since(session)
    return None if since is None else since + horizon(settings)


def bursts_now(session: Session, settings: BurstSettings, nodes: Iterable[str] | None,
               now: datetime) -> dict[str, Burst]:
    """Those of ``nodes`` (``None``: every node with mentions) in burst at ``now``, with the
    test's figures. Only nodes named by enough publishers in the window are tested (one
    grouped query), so asking about many quiet nodes costs little."""
    complete = baseline_complete_at(session, settings)
    if complete is None or now < complete:
        return {}  # no usual rate to compare with yet: everything would look like a burst
    span = horizon(settings)
    window_start = now - timedelta(hours=settings.window_hours)
    busy = store.busy_nodes(session, None if nodes is None else set(nodes), window_start, now, MIN_SOURCES)
    if not busy:
        return {}
    hours = int(span / timedelta(hours=1))
    out: dict[str, Burst] = {}
    for node_id, seen in store.mentions_of(session, busy, now - span, now).items():
        counts = hourly_counts(seen, now=now, hours=hours)
        found = detect(counts, window_hours=settings.window_hours, baseline_hours=settings.baseline_hours)
        if found.is_burst:
            out[node_id] = found
    return out


def _already(event: PendingEvent) -> bool:
    return any(isinstance(s, dict) and s.get("role") == BURST_ROLE for s in event.evidence)


def raise_pending(session: Session, runtime: Runtime, now: datetime, *, prune: bool = True) -> int:
    """Raise the pending disruption events at nodes in burst now (see the module docstring);
    with ``prune``, delete mentions the baseline no longer needs (every read of them is
    bounded by time, so pruning now and then is enough). Returns the events raised."""
    settings = runtime.settings.burst
    if not settings.enabled:
        return 0
    span = horizon(settings)
    if prune:
        store.prune(session, now - span)
    targets = {t for t in store.pending_targets(session) if t in runtime.chain.nodes}
    bursts = bursts_now(session, settings, targets, now) if targets else {}
    if not bursts:
        return 0
    raised = 0
    for event in store.pending_events(session, bursts):
        if _already(event):
            continue
        burst = bursts.get(event.target)
        if burst is None:
            continue
        confidence, line = boosted(min(1.0, max(0.0, event.confidence)), burst, cues=True)
        if line is None:
            continue
        evidence = [burst_span(event.target, burst), *event.evidence]
        raised += store.raise_event(session, event, confidence, evidence)
    return raised
