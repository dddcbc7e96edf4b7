"""The ``items`` table: news entries by feed and GUID, stored with a poll and tagged once.

An item is identified by ``(feed_id, guid)``; inserting one already there
does nothing, so a retried poll or a second instance never duplicates it.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from feeds.types import Item
from monitor.store import models as m
from monitor.store.upsert import insert_ignore_rows

__all__ = ["UntaggedItem", "content_hashes", "ids_by_guid", "insert_new", "mark_tagged", "requeue_changed",
           "untagged"]

#: an item row as :func:`insert_new` stores it
_ITEM_COLUMNS = ("feed_id", "guid", "link", "title", "text", "language", "published", "fetched_at", "content_hash",
                 "tagged")


class UntaggedItem(NamedTuple):
    """A stored item waiting for the tagger, with its feed's name (and what a burst mention
    needs of it: link, publication and first sighting, so it is not read a second time)."""

    id: int
    title: str | None
    text: str | None
    language: str | None
    source: str
    link: str | None
    published: datetime | None
    fetched_at: datetime


@functools.cache
def _by_guid_stmt(column: str) -> Any:
    """``SELECT guid, <column>`` of a feed's items among ``guids`` (an expanding IN), built once per column."""
    t = m.Item.__table__
    return select(t.c.guid, t.c[column]).where(
        t.c.feed_id == bindparam("feed_id"), t.c.guid.in_(bindparam("guids", expanding=True))
    )


def content_hashes(session: Session, feed_id: int, guids: Sequence[str]) -> dict[str, str]:
    """The content hash of each of ``guids`` this feed already stored."""
    stmt = _by_guid_stmt("content_hash")
    return dict(session.connection().execute(stmt, {"feed_id": feed_id, "guids": list(guids)}).all())


def ids_by_guid(session: Session, feed_id: int, guids: Sequence[str]) -> dict[str, int]:
    """The row id of each of ``guids`` this feed stored (by this transaction or another)."""
    stmt = _by_guid_stmt("id")
    return dict(session.connection().execute(stmt, {"feed_id": feed_id, "guids": list(guids)}).all())


def requeue_changed(session: Session, feed_id: int, item: Item) -> None:
    """Store the new text of a known item and queue it for tagging again."""
    session.execute(
        update(m.Item)
        .where(m.Item.feed_id == feed_id, m.Item.guid == item.guid)
        .values(title=item.title, text=item.text, link=item.link, content_hash=item.content_hash, tagged=False)
    )


def insert_new(session: Session, feed_id: int, items: Sequence[tuple[Item, bool]], now: datetime) -> int:
    """Insert ``(item, tagged)`` pairs fetched ``now``, skipping GUIDs the feed has; how many went in.

    One ``INSERT ... ON CONFLICT DO NOTHING`` executemany (on SQLite straight
    to the driver, :func:`monitor.store.upsert.insert_ignore_rows`)."""
    rows = [(feed_id, it.guid, it.link, it.title, it.text, it.language, it.published, now, it.content_hash, tagged)
            for it, tagged in items]
    return insert_ignore_rows(session, m.Item.__table__, _ITEM_COLUMNS, rows, ["feed_id", "guid"])


def untagged(session: Session, after_id: int, limit: int) -> list[UntaggedItem]:
    """Up to ``limit`` items not tagged yet with an id above ``after_id``, in id order."""
    rows = session.execute(
        select(m.Item.id, m.Item.title, m.Item.text, m.Item.language, m.Feed.name, m.Item.link, m.Item.published,
               m.Item.fetched_at)
        .join(m.Feed, m.Feed.id == m.Item.feed_id)
        .where(m.Item.tagged.is_(False), m.Item.id > after_id)
        .order_by(m.Item.id)
        .limit(limit)
    ).all()
    return [UntaggedItem(*row) for row in rows]


def mark_tagged(session: Session, ids: Sequence[int]) -> None:
    session.execute(update(m.Item).where(m.Item.id.in_(list(ids))).values(tagged=True))
