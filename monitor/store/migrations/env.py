"""Alembic environment for the monitor's store, shipped inside the package.

Run programmatically by :mod:`monitor.store.schema` (no ``alembic.ini``): the
caller puts an open SQLAlchemy connection in ``config.attributes["connection"]``
or a URL in the ``sqlalchemy.url`` option. ``render_as_batch`` lets later
migrations alter SQLite tables (copy-and-move) with the same code as PostgreSQL.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool

from monitor.store.models import Base

config = context.config
target_metadata = Base.metadata


def _configure(connection=None, url: str | None = None) -> None:
    context.configure(
        connection=connection,
        url=url,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        literal_binds=connection is None,
    )


def run_migrations_offline() -> None:
    """Emit SQL to stdout (``alembic upgrade --sql``) without a database."""
    _configure(url=config.get_main_option("sqlalchemy.url"))
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Migrate through the caller's connection, or one opened from the URL."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = config.get_main_option("sqlalchemy.url")
    if url is None:
        raise RuntimeError("alembic: neither a connection nor sqlalchemy.url was given")
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.connect() as conn:
        _configure(connection=conn)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
