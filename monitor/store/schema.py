"""Schema migrations (Alembic), run programmatically from the installed package.

``ensure_schema(engine)`` upgrades the database to the newest revision and is
safe when several processes start at once: on PostgreSQL the upgrade runs under
a session-level ``pg_advisory_lock``; on SQLite under an exclusive ``flock`` on
a lock file next to the database file. The first process migrates, the others
wait, then find the schema at head and do nothing.

No ``alembic.ini`` is needed: :func:`alembic_config` points Alembic at
``monitor/store/migrations`` inside the package.
"""

from __future__ import annotations

import fcntl
import logging
import os
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from monitor.store.db import DatabaseError, is_sqlite

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

#: Key of the PostgreSQL advisory lock held while migrating (stable across versions).
ADVISORY_LOCK_KEY = zlib.crc32(b"eu-supply-monitor:schema-migrations")


class SchemaError(DatabaseError):
    """The schema cannot be brought to the expected revision."""


def alembic_config(url: str | None = None, connection: Connection | None = None) -> Config:
    """An Alembic ``Config`` for the packaged migrations (no ini file)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        # ConfigParser interpolation: a literal % in a password must be doubled.
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    """The newest revision shipped with this version of the package."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships 0001
        raise SchemaError("no migrations found in the package (broken install?)")
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or ``None`` for an empty database."""
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    except Exception as exc:  # connection errors, permissions
        raise DatabaseError(f"cannot read the schema revision of {engine.url!r}: {exc}") from exc


def _sqlite_path(engine: Engine) -> Path | None:
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


@contextmanager
def _sqlite_lock(engine: Engine) -> Iterator[None]:
    """Exclusive lock on ``<db>.migrate.lock`` (released by the OS if we die)."""
    path = _sqlite_path(engine)
    if path is None:
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = path.with_name(path.name + ".migrate.lock")
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)  # owner-only, whatever the umask
    with open(fd, "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _upgrade(conn: Connection, head: str) -> str | None:
    """Upgrade through ``conn`` (not in a transaction); return the revision before."""
    before = MigrationContext.configure(conn).get_current_revision()
    conn.commit()
    if before == head:
        return before
    log.info("migrating database schema", extra={"from_revision": before, "to_revision": head})
    with conn.begin():
        command.upgrade(alembic_config(connection=conn), "head")
    return before


def upgrade_schema(engine: Engine) -> tuple[str | None, str]:
    """Upgrade to head under the migration lock; return (revision before, after).

    "Before" is read while holding the lock, so of several processes started
    at once exactly one sees the old revision; the others see head.
    """
    head = head_revision()
    try:
        if is_sqlite(engine):
            with _sqlite_lock(engine), engine.connect() as conn:
                before = _upgrade(conn, head)
        else:
            with engine.connect() as conn:
                conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": ADVISORY_LOCK_KEY})
                conn.commit()
                try:
                    before = _upgrade(conn, head)
                finally:
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_LOCK_KEY})
                    conn.commit()
    except DatabaseError:
        raise
    except Exception as exc:
        raise SchemaError(f"cannot migrate {engine.url!r} to revision {head}: {exc}") from exc
    now = current_revision(engine)
    if now != head:
        raise SchemaError(f"database {engine.url!r} is at revision {now}, expected {head} (newer than this monitor?)")
    return before, now


def ensure_schema(engine: Engine) -> str:
    """Upgrade the database to head (idempotent, concurrent-safe); return the revision."""
    return upgrade_schema(engine)[1]
