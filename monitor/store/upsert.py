"""Dialect-aware ``INSERT ... ON CONFLICT`` for SQLite and PostgreSQL.

Idempotency is enforced by unique keys; these helpers make "insert unless it
is already there" and "insert or replace a value" one statement on both
databases, so a retry after a crash, or two instances, cannot duplicate rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def _insert(session: Session, table: Table):
    name = session.get_bind().dialect.name
    if name == "postgresql":
        return postgresql.insert(table)
    if name == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(f"unsupported database dialect {name!r}")


def insert_ignore(
    session: Session, table: Table, rows: Sequence[dict[str, Any]], conflict: Sequence[str]
) -> int:
    """Insert ``rows``, skipping those whose ``conflict`` columns already exist.

    Returns the number of rows actually inserted.
    """
    if not rows:
        return 0
    stmt = _insert(session, table).on_conflict_do_nothing(index_elements=list(conflict))
    if session.get_bind().dialect.name == "postgresql":
        # psycopg reports no rowcount for an executemany; RETURNING says what went in
        stmt = stmt.returning(*table.primary_key.columns)
        return len(session.execute(stmt, list(rows)).all())
    result = session.execute(stmt, list(rows))
    return max(result.rowcount or 0, 0)


def upsert(
    session: Session,
    table: Table,
    rows: Sequence[dict[str, Any]],
    conflict: Sequence[str],
    update: Sequence[str],
) -> None:
    """Insert ``rows``; where ``conflict`` columns exist, overwrite ``update`` columns."""
    if not rows:
        return
    stmt = _insert(session, table)
    stmt = stmt.on_conflict_do_update(
        index_elements=list(conflict), set_={c: getattr(stmt.excluded, c) for c in update}
    )
    session.execute(stmt, list(rows))
