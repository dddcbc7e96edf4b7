"""Database connection: URL resolution, engine set-up, sessions.

SQLite (the embedded default) runs in WAL mode with a busy timeout so CLI
commands can read while the daemon writes. PostgreSQL URLs given as plain
``postgresql://`` use psycopg 3.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

DATABASE_ENV = "MONITOR_DATABASE_URL"
DEFAULT_DATABASE = "sqlite:///monitor.db"


class DatabaseError(Exception):
    """The database cannot be reached or used; the message says why."""


def resolve_url(configured: str | None) -> str:
    """``$MONITOR_DATABASE_URL`` wins over ``monitor.yaml``; then the default."""
    url = os.environ.get(DATABASE_ENV) or configured or DEFAULT_DATABASE
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def is_sqlite(engine_or_url: Engine | str) -> bool:
    url = engine_or_url.url if isinstance(engine_or_url, Engine) else make_url(engine_or_url)
    return url.get_backend_name() == "sqlite"


def make_engine(url: str, *, busy_timeout_s: float = 30.0) -> Engine:
    """An engine with the pragmas the monitor relies on (WAL, FKs, busy timeout)."""
    try:
        parsed = make_url(url)
    except Exception as exc:  # sqlalchemy.exc.ArgumentError
        raise DatabaseError(f"invalid database URL {url!r}: {exc}") from None
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(
            parsed,
            connect_args={"timeout": busy_timeout_s, "check_same_thread": False},
        )

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):  # pragma: no cover - exercised via every test
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_s * 1000)}")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")  # psycopg 3, not psycopg2
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except Exception as exc:  # unknown dialect, missing driver (psycopg not installed)
        raise DatabaseError(f"cannot use database URL {parsed.render_as_string()!r}: {exc}") from None


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session whose work commits on success and rolls back on error."""
    with factory() as session, session.begin():
        yield session
