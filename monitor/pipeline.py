"""The one place that joins the stages: fetch -> store -> tag -> alert -> deliver.

Each step reads its input from the database and writes its output there in
the same transaction that marks the input done, so every step is safe to run
again after a crash and two instances never do the same work twice:

- ``poll_due``: claims due feeds with a lease, fetches them concurrently, and
  per feed stores the new items, already tagged, with their events, *and*
  the feed's health and next due time in one transaction. A fetched item is
  never lost; tagging it right away spares reading it back.

Feed leases (several instances on one database):

- ``claim_due`` takes at most a batch of due feeds (PostgreSQL: ``SELECT ...
  FOR UPDATE SKIP LOCKED``) and leases each with a conditional ``UPDATE`` that
  re-checks, on the row as it is now, that the feed is still due and unleased,
  so exactly one instance wins it, and a feed stored meanwhile by another
  instance (on SQLite the read is not locked) is not polled again. Each claim
  gets a fresh random ``lease_token``.
- While its fetches run, the instance renews the leases it holds (every third
  of ``schedule.lease``), so a slow poll keeps its feed; an instance that dies
  stops renewing and its feeds are taken over once the lease expires.
- Storing a poll is fenced by the token: if the lease was taken over meanwhile
  (the renewals could not reach the database for a whole lease), the late
  poll still stores its items (never lose a fetched item; they are unique per
  feed) but leaves health, validators and next due time to the new holder.
- ``poll_due`` claims a fair share at a time (the due feeds divided by the
  live instances, from the heartbeats in ``instances``) and comes back for
  more until nothing is due, so instances that tick together split the work
  and one that finishes early helps with the rest.
- ``tag_pending``: items not yet tagged -> events (unique per origin, target,
  type) and ``tagged = true``, in one transaction per batch: those whose text
  changed since it was tagged, and any a poll stored untagged (its tagger
  failed on them, or a version before tagging at insert stored them).
- ``process_trade``: trade series -> observations (revisions replace) ->
  drop/recovery events.
- ``alert_pending``: events -> alerts upserted on their fingerprint and the
  deliveries they cause (``monitor.alerts``).
- ``flush_outbox``: deliveries -> email/webhook, exactly once (``monitor.notify``).
"""

from __future__ import annotations

import hashlib
import logging
import random
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy.orm import Session, sessionmaker

from feeds.health import FeedHealth, next_state
from feeds.http import Fetcher, FetchRequest, FetchResult
from feeds.parse import parse_feed
from feeds.trade import TradeFormatError, detect, parse_series
from feeds.types import Item, NewsSource, Observation, TradeSource
from graphs.types import Event
from monitor import burst_stage
from monitor.alerts.model import AlertChange
from monitor.config import Runtime
from monitor.leases import LeaseKeeper
from monitor.settings import FetchSettings
from monitor.store import cycles, events as event_rows, feeds as feed_rows, items as item_rows, trade as trade_rows
from monitor.store.db import is_unreachable, is_unwritable, transaction, utcnow
from monitor.store.events import event_row, item_event_rows, span_dict
from monitor.store.feeds import FeedClaim, PolledFeed
from monitor.store.instances import count_live_others

if TYPE_CHECKING:
    from monitor.notify.outbox import FlushStats

log = logging.getLogger("monitor.pipeline")

TAG_BATCH = 500
#: Most feeds one instance claims at a time.
CLAIM_LIMIT = 1000
#: while fetches run and nothing is left to start, look for more due feeds this often (seconds);
#: it bounds how late a feed that falls due during a slow poll is claimed
REFILL_S = 0.5
#: the tag step deletes mentions older than the burst baseline at most this often: reads of the
#: ``mentions`` table are bounded by time, so rows a little past the baseline change no count
PRUNE_EVERY = timedelta(minutes=10)



@dataclass
class PollStats:
    polled: int = 0
    errors: int = 0
    items: int = 0
    not_modified: int = 0
    unchanged: int = 0
    lost_lease: int = 0  # polls whose lease another instance had taken over (items kept)
    events: int = 0  # events of the new items, tagged as they were stored
    observations: int = 0  # trade observations stored (new or revised)


@dataclass
class CycleStats:
    polls: PollStats = field(default_factory=PollStats)
    tagged: int = 0
    events: int = 0
    trade_events: int = 0
    alert_changes: list[AlertChange] = field(default_factory=list)
    deliveries: int = 0
    errors: int = 0

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["alert_changes"] = len(self.alert_changes)
        return d


@dataclass(frozen=True)
class ParsedPoll:
    """A fetch read (:meth:`Pipeline._parse`): what the store step writes."""

    body_hash: str | None
    items: list[Item] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    skipped: int | None = None  # entries of a freshly parsed body that could not be read
    error: str | None = None  # why the body could not be read (counts as a feed error)
    unchanged: bool = False  # the same bytes as last time: not parsed
    not_modified: bool = False  # 304


#: a due feed this instance leased (the name predates :mod:`monitor.store.feeds`)
_Claim = FeedClaim


class FeedFetcher(Protocol):
    """What the pipeline needs from a fetcher: :class:`feeds.http.Fetcher`, or a
    stand-in such as the bench's, which serves bodies already in memory."""

    def fetch_iter(
        self,
        requests: Sequence[FetchRequest],
        *,
        refill: Callable[[], Sequence[FetchRequest]] | None = None,
        refill_every: float = 1.0,
    ) -> Iterator[tuple[int, FetchResult]]: ...


class Pipeline:
    """The monitor's work, step by step, against one database.

    ``runtime_provider`` returns the current :class:`Runtime`; the daemon swaps
    what it returns on reload, so each step sees one consistent config.
    """

    def __init__(
        self,
        runtime_provider: Callable[[], Runtime],
        sessions: sessionmaker[Session],
        *,
        fetcher: FeedFetcher | None = None,
        clock: Callable[[], datetime] = utcnow,
        instance_id: str = "local",
        rng: random.Random | None = None,
        refill_every: float = REFILL_S,
    ):
        self.runtime_provider = runtime_provider
        self.sessions = sessions
        self._given_fetcher = fetcher
        self._fetcher: Fetcher | None = None
        self._fetch_settings: FetchSettings | None = None
        self.clock = clock
        self.instance_id = instance_id
        self.rng = rng or random.Random()
        #: while fetches run and nothing is left to start, look for more due feeds this often (seconds)
        self.refill_every = refill_every
        self._synced_version: str | None = None
        #: set when the daemon stops: a poll pass claims no more feeds (those in flight finish)
        self.stopping = threading.Event()
        #: per trade feed: (source config, observation count, last fetched_at) at its last detection
        self._trade_seen: dict[int, tuple[Any, ...]] = {}
        self._source_index: tuple[Any, dict[str, NewsSource], dict[str, TradeSource]] | None = None
        #: a poll of this pipeline committed mentions, so the start of counting is noted in the
        #: database (a row nothing deletes): later polls skip that statement
        self._counting_noted = False
        #: when the tag step last pruned old mentions (``None``: not yet in this process)
        self._pruned_at: datetime | None = None

    @property
    def runtime(self) -> Runtime:
        return self.runtime_provider()

    @property
    def fetcher(self) -> FeedFetcher:
        """The injected fetcher, or one built from ``monitor.yaml``'s ``fetch:``
        (rebuilt when a reload changes those settings)."""
        if self._given_fetcher is not None:
            return self._given_fetcher
        wanted = self.runtime.settings.fetch
        if self._fetcher is None or wanted != self._fetch_settings:
            if self._fetcher is not None:
                self._fetcher.close()
            self._fetcher = Fetcher(**wanted.fetcher_kwargs())
            self._fetch_settings = wanted
        return self._fetcher

    def close(self) -> None:
        """Close the fetcher this pipeline built (an injected one belongs to its owner)."""
        if self._fetcher is not None:
            self._fetcher.close()
            self._fetcher = None

    # ------------------------------------------------------------------ feeds

    def sync_feeds(self) -> None:
        """Make the ``feeds`` table match ``feeds.yaml`` (new, changed, removed).

        Feed health and history are kept; a feed removed from the config stays
        in the table with ``in_config = false`` and is no longer polled.
        """
        runtime = self.runtime
        now = self.clock()
        sources: list[tuple[str, NewsSource | TradeSource]] = [("news", s) for s in runtime.feeds.news]
        sources += [("trade", s) for s in runtime.feeds.trade]
        with transaction(self.sessions) as session:
            feed_rows.sync_config(session, sources, now)
        self._synced_version = runtime.version

    def _ensure_synced(self) -> None:
        if self._synced_version != self.runtime.version:
            self.sync_feeds()

    def fair_share(self, now: datetime, exclude: Sequence[int] = (), holding: int = 0) -> int:
        """How many due feeds to claim now: the feeds due this round (claimed by
        others or not) divided by the live instances (this one included),
        rounded up, less the ``holding`` this instance has claimed and not stored
        yet; 0 when none is left to claim.

        Because the shares are rounded up, they add up to at least what nobody
        holds: while any due feed is unclaimed, some instance's share is at
        least one, even if every instance is waiting on a slow feed."""
        with self.sessions() as session:
            if not feed_rows.any_due(session, now, exclude):
                return 0
            # in flight elsewhere counts too: "remaining / instances" would
            # shrink with every claim and leave a tail nobody takes at once
            n_due = feed_rows.count_due(session, now)
            others = count_live_others(session, now, me=self.instance_id)
        share = -(-n_due // (others + 1)) - holding
        return max(0, min(CLAIM_LIMIT, share))

    def claim_due(self, now: datetime, limit: int = CLAIM_LIMIT, exclude: Sequence[int] = ()) -> list[_Claim]:
        """Lease up to ``limit`` due feeds, so no other instance polls them now.

        Each feed is taken with a conditional ``UPDATE`` that re-checks the
        feed is due and unleased on the current row, so of several instances
        exactly one wins it; all feeds of one claim share a fresh ``token``.
        ``exclude``: feed ids not to claim again (already handled this pass).
        """
        until = max(now, self.clock()) + timedelta(seconds=self.runtime.settings.schedule.lease)
        with transaction(self.sessions) as session:
            return feed_rows.claim_due(session, now, instance_id=self.instance_id, until=until,
                                       token=uuid.uuid4().hex, limit=limit, exclude=exclude)

    def renew_leases(self, *tokens: str) -> int:
        """Extend the leases of the feeds claimed with ``tokens`` that are not stored yet."""
        if not tokens:
            return 0
        until = self.clock() + timedelta(seconds=self.runtime.settings.schedule.lease)
        with transaction(self.sessions) as session:
            return feed_rows.renew_leases(session, tokens, self.instance_id, until)

    def poll_due(self, now: datetime | None = None, *, on_stored: Callable[[], None] | None = None,
                 repoll: bool = False) -> PollStats:
        """Fetch every due feed and store what came back, each feed on its own.

        Claims a fair share at a time (so instances polling together split the
        work) and claims again whenever its fetcher runs out of work (every
        ``refill_every`` seconds), even while a slow feed is still in flight: a
        feed that takes minutes to answer delays only itself. With ``repoll``
        (the daemon) a fast feed that falls due again meanwhile is claimed
        again in the same pass; without it (``run --once``) each feed is polled
        at most once per pass. Each
        feed is stored as soon as its fetch completes (then ``on_stored`` is
        called if it brought anything new: items, events, observations); the
        leases of every claim in flight are renewed meanwhile. The pass ends
        when nothing is in flight and nothing is due.
        """
        self._ensure_synced()
        stats = PollStats()
        if self.stopping.is_set():
            return stats
        in_flight: dict[int, _Claim] = {}  # fetch index -> its claim
        done: list[int] = []  # not claimed again in this pass: store failed (and, unless repoll, stored)
        tokens: dict[str, int] = {}  # lease token -> its claims still in flight
        added = 0

        def claim_more() -> list[FetchRequest]:
            nonlocal added
            at = now or self.clock()
            exclude = [c.feed_id for c in in_flight.values()] + done
            share = self.fair_share(at, exclude, holding=len(in_flight))
            new = self.claim_due(at, limit=share, exclude=exclude) if share else []
            for c in new:
                in_flight[added] = c
                added += 1
            if new:
                tokens[new[0].token] = len(new)
            return [FetchRequest(c.url, etag=c.etag, last_modified=c.last_modified) for c in new]

        def refill() -> list[FetchRequest]:
            if self.stopping.is_set():
                return []
            # while fetches are in flight, a failed claim (a locked or lost database) must not
            # abandon them: what they bring is stored, and the next refill tries again
            try:
                return claim_more()
            except Exception as exc:
                reason = (str(exc.__cause__ or exc).strip().splitlines() or [type(exc).__name__])[0]
                log.warning("claiming more due feeds failed (retried in %gs): %s", self.refill_every, reason)
                return []

        first = claim_more()  # a failure here fails the poll job: nothing is in flight yet
        if not first:
            return stats
        with LeaseKeeper(lambda: self.renew_leases(*list(tokens)), self.runtime.settings.schedule.lease,
                         what="feed leases"):
            for idx, result in self.fetcher.fetch_iter(first, refill=refill, refill_every=self.refill_every):
                claim = in_flight.pop(idx)
                if not repoll:
                    done.append(claim.feed_id)
                before = (stats.items, stats.events, stats.observations)
                try:
                    if self._store_poll(claim, result, self.clock(), stats):
                        self._counting_noted = True  # committed with the mentions
                except Exception as exc:  # one broken feed never stops the others
                    if is_unwritable(exc):
                        raise  # a broken database stops them all: the daemon exits, nothing is lost
                    log.exception("storing poll of feed %r failed: %s", claim.name, exc)
                    stats.errors += 1
                    if repoll:
                        done.append(claim.feed_id)
                    self._release(claim, f"internal error: {exc}")
                finally:
                    left = tokens.get(claim.token, 1) - 1
                    if left > 0:
                        tokens[claim.token] = left
                    else:
                        tokens.pop(claim.token, None)
                stats.polled += 1
                if on_stored is not None and (stats.items, stats.events, stats.observations) != before:
                    on_stored()
        return stats

    def next_due_in(self, now: datetime | None = None) -> float | None:
        """Seconds until a feed may be claimed: the earliest next poll of a feed
        nobody holds, or the end of a lease held elsewhere (a take-over); 0 when
        one is due now, ``None`` when no feed is active."""
        return feed_rows.next_due_in(self.sessions, now or self.clock())

    def _release(self, claim: _Claim, error: str) -> None:
        """Hand back a feed whose poll could not be stored; it is tried again after its interval
        (at once would spin on an error that persists)."""
        retry = self.clock() + timedelta(seconds=claim.interval)
        with transaction(self.sessions) as session:
            feed_rows.release(session, claim, error, retry)

    def _sources(self, runtime: Runtime) -> tuple[dict[str, NewsSource], dict[str, TradeSource]]:
        """The configured news and trade sources by name (the first of a name wins), built once per
        feeds config: a scan of the list per poll would cost O(feeds²) per round."""
        cached = self._source_index
        if cached is None or cached[0] is not runtime.feeds:
            news: dict[str, NewsSource] = {}
            trade: dict[str, TradeSource] = {}
            for src in runtime.feeds.news:
                news.setdefault(src.name, src)
            for tsrc in runtime.feeds.trade:
                trade.setdefault(tsrc.name, tsrc)
            cached = self._source_index = (runtime.feeds, news, trade)
        return cached[1], cached[2]

    def _parse(self, claim: _Claim, result: FetchResult, runtime: Runtime) -> ParsedPoll:
        """What a fetch brought, read: items or a trade series, or why it could not be read.

        No database, no clock: the same bytes as last time (``body_hash``) are not parsed again."""
        if result.not_modified:
            return ParsedPoll(body_hash=claim.body_hash, not_modified=True)
        if not result.ok or result.body is None:
            return ParsedPoll(body_hash=claim.body_hash)
        body_hash = hashlib.sha256(result.body).hexdigest()
        if body_hash == claim.body_hash:
            return ParsedPoll(body_hash=body_hash, unchanged=True)
        if claim.kind == "news":
            source = self._sources(runtime)[0].get(claim.name)
            parsed = parse_feed(
                result.body,
                source=source or NewsSource(claim.name, claim.url),
                base_url=result.final_url or claim.url,
                content_type=result.content_type,
            )
            if parsed.skipped:
                log.warning("feed %r: %d of %d entries could not be read and were skipped",
                            claim.name, parsed.skipped, parsed.entries)
            error = None
            if not parsed.items and not parsed.is_feed:
                error = f"not a readable feed: {parsed.bozo_reason or 'no entries'}"
            return ParsedPoll(body_hash=body_hash, items=parsed.items, skipped=parsed.skipped, error=error)
        trade_src = self._sources(runtime)[1].get(claim.name)
        if trade_src is None:
            return ParsedPoll(body_hash=body_hash)
        try:
            series = parse_series(result.body, trade_src)
        except TradeFormatError as exc:
            return ParsedPoll(body_hash=body_hash, error=f"unreadable series: {exc}")
        for problem in series.problems[:20]:
            log.warning("trade feed %r: %s", claim.name, problem)
        return ParsedPoll(body_hash=body_hash, observations=series.observations)

    def _schedule(self, claim: _Claim, result: FetchResult, parsed: ParsedPoll, now: datetime,
                  runtime: Runtime) -> tuple[FeedHealth, datetime | None]:
        """The feed's health after this poll and its next due time (jittered when healthy)."""
        health = next_state(claim.health, result, now, claim.interval, parse_error=parsed.error,
                            rand=self.rng.random)
        next_poll = health.next_poll
        if next_poll is not None and health.error_count == 0:
            # spread polls of feeds with the same interval (jitter is a fraction of the interval)
            jitter = runtime.settings.schedule.jitter * claim.interval
            next_poll += timedelta(seconds=self.rng.uniform(-jitter, jitter))
        return health, next_poll

    def _store_poll(self, claim: _Claim, result: FetchResult, now: datetime, stats: PollStats) -> bool:
        """Read the fetch, decide the feed's health, store both in one transaction fenced by the lease.
        True when that transaction recorded burst mentions (and with them the start of counting)."""
        runtime = self.runtime
        counted = False
        parsed = self._parse(claim, result, runtime)
        stats.unchanged += parsed.unchanged
        stats.not_modified += parsed.not_modified
        health, next_poll = self._schedule(claim, result, parsed, now, runtime)
        with transaction(self.sessions) as session:
            held = feed_rows.hold(session, claim)  # first: locks the row, fenced by the claim's token
            # held: the fenced UPDATE matched, so the row exists; else look (a feed deleted meanwhile)
            if not held and not feed_rows.feed_exists(session, claim.feed_id):
                return False
            if parsed.items:
                stored, events, counted = self._insert_items(session, claim.feed_id, claim.name, parsed.items, now,
                                                             runtime)
                stats.items += stored
                stats.events += events
            if parsed.observations:
                stats.observations += trade_rows.store_observations(session, claim.feed_id, parsed.observations, now)
            if not held:
                # Our lease ran out and another instance claimed the feed: keep
                # what we fetched (unique per feed), leave the schedule to it.
                stats.lost_lease += 1
                log.warning("feed %r: lease lost during a slow poll; stored its items, left its schedule "
                            "to the instance that took it over", claim.name)
                return counted
            feed_rows.record_poll(session, claim.feed_id, _polled(result, parsed, health, next_poll), now)
            if health.notify == "parked":
                self._notice(session, f"feed-parked:{claim.feed_id}:{now:%Y%m%d%H%M%S}",
                             f"feed {claim.name!r} parked after {health.error_count} consecutive errors "
                             f"(retried about once a day): {health.last_error}", now)
            elif health.notify == "disabled":
                self._notice(session, f"feed-disabled:{claim.feed_id}:{now:%Y%m%d%H%M%S}",
                             f"feed {claim.name!r} disabled: {health.disabled_reason}", now)
            elif health.notify == "recovered":
                log.info("feed %r recovered after being parked", claim.name)
        if not result.ok or parsed.error:
            stats.errors += 1
            log.warning("feed %r: %s", claim.name, health.last_error)
        return counted

    def _notice(self, session: Session, key: str, message: str, now: datetime) -> None:
        if feed_rows.raise_notice(session, key, message, now):
            log.warning("%s", message)

    def _insert_items(self, session: Session, feed_id: int, source: str, items: Sequence[Item], now: datetime,
                      runtime: Runtime) -> tuple[int, int, bool]:
        """Insert items new to this feed, tagged, with their events; ``(items, events)`` stored,
        and whether burst mentions were recorded.

        One ``SELECT`` of the identities already stored, one ``INSERT ... ON
        CONFLICT DO NOTHING`` (executemany) of the new ones, marked tagged; for
        the few that yield events, one ``SELECT`` of their ids and one
        ``INSERT`` of the events. An ``UPDATE`` per known item whose text
        changed re-queues it for :meth:`tag_pending`. An item the tagger fails
        on is stored untagged, for :meth:`tag_pending` to retry and log.
        """
        by_guid = {it.guid: it for it in items}  # the last of duplicate GUIDs wins
        known = item_rows.content_hashes(session, feed_id, list(by_guid))
        if known:
            for guid, it in by_guid.items():
                if guid in known and known[guid] != it.content_hash and it.content_hash:
                    item_rows.requeue_changed(session, feed_id, it)
            new = [it for guid, it in by_guid.items() if guid not in known]
        else:
            new = list(by_guid.values())
        tagger = runtime.tagger
        rows: list[tuple[Item, bool]] = []
        found: dict[str, list[Event]] = {}
        named: dict[str, tuple[str, ...]] = {}  # nodes each item names, cue or not (burst counts)
        for it in new:
            try:
                reading = tagger.read(it.title or "", it.text or "", it.language)
                events, tagged = reading.events, True
                if reading.nodes:
                    named[it.guid] = reading.nodes
            except Exception as exc:  # stored untagged: tag_pending retries it (and logs its traceback)
                log.warning("feed %r: tagging item %r failed (%s: %s); stored untagged, tagged again later",
                            source, it.guid[:200], type(exc).__name__, exc)
                events, tagged = [], False
            if events:
                found[it.guid] = events
            rows.append((it, tagged))
        stored = item_rows.insert_new(session, feed_id, rows, now)
        if not found and not named:
            return stored, 0, False
        # Ids of the items that yielded events or name nodes. One that another instance stored meanwhile
        # (our insert skipped it) has its id too: unique keys make theirs and ours one.
        ids = item_rows.ids_by_guid(session, feed_id, list(found.keys() | named.keys()))
        counted = burst_stage.record_new_items(
            session, runtime, source, [(ids[g], by_guid[g], nodes) for g, nodes in named.items() if g in ids], now,
            note_start=not self._counting_noted,
        ) > 0
        if not found:
            return stored, 0, counted
        new_events = []
        for guid, events in found.items():
            item_id = ids.get(guid)
            if item_id is None:
                continue
            it = by_guid[guid]
            new_events += item_event_rows(events, item_id, it.title, it.text, source=source, now=now)
        return stored, event_rows.insert_events(session, new_events), counted

    # ------------------------------------------------------------------ trade

    def process_trade(self, now: datetime | None = None) -> int:
        """Run drop detection on every trade series whose observations or settings
        changed since this process last looked; store new signals as events.

        One grouped query tells which series changed (a poll rewrites
        ``fetched_at`` of what it stored); unchanged ones are skipped, so a tick
        costs little with thousands of series. After a restart every series is
        looked at once; detection against the last reported state makes a
        second look harmless.
        """
        now = now or self.clock()
        runtime = self.runtime
        created = 0
        seen: dict[int, tuple[Any, ...]] = {}
        with transaction(self.sessions) as session:
            feeds = trade_rows.trade_feeds(session)
            changes = trade_rows.series_changes(session)
            for src in runtime.feeds.trade:
                feed = feeds.get(src.name)
                if feed is None:
                    continue
                signature = (src, *changes.get(feed.id, (0, None)))
                if self._trade_seen.get(feed.id) == signature:
                    continue
                seen[feed.id] = signature
                observations = trade_rows.observations(session, feed.id)  # detect() orders by period itself
                # detect() only reports what is new against the state last reported: without it a
                # recovery (or a drop revised away) is never reported and its alert never resolves
                _state, signals = detect(observations, src, trade_rows.last_reported_state(session, feed.id))
                created += trade_rows.store_signals(session, feed, signals, now)
        self._trade_seen.update(seen)  # only once committed: a failed step looks again
        return created

    # ------------------------------------------------------------------ tagging

    def tag_pending(self, now: datetime | None = None, batch: int = TAG_BATCH) -> int:
        """Tag stored items that are not tagged yet; returns the events created."""
        now = now or self.clock()
        tagger = self.runtime.tagger
        created = 0
        last_id = 0
        while True:
            with transaction(self.sessions) as session:
                rows = item_rows.untagged(session, last_id, batch)
                if not rows:
                    # a disruption at a node in a burst of news is more certain (monitor/burst_stage.py)
                    prune = self._prune_due(now)
                    burst_stage.raise_pending(session, self.runtime, now, prune=prune)
                    break
                events = []
                named: list[burst_stage.NamedItem] = []
                for row in rows:
                    item_id, title, text, source = row.id, row.title, row.text, row.source
                    try:
                        reading = tagger.read(title or "", text or "", row.language)
                    except Exception:  # one poisonous item must not stall tagging behind it
                        log.exception("tagging item %d of %r failed; marked tagged without events", item_id, source)
                        continue
                    found = reading.events
                    if reading.nodes:
                        named.append(burst_stage.NamedItem(item_id, reading.nodes, title or "", text or "", row.link,
                                                           row.published, row.fetched_at, source))
                    if found:  # most items have none: no story key to compute
                        events += item_event_rows(found, item_id, title, text, source=source, now=now)
                created += event_rows.insert_events(session, events)
                burst_stage.record_stored_items(session, self.runtime, named, now)
                ids = [r.id for r in rows]
                item_rows.mark_tagged(session, ids)
                last_id = ids[-1]
        if prune:  # committed
            self._pruned_at = now
        return created

    def _prune_due(self, now: datetime) -> bool:
        """Whether the tag step should delete old mentions now: not yet in this process, or
        :data:`PRUNE_EVERY` since it last did (or the clock went back)."""
        last = self._pruned_at
        return last is None or not last <= now < last + PRUNE_EVERY

    # ------------------------------------------------------------------ alerts

    def alert_pending(self, now: datetime | None = None) -> list[AlertChange]:
        from monitor.alerts.engine import process_pending_events

        now = now or self.clock()
        with transaction(self.sessions) as session:
            return process_pending_events(session, self.runtime, now)

    def expire(self, now: datetime | None = None) -> list[AlertChange]:
        from monitor.alerts.engine import expire_alerts

        now = now or self.clock()
        with transaction(self.sessions) as session:
            return expire_alerts(session, self.runtime, now)

    def flush_outbox(self, now: datetime | None = None, **kwargs: Any) -> FlushStats:
        from monitor.notify.outbox import flush

        return flush(self.sessions, self.runtime, now or self.clock(), instance_id=self.instance_id, **kwargs)

    # ------------------------------------------------------------------ cycle

    def run_cycle(
        self, now: datetime | None = None, *, deliver: bool = True, poll: bool = True
    ) -> CycleStats:
        """One pass of everything that is due, recorded as a ``cycles`` row.

        ``poll=False`` skips fetching: the daemon polls in a job of its own so
        a slow feed never holds up tagging, alerting and expiry.
        """
        started = now or self.clock()
        stats = CycleStats()
        cycle_id = cycles.start_cycle(self.sessions, self.instance_id, started)
        steps: list[tuple[str, Callable[[], Any]]] = []
        if poll:
            steps.append(("poll", lambda: setattr(stats, "polls", self.poll_due())))
        steps += [
            ("tag", lambda: setattr(stats, "events", stats.polls.events + self.tag_pending())),
            ("trade", lambda: setattr(stats, "trade_events", self.process_trade())),
            ("alert", lambda: stats.alert_changes.extend(self.alert_pending())),
            ("expire", lambda: stats.alert_changes.extend(self.expire())),
        ]
        if deliver:
            steps.append(("deliver", lambda: setattr(stats, "deliveries", self.flush_outbox().sent)))
        for name, step in steps:
            try:
                step()
            except Exception as exc:  # a failing step is logged; the next cycle retries it
                if is_unwritable(exc):
                    raise
                if is_unreachable(exc):
                    log.warning("pipeline step %s: the database does not answer (%s)", name,
                                (str(exc.__cause__ or exc).strip().splitlines() or ["?"])[0])
                else:
                    log.exception("pipeline step %s failed", name)
                stats.errors += 1
        cycles.finish_cycle(self.sessions, cycle_id, self.clock(), cycles.CycleTotals(
            polls=stats.polls.polled, items=stats.polls.items, events=stats.events + stats.trade_events,
            alerts=len(stats.alert_changes), deliveries=stats.deliveries, errors=stats.errors + stats.polls.errors,
        ))
        return stats


def _polled(result: FetchResult, parsed: ParsedPoll, health: FeedHealth, next_poll: datetime | None) -> PolledFeed:
    """What a stored poll records on its feed: validators only for a body that was read
    (else a 304 would pass for health), a permanent redirect, unreadable entries."""
    return PolledFeed(
        health=health, next_poll=next_poll,
        validators=(result.etag, result.last_modified, parsed.body_hash) if result.ok and parsed.error is None
        else None,
        redirect=result.permanent_redirect or None,
        skipped=parsed.skipped,
    )


__all__ = ["CLAIM_LIMIT", "PRUNE_EVERY", "CycleStats", "FeedFetcher", "ParsedPoll", "Pipeline", "PollStats", "REFILL_S",
           "TAG_BATCH", "event_row", "item_event_rows", "span_dict", "utcnow"]
