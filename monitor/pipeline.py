"""The one place that joins the stages: fetch -> store -> tag -> alert -> deliver.

Each step reads its input from the database and writes its output there in
the same transaction that marks the input done, so every step is safe to run
again after a crash and two instances never do the same work twice:

- ``poll_due``: claims due feeds with a lease, fetches them concurrently, and
  per feed stores the new items *and* the feed's health and next due time in
  one transaction. A fetched item is never lost.
- ``tag_pending``: items not yet tagged -> events (unique per origin, target,
  type) and ``tagged = true``, in one transaction per batch.
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
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from feeds.health import FeedHealth, next_state
from feeds.http import Fetcher, FetchRequest, FetchResult
from feeds.parse import parse_feed
from feeds.trade import detect, read_series
from feeds.types import Item, NewsSource, Observation, TradeSignal, TradeSource
from graphs.corroborate import story_key
from graphs.types import Event, Span
from monitor.config import Runtime
from monitor.store import models as m
from monitor.store.db import transaction
from monitor.store.upsert import insert_ignore, upsert

log = logging.getLogger("monitor.pipeline")

TAG_BATCH = 500


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes; everything in the monitor is UTC."""
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


@dataclass
class PollStats:
    polled: int = 0
    errors: int = 0
    items: int = 0
    not_modified: int = 0
    unchanged: int = 0


@dataclass
class CycleStats:
    polls: PollStats = field(default_factory=PollStats)
    tagged: int = 0
    events: int = 0
    trade_events: int = 0
    alert_changes: list[Any] = field(default_factory=list)
    deliveries: int = 0
    errors: int = 0

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["alert_changes"] = len(self.alert_changes)
        return d


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
        fetcher: Fetcher | None = None,
        clock: Callable[[], datetime] = utcnow,
        instance_id: str = "local",
        rng: random.Random | None = None,
    ):
        self.runtime_provider = runtime_provider
        self.sessions = sessions
        self.fetcher = fetcher or Fetcher()
        self.clock = clock
        self.instance_id = instance_id
        self.rng = rng or random.Random()
        self._synced_version: str | None = None

    @property
    def runtime(self) -> Runtime:
        return self.runtime_provider()

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
                feed.kind = kind
                feed.language = getattr(src, "language", None)
                feed.enabled = src.enabled
                feed.in_config = True
                if feed.interval_s != src.interval:
                    feed.interval_s = src.interval
                    if feed.next_poll is None or as_utc(feed.next_poll) > now + timedelta(seconds=src.interval):
                        feed.next_poll = now
            for name, feed in existing.items():
                if name not in seen and feed.in_config:
                    feed.in_config = False
        self._synced_version = runtime.version

    def _ensure_synced(self) -> None:
        if self._synced_version != self.runtime.version:
            self.sync_feeds()

    def claim_due(self, now: datetime, limit: int = 1000) -> list[_Claim]:
        """Lease the feeds that are due, so no other instance polls them now."""
        lease = timedelta(seconds=self.runtime.settings.schedule.lease)
        claims: list[_Claim] = []
        with transaction(self.sessions) as session:
            due = (
                select(m.Feed)
                .where(
                    m.Feed.in_config.is_(True),
                    m.Feed.enabled.is_(True),
                    m.Feed.disabled_reason.is_(None),
                    or_(m.Feed.next_poll.is_(None), m.Feed.next_poll <= now),
                    or_(m.Feed.lease_until.is_(None), m.Feed.lease_until < now),
                )
                .order_by(m.Feed.next_poll)
                .limit(limit)
            )
            if session.get_bind().dialect.name == "postgresql":
                due = due.with_for_update(skip_locked=True)
            for feed in session.scalars(due).all():
                # Conditional update: only one instance wins the lease.
                won = session.execute(
                    update(m.Feed)
                    .where(
                        m.Feed.id == feed.id,
                        or_(m.Feed.lease_until.is_(None), m.Feed.lease_until < now),
                    )
                    .values(lease_owner=self.instance_id, lease_until=now + lease)
                    .execution_options(synchronize_session=False)
                ).rowcount
                if not won:
                    continue
                claims.append(
                    _Claim(
                        feed_id=feed.id, name=feed.name, kind=feed.kind, url=feed.url,
                        etag=feed.etag, last_modified=feed.last_modified, body_hash=feed.body_hash,
                        health=FeedHealth(
                            last_status=feed.last_status, last_error=feed.last_error,
                            error_count=feed.error_count, parked=feed.parked,
                            disabled_reason=feed.disabled_reason, next_poll=as_utc(feed.next_poll),
                        ),
                        interval=feed.interval_s,
                    )
                )
        return claims

    def poll_due(self, now: datetime | None = None) -> PollStats:
        """Fetch every due feed once and store what came back."""
        self._ensure_synced()
        now = now or self.clock()
        claims = self.claim_due(now)
        stats = PollStats()
        if not claims:
            return stats
        requests = [FetchRequest(c.url, etag=c.etag, last_modified=c.last_modified) for c in claims]
        results = self.fetcher.fetch_many(requests)
        for claim, result in zip(claims, results, strict=True):
            try:
                self._store_poll(claim, result, self.clock(), stats)
            except Exception as exc:  # one broken feed never stops the others
                log.exception("storing poll of feed %r failed: %s", claim.name, exc)
                stats.errors += 1
                self._release(claim, f"internal error: {exc}")
            stats.polled += 1
        return stats

    def _release(self, claim: _Claim, error: str) -> None:
        with transaction(self.sessions) as session:
            feed = session.get(m.Feed, claim.feed_id)
            if feed is not None and feed.lease_owner == self.instance_id:
                feed.lease_owner = feed.lease_until = None
                feed.last_error = error[:2000]

    def _store_poll(self, claim: _Claim, result: FetchResult, now: datetime, stats: PollStats) -> None:
        runtime = self.runtime
        source = next((s for s in runtime.feeds.news if s.name == claim.name), None)
        items: list[Item] = []
        parse_error: str | None = None
        body_hash = claim.body_hash
        if result.ok and not result.not_modified and result.body is not None:
            body_hash = hashlib.sha256(result.body).hexdigest()
            if body_hash == claim.body_hash:
                stats.unchanged += 1
            elif claim.kind == "news":
                parsed = parse_feed(
                    result.body,
                    source=source or NewsSource(claim.name, claim.url),
                    base_url=result.final_url or claim.url,
                )
                items = parsed.items
                if not items and parsed.bozo and not parsed.is_feed:
                    parse_error = f"not a feed: {parsed.bozo_reason}"
        elif result.not_modified:
            stats.not_modified += 1
        health = next_state(
            claim.health, result, now, claim.interval,
            jitter=runtime.settings.schedule.jitter, rng=self.rng, parse_error=parse_error,
        )
        with transaction(self.sessions) as session:
            feed = session.get(m.Feed, claim.feed_id)
            if feed is None:
                return
            if items:
                stats.items += self._insert_items(session, feed, items, now)
            if claim.kind == "trade" and result.ok and result.body is not None and body_hash != claim.body_hash:
                trade_src = next((s for s in runtime.feeds.trade if s.name == claim.name), None)
                if trade_src is not None:
                    self._store_observations(session, feed, trade_src, result.body, now)
            if result.etag is not None or result.ok:
                feed.etag = result.etag if result.ok else feed.etag
            if result.last_modified is not None or result.ok:
                feed.last_modified = result.last_modified if result.ok else feed.last_modified
            if result.ok and parse_error is None:
                feed.body_hash = body_hash
            if result.permanent_redirect:
                feed.url = result.permanent_redirect
            was_parked = feed.parked
            feed.last_poll = now
            feed.polls = (feed.polls or 0) + 1
            feed.last_status = health.last_status
            feed.last_error = health.last_error
            feed.error_count = health.error_count
            feed.parked = health.parked
            feed.disabled_reason = health.disabled_reason
            feed.next_poll = health.next_poll
            feed.lease_owner = feed.lease_until = None
            if health.parked and not was_parked:
                self._notice(session, f"feed-parked:{feed.id}:{now:%Y%m%d%H%M%S}",
                             f"feed {feed.name!r} parked after {health.error_count} consecutive errors: {health.last_error}", now)
            if health.disabled_reason and claim.health.disabled_reason is None:
                self._notice(session, f"feed-disabled:{feed.id}", f"feed {feed.name!r} disabled: {health.disabled_reason}", now)
        if not result.ok:
            stats.errors += 1
            log.warning("feed %r: %s", claim.name, health.last_error)

    def _notice(self, session: Session, key: str, message: str, now: datetime) -> None:
        if insert_ignore(session, m.Notice.__table__, [dict(key=key, message=message, created_at=now)], ["key"]):
            log.warning("%s", message)

    def _insert_items(self, session: Session, feed: m.Feed, items: Sequence[Item], now: datetime) -> int:
        """Insert items new to this feed; a changed text re-queues it for tagging."""
        by_guid = {it.guid: it for it in items}  # the last of duplicate GUIDs wins
        known = dict(
            session.execute(
                select(m.Item.guid, m.Item.content_hash).where(
                    m.Item.feed_id == feed.id, m.Item.guid.in_(list(by_guid))
                )
            ).all()
        )
        rows = []
        for guid, it in by_guid.items():
            if guid in known:
                if known[guid] != it.content_hash and it.content_hash:
                    session.execute(
                        update(m.Item)
                        .where(m.Item.feed_id == feed.id, m.Item.guid == guid)
                        .values(title=it.title, text=it.text, link=it.link, content_hash=it.content_hash, tagged=False)
                    )
                continue
            rows.append(
                dict(
                    feed_id=feed.id, guid=guid, link=it.link, title=it.title, text=it.text,
                    language=it.language, published=it.published, fetched_at=now,
                    content_hash=it.content_hash, tagged=False,
                )
            )
        return insert_ignore(session, m.Item.__table__, rows, ["feed_id", "guid"])

    # ------------------------------------------------------------------ trade

    def _store_observations(self, session: Session, feed: m.Feed, src: TradeSource, body: bytes, now: datetime) -> None:
        series = read_series(body, src)
        for problem in series.problems:
            log.warning("trade feed %r: %s", src.name, problem)
        upsert(
            session,
            m.TradeObservation.__table__,
            [dict(feed_id=feed.id, period=o.period, value=o.value, fetched_at=now) for o in series.observations],
            ["feed_id", "period"],
            ["value", "fetched_at"],
        )

    def process_trade(self, now: datetime | None = None) -> int:
        """Run drop detection on every trade series; store new signals as events."""
        now = now or self.clock()
        runtime = self.runtime
        created = 0
        with transaction(self.sessions) as session:
            feeds = {f.name: f for f in session.scalars(select(m.Feed).where(m.Feed.kind == "trade"))}
            for src in runtime.feeds.trade:
                feed = feeds.get(src.name)
                if feed is None:
                    continue
                rows = session.execute(
                    select(m.TradeObservation.period, m.TradeObservation.value).where(
                        m.TradeObservation.feed_id == feed.id
                    )
                ).all()
                observations = sorted((Observation(p, v) for p, v in rows), key=lambda o: o.period)
                signals = detect(observations, src)
                created += self._store_signals(session, feed, signals, now)
        return created

    def _store_signals(self, session: Session, feed: m.Feed, signals: Sequence[TradeSignal], now: datetime) -> int:
        rows = []
        for sig in signals:
            change = f"{sig.change:+.0%}"
            text = (
                f"{sig.source}: {sig.value:,.0f} in {sig.period} against a baseline of "
                f"{sig.baseline:,.0f} ({change})"
            )
            rows.append(
                dict(
                    origin=f"trade:{feed.id}:{sig.period}:{sig.kind}",
                    item_id=None, source=feed.name, target=sig.target, type="trade_drop",
                    confidence=1.0, recovery=sig.kind == "recovered", method="trade",
                    evidence=[
                        dict(field="trade", start=0, end=len(text), text=text, role="trade", ref=sig.target,
                             value=sig.value, baseline=sig.baseline, change=sig.change, period=sig.period)
                    ],
                    story=f"trade:{feed.id}:{sig.period}", created_at=now, processed=False,
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
                    return created
                events = []
                for item_id, title, text, language, source in rows:
                    story = story_key(title or "", text or "")
                    for ev in tagger.tag(title or "", text or "", language):
                        events.append(event_row(ev, origin=f"item:{item_id}", item_id=item_id,
                                                source=source, story=story, now=now))
                created += insert_ignore(session, m.Event.__table__, events, ["origin", "target", "type"])
                ids = [r[0] for r in rows]
                session.execute(update(m.Item).where(m.Item.id.in_(ids)).values(tagged=True))
                last_id = ids[-1]

    # ------------------------------------------------------------------ alerts

    def alert_pending(self, now: datetime | None = None) -> list[Any]:
        from monitor.alerts.engine import process_pending_events

        now = now or self.clock()
        with transaction(self.sessions) as session:
            return process_pending_events(session, self.runtime, now)

    def expire(self, now: datetime | None = None) -> list[Any]:
        from monitor.alerts.engine import expire_alerts

        now = now or self.clock()
        with transaction(self.sessions) as session:
            return expire_alerts(session, self.runtime, now)

    def flush_outbox(self, now: datetime | None = None, **kwargs: Any) -> Any:
        from monitor.notify.outbox import flush

        return flush(self.sessions, self.runtime, now or self.clock(), instance_id=self.instance_id, **kwargs)

    # ------------------------------------------------------------------ cycle

    def run_cycle(self, now: datetime | None = None, *, deliver: bool = True) -> CycleStats:
        """One pass of everything that is due, recorded as a ``cycles`` row."""
        started = now or self.clock()
        stats = CycleStats()
        with transaction(self.sessions) as session:
            cycle = m.Cycle(instance=self.instance_id, started_at=started)
            session.add(cycle)
            session.flush()
            cycle_id = cycle.id
        steps: list[tuple[str, Callable[[], Any]]] = [
            ("poll", lambda: setattr(stats, "polls", self.poll_due())),
            ("tag", lambda: setattr(stats, "events", self.tag_pending())),
            ("trade", lambda: setattr(stats, "trade_events", self.process_trade())),
            ("alert", lambda: stats.alert_changes.extend(self.alert_pending())),
            ("expire", lambda: stats.alert_changes.extend(self.expire())),
        ]
        if deliver:
            steps.append(("deliver", lambda: setattr(stats, "deliveries", getattr(self.flush_outbox(), "sent", 0))))
        for name, step in steps:
            try:
                step()
            except Exception:  # a failing step is logged; the next cycle retries it
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


def event_row(ev: Event, *, origin: str, item_id: int | None, source: str, story: str, now: datetime) -> dict[str, Any]:
    """The ``events`` table row for a tagging :class:`Event`."""
    return dict(
        origin=origin, item_id=item_id, source=source, target=ev.target, type=ev.type,
        confidence=round(ev.confidence, 4), recovery=ev.recovery, method=ev.method,
        evidence=[span_dict(s) for s in ev.evidence], story=story, created_at=now, processed=False,
    )


def span_dict(span: Span) -> dict[str, Any]:
    return dict(field=span.field, start=span.start, end=span.end, text=span.text, role=span.role, ref=span.ref)


