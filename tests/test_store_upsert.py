"""insert_ignore / upsert: idempotent writes that report what they inserted,
on SQLite and on PostgreSQL (psycopg reports no rowcount for executemany)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select, text

from monitor.store import models as m
from monitor.store.db import make_engine, make_sessionmaker, transaction
from monitor.store.schema import ensure_schema
from monitor.store.upsert import insert_ignore, insert_ignore_rows, upsert

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


_COLUMNS = ("feed_id", "guid", "link", "title", "text", "language", "published", "fetched_at", "content_hash", "tagged")


def _item(guid: str, published: datetime | None, tagged: bool) -> tuple:
    return (1, guid, f"https://x/{guid}", f"Title {guid}", "Körper\n'; DROP TABLE items; --", "de", published,
            NOW, "h" * 64, tagged)


def test_insert_ignore_rows_stores_exactly_what_insert_ignore_stores(sessions):
    """The tuple path (the driver's executemany on SQLite) writes the same column values,
    datetimes and booleans included, as SQLAlchemy's own parameter handling does."""
    published = datetime(2026, 10, 31, 23, 59, 58, 123456, tzinfo=UTC)
    rows = [_item("a", published, True), _item("b", None, False), _item("c", datetime(999, 1, 2, tzinfo=UTC), True)]
    with transaction(sessions) as s:
        assert insert_ignore_rows(s, m.Item.__table__, _COLUMNS, rows, ["feed_id", "guid"]) == 3
        assert insert_ignore(s, m.Item.__table__, [dict(zip(_COLUMNS, r), guid="dict-" + r[1]) for r in rows],
                             ["feed_id", "guid"]) == 3
    raw = "SELECT link, title, text, language, CAST(published AS TEXT), CAST(fetched_at AS TEXT), " \
          "content_hash, CAST(tagged AS TEXT) FROM items WHERE guid = :g"
    with sessions() as s:
        for guid in "abc":
            tuple_row = s.execute(text(raw), {"g": guid}).one()
            dict_row = s.execute(text(raw), {"g": "dict-" + guid}).one()
            assert tuple_row == dict_row
        item = s.scalars(select(m.Item).where(m.Item.guid == "a")).one()
        assert item.published.replace(tzinfo=UTC) == published and item.tagged is True
        assert s.scalars(select(m.Item.tagged).where(m.Item.guid == "b")).one() is False


def test_insert_ignore_rows_counts_only_new_rows(sessions):
    rows = lambda *g: [_item(x, None, False) for x in g]  # noqa: E731
    with transaction(sessions) as s:
        assert insert_ignore_rows(s, m.Item.__table__, _COLUMNS, rows("a"), ["feed_id", "guid"]) == 1
    with transaction(sessions) as s:
        assert insert_ignore_rows(s, m.Item.__table__, _COLUMNS, rows("a", "b", "c"), ["feed_id", "guid"]) == 2
        assert insert_ignore_rows(s, m.Item.__table__, _COLUMNS, rows("a", "b"), ["feed_id", "guid"]) == 0
        assert insert_ignore_rows(s, m.Item.__table__, _COLUMNS, [], ["feed_id", "guid"]) == 0
        assert s.scalar(select(func.count()).select_from(m.Item)) == 3


def _event(origin: str, **extra) -> dict:
    row = dict(origin=origin, item_id=None, source="F", target="port-x", type="strike", confidence=0.75,
               created_at=NOW)
    return {**row, **extra}


def test_insert_ignore_on_sqlite_stores_what_sqlalchemy_stores_json_and_defaults_included(sessions):
    """Dict rows take the driver path on SQLite; JSON, booleans and datetimes come out as
    SQLAlchemy writes them, and a row that leaves columns to their Python-side defaults
    (method, evidence, story, processed) still gets those defaults."""
    from monitor.store.upsert import _insert_ignore_sqlalchemy

    full = dict(recovery=True, method="pair", evidence=[{"field": "title", "text": "Grève à Anvers"}],
                story="s1", processed=False)
    with transaction(sessions) as s:
        assert insert_ignore(s, m.Event.__table__, [_event("item:1", **full)], ["origin", "target", "type"]) == 1
        assert insert_ignore(s, m.Event.__table__, [_event("item:2")], ["origin", "target", "type"]) == 1
        if s.get_bind().dialect.name == "sqlite":
            for row in (_event("ref:1", **full), _event("ref:2")):
                assert _insert_ignore_sqlalchemy(s, m.Event.__table__, [row], ["origin", "target", "type"]) == 1
        assert insert_ignore(s, m.Event.__table__, [_event("item:1", **full)], ["origin", "target", "type"]) == 0
    raw = "SELECT source, confidence, CAST(recovery AS TEXT), method, CAST(evidence AS TEXT), story, " \
          "CAST(created_at AS TEXT), CAST(processed AS TEXT) FROM events WHERE origin = :o"
    with sessions() as s:
        defaulted = s.scalars(select(m.Event).where(m.Event.origin == "item:2")).one()
        assert (defaulted.method, defaulted.evidence, defaulted.story, defaulted.processed) == ("mention", [], "", False)
        stored = s.scalars(select(m.Event).where(m.Event.origin == "item:1")).one()
        assert stored.evidence == full["evidence"] and stored.recovery is True
        if s.get_bind().dialect.name == "sqlite":
            for ours, theirs in (("item:1", "ref:1"), ("item:2", "ref:2")):
                assert s.execute(text(raw), {"o": ours}).one() == s.execute(text(raw), {"o": theirs}).one()
