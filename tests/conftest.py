"""Shared test fixtures: where the shared corpus is, PostgreSQL, temp databases.

Tests that need ``../shared/corpus``, a PostgreSQL server or something of the machine
(root for ``chattr``, PyYAML with libyaml, a second loopback address) skip only outside
CI: ``.ci/run`` sets ``MONITOR_REQUIRE_CORPUS`` / ``MONITOR_REQUIRE_POSTGRES`` /
``MONITOR_REQUIRE_PLATFORM`` so that a missing resource fails the run instead of
silently skipping.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
DEFAULT_CONFIG = REPO / "config"
TEST_DATA = Path(__file__).resolve().parent / "data"


def pytest_configure(config: pytest.Config) -> None:
    """Keep the derived-data cache (graphs.cache) out of the user's home: one per user
    in the temp dir, shared by xdist workers and the daemons tests start (they inherit it)."""
    if "MONITOR_CACHE_DIR" not in os.environ:
        uid = os.getuid() if hasattr(os, "getuid") else 0
        os.environ["MONITOR_CACHE_DIR"] = str(Path(tempfile.gettempdir()) / f"eu-supply-monitor-tests-{uid}")


def _missing(what: str, env: str) -> None:
    if os.environ.get(env):
        pytest.fail(f"{what} is required here ({env} is set) but missing")
    pytest.skip(f"{what} not available")


def platform_lacks(what: str) -> None:
    """Skip a test this machine cannot run (``what`` it lacks); fail instead in CI."""
    _missing(what, "MONITOR_REQUIRE_PLATFORM")


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """``../shared/corpus`` (real feeds, feedparser's suite, Willems 2008)."""
    if not CORPUS.is_dir():
        _missing(f"shared corpus at {CORPUS}", "MONITOR_REQUIRE_CORPUS")
    return CORPUS


def _create_missing_database(url: str) -> str | None:
    """Create the database of ``url`` on its server; ``None`` when done, else the command to run."""
    import psycopg
    from sqlalchemy.engine import make_url

    parsed = make_url(url).set(drivername="postgresql")
    name = parsed.database or "monitor_test"
    command = (f"createdb -h {parsed.host or '127.0.0.1'} -p {parsed.port or 5432} "
               f"-U {parsed.username or 'postgres'} {name}")
    admin = parsed.set(database="postgres").render_as_string(hide_password=False)
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.errors.DuplicateDatabase:
        return None  # another test worker created it meanwhile
    except Exception as exc:  # noqa: BLE001 - no rights to create it: say what to run
        return f"{command}   ({exc.__class__.__name__}: {str(exc).strip().splitlines()[0]})"
    return None


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """A reachable PostgreSQL URL (``MONITOR_TEST_POSTGRES_URL`` or the local default).

    A server that answers but lacks the test database gets it created; if that
    is not allowed, the failure or skip says exactly which command creates it."""
    url = os.environ.get("MONITOR_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/monitor_test")
    try:
        import psycopg

        plain = url.replace("postgresql+psycopg://", "postgresql://")
        try:
            with psycopg.connect(plain, connect_timeout=3):
                pass
        except psycopg.OperationalError as exc:
            if "does not exist" not in str(exc):
                raise
            todo = _create_missing_database(plain)
            if todo is not None:
                _missing(f"the PostgreSQL database of {url} (the server answers; create it with: {todo})",
                         "MONITOR_REQUIRE_POSTGRES")
    except Exception as exc:  # noqa: BLE001 - any other failure means "not reachable"
        _missing(f"PostgreSQL at {url} ({exc.__class__.__name__})", "MONITOR_REQUIRE_POSTGRES")
    return url


@pytest.fixture()
def sqlite_url(tmp_path: Path) -> str:
    """A real SQLite file in the test's temp dir."""
    return f"sqlite:///{tmp_path / 'monitor.db'}"


@pytest.fixture(scope="session")
def default_config() -> Path:
    return DEFAULT_CONFIG


@contextmanager
def fresh_postgres_database(server_url: str, prefix: str = "monitor_t") -> Iterator[str]:
    """A new, empty database on the server of ``server_url``; yields a plain
    ``postgresql://`` URL (as an operator would write it); dropped afterwards."""
    import psycopg
    from sqlalchemy.engine import make_url

    base = make_url(server_url).set(drivername="postgresql")
    admin = base.render_as_string(hide_password=False)
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture()
def fresh_postgres(postgres_url: str) -> Iterator[str]:
    """A throw-away PostgreSQL database for one test (plain ``postgresql://`` URL)."""
    with fresh_postgres_database(postgres_url) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, sqlite_url: str) -> Iterator[str]:
    """The test runs twice: on a fresh SQLite file and on a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield sqlite_url
        return
    from monitor.store.db import resolve_url

    with fresh_postgres_database(request.getfixturevalue("postgres_url")) as pg:
        yield resolve_url(pg)
