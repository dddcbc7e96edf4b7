"""insert_ignore / upsert: idempotent writes that report what they inserted,
on SQLite and on PostgreSQL (psycopg reports no rowcount for executemany)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from monitor.store import models as m
from monitor.store.db import make_engine, make_sessionmaker, transaction
from monitor.store.schema import ensure_schema
from monitor.store.upsert import insert_ignore, upsert

NOW = datetime(2026, 11, 1, tzinfo=UTC)


def _rows(*guids):
    return [dict(feed_id=1, guid=g, title=g, text="", fetched_at=NOW, content_hash="", tagged=False) for g in guids]


@pytest.fixture(params=["sqlite", "postgresql"])
def sessions(request, tmp_path):
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'u.db'}")
    else:
        engine = make_engine(request.getfixturevalue("fresh_postgres"))  # a throw-away database
    ensure_schema(engine)
    factory = make_sessionmaker(engine)
    with transaction(factory) as s:
        s.add(m.Feed(id=1, name="F", url="http://x/"))
    yield factory
    engine.dispose()


def test_insert_ignore_counts_only_new_rows(sessions):
    with transaction(sessions) as s:
        assert insert_ignore(s, m.Item.__table__, _rows("a"), ["feed_id", "guid"]) == 1
    with transaction(sessions) as s:
        assert insert_ignore(s, m.Item.__table__, _rows("a", "b", "c"), ["feed_id", "guid"]) == 2
        assert insert_ignore(s, m.Item.__table__, _rows("a", "b", "c"), ["feed_id", "guid"]) == 0
        assert s.scalar(select(func.count()).select_from(m.Item)) == 3


def test_upsert_replaces_revised_values(sessions):
    obs = lambda v: [dict(feed_id=1, period="2026-01", value=v, fetched_at=NOW)]  # noqa: E731
    with transaction(sessions) as s:
        upsert(s, m.TradeObservation.__table__, obs(10.0), ["feed_id", "period"], ["value"])
        upsert(s, m.TradeObservation.__table__, obs(7.5), ["feed_id", "period"], ["value"])
        assert s.scalars(select(m.TradeObservation.value)).all() == [7.5]
