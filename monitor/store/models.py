"""SQLAlchemy 2.x typed models: the one schema for SQLite and PostgreSQL.

Idempotency lives here: unique keys on item identity per feed, on an alert's
fingerprint and on a delivery's (alert, recipient, channel, notice), so a crash
and restart, or two instances, never duplicate an alert or an email.

Schema changes go through Alembic (``monitor/store/migrations``); a test
checks the migrations produce exactly these tables.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    # Every model here maps one declared Table (no joins or selects), so say so:
    # the store's helpers take a Table, which DeclarativeBase types as FromClause.
    __table__: ClassVar[Table]


class UTCDateTime(TypeDecorator[datetime]):
    """A moment in UTC: always written and read back as an aware UTC ``datetime``.

    SQLite keeps no time zone and hands back naive values; PostgreSQL hands
    back the session's zone. Both come back in UTC here, so no caller has to
    fix them up. A naive value given to the database is taken as UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Feed(Base):
    """A news or trade source with its health and schedule (as in Miniflux)."""

    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(10), default="news")  # news | trade
    url: Mapped[str] = mapped_column(Text)  # current URL (301/308 update it)
    config_url: Mapped[str | None] = mapped_column(Text)  # as written in feeds.yaml
    language: Mapped[str | None] = mapped_column(String(16))
    interval_s: Mapped[float] = mapped_column(Float, default=900.0)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    in_config: Mapped[bool] = mapped_column(Boolean, default=True)
    # HTTP cache validators and the last body's hash (skip re-parsing)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    body_hash: Mapped[str | None] = mapped_column(String(64))
    # health
    last_poll: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_status: Mapped[str | None] = mapped_column(String(40))
    last_error: Mapped[str | None] = mapped_column(Text)
    error_count: Mapped[int] = mapped_column(Integer, default=0)
    parked: Mapped[bool] = mapped_column(Boolean, default=False)
    disabled_reason: Mapped[str | None] = mapped_column(Text)
    # entries of the last parsed body that could not be read (skipped; the others were stored)
    skipped_entries: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # schedule and lease (several instances split the work)
    next_poll: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    lease_owner: Mapped[str | None] = mapped_column(String(120))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # a fresh random token per claim: a poll whose lease was taken over (it ran
    # past its lease) is fenced out and cannot overwrite the new holder's state
    lease_token: Mapped[str | None] = mapped_column(String(32))
    polls: Mapped[int] = mapped_column(Integer, default=0)


class Item(Base):
    """A fetched news entry; stored in the same transaction that records the poll."""

    __tablename__ = "items"
    __table_args__ = (
        UniqueConstraint("feed_id", "guid", name="uq_items_feed_guid"),
        Index("ix_items_tagged", "tagged"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    feed_id: Mapped[int] = mapped_column(ForeignKey("feeds.id", ondelete="CASCADE"))
    guid: Mapped[str] = mapped_column(String(512))
    link: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str | None] = mapped_column(String(16))
    published: Mapped[datetime | None] = mapped_column(UTCDateTime)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    tagged: Mapped[bool] = mapped_column(Boolean, default=False)


class TradeObservation(Base):
    """One point of a trade series; a revision replaces the earlier value."""

    __tablename__ = "trade_observations"
    __table_args__ = (UniqueConstraint("feed_id", "period", name="uq_trade_obs_feed_period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    feed_id: Mapped[int] = mapped_column(ForeignKey("feeds.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(40))
    value: Mapped[float] = mapped_column(Float)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Event(Base):
    """A tagged item (or trade signal) tied to a target and a disruption type."""

    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("origin", "target", "type", name="uq_events_origin_target_type"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # "item:<id>" or "trade:<feed id>:<period>:<kind>": one event per origin/target/type
    origin: Mapped[str] = mapped_column(String(200))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id", ondelete="SET NULL"))
    source: Mapped[str] = mapped_column(String(200))  # feed name
    target: Mapped[str] = mapped_column(String(400), index=True)
    type: Mapped[str] = mapped_column(String(40))
    confidence: Mapped[float] = mapped_column(Float)
    recovery: Mapped[bool] = mapped_column(Boolean, default=False)
    method: Mapped[str] = mapped_column(String(20), default="mention")
    evidence: Mapped[Any] = mapped_column(JSON, default=list)
    story: Mapped[str] = mapped_column(String(64), default="")  # syndication key
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    alert_id: Mapped[int | None] = mapped_column(ForeignKey("alerts.id", ondelete="SET NULL"), index=True)
    processed: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    # why a processed event joined no alert: "old-news" (published before alerts.max_age),
    # "rejected" (an analyst's verdict on its story at this target)
    skipped: Mapped[str | None] = mapped_column(String(20))
    incident: Mapped[int | None] = mapped_column(Integer)  # the alert's incident (episode) it joined


class Alert(Base):
    """A stateful record keyed by fingerprint (the target): one alert per incident.

    ``type`` is the incident's primary type (the cause), ``types`` all its types,
    primary first; ``published_at`` is the publication time of its latest evidence."""

    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    target: Mapped[str] = mapped_column(String(400), index=True)
    type: Mapped[str] = mapped_column(String(40))
    types: Mapped[Any] = mapped_column(JSON, default=list, nullable=True)  # NULL on rows from before 0004
    state: Mapped[str] = mapped_column(String(20), index=True)  # firing|acknowledged|silenced|resolved
    severity: Mapped[str] = mapped_column(String(10))
    confidence: Mapped[float] = mapped_column(Float)
    score: Mapped[float] = mapped_column(Float, default=0.0)
    title: Mapped[str] = mapped_column(Text, default="")
    sources: Mapped[Any] = mapped_column(JSON, default=list)
    impact: Mapped[Any] = mapped_column(JSON, default=dict)
    evidence: Mapped[Any] = mapped_column(JSON, default=list)  # latest evidence first, capped
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    incident: Mapped[int] = mapped_column(Integer, default=1, server_default="1")  # 2, 3.. after re-opening
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_reason: Mapped[str | None] = mapped_column(Text)
    acknowledged_by: Mapped[str | None] = mapped_column(String(200))
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ack_comment: Mapped[str | None] = mapped_column(Text)
    revision: Mapped[int] = mapped_column(Integer, default=1)  # bumps on every change
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Verdict(Base):
    """An analyst's rejection of an alert, kept per (target, story): a later
    syndicated copy of the story at that target raises nothing."""

    __tablename__ = "verdicts"
    __table_args__ = (UniqueConstraint("target", "story", name="uq_verdicts_target_story"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    target: Mapped[str] = mapped_column(String(400))
    story: Mapped[str] = mapped_column(String(64))
    alert_id: Mapped[int | None] = mapped_column(ForeignKey("alerts.id", ondelete="SET NULL"), index=True)
    reason: Mapped[str] = mapped_column(String(40))  # not-a-disruption|wrong-target|wrong-type|duplicate|old-news
    comment: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Silence(Base):
    __tablename__ = "silences"

    id: Mapped[int] = mapped_column(primary_key=True)
    matchers: Mapped[Any] = mapped_column(JSON)  # {"node"|"type"|"ecosystem"|"kind"|"alert": value}
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    author: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Delivery(Base):
    """One alert notice to one recipient on one channel: the outbox.

    ``notice`` distinguishes the first notice, repeats and the resolved notice
    (``firing``, ``repeat:N``, ``resolved``); the unique key makes each one
    exist, and so be sent, once.
    """

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint(
            "alert_id", "recipient", "channel", "notice", name="uq_deliveries_identity"
        ),
        Index("ix_deliveries_due", "status", "next_attempt"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id", ondelete="CASCADE"))
    subscription: Mapped[str] = mapped_column(String(200))
    recipient: Mapped[str] = mapped_column(String(400))
    channel: Mapped[str] = mapped_column(String(20))  # email | webhook
    notice: Mapped[str] = mapped_column(String(40))
    digest: Mapped[str] = mapped_column(String(40), default="immediate")
    severity: Mapped[str] = mapped_column(String(10))  # for this subscriber's nodes
    payload: Mapped[Any] = mapped_column(JSON, default=dict)  # snapshot rendered at send time
    status: Mapped[str] = mapped_column(String(20), default="pending")  # pending|sending|sent|failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    next_attempt: Mapped[datetime] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    message_id: Mapped[str | None] = mapped_column(String(300))
    lease_owner: Mapped[str | None] = mapped_column(String(120))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Instance(Base):
    """A running monitor process (heartbeat), for ``monitor status``."""

    __tablename__ = "instances"

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    host: Mapped[str] = mapped_column(String(200))
    pid: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    heartbeat_at: Mapped[datetime] = mapped_column(UTCDateTime)
    stopped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Cycle(Base):
    """One pass of the pipeline, for ``monitor status`` and metrics."""

    __tablename__ = "cycles"

    id: Mapped[int] = mapped_column(primary_key=True)
    instance: Mapped[str] = mapped_column(String(120))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    polls: Mapped[int] = mapped_column(Integer, default=0)
    items: Mapped[int] = mapped_column(Integer, default=0)
    events: Mapped[int] = mapped_column(Integer, default=0)
    alerts: Mapped[int] = mapped_column(Integer, default=0)
    deliveries: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)


class Notice(Base):
    """Operator notices raised once (a feed parked, a reload failed)."""

    __tablename__ = "notices"
    __table_args__ = (UniqueConstraint("key", name="uq_notices_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300))
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Mention(Base):
    """One item naming one graph node: the counts behind breaking-news bursts
    (:mod:`monitor.burst_stage`, :mod:`graphs.burst`).

    ``source`` is the publisher (the host of the item's link, else its feed), so the
    same story in two feeds of one publisher counts once (unique per node, source and
    story key). ``at`` is when the item was published (when it was first seen, if the
    feed gives no date; never later than that). Rows older than the burst baseline are
    pruned as new ones come in, so the table holds about eight days."""

    __tablename__ = "mentions"
    __table_args__ = (
        # (its index, led by node_id, also serves the reads of one node's mentions)
        UniqueConstraint("node_id", "source", "story", name="uq_mentions_node_source_story"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    node_id: Mapped[str] = mapped_column(String(200))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id", ondelete="SET NULL"))
    source: Mapped[str] = mapped_column(String(200))
    story: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class MentionCoverage(Base):
    """Since when mentions are counted (one row, ``id`` 1): a burst needs a whole baseline
    behind it, so none is reported before ``since`` + the baseline span (an upgraded or new
    database, whose first poll brings only a feed's last few items, has no usual rate yet)."""

    __tablename__ = "mention_coverage"

    id: Mapped[int] = mapped_column(primary_key=True)
    since: Mapped[datetime] = mapped_column(UTCDateTime)
