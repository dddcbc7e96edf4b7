"""``monitor db upgrade|current``: schema migrations (Alembic), and store access for the CLI."""

from __future__ import annotations

from pathlib import Path

import click
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from monitor.cli import cli
from monitor.cli.common import BadInput, MonitorError, MonitorGroup, config_dir, config_option, print_json
from monitor.settings import load_settings
from monitor.store.db import DatabaseError, DatabaseURLError, make_engine, make_sessionmaker, resolve_url


def database_url(config: Path) -> str:
    """``$MONITOR_DATABASE_URL``, else ``database:`` in monitor.yaml, else the default.

    A malformed URL is bad input (exit 2) with a one-line, password-masked reason.
    """
    try:
        return resolve_url(load_settings(config).database)
    except DatabaseURLError as exc:
        raise BadInput(str(exc)) from None


def safe_url(url: str) -> str:
    """The URL with its password masked, for messages."""
    return make_url(url).render_as_string(hide_password=True)


def open_store(config: Path, *, migrate: bool) -> tuple[Engine, sessionmaker[Session]]:
    """Engine and sessions for a CLI command.

    ``migrate=True`` upgrades the schema first (commands that write);
    otherwise a database without the schema is a one-line error, not a
    silently created empty store.
    """
    from monitor.store.schema import current_revision, ensure_schema  # alembic: imported when needed

    url = database_url(config)
    try:
        engine = make_engine(url)
        if migrate:
            ensure_schema(engine)
        else:
            rev = current_revision(engine)
            if rev is None:
                engine.dispose()
                raise MonitorError(
                    f"database {safe_url(url)} has no monitor schema yet: run `monitor db upgrade` or `monitor run`"
                )
    except DatabaseError as exc:
        raise MonitorError(str(exc)) from None
    return engine, make_sessionmaker(engine)


@cli.group("db", cls=MonitorGroup)
@config_option
def db_group() -> None:
    """Schema migrations of the monitor's database (Alembic)."""


@db_group.command("upgrade")
@config_option
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def upgrade_cmd(as_json: bool) -> None:
    """Upgrade the database schema to the newest revision (safe to run twice)."""
    from monitor.store.schema import upgrade_schema

    url = database_url(config_dir())
    try:
        engine = make_engine(url)
        before, after = upgrade_schema(engine)
    except DatabaseError as exc:
        raise MonitorError(str(exc)) from None
    engine.dispose()
    if as_json:
        print_json({"database": safe_url(url), "from": before, "to": after})
    elif before == after:
        click.echo(f"{safe_url(url)}: already at revision {after} (head)")
    else:
        click.echo(f"{safe_url(url)}: upgraded from {before or 'empty'} to {after} (head)")


@db_group.command("current")
@config_option
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def current_cmd(as_json: bool) -> None:
    """Show the database's schema revision and whether it is up to date."""
    from monitor.store.schema import current_revision, head_revision

    url = database_url(config_dir())
    try:
        engine = make_engine(url)
        rev = current_revision(engine)
    except DatabaseError as exc:
        raise MonitorError(str(exc)) from None
    engine.dispose()
    head = head_revision()
    if as_json:
        print_json({"database": safe_url(url), "current": rev, "head": head, "up_to_date": rev == head})
    elif rev is None:
        click.echo(f"{safe_url(url)}: empty (no schema); head is {head}: run `monitor db upgrade`")
    else:
        click.echo(f"{safe_url(url)}: {rev}{' (head)' if rev == head else f' (head is {head})'}")
