"""Database connection: URL resolution, engine set-up, sessions.

SQLite (the embedded default) runs in WAL mode with a busy timeout so CLI
commands can read while the daemon writes. PostgreSQL URLs given as plain
``postgresql://`` use psycopg 3.

A malformed URL is a :class:`DatabaseURLError` whose one-line message names
where it came from (``$MONITOR_DATABASE_URL`` or monitor.yaml's ``database:``)
and shows it with its password masked, never the URL as given. A SQLite
database file is created owner-only (0600; SQLite gives its ``-wal`` and
``-shm`` files the database's mode), and an existing one open to group or
others is tightened to 0600 with a warning: it holds webhook URLs with tokens.
"""

from __future__ import annotations

import logging
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import CursorResult, Result, make_url
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)


def utcnow() -> datetime:
    """The time now, as aware UTC: the one clock every service, store and command reads when
    none is injected."""
    return datetime.now(UTC)


DATABASE_ENV = "MONITOR_DATABASE_URL"
DEFAULT_DATABASE = "sqlite:///monitor.db"


class DatabaseError(Exception):
    """The database cannot be reached or used; the message says why."""


class DatabaseURLError(DatabaseError):
    """The database URL is malformed (bad input, not an unreachable database)."""


class DatabaseReadOnly(DatabaseError):
    """The database cannot be written (a read-only file, file system or database)."""


#: what SQLite and PostgreSQL say when a write is refused for good (not a lock, not an outage)
_UNWRITABLE = ("readonly database", "read-only", "disk i/o error", "read only")


def is_unwritable(exc: BaseException) -> bool:
    """True if ``exc`` (or what caused it) says the database cannot be written."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, DatabaseReadOnly):
            return True
        if any(marker in str(seen).lower() for marker in _UNWRITABLE) and (
            type(seen).__name__ in ("OperationalError", "ReadOnlySqlTransaction", "DatabaseError")
        ):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def is_unreachable(exc: BaseException) -> bool:
    """True if ``exc`` says a database server did not answer (worth waiting for)."""
    from sqlalchemy.exc import InterfaceError, OperationalError

    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, (OperationalError, InterfaceError)) and not is_unwritable(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def sqlite_unwritable(database: str | None) -> str | None:
    """Why the SQLite file ``database`` (or its ``-wal``/``-shm``) cannot be written, else ``None``.

    Checked before every transaction: SQLite maps ``-shm`` into memory, and a
    write to it once the file turned read-only (reads write to it too, and so
    does closing a connection) kills the process with SIGBUS before any error
    could be reported. A process that finds its database read-only must
    therefore leave with ``os._exit`` without closing its connections.
    """
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    for path in (database, database + "-wal", database + "-shm"):
        if os.path.exists(path) and not os.access(path, os.W_OK):
            return f"{path} is read-only"
    directory = os.path.dirname(os.path.abspath(database))
    if os.path.isdir(directory) and not os.access(directory, os.W_OK):
        return f"its directory {directory} is read-only"
    return None


def resolve_url(configured: str | None) -> str:
    """``$MONITOR_DATABASE_URL`` wins over ``monitor.yaml``; then the default.

    Raises :class:`DatabaseURLError` for a URL that does not parse, with a
    port that is not 1-65535, or whose host part holds an ``@`` (a password
    with an unescaped ``@``, whose tail would otherwise be shown as the host).
    """
    env = os.environ.get(DATABASE_ENV)
    if env:
        url, source = env, f"${DATABASE_ENV}"
    elif configured:
        url, source = configured, "monitor.yaml's database"
    else:
        url, source = DEFAULT_DATABASE, "the default database URL"
    try:
        parsed = make_url(url)
        problem = None
        if parsed.port is not None and not 0 < parsed.port < 65536:
            problem = f"port {parsed.port} is out of range"
        elif parsed.host and "@" in parsed.host:
            problem = "the host part contains '@' (write an '@' in the password as %40)"
    except Exception as exc:  # ArgumentError, ValueError from a non-numeric port, ...
        problem = _url_problem(exc)
    if problem is not None:
        raise DatabaseURLError(f"{source} is not a valid database URL: {mask_url(url)}: {problem}")
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def _url_problem(exc: Exception) -> str:
    """What was wrong, without quoting the URL or its parts (SQLAlchemy's messages may)."""
    if isinstance(exc, ValueError) and str(exc).startswith("invalid literal for int()"):
        return "the port is not a number"
    return "it does not parse as dialect+driver://user:password@host:port/database"


_SECRET_QUERY = re.compile(r"(?i)((?:^|[?&;])(?:password|passwd|pwd|sslpassword)=)[^&;]*")


def mask_url(url: str) -> str:
    """``url`` for messages, with anything that may be a password as ``***``.

    Works on strings that do not parse, where SQLAlchemy's own masking cannot
    be used: the text after ``user:`` up to the last ``@``; with no ``://``,
    everything before the last ``@``; with no ``@``, a non-numeric "port" (a
    ``user:password`` whose ``@`` was forgotten); password query parameters.
    Control characters are escaped so the message stays on one line.
    """
    scheme, sep, rest = url.partition("://")
    if not sep:
        at = url.rfind("@")
        masked = "***" + url[at:] if at >= 0 else url
    else:
        at = rest.rfind("@")
        if at >= 0:
            userinfo, host_part = rest[:at], rest[at:]
            if ":" in userinfo:
                userinfo = userinfo.split(":", 1)[0] + ":***"
            rest = userinfo + host_part
        else:
            authority, slash, path = rest.partition("/")
            host, colon, port = authority.rpartition(":")
            if colon and port and not port.isdigit() and not host.startswith("["):
                rest = f"{host}:***{slash}{path}"
        masked = scheme + sep + _SECRET_QUERY.sub(r"\1***", rest)
    return masked if masked.isprintable() else masked.encode("unicode_escape").decode("ascii")


def is_sqlite(engine_or_url: Engine | str) -> bool:
    url = engine_or_url.url if isinstance(engine_or_url, Engine) else make_url(engine_or_url)
    return url.get_backend_name() == "sqlite"


def _refuse_unwritable(database: str | None) -> None:
    problem = sqlite_unwritable(database)
    if problem is not None:
        raise DatabaseReadOnly(f"the database cannot be written: {problem}")


def make_engine(url: str, *, busy_timeout_s: float = 30.0) -> Engine:
    """An engine with the pragmas the monitor relies on (WAL, FKs, busy timeout)."""
    try:
        parsed = make_url(url)
    except Exception as exc:  # sqlalchemy.exc.ArgumentError
        raise DatabaseURLError(f"invalid database URL {mask_url(url)}: {_url_problem(exc)}") from None
    if parsed.get_backend_name() == "sqlite":
        _private_sqlite_file(parsed.database)
        engine = create_engine(
            parsed,
            connect_args={"timeout": busy_timeout_s, "check_same_thread": False},
        )

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):  # pragma: no cover - exercised via every test
            # SQLite may just have created the file (its directory was missing when the
            # engine was made): make it 0600 before WAL mode creates -wal/-shm from its mode
            _private_sqlite_file(parsed.database, create=False)
            _refuse_unwritable(parsed.database)
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_s * 1000)}")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _writable(_conn):  # pragma: no cover - exercised via every test
            # before the first statement of every transaction, reads included (they write
            # to -shm): refusing here leaves the connection unused, so closing it is safe
            _refuse_unwritable(parsed.database)

        return engine
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")  # psycopg 3, not psycopg2
    try:
        # a server that does not answer fails a connect in 10 s instead of the kernel's minutes
        return create_engine(parsed, pool_pre_ping=True, connect_args={"connect_timeout": 10})
    except Exception as exc:  # unknown dialect, missing driver (psycopg not installed)
        raise DatabaseError(f"cannot use database URL {parsed.render_as_string()!r}: {exc}") from None


def _private_sqlite_file(database: str | None, *, create: bool = True) -> None:
    """Create the SQLite file owner-only (0600), or tighten an existing one and its -wal/-shm.

    SQLite creates ``-wal``/``-shm`` with the mode of the database file, so a
    0600 database keeps them private too. Failures (no such directory, a
    file owned by someone else) are left for SQLite to report or ignore.
    """
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    if create:
        try:
            os.close(os.open(database, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600))  # an empty database
        except OSError:
            return
    for path in (database, database + "-wal", database + "-shm", database + "-journal"):
        try:
            st = os.stat(path)
            if st.st_mode & 0o077 and st.st_uid == os.geteuid():
                os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
                if st.st_size:  # not one SQLite created a moment ago
                    log.warning("%s was open to other users (mode %o); set to 0600", path,
                                stat.S_IMODE(st.st_mode))
        except OSError:
            pass


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def take_write_lock(session: Session) -> None:
    """On SQLite, make this transaction a writer now, so it waits (busy timeout) for
    other writers instead of failing when it later upgrades a read to a write.
    SQLite has one write lock per file, so a no-op ``UPDATE`` of any table takes it;
    PostgreSQL locks rows as it goes and needs nothing here."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("UPDATE deliveries SET attempts = attempts WHERE 0 = 1"))


def rowcount(result: Result[Any]) -> int:
    """Rows an INSERT/UPDATE/DELETE matched.

    ``Session.execute`` is typed to return a plain ``Result``; for a DML
    statement it is a ``CursorResult``, which carries the count.
    """
    return cast("CursorResult[Any]", result).rowcount


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session whose work commits on success and rolls back on error."""
    with factory() as session, session.begin():
        yield session
