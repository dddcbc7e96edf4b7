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

import functools
import hashlib
import logging
import random
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import bindparam, func, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from feeds.health import FeedHealth, next_state
from feeds.http import Fetcher, FetchRequest, FetchResult
from feeds.parse import parse_feed
from feeds.trade import TradeFormatError, TradeState, detect, parse_series
from feeds.types import Item, NewsSource, Observation, TradeSignal, TradeSource
from graphs.corroborate import story_key
from graphs.types import Event, Span
from monitor import burst_stage
from monitor.alerts.model import AlertChange
from monitor.config import Runtime
from monitor.leases import LeaseKeeper
from monitor.store import models as m
from monitor.store.db import is_unreachable, is_unwritable, rowcount, transaction
from monitor.settings import FetchSettings
from monitor.store.upsert import insert_ignore, insert_ignore_rows, upsert

if TYPE_CHECKING:
    from monitor.notify.outbox import FlushStats

log = logging.getLogger("monitor.pipeline")

TAG_BATCH = 500
#: Most feeds one instance claims at a time.
CLAIM_LIMIT = 1000
#: while fetches run and nothing is left to start, look for more due feeds this often (seconds);
#: it bounds how late a feed that falls due during a slow poll is claimed
REFILL_S = 0.5


def utcnow() -> datetime:
    return datetime.now(UTC)


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


@dataclass
class _Claim:
    feed_id: int
    name: str
    kind: str
    url: str
    etag: str | None
    last_modified: str | None
    body_hash: str | None
    health: FeedHealth
    interval: float
    token: str = ""


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
            existing = {f.name: f for f in session.scalars(select(m.Feed))}
            seen = set()
            for kind, src in sources:
                seen.add(src.name)
                feed = existing.get(src.name)
                if feed is None:
                    insert_ignore(
                        session,
                        m.Feed.__table__,
                        [
                            dict(
                                name=src.name, kind=kind, url=src.url, config_url=src.url,
                                language=getattr(src, "language", None), interval_s=src.interval,
                                enabled=src.enabled, in_config=True, next_poll=now,
                                error_count=0, parked=False, polls=0,
                            )
                        ],
                        ["name"],
                    )
                    continue
                if feed.config_url != src.url:  # the analyst changed it: config wins over redirects
                    feed.url = feed.config_url = src.url
                    feed.etag = feed.last_modified = feed.body_hash = None
                    feed.disabled_reason = None
                    feed.parked = False
                    feed.error_count = 0
                    feed.next_poll = now
                elif src.enabled and (not feed.enabled or not feed.in_config) and feed.disabled_reason:
                    # switched off and on again (or removed and re-added) in feeds.yaml: the analyst's
                    # way to retry a feed disabled by a 410, as its disabled_reason tells them to
                    feed.disabled_reason = None
                    feed.parked = False
                    feed.error_count = 0
                    feed.next_poll = now
                feed.kind = kind
                feed.language = getattr(src, "language", None)
                feed.enabled = src.enabled
                feed.in_config = True
                if feed.interval_s != src.interval:
                    feed.interval_s = src.interval
                    if feed.next_poll is None or feed.next_poll > now + timedelta(seconds=src.interval):
                        feed.next_poll = now
            for name, feed in existing.items():
                if name not in seen and feed.in_config:
                    feed.in_config = False
        self._synced_version = runtime.version

    def _ensure_synced(self) -> None:
        if self._synced_version != self.runtime.version:
            self.sync_feeds()

    def _due_clause(self, now: datetime) -> Any:
        return (
            m.Feed.in_config.is_(True),
            m.Feed.enabled.is_(True),
            m.Feed.disabled_reason.is_(None),
            or_(m.Feed.next_poll.is_(None), m.Feed.next_poll <= now),
            or_(m.Feed.lease_until.is_(None), m.Feed.lease_until < now),
        )

    def fair_share(self, now: datetime, exclude: Sequence[int] = (), holding: int = 0) -> int:
        """How many due feeds to claim now: the feeds due this round (claimed by
        others or not) divided by the live instances (this one included),
        rounded up, less the ``holding`` this instance has claimed and not stored
        yet; 0 when none is left to claim.

        Because the shares are rounded up, they add up to at least what nobody
        holds: while any due feed is unclaimed, some instance's share is at
        least one, even if every instance is waiting on a slow feed."""
        from monitor.store.instances import ALIVE_FACTOR, HEARTBEAT_S

        alive_after = now - timedelta(seconds=ALIVE_FACTOR * HEARTBEAT_S)
        with self.sessions() as session:
            due = select(func.count()).select_from(m.Feed).where(*self._due_clause(now))
            if exclude:
                due = due.where(m.Feed.id.not_in(list(exclude)))
            if not session.scalar(due):
                return 0
            # in flight elsewhere counts too: "remaining / instances" would
            # shrink with every claim and leave a tail nobody takes at once
            n_due = int(session.scalar(select(func.count()).select_from(m.Feed).where(*self._due_clause(now)[:4])) or 0)
            others = int(
                session.scalar(
                    select(func.count()).select_from(m.Instance).where(
                        m.Instance.stopped_at.is_(None),
                        m.Instance.heartbeat_at >= alive_after,
                        m.Instance.id != self.instance_id,
                    )
                )
                or 0
            )
        share = -(-n_due // (others + 1)) - holding
        return max(0, min(CLAIM_LIMIT, share))

    def claim_due(self, now: datetime, limit: int = CLAIM_LIMIT, exclude: Sequence[int] = ()) -> list[_Claim]:
        """Lease up to ``limit`` due feeds, so no other instance polls them now.

        Each feed is taken with a conditional ``UPDATE`` that re-checks the
        feed is due and unleased on the current row, so of several instances
        exactly one wins it; all feeds of one claim share a fresh ``token``.
        ``exclude``: feed ids not to claim again (already handled this pass).
        """
        lease = timedelta(seconds=self.runtime.settings.schedule.lease)
        until = max(now, self.clock()) + lease
        token = uuid.uuid4().hex
        claims: list[_Claim] = []
        with transaction(self.sessions) as session:
            due = select(m.Feed).where(*self._due_clause(now))
            if exclude:
                due = due.where(m.Feed.id.not_in(list(exclude)))
            due = due.order_by(m.Feed.next_poll, m.Feed.id).limit(limit)
            if session.get_bind().dialect.name == "postgresql":
                due = due.with_for_update(skip_locked=True)
            candidates = session.scalars(due).all()
            # Conditional update: only one instance wins a lease, and only while
            # the feed is still due (another may have just stored it).
            lease_values = dict(lease_owner=self.instance_id, lease_until=until, lease_token=token)
            if candidates and session.get_bind().dialect.update_returning:
                # one statement for the whole batch; RETURNING says which rows we won
                won_ids = set(session.scalars(
                    update(m.Feed)
                    .where(m.Feed.id.in_([f.id for f in candidates]), *self._due_clause(now))
                    .values(**lease_values)
                    .returning(m.Feed.id)
                    .execution_options(synchronize_session=False)
                ))
            else:  # SQLite before 3.35: row by row
                won_ids = {
                    f.id for f in candidates
                    if rowcount(session.execute(
                        update(m.Feed).where(m.Feed.id == f.id, *self._due_clause(now)).values(**lease_values)
                        .execution_options(synchronize_session=False)
                    ))
                }
            for feed in candidates:
                if feed.id not in won_ids:
                    continue
                claims.append(
                    _Claim(
                        feed_id=feed.id, name=feed.name, kind=feed.kind, url=feed.url,
                        etag=feed.etag, last_modified=feed.last_modified, body_hash=feed.body_hash,
                        health=FeedHealth(
                            last_status=feed.last_status, last_error=feed.last_error,
                            error_count=feed.error_count, parked=feed.parked,
                            disabled_reason=feed.disabled_reason, next_poll=feed.next_poll,
                        ),
                        interval=feed.interval_s,
                        token=token,
                    )
                )
        return claims

    def renew_leases(self, *tokens: str) -> int:
        """Extend the leases of the feeds claimed with ``tokens`` that are not stored yet."""
        if not tokens:
            return 0
        until = self.clock() + timedelta(seconds=self.runtime.settings.schedule.lease)
        with transaction(self.sessions) as session:
            return rowcount(session.execute(
                update(m.Feed)
                .where(m.Feed.lease_token.in_(tokens), m.Feed.lease_owner == self.instance_id)
                .values(lease_until=until)
                .execution_options(synchronize_session=False)
            )) or 0

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
                    self._store_poll(claim, result, self.clock(), stats)
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
        now = now or self.clock()
        active = self._due_clause(now)[:3]
        free = or_(m.Feed.lease_until.is_(None), m.Feed.lease_until < now)
        with self.sessions() as session:
            if session.scalar(select(m.Feed.id).where(*active, free, m.Feed.next_poll.is_(None)).limit(1)):
                return 0.0
            times = [
                session.scalar(select(func.min(m.Feed.next_poll)).where(*active, free)),
                session.scalar(select(func.min(m.Feed.lease_until)).where(*active, m.Feed.lease_until >= now)),
            ]
        known = [t for t in times if t is not None]
        return max(0.0, (min(known) - now).total_seconds()) if known else None

    def _release(self, claim: _Claim, error: str) -> None:
        """Hand back a feed whose poll could not be stored; it is tried again after its interval
        (at once would spin on an error that persists)."""
        retry = self.clock() + timedelta(seconds=claim.interval)
        with transaction(self.sessions) as session:
            session.execute(
                update(m.Feed)
                .where(m.Feed.id == claim.feed_id, m.Feed.lease_token == claim.token)
                .values(lease_owner=None, lease_until=None, lease_token=None, last_error=error[:2000],
                        next_poll=retry)
                .execution_options(synchronize_session=False)
            )

    def _hold(self, session: Session, claim: _Claim) -> bool:
        """Lock the feed row for this transaction; True while our claim still holds it.

        A no-op ``UPDATE`` fenced by the claim's token: it takes the row lock
        (PostgreSQL) or the write lock (SQLite) first, so no claim can change
        the token until we commit.
        """
        # UPDATE feeds SET lease_token = :token WHERE id = :feed_id AND lease_token = :token,
        # prepared once (building it per poll cost more than running it)
        return bool(
            session.connection().execute(
                _hold_stmt(), {"feed_id": claim.feed_id, "token": claim.token, "new_token": claim.token}
            ).rowcount
        )

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

    def _store_poll(self, claim: _Claim, result: FetchResult, now: datetime, stats: PollStats) -> None:
        """Read the fetch, decide the feed's health, store both in one transaction fenced by the lease."""
        runtime = self.runtime
        parsed = self._parse(claim, result, runtime)
        stats.unchanged += parsed.unchanged
        stats.not_modified += parsed.not_modified
        items, parse_error, skipped, body_hash = parsed.items, parsed.error, parsed.skipped, parsed.body_hash
        health, next_poll = self._schedule(claim, result, parsed, now, runtime)
        with transaction(self.sessions) as session:
            held = self._hold(session, claim)  # first: locks the row, fenced by the claim's token
            # held: the fenced UPDATE matched, so the row exists; else look (a feed deleted meanwhile)
            if not held and session.scalar(select(m.Feed.id).where(m.Feed.id == claim.feed_id)) is None:
                return
            if items:
                stored, events = self._insert_items(session, claim.feed_id, claim.name, items, now, runtime)
                stats.items += stored
                stats.events += events
            if parsed.observations:
                upsert(
                    session,
                    m.TradeObservation.__table__,
                    [dict(feed_id=claim.feed_id, period=o.period, value=o.value, fetched_at=now)
                     for o in parsed.observations],
                    ["feed_id", "period"],
                    ["value", "fetched_at"],
                )
                stats.observations += len(parsed.observations)
            if not held:
                # Our lease ran out and another instance claimed the feed: keep
                # what we fetched (unique per feed), leave the schedule to it.
                stats.lost_lease += 1
                log.warning("feed %r: lease lost during a slow poll; stored its items, left its schedule "
                            "to the instance that took it over", claim.name)
                return
            # validators only for a body we could read: else a 304 would pass for health
            validators = result.ok and parse_error is None
            params: dict[str, Any] = dict(
                feed_id=claim.feed_id, last_poll=now, last_status=health.last_status,
                last_error=health.last_error, error_count=health.error_count, parked=health.parked,
                disabled_reason=health.disabled_reason, next_poll=next_poll,
            )
            if validators:
                params.update(etag=result.etag, last_modified=result.last_modified, body_hash=body_hash)
            if result.permanent_redirect:
                params["url"] = result.permanent_redirect
            if skipped is not None:
                params["skipped_entries"] = skipped
            # one prepared Core UPDATE of the row we hold: no ORM load and flush of the feed
            session.connection().execute(
                _feed_polled_stmt(validators, bool(result.permanent_redirect), skipped is not None), params
            )
            if health.notify == "parked":
                self._notice(session, f"feed-parked:{claim.feed_id}:{now:%Y%m%d%H%M%S}",
                             f"feed {claim.name!r} parked after {health.error_count} consecutive errors "
                             f"(retried about once a day): {health.last_error}", now)
            elif health.notify == "disabled":
                self._notice(session, f"feed-disabled:{claim.feed_id}:{now:%Y%m%d%H%M%S}",
                             f"feed {claim.name!r} disabled: {health.disabled_reason}", now)
            elif health.notify == "recovered":
                log.info("feed %r recovered after being parked", claim.name)
        if not result.ok or parse_error:
            stats.errors += 1
            log.warning("feed %r: %s", claim.name, health.last_error)

    def _notice(self, session: Session, key: str, message: str, now: datetime) -> None:
        if insert_ignore(session, m.Notice.__table__, [dict(key=key, message=message, created_at=now)], ["key"]):
            log.warning("%s", message)

    def _insert_items(self, session: Session, feed_id: int, source: str, items: Sequence[Item], now: datetime,
                      runtime: Runtime) -> tuple[int, int]:
        """Insert items new to this feed, tagged, with their events; ``(items, events)`` stored.

        One ``SELECT`` of the identities already stored, one ``INSERT ... ON
        CONFLICT DO NOTHING`` (executemany) of the new ones, marked tagged; for
        the few that yield events, one ``SELECT`` of their ids and one
        ``INSERT`` of the events. An ``UPDATE`` per known item whose text
        changed re-queues it for :meth:`tag_pending`. An item the tagger fails
        on is stored untagged, for :meth:`tag_pending` to retry and log.
        """
        by_guid = {it.guid: it for it in items}  # the last of duplicate GUIDs wins
        known = dict(
            session.connection().execute(_items_by_guid_stmt("content_hash"), {"feed_id": feed_id, "guids": list(by_guid)}).all()
        )
        if known:
            for guid, it in by_guid.items():
                if guid in known and known[guid] != it.content_hash and it.content_hash:
                    session.execute(
                        update(m.Item)
                        .where(m.Item.feed_id == feed_id, m.Item.guid == guid)
                        .values(title=it.title, text=it.text, link=it.link, content_hash=it.content_hash, tagged=False)
                    )
            new = [it for guid, it in by_guid.items() if guid not in known]
        else:
            new = list(by_guid.values())
        tagger = runtime.tagger
        rows = []
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
            rows.append((feed_id, it.guid, it.link, it.title, it.text, it.language, it.published, now,
                         it.content_hash, tagged))
        stored = insert_ignore_rows(session, m.Item.__table__, _ITEM_COLUMNS, rows, ["feed_id", "guid"])
        if not found and not named:
            return stored, 0
        # Ids of the items that yielded events or name nodes. One that another instance stored meanwhile
        # (our insert skipped it) has its id too: unique keys make theirs and ours one.
        ids = dict(session.connection().execute(
            _items_by_guid_stmt("id"), {"feed_id": feed_id, "guids": list(found.keys() | named.keys())}).all())
        burst_stage.record_new_items(session, runtime, source, [(ids[g], by_guid[g], nodes) for g, nodes in named.items()
                                                                if g in ids], now)
        if not found:
            return stored, 0
        event_rows = []
        for guid, events in found.items():
            item_id = ids.get(guid)
            if item_id is None:
                continue
            it = by_guid[guid]
            event_rows += item_event_rows(events, item_id, it.title, it.text, source=source, now=now)
        return stored, insert_ignore(session, m.Event.__table__, event_rows, ["origin", "target", "type"])

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
            feeds = {f.name: f for f in session.scalars(select(m.Feed).where(m.Feed.kind == "trade"))}
            TO = m.TradeObservation
            changes = {
                feed_id: (n, last)
                for feed_id, n, last in session.execute(
                    select(TO.feed_id, func.count(), func.max(TO.fetched_at)).group_by(TO.feed_id))
            }
            for src in runtime.feeds.trade:
                feed = feeds.get(src.name)
                if feed is None:
                    continue
                signature = (src, *changes.get(feed.id, (0, None)))
                if self._trade_seen.get(feed.id) == signature:
                    continue
                seen[feed.id] = signature
                rows = session.execute(
                    select(m.TradeObservation.period, m.TradeObservation.value).where(
                        m.TradeObservation.feed_id == feed.id
                    )
                ).all()
                observations = [Observation(p, v) for p, v in rows]  # detect() orders by period itself
                # detect() only reports what is new against the state last reported: without it a
                # recovery (or a drop revised away) is never reported and its alert never resolves
                _state, signals = detect(observations, src, self._trade_state(session, feed))
                created += self._store_signals(session, feed, signals, now)
        self._trade_seen.update(seen)  # only once committed: a failed step looks again
        return created

    def _trade_state(self, session: Session, feed: m.Feed) -> TradeState:
        """The state of ``feed``'s series as last reported: its newest trade event.

        A drop event not followed by a recovery means "in a drop since that
        period"; a recovery, or no event at all, means normal.
        """
        last = session.execute(
            select(m.Event.recovery, m.Event.evidence)
            .where(m.Event.method == "trade", m.Event.origin.like(f"trade:{feed.id}:%"))
            .order_by(m.Event.id.desc())
            .limit(1)
        ).first()
        if last is None or last.recovery:
            return TradeState()
        evidence = last.evidence[0] if last.evidence and isinstance(last.evidence[0], dict) else {}
        # an "ongoing" event names its episode in "since"; a "drop" event is its own episode
        return TradeState(status="drop", since=evidence.get("since") or evidence.get("period"),
                          baseline=evidence.get("baseline"), last_period=evidence.get("period"))

    def _store_signals(self, session: Session, feed: m.Feed, signals: Sequence[TradeSignal], now: datetime) -> int:
        rows = []
        for sig in signals:
            change = f"{sig.change:+.0%}"
            text = (
                f"{sig.source}: {sig.value:,.0f} in {sig.period} against a baseline of "
                f"{sig.baseline:,.0f} ({change})"
            )
            if sig.kind == "ongoing":  # fresh evidence each observation while the drop lasts
                text += f", below since {sig.since} ({sig.periods} periods)"
            episode = sig.since or sig.period
            rows.append(
                dict(
                    origin=f"trade:{feed.id}:{sig.period}:{sig.kind}",
                    item_id=None, source=feed.name, target=sig.target, type="trade_drop",
                    confidence=1.0, recovery=sig.kind == "recovered", method="trade",
                    evidence=[
                        dict(field="trade", start=0, end=len(text), text=text, role="trade", ref=sig.target,
                             value=sig.value, baseline=sig.baseline, change=sig.change, period=sig.period,
                             since=episode, periods=sig.periods, kind=sig.kind,
                             series=[[o.period, o.value] for o in sig.series])  # for a sparkline/chart
                    ],
                    story=f"trade:{feed.id}:{episode}", created_at=now, processed=False,
                )
            )
        return insert_ignore(session, m.Event.__table__, rows, ["origin", "target", "type"])

    # ------------------------------------------------------------------ tagging

    def tag_pending(self, now: datetime | None = None, batch: int = TAG_BATCH) -> int:
        """Tag stored items that are not tagged yet; returns the events created."""
        now = now or self.clock()
        tagger = self.runtime.tagger
        created = 0
        last_id = 0
        while True:
            with transaction(self.sessions) as session:
                rows = session.execute(
                    select(m.Item.id, m.Item.title, m.Item.text, m.Item.language, m.Feed.name)
                    .join(m.Feed, m.Feed.id == m.Item.feed_id)
                    .where(m.Item.tagged.is_(False), m.Item.id > last_id)
                    .order_by(m.Item.id)
                    .limit(batch)
                ).all()
                if not rows:
                    # a disruption at a node in a burst of news is more certain (monitor/burst_stage.py)
                    burst_stage.raise_pending(session, self.runtime, now)
                    return created
                events = []
                named: dict[int, tuple[str, ...]] = {}
                for item_id, title, text, language, source in rows:
                    try:
                        reading = tagger.read(title or "", text or "", language)
                    except Exception:  # one poisonous item must not stall tagging behind it
                        log.exception("tagging item %d of %r failed; marked tagged without events", item_id, source)
                        continue
                    found, named[item_id] = reading.events, reading.nodes
                    if found:  # most items have none: no story key to compute
                        events += item_event_rows(found, item_id, title, text, source=source, now=now)
                created += insert_ignore(session, m.Event.__table__, events, ["origin", "target", "type"])
                burst_stage.record_stored_items(session, self.runtime, named, now)
                ids = [r[0] for r in rows]
                session.execute(update(m.Item).where(m.Item.id.in_(ids)).values(tagged=True))
                last_id = ids[-1]

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
        with transaction(self.sessions) as session:
            cycle = m.Cycle(instance=self.instance_id, started_at=started)
            session.add(cycle)
            session.flush()
            cycle_id = cycle.id
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
        with transaction(self.sessions) as session:
            session.execute(
                update(m.Cycle)
                .where(m.Cycle.id == cycle_id)
                .values(
                    finished_at=self.clock(), polls=stats.polls.polled, items=stats.polls.items,
                    events=stats.events + stats.trade_events, alerts=len(stats.alert_changes),
                    deliveries=stats.deliveries, errors=stats.errors + stats.polls.errors,
                )
            )
        return stats


@functools.cache
def _feed_polled_stmt(validators: bool, redirect: bool, parsed: bool = False) -> Any:
    """``UPDATE feeds`` recording a stored poll (health, schedule, lease released), built once.

    Parameters: ``feed_id``, ``last_poll``, ``last_status``, ``last_error``,
    ``error_count``, ``parked``, ``disabled_reason``, ``next_poll``; with
    ``validators`` also ``etag``, ``last_modified``, ``body_hash``; with
    ``redirect`` also ``url``; with ``parsed`` (a news body was parsed) also
    ``skipped_entries``. ``polls`` is incremented in SQL.
    """
    t = m.Feed.__table__
    names = ["last_poll", "last_status", "last_error", "error_count", "parked", "disabled_reason", "next_poll"]
    if validators:
        names += ["etag", "last_modified", "body_hash"]
    if redirect:
        names.append("url")
    if parsed:
        names.append("skipped_entries")
    values: dict[str, Any] = {n: bindparam(n, type_=t.c[n].type) for n in names}
    values.update(polls=func.coalesce(t.c.polls, 0) + 1, lease_owner=None, lease_until=None, lease_token=None)
    return update(t).where(t.c.id == bindparam("feed_id")).values(values)


@functools.cache
def _hold_stmt() -> Any:
    """The fence of :meth:`Pipeline._hold`: a no-op ``UPDATE`` of the feed row, only while
    ``lease_token`` is still ours (parameters ``feed_id``, ``token``, ``new_token`` = ``token``)."""
    t = m.Feed.__table__
    return (
        update(t)
        .where(t.c.id == bindparam("feed_id"), t.c.lease_token == bindparam("token"))
        .values(lease_token=bindparam("new_token"))
    )


#: an item row as :meth:`Pipeline._insert_items` stores it
_ITEM_COLUMNS = ("feed_id", "guid", "link", "title", "text", "language", "published", "fetched_at", "content_hash",
                 "tagged")


@functools.cache
def _items_by_guid_stmt(column: str) -> Any:
    """``SELECT guid, <column>`` of a feed's items among ``guids`` (an expanding IN), built once per column."""
    t = m.Item.__table__
    return select(t.c.guid, t.c[column]).where(
        t.c.feed_id == bindparam("feed_id"), t.c.guid.in_(bindparam("guids", expanding=True))
    )


def item_event_rows(events: Sequence[Event], item_id: int, title: str | None, text: str | None, *, source: str,
                    now: datetime) -> list[dict[str, Any]]:
    """The ``events`` rows of one stored item's tagging events (origin ``item:<id>``, one story key)."""
    story = story_key(title or "", text or "")
    return [event_row(ev, origin=f"item:{item_id}", item_id=item_id, source=source, story=story, now=now)
            for ev in events]


def event_row(ev: Event, *, origin: str, item_id: int | None, source: str, story: str, now: datetime) -> dict[str, Any]:
    """The ``events`` table row for a tagging :class:`Event`."""
    return dict(
        origin=origin, item_id=item_id, source=source, target=ev.target, type=ev.type,
        confidence=round(ev.confidence, 4), recovery=ev.recovery, method=ev.method,
        evidence=[span_dict(s) for s in ev.evidence], story=story, created_at=now, processed=False,
    )


def span_dict(span: Span) -> dict[str, Any]:
    out = dict(field=span.field, start=span.start, end=span.end, text=span.text, role=span.role, ref=span.ref)
    if span.note:  # "exonym of 'Red Sea'"
        out["note"] = span.note
    return out


